//! `/practices`: the network's good practices, one practice's page (the case in its
//! parts, its evidence, where it travelled, and for those who may, its review steps and
//! the form that records an adoption), and the repository as CSV and JSON.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use forja_core::edit::RawInput;
use forja_services::practices::{self, PracticeRights, PracticeSummary, PracticeView};

use super::{Layout, PageCtx, render};
use crate::error::{FieldError, PageError};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "practices.html")]
struct ListPage {
    l: Layout,
    practices: Vec<PracticeSummary>,
}

pub async fn index(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let practices = practices::practice_list(&state.store, actor).await?;
    let l = Layout::for_ctx(&ctx, ctx.tr.t("practices-title"), "/practices");
    render(&ListPage { l, practices })
}

/// One part of the case as the page shows it.
pub struct Part {
    pub name: &'static str,
    pub heading: String,
    pub html: String,
}

/// A note field of the adoption form, per language.
pub struct NoteField {
    pub lang: &'static str,
    pub name: String,
    pub value: String,
    pub error: String,
}

#[derive(Template)]
#[template(path = "practice.html")]
pub(crate) struct PracticePage {
    l: Layout,
    p: PracticeView,
    parts: Vec<Part>,
    rights: PracticeRights,
    /// Problems with the review or adoption form just sent, beside its fields.
    errors: Vec<FieldError>,
    /// What was typed into those forms, kept when they come back.
    typed: RawInput,
}

impl PracticePage {
    fn error(&self, field: &str) -> String {
        self.errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.text(self.l.tr))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn typed(&self, field: &str) -> &str {
        self.typed.get(field).map_or("", String::as_str)
    }

    /// The note in the reader's language first.
    fn notes(&self) -> Vec<NoteField> {
        let mut langs = forja_core::edit::EDIT_LANGUAGES.to_vec();
        langs.sort_by_key(|l| *l != self.l.tr.locale.code());
        langs
            .into_iter()
            .map(|lang| {
                let name = format!("note_{lang}");
                NoteField {
                    lang,
                    value: self.typed(&name).to_owned(),
                    error: self.error(&name),
                    name,
                }
            })
            .collect()
    }

    /// The reader sees a version that is not (or not yet) the published one.
    fn showing_unpublished(&self) -> bool {
        self.p.published_version != Some(self.p.shown_version)
    }

    /// Whether the person has a review step to take now.
    fn review_open(&self) -> bool {
        let status = self.p.fields.status.code();
        (self.rights.submit && status == "draft")
            || (self.rights.review && status == "submitted")
            || (self.rights.review
                && status == "reviewed"
                && self.p.published_version != Some(self.p.version))
            || !self.error("status").is_empty()
    }

    /// The current version is the published one.
    fn published_is_current(&self) -> bool {
        self.p.published_version == Some(self.p.version)
    }

    fn licence_name(&self) -> String {
        let code = crate::pages::editing::practices::message_code(&self.p.fields.licence);
        self.l.tr.code("licence", &code)
    }

    /// The licence's deed, for the licences a practice may carry.
    fn licence_url(&self) -> Option<&'static str> {
        Some(match self.p.fields.licence.as_str() {
            "CC-BY-4.0" => "https://creativecommons.org/licenses/by/4.0/",
            "CC-BY-SA-4.0" => "https://creativecommons.org/licenses/by-sa/4.0/",
            "CC0-1.0" => "https://creativecommons.org/publicdomain/zero/1.0/",
            _ => return None,
        })
    }
}

/// The practice page, with the problems of a form sent from it (then as 422).
pub(crate) async fn practice_page(
    state: &AppState,
    ctx: &PageCtx,
    slug: &str,
    errors: Vec<FieldError>,
    typed: RawInput,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let p = practices::practice_view(&state.store, actor, slug).await?;
    let rights = match actor {
        Some(a) => practices::practice_rights(&state.store, a, &p).await?,
        None => PracticeRights::default(),
    };
    // The summary leads the page; the other parts follow in the order a case reads.
    let parts = p
        .fields
        .texts()
        .into_iter()
        .filter(|(name, text)| *name != "summary" && !tr.txt(text).trim().is_empty())
        .map(|(name, text)| Part {
            name,
            heading: tr.code("practice-part", name),
            html: tr.markdown(text),
        })
        .collect();
    let title = format!("{} · {}", tr.txt(&p.fields.title), tr.txt(&p.city.name));
    let l = Layout::for_ctx(ctx, title, format!("/practices/{slug}"));
    let failed = !errors.is_empty();
    let mut response = render(&PracticePage {
        l,
        p,
        parts,
        rights,
        errors,
        typed,
    })?;
    if failed {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(response)
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    practice_page(&state, &ctx, &slug, Vec::new(), RawInput::new()).await
}

/// The published practices for researchers: `practices.csv` (one row a practice, its
/// texts in English and Romanian, codes joined with `;`) or `practices.json` (the API's
/// list with every field).
pub async fn export(
    State(state): State<Arc<AppState>>,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let rows = practices::published_export(&state.store).await?;
    let (body, kind) = match file.as_str() {
        "practices.csv" => (practices::export_csv(&rows)?, "text/csv; charset=utf-8"),
        "practices.json" => (practices::export_json(&rows), "application/json"),
        _ => return Err(crate::error::Failure::NotFound.into()),
    };
    let disposition = format!("attachment; filename=\"{file}\"");
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
