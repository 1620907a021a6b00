//! Policy checks: Access Analyzer's policy validation checks, offline and
//! with exact locations, plus Warden's own security checks.
//!
//! [`check`] parses a policy and runs every rule of [`rules::all`] over it.
//! Each rule is one file under `rules/` with its code, finding type,
//! documentation and tests (a fixture that triggers it and a near miss that
//! does not). Rules see the source text, the JSON tree, the policy AST and
//! the parser's diagnostics through a [`CheckContext`].
//!
//! Work in progress (issue #3): the grammar checks and the first security
//! checks are here; the catalog-based, condition-key, ARN and semantic checks
//! follow.

pub mod finding;
mod memo;
pub mod rules;

pub use finding::{Finding, FindingType, Location, RuleInfo};

use warden_policy::json::{self, Value};
use warden_policy::policy::{Diagnostic, Policy};

/// The kind of policy being checked (Access Analyzer's `policyType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyType {
    /// Attached to users, groups and roles (and permissions boundaries).
    Identity,
    /// Attached to a resource (bucket policy, trust policy, key policy, ...).
    Resource,
    /// An AWS Organizations service control policy.
    ServiceControl,
    /// An AWS Organizations resource control policy.
    ResourceControl,
}

/// The resource a resource policy belongs to (Access Analyzer's
/// `validatePolicyResourceType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResourceType {
    /// `AWS::S3::Bucket`
    S3Bucket,
    /// `AWS::S3::AccessPoint`
    S3AccessPoint,
    /// `AWS::S3::MultiRegionAccessPoint`
    S3MultiRegionAccessPoint,
    /// `AWS::S3ObjectLambda::AccessPoint`
    S3ObjectLambdaAccessPoint,
    /// `AWS::IAM::AssumeRolePolicyDocument`: a role trust policy.
    RoleTrustPolicy,
    /// `AWS::DynamoDB::Table`
    DynamoDbTable,
}

impl ResourceType {
    /// Parses Access Analyzer's CloudFormation-style name.
    pub fn from_name(name: &str) -> Option<ResourceType> {
        Some(match name {
            "AWS::S3::Bucket" => ResourceType::S3Bucket,
            "AWS::S3::AccessPoint" => ResourceType::S3AccessPoint,
            "AWS::S3::MultiRegionAccessPoint" => ResourceType::S3MultiRegionAccessPoint,
            "AWS::S3ObjectLambda::AccessPoint" => ResourceType::S3ObjectLambdaAccessPoint,
            "AWS::IAM::AssumeRolePolicyDocument" => ResourceType::RoleTrustPolicy,
            "AWS::DynamoDB::Table" => ResourceType::DynamoDbTable,
            _ => return None,
        })
    }
}

/// What is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The policy type.
    pub policy_type: PolicyType,
    /// For resource policies, the resource type, if known.
    pub resource_type: Option<ResourceType>,
    /// Also run the checks whose proofs cost more than the rest together
    /// ([`DEEP_RULES`]).
    pub deep: bool,
}

/// The checks that run only with [`Options::deep`]: exact, but each may ask
/// the prover about a whole policy once per statement.
pub const DEEP_RULES: &[&str] = &["WARDEN_STATEMENT_COVERED"];

impl Default for Options {
    fn default() -> Self {
        Options {
            policy_type: PolicyType::Identity,
            resource_type: None,
            deep: false,
        }
    }
}

impl Options {
    /// Whether the policy is a role trust policy.
    pub fn is_trust_policy(&self) -> bool {
        self.resource_type == Some(ResourceType::RoleTrustPolicy)
    }
}

/// Everything a rule may look at.
pub struct CheckContext<'a> {
    /// The checked text.
    pub source: &'a str,
    /// The JSON tree, when the text is JSON.
    pub json: Option<&'a Value<'a>>,
    /// The JSON syntax error, when it is not.
    pub json_error: Option<&'a json::JsonError>,
    /// The policy AST, as far as it could be built.
    pub policy: Option<&'a Policy>,
    /// The parser's diagnostics.
    pub diagnostics: &'a [Diagnostic],
    /// What is checked.
    pub options: &'a Options,
    /// Whether any string of the document may hold a `${`: the text has
    /// one, or a `\u` escape that could spell one. Most policies have
    /// neither, and the variable checks can then skip every value.
    pub may_have_variables: bool,
    /// Bytes of whitespace between JSON tokens (0 when the text is not
    /// JSON): AWS's size quotas do not count them.
    pub whitespace: usize,
}

/// Checks one policy document. Findings come sorted by position, then code.
pub fn check(source: &str, options: &Options) -> Vec<Finding> {
    let mut out = Vec::new();
    let may_have_variables = source.contains("${") || source.contains("\\u");
    match json::parse_counting_whitespace(source) {
        Err(e) => {
            let cx = CheckContext {
                source,
                json: None,
                json_error: Some(&e),
                policy: None,
                diagnostics: &[],
                options,
                may_have_variables,
                whitespace: 0,
            };
            run_rules(&cx, &mut out);
        }
        Ok((value, whitespace)) => {
            let parsed = warden_policy::policy::from_json(&value);
            let cx = CheckContext {
                source,
                json: Some(&value),
                json_error: None,
                policy: parsed.policy.as_ref(),
                diagnostics: &parsed.diagnostics,
                options,
                may_have_variables,
                whitespace,
            };
            run_rules(&cx, &mut out);
        }
    }
    out.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
    out
}

fn run_rules(cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
    memo::begin_policy();
    for rule in rules::all() {
        rule.check(cx, &mut finding::Findings::new(rule.info(), out));
    }
}

/// Looks a rule up by its code.
pub fn rule(code: &str) -> Option<&'static dyn rules::Rule> {
    rules::all()
        .iter()
        .copied()
        .find(|r| r.info().code.eq_ignore_ascii_case(code))
}
