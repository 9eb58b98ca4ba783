//! The visitor's language: the `lang` cookie first (set by the switcher), then
//! Accept-Language, then English. Never an error: a bad header means the default.

use axum::extract::FromRequestParts;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use axum::http::request::Parts;
use forja_core::Locale;

use crate::i18n::Tr;

pub const LANG_COOKIE: &str = "lang";

/// The language the visitor chose explicitly with the switcher (the cookie), if any.
pub fn explicit(headers: &axum::http::HeaderMap) -> Option<Locale> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| value.parse::<Locale>().ok())
}

/// Resolves the language from request headers.
pub fn from_headers(headers: &axum::http::HeaderMap) -> Locale {
    explicit(headers)
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::negotiate)
        })
        .unwrap_or_default()
}

impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Tr::new(from_headers(&parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    #[test]
    fn cookie_beats_accept_language() {
        let mut h = HeaderMap::new();
        h.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("ro-RO"));
        assert_eq!(from_headers(&h), Locale::Ro);
        h.insert(COOKIE, HeaderValue::from_static("a=b; lang=en"));
        assert_eq!(from_headers(&h), Locale::En);
        h.insert(COOKIE, HeaderValue::from_static("lang=xx"));
        assert_eq!(from_headers(&h), Locale::Ro);
    }
}
