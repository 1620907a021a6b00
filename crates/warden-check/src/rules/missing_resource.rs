//! `MISSING_RESOURCE`: a statement has neither `Resource` nor `NotResource`.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_policy::Span;

/// The rule.
pub static RULE: MissingResource = MissingResource;

/// Reports statements without a resource element, except in role trust
/// policies, whose resource is the role itself.
pub struct MissingResource;

static INFO: RuleInfo = RuleInfo {
    code: "MISSING_RESOURCE",
    finding_type: FindingType::Error,
    summary: "A statement has neither `Resource` nor `NotResource`.",
    documentation: "What: the statement names no resources. Role trust policies are the exception: their resource is the role.\nWhy: AWS rejects the statement.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}` in an identity policy.\nFix: add `Resource` with the ARNs the statement is about (or `*` for actions that support no resource-level permissions).",
};

impl Rule for MissingResource {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if st.resource.is_none() {
                out.report(
                    Span::new(st.span.start, st.span.start + 1),
                    "the statement has no Resource",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, trust};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("MISSING_RESOURCE", TRIGGER, identity()),
            vec!["{".to_string()]
        );
        assert_findings!("MISSING_RESOURCE", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}]}"#;
        assert!(findings_of("MISSING_RESOURCE", src, identity()).is_empty());
        let trust_policy = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#;
        assert!(findings_of("MISSING_RESOURCE", trust_policy, trust()).is_empty());
    }
}
