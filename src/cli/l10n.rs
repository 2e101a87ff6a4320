//! `tilmach l10n check|status|export|import`: the translators' tools, over `tilmach::l10n::check`
//! and `tilmach::l10n::exchange`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use tilmach::l10n::check::{self, Report, Severity};
use tilmach::l10n::exchange::{self, Format};
use tilmach::Language;

#[derive(Subcommand)]
pub enum Command {
    /// Check the locale files: syntax, missing and obsolete messages, variables, references,
    /// plurals, scripts, invisible characters, speakability, terminology, review state. Exits
    /// with status 1 when there is an error.
    Check {
        /// Directory of the locale files.
        #[arg(long, value_parser = existing_dir)]
        locales: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// A table per locale: messages, translated %, reviewed %, errors, warnings.
    Status {
        /// Directory of the locale files.
        #[arg(long, value_parser = existing_dir)]
        locales: Option<PathBuf>,
    },
    /// Export a locale for a CAT tool: each message and attribute a unit with its source
    /// (zh-Hans-CN) text, its translation and its comment.
    Export {
        /// The locale to export (ug, mn …; zh exports the source alone).
        #[arg(long, value_parser = super::parse_language)]
        locale: Language,
        /// The exchange format.
        #[arg(long, value_parser = parse_format)]
        format: Format,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Directory of the locale files.
        #[arg(long, value_parser = existing_dir)]
        locales: Option<PathBuf>,
    },
    /// Import a translated XLIFF or PO file back into the locale files: validated first,
    /// written atomically, never dropping a message; prints what changed.
    Import {
        /// The XLIFF (.xlf, .xliff) or PO (.po) file.
        file: PathBuf,
        /// Directory of the locale files.
        #[arg(long, value_parser = existing_dir)]
        locales: Option<PathBuf>,
        /// Say what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

/// How `l10n check` prints its findings.
#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// One line per finding, then a summary.
    Text,
    /// One JSON object: `findings` and `locales`.
    Json,
}

fn existing_dir(s: &str) -> Result<PathBuf, String> {
    let p = PathBuf::from(s);
    if p.is_dir() {
        Ok(p)
    } else {
        Err(format!("{s} is not a directory"))
    }
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Check { locales, format } => {
            let dir = super::catalog::locales_dir(locales.as_deref());
            let report = check::check(&dir);
            let text = match format {
                ReportFormat::Text => text_report(&report),
                ReportFormat::Json => {
                    let mut s = serde_json::to_string_pretty(&report)?;
                    s.push('\n');
                    s
                }
            };
            super::print_out(&text)?;
            Ok(if report.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Status { locales } => {
            let dir = super::catalog::locales_dir(locales.as_deref());
            let report = check::check(&dir);
            super::print_out(&status_table(&report))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            locale,
            format,
            output,
            locales,
        } => {
            let dir = super::catalog::locales_dir(locales.as_deref());
            let text = exchange::export(&dir, locale, format)?;
            match output {
                Some(path) if path.as_os_str() != "-" => {
                    exchange::write_atomic(&path, text.as_bytes())?;
                    eprintln!("wrote {} ({locale}, {format})", path.display());
                }
                _ => super::print_out(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            file,
            locales,
            dry_run,
        } => {
            let dir = super::catalog::locales_dir(locales.as_deref());
            let bytes = tilmach::bounded::read_file(
                &file,
                exchange::MAX_EXCHANGE_BYTES as u64,
                "an import file",
            )?;
            let plan = exchange::plan_import(&dir, &file, &bytes)?;
            if !dry_run {
                plan.apply()?;
            }
            super::print_out(&plan.summary(!dry_run))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn text_report(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let _ = writeln!(out, "{f}");
    }
    let _ = writeln!(
        out,
        "{} errors, {} warnings, {} notes",
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    );
    out
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".to_owned()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

fn status_table(report: &Report) -> String {
    let mut out = format!(
        "{:<12} {:>8} {:>11} {:>9} {:>7} {:>9}\n",
        "locale", "messages", "translated", "reviewed", "errors", "warnings"
    );
    for l in &report.locales {
        let _ = writeln!(
            out,
            "{:<12} {:>8} {:>11} {:>9} {:>7} {:>9}",
            l.locale,
            l.messages,
            percent(l.translated, l.reference_messages),
            percent(l.reviewed, l.translated),
            l.errors,
            l.warnings
        );
    }
    out
}
