//! Diagnostics shared by every front end.
//!
//! A [`Diagnostic`] has a stable error code (`E0101`), a severity, a message,
//! labelled byte spans in one source file, notes and help lines. [`render`]
//! prints it the way rustc does (through ariadne); [`to_json`] gives one JSON
//! object for editors and scripts.

use serde::Serialize;
use std::ops::Range;

/// How bad it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Compilation fails.
    Error,
    /// Compilation goes on.
    Warning,
}

/// A labelled span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Label {
    /// Byte range in the file.
    pub span: Range<usize>,
    /// Text shown at the span (never empty).
    pub message: String,
    /// The primary label is where the problem is; others give context.
    pub primary: bool,
}

/// One diagnostic about one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `E0201`.
    pub code: &'static str,
    /// One-line summary.
    pub message: String,
    /// Labelled spans; the first primary one locates the diagnostic.
    pub labels: Vec<Label>,
    /// `note:` lines.
    pub notes: Vec<String>,
    /// `help:` lines.
    pub help: Vec<String>,
}

/// A diagnostic that has a code and a message but no location yet: only
/// [`Unplaced::at`], which takes the primary label's text, makes it a
/// [`Diagnostic`], so that every diagnostic points somewhere and says
/// something there.
#[derive(Clone, Debug)]
#[must_use = "a diagnostic needs `.at(span, label)`"]
pub struct Unplaced {
    severity: Severity,
    code: &'static str,
    message: String,
}

impl Unplaced {
    /// Places the diagnostic at `span`, with `label` (short, specific and
    /// never empty: "not found in this class", "expected `int`") written
    /// at it.
    pub fn at(self, span: Range<usize>, label: impl Into<String>) -> Diagnostic {
        let label = label.into();
        debug_assert!(!label.trim().is_empty(), "{}: empty label", self.code);
        Diagnostic {
            severity: self.severity,
            code: self.code,
            message: self.message,
            labels: vec![Label {
                span,
                message: label,
                primary: true,
            }],
            notes: Vec::new(),
            help: Vec::new(),
        }
    }
}

impl Diagnostic {
    /// An error; finish it with [`Unplaced::at`].
    pub fn error(code: &'static str, message: impl Into<String>) -> Unplaced {
        Unplaced {
            severity: Severity::Error,
            code,
            message: message.into(),
        }
    }

    /// A warning; finish it with [`Unplaced::at`].
    pub fn warning(code: &'static str, message: impl Into<String>) -> Unplaced {
        Unplaced {
            severity: Severity::Warning,
            code,
            message: message.into(),
        }
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        let message = message.into();
        debug_assert!(!message.trim().is_empty(), "{}: empty label", self.code);
        self.labels.push(Label {
            span,
            message,
            primary: false,
        });
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// The primary span.
    pub fn span(&self) -> Range<usize> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .map(|l| l.span.clone())
            .unwrap_or(0..0)
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Maps byte offsets to 1-based line and column numbers (LF or CRLF lines).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `src`.
    pub fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub fn line_col(&self, src: &str, offset: usize) -> (u32, u32) {
        let line = self.line(offset);
        let start = self.starts[line as usize - 1];
        let end = offset.min(src.len());
        let col = src
            .get(start..end)
            .map_or(end - start, |s| s.chars().count());
        (line, col as u32 + 1)
    }
}

/// "a" or "an" for a word shown in backquotes, chosen by how the word
/// sounds: `a_or_an("int")` is "an", `a_or_an("string")` is "a".
pub fn a_or_an(word: &str) -> &'static str {
    let w = word.trim_start_matches(['.', '`', '(', '*']);
    match w.chars().next().map(|c| c.to_ascii_lowercase()) {
        // "an `.internal.object`" reads as "an internal object".
        Some('a' | 'e' | 'i' | 'o') => "an",
        // "an `unknown`" but "a `unit`", "a `user`": by the sound.
        Some('u') if w.starts_with("un") && !w.starts_with("uni") => "an",
        _ => "a",
    }
}

/// A type or word in backquotes with its article: "an `int`", "a `string`".
pub fn article(word: impl std::fmt::Display) -> String {
    let w = word.to_string();
    format!("{} `{w}`", a_or_an(&w))
}

/// Renders a diagnostic like rustc does, with or without colours.
pub fn render(d: &Diagnostic, file: &str, src: &str, color: bool) -> String {
    use ariadne::{Color, Config, Label as ALabel, Report, ReportKind, Source};
    let kind = match d.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    // ariadne counts character offsets; our spans are bytes.
    let to_char = |b: usize| src.get(..b.min(src.len())).map_or(b, |s| s.chars().count());
    let span = d.span();
    let mut report = Report::build(kind, (file, to_char(span.start)..to_char(span.end)))
        .with_config(Config::default().with_color(color))
        .with_code(d.code)
        .with_message(&d.message);
    for l in &d.labels {
        let mut label = ALabel::new((file, to_char(l.span.start)..to_char(l.span.end)))
            .with_message(&l.message);
        if color {
            label = label.with_color(if l.primary { Color::Red } else { Color::Blue });
        }
        report = report.with_label(label);
    }
    for n in &d.notes {
        report = report.with_note(n);
    }
    for h in &d.help {
        report = report.with_help(h);
    }
    let mut out = Vec::new();
    if report
        .finish()
        .write((file, Source::from(src)), &mut out)
        .is_err()
    {
        return format!("{}[{}]: {}\n", kind_name(d.severity), d.code, d.message);
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn kind_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One JSON object describing the diagnostic, for `--message-format=json`.
pub fn to_json(d: &Diagnostic, file: &str, src: &str) -> serde_json::Value {
    let idx = LineIndex::new(src);
    let span = d.span();
    let (line, column) = idx.line_col(src, span.start);
    let (end_line, end_column) = idx.line_col(src, span.end);
    let labels: Vec<_> = d
        .labels
        .iter()
        .map(|l| {
            let (line, column) = idx.line_col(src, l.span.start);
            serde_json::json!({
                "start": l.span.start, "end": l.span.end, "line": line, "column": column,
                "message": l.message, "primary": l.primary,
            })
        })
        .collect();
    serde_json::json!({
        "file": file,
        "severity": d.severity,
        "code": d.code,
        "message": d.message,
        "start": span.start,
        "end": span.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "labels": labels,
        "notes": d.notes,
        "help": d.help,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_follow_the_sound() {
        assert_eq!(article("int"), "an `int`");
        assert_eq!(article("string"), "a `string`");
        assert_eq!(article("long"), "a `long`");
        assert_eq!(article(".internal.object"), "an `.internal.object`");
        assert_eq!(article(".test.err.point"), "a `.test.err.point`");
        assert_eq!(article("unknown"), "an `unknown`");
        assert_eq!(article("unit"), "a `unit`");
        assert_eq!(article("array"), "an `array`");
    }

    #[test]
    fn lines_count_lf_and_crlf() {
        let src = "a\r\nbc\nd";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(3), 2);
        assert_eq!(idx.line_col(src, 4), (2, 2));
        assert_eq!(idx.line(7), 3);
    }

    #[test]
    fn json_has_location() {
        let d = Diagnostic::error("E0001", "bad").at(4..6, "here");
        let j = to_json(&d, "f.ph", "abc\nxyz");
        assert_eq!(j["line"], 2);
        assert_eq!(j["column"], 1);
        assert_eq!(j["code"], "E0001");
        assert_eq!(j["labels"][0]["message"], "here");
    }

    #[test]
    fn every_label_marks_its_column() {
        let src = "x = 1;\nyy = abc;\n";
        let d = Diagnostic::error("E0400", "cannot find `abc`")
            .at(12..15, "not found")
            .with_secondary(0..1, "declared here")
            .with_secondary(4..5, "set here");
        let s = render(&d, "f.ph", src, false);
        let lines: Vec<&str> = s.lines().collect();
        // The character under column `col` of the source line ending in `text`.
        let marked = |text: &str, col: usize| {
            let i = lines
                .iter()
                .position(|l| l.ends_with(text))
                .unwrap_or_else(|| panic!("no line {text:?} in\n{s}"));
            let at = lines[i].chars().count() - text.chars().count() + col;
            let under = lines[i + 1].chars().nth(at);
            assert!(
                matches!(under, Some('┬' | '─')),
                "no marker under column {col} of {text:?}:\n{s}"
            );
        };
        marked("yy = abc;", 5);
        marked("x = 1;", 0);
        marked("x = 1;", 4);
    }

    #[test]
    fn render_plain_shows_code_and_message() {
        let d = Diagnostic::error("E0001", "bad thing")
            .at(0..1, "here")
            .with_help("do better");
        let s = render(&d, "f.ph", "x = 1;\n", false);
        assert!(s.contains("[E0001]"), "{s}");
        assert!(s.contains("bad thing"));
        assert!(s.contains("do better"));
    }
}
