//! `/api/v1/cities...`

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use forja_services::views::{
    CityProfile, CitySummary, ObjectiveView, Organisation, ProgrammeDetail, ProgrammeSummary,
    StrategyView,
};

use super::versions::versioned;
use super::{Page, Paging};
use crate::error::{Allowed, ApiError, Failure, Problem};
use crate::state::AppState;

/// Member cities, filtered and paginated.
#[utoipa::path(get, path = "/api/v1/cities", tag = "cities",
    params(
        ("country" = Option<super::bodies::CountryCode>, Query, description = "ISO 3166-1 alpha-2 code, e.g. RO"),
        ("cluster" = Option<super::bodies::ClusterCode>, Query, description = "Thematic cluster code, e.g. literacy"),
        ("region" = Option<super::bodies::RegionCode>, Query, description = "UNESCO region, e.g. europe-north-america"),
        ("year" = Option<i32>, Query, minimum = 1990, maximum = 2100, description = "Year the city joined the network"),
        ("page" = Option<usize>, Query, minimum = 1, maximum = 1000000, description = "1-based page number"),
        ("per_page" = Option<usize>, Query, minimum = 1, maximum = 100, description = "Items per page, 1–100 (default 50)"),
    ),
    responses(
        (status = 200, body = Page<CitySummary>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let paging = Paging::parse(&query)?;
    // A form's empty field means "any"; a program sends a code or leaves it out.
    if let Some(name) = ["country", "cluster", "region", "year"]
        .into_iter()
        .find(|n| query.get(*n).is_some_and(|v| v.trim().is_empty()))
    {
        return Err(ApiError(Failure::BadParameter {
            name,
            allowed: Allowed::Message("allowed-well-formed", 0),
        }));
    }
    let filter = crate::pages::cities::parse_filter(&state, &query).await?;
    let (cities, _) = forja_services::cities(&state.store, &filter).await?;
    let base = format!(
        "/api/v1/cities{}",
        crate::pages::cities::filter_query(&filter)
    );
    Ok(paging.apply(cities, &base))
}

/// One city's profile, with the `version` a change names and a strong ETag.
#[utoipa::path(get, path = "/api/v1/cities/{slug}", tag = "cities",
    params(("slug" = String, Path, description = "City slug, e.g. resita")),
    responses((status = 200, body = CityProfile, headers(("ETag" = String, description = "Strong: \"{version}-{digest}\". Send it back in If-Match to change exactly this version."))), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn profile(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let city = forja_services::city_profile(&state.store, &slug).await?;
    Ok(versioned(&city, city.version))
}

/// A city's current strategy with objectives, links and local targets.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/strategy", tag = "cities",
    params(("slug" = String, Path, description = "City slug")),
    responses((status = 200, body = StrategyView, headers(("ETag" = String, description = "Strong: \"{version}-{digest}\". Send it back in If-Match to change exactly this version."))), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn strategy(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let strategy = forja_services::strategy(&state.store, &slug).await?;
    Ok(versioned(&strategy, strategy.head.version))
}

/// One objective of a city's strategy, with its version and strong ETag (what a change
/// names).
#[utoipa::path(get, path = "/api/v1/cities/{slug}/strategy/objectives/{code}", tag = "cities",
    params(("slug" = String, Path, description = "City slug"), ("code" = String, Path, description = "Objective code, such as O1")),
    responses((status = 200, body = ObjectiveView, headers(("ETag" = String, description = "Strong: \"{version}-{digest}\". Send it back in If-Match to change exactly this version."))), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn objective(
    State(state): State<Arc<AppState>>,
    Path((slug, code)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let strategy = forja_services::strategy(&state.store, &slug).await?;
    let objective = strategy
        .objectives
        .iter()
        .find(|o| o.code == code)
        .ok_or(ApiError(crate::error::Failure::NotFound))?;
    Ok(versioned(objective, objective.version))
}

/// One organisation of a city, with its version and strong ETag.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/organisations/{org}", tag = "cities",
    params(("slug" = String, Path, description = "City slug"), ("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = Organisation, headers(("ETag" = String, description = "Strong: \"{version}-{digest}\". Send it back in If-Match to change exactly this version."))), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn organisation(
    State(state): State<Arc<AppState>>,
    Path((slug, org)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let city = forja_services::city_profile(&state.store, &slug).await?;
    let organisation = city
        .organisations
        .iter()
        .find(|o| o.slug == org)
        .ok_or(ApiError(crate::error::Failure::NotFound))?;
    Ok(versioned(organisation, organisation.version))
}

/// A city's programmes in tree order with rolled-up progress, paginated.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/programmes", tag = "cities",
    params(
        ("slug" = String, Path, description = "City slug"),
        ("page" = Option<usize>, Query, minimum = 1, maximum = 1000000, description = "1-based page number"),
        ("per_page" = Option<usize>, Query, minimum = 1, maximum = 100, description = "Items per page, 1–100 (default 50)"),
    ),
    responses(
        (status = 200, body = Page<ProgrammeSummary>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn programmes(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let paging = Paging::parse(&query)?;
    let list = forja_services::programmes(&state.store, &slug).await?;
    Ok(paging.apply(
        list.programmes,
        &format!("/api/v1/cities/{slug}/programmes"),
    ))
}

/// One programme with partners, funding, milestones and outputs.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/programmes/{programme}", tag = "cities",
    params(("slug" = String, Path, description = "City slug"), ("programme" = String, Path, description = "Programme slug")),
    responses((status = 200, body = ProgrammeDetail, headers(("ETag" = String, description = "Strong: \"{version}-{digest}\". Send it back in If-Match to change exactly this version."))), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn programme(
    State(state): State<Arc<AppState>>,
    Path((slug, programme)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let detail = forja_services::programme(&state.store, &slug, &programme).await?;
    Ok(versioned(&detail, detail.version))
}

/// The member cities most like this one, each with the reasons (Gower's distance over
/// what both cities have said of themselves) and the share of this city's profile they
/// could be compared on. A city that asked not to be suggested is in no one's list.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/peers", tag = "cities",
    params(("slug" = String, Path, description = "City slug")),
    responses((status = 200, body = forja_services::peers::PeerList), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn peers(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> Result<Json<forja_services::peers::PeerList>, ApiError> {
    Ok(Json(state.peers.of_city(&state.store, &slug, 10).await?))
}
