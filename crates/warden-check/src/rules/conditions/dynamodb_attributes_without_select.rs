//! `DYNAMODB_ATTRIBUTES_WITHOUT_SELECT`: `dynamodb:Attributes` restricts
//! the attributes a caller names, but not a `Select` of all of them.

use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: DynamodbAttributesWithoutSelect = DynamodbAttributesWithoutSelect;

/// Reports `dynamodb:Attributes` in Allow statements without `dynamodb:Select`.
pub struct DynamodbAttributesWithoutSelect;

static INFO: RuleInfo = RuleInfo {
    code: "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT",
    finding_type: FindingType::SecurityWarning,
    summary: "`dynamodb:Attributes` is used without `dynamodb:Select`.",
    documentation: "What: an Allow statement whose `Condition` restricts `dynamodb:Attributes` but does not test `dynamodb:Select`.\nWhy: `dynamodb:Attributes` only sees the attributes a request names. A `Query` or `Scan` with `Select` set to `ALL_ATTRIBUTES` (or with no projection at all) names none, so the condition passes and every attribute of the items comes back.\nExample: `\"ForAllValues:StringEquals\": {\"dynamodb:Attributes\": [\"UserId\", \"Score\"]}` alone still allows a scan that returns every column.\nFix: add `\"StringEquals\": {\"dynamodb:Select\": \"SPECIFIC_ATTRIBUTES\"}` to the same `Condition` block.",
};

impl Rule for DynamodbAttributesWithoutSelect {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (st, c) in conditions(cx) {
            if st.effect.value != Effect::Allow
                || !c.key.value.eq_ignore_ascii_case("dynamodb:Attributes")
            {
                continue;
            }
            let has_select = st
                .conditions
                .iter()
                .any(|o| o.key.value.eq_ignore_ascii_case("dynamodb:Select"));
            if !has_select {
                out.report(
                    c.key.span,
                    "dynamodb:Attributes does not stop a request that selects all attributes; add dynamodb:Select = SPECIFIC_ATTRIBUTES to the same Condition block",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["dynamodb:Query", "dynamodb:Scan"], "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["UserId", "Score"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""dynamodb:Attributes""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["dynamodb:Query", "dynamodb:Scan"], "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["UserId", "Score"]}, "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["dynamodb:Query"], "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"dynamodb:Attributes": ["Secret"]}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
