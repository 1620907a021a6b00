//! Helpers shared by the condition rules: walking the conditions of a policy
//! and classifying condition keys against the catalog.

use crate::CheckContext;
use warden_catalog::{ConditionKey, Service};
use warden_policy::policy::{Condition, Statement};

/// Every (statement, condition) pair of the checked policy, in source order.
pub(super) fn conditions<'a>(
    cx: &CheckContext<'a>,
) -> impl Iterator<Item = (&'a Statement, &'a Condition)> + 'a {
    cx.policy
        .into_iter()
        .flat_map(|p| &p.statements)
        .flat_map(|st| st.conditions.iter().map(move |c| (st, c)))
}

/// What a condition key name is, as far as the catalog can tell.
#[derive(Debug, Clone, Copy)]
pub(super) enum KeyClass {
    /// Not of the form `service:keyname`.
    BadFormat,
    /// A key the catalog knows (possibly through a template).
    Known(ConditionKey),
    /// A tag key template written without its tag key: `aws:ResourceTag`,
    /// `aws:RequestTag/`. The string is the spelling AWS expects as prefix
    /// (`aws:ResourceTag/`).
    MissingTagKey(&'static str),
    /// A key that the catalog does not list but that AWS's own managed
    /// policies use (see [`UNDOCUMENTED`]): not judged.
    Undocumented,
    /// `aws:ARN`, which AWS documents as unsupported.
    UnsupportedArn,
    /// An `aws:` key the catalog does not know.
    UnknownGlobal,
    /// A key of a known service that the catalog does not list.
    UnknownService(Service),
    /// A prefix that is no service the catalog knows (identity provider keys
    /// such as `accounts.google.com:aud`, retired services, ...): not judged.
    UnknownPrefix,
}

/// Classifies the key `name`. Every condition rule classifies every key, so
/// results are memoised per thread (the catalog's template matching is the
/// expensive part).
pub(super) fn classify(name: &str) -> KeyClass {
    thread_local! {
        static MEMO: crate::memo::Memo<KeyClass> = crate::memo::Memo::new();
    }
    MEMO.with(|m| m.get_or(name, || classify_uncached(name)))
}

fn classify_uncached(name: &str) -> KeyClass {
    let Some((prefix, rest)) = name.split_once(':') else {
        return KeyClass::BadFormat;
    };
    if prefix.is_empty() || rest.is_empty() || name.chars().any(char::is_whitespace) {
        return KeyClass::BadFormat;
    }
    if let Some(k) = warden_catalog::condition_key(name).or_else(|| literal_tag_template(name)) {
        return KeyClass::Known(k);
    }
    if UNDOCUMENTED.iter().any(|u| u.eq_ignore_ascii_case(name)) {
        return KeyClass::Undocumented;
    }
    if name.eq_ignore_ascii_case("aws:ARN") {
        return KeyClass::UnsupportedArn;
    }
    if let Some(t) = missing_tag_key(name) {
        return KeyClass::MissingTagKey(t);
    }
    if prefix.eq_ignore_ascii_case("aws") {
        return KeyClass::UnknownGlobal;
    }
    match warden_catalog::service(prefix) {
        Some(s) => KeyClass::UnknownService(s),
        None => KeyClass::UnknownPrefix,
    }
}

/// Keys missing from the Service Authorization Reference that AWS itself
/// uses in managed policies, so that they evidently exist in request contexts.
const UNDOCUMENTED: &[&str] = &[
    // AWSSSOServiceRolePolicy
    "aws:PrincipalOrgMasterAccountId",
    // AmazonDataZoneGlueManageAccessRolePolicy
    "lakeformation:GlueARN",
];

/// A few service keys are listed with a literal `/tag-key` placeholder
/// (`secretsmanager:ResourceTag/tag-key`) and not marked as templates.
fn literal_tag_template(name: &str) -> Option<ConditionKey> {
    let (prefix, _) = name.split_once(':')?;
    warden_catalog::service(prefix)?
        .condition_keys()
        .find(|&k| {
            !k.is_template()
                && tag_template_stem(k).is_some_and(|stem| {
                    name.len() > stem.len()
                        && name
                            .get(..stem.len())
                            .is_some_and(|h| h.eq_ignore_ascii_case(stem))
                })
        })
}

/// The literal part before the placeholder of a tag key template
/// (`aws:RequestTag/` for `aws:RequestTag/${TagKey}`).
fn tag_template_stem(k: ConditionKey) -> Option<&'static str> {
    let t = k.name();
    let at = if k.is_template() {
        t.find("${").or_else(|| t.find('<'))?
    } else {
        let at = t.len().checked_sub("tag-key".len())?;
        t.get(at..)?.eq_ignore_ascii_case("tag-key").then_some(at)?
    };
    let lit = t.get(..at)?;
    (lit.ends_with('/') && lit.to_ascii_lowercase().contains("tag")).then_some(lit)
}

/// When `name` is a tag key template without its tag key (`aws:RequestTag`,
/// `s3:ExistingObjectTag/`), the template's literal prefix (`aws:RequestTag/`).
fn missing_tag_key(name: &str) -> Option<&'static str> {
    let bare = name.strip_suffix('/').unwrap_or(name);
    warden_catalog::condition_keys()
        .filter_map(tag_template_stem)
        .find(|lit| {
            lit.get(..lit.len() - 1)
                .is_some_and(|s| s.eq_ignore_ascii_case(bare))
        })
}

/// Whether `name` is the `aud` (audience) claim of an identity provider:
/// `accounts.google.com:aud`, `cognito-identity.amazonaws.com:aud`,
/// `oidc.example.com/id/ABC:aud`.
pub(super) fn is_audience_claim(name: &str) -> bool {
    name.rsplit_once(':').is_some_and(|(provider, claim)| {
        !provider.is_empty()
            && !provider.eq_ignore_ascii_case("aws")
            && claim.eq_ignore_ascii_case("aud")
    })
}

/// The service principals a statement grants to or denies (`"Principal":
/// {"Service": ...}`); none for `NotPrincipal` and `"*"`.
pub(super) fn service_principals(st: &Statement) -> Vec<&warden_policy::policy::Spanned<String>> {
    use warden_policy::policy::{PrincipalKind, PrincipalValue};
    match &st.principal {
        Some(p) if !p.negated => match &p.value {
            PrincipalValue::Typed(entries) => entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Service)
                .flat_map(|e| &e.values)
                .collect(),
            PrincipalValue::Wildcard => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Whether the statement's principals are all service principals (and there
/// is at least one).
pub(super) fn only_service_principals(st: &Statement) -> bool {
    use warden_policy::policy::{PrincipalKind, PrincipalValue};
    match &st.principal {
        Some(p) if !p.negated => match &p.value {
            PrincipalValue::Typed(entries) => {
                entries.iter().any(|e| !e.values.is_empty())
                    && entries
                        .iter()
                        .all(|e| e.kind == PrincipalKind::Service || e.values.is_empty())
            }
            PrincipalValue::Wildcard => false,
        },
        _ => false,
    }
}

/// The keys that tie a service principal's access to a source resource,
/// account or organization (confused-deputy protection).
pub(super) const SOURCE_KEYS: &[&str] = &[
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
];

/// Whether the statement has a condition on one of [`SOURCE_KEYS`].
pub(super) fn has_source_key(st: &Statement) -> bool {
    st.conditions.iter().any(|c| {
        SOURCE_KEYS
            .iter()
            .any(|k| c.key.value.eq_ignore_ascii_case(k))
    })
}

/// Whether `text` holds a wildcard or a policy variable, so that its shape
/// cannot be judged.
pub(super) fn is_pattern(text: &str) -> bool {
    text.contains(['*', '?']) || text.contains("${")
}
