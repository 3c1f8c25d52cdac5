//! Tiered execution: hot methods compiled to machine code by the `jit`
//! crate, and the runtime services that code calls back.
//!
//! Every method starts interpreted. Each call and each backward jump
//! counts down the method's [`Tier::hot`]; at zero the method is compiled
//! (once; a method the JIT cannot compile stays interpreted for good). The
//! interpreter switches into the machine code at the top of its frame loop
//! whenever the frame's pc is one of the code's resume points: on entry
//! (pc 0), when a call it made returns, and at a backward jump once the
//! method is compiled (on-stack replacement of a loop already running).
//!
//! Compiled code works on the thread's own stacks and leaves every frame
//! in the interpreter's form whenever it returns to the VM (see the `jit`
//! crate's frame contract), so the collector, the snapshot code, the
//! exception unwinder and backtraces see only interpreter frames. Machine
//! code lives in [`JitCode`], owned by the transient [`Method`]: it never
//! enters the persistent image, and after a restart methods are compiled
//! again.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::{Cell, OnceCell};
use core::ffi::c_void;
use core::ptr::NonNull;

use ir::types::NumKind;
use jit::loader::{ExecAlloc, Loaded, NoSymbols};
use jit::{Ctx, Fault, Runtime, Status};

use crate::code::Method;
use crate::heap::Ref;
use crate::interp::{Exit, Step};
use crate::object::sys;
use crate::thread::Thread;
use crate::vm::Vm;

/// When methods are compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JitMode {
    /// Never: the interpreter runs everything.
    Off,
    /// When a method is hot (after [`JitConfig::threshold`] calls and
    /// backward jumps).
    On,
    /// Every method, before its first instruction runs.
    Always,
}

/// How the JIT is used.
#[derive(Clone, Debug)]
pub struct JitConfig {
    /// When methods are compiled.
    pub mode: JitMode,
    /// Calls plus backward jumps after which a method is compiled
    /// (with [`JitMode::On`]).
    pub threshold: u32,
    /// Print the Cranelift IR and machine code of every compiled method
    /// whose `class.method` name contains this text (to the host's
    /// stderr).
    pub dump: Option<String>,
}

impl Default for JitConfig {
    fn default() -> Self {
        JitConfig {
            mode: JitMode::On,
            threshold: DEFAULT_THRESHOLD,
            dump: None,
        }
    }
}

/// Calls plus backward jumps before a method is compiled, by default.
pub const DEFAULT_THRESHOLD: u32 = 1000;

/// Executable memory for compiled code (the host's: `mmap` in the hosted
/// runtime, kernel pages on bare metal).
pub struct ExecMemory {
    /// The allocator.
    pub alloc: Box<dyn ExecAlloc + Send>,
    /// Hands memory back (called when compiled code is dropped).
    pub release: fn(NonNull<u8>, usize),
}

impl ExecMemory {
    /// `mmap`-backed executable memory.
    #[cfg(feature = "std")]
    pub fn mmap() -> ExecMemory {
        ExecMemory {
            alloc: Box::new(jit::loader::MmapAlloc),
            release: jit::loader::MmapAlloc::release,
        }
    }
}

/// What the JIT did in this process.
#[derive(Clone, Debug, Default)]
pub struct JitStats {
    /// Methods compiled.
    pub compiled: u32,
    /// Methods the JIT could not compile, by the first reason (the op, or
    /// the error), with their count.
    pub rejected: BTreeMap<String, u32>,
    /// Time spent compiling, per compiled method, in nanoseconds.
    pub compile_ns: Vec<u64>,
    /// Machine code bytes of the compiled methods.
    pub code_bytes: u64,
    /// Times compiled code was entered.
    pub entries: u64,
}

impl JitStats {
    /// Methods the JIT could not compile.
    pub fn rejected_count(&self) -> u32 {
        self.rejected.values().sum()
    }

    /// The median compile time per method, in nanoseconds.
    pub fn median_compile_ns(&self) -> u64 {
        let mut v = self.compile_ns.clone();
        v.sort_unstable();
        v.get(v.len() / 2).copied().unwrap_or(0)
    }
}

/// The JIT of one VM: the compiler, executable memory, settings and
/// statistics. Transient, like everything that points at machine code.
pub struct Engine {
    jit: jit::Jit,
    mem: ExecMemory,
    /// Settings.
    pub config: JitConfig,
    /// What was compiled so far.
    pub stats: JitStats,
}

impl Engine {
    /// Calls and backward jumps before a method is compiled.
    fn threshold(&self) -> u32 {
        match self.config.mode {
            JitMode::Off => u32::MAX,
            JitMode::On => self.config.threshold,
            JitMode::Always => 0,
        }
    }
}

/// A method's machine code, loaded, with what entering it needs.
pub struct JitCode {
    loaded: Loaded,
    /// The code's site caches (class summons), written by the code.
    sites: Box<[Cell<u32>]>,
    /// Sorted pcs where the code can be entered.
    resume: Box<[u32]>,
    max_os: u32,
    max_is: u32,
}

// SAFETY: the code is immutable once loaded and owned by one VM; the VM
// (with its methods) moves between host threads but never runs on two at
// once.
unsafe impl Send for JitCode {}

impl JitCode {
    fn is_resume(&self, pc: u32) -> bool {
        self.resume.binary_search(&pc).is_ok()
    }
}

/// The tiering state of one method (transient, in [`Method`]).
#[derive(Debug, Default)]
pub struct Tier {
    /// Calls and backward jumps left before the method is compiled; 0
    /// once it is due or compiled, `u32::MAX` when it never will be.
    pub hot: Cell<u32>,
    /// Tried: the code, or `None` if the JIT could not compile it.
    code: OnceCell<Option<Box<JitCode>>>,
}

impl core::fmt::Debug for JitCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "JitCode({} bytes)", self.loaded.size())
    }
}

impl Tier {
    /// Counts one call or backward jump; true once the method is due or
    /// compiled.
    #[inline(always)]
    pub fn tick(&self) -> bool {
        let h = self.hot.get();
        if h == 0 {
            return true;
        }
        self.hot.set(h - 1);
        false
    }

    /// Whether the method has machine code.
    pub fn is_compiled(&self) -> bool {
        matches!(self.code.get(), Some(Some(_)))
    }
}

impl Vm {
    /// Turns tiered execution on (or off, with [`JitMode::Off`]) with
    /// executable memory from `mem`. Methods already loaded start counting
    /// again from the threshold.
    pub fn enable_jit(&mut self, config: JitConfig, mem: ExecMemory) -> Result<(), String> {
        if config.mode == JitMode::Off {
            self.jit = None;
        } else {
            let jit = jit::Jit::new().map_err(|e| e.to_string())?;
            self.jit = Some(Box::new(Engine {
                jit,
                mem,
                config,
                stats: JitStats::default(),
            }));
        }
        let t = self.jit_threshold();
        for m in &self.methods {
            if m.tier.code.get().is_none() {
                m.tier.hot.set(t);
            }
        }
        Ok(())
    }

    /// The JIT's statistics, if it is on.
    pub fn jit_stats(&self) -> Option<&JitStats> {
        self.jit.as_ref().map(|e| &e.stats)
    }

    /// The countdown a newly loaded method starts with.
    pub(crate) fn jit_threshold(&self) -> u32 {
        self.jit.as_ref().map_or(u32::MAX, |e| e.threshold())
    }

    /// The machine code of `m` if it has some or is due and compiles now.
    #[inline(always)]
    fn jit_code<'m>(&mut self, m: &'m Method) -> Option<&'m JitCode> {
        match m.tier.code.get() {
            Some(c) => c.as_deref(),
            None if m.tier.hot.get() == 0 && self.jit.is_some() => self.compile_method(m),
            None => None,
        }
    }

    #[cold]
    fn compile_method<'m>(&mut self, m: &'m Method) -> Option<&'m JitCode> {
        let eng = self.jit.as_mut()?;
        let t0 = self.host.now_ns();
        let result = classfile::decode(&m.bytecode)
            .map_err(|e| format!("decode: {e}"))
            .and_then(|ops| {
                let labels = ops
                    .iter()
                    .filter_map(|op| match op {
                        ir::code::Op::Label(l) => Some(l.0 + 1),
                        _ => None,
                    })
                    .max()
                    .unwrap_or(0);
                let code = ir::code::Code { ops, labels };
                let name = format!("{}.{}", m.class_name, m.name);
                let dump = eng.config.dump.as_deref().is_some_and(|d| name.contains(d));
                eng.jit.set_listing(dump);
                let c = eng.jit.compile(&code, m.nargs).map_err(|e| match e {
                    jit::CompileError::Unsupported { op, .. } => {
                        let op = op.split([' ', '(', '{']).next().unwrap_or("").to_string();
                        format!("unsupported {op}")
                    }
                    e => e.to_string(),
                })?;
                let loaded =
                    jit::loader::load(&mut *eng.mem.alloc, &c, &NoSymbols, eng.mem.release)?;
                Ok((c, loaded, dump.then_some(name)))
            });
        let t1 = self.host.now_ns();
        let eng = self.jit.as_mut()?;
        let code = match result {
            Ok((c, loaded, dump)) => {
                eng.stats.compiled += 1;
                eng.stats.compile_ns.push(t1.saturating_sub(t0));
                eng.stats.code_bytes += loaded.size() as u64;
                if let (Some(name), Some(listing)) = (dump, &c.listing) {
                    let text = format!("; JIT: {name} (ordinal {})\n{listing}\n", m.ordinal);
                    self.host.stderr(text.as_bytes());
                }
                Some(Box::new(JitCode {
                    loaded,
                    sites: (0..c.sites).map(|_| Cell::new(0)).collect(),
                    resume: c.resume_pcs.into_boxed_slice(),
                    max_os: c.max_os,
                    max_is: c.max_is,
                }))
            }
            Err(why) => {
                *eng.stats.rejected.entry(why).or_insert(0) += 1;
                m.tier.hot.set(u32::MAX);
                None
            }
        };
        let _ = m.tier.code.set(code);
        m.tier.code.get().and_then(|c| c.as_deref())
    }

    /// Runs the top frame of `th` in machine code if `m` (its method) has
    /// some and the frame's pc is a resume point. `None`: interpret it.
    #[inline(always)]
    pub(crate) fn try_compiled(
        &mut self,
        th: &mut Thread,
        m: &Method,
        budget: &mut i64,
    ) -> Option<Step> {
        let code = self.jit_code(m)?;
        let pc = th.frames.last().expect("running frame").pc;
        if !code.is_resume(pc) {
            return None;
        }
        Some(self.run_compiled(th, code, budget, 0))
    }

    /// Runs the top frame of `th` in `code` from the frame's pc; `depth`
    /// counts the compiled callers waiting on the machine stack.
    fn run_compiled(
        &mut self,
        th: &mut Thread,
        code: &JitCode,
        budget: &mut i64,
        depth: u32,
    ) -> Step {
        let fr = *th.frames.last().expect("running frame");
        let (os_base, is_base) = (fr.os_base as usize, fr.is_base as usize);
        if let Some(e) = self.jit.as_mut() {
            e.stats.entries += 1;
        }
        room(th, os_base, is_base, code);
        let mut sess = Session {
            vm: self,
            th,
            os_base,
            is_base,
            code,
            method: fr.method,
            depth,
            pending: None,
        };
        // SAFETY: `th` is the running thread; its stacks have room for the
        // method's maxima from the frame's bases.
        let mut ctx = unsafe {
            let th = &mut *sess.th;
            Ctx {
                os: th.os.as_mut_ptr().add(os_base).cast(),
                is: th.is.as_mut_ptr().add(is_base),
                vm: (&mut sess as *mut Session).cast::<c_void>(),
                rt: &RUNTIME,
                budget: *budget,
                os_len: (th.os.len() - os_base) as u32,
                is_len: (th.is.len() - is_base) as u32,
                this: fr.this.0,
                pc: fr.pc,
                stop: (*sess.vm).gc_due() as u32,
                result: 0,
                exception: 0,
                heap: (*sess.vm).heap.base_ptr(),
                int_class: (*sess.vm).internal[sys::INT].0,
                int_cache: (*sess.vm).int_cache_first(),
                int_cache_min: crate::vm::INT_CACHE_MIN,
                int_cache_max: crate::vm::INT_CACHE_MAX,
                int_cache_stride: INT_BOX_CELLS,
                array_class: (*sess.vm).internal[sys::ARRAY].0,
                sites: code.sites.as_ptr().cast_mut().cast(),
            }
        };
        // SAFETY: the code was compiled from this frame's method and `ctx`
        // describes the frame as the frame contract asks.
        let status = unsafe { code.loaded.run(&mut ctx) };
        *budget = ctx.budget;
        // From here on only `self` and `th` are used again.
        let pending = sess.pending.take();
        match status {
            Status::Returned => {
                apply(th, &ctx, os_base, is_base);
                let v = Ref(ctx.result);
                self.pop_frame(th);
                if th.frames.is_empty() {
                    let old = core::mem::replace(&mut th.result, v);
                    self.heap.dec(old);
                    return Step::Exit(Exit::Done);
                }
                th.os.push(v);
                Step::Frame
            }
            Status::Threw => {
                apply(th, &ctx, os_base, is_base);
                Step::Raise(Ref(ctx.exception))
            }
            Status::Yield => {
                apply(th, &ctx, os_base, is_base);
                Step::Exit(Exit::Budget)
            }
            Status::Suspended => pending.unwrap_or(Step::Frame),
            Status::BadEntry => {
                // Not reached: the VM enters only at resume points. Should
                // it happen, the method goes back to the interpreter.
                debug_assert!(false, "compiled code refused pc {}", fr.pc);
                Step::Frame
            }
        }
    }
}

// Compiled code reads objects as `jit::runtime::layout` says: the heap
// must lie that way.
const _: () = {
    use jit::runtime::layout;
    assert!(layout::CLASS == 0 && layout::RC == 1);
    assert!(layout::DATA == crate::heap::HDR);
    assert!(layout::SATURATED == crate::heap::SATURATED);
    assert!(layout::FLAGS == 2 && layout::SIZE == 3);
    use crate::heap::flags as f;
    assert!(layout::INTERNAL == f::IS_INTERNAL);
    assert!(layout::IMMUTABLE == f::IS_IMMUTABLE);
    assert!(layout::RESIZEABLE == f::IS_RESIZEABLE);
    assert!(layout::ARRAY_PAGE == crate::vm::ARRAY_PAGE);
    assert!(layout::ARRAY_LEN == crate::vm::ARRAY_LEN);
};

/// Cells of one boxed int (header and value): the distance between two
/// shared boxes.
const INT_BOX_CELLS: u32 = crate::heap::HDR + 1;

/// Compiled callers that may wait on the machine stack for compiled
/// callees (deeper calls go back through the VM's loop, which keeps the
/// machine stack small however deep the Phantom call stack grows).
const MAX_NESTED: u32 = 64;

/// Makes room on both stacks for the method's deepest frame: compiled
/// code writes without checks.
fn room(th: &mut Thread, os_base: usize, is_base: usize, code: &JitCode) {
    let os_need = (os_base + code.max_os as usize + 1).saturating_sub(th.os.len());
    let is_need = (is_base + code.max_is as usize + 1).saturating_sub(th.is.len());
    th.os.reserve(os_need);
    th.is.reserve(is_need);
}

/// Gives the thread the depths and pc that compiled code left in `ctx`.
fn apply(th: &mut Thread, ctx: &Ctx, os_base: usize, is_base: usize) {
    let (os, is) = (os_base + ctx.os_len as usize, is_base + ctx.is_len as usize);
    debug_assert!(os <= th.os.capacity() && is <= th.is.capacity());
    // SAFETY: compiled code wrote every slot below these depths (room was
    // reserved); both stacks hold `Copy` values.
    unsafe {
        th.os.set_len(os);
        th.is.set_len(is);
    }
    th.frames.last_mut().expect("running frame").pc = ctx.pc;
}

/// What the services of one run of compiled code need, behind `Ctx::vm`.
struct Session {
    vm: *mut Vm,
    th: *mut Thread,
    os_base: usize,
    is_base: usize,
    code: *const JitCode,
    method: u32,
    /// Compiled callers of this frame waiting on the machine stack.
    depth: u32,
    /// What the VM does next when a service returned
    /// [`Status::Suspended`].
    pending: Option<Step>,
}

/// The services table (one for every VM: the VM is reached through the
/// context).
static RUNTIME: Runtime = Runtime {
    inc_ref: svc_inc_ref,
    dec_ref: svc_dec_ref,
    box_int: svc_box_int,
    unbox_int: svc_unbox_int,
    call: svc_call,
    static_invoke: svc_static_invoke,
    fault: svc_fault,
    step: svc_step,
    array_get: svc_array_get,
    array_set: svc_array_set,
    concat_set: svc_concat_set,
    new_object: svc_new_object,
};

unsafe extern "C" fn svc_new_object(ctx: *mut Ctx) -> u32 {
    let (_, vm, _) = parts(ctx);
    let c = &mut *ctx;
    let top = c.os.add(c.os_len as usize - 1);
    match vm.op_new(Ref(*top)) {
        Ok(o) => {
            *top = o.0;
            c.stop |= vm.gc_due() as u32;
            0
        }
        Err(x) => {
            c.os_len -= 1;
            c.exception = x.0;
            Status::Threw as u32
        }
    }
}

/// The session, VM and thread behind `ctx`.
///
/// # Safety
///
/// `ctx` must be the context [`Vm::run_compiled`] made, during that run.
unsafe fn parts<'a>(ctx: *mut Ctx) -> (&'a mut Session, &'a mut Vm, &'a mut Thread) {
    let s = &mut *(*ctx).vm.cast::<Session>();
    let vm = &mut *s.vm;
    let th = &mut *s.th;
    (s, vm, th)
}

unsafe extern "C" fn svc_inc_ref(ctx: *mut Ctx, r: u32) {
    let (_, vm, _) = parts(ctx);
    vm.heap.inc(Ref(r));
}

unsafe extern "C" fn svc_dec_ref(ctx: *mut Ctx, r: u32) {
    let (_, vm, _) = parts(ctx);
    vm.heap.dec(Ref(r));
}

unsafe extern "C" fn svc_box_int(ctx: *mut Ctx, v: u32) -> u32 {
    let (_, vm, _) = parts(ctx);
    let c = &mut *ctx;
    match vm.box_int(v as i32) {
        Ok(r) => {
            *c.os.add(c.os_len as usize) = r.0;
            c.os_len += 1;
            c.stop |= vm.gc_due() as u32;
            0
        }
        Err(x) => {
            c.exception = x.0;
            Status::Threw as u32
        }
    }
}

unsafe extern "C" fn svc_unbox_int(ctx: *mut Ctx) -> u32 {
    let (_, vm, _) = parts(ctx);
    let c = &mut *ctx;
    c.os_len -= 1;
    let o = Ref(*c.os.add(c.os_len as usize));
    let v = if !o.is_null() && vm.heap.class_of(o) == vm.internal[sys::INT] {
        Ok(u64::from(vm.heap.get(o, 0)))
    } else {
        vm.unbox(o, NumKind::Int)
    };
    vm.heap.dec(o);
    match v {
        Ok(v) => {
            *c.is.add(c.is_len as usize) = v as u32;
            c.is_len += 1;
            0
        }
        Err(msg) => {
            c.exception = vm.exception(&msg).0;
            Status::Threw as u32
        }
    }
}

unsafe extern "C" fn svc_call(ctx: *mut Ctx, ord: u32, nargs: u32) -> u32 {
    if let Some(st) = direct_call(ctx, ord, nargs, false) {
        return st;
    }
    call_service(ctx, |vm, th, budget| {
        vm.op_call(th, ord, nargs as usize, budget)
    })
}

/// The common call, short: a compiled method calling a method that is
/// compiled too, on an object, with the right number of arguments, not at
/// the end of the time slice (`call`, or with `statically` a
/// `static_invoke` whose class the object belongs to). Does what
/// `op_call` / `op_static_invoke` and `enter` do for it (the receiver, and
/// the class, off the object stack, a new interpreter frame) and runs the
/// callee nested. `None`: not that case, nothing done.
#[inline(always)]
unsafe fn direct_call(ctx: *mut Ctx, ord: u32, nargs: u32, statically: bool) -> Option<u32> {
    let (s, vm, th) = parts(ctx);
    let c = &mut *ctx;
    let n = nargs as usize;
    // Object stack: `this a1..an` (call) or `a1..an this class`.
    let (recv_slot, args_slot) = if statically {
        let r = (c.os_len as usize).checked_sub(2)?;
        (r, r.checked_sub(n)?)
    } else {
        let r = (c.os_len as usize).checked_sub(n + 1)?;
        (r, r)
    };
    let recv = Ref(*c.os.add(recv_slot));
    if recv.is_null() || s.depth >= MAX_NESTED || c.budget <= 1 || vm.gc_due() {
        return None;
    }
    let mut cls = vm.heap.class_of(recv);
    if statically {
        let named = Ref(*c.os.add(recv_slot + 1));
        if vm.heap.flags(named) & crate::heap::flags::IS_CLASS == 0
            || !vm.heap.is_subclass(cls, named)
        {
            return None;
        }
        cls = named;
    }
    let crate::vm::Callee::Code(mi) = vm.method_of(cls, ord) else {
        return None;
    };
    // SAFETY: methods are boxed and never removed.
    let m: &Method = &*(&*vm.methods[mi as usize] as *const Method);
    let Some(Some(code)) = m.tier.code.get() else {
        return None;
    };
    if m.nargs != nargs || th.frames.len() >= 100_000 {
        return None;
    }
    m.tier.tick();
    c.budget -= 1;
    if !statically {
        // The arguments move down over the receiver (the frame holds it).
        for i in recv_slot..recv_slot + n {
            *c.os.add(i) = *c.os.add(i + 1);
        }
    }
    let os_base = s.os_base + args_slot;
    let is_base = s.is_base + c.is_len as usize;
    // SAFETY: the caller's code wrote its stacks up to these depths
    // (flushed before the call) within the room reserved for it.
    th.os.set_len(os_base + n);
    th.is.set_len(is_base);
    th.is.push(nargs);
    let caller = th.frames.last_mut().expect("running frame");
    caller.pc = c.pc;
    let frames = th.frames.len();
    th.frames.push(crate::thread::Frame {
        method: mi,
        this: recv,
        pc: 0,
        os_base: os_base as u32,
        is_base: is_base as u32,
        es_base: th.es.len() as u32,
    });
    let step = vm.run_compiled(th, code, &mut c.budget, s.depth + 1);
    Some(after_call(s, vm, th, c, frames, step))
}

unsafe extern "C" fn svc_static_invoke(ctx: *mut Ctx, ord: u32, nargs: u32) -> u32 {
    if let Some(st) = direct_call(ctx, ord, nargs, true) {
        return st;
    }
    call_service(ctx, |vm, th, budget| {
        vm.op_static_invoke(th, ord, nargs as usize, budget)
    })
}

unsafe extern "C" fn svc_step(ctx: *mut Ctx) -> u32 {
    call_service(ctx, |vm, th, budget| vm.run_frame::<true>(th, budget))
}

/// Pushes the boxed index on the object stack and makes the call
/// `ord nargs` (the index operators on anything but an array).
unsafe fn boxed_index_call(ctx: *mut Ctx, i: u32, ord: u32, nargs: usize) -> u32 {
    match svc_box_int(ctx, i) {
        0 => call_service(ctx, |vm, th, budget| vm.op_call(th, ord, nargs, budget)),
        st => st,
    }
}

unsafe extern "C" fn svc_array_get(ctx: *mut Ctx, i: u32) -> u32 {
    let (_, vm, _) = parts(ctx);
    let c = &mut *ctx;
    let top = c.os.add(c.os_len as usize - 1);
    let recv = Ref(*top);
    if recv.is_null() || vm.heap.class_of(recv) != vm.internal[sys::ARRAY] {
        return boxed_index_call(ctx, i, 10, 1);
    }
    let n = vm.array_len(recv);
    if i >= n {
        let msg = format!("array get - index {} is out of bounds (size {n})", i as i32);
        c.exception = vm.exception(&msg).0;
        return Status::Threw as u32;
    }
    let v = vm.array_get(recv, i);
    vm.heap.inc(v);
    *top = v.0;
    vm.heap.dec(recv);
    0
}

unsafe extern "C" fn svc_array_set(ctx: *mut Ctx, i: u32) -> u32 {
    let (_, vm, _) = parts(ctx);
    let c = &mut *ctx;
    let l = c.os_len as usize;
    let (recv, v) = (Ref(*c.os.add(l - 2)), Ref(*c.os.add(l - 1)));
    let fast = !recv.is_null()
        && vm.heap.class_of(recv) == vm.internal[sys::ARRAY]
        && vm.heap.flags(recv) & crate::heap::flags::IS_IMMUTABLE == 0
        && i < 1 << 28;
    if !fast {
        return boxed_index_call(ctx, i, 11, 2);
    }
    // The array takes one reference; the other stays on the stack as the
    // result, in the receiver's place.
    vm.heap.inc(v);
    if let Err(x) = vm.array_set(recv, i, v) {
        c.exception = x.0;
        return Status::Threw as u32;
    }
    *c.os.add(l - 2) = v.0;
    c.os_len -= 1;
    vm.heap.dec(recv);
    c.stop |= vm.gc_due() as u32;
    0
}

unsafe extern "C" fn svc_concat_set(ctx: *mut Ctx, slot: u32) -> u32 {
    let (s, vm, th) = parts(ctx);
    let c = &mut *ctx;
    apply(th, c, s.os_base, s.is_base);
    if vm.append_in_place(th, s.os_base + slot as usize) {
        c.os_len -= 2;
        c.stop |= vm.gc_due() as u32;
        return jit::CONCAT_SET_DONE;
    }
    call_service(ctx, |vm, th, budget| vm.op_call(th, 10, 1, budget))
}

/// Runs a call (or one stepped op) as the interpreter does, on the thread
/// state compiled code flushed, and tells compiled code how to go on.
unsafe fn call_service(
    ctx: *mut Ctx,
    op: impl FnOnce(&mut Vm, &mut Thread, &mut i64) -> Step,
) -> u32 {
    let (s, vm, th) = parts(ctx);
    let c = &mut *ctx;
    apply(th, c, s.os_base, s.is_base);
    let frames = th.frames.len();
    let mut step = op(vm, th, &mut c.budget);
    if th.frames.len() == frames + 1 && matches!(step, Step::Frame) && s.depth < MAX_NESTED {
        // A compiled callee runs here, on the machine stack, and this
        // frame's code goes on when it returns; anything else (a yield,
        // an exception, a block) leaves every frame in the interpreter's
        // form and unwinds to the VM.
        let fr = *th.frames.last().expect("the callee's frame");
        // SAFETY: methods are boxed and never removed.
        let m: &Method = &*(&*vm.methods[fr.method as usize] as *const Method);
        if let Some(code) = vm.jit_code(m).filter(|code| code.is_resume(fr.pc)) {
            step = vm.run_compiled(th, code, &mut c.budget, s.depth + 1);
        }
    }
    after_call(s, vm, th, c, frames, step)
}

/// How compiled code goes on after a call (or stepped op) made on the
/// thread's stacks: 0 and its context refreshed if the frame is still on
/// top and the callee returned, or the status that sends it back to the VM.
unsafe fn after_call(
    s: &mut Session,
    vm: &mut Vm,
    th: &mut Thread,
    c: &mut Ctx,
    frames: usize,
    step: Step,
) -> u32 {
    if th.frames.len() != frames {
        // A frame was pushed (a bytecode callee): the VM runs it and
        // comes back to this frame at the pc after the call.
        s.pending = Some(step);
        return Status::Suspended as u32;
    }
    let status = match step {
        Step::Frame => 0,
        Step::Exit(Exit::Budget) => Status::Yield as u32,
        Step::Raise(x) => {
            c.exception = x.0;
            Status::Threw as u32
        }
        other => {
            // Blocked in a native (the thread state is the VM's now: the
            // call will run again when the wait is over).
            s.pending = Some(other);
            return Status::Suspended as u32;
        }
    };
    // The frame goes on: hand compiled code the stacks again (they may
    // have moved) with room for its deepest point.
    room(th, s.os_base, s.is_base, &*s.code);
    c.os = th.os.as_mut_ptr().add(s.os_base).cast();
    c.is = th.is.as_mut_ptr().add(s.is_base);
    c.os_len = (th.os.len() - s.os_base) as u32;
    c.is_len = (th.is.len() - s.is_base) as u32;
    c.pc = th.frames.last().expect("running frame").pc;
    c.stop |= vm.gc_due() as u32;
    status
}

unsafe extern "C" fn svc_fault(ctx: *mut Ctx, fault: u32, a: u32, b: u32) -> u32 {
    let (s, vm, _) = parts(ctx);
    let name = vm.methods[s.method as usize].name.clone();
    let msg = match Fault::from_u32(fault) {
        Some(f) => f.message(a, b, &name),
        None => format!("internal error: unknown JIT fault {fault}"),
    };
    (*ctx).exception = vm.exception(&msg).0;
    Status::Threw as u32
}
