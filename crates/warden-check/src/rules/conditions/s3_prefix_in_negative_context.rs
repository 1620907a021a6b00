//! `S3_PREFIX_IN_NEGATIVE_CONTEXT`: `s3:prefix` used to keep callers out.

use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::OperatorKind;
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: S3PrefixInNegativeContext = S3PrefixInNegativeContext;

/// Reports `s3:prefix` in a Deny under a positive operator, or in an Allow
/// under a negated one.
pub struct S3PrefixInNegativeContext;

static INFO: RuleInfo = RuleInfo {
    code: "S3_PREFIX_IN_NEGATIVE_CONTEXT",
    finding_type: FindingType::SecurityWarning,
    summary: "`s3:prefix` is used to exclude a prefix, which a shorter prefix bypasses.",
    documentation: "What: `s3:prefix` compared with a positive operator (`StringEquals`, `StringLike`, ...) in a Deny statement, or with a negated operator (`StringNotEquals`, `StringNotLike`, ...) in an Allow statement.\nWhy: `s3:prefix` is the prefix the caller asks to list, not the keys that come back. Denying `secret/*` does not stop a listing with the prefix `sec` or with no prefix at all, which returns the same object names.\nExample: `\"Effect\": \"Deny\", \"Action\": \"s3:ListBucket\", \"Condition\": {\"StringLike\": {\"s3:prefix\": \"secret/*\"}}`.\nFix: grant listing only for the prefixes that may be seen (an Allow with `StringLike`, or a Deny with `StringNotLike`), and protect the objects themselves with `Resource` ARNs.",
};

impl Rule for S3PrefixInNegativeContext {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (st, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.kind == OperatorKind::Null || !c.key.value.eq_ignore_ascii_case("s3:prefix") {
                continue;
            }
            let deny = st.effect.value == Effect::Deny;
            if deny != op.kind.is_negated() {
                out.report(
                    c.key.span,
                    "s3:prefix is the prefix a caller asks to list; excluding a prefix can be bypassed with a shorter one. Allow only the prefixes that may be listed instead",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "S3_PREFIX_IN_NEGATIVE_CONTEXT";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"StringLike": {"s3:prefix": "secret/*"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""s3:prefix""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"StringNotEquals": {"s3:Prefix": "secret/"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""s3:Prefix""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"StringLike": {"s3:prefix": "home/*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"StringNotLike": {"s3:prefix": "home/*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"Null": {"s3:prefix": "true"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
