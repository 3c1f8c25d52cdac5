//! Property: crash at a random write or flush in a random sequence of
//! snapshots (each unflushed write then lands, is lost or tears, at
//! random), reopen, repeat. Opening always yields exactly the last
//! committed snapshot, or the one whose commit the crash interrupted,
//! never a torn state; the snapshot before it is intact too.

mod common;

use common::*;
use phantom_pager::dev::MemDevice;
use phantom_pager::fault::{CrashPolicy, Fault, FaultyDevice};
use phantom_pager::{Error, Pager, BLOCK_SIZE};
use proptest::prelude::*;

const PAGES: u64 = 48;

#[derive(Clone, Debug)]
struct Epoch {
    /// Snapshots: (page, zero?) changes.
    snapshots: Vec<Vec<(u64, bool)>>,
    /// 0: crash before a write, 1: torn write, 2: crash before a flush,
    /// 3: a write fails, 4: a flush fails (then the pager goes on, or
    /// refuses until reopened, and the machine crashes at the end).
    how: u8,
    /// Which write (or flush) the crash hits; may be past the end (then
    /// the crash comes after the last commit).
    at: u64,
    /// Seeds the crash policy and the torn length.
    seed: u64,
}

fn epoch() -> impl Strategy<Value = Epoch> {
    (
        prop::collection::vec(
            prop::collection::vec((0..PAGES, prop::bool::weighted(0.15)), 0..14),
            1..6,
        ),
        0u8..5,
        0u64..160,
        any::<u64>(),
    )
        .prop_map(|(snapshots, how, at, seed)| Epoch {
            snapshots,
            how,
            at,
            seed,
        })
}

fn run(epochs: Vec<Epoch>) {
    // Committed snapshots, oldest first: (generation, contents).
    let mut history: Vec<(u64, Model)> = Vec::new();
    let mut medium = Pager::create(MemDevice::new()).unwrap().into_device();
    let mut next_gen = 1;
    for e in epochs {
        let mut dev = FaultyDevice::new(medium, CrashPolicy::Random(e.seed));
        dev.inject(match e.how {
            0 => Fault::CrashBeforeWrite {
                nth: e.at,
                blocks: 0..u64::MAX,
            },
            1 => Fault::TornWrite {
                nth: e.at,
                blocks: 0..u64::MAX,
                bytes: (e.seed % (BLOCK_SIZE as u64 + 1)) as usize,
            },
            2 => Fault::CrashBeforeFlush { nth: e.at % 12 },
            3 => Fault::FailWrite {
                nth: e.at,
                blocks: 0..u64::MAX,
            },
            _ => Fault::FailFlush { nth: e.at % 12 },
        });
        let mut p = Pager::open(dev).unwrap();
        // The snapshot whose commit the crash may have interrupted.
        let mut interrupted: Option<(u64, Model)> = None;
        'snaps: for changes in &e.snapshots {
            let g = next_gen;
            next_gen += 1;
            let mut model = history.last().map(|h| h.1.clone()).unwrap_or_default();
            if p.begin(g).is_err() {
                break;
            }
            for &(n, zero) in changes {
                let tag = if zero { 0 } else { g };
                let data = if zero {
                    Box::new([0u8; BLOCK_SIZE])
                } else {
                    page(tag, n)
                };
                if p.write_page(n, &data).is_err() {
                    if p.device().crashed() {
                        break 'snaps;
                    }
                    // Abandoned; the image is as before: go on.
                    assert_eq!(p.info().pending, None);
                    continue 'snaps;
                }
                model.insert(n, tag);
            }
            match p.commit() {
                Ok(_) => history.push((g, model)),
                Err(_) if p.device().crashed() => {
                    interrupted = Some((g, model));
                    break;
                }
                Err(_) => {
                    // Failed before the superblock: abandoned, go on.
                    // Failed at it: the pager refuses until reopened.
                    match p.begin(next_gen) {
                        Err(Error::Poisoned(_)) => {
                            interrupted = Some((g, model));
                            break;
                        }
                        r => {
                            r.unwrap();
                            p.abort();
                            let newest = history.last().map_or(0, |h| h.0);
                            assert_eq!(p.generation(), newest);
                            assert_newest(
                                &p,
                                &history.last().map(|h| h.1.clone()).unwrap_or_default(),
                                PAGES + 1,
                            );
                        }
                    }
                }
            }
        }
        let mut dev = p.into_device();
        dev.crash_now();
        let p = Pager::open(dev.into_inner()).unwrap();
        let got = p.generation();
        match (&interrupted, history.last()) {
            (Some((g, m)), _) if *g == got => history.push((*g, m.clone())),
            (_, Some((g, _))) => assert_eq!(got, *g, "opened generation"),
            (_, None) => assert_eq!(got, 0, "opened generation"),
        }
        if let Some((_, m)) = history.last() {
            assert_newest(&p, m, PAGES + 1);
            assert_eq!(p.snapshots()[0].generation, got);
        }
        if history.len() >= 2 {
            let (g, m) = &history[history.len() - 2];
            let s = p.snapshots();
            assert_eq!(s.len(), 2);
            assert_eq!(s[1].generation, *g);
            assert_snapshot(&p, *g, m, PAGES + 1);
        }
        assert_sound(&p);
        medium = p.into_device();
    }
}

proptest! {
    // 300 cases unless PROPTEST_CASES says otherwise.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_crash_anywhere_leaves_exactly_one_complete_snapshot(
        epochs in prop::collection::vec(epoch(), 1..5)
    ) {
        run(epochs);
    }
}
