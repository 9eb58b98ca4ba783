//! What monitoring pages and the API show: an indicator's data for a city (one
//! breakdown's series, its target and rating, small counts protected for the public),
//! a city's overview grouped by objective, KFLC area or SDG goal, one indicator across the network, and the
//! catalogue. Readers who may edit the city see true values.

use std::collections::{BTreeMap, HashMap};

use forja_core::LocalizedText;
use forja_core::monitoring::disclosure::{self, Line, Rule, Shown};
use forja_core::monitoring::indicator::{Better, Dims, Unit};
use forja_core::monitoring::period::Period;
use forja_core::monitoring::rating::{self, Goal, Rating, Target};
use forja_store::monitoring::{IndicatorRow, ObservationRow};

use super::series::{self, Series};
use serde::Serialize;
use serde_json::Value as Json;
use sha2::Digest;

use crate::{Result, ServiceError, Store};

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(bytes))
}

pub(crate) fn text(value: &Json) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// A dimension with its codes, for filters and tables.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionView {
    pub code: String,
    pub name: LocalizedText,
    pub codes: Vec<(String, LocalizedText)>,
    /// The code chosen in the filter; none: the total.
    pub selected: Option<String>,
}

/// An indicator's description.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorMeta {
    pub code: String,
    pub name: LocalizedText,
    pub definition: LocalizedText,
    pub period_note: LocalizedText,
    pub source: LocalizedText,
    pub methodology: LocalizedText,
    pub unit: Unit,
    pub currency: Option<String>,
    pub decimals: u8,
    pub better: Better,
    pub periodicity: String,
    /// (framework, code, title).
    pub links: Vec<(String, String, LocalizedText)>,
    pub dimensions: Vec<DimensionView>,
    /// Counts below this are protected in public.
    pub disclosure: Option<Rule>,
    /// The network's (none) or a city's own.
    pub own: bool,
    /// Worked out from two other indicators when read; never entered.
    pub computed: Option<ComputedView>,
}

/// What a computed indicator is worked out from: numerator ÷ denominator × factor.
#[derive(Debug, Clone, Serialize)]
pub struct ComputedView {
    /// (code, name) of each part.
    pub numerator: (String, LocalizedText),
    pub denominator: (String, LocalizedText),
    pub factor: f64,
}

/// One point of a series as a reader sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PointView {
    pub period: Period,
    pub label: String,
    pub shown: Shown,
    pub status: String,
    pub sample: bool,
    pub note: Option<String>,
    /// Reported by a programme's output (its title).
    pub from_programme: Option<LocalizedText>,
}

/// A target as shown (pages and the API).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TargetView {
    pub base_year: i32,
    pub target_year: Option<i32>,
    pub value: Option<f64>,
    pub limit: Option<f64>,
    pub local_target: Option<String>,
    pub sample: bool,
}

/// A rating as shown: the numbers it used only when the reader may see them.
#[derive(Debug, Clone, Serialize)]
pub struct RatingView {
    pub rating: Rating,
    /// False when a value it used is protected: the status is shown without numbers.
    pub numbers_shown: bool,
}

/// The latest period's values along one dimension (the other dimensions as chosen).
#[derive(Debug, Clone, Serialize)]
pub struct CategoryView {
    pub dimension: String,
    pub name: LocalizedText,
    pub period: String,
    /// (code, its name, what is shown, whether it is a sample).
    pub bars: Vec<(String, LocalizedText, Shown, bool)>,
}

/// An indicator's page for a city.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorPage {
    pub city_slug: String,
    pub city_name: LocalizedText,
    pub meta: IndicatorMeta,
    pub breakdown: Dims,
    pub points: Vec<PointView>,
    pub categories: Vec<CategoryView>,
    pub target: Option<TargetView>,
    pub rating: Option<RatingView>,
    pub version: i32,
    pub any_sample: bool,
    pub protected: bool,
    pub true_values: bool,
}

pub(crate) fn meta(row: &IndicatorRow, selected: &Dims) -> IndicatorMeta {
    let i = &row.row;
    IndicatorMeta {
        code: i.code.clone(),
        name: text(&i.name),
        definition: text(&i.definition),
        period_note: text(&i.period_note),
        source: text(&i.source),
        methodology: text(&i.methodology),
        unit: Unit::parse(&i.unit).unwrap_or(Unit::Index),
        currency: i.currency.clone(),
        decimals: u8::try_from(i.decimals).unwrap_or(1),
        better: Better::parse(&i.direction).unwrap_or(Better::Neither),
        periodicity: i.periodicity.clone(),
        links: row
            .links
            .iter()
            .map(|(f, c, t)| (f.clone(), c.clone(), text(t)))
            .collect(),
        dimensions: row
            .dimensions
            .iter()
            .map(|(code, name, codes)| DimensionView {
                code: code.clone(),
                name: text(name),
                codes: codes.iter().map(|(c, n)| (c.clone(), text(n))).collect(),
                selected: selected.get(code).map(str::to_owned),
            })
            .collect(),
        disclosure: series::rule_of(i),
        own: i.city_id.is_some(),
        computed: row.parts.as_ref().map(|p| ComputedView {
            numerator: (p.numerator.code.clone(), text(&p.numerator.name)),
            denominator: (p.denominator.code.clone(), text(&p.denominator.name)),
            factor: p.factor,
        }),
    }
}

/// Protects a series' small counts, period by period: every breakdown of a period is a
/// cell; each dimension's codes add up to the breakdown without it.
pub fn protect_all(observations: &[ObservationRow], rule: Option<Rule>) -> Vec<Shown> {
    let Some(rule) = rule else {
        return observations.iter().map(|o| Shown::Value(o.value)).collect();
    };
    let mut shown = vec![Shown::Value(0.0); observations.len()];
    let mut by_period: BTreeMap<Period, Vec<usize>> = BTreeMap::new();
    for (i, o) in observations.iter().enumerate() {
        by_period.entry(o.period).or_default().push(i);
    }
    for cells in by_period.values() {
        let at: HashMap<&Dims, usize> = cells
            .iter()
            .enumerate()
            .map(|(k, i)| (&observations[*i].dims, k))
            .collect();
        let mut lines: HashMap<(Dims, String), Line> = HashMap::new();
        for (k, i) in cells.iter().enumerate() {
            for (dim, _) in observations[*i].dims.pairs() {
                let whole = observations[*i].dims.without(dim);
                if let Some(total) = at.get(&whole) {
                    lines
                        .entry((whole, dim.to_owned()))
                        .or_insert_with(|| Line {
                            total: *total,
                            parts: Vec::new(),
                        })
                        .parts
                        .push(k);
                }
            }
        }
        let counts: Vec<f64> = cells.iter().map(|i| observations[*i].value).collect();
        let lines: Vec<Line> = lines.into_values().collect();
        for (k, s) in disclosure::protect(&counts, &lines, rule)
            .into_iter()
            .enumerate()
        {
            shown[cells[k]] = s;
        }
    }
    shown
}

/// Reads a filter (`dimension=code` pairs) against an indicator's dimensions; codes it
/// does not have are dropped (a stale link shows the total, not an error).
pub(crate) fn breakdown(row: &IndicatorRow, filter: &[(String, String)]) -> Dims {
    let mut d = Dims::total();
    for (dim, code) in filter {
        if let Some((_, _, codes)) = row.dimensions.iter().find(|(c, _, _)| c == dim)
            && codes.iter().any(|(c, _)| c == code)
        {
            d.set(dim, code);
        }
    }
    d
}

/// Rates one series' yearly points against its target (none: not rated).
pub fn rate_points(
    points: &[(Period, f64)],
    better: Better,
    target: Option<&TargetView>,
) -> Option<Rating> {
    let direction = better.direction()?;
    let t = target?;
    let yearly: Vec<(i32, f64)> = points
        .iter()
        .filter(|(p, _)| p.months == 12)
        .map(|(p, v)| (p.year(), *v))
        .collect();
    let goal = Goal {
        direction,
        base_year: t.base_year,
        target: match (t.target_year, t.value) {
            (Some(year), Some(value)) => Some(Target { year, value }),
            _ => None,
        },
        limit: t.limit,
    };
    Some(rating::rate(&yearly, &goal))
}

pub(crate) async fn find_indicator(
    store: &Store,
    city_id: i32,
    code: &str,
) -> Result<IndicatorRow> {
    store
        .indicator_for(city_id, code)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// An indicator's page for a city: one breakdown's series (the total by default).
pub async fn indicator_page(
    store: &Store,
    city_slug: &str,
    code: &str,
    filter: &[(String, String)],
    true_values: bool,
) -> Result<IndicatorPage> {
    let city = crate::city(store, city_slug).await?;
    let row = find_indicator(store, city.id, code).await?;
    let selected = breakdown(&row, filter);
    let meta = meta(&row, &selected);
    let series = series::read(store, &row, city.id).await?;
    let shown = series.shown(meta.disclosure, true_values);
    let Series {
        version,
        observations,
        from: sources,
        targets,
        ..
    } = series;
    let latest = observations
        .iter()
        .filter(|o| o.dims == selected)
        .map(|o| o.period)
        .max();
    let categories: Vec<CategoryView> = meta
        .dimensions
        .iter()
        .filter_map(|d| {
            let period = latest?;
            let bars: Vec<_> = d
                .codes
                .iter()
                .filter_map(|(code, name)| {
                    let mut want = selected.without(&d.code);
                    want.set(&d.code, code);
                    let i = observations
                        .iter()
                        .position(|o| o.period == period && o.dims == want)?;
                    Some((code.clone(), name.clone(), shown[i], observations[i].sample))
                })
                .collect();
            (!bars.is_empty()).then(|| CategoryView {
                dimension: d.code.clone(),
                name: d.name.clone(),
                period: period.to_string(),
                bars,
            })
        })
        .collect();
    let mut points: Vec<PointView> = observations
        .iter()
        .zip(shown)
        .zip(sources)
        .filter(|((o, _), _)| o.dims == selected)
        .map(|((o, shown), from)| PointView {
            period: o.period,
            label: o.period.to_string(),
            shown,
            status: o.status.clone(),
            sample: o.sample,
            note: o.note.clone(),
            from_programme: from,
        })
        .collect();
    points.sort_by_key(|p| p.period);
    let target = targets
        .iter()
        .find(|t| t.dims == selected)
        .map(|t| TargetView {
            base_year: t.base_year,
            target_year: t.target_year,
            value: t.value,
            limit: t.limit,
            local_target: t.local_target.clone(),
            sample: t.sample,
        });
    let true_points: Vec<(Period, f64)> = observations
        .iter()
        .filter(|o| o.dims == selected)
        .map(|o| (o.period, o.value))
        .collect();
    let rating = rate_points(&true_points, meta.better, target.as_ref()).map(|rating| {
        let hidden = |year: Option<i32>| {
            year.is_some_and(|y| {
                points.iter().any(|p| {
                    p.period.months == 12
                        && p.period.year() == y
                        && !matches!(p.shown, Shown::Value(_))
                })
            })
        };
        RatingView {
            numbers_shown: !hidden(rating.base_year) && !hidden(rating.latest_year),
            rating,
        }
    });
    let protected = points.iter().any(|p| !matches!(p.shown, Shown::Value(_)));
    Ok(IndicatorPage {
        city_slug: city.slug.clone(),
        city_name: text(&city.name),
        any_sample: points.iter().any(|p| p.sample) || target.as_ref().is_some_and(|t| t.sample),
        meta,
        breakdown: selected,
        points,
        categories,
        target,
        rating,
        version,
        protected,
        true_values,
    })
}

/// One indicator in a city's overview.
#[derive(Debug, Clone, Serialize)]
pub struct OverviewRow {
    pub code: String,
    pub name: LocalizedText,
    pub unit: Unit,
    pub decimals: u8,
    pub latest: Option<PointView>,
    /// The latest value against the one before: 1 up, −1 down, 0 level.
    pub trend: Option<i8>,
    pub better: Better,
    pub rating: Option<RatingView>,
}

/// A group of the overview: an objective, a KFLC area or an SDG goal (code and title),
/// or none for the indicators tied to none.
#[derive(Debug, Clone, Serialize)]
pub struct OverviewGroup {
    pub group: Option<(String, LocalizedText)>,
    pub rows: Vec<OverviewRow>,
}

/// How the overview groups indicators: by the city's objectives they measure, or by the
/// framework they are linked to (an indicator linked to two areas is in both).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grouping {
    #[default]
    Objective,
    /// Key Features of Learning Cities, by area (`1`, `2`, `3`).
    Kflc,
    /// SDG goals.
    Sdg,
}

impl Grouping {
    pub const ALL: [Grouping; 3] = [Grouping::Objective, Grouping::Kflc, Grouping::Sdg];
    pub fn code(self) -> &'static str {
        match self {
            Grouping::Objective => "objective",
            Grouping::Kflc => "kflc",
            Grouping::Sdg => "sdg",
        }
    }
    /// A query's `by`; anything else is the default (a stale link shows objectives).
    pub fn parse(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|g| g.code() == code)
            .unwrap_or_default()
    }
}

/// A city's monitoring overview.
#[derive(Debug, Clone, Serialize)]
pub struct CityMonitoring {
    pub city_slug: String,
    pub city_name: LocalizedText,
    pub groups: Vec<OverviewGroup>,
    pub any_sample: bool,
}

/// Every indicator a city has data or an objective for, with its latest total.
pub async fn city_monitoring(
    store: &Store,
    city_slug: &str,
    true_values: bool,
    by: Grouping,
) -> Result<CityMonitoring> {
    let city = crate::city(store, city_slug).await?;
    let indicators = store.indicators(Some(city.id)).await?;
    let with_data: Vec<i32> = store
        .city_series(city.id)
        .await?
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    let objectives = store.city_objectives(city.id).await?;
    let links = store.objective_indicators().await?;
    let mut rows: HashMap<i32, OverviewRow> = HashMap::new();
    let mut any_sample = false;
    for ind in &indicators {
        let linked = links
            .iter()
            .any(|(o, i)| *i == ind.row.id && objectives.iter().any(|ob| ob.id == *o));
        if !series::has_data(ind, &with_data) && !linked {
            continue;
        }
        let page = indicator_page(store, city_slug, &ind.row.code, &[], true_values).await?;
        any_sample |= page.any_sample;
        let n = page.points.len();
        let value = |p: &PointView| match p.shown {
            Shown::Value(v) => Some(v),
            _ => None,
        };
        let trend = (n >= 2)
            .then(|| Some((value(&page.points[n - 1])?, value(&page.points[n - 2])?)))
            .flatten()
            .map(|(a, b)| {
                if a > b {
                    1
                } else if a < b {
                    -1
                } else {
                    0
                }
            });
        rows.insert(
            ind.row.id,
            OverviewRow {
                code: page.meta.code.clone(),
                name: page.meta.name.clone(),
                unit: page.meta.unit,
                decimals: page.meta.decimals,
                latest: page.points.last().cloned(),
                trend,
                better: page.meta.better,
                rating: page.rating,
            },
        );
    }
    // Each group's code, title and indicators.
    let mut members: Vec<(String, LocalizedText, Vec<i32>)> = Vec::new();
    match by {
        Grouping::Objective => {
            for ob in &objectives {
                let ids = links
                    .iter()
                    .filter(|(o, _)| *o == ob.id)
                    .map(|(_, i)| *i)
                    .collect();
                members.push((ob.code.clone(), text(&ob.title), ids));
            }
        }
        Grouping::Kflc | Grouping::Sdg => {
            for ind in indicators.iter().filter(|i| rows.contains_key(&i.row.id)) {
                for (framework, code, _) in ind.links.iter().filter(|l| l.0 == by.code()) {
                    let top = code.split('.').next().unwrap_or(code).to_owned();
                    match members.iter_mut().find(|m| m.0 == top) {
                        Some(m) => m.2.push(ind.row.id),
                        None => {
                            let title = store
                                .framework_node_row(framework, &top)
                                .await?
                                .map(|n| text(&n.title))
                                .unwrap_or_default();
                            members.push((top, title, vec![ind.row.id]));
                        }
                    }
                }
            }
            members.sort_by_key(|m| crate::queries::natural(&m.0));
        }
    }
    let mut groups = Vec::new();
    let mut placed = Vec::new();
    for (code, title, ids) in members {
        let mut g: Vec<OverviewRow> = Vec::new();
        for i in ids {
            placed.push(i);
            if let Some(r) = rows.get(&i)
                && !g.iter().any(|x| x.code == r.code)
            {
                g.push(r.clone());
            }
        }
        g.sort_by(|a, b| a.code.cmp(&b.code));
        if !g.is_empty() {
            groups.push(OverviewGroup {
                group: Some((code, title)),
                rows: g,
            });
        }
    }
    let mut rest: Vec<OverviewRow> = rows
        .iter()
        .filter(|(id, _)| !placed.contains(id))
        .map(|(_, r)| r.clone())
        .collect();
    rest.sort_by(|a, b| a.code.cmp(&b.code));
    if !rest.is_empty() {
        groups.push(OverviewGroup {
            group: None,
            rows: rest,
        });
    }
    Ok(CityMonitoring {
        city_slug: city.slug,
        city_name: text(&city.name),
        groups,
        any_sample,
    })
}

/// An indicator in the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogueEntry {
    pub meta: IndicatorMeta,
    /// Cities with data for it.
    pub cities: usize,
}

/// The network's catalogue (city-owned indicators are listed on their city's pages).
pub async fn catalogue(store: &Store) -> Result<Vec<CatalogueEntry>> {
    let indicators = store.indicators(None).await?;
    let with_data = store.series_cities().await?;
    Ok(indicators
        .iter()
        .filter(|i| i.row.city_id.is_none())
        .map(|i| CatalogueEntry {
            meta: meta(i, &Dims::total()),
            cities: series::cities_of(i, &with_data).len(),
        })
        .collect())
}

/// One city in a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct ComparedCity {
    pub slug: String,
    pub name: LocalizedText,
    pub latest: Option<PointView>,
    pub rating: Option<RatingView>,
}

/// An indicator that measures the same thing another way (another reference period).
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub code: String,
    pub name: LocalizedText,
    pub period_note: LocalizedText,
    pub cities: Vec<ComparedCity>,
}

/// One indicator across the network's cities.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub meta: IndicatorMeta,
    pub cities: Vec<ComparedCity>,
    /// The latest years differ between cities: compared as they are, not as of one year.
    pub years_differ: bool,
    pub related: Vec<Related>,
    pub any_sample: bool,
}

async fn compared(store: &Store, row: &IndicatorRow) -> Result<Vec<ComparedCity>> {
    let with_data = store.series_cities().await?;
    let mut cities = store
        .cities_by_ids(series::cities_of(row, &with_data))
        .await?;
    cities.sort_by(|a, b| a.slug.cmp(&b.slug));
    let mut out = Vec::new();
    for city in cities {
        let page = indicator_page(store, &city.slug, &row.row.code, &[], false).await?;
        if page.points.is_empty() {
            continue;
        }
        out.push(ComparedCity {
            slug: city.slug.clone(),
            name: text(&city.name),
            latest: page.points.last().cloned(),
            rating: page.rating,
        });
    }
    Ok(out)
}

/// One indicator across cities, with indicators sharing its SDG links flagged apart.
pub async fn comparison(store: &Store, code: &str) -> Result<Comparison> {
    let all = store.indicators(None).await?;
    let row = all
        .iter()
        .find(|i| i.row.code == code && i.row.city_id.is_none())
        .ok_or(ServiceError::NotFound)?;
    let cities = compared(store, row).await?;
    let years: Vec<i32> = cities
        .iter()
        .filter_map(|c| c.latest.as_ref().map(|p| p.period.year()))
        .collect();
    let sdg: Vec<&String> = row
        .links
        .iter()
        .filter(|(f, _, _)| f == "sdg")
        .map(|(_, c, _)| c)
        .collect();
    let mut related = Vec::new();
    for other in all
        .iter()
        .filter(|o| o.row.id != row.row.id && o.row.city_id.is_none())
    {
        if other
            .links
            .iter()
            .any(|(f, c, _)| f == "sdg" && sdg.contains(&c))
        {
            let cities = compared(store, other).await?;
            if !cities.is_empty() {
                related.push(Related {
                    code: other.row.code.clone(),
                    name: text(&other.row.name),
                    period_note: text(&other.row.period_note),
                    cities,
                });
            }
        }
    }
    let any_sample = cities
        .iter()
        .chain(related.iter().flat_map(|r| &r.cities))
        .any(|c| c.latest.as_ref().is_some_and(|p| p.sample));
    Ok(Comparison {
        meta: meta(row, &Dims::total()),
        years_differ: years.windows(2).any(|w| w[0] != w[1]),
        cities,
        related,
        any_sample,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(period: &str, dims: &str, value: f64) -> ObservationRow {
        ObservationRow {
            period: period.parse().unwrap(),
            dims: Dims::from_key(dims),
            value,
            status: "normal".into(),
            note: None,
            source: None,
            sample: true,
        }
    }

    #[test]
    fn a_small_count_and_its_complement_are_hidden_period_by_period() {
        let rows = vec![
            obs("2022", "", 15.0),
            obs("2022", "sex=F", 3.0),
            obs("2022", "sex=M", 12.0),
            obs("2023", "", 20.0),
            obs("2023", "sex=F", 9.0),
            obs("2023", "sex=M", 11.0),
        ];
        let shown = protect_all(&rows, Some(Rule::default()));
        assert_eq!(shown[0], Shown::Value(15.0));
        assert_eq!(shown[1], Shown::FewerThan(5));
        // Otherwise 15 − 12 gives the hidden 3 back.
        assert_eq!(shown[2], Shown::Withheld);
        assert!(shown[3..].iter().all(|s| matches!(s, Shown::Value(_))));
        assert!(
            protect_all(&rows, None)
                .iter()
                .all(|s| matches!(s, Shown::Value(_)))
        );
    }
}

/// A programme output as the strategy page lists it under its programme.
#[derive(Debug, Clone, Serialize)]
pub struct OutputLine {
    pub label: LocalizedText,
    pub unit: LocalizedText,
    pub expected: Option<f64>,
    pub reported: Option<f64>,
    pub sample: bool,
}

/// Every programme's outputs in a city, by programme slug.
pub async fn outputs_by_programme(
    store: &Store,
    city_slug: &str,
) -> Result<HashMap<String, Vec<OutputLine>>> {
    let city = crate::city(store, city_slug).await?;
    let programmes = store.programmes_of(city.id).await?;
    let ids: Vec<i32> = programmes.iter().map(|p| p.id).collect();
    let mut out: HashMap<String, Vec<OutputLine>> = HashMap::new();
    for o in store.outputs_of(&ids).await? {
        if let Some(p) = programmes.iter().find(|p| p.id == o.programme_id) {
            out.entry(p.slug.clone()).or_default().push(OutputLine {
                label: text(&o.label),
                unit: o.unit.as_ref().map(text).unwrap_or_default(),
                expected: o.expected,
                reported: o.reported,
                sample: o.sample,
            });
        }
    }
    Ok(out)
}
