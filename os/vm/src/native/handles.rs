//! Host resources of natives: sockets, files and background jobs.
//!
//! They cannot live in the persistent object memory, so every VM keeps a
//! per-process table of them ([`HostHandles`], the field
//! [`Vm::host_handles`](crate::vm::Vm::host_handles)). An internal object
//! that owns one stores two data cells: the handle (table index + 1; 0 is
//! "none") and the process epoch ([`Vm::epoch`](crate::vm::Vm::epoch)) in
//! which it was made. After a restart the epoch no longer matches, so a
//! stale handle is never confused with a live one of the new process: each
//! class then reconnects by what it stored (a UDP port, a file name, a
//! connection destination) or throws (a TCP connection is lost).
//!
//! There are no finalizers: when an owner object is freed, its resource is
//! closed the next time a handle is added ([`HostHandles::reap`] checks that
//! each owner is still an allocated object of its class that still names
//! the handle).
//!
//! Blocking host calls (connect, DNS, HTTP) run on a helper host thread as a
//! *job*: the native returns [`Wait::Io`](crate::thread::Wait::Io) until the
//! job is done, so other VM threads keep running meanwhile (see [`job`]).
//!
//! Without the `std` feature the table is empty and the natives that need
//! host resources throw.

#![cfg_attr(not(feature = "std"), allow(dead_code))]

use crate::heap::{Ref, ALLOCATED, HDR};

/// Counters kept for `.internal.stat` (this process only).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// TCP receive calls that returned data.
    pub tcp_rx: u64,
    /// TCP send calls that sent data.
    pub tcp_tx: u64,
    /// UDP datagrams received.
    pub udp_rx: u64,
    /// UDP datagrams sent.
    pub udp_tx: u64,
    /// Host name lookups started.
    pub dns_req: u64,
    /// Host name lookups that found an IPv4 address.
    pub dns_ans: u64,
    /// Snapshots taken (counted by the runtime at each snapshot instant).
    pub snapshots: u64,
}

/// The per-process table of host resources, and the statistics counters.
#[derive(Default)]
pub struct HostHandles {
    #[cfg(feature = "std")]
    slots: alloc::vec::Vec<Option<Slot>>,
    /// Event counters for `.internal.stat`.
    pub counters: Counters,
    /// Rate samples per counter: (time ms, value, last rate per second).
    pub(crate) samples: hashbrown::HashMap<u32, (u64, u64, u64)>,
}

/// Who owns a slot: the object, its class, and the data cell holding the
/// handle (the epoch is in the next cell).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Owner {
    pub obj: Ref,
    pub class: Ref,
    pub cell: u32,
}

#[cfg(feature = "std")]
struct Slot {
    owner: Option<Owner>,
    res: Res,
}

/// A host resource.
#[cfg(feature = "std")]
pub(crate) enum Res {
    /// A connected TCP stream (non-blocking).
    Tcp(std::net::TcpStream),
    /// A listening TCP socket (non-blocking) and its port.
    Listener(std::net::TcpListener, u16),
    /// A UDP socket (non-blocking) and the sender of the last datagram.
    Udp(std::net::UdpSocket, Option<std::net::SocketAddr>),
    /// An open file.
    File(std::fs::File),
    /// A background job's result channel.
    Job(std::sync::mpsc::Receiver<JobOut>),
}

/// What a background job produced.
#[cfg(feature = "std")]
pub(crate) enum JobOut {
    /// Bytes (an HTTP body).
    Bytes(alloc::vec::Vec<u8>),
    /// A number (an IPv4 address).
    Int(i32),
    /// A connected stream.
    Stream(std::net::TcpStream),
    /// A host error.
    Io(std::io::Error),
    /// The job failed.
    Failed(alloc::string::String),
}

/// Whether `o` still is an allocated object of `class` whose cell `cell`
/// names handle `h` of epoch `epoch`.
pub(crate) fn owner_alive(heap: &crate::heap::Heap, o: Owner, h: u32, epoch: u32) -> bool {
    let r = o.obj.0;
    if r == 0 || (r as usize + HDR as usize) > heap.capacity() {
        return false;
    }
    if heap.cell(r + 2) & ALLOCATED == 0 || heap.cell(r) != o.class.0 {
        return false;
    }
    if heap.cell(r + 3) < o.cell + 2 {
        return false;
    }
    heap.cell(r + HDR + o.cell) == h && heap.cell(r + HDR + o.cell + 1) == epoch
}

#[cfg(feature = "std")]
impl HostHandles {
    /// Closes the resources whose owner objects are gone.
    pub(crate) fn reap(&mut self, heap: &crate::heap::Heap, epoch: u32) {
        for (i, s) in self.slots.iter_mut().enumerate() {
            if let Some(Slot { owner: Some(o), .. }) = s {
                if !owner_alive(heap, *o, i as u32 + 1, epoch) {
                    *s = None;
                }
            }
        }
    }

    /// Adds a resource; returns its handle (index + 1).
    pub(crate) fn add(
        &mut self,
        heap: &crate::heap::Heap,
        epoch: u32,
        owner: Option<Owner>,
        res: Res,
    ) -> u32 {
        self.reap(heap, epoch);
        let slot = Slot { owner, res };
        match self.slots.iter().position(Option::is_none) {
            Some(i) => {
                self.slots[i] = Some(slot);
                i as u32 + 1
            }
            None => {
                self.slots.push(Some(slot));
                self.slots.len() as u32
            }
        }
    }

    /// The resource of handle `h`.
    pub(crate) fn get(&mut self, h: u32) -> Option<&mut Res> {
        let i = (h as usize).checked_sub(1)?;
        self.slots.get_mut(i)?.as_mut().map(|s| &mut s.res)
    }

    /// Takes the resource of handle `h` out of the table.
    pub(crate) fn remove(&mut self, h: u32) -> Option<Res> {
        let i = (h as usize).checked_sub(1)?;
        self.slots.get_mut(i)?.take().map(|s| s.res)
    }

    /// Open resources (for tests and statistics).
    pub fn open_count(&self) -> usize {
        self.slots.iter().flatten().count()
    }
}

#[cfg(not(feature = "std"))]
impl HostHandles {
    /// Open resources: none without `std`.
    pub fn open_count(&self) -> usize {
        0
    }
}

// ---- the handle cells of an owner object

/// What an object's handle cells say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cells {
    /// No resource.
    None,
    /// A resource of this process.
    Live(u32),
    /// A resource of a previous process (before a restart).
    Stale,
}

/// Reads the handle cells `cell`, `cell + 1` of `obj`.
pub(crate) fn cells(vm: &crate::vm::Vm, obj: Ref, cell: u32) -> Cells {
    let h = vm.heap.get(obj, cell);
    if h == 0 {
        Cells::None
    } else if vm.heap.get(obj, cell + 1) != vm.epoch {
        Cells::Stale
    } else {
        Cells::Live(h)
    }
}

/// Clears the handle cells.
pub(crate) fn clear_cells(vm: &mut crate::vm::Vm, obj: Ref, cell: u32) {
    vm.heap.set(obj, cell, 0);
    vm.heap.set(obj, cell + 1, 0);
}

/// Adds `res` owned by `obj` (handle in cell `cell`) and stores the handle.
#[cfg(feature = "std")]
pub(crate) fn attach(vm: &mut crate::vm::Vm, obj: Ref, cell: u32, res: Res) -> u32 {
    let owner = Owner {
        obj,
        class: vm.heap.class_of(obj),
        cell,
    };
    let epoch = vm.epoch;
    // Close what the object held before.
    if let Cells::Live(old) = cells(vm, obj, cell) {
        vm.host_handles.remove(old);
    }
    let h = vm.host_handles.add(&vm.heap, epoch, Some(owner), res);
    vm.heap.set(obj, cell, h);
    vm.heap.set(obj, cell + 1, epoch);
    h
}

// ---- background jobs

/// Marker in `Thread::native[0]` while a job runs for the thread.
#[cfg(feature = "std")]
const JOB_PHASE: u64 = 0x4A4F_4200;

/// Runs `start` on a helper host thread and returns its result; until it
/// is done the native blocks with [`Wait::Io`](crate::thread::Wait::Io) and
/// is run again (with the same arguments), so other VM threads run
/// meanwhile. The job is found again through the thread's native scratch
/// cells; after a restart it is started anew.
#[cfg(feature = "std")]
pub(crate) fn job<F>(
    vm: &mut crate::vm::Vm,
    th: &mut crate::thread::Thread,
    start: F,
) -> Result<JobOut, super::Fail>
where
    F: FnOnce() -> JobOut + Send + 'static,
{
    use std::sync::mpsc::TryRecvError;

    use crate::thread::Wait;

    if th.native[0] == JOB_PHASE && (th.native[1] >> 32) as u32 == vm.epoch {
        let h = th.native[1] as u32;
        let state = match vm.host_handles.get(h) {
            Some(Res::Job(rx)) => Some(rx.try_recv()),
            _ => None,
        };
        match state {
            Some(Err(TryRecvError::Empty)) => return Err(super::Fail::Block(Wait::Io)),
            Some(Ok(out)) => {
                vm.host_handles.remove(h);
                th.native = [0; 2];
                return Ok(out);
            }
            Some(Err(TryRecvError::Disconnected)) => {
                vm.host_handles.remove(h);
                th.native = [0; 2];
                return Ok(JobOut::Failed(alloc::string::String::from(
                    "the helper thread ended without a result",
                )));
            }
            // Not ours any more: start again.
            None => {}
        }
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(alloc::string::String::from("phantom-io"))
        .spawn(move || {
            let _ = tx.send(start());
        });
    if let Err(e) = spawned {
        th.native = [0; 2];
        return Ok(JobOut::Failed(alloc::format!(
            "cannot start a helper thread: {e}"
        )));
    }
    let epoch = vm.epoch;
    let h = vm.host_handles.add(&vm.heap, epoch, None, Res::Job(rx));
    th.native = [JOB_PHASE, (u64::from(epoch) << 32) | u64::from(h)];
    Err(super::Fail::Block(Wait::Io))
}
