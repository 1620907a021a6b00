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
    let msg = level.title(message).snippet(
        Snippet::source(source)
            .origin(path)
            .fold(true)
            .annotation(level.span(start..end)),
    );
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let rendered = renderer.render(msg).to_string();
    rendered
}
