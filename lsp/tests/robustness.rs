//! No input or request sequence crashes the server: every program of the
//! front end's error test suite (broken on purpose), queried all over.

mod common;

use common::Client;

#[test]
fn broken_programs_and_requests_anywhere_do_not_crash_the_server() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../testsuite/errors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ph"))
        .collect();
    files.sort();
    assert!(files.len() > 20);
    let mut c = Client::start("robustness", &[]);
    for (i, f) in files.iter().enumerate() {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let d = c.open("x.ph", &text);
        assert!(!d.is_empty(), "{}: no diagnostic", f.display());
        let methods = [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
            "textDocument/signatureHelp",
            "textDocument/references",
        ];
        for off in (0..=text.len()).step_by(5 + i % 7) {
            if !text.is_char_boundary(off) {
                continue;
            }
            let at = c.at("x.ph", &text, off);
            let m = methods[off % methods.len()];
            let mut params = serde_json::to_value(&at).unwrap();
            params["context"] = serde_json::json!({"includeDeclaration": true});
            // An error answer is fine; the server must answer and live on.
            let _ = c.try_request(m, params);
        }
        let _ = c.try_request(
            "textDocument/semanticTokens/full",
            serde_json::json!({"textDocument": {"uri": c.uri("x.ph")}}),
        );
    }
    c.shutdown();
}
