//! Execution state of one VM thread: call frames and the three stacks.
//!
//! The stacks live in ordinary vectors while the thread runs (that keeps
//! the interpreter loop tight); every reference on them is counted, and the
//! collector and the snapshot code reach them through [`Thread::roots`].

use alloc::vec::Vec;

use crate::heap::Ref;

/// One call frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    /// Index into `Vm::methods`.
    pub method: u32,
    /// The receiver (owned reference).
    pub this: Ref,
    /// Next instruction to run.
    pub pc: u32,
    /// Object-stack slot 0 of this frame.
    pub os_base: u32,
    /// Integer-stack cell 0 of this frame.
    pub is_base: u32,
    /// First catcher of this frame.
    pub es_base: u32,
}

/// An exception catcher pushed by `push_catcher`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Catcher {
    /// Class caught (with its subclasses).
    pub class: Ref,
    /// Instruction to continue at.
    pub target: u32,
    /// Object-stack depth when it was pushed.
    pub os: u32,
    /// Integer-stack depth when it was pushed.
    pub is: u32,
}

/// What a blocked thread waits for. The native that blocked is run again
/// when the wait ends (it has not consumed its arguments), so a thread can
/// be stopped, snapshotted and restarted while it waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// Until a monotonic time in milliseconds.
    Until(u64),
    /// Until some mutex, condition or semaphore changes.
    Sync,
    /// Until a change, or a monotonic time in milliseconds.
    SyncUntil(u64),
    /// Until host input may be ready (console, sockets): poll again soon.
    Io,
}

/// A VM thread.
#[derive(Debug)]
pub struct Thread {
    /// Thread number in this process.
    pub id: u32,
    /// The `.internal.thread` object.
    pub obj: Ref,
    /// Call frames, innermost last.
    pub frames: Vec<Frame>,
    /// Object stack.
    pub os: Vec<Ref>,
    /// Integer stack.
    pub is: Vec<u32>,
    /// Catchers.
    pub es: Vec<Catcher>,
    /// Scratch state of a restartable native in progress (phase, deadline);
    /// all zero when no native is in progress.
    pub native: [u64; 2],
    /// Result of the bottom frame, for synchronous calls.
    pub result: Ref,
}

impl Thread {
    /// An empty thread.
    pub fn new(id: u32, obj: Ref) -> Thread {
        Thread {
            id,
            obj,
            frames: Vec::new(),
            os: Vec::with_capacity(256),
            is: Vec::with_capacity(256),
            es: Vec::new(),
            native: [0; 2],
            result: Ref::NULL,
        }
    }

    /// Appends every reference the thread holds.
    pub fn roots(&self, out: &mut Vec<Ref>) {
        out.push(self.obj);
        out.push(self.result);
        out.extend(self.os.iter().copied());
        out.extend(self.frames.iter().map(|f| f.this));
        out.extend(self.es.iter().map(|c| c.class));
    }
}
