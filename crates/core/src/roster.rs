//! The network's member roster as public announcements give it (city, country, UNESCO
//! region, year of admission, source), and where each city is in GeoNames. A city is
//! placed only by its own name in its own country or by a decision a person wrote down;
//! every other city is kept without a place, with the reason, never guessed.

use crate::LocalizedText;
use crate::docs::{CityDoc, CityHead};
use crate::geonames::{Gazetteer, Place};
use crate::slug::fold_to_string;

/// UNESCO's regions as the network's announcements group its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    Africa,
    ArabStates,
    AsiaPacific,
    EuropeNorthAmerica,
    LatinAmericaCaribbean,
}

impl Region {
    pub const ALL: [Region; 5] = [
        Region::Africa,
        Region::ArabStates,
        Region::AsiaPacific,
        Region::EuropeNorthAmerica,
        Region::LatinAmericaCaribbean,
    ];

    /// The code used in addresses and stored rows (`/cities?region=africa`).
    pub fn code(self) -> &'static str {
        match self {
            Region::Africa => "africa",
            Region::ArabStates => "arab-states",
            Region::AsiaPacific => "asia-pacific",
            Region::EuropeNorthAmerica => "europe-north-america",
            Region::LatinAmericaCaribbean => "latin-america-caribbean",
        }
    }

    /// The English name the roster file writes.
    fn label(self) -> &'static str {
        match self {
            Region::Africa => "Africa",
            Region::ArabStates => "Arab States",
            Region::AsiaPacific => "Asia and the Pacific",
            Region::EuropeNorthAmerica => "Europe and North America",
            Region::LatinAmericaCaribbean => "Latin America and the Caribbean",
        }
    }
}

impl std::str::FromStr for Region {
    type Err = ();

    fn from_str(code: &str) -> Result<Self, ()> {
        Region::ALL.into_iter().find(|r| r.code() == code).ok_or(())
    }
}

/// One row of the roster.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The row's line in the file, for messages.
    pub line: usize,
    /// The name as the source spells it.
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub region: Region,
    pub joined_year: i32,
    /// The address of the announcement naming the city.
    pub source: String,
}

/// Reads `city,country,iso2,region,joined_year,source`. Every bad row is named; the
/// file has no quoted fields, so a quote is refused rather than misread.
pub fn parse(csv: &str) -> Result<Vec<Member>, Vec<String>> {
    let mut members = Vec::new();
    let mut problems = Vec::new();
    let mut lines = csv.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.trim() == "city,country,iso2,region,joined_year,source" => {}
        _ => return Err(vec!["line 1: not the roster's header".into()]),
    }
    for (n, line) in lines {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        let row = (|| {
            if f.len() != 6 || line.contains('"') {
                return Err("not six plain fields".to_owned());
            }
            let country = f[2];
            if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!("{country:?} is not an ISO 3166-1 alpha-2 code"));
            }
            let region = Region::ALL
                .into_iter()
                .find(|r| r.label() == f[3])
                .ok_or_else(|| format!("{:?} is not a UNESCO region", f[3]))?;
            let joined_year: i32 = f[4]
                .parse()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
                .ok_or_else(|| format!("{:?} is not a year", f[4]))?;
            if f[0].is_empty() || fold_to_string(f[0]).is_empty() {
                return Err("the city has no name".to_owned());
            }
            if !f[5].starts_with("https://") && !f[5].starts_with("http://") {
                return Err("the source is not a web address".to_owned());
            }
            Ok(Member {
                line: line_no,
                city: f[0].to_owned(),
                country: country.to_owned(),
                region,
                joined_year,
                source: f[5].to_owned(),
            })
        })();
        match row {
            Ok(m) => members.push(m),
            Err(why) => problems.push(format!("line {line_no}: {why}")),
        }
    }
    if problems.is_empty() {
        Ok(members)
    } else {
        Err(problems)
    }
}

impl Member {
    /// A placed member as a city document: the roster's facts and the place's, and
    /// nothing more (no languages, texts or clusters: those are the city's to give).
    pub fn city_doc(&self, slug: String, place: &Place, population: bool) -> CityDoc {
        CityDoc {
            city: CityHead {
                slug,
                name: LocalizedText::new()
                    .with("en", &self.city)
                    .with("ro", &self.city),
                country: self.country.clone(),
                latitude: place.latitude,
                longitude: place.longitude,
                population: population.then_some(place.population),
                population_year: None,
                population_source: population.then(|| "GeoNames".to_owned()),
                geonames_id: Some(place.geonames_id),
                area_km2: None,
                languages: Vec::new(),
                default_locale: "en".into(),
                joined_year: self.joined_year,
                joined_on: None,
                clusters: Vec::new(),
                clusters_sample: false,
                website: None,
                history: None,
                context: None,
                region: Some(self.region.code().to_owned()),
                membership_source: Some(self.source.clone()),
            },
            challenges: Vec::new(),
            strategy: None,
            organisations: Vec::new(),
            programmes: Vec::new(),
        }
    }
}

/// A person's decision of where a roster city is in GeoNames.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub city: String,
    pub country: String,
    pub geonames_id: i64,
    /// False for a district, county or council placed at its town: the town's
    /// population is not the member's.
    #[serde(default = "yes")]
    pub population: bool,
    /// Why this place; for whoever checks the file.
    pub why: String,
}

fn yes() -> bool {
    true
}

/// The decisions file, `[[place]]` tables.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    #[serde(default)]
    pub place: Vec<Decision>,
}

/// Where a roster city is.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement<'a> {
    /// At this place; `population` says whether its population is the member's.
    At { place: &'a Place, population: bool },
    /// GeoNames has no place of that name in that country (a place under 15,000
    /// people, another spelling, a district).
    NotFound,
    /// GeoNames has several places of that name in that country.
    Ambiguous(usize),
}

impl Decisions {
    /// Decisions naming a place GeoNames does not have in that country, or a city
    /// twice: a broken file is found when it is read, not on a map.
    pub fn check(&self, gazetteer: &Gazetteer) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for d in &self.place {
            if !seen.insert((fold_to_string(&d.city), d.country.as_str())) {
                problems.push(format!("{} ({}): decided twice", d.city, d.country));
            }
            match gazetteer.get(d.geonames_id) {
                Some(p) if p.country == d.country => {}
                _ => problems.push(format!(
                    "{} ({}): GeoNames has no place {} in that country",
                    d.city, d.country, d.geonames_id
                )),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Where a member is: a person's decision first, then the one place of its name.
    pub fn place<'a>(&self, member: &Member, gazetteer: &'a Gazetteer) -> Placement<'a> {
        let folded = fold_to_string(&member.city);
        if let Some(d) = self
            .place
            .iter()
            .find(|d| d.country == member.country && fold_to_string(&d.city) == folded)
        {
            return match gazetteer.get(d.geonames_id) {
                Some(place) => Placement::At {
                    place,
                    population: d.population,
                },
                None => Placement::NotFound,
            };
        }
        match gazetteer.named(&member.city, &member.country).as_slice() {
            [] => Placement::NotFound,
            [place] => Placement::At {
                place,
                population: true,
            },
            many => Placement::Ambiguous(many.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAZETTEER: &str = "668954\tReșița\tRO\t45.30083\t21.88917\t81228
258576\tLárisa\tGR\t39.63689\t22.41761\t146926
3428775\tSan Justo\tAR\t-34.6766\t-58.56058\t105274
3837124\tSan Justo\tAR\t-30.78913\t-60.59197\t21809
2228373\tMaroua\tCM\t10.59095\t14.31592\t314122
";

    const ROSTER: &str = "city,country,iso2,region,joined_year,source
Reşiţa,Romania,RO,Europe and North America,2022,https://example.org/a
Larissa,Greece,GR,Europe and North America,2015,https://example.org/b
San Justo,Argentina,AR,Latin America and the Caribbean,2020,https://example.org/c
Maroua 1er,Cameroon,CM,Africa,2024,https://example.org/d
L'Alcora,Spain,ES,Europe and North America,2020,https://example.org/e
";

    #[test]
    fn members_are_placed_by_name_or_decision_and_never_guessed() {
        let g = Gazetteer::parse(GAZETTEER).unwrap();
        let members = parse(ROSTER).unwrap();
        assert_eq!(members[2].region, Region::LatinAmericaCaribbean);
        assert_eq!(members[3].line, 5);
        let decisions: Decisions = serde_json::from_value(serde_json::json!({"place": [
            {"city": "Larissa", "country": "GR", "geonames_id": 258576, "why": "spelling"},
            {"city": "Maroua 1er", "country": "CM", "geonames_id": 2228373,
             "population": false, "why": "a district"},
        ]}))
        .unwrap();
        decisions.check(&g).unwrap();
        let placed: Vec<String> = members
            .iter()
            .map(|m| match decisions.place(m, &g) {
                Placement::At { place, population } => format!("{} {population}", place.name),
                Placement::NotFound => "not found".into(),
                Placement::Ambiguous(n) => format!("{n} places"),
            })
            .collect();
        assert_eq!(
            placed,
            [
                "Reșița true",
                "Lárisa true",
                "2 places",
                "Maroua false",
                "not found"
            ]
        );
    }

    #[test]
    fn bad_rows_and_decisions_are_named() {
        let bad = "city,country,iso2,region,joined_year,source
X,Y,ROU,Africa,2020,https://a
X,Y,RO,Moon,2020,https://a
X,Y,RO,Africa,twenty,https://a
\"X, Y\",Y,RO,Africa,2020,https://a
X,Y,RO,Africa,2020,ftp://a
";
        let problems = parse(bad).unwrap_err();
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(problems[0].starts_with("line 2:") && problems[0].contains("ROU"));
        assert!(problems[1].contains("Moon"));
        assert!(parse("name,country\n").is_err());
        let g = Gazetteer::parse(GAZETTEER).unwrap();
        let d: Decisions = serde_json::from_value(serde_json::json!({"place": [
            {"city": "Larissa", "country": "RO", "geonames_id": 258576, "why": "x"},
            {"city": "Larissa", "country": "RO", "geonames_id": 1, "why": "x"},
        ]}))
        .unwrap();
        assert_eq!(d.check(&g).unwrap_err().len(), 3);
    }

    #[test]
    fn region_codes_read_back() {
        for r in Region::ALL {
            assert_eq!(r.code().parse::<Region>(), Ok(r));
        }
        assert!("Europe".parse::<Region>().is_err());
    }
}
