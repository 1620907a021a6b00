//! `UNIQUE_SIDS_RECOMMENDED`: two statements share a `Sid` in a policy type
//! that tolerates it.

use super::unique_sids_required::{repeated_sids, sids_must_be_unique};
use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: UniqueSidsRecommended = UniqueSidsRecommended;

/// Reports every repeated Sid (at the repetition) in resource policies other
/// than role trust policies, SCPs and RCPs.
pub struct UniqueSidsRecommended;

static INFO: RuleInfo = RuleInfo {
    code: "UNIQUE_SIDS_RECOMMENDED",
    finding_type: FindingType::Warning,
    summary: "Two statements share a `Sid`.",
    documentation: "What: a later statement reuses the `Sid` of an earlier one, in a policy type that accepts duplicates (resource policies other than role trust policies, SCPs, RCPs).\nWhy: the Sid is how people, logs and tools name a statement; two statements with one name make reviews and edits ambiguous, and some services key on it.\nExample: two statements of a bucket policy both with `\"Sid\": \"AllowRead\"`.\nFix: give each statement its own Sid.",
};

impl Rule for UniqueSidsRecommended {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if sids_must_be_unique(cx.options) {
            return;
        }
        for sid in repeated_sids(cx) {
            out.report(
                sid.span,
                format!("the Sid `{}` is used by an earlier statement", sid.value),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const TWICE: &str = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "AllowRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Sid": "AllowRead", "Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("UNIQUE_SIDS_RECOMMENDED", TWICE, resource()),
            vec![r#""AllowRead""#.to_string()]
        );
        assert_findings!("UNIQUE_SIDS_RECOMMENDED", TWICE, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = TWICE.replacen("AllowRead", "AllowGet", 1);
        assert!(findings_of("UNIQUE_SIDS_RECOMMENDED", &src, resource()).is_empty());
        // In identity policies the duplicate is an error, reported by
        // UNIQUE_SIDS_REQUIRED instead.
        let identity_policy = TWICE.replace(r#""Principal": "*", "#, "");
        assert!(findings_of("UNIQUE_SIDS_RECOMMENDED", &identity_policy, identity()).is_empty());
        assert_eq!(
            findings_of("UNIQUE_SIDS_REQUIRED", &identity_policy, identity()).len(),
            1
        );
    }
}
