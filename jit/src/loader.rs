//! The code loader: copies compiled code into executable memory from a
//! caller-supplied allocator, applies relocations, and makes it executable
//! (W^X: the memory is writable while the loader fills it and
//! read+execute after, never both).

use alloc::format;
use alloc::string::String;
use core::ptr::NonNull;

use crate::lower::Compiled;
use crate::runtime::{Ctx, EntryFn, Status};

/// Executable memory, provided by the VM (or the kernel).
///
/// # Safety
///
/// `alloc` must return `size` bytes, readable and writable, aligned to at
/// least 16, that nothing else uses until `free`; after `seal` returns
/// `true` the same bytes must be readable and executable (and no longer
/// writable).
pub unsafe trait ExecAlloc {
    /// Allocates `size` bytes, read+write.
    fn alloc(&mut self, size: usize) -> Option<NonNull<u8>>;
    /// Makes `ptr..ptr+size` (from `alloc`) read+execute and not writable.
    fn seal(&mut self, ptr: NonNull<u8>, size: usize) -> bool;
    /// Releases memory from `alloc`.
    fn free(&mut self, ptr: NonNull<u8>, size: usize);
}

/// Resolves relocation targets (Cranelift's symbol names) to addresses.
pub trait Symbols {
    /// The address of `name`, if known.
    fn lookup(&self, name: &str) -> Option<usize>;
}

/// No symbols: the current lowering emits no relocations.
pub struct NoSymbols;

impl Symbols for NoSymbols {
    fn lookup(&self, _: &str) -> Option<usize> {
        None
    }
}

/// A method's machine code in executable memory. Freed on drop with the
/// allocator's `free`, so the allocator must outlive it: keep both in the
/// VM (never in the persistent image).
pub struct Loaded {
    ptr: NonNull<u8>,
    size: usize,
    free: fn(NonNull<u8>, usize),
}

impl Loaded {
    /// The entry point.
    pub fn entry(&self) -> EntryFn {
        // SAFETY: the memory holds a function with this signature (the
        // lowering's), read+execute.
        unsafe { core::mem::transmute::<*const u8, EntryFn>(self.ptr.as_ptr()) }
    }

    /// Code size in bytes.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Runs the method on `ctx` from `ctx.pc`.
    ///
    /// # Safety
    ///
    /// `ctx` must describe a frame of the method this code was compiled
    /// from, with the room the [`Compiled`] maxima ask for, and valid
    /// runtime services (see [`Ctx`]).
    pub unsafe fn run(&self, ctx: &mut Ctx) -> Status {
        let code = (self.entry())(ctx);
        Status::from_u32(code).unwrap_or(Status::BadEntry)
    }
}

impl Drop for Loaded {
    fn drop(&mut self) {
        (self.free)(self.ptr, self.size)
    }
}

/// Copies `c` into memory from `mem`, patches its relocations with
/// `syms`, and seals it. `release` is called with the memory when the
/// result is dropped (it should hand it back to the allocator).
pub fn load(
    mem: &mut dyn ExecAlloc,
    c: &Compiled,
    syms: &dyn Symbols,
    release: fn(NonNull<u8>, usize),
) -> Result<Loaded, String> {
    let size = c.code.len().max(1);
    let ptr = mem
        .alloc(size)
        .ok_or_else(|| String::from("out of executable memory"))?;
    // SAFETY: `alloc` returned `size` writable bytes.
    let buf = unsafe { core::slice::from_raw_parts_mut(ptr.as_ptr(), size) };
    buf[..c.code.len()].copy_from_slice(&c.code);
    for r in &c.relocs {
        let Some(addr) = syms.lookup(&r.target) else {
            mem.free(ptr, size);
            return Err(format!("unresolved symbol {}", r.target));
        };
        let at = r.offset as usize;
        let target = (addr as i64).wrapping_add(r.addend);
        let ok = match r.kind.as_str() {
            "Abs8" if at + 8 <= size => {
                buf[at..at + 8].copy_from_slice(&(target as u64).to_le_bytes());
                true
            }
            "X86PCRel4" | "X86CallPCRel4" if at + 4 <= size => {
                let pc = ptr.as_ptr() as i64 + at as i64;
                let d = target.wrapping_sub(pc);
                match i32::try_from(d) {
                    Ok(d) => {
                        buf[at..at + 4].copy_from_slice(&d.to_le_bytes());
                        true
                    }
                    Err(_) => false,
                }
            }
            _ => false,
        };
        if !ok {
            mem.free(ptr, size);
            return Err(format!("cannot apply relocation {:?}", r));
        }
    }
    if !mem.seal(ptr, size) {
        mem.free(ptr, size);
        return Err(String::from("cannot make the code executable"));
    }
    Ok(Loaded {
        ptr,
        size,
        free: release,
    })
}

/// An [`ExecAlloc`] over `mmap`: one mapping per method (page granular),
/// read+write while loading, then `mprotect` to read+execute.
#[cfg(feature = "std")]
pub struct MmapAlloc;

#[cfg(feature = "std")]
impl MmapAlloc {
    /// Unmaps memory from [`MmapAlloc::alloc`] (a `release` for [`load`]).
    pub fn release(ptr: NonNull<u8>, size: usize) {
        // SAFETY: `ptr` is a mapping of `size` bytes made by `alloc`.
        unsafe {
            libc::munmap(ptr.as_ptr().cast(), size);
        }
    }

    /// Loads `c` with this allocator (no symbols).
    pub fn load(c: &Compiled) -> Result<Loaded, String> {
        load(&mut MmapAlloc, c, &NoSymbols, MmapAlloc::release)
    }
}

#[cfg(feature = "std")]
// SAFETY: mmap gives fresh private pages, page aligned; mprotect seals them.
unsafe impl ExecAlloc for MmapAlloc {
    fn alloc(&mut self, size: usize) -> Option<NonNull<u8>> {
        // SAFETY: an anonymous private mapping has no preconditions.
        let p = unsafe {
            libc::mmap(
                core::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return None;
        }
        NonNull::new(p.cast())
    }

    fn seal(&mut self, ptr: NonNull<u8>, size: usize) -> bool {
        // SAFETY: the range is our mapping.
        unsafe { libc::mprotect(ptr.as_ptr().cast(), size, libc::PROT_READ | libc::PROT_EXEC) == 0 }
    }

    fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        MmapAlloc::release(ptr, size)
    }
}
