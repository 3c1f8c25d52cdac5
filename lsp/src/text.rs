//! Positions: byte offsets to LSP positions (UTF-16 columns) and back, and
//! small scans of the text around the cursor.

use lsp_types::{Position, Range};

/// Line starts of one text, for converting offsets.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, and to a
    /// character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let col: usize = self.text[self.starts[line]..offset]
            .chars()
            .map(char::len_utf16)
            .sum();
        Position::new(line as u32, col as u32)
    }

    /// The range of a byte span.
    pub fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position (clamped to its line and the text).
    pub fn offset(&self, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(self.text.len(), |e| e - 1);
        let mut units = 0;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= pos.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }
}

/// Whether `c` may appear in an identifier.
pub fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The identifier that ends at `offset` (possibly empty), as its start.
pub fn ident_start(text: &str, offset: usize) -> usize {
    let mut start = offset.min(text.len());
    while start > 0 && text[..start].ends_with(is_ident) {
        start -= 1;
    }
    start
}

/// The last non-blank character before `offset`, with its offset.
pub fn char_before(text: &str, offset: usize) -> Option<(usize, char)> {
    text[..offset.min(text.len())]
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_whitespace())
}

/// Every identifier-like word of the text.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_ident(c)).filter(|w| !w.is_empty())
}

/// Where the expression before a `.` at `dot` ends (blanks skipped).
pub fn ident_end_before(text: &str, dot: usize) -> usize {
    text[..dot.min(text.len())].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_positions_round_trip_with_utf16_columns() {
        let text = "ab\n\"é𝄞\" x\n";
        let l = Lines::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(l.position(x), Position::new(1, 6));
        assert_eq!(l.offset(Position::new(1, 6)), x);
        assert_eq!(l.offset(Position::new(9, 0)), text.len());
        assert_eq!(l.offset(Position::new(0, 99)), 2);
    }
}
