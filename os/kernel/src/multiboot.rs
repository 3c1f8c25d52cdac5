//! Reading the Multiboot v1 information structure the loader leaves in low
//! memory: the memory map and the kernel command line.

/// Magic value the loader passes in EAX.
pub const BOOT_MAGIC: u32 = 0x2BAD_B002;

const FLAG_CMDLINE: u32 = 1 << 2;
const FLAG_MMAP: u32 = 1 << 6;

/// Kind of a memory map region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionKind {
    /// Usable RAM.
    Usable,
    /// Anything else (reserved, ACPI, bad).
    Reserved,
}

/// One region of the physical memory map.
#[derive(Clone, Copy, Debug)]
pub struct Region {
    /// Physical start address.
    pub base: u64,
    /// Length in bytes.
    pub len: u64,
    /// Whether it is usable RAM.
    pub kind: RegionKind,
}

/// A validated view of the loader's information structure.
pub struct BootInfo {
    addr: usize,
    flags: u32,
}

impl BootInfo {
    /// Wraps the structure at physical `addr`.
    ///
    /// # Safety
    /// `addr` must be the pointer a Multiboot loader passed, identity-mapped.
    pub unsafe fn new(addr: u32) -> Self {
        let addr = addr as usize;
        // SAFETY: the first field is the flags word.
        let flags = unsafe { (addr as *const u32).read_unaligned() };
        Self { addr, flags }
    }

    fn field(&self, offset: usize) -> u32 {
        // SAFETY: offsets stay inside the fixed 116-byte structure.
        unsafe { ((self.addr + offset) as *const u32).read_unaligned() }
    }

    /// Physical address range occupied by the structure itself.
    pub fn range(&self) -> (u64, u64) {
        (self.addr as u64, self.addr as u64 + 116)
    }

    /// The physical range of the command line string (empty if absent),
    /// which the frame allocator must not hand out: it is read after boot.
    pub fn cmdline_range(&self) -> (u64, u64) {
        if self.flags & FLAG_CMDLINE == 0 {
            return (0, 0);
        }
        let start = self.field(16) as u64;
        (start, start + self.cmdline().len() as u64 + 1)
    }

    /// The command line, or "" if absent or not UTF-8.
    pub fn cmdline(&self) -> &'static str {
        if self.flags & FLAG_CMDLINE == 0 {
            return "";
        }
        let p = self.field(16) as usize as *const u8;
        let mut len = 0;
        // SAFETY: the loader's command line is NUL-terminated; cap the scan.
        while len < 4096 && unsafe { p.add(len).read() } != 0 {
            len += 1;
        }
        // SAFETY: `len` bytes were just read.
        let bytes = unsafe { core::slice::from_raw_parts(p, len) };
        core::str::from_utf8(bytes).unwrap_or("")
    }

    /// Iterates over the memory map (empty if the loader gave none).
    pub fn memory_map(&self) -> impl Iterator<Item = Region> + '_ {
        let (mut pos, end) = if self.flags & FLAG_MMAP != 0 {
            let start = self.field(48) as usize;
            (start, start + self.field(44) as usize)
        } else {
            (0, 0)
        };
        core::iter::from_fn(move || {
            if pos + 24 > end {
                return None;
            }
            // SAFETY: entries lie within [mmap_addr, mmap_addr + mmap_length).
            let (size, base, len, kind) = unsafe {
                (
                    (pos as *const u32).read_unaligned(),
                    ((pos + 4) as *const u64).read_unaligned(),
                    ((pos + 12) as *const u64).read_unaligned(),
                    ((pos + 20) as *const u32).read_unaligned(),
                )
            };
            pos += size as usize + 4;
            let kind = if kind == 1 {
                RegionKind::Usable
            } else {
                RegionKind::Reserved
            };
            Some(Region { base, len, kind })
        })
    }
}

/// Options parsed from the kernel command line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// `selftest`: run the self-test suite and exit QEMU with its verdict.
    pub selftest: bool,
    /// `log=debug` etc.
    pub log_level: Option<crate::log::Level>,
    /// `quiet`: no greeting line, so that a program's console shows only
    /// its own output (with `log=warn`).
    pub quiet: bool,
}

impl Options {
    /// Parses whitespace-separated words; unknown words are ignored (the
    /// loader may put the kernel's file name first).
    pub fn parse(cmdline: &str) -> Options {
        let mut o = Options::default();
        for word in cmdline.split_ascii_whitespace() {
            if word == "selftest" {
                o.selftest = true;
            } else if word == "quiet" {
                o.quiet = true;
            } else if let Some(level) = word.strip_prefix("log=") {
                o.log_level = crate::log::Level::parse(level);
            }
        }
        o
    }
}
