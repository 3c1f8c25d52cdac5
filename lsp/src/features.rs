//! What the server answers: capabilities, diagnostics and every request.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ir::{MethodSig, Type};
use lsp_types::request::Request as _;
use lsp_types::{self as lt, request as r};
use phantom_frontend::index::{Occurrence, Symbol};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::text::{self, Lines};
use crate::world::{short_name, Decl, Unit, World};
use crate::{path_uri, uri_path};

/// Why a request got no answer.
pub enum Failure {
    /// The server does not know the method.
    Unknown,
    /// The parameters do not fit the method.
    BadParams(String),
    /// The request cannot be carried out (e.g. renaming a class).
    Refused(String),
}

/// Legend of the semantic tokens: index = token type.
pub const TOKEN_TYPES: [lt::SemanticTokenType; 5] = [
    lt::SemanticTokenType::CLASS,
    lt::SemanticTokenType::PROPERTY,
    lt::SemanticTokenType::METHOD,
    lt::SemanticTokenType::PARAMETER,
    lt::SemanticTokenType::VARIABLE,
];

/// The keywords offered by completion.
pub const KEYWORDS: &[&str] = &[
    "package",
    "import",
    "class",
    "interface",
    "extends",
    "implements",
    "var",
    "void",
    "int",
    "long",
    "float",
    "double",
    "string",
    "if",
    "else",
    "while",
    "do",
    "foreach",
    "in",
    "return",
    "throw",
    "try",
    "catch",
    "switch",
    "case",
    "default",
    "break",
    "continue",
    "new",
    "null",
    "this",
];

/// What the server can do.
pub fn capabilities() -> lt::ServerCapabilities {
    lt::ServerCapabilities {
        text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
            lt::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lt::TextDocumentSyncKind::FULL),
                save: Some(lt::TextDocumentSyncSaveOptions::SaveOptions(
                    lt::SaveOptions {
                        include_text: Some(true),
                    },
                )),
                ..Default::default()
            },
        )),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lt::OneOf::Left(true)),
        references_provider: Some(lt::OneOf::Left(true)),
        completion_provider: Some(lt::CompletionOptions {
            trigger_characters: Some(vec![".".into(), ":".into(), " ".into()]),
            ..Default::default()
        }),
        signature_help_provider: Some(lt::SignatureHelpOptions {
            trigger_characters: Some(vec!["(".into(), ",".into()]),
            ..Default::default()
        }),
        document_symbol_provider: Some(lt::OneOf::Left(true)),
        workspace_symbol_provider: Some(lt::OneOf::Left(true)),
        rename_provider: Some(lt::OneOf::Right(lt::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(lt::CodeActionProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(
            lt::SemanticTokensServerCapabilities::SemanticTokensOptions(
                lt::SemanticTokensOptions {
                    legend: lt::SemanticTokensLegend {
                        token_types: TOKEN_TYPES.to_vec(),
                        token_modifiers: vec![lt::SemanticTokenModifier::DECLARATION],
                    },
                    full: Some(lt::SemanticTokensFullOptions::Bool(true)),
                    ..Default::default()
                },
            ),
        ),
        ..Default::default()
    }
}

/// The diagnostics of `path` from its last analysis, in LSP form: the
/// compiler's code, its message with the primary label, notes and help,
/// and the other labels as related information.
pub fn diagnostics(world: &World, path: &Path) -> lt::PublishDiagnosticsParams {
    let uri = path_uri(path);
    let mut out = Vec::new();
    if let Some((unit, fi)) = world.unit(path) {
        let lines = Lines::new(&unit.texts[fi]);
        for (_, d) in unit.diags.iter().filter(|(f, _)| *f == fi) {
            let mut message = d.message.clone();
            for l in d.labels.iter().filter(|l| l.primary) {
                message += &format!("\n{}", l.message);
            }
            for n in &d.notes {
                message += &format!("\nnote: {n}");
            }
            for h in &d.help {
                message += &format!("\nhelp: {h}");
            }
            let related: Vec<lt::DiagnosticRelatedInformation> = d
                .labels
                .iter()
                .filter(|l| !l.primary)
                .map(|l| lt::DiagnosticRelatedInformation {
                    location: lt::Location::new(uri.clone(), lines.range(&l.span)),
                    message: l.message.clone(),
                })
                .collect();
            out.push(lt::Diagnostic {
                range: lines.range(&d.span()),
                severity: Some(if d.is_error() {
                    lt::DiagnosticSeverity::ERROR
                } else {
                    lt::DiagnosticSeverity::WARNING
                }),
                code: Some(lt::NumberOrString::String(d.code.to_string())),
                source: Some("plc".into()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..Default::default()
            });
        }
    }
    lt::PublishDiagnosticsParams {
        uri,
        diagnostics: out,
        version: None,
    }
}

fn parse<P: DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params).map_err(|e| Failure::BadParams(e.to_string()))
}

fn json<T: serde::Serialize>(v: T) -> Result<Value, Failure> {
    serde_json::to_value(v).map_err(|e| Failure::Refused(e.to_string()))
}

/// Answers the request `method` with `params`.
pub fn handle(world: &mut World, method: &str, params: Value) -> Result<Value, Failure> {
    match method {
        r::HoverRequest::METHOD => json(hover(world, &parse(params)?)),
        r::GotoDefinition::METHOD => {
            let p: lt::GotoDefinitionParams = parse(params)?;
            json(definition(world, &p.text_document_position_params))
        }
        r::References::METHOD => {
            let p: lt::ReferenceParams = parse(params)?;
            json(references(
                world,
                &p.text_document_position,
                p.context.include_declaration,
            ))
        }
        r::Completion::METHOD => {
            let p: lt::CompletionParams = parse(params)?;
            json(completion(world, &p.text_document_position))
        }
        r::SignatureHelpRequest::METHOD => {
            let p: lt::SignatureHelpParams = parse(params)?;
            json(signature_help(world, &p.text_document_position_params))
        }
        r::DocumentSymbolRequest::METHOD => {
            let p: lt::DocumentSymbolParams = parse(params)?;
            json(document_symbols(world, &uri_path(&p.text_document.uri)))
        }
        r::WorkspaceSymbolRequest::METHOD => {
            let p: lt::WorkspaceSymbolParams = parse(params)?;
            json(workspace_symbols(world, &p.query))
        }
        r::SemanticTokensFullRequest::METHOD => {
            let p: lt::SemanticTokensParams = parse(params)?;
            json(semantic_tokens(world, &uri_path(&p.text_document.uri)))
        }
        r::PrepareRenameRequest::METHOD => {
            let p: lt::TextDocumentPositionParams = parse(params)?;
            json(prepare_rename(world, &p)?)
        }
        r::Rename::METHOD => {
            let p: lt::RenameParams = parse(params)?;
            json(rename(world, &p.text_document_position, &p.new_name)?)
        }
        r::CodeActionRequest::METHOD => {
            let p: lt::CodeActionParams = parse(params)?;
            json(code_actions(world, &p))
        }
        _ => Err(Failure::Unknown),
    }
}

/// The file and byte offset of a position, with the file analysed.
fn locate(world: &mut World, tdp: &lt::TextDocumentPositionParams) -> Option<(PathBuf, usize)> {
    let path = uri_path(&tdp.text_document.uri);
    world.ensure_fresh(&path);
    let text = world.text(&path)?;
    Some((path.clone(), Lines::new(text).offset(tdp.position)))
}

/// The occurrence under the cursor.
fn occurrence_at(
    world: &mut World,
    tdp: &lt::TextDocumentPositionParams,
) -> Option<(PathBuf, Occurrence)> {
    let (path, offset) = locate(world, tdp)?;
    let (unit, fi) = world.unit(&path)?;
    let o = unit.index.occurrence_at(fi, offset)?.clone();
    Some((path, o))
}

fn location(world: &World, d: &Decl) -> Option<lt::Location> {
    let text = world.text(&d.path)?;
    Some(lt::Location::new(
        path_uri(&d.path),
        Lines::new(text).range(&d.span),
    ))
}

/// A method's signature as written, with its ordinal.
pub fn signature(class: &str, m: &MethodSig) -> String {
    let args: Vec<String> = m
        .args
        .iter()
        .map(|a| format!("var {} : {}", a.name, a.ty))
        .collect();
    let name = if m.is_ctor {
        short_name(class)
    } else {
        &m.name
    };
    format!("{} {}({}) [{}]", m.ret, name, args.join(", "), m.ordinal)
}

/// The comment lines right above a declaration (`//` lines or a `/* */` block).
fn doc_comment(text: &str, at: usize) -> Option<String> {
    let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let mut lines: Vec<&str> = Vec::new();
    let mut rest = &text[..line_start];
    let mut in_block = false;
    while !rest.is_empty() {
        let body = rest.strip_suffix('\n').unwrap_or(rest);
        let start = body.rfind('\n').map_or(0, |i| i + 1);
        let line = body[start..].trim();
        if in_block {
            let l = line.trim_start_matches("/**").trim_start_matches("/*");
            lines.push(l.trim_start_matches('*').trim());
            if line.starts_with("/*") {
                break;
            }
        } else if let Some(c) = line.strip_prefix("//") {
            lines.push(c.trim_start_matches('/').trim());
        } else if line.ends_with("*/") {
            in_block = true;
            let l = line.trim_end_matches("*/").trim();
            if l.starts_with("/*") {
                lines.push(l.trim_start_matches("/**").trim_start_matches("/*").trim());
                in_block = false;
            } else {
                lines.push(l.trim_start_matches('*').trim());
            }
        } else {
            break;
        }
        rest = &body[..start];
    }
    lines.reverse();
    let doc = lines
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (!doc.is_empty()).then_some(doc)
}

fn describe(world: &World, unit: &Unit, o: &Occurrence) -> String {
    let code = match &o.symbol {
        Symbol::Local { name, arg, .. } => {
            let what = if *arg { "argument" } else { "local variable" };
            format!("```phantom\nvar {name} : {}\n```\n{what}", o.ty)
        }
        Symbol::Field { class, name } => {
            format!("```phantom\nvar {name} : {}\n```\nfield of `{class}`", o.ty)
        }
        Symbol::Method {
            class,
            name,
            ordinal,
        } => {
            let sig = world
                .class(unit, class)
                .and_then(|c| c.methods.into_iter().find(|m| m.ordinal == *ordinal));
            let text = match sig {
                Some(m) => signature(class, &m),
                None => format!("{} {name}() [{ordinal}]", o.ty),
            };
            format!("```phantom\n{text}\n```\nmethod of `{class}`, ordinal {ordinal}")
        }
        Symbol::Class(c) => {
            let mut head = format!("class {c}");
            if let Some(d) = world.class(unit, c) {
                if d.is_interface {
                    head = format!("interface {c}");
                }
                if let Some(p) = &d.parent {
                    head += &format!(" extends {p}");
                }
                for i in &d.interfaces {
                    head += &format!(" implements {i}");
                }
            }
            format!("```phantom\n{head}\n```")
        }
    };
    let doc = world
        .declaration(unit, &o.symbol)
        .and_then(|d| doc_comment(world.text(&d.path)?, d.span.start));
    match doc {
        Some(doc) => format!("{code}\n\n{doc}"),
        None => code,
    }
}

/// Hover: what the name under the cursor is, or the type of the expression.
pub fn hover(world: &mut World, p: &lt::HoverParams) -> Option<lt::Hover> {
    let tdp = &p.text_document_position_params;
    let (path, offset) = locate(world, tdp)?;
    let (unit, fi) = world.unit(&path)?;
    let lines = Lines::new(&unit.texts[fi]);
    let (value, span) = if let Some(o) = unit.index.occurrence_at(fi, offset) {
        (describe(world, unit, o), o.span.clone())
    } else {
        let e = unit.index.expr_at(fi, offset)?;
        if e.ty == Type::Error {
            return None; // nothing useful to say about what did not check
        }
        (format!("```phantom\n{}\n```", e.ty), e.span.clone())
    };
    Some(lt::Hover {
        contents: lt::HoverContents::Markup(lt::MarkupContent {
            kind: lt::MarkupKind::Markdown,
            value,
        }),
        range: Some(lines.range(&span)),
    })
}

/// Go to definition.
pub fn definition(
    world: &mut World,
    tdp: &lt::TextDocumentPositionParams,
) -> Option<lt::GotoDefinitionResponse> {
    let (path, o) = occurrence_at(world, tdp)?;
    let (unit, _) = world.unit(&path)?;
    let d = world.declaration(unit, &o.symbol)?;
    Some(lt::GotoDefinitionResponse::Scalar(location(world, &d)?))
}

/// Every occurrence of the symbol under the cursor in the workspace, as
/// (file, span), declarations included if asked.
fn occurrences_of(
    world: &mut World,
    tdp: &lt::TextDocumentPositionParams,
    include_decl: bool,
) -> Option<(Symbol, Vec<Decl>)> {
    let (path, o) = occurrence_at(world, tdp)?;
    let mut out = Vec::new();
    if let Symbol::Local { .. } = o.symbol {
        let (unit, fi) = world.unit(&path)?;
        for x in unit.occurrences(fi) {
            if x.symbol == o.symbol && (include_decl || !x.decl) {
                out.push(Decl {
                    path: path.clone(),
                    span: x.span.clone(),
                });
            }
        }
        return Some((o.symbol, out));
    }
    let paths: Vec<PathBuf> = world.files.keys().cloned().collect();
    for p in &paths {
        world.ensure_fresh(p);
    }
    let (here, _) = world.unit(&path)?;
    for p in &paths {
        let Some((unit, fi)) = world.unit(p) else {
            continue;
        };
        for x in unit.occurrences(fi) {
            if (include_decl || !x.decl)
                && std::mem::discriminant(&x.symbol) == std::mem::discriminant(&o.symbol)
                && (world.same_symbol(unit, &x.symbol, &o.symbol)
                    || world.same_symbol(here, &x.symbol, &o.symbol))
            {
                out.push(Decl {
                    path: p.clone(),
                    span: x.span.clone(),
                });
            }
        }
    }
    Some((o.symbol, out))
}

/// Find references.
pub fn references(
    world: &mut World,
    tdp: &lt::TextDocumentPositionParams,
    include_decl: bool,
) -> Option<Vec<lt::Location>> {
    let (_, found) = occurrences_of(world, tdp, include_decl)?;
    Some(
        found
            .into_iter()
            .filter_map(|d| location(world, &d))
            .collect(),
    )
}

/// Whether the name under the cursor can be renamed, and its range: `None`
/// where there is no name, refused for classes, constructors and names
/// declared in the class library (whose files are not the user's).
pub fn prepare_rename(
    world: &mut World,
    tdp: &lt::TextDocumentPositionParams,
) -> Result<Option<lt::PrepareRenameResponse>, Failure> {
    let Some((path, o)) = occurrence_at(world, tdp) else {
        return Ok(None);
    };
    match &o.symbol {
        Symbol::Class(_) => return Err(Failure::Refused("classes cannot be renamed".into())),
        Symbol::Method { name, .. } if name == "<init>" => {
            return Err(Failure::Refused("constructors cannot be renamed".into()))
        }
        _ => {}
    }
    let Some((unit, _)) = world.unit(&path) else {
        return Ok(None);
    };
    let declared_here = world
        .declaration(unit, &o.symbol)
        .is_some_and(|d| world.files.contains_key(&d.path));
    if !declared_here {
        return Err(Failure::Refused(
            "names declared in the class library cannot be renamed".into(),
        ));
    }
    let Some(text) = world.text(&path) else {
        return Ok(None);
    };
    let range = Lines::new(text).range(&o.span);
    Ok(Some(lt::PrepareRenameResponse::RangeWithPlaceholder {
        range,
        placeholder: text.get(o.span.clone()).unwrap_or_default().to_string(),
    }))
}

/// Rename a local, argument, field or method everywhere in the workspace.
pub fn rename(
    world: &mut World,
    tdp: &lt::TextDocumentPositionParams,
    new_name: &str,
) -> Result<Option<lt::WorkspaceEdit>, Failure> {
    let valid = new_name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && new_name.chars().all(text::is_ident)
        && !KEYWORDS.contains(&new_name);
    if !valid {
        return Err(Failure::Refused(format!(
            "`{new_name}` is not a valid name"
        )));
    }
    if prepare_rename(world, tdp)?.is_none() {
        return Ok(None);
    }
    let Some((_, found)) = occurrences_of(world, tdp, true) else {
        return Ok(None);
    };
    let mut changes: HashMap<lt::Url, Vec<lt::TextEdit>> = HashMap::new();
    for Decl { path: p, span: s } in found {
        if !world.files.contains_key(&p) {
            continue; // the class library is not the user's to edit
        }
        let Some(text) = world.text(&p) else { continue };
        let range = Lines::new(text).range(&s);
        changes
            .entry(path_uri(&p))
            .or_default()
            .push(lt::TextEdit::new(range, new_name.to_string()));
    }
    Ok(Some(lt::WorkspaceEdit::new(changes)))
}

fn class_members(world: &World, unit: &Unit, class: &str) -> Vec<lt::CompletionItem> {
    let mut items = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    for d in world.ancestors(unit, class) {
        for m in &d.methods {
            if m.is_ctor || seen.contains(&m.ordinal) {
                continue;
            }
            seen.push(m.ordinal);
            items.push(lt::CompletionItem {
                label: m.name.clone(),
                kind: Some(lt::CompletionItemKind::METHOD),
                detail: Some(signature(&d.name, m)),
                documentation: Some(lt::Documentation::String(format!(
                    "method of `{}`, ordinal {}",
                    d.name, m.ordinal
                ))),
                ..Default::default()
            });
        }
    }
    items
}

/// The type of the expression that ends just before the `.` at `dot`.
fn receiver_type(world: &mut World, path: &Path, dot: usize) -> Option<Type> {
    let text = world.text(path)?.to_string();
    let here = |world: &World, text: &str| -> Option<Type> {
        let (unit, fi) = world.unit(path)?;
        if unit.texts[fi].get(..dot) != text.get(..dot) {
            return None;
        }
        unit.index
            .exprs
            .iter()
            .filter(|e| e.file == fi && e.span.end == text::ident_end_before(&unit.texts[fi], dot))
            .max_by_key(|e| e.span.len())
            .map(|e| e.ty.clone())
    };
    if let Some(t) = here(world, &text) {
        return Some(t);
    }
    // The text with the member access cut off (`x.ab|` → `x;`) usually
    // compiles where the unfinished one does not.
    let line_end = text[dot..].find('\n').map_or(text.len(), |i| dot + i);
    let patched = format!("{};{}", &text[..dot], &text[line_end..]);
    let unit = world.compile_as(path, &patched);
    let end = text::ident_end_before(&patched, dot);
    unit.index
        .exprs
        .iter()
        .filter(|e| e.file == 0 && e.span.end == end)
        .max_by_key(|e| e.span.len())
        .map(|e| e.ty.clone())
        .or_else(|| {
            // Last resort: a variable or field of that name in the file.
            let start = text::ident_start(&text, dot);
            let name = &text[start..dot];
            let (u, fi) = world.unit(path)?;
            u.occurrences(fi)
                .find(|o| {
                    matches!(&o.symbol, Symbol::Local { name: n, .. } | Symbol::Field { name: n, .. } if n == name)
                })
                .map(|o| o.ty.clone())
        })
}

fn class_items(world: &World, kind: lt::CompletionItemKind) -> Vec<lt::CompletionItem> {
    world
        .class_names()
        .into_iter()
        .map(|c| lt::CompletionItem {
            label: c.clone(),
            kind: Some(kind),
            filter_text: Some(short_name(&c).to_string()),
            ..Default::default()
        })
        .collect()
}

/// Completion: members after `.`, types after `:`, classes after `new`
/// and `import`, otherwise keywords and the names in scope.
pub fn completion(
    world: &mut World,
    tdp: &lt::TextDocumentPositionParams,
) -> Option<lt::CompletionResponse> {
    let (path, offset) = locate(world, tdp)?;
    let text = world.text(&path)?.to_string();
    let start = text::ident_start(&text, offset);
    let before = text::char_before(&text, start);
    let word_before = {
        let end = before.map_or(0, |(i, c)| i + c.len_utf8());
        &text[text::ident_start(&text, end)..end]
    };
    let items = if let Some((dot, '.')) = before {
        let ty = receiver_type(world, &path, dot)?;
        let class = ty.class_name()?.to_string();
        let (unit, _) = world.unit(&path)?;
        class_members(world, unit, &class)
    } else if let Some((_, ':')) = before {
        let mut items: Vec<lt::CompletionItem> =
            ["int", "long", "float", "double", "string", "void"]
                .iter()
                .map(|k| lt::CompletionItem {
                    label: k.to_string(),
                    kind: Some(lt::CompletionItemKind::KEYWORD),
                    ..Default::default()
                })
                .collect();
        items.extend(class_items(world, lt::CompletionItemKind::CLASS));
        items
    } else if word_before == "new" || word_before == "import" {
        class_items(world, lt::CompletionItemKind::CLASS)
    } else {
        let mut items: Vec<lt::CompletionItem> = KEYWORDS
            .iter()
            .map(|k| lt::CompletionItem {
                label: k.to_string(),
                kind: Some(lt::CompletionItemKind::KEYWORD),
                ..Default::default()
            })
            .collect();
        if let Some((unit, fi)) = world.unit(&path) {
            let mut seen = Vec::new();
            for o in unit.occurrences(fi).filter(|o| o.decl) {
                let (name, kind) = match &o.symbol {
                    Symbol::Local { name, .. } => (name, lt::CompletionItemKind::VARIABLE),
                    Symbol::Field { name, .. } => (name, lt::CompletionItemKind::FIELD),
                    Symbol::Method { name, .. } if name != "<init>" => {
                        (name, lt::CompletionItemKind::METHOD)
                    }
                    _ => continue,
                };
                if !seen.contains(name) {
                    seen.push(name.clone());
                    items.push(lt::CompletionItem {
                        label: name.clone(),
                        kind: Some(kind),
                        detail: Some(o.ty.to_string()),
                        ..Default::default()
                    });
                }
            }
        }
        items
    };
    Some(lt::CompletionResponse::Array(items))
}

/// Signature help inside the argument list of a call by name.
pub fn signature_help(
    world: &mut World,
    tdp: &lt::TextDocumentPositionParams,
) -> Option<lt::SignatureHelp> {
    let (path, offset) = locate(world, tdp)?;
    let text = world.text(&path)?.to_string();
    // Find the unclosed `(` before the cursor, counting commas at its level.
    let mut depth = 0i32;
    let mut commas = 0u32;
    let mut open = None;
    for (i, c) in text[..offset].char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(i);
                break;
            }
            '(' => depth -= 1,
            ',' if depth == 0 => commas += 1,
            ';' | '{' | '}' => return None,
            _ => {}
        }
    }
    let open = open?;
    let name_end = open;
    let name_start = text::ident_start(&text, name_end);
    let name = text[name_start..name_end].to_string();
    if name.is_empty() {
        return None;
    }
    let class = match text::char_before(&text, name_start) {
        Some((dot, '.')) => receiver_type(world, &path, dot)?.class_name()?.to_string(),
        _ => {
            // A call on `this`: the class whose body holds the cursor.
            let (unit, fi) = world.unit(&path)?;
            unit.occurrences(fi)
                .filter(|o| o.decl && o.span.start < offset)
                .filter_map(|o| match &o.symbol {
                    Symbol::Class(c) => Some(c.clone()),
                    _ => None,
                })
                .last()?
        }
    };
    let (unit, _) = world.unit(&path)?;
    let mut sigs = Vec::new();
    let mut seen = Vec::new();
    for d in world.ancestors(unit, &class) {
        for m in d.methods.iter().filter(|m| m.name == name) {
            if seen.contains(&m.ordinal) {
                continue;
            }
            seen.push(m.ordinal);
            sigs.push(lt::SignatureInformation {
                label: signature(&d.name, m),
                documentation: Some(lt::Documentation::String(format!(
                    "method of `{}`, ordinal {}",
                    d.name, m.ordinal
                ))),
                parameters: Some(
                    m.args
                        .iter()
                        .map(|a| lt::ParameterInformation {
                            label: lt::ParameterLabel::Simple(format!("var {} : {}", a.name, a.ty)),
                            documentation: None,
                        })
                        .collect(),
                ),
                active_parameter: None,
            });
        }
    }
    if sigs.is_empty() {
        return None;
    }
    let active = sigs
        .iter()
        .position(|s| {
            s.parameters
                .as_ref()
                .is_some_and(|p| p.len() as u32 > commas)
        })
        .unwrap_or(0);
    Some(lt::SignatureHelp {
        signatures: sigs,
        active_signature: Some(active as u32),
        active_parameter: Some(commas),
    })
}

fn symbol_info(path: &Path, lines: &Lines, o: &Occurrence) -> Option<lt::SymbolInformation> {
    let (name, kind, container) = match &o.symbol {
        Symbol::Class(c) => (c.clone(), lt::SymbolKind::CLASS, None),
        Symbol::Field { class, name } => (name.clone(), lt::SymbolKind::FIELD, Some(class.clone())),
        Symbol::Method { class, name, .. } => {
            let kind = if name == "<init>" {
                lt::SymbolKind::CONSTRUCTOR
            } else {
                lt::SymbolKind::METHOD
            };
            (name.clone(), kind, Some(class.clone()))
        }
        Symbol::Local { .. } => return None,
    };
    #[allow(deprecated)]
    Some(lt::SymbolInformation {
        name,
        kind,
        tags: None,
        deprecated: None,
        location: lt::Location::new(path_uri(path), lines.range(&o.span)),
        container_name: container,
    })
}

/// The outline of a file: its classes, each holding its fields and methods
/// (ranges from the syntax tree, so that a cursor anywhere in a method is in
/// it; names, kinds and types from the semantic index).
pub fn document_symbols(world: &mut World, path: &Path) -> Option<lt::DocumentSymbolResponse> {
    use phantom_frontend::ast::{Member, TopItem};
    world.ensure_fresh(path);
    let (unit, fi) = world.unit(path)?;
    let text = &unit.texts[fi];
    let lines = Lines::new(text);
    let (tree, _) = phantom_frontend::parse(text);
    let decl = |span: &std::ops::Range<usize>| {
        unit.index
            .declarations(fi)
            .find(|o| o.span == *span && !matches!(o.symbol, Symbol::Local { .. }))
    };
    // A symbol whose range holds its name, whatever the parser recovered.
    #[allow(deprecated)]
    let symbol = |name: String,
                  detail: Option<String>,
                  kind: lt::SymbolKind,
                  whole: &std::ops::Range<usize>,
                  at: &std::ops::Range<usize>,
                  children: Option<Vec<lt::DocumentSymbol>>| {
        let range = whole.start.min(at.start)..whole.end.max(at.end);
        lt::DocumentSymbol {
            name,
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: lines.range(&range),
            selection_range: lines.range(at),
            children,
        }
    };
    let mut out = Vec::new();
    for item in &tree.items {
        let TopItem::Class(c) = item else { continue };
        let class = match decl(&c.name.span) {
            Some(Occurrence {
                symbol: Symbol::Class(name),
                ..
            }) => name.clone(),
            _ => c.name.text(),
        };
        let mut members = Vec::new();
        for m in &c.members {
            match m {
                Member::Field(f) => {
                    let ty = decl(&f.name.span).map(|o| o.ty.to_string());
                    members.push(symbol(
                        f.name.text.clone(),
                        ty,
                        lt::SymbolKind::FIELD,
                        &f.span,
                        &f.name.span,
                        None,
                    ));
                }
                Member::Method(m) => {
                    let (kind, detail) = match decl(&m.name.span) {
                        Some(Occurrence {
                            symbol: Symbol::Method { name, ordinal, .. },
                            ..
                        }) => {
                            let kind = if name == "<init>" {
                                lt::SymbolKind::CONSTRUCTOR
                            } else {
                                lt::SymbolKind::METHOD
                            };
                            let sig = world.class(unit, &class).and_then(|d| {
                                d.methods.into_iter().find(|s| s.ordinal == *ordinal)
                            });
                            (kind, sig.map(|s| signature(&class, &s)))
                        }
                        _ => (lt::SymbolKind::METHOD, None),
                    };
                    // The declaration's span ends at its body's brace.
                    let end = m.body.as_ref().map_or(m.span.end, |b| b.span.end);
                    members.push(symbol(
                        m.name.text.clone(),
                        detail,
                        kind,
                        &(m.span.start..end.max(m.span.end)),
                        &m.name.span,
                        None,
                    ));
                }
                Member::Error => {}
            }
        }
        let kind = if c.is_interface {
            lt::SymbolKind::INTERFACE
        } else {
            lt::SymbolKind::CLASS
        };
        out.push(symbol(
            class,
            None,
            kind,
            &c.span,
            &c.name.span,
            Some(members),
        ));
    }
    Some(lt::DocumentSymbolResponse::Nested(out))
}

/// Declarations in the workspace whose name contains `query` (any case).
pub fn workspace_symbols(world: &mut World, query: &str) -> Option<lt::WorkspaceSymbolResponse> {
    let q = query.to_lowercase();
    let mut list = Vec::new();
    let paths: Vec<PathBuf> = world.files.keys().cloned().collect();
    for p in paths {
        world.ensure_fresh(&p);
        let Some((unit, fi)) = world.unit(&p) else {
            continue;
        };
        let lines = Lines::new(&unit.texts[fi]);
        for o in unit.occurrences(fi).filter(|o| o.decl) {
            if let Some(s) = symbol_info(&p, &lines, o) {
                if s.name.to_lowercase().contains(&q) {
                    list.push(s);
                }
            }
        }
    }
    Some(lt::WorkspaceSymbolResponse::Flat(list))
}

/// Semantic tokens: classes, fields, methods, arguments and locals.
pub fn semantic_tokens(world: &mut World, path: &Path) -> Option<lt::SemanticTokensResult> {
    world.ensure_fresh(path);
    let (unit, fi) = world.unit(path)?;
    let lines = Lines::new(&unit.texts[fi]);
    let mut data = Vec::new();
    let (mut pl, mut pc) = (0u32, 0u32);
    for o in unit.occurrences(fi) {
        let ty = match &o.symbol {
            Symbol::Class(_) => 0,
            Symbol::Field { .. } => 1,
            Symbol::Method { .. } => 2,
            Symbol::Local { arg: true, .. } => 3,
            Symbol::Local { .. } => 4,
        };
        let r = lines.range(&o.span);
        if r.start.line != r.end.line {
            continue;
        }
        let delta_line = r.start.line - pl;
        let delta_start = if delta_line == 0 {
            r.start.character - pc
        } else {
            r.start.character
        };
        data.push(lt::SemanticToken {
            delta_line,
            delta_start,
            length: r.end.character - r.start.character,
            token_type: ty,
            token_modifiers_bitset: u32::from(o.decl),
        });
        (pl, pc) = (r.start.line, r.start.character);
    }
    Some(lt::SemanticTokensResult::Tokens(lt::SemanticTokens {
        result_id: None,
        data,
    }))
}

/// Code actions: for an unknown class (E0201) that a workspace or library
/// class of that name would satisfy, adding its `import`.
pub fn code_actions(world: &mut World, p: &lt::CodeActionParams) -> Option<lt::CodeActionResponse> {
    let path = uri_path(&p.text_document.uri);
    let text = world.text(&path)?.to_string();
    let mut out = Vec::new();
    for d in &p.context.diagnostics {
        if d.code != Some(lt::NumberOrString::String("E0201".into())) {
            continue;
        }
        let Some(name) = d.message.split('`').nth(1) else {
            continue;
        };
        let short = short_name(name);
        for class in world.class_names() {
            if short_name(&class) != short {
                continue;
            }
            // After the `package` line, else at the top.
            let at = text
                .find("package")
                .and_then(|i| text[i..].find('\n').map(|j| i + j + 1))
                .unwrap_or(0);
            let pos = Lines::new(&text).position(at);
            let edit = lt::TextEdit::new(lt::Range::new(pos, pos), format!("import {class};\n"));
            out.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                title: format!("import {class}"),
                kind: Some(lt::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(lt::WorkspaceEdit::new(HashMap::from([(
                    p.text_document.uri.clone(),
                    vec![edit],
                )]))),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
    }
    Some(out)
}
