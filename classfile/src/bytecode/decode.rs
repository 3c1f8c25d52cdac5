//! Bytes → op sequence.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use ir::code::{Label, Op, Summon};
use ir::types::NumKind;

use super::{arith_from_opcode, map_targets, prefix_from_byte, DecodeError, DecodeErrorKind};
use crate::opcodes as oc;
use crate::read::Reader;

/// Decoded code together with the address of every op.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decoded {
    /// The ops, with an [`Op::Label`] before every jump target.
    pub ops: Vec<Op>,
    /// One IP per op, with the same meaning as [`super::Encoded::ips`].
    pub ips: Vec<u32>,
}

/// A raw jump target, referenced from an op through a placeholder label
/// that indexes this list.
struct Target {
    addr: i64,
    field: usize,
}

struct Item {
    /// First byte, including any prefix (dropped or kept).
    start: usize,
    /// The opcode byte.
    ip: usize,
    op: Op,
}

/// Whether the VM applies a pending prefix to this opcode; the IR gives
/// exactly these ops a numeric kind.
fn takes_prefix(b: u8) -> bool {
    matches!(
        b,
        oc::IS_DUP
            | oc::IS_DROP
            | oc::IS_GET32
            | oc::IS_SET32
            | oc::ICONST_0
            | oc::ICONST_1
            | oc::ICONST_8BIT
            | oc::ICONST_32BIT
            | oc::I2O
            | oc::O2I
            | oc::FROMI
            | oc::FROML
            | oc::FROMF
            | oc::FROMD
    ) || arith_from_opcode(b).is_some()
}

struct Decoder<'a> {
    r: Reader<'a>,
    targets: Vec<Target>,
}

impl Decoder<'_> {
    fn err(&self, offset: usize, kind: DecodeErrorKind) -> DecodeError {
        DecodeError { offset, kind }
    }

    fn u8(&mut self) -> Result<u8, DecodeError> {
        let at = self.r.pos();
        self.r.u8().ok_or(self.err(at, DecodeErrorKind::Truncated))
    }

    fn i32(&mut self) -> Result<i32, DecodeError> {
        let at = self.r.pos();
        self.r.i32().ok_or(self.err(at, DecodeErrorKind::Truncated))
    }

    fn u32(&mut self) -> Result<u32, DecodeError> {
        let at = self.r.pos();
        let v = self.i32()?;
        u32::try_from(v).map_err(|_| self.err(at, DecodeErrorKind::NegativeOperand(v)))
    }

    fn str(&mut self) -> Result<Vec<u8>, DecodeError> {
        let at = self.r.pos();
        let n = self.i32()?;
        let n =
            usize::try_from(n).map_err(|_| self.err(at, DecodeErrorKind::NegativeOperand(n)))?;
        let s = self
            .r
            .bytes(n)
            .ok_or(self.err(at, DecodeErrorKind::Truncated))?;
        Ok(s.to_vec())
    }

    fn rel(&mut self) -> Result<Label, DecodeError> {
        let field = self.r.pos();
        let disp = self.i32()?;
        let label = Label(self.targets.len() as u32);
        self.targets.push(Target {
            addr: field as i64 + i64::from(disp),
            field,
        });
        Ok(label)
    }

    /// Decodes the instruction whose opcode byte `b` was just read.
    fn op(&mut self, b: u8, at: usize, kind: NumKind) -> Result<Op, DecodeError> {
        if let Some(a) = arith_from_opcode(b) {
            if kind.is_float() && a.is_integer_only() {
                return Err(self.err(at, DecodeErrorKind::InvalidKind(kind)));
            }
            return Ok(Op::Arith(kind, a));
        }
        Ok(match b {
            oc::NOP => Op::Nop,
            oc::DEBUG => {
                let kind = self.u8()?;
                let text = if kind & 0x80 != 0 {
                    Some(self.str()?)
                } else {
                    None
                };
                Op::Debug { kind, text }
            }
            oc::DJNZ => Op::Djnz(self.rel()?),
            oc::JZ => Op::Jz(self.rel()?),
            oc::JMP => Op::Jmp(self.rel()?),
            oc::SWITCH => {
                let n = self.u32()? as usize;
                let shift = self.i32()?;
                let div = self.i32()?;
                // Check the table fits before allocating for an input-given size.
                if self.r.remaining() / 4 < n {
                    return Err(self.err(self.r.pos(), DecodeErrorKind::Truncated));
                }
                let mut targets = Vec::with_capacity(n);
                for _ in 0..n {
                    targets.push(self.rel()?);
                }
                Op::Switch {
                    shift,
                    div,
                    targets,
                }
            }
            oc::RET => Op::Ret,
            oc::SHORT_CALL_0..=oc::SHORT_CALL_3 => Op::Call {
                ord: u32::from(b - oc::SHORT_CALL_0),
                nargs: 0,
            },
            oc::CALL_8BIT => {
                let ord = u32::from(self.u8()?);
                Op::Call {
                    ord,
                    nargs: self.u32()?,
                }
            }
            oc::CALL_32BIT => {
                let ord = self.u32()?;
                Op::Call {
                    ord,
                    nargs: self.u32()?,
                }
            }
            oc::CALL_00..=oc::CALL_1F => Op::Call {
                ord: u32::from(b - oc::CALL_00),
                nargs: u32::from(self.u8()?),
            },
            oc::SYS_8BIT => Op::Sys(self.u8()?),
            oc::IS_DUP => Op::IsDup(kind),
            oc::IS_DROP => Op::IsDrop(kind),
            oc::OS_DUP => Op::OsDup,
            oc::OS_DROP => Op::OsDrop,
            oc::OS_LOAD8 => Op::Load(u32::from(self.u8()?)),
            oc::OS_SAVE8 => Op::Save(u32::from(self.u8()?)),
            oc::OS_LOAD32 => Op::Load(self.u32()?),
            oc::OS_SAVE32 => Op::Save(self.u32()?),
            oc::NEW => Op::New,
            oc::COPY => Op::Copy,
            oc::OS_COMPOSE32 => Op::OsCompose(self.i32()?),
            oc::OS_DECOMPOSE => Op::OsDecompose,
            oc::OS_PULL32 => Op::OsPull(self.u32()?),
            oc::OS_GET32 => Op::OsGet(self.u32()?),
            oc::OS_SET32 => Op::OsSet(self.u32()?),
            oc::ICONST_0 => Op::IConst(kind, 0),
            oc::ICONST_1 => Op::IConst(kind, 1),
            oc::ICONST_8BIT => Op::IConst(kind, i32::from(self.u8()?)),
            oc::ICONST_32BIT => Op::IConst(kind, self.i32()?),
            oc::SCONST_BIN => Op::SConst(self.str()?),
            oc::ICONST_64BIT => {
                let at = self.r.pos();
                Op::IConst64(
                    self.r
                        .i64()
                        .ok_or(self.err(at, DecodeErrorKind::Truncated))?,
                )
            }
            oc::IS_GET32 => Op::IsGet(kind, self.u32()?),
            oc::IS_SET32 => Op::IsSet(kind, self.u32()?),
            oc::CONST_POOL => Op::ConstPool(self.u32()?),
            oc::STACK_RESERVE => {
                let obj = self.u8()?;
                Op::StackReserve {
                    obj,
                    int: self.u8()?,
                }
            }
            oc::CAST => Op::Cast,
            oc::PUSH_CATCHER => Op::PushCatcher(self.rel()?),
            oc::POP_CATCHER => Op::PopCatcher,
            oc::THROW => Op::Throw,
            oc::SUMMON_THREAD => Op::SummonThread,
            oc::SUMMON_THIS => Op::SummonThis,
            oc::SUMMON_NULL => Op::SummonNull,
            oc::SUMMON_CLASS_CLASS => Op::SummonClass(Summon::ClassClass),
            oc::SUMMON_INT_CLASS => Op::SummonClass(Summon::IntClass),
            oc::SUMMON_STRING_CLASS => Op::SummonClass(Summon::StringClass),
            oc::SUMMON_INTERFACE_CLASS => Op::SummonClass(Summon::InterfaceClass),
            oc::SUMMON_CODE_CLASS => Op::SummonClass(Summon::CodeClass),
            oc::SUMMON_ARRAY_CLASS => Op::SummonClass(Summon::ArrayClass),
            oc::SUMMON_BY_NAME => {
                // Class names are ASCII in practice; anything else is kept
                // lossily because `Summon::ByName` holds a `String`.
                let s = self.str()?;
                Op::SummonClass(Summon::ByName(String::from_utf8_lossy(&s).into_owned()))
            }
            oc::I2O => Op::I2o(kind),
            oc::O2I => Op::O2i(kind),
            oc::IS_LOAD8 => Op::IsLoad(self.u8()?),
            oc::IS_SAVE8 => Op::IsSave(self.u8()?),
            oc::OS_EQ => Op::OsEq,
            oc::OS_NEQ => Op::OsNeq,
            oc::OS_ISNULL => Op::OsIsNull,
            oc::GENERAL_LOCK => Op::GeneralLock,
            oc::GENERAL_UNLOCK => Op::GeneralUnlock,
            oc::STATIC_INVOKE => {
                let ord = self.u32()?;
                Op::StaticInvoke {
                    ord,
                    nargs: self.u32()?,
                }
            }
            oc::DYNAMIC_INVOKE => Op::DynamicInvoke,
            oc::ARG_COUNT => Op::ArgCount(self.u8()?),
            oc::FROMI => Op::Convert {
                from: NumKind::Int,
                to: kind,
            },
            oc::FROML => Op::Convert {
                from: NumKind::Long,
                to: kind,
            },
            oc::FROMF => Op::Convert {
                from: NumKind::Float,
                to: kind,
            },
            oc::FROMD => Op::Convert {
                from: NumKind::Double,
                to: kind,
            },
            _ => return Err(self.err(at, DecodeErrorKind::UnknownOpcode(b))),
        })
    }
}

/// Decodes a method body into canonical ops (see [`decode_with_ips`]).
pub fn decode(code: &[u8]) -> Result<Vec<Op>, DecodeError> {
    decode_with_ips(code).map(|d| d.ops)
}

/// Decodes a method body and reports the IP of every op.
///
/// Labels are numbered from 0 in address order. A target equal to the code
/// length is accepted and gets a label at the end. A prefix followed by an
/// opcode that ignores it (another prefix included) is dropped; both
/// addresses then count as the start of the following instruction.
pub fn decode_with_ips(code: &[u8]) -> Result<Decoded, DecodeError> {
    let mut d = Decoder {
        r: Reader::new(code),
        targets: Vec::new(),
    };
    let mut items: Vec<Item> = Vec::new();
    // Address → index of the item that starts there; `code.len()` is the end.
    let mut boundary: Vec<Option<usize>> = vec![None; code.len() + 1];
    let mut start: Option<usize> = None;

    while !d.r.is_empty() {
        let at = d.r.pos();
        let b = d.u8()?;
        let first = *start.get_or_insert(at);
        boundary[at] = Some(items.len());
        let (opcode, ip, kind) = match prefix_from_byte(b) {
            None => (b, at, NumKind::Int),
            Some(k) => {
                let next = d.r.pos();
                let nb = *code
                    .get(next)
                    .ok_or(d.err(at, DecodeErrorKind::Truncated))?;
                if !takes_prefix(nb) {
                    continue; // The VM ignores it; decode what follows.
                }
                d.u8()?;
                (nb, next, k)
            }
        };
        let op = d.op(opcode, ip, kind)?;
        items.push(Item {
            start: first,
            ip,
            op,
        });
        start = None;
    }
    boundary[code.len()] = Some(items.len());

    // Resolve targets to item indices and number the labels by address.
    let mut resolved = Vec::with_capacity(d.targets.len());
    let mut is_target = vec![false; items.len() + 1];
    for t in &d.targets {
        let idx = usize::try_from(t.addr)
            .ok()
            .and_then(|a| boundary.get(a).copied().flatten())
            .ok_or(DecodeError {
                offset: t.field,
                kind: DecodeErrorKind::BadTarget(t.addr),
            })?;
        is_target[idx] = true;
        resolved.push(idx);
    }
    let mut label_of = vec![0u32; items.len() + 1];
    let mut next = 0u32;
    for (i, &t) in is_target.iter().enumerate() {
        if t {
            label_of[i] = next;
            next += 1;
        }
    }

    let mut ops = Vec::with_capacity(items.len() + next as usize);
    let mut ips = Vec::with_capacity(ops.capacity());
    let end = code.len() as u32;
    for (i, mut it) in items.into_iter().enumerate() {
        if is_target[i] {
            ops.push(Op::Label(Label(label_of[i])));
            ips.push(it.start as u32);
        }
        map_targets(&mut it.op, |l| Label(label_of[resolved[l.0 as usize]]));
        ops.push(it.op);
        ips.push(it.ip as u32);
    }
    if is_target[is_target.len() - 1] {
        ops.push(Op::Label(Label(label_of[label_of.len() - 1])));
        ips.push(end);
    }
    Ok(Decoded { ops, ips })
}
