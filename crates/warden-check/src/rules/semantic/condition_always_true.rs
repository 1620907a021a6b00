//! `WARDEN_CONDITION_ALWAYS_TRUE`: an Allow statement's `Condition` block
//! that every request satisfies.

use super::super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_policy::operator::{Family, OperatorKind, SetQualifier};
use warden_policy::policy::{Condition, Effect};
use warden_prove::PolicyKind;

/// The rule.
pub static RULE: ConditionAlwaysTrue = ConditionAlwaysTrue;

/// Reports, at the `Condition` block, each Allow statement whose conditions
/// the prover shows every request satisfies.
pub struct ConditionAlwaysTrue;

static INFO: RuleInfo = RuleInfo {
    code: "WARDEN_CONDITION_ALWAYS_TRUE",
    finding_type: FindingType::SecurityWarning,
    summary: "An Allow statement's conditions hold for every request: they restrict nothing.",
    documentation: "What: an Allow statement with a `Condition` block that every request satisfies, proven by Warden's exact reasoning (the statement with the block allows exactly what it allows without it). Typical causes: `…IfExists` with a pattern that matches every value (`StringLikeIfExists` with `*`), `ForAllValues` over a key that may be absent or whose every value matches, `Null` checks on keys that are always there, a range that covers every number.\nWhy: the block reads like a restriction (to a network, a tag, an organization) and reviewers trust it, but the statement grants exactly what it would grant without it.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringLikeIfExists\": {\"aws:SourceVpc\": \"*\"}}}`.\nFix: write the restriction that was meant (drop `IfExists` so the key must be present, use a specific value, `ForAnyValue` instead of `ForAllValues` where one match must exist), or remove the block if no restriction is wanted.",
};

impl Rule for ConditionAlwaysTrue {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(policy) = cx.policy else { return };
        let kind = super::kind(cx);
        for st in &policy.statements {
            let Some(span) = st.condition_span else {
                continue;
            };
            if st.effect.value != Effect::Allow
                || st.conditions.is_empty()
                || !super::complete(st, kind)
                || !st.conditions.iter().all(|c| may_always_hold(c, kind))
            {
                continue;
            }
            // A candidate request on which the conditions of one key fail
            // shows the block restricts something.
            let falsified = super::by_key(st).iter().any(|group| {
                super::probe(policy, group).is_some_and(|holds| holds.contains(&false))
            });
            if falsified {
                continue;
            }
            let bare = super::alone(policy, st, |s| s.conditions.clear());
            let with = super::alone(policy, st, |_| {});
            let verdict = warden_prove::no_new_access(
                warden_prove::Input {
                    name: "without the condition",
                    policy: &bare,
                },
                warden_prove::Input {
                    name: "with the condition",
                    policy: &with,
                },
                kind,
            );
            if matches!(verdict, warden_prove::Verdict::Pass) {
                out.report(
                    span,
                    "these conditions hold for every request: the statement allows exactly what it would allow without them",
                );
            }
        }
    }
}

/// A necessary test: a condition can hold for every request only if it
/// holds when its key is absent (`…IfExists`, `ForAllValues`, `Null`) or
/// the key is always present (the keys the caller's identity gives, on the
/// identity side), and its values can cover every present value: a pattern
/// with `*` (no finite list of texts, numbers or dates covers them all),
/// both booleans, a `/0` block, or `Null` with `false`. A negated operator
/// fails on the values it lists, so it never holds for every request.
fn may_always_hold(c: &Condition, kind: PolicyKind) -> bool {
    let Some(op) = c.operator else { return false };
    let always_present = kind == PolicyKind::Identity
        && warden_prove::concrete::DERIVED_IDENTITY_KEYS
            .contains(&c.key.value.to_ascii_lowercase().as_str());
    let has = |text: &str| c.values.iter().any(|v| v.text.eq_ignore_ascii_case(text));
    if op.kind == OperatorKind::Null {
        return has("false") && (has("true") || always_present);
    }
    let absent_ok = op.if_exists || op.set == Some(SetQualifier::ForAllValues);
    if !(absent_ok || always_present) || op.kind.is_negated() {
        return false;
    }
    match op.kind.family() {
        Family::String if matches!(op.kind, OperatorKind::StringLike) => {
            c.values.iter().any(|v| v.text.contains('*'))
        }
        Family::Arn => c.values.iter().any(|v| v.text.contains('*')),
        Family::Bool => has("true") && has("false"),
        Family::Ip => c.values.iter().any(|v| v.text.ends_with("/0")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "WARDEN_CONDITION_ALWAYS_TRUE";

    #[test]
    fn triggers_at_the_condition_block() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLikeIfExists": {"aws:SourceVpc": "*"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#"{"StringLikeIfExists": {"aws:SourceVpc": "*"}}"#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        // Every value of the tag keys matches, and an absent key passes
        // `ForAllValues`; the caller's ARN is always there on the identity
        // side.
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringLike": {"aws:TagKeys": "*"}, "StringLike": {"aws:PrincipalArn": "arn:*"}, "NumericGreaterThanEqualsIfExists": {"aws:MultiFactorAuthAge": "-1"}, "NumericLessThanIfExists": {"aws:MultiFactorAuthAge": "0"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()).len(),
            0,
            "a number below -1 exists"
        );
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringLike": {"aws:TagKeys": "*"}, "Null": {"aws:PrincipalArn": "false"}}}]}"#;
        assert_eq!(findings_of(CODE, src, identity()).len(), 1);
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_misses_are_clean() {
        for src in [
            // The key must be present without `IfExists`.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:SourceVpc": "*"}}}]}"#,
            // A value that does not match restricts.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLikeIfExists": {"aws:SourceVpc": "vpc-*"}}}]}"#,
            // A tag key outside the list fails `ForAllValues`.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}}]}"#,
            // A Deny that always applies is what it says.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLikeIfExists": {"aws:SourceVpc": "*"}}}]}"#,
            // `Null: false` requires a key that may be absent.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Null": {"aws:SourceVpc": "false"}}}]}"#,
        ] {
            assert_eq!(
                findings_of(CODE, src, identity()),
                Vec::<String>::new(),
                "{src}"
            );
        }
        // On the resource side no key is always present.
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalArn": "*"}}}]}"#;
        assert_eq!(findings_of(CODE, src, resource()), Vec::<String>::new());
    }
}
