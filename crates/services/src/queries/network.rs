//! The network home and the city directory.

use super::*;

pub async fn network_overview(store: &Store) -> Result<NetworkOverview> {
    let network = store.network().await?;
    let cities = summaries(store, &store.cities().await?).await?;
    let unplaced: Vec<UnplacedMember> = store
        .unplaced_members()
        .await?
        .into_iter()
        .map(|m| UnplacedMember {
            name: m.name,
            country: m.country,
            region: m.region,
            joined_year: m.joined_year,
            source: m.source,
            candidates: m.candidates,
        })
        .collect();
    let countries: BTreeSet<&str> = cities
        .iter()
        .map(|c| c.country.as_str())
        .chain(unplaced.iter().map(|m| m.country.as_str()))
        .collect();
    let figures = KeyFigures {
        cities: cities.len() + unplaced.len(),
        countries: countries.len(),
        programmes: store.programme_count().await?,
        first_joined: cities
            .iter()
            .map(|c| c.joined_year)
            .chain(unplaced.iter().map(|m| m.joined_year))
            .min(),
    };
    let announced = network.as_ref().and_then(|n| {
        Some(Announced {
            cities: n.announced_cities?,
            countries: n.announced_countries?,
            as_of: n.announced_as_of.clone()?,
        })
    });
    Ok(NetworkOverview {
        slug: network.as_ref().map(|n| n.slug.clone()).unwrap_or_default(),
        name: network.as_ref().map(|n| text(&n.name)).unwrap_or_default(),
        summary: network
            .as_ref()
            .map(|n| text(&n.summary))
            .unwrap_or_default(),
        cities,
        figures,
        announced,
        unplaced,
    })
}

/// Filters for the city directory, already validated by the caller.
#[derive(Debug, Clone, Default)]
pub struct CityFilter {
    pub country: Option<CountryCode>,
    pub cluster: Option<String>,
    pub region: Option<Region>,
    pub joined_year: Option<i32>,
}

impl CityFilter {
    fn keeps(&self, country: &str, region: Option<&str>, year: i32) -> bool {
        self.country.is_none_or(|code| country == code.as_str())
            && self.region.is_none_or(|r| region == Some(r.code()))
            && self.joined_year.is_none_or(|y| y == year)
    }
}

/// The city directory, filtered: the cities, and the members without a place that the
/// same filter keeps (none when filtering by cluster, which they have none of).
pub async fn cities(
    store: &Store,
    filter: &CityFilter,
) -> Result<(Vec<CitySummary>, Vec<UnplacedMember>)> {
    Ok(members(network_overview(store).await?, filter))
}

/// The members of an overview the filter keeps: placed, and unplaced.
pub fn members(
    net: NetworkOverview,
    filter: &CityFilter,
) -> (Vec<CitySummary>, Vec<UnplacedMember>) {
    let cities = net
        .cities
        .into_iter()
        .filter(|c| filter.keeps(&c.country, c.region.as_deref(), c.joined_year))
        .filter(|c| {
            filter
                .cluster
                .as_ref()
                .is_none_or(|code| c.clusters.iter().any(|n| &n.code == code))
        })
        .collect();
    let unplaced = net
        .unplaced
        .into_iter()
        .filter(|_| filter.cluster.is_none())
        .filter(|m| filter.keeps(&m.country, Some(&m.region), m.joined_year))
        .collect();
    (cities, unplaced)
}
