//! Phantom `.pc` class files.
#![cfg_attr(not(feature = "std"), no_std)]
extern crate alloc;
