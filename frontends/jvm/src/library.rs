//! Calls into the Java library that compile to VM operations directly:
//! `Object`, `String`, `System.out`, `Math`, `Integer` and `Long`.
//! Anything else of these classes is a compile-time error.

use ir::code::{ArithOp, Op};
use ir::types::NumKind;

use crate::emit::*;
use crate::lower::{dotted, Kind, MethodLowerer, V};
use crate::model::JType;

/// Whether calls to `owner` are handled here.
pub fn is_library(owner: &str) -> bool {
    owner.starts_with('[')
        || matches!(
            owner,
            "java/lang/Object"
                | "java/lang/String"
                | "java/io/PrintStream"
                | "java/lang/Math"
                | "java/lang/Integer"
                | "java/lang/Long"
                | "java/lang/System"
                | "java/lang/Thread"
                | "java/util/Objects"
                | "java/lang/Class"
                | "java/lang/Character"
        )
}

type R<T> = Result<T, String>;

fn unsupported(owner: &str, name: &str, desc: &str) -> String {
    format!(
        "library method {}.{name}{desc} is not supported yet",
        dotted(owner)
    )
}

fn pop(st: &mut Vec<V>) -> R<V> {
    st.pop()
        .ok_or_else(|| "operand stack underflow".to_string())
}

/// Lowers a call of a library method.
#[allow(clippy::too_many_arguments)]
pub(crate) fn call(
    l: &MethodLowerer,
    owner: &str,
    name: &str,
    desc: &str,
    kind: Kind,
    args: &[(JType, String)],
    ret: JType,
    _ret_desc: &str,
    st: &mut Vec<V>,
    em: &mut Em,
) -> R<()> {
    let rt = l.cx().rt;
    let n = args.len() as u32;
    use NumKind::{Int as KI, Long as KL};
    match (owner, name, desc, kind) {
        ("java/lang/Object", "<init>", "()V", Kind::Special) => {
            pop(st)?;
            em.op(Op::OsDrop);
            Ok(())
        }
        (_, "toString", "()Ljava/lang/String;", Kind::Virtual | Kind::Interface)
            if owner == "java/lang/Object" || owner == "java/lang/String" =>
        {
            pop(st)?;
            if owner == "java/lang/Object" {
                em.op(Op::Call {
                    ord: TO_STRING,
                    nargs: 0,
                });
            }
            st.push(V::Ref);
            Ok(())
        }
        (_, "equals", "(Ljava/lang/Object;)Z", Kind::Virtual)
            if owner == "java/lang/Object" || owner == "java/lang/String" =>
        {
            l.box_call_args(args, st, em)?;
            pop(st)?;
            em.op(Op::Call {
                ord: EQUALS,
                nargs: 1,
            });
            l.call_result(ret, st, em)
        }
        (_, "hashCode", "()I", Kind::Virtual)
            if owner == "java/lang/Object" || owner == "java/lang/String" =>
        {
            // Strings hash as Java's String.hashCode, other objects by
            // their own hashCode (the helper decides at run time).
            pop(st)?;
            em.rt_call(rt, rt.string_hash, 1);
            l.call_result(ret, st, em)
        }
        (
            "java/io/PrintStream",
            "printf" | "format",
            "(Ljava/lang/String;[Ljava/lang/Object;)Ljava/io/PrintStream;",
            Kind::Virtual,
        ) => {
            l.box_call_args(args, st, em)?;
            if pop(st)? != V::Out {
                return Err(
                    "printf on a PrintStream other than System.out is not supported yet".into(),
                );
            }
            util_call(
                l,
                em,
                "String_format",
                "(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;",
                2,
            )?;
            em.print();
            st.push(V::Out);
            Ok(())
        }
        ("java/io/PrintStream", "println" | "print", _, Kind::Virtual) => {
            if args.len() > 1 {
                return Err(unsupported(owner, name, desc));
            }
            if let Some((t, d)) = args.first() {
                if !matches!(t, JType::Int | JType::Long | JType::Ref) || d.starts_with('[') {
                    return Err(unsupported(owner, name, desc));
                }
                pop(st)?;
                em.stringify(*t, d, rt);
                if name == "println" {
                    em.sconst(b"\n");
                    em.op(Op::Call {
                        ord: STR_CONCAT,
                        nargs: 1,
                    });
                }
            } else if name == "println" {
                em.sconst(b"\n");
            } else {
                return Err(unsupported(owner, name, desc));
            }
            if pop(st)? != V::Out {
                return Err(
                    "print on a PrintStream other than System.out is not supported yet".into(),
                );
            }
            em.print();
            Ok(())
        }
        ("java/lang/String", _, _, Kind::Virtual) => {
            string_method(l, name, desc, args, ret, st, em)
        }
        ("java/lang/String", "valueOf", _, Kind::Static)
        | ("java/lang/Integer", "toString", "(I)Ljava/lang/String;", Kind::Static)
        | ("java/lang/Long", "toString", "(J)Ljava/lang/String;", Kind::Static) => {
            let Some((t, d)) = args.first().filter(|(t, d)| {
                args.len() == 1
                    && matches!(t, JType::Int | JType::Long | JType::Ref)
                    && !d.starts_with('[')
            }) else {
                return util_fallback(l, owner, name, desc, kind, args, ret, st, em);
            };
            pop(st)?;
            em.stringify(*t, d, rt);
            st.push(V::Ref);
            Ok(())
        }
        ("java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", Kind::Static)
        | ("java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", Kind::Static) => {
            let k = if owner == "java/lang/Integer" { KI } else { KL };
            pop(st)?;
            em.op(Op::I2o(k));
            st.push(V::Ref);
            Ok(())
        }
        ("java/lang/Integer", "intValue", "()I", Kind::Virtual)
        | ("java/lang/Long", "longValue", "()J", Kind::Virtual) => {
            let (k, v) = if owner == "java/lang/Integer" {
                (KI, V::Int)
            } else {
                (KL, V::Long)
            };
            pop(st)?;
            em.op(Op::O2i(k));
            st.push(v);
            Ok(())
        }
        (
            "java/lang/Integer" | "java/lang/Long",
            "equals" | "toString" | "hashCode",
            _,
            Kind::Virtual,
        ) if matches!(
            desc,
            "(Ljava/lang/Object;)Z" | "()Ljava/lang/String;" | "()I"
        ) =>
        {
            // Boxed numbers are the VM's own: equals compares class and
            // value, toString prints in decimal, hashCode is the value
            // (for Long the VM's hash differs from Java's, so refuse it).
            if owner == "java/lang/Long" && name == "hashCode" {
                return Err(unsupported(owner, name, desc));
            }
            l.box_call_args(args, st, em)?;
            pop(st)?;
            let ord = match name {
                "equals" => EQUALS,
                "toString" => TO_STRING,
                _ => 15,
            };
            em.op(Op::Call { ord, nargs: n });
            l.call_result(ret, st, em)
        }
        (_, "clone", "()Ljava/lang/Object;", Kind::Virtual) if owner.starts_with('[') => {
            pop(st)?;
            em.rt_call(rt, rt.array_clone, 1);
            st.push(V::Ref);
            Ok(())
        }
        (_, "getClass", "()Ljava/lang/Class;", Kind::Virtual) => {
            pop(st)?;
            em.op(Op::Call {
                ord: GET_CLASS,
                nargs: 0,
            });
            st.push(V::Ref);
            Ok(())
        }
        ("java/lang/Class", "getName" | "getSimpleName", "()Ljava/lang/String;", Kind::Virtual) => {
            pop(st)?;
            let helper = if name == "getName" {
                "className"
            } else {
                "simpleName"
            };
            util_call(l, em, helper, "(Ljava/lang/Object;)Ljava/lang/String;", 1)?;
            st.push(V::Ref);
            Ok(())
        }
        (
            "java/util/Objects",
            "requireNonNull",
            "(Ljava/lang/Object;)Ljava/lang/Object;",
            Kind::Static,
        ) => {
            // What javac emits for `outer.new Inner()` and method
            // references: the object itself, or NullPointerException.
            pop(st)?;
            let ok = em.label();
            em.op(Op::OsDup);
            em.op(Op::OsIsNull);
            em.op(Op::Jz(ok));
            em.class(".java.lang.NullPointerException");
            em.op(Op::New);
            em.op(Op::OsDup);
            em.class(".java.lang.NullPointerException");
            em.op(Op::StaticInvoke {
                ord: rt.npe_ctor,
                nargs: 0,
            });
            em.op(Op::OsDrop);
            em.op(Op::Throw);
            em.op(Op::Label(ok));
            st.push(V::Ref);
            Ok(())
        }
        ("java/lang/Integer", "compareTo", "(Ljava/lang/Integer;)I", Kind::Virtual)
        | ("java/lang/Long", "compareTo", "(Ljava/lang/Long;)I", Kind::Virtual) => {
            l.box_call_args(args, st, em)?;
            pop(st)?;
            util_call(
                l,
                em,
                "compare",
                "(Ljava/lang/Object;Ljava/lang/Object;)I",
                2,
            )?;
            l.call_result(ret, st, em)
        }
        (
            "java/lang/String",
            "<init>",
            "()V" | "([C)V" | "(Ljava/lang/String;)V",
            Kind::Special,
        ) => {
            // `new String(..)`: `new` pushed a placeholder and javac dup'ed
            // it; the string made here replaces both.
            l.box_call_args(args, st, em)?;
            pop(st)?;
            let hdesc = format!("{}Ljava/lang/String;", &desc[..desc.len() - 1]);
            util_call(l, em, "String_new", &hdesc, args.len() as u32)?;
            let t = em.obj_temp();
            em.op(Op::OsSet(t));
            em.op(Op::OsDrop);
            em.op(Op::OsDrop);
            em.op(Op::OsGet(t));
            Ok(())
        }
        ("java/lang/Thread", "sleep", "(J)V", Kind::Static) => {
            // The bootstrap object (kept by the entry method in the
            // helper class's static slot 1) sleeps, restartably: a
            // snapshot taken during the sleep resumes it.
            if pop(st)? != V::Long {
                return Err("Thread.sleep argument of the wrong type".into());
            }
            let t = em.int_temp(KL);
            let ok = em.label();
            em.op(Op::IsSet(KL, t));
            em.op(Op::IsGet(KL, t));
            em.op(Op::IConst(KL, 0));
            em.arith(KL, ArithOp::Lt);
            em.op(Op::Jz(ok));
            em.sconst(b"timeout value is negative");
            em.new_with_message(".java.lang.IllegalArgumentException", rt.iae_ctor);
            em.op(Op::Throw);
            em.op(Op::Label(ok));
            em.get_static(RT_PNAME, BOOT_SLOT);
            // Longer than i32::MAX ms (24 days) sleeps i32::MAX ms.
            let (small, go) = (em.label(), em.label());
            em.op(Op::IsGet(KL, t));
            em.op(Op::IConst(KL, i32::MAX));
            em.arith(KL, ArithOp::Gt);
            em.op(Op::Jz(small));
            em.iconst(i32::MAX);
            em.op(Op::Jmp(go));
            em.op(Op::Label(small));
            em.op(Op::IsGet(KL, t));
            em.op(Op::Convert { from: KL, to: KI });
            em.op(Op::Label(go));
            em.op(Op::I2o(KI));
            em.op(Op::Call {
                ord: BOOT_SLEEP,
                nargs: 1,
            });
            em.op(Op::OsDrop);
            Ok(())
        }
        ("java/lang/Integer", "compare", "(II)I", Kind::Static)
        | ("java/lang/Long", "compare", "(JJ)I", Kind::Static) => {
            let (k, v) = if owner == "java/lang/Long" {
                (KL, V::Long)
            } else {
                (KI, V::Int)
            };
            for _ in 0..2 {
                if pop(st)? != v {
                    return Err("compare argument of the wrong type".into());
                }
            }
            let b = em.int_temp(k);
            let a = em.int_temp(k);
            em.op(Op::IsSet(k, b));
            em.op(Op::IsSet(k, a));
            em.op(Op::IsGet(k, a));
            em.op(Op::IsGet(k, b));
            em.arith(k, ArithOp::Gt);
            em.op(Op::IsGet(k, a));
            em.op(Op::IsGet(k, b));
            em.arith(k, ArithOp::Lt);
            em.arith(KI, ArithOp::SubLu);
            st.push(V::Int);
            Ok(())
        }
        (
            "java/lang/Math",
            "abs" | "max" | "min",
            "(I)I" | "(J)J" | "(II)I" | "(JJ)J",
            Kind::Static,
        ) => {
            let (k, v) = if desc.contains('J') {
                (KL, V::Long)
            } else {
                (KI, V::Int)
            };
            for _ in 0..n {
                if pop(st)? != v {
                    return Err("Math argument of the wrong type".into());
                }
            }
            let b = em.int_temp(k);
            let a = em.int_temp(k);
            let (other, end) = (em.label(), em.label());
            if name == "abs" {
                // abs(MIN_VALUE) is MIN_VALUE, as the wrap-around gives.
                em.op(Op::IsSet(k, a));
                em.op(Op::IsGet(k, a));
                em.op(Op::IConst(k, 0));
                em.arith(k, ArithOp::Lt);
                em.op(Op::Jz(other));
                em.op(Op::IsGet(k, a));
                em.op(Op::IConst(k, -1));
                em.arith(k, ArithOp::Mul);
                em.op(Op::Jmp(end));
                em.op(Op::Label(other));
                em.op(Op::IsGet(k, a));
            } else {
                em.op(Op::IsSet(k, b));
                em.op(Op::IsSet(k, a));
                em.op(Op::IsGet(k, a));
                em.op(Op::IsGet(k, b));
                em.arith(
                    k,
                    if name == "max" {
                        ArithOp::Ge
                    } else {
                        ArithOp::Le
                    },
                );
                em.op(Op::Jz(other));
                em.op(Op::IsGet(k, a));
                em.op(Op::Jmp(end));
                em.op(Op::Label(other));
                em.op(Op::IsGet(k, b));
            }
            em.op(Op::Label(end));
            st.push(v);
            Ok(())
        }
        _ => util_fallback(l, owner, name, desc, kind, args, ret, st, em),
    }
}

/// Library methods written in Java in `java.lang.$Util`: an instance
/// method `String.m(args)` is `$Util.String_m(String, args)` (the receiver
/// is already below the arguments, as the first argument must be), a static
/// `Integer.m(args)` is `$Util.Integer_m(args)`.
#[allow(clippy::too_many_arguments)]
fn util_fallback(
    l: &MethodLowerer,
    owner: &str,
    name: &str,
    desc: &str,
    kind: Kind,
    args: &[(JType, String)],
    ret: JType,
    st: &mut Vec<V>,
    em: &mut Em,
) -> R<()> {
    let simple = owner.rsplit('/').next().unwrap_or(owner);
    let helper = format!("{simple}_{name}");
    let (hdesc, n) = match kind {
        Kind::Static => (desc.to_string(), args.len()),
        Kind::Virtual if owner == "java/lang/String" => {
            (format!("(Ljava/lang/String;{}", &desc[1..]), args.len() + 1)
        }
        _ => return Err(unsupported(owner, name, desc)),
    };
    let known = l
        .cx()
        .layouts
        .get(UTIL_JNAME)
        .is_some_and(|u| u.methods.contains_key(&(helper.clone(), hdesc.clone())));
    if !known {
        return Err(unsupported(owner, name, desc));
    }
    l.box_call_args(args, st, em)?;
    if kind == Kind::Virtual {
        pop(st)?;
    }
    util_call(l, em, &helper, &hdesc, n as u32)?;
    l.call_result(ret, st, em)
}

fn string_method(
    l: &MethodLowerer,
    name: &str,
    desc: &str,
    args: &[(JType, String)],
    ret: JType,
    st: &mut Vec<V>,
    em: &mut Em,
) -> R<()> {
    let rt = l.cx().rt;
    let direct = |ord: u32, st: &mut Vec<V>, em: &mut Em| -> R<()> {
        l.box_call_args(args, st, em)?;
        pop(st)?;
        em.op(Op::Call {
            ord,
            nargs: args.len() as u32,
        });
        l.call_result(ret, st, em)
    };
    match (name, desc) {
        ("length", "()I") => direct(STR_LENGTH, st, em),
        ("charAt", "(I)C") => direct(STR_CHAR_AT, st, em),
        ("concat", "(Ljava/lang/String;)Ljava/lang/String;") => direct(STR_CONCAT, st, em),
        ("isEmpty", "()Z") => {
            pop(st)?;
            em.op(Op::Call {
                ord: STR_LENGTH,
                nargs: 0,
            });
            em.op(Op::O2i(NumKind::Int));
            em.arith(NumKind::Int, ArithOp::LogNot);
            st.push(V::Int);
            Ok(())
        }
        ("substring", "(I)Ljava/lang/String;" | "(II)Ljava/lang/String;") => {
            // substring(b) is substring(b, length()).
            l.box_call_args(args, st, em)?;
            if args.len() == 1 {
                em.op(Op::OsPull(1));
                em.op(Op::Call {
                    ord: STR_LENGTH,
                    nargs: 0,
                });
            }
            pop(st)?;
            em.rt_call(rt, rt.substring, 3);
            l.call_result(ret, st, em)
        }
        _ => util_fallback(
            l,
            "java/lang/String",
            name,
            desc,
            Kind::Virtual,
            args,
            ret,
            st,
            em,
        ),
    }
}

/// The Java-written helper class of the runtime library.
pub const UTIL_JNAME: &str = "java/lang/$Util";

/// Calls static helper `name` of `java.lang.$Util` with `nargs` boxed
/// arguments on the object stack; its result is on the object stack.
pub(crate) fn util_call(
    l: &MethodLowerer,
    em: &mut Em,
    name: &str,
    desc: &str,
    nargs: u32,
) -> R<()> {
    let u = l
        .cx()
        .layouts
        .get(UTIL_JNAME)
        .ok_or("the runtime library has no java.lang.$Util")?;
    let ord = *u
        .methods
        .get(&(name.to_string(), desc.to_string()))
        .ok_or_else(|| format!("java.lang.$Util has no {name}{desc}"))?;
    em.class(&u.pname);
    em.op(Op::New);
    em.class(&u.pname);
    em.op(Op::StaticInvoke { ord, nargs });
    Ok(())
}
