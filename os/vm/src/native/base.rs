//! The default protocol, numbers, classes, the bootstrap object, threads,
//! world and time.

use alloc::format;
use alloc::string::String;

use super::{
    arg, build, int_arg, ret_int, ret_obj, ret_str, text_of, this_is, throw, NResult, Native,
};
use crate::heap::{flags as F, Ref};
use crate::object::{class as C, sys, thread as T};
use crate::thread::{Thread, Wait};
use crate::vm::{root, Vm};

/// `.internal.object`: what every object can do (ordinals 0–15).
pub static OBJECT: [Option<Native>; 16] = build(&[
    (0, nothing),
    (1, nothing),
    (2, get_class),
    (3, clone),
    (4, same),
    (5, to_string),
    (6, to_xml),
    (7, from_xml),
    (14, set_immutable),
    (15, identity_hash),
]);

/// Classes with no methods of their own beyond `toString` (their name).
pub static NAMED: [Option<Native>; 6] = build(&[(5, to_string)]);

fn nothing(_: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Ok(Ref::NULL)
}

fn get_class(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let c = if this.is_null() {
        vm.internal[sys::VOID]
    } else {
        vm.heap.class_of(this)
    };
    ret_obj(vm, c)
}

/// A shallow copy of a regular object (internal objects have their own).
fn clone(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    if this.is_null() || vm.heap.flags(this) & F::IS_INTERNAL != 0 {
        let d = vm.describe(this);
        return Err(throw(vm, &format!("cannot clone {d}")));
    }
    let cls = vm.heap.class_of(this);
    let n = vm.heap.size(this);
    let c = vm.heap.alloc(cls, 0, n).map_err(|_| vm.oom())?;
    for i in 0..n {
        let r = vm.heap.get_ref(this, i);
        vm.heap.inc(r);
        vm.heap.set(c, i, r.0);
    }
    Ok(c)
}

fn same(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let o = arg(vm, args, 0)?;
    ret_int(vm, (o == this) as i32)
}

fn to_string(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let t = text_of(vm, this);
    ret_str(vm, &t)
}

fn to_xml(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let name = if this.is_null() {
        String::from("null")
    } else {
        vm.heap.class_name(vm.heap.class_of(this))
    };
    ret_str(vm, format!("<object class=\"{name}\"/>").as_bytes())
}

fn from_xml(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Err(throw(vm, "fromXML is not supported"))
}

pub(crate) fn set_immutable(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    if !this.is_null() {
        let f = vm.heap.flags(this);
        vm.heap.set_flags(this, f | F::IS_IMMUTABLE);
    }
    Ok(Ref::NULL)
}

fn identity_hash(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let h = this.0.wrapping_mul(0x9E37_79B9) >> 1;
    ret_int(vm, h as i32)
}

// ---- numbers

/// `.internal.int`, `.long`, `.float`, `.double`.
pub static NUMBER: [Option<Native>; 16] = build(&[
    (3, num_clone),
    (4, num_equals),
    (5, to_string),
    (6, num_xml),
    (15, num_hash),
]);

fn num_clone(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    // Boxes are immutable, so the box itself is as good as a copy.
    ret_obj(vm, this)
}

fn num_equals(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let o = arg(vm, args, 0)?;
    let eq = !o.is_null()
        && vm.heap.class_of(o) == vm.heap.class_of(this)
        && (0..vm.heap.size(this)).all(|i| vm.heap.get(o, i) == vm.heap.get(this, i));
    ret_int(vm, eq as i32)
}

fn num_xml(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let tag = match vm.sys_of(this) {
        Some(sys::INT) => "int",
        Some(sys::LONG) => "long",
        Some(sys::FLOAT) => "float",
        _ => "double",
    };
    let v = super::number_text(vm, this);
    ret_str(vm, format!("<{tag}>{v}</{tag}>").as_bytes())
}

fn num_hash(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let mut h = 0u32;
    for i in 0..vm.heap.size(this) {
        h = h.wrapping_mul(31).wrapping_add(vm.heap.get(this, i));
    }
    ret_int(vm, h as i32)
}

// ---- classes

/// `.internal.class`.
pub static CLASS: [Option<Native>; 15] = build(&[
    (5, class_to_string),
    (8, new_class),
    (10, set_static),
    (11, get_static),
    (14, instance_of),
]);

fn class_to_string(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let n = vm.heap.class_name(this);
    ret_str(vm, n.as_bytes())
}

fn new_class(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Err(throw(
        vm,
        "newClass: classes are made by loading class files",
    ))
}

fn statics(vm: &mut Vm, cls: Ref) -> Result<Ref, super::Fail> {
    let s = vm.heap.get_ref(cls, C::STATICS);
    if !s.is_null() {
        return Ok(s);
    }
    let a = vm.new_array()?;
    vm.heap.saturate(a);
    vm.heap.set(cls, C::STATICS, a.0);
    Ok(a)
}

fn set_static(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let slot = int_arg(vm, args, 0)?;
    let v = arg(vm, args, 1)?;
    if !(0..65536).contains(&slot) {
        return Err(throw(vm, &format!("setStatic: slot {slot} out of range")));
    }
    let s = statics(vm, this)?;
    vm.heap.inc(v);
    vm.array_set(s, slot as u32, v)?;
    Ok(Ref::NULL)
}

fn get_static(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let slot = int_arg(vm, args, 0)?;
    let s = statics(vm, this)?;
    let v = if slot < 0 {
        Ref::NULL
    } else {
        vm.array_get(s, slot as u32)
    };
    ret_obj(vm, v)
}

fn instance_of(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let o = arg(vm, args, 0)?;
    let r = vm.is_instance(o, this);
    ret_int(vm, r as i32)
}

// ---- bootstrap object

/// `.internal.boot`, the object the boot class and `run` methods get.
pub static BOOT: [Option<Native>; 25] = build(&[
    (5, to_string),
    (8, load_class),
    (16, console_print),
    (17, set_class_loader),
    (18, start_thread),
    (19, create_binary),
    (20, set_screen_background),
    (21, sleep),
    (22, set_os_interface),
    (23, kernel_environment),
    (24, reboot),
]);

fn load_class(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let name = super::str_arg(vm, args, 0)?;
    let name = String::from_utf8_lossy(&name).into_owned();
    match vm.find_class(&name) {
        Ok(c) => ret_obj(vm, c),
        Err(e) => Err(throw(vm, &format!("{name} - class load error: {e}"))),
    }
}

fn console_print(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    for &a in args {
        let t = text_of(vm, a);
        vm.host.stdout(&t);
    }
    Ok(Ref::NULL)
}

fn set_root_slot(vm: &mut Vm, slot: u32, v: Ref) {
    vm.heap.inc(v);
    let root = vm.root;
    vm.heap.put_ref(root, slot, v);
}

fn set_class_loader(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let cl = arg(vm, args, 0)?;
    set_root_slot(vm, root::CLASS_LOADER, cl);
    Ok(Ref::NULL)
}

fn start_thread(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let o = arg(vm, args, 0)?;
    if o.is_null() {
        return Err(throw(vm, "startThread: null object"));
    }
    vm.heap.inc(o);
    vm.heap.inc(this);
    vm.spawn(o, 8, &[this])?;
    Ok(Ref::NULL)
}

fn create_binary(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let n = int_arg(vm, args, 0)?;
    if !(0..=1 << 30).contains(&n) {
        return Err(throw(vm, &format!("createBinary: bad size {n}")));
    }
    let cls = vm.internal[sys::BINARY];
    let fl = crate::object::INTERNAL[sys::BINARY].flags;
    let zeros = alloc::vec![0u8; n as usize];
    Ok(vm.heap.new_bytes(cls, fl, &zeros).map_err(|_| vm.oom())?)
}

fn set_screen_background(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let bg = arg(vm, args, 0)?;
    if vm.sys_of(bg) != Some(sys::BITMAP) {
        return Err(throw(vm, "setScreenBackground: not a bitmap"));
    }
    Err(throw(
        vm,
        "setScreenBackground: the hosted runtime has no screen (graphics are not implemented yet)",
    ))
}

/// Sleeps; restartable: the deadline is kept in the thread while it waits.
pub(crate) fn sleep_ms(vm: &mut Vm, th: &mut Thread, ms: i64) -> NResult {
    let now = vm.host.now_ms();
    if th.native[0] == 0 {
        th.native[0] = 1;
        th.native[1] = now + ms.max(0) as u64;
    }
    if now >= th.native[1] {
        th.native = [0; 2];
        return Ok(Ref::NULL);
    }
    Err(super::Fail::Block(Wait::Until(th.native[1])))
}

fn sleep(vm: &mut Vm, th: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let ms = int_arg(vm, args, 0)?;
    sleep_ms(vm, th, i64::from(ms))
}

fn set_os_interface(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let oi = arg(vm, args, 0)?;
    set_root_slot(vm, root::OS_ENTRY, oi);
    Ok(Ref::NULL)
}

fn kernel_environment(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    let e = vm.heap.get_ref(vm.root, root::ENV);
    ret_obj(vm, e)
}

fn reboot(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Err(throw(vm, "reboot: not possible in the hosted runtime"))
}

// ---- threads

/// `.internal.thread`.
pub static THREAD: [Option<Native>; 15] = build(&[
    (5, to_string),
    (10, not_this_way),
    (11, not_this_way),
    (12, get_environment),
    (13, get_user),
    (14, get_os_interface),
]);

fn not_this_way(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Err(throw(vm, "Not this way: threads are paused by the VM only"))
}

/// The thread's `.phantom.environment`, made on first use with its
/// constructor run.
fn get_environment(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::THREAD)?;
    let env = vm.heap.get_ref(this, T::ENV);
    if !env.is_null() {
        return ret_obj(vm, env);
    }
    let cls = match vm.find_class(".phantom.environment") {
        Ok(c) => c,
        Err(e) => return Err(throw(vm, &format!("getEnvironment: {e}"))),
    };
    let obj = vm.new_instance(cls)?;
    if let Some(ord) = vm.constructor_ordinal(cls) {
        vm.heap.inc(obj);
        let r = vm.call_sync(obj, ord, &[])?;
        vm.heap.dec(r);
    }
    vm.heap.inc(obj);
    vm.heap.put_ref(this, T::ENV, obj);
    Ok(obj)
}

fn get_user(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::THREAD)?;
    let u = vm.heap.get_ref(this, T::OWNER);
    ret_obj(vm, u)
}

fn get_os_interface(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    let o = vm.heap.get_ref(vm.root, root::OS_ENTRY);
    ret_obj(vm, o)
}

/// `.internal.world`.
pub static WORLD: [Option<Native>; 9] = build(&[(5, to_string), (8, my_thread)]);

fn my_thread(vm: &mut Vm, th: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    ret_obj(vm, th.obj)
}

/// `.internal.time`.
pub static TIME: [Option<Native>; 17] = build(&[(5, to_string), (16, unix_time)]);

fn unix_time(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    let s = vm.host.wall_ms() / 1000;
    ret_int(vm, s as i32)
}
