//! Every feature of the server over an in-memory connection. Fixtures show
//! the input (a piece of a workspace file, `$0` at the cursor) beside the
//! expected answer.

mod common;

use common::{ends_with, hover_text, Client};
use lsp_types::{self as lt, request as r};

const SHAPE: &str = "package .demo;

// A shape with an area.
class shape
{
    // The area in square units.
    int area() [16]
    {
        return 0;
    }
};
";

const SQUARE: &str = "package .demo;

class square extends shape
{
    var side : int;

    void square()
    {
        side = 2;
    }

    int area()
    {
        var a : int;
        a = side * side;
        return a;
    }

    int scaled(var k : int, var extra : int)
    {
        return area() * k + extra;
    }
};
";

const MAIN: &str = "package .demo;

class main
{
    void run(var boot) [8]
    {
        var s : shape;
        s = new square();
        var n : int;
        n = s.area() + 1;
        var q : square;
        q = new square();
        n = q.scaled(2, 3);
        var m : .phantom.util.hashmap;
        m = new .phantom.util.hashmap();
    }
};
";

fn workspace(name: &str) -> Client {
    Client::start(
        name,
        &[
            ("shape.ph", SHAPE),
            ("square.ph", SQUARE),
            ("main.ph", MAIN),
        ],
    )
}

/// The offset of the `$0` in `needle` once `needle` (without `$0`) is found in `text`.
fn find(text: &str, needle: &str) -> usize {
    let (plain, at) = common::cursor(needle);
    let start = text
        .find(&plain)
        .unwrap_or_else(|| panic!("fixture {plain:?} not in the file"));
    start + at
}

#[test]
fn diagnostics_are_pushed_on_open_change_and_save_and_survive_other_requests() {
    let mut c = workspace("diags");
    assert!(c.open("main.ph", MAIN).is_empty());
    let broken = MAIN.replace("var n : int;", "var n : int;\n        n = nope;");
    c.change("main.ph", 2, &broken);
    let d = c.diagnostics(&c.uri("main.ph"));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, Some(lt::NumberOrString::String("E0400".into())));
    assert_eq!(d[0].source.as_deref(), Some("plc"));
    assert!(
        d[0].message.contains("cannot find `nope` in this method"),
        "{}",
        d[0].message
    );
    assert!(d[0]
        .message
        .contains("no variable, argument or field has this name"));
    assert!(d[0].message.contains("help: declare it with"));
    assert_eq!(
        d[0].range.start,
        common::pos(&broken, broken.find("nope").unwrap())
    );
    // A hover and another request publish nothing that would clear it.
    let seen = c.published.len();
    let at = c.at("main.ph", &broken, broken.find("s.area").unwrap());
    c.request::<r::HoverRequest>(lt::HoverParams {
        text_document_position_params: at,
        work_done_progress_params: Default::default(),
    });
    assert_eq!(c.published.len(), seen, "a hover published diagnostics");
    // Saving the fixed text clears it.
    c.notify(
        "textDocument/didSave",
        serde_json::json!({"textDocument": {"uri": c.uri("main.ph")}, "text": MAIN}),
    );
    assert!(c.diagnostics(&c.uri("main.ph")).is_empty());
    c.shutdown();
}

#[test]
fn an_edit_rechecks_the_files_that_depend_on_it() {
    let mut c = workspace("deps");
    c.open("main.ph", MAIN);
    c.open("shape.ph", SHAPE);
    // `area` disappears from shape: main's `s.area()` breaks.
    let without = SHAPE.replace("int area() [16]", "int size() [16]");
    c.notify(
        "textDocument/didSave",
        serde_json::json!({"textDocument": {"uri": c.uri("shape.ph")}, "text": without}),
    );
    let d = c.diagnostics(&c.uri("main.ph"));
    assert!(
        d.iter().any(|d| d.message.contains("no method `area`")),
        "{d:?}"
    );
    c.shutdown();
}

const HOVERS: &[(&str, &str)] = &[
    // A local variable's type.
    (
        "        $0n = s.area() + 1;",
        "var n : int\n```\nlocal variable",
    ),
    // An argument.
    ("void run(var $0boot)", "var boot : unknown\n```\nargument"),
    // A method's signature with its ordinal, and its doc comment.
    (
        "n = s.$0area()",
        "int area() [16]\n```\nmethod of `.demo.shape`, ordinal 16\n\nThe area in square units.",
    ),
    // A class's parent.
    (
        "q = new $0square()",
        "class .demo.square extends .demo.shape\n```",
    ),
    // The type of an expression.
    ("n = s.area() $0+ 1", "```phantom\nint\n```"),
    // A method with arguments.
    (
        "n = q.$0scaled",
        "int scaled(var k : int, var extra : int) [17]",
    ),
];

#[test]
fn hover_fixtures() {
    let mut c = workspace("hover");
    c.open("main.ph", MAIN);
    for (input, expected) in HOVERS {
        let at = c.at("main.ph", MAIN, find(MAIN, input));
        let h = c
            .request::<r::HoverRequest>(lt::HoverParams {
                text_document_position_params: at,
                work_done_progress_params: Default::default(),
            })
            .unwrap_or_else(|| panic!("no hover for {input:?}"));
        let text = hover_text(&h);
        assert!(
            text.contains(expected),
            "{input:?}:\n{text}\nexpected to contain:\n{expected}"
        );
    }
    c.shutdown();
}

/// (file, input with cursor, file of the definition, text at the definition)
const DEFINITIONS: &[(&str, &str, &str, &str)] = &[
    ("main.ph", "n = s.$0area()", "shape.ph", "area() [16]"),
    ("main.ph", "var s : sh$0ape;", "shape.ph", "shape\n{"),
    ("main.ph", "$0n = s.area()", "main.ph", "n : int;"),
    ("square.ph", "a = $0side * side", "square.ph", "side : int;"),
    ("square.ph", "* k + $0extra", "square.ph", "extra : int)"),
    (
        "square.ph",
        "return $0area() * k",
        "square.ph",
        "area()\n    {\n        var a",
    ),
    (
        "main.ph",
        "m = new .phantom.util.hash$0map()",
        "phantom.util.hashmap.ph",
        "class .phantom.util.hashmap",
    ),
];

#[test]
fn definition_fixtures() {
    let mut c = workspace("definition");
    for (file, input, target, text_there) in DEFINITIONS {
        let text = std::fs::read_to_string(c.path(file)).unwrap();
        let at = c.at(file, &text, find(&text, input));
        let Some(lt::GotoDefinitionResponse::Scalar(loc)) =
            c.request::<r::GotoDefinition>(lt::GotoDefinitionParams {
                text_document_position_params: at,
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            })
        else {
            panic!("no definition for {input:?}");
        };
        let path = loc.uri.to_file_path().unwrap();
        assert!(
            ends_with(&path, target),
            "{input:?}: went to {}",
            path.display()
        );
        let there = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = there.split('\n').collect();
        let line = lines[loc.range.start.line as usize];
        let offset = there.find(line).unwrap() + loc.range.start.character as usize;
        assert!(
            there[offset..].starts_with(text_there)
                || there[..offset].ends_with("class ")
                    && there[offset..].starts_with(text_there.trim_start_matches("class ")),
            "{input:?}: at {:?}",
            &there[offset..offset + 30.min(there.len() - offset)]
        );
    }
    c.shutdown();
}

#[test]
fn references_to_a_method_include_its_overrides_in_every_file() {
    let mut c = workspace("references");
    let at = c.at("main.ph", MAIN, find(MAIN, "s.$0area()"));
    let refs = c
        .request::<r::References>(lt::ReferenceParams {
            text_document_position: at,
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: lt::ReferenceContext {
                include_declaration: true,
            },
        })
        .unwrap();
    let mut found: Vec<(String, u32)> = refs
        .iter()
        .map(|l| {
            let p = l.uri.to_file_path().unwrap();
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                l.range.start.line,
            )
        })
        .collect();
    found.sort();
    // shape's declaration, square's override and its call, main's call.
    assert_eq!(
        found,
        [
            ("main.ph".to_string(), 9),
            ("shape.ph".to_string(), 6),
            ("square.ph".to_string(), 11),
            ("square.ph".to_string(), 20),
        ]
    );
    c.shutdown();
}

fn apply(text: &str, edits: &[lt::TextEdit]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse((e.range.start.line, e.range.start.character)));
    let mut out = text.to_string();
    for e in edits {
        let lines: Vec<usize> = std::iter::once(0)
            .chain(out.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let s = lines[e.range.start.line as usize] + e.range.start.character as usize;
        let t = lines[e.range.end.line as usize] + e.range.end.character as usize;
        out.replace_range(s..t, &e.new_text);
    }
    out
}

#[test]
fn rename_a_method_a_field_an_argument_and_a_local() {
    let mut c = workspace("rename");
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        // (file, input, new name, file to look at, expected text in it)
        (
            "main.ph",
            "s.$0area()",
            "surface",
            "square.ph",
            "return surface() * k",
        ),
        (
            "main.ph",
            "s.$0area()",
            "surface",
            "shape.ph",
            "int surface() [16]",
        ),
        (
            "square.ph",
            "a = $0side",
            "edge",
            "square.ph",
            "a = edge * edge;",
        ),
        (
            "square.ph",
            "var $0k : int",
            "factor",
            "square.ph",
            "surface_unused",
        ),
        (
            "square.ph",
            "$0a = side",
            "result",
            "square.ph",
            "return result;",
        ),
    ];
    for (file, input, new_name, look, expected) in cases {
        let text = std::fs::read_to_string(c.path(file)).unwrap();
        let at = c.at(file, &text, find(&text, input));
        let edit = c
            .request::<r::Rename>(lt::RenameParams {
                text_document_position: at,
                new_name: new_name.to_string(),
                work_done_progress_params: Default::default(),
            })
            .unwrap();
        let changes = edit.changes.unwrap();
        let look_text = std::fs::read_to_string(c.path(look)).unwrap();
        let edits = changes.get(&c.uri(look)).cloned().unwrap_or_default();
        let after = apply(&look_text, &edits);
        if *expected == "surface_unused" {
            assert!(
                after.contains("int scaled(var factor : int, var extra : int)"),
                "{after}"
            );
            assert!(after.contains("* factor + extra"), "{after}");
        } else {
            let want = expected.replace("surface", new_name);
            assert!(after.contains(&want), "{input:?}:\n{after}");
        }
    }
    // Renaming a method changes main.ph's call too, and nothing in the library.
    let at = c.at("main.ph", MAIN, find(MAIN, "s.$0area()"));
    let edit = c
        .request::<r::Rename>(lt::RenameParams {
            text_document_position: at,
            new_name: "surface".into(),
            work_done_progress_params: Default::default(),
        })
        .unwrap();
    let changes = edit.changes.unwrap();
    assert_eq!(changes.len(), 3, "{changes:?}");
    // A bad name and a class are refused.
    let at = c.at("main.ph", MAIN, find(MAIN, "s.$0area()"));
    let bad = c.try_request(
        "textDocument/rename",
        serde_json::to_value(lt::RenameParams {
            text_document_position: at,
            new_name: "2x".into(),
            work_done_progress_params: Default::default(),
        })
        .unwrap(),
    );
    assert!(bad.unwrap_err().contains("not a valid name"));
    c.shutdown();
}

fn labels(resp: Option<lt::CompletionResponse>) -> Vec<(String, Option<String>)> {
    match resp {
        Some(lt::CompletionResponse::Array(items)) => {
            items.into_iter().map(|i| (i.label, i.detail)).collect()
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn completion_fixtures() {
    let mut c = workspace("completion");
    c.open("main.ph", MAIN);
    // Members after `.`, typed into a file that compiled before.
    let typing = MAIN.replace("        var m :", "        q.sc$0\n        var m :");
    let (text, at) = common::cursor(&typing);
    c.change("main.ph", 2, &text);
    let got = labels(c.request::<r::Completion>(lt::CompletionParams {
        text_document_position: c.at("main.ph", &text, at),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
        context: None,
    }));
    assert!(
        got.contains(&(
            "scaled".into(),
            Some("int scaled(var k : int, var extra : int) [17]".into())
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&("area".into(), Some("int area() [16]".into()))),
        "{got:?}"
    );
    assert!(got.iter().any(|(l, _)| l == "hashCode"), "{got:?}");
    // Types after `:`, classes after `new`, keywords elsewhere.
    let cases: &[(&str, &str, &str)] = &[
        (
            "        var m : $0.phantom.util.hashmap;",
            "int",
            ".demo.square",
        ),
        (
            "        m = new $0.phantom.util.hashmap();",
            ".phantom.util.hashmap",
            ".demo.shape",
        ),
        ("        $0var n : int;", "while", "foreach"),
    ];
    for (input, a, b) in cases {
        let at = find(MAIN, input);
        c.change("main.ph", 3, MAIN);
        let got = labels(c.request::<r::Completion>(lt::CompletionParams {
            text_document_position: c.at("main.ph", MAIN, at),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: None,
        }));
        for want in [a, b] {
            assert!(
                got.iter().any(|(l, _)| l == want),
                "{input:?}: no {want} in {got:?}"
            );
        }
    }
    c.shutdown();
}

#[test]
fn signature_help_shows_the_overloads_and_the_active_argument() {
    let mut c = workspace("signature");
    let typing = MAIN.replace("q.scaled(2, 3)", "q.scaled(2, $0");
    let (text, at) = common::cursor(&typing);
    c.open("main.ph", &text);
    let help = c
        .request::<r::SignatureHelpRequest>(lt::SignatureHelpParams {
            text_document_position_params: c.at("main.ph", &text, at),
            work_done_progress_params: Default::default(),
            context: None,
        })
        .expect("signature help");
    assert_eq!(
        help.signatures[0].label,
        "int scaled(var k : int, var extra : int) [17]"
    );
    assert_eq!(help.active_parameter, Some(1));
    c.shutdown();
}

#[test]
fn document_and_workspace_symbols() {
    let mut c = workspace("symbols");
    let Some(lt::DocumentSymbolResponse::Nested(list)) =
        c.request::<r::DocumentSymbolRequest>(lt::DocumentSymbolParams {
            text_document: lt::TextDocumentIdentifier::new(c.uri("square.ph")),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
    else {
        panic!("no nested symbols")
    };
    // The outline: (depth, name, kind, detail, the text its range covers,
    // first line only).
    fn outline(
        text: &str,
        list: &[lt::DocumentSymbol],
        depth: usize,
        out: &mut Vec<(usize, String, lt::SymbolKind, String, String)>,
    ) {
        let lines: Vec<&str> = text.lines().collect();
        for s in list {
            let first = lines[s.range.start.line as usize];
            let covered = format!(
                "{} .. line {}",
                &first[s.range.start.character as usize..],
                s.range.end.line + 1
            );
            out.push((
                depth,
                s.name.clone(),
                s.kind,
                s.detail.clone().unwrap_or_default(),
                covered,
            ));
            let name =
                &lines[s.selection_range.start.line as usize][s.selection_range.start.character
                    as usize
                    ..s.selection_range.end.character as usize];
            assert!(s.name.ends_with(name), "{} selects {name:?}", s.name);
            outline(
                text,
                s.children.as_deref().unwrap_or_default(),
                depth + 1,
                out,
            );
        }
    }
    let mut got = Vec::new();
    outline(SQUARE, &list, 0, &mut got);
    let want: &[(usize, &str, lt::SymbolKind, &str, &str)] = &[
        (
            0,
            ".demo.square",
            lt::SymbolKind::CLASS,
            "",
            "class square extends shape .. line 23",
        ),
        (
            1,
            "side",
            lt::SymbolKind::FIELD,
            "int",
            "var side : int; .. line 5",
        ),
        (
            1,
            "square",
            lt::SymbolKind::CONSTRUCTOR,
            "void square() [0]",
            "void square() .. line 10",
        ),
        (
            1,
            "area",
            lt::SymbolKind::METHOD,
            "int area() [16]",
            "int area() .. line 17",
        ),
        (
            1,
            "scaled",
            lt::SymbolKind::METHOD,
            "int scaled(var k : int, var extra : int) [17]",
            "int scaled(var k : int, var extra : int) .. line 22",
        ),
    ];
    let want: Vec<(usize, String, lt::SymbolKind, String, String)> = want
        .iter()
        .map(|(d, n, k, det, cov)| (*d, n.to_string(), *k, det.to_string(), cov.to_string()))
        .collect();
    assert_eq!(got, want);
    let Some(lt::WorkspaceSymbolResponse::Flat(list)) =
        c.request::<r::WorkspaceSymbolRequest>(lt::WorkspaceSymbolParams {
            query: "AREA".into(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
    else {
        panic!("no workspace symbols")
    };
    let mut found: Vec<String> = list
        .iter()
        .map(|s| {
            format!(
                "{} in {}",
                s.name,
                s.container_name.clone().unwrap_or_default()
            )
        })
        .collect();
    found.sort();
    assert_eq!(found, ["area in .demo.shape", "area in .demo.square"]);
    c.shutdown();
}

#[test]
fn semantic_tokens_classify_every_name() {
    let mut c = workspace("tokens");
    let Some(lt::SemanticTokensResult::Tokens(t)) =
        c.request::<r::SemanticTokensFullRequest>(lt::SemanticTokensParams {
            text_document: lt::TextDocumentIdentifier::new(c.uri("square.ph")),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
    else {
        panic!("no tokens")
    };
    // Decode to (line, column, length, type, declaration?).
    let (mut line, mut col) = (0, 0);
    let mut decoded = Vec::new();
    for tok in &t.data {
        if tok.delta_line > 0 {
            line += tok.delta_line;
            col = tok.delta_start;
        } else {
            col += tok.delta_start;
        }
        decoded.push((
            line,
            col,
            tok.length,
            tok.token_type,
            tok.token_modifiers_bitset,
        ));
    }
    // `class square extends shape`: two classes, the first declared here.
    assert!(decoded.contains(&(2, 6, 6, 0, 1)), "{decoded:?}");
    assert!(decoded.contains(&(2, 21, 5, 0, 0)), "{decoded:?}");
    // `a = side * side;`: a local, then a field twice.
    assert!(decoded.contains(&(14, 8, 1, 4, 0)), "{decoded:?}");
    assert!(decoded.contains(&(14, 12, 4, 1, 0)), "{decoded:?}");
    // `var k : int`: an argument's declaration.
    assert!(decoded.contains(&(18, 19, 1, 3, 1)), "{decoded:?}");
    c.shutdown();
}

#[test]
fn a_missing_import_has_a_quick_fix() {
    let src = "package .app;\n\nclass user\n{\n    void go()\n    {\n        var m : hashmap;\n    }\n};\n";
    let mut c = Client::start("codeaction", &[("user.ph", src)]);
    let d = c.open("user.ph", src);
    assert_eq!(
        d[0].code,
        Some(lt::NumberOrString::String("E0201".into())),
        "{d:?}"
    );
    let actions = c
        .request::<r::CodeActionRequest>(lt::CodeActionParams {
            text_document: lt::TextDocumentIdentifier::new(c.uri("user.ph")),
            range: d[0].range,
            context: lt::CodeActionContext {
                diagnostics: d.clone(),
                only: None,
                trigger_kind: None,
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .unwrap();
    let lt::CodeActionOrCommand::CodeAction(a) = &actions[0] else {
        panic!("{actions:?}")
    };
    assert_eq!(a.title, "import .phantom.util.hashmap");
    let edits = &a.edit.as_ref().unwrap().changes.as_ref().unwrap()[&c.uri("user.ph")];
    let fixed = apply(src, edits);
    assert!(
        fixed.starts_with("package .app;\nimport .phantom.util.hashmap;\n"),
        "{fixed}"
    );
    c.change("user.ph", 2, &fixed);
    assert!(c.diagnostics(&c.uri("user.ph")).is_empty());
    c.shutdown();
}

#[test]
fn class_path_comes_from_the_project_file_and_initialization_options() {
    // A class path entry that does not exist is ignored by the compiler's
    // search; what matters is that the server starts and still checks.
    let mut c = Client::start_with(
        "classpath",
        &[
            ("phantom.toml", "class-path = [\"lib\"]\n"),
            ("a.ph", SHAPE),
        ],
        Some(serde_json::json!({"classPath": ["out"]})),
    );
    assert!(c.open("a.ph", SHAPE).is_empty());
    c.shutdown();
}

const USES_LIBRARY: &str = "package .demo;

class user
{
    int count(var m : .phantom.util.hashmap)
    {
        return m.size();
    }
};
";

#[test]
fn prepare_rename_fixtures() {
    let mut c = workspace("prepare");
    c.open("user.ph", USES_LIBRARY);
    // (file, text, cursor, expected: the name's text and range start, or
    // the refusal, or "-" for no name there)
    let cases: &[(&str, &str, &str, &str)] = &[
        ("square.ph", SQUARE, "a = $0side", "side"),
        ("square.ph", SQUARE, "a = si$0de", "side"),
        ("main.ph", MAIN, "s.ar$0ea()", "area"),
        ("square.ph", SQUARE, "var $0k : int", "k"),
        ("square.ph", SQUARE, "return $0a;", "a"),
        (
            "main.ph",
            MAIN,
            "var s : $0shape",
            "error: classes cannot be renamed",
        ),
        (
            "square.ph",
            SQUARE,
            "void $0square()",
            "error: constructors cannot be renamed",
        ),
        (
            "user.ph",
            USES_LIBRARY,
            "m.$0size()",
            "error: names declared in the class library cannot be renamed",
        ),
        ("square.ph", SQUARE, "side = 2;\n$0", "-"),
    ];
    for (file, text, input, expected) in cases {
        let offset = find(text, input);
        let at = c.at(file, text, offset);
        let got = c.try_request(
            "textDocument/prepareRename",
            serde_json::to_value(&at).unwrap(),
        );
        match got {
            Err(e) => assert_eq!(format!("error: {e}"), *expected, "{input:?}"),
            Ok(serde_json::Value::Null) => assert_eq!("-", *expected, "{input:?}"),
            Ok(v) => {
                let Ok(lt::PrepareRenameResponse::RangeWithPlaceholder { range, placeholder }) =
                    serde_json::from_value(v.clone())
                else {
                    panic!("{input:?}: {v}")
                };
                assert_eq!(placeholder, *expected, "{input:?}");
                // The range is the whole name, wherever the cursor was in it.
                let line = text.lines().nth(range.start.line as usize).unwrap();
                let named = &line[range.start.character as usize..range.end.character as usize];
                assert_eq!(named, *expected, "{input:?}");
            }
        }
    }
    // Rename refuses what prepareRename refuses.
    let at = c.at("user.ph", USES_LIBRARY, find(USES_LIBRARY, "m.$0size()"));
    let refused = c.try_request(
        "textDocument/rename",
        serde_json::to_value(lt::RenameParams {
            text_document_position: at,
            new_name: "length".into(),
            work_done_progress_params: Default::default(),
        })
        .unwrap(),
    );
    assert!(refused.unwrap_err().contains("class library"));
    c.shutdown();
}

const USES_CIRCLE: &str = "package .demo;

class drawing
{
    int total(var c : circle)
    {
        return c.radius();
    }
};
";

const CIRCLE: &str = "package .demo;

class circle
{
    int radius()
    {
        return 1;
    }
};
";

fn watching() -> lt::ClientCapabilities {
    lt::ClientCapabilities {
        workspace: Some(lt::WorkspaceClientCapabilities {
            did_change_watched_files: Some(lt::DidChangeWatchedFilesClientCapabilities {
                dynamic_registration: Some(true),
                relative_pattern_support: None,
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn file_event(c: &Client, rel: &str, typ: lt::FileChangeType) {
    c.notify(
        "workspace/didChangeWatchedFiles",
        serde_json::to_value(lt::DidChangeWatchedFilesParams {
            changes: vec![lt::FileEvent::new(c.uri(rel), typ)],
        })
        .unwrap(),
    );
}

#[test]
fn files_created_changed_and_deleted_on_disk_are_noticed() {
    let mut c = Client::start_full("watched", &[("drawing.ph", USES_CIRCLE)], None, watching());
    // The server asks to watch the sources (answered before the next reply).
    c.raw_request("workspace/symbol", serde_json::json!({"query": ""}));
    let reg = c
        .server_requests
        .iter()
        .find(|r| r.method == "client/registerCapability")
        .expect("a registration");
    let reg: lt::RegistrationParams = serde_json::from_value(reg.params.clone()).unwrap();
    assert_eq!(
        reg.registrations[0].method,
        "workspace/didChangeWatchedFiles"
    );
    let opts = reg.registrations[0].register_options.clone().unwrap();
    assert_eq!(opts["watchers"][0]["globPattern"], "**/*.ph", "{opts}");

    let drawing = c.uri("drawing.ph");
    let codes = |d: &[lt::Diagnostic]| -> Vec<String> {
        d.iter()
            .map(|d| match &d.code {
                Some(lt::NumberOrString::String(s)) => s.clone(),
                _ => String::new(),
            })
            .collect()
    };
    assert_eq!(codes(&c.open("drawing.ph", USES_CIRCLE)), ["E0201"]);

    // Created: the file that needed it checks clean, and `circle` resolves.
    std::fs::write(c.path("circle.ph"), CIRCLE).unwrap();
    file_event(&c, "circle.ph", lt::FileChangeType::CREATED);
    assert_eq!(codes(&c.diagnostics(&drawing)), Vec::<String>::new());
    let at = c.at("drawing.ph", USES_CIRCLE, find(USES_CIRCLE, "c.$0radius()"));
    let def = c.request::<r::GotoDefinition>(lt::GotoDefinitionParams {
        text_document_position_params: at.clone(),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    });
    let Some(lt::GotoDefinitionResponse::Scalar(l)) = def else {
        panic!("no definition: {def:?}")
    };
    assert!(ends_with(&l.uri.to_file_path().unwrap(), "circle.ph"));

    // Changed: `radius` renamed on disk, so the call is now unknown.
    std::fs::write(c.path("circle.ph"), CIRCLE.replace("radius", "size")).unwrap();
    file_event(&c, "circle.ph", lt::FileChangeType::CHANGED);
    assert_eq!(codes(&c.diagnostics(&drawing)), ["E0401"]);

    // Deleted: its diagnostics are cleared and the class is unknown again.
    std::fs::remove_file(c.path("circle.ph")).unwrap();
    file_event(&c, "circle.ph", lt::FileChangeType::DELETED);
    assert!(c.diagnostics(&c.uri("circle.ph")).is_empty());
    assert_eq!(codes(&c.diagnostics(&drawing)), ["E0201"]);
    let symbols = c.raw_request("workspace/symbol", serde_json::json!({"query": "circle"}));
    assert_eq!(symbols, serde_json::json!([]));

    // An open file's text is the editor's: a change on disk does not replace it.
    std::fs::write(c.path("drawing.ph"), "garbage").unwrap();
    file_event(&c, "drawing.ph", lt::FileChangeType::CHANGED);
    let h = c.request::<r::HoverRequest>(lt::HoverParams {
        text_document_position_params: at,
        work_done_progress_params: Default::default(),
    });
    assert!(h.is_none(), "{h:?}");
    let at = c.at("drawing.ph", USES_CIRCLE, find(USES_CIRCLE, "var $0c"));
    let h = c.request::<r::HoverRequest>(lt::HoverParams {
        text_document_position_params: at,
        work_done_progress_params: Default::default(),
    });
    let h = hover_text(&h.unwrap());
    assert!(h.contains("var c :") && h.contains("argument"), "{h}");
    c.shutdown();
}

#[test]
fn without_dynamic_registration_the_server_does_not_ask_to_watch() {
    let mut c = workspace("nowatch");
    c.raw_request("workspace/symbol", serde_json::json!({"query": ""}));
    assert!(c.server_requests.is_empty(), "{:?}", c.server_requests);
    c.shutdown();
}
