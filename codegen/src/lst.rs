//! The `.lst` annotated tree dump (`listings.md` §1).
//!
//! Node texts follow the reference compiler's where a node corresponds.
//! Differences forced by the IR: [`NodeKind::Box`] and [`NodeKind::Unbox`]
//! did not exist as nodes and are printed transparently (their child takes
//! their place); [`NodeKind::Convert`] and [`NodeKind::Cast`] both print as
//! `(cast)` with the target type; a statement-level assignment (which the
//! IR does not wrap in [`NodeKind::Discard`]) gets the `void ` wrapper the
//! reference compiler puts around every expression statement.

use std::fmt::Write as _;

use ir::code::ArithOp;
use ir::tree::{Node, NodeKind, SwitchItem, Target};
use ir::types::Type;
use ir::Class;

/// Deepest nesting printed; anything below is replaced by a `...` line.
pub const MAX_DEPTH: usize = ir::tree::MAX_DEPTH;

/// Renders the `.lst` of a class: `Class NAME`, `  Field NAME` lines, then
/// every method (in `class.methods` order) with its header, its tree at
/// level 2 (or `  -- No code!`) and an empty line.
pub fn render(class: &Class) -> String {
    let mut p = Printer {
        out: String::new(),
        depth: 0,
    };
    let _ = writeln!(p.out, "Class {}", class.info.name);
    for f in &class.info.fields {
        let _ = writeln!(p.out, "  Field {}", f.name);
    }
    for m in &class.methods {
        let head = if m.sig.is_ctor {
            "  C'tor  "
        } else {
            "  Method "
        };
        let args: Vec<String> = m
            .sig
            .args
            .iter()
            .map(|a| format!("{}: {}", a.name, a.ty))
            .collect();
        let _ = writeln!(
            p.out,
            "{head}{} {}( {} ):",
            m.sig.ret,
            m.sig.name,
            args.join(", ")
        );
        match &m.body {
            Some(b) => p.stmt(b, 2),
            None => p.out.push_str("  -- No code!\n"),
        }
        p.out.push('\n');
    }
    p.out
}

struct Printer {
    out: String,
    depth: usize,
}

fn arith_text(op: ArithOp) -> &'static str {
    match op {
        ArithOp::Add => "+",
        ArithOp::SubLu => "-",
        ArithOp::SubUl => "-ul",
        ArithOp::Mul => "*",
        ArithOp::DivLu => "/",
        ArithOp::DivUl => "/ul",
        ArithOp::RemLu => "%",
        ArithOp::RemUl => "%ul",
        ArithOp::Or => "|",
        ArithOp::And => "&",
        ArithOp::Xor => "^",
        ArithOp::Not => "~",
        ArithOp::LogAnd => "bool and",
        ArithOp::LogOr => "bool or",
        ArithOp::LogXor => "bool xor",
        ArithOp::LogNot => "bool not",
        ArithOp::Gt => ">",
        ArithOp::Lt => "<",
        ArithOp::Ge => ">=",
        ArithOp::Le => "<=",
        ArithOp::Shl => "<<",
        ArithOp::Shr => ">>",
        ArithOp::Ushr => ">>>",
    }
}

impl Printer {
    /// One tree line: indent, text, ` : type`, ` const`.
    fn line(&mut self, level: usize, text: &str, ty: &dyn std::fmt::Display, is_const: bool) {
        let _ = write!(self.out, "{:w$}{text} : {ty}", "", w = 2 * level);
        if is_const {
            self.out.push_str(" const");
        }
        self.out.push('\n');
    }

    fn void(&mut self, level: usize, text: &str) {
        self.line(level, text, &Type::Void, false);
    }

    /// A statement: expression statements get the `void ` wrapper.
    fn stmt(&mut self, n: &Node, level: usize) {
        let bare_expr = matches!(
            n.kind,
            NodeKind::Assign { keep: false, .. } | NodeKind::IndexSet { keep: false, .. }
        );
        if bare_expr {
            self.void(level, "void ");
            self.node(n, level + 1);
        } else {
            self.node(n, level);
        }
    }

    /// Left-nested `, ` nodes, printed without recursion: the `, ` lines
    /// descend one level each, then item 0 and 1 share the deepest level
    /// and each later item sits one level higher.
    fn seq(&mut self, items: &[Node], level: usize) {
        match items {
            [] => self.void(level, "empty"),
            [one] => self.stmt(one, level),
            _ => {
                let k = items.len();
                for i in 0..k - 1 {
                    self.void(level + i, ", ");
                }
                self.stmt(&items[0], level + k - 1);
                for (i, it) in items.iter().enumerate().skip(1) {
                    self.stmt(it, level + k - i);
                }
            }
        }
    }

    fn args(&mut self, args: &[Node], level: usize) {
        for a in args {
            self.line(level, "arg ", &Type::Unknown, false);
            self.node(a, level + 1);
        }
    }

    fn node(&mut self, n: &Node, level: usize) {
        if self.depth >= MAX_DEPTH {
            let _ = writeln!(self.out, "{:w$}...", "", w = 2 * level);
            return;
        }
        self.depth += 1;
        self.node_inner(n, level);
        self.depth -= 1;
    }

    fn node_inner(&mut self, n: &Node, level: usize) {
        let sub = level + 1;
        let ty = &n.ty;
        match &n.kind {
            NodeKind::Seq(items) => self.seq(items, level),
            NodeKind::Discard(e) => {
                self.void(level, "void ");
                self.node(e, sub);
            }
            NodeKind::If { cond, then, els } => {
                self.void(level, "if");
                self.node(cond, sub);
                self.stmt(then, sub);
                if let Some(e) = els {
                    self.stmt(e, sub);
                }
            }
            NodeKind::While { cond, body } => {
                self.void(level, "do-while");
                self.node(cond, sub);
                self.stmt(body, sub);
            }
            NodeKind::DoWhile { body, cond, tail } => {
                self.void(level, "do-while");
                self.stmt(body, sub);
                self.node(cond, sub);
                if let Some(t) = tail {
                    self.stmt(t, sub);
                }
            }
            NodeKind::Foreach {
                var, array, body, ..
            } => {
                self.void(level, &format!("foreach {}", var.name));
                self.node(array, sub);
                self.stmt(body, sub);
            }
            NodeKind::Switch { value, items } => {
                self.void(level, "switch ");
                self.node(value, sub);
                for it in items {
                    match it {
                        SwitchItem::Case(v) => {
                            self.void(sub, "case ");
                            self.node(v, sub + 1);
                        }
                        SwitchItem::Default => self.void(sub, "default "),
                        SwitchItem::Stmt(s) => self.stmt(s, sub),
                    }
                }
            }
            NodeKind::Break => self.void(level, "break"),
            NodeKind::Continue => self.void(level, "continue"),
            NodeKind::Return(v) => {
                self.void(level, "return");
                if let Some(v) = v {
                    self.node(v, sub);
                }
            }
            NodeKind::Throw(v) => {
                self.void(level, "throw ");
                self.node(v, sub);
            }
            NodeKind::Try { body, handler, .. } => {
                self.void(level, "catch");
                self.stmt(body, sub);
                self.stmt(handler, sub);
            }
            NodeKind::IntConst(v) => self.line(level, &format!("int const \"{v}\""), ty, true),
            NodeKind::StrConst { id, .. } => {
                self.line(level, &format!("string pool const id=\"{id}\""), ty, true)
            }
            NodeKind::BinConst(b) => self.line(
                level,
                &format!("binary const, \"{}\" bytes", b.len()),
                ty,
                true,
            ),
            NodeKind::Null => self.line(level, "null", ty, true),
            NodeKind::This => self.line(level, "this ", ty, false),
            NodeKind::GetLocal(l) => self.line(level, &format!("ident {}", l.name), ty, false),
            NodeKind::GetField { name, .. } => {
                self.line(level, &format!("ident {name}"), ty, false)
            }
            NodeKind::Assign {
                target,
                value,
                keep,
            } => {
                // A statement assignment is typed void, like the reference's.
                let own: &Type = if *keep { ty } else { &Type::Void };
                self.line(level, "=", own, false);
                let name = match target {
                    Target::Local(l) => &l.name,
                    Target::Field { name, .. } => name,
                };
                self.line(sub, &format!("ident {name}"), &value.ty, false);
                self.node(value, sub);
            }
            NodeKind::Index { array, index } => {
                self.line(level, "[]", ty, false);
                self.node(array, sub);
                self.node(index, sub);
            }
            NodeKind::IndexSet {
                array,
                index,
                value,
                ..
            } => {
                self.line(level, "=", ty, false);
                self.line(sub, "[]", &value.ty, false);
                self.node(array, sub + 1);
                self.node(index, sub + 1);
                self.node(value, sub);
            }
            NodeKind::Arith { op, lhs, rhs, .. } => {
                self.line(level, arith_text(*op), ty, false);
                self.node(lhs, sub);
                if let Some(r) = rhs {
                    self.node(r, sub);
                }
            }
            NodeKind::NumEq {
                lhs, rhs, negate, ..
            }
            | NodeKind::ObjEquals { lhs, rhs, negate } => {
                self.line(level, if *negate { "!=" } else { "==" }, ty, false);
                self.node(lhs, sub);
                self.node(rhs, sub);
            }
            NodeKind::RefCmp { lhs, rhs, eq } => {
                self.line(level, if *eq { ":==" } else { ":!=" }, ty, false);
                self.node(lhs, sub);
                self.node(rhs, sub);
            }
            NodeKind::Box(_, v) | NodeKind::Unbox(_, v) => self.node(v, level),
            NodeKind::Convert { value, .. } | NodeKind::Cast { value, .. } => {
                self.line(level, "(cast)", ty, false);
                self.node(value, sub);
            }
            NodeKind::Call {
                receiver,
                name,
                ordinal,
                args,
            } => {
                self.line(level, ".", ty, false);
                self.node(receiver, sub);
                let m = match name {
                    Some(nm) => format!("Method {nm}"),
                    None => format!("Method (no. {ordinal})"),
                };
                self.void(sub, &m);
                self.args(args, sub);
            }
            NodeKind::DynamicCall {
                receiver,
                name,
                args,
            } => {
                self.line(level, ".", ty, false);
                self.node(receiver, sub);
                self.void(sub, "Method (dynamic name)");
                self.node(name, sub + 1);
                self.args(args, sub);
            }
            NodeKind::StaticCall {
                class_name,
                ordinal,
                args,
                ..
            } => {
                self.line(
                    level,
                    &format!(".static_call.{ordinal} in {class_name}"),
                    ty,
                    false,
                );
                self.args(args, sub);
            }
            NodeKind::New { args, .. } => {
                self.line(level, &format!("new {ty}"), ty, false);
                self.args(args, sub);
            }
            NodeKind::NewDynamic(e) => {
                self.line(level, &format!("new (dynamic type)[{ty}]"), ty, false);
                self.node(e, sub);
            }
        }
    }
}

#[cfg(test)]
mod tests;
