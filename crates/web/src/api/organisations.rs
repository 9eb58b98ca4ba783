//! Writes to a city's organisations (conventions as in [`super::editing`]).

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use forja_core::edit::OrganisationFields;
use forja_services::editing::{self, History};

use super::bodies::{NewOrganisationBody, OrganisationBody, VersionBody};
use super::editing::{Created, Shape, VersionQuery, Written, create_input, prepare_patch};
use super::versions::strict;
use serde_json::Value;

use crate::auth::ApiUser;
use crate::error::{ApiError, Problem as ProblemDoc};
use crate::state::AppState;

const ORGANISATION: Shape = Shape {
    texts: &["name"],
    plain: &["kind", "website", "collective"],
    rows: &[],
};

/// Adds an organisation to a city; its slug is made from the city and the name.
#[utoipa::path(post, path = "/api/v1/cities/{slug}/organisations", tag = "editing",
    params(("slug" = String, Path, description = "City slug")),
    request_body(content = NewOrganisationBody, description = "name and kind are required."),
    responses((status = 201, body = Created), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 422, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path(city): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Response, ApiError> {
    let input = create_input(
        &ORGANISATION,
        super::editing::body_object::<NewOrganisationBody>(body)?,
    )?;
    let slug = editing::create_organisation(&state.store, &user.0, &city, &input).await?;
    let location = format!("/api/v1/cities/{city}/organisations/{slug}");
    Ok(super::editing::created(&location, slug))
}

/// Changes an organisation. Fields left out keep their values.
#[utoipa::path(patch, path = "/api/v1/cities/{slug}/organisations/{org}", tag = "editing",
    params(("slug" = String, Path), ("org" = String, Path, description = "Organisation slug")),
    request_body(content = OrganisationBody, description = "The fields sent change, the others keep their values. Name the version changed: If-Match with the ETag read, or `version`."),
    responses((status = 200, body = Written), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 409, body = ProblemDoc, content_type = "application/problem+json"), (status = 422, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn patch(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, org)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Written>, ApiError> {
    let current = editing::organisation_for_edit(&state.store, &user.0, &city, &org).await?;
    let (input, version) = prepare_patch::<OrganisationBody>(
        &ORGANISATION,
        (current.fields.to_input(), current.version),
        &headers,
        body,
        |i| OrganisationFields::parse(i).err().unwrap_or_default(),
    )?;
    let version =
        editing::edit_organisation(&state.store, &user.0, &city, &org, &input, version).await?;
    Ok(Json(Written { version }))
}

/// Deletes an organisation (restorable); refused with 422 while a programme names it.
#[utoipa::path(delete, path = "/api/v1/cities/{slug}/organisations/{org}", tag = "editing",
    params(("slug" = String, Path), ("org" = String, Path), ("version" = i32, Query)),
    responses((status = 204), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 409, body = ProblemDoc, content_type = "application/problem+json"), (status = 422, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn delete(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, org)): Path<(String, String)>,
    Query(q): Query<VersionQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (version, if_match) = q.to_delete(&headers)?;
    editing::delete_organisation(&state.store, &user.0, &city, &org, version)
        .await
        .map_err(|e| strict(e.into(), if_match))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The revisions of an organisation, oldest first.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/organisations/{org}/history", tag = "editing",
    params(("slug" = String, Path), ("org" = String, Path)),
    responses((status = 200, body = History), (status = 403, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn history(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, org)): Path<(String, String)>,
) -> Result<Json<History>, ApiError> {
    Ok(Json(
        editing::organisation_history(&state.store, &user.0, &city, &org).await?,
    ))
}

/// Restores an organisation to an earlier version (a new revision; undeletes it).
#[utoipa::path(post, path = "/api/v1/cities/{slug}/organisations/{org}/history/{version}/restore", tag = "editing",
    params(("slug" = String, Path), ("org" = String, Path), ("version" = i32, Path, minimum = 1, maximum = 2147483647, description = "The version to bring back")),
    request_body(content = VersionBody, description = "The version stored now, as read (or send If-Match instead)."),
    responses((status = 200, body = Written), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 404, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn restore(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, org, version)): Path<(String, String, i32)>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Written>, ApiError> {
    let (expected, if_match) =
        super::versions::expected(&headers, super::versions::version_in(&body)?)?;
    let version =
        editing::restore_organisation(&state.store, &user.0, &city, &org, version, expected)
            .await
            .map_err(|e| strict(e.into(), if_match))?;
    Ok(Json(Written { version }))
}
