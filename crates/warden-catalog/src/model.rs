//! The catalog's entry types: [`Service`], [`Action`],
//! [`ActionResourceType`], [`ResourceType`] and [`ConditionKey`].
//!
//! Each is a `Copy` handle (an index into the embedded tables): creating,
//! copying and comparing them is free, and every accessor reads the
//! embedded data directly. Handles order and compare by catalog position
//! (services by prefix, then entries by case-insensitive name).

use crate::arn;
use crate::data::{search, string};
use crate::generated::{
    ACTIONS, ACTION_RESOURCES, CONDITION_KEYS, GLOBAL_CK_START, RESOURCE_TYPES, SERVICES,
};
use crate::iter::{FromIndex, Iter, Sealed};
use crate::kinds::{AccessLevel, ConditionType};
use std::fmt;
use std::ops::Range;

macro_rules! handle {
    ($ty:ident) => {
        impl Sealed for $ty {}
        impl FromIndex for $ty {
            fn from_index(index: u32) -> Self {
                $ty(index)
            }
        }
    };
}

/// An AWS service, identified by its IAM prefix (`s3`, `ec2`, `iam`, ...).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Service(pub(crate) u32);

/// An IAM action of a service, such as `s3:GetObject`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Action(pub(crate) u32);

/// One row of an action's resource types: a resource type the action can
/// be scoped to, whether it is required, and the condition keys that apply
/// to it for this action.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActionResourceType(pub(crate) u32);

/// A resource type of a service, such as `s3`'s `object`, with its ARN
/// format(s).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResourceType(pub(crate) u32);

/// A condition key: a global `aws:` key or a service's key.
///
/// Names may be templates, such as `aws:RequestTag/${TagKey}` or
/// `s3:ExistingObjectTag/<key>`: [`ConditionKey::matches`] and
/// [`crate::condition_key`] accept any concrete key they stand for.
///
/// The same name can have several entries: the global list's and each
/// service table that lists it (their descriptions, and in rare cases their
/// types, differ). [`crate::condition_key`] returns the canonical one — the
/// global entry, else the entry of the service whose prefix the key carries.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConditionKey(pub(crate) u32);

handle!(Service);
handle!(Action);
handle!(ActionResourceType);
handle!(ResourceType);
handle!(ConditionKey);

fn non_empty(s: &'static str) -> Option<&'static str> {
    (!s.is_empty()).then_some(s)
}

fn range(start: u32, len: u32) -> Range<u32> {
    start..start.saturating_add(len)
}

/// The first index of `range` where `pred` is false, for a `pred` that is
/// true on a prefix of the range and false after it.
fn partition_point(range: Range<u32>, pred: impl Fn(u32) -> bool) -> u32 {
    let (mut lo, mut hi) = (range.start, range.end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

// ---------------------------------------------------------------------------

impl Service {
    /// The IAM prefix, e.g. `"s3"` (as used in `s3:GetObject`).
    pub fn prefix(self) -> &'static str {
        string(SERVICES.get(self.0, 0))
    }

    /// The service's name, e.g. `"Amazon S3"`.
    pub fn name(self) -> &'static str {
        string(SERVICES.get(self.0, 1))
    }

    fn actions_range(self) -> Range<u32> {
        range(SERVICES.get(self.0, 2), SERVICES.get(self.0, 3))
    }

    fn resource_types_range(self) -> Range<u32> {
        range(SERVICES.get(self.0, 4), SERVICES.get(self.0, 5))
    }

    fn condition_keys_range(self) -> Range<u32> {
        range(SERVICES.get(self.0, 6), SERVICES.get(self.0, 7))
    }

    /// The service's actions, sorted by case-insensitive name.
    pub fn actions(self) -> Iter<Action> {
        Iter::direct(self.actions_range())
    }

    /// The action named `name` (without the prefix), case-insensitively.
    pub fn action(self, name: &str) -> Option<Action> {
        search(self.actions_range(), |i| Action(i).name(), name).map(Action)
    }

    /// The service's actions whose name matches the IAM action-name
    /// pattern `pattern` (`*` any run, `?` one character, case-insensitive,
    /// as [`crate::glob::glob_match`] matches), in catalog order. Only the
    /// names that start with the pattern's text before its first wildcard
    /// are tried: in the case-insensitive order they are one run of the
    /// list, found by binary search.
    pub fn matching_actions(self, pattern: &str) -> impl Iterator<Item = Action> + '_ {
        let full = self.actions_range();
        let literal = pattern
            .find(['*', '?'])
            .map_or(pattern, |at| &pattern[..at]);
        // Action names are ASCII; a non-ASCII character of the pattern
        // could still match one by case folding, so such a prefix narrows
        // nothing.
        let run = if literal.is_ascii() && !literal.is_empty() {
            let n = literal.len();
            // A name that starts with `literal` is not below it.
            let before = |i: u32| {
                crate::data::cmp_ignore_ascii_case(Action(i).name(), literal)
                    == std::cmp::Ordering::Less
            };
            let has = |i: u32| {
                Action(i)
                    .name()
                    .get(..n)
                    .is_some_and(|head| head.eq_ignore_ascii_case(literal))
            };
            let start = partition_point(full.clone(), before);
            let end = partition_point(start..full.end, has);
            start..end
        } else {
            full
        };
        Iter::<Action>::direct(run)
            .filter(move |a| crate::glob::glob_match(pattern, a.name(), true))
    }

    /// The service's resource types, sorted by case-insensitive name.
    pub fn resource_types(self) -> Iter<ResourceType> {
        Iter::direct(self.resource_types_range())
    }

    /// The resource type named `name`, case-insensitively.
    pub fn resource_type(self, name: &str) -> Option<ResourceType> {
        search(
            self.resource_types_range(),
            |i| ResourceType(i).name(),
            name,
        )
        .map(ResourceType)
    }

    /// The condition keys of the service's table (its own keys plus the
    /// `aws:` tag keys it supports), sorted by case-insensitive name.
    pub fn condition_keys(self) -> Iter<ConditionKey> {
        Iter::direct(self.condition_keys_range())
    }

    /// The entry of the service's table for the concrete or templated key
    /// `name`, case-insensitively (`s3:ExistingObjectTag/env` finds
    /// `s3:ExistingObjectTag/<key>`). Global keys the table does not list are
    /// not found here; use [`crate::condition_key`] for those.
    pub fn condition_key(self, name: &str) -> Option<ConditionKey> {
        let range = self.condition_keys_range();
        search(range.clone(), |i| ConditionKey(i).name(), name)
            .map(ConditionKey)
            .or_else(|| best_template(range.map(ConditionKey), name))
    }

    /// The service's resource types whose ARN format matches `arn`, keeping
    /// only the most specific matches (see [`crate::arn`]).
    pub fn resource_types_for_arn(self, arn: &str) -> Vec<ResourceType> {
        most_specific(self.resource_types(), arn)
    }
}

impl fmt::Debug for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Service").field(&self.prefix()).finish()
    }
}

impl fmt::Display for Service {
    /// Writes the prefix.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.prefix())
    }
}

/// The templated keys among `keys` that match `name`; the most specific
/// (longest template) wins.
pub(crate) fn best_template(
    keys: impl Iterator<Item = ConditionKey>,
    name: &str,
) -> Option<ConditionKey> {
    keys.filter(|k| k.is_template() && template_matches(k.name(), name))
        .min_by_key(|k| std::cmp::Reverse(k.name().len()))
}

/// The resource types among `candidates` that match `arn` with the least
/// absorbed structure (see [`arn::match_specificity`]).
pub(crate) fn most_specific(
    candidates: impl Iterator<Item = ResourceType>,
    arn: &str,
) -> Vec<ResourceType> {
    let mut best = u32::MAX;
    let mut out = Vec::new();
    for rt in candidates {
        let Some(score) = rt.arn_match_specificity(arn) else {
            continue;
        };
        if score < best {
            best = score;
            out.clear();
        }
        if score == best {
            out.push(rt);
        }
    }
    out
}

// ---------------------------------------------------------------------------

impl Action {
    /// The service the action belongs to.
    pub fn service(self) -> Service {
        Service(ACTIONS.get(self.0, 2) >> 8)
    }

    /// The action's name in AWS's spelling, without the prefix, e.g. `"GetObject"`.
    pub fn name(self) -> &'static str {
        string(ACTIONS.get(self.0, 0))
    }

    /// `prefix:Name`, e.g. `"s3:GetObject"` (also what `Display` writes).
    pub fn full_name(self) -> String {
        self.to_string()
    }

    /// AWS's description ("Grants permission to ..."), if the data has one.
    pub fn description(self) -> Option<&'static str> {
        non_empty(string(ACTIONS.get(self.0, 1)))
    }

    /// The action's access level.
    pub fn access_level(self) -> AccessLevel {
        AccessLevel::from_code(ACTIONS.get(self.0, 2) & 0xff)
    }

    /// The resource types the action can be scoped to, in AWS's order.
    /// Empty for actions that only support `"Resource": "*"`.
    pub fn resource_types(self) -> Iter<ActionResourceType> {
        Iter::direct(range(ACTIONS.get(self.0, 3), ACTIONS.get(self.0, 4)))
    }

    /// Does the action support only `"Resource": "*"` (no resource types)?
    pub fn is_wildcard_only(self) -> bool {
        ACTIONS.get(self.0, 4) == 0
    }

    /// The condition keys AWS lists for the action itself (not per resource
    /// type; see [`ActionResourceType::condition_keys`] for those).
    pub fn condition_keys(self) -> Iter<ConditionKey> {
        Iter::list(ACTIONS.get(self.0, 5))
    }

    /// The condition key `name` (concrete or templated) in the context of
    /// this action: a global key, or a key AWS lists for the action or for
    /// one of its resource types. `None` if the key does not apply.
    pub fn condition_key(self, name: &str) -> Option<ConditionKey> {
        if let Some(key) = crate::condition_key(name).filter(|k| k.is_global()) {
            return Some(key);
        }
        let own = self
            .condition_keys()
            .chain(self.resource_types().flat_map(|rt| rt.condition_keys()));
        let mut template = None;
        for key in own {
            if key.name().eq_ignore_ascii_case(name) {
                return Some(key);
            }
            if template.is_none() && key.is_template() && template_matches(key.name(), name) {
                template = Some(key);
            }
        }
        template
    }

    /// Actions that must also be allowed for this one to work ("dependent
    /// actions" in AWS's tables), as `prefix:Name` strings. They are merged
    /// from the action and its resource rows, and may name actions that the
    /// catalog does not have. (The current data source publishes none.)
    pub fn dependent_actions(self) -> Iter<&'static str> {
        Iter::list(ACTIONS.get(self.0, 6))
    }
}

impl fmt::Debug for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Action({}:{})", self.service().prefix(), self.name())
    }
}

impl fmt::Display for Action {
    /// Writes `prefix:Name`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.service().prefix(), self.name())
    }
}

// ---------------------------------------------------------------------------

impl ActionResourceType {
    /// The resource type.
    pub fn resource_type(self) -> ResourceType {
        ResourceType(ACTION_RESOURCES.get(self.0, 0) & 0x7fff_ffff)
    }

    /// The resource type's name (shorthand for `resource_type().name()`).
    pub fn name(self) -> &'static str {
        self.resource_type().name()
    }

    /// Is the resource type required (marked `*` in AWS's tables)? When an
    /// action lists several optional types, any one of them may be used.
    pub fn required(self) -> bool {
        ACTION_RESOURCES.get(self.0, 0) >> 31 == 1
    }

    /// The condition keys AWS lists for this action on this resource type.
    pub fn condition_keys(self) -> Iter<ConditionKey> {
        Iter::list(ACTION_RESOURCES.get(self.0, 1))
    }
}

impl fmt::Debug for ActionResourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActionResourceType")
            .field("resource_type", &self.resource_type())
            .field("required", &self.required())
            .finish()
    }
}

// ---------------------------------------------------------------------------

impl ResourceType {
    /// The service that documents the resource type. (Its ARNs may belong to
    /// another service: `sts`'s `role` is an `iam` ARN.)
    pub fn service(self) -> Service {
        Service(RESOURCE_TYPES.get(self.0, 1))
    }

    /// The name, e.g. `"object"`.
    pub fn name(self) -> &'static str {
        string(RESOURCE_TYPES.get(self.0, 0))
    }

    /// AWS's ARN format strings, e.g.
    /// `arn:${Partition}:s3:::${BucketName}/${ObjectName}` (usually one).
    pub fn arn_formats(self) -> Iter<&'static str> {
        Iter::list(RESOURCE_TYPES.get(self.0, 2))
    }

    /// The condition keys AWS lists for the resource type.
    pub fn condition_keys(self) -> Iter<ConditionKey> {
        Iter::list(RESOURCE_TYPES.get(self.0, 3))
    }

    /// Does `arn` match one of the type's ARN formats? See [`crate::arn`]
    /// for the rules (`${Var}` matches a non-empty run of characters, ...).
    pub fn matches_arn(self, arn: &str) -> bool {
        self.arn_formats().any(|f| arn::format_matches(f, arn))
    }

    /// The best [`arn::match_specificity`] of `arn` over the type's formats.
    pub fn arn_match_specificity(self, arn: &str) -> Option<u32> {
        self.arn_formats()
            .filter_map(|f| arn::match_specificity(f, arn))
            .min()
    }
}

impl fmt::Debug for ResourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ResourceType({}/{})",
            self.service().prefix(),
            self.name()
        )
    }
}

// ---------------------------------------------------------------------------

impl ConditionKey {
    /// The name in the catalog's spelling, possibly a template:
    /// `"aws:SourceIp"`, `"aws:RequestTag/${TagKey}"`, `"s3:ExistingObjectTag/<key>"`.
    pub fn name(self) -> &'static str {
        string(CONDITION_KEYS.get(self.0, 0))
    }

    /// AWS's description, if the data has one (the global keys have none).
    pub fn description(self) -> Option<&'static str> {
        non_empty(string(CONDITION_KEYS.get(self.0, 1)))
    }

    /// The type of the key's value.
    pub fn condition_type(self) -> ConditionType {
        ConditionType::from_code(CONDITION_KEYS.get(self.0, 3) & 0xff)
    }

    /// Is the key multi-valued (an `ArrayOf…` type)?
    pub fn is_multivalued(self) -> bool {
        self.condition_type().is_multivalued()
    }

    /// Is this one of AWS's global condition keys, present in every request
    /// context it applies to? True for all `aws:` keys and for the few
    /// service keys that AWS lists as global session properties
    /// (`ec2:SourceInstanceArn`, `lambda:SourceFunctionArn`, ...).
    pub fn is_global(self) -> bool {
        (CONDITION_KEYS.get(self.0, 3) >> 8) & 1 == 1
    }

    /// Is the name a template (`${TagKey}`, `<key>`, ...)?
    pub fn is_template(self) -> bool {
        (CONDITION_KEYS.get(self.0, 3) >> 8) & 2 == 2
    }

    /// The service whose table this entry comes from; `None` for entries of
    /// the global key list.
    pub fn service(self) -> Option<Service> {
        let s = CONDITION_KEYS.get(self.0, 2);
        (s != u32::MAX).then_some(Service(s))
    }

    /// Does the concrete key `name` (case-insensitively) denote this key?
    /// For a template, each placeholder stands for a non-empty run of
    /// characters: `aws:RequestTag/${TagKey}` matches `aws:requesttag/Project`.
    pub fn matches(self, name: &str) -> bool {
        let own = self.name();
        own.eq_ignore_ascii_case(name) || (self.is_template() && template_matches(own, name))
    }

    /// The canonical entry for this key's name (see [`ConditionKey`]).
    pub fn canonical(self) -> ConditionKey {
        if self.0 >= GLOBAL_CK_START {
            return self;
        }
        crate::exact_condition_key(self.name()).unwrap_or(self)
    }
}

impl fmt::Debug for ConditionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ConditionKey").field(&self.name()).finish()
    }
}

impl fmt::Display for ConditionKey {
    /// Writes the name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Does the concrete key `name` match the condition key `template`?
/// Placeholders (`${...}` or `<...>`) match a non-empty run of any
/// characters; the literal parts compare ASCII-case-insensitively.
pub(crate) fn template_matches(template: &str, name: &str) -> bool {
    let hay = name.as_bytes();
    let Some((first, mut rest)) = split_placeholder(template) else {
        return template.eq_ignore_ascii_case(name);
    };
    if !starts_with_ci(hay, first.as_bytes()) {
        return false;
    }
    let mut pos = first.len();
    loop {
        match split_placeholder(rest) {
            // A middle literal: take its leftmost occurrence after at least
            // one character of placeholder (leftmost leaves the most room).
            Some((literal, after)) => {
                match find_ci(hay, literal.as_bytes(), pos + 1) {
                    Some(at) => pos = at + literal.len(),
                    None => return false,
                }
                rest = after;
            }
            // The last literal ends the name, after at least one character.
            None => {
                return hay.len() > pos + rest.len() && ends_with_ci(hay, rest.as_bytes());
            }
        }
    }
}

/// Splits `s` at its first placeholder (`${...}` or `<...>`) into the text
/// before and the text after it; `None` if it has none.
fn split_placeholder(s: &str) -> Option<(&str, &str)> {
    // Byte searches: every character searched for is ASCII, and keys are
    // short, so a plain loop beats the general `str` searchers.
    let bytes = s.as_bytes();
    let open = bytes.iter().position(|&b| b == b'$' || b == b'<')?;
    let (head, tail) = s.split_at(open);
    let close = if tail.starts_with("${") {
        b'}'
    } else if tail.starts_with('<') {
        b'>'
    } else {
        // A lone '$': literal; look further.
        let (before, after) = split_placeholder(&tail[1..])?;
        return Some((&s[..open + 1 + before.len()], after));
    };
    let end = tail.bytes().position(|b| b == close)?;
    Some((head, &tail[end + 1..]))
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn ends_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[hay.len() - needle.len()..].eq_ignore_ascii_case(needle)
}

fn find_ci(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    (from..=hay.len().saturating_sub(needle.len())).find(|&i| {
        hay.len() >= i + needle.len() && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
    })
}

#[cfg(test)]
mod tests {
    use super::template_matches;

    /// The narrowed search finds exactly what a scan of every action finds,
    /// for patterns built from every service's real names (their first
    /// letters in both cases, with `*` and `?` in several places).
    #[test]
    fn matching_actions_agrees_with_a_full_scan() {
        for service in crate::services() {
            let mut patterns = vec![
                "*".to_string(),
                "?*".to_string(),
                "Get*".to_string(),
                "get*".to_string(),
                "LIST*".to_string(),
                "*Tag*".to_string(),
                "zz*".to_string(),
                "\u{212a}*".to_string(),
                "".to_string(),
            ];
            for a in service.actions().step_by(7) {
                let name = a.name();
                for cut in [1, 3, 6, name.len()] {
                    let head = &name[..cut.min(name.len())];
                    patterns.push(format!("{head}*"));
                    patterns.push(format!("{}*", head.to_ascii_lowercase()));
                    patterns.push(format!("{head}?*"));
                    patterns.push(head.to_string());
                }
            }
            for p in &patterns {
                let narrowed: Vec<_> = service.matching_actions(p).collect();
                let scanned: Vec<_> = service
                    .actions()
                    .filter(|a| crate::glob::glob_match(p, a.name(), true))
                    .collect();
                assert_eq!(narrowed, scanned, "{} {p}", service.prefix());
            }
        }
    }

    #[test]
    fn templates() {
        assert!(template_matches(
            "aws:RequestTag/${TagKey}",
            "aws:requesttag/Project"
        ));
        assert!(template_matches(
            "aws:RequestTag/${TagKey}",
            "aws:RequestTag/a/b"
        ));
        assert!(!template_matches(
            "aws:RequestTag/${TagKey}",
            "aws:RequestTag/"
        ));
        assert!(!template_matches(
            "aws:RequestTag/${TagKey}",
            "aws:ResourceTag/x"
        ));
        assert!(template_matches(
            "s3:ExistingObjectTag/<key>",
            "s3:ExistingObjectTag/env"
        ));
        let cb = "codebuild:secondarySources/${sourceIdentifier}.auth.type";
        assert!(template_matches(
            cb,
            "codebuild:secondarySources/src1.auth.type"
        ));
        assert!(!template_matches(
            cb,
            "codebuild:secondarySources/.auth.type"
        ));
        assert!(!template_matches(
            cb,
            "codebuild:secondarySources/src1.auth.typo"
        ));
        let two = "x:${A}-mid-${B}";
        assert!(template_matches(two, "x:1-mid-2"));
        assert!(template_matches(two, "x:1-mid--mid-2"));
        assert!(!template_matches(two, "x:-mid-2"));
        assert!(!template_matches(two, "x:1-mid-"));
        assert!(template_matches("plain:Key", "PLAIN:key"));
        let gh = "token.actions.githubusercontent.com/${SubPath}:actor";
        assert!(template_matches(
            gh,
            "token.actions.githubusercontent.com/org/x:actor"
        ));
        assert!(!template_matches(
            gh,
            "token.actions.githubusercontent.com:actor"
        ));
        assert!(template_matches("a:${X}${Y}", "a:xy"));
        assert!(!template_matches("a:${X}${Y}", "a:x"));
        assert!(template_matches("a:$b/${X}", "A:$B/c"));
        assert!(!template_matches("a:${unclosed", "a:zzz"));
        assert!(template_matches("a:${unclosed", "a:${UNCLOSED"));
    }
}
