//! Every AWS managed policy in the shared corpus parses without a diagnostic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use warden_policy::json::tape::{NodeKind, Tape};
use warden_policy::json::{self, Limits, Value, ValueKind};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/managed-policies/latest")
}

#[test]
fn every_managed_policy_parses_cleanly() {
    let dir = corpus_dir();
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("corpus at {}: {e}", dir.display()));
    let mut count = 0;
    let mut failures = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // The corpus files may wrap the document; accept both shapes.
        let parsed = warden_policy::parse(&text);
        if !parsed.diagnostics.is_empty() {
            failures.push(format!("{}: {:?}", path.display(), parsed.diagnostics));
        }
        count += 1;
    }
    assert_eq!(count, 1594, "expected the whole corpus");
    assert!(
        failures.is_empty(),
        "{} policies failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Whether the tape's node `i` holds exactly `v` (kinds, spans, text,
/// members' keys and key spans, nesting).
fn same(tape: &Tape, src: &str, i: usize, v: &Value) -> bool {
    let Some(n) = tape.node(i) else {
        return false;
    };
    if n.span != v.span {
        return false;
    }
    match (&n.kind, &v.kind) {
        (NodeKind::Null, ValueKind::Null) => true,
        (NodeKind::Bool(a), ValueKind::Bool(b)) => a == b,
        (NodeKind::Number, ValueKind::Number(t)) => tape.text(src, i) == Some(*t),
        (NodeKind::String, ValueKind::String(t)) => tape.text(src, i) == Some(&**t),
        (NodeKind::Array, ValueKind::Array(items)) => {
            tape.items(i).count() == items.len()
                && tape
                    .items(i)
                    .zip(items)
                    .all(|(j, item)| tape.key(src, j).is_none() && same(tape, src, j, item))
        }
        (NodeKind::Object, ValueKind::Object(members)) => {
            tape.members(i).count() == members.len()
                && tape.members(i).zip(members).all(|(j, m)| {
                    tape.key(src, j) == Some(&*m.key)
                        && tape.key_span(j) == Some(m.key_span)
                        && same(tape, src, j, &m.value)
                })
        }
        _ => false,
    }
}

/// `text` without whitespace outside strings.
fn compact(text: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in text.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c.is_ascii_whitespace() {
            continue;
        } else {
            in_string = c == '"';
        }
        out.push(c);
    }
    out
}

#[test]
fn the_tape_reads_every_managed_policy_as_the_tree_parser_does() {
    let mut tape = Tape::new();
    let mut count = 0;
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let tree = json::parse(&text).unwrap();
        tape.parse(&text, Limits::default()).unwrap();
        assert!(same(&tape, &text, 0, &tree), "{}", path.display());
        // The same document on one line, as batch files hold it.
        let compact = compact(&text);
        let tree = json::parse(&compact).unwrap();
        tape.parse(&compact, Limits::default()).unwrap();
        assert!(
            same(&tape, &compact, 0, &tree),
            "{} (compact)",
            path.display()
        );
        count += 1;
    }
    assert_eq!(count, 1594);
}
