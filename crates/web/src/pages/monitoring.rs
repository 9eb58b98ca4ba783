//! Monitoring pages: a city's overview (`/cities/{slug}/monitoring`), an indicator's page
//! for a city with its chart, table, filters and rating, one indicator across the
//! network (`/indicators/{code}`) and the catalogue (`/indicators`). Public pages show
//! small counts protected; the city's editors see them as they are.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use forja_core::monitoring::indicator::{Dims, Unit};
use forja_core::monitoring::rating::{Rating, Status};
use forja_services::monitoring::views::{
    self, CatalogueEntry, CityMonitoring, Comparison, Grouping, IndicatorPage, RatingView,
};
use forja_services::monitoring::{data, export};

use super::{Layout, PageCtx, render};
use crate::chart;
use crate::error::PageError;
use crate::i18n::Tr;
use crate::state::AppState;

/// A filter of a form: dimension code, its name, and its codes (code, name, chosen).
pub type Filter = (String, String, Vec<(String, String, bool)>);

/// A rating in words: its status and the sentence saying how it was computed.
pub struct RatingText {
    pub code: &'static str,
    pub status: String,
    pub explanation: String,
}

fn pct(tr: &Tr, growth: f64) -> String {
    tr.t1(
        "unit-percent-value",
        "n",
        forja_core::format::number(growth * 100.0, 2, tr.locale),
    )
}

/// The rating's status and how it was computed, in the reader's language.
pub fn rating_text(tr: &Tr, view: &RatingView, unit: Unit, decimals: u8) -> RatingText {
    let r: &Rating = &view.rating;
    let code = r.status.code();
    let status = tr.code("rating-status", code);
    let v = |x: Option<f64>| {
        x.map(|x| chart::value(tr, x, unit, decimals))
            .unwrap_or_default()
    };
    let y = |x: Option<i32>| x.map(|x| x.to_string()).unwrap_or_default();
    let explanation = if let Some(reason) = r.reason {
        tr.code("rating-unavailable", reason.code())
    } else if !view.numbers_shown {
        tr.t("rating-numbers-hidden")
    } else if r.status == Status::TargetAchieved {
        tr.t2(
            "rating-explain-achieved",
            (
                "latest",
                &format!("{} ({})", v(r.latest_value), y(r.latest_year)),
            ),
            ("base", &format!("{} ({})", v(r.base_value), y(r.base_year))),
        )
    } else {
        let from_to = tr.t2(
            "rating-explain-change",
            ("base", &format!("{} ({})", v(r.base_value), y(r.base_year))),
            (
                "latest",
                &format!("{} ({})", v(r.latest_value), y(r.latest_year)),
            ),
        );
        let growth = r.observed_growth.map(|g| pct(tr, g)).unwrap_or_default();
        let rest = match (r.with_target, r.required_growth, r.progress) {
            (true, Some(req), Some(ratio)) => tr.t2(
                "rating-explain-target",
                ("observed", &growth),
                (
                    "required",
                    &format!(
                        "{} · {}",
                        pct(tr, req),
                        tr.t1(
                            "rating-ratio",
                            "ratio",
                            forja_core::format::number(ratio, 3, tr.locale)
                        )
                    ),
                ),
            ),
            _ => tr.t1("rating-explain-no-target", "observed", growth),
        };
        format!("{from_to} {rest}")
    };
    RatingText {
        code,
        status,
        explanation,
    }
}

/// A row of the data table.
pub struct TableRow {
    pub period: String,
    pub value: String,
    pub status: String,
    pub sample: bool,
    pub note: String,
    pub from_programme: String,
}

#[derive(Template)]
#[template(path = "monitoring_indicator.html")]
struct IndicatorTemplate {
    l: Layout,
    page: IndicatorPage,
    chart: String,
    bar_charts: Vec<(String, String)>,
    rows: Vec<TableRow>,
    rating: Option<RatingText>,
    target: String,
    /// The filter's choices: (dimension code, its name, [(code, name, selected)]).
    filters: Vec<Filter>,
    breakdown: String,
    /// May type this indicator's values.
    can_enter: bool,
    /// May import (some of) the city's data.
    can_import: bool,
    /// A computed indicator's factor as the reader writes numbers.
    factor: String,
    /// The organisations reporting it, in a line.
    reporters: String,
}

/// `/cities/{slug}/monitoring/{code}`: `?sex=F&urbanisation=R` chooses a breakdown.
pub async fn indicator(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path((slug, code)): Path<(String, String)>,
    Query(filter): Query<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let rights = data::rights(&state.store, actor, &slug).await?;
    let (can_enter, can_import) = (rights.enter_code(&code), rights.enter());
    let page =
        views::indicator_page(&state.store, &slug, &code, &filter, rights.true_values).await?;
    let reporters =
        forja_services::monitoring::reporters::names(&state.store, &slug, &code).await?;
    let m = &page.meta;
    let name = tr.txt(&m.name);
    let breakdown = describe_breakdown(&tr, &page);
    let chart_title = if breakdown.is_empty() {
        name.clone()
    } else {
        format!("{name} — {breakdown}")
    };
    let chart = chart::line(&tr, &page, &chart_title);
    let bar_charts = page
        .categories
        .iter()
        .map(|c| {
            let title = tr.t2(
                "chart-by",
                ("dimension", &tr.txt(&c.name)),
                ("period", &c.period),
            );
            (
                title.clone(),
                chart::bars(&tr, &page, c, &title, &format!("bars-{}", c.dimension)),
            )
        })
        .collect();
    let rows = page
        .points
        .iter()
        .rev()
        .map(|p| TableRow {
            period: p.label.clone(),
            value: chart::figure(&tr, &p.shown, m.unit, m.decimals),
            status: tr.code("obs-status", &p.status),
            sample: p.sample,
            note: p.note.clone().unwrap_or_default(),
            from_programme: p
                .from_programme
                .as_ref()
                .map(|t| tr.txt(t))
                .unwrap_or_default(),
        })
        .collect();
    let rating = page
        .rating
        .as_ref()
        .map(|r| rating_text(&tr, r, m.unit, m.decimals));
    let target = page
        .target
        .as_ref()
        .map(|t| match (t.value, t.target_year) {
            (Some(v), Some(y)) => tr.t2(
                "chart-target-label",
                ("value", &chart::value(&tr, v, m.unit, m.decimals)),
                ("year", &y),
            ),
            _ => tr.t1("target-none-base", "year", t.base_year),
        })
        .unwrap_or_default();
    let filters = m
        .dimensions
        .iter()
        .map(|d| {
            (
                d.code.clone(),
                tr.txt(&d.name),
                d.codes
                    .iter()
                    .map(|(c, n)| (c.clone(), tr.txt(n), d.selected.as_deref() == Some(c)))
                    .collect(),
            )
        })
        .collect();
    let title = format!("{name} · {}", tr.txt(&page.city_name));
    render(&IndicatorTemplate {
        l: Layout::for_ctx(&ctx, title, format!("/cities/{slug}/monitoring/{code}")),
        chart,
        bar_charts,
        rows,
        rating,
        target,
        filters,
        breakdown,
        can_enter,
        can_import,
        reporters: reporters
            .iter()
            .map(|n| tr.txt(n))
            .collect::<Vec<_>>()
            .join("; "),
        factor: m
            .computed
            .as_ref()
            .map(|c| tr.num(c.factor))
            .unwrap_or_default(),
        page,
    })
}

/// "Female, Rural" for a chosen breakdown; empty for the total.
fn describe_breakdown(tr: &Tr, page: &IndicatorPage) -> String {
    let d: &Dims = &page.breakdown;
    page.meta
        .dimensions
        .iter()
        .filter_map(|dim| {
            let code = d.get(&dim.code)?;
            dim.codes
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, n)| tr.txt(n))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A row of the overview.
pub struct OverviewLine {
    pub code: String,
    pub name: String,
    pub latest: String,
    pub period: String,
    pub sample: bool,
    pub trend: &'static str,
    pub trend_text: String,
    pub rating: Option<RatingText>,
}

#[derive(Template)]
#[template(path = "monitoring.html")]
struct OverviewTemplate {
    l: Layout,
    m: CityMonitoring,
    groups: Vec<(String, Vec<OverviewLine>)>,
    can_enter: bool,
    /// The groupings offered: (code, name, chosen).
    by: Vec<(&'static str, String, bool)>,
}

fn overview_line(tr: &Tr, r: &views::OverviewRow) -> OverviewLine {
    let (trend, trend_text) = match r.trend {
        Some(1) => ("up", tr.t("trend-up")),
        Some(-1) => ("down", tr.t("trend-down")),
        Some(_) => ("level", tr.t("trend-level")),
        None => ("none", String::new()),
    };
    OverviewLine {
        code: r.code.clone(),
        name: tr.txt(&r.name),
        latest: r
            .latest
            .as_ref()
            .map(|p| chart::figure(tr, &p.shown, r.unit, r.decimals))
            .unwrap_or_else(|| tr.t("monitoring-no-data")),
        period: r
            .latest
            .as_ref()
            .map(|p| p.label.clone())
            .unwrap_or_default(),
        sample: r.latest.as_ref().is_some_and(|p| p.sample),
        trend,
        trend_text,
        rating: r
            .rating
            .as_ref()
            .map(|x| rating_text(tr, x, r.unit, r.decimals)),
    }
}

/// Each objective's indicators, by objective code, for the strategy page.
pub async fn measured_objectives(
    state: &AppState,
    ctx: &PageCtx,
    slug: &str,
) -> Result<std::collections::HashMap<String, Vec<OverviewLine>>, PageError> {
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let true_values = data::rights(&state.store, actor, slug).await?.true_values;
    let m = views::city_monitoring(&state.store, slug, true_values, Grouping::Objective).await?;
    Ok(m.groups
        .iter()
        .filter_map(|g| {
            let (code, _) = g.group.as_ref()?;
            Some((
                code.clone(),
                g.rows.iter().map(|r| overview_line(&ctx.tr, r)).collect(),
            ))
        })
        .collect())
}

/// `/cities/{slug}/monitoring`.
pub async fn overview(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let rights = data::rights(&state.store, actor, &slug).await?;
    let can_enter = rights.enter();
    let by = Grouping::parse(query.get("by").map_or("", String::as_str));
    let m = views::city_monitoring(&state.store, &slug, rights.true_values, by).await?;
    let groups = m
        .groups
        .iter()
        .map(|g| {
            let heading = match (&g.group, by) {
                (Some((code, title)), Grouping::Objective) => {
                    format!("{code} · {}", tr.txt(title))
                }
                // A framework's area or goal, named as its pages name it.
                (Some((code, title)), _) => format!(
                    "{} {code} · {}",
                    tr.code("framework-short", by.code()),
                    tr.txt(title)
                ),
                (None, _) => tr.code("monitoring-other-by", by.code()),
            };
            let lines = g.rows.iter().map(|r| overview_line(&tr, r)).collect();
            (heading, lines)
        })
        .collect();
    let title = format!("{} · {}", tr.t("monitoring-title"), tr.txt(&m.city_name));
    render(&OverviewTemplate {
        l: Layout::for_ctx(&ctx, title, format!("/cities/{slug}/monitoring")),
        m,
        groups,
        can_enter,
        by: Grouping::ALL
            .into_iter()
            .map(|g| (g.code(), tr.code("monitoring-by", g.code()), g == by))
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "indicators.html")]
struct CatalogueTemplate {
    l: Layout,
    entries: Vec<CatalogueEntry>,
}

/// `/indicators`.
pub async fn catalogue(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let entries = views::catalogue(&state.store).await?;
    render(&CatalogueTemplate {
        l: Layout::for_ctx(&ctx, tr.t("indicators-title"), "/indicators"),
        entries,
    })
}

/// A city's line in a comparison.
pub struct ComparedLine {
    pub slug: String,
    pub name: String,
    pub latest: String,
    pub period: String,
    pub status: String,
    pub sample: bool,
    pub rating: Option<RatingText>,
}

#[derive(Template)]
#[template(path = "indicator_compare.html")]
struct CompareTemplate {
    l: Layout,
    c: Comparison,
    lines: Vec<ComparedLine>,
    related: Vec<(String, String, String, Vec<ComparedLine>)>,
    /// Network administrators keep the catalogue.
    can_edit: bool,
}

fn compared_lines(
    tr: &Tr,
    cities: &[views::ComparedCity],
    unit: Unit,
    decimals: u8,
) -> Vec<ComparedLine> {
    cities
        .iter()
        .map(|c| ComparedLine {
            slug: c.slug.clone(),
            name: tr.txt(&c.name),
            latest: c
                .latest
                .as_ref()
                .map(|p| chart::figure(tr, &p.shown, unit, decimals))
                .unwrap_or_default(),
            period: c
                .latest
                .as_ref()
                .map(|p| p.label.clone())
                .unwrap_or_default(),
            status: c
                .latest
                .as_ref()
                .filter(|p| p.status != "normal")
                .map(|p| tr.code("obs-status", &p.status))
                .unwrap_or_default(),
            sample: c.latest.as_ref().is_some_and(|p| p.sample),
            rating: c
                .rating
                .as_ref()
                .map(|r| rating_text(tr, r, unit, decimals)),
        })
        .collect()
}

/// `/indicators/{code}`: one indicator across the network's cities.
pub async fn compare(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let c = views::comparison(&state.store, &code).await?;
    let lines = compared_lines(&tr, &c.cities, c.meta.unit, c.meta.decimals);
    let related = c
        .related
        .iter()
        .map(|r| {
            (
                r.code.clone(),
                tr.txt(&r.name),
                tr.txt(&r.period_note),
                compared_lines(&tr, &r.cities, c.meta.unit, c.meta.decimals),
            )
        })
        .collect();
    let title = tr.txt(&c.meta.name);
    let can_edit = ctx
        .user
        .as_ref()
        .is_some_and(|u| forja_services::editing::may_edit_frameworks(&u.actor));
    render(&CompareTemplate {
        l: Layout::for_ctx(&ctx, title, format!("/indicators/{code}")),
        c,
        lines,
        related,
        can_edit,
    })
}

/// `/cities/{slug}/monitoring/{code}/{file}` and `/cities/{slug}/monitoring/{file}` (all
/// indicators): `data.csv` (Open SDG tidy CSV, read back by the importer),
/// `data.sdmx.csv` (SDMX-CSV 2.0), `data.json` or `data.xlsx`. The public gets what public pages
/// show; the city's editors, true values.
pub async fn download(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(parts): Path<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let get = |k: &str| parts.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let slug = get("slug").unwrap_or_default();
    let code = get("code");
    let file = get("file").unwrap_or_default();
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let true_values = data::rights(&state.store, actor, slug).await?.true_values;
    type Writer = fn(&export::Export) -> forja_services::Result<Vec<u8>>;
    let (kind, write): (&str, Writer) = match file {
        "data.csv" => ("text/csv; charset=utf-8", export::tidy_csv),
        "data.sdmx.csv" => (
            "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8",
            export::sdmx_csv,
        ),
        "data.json" => ("application/json", export::json),
        "data.xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            export::xlsx,
        ),
        _ => return Err(PageError(crate::error::Failure::NotFound)),
    };
    let e = export::rows(&state.store, slug, code, true_values).await?;
    let body = write(&e)?;
    let name = format!(
        "{slug}-{}{}",
        code.unwrap_or("monitoring")
            .replace(['.', '/'], "-")
            .to_lowercase(),
        file.trim_start_matches("data")
    );
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// `/cities/{slug}/monitoring/{code}`: an indicator's page, or a download of every
/// indicator when the last part names a file (`data.csv`, `data.sdmx.csv`, `data.json`).
pub async fn indicator_or_download(
    state: State<Arc<AppState>>,
    ctx: PageCtx,
    Path((slug, code)): Path<(String, String)>,
    filter: Query<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    if matches!(
        code.as_str(),
        "data.csv" | "data.sdmx.csv" | "data.json" | "data.xlsx"
    ) {
        let parts = vec![("slug".to_owned(), slug), ("file".to_owned(), code)];
        return download(state, ctx, Path(parts)).await;
    }
    indicator(state, ctx, Path((slug, code)), filter).await
}
