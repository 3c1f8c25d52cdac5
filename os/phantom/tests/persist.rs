//! `phantom run --image` and `phantom image`: continuing after kills and
//! signals, the restart manager's sleeping threads, failed snapshot writes,
//! and images that must be refused. The crash harness with hundreds of
//! random kills is `kill.rs`.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh directory on disk (the target directory, not a tmpfs).
fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("persist-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Copies `testsuite/persist/NAME.ph` into `d`; returns the copy.
fn program(d: &Path, name: &str) -> PathBuf {
    let src = d.join(format!("{name}.ph"));
    std::fs::copy(root().join(format!("testsuite/persist/{name}.ph")), &src).unwrap();
    src
}

/// A copy of `testsuite/persist/NAME.ph` in a fresh directory, and the
/// path of its image there (not made yet).
fn fixture(dir_name: &str, name: &str) -> (PathBuf, PathBuf) {
    let d = dir(dir_name);
    (program(&d, name), d.join(format!("{name}.img")))
}

fn counter() -> PathBuf {
    root().join("examples/counter.ph")
}

/// A running `phantom` whose standard output arrives line by line.
struct Running {
    child: Child,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
    seen: Vec<String>,
}

impl Running {
    fn start(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Running {
        Running::start_with(args, |_| {})
    }

    /// `phantom run --image IMG --snapshot-interval SECS [PROGRAM]`.
    fn image(img: &Path, interval: &str, program: Option<&Path>) -> Running {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> =
            vec![&"--image", &img, &"--snapshot-interval", &interval];
        if let Some(p) = &program {
            args.push(p);
        }
        Running::start(&args)
    }

    fn start_with(
        args: &[&dyn AsRef<std::ffi::OsStr>],
        setup: impl FnOnce(&mut Command),
    ) -> Running {
        let mut cmd = Command::new(PHANTOM);
        cmd.arg("run")
            .args(args.iter().map(|a| a.as_ref()))
            .env("PHANTOM_SNAPSHOT_TRACE", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        setup(&mut cmd);
        let mut child = cmd.spawn().unwrap();
        let (tx, lines) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines() {
                let Ok(l) = l else { break };
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().unwrap();
        let e2 = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                e2.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Running {
            child,
            lines,
            stderr,
            seen: Vec::new(),
        }
    }

    /// Waits for a line that satisfies `f` and returns it.
    fn until(&mut self, what: &str, f: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    if f(&l) {
                        return l;
                    }
                }
                Err(_) => panic!(
                    "no line {what} within 60 s; stdout so far:\n{}\nstderr:\n{}",
                    self.seen.join("\n"),
                    self.stderr()
                ),
            }
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn kill(mut self) -> Vec<String> {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        self.seen.extend(self.lines.iter());
        self.seen
    }

    fn signal(&self, sig: i32) {
        // SAFETY: sending a signal to our own child.
        assert_eq!(unsafe { libc::kill(self.child.id() as i32, sig) }, 0);
    }

    /// Waits for the process to end; returns its exit code and the rest
    /// of its output.
    fn wait(mut self) -> (Option<i32>, Vec<String>, String) {
        let st = self.child.wait().unwrap();
        self.seen.extend(self.lines.iter());
        std::thread::sleep(Duration::from_millis(50));
        let err = self.stderr();
        (st.code(), self.seen, err)
    }
}

fn count_of(line: &str) -> Option<u32> {
    line.strip_prefix("count ")?.parse().ok()
}

fn phantom(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    Command::new(PHANTOM)
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .unwrap()
}

#[test]
fn counter_continues_after_kill_9() {
    let d = dir("kill9");
    let img = d.join("counter.img");
    let interval = "0.2";
    let mut r = Running::start(&[
        &"--image",
        &img,
        &"--snapshot-interval",
        &interval,
        &counter(),
    ]);
    r.until("#phantom boot", |l| l == "#phantom boot");
    r.until("count 2", |l| l == "count 2");
    let durable = r.until("a durable snapshot", |l| l.ends_with(" durable"));
    let lines = r.kill();
    // The state of the newest instant before the last durable report is
    // the oldest the restart may show.
    let gen: u64 = durable.split(' ').nth(2).unwrap().parse().unwrap();
    let at_instant = |g: u64| {
        let i = lines
            .iter()
            .position(|l| *l == format!("#phantom snapshot {g} instant"))
            .unwrap();
        lines[..i]
            .iter()
            .rev()
            .find_map(|l| count_of(l))
            .unwrap_or(0)
    };

    let mut r = Running::start(&[
        &"--image",
        &img,
        &"--snapshot-interval",
        &interval,
        &counter(),
    ]);
    let resume = r.until("#phantom resume", |l| l.starts_with("#phantom "));
    let resumed: u64 = resume
        .strip_prefix("#phantom resume ")
        .unwrap_or_else(|| panic!("expected a resume, got {resume:?}"))
        .parse()
        .unwrap();
    assert!(resumed >= gen, "resumed {resumed}, but {gen} was durable");
    let next = r.until("a count", |l| count_of(l).is_some());
    assert_eq!(count_of(&next), Some(at_instant(resumed) + 1), "{lines:?}");
    assert!(
        r.stderr().contains(&format!("from snapshot {resumed}")),
        "{}",
        r.stderr()
    );
    r.kill();
    let out = phantom(&[&"image", &"check", &img]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn sigterm_takes_a_last_snapshot_and_loses_nothing() {
    let d = dir("sigterm");
    let img = d.join("counter.img");
    // No periodic snapshots: only the last one on SIGTERM.
    let mut r = Running::image(&img, "0", Some(&counter()));
    r.until("count 2", |l| l == "count 2");
    r.signal(libc::SIGTERM);
    let (code, lines, err) = r.wait();
    assert_eq!(code, Some(128 + libc::SIGTERM), "{err}");
    let last = lines.iter().rev().find_map(|l| count_of(l)).unwrap();
    assert!(lines.iter().any(|l| l.ends_with(" durable")), "{lines:?}");

    let mut r = Running::start(&[&"--image", &img]);
    let next = r.until("a count", |l| count_of(l).is_some());
    assert_eq!(count_of(&next), Some(last + 1));
    // SIGUSR1 takes a snapshot on demand.
    r.signal(libc::SIGUSR1);
    r.until("an on-demand snapshot", |l| l.ends_with(" durable"));
    r.kill();
}

#[test]
fn a_sleeping_thread_sleeps_only_its_remaining_time() {
    let (src, img) = fixture("sleep", "sleeper");
    let mut r = Running::image(&img, "0.1", Some(&src));
    r.until("sleeping", |l| l == "sleeping");
    let asleep = Instant::now();
    // A snapshot well into the sleep.
    std::thread::sleep(Duration::from_millis(1500));
    r.until("a durable snapshot", |l| l.ends_with(" durable"));
    let slept = asleep.elapsed();
    r.kill();
    let mut r = Running::image(&img, "0.1", None);
    let t = Instant::now();
    r.until("awake", |l| l == "awake");
    let rest = t.elapsed();
    // About 4 s - `slept` (at least 2.3 s of sleep had passed at the
    // snapshot, at most `slept`): neither the whole sleep again nor none.
    assert!(
        rest < Duration::from_millis(4000) - Duration::from_millis(1200),
        "slept {rest:?} after the restart (had slept {slept:?})"
    );
    assert!(
        rest + slept >= Duration::from_millis(3900),
        "woke {rest:?} after the restart, {slept:?} before"
    );
    let (code, lines, _) = r.wait();
    assert_eq!(code, Some(0));
    assert!(lines.iter().all(|l| l != "sleeping"), "{lines:?}");
}

#[test]
fn an_ended_program_leaves_an_image_without_threads() {
    let d = dir("ended");
    let img = d.join("hello.img");
    let hello = root().join("examples/hello.ph");
    let out = phantom(&[&"run", &"--image", &img, &hello]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hello, 3 times\n");
    // Nothing to continue.
    let out = phantom(&[&"run", &"--image", &img]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("has ended"));
    // A program given again starts in the same world.
    let out = phantom(&[&"run", &"--image", &img, &hello]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hello, 3 times\n");
    let out = phantom(&[&"image", &"snapshots", &img]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("newest") && text.contains("previous"),
        "{text}"
    );
}

#[test]
fn a_retained_snapshot_can_be_continued_later() {
    let d = dir("retain");
    let img = d.join("counter.img");
    let mut r = Running::image(&img, "0", Some(&counter()));
    r.until("count 1", |l| l == "count 1");
    r.signal(libc::SIGTERM);
    let (_, lines, _) = r.wait();
    let kept = lines.iter().rev().find_map(|l| count_of(l)).unwrap();
    let out = phantom(&[&"image", &"retain", &img, &"first"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Two more snapshots move past it.
    for _ in 0..2 {
        let mut r = Running::image(&img, "0", None);
        r.until("count", |l| count_of(l).is_some_and(|c| c > kept + 1));
        r.signal(libc::SIGTERM);
        r.wait();
    }
    let mut r = Running::start(&[&"--image", &img, &"--from", &"first"]);
    let next = r.until("a count", |l| count_of(l).is_some());
    assert_eq!(count_of(&next), Some(kept + 1));
    r.kill();
}

#[test]
fn a_second_process_cannot_run_the_same_image() {
    let d = dir("lock");
    let img = d.join("counter.img");
    let mut r = Running::start(&[&"--image", &img, &counter()]);
    r.until("count 1", |l| l == "count 1");
    let out = phantom(&[&"run", &"--image", &img]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("in use by another phantom process"),
        "{out:?}"
    );
    r.kill();
}

/// Runs `phantom run --image` on `img` and expects it refused with a
/// message containing `why`, leaving the file as it was.
fn refused(img: &Path, why: &str) {
    let before = std::fs::read(img).unwrap();
    let out = phantom(&[&"run", &"--image", &img, &counter()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(why), "{err}");
    assert!(out.stdout.is_empty(), "nothing may run");
    assert_eq!(std::fs::read(img).unwrap(), before, "the file was changed");
}

/// An image with a few snapshots of the counter.
fn counter_image(d: &Path) -> PathBuf {
    let img = d.join("counter.img");
    let mut r = Running::image(&img, "0.1", Some(&counter()));
    r.until("snapshot 3", |l| l == "#phantom snapshot 3 durable");
    r.signal(libc::SIGTERM);
    r.wait();
    img
}

#[test]
fn damaged_newer_and_foreign_images_are_refused() {
    let d = dir("refuse");
    let text = d.join("notes.txt");
    std::fs::write(&text, "not an image\n".repeat(1000)).unwrap();
    refused(&text, "not a Phantom image");
    // Shorter than one block: still a user's file, never formatted.
    let small = d.join("small.txt");
    std::fs::write(&small, "hello\n").unwrap();
    refused(&small, "not a Phantom image");
    // No image to continue: nothing is made.
    let missing = d.join("missing.img");
    let out = phantom(&[&"run", &"--image", &missing, &"--from", &"1"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(!missing.exists());

    // Both superblocks damaged.
    let img = counter_image(&d);
    let mut b = std::fs::read(&img).unwrap();
    b[100] ^= 0xff;
    b[4096 + 100] ^= 0xff;
    std::fs::write(&img, &b).unwrap();
    refused(&img, "the image is corrupt");

    // A newer format version in both superblocks.
    std::fs::remove_file(&img).unwrap();
    let img = counter_image(&d);
    let mut b = std::fs::read(&img).unwrap();
    for slot in [0, 4096] {
        b[slot + 8..slot + 12].copy_from_slice(&7u32.to_le_bytes());
    }
    std::fs::write(&img, &b).unwrap();
    refused(&img, "format version 7");
    let out = phantom(&[&"image", &"info", &img]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_reports_a_damaged_page() {
    let d = dir("damage");
    let img = counter_image(&d);
    let out = phantom(&[&"image", &"check", &img]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("object graph is sound"));
    // Flip a byte in every block after the superblocks: some are data
    // blocks and some map blocks; either way the check must notice.
    let mut b = std::fs::read(&img).unwrap();
    for blk in 2..b.len() / 4096 {
        b[blk * 4096 + 2000] ^= 0x55;
    }
    std::fs::write(&img, &b).unwrap();
    let out = phantom(&[&"image", &"check", &img]);
    assert_ne!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn a_failed_snapshot_write_is_reported_and_the_previous_one_survives() {
    // Sleeps 3 s, then keeps 4 MiB of new strings.
    let (src, img) = fixture("efbig", "grow");
    let mut r = Running::image(&img, "0.1", Some(&src));
    r.until("small", |l| l == "small");
    r.until("snapshot 2", |l| l == "#phantom snapshot 2 durable");
    r.kill();
    let limit = std::fs::metadata(&img).unwrap().len() + 64 * 1024;
    let mut r = Running::start_with(&[&"--image", &img, &"--snapshot-interval", &"0.1"], |c| {
        // SAFETY: only an async-signal-safe call between fork and exec.
        unsafe {
            c.pre_exec(|| {
                // Writes past the limit fail with EFBIG instead.
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                Ok(())
            });
        }
    });
    r.until("resume", |l| l.starts_with("#phantom resume"));
    // The file size limit goes on only now: the object memory (a memfd)
    // was sized at start and must not hit it.
    let l = libc::rlimit {
        rlim_cur: limit,
        rlim_max: limit,
    };
    // SAFETY: changes a resource limit of our own child.
    let rc = unsafe {
        libc::prlimit(
            r.child.id() as i32,
            libc::RLIMIT_FSIZE,
            &l,
            std::ptr::null_mut(),
        )
    };
    assert_eq!(rc, 0, "{}", std::io::Error::last_os_error());
    r.until("grown", |l| l == "grown");
    // The program goes on: later attempts fail again but nothing stops.
    r.until("a failed snapshot", |l| l.contains(" failed: "));
    r.until("another failed snapshot", |l| l.contains(" failed: "));
    let err = r.stderr();
    let lines = r.kill();
    assert!(err.contains("the image keeps snapshot"), "{err}");
    let resumed: u64 = lines[0]
        .strip_prefix("#phantom resume ")
        .unwrap()
        .parse()
        .unwrap();
    // Snapshots before the growth may have been written (the limit leaves
    // room for a little of it); none taken after it.
    let grown = lines.iter().position(|l| l == "grown").unwrap();
    for l in &lines[grown..] {
        if let Some(g) = l
            .strip_prefix("#phantom snapshot ")
            .and_then(|x| x.strip_suffix(" instant"))
        {
            let durable = format!("#phantom snapshot {g} durable");
            assert!(!lines.contains(&durable), "{lines:?}");
        }
    }
    let last_durable = lines
        .iter()
        .rev()
        .find_map(|l| {
            l.strip_suffix(" durable")?
                .strip_prefix("#phantom snapshot ")?
                .parse()
                .ok()
        })
        .unwrap_or(resumed);
    let out = phantom(&[&"image", &"check", &img]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Without the limit, the image continues from the last good snapshot,
    // from before the growth.
    let mut r = Running::image(&img, "0.1", None);
    assert_eq!(
        r.until("resume", |l| l.starts_with("#phantom resume")),
        format!("#phantom resume {last_durable}")
    );
    r.until("grown", |l| l == "grown");
    r.until("a durable snapshot", |l| l.ends_with(" durable"));
    r.kill();
}

#[test]
fn console_input_waits_without_stopping_snapshots_and_reattaches() {
    let (src, img) = fixture("console", "echo");
    let with_stdin = |c: &mut Command| {
        c.stdin(Stdio::piped());
    };
    let mut r = Running::start_with(
        &[&"--image", &img, &"--snapshot-interval", &"0.1", &src],
        with_stdin,
    );
    r.until("ready", |l| l == "ready");
    // Snapshots go on while the only thread waits for a line.
    r.until("snapshot 2", |l| l == "#phantom snapshot 2 durable");
    let mut stdin = r.child.stdin.take().unwrap();
    use std::io::Write;
    stdin.write_all(b"hello\n").unwrap();
    r.until("got hello", |l| l == "got hello");
    let got = r.seen.len();
    r.until("a snapshot after the line", |l| l.ends_with(" durable"));
    assert!(r.seen.len() > got);
    r.kill();

    // After the restart the thread waits on the new process's console.
    let mut r = Running::start_with(
        &[&"--image", &img, &"--snapshot-interval", &"0.1"],
        with_stdin,
    );
    r.until("resume", |l| l.starts_with("#phantom resume"));
    let mut stdin = r.child.stdin.take().unwrap();
    stdin.write_all(b"again\n").unwrap();
    r.until("got again", |l| l == "got again");
    drop(stdin);
    let (code, lines, err) = r.wait();
    assert_eq!(code, Some(0), "{err}");
    assert!(lines.iter().any(|l| l == "end"), "{lines:?}");
    assert!(!lines.iter().any(|l| l == "got hello"), "{lines:?}");
}

#[test]
fn the_default_image_is_named_after_the_program_and_edits_take_effect() {
    let d = dir("default");
    let src = d.join("greet.ph");
    let prog = |word: &str| {
        format!("package .t;\nclass greet\n{{\n    void run(var boot) [8]\n    {{\n        boot.16(\"{word}\\n\");\n    }}\n}};\n")
    };
    let run = |args: &[&str]| {
        Command::new(PHANTOM)
            .current_dir(&d)
            .arg("run")
            .args(args)
            .output()
            .unwrap()
    };
    std::fs::write(&src, prog("one")).unwrap();
    let out = run(&["greet.ph"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "one\n");
    assert!(d.join("greet.img").exists());
    // The program ended, so running it again starts it again, in the same
    // image, with the classes of its edited source.
    std::fs::write(&src, prog("two")).unwrap();
    let out = run(&["greet.ph"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "two\n");
    assert!(out.stderr.is_empty(), "{out:?}");
    let snaps = phantom(&[&"image", &"snapshots", &d.join("greet.img")]);
    assert!(String::from_utf8_lossy(&snaps.stdout).contains("previous"));
    // A program that cannot start leaves no image behind; --no-image
    // makes none at all.
    let out = run(&[".no.such.class"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!d.join("no.such.class.img").exists());
    std::fs::remove_file(d.join("greet.img")).unwrap();
    let out = run(&["--no-image", "greet.ph"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "two\n");
    assert!(!d.join("greet.img").exists());
}

#[test]
fn the_snapshot_counter_counts_snapshots_across_restarts() {
    let (src, img) = fixture("stat", "snaps");
    let nums = |l: &str| -> Option<(u64, u64)> {
        let mut w = l.strip_prefix("snapshots ")?.split(' ');
        Some((w.next()?.parse().ok()?, w.next()?.parse().ok()?))
    };
    let mut r = Running::image(&img, "0.1", Some(&src));
    let line = r.until("three snapshots counted", |l| {
        nums(l).is_some_and(|(this_run, _)| this_run >= 3)
    });
    let (first, all) = nums(&line).unwrap();
    assert_eq!(first, all, "one run so far");
    // The totals are stored when the program reads them, so only a
    // snapshot begun after that line holds them; once the count has grown
    // by two, such a snapshot is durable (one is written at a time). (A
    // "durable" line on stderr may have been written before the count on
    // stdout, whatever order they arrive in.)
    r.until("two more snapshots", |l| {
        nums(l).is_some_and(|(this_run, _)| this_run >= first + 2)
    });
    r.kill();
    let mut r = Running::image(&img, "0.1", None);
    let line = r.until("a count after the restart", |l| nums(l).is_some());
    let (this_run, all) = nums(&line).unwrap();
    assert!(
        all > this_run + 2,
        "{line}: previous runs' snapshots are kept"
    );
    r.kill();
}

#[test]
fn a_damaged_page_stops_the_run_without_changing_the_image() {
    use phantom_pager::file::FileDevice;
    use phantom_pager::Pager;
    let d = dir("latedamage");
    let img = counter_image(&d);
    // Damage the data block of the newest snapshot's first page (the
    // object memory's header, read as soon as the VM starts): the page map
    // still verifies, so only loading the page can find it.
    let block = {
        let p = Pager::open(FileDevice::open(&img).unwrap()).unwrap();
        p.page_entry(0).block as usize
    };
    let mut b = std::fs::read(&img).unwrap();
    b[block * 4096 + 17] ^= 0x01;
    std::fs::write(&img, &b).unwrap();
    let out = phantom(&[&"run", &"--image", &img]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), None, "killed by SIGABRT: {err}");
    assert!(err.contains("cannot load a page of the image"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("count"));
    assert_eq!(std::fs::read(&img).unwrap(), b, "the image was changed");
    let out = phantom(&[&"image", &"check", &img]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

#[test]
fn a_churning_program_does_not_grow_its_image_without_bound() {
    let (src, img) = fixture("churn", "churn");
    let mut r = Running::image(&img, "0.05", Some(&src));
    r.until("snapshot 10", |l| l == "#phantom snapshot 10 durable");
    let early = std::fs::metadata(&img).unwrap().len();
    r.until("snapshot 60", |l| l == "#phantom snapshot 60 durable");
    let late = std::fs::metadata(&img).unwrap().len();
    r.kill();
    assert!(
        late <= early * 2 + (4 << 20),
        "the image grew from {early} to {late} bytes between snapshots 10 and 60"
    );
    let out = phantom(&[&"image", &"check", &img]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn a_socket_reports_a_reconnectable_error_after_a_restart() {
    use std::io::Write;
    use std::net::TcpListener;
    let d = dir("socket");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let src = d.join("client.ph");
    let text = std::fs::read_to_string(root().join("testsuite/persist/client.ph")).unwrap();
    std::fs::write(&src, text.replace("PORT", &port.to_string())).unwrap();
    let img = d.join("client.img");
    let mut r = Running::image(&img, "0.1", Some(&src));
    let (first, _) = listener.accept().unwrap();
    r.until("connected", |l| l == "connect 0");
    r.until("sent 3", |l| l == "sent 3");
    r.until("durable", |l| l.ends_with(" durable"));
    r.kill();
    drop(first);

    let mut r = Running::image(&img, "0.1", None);
    let err = r.until("the error", |l| l.starts_with("error: "));
    assert!(
        err.contains("connection lost after restart, reconnect"),
        "{err}"
    );
    let (mut second, _) = listener.accept().unwrap();
    r.until("reconnected", |l| l == "connect 0");
    let after = r.until("a line sent on the new connection", |l| {
        l.starts_with("sent ")
    });
    let n: u32 = after.strip_prefix("sent ").unwrap().parse().unwrap();
    let mut buf = Vec::new();
    second
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    while !String::from_utf8_lossy(&buf).contains(&format!("line {n}\n")) {
        let mut b = [0u8; 256];
        let k = std::io::Read::read(&mut second, &mut b).unwrap();
        assert!(k > 0, "the connection closed");
        buf.extend_from_slice(&b[..k]);
    }
    let _ = second.flush();
    r.kill();
}

#[test]
fn a_run_killed_while_making_its_image_leaves_none_or_a_whole_one() {
    // Killed at random instants from its very start: the image is made
    // beside its name and linked in only when formatted, so a later run
    // never finds a half-made file that it would have to refuse.
    let d = dir("making");
    let hello = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/hello.ph");
    let start = |img: &Path| {
        Command::new(PHANTOM)
            .args(["run", "-q", "--image"])
            .arg(img)
            .arg(&hello)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long the image takes to appear on this machine now; the kills
    // land from half that to one and a half times it.
    let first = d.join("first.img");
    let t = Instant::now();
    let mut c = start(&first);
    while !first.exists() && t.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_micros(200));
    }
    let appear = t.elapsed().as_micros() as u64;
    c.wait().unwrap();
    let mut rng = 0x9e37_79b9u64;
    let (mut none, mut whole) = (0, 0);
    for i in 0..40 {
        let img = d.join(format!("m{i}.img"));
        let mut c = start(&img);
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(Duration::from_micros(appear / 2 + rng % appear.max(1)));
        let _ = c.kill();
        c.wait().unwrap();
        if !img.exists() {
            none += 1;
            continue;
        }
        whole += 1;
        let info = phantom(&[&"image", &"info", &img]);
        assert_eq!(
            info.status.code(),
            Some(0),
            "run {i}: {} is not a whole image: {}",
            img.display(),
            String::from_utf8_lossy(&info.stderr)
        );
    }
    eprintln!("image appears after {appear} µs; killed before it existed: {none}; after: {whole}");
    assert!(whole > 0, "no run got as far as its image");
}
