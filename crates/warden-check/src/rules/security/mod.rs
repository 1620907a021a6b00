//! Security checks: Access Analyzer's over-permissive-access checks and
//! Warden's own (`WARDEN_…` codes). Each rule is one file in this folder,
//! listed in `RULES` (sorted by code).

use super::Rule;

mod create_slr;
mod create_slr_with_not_action_and_not_resource;
mod create_slr_with_not_resource;
mod create_slr_with_star_in_action_and_not_resource;
mod create_slr_with_star_in_action_and_resource;
mod create_slr_with_star_in_resource;
mod create_slr_with_star_in_resource_and_not_action;
mod missing_condition_key_for_oidc_principal;
mod missing_github_repo_condition_key;
mod oidc;
mod reach;
mod specific_github_repo_and_branch_recommended;
mod warden_allow_not_action;
mod warden_credentials_exposure;
mod warden_external_trust_without_external_id;
mod warden_privilege_escalation;
mod warden_resource_exposure;
mod warden_wildcard_service_principal;

/// The rules of this family, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &create_slr_with_not_action_and_not_resource::RULE,
    &create_slr_with_not_resource::RULE,
    &create_slr_with_star_in_action_and_not_resource::RULE,
    &create_slr_with_star_in_action_and_resource::RULE,
    &create_slr_with_star_in_resource::RULE,
    &create_slr_with_star_in_resource_and_not_action::RULE,
    &missing_condition_key_for_oidc_principal::RULE,
    &missing_github_repo_condition_key::RULE,
    &specific_github_repo_and_branch_recommended::RULE,
    &warden_allow_not_action::RULE,
    &warden_credentials_exposure::RULE,
    &warden_external_trust_without_external_id::RULE,
    &warden_privilege_escalation::RULE,
    &warden_resource_exposure::RULE,
    &warden_wildcard_service_principal::RULE,
];
