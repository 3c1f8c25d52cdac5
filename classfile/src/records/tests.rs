use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;

use ir::types::{NumKind, Type};

use super::*;

/// Builds bytes field by field, independently of the writer under test.
#[derive(Default)]
struct B(Vec<u8>);

impl B {
    fn i32(mut self, v: i32) -> Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }
    fn i64(mut self, v: i64) -> Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }
    fn s(self, s: &str) -> Self {
        self.i32(s.len() as i32).raw(s.as_bytes())
    }
    fn raw(mut self, b: &[u8]) -> Self {
        self.0.extend_from_slice(b);
        self
    }
    fn ty(self, c: i32, main: &str, el: &str) -> Self {
        self.i32(c).s(main).s(el)
    }
    fn rec(self, tag: u8, body: B) -> Self {
        self.raw(b"phfr:")
            .raw(&[tag])
            .i32(10 + body.0.len() as i32)
            .raw(&body.0)
    }
}

fn get_name_code() -> Vec<u8> {
    let mut c = vec![
        0x23, 0, 0, 0, 0, 0x45, 0x05, 0, 0, 0, 0x2d, 0x24, 0, 0, 0, 0x23,
    ];
    c.extend_from_slice(b"arg count: getName in .phantom.user");
    c.extend_from_slice(&[0x2f, 0x28, 0, 0, 0, 0, 0x08, 0x08]);
    c
}

/// `test/plc/good/phantom.user.pc`, as annotated in `classfile.md` §7.
fn phantom_user() -> Vec<u8> {
    B::default()
        .rec(
            b'C',
            B::default()
                .s(".phantom.user")
                .i32(0)
                .i32(17)
                .s(".internal.object")
                .s("20170915052644241"),
        )
        .rec(
            b'M',
            B::default().s("getName").i32(16).raw(&get_name_code()),
        )
        .rec(
            b'S',
            B::default()
                .s("getName")
                .i32(16)
                .i32(0)
                .i32(0)
                .ty(0, ".internal.string", ""),
        )
        .rec(
            b'l',
            B::default().i32(16).i32(2).i64(52).i32(24).i64(57).i32(24),
        )
        .rec(
            b'c',
            B::default()
                .i32(0)
                .ty(0, ".internal.string", "")
                .raw(b"undefined.user"),
        )
        .0
}

/// `test/plc/good/internal.int.pc` (2016 layout), `classfile.md` §8.
fn internal_int() -> Vec<u8> {
    B::default()
        .rec(
            b'C',
            B::default()
                .s(".internal.int")
                .i32(0)
                .i32(6)
                .s(".internal.object")
                .s("20160109081026091"),
        )
        .rec(b'M', B::default().s("toString").i32(5).raw(&[0x08]))
        .rec(
            b'S',
            B::default()
                .s("toString")
                .i32(5)
                .i32(0)
                .ty(0, ".internal.string", ""),
        )
        .rec(b'l', B::default().i32(5).i32(0))
        .0
}

fn parse(b: &[u8]) -> ClassFile {
    match ClassFile::parse(b) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

fn parse_err(b: &[u8]) -> ParseError {
    match ClassFile::parse(b) {
        Ok(c) => panic!("expected an error, got {c:?}"),
        Err(e) => e,
    }
}

#[test]
fn walkthrough_phantom_user() {
    let bytes = phantom_user();
    assert_eq!(bytes.len(), 319, "the spec's file is 319 bytes");
    let cf = parse(&bytes);
    assert_eq!(
        cf.class,
        ClassHeader {
            name: ".phantom.user".into(),
            n_fields: 0,
            n_methods: 17,
            parent: ".internal.object".into(),
            version: Some("20170915052644241".into()),
        }
    );
    let tags: Vec<u8> = cf.records.iter().map(Record::tag).collect();
    assert_eq!(tags, b"MSlc");
    assert_eq!(cf.methods().next().map(|m| m.code.len()), Some(59));
    let sig = cf.signatures().next().cloned().unwrap_or_default();
    assert_eq!(sig.is_ctor, Some(false));
    assert_eq!(sig.ret.to_type(), Type::String);
    assert_eq!(
        cf.line_maps().next().map(|l| l.entries.clone()),
        Some(vec![(52, 24), (57, 24)])
    );
    assert_eq!(
        cf.consts().next().map(|c| c.bytes.clone()),
        Some(b"undefined.user".to_vec())
    );
    // Current layout throughout, so writing reproduces the file exactly.
    assert_eq!(cf.write(), bytes);
}

#[test]
fn walkthrough_internal_int_old_signature_layout() {
    let bytes = internal_int();
    assert_eq!(bytes.len(), 179);
    let cf = parse(&bytes);
    let sig = cf.signatures().next().cloned().unwrap_or_default();
    assert_eq!(sig.name, "toString");
    assert_eq!(sig.ordinal, 5);
    assert_eq!(sig.is_ctor, None, "58-byte S record is the 2016 layout");
    assert!(!sig.is_ctor());
    // Rewritten in the current layout: four bytes longer, same meaning.
    let out = cf.write();
    assert_eq!(out.len(), 183);
    let again = parse(&out);
    assert_eq!(
        again.signatures().next().and_then(|s| s.is_ctor),
        Some(false)
    );
    assert_eq!(again.info(), cf.info());
}

#[test]
fn old_layout_init_is_a_constructor() {
    let s = Signature {
        name: "<init>".into(),
        ..Signature::default()
    };
    assert!(s.is_ctor());
}

#[test]
fn info_converts_types() {
    let bytes = B::default()
        .rec(b'C', B::default().s(".a.b").i32(3).i32(20).s(".a.p").s("v"))
        .rec(b'f', B::default().s("x").i32(1).ty(0, "", ""))
        .rec(
            b'f',
            B::default()
                .s("y")
                .i32(2)
                .ty(1, ".internal.container.array", "")
                .s("z")
                .i32(3)
                .ty(1, ".internal.container.array", ".internal.int"),
        )
        .rec(
            b'S',
            B::default()
                .s("<init>")
                .i32(19)
                .i32(2)
                .i32(1)
                .ty(0, ".internal.void", "")
                .s("a")
                .ty(0, ".internal.long", "")
                .s("b")
                .ty(0, ".x.y", ""),
        )
        .0;
    let info = parse(&bytes).info();
    assert_eq!(info.name, ".a.b");
    assert_eq!(info.parent, ".a.p");
    assert_eq!((info.n_fields, info.n_methods), (3, 20));
    let tys: Vec<Type> = info.fields.iter().map(|f| f.ty.clone()).collect();
    assert_eq!(
        tys,
        [
            Type::Unknown,
            Type::Container {
                container: ".internal.container.array".into(),
                elem: None
            },
            Type::array_of(Type::INT),
        ]
    );
    assert_eq!(info.fields[2].name, "z");
    let m = &info.methods[0];
    assert!(m.is_ctor);
    assert_eq!(m.ret, Type::Void);
    assert_eq!(m.args[0].ty, Type::Num(NumKind::Long));
    assert_eq!(m.args[1].ty, Type::Class(".x.y".into()));
}

#[test]
fn type_encoding_round_trips() {
    for t in [
        Type::Void,
        Type::Unknown,
        Type::Num(NumKind::Float),
        Type::String,
        Type::object(),
        Type::array_of(Type::String),
        Type::Container {
            container: ".my.list".into(),
            elem: None,
        },
    ] {
        assert_eq!(TypeRec::from_type(&t).to_type(), t);
    }
    // The `string []` quirk: written with the element name when known.
    let r = TypeRec::from_type(&Type::array_of(Type::String));
    assert_eq!(r.contained, ".internal.string");
    assert!(r.is_container);
    assert_eq!(TypeRec::from_type(&Type::Unknown).main, "");
}

#[test]
fn conversions_from_ir() {
    let sig = MethodSig {
        name: "f".into(),
        ordinal: 16,
        is_ctor: false,
        ret: Type::INT,
        args: vec![Arg {
            name: "s".into(),
            ty: Type::String,
        }],
    };
    assert_eq!(Signature::from_sig(&sig).to_sig(), sig);
    let f = Field {
        name: "n".into(),
        ordinal: 4,
        ty: Type::array_of(Type::INT),
    };
    assert_eq!(FieldRec::from_field(&f).to_field(), f);
}

#[test]
fn missing_version_and_unknown_records_are_kept() {
    let bytes = B::default()
        .rec(
            b'C',
            B::default().s(".a").i32(0).i32(0).s(".internal.object"),
        )
        .rec(b'X', B::default().raw(b"whatever"))
        .rec(b'M', B::default().s("m").i32(0))
        .0;
    let cf = parse(&bytes);
    assert_eq!(cf.class.version, None);
    assert_eq!(
        cf.records[0],
        Record::Unknown {
            tag: b'X',
            body: b"whatever".to_vec()
        }
    );
    assert_eq!(cf.methods().next().map(|m| m.code.is_empty()), Some(true));
    assert_eq!(cf.write(), bytes);
}

#[test]
fn structural_errors() {
    let c = B::default().rec(b'C', B::default().s(".a").i32(0).i32(0).s("p").s("v"));
    let c_len = c.0.len();

    assert_eq!(parse_err(&[]).kind, ParseErrorKind::MissingClassHeader);
    let e = parse_err(&B::default().rec(b'M', B::default().s("m").i32(0)).0);
    assert_eq!(
        (e.offset, e.tag, e.kind),
        (0, Some(b'M'), ParseErrorKind::ClassHeaderNotFirst)
    );

    let mut two = c.0.clone();
    two.extend_from_slice(&c.0);
    let e = parse_err(&two);
    assert_eq!(
        (e.offset, e.kind),
        (c_len, ParseErrorKind::DuplicateClassHeader)
    );

    let mut bad = c.0.clone();
    bad.extend_from_slice(b"phfx:M\0\0\0\x0a");
    let e = parse_err(&bad);
    assert_eq!((e.offset, e.kind), (c_len, ParseErrorKind::BadMarker));

    for len in [9i32, -1, 1000] {
        let bad = B(c.0.clone()).raw(b"phfr:l").i32(len).0;
        let e = parse_err(&bad);
        assert_eq!(
            (e.offset, e.tag, e.kind),
            (c_len + 6, Some(b'l'), ParseErrorKind::BadLength(len))
        );
    }

    let bad = B(c.0.clone()).raw(b"phfr:l\0").0;
    assert_eq!(
        parse_err(&bad).kind,
        ParseErrorKind::Truncated("record header")
    );

    // l record whose count promises more entries than there are.
    let bad = B(c.0.clone())
        .rec(b'l', B::default().i32(0).i32(3).i64(1).i32(1))
        .0;
    let e = parse_err(&bad);
    assert_eq!(
        (e.offset, e.kind),
        (c_len + 30, ParseErrorKind::Truncated("ip"))
    );

    let bad = B(c.0.clone())
        .rec(b'l', B::default().i32(0).i32(0).i32(7))
        .0;
    assert_eq!(parse_err(&bad).kind, ParseErrorKind::TrailingBytes);

    let bad = B(c.0.clone())
        .rec(b'f', B::default().s("x").i32(0).ty(2, "", ""))
        .0;
    assert_eq!(
        parse_err(&bad).kind,
        ParseErrorKind::BadFlag("container flag", 2)
    );

    let bad = B(c.0.clone()).rec(b'c', B::default().i32(-4)).0;
    assert_eq!(
        parse_err(&bad).kind,
        ParseErrorKind::Negative("constant id", -4)
    );

    let bad = B(c.0.clone())
        .rec(b'M', B::default().i32(1).raw(&[0xFF]).i32(0))
        .0;
    assert_eq!(parse_err(&bad).kind, ParseErrorKind::NotUtf8("method name"));

    // An S record that fits neither layout.
    let bad = B(c.0.clone())
        .rec(
            b'S',
            B::default()
                .s("m")
                .i32(0)
                .i32(0)
                .i32(0)
                .ty(0, "x", "")
                .i32(9),
        )
        .0;
    assert_eq!(parse_err(&bad).tag, Some(b'S'));
}

#[test]
fn error_display_names_the_record() {
    let e = ParseError {
        offset: 12,
        tag: Some(b'S'),
        kind: ParseErrorKind::Truncated("argument name"),
    };
    assert_eq!(
        e.to_string(),
        "offset 12 (record 'S'): record ends inside argument name"
    );
}
