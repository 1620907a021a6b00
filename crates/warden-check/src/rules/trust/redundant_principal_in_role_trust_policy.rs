//! `REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY`: an assumed-role session
//! principal listed next to its role.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_catalog::glob::has_wildcard;
use warden_policy::arn::split_fields;
use warden_policy::policy::{PrincipalKind, PrincipalValue};

/// The rule.
pub static RULE: RedundantPrincipal = RedundantPrincipal;

/// Reports assumed-role principals (at the value) whose role is in the same
/// `Principal` element of a role trust policy.
pub struct RedundantPrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
    finding_type: FindingType::Suggestion,
    summary: "An assumed-role principal is listed together with its role.",
    documentation: "What: the `AWS` principals of a role trust policy statement include both a role (`arn:aws:iam::<account>:role/<path/><name>`) and a session of that role (`arn:aws:sts::<account>:assumed-role/<name>/<session>`).\nWhy: naming the role already covers every session of it, so the session entry adds nothing and only makes the trust harder to read.\nExample: `\"AWS\": [\"arn:aws:iam::111122223333:role/deploy\", \"arn:aws:sts::111122223333:assumed-role/deploy/ci\"]`.\nFix: remove the assumed-role entry (or the role entry, if only that one session was meant to be trusted).",
};

/// (partition, account, role name) of a role ARN.
fn role(value: &str) -> Option<(&str, &str, &str)> {
    let [_, partition, service, _, account, resource] = split_fields(value)?;
    let name = resource.strip_prefix("role/")?.rsplit('/').next()?;
    (service == "iam" && !name.is_empty()).then_some((partition, account, name))
}

/// (partition, account, role name) of an assumed-role ARN.
fn assumed_role(value: &str) -> Option<(&str, &str, &str)> {
    let [_, partition, service, _, account, resource] = split_fields(value)?;
    let (name, session) = resource.strip_prefix("assumed-role/")?.split_once('/')?;
    // AWS's reference shows the `iam` service in its example; the ARN that STS
    // issues has `sts`. Both are recognised.
    (matches!(service, "sts" | "iam") && !name.is_empty() && !session.is_empty())
        .then_some((partition, account, name))
}

impl Rule for RedundantPrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(PrincipalValue::Typed(entries)) = st.principal.as_ref().map(|p| &p.value)
            else {
                continue;
            };
            let aws: Vec<_> = entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Aws)
                .flat_map(|e| &e.values)
                .filter(|v| !has_wildcard(&v.value))
                .collect();
            for v in &aws {
                let Some(session) = assumed_role(&v.value) else {
                    continue;
                };
                if let Some(parent) = aws.iter().find(|r| role(&r.value) == Some(session)) {
                    out.report(
                        v.span,
                        format!(
                            "the assumed-role principal {} is redundant with its parent role {}",
                            v.value, parent.value
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, trust};

    const CODE: &str = "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/ci/deploy", "arn:aws:sts::111122223333:assumed-role/deploy/run-42"]}, "Action": "sts:AssumeRole"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, trust()),
            vec![r#""arn:aws:sts::111122223333:assumed-role/deploy/run-42""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            // Another account's role of the same name.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::444455556666:role/deploy", "arn:aws:sts::111122223333:assumed-role/deploy/run-42"]}, "Action": "sts:AssumeRole"}]}"#,
            // Another role.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/build", "arn:aws:sts::111122223333:assumed-role/deploy/run-42"]}, "Action": "sts:AssumeRole"}]}"#,
        ] {
            assert!(findings_of(CODE, src, trust()).is_empty(), "{src}");
        }
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
