//! Editing in the browser — a city's profile and its programmes: one form template (errors
//! beside each field, what was typed kept), both versions side by side when someone saved
//! in between, history with a readable diff between any two versions, restore, delete
//! and undelete. Every action is authorised by the services through `core::policy`.

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

// --- Programmes ----------------------------------------------------------------------

fn programme_page(
    ctx: &PageCtx,
    city: &str,
    slug: &str,
    values: &RawInput,
    version: i32,
    errors: &[FieldError],
    conflict: Vec<(String, String, String)>,
    may_delete: bool,
) -> EditPage {
    let tr = ctx.tr;
    let name = values
        .get("title_en")
        .filter(|t| !t.is_empty())
        .or(values.get("title_ro"))
        .cloned()
        .unwrap_or_default();
    let base = format!("/cities/{city}/programmes/{slug}");
    EditPage {
        l: Layout::for_ctx(
            ctx,
            tr.t1("edit-programme-title", "title", name),
            format!("{base}/edit"),
        ),
        delete: may_delete.then(|| format!("{base}/delete")),
        action: format!("{base}/edit"),
        base,
        version,
        inputs: inputs(tr, ProgrammeFields::FIELDS, values, errors),
        errors: errors
            .iter()
            .map(|e| {
                format!(
                    "{}: {}",
                    label(tr, &e.field).0,
                    tr.t1(e.message_id, "detail", &e.detail)
                )
            })
            .collect(),
        conflict,
    }
}

async fn may_delete(state: &AppState, user: &SignedInUser, city: &str) -> bool {
    let city_id = match state.store.city_by_slug(city).await {
        Ok(Some(c)) => forja_core::ids::CityId(i64::from(c.id)),
        _ => return false,
    };
    forja_core::policy::allowed(
        user.actor(),
        &forja_core::policy::Action::CreateOrDeleteProgramme { city: city_id },
    )
}

pub async fn edit_form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let p = editing::programme_for_edit(&state.store, user.actor(), &city, &slug).await?;
    let page = programme_page(
        &ctx,
        &city,
        &slug,
        &p.fields.to_input(),
        p.version,
        &[],
        vec![],
        may_delete(&state, &user, &city).await,
    );
    no_store(render(&page)?)
}

pub async fn save(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let (input, version) = form_input(&form)?;
    let deletable = may_delete(&state, &user, &city).await;
    match editing::edit_programme(&state.store, user.actor(), &city, &slug, &input, version).await {
        Ok(_) => Ok(Redirect::to(&format!("/cities/{city}/programmes/{slug}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            with_status(
                &programme_page(
                    &ctx,
                    &city,
                    &slug,
                    &input,
                    version,
                    &errors,
                    vec![],
                    deletable,
                ),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(ServiceError::Conflict { .. }) => {
            // What is saved now beside what this person typed; their input stays in the
            // form, now based on the current version, so saving again is a choice.
            let current =
                editing::programme_for_edit(&state.store, user.actor(), &city, &slug).await?;
            let conflict = differences(
                ctx.tr,
                ProgrammeFields::FIELDS,
                &current.fields.to_input(),
                &input,
            );
            with_status(
                &programme_page(
                    &ctx,
                    &city,
                    &slug,
                    &input,
                    current.version,
                    &[],
                    conflict,
                    deletable,
                ),
                StatusCode::CONFLICT,
            )
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, slug)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let (_, version) = form_input(&form)?;
    editing::delete_programme(&state.store, user.actor(), &city, &slug, version).await?;
    Ok(Redirect::to(&format!("/cities/{city}/programmes/deleted")).into_response())
}

/// The fields of a new programme: its address, then the programme's own.
fn new_fields() -> Vec<&'static str> {
    std::iter::once("slug")
        .chain(ProgrammeFields::FIELDS.iter().copied())
        .collect()
}

fn new_programme_page(
    ctx: &PageCtx,
    city: &str,
    values: &RawInput,
    errors: &[FieldError],
) -> EditPage {
    let tr = ctx.tr;
    let base = format!("/cities/{city}/programmes");
    EditPage {
        l: Layout::for_ctx(ctx, tr.t("new-programme-title"), format!("{base}/new")),
        action: format!("{base}/new"),
        base,
        version: 0,
        inputs: inputs(tr, &new_fields(), values, errors),
        errors: errors
            .iter()
            .map(|e| {
                format!(
                    "{}: {}",
                    label(tr, &e.field).0,
                    tr.t1(e.message_id, "detail", &e.detail)
                )
            })
            .collect(),
        conflict: vec![],
        delete: None,
    }
}

pub async fn new_programme_form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    if !may_delete(&state, &user, &city).await {
        return Err(PageError(Failure::Forbidden));
    }
    let mut values = RawInput::new();
    values.insert("status".into(), "planned".into());
    values.insert("weight".into(), "1".into());
    no_store(render(&new_programme_page(&ctx, &city, &values, &[]))?)
}

pub async fn create_programme(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let input: RawInput = form
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "version"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    match editing::create_programme(&state.store, user.actor(), &city, &input).await {
        Ok(slug) => Ok(Redirect::to(&format!("/cities/{city}/programmes/{slug}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            with_status(
                &new_programme_page(&ctx, &city, &input, &errors),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(other) => Err(other.into()),
    }
}

// --- City profile ----------------------------------------------------------------------

fn city_page(
    ctx: &PageCtx,
    city: &str,
    values: &RawInput,
    version: i32,
    errors: &[FieldError],
    conflict: Vec<(String, String, String)>,
) -> EditPage {
    let tr = ctx.tr;
    let name = values
        .get("name_ro")
        .filter(|t| !t.is_empty())
        .or(values.get("name_en"))
        .cloned()
        .unwrap_or_default();
    let base = format!("/cities/{city}");
    EditPage {
        l: Layout::for_ctx(
            ctx,
            tr.t1("edit-city-title", "name", name),
            format!("{base}/edit"),
        ),
        action: format!("{base}/edit"),
        base,
        version,
        inputs: inputs(tr, CityFields::FIELDS, values, errors),
        errors: errors
            .iter()
            .map(|e| {
                format!(
                    "{}: {}",
                    label(tr, &e.field).0,
                    tr.t1(e.message_id, "detail", &e.detail)
                )
            })
            .collect(),
        conflict,
        delete: None,
    }
}

pub async fn edit_city_form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    let c = editing::city_for_edit(&state.store, user.actor(), &city).await?;
    no_store(render(&city_page(
        &ctx,
        &city,
        &c.fields.to_input(),
        c.version,
        &[],
        vec![],
    ))?)
}

pub async fn save_city(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let (input, version) = form_input(&form)?;
    match editing::edit_city(&state.store, user.actor(), &city, &input, version).await {
        Ok(_) => Ok(Redirect::to(&format!("/cities/{city}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            with_status(
                &city_page(&ctx, &city, &input, version, &errors, vec![]),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(ServiceError::Conflict { .. }) => {
            let current = editing::city_for_edit(&state.store, user.actor(), &city).await?;
            let conflict = differences(
                ctx.tr,
                CityFields::FIELDS,
                &current.fields.to_input(),
                &input,
            );
            with_status(
                &city_page(&ctx, &city, &input, current.version, &[], conflict),
                StatusCode::CONFLICT,
            )
        }
        Err(other) => Err(other.into()),
    }
}

// --- History ---------------------------------------------------------------------------

/// A revision row of the history page.
pub struct RevisionRow {
    pub version: i32,
    pub op: String,
    pub when: String,
    pub by: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    l: Layout,
    h: History,
    /// The thing's page; history lives at `{base}/history`.
    base: String,
    rows: Vec<RevisionRow>,
    from: i32,
    to: i32,
    diff_heading: String,
    changes: Vec<(String, Vec<DiffPart>)>,
}

fn when(tr: Tr, at: i64) -> String {
    if at == 0 {
        return tr.t("history-imported");
    }
    chrono::DateTime::from_timestamp(at, 0)
        .map(|d| format!("{} {}", tr.date(&d.date_naive()), d.format("%H:%M")))
        .unwrap_or_default()
}

fn history_page(
    ctx: &PageCtx,
    h: History,
    entity: &str,
    base: String,
    q: &HashMap<String, String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let versions: Vec<i32> = h.revisions.iter().map(|r| r.version).collect();
    let pick = |name: &'static str, default: i32| -> Result<i32, Failure> {
        match q.get(name).map(|s| s.trim()).filter(|s| !s.is_empty()) {
            None => Ok(default),
            Some(raw) => raw
                .parse::<i32>()
                .ok()
                .filter(|v| versions.contains(v))
                .ok_or(Failure::BadParameter {
                    name,
                    allowed: Allowed::Codes(
                        versions
                            .iter()
                            .map(i32::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                }),
        }
    };
    let last = *versions.last().unwrap_or(&h.current_version);
    let before_last = versions.iter().rev().nth(1).copied().unwrap_or(last);
    let (from, to) = (pick("from", before_last)?, pick("to", last)?);
    let snapshot = |v: i32| {
        h.revisions
            .iter()
            .find(|r| r.version == v)
            .map(|r| r.snapshot.clone())
            .unwrap_or_default()
    };
    let changes = editing::diff(entity, &snapshot(from), &snapshot(to))
        .into_iter()
        .map(|FieldChange { field, parts }| (label(tr, &field).0, parts))
        .collect();
    let rows = h
        .revisions
        .iter()
        .rev()
        .map(|r| RevisionRow {
            version: r.version,
            op: tr.code("history-op", &r.op),
            when: when(tr, r.at),
            by: r.by.clone().unwrap_or_else(|| tr.t("history-by-import")),
            current: r.version == h.current_version,
        })
        .collect();
    let l = Layout::for_ctx(ctx, tr.t("history-title"), format!("{base}/history"));
    let diff_heading = tr.t2("history-diff-heading", ("from", &from), ("to", &to));
    no_store(render(&HistoryPage {
        l,
        h,
        base,
        rows,
        from,
        to,
        diff_heading,
        changes,
    })?)
}

pub async fn history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = editing::programme_history(&state.store, user.actor(), &city, &slug).await?;
    history_page(
        &ctx,
        h,
        "programme",
        format!("/cities/{city}/programmes/{slug}"),
        &q,
    )
}

pub async fn city_history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = editing::city_profile_history(&state.store, user.actor(), &city).await?;
    history_page(&ctx, h, "city", format!("/cities/{city}"), &q)
}

pub async fn restore(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, slug, version)): Path<(String, String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_programme(&state.store, user.actor(), &city, &slug, version).await?;
    Ok(Redirect::to(&format!("/cities/{city}/programmes/{slug}/history")).into_response())
}

pub async fn restore_city(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, version)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_city(&state.store, user.actor(), &city, version).await?;
    Ok(Redirect::to(&format!("/cities/{city}/history")).into_response())
}

// --- Deleted programmes ------------------------------------------------------------------

#[derive(Template)]
#[template(path = "programmes_deleted.html")]
struct DeletedPage {
    l: Layout,
    city: String,
    deleted: Vec<(String, String)>,
}

pub async fn deleted(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let deleted = editing::deleted_programmes(&state.store, user.actor(), &city)
        .await?
        .into_iter()
        .map(|(slug, fields)| (slug, tr.txt(&fields.title)))
        .collect();
    let l = Layout::for_ctx(
        &ctx,
        tr.t("deleted-title"),
        format!("/cities/{city}/programmes/deleted"),
    );
    no_store(render(&DeletedPage { l, city, deleted })?)
}

/// Undelete: restore the version that recorded the deletion.
pub async fn undelete(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    editing::undelete_programme(&state.store, user.actor(), &city, &slug).await?;
    Ok(Redirect::to(&format!("/cities/{city}/programmes/{slug}")).into_response())
}
