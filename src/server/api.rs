//! The JSON API: languages, guides, prompts; errors as `{"error": "...", "status": N}`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::Shared;
use crate::guide::{self, Guide, Mode};
use crate::l10n::{FluentArgs, FluentValue, Review, Usage};
use crate::lang::{negotiate, Language};

/// An error as JSON with its status.
pub fn error_response(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({ "error": message, "status": status.as_u16() })),
    )
        .into_response()
}

/// What went wrong in a request, with the status it maps to.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What to tell the client.
    pub message: String,
}

impl ApiError {
    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_response(self.status, &self.message)
    }
}

impl From<crate::Error> for ApiError {
    fn from(e: crate::Error) -> ApiError {
        use crate::Error;
        let status = match &e {
            Error::UnknownGuide { .. } | Error::UnknownPrompt { .. } => StatusCode::NOT_FOUND,
            Error::UnsupportedLanguage { .. }
            | Error::InvalidText(_)
            | Error::Markup(_)
            | Error::Unsupported { .. } => StatusCode::BAD_REQUEST,
            Error::OutputTooLong { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Engine { .. } => StatusCode::BAD_GATEWAY,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let message = match &e {
            Error::Markup(m) => format!("speech markup: {m}"),
            _ => e.to_string(),
        };
        ApiError { status, message }
    }
}

/// The served language: `?lang=` when given (an unknown tag is 400), else the
/// `Accept-Language` header, else the reference locale.
///
/// # Errors
/// 400 for a tag that names no served language.
pub fn language(query: Option<&str>, headers: &HeaderMap) -> Result<Language, ApiError> {
    match query {
        Some(tag) => Language::from_tag(tag).map_err(ApiError::from),
        None => Ok(headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Language::REFERENCE, negotiate)),
    }
}

/// `?mode=`: full unless given.
///
/// # Errors
/// 400 for another word.
pub fn mode(query: Option<&str>) -> Result<Mode, ApiError> {
    query.map_or(Ok(Mode::Full), |m| m.parse().map_err(ApiError::from))
}

/// Checks the form of a guide or prompt id before it is looked up: lowercase ASCII letters,
/// digits and inner hyphens, at most 80 characters. Anything else (`../`, `%2f`, spaces) is 400.
///
/// # Errors
/// 400 naming the rule.
pub fn check_id(id: &str) -> Result<&str, ApiError> {
    let ok = !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if ok {
        Ok(id)
    } else {
        Err(ApiError::bad_request(
            "an id is lowercase letters, digits and inner hyphens, at most 80 characters",
        ))
    }
}

/// `GET /api/v1/languages`.
pub async fn languages() -> Json<Value> {
    Json(Value::Array(
        Language::ALL
            .iter()
            .map(|l| {
                json!({
                    "tag": l.tag(),
                    "code": l.code(),
                    "name": l.native_name(),
                    "english_name": l.english_name(),
                    "script": l.script(),
                    "dir": l.direction().html_dir(),
                    "writing_mode": l.direction().css_writing_mode(),
                })
            })
            .collect(),
    ))
}

/// The query of the guide and prompt routes.
#[derive(serde::Deserialize)]
pub struct GuideQuery {
    /// A language tag.
    pub lang: Option<String>,
    /// `full`, `simple` or `elder`.
    pub mode: Option<String>,
}

/// `GET /api/v1/guides?lang=`.
pub async fn guides(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<GuideQuery>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let lang = language(q.lang.as_deref(), &headers)?;
    let mut list = Vec::new();
    for id in guide::ids(&shared.catalog) {
        let g = Guide::load(&shared.catalog, lang, &id, Usage::Display, &mut Vec::new())?;
        list.push(json!({ "id": id, "title": g.title, "summary": g.summary, "draft": g.draft }));
    }
    Ok(Json(json!({
        "lang": lang.tag(),
        "dir": lang.direction().html_dir(),
        "writing_mode": lang.direction().css_writing_mode(),
        "guides": list,
    })))
}

/// `GET /api/v1/guides/{id}?lang=&mode=`: the shape of `tilmach guide show --format json`.
pub async fn guide(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Query(q): Query<GuideQuery>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let id = check_id(&id)?;
    let lang = language(q.lang.as_deref(), &headers)?;
    let mode = mode(q.mode.as_deref())?;
    let g = Guide::load(&shared.catalog, lang, id, Usage::Display, &mut Vec::new())?;
    Ok(Json(g.to_json(mode, &shared.catalog)?))
}

/// `GET /api/v1/prompts/{id}?lang=&NAME=VALUE…`: the prompt's display text and spoken text;
/// query parameters other than `lang` are its variables (numbers choose plural forms).
pub async fn prompt(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Query(mut q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let id = check_id(&id)?;
    let lang = language(q.remove("lang").as_deref(), &headers)?;
    let catalog = &shared.catalog;
    if !id.starts_with("prompt-") || !catalog.has_message(Language::REFERENCE, id) {
        return Err(crate::Error::UnknownPrompt { id: id.to_owned() }.into());
    }
    let mut args = FluentArgs::new();
    for (k, v) in q {
        let value = match v.parse::<f64>() {
            Ok(n) => FluentValue::from(n),
            Err(_) => FluentValue::from(v),
        };
        args.set(k, value);
    }
    let mut warnings = Vec::new();
    let text = catalog.format(lang, id, None, Some(&args), Usage::Display, &mut warnings)?;
    let speech = catalog.format(lang, id, None, Some(&args), Usage::Speech, &mut Vec::new())?;
    let variables: Vec<&String> = catalog
        .variables(Language::REFERENCE, id)
        .map(|v| v.iter().collect())
        .unwrap_or_default();
    Ok(Json(json!({
        "id": id,
        "lang": lang.tag(),
        "dir": lang.direction().html_dir(),
        "text": text,
        "speech": speech,
        "variables": variables,
        "draft": catalog.review(lang, id).is_none_or(|r| *r == Review::Draft),
        "warnings": warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })))
}

/// Any other path: 404 as JSON.
pub async fn not_found() -> Response {
    error_response(StatusCode::NOT_FOUND, "no such page or endpoint")
}
