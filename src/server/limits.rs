//! What every request passes first: cross-origin headers for the API (the widget runs on other
//! sites' pages), the global limit on requests in flight (503 at once when full: load shedding,
//! not a queue), and the per-request timeout.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::api::error_response;
use super::Shared;

/// The middleware: see the module documentation.
pub async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let cross_origin = request.uri().path().starts_with("/api/");
    if cross_origin && request.method() == Method::OPTIONS {
        return with_cors(StatusCode::NO_CONTENT.into_response());
    }
    let Ok(_permit) = shared.in_flight.clone().try_acquire_owned() else {
        return with_cors(busy("the server is handling as many requests as it can"));
    };
    let timeout = shared.config.request_timeout;
    let response = match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            &format!(
                "the request took longer than {} s and was stopped",
                timeout.as_secs_f64()
            ),
        ),
    };
    if cross_origin {
        with_cors(response)
    } else {
        response
    }
}

/// 503 with a hint to retry in a second.
pub fn busy(message: &str) -> Response {
    let mut response = error_response(StatusCode::SERVICE_UNAVAILABLE, message);
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

fn with_cors(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type, accept, range, if-none-match"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("etag, content-range, content-length, accept-ranges"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    response
}
