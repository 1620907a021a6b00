//! `EMPTY_OBJECT_PRINCIPAL`: `Principal` or `NotPrincipal` is an empty object.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_policy::json::ValueKind;

/// The rule.
pub static RULE: EmptyObjectPrincipal = EmptyObjectPrincipal;

/// Reports `"Principal": {}` (and `"NotPrincipal": {}`) at the empty object.
pub struct EmptyObjectPrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "EMPTY_OBJECT_PRINCIPAL",
    finding_type: FindingType::Suggestion,
    summary: "A statement's principal element is an empty object.",
    documentation: "What: `\"Principal\": {}` or `\"NotPrincipal\": {}`: the element is there but names no principal type at all.\nWhy: a `Principal` that names nobody matches no caller, so the statement has no effect on the policy; that is rarely what was meant.\nExample: `{\"Effect\": \"Allow\", \"Principal\": {}, \"Action\": \"sqs:SendMessage\", \"Resource\": \"*\"}` in a queue policy.\nFix: name the accounts, roles, services or identity providers the statement is for (`{\"AWS\": \"arn:aws:iam::111122223333:root\"}`), or remove the statement.",
};

impl Rule for EmptyObjectPrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for m in crate::rules::principal_members(cx) {
            if matches!(&m.value.kind, ValueKind::Object(entries) if entries.is_empty()) {
                out.report(
                    m.value.span,
                    format!(
                        "`{}` names no principals, so the statement has no effect",
                        m.key
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};

    const CODE: &str = "EMPTY_OBJECT_PRINCIPAL";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": { }, "Action": "sqs:SendMessage", "Resource": "*"}]}"#;
        assert_eq!(findings_of(CODE, src, resource()), vec!["{ }".to_string()]);
        assert_findings!(CODE, src, resource());
        let src = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotPrincipal": {}, "Action": "sqs:*", "Resource": "*"}}"#;
        assert_eq!(findings_of(CODE, src, resource()), vec!["{}".to_string()]);
        assert_findings!(CODE, src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        for p in [
            r#"{"AWS": []}"#,
            r#"{"AWS": "arn:aws:iam::111122223333:root"}"#,
            r#""*""#,
            r#"[]"#,
        ] {
            let src = format!(
                r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Principal": {p}, "Action": "sqs:SendMessage", "Resource": "*"}}]}}"#
            );
            let got = findings_of(CODE, &src, resource());
            assert!(got.is_empty(), "{p}: {got:?}");
        }
    }
}
