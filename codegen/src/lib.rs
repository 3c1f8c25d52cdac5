//! Phantom back end: typed trees ([`ir::tree`]) to linear code ([`ir::code`]),
//! `.pc` class files and the two compiler listings.
//!
//! * [`lower`]: [`lower::lower_method`] turns one method's tree into
//!   [`ir::Code`] following the reference compiler's code shapes
//!   (`language.md` §6–7, `bytecode.md` §4), with a few deliberate fixes
//!   documented on the function (prologue reservation, `do`/`continue`,
//!   `switch` dispatch, `return;`).
//! * [`lst`]: [`lst::render`] writes the `.lst` annotated tree dump
//!   (`listings.md` §1).
//! * [`emit`]: [`emit::class_file`] lowers and encodes every method and
//!   builds the `.pc` records (`classfile.md` §3); [`emit::lstc`] renders the
//!   `.lstc` code listing through [`classfile::listing`]; [`emit::version_now`]
//!   makes the `C` record's timestamp.
//!
//! Nothing here panics on malformed input: inconsistent trees (a value on
//! the wrong stack, a `break` outside a loop, slot counts that do not fit
//! their encoding) are reported as [`lower::LowerError`] or
//! [`emit::EmitError`].
#![warn(missing_docs)]

pub mod emit;
pub mod lower;
pub mod lst;

#[cfg(test)]
mod fixture;

pub use emit::{class_file, lstc, version_now, EmitError, MethodListing};
pub use lower::{lower_method, LowerError, LowerErrorKind};
