//! Language-server latency: `cargo bench -p phantom-lsp`.
//!
//! Prints (1) the time to re-check a 400-line file after an edit, and (2)
//! the time to open a generated workspace of 1,000 files and then answer a
//! hover. The targets are 5 ms and 100 ms (hover after indexing).

use std::path::Path;
use std::time::{Duration, Instant};

use lsp_types as lt;
use phantom_lsp::world::World;
use phantom_lsp::{features, path_uri};

/// A class of about `methods * 8 + 6` lines, using `other` if given.
fn class_source(name: &str, other: Option<&str>, methods: usize) -> String {
    let mut s = format!("package .bench;\n\nclass {name}\n{{\n    var total : int;\n\n");
    for i in 0..methods {
        s += &format!(
            "    int step{i}(var k : int)\n    {{\n        var x : int;\n        x = k * {i} + total;\n        total = x;\n        return x;\n    }}\n\n"
        );
    }
    if let Some(o) = other {
        s += &format!("    int useOther()\n    {{\n        var o : {o};\n        o = new {o}();\n        return o.step0(1);\n    }}\n");
    }
    s += "};\n";
    s
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn recheck_400_lines(dir: &Path) {
    let text = class_source("big", None, 50);
    assert!(text.lines().count() >= 400, "{}", text.lines().count());
    let path = dir.join("big.ph");
    std::fs::write(&path, &text).unwrap();
    let mut world = World::new(Vec::new());
    world.load_root(dir);
    let mut times = Vec::new();
    for i in 0..50 {
        let edited = text.replace("x = k * 3 +", &format!("x = k * {} +", i + 3));
        let t = Instant::now();
        world.set_text(&path, edited, true);
        world.analyze_together(std::slice::from_ref(&path));
        let _ = features::diagnostics(&world, &path);
        times.push(t.elapsed());
    }
    println!(
        "re-check of a {}-line file after an edit: median {:.2} ms (target < 5 ms)",
        text.lines().count(),
        median(times).as_secs_f64() * 1e3
    );
}

fn workspace_1000(dir: &Path) {
    for i in 0..1000 {
        let other = (i > 0).then(|| format!("c{}", i / 2));
        let src = class_source(&format!("c{i}"), other.as_deref(), 3);
        std::fs::write(dir.join(format!("c{i}.ph")), src).unwrap();
    }
    let t = Instant::now();
    let mut world = World::new(Vec::new());
    world.load_root(dir);
    let indexed = t.elapsed();
    let path = dir.join("c999.ph");
    let text = std::fs::read_to_string(&path).unwrap();
    let offset = text.find("o.step0").unwrap() + 2;
    let pos = phantom_lsp::text::Lines::new(&text).position(offset);
    let t = Instant::now();
    let h = features::hover(
        &mut world,
        &lt::HoverParams {
            text_document_position_params: lt::TextDocumentPositionParams::new(
                lt::TextDocumentIdentifier::new(path_uri(&path)),
                pos,
            ),
            work_done_progress_params: Default::default(),
        },
    );
    let hover = t.elapsed();
    assert!(h.is_some(), "hover answered");
    println!(
        "1,000-file workspace: indexed in {:.1} ms, then hover in {:.2} ms (target < 100 ms)",
        indexed.as_secs_f64() * 1e3,
        hover.as_secs_f64() * 1e3
    );
}

fn main() {
    // `cargo test` runs benches with `--bench` absent: only measure under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let base = std::env::temp_dir().join(format!("phantom-lsp-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let (one, many) = (base.join("one"), base.join("many"));
    std::fs::create_dir_all(&one).unwrap();
    std::fs::create_dir_all(&many).unwrap();
    // Load the class library before timing anything.
    let _ = phantom_lsp::world::Library::get();
    recheck_400_lines(&one);
    workspace_1000(&many);
    let _ = std::fs::remove_dir_all(&base);
}
