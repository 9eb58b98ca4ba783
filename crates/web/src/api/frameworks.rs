//! `/api/v1/frameworks...`

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use forja_services::views::{FrameworkSummary, FrameworkTree};

use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// The frameworks (KFLC, Guidelines, SDGs, clusters).
#[utoipa::path(get, path = "/api/v1/frameworks", tag = "frameworks",
    responses((status = 200, body = Vec<FrameworkSummary>)))]
pub async fn list(
    State(state): State<Arc<AppState>>,
) -> Result<Json<Vec<FrameworkSummary>>, ApiError> {
    Ok(Json(forja_services::frameworks(&state.store).await?))
}

/// A framework or taxonomy tree; each node lists the objectives and programmes of any
/// city that address it.
#[utoipa::path(get, path = "/api/v1/frameworks/{code}", tag = "frameworks",
    params(("code" = String, Path, description = "Framework code: kflc, guidelines, sdg, clusters, target-groups")),
    responses((status = 200, body = FrameworkTree), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn tree(
    State(state): State<Arc<AppState>>,
    Path(code): Path<String>,
) -> Result<Json<FrameworkTree>, ApiError> {
    Ok(Json(
        forja_services::framework_tree(&state.store, &code).await?,
    ))
}
