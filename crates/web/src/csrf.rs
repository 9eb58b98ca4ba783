//! Cross-site request forgery protection for every state-changing form, in one place.
//! A random token lives in a SameSite=Strict, HttpOnly cookie and in a hidden `csrf`
//! field of each form (double submit); the middleware refuses any POST whose field does
//! not match, and any request whose `Origin` is another site. The cookie is set only
//! when a page actually renders a form, so cached public pages never carry it.

use std::sync::{Arc, Mutex};

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::{cookie, is_tls};
use crate::error::{Failure, PageError};

pub const CSRF_COOKIE: &str = "forja_csrf";
pub const CSRF_FIELD: &str = "csrf";

/// Filled by [`Csrf`] when a handler needs a token the browser does not have yet.
#[derive(Clone, Default)]
struct Issued(Arc<Mutex<Option<String>>>);

/// The token to put in a form's hidden field.
pub struct Csrf(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Csrf {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(existing) = cookie(&parts.headers, CSRF_COOKIE).filter(|t| t.len() == 64) {
            return Ok(Csrf(existing.to_owned()));
        }
        let token = forja_services::auth::random_token().map_err(Failure::from)?;
        if let Some(issued) = parts.extensions.get::<Issued>()
            && let Ok(mut slot) = issued.0.lock()
        {
            *slot = Some(token.clone());
        }
        Ok(Csrf(token))
    }
}

fn same_origin(parts_headers: &axum::http::HeaderMap) -> bool {
    let host = parts_headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    match parts_headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    {
        // Browsers send Origin on every cross-site POST; when it is absent the request
        // came from a same-site form or a non-browser client.
        None => {
            parts_headers
                .get("sec-fetch-site")
                .and_then(|v| v.to_str().ok())
                != Some("cross-site")
        }
        Some(origin) => {
            let origin_host = origin
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(origin);
            host.is_some_and(|h| h.eq_ignore_ascii_case(origin_host))
        }
    }
}

/// Constant-time comparison, so the token cannot be guessed byte by byte.
fn equal(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Finds the `csrf` field in a urlencoded form body.
fn form_token(body: &[u8]) -> Option<String> {
    form_urlencoded_pairs(body)
        .find(|(k, _)| k == CSRF_FIELD)
        .map(|(_, v)| v)
}

fn form_urlencoded_pairs(body: &[u8]) -> impl Iterator<Item = (String, String)> + '_ {
    body.split(|b| *b == b'&').filter_map(|pair| {
        let mut it = pair.splitn(2, |b| *b == b'=');
        let k = decode(it.next()?)?;
        let v = decode(it.next().unwrap_or(b""))?;
        Some((k, v))
    })
}

fn decode(raw: &[u8]) -> Option<String> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = std::str::from_utf8(raw.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Global middleware: lets handlers issue a token (see [`Csrf`]) and sets its cookie on
/// the way out. Runs on every request; checks nothing.
pub async fn issue(mut request: Request, next: Next) -> Response {
    let issued = Issued::default();
    request.extensions_mut().insert(issued.clone());
    let tls = is_tls(request.headers());
    let mut response = next.run(request).await;
    let token = issued.0.lock().ok().and_then(|mut slot| slot.take());
    if let Some(token) = token {
        let secure = if tls { "; Secure" } else { "" };
        let value = format!("{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}");
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Route middleware on every route that accepts a form: refuses any unsafe request
/// whose `Origin` is another site or whose `csrf` field does not match the cookie.
/// Applied as a route layer, so unknown methods still get the router's 405.
pub async fn check(request: Request, next: Next) -> Response {
    // The API authenticates with Bearer tokens, never cookies: nothing to forge. An
    // unsubscribe link's secret is in its address, and mail programs post to it
    // without a form (RFC 8058 one-click): whoever holds the secret may use it anyway.
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || request.uri().path().starts_with("/api/")
        || request.uri().path().starts_with("/unsubscribe/")
    {
        return next.run(request).await;
    }
    let refuse = || PageError(Failure::CsrfRejected).into_response();
    if !same_origin(request.headers()) {
        return refuse();
    }
    let Some(expected) = cookie(request.headers(), CSRF_COOKIE).map(str::to_owned) else {
        return refuse();
    };
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // A file upload is not buffered here to find its field: its token rides in the
    // form's address instead (same cookie, same comparison).
    if content_type.starts_with("multipart/form-data") {
        let sent = request.uri().query().and_then(|q| form_token(q.as_bytes()));
        return match sent {
            Some(sent) if equal(&sent, &expected) => next.run(request).await,
            _ => refuse(),
        };
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return refuse();
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, crate::BODY_LIMIT).await else {
        return PageError(Failure::PayloadTooLarge).into_response();
    };
    match form_token(&bytes) {
        Some(sent) if equal(&sent, &expected) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => refuse(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_token_among_fields() {
        assert_eq!(
            form_token(b"a=1&csrf=abc%2Bd&b=2").as_deref(),
            Some("abc+d")
        );
        assert_eq!(form_token(b"title=a+b"), None);
        assert_eq!(form_token(b"csrf=%zz"), None);
    }

    #[test]
    fn comparison_is_exact() {
        assert!(equal("abc", "abc"));
        assert!(!equal("abc", "abd"));
        assert!(!equal("abc", "abcd"));
    }
}
