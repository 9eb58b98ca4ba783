//! `/`: the network home with the world map, key figures and the list of cities.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use forja_core::roster::Region;
use forja_services::views::{CitySummary, NetworkOverview};

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
    /// (code, name, members) per UNESCO region, in the regions' order.
    regions: Vec<(String, String, usize)>,
    /// Cities that have described themselves, to start reading from.
    described: Vec<CitySummary>,
}

/// Draws the map for a set of cities, named in the reader's language; `zoom` shows only
/// their part of the world.
pub fn map_for(tr: Tr, cities: &[CitySummary], zoom: bool) -> String {
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
        zoom,
    )
}

pub async fn page(State(state): State<Arc<AppState>>, ctx: PageCtx) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let net = forja_services::network_overview(&state.store).await?;
    let map = map_for(tr, &net.cities, false);
    let regions = Region::ALL
        .iter()
        .map(|r| {
            let n = net
                .cities
                .iter()
                .filter(|c| c.region.as_deref() == Some(r.code()))
                .count()
                + net.unplaced.iter().filter(|m| m.region == r.code()).count();
            (r.code().to_owned(), tr.code("region", r.code()), n)
        })
        .filter(|(_, _, n)| *n > 0)
        .collect();
    let described = net.cities.iter().filter(|c| c.described).cloned().collect();
    let title = tr.t("home-title");
    render(&HomePage {
        l: Layout::for_ctx(&ctx, title, "/"),
        net,
        map,
        regions,
        described,
    })
}
