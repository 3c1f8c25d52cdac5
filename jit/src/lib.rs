//! A Cranelift JIT for Phantom methods.
//!
//! See `docs/jit.md` for the design; in short:
//!
//! * **Input**: a method as the shared IR's linear two-stack code
//!   ([`ir::code::Code`], decoded from the class file's bytecode), so the
//!   same path serves every front end and runs inside the kernel. Data
//!   flows one way: `ir` → `jit`; this crate does not depend on the VM.
//! * **Output**: x86-64 machine code ([`Compiled`]), loaded into executable
//!   memory by the crate's own loader ([`loader::load`]) from a
//!   caller-supplied allocator ([`loader::ExecAlloc`]; W^X; with the `std`
//!   feature, [`loader::MmapAlloc`] over `mmap`/`mprotect`).
//! * **Interface**: every compiled method is
//!   `extern "C" fn(*mut Ctx) -> u32` (a [`Status`]). The VM fills the
//!   `#[repr(C)]` [`Ctx`] (pointers to the frame's object and integer
//!   stacks in the thread's own stacks, depths, `this`, pc, safepoint
//!   budget and stop flag, the VM pointer) and the [`Runtime`] table of
//!   services compiled code calls (reference counting, boxing, calls,
//!   raising faults).
//!
//! ## The frame contract (deoptimisation at every exit)
//!
//! The VM's frame state is two stacks per thread (object stack of 32-bit
//! references with reference counting; integer stack of 32-bit cells,
//! long/double taking two, high word first) plus a frame (method, this,
//! pc, bases). Compiled code works directly on those stacks:
//!
//! * the **object stack** always lives in memory (it holds GC roots);
//!   depths are known statically, so only [`Ctx::os_len`] is written, and
//!   only when it matters (see below);
//! * the **integer stack** of the frame (locals and temporaries alike) is
//!   kept in SSA variables, one per cell: integers stay unboxed in
//!   registers between safepoints and are written back (*flushed*) only
//!   on the way out.
//!
//! At every point where control can leave compiled code — a backward jump
//! whose safepoint poll says stop, every call of a runtime service that
//! can throw, block, call or collect, and `ret` — the code first writes
//! back the interpreter's exact state for that bytecode boundary: the
//! integer cells `0..depth`, [`Ctx::is_len`], [`Ctx::os_len`] and
//! [`Ctx::pc`] (the interpreter's `Frame::pc`: the next instruction to
//! run). The VM can then go on with the frame in the interpreter, or call
//! the compiled code again at a *resume point* ([`Compiled::resume_pcs`]:
//! pc 0, backward-jump targets, the instruction after each call), where it
//! reloads the cells from memory. Every frame is therefore always an
//! interpreter frame; machine code, and anything pointing into it, stays
//! outside the persistent image (the VM keeps [`loader::Loaded`] in its
//! transient state and recompiles after a restart).
//!
//! Safepoints are where the interpreter has them: each backward jump
//! (a jump to an instruction at or before the next one) subtracts one
//! from [`Ctx::budget`] and stops with [`Status::Yield`] at the target
//! when the budget is at most zero or [`Ctx::stop`] is set; calls count in
//! the call service.
//!
//! ## Supported subset
//!
//! Any other op makes [`Jit::compile`] return
//! [`CompileError::Unsupported`] naming the op, and the VM keeps
//! interpreting the method. Supported:
//!
//! * control: `nop`, `debug`, `jmp`, `jz`, `djnz`, `switch`, `ret`,
//!   `arg_count`, `stack_reserve`;
//! * integer stack: constants of every kind (as bits), `is_get`,
//!   `is_set`, `is_dup`, `is_drop` of every kind;
//! * int and long arithmetic, every [`ir::code::ArithOp`], with the
//!   interpreter's wrap-around, shifts masked to the width, and
//!   "division by zero" faults; int ↔ long conversion;
//! * object stack: `os_get`, `os_set`, `os_dup`, `os_drop`, `os_pull`,
//!   `summon_this`, `summon_null`, `os_eq`, `os_neq`, `os_isnull`,
//!   `general_lock`/`general_unlock`, with the reference counting the
//!   interpreter does (inline null checks, `inc_ref`/`dec_ref` services);
//! * `i2o`/`o2i` for int (services);
//! * `call` by ordinal and `static_invoke` (services).
//!
//! Not yet: catchers and `throw`, fields, `new`, strings, constants from
//! the pool, class summons, float/double arithmetic and conversions,
//! `dynamic_invoke`, `sys`, `cast`, the VM's fused array fast paths.
//!
//! ## `no_std`
//!
//! The crate is `no_std + alloc` without its default `std` feature
//! (Cranelift's `core` feature, x86-64 back end only); `std` adds the
//! `mmap` allocator.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub mod loader;
mod lower;
pub mod runtime;

pub use lower::{compile, CompileError, Compiled, Jit, Reloc};
pub use runtime::{Ctx, EntryFn, Fault, Runtime, Status, CONCAT_SET_DONE};

#[cfg(test)]
mod tests;
