//! The shared intermediate representation of the Phantom toolchain.
//!
//! Every front end (Phantom language, JVM class files, Python) produces it and
//! every back end (bytecode class files, listings, the Cranelift JIT) consumes
//! it. It is `no_std + alloc`, so the kernel can rebuild it from loaded class
//! files for its JIT.
//!
//! The IR has three layers, from the outside in:
//!
//! * [`class`]: a class as the VM sees it — name, parent, field and method
//!   slots (ordinals), constant pool. [`class::ClassInfo`] is the interface
//!   half (what an importer needs); [`class::Class`] adds method bodies.
//! * [`tree`]: a method body as a typed, fully resolved expression tree. Every
//!   node knows its static [`types::Type`] and on which operand stack its
//!   value lives; stack moves (boxing, unboxing, numeric conversions) are
//!   explicit nodes, so a back end never has to infer them.
//! * [`code`]: a method body as linear two-stack code ([`code::Op`]) with
//!   symbolic labels. It is exactly as expressive as Phantom bytecode but has
//!   one canonical form per instruction (no short encodings, no prefix
//!   bytes). The bytecode encoder/decoder in the `classfile` crate maps it to
//!   and from bytes, and the JIT compiles it.
//!
//! Data flows one way: front end → [`tree`] → (codegen) → [`code`] → bytes.
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub mod class;
pub mod code;
pub mod tree;
pub mod types;

pub use class::{Arg, Class, ClassInfo, Const, Field, Method, MethodSig};
pub use code::{ArithOp, Code, Label, Op, Summon};
pub use types::{NumKind, Type};
