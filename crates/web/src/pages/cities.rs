//! `/cities`, `/cities/{slug}` and `/cities/{slug}/strategy`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use forja_core::values::CountryCode;
use forja_services::CityFilter;
use forja_services::views::{CityProfile, CitySummary, StrategyView};

use super::{Layout, PageCtx, render};
use crate::error::{Allowed, Failure, PageError};
use crate::state::AppState;

/// Parses `?country=RO&cluster=literacy`; an empty value means "any".
pub async fn parse_filter(
    state: &AppState,
    query: &HashMap<String, String>,
) -> Result<CityFilter, Failure> {
    let country = match query
        .get("country")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        Some(raw) => Some(
            raw.parse::<CountryCode>()
                .ok()
                .filter(|c| crate::world::is_country(c.as_str()))
                .ok_or(Failure::BadParameter {
                    name: "country",
                    allowed: Allowed::Message("allowed-country", 0),
                })?,
        ),
        None => None,
    };
    let cluster = match query
        .get("cluster")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        Some(raw) => {
            let tree = forja_services::framework_tree(&state.store, "clusters")
                .await
                .map_err(Failure::from)?;
            if !tree.nodes.iter().any(|n| n.code == raw) {
                let allowed = tree
                    .nodes
                    .iter()
                    .map(|n| n.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(Failure::BadParameter {
                    name: "cluster",
                    allowed: Allowed::Codes(allowed),
                });
            }
            Some(raw.to_owned())
        }
        None => None,
    };
    Ok(CityFilter { country, cluster })
}

#[derive(Template)]
#[template(path = "cities.html")]
struct CitiesPage {
    l: Layout,
    cities: Vec<CitySummary>,
    /// (code, name) of every member country, for the filter.
    countries: Vec<(String, String)>,
    clusters: Vec<(String, String)>,
    country: String,
    cluster: String,
    count_text: String,
    /// A network administrator: show the link to add a member city.
    can_add: bool,
}

pub async fn index(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let filter = parse_filter(&state, &query).await?;
    let all = forja_services::cities(&state.store, &CityFilter::default()).await?;
    let countries: BTreeMap<String, String> = all
        .iter()
        .map(|c| (tr.country(&c.country), c.country.clone()))
        .collect();
    let clusters = forja_services::framework_tree(&state.store, "clusters")
        .await?
        .nodes
        .into_iter()
        .map(|n| (n.code.clone(), tr.txt(&n.title)))
        .collect();
    let cities = forja_services::cities(&state.store, &filter).await?;
    let path = match (&filter.country, &filter.cluster) {
        (None, None) => "/cities".to_owned(),
        _ => format!(
            "/cities?country={}&cluster={}",
            filter.country.map(|c| c.to_string()).unwrap_or_default(),
            filter.cluster.clone().unwrap_or_default()
        ),
    };
    let page = CitiesPage {
        count_text: tr.count("cities-count", cities.len() as i64),
        l: Layout::for_ctx(&ctx, tr.t("cities-title"), path),
        cities,
        countries: countries
            .into_iter()
            .map(|(name, code)| (code, name))
            .collect(),
        clusters,
        country: filter.country.map(|c| c.to_string()).unwrap_or_default(),
        cluster: filter.cluster.unwrap_or_default(),
        can_add: ctx
            .user
            .as_ref()
            .is_some_and(|u| forja_services::editing::may_add_cities(&u.actor)),
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "city.html")]
struct CityPage {
    l: Layout,
    city: CityProfile,
    /// Signed in with the right to edit the profile: show the edit and history links.
    can_edit: bool,
    /// May manage the city's people: show that link.
    can_manage: bool,
}

pub async fn profile(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let city = forja_services::city_profile(&state.store, &slug).await?;
    let l = Layout::for_ctx(&ctx, tr.txt(&city.summary.name), format!("/cities/{slug}"));
    let can_edit = match &ctx.user {
        Some(u) => forja_services::editing::may_edit_city(&state.store, &u.actor, &slug).await?,
        None => false,
    };
    let can_manage = match &ctx.user {
        Some(u) => forja_services::people::may_manage(&state.store, &u.actor, &slug).await?,
        None => false,
    };
    render(&CityPage {
        l,
        city,
        can_edit,
        can_manage,
    })
}

#[derive(Template)]
#[template(path = "strategy.html")]
struct StrategyPage {
    l: Layout,
    s: StrategyView,
    /// Signed in with the right to edit the strategy: show the edit links.
    can_edit: bool,
    /// Each objective's indicators (by objective code) with their latest value and rating.
    measured: std::collections::HashMap<String, Vec<super::monitoring::OverviewLine>>,
    /// Each programme's outputs, by programme slug.
    outputs: std::collections::HashMap<String, Vec<forja_services::monitoring::views::OutputLine>>,
}

pub async fn strategy(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let s = forja_services::strategy(&state.store, &slug).await?;
    let title = format!("{} · {}", tr.txt(&s.head.title), tr.txt(&s.city.name));
    let can_edit = match &ctx.user {
        Some(u) => {
            forja_services::editing::may_edit_strategy(&state.store, &u.actor, &slug).await?
        }
        None => false,
    };
    let measured = super::monitoring::measured_objectives(&state, &ctx, &slug).await?;
    render(&StrategyPage {
        l: Layout::for_ctx(&ctx, title, format!("/cities/{slug}/strategy")),
        s,
        can_edit,
        measured,
        outputs: forja_services::monitoring::views::outputs_by_programme(&state.store, &slug)
            .await?,
    })
}
