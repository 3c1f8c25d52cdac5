//! JVM bytecode → linear two-stack Phantom code.
//!
//! Two passes over a method. The first is a verifier-style data flow that
//! finds the type of every operand-stack entry before each instruction
//! (ints, longs and references; `this` and `System.out` are tracked as
//! their own kinds so that field access on `this` is direct and printing
//! needs no object). The second emits code with those types: `int`-like
//! values live on the VM's integer stack, references on its object stack,
//! and every place where the JVM's single stack order matters (call
//! arguments, `dup_x1`, `swap`) goes through temporaries. Try ranges become
//! catcher pushes and pops on every edge that enters or leaves them.

use std::collections::HashMap;

use classfile_parser::code_attribute::Instruction as I;
use classfile_parser::constant_info::ConstantInfo;
use ir::code::{ArithOp, Label, Op};
use ir::types::NumKind;

use crate::emit::*;
use crate::layout::Layout;
use crate::model::{method_desc, mnemonic, JClass, JCode, JMethod, JType};

/// The type of one operand-stack entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum V {
    /// `int`, `boolean`, `byte`, `char`, `short`.
    Int,
    /// `long`.
    Long,
    /// Any reference (null included).
    Ref,
    /// The receiver, unmodified (local 0 of an instance method that never
    /// stores into local 0): its fields are read and written directly.
    This,
    /// `System.out`: no value at run time; `print`/`println` on it print.
    Out,
}

impl V {
    fn num(self) -> Option<NumKind> {
        match self {
            V::Int => Some(NumKind::Int),
            V::Long => Some(NumKind::Long),
            _ => None,
        }
    }
    fn is_wide(self) -> bool {
        self == V::Long
    }
    fn from_jtype(t: JType) -> Option<V> {
        match t {
            JType::Int => Some(V::Int),
            JType::Long => Some(V::Long),
            JType::Ref => Some(V::Ref),
            _ => None,
        }
    }
}

/// Where a local variable lives, by JVM index and kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum LKind {
    Ref,
    Int,
    Long,
}

/// Everything the lowering of one class's methods needs.
pub struct ClassCx<'a> {
    /// Layouts of every class in the compilation.
    pub layouts: &'a HashMap<String, Layout>,
    /// The class being lowered.
    pub class: &'a JClass,
    /// Its layout.
    pub layout: &'a Layout,
    /// Runtime helper ordinals.
    pub rt: &'a RtOrds,
    /// The interface methods that lambdas of the compilation implement
    /// (name, descriptor).
    pub sams: &'a std::collections::HashSet<(String, String)>,
    /// Interface (internal name) → Phantom names of the classes that
    /// implement it.
    pub implementers: &'a HashMap<String, Vec<String>>,
    /// Phantom names of the classes some code of the compilation creates
    /// (`new`, constructor references).
    pub instantiated: &'a std::collections::HashSet<String>,
    /// Interfaces that lambdas implement.
    pub lambda_ifaces: &'a std::collections::HashSet<String>,
    /// Whether the class is the runtime library's: its calls of JDK
    /// interfaces reach the user's objects (comparators, say), which only
    /// the program's own compilation knows.
    pub runtime: bool,
    /// When lowering an interface's default (or private) method into an
    /// implementing class: that class, whose `this` the code runs on.
    pub host: Option<&'a str>,
    /// Classes made for lambdas and method references, by the offset of
    /// their `invokedynamic` and the method's name and descriptor.
    pub lambdas: std::cell::RefCell<Vec<LambdaClass>>,
}

impl<'a> ClassCx<'a> {
    /// A copy sharing everything but the lambda classes made so far.
    pub fn clone_shallow(&self) -> ClassCx<'a> {
        ClassCx {
            layouts: self.layouts,
            class: self.class,
            layout: self.layout,
            rt: self.rt,
            sams: self.sams,
            implementers: self.implementers,
            instantiated: self.instantiated,
            lambda_ifaces: self.lambda_ifaces,
            runtime: self.runtime,
            host: self.host,
            lambdas: Default::default(),
        }
    }
}

/// A class made for one lambda or method-reference site: captured values
/// in fields, the interface method calling the implementation.
#[derive(Clone, Debug)]
pub struct LambdaClass {
    /// Where it was made: (method name and descriptor, bytecode offset).
    pub site: (String, usize),
    /// Its slots and signatures.
    pub info: ir::ClassInfo,
    /// Its methods.
    pub methods: Vec<(ir::MethodSig, ir::Code)>,
    /// Its constant pool.
    pub consts: Vec<ir::Const>,
}

/// A lowering failure inside a method: bytecode offset and message.
pub struct Fail {
    /// Offset of the instruction (`None` for the method as a whole).
    pub pc: Option<usize>,
    /// What is not supported or wrong.
    pub msg: String,
}

type R<T> = Result<T, String>;

/// Lowers one method; the code includes the prologue.
pub fn lower_method(cx: &ClassCx, m: &JMethod, pool: &mut Pool) -> Result<ir::Code, Fail> {
    let whole = |msg: String| Fail { pc: None, msg };
    let code = m
        .code
        .as_ref()
        .ok_or_else(|| whole("method has no code".into()))?;
    let (args, _, _) =
        method_desc(&m.desc).ok_or_else(|| whole(format!("bad descriptor {}", m.desc)))?;
    let mut l = Lowerer::new(cx, m, code, &args).map_err(whole)?;
    l.analyse()?;
    l.emit(pool)
}

pub(crate) struct Lowerer<'a> {
    cx: &'a ClassCx<'a>,
    m: &'a JMethod,
    code: &'a JCode,
    /// Instruction index by byte offset.
    index: HashMap<usize, usize>,
    /// Stack types before each instruction (None: unreachable so far).
    states: Vec<Option<Vec<V>>>,
    /// Object slot or first integer cell of each local.
    locals: HashMap<(u16, LKind), u32>,
    /// Prologue moves: (JVM local, kind, argument slot).
    arg_moves: Vec<(u16, LKind, u32)>,
    /// Whether `aload_0` is the receiver itself.
    this_fixed: bool,
    n_args: u32,
    obj_slots: u32,
    int_cells: u32,
    /// Handler entries covering each instruction, innermost first.
    covers: Vec<Vec<usize>>,
    /// Catch-target labels by handler instruction index.
    catch_labels: HashMap<usize, Label>,
    /// Labels of the stubs that turn VM errors into Java exceptions, by
    /// handler entry.
    vm_stubs: HashMap<usize, Label>,
    /// Jumps that cross a try-range boundary: (label, from cover, to index).
    tramps: Vec<(Label, usize, usize)>,
    /// The instruction being lowered (for `Label` numbering of targets).
    cur: usize,
}

fn lkind(v: V) -> LKind {
    match v {
        V::Int => LKind::Int,
        V::Long => LKind::Long,
        _ => LKind::Ref,
    }
}

/// Local-variable accesses of an instruction: (index, kind, is store).
fn local_access(insn: &I) -> Option<(u16, LKind, bool)> {
    use LKind::*;
    Some(match *insn {
        I::Iload(n) | I::Istore(n) => (u16::from(n), Int, matches!(insn, I::Istore(_))),
        I::IloadWide(n) => (n, Int, false),
        I::IstoreWide(n) => (n, Int, true),
        I::Iload0 => (0, Int, false),
        I::Iload1 => (1, Int, false),
        I::Iload2 => (2, Int, false),
        I::Iload3 => (3, Int, false),
        I::Istore0 => (0, Int, true),
        I::Istore1 => (1, Int, true),
        I::Istore2 => (2, Int, true),
        I::Istore3 => (3, Int, true),
        I::Iinc { index, .. } => (u16::from(index), Int, true),
        I::IincWide { index, .. } => (index, Int, true),
        I::Lload(n) => (u16::from(n), Long, false),
        I::Lstore(n) => (u16::from(n), Long, true),
        I::LloadWide(n) => (n, Long, false),
        I::LstoreWide(n) => (n, Long, true),
        I::Lload0 => (0, Long, false),
        I::Lload1 => (1, Long, false),
        I::Lload2 => (2, Long, false),
        I::Lload3 => (3, Long, false),
        I::Lstore0 => (0, Long, true),
        I::Lstore1 => (1, Long, true),
        I::Lstore2 => (2, Long, true),
        I::Lstore3 => (3, Long, true),
        I::Aload(n) => (u16::from(n), Ref, false),
        I::Astore(n) => (u16::from(n), Ref, true),
        I::AloadWide(n) => (n, Ref, false),
        I::AstoreWide(n) => (n, Ref, true),
        I::Aload0 => (0, Ref, false),
        I::Aload1 => (1, Ref, false),
        I::Aload2 => (2, Ref, false),
        I::Aload3 => (3, Ref, false),
        I::Astore0 => (0, Ref, true),
        I::Astore1 => (1, Ref, true),
        I::Astore2 => (2, Ref, true),
        I::Astore3 => (3, Ref, true),
        _ => return None,
    })
}

/// Branch targets (as offsets) and whether control falls through.
fn flow(pc: usize, insn: &I) -> (Vec<usize>, bool) {
    let rel = |d: i64| (pc as i64 + d) as usize;
    match insn {
        I::Goto(d) => (vec![rel(i64::from(*d))], false),
        I::GotoW(d) => (vec![rel(i64::from(*d))], false),
        I::Ifeq(d)
        | I::Ifne(d)
        | I::Iflt(d)
        | I::Ifge(d)
        | I::Ifgt(d)
        | I::Ifle(d)
        | I::IfIcmpeq(d)
        | I::IfIcmpne(d)
        | I::IfIcmplt(d)
        | I::IfIcmpge(d)
        | I::IfIcmpgt(d)
        | I::IfIcmple(d)
        | I::IfAcmpeq(d)
        | I::IfAcmpne(d)
        | I::Ifnull(d)
        | I::Ifnonnull(d) => (vec![rel(i64::from(*d))], true),
        I::Tableswitch {
            default, offsets, ..
        } => {
            let mut t = vec![rel(i64::from(*default))];
            t.extend(offsets.iter().map(|o| rel(i64::from(*o))));
            (t, false)
        }
        I::Lookupswitch { default, pairs } => {
            let mut t = vec![rel(i64::from(*default))];
            t.extend(pairs.iter().map(|p| rel(i64::from(p.1))));
            (t, false)
        }
        I::Ireturn | I::Lreturn | I::Areturn | I::Return | I::Athrow => (vec![], false),
        I::Freturn | I::Dreturn => (vec![], false),
        _ => (vec![], true),
    }
}

impl<'a> Lowerer<'a> {
    fn new(
        cx: &'a ClassCx<'a>,
        m: &'a JMethod,
        code: &'a JCode,
        args: &[(JType, String)],
    ) -> R<Lowerer<'a>> {
        let index = code
            .insns
            .iter()
            .enumerate()
            .map(|(i, (pc, _))| (*pc, i))
            .collect();
        let mut l = Lowerer {
            cx,
            m,
            code,
            index,
            states: vec![None; code.insns.len()],
            locals: HashMap::new(),
            arg_moves: Vec::new(),
            this_fixed: false,
            n_args: args.len() as u32,
            obj_slots: 0,
            int_cells: 0,
            covers: Vec::new(),
            catch_labels: HashMap::new(),
            vm_stubs: HashMap::new(),
            tramps: Vec::new(),
            cur: 0,
        };
        // Arguments: object slots 0..n (boxed); numbers are unboxed into
        // integer cells by the prologue.
        let mut jvm = 0u16;
        let stores0 = code
            .insns
            .iter()
            .any(|(_, i)| matches!(local_access(i), Some((0, _, true))));
        if !m.is_static {
            l.this_fixed = !stores0;
            jvm = 1;
        }
        l.obj_slots = l.n_args;
        for (k, (t, _)) in args.iter().enumerate() {
            let kind = match t {
                JType::Int => LKind::Int,
                JType::Long => LKind::Long,
                JType::Ref => LKind::Ref,
                _ => return Err("float and double arguments are not supported yet".into()),
            };
            if kind == LKind::Ref {
                l.locals.insert((jvm, kind), k as u32);
            } else {
                l.arg_moves.push((jvm, kind, k as u32));
            }
            jvm += if kind == LKind::Long { 2 } else { 1 };
        }
        if !m.is_static && !l.this_fixed {
            l.arg_moves.push((0, LKind::Ref, u32::MAX));
        }
        for (_, insn) in &code.insns {
            if let Some((n, k, _)) = local_access(insn) {
                l.slot(n, k);
            }
        }
        for &(n, k, _) in &l.arg_moves.clone() {
            l.slot(n, k);
        }
        // Which handler entries cover each instruction.
        l.covers = code
            .insns
            .iter()
            .map(|(pc, _)| {
                code.handlers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| usize::from(h.start_pc) <= *pc && *pc < usize::from(h.end_pc))
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        Ok(l)
    }

    fn slot(&mut self, n: u16, k: LKind) -> u32 {
        if let Some(&s) = self.locals.get(&(n, k)) {
            return s;
        }
        let s = match k {
            LKind::Ref => {
                self.obj_slots += 1;
                self.obj_slots - 1
            }
            LKind::Int => {
                self.int_cells += 1;
                self.int_cells - 1
            }
            LKind::Long => {
                self.int_cells += 2;
                self.int_cells - 2
            }
        };
        self.locals.insert((n, k), s);
        s
    }

    fn idx(&self, pc: usize) -> R<usize> {
        self.index
            .get(&pc)
            .copied()
            .ok_or_else(|| format!("jump to offset {pc}, which starts no instruction"))
    }

    fn fail(&self, i: usize, msg: String) -> Fail {
        Fail {
            pc: Some(self.code.insns.get(i).map_or(0, |x| x.0)),
            msg,
        }
    }

    /// Merges `st` into the state before instruction `i`; true if it changed.
    fn merge(&mut self, i: usize, st: &[V]) -> R<bool> {
        match &mut self.states[i] {
            None => {
                self.states[i] = Some(st.to_vec());
                Ok(true)
            }
            Some(old) => {
                if old.len() != st.len() {
                    return Err("operand stacks of different depths meet here".into());
                }
                let mut changed = false;
                for (o, n) in old.iter_mut().zip(st) {
                    if o == n {
                        continue;
                    }
                    match (*o, *n) {
                        (V::This, V::Ref) => {
                            *o = V::Ref;
                            changed = true;
                        }
                        (V::Ref, V::This) => {}
                        _ => {
                            return Err(format!(
                                "operand stacks with different types meet here ({o:?} and {n:?})"
                            ))
                        }
                    }
                }
                Ok(changed)
            }
        }
    }

    /// The data flow: stack types before every reachable instruction.
    fn analyse(&mut self) -> Result<(), Fail> {
        if self.code.insns.is_empty() {
            return Err(Fail {
                pc: None,
                msg: "empty code".into(),
            });
        }
        self.states[0] = Some(Vec::new());
        let mut work = vec![0usize];
        let mut pool = Pool::default();
        while let Some(i) = work.pop() {
            let mut st = self.states[i].clone().unwrap_or_default();
            let (pc, insn) = &self.code.insns[i];
            let mut em = Em::new(&mut pool, 0, 0, 0);
            self.cur = i;
            self.exec(*pc, insn, &mut st, &mut em)
                .map_err(|m| self.fail(i, m))?;
            let (targets, falls) = flow(*pc, insn);
            let mut next: Vec<usize> = Vec::new();
            for t in targets {
                next.push(self.idx(t).map_err(|m| self.fail(i, m))?);
            }
            if falls {
                if i + 1 >= self.code.insns.len() {
                    return Err(self.fail(i, "code falls off its end".into()));
                }
                next.push(i + 1);
            }
            for n in next {
                if self.merge(n, &st).map_err(|m| self.fail(n, m))? {
                    work.push(n);
                }
            }
            for &h in &self.covers[i].clone() {
                let hpc = usize::from(self.code.handlers[h].handler_pc);
                let hi = self.idx(hpc).map_err(|m| self.fail(i, m))?;
                if self.merge(hi, &[V::Ref]).map_err(|m| self.fail(hi, m))? {
                    work.push(hi);
                }
            }
        }
        Ok(())
    }

    fn emit(mut self, pool: &mut Pool) -> Result<ir::Code, Fail> {
        let n = self.code.insns.len() as u32;
        let max_cover = (0..self.covers.len())
            .map(|i| self.n_catchers(i))
            .max()
            .unwrap_or(0);
        let mut em = Em::new(pool, self.obj_slots, self.int_cells, n);
        // The analysis made trampolines with its own labels.
        self.tramps.clear();
        // Catch targets.
        for h in &self.code.handlers {
            let hi = self
                .idx(usize::from(h.handler_pc))
                .map_err(|m| Fail { pc: None, msg: m })?;
            self.catch_labels.entry(hi).or_insert_with(|| em.label());
        }
        for h in 0..self.code.handlers.len() {
            if self.converts_vm_errors(h).is_some() {
                let l = em.label();
                self.vm_stubs.insert(h, l);
            }
        }
        // Prologue: unbox numeric arguments, copy `this` if local 0 is reassigned.
        for &(jvm, k, arg) in &self.arg_moves {
            let slot = self.locals[&(jvm, k)];
            match k {
                LKind::Ref => {
                    em.op(Op::SummonThis);
                    em.op(Op::OsSet(slot));
                }
                LKind::Int | LKind::Long => {
                    let nk = if k == LKind::Int {
                        NumKind::Int
                    } else {
                        NumKind::Long
                    };
                    em.op(Op::OsGet(arg));
                    em.op(Op::O2i(nk));
                    em.op(Op::IsSet(nk, slot));
                }
            }
        }
        // Java's numeric fields start at zero; the VM's at null.
        if self.m.name == "<init>" {
            let mut own: Vec<_> = self.cx.layout.fields.values().collect();
            own.sort_by_key(|f| f.ordinal);
            for f in own {
                let k = match f.ty {
                    JType::Int => NumKind::Int,
                    JType::Long => NumKind::Long,
                    _ => continue,
                };
                em.op(Op::IConst(k, 0));
                em.op(Op::I2o(k));
                em.op(Op::Save(f.ordinal));
            }
        }
        if !self.covers[0].is_empty() {
            self.push_catchers(&mut em, 0);
        }
        let mut line = 0;
        let mut prev_falls = false;
        for i in 0..self.code.insns.len() {
            let Some(st0) = self.states[i].clone() else {
                prev_falls = false;
                continue;
            };
            let (pc, insn) = &self.code.insns[i];
            let l = self.code.line_at(*pc);
            if l != 0 && l != line {
                em.op(Op::Line(l));
                line = l;
            }
            if let Some(&cl) = self.catch_labels.get(&i) {
                if prev_falls {
                    return Err(self.fail(i, "code falls into an exception handler".into()));
                }
                em.op(Op::Label(cl));
                em.reset_temps();
                let t = em.obj_temp();
                em.op(Op::OsSet(t));
                for _ in 0..max_cover {
                    em.op(Op::PopCatcher);
                }
                self.push_catchers(&mut em, i);
                em.op(Op::OsGet(t));
            } else if prev_falls && self.covers[i - 1] != self.covers[i] {
                if !st0.is_empty() && !self.covers[i].is_empty() {
                    return Err(self.fail(
                        i,
                        "a try range starts with values on the operand stack".into(),
                    ));
                }
                for _ in 0..self.n_catchers(i - 1) {
                    em.op(Op::PopCatcher);
                }
                self.push_catchers(&mut em, i);
            }
            em.op(Op::Label(Label(i as u32)));
            em.reset_temps();
            let mut st = st0;
            self.cur = i;
            self.exec(*pc, insn, &mut st, &mut em)
                .map_err(|m| self.fail(i, m))?;
            prev_falls = flow(*pc, insn).1;
        }
        // Trampolines of jumps that enter or leave try ranges.
        for (lab, from, to) in std::mem::take(&mut self.tramps) {
            em.op(Op::Label(lab));
            for _ in 0..self.n_catchers(from) {
                em.op(Op::PopCatcher);
            }
            self.push_catchers(&mut em, to);
            em.op(Op::Jmp(Label(to as u32)));
        }
        // VM errors caught by a Java handler's string catcher: converted,
        // then handled if the handler's class matches, else thrown on.
        let mut stubs: Vec<(usize, Label)> = self.vm_stubs.iter().map(|(&h, &l)| (h, l)).collect();
        stubs.sort();
        for (h, lab) in stubs {
            let class = self.converts_vm_errors(h).unwrap_or_default();
            let hi = self.index[&usize::from(self.code.handlers[h].handler_pc)];
            let on = em.label();
            em.reset_temps();
            em.op(Op::Label(lab));
            crate::library::util_call(
                &self,
                &mut em,
                "vmError",
                "(Ljava/lang/Object;)Ljava/lang/Object;",
                1,
            )
            .map_err(|m| Fail { pc: None, msg: m })?;
            let t = em.obj_temp();
            em.op(Op::OsSet(t));
            em.class(&class);
            em.op(Op::OsGet(t));
            em.op(Op::Call {
                ord: INSTANCE_OF,
                nargs: 1,
            });
            em.op(Op::O2i(NumKind::Int));
            em.op(Op::Jz(on));
            em.op(Op::OsGet(t));
            em.op(Op::Jmp(self.catch_labels[&hi]));
            em.op(Op::Label(on));
            em.op(Op::OsGet(t));
            em.op(Op::Throw);
        }
        let obj = self.obj_slots + em.obj_max;
        let int = self.int_cells + em.int_max;
        let locals = obj - self.n_args;
        let too_many = |what: &str, n: u32| Fail {
            pc: None,
            msg: format!("{n} {what} do not fit the VM's one-byte frame reservation"),
        };
        let obj8 = u8::try_from(locals).map_err(|_| too_many("object slots", locals))?;
        let int8 = u8::try_from(int).map_err(|_| too_many("integer cells", int))?;
        let nargs8 = u8::try_from(self.n_args).map_err(|_| too_many("arguments", self.n_args))?;
        let mut ops = vec![Op::ArgCount(nargs8)];
        if obj8 != 0 || int8 != 0 {
            ops.push(Op::StackReserve {
                obj: obj8,
                int: int8,
            });
        }
        ops.append(&mut em.code.ops);
        Ok(ir::Code {
            ops,
            labels: em.code.labels,
        })
    }

    /// The Java exception class handler entry `h` catches, if it is one
    /// the VM's own (string) errors can turn into: then a second catcher
    /// for strings converts them first (see `vm_error_stubs`).
    fn converts_vm_errors(&self, h: usize) -> Option<String> {
        let e = &self.code.handlers[h];
        if e.catch_type == 0 {
            return None;
        }
        let mut c = self.cx.class.class_name(e.catch_type).ok();
        let name = c.clone()?;
        while let Some(n) = c {
            if n == "java/lang/Throwable" {
                return Some(self.pname_of(&name));
            }
            c = self.cx.layouts.get(&n).and_then(|l| l.parent.clone());
        }
        None
    }

    /// How many VM catchers instruction `i`'s handlers take.
    fn n_catchers(&self, i: usize) -> usize {
        self.covers[i]
            .iter()
            .map(|&h| 1 + usize::from(self.converts_vm_errors(h).is_some()))
            .sum()
    }

    /// Pushes the catchers of instruction `i`'s handlers, outermost first.
    fn push_catchers(&self, em: &mut Em, i: usize) {
        for &h in self.covers[i].iter().rev() {
            let e = &self.code.handlers[h];
            let class = if e.catch_type == 0 {
                ".internal.object".to_string()
            } else {
                match self.cx.class.class_name(e.catch_type) {
                    Ok(n) => self.pname_of(&n),
                    Err(_) => ".internal.object".to_string(),
                }
            };
            let hi = self.index[&usize::from(e.handler_pc)];
            em.class(&class);
            em.op(Op::PushCatcher(self.catch_labels[&hi]));
            if self.converts_vm_errors(h).is_some() {
                em.class(".internal.string");
                em.op(Op::PushCatcher(self.vm_stubs[&h]));
            }
        }
    }

    fn pname_of(&self, jname: &str) -> String {
        self.cx
            .layouts
            .get(jname)
            .map_or_else(|| crate::layout::phantom_name(jname), |l| l.pname.clone())
    }

    /// The label a jump from the current instruction to offset `pc` takes.
    fn target(&mut self, em: &mut Em, pc: usize, st: &[V]) -> R<Label> {
        let to = self.idx(pc)?;
        if self.covers[self.cur] == self.covers[to] {
            return Ok(Label(to as u32));
        }
        if !st.is_empty() && !self.covers[to].is_empty() {
            return Err("a jump enters a try range with values on the operand stack".into());
        }
        let l = em.label();
        self.tramps.push((l, self.cur, to));
        Ok(l)
    }

    // ---- the instructions

    fn exec(&mut self, pc: usize, insn: &I, st: &mut Vec<V>, em: &mut Em) -> R<()> {
        let pop = |st: &mut Vec<V>| {
            st.pop()
                .ok_or_else(|| "operand stack underflow".to_string())
        };
        macro_rules! want {
            ($v:expr, $k:expr) => {{
                let v = pop(st)?;
                let ok = match $k {
                    V::Ref => matches!(v, V::Ref | V::This),
                    k => v == k,
                };
                if !ok {
                    return Err(format!(
                        "expected {:?} on the operand stack, found {v:?}",
                        $k
                    ));
                }
                v
            }};
        }
        use NumKind::{Int as KI, Long as KL};
        match insn {
            I::Nop => {}
            I::Aconstnull => {
                em.op(Op::SummonNull);
                st.push(V::Ref);
            }
            I::Iconstm1
            | I::Iconst0
            | I::Iconst1
            | I::Iconst2
            | I::Iconst3
            | I::Iconst4
            | I::Iconst5 => {
                let v = match insn {
                    I::Iconstm1 => -1,
                    I::Iconst0 => 0,
                    I::Iconst1 => 1,
                    I::Iconst2 => 2,
                    I::Iconst3 => 3,
                    I::Iconst4 => 4,
                    _ => 5,
                };
                em.iconst(v);
                st.push(V::Int);
            }
            I::Bipush(v) => {
                em.iconst(i32::from(*v));
                st.push(V::Int);
            }
            I::Sipush(v) => {
                em.iconst(i32::from(*v));
                st.push(V::Int);
            }
            I::Lconst0 | I::Lconst1 => {
                em.op(Op::IConst(KL, i32::from(matches!(insn, I::Lconst1))));
                st.push(V::Long);
            }
            I::Ldc(i) => self.ldc(u16::from(*i), st, em)?,
            I::LdcW(i) | I::Ldc2W(i) => self.ldc(*i, st, em)?,
            _ if local_access(insn).is_some() => {
                let (n, k, store) = local_access(insn).expect("checked");
                if let I::Iinc { value, .. } = insn {
                    let s = self.locals[&(n, k)];
                    em.op(Op::IsGet(KI, s));
                    em.iconst(i32::from(*value));
                    em.arith(KI, ArithOp::Add);
                    em.op(Op::IsSet(KI, s));
                } else if let I::IincWide { value, .. } = insn {
                    let s = self.locals[&(n, k)];
                    em.op(Op::IsGet(KI, s));
                    em.iconst(i32::from(*value));
                    em.arith(KI, ArithOp::Add);
                    em.op(Op::IsSet(KI, s));
                } else if store {
                    let v = pop(st)?;
                    if v == V::Out {
                        return Err("System.out kept in a variable is not supported yet".into());
                    }
                    if lkind(v) != k {
                        return Err(format!("store of {v:?} into a {k:?} local"));
                    }
                    let s = self.locals[&(n, k)];
                    match k {
                        LKind::Ref => em.op(Op::OsSet(s)),
                        LKind::Int => em.op(Op::IsSet(KI, s)),
                        LKind::Long => em.op(Op::IsSet(KL, s)),
                    }
                } else if n == 0 && k == LKind::Ref && self.this_fixed {
                    em.op(Op::SummonThis);
                    st.push(V::This);
                } else {
                    let s = self.locals[&(n, k)];
                    match k {
                        LKind::Ref => {
                            em.op(Op::OsGet(s));
                            st.push(V::Ref);
                        }
                        LKind::Int => {
                            em.op(Op::IsGet(KI, s));
                            st.push(V::Int);
                        }
                        LKind::Long => {
                            em.op(Op::IsGet(KL, s));
                            st.push(V::Long);
                        }
                    }
                }
            }
            // ---- arithmetic
            I::Iadd | I::Imul | I::Iand | I::Ior | I::Ixor | I::Isub => {
                want!(V::Int, V::Int);
                want!(V::Int, V::Int);
                em.arith(KI, binop(insn));
                st.push(V::Int);
            }
            I::Ladd | I::Lmul | I::Land | I::Lor | I::Lxor | I::Lsub => {
                want!(V::Long, V::Long);
                want!(V::Long, V::Long);
                em.arith(KL, binop(insn));
                st.push(V::Long);
            }
            I::Idiv | I::Irem | I::Ldiv | I::Lrem => {
                let k = if matches!(insn, I::Idiv | I::Irem) {
                    KI
                } else {
                    KL
                };
                let v = if k == KI { V::Int } else { V::Long };
                want!(v, v);
                want!(v, v);
                // Java throws ArithmeticException("/ by zero").
                let (ok, zero) = (em.label(), em.label());
                let t = em.int_temp(k);
                em.op(Op::IsSet(k, t));
                em.op(Op::IsGet(k, t));
                if k == KI {
                    em.op(Op::Jz(zero));
                } else {
                    em.op(Op::IConst(KL, 0));
                    em.arith(KL, ArithOp::Lt);
                    em.op(Op::IsGet(k, t));
                    em.op(Op::IConst(KL, 0));
                    em.arith(KL, ArithOp::Gt);
                    em.arith(KI, ArithOp::LogOr);
                    em.op(Op::Jz(zero));
                }
                em.op(Op::IsGet(k, t));
                let op = if matches!(insn, I::Idiv | I::Ldiv) {
                    ArithOp::DivLu
                } else {
                    ArithOp::RemLu
                };
                em.arith(k, op);
                em.op(Op::Jmp(ok));
                em.op(Op::Label(zero));
                em.sconst(b"/ by zero");
                em.new_with_message(".java.lang.ArithmeticException", self.cx.rt.arith_ctor);
                em.op(Op::Throw);
                em.op(Op::Label(ok));
                st.push(v);
            }
            I::Ineg | I::Lneg => {
                let (k, v) = if matches!(insn, I::Ineg) {
                    (KI, V::Int)
                } else {
                    (KL, V::Long)
                };
                want!(v, v);
                em.op(Op::IConst(k, -1));
                em.arith(k, ArithOp::Mul);
                st.push(v);
            }
            I::Ishl | I::Ishr | I::Iushr | I::Lshl | I::Lshr | I::Lushr => {
                let (k, v) = if matches!(insn, I::Ishl | I::Ishr | I::Iushr) {
                    (KI, V::Int)
                } else {
                    (KL, V::Long)
                };
                want!(V::Int, V::Int);
                want!(v, v);
                // The VM takes the count below the value; the JVM above it.
                let c = em.int_temp(KI);
                let x = em.int_temp(k);
                em.op(Op::IsSet(KI, c));
                em.op(Op::IsSet(k, x));
                em.op(Op::IsGet(KI, c));
                em.op(Op::IsGet(k, x));
                let op = match insn {
                    I::Ishl | I::Lshl => ArithOp::Shl,
                    I::Ishr | I::Lshr => ArithOp::Shr,
                    _ => ArithOp::Ushr,
                };
                em.arith(k, op);
                st.push(v);
            }
            I::I2l => {
                want!(V::Int, V::Int);
                em.op(Op::Convert { from: KI, to: KL });
                st.push(V::Long);
            }
            I::L2i => {
                want!(V::Long, V::Long);
                em.op(Op::Convert { from: KL, to: KI });
                st.push(V::Int);
            }
            I::I2b | I::I2s => {
                want!(V::Int, V::Int);
                let (mask, sign) = if matches!(insn, I::I2b) {
                    (0xFF, 0x80)
                } else {
                    (0xFFFF, 0x8000)
                };
                em.iconst(mask);
                em.arith(KI, ArithOp::And);
                em.iconst(sign);
                em.arith(KI, ArithOp::Xor);
                em.iconst(sign);
                em.arith(KI, ArithOp::SubLu);
                st.push(V::Int);
            }
            I::I2c => {
                want!(V::Int, V::Int);
                em.iconst(0xFFFF);
                em.arith(KI, ArithOp::And);
                st.push(V::Int);
            }
            I::Lcmp => {
                want!(V::Long, V::Long);
                want!(V::Long, V::Long);
                let b = em.int_temp(KL);
                let a = em.int_temp(KL);
                em.op(Op::IsSet(KL, b));
                em.op(Op::IsSet(KL, a));
                em.op(Op::IsGet(KL, a));
                em.op(Op::IsGet(KL, b));
                em.arith(KL, ArithOp::Gt);
                em.op(Op::IsGet(KL, a));
                em.op(Op::IsGet(KL, b));
                em.arith(KL, ArithOp::Lt);
                em.arith(KI, ArithOp::SubLu);
                st.push(V::Int);
            }
            // ---- branches
            I::Ifeq(d) | I::Ifne(d) | I::Iflt(d) | I::Ifge(d) | I::Ifgt(d) | I::Ifle(d) => {
                want!(V::Int, V::Int);
                let t = self.target(em, (pc as i64 + i64::from(*d)) as usize, st)?;
                // Jz jumps on zero: compute the negated condition.
                match insn {
                    I::Ifeq(_) => {}
                    I::Ifne(_) => em.arith(KI, ArithOp::LogNot),
                    _ => {
                        em.iconst(0);
                        em.arith(KI, negated(insn));
                    }
                }
                em.op(Op::Jz(t));
            }
            I::IfIcmpeq(d)
            | I::IfIcmpne(d)
            | I::IfIcmplt(d)
            | I::IfIcmpge(d)
            | I::IfIcmpgt(d)
            | I::IfIcmple(d) => {
                want!(V::Int, V::Int);
                want!(V::Int, V::Int);
                let t = self.target(em, (pc as i64 + i64::from(*d)) as usize, st)?;
                match insn {
                    I::IfIcmpeq(_) => em.arith(KI, ArithOp::SubLu),
                    I::IfIcmpne(_) => {
                        em.arith(KI, ArithOp::SubLu);
                        em.arith(KI, ArithOp::LogNot);
                    }
                    _ => em.arith(KI, negated(insn)),
                }
                em.op(Op::Jz(t));
            }
            I::IfAcmpeq(d) | I::IfAcmpne(d) => {
                want!(V::Ref, V::Ref);
                want!(V::Ref, V::Ref);
                let t = self.target(em, (pc as i64 + i64::from(*d)) as usize, st)?;
                em.op(if matches!(insn, I::IfAcmpeq(_)) {
                    Op::OsNeq
                } else {
                    Op::OsEq
                });
                em.op(Op::Jz(t));
            }
            I::Ifnull(d) | I::Ifnonnull(d) => {
                want!(V::Ref, V::Ref);
                let t = self.target(em, (pc as i64 + i64::from(*d)) as usize, st)?;
                em.op(Op::OsIsNull);
                if matches!(insn, I::Ifnull(_)) {
                    em.arith(KI, ArithOp::LogNot);
                }
                em.op(Op::Jz(t));
            }
            I::Goto(_) | I::GotoW(_) => {
                let to = flow(pc, insn).0[0];
                let t = self.target(em, to, st)?;
                em.op(Op::Jmp(t));
            }
            I::Tableswitch {
                default,
                low,
                high,
                offsets,
            } => {
                want!(V::Int, V::Int);
                if offsets.len() as i64 != i64::from(*high) - i64::from(*low) + 1 {
                    return Err("malformed tableswitch".into());
                }
                let mut targets = Vec::new();
                for o in offsets {
                    targets.push(self.target(em, (pc as i64 + i64::from(*o)) as usize, st)?);
                }
                let d = self.target(em, (pc as i64 + i64::from(*default)) as usize, st)?;
                em.op(Op::Switch {
                    shift: low.wrapping_neg(),
                    div: 1,
                    targets,
                });
                em.op(Op::Jmp(d));
            }
            I::Lookupswitch { default, pairs } => {
                want!(V::Int, V::Int);
                let mut tramps = Vec::new();
                for (key, off) in pairs {
                    let t = self.target(em, (pc as i64 + i64::from(*off)) as usize, st)?;
                    let hop = em.label();
                    em.op(Op::IsDup(KI));
                    em.iconst(*key);
                    em.arith(KI, ArithOp::SubLu);
                    em.op(Op::Jz(hop));
                    tramps.push((hop, t));
                }
                let d = self.target(em, (pc as i64 + i64::from(*default)) as usize, st)?;
                em.op(Op::IsDrop(KI));
                em.op(Op::Jmp(d));
                for (hop, t) in tramps {
                    em.op(Op::Label(hop));
                    em.op(Op::IsDrop(KI));
                    em.op(Op::Jmp(t));
                }
            }
            // ---- returns
            I::Ireturn | I::Lreturn => {
                let (k, v) = if matches!(insn, I::Ireturn) {
                    (KI, V::Int)
                } else {
                    (KL, V::Long)
                };
                want!(v, v);
                em.op(Op::I2o(k));
                em.op(Op::Ret);
            }
            I::Areturn => {
                want!(V::Ref, V::Ref);
                em.op(Op::Ret);
            }
            I::Return => {
                em.op(Op::SummonNull);
                em.op(Op::Ret);
            }
            I::Athrow => {
                want!(V::Ref, V::Ref);
                em.op(Op::Throw);
            }
            // ---- stack shuffles
            I::Pop => {
                let v = pop(st)?;
                self.drop_value(v, em)?;
            }
            I::Pop2 => {
                let v = pop(st)?;
                if v.is_wide() {
                    self.drop_value(v, em)?;
                } else {
                    let w = pop(st)?;
                    self.drop_value(v, em)?;
                    self.drop_value(w, em)?;
                }
            }
            I::Dup => {
                let v = *st.last().ok_or("operand stack underflow")?;
                match v {
                    V::Int => em.op(Op::IsDup(KI)),
                    V::Ref | V::This => em.op(Op::OsDup),
                    V::Out => {}
                    V::Long => return Err("dup of a long".into()),
                }
                st.push(v);
            }
            I::Dupx1 => self.shuffle(st, em, 2, &[0, 1, 0])?,
            I::Dupx2 => {
                if st.len() >= 2 && st[st.len() - 2].is_wide() {
                    self.shuffle(st, em, 2, &[0, 1, 0])?
                } else {
                    self.shuffle(st, em, 3, &[0, 1, 2, 0])?
                }
            }
            I::Dup2 => {
                if st.last().is_some_and(|v| v.is_wide()) {
                    self.shuffle(st, em, 1, &[0, 0])?
                } else {
                    self.shuffle(st, em, 2, &[0, 1, 0, 1])?
                }
            }
            I::Dup2x1 => {
                if st.last().is_some_and(|v| v.is_wide()) {
                    self.shuffle(st, em, 2, &[0, 1, 0])?
                } else {
                    self.shuffle(st, em, 3, &[0, 1, 2, 0, 1])?
                }
            }
            I::Swap => self.shuffle(st, em, 2, &[1, 0])?,
            // ---- objects and fields
            I::New(i) => {
                let c = self.cx.class.class_name(*i)?;
                if c == "java/lang/Object" {
                    em.class(".internal.object");
                    em.op(Op::New);
                    st.push(V::Ref);
                    return Ok(());
                }
                if c == "java/lang/String" {
                    // Strings are the VM's: the constructor call makes one
                    // (see the library's String.<init>).
                    em.op(Op::SummonNull);
                    st.push(V::Ref);
                    return Ok(());
                }
                let l = self.user_class(&c, "new")?;
                if l.is_interface {
                    return Err(format!("new of interface {}", dotted(&c)));
                }
                if l.needs_init && !self.is_self_or_ancestor(&c) {
                    em.singleton(l);
                    em.op(Op::OsDrop);
                }
                em.class(&l.pname.clone());
                em.op(Op::New);
                st.push(V::Ref);
            }
            I::Getfield(i) | I::Putfield(i) => {
                self.field(*i, matches!(insn, I::Putfield(_)), st, em)?
            }
            I::Getstatic(i) | I::Putstatic(i) => {
                self.static_field(*i, matches!(insn, I::Putstatic(_)), st, em)?
            }
            I::Invokevirtual(i) => self.invoke(*i, Kind::Virtual, st, em)?,
            I::Invokespecial(i) => self.invoke(*i, Kind::Special, st, em)?,
            I::Invokestatic(i) => self.invoke(*i, Kind::Static, st, em)?,
            I::Invokeinterface { index, .. } => self.invoke(*index, Kind::Interface, st, em)?,
            I::Invokedynamic(i) => self.indy(*i, st, em)?,
            I::Checkcast(i) => {
                want!(V::Ref, V::Ref);
                let c = self.cx.class.class_name(*i)?;
                if let Some(classes) = self.interface_classes(&c) {
                    // An interface: one of its implementing classes, or
                    // null, or ClassCastException.
                    let (done, fail) = (em.label(), em.label());
                    let t = em.obj_temp();
                    em.op(Op::OsDup);
                    em.op(Op::OsSet(t));
                    em.op(Op::OsGet(t));
                    em.op(Op::OsIsNull);
                    self.instance_of_any(em, t, &classes);
                    em.arith(KI, ArithOp::LogOr);
                    em.op(Op::Jz(fail));
                    em.op(Op::Jmp(done));
                    em.op(Op::Label(fail));
                    em.sconst(java_name(&c).as_bytes());
                    crate::library::util_call(
                        self,
                        em,
                        "castFailed",
                        "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/ClassCastException;",
                        2,
                    )?;
                    em.op(Op::Throw);
                    em.op(Op::Label(done));
                } else if let Some(p) = self.cast_class(&c)? {
                    // null passes; anything else must be an instance, or
                    // ClassCastException with Java's message.
                    let (done, test, fail) = (em.label(), em.label(), em.label());
                    em.op(Op::OsDup);
                    em.op(Op::OsIsNull);
                    em.op(Op::Jz(test));
                    em.op(Op::Jmp(done));
                    em.op(Op::Label(test));
                    em.class(&p);
                    em.op(Op::OsPull(1));
                    em.op(Op::Call {
                        ord: INSTANCE_OF,
                        nargs: 1,
                    });
                    em.op(Op::O2i(KI));
                    em.op(Op::Jz(fail));
                    em.op(Op::Jmp(done));
                    em.op(Op::Label(fail));
                    em.sconst(java_name(&c).as_bytes());
                    crate::library::util_call(
                        self,
                        em,
                        "castFailed",
                        "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/ClassCastException;",
                        2,
                    )?;
                    em.op(Op::Throw);
                    em.op(Op::Label(done));
                }
                st.push(V::Ref);
            }
            I::Instanceof(i) => {
                want!(V::Ref, V::Ref);
                let c = self.cx.class.class_name(*i)?;
                if c == "java/lang/Object" {
                    em.op(Op::OsIsNull);
                    em.arith(KI, ArithOp::LogNot);
                    st.push(V::Int);
                    return Ok(());
                }
                if let Some(classes) = self.interface_classes(&c) {
                    let t = em.obj_temp();
                    em.op(Op::OsSet(t));
                    self.instance_of_any(em, t, &classes);
                    st.push(V::Int);
                    return Ok(());
                }
                let Some(p) = self.cast_class(&c)? else {
                    return Err(format!("instanceof {} is not supported yet", dotted(&c)));
                };
                em.class(&p);
                em.op(Op::OsPull(1));
                em.op(Op::Call {
                    ord: INSTANCE_OF,
                    nargs: 1,
                });
                em.nip();
                em.op(Op::O2i(KI));
                st.push(V::Int);
            }
            // ---- arrays
            I::Newarray(t) => {
                want!(V::Int, V::Int);
                em.op(Op::I2o(KI));
                match t {
                    4..=5 | 8..=10 => {
                        em.iconst(0);
                        em.op(Op::I2o(KI));
                    }
                    11 => {
                        em.op(Op::IConst(KL, 0));
                        em.op(Op::I2o(KL));
                    }
                    _ => return Err("float and double arrays are not supported yet".into()),
                }
                em.rt_call(self.cx.rt, self.cx.rt.new_array, 2);
                st.push(V::Ref);
            }
            I::Anewarray(_) => {
                want!(V::Int, V::Int);
                em.op(Op::I2o(KI));
                em.op(Op::SummonNull);
                em.rt_call(self.cx.rt, self.cx.rt.new_array, 2);
                st.push(V::Ref);
            }
            I::Arraylength => {
                want!(V::Ref, V::Ref);
                em.op(Op::Call {
                    ord: ARR_SIZE,
                    nargs: 0,
                });
                em.op(Op::O2i(KI));
                st.push(V::Int);
            }
            I::Iaload | I::Baload | I::Caload | I::Saload | I::Laload | I::Aaload => {
                want!(V::Int, V::Int);
                want!(V::Ref, V::Ref);
                let ti = em.int_temp(KI);
                em.op(Op::IsSet(KI, ti));
                self.bounds_check(em, ti);
                em.op(Op::IsGet(KI, ti));
                em.op(Op::I2o(KI));
                em.op(Op::Call {
                    ord: ARR_GET,
                    nargs: 1,
                });
                match insn {
                    I::Laload => {
                        em.op(Op::O2i(KL));
                        st.push(V::Long);
                    }
                    I::Aaload => st.push(V::Ref),
                    _ => {
                        em.op(Op::O2i(KI));
                        st.push(V::Int);
                    }
                }
            }
            I::Iastore | I::Bastore | I::Castore | I::Sastore | I::Lastore | I::Aastore => {
                let (k, v) = match insn {
                    I::Lastore => (Some(KL), V::Long),
                    I::Aastore => (None, V::Ref),
                    _ => (Some(KI), V::Int),
                };
                want!(v, v);
                want!(V::Int, V::Int);
                want!(V::Ref, V::Ref);
                match k {
                    Some(k) => {
                        match insn {
                            I::Bastore => {
                                em.iconst(0xFF);
                                em.arith(KI, ArithOp::And);
                                em.iconst(0x80);
                                em.arith(KI, ArithOp::Xor);
                                em.iconst(0x80);
                                em.arith(KI, ArithOp::SubLu);
                            }
                            I::Castore => {
                                em.iconst(0xFFFF);
                                em.arith(KI, ArithOp::And);
                            }
                            I::Sastore => {
                                em.iconst(0xFFFF);
                                em.arith(KI, ArithOp::And);
                                em.iconst(0x8000);
                                em.arith(KI, ArithOp::Xor);
                                em.iconst(0x8000);
                                em.arith(KI, ArithOp::SubLu);
                            }
                            _ => {}
                        }
                        let tv = em.int_temp(k);
                        let ti = em.int_temp(KI);
                        em.op(Op::IsSet(k, tv));
                        em.op(Op::IsSet(KI, ti));
                        self.bounds_check(em, ti);
                        em.op(Op::IsGet(k, tv));
                        em.op(Op::I2o(k));
                        em.op(Op::IsGet(KI, ti));
                        em.op(Op::I2o(KI));
                    }
                    None => {
                        let tv = em.obj_temp();
                        let ti = em.int_temp(KI);
                        em.op(Op::OsSet(tv));
                        em.op(Op::IsSet(KI, ti));
                        self.bounds_check(em, ti);
                        em.op(Op::OsGet(tv));
                        em.op(Op::IsGet(KI, ti));
                        em.op(Op::I2o(KI));
                    }
                }
                em.op(Op::Call {
                    ord: ARR_SET,
                    nargs: 2,
                });
                em.op(Op::OsDrop);
            }
            I::Monitorenter | I::Monitorexit => {
                // Java threads are not supported yet, so a Java program
                // has one thread and a monitor changes nothing.
                want!(V::Ref, V::Ref);
                em.op(Op::OsDrop);
            }
            I::Multianewarray { index, dimensions } => {
                let c = self.cx.class.class_name(*index)?;
                let d = usize::from(*dimensions);
                let depth = c.bytes().take_while(|&b| b == b'[').count();
                if d == 0 || d > depth {
                    return Err("malformed multianewarray".into());
                }
                let counts: Vec<u32> = (0..d).map(|_| em.int_temp(KI)).collect();
                for &t in counts.iter().rev() {
                    want!(V::Int, V::Int);
                    em.op(Op::IsSet(KI, t));
                }
                em.class(".internal.container.array");
                em.op(Op::New);
                for (j, &t) in counts.iter().enumerate() {
                    em.op(Op::OsDup);
                    em.op(Op::IsGet(KI, t));
                    em.op(Op::I2o(KI));
                    em.iconst(j as i32);
                    em.op(Op::I2o(KI));
                    em.op(Op::Call {
                        ord: ARR_SET,
                        nargs: 2,
                    });
                    em.op(Op::OsDrop);
                }
                em.iconst(0);
                em.op(Op::I2o(KI));
                match (d == depth).then(|| &c[depth..]) {
                    Some("I" | "Z" | "B" | "C" | "S") => {
                        em.iconst(0);
                        em.op(Op::I2o(KI));
                    }
                    Some("J") => {
                        em.op(Op::IConst(KL, 0));
                        em.op(Op::I2o(KL));
                    }
                    Some("F" | "D") => {
                        return Err("float and double arrays are not supported yet".into())
                    }
                    _ => em.op(Op::SummonNull),
                }
                em.rt_call(self.cx.rt, self.cx.rt.multi_new_array, 3);
                st.push(V::Ref);
            }
            other => {
                return Err(format!(
                    "instruction {} is not supported yet",
                    mnemonic(other)
                ))
            }
        }
        Ok(())
    }

    /// With the array on the object stack and the index in cell `ti`:
    /// throws `ArrayIndexOutOfBoundsException` unless 0 <= index < length.
    fn bounds_check(&self, em: &mut Em, ti: u32) {
        let (ok, bad) = (em.label(), em.label());
        em.op(Op::OsDup);
        em.op(Op::Call {
            ord: ARR_SIZE,
            nargs: 0,
        });
        em.op(Op::O2i(NumKind::Int));
        em.op(Op::IsGet(NumKind::Int, ti));
        em.arith(NumKind::Int, ArithOp::Gt);
        em.op(Op::IsGet(NumKind::Int, ti));
        em.iconst(0);
        em.arith(NumKind::Int, ArithOp::Ge);
        em.arith(NumKind::Int, ArithOp::LogAnd);
        em.op(Op::Jz(bad));
        em.op(Op::Jmp(ok));
        em.op(Op::Label(bad));
        em.op(Op::IsGet(NumKind::Int, ti));
        em.op(Op::I2o(NumKind::Int));
        em.rt_call(self.cx.rt, self.cx.rt.out_of_bounds, 2);
        em.op(Op::Throw);
        em.op(Op::Label(ok));
    }

    fn drop_value(&self, v: V, em: &mut Em) -> R<()> {
        match v {
            V::Int => em.op(Op::IsDrop(NumKind::Int)),
            V::Long => em.op(Op::IsDrop(NumKind::Long)),
            V::Ref | V::This => em.op(Op::OsDrop),
            V::Out => {}
        }
        Ok(())
    }

    /// Pops `n` values and pushes them again through temporaries:
    /// `pattern` lists the new stack from its top down, naming each value
    /// by its old depth (0 = the old top).
    fn shuffle(&self, st: &mut Vec<V>, em: &mut Em, n: usize, pattern: &[usize]) -> R<()> {
        if st.len() < n {
            return Err("operand stack underflow".into());
        }
        let vals: Vec<V> = st.split_off(st.len() - n);
        // vals[n-1] is the top: pattern index 0.
        let mut temps = vec![0u32; n];
        for j in (0..n).rev() {
            let v = vals[j];
            temps[j] = match v {
                V::Int => {
                    let t = em.int_temp(NumKind::Int);
                    em.op(Op::IsSet(NumKind::Int, t));
                    t
                }
                V::Long => {
                    let t = em.int_temp(NumKind::Long);
                    em.op(Op::IsSet(NumKind::Long, t));
                    t
                }
                V::Ref | V::This => {
                    let t = em.obj_temp();
                    em.op(Op::OsSet(t));
                    t
                }
                V::Out => 0,
            };
        }
        for &p in pattern.iter().rev() {
            let j = n - 1 - p;
            let v = vals[j];
            match v {
                V::Int => em.op(Op::IsGet(NumKind::Int, temps[j])),
                V::Long => em.op(Op::IsGet(NumKind::Long, temps[j])),
                V::Ref | V::This => em.op(Op::OsGet(temps[j])),
                V::Out => {}
            }
            st.push(v);
        }
        Ok(())
    }

    fn ldc(&mut self, i: u16, st: &mut Vec<V>, em: &mut Em) -> R<()> {
        match self.cx.class.pool.get(usize::from(i)) {
            Some(ConstantInfo::Integer(c)) => {
                em.iconst(c.value);
                st.push(V::Int);
            }
            Some(ConstantInfo::Long(c)) => {
                em.op(Op::IConst64(c.value));
                st.push(V::Long);
            }
            Some(ConstantInfo::String(s)) => {
                let text = self.cx.class.utf8(s.string_index)?;
                if !text.is_ascii() {
                    return Err(
                        "string constants with non-ASCII characters are not supported yet".into(),
                    );
                }
                em.sconst(text.as_bytes());
                st.push(V::Ref);
            }
            Some(ConstantInfo::Float(_)) | Some(ConstantInfo::Double(_)) => {
                return Err("float and double constants are not supported yet".into())
            }
            Some(ConstantInfo::Class(_)) => {
                // Only as Enum.valueOf's argument (see `enum_value_of`),
                // which looks the class up again; other uses of a Class
                // object fail at the method they call.
                let c = self.cx.class.class_name(i)?;
                let p = self.cast_class(&c)?.unwrap_or_else(|| self.pname_of(&c));
                em.class(&p);
                st.push(V::Ref);
            }
            _ => return Err(format!("ldc of constant #{i}, which is not loadable")),
        }
        Ok(())
    }

    fn user_class(&self, jname: &str, what: &str) -> R<&'a Layout> {
        self.cx.layouts.get(jname).ok_or_else(|| {
            format!(
                "{what}: class {} is not supported yet (not among the compiled classes or the runtime library)",
                dotted(jname)
            )
        })
    }

    /// Whether code of the class being lowered may assume `jname` is
    /// initialised (it is that class or one of its superclasses).
    fn is_self_or_ancestor(&self, jname: &str) -> bool {
        let start = self.cx.host.unwrap_or(&self.cx.class.name);
        let mut c = Some(start.to_string());
        while let Some(n) = c {
            if n == jname {
                return true;
            }
            c = self.cx.layouts.get(&n).and_then(|l| l.parent.clone());
        }
        false
    }

    /// The classes whose instances are instances of interface `jname`,
    /// if they are all known: the compilation is the whole program, so
    /// they are the compiled classes that implement it, and the VM's own
    /// strings and numbers for the JDK interfaces they implement. `None`
    /// for a class, for a JDK interface the library does not model, and
    /// for an interface that lambdas implement (their classes are made
    /// while lowering).
    fn interface_classes(&self, jname: &str) -> Option<Vec<String>> {
        let modelled = matches!(
            jname,
            "java/util/Map$Entry"
                | "java/util/Map"
                | "java/util/SortedMap"
                | "java/util/NavigableMap"
                | "java/util/List"
                | "java/util/Set"
                | "java/util/Collection"
                | "java/util/Deque"
                | "java/util/Queue"
                | "java/util/RandomAccess"
                | "java/util/Iterator"
                | "java/lang/Iterable"
                | "java/lang/Comparable"
                | "java/lang/CharSequence"
                | "java/lang/Runnable"
        ) || self.cx.layouts.get(jname).is_some_and(|l| l.is_interface);
        if !modelled || self.cx.lambda_ifaces.contains(jname) {
            return None;
        }
        let mut v = self.cx.implementers.get(jname).cloned().unwrap_or_default();
        match jname {
            "java/lang/Comparable" => {
                v.extend([".internal.string", ".internal.int", ".internal.long"].map(String::from))
            }
            "java/lang/CharSequence" => v.push(".internal.string".into()),
            _ => {}
        }
        Some(v)
    }

    /// Leaves on the integer stack whether the object in slot `t` is an
    /// instance of one of `classes` (0 for null).
    fn instance_of_any(&self, em: &mut Em, t: u32, classes: &[String]) {
        em.iconst(0);
        for c in classes {
            em.class(c);
            em.op(Op::OsGet(t));
            em.op(Op::Call {
                ord: INSTANCE_OF,
                nargs: 1,
            });
            em.op(Op::O2i(NumKind::Int));
            em.arith(NumKind::Int, ArithOp::LogOr);
        }
    }

    /// The class a `checkcast` tests against, `None` where it cannot be
    /// checked (interfaces: class files record no implemented interfaces).
    fn cast_class(&self, jname: &str) -> R<Option<String>> {
        if jname.starts_with('[') {
            return Ok(Some(".internal.container.array".into()));
        }
        match jname {
            "java/lang/Object" => Ok(None),
            "java/lang/String" => Ok(Some(".internal.string".into())),
            "java/lang/Integer" => Ok(Some(".internal.int".into())),
            "java/lang/Long" => Ok(Some(".internal.long".into())),
            // JDK interfaces the runtime library's classes implement: like
            // every interface, not checked (see docs/jvm.md).
            "java/util/Map$Entry"
            | "java/util/Map"
            | "java/util/List"
            | "java/util/Set"
            | "java/util/Collection"
            | "java/util/Iterator"
            | "java/lang/Iterable"
            | "java/lang/Comparable"
            | "java/lang/CharSequence"
            | "java/lang/Runnable" => Ok(None),
            _ => {
                let l = self.user_class(jname, "checkcast")?;
                Ok((!l.is_interface).then(|| l.pname.clone()))
            }
        }
    }

    /// Finds the class that declares field `name`, from `owner` up.
    fn find_field(&self, owner: &str, name: &str, is_static: bool) -> R<(&'a Layout, String)> {
        let mut c = Some(owner.to_string());
        while let Some(n) = c {
            let l = self.user_class(&n, "field access")?;
            if (is_static && l.statics.contains_key(name))
                || (!is_static && l.fields.contains_key(name))
            {
                return Ok((l, n));
            }
            c = l.parent.clone();
        }
        Err(format!("field {}.{name} not found", dotted(owner)))
    }

    fn field(&mut self, i: u16, put: bool, st: &mut Vec<V>, em: &mut Em) -> R<()> {
        let (owner, name, desc) = self.cx.class.member_ref(i)?;
        let (l, _) = self.find_field(&owner, &name, false)?;
        let f = &l.fields[&name];
        let v = V::from_jtype(f.ty).ok_or_else(|| {
            format!("field {name} of type {desc}: float and double are not supported yet")
        })?;
        if put {
            let val = pop(st, v)?;
            let recv = pop_ref(st)?;
            let _ = val;
            if recv == V::This {
                if let Some(k) = v.num() {
                    em.op(Op::I2o(k));
                }
                em.op(Op::Save(f.ordinal));
                em.op(Op::OsDrop);
            } else {
                if let Some(k) = v.num() {
                    em.op(Op::I2o(k));
                }
                em.op(Op::Call {
                    ord: f.setter,
                    nargs: 1,
                });
                em.op(Op::OsDrop);
            }
        } else {
            let recv = pop_ref(st)?;
            if recv == V::This {
                if em.code.ops.last() == Some(&Op::SummonThis) {
                    em.code.ops.pop();
                } else {
                    em.op(Op::OsDrop);
                }
                em.op(Op::Load(f.ordinal));
            } else {
                em.op(Op::Call {
                    ord: f.getter,
                    nargs: 0,
                });
            }
            if let Some(k) = v.num() {
                em.op(Op::O2i(k));
            }
            st.push(v);
        }
        Ok(())
    }

    fn static_field(&mut self, i: u16, put: bool, st: &mut Vec<V>, em: &mut Em) -> R<()> {
        let (owner, name, desc) = self.cx.class.member_ref(i)?;
        if owner == "java/lang/System" && !put && name == "out" {
            st.push(V::Out);
            return Ok(());
        }
        let (l, decl) = self.find_field(&owner, &name, true)?;
        let (slot, ty) = l.statics[&name];
        let v = V::from_jtype(ty).ok_or_else(|| {
            format!("static field {name} of type {desc}: float and double are not supported yet")
        })?;
        if put {
            pop(st, v)?;
            if let Some(k) = v.num() {
                em.op(Op::I2o(k));
            }
            if l.needs_init && !self.is_self_or_ancestor(&decl) {
                let t = em.obj_temp();
                em.op(Op::OsSet(t));
                em.singleton(l);
                em.op(Op::OsDrop);
                em.op(Op::OsGet(t));
            }
            em.set_static(&l.pname, slot);
        } else {
            if l.needs_init && !self.is_self_or_ancestor(&decl) {
                em.singleton(l);
                em.op(Op::OsDrop);
            }
            em.get_static(&l.pname, slot);
            if let Some(k) = v.num() {
                em.op(Op::O2i(k));
            }
            st.push(v);
        }
        Ok(())
    }

    /// Boxes the top `args.len()` JVM values onto the object stack in order
    /// (numbers taken off the integer stack through temporaries).
    fn box_args(&self, args: &[(JType, String)], st: &mut Vec<V>, em: &mut Em) -> R<()> {
        let n = args.len();
        if st.len() < n {
            return Err("operand stack underflow".into());
        }
        let vals: Vec<V> = st.split_off(st.len() - n);
        for (v, (t, d)) in vals.iter().zip(args) {
            let want = V::from_jtype(*t)
                .ok_or_else(|| format!("argument type {d} is not supported yet"))?;
            let ok = *v == want || (want == V::Ref && *v == V::This);
            if !ok {
                return Err(format!("argument of type {d} found {v:?} on the stack"));
            }
        }
        let Some(first) = vals.iter().position(|v| v.num().is_some()) else {
            return Ok(());
        };
        // Only the numbers from `first` on are out of place.
        let mut temps = vec![0u32; n];
        for j in (first..n).rev() {
            temps[j] = match vals[j].num() {
                Some(k) => {
                    let t = em.int_temp(k);
                    em.op(Op::IsSet(k, t));
                    t
                }
                None => {
                    let t = em.obj_temp();
                    em.op(Op::OsSet(t));
                    t
                }
            };
        }
        for j in first..n {
            match vals[j].num() {
                Some(k) => {
                    em.op(Op::IsGet(k, temps[j]));
                    em.op(Op::I2o(k));
                }
                None => em.op(Op::OsGet(temps[j])),
            }
        }
        Ok(())
    }

    /// Takes the call's result off the object stack to where its type lives.
    fn result(&self, ret: JType, st: &mut Vec<V>, em: &mut Em) -> R<()> {
        match ret {
            JType::Void => em.op(Op::OsDrop),
            JType::Int => {
                em.op(Op::O2i(NumKind::Int));
                st.push(V::Int);
            }
            JType::Long => {
                em.op(Op::O2i(NumKind::Long));
                st.push(V::Long);
            }
            JType::Ref => st.push(V::Ref),
            JType::Float | JType::Double => {
                return Err("float and double results are not supported yet".into())
            }
        }
        Ok(())
    }

    /// Finds the class declaring method (name, desc), from `owner` up.
    fn find_method(
        &self,
        owner: &str,
        name: &str,
        desc: &str,
    ) -> R<Option<(&'a Layout, String, u32)>> {
        let key = (name.to_string(), desc.to_string());
        let mut c = Some(owner.to_string());
        while let Some(n) = c {
            let Some(l) = self.cx.layouts.get(&n) else {
                return Ok(None);
            };
            if let Some(&o) = l.methods.get(&key) {
                return Ok(Some((l, n, o)));
            }
            c = l.parent.clone();
        }
        Ok(None)
    }

    fn invoke(&mut self, i: u16, kind: Kind, st: &mut Vec<V>, em: &mut Em) -> R<()> {
        let (owner, name, desc) = self.cx.class.member_ref(i)?;
        let (args, ret, ret_desc) =
            method_desc(&desc).ok_or_else(|| format!("bad method descriptor {desc}"))?;
        if owner == crate::runtime::ENUM && name == "valueOf" && kind == Kind::Static {
            return self.enum_value_of(st, em);
        }
        // A library class the runtime library also defines (Character,
        // Boolean) takes the methods it declares from there.
        let declared = self.cx.layouts.get(&owner).is_some_and(|l| {
            l.virtuals.contains_key(&(name.clone(), desc.clone()))
                || l.methods.contains_key(&(name.clone(), desc.clone()))
        });
        if crate::library::is_library(&owner) && !declared {
            return crate::library::call(
                self, &owner, &name, &desc, kind, &args, ret, &ret_desc, st, em,
            );
        }
        if kind == Kind::Interface {
            return self.interface_call(&owner, &name, &desc, &args, ret, st, em);
        }
        let l = self.user_class(&owner, "call")?;
        match kind {
            Kind::Virtual if name == "getClass" && desc == "()Ljava/lang/Class;" => {
                pop_ref(st)?;
                em.op(Op::Call {
                    ord: GET_CLASS,
                    nargs: 0,
                });
            }
            Kind::Virtual if !l.virtuals.contains_key(&(name.clone(), desc.clone())) => {
                // A private method of the class or a nestmate: javac 11+
                // calls it with invokevirtual; it is not overridable.
                let Some((dl, _, ord)) = self.find_method(&owner, &name, &desc)? else {
                    // An abstract class calling a method it leaves to its
                    // interfaces: found by name like an interface call.
                    return self.interface_call(&owner, &name, &desc, &args, ret, st, em);
                };
                self.box_args(&args, st, em)?;
                pop_ref(st)?;
                let n = args.len() as u32;
                em.op(Op::OsPull(n));
                em.class(&dl.pname);
                em.op(Op::StaticInvoke { ord, nargs: n });
                em.nip();
            }
            Kind::Virtual => {
                let ord = l.virtuals[&(name.clone(), desc.clone())];
                self.box_args(&args, st, em)?;
                pop_ref(st)?;
                em.op(Op::Call {
                    ord,
                    nargs: args.len() as u32,
                });
            }
            Kind::Interface => unreachable!("handled above"),
            Kind::Special | Kind::Static => {
                let Some((mut dl, decl, mut ord)) = self.find_method(&owner, &name, &desc)? else {
                    return Err(format!("method {}.{name}{desc} not found", dotted(&owner)));
                };
                if let (Kind::Special, Some(host)) = (kind, self.cx.host) {
                    // A private method of the interface whose default
                    // method this is: the host's copy of it.
                    if decl == self.cx.class.name {
                        dl = &self.cx.layouts[host];
                        ord = *dl
                            .methods
                            .get(&(name.clone(), desc.clone()))
                            .ok_or_else(|| format!("{name}{desc} was not copied into {host}"))?;
                    }
                }
                self.box_args(&args, st, em)?;
                let n = args.len() as u32;
                if kind == Kind::Special {
                    pop_ref(st)?;
                    em.op(Op::OsPull(n));
                    em.class(&dl.pname);
                    em.op(Op::StaticInvoke { ord, nargs: n });
                    em.nip();
                } else {
                    if self.is_self_or_ancestor(&decl) {
                        em.op(Op::SummonThis);
                    } else {
                        em.singleton(dl);
                    }
                    em.class(&dl.pname);
                    em.op(Op::StaticInvoke { ord, nargs: n });
                }
            }
        }
        self.result(ret, st, em)
    }

    /// `invokeinterface`: `dynamic_invoke` by name and descriptor, since a
    /// class implementing several interfaces cannot give each interface's
    /// methods the same ordinals in every class. `Object`'s methods go to
    /// their protocol ordinals (the receiver may be a VM string). A method
    /// of a JDK interface must exist in some compiled or library class,
    /// else it is a compile-time error.
    #[allow(clippy::too_many_arguments)]
    fn interface_call(
        &mut self,
        owner: &str,
        name: &str,
        desc: &str,
        args: &[(JType, String)],
        ret: JType,
        st: &mut Vec<V>,
        em: &mut Em,
    ) -> R<()> {
        let n = args.len() as u32;
        match (name, desc) {
            ("toString", "()Ljava/lang/String;") | ("equals", "(Ljava/lang/Object;)Z") => {
                self.box_args(args, st, em)?;
                pop_ref(st)?;
                let ord = if name == "toString" {
                    TO_STRING
                } else {
                    EQUALS
                };
                em.op(Op::Call { ord, nargs: n });
                return self.result(ret, st, em);
            }
            ("hashCode", "()I") => {
                pop_ref(st)?;
                em.rt_call(self.cx.rt, self.cx.rt.string_hash, 1);
                return self.result(ret, st, em);
            }
            // Comparable on a String or boxed number (the VM's own
            // objects, which have no compareTo) goes through the library's
            // natural order, which calls compareTo of other objects.
            ("compareTo", "(Ljava/lang/Object;)I") if !self.cx.runtime => {
                self.box_args(args, st, em)?;
                pop_ref(st)?;
                crate::library::util_call(
                    self,
                    em,
                    "compare",
                    "(Ljava/lang/Object;Ljava/lang/Object;)I",
                    2,
                )?;
                return self.result(ret, st, em);
            }
            _ => {}
        }
        let key = (name.to_string(), desc.to_string());
        let known = self.cx.runtime
            || self.cx.layouts.contains_key(owner)
            || self.cx.sams.contains(&key)
            || self
                .cx
                .layouts
                .values()
                .any(|l| l.methods.contains_key(&key));
        // Every runtime-library class standing for this JDK interface that
        // the program creates must have the method, or the call would fail
        // when it reaches one.
        if !self.cx.runtime && !self.cx.layouts.contains_key(owner) {
            for p in self.cx.implementers.get(owner).into_iter().flatten() {
                let lacking = p.starts_with(".java.")
                    && self.cx.instantiated.contains(p)
                    && self
                        .cx
                        .layouts
                        .values()
                        .find(|l| &l.pname == p)
                        .is_some_and(|l| !l.virtuals.contains_key(&key));
                if lacking {
                    return Err(format!(
                        "interface method {}.{name}{desc} is not supported yet ({} does not have it)",
                        dotted(owner),
                        &p[1..]
                    ));
                }
            }
        }
        if !known {
            return Err(format!(
                "interface method {}.{name}{desc} is not supported yet (no class of the program or the runtime library has it)",
                dotted(owner)
            ));
        }
        self.box_args(args, st, em)?;
        pop_ref(st)?;
        em.op(Op::OsPull(n));
        em.sconst(format!("{name}{desc}").as_bytes());
        em.iconst(n as i32);
        em.op(Op::DynamicInvoke);
        em.nip();
        self.result(ret, st, em)
    }

    /// A lambda or method reference (`LambdaMetafactory.metafactory`): a
    /// class of its own whose fields hold the captured values and whose
    /// method named as the interface method (found by `invokeinterface`'s
    /// name lookup) calls the implementation. The VM passes every argument
    /// boxed, and a boxed `int` is an `Integer`, so the implementation
    /// takes the interface method's arguments as they come.
    fn lambda(
        &mut self,
        sam: &str,
        site_desc: &str,
        bargs: &[u16],
        st: &mut Vec<V>,
        em: &mut Em,
    ) -> R<()> {
        let class = self.cx.class;
        let [sam_type, handle, _] = bargs else {
            return Err("LambdaMetafactory.metafactory with unexpected arguments".into());
        };
        let sam_desc = match class.pool.get(usize::from(*sam_type)) {
            Some(ConstantInfo::MethodType(t)) => class.utf8(t.descriptor_index)?.to_string(),
            _ => return Err("lambda without a method type".into()),
        };
        let Some(ConstantInfo::MethodHandle(h)) = class.pool.get(usize::from(*handle)) else {
            return Err("lambda without a method handle".into());
        };
        let (mut owner, mut name, mut desc) = class.member_ref(h.reference_index)?;
        let mut kind = h.reference_kind;
        // A reference to a library method lowered inline (Integer::sum,
        // String::length) goes to its Java-written twin in $Util, which
        // takes a receiver as its first argument.
        if !self.cx.layouts.contains_key(&owner) && matches!(kind, 5 | 6) {
            let simple = owner.rsplit('/').next().unwrap_or(&owner).to_string();
            let udesc = if kind == 5 {
                format!("(L{owner};{}", &desc[1..])
            } else {
                desc.clone()
            };
            let key = (format!("{simple}_{name}"), udesc.clone());
            if self
                .cx
                .layouts
                .get(crate::library::UTIL_JNAME)
                .is_some_and(|u| u.methods.contains_key(&key))
            {
                owner = crate::library::UTIL_JNAME.to_string();
                name = key.0;
                desc = udesc;
                kind = 6;
            }
        }
        let (captured, _, _) = method_desc(site_desc).ok_or("bad descriptor")?;
        let (sam_args, _, _) = method_desc(&sam_desc).ok_or("bad descriptor")?;
        let (impl_args, _, _) = method_desc(&desc).ok_or("bad descriptor")?;
        let Some(il) = self.cx.layouts.get(&owner) else {
            return Err(format!(
                "a method reference to {}.{name}{desc} is not supported yet (only methods of compiled classes)",
                dotted(&owner)
            ));
        };
        // Box the captured values; they become the new object's fields.
        let nc = captured.len() as u32;
        self.box_args(&captured, st, em)?;
        // Unique per class: the method (a hash of its name and descriptor,
        // as two methods may have a lambda at the same offset) and the
        // offset.
        let mut site_hash: u32 = 0x811c_9dc5;
        for b in self.m.name.bytes().chain(self.m.desc.bytes()) {
            site_hash = (site_hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        let pname = format!(
            "{}$$Lambda${site_hash:08x}${}",
            self.cx.layout.pname, self.code.insns[self.cur].0
        );
        let t = em.obj_temp();
        em.class(&pname);
        em.op(Op::New);
        em.op(Op::OsSet(t));
        em.op(Op::OsGet(t));
        em.class(&pname);
        em.op(Op::StaticInvoke {
            ord: crate::layout::FIRST_ORDINAL + 1,
            nargs: nc,
        });
        em.op(Op::OsDrop);
        em.op(Op::OsGet(t));
        st.push(V::Ref);

        // The class: method 16 is the interface method, 17 stores the
        // captured values.
        let mut pool = Pool::default();
        let n_sam = sam_args.len() as u32;
        let total = nc + n_sam;
        let mut body = Em::new(&mut pool, n_sam, 0, 0);
        let push_all = |body: &mut Em, from: u32| {
            for k in from..total {
                if k < nc {
                    body.op(Op::Load(k));
                } else {
                    body.op(Op::OsGet(k - nc));
                }
            }
        };
        let key = (name.clone(), desc.clone());
        match kind {
            // invokeStatic
            6 => {
                let Some((dl, decl, ord)) = self.find_method(&owner, &name, &desc)? else {
                    return Err(format!("method {}.{name}{desc} not found", dotted(&owner)));
                };
                if impl_args.len() as u32 != total {
                    return Err("lambda arguments do not match its implementation".into());
                }
                push_all(&mut body, 0);
                let _ = decl;
                body.singleton(dl);
                body.class(&dl.pname);
                body.op(Op::StaticInvoke { ord, nargs: total });
            }
            // invokeVirtual, invokeInterface, invokeSpecial: the first value is the receiver.
            5 | 7 | 9 => {
                if total == 0 || impl_args.len() as u32 != total - 1 {
                    return Err("lambda arguments do not match its implementation".into());
                }
                match (kind, il.virtuals.get(&key)) {
                    (5 | 9, Some(&ord)) => {
                        push_all(&mut body, 0);
                        body.op(Op::Call {
                            ord,
                            nargs: total - 1,
                        });
                    }
                    (9, None) => {
                        push_all(&mut body, 0);
                        body.op(Op::OsPull(total - 1));
                        body.sconst(format!("{name}{desc}").as_bytes());
                        body.iconst(total as i32 - 1);
                        body.op(Op::DynamicInvoke);
                        body.nip();
                    }
                    _ => {
                        let Some((dl, _, ord)) = self.find_method(&owner, &name, &desc)? else {
                            return Err(format!(
                                "method {}.{name}{desc} not found",
                                dotted(&owner)
                            ));
                        };
                        push_all(&mut body, 1);
                        if nc > 0 {
                            body.op(Op::Load(0));
                        } else {
                            body.op(Op::OsGet(0));
                        }
                        body.class(&dl.pname);
                        body.op(Op::StaticInvoke {
                            ord,
                            nargs: total - 1,
                        });
                    }
                }
            }
            // newInvokeSpecial: a constructor reference.
            8 => {
                let Some(&ord) = il.methods.get(&key) else {
                    return Err(format!("constructor {}{desc} not found", dotted(&owner)));
                };
                if impl_args.len() as u32 != total {
                    return Err("lambda arguments do not match its constructor".into());
                }
                let o = body.obj_temp();
                if il.needs_init {
                    body.singleton(il);
                    body.op(Op::OsDrop);
                }
                body.class(&il.pname);
                body.op(Op::New);
                body.op(Op::OsSet(o));
                push_all(&mut body, 0);
                body.op(Op::OsGet(o));
                body.class(&il.pname);
                body.op(Op::StaticInvoke { ord, nargs: total });
                body.op(Op::OsDrop);
                body.op(Op::OsGet(o));
            }
            k => return Err(format!("method handle kind {k} is not supported yet")),
        }
        body.op(Op::Ret);
        let sam_code = {
            let mut ops = vec![Op::ArgCount(n_sam as u8)];
            if body.obj_max > 0 {
                ops.push(Op::StackReserve {
                    obj: body.obj_max as u8,
                    int: 0,
                });
            }
            ops.append(&mut body.code.ops);
            ir::Code {
                ops,
                labels: body.code.labels,
            }
        };
        let mut init = vec![Op::ArgCount(nc as u8)];
        for k in 0..nc {
            init.push(Op::OsGet(k));
            init.push(Op::Save(k));
        }
        init.push(Op::SummonNull);
        init.push(Op::Ret);
        let sig = |name: String, ordinal: u32, n: u32| ir::MethodSig {
            name,
            ordinal,
            is_ctor: false,
            ret: ir::Type::Unknown,
            args: (0..n)
                .map(|i| ir::Arg {
                    name: format!("a{i}"),
                    ty: ir::Type::Unknown,
                })
                .collect(),
        };
        let first = crate::layout::FIRST_ORDINAL;
        let methods = vec![
            (sig(format!("{sam}{sam_desc}"), first, n_sam), sam_code),
            (
                sig("$init".into(), first + 1, nc),
                ir::Code {
                    ops: init,
                    labels: 0,
                },
            ),
        ];
        let info = ir::ClassInfo {
            name: pname,
            parent: ".internal.object".into(),
            n_fields: nc,
            n_methods: first + 2,
            fields: (0..nc)
                .map(|k| ir::Field {
                    name: format!("c{k}"),
                    ordinal: k,
                    ty: ir::Type::Unknown,
                })
                .collect(),
            methods: methods.iter().map(|(s, _)| s.clone()).collect(),
        };
        let site = (
            format!("{}{}", self.m.name, self.m.desc),
            self.code.insns[self.cur].0,
        );
        let mut all = self.cx.lambdas.borrow_mut();
        all.retain(|l| l.site != site);
        all.push(LambdaClass {
            site,
            info,
            methods,
            consts: pool.consts,
        });
        Ok(())
    }

    /// `Enum.valueOf(C.class, name)`, as javac writes every enum's
    /// `valueOf`: the class comes from the `ldc` two instructions back;
    /// the constants are C's `$VALUES`.
    fn enum_value_of(&mut self, st: &mut Vec<V>, em: &mut Em) -> R<()> {
        let lit = self.cur.checked_sub(2).map(|i| &self.code.insns[i].1);
        let idx = match lit {
            Some(I::Ldc(i)) => u16::from(*i),
            Some(I::LdcW(i)) => *i,
            _ => {
                return Err(
                    "Enum.valueOf with a class not known at compile time is not supported yet"
                        .into(),
                )
            }
        };
        let c = self.cx.class.class_name(idx)?;
        pop_ref(st)?;
        pop_ref(st)?;
        let t = em.obj_temp();
        em.op(Op::OsSet(t));
        em.op(Op::OsDrop);
        let (l, decl) = self.find_field(&c, "$VALUES", true)?;
        if l.needs_init && !self.is_self_or_ancestor(&decl) {
            em.singleton(l);
            em.op(Op::OsDrop);
        }
        em.get_static(&l.pname, l.statics["$VALUES"].0);
        em.op(Op::OsGet(t));
        em.sconst(c.replace(['/', '$'], ".").as_bytes());
        em.rt_call(self.cx.rt, self.cx.rt.enum_value_of, 3);
        st.push(V::Ref);
        Ok(())
    }

    /// `invokedynamic`: only `StringConcatFactory.makeConcatWithConstants`.
    fn indy(&mut self, i: u16, st: &mut Vec<V>, em: &mut Em) -> R<()> {
        let class = self.cx.class;
        let Some(ConstantInfo::InvokeDynamic(d)) = class.pool.get(usize::from(i)) else {
            return Err(format!(
                "invokedynamic #{i} is not an InvokeDynamic constant"
            ));
        };
        let (name, desc) = class.name_and_type(d.name_and_type_index)?;
        let (bm, bargs) = class
            .bootstraps
            .get(usize::from(d.bootstrap_method_attr_index))
            .ok_or("missing bootstrap method")?;
        let Some(ConstantInfo::MethodHandle(h)) = class.pool.get(usize::from(*bm)) else {
            return Err("bootstrap method is not a method handle".into());
        };
        let (bowner, bname, _) = class.member_ref(h.reference_index)?;
        if bowner == "java/lang/invoke/LambdaMetafactory" && bname == "metafactory" {
            return self.lambda(&name, &desc, bargs, st, em);
        }
        if bowner != "java/lang/invoke/StringConcatFactory" || bname != "makeConcatWithConstants" {
            return Err(format!(
                "invokedynamic {name} through {}.{bname} is not supported yet (lambdas and method references)",
                dotted(&bowner)
            ));
        }
        let (args, _, _) = method_desc(&desc).ok_or("bad descriptor")?;
        let recipe = match bargs.first().and_then(|a| class.pool.get(usize::from(*a))) {
            Some(ConstantInfo::String(s)) => class.utf8(s.string_index)?.to_string(),
            _ => return Err("string concatenation without a recipe".into()),
        };
        let consts: Vec<String> = bargs[1..]
            .iter()
            .map(|a| match class.pool.get(usize::from(*a)) {
                Some(ConstantInfo::String(s)) => class.utf8(s.string_index).map(str::to_string),
                _ => Err("non-string concatenation constant".to_string()),
            })
            .collect::<R<_>>()?;
        if !recipe.is_ascii() || consts.iter().any(|c| !c.is_ascii()) {
            return Err("string constants with non-ASCII characters are not supported yet".into());
        }
        // Spill the arguments, then build the string piece by piece.
        let n = args.len();
        if st.len() < n {
            return Err("operand stack underflow".into());
        }
        let vals: Vec<V> = st.split_off(st.len() - n);
        let mut temps = vec![0u32; n];
        for j in (0..n).rev() {
            let (t, d) = &args[j];
            if V::from_jtype(*t).is_none() {
                return Err(format!("concatenation of a {d} is not supported yet"));
            }
            temps[j] = match vals[j] {
                V::Int => {
                    let t = em.int_temp(NumKind::Int);
                    em.op(Op::IsSet(NumKind::Int, t));
                    t
                }
                V::Long => {
                    let t = em.int_temp(NumKind::Long);
                    em.op(Op::IsSet(NumKind::Long, t));
                    t
                }
                V::Ref | V::This => {
                    let t = em.obj_temp();
                    em.op(Op::OsSet(t));
                    t
                }
                V::Out => return Err("concatenation of System.out".into()),
            };
        }
        let mut pieces = 0;
        let mut lit = String::new();
        let (mut next_arg, mut next_const) = (0, 0);
        let flush = |lit: &mut String, em: &mut Em, pieces: &mut u32| {
            if !lit.is_empty() {
                em.sconst(lit.as_bytes());
                if *pieces > 0 {
                    em.op(Op::Call {
                        ord: STR_CONCAT,
                        nargs: 1,
                    });
                }
                *pieces += 1;
                lit.clear();
            }
        };
        for ch in recipe.chars() {
            match ch {
                '\u{1}' => {
                    flush(&mut lit, em, &mut pieces);
                    let j = next_arg;
                    next_arg += 1;
                    let (t, d) = args
                        .get(j)
                        .ok_or("recipe has more arguments than the call")?;
                    match vals[j] {
                        V::Int => em.op(Op::IsGet(NumKind::Int, temps[j])),
                        V::Long => em.op(Op::IsGet(NumKind::Long, temps[j])),
                        _ => em.op(Op::OsGet(temps[j])),
                    }
                    em.stringify(*t, d, self.cx.rt);
                    if pieces > 0 {
                        em.op(Op::Call {
                            ord: STR_CONCAT,
                            nargs: 1,
                        });
                    }
                    pieces += 1;
                }
                '\u{2}' => {
                    let c = consts
                        .get(next_const)
                        .ok_or("recipe has more constants than given")?;
                    next_const += 1;
                    lit.push_str(c);
                }
                c => lit.push(c),
            }
        }
        flush(&mut lit, em, &mut pieces);
        if pieces == 0 {
            em.sconst(b"");
        }
        st.push(V::Ref);
        Ok(())
    }
}

/// How a method is invoked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `invokevirtual`.
    Virtual,
    /// `invokespecial` (constructors, private methods, `super.m()`).
    Special,
    /// `invokestatic`.
    Static,
    /// `invokeinterface`.
    Interface,
}

fn pop(st: &mut Vec<V>, want: V) -> R<V> {
    let v = st.pop().ok_or("operand stack underflow")?;
    let ok = v == want || (want == V::Ref && v == V::This);
    if ok {
        Ok(v)
    } else {
        Err(format!(
            "expected {want:?} on the operand stack, found {v:?}"
        ))
    }
}

fn pop_ref(st: &mut Vec<V>) -> R<V> {
    pop(st, V::Ref)
}

fn binop(insn: &I) -> ArithOp {
    match insn {
        I::Iadd | I::Ladd => ArithOp::Add,
        I::Imul | I::Lmul => ArithOp::Mul,
        I::Iand | I::Land => ArithOp::And,
        I::Ior | I::Lor => ArithOp::Or,
        I::Ixor | I::Lxor => ArithOp::Xor,
        _ => ArithOp::SubLu,
    }
}

/// The comparison that is false exactly when the branch is taken.
fn negated(insn: &I) -> ArithOp {
    match insn {
        I::Iflt(_) | I::IfIcmplt(_) => ArithOp::Ge,
        I::Ifge(_) | I::IfIcmpge(_) => ArithOp::Lt,
        I::Ifgt(_) | I::IfIcmpgt(_) => ArithOp::Le,
        _ => ArithOp::Gt,
    }
}

/// The name Java prints for a class: `a.b.C`, `a.b.C$D`, `[I`,
/// `[Ljava.lang.String;`.
fn java_name(jname: &str) -> String {
    jname.replace('/', ".")
}

/// `a/b/C` as `a.b.C`, for messages.
pub fn dotted(jname: &str) -> String {
    jname.replace('/', ".")
}

impl Lowerer<'_> {
    /// The class being compiled, for the library module.
    pub(crate) fn cx(&self) -> &ClassCx<'_> {
        self.cx
    }
    /// Boxes call arguments (for the library module).
    pub(crate) fn box_call_args(
        &self,
        args: &[(JType, String)],
        st: &mut Vec<V>,
        em: &mut Em,
    ) -> R<()> {
        self.box_args(args, st, em)
    }
    /// Moves a call's result (for the library module).
    pub(crate) fn call_result(&self, ret: JType, st: &mut Vec<V>, em: &mut Em) -> R<()> {
        self.result(ret, st, em)
    }
}

/// The lowerer, as the library module names it.
pub(crate) use Lowerer as MethodLowerer;
