//! The JSON result of a scenario written straight into a byte buffer, for
//! `simulate --batch`: the same bytes as `serde_json::to_writer` of
//! [`result_out`](super::result_out), without the intermediate structures,
//! and with positions computed once per line rather than once per span.

use crate::engine::Evaluation;
use warden_policy::span::position_of;

/// Appends the compact JSON result of `eval` (a scenario read from `text`)
/// to `out`: byte for byte what `serde_json::to_writer(out, &result_out(eval, text))`
/// writes.
pub fn write_result(eval: &Evaluation, text: &str, out: &mut Vec<u8>) {
    // Batch lines are nearly always ASCII on one line: where everything
    // before an offset is ASCII without a line break, the position is the
    // offset. `flat_to`: how far the text is known to be so.
    let mut flat_to = 0usize;
    let mut pos = |out: &mut Vec<u8>, off: u32| {
        let off = off.min(text.len() as u32);
        let end = off as usize;
        if end > flat_to && text.as_bytes().get(flat_to..end).is_some_and(is_flat) {
            flat_to = end;
        }
        if end <= flat_to {
            // Line 1, and the column is the offset: written once, copied.
            out.extend_from_slice(b"{\"line\":1,\"column\":");
            let digits = out.len();
            number(out, off as usize);
            out.extend_from_slice(b",\"offset\":");
            out.extend_from_within(digits..out.len() - b",\"offset\":".len());
            out.push(b'}');
            return;
        }
        let p = position_of(text, off);
        let (line, column, offset) = (p.line, p.column, p.offset);
        out.extend_from_slice(b"{\"line\":");
        number(out, line as usize);
        out.extend_from_slice(b",\"column\":");
        number(out, column as usize);
        out.extend_from_slice(b",\"offset\":");
        number(out, offset as usize);
        out.push(b'}');
    };
    out.extend_from_slice(b"{\"decision\":");
    string(out, eval.decision.as_str());
    out.extend_from_slice(b",\"reason\":");
    string(out, &eval.reason);
    out.extend_from_slice(b",\"matchedStatements\":[");
    let mut first = true;
    for p in &eval.policies {
        for s in &p.matched {
            if !first {
                out.push(b',');
            }
            first = false;
            out.extend_from_slice(b"{\"policyType\":");
            string(out, p.policy_type.as_str());
            out.extend_from_slice(b",\"policyName\":");
            string(out, &p.name);
            if let Some(t) = &p.target {
                out.extend_from_slice(b",\"target\":");
                string(out, t);
            }
            out.extend_from_slice(b",\"statementIndex\":");
            number(out, s.index);
            if let Some(sid) = &s.sid {
                out.extend_from_slice(b",\"sid\":");
                string(out, sid);
            }
            out.extend_from_slice(b",\"effect\":");
            string(out, s.effect.as_str());
            if let Some(g) = s.grant {
                out.extend_from_slice(b",\"principalMatch\":");
                string(out, g.as_str());
            }
            out.extend_from_slice(b",\"span\":{\"start\":");
            pos(out, s.span.start);
            out.extend_from_slice(b",\"end\":");
            pos(out, s.span.end);
            out.extend_from_slice(b"}}");
        }
    }
    out.extend_from_slice(b"],\"policies\":[");
    for (i, p) in eval.policies.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"type\":");
        string(out, p.policy_type.as_str());
        out.extend_from_slice(b",\"name\":");
        string(out, &p.name);
        if let Some(t) = &p.target {
            out.extend_from_slice(b",\"target\":");
            string(out, t);
        }
        out.extend_from_slice(b",\"result\":");
        string(out, p.outcome.as_str());
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"missingContextValues\":[");
    for (i, k) in eval.missing_context_keys.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, k);
    }
    out.extend_from_slice(b"]}");
}

/// Whether `bytes` are ASCII without a line feed: in such text a
/// position's column is its offset. Both scans read many bytes at a time
/// (the standard library's ASCII check and `memchr`), which matters as a
/// result's spans usually reach to near the end of its line.
fn is_flat(bytes: &[u8]) -> bool {
    bytes.is_ascii() && memchr::memchr(b'\n', bytes).is_none()
}

fn number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Whether `bytes` hold a `"`, `\\` or control character, eight bytes at a
/// time: results are mostly names and fixed words that need no escape.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Bytes below 0x20: the subtraction borrows into a clear high bit.
        let hit = zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\\')))
            | (x.wrapping_sub(ONES * 0x20) & !x & HIGH);
        if hit != 0 {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b == b'"' || b == b'\\' || b < 0x20)
}

/// A JSON string with serde_json's escapes: `"`, `\` and control
/// characters; everything else, non-ASCII included, as is.
fn string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    if !needs_escape(bytes) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0a => b"\\n",
            0x0c => b"\\f",
            0x0d => b"\\r",
            0..=0x1f => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ],
            _ => continue,
        };
        out.extend_from_slice(&bytes[run..i]);
        out.extend_from_slice(escape);
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let all: String = (0u32..0x80).filter_map(char::from_u32).collect();
        for s in [
            "",
            "plain",
            "quote \" and \\ backslash",
            "é ü 😀 \u{7f}",
            all.as_str(),
        ] {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }

    #[test]
    fn bytes_needing_an_escape_are_found_at_every_position() {
        for len in 0..24 {
            let mut v = vec![b'a'; len];
            assert!(!needs_escape(&v));
            for pos in 0..len {
                for b in 0..=255u8 {
                    v[pos] = b;
                    let expected = b == b'"' || b == b'\\' || b < 0x20;
                    assert_eq!(needs_escape(&v), expected, "{len} {pos} {b}");
                }
                v[pos] = b'a';
            }
        }
    }

    #[test]
    fn flat_text_is_ascii_without_line_feeds() {
        for len in 0..24 {
            let mut v = vec![b'a'; len];
            assert!(is_flat(&v));
            for pos in 0..len {
                for (b, flat) in [
                    (b'\n', false),
                    (0x80, false),
                    (0xff, false),
                    (b'\r', true),
                    (0x7f, true),
                    (0, true),
                    (0x0b, true),
                    (0x09, true),
                ] {
                    v[pos] = b;
                    assert_eq!(is_flat(&v), flat, "{len} {pos} {b}");
                }
                v[pos] = b'a';
            }
        }
        assert!(!is_flat("é".as_bytes()));
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0usize, 7, 10, 99, 100, 4_294_967_295, usize::MAX] {
            let mut out = Vec::new();
            number(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
