//! `REDUNDANT_RESOURCE`: a `Resource`/`NotResource` entry that another entry
//! of the same element already matches in full.

use super::super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: RedundantResource = RedundantResource;

/// Reports each resource entry whose every match is matched by another
/// entry of the same element, at the redundant entry.
pub struct RedundantResource;

static INFO: RuleInfo = RuleInfo {
    code: "REDUNDANT_RESOURCE",
    finding_type: FindingType::Suggestion,
    summary: "A resource entry is already covered by another entry of the same element.",
    documentation: "What: an entry of `Resource` or `NotResource` matches only resources that another entry of the same list matches too: a duplicate, or an ARN inside a wildcard ARN (`arn:aws:s3:::example-bucket/logs/*` next to `arn:aws:s3:::example-bucket/*`). Resource matching is case-sensitive. A policy variable in the covered entry is read as `*`; an entry with a variable covers another only when the two are written identically, since what the variable stands for depends on the request.\nWhy: the entry changes nothing; it hides how wide the wildcard really is, and a later edit of one entry may not be made to the other.\nExample: `\"Resource\": [\"arn:aws:sns:us-east-1:111122223333:alerts-*\", \"arn:aws:sns:us-east-1:111122223333:alerts-prod\"]`.\nFix: remove the redundant entry; if only the listed resources were meant, remove the wildcard entry instead.",
};

impl Rule for RedundantResource {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        super::report_covered(
            cx,
            out,
            "resource",
            |l| l.resources.as_ref(),
            |st| st.resource.as_ref(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "REDUNDANT_RESOURCE";

    fn policy(resources: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "iam:PassRole", "Resource": {resources}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"["arn:aws:iam::111122223333:role/ops-admin", "arn:aws:iam::111122223333:role/ops-readonly", "arn:aws:iam::111122223333:role/ops*"]"#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![
                r#""arn:aws:iam::111122223333:role/ops-admin""#.to_string(),
                r#""arn:aws:iam::111122223333:role/ops-readonly""#.to_string()
            ]
        );
        assert_findings!(CODE, &src, identity());
        // A variable in the covered entry stands for any text.
        let src = policy(
            r#"["arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/${aws:username}"]"#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:iam::111122223333:role/${aws:username}""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            // Case matters in resources.
            r#"["arn:aws:iam::111122223333:role/Ops*", "arn:aws:iam::111122223333:role/ops-admin"]"#,
            // What a variable leaves open is not known: no proof of coverage.
            r#"["arn:aws:iam::111122223333:role/${aws:username}*", "arn:aws:iam::111122223333:role/ops"]"#,
            r#"["arn:aws:iam::111122223333:role/a?", "arn:aws:iam::111122223333:role/a*b"]"#,
        ] {
            let got = findings_of(CODE, &policy(r), identity());
            assert!(got.is_empty(), "{r}: {got:?}");
        }
    }
}
