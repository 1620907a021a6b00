//! Every AWS managed policy is checked as an identity policy: no crash, no
//! ERROR finding (AWS ships these policies, so an error would be a false
//! positive unless explained here), and the distribution is printed.
//!
//! Explained: `INVALID_SERVICE_IN_ACTION` and `INVALID_ACTION`. AWS ships
//! managed policies that still name retired services (DeepRacer, DeepLens,
//! Mobile Hub, IoT 1-Click, ...) and actions that the embedded catalog does
//! not (yet, or any more) list; AWS's own check reference names managed
//! policies with invalid actions. These are counted, printed and bounded, so
//! that a bug in the catalog rules (one that flags real actions) still fails.
//!
//! Explained: `MISSING_QUALIFIER` on `events:detail-type` (typed
//! `ArrayOfString` in the service reference) under a plain `StringEquals` in
//! three policies; AWS's check reference itself names managed policies with
//! this finding. Counted and bounded the same way.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use warden_check::{check, FindingType, Options};

#[test]
fn managed_policies_have_no_errors() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/managed-policies/latest");
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut catalog_drift = Vec::new();
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        n += 1;
        for f in check(&text, &Options::default()) {
            *counts.entry(f.code).or_default() += 1;
            if matches!(
                f.code,
                "INVALID_SERVICE_IN_ACTION" | "INVALID_ACTION" | "MISSING_QUALIFIER"
            ) {
                catalog_drift.push(format!("{}: {} {}", path.display(), f.code, f.message));
            } else if f.finding_type == FindingType::Error {
                errors.push(format!("{}: {} {}", path.display(), f.code, f.message));
            }
        }
    }
    eprintln!("{n} managed policies; findings by code: {counts:?}");
    assert_eq!(n, 1594);
    eprintln!(
        "{} actions of retired services or outside the catalog:\n{}",
        catalog_drift.len(),
        catalog_drift.join("\n")
    );
    assert!(
        catalog_drift.len() <= 200,
        "{} catalog findings",
        catalog_drift.len()
    );
    assert!(
        errors.is_empty(),
        "{} errors:\n{}",
        errors.len(),
        errors[..errors.len().min(20)].join("\n")
    );
}
