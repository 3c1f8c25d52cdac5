//! The syntax tree of a Phantom source file, as parsed, with byte spans.
//!
//! Names are unresolved and types are as written; [`crate::sema`] turns this
//! into the typed IR.

use core::ops::Range;

/// A byte range in the source file.
pub type Span = Range<usize>;

/// How deeply expressions and statements may nest (error E0103).
///
/// Every pass over the tree (semantic analysis, lowering, listings, and
/// dropping it) recurses once per level, so the parser keeps trees within
/// this bound whatever the input: a deeper expression or statement is
/// replaced by an error node.
pub const MAX_NESTING: u32 = 256;

/// An identifier with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// The text.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// One component of a dotted name.
#[derive(Clone, Debug, PartialEq)]
pub struct NamePart {
    /// The text (unquoted).
    pub text: String,
    /// Whether it was written as a string (`."class"`).
    pub quoted: bool,
}

/// A dotted name, absolute (`.a.b`) or relative (`a.b`).
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    /// Whether it starts with `.`.
    pub absolute: bool,
    /// The components.
    pub parts: Vec<NamePart>,
    /// Where it is.
    pub span: Span,
}

impl Name {
    /// The name as written, with quotes removed (`.internal.class`).
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, p) in self.parts.iter().enumerate() {
            if i > 0 || self.absolute {
                s.push('.');
            }
            s.push_str(&p.text);
        }
        s
    }
}

/// A parsed source file.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    /// Top-level items in order.
    pub items: Vec<TopItem>,
}

/// A top-level item.
#[derive(Clone, Debug, PartialEq)]
pub enum TopItem {
    /// `package .a.b;`
    Package(Name),
    /// `import .a.b;` (`None` parts are `*`).
    Import(Name, bool),
    /// A class or interface.
    Class(ClassDecl),
    /// `attribute ...;` (checked for syntax, otherwise ignored).
    Attributes(Span),
    /// A top-level item that failed to parse.
    Error,
}

/// A class or interface declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDecl {
    /// `interface` instead of `class`.
    pub is_interface: bool,
    /// The declared name.
    pub name: Name,
    /// `extends` clauses (more than one is an error).
    pub extends: Vec<Name>,
    /// `implements` clauses.
    pub implements: Vec<Name>,
    /// Fields and methods in source order.
    pub members: Vec<Member>,
    /// The whole declaration.
    pub span: Span,
}

/// A class member.
#[derive(Clone, Debug, PartialEq)]
pub enum Member {
    /// A field.
    Field(FieldDecl),
    /// A method.
    Method(MethodDecl),
    /// A member that failed to parse.
    Error,
}

/// A field declaration (`var x : T;` or `T x;`).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    /// Field name.
    pub name: Ident,
    /// Declared type; `None` when untyped.
    pub ty: Option<TypeExpr>,
    /// The whole declaration.
    pub span: Span,
}

/// A method declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodDecl {
    /// Result type.
    pub ret: TypeExpr,
    /// Method name.
    pub name: Ident,
    /// Arguments.
    pub args: Vec<ArgDecl>,
    /// Explicit ordinal `[N]` with its span.
    pub ordinal: Option<(u64, Span)>,
    /// Body; `None` for interface methods (`;`).
    pub body: Option<Block>,
    /// The whole declaration.
    pub span: Span,
}

/// A method argument (`var x : T`).
#[derive(Clone, Debug, PartialEq)]
pub struct ArgDecl {
    /// Name.
    pub name: Ident,
    /// Declared type; `None` when untyped.
    pub ty: Option<TypeExpr>,
}

/// A type as written.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    /// The element or class part.
    pub base: BaseType,
    /// `[]`, `[Class]` or `[*expr]`.
    pub container: Option<Container>,
    /// Where it is.
    pub span: Span,
}

/// The class part of a type.
#[derive(Clone, Debug, PartialEq)]
pub enum BaseType {
    /// `void`
    Void,
    /// A class name or abbreviation.
    Named(Name),
    /// `*expr`: a class computed at run time.
    Dynamic(Box<Expr>),
}

/// The container part of a type.
#[derive(Clone, Debug, PartialEq)]
pub enum Container {
    /// `[]`: the default array class.
    Array,
    /// `[Class]`
    Class(Name),
    /// `[*expr]`
    Dynamic(Box<Expr>),
}

/// A `{ ... }` block.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Statements in order.
    pub stmts: Vec<Stmt>,
    /// Where it is.
    pub span: Span,
}

/// A statement with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// Where it is.
    pub span: Span,
    /// Nesting depth of the tree it roots (1 for a leaf).
    pub depth: u32,
}

impl Stmt {
    /// A statement, with its depth computed from its children.
    pub fn new(kind: StmtKind, span: Span) -> Stmt {
        let depth = 1 + kind.child_depth();
        Stmt { kind, span, depth }
    }

    /// Like [`Stmt::new`], but a statement nested deeper than
    /// [`MAX_NESTING`] becomes [`StmtKind::Error`] and its span is added to
    /// `deep`.
    pub fn limited(kind: StmtKind, span: Span, deep: &mut Vec<Span>) -> Stmt {
        let s = Stmt::new(kind, span);
        if s.depth <= MAX_NESTING {
            return s;
        }
        deep.push(s.span.clone());
        Stmt::new(StmtKind::Error, s.span)
    }
}

impl Block {
    /// The deepest statement's depth (0 when empty).
    pub fn depth(&self) -> u32 {
        self.stmts.iter().map(|s| s.depth).max().unwrap_or(0)
    }
}

fn max_depth<'a>(exprs: impl IntoIterator<Item = &'a Expr>) -> u32 {
    exprs.into_iter().map(|e| e.depth).max().unwrap_or(0)
}

/// Statement forms.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `{ ... }`
    Block(Block),
    /// `if (c) a [else b]`
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    /// `while (c) s`
    While(Expr, Box<Stmt>),
    /// `do s while (c) [t]`
    DoWhile(Box<Stmt>, Expr, Option<Box<Stmt>>),
    /// `foreach (x in e) s`
    Foreach(Ident, Expr, Box<Stmt>),
    /// `return [e];`
    Return(Option<Expr>),
    /// `throw e;`
    Throw(Expr),
    /// `try s catch (T v) h`
    Try(Box<Stmt>, TypeExpr, Ident, Box<Stmt>),
    /// `switch (e) { ... }`
    Switch(Expr, Vec<SwitchItem>),
    /// `break;`
    Break,
    /// `continue;`
    Continue,
    /// `var x [: T];`
    Var(Ident, Option<TypeExpr>),
    /// `e;`
    Expr(Expr),
    /// A statement that failed to parse.
    Error,
}

impl StmtKind {
    /// The largest depth among the direct children (0 for none).
    fn child_depth(&self) -> u32 {
        let stmt = |s: &Option<Box<Stmt>>| s.as_ref().map_or(0, |s| s.depth);
        match self {
            StmtKind::Block(b) => b.depth(),
            StmtKind::If(c, a, b) => c.depth.max(a.depth).max(stmt(b)),
            StmtKind::While(c, b) => c.depth.max(b.depth),
            StmtKind::DoWhile(b, c, t) => b.depth.max(c.depth).max(stmt(t)),
            StmtKind::Foreach(_, e, b) => e.depth.max(b.depth),
            StmtKind::Return(e) => max_depth(e),
            StmtKind::Throw(e) | StmtKind::Expr(e) => e.depth,
            StmtKind::Try(b, t, _, h) => b.depth.max(t.depth()).max(h.depth),
            StmtKind::Switch(e, items) => items
                .iter()
                .map(|i| match i {
                    SwitchItem::Case(e) => e.depth,
                    SwitchItem::Default(_) => 0,
                    SwitchItem::Stmt(s) => s.depth,
                })
                .fold(e.depth, u32::max),
            StmtKind::Var(_, t) => t.as_ref().map_or(0, TypeExpr::depth),
            StmtKind::Break | StmtKind::Continue | StmtKind::Error => 0,
        }
    }
}

/// An entry in a `switch` body.
#[derive(Clone, Debug, PartialEq)]
pub enum SwitchItem {
    /// `case e:`
    Case(Expr),
    /// `default:`
    Default(Span),
    /// A statement.
    Stmt(Stmt),
}

/// An expression with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is.
    pub span: Span,
    /// Nesting depth of the tree it roots (1 for a leaf).
    pub depth: u32,
}

impl Expr {
    /// An expression, with its depth computed from its children.
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        let depth = 1 + kind.child_depth();
        Expr { kind, span, depth }
    }

    /// Like [`Expr::new`], but an expression nested deeper than
    /// [`MAX_NESTING`] becomes [`ExprKind::Error`] and its span is added to
    /// `deep`.
    pub fn limited(kind: ExprKind, span: Span, deep: &mut Vec<Span>) -> Expr {
        let e = Expr::new(kind, span);
        if e.depth <= MAX_NESTING {
            return e;
        }
        deep.push(e.span.clone());
        Expr::new(ExprKind::Error, e.span)
    }
}

impl TypeExpr {
    /// Depth of the expressions inside the type (`*expr`, `[*expr]`), 0 if none.
    pub fn depth(&self) -> u32 {
        let base = match &self.base {
            BaseType::Dynamic(e) => e.depth,
            BaseType::Void | BaseType::Named(_) => 0,
        };
        match &self.container {
            Some(Container::Dynamic(e)) => base.max(e.depth),
            _ => base,
        }
    }
}

impl ExprKind {
    /// The largest depth among the direct children (0 for none).
    fn child_depth(&self) -> u32 {
        match self {
            ExprKind::Cast(t, e) => t.depth().max(e.depth),
            ExprKind::Not(e) | ExprKind::BitNot(e) | ExprKind::Neg(e) | ExprKind::Field(e, _) => {
                e.depth
            }
            ExprKind::Binary(_, a, b)
            | ExprKind::Index(a, b)
            | ExprKind::Assign(a, b)
            | ExprKind::ValueAssign(a, b) => a.depth.max(b.depth),
            ExprKind::New(t, args) => t.depth().max(max_depth(args)),
            ExprKind::NewDynamic(c, t, args) => c
                .depth
                .max(t.as_ref().map_or(0, TypeExpr::depth))
                .max(max_depth(args)),
            ExprKind::Call(recv, m, args) => {
                let m = match m {
                    MethodId::Dynamic(e) => e.depth,
                    MethodId::Name(_) | MethodId::Ordinal(..) => 0,
                };
                max_depth(recv.as_deref()).max(m).max(max_depth(args))
            }
            ExprKind::Int(_)
            | ExprKind::Str(_)
            | ExprKind::ImportFile(_)
            | ExprKind::Null
            | ExprKind::This
            | ExprKind::Ident(_)
            | ExprKind::Error => 0,
        }
    }
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `||` (both sides always evaluated)
    LogOr,
    /// `&&` (both sides always evaluated)
    LogAnd,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `<`
    Lt,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `:==`
    RefEq,
    /// `:!=`
    RefNe,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
    /// `|`
    BitOr,
    /// `&`
    BitAnd,
}

impl BinOp {
    /// The operator as written.
    pub fn text(self) -> &'static str {
        use BinOp::*;
        match self {
            LogOr => "||",
            LogAnd => "&&",
            Eq => "==",
            Ne => "!=",
            Gt => ">",
            Lt => "<",
            Ge => ">=",
            Le => "<=",
            RefEq => ":==",
            RefNe => ":!=",
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Rem => "%",
            BitOr => "|",
            BitAnd => "&",
        }
    }
}

/// How a method is named at a call site.
#[derive(Clone, Debug, PartialEq)]
pub enum MethodId {
    /// By name.
    Name(Ident),
    /// By ordinal: `obj.16(x)`.
    Ordinal(u64, Span),
    /// By a computed name: `obj.(expr)(args)`.
    Dynamic(Box<Expr>),
}

/// Expression forms.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `(T) e`
    Cast(TypeExpr, Box<Expr>),
    /// `!e` (negates the whole following chain)
    Not(Box<Expr>),
    /// `a op b`
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// Postfix `e ~`
    BitNot(Box<Expr>),
    /// `-e` on a non-literal
    Neg(Box<Expr>),
    /// An integer literal (negative literals are folded here).
    Int(i64),
    /// A string literal.
    Str(Vec<u8>),
    /// `import "file"`: the file's bytes as a string constant.
    ImportFile(Vec<u8>),
    /// `null`
    Null,
    /// `this`
    This,
    /// A variable, argument or field.
    Ident(String),
    /// `new T(args)`
    New(TypeExpr, Vec<Expr>),
    /// `new *(class) [: T] (args)`
    NewDynamic(Box<Expr>, Option<TypeExpr>, Vec<Expr>),
    /// `[recv.]m(args)`; no receiver means `this`.
    Call(Option<Box<Expr>>, MethodId, Vec<Expr>),
    /// `a[i]`
    Index(Box<Expr>, Box<Expr>),
    /// `obj.name` without arguments: a field of another object, which
    /// Phantom does not allow (parsed to explain that).
    Field(Box<Expr>, Ident),
    /// `a = b`
    Assign(Box<Expr>, Box<Expr>),
    /// `a .= b` (parsed, not supported)
    ValueAssign(Box<Expr>, Box<Expr>),
    /// An expression that failed to parse.
    Error,
}
