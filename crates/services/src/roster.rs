//! The demo network's member roster (`data/demo/members/`): each city a public
//! announcement names becomes a member with its facts and, where GeoNames has it, its
//! place; the rest are kept unplaced with the reason and logged.

use std::collections::HashSet;

use forja_core::docs::CityDoc;
use forja_core::roster::{self, Decisions, Member, Placement};
use forja_core::slug::fold_to_string;

use crate::catalogue::{invalid, parse};
use crate::{Result, builtin, places};

/// The roster read: cities to add, members without a place (with how many places
/// GeoNames has of their name), and what was left out and why, for the log.
pub(crate) struct Roster {
    pub cities: Vec<CityDoc>,
    pub unplaced: Vec<(Member, usize)>,
    pub repeated: Vec<Member>,
}

/// Reads the roster against the cities described in full (`described`: their roster
/// rows only add region and source to them).
pub(crate) fn read(described: &mut [CityDoc]) -> Result<Roster> {
    let (file, text) = builtin::DEMO_MEMBERS;
    let members = roster::parse(text).map_err(invalid(file))?;
    let (file, text) = builtin::DEMO_MEMBER_PLACES;
    let decisions: Decisions = parse(file, text)?;
    let gazetteer = places::gazetteer();
    decisions.check(gazetteer).map_err(invalid(file))?;
    let mut seen = HashSet::new();
    let mut slugs: HashSet<String> = described.iter().map(|d| d.city.slug.clone()).collect();
    let mut out = Roster {
        cities: Vec::new(),
        unplaced: Vec::new(),
        repeated: Vec::new(),
    };
    for m in members {
        let folded = fold_to_string(&m.city);
        if !seen.insert((folded.clone(), m.country.clone())) {
            out.repeated.push(m);
            continue;
        }
        if let Some(doc) = described.iter_mut().find(|d| {
            d.city.country == m.country
                && d.city
                    .name
                    .languages()
                    .filter_map(|l| d.city.name.get_exact(l))
                    .any(|t| fold_to_string(t) == folded)
        }) {
            doc.city.region = Some(m.region.code().to_owned());
            doc.city.membership_source = Some(m.source.clone());
            continue;
        }
        match decisions.place(&m, gazetteer) {
            Placement::At { place, population } => {
                // Two members of one name in different countries: the second gets its
                // country in the address.
                let slug = if slugs.contains(&folded) {
                    format!("{folded}-{}", m.country.to_ascii_lowercase())
                } else {
                    folded
                };
                slugs.insert(slug.clone());
                out.cities.push(m.city_doc(slug, place, population));
            }
            Placement::NotFound => out.unplaced.push((m, 0)),
            Placement::Ambiguous(n) => out.unplaced.push((m, n)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compiled-in roster reads, every city file validates, and the cities no
    /// place could be found for are the ones the roster's README expects: districts,
    /// consortia and towns under 15,000 people, never a big city by a typo.
    #[test]
    fn the_demo_roster_places_most_members_and_names_the_rest() {
        let mut described = Vec::new();
        let r = read(&mut described).unwrap();
        for doc in &r.cities {
            doc.validate()
                .unwrap_or_else(|p| panic!("{}: {p:?}", doc.city.slug));
        }
        assert_eq!(r.repeated.len(), 1, "Muharraq is listed in 2019 and 2024");
        assert_eq!(r.repeated[0].joined_year, 2024);
        assert_eq!(r.cities.len() + r.unplaced.len() + r.repeated.len(), 222);
        assert!(r.cities.len() > 180, "{}", r.cities.len());
        let unplaced: Vec<&str> = r.unplaced.iter().map(|(m, _)| m.city.as_str()).collect();
        for name in ["L'Alcora", "Kuno Consortium", "Songpa-gu", "San Justo"] {
            assert!(unplaced.contains(&name), "{name} in {unplaced:?}");
        }
        let (_, candidates) = r
            .unplaced
            .iter()
            .find(|(m, _)| m.city == "San Justo")
            .unwrap();
        assert_eq!(
            *candidates, 2,
            "two San Justos in Argentina: not ours to pick"
        );
        let larissa = r.cities.iter().find(|d| d.city.slug == "larissa").unwrap();
        assert_eq!(larissa.city.population, Some(146926));
        let maroua = r
            .cities
            .iter()
            .find(|d| d.city.slug == "maroua-1er")
            .unwrap();
        assert_eq!(maroua.city.population, None, "a district is not its town");
        let slugs: HashSet<&str> = r.cities.iter().map(|d| d.city.slug.as_str()).collect();
        assert_eq!(slugs.len(), r.cities.len(), "addresses are unique");
    }
}
