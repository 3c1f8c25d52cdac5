//! Synchronisation primitives.

pub mod spin;
