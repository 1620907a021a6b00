//! `WARDEN_ALLOW_NEVER_APPLIES` and `WARDEN_DENY_NEVER_APPLIES`: a
//! statement that matches no request at all, so it grants, or protects,
//! nothing.

use super::super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_policy::policy::{Effect, PrincipalKind, PrincipalValue, Statement};
use warden_policy::Policy;
use warden_policy::Span;

/// The rule for Allow statements.
pub static ALLOW: NeverApplies = NeverApplies {
    effect: Effect::Allow,
    info: RuleInfo {
        code: "WARDEN_ALLOW_NEVER_APPLIES",
        finding_type: FindingType::Warning,
        summary: "An Allow statement matches no request: it grants nothing.",
        documentation: "What: an Allow statement that no request can match, proven by Warden's exact reasoning: its conditions contradict each other (`NumericLessThan` 5 and `NumericGreaterThan` 10 on one key, `StringEquals` and `StringNotEquals` with the same value, `Null: true` with a test that needs the key), or `NotAction`/`NotResource` excludes everything (`\"*\"`).\nWhy: the statement was written to grant something and grants nothing; the access it was meant for fails, or is granted elsewhere in a way nobody reviewed.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:RequestedRegion\": \"eu-west-1\"}, \"StringNotEquals\": {\"aws:RequestedRegion\": \"eu-west-1\"}}}`.\nFix: correct the conditions to the intended restriction, or remove the statement.",
    },
};

/// The rule for Deny statements.
pub static DENY: NeverApplies = NeverApplies {
    effect: Effect::Deny,
    info: RuleInfo {
        code: "WARDEN_DENY_NEVER_APPLIES",
        finding_type: FindingType::SecurityWarning,
        summary: "A Deny statement matches no request: it protects nothing.",
        documentation: "What: a Deny statement that no request can match, proven by Warden's exact reasoning: its conditions contradict each other, or `NotAction`/`NotResource`/`NotPrincipal` excludes everything (`\"*\"`).\nWhy: a Deny is a guardrail; this one never fires, so everything it appears to forbid is still allowed wherever another policy allows it.\nExample: `{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}, \"Null\": {\"aws:SecureTransport\": \"true\"}}}` (the key cannot be both `false` and absent).\nFix: correct the conditions so the Deny applies when intended (separate statements for alternatives: conditions in one statement must all hold).",
    },
};

/// Reports, at the statement's conditions (or its `Not…` element), each
/// statement of one effect that the prover shows matches no request.
pub struct NeverApplies {
    effect: Effect,
    info: RuleInfo,
}

impl Rule for NeverApplies {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(policy) = cx.policy else { return };
        let kind = super::kind(cx);
        for st in &policy.statements {
            if st.effect.value != self.effect || !super::complete(st, kind) {
                continue;
            }
            let Some(span) = suspect(policy, st) else {
                continue;
            };
            if super::never_applies(policy, st, kind) {
                let what = match self.effect {
                    Effect::Allow => "it grants nothing",
                    Effect::Deny => "it denies nothing",
                };
                out.report(span, format!("no request matches this statement: {what}"));
            }
        }
    }
}

/// A necessary test, and where to report: a statement can match no request
/// only if a `Not…` element lists `*` (that element), or the conditions it
/// puts on one key can never all hold (its `Condition` block) — and any
/// action, resource and value being possible, only where two conditions
/// test the key and no candidate value satisfies both ([`super::probe`]).
fn suspect(policy: &Policy, st: &Statement) -> Option<Span> {
    for el in [&st.action, &st.resource].into_iter().flatten() {
        if el.negated && el.values.iter().any(|v| v.value == "*") {
            return Some(el.span);
        }
    }
    if let Some(p) = &st.principal {
        let everyone = match &p.value {
            PrincipalValue::Wildcard => true,
            PrincipalValue::Typed(entries) => entries
                .iter()
                .any(|e| e.kind == PrincipalKind::Aws && e.values.iter().any(|v| v.value == "*")),
        };
        if p.negated && everyone {
            return Some(p.span);
        }
    }
    let contradiction = super::by_key(st).iter().any(|group| {
        group.len() > 1 && super::probe(policy, group).is_none_or(|holds| !holds.contains(&true))
    });
    if contradiction {
        st.condition_span
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    #[test]
    fn contradictory_conditions_trigger() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": "5"}, "NumericGreaterThan": {"s3:max-keys": "10"}}}]}"#;
        assert_eq!(
            findings_of("WARDEN_ALLOW_NEVER_APPLIES", src, identity()),
            vec![r#"{"NumericLessThan": {"s3:max-keys": "5"}, "NumericGreaterThan": {"s3:max-keys": "10"}}"#.to_string()]
        );
        assert_findings!("WARDEN_ALLOW_NEVER_APPLIES", src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}, "Null": {"aws:SecureTransport": "true"}}}]}"#;
        assert_eq!(
            findings_of("WARDEN_DENY_NEVER_APPLIES", src, identity()).len(),
            1
        );
        assert_findings!("WARDEN_DENY_NEVER_APPLIES", src, identity());
    }

    #[test]
    fn excluding_everything_triggers() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "*", "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("WARDEN_DENY_NEVER_APPLIES", src, identity()),
            vec![r#""*""#.to_string()]
        );
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": "*", "Action": "s3:*", "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("WARDEN_DENY_NEVER_APPLIES", src, resource()),
            vec![r#""*""#.to_string()]
        );
        assert_findings!("WARDEN_DENY_NEVER_APPLIES", src, resource());
    }

    #[test]
    fn satisfiable_statements_are_clean() {
        for src in [
            // A range with room in it.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericGreaterThan": {"s3:max-keys": "5"}, "NumericLessThan": {"s3:max-keys": "10"}}}]}"#,
            // Different values: a third one satisfies both.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}, "StringNotLike": {"aws:RequestedRegion": "us-*"}}}]}"#,
            // `IfExists` holds when the key is absent.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}, "Null": {"aws:SecureTransport": "true"}}}]}"#,
            // `NotAction` of one service leaves the others.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]}"#,
        ] {
            assert_eq!(
                findings_of("WARDEN_ALLOW_NEVER_APPLIES", src, identity()),
                Vec::<String>::new(),
                "{src}"
            );
            assert_eq!(
                findings_of("WARDEN_DENY_NEVER_APPLIES", src, identity()),
                Vec::<String>::new(),
                "{src}"
            );
        }
    }
}
