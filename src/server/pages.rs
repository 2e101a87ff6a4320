//! The guide pages and the index, rendered on the server: complete without JavaScript, with
//! `lang` and `dir` set, every sentence in a numbered span that read-aloud highlights, and the
//! links written for the live server or for a static export.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};

use super::api::{self, ApiError, GuideQuery};
use super::Shared;
use crate::guide::{self, Guide, Mode};
use crate::l10n::{Catalog, Usage};
use crate::lang::Language;
use crate::text::split_sentences;

/// Where a page lives, which decides how its links are written.
#[derive(Debug, Clone, Copy)]
pub enum Site<'a> {
    /// `tilmach serve`: absolute paths, speech from the API.
    Server,
    /// A static export: paths relative to a page `depth` folders below the export's root;
    /// speech from the pre-rendered timings file named (relative to the root).
    Static {
        /// How many folders below the root the page lies.
        depth: usize,
        /// The pre-rendered speech of this page, relative to the root.
        speech: Option<&'a str>,
    },
}

impl Site<'_> {
    fn root(&self) -> String {
        match self {
            Site::Server => "/".into(),
            Site::Static { depth, .. } => "../".repeat(*depth),
        }
    }

    fn asset(&self, name: &str) -> String {
        format!("{}assets/{name}", self.root())
    }

    /// The link to guide `id` in `lang` and `mode`.
    pub fn guide(&self, id: &str, lang: Language, mode: Mode) -> String {
        match self {
            Site::Server => format!("/guides/{id}?lang={}&mode={mode}", lang.tag()),
            Site::Static { .. } => format!("{}{}/{id}/{mode}.html", self.root(), lang.tag()),
        }
    }

    /// The link to the index in `lang` and `mode`.
    pub fn index(&self, lang: Language, mode: Mode) -> String {
        match self {
            Site::Server => format!("/?lang={}&mode={mode}", lang.tag()),
            Site::Static { .. } => format!("{}{}/index.{mode}.html", self.root(), lang.tag()),
        }
    }

    fn speech_attribute(&self) -> String {
        match self {
            Site::Server => " data-speech-api=\"/api/v1/speech\"".into(),
            Site::Static {
                speech: Some(path), ..
            } => format!(
                " data-speech-json=\"{}\"",
                escape(&format!("{}{path}", self.root()))
            ),
            Site::Static { speech: None, .. } => String::new(),
        }
    }
}

/// Escapes text for HTML content and attribute values.
pub use crate::guide::escape_xml as escape;

/// A page being written: its HTML and the sentences read-aloud speaks, one per span.
struct Writer {
    lang: Language,
    html: String,
    lines: Vec<String>,
}

impl Writer {
    /// Writes `text` as one span per sentence.
    fn sentences(&mut self, text: &str) {
        let joiner = if self.lang == Language::Mandarin {
            ""
        } else {
            " "
        };
        let parts: Vec<String> = split_sentences(self.lang, text)
            .into_iter()
            .map(|s| {
                let n = self.lines.len();
                self.lines.push(s.replace(['\n', '\r'], " "));
                format!("<span class=\"tm-s\" data-s=\"{n}\">{}</span>", escape(s))
            })
            .collect();
        self.html.push_str(&parts.join(joiner));
    }
}

/// Words of the page chrome in `lang`.
fn ui(catalog: &Catalog, lang: Language, id: &str) -> String {
    catalog
        .format(lang, id, None, None, Usage::Display, &mut Vec::new())
        .unwrap_or_else(|_| id.to_owned())
}

/// The `<head>` and the top of `<body>`: language switcher, mode switcher.
fn open(
    w: &mut Writer,
    catalog: &Catalog,
    site: Site<'_>,
    title: &str,
    mode: Mode,
    link: &dyn Fn(Language, Mode) -> String,
) {
    let lang = w.lang;
    let t = |id: &str| escape(&ui(catalog, lang, id));
    w.html.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{tag}\" dir=\"{dir}\" class=\"tm-{mode}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title} · {app}</title>\n\
         <link rel=\"stylesheet\" href=\"{fonts}\">\n<link rel=\"stylesheet\" href=\"{css}\">\n\
         <script src=\"{js}\" defer></script>\n</head>\n<body{speech} data-lang=\"{tag}\" data-mode=\"{mode}\">\n\
         <a class=\"tm-skip\" href=\"#main\">{skip}</a>\n<header class=\"tm-header\">\n<p class=\"tm-app\"><a href=\"{home}\">{app}</a></p>\n",
        tag = lang.tag(),
        dir = lang.direction().html_dir(),
        title = escape(title),
        app = t("ui-app-name"),
        fonts = site.asset("fonts.css"),
        css = site.asset("page.css"),
        js = site.asset("page.js"),
        speech = site.speech_attribute(),
        skip = t("ui-guides"),
        home = escape(&site.index(lang, mode)),
    ));
    w.html.push_str(&format!(
        "<nav class=\"tm-langs\" aria-label=\"{}\"><ul>",
        t("ui-language")
    ));
    for other in Language::ALL {
        let current = if other == lang {
            " aria-current=\"page\""
        } else {
            ""
        };
        w.html.push_str(&format!(
            "<li><a href=\"{}\" lang=\"{}\" hreflang=\"{}\" dir=\"{}\"{current}>{}</a></li>",
            escape(&link(other, mode)),
            other.tag(),
            other.tag(),
            other.direction().html_dir(),
            other.native_name()
        ));
    }
    w.html.push_str("</ul></nav>\n");
    w.html.push_str(&format!(
        "<nav class=\"tm-modes\" aria-label=\"{}\"><ul>",
        t("ui-settings")
    ));
    for (m, label) in [
        (Mode::Elder, "ui-elder-mode"),
        (Mode::Simple, "ui-simple-version"),
        (Mode::Full, "ui-full-version"),
    ] {
        let current = if m == mode {
            " aria-current=\"page\""
        } else {
            ""
        };
        w.html.push_str(&format!(
            "<li><a href=\"{}\"{current}>{}</a></li>",
            escape(&link(lang, m)),
            t(label)
        ));
    }
    w.html.push_str("</ul></nav>\n</header>\n");
}

/// The read-aloud controls: shown by the script (they need it), hidden without it.
fn controls(w: &mut Writer, catalog: &Catalog) {
    let t = |id: &str| escape(&ui(catalog, w.lang, id));
    let html = format!(
        "<div class=\"tm-controls\" role=\"toolbar\" aria-label=\"{read}\" hidden \
         data-pause=\"{pause}\" data-resume=\"{resume}\" data-read=\"{read}\" data-stop=\"{stop}\">\
         <button type=\"button\" class=\"tm-read\" aria-pressed=\"false\">{read}</button>\
         <button type=\"button\" class=\"tm-pause\" disabled>{pause}</button>\
         <button type=\"button\" class=\"tm-slower\">{slower}</button>\
         <button type=\"button\" class=\"tm-faster\">{faster}</button>\
         <output class=\"tm-rate\" aria-live=\"polite\">100%</output>\
         <p class=\"tm-status\" role=\"status\" aria-live=\"polite\"></p></div>\n",
        read = t("ui-read-aloud"),
        pause = t("ui-pause"),
        resume = t("ui-resume"),
        stop = t("ui-stop"),
        slower = t("ui-slower"),
        faster = t("ui-faster"),
    );
    w.html.push_str(&html);
}

/// A guide page and the sentences its read-aloud speaks (one per `data-s` span, in order).
pub fn guide_page(
    catalog: &Catalog,
    g: &Guide,
    mode: Mode,
    site: Site<'_>,
) -> crate::Result<(String, Vec<String>)> {
    let mut w = Writer {
        lang: g.lang,
        html: String::new(),
        lines: Vec::new(),
    };
    let link = |l: Language, m: Mode| site.guide(&g.id, l, m);
    open(&mut w, catalog, site, &g.title, mode, &link);
    let read_label = escape(&ui(catalog, g.lang, "ui-read-aloud"));
    w.html
        .push_str("<main id=\"main\" tabindex=\"-1\">\n<article class=\"tm-guide\">\n<h1>");
    w.sentences(&g.title);
    w.html.push_str("</h1>\n");
    if g.draft {
        w.html.push_str(&format!(
            "<p class=\"tm-draft\" role=\"note\">{}</p>\n",
            escape(&ui(catalog, g.lang, "ui-draft-translation-notice"))
        ));
    }
    controls(&mut w, catalog);
    for (i, section) in g
        .sections(mode, catalog, Usage::Display)?
        .iter()
        .enumerate()
    {
        w.html
            .push_str(&format!("<section class=\"tm-section\" id=\"s{i}\">\n"));
        let label = section.heading.as_deref().unwrap_or(&g.title);
        w.html.push_str(&format!(
            "<button type=\"button\" class=\"tm-read-section\" hidden aria-label=\"{read_label}: {}\">{read_label}</button>\n",
            escape(label)
        ));
        if let Some(h) = &section.heading {
            w.html.push_str("<h2>");
            w.sentences(h);
            w.html.push_str("</h2>\n");
        }
        let list = if section.numbered { "ol" } else { "" };
        if !list.is_empty() {
            w.html.push_str("<ol>");
        }
        for item in &section.items {
            w.html
                .push_str(if list.is_empty() { "<p>" } else { "<li>" });
            w.sentences(item);
            w.html
                .push_str(if list.is_empty() { "</p>\n" } else { "</li>\n" });
        }
        if !list.is_empty() {
            w.html.push_str("</ol>\n");
        }
        w.html.push_str("</section>\n");
    }
    w.html.push_str(&format!(
        "</article>\n<p class=\"tm-back\"><a href=\"{}\">{}</a></p>\n</main>\n</body>\n</html>\n",
        escape(&site.index(g.lang, mode)),
        escape(&ui(catalog, g.lang, "ui-back"))
    ));
    Ok((w.html, w.lines))
}

/// The index: every guide's title and summary, linking to the guide in the same mode.
pub fn index_page(
    catalog: &Catalog,
    lang: Language,
    mode: Mode,
    site: Site<'_>,
) -> crate::Result<(String, Vec<String>)> {
    let mut w = Writer {
        lang,
        html: String::new(),
        lines: Vec::new(),
    };
    let title = ui(catalog, lang, "ui-guides");
    let link = |l: Language, m: Mode| site.index(l, m);
    open(&mut w, catalog, site, &title, mode, &link);
    w.html
        .push_str("<main id=\"main\" tabindex=\"-1\">\n<article class=\"tm-index\">\n<h1>");
    w.sentences(&title);
    w.html.push_str("</h1>\n");
    controls(&mut w, catalog);
    w.html.push_str("<ul class=\"tm-guides\">\n");
    for id in guide::ids(catalog) {
        let g = Guide::load(catalog, lang, &id, Usage::Display, &mut Vec::new())?;
        w.html.push_str(&format!(
            "<li><a href=\"{}\">",
            escape(&site.guide(&id, lang, mode))
        ));
        w.sentences(&g.title);
        w.html.push_str("</a><p>");
        w.sentences(&g.summary);
        w.html.push_str("</p></li>\n");
    }
    w.html
        .push_str("</ul>\n</article>\n</main>\n</body>\n</html>\n");
    Ok((w.html, w.lines))
}

fn html(body: String, lang: Language) -> Response {
    let mut r = Html(body).into_response();
    r.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.tag()),
    );
    r
}

/// `GET /?lang=&mode=`.
pub async fn index(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<GuideQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let lang = api::language(q.lang.as_deref(), &headers)?;
    let mode = api::mode(q.mode.as_deref())?;
    let (page, _) = index_page(&shared.catalog, lang, mode, Site::Server)?;
    Ok(html(page, lang))
}

/// `GET /guides/{id}?lang=&mode=`.
pub async fn guide(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Query(q): Query<GuideQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let id = api::check_id(&id)?;
    let lang = api::language(q.lang.as_deref(), &headers)?;
    let mode = api::mode(q.mode.as_deref())?;
    let g = Guide::load(&shared.catalog, lang, id, Usage::Display, &mut Vec::new())?;
    let (page, _) = guide_page(&shared.catalog, &g, mode, Site::Server)?;
    Ok(html(page, lang))
}
