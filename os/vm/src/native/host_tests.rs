//! Natives with host resources, called directly: restarts (a second VM
//! over the same object memory), reaping of resources whose owners are
//! gone, HTTP, statistics across restarts.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use std::io::{Read, Write};
use std::net::{TcpListener, UdpSocket};
use std::time::{Duration, Instant};

use super::{table, Fail, NResult};
use crate::heap::{Ref, Region};
use crate::object::sys;
use crate::thread::{Thread, Wait};
use crate::vm::{Host, Vm};

/// Object memory that outlives a VM, so that a second VM restarts on it.
struct Memory(*mut u32, usize);

// SAFETY: the cells are only used by one VM at a time.
unsafe impl Send for Memory {}

impl Region for Memory {
    fn base(&mut self) -> *mut u32 {
        self.0
    }
    fn cells(&self) -> usize {
        self.1
    }
}

fn memory(cells: usize) -> (*mut u32, usize) {
    let m: &'static mut [u32] = Box::leak(alloc::vec![0u32; cells].into_boxed_slice());
    (m.as_mut_ptr(), cells)
}

struct TestHost(Instant);

impl Host for TestHost {
    fn stdout(&mut self, _: &[u8]) {}
    fn stderr(&mut self, _: &[u8]) {}
    fn now_ms(&self) -> u64 {
        self.0.elapsed().as_millis() as u64
    }
    fn wall_ms(&self) -> u64 {
        0
    }
    fn class_file(&mut self, _: &str) -> Option<Vec<u8>> {
        None
    }
    fn read_line(&mut self) -> Option<Vec<u8>> {
        None
    }
}

fn vm_on(mem: (*mut u32, usize), env: &[String]) -> Vm {
    Vm::new(
        Box::new(Memory(mem.0, mem.1)),
        Box::new(TestHost(Instant::now())),
        env,
    )
}

/// Calls native `ord` of `this`, running it again while it blocks on I/O.
fn call(vm: &mut Vm, this: Ref, ord: usize, args: &[Ref]) -> NResult {
    let id = vm.sys_of(this).expect("an internal object");
    let f = table(id)[ord].expect("a native");
    let mut th = Thread::new(0, Ref::NULL);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match f(vm, &mut th, this, args) {
            Err(Fail::Block(Wait::Io)) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(2));
            }
            r => return r,
        }
    }
}

fn int(vm: &mut Vm, v: i32) -> Ref {
    vm.box_int(v).unwrap()
}

fn text(vm: &Vm, r: Ref) -> String {
    String::from_utf8_lossy(vm.heap.bytes(r)).into_owned()
}

fn ok_int(vm: &Vm, r: NResult) -> i32 {
    match r {
        Ok(x) => vm.heap.get(x, 0) as i32,
        Err(Fail::Throw(x)) => panic!("threw {}", text(vm, x)),
        Err(e) => panic!("{e:?}"),
    }
}

fn ok_text(vm: &Vm, r: NResult) -> String {
    match r {
        Ok(x) => text(vm, x),
        Err(Fail::Throw(x)) => panic!("threw {}", text(vm, x)),
        Err(e) => panic!("{e:?}"),
    }
}

fn thrown(vm: &Vm, r: NResult) -> String {
    match r {
        Err(Fail::Throw(x)) => text(vm, x),
        Ok(x) => panic!("returned {}", vm.heap.get(x, 0)),
        Err(e) => panic!("{e:?}"),
    }
}

fn ci(vm: &mut Vm, this: Ref, ord: usize, args: &[Ref]) -> i32 {
    let r = call(vm, this, ord, args);
    ok_int(vm, r)
}

fn ct(vm: &mut Vm, this: Ref, ord: usize, args: &[Ref]) -> String {
    let r = call(vm, this, ord, args);
    ok_text(vm, r)
}

fn cx(vm: &mut Vm, this: Ref, ord: usize, args: &[Ref]) -> String {
    let r = call(vm, this, ord, args);
    thrown(vm, r)
}

fn new_obj(vm: &mut Vm, id: usize) -> Ref {
    let cls = vm.internal[id];
    vm.new_instance(cls).unwrap()
}

#[test]
fn tcp_connection_is_lost_after_a_restart_and_can_reconnect() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port() as i32;
    let mem = memory(1 << 20);
    let mut vm = vm_on(mem, &[]);
    let t = new_obj(&mut vm, sys::TCP);
    let (a, p) = (int(&mut vm, 0x7F00_0001), int(&mut vm, port));
    assert_eq!(ci(&mut vm, t, 16, &[a, p]), 0);
    let (mut peer, _) = l.accept().unwrap();
    let (d, z) = (vm.new_string(b"ping").unwrap(), int(&mut vm, 0));
    assert_eq!(ci(&mut vm, t, 19, &[d, z]), 4);
    let mut buf = [0u8; 4];
    peer.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"ping");
    assert_eq!(vm.epoch, 1);
    drop(vm);

    // The process is gone, so is the socket: the peer sees the end.
    assert_eq!(peer.read(&mut buf).unwrap(), 0);
    let mut vm = vm_on(mem, &[]);
    assert!(vm.restored);
    assert_eq!(vm.epoch, 2);
    assert!(ct(&mut vm, t, 5, &[]).contains("lost after restart"));
    let (d, z) = (vm.new_string(b"ping").unwrap(), int(&mut vm, 0));
    let e = cx(&mut vm, t, 19, &[d, z]);
    assert_eq!(e, "tcp send: connection lost after restart, reconnect");
    let (n, z) = (int(&mut vm, 10), int(&mut vm, 0));
    assert!(cx(&mut vm, t, 21, &[n, z]).contains("lost after restart"));
    // Reconnecting works.
    let (a, p) = (int(&mut vm, 0x7F00_0001), int(&mut vm, port));
    assert_eq!(ci(&mut vm, t, 16, &[a, p]), 0);
    let (mut peer, _) = l.accept().unwrap();
    peer.write_all(b"back").unwrap();
    let (n, z) = (int(&mut vm, 10), int(&mut vm, 0));
    assert_eq!(ct(&mut vm, t, 21, &[n, z]), "back");
}

#[test]
fn udp_port_is_bound_again_after_a_restart() {
    let mem = memory(1 << 20);
    let mut vm = vm_on(mem, &[]);
    let u = new_obj(&mut vm, sys::UDP);
    let zero = int(&mut vm, 0);
    assert_eq!(ci(&mut vm, u, 16, &[zero]), 0);
    let port = vm.heap.get(u, 2) as u16;
    assert_ne!(port, 0);
    drop(vm);

    let mut vm = vm_on(mem, &[]);
    assert!(ct(&mut vm, u, 5, &[]).contains("to bind again after restart"));
    let s = UdpSocket::bind("127.0.0.1:0").unwrap();
    let f = table(sys::UDP)[21].unwrap();
    let mut th = Thread::new(0, Ref::NULL);
    let (n, z) = (int(&mut vm, 100), int(&mut vm, 0));
    // The first use binds the port again; nothing has arrived yet.
    assert!(matches!(
        f(&mut vm, &mut th, u, &[n, z]),
        Err(Fail::Block(Wait::Io))
    ));
    assert!(ct(&mut vm, u, 5, &[]).contains(&alloc::format!("bound to port {port}")));
    s.send_to(b"after restart", ("127.0.0.1", port)).unwrap();
    assert_eq!(ct(&mut vm, u, 21, &[n, z]), "after restart");
}

#[test]
fn files_are_reopened_by_name_after_a_restart() {
    let dir = std::env::temp_dir().join(alloc::format!("phantom-io-test-{}", std::process::id()));
    let env = [alloc::format!("io.root={}", dir.display())];
    let mem = memory(1 << 20);
    let mut vm = vm_on(mem, &env);
    let f = new_obj(&mut vm, sys::IO);
    let name = vm.new_string(b"restart.txt").unwrap();
    assert_eq!(ci(&mut vm, f, 8, &[name]), 0);
    let d = vm.new_string(b"persistent bytes").unwrap();
    assert_eq!(ci(&mut vm, f, 11, &[d]), 16);
    assert_eq!(
        std::fs::read(dir.join("restart.txt")).unwrap(),
        b"persistent bytes"
    );
    drop(vm);

    let mut vm = vm_on(mem, &env);
    let n = int(&mut vm, 10);
    assert_eq!(ct(&mut vm, f, 10, &[n]), "persistent");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn statistics_of_previous_runs_are_kept() {
    let mem = memory(1 << 20);
    let mut vm = vm_on(mem, &[]);
    let st = new_obj(&mut vm, sys::STAT);
    vm.host_handles.counters.dns_req = 5;
    let (c, k) = (int(&mut vm, 16), int(&mut vm, 2));
    assert_eq!(ci(&mut vm, st, 16, &[c, k]), 5);
    drop(vm);

    let mut vm = vm_on(mem, &[]);
    vm.host_handles.counters.dns_req = 2;
    let stat = |vm: &mut Vm, n: i32, kind: i32| {
        let (c, k) = (int(vm, n), int(vm, kind));
        ci(vm, st, 16, &[c, k])
    };
    assert_eq!(stat(&mut vm, 16, 2), 2);
    assert_eq!(stat(&mut vm, 16, 3), 5);
    assert_eq!(stat(&mut vm, 16, 4), 7);
    assert_eq!(stat(&mut vm, 0, 2), 1);
    assert_eq!(stat(&mut vm, 0, 3), 1);
    assert_eq!(stat(&mut vm, 0, 4), 2);
    drop(vm);

    let mut vm = vm_on(mem, &[]);
    assert_eq!(stat(&mut vm, 16, 3), 7);
    assert_eq!(stat(&mut vm, 16, 2), 0);
}

#[test]
fn resources_of_freed_objects_are_closed() {
    let mut vm = vm_on(memory(1 << 20), &[]);
    let a = new_obj(&mut vm, sys::UDP);
    let zero = int(&mut vm, 0);
    assert_eq!(ci(&mut vm, a, 16, &[zero]), 0);
    assert_eq!(vm.host_handles.open_count(), 1);
    vm.heap.dec(a);
    // Another object of the same class may now take the freed block.
    let b = new_obj(&mut vm, sys::UDP);
    assert_eq!(ci(&mut vm, b, 16, &[zero]), 0);
    assert_eq!(
        vm.host_handles.open_count(),
        1,
        "the freed socket was closed"
    );
    let c = new_obj(&mut vm, sys::UDP);
    assert_eq!(ci(&mut vm, c, 16, &[zero]), 0);
    assert_eq!(vm.host_handles.open_count(), 2, "live sockets stay open");
}

#[test]
fn curl_gets_the_body_and_sends_headers() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let mut req = Vec::new();
        let mut buf = [0u8; 512];
        while !req.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = s.read(&mut buf).unwrap();
            assert!(n > 0);
            req.extend_from_slice(&buf[..n]);
        }
        s.write_all(b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
            .unwrap();
        String::from_utf8(req).unwrap()
    });
    let mut vm = vm_on(memory(1 << 20), &[]);
    let t = new_obj(&mut vm, sys::TCP);
    let url = vm
        .new_string(alloc::format!("http://127.0.0.1:{port}/a/b").as_bytes())
        .unwrap();
    let hdr = vm.new_string(b"X-Phantom: 1\r\n").unwrap();
    assert_eq!(ct(&mut vm, t, 24, &[url, hdr]), "hello world");
    let req = server.join().unwrap().to_ascii_lowercase();
    assert!(req.starts_with("get /a/b http/1.1\r\n"), "{req}");
    assert!(req.contains("x-phantom: 1\r\n"), "{req}");
    // Nobody listens any more: an empty string.
    assert_eq!(ct(&mut vm, t, 24, &[url, hdr]), "");
}

#[test]
fn every_declared_native_method_exists() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stdlib-ph/internal");
    let mut checked = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let class = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("class "))
            .expect("a class declaration")
            .trim()
            .replace('"', "");
        let id = crate::object::internal_index(&class)
            .unwrap_or_else(|| panic!("{class} is not internal"));
        let own = table(id);
        let defaults = table(sys::VOID);
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let Some(at) = line.rfind("] {}") else {
                continue;
            };
            let open = line[..at].rfind('[').unwrap();
            let ord: usize = line[open + 1..at].parse().unwrap();
            let found = own.get(ord).copied().flatten().is_some()
                || (ord < 16 && defaults.get(ord).copied().flatten().is_some());
            assert!(
                found,
                "{class} declares ordinal {ord} but has no native for it: {line}"
            );
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} declarations");
}
