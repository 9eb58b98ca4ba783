//! Adding member cities over the API, and the GeoNames search that helps fill them in.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use forja_core::LocalizedText;
use forja_services::editing;
use serde::Serialize;

use super::bodies::NewCityBody;
use super::editing::{Created, Shape, create_input};
use serde_json::Value;

use crate::auth::ApiUser;
use crate::error::{Allowed, ApiError, Failure, Problem as ProblemDoc};
use crate::state::AppState;
use forja_core::edit::Writing;

const NEW_CITY: Shape = Shape {
    texts: &["name"],
    plain: &[
        "slug",
        "country",
        "latitude",
        "longitude",
        "population",
        "population_year",
        "geonames_id",
        "joined_year",
        "default_locale",
        "languages",
    ],
    rows: &[],
};

/// A place of the GeoNames gazetteer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PlaceView {
    pub geonames_id: i64,
    pub name: String,
    pub country: String,
    pub country_name: LocalizedText,
    pub latitude: f64,
    pub longitude: f64,
    pub population: i64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Places {
    pub places: Vec<PlaceView>,
    /// Where the data comes from.
    pub attribution: &'static str,
}

/// Places of 15,000 people or more whose name matches `q` (GeoNames), larger first.
#[utoipa::path(get, path = "/api/v1/places", tag = "cities",
    params(("q" = String, Query, min_length = 1, max_length = 100, pattern = r"^\s*\S[\s\S]*$", description = "Part of a place name, any spelling: resita finds Reșița")),
    responses((status = 200, body = Places), (status = 400, body = ProblemDoc, content_type = "application/problem+json")))]
pub async fn search(Query(q): Query<HashMap<String, String>>) -> Result<Json<Places>, ApiError> {
    let raw = q.get("q").map(String::as_str).unwrap_or_default();
    let query = raw.trim().to_owned();
    if query.is_empty() || raw.chars().count() > 100 {
        return Err(ApiError(Failure::BadParameter {
            name: "q",
            allowed: Allowed::Message("allowed-short-text", 100),
        }));
    }
    let found =
        tokio::task::spawn_blocking(move || forja_services::places::search_places(&query, 12))
            .await
            .unwrap_or_default();
    let countries = forja_services::places::countries();
    let places = found
        .into_iter()
        .map(|p| PlaceView {
            country_name: countries
                .iter()
                .find(|c| c.code == p.country)
                .map(|c| c.label.clone())
                .unwrap_or_default(),
            geonames_id: p.geonames_id,
            name: p.name,
            country: p.country,
            latitude: p.latitude,
            longitude: p.longitude,
            population: p.population,
        })
        .collect();
    Ok(Json(Places {
        places,
        attribution: "GeoNames (geonames.org), CC BY 4.0",
    }))
}

/// Adds a member city (network administrators).
#[utoipa::path(post, path = "/api/v1/cities", tag = "editing",
    request_body(content = NewCityBody, description = "name (object of language → text), country (ISO 3166-1 alpha-2), latitude, longitude, joined_year and default_locale (language code) are required; slug (made from the name when left out), population, population_year, geonames_id, languages (array of codes)"),
    responses((status = 201, body = Created), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 422, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Response, ApiError> {
    let input = create_input(&NEW_CITY, super::editing::body_object::<NewCityBody>(body)?)?;
    let slug = editing::create_city(&state.store, &user.0, &input, Writing::Machine).await?;
    Ok((StatusCode::CREATED, Json(Created { slug, version: 1 })).into_response())
}
