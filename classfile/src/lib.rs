//! Phantom `.pc` class files.
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]
extern crate alloc;

pub mod bytecode;
pub mod listing;
pub mod opcodes;
mod read;
pub mod records;
