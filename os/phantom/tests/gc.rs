//! Garbage-collection stress: the programs in `tests/gc/` allocate several
//! times the object memory (`--heap-max 64`) in trees with parent links,
//! rings, doubly linked lists, self-references, arrays of strings that hold
//! themselves, from several VM threads at once, and with a large live set.
//! Each must finish with its expected output (no "out of memory"), and the
//! heap statistics that `PHANTOM_STATS=1` prints must show that memory
//! stayed bounded and that nothing is left over at the end.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");
const MIB: u64 = 1 << 20;

fn program(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/gc")
        .join(name)
}

/// Runs a program with `PHANTOM_STATS=1` and `args` before it; checks the
/// exit code and stdout, and returns the statistics.
fn run(name: &str, args: &[&str], stdout: &str) -> HashMap<String, u64> {
    let out = Command::new(PHANTOM)
        .arg("run")
        .arg("--no-image")
        .args(args)
        .arg(program(name))
        .env("PHANTOM_STATS", "1")
        .output()
        .expect("run phantom");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{name}: exit code; stderr:\n{err}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        stdout,
        "{name}: stdout; stderr:\n{err}"
    );
    let line = err
        .lines()
        .find_map(|l| l.strip_prefix("phantom: heap: "))
        .unwrap_or_else(|| panic!("{name}: no statistics in stderr:\n{err}"));
    line.split_whitespace()
        .map(|kv| {
            let (k, v) = kv.split_once('=').expect("key=value");
            (k.to_string(), v.parse().expect("a number"))
        })
        .collect()
}

/// The common checks for a 64 MiB heap: the program allocated at least
/// `times` times the heap, collections ran, the heap never came near its
/// end, and after the program only the VM's own objects are left.
fn assert_bounded(name: &str, s: &HashMap<String, u64>, times: u64) {
    assert_eq!(s["capacity_bytes"], 64 * MIB, "{name}: {s:?}");
    assert!(
        s["allocated_bytes"] >= times * 64 * MIB,
        "{name}: allocated too little to tell: {s:?}"
    );
    assert!(
        s["collections"] >= times,
        "{name}: too few collections: {s:?}"
    );
    assert!(
        s["peak_top_bytes"] <= 40 * MIB,
        "{name}: the heap grew too far: {s:?}"
    );
    assert!(
        s["live_bytes"] <= MIB / 4,
        "{name}: garbage left after the last collection: {s:?}"
    );
    assert_eq!(
        s["emergency_collections"], 0,
        "{name}: allocation failed: {s:?}"
    );
}

#[test]
fn trees_with_parent_links() {
    let s = run(
        "trees.ph",
        &["--heap-max", "64"],
        "trees: 1310560 nodes, 132367680 chars\n",
    );
    assert_bounded("trees", &s, 3);
}

#[test]
fn rings_doubly_linked_lists_and_self_references() {
    let s = run("cycles.ph", &["--heap-max", "64"], "cycles: 1002000\n");
    assert_bounded("cycles", &s, 4);
}

#[test]
fn arrays_of_strings_holding_each_other() {
    let s = run("strings.ph", &["--heap-max", "64"], "strings: 59702000\n");
    assert_bounded("strings", &s, 4);
}

#[test]
fn several_threads_allocating_cycles_at_once() {
    let s = run("threads.ph", &["--heap-max", "64"], "threads: 1916800\n");
    assert_bounded("threads", &s, 3);
}

#[test]
fn a_large_live_set_is_served_by_collecting_when_allocation_fails() {
    // 36 MiB stay live; the regular collection comes only after as much
    // again is allocated, which does not fit: the failing allocations
    // collect and retry.
    let s = run(
        "big_live.ph",
        &["--heap-max", "64"],
        "big live: 37003560 chars kept, 80000 nodes\n",
    );
    assert!(s["emergency_collections"] >= 1, "{s:?}");
    assert!(s["peak_live_bytes"] >= 36 * MIB, "{s:?}");
    assert!(s["live_bytes"] <= MIB / 4, "{s:?}");
}

#[test]
fn memory_stays_bounded_without_a_heap_limit() {
    // The default object memory is 4 GiB of address space; cyclic garbage
    // must still be collected long before the program touches much of it.
    let s = run("cycles.ph", &[], "cycles: 1002000\n");
    assert!(s["allocated_bytes"] >= 256 * MIB, "{s:?}");
    assert!(s["peak_top_bytes"] <= 64 * MIB, "{s:?}");
}

#[test]
fn many_short_threads_do_not_pile_up() {
    // Host threads of finished VM threads were joined only at the end
    // (the scheduler waited on the main thread first): 20,000 of them
    // took about 500 MB.
    let s = run("many_threads.ph", &["--heap-max", "64"], "threads done\n");
    assert!(s["peak_rss_bytes"] > 0, "{s:?}");
    assert!(s["peak_rss_bytes"] <= 100 * MIB, "{s:?}");
    assert!(
        s["live_bytes"] <= MIB / 4,
        "finished threads left objects behind: {s:?}"
    );
}
