//! The semantic index: every name's meaning and every expression's type.

use phantom_frontend::index::Symbol;
use phantom_frontend::{compile, SourceFile};

const SRC: &str = "package .t;
class a
{
    var count : int;
    int add(var n : int)
    {
        var total : int;
        total = count + n;
        count = total;
        return total;
    }
};
class b extends a
{
    void go()
    {
        var x : a;
        x = new a();
        x.add(2);
    }
};
";

fn at(src: &str, needle: &str, nth: usize) -> usize {
    src.match_indices(needle).nth(nth).expect("needle").0
}

#[test]
fn names_resolve_to_their_declarations() {
    let out = compile(
        &[SourceFile {
            path: "t.ph".into(),
            text: SRC.to_string(),
        }],
        Vec::new(),
    );
    assert!(!out.has_errors(), "{:?}", out.diags);
    let ix = &out.index;
    // `count` in `total = count + n` is the field of `.t.a`.
    let o = ix.occurrence_at(0, at(SRC, "count", 1)).expect("count");
    assert_eq!(
        o.symbol,
        Symbol::Field {
            class: ".t.a".into(),
            name: "count".into()
        }
    );
    assert_eq!(o.ty.to_string(), "int");
    // `n` is the argument declared in `add`'s header.
    let o = ix.occurrence_at(0, at(SRC, "+ n", 0) + 2).expect("n");
    match &o.symbol {
        Symbol::Local { decl, arg, .. } => {
            assert!(arg);
            assert_eq!(decl.start, at(SRC, "n :", 0));
        }
        other => panic!("{other:?}"),
    }
    // `x.add(2)` reaches `.t.a`'s method `add`, whose declaration is indexed.
    let o = ix.occurrence_at(0, at(SRC, "add(2)", 0)).expect("add");
    let Symbol::Method {
        class,
        name,
        ordinal,
    } = &o.symbol
    else {
        panic!("{:?}", o.symbol)
    };
    assert_eq!((class.as_str(), name.as_str()), (".t.a", "add"));
    let decl = ix
        .declarations(0)
        .find(|d| d.symbol == o.symbol)
        .expect("declaration of add");
    assert_eq!(decl.span.start, at(SRC, "add(var", 0));
    assert!(ix.classes[".t.a"]
        .methods
        .iter()
        .any(|m| m.ordinal == *ordinal));
    // `new a()` names the class `.t.a`; `extends a` too.
    let o = ix.occurrence_at(0, at(SRC, "a()", 0)).expect("new a");
    assert_eq!(o.symbol, Symbol::Class(".t.a".into()));
    let o = ix
        .occurrence_at(0, at(SRC, "extends a", 0) + 8)
        .expect("extends a");
    assert_eq!(o.symbol, Symbol::Class(".t.a".into()));
    // The whole `count + n` has type int.
    let e = ix.expr_at(0, at(SRC, " + n", 0) + 1).expect("sum");
    assert_eq!(e.ty.to_string(), "int");
    assert_eq!(&SRC[e.span.clone()], "count + n");
}

#[test]
fn the_index_survives_errors() {
    let src = "package .t;\nclass c\n{\n    void m()\n    {\n        var y : int;\n        y = nope + y;\n    }\n};\n";
    let out = compile(
        &[SourceFile {
            path: "c.ph".into(),
            text: src.to_string(),
        }],
        Vec::new(),
    );
    assert!(out.has_errors());
    let o = out
        .index
        .occurrence_at(0, at(src, "+ y", 0) + 2)
        .expect("y still resolves");
    assert!(matches!(&o.symbol, Symbol::Local { name, arg: false, .. } if name == "y"));
}
