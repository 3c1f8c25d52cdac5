use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use ir::code::{ArithOp, Label, Op, Summon};
use ir::types::NumKind;

use super::*;
use crate::bytecode::encode;
use crate::records::{ClassHeader, LineMap, MethodCode, Record};

fn enc(ops: &[Op]) -> Encoded {
    match encode(ops) {
        Ok(e) => e,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn mnemonics_follow_section_2_2() {
    let cases: Vec<(Op, &str)> = vec![
        (Op::Call { ord: 20, nargs: 1 }, "call m=20 nparm=1"),
        (
            Op::StaticInvoke { ord: 17, nargs: 0 },
            "static invoke ord=17 n_param=0",
        ),
        (
            Op::SummonClass(Summon::ByName(".Phantom.OS.Time".into())),
            "summon class phantom.os.time",
        ),
        (
            Op::SummonClass(Summon::ArrayClass),
            "summon class internal.container.array",
        ),
        (Op::IConst(NumKind::Int, 0), "cons 0"),
        (Op::IConst(NumKind::Int, 1), "const 1"),
        (Op::IConst(NumKind::Int, -5), "const -5"),
        (Op::IConst64(1 << 40), "const64 1099511627776"),
        (Op::ConstPool(3), "const_pool <3>"),
        (Op::IsGet(NumKind::Int, 4), "get i stk pos=4"),
        (Op::OsSet(2), "set o stk pos=2"),
        (Op::OsPull(1), "pull depth=1"),
        (Op::Load(300), "load fld=300"),
        (Op::Jz(Label(1)), "jz _label_1"),
        (Op::PushCatcher(Label(0)), "push catcher _label_0"),
        (Op::Label(Label(7)), "_label_7:"),
        (Op::Comment("set i".into()), "; set i"),
        (Op::Line(9), "; Line 9"),
        (
            Op::StackReserve { obj: 1, int: 2 },
            "stack_reserve obj=1 int=2",
        ),
        (Op::Arith(NumKind::Int, ArithOp::Lt), "ilt <"),
        (Op::Arith(NumKind::Int, ArithOp::LogAnd), "logand &&"),
        (Op::OsEq, "ptr eq"),
        (Op::Cast, "cast obj class"),
        (Op::OsDecompose, "??? decompose "),
        (Op::SConst(b"arg count".to_vec()), "const \"arg count\""),
        (Op::SConst(vec![0, 1, 2]), "const <bindata>"),
        (
            Op::Convert {
                from: NumKind::Int,
                to: NumKind::Long,
            },
            ":long   from int",
        ),
        (Op::IsSet(NumKind::Double, 0), ":double   set i stk pos=0"),
        (
            Op::Switch {
                shift: 3,
                div: 1,
                targets: vec![],
            },
            "switch -3 /1",
        ),
    ];
    for (op, text) in cases {
        assert_eq!(mnemonic(&op), text, "{op:?}");
    }
}

#[test]
fn init_block_matches_the_spec_example() {
    let ops = [Op::ArgCount(0), Op::Ret];
    let block = render_method("<init>", 17, &ops, &enc(&ops));
    assert_eq!(
        block,
        "method <init> ordinal 17\n--\n  arg_count 0\t\t\t\t\t\t//  @0\n  ret\t\t\t\t\t\t\t//  @2\n--\nmethod end\n\n"
    );
    let class = render_class("20261021050914154", &[block]);
    assert!(class.starts_with("Class version 20261021050914154\n\nmethod <init> ordinal 17\n"));
}

#[test]
fn labels_comments_prefixes_and_padding() {
    let ops = [
        Op::Line(13),
        Op::Label(Label(0)),
        Op::Comment("i".into()),
        Op::IsGet(NumKind::Int, 0),
        Op::Convert {
            from: NumKind::Int,
            to: NumKind::Long,
        },
        Op::Call { ord: 20, nargs: 1 },
        Op::StackReserve { obj: 1, int: 1 },
        Op::SConst(b"0123456789012345678901234567890123456789012345678901234567".to_vec()),
        Op::Jmp(Label(0)),
    ];
    let got = render_method("add", 16, &ops, &enc(&ops));
    let want = String::new()
        + "method add ordinal 16\n--\n"
        + "; Line 13\n"
        + "_label_0:\t//  @0\n"
        + "; i\n"
        + "  get i stk pos=0\t\t\t\t\t\t//  @0\n" // 15 chars → 6 TABs
        + "  :long   from int\t\t\t\t\t\t//  @6\n" // prefix @5, opcode @6
        + "  call m=20 nparm=1\t\t\t\t\t//  @7\n" // 17 chars → 5 TABs
        + "  stack_reserve obj=1 int=1\t\t\t\t//  @9\n" // 25 → 4
        + "  const \"0123456789012345678901234567890123456789012345678901234567\"\t//  @12\n" // 66 → 1
        + "  jmp _label_0\t\t\t\t\t\t//  @75\n"
        + "--\nmethod end\n\n";
    assert_eq!(got, want);
}

#[test]
fn switch_lists_its_entries() {
    let ops = [
        Op::Switch {
            shift: 0,
            div: 1,
            targets: vec![Label(0), Label(0)],
        },
        Op::Label(Label(0)),
        Op::Ret,
    ];
    let got = render_method("s", 0, &ops, &enc(&ops));
    assert!(got.contains("  switch -0 /1\t\t\t\t\t\t//  @0\n    _label_0:\t\t\t\t\t\t//  @17\n    _label_0:\t\t\t\t\t\t//  @21\n_label_0:\t//  @21\n"), "{got}");
}

/// `phantom.user.pc` from `classfile.md` §7, via the record writer.
fn phantom_user() -> Vec<u8> {
    let mut code = vec![
        0x23, 0, 0, 0, 0, 0x45, 0x05, 0, 0, 0, 0x2d, 0x24, 0, 0, 0, 0x23,
    ];
    code.extend_from_slice(b"arg count: getName in .phantom.user");
    code.extend_from_slice(&[0x2f, 0x28, 0, 0, 0, 0, 0x08, 0x08]);
    ClassFile {
        class: ClassHeader {
            name: ".phantom.user".into(),
            n_fields: 0,
            n_methods: 18,
            parent: ".internal.object".into(),
            version: Some("20170915052644241".into()),
        },
        records: vec![
            Record::Method(MethodCode {
                name: "getName".into(),
                ordinal: 16,
                code,
            }),
            Record::LineMap(LineMap {
                ordinal: 16,
                entries: vec![(57, 24), (52, 23)],
            }),
            Record::Method(MethodCode {
                name: "<init>".into(),
                ordinal: 3,
                code: vec![0x73, 0x00, 0x5C, 0x20, 0x08],
            }),
        ],
    }
    .write()
}

#[test]
fn disassembles_a_class_file() {
    let got = match disassemble(&phantom_user()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let want = String::new()
        + "Class version 20170915052644241\n\n"
        + "method <init> ordinal 3\n--\n"
        + "  arg_count 0\t\t\t\t\t\t//  @0\n"
        + "  :long   cons 0\t\t\t\t\t\t\t//  @3\n"
        + "  ret\t\t\t\t\t\t\t//  @4\n"
        + "--\nmethod end\n\n"
        + "method getName ordinal 16\n--\n"
        // iconst_32bit 0 lists as `const 0`, not `cons 0`.
        + "  const 0\t\t\t\t\t\t\t//  @0\n"
        + "  isublu\t\t\t\t\t\t\t//  @5\n"
        + "  jz _label_0\t\t\t\t\t\t//  @6\n"
        + "  const \"arg count: getName in .phantom.user\"\t\t//  @11\n"
        + "  throw\t\t\t\t\t\t\t//  @51\n"
        + "_label_0:\t//  @52\n"
        + "; Line 23\n"
        + "  const_pool <0>\t\t\t\t\t\t//  @52\n"
        + "; Line 24\n"
        + "  ret\t\t\t\t\t\t\t//  @57\n"
        + "  ret\t\t\t\t\t\t\t//  @58\n"
        + "--\nmethod end\n\n";
    assert_eq!(got, want);
}

#[test]
fn disassembly_errors() {
    assert!(matches!(disassemble(b"junk"), Err(DisasmError::Parse(_))));
    let bad = ClassFile {
        class: ClassHeader::default(),
        records: vec![Record::Method(MethodCode {
            name: "m".into(),
            ordinal: 2,
            code: vec![0x08, 0xFF],
        })],
    }
    .write();
    match disassemble(&bad) {
        Err(e @ DisasmError::Decode { .. }) => {
            assert_eq!(
                e.to_string(),
                "method m (ordinal 2): @1: unknown opcode 0xff"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn out_of_range_line_entries_still_show() {
    let (ops, _) = with_lines(vec![Op::Ret], vec![0], &[(-1, -2), (0, 1), (99, 5)]);
    assert_eq!(
        ops,
        [
            Op::Comment("Line -2".into()),
            Op::Line(1),
            Op::Ret,
            Op::Line(5)
        ]
    );
}
