//! Property tests for the `.pc` record layer.

use classfile::records::{
    ArgRec, ClassFile, ClassHeader, ConstRec, FieldRec, LineMap, MethodCode, Record, Signature,
    TypeRec,
};
use proptest::collection::vec;
use proptest::prelude::*;

fn name() -> impl Strategy<Value = String> {
    "[.<>a-zA-Z0-9_]{0,12}"
}

fn ord() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..40, 0..=i32::MAX as u32]
}

fn ty() -> impl Strategy<Value = TypeRec> {
    (any::<bool>(), name(), name()).prop_map(|(is_container, main, contained)| TypeRec {
        is_container,
        main,
        contained,
    })
}

fn record() -> impl Strategy<Value = Record> {
    prop_oneof![
        (name(), ord(), vec(any::<u8>(), 0..20)).prop_map(|(name, ordinal, code)| Record::Method(
            MethodCode {
                name,
                ordinal,
                code
            }
        )),
        (
            name(),
            ord(),
            any::<bool>(),
            ty(),
            vec((name(), ty()), 0..4)
        )
            .prop_map(
                |(name, ordinal, c, ret, args)| Record::Signature(Signature {
                    name,
                    ordinal,
                    is_ctor: Some(c),
                    ret,
                    args: args
                        .into_iter()
                        .map(|(name, ty)| ArgRec { name, ty })
                        .collect(),
                })
            ),
        (ord(), vec((any::<i64>(), any::<i32>()), 0..5))
            .prop_map(|(ordinal, entries)| Record::LineMap(LineMap { ordinal, entries })),
        (name(), ord(), ty()).prop_map(|(name, ordinal, ty)| Record::Field(FieldRec {
            name,
            ordinal,
            ty
        })),
        (ord(), ty(), vec(any::<u8>(), 0..20))
            .prop_map(|(id, ty, bytes)| Record::Const(ConstRec { id, ty, bytes })),
        (
            any::<u8>().prop_filter("unknown tags only", |t| !b"CMSlfc".contains(t)),
            vec(any::<u8>(), 0..20)
        )
            .prop_map(|(tag, body)| Record::Unknown { tag, body }),
    ]
}

fn class_file() -> impl Strategy<Value = ClassFile> {
    (
        name(),
        ord(),
        ord(),
        name(),
        proptest::option::of("[0-9]{0,17}"),
        vec(record(), 0..12),
    )
        .prop_map(
            |(name, n_fields, n_methods, parent, version, records)| ClassFile {
                class: ClassHeader {
                    name,
                    n_fields,
                    n_methods,
                    parent,
                    version,
                },
                records,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn parse_inverts_write(cf in class_file()) {
        let bytes = cf.write();
        let back = ClassFile::parse(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &cf);
        // And the bytes are stable.
        prop_assert_eq!(back.write(), bytes);
    }

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(bytes in vec(any::<u8>(), 0..200)) {
        let _ = ClassFile::parse(&bytes);
    }

    #[test]
    fn parse_never_panics_on_damaged_files(
        cf in class_file(),
        edits in vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = cf.write();
        for (i, b) in edits {
            let at = i.index(bytes.len());
            bytes[at] = b;
        }
        let n = cut.index(bytes.len() + 1);
        let _ = ClassFile::parse(&bytes[..n]);
        let _ = ClassFile::parse(&bytes);
    }
}
