//! Arrays, directories (string-keyed hash maps) and binaries.

use alloc::format;

use super::{
    arg, build, hash_bytes, int_arg, ret_int, ret_obj, ret_str, str_arg, this_is, throw, NResult,
    Native,
};
use crate::heap::{flags as F, Ref};
use crate::object::sys;
use crate::thread::Thread;
use crate::vm::Vm;

// ---- arrays: {page, used}

/// `.internal.container.array`.
pub static ARRAY: [Option<Native>; 16] = build(&[
    (0, nothing),
    (5, array_name),
    (8, no_iterator),
    (9, no_subarray),
    (10, get),
    (11, set),
    (12, size),
    (15, array_hash),
]);

fn nothing(_: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Ok(Ref::NULL)
}

fn array_name(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    ret_str(vm, b"array")
}

fn no_iterator(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Err(throw(
        vm,
        "array iterators are not implemented: index with a[i] and size()",
    ))
}

fn no_subarray(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Err(throw(vm, "subarray is not implemented"))
}

fn get(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::ARRAY)?;
    let i = int_arg(vm, args, 0)?;
    let n = vm.array_len(this);
    if i < 0 || i as u32 >= n {
        return Err(throw(
            vm,
            &format!("array get - index {i} is out of bounds (size {n})"),
        ));
    }
    let v = vm.array_get(this, i as u32);
    ret_obj(vm, v)
}

/// `set(value, index)`: the value comes first.
fn set(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::ARRAY)?;
    let v = arg(vm, args, 0)?;
    let i = int_arg(vm, args, 1)?;
    if vm.heap.flags(this) & F::IS_IMMUTABLE != 0 {
        return Err(throw(vm, "array set: the array is immutable"));
    }
    if !(0..1 << 28).contains(&i) {
        return Err(throw(
            vm,
            &format!("array set - index {i} is out of bounds"),
        ));
    }
    vm.heap.inc(v);
    vm.array_set(this, i as u32, v)?;
    ret_obj(vm, v)
}

fn size(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::ARRAY)?;
    let n = vm.array_len(this);
    ret_int(vm, n as i32)
}

fn array_hash(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::ARRAY)?;
    let mut h = 7u32;
    for i in 0..vm.array_len(this) {
        h = h.wrapping_mul(31).wrapping_add(vm.array_get(this, i).0);
    }
    ret_int(vm, h as i32)
}

// ---- directories: {keys page, values page, count}
//
// Open addressing with linear probing over a power-of-two table; deletion
// shifts the following entries back, so there are no tombstones.

/// `.internal.directory`.
pub static DIRECTORY: [Option<Native>; 13] = build(&[
    (4, dir_equals),
    (5, dir_name),
    (8, put),
    (9, dir_get),
    (10, remove),
    (11, dir_size),
    (12, no_dir_iterator),
]);

const D_KEYS: u32 = 0;
const D_VALUES: u32 = 1;
const D_COUNT: u32 = 2;

fn dir_equals(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let o = arg(vm, args, 0)?;
    ret_int(vm, (o == this) as i32)
}

fn dir_name(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    ret_str(vm, b"directory")
}

fn no_dir_iterator(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Err(throw(vm, "directory iterators are not implemented"))
}

/// Slot of `key`, or the empty slot where it would go.
fn find(vm: &Vm, d: Ref, key: &[u8]) -> (u32, bool) {
    let keys = vm.heap.get_ref(d, D_KEYS);
    let cap = vm.heap.size(keys);
    let mut i = hash_bytes(key) & (cap - 1);
    loop {
        let k = vm.heap.get_ref(keys, i);
        if k.is_null() {
            return (i, false);
        }
        if vm.heap.bytes(k) == key {
            return (i, true);
        }
        i = (i + 1) & (cap - 1);
    }
}

fn grow(vm: &mut Vm, d: Ref) -> Result<(), Ref> {
    let keys = vm.heap.get_ref(d, D_KEYS);
    let vals = vm.heap.get_ref(d, D_VALUES);
    let old_cap = if keys.is_null() {
        0
    } else {
        vm.heap.size(keys)
    };
    let cap = (old_cap * 2).max(8);
    let page = vm.internal[sys::PAGE];
    let nk = vm.heap.alloc(page, 0, cap).map_err(|_| vm.oom())?;
    let nv = match vm.heap.alloc(page, 0, cap) {
        Ok(v) => v,
        Err(_) => {
            vm.heap.dec(nk);
            return Err(vm.oom());
        }
    };
    // Move the entries (their references move with them).
    for i in 0..old_cap {
        let k = vm.heap.get_ref(keys, i);
        if k.is_null() {
            continue;
        }
        let v = vm.heap.get_ref(vals, i);
        let mut j = hash_bytes(vm.heap.bytes(k)) & (cap - 1);
        while !vm.heap.get_ref(nk, j).is_null() {
            j = (j + 1) & (cap - 1);
        }
        vm.heap.set(nk, j, k.0);
        vm.heap.set(nv, j, v.0);
        vm.heap.set(keys, i, 0);
        vm.heap.set(vals, i, 0);
    }
    vm.heap.put_ref(d, D_KEYS, nk);
    vm.heap.put_ref(d, D_VALUES, nv);
    Ok(())
}

/// Puts an owned value under `key` (replacing any old value).
pub(crate) fn dir_put(vm: &mut Vm, d: Ref, key: &[u8], v: Ref) -> Result<(), Ref> {
    let keys = vm.heap.get_ref(d, D_KEYS);
    let count = vm.heap.get(d, D_COUNT);
    if keys.is_null() || (count + 1) * 4 > vm.heap.size(keys) * 3 {
        if let Err(x) = grow(vm, d) {
            vm.heap.dec(v);
            return Err(x);
        }
    }
    let (i, present) = find(vm, d, key);
    let keys = vm.heap.get_ref(d, D_KEYS);
    let vals = vm.heap.get_ref(d, D_VALUES);
    if !present {
        let k = match vm.new_string(key) {
            Ok(k) => k,
            Err(x) => {
                vm.heap.dec(v);
                return Err(x);
            }
        };
        vm.heap.set(keys, i, k.0);
        vm.heap.set(d, D_COUNT, count + 1);
    }
    vm.heap.put_ref(vals, i, v);
    Ok(())
}

fn put(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::DIRECTORY)?;
    let key = str_arg(vm, args, 0)?;
    let v = arg(vm, args, 1)?;
    vm.heap.inc(v);
    dir_put(vm, this, &key, v)?;
    ret_int(vm, 0)
}

fn dir_get(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::DIRECTORY)?;
    let key = str_arg(vm, args, 0)?;
    if vm.heap.get_ref(this, D_KEYS).is_null() {
        return Ok(Ref::NULL);
    }
    let (i, present) = find(vm, this, &key);
    if !present {
        return Ok(Ref::NULL);
    }
    let v = vm.heap.get_ref(vm.heap.get_ref(this, D_VALUES), i);
    ret_obj(vm, v)
}

/// Returns 0 when removed, 2 (ENOENT) when the key was absent.
fn remove(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::DIRECTORY)?;
    let key = str_arg(vm, args, 0)?;
    if vm.heap.get_ref(this, D_KEYS).is_null() {
        return ret_int(vm, 2);
    }
    let (mut i, present) = find(vm, this, &key);
    if !present {
        return ret_int(vm, 2);
    }
    let keys = vm.heap.get_ref(this, D_KEYS);
    let vals = vm.heap.get_ref(this, D_VALUES);
    let cap = vm.heap.size(keys);
    vm.heap.put_ref(keys, i, Ref::NULL);
    vm.heap.put_ref(vals, i, Ref::NULL);
    // Backward-shift the cluster that follows.
    let mut j = (i + 1) & (cap - 1);
    loop {
        let k = vm.heap.get_ref(keys, j);
        if k.is_null() {
            break;
        }
        let home = hash_bytes(vm.heap.bytes(k)) & (cap - 1);
        // Move k to i if its home is not in (i, j] cyclically.
        let between = if i <= j {
            i < home && home <= j
        } else {
            i < home || home <= j
        };
        if !between {
            let v = vm.heap.get_ref(vals, j);
            vm.heap.set(keys, i, k.0);
            vm.heap.set(vals, i, v.0);
            vm.heap.set(keys, j, 0);
            vm.heap.set(vals, j, 0);
            i = j;
        }
        j = (j + 1) & (cap - 1);
    }
    let c = vm.heap.get(this, D_COUNT);
    vm.heap.set(this, D_COUNT, c - 1);
    ret_int(vm, 0)
}

fn dir_size(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::DIRECTORY)?;
    let c = vm.heap.get(this, D_COUNT);
    ret_int(vm, c as i32)
}

// ---- binaries: {length, bytes}

/// `.internal.binary`.
pub static BINARY: [Option<Native>; 11] = build(&[
    (5, binary_to_string),
    (8, get_byte),
    (9, set_byte),
    (10, set_range),
]);

fn binary_to_string(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::BINARY)?;
    let n = vm.heap.get(this, 0);
    ret_str(vm, format!("(binary, {n} bytes)").as_bytes())
}

fn byte_index(vm: &mut Vm, this: Ref, i: i32, what: &str) -> Result<usize, super::Fail> {
    let n = vm.heap.get(this, 0);
    if i < 0 || i as u32 >= n {
        return Err(throw(
            vm,
            &format!("{what}: index {i} out of range (size {n})"),
        ));
    }
    Ok(i as usize)
}

fn get_byte(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::BINARY)?;
    let i = int_arg(vm, args, 0)?;
    let i = byte_index(vm, this, i, "getByte")?;
    let b = vm.heap.bytes(this)[i];
    ret_int(vm, i32::from(b))
}

fn set_byte(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::BINARY)?;
    let i = int_arg(vm, args, 0)?;
    let v = int_arg(vm, args, 1)?;
    let i = byte_index(vm, this, i, "setByte")?;
    vm.heap.bytes_mut(this)[i] = v as u8;
    Ok(Ref::NULL)
}

/// `setRange(src, toPos, fromPos, len)`: copies `len` bytes of `src` from
/// `fromPos` to `toPos` of this binary.
fn set_range(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::BINARY)?;
    let src = arg(vm, args, 0)?;
    if !matches!(vm.sys_of(src), Some(sys::BINARY | sys::STRING)) {
        return Err(throw(vm, "setRange: the source is not a binary"));
    }
    let to = int_arg(vm, args, 1)?;
    let from = int_arg(vm, args, 2)?;
    let len = int_arg(vm, args, 3)?;
    let (dn, sn) = (vm.heap.get(this, 0) as i64, vm.heap.get(src, 0) as i64);
    let (to, from, len) = (i64::from(to), i64::from(from), i64::from(len));
    if to < 0 || from < 0 || len < 0 || to + len > dn || from + len > sn {
        return Err(throw(vm, &format!("setRange: range out of bounds (to {to}, from {from}, length {len}; sizes {dn} and {sn})")));
    }
    let data = vm.heap.bytes(src)[from as usize..(from + len) as usize].to_vec();
    vm.heap.bytes_mut(this)[to as usize..(to + len) as usize].copy_from_slice(&data);
    Ok(Ref::NULL)
}
