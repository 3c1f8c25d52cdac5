//! Method bodies as typed, fully resolved trees.
//!
//! A front end resolves every name to a slot, field ordinal, method ordinal
//! or class, and makes every move between the two operand stacks explicit
//! ([`NodeKind::Box`], [`NodeKind::Unbox`], [`NodeKind::Convert`]). A back end
//! then lowers a tree without looking anything up: each node's [`Node::place`]
//! says where its value ends up.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use crate::code::{ArithOp, Summon};
use crate::types::{NumKind, Type};

/// Deepest node nesting a back end must accept; a front end reports code
/// that nests deeper (see [`Node::height`]).
pub const MAX_DEPTH: usize = 400;

/// Where a node leaves its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Nothing (statements).
    None,
    /// One reference on the object stack.
    Obj,
    /// A number of this kind on the integer stack.
    Int(NumKind),
}

/// A local variable slot.
#[derive(Clone, Debug, PartialEq)]
pub struct Local {
    /// Source name (for listings).
    pub name: String,
    /// Absolute slot (object stack) or first cell (integer stack).
    pub slot: u32,
    /// Which stack; `Place::Int(k)` for numeric locals.
    pub place: Place,
}

/// What an assignment writes to.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A local variable or argument.
    Local(Local),
    /// A field of `this`.
    Field {
        /// Source name.
        name: String,
        /// Field slot.
        ordinal: u32,
    },
}

/// One entry of a `switch` body, in source order.
#[derive(Clone, Debug, PartialEq)]
pub enum SwitchItem {
    /// `case value:` — the value is an int-stack expression.
    Case(Node),
    /// `default:`
    Default,
    /// A statement.
    Stmt(Node),
}

/// A node: what it does, its static type and its source line.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The operation.
    pub kind: NodeKind,
    /// Static type of the value (`Void` for statements).
    pub ty: Type,
    /// 1-based source line.
    pub line: u32,
}

/// The operations of a method body.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    // ---- statements
    /// Statements in order.
    Seq(Vec<Node>),
    /// Evaluate and discard the value.
    Discard(Box<Node>),
    /// `if (cond) then [else els]`; `cond` is an int-stack value.
    If {
        /// Condition (int stack).
        cond: Box<Node>,
        /// Then branch.
        then: Box<Node>,
        /// Else branch.
        els: Option<Box<Node>>,
    },
    /// `while (cond) body`.
    While {
        /// Condition (int stack).
        cond: Box<Node>,
        /// Loop body.
        body: Box<Node>,
    },
    /// `do body while (cond) [tail]`; `tail` runs after each true test.
    DoWhile {
        /// Loop body.
        body: Box<Node>,
        /// Condition (int stack).
        cond: Box<Node>,
        /// Statement run after each successful test.
        tail: Option<Box<Node>>,
    },
    /// `foreach (var in array) body` over a container's `size()`/`get()`.
    Foreach {
        /// The element variable (object slot).
        var: Local,
        /// The container (object stack).
        array: Box<Node>,
        /// Hidden object slot holding the container.
        array_slot: u32,
        /// Hidden int cell holding the index.
        index_slot: u32,
        /// Loop body.
        body: Box<Node>,
    },
    /// `switch (value) { items }`.
    Switch {
        /// The switched-on value (int stack).
        value: Box<Node>,
        /// Cases, default and statements in source order.
        items: Vec<SwitchItem>,
    },
    /// `break;`
    Break,
    /// `continue;`
    Continue,
    /// `return [value];`; the value is on the object stack.
    Return(Option<Box<Node>>),
    /// `throw value;`; the value is on the object stack.
    Throw(Box<Node>),
    /// `try body catch (class var) handler`.
    Try {
        /// Protected code.
        body: Box<Node>,
        /// Caught class.
        class: Summon,
        /// Object slot that receives the thrown object.
        var: Local,
        /// Handler code.
        handler: Box<Node>,
    },

    // ---- values
    /// Integer literal (int stack).
    IntConst(i32),
    /// String literal from the constant pool (object stack).
    StrConst {
        /// Pool id.
        id: u32,
        /// The bytes, for listings.
        bytes: Vec<u8>,
    },
    /// Inline binary string (`import "file"`).
    BinConst(Vec<u8>),
    /// The null object.
    Null,
    /// The receiver.
    This,
    /// Read a local or argument.
    GetLocal(Local),
    /// Read a field of `this` (object stack).
    GetField {
        /// Source name.
        name: String,
        /// Field slot.
        ordinal: u32,
    },
    /// Store `value` (already on the target's stack); `keep` leaves a copy as the result.
    Assign {
        /// Destination.
        target: Target,
        /// Value, on the target's stack.
        value: Box<Node>,
        /// Whether the assignment's value is used.
        keep: bool,
    },
    /// `array[index]` through container method 10 (object stack).
    Index {
        /// Container (object stack).
        array: Box<Node>,
        /// Index (object stack, boxed).
        index: Box<Node>,
    },
    /// `array[index] = value` through container method 11, which returns
    /// the value; `keep` leaves it as the result (object stack).
    IndexSet {
        /// Container (object stack).
        array: Box<Node>,
        /// Index (object stack, boxed).
        index: Box<Node>,
        /// Value (object stack).
        value: Box<Node>,
        /// Whether the assignment's value is used.
        keep: bool,
    },
    /// Binary or unary integer-stack arithmetic; `rhs` is `None` for unary ops.
    Arith {
        /// Operation.
        op: ArithOp,
        /// Operand kind (the prefix).
        kind: NumKind,
        /// First operand.
        lhs: Box<Node>,
        /// Second operand.
        rhs: Option<Box<Node>>,
    },
    /// Numeric `==` / `!=` of two integer-stack values of `kind` (int result).
    ///
    /// For `long`, `float` and `double` both operands are stored in the
    /// scratch cells starting at `temps` (2 × cells of `kind`) and compared
    /// with `>=` and `<=`: subtracting and truncating the difference to an
    /// int, as the original does, gets large and fractional differences wrong.
    NumEq {
        /// Operand kind.
        kind: NumKind,
        /// First operand.
        lhs: Box<Node>,
        /// Second operand.
        rhs: Box<Node>,
        /// `!=` instead of `==`.
        negate: bool,
        /// First scratch cell (unused for `int`).
        temps: u32,
    },
    /// `lhs.equals(rhs)` (method 4), unboxed to an int; negated for `!=`.
    ObjEquals {
        /// Receiver.
        lhs: Box<Node>,
        /// Argument.
        rhs: Box<Node>,
        /// `!=` instead of `==`.
        negate: bool,
    },
    /// Pointer comparison `:==` / `:!=` (int result).
    RefCmp {
        /// First operand.
        lhs: Box<Node>,
        /// Second operand.
        rhs: Box<Node>,
        /// `:==` instead of `:!=`.
        eq: bool,
    },
    /// Box an integer-stack number onto the object stack.
    Box(NumKind, Box<Node>),
    /// Unbox an object into an integer-stack number.
    Unbox(NumKind, Box<Node>),
    /// Numeric conversion on the integer stack.
    Convert {
        /// Source kind.
        from: NumKind,
        /// Target kind.
        to: NumKind,
        /// Operand.
        value: Box<Node>,
    },
    /// Checked object cast to `class`.
    Cast {
        /// Target class.
        class: Summon,
        /// Operand (object stack).
        value: Box<Node>,
    },
    /// Virtual call (result on the object stack).
    Call {
        /// Receiver (object stack).
        receiver: Box<Node>,
        /// Method name, if known (for listings).
        name: Option<String>,
        /// Method ordinal.
        ordinal: u32,
        /// Arguments (object stack each).
        args: Vec<Node>,
    },
    /// Call of the method whose name is computed at run time
    /// (`receiver.(name)(args)`), through `dynamic_invoke`: the VM looks the
    /// name up among the receiver class's own methods. The arguments are
    /// evaluated first, then the receiver, then the name (the order the
    /// instruction takes them in); the result is on the object stack.
    DynamicCall {
        /// Receiver (object stack).
        receiver: Box<Node>,
        /// The method name, a string (object stack).
        name: Box<Node>,
        /// Arguments (object stack each).
        args: Vec<Node>,
    },
    /// Non-virtual call of `class`'s method `ordinal` on `this` (parent constructors).
    StaticCall {
        /// Class whose method table is used.
        class: Summon,
        /// Class name, for listings.
        class_name: String,
        /// Method ordinal.
        ordinal: u32,
        /// Arguments (object stack each).
        args: Vec<Node>,
    },
    /// `new T(args)`: instantiate, then run constructor `ctor` if there is one.
    New {
        /// The class.
        class: Summon,
        /// Constructor ordinal (`None` for internal classes).
        ctor: Option<u32>,
        /// Constructor arguments (object stack each).
        args: Vec<Node>,
    },
    /// `new *(class_expr)`: instantiate a class object computed at run time.
    NewDynamic(Box<Node>),
}

impl Node {
    /// A node of the given kind, type and line.
    pub fn new(kind: NodeKind, ty: Type, line: u32) -> Node {
        Node { kind, ty, line }
    }

    /// The number of nodes on the longest path from this node down to a
    /// leaf (1 for a leaf).
    pub fn height(&self) -> usize {
        1 + self.children().map(Node::height).max().unwrap_or(0)
    }

    /// The direct children, in evaluation order.
    pub fn children(&self) -> impl Iterator<Item = &Node> {
        use NodeKind::*;
        let mut v: Vec<&Node> = Vec::new();
        match &self.kind {
            Seq(items) => v.extend(items),
            Discard(n) | Return(Some(n)) | Throw(n) | Box(_, n) | Unbox(_, n) | NewDynamic(n) => {
                v.push(n)
            }
            If { cond, then, els } => {
                v.push(cond);
                v.push(then);
                v.extend(els.as_deref());
            }
            While { cond, body } => {
                v.push(cond);
                v.push(body);
            }
            DoWhile { body, cond, tail } => {
                v.push(body);
                v.push(cond);
                v.extend(tail.as_deref());
            }
            Foreach { array, body, .. } => {
                v.push(array);
                v.push(body);
            }
            Switch { value, items } => {
                v.push(value);
                for i in items {
                    match i {
                        SwitchItem::Case(n) | SwitchItem::Stmt(n) => v.push(n),
                        SwitchItem::Default => {}
                    }
                }
            }
            Try { body, handler, .. } => {
                v.push(body);
                v.push(handler);
            }
            Assign { value, .. } | Convert { value, .. } | Cast { value, .. } => v.push(value),
            Index { array, index } => {
                v.push(array);
                v.push(index);
            }
            IndexSet {
                array,
                index,
                value,
                ..
            } => {
                v.push(array);
                v.push(value);
                v.push(index);
            }
            Arith { lhs, rhs, .. } => {
                v.push(lhs);
                v.extend(rhs.as_deref());
            }
            NumEq { lhs, rhs, .. } | ObjEquals { lhs, rhs, .. } | RefCmp { lhs, rhs, .. } => {
                v.push(lhs);
                v.push(rhs);
            }
            Call { receiver, args, .. } => {
                v.push(receiver);
                v.extend(args);
            }
            DynamicCall {
                receiver,
                name,
                args,
            } => {
                v.extend(args);
                v.push(receiver);
                v.push(name);
            }
            StaticCall { args, .. } | New { args, .. } => v.extend(args),
            Break
            | Continue
            | Return(None)
            | IntConst(_)
            | StrConst { .. }
            | BinConst(_)
            | Null
            | This
            | GetLocal(_)
            | GetField { .. } => {}
        }
        v.into_iter()
    }

    /// Where this node leaves its value.
    pub fn place(&self) -> Place {
        use NodeKind::*;
        match &self.kind {
            Seq(_)
            | Discard(_)
            | If { .. }
            | While { .. }
            | DoWhile { .. }
            | Foreach { .. }
            | Switch { .. }
            | Break
            | Continue
            | Return(_)
            | Throw(_)
            | Try { .. }
            | IndexSet { keep: false, .. }
            | Assign { keep: false, .. } => Place::None,
            IndexSet { keep: true, .. } => Place::Obj,
            Assign { target, .. } => match target {
                Target::Local(l) => l.place,
                Target::Field { .. } => Place::Obj,
            },
            IntConst(_) | ObjEquals { .. } | RefCmp { .. } | NumEq { .. } => {
                Place::Int(NumKind::Int)
            }
            Arith { op, kind, .. } => {
                if op.yields_int() {
                    Place::Int(NumKind::Int)
                } else {
                    Place::Int(*kind)
                }
            }
            Unbox(k, _) => Place::Int(*k),
            Convert { to, .. } => Place::Int(*to),
            GetLocal(l) => l.place,
            StrConst { .. }
            | BinConst(_)
            | Null
            | This
            | GetField { .. }
            | Index { .. }
            | Box(..)
            | Cast { .. }
            | Call { .. }
            | DynamicCall { .. }
            | StaticCall { .. }
            | New { .. }
            | NewDynamic(_) => Place::Obj,
        }
    }
}
