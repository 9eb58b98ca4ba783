//! The OpenAPI 3.1 description, generated from the handlers' annotations so it cannot
//! drift from the code.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Forja API", description = "A learning-city network: cities, strategies, programmes and frameworks to read (texts in every stored language), and, with a token, to change with full history.", license(name = "AGPL-3.0-or-later")),
    paths(
        super::cities::list, super::cities::profile, super::cities::strategy, super::cities::programmes,
        super::cities::programme, super::cities::objective, super::cities::organisation, super::frameworks::list, super::frameworks::tree, super::frameworks::network, super::editing::patch_programme, super::editing::delete_programme, super::editing::programme_history, super::editing::restore_programme, super::editing::city_history, super::editing::patch_city, super::editing::restore_city, super::editing::create_programme,
        super::strategy::patch_strategy, super::strategy::strategy_history, super::strategy::restore_strategy, super::strategy::create_objective, super::strategy::patch_objective, super::strategy::delete_objective, super::strategy::objective_history, super::strategy::restore_objective, super::strategy::patch_framework_node, super::strategy::framework_node_history, super::strategy::restore_framework_node,
        super::organisations::create, super::organisations::patch, super::organisations::delete, super::organisations::history, super::organisations::restore,
        super::member_cities::search, super::member_cities::create,
        super::practices::list, super::practices::one, super::practices::patch, super::practices::export,
        super::resources::list, super::resources::one, super::resources::patch,
        super::requests::list, super::requests::one,
        super::stories::list, super::stories::story, super::stories::library,
        super::monitoring::indicators, super::monitoring::series, super::monitoring::observations, super::monitoring::import, super::monitoring::undo, super::observations::write_observations,
        super::search::search, super::cities::peers, super::frameworks::who,
    ),
    tags(
        (name = "cities", description = "Member cities and their content"),
        (name = "frameworks", description = "Frameworks as data"),
        (name = "search", description = "One search over everything public, with facets"),
        (name = "practices", description = "Good practices: cases cities wrote up from their programmes, reviewed by network staff, and the cities that took them up"),
        (name = "requests", description = "Partner requests: what member cities seek, until when, and how many places are taken"),
        (name = "resources", description = "The network's library of capacity-development resources for coordinators"),
        (name = "monitoring", description = "Indicators, observations, targets and ratings; imports with a dry run, undone as a whole"),
        (name = "editing", description = "Changes and history; needs `Authorization: Bearer <token>` (create one on /account or with `forja token create`)"),
    ),
    components(schemas(super::bodies::CountryCode, super::bodies::ClusterCode, super::bodies::RegionCode)),
    modifiers(&BearerAuth, &Problems, &UniqueOperationIds),
)]
pub struct ApiDoc;

/// Declares the Bearer token scheme the editing endpoints use.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Makes every operationId unique, as OpenAPI requires: handlers of different
/// modules share names (`list`, `patch`), and a client generator, or a fuzzer
/// following links by id, would take one for another. A shared name gets the path's
/// fixed segments (`patch` of `/api/v1/resources/{resource}` is `patch_resources`);
/// a name used once stays as it is.
struct UniqueOperationIds;

impl utoipa::Modify for UniqueOperationIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let mut seen = std::collections::HashMap::<String, usize>::new();
        let ops = |item: &mut utoipa::openapi::PathItem| {
            [
                item.get.as_mut(),
                item.post.as_mut(),
                item.patch.as_mut(),
                item.delete.as_mut(),
                item.put.as_mut(),
            ]
            .into_iter()
            .flatten()
            .filter_map(|op| op.operation_id.clone())
            .collect::<Vec<_>>()
        };
        for item in openapi.paths.paths.values_mut() {
            for id in ops(item) {
                *seen.entry(id).or_default() += 1;
            }
        }
        for (path, item) in openapi.paths.paths.iter_mut() {
            let fixed: Vec<&str> = path
                .split('/')
                .filter(|s| !s.is_empty() && !s.starts_with('{') && *s != "api" && *s != "v1")
                .collect();
            let qualified = |id: &str| format!("{id}_{}", fixed.join("_").replace('-', "_"));
            for op in [
                item.get.as_mut(),
                item.post.as_mut(),
                item.patch.as_mut(),
                item.delete.as_mut(),
                item.put.as_mut(),
            ]
            .into_iter()
            .flatten()
            {
                if let Some(id) = op.operation_id.as_mut()
                    && seen.get(id.as_str()).is_some_and(|n| *n > 1)
                {
                    *id = qualified(id);
                }
            }
        }
    }
}

/// Declares, in one place, every problem status an operation can answer with, from
/// what the operation is: anyone may send a bad token (401); a path with parameters
/// may name nothing (404); query parameters may be malformed (400); a token may lack
/// the right (403); a body may be too large (413), not JSON (415) or invalid (422);
/// changes of existing things name their version (428 without one, 412 when
/// `If-Match` moved on, 409 when others changed the same fields).
struct Problems;

impl utoipa::Modify for Problems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let problem = |text: &str| {
            ResponseBuilder::new()
                .description(text)
                .content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let has_path_params = path.contains('{');
            let restore = path.ends_with("/restore");
            let ops = [
                ("get", item.get.as_mut()),
                ("post", item.post.as_mut()),
                ("patch", item.patch.as_mut()),
                ("delete", item.delete.as_mut()),
            ];
            for (method, op) in ops {
                let Some(op) = op else { continue };
                let has_query = op.parameters.iter().flatten().any(|p| {
                    matches!(p, utoipa::openapi::RefOr::T(p) if p.parameter_in == utoipa::openapi::path::ParameterIn::Query)
                });
                let secured = op.security.is_some();
                let changes_existing = method == "patch" || method == "delete" || restore;
                let body = op.request_body.is_some() || method == "post";
                let mut add = |status: &str, text: &str, applies: bool| {
                    if applies {
                        op.responses
                            .responses
                            .entry(status.to_owned())
                            .or_insert_with(|| problem(text).into());
                    }
                };
                add(
                    "400",
                    "A query or path parameter is malformed",
                    has_query || has_path_params,
                );
                add(
                    "401",
                    "The Bearer token is missing, unknown, revoked or its account disabled",
                    true,
                );
                add("403", "The token's account may not do this", secured);
                add("404", "Nothing (public) at this address", has_path_params);
                add(
                    "409",
                    "Others changed the same fields since the version sent (see conflicts); or another thing already has this slug or code, or others still use what is deleted (see errors)",
                    changes_existing || method == "post",
                );
                add(
                    "412",
                    "If-Match names a version that is no longer the stored one",
                    changes_existing,
                );
                add("413", "The body is larger than allowed", body);
                add("415", "The body is not application/json", body && !restore);
                add(
                    "422",
                    "The input has problems, each named with its field",
                    body || changes_existing || has_query,
                );
                add(
                    "428",
                    "Neither If-Match nor a version was sent",
                    changes_existing,
                );
            }
        }
    }
}

/// The document as served: the generated one, with the codes of the vocabularies the
/// network keeps as data listed where a body names one (`bodies::VOCABULARY`), so a
/// client, and a fuzzer, knows every code a write may send.
pub async fn document(
    axum::extract::State(state): axum::extract::State<std::sync::Arc<crate::state::AppState>>,
) -> Result<Json<serde_json::Value>, crate::error::ApiError> {
    let vocabularies = forja_services::editing::vocabularies(&state.store).await?;
    let mut doc = serde_json::to_value(ApiDoc::openapi())
        .map_err(|_| crate::error::ApiError(crate::error::Failure::Internal))?;
    list_codes(&mut doc, &vocabularies);
    Ok(Json(doc))
}

/// Sets `enum` on every schema that names one of `vocabularies`.
fn list_codes(value: &mut serde_json::Value, vocabularies: &[(&str, Vec<String>)]) {
    match value {
        serde_json::Value::Object(map) => {
            let named = map.get(super::bodies::VOCABULARY).and_then(|v| v.as_str());
            // An empty list (a framework not loaded yet) would allow nothing at all.
            if let Some((_, codes)) = vocabularies
                .iter()
                .find(|(name, codes)| Some(*name) == named && !codes.is_empty())
            {
                map.insert("enum".into(), serde_json::json!(codes));
            }
            map.values_mut().for_each(|v| list_codes(v, vocabularies));
        }
        serde_json::Value::Array(items) => {
            items.iter_mut().for_each(|v| list_codes(v, vocabularies))
        }
        _ => {}
    }
}
