//! The language switcher: plain links, so it works without JavaScript. The choice is
//! kept in a cookie for a year; `next` may only point back into this site.

use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use forja_core::Locale;
use serde::Deserialize;

use crate::error::{Failure, PageError};
use crate::locale::LANG_COOKIE;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// A local path, never `//host` or `/\host`, which browsers treat as another site.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.contains(['\r', '\n']) =>
        {
            n
        }
        _ => "/",
    }
}

pub async fn switch(
    Path(code): Path<String>,
    Query(q): Query<Next>,
) -> Result<Response, PageError> {
    let locale: Locale = code.parse().map_err(|_| Failure::BadParameter {
        name: "language",
        allowed: Locale::ALL.map(Locale::code).join(", "),
    })?;
    let target = safe_next(q.next.as_deref());
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.code()
    );
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::LOCATION,
        HeaderValue::from_str(target).unwrap_or(HeaderValue::from_static("/")),
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/cities/resita")), "/cities/resita");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
