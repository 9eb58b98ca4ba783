//! The shapes of the data files under `data/` (see `docs/DATA-FORMATS.md`) and their
//! validation. Parsing happens in services (which read the files); this module only
//! checks what was parsed, so a bad file is refused with every problem listed before
//! anything is written.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::LocalizedText;
use crate::progress::{Percent, ProgrammeStatus};
use crate::slug::Slug;
use crate::values::{
    ChallengeRating, Coordinates, CountryCode, Currency, OrganisationKind, PartnerRole,
    StrategyStatus, is_web_address,
};

/// A framework or taxonomy file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkDoc {
    pub framework: FrameworkHead,
    #[serde(default)]
    pub nodes: Vec<NodeDoc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkHead {
    pub code: String,
    pub kind: String,
    pub version: String,
    #[serde(default)]
    pub draft: bool,
    pub position: i32,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub source: LocalizedText,
    pub draft_note: Option<LocalizedText>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeDoc {
    pub code: String,
    pub parent: Option<String>,
    pub kind: String,
    #[serde(default)]
    pub draft: bool,
    pub title: LocalizedText,
    pub summary: Option<LocalizedText>,
}

/// The demo network file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkDoc {
    pub network: NetworkHead,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkHead {
    pub slug: String,
    pub name: LocalizedText,
    pub summary: LocalizedText,
    pub cities: Vec<String>,
    /// The network's own count when the roster loaded is partial.
    pub announced: Option<Announced>,
}

/// What a network announced of itself: the roster Forja holds may be partial.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Announced {
    pub cities: i32,
    pub countries: i32,
    /// `YYYY-MM`.
    pub as_of: String,
}

/// One city file: the city, its strategy, organisations and programmes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityDoc {
    pub city: CityHead,
    #[serde(default)]
    pub challenges: Vec<ChallengeDoc>,
    pub strategy: Option<StrategyDoc>,
    #[serde(default)]
    pub organisations: Vec<OrganisationDoc>,
    #[serde(default)]
    pub programmes: Vec<ProgrammeDoc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityHead {
    pub slug: String,
    pub name: LocalizedText,
    pub country: String,
    pub latitude: f64,
    pub longitude: f64,
    pub population: Option<i64>,
    pub population_year: Option<i32>,
    pub population_source: Option<String>,
    pub geonames_id: Option<i64>,
    pub area_km2: Option<f64>,
    #[serde(default)]
    pub languages: Vec<String>,
    pub default_locale: String,
    pub joined_year: i32,
    pub joined_on: Option<NaiveDate>,
    #[serde(default)]
    pub clusters: Vec<String>,
    #[serde(default)]
    pub clusters_sample: bool,
    pub website: Option<String>,
    pub history: Option<LocalizedText>,
    pub context: Option<LocalizedText>,
    /// UNESCO region code (`roster::Region`); the roster gives it.
    pub region: Option<String>,
    /// The address of the announcement naming the city a member.
    pub membership_source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeDoc {
    pub topic: LocalizedText,
    pub rating: i64,
    #[serde(default)]
    pub sample: bool,
    /// The common challenge it is: a node code of the `challenges` taxonomy.
    #[serde(default)]
    pub theme: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategyDoc {
    pub title: LocalizedText,
    pub period_start: i32,
    pub period_end: Option<i32>,
    #[serde(default)]
    pub period_sample: bool,
    pub status: String,
    pub vision: LocalizedText,
    #[serde(default)]
    pub objectives: Vec<ObjectiveDoc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveDoc {
    pub code: String,
    pub title: LocalizedText,
    pub description: Option<LocalizedText>,
    #[serde(default)]
    pub kflc: Vec<String>,
    #[serde(default)]
    pub guidelines: Vec<String>,
    #[serde(default)]
    pub sdg: Vec<String>,
    #[serde(default)]
    pub local_targets: Vec<LocalTargetDoc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalTargetDoc {
    pub code: String,
    pub sdg_target: String,
    pub title: LocalizedText,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationDoc {
    pub slug: String,
    pub name: NameDoc,
    pub kind: String,
    pub website: Option<String>,
    #[serde(default)]
    pub collective: bool,
}

/// A name: a proper name written once (`"Primăria Municipiului Reșița"`) or a descriptive
/// name per language (`{ en = "Partner schools", ro = "Școlile partenere" }`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum NameDoc {
    Proper(String),
    Localized(LocalizedText),
}

impl NameDoc {
    /// As localized text; a proper name is stored under the given language and shown in
    /// every language through the fallback.
    pub fn to_text(&self, lang: &str) -> LocalizedText {
        match self {
            NameDoc::Proper(name) => LocalizedText::new().with(lang, name.clone()),
            NameDoc::Localized(text) => text.clone(),
        }
    }

    fn is_blank(&self) -> bool {
        match self {
            NameDoc::Proper(name) => name.trim().is_empty(),
            NameDoc::Localized(text) => text.is_empty(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeDoc {
    pub slug: String,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub description: LocalizedText,
    pub status: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub dates_sample: bool,
    pub parent: Option<String>,
    pub weight: Option<f64>,
    pub progress: Option<f64>,
    #[serde(default)]
    pub progress_sample: bool,
    /// The programme itself is illustrative: a grouping made for the demo (its weights
    /// too), not one the city reported.
    #[serde(default)]
    pub sample: bool,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub target_groups: Vec<String>,
    pub place: Option<PlaceDoc>,
    #[serde(default)]
    pub partners: Vec<PartnerDoc>,
    #[serde(default)]
    pub funding: Vec<FundingDoc>,
    #[serde(default)]
    pub milestones: Vec<MilestoneDoc>,
    #[serde(default)]
    pub outputs: Vec<OutputDoc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceDoc {
    pub name: LocalizedText,
    pub latitude: f64,
    pub longitude: f64,
    /// The point is approximate or illustrative.
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerDoc {
    pub organisation: String,
    pub role: String,
    pub contribution: Option<LocalizedText>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingDoc {
    pub source: LocalizedText,
    pub organisation: Option<String>,
    pub amount: Option<f64>,
    pub currency: String,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneDoc {
    pub title: LocalizedText,
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputDoc {
    pub code: String,
    pub label: LocalizedText,
    pub unit: Option<LocalizedText>,
    pub period: Option<String>,
    pub expected: Option<f64>,
    pub reported: Option<f64>,
    #[serde(default)]
    pub sample: bool,
    pub source: Option<LocalizedText>,
}

/// Collects every problem in a document, each with the path of the offending field.
#[derive(Debug, Default)]
pub struct Problems(Vec<String>);

impl Problems {
    pub(crate) fn add(&mut self, at: impl std::fmt::Display, what: impl std::fmt::Display) {
        self.0.push(format!("{at}: {what}"));
    }
    pub(crate) fn check<T, E: std::fmt::Display>(
        &mut self,
        at: impl std::fmt::Display,
        result: Result<T, E>,
    ) -> Option<T> {
        result.map_err(|e| self.add(at, e)).ok()
    }
    /// Both languages are there.
    fn present(&mut self, at: impl std::fmt::Display, text: &LocalizedText) {
        for lang in ["en", "ro"] {
            if text.get_exact(lang).is_none() {
                self.add(&at, format_args!("the {lang} text is missing"));
            }
        }
    }

    /// Both languages are there, and written with comma-below letters.
    pub(crate) fn text(&mut self, at: impl std::fmt::Display, text: &LocalizedText) {
        self.present(&at, text);
        if text.languages().any(|l| {
            text.get_exact(l)
                .is_some_and(|t| t.contains(['ş', 'ţ', 'Ş', 'Ţ']))
        }) {
            self.add(at, "uses cedilla ş/ţ; write comma-below ș/ț");
        }
    }
    pub fn into_result(self) -> Result<(), Vec<String>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

impl FrameworkDoc {
    /// Checks codes, parents (which must come first) and texts.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut p = Problems::default();
        let f = &self.framework;
        p.check("framework.code", Slug::parse(&f.code));
        if !matches!(f.kind.as_str(), "framework" | "taxonomy") {
            p.add("framework.kind", "is \"framework\" or \"taxonomy\"");
        }
        p.text("framework.title", &f.title);
        p.text("framework.summary", &f.summary);
        let mut seen = std::collections::HashSet::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let at = format!("nodes[{i}] ({})", node.code);
            let code_ok = !node.code.is_empty()
                && node.code.len() <= 40
                && node
                    .code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
            if !code_ok {
                p.add(&at, "a node code holds 1–40 of A-Z, a-z, 0-9, '.' and '-'");
            }
            if let Some(parent) = &node.parent
                && !seen.contains(parent.as_str())
            {
                p.add(
                    &at,
                    format_args!("parent {parent:?} is not defined above this node"),
                );
            }
            if !seen.insert(node.code.as_str()) {
                p.add(&at, "the code is used twice");
            }
            p.text(format_args!("{at}.title"), &node.title);
        }
        p.into_result()
    }
}

impl CityDoc {
    /// Checks every value and every reference inside the file; references to framework
    /// codes are checked by the store against what is loaded.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut p = Problems::default();
        let c = &self.city;
        p.check("city.slug", Slug::parse(&c.slug));
        if c.website.as_deref().is_some_and(|w| !is_web_address(w)) {
            p.add(
                "city.website",
                "must be an address starting with https:// or http://",
            );
        }
        // A place's name keeps its own language's letters: the cedilla ş of Eskişehir is
        // Turkish; only a Romanian or Moldovan place must be written with comma-below.
        let elsewhere = c
            .country
            .parse::<CountryCode>()
            .is_ok_and(|cc| !matches!(cc.as_str(), "RO" | "MD"));
        if elsewhere {
            p.present("city.name", &c.name);
        } else {
            p.text("city.name", &c.name);
        }
        p.check("city.country", c.country.parse::<CountryCode>());
        p.check(
            "city.latitude/longitude",
            Coordinates::new(c.latitude, c.longitude),
        );
        if c.population.is_some_and(|n| n < 0) {
            p.add("city.population", "cannot be negative");
        }
        if c.area_km2.is_some_and(|a| !a.is_finite() || a <= 0.0) {
            p.add("city.area_km2", "is a positive number of square kilometres");
        }
        if !(1990..=2100).contains(&c.joined_year) {
            p.add("city.joined_year", "is a year between 1990 and 2100");
        }
        if let Some(r) = &c.region
            && r.parse::<crate::roster::Region>().is_err()
        {
            p.add("city.region", "is not a UNESCO region code");
        }
        if c.membership_source
            .as_ref()
            .is_some_and(|s| !s.starts_with("https://") && !s.starts_with("http://"))
        {
            p.add("city.membership_source", "is a web address");
        }
        for (i, ch) in self.challenges.iter().enumerate() {
            p.check(
                format_args!("challenges[{i}].rating"),
                ChallengeRating::new(ch.rating),
            );
            p.text(format_args!("challenges[{i}].topic"), &ch.topic);
        }
        let mut objective_codes = std::collections::HashSet::new();
        if let Some(s) = &self.strategy {
            p.check("strategy.status", s.status.parse::<StrategyStatus>());
            p.text("strategy.title", &s.title);
            p.text("strategy.vision", &s.vision);
            if s.period_end.is_some_and(|end| end < s.period_start) {
                p.add("strategy.period_end", "cannot come before period_start");
            }
            for (i, o) in s.objectives.iter().enumerate() {
                if !objective_codes.insert(o.code.as_str()) {
                    p.add(
                        format_args!("strategy.objectives[{i}].code"),
                        "is used twice",
                    );
                }
                p.text(format_args!("strategy.objectives[{i}].title"), &o.title);
            }
        }
        let mut orgs = std::collections::HashSet::new();
        for (i, o) in self.organisations.iter().enumerate() {
            p.check(
                format_args!("organisations[{i}].slug"),
                Slug::parse(&o.slug),
            );
            p.check(
                format_args!("organisations[{i}].kind"),
                o.kind.parse::<OrganisationKind>(),
            );
            if let NameDoc::Localized(text) = &o.name {
                p.text(format_args!("organisations[{i}].name"), text);
            }
            if o.name.is_blank() {
                p.add(format_args!("organisations[{i}].name"), "cannot be empty");
            }
            // Pages link it: an address to follow, never script.
            if o.website.as_deref().is_some_and(|w| !is_web_address(w)) {
                p.add(
                    format_args!("organisations[{i}].website"),
                    "must be an address starting with https:// or http://",
                );
            }
            orgs.insert(o.slug.as_str());
        }
        let mut programmes = std::collections::HashSet::new();
        for (i, g) in self.programmes.iter().enumerate() {
            let at = format!("programmes[{i}] ({})", g.slug);
            p.check(format_args!("{at}.slug"), Slug::parse(&g.slug));
            p.check(
                format_args!("{at}.status"),
                g.status.parse::<ProgrammeStatus>(),
            );
            p.text(format_args!("{at}.title"), &g.title);
            p.text(format_args!("{at}.summary"), &g.summary);
            if let (Some(start), Some(end)) = (g.start, g.end)
                && end < start
            {
                p.add(format_args!("{at}.end"), "cannot come before start");
            }
            if let Some(progress) = g.progress {
                p.check(format_args!("{at}.progress"), Percent::new(progress));
            }
            if g.weight.is_some_and(|w| !w.is_finite() || w < 0.0) {
                p.add(format_args!("{at}.weight"), "is a number of zero or more");
            }
            if let Some(parent) = &g.parent
                && !programmes.contains(parent.as_str())
            {
                p.add(
                    format_args!("{at}.parent"),
                    format_args!("{parent:?} is not a programme defined above"),
                );
            }
            if !programmes.insert(g.slug.as_str()) {
                p.add(format_args!("{at}.slug"), "is used twice");
            }
            for code in &g.objectives {
                if !objective_codes.contains(code.as_str()) {
                    p.add(
                        format_args!("{at}.objectives"),
                        format_args!("{code:?} is not an objective of the strategy"),
                    );
                }
            }
            if let Some(place) = &g.place {
                p.check(
                    format_args!("{at}.place"),
                    Coordinates::new(place.latitude, place.longitude),
                );
            }
            for (j, partner) in g.partners.iter().enumerate() {
                p.check(
                    format_args!("{at}.partners[{j}].role"),
                    partner.role.parse::<PartnerRole>(),
                );
                if !orgs.contains(partner.organisation.as_str()) {
                    p.add(
                        format_args!("{at}.partners[{j}]"),
                        format_args!("organisation {:?} is not listed", partner.organisation),
                    );
                }
            }
            for (j, f) in g.funding.iter().enumerate() {
                p.check(
                    format_args!("{at}.funding[{j}].currency"),
                    f.currency.parse::<Currency>(),
                );
                if f.amount.is_some_and(|a| !a.is_finite() || a < 0.0) {
                    p.add(
                        format_args!("{at}.funding[{j}].amount"),
                        "cannot be negative",
                    );
                }
            }
            for (j, o) in g.outputs.iter().enumerate() {
                for (name, value) in [("expected", o.expected), ("reported", o.reported)] {
                    if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
                        p.add(
                            format_args!("{at}.outputs[{j}].{name}"),
                            "cannot be negative",
                        );
                    }
                }
            }
        }
        p.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(en: &str) -> LocalizedText {
        LocalizedText::new().with("en", en).with("ro", en)
    }

    fn minimal_city() -> CityDoc {
        CityDoc {
            city: CityHead {
                slug: "resita".into(),
                name: text("Reșița"),
                country: "RO".into(),
                latitude: 45.3,
                longitude: 21.9,
                population: Some(81228),
                population_year: None,
                population_source: None,
                geonames_id: None,
                area_km2: None,
                languages: vec![],
                default_locale: "ro".into(),
                joined_year: 2022,
                joined_on: None,
                clusters: vec![],
                clusters_sample: false,
                website: None,
                history: None,
                context: None,
                region: None,
                membership_source: None,
            },
            challenges: vec![],
            strategy: None,
            organisations: vec![],
            programmes: vec![],
        }
    }

    #[test]
    fn a_clean_city_passes() {
        assert_eq!(minimal_city().validate(), Ok(()));
    }

    #[test]
    fn every_problem_is_listed_with_its_field() {
        let mut doc = minimal_city();
        doc.city.country = "Romania".into();
        doc.city.latitude = 123.0;
        doc.city.name = LocalizedText::new().with("en", "Reşiţa");
        let problems = doc.validate().unwrap_err();
        let all = problems.join("\n");
        assert!(all.contains("city.country"), "{all}");
        assert!(all.contains("city.latitude"), "{all}");
        assert!(all.contains("ro text is missing"), "{all}");
        assert!(all.contains("cedilla"), "{all}");
        // A Turkish place keeps its Turkish ş; a Romanian one must not have it.
        let mut turkish = minimal_city();
        turkish.city.country = "TR".into();
        turkish.city.name = text("Eskişehir");
        assert_eq!(turkish.validate(), Ok(()));
        turkish.city.country = "RO".into();
        assert!(turkish.validate().is_err());
    }

    #[test]
    fn websites_in_data_files_are_addresses_to_follow() {
        let mut doc = minimal_city();
        doc.city.website = Some("javascript:alert(1)".into());
        doc.organisations.push(OrganisationDoc {
            slug: "school".into(),
            name: NameDoc::Localized(text("A school")),
            kind: "school".into(),
            website: Some("data:text/html,<script>".into()),
            collective: false,
        });
        let all = doc.validate().unwrap_err().join("\n");
        assert!(all.contains("city.website"), "{all}");
        assert!(all.contains("organisations[0].website"), "{all}");
        doc.city.website = Some("https://www.primaria-resita.ro".into());
        doc.organisations[0].website = Some("http://scoala.example.ro/".into());
        assert_eq!(doc.validate(), Ok(()));
    }

    #[test]
    fn parents_must_be_defined_first() {
        let doc: FrameworkDoc = FrameworkDoc {
            framework: FrameworkHead {
                code: "kflc".into(),
                kind: "framework".into(),
                version: "1".into(),
                draft: false,
                position: 1,
                title: text("KFLC"),
                summary: text("s"),
                source: text("s"),
                draft_note: None,
            },
            nodes: vec![NodeDoc {
                code: "1.1".into(),
                parent: Some("1".into()),
                kind: "area".into(),
                draft: false,
                title: text("a"),
                summary: None,
            }],
        };
        let problems = doc.validate().unwrap_err();
        assert!(problems[0].contains("not defined above"), "{problems:?}");
    }
}
