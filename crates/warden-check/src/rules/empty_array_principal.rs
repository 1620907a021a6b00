//! `EMPTY_ARRAY_PRINCIPAL`: a principal type in `Principal` or `NotPrincipal`
//! is given an empty array.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_policy::json::ValueKind;

/// The rule.
pub static RULE: EmptyArrayPrincipal = EmptyArrayPrincipal;

/// Reports `"Principal": {"AWS": []}` (and the same under `NotPrincipal`),
/// at the empty array.
pub struct EmptyArrayPrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "EMPTY_ARRAY_PRINCIPAL",
    finding_type: FindingType::Suggestion,
    summary: "A principal element gives a principal type an empty array.",
    documentation: "What: an entry of `Principal` or `NotPrincipal` such as `\"AWS\": []` lists no principals.\nWhy: an entry that names nobody matches no caller; if it is the only entry, the statement applies to no one and has no effect, which is rarely what the author meant.\nExample: `{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": []}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}`.\nFix: name the accounts, roles, services or identity providers that need access, or remove the entry (or the statement).",
};

impl Rule for EmptyArrayPrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for m in crate::rules::principal_members(cx) {
            let ValueKind::Object(entries) = &m.value.kind else {
                continue;
            };
            for e in entries {
                if matches!(&e.value.kind, ValueKind::Array(items) if items.is_empty()) {
                    out.report(
                        e.value.span,
                        format!("`{}.{}` lists no principals", m.key, e.key),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": [ ]}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;
        assert_eq!(
            findings_of("EMPTY_ARRAY_PRINCIPAL", src, resource()),
            vec!["[ ]".to_string()]
        );
        assert_findings!("EMPTY_ARRAY_PRINCIPAL", src, resource());
        let src = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root", "Service": []}, "Action": "s3:*", "Resource": "*"}}"#;
        assert_eq!(
            findings_of("EMPTY_ARRAY_PRINCIPAL", src, resource()),
            vec!["[]".to_string()]
        );
        assert_findings!("EMPTY_ARRAY_PRINCIPAL", src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["111122223333"]}, "Action": "s3:GetObject", "Resource": []}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
        ] {
            assert!(
                findings_of("EMPTY_ARRAY_PRINCIPAL", src, resource()).is_empty(),
                "{src}"
            );
        }
    }
}
