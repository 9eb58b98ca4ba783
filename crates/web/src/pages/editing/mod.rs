//! Editing in the browser — a city's profile and its programmes: one form template (errors
//! beside each field, what was typed kept), both versions side by side when someone saved
//! in between, history with a readable diff between any two versions, restore, delete
//! and undelete. Every action is authorised by the services through `core::policy`.

mod city;
mod history;
mod programmes;

pub use city::{edit_city_form, save_city};
pub use history::{city_history, history, restore, restore_city};
pub use programmes::{
    create_programme, delete, deleted, edit_form, new_programme_form, save, undelete,
};

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use forja_core::edit::{CityFields, DiffPart, EDIT_LANGUAGES, ProgrammeFields, RawInput};
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
    pub hint: String,
}

fn label(tr: Tr, field: &str) -> (String, String) {
    match field.rsplit_once('_') {
        Some((base, lang)) if EDIT_LANGUAGES.contains(&lang) => (
            format!(
                "{} ({})",
                tr.t(&format!("field-{base}")),
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
    match field {
        f if f.starts_with("description")
            || f.starts_with("history")
            || f.starts_with("context") =>
        {
            "long"
        }
        f if f.starts_with("summary") => "area",
        "status" => "select",
        "start_on" | "end_on" => "date",
        "progress" | "weight" | "population" | "population_year" | "area_km2" => "number",
        _ => "text",
    }
}

fn inputs(tr: Tr, fields: &[&str], values: &RawInput, errors: &[FieldError]) -> Vec<Input> {
    fields
        .iter()
        .map(|name| {
            let (label, lang) = label(tr, name);
            let error = errors
                .iter()
                .filter(|e| e.field == *name)
                .map(|e| tr.t1(e.message_id, "detail", &e.detail))
                .collect::<Vec<_>>()
                .join(" ");
            let options = if *name == "status" {
                ProgrammeStatus::ALL
                    .iter()
                    .map(|s| (s.code().to_owned(), tr.code("status", s.code())))
                    .collect()
            } else {
                Vec::new()
            };
            let hint = match *name {
                "progress" | "weight" | "languages" | "website" => {
                    tr.code("hint", &name.replace('_', "-"))
                }
                _ => String::new(),
            };
            Input {
                name: (*name).to_owned(),
                label,
                value: values.get(*name).cloned().unwrap_or_default(),
                error,
                lang,
                kind: kind(name),
                options,
                hint,
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
    errors: Vec<String>,
    /// When someone saved in between: (field label, saved value, your value).
    conflict: Vec<(String, String, String)>,
    /// The delete form's address, when the person may delete.
    delete: Option<String>,
}

fn no_store(mut response: Response) -> Result<Response, PageError> {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

fn with_status(page: &EditPage, status: StatusCode) -> Result<Response, PageError> {
    let mut response = render(page)?;
    *response.status_mut() = status;
    no_store(response)
}

/// The form's fields, without its own bookkeeping (token, version).
fn form_input(form: &HashMap<String, String>) -> Result<(RawInput, i32), Failure> {
    let version = form
        .get("version")
        .and_then(|v| v.trim().parse().ok())
        .ok_or(Failure::BadParameter {
            name: "version",
            allowed: Allowed::Message("allowed-whole-number", i64::from(i32::MAX)),
        })?;
    let input = form
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "version"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Ok((input, version))
}

/// A conflict's rows: (field label, saved value, typed value).
type Conflict = Vec<(String, String, String)>;

/// What a form save comes to, for any editable kind: back to `done`; the form again with
/// each error beside its field (422); or, when someone saved in between, what is saved
/// now beside what was typed (409) — the typed input stays in the form, now based on the
/// current version, so saving again is a choice. `page` builds the kind's form from
/// (values, version, errors, conflict); `current` reads what is saved now.
#[allow(clippy::too_many_arguments)]
async fn answer_save<Fut>(
    result: Result<i32, ServiceError>,
    done: String,
    tr: Tr,
    fields: &[&str],
    input: &RawInput,
    version: i32,
    current: impl FnOnce() -> Fut,
    page: impl Fn(&RawInput, i32, &[FieldError], Conflict) -> EditPage,
) -> Result<Response, PageError>
where
    Fut: std::future::Future<Output = Result<(RawInput, i32), ServiceError>>,
{
    match result {
        Ok(_) => Ok(Redirect::to(&done).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            with_status(
                &page(input, version, &errors, vec![]),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(ServiceError::Conflict { .. }) => {
            let (saved, current_version) = current().await?;
            let conflict = differences(tr, fields, &saved, input);
            with_status(
                &page(input, current_version, &[], conflict),
                StatusCode::CONFLICT,
            )
        }
        Err(other) => Err(other.into()),
    }
}

/// What differs between what is saved now and what was typed.
fn differences(
    tr: Tr,
    fields: &[&str],
    saved: &RawInput,
    typed: &RawInput,
) -> Vec<(String, String, String)> {
    fields
        .iter()
        .filter(|f| {
            saved.get(**f).map(String::as_str).unwrap_or("").trim()
                != typed.get(**f).map(String::as_str).unwrap_or("").trim()
        })
        .map(|f| {
            (
                label(tr, f).0,
                saved.get(*f).cloned().unwrap_or_default(),
                typed.get(*f).cloned().unwrap_or_default(),
            )
        })
        .collect()
}
