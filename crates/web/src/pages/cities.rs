//! `/cities`, `/cities/{slug}` and `/cities/{slug}/strategy`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use forja_core::roster::Region;
use forja_core::values::CountryCode;
use forja_services::CityFilter;
use forja_services::views::{Announced, CityProfile, CitySummary, StrategyView, UnplacedMember};

use super::{Layout, PageCtx, render};
use crate::error::{Allowed, Failure, PageError};
use crate::state::AppState;

/// A parameter's value, trimmed; an empty one means "any", as a form sends it.
fn given<'a>(query: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    query.get(name).map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// Parses `?country=RO&cluster=literacy`; an empty value means "any".
pub async fn parse_filter(
    state: &AppState,
    query: &HashMap<String, String>,
) -> Result<CityFilter, Failure> {
    let country = match given(query, "country") {
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
    let cluster = match given(query, "cluster") {
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
    let region = match given(query, "region") {
        Some(raw) => Some(raw.parse::<Region>().map_err(|()| {
            Failure::BadParameter {
                name: "region",
                allowed: Allowed::Codes(
                    Region::ALL
                        .iter()
                        .map(|r| r.code())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            }
        })?),
        None => None,
    };
    let joined_year = match given(query, "year") {
        Some(raw) => Some(
            raw.parse::<i32>()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
                .ok_or(Failure::BadParameter {
                    name: "year",
                    allowed: Allowed::Message("allowed-member-year", 0),
                })?,
        ),
        None => None,
    };
    Ok(CityFilter {
        country,
        cluster,
        region,
        joined_year,
    })
}

/// `?country=RO&year=2024`: the filter's values, in a fixed order, empty when none.
pub fn filter_query(f: &CityFilter) -> String {
    let mut parts = Vec::new();
    if let Some(r) = f.region {
        parts.push(format!("region={}", r.code()));
    }
    if let Some(c) = f.country {
        parts.push(format!("country={c}"));
    }
    if let Some(y) = f.joined_year {
        parts.push(format!("year={y}"));
    }
    if let Some(k) = &f.cluster {
        parts.push(format!("cluster={k}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

#[derive(Template)]
#[template(path = "cities.html")]
struct CitiesPage {
    l: Layout,
    cities: Vec<CitySummary>,
    unplaced: Vec<UnplacedMember>,
    announced: Option<Announced>,
    /// (code, name) of every member country, for the filter.
    countries: Vec<(String, String)>,
    clusters: Vec<(String, String)>,
    /// (code, name) of the UNESCO regions.
    regions: Vec<(String, String)>,
    /// Years members joined, newest first.
    years: Vec<i32>,
    country: String,
    cluster: String,
    region: String,
    year: String,
    filtered: bool,
    count_text: String,
    /// The map of the cities shown, zoomed to them when filtered.
    map: String,
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
    let net = forja_services::network_overview(&state.store).await?;
    let countries: BTreeMap<String, String> = net
        .cities
        .iter()
        .map(|c| c.country.as_str())
        .chain(net.unplaced.iter().map(|m| m.country.as_str()))
        .map(|c| (tr.country(c), c.to_owned()))
        .collect();
    let years: BTreeSet<i32> = net
        .cities
        .iter()
        .map(|c| c.joined_year)
        .chain(net.unplaced.iter().map(|m| m.joined_year))
        .collect();
    let clusters = forja_services::framework_tree(&state.store, "clusters")
        .await?
        .nodes
        .into_iter()
        .map(|n| (n.code.clone(), tr.txt(&n.title)))
        .collect();
    let announced = net.announced.clone();
    let (cities, unplaced) = forja_services::members(net, &filter);
    let query = filter_query(&filter);
    let filtered = !query.is_empty();
    let map = super::home::map_for(tr, &cities, filtered);
    let page = CitiesPage {
        count_text: tr.count("cities-count", (cities.len() + unplaced.len()) as i64),
        l: Layout::for_ctx(&ctx, tr.t("cities-title"), format!("/cities{query}")),
        cities,
        unplaced,
        announced,
        countries: countries
            .into_iter()
            .map(|(name, code)| (code, name))
            .collect(),
        clusters,
        regions: Region::ALL
            .iter()
            .map(|r| (r.code().to_owned(), tr.code("region", r.code())))
            .collect(),
        years: years.into_iter().rev().collect(),
        country: filter.country.map(|c| c.to_string()).unwrap_or_default(),
        cluster: filter.cluster.unwrap_or_default(),
        region: filter
            .region
            .map(|r| r.code().to_owned())
            .unwrap_or_default(),
        year: filter
            .joined_year
            .map(|y| y.to_string())
            .unwrap_or_default(),
        filtered,
        map,
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
    /// The members most like it.
    lines: Vec<super::peers::PeerLine>,
    /// Good practices it wrote, and those of other cities it took up.
    practices: Vec<forja_services::practices::PracticeSummary>,
    adopted: Vec<forja_services::practices::PracticeSummary>,
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
    let peers = state
        .peers
        .of_city(&state.store, &slug, forja_services::peers::SHOWN)
        .await?;
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let (practices, adopted) =
        forja_services::practices::city_practices(&state.store, actor, &slug).await?;
    render(&CityPage {
        l,
        city,
        can_edit,
        can_manage,
        lines: super::peers::lines(&tr, &peers),
        practices,
        adopted,
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
