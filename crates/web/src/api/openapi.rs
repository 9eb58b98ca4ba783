//! The OpenAPI 3.1 description, generated from the handlers' annotations so it cannot
//! drift from the code.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Forja API", description = "A learning-city network: cities, strategies, programmes and frameworks to read (texts in every stored language), and, with a token, to change with full history.", license(name = "AGPL-3.0-or-later")),
    paths(
        super::cities::list, super::cities::profile, super::cities::strategy, super::cities::programmes,
        super::cities::programme, super::frameworks::list, super::frameworks::tree, super::frameworks::network, super::editing::patch_programme, super::editing::delete_programme, super::editing::programme_history, super::editing::restore_programme, super::editing::city_history, super::editing::patch_city, super::editing::restore_city, super::editing::create_programme,
        super::strategy::patch_strategy, super::strategy::strategy_history, super::strategy::restore_strategy, super::strategy::create_objective, super::strategy::patch_objective, super::strategy::delete_objective, super::strategy::objective_history, super::strategy::restore_objective, super::strategy::patch_framework_node, super::strategy::framework_node_history, super::strategy::restore_framework_node,
        super::organisations::create, super::organisations::patch, super::organisations::delete, super::organisations::history, super::organisations::restore,
        super::member_cities::search, super::member_cities::create,
    ),
    tags(
        (name = "cities", description = "Member cities and their content"),
        (name = "frameworks", description = "Frameworks as data"),
        (name = "editing", description = "Changes and history; needs `Authorization: Bearer <token>` (create one on /account or with `forja token create`)"),
    ),
    modifiers(&BearerAuth),
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

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
