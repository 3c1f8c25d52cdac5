//! Front-end tests: whole programs through parse and semantic analysis.

use ir::tree::NodeKind;
use phantom_frontend::{compile, SourceFile};

fn run(src: &str) -> phantom_frontend::Output {
    compile(
        &[SourceFile {
            path: "t.ph".into(),
            text: src.to_string(),
        }],
        Vec::new(),
    )
}

fn errors(src: &str) -> Vec<&'static str> {
    run(src)
        .diags
        .iter()
        .filter(|(_, d)| d.is_error())
        .map(|(_, d)| d.code)
        .collect()
}

#[test]
fn a_program_compiles_with_ordinals_in_declaration_order() {
    let out = run(r#"package .demo;
        class counter {
            var total : int;
            int add(var n : int) {
                var i : int;
                i = 0;
                while (i < n) { total = total + 1; i = i + 1; }
                print("done");
                return total;
            }
            void print(var s : string) [20] { }
            .internal.string toString() { return "counter"; }
        };"#);
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let c = &out.classes[0].1;
    let ords: Vec<(String, u32)> = c
        .methods
        .iter()
        .map(|m| (m.sig.name.clone(), m.sig.ordinal))
        .collect();
    // toString overrides .internal.object's slot 5; the constructor takes slot 0; add gets 16.
    assert_eq!(
        ords,
        vec![
            ("<init>".into(), 0),
            ("toString".into(), 5),
            ("add".into(), 16),
            ("print".into(), 20)
        ]
    );
    assert_eq!(c.info.n_methods, 21);
    assert_eq!(c.info.n_fields, 1);
    let add = &c.methods[2];
    assert_eq!((add.obj_slots, add.int_slots), (1, 1));
    assert!(matches!(add.body.as_ref().unwrap().kind, NodeKind::Seq(_)));
}

#[test]
fn inheritance_overrides_and_parent_constructors() {
    let out = run(r#"package .h;
        class child extends base { int f() { return 2; } };
        class base { var x : int; void base() { x = 1; } int f() { return 1; } int g() { return f(); } };"#);
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let base = &out
        .classes
        .iter()
        .find(|c| c.1.info.name == ".h.base")
        .unwrap()
        .1;
    let child = &out
        .classes
        .iter()
        .find(|c| c.1.info.name == ".h.child")
        .unwrap()
        .1;
    let bf = base
        .methods
        .iter()
        .find(|m| m.sig.name == "f")
        .unwrap()
        .sig
        .ordinal;
    let cf = child
        .methods
        .iter()
        .find(|m| m.sig.name == "f")
        .unwrap()
        .sig
        .ordinal;
    assert_eq!(bf, cf);
    assert_eq!(child.info.n_fields, 1, "inherited fields count");
    assert!(child.info.n_methods >= base.info.n_methods);
    let ctor = child.methods.iter().find(|m| m.sig.is_ctor).unwrap();
    assert!(
        ctor.body.is_some(),
        "the default constructor calls the parent's"
    );
}

#[test]
fn errors_are_reported_with_codes() {
    let base = "package .e; class c { var f : int; ";
    let cases = [
        ("void m() { x = 1; }", "E0400"),
        ("void m() { break; }", "E0406"),
        ("void m() { continue; }", "E0407"),
        ("void m() { var s : string; s = 1 - s; }", "E0403"),
        ("void m() { return 1; }", "E0416"),
        ("void m() { nothing(); }", "E0401"),
        ("void m(var a : int) { m(\"s\"); }", "E0402"),
        ("void m() { var x : .no.such; }", "E0201"),
        ("void m() { var d : double; d = d | 1; }", "E0410"),
        ("void m() { f = 4294967296; }", "E0411"),
        ("int c() { }", "E0304"),
        ("void m() [3] {} void n() [3] {}", "E0302"),
        ("void m() {} void m() {}", "E0306"),
        ("void m() { var s : string; if (s) {} }", "E0408"),
        ("void m() { 1 = 2; }", "E0405"),
    ];
    for (body, code) in cases {
        let src = format!("{base}{body} }};");
        assert!(
            errors(&src).contains(&code),
            "{body}: expected {code}, got {:?}",
            run(&src).diags
        );
    }
}

#[test]
fn deviations_that_make_programs_work() {
    // Short class names, `%`, long/double abbreviations, unary minus, string `+`.
    let out = run(r#"package .p;
        class a {
            int m(var x : int) {
                var l : long; var d : double; var s : string;
                l = x % 7; d = -l; s = "n=" + x;
                if (d == l) { return 1; }
                return 0;
            }
        };"#);
    assert!(!out.has_errors(), "{:#?}", out.diags);
}

#[test]
fn files_compiled_together_may_refer_to_each_other_in_any_order() {
    let a = SourceFile {
        path: "a.ph".into(),
        text: "package .x; class a { .x.b other() { return new .x.b(); } };".into(),
    };
    let b = SourceFile {
        path: "b.ph".into(),
        text: "package .x; class b { var back : .x.a; void b() { back = new .x.a(); } };".into(),
    };
    let out = compile(&[a, b], Vec::new());
    assert!(!out.has_errors(), "{:#?}", out.diags);
    assert_eq!(out.classes.len(), 2);
}
