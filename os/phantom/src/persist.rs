//! Orthogonal persistence for the hosted runtime.
//!
//! With `--image FILE` the object memory is a [`Tracker`] region whose
//! contents are snapshots in an image file ([`phantom_pager`]). A snapshot
//! has two steps:
//!
//! 1. **the instant**, on the snapshot thread while it holds the VM lock,
//!    so that every VM thread is stopped at a bytecode boundary: the
//!    threads' states go into the object memory (`Vm::save_threads`), and
//!    the tracker write-protects every page written since the last
//!    instant. This is the pause the program sees;
//! 2. **the write**, on the same thread without the lock: the pages of the
//!    instant go to the image (pages written meanwhile are copied aside
//!    first), then the commit, which makes the snapshot durable.
//!
//! Continuing an image maps its newest snapshot lazily (a page is read on
//! first touch, and a background thread prefetches the rest), then the VM
//! reattaches to the memory and its threads resume where the instant
//! caught them.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use phantom_pager::file::FileDevice;
use phantom_pager::track::{write_snapshot_at, ImageSource, Tracker, TrackerConfig};
use phantom_pager::{Error as PagerError, Pager, SnapshotInfo, BLOCK_SIZE};
use phantom_vm::heap::Region;

use crate::sched::Sched;

/// The object memory of an image run: the tracker's main view.
pub struct TrackedRegion(pub Arc<Tracker>);

impl Region for TrackedRegion {
    fn base(&mut self) -> *mut u32 {
        self.0.base().cast()
    }
    fn cells(&self) -> usize {
        self.0.len() / 4
    }
}

/// An image opened for a run.
pub struct Image {
    /// The image file.
    pub path: PathBuf,
    /// The object memory.
    pub tracker: Arc<Tracker>,
    /// The store.
    pub pager: Pager<FileDevice>,
    /// The snapshot being continued; `None` for a fresh start.
    pub resumed: Option<SnapshotInfo>,
    /// Whether this run made the file.
    pub created: bool,
    /// Held open for its lock (one process per image), as long as
    /// snapshots may be written.
    lock: File,
}

/// Wall-clock milliseconds since the Unix epoch.
pub fn wall_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Takes the image's lock on a descriptor of its own: the pager's may be
/// closed and opened again after a failed commit, which must not drop it.
fn lock(path: &Path) -> Result<File, String> {
    let f = File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    // SAFETY: flock on a descriptor we own.
    if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        return Err(format!(
            "{} is in use by another phantom process (only one may run an image at a time)",
            path.display()
        ));
    }
    Ok(f)
}

/// Makes a new image at `path`: formatted in a file of its own beside it
/// (locked) and only then linked in as `path`, so that a process killed
/// while formatting leaves no half-made image that later runs would refuse.
/// Linking fails if `path` appeared meanwhile, so another process's image is
/// never replaced.
fn create(path: &Path) -> Result<(Pager<FileDevice>, File), String> {
    let name = path
        .file_name()
        .map_or_else(|| "image".into(), |n| n.to_string_lossy());
    let tmp = path.with_file_name(format!(".{name}.{}.new", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let made = (|| {
        let dev = FileDevice::create(&tmp)
            .map_err(|e| format!("cannot create image {}: {e}", path.display()))?;
        let lock = lock(&tmp)?;
        let pager =
            Pager::create(dev).map_err(|e| format!("cannot use image {}: {e}", path.display()))?;
        std::fs::hard_link(&tmp, path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                format!(
                    "{} was made by another process meanwhile; run again to use it",
                    path.display()
                )
            } else {
                format!("cannot create image {}: {e}", path.display())
            }
        })?;
        // The name must outlive a power cut as the snapshots written to it do.
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| format!("cannot create image {}: {e}", path.display()))?;
        Ok((pager, lock))
    })();
    let _ = std::fs::remove_file(&tmp);
    made
}

/// Opens the image at `path` (creating it if it does not exist or is an
/// empty file) with an object memory of at least `heap_bytes`. `from`
/// picks an older kept snapshot (generation or retained name) to continue
/// instead of the newest.
pub fn open(path: &Path, heap_bytes: usize, from: Option<&str>) -> Result<Image, String> {
    let what = |e: PagerError| format!("cannot use image {}: {e}", path.display());
    let created = !path.exists();
    if created && from.is_some() {
        return Err(format!(
            "{} does not exist: there is no snapshot to continue",
            path.display()
        ));
    }
    let (mut pager, lock) = if created {
        create(path)?
    } else {
        let dev = FileDevice::open(path)
            .map_err(|e| format!("cannot open image {}: {e}", path.display()))?;
        // Locked before anything is read or written, so that two processes
        // never format or change one image at once.
        let lock = lock(path)?;
        // A file of any length is an image or refused; only an empty one is
        // formatted (never a user's file that merely is not an image).
        let empty = dev.file().metadata().map(|m| m.len() == 0).unwrap_or(false);
        let pager = if empty {
            Pager::create(dev)
        } else {
            Pager::open(dev)
        }
        .map_err(what)?;
        (pager, lock)
    };
    if let Some(f) = from {
        pager.restore(crate::image_cmd::which(f)).map_err(what)?;
    }
    let cfg = TrackerConfig::default();
    let region_err =
        |e: std::io::Error| format!("cannot map {} MiB of object memory: {e}", heap_bytes >> 20);
    let resumed = pager.snapshots().into_iter().find(|s| s.newest);
    let tracker = match &resumed {
        None => Tracker::new(heap_bytes, cfg).map_err(region_err)?,
        Some(s) => {
            let bytes = heap_bytes.max(s.pages as usize * BLOCK_SIZE);
            let src = ImageSource::new(&pager)
                .map_err(|e| format!("cannot read image {}: {e}", path.display()))?;
            Tracker::restore(bytes, cfg, Box::new(src)).map_err(region_err)?
        }
    };
    Ok(Image {
        path: path.to_path_buf(),
        tracker: Arc::new(tracker),
        pager,
        resumed,
        created,
        lock,
    })
}

/// How snapshots are reported.
#[derive(Clone, Copy)]
pub struct Report {
    /// One line on standard error per snapshot (`-v`).
    pub verbose: bool,
    /// Machine-readable `#phantom ...` lines on standard output, in order
    /// with the program's output (`PHANTOM_SNAPSHOT_TRACE=1`, for tests).
    pub trace: bool,
}

enum Cmd {
    /// Take a snapshot now.
    Now,
    /// Take a last snapshot and stop; the answer is its outcome.
    Stop(mpsc::Sender<Result<u64, String>>),
}

/// The snapshot thread and the way to talk to it.
pub struct Snapshots {
    tx: mpsc::Sender<Cmd>,
    thread: Option<JoinHandle<()>>,
}

impl Snapshots {
    /// Starts taking a snapshot every `interval` (never if `None`).
    pub fn start(
        sched: Arc<Sched>,
        image: Image,
        interval: Option<Duration>,
        report: Report,
    ) -> Snapshots {
        let (tx, rx) = mpsc::channel();
        let durable = image.resumed.as_ref().map_or(0, |s| s.generation);
        let mut w = Writer {
            sched,
            tracker: image.tracker,
            pager: Some(image.pager),
            path: image.path,
            report,
            durable,
            failing: None,
            _lock: image.lock,
        };
        let thread = std::thread::Builder::new()
            .name("snapshot".into())
            .spawn(move || loop {
                let cmd = match interval {
                    Some(i) => match rx.recv_timeout(i) {
                        Ok(c) => c,
                        Err(RecvTimeoutError::Timeout) => Cmd::Now,
                        Err(RecvTimeoutError::Disconnected) => return,
                    },
                    None => match rx.recv() {
                        Ok(c) => c,
                        Err(_) => return,
                    },
                };
                match cmd {
                    Cmd::Now => {
                        let _ = w.snapshot();
                    }
                    Cmd::Stop(answer) => {
                        let _ = answer.send(w.snapshot());
                        return;
                    }
                }
            })
            .expect("spawn the snapshot thread");
        Snapshots {
            tx,
            thread: Some(thread),
        }
    }

    /// A handle that asks for snapshots (from a signal thread).
    pub fn requester(&self) -> Requester {
        Requester(self.tx.clone())
    }

    /// Takes a last snapshot and stops the thread. Returns the durable
    /// generation, or why the last snapshot failed.
    pub fn finish(mut self) -> Result<u64, String> {
        let r = self.requester().stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        r
    }
}

/// Asks the snapshot thread for snapshots.
#[derive(Clone)]
pub struct Requester(mpsc::Sender<Cmd>);

impl Requester {
    /// A snapshot as soon as the current one (if any) is written.
    pub fn now(&self) {
        let _ = self.0.send(Cmd::Now);
    }

    /// A last snapshot; waits until it is durable (or failed).
    pub fn stop(&self) -> Result<u64, String> {
        let (tx, rx) = mpsc::channel();
        if self.0.send(Cmd::Stop(tx)).is_err() {
            return Err("the snapshot thread has stopped".into());
        }
        rx.recv()
            .unwrap_or_else(|_| Err("the snapshot thread has stopped".into()))
    }
}

/// The snapshot thread's state.
struct Writer {
    sched: Arc<Sched>,
    tracker: Arc<Tracker>,
    /// `None` after a failed commit left the image in an unknown state
    /// until it is opened again.
    pager: Option<Pager<FileDevice>>,
    path: PathBuf,
    report: Report,
    /// Newest generation known to be durable.
    durable: u64,
    /// The last failure's message and how many times it repeated.
    failing: Option<(String, u32)>,
    _lock: File,
}

impl Writer {
    /// Takes one snapshot. Failures are reported here; the image keeps
    /// its older snapshots and the next snapshot writes the pages again.
    fn snapshot(&mut self) -> Result<u64, String> {
        let r = self.try_snapshot();
        if let Err((generation, msg)) = &r {
            // The first failure of a kind is reported, then every tenth
            // retry, so that a full disk does not flood the terminal.
            let n = match &mut self.failing {
                Some((m, n)) if m == msg => {
                    *n += 1;
                    *n
                }
                f => {
                    *f = Some((msg.clone(), 0));
                    0
                }
            };
            if n % 10 == 0 {
                let keeps = match self.durable {
                    0 => "has no snapshot yet".to_string(),
                    g => format!("keeps snapshot {g}"),
                };
                eprintln!(
                    "phantom: snapshot {generation} of {} failed{}: {msg}; the image {keeps} and the program goes on",
                    self.path.display(),
                    if n > 0 { format!(" ({} attempts)", n + 1) } else { String::new() },
                );
            }
            if self.report.trace {
                crate::host::print_stdout(
                    format!("#phantom snapshot {generation} failed: {msg}\n").as_bytes(),
                );
            }
        }
        if let (Ok(g), Some(_)) = (&r, &self.failing) {
            eprintln!(
                "phantom: snapshots of {} work again: snapshot {g} is durable",
                self.path.display()
            );
            self.failing = None;
        }
        r.map_err(|(_, m)| m)
    }

    fn try_snapshot(&mut self) -> Result<u64, (u64, String)> {
        let pager = match &mut self.pager {
            Some(p) => p,
            None => {
                // The last commit's outcome is unknown: read the image
                // again. Pages of the failed snapshot were marked dirty
                // again, so whichever snapshot the image ends with, the
                // next one writes them.
                let reopened = FileDevice::open(&self.path)
                    .map_err(|e| PagerError::Device {
                        during: format!("reopening {}", self.path.display()),
                        error: phantom_pager::DevError::Io(e.to_string()),
                    })
                    .and_then(Pager::open)
                    .map_err(|e| (self.durable + 1, e.to_string()))?;
                self.durable = reopened.generation();
                self.pager.insert(reopened)
            }
        };
        let generation = pager.info().max_generation + 1;
        let asked = Instant::now();
        let tracker = &self.tracker;
        let trace = self.report.trace;
        let (units, stopped, pause) = self
            .sched
            .with_vm(|vm| {
                let t = Instant::now();
                if let Err(x) = vm.save_threads() {
                    vm.heap.dec(x);
                    return Err("out of object memory while saving the threads' states".into());
                }
                // Counted before the instant, so that the snapshot holds
                // its own count (`.internal.stat` counter 1).
                vm.host_handles.counters.snapshots += 1;
                let units = match tracker.begin_snapshot() {
                    Ok(u) => u,
                    Err(e) => {
                        vm.host_handles.counters.snapshots -= 1;
                        return Err(e.to_string());
                    }
                };
                if trace {
                    vm.host
                        .stdout(format!("#phantom snapshot {generation} instant\n").as_bytes());
                }
                Ok((units, t - asked, t.elapsed()))
            })
            .map_err(|m: String| (generation, m))?;
        let t = Instant::now();
        let r = write_snapshot_at(tracker, &units, pager, generation, wall_ms());
        let took = t.elapsed();
        match r {
            Ok(st) => {
                self.durable = generation;
                if self.report.trace {
                    crate::host::print_stdout(
                        format!("#phantom snapshot {generation} durable\n").as_bytes(),
                    );
                }
                if self.report.verbose {
                    eprintln!(
                        "phantom: snapshot {generation}: {} pages ({} blocks written), stop {:.2} ms, pause {:.2} ms, write {:.1} ms",
                        units.len() * tracker.pages_per_unit(),
                        st.data_blocks_written + st.map_blocks_written,
                        stopped.as_secs_f64() * 1e3,
                        pause.as_secs_f64() * 1e3,
                        took.as_secs_f64() * 1e3
                    );
                }
                Ok(generation)
            }
            Err(e) => {
                // Whatever failed, the image on disk says which snapshots
                // are durable: read it again before the next snapshot.
                self.pager = None;
                Err((generation, e.to_string()))
            }
        }
    }
}

/// Loads every page of a continued image in the background, so that the
/// program soon stops taking first-touch faults.
pub fn prefetch(tracker: Arc<Tracker>) {
    let _ = std::thread::Builder::new()
        .name("prefetch".into())
        .spawn(move || tracker.load_all());
}

/// Handles the signals of an image run: SIGUSR1 takes a snapshot now;
/// SIGINT, SIGTERM and SIGHUP take a last snapshot and end the process
/// with 128 + the signal number (3 if the snapshot failed).
pub fn on_signals(req: Requester, verbose: bool) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGUSR1};
    let mut signals = match signal_hook::iterator::Signals::new([SIGUSR1, SIGINT, SIGTERM, SIGHUP])
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("phantom: warning: cannot handle signals ({e}); Ctrl-C stops without a last snapshot");
            return;
        }
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                if sig == SIGUSR1 {
                    req.now();
                    continue;
                }
                let name = match sig {
                    SIGINT => "SIGINT",
                    SIGTERM => "SIGTERM",
                    _ => "SIGHUP",
                };
                let code = match req.stop() {
                    Ok(g) => {
                        if verbose {
                            eprintln!("phantom: {name}: stopped; snapshot {g} is durable");
                        }
                        128 + sig
                    }
                    Err(_) => 3,
                };
                std::process::exit(code);
            }
        });
}
