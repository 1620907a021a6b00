//! The request being authorized: who asks, for which action on which
//! resource, and the request context (condition keys and their values).

use crate::glob::lower_str;
use warden_policy::arn::{is_account_id, Arn};

/// Who makes the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// An unsigned request.
    Anonymous,
    /// The account's root user (`arn:aws:iam::111122223333:root`).
    Root {
        /// Account ID.
        account: String,
        /// Partition.
        partition: String,
    },
    /// An IAM user.
    User {
        /// The user ARN.
        arn: String,
        /// Account ID.
        account: String,
        /// The user name (last path segment).
        name: String,
    },
    /// A session of an IAM role.
    RoleSession {
        /// The role ARN (with its path when the request named the role ARN).
        role_arn: String,
        /// The role name.
        role_name: String,
        /// The assumed-role session ARN, when known.
        session_arn: Option<String>,
        /// Account ID.
        account: String,
        /// Partition.
        partition: String,
    },
    /// A federated user session from `GetFederationToken`.
    FederatedUser {
        /// `arn:aws:sts::111122223333:federated-user/name`.
        arn: String,
        /// Account ID.
        account: String,
    },
    /// An AWS service principal such as `cloudtrail.amazonaws.com`.
    Service {
        /// The service principal name.
        name: String,
    },
    /// A web identity or SAML provider (for `AssumeRoleWith*`).
    Federated {
        /// The provider (`cognito-identity.amazonaws.com`, an OIDC or SAML provider ARN, ...).
        provider: String,
    },
}

/// Why a principal string is not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a principal: expected \"anonymous\", an IAM user, role, assumed-role, federated-user or root ARN, a service principal (…amazonaws.com) or an identity provider")]
pub struct PrincipalError(pub String);

const WEB_IDENTITY_PROVIDERS: [&str; 4] = [
    "cognito-identity.amazonaws.com",
    "accounts.google.com",
    "graph.facebook.com",
    "www.amazon.com",
];

impl Principal {
    /// Parses a request principal.
    pub fn parse(text: &str) -> Result<Principal, PrincipalError> {
        let err = || PrincipalError(text.to_string());
        if text.eq_ignore_ascii_case("anonymous") {
            return Ok(Principal::Anonymous);
        }
        if WEB_IDENTITY_PROVIDERS.contains(&text) {
            return Ok(Principal::Federated {
                provider: text.to_string(),
            });
        }
        if !text.starts_with("arn:") {
            if text.ends_with(".amazonaws.com")
                || text.ends_with(".amazonaws.com.cn")
                || text.ends_with(".amazon.com")
            {
                return Ok(Principal::Service {
                    name: text.to_string(),
                });
            }
            return Err(err());
        }
        let arn = Arn::parse(text).map_err(|_| err())?;
        if !is_account_id(arn.account) {
            return Err(err());
        }
        let account = arn.account.to_string();
        let partition = arn.partition.to_string();
        match (arn.service, arn.resource.split_once('/')) {
            ("iam", None) if arn.resource == "root" => Ok(Principal::Root { account, partition }),
            ("iam", Some(("user", path))) if !path.is_empty() => Ok(Principal::User {
                arn: text.to_string(),
                account,
                name: path.rsplit('/').next().unwrap_or(path).to_string(),
            }),
            ("iam", Some(("role", path))) if !path.is_empty() => {
                let role_name = path.rsplit('/').next().unwrap_or(path).to_string();
                Ok(Principal::RoleSession {
                    role_arn: text.to_string(),
                    role_name,
                    session_arn: None,
                    account,
                    partition,
                })
            }
            ("iam", Some(("oidc-provider" | "saml-provider", _))) => Ok(Principal::Federated {
                provider: text.to_string(),
            }),
            ("sts", Some(("assumed-role", rest))) => {
                let (role_name, _session) = rest.split_once('/').ok_or_else(err)?;
                // Built by pieces: `format!` costs several times more here.
                let mut role_arn =
                    String::with_capacity(partition.len() + account.len() + role_name.len() + 16);
                for piece in ["arn:", &partition, ":iam::", &account, ":role/", role_name] {
                    role_arn.push_str(piece);
                }
                Ok(Principal::RoleSession {
                    role_arn,
                    role_name: role_name.to_string(),
                    session_arn: Some(text.to_string()),
                    account,
                    partition,
                })
            }
            ("sts", Some(("federated-user", name))) if !name.is_empty() => {
                Ok(Principal::FederatedUser {
                    arn: text.to_string(),
                    account,
                })
            }
            _ => Err(err()),
        }
    }

    /// The principal's account, for IAM principals.
    pub fn account(&self) -> Option<&str> {
        match self {
            Principal::Root { account, .. }
            | Principal::User { account, .. }
            | Principal::RoleSession { account, .. }
            | Principal::FederatedUser { account, .. } => Some(account),
            _ => None,
        }
    }

    /// Whether identity-based policies (and boundaries, session policies, SCPs) can apply.
    pub fn is_iam(&self) -> bool {
        self.account().is_some()
    }

    /// The value of `aws:PrincipalArn`: for role sessions the role's ARN.
    pub fn principal_arn(&self) -> Option<String> {
        match self {
            Principal::Root { account, partition } => {
                Some(format!("arn:{partition}:iam::{account}:root"))
            }
            Principal::User { arn, .. } | Principal::FederatedUser { arn, .. } => Some(arn.clone()),
            Principal::RoleSession { role_arn, .. } => Some(role_arn.clone()),
            _ => None,
        }
    }

    /// The value of `aws:PrincipalType`.
    pub fn principal_type(&self) -> &'static str {
        match self {
            Principal::Anonymous => "Anonymous",
            Principal::Root { .. } => "Account",
            Principal::User { .. } => "User",
            Principal::RoleSession { .. } => "AssumedRole",
            Principal::FederatedUser { .. } => "FederatedUser",
            Principal::Service { .. } => "Service",
            Principal::Federated { .. } => "WebIdentityUser",
        }
    }
}

/// The values of one context key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextValue {
    /// The values; one for single-valued keys.
    pub values: Vec<String>,
    /// Whether the key was given as a list (multi-valued), even of one element.
    pub multi: bool,
}

impl ContextValue {
    /// A single value.
    pub fn single(v: impl Into<String>) -> Self {
        ContextValue {
            values: vec![v.into()],
            multi: false,
        }
    }

    /// A list of values.
    pub fn list<I: IntoIterator<Item = S>, S: Into<String>>(vs: I) -> Self {
        ContextValue {
            values: vs.into_iter().map(Into::into).collect(),
            multi: true,
        }
    }
}

/// The request context: condition keys (case-insensitive) and their values.
///
/// A request carries a handful of keys, so a vector searched without
/// allocation beats a hash map; past [`Context::INDEX_FROM`] keys an index
/// keeps lookups constant-time, so a hostile scenario cannot make them quadratic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    entries: Vec<(Box<str>, ContextValue)>,
    index: Option<std::collections::HashMap<String, usize>>,
}

impl Context {
    const INDEX_FROM: usize = 32;

    /// An empty context.
    pub fn new() -> Self {
        Self::default()
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(&key.to_ascii_lowercase()).copied(),
            None => self
                .entries
                .iter()
                .position(|(k, _)| k.eq_ignore_ascii_case(key)),
        }
    }

    fn push(&mut self, key: &str, value: ContextValue) {
        self.entries.push((key.into(), value));
        if let Some(index) = &mut self.index {
            index.insert(key.to_ascii_lowercase(), self.entries.len() - 1);
        } else if self.entries.len() > Self::INDEX_FROM {
            let index = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.to_ascii_lowercase(), i))
                .collect();
            self.index = Some(index);
        }
    }

    /// Sets `key` (any letter case) to `value`, replacing an earlier value.
    pub fn insert(&mut self, key: &str, value: ContextValue) {
        match self.position(key) {
            Some(i) => self.entries[i] = (key.into(), value),
            None => self.push(key, value),
        }
    }

    /// An empty context with room for `n` keys: a request's own keys plus
    /// the few [`Request::new`] derives then need no reallocation.
    pub fn with_capacity(n: usize) -> Self {
        Context {
            entries: Vec::with_capacity(n),
            index: None,
        }
    }

    /// Adds `key` and returns `true` when no key equal to it in any letter
    /// case is present; otherwise changes nothing and returns `false`
    /// (one lookup where `contains` then `insert` take two).
    pub fn insert_new(&mut self, key: &str, value: ContextValue) -> bool {
        if self.position(key).is_some() {
            return false;
        }
        self.push(key, value);
        true
    }

    /// Sets `key` unless it is already present.
    pub fn insert_default(&mut self, key: &str, value: ContextValue) {
        if self.position(key).is_none() {
            self.push(key, value);
        }
    }

    /// Looks up a key by its lower-cased name.
    pub fn get_lower(&self, key_lower: &str) -> Option<&ContextValue> {
        self.get(key_lower)
    }

    /// Looks up a key in any letter case.
    pub fn get(&self, key: &str) -> Option<&ContextValue> {
        self.position(key).map(|i| &self.entries[i].1)
    }

    /// The keys as given.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| &**k)
    }

    /// Whether the context holds `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.position(key).is_some()
    }
}

/// A request to authorize.
#[derive(Debug, Clone)]
pub struct Request {
    /// Who asks.
    pub principal: Principal,
    /// The action as given (`s3:GetObject`).
    pub action: String,
    /// The action lower-cased, for matching.
    pub action_lower: String,
    /// The resource ARN (or `*`).
    pub resource: String,
    /// The account that owns the resource, when known.
    pub resource_account: Option<String>,
    /// Where the service field of an ARN resource lies in `resource`.
    resource_service: Option<(u32, u32)>,
    /// The request context, including the keys derived from the principal.
    pub context: Context,
    /// The principal is a service-linked role: SCPs and RCPs do not apply.
    pub service_linked_role: bool,
    /// The principal's account is the organization's management account: SCPs do not apply.
    pub principal_in_management_account: bool,
    /// The resource's account is the organization's management account: RCPs do not apply.
    pub resource_in_management_account: bool,
}

impl Request {
    /// Builds a request and fills the context keys AWS derives from it
    /// (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`,
    /// `aws:username`, `aws:PrincipalIsAWSService`, `aws:PrincipalServiceName`,
    /// `aws:ResourceAccount`) unless the caller gave them.
    pub fn new(
        principal: Principal,
        action: &str,
        resource: &str,
        resource_account: Option<String>,
        mut context: Context,
    ) -> Request {
        let resource_account = resource_account.or_else(|| {
            Arn::parse(resource)
                .ok()
                .filter(|a| is_account_id(a.account))
                .map(|a| a.account.to_string())
        });
        if let Some(arn) = principal.principal_arn() {
            context.insert_default("aws:PrincipalArn", ContextValue::single(arn));
        }
        if let Some(acct) = principal.account() {
            context.insert_default("aws:PrincipalAccount", ContextValue::single(acct));
        }
        // AWS documents these values of aws:PrincipalType; calls by services
        // and identity providers carry none.
        if !matches!(
            principal,
            Principal::Service { .. } | Principal::Federated { .. }
        ) {
            context.insert_default(
                "aws:PrincipalType",
                ContextValue::single(principal.principal_type()),
            );
        }
        // aws:userid where it can be known without the principal's unique ID.
        match &principal {
            Principal::Anonymous => {
                context.insert_default("aws:userid", ContextValue::single("anonymous"))
            }
            Principal::Root { account, .. } => {
                context.insert_default("aws:userid", ContextValue::single(account.clone()))
            }
            Principal::FederatedUser { arn, account } => {
                let name = arn.rsplit('/').next().unwrap_or_default();
                context.insert_default(
                    "aws:userid",
                    ContextValue::single(format!("{account}:{name}")),
                );
            }
            _ => {}
        }
        if let Principal::User { name, .. } = &principal {
            context.insert_default("aws:username", ContextValue::single(name.clone()));
        }
        match &principal {
            Principal::Service { name } => {
                context.insert_default("aws:PrincipalIsAWSService", ContextValue::single("true"));
                context.insert_default(
                    "aws:PrincipalServiceName",
                    ContextValue::single(name.clone()),
                );
            }
            Principal::Anonymous | Principal::Federated { .. } => {}
            _ => context.insert_default("aws:PrincipalIsAWSService", ContextValue::single("false")),
        }
        if let Some(acct) = &resource_account {
            context.insert_default("aws:ResourceAccount", ContextValue::single(acct.clone()));
        }
        let resource_service = warden_policy::arn::split_fields(resource).and_then(|f| {
            let start = f[0].len() + 1 + f[1].len() + 1;
            (f[0] == "arn").then_some((start as u32, (start + f[2].len()) as u32))
        });
        Request {
            resource_service,
            principal,
            action_lower: lower_str(action),
            action: action.to_string(),
            resource: resource.to_string(),
            resource_account,
            context,
            service_linked_role: false,
            principal_in_management_account: false,
            resource_in_management_account: false,
        }
    }

    /// The service field of the resource ARN (`s3` in `arn:aws:s3:::b`).
    pub fn resource_service(&self) -> Option<&str> {
        self.resource_service
            .and_then(|(a, b)| self.resource.get(a as usize..b as usize))
    }

    /// Whether principal and resource are in the same account.
    pub fn same_account(&self) -> bool {
        match (self.principal.account(), &self.resource_account) {
            (Some(p), Some(r)) => p == r,
            // A resource whose account is unknown is taken to be the caller's own.
            (Some(_), None) => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_forms() {
        assert_eq!(Principal::parse("anonymous").unwrap(), Principal::Anonymous);
        let p = Principal::parse("arn:aws:iam::111122223333:role/path/app").unwrap();
        assert_eq!(
            p.principal_arn().unwrap(),
            "arn:aws:iam::111122223333:role/path/app"
        );
        let Principal::RoleSession {
            role_name,
            session_arn,
            ..
        } = &p
        else {
            panic!()
        };
        assert_eq!(role_name, "app");
        assert!(session_arn.is_none());
        let p = Principal::parse("arn:aws:sts::111122223333:assumed-role/app/s1").unwrap();
        assert_eq!(
            p.principal_arn().unwrap(),
            "arn:aws:iam::111122223333:role/app"
        );
        assert_eq!(p.principal_type(), "AssumedRole");
        let p = Principal::parse("arn:aws:iam::111122223333:user/division/bob").unwrap();
        let Principal::User { name, .. } = &p else {
            panic!()
        };
        assert_eq!(name, "bob");
        assert!(matches!(
            Principal::parse("lambda.amazonaws.com").unwrap(),
            Principal::Service { .. }
        ));
        assert!(matches!(
            Principal::parse("cognito-identity.amazonaws.com").unwrap(),
            Principal::Federated { .. }
        ));
        assert!(matches!(
            Principal::parse("arn:aws:iam::111122223333:root").unwrap(),
            Principal::Root { .. }
        ));
        assert!(Principal::parse("bob").is_err());
        assert!(Principal::parse("arn:aws:iam::1:user/bob").is_err());
    }

    #[test]
    fn large_contexts_switch_to_an_index() {
        let mut c = Context::new();
        for i in 0..100 {
            c.insert(&format!("k:Key{i}"), ContextValue::single(i.to_string()));
        }
        c.insert("K:KEY7", ContextValue::single("again"));
        assert_eq!(c.get("k:key7").unwrap().values, vec!["again"]);
        assert_eq!(c.get("K:key99").unwrap().values, vec!["99"]);
        assert!(!c.contains("k:key100"));
        assert_eq!(c.keys().count(), 100);
    }

    #[test]
    fn insert_new_refuses_a_key_present_in_any_case() {
        for n in [1usize, 40] {
            let mut c = Context::with_capacity(2);
            for i in 0..n {
                assert!(c.insert_new(&format!("k:Key{i}"), ContextValue::single("a")));
            }
            assert!(!c.insert_new("K:KEY0", ContextValue::single("b")));
            assert_eq!(c.get("k:key0").unwrap().values, vec!["a"]);
            assert_eq!(c.keys().count(), n);
            assert!(c.insert_new("k:other", ContextValue::single("c")));
            assert_eq!(c.get("K:OTHER").unwrap().values, vec!["c"]);
        }
    }

    #[test]
    fn derived_context_keys() {
        let p = Principal::parse("arn:aws:iam::111122223333:user/bob").unwrap();
        let r = Request::new(
            p,
            "S3:GetObject",
            "arn:aws:s3:::b/k",
            Some("444455556666".into()),
            Context::new(),
        );
        assert_eq!(r.context.get("AWS:USERNAME").unwrap().values, vec!["bob"]);
        assert_eq!(
            r.context.get("aws:PrincipalAccount").unwrap().values,
            vec!["111122223333"]
        );
        assert_eq!(
            r.context.get("aws:ResourceAccount").unwrap().values,
            vec!["444455556666"]
        );
        assert_eq!(r.action_lower, "s3:getobject");
        assert!(!r.same_account());
    }
}
