//! The world's countries and the GeoNames gazetteer, for adding member cities. Both are
//! compiled in and read once.

use std::sync::OnceLock;

use forja_core::LocalizedText;
use forja_core::edit::Choice;
use forja_core::geonames::{Gazetteer, Place};

use crate::builtin::{COUNTRIES_JSON, GEONAMES_TSV};

pub(crate) fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        Gazetteer::parse(GEONAMES_TSV).unwrap_or_else(|e| {
            tracing::error!(error = %e, "the compiled-in GeoNames file is broken");
            Gazetteer::default()
        })
    })
}

/// Places whose name matches, larger first (at most `limit`, at most 50).
pub fn search_places(query: &str, limit: usize) -> Vec<Place> {
    // Parsing and folding 34,000 names takes a moment the first time: off the async
    // threads (callers run this in `spawn_blocking`).
    gazetteer()
        .search(query, limit.min(50))
        .into_iter()
        .cloned()
        .collect()
}

pub fn place(geonames_id: i64) -> Option<Place> {
    gazetteer().get(geonames_id).cloned()
}

/// ISO 4217 currencies, as choices labelled "RON · Romanian Leu", most used here first.
pub fn currencies() -> &'static [Choice] {
    static C: OnceLock<Vec<Choice>> = OnceLock::new();
    C.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Row {
            code: String,
            name: LocalizedText,
        }
        let rows: Vec<Row> =
            serde_json::from_str(crate::builtin::CURRENCIES_JSON).unwrap_or_default();
        // The network's own first: a Romanian city pays in lei and euros.
        const FIRST: [&str; 3] = ["RON", "EUR", "USD"];
        let mut choices: Vec<Choice> = rows
            .into_iter()
            .map(|r| {
                let mut label = LocalizedText::new();
                for lang in r.name.languages() {
                    let name = r.name.get_exact(lang).unwrap_or("");
                    label.insert(lang, format!("{} · {name}", r.code));
                }
                Choice::new(r.code, label)
            })
            .collect();
        choices.sort_by_key(|c| {
            FIRST
                .iter()
                .position(|f| *f == c.code)
                .unwrap_or(FIRST.len())
        });
        choices
    })
}

/// Every country as a choice (ISO 3166-1 alpha-2 with its names), in code order.
pub fn countries() -> &'static [Choice] {
    static C: OnceLock<Vec<Choice>> = OnceLock::new();
    C.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Row {
            alpha2: String,
            name: LocalizedText,
        }
        let rows: Vec<Row> = serde_json::from_str(COUNTRIES_JSON).unwrap_or_default();
        rows.into_iter()
            .map(|r| Choice::new(r.alpha2, r.name))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    /// The compiled-in lists are read with a fallback to empty: a broken file would
    /// otherwise refuse every currency and country without a word.
    #[test]
    fn the_compiled_in_currencies_and_countries_read() {
        let currencies = super::currencies();
        assert!(currencies.len() > 100, "{} currencies", currencies.len());
        assert_eq!(currencies[0].code, "RON");
        assert!(currencies.iter().any(|c| c.code == "JPY"));
        assert!(super::countries().len() > 200);
    }
}
