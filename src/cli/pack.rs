//! `tilmach prompt build` (also `tilmach prompts build`): a prompt pack for Asterisk or
//! FreeSWITCH.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use tilmach::ivr::pack::{PackBuilder, PackReport, Source, Target, MANIFEST_NAME};
use tilmach::synth::worker::EngineProcess;
use tilmach::synth::{Profile, SpeechConfig};
use tilmach::Language;

#[derive(clap::Args)]
pub struct Args {
    /// The telephone system whose layout and formats to write: asterisk or freeswitch.
    #[arg(long)]
    target: Target,
    /// The pack's folder (created if missing; the manifest tilmach-pack.json lives there).
    #[arg(long)]
    out: PathBuf,
    /// Languages to build (repeatable, or comma-separated); default: all three.
    #[arg(long = "lang", short, value_parser = super::parse_language, value_delimiter = ',')]
    langs: Vec<Language>,
    /// Speak with the elder profile: slower, longer pauses, louder.
    #[arg(long)]
    elder: bool,
    /// A TOML file overriding the standard and elder profiles.
    #[arg(long)]
    config: Option<PathBuf>,
    /// How many prompts to render at once, each in its own engine worker process (default:
    /// the number of cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Human recordings, as <DIR>/<tag>/<name>.wav (default: `recordings` beside the locale
    /// folder).
    #[arg(long)]
    recordings: Option<PathBuf>,
    /// Directory of the locale files.
    #[arg(long)]
    locales: Option<PathBuf>,
    /// The report's format.
    #[arg(long, short, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    #[command(flatten)]
    engine: super::engine::EngineArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let catalog = super::catalog::load(args.locales.as_deref())?;
    let recordings = args.recordings.clone().unwrap_or_else(|| {
        let locales = super::catalog::locales_dir(args.locales.as_deref());
        locales
            .parent()
            .map_or_else(|| PathBuf::from("recordings"), |p| p.join("recordings"))
    });
    let config = match &args.config {
        Some(path) => SpeechConfig::load(path)?,
        None => SpeechConfig::default(),
    };
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let mut builder = PackBuilder::new(args.target);
    if !args.langs.is_empty() {
        builder.languages(&args.langs);
    }
    let profile = if args.elder {
        Profile::Elder
    } else {
        Profile::Standard
    };
    builder
        .profile(profile, &config)
        .jobs(jobs)
        .recordings(Some(recordings));
    // One worker process per job: the embedded engine has global state, so parallel rendering
    // needs separate processes. Workers start as they are needed (none when nothing changed).
    let engine =
        EngineProcess::start(args.engine.worker()?, jobs).context("starting the engine worker")?;
    let report = builder.build(&catalog, &engine, &args.out)?;
    let text = match args.format {
        ReportFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
        ReportFormat::Text => text_report(&report, &args.out),
    };
    super::print_out(&text)?;
    for w in &report.warnings {
        eprintln!("tilmach: warning: {w}");
    }
    Ok(ExitCode::SUCCESS)
}

fn text_report(report: &PackReport, out: &std::path::Path) -> String {
    let mut s = String::new();
    for r in &report.rendered {
        let how = match r.source {
            Source::Synthesized => "synthesized",
            Source::Recorded => "recorded",
        };
        s.push_str(&format!("{how:<12} {} {}\n", r.lang.code(), r.stem));
    }
    for path in &report.removed {
        s.push_str(&format!("removed      {}\n", path.display()));
    }
    s.push_str(&format!(
        "{} pack in {} ({MANIFEST_NAME}):\n",
        report.target,
        out.display()
    ));
    s.push_str("  language         synthesized  recorded  unchanged  at call time\n");
    for c in &report.languages {
        s.push_str(&format!(
            "  {:<16} {:>11}  {:>8}  {:>9}  {:>12}\n",
            format!("{} ({})", c.lang.tag(), c.lang.code()),
            c.synthesized,
            c.recorded,
            c.unchanged,
            c.call_time
        ));
    }
    if !report.call_time.is_empty() {
        s.push_str("rendered at call time (they take variables):\n");
        for p in &report.call_time {
            let vars: Vec<_> = p.variables.iter().map(|v| format!("${v}")).collect();
            s.push_str(&format!("  {} ({})\n", p.id, vars.join(" ")));
        }
    }
    if !report.recordings.is_empty() {
        s.push_str("recorded (human recordings in the pack):\n");
        for r in &report.recordings {
            s.push_str(&format!("  {} {}\n", r.lang.code(), r.stem));
        }
    }
    if !report.stale_recordings.is_empty() {
        s.push_str("stale recordings (the text changed since they were recorded; still used):\n");
        for r in &report.stale_recordings {
            s.push_str(&format!(
                "  {} {}: {}\n",
                r.lang.code(),
                r.stem,
                r.path.display()
            ));
        }
    }
    if !report.unused_recordings.is_empty() {
        s.push_str("unused recordings (no prompt or guide of that name):\n");
        for path in &report.unused_recordings {
            s.push_str(&format!("  {}\n", path.display()));
        }
    }
    s
}
