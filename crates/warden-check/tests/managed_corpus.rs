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
//!
//! Explained: `UNSUPPORTED_ACTION_FOR_CONDITION_KEY`. Some AWS managed
//! policies name actions next to service condition keys that the Service
//! Authorization Reference does not list for them (`ec2:DescribeSubnets`
//! with `ec2:Vpc`, `application-autoscaling:Describe*` actions with
//! `application-autoscaling:service-namespace`, `aws-marketplace:Subscribe`
//! with `aws-marketplace:ProductId`, ...): true findings against the catalog.
//! Counted, printed and bounded separately, so that a rule that starts
//! flagging supported actions still fails.
//!
//! Explained: `INVALID_SERVICE` on `deepracer:` condition keys (a retired
//! service, counted with the retired services' actions above).
//!
//! Explained: `INVALID_ARN_RESOURCE` and `MISSING_ARN_ACCOUNT`. Some AWS
//! managed policies name resource types that the embedded catalog lacks
//! (WAF change tokens, CloudFormation transforms, Pricing Plan Manager
//! subscriptions, QuickSight VPC connections, ...), and some name ARNs that
//! fit no documented format at all (a CloudFormation stack without its ID,
//! a log group without `log-group:`, an Elastic Load Balancing listener
//! without its load balancer type, a KMS ARN with an empty account). Both
//! are true findings against the catalog; AWS's check reference names no
//! managed policies for these checks, so they are counted, printed and
//! bounded separately, and a rule that starts flagging valid ARNs still fails.

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
    let mut unsupported_for_key = Vec::new();
    let mut arn_drift = Vec::new();
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        n += 1;
        for f in check(&text, &Options::default()) {
            *counts.entry(f.code).or_default() += 1;
            if matches!(
                f.code,
                "INVALID_SERVICE_IN_ACTION"
                    | "INVALID_ACTION"
                    | "MISSING_QUALIFIER"
                    | "INVALID_SERVICE"
            ) {
                catalog_drift.push(format!("{}: {} {}", path.display(), f.code, f.message));
            } else if matches!(f.code, "INVALID_ARN_RESOURCE" | "MISSING_ARN_ACCOUNT") {
                arn_drift.push(format!("{}: {} {}", path.display(), f.code, f.message));
            } else if f.code == "UNSUPPORTED_ACTION_FOR_CONDITION_KEY" {
                unsupported_for_key.push(format!("{}: {}", path.display(), f.message));
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
    eprintln!(
        "{} condition keys next to actions that do not support them:\n{}",
        unsupported_for_key.len(),
        unsupported_for_key.join("\n")
    );
    assert!(
        unsupported_for_key.len() <= 40,
        "{} UNSUPPORTED_ACTION_FOR_CONDITION_KEY findings",
        unsupported_for_key.len()
    );
    eprintln!(
        "{} ARNs outside the catalog's formats:\n{}",
        arn_drift.len(),
        arn_drift.join("\n")
    );
    assert!(
        arn_drift.len() <= 80,
        "{} ARN format findings",
        arn_drift.len()
    );
    assert!(
        errors.is_empty(),
        "{} errors:\n{}",
        errors.len(),
        errors[..errors.len().min(20)].join("\n")
    );
}
