//! Editing programmes in the browser: the form (errors beside each field, what was typed
//! kept), both versions side by side when someone saved in between, history with a
//! readable diff between any two versions, restore, delete and undelete. Every action
//! is authorised by the services through `forja_core::policy`.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use forja_core::edit::{DiffPart, EDIT_LANGUAGES, ProgrammeFields, RawInput};
use forja_core::progress::ProgrammeStatus;
use forja_services::ServiceError;
use forja_services::editing::{self, FieldChange, History};

use super::{Layout, PageCtx, render};
use crate::auth::SignedInUser;
use crate::error::{Failure, FieldError, PageError};
use crate::i18n::Tr;
use crate::state::AppState;

/// One input of the form, with its label, value and error.
pub struct Input {
    pub name: String,
    pub label: String,
    pub value: String,
    pub error: String,
    pub lang: String,
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

fn inputs(tr: Tr, values: &RawInput, errors: &[FieldError]) -> Vec<Input> {
    ProgrammeFields::FIELDS
        .iter()
        .map(|name| {
            let (label, lang) = label(tr, name);
            let error = errors
                .iter()
                .filter(|e| e.field == *name)
                .map(|e| tr.t1(e.message_id, "detail", &e.detail))
                .collect::<Vec<_>>()
                .join(" ");
            Input {
                name: (*name).to_owned(),
                label,
                value: values.get(*name).cloned().unwrap_or_default(),
                error,
                lang,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "programme_edit.html")]
struct EditPage {
    l: Layout,
    city: String,
    slug: String,
    version: i32,
    inputs: Vec<Input>,
    statuses: Vec<(String, String)>,
    errors: Vec<String>,
    /// When someone saved in between: (field label, saved value, your value).
    conflict: Vec<(String, String, String)>,
    may_delete: bool,
}

fn statuses(tr: Tr) -> Vec<(String, String)> {
    ProgrammeStatus::ALL
        .iter()
        .map(|s| (s.code().to_owned(), tr.code("status", s.code())))
        .collect()
}

async fn edit_page(
    state: &AppState,
    ctx: &PageCtx,
    user: &SignedInUser,
    city: &str,
    slug: &str,
    values: RawInput,
    version: i32,
    errors: &[FieldError],
    conflict: Vec<(String, String, String)>,
) -> Result<EditPage, PageError> {
    let tr = ctx.tr;
    let title = tr.t1(
        "edit-programme-title",
        "title",
        values
            .get("title_en")
            .or(values.get("title_ro"))
            .cloned()
            .unwrap_or_default(),
    );
    let may_delete = forja_core::policy::allowed(
        user.actor(),
        &forja_core::policy::Action::CreateOrDeleteProgramme {
            city: state
                .store
                .city_by_slug(city)
                .await
                .ok()
                .flatten()
                .map(|c| forja_core::ids::CityId(i64::from(c.id)))
                .unwrap_or(forja_core::ids::CityId(-1)),
        },
    );
    Ok(EditPage {
        l: Layout::for_ctx(ctx, title, format!("/cities/{city}/programmes/{slug}/edit")),
        city: city.to_owned(),
        slug: slug.to_owned(),
        version,
        inputs: inputs(tr, &values, errors),
        statuses: statuses(tr),
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
        may_delete,
    })
}

pub async fn edit_form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let p = editing::programme_for_edit(&state.store, user.actor(), &city, &slug).await?;
    let page = edit_page(
        &state,
        &ctx,
        &user,
        &city,
        &slug,
        p.fields.to_input(),
        p.version,
        &[],
        vec![],
    )
    .await?;
    no_store(render(&page)?)
}

fn no_store(mut response: Response) -> Result<Response, PageError> {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The form's fields, without the form's own bookkeeping.
fn form_input(form: &HashMap<String, String>) -> (RawInput, Option<i32>) {
    let version = form.get("version").and_then(|v| v.trim().parse().ok());
    let input = form
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "version"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (input, version)
}

pub async fn save(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let (input, version) = form_input(&form);
    let version = version.ok_or(Failure::BadParameter {
        name: "version",
        allowed: crate::error::Allowed::Message("allowed-whole-number", i64::from(i32::MAX)),
    })?;
    match editing::edit_programme(&state.store, user.actor(), &city, &slug, &input, version).await {
        Ok(_) => Ok(Redirect::to(&format!("/cities/{city}/programmes/{slug}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            let page = edit_page(
                &state,
                &ctx,
                &user,
                &city,
                &slug,
                input,
                version,
                &errors,
                vec![],
            )
            .await?;
            let mut response = render(&page)?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            no_store(response)
        }
        Err(ServiceError::Conflict { .. }) => {
            // Show what is saved now beside what this person typed; their input stays in
            // the form, now based on the current version, so saving again is a choice.
            let current =
                editing::programme_for_edit(&state.store, user.actor(), &city, &slug).await?;
            let saved = current.fields.to_input();
            let conflict = ProgrammeFields::FIELDS
                .iter()
                .filter(|f| {
                    saved.get(**f).map(String::as_str).unwrap_or("").trim()
                        != input.get(**f).map(String::as_str).unwrap_or("").trim()
                })
                .map(|f| {
                    (
                        label(ctx.tr, f).0,
                        saved.get(*f).cloned().unwrap_or_default(),
                        input.get(*f).cloned().unwrap_or_default(),
                    )
                })
                .collect();
            let page = edit_page(
                &state,
                &ctx,
                &user,
                &city,
                &slug,
                input,
                current.version,
                &[],
                conflict,
            )
            .await?;
            let mut response = render(&page)?;
            *response.status_mut() = StatusCode::CONFLICT;
            no_store(response)
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
    let (_, version) = form_input(&form);
    let version = version.ok_or(Failure::BadParameter {
        name: "version",
        allowed: crate::error::Allowed::Message("allowed-whole-number", i64::from(i32::MAX)),
    })?;
    editing::delete_programme(&state.store, user.actor(), &city, &slug, version).await?;
    Ok(Redirect::to(&format!("/cities/{city}/programmes/deleted")).into_response())
}

/// A revision row of the history page.
pub struct RevisionRow {
    pub version: i32,
    pub op: String,
    pub when: String,
    pub by: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "programme_history.html")]
struct HistoryPage {
    l: Layout,
    h: History,
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

pub async fn history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let h = editing::programme_history(&state.store, user.actor(), &city, &slug).await?;
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
                    allowed: crate::error::Allowed::Codes(
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
    let changes = editing::diff(&snapshot(from), &snapshot(to))
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
    let title = tr.t("history-title");
    let l = Layout::for_ctx(
        &ctx,
        title,
        format!("/cities/{city}/programmes/{slug}/history"),
    );
    let diff_heading = tr.t2("history-diff-heading", ("from", &from), ("to", &to));
    no_store(render(&HistoryPage {
        l,
        h,
        rows,
        from,
        to,
        diff_heading,
        changes,
    })?)
}

pub async fn restore(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, slug, version)): Path<(String, String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_programme(&state.store, user.actor(), &city, &slug, version).await?;
    Ok(Redirect::to(&format!("/cities/{city}/programmes/{slug}/history")).into_response())
}

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
