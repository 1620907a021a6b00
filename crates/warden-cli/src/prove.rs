//! `warden prove`: Access Analyzer's custom policy checks, offline and
//! exact, over `warden-prove`. Output carries AWS's shape (`result`,
//! `message`, `reasons`) plus the counterexample and source spans. Exit
//! codes: 0 PASS, 2 FAIL, 3 UNKNOWN, 1 error (including a policy that does
//! not parse, shown with its location).

use crate::diag::render_error;
use crate::Format;
use clap::{Subcommand, ValueEnum};
use serde_json::{json, Map, Value};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use warden_policy::policy::Severity;
use warden_policy::span::position_of;
use warden_policy::Policy;
use warden_prove::{Counterexample, Input, PolicyKind, Relation, Verdict};

/// Which policies are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// Identity-based policies.
    Identity,
    /// Resource-based policies (with `Principal`).
    Resource,
}

impl From<Kind> for PolicyKind {
    fn from(k: Kind) -> PolicyKind {
        match k {
            Kind::Identity => PolicyKind::Identity,
            Kind::Resource => PolicyKind::Resource,
        }
    }
}

/// The questions.
#[derive(Subcommand)]
pub enum Args {
    /// Does the new policy allow anything the reference policy does not?
    NoNewAccess {
        /// The new policy.
        #[arg(long)]
        new: PathBuf,
        /// The reference policy.
        #[arg(long)]
        reference: PathBuf,
        /// The kind of policy.
        #[arg(long, value_enum, default_value = "identity")]
        policy_type: Kind,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Does the policy allow any of the listed actions, or any action on the listed resources?
    AccessNotGranted {
        /// The policy.
        policy: PathBuf,
        /// Actions (comma-separated; wildcards allowed).
        #[arg(long, value_delimiter = ',')]
        actions: Vec<String>,
        /// Resource ARNs (comma-separated; wildcards allowed).
        #[arg(long, value_delimiter = ',')]
        resources: Vec<String>,
        /// The kind of policy.
        #[arg(long, value_enum, default_value = "identity")]
        policy_type: Kind,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Does the resource policy grant public access (to an unknown outsider)?
    NoPublicAccess {
        /// The resource policy.
        policy: PathBuf,
        /// The resource type, spelled as AWS spells it, e.g. AWS::S3::Bucket, AWS::KMS::Key, AWS::IAM::AssumeRolePolicyDocument.
        #[arg(long)]
        resource_type: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Compare two policies: equivalent, one contained in the other, or incomparable.
    Diff {
        /// The first policy.
        a: PathBuf,
        /// The second policy.
        b: PathBuf,
        /// The kind of policy.
        #[arg(long, value_enum, default_value = "identity")]
        policy_type: Kind,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

const EXIT_FAIL: u8 = 2;
const EXIT_UNKNOWN: u8 = 3;

/// A policy file read and parsed.
struct Loaded {
    path: String,
    source: String,
    policy: Policy,
}

fn load(path: &Path) -> Result<Loaded, String> {
    let shown = path.display().to_string();
    let source = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let parsed = warden_policy::parse(&source);
    let color = std::io::stderr().is_terminal();
    let errors: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if let Some(first) = errors.first() {
        for d in &errors {
            eprintln!(
                "{}",
                render_error(&shown, &source, d.span, &d.message, color)
            );
        }
        return Err(format!("{shown}: {}", first.message));
    }
    let policy = parsed
        .policy
        .ok_or_else(|| format!("{shown}: not a policy document"))?;
    Ok(Loaded {
        path: shown,
        source,
        policy,
    })
}

/// Runs `warden prove`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    match args {
        Args::NoNewAccess {
            new,
            reference,
            policy_type,
            format,
        } => {
            let (n, r) = (load(&new)?, load(&reference)?);
            let v = warden_prove::no_new_access(input(&n), input(&r), policy_type.into());
            let fail_msg = "The new policy grants access that the reference policy does not.";
            let pass_msg = "The new policy grants no access beyond the reference policy.";
            report(
                &v,
                &n,
                pass_msg,
                fail_msg,
                "New access in the statement",
                format,
            )
        }
        Args::AccessNotGranted {
            policy,
            actions,
            resources,
            policy_type,
            format,
        } => {
            if actions.is_empty() && resources.is_empty() {
                return Err("give --actions, --resources or both".into());
            }
            let p = load(&policy)?;
            let v = warden_prove::access_not_granted(
                input(&p),
                &actions,
                &resources,
                policy_type.into(),
            );
            let what = match (actions.is_empty(), resources.is_empty()) {
                (false, true) => "one or more of the listed actions",
                (true, false) => "access to one or more of the listed resources",
                _ => "one or more of the listed actions on the listed resources",
            };
            report(
                &v,
                &p,
                &format!("The policy does not grant {what}."),
                &format!("The policy grants {what}."),
                "Access to the listed actions or resources in the statement",
                format,
            )
        }
        Args::NoPublicAccess {
            policy,
            resource_type,
            format,
        } => {
            // Exactly as AWS spells the types: the API rejects other spellings.
            if warden_prove::public::definition(&resource_type).is_none() {
                return Err(format!(
                    "unsupported resource type `{resource_type}`; supported: {}",
                    warden_prove::PUBLIC_ACCESS_TYPES.join(", ")
                ));
            }
            let p = load(&policy)?;
            let v = warden_prove::no_public_access(input(&p), &resource_type);
            report(
                &v,
                &p,
                "The resource policy does not grant public access.",
                "The resource policy grants public access.",
                "Public access in the statement",
                format,
            )
        }
        Args::Diff {
            a,
            b,
            policy_type,
            format,
        } => {
            let (la, lb) = (load(&a)?, load(&b)?);
            let d = warden_prove::diff(input(&la), input(&lb), policy_type.into());
            let relation = d.relation();
            let (name, message) = match relation {
                Relation::Equivalent => ("EQUIVALENT", "The policies allow the same requests."),
                Relation::ASubsetOfB => (
                    "A_SUBSET_OF_B",
                    "Everything A allows, B allows; B allows more.",
                ),
                Relation::BSubsetOfA => (
                    "B_SUBSET_OF_A",
                    "Everything B allows, A allows; A allows more.",
                ),
                Relation::Incomparable => (
                    "INCOMPARABLE",
                    "Each policy allows requests the other does not.",
                ),
                Relation::Unknown => ("UNKNOWN", "The comparison could not be decided."),
            };
            match format {
                Format::Json => {
                    let out = json!({
                        "result": name,
                        "message": message,
                        "onlyA": verdict_json(&d.only_a, &la),
                        "onlyB": verdict_json(&d.only_b, &lb),
                    });
                    outln!(
                        "{}",
                        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
                    );
                }
                Format::Text => {
                    outln!("{name}: {message}");
                    for (label, v, l) in [("A", &d.only_a, &la), ("B", &d.only_b, &lb)] {
                        match v {
                            Verdict::Fail(cx) => {
                                outln!("\nOnly {label} ({}) allows, for example:", l.path);
                                out!("{}", counterexample_text(cx, l));
                            }
                            Verdict::Unknown(why) => outln!("\n{label}: not decided: {why}"),
                            Verdict::Pass => {}
                        }
                    }
                }
            }
            Ok(ExitCode::from(match relation {
                Relation::Equivalent => 0,
                Relation::Unknown => EXIT_UNKNOWN,
                _ => EXIT_FAIL,
            }))
        }
    }
}

fn input(l: &Loaded) -> Input<'_> {
    Input {
        name: &l.path,
        policy: &l.policy,
    }
}

fn position(source: &str, offset: u32) -> Value {
    let p = position_of(source, offset);
    json!({"line": p.line, "column": p.column, "offset": p.offset})
}

fn counterexample_json(cx: &Counterexample) -> Value {
    let mut ctx = Map::new();
    for (k, v) in &cx.request.context {
        let value = if v.multi {
            Value::from(v.values.clone())
        } else {
            Value::from(v.values.first().cloned().unwrap_or_default())
        };
        ctx.insert(k.clone(), value);
    }
    json!({
        "principal": cx.request.principal,
        "action": cx.request.action,
        "resource": cx.request.resource,
        "context": ctx,
    })
}

fn verdict_json(v: &Verdict, l: &Loaded) -> Value {
    match v {
        Verdict::Pass => json!({"result": "PASS"}),
        Verdict::Unknown(why) => json!({"result": "UNKNOWN", "reason": why}),
        Verdict::Fail(cx) => json!({
            "result": "FAIL",
            "counterexample": counterexample_json(cx),
            "reasons": reasons_json(cx, l, "Allowed by the statement"),
        }),
    }
}

fn reasons_json(cx: &Counterexample, l: &Loaded, what: &str) -> Vec<Value> {
    cx.statements
        .iter()
        .map(|s| {
            let mut r = json!({
                "description": format!("{what} with index: {}.", s.statement_index),
                "statementIndex": s.statement_index,
                "span": {"start": position(&l.source, s.span.start), "end": position(&l.source, s.span.end)},
            });
            if let (Some(id), Some(obj)) = (&s.statement_id, r.as_object_mut()) {
                obj.insert("statementId".into(), Value::from(id.clone()));
            }
            r
        })
        .collect()
}

fn counterexample_text(cx: &Counterexample, l: &Loaded) -> String {
    let mut s = String::new();
    s.push_str(&format!("  principal: {}\n", cx.request.principal));
    s.push_str(&format!("  action:    {}\n", cx.request.action));
    s.push_str(&format!("  resource:  {}\n", cx.request.resource));
    for (k, v) in &cx.request.context {
        if v.multi {
            s.push_str(&format!("  context:   {k} = {:?}\n", v.values));
        } else {
            s.push_str(&format!(
                "  context:   {k} = {:?}\n",
                v.values.first().cloned().unwrap_or_default()
            ));
        }
    }
    for st in &cx.statements {
        let p = position_of(&l.source, st.span.start);
        let sid = st
            .statement_id
            .as_ref()
            .map(|x| format!(" (Sid {x})"))
            .unwrap_or_default();
        s.push_str(&format!(
            "  allowed by statement {}{sid} at {}:{}:{}\n",
            st.statement_index, l.path, p.line, p.column
        ));
    }
    s
}

fn report(
    v: &Verdict,
    l: &Loaded,
    pass_msg: &str,
    fail_msg: &str,
    reason: &str,
    format: Format,
) -> Result<ExitCode, String> {
    match format {
        Format::Json => {
            let out = match v {
                Verdict::Pass => json!({"result": "PASS", "message": pass_msg, "reasons": []}),
                Verdict::Unknown(why) => {
                    json!({"result": "UNKNOWN", "message": why, "reasons": []})
                }
                Verdict::Fail(cx) => json!({
                    "result": "FAIL",
                    "message": fail_msg,
                    "reasons": reasons_json(cx, l, reason),
                    "counterexample": counterexample_json(cx),
                }),
            };
            outln!(
                "{}",
                serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
            );
        }
        Format::Text => match v {
            Verdict::Pass => outln!("PASS: {pass_msg}"),
            Verdict::Unknown(why) => outln!("UNKNOWN: {why}"),
            Verdict::Fail(cx) => {
                outln!("FAIL: {fail_msg}\nFor example, this request (confirmed by the evaluator):");
                out!("{}", counterexample_text(cx, l));
            }
        },
    }
    Ok(ExitCode::from(match v {
        Verdict::Pass => 0,
        Verdict::Fail(_) => EXIT_FAIL,
        Verdict::Unknown(_) => EXIT_UNKNOWN,
    }))
}
