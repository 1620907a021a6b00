//! Every AWS managed policy in the shared corpus parses without a diagnostic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

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
