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
}

impl CityFields {
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
    ];

    pub fn parse(input: &RawInput) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker {
            input,
            problems: Vec::new(),
        };
        c.reject_unknown(Self::FIELDS, &[]);
        let name = c.text("name", MAX_TITLE, true);
        let history = c.text("history", MAX_TEXT, false);
        let context = c.text("context", MAX_TEXT, false);
        let website = c.website("website");
        let whole = |c: &mut Checker, field: &str, min: f64, max: f64| {
            let value = c.number(field, min, max)?;
            if value.fract() != 0.0 {
                c.fail(field, Problem::NotANumber);
                return None;
            }
            Some(value)
        };
        let population = whole(&mut c, "population", 0.0, 100_000_000.0).map(|v| v as i64);
        let population_year = whole(&mut c, "population_year", 1800.0, 2100.0).map(|v| v as i32);
        let area_km2 = c.number("area_km2", 0.01, 100_000.0);
        let mut languages = Vec::new();
        for code in c
            .raw("languages")
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let code = code.to_ascii_lowercase();
            if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) {
                if !languages.contains(&code) {
                    languages.push(code);
                }
            } else {
                c.fail(
                    "languages",
                    Problem::NotAllowed {
                        allowed: "language codes such as ro, de, hu, separated by commas".into(),
                    },
                );
                break;
            }
        }
        if c.problems.is_empty() {
            Ok(Self {
                name,
                history,
                context,
                website,
                population,
                population_year,
                area_km2,
                languages,
            })
        } else {
            Err(c.problems)
        }
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
        out
    }
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
    fn city_fields_parse_and_refuse() {
        let ok = CityFields::parse(&input(&[
            ("name_ro", "Reșița"),
            ("population", "81228"),
            ("population_year", "2024"),
            ("languages", "ro, de,HU"),
            ("website", "https://www.primaria-resita.ro"),
        ]))
        .unwrap();
        assert_eq!(ok.languages, ["ro", "de", "hu"]);
        assert_eq!(CityFields::parse(&ok.to_input()).unwrap(), ok);
        let bad = CityFields::parse(&input(&[
            ("name_en", ""),
            ("population", "-5"),
            ("area_km2", "0"),
            ("website", "javascript:alert(1)"),
            ("languages", "Romanian!"),
            ("population_year", "2024.5"),
        ]))
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
    }
}
