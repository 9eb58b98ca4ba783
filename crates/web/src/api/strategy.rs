//! Writes to a city's strategy and its objectives, and to the texts of the frameworks
//! they refer to, with the same rules as the forms (see
//! [`super::editing`] for the conventions: Bearer tokens, 422 per field, 409 on a stale
//! version).

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use forja_core::edit::{ObjectiveFields, StrategyFields};
use forja_services::editing::{self, History};

use super::bodies::{
    FrameworkNodeBody, NewObjectiveBody, ObjectiveBody, StrategyBody, VersionBody,
};
use super::editing::{Created, Shape, VersionQuery, Written, create_input, prepare_patch};
use super::versions::strict;
use serde_json::Value;

use crate::auth::ApiUser;
use crate::error::{ApiError, Problem as ProblemDoc};
use crate::state::AppState;
use forja_core::edit::Writing;

const STRATEGY: Shape = Shape {
    texts: &["title", "vision"],
    plain: &["period_start", "period_end", "status"],
    rows: &[],
};

const OBJECTIVE: Shape = Shape {
    texts: &["title", "description"],
    plain: &["code", "kflc", "guidelines", "sdg"],
    rows: ObjectiveFields::GROUPS,
};

/// Changes the city's current strategy. Fields left out keep their values.
#[utoipa::path(patch, path = "/api/v1/cities/{slug}/strategy", tag = "editing",
    params(("slug" = String, Path, description = "City slug")),
    request_body(content = StrategyBody, description = "The fields sent change, the others keep their values. Name the version changed: If-Match with the ETag read, or `version`."),
    responses((status = 200, body = Written), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 409, body = ProblemDoc, content_type = "application/problem+json"), (status = 422, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn patch_strategy(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path(city): Path<String>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Written>, ApiError> {
    let current = editing::strategy_for_edit(&state.store, &user.0, &city).await?;
    let (input, version) = prepare_patch::<StrategyBody>(
        &STRATEGY,
        (current.fields.to_input(), current.version),
        &headers,
        body,
        |i| {
            StrategyFields::parse(i, Writing::Machine)
                .err()
                .unwrap_or_default()
        },
    )?;
    let version = editing::edit_strategy(
        &state.store,
        &user.0,
        &city,
        &input,
        Writing::Machine,
        version,
    )
    .await?;
    Ok(Json(Written { version }))
}

/// The revisions of the city's strategy, oldest first.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/strategy/history", tag = "editing",
    params(("slug" = String, Path)),
    responses((status = 200, body = History), (status = 403, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn strategy_history(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path(city): Path<String>,
) -> Result<Json<History>, ApiError> {
    Ok(Json(
        editing::strategy_history(&state.store, &user.0, &city).await?,
    ))
}

/// Restores the strategy to an earlier version (a new revision).
#[utoipa::path(post, path = "/api/v1/cities/{slug}/strategy/history/{version}/restore", tag = "editing",
    params(("slug" = String, Path), ("version" = i32, Path, minimum = 1, maximum = 2147483647, description = "The version to bring back")),
    request_body(content = VersionBody, description = "The version stored now, as read (or send If-Match instead)."),
    responses((status = 200, body = Written), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 404, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn restore_strategy(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, version)): Path<(String, i32)>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Written>, ApiError> {
    let (expected, if_match) =
        super::versions::expected(&headers, super::versions::version_in(&body)?)?;
    let version = editing::restore_strategy(&state.store, &user.0, &city, version, expected)
        .await
        .map_err(|e| strict(e.into(), if_match))?;
    Ok(Json(Written { version }))
}

/// Adds an objective to the city's strategy.
#[utoipa::path(post, path = "/api/v1/cities/{slug}/strategy/objectives", tag = "editing",
    params(("slug" = String, Path)),
    request_body(content = NewObjectiveBody, description = "code and title are required."),
    responses((status = 201, body = Created), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 422, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn create_objective(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path(city): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Response, ApiError> {
    let input = create_input(
        &OBJECTIVE,
        super::editing::body_object::<NewObjectiveBody>(body)?,
    )?;
    let slug = editing::create_objective(&state.store, &user.0, &city, &input).await?;
    let location = format!("/api/v1/cities/{city}/strategy/objectives/{slug}");
    Ok(super::editing::created(&location, slug))
}

/// Changes an objective. Lists (kflc, guidelines, sdg, local_targets) replace the stored
/// ones as a whole.
#[utoipa::path(patch, path = "/api/v1/cities/{slug}/strategy/objectives/{code}", tag = "editing",
    params(("slug" = String, Path), ("code" = String, Path, description = "Objective code")),
    request_body(content = ObjectiveBody, description = "The fields sent change, the others keep their values. Name the version changed: If-Match with the ETag read, or `version`."),
    responses((status = 200, body = Written), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 409, body = ProblemDoc, content_type = "application/problem+json"), (status = 422, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn patch_objective(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, code)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Written>, ApiError> {
    let current = editing::objective_for_edit(&state.store, &user.0, &city, &code).await?;
    let (input, version) = prepare_patch::<ObjectiveBody>(
        &OBJECTIVE,
        (current.fields.to_input(), current.version),
        &headers,
        body,
        |i| {
            ObjectiveFields::parse(i, &current.choices)
                .err()
                .unwrap_or_default()
        },
    )?;
    let (_, version) =
        editing::edit_objective(&state.store, &user.0, &city, &code, &input, version).await?;
    Ok(Json(Written { version }))
}

/// Deletes an objective (restorable from its history); `?version=` is required.
#[utoipa::path(delete, path = "/api/v1/cities/{slug}/strategy/objectives/{code}", tag = "editing",
    params(("slug" = String, Path), ("code" = String, Path), ("version" = i32, Query)),
    responses((status = 204), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 409, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn delete_objective(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, code)): Path<(String, String)>,
    Query(q): Query<VersionQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (version, if_match) = q.to_delete(&headers)?;
    editing::delete_objective(&state.store, &user.0, &city, &code, version)
        .await
        .map_err(|e| strict(e.into(), if_match))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The revisions of an objective (deleted ones too), oldest first.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/strategy/objectives/{code}/history", tag = "editing",
    params(("slug" = String, Path), ("code" = String, Path)),
    responses((status = 200, body = History), (status = 403, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn objective_history(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, code)): Path<(String, String)>,
) -> Result<Json<History>, ApiError> {
    Ok(Json(
        editing::objective_history(&state.store, &user.0, &city, &code).await?,
    ))
}

/// Restores an objective to an earlier version (a new revision; undeletes it).
#[utoipa::path(post, path = "/api/v1/cities/{slug}/strategy/objectives/{code}/history/{version}/restore", tag = "editing",
    params(("slug" = String, Path), ("code" = String, Path), ("version" = i32, Path, minimum = 1, maximum = 2147483647, description = "The version to bring back")),
    request_body(content = VersionBody, description = "The version stored now, as read (or send If-Match instead)."),
    responses((status = 200, body = Written), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 404, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn restore_objective(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, code, version)): Path<(String, String, i32)>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Written>, ApiError> {
    let (expected, if_match) =
        super::versions::expected(&headers, super::versions::version_in(&body)?)?;
    let version =
        editing::restore_objective(&state.store, &user.0, &city, &code, version, expected)
            .await
            .map_err(|e| strict(e.into(), if_match))?;
    Ok(Json(Written { version }))
}

const FRAMEWORK_NODE: Shape = Shape {
    texts: &["title", "summary"],
    plain: &[],
    rows: &[],
};

/// Changes the texts of a framework node (network administrators).
#[utoipa::path(patch, path = "/api/v1/frameworks/{code}/nodes/{node}", tag = "editing",
    params(("code" = String, Path, description = "Framework code"), ("node" = String, Path, description = "Node code")),
    request_body(content = FrameworkNodeBody, description = "The fields sent change, the others keep their values. Name the version changed: If-Match with the ETag read, or `version`."),
    responses((status = 200, body = Written), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 409, body = ProblemDoc, content_type = "application/problem+json"), (status = 422, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn patch_framework_node(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((framework, node)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Written>, ApiError> {
    let current =
        editing::framework_node_for_edit(&state.store, &user.0, &framework, &node).await?;
    let (input, version) = prepare_patch::<FrameworkNodeBody>(
        &FRAMEWORK_NODE,
        (current.fields.to_input(), current.version),
        &headers,
        body,
        |i| {
            forja_core::edit::FrameworkNodeFields::parse(i)
                .err()
                .unwrap_or_default()
        },
    )?;
    let version =
        editing::edit_framework_node(&state.store, &user.0, &framework, &node, &input, version)
            .await?;
    Ok(Json(Written { version }))
}

/// The revisions of a framework node's texts, oldest first.
#[utoipa::path(get, path = "/api/v1/frameworks/{code}/nodes/{node}/history", tag = "editing",
    params(("code" = String, Path), ("node" = String, Path)),
    responses((status = 200, body = History), (status = 403, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn framework_node_history(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((framework, node)): Path<(String, String)>,
) -> Result<Json<History>, ApiError> {
    Ok(Json(
        editing::framework_node_history(&state.store, &user.0, &framework, &node).await?,
    ))
}

/// Restores a framework node's texts to an earlier version (a new revision).
#[utoipa::path(post, path = "/api/v1/frameworks/{code}/nodes/{node}/history/{version}/restore", tag = "editing",
    params(("code" = String, Path), ("node" = String, Path), ("version" = i32, Path, minimum = 1, maximum = 2147483647, description = "The version to bring back")),
    request_body(content = VersionBody, description = "The version stored now, as read (or send If-Match instead)."),
    responses((status = 200, body = Written), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 404, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn restore_framework_node(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((framework, node, version)): Path<(String, String, i32)>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Written>, ApiError> {
    let (expected, if_match) =
        super::versions::expected(&headers, super::versions::version_in(&body)?)?;
    let version = editing::restore_framework_node(
        &state.store,
        &user.0,
        &framework,
        &node,
        version,
        expected,
    )
    .await
    .map_err(|e| strict(e.into(), if_match))?;
    Ok(Json(Written { version }))
}
