//! `RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY`: an RCP Deny keyed on the
//! calling principal that does not exempt AWS service principals. Also
//! holds the machinery shared by the RCP condition-key warnings.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};
use warden_policy::operator::{OperatorKind, SetQualifier};
use warden_policy::policy::{Condition, Effect, Statement};

/// The rule.
pub static RULE: RcpConditionKeyCheck = RcpConditionKeyCheck::new(
    RuleInfo {
        code: "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY",
        finding_type: FindingType::Warning,
        summary: "An RCP Deny on principal keys does not exempt AWS service principals.",
        documentation: "What: a Deny statement of a resource control policy has a condition on a key that describes the calling principal (`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:PrincipalTag/...`) that holds when the key is absent (a negated operator, `...IfExists`, `ForAllValues:`), but no condition `aws:PrincipalIsAWSService` is `false` (`Bool` or `BoolIfExists`).\nWhy: AWS service principals carry none of these keys, so such a condition is true for them and the Deny blocks the services that act on the account's resources (log delivery to a bucket, key use by a service), usually against the intent of an identity perimeter.\nExample: `\"Condition\": {\"StringNotEqualsIfExists\": {\"aws:PrincipalOrgID\": \"o-exampleorgid\"}}` alone in an RCP Deny.\nFix: add `\"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}` to the statement, and govern service principals with their own statement.",
    },
    KeySet::Principal,
    Guard::PrincipalIsAwsService("false"),
);

/// The keys a check is about.
#[derive(Debug, Clone, Copy)]
pub(super) enum KeySet {
    /// Keys describing the calling principal.
    Principal,
    /// Keys describing the resource a service acts for.
    Source,
}

impl KeySet {
    /// Whether `key` belongs to the set (names are case-insensitive).
    pub(super) fn contains(self, key: &str) -> bool {
        let key = key.to_ascii_lowercase();
        match self {
            KeySet::Principal => {
                matches!(
                    key.as_str(),
                    "aws:principalorgid"
                        | "aws:principalorgpaths"
                        | "aws:principalaccount"
                        | "aws:principalarn"
                ) || key.starts_with("aws:principaltag/")
            }
            KeySet::Source => matches!(
                key.as_str(),
                "aws:sourceaccount" | "aws:sourcearn" | "aws:sourceorgid" | "aws:sourceorgpaths"
            ),
        }
    }
}

/// The condition a statement needs for the keys to be safe.
#[derive(Debug, Clone, Copy)]
pub(super) enum Guard {
    /// `Bool`/`BoolIfExists` `aws:PrincipalIsAWSService` with this value.
    PrincipalIsAwsService(&'static str),
    /// `Null` on one of the source keys with `false`.
    SourceKeyPresent,
}

impl Guard {
    /// Whether the statement has the guarding condition.
    fn present(self, st: &Statement) -> bool {
        st.conditions.iter().any(|c| {
            let Some(op) = c.operator else { return false };
            let all = |want: &str| {
                !c.values.is_empty() && c.values.iter().all(|v| v.text.eq_ignore_ascii_case(want))
            };
            match self {
                Guard::PrincipalIsAwsService(want) => {
                    op.kind == OperatorKind::Bool
                        && op.set.is_none()
                        && c.key
                            .value
                            .eq_ignore_ascii_case("aws:PrincipalIsAWSService")
                        && all(want)
                }
                Guard::SourceKeyPresent => {
                    op.kind == OperatorKind::Null
                        && op.set.is_none()
                        && KeySet::Source.contains(&c.key.value)
                        && all("false")
                }
            }
        })
    }

    /// The condition to add, for messages.
    fn advice(self) -> &'static str {
        match self {
            Guard::PrincipalIsAwsService("false") => {
                "\"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}"
            }
            Guard::PrincipalIsAwsService(_) => {
                "\"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"true\"}"
            }
            Guard::SourceKeyPresent => {
                "\"Null\": {\"aws:SourceAccount\": \"false\"} (or the same check on aws:SourceArn)"
            }
        }
    }
}

/// Whether the condition holds for a request that lacks its key.
pub(super) fn true_when_absent(c: &Condition) -> bool {
    let Some(op) = c.operator else { return false };
    if op.kind == OperatorKind::Null {
        return c.values.iter().any(|v| v.text.eq_ignore_ascii_case("true"));
    }
    match op.set {
        Some(SetQualifier::ForAllValues) => true,
        Some(SetQualifier::ForAnyValue) => false,
        None => op.if_exists || op.kind.is_negated(),
    }
}

/// Reports, in RCP Deny statements, each condition key of a set that holds
/// when the key is absent, unless the statement has the guarding condition.
pub struct RcpConditionKeyCheck {
    info: RuleInfo,
    keys: KeySet,
    guard: Guard,
}

impl RcpConditionKeyCheck {
    /// A check of `keys` requiring `guard`.
    pub(super) const fn new(info: RuleInfo, keys: KeySet, guard: Guard) -> Self {
        RcpConditionKeyCheck { info, keys, guard }
    }
}

impl Rule for RcpConditionKeyCheck {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::ResourceControl {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if st.effect.value != Effect::Deny || self.guard.present(st) {
                continue;
            }
            for c in &st.conditions {
                if c.operator.is_some_and(|op| op.kind == OperatorKind::Null)
                    || !self.keys.contains(&c.key.value)
                    || !true_when_absent(c)
                {
                    continue;
                }
                out.report(
                    c.key.span,
                    format!(
                        "`{}` is absent from some requests, where this condition holds and the Deny applies; add {}",
                        c.key.value,
                        self.guard.advice()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, rcp, resource};

    const CODE: &str = "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY";

    fn policy(condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {condition}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src =
            policy(r#"{"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-exampleorgid"}}"#);
        assert_eq!(
            findings_of(CODE, &src, rcp()),
            vec![r#""aws:PrincipalOrgID""#.to_string()]
        );
        assert_findings!(CODE, &src, rcp());
        // A guard with the wrong value does not count.
        let src = policy(
            r#"{"StringNotEquals": {"aws:principaltag/team": "ops"}, "Bool": {"aws:PrincipalIsAWSService": "true"}}"#,
        );
        assert_eq!(
            findings_of(CODE, &src, rcp()),
            vec![r#""aws:principaltag/team""#.to_string()]
        );
        assert_findings!(CODE, &src, rcp());
    }

    #[test]
    fn near_miss_is_clean() {
        for c in [
            r#"{"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-exampleorgid"}, "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}"#,
            r#"{"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}, "Bool": {"aws:PrincipalIsAWSService": "false"}}"#,
            // False when the key is absent: service principals are not denied.
            r#"{"StringEquals": {"aws:PrincipalAccount": "444455556666"}}"#,
            r#"{"StringNotEquals": {"aws:SourceAccount": "111122223333"}}"#,
        ] {
            let got = findings_of(CODE, &policy(c), rcp());
            assert!(got.is_empty(), "{c}: {got:?}");
        }
        let src =
            policy(r#"{"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-exampleorgid"}}"#);
        assert!(findings_of(CODE, &src, resource()).is_empty());
    }
}
