//! `UNTRUSTWORTHY_CONDITION_KEY`: a condition key whose value the caller
//! chooses.

use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: UntrustworthyConditionKey = UntrustworthyConditionKey;

/// Reports [`SPOOFABLE`] keys.
pub struct UntrustworthyConditionKey;

static INFO: RuleInfo = RuleInfo {
    code: "UNTRUSTWORTHY_CONDITION_KEY",
    finding_type: FindingType::SecurityWarning,
    summary: "The condition key's value is set by the caller and can be spoofed.",
    documentation: "What: a condition on `aws:UserAgent` or `aws:Referer`.\nWhy: both come from HTTP headers that the caller writes; anyone can send the expected user agent or referer (or leave it out), so the condition neither keeps callers out of an Allow nor reliably catches them in a Deny.\nExample: `\"StringLike\": {\"aws:Referer\": \"https://www.example.com/*\"}` on a bucket policy lets any client that sends that header read the objects.\nFix: control access with keys AWS sets itself, such as `aws:PrincipalArn`, `aws:SourceVpce`, `aws:SourceIp`, `aws:PrincipalOrgID` or `aws:SourceArn`.",
};

/// Keys taken from request headers.
const SPOOFABLE: &[&str] = &["aws:UserAgent", "aws:Referer"];

impl Rule for UntrustworthyConditionKey {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            if SPOOFABLE
                .iter()
                .any(|k| c.key.value.eq_ignore_ascii_case(k))
            {
                out.report(
                    c.key.span,
                    format!(
                        "The condition key {} comes from a header the caller controls and can be spoofed; do not rely on it for access control",
                        c.key.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "UNTRUSTWORTHY_CONDITION_KEY";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringLike": {"aws:Referer": "https://www.example.com/*", "aws:SourceVpce": "vpce-1a2b3c4d"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, resource()),
            vec![r#""aws:Referer""#.to_string()]
        );
        assert_findings!(CODE, src, resource());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotLike": {"aws:useragent": "MyTool/*"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""aws:useragent""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:RefererHeader": "x"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
