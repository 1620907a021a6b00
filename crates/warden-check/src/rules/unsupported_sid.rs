//! `UNSUPPORTED_SID`: a `Sid` with characters other than ASCII letters and
//! digits, in a policy stored by IAM.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};

/// The rule.
pub static RULE: UnsupportedSid = UnsupportedSid;

/// Reports Sids outside `[A-Za-z0-9]+` in identity policies and role trust
/// policies. Other resource policies (S3, SQS, SNS, ...) accept more
/// characters and are not checked; empty Sids are `EMPTY_SID_VALUE`'s.
pub struct UnsupportedSid;

static INFO: RuleInfo = RuleInfo {
    code: "UNSUPPORTED_SID",
    finding_type: FindingType::Error,
    summary: "A `Sid` uses characters other than ASCII letters and digits.",
    documentation: "What: the statement's `Sid` contains a space, hyphen, underscore, dot or any other character outside `A-Z`, `a-z` and `0-9`. Checked for identity policies and role trust policies, which IAM stores; many resource policies accept freer Sids.\nWhy: IAM refuses to save the policy.\nExample: `\"Sid\": \"read-only access\"`.\nFix: keep only letters and digits, for instance `\"Sid\": \"ReadOnlyAccess\"`.",
};

impl Rule for UnsupportedSid {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !(cx.options.policy_type == PolicyType::Identity || cx.options.is_trust_policy()) {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(sid) = &st.sid else { continue };
            if !sid.value.bytes().all(|b| b.is_ascii_alphanumeric()) {
                out.report(
                    sid.span,
                    "a Sid may contain only the characters A-Z, a-z and 0-9",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource, trust};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "read-only access", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("UNSUPPORTED_SID", src, identity()),
            vec![r#""read-only access""#.to_string()]
        );
        assert_findings!("UNSUPPORTED_SID", src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Trust_Lambda", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#;
        assert_eq!(
            findings_of("UNSUPPORTED_SID", src, trust()),
            vec![r#""Trust_Lambda""#.to_string()]
        );
        assert_findings!("UNSUPPORTED_SID", src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "ReadOnly2", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}"#;
        assert!(findings_of("UNSUPPORTED_SID", src, identity()).is_empty());
        let bucket = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "public-read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;
        assert!(findings_of("UNSUPPORTED_SID", bucket, resource()).is_empty());
    }
}
