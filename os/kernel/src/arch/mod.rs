//! x86-64 hardware layer.

pub mod boot;
pub mod cpu;
pub mod exceptions;
pub mod gdt;
pub mod idt;
pub mod pic;
