//! PCI configuration space access (mechanism #1, I/O ports 0xCF8/0xCFC) and
//! bus enumeration.

use alloc::vec::Vec;
use x86_64::instructions::port::Port;

use crate::sync::spin::SpinLock;

/// Serialises the address/data port pair.
static CONFIG: SpinLock<()> = SpinLock::new(());

/// One PCI function.
#[derive(Clone, Copy, Debug)]
pub struct PciDevice {
    /// Bus number.
    pub bus: u8,
    /// Device number on the bus.
    pub dev: u8,
    /// Function number.
    pub func: u8,
    /// Vendor id.
    pub vendor: u16,
    /// Device id.
    pub device: u16,
    /// Class, subclass and programming interface.
    pub class: (u8, u8, u8),
    /// Legacy interrupt line (PIC input), 0xff if none.
    pub irq: u8,
}

fn address(bus: u8, dev: u8, func: u8, offset: u8) -> u32 {
    0x8000_0000
        | u32::from(bus) << 16
        | u32::from(dev) << 11
        | u32::from(func) << 8
        | u32::from(offset & 0xfc)
}

/// Reads a 32-bit configuration register.
pub fn read32(bus: u8, dev: u8, func: u8, offset: u8) -> u32 {
    let _g = CONFIG.lock();
    // SAFETY: the standard configuration mechanism ports.
    unsafe {
        Port::<u32>::new(0xcf8).write(address(bus, dev, func, offset));
        Port::<u32>::new(0xcfc).read()
    }
}

/// Writes a 32-bit configuration register.
pub fn write32(bus: u8, dev: u8, func: u8, offset: u8, value: u32) {
    let _g = CONFIG.lock();
    // SAFETY: as above.
    unsafe {
        Port::<u32>::new(0xcf8).write(address(bus, dev, func, offset));
        Port::<u32>::new(0xcfc).write(value);
    }
}

impl PciDevice {
    fn probe(bus: u8, dev: u8, func: u8) -> Option<PciDevice> {
        let id = read32(bus, dev, func, 0);
        if id & 0xffff == 0xffff {
            return None;
        }
        let class = read32(bus, dev, func, 8);
        let irq = read32(bus, dev, func, 0x3c) as u8;
        Some(PciDevice {
            bus,
            dev,
            func,
            vendor: id as u16,
            device: (id >> 16) as u16,
            class: ((class >> 24) as u8, (class >> 16) as u8, (class >> 8) as u8),
            irq,
        })
    }

    /// Base address register `n` (raw).
    pub fn bar(&self, n: u8) -> u32 {
        read32(self.bus, self.dev, self.func, 0x10 + 4 * n)
    }

    /// The I/O port base of BAR `n`, if it is an I/O BAR.
    pub fn io_bar(&self, n: u8) -> Option<u16> {
        let b = self.bar(n);
        (b & 1 == 1).then_some((b & !3) as u16)
    }

    /// Enables I/O space decoding and bus mastering (DMA).
    pub fn enable(&self) {
        let cmd = read32(self.bus, self.dev, self.func, 4);
        write32(self.bus, self.dev, self.func, 4, (cmd & 0xffff) | 0x5);
    }
}

/// Lists every function on buses 0..=`max_bus` (bridges in QEMU's machines
/// number their buses densely, so a bounded scan finds everything).
pub fn enumerate(max_bus: u8) -> Vec<PciDevice> {
    let mut found = Vec::new();
    for bus in 0..=max_bus {
        for dev in 0..32 {
            let Some(f0) = PciDevice::probe(bus, dev, 0) else {
                continue;
            };
            found.push(f0);
            let header = read32(bus, dev, 0, 0x0c) >> 16;
            if header & 0x80 != 0 {
                found.extend((1..8).filter_map(|func| PciDevice::probe(bus, dev, func)));
            }
        }
    }
    found
}
