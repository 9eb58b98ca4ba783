//! Signing in and out, and the account page: change password, sign out everywhere, and
//! personal API tokens (created here or with `forja token create`, revocable here).

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use forja_services::auth::{self, Login, PasswordChange, PasswordProblem};
use serde::Deserialize;

use super::{Layout, PageCtx, render};
use crate::auth::{ClientAddr, SignedInUser, Tls, clear_session_cookie, session_cookie};
use crate::csrf::Csrf;
use crate::error::{Failure, PageError};
use crate::state::AppState;

fn local(next: Option<&str>) -> String {
    // Signed in, a person lands on their dashboard unless they were on their way.
    super::local_path(next, "/dashboard").to_owned()
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    l: Layout,
    email: String,
    next: String,
    error: String,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

pub async fn login_form(
    ctx: PageCtx,
    csrf: Csrf,
    axum::extract::Query(q): axum::extract::Query<LoginQuery>,
) -> Result<Response, PageError> {
    let mut l = Layout::for_ctx(&ctx, ctx.tr.t("login-title"), "/login");
    l.csrf = csrf.0;
    render(&LoginPage {
        l,
        email: String::new(),
        next: local(q.next.as_deref()),
        error: String::new(),
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn login(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    csrf: Csrf,
    ClientAddr(client): ClientAddr,
    Tls(tls): Tls,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let next = local(form.next.as_deref());
    let outcome = auth::login(&state.store, &form.email, &form.password, &client).await?;
    let error = match outcome {
        Login::Ok { token, .. } => {
            let mut response = Redirect::to(&next).into_response();
            if let Ok(v) = HeaderValue::from_str(&session_cookie(&token, tls)) {
                response.headers_mut().insert(header::SET_COOKIE, v);
            }
            return Ok(response);
        }
        Login::Refused => ctx.tr.t("login-refused"),
        Login::Throttled { retry_after } => ctx.tr.t1("login-throttled", "seconds", retry_after),
    };
    let mut l = Layout::for_ctx(&ctx, ctx.tr.t("login-title"), "/login");
    l.csrf = csrf.0;
    let mut response = render(&LoginPage {
        l,
        email: form.email.chars().take(254).collect(),
        next,
        error,
    })?;
    *response.status_mut() = StatusCode::UNAUTHORIZED;
    Ok(response)
}

pub async fn logout(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    headers: axum::http::HeaderMap,
) -> Result<Response, PageError> {
    if let Some(token) = crate::auth::cookie(&headers, crate::auth::SESSION_COOKIE) {
        auth::logout(&state.store, token, user.0.actor.user.0 as i32).await?;
    }
    let mut response = Redirect::to("/").into_response();
    if let Ok(v) = HeaderValue::from_str(&clear_session_cookie()) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    l: Layout,
    email: String,
    role: String,
    tokens: Vec<TokenRow>,
    message: String,
    error: String,
    new_token: String,
}

struct TokenRow {
    id: i32,
    name: String,
    scope: String,
    created: String,
    last_used: String,
    revoked: bool,
}

async fn account_page(
    state: &AppState,
    ctx: &PageCtx,
    message: String,
    error: String,
    new_token: String,
) -> Result<Response, PageError> {
    let Some(user) = &ctx.user else {
        return Err(PageError(Failure::Unauthenticated));
    };
    let tr = ctx.tr;
    let day = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .map(|d| tr.date(&d.date_naive()))
            .unwrap_or_default()
    };
    let tokens = state
        .store
        .api_tokens_of(user.actor.user.0 as i32)
        .await
        .map_err(|e| Failure::from(forja_services::ServiceError::from(e)))?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            scope: t.scope,
            created: day(t.created_at),
            last_used: t.last_used_at.map(day).unwrap_or_default(),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    let city = match user.actor.city {
        Some(id) => state
            .store
            .cities_by_ids([id.0 as i32])
            .await
            .map_err(|e| Failure::from(forja_services::ServiceError::from(e)))?
            .into_iter()
            .next()
            .map(|c| {
                let name: forja_core::LocalizedText =
                    serde_json::from_value(c.name).unwrap_or_default();
                tr.txt(&name)
            }),
        None => None,
    };
    let page = AccountPage {
        l: Layout::for_ctx(ctx, ctx.tr.t("account-title"), "/account"),
        email: user.email.clone(),
        role: super::dashboard::role_in_city(tr, user.actor.role, city.as_deref()),
        tokens,
        message,
        error,
        new_token,
    };
    let mut response = render(&page)?;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

pub async fn account(
    State(state): State<Arc<AppState>>,
    _user: SignedInUser,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    account_page(&state, &ctx, String::new(), String::new(), String::new()).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    repeat: String,
}

pub async fn change_password(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    if form.new != form.repeat {
        return account_page(
            &state,
            &ctx,
            String::new(),
            tr.t("password-mismatch"),
            String::new(),
        )
        .await;
    }
    match auth::change_password(
        &state.store,
        user.0.actor.user.0 as i32,
        &form.current,
        &form.new,
    )
    .await?
    {
        PasswordChange::Changed => {
            // Every session ended, this one too: sign in again with the new password.
            let mut response = Redirect::to("/login?next=/account").into_response();
            if let Ok(v) = HeaderValue::from_str(&clear_session_cookie()) {
                response.headers_mut().insert(header::SET_COOKIE, v);
            }
            Ok(response)
        }
        PasswordChange::WrongCurrent => {
            account_page(
                &state,
                &ctx,
                String::new(),
                tr.t("password-wrong-current"),
                String::new(),
            )
            .await
        }
        PasswordChange::Invalid(PasswordProblem::TooShort) => {
            account_page(
                &state,
                &ctx,
                String::new(),
                tr.t1("password-too-short", "count", auth::MIN_PASSWORD_CHARS),
                String::new(),
            )
            .await
        }
        PasswordChange::Invalid(PasswordProblem::TooLong) => {
            account_page(
                &state,
                &ctx,
                String::new(),
                tr.t("password-too-long"),
                String::new(),
            )
            .await
        }
    }
}

pub async fn logout_everywhere(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
) -> Result<Response, PageError> {
    auth::logout_everywhere(&state.store, user.0.actor.user.0 as i32).await?;
    let mut response = Redirect::to("/login").into_response();
    if let Ok(v) = HeaderValue::from_str(&clear_session_cookie()) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
}

pub async fn create_token(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Form(form): Form<TokenForm>,
) -> Result<Response, PageError> {
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return account_page(
            &state,
            &ctx,
            String::new(),
            ctx.tr.t("token-name-invalid"),
            String::new(),
        )
        .await;
    }
    let scope = if form.scope == "write" {
        "write"
    } else {
        "read"
    };
    let token =
        auth::create_api_token(&state.store, user.0.actor.user.0 as i32, name, scope).await?;
    account_page(
        &state,
        &ctx,
        ctx.tr.t("token-created"),
        String::new(),
        token,
    )
    .await
}

pub async fn revoke_token(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path(id): Path<i32>,
) -> Result<Response, PageError> {
    let revoked = auth::revoke_api_token(&state.store, user.0.actor.user.0 as i32, id).await?;
    if !revoked {
        return Err(PageError(Failure::NotFound));
    }
    Ok(Redirect::to("/account").into_response())
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    language: String,
}

/// Saves the account's language (or none: follow the browser), and sets the switcher's
/// cookie to match so the choice shows at once.
pub async fn save_language(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Form(form): Form<LanguageForm>,
) -> Result<Response, PageError> {
    let locale = match form.language.trim() {
        "" => None,
        code => Some(code.parse::<forja_core::Locale>().map_err(|_| {
            Failure::BadParameter {
                name: "language",
                allowed: crate::error::Allowed::Codes(
                    forja_core::Locale::ALL
                        .map(forja_core::Locale::code)
                        .join(", "),
                ),
            }
        })?),
    };
    state
        .store
        .set_user_locale(user.0.actor.user.0 as i32, locale.map_or("", |l| l.code()))
        .await
        .map_err(|e| Failure::from(forja_services::ServiceError::from(e)))?;
    let cookie = match locale {
        Some(l) => format!(
            "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            crate::locale::LANG_COOKIE,
            l.code()
        ),
        None => format!(
            "{}=; Path=/; Max-Age=0; SameSite=Lax",
            crate::locale::LANG_COOKIE
        ),
    };
    let mut response = Redirect::to("/account").into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}
