//! The language switcher: plain links, so it works without JavaScript. The choice is
//! kept in a cookie for a year; `next` may only point back into this site.

use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use forja_core::Locale;

use crate::error::{Allowed, Failure, PageError};
use crate::locale::LANG_COOKIE;

pub async fn switch(
    Path(code): Path<String>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Result<Response, PageError> {
    let locale: Locale = code.parse().map_err(|_| Failure::BadParameter {
        name: "language",
        allowed: Allowed::Codes(Locale::ALL.map(Locale::code).join(", ")),
    })?;
    let target = super::local_path(q.get("next").map(String::as_str), "/");
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
