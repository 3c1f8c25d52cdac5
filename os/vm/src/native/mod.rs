//! Native methods of the internal classes.
//!
//! Method ordinal `k` of an internal class runs entry `k` of its table
//! ([`table`]); entries 0–15 fall back to the defaults every object has
//! (the `.internal.object` table). A native gets the VM, the calling thread,
//! the receiver and its arguments (all borrowed), and returns an owned
//! result, an exception to throw, or a [`Wait`]: then it is run again, with
//! the same arguments, when the wait is over (that is what makes a blocked
//! thread restartable after a snapshot).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::heap::Ref;
use crate::object::sys;
use crate::thread::{Thread, Wait};
use crate::vm::Vm;

mod base;
mod containers;
pub mod handles;
#[cfg(all(test, feature = "std"))]
mod host_tests;
pub mod media;
mod misc;
mod net;
mod sync;
mod text;

pub use handles::HostHandles;

/// A native method.
pub type Native = fn(&mut Vm, &mut Thread, Ref, &[Ref]) -> Result<Ref, Fail>;

/// Why a native did not return a value.
#[derive(Debug)]
pub enum Fail {
    /// Throw this object (owned).
    Throw(Ref),
    /// Run the native again after this wait.
    Block(Wait),
}

impl From<Ref> for Fail {
    fn from(r: Ref) -> Fail {
        Fail::Throw(r)
    }
}

/// Result of a native.
pub type NResult = Result<Ref, Fail>;

/// Builds a table from `(ordinal, function)` pairs.
pub(crate) const fn build<const N: usize>(entries: &[(usize, Native)]) -> [Option<Native>; N] {
    let mut t: [Option<Native>; N] = [None; N];
    let mut i = 0;
    while i < entries.len() {
        t[entries[i].0] = Some(entries[i].1);
        i += 1;
    }
    t
}

/// The native table of internal class `id`.
pub fn table(id: usize) -> &'static [Option<Native>] {
    match id {
        sys::VOID => &base::OBJECT,
        sys::CLASS => &base::CLASS,
        sys::INT | sys::LONG | sys::FLOAT | sys::DOUBLE => &base::NUMBER,
        sys::STRING => &text::STRING,
        sys::ARRAY => &containers::ARRAY,
        sys::THREAD => &base::THREAD,
        sys::BOOT => &base::BOOT,
        sys::TTY => &text::TTY,
        sys::MUTEX => &sync::MUTEX,
        sys::COND => &sync::COND,
        sys::SEMA => &sync::SEMA,
        sys::BINARY => &containers::BINARY,
        sys::WORLD => &base::WORLD,
        sys::DIRECTORY => &containers::DIRECTORY,
        sys::TIME => &base::TIME,
        sys::BITMAP => &media::BITMAP,
        sys::WINDOW => &media::WINDOW,
        sys::UI_CONTROL => &media::CONTROL,
        sys::UI_FONT => &media::FONT,
        sys::CLOSURE => &media::CLOSURE,
        sys::TCP => &net::TCP,
        sys::UDP => &net::UDP,
        sys::NET => &net::NET,
        sys::HTTP => &net::HTTP,
        sys::STAT => &misc::STAT,
        sys::IO => &misc::IO,
        sys::CONNECTION => &misc::CONNECTION,
        sys::PORT => &misc::PORT,
        _ => &base::NAMED,
    }
}

// ---- helpers for natives

/// An exception carrying a message.
pub fn throw(vm: &mut Vm, msg: &str) -> Fail {
    Fail::Throw(vm.exception(msg))
}

/// Argument `i`, or an exception if it is missing.
pub fn arg(vm: &mut Vm, args: &[Ref], i: usize) -> Result<Ref, Fail> {
    match args.get(i) {
        Some(&r) => Ok(r),
        None => Err(throw(vm, &format!("missing argument {}", i + 1))),
    }
}

/// Argument `i` as an int.
pub fn int_arg(vm: &mut Vm, args: &[Ref], i: usize) -> Result<i32, Fail> {
    let r = arg(vm, args, i)?;
    match vm.unbox(r, ir::NumKind::Int) {
        Ok(v) => Ok(v as u32 as i32),
        Err(m) => Err(throw(vm, &format!("argument {}: {m}", i + 1))),
    }
}

/// Argument `i` as string bytes.
pub fn str_arg(vm: &mut Vm, args: &[Ref], i: usize) -> Result<Vec<u8>, Fail> {
    let r = arg(vm, args, i)?;
    if vm.sys_of(r) != Some(sys::STRING) {
        let d = vm.describe(r);
        return Err(throw(
            vm,
            &format!("argument {}: expected a string, got {d}", i + 1),
        ));
    }
    Ok(vm.heap.bytes(r).to_vec())
}

/// Checks that `this` is an object of internal class `id` (so that its data
/// area has the layout the native expects).
pub fn this_is(vm: &mut Vm, this: Ref, id: usize) -> Result<(), Fail> {
    if vm.sys_of(this) == Some(id) {
        Ok(())
    } else {
        let d = vm.describe(this);
        Err(throw(
            vm,
            &format!("{} method called on {d}", crate::object::INTERNAL[id].name),
        ))
    }
}

/// An int result.
pub fn ret_int(vm: &mut Vm, v: i32) -> NResult {
    Ok(vm.box_int(v)?)
}

/// A string result.
pub fn ret_str(vm: &mut Vm, b: &[u8]) -> NResult {
    Ok(vm.new_string(b)?)
}

/// An object result (the borrowed reference becomes an owned one).
pub fn ret_obj(vm: &mut Vm, r: Ref) -> NResult {
    vm.heap.inc(r);
    Ok(r)
}

/// Text of any object: the bytes of a string, the value of a number, else
/// its class name.
pub fn text_of(vm: &mut Vm, r: Ref) -> Vec<u8> {
    match vm.sys_of(r) {
        Some(sys::STRING) => vm.heap.bytes(r).to_vec(),
        Some(sys::INT | sys::LONG | sys::FLOAT | sys::DOUBLE) => number_text(vm, r).into_bytes(),
        _ if r.is_null() => b"null".to_vec(),
        _ => vm.heap.class_name(vm.heap.class_of(r)).into_bytes(),
    }
}

/// `toString` of a boxed number: `%d`, `%lld`, `%f`.
pub fn number_text(vm: &Vm, r: Ref) -> String {
    match vm.sys_of(r) {
        Some(sys::INT) => format!("{}", vm.heap.get(r, 0) as i32),
        Some(sys::LONG) => format!("{}", vm.heap.get64(r, 0) as i64),
        Some(sys::FLOAT) => c_f(f64::from(f32::from_bits(vm.heap.get(r, 0)))),
        Some(sys::DOUBLE) => c_f(f64::from_bits(vm.heap.get64(r, 0))),
        _ => String::new(),
    }
}

/// C's `%f`.
fn c_f(v: f64) -> String {
    if v.is_nan() {
        String::from(if v.is_sign_negative() { "-nan" } else { "nan" })
    } else if v.is_infinite() {
        String::from(if v < 0.0 { "-inf" } else { "inf" })
    } else {
        format!("{v:.6}")
    }
}

/// FNV-1a over bytes (string hashes, directory buckets).
pub fn hash_bytes(b: &[u8]) -> u32 {
    let mut h: u32 = 0x811C_9DC5;
    for &x in b {
        h ^= u32::from(x);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}
