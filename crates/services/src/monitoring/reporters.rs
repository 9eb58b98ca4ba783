//! Who reports a city's indicator: organisations of the city (a school network, the
//! statistics office) whose partner editors may then enter and import its values. The
//! city's editors choose them; a partner editor cannot add their own organisation.

use forja_core::LocalizedText;
use forja_core::edit::{FieldProblem, Problem};
use forja_core::policy::Actor;
use serde::Serialize;

use super::data::{Writable, writable};
use super::views::{find_indicator, text};
use crate::{Result, ServiceError, Store};

/// The choices a city's editor has for an indicator's reporters.
#[derive(Debug, Clone, Serialize)]
pub struct Reporters {
    /// The series' version the choice is made against.
    pub version: i32,
    /// (organisation id, its name, whether it reports the indicator now).
    pub choices: Vec<(i32, LocalizedText, bool)>,
}

async fn editable(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    code: &str,
) -> Result<(forja_store::entity::city::Model, i32)> {
    let city = crate::city(store, city_slug).await?;
    let indicator = find_indicator(store, city.id, code).await?;
    // Choosing who reports is the city's; a computed indicator has nothing to report.
    if writable(store, actor, &city).await? != Writable::All {
        return Err(ServiceError::Forbidden);
    }
    if indicator.parts.is_some() {
        return Err(ServiceError::NotFound);
    }
    Ok((city, indicator.row.id))
}

/// The city's organisations, those reporting the indicator marked.
pub async fn choices(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    code: &str,
) -> Result<Reporters> {
    let (city, indicator_id) = editable(store, actor, city_slug, code).await?;
    let (version, chosen) = store.reporters(indicator_id, city.id).await?;
    let choices = store
        .organisations_of(city.id)
        .await?
        .into_iter()
        .map(|o| (o.id, text(&o.name), chosen.contains(&o.id)))
        .collect();
    Ok(Reporters { version, choices })
}

/// Sets the indicator's reporters to `chosen` (organisation ids), if the series is
/// still at `version`; returns the new version.
pub async fn set(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    code: &str,
    chosen: &[i32],
    version: i32,
) -> Result<i32> {
    let (city, indicator_id) = editable(store, actor, city_slug, code).await?;
    let own: Vec<i32> = store
        .organisations_of(city.id)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    if chosen.iter().any(|id| !own.contains(id)) {
        return Err(ServiceError::Invalid(vec![FieldProblem {
            field: "reporters".into(),
            problem: Problem::NotAChoice,
        }]));
    }
    store
        .set_reporters(
            indicator_id,
            city.id,
            chosen,
            version,
            Some(actor.user.0 as i32),
            crate::auth::now(),
        )
        .await?
        .map_err(|current_version| ServiceError::Conflict { current_version })
}

/// The names of the organisations reporting a city's indicator (public). Only its own
/// page shows them, so they are not part of the page's data the overview reads too.
pub async fn names(store: &Store, city_slug: &str, code: &str) -> Result<Vec<LocalizedText>> {
    let city = crate::city(store, city_slug).await?;
    let indicator = find_indicator(store, city.id, code).await?;
    let (_, ids) = store.reporters(indicator.row.id, city.id).await?;
    Ok(store
        .organisations_by_ids(ids)
        .await?
        .iter()
        .map(|o| text(&o.name))
        .collect())
}
