//! virtio-blk over the legacy (I/O port) virtio PCI interface, which QEMU's
//! transitional device offers. One virtqueue; each request uses a fixed
//! triple of descriptors (header, data, status) so a request slot is just a
//! descriptor index / 3. Requests beyond the free slots wait in a software
//! queue and are started as earlier ones complete.

use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{fence, Ordering};
use x86_64::instructions::port::Port;

use super::block::{BlockDevice, IoError, Op, Request, SECTOR};
use super::pci::PciDevice;
use crate::mm::{phys, PAGE_SIZE};
use crate::sync::spin::SpinLock;

const VENDOR: u16 = 0x1af4;
const DEVICE_BLK_LEGACY: u16 = 0x1001;

// Legacy register offsets.
const REG_DEVICE_FEATURES: u16 = 0x00;
const REG_GUEST_FEATURES: u16 = 0x04;
const REG_QUEUE_PFN: u16 = 0x08;
const REG_QUEUE_SIZE: u16 = 0x0c;
const REG_QUEUE_SELECT: u16 = 0x0e;
const REG_QUEUE_NOTIFY: u16 = 0x10;
const REG_STATUS: u16 = 0x12;
const REG_ISR: u16 = 0x13;
const REG_CAPACITY: u16 = 0x14;

const STATUS_ACK: u8 = 1;
const STATUS_DRIVER: u8 = 2;
const STATUS_DRIVER_OK: u8 = 4;
const STATUS_FAILED: u8 = 0x80;
const F_RO: u32 = 1 << 5;
/// The device has a write cache and takes flush requests.
const F_FLUSH: u32 = 1 << 9;
/// Request types.
const T_IN: u32 = 0;
const T_OUT: u32 = 1;
const T_FLUSH: u32 = 4;

const DESC_NEXT: u16 = 1;
const DESC_WRITE: u16 = 2;

#[repr(C)]
struct Desc {
    addr: u64,
    len: u32,
    flags: u16,
    next: u16,
}

/// Per-slot request header and status byte, in DMA memory.
#[repr(C)]
struct Header {
    kind: u32,
    reserved: u32,
    sector: u64,
    status: u8,
    _pad: [u8; 15],
}

struct Queue {
    size: u16,
    desc: *mut Desc,
    avail_idx: *mut u16,
    avail_ring: *mut u16,
    used_idx: *const u16,
    used_ring: *const [u32; 2],
    headers: *mut Header,
    free_slots: Vec<u16>,
    in_flight: Vec<Option<Request>>,
    pending: VecDeque<Request>,
    next_avail: u16,
    last_used: u16,
}

// SAFETY: the raw pointers address DMA memory owned by the queue; all access is under its lock.
unsafe impl Send for Queue {}

/// One virtio-blk disk.
pub struct VirtioBlk {
    name: String,
    io: u16,
    irq: u8,
    sectors: u64,
    read_only: bool,
    /// Flush requests are negotiated (the device caches writes).
    flush: bool,
    queue: SpinLock<Queue>,
}

// Hardware layer: the disks the IRQ handler must poll.
static DISKS: SpinLock<Vec<Arc<VirtioBlk>>> = SpinLock::new(Vec::new());

fn outb(p: u16, v: u8) {
    // SAFETY: ports of a virtio BAR we own.
    unsafe { Port::<u8>::new(p).write(v) }
}
fn inb(p: u16) -> u8 {
    // SAFETY: as above.
    unsafe { Port::<u8>::new(p).read() }
}
fn outw(p: u16, v: u16) {
    // SAFETY: as above.
    unsafe { Port::<u16>::new(p).write(v) }
}
fn inw(p: u16) -> u16 {
    // SAFETY: as above.
    unsafe { Port::<u16>::new(p).read() }
}
fn outl(p: u16, v: u32) {
    // SAFETY: as above.
    unsafe { Port::<u32>::new(p).write(v) }
}
fn inl(p: u16) -> u32 {
    // SAFETY: as above.
    unsafe { Port::<u32>::new(p).read() }
}

impl VirtioBlk {
    fn init(pci: &PciDevice, index: usize) -> Result<VirtioBlk, &'static str> {
        let io = pci.io_bar(0).ok_or("virtio-blk BAR0 is not an I/O BAR")?;
        pci.enable();
        outb(io + REG_STATUS, 0);
        outb(io + REG_STATUS, STATUS_ACK);
        outb(io + REG_STATUS, STATUS_ACK | STATUS_DRIVER);
        let features = inl(io + REG_DEVICE_FEATURES);
        outl(io + REG_GUEST_FEATURES, features & (F_RO | F_FLUSH));
        outw(io + REG_QUEUE_SELECT, 0);
        let size = inw(io + REG_QUEUE_SIZE);
        if size < 3 {
            outb(io + REG_STATUS, STATUS_FAILED);
            return Err("virtio-blk queue 0 is missing");
        }
        let n = usize::from(size);
        let used_off = (16 * n + 6 + 2 * n).div_ceil(PAGE_SIZE as usize) * PAGE_SIZE as usize;
        let ring_bytes = used_off + 6 + 8 * n;
        let ring_pages = ring_bytes.div_ceil(PAGE_SIZE as usize);
        let slots = n / 3;
        let hdr_pages = (slots * core::mem::size_of::<Header>()).div_ceil(PAGE_SIZE as usize);
        let ring = phys::alloc_contiguous(ring_pages).ok_or("no memory for the virtqueue")?;
        let hdrs = phys::alloc_contiguous(hdr_pages).ok_or("no memory for request headers")?;
        // SAFETY: fresh identity-mapped frames.
        unsafe {
            core::ptr::write_bytes(ring as *mut u8, 0, ring_pages * PAGE_SIZE as usize);
            core::ptr::write_bytes(hdrs as *mut u8, 0, hdr_pages * PAGE_SIZE as usize);
        }
        outl(io + REG_QUEUE_PFN, (ring / PAGE_SIZE) as u32);
        let sectors =
            u64::from(inl(io + REG_CAPACITY)) | u64::from(inl(io + REG_CAPACITY + 4)) << 32;
        let avail = ring as usize + 16 * n;
        let used = ring as usize + used_off;
        let queue = Queue {
            size,
            desc: ring as *mut Desc,
            avail_idx: (avail + 2) as *mut u16,
            avail_ring: (avail + 4) as *mut u16,
            used_idx: (used + 2) as *const u16,
            used_ring: (used + 4) as *const [u32; 2],
            headers: hdrs as *mut Header,
            free_slots: (0..slots as u16).rev().collect(),
            in_flight: (0..slots).map(|_| None).collect(),
            pending: VecDeque::new(),
            next_avail: 0,
            last_used: 0,
        };
        outb(
            io + REG_STATUS,
            STATUS_ACK | STATUS_DRIVER | STATUS_DRIVER_OK,
        );
        Ok(VirtioBlk {
            name: format!("vd{}", (b'a' + index as u8) as char),
            io,
            irq: pci.irq,
            sectors,
            read_only: features & F_RO != 0,
            flush: features & F_FLUSH != 0,
            queue: SpinLock::new(queue),
        })
    }

    /// Puts `req` on the ring if a slot is free; otherwise gives it back.
    fn start(&self, q: &mut Queue, req: Request) -> Option<Request> {
        let Some(slot) = q.free_slots.pop() else {
            return Some(req);
        };
        let s = usize::from(slot);
        let d0 = slot * 3;
        // SAFETY: slot `s` and descriptors d0..d0+3 belong to this request
        // alone until the device returns them; all memory is identity-mapped DMA memory.
        unsafe {
            let h = q.headers.add(s);
            h.write(Header {
                kind: match req.op {
                    Op::Read => T_IN,
                    Op::Write => T_OUT,
                    Op::Flush => T_FLUSH,
                },
                reserved: 0,
                sector: req.sector,
                status: 0xff,
                _pad: [0; 15],
            });
            let hp = h as u64;
            let data_flags = if req.op == Op::Read { DESC_WRITE } else { 0 };
            // A flush has no data: the header chains straight to the status.
            q.desc.add(usize::from(d0)).write(Desc {
                addr: hp,
                len: 16,
                flags: DESC_NEXT,
                next: if req.op == Op::Flush { d0 + 2 } else { d0 + 1 },
            });
            q.desc.add(usize::from(d0 + 1)).write(Desc {
                addr: req.buf.phys(),
                len: req.buf.len() as u32,
                flags: data_flags | DESC_NEXT,
                next: d0 + 2,
            });
            q.desc.add(usize::from(d0 + 2)).write(Desc {
                addr: hp + 16,
                len: 1,
                flags: DESC_WRITE,
                next: 0,
            });
            q.avail_ring
                .add(usize::from(q.next_avail % q.size))
                .write_volatile(d0);
            fence(Ordering::SeqCst);
            q.next_avail = q.next_avail.wrapping_add(1);
            q.avail_idx.write_volatile(q.next_avail);
            fence(Ordering::SeqCst);
        }
        q.in_flight[s] = Some(req);
        outw(self.io + REG_QUEUE_NOTIFY, 0);
        None
    }

    /// Collects finished requests (IRQ context) and starts waiting ones.
    fn poll(&self) {
        let mut q = self.queue.lock();
        loop {
            // SAFETY: the device writes used_idx; read it fresh each time.
            let used = unsafe { q.used_idx.read_volatile() };
            if used == q.last_used {
                break;
            }
            fence(Ordering::SeqCst);
            // SAFETY: entries below used_idx are written by the device.
            let [id, _len] = unsafe {
                q.used_ring
                    .add(usize::from(q.last_used % q.size))
                    .read_volatile()
            };
            q.last_used = q.last_used.wrapping_add(1);
            let slot = (id / 3) as usize;
            let Some(req) = q.in_flight.get_mut(slot).and_then(Option::take) else {
                crate::warn!(
                    "disk",
                    "{}: device returned unknown descriptor {}",
                    self.name,
                    id
                );
                continue;
            };
            // SAFETY: the device wrote the status byte before posting the used entry.
            let status =
                unsafe { core::ptr::addr_of!((*q.headers.add(slot)).status).read_volatile() };
            q.free_slots.push(slot as u16);
            req.complete(if status == 0 {
                Ok(())
            } else {
                Err(IoError::Device)
            });
        }
        while let Some(req) = q.pending.pop_front() {
            if let Some(back) = self.start(&mut q, req) {
                q.pending.push_front(back);
                break;
            }
        }
    }
}

impl BlockDevice for VirtioBlk {
    fn name(&self) -> &str {
        &self.name
    }

    fn sectors(&self) -> u64 {
        self.sectors
    }

    fn submit(&self, req: Request) {
        if let Err(e) = req.validate(self.sectors) {
            return req.complete(Err(e));
        }
        if req.op == Op::Write && self.read_only {
            return req.complete(Err(IoError::ReadOnly));
        }
        if req.op == Op::Flush && !self.flush {
            // Without a write cache every completed write is on the medium.
            return req.complete(Ok(()));
        }
        let mut q = self.queue.lock();
        if q.pending.is_empty() {
            if let Some(back) = self.start(&mut q, req) {
                q.pending.push_back(back);
            }
        } else {
            q.pending.push_back(req);
        }
    }
}

fn on_irq() {
    let disks: Vec<Arc<VirtioBlk>> = DISKS.lock().clone();
    for d in disks {
        // Reading ISR acknowledges the (level-triggered) interrupt.
        if inb(d.io + REG_ISR) & 1 != 0 {
            d.poll();
        }
    }
}

/// Finds and starts every virtio-blk device among `pci`.
pub fn probe(pci: &[PciDevice]) -> Vec<Arc<VirtioBlk>> {
    let mut found = Vec::new();
    for p in pci
        .iter()
        .filter(|p| p.vendor == VENDOR && p.device == DEVICE_BLK_LEGACY)
    {
        match VirtioBlk::init(p, found.len()) {
            Ok(d) => {
                let d = Arc::new(d);
                crate::info!(
                    "disk",
                    "{}: virtio-blk at {:02x}:{:02x}.{} io {:#x} irq {}, {} sectors ({} MiB){}",
                    d.name,
                    p.bus,
                    p.dev,
                    p.func,
                    d.io,
                    d.irq,
                    d.sectors,
                    (d.sectors * SECTOR as u64) >> 20,
                    if d.read_only { ", read-only" } else { "" }
                );
                let first_on_line = !DISKS.lock().iter().any(|x| x.irq == d.irq);
                DISKS.lock().push(d.clone());
                if first_on_line {
                    if let Err(e) = crate::arch::pic::register(d.irq, on_irq) {
                        crate::error!("disk", "{}: IRQ {}: {}", d.name, d.irq, e);
                        continue;
                    }
                }
                found.push(d);
            }
            Err(e) => crate::error!("disk", "virtio-blk at {:02x}:{:02x}: {}", p.bus, p.dev, e),
        }
    }
    found
}

/// The first virtio-blk disk found, if any.
pub fn first() -> Option<Arc<dyn BlockDevice>> {
    DISKS
        .lock()
        .first()
        .map(|d| d.clone() as Arc<dyn BlockDevice>)
}
