//! `/indicators/{code}/edit`: an indicator of the network's catalogue, for network
//! administrators, through the shared form (history and restore beside it).

use forja_core::edit::{Choice, IndicatorChoices, IndicatorFields};

use super::forms::{FormKind, Opened};
use super::strategy::first_text;
use super::*;

/// The options of an indicator's pick fields, in the reader's language.
fn picks(tr: Tr, choices: &IndicatorChoices) -> Picks {
    let list = |items: &[Choice], blank: &str| {
        (!blank.is_empty())
            .then(|| (String::new(), tr.t(blank)))
            .into_iter()
            .chain(items.iter().map(|c| (c.code.clone(), tr.txt(&c.label))))
            .collect::<Vec<_>>()
    };
    let coded = |field: &'static str, prefix: &str| {
        let options = std::iter::once((String::new(), tr.t("pick-one")))
            .chain(
                IndicatorFields::codes(field)
                    .into_iter()
                    .map(|c| (c.to_owned(), tr.code(prefix, c))),
            )
            .collect();
        (field, options)
    };
    Picks::from([
        coded("unit", "unit"),
        coded("better", "better"),
        coded("periodicity", "periodicity"),
        ("currency", list(&choices.currencies, "pick-none")),
        ("dimensions", list(&choices.dimensions, "")),
    ])
}

pub struct IndicatorForm;

impl FormKind for IndicatorForm {
    type Key = String;
    const FIELDS: &'static [&'static str] = IndicatorFields::FIELDS;
    const GROUPS: &'static [Group] = &[];

    /// An indicator's notes are a few sentences each, longer than a title.
    fn max_chars(field: &str) -> Option<usize> {
        match field.rsplit_once('_').map_or(field, |(base, _)| base) {
            "definition" | "period_note" | "source" | "methodology" => {
                Some(forja_core::edit::MAX_SUMMARY)
            }
            _ => forja_core::edit::max_chars(field),
        }
    }

    fn base(code: &String) -> String {
        format!("/indicators/{code}")
    }

    fn title(tr: Tr, values: &RawInput) -> String {
        tr.t1("edit-indicator-title", "title", first_text(values, "name"))
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        code: &String,
    ) -> Result<Opened, ServiceError> {
        let i = editing::indicator_for_edit(&state.store, user.actor(), code).await?;
        Ok(Opened {
            values: i.fields.to_input(),
            version: i.version,
            picks: picks(tr, &i.choices),
            delete: None,
            related: None,
        })
    }

    async fn save(
        state: &AppState,
        user: &SignedInUser,
        code: &String,
        input: &RawInput,
        writing: Writing,
        version: i32,
    ) -> Result<String, ServiceError> {
        editing::edit_indicator(&state.store, user.actor(), code, input, writing, version).await?;
        Ok(format!("/indicators/{code}"))
    }
}
