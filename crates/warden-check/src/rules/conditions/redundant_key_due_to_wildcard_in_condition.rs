//! `REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION`: a condition with a lone `*`
//! value that every request satisfies.

use super::support::{lone_wildcard, wildcard_outcome, WildcardOutcome};
use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: RedundantKeyDueToWildcard = RedundantKeyDueToWildcard;

/// Reports condition keys whose condition always holds.
pub struct RedundantKeyDueToWildcard;

static INFO: RuleInfo = RuleInfo {
    code: "REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION",
    finding_type: FindingType::Suggestion,
    summary: "A condition key compared with `*` matches every request and can be removed.",
    documentation: "What: a condition whose values include a lone `*` under an operator for which that makes it always true: `StringLikeIfExists`, `ArnLikeIfExists` (true for any present value and for an absent key), `ForAllValues:StringLike` and `ForAllValues:ArnLike` (every value matches, and an absent key is vacuously true).\nWhy: the key restricts nothing; the statement behaves exactly as if the key were not there, which readers do not expect.\nExample: `\"StringLikeIfExists\": {\"aws:RequestTag/project\": \"*\"}`.\nFix: remove the key from the condition (and the operator if it is left empty), or write the restriction that was meant.",
};

impl Rule for RedundantKeyDueToWildcard {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let (Some(op), Some(_)) = (c.operator, lone_wildcard(c)) else {
                continue;
            };
            if wildcard_outcome(op) == WildcardOutcome::Always {
                out.report(
                    c.key.span,
                    format!(
                        "{} with the value `*` always matches, so the key {} restricts nothing; remove it",
                        c.operator_text.value, c.key.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {"StringLikeIfExists": {"aws:RequestTag/project": "*", "ec2:InstanceType": "t3.*"}, "ForAllValues:StringLike": {"aws:TagKeys": ["*"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![
                r#""aws:RequestTag/project""#.to_string(),
                r#""aws:TagKeys""#.to_string()
            ]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {"StringLike": {"aws:RequestTag/project": "*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {"ForAllValues:StringLike": {"aws:TagKeys": ["project-*"]}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
