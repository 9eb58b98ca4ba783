//! Partner requests: the network's list (open ones first) and one request, public
//! fields only (replies are read on the request's page by those who may).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use forja_services::requests::{self, RequestView};

use super::versions::versioned;
use super::{Page, Paging};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Every live request, open ones first, newest first within each; paginated.
#[utoipa::path(get, path = "/api/v1/requests", tag = "requests",
    params(
        ("page" = Option<usize>, Query, minimum = 1, maximum = 1000000, description = "1-based page number"),
        ("per_page" = Option<usize>, Query, minimum = 1, maximum = 100, description = "Items per page, 1–100 (default 50)"),
    ),
    responses(
        (status = 200, body = Page<RequestView>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let paging = Paging::parse(&query)?;
    let list = requests::request_list(&state.store).await?;
    Ok(paging.apply(list, "/api/v1/requests"))
}

/// One request: what its city seeks, its state and how many places are taken.
#[utoipa::path(get, path = "/api/v1/requests/{request}", tag = "requests",
    params(("request" = String, Path, description = "Request slug")),
    responses((status = 200, body = RequestView, headers(("ETag" = String, description = "Strong: \"{version}-{digest}\"."))), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn one(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let (view, _) = requests::request_view(&state.store, None, &slug).await?;
    Ok(versioned(&view, view.version))
}
