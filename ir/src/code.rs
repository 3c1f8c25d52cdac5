//! Linear two-stack code: the canonical form of Phantom bytecode.
//!
//! One [`Op`] per VM instruction, with symbolic [`Label`]s instead of byte
//! displacements, the numeric kind folded into the instruction instead of a
//! prefix byte, and one variant per operation instead of one per encoding
//! (`call_05 2`, `call_8bit` and `call_32bit` are all [`Op::Call`]). The
//! encoder in the `classfile` crate picks the shortest encoding; its decoder
//! turns any valid byte string back into this form, inserting
//! [`Op::Label`]s at jump targets.
//!
//! Three pseudo-ops carry no code: [`Op::Label`] marks a jump target,
//! [`Op::Line`] starts the code of a source line (it feeds the class file's
//! line map), and [`Op::Comment`] is text for the `.lstc` listing.

use alloc::string::String;
use alloc::vec::Vec;

use crate::types::NumKind;

/// A method-local jump target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Label(pub u32);

/// A method body as linear code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Code {
    /// The instructions and pseudo-ops, in order.
    pub ops: Vec<Op>,
    /// Number of labels allocated (labels are `0..labels`).
    pub labels: u32,
}

impl Code {
    /// A fresh label, not yet placed.
    pub fn new_label(&mut self) -> Label {
        let l = Label(self.labels);
        self.labels += 1;
        l
    }

    /// Appends an op.
    pub fn push(&mut self, op: Op) {
        self.ops.push(op);
    }
}

/// Arithmetic, logical and comparison operations on the integer stack.
///
/// Operand order: `a` was pushed first, `b` is on top. `Lu` means
/// "lower − upper" (`a − b`), `Ul` the reverse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArithOp {
    /// a + b
    Add,
    /// a × b
    Mul,
    /// b − a
    SubUl,
    /// a − b
    SubLu,
    /// b / a
    DivUl,
    /// a / b
    DivLu,
    /// b % a
    RemUl,
    /// a % b
    RemLu,
    /// a | b
    Or,
    /// a & b
    And,
    /// a ^ b
    Xor,
    /// ~a (unary)
    Not,
    /// a ≠ 0 ∨ b ≠ 0
    LogOr,
    /// a ≠ 0 ∧ b ≠ 0
    LogAnd,
    /// (a ≠ 0) xor (b ≠ 0)
    LogXor,
    /// a == 0 (unary)
    LogNot,
    /// a ≥ b (result int)
    Ge,
    /// a ≤ b (result int)
    Le,
    /// a > b (result int)
    Gt,
    /// a < b (result int)
    Lt,
    /// v << c, with the count c below the value v
    Shl,
    /// arithmetic v >> c
    Shr,
    /// logical v >> c
    Ushr,
}

impl ArithOp {
    /// Every operation, in declaration order (for generators and tests).
    pub const ALL: [ArithOp; 23] = [
        ArithOp::Add,
        ArithOp::Mul,
        ArithOp::SubUl,
        ArithOp::SubLu,
        ArithOp::DivUl,
        ArithOp::DivLu,
        ArithOp::RemUl,
        ArithOp::RemLu,
        ArithOp::Or,
        ArithOp::And,
        ArithOp::Xor,
        ArithOp::Not,
        ArithOp::LogOr,
        ArithOp::LogAnd,
        ArithOp::LogXor,
        ArithOp::LogNot,
        ArithOp::Ge,
        ArithOp::Le,
        ArithOp::Gt,
        ArithOp::Lt,
        ArithOp::Shl,
        ArithOp::Shr,
        ArithOp::Ushr,
    ];

    /// Whether the op takes one operand instead of two.
    pub fn is_unary(self) -> bool {
        matches!(self, ArithOp::Not | ArithOp::LogNot)
    }

    /// Whether the result is always an `int`, whatever the operand kind.
    pub fn yields_int(self) -> bool {
        matches!(self, ArithOp::Ge | ArithOp::Le | ArithOp::Gt | ArithOp::Lt)
    }

    /// Whether a float or double prefix is invalid on this op.
    pub fn is_integer_only(self) -> bool {
        matches!(
            self,
            ArithOp::Shl
                | ArithOp::Shr
                | ArithOp::Ushr
                | ArithOp::Or
                | ArithOp::And
                | ArithOp::Xor
                | ArithOp::Not
                | ArithOp::LogOr
                | ArithOp::LogAnd
                | ArithOp::LogXor
                | ArithOp::LogNot
        )
    }
}

/// Which class a `summon` pushes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Summon {
    /// `.internal.class`
    ClassClass,
    /// `.internal.int`
    IntClass,
    /// `.internal.string`
    StringClass,
    /// `.internal.interface`
    InterfaceClass,
    /// `.internal.code`
    CodeClass,
    /// `.internal.container.array`
    ArrayClass,
    /// Any class, by exact absolute name.
    ByName(String),
}

/// One instruction (or pseudo-op) of linear code.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    // ---- pseudo-ops
    /// Marks a jump target. No code.
    Label(Label),
    /// The following code belongs to this source line. No code.
    Line(u32),
    /// Listing text. No code.
    Comment(String),

    // ---- control
    /// No operation.
    Nop,
    /// Debug dump; `kind & 1` starts tracing, `kind & 2` stops it.
    Debug {
        /// Flags byte.
        kind: u8,
        /// Text, present when `kind & 0x80`.
        text: Option<Vec<u8>>,
    },
    /// Decrement the top of the integer stack in place; jump if non-zero.
    Djnz(Label),
    /// Pop an int; jump if zero.
    Jz(Label),
    /// Jump.
    Jmp(Label),
    /// Table jump: `d = (v + shift) / div` (unsigned); jump to `targets[d]` if in range.
    Switch {
        /// Added to the value.
        shift: i32,
        /// Divisor.
        div: i32,
        /// One target per table entry.
        targets: Vec<Label>,
    },
    /// Return the top of the object stack (or null).
    Ret,
    /// Pop a class; push a catcher for it that jumps to the label.
    PushCatcher(Label),
    /// Pop the top catcher.
    PopCatcher,
    /// Pop an object and throw it.
    Throw,
    /// Pop the argument count and check it.
    ArgCount(u8),
    /// Reserve object and integer local slots.
    StackReserve {
        /// Object slots (arguments included).
        obj: u8,
        /// Integer cells.
        int: u8,
    },
    /// Pop an object (monitor placeholder).
    GeneralLock,
    /// Pop an object (monitor placeholder).
    GeneralUnlock,

    // ---- calls
    /// Virtual call: `this a1..an → r`.
    Call {
        /// Method ordinal.
        ord: u32,
        /// Argument count.
        nargs: u32,
    },
    /// Native call `k` (only in the VM's own stubs).
    Sys(u8),
    /// Non-virtual call: `a1..an this class → r`.
    StaticInvoke {
        /// Method ordinal in `class`.
        ord: u32,
        /// Argument count.
        nargs: u32,
    },
    /// Call by name: `a1..an this name → r`, count on the integer stack.
    DynamicInvoke,

    // ---- stacks, fields, locals
    /// Duplicate the integer-stack top.
    IsDup(NumKind),
    /// Drop the integer-stack top.
    IsDrop(NumKind),
    /// Duplicate the object-stack top.
    OsDup,
    /// Drop the object-stack top.
    OsDrop,
    /// Push field `n` of `this`.
    Load(u32),
    /// Pop into field `n` of `this`.
    Save(u32),
    /// Push a copy of the entry `n` below the object-stack top.
    OsPull(u32),
    /// Push absolute object slot `n`.
    OsGet(u32),
    /// Pop into absolute object slot `n`.
    OsSet(u32),
    /// Push absolute integer cell `n`.
    IsGet(NumKind, u32),
    /// Pop into absolute integer cell `n`.
    IsSet(NumKind, u32),
    /// Push the unboxed int of field `n`.
    IsLoad(u8),
    /// Box and store into field `n`.
    IsSave(u8),
    /// `class → new instance` (no constructor runs).
    New,
    /// Disabled in the VM.
    Copy,
    /// Disabled in the VM.
    OsCompose(i32),
    /// Disabled in the VM.
    OsDecompose,
    /// `obj class → obj`, throwing unless obj is an instance of class.
    Cast,

    // ---- constants
    /// Push an integer constant of the given kind (sign-extended for 64 bits;
    /// the raw integer bits, not a conversion, for float and double).
    IConst(NumKind, i32),
    /// Push a 64-bit constant (two cells).
    IConst64(i64),
    /// Push a new string with these bytes.
    SConst(Vec<u8>),
    /// Push constant-pool entry `n` of `this`'s class.
    ConstPool(u32),
    /// Push the current thread.
    SummonThread,
    /// Push `this`.
    SummonThis,
    /// Push the null object.
    SummonNull,
    /// Push a class object.
    SummonClass(Summon),

    // ---- numbers
    /// Arithmetic on the integer stack.
    Arith(NumKind, ArithOp),
    /// Convert the integer-stack top from one kind to another.
    Convert {
        /// Source kind.
        from: NumKind,
        /// Target kind.
        to: NumKind,
    },
    /// Box the integer-stack top onto the object stack.
    I2o(NumKind),
    /// Unbox the object-stack top onto the integer stack.
    O2i(NumKind),

    // ---- object comparisons
    /// Pointer equality of the two object-stack tops.
    OsEq,
    /// Pointer inequality.
    OsNeq,
    /// Whether the object-stack top is null.
    OsIsNull,
}

impl Op {
    /// Whether this is a pseudo-op that produces no bytes.
    pub fn is_pseudo(&self) -> bool {
        matches!(self, Op::Label(_) | Op::Line(_) | Op::Comment(_))
    }

    /// The labels this op may jump to.
    pub fn targets(&self) -> impl Iterator<Item = Label> + '_ {
        let (one, many): (Option<Label>, &[Label]) = match self {
            Op::Djnz(l) | Op::Jz(l) | Op::Jmp(l) | Op::PushCatcher(l) => (Some(*l), &[]),
            Op::Switch { targets, .. } => (None, targets.as_slice()),
            _ => (None, &[]),
        };
        one.into_iter().chain(many.iter().copied())
    }
}
