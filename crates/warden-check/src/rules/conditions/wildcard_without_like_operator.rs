//! `WILDCARD_WITHOUT_LIKE_OPERATOR`: `*` or `?` in a value of a string
//! operator that does not interpret them.

use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::OperatorKind;
use warden_policy::policy::ScalarKind;

/// The rule.
pub static RULE: WildcardWithoutLikeOperator = WildcardWithoutLikeOperator;

/// Reports wildcard characters under `StringEquals` and its relatives.
pub struct WildcardWithoutLikeOperator;

static INFO: RuleInfo = RuleInfo {
    code: "WILDCARD_WITHOUT_LIKE_OPERATOR",
    finding_type: FindingType::Warning,
    summary: "A condition value has `*` or `?` but the operator is not a `Like` operator.",
    documentation: "What: a value containing `*` or `?` (outside policy variables such as `${*}`) under `StringEquals`, `StringNotEquals`, `StringEqualsIgnoreCase` or `StringNotEqualsIgnoreCase`.\nWhy: these operators compare literally, so `*` matches only an asterisk; the condition almost never matches the values the author had in mind.\nExample: `\"StringEquals\": {\"aws:PrincipalTag/job-category\": \"admin-*\"}`.\nFix: use `StringLike` (or `StringNotLike`) to match patterns; to match a literal `*` or `?` under `StringLike`, write `${*}` or `${?}`.",
};

/// Whether `text` has `*` or `?` outside `${...}` variables.
fn has_wildcard(text: &str) -> bool {
    let mut rest = text;
    loop {
        match rest.find("${") {
            Some(at) => {
                if rest.get(..at).is_some_and(|s| s.contains(['*', '?'])) {
                    return true;
                }
                let after = rest.get(at..).unwrap_or("");
                match after.find('}') {
                    Some(end) => rest = after.get(end + 1..).unwrap_or(""),
                    None => return after.contains(['*', '?']),
                }
            }
            None => return rest.contains(['*', '?']),
        }
    }
}

impl Rule for WildcardWithoutLikeOperator {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        use OperatorKind::*;
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if !matches!(
                op.kind,
                StringEquals | StringNotEquals | StringEqualsIgnoreCase | StringNotEqualsIgnoreCase
            ) {
                continue;
            }
            for v in &c.values {
                if v.kind == ScalarKind::String && has_wildcard(&v.text) {
                    out.report(
                        v.span,
                        format!(
                            "{} compares `{}` literally; use a Like operator if `*` or `?` is meant as a wildcard",
                            c.operator_text.value, v.text
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "WILDCARD_WITHOUT_LIKE_OPERATOR";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:PrincipalTag/job-category": ["admin-*", "ops", "dev-?${*}"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""admin-*""#.to_string(), r#""dev-?${*}""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalTag/job-category": "admin-*"}, "StringEquals": {"aws:username": "a${*}b"}, "ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::*:role/x"}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
