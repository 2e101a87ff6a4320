//! The static export: the same pages as the server, with pre-rendered speech, as files any web
//! server (or a USB stick) can hold.
//!
//! ```text
//! DIR/index.html                      the Mandarin index
//! DIR/<tag>/index.<mode>.html         the index per language and mode
//! DIR/<tag>/<guide>/<mode>.html       a guide page
//! DIR/audio/<xx>/<key>.wav, .json     its speech and the sentence timings
//! DIR/assets/…, DIR/fonts/…           stylesheet, script, the system's Noto fonts
//! ```

use std::path::{Path, PathBuf};

use super::assets::{Fonts, PAGE_CSS, PAGE_JS};
use super::cache::AudioCache;
use super::pages::{guide_page, index_page, Site};
use super::speech::SpeechRequest;
use crate::guide::{self, Guide, Mode};
use crate::l10n::{Catalog, Usage};
use crate::lang::Language;
use crate::synth::{Profile, SpeechConfig, Synthesizer};
use crate::{Error, Result};

/// What to export and where.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The folder to write (created; files already there are replaced, audio is reused).
    pub out: PathBuf,
    /// The languages (all by default).
    pub langs: Vec<Language>,
    /// The modes (all by default).
    pub modes: Vec<Mode>,
    /// The guides (`None`: every guide).
    pub guides: Option<Vec<String>>,
    /// The speech profiles.
    pub speech: SpeechConfig,
    /// Where the system's fonts are looked for.
    pub fonts_dir: PathBuf,
}

impl ExportOptions {
    /// Everything, into `out`.
    pub fn new(out: impl Into<PathBuf>) -> ExportOptions {
        ExportOptions {
            out: out.into(),
            langs: Language::ALL.to_vec(),
            modes: vec![Mode::Full, Mode::Simple, Mode::Elder],
            guides: None,
            speech: SpeechConfig::default(),
            fonts_dir: PathBuf::from("/usr/share/fonts"),
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// HTML pages written.
    pub pages: usize,
    /// Distinct audio files the pages use.
    pub audio: usize,
}

/// Writes the static site described by `options`, speaking with `engine`.
///
/// # Errors
/// [`Error::UnknownGuide`] for a guide asked for that does not exist; [`Error::Io`] when a file
/// cannot be written; speech errors.
pub fn export_web(
    catalog: &Catalog,
    engine: &dyn Synthesizer,
    options: &ExportOptions,
) -> Result<ExportSummary> {
    let out = &options.out;
    let known = guide::ids(catalog);
    let ids = match &options.guides {
        Some(ids) => {
            for id in ids {
                if !known.contains(id) {
                    return Err(Error::UnknownGuide {
                        id: id.clone(),
                        known: known.join(", "),
                    });
                }
            }
            ids.clone()
        }
        None => known,
    };
    let cache = AudioCache::open(&out.join("audio"))?;
    let mut summary = ExportSummary::default();
    let mut keys = std::collections::BTreeSet::new();
    let mut speak = |lang: Language, mode: Mode, lines: Vec<String>| -> Result<String> {
        let profile = if mode == Mode::Elder {
            Profile::Elder
        } else {
            Profile::Standard
        };
        let request = SpeechRequest {
            text: lines.join("\n"),
            markup: false,
            lang,
            settings: options.speech.settings(profile).clone(),
        };
        let result = cache.speak(engine, &request, None)?;
        keys.insert(result.key.clone());
        Ok(format!("audio/{}/{}.json", &result.key[..2], result.key))
    };
    for &lang in &options.langs {
        for &mode in &options.modes {
            let (_, lines) = index_page(
                catalog,
                lang,
                mode,
                Site::Static {
                    depth: 1,
                    speech: None,
                },
            )?;
            let speech = speak(lang, mode, lines)?;
            let site = Site::Static {
                depth: 1,
                speech: Some(&speech),
            };
            let (html, _) = index_page(catalog, lang, mode, site)?;
            write(
                &out.join(lang.tag()).join(format!("index.{mode}.html")),
                html.as_bytes(),
            )?;
            summary.pages += 1;
            if lang == Language::REFERENCE && mode == options.modes[0] {
                let site = Site::Static {
                    depth: 0,
                    speech: Some(&speech),
                };
                let (html, _) = index_page(catalog, lang, mode, site)?;
                write(&out.join("index.html"), html.as_bytes())?;
                summary.pages += 1;
            }
            for id in &ids {
                let g = Guide::load(catalog, lang, id, Usage::Display, &mut Vec::new())?;
                let (_, lines) = guide_page(
                    catalog,
                    &g,
                    mode,
                    Site::Static {
                        depth: 2,
                        speech: None,
                    },
                )?;
                let speech = speak(lang, mode, lines)?;
                let site = Site::Static {
                    depth: 2,
                    speech: Some(&speech),
                };
                let (html, _) = guide_page(catalog, &g, mode, site)?;
                write(
                    &out.join(lang.tag()).join(id).join(format!("{mode}.html")),
                    html.as_bytes(),
                )?;
                summary.pages += 1;
            }
        }
    }
    summary.audio = keys.len();
    let fonts = Fonts::find(&options.fonts_dir);
    write(&out.join("assets/page.css"), PAGE_CSS.as_bytes())?;
    write(&out.join("assets/page.js"), PAGE_JS.as_bytes())?;
    write(
        &out.join("assets/fonts.css"),
        fonts.css("../fonts/").as_bytes(),
    )?;
    for (name, path) in fonts.files() {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        write(&out.join("fonts").join(name), &bytes)?;
    }
    Ok(summary)
}

/// Writes `bytes` to `path` through a temporary file renamed into place.
fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().expect("inside the export");
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io(path, e)
        })
}
