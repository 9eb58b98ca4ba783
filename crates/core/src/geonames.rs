//! A gazetteer of the world's places of 15,000 people or more (GeoNames `cities15000`,
//! CC BY 4.0), to fill in a new member city: name, country, coordinates, population.
//! Searched in memory: about 34,000 names, folded once, matched by prefix first.

use crate::slug::fold_to_string;

/// One place.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Place {
    pub geonames_id: i64,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub latitude: f64,
    pub longitude: f64,
    pub population: i64,
    #[serde(skip)]
    folded: String,
}

/// Every place, in file order.
#[derive(Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
}

impl Gazetteer {
    /// Reads the tab-separated file `scripts/regen-geonames.sh` writes; a malformed line
    /// is an error naming its number.
    pub fn parse(tsv: &str) -> Result<Self, String> {
        let mut places = Vec::new();
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let place = (|| {
                if f.len() != 6 {
                    return None;
                }
                Some(Place {
                    geonames_id: f[0].parse().ok()?,
                    name: f[1].to_owned(),
                    country: f[2].to_owned(),
                    latitude: f[3].parse().ok()?,
                    longitude: f[4].parse().ok()?,
                    population: f[5].parse().ok()?,
                    folded: fold_to_string(f[1]),
                })
            })();
            places.push(place.ok_or_else(|| format!("line {}: not a place", n + 1))?);
        }
        Ok(Self { places })
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn get(&self, geonames_id: i64) -> Option<&Place> {
        self.places.iter().find(|p| p.geonames_id == geonames_id)
    }

    /// Places of one country whose name is the given one, spelling, case and accents
    /// aside (`Reşiţa` is `Reșița`).
    pub fn named(&self, name: &str, country: &str) -> Vec<&Place> {
        let q = fold_to_string(name);
        self.places
            .iter()
            .filter(|p| p.country == country && p.folded == q)
            .collect()
    }

    /// Places whose name starts with the query (then those that contain it), larger
    /// places first; spelling, case and diacritics do not matter (`resita` finds Reșița).
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Place> {
        let q = fold_to_string(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(bool, &Place)> = self
            .places
            .iter()
            .filter_map(|p| {
                if p.folded.starts_with(&q) {
                    Some((true, p))
                } else if p.folded.contains(&q) {
                    Some((false, p))
                } else {
                    None
                }
            })
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.population.cmp(&a.1.population)));
        hits.into_iter().take(limit).map(|(_, p)| p).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# geonameid\tname\tcountry\tlatitude\tlongitude\tpopulation
668954\tReșița\tRO\t45.30083\t21.88917\t81228
677697\tGalați\tRO\t45.43687\t28.05028\t249432
6942178\tCugir\tRO\t45.83333\t23.36667\t21376
2643743\tLondon\tGB\t51.50853\t-0.12574\t8961989
6058560\tLondon\tCA\t42.98339\t-81.23304\t346765
";

    #[test]
    fn search_folds_spelling_and_ranks_prefix_then_size() {
        let g = Gazetteer::parse(SAMPLE).unwrap();
        assert_eq!(g.len(), 5);
        assert_eq!(
            g.search("reşiţa", 10)[0].geonames_id,
            668954,
            "cedilla spelling"
        );
        assert_eq!(g.search("RESI", 10)[0].name, "Reșița");
        let london: Vec<&str> = g
            .search("london", 10)
            .iter()
            .map(|p| p.country.as_str())
            .collect();
        assert_eq!(london, ["GB", "CA"], "larger first");
        assert_eq!(g.search("ala", 10)[0].name, "Galați", "inside the name");
        assert!(g.search("  ", 10).is_empty());
        assert_eq!(g.get(6942178).map(|p| p.population), Some(21376));
        assert_eq!(g.named("Reşiţa", "RO").len(), 1, "cedilla spelling");
        assert!(g.named("Resita", "GB").is_empty(), "another country");
        assert!(g.named("Resi", "RO").is_empty(), "a whole name only");
    }

    #[test]
    fn malformed_lines_are_named() {
        assert_eq!(
            Gazetteer::parse("1\tX\tRO\tnorth\t1\t2\n").unwrap_err(),
            "line 1: not a place"
        );
    }
}
