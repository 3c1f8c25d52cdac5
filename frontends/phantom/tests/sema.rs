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
        ("void m() { nothing(); }", "E0401"),
        ("void m(var a : int) { m(\"s\"); }", "E0402"),
        ("void m() { var x : .no.such; }", "E0201"),
        ("void m() { var d : double; d = d | 1; }", "E0410"),
        ("void m() { f = 4294967296; }", "E0411"),
        ("void m() { f = 2147483648; }", "E0411"),
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

/// Every diagnostic, errors and warnings, as codes.
fn all_codes(src: &str) -> Vec<&'static str> {
    run(src).diags.iter().map(|(_, d)| d.code).collect()
}

/// The body of method `name` of the only class.
fn body_of(out: &phantom_frontend::Output, name: &str) -> ir::tree::Node {
    out.classes[0]
        .1
        .methods
        .iter()
        .find(|m| m.sig.name == name)
        .and_then(|m| m.body.clone())
        .unwrap_or_else(|| panic!("no body for {name}"))
}

#[test]
fn a_parent_without_a_no_argument_constructor_is_reported() {
    // The check used to find `.internal.object`'s constructor instead.
    let parent = "package .p; class base { void base(var x : int) {} };";
    for child in [
        "class child extends base { };",
        "class child extends base { void child() {} };",
        "class child extends base { void child(var s : string) {} };",
    ] {
        assert_eq!(
            all_codes(&format!("{parent} {child}")),
            ["E0305"],
            "{child}"
        );
    }
    let ok = "package .p; class base { void base(var x : int) {} void base() {} };
              class child extends base { };";
    assert!(all_codes(ok).is_empty());
    // A parent without any constructor (only .internal.object's) is fine.
    assert!(all_codes("package .p; class base { }; class child extends base { };").is_empty());
}

#[test]
fn one_mistake_gives_one_diagnostic() {
    let base = "package .e; class c { void v() {} int add(var a : int, var b : int) { return a; } ";
    let cases: [(&str, &[&str]); 9] = [
        // Unknown names: no "untyped value" warnings after the error.
        ("int m() { var count : int; return cout + 1; }", &["E0400"]),
        (
            "int m(var s : string) { return s.lenght() * 2; }",
            &["E0401"],
        ),
        ("int m() { return nope() - 1; }", &["E0401"]),
        ("int m() { return cout.size(); }", &["E0400"]),
        (
            "int m() { return add(1, 2, 3) + add(1); }",
            &["E0402", "E0402"],
        ),
        // Reported once, not once per conversion.
        (
            "int m() { var x : int; x = v() + 1; return x; }",
            &["E0404"],
        ),
        (
            "int m(var o : .internal.object, var s : string) { return o * 2 + (s - 1); }",
            &["E0403", "E0403"],
        ),
        ("int m() { var d : double; return d ~; }", &["E0410"]),
        // An unknown class in a cast: no "cast does nothing" warning.
        (
            "int m(var o : .internal.object) { return (.no.such) o; }",
            &["E0201"],
        ),
    ];
    for (body, want) in cases {
        let src = format!("{base}{body} }};");
        assert_eq!(all_codes(&src), want, "{body}");
    }
}

#[test]
fn null_is_a_value_of_every_object_type() {
    let out = run(r#"package .n;
        class c {
            void s(var x : string) {}
            void o(var x : .n.c) {}
            void a(var x : int[]) {}
            void c(var x : string, var y : .internal.object) {}
            void m() { var k : c; s(null); o(null); a(null); k = new c(null, null); k.s(null); }
        };"#);
    assert!(!out.has_errors(), "{:#?}", out.diags);
    // Numbers are not objects that may be null.
    assert_eq!(
        all_codes("package .n; class c { void n(var x : int) {} void m() { n(null); } };"),
        ["E0402"]
    );
}

#[test]
fn declarations_produce_no_code() {
    let out = run("package .d; class c { int m() { var a : int; var b; a = 1; { var c : int; } return a; } };");
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let NodeKind::Seq(stmts) = body_of(&out, "m").kind else {
        panic!()
    };
    // `a = 1`, the block (now empty) and the return; no empty statements.
    assert_eq!(stmts.len(), 3, "{stmts:#?}");
    assert!(matches!(&stmts[1].kind, NodeKind::Seq(v) if v.is_empty()));
}

#[test]
fn methods_can_be_called_by_a_computed_name() {
    let out = run(r#"package .dc;
        class c {
            int twice(var x : int) { return x + x; }
            int m(var name : string) { var r : int; r = (int) this.("twice")(1); return (int) this.(name)(r); }
        };"#);
    assert!(out.diags.is_empty(), "{:#?}", out.diags);
    let calls = count(
        &body_of(&out, "m"),
        &|k| matches!(k, NodeKind::DynamicCall { args, .. } if args.len() == 1),
    );
    assert_eq!(calls, 2);
    assert_eq!(
        all_codes("package .dc; class c { void m(var o : .internal.object) { o.(3)(); } };"),
        ["E0418"]
    );
}

#[test]
fn stores_of_objects_into_numbers_are_reported_as_stores() {
    assert_eq!(
        all_codes(
            "package .s; class c { int m(var s : string) { var n : int; n = s; return s; } };"
        ),
        ["E0421", "E0421"]
    );
}

#[test]
fn an_array_element_assignment_has_a_value() {
    // Deviation S19: `set` returns the value.
    let out = run("package .a; class c { int m(var a : int[]) { var x : int; x = a[0] = 5; a[1] = x; return a[2] = 7; } };");
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let body = body_of(&out, "m");
    let kept = count(&body, &|k| {
        matches!(k, NodeKind::IndexSet { keep: true, .. })
    });
    let dropped = count(&body, &|k| {
        matches!(k, NodeKind::IndexSet { keep: false, .. })
    });
    assert_eq!((kept, dropped), (2, 1));
    for (_, c) in &out.classes {
        codegen::class_file(c, "20240101000000000").expect("lowers");
    }
}

/// How many nodes of the tree satisfy `f`.
fn count(n: &ir::tree::Node, f: &dyn Fn(&NodeKind) -> bool) -> usize {
    usize::from(f(&n.kind)) + n.children().map(|c| count(c, f)).sum::<usize>()
}

// ------------------------------------------------- docs/deviations.md rows

/// A fresh directory for one test's files.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("phantom-sema-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// The class named `name` in the output.
fn class<'a>(out: &'a phantom_frontend::Output, name: &str) -> &'a ir::Class {
    &out.classes
        .iter()
        .find(|c| c.1.info.name == name)
        .unwrap_or_else(|| panic!("no class {name}"))
        .1
}

fn ordinal(c: &ir::Class, method: &str) -> u32 {
    c.methods
        .iter()
        .find(|m| m.sig.name == method)
        .unwrap_or_else(|| panic!("no method {method}"))
        .sig
        .ordinal
}

/// S7: an implementing method takes the interface method's ordinal.
#[test]
fn implementers_take_the_interface_ordinals() {
    let out = run("package .i;
        interface shape { int area() [20]; string name(); };
        class sq implements shape { int side() { return 1; } string name() { return \"sq\"; } int area() { return 4; } };");
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let shape = class(&out, ".i.shape");
    let sq = class(&out, ".i.sq");
    assert_eq!(ordinal(sq, "area"), 20);
    assert_eq!(ordinal(sq, "name"), ordinal(shape, "name"));
    assert_ne!(ordinal(sq, "side"), ordinal(sq, "name"));
    // A method pinned to the slot an interface method needs: E0308.
    assert_eq!(
        all_codes(
            "package .i; interface shape { int area() [20]; };
            class sq implements shape { int other() [20] { return 1; } int area() { return 4; } };"
        ),
        ["E0308"]
    );
}

/// S9: numbers stored into objects are boxed; into an unrelated class, E0421.
#[test]
fn numbers_stored_into_objects_are_boxed() {
    let out =
        run("package .b; class c { var o : .internal.object; var u; void m() { o = 5; u = 6; } };");
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let boxes = count(&body_of(&out, "m"), &|k| matches!(k, NodeKind::Box(..)));
    assert_eq!(boxes, 2);
    assert_eq!(
        all_codes("package .b; class c { var o : .b.c; void m() { o = 5; } };"),
        ["E0421"]
    );
}

/// S12: a numeric argument is converted to the parameter's kind first.
#[test]
fn numeric_arguments_take_the_parameter_kind() {
    let out = run(
        "package .a; class c { void f(var x : long, var y : double) {} void m() { f(1, 2); } };",
    );
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let body = body_of(&out, "m");
    let mut kinds = Vec::new();
    let mut args: Vec<&ir::tree::Node> = vec![&body];
    while let Some(n) = args.pop() {
        if let NodeKind::Call { args: a, .. } = &n.kind {
            for arg in a {
                let NodeKind::Box(k, v) = &arg.kind else {
                    panic!("argument not boxed: {arg:?}")
                };
                assert!(matches!(
                    v.kind,
                    NodeKind::Convert {
                        from: ir::NumKind::Int,
                        ..
                    }
                ));
                kinds.push(*k);
            }
        }
        args.extend(n.children());
    }
    assert_eq!(kinds, [ir::NumKind::Long, ir::NumKind::Double]);
}

/// S13: an untyped local `var x;` is allowed (an object slot of unknown type).
#[test]
fn untyped_locals_are_allowed() {
    let out = run("package .u; class c { void m() { var x; x = 1; x = \"s\"; } };");
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let m = class(&out, ".u.c")
        .methods
        .iter()
        .find(|m| m.sig.name == "m")
        .unwrap();
    assert_eq!((m.obj_slots, m.int_slots), (1, 0));
}

/// S14: class names keep their case in `summon_by_name`.
#[test]
fn class_names_keep_their_case() {
    let out = run("package .k; class MixedCase { }; class user { void m() { var x : MixedCase; x = new MixedCase(); } };");
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let news = count(
        &body_of_class(&out, ".k.user", "m"),
        &|k| matches!(k, NodeKind::New { class: ir::Summon::ByName(n), .. } if n == ".k.MixedCase"),
    );
    assert_eq!(news, 1);
}

fn body_of_class(out: &phantom_frontend::Output, c: &str, m: &str) -> ir::tree::Node {
    class(out, c)
        .methods
        .iter()
        .find(|x| x.sig.name == m)
        .and_then(|x| x.body.clone())
        .unwrap_or_else(|| panic!("no body for {m}"))
}

/// S15: an imported class may be named by its last component, and classes
/// on the class path are found without an import.
#[test]
fn imported_and_class_path_classes_are_found() {
    let dir = scratch("classpath");
    let lib = compile(
        &[SourceFile {
            path: "lib.ph".into(),
            text: "package .lib.util; class map { int size() { return 0; } };".into(),
        }],
        Vec::new(),
    );
    assert!(!lib.has_errors(), "{:#?}", lib.diags);
    let (cf, _) = codegen::class_file(&lib.classes[0].1, "20240101000000000").unwrap();
    std::fs::write(dir.join("lib.util.map.pc"), cf.write()).unwrap();
    let user = |text: &str| {
        compile(
            &[SourceFile {
                path: "user.ph".into(),
                text: text.into(),
            }],
            vec![dir.clone()],
        )
    };
    for text in [
        "package .app; import .lib.util.map; class u { int m(var x : map) { return x.size(); } };",
        "package .app; class u { int m(var x : .lib.util.map) { return x.size(); } };",
    ] {
        let out = user(text);
        assert!(!out.has_errors(), "{text}: {:#?}", out.diags);
    }
    // Without the import, `map` is `.app.map`, which does not exist.
    let out = user("package .app; class u { int m(var x : map) { return 0; } };");
    assert_eq!(
        out.diags.iter().map(|(_, d)| d.code).collect::<Vec<_>>(),
        ["E0201"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// S20: equal string literals share one constant-pool entry.
#[test]
fn equal_strings_share_a_pool_entry() {
    let out = run("package .s; class c { string m(var s : string) { s = \"a\"; s = \"b\"; s = \"a\"; return \"b\"; } };");
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let consts: Vec<&[u8]> = out.classes[0]
        .1
        .consts
        .iter()
        .map(|c| c.bytes.as_slice())
        .collect();
    assert_eq!(consts, [b"a".as_slice(), b"b".as_slice()]);
}

/// S24: `import "file"` is read next to the source file first, then in the
/// working directory (for tests, the crate's directory).
#[test]
fn imported_files_are_found_next_to_the_source_first() {
    let dir = scratch("importfile");
    std::fs::write(dir.join("Cargo.toml"), b"next to the source").unwrap();
    let read = |src_dir: &std::path::Path| -> Vec<u8> {
        let out = compile(
            &[SourceFile {
                path: src_dir.join("t.ph"),
                text: "package .f; class c { string m() { return import \"Cargo.toml\"; } };"
                    .into(),
            }],
            Vec::new(),
        );
        assert!(!out.has_errors(), "{:#?}", out.diags);
        let body = body_of(&out, "m");
        let NodeKind::Seq(s) = &body.kind else {
            panic!()
        };
        let NodeKind::Return(Some(v)) = &s[0].kind else {
            panic!()
        };
        let NodeKind::BinConst(b) = &v.kind else {
            panic!("{v:?}")
        };
        b.clone()
    };
    assert_eq!(read(&dir), b"next to the source");
    // Only regular files are read: a device would never end, a directory
    // is no data.
    for f in ["/dev/zero", "/dev/null", "/"] {
        let src = format!("package .f; class c {{ string m() {{ return import \"{f}\"; }} }};");
        assert_eq!(all_codes(&src), ["E0414"], "{f}");
    }
    let elsewhere = scratch("importfile-empty");
    let from_cwd = read(&elsewhere);
    assert!(
        String::from_utf8_lossy(&from_cwd).contains("name = \"phantom-frontend\""),
        "not the crate's Cargo.toml"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&elsewhere);
}

/// The diagnostics of one method body in a class with a field `count`, a
/// `string` method and a second class.
fn diags_of(body: &str) -> Vec<diag::Diagnostic> {
    let src = format!(
        "package .t; class other {{ }}; \
         class c {{ var count : int; void takes(var s : string) {{ }} int f() {{ return 1; }} \
         void m(var p : .t.c) {{ {body} }} }};"
    );
    run(&src).diags.into_iter().map(|(_, d)| d).collect()
}

/// The one diagnostic of a body, with its code checked.
fn one(body: &str, code: &str) -> diag::Diagnostic {
    let d = diags_of(body);
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        [code],
        "{body}: {d:#?}"
    );
    d.into_iter().next().unwrap()
}

fn primary_label(d: &diag::Diagnostic) -> &str {
    &d.labels.iter().find(|l| l.primary).unwrap().message
}

#[test]
fn messages_use_the_right_article() {
    let d = one("var s : string; s = 5;", "E0421");
    assert_eq!(
        d.message,
        "cannot store an `int` where a `string` is expected"
    );
    assert_eq!(primary_label(&d), "expected a `string`");
    let d = one("var i : int; var s : string; i = s;", "E0421");
    assert_eq!(
        d.message,
        "cannot store a `string` where an `int` is expected"
    );
    let d = one("var s : string; if (s) f();", "E0408");
    assert_eq!(d.message, "a condition must be a number, not a `string`");
    let d = one("takes(5);", "W0008");
    assert_eq!(d.message, "an `int` is passed where a `string` is expected");
}

#[test]
fn true_and_false_suggest_numbers() {
    let d = one("while (true) f();", "E0400");
    assert_eq!(d.message, "Phantom has no `true`");
    assert_eq!(primary_label(&d), "use `1` for true");
    assert!(d.help[0].contains("`0` is false"), "{:?}", d.help);
    let d = one("var i : int; i = false;", "E0400");
    assert_eq!(primary_label(&d), "use `0` for false");
}

#[test]
fn a_for_loop_is_explained_once() {
    let d = one(
        "var i : int; for (i = 0; i < 10; i = i + 1) { f(); }",
        "E0104",
    );
    assert_eq!(d.message, "Phantom has no `for` loop");
    assert_eq!(
        d.help,
        ["write `i = 0; while (i < 10) { … i = i + 1; }`, with the step at the end of the body"]
    );
}

#[test]
fn a_float_literal_is_explained_once() {
    let d = one("var d : double; d = 1.5;", "E0006");
    assert_eq!(d.message, "Phantom has no floating-point literals");
    assert_eq!(
        d.help,
        ["make the `double` from integers: `((double) 15) / 10` is 1.5"]
    );
    // Calling a method by ordinal on a literal is not a float.
    assert!(!diags_of("var x; x = 1.16();")
        .iter()
        .any(|d| d.code == "E0006"));
}

#[test]
fn fields_of_other_objects_are_explained() {
    let d = one("p.count = 5;", "E0426");
    assert_eq!(
        d.message,
        "cannot assign to field `count` of another object"
    );
    assert_eq!(primary_label(&d), "fields are private to their object");
    assert_eq!(
        d.help,
        ["add a method `setCount(v)` to the class and call `p.setCount(5)`"]
    );
    let d = one("var i : int; i = p.count;", "E0426");
    assert!(d.help[0].contains("`p.getCount()`"), "{:?}", d.help);
    let d = one("this.count = 1;", "E0426");
    assert_eq!(primary_label(&d), "write `count`");
}

#[test]
fn a_missing_semicolon_is_one_error_at_the_line_end() {
    let src = "package .t; class c { int f() { var x : int; x = 1\n x = 2\n return x; } };";
    let out = run(src);
    let d: Vec<_> = out.diags.iter().map(|(_, d)| d).collect();
    assert_eq!(d.len(), 2, "{d:#?}");
    assert!(d.iter().all(|d| d.message == "missing `;`"));
    let end = src.find("x = 1").unwrap() + 5;
    assert_eq!(d[0].span(), end..end);
}

#[test]
fn every_warning_has_a_code_and_a_label() {
    for (body, code) in [
        ("(void) f();", "W0001"),
        ("var u; var i : int; i = u + 1;", "W0002"),
        ("var k; var o; o = new *(k) (1);", "W0003"),
        ("var a : int; var a : string;", "W0004"),
        ("var o : .t.other; o = p;", "W0005"),
        ("var count : int;", "W0006"),
        ("return 1;", "W0007"),
        ("takes(5);", "W0008"),
    ] {
        let d = one(body, code);
        assert!(!d.is_error(), "{body}");
        assert!(!primary_label(&d).is_empty(), "{body}");
    }
}
