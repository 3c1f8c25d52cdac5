//! Networking: `.internal.tcp`, `.internal.udp`, `.internal.net` (name
//! lookup) and `.internal.http`.
//!
//! Sockets are host sockets in the per-process handle table
//! ([`super::handles`]); the objects keep `{handle, epoch}` in their first
//! two data cells (UDP also the bound port in the third). Sockets are
//! non-blocking: a call that would block returns
//! [`Wait::Io`](crate::thread::Wait::Io) and runs again later, so other VM
//! threads go on. Connecting, HTTP requests and name lookups run on helper
//! host threads ([`super::handles::job`]).
//!
//! IPv4 addresses are ints with the first octet in the top byte
//! (`127.0.0.1` is `0x7F000001`). Results that are errnos use the Linux
//! numbers.
//!
//! Without the `std` feature every method throws.

use super::{build, NResult, Native};
use crate::heap::Ref;
use crate::thread::Thread;
use crate::vm::Vm;

/// `.internal.tcp`.
pub static TCP: [Option<Native>; 25] = build(&[
    (5, imp::tcp_to_string),
    (16, imp::tcp_connect),
    (17, imp::tcp_disconnect),
    (19, imp::tcp_send),
    (21, imp::tcp_recv),
    (23, imp::tcp_accept),
    (24, imp::tcp_curl),
]);

/// `.internal.udp` (the original wired this class to the TCP table).
pub static UDP: [Option<Native>; 26] = build(&[
    (5, imp::udp_to_string),
    (16, imp::udp_bind),
    (19, imp::udp_send),
    (21, imp::udp_recv),
    (23, imp::udp_recv_from),
    (25, imp::udp_send_to),
]);

/// `.internal.net`.
pub static NET: [Option<Native>; 17] = build(&[(5, net_to_string), (16, imp::net_resolve)]);

/// `.internal.http`.
pub static HTTP: [Option<Native>; 17] = build(&[(5, http_to_string), (16, http_resolve)]);

fn net_to_string(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    super::ret_str(vm, b"(net)")
}

fn http_to_string(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    super::ret_str(vm, b"(http)")
}

fn http_resolve(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    Err(super::throw(
        vm,
        "http.resolve is not available in the hosted runtime: use .internal.tcp.curl [24] for HTTP requests",
    ))
}

#[cfg(not(feature = "std"))]
mod imp {
    //! Without `std` there are no host sockets.
    use super::super::{throw, NResult};
    use crate::heap::Ref;
    use crate::thread::Thread;
    use crate::vm::Vm;

    macro_rules! no_net {
        ($($f:ident),*) => {
            $(
                pub fn $f(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
                    Err(throw(vm, "networking is not available in this build of the VM (no std)"))
                }
            )*
        };
    }

    no_net!(
        tcp_to_string,
        tcp_connect,
        tcp_disconnect,
        tcp_send,
        tcp_recv,
        tcp_accept,
        tcp_curl,
        udp_to_string,
        udp_bind,
        udp_send,
        udp_recv,
        udp_recv_from,
        udp_send_to,
        net_resolve
    );
}

#[cfg(feature = "std")]
mod imp {
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;
    use std::io::{ErrorKind, Read, Write};
    use std::net::{
        Ipv4Addr, SocketAddr, SocketAddrV4, TcpListener, TcpStream, ToSocketAddrs, UdpSocket,
    };
    use std::time::Duration;

    use super::super::handles::{attach, cells, clear_cells, job, Cells, JobOut, Res};
    use super::super::{arg, int_arg, ret_int, ret_str, str_arg, this_is, throw, Fail, NResult};
    use crate::heap::Ref;
    use crate::object::sys;
    use crate::thread::{Thread, Wait};
    use crate::vm::Vm;

    const H: u32 = 0;
    const U_PORT: u32 = 2;

    const EISCONN: i32 = 106;
    const ENOTCONN: i32 = 107;
    const EIO: i32 = 5;

    /// Longest URL and header text `curl` takes, as in the original.
    const CURL_MAX: usize = 1024;
    /// Largest HTTP body `curl` reads.
    const CURL_BODY_MAX: u64 = 64 << 20;
    /// Largest single receive.
    const RECV_MAX: i32 = 1 << 20;

    /// Whether a non-blocking call found nothing to do yet.
    fn would_block(e: &std::io::Error) -> bool {
        matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted)
    }

    /// A socket call's error: wait and run again if it would block,
    /// otherwise throw `what: error`.
    fn io_fail(vm: &mut Vm, e: &std::io::Error, what: &str) -> Fail {
        if would_block(e) {
            Fail::Block(Wait::Io)
        } else {
            throw(vm, &format!("{what}: {e}"))
        }
    }

    fn errno(e: &std::io::Error) -> i32 {
        e.raw_os_error().unwrap_or(EIO)
    }

    fn lost(vm: &mut Vm, what: &str) -> Fail {
        throw(
            vm,
            &format!("{what}: connection lost after restart, reconnect"),
        )
    }

    fn port_arg(vm: &mut Vm, args: &[Ref], i: usize, what: &str) -> Result<u16, Fail> {
        let p = int_arg(vm, args, i)?;
        u16::try_from(p).map_err(|_| throw(vm, &format!("{what}: bad port {p}")))
    }

    fn addr_of(a: i32, port: u16) -> SocketAddr {
        SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::from(a as u32), port))
    }

    /// Bytes of a string or binary argument.
    fn data_arg(vm: &mut Vm, args: &[Ref], i: usize, what: &str) -> Result<Vec<u8>, Fail> {
        let d = arg(vm, args, i)?;
        match vm.sys_of(d) {
            Some(sys::STRING | sys::BINARY) => Ok(vm.heap.bytes(d).to_vec()),
            _ => {
                let desc = vm.describe(d);
                Err(throw(
                    vm,
                    &format!("{what}: the data must be a string or a binary, not {desc}"),
                ))
            }
        }
    }

    fn no_flags(vm: &mut Vm, args: &[Ref], i: usize, what: &str) -> Result<(), Fail> {
        let f = int_arg(vm, args, i)?;
        if f != 0 {
            return Err(throw(
                vm,
                &format!("{what}: flags {f} are not supported (pass 0)"),
            ));
        }
        Ok(())
    }

    fn max_bytes(vm: &mut Vm, args: &[Ref], i: usize, what: &str) -> Result<usize, Fail> {
        let n = int_arg(vm, args, i)?;
        if !(1..=RECV_MAX).contains(&n) {
            return Err(throw(
                vm,
                &format!("{what}: bad byte count {n} (1..{RECV_MAX})"),
            ));
        }
        Ok(n as usize)
    }

    // ---- tcp: {handle, epoch}

    pub fn tcp_to_string(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
        this_is(vm, this, sys::TCP)?;
        let s = match cells(vm, this, H) {
            Cells::None => String::from("(tcp socket, not connected)"),
            Cells::Stale => String::from("(tcp socket, connection lost after restart)"),
            Cells::Live(h) => match vm.host_handles.get(h) {
                Some(Res::Tcp(s)) => match s.peer_addr() {
                    Ok(a) => format!("(tcp socket, connected to {a})"),
                    Err(_) => String::from("(tcp socket, disconnected by the peer)"),
                },
                Some(Res::Listener(_, port)) => format!("(tcp socket, listening on port {port})"),
                _ => String::from("(tcp socket, closed)"),
            },
        };
        ret_str(vm, s.as_bytes())
    }

    /// `connect(addr, port)`: 0, or an errno.
    pub fn tcp_connect(vm: &mut Vm, th: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::TCP)?;
        let a = int_arg(vm, args, 0)?;
        let port = port_arg(vm, args, 1, "tcp connect")?;
        if th.native == [0; 2] {
            if let Cells::Live(_) = cells(vm, this, H) {
                return ret_int(vm, EISCONN);
            }
        }
        let to = addr_of(a, port);
        let out = job(vm, th, move || {
            match TcpStream::connect_timeout(&to, Duration::from_secs(30)) {
                Ok(s) => JobOut::Stream(s),
                Err(e) => JobOut::Io(e),
            }
        })?;
        match out {
            JobOut::Stream(s) => {
                if let Err(e) = s.set_nonblocking(true) {
                    return ret_int(vm, errno(&e));
                }
                let _ = s.set_nodelay(true);
                attach(vm, this, H, Res::Tcp(s));
                ret_int(vm, 0)
            }
            JobOut::Io(e) => ret_int(vm, errno(&e)),
            _ => ret_int(vm, EIO),
        }
    }

    /// `disconnect()`: 0, or ENOTCONN.
    pub fn tcp_disconnect(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
        this_is(vm, this, sys::TCP)?;
        let r = match cells(vm, this, H) {
            Cells::None => ENOTCONN,
            Cells::Stale => 0,
            Cells::Live(h) => {
                if let Some(Res::Tcp(s)) = vm.host_handles.remove(h) {
                    let _ = s.shutdown(std::net::Shutdown::Both);
                }
                0
            }
        };
        clear_cells(vm, this, H);
        ret_int(vm, r)
    }

    /// The connected stream of `this`, or an exception.
    fn stream<'a>(vm: &'a mut Vm, this: Ref, what: &str) -> Result<&'a mut TcpStream, Fail> {
        let h = match cells(vm, this, H) {
            Cells::None => return Err(throw(vm, &format!("{what}: not connected"))),
            Cells::Stale => return Err(lost(vm, what)),
            Cells::Live(h) => h,
        };
        let problem = match vm.host_handles.get(h) {
            Some(Res::Tcp(_)) => None,
            Some(Res::Listener(..)) => {
                Some("this socket is listening; use the objects accept returns")
            }
            _ => Some("not connected"),
        };
        if let Some(p) = problem {
            return Err(throw(vm, &format!("{what}: {p}")));
        }
        match vm.host_handles.get(h) {
            Some(Res::Tcp(s)) => Ok(s),
            _ => unreachable!("checked above"),
        }
    }

    /// `send(data, flags)`: bytes sent (maybe fewer than given).
    pub fn tcp_send(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::TCP)?;
        let data = data_arg(vm, args, 0, "tcp send")?;
        no_flags(vm, args, 1, "tcp send")?;
        let s = stream(vm, this, "tcp send")?;
        if data.is_empty() {
            return ret_int(vm, 0);
        }
        match s.write(&data) {
            Ok(n) => {
                vm.host_handles.counters.tcp_tx += 1;
                ret_int(vm, n as i32)
            }
            Err(e) => Err(io_fail(vm, &e, "tcp send")),
        }
    }

    /// `recv(maxBytes, flags)`: the bytes that arrived (at least one), or
    /// an empty string at the end of the stream.
    pub fn tcp_recv(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::TCP)?;
        let n = max_bytes(vm, args, 0, "tcp recv")?;
        no_flags(vm, args, 1, "tcp recv")?;
        let s = stream(vm, this, "tcp recv")?;
        let mut buf = alloc::vec![0u8; n];
        match s.read(&mut buf) {
            Ok(k) => {
                if k > 0 {
                    vm.host_handles.counters.tcp_rx += 1;
                }
                ret_str(vm, &buf[..k])
            }
            Err(e) => Err(io_fail(vm, &e, "tcp recv")),
        }
    }

    /// `accept(port, backlog)`: listens on `port` (all interfaces) on the
    /// first call, then returns a new `.internal.tcp` for each connection.
    pub fn tcp_accept(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::TCP)?;
        let port = port_arg(vm, args, 0, "tcp accept")?;
        let _backlog = int_arg(vm, args, 1)?;
        let h = match cells(vm, this, H) {
            Cells::Live(h) => match vm.host_handles.get(h) {
                Some(Res::Listener(_, p)) if port == 0 || *p == port => h,
                Some(Res::Listener(_, p)) => {
                    let p = *p;
                    return Err(throw(
                        vm,
                        &format!("tcp accept: this socket already listens on port {p}"),
                    ));
                }
                _ => {
                    return Err(throw(
                        vm,
                        "tcp accept: this socket is connected; accept needs a fresh one",
                    ))
                }
            },
            Cells::None | Cells::Stale => {
                let l = match TcpListener::bind(("0.0.0.0", port)) {
                    Ok(l) => l,
                    Err(e) => {
                        return Err(throw(
                            vm,
                            &format!("tcp accept: cannot listen on port {port}: {e}"),
                        ))
                    }
                };
                if let Err(e) = l.set_nonblocking(true) {
                    return Err(throw(vm, &format!("tcp accept: {e}")));
                }
                let actual = l.local_addr().map(|a| a.port()).unwrap_or(port);
                attach(vm, this, H, Res::Listener(l, actual))
            }
        };
        let accepted = match vm.host_handles.get(h) {
            Some(Res::Listener(l, _)) => l.accept(),
            _ => unreachable!("a listener was found or made above"),
        };
        match accepted {
            Ok((s, _)) => {
                if let Err(e) = s.set_nonblocking(true) {
                    return Err(throw(vm, &format!("tcp accept: {e}")));
                }
                let _ = s.set_nodelay(true);
                let cls = vm.internal[sys::TCP];
                let o = vm.new_instance(cls)?;
                attach(vm, o, H, Res::Tcp(s));
                Ok(o)
            }
            Err(e) => Err(io_fail(vm, &e, "tcp accept")),
        }
    }

    /// Header lines `Name: value`, separated by CR LF or LF.
    fn parse_headers(text: &str) -> Result<Vec<(String, String)>, String> {
        let mut out = Vec::new();
        for line in text.split('\n') {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            let Some((k, v)) = line.split_once(':') else {
                return Err(format!(
                    "bad header line {line:?} (expected \"Name: value\")"
                ));
            };
            let k = k.trim();
            if k.is_empty() || !k.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(format!("bad header name {k:?}"));
            }
            out.push((String::from(k), String::from(v.trim())));
        }
        Ok(out)
    }

    /// An HTTP GET; the body, or why it failed.
    pub(crate) fn http_get(url: &str, headers: &[(String, String)]) -> Result<Vec<u8>, String> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            // Like the original kernel: no proxy (not even from the host's
            // environment), so that requests go where the program says.
            .proxy(None)
            .build()
            .into();
        let mut req = agent.get(url);
        for (k, v) in headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let mut resp = req.call().map_err(|e| e.to_string())?;
        resp.body_mut()
            .with_config()
            .limit(CURL_BODY_MAX)
            .read_to_vec()
            .map_err(|e| e.to_string())
    }

    /// `curl(url, headers)`: HTTP GET; the body, or an empty string when
    /// the request fails.
    pub fn tcp_curl(vm: &mut Vm, th: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
        let url = str_arg(vm, args, 0)?;
        let hdr = str_arg(vm, args, 1)?;
        if url.len() > CURL_MAX {
            return Err(throw(vm, "URL too long"));
        }
        if hdr.len() > CURL_MAX {
            return Err(throw(vm, "HTTP headers too long"));
        }
        let url = String::from_utf8_lossy(&url).into_owned();
        if !url
            .get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
        {
            return Err(throw(
                vm,
                &format!(
                    "curl: only http:// URLs are supported (the hosted runtime has no TLS): {url}"
                ),
            ));
        }
        let headers = match parse_headers(&String::from_utf8_lossy(&hdr)) {
            Ok(h) => h,
            Err(e) => return Err(throw(vm, &format!("curl: {e}"))),
        };
        let out = job(vm, th, move || match http_get(&url, &headers) {
            Ok(b) => JobOut::Bytes(b),
            Err(e) => JobOut::Failed(e),
        })?;
        match out {
            JobOut::Bytes(b) => ret_str(vm, &b),
            _ => ret_str(vm, b""),
        }
    }

    // ---- udp: {handle, epoch, bound port}

    /// The socket of `this`: made (bound to an ephemeral port) when `make`
    /// and there is none; re-bound to its port after a restart.
    fn udp_socket(vm: &mut Vm, this: Ref, make: bool, what: &str) -> Result<Option<u32>, Fail> {
        match cells(vm, this, H) {
            Cells::Live(h) => Ok(Some(h)),
            Cells::Stale if vm.heap.get(this, U_PORT) != 0 => {
                let port = vm.heap.get(this, U_PORT) as u16;
                match bind_udp(port) {
                    Ok(s) => Ok(Some(attach(vm, this, H, Res::Udp(s, None)))),
                    Err(e) => Err(throw(
                        vm,
                        &format!("{what}: cannot bind port {port} again after a restart: {e}"),
                    )),
                }
            }
            Cells::None | Cells::Stale => {
                clear_cells(vm, this, H);
                if !make {
                    return Ok(None);
                }
                match bind_udp(0) {
                    Ok(s) => Ok(Some(attach(vm, this, H, Res::Udp(s, None)))),
                    Err(e) => Err(throw(vm, &format!("{what}: cannot open a UDP socket: {e}"))),
                }
            }
        }
    }

    fn bind_udp(port: u16) -> std::io::Result<UdpSocket> {
        let s = UdpSocket::bind(("0.0.0.0", port))?;
        s.set_nonblocking(true)?;
        Ok(s)
    }

    fn udp(vm: &mut Vm, h: u32) -> &mut UdpSocket {
        match vm.host_handles.get(h) {
            Some(Res::Udp(s, _)) => s,
            _ => unreachable!("udp objects only hold udp sockets"),
        }
    }

    pub fn udp_to_string(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
        this_is(vm, this, sys::UDP)?;
        let s = match cells(vm, this, H) {
            Cells::None => String::from("(udp socket, not bound)"),
            Cells::Stale => format!(
                "(udp socket, port {} to bind again after restart)",
                vm.heap.get(this, U_PORT)
            ),
            Cells::Live(h) => match udp(vm, h).local_addr() {
                Ok(a) => format!("(udp socket, bound to port {})", a.port()),
                Err(_) => String::from("(udp socket)"),
            },
        };
        ret_str(vm, s.as_bytes())
    }

    /// `bind(port)`: 0, EISCONN if already bound, or an errno.
    pub fn udp_bind(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::UDP)?;
        let port = port_arg(vm, args, 0, "udp bind")?;
        if udp_socket(vm, this, false, "udp bind")?.is_some() {
            return ret_int(vm, EISCONN);
        }
        match bind_udp(port) {
            Ok(s) => {
                let actual = s.local_addr().map(|a| a.port()).unwrap_or(port);
                attach(vm, this, H, Res::Udp(s, None));
                vm.heap.set(this, U_PORT, u32::from(actual));
                ret_int(vm, 0)
            }
            Err(e) => ret_int(vm, errno(&e)),
        }
    }

    /// Receives one datagram (up to `max` bytes kept) from a sender that
    /// `want` accepts; others are dropped.
    fn udp_receive(
        vm: &mut Vm,
        h: u32,
        max: usize,
        want: impl Fn(SocketAddr) -> bool,
        what: &str,
    ) -> NResult {
        let mut buf = alloc::vec![0u8; 65536];
        loop {
            let r = udp(vm, h).recv_from(&mut buf);
            match r {
                Ok((n, from)) => {
                    if !want(from) {
                        continue;
                    }
                    vm.host_handles.counters.udp_rx += 1;
                    if let Some(Res::Udp(_, peer)) = vm.host_handles.get(h) {
                        *peer = Some(from);
                    }
                    return ret_str(vm, &buf[..n.min(max)]);
                }
                Err(e) if would_block(&e) => return Err(Fail::Block(Wait::Io)),
                // An ICMP error for an earlier send: not for this receive.
                Err(e) if e.kind() == ErrorKind::ConnectionRefused => continue,
                Err(e) => return Err(throw(vm, &format!("{what}: {e}"))),
            }
        }
    }

    /// `send(data, flags)`: replies to the sender of the last datagram
    /// received; bytes sent.
    pub fn udp_send(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::UDP)?;
        let data = data_arg(vm, args, 0, "udp send")?;
        no_flags(vm, args, 1, "udp send")?;
        let peer = match udp_socket(vm, this, false, "udp send")? {
            Some(h) => match vm.host_handles.get(h) {
                Some(Res::Udp(_, Some(p))) => Some((h, *p)),
                _ => None,
            },
            None => None,
        };
        let Some((h, to)) = peer else {
            return Err(throw(
                vm,
                "udp send: no peer yet (send replies to the last sender; use sendTo)",
            ));
        };
        let r = udp(vm, h).send_to(&data, to);
        match r {
            Ok(n) => {
                vm.host_handles.counters.udp_tx += 1;
                ret_int(vm, n as i32)
            }
            Err(e) => Err(io_fail(vm, &e, "udp send")),
        }
    }

    /// `recv(maxBytes, flags)`: the next datagram from anyone.
    pub fn udp_recv(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::UDP)?;
        let max = max_bytes(vm, args, 0, "udp recv")?;
        no_flags(vm, args, 1, "udp recv")?;
        let Some(h) = udp_socket(vm, this, false, "udp recv")? else {
            return Err(throw(
                vm,
                "udp recv: the socket is not bound (call bind first)",
            ));
        };
        udp_receive(vm, h, max, |_| true, "udp recv")
    }

    /// `recvFrom(addr, port)`: the next datagram from addr:port (0 matches
    /// any address or port); datagrams from others are dropped.
    pub fn udp_recv_from(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::UDP)?;
        let a = int_arg(vm, args, 0)?;
        let port = port_arg(vm, args, 1, "udp recvFrom")?;
        let Some(h) = udp_socket(vm, this, false, "udp recvFrom")? else {
            return Err(throw(
                vm,
                "udp recvFrom: the socket is not bound (call bind first)",
            ));
        };
        let want_ip = Ipv4Addr::from(a as u32);
        let want = move |from: SocketAddr| {
            let ip_ok = a == 0 || matches!(from, SocketAddr::V4(v) if *v.ip() == want_ip);
            ip_ok && (port == 0 || from.port() == port)
        };
        udp_receive(vm, h, 65536, want, "udp recvFrom")
    }

    /// `sendTo(data, addr, port)`: bytes sent, or a negative errno.
    pub fn udp_send_to(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
        this_is(vm, this, sys::UDP)?;
        let data = data_arg(vm, args, 0, "udp sendTo")?;
        let a = int_arg(vm, args, 1)?;
        let port = port_arg(vm, args, 2, "udp sendTo")?;
        let Some(h) = udp_socket(vm, this, true, "udp sendTo")? else {
            unreachable!("made when missing")
        };
        let r = udp(vm, h).send_to(&data, addr_of(a, port));
        match r {
            Ok(n) => {
                vm.host_handles.counters.udp_tx += 1;
                ret_int(vm, n as i32)
            }
            Err(e) if would_block(&e) => Err(Fail::Block(Wait::Io)),
            Err(e) => ret_int(vm, -errno(&e)),
        }
    }

    // ---- name lookup

    /// `resolve(hostname)`: the first IPv4 address of the name.
    pub fn net_resolve(vm: &mut Vm, th: &mut Thread, _: Ref, args: &[Ref]) -> NResult {
        let name = str_arg(vm, args, 0)?;
        let name = String::from_utf8_lossy(&name).into_owned();
        if th.native == [0; 2] {
            vm.host_handles.counters.dns_req += 1;
        }
        let n2 = name.clone();
        let out = job(vm, th, move || match (n2.as_str(), 0).to_socket_addrs() {
            Ok(addrs) => {
                let v4 = addrs.into_iter().find_map(|a| match a {
                    SocketAddr::V4(v) => Some(u32::from(*v.ip()) as i32),
                    SocketAddr::V6(_) => None,
                });
                match v4 {
                    Some(a) => JobOut::Int(a),
                    None => JobOut::Failed(String::from("no IPv4 address")),
                }
            }
            Err(e) => JobOut::Failed(e.to_string()),
        })?;
        match out {
            JobOut::Int(a) => {
                vm.host_handles.counters.dns_ans += 1;
                ret_int(vm, a)
            }
            JobOut::Failed(e) => Err(throw(
                vm,
                &format!("net resolve: cannot resolve {name:?}: {e}"),
            )),
            _ => Err(throw(vm, &format!("net resolve: cannot resolve {name:?}"))),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn headers_parse() {
            let h = parse_headers("Accept: text/plain\r\nX-A:  b \n\n").unwrap();
            assert_eq!(
                h,
                vec![
                    ("Accept".into(), "text/plain".into()),
                    ("X-A".into(), "b".into())
                ]
            );
            assert!(parse_headers("no colon").is_err());
            assert!(parse_headers(": v").is_err());
        }
    }
}
