//! Media files for readers: `/media/{item}/{role}` (`/media/12/w960.webp`,
//! `/media/7/hls/720p.m3u8`). Only renditions of ready, live items are served (those of
//! drafts to the city's editors only), streamed
//! from the object store as they are read; byte ranges are honoured, so video can seek.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::{Failure, PageError};
use crate::state::AppState;

/// A single `bytes=a-b` range within `total` bytes (the only kind players send).
fn range(headers: &HeaderMap, total: u64) -> Option<std::ops::Range<u64>> {
    let spec = headers
        .get(header::RANGE)?
        .to_str()
        .ok()?
        .strip_prefix("bytes=")?;
    let (a, b) = spec.split_once('-')?;
    let (start, end) = match (a.trim(), b.trim()) {
        ("", suffix) => {
            let n: u64 = suffix.parse().ok()?;
            (total.saturating_sub(n), total.checked_sub(1)?)
        }
        (a, "") => (a.parse().ok()?, total.checked_sub(1)?),
        (a, b) => (
            a.parse().ok()?,
            b.parse::<u64>().ok()?.min(total.checked_sub(1)?),
        ),
    };
    (start <= end && end < total).then_some(start..end + 1)
}

pub async fn serve(
    State(state): State<Arc<AppState>>,
    crate::auth::CurrentUser(user): crate::auth::CurrentUser,
    Path((item, role)): Path<(i32, String)>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let actor = user.as_ref().map(|u| &u.actor);
    let (file, audience) =
        forja_services::media::served(&state.store, &state.media, item, &role, actor)
            .await?
            .ok_or(PageError(Failure::NotFound))?;
    let total = file.bytes;
    let wanted = range(&headers, total);
    let length = wanted.as_ref().map_or(total, |r| r.end - r.start);
    let opened = forja_services::media::open(&state.media, &file, wanted.clone()).await?;
    let body = axum::body::Body::from_stream(opened.into_stream());
    let mut response = match wanted {
        Some(r) => {
            let mut res = (StatusCode::PARTIAL_CONTENT, body).into_response();
            if let Ok(v) =
                HeaderValue::from_str(&format!("bytes {}-{}/{total}", r.start, r.end - 1))
            {
                res.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            res
        }
        None => body.into_response(),
    };
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    let content_type = file.content_type;
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    // A day: renditions change only when an item is processed again. A draft's media
    // stay in the editor's own browser.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(match audience {
            forja_services::media::Audience::Public => "public, max-age=86400",
            forja_services::media::Audience::Editors => "private, max-age=3600",
        }),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &str) -> HeaderMap {
        let mut m = HeaderMap::new();
        m.insert(header::RANGE, HeaderValue::from_str(v).unwrap());
        m
    }

    #[test]
    fn ranges_parse_and_clamp() {
        assert_eq!(range(&h("bytes=0-99"), 1000), Some(0..100));
        assert_eq!(range(&h("bytes=900-"), 1000), Some(900..1000));
        assert_eq!(range(&h("bytes=-100"), 1000), Some(900..1000));
        assert_eq!(range(&h("bytes=990-2000"), 1000), Some(990..1000));
        assert_eq!(range(&h("bytes=1000-"), 1000), None);
        assert_eq!(range(&h("items=0-1"), 1000), None);
    }
}
