//! A flat form of a parsed JSON document: one [`Node`] per value, in
//! document order, in a buffer that is reused from one document to the
//! next. An object member's key is kept on its value's node, which halves
//! the nodes of a typical policy (most values are members).
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
    /// An array; its elements follow it.
    Array,
    /// An object; its members' values follow it, each carrying its key.
    Object,
}

/// Where a node's key text is: none (not an object member), in the source,
/// or in the tape's buffer of decoded escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum KeyAt {
    #[default]
    None,
    Source,
    Decoded,
}

/// One value of a document on a [`Tape`], with its key when it is an
/// object member's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    /// What the node is.
    pub kind: NodeKind,
    /// Its bytes in the source (strings: including the quotes).
    pub span: Span,
    /// The index just past this node's last descendant: its next sibling.
    pub next: u32,
    /// Strings: the decoded text's range, in the source or (when `owned`)
    /// in the tape's buffer of decoded escapes.
    text: (u32, u32),
    owned: bool,
    /// Members' values: the key's decoded text, found as `key_at` says.
    key: (u32, u32),
    key_at: KeyAt,
}

/// The pending key of a value that is not an object member's.
const NO_KEY: ((u32, u32), KeyAt) = ((0, 0), KeyAt::None);

/// A reusable buffer holding one parsed JSON document as flat nodes.
#[derive(Debug, Default, Clone)]
pub struct Tape {
    nodes: Vec<Node>,
    /// Decoded text of strings that contain escapes.
    decoded: String,
    /// The containers open while parsing: node index, whether an object.
    open: Vec<(u32, bool)>,
    /// The key read for the value about to be pushed.
    pending_key: ((u32, u32), KeyAt),
    /// The source spans of keys with escapes (whose text is decoded), by
    /// the index of their value's node, in increasing order: rare, and
    /// other keys' spans follow from their text.
    escaped_key_spans: Vec<(u32, Span)>,
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
        self.escaped_key_spans.clear();
        self.pending_key = NO_KEY;
        // A text without control bytes (batch lines seldom have any, not
        // even whitespace ones) lets strings be scanned for two bytes
        // instead of three kinds; the check reads many bytes at a time.
        // Likewise without a backslash, for one byte.
        let bytes = source.as_bytes();
        let filled = match (
            has_control_byte(bytes),
            memchr::memchr(b'\\', bytes).is_some(),
        ) {
            (false, false) => self.fill::<false, false>(source, limits),
            (false, true) => self.fill::<false, true>(source, limits),
            (true, _) => self.fill::<true, true>(source, limits),
        };
        if filled.is_some() {
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
    /// `CONTROL`, `ESCAPE`: whether `source` may hold bytes below 0x20,
    /// and backslashes.
    fn fill<const CONTROL: bool, const ESCAPE: bool>(
        &mut self,
        source: &str,
        limits: Limits,
    ) -> Option<()> {
        if source.len() > limits.max_bytes || source.len() > u32::MAX as usize {
            return None;
        }
        let src = source.as_bytes();
        let mut pos = if source.starts_with('\u{feff}') { 3 } else { 0 };
        // Whitespace is skipped where it is met rather than looked for
        // after every token: batch lines seldom have any.
        'value: loop {
            // A value (or whitespace before it) starts at `pos`.
            let start = pos;
            match *src.get(pos)? {
                b' ' | b'\t' | b'\n' | b'\r' => {
                    pos = skip_ws(src, pos + 1);
                    continue 'value;
                }
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
                        pos = self.read_key::<CONTROL, ESCAPE>(source, limits, pos)?;
                        continue 'value;
                    } else {
                        self.pending_key = NO_KEY;
                        continue 'value;
                    }
                }
                b'"' => pos = self.string::<CONTROL, ESCAPE>(source, limits, pos)?,
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
                let Some(&(top, is_object)) = self.open.last() else {
                    break 'value;
                };
                let top = top as usize;
                match (*src.get(pos)?, is_object) {
                    (b',', true) => {
                        pos = self.read_key::<CONTROL, ESCAPE>(
                            source,
                            limits,
                            skip_ws(src, pos + 1),
                        )?;
                        continue 'value;
                    }
                    (b',', false) => {
                        pos += 1;
                        self.pending_key = NO_KEY;
                        continue 'value;
                    }
                    (b'}', true) | (b']', false) => {
                        pos += 1;
                        self.open.pop();
                        self.close(top, pos);
                    }
                    (b' ' | b'\t' | b'\n' | b'\r', _) => pos = skip_ws(src, pos + 1),
                    _ => return None,
                }
            }
        }
        (skip_ws(src, pos) == src.len()).then_some(())
    }

    /// A member's key and colon at `pos`; returns the position after the
    /// colon.
    /// The key waits in `pending_key` for its value's node. Inlined: a
    /// call per key cost more than the key's own bytes.
    #[inline(always)]
    fn read_key<const CONTROL: bool, const ESCAPE: bool>(
        &mut self,
        source: &str,
        limits: Limits,
        pos: usize,
    ) -> Option<usize> {
        let src = source.as_bytes();
        if src.get(pos) != Some(&b'"') {
            return None;
        }
        let (end, text, owned) = self.scan_string::<CONTROL, ESCAPE>(source, limits, pos)?;
        if owned {
            self.escaped_key_spans
                .push((self.nodes.len() as u32, Span::new(pos as u32, end as u32)));
        }
        let at = if owned { KeyAt::Decoded } else { KeyAt::Source };
        self.pending_key = (text, at);
        // The value loop skips whitespace after the colon.
        if src.get(end) == Some(&b':') {
            return Some(end + 1);
        }
        let pos = skip_ws(src, end);
        if src.get(pos) != Some(&b':') {
            return None;
        }
        Some(pos + 1)
    }

    #[inline]
    fn push(&mut self, kind: NodeKind, span: Span) -> usize {
        self.push_text(kind, span, (0, 0), false)
    }

    /// Pushes a node with the pending key: an object's values each follow
    /// their key, and an array's elements are preceded by a reset to
    /// [`NO_KEY`] (cheaper there than after every push).
    #[inline]
    fn push_text(&mut self, kind: NodeKind, span: Span, text: (u32, u32), owned: bool) -> usize {
        let at = self.nodes.len();
        let (key, key_at) = self.pending_key;
        self.nodes.push(Node {
            kind,
            span,
            next: at as u32 + 1,
            text,
            owned,
            key,
            key_at,
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

    /// The string value at `pos` (its opening quote); returns the position
    /// after it.
    #[inline(always)]
    fn string<const CONTROL: bool, const ESCAPE: bool>(
        &mut self,
        source: &str,
        limits: Limits,
        pos: usize,
    ) -> Option<usize> {
        let (end, text, owned) = self.scan_string::<CONTROL, ESCAPE>(source, limits, pos)?;
        self.push_text(
            NodeKind::String,
            Span::new(pos as u32, end as u32),
            text,
            owned,
        );
        Some(end)
    }

    /// Reads the string at `pos` (its opening quote): where it ends, its
    /// text's range, and whether that range is in the buffer of decoded
    /// escapes rather than in the source.
    #[inline(always)]
    fn scan_string<const CONTROL: bool, const ESCAPE: bool>(
        &mut self,
        source: &str,
        limits: Limits,
        pos: usize,
    ) -> Option<(usize, (u32, u32), bool)> {
        let src = source.as_bytes();
        let body = pos + 1;
        let stop = body + find_special::<CONTROL, ESCAPE>(src.get(body..)?)?;
        if src.get(stop) != Some(&b'"') {
            return self.escaped_string(source, limits, pos, stop);
        }
        Some((stop + 1, (body as u32, stop as u32), false))
    }

    /// A string at `pos` whose first special byte, at `stop`, is not its
    /// closing quote. Kept out of line so that the common path stays small.
    #[cold]
    #[inline(never)]
    fn escaped_string(
        &mut self,
        source: &str,
        limits: Limits,
        pos: usize,
        stop: usize,
    ) -> Option<(usize, (u32, u32), bool)> {
        if source.as_bytes().get(stop) != Some(&b'\\') {
            return None;
        }
        // Escapes are rare: the tree parser's decoder handles them.
        let mut p = Parser {
            src: source.as_bytes(),
            text: source,
            pos,
            limits,
            lazy: None,
            whitespace: 0,
        };
        let (s, span) = p.string().ok()?;
        let from = self.decoded.len() as u32;
        self.decoded.push_str(&s);
        Some((span.end as usize, (from, self.decoded.len() as u32), true))
    }

    /// All nodes, in document order (empty after a failed parse).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Node `i`.
    pub fn node(&self, i: usize) -> Option<&Node> {
        self.nodes.get(i)
    }

    /// The decoded text of string node `i`, or the source text of a
    /// number node; `None` for other nodes. `source` is the parsed text.
    #[inline(always)]
    pub fn text<'s>(&'s self, source: &'s str, i: usize) -> Option<&'s str> {
        let n = self.nodes.get(i)?;
        match n.kind {
            NodeKind::String if n.owned => self.decoded.get(n.text.0 as usize..n.text.1 as usize),
            NodeKind::String => source.get(n.text.0 as usize..n.text.1 as usize),
            NodeKind::Number => source.get(n.span.range()),
            _ => None,
        }
    }

    /// The decoded key of node `i` when it is an object member's value;
    /// `None` otherwise. `source` is the parsed text.
    #[inline(always)]
    pub fn key<'s>(&'s self, source: &'s str, i: usize) -> Option<&'s str> {
        let n = self.nodes.get(i)?;
        let range = n.key.0 as usize..n.key.1 as usize;
        match n.key_at {
            KeyAt::Source => source.get(range),
            KeyAt::Decoded => self.decoded.get(range),
            KeyAt::None => None,
        }
    }

    /// The bytes of [`Tape::key`]: for comparing a key with known names,
    /// without the character-boundary checks that slicing text costs.
    #[inline(always)]
    pub fn key_bytes<'s>(&'s self, source: &'s str, i: usize) -> Option<&'s [u8]> {
        let n = self.nodes.get(i)?;
        let range = n.key.0 as usize..n.key.1 as usize;
        match n.key_at {
            KeyAt::Source => source.as_bytes().get(range),
            KeyAt::Decoded => self.decoded.as_bytes().get(range),
            KeyAt::None => None,
        }
    }

    /// The source span of the key of node `i` (including its quotes) when
    /// it is an object member's value.
    pub fn key_span(&self, i: usize) -> Option<Span> {
        let n = self.nodes.get(i)?;
        match n.key_at {
            // Without escapes the text lies just inside the quotes.
            KeyAt::Source => Some(Span::new(n.key.0.saturating_sub(1), n.key.1 + 1)),
            KeyAt::Decoded => {
                let at = self
                    .escaped_key_spans
                    .binary_search_by_key(&(i as u32), |&(node, _)| node)
                    .ok()?;
                self.escaped_key_spans.get(at).map(|&(_, span)| span)
            }
            KeyAt::None => None,
        }
    }

    /// The members of object node `i` as the indices of their values (see
    /// [`Tape::key`] for their keys); nothing if `i` is not an object.
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
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.at >= self.end {
            return None;
        }
        let value = self.at;
        self.at = self.tape.nodes.get(value)?.next as usize;
        Some(value)
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

/// The index of the first `"`, (when `ESCAPE`) `\\` or (when `CONTROL`)
/// control character (below 0x20) in `bytes`, eight bytes at a time;
/// `None` if there is none.
#[inline(always)]
fn find_special<const CONTROL: bool, const ESCAPE: bool>(bytes: &[u8]) -> Option<usize> {
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
        let mut hit = zero(x ^ (ONES * u64::from(b'"')));
        if ESCAPE {
            hit |= zero(x ^ (ONES * u64::from(b'\\')));
        }
        if CONTROL {
            hit |= x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        }
        if hit != 0 {
            return Some(base + (hit.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'"' || (ESCAPE && b == b'\\') || (CONTROL && b < 0x20))
        .map(|i| base + i)
}

/// Whether `bytes` hold a byte below 0x20, without stopping early so that
/// the compiler reads many bytes at a time.
fn has_control_byte(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |found, &b| found | (b < 0x20))
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
            NodeKind::String => ValueKind::String(Cow::Owned(t.text(src, i).unwrap().to_string())),
            NodeKind::Array => ValueKind::Array(t.items(i).map(|j| rebuild(t, src, j)).collect()),
            NodeKind::Object => ValueKind::Object(
                t.members(i)
                    .map(|v| json::Member {
                        key: Cow::Owned({
                            let key = t.key(src, v).unwrap();
                            assert_eq!(t.key_bytes(src, v), Some(key.as_bytes()));
                            key.to_string()
                        }),
                        key_span: t.key_span(v).unwrap(),
                        value: rebuild(t, src, v),
                    })
                    .collect(),
            ),
        };
        // Only members' values carry a key.
        if n.kind != NodeKind::Object {
            for j in t.items(i) {
                assert_eq!((t.key(src, j), t.key_span(j)), (None, None));
                assert_eq!(t.key_bytes(src, j), None);
            }
        }
        Value { span: n.span, kind }
    }

    #[test]
    fn tape_matches_the_tree_parser() {
        let docs = [
            r#"{"a": [1, "x\n", true, null, -2.5e3], "b": {}, "c": [], "d": {"e": [{"f": "\u00e9"}]}}"#,
            "\u{feff} [ \"é\" , {\"k\\\"\" : false} ] ",
            r#"{"": 1, "\u0041b": {"\n": [], "c\\d": {"": "x\ty"}}, "é": "\"", "z": {}}"#,
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
        let keys: Vec<&str> = tape.members(0).map(|v| tape.key(src, v).unwrap()).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        let b = tape.members(0).nth(1).unwrap();
        let items: Vec<&str> = tape
            .items(b)
            .map(|i| &src[tape.node(i).unwrap().span.range()])
            .collect();
        assert_eq!(items, ["3", "{\"y\": 4}"]);
        assert_eq!(tape.items(0).count(), 0);
        assert_eq!(tape.members(b).count(), 0);
        assert_eq!(tape.text(src, 0), None);
        assert_eq!(tape.key(src, 0), None);
    }

    /// A random JSON document: nested containers, keys and strings with
    /// and without escapes (empty ones included), numbers, whitespace.
    fn random_doc(state: &mut u64, depth: usize, out: &mut String) {
        let mut next = |n: u64| {
            *state ^= *state << 13;
            *state ^= *state >> 7;
            *state ^= *state << 17;
            *state % n
        };
        let strings = [
            "",
            "a",
            "Action",
            "é",
            "x\\\"y",
            "\\u0041\\n",
            "s3:Get*",
            "\\\\",
        ];
        let ws = ["", " ", "\n", "\t "];
        let pick = next(if depth > 4 { 4 } else { 7 });
        out.push_str(ws[next(4) as usize]);
        match pick {
            0 => out.push_str(["null", "true", "false", "-0.5e+3", "12"][next(5) as usize]),
            1..=3 => {
                out.push('"');
                out.push_str(strings[next(8) as usize]);
                out.push('"');
            }
            4 => {
                out.push('[');
                let n = next(4);
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                    }
                    random_doc(state, depth + 1, out);
                }
                out.push(']');
            }
            _ => {
                out.push('{');
                let n = next(5);
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                    }
                    let k = strings[(*state % 8) as usize];
                    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                    out.push_str(&format!("\"{k}\" :"));
                    random_doc(state, depth + 1, out);
                }
                out.push('}');
            }
        }
        out.push_str(ws[(*state % 4) as usize]);
    }

    #[test]
    fn random_documents_are_read_as_the_tree_parser_reads_them() {
        let mut tape = Tape::new();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut members = 0;
        for _ in 0..3000 {
            let mut src = String::new();
            random_doc(&mut state, 0, &mut src);
            tape.parse(&src, Limits::default()).unwrap();
            assert_eq!(rebuild(&tape, &src, 0), json::parse(&src).unwrap(), "{src}");
            members += tape
                .nodes()
                .iter()
                .filter(|n| n.key_at != KeyAt::None)
                .count();
        }
        assert!(members > 3000, "{members}");
    }

    #[test]
    fn every_single_byte_change_is_read_as_the_tree_parser_reads_it() {
        let base = r#"{"a": [1, -0.5e+2, "x\"y", true, null], "b": {"c": "é", "d": []}}"#;
        let escaped_keys = r#"{"\u0041": {"\n": [1, {"\\": 2}]}, "": {"é\"": null}}"#;
        for base in [base, escaped_keys] {
            single_byte_changes(base);
        }
    }

    fn single_byte_changes(base: &str) {
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
    fn every_byte_value_is_classified_at_every_position_among_any_neighbours() {
        let special = |b: u8| b == b'"' || b == b'\\' || b < 0x20;
        // Neighbours chosen near the borrow boundaries of the word tricks.
        let fillers = [
            b'a', 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0x9f, 0xa0, 0xa2, 0xdc, 0xff,
        ];
        let after = [b'a', b'"', b'\\', 0, 0x1f, 0x80, 0xff];
        for len in [8usize, 13, 16] {
            for pos in 0..len {
                for b in 0..=255u8 {
                    for f in fillers {
                        for g in after {
                            let mut v = vec![f; len];
                            v[pos] = b;
                            for x in v.iter_mut().skip(pos + 1) {
                                *x = g;
                            }
                            let expected = v.iter().position(|&c| special(c));
                            assert_eq!(find_special::<true, true>(&v), expected, "{v:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn without_control_bytes_the_two_byte_scan_agrees() {
        let fillers = [
            b'a', 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0x9f, 0xdc, 0xff,
        ];
        for len in [0usize, 5, 8, 13, 16, 23] {
            for pos in 0..len {
                for b in 0x20..=255u8 {
                    for f in fillers {
                        let mut v = vec![f; len];
                        v[pos] = b;
                        assert!(!has_control_byte(&v));
                        let all = find_special::<true, true>(&v);
                        assert_eq!(find_special::<false, true>(&v), all);
                        if !v.contains(&b'\\') {
                            assert_eq!(find_special::<false, false>(&v), all);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn control_bytes_are_noticed_anywhere() {
        for len in 0..70 {
            let mut v = vec![b'a'; len];
            assert!(!has_control_byte(&v));
            for pos in 0..len {
                for b in [0u8, 9, 10, 13, 0x1f] {
                    v[pos] = b;
                    assert!(has_control_byte(&v), "{len} {pos} {b}");
                }
                for b in [0x20u8, 0x7f, 0x80, 0xff] {
                    v[pos] = b;
                    assert!(!has_control_byte(&v), "{len} {pos} {b}");
                }
                v[pos] = b'a';
            }
        }
    }

    #[test]
    fn special_bytes_are_found_at_every_position() {
        for len in 0..40 {
            let mut v = vec![b'a'; len];
            assert_eq!(find_special::<true, true>(&v), None);
            for pos in 0..len {
                for b in [b'"', b'\\', 0u8, 0x1f] {
                    v[pos] = b;
                    assert_eq!(find_special::<true, true>(&v), Some(pos), "{len} {pos} {b}");
                    // A later special byte does not hide an earlier one.
                    if pos + 1 < len {
                        v[pos + 1] = b'"';
                        assert_eq!(find_special::<true, true>(&v), Some(pos));
                        v[pos + 1] = b'a';
                    }
                }
                for b in [0x20u8, 0x7f, 0x80, 0xff, b'/'] {
                    v[pos] = b;
                    assert_eq!(find_special::<true, true>(&v), None, "{len} {pos} {b}");
                }
                v[pos] = b'a';
            }
        }
    }
}
