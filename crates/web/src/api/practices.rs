//! The network's good practices: the published list and one practice (readers get the
//! published version), a change to one by its city's editors (conventions as in
//! [`super::editing`]), and the researchers' export.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use forja_core::edit::PracticeFields;
use forja_services::practices::{self, PracticeExport, PracticeSummary, PracticeView};
use serde_json::Value;

use super::bodies::PracticeBody;
use super::editing::{Shape, Written, prepare_patch};
use super::versions::versioned;
use super::{Page, Paging};
use crate::auth::ApiUser;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

const PRACTICE: Shape = Shape {
    texts: &[
        "title",
        "summary",
        "problem",
        "approach",
        "partners",
        "resources",
        "results",
        "difficulties",
        "transfer",
    ],
    plain: &[
        "programme",
        "indicators",
        "target_groups",
        "kflc",
        "sdg",
        "challenges",
        "evidence",
        "licence",
        "contact",
    ],
    rows: &[],
};

/// The published practices, newest first, paginated.
#[utoipa::path(get, path = "/api/v1/practices", tag = "practices",
    params(
        ("page" = Option<usize>, Query, minimum = 1, maximum = 1000000, description = "1-based page number"),
        ("per_page" = Option<usize>, Query, minimum = 1, maximum = 100, description = "Items per page, 1–100 (default 50)"),
    ),
    responses(
        (status = 200, body = Page<PracticeSummary>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let paging = Paging::parse(&query)?;
    let list = practices::practice_list(&state.store, None).await?;
    Ok(paging.apply(list, "/api/v1/practices"))
}

/// One published practice: its fields as published, its evidence, and the cities that
/// took it up. `version` is the current version, which a change names.
#[utoipa::path(get, path = "/api/v1/practices/{practice}", tag = "practices",
    params(("practice" = String, Path, description = "Practice slug")),
    responses((status = 200, body = PracticeView, headers(("ETag" = String, description = "Strong: \"{version}-{digest}\". Send it back in If-Match to change exactly this version."))), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn one(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let view = practices::practice_view(&state.store, None, &slug).await?;
    Ok(versioned(&view, view.version))
}

/// Changes a practice (its city's editors). Fields left out keep their values; the
/// version becomes a draft that network staff review again before readers see it.
#[utoipa::path(patch, path = "/api/v1/practices/{practice}", tag = "practices",
    params(("practice" = String, Path, description = "Practice slug")),
    request_body(content = PracticeBody, description = "The fields sent change, the others keep their values. Name the version changed: If-Match with the ETag read, or `version`."),
    responses((status = 200, body = Written), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn patch(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Written>, ApiError> {
    let (_, current) = practices::practice_for_edit(&state.store, &user.0, &slug).await?;
    let choices = current.choices.clone();
    let (input, version) = prepare_patch::<PracticeBody>(
        &PRACTICE,
        (current.fields.to_input(), current.version),
        &headers,
        body,
        |i| PracticeFields::parse(i, &choices).err().unwrap_or_default(),
    )?;
    let version = practices::edit_practice(&state.store, &user.0, &slug, &input, version).await?;
    Ok(Json(Written { version }))
}

/// Every published practice with all its fields, for researchers (also as CSV at
/// `/practices/export/practices.csv`).
#[utoipa::path(get, path = "/api/v1/practices/export", tag = "practices",
    responses((status = 200, body = Vec<PracticeExport>)))]
pub async fn export(
    State(state): State<Arc<AppState>>,
) -> Result<Json<Vec<PracticeExport>>, ApiError> {
    Ok(Json(practices::published_export(&state.store).await?))
}
