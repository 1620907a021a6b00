//! `MISSING_VERSION`: the policy has no `Version`.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_policy::Span;

/// The rule.
pub static RULE: MissingVersion = MissingVersion;

/// Reports a policy without `Version`.
pub struct MissingVersion;

static INFO: RuleInfo = RuleInfo {
    code: "MISSING_VERSION",
    finding_type: FindingType::Warning,
    summary: "The policy has no `Version`.",
    documentation: "What: the document has no `Version` element.\nWhy: without it AWS uses the 2008-10-17 language, in which policy variables such as `${aws:username}` are plain text, so a policy written for the current language silently means something else.\nExample: `{\"Statement\": [...]}`.\nFix: add `\"Version\": \"2012-10-17\"`.",
};

impl Rule for MissingVersion {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if let Some(p) = cx.policy {
            if p.version.is_none() && !cx.diagnostics.iter().any(|d| d.code == "invalid-version") {
                out.report(
                    Span::new(p.span.start, p.span.start + 1),
                    "add \"Version\": \"2012-10-17\"",
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
        let src = r#"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("MISSING_VERSION", src, identity()),
            vec!["{".to_string()]
        );
        assert_findings!("MISSING_VERSION", src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#;
        assert!(findings_of("MISSING_VERSION", src, identity()).is_empty());
    }
}
