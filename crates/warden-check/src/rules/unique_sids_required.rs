//! `UNIQUE_SIDS_REQUIRED`: two statements share a `Sid` in a policy type
//! that forbids it.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, Options, PolicyType};
use warden_policy::policy::Spanned;

/// The rule.
pub static RULE: UniqueSidsRequired = UniqueSidsRequired;

/// Reports every repeated Sid (at the repetition) in identity policies and
/// role trust policies; other policy types get `UNIQUE_SIDS_RECOMMENDED`.
pub struct UniqueSidsRequired;

static INFO: RuleInfo = RuleInfo {
    code: "UNIQUE_SIDS_REQUIRED",
    finding_type: FindingType::Error,
    summary: "Two statements share a `Sid` where Sids must be unique.",
    documentation: "What: a later statement reuses the `Sid` of an earlier one, in an identity policy or a role trust policy (policies that IAM stores).\nWhy: IAM requires statement IDs to be unique within a policy and rejects the document.\nExample: two statements both with `\"Sid\": \"ReadBuckets\"`.\nFix: rename one of them (`ReadBuckets`, `ReadBucketTags`), or merge the statements if they belong together.",
};

/// Whether duplicate Sids are an error for these options.
pub(crate) fn sids_must_be_unique(options: &Options) -> bool {
    options.policy_type == PolicyType::Identity || options.is_trust_policy()
}

/// The Sids (non-empty, compared exactly) that repeat an earlier statement's.
pub(crate) fn repeated_sids<'p>(cx: &CheckContext<'p>) -> Vec<&'p Spanned<String>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for sid in cx
        .policy
        .iter()
        .flat_map(|p| &p.statements)
        .filter_map(|st| st.sid.as_ref())
        .filter(|sid| !sid.value.is_empty())
    {
        if !seen.insert(sid.value.as_str()) {
            out.push(sid);
        }
    }
    out
}

impl Rule for UniqueSidsRequired {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !sids_must_be_unique(cx.options) {
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

    const TWICE: &str = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("UNIQUE_SIDS_REQUIRED", TWICE, identity()),
            vec![r#""Read""#.to_string()]
        );
        assert_findings!("UNIQUE_SIDS_REQUIRED", TWICE, identity());
        let spans: Vec<_> = crate::check(TWICE, &identity())
            .into_iter()
            .filter(|f| f.code == "UNIQUE_SIDS_REQUIRED")
            .map(|f| f.span.range().start)
            .collect();
        assert_eq!(spans, vec![TWICE.rfind(r#""Read""#).unwrap()]);
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}"#;
        assert!(findings_of("UNIQUE_SIDS_REQUIRED", src, identity()).is_empty());
        let bucket = TWICE.replace(r#""Effect""#, r#""Principal": "*", "Effect""#);
        assert!(findings_of("UNIQUE_SIDS_REQUIRED", &bucket, resource()).is_empty());
    }
}
