//! Declaring classes: field slots, method signatures and ordinals.

use std::collections::{HashMap, HashSet};

use diag::Diagnostic;
use ir::types::names;
use ir::{Arg, Field, MethodSig, Type};

use super::{Scope, Sema};
use crate::ast::{self, Member};
use crate::classes::{ClassDef, Origin};
use crate::index::Symbol;

/// The resolved signatures of one source class.
pub(crate) struct Layout {
    /// For each method member (by member index), its signature.
    pub methods: HashMap<usize, MethodSig>,
    /// The generated no-argument constructor, if the class declares none.
    pub default_ctor: Option<MethodSig>,
    /// The parent's no-argument constructor ordinal, called by every
    /// constructor (`None` when the parent is `.internal.object`).
    pub parent_ctor: Option<(String, u32)>,
}

/// Whether two signatures take the same argument types (unknown matches unknown).
pub(crate) fn same_args(a: &[Arg], b: &[Arg]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.ty == y.ty)
}

impl Sema {
    /// Declares every source class, parents before children. Returns the
    /// classes in that order as (file, declaration index).
    pub(crate) fn declare_all(&mut self, scopes: &[Scope]) -> Vec<(usize, usize)> {
        let mut index: HashMap<String, (usize, usize)> = HashMap::new();
        for (f, s) in scopes.iter().enumerate() {
            for (d, (name, _)) in s.decls.iter().enumerate() {
                index.insert(name.clone(), (f, d));
            }
        }
        // Every source class exists from the start, so that declarations may
        // name each other in any order; parents are then declared first and
        // replace these placeholders.
        for name in index.keys() {
            let placeholder = ClassDef {
                name: name.clone(),
                parent: (name != names::OBJECT).then(|| names::OBJECT.to_string()),
                is_interface: false,
                interfaces: Vec::new(),
                fields: Vec::new(),
                methods: Vec::new(),
                n_fields: 0,
                n_methods: 16,
            };
            self.classes.insert(placeholder, Origin::Source);
        }
        let mut done: HashSet<String> = HashSet::new();
        let mut order = Vec::new();
        let mut names: Vec<&String> = index.keys().collect();
        // Deterministic order: files in command-line order, classes in source order.
        names.sort_by_key(|n| index[*n]);
        for name in names {
            let mut visiting = Vec::new();
            self.declare(name, scopes, &index, &mut done, &mut visiting, &mut order);
        }
        order
    }

    fn declare(
        &mut self,
        name: &str,
        scopes: &[Scope],
        index: &HashMap<String, (usize, usize)>,
        done: &mut HashSet<String>,
        visiting: &mut Vec<String>,
        order: &mut Vec<(usize, usize)>,
    ) {
        if done.contains(name) {
            return;
        }
        let (f, d) = index[name];
        let decl = scopes[f].decls[d].1;
        if visiting.iter().any(|v| v == name) {
            self.file = f;
            self.error(
                Diagnostic::error("E0205", format!("class `{name}` inherits from itself"))
                    .at(decl.name.span.clone(), "its parents lead back to it")
                    .with_note(format!("the chain is {} → {name}", visiting.join(" → "))),
            );
            return;
        }
        visiting.push(name.to_string());
        // Parents and interfaces declared in these sources come first,
        // including the implicit parent `.internal.object`.
        if decl.extends.is_empty() && name != names::OBJECT && index.contains_key(names::OBJECT) {
            self.declare(names::OBJECT, scopes, index, done, visiting, order);
        }
        for n in decl.extends.iter().chain(&decl.implements) {
            let cands = candidates(&scopes[f], n);
            if let Some(c) = cands.iter().find(|c| index.contains_key(*c)) {
                self.declare(c, scopes, index, done, visiting, order);
            }
        }
        visiting.pop();
        if done.contains(name) {
            return;
        }
        self.file = f;
        self.declare_one(&scopes[f], name, decl);
        done.insert(name.to_string());
        order.push((f, d));
    }

    fn declare_one(&mut self, scope: &Scope, name: &str, decl: &ast::ClassDecl) {
        let internal = name.starts_with(".internal.");
        // The parent.
        if decl.extends.len() > 1 {
            self.error(
                Diagnostic::error("E0205", "a class can extend only one class")
                    .at(decl.extends[1].span.clone(), "a second parent class"),
            );
        }
        if decl.is_interface {
            if let Some(e) = decl.extends.first() {
                self.error(
                    Diagnostic::error("E0206", "an interface cannot extend a class")
                        .at(e.span.clone(), "interfaces cannot use `extends`")
                        .with_help("use `implements` to build on another interface"),
                );
            }
        }
        let parent = if name == names::OBJECT {
            None
        } else {
            let p = match decl.extends.first().filter(|_| !decl.is_interface) {
                Some(n) => self
                    .resolve_class(scope, n)
                    .unwrap_or_else(|| names::OBJECT.to_string()),
                None => names::OBJECT.to_string(),
            };
            if self.classes.get(&p).is_err() && p == names::OBJECT {
                // Only possible if a broken .internal.object is on the class path.
                self.error(
                    Diagnostic::error("E0201", "`.internal.object` cannot be loaded").at(
                        decl.name.span.clone(),
                        "every class extends `.internal.object`",
                    ),
                );
            }
            Some(p)
        };
        let interfaces: Vec<String> = decl
            .implements
            .iter()
            .filter_map(|n| self.resolve_class(scope, n))
            .collect();
        let (pf, pm) = parent
            .as_ref()
            .and_then(|p| self.classes.get(p).ok().map(|d| (d.n_fields, d.n_methods)))
            .unwrap_or((0, 0));

        // Fields, in source order after the parent's.
        let mut fields: Vec<Field> = Vec::new();
        let method_names: HashSet<&str> = decl
            .members
            .iter()
            .filter_map(|m| match m {
                Member::Method(m) => Some(m.name.text.as_str()),
                _ => None,
            })
            .collect();
        for m in &decl.members {
            let Member::Field(fd) = m else { continue };
            if decl.is_interface {
                self.error(
                    Diagnostic::error("E0206", "an interface cannot have fields")
                        .at(fd.span.clone(), "field in an interface"),
                );
                continue;
            }
            let ty = fd
                .ty
                .as_ref()
                .map_or(Type::Unknown, |t| self.resolve_type(scope, t));
            if fields.iter().any(|f| f.name == fd.name.text) {
                self.error(
                    Diagnostic::error(
                        "E0300",
                        format!("field `{}` is declared twice", fd.name.text),
                    )
                    .at(fd.name.span.clone(), "declared again here"),
                );
                continue;
            }
            if let Some(p) = &parent {
                if self.classes.find_field(p, &fd.name.text).is_some() {
                    self.error(
                        Diagnostic::error(
                            "E0300",
                            format!(
                                "field `{}` is already declared by a parent class",
                                fd.name.text
                            ),
                        )
                        .at(fd.name.span.clone(), "already a field of a parent class")
                        .with_note("a class cannot redeclare an inherited field"),
                    );
                    continue;
                }
            }
            if method_names.contains(fd.name.text.as_str()) {
                self.error(
                    Diagnostic::error(
                        "E0301",
                        format!("`{}` is both a field and a method", fd.name.text),
                    )
                    .at(fd.name.span.clone(), "also the name of a method"),
                );
                continue;
            }
            self.index.add(
                self.file,
                fd.name.span.clone(),
                Symbol::Field {
                    class: name.to_string(),
                    name: fd.name.text.clone(),
                },
                ty.clone(),
                true,
            );
            fields.push(Field {
                name: fd.name.text.clone(),
                ordinal: pf + fields.len() as u32,
                ty,
            });
        }

        // Method signatures.
        let short = name.rsplit('.').next().unwrap_or(name).to_string();
        let inherited = parent
            .as_ref()
            .map(|p| self.classes.all_methods(p))
            .unwrap_or_default();
        let mut iface_methods: Vec<MethodSig> = Vec::new();
        for i in &interfaces {
            // Only what the interface chain declares: every class already
            // has `.internal.object`'s methods.
            for c in self.classes.ancestors(i) {
                if c == names::OBJECT {
                    continue;
                }
                let own = self
                    .classes
                    .known(&c)
                    .map(|d| d.methods.clone())
                    .unwrap_or_default();
                iface_methods.extend(own.into_iter().filter(|m| !m.is_ctor));
            }
        }
        let mut sigs: Vec<(usize, MethodSig, ast::Span)> = Vec::new();
        let mut pending: Vec<usize> = Vec::new();
        let mut taken: HashMap<u32, String> = HashMap::new();
        // Methods left out for a bad ordinal (already reported): they still
        // count as implementing an interface method.
        let mut rejected: Vec<MethodSig> = Vec::new();
        for (mi, m) in decl.members.iter().enumerate() {
            let Member::Method(md) = m else { continue };
            let is_ctor = md.name.text == short;
            let ret = self.resolve_type(scope, &md.ret);
            if is_ctor && ret != Type::Void {
                self.error(
                    Diagnostic::error("E0304", "a constructor must return `void`")
                        .at(md.ret.span.clone(), "expected `void`")
                        .with_note(format!(
                            "`{}` is a constructor because it is named like its class",
                            md.name.text
                        )),
                );
            }
            if md.body.is_none() && !decl.is_interface {
                self.error(
                    Diagnostic::error("E0313", format!("method `{}` has no body", md.name.text))
                        .at(md.name.span.clone(), "no body"),
                );
            }
            if md.body.is_some() && decl.is_interface {
                self.error(
                    Diagnostic::error("E0313", "interface methods have no body")
                        .at(md.name.span.clone(), "body in an interface")
                        .with_help("end the declaration with `;`"),
                );
            }
            let args: Vec<Arg> = md
                .args
                .iter()
                .map(|a| Arg {
                    name: a.name.text.clone(),
                    ty: a
                        .ty
                        .as_ref()
                        .map_or(Type::Unknown, |t| self.resolve_type(scope, t)),
                })
                .collect();
            let mut s = MethodSig {
                name: if is_ctor {
                    "<init>".to_string()
                } else {
                    md.name.text.clone()
                },
                ordinal: u32::MAX,
                is_ctor,
                ret,
                args,
            };
            if let Some(prev) = sigs
                .iter()
                .find(|(_, p, _)| p.name == s.name && same_args(&p.args, &s.args))
            {
                let prev_span = prev.2.clone();
                self.error(
                    Diagnostic::error(
                        "E0306",
                        format!(
                            "method `{}` is defined twice with the same argument types",
                            md.name.text
                        ),
                    )
                    .at(md.name.span.clone(), "defined again here")
                    .with_secondary(prev_span, "first defined here"),
                );
                continue;
            }
            if let Some((n, span)) = &md.ordinal {
                if *n > 0xFFFF {
                    self.error(
                        Diagnostic::error("E0309", "method ordinal is too large")
                            .at(span.clone(), "larger than 65535")
                            .with_note("ordinals index the method table; keep them below 65536"),
                    );
                    rejected.push(s);
                    continue;
                }
                let n = *n as u32;
                if let Some(other) = taken.get(&n) {
                    self.error(
                        Diagnostic::error(
                            "E0302",
                            format!("ordinal {n} is already used by `{other}`"),
                        )
                        .at(span.clone(), "already used"),
                    );
                    rejected.push(s);
                    continue;
                }
                s.ordinal = n;
            } else if let Some(over) = inherited
                .iter()
                .find(|p| p.name == s.name && same_args(&p.args, &s.args))
            {
                if over.ret != s.ret && !(s.is_ctor && over.is_ctor) {
                    self.error(
                        Diagnostic::error(
                            "E0303",
                            format!(
                                "`{}` overrides a parent method but returns `{}`",
                                md.name.text, s.ret
                            ),
                        )
                        .at(md.ret.span.clone(), format!("expected `{}`", over.ret))
                        .with_note(format!("the parent's method returns `{}`", over.ret)),
                    );
                }
                s.ordinal = over.ordinal;
            } else if let Some(im) = iface_methods
                .iter()
                .find(|p| p.name == s.name && same_args(&p.args, &s.args))
            {
                s.ordinal = im.ordinal;
            } else {
                pending.push(sigs.len());
            }
            if s.ordinal != u32::MAX {
                if let Some(other) = taken.get(&s.ordinal) {
                    self.error(
                        Diagnostic::error(
                            "E0308",
                            format!(
                                "`{}` needs ordinal {} but `{other}` has it",
                                md.name.text, s.ordinal
                            ),
                        )
                        .at(
                            md.name.span.clone(),
                            format!("ordinal {} is taken", s.ordinal),
                        )
                        .with_help(format!(
                            "give `{other}` another ordinal with `[N]`, or none"
                        )),
                    );
                    rejected.push(s);
                    continue;
                }
                taken.insert(s.ordinal, md.name.text.clone());
            }
            sigs.push((mi, s, md.name.span.clone()));
        }
        // Automatic ordinals, in declaration order, after every inherited slot.
        let mut next = pm.max(16);
        let inherited_ords: HashSet<u32> = inherited.iter().map(|m| m.ordinal).collect();
        for i in pending {
            while taken.contains_key(&next) || inherited_ords.contains(&next) {
                next += 1;
            }
            sigs[i].1.ordinal = next;
            taken.insert(next, sigs[i].1.name.clone());
        }
        for (_, s, span) in &sigs {
            self.index.add(
                self.file,
                span.clone(),
                Symbol::Method {
                    class: name.to_string(),
                    name: s.name.clone(),
                    ordinal: s.ordinal,
                },
                s.ret.clone(),
                true,
            );
        }
        // Every interface method must be implemented.
        for im in &iface_methods {
            if !sigs
                .iter()
                .map(|(_, s, _)| s)
                .chain(&rejected)
                .any(|s| s.name == im.name && same_args(&s.args, &im.args))
                && !im.is_ctor
            {
                self.error(
                    Diagnostic::error(
                        "E0307",
                        format!("class `{name}` does not implement `{}`", im.name),
                    )
                    .at(
                        decl.name.span.clone(),
                        format!("missing method `{}`", im.name),
                    )
                    .with_note("every method of an implemented interface must be defined"),
                );
            }
        }
        // The parent's no-argument constructor, which every constructor
        // calls. Constructors are not inherited: only the parent's own count
        // (a class file without any has nothing to call).
        let parent_ctor = match &parent {
            Some(p) if p != names::OBJECT && !internal => {
                let ctors: Vec<MethodSig> = self
                    .classes
                    .known(p)
                    .map(|d| d.methods.iter().filter(|m| m.is_ctor).cloned().collect())
                    .unwrap_or_default();
                match ctors.iter().find(|m| m.args.is_empty()) {
                    Some(c) => Some((p.clone(), c.ordinal)),
                    None if ctors.is_empty() => None,
                    None => {
                        self.error(
                            Diagnostic::error("E0305", format!("parent class `{p}` has no constructor without arguments")).at(decl.name.span.clone(), "its constructors cannot call the parent's")
                                .with_note("every constructor first calls the parent's no-argument constructor")
                                .with_help(format!("give `{p}` a constructor without arguments")),
                        );
                        None
                    }
                }
            }
            _ => None,
        };
        let has_ctor = sigs.iter().any(|(_, s, _)| s.is_ctor);
        let default_ctor = (!has_ctor && !internal && !decl.is_interface).then(|| {
            let ordinal = inherited
                .iter()
                .find(|p| p.is_ctor && p.args.is_empty())
                .map(|p| p.ordinal)
                .filter(|o| !taken.contains_key(o))
                .unwrap_or_else(|| {
                    while taken.contains_key(&next) || inherited_ords.contains(&next) {
                        next += 1;
                    }
                    next
                });
            MethodSig {
                name: "<init>".into(),
                ordinal,
                is_ctor: true,
                ret: Type::Void,
                args: Vec::new(),
            }
        });
        let mut methods: Vec<MethodSig> = sigs.iter().map(|(_, s, _)| s.clone()).collect();
        methods.extend(default_ctor.clone());
        let own_max = methods.iter().map(|m| m.ordinal + 1).max().unwrap_or(0);
        let def = ClassDef {
            name: name.to_string(),
            parent,
            is_interface: decl.is_interface,
            interfaces,
            n_fields: pf + fields.len() as u32,
            n_methods: pm.max(own_max),
            fields,
            methods,
        };
        self.classes.insert(def, Origin::Source);
        let layout = Layout {
            methods: sigs.into_iter().map(|(i, s, _)| (i, s)).collect(),
            default_ctor,
            parent_ctor,
        };
        self.layouts.insert(name.to_string(), layout);
    }
}

/// The absolute names a class reference in `scope` may mean.
pub(crate) fn candidates(scope: &Scope, n: &ast::Name) -> Vec<String> {
    let text = n.text();
    if n.absolute {
        return vec![text];
    }
    let mut c = Vec::new();
    if let Some(p) = &scope.package {
        c.push(format!("{p}.{text}"));
    }
    let suffix = format!(".{text}");
    c.extend(
        scope
            .imports
            .iter()
            .filter(|i| i.ends_with(&suffix))
            .cloned(),
    );
    c
}
