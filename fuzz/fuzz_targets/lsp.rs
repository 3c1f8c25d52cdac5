//! Fuzzes the language server's core (`phantom-lsp`): arbitrary text as one
//! or two workspace files (the input split at its first NUL byte), opened,
//! analysed, queried, edited and deleted through the same functions the
//! server's message loop calls (`World`, `features::handle` with JSON
//! parameters, `features::diagnostics`).
//!
//! Requests at positions derived from the input (every place a name, `.`,
//! `:`, `(` or `,` starts or ends, and pseudo-random lines and columns,
//! some past the end of their line or of the file): hover, definition,
//! references, completion, signature help, prepare rename and rename, code
//! actions with the file's diagnostics; then document symbols, semantic
//! tokens and workspace symbols; then an edit (a third of the file cut
//! out) and the same again, then the second file deleted.
//!
//! Besides "does not panic, hang or overflow the stack", it checks that
//! every range the server returns for a file lies inside that file (lines
//! and UTF-16 columns) and starts before it ends, that semantic tokens
//! decode to names inside their lines, and that document symbols' names lie
//! inside their ranges.
//!
//! Run it with `cargo xtask fuzz lsp` (see `docs/fuzzing.md`).
#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use lsp_types::{self as lt, Url};
use phantom_lsp::features;
use phantom_lsp::world::World;
use serde_json::{json, Value};

/// How many positions of each file are queried (the input decides which).
const POSITIONS: usize = 24;

fn dir() -> PathBuf {
    PathBuf::from("/phantom-lsp-fuzz")
}

fn uri(p: &Path) -> Url {
    Url::from_file_path(p).expect("absolute path")
}

/// FNV-1a, the seed of the position generator.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
    }
    h
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Lines of `text` as the LSP counts them: their lengths in UTF-16 units.
fn line_lengths(text: &str) -> Vec<u32> {
    text.split('\n')
        .map(|l| l.chars().map(|c| c.len_utf16() as u32).sum())
        .collect()
}

fn check_position(what: &str, text: &str, p: lt::Position) {
    let lens = line_lengths(text);
    let Some(len) = lens.get(p.line as usize) else {
        panic!(
            "{what}: line {} past the end ({} lines)",
            p.line,
            lens.len()
        );
    };
    assert!(
        p.character <= *len,
        "{what}: column {} past the end of line {} ({len} units)",
        p.character,
        p.line
    );
}

fn check_range(what: &str, text: &str, r: &lt::Range) {
    check_position(what, text, r.start);
    check_position(what, text, r.end);
    assert!(
        (r.start.line, r.start.character) <= (r.end.line, r.end.character),
        "{what}: range ends before it starts: {r:?}"
    );
}

/// Checks a location if it is in one of the fuzzed files (the library's
/// files are checked against their own text by the library's tests).
fn check_location(world: &World, what: &str, l: &lt::Location) {
    if let Ok(p) = l.uri.to_file_path() {
        if p.starts_with(dir()) {
            let text = world
                .text(&p)
                .unwrap_or_else(|| panic!("{what}: location in unknown file {}", p.display()));
            check_range(what, text, &l.range);
        }
    }
}

/// Positions to query in `text`: token edges first, then random ones.
fn positions(text: &str, rng: &mut Rng) -> Vec<lt::Position> {
    let lines = phantom_lsp::text::Lines::new(text);
    let mut offsets: Vec<usize> = Vec::new();
    let mut prev_ident = false;
    for (i, c) in text.char_indices() {
        let ident = phantom_lsp::text::is_ident(c);
        if ident != prev_ident || matches!(c, '.' | ':' | '(' | ',') {
            offsets.push(i);
            if !ident {
                offsets.push(i + c.len_utf8());
            }
        }
        prev_ident = ident;
    }
    offsets.push(text.len());
    let mut out: Vec<lt::Position> = Vec::new();
    let n_lines = text.split('\n').count() as u64;
    while out.len() < POSITIONS {
        let r = rng.next();
        let p = match r % 4 {
            // A token edge.
            0 | 1 if !offsets.is_empty() => {
                lines.position(offsets[(r >> 8) as usize % offsets.len()])
            }
            // Any line, any column up to a little past its end.
            2 => lt::Position::new(((r >> 8) % (n_lines + 1)) as u32, ((r >> 32) % 90) as u32),
            // Anywhere at all.
            _ => lt::Position::new((r >> 40) as u32, (r >> 8) as u32),
        };
        out.push(p);
    }
    out
}

fn tdp(path: &Path, p: lt::Position) -> Value {
    json!({"textDocument": {"uri": uri(path)}, "position": p})
}

/// Runs one request; the server must answer it, or refuse it in words.
fn ask(world: &mut World, method: &str, params: Value) -> Option<Value> {
    match features::handle(world, method, params) {
        Ok(v) => Some(v),
        Err(features::Failure::Refused(_)) => None,
        Err(features::Failure::Unknown) => panic!("{method} is unknown"),
        Err(features::Failure::BadParams(e)) => panic!("{method}: bad parameters: {e}"),
    }
}

fn diagnostics(world: &World, path: &Path) -> Vec<lt::Diagnostic> {
    let d = features::diagnostics(world, path);
    let text = world.text(path).expect("known file");
    for x in &d.diagnostics {
        check_range("diagnostic", text, &x.range);
    }
    d.diagnostics
}

/// Every request at every position of `path`, then the whole-file ones.
fn query(world: &mut World, path: &Path, rng: &mut Rng) {
    let diags = diagnostics(world, path);
    let text = world.text(path).expect("known file").to_string();
    for pos in positions(&text, rng) {
        let at = tdp(path, pos);
        if let Some(h) = ask(world, "textDocument/hover", at.clone()) {
            if let Ok(h) = serde_json::from_value::<lt::Hover>(h) {
                if let Some(r) = &h.range {
                    check_range("hover", &text, r);
                }
            }
        }
        if let Some(v) = ask(world, "textDocument/definition", at.clone()) {
            if let Ok(l) = serde_json::from_value::<lt::Location>(v) {
                check_location(world, "definition", &l);
            }
        }
        let mut refs = at.clone();
        refs["context"] = json!({"includeDeclaration": true});
        if let Some(v) = ask(world, "textDocument/references", refs) {
            if let Ok(ls) = serde_json::from_value::<Vec<lt::Location>>(v) {
                for l in &ls {
                    check_location(world, "references", l);
                }
            }
        }
        ask(world, "textDocument/completion", at.clone());
        ask(world, "textDocument/signatureHelp", at.clone());
        let prepared = ask(world, "textDocument/prepareRename", at.clone());
        if let Some(v) = prepared.filter(|v| !v.is_null()) {
            if let Ok(lt::PrepareRenameResponse::RangeWithPlaceholder { range, .. }) =
                serde_json::from_value(v)
            {
                check_range("prepareRename", &text, &range);
            }
            let mut ren = at.clone();
            ren["newName"] = json!("renamed");
            if let Some(v) = ask(world, "textDocument/rename", ren) {
                if let Ok(Some(e)) = serde_json::from_value::<Option<lt::WorkspaceEdit>>(v) {
                    for (u, edits) in e.changes.unwrap_or_default() {
                        for ed in edits {
                            check_location(
                                world,
                                "rename",
                                &lt::Location::new(u.clone(), ed.range),
                            );
                        }
                    }
                }
            }
        }
        let range = lt::Range::new(pos, pos);
        ask(
            world,
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(path)}, "range": range, "context": {"diagnostics": diags}}),
        );
    }
    let doc = json!({"textDocument": {"uri": uri(path)}});
    if let Some(v) = ask(world, "textDocument/documentSymbol", doc.clone()) {
        let list: Vec<lt::DocumentSymbol> = serde_json::from_value(v).unwrap_or_default();
        let mut stack: Vec<&lt::DocumentSymbol> = list.iter().collect();
        while let Some(s) = stack.pop() {
            check_range("documentSymbol", &text, &s.range);
            check_range("documentSymbol", &text, &s.selection_range);
            let inside = (s.range.start <= s.selection_range.start)
                && (s.selection_range.end <= s.range.end);
            assert!(inside, "documentSymbol: name outside its range: {s:?}");
            stack.extend(s.children.iter().flatten());
        }
    }
    if let Some(v) = ask(world, "textDocument/semanticTokens/full", doc) {
        if let Ok(t) = serde_json::from_value::<lt::SemanticTokens>(v) {
            let (mut line, mut col) = (0u32, 0u32);
            for tok in &t.data {
                line += tok.delta_line;
                col = if tok.delta_line == 0 {
                    col + tok.delta_start
                } else {
                    tok.delta_start
                };
                let r = lt::Range::new(
                    lt::Position::new(line, col),
                    lt::Position::new(line, col + tok.length),
                );
                check_range("semantic token", &text, &r);
            }
        }
    }
    if let Some(v) = ask(world, "workspace/symbol", json!({"query": ""})) {
        if let Ok(list) = serde_json::from_value::<Vec<lt::SymbolInformation>>(v) {
            for s in &list {
                check_location(world, "workspaceSymbol", &s.location);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (first, second) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let a = dir().join("a.ph");
    let b = dir().join("b.ph");
    let mut rng = Rng(hash(data) | 1);
    let mut world = World::new(Vec::new());
    // Opened in the editor, as didOpen does.
    world.set_text(&a, String::from_utf8_lossy(first).into_owned(), true);
    let mut paths = vec![a.clone()];
    if let Some(s) = second {
        world.set_text(&b, String::from_utf8_lossy(s).into_owned(), true);
        paths.push(b.clone());
    }
    world.analyze_together(&paths);
    for p in &paths {
        query(&mut world, p, &mut rng);
    }
    // An edit (didChange): a third of the first file cut out, on character
    // boundaries, then re-checked with its dependents.
    let text = world.text(&a).expect("known file").to_string();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if !chars.is_empty() {
        let i = (rng.next() as usize) % chars.len();
        let from = chars[i].0;
        let to = chars
            .get(i + chars.len() / 3 + 1)
            .map_or(text.len(), |c| c.0);
        let edited = format!("{}{}", &text[..from], &text[to..]);
        world.set_text(&a, edited, true);
        world.analyze_together(std::slice::from_ref(&a));
        let deps = world.dependents(&a);
        world.analyze_together(&deps);
        query(&mut world, &a, &mut rng);
    }
    // The second file deleted on disk (didChangeWatchedFiles).
    if second.is_some() {
        let deps = world.remove(&b);
        world.analyze_together(&deps);
        query(&mut world, &a, &mut rng);
    }
});
