//! Real processes killed with SIGKILL at random instants while they write
//! snapshots to an image file: every reopen finds exactly one complete
//! snapshot, never older than the last one the process reported durable.
//! (SIGKILL loses no page cache, so this tests the process side; power
//! loss is modelled by the fault-injection tests.)

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use phantom_pager::file::FileDevice;
use phantom_pager::{Pager, BLOCK_SIZE};

const PAGES: u64 = 64;

/// Pages written by generation `g`.
fn changed(g: u64) -> Vec<u64> {
    (0..8 + g % 24).map(|k| (g * 7 + k * 13) % PAGES).collect()
}

/// Contents after generation `g`.
fn model_at(g: u64) -> Model {
    let mut m = Model::new();
    for x in 1..=g {
        for n in changed(x) {
            m.insert(n, x);
        }
    }
    m
}

fn child(path: &Path) -> ! {
    let mut p = match FileDevice::open(path) {
        Ok(d) => Pager::open(d).unwrap(),
        Err(_) => {
            // Formatted beside it and renamed into place, so that a kill
            // during the format (a slow start under load) leaves no image
            // rather than a half-written one.
            let tmp = path.with_extension("new");
            let _ = std::fs::remove_file(&tmp);
            let p = Pager::create(FileDevice::create(&tmp).unwrap()).unwrap();
            std::fs::rename(&tmp, path).unwrap();
            p
        }
    };
    let mut g = p.generation() + 1;
    loop {
        p.begin(g).unwrap();
        for n in changed(g) {
            p.write_page(n, &page(g, n)).unwrap();
        }
        p.commit().unwrap();
        println!("{g}");
        g += 1;
    }
}

#[test]
fn killed_writers_leave_exactly_one_complete_snapshot() {
    if let Some(p) = std::env::var_os("PAGER_KILL_CHILD") {
        child(Path::new(&p));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image");
    let mut reported = 0u64;
    let mut rng = 0x1234_5678u64;
    for round in 0..30 {
        let mut c = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "killed_writers_leave_exactly_one_complete_snapshot",
                "--nocapture",
            ])
            .env("PAGER_KILL_CHILD", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = c.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut last = None;
            for line in BufReader::new(out).lines() {
                if let Ok(g) = line.unwrap_or_default().trim().parse::<u64>() {
                    last = Some(g);
                }
            }
            last
        });
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(Duration::from_millis(20 + rng % 80));
        c.kill().unwrap();
        c.wait().unwrap();
        if let Some(g) = reader.join().unwrap() {
            assert!(g >= reported);
            reported = g;
        }
        if !path.exists() {
            // Killed before the image was made.
            assert_eq!(reported, 0, "round {round}: the image is gone");
            continue;
        }
        let p = Pager::open(FileDevice::open(&path).unwrap()).unwrap();
        let got = p.generation();
        assert!(
            got == reported || got == reported + 1,
            "round {round}: opened generation {got}, last reported durable {reported}"
        );
        assert_newest(&p, &model_at(got), PAGES);
        if got > 1 {
            assert_snapshot(&p, got - 1, &model_at(got - 1), PAGES);
        }
        assert_sound(&p);
        reported = got;
        // The image stays small: two snapshots of at most 64 pages.
        let blocks = phantom_pager::BlockDevice::blocks(p.device());
        assert!(blocks as usize * BLOCK_SIZE <= 2 << 20, "{blocks} blocks");
    }
    assert!(
        reported > 30,
        "the writers made too little progress: {reported}"
    );
}
