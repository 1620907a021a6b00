//! Rendering located problems as code frames (rustc style).

use annotate_snippets::{Level, Renderer, Snippet};
use warden_policy::Span;

/// Renders one error at `span` of `source` as a code frame.
pub fn render_error(path: &str, source: &str, span: Span, message: &str, color: bool) -> String {
    let len = source.len();
    let start = (span.start as usize).min(len);
    // An empty span still needs one column to point at.
    let mut end = (span.end as usize).clamp(start, len);
    if end == start && end < len {
        end = start + 1;
        while end < len && !source.is_char_boundary(end) {
            end += 1;
        }
    }
    let msg = Level::Error.title(message).snippet(
        Snippet::source(source)
            .origin(path)
            .fold(true)
            .annotation(Level::Error.span(start..end)),
    );
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let rendered = renderer.render(msg).to_string();
    rendered
}
