//! `cargo bench -p plc`: compile speed in source lines per second, for
//! (a) the whole stdlib-ph and (b) a generated program of 20,000+ lines.
//! Each case runs the full pipeline: parse, sema, lowering, encoding, and
//! writing class files in memory.

use std::path::Path;
use std::time::{Duration, Instant};

use phantom_frontend::{compile, SourceFile};

fn load_dir(dir: &Path, out: &mut Vec<SourceFile>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("stdlib-ph exists")
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            load_dir(&p, out);
        } else if p.extension().is_some_and(|x| x == "ph") {
            out.push(SourceFile {
                text: std::fs::read_to_string(&p).unwrap(),
                path: p,
            });
        }
    }
}

/// A program of many classes with loops, arithmetic, calls and strings.
fn generated(min_lines: usize) -> Vec<SourceFile> {
    let mut files = Vec::new();
    let mut lines = 0;
    let mut i = 0;
    while lines < min_lines {
        let mut s = format!(
            "package .gen;\n\nclass c{i}\n{{\n    var total : int;\n    var name : string;\n\n"
        );
        for m in 0..20 {
            s.push_str(&format!(
                "    int m{m}(var n : int, var k : int)\n    {{\n        var i : int;\n        var d : double;\n        i = 0;\n        \
                 while (i < n)\n        {{\n            if (i % 3 == 0 || k > {m}) {{ total = total + i * {m}; }}\n            \
                 else {{ total = total - 1; }}\n            d = d + i / 2;\n            i = i + 1;\n        }}\n        \
                 name = \"m{m} of c{i}: \" + total;\n        return total + m{}(k, n);\n    }}\n\n",
                (m + 1) % 20
            ));
        }
        s.push_str("};\n");
        lines += s.lines().count();
        files.push(SourceFile {
            path: format!("c{i}.ph").into(),
            text: s,
        });
        i += 1;
    }
    files
}

fn bench(name: &str, files: &[SourceFile]) {
    let lines: usize = files.iter().map(|f| f.text.lines().count()).sum();
    let version = codegen::emit::version_now();
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 5 || (start.elapsed() < Duration::from_secs(3) && times.len() < 50) {
        let t = Instant::now();
        let out = compile(files, Vec::new());
        assert!(!out.has_errors(), "{name} must compile");
        let mut bytes = 0;
        for (_, c) in &out.classes {
            let (cf, _) = codegen::emit::class_file(c, &version).expect("class file");
            bytes += cf.write().len();
        }
        std::hint::black_box(bytes);
        times.push(t.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{name:<24} {lines:>7} lines  {:>5} files  median {:>8.2} ms  {:>10.0} lines/s  ({} runs)",
        files.len(),
        median.as_secs_f64() * 1e3,
        lines as f64 / median.as_secs_f64(),
        times.len()
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut stdlib = Vec::new();
    load_dir(&root.join("stdlib-ph"), &mut stdlib);
    bench("stdlib-ph", &stdlib);
    bench("generated program", &generated(20_000));
}
