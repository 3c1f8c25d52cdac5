//! Layouts of the VM's own objects and helpers to make and read them.
//!
//! Regular objects (instances of loaded classes) hold one reference per
//! field. Internal objects hold native data; [`INTERNAL`] gives each internal
//! class its name, instance flags and data layout, and its index in that
//! table is the class's `sys_table_id`, as in the original VM.

use alloc::string::String;
use alloc::vec::Vec;

use crate::heap::{flags as F, Heap, OutOfMemory, Ref, HDR};

/// Class object data cells. The first [`CLASS_REFS`] are references.
pub mod class {
    /// Class name (string).
    pub const NAME: u32 = 0;
    /// Parent class (null for the root class).
    pub const PARENT: u32 = 1;
    /// The class file it was loaded from (binary; null for internal classes).
    pub const FILE: u32 = 2;
    /// Constant pool (page of strings).
    pub const CONSTS: u32 = 3;
    /// Static variables (page), used by `set_static`/`get_static`.
    pub const STATICS: u32 = 4;
    /// References among the cells above.
    pub const CLASS_REFS: u32 = 5;
    /// Native class index, or `u32::MAX` for loaded classes.
    pub const SYS_ID: u32 = 5;
    /// Object flags given to instances.
    pub const INST_FLAGS: u32 = 6;
    /// Data cells of a new instance.
    pub const INST_CELLS: u32 = 7;
    /// Process epoch in which [`RT_INDEX`] was assigned.
    pub const RT_EPOCH: u32 = 8;
    /// Index of the class's runtime tables (valid in [`RT_EPOCH`] only).
    pub const RT_INDEX: u32 = 9;
    // Cell 10 is `heap::CLASS_INST_REFS`.
    /// Data cells of a class object.
    pub const CELLS: u32 = 11;
}

/// One native class: name, instance layout.
pub struct InternalClass {
    /// Absolute class name.
    pub name: &'static str,
    /// Object flags of instances.
    pub flags: u32,
    /// Data cells of a new instance.
    pub cells: u32,
    /// Leading data cells that are references.
    pub refs: u32,
}

const INT: u32 = F::IS_INTERNAL;
const LEAF: u32 = F::IS_INTERNAL | F::IS_CHILDFREE;
const NUM: u32 = LEAF | F::IS_IMMUTABLE;

macro_rules! ic {
    ($name:expr, $flags:expr, $cells:expr, $refs:expr) => {
        InternalClass {
            name: $name,
            flags: $flags,
            cells: $cells,
            refs: $refs,
        }
    };
}

/// Native class indices (`sys_table_id`), as in `runtime.md` §3.
pub mod sys {
    #![allow(missing_docs)]
    pub const VOID: usize = 0;
    pub const CLASS: usize = 1;
    pub const INTERFACE: usize = 2;
    pub const CODE: usize = 3;
    pub const INT: usize = 4;
    pub const LONG: usize = 5;
    pub const STRING: usize = 6;
    pub const ARRAY: usize = 7;
    pub const PAGE: usize = 8;
    pub const THREAD: usize = 9;
    pub const CALL_FRAME: usize = 10;
    pub const BOOT: usize = 14;
    pub const TTY: usize = 15;
    pub const MUTEX: usize = 16;
    pub const COND: usize = 17;
    pub const SEMA: usize = 18;
    pub const BINARY: usize = 19;
    pub const BITMAP: usize = 20;
    pub const CLOSURE: usize = 21;
    pub const WORLD: usize = 22;
    pub const UDP: usize = 23;
    pub const TCP: usize = 24;
    pub const WINDOW: usize = 25;
    pub const DIRECTORY: usize = 26;
    pub const CONNECTION: usize = 27;
    pub const FLOAT: usize = 28;
    pub const DOUBLE: usize = 29;
    pub const NET: usize = 30;
    pub const HTTP: usize = 31;
    pub const TIME: usize = 32;
    pub const STAT: usize = 33;
    pub const IO: usize = 34;
    pub const PORT: usize = 35;
    pub const UI_CONTROL: usize = 36;
    pub const UI_FONT: usize = 37;
}

/// Data cells of a thread object.
pub mod thread {
    /// Per-thread environment (`.phantom.environment`), made on first use.
    pub const ENV: u32 = 0;
    /// Owner (`.phantom.user`), never set by the VM.
    pub const OWNER: u32 = 1;
    /// Saved execution state, written at snapshots (persistence layer).
    pub const STATE: u32 = 2;
    /// References among the cells above.
    pub const REFS: u32 = 3;
    /// Thread number in this process.
    pub const ID: u32 = 3;
    /// Cells.
    pub const CELLS: u32 = 6;
}

/// Every native class, indexed by `sys_table_id`.
pub static INTERNAL: [InternalClass; 38] = [
    ic!(".internal.object", INT, 0, 0),
    ic!(
        ".internal.class",
        INT | F::IS_CLASS,
        class::CELLS,
        class::CLASS_REFS
    ),
    ic!(".internal.interface", LEAF, 0, 0),
    ic!(".internal.code", LEAF, 0, 0),
    ic!(".internal.int", NUM | F::IS_INT, 1, 0),
    ic!(".internal.long", NUM, 2, 0),
    ic!(".internal.string", NUM | F::IS_STRING, 1, 0),
    // {page, used}
    ic!(".internal.container.array", INT | F::IS_RESIZEABLE, 2, 1),
    // A plain slot array: every cell is a reference.
    ic!(".internal.container.page", 0, 0, 0),
    ic!(
        ".internal.thread",
        INT | F::IS_THREAD,
        thread::CELLS,
        thread::REFS
    ),
    ic!(".internal.call_frame", LEAF, 0, 0),
    ic!(".internal.istack", LEAF, 0, 0),
    ic!(".internal.ostack", LEAF, 0, 0),
    ic!(".internal.estack", LEAF, 0, 0),
    ic!(".internal.boot", LEAF, 0, 0),
    ic!(".internal.io.tty", LEAF, 2, 0),
    // {owner thread id + 1, lock count}
    ic!(".internal.mutex", LEAF, 2, 0),
    // {signal sequence, waiters}
    ic!(".internal.cond", LEAF, 2, 0),
    // {count}
    ic!(".internal.sema", LEAF, 2, 0),
    // {byte length, bytes...}
    ic!(".internal.binary", LEAF, 1, 0),
    // {image binary (RGBA), xsize, ysize}
    ic!(".internal.bitmap", INT, 3, 1),
    // {object, ordinal}
    ic!(".internal.closure", INT, 2, 1),
    ic!(".internal.world", LEAF, 0, 0),
    // {host handle, process epoch, bound port} (`native::handles`)
    ic!(".internal.udp", LEAF, 3, 0),
    // {host handle, process epoch}
    ic!(".internal.tcp", LEAF, 2, 0),
    ic!(".internal.window", LEAF, 4, 0),
    // {keys page, values page, count}
    ic!(".internal.directory", INT, 3, 2),
    // {destination name, callback object, callback method}
    ic!(".internal.connection", INT, 3, 2),
    ic!(".internal.float", NUM, 1, 0),
    ic!(".internal.double", NUM, 2, 0),
    ic!(".internal.net", LEAF, 0, 0),
    ic!(".internal.http", LEAF, 0, 0),
    ic!(".internal.time", LEAF, 0, 0),
    ic!(".internal.stat", LEAF, 0, 0),
    // {file name, host handle, process epoch}
    ic!(".internal.io", INT, 3, 1),
    ic!(".internal.port", LEAF, 0, 0),
    ic!(".internal.ui.control", LEAF, 0, 0),
    ic!(".internal.ui.font", LEAF, 0, 0),
];

/// The native class index for a name, with the original's aliases.
pub fn internal_index(name: &str) -> Option<usize> {
    match name {
        ".internal.void" => return Some(sys::VOID),
        ".internal.bootstrap" => return Some(sys::BOOT),
        ".internal.array" => return Some(sys::ARRAY),
        _ => {}
    }
    INTERNAL.iter().position(|c| c.name == name)
}

/// Reads and makes the data of internal objects.
impl Heap {
    /// Bytes of a string or binary object (cell 0 is the length).
    pub fn bytes(&self, r: Ref) -> &[u8] {
        let len = self.get(r, 0) as usize;
        // SAFETY: the object holds `len` bytes after its length cell
        // (checked when it was made).
        unsafe { core::slice::from_raw_parts(self.cell_ptr(r.0 + HDR + 1) as *const u8, len) }
    }

    /// Mutable bytes of a binary object.
    pub fn bytes_mut(&mut self, r: Ref) -> &mut [u8] {
        let len = self.get(r, 0) as usize;
        // SAFETY: as in `bytes`; `&mut self` makes the view exclusive.
        unsafe { core::slice::from_raw_parts_mut(self.cell_ptr(r.0 + HDR + 1) as *mut u8, len) }
    }

    /// A new byte object (string or binary) of class `cls`.
    pub fn new_bytes(&mut self, cls: Ref, fl: u32, data: &[u8]) -> Result<Ref, OutOfMemory> {
        let cells = 1 + data.len().div_ceil(4);
        if cells > u32::MAX as usize / 2 {
            return Err(OutOfMemory);
        }
        let r = self.alloc(cls, fl, cells as u32)?;
        self.set(r, 0, data.len() as u32);
        self.bytes_mut(r).copy_from_slice(data);
        Ok(r)
    }

    /// Appends the bytes of byte object `src` to byte object `r` in place
    /// if `r`'s block has room for them; `false` (and no change) if not.
    /// `src` may be `r` itself.
    pub fn append_bytes(&mut self, r: Ref, src: Ref) -> bool {
        let len = self.get(r, 0) as usize;
        let extra = self.get(src, 0) as usize;
        let total = len + extra;
        if 1 + total.div_ceil(4) > self.size(r) as usize {
            return false;
        }
        // SAFETY: both ranges lie inside their objects (`r` has room for
        // `total` bytes, checked above); `copy` allows them to overlap.
        unsafe {
            let from = self.cell_ptr(src.0 + HDR + 1) as *const u8;
            let to = (self.cell_ptr(r.0 + HDR + 1) as *mut u8).add(len);
            core::ptr::copy(from, to, extra);
        }
        self.set(r, 0, total as u32);
        true
    }

    /// A new byte object of class `cls` holding `a`'s bytes and then
    /// `b`'s, with room for `room` more bytes (so that appending to it
    /// again need not copy).
    pub fn joined_bytes(
        &mut self,
        cls: Ref,
        fl: u32,
        a: Ref,
        b: Ref,
        room: usize,
    ) -> Result<Ref, OutOfMemory> {
        let (la, lb) = (self.get(a, 0) as usize, self.get(b, 0) as usize);
        let cells = 1 + (la + lb + room).div_ceil(4);
        if cells > u32::MAX as usize / 2 {
            return Err(OutOfMemory);
        }
        let r = self.alloc(cls, fl, cells as u32)?;
        self.set(r, 0, 0);
        // Room for both was allocated, so neither append can fail.
        let (ok_a, ok_b) = (self.append_bytes(r, a), self.append_bytes(r, b));
        debug_assert!(ok_a && ok_b);
        Ok(r)
    }

    /// A 64-bit value stored in two data cells (low cell first).
    pub fn get64(&self, r: Ref, i: u32) -> u64 {
        u64::from(self.get(r, i)) | (u64::from(self.get(r, i + 1)) << 32)
    }

    /// Stores a 64-bit value in two data cells.
    pub fn set64(&mut self, r: Ref, i: u32, v: u64) {
        self.set(r, i, v as u32);
        self.set(r, i + 1, (v >> 32) as u32);
    }

    /// The class name of a class object.
    pub fn class_name(&self, cls: Ref) -> String {
        let n = self.get_ref(cls, class::NAME);
        if n.is_null() {
            return String::from("?");
        }
        String::from_utf8_lossy(self.bytes(n)).into_owned()
    }

    /// The parent of a class object.
    pub fn class_parent(&self, cls: Ref) -> Ref {
        self.get_ref(cls, class::PARENT)
    }

    /// Whether `cls` is `ancestor` or one of its subclasses.
    pub fn is_subclass(&self, mut cls: Ref, ancestor: Ref) -> bool {
        while !cls.is_null() {
            if cls == ancestor {
                return true;
            }
            cls = self.class_parent(cls);
        }
        false
    }

    /// The native class index of a class, if it is internal.
    pub fn sys_id(&self, cls: Ref) -> Option<usize> {
        let id = self.get(cls, class::SYS_ID);
        (id != u32::MAX).then_some(id as usize)
    }

    /// Elements of a page object (all its data cells).
    pub fn page_refs(&self, page: Ref) -> Vec<Ref> {
        (0..self.size(page))
            .map(|i| self.get_ref(page, i))
            .collect()
    }
}
