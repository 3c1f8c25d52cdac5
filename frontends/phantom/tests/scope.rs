//! Name binding: every use of a name resolves to its own declaration.
//!
//! Issue 10 found arguments typed from the first method of the class with
//! the same arity and argument name, not from the method being compiled.
//! These tests pin the fix and look for the whole class of mix-ups: a
//! property test generates classes whose methods reuse argument and local
//! names with different types and checks every read and write of a name.

use std::collections::HashMap;

use ir::tree::{Node, NodeKind, Place, Target};
use ir::{NumKind, Type};
use phantom_frontend::{compile, Output, SourceFile};
use proptest::prelude::*;

fn run(src: &str) -> Output {
    compile(
        &[SourceFile {
            path: "t.ph".into(),
            text: src.to_string(),
        }],
        Vec::new(),
    )
}

fn method<'a>(out: &'a Output, name: &str, nargs: usize) -> &'a ir::Method {
    out.classes[0]
        .1
        .methods
        .iter()
        .find(|m| m.sig.name == name && m.sig.args.len() == nargs)
        .unwrap_or_else(|| panic!("method {name}/{nargs}"))
}

fn walk<'a>(n: &'a Node, f: &mut dyn FnMut(&'a Node)) {
    f(n);
    for c in n.children() {
        walk(c, f);
    }
}

#[test]
fn arguments_take_the_types_of_their_own_method() {
    // `say` comes first with the same arity and argument name: `n + 1` in
    // `show` once became string concatenation.
    let out = run(r#"package .t;
        class c {
            void say(var n : string) { }
            int show(var n : int) { return n + 1; }
        };"#);
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let body = method(&out, "show", 1).body.as_ref().unwrap();
    let mut concat = 0;
    let mut arith = 0;
    walk(body, &mut |n| match &n.kind {
        NodeKind::Call {
            name: Some(name), ..
        } if name == "concat" => concat += 1,
        NodeKind::Arith { .. } => arith += 1,
        NodeKind::GetLocal(l) if l.name == "n" => assert_eq!(n.ty, Type::INT),
        _ => {}
    });
    assert_eq!((concat, arith), (0, 1), "{body:#?}");
}

#[test]
fn constructors_and_overloads_take_their_own_argument_types() {
    let out = run(r#"package .t;
        class c {
            void c(var v : string) { }
            void c(var v : int) { var w : int; w = v * 2; }
            void f(var v : .internal.double) { var w : .internal.double; w = v / 2; }
            void f(var v : string) { v.length(); }
        };"#);
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let types_of_v = |m: &ir::Method| {
        let mut tys = Vec::new();
        walk(m.body.as_ref().unwrap(), &mut |n| {
            if matches!(&n.kind, NodeKind::GetLocal(l) if l.name == "v") {
                tys.push(n.ty.clone());
            }
        });
        tys
    };
    let by_first_arg = |name: &str, ty: Type| {
        out.classes[0]
            .1
            .methods
            .iter()
            .find(|m| m.sig.name == name && m.sig.args[0].ty == ty)
            .unwrap()
    };
    assert_eq!(
        types_of_v(by_first_arg("<init>", Type::INT)),
        vec![Type::INT]
    );
    let dbl = Type::Num(NumKind::Double);
    assert_eq!(types_of_v(by_first_arg("f", dbl.clone())), vec![dbl]);
    assert_eq!(
        types_of_v(by_first_arg("f", Type::String)),
        vec![Type::String]
    );
}

#[test]
fn a_catch_variable_has_the_type_its_catch_declares() {
    // An earlier local of the same name and another type is replaced (with
    // warning W0004), as any redeclaration is: the catch variable must not
    // keep the earlier type.
    let out = run(r#"package .t;
        class ex { int code() { return 7; } };
        class c {
            int f() {
                var e : string;
                try { throw new ex(); } catch (ex e) { return e.code(); }
                return 0;
            }
        };"#);
    assert!(!out.has_errors(), "{:#?}", out.diags);
    let c = out
        .classes
        .iter()
        .find(|c| c.1.info.name == ".t.c")
        .unwrap();
    let f = c.1.methods.iter().find(|m| m.sig.name == "f").unwrap();
    let mut seen = 0;
    walk(f.body.as_ref().unwrap(), &mut |n| {
        if let NodeKind::GetLocal(l) = &n.kind {
            assert_eq!(l.name, "e");
            assert_eq!(n.ty, Type::Class(".t.ex".into()));
            seen += 1;
        }
    });
    assert_eq!(seen, 1);
}

// ------------------------------------------------------------ property test

const NAMES: [&str; 5] = ["a", "b", "n", "x", "y"];
const TYPES: [&str; 6] = [
    "int",
    "string",
    ".internal.long",
    ".internal.double",
    ".internal.object",
    ".t.c",
];

fn ty_of(word: &str) -> Type {
    match word {
        "int" => Type::INT,
        "string" => Type::String,
        ".internal.long" => Type::Num(NumKind::Long),
        ".internal.double" => Type::Num(NumKind::Double),
        other => Type::Class(other.to_string()),
    }
}

/// One generated method: its name, its arguments and its locals (name, type word).
#[derive(Clone, Debug)]
struct Gen {
    name: &'static str,
    args: Vec<(&'static str, &'static str)>,
    locals: Vec<(&'static str, &'static str)>,
    /// The order in which the body reads and writes the names.
    uses: Vec<usize>,
}

fn gen_method() -> impl Strategy<Value = Gen> {
    (
        prop::sample::select(vec!["c", "f", "g", "h"]),
        prop::sample::subsequence(NAMES.to_vec(), 0..=NAMES.len()),
        prop::collection::vec(prop::sample::select(TYPES.to_vec()), NAMES.len()),
        prop::collection::vec(any::<bool>(), NAMES.len()),
        prop::collection::vec(0..NAMES.len(), 0..12),
    )
        .prop_map(|(name, picked, types, is_arg, uses)| {
            let mut args = Vec::new();
            let mut locals = Vec::new();
            for (i, n) in picked.into_iter().enumerate() {
                if is_arg[i] {
                    args.push((n, types[i]));
                } else {
                    locals.push((n, types[i]));
                }
            }
            Gen {
                name,
                args,
                locals,
                uses,
            }
        })
}

fn source(methods: &[Gen]) -> String {
    let mut s = String::from("package .t;\nclass c {\n    var fld : int;\n");
    for m in methods {
        let ret = if m.name == "c" { "void" } else { "int" };
        let args: Vec<String> = m
            .args
            .iter()
            .map(|(n, t)| format!("var {n} : {t}"))
            .collect();
        s += &format!("    {ret} {}({}) {{\n", m.name, args.join(", "));
        for (n, t) in &m.locals {
            s += &format!("        var {n} : {t};\n");
        }
        let names: Vec<&str> = m.args.iter().chain(&m.locals).map(|v| v.0).collect();
        for &u in &m.uses {
            if let Some(n) = names.get(u % names.len().max(1)) {
                s += &format!("        {n} = {n};\n");
            }
        }
        s += "        fld = fld;\n    }\n";
    }
    s + "};\n"
}

/// Drops methods whose name and argument types repeat an earlier one's
/// (that is error E0306, not what this test is about).
fn distinct(methods: Vec<Gen>) -> Vec<Gen> {
    let mut out: Vec<Gen> = Vec::new();
    for m in methods {
        let key = |g: &Gen| (g.name, g.args.iter().map(|a| a.1).collect::<Vec<_>>());
        if !out.iter().any(|o| key(o) == key(&m)) {
            out.push(m);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_use_resolves_to_its_own_declaration(methods in prop::collection::vec(gen_method(), 1..6)) {
        let methods = distinct(methods);
        let src = source(&methods);
        let out = run(&src);
        prop_assert!(!out.has_errors(), "{src}\n{:#?}", out.diags);
        let class = &out.classes[0].1;
        for g in &methods {
            let name = if g.name == "c" { "<init>" } else { g.name };
            let arg_tys: Vec<Type> = g.args.iter().map(|a| ty_of(a.1)).collect();
            let m = class
                .methods
                .iter()
                .find(|m| m.sig.name == name && m.sig.args.iter().map(|a| a.ty.clone()).collect::<Vec<_>>() == arg_tys)
                .expect("generated method compiled");
            // name -> (type, place, argument slot)
            let mut decl: HashMap<&str, (Type, Option<u32>)> = HashMap::new();
            for (i, (n, t)) in g.args.iter().enumerate() {
                decl.insert(n, (ty_of(t), Some(i as u32)));
            }
            for (n, t) in &g.locals {
                decl.insert(n, (ty_of(t), None));
            }
            let mut problems = Vec::new();
            let mut check = |l: &ir::tree::Local, ty: &Type| {
                let Some((want, arg_slot)) = decl.get(l.name.as_str()) else {
                    problems.push(format!("`{}` is not declared in {name}", l.name));
                    return;
                };
                if ty != want {
                    problems.push(format!("`{}` in {name}: {ty:?}, declared {want:?}", l.name));
                }
                let want_place = match (arg_slot, want.num()) {
                    (None, Some(k)) => Place::Int(k),
                    _ => Place::Obj,
                };
                if l.place != want_place {
                    problems.push(format!("`{}` in {name}: {:?}, want {want_place:?}", l.name, l.place));
                }
                if let Some(slot) = arg_slot {
                    if l.slot != *slot {
                        problems.push(format!("argument `{}` in {name}: slot {}, want {slot}", l.name, l.slot));
                    }
                }
            };
            if let Some(body) = &m.body {
                walk(body, &mut |n| match &n.kind {
                    NodeKind::GetLocal(l) => check(l, &n.ty),
                    NodeKind::Assign { target: Target::Local(l), .. } => check(l, &n.ty),
                    NodeKind::GetField { name, .. } => assert_eq!((name.as_str(), &n.ty), ("fld", &Type::INT)),
                    _ => {}
                });
            }
            prop_assert!(problems.is_empty(), "{src}\n{problems:#?}");
        }
    }
}

// ------------------------------------------------------- audit findings

fn codes(out: &Output) -> Vec<&'static str> {
    out.diags.iter().map(|(_, d)| d.code).collect()
}

#[test]
fn a_field_hiding_an_argument_or_local_is_a_warning() {
    // `x = x` assigns the field to itself, as in the original: the argument
    // can never be reached, which deserves a warning.
    let out = run(r#"package .t;
        class base { var y : int; };
        class c extends base {
            var x : int;
            void setX(var x : int) { x = x; }
            void f() { var y : string; y = 3; }
            void g(var z : int) { var w : int; w = z; }
        };"#);
    assert!(!out.has_errors(), "{:#?}", out.diags);
    assert_eq!(codes(&out), vec!["W0006", "W0006"], "{:#?}", out.diags);
    let msgs: Vec<String> = out.diags.iter().map(|(_, d)| d.message.clone()).collect();
    assert!(msgs[0].contains("argument `x`"), "{msgs:?}");
    assert!(msgs[1].contains("local variable `y`"), "{msgs:?}");
}

#[test]
fn a_relative_name_matching_two_imports_is_ambiguous() {
    let files = [
        SourceFile {
            path: "a.ph".into(),
            text: "package .a; class map { };".into(),
        },
        SourceFile {
            path: "b.ph".into(),
            text: "package .b; class map { };".into(),
        },
        SourceFile {
            path: "c.ph".into(),
            text: "package .c; import .a.map; import .b.map; class user { var m : map; };".into(),
        },
        // The package's own class comes first and is not ambiguous.
        SourceFile {
            path: "d.ph".into(),
            text: "package .a; import .b.map; class user { var m : map; };".into(),
        },
    ];
    let out = compile(&files, Vec::new());
    let errs: Vec<(usize, &str)> = out
        .diags
        .iter()
        .filter(|(_, d)| d.is_error())
        .map(|(f, d)| (*f, d.code))
        .collect();
    assert_eq!(errs, vec![(2, "E0208")], "{:#?}", out.diags);
}
