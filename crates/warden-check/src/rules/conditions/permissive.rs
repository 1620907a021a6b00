//! The shared check of `WILDCARD_USAGE_TOO_PERMISSIVE` and
//! `VARIABLE_USAGE_TOO_PERMISSIVE`: a wildcard or policy variable, in the
//! value of a key that identifies the caller or the calling resource, with
//! too little fixed text in front of it.

use super::util::conditions;
use crate::finding::{Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::{Family, OperatorKind};
use warden_policy::policy::{Effect, ScalarKind};
use warden_policy::template::{Part, Template};

/// How many characters of fixed text a wildcard or variable needs in front
/// of it (counted from the start of the value or the previous wildcard or
/// variable).
pub(super) const MIN_LITERAL: usize = 6;

/// The keys AWS's global condition key reference calls sensitive: a
/// wildcard in their value has no valid use, since even a partial pattern
/// can match accounts, organizations or network paths the author does not
/// control.
const SENSITIVE_KEYS: &[&str] = &[
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:VpceAccount",
    "aws:VpceOrgID",
];

/// Other global keys that name who or what is calling, or the organization
/// path it comes from: patterns are normal in them, but a short fixed
/// prefix admits strangers.
const IDENTITY_KEYS: &[&str] = &[
    "aws:PrincipalArn",
    "aws:PrincipalOrgPaths",
    "aws:ResourceOrgPaths",
    "aws:SourceArn",
    "aws:SourceOrgPaths",
    "aws:SourceOwner",
    "aws:VpceOrgPaths",
    "aws:userid",
    "aws:username",
];

/// How strictly a key's values are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Strictness {
    /// A sensitive key: any wildcard or (caller-influenced) variable.
    Sensitive,
    /// A key that identifies the caller: too little fixed text in front.
    Identity,
}

/// How the key `name` is judged, if at all: [`SENSITIVE_KEYS`], then
/// [`IDENTITY_KEYS`] and the subject claims of identity providers
/// (`token.actions.githubusercontent.com:sub`, `accounts.google.com:sub`,
/// `saml:sub`, ...).
pub(super) fn strictness(name: &str) -> Option<Strictness> {
    if SENSITIVE_KEYS.iter().any(|k| k.eq_ignore_ascii_case(name)) {
        return Some(Strictness::Sensitive);
    }
    let claim = name.rsplit_once(':').is_some_and(|(provider, claim)| {
        !provider.is_empty()
            && !provider.eq_ignore_ascii_case("aws")
            && claim.eq_ignore_ascii_case("sub")
    });
    (claim || IDENTITY_KEYS.iter().any(|k| k.eq_ignore_ascii_case(name)))
        .then_some(Strictness::Identity)
}

/// Variables that AWS fills in from the account and organization structure,
/// never from anything the caller supplies: comparing an identity key with
/// one of them (`"aws:PrincipalAccount": "${aws:ResourceAccount}"`, the
/// same-account pattern AWS's own managed policies use) pins the caller to a
/// fixed account or organization, so such a variable counts as fixed text.
const FIXED_VARIABLES: &[&str] = &[
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:ResourceOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
];

fn is_fixed_variable(key: &str) -> bool {
    FIXED_VARIABLES.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// What is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token {
    /// `*` or `?` under an operator that reads them as wildcards.
    Wildcard,
    /// A policy variable.
    Variable,
}

/// The first `token` of `template` that is too loose: for a sensitive key
/// any one, for an identity key one with fewer than [`MIN_LITERAL`]
/// characters of fixed text before it; for `aws:userid` (`unique-id:session`)
/// also a wildcard inside the unique ID, before the first `:`, where a
/// pattern matches other principals' IDs instead of one principal's sessions.
/// Returns the number of fixed characters found before it.
pub(super) fn too_loose(
    template: &Template,
    token: Token,
    strictness: Strictness,
    userid: bool,
) -> Option<usize> {
    let needed = match strictness {
        Strictness::Sensitive => usize::MAX,
        Strictness::Identity => MIN_LITERAL,
    };
    let mut run = 0usize;
    let mut seen_colon = false;
    for part in &template.parts {
        match part {
            Part::Text(s) => {
                for ch in s.chars() {
                    if ch == '*' || ch == '?' {
                        if token == Token::Wildcard && (run < needed || (userid && !seen_colon)) {
                            return Some(run);
                        }
                        run = 0;
                    } else {
                        seen_colon |= ch == ':';
                        run += 1;
                    }
                }
            }
            Part::Escaped(_) => run += 1,
            Part::Var { key, .. } if is_fixed_variable(key) => run += MIN_LITERAL,
            Part::Var { .. } => {
                if token == Token::Variable && run < needed {
                    return Some(run);
                }
                run = 0;
            }
        }
    }
    None
}

/// One of the two rules.
pub struct TooPermissive {
    info: RuleInfo,
    token: Token,
}

impl TooPermissive {
    /// The rule `info`, looking for `token`.
    pub(super) const fn new(info: RuleInfo, token: Token) -> Self {
        TooPermissive { info, token }
    }
}

impl Rule for TooPermissive {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let variables = cx.policy.is_some_and(|p| p.variables_enabled());
        if self.token == Token::Variable && !variables {
            return;
        }
        for (st, c) in conditions(cx) {
            let Some(strict) = strictness(&c.key.value) else {
                continue;
            };
            let Some(op) = c.operator else { continue };
            if !matches!(op.kind.family(), Family::String | Family::Arn) {
                continue;
            }
            // For identity keys only a match that widens access counts: a
            // positive match in an Allow, a negated one (an exception) in a Deny.
            let widens = (st.effect.value == Effect::Allow) != op.kind.is_negated();
            if strict == Strictness::Identity && !widens {
                continue;
            }
            // Only `StringLike` and the ARN operators read `*` and `?` as wildcards.
            let wildcards = matches!(
                op.kind.positive(),
                OperatorKind::StringLike | OperatorKind::ArnLike | OperatorKind::ArnEquals
            );
            if self.token == Token::Wildcard && !wildcards {
                continue;
            }
            let userid = c.key.value.eq_ignore_ascii_case("aws:userid");
            for v in &c.values {
                if v.kind != ScalarKind::String {
                    continue;
                }
                // A lone `*` only tests presence (or always holds): the
                // `EQUIVALENT_TO_NULL_*` and `REDUNDANT_KEY_…` checks say so.
                if self.token == Token::Wildcard
                    && !v.text.is_empty()
                    && v.text.bytes().all(|b| b == b'*')
                {
                    continue;
                }
                let t = Template::parse(&v.text, variables);
                let Some(run) = too_loose(&t, self.token, strict, userid) else {
                    continue;
                };
                let what = match self.token {
                    Token::Wildcard => "a wildcard",
                    Token::Variable => "a policy variable",
                };
                let detail = if strict == Strictness::Sensitive {
                    format!(
                        "{} is a sensitive key, where patterns have no valid use",
                        c.key.value
                    )
                } else if userid && self.token == Token::Wildcard && run >= MIN_LITERAL {
                    "it sits inside the unique ID part of aws:userid".to_string()
                } else {
                    format!("it has only {run} fixed character(s) before it; at least {MIN_LITERAL} are needed")
                };
                out.report(
                    v.span,
                    format!(
                        "{what} in the value of {}: {detail}, so the condition can match callers it was not meant for",
                        c.key.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs() {
        let id = Strictness::Identity;
        let w = |s: &str, u: bool| too_loose(&Template::parse(s, true), Token::Wildcard, id, u);
        assert_eq!(w("repo:*", false), Some(5));
        assert_eq!(w("repo:example-org/*", false), None);
        assert_eq!(w("arn:aws:iam::*:role/*", false), None);
        assert_eq!(w("arn:aws:iam::*:*", false), Some(1));
        assert_eq!(w("${*}${*}${*}abc*", false), None);
        assert_eq!(w("AROAEXAMPLEID:*", true), None);
        assert_eq!(w("AROAEXAMPLEID*", true), Some(13));
        assert_eq!(w("*:alice", true), Some(0));
        let sens = |s: &str| {
            too_loose(
                &Template::parse(s, true),
                Token::Wildcard,
                Strictness::Sensitive,
                false,
            )
        };
        assert_eq!(sens("111122223333*"), Some(12));
        assert_eq!(sens("111122223333"), None);
        let v = |s: &str| too_loose(&Template::parse(s, true), Token::Variable, id, false);
        assert_eq!(v("${aws:username}"), Some(0));
        assert_eq!(v("${aws:ResourceAccount}"), None);
        assert_eq!(v("${aws:resourceorgid}${aws:PrincipalTag/x}"), None);
        assert_eq!(v("o-${aws:PrincipalTag/x}"), Some(2));
        assert_eq!(v("home/${aws:username}"), Some(5));
        assert_eq!(v("arn:aws:iam::111122223333:user/${aws:username}"), None);
        assert_eq!(
            strictness("token.actions.githubusercontent.com:sub"),
            Some(Strictness::Identity)
        );
        assert_eq!(strictness("AWS:PrincipalArn"), Some(Strictness::Identity));
        assert_eq!(strictness("aws:sourcevpce"), Some(Strictness::Sensitive));
        assert_eq!(strictness("aws:sub"), None);
        assert_eq!(strictness("s3:prefix"), None);
    }
}
