//! The interpreter loop.
//!
//! One `match` per instruction over the prepared [`Insn`] array. The
//! current frame's program counter and bases are kept in locals and written
//! back only when the frame changes, an exception is raised or the thread
//! gives up its time slice. Stack depths were checked by the verifier, so
//! pushes and pops do not check them again; integers stay unboxed on the
//! integer stack.

use alloc::format;
use alloc::string::String;

use ir::code::ArithOp;
use ir::types::NumKind;

use crate::code::{Insn, Method};
use crate::heap::{flags as F, Ref};
use crate::native::{Fail, NResult, Native};
use crate::object::sys;
use crate::thread::{Catcher, Frame, Thread, Wait};
use crate::vm::{Callee, Vm};

/// Why [`Vm::run`] returned.
#[derive(Debug)]
pub enum Exit {
    /// The time slice is used up; the thread can run again at once.
    Budget,
    /// The thread waits; run it again when the wait is over.
    Block(Wait),
    /// The bottom frame returned (its result is in `Thread::result`).
    Done,
    /// An exception no frame caught: the thrown object (owned) and a
    /// backtrace, innermost first.
    Uncaught(Ref, String),
}

/// Most arguments a native method takes.
const MAX_NATIVE_ARGS: usize = 32;

pub(crate) enum Step {
    /// Reload the current frame and go on.
    Frame,
    /// Raise this exception in the current frame.
    Raise(Ref),
    /// Leave the loop.
    Exit(Exit),
}

impl Vm {
    /// Runs `th` until it finishes, blocks, throws out of its bottom frame or
    /// has made `budget` calls and backward jumps.
    pub fn run(&mut self, th: &mut Thread, budget: u32) -> Exit {
        let mut budget = budget as i64;
        loop {
            let step = self.run_frame::<false>(th, &mut budget);
            match step {
                Step::Frame => {}
                Step::Raise(x) => {
                    if let Err(e) = self.raise(th, x) {
                        return e;
                    }
                    // A catch can jump backwards, so it counts like a
                    // backward jump: a loop through a catcher must still
                    // give up its time slice.
                    budget -= 1;
                    if budget <= 0 {
                        return Exit::Budget;
                    }
                }
                Step::Exit(e) => return e,
            }
        }
    }

    /// Whether enough was allocated since the last collection that the
    /// thread should stop at the next safepoint so that the scheduler can
    /// collect: as much as is live, and at least 16 MiB. Checked at calls
    /// and backward jumps, so allocation-heavy loops cannot outrun the
    /// collector between time slices.
    #[inline(always)]
    pub fn gc_due(&self) -> bool {
        self.heap.allocated_since_gc > (4u64 << 20).max(self.heap.live_cells())
    }

    /// Makes a string exception (or the out-of-memory one).
    pub fn exception(&mut self, msg: &str) -> Ref {
        match self.new_string(msg.as_bytes()) {
            Ok(s) | Err(s) => s,
        }
    }

    /// Runs the top frame (and the frames its calls and returns lead to)
    /// until the thread must leave the loop. With `ONE`, runs just the
    /// instruction at the top frame's pc, unfused, and returns
    /// [`Step::Frame`] after it (for compiled code, which has the
    /// interpreter run the ops it does not lower itself).
    #[inline(always)]
    pub(crate) fn run_frame<const ONE: bool>(&mut self, th: &mut Thread, budget: &mut i64) -> Step {
        // Calls and returns that need nothing from the scheduler go on
        // here with the new top frame, without leaving the function.
        'frame: loop {
            let Some(fr) = th.frames.last().copied() else {
                return Step::Exit(Exit::Done);
            };
            // SAFETY: methods are boxed and never removed, so the reference
            // stays valid while `self.methods` grows.
            let m: &Method = unsafe { &*(&*self.methods[fr.method as usize] as *const Method) };
            let insns = &m.insns[..];
            let this = fr.this;
            let os_base = fr.os_base as usize;
            let is_base = fr.is_base as usize;
            let mut pc = fr.pc as usize;
            #[cfg(feature = "jit")]
            if !ONE && self.jit.is_some() {
                if let Some(step) = self.try_compiled(th, m, budget) {
                    match step {
                        Step::Frame => continue 'frame,
                        other => return other,
                    }
                }
            }

            macro_rules! save_pc {
                () => {
                    th.frames.last_mut().expect("running frame").pc = pc as u32
                };
            }
            macro_rules! raise {
                ($x:expr) => {{
                    let x = $x;
                    save_pc!();
                    return Step::Raise(x);
                }};
            }
            macro_rules! raise_str {
            ($($t:tt)*) => {{
                let s = format!($($t)*);
                raise!(self.exception(&s))
            }};
        }
            // The verifier proved every instruction's stack depths from the
            // frame's base and their maxima (`max_os`, `max_is`); with that
            // much room reserved here, pushes and pops need no checks. Every
            // call, return and native call comes back to the top of 'frame
            // (or leaves this function), so the room is reserved again
            // before the method's code runs on.
            // (A single op for compiled code runs in the room compiled
            // code reserved for the method's deepest stacks.)
            if !ONE {
                th.is.reserve(m.max_is as usize + 2);
                th.os.reserve(m.max_os as usize + 2);
            }
            // Pop and push without checks on one of the two stacks (both
            // hold `Copy` values that need no drop).
            macro_rules! pop_unchecked {
                ($stack:expr, $base:expr) => {{
                    debug_assert!($stack.len() > $base, "verified depth");
                    let l = $stack.len();
                    // SAFETY: the verified depth is at least one, so `l > 0`.
                    unsafe {
                        $stack.set_len(l - 1);
                        *$stack.as_ptr().add(l - 1)
                    }
                }};
            }
            macro_rules! push_unchecked {
                ($stack:expr, $v:expr) => {{
                    let v = $v;
                    let l = $stack.len();
                    debug_assert!(l < $stack.capacity(), "verified depth");
                    // SAFETY: room for the verified maximum depth was reserved.
                    unsafe {
                        $stack.as_mut_ptr().add(l).write(v);
                        $stack.set_len(l + 1);
                    }
                }};
            }
            macro_rules! ipop {
                () => {
                    pop_unchecked!(th.is, is_base)
                };
            }
            macro_rules! ipush {
                ($v:expr) => {{
                    let v: u32 = $v;
                    push_unchecked!(th.is, v)
                }};
            }
            macro_rules! opush {
                ($v:expr) => {{
                    let v: Ref = $v;
                    push_unchecked!(th.os, v)
                }};
            }
            macro_rules! opop {
                () => {
                    pop_unchecked!(th.os, os_base)
                };
            }
            macro_rules! ipop64 {
                () => {{
                    let lo = ipop!();
                    let hi = ipop!();
                    (u64::from(hi) << 32) | u64::from(lo)
                }};
            }
            macro_rules! ipush64 {
                ($v:expr) => {{
                    let v: u64 = $v;
                    ipush!((v >> 32) as u32);
                    ipush!(v as u32);
                }};
            }
            macro_rules! ibin {
                (|$a:ident, $b:ident| $e:expr) => {{
                    let $b = ipop!() as i32;
                    let t = th.is.last_mut().expect("verified depth");
                    let $a = *t as i32;
                    *t = ($e) as u32;
                }};
            }
            macro_rules! lbin {
                (|$a:ident, $b:ident| $e:expr) => {{
                    let $b = ipop64!() as i64;
                    let $a = ipop64!() as i64;
                    ipush64!(($e) as u64);
                }};
            }
            macro_rules! lcmp {
                (|$a:ident, $b:ident| $e:expr) => {{
                    let $b = ipop64!() as i64;
                    let $a = ipop64!() as i64;
                    ipush!(($e) as u32);
                }};
            }
            macro_rules! try_alloc {
                ($e:expr) => {
                    match $e {
                        Ok(r) => r,
                        Err(x) => raise!(x),
                    }
                };
            }
            // `i2o` for an int (also the slow path of the array instructions).
            macro_rules! box_int_push {
                () => {{
                    let v = ipop!() as i32;
                    let b = try_alloc!(self.box_int(v));
                    opush!(b);
                }};
            }
            macro_rules! jump {
                ($t:expr) => {{
                    let t = $t as usize;
                    if t <= pc {
                        *budget -= 1;
                        if *budget <= 0 || self.gc_due() {
                            pc = t;
                            save_pc!();
                            return Step::Exit(Exit::Budget);
                        }
                        // A hot loop: go on in machine code from the
                        // target (a resume point of the compiled code).
                        #[cfg(feature = "jit")]
                        if !ONE && m.tier.tick() {
                            pc = t;
                            save_pc!();
                            continue 'frame;
                        }
                    }
                    pc = t;
                }};
            }

            // The instruction is done and the frame changed (a call or a
            // return): go on with the new top frame.
            macro_rules! next_frame {
                () => {{
                    if ONE {
                        return Step::Frame;
                    }
                    continue 'frame;
                }};
            }
            loop {
                #[cfg(feature = "jit")]
                let insn = if ONE { m.plain[pc] } else { insns[pc] };
                #[cfg(not(feature = "jit"))]
                let insn = insns[pc];
                pc += 1;
                match insn {
                    Insn::Nop | Insn::Debug(_) => {}
                    Insn::Djnz(t) => {
                        let v = th.is.last_mut().expect("verified depth");
                        *v = v.wrapping_sub(1);
                        if *v != 0 {
                            jump!(t);
                        }
                    }
                    Insn::Jz(t) => {
                        if ipop!() == 0 {
                            jump!(t);
                        }
                    }
                    Insn::Jmp(t) => jump!(t),
                    Insn::Switch(s) => {
                        let v = ipop!() as i32;
                        let tab = &m.switches[s as usize];
                        let d = v.wrapping_add(tab.shift).wrapping_div(tab.div) as u32;
                        if let Some(&t) = tab.targets.get(d as usize) {
                            jump!(t);
                        }
                    }
                    Insn::Ret => {
                        let v = if th.os.len() > os_base {
                            opop!()
                        } else {
                            Ref::NULL
                        };
                        self.pop_frame(th);
                        if th.frames.is_empty() {
                            let old = core::mem::replace(&mut th.result, v);
                            self.heap.dec(old);
                            return Step::Exit(Exit::Done);
                        }
                        opush!(v);
                        next_frame!();
                    }
                    Insn::PushCatcher(t) => {
                        let class = opop!();
                        th.es.push(Catcher {
                            class,
                            target: t,
                            os: th.os.len() as u32,
                            is: th.is.len() as u32,
                        });
                    }
                    Insn::PopCatcher => {
                        let es_base = th.frames.last().map_or(0, |f| f.es_base) as usize;
                        if th.es.len() > es_base {
                            let c = th.es.pop().expect("checked");
                            self.heap.dec(c.class);
                        }
                    }
                    Insn::Throw => {
                        let x = opop!();
                        if x.is_null() {
                            raise_str!("null was thrown");
                        }
                        raise!(x);
                    }
                    Insn::ArgCount(n) => {
                        let c = ipop!();
                        if c != u32::from(n) {
                            raise_str!("invalid arg count: {} takes {n}, got {c}", m.name);
                        }
                    }
                    Insn::StackReserve(o, i) => {
                        th.os.resize(th.os.len() + o as usize, Ref::NULL);
                        th.is.resize(th.is.len() + i as usize, 0);
                    }
                    Insn::PopObj | Insn::OsDrop => {
                        let x = opop!();
                        self.heap.dec(x);
                    }
                    Insn::ConcatSet(p) if self.append_in_place(th, os_base + p as usize) => {
                        pc += 1;
                    }
                    Insn::Call(..) | Insn::ConcatSet(..) => {
                        let (ord, n) = match insn {
                            Insn::Call(ord, n) => (ord, n as usize),
                            _ => (10, 1),
                        };
                        save_pc!();
                        match self.op_call(th, ord, n, budget) {
                            Step::Frame => next_frame!(),
                            other => return other,
                        }
                    }
                    Insn::StaticInvoke(ord, n) => {
                        save_pc!();
                        match self.op_static_invoke(th, ord, n as usize, budget) {
                            Step::Frame => next_frame!(),
                            other => return other,
                        }
                    }
                    Insn::DynamicInvoke(k) => {
                        // The verifier proved the count is `k` on every path;
                        // checked again, as a wrong count would take arguments
                        // from below this frame's verified stack.
                        let n = *th.is.last().expect("verified depth");
                        if n != k {
                            raise_str!("dynamic_invoke: argument count {n}, verified as {k}");
                        }
                        let name = opop!();
                        let recv = opop!();
                        let n = ipop!() as usize;
                        let at = th.os.len() - n;
                        let cls = if recv.is_null() {
                            self.internal[sys::VOID]
                        } else {
                            self.heap.class_of(recv)
                        };
                        let wanted = if self.sys_of(name) == Some(sys::STRING) {
                            String::from_utf8_lossy(self.heap.bytes(name)).into_owned()
                        } else {
                            String::new()
                        };
                        self.heap.dec(name);
                        let ord = self.find_method_by_name(cls, &wanted);
                        let Some(ord) = ord else {
                            th.os.insert(at, recv);
                            let c = self.heap.class_name(cls);
                            raise_str!("{c} has no method named '{wanted}'");
                        };
                        save_pc!();
                        match self.call_in(th, recv, at, cls, ord, budget) {
                            Step::Frame => next_frame!(),
                            other => return other,
                        }
                    }
                    Insn::Sys(k) => {
                        // Only the VM's own stubs use it: native k of `this`'s class,
                        // with this frame's arguments.
                        let n = *th.is.last().expect("verified depth") as usize;
                        let cls = if this.is_null() {
                            self.internal[sys::VOID]
                        } else {
                            self.heap.class_of(this)
                        };
                        let mut c = cls;
                        while self.heap.sys_id(c).is_none() {
                            c = self.heap.class_parent(c);
                        }
                        let f = match crate::native::table(self.heap.sys_id(c).unwrap_or(0))
                            .get(k as usize)
                            .copied()
                            .flatten()
                        {
                            Some(f) => f,
                            None => raise_str!("sys {k}: no such native method"),
                        };
                        // The verifier assumed the method's own argument count;
                        // any other count would pop into the caller's frame.
                        if n != m.nargs as usize || n >= MAX_NATIVE_ARGS || th.os.len() < n {
                            raise_str!("sys {k}: bad argument count {n}");
                        }
                        let at = th.os.len() - n;
                        save_pc!();
                        match self.call_native(th, f, this, at) {
                            Ok(r) => {
                                th.is.pop();
                                self.drop_from(th, at);
                                opush!(r);
                            }
                            Err(Fail::Throw(x)) => raise!(x),
                            Err(Fail::Block(w)) => {
                                pc -= 1;
                                save_pc!();
                                return Step::Exit(Exit::Block(w));
                            }
                        }
                    }
                    Insn::IsDup(w) => {
                        let l = th.is.len();
                        if w == 1 {
                            ipush!(th.is[l - 1]);
                        } else {
                            th.is.extend_from_within(l - 2..);
                        }
                    }
                    Insn::IsDrop(w) => {
                        let l = th.is.len();
                        th.is.truncate(l - w as usize);
                    }
                    Insn::OsDup => {
                        let x = *th.os.last().expect("verified depth");
                        self.heap.inc(x);
                        opush!(x);
                    }
                    Insn::Load(f) => {
                        let v = match self.field_ref(this, f) {
                            Ok(v) => v,
                            Err(msg) => raise_str!("{msg}"),
                        };
                        self.heap.inc(v);
                        opush!(v);
                    }
                    Insn::Save(f) => {
                        let v = opop!();
                        if let Err(msg) = self.store_field(this, f, v) {
                            raise_str!("{msg}");
                        }
                    }
                    Insn::IsLoad(f) => {
                        let v = match self.field_ref(this, f) {
                            Ok(v) => v,
                            Err(msg) => raise_str!("{msg}"),
                        };
                        match self.unbox(v, NumKind::Int) {
                            Ok(x) => ipush!(x as u32),
                            Err(msg) => raise_str!("{msg}"),
                        }
                    }
                    Insn::IsSave(f) => {
                        let v = ipop!() as i32;
                        let b = try_alloc!(self.box_int(v));
                        if let Err(msg) = self.store_field(this, f, b) {
                            raise_str!("{msg}");
                        }
                    }
                    Insn::OsPull(d) => {
                        let x = th.os[th.os.len() - 1 - d as usize];
                        self.heap.inc(x);
                        opush!(x);
                    }
                    Insn::OsGet(p) => {
                        let x = th.os[os_base + p as usize];
                        self.heap.inc(x);
                        opush!(x);
                    }
                    Insn::OsGetInt(p) => {
                        let x = th.os[os_base + p as usize];
                        if !x.is_null() && self.heap.class_of(x) == self.internal[sys::INT] {
                            ipush!(self.heap.get(x, 0));
                            pc += 1;
                        } else {
                            self.heap.inc(x);
                            opush!(x);
                        }
                    }
                    Insn::ConstBox(v) => {
                        let b = try_alloc!(self.box_int(v as i32));
                        opush!(b);
                        pc += 1;
                    }
                    Insn::CmpJz(c, t) => {
                        let b = ipop!() as i32;
                        let a = ipop!() as i32;
                        if c.holds(a, b) {
                            pc += 1;
                        } else {
                            jump!(t);
                        }
                    }
                    Insn::LCmpJz(c, t) => {
                        let b = ipop64!() as i64;
                        let a = ipop64!() as i64;
                        if c.holds(a, b) {
                            pc += 1;
                        } else {
                            jump!(t);
                        }
                    }
                    Insn::EqJz(t) => {
                        let b = ipop!();
                        let a = ipop!();
                        if a == b {
                            pc += 2;
                        } else {
                            jump!(t);
                        }
                    }
                    Insn::NeJz(t) => {
                        let b = ipop!();
                        let a = ipop!();
                        if a != b {
                            pc += 1;
                        } else {
                            jump!(t);
                        }
                    }
                    Insn::OsSet(p) => {
                        let x = opop!();
                        let old = core::mem::replace(&mut th.os[os_base + p as usize], x);
                        self.heap.dec(old);
                    }
                    Insn::IsGet(w, p) => {
                        let at = is_base + p as usize;
                        if w == 1 {
                            ipush!(th.is[at]);
                        } else {
                            th.is.extend_from_within(at..at + 2);
                        }
                    }
                    Insn::IsSet(w, p) => {
                        let at = is_base + p as usize;
                        if w == 1 {
                            let v = ipop!();
                            th.is[at] = v;
                        } else {
                            let lo = ipop!();
                            let hi = ipop!();
                            th.is[at] = hi;
                            th.is[at + 1] = lo;
                        }
                    }
                    Insn::New => {
                        let cls = opop!();
                        let o = try_alloc!(self.op_new(cls));
                        opush!(o);
                    }
                    Insn::Cast => {
                        let cls = opop!();
                        let obj = *th.os.last().expect("verified depth");
                        if !obj.is_null() && !self.is_instance(obj, cls) {
                            let (a, b) = (self.describe(obj), self.describe(cls));
                            self.heap.dec(cls);
                            raise_str!("cast to not parent: {a} is not a {b}");
                        }
                        self.heap.dec(cls);
                    }
                    Insn::Const1(v) => ipush!(v),
                    Insn::Const2(hi, lo) => {
                        ipush!(hi);
                        ipush!(lo);
                    }
                    Insn::SConst(i) => {
                        let s = try_alloc!(self.new_string(&m.strings[i as usize]));
                        opush!(s);
                    }
                    Insn::PushRef(r) => {
                        self.heap.inc(r);
                        opush!(r);
                    }
                    Insn::SummonByName(i) => {
                        let (name, cache) = &m.names[i as usize];
                        let mut c = cache.get();
                        if c.is_null() {
                            save_pc!();
                            c = match self.find_class(name) {
                                Ok(c) => c,
                                Err(e) => raise_str!("{e}"),
                            };
                            cache.set(c);
                        }
                        self.heap.inc(c);
                        opush!(c);
                    }
                    Insn::SummonThread => {
                        let t = th.obj;
                        self.heap.inc(t);
                        opush!(t);
                    }
                    Insn::SummonThis => {
                        self.heap.inc(this);
                        opush!(this);
                    }
                    Insn::SummonNull => opush!(Ref::NULL),
                    Insn::IAdd => ibin!(|a, b| a.wrapping_add(b)),
                    Insn::ISub => ibin!(|a, b| a.wrapping_sub(b)),
                    Insn::IMul => ibin!(|a, b| a.wrapping_mul(b)),
                    Insn::IDiv | Insn::IRem => {
                        if *th.is.last().expect("verified depth") == 0 {
                            raise_str!("division by zero");
                        }
                        if insn == Insn::IDiv {
                            ibin!(|a, b| a.wrapping_div(b))
                        } else {
                            ibin!(|a, b| a.wrapping_rem(b))
                        }
                    }
                    Insn::IOr => ibin!(|a, b| a | b),
                    Insn::IAnd => ibin!(|a, b| a & b),
                    Insn::ILt => ibin!(|a, b| (a < b) as i32),
                    Insn::IGt => ibin!(|a, b| (a > b) as i32),
                    Insn::ILe => ibin!(|a, b| (a <= b) as i32),
                    Insn::IGe => ibin!(|a, b| (a >= b) as i32),
                    Insn::LNot => {
                        let t = th.is.last_mut().expect("verified depth");
                        *t = (*t == 0) as u32;
                    }
                    Insn::LAdd => lbin!(|a, b| a.wrapping_add(b)),
                    Insn::LSub => lbin!(|a, b| a.wrapping_sub(b)),
                    Insn::LMul => lbin!(|a, b| a.wrapping_mul(b)),
                    Insn::LDiv | Insn::LRem => {
                        let l = th.is.len();
                        if th.is[l - 1] == 0 && th.is[l - 2] == 0 {
                            raise_str!("division by zero");
                        }
                        if insn == Insn::LDiv {
                            lbin!(|a, b| a.wrapping_div(b))
                        } else {
                            lbin!(|a, b| a.wrapping_rem(b))
                        }
                    }
                    Insn::LLt => lcmp!(|a, b| a < b),
                    Insn::LGt => lcmp!(|a, b| a > b),
                    Insn::LLe => lcmp!(|a, b| a <= b),
                    Insn::LGe => lcmp!(|a, b| a >= b),
                    Insn::Arith(k, op) => {
                        if let Err(msg) = arith(th, k, op) {
                            raise_str!("{msg}");
                        }
                    }
                    Insn::Convert(from, to) => convert(th, from, to),
                    Insn::BoxInt => box_int_push!(),
                    Insn::ArrGet => {
                        let recv = *th.os.last().expect("verified depth");
                        if !recv.is_null() && self.heap.class_of(recv) == self.internal[sys::ARRAY]
                        {
                            let i = ipop!();
                            let n = self.array_len(recv);
                            if i >= n {
                                raise_str!(
                                    "array get - index {} is out of bounds (size {n})",
                                    i as i32
                                );
                            }
                            let v = self.array_get(recv, i);
                            self.heap.inc(v);
                            *th.os.last_mut().expect("verified depth") = v;
                            self.heap.dec(recv);
                            pc += 1;
                        } else {
                            box_int_push!();
                        }
                    }
                    Insn::ArrSet | Insn::ArrSetDrop => {
                        let l = th.os.len();
                        let recv = th.os[l - 2];
                        if !recv.is_null()
                            && self.heap.class_of(recv) == self.internal[sys::ARRAY]
                            && self.heap.flags(recv) & F::IS_IMMUTABLE == 0
                            && th.is.last().is_some_and(|&i| i < 1 << 28)
                        {
                            let i = ipop!();
                            let v = th.os[l - 1];
                            // The array takes one reference; the other stays on
                            // the stack as the result, in the receiver's place,
                            // unless the `os drop` after the call would drop it.
                            self.heap.inc(v);
                            if let Err(x) = self.array_set(recv, i, v) {
                                raise!(x);
                            }
                            th.os.truncate(l - 2);
                            if insn == Insn::ArrSet {
                                opush!(v);
                                pc += 1;
                            } else {
                                // The array holds it too, so this never frees.
                                self.heap.dec(v);
                                pc += 2;
                            }
                            self.heap.dec(recv);
                        } else {
                            box_int_push!();
                        }
                    }
                    Insn::UnboxInt => {
                        let o = opop!();
                        if !o.is_null() && self.heap.class_of(o) == self.internal[sys::INT] {
                            ipush!(self.heap.get(o, 0));
                            self.heap.dec(o);
                        } else {
                            let v = self.unbox(o, NumKind::Int);
                            self.heap.dec(o);
                            match v {
                                Ok(v) => ipush!(v as u32),
                                Err(msg) => raise_str!("{msg}"),
                            }
                        }
                    }
                    Insn::I2o(k) => {
                        let b = match k {
                            NumKind::Int => {
                                let v = ipop!() as i32;
                                try_alloc!(self.box_int(v))
                            }
                            NumKind::Float => {
                                let v = f32::from_bits(ipop!());
                                try_alloc!(self.box_float(v))
                            }
                            NumKind::Long => {
                                let v = ipop64!();
                                try_alloc!(self.box64(sys::LONG, v))
                            }
                            NumKind::Double => {
                                let v = ipop64!();
                                try_alloc!(self.box64(sys::DOUBLE, v))
                            }
                        };
                        opush!(b);
                    }
                    Insn::O2i(k) => {
                        let o = opop!();
                        let v = self.unbox(o, k);
                        self.heap.dec(o);
                        match v {
                            Ok(v) => {
                                if k.cells() == 1 {
                                    ipush!(v as u32);
                                } else {
                                    ipush64!(v);
                                }
                            }
                            Err(msg) => raise_str!("{msg}"),
                        }
                    }
                    Insn::OsEq | Insn::OsNeq => {
                        let b = opop!();
                        let a = opop!();
                        ipush!(((a == b) == (insn == Insn::OsEq)) as u32);
                        self.heap.dec(a);
                        self.heap.dec(b);
                    }
                    Insn::OsIsNull => {
                        let a = opop!();
                        ipush!(a.is_null() as u32);
                        self.heap.dec(a);
                    }
                    Insn::Disabled(op) => {
                        raise_str!("opcode {op:#04x} is disabled in the Phantom VM")
                    }
                }
                if ONE {
                    save_pc!();
                    return Step::Frame;
                }
            }
        }
    }

    /// The fast path of [`Insn::ConcatSet`]: if the receiver (below the
    /// argument on the stack) is a string held only by local `slot` and
    /// the stack, and the argument is a string, appends the argument to it
    /// (in place when its block has room, else into a new string with as
    /// much room again, which replaces it in the local), pops both and
    /// returns `true`. Strings are immutable, but nobody else can see this
    /// one change.
    pub(crate) fn append_in_place(&mut self, th: &mut Thread, slot: usize) -> bool {
        let l = th.os.len();
        let (recv, arg) = (th.os[l - 2], th.os[l - 1]);
        let string = self.internal[sys::STRING];
        let is_string = |vm: &Vm, r: Ref| !r.is_null() && vm.heap.class_of(r) == string;
        if recv != th.os[slot]
            || !is_string(self, recv)
            || !is_string(self, arg)
            || self.heap.refcount(recv) != 2
        {
            return false;
        }
        if !self.heap.append_bytes(recv, arg) {
            let len = self.heap.get(recv, 0) as usize + self.heap.get(arg, 0) as usize;
            let fl = self.heap.flags(recv);
            match self.heap.joined_bytes(string, fl, recv, arg, len) {
                Ok(grown) => {
                    // The local held one reference to the old string.
                    th.os[slot] = grown;
                    self.heap.dec(recv);
                }
                Err(_) => return false,
            }
        }
        th.os.truncate(l - 2);
        self.heap.dec(arg);
        self.heap.dec(recv);
        true
    }

    /// `new`: an instance of `cls` (taken from the stack), no constructor
    /// run; or the exception to raise.
    pub(crate) fn op_new(&mut self, cls: Ref) -> Result<Ref, Ref> {
        if cls.is_null() || self.heap.flags(cls) & F::IS_CLASS == 0 {
            let d = self.describe(cls);
            self.heap.dec(cls);
            return Err(self.exception(&format!("new: {d} is not a class")));
        }
        self.new_instance(cls)
    }

    /// `call ord n`: calls method `ord` of the object below the top `n`
    /// (the frame's pc is saved).
    #[inline(always)]
    pub(crate) fn op_call(
        &mut self,
        th: &mut Thread,
        ord: u32,
        n: usize,
        budget: &mut i64,
    ) -> Step {
        let at = th.os.len() - n - 1;
        let recv = th.os.remove(at);
        let cls = if recv.is_null() {
            self.internal[sys::VOID]
        } else {
            self.heap.class_of(recv)
        };
        self.call_in(th, recv, at, cls, ord, budget)
    }

    /// Calls method `ord` of class `cls` on `recv` (taken off the stack)
    /// with the arguments at `th.os[at..]`, counting the call against the
    /// budget.
    #[inline(always)]
    fn call_in(
        &mut self,
        th: &mut Thread,
        recv: Ref,
        at: usize,
        cls: Ref,
        ord: u32,
        budget: &mut i64,
    ) -> Step {
        let callee = self.method_of(cls, ord);
        *budget -= 1;
        let yield_now = *budget <= 0 || self.gc_due();
        self.enter(th, callee, recv, at, cls, ord, yield_now)
    }

    /// `static_invoke ord n`: calls method `ord` of the class on top, on
    /// the object below it, with the `n` arguments below that (the
    /// frame's pc is saved).
    #[inline(always)]
    pub(crate) fn op_static_invoke(
        &mut self,
        th: &mut Thread,
        ord: u32,
        n: usize,
        budget: &mut i64,
    ) -> Step {
        let cls = th.os.pop().expect("verified depth");
        let recv = th.os.pop().expect("verified depth");
        let at = th.os.len() - n;
        let ok = !recv.is_null()
            && self.heap.flags(cls) & F::IS_CLASS != 0
            && self.heap.is_subclass(self.heap.class_of(recv), cls);
        if !ok {
            th.os.insert(at, recv);
            th.os.push(cls);
            let (a, b) = (self.describe(recv), self.describe(cls));
            let x = self.exception(&format!("static_invoke of {b} on unrelated object {a}"));
            return Step::Raise(x);
        }
        self.call_in(th, recv, at, cls, ord, budget)
    }

    /// Calls `callee` with the receiver already taken off the stack and its
    /// arguments at `th.os[at..]`.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn enter(
        &mut self,
        th: &mut Thread,
        callee: Callee,
        recv: Ref,
        at: usize,
        cls: Ref,
        ord: u32,
        out_of_budget: bool,
    ) -> Step {
        match callee {
            Callee::Code(mi) => {
                let n = th.os.len() - at;
                let m = &self.methods[mi as usize];
                #[cfg(feature = "jit")]
                m.tier.tick();
                // The method was verified with `nargs` objects on its stack
                // (whether or not it checks with `arg_count`).
                if n != m.nargs as usize {
                    let msg = format!("invalid arg count: {} takes {}, got {n}", m.name, m.nargs);
                    th.os.insert(at, recv);
                    return Step::Raise(self.exception(&msg));
                }
                th.os.reserve(m.max_os as usize);
                th.is.reserve(m.max_is as usize + 1);
                let is_base = th.is.len() as u32;
                th.is.push(n as u32);
                th.frames.push(Frame {
                    method: mi,
                    this: recv,
                    pc: 0,
                    os_base: at as u32,
                    is_base,
                    es_base: th.es.len() as u32,
                });
                if th.frames.len() > 100_000 {
                    let x = self.exception("stack overflow: more than 100000 nested calls");
                    return Step::Raise(x);
                }
                if out_of_budget {
                    return Step::Exit(Exit::Budget);
                }
                Step::Frame
            }
            Callee::Native(f, _) => {
                let n = th.os.len() - at;
                if n >= MAX_NATIVE_ARGS {
                    th.os.insert(at, recv);
                    let x = self.exception("too many arguments for a native method");
                    return Step::Raise(x);
                }
                match self.call_native(th, f, recv, at) {
                    Ok(r) => {
                        self.drop_from(th, at);
                        self.heap.dec(recv);
                        th.os.push(r);
                        if out_of_budget {
                            return Step::Exit(Exit::Budget);
                        }
                        Step::Frame
                    }
                    Err(Fail::Throw(x)) => {
                        self.drop_from(th, at);
                        self.heap.dec(recv);
                        Step::Raise(x)
                    }
                    Err(Fail::Block(w)) => {
                        // Put the receiver back and step back onto the call,
                        // so that it runs again when the wait is over.
                        th.os.insert(at, recv);
                        let fr = th.frames.last_mut().expect("running frame");
                        fr.pc -= 1;
                        Step::Exit(Exit::Block(w))
                    }
                }
            }
            Callee::Missing => {
                th.os.insert(at, recv);
                let cname = self.heap.class_name(cls);
                let x = if recv.is_null() {
                    self.exception(&format!("method {ord} called on null"))
                } else {
                    self.exception(&format!("{cname} has no method with ordinal {ord}"))
                };
                Step::Raise(x)
            }
        }
    }

    /// Calls a native with the arguments at `th.os[at..]`, copied out
    /// because the native gets the thread (and its stacks) too.
    #[inline]
    fn call_native(&mut self, th: &mut Thread, f: Native, this: Ref, at: usize) -> NResult {
        let n = th.os.len() - at;
        let mut small = [Ref::NULL; 4];
        let big: alloc::vec::Vec<Ref>;
        let args: &[Ref] = if n <= small.len() {
            small[..n].copy_from_slice(&th.os[at..]);
            &small[..n]
        } else {
            big = th.os[at..].to_vec();
            &big
        };
        f(self, th, this, args)
    }

    /// Pops the object stack down to `at`, releasing what it held.
    fn drop_from(&mut self, th: &mut Thread, at: usize) {
        // (A loop and a truncate: `drain` costs more for the few slots a
        // frame leaves.)
        for &x in &th.os[at..] {
            self.heap.dec(x);
        }
        th.os.truncate(at);
    }

    /// Pops the top frame, releasing what its stacks hold.
    pub(crate) fn pop_frame(&mut self, th: &mut Thread) {
        let fr = th.frames.pop().expect("a frame to pop");
        self.drop_from(th, fr.os_base as usize);
        th.is.truncate(fr.is_base as usize);
        let es = fr.es_base as usize;
        if th.es.len() > es {
            for c in &th.es[es..] {
                self.heap.dec(c.class);
            }
            th.es.truncate(es);
        }
        self.heap.dec(fr.this);
    }

    /// Raises `x` (owned) in the top frame of `th`: continues at the
    /// innermost catcher that matches, or unwinds the whole thread.
    fn raise(&mut self, th: &mut Thread, x: Ref) -> Result<(), Exit> {
        let xc = self.heap.class_of(x);
        let mut found = None;
        let mut end = th.es.len();
        'search: for fi in (0..th.frames.len()).rev() {
            let start = th.frames[fi].es_base as usize;
            for ci in (start..end).rev() {
                if self.heap.is_subclass(xc, th.es[ci].class) {
                    found = Some((fi, ci));
                    break 'search;
                }
            }
            end = start;
        }
        let Some((fi, ci)) = found else {
            let bt = self.backtrace(th);
            while !th.frames.is_empty() {
                self.pop_frame(th);
            }
            return Err(Exit::Uncaught(x, bt));
        };
        while th.frames.len() > fi + 1 {
            self.pop_frame(th);
        }
        // Catching pops the catcher and trims the stacks back to where
        // they were when it was pushed (the original did neither).
        let c = th.es[ci];
        for k in th.es.drain(ci..) {
            self.heap.dec(k.class);
        }
        // The code may have popped below those depths before throwing: the
        // missing slots come back as null and 0, so that the catch code
        // finds the depths the verifier checked it against.
        if th.os.len() < c.os as usize {
            th.os.resize(c.os as usize, Ref::NULL);
        }
        self.drop_from(th, c.os as usize);
        th.is.resize(c.is as usize, 0);
        th.os.push(x);
        th.frames.last_mut().expect("catching frame").pc = c.target;
        Ok(())
    }

    /// A readable backtrace of `th`, innermost frame first.
    pub fn backtrace(&mut self, th: &Thread) -> String {
        let mut s = String::new();
        for fr in th.frames.iter().rev() {
            let m = &self.methods[fr.method as usize];
            let pc = fr.pc.saturating_sub(1) as usize;
            let line = m
                .line_of(pc)
                .map(|l| format!(", line {l}"))
                .unwrap_or_default();
            let ip = m.ips.get(pc).copied().unwrap_or(0);
            s.push_str(&format!(
                "    at {}.{} (ordinal {}, offset {ip}{line})\n",
                m.class_name, m.name, m.ordinal
            ));
        }
        s
    }

    /// A short description of an object for messages.
    pub fn describe(&mut self, r: Ref) -> String {
        if r.is_null() {
            return String::from("null");
        }
        let cls = self.heap.class_of(r);
        if self.heap.flags(r) & F::IS_CLASS != 0 {
            return format!("class {}", self.heap.class_name(r));
        }
        format!("an object of {}", self.heap.class_name(cls))
    }

    /// Whether `obj`'s class is `cls` or a subclass.
    pub fn is_instance(&self, obj: Ref, cls: Ref) -> bool {
        if obj.is_null() || cls.is_null() {
            return false;
        }
        self.heap.is_subclass(self.heap.class_of(obj), cls)
    }

    fn field_ref(&mut self, this: Ref, f: u32) -> Result<Ref, String> {
        if this.is_null() {
            return Err(String::from("field access on null"));
        }
        let fl = self.heap.flags(this);
        if fl & F::IS_INTERNAL != 0 {
            if fl & F::IS_RESIZEABLE != 0 {
                return Ok(self.array_get(this, f));
            }
            let d = self.describe(this);
            return Err(format!("field access on internal object {d}"));
        }
        if f >= self.heap.size(this) {
            return Err(format!("field {f} out of range"));
        }
        Ok(self.heap.get_ref(this, f))
    }

    fn store_field(&mut self, this: Ref, f: u32, v: Ref) -> Result<(), String> {
        let fl = if this.is_null() {
            0
        } else {
            self.heap.flags(this)
        };
        let bad = if this.is_null() {
            Some(String::from("field store on null"))
        } else if fl & F::IS_IMMUTABLE != 0 {
            Some(String::from("store into an immutable object"))
        } else if fl & F::IS_INTERNAL != 0 && fl & F::IS_RESIZEABLE == 0 {
            Some(format!(
                "field store on internal object {}",
                self.describe(this)
            ))
        } else if fl & F::IS_RESIZEABLE == 0 && f >= self.heap.size(this) {
            Some(format!("field {f} out of range"))
        } else {
            None
        };
        if let Some(e) = bad {
            self.heap.dec(v);
            return Err(e);
        }
        if fl & F::IS_RESIZEABLE != 0 {
            return self
                .array_set(this, f, v)
                .map_err(|_| String::from("out of memory"));
        }
        self.heap.put_ref(this, f, v);
        Ok(())
    }

    /// The numeric value of a boxed number, converted to kind `k` (as raw
    /// bits: one cell for int/float, two for long/double).
    pub fn unbox(&self, o: Ref, k: NumKind) -> Result<u64, String> {
        let id = self.sys_of(o);
        let v = match id {
            Some(sys::INT) => Num::I(self.heap.get(o, 0) as i32 as i64),
            Some(sys::LONG) => Num::I(self.heap.get64(o, 0) as i64),
            Some(sys::FLOAT) => Num::F(f64::from(f32::from_bits(self.heap.get(o, 0)))),
            Some(sys::DOUBLE) => Num::F(f64::from_bits(self.heap.get64(o, 0))),
            _ => {
                let what = if o.is_null() {
                    String::from("null")
                } else {
                    format!(
                        "an object of {}",
                        self.heap.class_name(self.heap.class_of(o))
                    )
                };
                return Err(format!("type assert failed: {what} is not a number"));
            }
        };
        Ok(v.to(k))
    }

    /// Runs method `ord` of `obj` to completion on a temporary thread and
    /// returns its result (owned). Arguments are owned references.
    pub fn call_sync(&mut self, obj: Ref, ord: u32, args: &[Ref]) -> Result<Ref, Ref> {
        let mut th = Thread::new(u32::MAX, Ref::NULL);
        self.heap.inc(obj);
        self.push_call(&mut th, obj, ord, args)?;
        loop {
            match self.run(&mut th, u32::MAX) {
                Exit::Budget => {}
                Exit::Done => return Ok(core::mem::take(&mut th.result)),
                Exit::Uncaught(x, _) => return Err(x),
                Exit::Block(_) => {
                    while !th.frames.is_empty() {
                        self.pop_frame(&mut th);
                    }
                    return Err(
                        self.exception("a method called synchronously by the VM tried to block")
                    );
                }
            }
        }
    }

    fn find_method_by_name(&mut self, cls: Ref, name: &str) -> Option<u32> {
        let i = self.rt(cls);
        self.classes[i]
            .method_names
            .iter()
            .position(|n| n == name)
            .map(|p| p as u32)
    }
}

/// A number of any kind, for conversions.
#[derive(Clone, Copy)]
enum Num {
    I(i64),
    F(f64),
}

impl Num {
    fn to(self, k: NumKind) -> u64 {
        match (self, k) {
            (Num::I(v), NumKind::Int) => v as i32 as u32 as u64,
            (Num::I(v), NumKind::Long) => v as u64,
            (Num::I(v), NumKind::Float) => (v as f32).to_bits() as u64,
            (Num::I(v), NumKind::Double) => (v as f64).to_bits(),
            (Num::F(v), NumKind::Int) => v as i32 as u32 as u64,
            (Num::F(v), NumKind::Long) => v as i64 as u64,
            (Num::F(v), NumKind::Float) => (v as f32).to_bits() as u64,
            (Num::F(v), NumKind::Double) => v.to_bits(),
        }
    }
}

fn pop_num(th: &mut Thread, k: NumKind) -> Num {
    match k {
        NumKind::Int => Num::I(th.is.pop().unwrap_or(0) as i32 as i64),
        NumKind::Float => Num::F(f64::from(f32::from_bits(th.is.pop().unwrap_or(0)))),
        NumKind::Long | NumKind::Double => {
            let lo = th.is.pop().unwrap_or(0);
            let hi = th.is.pop().unwrap_or(0);
            let bits = (u64::from(hi) << 32) | u64::from(lo);
            if k == NumKind::Long {
                Num::I(bits as i64)
            } else {
                Num::F(f64::from_bits(bits))
            }
        }
    }
}

fn push_bits(th: &mut Thread, k: NumKind, bits: u64) {
    if k.cells() == 1 {
        th.is.push(bits as u32);
    } else {
        th.is.push((bits >> 32) as u32);
        th.is.push(bits as u32);
    }
}

fn convert(th: &mut Thread, from: NumKind, to: NumKind) {
    let v = pop_num(th, from);
    push_bits(th, to, v.to(to));
}

/// Arithmetic of any kind on the integer stack.
fn arith(th: &mut Thread, k: NumKind, op: ArithOp) -> Result<(), &'static str> {
    use ArithOp::*;
    if matches!(op, Shl | Shr | Ushr) {
        let v = pop_num(th, k);
        let c = th.is.pop().unwrap_or(0);
        let Num::I(v) = v else {
            return Err("invalid float/double op");
        };
        let r = match (k, op) {
            (NumKind::Int, Shl) => (v as i32).wrapping_shl(c) as i64,
            (NumKind::Int, Shr) => (v as i32).wrapping_shr(c) as i64,
            (NumKind::Int, _) => (v as u32).wrapping_shr(c) as i32 as i64,
            (_, Shl) => v.wrapping_shl(c),
            (_, Shr) => v.wrapping_shr(c),
            _ => (v as u64).wrapping_shr(c) as i64,
        };
        push_bits(th, k, Num::I(r).to(k));
        return Ok(());
    }
    let (a, b) = if op.is_unary() {
        (pop_num(th, k), Num::I(0))
    } else {
        let b = pop_num(th, k);
        (pop_num(th, k), b)
    };
    match (a, b) {
        (Num::I(a), Num::I(b)) => {
            let int = k == NumKind::Int;
            let wrap = |v: i64| if int { v as i32 as i64 } else { v };
            let (a, b) = (wrap(a), wrap(b));
            let zero = || Err("division by zero");
            let r: i64 = match op {
                Add => a.wrapping_add(b),
                Mul => a.wrapping_mul(b),
                SubLu => a.wrapping_sub(b),
                SubUl => b.wrapping_sub(a),
                DivLu | RemLu if b == 0 => return zero(),
                DivUl | RemUl if a == 0 => return zero(),
                DivLu if int => (a as i32).wrapping_div(b as i32) as i64,
                RemLu if int => (a as i32).wrapping_rem(b as i32) as i64,
                DivUl if int => (b as i32).wrapping_div(a as i32) as i64,
                RemUl if int => (b as i32).wrapping_rem(a as i32) as i64,
                DivLu => a.wrapping_div(b),
                RemLu => a.wrapping_rem(b),
                DivUl => b.wrapping_div(a),
                RemUl => b.wrapping_rem(a),
                Or => a | b,
                And => a & b,
                Xor => a ^ b,
                Not => !a,
                LogOr => (a != 0 || b != 0) as i64,
                LogAnd => (a != 0 && b != 0) as i64,
                LogXor => ((a != 0) != (b != 0)) as i64,
                LogNot => (a == 0) as i64,
                Ge => (a >= b) as i64,
                Le => (a <= b) as i64,
                Gt => (a > b) as i64,
                Lt => (a < b) as i64,
                Shl | Shr | Ushr => unreachable!("handled above"),
            };
            if op.yields_int() {
                th.is.push(r as u32);
            } else {
                push_bits(th, k, Num::I(r).to(k));
            }
        }
        (a, b) => {
            let f = |n: Num| match n {
                Num::F(x) => x,
                Num::I(x) => x as f64,
            };
            let (a, b) = (f(a), f(b));
            let r = match op {
                Add => a + b,
                Mul => a * b,
                SubLu => a - b,
                SubUl => b - a,
                DivLu => a / b,
                DivUl => b / a,
                RemLu => a % b,
                RemUl => b % a,
                Ge | Le | Gt | Lt => {
                    let c = match op {
                        Ge => a >= b,
                        Le => a <= b,
                        Gt => a > b,
                        _ => a < b,
                    };
                    th.is.push(c as u32);
                    return Ok(());
                }
                _ => return Err("invalid float/double op"),
            };
            // Single-precision results are rounded to float.
            push_bits(th, k, Num::F(r).to(k));
        }
    }
    Ok(())
}
