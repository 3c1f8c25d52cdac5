//! The `.pc` record format (`classfile.md`): parse, write, and convert to
//! the IR's class model.
//!
//! A [`ClassFile`] mirrors the file: the `C` header, then every other record
//! in file order, so `write` reproduces a parsed file byte for byte except
//! that `S` records always come out in the current layout and an `f` record
//! holding several fields is split into one record per field.

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use ir::class::{Arg, ClassInfo, Field, MethodSig};
use ir::types::Type;

use crate::read::Reader;

/// The five-byte marker that starts every record.
pub const MARKER: &[u8; 5] = b"phfr:";
/// Size of a record header: marker, tag, `i32` total length.
pub const HEADER_LEN: usize = 10;

/// The `type` encoding of `classfile.md` §2, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeRec {
    /// Whether this is a container type `T[]`.
    pub is_container: bool,
    /// The class name, the container class, or empty for an untyped declaration.
    pub main: String,
    /// The element class name of a container (may be empty), else empty.
    pub contained: String,
}

impl TypeRec {
    /// The IR type: `""` is unknown, `.internal.int` is `int` and so on; a
    /// container's empty element name (the `string []` quirk) gives `elem: None`.
    pub fn to_type(&self) -> Type {
        if !self.is_container {
            return Type::from_class_name(&self.main);
        }
        Type::Container {
            container: self.main.clone(),
            elem: (!self.contained.is_empty())
                .then(|| Box::new(Type::from_class_name(&self.contained))),
        }
    }

    /// The stored form of an IR type. A container's element is written as
    /// the class that holds it at run time (so `string[]` stores
    /// `.internal.string`, and a nested container its container class);
    /// an unknown element is written empty.
    pub fn from_type(ty: &Type) -> TypeRec {
        match ty {
            Type::Container { container, elem } => TypeRec {
                is_container: true,
                main: container.clone(),
                contained: elem
                    .as_deref()
                    .and_then(Type::class_name)
                    .unwrap_or("")
                    .to_owned(),
            },
            other => TypeRec {
                is_container: false,
                main: other.class_name().unwrap_or("").to_owned(),
                contained: String::new(),
            },
        }
    }
}

/// The `C` record: the class header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassHeader {
    /// Absolute class name, e.g. `.phantom.user`.
    pub name: String,
    /// Object slots an instance needs.
    pub n_fields: u32,
    /// Size of the method table.
    pub n_methods: u32,
    /// Parent class name (`.internal.object` when there is none).
    pub parent: String,
    /// The compile timestamp; `None` if the record ends after the parent.
    pub version: Option<String>,
}

/// An `M` record: one method's code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MethodCode {
    /// Method name (`<init>` for constructors).
    pub name: String,
    /// Method slot.
    pub ordinal: u32,
    /// The bytecode.
    pub code: Vec<u8>,
}

/// A method argument in an `S` record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArgRec {
    /// Argument name.
    pub name: String,
    /// Argument type.
    pub ty: TypeRec,
}

/// An `S` record: a method signature.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signature {
    /// Method name.
    pub name: String,
    /// Method slot.
    pub ordinal: u32,
    /// The constructor flag; `None` for the 2016 layout, which lacks it.
    pub is_ctor: Option<bool>,
    /// Return type (`.internal.void` for void).
    pub ret: TypeRec,
    /// Arguments in order.
    pub args: Vec<ArgRec>,
}

impl Signature {
    /// The constructor flag, inferred from the `<init>` name when the record
    /// has none (2016 layout).
    pub fn is_ctor(&self) -> bool {
        self.is_ctor.unwrap_or(self.name == "<init>")
    }

    /// The record for an IR signature.
    pub fn from_sig(sig: &MethodSig) -> Signature {
        Signature {
            name: sig.name.clone(),
            ordinal: sig.ordinal,
            is_ctor: Some(sig.is_ctor),
            ret: TypeRec::from_type(&sig.ret),
            args: sig
                .args
                .iter()
                .map(|a| ArgRec {
                    name: a.name.clone(),
                    ty: TypeRec::from_type(&a.ty),
                })
                .collect(),
        }
    }

    /// The IR signature.
    pub fn to_sig(&self) -> MethodSig {
        MethodSig {
            name: self.name.clone(),
            ordinal: self.ordinal,
            is_ctor: self.is_ctor(),
            ret: self.ret.to_type(),
            args: self
                .args
                .iter()
                .map(|a| Arg {
                    name: a.name.clone(),
                    ty: a.ty.to_type(),
                })
                .collect(),
        }
    }
}

/// An `l` record: IP → source line map of one method.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineMap {
    /// The method's ordinal.
    pub ordinal: u32,
    /// `(ip, line)` pairs in file order (not necessarily sorted).
    pub entries: Vec<(i64, i32)>,
}

/// An `f` record: one field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldRec {
    /// Field name.
    pub name: String,
    /// Slot index in instances.
    pub ordinal: u32,
    /// Declared type.
    pub ty: TypeRec,
}

impl FieldRec {
    /// The record for an IR field.
    pub fn from_field(f: &Field) -> FieldRec {
        FieldRec {
            name: f.name.clone(),
            ordinal: f.ordinal,
            ty: TypeRec::from_type(&f.ty),
        }
    }

    /// The IR field.
    pub fn to_field(&self) -> Field {
        Field {
            name: self.name.clone(),
            ordinal: self.ordinal,
            ty: self.ty.to_type(),
        }
    }
}

/// A `c` record: one constant-pool entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConstRec {
    /// Pool slot.
    pub id: u32,
    /// Constant type (`.internal.string` from the compiler).
    pub ty: TypeRec,
    /// The constant's bytes.
    pub bytes: Vec<u8>,
}

/// Any record after the `C` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    /// `M`.
    Method(MethodCode),
    /// `S`.
    Signature(Signature),
    /// `l`.
    LineMap(LineMap),
    /// `f`.
    Field(FieldRec),
    /// `c`.
    Const(ConstRec),
    /// Any other tag, kept as is.
    Unknown {
        /// The tag byte.
        tag: u8,
        /// The body after the 10-byte header.
        body: Vec<u8>,
    },
}

impl Record {
    /// The tag byte this record is written with.
    pub fn tag(&self) -> u8 {
        match self {
            Record::Method(_) => b'M',
            Record::Signature(_) => b'S',
            Record::LineMap(_) => b'l',
            Record::Field(_) => b'f',
            Record::Const(_) => b'c',
            Record::Unknown { tag, .. } => *tag,
        }
    }
}

/// A whole `.pc` file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassFile {
    /// The `C` record.
    pub class: ClassHeader,
    /// The other records, in file order.
    pub records: Vec<Record>,
}

/// Why [`ClassFile::parse`] rejected a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset in the file.
    pub offset: usize,
    /// Tag of the record being read, if known.
    pub tag: Option<u8>,
    /// What is wrong.
    pub kind: ParseErrorKind,
}

/// The kinds of [`ParseError`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// A record does not start with `phfr:`.
    BadMarker,
    /// A record length below 10 or past the end of the file.
    BadLength(i32),
    /// The record ends inside this field.
    Truncated(&'static str),
    /// Bytes left over after the last field of a fixed-layout record.
    TrailingBytes,
    /// A name that is not UTF-8.
    NotUtf8(&'static str),
    /// A count, ordinal or id that is negative.
    Negative(&'static str, i32),
    /// A boolean field (container or constructor flag) other than 0 or 1.
    BadFlag(&'static str, i32),
    /// The file has no `C` record.
    MissingClassHeader,
    /// The first record is not `C`.
    ClassHeaderNotFirst,
    /// A second `C` record.
    DuplicateClassHeader,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "offset {}", self.offset)?;
        if let Some(t) = self.tag {
            if t.is_ascii_graphic() {
                write!(f, " (record '{}')", t as char)?;
            } else {
                write!(f, " (record {t:#04x})")?;
            }
        }
        f.write_str(": ")?;
        match &self.kind {
            ParseErrorKind::BadMarker => f.write_str("record does not start with \"phfr:\""),
            ParseErrorKind::BadLength(n) => write!(f, "bad record length {n}"),
            ParseErrorKind::Truncated(what) => write!(f, "record ends inside {what}"),
            ParseErrorKind::TrailingBytes => {
                f.write_str("unexpected bytes at the end of the record")
            }
            ParseErrorKind::NotUtf8(what) => write!(f, "{what} is not UTF-8"),
            ParseErrorKind::Negative(what, v) => write!(f, "negative {what} {v}"),
            ParseErrorKind::BadFlag(what, v) => write!(f, "{what} must be 0 or 1, not {v}"),
            ParseErrorKind::MissingClassHeader => f.write_str("no class header ('C' record)"),
            ParseErrorKind::ClassHeaderNotFirst => f.write_str("the first record is not 'C'"),
            ParseErrorKind::DuplicateClassHeader => f.write_str("second 'C' record"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ParseError {}

/// Reads one record body; errors carry absolute file offsets.
struct Body<'a> {
    r: Reader<'a>,
    base: usize,
    tag: u8,
}

impl<'a> Body<'a> {
    fn err(&self, at: usize, kind: ParseErrorKind) -> ParseError {
        ParseError {
            offset: self.base + at,
            tag: Some(self.tag),
            kind,
        }
    }

    fn i32(&mut self, what: &'static str) -> Result<i32, ParseError> {
        let at = self.r.pos();
        self.r
            .i32()
            .ok_or(self.err(at, ParseErrorKind::Truncated(what)))
    }

    fn i64(&mut self, what: &'static str) -> Result<i64, ParseError> {
        let at = self.r.pos();
        self.r
            .i64()
            .ok_or(self.err(at, ParseErrorKind::Truncated(what)))
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, ParseError> {
        let at = self.r.pos();
        let v = self.i32(what)?;
        u32::try_from(v).map_err(|_| self.err(at, ParseErrorKind::Negative(what, v)))
    }

    fn flag(&mut self, what: &'static str) -> Result<bool, ParseError> {
        let at = self.r.pos();
        match self.i32(what)? {
            0 => Ok(false),
            1 => Ok(true),
            v => Err(self.err(at, ParseErrorKind::BadFlag(what, v))),
        }
    }

    fn bytes(&mut self, what: &'static str) -> Result<&'a [u8], ParseError> {
        let at = self.r.pos();
        let n = self.u32(what)? as usize;
        self.r
            .bytes(n)
            .ok_or(self.err(at, ParseErrorKind::Truncated(what)))
    }

    fn str(&mut self, what: &'static str) -> Result<String, ParseError> {
        let at = self.r.pos();
        let b = self.bytes(what)?;
        core::str::from_utf8(b)
            .map(ToOwned::to_owned)
            .map_err(|_| self.err(at, ParseErrorKind::NotUtf8(what)))
    }

    fn ty(&mut self) -> Result<TypeRec, ParseError> {
        Ok(TypeRec {
            is_container: self.flag("container flag")?,
            main: self.str("type name")?,
            contained: self.str("element type name")?,
        })
    }

    fn end(&self) -> Result<(), ParseError> {
        if self.r.is_empty() {
            Ok(())
        } else {
            Err(self.err(self.r.pos(), ParseErrorKind::TrailingBytes))
        }
    }

    fn class(&mut self) -> Result<ClassHeader, ParseError> {
        let name = self.str("class name")?;
        let n_fields = self.u32("field count")?;
        let n_methods = self.u32("method count")?;
        let parent = self.str("parent name")?;
        let version = if self.r.is_empty() {
            None
        } else {
            Some(self.str("version")?)
        };
        self.end()?;
        Ok(ClassHeader {
            name,
            n_fields,
            n_methods,
            parent,
            version,
        })
    }

    /// The part of an `S` record after name, ordinal and argument count.
    fn sig_tail(
        &mut self,
        with_ctor: bool,
        n_args: u32,
    ) -> Result<(Option<bool>, TypeRec, Vec<ArgRec>), ParseError> {
        let is_ctor = if with_ctor {
            Some(self.flag("constructor flag")?)
        } else {
            None
        };
        let ret = self.ty()?;
        let mut args = Vec::new();
        for _ in 0..n_args {
            args.push(ArgRec {
                name: self.str("argument name")?,
                ty: self.ty()?,
            });
        }
        self.end()?;
        Ok((is_ctor, ret, args))
    }

    fn signature(&mut self) -> Result<Signature, ParseError> {
        let name = self.str("method name")?;
        let ordinal = self.u32("ordinal")?;
        let n_args = self.u32("argument count")?;
        // The layouts differ only by the constructor flag; the one that uses
        // up the record exactly is the right one (classfile.md §3.3).
        let saved = self.r.clone();
        let (is_ctor, ret, args) = match self.sig_tail(true, n_args) {
            Ok(t) => t,
            Err(current) => {
                self.r = saved;
                // Report whichever reading got further.
                self.sig_tail(false, n_args).map_err(|old| {
                    if old.offset > current.offset {
                        old
                    } else {
                        current
                    }
                })?
            }
        };
        Ok(Signature {
            name,
            ordinal,
            is_ctor,
            ret,
            args,
        })
    }

    fn record(&mut self) -> Result<Vec<Record>, ParseError> {
        Ok(match self.tag {
            b'M' => {
                let name = self.str("method name")?;
                let ordinal = self.u32("ordinal")?;
                let code = self.r.rest().to_vec();
                alloc::vec![Record::Method(MethodCode {
                    name,
                    ordinal,
                    code
                })]
            }
            b'S' => alloc::vec![Record::Signature(self.signature()?)],
            b'l' => {
                let ordinal = self.u32("ordinal")?;
                let count = self.u32("entry count")?;
                let mut entries = Vec::new();
                for _ in 0..count {
                    let ip = self.i64("ip")?;
                    entries.push((ip, self.i32("line")?));
                }
                self.end()?;
                alloc::vec![Record::LineMap(LineMap { ordinal, entries })]
            }
            b'f' => {
                // The VM reads fields until the record ends; the compiler writes one.
                let mut fields = Vec::new();
                while !self.r.is_empty() {
                    fields.push(Record::Field(FieldRec {
                        name: self.str("field name")?,
                        ordinal: self.u32("ordinal")?,
                        ty: self.ty()?,
                    }));
                }
                fields
            }
            b'c' => {
                let id = self.u32("constant id")?;
                let ty = self.ty()?;
                let bytes = self.r.rest().to_vec();
                alloc::vec![Record::Const(ConstRec { id, ty, bytes })]
            }
            tag => alloc::vec![Record::Unknown {
                tag,
                body: self.r.rest().to_vec(),
            }],
        })
    }
}

impl ClassFile {
    /// Parses a `.pc` file. Never panics; errors give the byte offset and
    /// the tag of the record being read.
    pub fn parse(data: &[u8]) -> Result<ClassFile, ParseError> {
        let mut pos = 0;
        let mut class: Option<ClassHeader> = None;
        let mut records = Vec::new();
        while pos < data.len() {
            let rest = &data[pos..];
            let err = |offset, tag, kind| ParseError { offset, tag, kind };
            if rest.len() < HEADER_LEN {
                let kind = if MARKER.starts_with(&rest[..rest.len().min(5)]) {
                    ParseErrorKind::Truncated("record header")
                } else {
                    ParseErrorKind::BadMarker
                };
                return Err(err(pos, rest.get(5).copied(), kind));
            }
            let tag = rest[5];
            if &rest[..5] != MARKER {
                return Err(err(pos, None, ParseErrorKind::BadMarker));
            }
            let len = i32::from_be_bytes([rest[6], rest[7], rest[8], rest[9]]);
            let ulen = usize::try_from(len).unwrap_or(0);
            if ulen < HEADER_LEN || ulen > rest.len() {
                return Err(err(pos + 6, Some(tag), ParseErrorKind::BadLength(len)));
            }
            let mut body = Body {
                r: Reader::new(&rest[HEADER_LEN..ulen]),
                base: pos + HEADER_LEN,
                tag,
            };
            if tag == b'C' {
                if class.is_some() {
                    return Err(err(pos, Some(tag), ParseErrorKind::DuplicateClassHeader));
                }
                class = Some(body.class()?);
            } else if class.is_none() {
                return Err(err(pos, Some(tag), ParseErrorKind::ClassHeaderNotFirst));
            } else {
                records.extend(body.record()?);
            }
            pos += ulen;
        }
        let class = class.ok_or(ParseError {
            offset: 0,
            tag: None,
            kind: ParseErrorKind::MissingClassHeader,
        })?;
        Ok(ClassFile { class, records })
    }

    /// Writes the file: `C` first, then the records in order (`S` in the
    /// current layout). Counts, ordinals and ids are stored as `i32`, so
    /// values above `i32::MAX` do not survive.
    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let c = &self.class;
        let mut w = Writer::start(&mut out, b'C');
        w.str(&c.name);
        w.u32(c.n_fields);
        w.u32(c.n_methods);
        w.str(&c.parent);
        if let Some(v) = &c.version {
            w.str(v);
        }
        w.finish();
        for r in &self.records {
            let mut w = Writer::start(&mut out, r.tag());
            match r {
                Record::Method(m) => {
                    w.str(&m.name);
                    w.u32(m.ordinal);
                    w.raw(&m.code);
                }
                Record::Signature(s) => {
                    w.str(&s.name);
                    w.u32(s.ordinal);
                    w.len(s.args.len());
                    w.i32(i32::from(s.is_ctor()));
                    w.ty(&s.ret);
                    for a in &s.args {
                        w.str(&a.name);
                        w.ty(&a.ty);
                    }
                }
                Record::LineMap(l) => {
                    w.u32(l.ordinal);
                    w.len(l.entries.len());
                    for &(ip, line) in &l.entries {
                        w.raw(&ip.to_be_bytes());
                        w.i32(line);
                    }
                }
                Record::Field(f) => {
                    w.str(&f.name);
                    w.u32(f.ordinal);
                    w.ty(&f.ty);
                }
                Record::Const(k) => {
                    w.u32(k.id);
                    w.ty(&k.ty);
                    w.raw(&k.bytes);
                }
                Record::Unknown { body, .. } => w.raw(body),
            }
            w.finish();
        }
        out
    }

    /// The `M` records.
    pub fn methods(&self) -> impl Iterator<Item = &MethodCode> {
        self.records.iter().filter_map(|r| match r {
            Record::Method(m) => Some(m),
            _ => None,
        })
    }

    /// The `S` records.
    pub fn signatures(&self) -> impl Iterator<Item = &Signature> {
        self.records.iter().filter_map(|r| match r {
            Record::Signature(s) => Some(s),
            _ => None,
        })
    }

    /// The `l` records.
    pub fn line_maps(&self) -> impl Iterator<Item = &LineMap> {
        self.records.iter().filter_map(|r| match r {
            Record::LineMap(l) => Some(l),
            _ => None,
        })
    }

    /// The `f` records.
    pub fn fields(&self) -> impl Iterator<Item = &FieldRec> {
        self.records.iter().filter_map(|r| match r {
            Record::Field(f) => Some(f),
            _ => None,
        })
    }

    /// The `c` records.
    pub fn consts(&self) -> impl Iterator<Item = &ConstRec> {
        self.records.iter().filter_map(|r| match r {
            Record::Const(c) => Some(c),
            _ => None,
        })
    }

    /// The class as an importer sees it: methods from `S` records, fields
    /// from `f` records (`M`, `l` and `c` are not consulted, like the
    /// reference compiler's importer).
    pub fn info(&self) -> ClassInfo {
        ClassInfo {
            name: self.class.name.clone(),
            parent: self.class.parent.clone(),
            n_fields: self.class.n_fields,
            n_methods: self.class.n_methods,
            fields: self.fields().map(FieldRec::to_field).collect(),
            methods: self.signatures().map(Signature::to_sig).collect(),
        }
    }
}

/// Appends one record, patching its length at the end like the reference writer.
struct Writer<'a> {
    out: &'a mut Vec<u8>,
    start: usize,
}

impl<'a> Writer<'a> {
    fn start(out: &'a mut Vec<u8>, tag: u8) -> Self {
        let start = out.len();
        out.extend_from_slice(MARKER);
        out.push(tag);
        out.extend_from_slice(&[0; 4]);
        Writer { out, start }
    }

    fn raw(&mut self, b: &[u8]) {
        self.out.extend_from_slice(b);
    }

    fn i32(&mut self, v: i32) {
        self.raw(&v.to_be_bytes());
    }

    /// Values the format stores as `i32`; anything past `i32::MAX` cannot
    /// come from a parsed file and would not fit in memory as a count.
    fn u32(&mut self, v: u32) {
        self.i32(v as i32);
    }

    fn len(&mut self, n: usize) {
        self.i32(i32::try_from(n).unwrap_or(i32::MAX));
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.raw(s.as_bytes());
    }

    fn ty(&mut self, t: &TypeRec) {
        self.i32(i32::from(t.is_container));
        self.str(&t.main);
        self.str(&t.contained);
    }

    fn finish(self) {
        let n = i32::try_from(self.out.len() - self.start).unwrap_or(i32::MAX);
        self.out[self.start + 6..self.start + HEADER_LEN].copy_from_slice(&n.to_be_bytes());
    }
}

#[cfg(test)]
mod tests;
