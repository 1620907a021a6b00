//! `EMPTY_ARRAY_ACTION`: `Action` or `NotAction` is an empty array.

use super::{is_empty_array, Rule};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: EmptyArrayAction = EmptyArrayAction;

/// Reports `"Action": []` and `"NotAction": []`.
pub struct EmptyArrayAction;

static INFO: RuleInfo = RuleInfo {
    code: "EMPTY_ARRAY_ACTION",
    finding_type: FindingType::Suggestion,
    summary: "A statement's `Action` or `NotAction` is an empty array.",
    documentation: "What: the action element is written as `[]`.\nWhy: a statement that lists no actions matches no request, so it neither grants nor denies anything; it is dead text that readers may take for a real permission.\nExample: `{\"Effect\": \"Allow\", \"Action\": [], \"Resource\": \"*\"}`.\nFix: list the actions the statement is meant to cover, or delete the statement.",
};

impl Rule for EmptyArrayAction {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(el) = &st.action else { continue };
            if !el.single && el.values.is_empty() && is_empty_array(cx, el.span) {
                out.report(el.span, "the statement lists no actions and has no effect");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [ ], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("EMPTY_ARRAY_ACTION", src, identity()),
            vec!["[ ]".to_string()]
        );
        assert_findings!("EMPTY_ARRAY_ACTION", src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": [], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("EMPTY_ARRAY_ACTION", src, identity()),
            vec!["[]".to_string()]
        );
        assert_findings!("EMPTY_ARRAY_ACTION", src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": []}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
        ] {
            assert!(
                findings_of("EMPTY_ARRAY_ACTION", src, identity()).is_empty(),
                "{src}"
            );
        }
    }
}
