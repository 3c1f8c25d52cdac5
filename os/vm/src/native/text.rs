//! `.internal.string` and the console `.internal.io.tty`.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{
    arg, build, hash_bytes, int_arg, ret_int, ret_obj, ret_str, str_arg, text_of, this_is, throw,
    Fail, NResult, Native,
};
use crate::heap::Ref;
use crate::object::sys;
use crate::thread::Thread;
use crate::vm::Vm;

/// `.internal.string`.
pub static STRING: [Option<Native>; 21] = build(&[
    (3, s_clone),
    (4, s_equals),
    (5, s_to_string),
    (8, substring),
    (9, char_at),
    (10, concat),
    (11, length),
    (12, strstr),
    (14, super::base::set_immutable),
    (15, s_hash),
    (16, to_int),
    (17, to_long),
    (20, parse_json),
]);

fn bytes_of(vm: &mut Vm, this: Ref) -> Result<Vec<u8>, Fail> {
    this_is(vm, this, sys::STRING)?;
    Ok(vm.heap.bytes(this).to_vec())
}

fn s_clone(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let b = bytes_of(vm, this)?;
    ret_str(vm, &b)
}

fn s_equals(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::STRING)?;
    let o = arg(vm, args, 0)?;
    let eq = vm.sys_of(o) == Some(sys::STRING) && vm.heap.bytes(o) == vm.heap.bytes(this);
    ret_int(vm, eq as i32)
}

fn s_to_string(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    ret_obj(vm, this)
}

fn substring(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let b = bytes_of(vm, this)?;
    let index = int_arg(vm, args, 0)?;
    let len = int_arg(vm, args, 1)?;
    if index < 0 || index as usize > b.len() || (index as usize == b.len() && !b.is_empty()) {
        return Err(throw(
            vm,
            &format!("substring: index {index} out of range (length {})", b.len()),
        ));
    }
    if len < 0 {
        return Err(throw(vm, &format!("substring: negative length {len}")));
    }
    let start = index as usize;
    let end = (start + len as usize).min(b.len());
    ret_str(vm, &b[start..end])
}

fn char_at(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let b = bytes_of(vm, this)?;
    let i = int_arg(vm, args, 0)?;
    match usize::try_from(i).ok().and_then(|i| b.get(i)) {
        Some(&c) => ret_int(vm, i32::from(c)),
        None => Err(throw(
            vm,
            &format!("charAt: index {i} out of range (length {})", b.len()),
        )),
    }
}

fn concat(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let mut b = bytes_of(vm, this)?;
    let o = arg(vm, args, 0)?;
    // Any object concatenates as its text (strings as themselves).
    let t = text_of(vm, o);
    b.extend_from_slice(&t);
    ret_str(vm, &b)
}

fn length(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::STRING)?;
    let n = vm.heap.get(this, 0);
    ret_int(vm, n as i32)
}

fn strstr(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    let b = bytes_of(vm, this)?;
    let s = str_arg(vm, args, 0)?;
    let pos = if s.is_empty() {
        Some(0)
    } else {
        b.windows(s.len()).position(|w| w == s.as_slice())
    };
    ret_int(vm, pos.map_or(-1, |p| p as i32))
}

fn s_hash(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let b = bytes_of(vm, this)?;
    ret_int(vm, hash_bytes(&b) as i32)
}

/// Leading decimal number like C's `atoi`: optional spaces and sign, digits.
fn parse_leading(b: &[u8]) -> i64 {
    let s = String::from_utf8_lossy(b);
    let s = s.trim_start();
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut v: i64 = 0;
    for c in digits.bytes().take_while(u8::is_ascii_digit) {
        v = v.wrapping_mul(10).wrapping_add(i64::from(c - b'0'));
    }
    if neg {
        v.wrapping_neg()
    } else {
        v
    }
}

fn to_int(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let b = bytes_of(vm, this)?;
    ret_int(vm, parse_leading(&b) as i32)
}

fn to_long(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let b = bytes_of(vm, this)?;
    Ok(vm.box64(sys::LONG, parse_leading(&b) as u64)?)
}

/// JSON text → objects: objects become directories, arrays arrays, strings
/// strings, integers ints (longs when they do not fit), other numbers
/// doubles, booleans ints 1/0, null null.
fn parse_json(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    let b = bytes_of(vm, this)?;
    let v: serde_json::Value = match serde_json::from_slice(&b) {
        Ok(v) => v,
        Err(e) => return Err(throw(vm, &format!("parseJson: {e}"))),
    };
    Ok(json_to_object(vm, &v)?)
}

fn json_to_object(vm: &mut Vm, v: &serde_json::Value) -> Result<Ref, Ref> {
    use serde_json::Value;
    match v {
        Value::Null => Ok(Ref::NULL),
        Value::Bool(b) => vm.box_int(*b as i32),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                match i32::try_from(i) {
                    Ok(i) => vm.box_int(i),
                    Err(_) => vm.box64(sys::LONG, i as u64),
                }
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                vm.box64(sys::DOUBLE, f.to_bits())
            }
        }
        Value::String(s) => vm.new_string(s.as_bytes()),
        Value::Array(items) => {
            let a = vm.new_array()?;
            for (i, item) in items.iter().enumerate() {
                let o = match json_to_object(vm, item) {
                    Ok(o) => o,
                    Err(x) => {
                        vm.heap.dec(a);
                        return Err(x);
                    }
                };
                if let Err(x) = vm.array_set(a, i as u32, o) {
                    vm.heap.dec(a);
                    return Err(x);
                }
            }
            Ok(a)
        }
        Value::Object(map) => {
            let d = vm.new_instance(vm.internal[sys::DIRECTORY])?;
            for (k, item) in map {
                let o = json_to_object(vm, item).inspect_err(|_| vm.heap.dec(d))?;
                if let Err(x) = super::containers::dir_put(vm, d, k.as_bytes(), o) {
                    vm.heap.dec(d);
                    return Err(x);
                }
            }
            Ok(d)
        }
    }
}

// ---- console

/// `.internal.io.tty`: the console, on the host's standard streams. Cursor
/// and colour methods write ANSI escape sequences.
pub static TTY: [Option<Native>; 27] = build(&[
    (5, tty_name),
    (16, getwc),
    (17, putws),
    (18, tty_debug),
    (19, gotoxy),
    (20, clear),
    (21, setcolor),
    (24, ignore_window_op),
    (25, set_title),
    (26, setbgcolor),
]);

fn tty_name(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    ret_str(vm, b"tty")
}

/// Restartable: while no line has arrived the thread blocks (and a
/// snapshot taken meanwhile re-runs the call after a restart).
fn getwc(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    match vm.host.poll_line() {
        crate::vm::Input::Line(line) => ret_str(vm, &line),
        crate::vm::Input::Waiting => Err(super::Fail::Block(crate::thread::Wait::Io)),
        crate::vm::Input::End => Ok(Ref::NULL),
    }
}

fn putws(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let o = arg(vm, args, 0)?;
    let t = text_of(vm, o);
    vm.host.stdout(&t);
    Ok(Ref::NULL)
}

fn tty_debug(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let o = arg(vm, args, 0)?;
    let d = vm.describe(o);
    let t = text_of(vm, o);
    let line = format!("[debug] {d}: {}\n", String::from_utf8_lossy(&t));
    vm.host.stderr(line.as_bytes());
    Ok(Ref::NULL)
}

fn gotoxy(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let x = int_arg(vm, args, 0)?;
    let y = int_arg(vm, args, 1)?;
    let s = format!("\x1b[{};{}H", y.max(0) + 1, x.max(0) + 1);
    vm.host.stdout(s.as_bytes());
    Ok(Ref::NULL)
}

fn clear(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    vm.host.stdout(b"\x1b[2J\x1b[H");
    Ok(Ref::NULL)
}

/// Phantom colours are 0–7 (foreground) as in the text console.
fn setcolor(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let c = int_arg(vm, args, 0)?;
    let s = format!("\x1b[{}m", 30 + (c & 7));
    vm.host.stdout(s.as_bytes());
    Ok(Ref::NULL)
}

fn setbgcolor(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let c = int_arg(vm, args, 0)?;
    let s = format!("\x1b[{}m", 40 + (c & 7));
    vm.host.stdout(s.as_bytes());
    Ok(Ref::NULL)
}

fn set_title(vm: &mut Vm, _: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
    let t = str_arg(vm, args, 0)?;
    let mut s = b"\x1b]0;".to_vec();
    s.extend_from_slice(&t);
    s.push(7);
    vm.host.stdout(&s);
    Ok(Ref::NULL)
}

/// Moving the console window means nothing on a terminal.
fn ignore_window_op(_: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Ok(Ref::NULL)
}
