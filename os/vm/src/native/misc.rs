//! Kernel services: `.internal.stat` (statistics counters),
//! `.internal.io` (files), `.internal.connection` (named kernel services)
//! and `.internal.port`.

use alloc::format;
use alloc::string::String;

use super::{
    arg, build, int_arg, ret_int, ret_str, str_arg, this_is, throw, Fail, NResult, Native,
};
use crate::heap::Ref;
use crate::object::{sys, INTERNAL};
use crate::thread::Thread;
use crate::vm::Vm;

const EINVAL: i32 = 22;
const ENXIO: i32 = 6;
const ENOENT: i32 = 2;

// ---- statistics

/// Root object slot of the persistent statistics (`runtime.md` §2.1).
const ROOT_STATS: u32 = 72;
/// Counter numbers are below this.
const MAX_COUNTERS: i32 = 128;

/// Where a counter's value comes from.
#[derive(Clone, Copy)]
enum Src {
    /// Restarts of this object memory (the process epoch).
    Reboots,
    /// An event the hosted runtime never has (no interrupts, paging, disk).
    Never,
    /// An event counted in [`super::handles::Counters`].
    Count(fn(&super::handles::Counters) -> u64),
    /// A current amount: every kind gives the value now.
    Gauge(fn(&Vm) -> u64),
}

fn counter(n: i32) -> Option<Src> {
    use Src::*;
    Some(match n {
        0 => Reboots,
        1 => Count(|c| c.snapshots),
        10..=15 | 20..=28 | 47 | 48 => Never,
        6 => Count(|c| c.tcp_rx),
        7 => Count(|c| c.tcp_tx),
        8 => Count(|c| c.udp_rx),
        9 => Count(|c| c.udp_tx),
        16 => Count(|c| c.dns_req),
        17 => Count(|c| c.dns_ans),
        64 => Gauge(|vm| vm.heap.live_cells()),
        65 => Gauge(|vm| vm.heap.capacity() as u64),
        // The calling thread is taken out of the table while it runs.
        66 => Gauge(|vm| vm.threads.iter().flatten().count() as u64 + 1),
        67 => {
            Gauge(|vm| u64::from(vm.array_len(vm.heap.get_ref(vm.root, crate::vm::root::CLASSES))))
        }
        _ => return None,
    })
}

/// Counters whose totals are kept across restarts.
const COUNTED: [i32; 7] = [1, 6, 7, 8, 9, 16, 17];

/// The persistent statistics binary: the epoch it was last updated in,
/// then per counter the total of previous runs and of this run (u64 each).
fn stats_binary(vm: &mut Vm) -> Result<Ref, Fail> {
    let b = vm.heap.get_ref(vm.root, ROOT_STATS);
    if !b.is_null() {
        return Ok(b);
    }
    let cls = vm.internal[sys::BINARY];
    let zeros = alloc::vec![0u8; 8 + MAX_COUNTERS as usize * 16];
    let b = vm
        .heap
        .new_bytes(cls, INTERNAL[sys::BINARY].flags, &zeros)
        .map_err(|_| vm.oom())?;
    let root = vm.root;
    vm.heap.put_ref(root, ROOT_STATS, b);
    Ok(b)
}

fn rd64(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

/// Brings the persistent totals up to date; returns the previous runs'
/// total of counter `n`.
fn persist(vm: &mut Vm, n: i32) -> Result<u64, Fail> {
    let b = stats_binary(vm)?;
    let epoch = vm.epoch;
    let counters = vm.host_handles.counters;
    let bytes = vm.heap.bytes_mut(b);
    let stored = u32::from_le_bytes(bytes[0..4].try_into().expect("4 bytes"));
    if stored != epoch {
        // First use in this process: last run's totals become history.
        for i in 0..MAX_COUNTERS as usize {
            let at = 8 + i * 16;
            let prev = rd64(bytes, at).wrapping_add(rd64(bytes, at + 8));
            bytes[at..at + 8].copy_from_slice(&prev.to_le_bytes());
            bytes[at + 8..at + 16].copy_from_slice(&0u64.to_le_bytes());
        }
        bytes[0..4].copy_from_slice(&epoch.to_le_bytes());
    }
    for c in COUNTED {
        if let Some(Src::Count(f)) = counter(c) {
            let at = 8 + c as usize * 16 + 8;
            bytes[at..at + 8].copy_from_slice(&f(&counters).to_le_bytes());
        }
    }
    Ok(rd64(bytes, 8 + n as usize * 16))
}

/// Value of counter `n` of `kind` (0 current per second, 1 average per
/// second, 2 this run, 3 previous runs, 4 all runs).
fn stat_value(vm: &mut Vm, n: i32, kind: i32) -> Result<Result<u64, String>, Fail> {
    if !(0..MAX_COUNTERS).contains(&n) {
        return Ok(Err(format!("invalid stat counter number {n}")));
    }
    if !(0..=4).contains(&kind) {
        return Ok(Err(format!("invalid stat kind {kind} (0 current/s, 1 average/s, 2 this run, 3 previous runs, 4 all runs)")));
    }
    let Some(src) = counter(n) else {
        return Ok(Err(format!(
            "stat counter {n} is not counted by the hosted runtime"
        )));
    };
    let v = match src {
        Src::Never => 0,
        Src::Gauge(f) => f(vm),
        Src::Reboots => match kind {
            2 => 1,
            3 => u64::from(vm.epoch.saturating_sub(1)),
            4 => u64::from(vm.epoch),
            _ => 0,
        },
        Src::Count(f) => {
            let total = f(&vm.host_handles.counters);
            let prev = persist(vm, n)?;
            let now = vm.host.now_ms();
            match kind {
                0 => rate(vm, n, now, total),
                1 => total * 1000 / now.max(1000),
                2 => total,
                3 => prev,
                _ => prev + total,
            }
        }
    };
    Ok(Ok(v))
}

/// Events per second over the last interval of at least one second
/// between reads of the counter.
fn rate(vm: &mut Vm, n: i32, now: u64, total: u64) -> u64 {
    let samples = &mut vm.host_handles.samples;
    match samples.get(&(n as u32)).copied() {
        None => {
            let r = total * 1000 / now.max(1000);
            samples.insert(n as u32, (now, total, r));
            r
        }
        Some((t, v, _)) if now >= t + 1000 => {
            let r2 = total.saturating_sub(v) * 1000 / (now - t);
            samples.insert(n as u32, (now, total, r2));
            r2
        }
        Some((_, _, r)) => r,
    }
}

/// `.internal.stat`.
pub static STAT: [Option<Native>; 17] = build(&[(5, stat_to_string), (16, get_stat)]);

fn stat_to_string(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    ret_str(vm, b"stat")
}

fn get_stat(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let n = int_arg(vm, args, 0)?;
    let kind = int_arg(vm, args, 1)?;
    match stat_value(vm, n, kind)? {
        Ok(v) => ret_int(vm, v.min(i32::MAX as u64) as i32),
        Err(e) => Err(throw(vm, &e)),
    }
}

// ---- connections: {destination, callback, callback method}

const C_DEST: u32 = 0;
const C_CALLBACK: u32 = 1;
const C_METHOD: u32 = 2;

/// `.internal.connection`.
pub static CONNECTION: [Option<Native>; 14] = build(&[
    (4, same_object),
    (5, connection_to_string),
    (8, connect),
    (9, disconnect),
    (10, check),
    (11, invoke),
    (12, set_callback),
    (13, block),
]);

fn same_object(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let o = arg(vm, args, 0)?;
    ret_int(vm, (o == this) as i32)
}

/// Backends, by the four-byte prefix of the destination.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Backend {
    /// `tmr:`: timers.
    Timer,
    /// `stt:`: statistics.
    Stats,
}

fn backend(dest: &[u8]) -> Option<Backend> {
    match dest.get(..4) {
        Some(b"tmr:") => Some(Backend::Timer),
        Some(b"stt:") => Some(Backend::Stats),
        _ => None,
    }
}

/// The backend of a connected connection.
fn connected(vm: &mut Vm, this: Ref) -> Result<Option<Backend>, Fail> {
    this_is(vm, this, sys::CONNECTION)?;
    let d = vm.heap.get_ref(this, C_DEST);
    Ok(if d.is_null() {
        None
    } else {
        backend(vm.heap.bytes(d))
    })
}

fn connection_to_string(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::CONNECTION)?;
    let d = vm.heap.get_ref(this, C_DEST);
    if d.is_null() {
        return ret_str(vm, b"(connection)");
    }
    let t = format!("(connection {})", String::from_utf8_lossy(vm.heap.bytes(d)));
    ret_str(vm, t.as_bytes())
}

/// `connect(destination)`: 0, or ENOENT for an unknown destination.
fn connect(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::CONNECTION)?;
    let dest = str_arg(vm, args, 0)?;
    if dest.len() >= 1024 {
        return Err(throw(vm, "string arg too long"));
    }
    if backend(&dest).is_none() {
        return ret_int(vm, ENOENT);
    }
    let d = arg(vm, args, 0)?;
    vm.heap.inc(d);
    vm.heap.put_ref(this, C_DEST, d);
    ret_int(vm, 0)
}

/// `disconnect()`: 0, or ENXIO when not connected.
fn disconnect(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    if connected(vm, this)?.is_none() {
        return ret_int(vm, ENXIO);
    }
    vm.heap.put_ref(this, C_DEST, Ref::NULL);
    ret_int(vm, 0)
}

/// `check()`: ENXIO, as in the original (no backend supports it).
fn check(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::CONNECTION)?;
    ret_int(vm, ENXIO)
}

/// `invoke(arg, operation)`: an errno.
fn invoke(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let b = connected(vm, this)?;
    let _arg = arg(vm, args, 0)?;
    let op = int_arg(vm, args, 1)?;
    match b {
        None => ret_int(vm, ENXIO),
        Some(Backend::Stats) => ret_int(vm, EINVAL),
        Some(Backend::Timer) if op != 0 => ret_int(vm, EINVAL),
        Some(Backend::Timer) => Err(throw(
            vm,
            "connection tmr: timer callbacks are not available in the hosted runtime yet (block(null, msec) sleeps)",
        )),
    }
}

/// `setCallback(object, method)`: 1 if a callback was set before, else 0.
fn set_callback(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::CONNECTION)?;
    let cb = arg(vm, args, 0)?;
    let n = int_arg(vm, args, 1)?;
    let had = !vm.heap.get_ref(this, C_CALLBACK).is_null();
    vm.heap.inc(cb);
    vm.heap.put_ref(this, C_CALLBACK, cb);
    vm.heap.set(this, C_METHOD, n as u32);
    ret_int(vm, had as i32)
}

/// `block(arg, operation)`: `tmr:` sleeps `operation` milliseconds and
/// returns null; `stt:` returns the value of counter `arg` of kind
/// `operation` (-1 on error); ENXIO when not connected.
fn block(vm: &mut Vm, th: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let b = connected(vm, this)?;
    let a = arg(vm, args, 0)?;
    let op = int_arg(vm, args, 1)?;
    match b {
        None => ret_int(vm, ENXIO),
        Some(Backend::Timer) => super::base::sleep_ms(vm, th, i64::from(op)),
        Some(Backend::Stats) => {
            let n = match vm.unbox(a, ir::NumKind::Int) {
                Ok(n) if vm.sys_of(a) == Some(sys::INT) => n as u32 as i32,
                _ => return ret_int(vm, -1),
            };
            match stat_value(vm, n, op)? {
                Ok(v) => ret_int(vm, v.min(i32::MAX as u64) as i32),
                Err(_) => ret_int(vm, -1),
            }
        }
    }
}

// ---- ports

/// `.internal.port`.
pub static PORT: [Option<Native>; 17] = build(&[(5, port_to_string), (16, port_open)]);

fn port_to_string(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    ret_str(vm, b"(port)")
}

fn port_open(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Err(throw(
        vm,
        "port.open: inter-process ports are not available in the hosted runtime",
    ))
}

// ---- files: {name, handle, epoch}

const IO_NAME: u32 = 0;
#[cfg(feature = "std")]
const IO_H: u32 = 1;

/// `.internal.io`. Ordinal 14 is `reset`, not `setImmutable`.
pub static IO: [Option<Native>; 16] = build(&[
    (4, same_object),
    (5, io_to_string),
    (6, io_to_xml),
    (8, file::open),
    (9, file::close),
    (10, file::read),
    (11, file::write),
    (12, file::setvar),
    (13, file::getvar),
    (14, file::reset),
]);

fn io_to_string(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::IO)?;
    let n = vm.heap.get_ref(this, IO_NAME);
    if n.is_null() {
        return ret_str(vm, b"(io)");
    }
    let t = format!("(io {})", String::from_utf8_lossy(vm.heap.bytes(n)));
    ret_str(vm, t.as_bytes())
}

fn io_to_xml(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    ret_str(vm, b"<io/>")
}

#[cfg(not(feature = "std"))]
mod file {
    //! Without `std` there are no host files.
    use super::super::{throw, NResult};
    use crate::heap::Ref;
    use crate::thread::Thread;
    use crate::vm::Vm;

    macro_rules! no_files {
        ($($f:ident),*) => {
            $(
                pub fn $f(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
                    Err(throw(vm, "files are not available in this build of the VM (no std)"))
                }
            )*
        };
    }

    no_files!(open, close, read, write, setvar, getvar, reset);
}

#[cfg(feature = "std")]
mod file {
    //! Files live under a sandbox directory: the kernel environment entry
    //! `io.root=DIR`, else the host environment variable
    //! `PHANTOM_IO_ROOT`, else `phantom-io` in the host's temporary
    //! directory. Names are relative to it (a leading `/` is ignored);
    //! `..` is refused.

    use alloc::format;
    use alloc::string::String;
    use std::io::{Read, Seek, SeekFrom, Write};
    use std::path::{Component, Path, PathBuf};

    use super::super::handles::{attach, cells, clear_cells, Cells, Res};
    use super::super::{arg, int_arg, ret_int, ret_str, str_arg, this_is, throw, Fail, NResult};
    use super::{EINVAL, ENOENT, IO_H, IO_NAME};
    use crate::heap::Ref;
    use crate::object::sys;
    use crate::thread::Thread;
    use crate::vm::{root, Vm};

    const EBADF: i32 = 9;
    const EACCES: i32 = 13;
    const EIO: i32 = 5;

    fn errno(e: &std::io::Error) -> i32 {
        e.raw_os_error().unwrap_or(EIO)
    }

    /// The sandbox directory.
    pub(crate) fn io_root(vm: &Vm) -> PathBuf {
        let env = vm.heap.get_ref(vm.root, root::ENV);
        // Later entries override earlier ones.
        for i in (0..vm.array_len(env)).rev() {
            let e = vm.array_get(env, i);
            if vm.sys_of(e) == Some(sys::STRING) {
                if let Some(v) = vm.heap.bytes(e).strip_prefix(b"io.root=") {
                    return PathBuf::from(String::from_utf8_lossy(v).into_owned());
                }
            }
        }
        if let Some(d) = std::env::var_os("PHANTOM_IO_ROOT") {
            return PathBuf::from(d);
        }
        std::env::temp_dir().join("phantom-io")
    }

    /// The host path of a file name, or an errno.
    fn host_path(vm: &Vm, name: &[u8]) -> Result<PathBuf, i32> {
        let name = String::from_utf8_lossy(name);
        let rel = name.trim_start_matches('/');
        if rel.is_empty() {
            return Err(ENOENT);
        }
        let p = Path::new(rel);
        if !p
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(EACCES);
        }
        let root = io_root(vm);
        std::fs::create_dir_all(&root).map_err(|e| errno(&e))?;
        Ok(root.join(p))
    }

    fn open_file(vm: &mut Vm, this: Ref, name: &[u8]) -> i32 {
        let path = match host_path(vm, name) {
            Ok(p) => p,
            Err(e) => return e,
        };
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
        {
            Ok(f) => {
                attach(vm, this, IO_H, Res::File(f));
                0
            }
            Err(e) => errno(&e),
        }
    }

    /// The open file of `this` (reopened by name after a restart), or a
    /// negative errno.
    fn file(vm: &mut Vm, this: Ref) -> Result<&mut std::fs::File, i32> {
        let h = match cells(vm, this, IO_H) {
            Cells::Live(h) => h,
            Cells::None => return Err(-EBADF),
            Cells::Stale => {
                let n = vm.heap.get_ref(this, IO_NAME);
                if n.is_null() {
                    clear_cells(vm, this, IO_H);
                    return Err(-EBADF);
                }
                let name = vm.heap.bytes(n).to_vec();
                let e = open_file(vm, this, &name);
                if e != 0 {
                    clear_cells(vm, this, IO_H);
                    return Err(-e);
                }
                match cells(vm, this, IO_H) {
                    Cells::Live(h) => h,
                    _ => return Err(-EBADF),
                }
            }
        };
        match vm.host_handles.get(h) {
            Some(Res::File(f)) => Ok(f),
            _ => Err(-EBADF),
        }
    }

    /// `open(name)`: 0, or an errno.
    pub fn open(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::IO)?;
        let name = str_arg(vm, args, 0)?;
        let e = open_file(vm, this, &name);
        if e == 0 {
            let n = arg(vm, args, 0)?;
            vm.heap.inc(n);
            vm.heap.put_ref(this, IO_NAME, n);
        }
        ret_int(vm, e)
    }

    pub fn close(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
        this_is(vm, this, sys::IO)?;
        if let Cells::Live(h) = cells(vm, this, IO_H) {
            vm.host_handles.remove(h);
        }
        clear_cells(vm, this, IO_H);
        vm.heap.put_ref(this, IO_NAME, Ref::NULL);
        Ok(Ref::NULL)
    }

    /// `read(n)`: a string of up to `n` bytes (empty at the end of the
    /// file), or an int, a negative errno.
    pub fn read(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::IO)?;
        let n = int_arg(vm, args, 0)?;
        if !(0..=1 << 28).contains(&n) {
            return ret_int(vm, -EINVAL);
        }
        let mut buf = alloc::vec::Vec::new();
        let r = match file(vm, this) {
            Ok(f) => f
                .take(n as u64)
                .read_to_end(&mut buf)
                .map_err(|e| -errno(&e)),
            Err(e) => Err(e),
        };
        match r {
            Ok(_) => ret_str(vm, &buf),
            Err(e) => ret_int(vm, e),
        }
    }

    /// `write(data)`: bytes written, or a negative errno.
    pub fn write(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::IO)?;
        let data = str_arg(vm, args, 0)?;
        let r = match file(vm, this) {
            Ok(f) => f
                .write_all(&data)
                .map(|_| data.len() as i32)
                .map_err(|e| -errno(&e)),
            Err(e) => Err(e),
        };
        ret_int(vm, r.unwrap_or_else(|e| e))
    }

    fn var_name(vm: &mut Vm, args: &[Ref], what: &str) -> Result<String, Fail> {
        let n = arg(vm, args, 0)?;
        if vm.sys_of(n) != Some(sys::STRING) {
            return Err(throw(
                vm,
                &format!("io {what}: the variable name must be a string"),
            ));
        }
        Ok(String::from_utf8_lossy(vm.heap.bytes(n)).into_owned())
    }

    fn unknown_var(vm: &mut Vm, what: &str, name: &str) -> Fail {
        throw(
            vm,
            &format!("io {what}: unknown variable {name:?} (known: \"position\", \"size\")"),
        )
    }

    /// `setvar("position", n)` moves to byte `n`.
    pub fn setvar(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::IO)?;
        let name = var_name(vm, args, "setvar")?;
        if name != "position" {
            return Err(unknown_var(vm, "setvar", &name));
        }
        let pos = int_arg(vm, args, 1)?;
        if pos < 0 {
            return Err(throw(vm, &format!("io setvar: negative position {pos}")));
        }
        let r = match file(vm, this) {
            Ok(f) => f.seek(SeekFrom::Start(pos as u64)).map_err(|e| -errno(&e)),
            Err(e) => Err(e),
        };
        match r {
            Ok(_) => Ok(Ref::NULL),
            Err(e) => Err(throw(vm, &format!("io setvar: error {}", -e))),
        }
    }

    /// `getvar("position")` / `getvar("size")`: the value, or a negative
    /// errno.
    pub fn getvar(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::IO)?;
        let name = var_name(vm, args, "getvar")?;
        if name != "position" && name != "size" {
            return Err(unknown_var(vm, "getvar", &name));
        }
        let r = match file(vm, this) {
            Ok(f) if name == "position" => f.stream_position().map_err(|e| -errno(&e)),
            Ok(f) => f.metadata().map(|m| m.len()).map_err(|e| -errno(&e)),
            Err(e) => Err(e),
        };
        match r {
            Ok(v) => ret_int(vm, v.min(i32::MAX as u64) as i32),
            Err(e) => ret_int(vm, e),
        }
    }

    /// `reset(isReset)`: a nonzero argument goes back to the start of the
    /// file.
    pub fn reset(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::IO)?;
        let r = int_arg(vm, args, 0)?;
        if r != 0 {
            if let Ok(f) = file(vm, this) {
                let _ = f.rewind();
            }
        }
        Ok(Ref::NULL)
    }
}
