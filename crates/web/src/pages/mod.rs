//! Server-rendered HTML pages, one module per page. Handlers extract, call one service
//! function and render; failures go through [`crate::error::PageError`].

pub mod cities;
pub mod frameworks;
pub mod home;
pub mod language;
pub mod programmes;

use askama::Template;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

use crate::assets;
use crate::error::{Failure, PageError};
use crate::i18n::Tr;

/// What the shared layout needs: the translator, the page title and the current path
/// (for the language switcher's way back).
pub struct Layout {
    pub tr: Tr,
    pub title: String,
    pub path: String,
    pub description: String,
}

impl Layout {
    pub fn new(tr: Tr, title: impl Into<String>, path: impl Into<String>) -> Self {
        let description = tr.t("site-tagline");
        Self {
            tr,
            title: title.into(),
            path: path.into(),
            description,
        }
    }

    pub fn css(&self) -> &'static str {
        assets::stylesheet_path()
    }

    pub fn icon(&self) -> &'static str {
        assets::icon_path()
    }

    /// Link that switches to `lang` and comes back to this page.
    pub fn switch_href(&self, lang: &str) -> String {
        format!("/language/{lang}?next={}", urlencode(&self.path))
    }

    pub fn languages(&self) -> [forja_core::Locale; 2] {
        forja_core::Locale::ALL
    }
}

fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Renders a template into an HTML response.
pub fn render(template: &impl Template) -> Result<Response, PageError> {
    let html = template.render().map_err(|e| {
        tracing::error!(error = %e, "template failed");
        PageError(Failure::Internal)
    })?;
    let mut response = Html(html).into_response();
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    Ok(response)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    l: Layout,
    message: String,
}

/// The error page in the visitor's language, with a way back.
pub fn error_page(tr: Tr, failure: &Failure) -> Response {
    let message = match failure {
        Failure::BadParameter { name, allowed } => {
            tr.t2("error-bad-parameter", ("name", name), ("allowed", allowed))
        }
        Failure::NotFound => tr.t("error-not-found-text"),
        Failure::PayloadTooLarge => tr.t("error-too-large-text"),
        Failure::MethodNotAllowed => tr.t("error-method-text"),
        Failure::Internal => tr.t("error-internal-text"),
    };
    let page = ErrorPage {
        l: Layout::new(tr, tr.t(failure.title_id()), "/"),
        message,
    };
    let status = failure.status();
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, tr.t(failure.title_id())).into_response(),
    }
}

/// Fallback for unknown paths.
pub async fn not_found() -> PageError {
    PageError(Failure::NotFound)
}
