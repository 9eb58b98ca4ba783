//! A city profile's editable fields and their validation.

use super::*;

/// The editable fields of a city's profile; also its revision snapshot. Membership
/// (country, year joined, clusters) is the network's to change, not the city's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CityFields {
    pub name: LocalizedText,
    pub history: LocalizedText,
    pub context: LocalizedText,
    pub website: Option<String>,
    pub population: Option<i64>,
    pub population_year: Option<i32>,
    pub area_km2: Option<f64>,
    pub languages: Vec<String>,
    /// Where the population figure comes from: [`CITY_OWN_FIGURE`] once a person of
    /// the city set it, else the gazetteer or import that gave it (`GeoNames`). Not a
    /// form field: [`CityFields::keep_source`] decides it.
    #[serde(default)]
    pub population_source: Option<String>,
    /// Never suggest this city as another city's peer (it still sees its own).
    #[serde(default)]
    pub hidden_from_peers: bool,
}

/// The population source of a figure a person of the city typed.
pub const CITY_OWN_FIGURE: &str = "city";

impl CityFields {
    /// A person who changes the population or its year vouches for the figure: it
    /// becomes the city's own; left alone, it keeps the source it had.
    pub fn keep_source(&mut self, before: &CityFields) {
        let same =
            (self.population, self.population_year) == (before.population, before.population_year);
        self.population_source = if same {
            before.population_source.clone()
        } else {
            self.population.map(|_| CITY_OWN_FIGURE.to_owned())
        };
    }

    /// Every field the city form and API accept.
    pub const FIELDS: &'static [&'static str] = &[
        "name_en",
        "name_ro",
        "history_en",
        "history_ro",
        "context_en",
        "context_ro",
        "website",
        "population",
        "population_year",
        "area_km2",
        "languages",
        "hidden_from_peers",
    ];

    /// Validates the fields, numbers written as `writing` says.
    pub fn parse(input: &RawInput, writing: Writing) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, &[]).written(writing);
        let name = c.text("name", MAX_TITLE, true);
        let history = c.text("history", MAX_TEXT, false);
        let context = c.text("context", MAX_TEXT, false);
        let website = c.website("website");
        let population = c.whole("population", 0.0, 100_000_000.0);
        let population_year = c.whole("population_year", 1800.0, 2100.0).map(|v| v as i32);
        let area_km2 = c.number("area_km2", 0.01, 100_000.0);
        let languages = c.language_list("languages");
        let hidden_from_peers = c.flag("hidden_from_peers");
        c.done(Self {
            name,
            history,
            context,
            website,
            population,
            population_year,
            area_km2,
            languages,
            population_source: None,
            hidden_from_peers,
        })
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        put_text(&mut out, "name", &self.name);
        put_text(&mut out, "history", &self.history);
        put_text(&mut out, "context", &self.context);
        out.insert("website".into(), self.website.clone().unwrap_or_default());
        out.insert(
            "population".into(),
            self.population.map(|v| v.to_string()).unwrap_or_default(),
        );
        out.insert(
            "population_year".into(),
            self.population_year
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
        out.insert(
            "area_km2".into(),
            self.area_km2.map(|v| v.to_string()).unwrap_or_default(),
        );
        out.insert("languages".into(), self.languages.join(", "));
        if self.hidden_from_peers {
            out.insert("hidden_from_peers".into(), "true".into());
        }
        out
    }
}

/// A language code as stored: ISO 639-1, or 639-3 where there is none (`ro`, `rom`).
pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> RawInput {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn new_cities_parse_and_refuse() {
        let countries = [Choice::new(
            "RO",
            LocalizedText::new().with("en", "Romania"),
        )];
        let ok = NewCityFields::parse(
            &input(&[
                ("name_ro", "Baia Mare"),
                ("country", "ro"),
                ("latitude", "47.65729"),
                ("longitude", "23,56808"),
                ("population", "123738"),
                ("geonames_id", "685948"),
                ("joined_year", "2025"),
                ("default_locale", "ro"),
                ("languages", "ro, hu"),
            ]),
            &countries,
            Writing::Person(crate::Locale::Ro),
        )
        .unwrap();
        assert_eq!((ok.slug.as_str(), ok.country.as_str()), ("baia-mare", "RO"));
        assert_eq!(ok.longitude, 23.56808);
        let bad = NewCityFields::parse(
            &input(&[
                ("name_en", ""),
                ("country", "XX"),
                ("latitude", "91"),
                ("joined_year", "1800"),
                ("default_locale", "Romanian"),
            ]),
            &countries,
            Writing::Machine,
        )
        .unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|p| p.field.as_str()).collect();
        for f in [
            "name_en",
            "country",
            "latitude",
            "longitude",
            "joined_year",
            "default_locale",
        ] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
    }

    #[test]
    fn romanian_population_as_the_interface_shows_it() {
        let ro = Writing::Person(crate::Locale::Ro);
        let with = |population: &str| {
            CityFields::parse(
                &input(&[("name_ro", "Reșița"), ("population", population)]),
                ro,
            )
        };
        assert_eq!(with("81.228").unwrap().population, Some(81228));
        assert_eq!(with("81 228").unwrap().population, Some(81228));
        // A whole number never takes decimals silently.
        assert_eq!(with("81228,5").unwrap_err()[0].problem, Problem::NotWhole);
        assert_eq!(
            with("1.500").unwrap_err()[0].problem,
            Problem::Ambiguous {
                grouped: "1500".into(),
                decimal: "1,5".into()
            }
        );
    }

    #[test]
    fn city_fields_parse_and_refuse() {
        let ok = CityFields::parse(
            &input(&[
                ("name_ro", "Reșița"),
                ("population", "81228"),
                ("population_year", "2024"),
                ("languages", "ro, de,HU"),
                ("website", "https://www.primaria-resita.ro"),
            ]),
            Writing::Machine,
        )
        .unwrap();
        assert_eq!(ok.languages, ["ro", "de", "hu"]);
        assert_eq!(
            CityFields::parse(&ok.to_input(), Writing::Machine).unwrap(),
            ok
        );
        let bad = CityFields::parse(
            &input(&[
                ("name_en", ""),
                ("population", "-5"),
                ("area_km2", "0"),
                ("website", "javascript:alert(1)"),
                ("languages", "Romanian!"),
                ("population_year", "2024.5"),
            ]),
            Writing::Machine,
        )
        .unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|p| p.field.as_str()).collect();
        for f in [
            "name_en",
            "population",
            "area_km2",
            "website",
            "languages",
            "population_year",
        ] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
        assert!(bad.contains(&FieldProblem {
            field: "population_year".into(),
            problem: Problem::NotWhole
        }));
    }
}

impl Checker<'_> {
    /// Language codes separated by commas or spaces (`ro, de,hu`), lowercased, each once.
    pub(super) fn language_list(&mut self, field: &str) -> Vec<String> {
        let mut languages: Vec<String> = Vec::new();
        for code in self
            .raw(field)
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let code = code.to_ascii_lowercase();
            if is_language_code(&code) {
                if !languages.contains(&code) {
                    languages.push(code);
                }
            } else {
                self.fail(
                    field,
                    Problem::NotAllowed {
                        allowed: "language codes such as ro, de, hu, separated by commas".into(),
                    },
                );
                break;
            }
        }
        languages
    }
}

/// A new member city: what the network records when it joins, besides its profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCityFields {
    pub name: LocalizedText,
    /// The address; made from the name when left empty.
    pub slug: String,
    pub country: String,
    pub latitude: f64,
    pub longitude: f64,
    pub population: Option<i64>,
    pub population_year: Option<i32>,
    pub geonames_id: Option<i64>,
    pub joined_year: i32,
    /// The language the city writes in first (its texts fall back to it).
    pub default_locale: String,
    pub languages: Vec<String>,
}

impl NewCityFields {
    pub const FIELDS: &'static [&'static str] = &[
        "name_en",
        "name_ro",
        "slug",
        "country",
        "latitude",
        "longitude",
        "population",
        "population_year",
        "geonames_id",
        "joined_year",
        "default_locale",
        "languages",
    ];

    /// Validates a new city; `countries` are the ISO codes that may be picked.
    pub fn parse(
        input: &RawInput,
        countries: &[Choice],
        writing: Writing,
    ) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, &[]).written(writing);
        let name = c.text("name", MAX_TITLE, true);
        let given = c.raw("slug");
        let made = if given.is_empty() {
            let name = name.get_exact("en").or(name.get_exact("ro")).unwrap_or("");
            (!name.is_empty()).then(|| crate::Slug::fold(name))
        } else {
            Some(crate::Slug::read(given, writing))
        };
        let slug = match made {
            Some(Ok(s)) if !matches!(s.as_str(), "new") => s.to_string(),
            None => String::new(),
            Some(_) => {
                c.fail(
                    "slug",
                    Problem::NotAllowed {
                        allowed: "letters a-z, digits and hyphens".into(),
                    },
                );
                String::new()
            }
        };
        let country = c.raw("country").to_ascii_uppercase();
        if country.is_empty() {
            c.fail("country", Problem::Required);
        } else if !countries.iter().any(|k| k.code == country) {
            c.fail("country", Problem::NotAChoice);
        }
        let required = |c: &mut Checker, field: &str, min: f64, max: f64| {
            let v = c.number(field, min, max);
            if v.is_none() && c.raw(field).is_empty() {
                c.fail(field, Problem::Required);
            }
            v
        };
        let latitude = required(&mut c, "latitude", -90.0, 90.0);
        let longitude = required(&mut c, "longitude", -180.0, 180.0);
        let joined_year = c.whole("joined_year", 1990.0, 2100.0);
        if joined_year.is_none() && c.raw("joined_year").is_empty() {
            c.fail("joined_year", Problem::Required);
        }
        let population = c.whole("population", 0.0, 100_000_000.0);
        let population_year = c.whole("population_year", 1800.0, 2100.0).map(|v| v as i32);
        let geonames_id = c.whole("geonames_id", 1.0, 1e10);
        let default_locale = c.raw("default_locale").to_ascii_lowercase();
        if !(2..=3).contains(&default_locale.len())
            || !default_locale.bytes().all(|b| b.is_ascii_lowercase())
        {
            c.fail(
                "default_locale",
                Problem::NotAllowed {
                    allowed: "a language code such as ro, en, de".into(),
                },
            );
        }
        let languages = c.language_list("languages");
        match (c.problems.is_empty(), latitude, longitude, joined_year) {
            (true, Some(latitude), Some(longitude), Some(joined_year)) => Ok(Self {
                name,
                slug,
                country,
                latitude,
                longitude,
                population,
                population_year,
                geonames_id,
                joined_year: joined_year as i32,
                default_locale,
                languages,
            }),
            _ => Err(c.problems),
        }
    }

    /// The profile part, as a city's first revision records it.
    pub fn profile(&self) -> CityFields {
        CityFields {
            name: self.name.clone(),
            history: LocalizedText::new(),
            context: LocalizedText::new(),
            website: None,
            population: self.population,
            population_year: self.population_year,
            area_km2: None,
            languages: self.languages.clone(),
            population_source: self.geonames_id.map(|_| "GeoNames".to_owned()),
            hidden_from_peers: false,
        }
    }
}
