//! Rendering located problems as code frames (rustc style).

use annotate_snippets::{Level, Renderer, Snippet};
use warden_policy::Span;

/// How a rendered problem is labelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// `error:`
    Error,
    /// `warning:`
    Warning,
    /// `note:`
    Note,
}

/// Renders one error at `span` of `source` as a code frame.
pub fn render_error(path: &str, source: &str, span: Span, message: &str, color: bool) -> String {
    render(Severity::Error, path, source, span, message, color)
}

/// Renders one problem at `span` of `source` as a code frame.
pub fn render(
    severity: Severity,
    path: &str,
    source: &str,
    span: Span,
    message: &str,
    color: bool,
) -> String {
    let level = match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    };
    let len = source.len();
    let mut start = (span.start as usize).min(len);
    // Spans should fall on character boundaries; a renderer must not trust it.
    while start > 0 && !source.is_char_boundary(start) {
        start -= 1;
    }
    // An empty span still needs one column to point at.
    let mut end = (span.end as usize).clamp(start, len);
    while end < len && !source.is_char_boundary(end) {
        end += 1;
    }
    if end == start && end < len {
        end = start + 1;
        while end < len && !source.is_char_boundary(end) {
            end += 1;
        }
    }
    // Only the lines the span touches are handed to the renderer, numbered
    // from where they stand: it would otherwise walk the whole file for
    // every frame, and folding shows these lines only anyway.
    let bytes = source.as_bytes();
    let from = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |i| i + 1);
    let last = end.max(start + 1).min(len).saturating_sub(1).max(start);
    // Through the line after the span's last line: the renderer marks a
    // span that reaches the end of what it is given differently.
    let line_end =
        |at: usize| memchr::memchr(b'\n', &bytes[at.min(len)..]).map_or(len, |i| at + i + 1);
    let to = line_end(line_end(last)).max(end);
    let line = 1 + memchr::memchr_iter(b'\n', &bytes[..from]).count();
    if !color {
        if let Some(frame) = plain_one_line(severity, path, source, from, start, end, line, message)
        {
            return frame;
        }
    }
    let msg = level.title(message).snippet(
        Snippet::source(&source[from..to])
            .line_start(line)
            .origin(path)
            .fold(true)
            .annotation(level.span(start - from..end - from)),
    );
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let rendered = renderer.render(msg).to_string();
    rendered
}

/// The renderer's plain frame for a span within one short, plain line
/// (printable ASCII, no tab, no trailing space), written directly: the
/// renderer lays out every frame in a styled character grid, tens of
/// thousands of instructions a frame, and a report can have thousands.
/// `None` for any other span, which the renderer draws.
#[allow(clippy::too_many_arguments)]
fn plain_one_line(
    severity: Severity,
    path: &str,
    source: &str,
    from: usize,
    start: usize,
    end: usize,
    line: usize,
    message: &str,
) -> Option<String> {
    let bytes = source.as_bytes();
    let line_end = memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i);
    let text = source.get(from..line_end)?;
    let plain = |b: &u8| (0x20..0x7f).contains(b);
    if end <= start
        || end > line_end
        || text.len() > 100
        || !text.bytes().all(|b| plain(&b))
        || text.ends_with(' ')
        || !message.bytes().all(|b| plain(&b))
        || !path.bytes().all(|b| plain(&b))
    {
        return None;
    }
    let (label, mark) = match severity {
        Severity::Error => ("error", '^'),
        Severity::Warning => ("warning", '-'),
        Severity::Note => ("note", '-'),
    };
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let column = start - from;
    let mut out = String::with_capacity(message.len() + path.len() + 2 * text.len() + 64);
    out.push_str(&format!(
        "{label}: {message}\n{pad}--> {path}:{line}:{}\n{pad} |\n{number} | {text}\n{pad} | ",
        column + 1
    ));
    out.extend(std::iter::repeat_n(' ', column));
    out.extend(std::iter::repeat_n(mark, end - start));
    out.push_str(&format!("\n{pad} |"));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old way: the whole source handed to the renderer.
    fn whole(path: &str, source: &str, start: usize, end: usize) -> String {
        whole_at(Level::Note, path, source, start, end)
    }

    fn whole_at(level: Level, path: &str, source: &str, start: usize, end: usize) -> String {
        let msg = level.title("m: a [B]").snippet(
            Snippet::source(source)
                .origin(path)
                .fold(true)
                .annotation(level.span(start..end)),
        );
        Renderer::plain().render(msg).to_string()
    }

    /// Frames of the lines a span touches are the frames of the whole
    /// source, for every span of several texts: single and multi-line
    /// spans, spans on and across line breaks, empty spans, the first and
    /// last character, CRLF line ends, non-ASCII text.
    #[test]
    fn excerpt_frames_are_whole_source_frames() {
        let sources = [
            "{\n  \"a\": [\n    \"x\",\n    \"y\"\n  ]\n}\n",
            "{\"Version\": \"2012-10-17\"}",
            "{\r\n  \"k\": \"\u{e9}t\u{e9}\"\r\n}",
            "line one\n\nline three\nfour",
            "x",
            "{\n \"Statement\": [\n  {\n   \"Effect\": \"Allow\",\n   \"Action\": [\n    \"s3:a\",\n    \"s3:b\"\n   ],\n   \"Resource\": \"*\"\n  }\n ]\n}",
        ];
        for src in sources {
            let len = src.len();
            for a in 0..=len {
                for b in a..=len {
                    if !src.is_char_boundary(a) || !src.is_char_boundary(b) {
                        continue;
                    }
                    let got = render(
                        Severity::Note,
                        "p.json",
                        src,
                        Span::new(a as u32, b as u32),
                        "m: a [B]",
                        false,
                    );
                    // `render` widens an empty span to one character.
                    let (mut s, mut e) = (a, b);
                    if e == s && e < len {
                        e = s + 1;
                        while e < len && !src.is_char_boundary(e) {
                            e += 1;
                        }
                    }
                    if s > len {
                        s = len;
                    }
                    assert_eq!(got, whole("p.json", src, s, e), "{src:?} {a}..{b}");
                }
            }
        }
    }

    /// The direct frames equal the renderer's for every level, at line
    /// numbers of one to three digits, over spans of several columns and
    /// lengths, and for a line that is too long to take the direct path.
    #[test]
    fn direct_frames_are_the_renderers() {
        let mut src = String::new();
        for i in 1..=120 {
            src.push_str(&format!("    \"key{i}\": \"value number {i}\",\n"));
        }
        src.push_str(&format!("\"{}\"\n", "x".repeat(150)));
        let starts: Vec<usize> = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        for (severity, level) in [
            (Severity::Error, Level::Error),
            (Severity::Warning, Level::Warning),
            (Severity::Note, Level::Note),
        ] {
            for line in [0usize, 8, 9, 98, 99, 119, 120] {
                let from = starts[line];
                for (col, width) in [(0, 1), (4, 7), (5, 3), (13, 16), (12, 1)] {
                    let (a, b) = (from + col, from + col + width);
                    let got = render(
                        severity,
                        "dir/p.json",
                        &src,
                        Span::new(a as u32, b as u32),
                        "m: a [B]",
                        false,
                    );
                    assert_eq!(
                        got,
                        whole_at(level, "dir/p.json", &src, a, b),
                        "{line} {col}"
                    );
                }
            }
        }
    }
}
