//! Slot assignment: Phantom names, field ordinals, static slots and method
//! ordinals of every Java class in a compilation (`docs/jvm.md`).

use std::collections::HashMap;

use crate::model::{one_type, JType};

/// A class as layout sees it: user classes and the runtime library alike.
#[derive(Clone, Debug)]
pub struct ClassDef {
    /// Internal Java name (`a/b/C`).
    pub jname: String,
    /// Superclass internal name (`None` for interfaces' and Object's).
    pub parent: Option<String>,
    /// An interface.
    pub is_interface: bool,
    /// Fields: (name, descriptor, static).
    pub fields: Vec<(String, String, bool)>,
    /// Methods: (name, descriptor, static or private or constructor).
    pub methods: Vec<(String, String, bool)>,
}

/// An instance field's slots.
#[derive(Clone, Debug)]
pub struct FieldSlot {
    /// Object slot.
    pub ordinal: u32,
    /// Its type.
    pub ty: JType,
    /// Ordinal of the generated getter (reads the field of another object).
    pub getter: u32,
    /// Ordinal of the generated setter.
    pub setter: u32,
}

/// Everything other classes need to know of one class.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Phantom class name.
    pub pname: String,
    /// Phantom parent name.
    pub parent_pname: String,
    /// Java superclass (internal name), if it is laid out here.
    pub parent: Option<String>,
    /// An interface.
    pub is_interface: bool,
    /// Object slots, inherited ones included.
    pub n_fields: u32,
    /// Method table size, inherited slots included.
    pub n_methods: u32,
    /// Own instance fields by name.
    pub fields: HashMap<String, FieldSlot>,
    /// Own static fields by name: (static slot of the class object, type).
    pub statics: HashMap<String, (u32, JType)>,
    /// Own methods by (name, descriptor).
    pub methods: HashMap<(String, String), u32>,
    /// The virtual table: own and inherited overridable methods.
    pub virtuals: HashMap<(String, String), u32>,
    /// Ordinal of the generated class initialiser `$clinit`.
    pub clinit: u32,
    /// Whether `new`, static calls and static fields from other classes
    /// must run `$clinit` first (the class or a superclass has static
    /// state or a `<clinit>`).
    pub needs_init: bool,
}

/// The Phantom name of a Java class: `java/lang/Object` is the VM's root
/// class, `java/lang/String` its string, others keep their name with dots.
pub fn phantom_name(jname: &str) -> String {
    match jname {
        "java/lang/Object" => ".internal.object".into(),
        "java/lang/String" => ".internal.string".into(),
        _ => format!(".{}", jname.replace('/', ".")),
    }
}

/// First ordinal of Java methods: 0–15 are the VM's common protocol.
pub const FIRST_ORDINAL: u32 = 16;
/// Ordinal of the program entry (`phantom run` calls method 8).
pub const ENTRY_ORDINAL: u32 = 8;

/// The `java.lang.Object` methods that take the VM's protocol ordinals.
fn protocol_ordinal(name: &str, desc: &str) -> Option<u32> {
    match (name, desc) {
        ("equals", "(Ljava/lang/Object;)Z") => Some(4),
        ("toString", "()Ljava/lang/String;") => Some(5),
        ("hashCode", "()I") => Some(15),
        _ => None,
    }
}

/// Lays out `defs` (any order); a class whose superclass is neither
/// `java/lang/Object` nor among `defs` is an error naming both.
pub fn lay_out(defs: &[ClassDef]) -> Result<HashMap<String, Layout>, (String, String)> {
    let by_name: HashMap<&str, &ClassDef> = defs.iter().map(|d| (d.jname.as_str(), d)).collect();
    let mut out: HashMap<String, Layout> = HashMap::new();
    for d in defs {
        lay_out_one(d, &by_name, &mut out, 0)?;
    }
    Ok(out)
}

fn lay_out_one(
    d: &ClassDef,
    by_name: &HashMap<&str, &ClassDef>,
    out: &mut HashMap<String, Layout>,
    depth: usize,
) -> Result<(), (String, String)> {
    if out.contains_key(&d.jname) {
        return Ok(());
    }
    if depth > 200 {
        return Err((d.jname.clone(), "its superclass chain is circular".into()));
    }
    let parent = match d.parent.as_deref() {
        None | Some("java/lang/Object") => None,
        Some(p) => {
            let Some(pd) = by_name.get(p) else {
                return Err((
                    d.jname.clone(),
                    format!(
                        "its superclass {} is not among the classes compiled (give its class file too)",
                        p.replace('/', ".")
                    ),
                ));
            };
            lay_out_one(pd, by_name, out, depth + 1)?;
            Some(out[p].clone())
        }
    };
    let (mut n_fields, mut next, mut virtuals, parent_pname, parent_init) = match &parent {
        Some(p) => (
            p.n_fields,
            p.n_methods,
            p.virtuals.clone(),
            p.pname.clone(),
            p.needs_init,
        ),
        None => {
            let mut v = HashMap::new();
            for (n, ds) in [
                ("equals", "(Ljava/lang/Object;)Z"),
                ("toString", "()Ljava/lang/String;"),
                ("hashCode", "()I"),
            ] {
                v.insert(
                    (n.to_string(), ds.to_string()),
                    protocol_ordinal(n, ds).unwrap_or(0),
                );
            }
            (0, FIRST_ORDINAL, v, ".internal.object".to_string(), false)
        }
    };
    let mut take = || {
        let o = next;
        next += 1;
        o
    };
    let clinit = take();
    let mut fields = HashMap::new();
    let mut statics = HashMap::new();
    let mut n_statics = 0;
    for (name, desc, is_static) in &d.fields {
        let ty = one_type(desc, 0).map_or(JType::Ref, |t| t.0);
        if *is_static {
            n_statics += 1;
            statics.insert(name.clone(), (n_statics, ty));
        } else {
            let ordinal = n_fields;
            n_fields += 1;
            let getter = take();
            let setter = take();
            fields.insert(
                name.clone(),
                FieldSlot {
                    ordinal,
                    ty,
                    getter,
                    setter,
                },
            );
        }
    }
    let mut methods = HashMap::new();
    for (name, desc, fixed) in &d.methods {
        let key = (name.clone(), desc.clone());
        let ord = if *fixed {
            take()
        } else if let Some(&o) = virtuals.get(&key) {
            o
        } else if let Some(o) = protocol_ordinal(name, desc) {
            o
        } else {
            take()
        };
        if !*fixed {
            virtuals.insert(key.clone(), ord);
        }
        methods.insert(key, ord);
    }
    let has_clinit = d.methods.iter().any(|m| m.0 == "<clinit>");
    out.insert(
        d.jname.clone(),
        Layout {
            pname: phantom_name(&d.jname),
            parent_pname,
            parent: parent
                .as_ref()
                .map(|_| d.parent.clone().unwrap_or_default()),
            is_interface: d.is_interface,
            n_fields,
            n_methods: next,
            fields,
            statics,
            methods,
            virtuals,
            clinit,
            needs_init: parent_init || has_clinit || n_statics > 0,
        },
    );
    Ok(())
}
