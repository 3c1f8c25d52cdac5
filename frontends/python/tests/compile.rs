//! The front end on its own: programs compile to class files the back end
//! accepts, and what is not supported is an error with a code and a place.

use python_frontend::{compile, runtime};

fn errors(src: &str) -> Vec<(String, String)> {
    match compile("t.py", src, runtime::get()) {
        Ok(_) => Vec::new(),
        Err(diags) => diags
            .iter()
            .map(|d| (d.code.to_string(), d.message.clone()))
            .collect(),
    }
}

#[test]
fn every_suite_program_compiles_and_emits() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite/python");
    let mut n = 0;
    for e in std::fs::read_dir(dir).expect("testsuite/python") {
        let p = e.expect("entry").path();
        if p.extension().is_none_or(|x| x != "py") {
            continue;
        }
        let built = python_frontend::build(&p);
        assert!(built.is_ok(), "{} does not compile", p.display());
        let built = built.ok().expect("checked");
        assert!(built.classes.iter().any(|(n, _)| *n == built.entry));
        n += 1;
    }
    assert!(n >= 50, "only {n} programs");
}

#[test]
fn unsupported_constructs_are_errors_with_codes() {
    for (src, code, text) in [
        ("x = 1.5\n", "E0901", "float is not supported yet"),
        (
            "match 1:\n    case 1:\n        pass\n",
            "E0901",
            "this statement is not supported yet",
        ),
        ("import os\n", "E0903", "module 'os' is not supported yet"),
        (
            "print(open)\n",
            "E0903",
            "the built-in 'open' is not supported here yet",
        ),
        (
            "print(undefined_name)\n",
            "E0902",
            "name 'undefined_name' is not defined",
        ),
        ("break\n", "E0902", "'break' outside loop"),
        (
            "s = 'caf\u{e9}'\n",
            "E0901",
            "non-ASCII text is not supported yet",
        ),
        ("x = (\n", "E0900", "syntax error"),
        (
            "print(1, file=None)\n",
            "E0903",
            "print() supports only sep=, end= and flush= yet",
        ),
        (
            "x = 2j\n",
            "E0901",
            "this kind of constant is not supported yet",
        ),
        ("yield 1\n", "E0901", "'yield' outside function"),
    ] {
        let errs = errors(src);
        assert!(
            errs.iter().any(|(c, m)| c == code && m.contains(text)),
            "{src:?}: {errs:?}"
        );
    }
}

#[test]
fn the_module_class_holds_globals_and_functions() {
    let p = compile(
        "m.py",
        "a = 1\nb = 2\ndef f(x):\n    return x\ndef g():\n    return f(a)\n",
        runtime::get(),
    )
    .unwrap_or_else(|d| panic!("{d:?}"));
    let m = &p.classes[0];
    assert_eq!(m.info.name, ".pymain.m");
    assert_eq!(p.entry, ".pymain.m");
    assert_eq!(m.info.parent, ".py.pmodule");
    let fields: Vec<&str> = m.info.fields.iter().map(|f| f.name.as_str()).collect();
    for g in ["a", "b", "f", "g"] {
        assert!(fields.contains(&g), "{g} is not a field: {fields:?}");
    }
    let methods: Vec<&str> = m.methods.iter().map(|x| x.sig.name.as_str()).collect();
    assert!(methods.contains(&"run") && methods.contains(&"invoke"));
    assert_eq!(methods.iter().filter(|n| n.starts_with("py_")).count(), 2);
}
