//! Writes through the API, authenticated with `Authorization: Bearer <token>` (no
//! cookies, so no CSRF): the same validation and rights as the forms, 422 listing every
//! field error, 409 when the version sent is no longer the stored one.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use forja_core::edit::{EDIT_LANGUAGES, FieldProblem, Group, Problem, ProgrammeFields, RawInput};
use forja_services::editing::{self, CityRevision, History};
use serde::Serialize;
use serde_json::Value;

use super::bodies::{CityBody, NewProgrammeBody, ProgrammeBody, VersionBody};
use super::versions::{based_on, strict};
use crate::auth::ApiUser;
use crate::error::{ApiError, Failure, FieldError, Problem as ProblemDoc};
use crate::state::AppState;
use forja_core::edit::Writing;

/// The stored version after a write.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Written {
    pub version: i32,
}

/// The JSON fields of each kind: texts (objects of language → text) and plain values.
pub(crate) struct Shape {
    pub texts: &'static [&'static str],
    pub plain: &'static [&'static str],
    /// Lists of row objects (a programme's partners, ...).
    pub rows: &'static [Group],
}

const PROGRAMME: Shape = Shape {
    texts: &["title", "summary", "description"],
    plain: &[
        "status",
        "start_on",
        "end_on",
        "progress",
        "weight",
        "parent",
        "objectives",
        "target_groups",
    ],
    rows: ProgrammeFields::GROUPS,
};
const CITY: Shape = Shape {
    texts: &["name", "history", "context"],
    plain: &[
        "website",
        "population",
        "population_year",
        "area_km2",
        "languages",
        "hidden_from_peers",
    ],
    rows: &[],
};

fn wrong(field: &str, allowed: &str) -> FieldProblem {
    FieldProblem {
        field: field.to_owned(),
        problem: Problem::NotAllowed {
            allowed: allowed.to_owned(),
        },
    }
}

/// A text: an object of language → text (`null` clears one language).
fn put_text(input: &mut RawInput, problems: &mut Vec<FieldProblem>, key: &str, value: &Value) {
    let Value::Object(texts) = value else {
        problems.push(wrong(key, "an object of language code to text"));
        return;
    };
    for (lang, text) in texts {
        if !EDIT_LANGUAGES.contains(&lang.as_str()) {
            problems.push(wrong(&format!("{key}.{lang}"), &EDIT_LANGUAGES.join(", ")));
            continue;
        }
        match text {
            Value::String(t) => {
                input.insert(format!("{key}_{lang}"), t.clone());
            }
            Value::Null => {
                input.insert(format!("{key}_{lang}"), String::new());
            }
            _ => problems.push(wrong(&format!("{key}.{lang}"), "a string or null")),
        }
    }
}

/// A plain value: string, number, boolean, `null` (clears) or a list of codes.
fn put_plain(input: &mut RawInput, problems: &mut Vec<FieldProblem>, key: &str, value: &Value) {
    let text = match value {
        Value::String(s) => s.clone(),
        // Plain digits, never an exponent (`1e-7`), which no person's writing reads.
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) => forja_core::typed::write_number(f, Writing::Machine, false),
            (None, None) => n.to_string(),
        },
        Value::Bool(b) => if *b { "true" } else { "" }.to_owned(),
        Value::Null => String::new(),
        // Lists of codes are written as comma-separated codes.
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(","),
        _ => {
            problems.push(wrong(key, "a string, a number or null"));
            return;
        }
    };
    input.insert(key.to_owned(), text);
}

/// Turns a JSON patch into form-style input over the current values: texts are objects
/// of language → text, dates are strings, numbers are numbers, `null` clears.
pub(crate) fn overlay(
    shape: &Shape,
    mut input: RawInput,
    body: &serde_json::Map<String, Value>,
) -> (RawInput, Option<i32>, Vec<FieldProblem>) {
    let mut problems = Vec::new();
    let version = super::versions::body_version(body);
    if body.contains_key("version") && version.is_none() {
        problems.push(wrong("version", "a whole number: the version you read"));
    }
    for (key, value) in body {
        if key == "version" {
            continue;
        }
        if let Some(group) = shape.rows.iter().find(|g| g.name == key) {
            let Value::Array(items) = value else {
                problems.push(wrong(key, "an array of objects"));
                continue;
            };
            // A list replaces the stored one as a whole.
            input.retain(|k, _| !k.starts_with(&format!("{key}.")));
            for (i, item) in items.iter().enumerate() {
                let Value::Object(item) = item else {
                    problems.push(wrong(&format!("{key}.{i}"), "an object"));
                    continue;
                };
                for (field, value) in item {
                    let at = format!("{key}.{i}.{field}");
                    if group.fields.contains(&format!("{field}_en").as_str()) {
                        put_text(&mut input, &mut problems, &at, value);
                    } else if group.fields.contains(&field.as_str()) {
                        put_plain(&mut input, &mut problems, &at, value);
                    } else {
                        problems.push(FieldProblem {
                            field: at,
                            problem: Problem::Unknown,
                        });
                    }
                }
            }
        } else if shape.texts.contains(&key.as_str()) {
            put_text(&mut input, &mut problems, key, value);
        } else if shape.plain.contains(&key.as_str()) {
            put_plain(&mut input, &mut problems, key, value);
        } else {
            problems.push(FieldProblem {
                field: key.clone(),
                problem: Problem::Unknown,
            });
        }
    }
    (input, version, problems)
}

/// A create request as form-style input: like a PATCH over nothing, with no version.
pub(crate) fn create_input(shape: &Shape, body: Checked) -> Result<RawInput, ApiError> {
    let (input, _, problems) = overlay(shape, RawInput::new(), &body.map);
    let problems: Vec<FieldProblem> = problems
        .into_iter()
        .filter(|p| p.field != "version")
        .collect();
    body.refuse(&problems)?;
    Ok(input)
}

pub(crate) fn invalid(problems: &[FieldProblem]) -> ApiError {
    ApiError(Failure::Invalid(
        problems.iter().map(FieldError::from_problem).collect(),
    ))
}

/// A request body checked against the Rust type that declares it (`T`, whose schema
/// the OpenAPI file shows), as the JSON object the field validation reads.
pub(crate) struct Checked {
    pub map: serde_json::Map<String, Value>,
    /// Where the body does not fit its type (`partners[0].role: unknown variant`),
    /// reported when the field validation finds nothing more precise: it names every
    /// problem at once, where a type stops at the first.
    pub shape: Option<FieldError>,
}

impl Checked {
    /// Every problem found, the shape's only when the fields found none.
    fn refuse(self, problems: &[FieldProblem]) -> Result<serde_json::Map<String, Value>, ApiError> {
        match (problems.is_empty(), self.shape) {
            (false, _) => Err(invalid(problems)),
            (true, Some(shape)) => Err(ApiError(Failure::Invalid(vec![shape]))),
            (true, None) => Ok(self.map),
        }
    }
}

/// Where a body does not fit its type, named by its path (`observations[2].value`).
fn shape_error(e: serde_path_to_error::Error<serde_json::Error>) -> FieldError {
    let path = e.path().to_string();
    let field = if path.is_empty() || path == "." {
        "body".to_owned()
    } else {
        path
    };
    FieldError::new(field, "field-wrong-shape", e.inner().to_string())
}

/// A body read as its type whole (a write with no fields to merge).
pub(crate) fn typed_body<T: serde::de::DeserializeOwned + Serialize>(
    body: Result<Json<Value>, JsonRejection>,
) -> Result<T, ApiError> {
    match body {
        Ok(Json(object @ Value::Object(_))) => serde_path_to_error::deserialize(object)
            .map_err(|e| ApiError(Failure::Invalid(vec![shape_error(e)]))),
        // Not an object, not JSON: refused as for every body.
        other => body_object::<T>(other).and(Err(ApiError(Failure::Internal))),
    }
}

pub(crate) fn body_object<T: serde::de::DeserializeOwned + Serialize>(
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Checked, ApiError> {
    match body {
        Ok(Json(Value::Object(map))) => {
            match serde_path_to_error::deserialize::<_, T>(Value::Object(map.clone())) {
                Ok(typed) => Ok(Checked {
                    map: super::bodies::as_object(&typed),
                    shape: None,
                }),
                Err(e) => Ok(Checked {
                    map,
                    shape: Some(shape_error(e)),
                }),
            }
        }
        Ok(_) => Err(ApiError(Failure::Invalid(vec![FieldError::new(
            "body",
            "field-not-json",
            "",
        )]))),
        Err(JsonRejection::MissingJsonContentType(_)) => {
            Err(ApiError(Failure::UnsupportedMediaType))
        }
        // Not JSON, broken UTF-8: one clear error, nothing stored.
        Err(_) => Err(ApiError(Failure::Invalid(vec![FieldError::new(
            "body",
            "field-not-json",
            "",
        )]))),
    }
}

/// Reads a PATCH body over the current values (at `current_version`) of a thing of
/// `shape`, validates it with `validate`, and returns the complete input with the
/// version to save over — or every problem at once, structural and value alike. The
/// version comes from `If-Match` (which must name the current one) or the body's
/// `version` (merged with what was saved since); with neither, 428.
pub(crate) fn prepare_patch<T: serde::de::DeserializeOwned + Serialize>(
    shape: &Shape,
    (current, current_version): (RawInput, i32),
    headers: &HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
    validate: impl Fn(&RawInput) -> Vec<FieldProblem>,
) -> Result<(RawInput, i32), ApiError> {
    let body = body_object::<T>(body)?;
    let (input, sent, mut problems) = overlay(shape, current, &body.map);
    // A version that is not a number is the body's mistake (422), not a missing one.
    if problems.iter().any(|p| p.field == "version") {
        return Err(invalid(&problems));
    }
    let version = based_on(headers, sent)?.against(current_version)?;
    problems.extend(validate(&input));
    body.refuse(&problems)?;
    Ok((input, version))
}

/// Changes a programme. Fields left out keep their values; the version changed is named by If-Match or `version`.
#[utoipa::path(patch, path = "/api/v1/cities/{slug}/programmes/{programme}", tag = "editing",
    params(("slug" = String, Path, description = "City slug"), ("programme" = String, Path, description = "Programme slug")),
    request_body(content = ProgrammeBody, description = "The fields sent change, the others keep their values. Name the version changed: If-Match with the ETag read, or `version`. Lists replace the stored ones as a whole."),
    responses(
        (status = 200, body = Written),
        (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn patch_programme(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, slug)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Written>, ApiError> {
    let current = editing::programme_for_edit(&state.store, &user.0, &city, &slug).await?;
    let (input, version) = prepare_patch::<ProgrammeBody>(
        &PROGRAMME,
        (current.fields.to_input(), current.version),
        &headers,
        body,
        |i| {
            ProgrammeFields::parse(i, &current.choices, Writing::Machine)
                .err()
                .unwrap_or_default()
        },
    )?;
    let version = editing::edit_programme(
        &state.store,
        &user.0,
        &city,
        &slug,
        &input,
        Writing::Machine,
        version,
    )
    .await?;
    Ok(Json(Written { version }))
}

#[derive(serde::Deserialize)]
pub struct VersionQuery {
    pub version: Option<String>,
}

impl VersionQuery {
    /// The version a delete or restore is based on: `If-Match` or `?version=` (428
    /// with neither), and whether a stale one is a failed precondition (412).
    pub(crate) fn expected(&self, headers: &HeaderMap) -> Result<(Option<i32>, bool), ApiError> {
        let sent = match self.version.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(v) => Some(v.parse::<i32>().map_err(|_| {
                invalid(&[wrong("version", "a whole number: the version you read")])
            })?),
        };
        Ok(based_on(headers, sent)?.expected())
    }

    /// The version a delete removes (`*` is not enough: name it), and whether it came
    /// from `If-Match`.
    pub(crate) fn to_delete(&self, headers: &HeaderMap) -> Result<(i32, bool), ApiError> {
        match self.expected(headers)? {
            (Some(v), if_match) => Ok((v, if_match)),
            (None, _) => Err(ApiError(Failure::PreconditionRequired)),
        }
    }
}

/// Deletes a programme (restorable from its history); `?version=` is required.
#[utoipa::path(delete, path = "/api/v1/cities/{slug}/programmes/{programme}", tag = "editing",
    params(("slug" = String, Path), ("programme" = String, Path), ("version" = i32, Query, description = "The version being deleted")),
    responses((status = 204), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 409, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn delete_programme(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, slug)): Path<(String, String)>,
    Query(q): Query<VersionQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (version, if_match) = q.to_delete(&headers)?;
    editing::delete_programme(&state.store, &user.0, &city, &slug, version)
        .await
        .map_err(|e| strict(e.into(), if_match))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The revisions of a programme, oldest first.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/programmes/{programme}/history", tag = "editing",
    params(("slug" = String, Path), ("programme" = String, Path)),
    responses((status = 200, body = History), (status = 403, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn programme_history(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Json<History>, ApiError> {
    Ok(Json(
        editing::programme_history(&state.store, &user.0, &city, &slug).await?,
    ))
}

/// Restores a programme to an earlier version (a new revision; undeletes it).
#[utoipa::path(post, path = "/api/v1/cities/{slug}/programmes/{programme}/history/{version}/restore", tag = "editing",
    params(("slug" = String, Path), ("programme" = String, Path), ("version" = i32, Path, minimum = 1, maximum = 2147483647, description = "The version to bring back")),
    request_body(content = VersionBody, description = "The version stored now, as read (or send If-Match instead)."),
    responses((status = 200, body = Written), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 404, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn restore_programme(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, slug, version)): Path<(String, String, i32)>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Written>, ApiError> {
    let (expected, if_match) =
        super::versions::expected(&headers, super::versions::version_in(&body)?)?;
    let version =
        editing::restore_programme(&state.store, &user.0, &city, &slug, version, expected)
            .await
            .map_err(|e| strict(e.into(), if_match))?;
    Ok(Json(Written { version }))
}

/// The latest changes in a city, newest first.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/history", tag = "editing",
    params(("slug" = String, Path)),
    responses((status = 200, body = Vec<CityRevision>), (status = 403, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn city_history(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path(city): Path<String>,
) -> Result<Json<Vec<CityRevision>>, ApiError> {
    Ok(Json(
        editing::city_history(&state.store, &user.0, &city).await?,
    ))
}

/// Changes a city's profile. Fields left out keep their values; the version changed is named by If-Match or `version`.
#[utoipa::path(patch, path = "/api/v1/cities/{slug}", tag = "editing",
    params(("slug" = String, Path, description = "City slug")),
    request_body(content = CityBody, description = "The fields sent change, the others keep their values. Name the version changed: If-Match with the ETag read, or `version`."),
    responses(
        (status = 200, body = Written),
        (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn patch_city(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path(city): Path<String>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Written>, ApiError> {
    let current = editing::city_for_edit(&state.store, &user.0, &city).await?;
    let (input, version) = prepare_patch::<CityBody>(
        &CITY,
        (current.fields.to_input(), current.version),
        &headers,
        body,
        |i| {
            forja_core::edit::CityFields::parse(i, Writing::Machine)
                .err()
                .unwrap_or_default()
        },
    )?;
    Ok(Json(Written {
        version: editing::edit_city(
            &state.store,
            &user.0,
            &city,
            &input,
            Writing::Machine,
            version,
        )
        .await?,
    }))
}

/// Restores a city's profile to an earlier version (a new revision).
#[utoipa::path(post, path = "/api/v1/cities/{slug}/history/{version}/restore", tag = "editing",
    params(("slug" = String, Path), ("version" = i32, Path, minimum = 1, maximum = 2147483647, description = "The version to bring back")),
    request_body(content = VersionBody, description = "The version stored now, as read (or send If-Match instead)."),
    responses((status = 200, body = Written), (status = 403, body = ProblemDoc, content_type = "application/problem+json"), (status = 404, body = ProblemDoc, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn restore_city(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((city, version)): Path<(String, i32)>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Written>, ApiError> {
    let (expected, if_match) =
        super::versions::expected(&headers, super::versions::version_in(&body)?)?;
    Ok(Json(Written {
        version: editing::restore_city(&state.store, &user.0, &city, version, expected)
            .await
            .map_err(|e| strict(e.into(), if_match))?,
    }))
}

/// A new programme's address.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Created {
    pub slug: String,
    pub version: i32,
}

/// Creates a programme. `title` and `status` are required; `slug` is made from the
/// title when left out.
#[utoipa::path(post, path = "/api/v1/cities/{slug}/programmes", tag = "editing",
    params(("slug" = String, Path, description = "City slug")),
    request_body(content = NewProgrammeBody, description = "title and status are required; `slug` is optional (made from the title); the rest as for PATCH."),
    responses(
        (status = 201, body = Created),
        (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn create_programme(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path(city): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Response, ApiError> {
    let mut body = body_object::<NewProgrammeBody>(body)?;
    let slug = match body.map.remove("slug") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s,
        Some(_) => {
            return Err(invalid(&[FieldProblem {
                field: "slug".into(),
                problem: Problem::NotAllowed {
                    allowed: "a string".into(),
                },
            }]));
        }
    };
    let mut input = create_input(&PROGRAMME, body)?;
    input.insert("slug".into(), slug);
    let slug =
        editing::create_programme(&state.store, &user.0, &city, &input, Writing::Machine).await?;
    let location = format!("/api/v1/cities/{city}/programmes/{slug}");
    Ok(created(&location, slug))
}

/// 201 with the new thing's slug and first version, and its address in `Location`.
pub(crate) fn created(location: &str, slug: String) -> Response {
    let mut response = (StatusCode::CREATED, Json(Created { slug, version: 1 })).into_response();
    if let Ok(v) = axum::http::HeaderValue::from_str(location) {
        response
            .headers_mut()
            .insert(axum::http::header::LOCATION, v);
    }
    response
}
