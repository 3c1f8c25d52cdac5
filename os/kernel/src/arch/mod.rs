//! x86-64 hardware layer.

pub mod boot;
pub mod cpu;
