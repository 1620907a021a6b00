//! `warden`: offline AWS IAM policy tooling. Each subcommand is a thin layer
//! over a library crate; this file owns argument parsing, I/O, output
//! formats and exit codes (0 success, 2 bad input or blocking result, 1
//! internal error).

/// Writes to standard output. A closed pipe (`warden … | head`) ends the
/// program quietly instead of panicking as `print!` would.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("warden: error: cannot write output: {e}");
        std::process::exit(1);
    }
}

/// `print!` through [`emit`].
macro_rules! out {
    ($($arg:tt)*) => { $crate::emit(&format!($($arg)*)) };
}

/// `println!` through [`emit`].
macro_rules! outln {
    ($($arg:tt)*) => { $crate::emit(&format!("{}\n", format_args!($($arg)*))) };
}

mod actions;
mod check;
mod diag;
mod prove;
mod simulate;

use clap::{Parser, Subcommand, ValueEnum};

// Parsing and compiling many small policies is allocation-heavy; mimalloc
// halves that cost compared with the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "warden", version, about = "Offline, exact AWS IAM policy tooling", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs.
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate a request against identity, resource, boundary, session, SCP, RCP and VPC endpoint policies.
    Simulate(simulate::Args),
    /// Expand an action pattern, or describe an action, from the embedded AWS catalog.
    Actions(actions::Args),
    /// Check policies: every Access Analyzer policy check offline, plus Warden's own security checks.
    Check(check::Args),
    /// List the checks, or print one check's documentation.
    Rules(check::RulesArgs),
    /// Prove facts about policies exactly: no new access, access not granted, no public access, semantic diff.
    #[command(subcommand)]
    Prove(prove::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Simulate(a) => simulate::run(a),
        Command::Actions(a) => actions::run(a),
        Command::Check(a) => check::run(a),
        Command::Rules(a) => check::rules(a),
        Command::Prove(a) => prove::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("warden: error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Exit code for bad input.
pub const EXIT_BAD_INPUT: u8 = 2;
