//! Prepared methods: bytecode decoded once at load time into a compact
//! instruction array with resolved jump targets, and verified.
//!
//! The verifier runs over every path of the method and checks that the
//! object and integer stack depths agree wherever paths meet, that nothing
//! pops below the frame's own slots, that slot, field and constant indices
//! are in range, and that execution cannot run off the end of the code. A
//! method that passes cannot make the interpreter read outside its stacks,
//! so the interpreter does not check depths at run time.
//!
//! Along with the depths it tracks which integer-stack cells hold a known
//! constant on every path (pushed by a constant instruction, carried
//! through instructions that leave the cell alone, copied by `is_dup`,
//! `is_get` and `is_set`; known where paths meet only if every path agrees,
//! and unknown at a catcher's target). `dynamic_invoke` takes its argument
//! count from the integer stack, so it is accepted only where that count
//! is such a constant, however far before the instruction it was pushed.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::Cell;
use core::fmt;

use classfile::bytecode::decode_with_ips;
use ir::code::{ArithOp, Label, Op, Summon};
use ir::types::NumKind;

use crate::heap::Ref;

/// One prepared instruction. Jump targets are instruction indices.
#[derive(Clone, Copy, Debug, PartialEq)]
#[allow(missing_docs)]
pub enum Insn {
    Nop,
    Debug(u8),
    Djnz(u32),
    Jz(u32),
    Jmp(u32),
    /// Index into [`Method::switches`].
    Switch(u32),
    Ret,
    PushCatcher(u32),
    PopCatcher,
    Throw,
    ArgCount(u8),
    StackReserve(u8, u8),
    /// `general_lock` / `general_unlock`: pop an object.
    PopObj,
    /// Virtual call (ordinal, argument count).
    Call(u32, u32),
    Sys(u8),
    StaticInvoke(u32, u32),
    /// Call by name. The argument count is the top of the integer stack;
    /// the verifier proves it is the same constant on every path and
    /// records it here (the interpreter checks it again).
    DynamicInvoke(u32),
    /// Duplicate/drop the top 1 or 2 integer cells.
    IsDup(u8),
    IsDrop(u8),
    OsDup,
    OsDrop,
    Load(u32),
    Save(u32),
    OsPull(u32),
    OsGet(u32),
    OsSet(u32),
    /// Push/pop `w` (1 or 2) integer cells at an absolute position.
    IsGet(u8, u32),
    IsSet(u8, u32),
    IsLoad(u32),
    IsSave(u32),
    New,
    Cast,
    /// Push one cell.
    Const1(u32),
    /// Push two cells (high word, then low word).
    Const2(u32, u32),
    /// New string from [`Method::strings`].
    SConst(u32),
    /// Push a permanent object (constant, built-in class).
    PushRef(Ref),
    /// Class by name, index into [`Method::names`].
    SummonByName(u32),
    SummonThread,
    SummonThis,
    SummonNull,
    IAdd,
    ISub,
    IMul,
    IDiv,
    IRem,
    IOr,
    IAnd,
    ILt,
    IGt,
    ILe,
    IGe,
    LNot,
    /// Long arithmetic (the common operations get their own instructions).
    LAdd,
    LSub,
    LMul,
    LDiv,
    LRem,
    LLt,
    LGt,
    LLe,
    LGe,
    /// Any other arithmetic (other kinds, rarer int ops).
    Arith(NumKind, ArithOp),
    Convert(NumKind, NumKind),
    I2o(NumKind),
    O2i(NumKind),
    /// `i2o` / `o2i` for ints.
    BoxInt,
    UnboxInt,
    /// `i2o` followed by `call 10 1` (`a[i]`): when the receiver is an
    /// array, reads the element and skips the call; otherwise it is `i2o`.
    ArrGet,
    /// `i2o` followed by `call 11 2` (`a[i] = v`), likewise.
    ArrSet,
    /// [`Insn::ArrSet`] whose result is dropped by the `os drop` after the
    /// call: the fast path skips both.
    ArrSetDrop,
    /// `os_get p` followed by `o2i` for an int: when the slot holds an
    /// `.internal.int`, pushes its value and skips the `o2i` (no reference
    /// is taken); otherwise it is `os_get p`.
    OsGetInt(u32),
    /// An int comparison followed by `jz t` (`while (i < n)`): jumps to `t`
    /// when the comparison is false, and skips the `jz`.
    CmpJz(IntCmp, u32),
    /// A long comparison followed by `jz t`, likewise.
    LCmpJz(IntCmp, u32),
    /// `isublu; lognot; jz t` (`if (a == b)`): jumps to `t` when the ints
    /// differ, and skips the other two.
    EqJz(u32),
    /// `isublu; jz t` (`if (a != b)`): jumps to `t` when the ints are equal,
    /// and skips the `jz`.
    NeJz(u32),
    /// `const v` followed by `i2o` for an int: pushes the boxed value and
    /// skips the `i2o`.
    ConstBox(u32),
    /// `call 10 1` followed by `set o stk p` (`s = s.concat(t)`): when the
    /// receiver is a string that only the local `p` and the stack hold,
    /// appends to it in place (with room to grow, as CPython does) and
    /// skips the store; otherwise it is `call 10 1`.
    ConcatSet(u32),
    OsEq,
    OsNeq,
    OsIsNull,
    /// An opcode the VM does not execute (`copy`, compose/decompose): throws.
    Disabled(u8),
}

/// The int comparisons that [`Insn::CmpJz`] fuses with a branch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntCmp {
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `>=`
    Ge,
}

impl IntCmp {
    /// Whether `a OP b` holds.
    #[inline(always)]
    pub fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            IntCmp::Lt => a < b,
            IntCmp::Gt => a > b,
            IntCmp::Le => a <= b,
            IntCmp::Ge => a >= b,
        }
    }
}

impl Insn {
    /// The instruction a fused one stands in for. Its fast path has the
    /// effect of it and the instructions it skips, and its slow path is
    /// exactly this one, so the verifier checks this one and then the
    /// skipped instructions as they are.
    pub fn unfused(self) -> Insn {
        match self {
            Insn::ArrGet | Insn::ArrSet | Insn::ArrSetDrop => Insn::BoxInt,
            Insn::OsGetInt(p) => Insn::OsGet(p),
            Insn::CmpJz(IntCmp::Lt, _) => Insn::ILt,
            Insn::CmpJz(IntCmp::Gt, _) => Insn::IGt,
            Insn::CmpJz(IntCmp::Le, _) => Insn::ILe,
            Insn::CmpJz(IntCmp::Ge, _) => Insn::IGe,
            Insn::LCmpJz(IntCmp::Lt, _) => Insn::LLt,
            Insn::LCmpJz(IntCmp::Gt, _) => Insn::LGt,
            Insn::LCmpJz(IntCmp::Le, _) => Insn::LLe,
            Insn::LCmpJz(IntCmp::Ge, _) => Insn::LGe,
            Insn::EqJz(_) | Insn::NeJz(_) => Insn::ISub,
            Insn::ConstBox(v) => Insn::Const1(v),
            Insn::ConcatSet(_) => Insn::Call(10, 1),
            other => other,
        }
    }
}

/// A prepared `switch` table.
#[derive(Clone, Debug, PartialEq)]
pub struct SwitchTable {
    /// Added to the value.
    pub shift: i32,
    /// Divisor.
    pub div: i32,
    /// Target of each entry.
    pub targets: Vec<u32>,
}

/// A prepared method.
#[derive(Debug)]
pub struct Method {
    /// The class whose class file defined it.
    pub class: Ref,
    /// Name of that class (for messages).
    pub class_name: String,
    /// Method ordinal.
    pub ordinal: u32,
    /// Method name.
    pub name: String,
    /// Object slots its frame starts with (the arguments).
    pub nargs: u32,
    /// The instructions.
    pub insns: Box<[Insn]>,
    /// Byte IP of each instruction.
    pub ips: Box<[u32]>,
    /// Line map: (byte IP, source line), sorted by IP.
    pub lines: Vec<(u32, u32)>,
    /// Switch tables.
    pub switches: Vec<SwitchTable>,
    /// Bytes of `sconst_bin` strings.
    pub strings: Vec<Vec<u8>>,
    /// Names of `summon_by_name`, with the class once resolved.
    pub names: Vec<(String, Cell<Ref>)>,
    /// Deepest object stack above the frame base.
    pub max_os: u32,
    /// Deepest integer stack above the frame base.
    pub max_is: u32,
    /// The method's bytecode, for the JIT.
    #[cfg(feature = "jit")]
    pub bytecode: Box<[u8]>,
    /// The instructions before fusion: compiled code has the interpreter
    /// run single ops it does not lower itself, one op per index.
    #[cfg(feature = "jit")]
    pub plain: Box<[Insn]>,
    /// Tiering state: hotness and machine code (transient).
    #[cfg(feature = "jit")]
    pub tier: crate::jit::Tier,
}

impl Method {
    /// The source line of instruction `pc`, if the line map knows it.
    pub fn line_of(&self, pc: usize) -> Option<u32> {
        let ip = *self.ips.get(pc)?;
        let i = self.lines.partition_point(|&(at, _)| at <= ip);
        (i > 0).then(|| self.lines[i - 1].1)
    }
}

/// Why a method was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// Byte offset in the method's code.
    pub offset: u32,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}: {}", self.offset, self.message)
    }
}

/// What the preparer needs to know about the method's class and the VM.
pub struct Context<'a> {
    /// Defining class.
    pub class: Ref,
    /// Its name.
    pub class_name: &'a str,
    /// Data cells of its instances (field indices must be below).
    pub fields: u32,
    /// Its constant pool (`None` where an id is unused).
    pub consts: &'a [Option<Ref>],
    /// Class objects the `summon_*_class` opcodes push.
    pub builtin: &'a dyn Fn(&Summon) -> Option<Ref>,
}

fn err(offset: u32, message: impl Into<String>) -> VerifyError {
    VerifyError {
        offset,
        message: message.into(),
    }
}

/// Decodes, translates and verifies one method.
pub fn prepare(
    cx: &Context<'_>,
    name: &str,
    ordinal: u32,
    declared_args: Option<u32>,
    bytes: &[u8],
    lines: Vec<(u32, u32)>,
) -> Result<Method, VerifyError> {
    let decoded = decode_with_ips(bytes).map_err(|e| err(e.offset as u32, format!("{e}")))?;

    // Label → instruction index.
    let mut label_at: Vec<u32> = Vec::new();
    let mut n = 0u32;
    for op in &decoded.ops {
        match op {
            Op::Label(Label(l)) => {
                let l = *l as usize;
                if label_at.len() <= l {
                    label_at.resize(l + 1, u32::MAX);
                }
                label_at[l] = n;
            }
            op if op.is_pseudo() => {}
            _ => n += 1,
        }
    }
    let target = |l: &Label, ip: u32| -> Result<u32, VerifyError> {
        label_at
            .get(l.0 as usize)
            .copied()
            .filter(|&t| t != u32::MAX && t < n)
            .ok_or_else(|| err(ip, "jump target outside the method"))
    };

    let mut m = Method {
        class: cx.class,
        class_name: cx.class_name.into(),
        ordinal,
        name: name.into(),
        nargs: 0,
        insns: Box::new([]),
        ips: Box::new([]),
        lines,
        switches: Vec::new(),
        strings: Vec::new(),
        names: Vec::new(),
        max_os: 0,
        max_is: 0,
        #[cfg(feature = "jit")]
        bytecode: bytes.into(),
        #[cfg(feature = "jit")]
        plain: Box::new([]),
        #[cfg(feature = "jit")]
        tier: crate::jit::Tier::default(),
    };
    let mut insns = Vec::with_capacity(n as usize);
    let mut ips = Vec::with_capacity(n as usize);
    for (op, &ip) in decoded.ops.iter().zip(decoded.ips.iter()) {
        use NumKind::*;
        let insn = match op {
            Op::Label(_) | Op::Line(_) | Op::Comment(_) => continue,
            Op::Nop => Insn::Nop,
            Op::Debug { kind, .. } => Insn::Debug(*kind),
            Op::Djnz(l) => Insn::Djnz(target(l, ip)?),
            Op::Jz(l) => Insn::Jz(target(l, ip)?),
            Op::Jmp(l) => Insn::Jmp(target(l, ip)?),
            Op::Switch {
                shift,
                div,
                targets,
            } => {
                if *div == 0 {
                    return Err(err(ip, "switch divisor is zero"));
                }
                let targets = targets
                    .iter()
                    .map(|l| target(l, ip))
                    .collect::<Result<Vec<_>, _>>()?;
                m.switches.push(SwitchTable {
                    shift: *shift,
                    div: *div,
                    targets,
                });
                Insn::Switch(m.switches.len() as u32 - 1)
            }
            Op::Ret => Insn::Ret,
            Op::PushCatcher(l) => Insn::PushCatcher(target(l, ip)?),
            Op::PopCatcher => Insn::PopCatcher,
            Op::Throw => Insn::Throw,
            Op::ArgCount(c) => Insn::ArgCount(*c),
            Op::StackReserve { obj, int } => Insn::StackReserve(*obj, *int),
            Op::GeneralLock | Op::GeneralUnlock => Insn::PopObj,
            Op::Call { ord, nargs } => Insn::Call(*ord, *nargs),
            Op::Sys(k) => Insn::Sys(*k),
            Op::StaticInvoke { ord, nargs } => Insn::StaticInvoke(*ord, *nargs),
            Op::DynamicInvoke => Insn::DynamicInvoke(0),
            Op::IsDup(k) => Insn::IsDup(k.cells() as u8),
            Op::IsDrop(k) => Insn::IsDrop(k.cells() as u8),
            Op::OsDup => Insn::OsDup,
            Op::OsDrop => Insn::OsDrop,
            Op::Load(f) => Insn::Load(*f),
            Op::Save(f) => Insn::Save(*f),
            Op::OsPull(d) => Insn::OsPull(*d),
            Op::OsGet(p) => Insn::OsGet(*p),
            Op::OsSet(p) => Insn::OsSet(*p),
            Op::IsGet(k, p) => Insn::IsGet(k.cells() as u8, *p),
            Op::IsSet(k, p) => Insn::IsSet(k.cells() as u8, *p),
            Op::IsLoad(f) => Insn::IsLoad(u32::from(*f)),
            Op::IsSave(f) => Insn::IsSave(u32::from(*f)),
            Op::New => Insn::New,
            Op::Copy => Insn::Disabled(0x19),
            Op::OsCompose(_) => Insn::Disabled(0x1A),
            Op::OsDecompose => Insn::Disabled(0x1B),
            Op::Cast => Insn::Cast,
            Op::IConst(k, v) => match k {
                Int | Float => Insn::Const1(*v as u32),
                Long | Double => {
                    let w = i64::from(*v) as u64;
                    Insn::Const2((w >> 32) as u32, w as u32)
                }
            },
            Op::IConst64(v) => Insn::Const2((*v as u64 >> 32) as u32, *v as u32),
            Op::SConst(b) => {
                m.strings.push(b.clone());
                Insn::SConst(m.strings.len() as u32 - 1)
            }
            Op::ConstPool(id) => match cx.consts.get(*id as usize).copied().flatten() {
                Some(r) => Insn::PushRef(r),
                None => return Err(err(ip, format!("constant {id} is not in the pool"))),
            },
            Op::SummonThread => Insn::SummonThread,
            Op::SummonThis => Insn::SummonThis,
            Op::SummonNull => Insn::SummonNull,
            Op::SummonClass(Summon::ByName(name)) => {
                m.names.push((name.clone(), Cell::new(Ref::NULL)));
                Insn::SummonByName(m.names.len() as u32 - 1)
            }
            Op::SummonClass(s) => match (cx.builtin)(s) {
                Some(r) => Insn::PushRef(r),
                None => return Err(err(ip, format!("no built-in class for {s:?}"))),
            },
            Op::Arith(Int, a) => match a {
                ArithOp::Add => Insn::IAdd,
                ArithOp::SubLu => Insn::ISub,
                ArithOp::Mul => Insn::IMul,
                ArithOp::DivLu => Insn::IDiv,
                ArithOp::RemLu => Insn::IRem,
                ArithOp::Or => Insn::IOr,
                ArithOp::And => Insn::IAnd,
                ArithOp::Lt => Insn::ILt,
                ArithOp::Gt => Insn::IGt,
                ArithOp::Le => Insn::ILe,
                ArithOp::Ge => Insn::IGe,
                ArithOp::LogNot => Insn::LNot,
                a => Insn::Arith(Int, *a),
            },
            Op::Arith(Long, a) => match a {
                ArithOp::Add => Insn::LAdd,
                ArithOp::SubLu => Insn::LSub,
                ArithOp::Mul => Insn::LMul,
                ArithOp::DivLu => Insn::LDiv,
                ArithOp::RemLu => Insn::LRem,
                ArithOp::Lt => Insn::LLt,
                ArithOp::Gt => Insn::LGt,
                ArithOp::Le => Insn::LLe,
                ArithOp::Ge => Insn::LGe,
                a => Insn::Arith(Long, *a),
            },
            Op::Arith(k, a) => Insn::Arith(*k, *a),
            Op::Convert { from, to } => Insn::Convert(*from, *to),
            Op::I2o(Int) => Insn::BoxInt,
            Op::O2i(Int) => Insn::UnboxInt,
            Op::I2o(k) => Insn::I2o(*k),
            Op::O2i(k) => Insn::O2i(*k),
            Op::OsEq => Insn::OsEq,
            Op::OsNeq => Insn::OsNeq,
            Op::OsIsNull => Insn::OsIsNull,
        };
        insns.push(insn);
        ips.push(ip);
    }
    m.insns = insns.into_boxed_slice();
    m.ips = ips.into_boxed_slice();
    m.nargs = declared_args.unwrap_or(match m.insns.first() {
        Some(Insn::ArgCount(c)) => u32::from(*c),
        _ => 0,
    });
    #[cfg(feature = "jit")]
    {
        m.plain = m.insns.clone();
    }
    fuse(&mut m);
    verify(&mut m, cx.fields)?;
    Ok(m)
}

/// Peephole: an int constant converted to long or double becomes a
/// two-cell constant (the conversion turns into a `Nop`, so instruction
/// indices and jump targets stay as they are); common pairs and triples
/// become one fused instruction in the first one's place that skips the
/// others on its fast path (see [`Insn::unfused`]). Not done where a
/// later instruction of the group is a jump target.
fn fuse(m: &mut Method) {
    let mut target = vec![false; m.insns.len()];
    for insn in m.insns.iter() {
        match *insn {
            Insn::Djnz(t) | Insn::Jz(t) | Insn::Jmp(t) | Insn::PushCatcher(t) => {
                target[t as usize] = true
            }
            _ => {}
        }
    }
    for s in &m.switches {
        for &t in &s.targets {
            target[t as usize] = true;
        }
    }
    for (i, &is_target) in target.iter().enumerate().skip(1) {
        if is_target {
            continue;
        }
        // The instruction after this one, if it is no jump target either.
        let third = m.insns.get(i + 1).copied().filter(|_| !target[i + 1]);
        let fused = match (m.insns[i - 1], m.insns[i], third) {
            (Insn::BoxInt, Insn::Call(11, 2), Some(Insn::OsDrop)) => Some(Insn::ArrSetDrop),
            (Insn::BoxInt, Insn::Call(10, 1), _) => Some(Insn::ArrGet),
            (Insn::BoxInt, Insn::Call(11, 2), _) => Some(Insn::ArrSet),
            (Insn::OsGet(p), Insn::UnboxInt, _) => Some(Insn::OsGetInt(p)),
            (Insn::Const1(v), Insn::BoxInt, _) => Some(Insn::ConstBox(v)),
            (Insn::Call(10, 1), Insn::OsSet(p), _) => Some(Insn::ConcatSet(p)),
            (Insn::ISub, Insn::LNot, Some(Insn::Jz(t))) => Some(Insn::EqJz(t)),
            (Insn::ISub, Insn::Jz(t), _) => Some(Insn::NeJz(t)),
            (Insn::ILt, Insn::Jz(t), _) => Some(Insn::CmpJz(IntCmp::Lt, t)),
            (Insn::IGt, Insn::Jz(t), _) => Some(Insn::CmpJz(IntCmp::Gt, t)),
            (Insn::ILe, Insn::Jz(t), _) => Some(Insn::CmpJz(IntCmp::Le, t)),
            (Insn::IGe, Insn::Jz(t), _) => Some(Insn::CmpJz(IntCmp::Ge, t)),
            (Insn::LLt, Insn::Jz(t), _) => Some(Insn::LCmpJz(IntCmp::Lt, t)),
            (Insn::LGt, Insn::Jz(t), _) => Some(Insn::LCmpJz(IntCmp::Gt, t)),
            (Insn::LLe, Insn::Jz(t), _) => Some(Insn::LCmpJz(IntCmp::Le, t)),
            (Insn::LGe, Insn::Jz(t), _) => Some(Insn::LCmpJz(IntCmp::Ge, t)),
            _ => None,
        };
        // Not over an instruction already fused into the one before it.
        if let Some(f) = fused.filter(|_| m.insns[i - 1] == m.insns[i - 1].unfused()) {
            m.insns[i - 1] = f;
        }
        if let (Insn::Const1(v), Insn::Convert(NumKind::Int, to)) = (m.insns[i - 1], m.insns[i]) {
            let bits = match to {
                NumKind::Long => v as i32 as i64 as u64,
                NumKind::Double => f64::from(v as i32).to_bits(),
                _ => continue,
            };
            m.insns[i - 1] = Insn::Const2((bits >> 32) as u32, bits as u32);
            m.insns[i] = Insn::Nop;
        }
    }
}

/// Stack depths (object, integer) before an instruction.
type Depth = (u32, u32);

/// Integer-stack cells known to hold a constant before an instruction:
/// (cell index from the frame's base, value), sorted by cell, at most
/// [`MAX_KNOWN`] of them (the cells nearest the top). A cell not listed
/// may hold anything.
type Known = Vec<(u32, u32)>;

/// How many known cells are tracked per instruction (bounds the
/// verifier's memory and the number of times it revisits an
/// instruction: the set only shrinks where paths meet).
const MAX_KNOWN: usize = 16;

const NOT_CONSTANT_COUNT: &str = "the argument count of dynamic_invoke is not a constant \
     (the same int constant must be pushed for it on every path)";

/// The value of cell `slot`, if known.
fn known_at(k: &Known, slot: u32) -> Option<u32> {
    k.binary_search_by_key(&slot, |&(s, _)| s)
        .ok()
        .map(|i| k[i].1)
}

/// The cells known before an instruction that pops or rewrites the
/// integer cells from `low` up and leaves `is_after` cells: the cells below
/// `low` are unchanged, and cells the instruction itself pushes or writes
/// get the value it gives them where that is known.
fn known_after(insn: Insn, before: &Known, is: u32, low: u32, is_after: u32) -> Known {
    let mut k: Known = before
        .iter()
        .copied()
        .filter(|&(s, _)| s < low && s < is_after)
        .collect();
    fn set(k: &mut Known, slot: u32, v: Option<u32>) {
        k.retain(|&(s, _)| s != slot);
        if let Some(v) = v {
            k.push((slot, v));
        }
    }
    match insn {
        Insn::Const1(v) => set(&mut k, is, Some(v)),
        Insn::Const2(hi, lo) => {
            set(&mut k, is, Some(hi));
            set(&mut k, is + 1, Some(lo));
        }
        Insn::StackReserve(_, n) => {
            for i in 0..u32::from(n) {
                set(&mut k, is + i, Some(0));
            }
        }
        Insn::IsDup(w) => {
            let w = u32::from(w);
            for i in 0..w {
                set(&mut k, is + i, known_at(before, is - w + i));
            }
        }
        Insn::IsGet(w, p) => {
            for i in 0..u32::from(w) {
                set(&mut k, is + i, known_at(before, p + i));
            }
        }
        Insn::IsSet(w, p) => {
            let w = u32::from(w);
            for i in 0..w {
                set(&mut k, p + i, known_at(before, is - w + i));
            }
        }
        _ => {}
    }
    k.sort_unstable_by_key(|&(s, _)| s);
    if k.len() > MAX_KNOWN {
        k.drain(..k.len() - MAX_KNOWN);
    }
    k
}

/// The cells known on both of two paths.
fn known_meet(a: &Known, b: &Known) -> Known {
    a.iter().copied().filter(|x| b.contains(x)).collect()
}

/// Checks every path and records the deepest stacks in `m`.
fn verify(m: &mut Method, fields: u32) -> Result<(), VerifyError> {
    let n = m.insns.len();
    if n == 0 {
        return Err(err(0, "the method has no code"));
    }
    // Depths and known integer cells before each instruction reached.
    let mut at: Vec<Option<(Depth, Known)>> = vec![None; n];
    let mut work: Vec<usize> = vec![0];
    at[0] = Some(((m.nargs, 1), Known::new()));
    let (mut max_os, mut max_is) = (m.nargs, 1u32);
    while let Some(pc) = work.pop() {
        let ((os, is), known) = at[pc].clone().expect("queued instructions have a depth");
        let ip = m.ips[pc];
        let insn = m.insns[pc].unfused();
        let e = |msg: &str| err(ip, msg);
        let need_os = |k: u32| {
            if os < k {
                Err(e("object stack underflow"))
            } else {
                Ok(())
            }
        };
        // The lowest integer cell the instruction pops (or rewrites).
        let low = Cell::new(is);
        let need_is = |k: u32| {
            if is < k {
                Err(e("integer stack underflow"))
            } else {
                low.set(low.get().min(is - k));
                Ok(())
            }
        };
        // Successors other than the next instruction, and whether each is
        // a catcher's target (where no integer cell is known: the catch
        // trims or pads the stack, and anything may have run before it).
        let mut branches: Vec<(usize, Depth, bool)> = Vec::new();
        let mut falls = true;
        let (nos, nis) = match insn {
            // `unfused` above maps these away.
            Insn::ArrGet
            | Insn::ArrSet
            | Insn::ArrSetDrop
            | Insn::OsGetInt(_)
            | Insn::CmpJz(..)
            | Insn::LCmpJz(..)
            | Insn::EqJz(_)
            | Insn::NeJz(_)
            | Insn::ConstBox(_)
            | Insn::ConcatSet(_) => return Err(e("fused instruction left in the verifier")),
            Insn::Nop | Insn::Debug(_) | Insn::PopCatcher => (os, is),
            Insn::Djnz(t) => {
                need_is(1)?;
                branches.push((t as usize, (os, is), false));
                (os, is)
            }
            Insn::Jz(t) => {
                need_is(1)?;
                branches.push((t as usize, (os, is - 1), false));
                (os, is - 1)
            }
            Insn::Jmp(t) => {
                falls = false;
                branches.push((t as usize, (os, is), false));
                (os, is)
            }
            Insn::Switch(s) => {
                need_is(1)?;
                for &t in &m.switches[s as usize].targets {
                    branches.push((t as usize, (os, is - 1), false));
                }
                (os, is - 1)
            }
            Insn::Ret => {
                falls = false;
                (os, is)
            }
            Insn::PushCatcher(t) => {
                need_os(1)?;
                branches.push((t as usize, (os, is), true));
                (os - 1, is)
            }
            Insn::Throw => {
                need_os(1)?;
                falls = false;
                (os - 1, is)
            }
            Insn::Disabled(_) => {
                falls = false;
                (os, is)
            }
            Insn::ArgCount(_) => {
                need_is(1)?;
                (os, is - 1)
            }
            Insn::StackReserve(o, i) => (os + u32::from(o), is + u32::from(i)),
            Insn::PopObj | Insn::OsDrop => {
                need_os(1)?;
                (os - 1, is)
            }
            Insn::Call(_, k) => {
                need_os(
                    k.checked_add(1)
                        .ok_or_else(|| e("argument count too large"))?,
                )?;
                (os - k, is)
            }
            Insn::StaticInvoke(_, k) => {
                need_os(
                    k.checked_add(2)
                        .ok_or_else(|| e("argument count too large"))?,
                )?;
                (os - k - 1, is)
            }
            Insn::DynamicInvoke(_) => {
                need_is(1)?;
                let Some(k) = known_at(&known, is - 1) else {
                    return Err(e(NOT_CONSTANT_COUNT));
                };
                need_os(
                    k.checked_add(2)
                        .ok_or_else(|| e("argument count too large"))?,
                )?;
                m.insns[pc] = Insn::DynamicInvoke(k);
                (os - k - 1, is - 1)
            }
            Insn::Sys(_) => {
                need_is(1)?;
                need_os(m.nargs)?;
                (os - m.nargs + 1, is - 1)
            }
            Insn::IsDup(w) => {
                need_is(u32::from(w))?;
                (os, is + u32::from(w))
            }
            Insn::IsDrop(w) => {
                need_is(u32::from(w))?;
                (os, is - u32::from(w))
            }
            Insn::OsDup => {
                need_os(1)?;
                (os + 1, is)
            }
            Insn::Load(f) => {
                if f >= fields {
                    return Err(e(&format!("field {f} out of range ({fields} fields)")));
                }
                (os + 1, is)
            }
            Insn::Save(f) => {
                if f >= fields {
                    return Err(e(&format!("field {f} out of range ({fields} fields)")));
                }
                need_os(1)?;
                (os - 1, is)
            }
            Insn::IsLoad(f) => {
                if f >= fields {
                    return Err(e(&format!("field {f} out of range ({fields} fields)")));
                }
                (os, is + 1)
            }
            Insn::IsSave(f) => {
                if f >= fields {
                    return Err(e(&format!("field {f} out of range ({fields} fields)")));
                }
                need_is(1)?;
                (os, is - 1)
            }
            Insn::OsPull(d) => {
                need_os(d.saturating_add(1))?;
                (os + 1, is)
            }
            Insn::OsGet(p) => {
                if p >= os {
                    return Err(e(&format!("object slot {p} is not on the stack")));
                }
                (os + 1, is)
            }
            Insn::OsSet(p) => {
                need_os(1)?;
                if p >= os - 1 {
                    return Err(e(&format!("object slot {p} is not on the stack")));
                }
                (os - 1, is)
            }
            Insn::IsGet(w, p) => {
                if u64::from(p) + u64::from(w) > u64::from(is) {
                    return Err(e(&format!("integer slot {p} is not on the stack")));
                }
                (os, is + u32::from(w))
            }
            Insn::IsSet(w, p) => {
                let w = u32::from(w);
                need_is(w)?;
                if u64::from(p) + u64::from(w) > u64::from(is - w) {
                    return Err(e(&format!("integer slot {p} is not on the stack")));
                }
                (os, is - w)
            }
            Insn::New => {
                need_os(1)?;
                (os, is)
            }
            Insn::Cast => {
                need_os(2)?;
                (os - 1, is)
            }
            Insn::Const1(_) => (os, is + 1),
            Insn::Const2(..) => (os, is + 2),
            Insn::SConst(_)
            | Insn::PushRef(_)
            | Insn::SummonByName(_)
            | Insn::SummonThread
            | Insn::SummonThis
            | Insn::SummonNull => (os + 1, is),
            Insn::IAdd
            | Insn::ISub
            | Insn::IMul
            | Insn::IDiv
            | Insn::IRem
            | Insn::IOr
            | Insn::IAnd
            | Insn::ILt
            | Insn::IGt
            | Insn::ILe
            | Insn::IGe => {
                need_is(2)?;
                (os, is - 1)
            }
            Insn::LAdd | Insn::LSub | Insn::LMul | Insn::LDiv | Insn::LRem => {
                need_is(4)?;
                (os, is - 2)
            }
            Insn::LLt | Insn::LGt | Insn::LLe | Insn::LGe => {
                need_is(4)?;
                (os, is - 3)
            }
            Insn::LNot => {
                need_is(1)?;
                (os, is)
            }
            Insn::Arith(k, a) => {
                let w = k.cells();
                match a {
                    ArithOp::Shl | ArithOp::Shr | ArithOp::Ushr => {
                        need_is(w + 1)?;
                        (os, is - 1)
                    }
                    a if a.is_unary() => {
                        need_is(w)?;
                        (os, is)
                    }
                    a => {
                        need_is(2 * w)?;
                        (os, is - 2 * w + if a.yields_int() { 1 } else { w })
                    }
                }
            }
            Insn::Convert(from, to) => {
                need_is(from.cells())?;
                (os, is - from.cells() + to.cells())
            }
            Insn::BoxInt => {
                need_is(1)?;
                (os + 1, is - 1)
            }
            Insn::UnboxInt => {
                need_os(1)?;
                (os - 1, is + 1)
            }
            Insn::I2o(k) => {
                need_is(k.cells())?;
                (os + 1, is - k.cells())
            }
            Insn::O2i(k) => {
                need_os(1)?;
                (os - 1, is + k.cells())
            }
            Insn::OsEq | Insn::OsNeq => {
                need_os(2)?;
                (os - 2, is + 1)
            }
            Insn::OsIsNull => {
                need_os(1)?;
                (os - 1, is + 1)
            }
        };
        max_os = max_os.max(nos).max(os);
        max_is = max_is.max(nis).max(is);
        if max_os > 1 << 20 || max_is > 1 << 20 {
            return Err(e("stack grows without bound"));
        }
        if falls {
            if pc + 1 >= n {
                return Err(e("execution runs off the end of the code"));
            }
            branches.push((pc + 1, (nos, nis), false));
        }
        let after = known_after(insn, &known, is, low.get(), nis);
        for (t, d, catch) in branches {
            let k = if catch { Known::new() } else { after.clone() };
            match &mut at[t] {
                None => {
                    at[t] = Some((d, k));
                    work.push(t);
                }
                Some((old, _)) if *old != d => {
                    return Err(err(
                        m.ips[t],
                        format!(
                            "stack depths differ where paths meet: {} objects and {} integers on one path, {} and {} on another",
                            old.0, old.1, d.0, d.1
                        ),
                    ));
                }
                Some((_, old)) => {
                    // Known there only if known alike on every path; when
                    // that changes, the instruction is checked again (at
                    // most `MAX_KNOWN` times, as the set only shrinks).
                    let met = known_meet(old, &k);
                    if met.len() != old.len() {
                        *old = met;
                        work.push(t);
                    }
                }
            }
        }
    }
    m.max_os = max_os + 1;
    m.max_is = max_is + 2;
    Ok(())
}
