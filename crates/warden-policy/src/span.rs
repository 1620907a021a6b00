//! Source spans and the line index that turns byte offsets into positions.
//!
//! Positions follow Access Analyzer's convention: lines count from 1,
//! columns from 0, byte offsets from 0, and a span's end is exclusive.

use std::ops::Range;

/// A half-open byte range `[start, end)` in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    pub const fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }

    /// The span as a `usize` range for slicing the source.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A position in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// Line number, counting from 1.
    pub line: u32,
    /// Column in characters (Unicode scalar values), counting from 0.
    pub column: u32,
    /// Byte offset, counting from 0.
    pub offset: u32,
}

/// The position of byte `offset` in `source`, computed directly: cheaper
/// than a [`LineIndex`] when only a few positions of a text are needed.
pub fn position_of(source: &str, offset: u32) -> Position {
    let mut off = (offset as usize).min(source.len());
    while off > 0 && !source.is_char_boundary(off) {
        off -= 1;
    }
    let before = &source.as_bytes()[..off];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', before).count() as u32 + 1;
    let segment = &source[line_start..off];
    let column = if segment.is_ascii() {
        segment.len()
    } else {
        segment.chars().count()
    } as u32;
    Position {
        line,
        column,
        offset: offset.min(source.len() as u32),
    }
}

/// Maps byte offsets of one source text to line/column positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes `source`.
    pub fn new(source: &str) -> Self {
        // `memchr` skips the bytes between line breaks a vector at a time:
        // every file with a finding is indexed whole.
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i as u32 + 1));
        LineIndex { line_starts }
    }

    /// The position of byte `offset` in `source` (the text this index was built from).
    /// Offsets past the end are clamped to the end.
    pub fn position(&self, source: &str, offset: u32) -> Position {
        let offset = offset.min(source.len() as u32);
        let line = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let mut end = offset as usize;
        while end > start as usize && !source.is_char_boundary(end) {
            end -= 1;
        }
        let column = source
            .get(start as usize..end)
            .map_or(0, |s| s.chars().count()) as u32;
        Position {
            line: line as u32 + 1,
            column,
            offset,
        }
    }

    /// The text of line `line` (1-based), without its line terminator.
    pub fn line_text<'s>(&self, source: &'s str, line: u32) -> &'s str {
        let i = line.saturating_sub(1) as usize;
        let start = self
            .line_starts
            .get(i)
            .copied()
            .unwrap_or(source.len() as u32) as usize;
        let end = self
            .line_starts
            .get(i + 1)
            .map_or(source.len(), |&e| e as usize);
        source
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let src = "ab\ncé\nx";
        let idx = LineIndex::new(src);
        assert_eq!(
            idx.position(src, 0),
            Position {
                line: 1,
                column: 0,
                offset: 0
            }
        );
        assert_eq!(
            idx.position(src, 3),
            Position {
                line: 2,
                column: 0,
                offset: 3
            }
        );
        // 'é' is two bytes: the byte after it is column 2.
        assert_eq!(
            idx.position(src, 6),
            Position {
                line: 2,
                column: 2,
                offset: 6
            }
        );
        assert_eq!(
            idx.position(src, 7),
            Position {
                line: 3,
                column: 0,
                offset: 7
            }
        );
        assert_eq!(idx.line_text(src, 2), "cé");
        assert_eq!(idx.position(src, 99).line, 3);
        for off in 0..=src.len() as u32 {
            assert_eq!(
                position_of(src, off),
                idx.position(src, off),
                "offset {off}"
            );
        }
    }
}
