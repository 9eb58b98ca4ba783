//! The network home and the city directory.

use super::*;

pub async fn network_overview(store: &Store) -> Result<NetworkOverview> {
    let network = store.network().await?;
    let cities = summaries(store, &store.cities().await?).await?;
    let countries: BTreeSet<&str> = cities.iter().map(|c| c.country.as_str()).collect();
    let figures = KeyFigures {
        cities: cities.len(),
        countries: countries.len(),
        programmes: store.programme_count().await?,
        first_joined: cities.iter().map(|c| c.joined_year).min(),
    };
    Ok(NetworkOverview {
        slug: network.as_ref().map(|n| n.slug.clone()).unwrap_or_default(),
        name: network.as_ref().map(|n| text(&n.name)).unwrap_or_default(),
        summary: network
            .as_ref()
            .map(|n| text(&n.summary))
            .unwrap_or_default(),
        cities,
        figures,
    })
}

/// Filters for the city directory; both already validated by the caller.
#[derive(Debug, Clone, Default)]
pub struct CityFilter {
    pub country: Option<CountryCode>,
    pub cluster: Option<String>,
}

/// The city directory, filtered.
pub async fn cities(store: &Store, filter: &CityFilter) -> Result<Vec<CitySummary>> {
    let all = summaries(store, &store.cities().await?).await?;
    Ok(all
        .into_iter()
        .filter(|c| filter.country.is_none_or(|code| c.country == code.as_str()))
        .filter(|c| {
            filter
                .cluster
                .as_ref()
                .is_none_or(|code| c.clusters.iter().any(|n| &n.code == code))
        })
        .collect())
}
