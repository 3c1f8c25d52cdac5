//! Hosted dirty-page tracking, copy-on-write and lazy restore over a
//! memory region, with `mprotect` and a `SIGSEGV` handler (Linux).
//!
//! A [`Tracker`] owns a region of memory (the object memory), mapped
//! twice from one `memfd`: the **main view** that the program uses, whose
//! protection changes per tracking unit, and an **alias view**, always
//! readable and writable, through which restored pages are filled without
//! exposing half-filled pages to other threads. A tracking unit is one or
//! more 4096-byte pages ([`TrackerConfig::pages_per_unit`]).
//!
//! Each unit is in one of these states:
//!
//! | state | main view | meaning |
//! |---|---|---|
//! | `ABSENT` | no access | restored image, not loaded yet: the first touch loads it |
//! | `LOADING` | no access | a faulting thread is loading it; others wait |
//! | `CLEAN` | read | unchanged since the last snapshot instant |
//! | `DIRTY` | read/write | written since the last snapshot instant |
//! | `SNAP` | read | dirty at the current snapshot instant, not yet taken by the writer |
//! | `TAKING` | read | the writer is copying it out |
//! | `COPYING` | read | a writing thread is copying it aside first |
//! | `COPIED` | read/write | its snapshot contents wait in a copy slot; written since |
//!
//! The snapshot protocol:
//!
//! 1. with every mutator thread stopped, [`Tracker::begin_snapshot`]
//!    turns every `DIRTY` unit into `SNAP`, write-protects it and returns
//!    the list: that is the snapshot instant, and the pause;
//! 2. the threads run again. The first write to a `SNAP` unit faults; the
//!    handler copies the unit into a preallocated copy slot (`COPIED`) and
//!    lets the write go on;
//! 3. the writer ([`Tracker::take`], or [`write_snapshot`] with a
//!    [`Pager`]) copies each listed unit's snapshot-instant contents out:
//!    from the region if it is still `SNAP`, else from its copy slot.
//!
//! # The signal handler's limits
//!
//! The handler is async-signal-safe: it allocates nothing and takes no
//! lock. It uses only atomics, `memcpy`, `mprotect`, `sched_yield` and,
//! for lazy loading, the [`PageSource`] (whose `load` must itself be
//! async-signal-safe; [`ImageSource`] uses `pread` and a CRC).
//!
//! * Copy slots are preallocated ([`TrackerConfig::copy_slots`]); a
//!   writing thread that finds none free yields and retries until the
//!   writer has taken the unit or freed a slot, so it waits at most until
//!   the writer gets to it.
//! * Each protection change may split the kernel's memory map; Linux
//!   allows `vm.max_map_count` (65530 by default) mappings per process,
//!   and at worst every unit is one, so the default unit size keeps the
//!   number of units 4096 below it (64 MiB: 1 page per unit; 512 MiB: 4;
//!   2 GiB: 16). A snapshot writes whole units: with units of several
//!   pages, scattered writes cost more than the pages they change.
//! * A page that fails to load (I/O error or checksum mismatch) cannot be
//!   reported to the faulting code: the handler prints a message to
//!   standard error and aborts the process. The image is not changed.
//! * Faults at addresses outside every tracker go to the handler that was
//!   installed before (Rust's stack-overflow handler, or the default).
//! * The handler runs on the faulting thread's own stack (a few KiB), not
//!   on the small alternate signal stack. So a native stack overflow
//!   (guard page hit) can no longer be reported by Rust's handler: the
//!   process still dies with `SIGSEGV`, without the "stack overflow"
//!   message.
//! * A tracker must not be dropped while other threads may touch its
//!   region.
//! * The kernel does not raise `SIGSEGV` for its own accesses: a system
//!   call that writes into a write-protected or absent unit (`read(2)`
//!   into the region, for instance) fails with `EFAULT` instead. Read
//!   into a buffer outside the region and copy, or write one byte of each
//!   destination page first.
//! * The pause grows with the number of units dirtied since the last
//!   instant: write-protecting them makes the kernel merge that many
//!   mappings (about 3 µs each here).

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::ptr;
use std::sync::atomic::{AtomicPtr, AtomicU32, AtomicU64, AtomicU8, Ordering::*};
use std::sync::{Arc, OnceLock};

use crate::dev::{Block, BlockDevice, BLOCK_SIZE};
use crate::error::Error;
use crate::file::FileDevice;
use crate::format::{crc, Entry};
use crate::pager::{CommitStats, Pager};

const ABSENT: u8 = 0;
const LOADING: u8 = 1;
const CLEAN: u8 = 2;
const DIRTY: u8 = 3;
const SNAP: u8 = 4;
const TAKING: u8 = 5;
const COPYING: u8 = 6;
const COPIED: u8 = 7;

/// Where a restored region's pages come from, on first touch.
pub trait PageSource: Send + Sync {
    /// Fills `dst` with page `page`; `false` if it cannot. Called from the
    /// `SIGSEGV` handler: it must be async-signal-safe (no allocation, no
    /// locks).
    fn load(&self, page: u64, dst: &mut Block) -> bool;
}

/// Pages of the newest snapshot of an image file, read with `pread` and
/// checked against their CRC.
pub struct ImageSource {
    fd: OwnedFd,
    entries: Vec<Entry>,
}

impl ImageSource {
    /// The pages of `pager`'s newest snapshot. Valid while that snapshot's
    /// unchanged pages stay in the image, which holds as long as later
    /// snapshots are written by the same tracker (pages it never loaded
    /// are never dirty, so every later snapshot keeps their blocks).
    pub fn new(pager: &Pager<FileDevice>) -> io::Result<ImageSource> {
        let fd = pager.device().file().try_clone()?.into();
        Ok(ImageSource {
            fd,
            entries: pager.page_entries().to_vec(),
        })
    }
}

impl PageSource for ImageSource {
    fn load(&self, page: u64, dst: &mut Block) -> bool {
        let e = self
            .entries
            .get(page as usize)
            .copied()
            .unwrap_or(Entry::ZERO);
        if e.is_zero() {
            dst.fill(0);
            return true;
        }
        let mut done = 0usize;
        while done < BLOCK_SIZE {
            // SAFETY: reads into the rest of `dst`, which is valid memory.
            let r = unsafe {
                libc::pread(
                    self.fd.as_raw_fd(),
                    dst[done..].as_mut_ptr().cast(),
                    BLOCK_SIZE - done,
                    (e.block as u64 * BLOCK_SIZE as u64 + done as u64) as libc::off_t,
                )
            };
            if r <= 0 {
                // SAFETY: reading errno is async-signal-safe.
                if r < 0 && unsafe { *libc::__errno_location() } == libc::EINTR {
                    continue;
                }
                return false;
            }
            done += r as usize;
        }
        crc(&dst[..]) == e.crc
    }
}

/// How a [`Tracker`] is laid out. The default picks both sizes.
#[derive(Clone, Copy, Debug, Default)]
pub struct TrackerConfig {
    /// Pages per tracking unit (a power of two); 0 picks the smallest that
    /// keeps the number of units 4096 under `vm.max_map_count`.
    pub pages_per_unit: usize,
    /// Preallocated copy slots (one unit each) for copy-on-write; 0 picks
    /// one per unit up to 1024.
    pub copy_slots: usize,
}

/// Counters of what the tracker did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TrackerStats {
    /// First writes to a unit since a snapshot instant (faults).
    pub write_faults: u64,
    /// Units copied aside because a thread wrote them before the writer
    /// took them.
    pub cow_copies: u64,
    /// Units loaded from the page source.
    pub loads: u64,
    /// Times a writing thread found no free copy slot and waited.
    pub slot_waits: u64,
}

struct Inner {
    base: *mut u8,
    alias: *mut u8,
    len: usize,
    unit: usize,
    state: Box<[AtomicU8]>,
    slot_of: Box<[AtomicU32]>,
    pool: *mut u8,
    nslots: usize,
    free: Box<[AtomicU64]>,
    source: Option<Box<dyn PageSource>>,
    _memfd: OwnedFd,
    write_faults: AtomicU64,
    cow_copies: AtomicU64,
    loads: AtomicU64,
    slot_waits: AtomicU64,
}

// SAFETY: the raw pointers are mappings owned by `Inner`; all shared
// mutable state is atomic.
unsafe impl Send for Inner {}
unsafe impl Sync for Inner {}

const MAX_TRACKERS: usize = 16;
static TRACKERS: [AtomicPtr<Inner>; MAX_TRACKERS] =
    [const { AtomicPtr::new(ptr::null_mut()) }; MAX_TRACKERS];

struct OldAction(libc::sigaction);
// SAFETY: written once before the handler is installed, then only read.
unsafe impl Sync for OldAction {}
unsafe impl Send for OldAction {}
static OLD_ACTION: OnceLock<OldAction> = OnceLock::new();

fn install_handler() -> io::Result<()> {
    let mut err = None;
    OLD_ACTION.get_or_init(|| {
        // SAFETY: plain sigaction calls with zero-initialised structs.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = handler as *const () as usize;
            // Not SA_ONSTACK: the handler loads and checksums pages, more than
            // the small alternate stack Rust gives each thread holds.
            sa.sa_flags = libc::SA_SIGINFO;
            libc::sigemptyset(&mut sa.sa_mask);
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(libc::SIGSEGV, &sa, &mut old) != 0 {
                err = Some(io::Error::last_os_error());
            }
            OldAction(old)
        }
    });
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Whether the fault was a write. A read can fault on a unit that another
/// thread made readable just before this handler looked at its state (it
/// was absent when this thread touched it); that must not mark it dirty.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
fn is_write_fault(ctx: *mut libc::c_void) -> bool {
    // SAFETY: for SA_SIGINFO handlers the kernel passes a ucontext; bit 1
    // of the page-fault error code is set for writes.
    let uc = unsafe { &*(ctx as *const libc::ucontext_t) };
    uc.uc_mcontext.gregs[libc::REG_ERR as usize] & 2 != 0
}

/// Elsewhere every fault is taken as a write (a read can then only cost a
/// spurious dirty unit, never lost data).
#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
fn is_write_fault(_: *mut libc::c_void) -> bool {
    true
}

extern "C" fn handler(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo for SIGSEGV.
    let addr = unsafe { (*info).si_addr() } as usize;
    for t in &TRACKERS {
        let p = t.load(Acquire);
        if p.is_null() {
            continue;
        }
        // SAFETY: registered trackers stay alive until unregistered (see
        // the module documentation on dropping).
        let inner = unsafe { &*p };
        let base = inner.base as usize;
        if addr >= base && addr < base + inner.len {
            inner.fault((addr - base) / inner.unit, is_write_fault(ctx));
            return;
        }
    }
    // Not ours: the previous handler decides.
    let Some(OldAction(old)) = OLD_ACTION.get() else {
        return;
    };
    if old.sa_flags & libc::SA_SIGINFO != 0 && old.sa_sigaction > libc::SIG_IGN {
        // SAFETY: the previous handler was installed with this signature.
        let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
            unsafe { std::mem::transmute(old.sa_sigaction) };
        f(sig, info, ctx);
    } else if old.sa_sigaction > libc::SIG_IGN {
        // SAFETY: as above, the one-argument form.
        let f: extern "C" fn(libc::c_int) = unsafe { std::mem::transmute(old.sa_sigaction) };
        f(sig);
    } else {
        // Default action: restore it; the access faults again and kills.
        // SAFETY: resetting a signal's disposition.
        unsafe {
            libc::signal(sig, libc::SIG_DFL);
        }
    }
}

fn die(msg: &str) -> ! {
    // SAFETY: write(2) and abort(3) are async-signal-safe.
    unsafe {
        libc::write(2, msg.as_ptr().cast(), msg.len());
        libc::abort()
    }
}

fn yield_now() {
    // SAFETY: sched_yield is async-signal-safe.
    unsafe {
        libc::sched_yield();
    }
}

impl Inner {
    fn protect(&self, first: usize, n: usize, prot: libc::c_int) {
        // SAFETY: the range is inside the main view.
        let r =
            unsafe { libc::mprotect(self.base.add(first * self.unit).cast(), n * self.unit, prot) };
        if r != 0 {
            die("phantom-pager: mprotect failed (vm.max_map_count too low for the tracking unit?)\n");
        }
    }

    fn unit_ptr(&self, view: *mut u8, u: usize) -> *mut u8 {
        // SAFETY: callers pass a unit index inside the region.
        unsafe { view.add(u * self.unit) }
    }

    fn slot_ptr(&self, s: usize) -> *mut u8 {
        // SAFETY: slot indices are below `nslots`.
        unsafe { self.pool.add(s * self.unit) }
    }

    fn acquire_slot(&self) -> Option<usize> {
        for (wi, w) in self.free.iter().enumerate() {
            let mut cur = w.load(Relaxed);
            while cur != 0 {
                let bit = cur.trailing_zeros() as usize;
                match w.compare_exchange_weak(cur, cur & !(1 << bit), Acquire, Relaxed) {
                    Ok(_) => return Some(wi * 64 + bit),
                    Err(x) => cur = x,
                }
            }
        }
        None
    }

    fn release_slot(&self, s: usize) {
        self.free[s / 64].fetch_or(1 << (s % 64), Release);
    }

    /// The SIGSEGV handler's work for unit `u`. Returns when the faulting
    /// access may be retried.
    fn fault(&self, u: usize, write: bool) {
        let st = &self.state[u];
        match st.load(Acquire) {
            // Readable now (loaded by another thread meanwhile): retry.
            CLEAN | SNAP if !write => {}
            ABSENT => {
                if st
                    .compare_exchange(ABSENT, LOADING, AcqRel, Acquire)
                    .is_err()
                {
                    return;
                }
                let Some(src) = &self.source else {
                    die("phantom-pager: absent page without a page source\n");
                };
                let ppu = self.unit / BLOCK_SIZE;
                for i in 0..ppu {
                    // SAFETY: a page of the alias view, which nobody else
                    // touches while the unit is LOADING.
                    let dst = unsafe {
                        &mut *(self.unit_ptr(self.alias, u).add(i * BLOCK_SIZE) as *mut Block)
                    };
                    if !src.load((u * ppu + i) as u64, dst) {
                        die("phantom-pager: cannot load a page of the image (I/O error or checksum mismatch); stopping\n");
                    }
                }
                self.loads.fetch_add(1, Relaxed);
                self.protect(u, 1, libc::PROT_READ);
                st.store(CLEAN, Release);
            }
            CLEAN => {
                if st.compare_exchange(CLEAN, DIRTY, AcqRel, Acquire).is_ok() {
                    self.write_faults.fetch_add(1, Relaxed);
                    self.protect(u, 1, libc::PROT_READ | libc::PROT_WRITE);
                }
            }
            SNAP => {
                let Some(s) = self.acquire_slot() else {
                    self.slot_waits.fetch_add(1, Relaxed);
                    yield_now();
                    return;
                };
                if st.compare_exchange(SNAP, COPYING, AcqRel, Acquire).is_err() {
                    self.release_slot(s);
                    return;
                }
                // SAFETY: the unit is readable and write-protected; the
                // slot is ours.
                unsafe {
                    ptr::copy_nonoverlapping(
                        self.unit_ptr(self.base, u),
                        self.slot_ptr(s),
                        self.unit,
                    )
                };
                self.slot_of[u].store(s as u32, Relaxed);
                self.cow_copies.fetch_add(1, Relaxed);
                self.write_faults.fetch_add(1, Relaxed);
                st.store(COPIED, Release);
                self.protect(u, 1, libc::PROT_READ | libc::PROT_WRITE);
            }
            LOADING | TAKING | COPYING => yield_now(),
            // Another thread is opening it for writing right now.
            _ => yield_now(),
        }
    }
}

/// A tracked memory region (see the module documentation).
pub struct Tracker {
    inner: Arc<Inner>,
    index: usize,
}

fn map_count_limit() -> usize {
    std::fs::read_to_string("/proc/sys/vm/max_map_count")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(65530)
}

impl Tracker {
    /// A fresh region of `bytes` (rounded up to whole units), all zeros,
    /// all clean: the first write to each unit is recorded.
    pub fn new(bytes: usize, cfg: TrackerConfig) -> io::Result<Tracker> {
        Tracker::make(bytes, cfg, None)
    }

    /// A region restored from `source`: every unit starts absent and is
    /// loaded on first touch (or by [`load_all`](Self::load_all)).
    pub fn restore(
        bytes: usize,
        cfg: TrackerConfig,
        source: Box<dyn PageSource>,
    ) -> io::Result<Tracker> {
        Tracker::make(bytes, cfg, Some(source))
    }

    fn make(
        bytes: usize,
        cfg: TrackerConfig,
        source: Option<Box<dyn PageSource>>,
    ) -> io::Result<Tracker> {
        let pages = bytes.div_ceil(BLOCK_SIZE).max(1);
        let ppu = if cfg.pages_per_unit == 0 {
            // At worst every unit is its own kernel mapping; leave room
            // for the rest of the process (libraries, thread stacks).
            let limit = map_count_limit().saturating_sub(4096).max(1024);
            pages.div_ceil(limit).next_power_of_two()
        } else {
            if !cfg.pages_per_unit.is_power_of_two() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "pages_per_unit must be a power of two",
                ));
            }
            cfg.pages_per_unit
        };
        let unit = ppu * BLOCK_SIZE;
        let units = pages.div_ceil(ppu);
        let len = units * unit;
        let nslots = if cfg.copy_slots == 0 {
            units.min(1024)
        } else {
            cfg.copy_slots
        };
        install_handler()?;
        // SAFETY: system calls creating fresh mappings; results checked.
        unsafe {
            let fd = libc::memfd_create(c"phantom-object-memory".as_ptr(), libc::MFD_CLOEXEC);
            if fd < 0 {
                return Err(io::Error::last_os_error());
            }
            let memfd = OwnedFd::from_raw_fd(fd);
            if libc::ftruncate(fd, len as libc::off_t) != 0 {
                return Err(io::Error::last_os_error());
            }
            let prot = if source.is_some() {
                libc::PROT_NONE
            } else {
                libc::PROT_READ
            };
            let map = |prot, fd| {
                let p = libc::mmap(
                    ptr::null_mut(),
                    len,
                    prot,
                    libc::MAP_SHARED | libc::MAP_NORESERVE,
                    fd,
                    0,
                );
                if p == libc::MAP_FAILED {
                    Err(io::Error::last_os_error())
                } else {
                    Ok(p.cast::<u8>())
                }
            };
            let base = map(prot, fd)?;
            let alias = map(libc::PROT_READ | libc::PROT_WRITE, fd)?;
            let pool = libc::mmap(
                ptr::null_mut(),
                nslots * unit,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            );
            if pool == libc::MAP_FAILED {
                return Err(io::Error::last_os_error());
            }
            let mut free: Vec<AtomicU64> = (0..nslots.div_ceil(64))
                .map(|_| AtomicU64::new(0))
                .collect();
            for s in 0..nslots {
                *free[s / 64].get_mut() |= 1 << (s % 64);
            }
            let init = if source.is_some() { ABSENT } else { CLEAN };
            let inner = Arc::new(Inner {
                base,
                alias,
                len,
                unit,
                state: (0..units).map(|_| AtomicU8::new(init)).collect(),
                slot_of: (0..units).map(|_| AtomicU32::new(0)).collect(),
                pool: pool.cast(),
                nslots,
                free: free.into_boxed_slice(),
                source,
                _memfd: memfd,
                write_faults: AtomicU64::new(0),
                cow_copies: AtomicU64::new(0),
                loads: AtomicU64::new(0),
                slot_waits: AtomicU64::new(0),
            });
            let raw = Arc::as_ptr(&inner) as *mut Inner;
            let index = TRACKERS
                .iter()
                .position(|t| {
                    t.compare_exchange(ptr::null_mut(), raw, AcqRel, Relaxed)
                        .is_ok()
                })
                .ok_or_else(|| io::Error::other("too many trackers in one process"))?;
            Ok(Tracker { inner, index })
        }
    }

    /// Start of the region (the main view). It never moves.
    pub fn base(&self) -> *mut u8 {
        self.inner.base
    }

    /// Length of the region in bytes (a whole number of units).
    pub fn len(&self) -> usize {
        self.inner.len
    }

    /// Whether the region is empty (never: at least one unit).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Bytes per tracking unit.
    pub fn unit_bytes(&self) -> usize {
        self.inner.unit
    }

    /// Pages per tracking unit.
    pub fn pages_per_unit(&self) -> usize {
        self.inner.unit / BLOCK_SIZE
    }

    /// Number of units.
    pub fn units(&self) -> usize {
        self.inner.state.len()
    }

    /// Counters.
    pub fn stats(&self) -> TrackerStats {
        let i = &self.inner;
        TrackerStats {
            write_faults: i.write_faults.load(Relaxed),
            cow_copies: i.cow_copies.load(Relaxed),
            loads: i.loads.load(Relaxed),
            slot_waits: i.slot_waits.load(Relaxed),
        }
    }

    /// Units written since the last snapshot instant.
    pub fn dirty_units(&self) -> usize {
        self.inner
            .state
            .iter()
            .filter(|s| matches!(s.load(Acquire), DIRTY | COPIED))
            .count()
    }

    /// Units not loaded yet.
    pub fn absent_units(&self) -> usize {
        self.inner
            .state
            .iter()
            .filter(|s| s.load(Acquire) == ABSENT)
            .count()
    }

    /// The snapshot instant. **Every thread that writes the region must be
    /// stopped** (at a safepoint) during this call. Marks every unit
    /// written since the last instant as part of this snapshot,
    /// write-protects it and returns the units (ascending). Fails if the
    /// previous snapshot's units have not all been taken.
    pub fn begin_snapshot(&self) -> Result<Vec<usize>, Error> {
        let i = &self.inner;
        if i.state
            .iter()
            .any(|s| matches!(s.load(Acquire), SNAP | TAKING | COPYING | COPIED))
        {
            return Err(Error::Usage(
                "the previous snapshot's pages have not all been taken".into(),
            ));
        }
        let mut units = Vec::new();
        for (u, s) in i.state.iter().enumerate() {
            if s.load(Acquire) == DIRTY {
                s.store(SNAP, Release);
                units.push(u);
            }
        }
        // Write-protect. When every unit is loaded, every unit is to be
        // read-only: one call for the whole region (fast, and it merges
        // the kernel's mappings again). Otherwise in runs (absent units
        // and one `load_all` may be loading stay inaccessible).
        if !units.is_empty()
            && i.state
                .iter()
                .all(|s| matches!(s.load(Acquire), CLEAN | SNAP))
        {
            i.protect(0, i.state.len(), libc::PROT_READ);
            return Ok(units);
        }
        let mut k = 0;
        while k < units.len() {
            let mut n = 1;
            while k + n < units.len() && units[k + n] == units[k] + n {
                n += 1;
            }
            i.protect(units[k], n, libc::PROT_READ);
            k += n;
        }
        Ok(units)
    }

    /// Copies unit `u`'s contents at the snapshot instant into `out`
    /// (`unit_bytes()` long) and releases it. Each unit returned by
    /// [`begin_snapshot`](Self::begin_snapshot) must be taken (or given to
    /// [`abandon`](Self::abandon)) before the next snapshot instant.
    pub fn take(&self, u: usize, out: &mut [u8]) {
        let i = &self.inner;
        assert_eq!(out.len(), i.unit);
        let st = &i.state[u];
        loop {
            match st.load(Acquire) {
                SNAP => {
                    if st.compare_exchange(SNAP, TAKING, AcqRel, Acquire).is_ok() {
                        // SAFETY: the unit is readable; writers wait while
                        // it is TAKING.
                        unsafe {
                            ptr::copy_nonoverlapping(
                                i.unit_ptr(i.alias, u),
                                out.as_mut_ptr(),
                                i.unit,
                            )
                        };
                        st.store(CLEAN, Release);
                        return;
                    }
                }
                COPYING => std::thread::yield_now(),
                COPIED => {
                    let s = i.slot_of[u].load(Relaxed) as usize;
                    // SAFETY: the slot holds this unit's copy until released.
                    unsafe { ptr::copy_nonoverlapping(i.slot_ptr(s), out.as_mut_ptr(), i.unit) };
                    i.release_slot(s);
                    st.store(DIRTY, Release);
                    return;
                }
                x => panic!("unit {u} is not part of the snapshot (state {x})"),
            }
        }
    }

    /// The snapshot of these units failed: releases those not taken yet
    /// and marks them all dirty again, so that the next snapshot writes
    /// them.
    pub fn abandon(&self, units: &[usize]) {
        let i = &self.inner;
        let mut scratch = vec![0u8; i.unit];
        for &u in units {
            if matches!(i.state[u].load(Acquire), SNAP | TAKING | COPYING | COPIED) {
                self.take(u, &mut scratch);
            }
            if i.state[u]
                .compare_exchange(CLEAN, DIRTY, AcqRel, Acquire)
                .is_ok()
            {
                i.protect(u, 1, libc::PROT_READ | libc::PROT_WRITE);
            }
        }
    }

    /// Loads every absent unit now (a background prefetch after restore;
    /// safe while other threads run and fault).
    pub fn load_all(&self) {
        for u in 0..self.units() {
            while matches!(self.inner.state[u].load(Acquire), ABSENT | LOADING) {
                self.inner.fault(u, false);
            }
        }
    }
}

impl Drop for Tracker {
    fn drop(&mut self) {
        TRACKERS[self.index].store(ptr::null_mut(), Release);
        let i = &self.inner;
        // SAFETY: unmaps exactly the mappings made in `make`; no thread
        // touches the region any more (documented requirement).
        unsafe {
            libc::munmap(i.base.cast(), i.len);
            libc::munmap(i.alias.cast(), i.len);
            libc::munmap(i.pool.cast(), i.nslots * i.unit);
        }
    }
}

/// Writes one snapshot of a tracker's region: `units` (from
/// [`Tracker::begin_snapshot`]) become pages of snapshot `generation` of
/// `pager`, which is then committed. Runs while the program goes on. On
/// failure the units are [`abandon`](Tracker::abandon)ed (so the next
/// snapshot rewrites them) and the error is returned; the image keeps its
/// previous snapshots.
pub fn write_snapshot<D: BlockDevice>(
    tracker: &Tracker,
    units: &[usize],
    pager: &mut Pager<D>,
    generation: u64,
) -> Result<CommitStats, Error> {
    write_snapshot_at(tracker, units, pager, generation, 0)
}

/// [`write_snapshot`], recording `time_ms` (the caller's clock) as the
/// snapshot's time stamp.
pub fn write_snapshot_at<D: BlockDevice>(
    tracker: &Tracker,
    units: &[usize],
    pager: &mut Pager<D>,
    generation: u64,
    time_ms: u64,
) -> Result<CommitStats, Error> {
    let r = (|| {
        pager.begin(generation)?;
        pager.set_time(time_ms)?;
        let ppu = tracker.pages_per_unit();
        let mut buf = vec![0u8; tracker.unit_bytes()];
        for &u in units {
            tracker.take(u, &mut buf);
            for (k, page) in buf.chunks_exact(BLOCK_SIZE).enumerate() {
                let page: &Block = page.try_into().unwrap_or_else(|_| unreachable!());
                pager.write_page((u * ppu + k) as u64, page)?;
            }
        }
        pager.commit()
    })();
    if r.is_err() {
        pager.abort();
        tracker.abandon(units);
    }
    r
}

/// Opens an image file for a hosted runtime: the pager and, for its
/// newest snapshot, a lazily loading region of `bytes`.
pub fn restore_file(
    path: &std::path::Path,
    bytes: usize,
    cfg: TrackerConfig,
) -> Result<(Pager<FileDevice>, Tracker), Error> {
    let io = |e: io::Error| Error::Device {
        during: format!("opening {}", path.display()),
        error: crate::dev::DevError::Io(e.to_string()),
    };
    let pager = Pager::open(FileDevice::open(path).map_err(io)?)?;
    let src = ImageSource::new(&pager).map_err(io)?;
    let t = Tracker::restore(bytes, cfg, Box::new(src)).map_err(io)?;
    Ok((pager, t))
}
