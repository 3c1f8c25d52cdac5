//! Page-fault hook. A subsystem (the pager, later) registers a handler for
//! a virtual range; faults inside it are passed on with the access kind, so
//! the handler can map a page on demand or note a write to a write-protected
//! page and unprotect it. Faults nowhere registered are fatal.

use alloc::sync::Arc;
use alloc::vec::Vec;

use crate::arch::idt::TrapFrame;
use crate::sync::spin::SpinLock;

/// What the faulting access was.
#[derive(Clone, Copy, Debug)]
pub struct FaultInfo {
    /// Faulting virtual address (CR2).
    pub addr: u64,
    /// The access was a write.
    pub write: bool,
    /// The page was present (so this is a protection violation).
    pub present: bool,
    /// The access was an instruction fetch.
    pub exec: bool,
    /// Address of the faulting instruction.
    pub rip: u64,
    /// Interrupts were enabled where the fault happened: the faulting
    /// thread may be parked (`sched::block_prepare` and
    /// `sched::request_resched` in the handler, which returns `Resolved`):
    /// it is switched out at the end of the exception and retries the
    /// instruction once woken.
    pub can_block: bool,
}

/// A handler's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultResult {
    /// The mapping was fixed; retry the instruction.
    Resolved,
    /// Not something the handler can fix: a kernel bug.
    Unhandled,
}

/// Receives faults inside a registered range. Runs with interrupts disabled
/// on the exception stack, so it must not block itself; it may park the
/// faulting thread (see [`FaultInfo::can_block`]).
pub trait FaultHandler: Send + Sync {
    /// Handles one fault.
    fn on_fault(&self, info: &FaultInfo) -> FaultResult;
}

struct Region {
    start: u64,
    end: u64,
    handler: Arc<dyn FaultHandler>,
}

static REGIONS: SpinLock<Vec<Region>> = SpinLock::new(Vec::new());

/// Registration token: dropping it does not unregister; call [`unregister`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegionId(u64);

/// Sends faults in [start, end) to `handler`. Fails if the range overlaps another.
pub fn register(
    start: u64,
    end: u64,
    handler: Arc<dyn FaultHandler>,
) -> Result<RegionId, &'static str> {
    if start >= end {
        return Err("empty fault range");
    }
    let mut r = REGIONS.lock();
    if r.iter().any(|x| x.start < end && start < x.end) {
        return Err("fault range overlaps a registered one");
    }
    r.push(Region {
        start,
        end,
        handler,
    });
    Ok(RegionId(start))
}

/// Removes the registration made by [`register`].
pub fn unregister(id: RegionId) -> Result<(), &'static str> {
    let mut r = REGIONS.lock();
    let before = r.len();
    r.retain(|x| x.start != id.0);
    if r.len() == before {
        return Err("no such fault range");
    }
    Ok(())
}

/// Called from the page-fault exception; true if a handler resolved it.
pub fn handle(addr: u64, frame: &TrapFrame) -> bool {
    let handler = {
        let Some(r) = REGIONS.try_lock() else {
            return false;
        };
        match r.iter().find(|x| (x.start..x.end).contains(&addr)) {
            Some(x) => x.handler.clone(),
            None => return false,
        }
    };
    let info = FaultInfo {
        addr,
        write: frame.error & 2 != 0,
        present: frame.error & 1 != 0,
        exec: frame.error & 16 != 0,
        rip: frame.rip,
        can_block: frame.rflags & (1 << 9) != 0,
    };
    handler.on_fault(&info) == FaultResult::Resolved
}
