//! Editing in the browser — a city's profile and its programmes: one form template (errors
//! beside each field, what was typed kept), both versions side by side when someone saved
//! in between, history with a readable diff between any two versions, restore, delete
//! and undelete. Every action is authorised by the services through `core::policy`.

mod city;
pub mod data_entry;
pub mod data_history;
pub mod data_import;
pub(crate) mod forms;
mod history;
pub mod indicators;
pub mod media_library;
pub mod member_cities;
pub mod organisations;
pub mod practices;
mod programmes;
pub mod requests;
pub mod resources;
pub mod stories;
mod strategy;

pub use city::{edit_city_form, save_city};
pub use forms::{create_of, edit_form_of, new_form_of, save_form_of};
pub use history::{
    city_history, framework_node_history, history, indicator_history, objective_history,
    objective_page, organisation_history, resource_history, restore, restore_city,
    restore_framework_node, restore_indicator, restore_objective, restore_organisation,
    restore_resource, restore_status, restore_story, restore_strategy, status_history,
    story_history, strategy_history,
};
pub use programmes::{
    create_programme, delete, deleted, edit_form, new_programme_form, save, undelete,
};
pub use strategy::{
    FrameworkNodeForm, NewObjective, ObjectiveForm, StrategyForm, delete_objective,
};

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use forja_core::edit::{
    CityFields, DiffPart, EDIT_LANGUAGES, Format, Group, ProgrammeFields, RawInput, Writing,
};
use forja_core::progress::ProgrammeStatus;
use forja_services::ServiceError;
use forja_services::editing::{self, FieldChange, History};

use super::{Layout, PageCtx, render};
use crate::auth::SignedInUser;
use crate::error::{Allowed, Failure, FieldError, PageError};
use crate::i18n::Tr;
use crate::state::AppState;

/// One input of a form: label, value, error, and how it is entered.
pub struct Input {
    pub name: String,
    pub label: String,
    pub value: String,
    pub error: String,
    pub lang: String,
    /// text, area, long, select, date or number.
    pub kind: &'static str,
    pub options: Vec<(String, String)>,
    /// Long pick-many lists in collapsible sections: (heading, options).
    pub sections: Vec<(String, Vec<(String, String)>)>,
    pub hint: String,
    /// The most characters it takes (0: no limit to declare, as for a choice).
    pub maxlength: usize,
}

impl Input {
    /// Whether a checkbox for `code` is ticked (the value lists codes, comma-separated).
    pub fn is_selected(&self, code: &str) -> bool {
        self.value.split(',').any(|v| v.trim() == code)
    }

    /// Whether any option of a section is ticked (it opens then).
    pub fn any_selected(&self, options: &[(String, String)]) -> bool {
        options.iter().any(|(code, _)| self.is_selected(code))
    }
}

/// Framework nodes grouped under their top-level node (SDG 4 and its targets, KFLC
/// section 2 and its areas and features), when the list is long enough to need it.
/// Pick-list options: (code, label).
type Options = Vec<(String, String)>;

fn sections(options: &[(String, String)]) -> Vec<(String, Options)> {
    if options.len() < 30 {
        return Vec::new();
    }
    let mut out: Vec<(&str, String, Options)> = Vec::new();
    for (code, label) in options {
        let top = code.split('.').next().unwrap_or(code);
        let at = match out.iter().position(|(t, _, _)| *t == top) {
            Some(at) => at,
            None => {
                let heading = options
                    .iter()
                    .find(|(c, _)| c == top)
                    .map_or_else(|| top.to_owned(), |(_, l)| l.clone());
                out.push((top, heading, Vec::new()));
                out.len() - 1
            }
        };
        out[at].2.push((code.clone(), label.clone()));
    }
    out.into_iter()
        .map(|(_, heading, items)| (heading, items))
        .collect()
}

/// One row of a repeated group (a partner, a milestone, ...).
pub struct Row {
    pub index: usize,
    pub legend: String,
    pub inputs: Vec<Input>,
    /// A row that holds something can be marked for removal.
    pub stored: bool,
    /// It is marked (kept when the form comes back, as after "add a row").
    pub removed: bool,
}

/// A group of rows, with a button that adds a blank row without JavaScript.
pub struct RowGroup {
    pub name: &'static str,
    pub legend: String,
    pub error: String,
    pub rows: Vec<Row>,
    pub add: String,
}

/// The options of the pick-one and pick-many fields, by field name (a row field by its
/// own name: `organisation`, `role`).
pub type Picks = HashMap<&'static str, Vec<(String, String)>>;
fn label(tr: Tr, field: &str) -> (String, String) {
    if let Some((group, row, part)) = forja_core::edit::row_key(field) {
        let (own, lang) = label(tr, part);
        return (
            format!(
                "{} · {own}",
                tr.t1(&format!("row-{}", group.replace('_', "-")), "n", row + 1)
            ),
            lang,
        );
    }
    match field.rsplit_once('_') {
        Some((base, lang)) if EDIT_LANGUAGES.contains(&lang) => (
            format!(
                "{} ({})",
                tr.t(&format!("field-{}", base.replace('_', "-"))),
                tr.code("language", lang)
            ),
            lang.to_owned(),
        ),
        _ => (
            tr.t(&format!("field-{}", field.replace('_', "-"))),
            String::new(),
        ),
    }
}

fn kind(field: &str) -> &'static str {
    let own = forja_core::edit::row_key(field).map_or(field, |(_, _, f)| f);
    match own {
        f if f.starts_with("description")
            || f.starts_with("history")
            || f.starts_with("context") =>
        {
            "long"
        }
        f if f.starts_with("summary") || f.starts_with("contribution") => "area",
        // The parts of a good practice (`problem_en`, `transfer_ro`, ...).
        f if [
            "problem",
            "approach",
            "partners",
            "resources",
            "results",
            "difficulties",
            "transfer",
        ]
        .iter()
        .any(|part| {
            f.strip_prefix(part)
                .is_some_and(|rest| rest.starts_with('_'))
        }) =>
        {
            "long"
        }
        "status" | "parent" | "organisation" | "role" | "sdg_target" | "country" | "kind"
        | "currency" | "better" | "periodicity" | "programme" | "evidence" | "level" => "select",
        // An indicator's unit is one of a few; an output's (a row field) is typed.
        "unit" if own == field => "select",
        "objectives" | "target_groups" | "kflc" | "guidelines" | "sdg" | "dimensions"
        | "indicators" | "challenges" | "collections" | "partner_kinds" => "checks",
        f if f.starts_with("definition")
            || f.starts_with("methodology")
            || f.starts_with("period_note") =>
        {
            "area"
        }
        "done" | "collective" | "hidden_from_peers" => "flag",
        "text" => "long",
        "words" | "subtitle" => "area",
        "language" | "background" | "clip" | "captions" | "fact" | "position" | "overlay"
        | "translation_of" => "select",
        f if f.starts_with("theme_") => "colour",
        f => match forja_core::edit::format_of(f) {
            Some(Format::Date) => "date",
            Some(Format::Number | Format::Ungrouped) => "number",
            None => "text",
        },
    }
}

/// A text field's value in the first editing language that has one (`title_en`, then
/// `title_ro`): what a form's heading names.
pub(crate) fn first_text(values: &RawInput, prefix: &str) -> String {
    EDIT_LANGUAGES
        .iter()
        .filter_map(|l| values.get(&format!("{prefix}_{l}")))
        .find(|t| !t.trim().is_empty())
        .cloned()
        .unwrap_or_default()
}

/// How a person writes numbers and dates in the form's language.
pub(crate) fn writing(tr: Tr) -> Writing {
    Writing::Person(tr.locale)
}

/// Stored values (machine writing) as the form shows them in the reader's language.
pub(crate) fn for_form(tr: Tr, stored: &RawInput) -> RawInput {
    forja_core::edit::rewrite(stored, Writing::Machine, writing(tr))
}

fn inputs(
    tr: Tr,
    fields: &[&str],
    values: &RawInput,
    errors: &[FieldError],
    picks: &Picks,
) -> Vec<Input> {
    fields
        .iter()
        .map(|name| {
            // Inside a row the row's legend says which one it is.
            let own = forja_core::edit::row_key(name).map_or(*name, |(_, _, f)| f);
            let (label, lang) = label(tr, own);
            let error = errors
                .iter()
                .filter(|e| e.field == *name)
                .map(|e| e.text(tr))
                .collect::<Vec<_>>()
                .join(" ");
            let options = match (own, picks.get(own)) {
                (_, Some(options)) => options.clone(),
                ("status", None) => ProgrammeStatus::ALL
                    .iter()
                    .map(|s| (s.code().to_owned(), tr.code("status", s.code())))
                    .collect(),
                _ => Vec::new(),
            };
            // A row field's own hint first (`hint-outputs-code`), then the field's,
            // which every field has (one for all the languages a text is written in).
            let id = |name: &str| format!("hint-{}", name.replace('_', "-"));
            let base = match own.rsplit_once('_') {
                Some((base, lang)) if EDIT_LANGUAGES.contains(&lang) => base,
                _ => own,
            };
            let hint = forja_core::edit::row_key(name)
                .and_then(|(group, _, field)| tr.maybe(&id(&format!("{group}-{field}"))))
                .unwrap_or_else(|| tr.t(&id(base)));
            // A free-text field elsewhere (a picture's licence) is a choice where the
            // form offers its options (a practice's licence).
            let kind = match kind(name) {
                "text" if picks.contains_key(own) => "select",
                k => k,
            };
            let sections = if kind == "checks" {
                sections(&options)
            } else {
                Vec::new()
            };
            Input {
                name: (*name).to_owned(),
                label,
                value: values.get(*name).cloned().unwrap_or_default(),
                error,
                lang,
                kind,
                options,
                sections,
                hint,
                maxlength: forja_core::edit::max_chars(name).unwrap_or(0),
            }
        })
        .collect()
}

/// The row groups of a form: every row that holds something, then blank rows — one,
/// or one more for each press of the group's "add" button (`add`).
fn row_groups(
    tr: Tr,
    groups: &[Group],
    values: &RawInput,
    errors: &[FieldError],
    picks: &Picks,
    add: Option<&str>,
) -> Vec<RowGroup> {
    groups
        .iter()
        .map(|g| {
            let mut filled = std::collections::BTreeSet::new();
            let mut blank = std::collections::BTreeSet::new();
            for (key, value) in values {
                if let Some((group, row, field)) = forja_core::edit::row_key(key)
                    && group == g.name
                    && field != "remove"
                {
                    if value.trim().is_empty() {
                        blank.insert(row);
                    } else {
                        filled.insert(row);
                    }
                }
            }
            let blanks = blank.difference(&filled).count();
            let wanted = if add == Some(g.name) { blanks + 1 } else { 1 }.min(10);
            let next = filled.iter().chain(&blank).max().map_or(0, |m| m + 1);
            let rows = filled
                .iter()
                .copied()
                .map(|i| (i, true))
                .chain((next..next + wanted).map(|i| (i, false)))
                .take(forja_core::edit::MAX_ROWS + 10);
            RowGroup {
                name: g.name,
                legend: tr.t(&format!("group-{}", g.name.replace('_', "-"))),
                error: errors
                    .iter()
                    .filter(|e| e.field == g.name)
                    .map(|e| e.text(tr))
                    .collect::<Vec<_>>()
                    .join(" "),
                add: tr.t(&format!("add-{}", g.name.replace('_', "-"))),
                rows: rows
                    .enumerate()
                    .map(|(n, (index, stored))| {
                        let names: Vec<String> = g
                            .fields
                            .iter()
                            .map(|f| format!("{}.{index}.{f}", g.name))
                            .collect();
                        let names: Vec<&str> = names.iter().map(String::as_str).collect();
                        Row {
                            index,
                            legend: tr.t1(&format!("row-{}", g.name.replace('_', "-")), "n", n + 1),
                            inputs: inputs(tr, &names, values, errors, picks),
                            stored,
                            removed: values
                                .get(&format!("{}.{index}.remove", g.name))
                                .is_some_and(|v| !matches!(v.trim(), "" | "false" | "0" | "off")),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "edit.html")]
struct EditPage {
    l: Layout,
    /// Where the thing lives (its page).
    base: String,
    /// Where the form posts.
    action: String,
    version: i32,
    inputs: Vec<Input>,
    groups: Vec<RowGroup>,
    errors: Vec<String>,
    /// When someone saved in between: what both changed.
    conflict: Conflict,
    /// The delete form's address, when the person may delete.
    delete: Option<String>,
    /// Things that belong to this one (a strategy's objectives), listed under the form.
    related: Option<Related>,
}

/// A list of links under a form, with a way to add one more.
pub struct Related {
    pub heading: String,
    pub links: Vec<(String, String)>,
    pub add: Option<(String, String)>,
}

/// The error summary at the top of a form: each problem with its field's label (a
/// problem with a whole group of rows, such as too many, with the group's name).
fn error_summary(tr: Tr, errors: &[FieldError]) -> Vec<String> {
    errors
        .iter()
        .map(|e| {
            let group = format!("group-{}", e.field.replace('_', "-"));
            let field = tr.maybe(&group).unwrap_or_else(|| label(tr, &e.field).0);
            format!("{field}: {}", e.text(tr))
        })
        .collect()
}

pub(crate) fn no_store_page(response: Response) -> Result<Response, PageError> {
    no_store(response)
}

fn no_store(mut response: Response) -> Result<Response, PageError> {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

fn with_status<T: Template>(page: &T, status: StatusCode) -> Result<Response, PageError> {
    let mut response = render(page)?;
    *response.status_mut() = status;
    no_store(response)
}

/// A form as sent: repeated names (ticked checkboxes) joined with commas.
pub type FormPairs = Vec<(String, String)>;

/// The form's fields, without its own bookkeeping (token, version, add-a-row button).
fn form_fields(form: &FormPairs) -> RawInput {
    let mut input = RawInput::new();
    for (k, v) in form {
        // Bookkeeping: the token, the version, the add-a-row button, and a conflict
        // page's questions and answers.
        if matches!(
            k.as_str(),
            "csrf" | "version" | "add" | "ask" | "ask_by" | "ask_when"
        ) || k.starts_with("resolve.")
        {
            continue;
        }
        input
            .entry(k.clone())
            .and_modify(|all: &mut String| {
                all.push(',');
                all.push_str(v);
            })
            .or_insert_with(|| v.clone());
    }
    input
}

/// The form's fields and the version it was based on.
fn form_input(form: &FormPairs) -> Result<(RawInput, i32), Failure> {
    let version = form
        .iter()
        .find(|(k, _)| k == "version")
        .and_then(|(_, v)| v.trim().parse().ok())
        .ok_or(Failure::BadParameter {
            name: "version",
            allowed: Allowed::Message("allowed-whole-number", i64::from(i32::MAX)),
        })?;
    Ok((form_fields(form), version))
}

/// The group whose "add a row" button sent the form, if one did.
fn add_pressed(form: &FormPairs) -> Option<String> {
    form.iter()
        .find(|(k, _)| k == "add")
        .map(|(_, v)| v.clone())
}

/// One field (or group of rows) that both editors changed, and the person's choice.
pub struct ConflictRow {
    /// The field's name, or the row group's.
    pub unit: String,
    pub label: String,
    pub saved: String,
    pub mine: String,
    /// `saved` or `mine`, once chosen.
    pub choice: String,
    /// Shown again because no choice was made.
    pub missing: bool,
}

/// Someone saved while the person edited, and both changed these fields: who, when,
/// and a choice per field. Everything else is already merged into the form.
#[derive(Default)]
pub struct Conflict {
    pub by: String,
    pub when: String,
    /// Who saved and when, as a sentence.
    pub headline: String,
    pub rows: Vec<ConflictRow>,
}

impl Conflict {
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// What a field or group of rows holds, as one line for the conflict table.
fn unit_text(tr: Tr, values: &RawInput, unit: &str, groups: &[Group]) -> String {
    let mut rows: std::collections::BTreeMap<usize, Vec<&str>> = Default::default();
    let mut plain = None;
    for (key, value) in values.iter().filter(|(_, v)| !v.trim().is_empty()) {
        if forja_core::edit::unit_of(key, groups) != unit {
            continue;
        }
        match forja_core::edit::row_key(key) {
            Some((_, row, _)) if key != unit => rows.entry(row).or_default().push(value.trim()),
            _ => plain = Some(value.trim().to_owned()),
        }
    }
    match plain {
        Some(text) => text,
        None if rows.is_empty() => tr.t("conflict-empty"),
        None => rows
            .values()
            .map(|parts| parts.join(" · "))
            .collect::<Vec<_>>()
            .join(" / "),
    }
}

/// The conflict table for `units`: saved values beside the person's.
#[allow(clippy::too_many_arguments)]
fn conflict_view(
    tr: Tr,
    groups: &[Group],
    saved: &RawInput,
    mine: &RawInput,
    units: &[(String, Option<String>)],
    by: String,
    when: String,
    ask_again: bool,
) -> Conflict {
    let headline = if when.is_empty() {
        tr.t1("conflict-saved-by", "name", &by)
    } else {
        tr.t2("conflict-saved-by-at", ("name", &by), ("when", &when))
    };
    Conflict {
        by,
        when,
        headline,
        rows: units
            .iter()
            .map(|(unit, choice)| ConflictRow {
                unit: unit.clone(),
                label: match tr.maybe(&format!("group-{}", unit.replace('_', "-"))) {
                    Some(group) if groups.iter().any(|g| g.name == unit) => group,
                    _ => label(tr, unit).0,
                },
                saved: unit_text(tr, saved, unit, groups),
                mine: unit_text(tr, mine, unit, groups),
                choice: choice.clone().unwrap_or_default(),
                missing: ask_again && choice.is_none(),
            })
            .collect(),
    }
}

/// When a revision was saved, for people: the date in their language and the time (UTC).
fn saved_when(tr: Tr, at: i64) -> String {
    tr.moment(at)
}

/// The fields a conflict page asked about, each with the choice made (if any).
fn asked(form: &FormPairs) -> Vec<(String, Option<String>)> {
    form.iter()
        .filter(|(k, _)| k == "ask")
        .map(|(_, unit)| {
            let choice = form
                .iter()
                .find(|(k, v)| {
                    *k == format!("resolve.{unit}") && matches!(v.as_str(), "saved" | "mine")
                })
                .map(|(_, v)| v.clone());
            (unit.clone(), choice)
        })
        .collect()
}

fn hidden(form: &FormPairs, name: &str) -> String {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// What a form save comes to, for any editable kind.
///
/// - Saved: back to where `save` says.
/// - Invalid: the form again with each error beside its field (422), as typed.
/// - Someone saved in between: the services merged both edits; only the fields both
///   changed come back (409) with who saved and when, the saved value beside the
///   person's, and a choice for each. The form holds the merged values, based on the
///   current version. Sending it with a choice for every field saves; without one the
///   page asks again — nobody's work is reverted unless a person chose it.
///
/// `saved_now` is what is stored now, as the form shows it; `save` calls the service
/// with the input and the version it was based on; `page` builds the kind's form.
async fn save_with<Fut, T: Template>(
    sent: &FormPairs,
    tr: Tr,
    groups: &[Group],
    saved_now: &RawInput,
    save: impl FnOnce(RawInput, i32) -> Fut,
    page: impl Fn(&RawInput, i32, &[FieldError], Conflict) -> T,
) -> Result<Response, PageError>
where
    Fut: std::future::Future<Output = Result<String, ServiceError>>,
{
    let (mut input, version) = form_input(sent)?;
    let asked = asked(sent);
    if asked.iter().any(|(_, choice)| choice.is_none()) {
        let conflict = conflict_view(
            tr,
            groups,
            saved_now,
            &input,
            &asked,
            hidden(sent, "ask_by"),
            hidden(sent, "ask_when"),
            true,
        );
        return with_status(&page(&input, version, &[], conflict), StatusCode::CONFLICT);
    }
    for (unit, _) in asked.iter().filter(|(_, c)| c.as_deref() == Some("saved")) {
        input.retain(|k, _| forja_core::edit::unit_of(k, groups) != unit);
        input.extend(
            saved_now
                .iter()
                .filter(|(k, _)| forja_core::edit::unit_of(k, groups) == unit)
                .map(|(k, v)| (k.clone(), v.clone())),
        );
    }
    match save(input.clone(), version).await {
        Ok(done) => Ok(Redirect::to(&done).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            with_status(
                &page(&input, version, &errors, Conflict::default()),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(ServiceError::EditConflict(c)) => {
            let merged = for_form(tr, &c.merged);
            let units: Vec<(String, Option<String>)> =
                c.fields.iter().map(|f| (f.clone(), None)).collect();
            let by = c
                .saved_by
                .clone()
                .unwrap_or_else(|| tr.t("conflict-someone"));
            let conflict = conflict_view(
                tr,
                groups,
                &for_form(tr, &c.saved),
                &merged,
                &units,
                by,
                saved_when(tr, c.saved_at),
                false,
            );
            with_status(
                &page(&merged, c.current_version, &[], conflict),
                StatusCode::CONFLICT,
            )
        }
        Err(ServiceError::Conflict { current_version }) => {
            // Not mergeable (no record of the version the form came from): every field
            // that differs is the person's to decide.
            let mut units: Vec<(String, Option<String>)> = Vec::new();
            for key in saved_now.keys().chain(input.keys()) {
                let unit = forja_core::edit::unit_of(key, groups);
                let differs =
                    unit_text(tr, saved_now, unit, groups) != unit_text(tr, &input, unit, groups);
                if differs && !units.iter().any(|(u, _)| u == unit) {
                    units.push((unit.to_owned(), None));
                }
            }
            let conflict = conflict_view(
                tr,
                groups,
                saved_now,
                &input,
                &units,
                tr.t("conflict-someone"),
                String::new(),
                false,
            );
            with_status(
                &page(&input, current_version, &[], conflict),
                StatusCode::CONFLICT,
            )
        }
        Err(other) => Err(other.into()),
    }
}

/// Whether a delete was confirmed on its confirmation page.
fn confirmed(sent: &FormPairs) -> bool {
    sent.iter().any(|(k, v)| k == "confirm" && v == "yes")
}

#[derive(Template)]
#[template(path = "delete_confirm.html")]
struct DeleteConfirmPage {
    l: Layout,
    delete_action: String,
    /// Where "back to editing" posts the kept fields (shown again, not saved).
    edit_action: String,
    version: i32,
    restore_href: String,
    restore_text: String,
    /// What the person had typed in the form they came from.
    kept: Vec<(String, String)>,
}

/// What a delete confirmation names: the thing (at `{base}`, edited at `{base}/edit`,
/// deleted at `{base}/delete`), and where it can be brought back from.
pub(crate) struct DeleteAsk {
    /// The thing's name, as shown to people (when the form did not send one).
    pub name: String,
    pub base: String,
    /// Where it is restored from, and the Fluent id of that link's text.
    pub restore: (String, &'static str),
}

impl DeleteAsk {
    /// A thing restored from its own history page.
    pub fn new(name: impl Into<String>, base: String) -> Self {
        let history = format!("{base}/history");
        Self {
            name: name.into(),
            base,
            restore: (history, "history-title"),
        }
    }
}

/// A thing's name from a form it was edited in: its title or name in the reader's
/// language, else in any.
fn typed_name(tr: Tr, sent: &FormPairs) -> Option<String> {
    let find = |field: &str| {
        sent.iter()
            .find(|(k, v)| k == field && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
    };
    ["title", "name"].iter().find_map(|base| {
        find(&format!("{base}_{}", tr.lang()))
            .or_else(|| {
                EDIT_LANGUAGES
                    .iter()
                    .find_map(|l| find(&format!("{base}_{l}")))
            })
            .or_else(|| find(base))
    })
}

/// The confirmation page a delete shows first (it works without JavaScript): what will
/// go, how to get it back, a button that deletes and one that goes back to the form
/// with everything that was typed in it, unsaved edits included.
fn confirm_delete(ctx: &PageCtx, ask: DeleteAsk, sent: &FormPairs) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let version = sent
        .iter()
        .find(|(k, _)| k == "version")
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or_default();
    let name = typed_name(tr, sent).unwrap_or(ask.name);
    let page = DeleteConfirmPage {
        l: Layout::for_ctx(
            ctx,
            tr.t1("delete-confirm-title", "name", name),
            format!("{}/delete", ask.base),
        ),
        delete_action: format!("{}/delete", ask.base),
        edit_action: format!("{}/edit", ask.base),
        version,
        restore_href: ask.restore.0,
        restore_text: tr.t(ask.restore.1),
        kept: sent
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "version" | "confirm" | "add"))
            .cloned()
            .collect(),
    };
    no_store(render(&page)?)
}
