//! Server-rendered HTML pages, one module per page. Handlers extract, call one service
//! function and render; failures go through [`crate::error::PageError`].

pub mod account;
pub mod admin;
pub mod cities;
pub mod dashboard;
pub mod discussions;
pub mod editing;
pub mod frameworks;
pub mod home;
pub mod inbox;
pub mod language;
pub mod monitoring;
pub mod peers;
pub mod people;
pub mod practices;
pub mod programmes;
pub mod requests;
pub mod resources;
pub mod search;
pub mod statuses;
pub mod stories;

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
    /// The signed-in person's name, shown in the header with a sign-out button.
    pub user: Option<String>,
    /// The form token for the header's sign-out form (and any form on the page).
    pub csrf: String,
    /// The signed-in person may read the audit log (the header links it).
    pub admin: bool,
}

/// What every page handler extracts: the language, who is signed in, and a form token
/// when someone is (their header holds a sign-out form).
pub struct PageCtx {
    pub tr: Tr,
    pub user: Option<forja_services::auth::SignedIn>,
    pub csrf: String,
}

impl<S> axum::extract::FromRequestParts<S> for PageCtx
where
    std::sync::Arc<crate::state::AppState>: axum::extract::FromRef<S>,
    S: Send + Sync,
{
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let crate::auth::CurrentUser(mut user) =
            crate::auth::CurrentUser::from_request_parts(parts, state).await?;
        let tr = Tr::new(page_locale(&parts.headers, user.as_ref()));
        let csrf = match &user {
            Some(_) => crate::csrf::Csrf::from_request_parts(parts, state).await?.0,
            None => String::new(),
        };
        // Rendered for the shared cache: the person's own parts are marks that the
        // cache fills in for each reader (`cache::Personal`).
        if parts.extensions.get::<ForEveryone>().is_some()
            && let Some(u) = user.as_mut()
        {
            u.display_name = name_mark().to_owned();
            return Ok(PageCtx {
                tr,
                user,
                csrf: csrf_mark().to_owned(),
            });
        }
        Ok(PageCtx { tr, user, csrf })
    }
}

/// The language of a page: the switcher's choice first, then the account's language,
/// then the browser's.
pub fn page_locale(
    headers: &axum::http::HeaderMap,
    user: Option<&forja_services::auth::SignedIn>,
) -> forja_core::Locale {
    match (
        crate::locale::explicit(headers),
        user.and_then(|u| u.locale),
    ) {
        (Some(locale), _) | (None, Some(locale)) => locale,
        (None, None) => crate::locale::from_headers(headers),
    }
}

/// A request extension: render this page once for everyone with the same rights, with
/// marks where the person's own name and form token go.
#[derive(Clone, Copy)]
pub struct ForEveryone;

/// Where the signed-in person's name goes in a page rendered for everyone. Each process
/// makes its marks anew from random bytes, so no text anyone stores or sends can hold
/// one (the cache is per process too): a story title cannot ask for readers' tokens.
pub fn name_mark() -> &'static str {
    static MARK: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MARK.get_or_init(|| format!("\u{1}name-{}\u{1}", unguessable()))
}

/// Where the person's form token goes.
pub fn csrf_mark() -> &'static str {
    static MARK: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MARK.get_or_init(|| format!("\u{1}csrf-{}\u{1}", unguessable()))
}

/// Random text for the marks; without randomness, marks that nothing matches, so that
/// pages are rendered per reader and never kept (`cache::cached` keeps only a rendering
/// that holds the name mark, and the random part then fails to appear).
fn unguessable() -> String {
    forja_services::auth::random_token().unwrap_or_default()
}

impl Layout {
    /// A layout that shows who is signed in.
    pub fn for_ctx(ctx: &PageCtx, title: impl Into<String>, path: impl Into<String>) -> Self {
        let mut l = Self::new(ctx.tr, title, path);
        l.user = ctx.user.as_ref().map(|u| u.display_name.clone());
        l.csrf = ctx.csrf.clone();
        l.admin = ctx.user.as_ref().is_some_and(|u| {
            forja_core::policy::allowed(&u.actor, &forja_core::policy::Action::ViewAudit)
        });
        l
    }

    pub fn new(tr: Tr, title: impl Into<String>, path: impl Into<String>) -> Self {
        let description = tr.t("site-tagline");
        Self {
            tr,
            title: title.into(),
            path: path.into(),
            description,
            user: None,
            csrf: String::new(),
            admin: false,
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

/// A `page=` value of a paged list: the first page when left out or empty; anything
/// but a whole number from 1 to `most` is refused, naming what is allowed. (A page past
/// the last is the list's to refuse: only it knows how long it is.)
pub fn page_value(raw: Option<&str>, most: usize) -> Result<usize, Failure> {
    match raw.map(str::trim) {
        None | Some("") => Ok(1),
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|p| (1..=most).contains(p))
            .ok_or(Failure::BadParameter {
                name: "page",
                allowed: crate::error::Allowed::Message("allowed-whole-number", most as i64),
            }),
    }
}

/// `?page=` of a list as long as its store: see [`page_value`].
pub fn page_number(query: &std::collections::HashMap<String, String>) -> Result<usize, PageError> {
    Ok(page_value(
        query.get("page").map(String::as_str),
        1_000_000,
    )?)
}

/// A list's address at page `page`: the first page has no `page=`.
pub fn at_page(base: &str, page: usize) -> String {
    match (page, base.contains('?')) {
        (1, _) => base.to_owned(),
        (_, true) => format!("{base}&page={page}"),
        (_, false) => format!("{base}?page={page}"),
    }
}

pub fn urlencode(s: &str) -> String {
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

/// A redirect target that can only be a path on this site. Browsers ignore tabs and
/// newlines inside URLs and treat `//host` and `/\host` as other sites, so any control
/// character or backslash, or a second leading slash, sends the visitor to `default`.
pub fn local_path<'a>(next: Option<&'a str>, default: &'a str) -> &'a str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(char::is_control)
                && n.len() <= 2048 =>
        {
            n
        }
        _ => default,
    }
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
    /// The signed-in person's own city (slug, name): the way back from a refusal.
    home: Option<(String, String)>,
}

/// The error page in the visitor's language, with a way back: for a signed-in person,
/// their header and their own city.
pub fn error_page(
    tr: Tr,
    ctx: Option<&PageCtx>,
    home: Option<(String, forja_core::LocalizedText)>,
    failure: &Failure,
    path: &str,
) -> Response {
    // A signed-in person reads it in their account's language, as every other page.
    let tr = ctx.map_or(tr, |c| c.tr);
    let message = match failure {
        Failure::BadParameter { name, allowed } => tr.t2(
            "error-bad-parameter",
            ("name", name),
            ("allowed", &allowed.text(tr)),
        ),
        Failure::NotFound => tr.t("error-not-found-text"),
        Failure::PayloadTooLarge => tr.t("error-too-large-text"),
        Failure::MethodNotAllowed => tr.t("error-method-text"),
        Failure::Forbidden => tr.t("error-forbidden-text"),
        Failure::Unauthenticated => tr.t("error-unauthenticated-text"),
        Failure::CsrfRejected => tr.t("error-csrf-text"),
        Failure::Conflict { .. } => tr.t("error-conflict-text"),
        Failure::Invalid(_) | Failure::Taken(_) => tr.t("error-invalid-text"),
        Failure::PreconditionFailed { .. } => tr.t("error-precondition-failed-text"),
        Failure::PreconditionRequired => tr.t("error-precondition-required-text"),
        Failure::UnsupportedMediaType => tr.t("error-media-type-text"),
        Failure::Internal => tr.t("error-internal-text"),
    };
    // The real path, so the language switch comes back to the same address.
    let page = ErrorPage {
        l: match ctx {
            Some(ctx) => Layout::for_ctx(ctx, tr.t(failure.title_id()), path),
            None => Layout::new(tr, tr.t(failure.title_id()), path),
        },
        message,
        home: home.map(|(slug, name)| (slug, tr.txt(&name))),
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

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn redirect_targets_stay_on_this_site() {
        assert_eq!(
            local_path(Some("/cities/resita?x=1"), "/"),
            "/cities/resita?x=1"
        );
        for evil in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "/\t/evil.example",
            "/\n/evil",
            "\t//evil",
            "",
        ] {
            assert_eq!(local_path(Some(evil), "/"), "/", "{evil:?}");
        }
        assert_eq!(local_path(None, "/account"), "/account");
    }
}
