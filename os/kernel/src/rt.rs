//! Symbols the precompiled `core` and `compiler_builtins` expect from a C
//! runtime. The mem* functions use `rep` string instructions so that LLVM
//! cannot turn their bodies back into calls to themselves.

use core::arch::asm;

/// Copies `n` bytes; the regions must not overlap.
#[no_mangle]
pub unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller guarantees both ranges are valid for `n` bytes.
    unsafe {
        asm!("rep movsb", inout("rcx") n => _, inout("rdi") dest => _, inout("rsi") src => _,
             options(nostack, preserves_flags));
    }
    dest
}

/// Copies `n` bytes between possibly overlapping regions.
#[no_mangle]
pub unsafe extern "C" fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    if (dest as usize) <= (src as usize) || (dest as usize) >= (src as usize).wrapping_add(n) {
        // SAFETY: forward copy is correct when dest precedes src or they are disjoint.
        return unsafe { memcpy(dest, src, n) };
    }
    if n == 0 {
        return dest;
    }
    // SAFETY: backward copy with the direction flag set, restored right after.
    unsafe {
        asm!("std", "rep movsb", "cld",
             inout("rcx") n => _, inout("rdi") dest.add(n - 1) => _, inout("rsi") src.add(n - 1) => _,
             options(nostack));
    }
    dest
}

/// Fills `n` bytes with the low byte of `c`.
#[no_mangle]
pub unsafe extern "C" fn memset(dest: *mut u8, c: i32, n: usize) -> *mut u8 {
    // SAFETY: the caller guarantees the range is valid for `n` bytes.
    unsafe {
        asm!("rep stosb", inout("rcx") n => _, inout("rdi") dest => _, in("al") c as u8,
             options(nostack, preserves_flags));
    }
    dest
}

/// Compares `n` bytes, returning the sign of the first difference.
#[no_mangle]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let mut i = 0;
    while i < n {
        // SAFETY: the caller guarantees both ranges are valid for `n` bytes.
        let (x, y) = unsafe { (a.add(i).read_volatile(), b.add(i).read_volatile()) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
        i += 1;
    }
    0
}

/// Like `memcmp`, but only zero / non-zero matters.
#[no_mangle]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: same contract as memcmp.
    unsafe { memcmp(a, b, n) }
}

/// Unwinding never happens (panic = abort), but core references this symbol.
#[no_mangle]
pub extern "C" fn rust_eh_personality() {}

/// Referenced by precompiled code paths that can never run with panic = abort.
#[no_mangle]
pub extern "C" fn _Unwind_Resume() -> ! {
    panic!("_Unwind_Resume called in a panic=abort kernel");
}
