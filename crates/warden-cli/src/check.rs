//! `warden check` and `warden rules`: policy checks over files, directories
//! or standard input, as text with code frames, JSON, or SARIF 2.1.0.

use crate::diag::{render, Severity};
use crate::EXIT_BAD_INPUT;
use serde_json::{json, Value};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use warden_check::{check, Finding, FindingType, Location, Options, PolicyType, ResourceType};
use warden_policy::LineIndex;

/// Output formats of `warden check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Code frames for people.
    Text,
    /// Access-Analyzer-shaped findings.
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
}

/// Policy types on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PolicyTypeArg {
    /// Identity-based policy.
    Identity,
    /// Resource-based policy.
    Resource,
    /// Service control policy.
    Scp,
    /// Resource control policy.
    Rcp,
}

/// Arguments of `warden check`.
#[derive(clap::Args)]
pub struct Args {
    /// Policy files, directories (searched for `*.json`), or `-` for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The policy type.
    #[arg(long, value_enum, default_value = "identity")]
    policy_type: PolicyTypeArg,
    /// For resource policies: AWS::S3::Bucket, AWS::S3::AccessPoint, AWS::S3::MultiRegionAccessPoint,
    /// AWS::S3ObjectLambda::AccessPoint, AWS::IAM::AssumeRolePolicyDocument or AWS::DynamoDB::Table.
    #[arg(long)]
    resource_type: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,
    /// Finding types that make the exit code 2 (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "ERROR,SECURITY_WARNING")]
    blocking: Vec<String>,
    /// Issue codes to leave out.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Also run the checks whose proofs take longer (`WARDEN_STATEMENT_COVERED`:
    /// an Allow statement that the policy's other statements cover together).
    #[arg(long)]
    deep: bool,
}

struct FileResult {
    path: String,
    findings: Vec<Finding>,
    /// What the output shows of each finding, prepared by the thread that
    /// checked the file so the report is only assembled at the end.
    shown: Shown,
}

/// The per-finding output of a file, in the order of its findings.
enum Shown {
    /// Code frames (text output).
    Frames(Vec<String>),
    /// Positions (SARIF).
    Locations(Vec<Location>),
    /// The findings as elements of the JSON report's array, written out
    /// (empty when there are none).
    Json(String),
}

/// What to prepare for each finding.
#[derive(Clone, Copy)]
enum Prepare {
    /// Code frames, coloured or not.
    Frames { color: bool },
    /// Positions.
    Locations,
    /// JSON text.
    Json,
}

impl FileResult {
    fn new(path: String, source: &str, findings: Vec<Finding>, prepare: Prepare) -> Self {
        let shown = match prepare {
            Prepare::Frames { color } => Shown::Frames(
                findings
                    .iter()
                    .map(|f| {
                        let title =
                            format!("{} [{}]: {}", f.code, f.finding_type.as_str(), f.message);
                        let severity = match f.finding_type {
                            FindingType::Error | FindingType::SecurityWarning => Severity::Error,
                            FindingType::Warning => Severity::Warning,
                            FindingType::Suggestion => Severity::Note,
                        };
                        render(severity, &path, source, f.span, &title, color)
                    })
                    .collect(),
            ),
            Prepare::Locations if findings.is_empty() => Shown::Locations(Vec::new()),
            Prepare::Locations => {
                let idx = LineIndex::new(source);
                Shown::Locations(findings.iter().map(|f| f.location(source, &idx)).collect())
            }
            Prepare::Json if findings.is_empty() => Shown::Json(String::new()),
            Prepare::Json => {
                let idx = LineIndex::new(source);
                let mut text = String::new();
                let file = json_string(&path);
                for (i, f) in findings.iter().enumerate() {
                    if i > 0 {
                        text.push_str(",\n");
                    }
                    json_finding(&mut text, &file, f, &f.location(source, &idx));
                }
                Shown::Json(text)
            }
        };
        FileResult {
            path,
            findings,
            shown,
        }
    }

    /// Each finding with its location (empty for text output).
    fn located(&self) -> impl Iterator<Item = (&Finding, &Location)> {
        let locations = match &self.shown {
            Shown::Locations(l) => l.as_slice(),
            Shown::Frames(_) | Shown::Json(_) => &[],
        };
        self.findings.iter().zip(locations)
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        collect_dir(path, out)
    } else {
        out.push(path.to_path_buf());
        Ok(())
    }
}

/// The `*.json` files under the directory `dir`, recursively, sorted by name
/// at each level. The entry's own type (from the directory listing) saves a
/// `stat` per file; symbolic links are followed as `Path::is_dir` does.
fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<(std::ffi::OsString, PathBuf, bool)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| {
            let path = e.path();
            let is_dir = match e.file_type() {
                Ok(t) if !t.is_symlink() => t.is_dir(),
                _ => path.is_dir(),
            };
            (e.file_name(), path, is_dir)
        })
        .collect();
    // Siblings sort as their paths do, but comparing names is much cheaper
    // than comparing paths component by component.
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, e, is_dir) in entries {
        if is_dir {
            collect_dir(&e, out)?;
        } else if e.extension().is_some_and(|x| x == "json") {
            out.push(e);
        }
    }
    Ok(())
}

/// A file that cannot be read becomes a located finding, not a crash.
fn unreadable(path: String, message: String, prepare: Prepare) -> FileResult {
    let finding = Finding {
        code: "JSON_SYNTAX_ERROR",
        finding_type: FindingType::Error,
        message,
        span: warden_policy::Span::new(0, 0),
    };
    FileResult::new(path, "", vec![finding], prepare)
}

/// Reads and checks one file. The source is dropped once its findings are
/// prepared for output, so memory stays small on large trees.
fn check_file(path: &Path, options: &Options, ignore: &[String], prepare: Prepare) -> FileResult {
    let shown = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map(|_| b)
    } else {
        std::fs::read(path)
    };
    let source = match bytes.map(String::from_utf8) {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            return unreadable(
                shown,
                format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
                prepare,
            )
        }
        Err(e) => return unreadable(shown, format!("cannot read the file: {e}"), prepare),
    };
    let mut findings = check(&source, options);
    findings.retain(|f| !ignore.iter().any(|c| c == f.code));
    FileResult::new(shown, &source, findings, prepare)
}

/// Checks `files` on every core, the calling thread included: each thread
/// takes the next unchecked file until none is left, so a few large files
/// cannot leave a core idle. Results come back in the order of `files`.
fn check_files(
    files: &[PathBuf],
    options: &Options,
    ignore: &[String],
    prepare: Prepare,
) -> Vec<FileResult> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = files.get(i) else { break };
            done.push((i, check_file(path, options, ignore, prepare)));
        }
        done
    };
    let mut all: Vec<(usize, FileResult)> = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut all = work();
        for h in helpers {
            match h.join() {
                Ok(done) => all.extend(done),
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// Runs `warden check`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let policy_type = match args.policy_type {
        PolicyTypeArg::Identity => PolicyType::Identity,
        PolicyTypeArg::Resource => PolicyType::Resource,
        PolicyTypeArg::Scp => PolicyType::ServiceControl,
        PolicyTypeArg::Rcp => PolicyType::ResourceControl,
    };
    let resource_type = match &args.resource_type {
        None => None,
        Some(name) => match ResourceType::from_name(name) {
            Some(t) => Some(t),
            None => {
                eprintln!("warden: unknown resource type `{name}`");
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        },
    };
    let options = Options {
        policy_type,
        resource_type,
        deep: args.deep,
    };
    let mut files = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
        } else if let Err(e) = collect(p, &mut files) {
            eprintln!("warden: cannot read {}: {e}", p.display());
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    }
    let ignore: Vec<String> = args.ignore.iter().map(|c| c.to_ascii_uppercase()).collect();
    let prepare = match args.format {
        CheckFormat::Text => Prepare::Frames {
            color: std::io::stdout().is_terminal(),
        },
        CheckFormat::Json => Prepare::Json,
        CheckFormat::Sarif => Prepare::Locations,
    };
    let results = check_files(&files, &options, &ignore, prepare);
    let blocking: Vec<String> = args
        .blocking
        .iter()
        .map(|b| b.trim().to_ascii_uppercase())
        .collect();
    let blocked = results
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| blocking.iter().any(|b| b == f.finding_type.as_str()));
    match args.format {
        CheckFormat::Text => print_text(&results),
        CheckFormat::Json => crate::emit(&json_report(&results)),
        CheckFormat::Sarif => outln!(
            "{}",
            serde_json::to_string_pretty(&sarif_output(&results)).map_err(|e| e.to_string())?
        ),
    }
    Ok(if blocked {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_text(results: &[FileResult]) {
    let mut total = 0;
    // One write for the whole report rather than one per finding.
    let mut text = String::new();
    for r in results {
        if let Shown::Frames(frames) = &r.shown {
            for frame in frames {
                total += 1;
                text.push_str(frame);
                text.push('\n');
            }
        }
    }
    text.push_str(&format!("{total} findings in {} files\n", results.len()));
    crate::emit(&text);
}

fn info_of(code: &str) -> Option<&'static warden_check::RuleInfo> {
    warden_check::rule(code).map(|r| r.info())
}

/// A JSON string literal, escaped as serde_json escapes it.
fn json_string(text: &str) -> String {
    Value::from(text).to_string()
}

/// Appends one finding as an element of the JSON report's array: the text
/// `serde_json::to_string_pretty` gives the object of [`json_output`] (keys
/// in order, two spaces an indentation level), written directly. Each
/// file's findings are written by the thread that checked it, so the
/// report is only concatenated at the end.
fn json_finding(out: &mut String, file: &str, f: &Finding, loc: &Location) {
    use std::fmt::Write as _;
    let link =
        info_of(f.code).map_or_else(|| "null".to_string(), |i| json_string(&i.learn_more_link()));
    let _ = write!(
        out,
        "  {{\n    \"file\": {file},\n    \"findingDetails\": {},\n    \"findingType\": {},\n    \"issueCode\": {},\n    \"learnMoreLink\": {link},\n    \"locations\": [\n      {{\n        \"path\": [],\n        \"span\": {{\n          \"end\": {{\n            \"column\": {},\n            \"line\": {},\n            \"offset\": {}\n          }},\n          \"start\": {{\n            \"column\": {},\n            \"line\": {},\n            \"offset\": {}\n          }}\n        }}\n      }}\n    ]\n  }}",
        json_string(&f.message),
        json_string(f.finding_type.as_str()),
        json_string(f.code),
        loc.end.column,
        loc.end.line,
        loc.end.offset,
        loc.start.column,
        loc.start.line,
        loc.start.offset,
    );
}

/// The JSON report: every file's findings in one array, with a line break
/// at the end.
fn json_report(results: &[FileResult]) -> String {
    let mut text = String::from("[");
    let mut first = true;
    for r in results {
        if let Shown::Json(part) = &r.shown {
            if part.is_empty() {
                continue;
            }
            text.push_str(if first { "\n" } else { ",\n" });
            text.push_str(part);
            first = false;
        }
    }
    text.push_str(if first { "]\n" } else { "\n]\n" });
    text
}

/// The JSON report as a tree: the definition [`json_report`] writes out.
#[cfg(test)]
fn json_output(results: &[FileResult]) -> Value {
    let mut out = Vec::new();
    for r in results {
        for (f, loc) in r.located() {
            out.push(json!({
                "file": r.path,
                "findingType": f.finding_type.as_str(),
                "issueCode": f.code,
                "findingDetails": f.message,
                "learnMoreLink": info_of(f.code).map(|i| i.learn_more_link()),
                "locations": [{"path": [], "span": loc}],
            }));
        }
    }
    Value::Array(out)
}

fn sarif_level(t: FindingType) -> &'static str {
    match t {
        FindingType::Error | FindingType::SecurityWarning => "error",
        FindingType::Warning => "warning",
        FindingType::Suggestion => "note",
    }
}

fn sarif_output(results: &[FileResult]) -> Value {
    let rules: Vec<Value> = warden_check::rules::all()
        .iter()
        .map(|r| {
            let i = r.info();
            let link = i.learn_more_link();
            let mut rule = json!({
                "id": i.code,
                "shortDescription": {"text": i.summary},
                "fullDescription": {"text": i.documentation},
                "help": {"text": i.documentation},
                "defaultConfiguration": {"level": sarif_level(i.finding_type)},
                "properties": {"findingType": i.finding_type.as_str()},
            });
            // SARIF wants a URI here; Warden's own rules are documented by `warden rules`.
            if link.starts_with("https://") {
                rule["helpUri"] = json!(link);
            }
            rule
        })
        .collect();
    let mut out = Vec::new();
    for r in results {
        for (f, loc) in r.located() {
            out.push(json!({
                "ruleId": f.code,
                "level": sarif_level(f.finding_type),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": r.path},
                    "region": {
                        "startLine": loc.start.line,
                        "startColumn": loc.start.column + 1,
                        "endLine": loc.end.line,
                        "endColumn": loc.end.column + 1,
                        "byteOffset": loc.start.offset,
                        "byteLength": loc.end.offset - loc.start.offset,
                    },
                }}],
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "warden",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": out,
        }],
    })
}

/// Arguments of `warden rules`.
#[derive(clap::Args)]
pub struct RulesArgs {
    /// A rule code: print its documentation.
    code: Option<String>,
}

/// Runs `warden rules`.
pub fn rules(args: RulesArgs) -> Result<ExitCode, String> {
    match args.code {
        None => {
            for r in warden_check::rules::all() {
                let i = r.info();
                outln!(
                    "{:<40} {:<17} {}",
                    i.code,
                    i.finding_type.as_str(),
                    i.summary
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(code) => match warden_check::rule(&code) {
            Some(r) => {
                let i = r.info();
                outln!(
                    "{} ({})\n\n{}\n\n{}\n\nMore: {}",
                    i.code,
                    i.finding_type.as_str(),
                    i.summary,
                    i.documentation,
                    i.learn_more_link()
                );
                Ok(ExitCode::SUCCESS)
            }
            None => {
                eprintln!("warden: no rule `{code}` (see `warden rules`)");
                Ok(ExitCode::from(EXIT_BAD_INPUT))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report written out is the tree's pretty-printed text, byte for
    /// byte, for findings with quotes, backslashes, control and non-ASCII
    /// characters in paths and messages, files without findings, and none.
    #[test]
    fn written_json_is_the_pretty_printed_tree() {
        let sources = [
            ("a \"quoted\" path\\é.json", r#"{"Version": "2012-10-17", "Statement": [{"Sid": "a b", "Effect": "Allow", "Action": ["s3:GetObjekt", "s3:*", "s3:Get*"], "Resource": "*"}]}"#),
            ("clean.json", r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/k"}]}"#),
            ("broken\u{1}.json", "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"iam:*\", \"Resource\": \"\u{1f600}*\""),
        ];
        let options = Options {
            policy_type: PolicyType::Identity,
            resource_type: None,
            deep: false,
        };
        for take in 0..=sources.len() {
            let build = |prepare| -> Vec<FileResult> {
                sources[..take]
                    .iter()
                    .map(|(path, src)| {
                        FileResult::new(path.to_string(), src, check(src, &options), prepare)
                    })
                    .collect()
            };
            let tree = build(Prepare::Locations);
            let written = build(Prepare::Json);
            let expected = serde_json::to_string_pretty(&json_output(&tree)).unwrap() + "\n";
            assert_eq!(json_report(&written), expected);
        }
        // The cases above have findings to compare.
        let all: Vec<FileResult> = sources
            .iter()
            .map(|(path, src)| {
                FileResult::new(path.to_string(), src, check(src, &options), Prepare::Json)
            })
            .collect();
        assert!(all.iter().filter(|r| !r.findings.is_empty()).count() >= 2);
    }
}
