//! The JVM front end: class files written by `javac` (17) become Phantom
//! class files.
//!
//! * [`model`] reads `.class` files (with the `classfile-parser` crate)
//!   into resolved names, decoded instructions and line tables.
//! * [`layout`] gives every Java class its Phantom name, field slots,
//!   static slots and method ordinals (`docs/jvm.md`).
//! * [`lower`] turns each method's bytecode into linear two-stack code
//!   ([`ir::Code`]) after a data-flow pass over the operand-stack types;
//!   [`library`] lowers the Java library calls it supports, and
//!   [`runtime`] supplies the library classes written here (exceptions and
//!   helpers).
//! * [`compile`] ties them together; `codegen` writes the `.pc` files.
//!
//! Whatever the front end does not support is an [`Error`] naming the
//! class, method, bytecode offset and source line: never code that would
//! behave differently from Java at run time.
#![warn(missing_docs)]

pub mod emit;
pub mod layout;
pub mod library;
pub mod lower;
pub mod model;
pub mod runtime;

use std::collections::HashMap;
use std::fmt;

use classfile::records::ClassFile;
use codegen::MethodListing;
use ir::code::{Code, Op};
use ir::types::{NumKind, Type};
use ir::{Arg, ClassInfo, Field, MethodSig};

use crate::emit::{Em, Pool};
use crate::layout::{ClassDef, Layout, ENTRY_ORDINAL};
use crate::lower::{ClassCx, Fail};
use crate::model::{method_desc, JClass, JType};

/// The runtime library classes written in Java (`lib/src/`), as javac
/// compiled them (`lib/classes/`).
pub mod java_library {
    include!(concat!(env!("OUT_DIR"), "/library.rs"));
}

/// A compile-time error, with as much of its location as is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The class file or source file.
    pub file: String,
    /// The class (dotted Java name).
    pub class: Option<String>,
    /// The method, as `name(descriptor)`.
    pub method: Option<String>,
    /// Bytecode offset of the instruction.
    pub offset: Option<usize>,
    /// Source line, from the `LineNumberTable`.
    pub line: Option<u32>,
    /// What is wrong or unsupported.
    pub msg: String,
}

impl Error {
    /// An error about a whole file.
    pub fn new(file: &str, msg: impl Into<String>) -> Error {
        Error {
            file: file.to_string(),
            class: None,
            method: None,
            offset: None,
            line: None,
            msg: msg.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        f.write_str(":")?;
        if let Some(c) = &self.class {
            write!(f, " class {c}")?;
        }
        if let Some(m) = &self.method {
            write!(f, ", method {m}")?;
        }
        if let Some(o) = self.offset {
            write!(f, ", bytecode offset {o}")?;
        }
        if self.class.is_some() {
            f.write_str(":")?;
        }
        write!(f, " {}", self.msg)
    }
}

impl std::error::Error for Error {}

/// One compiled Phantom class.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The Phantom class name.
    pub name: String,
    /// The `.pc` file.
    pub file: ClassFile,
    /// Each method's code, for `.lstc` listings.
    pub listings: Vec<MethodListing>,
    /// Whether the class comes from the front end's runtime library.
    pub runtime: bool,
}

/// The result of a compilation.
#[derive(Clone, Debug)]
pub struct Output {
    /// User classes, then the runtime library classes.
    pub classes: Vec<Compiled>,
    /// Phantom names of the user classes that declare
    /// `public static void main(String[])` (method 8 runs it).
    pub mains: Vec<String>,
}

fn sig_type(t: JType) -> Type {
    match t {
        JType::Int => Type::INT,
        JType::Long => Type::Num(NumKind::Long),
        JType::Float => Type::Num(NumKind::Float),
        JType::Double => Type::Num(NumKind::Double),
        JType::Void => Type::Void,
        JType::Ref => Type::Unknown,
    }
}

fn java_sig(name: &str, desc: &str, ordinal: u32) -> MethodSig {
    let (args, ret) = method_desc(desc)
        .map(|(a, r, _)| (a, r))
        .unwrap_or((Vec::new(), JType::Void));
    MethodSig {
        name: format!("{name}{desc}"),
        ordinal,
        is_ctor: name == "<init>",
        ret: sig_type(ret),
        args: args
            .iter()
            .enumerate()
            .map(|(i, (t, _))| Arg {
                name: format!("a{i}"),
                ty: sig_type(*t),
            })
            .collect(),
    }
}

fn gen_sig(name: &str, ordinal: u32, nargs: usize) -> MethodSig {
    MethodSig {
        name: name.to_string(),
        ordinal,
        is_ctor: false,
        ret: Type::Unknown,
        args: (0..nargs)
            .map(|i| Arg {
                name: format!("a{i}"),
                ty: Type::Unknown,
            })
            .collect(),
    }
}

fn def_of(c: &JClass) -> ClassDef {
    ClassDef {
        jname: c.name.clone(),
        parent: c.super_name.clone(),
        is_interface: c.is_interface,
        fields: c
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.desc.clone(), f.is_static))
            .collect(),
        methods: c
            .methods
            .iter()
            .map(|m| {
                (
                    m.name.clone(),
                    m.desc.clone(),
                    m.is_static || m.is_private || m.name == "<init>" || m.name == "<clinit>",
                )
            })
            .collect(),
    }
}

/// Compiles class files (file name, bytes) with the runtime library.
pub fn compile(inputs: &[(String, Vec<u8>)]) -> Result<Output, Error> {
    let mut classes = Vec::new();
    for (file, bytes) in inputs {
        classes.push(JClass::parse(bytes, file)?);
    }
    let n_user = classes.len();
    for (file, bytes) in java_library::LIBRARY {
        classes.push(JClass::parse(bytes, &format!("runtime library {file}"))?);
    }
    let mut defs: Vec<ClassDef> = runtime::defs();
    let runtime_names: Vec<String> = defs.iter().map(|d| d.jname.clone()).collect();
    let copies = default_copies(&classes)?;
    for c in &classes {
        if runtime_names.contains(&c.name) || defs.iter().any(|d| d.jname == c.name) {
            return Err(Error::new(
                &c.source,
                format!("class {} is defined twice", c.name.replace('/', ".")),
            ));
        }
        let mut d = def_of(c);
        for &(ii, mi) in copies.get(&c.name).into_iter().flatten() {
            let m = &classes[ii].methods[mi];
            d.methods
                .push((m.name.clone(), m.desc.clone(), m.is_private));
        }
        defs.push(d);
    }
    let layouts = layout::lay_out(&defs).map_err(|(c, msg)| {
        let file = classes
            .iter()
            .find(|k| k.name == c)
            .map_or_else(|| c.clone(), |k| k.source.clone());
        Error {
            class: Some(c.replace('/', ".")),
            ..Error::new(&file, msg)
        }
    })?;
    let rt = runtime::ords(&layouts);
    let sams = lambda_methods(&classes);
    let (implementers, lambda_ifaces) = implementers(&classes, &layouts);
    let instantiated = instantiated(&classes, &layouts);
    let version = codegen::emit::version_now();
    let mut out = Output {
        classes: Vec::new(),
        mains: Vec::new(),
    };
    for (ci, c) in classes.iter().enumerate() {
        let l = &layouts[&c.name];
        let cx = ClassCx {
            layouts: &layouts,
            class: c,
            layout: l,
            rt: &rt,
            sams: &sams,
            implementers: &implementers,
            instantiated: &instantiated,
            lambda_ifaces: &lambda_ifaces,
            runtime: ci >= n_user,
            host: None,
            lambdas: Default::default(),
        };
        let mut pool = Pool::default();
        let mut methods = Vec::new();
        for m in &c.methods {
            if m.is_abstract {
                continue;
            }
            let ord = l.methods[&(m.name.clone(), m.desc.clone())];
            let code = lower::lower_method(&cx, m, &mut pool).map_err(|f: Fail| {
                let line = f.pc.and_then(|pc| m.code.as_ref().map(|k| k.line_at(pc)));
                Error {
                    file: c.source.clone(),
                    class: Some(c.name.replace('/', ".")),
                    method: Some(format!("{}{}", m.name, m.desc)),
                    offset: f.pc,
                    line: line.filter(|&l| l != 0),
                    msg: f.msg,
                }
            })?;
            methods.push((java_sig(&m.name, &m.desc, ord), code));
        }
        // Interface default methods the class inherits, and the private
        // interface methods they call: lowered from the interface's code
        // into this class, whose `this` they run on.
        let mut copy_lambdas = Vec::new();
        for &(ii, mi) in copies.get(&c.name).into_iter().flatten() {
            let (ic, m) = (&classes[ii], &classes[ii].methods[mi]);
            let cx2 = ClassCx {
                class: ic,
                host: Some(&c.name),
                lambdas: Default::default(),
                ..cx.clone_shallow()
            };
            let ord = l.methods[&(m.name.clone(), m.desc.clone())];
            let code = lower::lower_method(&cx2, m, &mut pool).map_err(|f: Fail| {
                let line = f.pc.and_then(|pc| m.code.as_ref().map(|k| k.line_at(pc)));
                Error {
                    file: ic.source.clone(),
                    class: Some(ic.name.replace('/', ".")),
                    method: Some(format!(
                        "{}{} (inherited by {})",
                        m.name,
                        m.desc,
                        c.name.replace('/', ".")
                    )),
                    offset: f.pc,
                    line: line.filter(|&l| l != 0),
                    msg: f.msg,
                }
            })?;
            methods.push((java_sig(&m.name, &m.desc, ord), code));
            copy_lambdas.extend(cx2.lambdas.take());
        }
        cx.lambdas.borrow_mut().extend(copy_lambdas);
        if let Some(main) = c
            .methods
            .iter()
            .find(|m| m.name == "main" && m.desc == "([Ljava/lang/String;)V" && m.is_static)
        {
            let main_ord = l.methods[&(main.name.clone(), main.desc.clone())];
            methods.push((
                gen_sig("$start", ENTRY_ORDINAL, 1),
                entry(l, main_ord, &mut pool),
            ));
            out.mains.push(l.pname.clone());
        }
        methods.extend(generated(l, &layouts, &mut pool));
        for lc in cx.lambdas.take() {
            let (file, listings) =
                codegen::emit::class_file_from_code(&lc.info, &lc.methods, &lc.consts, &version)
                    .map_err(|e| Error {
                        class: Some(c.name.replace('/', ".")),
                        ..Error::new(&c.source, e.to_string())
                    })?;
            out.classes.push(Compiled {
                name: lc.info.name.clone(),
                file,
                listings,
                runtime: ci >= n_user,
            });
        }
        out.classes.push(
            finish(l, methods, pool, &version, ci >= n_user).map_err(|e| Error {
                class: Some(c.name.replace('/', ".")),
                ..Error::new(&c.source, e)
            })?,
        );
    }
    for d in runtime::defs() {
        let l = &layouts[&d.jname];
        let mut pool = Pool::default();
        let mut methods: Vec<(MethodSig, Code)> = runtime::bodies(&d.jname, &layouts, &mut pool)
            .into_iter()
            .map(|(n, ds, code)| (java_sig(&n, &ds, l.methods[&(n.clone(), ds.clone())]), code))
            .collect();
        methods.extend(generated(l, &layouts, &mut pool));
        out.classes.push(
            finish(l, methods, pool, &version, true)
                .map_err(|e| Error::new(&format!("runtime class {}", d.jname), e))?,
        );
    }
    Ok(out)
}

fn finish(
    l: &Layout,
    methods: Vec<(MethodSig, Code)>,
    pool: Pool,
    version: &str,
    runtime: bool,
) -> Result<Compiled, String> {
    let mut fields: Vec<Field> = l
        .fields
        .iter()
        .map(|(n, f)| Field {
            name: n.clone(),
            ordinal: f.ordinal,
            ty: sig_type(f.ty),
        })
        .collect();
    fields.sort_by_key(|f| f.ordinal);
    let mut methods = methods;
    methods.sort_by_key(|(s, _)| s.ordinal);
    let info = ClassInfo {
        name: l.pname.clone(),
        parent: l.parent_pname.clone(),
        n_fields: l.n_fields,
        n_methods: l.n_methods,
        fields,
        methods: methods.iter().map(|(s, _)| s.clone()).collect(),
    };
    let (file, listings) =
        codegen::emit::class_file_from_code(&info, &methods, &pool.consts, version)
            .map_err(|e| e.to_string())?;
    Ok(Compiled {
        name: l.pname.clone(),
        file,
        listings,
        runtime,
    })
}

/// Method 8, which `phantom run` calls with the bootstrap object:
/// initialises the class, then calls `main` with an empty `String[]`.
fn entry(l: &Layout, main_ord: u32, pool: &mut Pool) -> Code {
    let mut em = Em::new(pool, 1, 0, 0);
    // Keep the bootstrap object for Thread.sleep.
    em.op(Op::OsGet(0));
    em.set_static(emit::RT_PNAME, emit::BOOT_SLOT);
    em.singleton(l);
    em.op(Op::OsDrop);
    em.class(".internal.container.array");
    em.op(Op::New);
    em.op(Op::SummonThis);
    em.class(&l.pname);
    em.op(Op::StaticInvoke {
        ord: main_ord,
        nargs: 1,
    });
    em.op(Op::OsDrop);
    em.op(Op::SummonNull);
    em.op(Op::Ret);
    with_prologue(em, 1)
}

fn with_prologue(mut em: Em, nargs: u8) -> Code {
    let mut ops = vec![Op::ArgCount(nargs)];
    if em.obj_max != 0 || em.int_max != 0 {
        ops.push(Op::StackReserve {
            obj: em.obj_max as u8,
            int: em.int_max as u8,
        });
    }
    ops.append(&mut em.code.ops);
    Code {
        ops,
        labels: em.code.labels,
    }
}

/// The methods every class gets: `$clinit` (class initialisation: the
/// superclass first, then this class's holder in static slot 0, numeric
/// statics set to zero, then `<clinit>`), and a getter and setter per
/// instance field for access from other objects. Constructors zero the
/// numeric fields in their prologue (see [`zero_fields`]).
fn generated(
    l: &Layout,
    layouts: &HashMap<String, Layout>,
    pool: &mut Pool,
) -> Vec<(MethodSig, Code)> {
    let mut out = Vec::new();
    let mut em = Em::new(pool, 0, 0, 0);
    if let Some(p) = l.parent.as_ref().and_then(|p| layouts.get(p)) {
        if p.needs_init {
            em.singleton(p);
            em.op(Op::OsDrop);
        }
    }
    em.op(Op::SummonThis);
    em.set_static(&l.pname, 0);
    let mut statics: Vec<_> = l.statics.values().collect();
    statics.sort_by_key(|s| s.0);
    for &(slot, ty) in statics {
        match ty {
            JType::Int => {
                em.iconst(0);
                em.op(Op::I2o(NumKind::Int));
            }
            JType::Long => {
                em.op(Op::IConst(NumKind::Long, 0));
                em.op(Op::I2o(NumKind::Long));
            }
            _ => continue,
        }
        em.set_static(&l.pname, slot);
    }
    if let Some(&ord) = l.methods.get(&("<clinit>".to_string(), "()V".to_string())) {
        em.op(Op::SummonThis);
        em.class(&l.pname);
        em.op(Op::StaticInvoke { ord, nargs: 0 });
        em.op(Op::OsDrop);
    }
    em.op(Op::SummonThis);
    em.op(Op::Ret);
    out.push((gen_sig("$clinit", l.clinit, 0), with_prologue(em, 0)));
    let mut fields: Vec<_> = l.fields.iter().collect();
    fields.sort_by_key(|(_, f)| f.ordinal);
    for (name, f) in fields {
        out.push((
            gen_sig(&format!("$get_{name}"), f.getter, 0),
            Code {
                ops: vec![Op::ArgCount(0), Op::Load(f.ordinal), Op::Ret],
                labels: 0,
            },
        ));
        out.push((
            gen_sig(&format!("$set_{name}"), f.setter, 1),
            Code {
                ops: vec![
                    Op::ArgCount(1),
                    Op::OsGet(0),
                    Op::Save(f.ordinal),
                    Op::SummonNull,
                    Op::Ret,
                ],
                labels: 0,
            },
        ));
    }
    out
}

/// Reads and compiles class files from disk; a directory given stands for
/// every `.class` file in it.
pub fn compile_paths(paths: &[std::path::PathBuf]) -> Result<Output, Error> {
    let mut inputs = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        if p.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(p)
                .map_err(|e| Error::new(&shown, format!("cannot read directory: {e}")))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "class"))
                .collect();
            files.sort();
            for f in files {
                let bytes = std::fs::read(&f).map_err(|e| {
                    Error::new(&f.display().to_string(), format!("cannot read: {e}"))
                })?;
                inputs.push((f.display().to_string(), bytes));
            }
        } else if p.extension().is_some_and(|x| x == "jar") {
            return Err(Error::new(
                &shown,
                ".jar archives are not supported yet: give the .class files",
            ));
        } else {
            let bytes =
                std::fs::read(p).map_err(|e| Error::new(&shown, format!("cannot read: {e}")))?;
            inputs.push((shown, bytes));
        }
    }
    compile(&inputs)
}

/// A Java program for `phantom run FILE.class`: that class and every other
/// class file in its directory (where `javac -d` put its companions),
/// compiled with the runtime library.
#[derive(Debug)]
pub struct Program {
    /// `.pc` bytes by Phantom class name.
    pub classes: HashMap<String, Vec<u8>>,
    /// The program's own classes (not the runtime library's).
    pub own: Vec<String>,
    /// The class whose method 8 runs `main`.
    pub entry: String,
}

/// Compiles the program whose main class is in `file`.
pub fn program(file: &std::path::Path) -> Result<Program, Error> {
    let shown = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| Error::new(&shown, format!("cannot read: {e}")))?;
    let main = JClass::parse(&bytes, &shown)?;
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let out = compile_paths(&[dir])?;
    let entry = layout::phantom_name(&main.name);
    if !out.mains.contains(&entry) {
        return Err(Error::new(
            &shown,
            format!(
                "class {} has no public static void main(String[])",
                main.name.replace('/', ".")
            ),
        ));
    }
    Ok(Program {
        classes: out
            .classes
            .iter()
            .map(|c| (c.name.clone(), c.file.write()))
            .collect(),
        own: out
            .classes
            .iter()
            .filter(|c| !c.runtime)
            .map(|c| c.name.clone())
            .collect(),
        entry,
    })
}

/// The interface methods (name, descriptor) that the classes' lambdas and
/// method references implement: `invokeinterface` of them is known even
/// when no class declares them.
fn lambda_methods(classes: &[JClass]) -> std::collections::HashSet<(String, String)> {
    use classfile_parser::constant_info::ConstantInfo;
    let mut out = std::collections::HashSet::new();
    for c in classes {
        for k in &c.pool {
            let ConstantInfo::InvokeDynamic(d) = k else {
                continue;
            };
            let Some((bm, args)) = c.bootstraps.get(usize::from(d.bootstrap_method_attr_index))
            else {
                continue;
            };
            let Some(ConstantInfo::MethodHandle(h)) = c.pool.get(usize::from(*bm)) else {
                continue;
            };
            let Ok((owner, name, _)) = c.member_ref(h.reference_index) else {
                continue;
            };
            if owner != "java/lang/invoke/LambdaMetafactory" || name != "metafactory" {
                continue;
            }
            let Some(ConstantInfo::MethodType(t)) =
                args.first().and_then(|a| c.pool.get(usize::from(*a)))
            else {
                continue;
            };
            if let (Ok(desc), Ok((sam, _))) = (
                c.utf8(t.descriptor_index),
                c.name_and_type(d.name_and_type_index),
            ) {
                out.insert((sam, desc.to_string()));
            }
        }
    }
    out
}

/// The interface methods each class gets a copy of: default methods of
/// the compiled interfaces it implements (directly, through other
/// interfaces or through superclasses) that neither it nor a superclass
/// declares or already copies, with the private instance methods of
/// those interfaces. Defaults of JDK interfaces are not copied (their
/// code is not compiled). Entries are (class index, method index).
fn default_copies(classes: &[JClass]) -> Result<HashMap<String, Vec<(usize, usize)>>, Error> {
    let index: HashMap<&str, usize> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), i))
        .collect();
    let mut out: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    // What a class has, with its superclasses and their copies.
    fn has(
        c: usize,
        classes: &[JClass],
        index: &HashMap<&str, usize>,
        out: &HashMap<String, Vec<(usize, usize)>>,
        key: (&str, &str),
    ) -> bool {
        let mut k = Some(c);
        let mut guard = 0;
        while let Some(i) = k {
            let cls = &classes[i];
            if cls
                .methods
                .iter()
                .any(|m| (m.name.as_str(), m.desc.as_str()) == key)
            {
                return true;
            }
            let copied = out.get(&cls.name).into_iter().flatten();
            if copied
                .map(|&(ii, mi)| &classes[ii].methods[mi])
                .any(|m| (m.name.as_str(), m.desc.as_str()) == key)
            {
                return true;
            }
            guard += 1;
            k = cls
                .super_name
                .as_deref()
                .and_then(|s| index.get(s).copied())
                .filter(|_| guard < 200);
        }
        false
    }
    // Superclasses first, so a class sees its parents' copies.
    let mut order: Vec<usize> = Vec::new();
    let mut placed = std::collections::HashSet::new();
    for start in 0..classes.len() {
        let mut chain = Vec::new();
        let mut k = Some(start);
        while let Some(i) = k {
            if placed.contains(&i) || chain.contains(&i) {
                break;
            }
            chain.push(i);
            k = classes[i]
                .super_name
                .as_deref()
                .and_then(|s| index.get(s).copied());
        }
        for &i in chain.iter().rev() {
            placed.insert(i);
            order.push(i);
        }
    }
    for ci in order {
        let c = &classes[ci];
        if c.is_interface {
            continue;
        }
        let mut todo: Vec<&str> = c.interfaces.iter().map(String::as_str).collect();
        let mut seen = std::collections::HashSet::new();
        let mut mine: Vec<(usize, usize)> = Vec::new();
        while let Some(i) = todo.pop() {
            if !seen.insert(i) {
                continue;
            }
            let Some(&ii) = index.get(i) else { continue };
            let ic = &classes[ii];
            todo.extend(ic.interfaces.iter().map(String::as_str));
            let mut wants_privates = false;
            for (mi, m) in ic.methods.iter().enumerate() {
                let default =
                    !m.is_static && !m.is_abstract && !m.is_private && m.name != "<clinit>";
                if !default {
                    continue;
                }
                let key = (m.name.as_str(), m.desc.as_str());
                let taken = mine.iter().any(|&(a, b)| {
                    (
                        classes[a].methods[b].name.as_str(),
                        classes[a].methods[b].desc.as_str(),
                    ) == key
                });
                if !taken && !has(ci, classes, &index, &out, key) {
                    mine.push((ii, mi));
                    wants_privates = true;
                }
            }
            if wants_privates {
                for (mi, m) in ic.methods.iter().enumerate() {
                    if m.is_private && !m.is_static && m.code.is_some() {
                        if c.methods
                            .iter()
                            .any(|k| k.name == m.name && k.desc == m.desc)
                        {
                            return Err(Error {
                                class: Some(c.name.replace('/', ".")),
                                ..Error::new(
                                    &c.source,
                                    format!(
                                        "declares {}{}, which a default method of {} needs as its own private method",
                                        m.name,
                                        m.desc,
                                        ic.name.replace('/', ".")
                                    ),
                                )
                            });
                        }
                        if !mine.contains(&(ii, mi)) {
                            mine.push((ii, mi));
                        }
                    }
                }
            }
        }
        if !mine.is_empty() {
            out.insert(c.name.clone(), mine);
        }
    }
    Ok(out)
}

/// JDK interfaces the runtime library's collection classes stand for
/// (they do not declare them: that would need all their methods).
const LIBRARY_INTERFACES: &[(&str, &[&str])] = &[
    (
        "java/util/ArrayList",
        &[
            "java/util/List",
            "java/util/Collection",
            "java/lang/Iterable",
            "java/util/RandomAccess",
        ],
    ),
    (
        "java/util/LinkedList",
        &[
            "java/util/List",
            "java/util/Deque",
            "java/util/Queue",
            "java/util/Collection",
            "java/lang/Iterable",
        ],
    ),
    (
        "java/util/ArrayDeque",
        &[
            "java/util/Deque",
            "java/util/Queue",
            "java/util/Collection",
            "java/lang/Iterable",
        ],
    ),
    (
        "java/util/HashSet",
        &[
            "java/util/Set",
            "java/util/Collection",
            "java/lang/Iterable",
        ],
    ),
    ("java/util/HashMap", &["java/util/Map"]),
    (
        "java/util/TreeMap",
        &[
            "java/util/Map",
            "java/util/SortedMap",
            "java/util/NavigableMap",
        ],
    ),
];

/// For `instanceof` and `checkcast` against interfaces (the VM's classes
/// record no interfaces): every interface a compiled class implements,
/// with the classes that implement it (a class whose superclass is listed
/// is left out: the VM's instance test covers subclasses), and the
/// interfaces that lambdas implement (their classes are made later).
fn implementers(
    classes: &[JClass],
    layouts: &HashMap<String, Layout>,
) -> (
    HashMap<String, Vec<String>>,
    std::collections::HashSet<String>,
) {
    use classfile_parser::constant_info::ConstantInfo;
    let by_name: HashMap<&str, &JClass> = classes.iter().map(|c| (c.name.as_str(), c)).collect();
    let all_of = |c: &JClass| {
        let mut out = std::collections::HashSet::new();
        let mut todo: Vec<String> = Vec::new();
        let mut k = Some(c);
        while let Some(cls) = k {
            todo.extend(cls.interfaces.iter().cloned());
            if let Some((_, extra)) = LIBRARY_INTERFACES.iter().find(|(n, _)| *n == cls.name) {
                todo.extend(extra.iter().map(|s| s.to_string()));
            }
            k = cls
                .super_name
                .as_deref()
                .and_then(|s| by_name.get(s).copied());
        }
        while let Some(i) = todo.pop() {
            if let Some(ic) = by_name.get(i.as_str()) {
                todo.extend(ic.interfaces.iter().cloned());
            }
            out.insert(i);
        }
        out
    };
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    let sets: HashMap<&str, std::collections::HashSet<String>> = classes
        .iter()
        .filter(|c| !c.is_interface)
        .map(|c| (c.name.as_str(), all_of(c)))
        .collect();
    for c in classes.iter().filter(|c| !c.is_interface) {
        let parent_set = c.super_name.as_deref().and_then(|p| sets.get(p));
        for i in &sets[c.name.as_str()] {
            if parent_set.is_some_and(|ps| ps.contains(i)) {
                continue;
            }
            map.entry(i.clone())
                .or_default()
                .push(layouts[&c.name].pname.clone());
        }
    }
    let mut lambda = std::collections::HashSet::new();
    for c in classes {
        for k in &c.pool {
            let ConstantInfo::InvokeDynamic(d) = k else {
                continue;
            };
            let Some((bm, _)) = c.bootstraps.get(usize::from(d.bootstrap_method_attr_index)) else {
                continue;
            };
            let Some(ConstantInfo::MethodHandle(h)) = c.pool.get(usize::from(*bm)) else {
                continue;
            };
            if !c
                .member_ref(h.reference_index)
                .is_ok_and(|(o, _, _)| o == "java/lang/invoke/LambdaMetafactory")
            {
                continue;
            }
            if let Ok((_, desc)) = c.name_and_type(d.name_and_type_index) {
                if let Some(i) = desc.rsplit(")L").next().and_then(|r| r.strip_suffix(';')) {
                    lambda.insert(i.to_string());
                }
            }
        }
    }
    (map, lambda)
}

/// Phantom names of the classes that some code of the compilation creates
/// with `new` or a constructor reference.
fn instantiated(
    classes: &[JClass],
    layouts: &HashMap<String, Layout>,
) -> std::collections::HashSet<String> {
    use classfile_parser::code_attribute::Instruction;
    use classfile_parser::constant_info::ConstantInfo;
    let mut out = std::collections::HashSet::new();
    let mut add = |n: &str| {
        if let Some(l) = layouts.get(n) {
            out.insert(l.pname.clone());
        }
    };
    for c in classes {
        for m in &c.methods {
            for (_, insn) in m.code.iter().flat_map(|k| &k.insns) {
                if let Instruction::New(i) = insn {
                    if let Ok(n) = c.class_name(*i) {
                        add(&n);
                    }
                }
            }
        }
        for k in &c.pool {
            if let ConstantInfo::MethodHandle(h) = k {
                if h.reference_kind == 8 {
                    if let Ok((n, _, _)) = c.member_ref(h.reference_index) {
                        add(&n);
                    }
                }
            }
        }
    }
    out
}
