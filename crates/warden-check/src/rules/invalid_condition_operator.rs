//! `INVALID_CONDITION_OPERATOR`: a condition operator AWS does not define.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: InvalidConditionOperator = InvalidConditionOperator;

/// Reports unknown operators (the `Null` misuses have their own codes).
pub struct InvalidConditionOperator;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_CONDITION_OPERATOR",
    finding_type: FindingType::Error,
    summary: "A condition operator that AWS does not define.",
    documentation: "What: a key of the `Condition` block that is not a condition operator (names are case-sensitive), or a qualifier other than `ForAllValues:`/`ForAnyValue:`.\nWhy: AWS rejects the policy.\nExample: `\"StringEqual\"`, `\"stringEquals\"`.\nFix: use the operator's exact name, e.g. `StringEquals`.",
};

/// `Null` with a suffix or qualifier is reported by `NULL_WITH_IF_EXISTS`.
pub(crate) fn is_null_variant(op: &str) -> bool {
    let base = op.rsplit(':').next().unwrap_or(op);
    base == "NullIfExists"
}

impl Rule for InvalidConditionOperator {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for d in cx
            .diagnostics
            .iter()
            .filter(|d| d.code == "unknown-operator")
        {
            let text = cx
                .source
                .get(d.span.range())
                .unwrap_or("")
                .trim_matches('"');
            if !is_null_variant(text) {
                out.report(d.span, d.message.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEqual": {"aws:PrincipalTag/team": "a"}}}]}"#;
        assert_eq!(
            findings_of("INVALID_CONDITION_OPERATOR", src, identity()),
            vec![r#""StringEqual""#.to_string()]
        );
        assert_findings!("INVALID_CONDITION_OPERATOR", src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "a"}, "NullIfExists": {"aws:TokenIssueTime": "true"}}}]}"#;
        assert!(findings_of("INVALID_CONDITION_OPERATOR", src, identity()).is_empty());
    }
}
