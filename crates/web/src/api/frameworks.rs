//! `/api/v1/network` and `/api/v1/frameworks...`

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use forja_services::views::{FrameworkSummary, FrameworkTree, NetworkOverview};

use super::{Page, Paging};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// The network: its name, summary, key figures and member cities.
#[utoipa::path(get, path = "/api/v1/network", tag = "frameworks",
    responses((status = 200, body = NetworkOverview)))]
pub async fn network(
    State(state): State<Arc<AppState>>,
) -> Result<Json<NetworkOverview>, ApiError> {
    Ok(Json(forja_services::network_overview(&state.store).await?))
}

/// The frameworks (KFLC, Guidelines, SDGs, clusters), paginated like every list.
#[utoipa::path(get, path = "/api/v1/frameworks", tag = "frameworks",
    params(
        ("page" = Option<usize>, Query, minimum = 1, maximum = 1000000, description = "1-based page number"),
        ("per_page" = Option<usize>, Query, minimum = 1, maximum = 100, description = "Items per page, 1–100 (default 50)"),
    ),
    responses(
        (status = 200, body = Page<FrameworkSummary>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let paging = Paging::parse(&query)?;
    Ok(paging.apply(
        forja_services::frameworks(&state.store).await?,
        "/api/v1/frameworks",
    ))
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

/// Who has done this: the cities with something to show for a framework node or a
/// common challenge (its parts included), ranked by evidence — programmes with reported
/// results, then programmes, then strategy objectives, then how severe a city rates
/// the challenge.
#[utoipa::path(get, path = "/api/v1/frameworks/{code}/nodes/{node}/cities", tag = "frameworks",
    params(("code" = String, Path, description = "Framework code: kflc, sdg, challenges, ..."), ("node" = String, Path, description = "Node code, e.g. 2.3 or industrial-decline")),
    responses((status = 200, body = forja_services::peers::WhoView), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn who(
    State(state): State<Arc<AppState>>,
    Path((code, node)): Path<(String, String)>,
) -> Result<Json<forja_services::peers::WhoView>, ApiError> {
    let topic = forja_services::peers::Topic {
        framework: code,
        code: node,
    };
    Ok(Json(
        forja_services::peers::who_has_done(&state.store, &topic).await?,
    ))
}
