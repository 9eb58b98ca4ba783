//! Interface strings from the Fluent files under `locales/`, compiled into the binary.
//! Every user-visible string comes from here; templates call `tr.t("key")`.

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use forja_core::Locale;

const SOURCES: &[(Locale, &str)] = &[
    (Locale::En, include_str!("../../../locales/en/main.ftl")),
    (Locale::Ro, include_str!("../../../locales/ro/main.ftl")),
];

/// All bundles, built once.
pub struct Catalog {
    bundles: HashMap<Locale, FluentBundle<FluentResource>>,
}

impl Catalog {
    pub fn global() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG
            .get_or_init(|| Catalog::build().unwrap_or_else(|e| panic!("locales are broken: {e}")))
    }

    fn build() -> Result<Self, String> {
        let mut bundles = HashMap::new();
        for (locale, source) in SOURCES {
            let resource = FluentResource::try_new(source.to_string())
                .map_err(|(_, errors)| format!("{locale}: {errors:?}"))?;
            let lang: unic_langid::LanguageIdentifier =
                locale.code().parse().map_err(|e| format!("{e:?}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![lang]);
            // Isolation marks (U+2068/2069) would leak into titles and attributes.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errors| format!("{locale}: {errors:?}"))?;
            bundles.insert(*locale, bundle);
        }
        Ok(Self { bundles })
    }

    /// Message ids defined for a locale (tests compare the languages).
    pub fn ids(locale: Locale) -> Vec<String> {
        let source = SOURCES
            .iter()
            .find(|(l, _)| *l == locale)
            .map(|(_, s)| *s)
            .unwrap_or("");
        source
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
            .collect()
    }

    fn format(&self, locale: Locale, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(bundle) = self.bundles.get(&locale) else {
            return id.to_owned();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, %locale, "missing interface string");
            if let Ok(mut missing) = MISSING.lock() {
                missing.insert(format!("{locale}: {id}"));
            }
            return id.to_owned();
        };
        let mut errors = vec![];
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

/// Every message id asked for and not found since the process started, as
/// `locale: id`: the tests fail on any (a page showing a bare id to its reader).
static MISSING: std::sync::Mutex<std::collections::BTreeSet<String>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// The message ids asked for and missing so far (for tests).
#[doc(hidden)]
pub fn missing_strings() -> Vec<String> {
    MISSING
        .lock()
        .map(|m| m.iter().cloned().collect())
        .unwrap_or_default()
}

/// A translator for one request's language; cheap to copy into templates.
#[derive(Clone, Copy)]
pub struct Tr {
    pub locale: Locale,
    catalog: &'static Catalog,
}

impl Tr {
    pub fn new(locale: Locale) -> Self {
        Self {
            locale,
            catalog: Catalog::global(),
        }
    }

    pub fn lang(&self) -> &'static str {
        self.locale.code()
    }

    /// A plain message.
    pub fn t(&self, id: &str) -> String {
        self.catalog.format(self.locale, id, None)
    }

    /// A message with one named argument.
    pub fn t1(&self, id: &str, name: &str, value: impl ToString) -> String {
        let mut args = FluentArgs::new();
        args.set(name, FluentValue::from(value.to_string()));
        self.catalog.format(self.locale, id, Some(&args))
    }

    /// A message with three named arguments.
    pub fn t3(
        &self,
        id: &str,
        a: (&str, &dyn ToString),
        b: (&str, &dyn ToString),
        c: (&str, &dyn ToString),
    ) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in [a, b, c] {
            args.set(name, FluentValue::from(value.to_string()));
        }
        self.catalog.format(self.locale, id, Some(&args))
    }

    /// A message with two named arguments.
    pub fn t2(&self, id: &str, a: (&str, &dyn ToString), b: (&str, &dyn ToString)) -> String {
        let mut args = FluentArgs::new();
        args.set(a.0, FluentValue::from(a.1.to_string()));
        args.set(b.0, FluentValue::from(b.1.to_string()));
        self.catalog.format(self.locale, id, Some(&args))
    }

    /// A message chosen by a count (Fluent plural rules), `count` formatted per locale.
    pub fn count(&self, id: &str, count: impl Number) -> String {
        let count = count.as_f64() as i64;
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        args.set(
            "shown",
            FluentValue::from(forja_core::format::integer(count, self.locale)),
        );
        self.catalog.format(self.locale, id, Some(&args))
    }

    /// A month of a year, `2025-12` → "December 2025"; the text as given when it is
    /// not one.
    pub fn month_year(&self, year_month: &str) -> String {
        let parsed = year_month.split_once('-').and_then(|(y, m)| {
            Some((
                y.parse::<i32>().ok()?,
                m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?,
            ))
        });
        let Some((year, month)) = parsed else {
            return year_month.to_owned();
        };
        let mut args = FluentArgs::new();
        args.set("month", FluentValue::from(month));
        // A year is a name, not a quantity: never grouped.
        args.set("year", FluentValue::from(year.to_string()));
        self.catalog.format(self.locale, "month-year", Some(&args))
    }

    /// What a network announced of itself, said where a partial roster is shown.
    pub fn announced(&self, a: &forja_services::views::Announced) -> String {
        self.t3(
            "roster-partial",
            (
                "cities",
                &forja_core::format::integer(a.cities.into(), self.locale),
            ),
            (
                "countries",
                &forja_core::format::integer(a.countries.into(), self.locale),
            ),
            ("when", &self.month_year(&a.as_of)),
        )
    }

    /// A message for a code in a closed vocabulary: `prefix-code`, e.g. `status-active`.
    /// A message only if the catalog has it (an optional, more particular message
    /// before a general one); a missing one is no mistake here.
    pub fn maybe(&self, id: &str) -> Option<String> {
        let defined = self
            .catalog
            .bundles
            .get(&self.locale)
            .is_some_and(|b| b.has_message(id));
        defined.then(|| self.t(id))
    }

    pub fn code(&self, prefix: &str, code: &str) -> String {
        self.t(&format!("{prefix}-{code}"))
    }

    /// Where a figure comes from: the city's own, a gazetteer, or an import (named).
    pub fn source(&self, source: &str) -> String {
        self.maybe(&format!("figure-source-{}", source.to_ascii_lowercase()))
            .unwrap_or_else(|| self.t1("figure-source-import", "source", source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_defines_the_same_messages() {
        let en: std::collections::BTreeSet<_> = Catalog::ids(Locale::En).into_iter().collect();
        for locale in Locale::ALL {
            let other: std::collections::BTreeSet<_> = Catalog::ids(locale).into_iter().collect();
            let missing: Vec<_> = en.difference(&other).collect();
            let extra: Vec<_> = other.difference(&en).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{locale}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    /// Messages looked up by code (vocabularies, form fields, row groups) must exist,
    /// or a page shows the bare message id.
    #[test]
    fn every_code_and_form_field_has_its_message() {
        use forja_core::edit::{
            CityFields, NewCityFields, ObjectiveFields, OrganisationFields, ProgrammeFields,
            StrategyFields,
        };
        use forja_core::progress::ProgrammeStatus;
        use forja_core::values::{OrganisationKind, PartnerRole, StrategyStatus};
        let ids: std::collections::BTreeSet<_> = Catalog::ids(Locale::En).into_iter().collect();
        let mut wanted: Vec<String> = Vec::new();
        wanted.extend(
            PartnerRole::ALL
                .iter()
                .map(|c| format!("partner-role-{}", c.code())),
        );
        wanted.extend(
            OrganisationKind::ALL
                .iter()
                .map(|c| format!("org-kind-{}", c.code())),
        );
        wanted.extend(
            StrategyStatus::ALL
                .iter()
                .map(|c| format!("strategy-status-{}", c.code())),
        );
        wanted.extend(
            ProgrammeStatus::ALL
                .iter()
                .map(|c| format!("status-{}", c.code())),
        );
        wanted.extend(
            forja_core::edit::EVIDENCE_LEVELS
                .iter()
                .map(|c| format!("evidence-{c}")),
        );
        wanted.extend(forja_core::edit::LICENCES.iter().map(|c| {
            let code = crate::pages::editing::practices::message_code(c);
            format!("licence-{code}")
        }));
        wanted.extend(["draft", "submitted", "reviewed"].iter().flat_map(|c| {
            [
                format!("practice-status-{c}"),
                format!("practice-status-hint-{c}"),
            ]
        }));
        wanted.extend(
            forja_core::edit::PRACTICE_TEXTS
                .iter()
                .filter(|t| **t != "summary")
                .map(|t| format!("practice-part-{t}")),
        );
        let field = |f: &str| {
            let base = f.strip_suffix("_en").or(f.strip_suffix("_ro")).unwrap_or(f);
            format!("field-{}", base.replace('_', "-"))
        };
        let plain = [
            ProgrammeFields::FIELDS,
            CityFields::FIELDS,
            StrategyFields::FIELDS,
            ObjectiveFields::FIELDS,
            OrganisationFields::FIELDS,
            NewCityFields::FIELDS,
            forja_core::edit::FrameworkNodeFields::FIELDS,
            forja_core::edit::PracticeFields::FIELDS,
        ];
        wanted.extend(plain.concat().iter().map(|f| field(f)));
        for g in ProgrammeFields::GROUPS
            .iter()
            .chain(ObjectiveFields::GROUPS)
        {
            wanted.extend(
                ["group", "row", "add"].map(|p| format!("{p}-{}", g.name.replace('_', "-"))),
            );
            wanted.extend(g.fields.iter().map(|f| field(f)));
        }
        let missing: Vec<_> = wanted
            .iter()
            .filter(|id| !ids.contains(id.as_str()))
            .collect();
        assert!(missing.is_empty(), "missing messages: {missing:?}");
    }

    #[test]
    fn catalog_parses_and_formats() {
        let tr = Tr::new(Locale::Ro);
        assert_ne!(tr.t("site-name"), "site-name");
        assert!(tr.count("cities-count", 3).contains('3'));
    }
}

/// Helpers templates use to show stored data in the reader's language.
impl Tr {
    /// Stored text in the reader's language, else English, else any.
    pub fn txt(&self, text: &forja_core::LocalizedText) -> String {
        text.pick(self.locale, "en")
    }

    /// Stored text split into paragraphs at blank lines.
    pub fn paras(&self, text: &forja_core::LocalizedText) -> Vec<String> {
        self.txt(text)
            .split("\n\n")
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// Stored Markdown in the reader's language, as sanitised HTML (for `|safe`).
    pub fn markdown(&self, text: &forja_core::LocalizedText) -> String {
        crate::markdown::render(&self.txt(text))
    }

    pub fn int(&self, value: impl Number) -> String {
        forja_core::format::integer(value.as_f64() as i64, self.locale)
    }

    pub fn num(&self, value: impl Number) -> String {
        forja_core::format::number(value.as_f64(), 2, self.locale)
    }

    /// An amount of money (in major units, as views carry it).
    pub fn money(&self, amount: &f64) -> String {
        forja_core::format::money((amount * 100.0).round() as i64, self.locale)
    }

    pub fn date(&self, value: &chrono::NaiveDate) -> String {
        forja_core::format::date(*value, self.locale)
    }

    /// A moment (Unix seconds) for people: the date in their language and the time, UTC.
    pub fn moment(&self, at: impl std::borrow::Borrow<i64>) -> String {
        chrono::DateTime::from_timestamp(*at.borrow(), 0)
            .map(|t| format!("{}, {} UTC", self.date(&t.date_naive()), t.format("%H:%M")))
            .unwrap_or_default()
    }

    /// Coordinates with four decimals and hemispheres: `45.3008° N, 21.8892° E`.
    pub fn coordinates(&self, latitude: impl Number, longitude: impl Number) -> String {
        let (lat, lon) = (latitude.as_f64(), longitude.as_f64());
        let part = |v: f64, pos: &str, neg: &str| {
            let text = format!("{:.4}", v.abs());
            let text = if self.locale == forja_core::Locale::Ro {
                text.replace('.', ",")
            } else {
                text
            };
            format!("{text}° {}", if v < 0.0 { neg } else { pos })
        };
        let west = if self.locale == forja_core::Locale::Ro {
            "V"
        } else {
            "W"
        };
        format!("{}, {}", part(lat, "N", "S"), part(lon, "E", west))
    }

    /// A country's name from its ISO code.
    pub fn country(&self, alpha2: &str) -> String {
        crate::world::country_name(alpha2, self.locale)
    }
}

/// Any number a template may hand over, by value or by reference (askama passes
/// references), so helpers take them all without casts in templates.
pub trait Number {
    fn as_f64(&self) -> f64;
}

macro_rules! number {
    ($($t:ty),*) => {$(impl Number for $t { fn as_f64(&self) -> f64 { *self as f64 } })*};
}
number!(i16, i32, i64, u8, u32, u64, usize, f64);

impl<T: Number + ?Sized> Number for &T {
    fn as_f64(&self) -> f64 {
        (**self).as_f64()
    }
}
