//! Who is asking: a session cookie for pages, a Bearer token for the API. Handlers take
//! [`CurrentUser`] (anyone, signed in or not) or [`SignedInUser`] (sign-in required) and
//! ask [`forja_core::policy::allowed`] before changing anything.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use forja_core::policy::{Action, Actor, allowed};
use forja_services::auth::{self, SignedIn};

use crate::error::{ApiError, Failure, PageError};
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "forja_session";

/// Reads one cookie's value.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

/// The client address for throttling and the audit log.
pub fn client_address(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Whether the request came over TLS (directly or as told by a trusted proxy header);
/// cookies are then marked Secure and HSTS is sent.
pub fn is_tls(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

/// The session cookie, HttpOnly and SameSite=Lax (Secure over TLS).
pub fn session_cookie(token: &str, tls: bool) -> String {
    let secure = if tls { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        auth::SESSION_TTL
    )
}

pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// Whoever is asking, maybe nobody.
#[derive(Clone)]
pub struct CurrentUser(pub Option<SignedIn>);

impl<S> FromRequestParts<S> for CurrentUser
where
    Arc<AppState>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<CurrentUser>() {
            return Ok(user.clone());
        }
        let state = Arc::<AppState>::from_ref(state);
        let user = match cookie(&parts.headers, SESSION_COOKIE) {
            Some(token) if !token.is_empty() => auth::session(&state.store, token)
                .await
                .map_err(Failure::from)?,
            _ => None,
        };
        let current = CurrentUser(user);
        parts.extensions.insert(current.clone());
        Ok(current)
    }
}

/// A signed-in user; anyone else is sent to the sign-in page and brought back after.
pub struct SignedInUser(pub SignedIn);

impl SignedInUser {
    pub fn actor(&self) -> &Actor {
        &self.0.actor
    }

    /// The one authorization gate for pages: refuses with 403 unless the policy allows.
    pub fn authorize(&self, action: &Action) -> Result<(), PageError> {
        if allowed(&self.0.actor, action) {
            Ok(())
        } else {
            Err(PageError(Failure::Forbidden))
        }
    }
}

/// Rejection that sends the visitor to sign in.
pub struct SignInFirst(String);

impl IntoResponse for SignInFirst {
    fn into_response(self) -> Response {
        Redirect::to(&format!("/login?next={}", crate::pages::urlencode(&self.0))).into_response()
    }
}

impl<S> FromRequestParts<S> for SignedInUser
where
    Arc<AppState>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match user {
            Some(u) => Ok(SignedInUser(u)),
            None => {
                let back = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_else(|| "/".into());
                Err(SignInFirst(back).into_response())
            }
        }
    }
}

/// An API caller authenticated by `Authorization: Bearer <token>`.
pub struct ApiUser(pub Actor);

impl ApiUser {
    /// The one authorization gate for the API.
    pub fn authorize(&self, action: &Action) -> Result<(), ApiError> {
        if allowed(&self.0, action) {
            Ok(())
        } else {
            Err(ApiError(Failure::Forbidden))
        }
    }
}

impl<S> FromRequestParts<S> for ApiUser
where
    Arc<AppState>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = Arc::<AppState>::from_ref(state);
        let token = bearer(&parts.headers)?;
        let client = client_address(parts);
        match auth::api_actor(&state.store, token, &client)
            .await
            .map_err(|e| ApiError(Failure::from(e)))?
        {
            Some(actor) => Ok(ApiUser(actor)),
            None => Err(ApiError(Failure::Unauthenticated)),
        }
    }
}

/// The token of `Authorization: Bearer …`, or 401.
fn bearer(headers: &axum::http::HeaderMap) -> Result<&str, ApiError> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(ApiError(Failure::Unauthenticated))
}

/// Checks the Bearer token of an API read: a missing, malformed, revoked or disabled
/// one is 401, whatever the read.
pub async fn check_api_reader(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<(), ApiError> {
    let token = bearer(headers)?;
    let good = match state.cache.token_check(token) {
        (_, Some(good)) => good,
        (key, None) => {
            let good = auth::api_reader(&state.store, token)
                .await
                .map_err(|e| ApiError(Failure::from(e)))?
                .is_some();
            state.cache.token_checked(key, good);
            good
        }
    };
    if good {
        Ok(())
    } else {
        Err(ApiError(Failure::Unauthenticated))
    }
}

/// The client's address, as an extractor.
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client_address(parts)))
    }
}

/// Whether the request came over TLS, as an extractor.
pub struct Tls(pub bool);

impl<S: Send + Sync> FromRequestParts<S> for Tls {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Tls(is_tls(&parts.headers)))
    }
}
