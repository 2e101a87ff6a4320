//! Serving a file whose bytes never change under its tag: `ETag`, `If-None-Match` (304) and
//! single byte ranges (206, or 416 when unsatisfiable).

use std::io::SeekFrom;
use std::path::Path;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use super::api::error_response;

/// Serves `path` as `content_type`, tagged `tag` (the `ETag` is `"tag"`), honouring
/// `If-None-Match` and a single `Range: bytes=…` in `headers`.
pub async fn serve(path: &Path, tag: &str, content_type: &str, headers: &HeaderMap) -> Response {
    let etag = format!("\"{tag}\"");
    let Ok(mut file) = tokio::fs::File::open(path).await else {
        return error_response(StatusCode::NOT_FOUND, "no such file");
    };
    let Ok(size) = file.metadata().await.map(|m| m.len()) else {
        return error_response(StatusCode::NOT_FOUND, "no such file");
    };
    let mut response = if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
    {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let range = headers
            .get(header::RANGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|r| parse_range_spec(r, size));
        match range {
            Some(None) => {
                let mut r = error_response(
                    StatusCode::RANGE_NOT_SATISFIABLE,
                    "the range is outside the file",
                );
                r.headers_mut().insert(
                    header::CONTENT_RANGE,
                    HeaderValue::from_str(&format!("bytes */{size}")).expect("ascii"),
                );
                return r;
            }
            Some(Some((start, end))) => match read(&mut file, start, end - start + 1).await {
                Ok(bytes) => {
                    let mut r = (StatusCode::PARTIAL_CONTENT, Body::from(bytes)).into_response();
                    r.headers_mut().insert(
                        header::CONTENT_RANGE,
                        HeaderValue::from_str(&format!("bytes {start}-{end}/{size}"))
                            .expect("ascii"),
                    );
                    r
                }
                Err(_) => return error_response(StatusCode::INTERNAL_SERVER_ERROR, "read failed"),
            },
            None => match read(&mut file, 0, size).await {
                Ok(bytes) => Body::from(bytes).into_response(),
                Err(_) => return error_response(StatusCode::INTERNAL_SERVER_ERROR, "read failed"),
            },
        }
    };
    let h = response.headers_mut();
    h.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).expect("ascii tag"),
    );
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    response
}

async fn read(file: &mut tokio::fs::File, start: u64, len: u64) -> std::io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(start)).await?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(len).read_to_end(&mut bytes).await?;
    Ok(bytes)
}

/// The inclusive byte range a `Range` header asks of a file of `size` bytes. `None`: not a
/// single byte range (the whole file is served); `Some(None)`: unsatisfiable (416).
fn parse_range_spec(header: &str, size: u64) -> Option<Option<(u64, u64)>> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (a, b) = (a.trim(), b.trim());
    let range = if a.is_empty() {
        let n: u64 = b.parse().ok()?;
        (n > 0 && size > 0).then(|| (size.saturating_sub(n), size - 1))
    } else {
        let start: u64 = a.parse().ok()?;
        let end = if b.is_empty() {
            size.saturating_sub(1)
        } else {
            b.parse::<u64>().ok()?.min(size.saturating_sub(1))
        };
        (start < size && start <= end).then_some((start, end))
    };
    Some(range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range_spec("bytes=0-99", 1000), Some(Some((0, 99))));
        assert_eq!(parse_range_spec("bytes=900-", 1000), Some(Some((900, 999))));
        assert_eq!(parse_range_spec("bytes=-100", 1000), Some(Some((900, 999))));
        assert_eq!(
            parse_range_spec("bytes=990-2000", 1000),
            Some(Some((990, 999)))
        );
        assert_eq!(parse_range_spec("bytes=1000-", 1000), Some(None));
        assert_eq!(parse_range_spec("bytes=5-2", 1000), Some(None));
        assert_eq!(parse_range_spec("bytes=0-1,5-6", 1000), None);
        assert_eq!(parse_range_spec("items=0-1", 1000), None);
    }
}
