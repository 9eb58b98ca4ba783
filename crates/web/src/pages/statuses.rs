//! `/programme-statuses`: what each programme status says about progress, as the
//! network set it; network administrators edit each (`/programme-statuses/{code}/edit`,
//! through the shared form, with history).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use forja_core::edit::{RawInput, StatusFields, Writing};
use forja_services::{ServiceError, editing};

use super::editing::forms::{FormKind, Opened};
use super::{Layout, PageCtx, render};
use crate::auth::SignedInUser;
use crate::error::PageError;
use crate::i18n::Tr;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "programme_statuses.html")]
struct StatusesPage {
    l: Layout,
    /// (code, name, what it says).
    rows: Vec<(String, String, String)>,
    can_edit: bool,
}

pub async fn list(State(state): State<Arc<AppState>>, ctx: PageCtx) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let rows = editing::programme_statuses(&state.store)
        .await?
        .into_iter()
        .map(|s| {
            let says = match s.default_progress {
                Some(p) => tr.t1("statuses-progress", "percent", tr.num(p)),
                None => tr.t("statuses-nothing"),
            };
            (s.code.clone(), tr.code("status", &s.code), says)
        })
        .collect();
    let can_edit = ctx
        .user
        .as_ref()
        .is_some_and(|u| editing::may_edit_frameworks(&u.actor));
    render(&StatusesPage {
        l: Layout::for_ctx(&ctx, tr.t("statuses-title"), "/programme-statuses"),
        rows,
        can_edit,
    })
}

/// `/programme-statuses/{code}`: its row in the list.
pub async fn one(Path(code): Path<String>) -> Response {
    let code: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Redirect::to(&format!("/programme-statuses#status-{code}")).into_response()
}

pub struct StatusForm;

impl FormKind for StatusForm {
    type Key = String;
    const FIELDS: &'static [&'static str] = StatusFields::FIELDS;
    const GROUPS: &'static [forja_core::edit::Group] = &[];

    fn base(code: &String) -> String {
        format!("/programme-statuses/{code}")
    }

    fn title(tr: Tr, _: &RawInput) -> String {
        tr.t("statuses-edit-title")
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        _: Tr,
        code: &String,
    ) -> Result<Opened, ServiceError> {
        let s = editing::status_for_edit(&state.store, user.actor(), code).await?;
        Ok(Opened {
            values: s.fields.to_input(),
            version: s.version,
            picks: Default::default(),
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
        editing::edit_status(&state.store, user.actor(), code, input, writing, version).await?;
        Ok(format!("/programme-statuses#status-{code}"))
    }
}
