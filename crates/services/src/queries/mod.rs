//! Builds the read models in [`crate::views`] from the store. Each function serves one
//! page or endpoint and issues a fixed number of queries.

mod city_pages;
mod frameworks;
mod network;
mod programmes;
mod stories;

pub use city_pages::*;
pub use frameworks::*;
pub use network::*;
pub use programmes::*;
pub use stories::*;

use std::collections::{BTreeSet, HashMap};

use forja_core::LocalizedText;
use forja_core::progress::{Percent, ProgrammeStatus, ProgressInput, roll_up};
use forja_core::roster::Region;
use forja_core::values::CountryCode;
use forja_store::entity::{city, framework_node, programme};
use serde_json::Value as Json;

use crate::views::*;
use crate::{Result, ServiceError, Store};

fn text(value: &Json) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

fn opt_text(value: &Option<Json>) -> LocalizedText {
    value.as_ref().map(text).unwrap_or_default()
}

/// Text written by a city: falls back to the city's own language.
fn ctext(value: &Json, city_lang: &str) -> LocalizedText {
    text(value).with_fallback(city_lang)
}

fn opt_ctext(value: &Option<Json>, city_lang: &str) -> LocalizedText {
    opt_text(value).with_fallback(city_lang)
}

/// Resolves node ids into [`NodeRef`]s with their framework codes.
pub(crate) async fn node_refs(
    store: &Store,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, NodeRef>> {
    let ids: BTreeSet<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let frameworks: HashMap<i32, String> = store
        .frameworks()
        .await?
        .into_iter()
        .map(|f| (f.id, f.code))
        .collect();
    Ok(store
        .nodes_by_ids(ids)
        .await?
        .into_iter()
        .map(|n| {
            let node = NodeRef {
                framework: frameworks.get(&n.framework_id).cloned().unwrap_or_default(),
                code: n.code,
                kind: n.kind,
                title: text(&n.title),
                draft: n.draft,
            };
            (n.id, node)
        })
        .collect())
}

fn city_summary(c: &city::Model, clusters: Vec<NodeRef>) -> CitySummary {
    CitySummary {
        slug: c.slug.clone(),
        name: text(&c.name),
        country: c.country.clone(),
        latitude: c.latitude,
        longitude: c.longitude,
        population: c.population,
        joined_year: c.joined_year,
        default_locale: c.default_locale.clone(),
        clusters,
        clusters_sample: c.clusters_sample,
        region: c.region.clone(),
        membership_source: c.membership_source.clone(),
        described: c.history.is_some() || c.context.is_some(),
    }
}

/// Summaries for the given cities, with their clusters, in the given order.
pub(crate) async fn summaries(store: &Store, cities: &[city::Model]) -> Result<Vec<CitySummary>> {
    let ids: Vec<i32> = cities.iter().map(|c| c.id).collect();
    let links = store.city_clusters(&ids).await?;
    let refs = node_refs(store, links.iter().map(|l| l.node_id)).await?;
    Ok(cities
        .iter()
        .map(|c| {
            let clusters = links
                .iter()
                .filter(|l| l.city_id == c.id)
                .filter_map(|l| refs.get(&l.node_id).cloned())
                .collect();
            city_summary(c, clusters)
        })
        .collect())
}

async fn city_or_404(store: &Store, slug: &str) -> Result<city::Model> {
    crate::city(store, slug).await
}

async fn one_summary(store: &Store, c: &city::Model) -> Result<CitySummary> {
    Ok(summaries(store, std::slice::from_ref(c)).await?.remove(0))
}

fn organisation(o: forja_store::entity::organisation::Model, lang: &str) -> Organisation {
    Organisation {
        version: o.version,
        slug: o.slug,
        name: ctext(&o.name, lang),
        kind: o.kind,
        website: o.website,
        collective: o.collective,
    }
}

/// Sorts framework links KFLC first, then Guidelines, then SDGs.
fn framework_order(code: &str) -> u8 {
    match code {
        "kflc" => 0,
        "guidelines" => 1,
        "sdg" => 2,
        _ => 3,
    }
}

/// Orders codes like 4.10 after 4.9 and 4.a after 4.7.
pub fn natural(code: &str) -> Vec<(u32, String)> {
    code.split('.')
        .map(|part| (part.parse::<u32>().unwrap_or(u32::MAX), part.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::natural;

    #[test]
    fn natural_order_of_codes() {
        let mut codes = vec!["4.a", "4.10", "4.2", "4.1"];
        codes.sort_by_key(|c| natural(c));
        assert_eq!(codes, ["4.1", "4.2", "4.10", "4.a"]);
    }
}
