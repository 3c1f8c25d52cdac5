//! Op sequence → bytes.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use ir::code::{Label, Op, Summon};

use super::{
    arith_opcode, convert_opcode, prefix_byte, prefix_kind, EncodeError, EncodeErrorKind, Encoded,
};
use crate::opcodes as oc;

/// A displacement field waiting for its label's address.
struct Fixup {
    field: usize,
    label: Label,
    index: usize,
}

struct Emitter {
    out: Vec<u8>,
    fixups: Vec<Fixup>,
    index: usize,
}

impl Emitter {
    fn err(&self, kind: EncodeErrorKind) -> EncodeError {
        EncodeError {
            index: self.index,
            kind,
        }
    }

    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    fn i32(&mut self, v: i32) {
        self.out.extend_from_slice(&v.to_be_bytes());
    }

    /// An `i32` operand that the IR holds as `u32`: values past `i32::MAX`
    /// would read back negative in the VM.
    fn u32_as_i32(&mut self, v: u32, operand: &'static str) -> Result<(), EncodeError> {
        let v = i32::try_from(v).map_err(|_| {
            self.err(EncodeErrorKind::OutOfRange {
                operand,
                value: u64::from(v),
            })
        })?;
        self.i32(v);
        Ok(())
    }

    fn str(&mut self, s: &[u8], operand: &'static str) -> Result<(), EncodeError> {
        let n = i32::try_from(s.len()).map_err(|_| {
            self.err(EncodeErrorKind::OutOfRange {
                operand,
                value: s.len() as u64,
            })
        })?;
        self.i32(n);
        self.out.extend_from_slice(s);
        Ok(())
    }

    fn rel(&mut self, label: Label) {
        self.fixups.push(Fixup {
            field: self.out.len(),
            label,
            index: self.index,
        });
        self.i32(0);
    }

    fn call(&mut self, ord: u32, nargs: u32) -> Result<(), EncodeError> {
        // Same decision order as `Codegen.emitCall`.
        match (u8::try_from(ord), u8::try_from(nargs)) {
            (Ok(o @ 0..=3), Ok(0)) => self.byte(oc::SHORT_CALL_0 + o),
            (Ok(o @ 0..=31), Ok(n @ 0..=15)) => {
                self.byte(oc::CALL_00 + o);
                self.byte(n);
            }
            (Ok(o @ 0..=15), _) => {
                self.byte(oc::CALL_8BIT);
                self.byte(o);
                self.u32_as_i32(nargs, "argument count")?;
            }
            _ => {
                self.byte(oc::CALL_32BIT);
                self.u32_as_i32(ord, "method ordinal")?;
                self.u32_as_i32(nargs, "argument count")?;
            }
        }
        Ok(())
    }

    fn op(&mut self, op: &Op) -> Result<(), EncodeError> {
        match op {
            Op::Label(_) | Op::Line(_) | Op::Comment(_) => {}
            Op::Nop => self.byte(oc::NOP),
            Op::Debug { kind, text } => {
                if (kind & 0x80 != 0) != text.is_some() {
                    return Err(self.err(EncodeErrorKind::DebugText));
                }
                self.byte(oc::DEBUG);
                self.byte(*kind);
                if let Some(t) = text {
                    self.str(t, "debug text length")?;
                }
            }
            Op::Djnz(l) => {
                self.byte(oc::DJNZ);
                self.rel(*l);
            }
            Op::Jz(l) => {
                self.byte(oc::JZ);
                self.rel(*l);
            }
            Op::Jmp(l) => {
                self.byte(oc::JMP);
                self.rel(*l);
            }
            Op::Switch {
                shift,
                div,
                targets,
            } => {
                self.byte(oc::SWITCH);
                let n = u32::try_from(targets.len()).unwrap_or(u32::MAX);
                self.u32_as_i32(n, "switch table size")?;
                self.i32(*shift);
                self.i32(*div);
                for l in targets {
                    self.rel(*l);
                }
            }
            Op::Ret => self.byte(oc::RET),
            Op::PushCatcher(l) => {
                self.byte(oc::PUSH_CATCHER);
                self.rel(*l);
            }
            Op::PopCatcher => self.byte(oc::POP_CATCHER),
            Op::Throw => self.byte(oc::THROW),
            Op::ArgCount(n) => {
                self.byte(oc::ARG_COUNT);
                self.byte(*n);
            }
            Op::StackReserve { obj, int } => {
                self.byte(oc::STACK_RESERVE);
                self.byte(*obj);
                self.byte(*int);
            }
            Op::GeneralLock => self.byte(oc::GENERAL_LOCK),
            Op::GeneralUnlock => self.byte(oc::GENERAL_UNLOCK),
            Op::Call { ord, nargs } => self.call(*ord, *nargs)?,
            Op::Sys(k) => {
                self.byte(oc::SYS_8BIT);
                self.byte(*k);
            }
            Op::StaticInvoke { ord, nargs } => {
                self.byte(oc::STATIC_INVOKE);
                self.u32_as_i32(*ord, "method ordinal")?;
                self.u32_as_i32(*nargs, "argument count")?;
            }
            Op::DynamicInvoke => self.byte(oc::DYNAMIC_INVOKE),
            Op::IsDup(_) => self.byte(oc::IS_DUP),
            Op::IsDrop(_) => self.byte(oc::IS_DROP),
            Op::OsDup => self.byte(oc::OS_DUP),
            Op::OsDrop => self.byte(oc::OS_DROP),
            Op::Load(f) | Op::Save(f) => {
                let save = matches!(op, Op::Save(_));
                match u8::try_from(*f) {
                    Ok(f8) => {
                        self.byte(if save { oc::OS_SAVE8 } else { oc::OS_LOAD8 });
                        self.byte(f8);
                    }
                    Err(_) => {
                        self.byte(if save { oc::OS_SAVE32 } else { oc::OS_LOAD32 });
                        self.u32_as_i32(*f, "field ordinal")?;
                    }
                }
            }
            Op::OsPull(n) => {
                self.byte(oc::OS_PULL32);
                self.u32_as_i32(*n, "pull depth")?;
            }
            Op::OsGet(n) => {
                self.byte(oc::OS_GET32);
                self.u32_as_i32(*n, "object slot")?;
            }
            Op::OsSet(n) => {
                self.byte(oc::OS_SET32);
                self.u32_as_i32(*n, "object slot")?;
            }
            Op::IsGet(_, n) => {
                self.byte(oc::IS_GET32);
                self.u32_as_i32(*n, "integer slot")?;
            }
            Op::IsSet(_, n) => {
                self.byte(oc::IS_SET32);
                self.u32_as_i32(*n, "integer slot")?;
            }
            Op::IsLoad(f) => {
                self.byte(oc::IS_LOAD8);
                self.byte(*f);
            }
            Op::IsSave(f) => {
                self.byte(oc::IS_SAVE8);
                self.byte(*f);
            }
            Op::New => self.byte(oc::NEW),
            Op::Copy => self.byte(oc::COPY),
            Op::OsCompose(n) => {
                self.byte(oc::OS_COMPOSE32);
                self.i32(*n);
            }
            Op::OsDecompose => self.byte(oc::OS_DECOMPOSE),
            Op::Cast => self.byte(oc::CAST),
            Op::IConst(_, v) => match *v {
                0 => self.byte(oc::ICONST_0),
                1 => self.byte(oc::ICONST_1),
                // iconst_8bit zero-extends, so only 0..=255 fit.
                2..=255 => {
                    self.byte(oc::ICONST_8BIT);
                    self.byte(*v as u8);
                }
                _ => {
                    self.byte(oc::ICONST_32BIT);
                    self.i32(*v);
                }
            },
            Op::IConst64(v) => {
                self.byte(oc::ICONST_64BIT);
                self.out.extend_from_slice(&v.to_be_bytes());
            }
            Op::SConst(s) => {
                self.byte(oc::SCONST_BIN);
                self.str(s, "string length")?;
            }
            Op::ConstPool(id) => {
                self.byte(oc::CONST_POOL);
                self.u32_as_i32(*id, "constant id")?;
            }
            Op::SummonThread => self.byte(oc::SUMMON_THREAD),
            Op::SummonThis => self.byte(oc::SUMMON_THIS),
            Op::SummonNull => self.byte(oc::SUMMON_NULL),
            Op::SummonClass(s) => match s {
                Summon::ClassClass => self.byte(oc::SUMMON_CLASS_CLASS),
                Summon::IntClass => self.byte(oc::SUMMON_INT_CLASS),
                Summon::StringClass => self.byte(oc::SUMMON_STRING_CLASS),
                Summon::InterfaceClass => self.byte(oc::SUMMON_INTERFACE_CLASS),
                Summon::CodeClass => self.byte(oc::SUMMON_CODE_CLASS),
                Summon::ArrayClass => self.byte(oc::SUMMON_ARRAY_CLASS),
                Summon::ByName(name) => {
                    self.byte(oc::SUMMON_BY_NAME);
                    self.str(name.as_bytes(), "class name length")?;
                }
            },
            Op::Arith(k, a) => {
                if k.is_float() && a.is_integer_only() {
                    return Err(self.err(EncodeErrorKind::InvalidKind(*k)));
                }
                self.byte(arith_opcode(*a));
            }
            Op::Convert { from, .. } => self.byte(convert_opcode(*from)),
            Op::I2o(_) => self.byte(oc::I2O),
            Op::O2i(_) => self.byte(oc::O2I),
            Op::OsEq => self.byte(oc::OS_EQ),
            Op::OsNeq => self.byte(oc::OS_NEQ),
            Op::OsIsNull => self.byte(oc::OS_ISNULL),
        }
        Ok(())
    }
}

/// Encodes `ops` with the shortest encoding of each instruction.
///
/// Fails on undefined or twice-placed labels, operands that do not fit their
/// encoding, kinds an op does not exist for, and inconsistent `Debug` ops.
pub fn encode(ops: &[Op]) -> Result<Encoded, EncodeError> {
    let mut e = Emitter {
        out: Vec::new(),
        fixups: Vec::new(),
        index: 0,
    };
    let mut labels: BTreeMap<Label, usize> = BTreeMap::new();
    let mut ips = Vec::with_capacity(ops.len());
    let mut lines: Vec<(u32, u32)> = Vec::new();

    for (index, op) in ops.iter().enumerate() {
        e.index = index;
        let ip_of = |e: &Emitter| {
            u32::try_from(e.out.len()).map_err(|_| e.err(EncodeErrorKind::CodeTooLarge))
        };
        match op {
            Op::Label(l) if labels.insert(*l, e.out.len()).is_some() => {
                return Err(e.err(EncodeErrorKind::DuplicateLabel(*l)));
            }
            Op::Line(n) => {
                let ip = ip_of(&e)?;
                // The reference compiler keeps its map in a HashMap keyed by IP.
                match lines.last_mut() {
                    Some(last) if last.0 == ip => last.1 = *n,
                    _ => lines.push((ip, *n)),
                }
            }
            _ => {}
        }
        if let Some(p) = prefix_kind(op).and_then(prefix_byte) {
            e.byte(p);
        }
        ips.push(ip_of(&e)?);
        e.op(op)?;
    }
    if i32::try_from(e.out.len()).is_err() {
        return Err(EncodeError {
            index: ops.len().saturating_sub(1),
            kind: EncodeErrorKind::CodeTooLarge,
        });
    }

    for f in &e.fixups {
        let target = *labels.get(&f.label).ok_or(EncodeError {
            index: f.index,
            kind: EncodeErrorKind::UndefinedLabel(f.label),
        })?;
        // Both values are below i32::MAX (checked above), so the difference fits.
        let disp = (target as i64 - f.field as i64) as i32;
        e.out[f.field..f.field + 4].copy_from_slice(&disp.to_be_bytes());
    }

    Ok(Encoded {
        bytes: e.out,
        ips,
        lines,
    })
}
