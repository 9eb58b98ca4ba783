//! Cross-cutting layers: security headers on every response, request ids, and turning
//! bare failures (unknown routes, oversized bodies) into the same pages and problems as
//! handler failures.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::request_id::{MakeRequestId, RequestId};

use crate::error::{ApiError, Failure};
use crate::state::AppState;

/// No inline script or style anywhere, no third-party origin, no framing. Pages may
/// frame Forja's own (the story editor's preview), which refuse every other framer.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; media-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The same policy for published story pages, which other sites may embed in a frame
/// (the embed code on a story's last page). Everything else stays unframeable.
pub const STORY_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; media-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors *";

/// An editor's draft and live preview: framed by Forja's own story editor only.
pub const DRAFT_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; media-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

/// Who may frame a response.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Framing {
    Nobody,
    /// The editor's preview of a draft.
    SameOrigin,
    /// A published story (the embed code).
    Anyone,
}

/// Published story pages (`/cities/{city}/stories/{story}` and `/{n}`) may be framed by
/// anyone; drafts and previews (`.../draft[/{n}]`, `.../edit/{n}/preview`) by Forja;
/// nothing else, editor pages least of all.
fn framing(path: &str) -> Framing {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        ["cities", _, "stories", _] => Framing::Anyone,
        ["cities", _, "stories", _, n] if number(n) => Framing::Anyone,
        ["cities", _, "stories", _, "draft"] => Framing::SameOrigin,
        ["cities", _, "stories", _, "draft", n] if number(n) => Framing::SameOrigin,
        ["cities", _, "stories", _, "edit", n, "preview"] if number(n) => Framing::SameOrigin,
        _ => Framing::Nobody,
    }
}

pub async fn security_headers(request: Request, next: Next) -> Response {
    let tls = crate::auth::is_tls(request.headers());
    let framing = framing(request.uri().path());
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    if tls {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    // A story's page may bring its own policy (its theme's style hash); it is always
    // one of these with that one addition, and is kept only on a story's pages.
    if framing == Framing::Nobody || !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(match framing {
                Framing::Nobody => CONTENT_SECURITY_POLICY,
                Framing::SameOrigin => DRAFT_CONTENT_SECURITY_POLICY,
                Framing::Anyone => STORY_CONTENT_SECURITY_POLICY,
            }),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    match framing {
        Framing::Nobody => {
            h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
        Framing::SameOrigin => {
            h.insert(
                header::X_FRAME_OPTIONS,
                HeaderValue::from_static("SAMEORIGIN"),
            );
        }
        Framing::Anyone => {}
    }
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    response
}

pub async fn strip_client_request_id(mut request: Request, next: Next) -> Response {
    request.headers_mut().remove("x-request-id");
    next.run(request).await
}

/// Request ids: a per-process prefix and a counter, short and unique enough for logs.
#[derive(Clone)]
pub struct CounterRequestId {
    prefix: Arc<str>,
    counter: Arc<AtomicU64>,
}

impl Default for CounterRequestId {
    fn default() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Self {
            prefix: format!("{:x}", (nanos as u64) ^ u64::from(std::process::id())).into(),
            counter: Arc::default(),
        }
    }
}

impl MakeRequestId for CounterRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n}", self.prefix))
            .ok()
            .map(RequestId::new)
    }
}

/// Renders failures: a [`Failure`] left by a page handler becomes a localized HTML page;
/// bare 404/405/413 responses from the router or body limit become a page or a problem.
pub async fn render_failures(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let path = request.uri().path().to_owned();
    let tr = crate::i18n::Tr::new(crate::locale::from_headers(request.headers()));
    // Who asked, should the answer be an error page: it keeps their header and offers
    // the way back to their own city.
    let asker = (!is_api).then(|| {
        let mut parts = axum::http::Request::new(()).into_parts().0;
        for name in [header::COOKIE, header::ACCEPT_LANGUAGE] {
            if let Some(v) = request.headers().get(&name) {
                parts.headers.insert(name, v.clone());
            }
        }
        parts
    });
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let failure = match response.extensions().get::<Failure>() {
        Some(f) => f.clone(),
        None => {
            let already_rendered = response
                .headers()
                .get(header::CONTENT_TYPE)
                .is_some_and(|ct| {
                    ct.to_str().is_ok_and(|ct| {
                        ct.starts_with("text/html") || ct.starts_with("application/problem+json")
                    })
                });
            if already_rendered {
                return response;
            }
            match status {
                StatusCode::NOT_FOUND => Failure::NotFound,
                StatusCode::METHOD_NOT_ALLOWED => Failure::MethodNotAllowed,
                StatusCode::PAYLOAD_TOO_LARGE => Failure::PayloadTooLarge,
                // Rejections of axum's extractors (malformed query, form or JSON body).
                StatusCode::BAD_REQUEST
                | StatusCode::UNSUPPORTED_MEDIA_TYPE
                | StatusCode::UNPROCESSABLE_ENTITY => Failure::BadParameter {
                    name: if is_api { "body" } else { "query" },
                    allowed: crate::error::Allowed::Message("allowed-well-formed", 0),
                },
                s if s.is_server_error() => Failure::Internal,
                _ => return response,
            }
        }
    };
    if is_api {
        return ApiError(failure).into_response();
    }
    let ctx = match asker {
        Some(mut parts) => {
            use axum::extract::FromRequestParts;
            crate::pages::PageCtx::from_request_parts(&mut parts, &state)
                .await
                .ok()
                .filter(|c| c.user.is_some())
        }
        None => None,
    };
    let home = match ctx
        .as_ref()
        .and_then(|c| c.user.as_ref())
        .and_then(|u| u.actor.city)
    {
        Some(city) => state
            .store
            .cities_by_ids([city.0 as i32])
            .await
            .ok()
            .and_then(|c| c.into_iter().next())
            .map(|c| {
                let name: forja_core::LocalizedText =
                    serde_json::from_value(c.name).unwrap_or_default();
                (c.slug, name)
            }),
        None => None,
    };
    crate::pages::error_page(tr, ctx.as_ref(), home, &failure, &path)
}

/// The media upload (`POST /cities/{city}/media`), the one body allowed past
/// [`crate::BODY_LIMIT`].
fn is_upload(request: &Request) -> bool {
    let parts: Vec<&str> = request
        .uri()
        .path()
        .trim_start_matches('/')
        .split('/')
        .collect();
    request.method() == axum::http::Method::POST
        && matches!(
            parts.as_slice(),
            ["cities", _, "media"]
                | ["resources", _, "file"]
                | ["cities", _, "monitoring", "import"]
                | ["api", "v1", "cities", _, "imports"]
        )
}

/// Refuses request bodies over their limit with 413: [`crate::BODY_LIMIT`] (sized for the
/// longest honest form) everywhere, the configured upload limit for media uploads. An
/// upload is stopped where it crosses the limit and its own page says so beside the
/// file field; anything else declaring too much is refused before it is read.
pub async fn limit_body(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let upload = is_upload(&request);
    let limit = if upload {
        state.upload_limit
    } else {
        crate::BODY_LIMIT
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if !upload && declared.is_some_and(|n| n > limit) {
        return crate::error::PageError(Failure::PayloadTooLarge).into_response();
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}
