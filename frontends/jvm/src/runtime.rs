//! The Java runtime library classes the front end provides itself: the
//! `Throwable` hierarchy and `java.lang.$Rt`, the helpers lowered code
//! calls (array creation, bounds errors, `char` to `String`, Java's string
//! hash, `substring`). Their bodies are written here as Phantom code, so
//! neither building nor running Java programs needs a JDK.

use std::collections::HashMap;

use ir::code::{ArithOp, Op};
use ir::types::NumKind;

use crate::emit::*;
use crate::layout::{ClassDef, Layout};

/// The exception classes: (name, superclass).
const EXCEPTIONS: &[(&str, &str)] = &[
    ("java/lang/Exception", "java/lang/Throwable"),
    ("java/lang/Error", "java/lang/Throwable"),
    ("java/lang/RuntimeException", "java/lang/Exception"),
    (
        "java/lang/ArithmeticException",
        "java/lang/RuntimeException",
    ),
    (
        "java/lang/IndexOutOfBoundsException",
        "java/lang/RuntimeException",
    ),
    (
        "java/lang/ArrayIndexOutOfBoundsException",
        "java/lang/IndexOutOfBoundsException",
    ),
    (
        "java/lang/StringIndexOutOfBoundsException",
        "java/lang/IndexOutOfBoundsException",
    ),
    (
        "java/lang/NegativeArraySizeException",
        "java/lang/RuntimeException",
    ),
    (
        "java/lang/NullPointerException",
        "java/lang/RuntimeException",
    ),
    ("java/lang/ClassCastException", "java/lang/RuntimeException"),
    (
        "java/lang/IllegalArgumentException",
        "java/lang/RuntimeException",
    ),
    (
        "java/lang/IllegalStateException",
        "java/lang/RuntimeException",
    ),
    (
        "java/lang/UnsupportedOperationException",
        "java/lang/RuntimeException",
    ),
    ("java/lang/AssertionError", "java/lang/Error"),
    ("java/lang/NoSuchFieldError", "java/lang/Error"),
    ("java/lang/StackOverflowError", "java/lang/Error"),
    (
        "java/lang/NumberFormatException",
        "java/lang/IllegalArgumentException",
    ),
    (
        "java/util/NoSuchElementException",
        "java/lang/RuntimeException",
    ),
    (
        "java/util/ConcurrentModificationException",
        "java/lang/RuntimeException",
    ),
];

const STR: &str = "Ljava/lang/String;";
const CTOR0: (&str, &str) = ("<init>", "()V");
const CTOR1: (&str, &str) = ("<init>", "(Ljava/lang/String;)V");

/// The runtime classes' declarations, for layout.
pub fn defs() -> Vec<ClassDef> {
    let ctors = || {
        vec![
            (CTOR0.0.to_string(), CTOR0.1.to_string(), true),
            (CTOR1.0.to_string(), CTOR1.1.to_string(), true),
        ]
    };
    let mut throwable_methods = ctors();
    throwable_methods.push(("getMessage".into(), format!("(){STR}"), false));
    throwable_methods.push(("toString".into(), format!("(){STR}"), false));
    let mut v = vec![ClassDef {
        jname: "java/lang/Throwable".into(),
        parent: None,
        is_interface: false,
        fields: vec![("message".into(), STR.into(), false)],
        methods: throwable_methods,
    }];
    for (n, p) in EXCEPTIONS {
        v.push(ClassDef {
            jname: (*n).into(),
            parent: Some((*p).into()),
            is_interface: false,
            fields: vec![],
            methods: ctors(),
        });
    }
    v.push(ClassDef {
        jname: ENUM.into(),
        parent: None,
        is_interface: false,
        fields: vec![
            ("name".into(), STR.into(), false),
            ("ordinal".into(), "I".into(), false),
        ],
        methods: ENUM_METHODS
            .iter()
            .map(|(n, d)| ((*n).to_string(), (*d).to_string(), *n == "<init>"))
            .collect(),
    });
    v.push(ClassDef {
        jname: RT_JNAME.into(),
        parent: None,
        is_interface: false,
        fields: vec![],
        methods: RT_METHODS
            .iter()
            .map(|(n, d)| ((*n).to_string(), (*d).to_string(), true))
            .collect(),
    });
    v
}

/// `java.lang.Enum`, the superclass of every enum.
pub const ENUM: &str = "java/lang/Enum";

const ENUM_METHODS: &[(&str, &str)] = &[
    ("<init>", "(Ljava/lang/String;I)V"),
    ("name", "()Ljava/lang/String;"),
    ("ordinal", "()I"),
    ("toString", "()Ljava/lang/String;"),
    ("compareTo", "(Ljava/lang/Enum;)I"),
];

const RT_METHODS: &[(&str, &str)] = &[
    ("newArray", "(ILjava/lang/Object;)Ljava/lang/Object;"),
    ("outOfBounds", "(Ljava/lang/Object;I)Ljava/lang/Throwable;"),
    ("charToString", "(C)Ljava/lang/String;"),
    ("stringHash", "(Ljava/lang/Object;)I"),
    ("substring", "(Ljava/lang/String;II)Ljava/lang/String;"),
    ("arrayClone", "(Ljava/lang/Object;)Ljava/lang/Object;"),
    (
        "multiNewArray",
        "(Ljava/lang/Object;ILjava/lang/Object;)Ljava/lang/Object;",
    ),
    (
        "enumValueOf",
        "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;",
    ),
];

fn ord(l: &Layout, m: (&str, &str)) -> u32 {
    l.methods[&(m.0.to_string(), m.1.to_string())]
}

/// The ordinals lowered code needs.
pub fn ords(layouts: &HashMap<String, Layout>) -> RtOrds {
    let rt = &layouts[RT_JNAME];
    RtOrds {
        new_array: ord(rt, RT_METHODS[0]),
        out_of_bounds: ord(rt, RT_METHODS[1]),
        char_to_string: ord(rt, RT_METHODS[2]),
        string_hash: ord(rt, RT_METHODS[3]),
        substring: ord(rt, RT_METHODS[4]),
        array_clone: ord(rt, RT_METHODS[5]),
        multi_new_array: ord(rt, RT_METHODS[6]),
        enum_value_of: ord(rt, RT_METHODS[7]),
        arith_ctor: ord(&layouts["java/lang/ArithmeticException"], CTOR1),
        iae_ctor: ord(&layouts["java/lang/IllegalArgumentException"], CTOR1),
        npe_ctor: ord(&layouts["java/lang/NullPointerException"], CTOR0),
    }
}

/// A method body built with [`Em`]; `nargs` arguments, `int` own cells,
/// `obj` own object slots beyond the arguments.
fn body(pool: &mut Pool, nargs: u32, obj: u32, int: u32, f: impl FnOnce(&mut Em)) -> ir::Code {
    let mut em = Em::new(pool, nargs + obj, int, 0);
    f(&mut em);
    let mut ops = vec![Op::ArgCount(nargs as u8)];
    let (o, i) = (obj + em.obj_max, int + em.int_max);
    if o != 0 || i != 0 {
        ops.push(Op::StackReserve {
            obj: o as u8,
            int: i as u8,
        });
    }
    ops.append(&mut em.code.ops);
    ir::Code {
        ops,
        labels: em.code.labels,
    }
}

/// The bodies of runtime class `jname`'s declared methods: (name,
/// descriptor, code).
pub fn bodies(
    jname: &str,
    layouts: &HashMap<String, Layout>,
    pool: &mut Pool,
) -> Vec<(String, String, ir::Code)> {
    let l = &layouts[jname];
    let ctor1 = |c: &str| ord(&layouts[c], CTOR1);
    let mut out = Vec::new();
    let mut add =
        |m: (&str, &str), code: ir::Code| out.push((m.0.to_string(), m.1.to_string(), code));
    use NumKind::Int as KI;
    if jname == "java/lang/Throwable" {
        let msg = l.fields["message"].ordinal;
        let get_message = ord(l, ("getMessage", "()Ljava/lang/String;"));
        add(
            CTOR0,
            body(pool, 0, 0, 0, |em| {
                em.op(Op::SummonNull);
                em.op(Op::Save(msg));
                em.op(Op::SummonNull);
                em.op(Op::Ret);
            }),
        );
        add(
            CTOR1,
            body(pool, 1, 0, 0, |em| {
                em.op(Op::OsGet(0));
                em.op(Op::Save(msg));
                em.op(Op::SummonNull);
                em.op(Op::Ret);
            }),
        );
        add(
            ("getMessage", "()Ljava/lang/String;"),
            body(pool, 0, 0, 0, |em| {
                em.op(Op::Load(msg));
                em.op(Op::Ret);
            }),
        );
        // The class name without the VM's leading dot, then ": message".
        add(
            ("toString", "()Ljava/lang/String;"),
            body(pool, 0, 1, 1, |em| {
                em.op(Op::SummonThis);
                em.op(Op::Call {
                    ord: GET_CLASS,
                    nargs: 0,
                });
                em.op(Op::Call {
                    ord: TO_STRING,
                    nargs: 0,
                });
                em.op(Op::OsDup);
                em.op(Op::Call {
                    ord: STR_LENGTH,
                    nargs: 0,
                });
                em.op(Op::O2i(KI));
                em.op(Op::IsSet(KI, 0));
                em.iconst(1);
                em.op(Op::I2o(KI));
                em.op(Op::IsGet(KI, 0));
                em.iconst(1);
                em.arith(KI, ArithOp::SubLu);
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: STR_SUBSTRING,
                    nargs: 2,
                });
                // Java's toString asks getMessage(), which a subclass may
                // override.
                let has = em.label();
                em.op(Op::SummonThis);
                em.op(Op::Call {
                    ord: get_message,
                    nargs: 0,
                });
                em.op(Op::OsDup);
                em.op(Op::OsIsNull);
                em.op(Op::Jz(has));
                em.op(Op::OsDrop);
                em.op(Op::Ret);
                em.op(Op::Label(has));
                em.op(Op::OsSet(0));
                em.sconst(b": ");
                em.op(Op::Call {
                    ord: STR_CONCAT,
                    nargs: 1,
                });
                em.op(Op::OsGet(0));
                em.op(Op::Call {
                    ord: STR_CONCAT,
                    nargs: 1,
                });
                em.op(Op::Ret);
            }),
        );
    } else if let Some((_, parent)) = EXCEPTIONS.iter().find(|(n, _)| *n == jname) {
        let p = &layouts[*parent];
        let (p0, p1) = (ord(p, CTOR0), ord(p, CTOR1));
        let pname = p.pname.clone();
        add(
            CTOR0,
            body(pool, 0, 0, 0, |em| {
                em.op(Op::SummonThis);
                em.class(&pname);
                em.op(Op::StaticInvoke { ord: p0, nargs: 0 });
                em.op(Op::OsDrop);
                em.op(Op::SummonNull);
                em.op(Op::Ret);
            }),
        );
        add(
            CTOR1,
            body(pool, 1, 0, 0, |em| {
                em.op(Op::OsGet(0));
                em.op(Op::SummonThis);
                em.class(&pname);
                em.op(Op::StaticInvoke { ord: p1, nargs: 1 });
                em.op(Op::OsDrop);
                em.op(Op::SummonNull);
                em.op(Op::Ret);
            }),
        );
    } else if jname == ENUM {
        let (name, ordinal) = (l.fields["name"].ordinal, l.fields["ordinal"].clone());
        add(
            ENUM_METHODS[0],
            body(pool, 2, 0, 0, |em| {
                em.op(Op::OsGet(0));
                em.op(Op::Save(name));
                em.op(Op::OsGet(1));
                em.op(Op::Save(ordinal.ordinal));
                em.op(Op::SummonNull);
                em.op(Op::Ret);
            }),
        );
        for (m, field) in [
            (ENUM_METHODS[1], name),
            (ENUM_METHODS[2], ordinal.ordinal),
            (ENUM_METHODS[3], name),
        ] {
            add(
                m,
                body(pool, 0, 0, 0, |em| {
                    em.op(Op::Load(field));
                    em.op(Op::Ret);
                }),
            );
        }
        // compareTo(other): this.ordinal - other.ordinal.
        add(
            ENUM_METHODS[4],
            body(pool, 1, 0, 0, |em| {
                em.op(Op::Load(ordinal.ordinal));
                em.op(Op::O2i(KI));
                em.op(Op::OsGet(0));
                em.op(Op::Call {
                    ord: ordinal.getter,
                    nargs: 0,
                });
                em.op(Op::O2i(KI));
                em.arith(KI, ArithOp::SubLu);
                em.op(Op::I2o(KI));
                em.op(Op::Ret);
            }),
        );
    } else if jname == RT_JNAME {
        let nase = ctor1("java/lang/NegativeArraySizeException");
        let aioobe = ctor1("java/lang/ArrayIndexOutOfBoundsException");
        let sioobe = ctor1("java/lang/StringIndexOutOfBoundsException");
        let uoe = ctor1("java/lang/UnsupportedOperationException");
        // newArray(n, zero): n elements, each `zero`.
        add(
            RT_METHODS[0],
            body(pool, 2, 1, 2, |em| {
                let (ok, top, end) = (em.label(), em.label(), em.label());
                em.op(Op::OsGet(0));
                em.op(Op::O2i(KI));
                em.op(Op::IsSet(KI, 0));
                em.op(Op::IsGet(KI, 0));
                em.iconst(0);
                em.arith(KI, ArithOp::Lt);
                em.op(Op::Jz(ok));
                em.op(Op::OsGet(0));
                em.op(Op::Call {
                    ord: TO_STRING,
                    nargs: 0,
                });
                em.new_with_message(".java.lang.NegativeArraySizeException", nase);
                em.op(Op::Throw);
                em.op(Op::Label(ok));
                em.class(".internal.container.array");
                em.op(Op::New);
                em.op(Op::OsSet(2));
                em.iconst(0);
                em.op(Op::IsSet(KI, 1));
                em.op(Op::Label(top));
                em.op(Op::IsGet(KI, 1));
                em.op(Op::IsGet(KI, 0));
                em.arith(KI, ArithOp::Lt);
                em.op(Op::Jz(end));
                em.op(Op::OsGet(2));
                em.op(Op::OsGet(1));
                em.op(Op::IsGet(KI, 1));
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: ARR_SET,
                    nargs: 2,
                });
                em.op(Op::OsDrop);
                em.op(Op::IsGet(KI, 1));
                em.iconst(1);
                em.arith(KI, ArithOp::Add);
                em.op(Op::IsSet(KI, 1));
                em.op(Op::Jmp(top));
                em.op(Op::Label(end));
                em.op(Op::OsGet(2));
                em.op(Op::Ret);
            }),
        );
        // outOfBounds(array, index): Java's message.
        add(
            RT_METHODS[1],
            body(pool, 2, 0, 0, |em| {
                em.sconst(b"Index ");
                em.op(Op::OsGet(1));
                em.op(Op::Call {
                    ord: TO_STRING,
                    nargs: 0,
                });
                em.op(Op::Call {
                    ord: STR_CONCAT,
                    nargs: 1,
                });
                em.sconst(b" out of bounds for length ");
                em.op(Op::Call {
                    ord: STR_CONCAT,
                    nargs: 1,
                });
                em.op(Op::OsGet(0));
                em.op(Op::Call {
                    ord: ARR_SIZE,
                    nargs: 0,
                });
                em.op(Op::Call {
                    ord: TO_STRING,
                    nargs: 0,
                });
                em.op(Op::Call {
                    ord: STR_CONCAT,
                    nargs: 1,
                });
                em.new_with_message(".java.lang.ArrayIndexOutOfBoundsException", aioobe);
                em.op(Op::Ret);
            }),
        );
        // charToString(c): strings are bytes, so only ASCII is exact.
        add(
            RT_METHODS[2],
            body(pool, 1, 0, 1, |em| {
                let bad = em.label();
                em.op(Op::OsGet(0));
                em.op(Op::O2i(KI));
                em.op(Op::IsSet(KI, 0));
                em.op(Op::IsGet(KI, 0));
                em.iconst(128);
                em.arith(KI, ArithOp::Lt);
                em.op(Op::Jz(bad));
                let ascii: Vec<u8> = (0u8..128).collect();
                em.sconst(&ascii);
                em.op(Op::OsGet(0));
                em.iconst(1);
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: STR_SUBSTRING,
                    nargs: 2,
                });
                em.op(Op::Ret);
                em.op(Op::Label(bad));
                em.sconst(b"characters beyond ASCII are not supported yet");
                em.new_with_message(".java.lang.UnsupportedOperationException", uoe);
                em.op(Op::Throw);
            }),
        );
        // stringHash(o): s[0]*31^(n-1) + ... for strings, o.hashCode() otherwise.
        add(
            RT_METHODS[3],
            body(pool, 1, 0, 3, |em| {
                let (other, top, end) = (em.label(), em.label(), em.label());
                em.class(".internal.string");
                em.op(Op::OsGet(0));
                em.op(Op::Call {
                    ord: INSTANCE_OF,
                    nargs: 1,
                });
                em.op(Op::O2i(KI));
                em.op(Op::Jz(other));
                em.iconst(0);
                em.op(Op::IsSet(KI, 0));
                em.iconst(0);
                em.op(Op::IsSet(KI, 1));
                em.op(Op::OsGet(0));
                em.op(Op::Call {
                    ord: STR_LENGTH,
                    nargs: 0,
                });
                em.op(Op::O2i(KI));
                em.op(Op::IsSet(KI, 2));
                em.op(Op::Label(top));
                em.op(Op::IsGet(KI, 1));
                em.op(Op::IsGet(KI, 2));
                em.arith(KI, ArithOp::Lt);
                em.op(Op::Jz(end));
                em.op(Op::IsGet(KI, 0));
                em.iconst(31);
                em.arith(KI, ArithOp::Mul);
                em.op(Op::OsGet(0));
                em.op(Op::IsGet(KI, 1));
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: STR_CHAR_AT,
                    nargs: 1,
                });
                em.op(Op::O2i(KI));
                em.arith(KI, ArithOp::Add);
                em.op(Op::IsSet(KI, 0));
                em.op(Op::IsGet(KI, 1));
                em.iconst(1);
                em.arith(KI, ArithOp::Add);
                em.op(Op::IsSet(KI, 1));
                em.op(Op::Jmp(top));
                em.op(Op::Label(end));
                em.op(Op::IsGet(KI, 0));
                em.op(Op::I2o(KI));
                em.op(Op::Ret);
                em.op(Op::Label(other));
                em.op(Op::OsGet(0));
                em.op(Op::Call { ord: 15, nargs: 0 });
                em.op(Op::Ret);
            }),
        );
        // substring(s, begin, end) with Java's checks and message.
        add(
            RT_METHODS[4],
            body(pool, 3, 0, 3, |em| {
                let (bad, empty) = (em.label(), em.label());
                for (arg, cell) in [(1, 0), (2, 1)] {
                    em.op(Op::OsGet(arg));
                    em.op(Op::O2i(KI));
                    em.op(Op::IsSet(KI, cell));
                }
                em.op(Op::OsGet(0));
                em.op(Op::Call {
                    ord: STR_LENGTH,
                    nargs: 0,
                });
                em.op(Op::O2i(KI));
                em.op(Op::IsSet(KI, 2));
                // ok = begin >= 0 && end <= length && begin <= end
                em.op(Op::IsGet(KI, 0));
                em.iconst(0);
                em.arith(KI, ArithOp::Ge);
                em.op(Op::IsGet(KI, 1));
                em.op(Op::IsGet(KI, 2));
                em.arith(KI, ArithOp::Le);
                em.arith(KI, ArithOp::LogAnd);
                em.op(Op::IsGet(KI, 0));
                em.op(Op::IsGet(KI, 1));
                em.arith(KI, ArithOp::Le);
                em.arith(KI, ArithOp::LogAnd);
                em.op(Op::Jz(bad));
                em.op(Op::IsGet(KI, 1));
                em.op(Op::IsGet(KI, 0));
                em.arith(KI, ArithOp::SubLu);
                em.op(Op::Jz(empty));
                em.op(Op::OsGet(0));
                em.op(Op::OsGet(1));
                em.op(Op::IsGet(KI, 1));
                em.op(Op::IsGet(KI, 0));
                em.arith(KI, ArithOp::SubLu);
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: STR_SUBSTRING,
                    nargs: 2,
                });
                em.op(Op::Ret);
                em.op(Op::Label(empty));
                em.sconst(b"");
                em.op(Op::Ret);
                em.op(Op::Label(bad));
                em.sconst(b"begin ");
                for (text, arg) in [(&b", end "[..], 1u32), (b", length ", 2)] {
                    em.op(Op::OsGet(arg));
                    em.op(Op::Call {
                        ord: TO_STRING,
                        nargs: 0,
                    });
                    em.op(Op::Call {
                        ord: STR_CONCAT,
                        nargs: 1,
                    });
                    em.sconst(text);
                    em.op(Op::Call {
                        ord: STR_CONCAT,
                        nargs: 1,
                    });
                }
                em.op(Op::IsGet(KI, 2));
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: TO_STRING,
                    nargs: 0,
                });
                em.op(Op::Call {
                    ord: STR_CONCAT,
                    nargs: 1,
                });
                em.new_with_message(".java.lang.StringIndexOutOfBoundsException", sioobe);
                em.op(Op::Throw);
            }),
        );
        // multiNewArray(counts, level, zero): the arrays of `new T[c0][c1]..`
        // from dimension `level` on; at level 0 every count is checked
        // first, as Java does before allocating anything.
        let new_array = ord(l, RT_METHODS[0]);
        let multi = ord(l, RT_METHODS[6]);
        add(
            RT_METHODS[6],
            body(pool, 3, 1, 4, |em| {
                let (checked, check_top, leaf, top, end) =
                    (em.label(), em.label(), em.label(), em.label(), em.label());
                // cells: 0 level, 1 dims, 2 i, 3 n
                em.op(Op::OsGet(1));
                em.op(Op::O2i(KI));
                em.op(Op::IsSet(KI, 0));
                em.op(Op::OsGet(0));
                em.op(Op::Call {
                    ord: ARR_SIZE,
                    nargs: 0,
                });
                em.op(Op::O2i(KI));
                em.op(Op::IsSet(KI, 1));
                em.op(Op::IsGet(KI, 0));
                em.op(Op::Jz(check_top));
                em.op(Op::Jmp(checked));
                em.op(Op::Label(check_top));
                em.iconst(0);
                em.op(Op::IsSet(KI, 2));
                let (loop_, bad) = (em.label(), em.label());
                em.op(Op::Label(loop_));
                em.op(Op::IsGet(KI, 2));
                em.op(Op::IsGet(KI, 1));
                em.arith(KI, ArithOp::Lt);
                em.op(Op::Jz(checked));
                em.op(Op::OsGet(0));
                em.op(Op::IsGet(KI, 2));
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: ARR_GET,
                    nargs: 1,
                });
                em.op(Op::O2i(KI));
                em.iconst(0);
                em.arith(KI, ArithOp::Lt);
                em.arith(KI, ArithOp::LogNot);
                em.op(Op::Jz(bad));
                em.op(Op::IsGet(KI, 2));
                em.iconst(1);
                em.arith(KI, ArithOp::Add);
                em.op(Op::IsSet(KI, 2));
                em.op(Op::Jmp(loop_));
                em.op(Op::Label(bad));
                em.op(Op::OsGet(0));
                em.op(Op::IsGet(KI, 2));
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: ARR_GET,
                    nargs: 1,
                });
                em.op(Op::Call {
                    ord: TO_STRING,
                    nargs: 0,
                });
                em.new_with_message(".java.lang.NegativeArraySizeException", nase);
                em.op(Op::Throw);
                em.op(Op::Label(checked));
                // n = counts[level]
                em.op(Op::OsGet(0));
                em.op(Op::IsGet(KI, 0));
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: ARR_GET,
                    nargs: 1,
                });
                em.op(Op::O2i(KI));
                em.op(Op::IsSet(KI, 3));
                // The last dimension holds `zero`s; the others arrays.
                em.op(Op::IsGet(KI, 0));
                em.iconst(1);
                em.arith(KI, ArithOp::Add);
                em.op(Op::IsGet(KI, 1));
                em.arith(KI, ArithOp::SubLu);
                em.op(Op::Jz(leaf));
                em.op(Op::IsGet(KI, 3));
                em.op(Op::I2o(KI));
                em.op(Op::SummonNull);
                em.op(Op::SummonThis);
                em.class(RT_PNAME);
                em.op(Op::StaticInvoke {
                    ord: new_array,
                    nargs: 2,
                });
                em.op(Op::OsSet(3));
                em.iconst(0);
                em.op(Op::IsSet(KI, 2));
                em.op(Op::Label(top));
                em.op(Op::IsGet(KI, 2));
                em.op(Op::IsGet(KI, 3));
                em.arith(KI, ArithOp::Lt);
                em.op(Op::Jz(end));
                em.op(Op::OsGet(3));
                em.op(Op::OsGet(0));
                em.op(Op::IsGet(KI, 0));
                em.iconst(1);
                em.arith(KI, ArithOp::Add);
                em.op(Op::I2o(KI));
                em.op(Op::OsGet(2));
                em.op(Op::SummonThis);
                em.class(RT_PNAME);
                em.op(Op::StaticInvoke {
                    ord: multi,
                    nargs: 3,
                });
                em.op(Op::IsGet(KI, 2));
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: ARR_SET,
                    nargs: 2,
                });
                em.op(Op::OsDrop);
                em.op(Op::IsGet(KI, 2));
                em.iconst(1);
                em.arith(KI, ArithOp::Add);
                em.op(Op::IsSet(KI, 2));
                em.op(Op::Jmp(top));
                em.op(Op::Label(end));
                em.op(Op::OsGet(3));
                em.op(Op::Ret);
                em.op(Op::Label(leaf));
                em.op(Op::IsGet(KI, 3));
                em.op(Op::I2o(KI));
                em.op(Op::OsGet(2));
                em.op(Op::SummonThis);
                em.class(RT_PNAME);
                em.op(Op::StaticInvoke {
                    ord: new_array,
                    nargs: 2,
                });
                em.op(Op::Ret);
            }),
        );
        // enumValueOf(values, name, enum's name): the constant named
        // `name`, else Java's IllegalArgumentException.
        let enum_name = ord(&layouts[ENUM], ENUM_METHODS[1]);
        let iae = ctor1("java/lang/IllegalArgumentException");
        add(
            RT_METHODS[7],
            body(pool, 3, 0, 2, |em| {
                let (top, next, missing) = (em.label(), em.label(), em.label());
                em.op(Op::OsGet(0));
                em.op(Op::Call {
                    ord: ARR_SIZE,
                    nargs: 0,
                });
                em.op(Op::O2i(KI));
                em.op(Op::IsSet(KI, 1));
                em.iconst(0);
                em.op(Op::IsSet(KI, 0));
                em.op(Op::Label(top));
                em.op(Op::IsGet(KI, 0));
                em.op(Op::IsGet(KI, 1));
                em.arith(KI, ArithOp::Lt);
                em.op(Op::Jz(missing));
                em.op(Op::OsGet(0));
                em.op(Op::IsGet(KI, 0));
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: ARR_GET,
                    nargs: 1,
                });
                em.op(Op::OsDup);
                em.op(Op::Call {
                    ord: enum_name,
                    nargs: 0,
                });
                em.op(Op::OsGet(1));
                em.op(Op::Call {
                    ord: EQUALS,
                    nargs: 1,
                });
                em.op(Op::O2i(KI));
                em.op(Op::Jz(next));
                em.op(Op::Ret);
                em.op(Op::Label(next));
                em.op(Op::OsDrop);
                em.op(Op::IsGet(KI, 0));
                em.iconst(1);
                em.arith(KI, ArithOp::Add);
                em.op(Op::IsSet(KI, 0));
                em.op(Op::Jmp(top));
                em.op(Op::Label(missing));
                em.sconst(b"No enum constant ");
                em.op(Op::OsGet(2));
                em.op(Op::Call {
                    ord: STR_CONCAT,
                    nargs: 1,
                });
                em.sconst(b".");
                em.op(Op::Call {
                    ord: STR_CONCAT,
                    nargs: 1,
                });
                em.op(Op::OsGet(1));
                em.op(Op::Call {
                    ord: STR_CONCAT,
                    nargs: 1,
                });
                em.new_with_message(".java.lang.IllegalArgumentException", iae);
                em.op(Op::Throw);
            }),
        );
        // arrayClone(a): a new array with the same elements (Java's
        // clone() of an array is shallow).
        add(
            RT_METHODS[5],
            body(pool, 1, 1, 2, |em| {
                let (top, end) = (em.label(), em.label());
                em.op(Op::OsGet(0));
                em.op(Op::Call {
                    ord: ARR_SIZE,
                    nargs: 0,
                });
                em.op(Op::O2i(KI));
                em.op(Op::IsSet(KI, 0));
                em.class(".internal.container.array");
                em.op(Op::New);
                em.op(Op::OsSet(1));
                em.iconst(0);
                em.op(Op::IsSet(KI, 1));
                em.op(Op::Label(top));
                em.op(Op::IsGet(KI, 1));
                em.op(Op::IsGet(KI, 0));
                em.arith(KI, ArithOp::Lt);
                em.op(Op::Jz(end));
                em.op(Op::OsGet(1));
                em.op(Op::OsGet(0));
                em.op(Op::IsGet(KI, 1));
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: ARR_GET,
                    nargs: 1,
                });
                em.op(Op::IsGet(KI, 1));
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: ARR_SET,
                    nargs: 2,
                });
                em.op(Op::OsDrop);
                em.op(Op::IsGet(KI, 1));
                em.iconst(1);
                em.arith(KI, ArithOp::Add);
                em.op(Op::IsSet(KI, 1));
                em.op(Op::Jmp(top));
                em.op(Op::Label(end));
                em.op(Op::OsGet(1));
                em.op(Op::Ret);
            }),
        );
    }
    out
}
