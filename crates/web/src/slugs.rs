//! Canonical slugs in URLs. `/cities/Reşiţa`, `/cities/reșița` and `/cities/RESITA` all
//! lead, with a permanent redirect, to `/cities/resita`: people type names the way they
//! write them, with either form of ș and ț.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use forja_core::slug::fold_to_string;

/// Path segments after these words are slugs.
const SLUG_AFTER: &[&str] = &["cities", "programmes"];

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The canonical form of a path, or `None` when it already is canonical.
pub fn canonical_path(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut changed = false;
    let mut out = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        let is_slug = i > 0 && SLUG_AFTER.contains(&segments[i - 1]) && !segment.is_empty();
        if is_slug {
            let decoded = percent_decode(segment).unwrap_or_else(|| (*segment).to_owned());
            let folded = fold_to_string(&decoded);
            if !folded.is_empty() && folded != *segment {
                changed = true;
                out.push(folded);
                continue;
            }
        }
        out.push((*segment).to_owned());
    }
    changed.then(|| out.join("/"))
}

pub async fn canonical(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    // `/cities/resita/` is `/cities/resita`: one address per page.
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let target = match request.uri().query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed.to_owned(),
        };
        let target = if target.is_empty() || target.starts_with("//") {
            "/".to_owned()
        } else {
            target
        };
        if let Ok(location) = HeaderValue::from_str(&target) {
            let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
            response.headers_mut().insert(header::LOCATION, location);
            return response;
        }
    }
    if (path.starts_with("/cities/") || path.starts_with("/api/v1/cities/"))
        && let Some(target) = canonical_path(path)
    {
        let target = match request.uri().query() {
            Some(q) => format!("{target}?{q}"),
            None => target,
        };
        if let Ok(location) = HeaderValue::from_str(&target) {
            let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
            response.headers_mut().insert(header::LOCATION, location);
            return response;
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::canonical_path;

    #[test]
    fn folds_city_and_programme_slugs_only() {
        assert_eq!(
            canonical_path("/cities/Re%C5%9Fi%C5%A3a").as_deref(),
            Some("/cities/resita")
        );
        assert_eq!(
            canonical_path("/cities/re%C8%99i%C8%9Ba/strategy").as_deref(),
            Some("/cities/resita/strategy")
        );
        assert_eq!(
            canonical_path("/cities/RESITA/programmes/Hala-Minda").as_deref(),
            Some("/cities/resita/programmes/hala-minda")
        );
        assert_eq!(canonical_path("/cities/resita/programmes"), None);
        assert_eq!(canonical_path("/api/v1/cities/resita"), None);
    }
}
