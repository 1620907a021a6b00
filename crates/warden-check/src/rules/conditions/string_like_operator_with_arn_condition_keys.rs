//! `STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS`: `StringLike` on a key
//! whose catalog type is an ARN.

use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_catalog::ConditionType;
use warden_policy::operator::OperatorKind;

/// The rule.
pub static RULE: StringLikeOperatorWithArnConditionKeys = StringLikeOperatorWithArnConditionKeys;

/// Reports `StringLike` comparisons of ARN-typed condition keys.
pub struct StringLikeOperatorWithArnConditionKeys;

static INFO: RuleInfo = RuleInfo {
    code: "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS",
    finding_type: FindingType::SecurityWarning,
    summary: "`StringLike` compares an ARN-typed condition key; use `ArnLike`.",
    documentation: "What: a `StringLike` condition (with or without a set qualifier or `IfExists`) on a key that the catalog types as `ARN` or `ArrayOfARN`, such as `aws:SourceArn` or `aws:PrincipalArn`.\nWhy: `StringLike` treats the whole ARN as one string, so a `*` can stretch across the `:` separators and match ARNs in other partitions, services, Regions or accounts than intended; `ArnLike` matches each of the six ARN fields on its own.\nExample: `\"StringLike\": {\"aws:SourceArn\": \"arn:aws:sns:*:111122223333*\"}` also matches a topic in account 111122223333999 or a topic named `111122223333-x` in any account.\nFix: use `ArnLike` (or `ArnEquals` when no wildcard is needed) for ARN-typed keys.",
};

impl Rule for StringLikeOperatorWithArnConditionKeys {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.kind != OperatorKind::StringLike {
                continue;
            }
            let KeyClass::Known(key) = classify(&c.key.value) else {
                continue;
            };
            if key.condition_type().scalar() == ConditionType::Arn {
                out.report(
                    c.operator_text.span,
                    format!(
                        "`{}` is an ARN-typed condition key; compare it with ArnLike instead of StringLike",
                        c.key.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};

    const CODE: &str = "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, resource()),
            vec![r#""StringLike""#.to_string()]
        );
        assert_findings!(CODE, src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringLike": {"aws:SourceAccount": "1111222233*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, resource()).is_empty(), "{src}");
        }
    }
}
