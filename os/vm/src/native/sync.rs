//! Mutexes, condition variables and semaphores.
//!
//! The VM runs one thread at a time (the host scheduler hands the VM from
//! thread to thread), so these natives only change object state; a thread
//! that must wait returns [`Wait::Sync`] and runs the native again when
//! some primitive changed. Their state lives in the objects and in the
//! waiting thread's restart scratch, so it is part of every snapshot.

use alloc::format;

use super::{arg, build, int_arg, ret_int, this_is, throw, Fail, NResult, Native};
use crate::heap::Ref;
use crate::object::sys;
use crate::thread::{Thread, Wait};
use crate::vm::Vm;

// mutex: {owner thread id + 1 (0 = free), recursion count}
const M_OWNER: u32 = 0;
const M_COUNT: u32 = 1;

/// `.internal.mutex`.
pub static MUTEX: [Option<Native>; 11] = build(&[(8, lock), (9, unlock), (10, trylock)]);

fn try_take(vm: &mut Vm, m: Ref, tid: u32) -> bool {
    let owner = vm.heap.get(m, M_OWNER);
    if owner == 0 {
        vm.heap.set(m, M_OWNER, tid + 1);
        vm.heap.set(m, M_COUNT, 1);
        true
    } else if owner == tid + 1 {
        let c = vm.heap.get(m, M_COUNT);
        vm.heap.set(m, M_COUNT, c + 1);
        true
    } else {
        false
    }
}

fn lock(vm: &mut Vm, th: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::MUTEX)?;
    if try_take(vm, this, th.id) {
        Ok(Ref::NULL)
    } else {
        Err(Fail::Block(Wait::Sync))
    }
}

fn trylock(vm: &mut Vm, th: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::MUTEX)?;
    let ok = try_take(vm, this, th.id);
    ret_int(vm, ok as i32)
}

/// Releases one level; the count of levels released is returned.
fn release(vm: &mut Vm, m: Ref, tid: u32, all: bool) -> Result<u32, Fail> {
    if vm.heap.get(m, M_OWNER) != tid + 1 {
        return Err(throw(vm, "unlock of a mutex this thread does not hold"));
    }
    let c = vm.heap.get(m, M_COUNT);
    let left = if all { 0 } else { c - 1 };
    vm.heap.set(m, M_COUNT, left);
    if left == 0 {
        vm.heap.set(m, M_OWNER, 0);
        vm.sync_changed = true;
    }
    Ok(c - left)
}

fn unlock(vm: &mut Vm, th: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::MUTEX)?;
    release(vm, this, th.id, false)?;
    Ok(Ref::NULL)
}

// cond: {signal sequence, unused}
const C_SEQ: u32 = 0;

/// `.internal.cond`.
pub static COND: [Option<Native>; 12] =
    build(&[(8, wait), (9, twait), (10, broadcast), (11, broadcast)]);

// Phases kept in `th.native[0]` (low byte) while a wait is in progress:
// 1 = waiting for a signal, 2 = signalled or timed out, relocking the mutex.
// Bits 8..40 hold the sequence seen when waiting started, bits 40..56 the
// mutex recursion count to restore; `th.native[1]` is the deadline (0: none).
fn cond_wait(
    vm: &mut Vm,
    th: &mut Thread,
    this: Ref,
    args: &[Ref],
    timeout: Option<i32>,
) -> NResult {
    this_is(vm, this, sys::COND)?;
    let m = arg(vm, args, 0)?;
    this_is(vm, m, sys::MUTEX)?;
    let now = vm.host.now_ms();
    let phase = th.native[0] & 0xFF;
    if phase == 0 {
        let levels = release(vm, m, th.id, true)?;
        let seq = u64::from(vm.heap.get(this, C_SEQ));
        th.native[0] = 1 | (seq << 8) | (u64::from(levels) << 40);
        th.native[1] = timeout.map_or(0, |t| now + t.max(0) as u64);
    }
    if th.native[0] & 0xFF == 1 {
        let seen = ((th.native[0] >> 8) & 0xFFFF_FFFF) as u32;
        let timed_out = th.native[1] != 0 && now >= th.native[1];
        if vm.heap.get(this, C_SEQ) == seen && !timed_out {
            return Err(Fail::Block(if th.native[1] == 0 {
                Wait::Sync
            } else {
                Wait::SyncUntil(th.native[1])
            }));
        }
        th.native[0] = (th.native[0] & !0xFF) | 2;
    }
    // Phase 2: take the mutex back with its old recursion count.
    let levels = ((th.native[0] >> 40) & 0xFFFF) as u32;
    if vm.heap.get(m, M_OWNER) != 0 {
        return Err(Fail::Block(Wait::Sync));
    }
    vm.heap.set(m, M_OWNER, th.id + 1);
    vm.heap.set(m, M_COUNT, levels.max(1));
    th.native = [0; 2];
    Ok(Ref::NULL)
}

fn wait(vm: &mut Vm, th: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    cond_wait(vm, th, this, args, None)
}

fn twait(vm: &mut Vm, th: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let ms = int_arg(vm, args, 1)?;
    cond_wait(vm, th, this, args, Some(ms))
}

/// Wakes every waiter (a signal may wake more than one, as POSIX allows).
fn broadcast(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::COND)?;
    let s = vm.heap.get(this, C_SEQ);
    vm.heap.set(this, C_SEQ, s.wrapping_add(1));
    vm.sync_changed = true;
    Ok(Ref::NULL)
}

// sema: {count}
const S_COUNT: u32 = 0;

/// `.internal.sema`.
pub static SEMA: [Option<Native>; 12] =
    build(&[(8, acquire), (9, tacquire), (10, zero), (11, release_sema)]);

fn acquire(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::SEMA)?;
    let c = vm.heap.get(this, S_COUNT) as i32;
    if c > 0 {
        vm.heap.set(this, S_COUNT, (c - 1) as u32);
        Ok(Ref::NULL)
    } else {
        Err(Fail::Block(Wait::Sync))
    }
}

/// Like `acquire`, but gives up after the time; returns 1 if acquired.
fn tacquire(vm: &mut Vm, th: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::SEMA)?;
    let ms = int_arg(vm, args, 0)?;
    let now = vm.host.now_ms();
    if th.native[0] == 0 {
        th.native = [1, now + ms.max(0) as u64];
    }
    let c = vm.heap.get(this, S_COUNT) as i32;
    if c > 0 {
        vm.heap.set(this, S_COUNT, (c - 1) as u32);
        th.native = [0; 2];
        return ret_int(vm, 1);
    }
    if now >= th.native[1] {
        th.native = [0; 2];
        return ret_int(vm, 0);
    }
    Err(Fail::Block(Wait::SyncUntil(th.native[1])))
}

fn zero(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::SEMA)?;
    vm.heap.set(this, S_COUNT, 0);
    Ok(Ref::NULL)
}

fn release_sema(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::SEMA)?;
    let c = vm.heap.get(this, S_COUNT) as i32;
    if c == i32::MAX {
        return Err(throw(vm, &format!("semaphore count overflow ({c})")));
    }
    vm.heap.set(this, S_COUNT, (c + 1) as u32);
    vm.sync_changed = true;
    Ok(Ref::NULL)
}
