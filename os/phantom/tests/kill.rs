//! Crash-safety harness (issue 4): the self-checking workload
//! `testsuite/persist/workload.ph` runs under
//! `phantom run --image IMG --snapshot-interval SECS` and is killed with
//! SIGKILL at hundreds of random instants, many of them in the middle of a
//! snapshot write, and restarted each time. The harness checks, from the
//! outside, that every restart continues exactly one complete snapshot, never
//! one older than the newest reported durable, and never a torn one.
//!
//! With `PHANTOM_SNAPSHOT_TRACE=1` the runtime interleaves its own lines with
//! the program's on stdout:
//!
//! * `#phantom boot` / `#phantom resume G`: first line of a run;
//! * `#phantom snapshot G instant`: everything printed before it is in
//!   snapshot G's state, nothing printed after it;
//! * `#phantom snapshot G durable`: G is committed and fsynced;
//! * `#phantom snapshot G failed: ...`: G failed, older snapshots stay.
//!
//! The harness keeps the *logical history*: the program lines the persistent
//! world has lived. A resume from G cuts it back to its length at G's instant;
//! every later line must continue it (per thread step + 1, global counter + 1,
//! the checksum the thread's list must have after that step). A resumed
//! generation must have had its instant announced (one complete snapshot)
//! and be no older than the newest reported durable (none lost); a fresh boot
//! is allowed only while no snapshot was ever durable.
//!
//! Runs take turns with the JIT off, always on, and tiered with a low
//! threshold (methods compiled while they run, loops entered by on-stack
//! replacement), so a snapshot taken while compiled code runs is continued
//! by the interpreter and the other way round.
//!
//! After every kill `phantom image check` must pass, and the next run must
//! continue exactly the newest snapshot it names. A last run is stopped with
//! SIGTERM after a second: it must end with a durable snapshot, exit code
//! 143, and leave that snapshot the image's newest.
//!
//! Statistics at the end: kills, kills between an instant and its durable
//! line (mid snapshot write; at least 20% are required), kills before the
//! start line, snapshots, steps, snapshot write times as seen on the pipe.
//!
//! Environment: `PHANTOM_KILLS` (default 200), `PHANTOM_KILL_SEED` (default:
//! from the clock; printed), `PHANTOM_KILL_INTERVAL` (snapshot interval in
//! seconds, default 0.03), `PHANTOM_KILL_MIN_MS` / `PHANTOM_KILL_MAX_MS`
//! (kill delay after the start, default 20..600 ms).
//!
//! The workload dirties ~9 MiB between snapshots. Measured on a 2-core
//! machine, a snapshot write takes ~50 ms with the dev profile and ~15 ms
//! with release; with 0.03 s between snapshots about 55% (dev) and 30%
//! (release) of the kills land inside a write.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");

/// Worker threads of the workload (numbered 1..=THREADS).
const THREADS: usize = 3;
/// Nodes each worker keeps in its list.
const LIST: u64 = 50;

fn workload() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite/persist/workload.ph")
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a valid value")),
        Err(_) => default,
    }
}

/// splitmix64: small, seedable, good enough for kill delays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// The value worker `t` appends at step `s` (the workload's `value`).
fn value(t: u64, s: u64) -> u64 {
    ((s % 100_003) * 7919 + t * 131) % 100_003
}

/// The weighted checksum worker `t` prints after step `s`: its list holds
/// the values of steps max(1, s - 49) ..= s, weighted 1, 2, ...
fn checksum(t: u64, s: u64) -> u64 {
    let first = s.saturating_sub(LIST - 1).max(1);
    (first..=s)
        .enumerate()
        .map(|(i, k)| (i as u64 + 1) * value(t, k))
        .sum()
}

/// One line of the workload: `T<t> <step> <counter> <checksum>`.
#[derive(Clone, Copy, Debug)]
struct Step {
    thread: usize,
    step: u64,
    counter: u64,
}

fn parse_step(line: &str) -> Result<Step, String> {
    let f: Vec<&str> = line.split(' ').collect();
    let bad = || format!("not a workload line: {line:?}");
    if f.len() != 4 || !f[0].starts_with('T') {
        return Err(bad());
    }
    let thread: usize = f[0][1..].parse().map_err(|_| bad())?;
    let step: u64 = f[1].parse().map_err(|_| bad())?;
    let counter: u64 = f[2].parse().map_err(|_| bad())?;
    let sum: u64 = f[3].parse().map_err(|_| bad())?;
    if !(1..=THREADS).contains(&thread) {
        return Err(format!("no thread {thread}: {line:?}"));
    }
    let want = checksum(thread as u64, step);
    if sum != want {
        return Err(format!(
            "torn state: checksum {sum} after step {step} of thread {thread}, \
             expected {want}: {line:?}"
        ));
    }
    Ok(Step {
        thread,
        step,
        counter,
    })
}

/// What the persistent world has lived, as seen through its output.
#[derive(Default)]
struct World {
    /// The logical history.
    history: Vec<Step>,
    /// Snapshot generation -> history length at its instant.
    instants: BTreeMap<u64, usize>,
    /// Newest generation any run reported durable.
    durable: Option<u64>,
    /// Every generation any run announced.
    announced: std::collections::BTreeSet<u64>,
}

impl World {
    fn last_step(&self, thread: usize) -> u64 {
        self.history
            .iter()
            .rev()
            .find(|s| s.thread == thread)
            .map_or(0, |s| s.step)
    }

    fn last_counter(&self) -> u64 {
        self.history.last().map_or(0, |s| s.counter)
    }
}

#[derive(Default)]
struct Stats {
    kills: u64,
    kills_mid_write: u64,
    kills_before_start: u64,
    boots: u64,
    resumes: u64,
    instants: u64,
    durable: u64,
    failed: u64,
    steps_printed: u64,
    partial_lines: u64,
    older_resumes: u64,
    reused_generations: u64,
    image_checks: u64,
    mid_write_committed: u64,
}

/// What one run printed, checked against the world as it goes.
struct RunCheck<'a> {
    world: &'a mut World,
    stats: &'a mut Stats,
    /// Whether a boot or resume line came.
    started: bool,
    /// Snapshot lines of this run: generation -> durable/failed seen.
    open: BTreeMap<u64, bool>,
    /// The newest generation announced in this run (or resumed from).
    newest: Option<u64>,
    /// Steps per thread and last counter, cached from the history.
    last_step: [u64; THREADS + 1],
    last_counter: u64,
    first_run: bool,
    /// What `phantom image check` said the image holds before this run:
    /// `Some(None)` no snapshot yet (the run must boot), `Some(Some(g))`
    /// newest snapshot g (the run must resume it).
    expect: Option<Option<u64>>,
}

impl<'a> RunCheck<'a> {
    fn new(
        world: &'a mut World,
        stats: &'a mut Stats,
        first_run: bool,
        expect: Option<Option<u64>>,
    ) -> Self {
        let mut r = RunCheck {
            world,
            stats,
            started: false,
            open: BTreeMap::new(),
            newest: None,
            last_step: [0; THREADS + 1],
            last_counter: 0,
            first_run,
            expect,
        };
        r.reload();
        r
    }

    fn reload(&mut self) {
        for t in 1..=THREADS {
            self.last_step[t] = self.world.last_step(t);
        }
        self.last_counter = self.world.last_counter();
    }

    fn gen(word: Option<&str>, line: &str) -> Result<u64, String> {
        word.and_then(|w| w.parse().ok())
            .ok_or_else(|| format!("bad generation in {line:?}"))
    }

    fn line(&mut self, line: &str) -> Result<(), String> {
        if let Some(rest) = line.strip_prefix("#phantom ") {
            return self.trace(rest, line);
        }
        if !self.started {
            return Err(format!(
                "program output before `#phantom boot` or `#phantom resume`: {line:?}"
            ));
        }
        if line.starts_with("FAIL") {
            return Err(format!("the workload found an inconsistency: {line:?}"));
        }
        let s = parse_step(line)?;
        let want = self.last_step[s.thread] + 1;
        if s.step != want {
            return Err(format!(
                "thread {} printed step {}, expected step {want} \
                 (lost or repeated steps): {line:?}",
                s.thread, s.step
            ));
        }
        if s.counter != self.last_counter + 1 {
            return Err(format!(
                "global counter {} after {} (must increase by one per step): {line:?}",
                s.counter, self.last_counter
            ));
        }
        self.last_step[s.thread] = s.step;
        self.last_counter = s.counter;
        self.world.history.push(s);
        self.stats.steps_printed += 1;
        Ok(())
    }

    fn trace(&mut self, rest: &str, line: &str) -> Result<(), String> {
        let mut words = rest.split(' ');
        match words.next() {
            Some("boot") => {
                if self.started {
                    return Err(format!("second start line in one run: {line:?}"));
                }
                self.started = true;
                self.stats.boots += 1;
                if let Some(Some(g)) = self.expect {
                    return Err(format!(
                        "fresh boot although `phantom image check` found snapshot {g} in the image"
                    ));
                }
                if !self.first_run {
                    if let Some(d) = self.world.durable {
                        return Err(format!(
                            "fresh boot although snapshot {d} was reported durable"
                        ));
                    }
                }
                self.world.history.clear();
                self.world.instants.clear();
                self.reload();
                Ok(())
            }
            Some("resume") => {
                if self.started {
                    return Err(format!("second start line in one run: {line:?}"));
                }
                self.started = true;
                self.stats.resumes += 1;
                let g = Self::gen(words.next(), line)?;
                match self.expect {
                    Some(Some(n)) if n != g => {
                        return Err(format!(
                            "resumed snapshot {g}, but `phantom image check` found {n} the newest"
                        ))
                    }
                    Some(None) => {
                        return Err(format!(
                            "resumed snapshot {g}, but `phantom image check` found no snapshot"
                        ))
                    }
                    _ => {}
                }
                if self.first_run {
                    return Err(format!(
                        "the first run resumed instead of booting: {line:?}"
                    ));
                }
                if let Some(d) = self.world.durable {
                    if g < d {
                        return Err(format!(
                            "resumed snapshot {g}, older than snapshot {d} reported durable \
                             (lost snapshot)"
                        ));
                    }
                }
                let Some(&len) = self.world.instants.get(&g) else {
                    return Err(format!(
                        "resumed snapshot {g}, but no live run announced its instant (known: {:?})",
                        self.world.instants.keys().collect::<Vec<_>>()
                    ));
                };
                if self.world.instants.keys().next_back() != Some(&g) {
                    self.stats.older_resumes += 1;
                }
                self.world.history.truncate(len);
                self.world.instants.retain(|&k, _| k <= g);
                self.newest = Some(g);
                self.reload();
                Ok(())
            }
            Some("snapshot") => {
                let g = Self::gen(words.next(), line)?;
                let what = words.next().unwrap_or("");
                if !self.started {
                    return Err(format!("snapshot before the start line: {line:?}"));
                }
                match what {
                    "instant" => {
                        if let Some(n) = self.newest {
                            if g <= n {
                                return Err(format!(
                                    "snapshot generation {g} not above {n}: {line:?}"
                                ));
                            }
                        }
                        if self.world.instants.contains_key(&g) {
                            return Err(format!("generation {g} announced twice: {line:?}"));
                        }
                        if !self.world.announced.insert(g) {
                            self.stats.reused_generations += 1;
                        }
                        self.newest = Some(g);
                        self.open.insert(g, false);
                        self.world.instants.insert(g, self.world.history.len());
                        self.stats.instants += 1;
                        Ok(())
                    }
                    "durable" | "failed:" => {
                        match self.open.get_mut(&g) {
                            Some(done @ false) => *done = true,
                            Some(true) => {
                                return Err(format!("snapshot {g} reported twice: {line:?}"))
                            }
                            None => {
                                return Err(format!(
                                    "snapshot {g} reported without its instant: {line:?}"
                                ))
                            }
                        }
                        if what == "durable" {
                            if let Some(d) = self.world.durable {
                                if g < d {
                                    return Err(format!(
                                        "snapshot {g} durable after {d}: {line:?}"
                                    ));
                                }
                            }
                            self.world.durable = Some(g);
                            self.stats.durable += 1;
                        } else {
                            self.stats.failed += 1;
                            eprintln!("note: {line}");
                        }
                        Ok(())
                    }
                    _ => Err(format!("unknown snapshot line: {line:?}")),
                }
            }
            _ => Err(format!("unknown runtime line: {line:?}")),
        }
    }

    /// Whether the run ended between an instant and its durable/failed line.
    fn mid_write(&self) -> bool {
        self.open.values().next_back() == Some(&false)
    }
}

/// What a run printed on stdout.
struct Output {
    /// Complete lines.
    lines: Vec<String>,
    /// When each snapshot line arrived: (generation, durable or failed, time).
    times: Vec<(u64, bool, Instant)>,
    /// A last line cut off by the kill.
    tail: Vec<u8>,
}

/// Reads a pipe to its end on a thread.
fn reader<R: Read + Send + 'static>(r: R) -> JoinHandle<Output> {
    std::thread::spawn(move || {
        let mut r = BufReader::new(r);
        let mut out = Output {
            lines: Vec::new(),
            times: Vec::new(),
            tail: Vec::new(),
        };
        loop {
            let mut buf = Vec::new();
            match r.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => return out,
                Ok(_) if buf.ends_with(b"\n") => {
                    buf.pop();
                    let line = String::from_utf8_lossy(&buf).into_owned();
                    if let Some(rest) = line.strip_prefix("#phantom snapshot ") {
                        let mut w = rest.split(' ');
                        if let Some(g) = w.next().and_then(|g| g.parse().ok()) {
                            out.times
                                .push((g, w.next() != Some("instant"), Instant::now()));
                        }
                    }
                    out.lines.push(line);
                }
                Ok(_) => {
                    out.tail = buf;
                    return out;
                }
            }
        }
    })
}

/// Time spent writing snapshots (instant to durable) and between them
/// (durable to the next instant), as seen on the pipe.
#[derive(Default)]
struct Timing {
    writes: Vec<Duration>,
    gaps: Vec<Duration>,
}

impl Timing {
    fn add(&mut self, times: &[(u64, bool, Instant)]) {
        for w in times.windows(2) {
            let d = w[1].2 - w[0].2;
            match (w[0].1, w[1].1) {
                (false, true) if w[0].0 == w[1].0 => self.writes.push(d),
                (true, false) => self.gaps.push(d),
                _ => {}
            }
        }
    }

    fn describe(v: &[Duration]) -> String {
        if v.is_empty() {
            return "none".into();
        }
        let mut ms: Vec<f64> = v.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        ms.sort_by(f64::total_cmp);
        let mean = ms.iter().sum::<f64>() / ms.len() as f64;
        format!(
            "mean {mean:.1} ms, median {:.1} ms, max {:.1} ms ({} seen)",
            ms[ms.len() / 2],
            ms[ms.len() - 1],
            ms.len()
        )
    }
}

fn stderr_reader<R: Read + Send + 'static>(mut r: R) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = r.read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    })
}

struct Harness {
    image: PathBuf,
    interval: String,
    seed: u64,
    log: PathBuf,
    transcript: Vec<String>,
}

impl Harness {
    /// Runs `phantom image check` on the image (when the file exists); it
    /// must pass. Returns the newest snapshot it names (`Some(None)`: none
    /// yet), or None if its output does not say.
    fn check_image(&self, cycle: &str) -> Option<Option<u64>> {
        if !self.image.exists() {
            return Some(None);
        }
        let out = Command::new(PHANTOM)
            .args(["image", "check"])
            .arg(&self.image)
            .output()
            .expect("phantom image check");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        if !out.status.success() {
            let _ = std::fs::write(&self.log, self.transcript.join("\n"));
            panic!(
                "crash-safety failure after {cycle} \
                 (seed {seed}; rerun with PHANTOM_KILL_SEED={seed}):\n\
                 phantom image check {} failed ({}):\n{text}{}\n\
                 image and the whole transcript {} are kept",
                self.image.display(),
                out.status,
                String::from_utf8_lossy(&out.stderr),
                self.log.display(),
                seed = self.seed,
            );
        }
        let objects = text.lines().find_map(|l| l.strip_prefix("objects: "))?;
        if objects.starts_with("no snapshot") {
            return Some(None);
        }
        let g = objects
            .strip_prefix("snapshot ")?
            .split(|c: char| !c.is_ascii_digit());
        g.into_iter().next()?.parse().ok().map(Some)
    }

    /// Starts the workload; `cycle` picks the JIT mode.
    fn spawn(&self, cycle: u64) -> Child {
        let jit: &[&str] = match cycle % 3 {
            0 => &["--jit=off"],
            1 => &["--jit=always"],
            _ => &["--jit=on", "--jit-threshold=50"],
        };
        Command::new(PHANTOM)
            .arg("run")
            .args(jit)
            .arg("--image")
            .arg(&self.image)
            .arg("--snapshot-interval")
            .arg(&self.interval)
            .arg(workload())
            .env("PHANTOM_SNAPSHOT_TRACE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start phantom")
    }

    fn fail(&self, cycle: &str, lines: &[String], at: usize, err: &str, stderr: &str) -> ! {
        let from = at.saturating_sub(20);
        let ctx: Vec<String> = lines[from..(at + 1).min(lines.len())]
            .iter()
            .enumerate()
            .map(|(i, l)| format!("  {:6}  {l}", from + i + 1))
            .collect();
        let _ = std::fs::write(&self.log, self.transcript.join("\n"));
        panic!(
            "crash-safety failure in {cycle} (seed {seed}; rerun with PHANTOM_KILL_SEED={seed}):\n\
             {err}\n\
             last lines of this run (line numbers within the run):\n{}\n\
             stderr of this run:\n{stderr}\n\
             image {} and the whole transcript {} are kept",
            ctx.join("\n"),
            self.image.display(),
            self.log.display(),
            seed = self.seed,
        );
    }
}

#[test]
fn killed_at_random_instants_the_world_continues_one_complete_snapshot() {
    let kills: u64 = env_or("PHANTOM_KILLS", 200);
    let seed: u64 = env_or(
        "PHANTOM_KILL_SEED",
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64 % 1_000_000_007),
    );
    let interval: String = env_or("PHANTOM_KILL_INTERVAL", "0.03".to_string());
    let min_ms: u64 = env_or("PHANTOM_KILL_MIN_MS", 20);
    let max_ms: u64 = env_or("PHANTOM_KILL_MAX_MS", 600);
    assert!(
        min_ms <= max_ms,
        "PHANTOM_KILL_MIN_MS > PHANTOM_KILL_MAX_MS"
    );

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the image directory");
    let mut h = Harness {
        image: dir.join("world.img"),
        interval,
        seed,
        log: dir.join("transcript.txt"),
        transcript: Vec::new(),
    };
    eprintln!(
        "kill harness: {kills} kills, seed {seed} (PHANTOM_KILL_SEED), snapshot interval {} s, \
         kill after {min_ms}..{max_ms} ms, image {}",
        h.interval,
        h.image.display()
    );

    let mut rng = Rng(seed);
    let mut world = World::default();
    let mut stats = Stats::default();
    let mut timing = Timing::default();
    let mut expect = None;
    let started = Instant::now();

    for cycle in 1..=kills {
        let delay = rng.range(min_ms, max_ms);
        let mut child = h.spawn(cycle);
        let out = reader(child.stdout.take().unwrap());
        let err = stderr_reader(child.stderr.take().unwrap());
        std::thread::sleep(Duration::from_millis(delay));
        let exited = child.try_wait().expect("try_wait");
        if exited.is_none() {
            child.kill().expect("SIGKILL phantom");
        }
        child.wait().expect("wait for phantom");
        let Output { lines, times, tail } = out.join().expect("stdout reader");
        let stderr = err.join().expect("stderr reader");
        timing.add(&times);
        stats.kills += 1;
        h.transcript
            .push(format!("=== cycle {cycle}: killed after {delay} ms"));
        h.transcript.extend(lines.iter().cloned());
        let name = format!("cycle {cycle} of {kills} (killed after {delay} ms)");
        if let Some(st) = exited {
            h.fail(
                &name,
                &lines,
                lines.len().saturating_sub(1),
                &format!("phantom ended by itself before the kill: {st}"),
                &stderr,
            );
        }
        if !tail.is_empty() {
            stats.partial_lines += 1;
        }
        let mut check = RunCheck::new(&mut world, &mut stats, cycle == 1, expect);
        for (i, l) in lines.iter().enumerate() {
            if let Err(e) = check.line(l) {
                h.fail(&name, &lines, i, &e, &stderr);
            }
        }
        let (was_started, mid) = (check.started, check.mid_write());
        let open = check.open.iter().next_back().map(|(&g, _)| g);
        expect = h.check_image(&name);
        stats.image_checks += 1;
        if mid && expect == Some(open) {
            stats.mid_write_committed += 1;
        }
        if !was_started {
            stats.kills_before_start += 1;
        }
        if mid {
            stats.kills_mid_write += 1;
        }
        if cycle % 20 == 0 {
            eprintln!(
                "  cycle {cycle}: {:.0} s, {} mid-write kills, {} durable snapshots, \
                 history {} lines",
                started.elapsed().as_secs_f64(),
                stats.kills_mid_write,
                stats.durable,
                world.history.len()
            );
        }
    }

    // One last run, not killed at a random instant: it must continue and
    // take at least one snapshot; SIGTERM then takes a last one and stops.
    let history_before = world.history.len();
    let mut child = h.spawn(kills + 1);
    let out = reader(child.stdout.take().unwrap());
    let err = stderr_reader(child.stderr.take().unwrap());
    std::thread::sleep(Duration::from_millis(1000));
    let exited = child.try_wait().expect("try_wait");
    if exited.is_none() {
        // SAFETY: kill(2) on our own child's pid.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(st) = child.try_wait().expect("try_wait") {
            break Some(st);
        }
        if Instant::now() > deadline {
            child.kill().expect("SIGKILL phantom");
            child.wait().expect("wait");
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let Output { lines, times, .. } = out.join().expect("stdout reader");
    timing.add(&times);
    let stderr = err.join().expect("stderr reader");
    h.transcript
        .push("=== final run (SIGTERM after 1 s)".into());
    h.transcript.extend(lines.iter().cloned());
    let name = "the final run (SIGTERM after 1 s)";
    let mut check = RunCheck::new(&mut world, &mut stats, false, expect);
    for (i, l) in lines.iter().enumerate() {
        if let Err(e) = check.line(l) {
            h.fail(name, &lines, i, &e, &stderr);
        }
    }
    let last = lines.len().saturating_sub(1);
    if !check.started {
        h.fail(name, &lines, last, "no start line in 1 s", &stderr);
    }
    let mid = check.mid_write();
    let durable_in_final = check.open.values().filter(|&&d| d).count();
    if exited.is_some() {
        h.fail(name, &lines, last, "phantom ended before SIGTERM", &stderr);
    }
    match status {
        None => h.fail(
            name,
            &lines,
            last,
            "phantom did not stop within 30 s of SIGTERM",
            &stderr,
        ),
        Some(st) if st.code() != Some(128 + libc::SIGTERM) => h.fail(
            name,
            &lines,
            last,
            &format!("phantom stopped by SIGTERM with {st}, expected exit code 143"),
            &stderr,
        ),
        Some(_) => {}
    }
    if mid || durable_in_final == 0 {
        h.fail(
            name,
            &lines,
            last,
            "the final run did not end with a durable snapshot",
            &stderr,
        );
    }
    let progressed = world.history.len().saturating_sub(history_before);
    // Kept for the assertions below; the directory goes on success.
    let _ = std::fs::write(&h.log, h.transcript.join("\n"));

    // The image as a whole: sound, and its newest snapshot is the last one
    // reported durable.
    let newest = h.check_image(name);
    stats.image_checks += 1;
    if let Some(n) = newest {
        assert_eq!(
            n, world.durable,
            "after SIGTERM, `phantom image check` names the newest snapshot {n:?}, \
             but the last durable one was {:?} (seed {seed})",
            world.durable
        );
    }

    let pct = 100.0 * stats.kills_mid_write as f64 / stats.kills.max(1) as f64;
    let report = [
        ("kills", stats.kills.to_string()),
        (
            "kills mid snapshot write",
            format!(
                "{} ({pct:.0}%; {} of them committed anyway)",
                stats.kills_mid_write, stats.mid_write_committed
            ),
        ),
        (
            "kills before the start line",
            stats.kills_before_start.to_string(),
        ),
        (
            "boots / resumes",
            format!(
                "{} / {} ({} from older than the newest announced)",
                stats.boots, stats.resumes, stats.older_resumes
            ),
        ),
        ("snapshots announced", stats.instants.to_string()),
        (
            "snapshots durable / failed",
            format!("{} / {}", stats.durable, stats.failed),
        ),
        (
            "steps printed",
            format!(
                "{} (logical history {} lines, the final run added {progressed})",
                stats.steps_printed,
                world.history.len()
            ),
        ),
        ("cut-off output lines", stats.partial_lines.to_string()),
        ("reused generations", stats.reused_generations.to_string()),
        ("image checks passed", stats.image_checks.to_string()),
        ("snapshot writes", Timing::describe(&timing.writes)),
        ("between snapshots", Timing::describe(&timing.gaps)),
    ];
    eprintln!(
        "kill harness done in {:.1} s, seed {seed}:",
        started.elapsed().as_secs_f64()
    );
    for (what, value) in &report {
        eprintln!("  {what:28} {value}");
    }
    assert!(progressed > 0, "the final run made no progress in 1 s");
    assert!(stats.durable > 0, "no snapshot was ever durable");
    assert!(
        stats.kills_mid_write * 5 >= stats.kills,
        "only {} of {} kills landed in a snapshot write (need 20%); seed {seed}; \
         transcript {}",
        stats.kills_mid_write,
        stats.kills,
        h.log.display()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
