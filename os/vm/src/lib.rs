//! The Phantom virtual machine core.
//!
//! `no_std + alloc`, so that the hosted runtime (`phantom`) and the
//! bare-metal kernel run the same VM. The platform — console, clock, class
//! path, threads — is behind [`vm::Host`] and the scheduler that calls
//! [`vm::Vm::run`].
//!
//! * [`heap`]: the object memory (one region of 32-bit cells; reference
//!   counting plus mark/sweep).
//! * [`object`]: object layouts and the table of internal classes.
//! * [`code`]: bytecode decoded into prepared instructions, and the verifier.
//! * [`vm`]: class loading, the boot state, threads.
//! * [`interp`]: the interpreter loop, calls and exceptions.
//! * [`native`]: the native methods of the internal classes.
//! * [`thread`]: frames and stacks of one VM thread.
//! * [`persist`]: thread state saved into the object memory for snapshots.
//! * `jit` (feature `jit`): tiered execution, hot methods compiled by the
//!   `jit` crate, and the runtime services compiled code calls.
//!
//! Hosts find class files in directories and archives with
//! `classfile::path::ClassDirs`, which also answers
//! [`vm::Host::class_names_ignoring_case`].

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub mod code;
pub mod heap;
pub mod interp;
#[cfg(feature = "jit")]
pub mod jit;
pub mod native;
pub mod object;
pub mod persist;
pub mod thread;
pub mod vm;

pub use heap::Ref;
pub use interp::Exit;
pub use vm::{Host, Vm};
