//! Whole classes → `.pc` records and the `.lstc` listing.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use classfile::bytecode::{encode, EncodeError, Encoded};
use classfile::listing;
use classfile::records::{
    ClassFile, ClassHeader, ConstRec, FieldRec, LineMap, MethodCode, Record, Signature, TypeRec,
};
use ir::code::{Code, Op};
use ir::types::names;
use ir::{Class, ClassInfo, Const, MethodSig};

use crate::lower::{lower_method, LowerError};

/// One method's code as lowered and encoded, for the `.lstc` listing.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodListing {
    /// Method name (`<init>` for constructors).
    pub name: String,
    /// Method slot.
    pub ordinal: u32,
    /// The linear code, pseudo-ops included.
    pub ops: Vec<Op>,
    /// Its encoding (bytes, one IP per op, line map).
    pub encoded: Encoded,
}

impl MethodListing {
    /// The method's `.lstc` block (`method … ordinal …` to `method end`).
    pub fn render(&self) -> String {
        listing::render_method(&self.name, self.ordinal, &self.ops, &self.encoded)
    }
}

/// Why a class could not be emitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmitError {
    /// A method's tree could not be lowered.
    Lower(LowerError),
    /// A method's code could not be encoded.
    Encode {
        /// The method's name.
        method: String,
        /// The encoder's error.
        error: EncodeError,
    },
    /// A number the class file stores as `i32` is larger than `i32::MAX`.
    OutOfRange {
        /// What the number is.
        what: &'static str,
        /// Its value.
        value: u64,
    },
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmitError::Lower(e) => e.fmt(f),
            EmitError::Encode { method, error } => write!(f, "method {method}: {error}"),
            EmitError::OutOfRange { what, value } => {
                write!(f, "{what} {value} does not fit the class file's i32")
            }
        }
    }
}

impl std::error::Error for EmitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EmitError::Lower(e) => Some(e),
            EmitError::Encode { error, .. } => Some(error),
            EmitError::OutOfRange { .. } => None,
        }
    }
}

impl From<LowerError> for EmitError {
    fn from(e: LowerError) -> Self {
        EmitError::Lower(e)
    }
}

fn fits(what: &'static str, value: u32) -> Result<i32, EmitError> {
    i32::try_from(value).map_err(|_| EmitError::OutOfRange {
        what,
        value: u64::from(value),
    })
}

/// Lowers and encodes every method of `class` and builds its `.pc` file.
///
/// Records: `C` (name, slot counts from [`ir::ClassInfo`], parent,
/// `version`); per method in `class.methods` order `M`, `S` (current layout)
/// and `l` (the encoder's line map); an `f` per field; a `c` per constant
/// (type `.internal.string`). Also returns each method's code for
/// [`listing`].
pub fn class_file(
    class: &Class,
    version: &str,
) -> Result<(ClassFile, Vec<MethodListing>), EmitError> {
    let mut methods = Vec::with_capacity(class.methods.len());
    for m in &class.methods {
        fits("method ordinal", m.sig.ordinal)?;
        methods.push((m.sig.clone(), lower_method(m)?));
    }
    class_file_from_code(&class.info, &methods, &class.consts, version)
}

/// Builds a `.pc` file from methods that are already linear code, as a
/// front end that does not produce trees (the JVM one, whose bytecode is
/// unstructured) makes them; the records are those of [`class_file`].
pub fn class_file_from_code(
    info: &ClassInfo,
    methods: &[(MethodSig, Code)],
    consts: &[Const],
    version: &str,
) -> Result<(ClassFile, Vec<MethodListing>), EmitError> {
    fits("field count", info.n_fields)?;
    fits("method count", info.n_methods)?;
    let mut records = Vec::new();
    let mut listings = Vec::with_capacity(methods.len());
    for (sig, code) in methods {
        fits("method ordinal", sig.ordinal)?;
        let encoded = encode(&code.ops).map_err(|error| EmitError::Encode {
            method: sig.name.clone(),
            error,
        })?;
        let entries = encoded
            .lines
            .iter()
            .map(|&(ip, line)| Ok((i64::from(ip), fits("source line", line)?)))
            .collect::<Result<Vec<_>, EmitError>>()?;
        records.push(Record::Method(MethodCode {
            name: sig.name.clone(),
            ordinal: sig.ordinal,
            code: encoded.bytes.clone(),
        }));
        records.push(Record::Signature(Signature::from_sig(sig)));
        records.push(Record::LineMap(LineMap {
            ordinal: sig.ordinal,
            entries,
        }));
        listings.push(MethodListing {
            name: sig.name.clone(),
            ordinal: sig.ordinal,
            ops: code.ops.clone(),
            encoded,
        });
    }
    for f in &info.fields {
        fits("field ordinal", f.ordinal)?;
        records.push(Record::Field(FieldRec::from_field(f)));
    }
    for c in consts {
        fits("constant id", c.id)?;
        records.push(Record::Const(ConstRec {
            id: c.id,
            ty: TypeRec {
                is_container: false,
                main: names::STRING.to_string(),
                contained: String::new(),
            },
            bytes: c.bytes.clone(),
        }));
    }
    let file = ClassFile {
        class: ClassHeader {
            name: info.name.clone(),
            n_fields: info.n_fields,
            n_methods: info.n_methods,
            parent: info.parent.clone(),
            version: Some(version.to_string()),
        },
        records,
    };
    Ok((file, listings))
}

/// The `.lstc` listing of `class`: `Class version V`, then one block per
/// method in `class.methods` order.
pub fn lstc(class: &Class, version: &str) -> Result<String, EmitError> {
    let (_, methods) = class_file(class, version)?;
    let blocks: Vec<String> = methods.iter().map(MethodListing::render).collect();
    Ok(listing::render_class(version, &blocks))
}

/// The current UTC time as a class-file version, `YYYYMMDDhhmmssmmm`
/// (1-based month, 24-hour clock).
pub fn version_now() -> String {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    version_from_unix_millis(u64::try_from(ms).unwrap_or(u64::MAX))
}

/// The version string for a time given in milliseconds since 1970-01-01 UTC.
pub fn version_from_unix_millis(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, mo, d) = civil_from_days(days);
    format!(
        "{y:04}{mo:02}{d:02}{:02}{:02}{:02}{:03}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        ms % 1000
    )
}

/// Gregorian (year, month 1–12, day 1–31) of a day count since 1970-01-01
/// (H. Hinnant's `civil_from_days`, for non-negative counts).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests;
