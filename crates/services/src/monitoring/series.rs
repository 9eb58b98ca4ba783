//! A city's series of one indicator as every reader gets it: the stored values with the
//! totals programme outputs report, or, for a computed indicator, numerator ÷
//! denominator × factor worked out when read (DHIS2's way: nothing stored goes stale
//! when a part is corrected). What the public may see is decided here once, for pages,
//! downloads and the API alike.

use std::collections::HashMap;

use forja_core::LocalizedText;
use forja_core::monitoring::disclosure::{Rule, Shown};
use forja_core::monitoring::indicator::{Dims, ObsStatus};
use forja_core::monitoring::period::Period;
use forja_store::entity::indicator;
use forja_store::monitoring::{IndicatorRow, ObservationRow, Parts, TargetRow};

use super::views::{protect_all, text};
use crate::{Result, Store};

/// One city's values of one indicator, ready to show.
#[derive(Debug, Clone, Default)]
pub struct Series {
    pub version: i32,
    /// Stored, reported by a programme, or computed; in no particular order.
    pub observations: Vec<ObservationRow>,
    /// Per observation: the programme whose output reported it.
    pub from: Vec<Option<LocalizedText>>,
    pub targets: Vec<TargetRow>,
    /// A computed series' public values, worked out from what the public sees of its
    /// parts (none: protect the observations by the indicator's own rule).
    public: Option<Vec<Shown>>,
}

impl Series {
    /// What a reader sees of each observation: true values for those who may edit the
    /// city, small counts protected for everyone else.
    pub fn shown(&self, rule: Option<Rule>, true_values: bool) -> Vec<Shown> {
        match &self.public {
            _ if true_values => self
                .observations
                .iter()
                .map(|o| Shown::Value(o.value))
                .collect(),
            Some(public) => public.clone(),
            None => protect_all(&self.observations, rule),
        }
    }
}

/// The indicator's disclosure rule, if any.
pub(crate) fn rule_of(row: &indicator::Model) -> Option<Rule> {
    row.disclosure_threshold.filter(|t| *t > 0).map(|t| Rule {
        threshold: t as u32,
        round_to: row.disclosure_round.map(|r| r as u32),
    })
}

/// Whether the city has what the indicator needs to show anything: its own series, or
/// both parts' when it is computed. `with_data` holds the indicators the city has
/// series of.
pub(crate) fn has_data(row: &IndicatorRow, with_data: &[i32]) -> bool {
    match &row.parts {
        Some(p) => with_data.contains(&p.numerator.id) && with_data.contains(&p.denominator.id),
        None => with_data.contains(&row.row.id),
    }
}

/// The cities with what the indicator needs (see `has_data`), from
/// `Store::series_cities`.
pub(crate) fn cities_of(row: &IndicatorRow, series_cities: &HashMap<i32, Vec<i32>>) -> Vec<i32> {
    let of = |id: i32| {
        series_cities
            .get(&id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    match &row.parts {
        Some(p) => of(p.numerator.id)
            .iter()
            .filter(|c| of(p.denominator.id).contains(c))
            .copied()
            .collect(),
        None => of(row.row.id).to_vec(),
    }
}

/// The city's series of an indicator.
pub async fn read(store: &Store, row: &IndicatorRow, city_id: i32) -> Result<Series> {
    let own = stored(store, city_id, row.row.id).await?;
    let Some(parts) = &row.parts else {
        return Ok(own);
    };
    let numerator = stored(store, city_id, parts.numerator.id).await?;
    let denominator = stored(store, city_id, parts.denominator.id).await?;
    Ok(computed(own, parts, &numerator, &denominator))
}

/// Stored values with the totals programme outputs report where nothing is stored.
async fn stored(store: &Store, city_id: i32, indicator_id: i32) -> Result<Series> {
    let data = store.series_data(indicator_id, city_id).await?;
    let mut series = Series {
        version: data.version,
        from: vec![None; data.observations.len()],
        observations: data.observations,
        targets: data.targets,
        public: None,
    };
    for (o, programme) in fed_points(store, city_id, indicator_id).await? {
        if !series
            .observations
            .iter()
            .any(|x| x.period == o.period && x.dims == o.dims)
        {
            series.observations.push(o);
            series.from.push(Some(programme));
        }
    }
    Ok(series)
}

/// Values reported by programme outputs that feed an indicator, for the total.
async fn fed_points(
    store: &Store,
    city_id: i32,
    indicator_id: i32,
) -> Result<Vec<(ObservationRow, LocalizedText)>> {
    let mut out = Vec::new();
    for feed in store.output_feeds(indicator_id).await? {
        let Some((programme, outputs)) = store.programme_outputs(feed.programme_id).await? else {
            continue;
        };
        if programme.city_id != city_id || programme.deleted_at.is_some() {
            continue;
        }
        let Some(output) = outputs.into_iter().find(|o| o.code == feed.output_code) else {
            continue;
        };
        let (Some(value), Ok(period)) = (output.reported, feed.period.parse::<Period>()) else {
            continue;
        };
        out.push((
            ObservationRow {
                period,
                dims: Dims::total(),
                value,
                status: ObsStatus::Normal.code().into(),
                note: None,
                source: None,
                sample: output.sample,
            },
            text(&programme.title),
        ));
    }
    Ok(out)
}

/// How much a status warns a reader; a ratio carries its parts' strongest warning.
fn weight(status: &str) -> u8 {
    match ObsStatus::read(status) {
        Some(ObsStatus::Break) => 3,
        Some(ObsStatus::Provisional) => 2,
        Some(ObsStatus::Estimated) => 1,
        _ => 0,
    }
}

/// numerator ÷ denominator × factor for every period and breakdown both parts have (a
/// zero denominator gives no value, not infinity). In public a value is worked out
/// from what the public sees of its parts, and withheld when either part is: a ratio
/// with a visible denominator would otherwise give a hidden small count away.
fn computed(own: Series, parts: &Parts, numerator: &Series, denominator: &Series) -> Series {
    let public_n = numerator.shown(rule_of(&parts.numerator), false);
    let public_d = denominator.shown(rule_of(&parts.denominator), false);
    let at: HashMap<(Period, &Dims), usize> = denominator
        .observations
        .iter()
        .enumerate()
        .map(|(i, o)| ((o.period, &o.dims), i))
        .collect();
    let mut observations = Vec::new();
    let mut public = Vec::new();
    for (i, n) in numerator.observations.iter().enumerate() {
        let Some(&j) = at.get(&(n.period, &n.dims)) else {
            continue;
        };
        let d = &denominator.observations[j];
        if d.value == 0.0 {
            continue;
        }
        let status = if weight(&n.status) >= weight(&d.status) {
            &n.status
        } else {
            &d.status
        };
        observations.push(ObservationRow {
            period: n.period,
            dims: n.dims.clone(),
            value: n.value / d.value * parts.factor,
            status: status.clone(),
            note: None,
            source: None,
            sample: n.sample || d.sample,
        });
        public.push(match (public_n[i], public_d[j]) {
            (Shown::Value(a), Shown::Value(b)) if b != 0.0 => Shown::Value(a / b * parts.factor),
            _ => Shown::Withheld,
        });
    }
    Series {
        // Moves whenever its targets or either part change (each only ever grows), so
        // an ETag built on it never hides a corrected part.
        version: own.version + numerator.version + denominator.version,
        from: vec![None; observations.len()],
        observations,
        targets: own.targets,
        public: Some(public),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(period: &str, dims: &str, value: f64, status: &str, sample: bool) -> ObservationRow {
        ObservationRow {
            period: period.parse().unwrap(),
            dims: Dims::from_key(dims),
            value,
            status: status.into(),
            note: None,
            source: None,
            sample,
        }
    }

    fn series(observations: Vec<ObservationRow>) -> Series {
        Series {
            from: vec![None; observations.len()],
            observations,
            ..Series::default()
        }
    }

    fn model(id: i32, threshold: Option<i32>) -> indicator::Model {
        indicator::Model {
            id,
            code: format!("P{id}"),
            city_id: None,
            name: serde_json::json!({}),
            definition: serde_json::json!({}),
            period_note: serde_json::json!({}),
            source: serde_json::json!({}),
            methodology: serde_json::json!({}),
            unit: "count".into(),
            currency: None,
            decimals: 0,
            direction: "higher".into(),
            periodicity: "yearly".into(),
            numerator_id: None,
            denominator_id: None,
            factor: None,
            disclosure_threshold: threshold,
            disclosure_round: None,
            version: 1,
            deleted_at: None,
        }
    }

    #[test]
    fn a_ratio_is_worked_out_where_both_parts_have_a_value() {
        let parts = Parts {
            numerator: model(1, None),
            denominator: model(2, None),
            factor: 1000.0,
        };
        let n = series(vec![
            obs("2023", "", 61.0, "normal", true),
            obs("2024", "", 84.0, "provisional", false),
            obs("2025", "", 112.0, "normal", false),
            obs("2026", "", 5.0, "normal", false),
        ]);
        let d = series(vec![
            obs("2023", "", 61_000.0, "estimated", false),
            obs("2024", "", 60_000.0, "break", false),
            obs("2025", "sex=F", 30_000.0, "normal", false),
            obs("2026", "", 0.0, "normal", false),
        ]);
        let c = computed(Series::default(), &parts, &n, &d);
        let got: Vec<(String, f64, &str, bool)> = c
            .observations
            .iter()
            .map(|o| (o.period.to_string(), o.value, o.status.as_str(), o.sample))
            .collect();
        // 2025 has no total denominator, 2026 a zero one: neither gives a value.
        assert_eq!(
            got,
            vec![
                ("2023".to_owned(), 1.0, "estimated", true),
                ("2024".to_owned(), 1.4, "break", false),
            ]
        );
        assert_eq!(
            c.shown(None, false),
            vec![Shown::Value(1.0), Shown::Value(1.4)]
        );
    }

    #[test]
    fn a_ratio_of_a_hidden_small_count_is_withheld_in_public_only() {
        let parts = Parts {
            numerator: model(1, Some(5)),
            denominator: model(2, None),
            factor: 100.0,
        };
        let n = series(vec![
            obs("2024", "", 13.0, "normal", false),
            obs("2024", "sex=F", 3.0, "normal", false),
            obs("2024", "sex=M", 10.0, "normal", false),
        ]);
        let d = series(vec![
            obs("2024", "", 200.0, "normal", false),
            obs("2024", "sex=F", 100.0, "normal", false),
            obs("2024", "sex=M", 100.0, "normal", false),
        ]);
        let c = computed(Series::default(), &parts, &n, &d);
        let values: Vec<f64> = c.observations.iter().map(|o| o.value).collect();
        assert_eq!(values, vec![6.5, 3.0, 10.0]);
        // F is a small count; M is withheld with it, since total − M would give F.
        assert_eq!(
            c.shown(None, false),
            vec![Shown::Value(6.5), Shown::Withheld, Shown::Withheld]
        );
        assert_eq!(
            c.shown(None, true),
            vec![Shown::Value(6.5), Shown::Value(3.0), Shown::Value(10.0)]
        );
    }
}
