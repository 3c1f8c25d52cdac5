//! Inputs that used to crash the front end or make the back end fail on a
//! program the front end accepted (found while fuzzing, `docs/fuzzing.md`).
//! Each must give diagnostics, never a panic or a stack overflow; these
//! tests run in the test harness's threads (2 MiB stacks, unoptimised), a
//! harder setting than `plc`'s main thread.

use phantom_frontend::ast::MAX_NESTING;
use phantom_frontend::{compile, Output, SourceFile};

fn run(src: &str) -> Output {
    compile(
        &[SourceFile {
            path: "t.ph".into(),
            text: src.to_string(),
        }],
        Vec::new(),
    )
}

fn codes(out: &Output) -> Vec<&'static str> {
    out.diags.iter().map(|(_, d)| d.code).collect()
}

/// The whole pipeline must accept what the front end accepts.
fn lowers(out: &Output) {
    for (_, c) in &out.classes {
        codegen::class_file(c, "20240101000000000")
            .unwrap_or_else(|e| panic!("{}: {e}", c.info.name));
    }
}

fn method(body: &str) -> String {
    format!("package .t; class c {{ int f(var x : long) {{ return 1; }} int m() {{ var i : int; var a : int[]; {body} }} }};")
}

/// `n` times `open`, then `mid`, then `n` times `close`.
fn nest(open: &str, mid: &str, close: &str, n: usize) -> String {
    format!("{}{mid}{}", open.repeat(n), close.repeat(n))
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // Each shape was a stack overflow (or a back-end failure) at a depth of
    // a few thousand; the chain of `+` overflowed at 1,700 in plc.
    let n = 20_000;
    let shapes = [
        format!("return {}1;", "1+".repeat(n)),
        format!("return {};", nest("(", "1", ")", n)),
        format!("return {}i;", "-".repeat(n)),
        format!("return {}i;", "!".repeat(n)),
        format!("return {}1;", "i=".repeat(n)),
        format!("return {};", nest("a[", "0", "]", n)),
        format!("return {};", nest("f(", "1", ")", n)),
        format!("{} return 0;", nest("{", "", "}", n)),
        format!("{} return 0;", nest("if(i)", "{}", "", n)),
        format!("{} return 0;", nest("while(i)", "{}", "", n)),
        format!("{} return 0;", nest("do ", "{}", " while(i);", n)),
        format!("{} return 0;", nest("switch(i){case 1:", "{}", "}", n)),
    ];
    for body in &shapes {
        let out = run(&method(body));
        let c = codes(&out);
        // Parenthesised expressions do not nest in the tree; the rest must
        // be cut off, with exactly one error each.
        if body.starts_with("return ((") {
            assert!(c.is_empty(), "{}: {c:?}", &body[..40]);
            lowers(&out);
        } else {
            assert_eq!(c, ["E0103"], "{}", &body[..40]);
        }
    }
}

#[test]
fn nesting_up_to_the_limit_compiles() {
    let n = MAX_NESTING as usize - 8;
    for body in [
        format!("return {}1;", "1+".repeat(n)),
        format!("{} return 0;", nest("{", "", "}", n)),
        format!("{} return 0;", nest("if(i)", "{}", "", n)),
    ] {
        let out = run(&method(&body));
        assert!(codes(&out).is_empty(), "{:?}", codes(&out));
        lowers(&out);
    }
}

#[test]
fn a_tree_the_back_end_cannot_lower_is_reported() {
    // Within the parser's limit, but each call level adds conversions
    // (int result to a long argument): deeper than ir::tree::MAX_DEPTH.
    let out = run(&method(&format!("return {};", nest("f(", "1", ")", 150))));
    assert_eq!(codes(&out), ["E0425"]);
    let out = run(&method(&format!("return {};", nest("f(", "1", ")", 60))));
    assert!(codes(&out).is_empty(), "{:?}", codes(&out));
    lowers(&out);
}

#[test]
fn deep_nesting_is_reported_once_per_region() {
    // Two separate deep expressions: two errors, each over its own span.
    let deep = format!("{}1", "1+".repeat(3 * MAX_NESTING as usize));
    let src = method(&format!("i = {deep}; return {deep};"));
    let out = run(&src);
    assert_eq!(codes(&out), ["E0103", "E0103"]);
    let spans: Vec<_> = out.diags.iter().map(|(_, d)| d.span()).collect();
    assert!(spans[0].end <= spans[1].start, "{spans:?}");
    for s in &spans {
        assert_eq!(&src[s.clone()], deep);
    }
}
