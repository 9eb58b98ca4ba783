//! `/requests`: partner requests of the network's cities, open ones first, and one
//! request's page with its replies (for those who may read them) and the forms to
//! answer or close it.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use forja_services::requests::{self, RequestRights, RequestView, Suggestions};

use super::{Layout, PageCtx, render};
use crate::error::{FieldError, PageError};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "requests.html")]
struct ListPage {
    l: Layout,
    requests: Vec<RequestView>,
    /// The signed-in person's city, when they may publish requests for it.
    new_for: Option<String>,
}

pub async fn index(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let requests = requests::request_list(&state.store).await?;
    let new_for = match &ctx.user {
        Some(u) => requests::city_to_request_for(&state.store, &u.actor).await?,
        None => None,
    };
    let l = Layout::for_ctx(&ctx, ctx.tr.t("requests-title"), "/requests");
    render(&ListPage {
        l,
        requests,
        new_for,
    })
}

#[derive(Template)]
#[template(path = "request.html")]
struct RequestPage {
    l: Layout,
    r: RequestView,
    rights: RequestRights,
    errors: Vec<FieldError>,
    /// What was typed in the reply box, kept when it comes back.
    typed: String,
    /// Cities that could answer, for the requesting city.
    suggested: Suggestions,
}

impl RequestPage {
    fn places(&self) -> String {
        self.l.tr.t2(
            "request-places-taken",
            ("taken", &self.r.replies_taken),
            ("cap", &self.r.fields.reply_cap),
        )
    }

    fn error(&self) -> String {
        self.errors
            .iter()
            .map(|e| e.text(self.l.tr))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub(crate) async fn request_page(
    state: &AppState,
    ctx: &PageCtx,
    slug: &str,
    errors: Vec<FieldError>,
    typed: String,
) -> Result<Response, PageError> {
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let (r, rights) = requests::request_view(&state.store, actor, slug).await?;
    let l = Layout::for_ctx(
        ctx,
        ctx.tr.txt(&r.fields.title),
        format!("/requests/{slug}"),
    );
    let refused = !errors.is_empty();
    let suggested = if rights.manage && r.state == requests::RequestState::Open {
        requests::suggestions(&state.store, slug).await?
    } else {
        Suggestions::default()
    };
    let mut response = render(&RequestPage {
        suggested,
        l,
        r,
        rights,
        errors,
        typed,
    })?;
    if refused {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    request_page(&state, &ctx, &slug, Vec::new(), String::new()).await
}
