//! The class table: every class the compilation can see.
//!
//! Classes come from three places, searched in this order: the files being
//! compiled together (which may refer to each other in any order), class
//! files on the class path (loaded on first use, with their parents; the
//! tools end it with their built-in class library), and a few built-in
//! declarations of the native classes that every program needs
//! (`.internal.object`, the numbers, strings, arrays), used only when the
//! class path does not provide them. A name with no exact match on the
//! class path matches a class whose name differs only in ASCII case (the
//! original compiler lower-cased some references).

use std::collections::HashMap;

use classfile::path::ClassDirs;

use ir::types::names;
use ir::{Arg, Field, MethodSig, Type};

/// A class as the type checker sees it.
#[derive(Clone, Debug)]
pub struct ClassDef {
    /// Absolute name.
    pub name: String,
    /// Parent; `None` only for the root `.internal.object`.
    pub parent: Option<String>,
    /// Whether it was declared as an `interface`.
    pub is_interface: bool,
    /// Interfaces it implements.
    pub interfaces: Vec<String>,
    /// Own fields with their slots.
    pub fields: Vec<Field>,
    /// Own methods with their ordinals.
    pub methods: Vec<MethodSig>,
    /// Object slots an instance needs, inherited ones included.
    pub n_fields: u32,
    /// Method-table size, inherited slots included.
    pub n_methods: u32,
}

impl ClassDef {
    /// Whether this is a native `.internal.*` class.
    pub fn is_internal(&self) -> bool {
        self.name.starts_with(".internal.")
    }
}

/// Where a class came from, for error messages.
#[derive(Clone, Debug)]
pub enum Origin {
    /// Declared in the files being compiled.
    Source,
    /// Read from this class file (where it was found).
    ClassFile(String),
    /// Built into the compiler.
    Builtin,
}

/// All known classes.
pub struct Classes {
    map: HashMap<String, (ClassDef, Origin)>,
    class_path: ClassDirs,
    /// Names looked up on the class path and not found (so we ask once).
    missing: HashMap<String, String>,
}

impl Classes {
    /// An empty table searching this class path.
    pub fn new(class_path: ClassDirs) -> Self {
        Classes {
            map: HashMap::new(),
            class_path,
            missing: HashMap::new(),
        }
    }

    /// Adds (or replaces) a class.
    pub fn insert(&mut self, def: ClassDef, origin: Origin) {
        self.map.insert(def.name.clone(), (def, origin));
    }

    /// Whether a class of this name is declared in the sources or already loaded.
    pub fn contains(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// The class, loading it (and its parents) from the class path if needed.
    /// Errors say why it could not be found or read.
    pub fn get(&mut self, name: &str) -> Result<&ClassDef, String> {
        if !self.map.contains_key(name) {
            self.load(name)?;
        }
        Ok(&self.map[name].0)
    }

    /// The class if it is already known (no loading).
    pub fn known(&self, name: &str) -> Option<&ClassDef> {
        self.map.get(name).map(|c| &c.0)
    }

    fn load(&mut self, name: &str) -> Result<(), String> {
        if let Some(why) = self.missing.get(name) {
            return Err(why.clone());
        }
        let file = format!("{}.pc", name.trim_start_matches('.'));
        let found = match self.class_path.find(name) {
            Some(f) => Some((name.to_string(), f)),
            None => {
                let mut others = self.class_path.names_ignoring_case(name);
                if others.len() > 1 {
                    let why = format!(
                        "class `{name}` was not found, and several classes have that name in other cases: {}",
                        others.join(", ")
                    );
                    self.missing.insert(name.to_string(), why.clone());
                    return Err(why);
                }
                others
                    .pop()
                    .and_then(|real| self.class_path.find(&real).map(|f| (real, f)))
            }
        };
        if let Some((real, f)) = found {
            let path = f.origin;
            let cf = match classfile::records::ClassFile::parse(&f.bytes) {
                Ok(cf) => cf,
                Err(e) => {
                    let why = format!("{path} is not a valid class file: {e}");
                    self.missing.insert(name.to_string(), why.clone());
                    return Err(why);
                }
            };
            let info = cf.info();
            if info.name != real {
                let why = format!("{path} holds class `{}`, not `{name}`", info.name);
                self.missing.insert(name.to_string(), why.clone());
                return Err(why);
            }
            if real != name {
                // Found under its own spelling: load that, and let this
                // spelling name the same class.
                self.get(&real)?;
                let def = self.map[&real].clone();
                self.map.insert(name.to_string(), def);
                return Ok(());
            }
            let parent = if name == names::OBJECT {
                None
            } else {
                Some(info.parent.clone())
            };
            let (mut pf, mut pm) = (0, 0);
            if let Some(p) = &parent {
                // Mark as in progress so that a parent cycle in broken files ends.
                self.missing.insert(
                    name.to_string(),
                    format!("class `{name}` inherits from itself"),
                );
                let r = self.get(p).map(|d| (d.n_fields, d.n_methods));
                self.missing.remove(name);
                (pf, pm) = r.map_err(|e| format!("parent of `{name}`: {e}"))?;
            }
            let own_f = info.fields.iter().map(|f| f.ordinal + 1).max().unwrap_or(0);
            let own_m = info
                .methods
                .iter()
                .map(|m| m.ordinal + 1)
                .max()
                .unwrap_or(0);
            let def = ClassDef {
                name: name.to_string(),
                parent,
                is_interface: false,
                interfaces: Vec::new(),
                n_fields: info.n_fields.max(pf).max(own_f),
                n_methods: info.n_methods.max(pm).max(own_m),
                fields: info.fields,
                methods: info.methods,
            };
            self.insert(def, Origin::ClassFile(path));
            return Ok(());
        }
        if let Some(def) = builtin(name) {
            self.insert(def, Origin::Builtin);
            return Ok(());
        }
        let why = if self.class_path.paths().next().is_none() {
            format!("class `{name}` is not defined here, nor in the class library, and no class path (-I) was given")
        } else {
            format!(
                "class `{name}` was not found: no {file} in the class path or the class library"
            )
        };
        self.missing.insert(name.to_string(), why.clone());
        Err(why)
    }

    /// The chain from `name` up to the root, `name` first (stops at unknown classes).
    pub fn ancestors(&mut self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = Some(name.to_string());
        while let Some(n) = cur {
            if out.contains(&n) {
                break;
            }
            let next = self.get(&n).ok().and_then(|d| d.parent.clone());
            out.push(n);
            cur = next;
        }
        out
    }

    /// Whether `sub` is `sup`, inherits from it, or (for an interface `sup`)
    /// implements it, directly, through a parent or through another
    /// interface.
    pub fn is_subclass(&mut self, sub: &str, sup: &str) -> bool {
        if sup == names::OBJECT {
            return true;
        }
        let mut work = self.ancestors(sub);
        let mut seen: Vec<String> = Vec::new();
        while let Some(c) = work.pop() {
            if c == sup {
                return true;
            }
            if seen.contains(&c) {
                continue;
            }
            let ifaces = self
                .get(&c)
                .map(|d| d.interfaces.clone())
                .unwrap_or_default();
            for i in ifaces {
                work.extend(self.ancestors(&i));
            }
            seen.push(c);
        }
        false
    }

    /// Whether `name` is a known interface.
    pub fn is_interface(&mut self, name: &str) -> bool {
        self.get(name).is_ok_and(|d| d.is_interface)
    }

    /// Every known class, by name (for the semantic index).
    pub fn snapshot(&self) -> std::collections::BTreeMap<String, ClassDef> {
        self.map
            .iter()
            .map(|(k, (d, _))| (k.clone(), d.clone()))
            .collect()
    }

    /// The class among `class` and its parents that declares field `name`.
    pub fn field_owner(&mut self, class: &str, name: &str) -> Option<String> {
        self.ancestors(class).into_iter().find(|c| {
            self.known(c)
                .is_some_and(|d| d.fields.iter().any(|f| f.name == name))
        })
    }

    /// The class among `class` and its parents whose own method has this
    /// ordinal (the version a call on a `class` reaches).
    pub fn method_owner(&mut self, class: &str, ordinal: u32) -> Option<String> {
        self.ancestors(class).into_iter().find(|c| {
            self.known(c)
                .is_some_and(|d| d.methods.iter().any(|m| m.ordinal == ordinal))
        })
    }

    /// Finds a field by name in `class` and its parents.
    pub fn find_field(&mut self, class: &str, name: &str) -> Option<Field> {
        for c in self.ancestors(class) {
            if let Some(f) = self
                .known(&c)
                .and_then(|d| d.fields.iter().find(|f| f.name == name))
            {
                return Some(f.clone());
            }
        }
        None
    }

    /// Every method named `name` visible in `class` (own first, then parents'),
    /// skipping parent methods overridden at the same ordinal.
    pub fn methods_named(&mut self, class: &str, name: &str) -> Vec<MethodSig> {
        let mut out: Vec<MethodSig> = Vec::new();
        for c in self.ancestors(class) {
            if let Some(d) = self.known(&c) {
                for m in d.methods.iter().filter(|m| m.name == name) {
                    if !out.iter().any(|o| o.ordinal == m.ordinal) {
                        out.push(m.clone());
                    }
                }
            }
        }
        out
    }

    /// Every method visible in `class`, for override matching.
    pub fn all_methods(&mut self, class: &str) -> Vec<MethodSig> {
        let mut out: Vec<MethodSig> = Vec::new();
        for c in self.ancestors(class) {
            if let Some(d) = self.known(&c) {
                for m in &d.methods {
                    if !out.iter().any(|o| o.ordinal == m.ordinal) {
                        out.push(m.clone());
                    }
                }
            }
        }
        out
    }
}

fn sig(name: &str, ordinal: u32, ret: Type, args: &[(&str, Type)]) -> MethodSig {
    MethodSig {
        name: name.to_string(),
        ordinal,
        is_ctor: name == "<init>",
        ret,
        args: args
            .iter()
            .map(|(n, t)| Arg {
                name: n.to_string(),
                ty: t.clone(),
            })
            .collect(),
    }
}

/// The default methods every object has (`runtime.md` §4).
fn object_methods() -> Vec<MethodSig> {
    let obj = Type::object();
    vec![
        sig("<init>", 0, Type::Void, &[]),
        sig("destruct_me", 1, Type::Void, &[]),
        sig("getClass", 2, Type::Class(names::CLASS.into()), &[]),
        sig("clone", 3, obj.clone(), &[]),
        sig("equals", 4, Type::INT, &[("object", obj)]),
        sig("toString", 5, Type::String, &[]),
        sig("toXML", 6, Type::String, &[]),
        sig("setImmutable", 14, Type::Void, &[]),
        sig("hashCode", 15, Type::INT, &[]),
    ]
}

/// Built-in declarations of the native classes the language itself relies on.
pub fn builtin(name: &str) -> Option<ClassDef> {
    let mk = |methods: Vec<MethodSig>| ClassDef {
        name: name.to_string(),
        parent: (name != names::OBJECT).then(|| names::OBJECT.to_string()),
        is_interface: false,
        interfaces: Vec::new(),
        fields: Vec::new(),
        n_fields: 0,
        n_methods: methods
            .iter()
            .map(|m| m.ordinal + 1)
            .max()
            .unwrap_or(0)
            .max(16),
        methods,
    };
    let int = Type::INT;
    let s = Type::String;
    Some(match name {
        names::OBJECT => mk(object_methods()),
        names::INT | names::LONG | names::FLOAT | names::DOUBLE | names::CLASS => mk(Vec::new()),
        names::STRING => mk(vec![
            sig(
                "substring",
                8,
                s.clone(),
                &[("index", int.clone()), ("length", int.clone())],
            ),
            sig("charAt", 9, int.clone(), &[("index", int.clone())]),
            sig("concat", 10, s.clone(), &[("s", s.clone())]),
            sig("length", 11, int.clone(), &[]),
            sig("strstr", 12, int.clone(), &[("s", s.clone())]),
            sig("toInt", 16, int.clone(), &[]),
            sig("toLong", 17, Type::Num(ir::NumKind::Long), &[]),
            sig("parseJson", 20, Type::object(), &[]),
        ]),
        names::ARRAY => mk(vec![
            sig("get", 10, Type::object(), &[("index", int.clone())]),
            sig(
                "set",
                11,
                Type::object(),
                &[("value", Type::object()), ("index", int.clone())],
            ),
            sig("size", 12, int, &[]),
        ]),
        _ => return None,
    })
}
