//! The OpenAPI 3.1 description, generated from the handlers' annotations so it cannot
//! drift from the code.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Forja API", description = "Read access to a learning-city network: cities, strategies, programmes and frameworks. Texts come in every stored language.", license(name = "AGPL-3.0-or-later")),
    paths(
        super::cities::list, super::cities::profile, super::cities::strategy, super::cities::programmes,
        super::cities::programme, super::frameworks::list, super::frameworks::tree, super::frameworks::network,
    ),
    tags((name = "cities", description = "Member cities and their content"), (name = "frameworks", description = "Frameworks as data")),
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
