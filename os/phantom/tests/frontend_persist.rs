//! Programs of every front end are orthogonally persistent like any
//! other: a counter written in Java (`testsuite/java-persist/Counter.java`,
//! compiled by the real `javac`) and one written in Python
//! (`testsuite/python-persist/counter.py`), each killed with `kill -9` and
//! run again in its image, go on from the last snapshot, with their global
//! (static) and object state consistent.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Running {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Running {
    fn start(img: &Path, class: &Path) -> Running {
        let mut child = Command::new(PHANTOM)
            .arg("run")
            .arg("--image")
            .arg(img)
            .args(["--snapshot-interval", "0.2"])
            .arg(class)
            .env("PHANTOM_SNAPSHOT_TRACE", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start phantom");
        let (tx, lines) = mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines() {
                let Ok(l) = l else { break };
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        Running {
            child,
            lines,
            seen: Vec::new(),
        }
    }

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
                Err(_) => panic!("no line {what} within 60 s; got:\n{}", self.seen.join("\n")),
            }
        }
    }

    fn kill(mut self) -> Vec<String> {
        self.child.kill().expect("kill -9");
        self.child.wait().expect("wait");
        self.seen.extend(self.lines.iter());
        self.seen
    }
}

/// (count, total) of a `count N total T` line.
fn parse(line: &str) -> Option<(u64, u64)> {
    let rest = line.strip_prefix("count ")?;
    let (c, t) = rest.split_once(" total ")?;
    Some((c.parse().ok()?, t.parse().ok()?))
}

/// Runs `program` in `img`, kills it after a durable snapshot, runs it
/// again and checks that it goes on from the snapshot it continues.
fn continues_after_kill_9(program: &Path, img: &Path) {
    let mut r = Running::start(img, program);
    r.until("count 3", |l| parse(l).is_some_and(|(c, _)| c == 3));
    let durable = r.until("a durable snapshot", |l| l.ends_with(" durable"));
    let lines = r.kill();
    let gen: u64 = durable
        .split(' ')
        .nth(2)
        .expect("generation")
        .parse()
        .expect("number");
    // The count printed last before a snapshot's instant is what it holds.
    let at_instant = |g: u64| {
        let i = lines
            .iter()
            .position(|l| *l == format!("#phantom snapshot {g} instant"))
            .expect("instant line");
        lines[..i]
            .iter()
            .rev()
            .find_map(|l| parse(l))
            .map_or(0, |(c, _)| c)
    };

    let mut r = Running::start(img, program);
    let resume = r.until("#phantom resume", |l| l.starts_with("#phantom "));
    let resumed: u64 = resume
        .strip_prefix("#phantom resume ")
        .unwrap_or_else(|| panic!("expected a resume, got {resume:?}"))
        .parse()
        .expect("generation");
    assert!(resumed >= gen, "resumed {resumed}, but {gen} was durable");
    let next = r.until("a count", |l| parse(l).is_some());
    let (c, t) = parse(&next).expect("count line");
    assert_eq!(c, at_instant(resumed) + 1, "{lines:?}");
    assert!(
        c > 3,
        "the counter started again instead of going on: {next}"
    );
    assert_eq!(
        t,
        c * (c + 1) / 2,
        "static and instance state disagree: {next}"
    );
    r.kill();
}

#[test]
fn a_java_counter_continues_after_kill_9() {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("java-persist");
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("work directory");
    let out = Command::new("javac")
        .arg("-d")
        .arg(&d)
        .arg(root().join("testsuite/java-persist/Counter.java"))
        .output()
        .expect("javac is runnable (install openjdk-17-jdk-headless; cargo xtask ci does)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    continues_after_kill_9(&d.join("Counter.class"), &d.join("counter.img"));
}

#[test]
fn a_python_counter_continues_after_kill_9() {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("python-persist");
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("work directory");
    continues_after_kill_9(
        &root().join("testsuite/python-persist/counter.py"),
        &d.join("counter.img"),
    );
}
