//! Typed trees → linear two-stack code.
//!
//! [`lower_method`] walks a method's [`ir::tree::Node`] once and appends
//! [`Op`]s. Every node's [`Node::place`] is checked against the stack its
//! parent expects, so a malformed tree is reported instead of producing
//! code that unbalances the VM's stacks.

use std::fmt;

use ir::code::{ArithOp, Code, Label, Op, Summon};
use ir::tree::{Local, Node, NodeKind, Place, SwitchItem, Target};
use ir::types::NumKind;
use ir::Method;

/// Deepest node nesting [`lower_method`] accepts (guards the native stack).
pub const MAX_DEPTH: usize = ir::tree::MAX_DEPTH;

/// Container method `get(index)`.
const ORD_GET: u32 = 10;
/// Container method `set(value, index)`.
const ORD_SET: u32 = 11;
/// Container method `size()`.
const ORD_SIZE: u32 = 12;
/// `equals(other)`.
const ORD_EQUALS: u32 = 4;

/// Why a method could not be lowered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LowerError {
    /// The method's name.
    pub method: String,
    /// Source line of the offending node (0 for the prologue).
    pub line: u32,
    /// What is wrong.
    pub kind: LowerErrorKind,
}

/// The kinds of [`LowerError`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LowerErrorKind {
    /// A prologue count does not fit its one-byte operand.
    TooManySlots {
        /// `arguments`, `object locals` or `integer cells`.
        what: &'static str,
        /// The count.
        count: u64,
    },
    /// `obj_slots` is smaller than the number of arguments it must include.
    SlotsBelowArgs {
        /// The method's `obj_slots`.
        obj_slots: u32,
        /// Its argument count.
        nargs: usize,
    },
    /// A `break` outside any loop or switch.
    UnmatchedBreak,
    /// A `continue` outside any loop.
    UnmatchedContinue,
    /// An operand or statement is on the wrong stack.
    WrongPlace {
        /// The node that has the operand.
        node: &'static str,
        /// Which operand.
        operand: &'static str,
        /// Where it must be.
        expected: Place,
        /// Where it is.
        found: Place,
    },
    /// A local variable with [`Place::None`].
    VoidLocal(String),
    /// Two `default:` labels in one switch.
    DuplicateDefault,
    /// A unary operation with a second operand, or a binary one without.
    Arity(ArithOp),
    /// An integer-only operation with a float or double kind.
    InvalidKind(ArithOp, NumKind),
    /// `new` without a constructor but with arguments.
    ArgsWithoutCtor(usize),
    /// A count or slot number that overflows `u32`.
    Overflow(&'static str),
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
}

fn place_text(p: Place) -> String {
    match p {
        Place::None => "no value".into(),
        Place::Obj => "the object stack".into(),
        Place::Int(k) => format!("the integer stack ({})", k.name()),
    }
}

impl fmt::Display for LowerErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LowerErrorKind::TooManySlots { what, count } => {
                write!(f, "{count} {what} do not fit a one-byte prologue operand")
            }
            LowerErrorKind::SlotsBelowArgs { obj_slots, nargs } => {
                write!(f, "{obj_slots} object slots cannot hold {nargs} arguments")
            }
            LowerErrorKind::UnmatchedBreak => f.write_str("break outside a loop or switch"),
            LowerErrorKind::UnmatchedContinue => f.write_str("continue outside a loop"),
            LowerErrorKind::WrongPlace {
                node,
                operand,
                expected,
                found,
            } => write!(
                f,
                "{node}: {operand} must be on {}, not on {}",
                place_text(*expected),
                place_text(*found)
            ),
            LowerErrorKind::VoidLocal(n) => write!(f, "local {n} has no stack"),
            LowerErrorKind::DuplicateDefault => f.write_str("two default labels in one switch"),
            LowerErrorKind::Arity(op) => write!(f, "wrong operand count for {op:?}"),
            LowerErrorKind::InvalidKind(op, k) => {
                write!(f, "{op:?} does not exist for {}", k.name())
            }
            LowerErrorKind::ArgsWithoutCtor(n) => {
                write!(f, "new without a constructor cannot take {n} arguments")
            }
            LowerErrorKind::Overflow(what) => write!(f, "{what} overflows"),
            LowerErrorKind::TooDeep => write!(f, "expression nested deeper than {MAX_DEPTH}"),
        }
    }
}

impl fmt::Display for LowerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "method {}", self.method)?;
        if self.line != 0 {
            write!(f, ", line {}", self.line)?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl std::error::Error for LowerError {}

/// Lowers a method's tree to linear code.
///
/// Prologue: `ArgCount(nargs)`, then `StackReserve` of the **non-argument**
/// object locals (`obj_slots − nargs`) and the int cells, if either is
/// non-zero (the reference compiler also counted the arguments, which
/// reserved useless slots). A method without a body is a single `Ret` with
/// no prologue. Every body ends with a fall-out `Ret`. `Op::Line` is
/// emitted whenever the source line of the code being emitted changes.
///
/// Deliberate deviations from the reference compiler: `continue` in a `do`
/// loop jumps to the test (not to the top of the body); a `switch`
/// drops its value exactly once on every path and goes to its end when no
/// case matches and it has no `default`; `return;` returns null.
pub fn lower_method(m: &Method) -> Result<Code, LowerError> {
    lower_boxed(m).map_err(|e| *e)
}

fn lower_boxed(m: &Method) -> Result<Code, Box<LowerError>> {
    let mut l = Lowerer {
        code: Code::default(),
        line: None,
        breaks: Vec::new(),
        continues: Vec::new(),
        depth: 0,
        method: &m.sig.name,
    };
    let Some(body) = &m.body else {
        l.code.push(Op::Ret);
        return Ok(l.code);
    };
    let nargs = m.sig.args.len();
    let too_many = |what, count: u64| l.err(0, LowerErrorKind::TooManySlots { what, count });
    let argc = u8::try_from(nargs).map_err(|_| too_many("arguments", nargs as u64))?;
    let locals = u32::try_from(nargs)
        .ok()
        .and_then(|n| m.obj_slots.checked_sub(n))
        .ok_or_else(|| {
            l.err(
                0,
                LowerErrorKind::SlotsBelowArgs {
                    obj_slots: m.obj_slots,
                    nargs,
                },
            )
        })?;
    let obj = u8::try_from(locals).map_err(|_| too_many("object locals", u64::from(locals)))?;
    let int =
        u8::try_from(m.int_slots).map_err(|_| too_many("integer cells", u64::from(m.int_slots)))?;
    l.code.push(Op::ArgCount(argc));
    if obj != 0 || int != 0 {
        l.code.push(Op::StackReserve { obj, int });
    }
    l.stmt(body, "method", "body")?;
    l.code.push(Op::Ret);
    Ok(l.code)
}

struct Lowerer<'a> {
    code: Code,
    /// The line of the last `Op::Line` emitted.
    line: Option<u32>,
    /// Innermost-last targets of `break`.
    breaks: Vec<Label>,
    /// Innermost-last targets of `continue`.
    continues: Vec<Label>,
    depth: usize,
    method: &'a str,
}

/// Errors are boxed inside the lowerer to keep recursive frames small.
type R = Result<(), Box<LowerError>>;

fn kind_name(k: &NodeKind) -> &'static str {
    use NodeKind::*;
    match k {
        Seq(_) => "sequence",
        Discard(_) => "expression statement",
        If { .. } => "if",
        While { .. } => "while",
        DoWhile { .. } => "do-while",
        Foreach { .. } => "foreach",
        Switch { .. } => "switch",
        Break => "break",
        Continue => "continue",
        Return(_) => "return",
        Throw(_) => "throw",
        Try { .. } => "try",
        IntConst(_) => "int constant",
        StrConst { .. } => "string constant",
        BinConst(_) => "binary constant",
        Null => "null",
        This => "this",
        GetLocal(_) => "local read",
        GetField { .. } => "field read",
        Assign { .. } => "assignment",
        Index { .. } => "subscript",
        IndexSet { .. } => "subscript assignment",
        Arith { .. } => "arithmetic",
        NumEq { .. } => "numeric comparison",
        ObjEquals { .. } => "equals",
        RefCmp { .. } => "reference comparison",
        Box(..) => "box",
        Unbox(..) => "unbox",
        Convert { .. } => "conversion",
        Cast { .. } => "cast",
        Call { .. } => "call",
        DynamicCall { .. } => "dynamic call",
        StaticCall { .. } => "static call",
        New { .. } => "new",
        NewDynamic(_) => "dynamic new",
    }
}

const OBJ: Place = Place::Obj;
const INT: Place = Place::Int(NumKind::Int);

impl Lowerer<'_> {
    fn err(&self, line: u32, kind: LowerErrorKind) -> Box<LowerError> {
        Box::new(LowerError {
            method: self.method.to_string(),
            line,
            kind,
        })
    }

    /// Emits `Op::Line` if `line` differs from the current one (0 = unknown).
    fn sync(&mut self, line: u32) {
        if line != 0 && self.line != Some(line) {
            self.code.push(Op::Line(line));
            self.line = Some(line);
        }
    }

    /// Emits an instruction that belongs to source line `line`.
    fn op(&mut self, line: u32, op: Op) {
        self.sync(line);
        self.code.push(op);
    }

    fn comment(&mut self, line: u32, text: String) {
        self.sync(line);
        self.code.push(Op::Comment(text));
    }

    fn label(&mut self, l: Label) {
        self.code.push(Op::Label(l));
    }

    fn count(&self, line: u32, n: usize, what: &'static str) -> Result<u32, Box<LowerError>> {
        u32::try_from(n).map_err(|_| self.err(line, LowerErrorKind::Overflow(what)))
    }

    /// Lowers `n` after checking that it leaves its value at `want`.
    fn value(&mut self, n: &Node, want: Place, parent: &Node, operand: &'static str) -> R {
        let found = n.place();
        if found != want {
            return Err(self.err(
                n.line,
                LowerErrorKind::WrongPlace {
                    node: kind_name(&parent.kind),
                    operand,
                    expected: want,
                    found,
                },
            ));
        }
        self.node(n)
    }

    /// Lowers a statement (a node that leaves nothing).
    fn stmt(&mut self, n: &Node, node: &'static str, operand: &'static str) -> R {
        let found = n.place();
        if found != Place::None {
            return Err(self.err(
                n.line,
                LowerErrorKind::WrongPlace {
                    node,
                    operand,
                    expected: Place::None,
                    found,
                },
            ));
        }
        self.node(n)
    }

    fn local_get(&mut self, line: u32, l: &Local) -> R {
        let op = match l.place {
            Place::Obj => Op::OsGet(l.slot),
            Place::Int(k) => Op::IsGet(k, l.slot),
            Place::None => return Err(self.err(line, LowerErrorKind::VoidLocal(l.name.clone()))),
        };
        self.comment(line, l.name.clone());
        self.op(line, op);
        Ok(())
    }

    fn local_set(&mut self, line: u32, l: &Local) -> R {
        let op = match l.place {
            Place::Obj => Op::OsSet(l.slot),
            Place::Int(k) => Op::IsSet(k, l.slot),
            Place::None => return Err(self.err(line, LowerErrorKind::VoidLocal(l.name.clone()))),
        };
        self.comment(line, format!("set {}", l.name));
        self.op(line, op);
        Ok(())
    }

    /// An object-stack local that a loop or handler stores into.
    fn obj_local(&self, line: u32, l: &Local, node: &'static str) -> R {
        if l.place != OBJ {
            return Err(self.err(
                line,
                LowerErrorKind::WrongPlace {
                    node,
                    operand: "variable",
                    expected: OBJ,
                    found: l.place,
                },
            ));
        }
        Ok(())
    }

    fn args(&mut self, args: &[Node], parent: &Node) -> Result<u32, Box<LowerError>> {
        for a in args {
            self.value(a, OBJ, parent, "argument")?;
        }
        self.count(parent.line, args.len(), "argument count")
    }

    fn node(&mut self, n: &Node) -> R {
        if self.depth >= MAX_DEPTH {
            return Err(self.err(n.line, LowerErrorKind::TooDeep));
        }
        self.depth += 1;
        let r = self.node_inner(n);
        self.depth -= 1;
        r
    }

    /// Dispatches on the node kind. Each kind has its own small function:
    /// in unoptimised builds a frame holds every temporary of its function,
    /// and one big match made each level of recursion cost ~19 KiB.
    fn node_inner(&mut self, n: &Node) -> R {
        match &n.kind {
            NodeKind::Seq(items) => {
                for s in items {
                    self.stmt(s, "sequence", "statement")?;
                }
                Ok(())
            }
            NodeKind::Discard(e) => self.discard(n, e),
            NodeKind::If { cond, then, els } => self.if_(n, cond, then, els.as_deref()),
            NodeKind::While { cond, body } => self.while_(n, cond, body),
            NodeKind::DoWhile { body, cond, tail } => self.do_while(n, body, cond, tail.as_deref()),
            NodeKind::Foreach {
                var,
                array,
                array_slot,
                index_slot,
                body,
            } => self.foreach(n, var, array, *array_slot, *index_slot, body),
            NodeKind::Switch { value, items } => self.switch(n, value, items),
            NodeKind::Break => self.jump(n.line, true),
            NodeKind::Continue => self.jump(n.line, false),
            NodeKind::Return(v) => self.return_(n, v.as_deref()),
            NodeKind::Throw(v) => {
                self.value(v, OBJ, n, "value")?;
                self.op(n.line, Op::Throw);
                Ok(())
            }
            NodeKind::Try {
                body,
                class,
                var,
                handler,
            } => self.try_(n, body, class, var, handler),
            NodeKind::IntConst(v) => self.leaf(n.line, Op::IConst(NumKind::Int, *v)),
            NodeKind::StrConst { id, bytes } => {
                let text = format!("str '{}'", String::from_utf8_lossy(bytes));
                self.comment(n.line, text);
                self.leaf(n.line, Op::ConstPool(*id))
            }
            NodeKind::BinConst(b) => self.leaf(n.line, Op::SConst(b.clone())),
            NodeKind::Null => self.leaf(n.line, Op::SummonNull),
            NodeKind::This => self.leaf(n.line, Op::SummonThis),
            NodeKind::GetField { ordinal, .. } => self.leaf(n.line, Op::Load(*ordinal)),
            NodeKind::GetLocal(l) => self.local_get(n.line, l),
            NodeKind::Assign {
                target,
                value,
                keep,
            } => self.assign(n, target, value, *keep),
            NodeKind::Index { array, index } => {
                self.value(array, OBJ, n, "container")?;
                self.value(index, OBJ, n, "index")?;
                self.op(
                    n.line,
                    Op::Call {
                        ord: ORD_GET,
                        nargs: 1,
                    },
                );
                Ok(())
            }
            NodeKind::IndexSet {
                array,
                index,
                value,
                keep,
            } => self.index_set(n, array, index, value, *keep),
            NodeKind::Arith { op, kind, lhs, rhs } => {
                self.arith(n, *op, *kind, lhs, rhs.as_deref())
            }
            NodeKind::NumEq {
                kind,
                lhs,
                rhs,
                negate,
                temps,
            } => self.num_eq(n, *kind, lhs, rhs, *negate, *temps),
            NodeKind::ObjEquals { lhs, rhs, negate } => self.obj_equals(n, lhs, rhs, *negate),
            NodeKind::RefCmp { lhs, rhs, eq } => {
                self.value(lhs, OBJ, n, "first operand")?;
                self.value(rhs, OBJ, n, "second operand")?;
                self.op(n.line, if *eq { Op::OsEq } else { Op::OsNeq });
                Ok(())
            }
            NodeKind::Box(k, v) => {
                self.value(v, Place::Int(*k), n, "value")?;
                self.op(n.line, Op::I2o(*k));
                Ok(())
            }
            NodeKind::Unbox(k, v) => {
                self.value(v, OBJ, n, "value")?;
                self.op(n.line, Op::O2i(*k));
                Ok(())
            }
            NodeKind::Convert { from, to, value } => {
                self.value(value, Place::Int(*from), n, "value")?;
                self.op(
                    n.line,
                    Op::Convert {
                        from: *from,
                        to: *to,
                    },
                );
                Ok(())
            }
            NodeKind::Cast { class, value } => self.cast(n, class, value),
            NodeKind::Call {
                receiver,
                ordinal,
                args,
                ..
            } => self.call(n, receiver, *ordinal, args),
            NodeKind::DynamicCall {
                receiver,
                name,
                args,
            } => self.dynamic_call(n, receiver, name, args),
            NodeKind::StaticCall {
                class,
                ordinal,
                args,
                ..
            } => self.static_call(n, class, *ordinal, args),
            NodeKind::New { class, ctor, args } => self.new_(n, class, *ctor, args),
            NodeKind::NewDynamic(e) => {
                self.value(e, OBJ, n, "class")?;
                self.op(n.line, Op::New);
                Ok(())
            }
        }
    }

    fn discard(&mut self, n: &Node, e: &Node) -> R {
        self.node(e)?;
        match e.place() {
            Place::Obj => self.op(n.line, Op::OsDrop),
            Place::Int(k) => self.op(n.line, Op::IsDrop(k)),
            Place::None => {}
        }
        Ok(())
    }

    fn if_(&mut self, n: &Node, cond: &Node, then: &Node, els: Option<&Node>) -> R {
        self.value(cond, INT, n, "condition")?;
        let no = self.code.new_label();
        self.op(n.line, Op::Jz(no));
        self.stmt(then, "if", "then branch")?;
        match els {
            Some(e) => {
                let end = self.code.new_label();
                self.op(n.line, Op::Jmp(end));
                self.label(no);
                self.stmt(e, "if", "else branch")?;
                self.label(end);
            }
            None => self.label(no),
        }
        Ok(())
    }

    fn while_(&mut self, n: &Node, cond: &Node, body: &Node) -> R {
        let top = self.code.new_label();
        let end = self.code.new_label();
        self.label(top);
        self.value(cond, INT, n, "condition")?;
        self.op(n.line, Op::Jz(end));
        self.in_loop(end, top, |l| l.stmt(body, "while", "body"))?;
        self.op(n.line, Op::Jmp(top));
        self.label(end);
        Ok(())
    }

    fn do_while(&mut self, n: &Node, body: &Node, cond: &Node, tail: Option<&Node>) -> R {
        let top = self.code.new_label();
        let test = self.code.new_label();
        let end = self.code.new_label();
        self.label(top);
        self.in_loop(end, test, |l| l.stmt(body, "do-while", "body"))?;
        self.label(test);
        self.value(cond, INT, n, "condition")?;
        self.op(n.line, Op::Jz(end));
        if let Some(t) = tail {
            self.in_loop(end, test, |l| l.stmt(t, "do-while", "tail"))?;
        }
        self.op(n.line, Op::Jmp(top));
        self.label(end);
        Ok(())
    }

    fn foreach(&mut self, n: &Node, var: &Local, array: &Node, a: u32, i: u32, body: &Node) -> R {
        let line = n.line;
        self.obj_local(line, var, "foreach")?;
        self.value(array, OBJ, n, "container")?;
        self.op(line, Op::OsSet(a));
        self.op(line, Op::IConst(NumKind::Int, 0));
        self.op(line, Op::IsSet(NumKind::Int, i));
        let top = self.code.new_label();
        let cont = self.code.new_label();
        let end = self.code.new_label();
        self.label(top);
        self.op(line, Op::IsGet(NumKind::Int, i));
        self.op(line, Op::OsGet(a));
        self.op(
            line,
            Op::Call {
                ord: ORD_SIZE,
                nargs: 0,
            },
        );
        self.op(line, Op::O2i(NumKind::Int));
        self.op(line, Op::Arith(NumKind::Int, ArithOp::Lt));
        self.op(line, Op::Jz(end));
        self.op(line, Op::OsGet(a));
        self.op(line, Op::IsGet(NumKind::Int, i));
        self.op(line, Op::I2o(NumKind::Int));
        self.op(
            line,
            Op::Call {
                ord: ORD_GET,
                nargs: 1,
            },
        );
        self.local_set(line, var)?;
        self.in_loop(end, cont, |l| l.stmt(body, "foreach", "body"))?;
        self.label(cont);
        self.op(line, Op::IsGet(NumKind::Int, i));
        self.op(line, Op::IConst(NumKind::Int, 1));
        self.op(line, Op::Arith(NumKind::Int, ArithOp::Add));
        self.op(line, Op::IsSet(NumKind::Int, i));
        self.op(line, Op::Jmp(top));
        self.label(end);
        Ok(())
    }

    /// `break` (`is_break`) or `continue`: a jump to the innermost target.
    fn jump(&mut self, line: u32, is_break: bool) -> R {
        let (stack, kind) = if is_break {
            (&self.breaks, LowerErrorKind::UnmatchedBreak)
        } else {
            (&self.continues, LowerErrorKind::UnmatchedContinue)
        };
        let Some(&t) = stack.last() else {
            return Err(self.err(line, kind));
        };
        self.op(line, Op::Jmp(t));
        Ok(())
    }

    fn return_(&mut self, n: &Node, v: Option<&Node>) -> R {
        match v {
            Some(v) => self.value(v, OBJ, n, "value")?,
            None => self.op(n.line, Op::SummonNull),
        }
        self.op(n.line, Op::Ret);
        Ok(())
    }

    fn try_(&mut self, n: &Node, body: &Node, class: &Summon, var: &Local, handler: &Node) -> R {
        let line = n.line;
        self.obj_local(line, var, "try")?;
        let catch = self.code.new_label();
        let end = self.code.new_label();
        self.op(line, Op::SummonClass(class.clone()));
        self.op(line, Op::PushCatcher(catch));
        self.stmt(body, "try", "body")?;
        self.op(line, Op::PopCatcher);
        self.op(line, Op::Jmp(end));
        self.label(catch);
        self.local_set(line, var)?;
        self.stmt(handler, "try", "handler")?;
        self.label(end);
        Ok(())
    }

    /// A node that is a single instruction.
    fn leaf(&mut self, line: u32, op: Op) -> R {
        self.op(line, op);
        Ok(())
    }

    fn assign(&mut self, n: &Node, target: &Target, value: &Node, keep: bool) -> R {
        let line = n.line;
        let want = match target {
            Target::Local(l) => l.place,
            Target::Field { .. } => OBJ,
        };
        self.value(value, want, n, "value")?;
        if keep {
            match want {
                Place::Obj => self.op(line, Op::OsDup),
                Place::Int(k) => self.op(line, Op::IsDup(k)),
                Place::None => {}
            }
        }
        match target {
            Target::Local(l) => self.local_set(line, l)?,
            Target::Field { name, ordinal } => {
                self.comment(line, format!("set {name}"));
                self.op(line, Op::Save(*ordinal));
            }
        }
        Ok(())
    }

    fn index_set(&mut self, n: &Node, array: &Node, index: &Node, value: &Node, keep: bool) -> R {
        self.value(array, OBJ, n, "container")?;
        self.value(value, OBJ, n, "value")?;
        self.value(index, OBJ, n, "index")?;
        self.op(
            n.line,
            Op::Call {
                ord: ORD_SET,
                nargs: 2,
            },
        );
        // `set` returns the value; drop it unless the node keeps it.
        if !keep {
            self.op(n.line, Op::OsDrop);
        }
        Ok(())
    }

    fn arith(&mut self, n: &Node, op: ArithOp, kind: NumKind, lhs: &Node, rhs: Option<&Node>) -> R {
        if op.is_integer_only() && kind.is_float() {
            return Err(self.err(n.line, LowerErrorKind::InvalidKind(op, kind)));
        }
        // Shifts take the int count below the value.
        let shift = matches!(op, ArithOp::Shl | ArithOp::Shr | ArithOp::Ushr);
        let first = if shift { INT } else { Place::Int(kind) };
        self.value(lhs, first, n, "first operand")?;
        match (rhs, op.is_unary()) {
            (Some(r), false) => self.value(r, Place::Int(kind), n, "second operand")?,
            (None, true) => {}
            _ => return Err(self.err(n.line, LowerErrorKind::Arity(op))),
        }
        self.op(n.line, Op::Arith(kind, op));
        Ok(())
    }

    fn obj_equals(&mut self, n: &Node, lhs: &Node, rhs: &Node, negate: bool) -> R {
        self.value(lhs, OBJ, n, "receiver")?;
        self.value(rhs, OBJ, n, "argument")?;
        let call = Op::Call {
            ord: ORD_EQUALS,
            nargs: 1,
        };
        self.op(n.line, call);
        self.op(n.line, Op::O2i(NumKind::Int));
        if negate {
            self.op(n.line, Op::Arith(NumKind::Int, ArithOp::LogNot));
        }
        Ok(())
    }

    fn cast(&mut self, n: &Node, class: &Summon, value: &Node) -> R {
        self.value(value, OBJ, n, "value")?;
        self.op(n.line, Op::SummonClass(class.clone()));
        self.op(n.line, Op::Cast);
        Ok(())
    }

    fn call(&mut self, n: &Node, receiver: &Node, ord: u32, args: &[Node]) -> R {
        self.value(receiver, OBJ, n, "receiver")?;
        let nargs = self.args(args, n)?;
        self.op(n.line, Op::Call { ord, nargs });
        Ok(())
    }

    /// `args; receiver; name; iconst n; dynamic_invoke` (`bytecode.md` §2.1:
    /// the count goes on the integer stack, the name on top of the object stack).
    fn dynamic_call(&mut self, n: &Node, receiver: &Node, name: &Node, args: &[Node]) -> R {
        let nargs = self.args(args, n)?;
        self.value(receiver, OBJ, n, "receiver")?;
        self.value(name, OBJ, n, "method name")?;
        let count = i32::try_from(nargs)
            .map_err(|_| self.err(n.line, LowerErrorKind::Overflow("argument count")))?;
        self.op(n.line, Op::IConst(NumKind::Int, count));
        self.op(n.line, Op::DynamicInvoke);
        Ok(())
    }

    fn static_call(&mut self, n: &Node, class: &Summon, ord: u32, args: &[Node]) -> R {
        let nargs = self.args(args, n)?;
        self.op(n.line, Op::SummonThis);
        self.op(n.line, Op::SummonClass(class.clone()));
        self.op(n.line, Op::StaticInvoke { ord, nargs });
        Ok(())
    }

    /// `summon; new` and, with a constructor, `args; os_pull n; summon;
    /// static_invoke ctor n; os_drop` (the new object stays on top).
    fn new_(&mut self, n: &Node, class: &Summon, ctor: Option<u32>, args: &[Node]) -> R {
        let line = n.line;
        self.op(line, Op::SummonClass(class.clone()));
        self.op(line, Op::New);
        let Some(ord) = ctor else {
            if !args.is_empty() {
                return Err(self.err(line, LowerErrorKind::ArgsWithoutCtor(args.len())));
            }
            return Ok(());
        };
        let nargs = self.args(args, n)?;
        // The new object is `nargs` entries below the top.
        self.op(line, Op::OsPull(nargs));
        self.op(line, Op::SummonClass(class.clone()));
        self.op(line, Op::StaticInvoke { ord, nargs });
        self.op(line, Op::OsDrop);
        Ok(())
    }

    /// Runs `f` with `brk`/`cont` as the innermost loop targets.
    fn in_loop(&mut self, brk: Label, cont: Label, f: impl FnOnce(&mut Self) -> R) -> R {
        self.breaks.push(brk);
        self.continues.push(cont);
        let r = f(self);
        self.breaks.pop();
        self.continues.pop();
        r
    }

    /// `value; {is dup; case; isublu; jz tramp_i}*; is drop; jmp default|end;
    /// {tramp_i: is drop; jmp case_i}*; items; end:`.
    fn switch(&mut self, n: &Node, value: &Node, items: &[SwitchItem]) -> R {
        let line = n.line;
        self.value(value, INT, n, "value")?;
        let end = self.code.new_label();
        let mut cases = Vec::new(); // (trampoline, case label)
        let mut default = None;
        let mut item_labels = Vec::with_capacity(items.len());
        for it in items {
            item_labels.push(match it {
                SwitchItem::Case(_) => {
                    let pair = (self.code.new_label(), self.code.new_label());
                    cases.push(pair);
                    Some(pair.1)
                }
                SwitchItem::Default => {
                    if default.is_some() {
                        return Err(self.err(line, LowerErrorKind::DuplicateDefault));
                    }
                    let d = self.code.new_label();
                    default = Some(d);
                    Some(d)
                }
                SwitchItem::Stmt(_) => None,
            });
        }
        let mut next = cases.iter();
        for it in items {
            if let SwitchItem::Case(v) = it {
                let Some(&(tramp, _)) = next.next() else {
                    break;
                };
                self.op(line, Op::IsDup(NumKind::Int));
                self.value(v, INT, n, "case value")?;
                self.op(line, Op::Arith(NumKind::Int, ArithOp::SubLu));
                self.op(line, Op::Jz(tramp));
            }
        }
        self.op(line, Op::IsDrop(NumKind::Int));
        self.op(line, Op::Jmp(default.unwrap_or(end)));
        for &(tramp, case) in &cases {
            self.label(tramp);
            self.op(line, Op::IsDrop(NumKind::Int));
            self.op(line, Op::Jmp(case));
        }
        self.breaks.push(end);
        let r: R = items.iter().zip(&item_labels).try_for_each(|(it, l)| {
            match (it, l) {
                (SwitchItem::Stmt(s), _) => self.stmt(s, "switch", "statement")?,
                (_, Some(l)) => self.label(*l),
                (_, None) => {}
            }
            Ok(())
        });
        self.breaks.pop();
        r?;
        self.label(end);
        Ok(())
    }

    fn num_eq(
        &mut self,
        n: &Node,
        kind: NumKind,
        lhs: &Node,
        rhs: &Node,
        negate: bool,
        temps: u32,
    ) -> R {
        let line = n.line;
        let int = NumKind::Int;
        self.value(lhs, Place::Int(kind), n, "first operand")?;
        if kind == NumKind::Int {
            self.value(rhs, Place::Int(kind), n, "second operand")?;
            self.op(line, Op::Arith(int, ArithOp::SubLu));
            self.op(line, Op::Arith(int, ArithOp::LogNot));
            if negate {
                self.op(line, Op::Arith(int, ArithOp::LogNot));
            }
            return Ok(());
        }
        let a = temps;
        let b = temps
            .checked_add(kind.cells())
            .ok_or_else(|| self.err(line, LowerErrorKind::Overflow("scratch cell")))?;
        self.op(line, Op::IsSet(kind, a));
        self.value(rhs, Place::Int(kind), n, "second operand")?;
        self.op(line, Op::IsSet(kind, b));
        for cmp in [ArithOp::Ge, ArithOp::Le] {
            self.op(line, Op::IsGet(kind, a));
            self.op(line, Op::IsGet(kind, b));
            self.op(line, Op::Arith(kind, cmp));
        }
        self.op(line, Op::Arith(int, ArithOp::LogAnd));
        if negate {
            self.op(line, Op::Arith(int, ArithOp::LogNot));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
