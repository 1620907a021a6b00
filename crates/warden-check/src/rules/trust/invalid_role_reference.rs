//! `INVALID_ROLE_REFERENCE`: an `AWS` principal given as a role's unique ID
//! (`AROA...`) instead of its ARN. Also holds the unique-ID check shared
//! with `INVALID_USER_REFERENCE`.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_policy::policy::{PrincipalKind, PrincipalValue};

/// The rule.
pub static RULE: UniqueIdReference = UniqueIdReference {
    info: RuleInfo {
        code: "INVALID_ROLE_REFERENCE",
        finding_type: FindingType::Warning,
        summary: "A principal names an IAM role by its unique ID instead of its ARN.",
        documentation: "What: an `AWS` entry of `Principal` or `NotPrincipal` is a role's unique ID (`AROA` followed by upper-case letters and digits) rather than the role's ARN.\nWhy: IAM itself stores a role ARN as the role's unique ID and shows the ID once the role is deleted; an ID in the text you write usually means a policy was copied from such a stored copy. The ID names one incarnation of the role: a role re-created under the same name gets a new ID, and the policy silently stops matching it.\nExample: `\"Principal\": {\"AWS\": \"AROAEXAMPLEID1234567\"}`.\nFix: write the role's ARN (`arn:aws:iam::111122223333:role/ops`); if the role no longer exists, remove the entry.",
    },
    prefix: "AROA",
    what: "role",
};

/// Reports `AWS` principal values that are unique IDs with a given prefix.
pub struct UniqueIdReference {
    info: RuleInfo,
    /// The unique-ID prefix (`AROA` for roles, `AIDA` for users).
    prefix: &'static str,
    /// What the ID names, for the message.
    what: &'static str,
}

impl UniqueIdReference {
    /// A rule for unique IDs starting with `prefix`, naming an IAM `what`.
    pub(super) const fn new(info: RuleInfo, prefix: &'static str, what: &'static str) -> Self {
        UniqueIdReference { info, prefix, what }
    }
}

/// Whether `text` is an IAM unique ID with `prefix`: the prefix and then
/// upper-case letters and digits, 16 to 128 characters in all.
fn is_unique_id(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix).is_some_and(|rest| {
        (16..=128).contains(&text.len())
            && rest
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    })
}

impl Rule for UniqueIdReference {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(p) = &st.principal else { continue };
            let PrincipalValue::Typed(entries) = &p.value else {
                continue;
            };
            for v in entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Aws)
                .flat_map(|e| &e.values)
            {
                if is_unique_id(&v.value, self.prefix) {
                    out.report(
                        v.span,
                        format!(
                            "the principal `{}` is an IAM {} ID; use the {} ARN instead",
                            v.value, self.what, self.what
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

    const CODE: &str = "INVALID_ROLE_REFERENCE";

    fn policy(principal: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Principal": {{"AWS": {principal}}}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(r#"["arn:aws:iam::111122223333:role/ops", "AROAEXAMPLEROLEID1234"]"#);
        assert_eq!(
            findings_of(CODE, &src, resource()),
            vec![r#""AROAEXAMPLEROLEID1234""#.to_string()]
        );
        assert_findings!(CODE, &src, resource());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "AROAEXAMPLEROLEID1234"}, "Action": "sts:AssumeRole"}]}"#;
        assert_eq!(
            findings_of(CODE, src, trust()),
            vec![r#""AROAEXAMPLEROLEID1234""#.to_string()]
        );
        assert_findings!(CODE, src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for p in [
            r#""arn:aws:iam::111122223333:role/AROAEXAMPLEROLEID1234""#,
            r#""AIDAEXAMPLEUSERID1234""#,
            r#""AROA""#,
            r#""aroaexampleroleid1234""#,
            r#""111122223333""#,
        ] {
            let got = findings_of(CODE, &policy(p), resource());
            assert!(got.is_empty(), "{p}: {got:?}");
        }
        let service = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "AROAEXAMPLEROLEID1234"}, "Action": "s3:GetObject", "Resource": "*"}]}"#;
        assert!(findings_of(CODE, service, resource()).is_empty());
    }
}
