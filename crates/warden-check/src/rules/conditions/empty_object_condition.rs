//! `EMPTY_OBJECT_CONDITION`: `"Condition": {}`.

use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: EmptyObjectCondition = EmptyObjectCondition;

/// Reports condition blocks written as an empty object.
pub struct EmptyObjectCondition;

static INFO: RuleInfo = RuleInfo {
    code: "EMPTY_OBJECT_CONDITION",
    finding_type: FindingType::Suggestion,
    summary: "A statement's `Condition` block is an empty object.",
    documentation: "What: the `Condition` element is written as `{}`.\nWhy: an empty block tests nothing, so the statement applies unconditionally; a reader may assume it is restricted.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {}}`.\nFix: remove the element, or write the conditions it was meant to hold.",
};

impl Rule for EmptyObjectCondition {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(span) = st.condition_span else {
                continue;
            };
            let empty = cx
                .source
                .get(span.range())
                .and_then(|t| t.strip_prefix('{'))
                .and_then(|t| t.strip_suffix('}'))
                .is_some_and(|inner| inner.trim().is_empty());
            if empty {
                out.report(span, "the condition block is empty and restricts nothing");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "EMPTY_OBJECT_CONDITION";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": { }}]}"#;
        assert_eq!(findings_of(CODE, src, identity()), vec!["{ }".to_string()]);
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
