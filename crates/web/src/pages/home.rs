//! `/`: the network home with the world map, key figures and the list of cities.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use forja_services::views::NetworkOverview;

use super::{Layout, PageCtx, render};
use crate::error::PageError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::world;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
    net: NetworkOverview,
    map: String,
}

/// Draws the map for a set of cities, named in the reader's language.
pub fn map_for(tr: Tr, cities: &[forja_services::views::CitySummary]) -> String {
    let markers: Vec<world::Marker> = cities
        .iter()
        .map(|c| world::Marker {
            slug: &c.slug,
            name: tr.txt(&c.name),
            latitude: c.latitude,
            longitude: c.longitude,
            country: &c.country,
        })
        .collect();
    world::svg(
        &markers,
        &tr.t("map-title"),
        &tr.count("map-description", cities.len() as i64),
    )
}

pub async fn page(State(state): State<Arc<AppState>>, ctx: PageCtx) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let net = forja_services::network_overview(&state.store).await?;
    let map = map_for(tr, &net.cities);
    let title = tr.t("home-title");
    render(&HomePage {
        l: Layout::for_ctx(&ctx, title, "/"),
        net,
        map,
    })
}
