//! What pages load besides themselves: the stylesheet, the read-aloud script, the widget, and
//! the system's Noto fonts for scripts that visitors' devices often lack (traditional
//! Mongolian, Uyghur Arabic). Fonts are found at start; without them pages fall back to the
//! browser's own fonts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::api::error_response;
use super::{files, Shared};
use crate::l10n::{Catalog, Usage};
use crate::lang::Language;

/// The page stylesheet.
pub const PAGE_CSS: &str = include_str!("assets/page.css");
/// The page's read-aloud script.
pub const PAGE_JS: &str = include_str!("assets/page.js");
/// The widget, before its labels are put in.
const WIDGET_JS: &str = include_str!("assets/widget.js");

/// A font the server can serve: the name in its URL, the file it looks for, and the family
/// the stylesheets use.
struct KnownFont {
    url_name: &'static str,
    file: &'static str,
    family: &'static str,
    local: &'static str,
}

const KNOWN: [KnownFont; 3] = [
    KnownFont {
        url_name: "noto-sans-mongolian.ttf",
        file: "NotoSansMongolian-Regular.ttf",
        family: "Tilmach Mongolian",
        local: "Noto Sans Mongolian",
    },
    KnownFont {
        url_name: "noto-naskh-arabic.ttf",
        file: "NotoNaskhArabic-Regular.ttf",
        family: "Tilmach Arabic",
        local: "Noto Naskh Arabic",
    },
    KnownFont {
        url_name: "noto-naskh-arabic-bold.ttf",
        file: "NotoNaskhArabic-Bold.ttf",
        family: "Tilmach Arabic",
        local: "Noto Naskh Arabic Bold",
    },
];

/// The font files found on this system.
pub struct Fonts {
    found: Vec<(&'static KnownFont, PathBuf)>,
}

impl Fonts {
    /// Looks for the known font files under `dir` (Debian: `/usr/share/fonts`, from
    /// `fonts-noto-core`), at most five folders deep.
    pub fn find(dir: &Path) -> Fonts {
        let mut found = Vec::new();
        let mut stack = vec![(dir.to_owned(), 0)];
        while let Some((d, depth)) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() && depth < 5 {
                    stack.push((path, depth + 1));
                } else if let Some(k) = KNOWN.iter().find(|k| entry.file_name() == k.file) {
                    if !found
                        .iter()
                        .any(|(f, _): &(&KnownFont, PathBuf)| f.file == k.file)
                    {
                        found.push((k, path));
                    }
                }
            }
        }
        found.sort_by_key(|(k, _)| k.url_name);
        Fonts { found }
    }

    /// The families found.
    pub fn families(&self) -> Vec<&str> {
        let mut families: Vec<&str> = self.found.iter().map(|(k, _)| k.local).collect();
        families.dedup();
        families
    }

    /// The files found, with the name each is served under.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Path)> {
        self.found.iter().map(|(k, p)| (k.url_name, p.as_path()))
    }

    /// `@font-face` rules for the fonts found, with URLs under `prefix`.
    pub fn css(&self, prefix: &str) -> String {
        let mut css = String::from("/* The system's Noto fonts, served with the pages. */\n");
        for (k, _) in &self.found {
            let weight = if k.url_name.ends_with("-bold.ttf") {
                700
            } else {
                400
            };
            css.push_str(&format!(
                "@font-face {{ font-family: \"{}\"; font-weight: {weight}; font-display: swap; \
                 src: url(\"{prefix}{}\") format(\"truetype\"), local(\"{}\"); }}\n",
                k.family, k.url_name, k.local
            ));
        }
        css
    }

    fn path(&self, url_name: &str) -> Option<&Path> {
        self.found
            .iter()
            .find(|(k, _)| k.url_name == url_name)
            .map(|(_, p)| p.as_path())
    }
}

/// The widget's script with its labels in the three languages put in.
pub fn widget_js(catalog: &Catalog) -> String {
    let ids = [
        ("read", "ui-read-aloud"),
        ("selection", "ui-read-selection"),
        ("point", "ui-point-read"),
        ("continuous", "ui-continuous-read"),
        ("pause", "ui-pause"),
        ("resume", "ui-resume"),
        ("stop", "ui-stop"),
        ("slower", "ui-slower"),
        ("faster", "ui-faster"),
        ("elder", "ui-elder-mode"),
        ("name", "ui-app-name"),
    ];
    let mut labels = serde_json::Map::new();
    for lang in Language::ALL {
        let mut map = serde_json::Map::new();
        for (key, id) in ids {
            let text = catalog
                .format(lang, id, None, None, Usage::Speech, &mut Vec::new())
                .unwrap_or_else(|_| id.to_owned());
            map.insert(key.into(), text.into());
        }
        labels.insert(lang.code().into(), map.into());
    }
    // JSON inside a script: no "</script>" or line separators can end or break it.
    let json = serde_json::Value::Object(labels)
        .to_string()
        .replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    WIDGET_JS.replace("/*LABELS*/{}", &json)
}

fn text(content_type: &'static str, body: String) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    r
}

/// `GET /widget.js`.
pub async fn widget(State(shared): State<Arc<Shared>>) -> Response {
    let mut r = text("text/javascript; charset=utf-8", widget_js(&shared.catalog));
    r.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    r
}

/// `GET /assets/{name}`: `page.css`, `page.js`, `fonts.css`.
pub async fn asset(State(shared): State<Arc<Shared>>, UrlPath(name): UrlPath<String>) -> Response {
    match name.as_str() {
        "page.css" => text("text/css; charset=utf-8", PAGE_CSS.to_owned()),
        "page.js" => text("text/javascript; charset=utf-8", PAGE_JS.to_owned()),
        "fonts.css" => text("text/css; charset=utf-8", shared.fonts.css("/fonts/")),
        _ => error_response(StatusCode::NOT_FOUND, "no such asset"),
    }
}

/// `GET /fonts/{name}`: one of the known fonts, when this system has it.
pub async fn font(
    State(shared): State<Arc<Shared>>,
    UrlPath(name): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    match shared.fonts.path(&name) {
        Some(path) => {
            let tag = std::fs::metadata(path)
                .ok()
                .and_then(|m| {
                    let t = m
                        .modified()
                        .ok()?
                        .duration_since(std::time::UNIX_EPOCH)
                        .ok()?;
                    Some(format!(
                        "{}-{:x}-{:x}",
                        name.trim_end_matches(".ttf"),
                        m.len(),
                        t.as_secs()
                    ))
                })
                .unwrap_or_else(|| name.clone());
            files::serve(path, &tag, "font/ttf", &headers).await
        }
        None => error_response(StatusCode::NOT_FOUND, "this server has no such font"),
    }
}
