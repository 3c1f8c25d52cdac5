//! Phantom `.pc` class files: records, bytecode, listings and the boot archive.
//!
//! The crate is `no_std + alloc` (the kernel's JIT reads class files too);
//! the default `std` feature only adds `std::error::Error` impls. Nothing in
//! it panics on malformed input: every reader returns an error carrying the
//! byte offset of the problem.
//!
//! * [`opcodes`]: the VM's opcode numbers (`bytecode.md` §3) as constants.
//! * [`bytecode`]: [`bytecode::encode`] turns linear IR ([`ir::code::Op`])
//!   into bytes with the shortest encodings and resolved jumps;
//!   [`bytecode::decode`] turns bytes back into canonical ops, labels
//!   included.
//! * [`records`]: the record layer of a `.pc` file ([`records::ClassFile`]),
//!   both `S` layouts, the `type` encoding, and conversion to
//!   [`ir::class::ClassInfo`].
//! * [`listing`]: `.lstc` text (`listings.md` §2) for encoded methods, and
//!   [`listing::disassemble`] for a whole `.pc` file.
//! * [`bulk`]: the `classes` archive the kernel boots from (`classfile.md` §10).
//! * `path` (with `std`): an ordered class path of directories and archives,
//!   exact and case-insensitive lookups.
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]
extern crate alloc;

pub mod bulk;
pub mod bytecode;
pub mod listing;
pub mod opcodes;
#[cfg(feature = "std")]
pub mod path;
mod read;
pub mod records;

pub use bytecode::{decode, encode, DecodeError, EncodeError, Encoded};
pub use listing::disassemble;
pub use records::{ClassFile, ParseError};
