//! The interface between compiled code and the VM: the context struct the
//! VM fills before it calls a compiled method, the runtime services
//! compiled code calls back, and the status it returns.
//!
//! Everything here is `#[repr(C)]` and passed by raw pointer: compiled code
//! reads and writes the fields at fixed offsets (see [`offsets`]).

use alloc::format;
use alloc::string::String;
use core::ffi::c_void;

/// A runtime service with no result: `inc_ref`, `dec_ref`.
pub type RefFn = unsafe extern "C" fn(ctx: *mut Ctx, r: u32);
/// A runtime service that can fail: returns `0` to let compiled code go on,
/// or a [`Status`] (as `u32`) that compiled code returns at once.
pub type ServiceFn0 = unsafe extern "C" fn(ctx: *mut Ctx) -> u32;
/// As [`ServiceFn0`], with one argument.
pub type ServiceFn1 = unsafe extern "C" fn(ctx: *mut Ctx, a: u32) -> u32;
/// As [`ServiceFn0`], with two arguments.
pub type ServiceFn2 = unsafe extern "C" fn(ctx: *mut Ctx, a: u32, b: u32) -> u32;
/// As [`ServiceFn0`], with three arguments.
pub type ServiceFn3 = unsafe extern "C" fn(ctx: *mut Ctx, a: u32, b: u32, c: u32) -> u32;

/// The signature of every compiled method: runs the frame described by
/// `ctx` from `ctx.pc` and returns a [`Status`] as `u32`.
pub type EntryFn = unsafe extern "C" fn(ctx: *mut Ctx) -> u32;

/// The runtime services, one function pointer each. The VM makes one table
/// (it does not change while compiled code runs) and points
/// [`Ctx::rt`] at it.
///
/// Every service gets the context first. Before calling any service that
/// can fail ([`Runtime::box_int`], [`Runtime::unbox_int`],
/// [`Runtime::call`], [`Runtime::static_invoke`], [`Runtime::fault`]),
/// compiled code has *flushed*: the frame's integer cells are in memory,
/// [`Ctx::is_len`] and [`Ctx::os_len`] are the interpreter's depths for
/// that point and [`Ctx::pc`] is the interpreter's program counter there
/// (the index of the next instruction). So the service sees exactly the
/// state the interpreter would have, and if it returns a non-zero status
/// the VM can go on with the frame in the interpreter from `ctx.pc`.
///
/// A service may move the thread's stacks (grow their vectors): it must
/// then update [`Ctx::os`] and [`Ctx::is`]; compiled code reloads both
/// after every service call.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Runtime {
    /// Takes a reference to `r` (never called with null). Must not touch
    /// the thread's stacks, throw or collect. (Compiled code counts
    /// references inline, through [`Ctx::heap`]; the table keeps the
    /// service for callers that do not.)
    pub inc_ref: RefFn,
    /// Releases a reference to `r` (never called with null); may free it.
    /// Must not touch the thread's stacks, throw or collect. Compiled code
    /// calls it only for the last reference (count 1), to free.
    pub dec_ref: RefFn,
    /// `i2o` for an int: boxes the argument (an `i32`) and pushes the new
    /// object on the object stack (`os[os_len]`, then `os_len += 1`).
    /// Returns 0, or [`Status::Threw`] with the exception (out of memory)
    /// in [`Ctx::exception`]. The int was already popped (as the
    /// interpreter pops it before boxing).
    pub box_int: ServiceFn1,
    /// `o2i` for an int: pops the object on top of the object stack
    /// (releasing it) and pushes its int value on the integer stack
    /// (`is[is_len]`, then `is_len += 1`); or throws as the interpreter
    /// does ("type assert failed: ...", object popped and released).
    pub unbox_int: ServiceFn0,
    /// `call ord nargs`: the receiver and `nargs` arguments are on top of
    /// the object stack and `ctx.pc` is the instruction after the call.
    /// The service counts the call against [`Ctx::budget`] as the
    /// interpreter does and either
    /// - runs the callee to completion, leaves its result in place of the
    ///   receiver and arguments (`os_len -= nargs`) and returns 0, or
    ///   returns [`Status::Yield`] in that same state when the budget ran
    ///   out; or
    /// - pushes an interpreter frame for the callee (or makes the thread
    ///   wait) and returns [`Status::Suspended`]: compiled code returns, and
    ///   the VM later resumes this frame at `ctx.pc` (in the interpreter, or
    ///   by calling the compiled code again: the pc after a call is a
    ///   resume point); or
    /// - returns [`Status::Threw`] as the interpreter would raise.
    pub call: ServiceFn2,
    /// `static_invoke ord nargs`: as [`Runtime::call`], with the stack
    /// `a1..an this class` (`os_len -= nargs + 1` on completion).
    pub static_invoke: ServiceFn2,
    /// Raises a [`Fault`] (`fault`, with its two arguments) as the
    /// interpreter would: makes the exception, stores it in
    /// [`Ctx::exception`] and returns [`Status::Threw`].
    pub fault: ServiceFn3,
    /// Runs the one instruction at [`Ctx::pc`] as the interpreter does,
    /// for the ops compiled code does not lower itself (fields, `new`,
    /// strings and constants, class summons, catchers and `throw`, float
    /// and double arithmetic, `sys`, …). Compiled code flushed before the
    /// call and reloads the integer cells the op may have written after
    /// it. Returns 0 with [`Ctx::os_len`], [`Ctx::is_len`] and the stack
    /// pointers updated; or [`Status::Threw`] (the frame in the
    /// interpreter's form at [`Ctx::pc`], one past the op); or
    /// [`Status::Suspended`] (the op pushed a frame or blocked: the VM
    /// goes on from the thread's state).
    pub step: ServiceFn0,
    /// `i2o` of an int followed by `call 10 1` (the index operator): the
    /// int (already popped) indexes the receiver on top of the object
    /// stack. For an array the service replaces the receiver by the
    /// element; otherwise it boxes the int and makes the call, as the
    /// two ops would. [`Ctx::pc`] is after the call; returns as
    /// [`Runtime::call`].
    pub array_get: ServiceFn1,
    /// `i2o` of an int followed by `call 11 2` (indexed store): receiver
    /// and value on the object stack, the int (already popped) the index;
    /// as [`Runtime::array_get`], the value replaces both.
    pub array_set: ServiceFn1,
    /// `call 10 1` followed by `os_set p` (`s = s.concat(x)` and the
    /// like): if the receiver is an unshared string held by slot `p`, the
    /// service appends in place, pops both and returns [`CONCAT_SET_DONE`]
    /// (compiled code goes on after the `os_set`); otherwise it makes the
    /// call as [`Runtime::call`] does (0: go on with the `os_set`).
    /// [`Ctx::pc`] is after the call.
    pub concat_set: ServiceFn1,
    /// `new`: pops the class on top of the object stack and pushes a new
    /// instance of it (no constructor runs), as the interpreter does;
    /// returns 0, or [`Status::Threw`] (not a class, out of memory).
    pub new_object: ServiceFn0,
}

/// What [`Runtime::concat_set`] returns when it did the `os_set` too.
pub const CONCAT_SET_DONE: u32 = 0x100;

/// The state of one frame, shared by the VM and compiled code. The VM fills
/// it before calling a compiled method and reads it back after.
///
/// The object and integer stacks are the thread's own, in the
/// interpreter's layout: [`Ctx::os`] points at the frame's first object
/// slot (`th.os[frame.os_base]`), [`Ctx::is`] at its first integer cell
/// (`th.is[frame.is_base]`, the argument count that `enter` pushed). Room
/// for the method's deepest stacks ([`crate::Compiled::max_os`],
/// [`crate::Compiled::max_is`] cells from the base) must be reserved
/// before the call, as the interpreter reserves its verified maxima:
/// compiled code writes there without checking.
#[repr(C)]
pub struct Ctx {
    /// Object stack of the frame: 32-bit references, slot 0 first.
    pub os: *mut u32,
    /// Integer stack of the frame: 32-bit cells, cell 0 first (long and
    /// double: high word, then low word).
    pub is: *mut u32,
    /// The VM, for the runtime services (compiled code never reads it).
    pub vm: *mut c_void,
    /// The runtime services.
    pub rt: *const Runtime,
    /// Safepoint budget, as the interpreter's: each backward jump
    /// subtracts one and stops the method (with [`Status::Yield`]) when it
    /// reaches zero or less. Calls count in [`Runtime::call`].
    pub budget: i64,
    /// Objects on the frame's stack (in memory; valid whenever compiled
    /// code calls a service or returns).
    pub os_len: u32,
    /// Integer cells of the frame's stack (in memory: valid whenever
    /// compiled code calls a fallible service or returns, other than
    /// with [`Status::Returned`]).
    pub is_len: u32,
    /// `this` of the frame (a borrowed reference).
    pub this: u32,
    /// Program counter in instruction indices (pseudo-ops not counted), as
    /// the interpreter's `Frame::pc`: on entry, where to start (0 or a
    /// resume point of [`crate::Compiled::resume_pcs`]); on exit, where the
    /// interpreter goes on (for [`Status::Threw`], one past the instruction
    /// that threw, as the interpreter saves it).
    pub pc: u32,
    /// Non-zero asks compiled code to stop at its next backward jump
    /// (checked with the budget): the VM sets it when a collection is due
    /// (the interpreter's `gc_due`) or another thread needs this one
    /// stopped.
    pub stop: u32,
    /// On [`Status::Returned`]: the result (owned; null is 0), taken off
    /// the object stack.
    pub result: u32,
    /// On [`Status::Threw`]: the exception (owned), set by the service that
    /// threw.
    pub exception: u32,
    /// The object memory, for the inline fast paths (see [`layout`]):
    /// cell 0 of the VM's region. Compiled code reads it again after every
    /// service call.
    pub heap: *mut u32,
    /// The class of boxed ints (`.internal.int`).
    pub int_class: u32,
    /// The first shared boxed int (the object boxing `int_cache_min`), or
    /// 0 if the VM shares none.
    pub int_cache: u32,
    /// The smallest int with a shared box.
    pub int_cache_min: i32,
    /// The largest int with a shared box.
    pub int_cache_max: i32,
    /// Cells between two consecutive shared boxes.
    pub int_cache_stride: u32,
    /// The class of arrays (`.internal.container.array`), whose elements
    /// compiled code reads and writes inline (see [`layout::ARRAY_PAGE`]).
    pub array_class: u32,
    /// The method's site caches: [`crate::Compiled::sites`] cells, zero
    /// when the VM first gives them, owned by the VM with the code (never
    /// in the persistent image). A class summon remembers the class it
    /// found in its cell, so later runs of it need not ask the VM.
    pub sites: *mut u32,
}

/// How objects lie in the object memory, as far as compiled code looks
/// into them (reference counts and boxed ints; everything else goes
/// through services). The VM's heap must match (it checks at compile
/// time). A reference `r` is a cell index into [`Ctx::heap`]; 0 is null.
pub mod layout {
    /// Cell `r + CLASS` holds the object's class.
    pub const CLASS: u32 = 0;
    /// Cell `r + RC` holds its reference count.
    pub const RC: u32 = 1;
    /// A reference count that never changes (shared objects).
    pub const SATURATED: u32 = u32::MAX;
    /// Cell `r + FLAGS` holds its flags (bits 0-15).
    pub const FLAGS: u32 = 2;
    /// Cell `r + SIZE` holds its number of data cells.
    pub const SIZE: u32 = 3;
    /// Cell `r + DATA` is its first data cell (a boxed int's value, an
    /// ordinary object's first field).
    pub const DATA: u32 = 4;
    /// Flag: the data cells are the VM's own (arrays, strings, ...), not
    /// fields: field access goes through the VM.
    pub const INTERNAL: u32 = 0x80;
    /// Flag: stores into the object are refused.
    pub const IMMUTABLE: u32 = 0x2000;
    /// Flag: an array (its data cells are elements; stores may grow it).
    pub const RESIZEABLE: u32 = 0x40;
    /// Data cell of an array holding its page: an object whose data
    /// cells are the elements (as many as the page's size, the capacity).
    pub const ARRAY_PAGE: u32 = 0;
    /// Data cell of an array holding its length (at most the capacity).
    pub const ARRAY_LEN: u32 = 1;
}

/// Byte offsets of the [`Ctx`] and [`Runtime`] fields compiled code uses.
pub mod offsets {
    use super::{Ctx, Runtime};
    use core::mem::offset_of;
    #[allow(missing_docs)]
    pub const OS: i32 = offset_of!(Ctx, os) as i32;
    #[allow(missing_docs)]
    pub const IS: i32 = offset_of!(Ctx, is) as i32;
    #[allow(missing_docs)]
    pub const RT: i32 = offset_of!(Ctx, rt) as i32;
    #[allow(missing_docs)]
    pub const BUDGET: i32 = offset_of!(Ctx, budget) as i32;
    #[allow(missing_docs)]
    pub const OS_LEN: i32 = offset_of!(Ctx, os_len) as i32;
    #[allow(missing_docs)]
    pub const IS_LEN: i32 = offset_of!(Ctx, is_len) as i32;
    #[allow(missing_docs)]
    pub const THIS: i32 = offset_of!(Ctx, this) as i32;
    #[allow(missing_docs)]
    pub const PC: i32 = offset_of!(Ctx, pc) as i32;
    #[allow(missing_docs)]
    pub const STOP: i32 = offset_of!(Ctx, stop) as i32;
    #[allow(missing_docs)]
    pub const RESULT: i32 = offset_of!(Ctx, result) as i32;
    #[allow(missing_docs)]
    pub const HEAP: i32 = offset_of!(Ctx, heap) as i32;
    #[allow(missing_docs)]
    pub const INT_CLASS: i32 = offset_of!(Ctx, int_class) as i32;
    #[allow(missing_docs)]
    pub const INT_CACHE: i32 = offset_of!(Ctx, int_cache) as i32;
    #[allow(missing_docs)]
    pub const INT_CACHE_MIN: i32 = offset_of!(Ctx, int_cache_min) as i32;
    #[allow(missing_docs)]
    pub const INT_CACHE_MAX: i32 = offset_of!(Ctx, int_cache_max) as i32;
    #[allow(missing_docs)]
    pub const INT_CACHE_STRIDE: i32 = offset_of!(Ctx, int_cache_stride) as i32;
    #[allow(missing_docs)]
    pub const ARRAY_CLASS: i32 = offset_of!(Ctx, array_class) as i32;
    #[allow(missing_docs)]
    pub const SITES: i32 = offset_of!(Ctx, sites) as i32;
    #[allow(missing_docs)]
    pub const INC_REF: i32 = offset_of!(Runtime, inc_ref) as i32;
    #[allow(missing_docs)]
    pub const DEC_REF: i32 = offset_of!(Runtime, dec_ref) as i32;
    #[allow(missing_docs)]
    pub const BOX_INT: i32 = offset_of!(Runtime, box_int) as i32;
    #[allow(missing_docs)]
    pub const UNBOX_INT: i32 = offset_of!(Runtime, unbox_int) as i32;
    #[allow(missing_docs)]
    pub const CALL: i32 = offset_of!(Runtime, call) as i32;
    #[allow(missing_docs)]
    pub const STATIC_INVOKE: i32 = offset_of!(Runtime, static_invoke) as i32;
    #[allow(missing_docs)]
    pub const FAULT: i32 = offset_of!(Runtime, fault) as i32;
    #[allow(missing_docs)]
    pub const STEP: i32 = offset_of!(Runtime, step) as i32;
    #[allow(missing_docs)]
    pub const ARRAY_GET: i32 = offset_of!(Runtime, array_get) as i32;
    #[allow(missing_docs)]
    pub const ARRAY_SET: i32 = offset_of!(Runtime, array_set) as i32;
    #[allow(missing_docs)]
    pub const CONCAT_SET: i32 = offset_of!(Runtime, concat_set) as i32;
    #[allow(missing_docs)]
    pub const NEW_OBJECT: i32 = offset_of!(Runtime, new_object) as i32;
}

/// Why compiled code returned. In every case but [`Status::Returned`] the
/// frame is in the interpreter's form at [`Ctx::pc`].
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The method executed `ret`: the result is in [`Ctx::result`] and the
    /// VM pops the frame as the interpreter does.
    Returned = 1,
    /// An exception is in [`Ctx::exception`]; the VM raises it.
    Threw = 2,
    /// The budget ran out or [`Ctx::stop`] was set at a backward jump (or
    /// a call service said so): the interpreter's `Exit::Budget`.
    Yield = 3,
    /// A call service pushed a frame or blocked; resume this frame at
    /// [`Ctx::pc`] later.
    Suspended = 4,
    /// The method was entered at a pc that is not a resume point.
    BadEntry = 5,
}

impl Status {
    /// The status with this code, if any.
    pub fn from_u32(v: u32) -> Option<Status> {
        Some(match v {
            1 => Status::Returned,
            2 => Status::Threw,
            3 => Status::Yield,
            4 => Status::Suspended,
            5 => Status::BadEntry,
            _ => return None,
        })
    }
}

/// Errors compiled code raises through [`Runtime::fault`].
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Integer or long division or remainder by zero (no arguments).
    DivisionByZero = 1,
    /// `arg_count n` found another count: arguments (n, count).
    ArgCount = 2,
}

impl Fault {
    /// The fault with this code, if any.
    pub fn from_u32(v: u32) -> Option<Fault> {
        match v {
            1 => Some(Fault::DivisionByZero),
            2 => Some(Fault::ArgCount),
            _ => None,
        }
    }

    /// The exception text, exactly as the interpreter words it (`method`
    /// is the method's name).
    pub fn message(self, a: u32, b: u32, method: &str) -> String {
        match self {
            Fault::DivisionByZero => String::from("division by zero"),
            Fault::ArgCount => format!("invalid arg count: {method} takes {a}, got {b}"),
        }
    }
}
