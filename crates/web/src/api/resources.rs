//! The network's resource library: the list (with the page's filter), one resource
//! with its version and strong ETag, and a change by network staff (conventions as in
//! [`super::editing`]).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use forja_core::edit::ResourceFields;
use forja_services::ServiceError;
use forja_services::resources::{self, ResourceView};
use serde_json::Value;

use super::bodies::ResourceBody;
use super::editing::{Shape, Written, prepare_patch};
use super::versions::versioned;
use super::{Page, Paging};
use crate::auth::ApiUser;
use crate::error::{Allowed, ApiError, Failure, Problem};
use crate::state::AppState;

const RESOURCE: Shape = Shape {
    texts: &["title", "summary"],
    plain: &[
        "kind",
        "language",
        "level",
        "kflc",
        "collections",
        "licence",
        "link",
        "publisher",
        "year",
    ],
    rows: &[],
};

/// The library, in the order staff wrote it, narrowed as the library page narrows it.
#[utoipa::path(get, path = "/api/v1/resources", tag = "resources",
    params(
        ("kind" = Option<String>, Query, pattern = "^(|guide|course|recording|template|case-study)$", description = "What the resource is; empty for any"),
        ("language" = Option<String>, Query, pattern = "^(|en|fr|es|ar|zh|ru|ro|de|hu|pt)$", description = "The language the resource is in; empty for any"),
        ("level" = Option<String>, Query, pattern = "^(|introductory|intermediate|advanced)$", description = "How much the reader should know already; empty for any"),
        ("collection" = Option<String>, Query, pattern = "^(|start-here|monitoring|peer-learning)$", description = "One of the network's collections; empty for any"),
        ("kflc" = Option<String>, Query, max_length = 8, pattern = r"^(|[0-9]+(\.[0-9]+)*)$", description = "A KFLC area or feature, such as 3.1 or 3.1.3; empty for any"),
        ("page" = Option<usize>, Query, minimum = 1, maximum = 1000000, description = "1-based page number"),
        ("per_page" = Option<usize>, Query, minimum = 1, maximum = 100, description = "Items per page, 1–100 (default 50)"),
    ),
    responses(
        (status = 200, body = Page<ResourceView>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let paging = Paging::parse(&query)?;
    let get = |name: &str| query.get(name).map(String::as_str);
    let filter = resources::ResourceFilter::parse(
        get("kind"),
        get("language"),
        get("level"),
        get("collection"),
        get("kflc"),
    )
    .map_err(|e| match e {
        // A filter is a query parameter: a bad one is a bad request, named.
        ServiceError::Invalid(problems) => {
            use forja_core::edit::{
                RESOURCE_COLLECTIONS, RESOURCE_KINDS, RESOURCE_LANGUAGES, RESOURCE_LEVELS,
            };
            let codes = |c: &[&str]| Allowed::Codes(c.join(", "));
            let field = problems.first().map_or("kflc", |p| p.field.as_str());
            let (name, allowed) = match field {
                "kind" => ("kind", codes(&RESOURCE_KINDS)),
                "language" => ("language", codes(&RESOURCE_LANGUAGES)),
                "level" => ("level", codes(&RESOURCE_LEVELS)),
                "collection" => ("collection", codes(&RESOURCE_COLLECTIONS)),
                _ => ("kflc", Allowed::Message("allowed-kflc-code", 0)),
            };
            ApiError(Failure::BadParameter { name, allowed })
        }
        other => other.into(),
    })?;
    let list = resources::resource_library(&state.store, &filter).await?;
    Ok(paging.apply(list, "/api/v1/resources"))
}

/// One resource. `version` is the current version, which a change names.
#[utoipa::path(get, path = "/api/v1/resources/{resource}", tag = "resources",
    params(("resource" = String, Path, description = "Resource slug")),
    responses((status = 200, body = ResourceView, headers(("ETag" = String, description = "Strong: \"{version}-{digest}\". Send it back in If-Match to change exactly this version."))), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn one(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let view = resources::resource_view(&state.store, &slug).await?;
    Ok(versioned(&view, view.version))
}

/// Changes a resource (network staff). Fields left out keep their values.
#[utoipa::path(patch, path = "/api/v1/resources/{resource}", tag = "resources",
    params(("resource" = String, Path, description = "Resource slug")),
    request_body(content = ResourceBody, description = "The fields sent change, the others keep their values. Name the version changed: If-Match with the ETag read, or `version`."),
    responses((status = 200, body = Written), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn patch(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Written>, ApiError> {
    let current = resources::resource_for_edit(&state.store, &user.0, &slug).await?;
    let features = current.choices.clone();
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    let (input, version) = prepare_patch::<ResourceBody>(
        &RESOURCE,
        (current.fields.to_input(), current.version),
        &headers,
        body,
        |i| {
            ResourceFields::parse(i, &features, this_year)
                .err()
                .unwrap_or_default()
        },
    )?;
    let version = resources::edit_resource(&state.store, &user.0, &slug, &input, version).await?;
    Ok(Json(Written { version }))
}
