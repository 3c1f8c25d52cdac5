//! The examples in `docs/language.md` are real programs: every fenced block
//! with the info string `phantom` is a complete program, and the fenced
//! `text` block right after it (only blank lines between) is its exact
//! standard output. Each program is written to a temporary directory and run
//! with the real `phantom` binary (`run --no-image`); its stdout must equal
//! the text block and its exit code must be 0. Blocks with other info strings
//! (`ph`, `sh`, …) are snippets and are not run.
//!
//! Every example is run even when an earlier one fails; the failures are
//! reported together, each by the line of its opening fence.

use std::path::{Path, PathBuf};
use std::process::Command;

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");

fn doc() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/language.md")
}

/// One `phantom` block and the `text` block after it.
struct Example {
    /// 1-based line of the ```` ```phantom ```` fence.
    line: usize,
    program: String,
    expected: String,
}

/// The info string of a fence line (```` ```info ````), or `None` if the line
/// is not a fence.
fn fence(line: &str) -> Option<&str> {
    line.trim_end().strip_prefix("```").map(str::trim)
}

/// The lines after an opening fence at `lines[start]` up to its closing
/// fence, and the index of the line after the closing fence.
fn block(lines: &[&str], start: usize) -> Result<(String, usize), String> {
    let mut body = String::new();
    let mut i = start + 1;
    while i < lines.len() {
        if fence(lines[i]) == Some("") {
            return Ok((body, i + 1));
        }
        body.push_str(lines[i]);
        body.push('\n');
        i += 1;
    }
    Err(format!("line {}: the block is never closed", start + 1))
}

fn extract(text: &str) -> Result<Vec<Example>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut examples = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match fence(lines[i]) {
            Some("phantom") => {
                let (program, mut next) = block(&lines, i)?;
                while next < lines.len() && lines[next].trim().is_empty() {
                    next += 1;
                }
                if next >= lines.len() || fence(lines[next]) != Some("text") {
                    return Err(format!(
                        "line {}: a `phantom` block must be followed by a `text` block with its output",
                        i + 1
                    ));
                }
                let (expected, after) = block(&lines, next)?;
                examples.push(Example {
                    line: i + 1,
                    program,
                    expected,
                });
                i = after;
            }
            Some(info) if !info.is_empty() => {
                // Another fenced block (snippet, shell, text): skip it whole,
                // so that fences inside it are not taken for examples.
                let (_, after) = block(&lines, i)?;
                i = after;
            }
            _ => i += 1,
        }
    }
    Ok(examples)
}

fn run(example: &Example, dir: &Path) -> Result<(), String> {
    let file = dir.join(format!("example_line_{}.ph", example.line));
    std::fs::write(&file, &example.program)
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let out = Command::new(PHANTOM)
        .arg("run")
        .arg("--no-image")
        .arg(&file)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run {PHANTOM}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stdout != example.expected {
        return Err(format!(
            "stdout differs\n--- expected\n{}--- got\n{stdout}--- stderr\n{stderr}",
            example.expected
        ));
    }
    if out.status.code() != Some(0) {
        return Err(format!(
            "exit code {:?}\n--- stderr\n{stderr}",
            out.status.code()
        ));
    }
    Ok(())
}

#[test]
fn language_guide_examples_print_their_shown_output() {
    let text = std::fs::read_to_string(doc()).expect("docs/language.md exists");
    let examples = extract(&text).unwrap_or_else(|e| panic!("docs/language.md: {e}"));
    assert!(
        examples.len() >= 15,
        "docs/language.md: only {} examples found",
        examples.len()
    );
    let dir = std::env::temp_dir().join(format!("phantom-doc-examples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    let mut failures = Vec::new();
    for example in &examples {
        if let Err(why) = run(example, &dir) {
            failures.push(format!(
                "docs/language.md: example at line {}: {why}",
                example.line
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        failures.is_empty(),
        "{} of {} examples failed:\n\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n\n")
    );
}

#[test]
fn examples_are_paired_with_their_output() {
    let doc = "text\n\n```phantom\nprogram\n```\n\n```text\nout 1\nout 2\n```\n\n\
               ```ph\n```phantom\n```\n\n```text\n```\n";
    let examples = extract(doc).expect("well formed");
    assert_eq!(examples.len(), 1);
    assert_eq!(examples[0].line, 3);
    assert_eq!(examples[0].program, "program\n");
    assert_eq!(examples[0].expected, "out 1\nout 2\n");
    let err = extract("```phantom\nx\n```\nsome words\n```text\n```\n")
        .err()
        .expect("a program without its output is refused");
    assert!(err.contains("line 1"), "{err}");
}
