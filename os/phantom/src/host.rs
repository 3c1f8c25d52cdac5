//! The Linux platform under the VM: memory region, console, clock and the
//! class path.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use phantom_vm::heap::Region;
use phantom_vm::Host;

/// Object memory in anonymous virtual memory: reserved at its full size
/// up front (pages are only backed once touched), so it never moves.
pub struct MmapRegion {
    base: *mut u32,
    cells: usize,
}

// SAFETY: the mapping is owned by this value alone.
unsafe impl Send for MmapRegion {}

impl MmapRegion {
    /// Reserves `bytes` of address space.
    pub fn reserve(bytes: usize) -> std::io::Result<MmapRegion> {
        // SAFETY: a fresh private anonymous mapping; no existing memory is
        // touched.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                bytes,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        Ok(MmapRegion {
            base: p.cast(),
            cells: bytes / 4,
        })
    }
}

impl Drop for MmapRegion {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the mapping made in `reserve`.
        unsafe { libc::munmap(self.base.cast(), self.cells * 4) };
    }
}

impl Region for MmapRegion {
    fn base(&mut self) -> *mut u32 {
        self.base
    }
    fn cells(&self) -> usize {
        self.cells
    }
}

/// Where classes come from: classes compiled in this run, then the `-I`
/// entries in order: a directory holds `<name without the leading dot>.pc`
/// files, a file is a class archive.
pub struct ClassPath {
    /// Class files compiled in memory, by class name.
    pub compiled: HashMap<String, Vec<u8>>,
    /// Directories to search.
    pub dirs: Vec<PathBuf>,
}

impl ClassPath {
    fn find(&self, name: &str) -> Option<Vec<u8>> {
        if let Some(b) = self.compiled.get(name) {
            return Some(b.clone());
        }
        if let Some((_, b)) = self
            .compiled
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
        {
            return Some(b.clone());
        }
        let file = format!("{}.pc", name.trim_start_matches('.'));
        self.dirs.iter().find_map(|d| {
            if d.is_file() {
                // A class archive (`classfile::bulk`), like the original's
                // `classes` module.
                let bytes = std::fs::read(d).ok()?;
                let entries = classfile::bulk::read(&bytes).ok()?;
                classfile::bulk::find(&entries, name).map(|e| e.data.clone())
            } else {
                std::fs::read(d.join(&file)).ok()
            }
        })
    }
}

/// Writes to standard output, flushing at the end of a line. A closed
/// stdout (a pipe to `head`) must not stop the program, so errors are
/// ignored.
pub fn print_stdout(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes);
    if bytes.contains(&b'\n') {
        let _ = out.flush();
    }
}

/// The hosted platform.
pub struct LinuxHost {
    start: Instant,
    classes: ClassPath,
}

impl LinuxHost {
    /// A host with this class path.
    pub fn new(classes: ClassPath) -> LinuxHost {
        LinuxHost {
            start: Instant::now(),
            classes,
        }
    }
}

impl Host for LinuxHost {
    fn stdout(&mut self, bytes: &[u8]) {
        print_stdout(bytes);
    }

    fn stderr(&mut self, bytes: &[u8]) {
        let _ = std::io::stderr().lock().write_all(bytes);
    }

    fn now_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }

    fn wall_ms(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }

    fn class_file(&mut self, name: &str) -> Option<Vec<u8>> {
        self.classes.find(name)
    }

    fn read_line(&mut self) -> Option<Vec<u8>> {
        let _ = std::io::stdout().flush();
        let mut line = Vec::new();
        match std::io::stdin().lock().read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                while matches!(line.last(), Some(b'\n' | b'\r')) {
                    line.pop();
                }
                Some(line)
            }
        }
    }
}
