//! A small JSON parser that keeps the byte span of every value and key.
//!
//! `serde_json` throws positions away, and every later stage of Warden
//! (diagnostics, check findings, proof counterexamples) needs to point at the
//! exact characters of a policy. The parser is a bounded recursive descent:
//! nesting depth and input size are limited up front, so hostile input gets an
//! error instead of a stack overflow or an unbounded allocation.

use crate::span::Span;
use std::borrow::Cow;
use std::fmt;

pub mod tape;

/// A parsed JSON value with its source span.
#[derive(Debug, Clone, PartialEq)]
pub struct Value<'a> {
    /// The bytes this value occupies in the source (for strings: including the quotes).
    pub span: Span,
    /// What the value is.
    pub kind: ValueKind<'a>,
}

/// The kinds of JSON values.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind<'a> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, kept as its source text so that no precision is lost.
    Number(&'a str),
    /// A string with escapes decoded; borrowed from the source when it has none.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object; members keep source order and duplicates are preserved so
    /// that the policy layer can report them.
    Object(Vec<Member<'a>>),
    /// A value left unparsed by [`parse_lazy`]: only its extent is known.
    /// Parse it with [`parse_span`] when its content is needed.
    Raw,
}

/// One `"key": value` member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    /// The decoded key.
    pub key: Cow<'a, str>,
    /// The span of the key, including its quotes.
    pub key_span: Span,
    /// The member's value.
    pub value: Value<'a>,
}

impl<'a> Value<'a> {
    /// A short name of the value's JSON type, for diagnostics.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ValueKind::Null => "null",
            ValueKind::Bool(_) => "a boolean",
            ValueKind::Number(_) => "a number",
            ValueKind::String(_) => "a string",
            ValueKind::Array(_) => "an array",
            ValueKind::Object(_) => "an object",
            ValueKind::Raw => "a value",
        }
    }

    /// The string, if this value is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// Looks up the first member named `key` (exact case) of an object.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match &self.kind {
            ValueKind::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }
}

/// Limits that keep parsing bounded on hostile input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest accepted input, in bytes.
    pub max_bytes: usize,
    /// Deepest accepted nesting of arrays and objects.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // AWS's largest policy documents (resource policies) are a few tens of
        // kilobytes; one mebibyte leaves room for generated policies while
        // keeping a single document's cost small.
        Limits {
            max_bytes: 1 << 20,
            max_depth: 64,
        }
    }
}

/// A JSON syntax error with the span where it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct JsonError {
    /// What went wrong.
    pub message: String,
    /// Where it went wrong.
    pub span: Span,
}

/// Parses one JSON document with the default [`Limits`].
pub fn parse(source: &str) -> Result<Value<'_>, JsonError> {
    parse_with(source, Limits::default())
}

/// Parses one JSON document with the given limits.
pub fn parse_with(source: &str, limits: Limits) -> Result<Value<'_>, JsonError> {
    drive(source, 0, source.len(), limits, None)
}

/// Parses one JSON document with the default [`Limits`], and counts the
/// bytes of insignificant whitespace (spaces, tabs and line breaks around
/// tokens, not inside strings): AWS's policy size quotas leave them out,
/// and the parser skips them anyway.
pub fn parse_counting_whitespace(source: &str) -> Result<(Value<'_>, usize), JsonError> {
    drive_counting(source, 0, source.len(), Limits::default(), None)
}

/// Which values [`parse_lazy`] leaves unparsed: the value of member `key` of
/// an object that is itself the value of a member named in `parents`, or an
/// element of an array that is.
#[derive(Debug, Clone, Copy)]
pub struct Lazy<'k> {
    /// The member whose value is skipped, e.g. `document`.
    pub key: &'k str,
    /// The names of the members whose objects (or arrays of objects) hold it.
    pub parents: &'k [&'k str],
}

/// Parses a document but leaves the values selected by `lazy` unparsed
/// ([`ValueKind::Raw`]), only finding where they end. Callers that cache by
/// source text use this to skip work they have done before; the skipped text
/// is checked only for balance, so a caller must parse it with
/// [`parse_span`] before trusting it.
pub fn parse_lazy<'a>(
    source: &'a str,
    limits: Limits,
    lazy: Lazy<'_>,
) -> Result<Value<'a>, JsonError> {
    drive(source, 0, source.len(), limits, Some(lazy))
}

/// Parses the value occupying `span` of `source` (e.g. a [`ValueKind::Raw`]
/// value), keeping spans relative to the whole `source`.
pub fn parse_span(source: &str, span: Span, limits: Limits) -> Result<Value<'_>, JsonError> {
    let (start, end) = (span.start as usize, span.end as usize);
    if start > end
        || end > source.len()
        || !source.is_char_boundary(start)
        || !source.is_char_boundary(end)
    {
        return Err(JsonError {
            message: "the span is not a range of the source".into(),
            span: Span::new(0, 0),
        });
    }
    drive(source, start, end, limits, None)
}

fn drive<'a>(
    source: &'a str,
    start: usize,
    end: usize,
    limits: Limits,
    lazy: Option<Lazy<'_>>,
) -> Result<Value<'a>, JsonError> {
    drive_counting(source, start, end, limits, lazy).map(|(v, _)| v)
}

/// [`drive`], with the count of insignificant whitespace bytes skipped.
fn drive_counting<'a>(
    source: &'a str,
    start: usize,
    end: usize,
    limits: Limits,
    lazy: Option<Lazy<'_>>,
) -> Result<(Value<'a>, usize), JsonError> {
    let len = end.saturating_sub(start);
    if len > limits.max_bytes || source.len() > u32::MAX as usize {
        // Point at the start of the document: a position inside the text
        // could split a character.
        let at = start.min(u32::MAX as usize) as u32;
        return Err(JsonError {
            message: format!(
                "document is {} bytes, more than the limit of {} bytes",
                len, limits.max_bytes
            ),
            span: Span::new(at, at),
        });
    }
    let (Some(src), Some(text)) = (source.as_bytes().get(..end), source.get(..end)) else {
        return Err(JsonError {
            message: "span outside the source".into(),
            span: Span::new(start as u32, end as u32),
        });
    };
    let mut p = Parser {
        src,
        text,
        pos: start,
        limits,
        lazy,
        whitespace: 0,
    };
    // A UTF-8 byte order mark is tolerated: editors on Windows add one.
    if text[start..].starts_with('\u{feff}') {
        p.pos += 3;
    }
    p.skip_ws();
    if p.pos >= p.src.len() {
        return Err(*p.err_at(p.pos, p.pos, "the document is empty".to_string()));
    }
    let v = p.value(0, None).map_err(|e| *e)?;
    p.skip_ws();
    if p.pos < p.src.len() {
        let end = p.next_char_end(p.pos);
        return Err(*p.err_at(
            p.pos,
            end,
            "unexpected text after the end of the JSON document".to_string(),
        ));
    }
    Ok((v, p.whitespace))
}

/// Errors are boxed inside the parser: they are rare, and a small `Result`
/// keeps the hot path's moves cheap.
type PResult<T> = Result<T, Box<JsonError>>;

struct Parser<'a, 'k> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    limits: Limits,
    lazy: Option<Lazy<'k>>,
    /// Bytes of whitespace skipped between tokens so far.
    whitespace: usize,
}

impl fmt::Debug for Parser<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parser").field("pos", &self.pos).finish()
    }
}

impl<'a> Parser<'a, '_> {
    #[cold]
    #[inline(never)]
    fn err_at(&self, start: usize, end: usize, message: String) -> Box<JsonError> {
        Box::new(JsonError {
            message,
            span: Span::new(start as u32, end as u32),
        })
    }

    fn next_char_end(&self, pos: usize) -> usize {
        let mut end = pos + 1;
        while end < self.src.len() && !self.text.is_char_boundary(end) {
            end += 1;
        }
        end.min(self.src.len())
    }

    #[cold]
    #[inline(never)]
    fn unexpected(&self, expected: &str) -> Box<JsonError> {
        if self.pos >= self.src.len() {
            return self.err_at(
                self.pos,
                self.pos,
                format!("unexpected end of input, expected {expected}"),
            );
        }
        let end = self.next_char_end(self.pos);
        let found = &self.text[self.pos..end];
        self.err_at(
            self.pos,
            end,
            format!("expected {expected}, found `{}`", found.escape_debug()),
        )
    }

    fn skip_ws(&mut self) {
        let from = self.pos;
        while let Some(&b) = self.src.get(self.pos) {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.whitespace += self.pos - from;
    }

    /// `key`: the name of the member this value belongs to (array elements
    /// inherit their array's), for [`Lazy`] rules.
    fn value(&mut self, depth: usize, key: Option<&str>) -> PResult<Value<'a>> {
        match self.src.get(self.pos) {
            Some(b'{') => self.object(depth, key),
            Some(b'[') => self.array(depth, key),
            Some(b'"') => {
                let (s, span) = self.string()?;
                Ok(Value {
                    span,
                    kind: ValueKind::String(s),
                })
            }
            Some(b't') => self.literal("true", ValueKind::Bool(true)),
            Some(b'f') => self.literal("false", ValueKind::Bool(false)),
            Some(b'n') => self.literal("null", ValueKind::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("a JSON value")),
        }
    }

    /// Finds the end of the value at the cursor without building it:
    /// strings are skipped with their escapes, brackets are counted. The
    /// depth limit still applies.
    fn skip_value(&mut self) -> PResult<Value<'a>> {
        let start = self.pos;
        let mut depth = 0usize;
        loop {
            let Some(&b) = self.src.get(self.pos) else {
                return Err(self.err_at(
                    start,
                    self.pos,
                    "unexpected end of input inside a value".to_string(),
                ));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    loop {
                        match self
                            .src
                            .get(self.pos..)
                            .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
                        {
                            Some(i) if self.src[self.pos + i] == b'"' => {
                                self.pos += i;
                                break;
                            }
                            Some(i) => self.pos += i + 2,
                            None => {
                                return Err(self.err_at(
                                    start,
                                    self.src.len(),
                                    "unterminated string".to_string(),
                                ))
                            }
                        }
                    }
                    self.pos += 1;
                }
                b'{' | b'[' => {
                    depth += 1;
                    if depth > self.limits.max_depth {
                        return Err(self.err_at(
                            self.pos,
                            self.pos + 1,
                            format!(
                                "nesting is deeper than the limit of {} levels",
                                self.limits.max_depth
                            ),
                        ));
                    }
                    self.pos += 1;
                }
                b'}' | b']' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    self.pos += 1;
                }
                b',' if depth == 0 => break,
                _ => self.pos += 1,
            }
            if depth == 0
                && matches!(
                    self.src.get(self.pos.wrapping_sub(1)),
                    Some(b'}' | b']' | b'"')
                )
            {
                break;
            }
        }
        let mut end = self.pos;
        while end > start && matches!(self.src[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
            end -= 1;
        }
        Ok(Value {
            span: Span::new(start as u32, end as u32),
            kind: ValueKind::Raw,
        })
    }

    fn literal(&mut self, word: &str, kind: ValueKind<'a>) -> PResult<Value<'a>> {
        let start = self.pos;
        if self.src[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(Value {
                span: Span::new(start as u32, self.pos as u32),
                kind,
            })
        } else {
            Err(self.unexpected("a JSON value"))
        }
    }

    fn enter(&self, depth: usize, open: usize) -> PResult<()> {
        if depth >= self.limits.max_depth {
            return Err(self.err_at(
                open,
                open + 1,
                format!(
                    "nesting is deeper than the limit of {} levels",
                    self.limits.max_depth
                ),
            ));
        }
        Ok(())
    }

    fn object(&mut self, depth: usize, own_key: Option<&str>) -> PResult<Value<'a>> {
        let lazy_here = match (self.lazy, own_key) {
            (Some(l), Some(k)) => l.parents.contains(&k).then_some(l.key),
            _ => None,
        };
        let start = self.pos;
        self.enter(depth, start)?;
        self.pos += 1;
        // Statements have five or six members: one allocation covers them.
        let mut members = Vec::with_capacity(8);
        self.skip_ws();
        if self.src.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Value {
                span: Span::new(start as u32, self.pos as u32),
                kind: ValueKind::Object(members),
            });
        }
        loop {
            self.skip_ws();
            if self.src.get(self.pos) != Some(&b'"') {
                return Err(self.unexpected("a string key"));
            }
            let (key, key_span) = self.string()?;
            self.skip_ws();
            if self.src.get(self.pos) != Some(&b':') {
                return Err(self.unexpected("`:`"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = if lazy_here.is_some_and(|k| k == key) {
                self.skip_value()?
            } else {
                self.value(depth + 1, Some(&key))?
            };
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_ws();
            match self.src.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value {
                        span: Span::new(start as u32, self.pos as u32),
                        kind: ValueKind::Object(members),
                    });
                }
                _ => return Err(self.unexpected("`,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize, own_key: Option<&str>) -> PResult<Value<'a>> {
        let start = self.pos;
        self.enter(depth, start)?;
        self.pos += 1;
        let mut items = Vec::with_capacity(4);
        self.skip_ws();
        if self.src.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Value {
                span: Span::new(start as u32, self.pos as u32),
                kind: ValueKind::Array(items),
            });
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1, own_key)?);
            self.skip_ws();
            match self.src.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value {
                        span: Span::new(start as u32, self.pos as u32),
                        kind: ValueKind::Array(items),
                    });
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn number(&mut self) -> PResult<Value<'a>> {
        let start = self.pos;
        if self.src.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        match self.src.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                while matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
                    self.pos += 1;
                }
            }
            _ => return Err(self.unexpected("a digit")),
        }
        if self.src.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit after the decimal point"));
            }
            while matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
        }
        if matches!(self.src.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.src.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit in the exponent"));
            }
            while matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
        }
        Ok(Value {
            span: Span::new(start as u32, self.pos as u32),
            kind: ValueKind::Number(&self.text[start..self.pos]),
        })
    }

    fn hex4(&mut self) -> PResult<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.src.get(self.pos) {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.unexpected("a hexadecimal digit")),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> PResult<(Cow<'a, str>, Span)> {
        let start = self.pos;
        self.pos += 1;
        // Fast path: no escapes, borrow the source.
        let text = self.text;
        let body = &self.src[self.pos..];
        if let Some(i) = memchr::memchr2(b'"', b'\\', body) {
            if body[i] == b'"' && !has_control_byte(&body[..i]) {
                let end = self.pos + i;
                self.pos = end + 1;
                return Ok((
                    Cow::Borrowed(&text[start + 1..end]),
                    Span::new(start as u32, self.pos as u32),
                ));
            }
        }
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            let Some(&b) = self.src.get(self.pos) else {
                return Err(self.err_at(start, self.pos, "unterminated string".to_string()));
            };
            match b {
                b'"' => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    return Ok((Cow::Owned(out), Span::new(start as u32, self.pos as u32)));
                }
                b'\\' => {
                    out.push_str(&self.text[run..self.pos]);
                    let esc_start = self.pos;
                    self.pos += 1;
                    let Some(&e) = self.src.get(self.pos) else {
                        return Err(self.err_at(
                            start,
                            self.pos,
                            "unterminated string".to_string(),
                        ));
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                if self.src.get(self.pos) == Some(&b'\\')
                                    && self.src.get(self.pos + 1) == Some(&b'u')
                                {
                                    self.pos += 2;
                                    let lo = self.hex4()?;
                                    if !(0xDC00..0xE000).contains(&lo) {
                                        return Err(self.err_at(
                                            esc_start,
                                            self.pos,
                                            "invalid UTF-16 surrogate pair".to_string(),
                                        ));
                                    }
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            match c {
                                Some(c) => out.push(c),
                                None => {
                                    return Err(self.err_at(
                                        esc_start,
                                        self.pos,
                                        "invalid unicode escape".to_string(),
                                    ))
                                }
                            }
                        }
                        _ => {
                            let end = self.next_char_end(self.pos - 1);
                            return Err(self.err_at(
                                esc_start,
                                end,
                                "invalid escape sequence".to_string(),
                            ));
                        }
                    }
                    run = self.pos;
                }
                0..=0x1f => {
                    return Err(self.err_at(
                        self.pos,
                        self.pos + 1,
                        "control character in string (escape it)".to_string(),
                    ))
                }
                _ => self.pos += 1,
            }
        }
    }
}

/// Whether any byte is below 0x20 (a control character, which JSON strings
/// must escape), eight bytes at a time.
fn has_control_byte(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A byte b < 0x20 borrows in b - 0x20 and has its high bit clear;
        // borrows only start at such a byte, so the test has no false positives.
        if x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| b < 0x20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_values_and_keys() {
        let src = r#"{"a": [1, "x\n", true, null], "b": {}}"#;
        let v = parse(src).unwrap();
        let ValueKind::Object(m) = &v.kind else {
            panic!()
        };
        assert_eq!(&src[m[0].key_span.range()], "\"a\"");
        assert_eq!(&src[m[0].value.span.range()], "[1, \"x\\n\", true, null]");
        let ValueKind::Array(items) = &m[0].value.kind else {
            panic!()
        };
        assert_eq!(items[1].kind, ValueKind::String("x\n".into()));
        assert_eq!(&src[items[1].span.range()], "\"x\\n\"");
        assert_eq!(&src[m[1].value.span.range()], "{}");
    }

    #[test]
    fn errors_are_located() {
        let e = parse("{\"a\": tru}").unwrap_err();
        assert_eq!(e.span.start, 6);
        let e = parse("{\"a\": 1,}").unwrap_err();
        assert_eq!(e.span.start, 8);
        assert!(e.message.contains("string key"), "{}", e.message);
        let e = parse("").unwrap_err();
        assert!(e.message.contains("empty"));
        let e = parse("{} x").unwrap_err();
        assert_eq!(e.span.start, 3);
        let e = parse("\"abc").unwrap_err();
        assert!(e.message.contains("unterminated"));
        let e = parse("[01]").unwrap_err();
        assert_eq!(e.span.start, 2);
        let e = parse("\"\\ud800\"").unwrap_err();
        assert!(e.message.contains("unicode"));
    }

    #[test]
    fn unicode_escapes_and_surrogates() {
        let v = parse(r#""\u00e9\ud83d\ude00""#).unwrap();
        assert_eq!(v.kind, ValueKind::String("é😀".into()));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = "[".repeat(10_000) + &"]".repeat(10_000);
        let e = parse(&src).unwrap_err();
        assert!(e.message.contains("nesting"));
        assert_eq!(e.span.start, 64);
        let ok = "[".repeat(60) + &"]".repeat(60);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn size_limit() {
        let big = format!("\"{}\"", "a".repeat(2 << 20));
        let e = parse(&big).unwrap_err();
        assert!(e.message.contains("limit"));
        let fits = format!("\"{}\"", "a".repeat((1 << 20) - 2));
        assert!(parse(&fits).is_ok());
    }

    #[test]
    fn lazy_members_are_skipped_and_parsed_on_demand() {
        let src = r#"{"a": {"document": {"x": [1, "}\\"]}, "n": 2}, "document": 5, "b": [{"document": "s"}]}"#;
        let lazy = Lazy {
            key: "document",
            parents: &["a", "b"],
        };
        let v = parse_lazy(src, Limits::default(), lazy).unwrap();
        let inner = v.get("a").unwrap().get("document").unwrap();
        assert_eq!(inner.kind, ValueKind::Raw);
        assert_eq!(&src[inner.span.range()], r#"{"x": [1, "}\\"]}"#);
        let full = parse_span(src, inner.span, Limits::default()).unwrap();
        assert_eq!(full.span, inner.span);
        assert_eq!(
            full.get("x").unwrap().span.start as usize,
            src.find('[').unwrap()
        );
        assert_eq!(
            v.get("a").unwrap().get("n").unwrap().kind,
            ValueKind::Number("2")
        );
        // The top-level `document` has no listed parent: parsed as usual.
        assert_eq!(v.get("document").unwrap().kind, ValueKind::Number("5"));
        let ValueKind::Array(b) = &v.get("b").unwrap().kind else {
            panic!()
        };
        assert_eq!(&src[b[0].get("document").unwrap().span.range()], "\"s\"");
        assert!(parse_lazy(r#"{"a": {"document": {"x": 1"#, Limits::default(), lazy).is_err());
        assert!(parse_span(src, Span::new(4, 2), Limits::default()).is_err());
        assert!(parse_span(src, Span::new(0, 10_000), Limits::default()).is_err());
        assert!(parse_span("é", Span::new(1, 2), Limits::default()).is_err());
    }

    #[test]
    fn control_characters_in_strings_are_errors() {
        for c in ['\u{0}', '\u{1}', '\n', '\t', '\u{1f}'] {
            let e = parse(&format!("\"ab{c}cd\"")).unwrap_err();
            assert_eq!(e.span.start, 3, "{c:?}");
        }
        assert!(parse("\"a\u{7f}b\"").is_ok());
        for len in 0..40 {
            for pos in 0..len {
                let mut v = vec![b'a'; len];
                assert!(!has_control_byte(&v));
                for b in [0u8, 0x1f, b'\n', b'\t'] {
                    v[pos] = b;
                    assert!(has_control_byte(&v), "{len} {pos} {b}");
                }
                for b in [0x20u8, 0x7f, 0x80, 0xff] {
                    v[pos] = b;
                    assert!(!has_control_byte(&v), "{len} {pos} {b}");
                }
            }
        }
    }

    #[test]
    fn bom_and_numbers() {
        let v = parse("\u{feff} -1.5e+3 ").unwrap();
        assert_eq!(v.kind, ValueKind::Number("-1.5e+3"));
    }
}
