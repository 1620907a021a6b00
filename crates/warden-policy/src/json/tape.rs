//! A flat form of a parsed JSON document: one [`Node`] per value and per
//! object key, in document order, in a buffer that is reused from one
//! document to the next.
//!
//! The tree of [`Value`](super::Value)s allocates a vector for every object
//! and array and frees them all afterwards; for a stream of small documents
//! read once (the lines of `warden simulate --batch`) that bookkeeping costs
//! more than the parse itself. A [`Tape`] keeps no per-value allocation: a
//! container records where its descendants end, so its members are walked by
//! jumping from sibling to sibling. Syntax, limits and spans are those of
//! [`parse_with`](super::parse_with): the same parser code reads the tokens.

use super::{JsonError, Limits, Parser};
use crate::span::Span;

/// What a [`Node`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number; its text is the source text of its span.
    Number,
    /// A string value.
    String,
    /// An object member's key; the member's value is the next node.
    Key,
    /// An array; its elements follow it.
    Array,
    /// An object; `Key`, value pairs follow it.
    Object,
}

/// One value or key of a document on a [`Tape`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    /// What the node is.
    pub kind: NodeKind,
    /// Its bytes in the source (strings and keys: including the quotes).
    pub span: Span,
    /// The index just past this node's last descendant: its next sibling.
    pub next: u32,
    /// Strings and keys: the decoded text's range, in the source or (when
    /// `owned`) in the tape's buffer of decoded escapes.
    text: (u32, u32),
    owned: bool,
}

/// A reusable buffer holding one parsed JSON document as flat nodes.
#[derive(Debug, Default, Clone)]
pub struct Tape {
    nodes: Vec<Node>,
    /// Decoded text of strings that contain escapes.
    decoded: String,
    /// The containers open while parsing: node index, whether an object.
    open: Vec<(u32, bool)>,
}

impl Tape {
    /// An empty tape.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses `source` into the tape, replacing what it held. The root value
    /// is node 0. Accepts exactly what [`parse_with`](super::parse_with)
    /// accepts, and fails with the same error.
    pub fn parse(&mut self, source: &str, limits: Limits) -> Result<(), JsonError> {
        self.nodes.clear();
        self.decoded.clear();
        self.open.clear();
        if self.fill(source, limits).is_some() {
            return Ok(());
        }
        self.nodes.clear();
        // Errors are rare: the tree parser words them, so both agree exactly.
        Err(match super::parse_with(source, limits) {
            Err(e) => e,
            Ok(_) => JsonError {
                message: "the document could not be read".to_string(),
                span: Span::new(0, 0),
            },
        })
    }

    /// The parse proper: an explicit stack of open containers instead of
    /// recursion, strings scanned eight bytes at a time. `None` on any error.
    fn fill(&mut self, source: &str, limits: Limits) -> Option<()> {
        if source.len() > limits.max_bytes || source.len() > u32::MAX as usize {
            return None;
        }
        let src = source.as_bytes();
        let mut pos = if source.starts_with('\u{feff}') { 3 } else { 0 };
        pos = skip_ws(src, pos);
        'value: loop {
            // A value starts at `pos`.
            let start = pos;
            match *src.get(pos)? {
                open @ (b'{' | b'[') => {
                    if self.open.len() >= limits.max_depth {
                        return None;
                    }
                    let kind = if open == b'{' {
                        NodeKind::Object
                    } else {
                        NodeKind::Array
                    };
                    let at = self.push(kind, Span::new(start as u32, start as u32));
                    self.open.push((at as u32, open == b'{'));
                    pos = skip_ws(src, pos + 1);
                    let close = if open == b'{' { b'}' } else { b']' };
                    if src.get(pos) == Some(&close) {
                        pos += 1;
                        self.open.pop();
                        self.close(at, pos);
                    } else if open == b'{' {
                        pos = self.key(source, limits, pos)?;
                        continue 'value;
                    } else {
                        continue 'value;
                    }
                }
                b'"' => pos = self.string(source, limits, pos, NodeKind::String)?,
                b't' | b'f' | b'n' => {
                    let (word, kind): (&[u8], _) = match src[pos] {
                        b't' => (b"true", NodeKind::Bool(true)),
                        b'f' => (b"false", NodeKind::Bool(false)),
                        _ => (b"null", NodeKind::Null),
                    };
                    if !src[pos..].starts_with(word) {
                        return None;
                    }
                    pos += word.len();
                    self.push(kind, Span::new(start as u32, pos as u32));
                }
                b'-' | b'0'..=b'9' => {
                    pos = number(src, pos)?;
                    self.push(NodeKind::Number, Span::new(start as u32, pos as u32));
                }
                _ => return None,
            }
            // After a value: a separator, or the end of one or more containers.
            loop {
                pos = skip_ws(src, pos);
                let Some(&(top, is_object)) = self.open.last() else {
                    break 'value;
                };
                let top = top as usize;
                match (*src.get(pos)?, is_object) {
                    (b',', true) => {
                        pos = self.key(source, limits, skip_ws(src, pos + 1))?;
                        continue 'value;
                    }
                    (b',', false) => {
                        pos = skip_ws(src, pos + 1);
                        continue 'value;
                    }
                    (b'}', true) | (b']', false) => {
                        pos += 1;
                        self.open.pop();
                        self.close(top, pos);
                    }
                    _ => return None,
                }
            }
        }
        (pos == src.len()).then_some(())
    }

    /// A member's key and colon at `pos`; returns where its value starts.
    fn key(&mut self, source: &str, limits: Limits, pos: usize) -> Option<usize> {
        let src = source.as_bytes();
        if src.get(pos) != Some(&b'"') {
            return None;
        }
        let pos = skip_ws(src, self.string(source, limits, pos, NodeKind::Key)?);
        if src.get(pos) != Some(&b':') {
            return None;
        }
        Some(skip_ws(src, pos + 1))
    }

    #[inline]
    fn push(&mut self, kind: NodeKind, span: Span) -> usize {
        self.push_text(kind, span, (0, 0), false)
    }

    #[inline]
    fn push_text(&mut self, kind: NodeKind, span: Span, text: (u32, u32), owned: bool) -> usize {
        let at = self.nodes.len();
        self.nodes.push(Node {
            kind,
            span,
            next: at as u32 + 1,
            text,
            owned,
        });
        at
    }

    fn close(&mut self, at: usize, end: usize) {
        let next = self.nodes.len() as u32;
        if let Some(n) = self.nodes.get_mut(at) {
            n.span.end = end as u32;
            n.next = next;
        }
    }

    /// The string at `pos` (its opening quote); returns the position after it.
    #[inline(always)]
    fn string(
        &mut self,
        source: &str,
        limits: Limits,
        pos: usize,
        kind: NodeKind,
    ) -> Option<usize> {
        let src = source.as_bytes();
        let body = pos + 1;
        let stop = body + find_special(src.get(body..)?)?;
        let (end, text, owned) = if src.get(stop) == Some(&b'"') {
            (stop + 1, (body as u32, stop as u32), false)
        } else if src.get(stop) == Some(&b'\\') {
            // Escapes are rare: the tree parser's decoder handles them.
            let mut p = Parser {
                src,
                text: source,
                pos,
                limits,
                lazy: None,
                whitespace: 0,
            };
            let (s, span) = p.string().ok()?;
            let from = self.decoded.len() as u32;
            self.decoded.push_str(&s);
            (span.end as usize, (from, self.decoded.len() as u32), true)
        } else {
            return None;
        };
        self.push_text(kind, Span::new(pos as u32, end as u32), text, owned);
        Some(end)
    }

    /// All nodes, in document order (empty after a failed parse).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Node `i`.
    pub fn node(&self, i: usize) -> Option<&Node> {
        self.nodes.get(i)
    }

    /// The decoded text of string or key node `i`, or the source text of a
    /// number node; `None` for other nodes. `source` is the parsed text.
    #[inline(always)]
    pub fn text<'s>(&'s self, source: &'s str, i: usize) -> Option<&'s str> {
        let n = self.nodes.get(i)?;
        match n.kind {
            NodeKind::String | NodeKind::Key if n.owned => {
                self.decoded.get(n.text.0 as usize..n.text.1 as usize)
            }
            NodeKind::String | NodeKind::Key => source.get(n.text.0 as usize..n.text.1 as usize),
            NodeKind::Number => source.get(n.span.range()),
            _ => None,
        }
    }

    /// The members of object node `i` as (key node, value node) indices;
    /// nothing if `i` is not an object.
    pub fn members(&self, i: usize) -> Members<'_> {
        let (at, end) = match self.nodes.get(i) {
            Some(n) if n.kind == NodeKind::Object => (i + 1, n.next as usize),
            _ => (0, 0),
        };
        Members {
            tape: self,
            at,
            end,
        }
    }

    /// The elements of array node `i` as node indices; nothing if `i` is
    /// not an array.
    pub fn items(&self, i: usize) -> Items<'_> {
        let (at, end) = match self.nodes.get(i) {
            Some(n) if n.kind == NodeKind::Array => (i + 1, n.next as usize),
            _ => (0, 0),
        };
        Items {
            tape: self,
            at,
            end,
        }
    }
}

/// The members of an object node: see [`Tape::members`].
#[derive(Debug, Clone)]
pub struct Members<'t> {
    tape: &'t Tape,
    at: usize,
    end: usize,
}

impl Iterator for Members<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.at >= self.end {
            return None;
        }
        let key = self.at;
        let value = key + 1;
        self.at = self.tape.nodes.get(value)?.next as usize;
        Some((key, value))
    }
}

/// The elements of an array node: see [`Tape::items`].
#[derive(Debug, Clone)]
pub struct Items<'t> {
    tape: &'t Tape,
    at: usize,
    end: usize,
}

impl Iterator for Items<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.at >= self.end {
            return None;
        }
        let item = self.at;
        self.at = self.tape.nodes.get(item)?.next as usize;
        Some(item)
    }
}

fn skip_ws(src: &[u8], mut pos: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = src.get(pos) {
        pos += 1;
    }
    pos
}

/// The end of the number at `pos`, by JSON's grammar.
fn number(src: &[u8], mut pos: usize) -> Option<usize> {
    let digits = |mut p: usize| {
        while let Some(b'0'..=b'9') = src.get(p) {
            p += 1;
        }
        p
    };
    if src.get(pos) == Some(&b'-') {
        pos += 1;
    }
    match src.get(pos) {
        Some(b'0') => pos += 1,
        Some(b'1'..=b'9') => pos = digits(pos + 1),
        _ => return None,
    }
    if src.get(pos) == Some(&b'.') {
        if !matches!(src.get(pos + 1), Some(b'0'..=b'9')) {
            return None;
        }
        pos = digits(pos + 1);
    }
    if let Some(b'e' | b'E') = src.get(pos) {
        pos += 1;
        if let Some(b'+' | b'-') = src.get(pos) {
            pos += 1;
        }
        if !matches!(src.get(pos), Some(b'0'..=b'9')) {
            return None;
        }
        pos = digits(pos);
    }
    Some(pos)
}

/// The index of the first `"`, `\\` or control character (below 0x20) in
/// `bytes`, eight bytes at a time; `None` if there is none.
#[inline(always)]
fn find_special(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // For each byte: high bit set where the byte is zero. Only the lowest
    // flagged byte is exact, which is the one used.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let hit = zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\\')))
            | (x.wrapping_sub(ONES * 0x20) & !x & HIGH);
        if hit != 0 {
            return Some(base + (hit.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|i| base + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{self, Value, ValueKind};
    use std::borrow::Cow;

    /// Rebuilds a `Value` tree from the tape, to compare with the tree parser.
    fn rebuild<'a>(t: &Tape, src: &'a str, i: usize) -> Value<'a> {
        let n = *t.node(i).unwrap();
        let kind = match n.kind {
            NodeKind::Null => ValueKind::Null,
            NodeKind::Bool(b) => ValueKind::Bool(b),
            NodeKind::Number => ValueKind::Number(&src[n.span.range()]),
            NodeKind::String | NodeKind::Key => {
                ValueKind::String(Cow::Owned(t.text(src, i).unwrap().to_string()))
            }
            NodeKind::Array => ValueKind::Array(t.items(i).map(|j| rebuild(t, src, j)).collect()),
            NodeKind::Object => ValueKind::Object(
                t.members(i)
                    .map(|(k, v)| json::Member {
                        key: Cow::Owned(t.text(src, k).unwrap().to_string()),
                        key_span: t.node(k).unwrap().span,
                        value: rebuild(t, src, v),
                    })
                    .collect(),
            ),
        };
        Value { span: n.span, kind }
    }

    #[test]
    fn tape_matches_the_tree_parser() {
        let docs = [
            r#"{"a": [1, "x\n", true, null, -2.5e3], "b": {}, "c": [], "d": {"e": [{"f": "\u00e9"}]}}"#,
            "\u{feff} [ \"é\" , {\"k\\\"\" : false} ] ",
            "\"plain\"",
            "0",
        ];
        let mut tape = Tape::new();
        for src in docs {
            tape.parse(src, Limits::default()).unwrap();
            let tree = json::parse(src).unwrap();
            assert_eq!(rebuild(&tape, src, 0), tree, "{src}");
            assert_eq!(tape.node(0).unwrap().next as usize, tape.nodes().len());
        }
    }

    #[test]
    fn errors_are_those_of_the_tree_parser() {
        let bad = [
            "",
            "{\"a\": tru}",
            "{\"a\": 1,}",
            "{} x",
            "\"abc",
            "[01]",
            "\"\\ud800\"",
            "{\"a\" 1}",
            "[1 2]",
            "\"a\u{1}b\"",
        ];
        let mut tape = Tape::new();
        for src in bad {
            let e = tape.parse(src, Limits::default()).unwrap_err();
            assert_eq!(e, json::parse(src).unwrap_err(), "{src:?}");
            assert!(tape.nodes().is_empty());
        }
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert_eq!(
            tape.parse(&deep, Limits::default()).unwrap_err(),
            json::parse(&deep).unwrap_err()
        );
        let small = Limits {
            max_bytes: 4,
            max_depth: 64,
        };
        assert!(tape.parse("[1, 2]", small).is_err());
    }

    #[test]
    fn members_and_items_skip_nested_values() {
        let src = r#"{"a": {"x": [1, [2]]}, "b": [3, {"y": 4}], "c": 5}"#;
        let mut tape = Tape::new();
        tape.parse(src, Limits::default()).unwrap();
        let keys: Vec<&str> = tape
            .members(0)
            .map(|(k, _)| tape.text(src, k).unwrap())
            .collect();
        assert_eq!(keys, ["a", "b", "c"]);
        let (_, b) = tape.members(0).nth(1).unwrap();
        let items: Vec<&str> = tape
            .items(b)
            .map(|i| &src[tape.node(i).unwrap().span.range()])
            .collect();
        assert_eq!(items, ["3", "{\"y\": 4}"]);
        assert_eq!(tape.items(0).count(), 0);
        assert_eq!(tape.members(b).count(), 0);
        assert_eq!(tape.text(src, 0), None);
    }

    #[test]
    fn every_single_byte_change_is_read_as_the_tree_parser_reads_it() {
        let base = r#"{"a": [1, -0.5e+2, "x\"y", true, null], "b": {"c": "é", "d": []}}"#;
        let mut tape = Tape::new();
        let replacements = [
            "", " ", "\"", "\\", "{", "}", "[", "]", ",", ":", "0", "-", ".", "e", "t", "\n",
            "\u{1}",
        ];
        let mut checked = 0;
        for (at, _) in base.char_indices() {
            let len = base[at..].chars().next().map_or(0, char::len_utf8);
            for r in replacements {
                let src = format!("{}{r}{}", &base[..at], &base[at + len..]);
                match (tape.parse(&src, Limits::default()), json::parse(&src)) {
                    (Ok(()), Ok(tree)) => assert_eq!(rebuild(&tape, &src, 0), tree, "{src}"),
                    (Err(a), Err(b)) => assert_eq!(a, b, "{src}"),
                    (a, b) => panic!("{src}: tape {a:?}, tree {:?}", b.map(|_| ())),
                }
                checked += 1;
            }
        }
        assert!(checked > 500);
    }

    #[test]
    fn special_bytes_are_found_at_every_position() {
        for len in 0..40 {
            let mut v = vec![b'a'; len];
            assert_eq!(find_special(&v), None);
            for pos in 0..len {
                for b in [b'"', b'\\', 0u8, 0x1f] {
                    v[pos] = b;
                    assert_eq!(find_special(&v), Some(pos), "{len} {pos} {b}");
                    // A later special byte does not hide an earlier one.
                    if pos + 1 < len {
                        v[pos + 1] = b'"';
                        assert_eq!(find_special(&v), Some(pos));
                        v[pos + 1] = b'a';
                    }
                }
                for b in [0x20u8, 0x7f, 0x80, 0xff, b'/'] {
                    v[pos] = b;
                    assert_eq!(find_special(&v), None, "{len} {pos} {b}");
                }
                v[pos] = b'a';
            }
        }
    }
}
