//! Encoding [`Op`] sequences to Phantom bytecode and back.
//!
//! [`encode`] picks the shortest encoding of every instruction (the same
//! choices as the reference compiler's `Codegen`, except that integer
//! constants use `iconst_0`/`iconst_1`/`iconst_8bit` when they fit) and
//! resolves symbolic labels to relative displacements. [`decode`] is its
//! inverse: any valid byte string becomes canonical [`Op`]s with an
//! [`Op::Label`] before every jump, catcher and switch target.
//!
//! Numeric kinds: an op whose IR form carries a [`NumKind`] (`IsDup`,
//! `IsDrop`, `IsGet`, `IsSet`, `IConst`, `Arith`, `Convert`'s target, `I2o`,
//! `O2i`) is preceded by `prefix_long`/`prefix_float`/`prefix_double` when the
//! kind is not `Int`. The decoder keeps a prefix only in front of those
//! opcodes; anywhere else the VM ignores it, so dropping it preserves
//! the meaning.

use alloc::vec::Vec;
use core::fmt;

use ir::code::{ArithOp, Label, Op};
use ir::types::NumKind;

use crate::opcodes as oc;

mod decode;
mod encode;

pub use decode::{decode, decode_with_ips, Decoded};
pub use encode::encode;

/// The bytes of one method body plus the addresses a listing and line map need.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Encoded {
    /// The code bytes.
    pub bytes: Vec<u8>,
    /// One IP per input op: for an instruction, the address of its opcode
    /// byte (one past a numeric prefix, as the `.lstc` shows it); for a
    /// pseudo-op, the address where the next instruction starts.
    pub ips: Vec<u32>,
    /// `(ip, line)` pairs from [`Op::Line`], by increasing IP; when several
    /// lines start at one IP only the last is kept, like the reference
    /// compiler's map.
    pub lines: Vec<(u32, u32)>,
}

/// Why [`encode`] refused an op sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeError {
    /// Index of the offending op in the input slice.
    pub index: usize,
    /// What is wrong with it.
    pub kind: EncodeErrorKind,
}

/// The kinds of [`EncodeError`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodeErrorKind {
    /// A jump refers to a label that is never placed.
    UndefinedLabel(Label),
    /// A label is placed a second time.
    DuplicateLabel(Label),
    /// An operand does not fit its encoding (every `i32` operand must be ≤ `i32::MAX`).
    OutOfRange {
        /// Which operand.
        operand: &'static str,
        /// Its value.
        value: u64,
    },
    /// The op does not exist for this numeric kind (e.g. a float `Or`).
    InvalidKind(NumKind),
    /// `Debug`'s text must be present exactly when `kind & 0x80` is set.
    DebugText,
    /// The code grew past what a 32-bit IP or displacement can address.
    CodeTooLarge,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "op #{}: ", self.index)?;
        match &self.kind {
            EncodeErrorKind::UndefinedLabel(l) => write!(f, "undefined label {}", l.0),
            EncodeErrorKind::DuplicateLabel(l) => write!(f, "label {} placed twice", l.0),
            EncodeErrorKind::OutOfRange { operand, value } => {
                write!(f, "{operand} {value} out of range")
            }
            EncodeErrorKind::InvalidKind(k) => write!(f, "invalid {} op", k.name()),
            EncodeErrorKind::DebugText => {
                f.write_str("debug text must be present exactly when flag 0x80 is set")
            }
            EncodeErrorKind::CodeTooLarge => f.write_str("code too large"),
        }
    }
}

/// Why [`decode`] rejected a byte string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset in the code where the problem is.
    pub offset: usize,
    /// What is wrong there.
    pub kind: DecodeErrorKind,
}

/// The kinds of [`DecodeError`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// A number never assigned to an instruction.
    UnknownOpcode(u8),
    /// The code ends inside an instruction (or right after a prefix).
    Truncated,
    /// An operand the IR holds unsigned (ordinal, count, slot, id) is negative.
    NegativeOperand(i32),
    /// A jump target that is outside the code or not an instruction boundary.
    BadTarget(i64),
    /// A float or double prefix on an integer-only operation.
    InvalidKind(NumKind),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}: ", self.offset)?;
        match &self.kind {
            DecodeErrorKind::UnknownOpcode(b) => write!(f, "unknown opcode {b:#04x}"),
            DecodeErrorKind::Truncated => f.write_str("code ends inside an instruction"),
            DecodeErrorKind::NegativeOperand(v) => write!(f, "negative operand {v}"),
            DecodeErrorKind::BadTarget(t) => {
                write!(f, "jump target {t} is not an instruction boundary")
            }
            DecodeErrorKind::InvalidKind(k) => write!(f, "invalid {} op", k.name()),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for EncodeError {}
#[cfg(feature = "std")]
impl std::error::Error for DecodeError {}

/// The numeric kind whose prefix byte [`encode`] puts before `op`, if any
/// (`None` for `Int` and for ops without a kind).
pub fn prefix_kind(op: &Op) -> Option<NumKind> {
    let k = match op {
        Op::IsDup(k)
        | Op::IsDrop(k)
        | Op::IsGet(k, _)
        | Op::IsSet(k, _)
        | Op::IConst(k, _)
        | Op::Arith(k, _)
        | Op::I2o(k)
        | Op::O2i(k)
        | Op::Convert { to: k, .. } => *k,
        _ => return None,
    };
    (k != NumKind::Int).then_some(k)
}

fn prefix_byte(k: NumKind) -> Option<u8> {
    match k {
        NumKind::Int => None,
        NumKind::Long => Some(oc::PREFIX_LONG),
        NumKind::Float => Some(oc::PREFIX_FLOAT),
        NumKind::Double => Some(oc::PREFIX_DOUBLE),
    }
}

fn prefix_from_byte(b: u8) -> Option<NumKind> {
    match b {
        oc::PREFIX_LONG => Some(NumKind::Long),
        oc::PREFIX_FLOAT => Some(NumKind::Float),
        oc::PREFIX_DOUBLE => Some(NumKind::Double),
        _ => None,
    }
}

const ARITH: [(ArithOp, u8); 23] = [
    (ArithOp::Add, oc::ISUM),
    (ArithOp::Mul, oc::IMUL),
    (ArithOp::SubUl, oc::ISUBUL),
    (ArithOp::SubLu, oc::ISUBLU),
    (ArithOp::DivUl, oc::IDIVUL),
    (ArithOp::DivLu, oc::IDIVLU),
    (ArithOp::RemUl, oc::IREMUL),
    (ArithOp::RemLu, oc::IREMLU),
    (ArithOp::Or, oc::IOR),
    (ArithOp::And, oc::IAND),
    (ArithOp::Xor, oc::IXOR),
    (ArithOp::Not, oc::INOT),
    (ArithOp::LogOr, oc::LOG_OR),
    (ArithOp::LogAnd, oc::LOG_AND),
    (ArithOp::LogXor, oc::LOG_XOR),
    (ArithOp::LogNot, oc::LOG_NOT),
    (ArithOp::Ge, oc::IGE),
    (ArithOp::Le, oc::ILE),
    (ArithOp::Gt, oc::IGT),
    (ArithOp::Lt, oc::ILT),
    (ArithOp::Shl, oc::ISHL),
    (ArithOp::Shr, oc::ISHR),
    (ArithOp::Ushr, oc::USHR),
];

/// The opcode of an arithmetic operation.
pub fn arith_opcode(op: ArithOp) -> u8 {
    match op {
        ArithOp::Add => oc::ISUM,
        ArithOp::Mul => oc::IMUL,
        ArithOp::SubUl => oc::ISUBUL,
        ArithOp::SubLu => oc::ISUBLU,
        ArithOp::DivUl => oc::IDIVUL,
        ArithOp::DivLu => oc::IDIVLU,
        ArithOp::RemUl => oc::IREMUL,
        ArithOp::RemLu => oc::IREMLU,
        ArithOp::Or => oc::IOR,
        ArithOp::And => oc::IAND,
        ArithOp::Xor => oc::IXOR,
        ArithOp::Not => oc::INOT,
        ArithOp::LogOr => oc::LOG_OR,
        ArithOp::LogAnd => oc::LOG_AND,
        ArithOp::LogXor => oc::LOG_XOR,
        ArithOp::LogNot => oc::LOG_NOT,
        ArithOp::Ge => oc::IGE,
        ArithOp::Le => oc::ILE,
        ArithOp::Gt => oc::IGT,
        ArithOp::Lt => oc::ILT,
        ArithOp::Shl => oc::ISHL,
        ArithOp::Shr => oc::ISHR,
        ArithOp::Ushr => oc::USHR,
    }
}

fn arith_from_opcode(b: u8) -> Option<ArithOp> {
    ARITH.iter().find(|&&(_, o)| o == b).map(|&(a, _)| a)
}

fn convert_opcode(from: NumKind) -> u8 {
    match from {
        NumKind::Int => oc::FROMI,
        NumKind::Long => oc::FROML,
        NumKind::Float => oc::FROMF,
        NumKind::Double => oc::FROMD,
    }
}

/// Applies `f` to every label an op jumps to (not to [`Op::Label`] itself).
fn map_targets(op: &mut Op, mut f: impl FnMut(Label) -> Label) {
    match op {
        Op::Djnz(l) | Op::Jz(l) | Op::Jmp(l) | Op::PushCatcher(l) => *l = f(*l),
        Op::Switch { targets, .. } => {
            for l in targets {
                *l = f(*l);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
