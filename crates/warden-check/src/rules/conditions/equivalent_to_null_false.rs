//! `EQUIVALENT_TO_NULL_FALSE` and `EQUIVALENT_TO_NULL_TRUE`: a `Like`
//! condition with a lone `*` value, which only tests whether the key is
//! present.

use super::support::{lone_wildcard, wildcard_outcome, WildcardOutcome};
use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// `EQUIVALENT_TO_NULL_FALSE`.
pub static RULE: EquivalentToNull = EquivalentToNull::new(
    RuleInfo {
        code: "EQUIVALENT_TO_NULL_FALSE",
        finding_type: FindingType::Suggestion,
        summary: "A `Like` condition with the value `*` only tests that the key is present.",
        documentation: "What: `StringLike`, `ArnLike` or `ArnEquals` (plain or `ForAnyValue:`, without `IfExists`) whose values include a lone `*`.\nWhy: `*` matches any value, so the condition is true exactly when the request carries the key; that is what `\"Null\": {\"key\": \"false\"}` says, and says more plainly (the other values of the list add nothing).\nExample: `\"StringLike\": {\"aws:PrincipalTag/team\": \"*\"}`.\nFix: write `\"Null\": {\"aws:PrincipalTag/team\": \"false\"}`.",
    },
    WildcardOutcome::NullFalse,
);

/// The check, for one of the two outcomes.
pub struct EquivalentToNull {
    info: RuleInfo,
    outcome: WildcardOutcome,
}

impl EquivalentToNull {
    /// The check of conditions that reduce to `outcome` under `info`.
    pub(super) const fn new(info: RuleInfo, outcome: WildcardOutcome) -> Self {
        EquivalentToNull { info, outcome }
    }
}

impl Rule for EquivalentToNull {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let null = match self.outcome {
            WildcardOutcome::NullTrue => "true",
            _ => "false",
        };
        for (_, c) in conditions(cx) {
            let (Some(op), Some(v)) = (c.operator, lone_wildcard(c)) else {
                continue;
            };
            if wildcard_outcome(op) != self.outcome {
                continue;
            }
            out.report(
                v.span,
                format!(
                    "{} with the value `*` on {} only tests whether the key is present; write \"Null\": {{\"{}\": \"{null}\"}} instead",
                    c.operator_text.value, c.key.value, c.key.value
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "EQUIVALENT_TO_NULL_FALSE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalTag/team": ["blue", "*"]}, "ForAnyValue:StringLike": {"aws:TagKeys": "**"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""*""#.to_string(), r#""**""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalTag/team": "blue-*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalTag/team": "${*}"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringLikeIfExists": {"aws:PrincipalTag/team": "*"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
