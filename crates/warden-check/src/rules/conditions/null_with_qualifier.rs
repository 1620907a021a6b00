//! `NULL_WITH_QUALIFIER`: `ForAllValues:Null` or `ForAnyValue:Null`.

use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: NullWithQualifier = NullWithQualifier;

/// Reports `Null` with a set qualifier (which the parser does not accept as
/// an operator, so the condition's operator text is inspected).
pub struct NullWithQualifier;

static INFO: RuleInfo = RuleInfo {
    code: "NULL_WITH_QUALIFIER",
    finding_type: FindingType::Suggestion,
    summary: "The `Null` operator with `ForAllValues:` or `ForAnyValue:`.",
    documentation: "What: `ForAllValues:Null` or `ForAnyValue:Null`.\nWhy: `Null` tests whether a key is present, not its values; under `ForAllValues` the condition is always true and under `ForAnyValue` always false, so it does not test what it seems to.\nExample: `\"ForAllValues:Null\": {\"aws:TagKeys\": \"false\"}`.\nFix: use plain `Null` to test presence, or a qualified comparison such as `ForAnyValue:StringLike` to test values.",
};

impl Rule for NullWithQualifier {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let mut seen = Vec::new();
        for (_, c) in conditions(cx) {
            let op = &c.operator_text;
            if seen.contains(&op.span) {
                continue;
            }
            let always = match op.value.as_str() {
                "ForAllValues:Null" => "always true",
                "ForAnyValue:Null" => "always false",
                _ => continue,
            };
            seen.push(op.span);
            out.report(
                op.span,
                format!("{} is {always}; use Null without a qualifier", op.value),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "NULL_WITH_QUALIFIER";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:Null": {"aws:TagKeys": "false", "aws:username": "false"}, "ForAnyValue:Null": {"aws:CalledVia": "true"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![
                r#""ForAllValues:Null""#.to_string(),
                r#""ForAnyValue:Null""#.to_string()
            ]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Null": {"aws:TagKeys": "false"}, "ForAnyValue:StringLike": {"aws:CalledVia": "*"}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
