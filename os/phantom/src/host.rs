//! The Linux platform under the VM: memory region, console, clock and the
//! class path.

use std::collections::HashMap;

use classfile::path::ClassDirs;
use std::io::{BufRead, Write};
use std::sync::mpsc::{sync_channel, Receiver, TryRecvError};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use phantom_vm::heap::Region;
use phantom_vm::vm::Input;
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
/// entries in order (a directory holds `<name without the leading dot>.pc`
/// files, a file is a class archive), then the built-in class library.
pub struct ClassPath {
    /// Class files compiled in memory, by class name.
    pub compiled: HashMap<String, Vec<u8>>,
    /// The `-I` entries and the class library.
    pub dirs: ClassDirs,
}

impl ClassPath {
    fn find(&mut self, name: &str) -> Option<Vec<u8>> {
        if let Some(b) = self.compiled.get(name) {
            return Some(b.clone());
        }
        self.dirs.class_file(name)
    }

    fn names_ignoring_case(&mut self, name: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .compiled
            .keys()
            .filter(|k| k.eq_ignore_ascii_case(name))
            .cloned()
            .collect();
        out.extend(self.dirs.names_ignoring_case(name));
        out.sort();
        out.dedup();
        out
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
    /// Console lines from the reader thread (started on the first read);
    /// `None` in a message means the input ended.
    input: Option<Receiver<Option<Vec<u8>>>>,
    input_ended: bool,
}

impl LinuxHost {
    /// A host with this class path.
    pub fn new(classes: ClassPath) -> LinuxHost {
        LinuxHost {
            start: Instant::now(),
            classes,
            input: None,
            input_ended: false,
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

    fn now_ns(&self) -> u64 {
        self.start.elapsed().as_nanos() as u64
    }

    fn wall_ms(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }

    fn class_file(&mut self, name: &str) -> Option<Vec<u8>> {
        self.classes.find(name)
    }

    fn class_names_ignoring_case(&mut self, name: &str) -> Vec<String> {
        self.classes.names_ignoring_case(name)
    }

    fn read_line(&mut self) -> Option<Vec<u8>> {
        let _ = std::io::stdout().flush();
        read_stdin_line()
    }

    fn poll_line(&mut self) -> Input {
        if self.input_ended {
            return Input::End;
        }
        let _ = std::io::stdout().flush();
        let rx = self.input.get_or_insert_with(|| {
            // At most one line is read ahead: input typed before the
            // program asks stays in the terminal's buffer.
            let (tx, rx) = sync_channel(0);
            let _ = std::thread::Builder::new()
                .name("console".into())
                .spawn(move || loop {
                    let line = read_stdin_line();
                    let end = line.is_none();
                    if tx.send(line).is_err() || end {
                        return;
                    }
                });
            rx
        });
        match rx.try_recv() {
            Ok(Some(l)) => Input::Line(l),
            Err(TryRecvError::Empty) => Input::Waiting,
            Ok(None) | Err(TryRecvError::Disconnected) => {
                self.input_ended = true;
                Input::End
            }
        }
    }
}

/// One line of standard input without its line end; `None` at the end.
fn read_stdin_line() -> Option<Vec<u8>> {
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
