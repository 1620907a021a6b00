//! `REDUNDANT_STATEMENT`: a statement that another statement of the same
//! effect provably covers.

use super::super::Rule;
use super::{overlap, Entries};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use std::collections::BTreeSet;
use warden_policy::policy::{
    Condition, PrincipalElement, PrincipalKind, PrincipalValue, Statement,
};
use warden_policy::Policy;

/// The rule.
pub static RULE: RedundantStatement = RedundantStatement;

/// Reports, at the statement, each statement that another statement of the
/// same effect covers in principals, actions, resources and conditions.
pub struct RedundantStatement;

static INFO: RuleInfo = RuleInfo {
    code: "REDUNDANT_STATEMENT",
    finding_type: FindingType::Suggestion,
    summary: "A statement is covered by another statement with the same effect.",
    documentation: "What: another statement with the same `Effect` applies to every request this one applies to: its principals include these, its actions and resources match everything these match, and its conditions are the same or fewer (a condition this statement lacks, or a positive condition listing more values, only widens the other). The commonest case is a statement pasted twice. Warden reports only what it can prove: principals compare as written, condition values must match exactly except where a positive operator lists a superset.\nWhy: the statement adds nothing; worse, someone editing one copy later may believe they changed the policy when the other copy still grants (or denies) the same.\nExample: two statements `{\"Effect\": \"Allow\", \"Action\": \"dynamodb:GetItem\", \"Resource\": \"arn:aws:dynamodb:us-east-1:111122223333:table/orders\"}` and `{\"Effect\": \"Allow\", \"Action\": \"dynamodb:*\", \"Resource\": \"arn:aws:dynamodb:us-east-1:111122223333:table/*\"}`.\nFix: remove the redundant statement (keep the wider one), or narrow the wider one if it grants more than intended.",
};

impl Rule for RedundantStatement {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(policy) = cx.policy else { return };
        for (s, by) in policy.statements.iter().zip(covering(policy)) {
            let Some(t) = by.and_then(|j| policy.statements.get(j)) else {
                continue;
            };
            let name = match &t.sid {
                Some(sid) if !sid.value.is_empty() => format!("statement `{}`", sid.value),
                _ => format!("statement {}", t.index + 1),
            };
            out.report(
                s.span,
                format!(
                    "this statement is redundant: {name} has the same effect and applies to every request this one applies to"
                ),
            );
        }
    }
}

/// Per statement, the statement this rule finds covering it, if any (of
/// two that cover each other, the earlier covers the later).
pub(crate) fn covering(policy: &Policy) -> Vec<Option<usize>> {
    if policy.statements.len() < 2 {
        return vec![None; policy.statements.len()];
    }
    super::with_statements(policy, |lists| {
        let sts: Vec<Prepared<'_>> = policy
            .statements
            .iter()
            .zip(lists)
            .map(|(st, l)| Prepared {
                st,
                actions: l.actions.as_ref(),
                resources: l.resources.as_ref(),
            })
            .collect();
        (0..sts.len())
            .map(|i| {
                sts.iter().enumerate().position(|(j, t)| {
                    j != i && covers(t, &sts[i]) && (j < i || !covers(&sts[i], t))
                })
            })
            .collect()
    })
}

/// A statement with its entries' patterns.
struct Prepared<'a> {
    st: &'a Statement,
    actions: Option<&'a (bool, Entries)>,
    resources: Option<&'a (bool, Entries)>,
}

/// Whether `t` applies to every request that `s` applies to, with the same effect.
fn covers(t: &Prepared<'_>, s: &Prepared<'_>) -> bool {
    // A conjunction of pure tests: the cheapest and most selective first.
    t.st.effect.value == s.st.effect.value
        && t.st.principal.is_some() == s.st.principal.is_some()
        && match (t.actions, s.actions) {
            (Some(ta), Some(sa)) => list_covers(ta, sa),
            _ => false,
        }
        && match (t.resources, s.resources) {
            (None, None) => true,
            (Some(tr), Some(sr)) => list_covers(tr, sr),
            _ => false,
        }
        && conditions_cover(&t.st.conditions, &s.st.conditions)
        && principals_cover(t.st.principal.as_ref(), s.st.principal.as_ref())
}

/// The principals of an element, or `None` for "everyone" (`"*"` or `{"AWS": "*"}`).
fn principal_set(p: &PrincipalElement) -> Option<BTreeSet<(u8, &str)>> {
    let PrincipalValue::Typed(entries) = &p.value else {
        return None;
    };
    let kind = |k: PrincipalKind| match k {
        PrincipalKind::Aws => 0u8,
        PrincipalKind::Service => 1,
        PrincipalKind::Federated => 2,
        PrincipalKind::CanonicalUser => 3,
    };
    let set: BTreeSet<(u8, &str)> = entries
        .iter()
        .flat_map(|e| {
            e.values
                .iter()
                .map(move |v| (kind(e.kind), v.value.as_str()))
        })
        .collect();
    if set.contains(&(0, "*")) {
        return None;
    }
    Some(set)
}

fn principals_cover(t: Option<&PrincipalElement>, s: Option<&PrincipalElement>) -> bool {
    match (t, s) {
        (None, None) => true,
        (Some(t), Some(s)) if t.negated == s.negated => {
            match (principal_set(t), principal_set(s)) {
                // `Principal`: more principals is wider; `NotPrincipal`: fewer is wider.
                (None, None) => true,
                (None, Some(_)) => !t.negated,
                (Some(_), None) => s.negated,
                (Some(tp), Some(sp)) if t.negated => tp.is_subset(&sp),
                (Some(tp), Some(sp)) => sp.is_subset(&tp),
            }
        }
        _ => false,
    }
}

/// Whether the entries of `t` match everything that those of `s` match,
/// with `NotAction`/`NotResource` read as complements.
fn list_covers(t: &(bool, Entries), s: &(bool, Entries)) -> bool {
    let (tp, sp) = (&t.1, &s.1);
    match (t.0, s.0) {
        (false, false) => {
            tp.may_contain_all(sp) && (0..sp.entries.len()).all(|i| tp.contains_any(sp, i))
        }
        // The complement of ∪S lies in the complement of ∪T iff ∪T ⊆ ∪S.
        (true, true) => {
            sp.may_contain_all(tp) && (0..tp.entries.len()).all(|i| sp.contains_any(tp, i))
        }
        // Everything S names must avoid everything T excludes.
        (true, false) => {
            (0..sp.entries.len()).all(|i| (0..tp.entries.len()).all(|j| !overlap(sp, i, tp, j)))
        }
        // A complement is inside a union only if the union is everything.
        (false, true) => tp.has_everything(),
    }
}

/// Whether the operator matches more when it lists more values: positive
/// operators (any listed value may match), not negated ones or `Null`.
fn wider_with_more_values(c: &Condition) -> bool {
    c.operator
        .is_some_and(|op| !op.kind.is_negated() && op.kind.name() != "Null")
}

/// Whether every condition of `t` is implied by one of `s`: the same
/// operator and key with the same values, or, for positive operators, `s`
/// listing a subset of `t`'s values.
fn conditions_cover(t: &[Condition], s: &[Condition]) -> bool {
    fn values(c: &Condition) -> BTreeSet<(&str, bool)> {
        c.values
            .iter()
            .map(|v| {
                (
                    v.text.as_str(),
                    matches!(v.kind, warden_policy::policy::ScalarKind::String),
                )
            })
            .collect()
    }
    t.iter().all(|tc| {
        s.iter().any(|sc| {
            sc.operator_text.value == tc.operator_text.value
                && sc.key.value.eq_ignore_ascii_case(&tc.key.value)
                && {
                    let (tv, sv) = (values(tc), values(sc));
                    tv == sv || (wider_with_more_values(tc) && !sv.is_empty() && sv.is_subset(&tv))
                }
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "REDUNDANT_STATEMENT";

    const NARROW: &str = r#"{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders"}"#;
    const WIDE: &str = r#"{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/*"}"#;

    fn policy(statements: &[&str]) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#,
            statements.join(", ")
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        // The narrower statement is reported, wherever it stands.
        for order in [[NARROW, WIDE], [WIDE, NARROW]] {
            assert_eq!(
                findings_of(CODE, &policy(&order), identity()),
                vec![NARROW.to_string()]
            );
            assert_findings!(CODE, &policy(&order), identity());
        }
        // Of two identical statements, the later one.
        let dup = r#"{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}"#;
        let dup2 = r#"{"Effect": "Deny", "Action": "s3:deletebucket", "Resource": "*"}"#;
        assert_eq!(
            findings_of(CODE, &policy(&[dup, dup2]), identity()),
            vec![dup2.to_string()]
        );
        assert_findings!(CODE, &policy(&[dup, dup2]), identity());
        // Extra conditions and fewer principals only narrow a statement.
        let wide = r#"{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]}, "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpc": ["vpc-1111aaaa", "vpc-2222bbbb"]}}}"#;
        let narrow = r#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1111aaaa"}, "Bool": {"aws:SecureTransport": "true"}}}"#;
        assert_eq!(
            findings_of(CODE, &policy(&[wide, narrow]), resource()),
            vec![narrow.to_string()]
        );
        assert_findings!(CODE, &policy(&[wide, narrow]), resource());
        // NotAction: excluding less is wider.
        let not_wide = r#"{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}"#;
        let named = r#"{"Effect": "Deny", "Action": ["s3:PutObject", "ec2:RunInstances"], "Resource": "*"}"#;
        assert_eq!(
            findings_of(CODE, &policy(&[not_wide, named]), identity()),
            vec![named.to_string()]
        );
        assert_findings!(CODE, &policy(&[not_wide, named]), identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let cases: [&[&str]; 5] = [
            // Different effects.
            &[
                NARROW,
                r#"{"Effect": "Deny", "Action": "dynamodb:*", "Resource": "*"}"#,
            ],
            // The wider one has a condition the narrower lacks.
            &[
                NARROW,
                r#"{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}"#,
            ],
            // A negated operator with more values is narrower, not wider.
            &[
                r#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpc": ["vpc-1111aaaa", "vpc-2222bbbb"]}}}"#,
                r#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-1111aaaa"}}}"#,
            ],
            // NotAction overlapping the other's actions.
            &[
                r#"{"Effect": "Deny", "NotAction": "s3:Get*", "Resource": "*"}"#,
                r#"{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}"#,
            ],
            // Overlapping, neither inside the other.
            &[
                r#"{"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::example-bucket/*"}"#,
                r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}"#,
            ],
        ];
        for c in cases {
            let got = findings_of(CODE, &policy(c), identity());
            assert!(got.is_empty(), "{c:?}: {got:?}");
        }
    }
}
