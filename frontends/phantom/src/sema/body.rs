//! Checking method bodies and lowering them to typed trees.

use std::collections::HashMap;

use diag::{Diagnostic, LineIndex};
use ir::tree::{Local, Node, NodeKind as K, Place, SwitchItem, Target};
use ir::types::names;
use ir::{ArithOp, Const, MethodSig, NumKind, Summon, Type};

use super::{Scope, Sema, SourceFile};
use crate::ast::{self, BinOp, Expr, ExprKind as E, MethodId, Span, Stmt, StmtKind as S};
use crate::index::{ExprType, Symbol};

/// The `summon` that pushes a class object.
pub(crate) fn summon_for(name: &str) -> Summon {
    match name {
        names::CLASS => Summon::ClassClass,
        names::INT => Summon::IntClass,
        names::STRING => Summon::StringClass,
        ".internal.interface" => Summon::InterfaceClass,
        ".internal.code" => Summon::CodeClass,
        names::ARRAY => Summon::ArrayClass,
        other => Summon::ByName(other.to_string()),
    }
}

/// Whether `n` stands for an expression that already failed with an error
/// (see [`Fx::poisoned`]); it must not cause further diagnostics.
fn is_poisoned(n: &Node) -> bool {
    n.ty == Type::Error
}

/// Whether a statement only declares a local.
fn is_declaration(s: &Stmt) -> bool {
    matches!(s.kind, S::Var(..))
}

/// The class whose methods a value of this type has.
fn class_of(t: &Type) -> Option<String> {
    match t {
        Type::Void | Type::Unknown | Type::Error => None,
        other => other.class_name().map(str::to_string),
    }
}

impl Sema {
    /// Lowers one source class to IR.
    pub(crate) fn lower_class(
        &mut self,
        scope: &Scope,
        decl: &ast::ClassDecl,
        name: &str,
        lines: &LineIndex,
        file: &SourceFile,
    ) -> Option<ir::Class> {
        let def = self.classes.known(name)?.clone();
        let layout = self.layouts.remove(name)?;
        let internal = def.is_internal();
        let mut consts = Consts::default();
        let mut methods = Vec::new();
        for (mi, m) in decl.members.iter().enumerate() {
            let ast::Member::Method(md) = m else { continue };
            let Some(sig) = layout.methods.get(&mi) else {
                continue;
            };
            let mut fx = Fx::new(name, sig, lines, file);
            let mut stmts = Vec::new();
            let has_code = md.body.as_ref().is_some_and(|b| !b.stmts.is_empty());
            if sig.is_ctor {
                if let Some((p, ord)) = &layout.parent_ctor {
                    stmts.push(parent_ctor_call(p, *ord, lines.line(md.span.start)));
                }
            }
            if let (Some(body), false) = (&md.body, internal) {
                fx.declare_args(self, md, sig);
                fx.collect_locals(self, scope, &body.stmts);
                stmts.extend(fx.stmts(self, scope, &mut consts, &body.stmts));
            }
            let body = if stmts.is_empty() || (internal && !has_code) {
                None
            } else {
                Some(Node::new(
                    K::Seq(stmts),
                    Type::Void,
                    lines.line(md.span.start),
                ))
            };
            if body
                .as_ref()
                .is_some_and(|b| b.height() > ir::tree::MAX_DEPTH)
            {
                self.error(
                    Diagnostic::error(
                        "E0425",
                        format!("the code of `{}` nests too deeply", md.name.text),
                    )
                    .at(md.name.span.clone(), "too deep for the compiler to lower")
                    .with_note(format!(
                        "compiled, its statements and expressions nest more than {} levels deep",
                        ir::tree::MAX_DEPTH
                    ))
                    .with_help("split it up, e.g. with local variables or helper methods"),
                );
            }
            methods.push(ir::Method {
                sig: sig.clone(),
                obj_slots: fx.next_obj,
                int_slots: fx.next_int,
                body,
            });
        }
        if let Some(sig) = layout.default_ctor {
            let line = lines.line(decl.span.start);
            let body = layout.parent_ctor.as_ref().map(|(p, ord)| {
                Node::new(
                    K::Seq(vec![parent_ctor_call(p, *ord, line)]),
                    Type::Void,
                    line,
                )
            });
            methods.push(ir::Method {
                sig,
                obj_slots: 0,
                int_slots: 0,
                body,
            });
        }
        methods.sort_by_key(|m| m.sig.ordinal);
        let info = ir::ClassInfo {
            name: def.name.clone(),
            parent: def
                .parent
                .clone()
                .unwrap_or_else(|| names::OBJECT.to_string()),
            n_fields: def.n_fields,
            n_methods: def.n_methods,
            fields: def.fields.clone(),
            methods: def.methods.clone(),
        };
        Some(ir::Class {
            info,
            methods,
            consts: consts.list,
            source: file.path.display().to_string(),
        })
    }
}

fn parent_ctor_call(parent: &str, ordinal: u32, line: u32) -> Node {
    let call = Node::new(
        K::StaticCall {
            class: summon_for(parent),
            class_name: parent.to_string(),
            ordinal,
            args: Vec::new(),
        },
        Type::Void,
        line,
    );
    Node::new(K::Discard(Box::new(call)), Type::Void, line)
}

/// The class's constant pool; equal strings share an entry.
#[derive(Default)]
struct Consts {
    list: Vec<Const>,
    ids: HashMap<Vec<u8>, u32>,
}

impl Consts {
    fn id(&mut self, bytes: &[u8]) -> u32 {
        if let Some(id) = self.ids.get(bytes) {
            return *id;
        }
        let id = self.list.len() as u32;
        self.list.push(Const {
            id,
            bytes: bytes.to_vec(),
        });
        self.ids.insert(bytes.to_vec(), id);
        id
    }
}

#[derive(Clone, Debug)]
struct Var {
    local: Local,
    ty: Type,
    /// Where it was declared (for the semantic index).
    decl: Span,
    /// Whether it is an argument.
    arg: bool,
}

impl Var {
    fn symbol(&self, file: usize) -> Symbol {
        Symbol::Local {
            file,
            decl: self.decl.clone(),
            name: self.local.name.clone(),
            arg: self.arg,
        }
    }
}

/// Per-method state.
struct Fx<'a> {
    class: String,
    ret: Type,
    vars: HashMap<String, Var>,
    next_obj: u32,
    next_int: u32,
    /// Enclosing breakable statements; `true` for loops (which also take `continue`).
    targets: Vec<bool>,
    lines: &'a LineIndex,
    file: &'a SourceFile,
}

impl<'a> Fx<'a> {
    fn new(class: &str, sig: &MethodSig, lines: &'a LineIndex, file: &'a SourceFile) -> Self {
        Fx {
            class: class.to_string(),
            ret: sig.ret.clone(),
            vars: HashMap::new(),
            next_obj: 0,
            next_int: 0,
            targets: Vec::new(),
            lines,
            file,
        }
    }

    fn line(&self, span: &Span) -> u32 {
        self.lines.line(span.start)
    }

    fn node(&self, kind: K, ty: Type, span: &Span) -> Node {
        Node::new(kind, ty, self.line(span))
    }

    /// Records a use of field `name` of this class (or a parent) at `sp`.
    fn record_field(&self, sema: &mut Sema, name: &str, ty: &Type, sp: &Span) {
        let class = sema
            .classes
            .field_owner(&self.class, name)
            .unwrap_or_else(|| self.class.clone());
        sema.index.add(
            sema.file,
            sp.clone(),
            Symbol::Field {
                class,
                name: name.to_string(),
            },
            ty.clone(),
            false,
        );
    }

    /// The stand-in for an expression that was reported as an error: a null
    /// of unknown type that is accepted everywhere without further errors
    /// or warnings, so that one mistake gives one diagnostic.
    fn poisoned(&self, span: &Span) -> Node {
        self.node(K::Null, Type::Error, span)
    }

    /// Declares the arguments with the types of this method's own
    /// signature (`sig` was resolved from `md`, argument for argument).
    fn declare_args(&mut self, sema: &mut Sema, md: &ast::MethodDecl, sig: &MethodSig) {
        debug_assert_eq!(md.args.len(), sig.args.len());
        for (i, (a, decl)) in md.args.iter().zip(&sig.args).enumerate() {
            let ty = decl.ty.clone();
            if self.vars.contains_key(&a.name.text) {
                sema.error(
                    Diagnostic::error(
                        "E0422",
                        format!("argument `{}` is declared twice", a.name.text),
                    )
                    .at(a.name.span.clone(), "declared again here"),
                );
            }
            self.warn_if_hidden(sema, &a.name, "argument");
            let local = Local {
                name: a.name.text.clone(),
                slot: i as u32,
                place: Place::Obj,
            };
            let var = Var {
                local,
                ty,
                decl: a.name.span.clone(),
                arg: true,
            };
            sema.index.add(
                sema.file,
                a.name.span.clone(),
                var.symbol(sema.file),
                var.ty.clone(),
                true,
            );
            self.vars.insert(a.name.text.clone(), var);
        }
        self.next_obj = md.args.len() as u32;
    }

    /// A field of the class hides an argument or local of the same name
    /// everywhere in the method (`language.md` §5.5, kept for
    /// compatibility): say so, since the variable can never be reached.
    fn warn_if_hidden(&self, sema: &mut Sema, name: &ast::Ident, what: &str) {
        if let Some(f) = sema.classes.find_field(&self.class, &name.text) {
            sema.error(
                Diagnostic::warning(
                    "W0006",
                    format!(
                        "{what} `{}` is hidden by the field of the same name",
                        name.text
                    ),
                )
                .at(
                    name.span.clone(),
                    format!(
                        "in this method `{}` always means the field (of type `{}`)",
                        name.text, f.ty
                    ),
                )
                .with_help(format!("rename the {what}")),
            );
        }
    }

    fn new_var(&mut self, sema: &mut Sema, name: &ast::Ident, ty: Type) {
        self.warn_if_hidden(sema, name, "local variable");
        if let Some(old) = self.vars.get(&name.text) {
            if old.ty == ty && old.local.slot < self.next_obj.max(self.next_int) {
                // Same name, same type: the original's whole-method scope makes it the same variable.
                sema.index.add(
                    sema.file,
                    name.span.clone(),
                    old.symbol(sema.file),
                    old.ty.clone(),
                    false,
                );
                return;
            }
            sema.error(
                Diagnostic::warning("W0004", format!("`{}` is declared again with another type", name.text)).at(name.span.clone(), "declared again here")
                    .with_note("a local variable's scope is the whole method; this declaration replaces the earlier one everywhere"),
            );
        }
        let local = match ty.num() {
            Some(k) => {
                let l = Local {
                    name: name.text.clone(),
                    slot: self.next_int,
                    place: Place::Int(k),
                };
                self.next_int += k.cells();
                l
            }
            None => {
                let l = Local {
                    name: name.text.clone(),
                    slot: self.next_obj,
                    place: Place::Obj,
                };
                self.next_obj += 1;
                l
            }
        };
        let var = Var {
            local,
            ty,
            decl: name.span.clone(),
            arg: false,
        };
        sema.index.add(
            sema.file,
            name.span.clone(),
            var.symbol(sema.file),
            var.ty.clone(),
            true,
        );
        self.vars.insert(name.text.clone(), var);
    }

    /// Declares every local of the method first: a local's scope is the whole method.
    fn collect_locals(&mut self, sema: &mut Sema, scope: &Scope, stmts: &[Stmt]) {
        for s in stmts {
            match &s.kind {
                S::Var(n, t) => {
                    let ty = t
                        .as_ref()
                        .map_or(Type::Unknown, |t| sema.resolve_type(scope, t));
                    if ty == Type::Void {
                        sema.error(
                            Diagnostic::error("E0423", "a variable cannot have type `void`")
                                .at(n.span.clone(), "`void` is not a variable type"),
                        );
                        continue;
                    }
                    self.new_var(sema, n, ty);
                }
                S::Block(b) => self.collect_locals(sema, scope, &b.stmts),
                S::If(_, a, b) => {
                    self.collect_locals(sema, scope, std::slice::from_ref(a));
                    if let Some(b) = b {
                        self.collect_locals(sema, scope, std::slice::from_ref(b));
                    }
                }
                S::While(_, b) => self.collect_locals(sema, scope, std::slice::from_ref(b)),
                S::DoWhile(b, _, t) => {
                    self.collect_locals(sema, scope, std::slice::from_ref(b));
                    if let Some(t) = t {
                        self.collect_locals(sema, scope, std::slice::from_ref(t));
                    }
                }
                S::Foreach(v, _, b) => {
                    if !self.vars.contains_key(&v.text) {
                        self.new_var(sema, v, Type::Unknown);
                    }
                    self.collect_locals(sema, scope, std::slice::from_ref(b));
                }
                S::Try(b, ty, v, h) => {
                    // A declaration like any other: an earlier variable of
                    // the same name and type is reused, one of another type
                    // is replaced (W0004).
                    let ty = sema.resolve_type(scope, ty);
                    self.new_var(sema, v, ty);
                    self.collect_locals(sema, scope, std::slice::from_ref(b));
                    self.collect_locals(sema, scope, std::slice::from_ref(h));
                }
                S::Switch(_, items) => {
                    for i in items {
                        if let ast::SwitchItem::Stmt(s) = i {
                            self.collect_locals(sema, scope, std::slice::from_ref(s));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn temp_int(&mut self, cells: u32) -> u32 {
        let t = self.next_int;
        self.next_int += cells;
        t
    }

    // ------------------------------------------------------------ statements

    /// A statement list. Declarations (`var x : T;`) produce no code: every
    /// local was already given its slot by [`Fx::collect_locals`].
    fn stmts(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        list: &[Stmt],
    ) -> Vec<Node> {
        let mut out = Vec::with_capacity(list.len());
        for s in list.iter().filter(|s| !is_declaration(s)) {
            let n = self.stmt(sema, scope, cp, s);
            out.push(n);
        }
        out
    }

    /// A statement. Like [`Fx::expr`], this only dispatches: the work is in
    /// one function per form, so that the frame that recursion repeats stays
    /// small (unoptimised builds give a function one slot per temporary).
    fn stmt(&mut self, sema: &mut Sema, scope: &Scope, cp: &mut Consts, s: &Stmt) -> Node {
        let sp = &s.span;
        match &s.kind {
            S::Block(b) => {
                let v = self.stmts(sema, scope, cp, &b.stmts);
                self.node(K::Seq(v), Type::Void, sp)
            }
            S::If(c, a, b) => self.if_stmt(sema, scope, cp, c, a, b.as_deref(), sp),
            S::While(c, b) => self.while_stmt(sema, scope, cp, c, b, sp),
            S::DoWhile(b, c, t) => self.do_while_stmt(sema, scope, cp, b, c, t.as_deref(), sp),
            S::Foreach(v, e, b) => self.foreach_stmt(sema, scope, cp, v, e, b, sp),
            S::Return(v) => self.return_stmt(sema, scope, cp, v.as_ref(), sp),
            S::Throw(e) => {
                let n = self.expr(sema, scope, cp, e);
                self.throw_stmt(sema, n, &e.span, sp)
            }
            S::Try(b, ty, v, h) => self.try_stmt(sema, scope, cp, b, ty, v, h, sp),
            S::Switch(e, items) => self.switch_stmt(sema, scope, cp, e, items, sp),
            S::Break => self.break_stmt(sema, sp),
            S::Continue => self.continue_stmt(sema, sp),
            S::Var(..) | S::Error => self.node(K::Seq(Vec::new()), Type::Void, sp),
            S::Expr(e) => {
                let n = match &e.kind {
                    E::Assign(t, v) => self.assign(sema, scope, cp, t, v, false, &e.span),
                    _ => self.expr(sema, scope, cp, e),
                };
                self.expr_stmt(n, sp)
            }
        }
    }

    fn expr_stmt(&self, n: Node, sp: &Span) -> Node {
        if n.place() == Place::None {
            n
        } else {
            self.node(K::Discard(Box::new(n)), Type::Void, sp)
        }
    }

    /// A loop body: `break` and `continue` go to the loop.
    fn loop_body(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        b: &Stmt,
    ) -> Box<Node> {
        self.targets.push(true);
        let body = self.stmt(sema, scope, cp, b);
        self.targets.pop();
        Box::new(body)
    }

    #[allow(clippy::too_many_arguments)]
    fn if_stmt(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        c: &Expr,
        a: &Stmt,
        b: Option<&Stmt>,
        sp: &Span,
    ) -> Node {
        let cond = Box::new(self.cond(sema, scope, cp, c));
        let then = Box::new(self.stmt(sema, scope, cp, a));
        let els = b.map(|b| Box::new(self.stmt(sema, scope, cp, b)));
        self.node(K::If { cond, then, els }, Type::Void, sp)
    }

    fn while_stmt(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        c: &Expr,
        b: &Stmt,
        sp: &Span,
    ) -> Node {
        let cond = Box::new(self.cond(sema, scope, cp, c));
        let body = self.loop_body(sema, scope, cp, b);
        self.node(K::While { cond, body }, Type::Void, sp)
    }

    #[allow(clippy::too_many_arguments)]
    fn do_while_stmt(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        b: &Stmt,
        c: &Expr,
        t: Option<&Stmt>,
        sp: &Span,
    ) -> Node {
        let body = self.loop_body(sema, scope, cp, b);
        let cond = Box::new(self.cond(sema, scope, cp, c));
        let tail = t.map(|t| Box::new(self.stmt(sema, scope, cp, t)));
        self.node(K::DoWhile { body, cond, tail }, Type::Void, sp)
    }

    #[allow(clippy::too_many_arguments)]
    fn foreach_stmt(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        v: &ast::Ident,
        e: &Expr,
        b: &Stmt,
        sp: &Span,
    ) -> Node {
        let array = self.expr(sema, scope, cp, e);
        let array = Box::new(self.boxed(sema, array, &e.span));
        let declared = self.vars[&v.text].clone();
        sema.index.add(
            sema.file,
            v.span.clone(),
            declared.symbol(sema.file),
            declared.ty.clone(),
            false,
        );
        // Elements are objects: a number variable takes each one through a
        // hidden object slot, unboxed (and checked) at the top of the body.
        let (var, unbox) = match declared.local.place {
            Place::Int(k) => {
                let elem = Local {
                    name: format!("{}$element", v.text),
                    slot: self.next_obj,
                    place: Place::Obj,
                };
                self.next_obj += 1;
                let get = self.node(K::GetLocal(elem.clone()), Type::object(), &v.span);
                let value = self.node(K::Unbox(k, Box::new(get)), Type::Num(k), &v.span);
                let assign = K::Assign {
                    target: Target::Local(declared.local.clone()),
                    value: Box::new(value),
                    keep: false,
                };
                (elem, Some(self.node(assign, declared.ty.clone(), &v.span)))
            }
            _ => (declared.local, None),
        };
        let array_slot = self.next_obj;
        self.next_obj += 1;
        let index_slot = self.temp_int(1);
        let mut body = self.loop_body(sema, scope, cp, b);
        if let Some(u) = unbox {
            let line = body.line;
            body = Box::new(Node::new(K::Seq(vec![u, *body]), Type::Void, line));
        }
        self.node(
            K::Foreach {
                var,
                array,
                array_slot,
                index_slot,
                body,
            },
            Type::Void,
            sp,
        )
    }

    fn return_stmt(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        v: Option<&Expr>,
        sp: &Span,
    ) -> Node {
        let value = match (v, &self.ret) {
            (Some(e), Type::Void) => {
                // The original accepts it; the value is computed (it may
                // have effects) and dropped, since callers of a `void`
                // method never read a result.
                sema.error(
                    Diagnostic::warning(
                        "W0007",
                        "a `void` method returns no value; this one is dropped",
                    )
                    .at(e.span.clone(), "value returned from a `void` method")
                    .with_help("remove the value, or declare the method's result type"),
                );
                let n = self.expr(sema, scope, cp, e);
                let dropped = self.expr_stmt(n, &e.span);
                let ret = self.node(K::Return(None), Type::Void, sp);
                return self.node(K::Seq(vec![dropped, ret]), Type::Void, sp);
            }
            (Some(e), _) => {
                let n = self.expr(sema, scope, cp, e);
                let ret = self.ret.clone();
                Some(Box::new(self.store_conv(
                    sema,
                    n,
                    &ret,
                    Place::Obj,
                    &e.span,
                )))
            }
            (None, _) => None,
        };
        self.node(K::Return(value), Type::Void, sp)
    }

    fn throw_stmt(&mut self, sema: &mut Sema, n: Node, esp: &Span, sp: &Span) -> Node {
        let n = self.boxed(sema, n, esp);
        self.node(K::Throw(Box::new(n)), Type::Void, sp)
    }

    #[allow(clippy::too_many_arguments)]
    fn try_stmt(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        b: &Stmt,
        ty: &ast::TypeExpr,
        v: &ast::Ident,
        h: &Stmt,
        sp: &Span,
    ) -> Node {
        let t = sema.resolve_type(scope, ty);
        let class = summon_for(class_of(&t).as_deref().unwrap_or(names::OBJECT));
        let body = Box::new(self.stmt(sema, scope, cp, b));
        let var = self.vars[&v.text].local.clone();
        let v_sym = self.vars[&v.text].symbol(sema.file);
        sema.index
            .add(sema.file, v.span.clone(), v_sym, t.clone(), false);
        let handler = Box::new(self.stmt(sema, scope, cp, h));
        self.node(
            K::Try {
                body,
                class,
                var,
                handler,
            },
            Type::Void,
            sp,
        )
    }

    fn switch_stmt(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        e: &Expr,
        items: &[ast::SwitchItem],
        sp: &Span,
    ) -> Node {
        let v = self.expr(sema, scope, cp, e);
        let value = Box::new(self.unboxed(sema, v, NumKind::Int, &e.span));
        self.targets.push(false);
        let mut out = Vec::new();
        let mut has_default = false;
        for it in items {
            let item = match it {
                ast::SwitchItem::Stmt(s) if is_declaration(s) => continue,
                ast::SwitchItem::Stmt(s) => SwitchItem::Stmt(self.stmt(sema, scope, cp, s)),
                ast::SwitchItem::Case(c) => {
                    let n = self.expr(sema, scope, cp, c);
                    SwitchItem::Case(self.unboxed(sema, n, NumKind::Int, &c.span))
                }
                ast::SwitchItem::Default(span) => {
                    if has_default {
                        sema.error(
                            Diagnostic::error("E0424", "a switch can have only one `default`")
                                .at(span.clone(), "a second `default`"),
                        );
                    }
                    has_default = true;
                    SwitchItem::Default
                }
            };
            out.push(item);
        }
        self.targets.pop();
        self.node(K::Switch { value, items: out }, Type::Void, sp)
    }

    fn break_stmt(&mut self, sema: &mut Sema, sp: &Span) -> Node {
        if self.targets.is_empty() {
            sema.error(
                Diagnostic::error("E0406", "`break` outside a loop or switch")
                    .at(sp.clone(), "not inside a loop or `switch`"),
            );
        }
        self.node(K::Break, Type::Void, sp)
    }

    fn continue_stmt(&mut self, sema: &mut Sema, sp: &Span) -> Node {
        if !self.targets.contains(&true) {
            sema.error(
                Diagnostic::error("E0407", "`continue` outside a loop")
                    .at(sp.clone(), "not inside a loop"),
            );
        }
        self.node(K::Continue, Type::Void, sp)
    }

    /// A condition: an int on the integer stack.
    fn cond(&mut self, sema: &mut Sema, scope: &Scope, cp: &mut Consts, e: &Expr) -> Node {
        let n = self.expr(sema, scope, cp, e);
        if n.place() == Place::Obj
            && matches!(n.ty, Type::String | Type::Class(_) | Type::Container { .. })
        {
            sema.error(
                Diagnostic::error(
                    "E0408",
                    format!("a condition must be a number, not {}", diag::article(&n.ty)),
                )
                .at(e.span.clone(), format!("this is {}", diag::article(&n.ty)))
                .with_help("compare with `:!= null` to test for null, or call `equals`"),
            );
            return self.node(K::IntConst(0), Type::INT, &e.span);
        }
        self.unboxed(sema, n, NumKind::Int, &e.span)
    }

    // ------------------------------------------------------------ conversions

    fn boxed(&mut self, sema: &mut Sema, n: Node, span: &Span) -> Node {
        match n.place() {
            Place::Obj => n,
            Place::Int(k) => {
                let ty = Type::Num(k);
                self.node(K::Box(k, Box::new(n)), ty, span)
            }
            Place::None => {
                sema.error(
                    Diagnostic::error("E0404", "this expression has no value")
                        .at(span.clone(), "has no value"),
                );
                self.poisoned(span)
            }
        }
    }

    /// The numeric kind of a value, reporting non-numbers.
    fn kind_of(&mut self, sema: &mut Sema, n: &Node, span: &Span) -> Option<NumKind> {
        match n.place() {
            Place::Int(k) => Some(k),
            Place::None => {
                sema.error(
                    Diagnostic::error("E0404", "this expression has no value")
                        .at(span.clone(), "has no value"),
                );
                None
            }
            Place::Obj => match &n.ty {
                Type::Num(k) => Some(*k),
                // Already reported.
                Type::Error => Some(NumKind::Int),
                Type::Unknown => {
                    sema.error(
                        Diagnostic::warning(
                            "W0002",
                            "untyped value used as a number; it is read as an `int`",
                        )
                        .at(span.clone(), "declared without a type")
                        .with_help("declare the variable's type, e.g. `var x : int;`"),
                    );
                    Some(NumKind::Int)
                }
                Type::Void => {
                    sema.error(
                        Diagnostic::error("E0404", "a `void` method call has no value")
                            .at(span.clone(), "this `void` call has no value"),
                    );
                    None
                }
                t => {
                    sema.error(
                        Diagnostic::error(
                            "E0403",
                            format!("expected a number, found {}", diag::article(t)),
                        )
                        .at(span.clone(), format!("this is {}", diag::article(t))),
                    );
                    None
                }
            },
        }
    }

    /// Moves a value to the integer stack in its own numeric kind. A value
    /// that is not a number is reported (once) and replaced by an int 0.
    fn numeric(&mut self, sema: &mut Sema, n: Node, span: &Span) -> (Node, NumKind) {
        let Some(k) = self.kind_of(sema, &n, span) else {
            return (self.node(K::IntConst(0), Type::INT, span), NumKind::Int);
        };
        if n.place() == Place::Obj {
            (self.node(K::Unbox(k, Box::new(n)), Type::Num(k), span), k)
        } else {
            (n, k)
        }
    }

    /// Converts an integer-stack number of kind `from` to `to`.
    fn converted(&self, n: Node, from: NumKind, to: NumKind, span: &Span) -> Node {
        if from == to {
            return n;
        }
        self.node(
            K::Convert {
                from,
                to,
                value: Box::new(n),
            },
            Type::Num(to),
            span,
        )
    }

    /// Moves a value to the integer stack as `kind`.
    fn unboxed(&mut self, sema: &mut Sema, n: Node, kind: NumKind, span: &Span) -> Node {
        let (n, k) = self.numeric(sema, n, span);
        self.converted(n, k, kind, span)
    }

    /// Converts a value for storing into a destination of type `dest` that
    /// lives on `place` (assignment, return, arguments).
    fn store_conv(
        &mut self,
        sema: &mut Sema,
        n: Node,
        dest: &Type,
        place: Place,
        span: &Span,
    ) -> Node {
        // Something already reported: no further diagnostics.
        if n.ty == Type::Error || *dest == Type::Error {
            return match place {
                Place::Int(k) => {
                    let zero = self.node(K::IntConst(0), Type::INT, span);
                    self.converted(zero, NumKind::Int, k, span)
                }
                _ => self.boxed(sema, n, span),
            };
        }
        let numeric_dest = matches!(place, Place::Int(_)) || matches!(dest, Type::Num(_));
        // Any object (`.internal.object` or untyped) stored into a number is
        // unboxed to the destination's kind; the VM checks that it is a
        // boxed number (`language.md` §7.4: assignment inserts the
        // conversion). Unboxing to the destination's kind directly keeps a
        // `long` in an untyped variable whole.
        let dest_kind = match (place, dest) {
            (Place::Int(k), _) | (_, &Type::Num(k)) => Some(k),
            _ => None,
        };
        let is_any_object = |t: &Type| match t {
            Type::Unknown => true,
            Type::Class(c) => c == names::OBJECT,
            _ => false,
        };
        if let Some(k) = dest_kind.filter(|_| n.place() == Place::Obj && is_any_object(&n.ty)) {
            let v = self.node(K::Unbox(k, Box::new(n)), Type::Num(k), span);
            return match place {
                Place::Int(_) => v,
                _ => self.node(K::Box(k, Box::new(v)), dest.clone(), span),
            };
        }
        let n = if numeric_dest
            && n.place() == Place::Obj
            && matches!(n.ty, Type::String | Type::Class(_) | Type::Container { .. })
        {
            cannot_store(sema, &n.ty, dest, span);
            self.poisoned(span)
        } else {
            n
        };
        if let Place::Int(k) = place {
            return self.unboxed(sema, n, k, span);
        }
        match dest {
            Type::Unknown => self.boxed(sema, n, span),
            // Already a boxed number of the right kind: store it as it is.
            Type::Num(k) if n.place() == Place::Obj && n.ty == *dest => n,
            Type::Num(k) => {
                let v = self.unboxed(sema, n, *k, span);
                self.node(K::Box(*k, Box::new(v)), dest.clone(), span)
            }
            Type::Void => self.boxed(sema, n, span),
            _ => {
                let from_int = matches!(n.place(), Place::Int(_));
                let is_null = n.kind == K::Null;
                let n = self.boxed(sema, n, span);
                let target = class_of(dest).unwrap_or_else(|| names::OBJECT.to_string());
                // Class files do not record implemented interfaces, so the
                // VM could not check a cast to one: conversions to an
                // interface type are unchecked (deviation S27).
                if is_null || target == names::OBJECT || sema.classes.is_interface(&target) {
                    return n;
                }
                let ok = match (&n.ty, dest) {
                    (a, b) if a == b => true,
                    (Type::Container { .. }, Type::Container { .. }) => true,
                    (Type::Unknown, _) => false,
                    (src, _) => {
                        class_of(src).is_some_and(|c| sema.classes.is_subclass(&c, &target))
                    }
                };
                if ok {
                    return n;
                }
                if from_int || n.ty == Type::String && !matches!(dest, Type::Class(_)) {
                    cannot_store(sema, &n.ty, dest, span);
                    return n;
                }
                let src_class = class_of(&n.ty);
                if let Some(sc) = &src_class {
                    if !sema.classes.is_subclass(&target, sc) {
                        sema.error(
                            Diagnostic::warning("W0005", format!("`{}` is not related to `{dest}`; the cast will fail at run time", n.ty)).at(span.clone(), format!("{} is never {}", diag::article(&n.ty), diag::article(dest)))
                                .with_note("values are converted with a checked cast when they are stored"),
                        );
                    }
                }
                self.node(
                    K::Cast {
                        class: summon_for(&target),
                        value: Box::new(n),
                    },
                    dest.clone(),
                    span,
                )
            }
        }
    }

    // ------------------------------------------------------------ expressions

    /// An expression. Only dispatches: each form has its own function, and
    /// those that recurse first evaluate their operands and then hand them
    /// to a second function that does the rest. Every level of nesting
    /// repeats only the small first frames, which matters in unoptimised
    /// builds, where a function gets a stack slot for every temporary.
    /// Checks and lowers an expression, recording its type in the index.
    fn expr(&mut self, sema: &mut Sema, scope: &Scope, cp: &mut Consts, e: &Expr) -> Node {
        let n = self.expr_inner(sema, scope, cp, e);
        sema.index.exprs.push(ExprType {
            file: sema.file,
            span: e.span.clone(),
            ty: n.ty.clone(),
        });
        n
    }

    fn expr_inner(&mut self, sema: &mut Sema, scope: &Scope, cp: &mut Consts, e: &Expr) -> Node {
        let sp = &e.span;
        match &e.kind {
            E::Error => self.poisoned(sp),
            E::Int(v) => self.int_literal(sema, *v, sp),
            E::Str(b) => self.node(
                K::StrConst {
                    id: cp.id(b),
                    bytes: b.clone(),
                },
                Type::String,
                sp,
            ),
            E::ImportFile(path) => self.import_file(sema, path, sp),
            E::Null => self.node(K::Null, Type::object(), sp),
            E::This => self.node(K::This, Type::Class(self.class.clone()), sp),
            E::Ident(name) => self.ident(sema, name, sp),
            E::Cast(t, v) => self.cast(sema, scope, cp, t, v, sp),
            E::Not(v) | E::BitNot(v) | E::Neg(v) => self.unary(sema, scope, cp, e, v),
            E::Binary(op, a, b) => self.binary(sema, scope, cp, *op, a, b, sp),
            E::Assign(t, v) => self.assign(sema, scope, cp, t, v, true, sp),
            E::ValueAssign(..) => {
                sema.error(
                    Diagnostic::error("E0412", "`.=` is not supported")
                        .at(sp.clone(), "`.=` is not supported")
                        .with_note(
                            "the original compiler parsed `.=` but never generated code for it",
                        ),
                );
                self.poisoned(sp)
            }
            E::Index(a, i) => self.index(sema, scope, cp, a, i, sp),
            E::Field(recv, f) => {
                let r = self.expr(sema, scope, cp, recv);
                self.other_field(sema, recv, is_poisoned(&r), f, None);
                self.poisoned(sp)
            }
            E::Call(recv, m, args) => self.call(sema, scope, cp, recv.as_deref(), m, args, sp),
            E::New(t, args) => self.new_expr(sema, scope, cp, t, args, sp),
            E::NewDynamic(c, hint, args) => {
                self.new_dynamic(sema, scope, cp, c, hint.as_ref(), !args.is_empty(), sp)
            }
        }
    }

    fn int_literal(&mut self, sema: &mut Sema, v: i64, sp: &Span) -> Node {
        // Hex and octal literals up to 32 bits keep their bit pattern
        // (`0xFFFFFFFF` is -1); a decimal one must be an `int` value.
        let text = self.file.text.get(sp.clone()).unwrap_or("");
        let decimal = !text.trim_start_matches('-').starts_with('0');
        let range = if decimal {
            i64::from(i32::MIN)..=i64::from(i32::MAX)
        } else {
            i64::from(i32::MIN)..=i64::from(u32::MAX)
        };
        let v = if range.contains(&v) {
            v as i32
        } else {
            let what = if decimal {
                "an `int` (-2147483648 to 2147483647)"
            } else {
                "32 bits"
            };
            sema.error(
                Diagnostic::error("E0411", format!("integer literal does not fit in {what}")).at(sp.clone(), "too large")
                    .with_note("literals are `int`; there are no `long` literals: compute the value, e.g. `var l : long; l = 3; l = l * 1000000000;`"),
            );
            0
        };
        self.node(K::IntConst(v), Type::INT, sp)
    }

    fn import_file(&mut self, sema: &mut Sema, path: &[u8], sp: &Span) -> Node {
        let p = String::from_utf8_lossy(path).into_owned();
        let base = self.file.path.parent().map(|d| d.join(&p));
        // Only regular files: a device such as /dev/zero would never end.
        let read = |f: &std::path::Path| {
            std::fs::metadata(f)
                .is_ok_and(|m| m.is_file())
                .then(|| std::fs::read(f).ok())
                .flatten()
        };
        let data = base
            .as_deref()
            .and_then(read)
            .or_else(|| read(std::path::Path::new(&p)));
        match data {
            Some(d) => self.node(K::BinConst(d), Type::String, sp),
            None => {
                sema.error(
                    Diagnostic::error("E0414", format!("cannot read `{p}`")).at(sp.clone(), "file not found")
                        .with_note("`import \"file\"` is looked up next to the source file, then in the working directory"),
                );
                self.node(K::BinConst(Vec::new()), Type::String, sp)
            }
        }
    }

    /// `!v`, `v ~` and `-v` (`e` is the whole expression).
    fn unary(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        e: &Expr,
        v: &Expr,
    ) -> Node {
        let n = self.expr(sema, scope, cp, v);
        self.unary_of(sema, e, n, &v.span)
    }

    fn unary_of(&mut self, sema: &mut Sema, e: &Expr, n: Node, vs: &Span) -> Node {
        let sp = &e.span;
        match &e.kind {
            E::Not(_) => {
                let n = self.unboxed(sema, n, NumKind::Int, vs);
                self.node(
                    K::Arith {
                        op: ArithOp::LogNot,
                        kind: NumKind::Int,
                        lhs: Box::new(n),
                        rhs: None,
                    },
                    Type::INT,
                    sp,
                )
            }
            E::BitNot(_) => {
                let (n, k) = self.numeric(sema, n, vs);
                if k.is_float() {
                    sema.error(
                        Diagnostic::error(
                            "E0410",
                            format!("`~` needs an integer, not {}", diag::article(k.name())),
                        )
                        .at(sp.clone(), format!("this is {}", diag::article(k.name()))),
                    );
                }
                self.node(
                    K::Arith {
                        op: ArithOp::Not,
                        kind: k,
                        lhs: Box::new(n),
                        rhs: None,
                    },
                    Type::Num(k),
                    sp,
                )
            }
            _ => {
                let (n, k) = self.numeric(sema, n, vs);
                let zero = self.node(K::IntConst(0), Type::INT, sp);
                let zero = self.converted(zero, NumKind::Int, k, sp);
                self.node(
                    K::Arith {
                        op: ArithOp::SubLu,
                        kind: k,
                        lhs: Box::new(zero),
                        rhs: Some(Box::new(n)),
                    },
                    Type::Num(k),
                    sp,
                )
            }
        }
    }

    fn index(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        a: &Expr,
        i: &Expr,
        sp: &Span,
    ) -> Node {
        let arr = self.expr(sema, scope, cp, a);
        let arr = self.boxed(sema, arr, &a.span);
        let idx = self.expr(sema, scope, cp, i);
        self.index_of(sema, arr, idx, &i.span, sp)
    }

    fn index_of(&mut self, sema: &mut Sema, arr: Node, idx: Node, is: &Span, sp: &Span) -> Node {
        let elem = match &arr.ty {
            Type::Container { elem: Some(t), .. } => (**t).clone(),
            Type::Error => Type::Error,
            _ => Type::Unknown,
        };
        let idx = self.index_value(sema, idx, is);
        self.node(
            K::Index {
                array: Box::new(arr),
                index: Box::new(idx),
            },
            elem,
            sp,
        )
    }

    /// A subscript: an int, boxed (container methods take objects).
    fn index_value(&mut self, sema: &mut Sema, idx: Node, is: &Span) -> Node {
        let idx = self.unboxed(sema, idx, NumKind::Int, is);
        self.boxed(sema, idx, is)
    }

    #[allow(clippy::too_many_arguments)]
    fn new_dynamic(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        c: &Expr,
        hint: Option<&ast::TypeExpr>,
        has_args: bool,
        sp: &Span,
    ) -> Node {
        let cls = self.expr(sema, scope, cp, c);
        let cls = self.boxed(sema, cls, &c.span);
        let ty = hint.map_or(Type::Unknown, |t| sema.resolve_type(scope, t));
        if has_args {
            sema.error(
                Diagnostic::warning(
                    "W0003",
                    "`new *(...)` runs no constructor; the arguments are ignored",
                )
                .at(sp.clone(), "these arguments are ignored")
                .with_help("call an initialising method on the new object instead"),
            );
        }
        self.node(K::NewDynamic(Box::new(cls)), ty, sp)
    }

    fn ident(&mut self, sema: &mut Sema, name: &str, sp: &Span) -> Node {
        // Lookup order of the original: fields, then locals and arguments.
        if let Some(f) = sema.classes.find_field(&self.class, name) {
            self.record_field(sema, name, &f.ty, sp);
            return self.node(
                K::GetField {
                    name: name.to_string(),
                    ordinal: f.ordinal,
                },
                f.ty,
                sp,
            );
        }
        if let Some(v) = self.vars.get(name) {
            let ty = v.ty.clone();
            sema.index.add(
                sema.file,
                sp.clone(),
                v.symbol(sema.file),
                ty.clone(),
                false,
            );
            return self.node(K::GetLocal(v.local.clone()), ty, sp);
        }
        if let Some((value, meaning)) = match name {
            "true" => Some((1, "true")),
            "false" => Some((0, "false")),
            _ => None,
        } {
            sema.error(
                Diagnostic::error("E0400", format!("Phantom has no `{name}`"))
                    .at(sp.clone(), format!("use `{value}` for {meaning}"))
                    .with_help(format!(
                        "conditions are numbers: `0` is false and any other number is true; write `{value}`"
                    )),
            );
            return self.poisoned(sp);
        }
        let mut d = Diagnostic::error("E0400", format!("cannot find `{name}` in this method"))
            .at(sp.clone(), "no variable, argument or field has this name");
        if let Some(close) = self.vars.keys().find(|k| similar(k, name)) {
            d = d.with_help(format!("a local with a similar name exists: `{close}`"));
        } else {
            d = d.with_help(format!(
                "declare it with `var {name} : int;` (or another type)"
            ));
        }
        sema.error(d);
        self.poisoned(sp)
    }

    fn cast(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        t: &ast::TypeExpr,
        v: &Expr,
        sp: &Span,
    ) -> Node {
        let target = sema.resolve_type(scope, t);
        let n = self.expr(sema, scope, cp, v);
        self.cast_of(sema, target, n, t, sp)
    }

    fn cast_of(
        &mut self,
        sema: &mut Sema,
        target: Type,
        n: Node,
        t: &ast::TypeExpr,
        sp: &Span,
    ) -> Node {
        match &target {
            Type::Num(k) => {
                if n.place() == Place::Obj && n.ty == Type::Unknown {
                    // Read as an int, as every untyped value is, but without
                    // the "untyped value" warning: the cast states the type.
                    let n = self.node(K::Unbox(NumKind::Int, Box::new(n)), Type::INT, sp);
                    return self.converted(n, NumKind::Int, *k, sp);
                }
                if n.place() == Place::Obj && !matches!(n.ty, Type::Num(_)) {
                    // Checked: the object must be a boxed number of this kind.
                    let c = self.node(
                        K::Cast {
                            class: summon_for(k.class_name()),
                            value: Box::new(n),
                        },
                        target.clone(),
                        sp,
                    );
                    return self.node(K::Unbox(*k, Box::new(c)), target.clone(), sp);
                }
                self.unboxed(sema, n, *k, sp)
            }
            Type::Void => {
                sema.error(
                    Diagnostic::warning("W0001", "a cast to `void` does nothing")
                        .at(t.span.clone(), "this cast has no effect"),
                );
                n
            }
            // Already reported.
            Type::Error => self.poisoned(sp),
            // Not a type a cast can name.
            Type::Unknown => self.poisoned(sp),
            _ => {
                let n = self.boxed(sema, n, sp);
                if n.ty == target {
                    return n;
                }
                let class = class_of(&target).unwrap_or_else(|| names::OBJECT.to_string());
                if sema.classes.is_interface(&class) {
                    // Unchecked, as in `store_conv`.
                    let mut n = n;
                    n.ty = target;
                    return n;
                }
                self.node(
                    K::Cast {
                        class: summon_for(&class),
                        value: Box::new(n),
                    },
                    target,
                    sp,
                )
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn binary(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        op: BinOp,
        a: &Expr,
        b: &Expr,
        sp: &Span,
    ) -> Node {
        let l = self.expr(sema, scope, cp, a);
        let r = self.expr(sema, scope, cp, b);
        self.binary_of(sema, op, l, r, a, b, sp)
    }

    #[allow(clippy::too_many_arguments)]
    fn binary_of(
        &mut self,
        sema: &mut Sema,
        op: BinOp,
        l: Node,
        r: Node,
        a: &Expr,
        b: &Expr,
        sp: &Span,
    ) -> Node {
        match op {
            BinOp::RefEq | BinOp::RefNe => {
                let l = self.boxed(sema, l, &a.span);
                let r = self.boxed(sema, r, &b.span);
                self.node(
                    K::RefCmp {
                        lhs: Box::new(l),
                        rhs: Box::new(r),
                        eq: op == BinOp::RefEq,
                    },
                    Type::INT,
                    sp,
                )
            }
            BinOp::Eq | BinOp::Ne => {
                let negate = op == BinOp::Ne;
                let numeric =
                    |n: &Node| matches!(n.place(), Place::Int(_)) || matches!(n.ty, Type::Num(_));
                let on_int = |n: &Node| matches!(n.place(), Place::Int(_));
                // Numbers compare by value when both are numbers and one is already unboxed;
                // otherwise `equals` decides, as in the original.
                if numeric(&l) && numeric(&r) && (on_int(&l) || on_int(&r)) {
                    let (l, r, k) = self.unify(sema, l, r, &a.span, &b.span);
                    let temps = if k == NumKind::Int {
                        0
                    } else {
                        self.temp_int(2 * k.cells())
                    };
                    return self.node(
                        K::NumEq {
                            kind: k,
                            lhs: Box::new(l),
                            rhs: Box::new(r),
                            negate,
                            temps,
                        },
                        Type::INT,
                        sp,
                    );
                }
                let l = self.boxed(sema, l, &a.span);
                let r = self.boxed(sema, r, &b.span);
                self.node(
                    K::ObjEquals {
                        lhs: Box::new(l),
                        rhs: Box::new(r),
                        negate,
                    },
                    Type::INT,
                    sp,
                )
            }
            // With an operand already reported, even the kind of the
            // result (a number of which width, or a string) is unknown.
            BinOp::Add
            | BinOp::Sub
            | BinOp::Mul
            | BinOp::Div
            | BinOp::Rem
            | BinOp::BitOr
            | BinOp::BitAnd
                if is_poisoned(&l) || is_poisoned(&r) =>
            {
                self.poisoned(sp)
            }
            BinOp::Add if l.ty == Type::String || r.ty == Type::String => {
                self.concat(sema, l, r, a, b, sp)
            }
            _ => {
                let (l, r, k) = self.unify(sema, l, r, &a.span, &b.span);
                let aop = match op {
                    BinOp::LogOr => ArithOp::LogOr,
                    BinOp::LogAnd => ArithOp::LogAnd,
                    BinOp::Gt => ArithOp::Gt,
                    BinOp::Lt => ArithOp::Lt,
                    BinOp::Ge => ArithOp::Ge,
                    BinOp::Le => ArithOp::Le,
                    BinOp::Add => ArithOp::Add,
                    BinOp::Sub => ArithOp::SubLu,
                    BinOp::Mul => ArithOp::Mul,
                    BinOp::Div => ArithOp::DivLu,
                    BinOp::Rem => ArithOp::RemLu,
                    BinOp::BitOr => ArithOp::Or,
                    BinOp::BitAnd => ArithOp::And,
                    BinOp::Eq | BinOp::Ne | BinOp::RefEq | BinOp::RefNe => {
                        unreachable!("handled above")
                    }
                };
                if aop.is_integer_only() && k.is_float() {
                    sema.error(
                        Diagnostic::error(
                            "E0410",
                            format!(
                                "`{}` needs integers, not {}",
                                op.text(),
                                diag::article(k.name())
                            ),
                        )
                        .at(sp.clone(), format!("the operands are `{}`", k.name()))
                        .with_help("convert first, e.g. `(int) x`"),
                    );
                }
                let ty = if aop.yields_int() || matches!(aop, ArithOp::LogOr | ArithOp::LogAnd) {
                    Type::INT
                } else {
                    Type::Num(k)
                };
                let (l, r, k) =
                    if matches!(aop, ArithOp::LogOr | ArithOp::LogAnd) && k != NumKind::Int {
                        let l = self.unboxed(sema, l, NumKind::Int, &a.span);
                        let r = self.unboxed(sema, r, NumKind::Int, &b.span);
                        (l, r, NumKind::Int)
                    } else {
                        (l, r, k)
                    };
                self.node(
                    K::Arith {
                        op: aop,
                        kind: k,
                        lhs: Box::new(l),
                        rhs: Some(Box::new(r)),
                    },
                    ty,
                    sp,
                )
            }
        }
    }

    /// `a + b` with a string operand: `a.concat(b.toString())`.
    fn concat(&mut self, sema: &mut Sema, l: Node, r: Node, a: &Expr, b: &Expr, sp: &Span) -> Node {
        let l = self.stringify(sema, l, &a.span);
        let r = self.stringify(sema, r, &b.span);
        let recv = self.boxed(sema, l, &a.span);
        self.node(
            K::Call {
                receiver: Box::new(recv),
                name: Some("concat".into()),
                ordinal: 10,
                args: vec![r],
            },
            Type::String,
            sp,
        )
    }

    fn stringify(&mut self, sema: &mut Sema, n: Node, sp: &Span) -> Node {
        if n.ty == Type::String {
            return self.boxed(sema, n, sp);
        }
        let n = self.boxed(sema, n, sp);
        self.node(
            K::Call {
                receiver: Box::new(n),
                name: Some("toString".into()),
                ordinal: 5,
                args: Vec::new(),
            },
            Type::String,
            sp,
        )
    }

    fn unify(
        &mut self,
        sema: &mut Sema,
        l: Node,
        r: Node,
        ls: &Span,
        rs: &Span,
    ) -> (Node, Node, NumKind) {
        let (l, lk) = self.numeric(sema, l, ls);
        let (r, rk) = self.numeric(sema, r, rs);
        let k = lk.unify(rk);
        (
            self.converted(l, lk, k, ls),
            self.converted(r, rk, k, rs),
            k,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn assign(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        t: &Expr,
        v: &Expr,
        keep: bool,
        sp: &Span,
    ) -> Node {
        match &t.kind {
            E::Ident(name) => {
                let val = self.expr(sema, scope, cp, v);
                self.assign_name(sema, name, val, &t.span, &v.span, keep, sp)
            }
            E::Index(a, i) => {
                let arr = self.expr(sema, scope, cp, a);
                let arr = self.boxed(sema, arr, &a.span);
                let val = self.expr(sema, scope, cp, v);
                let idx = self.expr(sema, scope, cp, i);
                let spans = [&v.span, &i.span, sp];
                self.assign_index(sema, arr, val, idx, spans, keep)
            }
            E::Field(recv, f) => {
                let r = self.expr(sema, scope, cp, recv);
                self.other_field(sema, recv, is_poisoned(&r), f, Some(v));
                self.expr(sema, scope, cp, v)
            }
            _ => {
                sema.error(
                    Diagnostic::error("E0405", "cannot assign to this expression")
                        .at(t.span.clone(), "not a variable, field or array element")
                        .with_note(
                            "only variables, fields of `this` and array elements can be assigned",
                        ),
                );
                self.expr(sema, scope, cp, v)
            }
        }
    }

    /// `recv.name`, read or (with the value) assigned: fields are private to
    /// their object, so explain how to reach them. Quiet when the receiver
    /// was already reported.
    fn other_field(
        &self,
        sema: &mut Sema,
        recv: &Expr,
        reported: bool,
        f: &ast::Ident,
        value: Option<&Expr>,
    ) {
        if reported {
            return;
        }
        let name = &f.text;
        let src = |e: &Expr| self.file.text.get(e.span.clone()).unwrap_or("").to_string();
        let sp = recv.span.start..f.span.end;
        if recv.kind == E::This {
            sema.error(
                Diagnostic::error("E0426", format!("`this.{name}` is not Phantom"))
                    .at(sp, format!("write `{name}`"))
                    .with_note("inside its class, a field is named without `this.`"),
            );
            return;
        }
        let cap: String = name
            .chars()
            .take(1)
            .flat_map(char::to_uppercase)
            .chain(name.chars().skip(1))
            .collect();
        let r = src(recv);
        let d = match value {
            Some(v) => Diagnostic::error(
                "E0426",
                format!("cannot assign to field `{name}` of another object"),
            )
            .at(sp, "fields are private to their object")
            .with_help(format!(
                "add a method `set{cap}(v)` to the class and call `{r}.set{cap}({})`",
                src(v)
            )),
            None => Diagnostic::error(
                "E0426",
                format!("cannot read field `{name}` of another object"),
            )
            .at(sp, "fields are private to their object")
            .with_help(format!(
                "add a method `get{cap}()` to the class that returns it, and call `{r}.get{cap}()`"
            )),
        };
        sema.error(d.with_note("an object's fields are reached only through its methods"));
    }

    /// `name = val`: a field of `this`, else a local or argument.
    #[allow(clippy::too_many_arguments)]
    fn assign_name(
        &mut self,
        sema: &mut Sema,
        name: &str,
        val: Node,
        ts: &Span,
        vs: &Span,
        keep: bool,
        sp: &Span,
    ) -> Node {
        if let Some(f) = sema.classes.find_field(&self.class, name) {
            self.record_field(sema, name, &f.ty, ts);
            let val = self.store_conv(sema, val, &f.ty, Place::Obj, vs);
            let target = Target::Field {
                name: name.to_string(),
                ordinal: f.ordinal,
            };
            return self.node(
                K::Assign {
                    target,
                    value: Box::new(val),
                    keep,
                },
                f.ty,
                sp,
            );
        }
        if let Some(var) = self.vars.get(name).cloned() {
            sema.index.add(
                sema.file,
                ts.clone(),
                var.symbol(sema.file),
                var.ty.clone(),
                false,
            );
            let val = self.store_conv(sema, val, &var.ty, var.local.place, vs);
            return self.node(
                K::Assign {
                    target: Target::Local(var.local),
                    value: Box::new(val),
                    keep,
                },
                var.ty,
                sp,
            );
        }
        self.ident(sema, name, ts)
    }

    /// `arr[idx] = val`; `spans` are those of the value, the index and the
    /// whole assignment.
    fn assign_index(
        &mut self,
        sema: &mut Sema,
        arr: Node,
        val: Node,
        idx: Node,
        spans: [&Span; 3],
        keep: bool,
    ) -> Node {
        let [vs, is, sp] = spans;
        let elem = match &arr.ty {
            Type::Container { elem: Some(e), .. } => (**e).clone(),
            _ => Type::Unknown,
        };
        let val = self.store_conv(sema, val, &elem, Place::Obj, vs);
        let idx = self.index_value(sema, idx, is);
        self.node(
            K::IndexSet {
                array: Box::new(arr),
                index: Box::new(idx),
                value: Box::new(val),
                keep,
            },
            elem,
            sp,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn call(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        recv: Option<&Expr>,
        m: &MethodId,
        args: &[Expr],
        sp: &Span,
    ) -> Node {
        let receiver = match recv {
            Some(r) => {
                let n = self.expr(sema, scope, cp, r);
                self.boxed(sema, n, &r.span)
            }
            None => self.node(K::This, Type::Class(self.class.clone()), sp),
        };
        match m {
            MethodId::Ordinal(n, osp) => {
                let args = self.boxed_args(sema, scope, cp, args);
                self.ordinal_call(sema, receiver, *n, osp, args, sp)
            }
            MethodId::Dynamic(e) => {
                let name = self.expr(sema, scope, cp, e);
                let args = self.boxed_args(sema, scope, cp, args);
                self.dynamic_call(sema, receiver, name, &e.span, args, sp)
            }
            MethodId::Name(_) if is_poisoned(&receiver) => {
                // Already reported; the arguments are still checked.
                self.boxed_args(sema, scope, cp, args);
                receiver
            }
            MethodId::Name(name) => {
                let args = self.arg_values(sema, scope, cp, args);
                let rs = recv.map_or(sp, |r| &r.span);
                self.named_call(sema, receiver, name, args, [rs, sp])
            }
        }
    }

    fn ordinal_call(
        &mut self,
        sema: &mut Sema,
        receiver: Node,
        n: u64,
        osp: &Span,
        args: Vec<Node>,
        sp: &Span,
    ) -> Node {
        if n > 0xFFFF {
            sema.error(
                Diagnostic::error("E0309", "method ordinal is too large")
                    .at(osp.clone(), "larger than 65535"),
            );
        }
        self.node(
            K::Call {
                receiver: Box::new(receiver),
                name: None,
                ordinal: n as u32,
                args,
            },
            Type::Unknown,
            sp,
        )
    }

    /// `receiver.(name)(args)`: the method is looked up by name at run time.
    fn dynamic_call(
        &mut self,
        sema: &mut Sema,
        receiver: Node,
        name: Node,
        ns: &Span,
        args: Vec<Node>,
        sp: &Span,
    ) -> Node {
        if !matches!(name.ty, Type::String | Type::Unknown | Type::Error) {
            sema.error(
                Diagnostic::error(
                    "E0418",
                    format!(
                        "a method name must be a string, not {}",
                        diag::article(&name.ty)
                    ),
                )
                .at(ns.clone(), format!("this is {}", diag::article(&name.ty)))
                .with_help(
                    "call by ordinal with `obj.16(args)`, or by name with `obj.(\"name\")(args)`",
                ),
            );
        }
        let name = self.boxed(sema, name, ns);
        self.node(
            K::DynamicCall {
                receiver: Box::new(receiver),
                name: Box::new(name),
                args,
            },
            Type::Unknown,
            sp,
        )
    }

    /// `receiver.name(args)`; `spans` are those of the receiver (the call
    /// itself for an implicit `this`) and of the call.
    fn named_call(
        &mut self,
        sema: &mut Sema,
        receiver: Node,
        name: &ast::Ident,
        args: Vec<(Node, Span)>,
        spans: [&Span; 2],
    ) -> Node {
        let [rs, sp] = spans;
        let Some(class) = class_of(&receiver.ty) else {
            sema.error(
                Diagnostic::error(
                    "E0409",
                    format!("cannot call `{}` on a value of unknown type", name.text),
                )
                .at(rs.clone(), "this value has no declared type")
                .with_help("declare the variable's type, or call by ordinal (`obj.16(x)`)"),
            );
            return self.poisoned(sp);
        };
        let Some((sig, args)) = self.bind_args(sema, &class, &name.text, args, &name.span) else {
            return self.poisoned(sp);
        };
        let owner = sema
            .classes
            .method_owner(&class, sig.ordinal)
            .unwrap_or(class);
        sema.index.add(
            sema.file,
            name.span.clone(),
            Symbol::Method {
                class: owner,
                name: sig.name.clone(),
                ordinal: sig.ordinal,
            },
            sig.ret.clone(),
            false,
        );
        self.node(
            K::Call {
                receiver: Box::new(receiver),
                name: Some(name.text.clone()),
                ordinal: sig.ordinal,
                args,
            },
            sig.ret,
            sp,
        )
    }

    /// Evaluates call arguments, left to right.
    fn arg_values(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        args: &[Expr],
    ) -> Vec<(Node, Span)> {
        // A plain loop: iterator adapters would add frames to every level
        // of nested calls in unoptimised builds.
        let mut out = Vec::with_capacity(args.len());
        for a in args {
            let n = self.expr(sema, scope, cp, a);
            out.push((n, a.span.clone()));
        }
        out
    }

    /// Arguments of a call whose signature is not known: each as it is, boxed.
    fn boxed_args(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        args: &[Expr],
    ) -> Vec<Node> {
        self.arg_values(sema, scope, cp, args)
            .into_iter()
            .map(|(n, s)| self.boxed(sema, n, &s))
            .collect()
    }

    /// Picks the overload of `class`'s method `name` (`<init>` for a
    /// constructor) that takes these arguments, and converts each argument
    /// to its parameter's type. Reports and returns `None` if none fits.
    fn bind_args(
        &mut self,
        sema: &mut Sema,
        class: &str,
        name: &str,
        args: Vec<(Node, Span)>,
        sp: &Span,
    ) -> Option<(MethodSig, Vec<Node>)> {
        let sig = self.resolve_overload(sema, class, name, &args, sp)?;
        let args = args
            .into_iter()
            .zip(&sig.args)
            .map(|((n, s), p)| {
                if p.ty == Type::String && is_number(&n) {
                    // Only chosen when no overload takes the number itself.
                    sema.error(
                        Diagnostic::warning("W0008", format!("{} is passed where a `string` is expected", diag::article(&n.ty))).at(s.clone(), "converted with `toString()`")
                        .with_note("the original compiler before 2016 passed numbers to `string` parameters as they were"),
                    );
                    return self.stringify(sema, n, &s);
                }
                self.store_conv(sema, n, &p.ty, Place::Obj, &s)
            })
            .collect();
        Some((sig, args))
    }

    /// Picks the method: exact argument types first, then the first whose parameters accept the arguments.
    fn resolve_overload(
        &mut self,
        sema: &mut Sema,
        class: &str,
        name: &str,
        args: &[(Node, Span)],
        sp: &Span,
    ) -> Option<MethodSig> {
        let cands: Vec<MethodSig> = if name == "<init>" {
            sema.classes
                .known(class)
                .map(|c| c.methods.iter().filter(|m| m.is_ctor).cloned().collect())
                .unwrap_or_default()
        } else {
            sema.classes.methods_named(class, name)
        };
        let arg_tys: Vec<Type> = args.iter().map(|(n, _)| n.ty.clone()).collect();
        let shown = |n: &str| {
            if n == "<init>" {
                "constructor".to_string()
            } else {
                format!("method `{n}`")
            }
        };
        if cands.is_empty() {
            let mut d =
                Diagnostic::error("E0401", format!("no {} in class `{class}`", shown(name))).at(
                    sp.clone(),
                    if name == "<init>" {
                        "the class has no constructor".to_string()
                    } else {
                        format!("not found in `{class}`")
                    },
                );
            if name != "<init>" {
                let all = sema.classes.all_methods(class);
                if let Some(c) = all.iter().find(|m| similar(&m.name, name)) {
                    d = d.with_help(format!("a method with a similar name exists: `{}`", c.name));
                }
            }
            sema.error(d);
            return None;
        }
        let exact = cands.iter().find(|m| {
            m.args.len() == args.len() && m.args.iter().zip(&arg_tys).all(|(p, a)| &p.ty == a)
        });
        if let Some(m) = exact {
            return Some(m.clone());
        }
        // An untyped argument first looks for an untyped or
        // `.internal.object` parameter: taking the first overload of any
        // class would cast at run time and fail for every other class
        // (`new .phantom.io.console(boot)` chose the `tty` constructor).
        let loose = |t: &Type| match t {
            Type::Unknown => true,
            Type::Class(c) => c == names::OBJECT,
            _ => false,
        };
        for strict in [true, false] {
            for m in &cands {
                if m.args.len() == args.len()
                    && m.args.iter().zip(args).all(|(p, (a, _))| {
                        accepts(sema, &p.ty, a)
                            && !(strict && a.ty == Type::Unknown && !loose(&p.ty))
                    })
                {
                    return Some(m.clone());
                }
            }
        }
        // Older original sources pass numbers to `string` parameters
        // (`print(i)`); [`Fx::bind_args`] converts them, with a warning.
        for m in &cands {
            if m.args.len() == args.len()
                && m.args.iter().zip(args).all(|(p, (a, _))| {
                    accepts(sema, &p.ty, a) || p.ty == Type::String && is_number(a)
                })
            {
                return Some(m.clone());
            }
        }
        let list = arg_tys
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let mut d = Diagnostic::error(
            "E0402",
            format!("no {} of `{class}` takes ({list})", shown(name)),
        )
        .at(sp.clone(), {
            let counts: Vec<usize> = cands.iter().map(|c| c.args.len()).collect();
            match counts[..] {
                [n, ..] if counts.iter().all(|&c| c == n) && n != args.len() => format!(
                    "takes {n} argument{}, not {}",
                    if n == 1 { "" } else { "s" },
                    args.len()
                ),
                _ => "no candidate takes these argument types".to_string(),
            }
        });
        for c in &cands {
            let ps = c
                .args
                .iter()
                .map(|a| format!("{}: {}", a.name, a.ty))
                .collect::<Vec<_>>()
                .join(", ");
            d = d.with_note(format!(
                "candidate: {}({ps})",
                if c.is_ctor { "<init>" } else { &c.name }
            ));
        }
        sema.error(d);
        None
    }

    fn new_expr(
        &mut self,
        sema: &mut Sema,
        scope: &Scope,
        cp: &mut Consts,
        t: &ast::TypeExpr,
        args: &[Expr],
        sp: &Span,
    ) -> Node {
        let ty = sema.resolve_type(scope, t);
        let arg_nodes = self.arg_values(sema, scope, cp, args);
        self.new_of(sema, ty, t, arg_nodes, sp)
    }

    /// `new T(args)` once the arguments are evaluated.
    fn new_of(
        &mut self,
        sema: &mut Sema,
        ty: Type,
        t: &ast::TypeExpr,
        arg_nodes: Vec<(Node, Span)>,
        sp: &Span,
    ) -> Node {
        let Some(class) = class_of(&ty).filter(|_| ty != Type::Void) else {
            if ty == Type::Void {
                sema.error(
                    Diagnostic::error("E0413", "cannot create a `void`")
                        .at(t.span.clone(), "`void` is not a class"),
                );
            }
            return self.poisoned(sp);
        };
        let native = class.starts_with(".internal.");
        if native {
            if !arg_nodes.is_empty() {
                sema.error(
                    Diagnostic::error("E0413", format!("`new {ty}` takes no arguments"))
                        .at(sp.clone(), "native classes take no constructor arguments")
                        .with_note(
                            "native classes are initialised by the VM, without a constructor",
                        ),
                );
            }
            return self.node(
                K::New {
                    class: summon_for(&class),
                    ctor: None,
                    args: Vec::new(),
                },
                ty,
                sp,
            );
        }
        if sema.classes.known(&class).is_some_and(|c| c.is_interface) {
            sema.error(
                Diagnostic::error(
                    "E0413",
                    format!("cannot create an instance of interface `{class}`"),
                )
                .at(t.span.clone(), "an interface"),
            );
        }
        let has_ctors = sema
            .classes
            .known(&class)
            .is_some_and(|c| c.methods.iter().any(|m| m.is_ctor));
        if !has_ctors && arg_nodes.is_empty() {
            // Class files from before default constructors were generated.
            return self.node(
                K::New {
                    class: summon_for(&class),
                    ctor: None,
                    args: Vec::new(),
                },
                ty,
                sp,
            );
        }
        let Some((sig, args)) = self.bind_args(sema, &class, "<init>", arg_nodes, &t.span) else {
            return self.node(K::Null, ty, sp);
        };
        self.node(
            K::New {
                class: summon_for(&class),
                ctor: Some(sig.ordinal),
                args,
            },
            ty,
            sp,
        )
    }
}

/// Whether a parameter of type `target` accepts the argument `arg`.
fn accepts(sema: &mut Sema, target: &Type, arg: &Node) -> bool {
    // The literal `null` is a value of every object type.
    if arg.kind == K::Null
        && matches!(
            target,
            Type::String | Type::Class(_) | Type::Container { .. }
        )
    {
        return true;
    }
    match (target, &arg.ty) {
        (Type::Void, _) | (_, Type::Void) => false,
        (Type::Unknown | Type::Error, _) | (_, Type::Unknown | Type::Error) => true,
        (Type::Num(_), Type::Num(_)) => true,
        (t, s) if t == s => true,
        (Type::Class(c), _) if c == names::OBJECT => true,
        (Type::Container { .. }, Type::Container { .. }) => true,
        (Type::Container { .. }, _) | (_, Type::Container { .. }) => false,
        (t, s) => match (class_of(t), class_of(s)) {
            (Some(tc), Some(sc)) => sema.classes.is_subclass(&sc, &tc),
            _ => false,
        },
    }
}

/// Error E0421: a value of type `from` cannot be stored where `dest` is expected.
fn cannot_store(sema: &mut Sema, from: &Type, dest: &Type, span: &Span) {
    sema.error(
        Diagnostic::error(
            "E0421",
            format!(
                "cannot store {} where {} is expected",
                diag::article(from),
                diag::article(dest)
            ),
        )
        .at(span.clone(), format!("expected {}", diag::article(dest))),
    );
}

/// Whether a value is a number (unboxed, or boxed with a numeric type).
fn is_number(n: &Node) -> bool {
    matches!(n.place(), Place::Int(_)) || matches!(n.ty, Type::Num(_))
}

/// A cheap "did you mean": same letters ignoring case, or one edit apart.
fn similar(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 || a.len() < 3 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}
