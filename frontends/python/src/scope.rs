//! Name analysis: which names a function binds, declares global or
//! nonlocal, and reads (its own reads and its inner functions' free names).

use std::collections::BTreeSet;

use rustpython_parser::ast::{self, Expr, Stmt};

/// What one scope (a function, a lambda, the module) does with names.
#[derive(Default, Debug)]
pub struct ScopeInfo {
    /// Names bound here: assignments, loop targets, defs, classes, imports,
    /// `except … as`.
    pub assigned: BTreeSet<String>,
    /// Names declared `global`.
    pub globals: BTreeSet<String>,
    /// Names declared `nonlocal`.
    pub nonlocals: BTreeSet<String>,
    /// Names read here or free in inner scopes.
    pub refs: BTreeSet<String>,
    /// Names free in inner scopes (functions, lambdas, class bodies).
    pub inner_free: BTreeSet<String>,
}

impl ScopeInfo {
    /// The names this scope reads without binding: its free names as seen
    /// from the enclosing scope.
    pub fn free(&self, params: &BTreeSet<String>) -> BTreeSet<String> {
        let mut f: BTreeSet<String> = self
            .refs
            .iter()
            .filter(|n| {
                !self.assigned.contains(*n) && !params.contains(*n) && !self.globals.contains(*n)
            })
            .cloned()
            .collect();
        f.extend(self.nonlocals.iter().cloned());
        f
    }
}

/// The parameter names of a function, in binding order.
pub fn param_names(args: &ast::Arguments) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for a in args.posonlyargs.iter().chain(&args.args) {
        v.push(a.def.arg.to_string());
    }
    if let Some(a) = &args.vararg {
        v.push(a.arg.to_string());
    }
    for a in &args.kwonlyargs {
        v.push(a.def.arg.to_string());
    }
    if let Some(a) = &args.kwarg {
        v.push(a.arg.to_string());
    }
    v
}

/// Analyses a function body (or the module's).
pub fn analyze(body: &[Stmt]) -> ScopeInfo {
    let mut s = ScopeInfo::default();
    for st in body {
        stmt(&mut s, st);
    }
    s
}

/// Analyses a lambda's body expression.
pub fn analyze_expr(e: &Expr) -> ScopeInfo {
    let mut s = ScopeInfo::default();
    expr(&mut s, e);
    s
}

/// Free names of an inner function, as its enclosing scope sees them.
fn function_free(args: &ast::Arguments, info: &ScopeInfo) -> BTreeSet<String> {
    let params: BTreeSet<String> = param_names(args).into_iter().collect();
    info.free(&params)
}

fn add_free(s: &mut ScopeInfo, free: BTreeSet<String>) {
    for n in free {
        s.refs.insert(n.clone());
        s.inner_free.insert(n);
    }
}

fn args_defaults(s: &mut ScopeInfo, args: &ast::Arguments) {
    for a in args
        .posonlyargs
        .iter()
        .chain(&args.args)
        .chain(&args.kwonlyargs)
    {
        if let Some(d) = &a.default {
            expr(s, d);
        }
    }
}

/// Whether a function body calls `super` (and so reads `__class__`).
pub fn uses_super(body: &[Stmt]) -> bool {
    analyze(body).refs.contains("super")
}

/// The free names of a class body: its own reads that it does not bind,
/// and its methods' free names (methods do not see the class's names).
pub fn class_free(body: &[Stmt]) -> BTreeSet<String> {
    let mut own = ScopeInfo::default();
    let mut methods = BTreeSet::new();
    for st in body {
        match st {
            Stmt::FunctionDef(f) => {
                own.assigned.insert(f.name.to_string());
                for d in &f.decorator_list {
                    expr(&mut own, d);
                }
                args_defaults(&mut own, &f.args);
                let info = analyze(&f.body);
                let mut free = function_free(&f.args, &info);
                free.remove("__class__");
                methods.extend(free);
            }
            other => stmt(&mut own, other),
        }
    }
    let mut f: BTreeSet<String> = own
        .refs
        .iter()
        .filter(|n| !own.assigned.contains(*n))
        .cloned()
        .collect();
    f.extend(methods);
    f
}

fn target(s: &mut ScopeInfo, t: &Expr) {
    match t {
        Expr::Name(n) => {
            s.assigned.insert(n.id.to_string());
        }
        Expr::Tuple(t) => t.elts.iter().for_each(|e| target(s, e)),
        Expr::List(t) => t.elts.iter().for_each(|e| target(s, e)),
        Expr::Starred(st) => target(s, &st.value),
        other => expr(s, other),
    }
}

fn stmts(s: &mut ScopeInfo, body: &[Stmt]) {
    for st in body {
        stmt(s, st);
    }
}

fn stmt(s: &mut ScopeInfo, st: &Stmt) {
    match st {
        Stmt::FunctionDef(f) => {
            s.assigned.insert(f.name.to_string());
            for d in &f.decorator_list {
                expr(s, d);
            }
            args_defaults(s, &f.args);
            let info = analyze(&f.body);
            let free = function_free(&f.args, &info);
            add_free(s, free);
        }
        Stmt::AsyncFunctionDef(f) => {
            s.assigned.insert(f.name.to_string());
        }
        Stmt::ClassDef(c) => {
            s.assigned.insert(c.name.to_string());
            for b in &c.bases {
                expr(s, b);
            }
            for d in &c.decorator_list {
                expr(s, d);
            }
            add_free(s, class_free(&c.body));
        }
        Stmt::Return(r) => {
            if let Some(v) = &r.value {
                expr(s, v);
            }
        }
        Stmt::Delete(d) => d.targets.iter().for_each(|t| expr(s, t)),
        Stmt::Assign(a) => {
            expr(s, &a.value);
            a.targets.iter().for_each(|t| target(s, t));
        }
        Stmt::AugAssign(a) => {
            expr(s, &a.value);
            if let Expr::Name(n) = &*a.target {
                s.refs.insert(n.id.to_string());
            }
            target(s, &a.target);
        }
        Stmt::AnnAssign(a) => {
            if let Some(v) = &a.value {
                expr(s, v);
                target(s, &a.target);
            }
        }
        Stmt::For(f) => {
            expr(s, &f.iter);
            target(s, &f.target);
            stmts(s, &f.body);
            stmts(s, &f.orelse);
        }
        Stmt::While(w) => {
            expr(s, &w.test);
            stmts(s, &w.body);
            stmts(s, &w.orelse);
        }
        Stmt::If(i) => {
            expr(s, &i.test);
            stmts(s, &i.body);
            stmts(s, &i.orelse);
        }
        Stmt::With(w) => {
            for it in &w.items {
                expr(s, &it.context_expr);
                if let Some(v) = &it.optional_vars {
                    target(s, v);
                }
            }
            stmts(s, &w.body);
        }
        Stmt::Raise(r) => {
            if let Some(e) = &r.exc {
                expr(s, e);
            }
            if let Some(e) = &r.cause {
                expr(s, e);
            }
        }
        Stmt::Try(t) => {
            stmts(s, &t.body);
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                if let Some(ty) = &h.type_ {
                    expr(s, ty);
                }
                if let Some(n) = &h.name {
                    s.assigned.insert(n.to_string());
                }
                stmts(s, &h.body);
            }
            stmts(s, &t.orelse);
            stmts(s, &t.finalbody);
        }
        Stmt::Assert(a) => {
            expr(s, &a.test);
            if let Some(m) = &a.msg {
                expr(s, m);
            }
        }
        Stmt::Import(i) => {
            for a in &i.names {
                let n = a.asname.as_ref().unwrap_or(&a.name).to_string();
                let first = n.split('.').next().unwrap_or("").to_string();
                s.assigned.insert(first);
            }
        }
        Stmt::ImportFrom(i) => {
            for a in &i.names {
                s.assigned
                    .insert(a.asname.as_ref().unwrap_or(&a.name).to_string());
            }
        }
        Stmt::Global(g) => g.names.iter().for_each(|n| {
            s.globals.insert(n.to_string());
        }),
        Stmt::Nonlocal(g) => g.names.iter().for_each(|n| {
            s.nonlocals.insert(n.to_string());
        }),
        Stmt::Expr(e) => expr(s, &e.value),
        _ => {}
    }
}

fn comprehension(s: &mut ScopeInfo, gens: &[ast::Comprehension], elts: &[&Expr]) {
    // The comprehension's own variables are not the function's: collect
    // what it reads into a scope of its own and keep only the free names.
    let mut inner = ScopeInfo::default();
    let mut bound = BTreeSet::new();
    for (i, g) in gens.iter().enumerate() {
        if i == 0 {
            expr(s, &g.iter);
        } else {
            expr(&mut inner, &g.iter);
        }
        let mut t = ScopeInfo::default();
        target(&mut t, &g.target);
        bound.extend(t.assigned);
        inner.refs.extend(t.refs);
        for c in &g.ifs {
            expr(&mut inner, c);
        }
    }
    for e in elts {
        expr(&mut inner, e);
    }
    for n in inner.refs {
        if !bound.contains(&n) {
            s.refs.insert(n);
        }
    }
    for n in inner.inner_free {
        if !bound.contains(&n) {
            s.inner_free.insert(n);
        }
    }
}

fn expr(s: &mut ScopeInfo, e: &Expr) {
    match e {
        Expr::Name(n) => {
            s.refs.insert(n.id.to_string());
        }
        Expr::BoolOp(b) => b.values.iter().for_each(|v| expr(s, v)),
        Expr::NamedExpr(n) => {
            expr(s, &n.value);
            target(s, &n.target);
        }
        Expr::BinOp(b) => {
            expr(s, &b.left);
            expr(s, &b.right);
        }
        Expr::UnaryOp(u) => expr(s, &u.operand),
        Expr::Lambda(l) => {
            args_defaults(s, &l.args);
            let info = analyze_expr(&l.body);
            let free = function_free(&l.args, &info);
            add_free(s, free);
        }
        Expr::IfExp(i) => {
            expr(s, &i.test);
            expr(s, &i.body);
            expr(s, &i.orelse);
        }
        Expr::Dict(d) => {
            d.keys.iter().flatten().for_each(|k| expr(s, k));
            d.values.iter().for_each(|v| expr(s, v));
        }
        Expr::Set(x) => x.elts.iter().for_each(|v| expr(s, v)),
        Expr::ListComp(c) => comprehension(s, &c.generators, &[&c.elt]),
        Expr::SetComp(c) => comprehension(s, &c.generators, &[&c.elt]),
        Expr::GeneratorExp(c) => comprehension(s, &c.generators, &[&c.elt]),
        Expr::DictComp(c) => comprehension(s, &c.generators, &[&c.key, &c.value]),
        Expr::Compare(c) => {
            expr(s, &c.left);
            c.comparators.iter().for_each(|v| expr(s, v));
        }
        Expr::Call(c) => {
            expr(s, &c.func);
            c.args.iter().for_each(|v| expr(s, v));
            c.keywords.iter().for_each(|k| expr(s, &k.value));
        }
        Expr::FormattedValue(f) => {
            expr(s, &f.value);
            if let Some(sp) = &f.format_spec {
                expr(s, sp);
            }
        }
        Expr::JoinedStr(j) => j.values.iter().for_each(|v| expr(s, v)),
        Expr::Attribute(a) => expr(s, &a.value),
        Expr::Subscript(x) => {
            expr(s, &x.value);
            expr(s, &x.slice);
        }
        Expr::Starred(x) => expr(s, &x.value),
        Expr::List(x) => x.elts.iter().for_each(|v| expr(s, v)),
        Expr::Tuple(x) => x.elts.iter().for_each(|v| expr(s, v)),
        Expr::Slice(x) => {
            for p in [&x.lower, &x.upper, &x.step].into_iter().flatten() {
                expr(s, p);
            }
        }
        Expr::Yield(y) => {
            if let Some(v) = &y.value {
                expr(s, v);
            }
        }
        Expr::YieldFrom(y) => expr(s, &y.value),
        Expr::Await(a) => expr(s, &a.value),
        Expr::Constant(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustpython_parser::Parse;

    fn suite(src: &str) -> Vec<Stmt> {
        ast::Suite::parse(src, "t.py").expect("parses")
    }

    #[test]
    fn inner_functions_make_cells_of_what_they_read() {
        let s =
            suite("def f():\n    x = 1\n    y = 2\n    def g():\n        return x\n    return g\n");
        let Stmt::FunctionDef(f) = &s[0] else {
            panic!("a def")
        };
        let info = analyze(&f.body);
        assert!(info.assigned.contains("x") && info.assigned.contains("g"));
        assert!(info.inner_free.contains("x"));
        assert!(!info.inner_free.contains("y"));
    }

    #[test]
    fn declarations_and_comprehension_variables() {
        let s = suite("global a\nnonlocal b\nc = [i for i in range(3)]\nd += 1\n");
        let info = analyze(&s);
        assert!(info.globals.contains("a") && info.nonlocals.contains("b"));
        assert!(info.assigned.contains("c") && info.assigned.contains("d"));
        assert!(!info.assigned.contains("i") && !info.refs.contains("i"));
        assert!(info.refs.contains("range") && info.refs.contains("d"));
    }

    #[test]
    fn methods_do_not_see_class_names() {
        let s = suite("class C:\n    k = 1\n    def m(self):\n        return k + outer\n");
        let Stmt::ClassDef(c) = &s[0] else {
            panic!("a class")
        };
        let free = class_free(&c.body);
        assert!(free.contains("k") && free.contains("outer"));
        assert!(!free.contains("self"));
    }
}
