//! `EMPTY_ARRAY_RESOURCE`: `Resource` or `NotResource` is an empty array.

use super::{is_empty_array, Rule};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: EmptyArrayResource = EmptyArrayResource;

/// Reports `"Resource": []` and `"NotResource": []`.
pub struct EmptyArrayResource;

static INFO: RuleInfo = RuleInfo {
    code: "EMPTY_ARRAY_RESOURCE",
    finding_type: FindingType::Suggestion,
    summary: "A statement's `Resource` or `NotResource` is an empty array.",
    documentation: "What: the resource element is written as `[]`.\nWhy: a statement that names no resources applies to no request, so it has no effect on access; it only looks like a permission.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": []}`.\nFix: list the resource ARNs the statement is about, or delete the statement.",
};

impl Rule for EmptyArrayResource {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(el) = &st.resource else { continue };
            if !el.single && el.values.is_empty() && is_empty_array(cx, el.span) {
                out.report(
                    el.span,
                    "the statement lists no resources and has no effect",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [ ]}]}"#;
        assert_eq!(
            findings_of("EMPTY_ARRAY_RESOURCE", src, identity()),
            vec!["[ ]".to_string()]
        );
        assert_findings!("EMPTY_ARRAY_RESOURCE", src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": []}]}"#;
        assert_eq!(
            findings_of("EMPTY_ARRAY_RESOURCE", src, identity()),
            vec!["[]".to_string()]
        );
        assert_findings!("EMPTY_ARRAY_RESOURCE", src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [], "Resource": ["arn:aws:s3:::b/*"]}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [1]}]}"#,
        ] {
            assert!(
                findings_of("EMPTY_ARRAY_RESOURCE", src, identity()).is_empty(),
                "{src}"
            );
        }
    }
}
