//! Class files and `.lstc` listings of the `listings.md` example class.

use classfile::bytecode::decode;
use classfile::records::{ClassFile, Record};
use ir::code::Op;

use super::*;
use crate::fixture;

#[test]
fn records_in_order_and_round_trip() {
    let class = fixture::counter();
    let (file, listings) = class_file(&class, "20240101000000000").unwrap();
    assert_eq!(file.class.name, ".demo.counter");
    assert_eq!(file.class.n_fields, 1);
    assert_eq!(file.class.n_methods, 21);
    assert_eq!(file.class.parent, ".internal.object");
    assert_eq!(file.class.version.as_deref(), Some("20240101000000000"));
    let tags: String = file.records.iter().map(|r| r.tag() as char).collect();
    assert_eq!(tags, "MSlMSlMSlfc");

    // Write → parse gives the same file, and the importer's view is the class's.
    let bytes = file.write();
    let parsed = ClassFile::parse(&bytes).unwrap();
    assert_eq!(parsed, file);
    assert_eq!(parsed.info(), class.info);

    // The constant is a `.internal.string`.
    let c: Vec<_> = parsed.consts().collect();
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].id, c[0].ty.main.as_str()), (0, ".internal.string"));
    assert_eq!(c[0].bytes, b"done");

    // Each M record decodes to the listed code.
    assert_eq!(listings.len(), 3);
    for (m, lst) in parsed.methods().zip(&listings) {
        assert_eq!(
            (m.name.as_str(), m.ordinal),
            (lst.name.as_str(), lst.ordinal)
        );
        assert_eq!(m.code, lst.encoded.bytes);
        let real = |ops: &[Op]| -> Vec<Op> {
            ops.iter()
                .filter(|o| !o.is_pseudo() && !o.targets().any(|_| true))
                .cloned()
                .collect()
        };
        assert_eq!(real(&decode(&m.code).unwrap()), real(&lst.ops));
    }
    // The bodiless method is a bare `ret` with an empty line map.
    let print = parsed.methods().find(|m| m.name == "print").unwrap();
    assert_eq!(print.code, vec![classfile::opcodes::RET]);
    let maps: Vec<_> = parsed.line_maps().collect();
    assert_eq!(maps.len(), 3);
    assert!(maps[1].entries.is_empty());
    assert_eq!(maps[1].ordinal, 20);
    // The `add` map starts at the first body instruction (after the
    // 2-byte arg_count and 3-byte stack_reserve), line 8, sorted by IP.
    let add = &maps[2].entries;
    assert_eq!(add.first(), Some(&(5, 8)));
    assert!(add.windows(2).all(|w| w[0].0 < w[1].0));
    let lines: Vec<i32> = add.iter().map(|e| e.1).collect();
    assert_eq!(lines, vec![8, 9, 11, 12, 9, 14, 15]);
}

#[test]
fn signature_records_carry_the_constructor_flag() {
    let (file, _) = class_file(&fixture::counter(), "v").unwrap();
    let sigs: Vec<_> = file
        .records
        .iter()
        .filter_map(|r| match r {
            Record::Signature(s) => Some(s),
            _ => None,
        })
        .collect();
    assert_eq!(sigs[0].is_ctor, Some(true));
    assert_eq!(sigs[2].is_ctor, Some(false));
    assert_eq!(sigs[2].ret.main, ".internal.int");
    assert_eq!(sigs[2].args[0].name, "n");
}

#[test]
fn lstc_listing() {
    let text = lstc(&fixture::counter(), "20261021050914154").unwrap();
    let want_start = "Class version 20261021050914154\n\
        \n\
        method <init> ordinal 17\n\
        --\n\
        \x20 arg_count 0\t\t\t\t\t\t//  @0\n\
        \x20 ret\t\t\t\t\t\t\t//  @2\n\
        --\n\
        method end\n\
        \n\
        method print ordinal 20\n\
        --\n\
        \x20 ret\t\t\t\t\t\t\t//  @0\n\
        --\n\
        method end\n\
        \n\
        method add ordinal 16\n\
        --\n\
        \x20 arg_count 1\t\t\t\t\t\t//  @0\n\
        \x20 stack_reserve obj=0 int=1\t\t\t\t//  @2\n\
        ; Line 8\n";
    assert!(text.starts_with(want_start), "{text}");
    assert!(
        text.ends_with("  ret\t\t\t\t\t\t\t//  @65\n--\nmethod end\n\n"),
        "{text}"
    );
    for needle in [
        "; set i\n",
        "; i\n",
        "; n\n",
        "; str 'done'\n",
        "; Line 14\n",
        "_label_0:\t//  @",
        "  call m=20 nparm=1\t",
        "  const_pool <0>\t",
        "  ilt <\t",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn errors_are_reported_per_method() {
    let mut class = fixture::counter();
    class.methods[2].int_slots = 0;
    class.methods[2].obj_slots = 0;
    let e = class_file(&class, "v").unwrap_err();
    assert!(matches!(e, EmitError::Lower(_)));
    assert_eq!(
        e.to_string(),
        "method add: 0 object slots cannot hold 1 arguments"
    );
    assert!(lstc(&class, "v").is_err());

    let mut class = fixture::counter();
    class.info.n_methods = u32::MAX;
    assert_eq!(
        class_file(&class, "v").unwrap_err(),
        EmitError::OutOfRange {
            what: "method count",
            value: u64::from(u32::MAX)
        }
    );

    // An ordinal the encoder cannot write.
    let mut class = fixture::counter();
    let ir::tree::NodeKind::Seq(items) = &mut class.methods[2].body.as_mut().unwrap().kind else {
        unreachable!()
    };
    items.insert(
        0,
        ir::tree::Node::new(
            ir::tree::NodeKind::Discard(Box::new(ir::tree::Node::new(
                ir::tree::NodeKind::Call {
                    receiver: Box::new(ir::tree::Node::new(
                        ir::tree::NodeKind::This,
                        ir::Type::Unknown,
                        1,
                    )),
                    name: None,
                    ordinal: u32::MAX,
                    args: vec![],
                },
                ir::Type::Unknown,
                1,
            ))),
            ir::Type::Void,
            1,
        ),
    );
    let e = class_file(&class, "v").unwrap_err();
    assert!(
        matches!(&e, EmitError::Encode { method, .. } if method == "add"),
        "{e}"
    );
}

#[test]
fn versions() {
    assert_eq!(version_from_unix_millis(0), "19700101000000000");
    // `date -u -d @1508045204.241` = 2017-10-15 05:26:44.241 UTC.
    assert_eq!(
        version_from_unix_millis(1_508_045_204_241),
        "20171015052644241"
    );
    // Afternoon hours use the 24-hour clock.
    assert_eq!(
        version_from_unix_millis(1_508_088_404_000),
        "20171015172644000"
    );
    // Leap day and year ends.
    assert_eq!(
        version_from_unix_millis(951_782_400_000),
        "20000229000000000"
    );
    assert_eq!(
        version_from_unix_millis(1_704_067_199_999),
        "20231231235959999"
    );
    let now = version_now();
    assert_eq!(now.len(), 17);
    assert!(now.bytes().all(|b| b.is_ascii_digit()));
    assert!(now.as_str() > "20240101000000000");
}
