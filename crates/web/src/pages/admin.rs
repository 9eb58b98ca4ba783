//! `/admin/audit`: the security events (sign-ins, failures, role changes, token use),
//! for network administrators only.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use forja_core::policy::Action;

use super::{Layout, PageCtx, render};
use crate::auth::SignedInUser;
use crate::error::{Failure, PageError};
use crate::state::AppState;

struct EventRow {
    when: String,
    event: String,
    who: String,
    subject: String,
    client: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    l: Layout,
    events: Vec<EventRow>,
}

pub async fn audit(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    user.authorize(&Action::ViewAudit)?;
    let tr = ctx.tr;
    let rows = state
        .store
        .audit_events(500)
        .await
        .map_err(|e| Failure::from(forja_services::ServiceError::from(e)))?;
    let names = state
        .store
        .user_names(rows.iter().filter_map(|r| r.user_id))
        .await
        .map_err(|e| Failure::from(forja_services::ServiceError::from(e)))?;
    let events = rows
        .into_iter()
        .map(|e| EventRow {
            when: chrono::DateTime::from_timestamp(e.at, 0)
                .map(|d| format!("{} {}", tr.date(&d.date_naive()), d.format("%H:%M:%S")))
                .unwrap_or_default(),
            event: tr.code("audit-event", &e.event),
            who: e
                .user_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            subject: e.subject.unwrap_or_default(),
            client: e.client.unwrap_or_default(),
        })
        .collect();
    let mut response = render(&AuditPage {
        l: Layout::for_ctx(&ctx, tr.t("audit-title"), "/admin/audit"),
        events,
    })?;
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}
