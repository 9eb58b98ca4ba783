//! Rendered-response cache for public GET routes. Public pages change only when content
//! changes, and every content write bumps the database's content generation; an entry is
//! served while its generation is current. Each process re-reads the generation at most
//! once a second, so many processes over one PostgreSQL stay within a second of a write
//! without any messaging between them.
//!
//! Signed-in readers share entries too: a page differs between people only by their
//! rights (role, city, organisation), their language, their name in the header and
//! their form token. It is rendered once per rights and language with marks where the
//! name and token go (`pages::ForEveryone`), and each response fills in the reader's
//! own ([`Personal`]). Sessions, like API tokens, are checked against the database at
//! most once a second per process, and at once after any write through it.
//!
//! The cache also gives every cached response an ETag and answers `If-None-Match`
//! with 304.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::state::AppState;

/// Above this many entries the cache starts over, so odd query strings cannot grow it
/// without bound.
const MAX_ENTRIES: usize = 4096;
/// Larger bodies are not cached.
const MAX_BODY: usize = 2 * 1024 * 1024;
const GENERATION_TTL: Duration = Duration::from_secs(1);
/// How long a check of an API token or a session is taken as still true.
const CHECK_TTL: Duration = Duration::from_secs(1);

#[derive(Clone)]
struct Entry {
    generation: i64,
    etag: HeaderValue,
    headers: HeaderMap,
    body: Bytes,
}

pub struct RenderCache {
    entries: RwLock<HashMap<String, Entry>>,
    generation: AtomicI64,
    /// Milliseconds since `epoch` when the generation was last read.
    checked_ms: AtomicU64,
    epoch: Instant,
    /// API token checks: good or not.
    tokens: Checks<bool>,
    /// Session checks for cached pages: who is signed in, if anyone.
    sessions: Checks<Option<forja_services::auth::SignedIn>>,
}

/// Recent checks of secrets (API tokens, sessions) against the database, keyed by the
/// secret's SHA-256 (no secret is kept), each good for `CHECK_TTL`.
struct Checks<T> {
    /// SHA-256 → (milliseconds since the cache's epoch, what the check found).
    found: RwLock<HashMap<String, (u64, T)>>,
}

impl<T> Default for Checks<T> {
    fn default() -> Self {
        Self {
            found: RwLock::new(HashMap::new()),
        }
    }
}

/// What a secret is known by in [`Checks`]: its SHA-256, so no secret is kept.
fn secret_key(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

impl<T: Clone> Checks<T> {
    fn get(&self, key: &str, now: u64) -> Option<T> {
        self.found.read().ok().and_then(|found| {
            found
                .get(key)
                .filter(|(at, _)| now.saturating_sub(*at) < CHECK_TTL.as_millis() as u64)
                .map(|(_, v)| v.clone())
        })
    }

    fn put(&self, key: String, now: u64, value: T) {
        if let Ok(mut found) = self.found.write() {
            if found.len() >= MAX_ENTRIES {
                found.clear();
            }
            found.insert(key, (now, value));
        }
    }

    fn clear(&self) {
        if let Ok(mut found) = self.found.write() {
            found.clear();
        }
    }
}

impl Default for RenderCache {
    fn default() -> Self {
        Self {
            entries: RwLock::new(HashMap::new()),
            generation: AtomicI64::new(-1),
            checked_ms: AtomicU64::new(0),
            epoch: Instant::now(),
            tokens: Checks::default(),
            sessions: Checks::default(),
        }
    }
}

impl RenderCache {
    /// The current content generation, read from the database at most once per TTL.
    async fn generation(&self, state: &AppState) -> i64 {
        let now = self.epoch.elapsed().as_millis() as u64;
        let checked = self.checked_ms.load(Ordering::Relaxed);
        let known = self.generation.load(Ordering::Relaxed);
        if known >= 0 && now.saturating_sub(checked) < GENERATION_TTL.as_millis() as u64 {
            return known;
        }
        self.checked_ms.store(now, Ordering::Relaxed);
        match state.store.generation().await {
            Ok(g) => {
                self.generation.store(g, Ordering::Relaxed);
                g
            }
            // The database is unreachable: bypass the cache so the error shows.
            Err(_) => -2,
        }
    }

    fn get(&self, key: &str) -> Option<Entry> {
        self.entries.read().ok()?.get(key).cloned()
    }

    fn put(&self, key: String, entry: Entry) {
        if let Ok(mut map) = self.entries.write() {
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
            map.insert(key, entry);
        }
    }
}

impl RenderCache {
    /// Forces the next request to re-read the generation: called after a write through
    /// this process, so its own pages are fresh at once (others within a second).
    pub fn expire(&self) {
        self.checked_ms.store(0, Ordering::Relaxed);
        self.generation.store(-1, Ordering::Relaxed);
        self.tokens.clear();
        self.sessions.clear();
    }

    /// Whether an API token was good when last checked, if that was within the last
    /// second. Like the content generation, a check is re-read from the database at
    /// most once a second per process, and at once after a write through this one
    /// (revoking a token is one), so a revoked token stops working within a second
    /// everywhere and at once here.
    pub fn token_check(&self, token: &str) -> (String, Option<bool>) {
        let key = secret_key(token);
        let known = self.tokens.get(&key, self.now());
        (key, known)
    }

    /// Records a token check made against the database.
    pub fn token_checked(&self, key: String, good: bool) {
        self.tokens.put(key, self.now(), good);
    }

    fn now(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }
}

/// Global middleware: a successful unsafe request may have changed content.
pub async fn expire_after_writes(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let unsafe_method = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let response = next.run(request).await;
    if unsafe_method && (response.status().is_success() || response.status().is_redirection()) {
        state.cache.expire();
    }
    response
}

fn etag_for(body: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(body);
    // Weak: compression may re-encode the bytes while the meaning stays the same.
    HeaderValue::from_str(&format!("W/\"{}\"", hex::encode(&digest[..12])))
        .unwrap_or(HeaderValue::from_static("W/\"0\""))
}

fn not_modified(request_headers: &HeaderMap, etag: &HeaderValue) -> bool {
    request_headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| {
            let tag = tag.trim();
            tag == "*"
                || tag.trim_start_matches("W/")
                    == etag.to_str().unwrap_or("").trim_start_matches("W/")
        })
}

/// A signed-in reader of a cached page: who they are as the page needs them.
pub struct Personal {
    /// What decides the page's links: role, city, organisation (never the person).
    rights: String,
    locale: forja_core::Locale,
    /// The name as the header prints it (HTML-escaped).
    name: String,
    csrf: String,
}

impl Personal {
    /// The reader behind the session cookie, checked against the database as the page
    /// would check it; `None` (render as usual) for an expired session or a browser
    /// without its form-token cookie yet (the page issues one).
    async fn of(state: &Arc<AppState>, parts: &mut axum::http::request::Parts) -> Option<Self> {
        use axum::extract::FromRequestParts;
        // The session as checked within the last second (as for API tokens: signing
        // out through this process forgets every check at once, others within a second).
        let session = crate::auth::cookie(&parts.headers, crate::auth::SESSION_COOKIE)?;
        let key = secret_key(session);
        let now = state.cache.now();
        let user = match state.cache.sessions.get(&key, now) {
            Some(known) => {
                // The page renders for this check, not a newer one: the key and the
                // rendering must name the same rights.
                parts
                    .extensions
                    .insert(crate::auth::CurrentUser(known.clone()));
                known
            }
            None => {
                let crate::auth::CurrentUser(user) =
                    crate::auth::CurrentUser::from_request_parts(parts, state)
                        .await
                        .ok()?;
                state.cache.sessions.put(key, now, user.clone());
                user
            }
        }?;
        let csrf = crate::auth::cookie(&parts.headers, crate::csrf::CSRF_COOKIE)
            .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_alphanumeric()))?
            .to_owned();
        let a = &user.actor;
        Some(Self {
            rights: format!(
                "{:?}/{:?}/{:?}/{}",
                a.role, a.city, a.organisation, a.read_only
            ),
            locale: crate::pages::page_locale(&parts.headers, Some(&user)),
            name: escape_html(&user.display_name),
            csrf,
        })
    }

    /// The page with this reader's name and form token in place of the marks.
    fn fill(&self, body: &Bytes) -> Bytes {
        match std::str::from_utf8(body) {
            Ok(html) => Bytes::from(
                html.replace(crate::pages::name_mark(), &self.name)
                    .replace(crate::pages::csrf_mark(), &self.csrf),
            ),
            Err(_) => body.clone(),
        }
    }

    /// A response rendered with marks but not kept (an error page): filled in whole.
    async fn fill_response(&self, response: Response) -> Response {
        let (mut parts, body) = response.into_parts();
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        match axum::body::to_bytes(body, MAX_BODY).await {
            Ok(bytes) => Response::from_parts(parts, Body::from(self.fill(&bytes))),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }

    /// The shared entry's tag with this reader's parts in it: one browser used by two
    /// people in turn must not be told "not modified" across the change.
    fn etag(&self, shared: &HeaderValue) -> HeaderValue {
        let mut digest = Sha256::new();
        digest.update(shared.as_bytes());
        digest.update(self.name.as_bytes());
        digest.update(self.csrf.as_bytes());
        let own = hex::encode(&digest.finalize()[..12]);
        HeaderValue::from_str(&format!("W/\"{own}\""))
            .unwrap_or(HeaderValue::from_static("W/\"0\""))
    }
}

/// Escapes the characters HTML reads as markup (the templates' escaping writes them as
/// numeric references; both read the same).
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn respond(entry: &Entry, request_headers: &HeaderMap, personal: Option<&Personal>) -> Response {
    let Some(personal) = personal else {
        return respond_shared(entry, request_headers);
    };
    // The filled page is longer than the shared one: no stale length goes out with it.
    // It holds the reader's name and token: for their browser alone, never a proxy.
    let mut headers = entry.headers.clone();
    headers.remove(header::CONTENT_LENGTH);
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    let own = Entry {
        generation: entry.generation,
        etag: personal.etag(&entry.etag),
        headers,
        body: personal.fill(&entry.body),
    };
    respond_shared(&own, request_headers)
}

fn respond_shared(entry: &Entry, request_headers: &HeaderMap) -> Response {
    if not_modified(request_headers, &entry.etag) {
        let mut r = StatusCode::NOT_MODIFIED.into_response();
        // A 304 repeats the validators and caching headers of the full response.
        for name in [header::VARY, header::CACHE_CONTROL] {
            if let Some(v) = entry.headers.get(&name) {
                r.headers_mut().insert(name, v.clone());
            }
        }
        r.headers_mut().insert(header::ETAG, entry.etag.clone());
        return r;
    }
    let mut r = Response::new(Body::from(entry.body.clone()));
    *r.headers_mut() = entry.headers.clone();
    r.headers_mut().insert(header::ETAG, entry.etag.clone());
    r
}

/// Middleware: serve from the cache or render, store and serve.
pub async fn cached(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let has_token = request.headers().contains_key(header::AUTHORIZATION);
    let is_api = request.uri().path().starts_with("/api/");
    let reading = request.method() == Method::GET || request.method() == Method::HEAD;
    // The public API reads the same for every caller: a token is checked on every
    // request (refused when revoked), then the shared representation is served.
    if reading && is_api && has_token {
        match crate::auth::check_api_reader(&state, request.headers()).await {
            Ok(()) => {}
            Err(refused) => return refused.into_response(),
        }
    }
    let signed_in = crate::auth::cookie(request.headers(), crate::auth::SESSION_COOKIE)
        .is_some_and(|t| !t.is_empty());
    if !reading || (has_token && !is_api) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    // The API reads the same with or without a session; a page does not.
    let personal = if signed_in && !is_api {
        match Personal::of(&state, &mut parts).await {
            Some(p) => Some(p),
            None => return next.run(Request::from_parts(parts, body)).await,
        }
    } else {
        None
    };
    // Pages vary by language; the API returns every language at once.
    let locale = match (&personal, is_api) {
        (_, true) => "",
        (Some(p), false) => p.locale.code(),
        (None, false) => crate::locale::from_headers(&parts.headers).code(),
    };
    // HEAD and GET share entries: the same headers, HEAD just has no body.
    let head = parts.method == Method::HEAD;
    let key = match &personal {
        Some(p) => format!("{locale}|{}|{}", p.rights, parts.uri),
        None => format!("{locale}|{}", parts.uri),
    };
    let generation = state.cache.generation(&state).await;
    let request_headers = parts.headers.clone();
    if generation >= 0
        && let Some(entry) = state.cache.get(&key).filter(|e| e.generation == generation)
    {
        let mut response = respond(&entry, &request_headers, personal.as_ref());
        if head {
            *response.body_mut() = Body::empty();
        }
        return response;
    }
    // Rendered with marks only when the result may be kept; whatever comes back (an
    // error page too) is filled in before anyone sees it.
    let shared_render = personal.is_some() && generation >= 0 && !head;
    if shared_render {
        parts.extensions.insert(crate::pages::ForEveryone);
    }
    let request = Request::from_parts(parts, body);
    let response = next.run(request).await;
    // A HEAD response has no body to keep; only GET fills the cache.
    if response.status() != StatusCode::OK || generation < 0 || head {
        return match (&personal, shared_render) {
            (Some(p), true) => p.fill_response(response).await,
            _ => response,
        };
    }
    let (mut parts, body) = response.into_parts();
    // Browsers may keep a copy but must ask again each time; the ETag makes that a 304.
    parts
        .headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-cache"));
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    // An editable representation brings its own strong ETag (the version it shows).
    let etag = parts
        .headers
        .remove(header::ETAG)
        .unwrap_or_else(|| etag_for(&body));
    let entry = Entry {
        generation,
        etag,
        headers: parts.headers,
        body,
    };
    let response = respond(&entry, &request_headers, personal.as_ref());
    // A page for everyone with these rights holds nobody's own parts: should one ever
    // carry a cookie or the reader's token, it is served to this reader alone.
    // A rendering without the name mark was not made for this reader's check (the
    // session ended meanwhile): it is not kept under their rights either.
    let shareable = match &personal {
        Some(p) => {
            let holds = |needle: &[u8]| entry.body.windows(needle.len()).any(|w| w == needle);
            !entry.headers.contains_key(header::SET_COOKIE)
                && !holds(p.csrf.as_bytes())
                && holds(crate::pages::name_mark().as_bytes())
        }
        None => true,
    };
    if shareable {
        state.cache.put(key, entry);
    }
    response
}
