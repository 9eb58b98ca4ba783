//! `PATCH /api/v1/cities/{slug}/indicators/{code}/observations`: values of one
//! indicator written at once, based on the series' version (`If-Match` or `version`),
//! with `dry_run=true` to check first. They go through the importer
//! (`services::monitoring::write`): checked like a file's rows, all or nothing, kept as
//! one import that can be undone.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use forja_services::monitoring::write::{self, Value};
use serde::Serialize;
use utoipa::ToSchema;

use super::bodies::ObservationsBody;
use super::versions::{Based, based_on, strict};
use crate::auth::ApiUser;
use crate::error::{ApiError, Failure, FieldError};
use crate::state::AppState;

/// What a write of values did, or would do.
#[derive(Debug, Serialize, ToSchema)]
pub struct WrittenValues {
    /// True: nothing was stored.
    pub dry_run: bool,
    /// The series' version now (its ETag's number).
    pub version: i32,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub deleted: u64,
    /// The kept import (to undo the write as a whole), when something changed.
    pub import: Option<i32>,
}

/// The field of the body a refused value's column came from.
fn field(index: usize, column: &str) -> String {
    let name = match column {
        write::PERIOD => "period".to_owned(),
        write::VALUE => "value".to_owned(),
        write::STATUS => "status".to_owned(),
        write::NOTE => "note".to_owned(),
        write::SAMPLE => "sample".to_owned(),
        write::ACTION => "delete".to_owned(),
        "" => return format!("observations[{index}]"),
        dimension => format!("breakdown.{dimension}"),
    };
    format!("observations[{index}].{name}")
}

/// Stores or removes the values listed (those not listed stay as they are), if the
/// series is still at the version named; with `dry_run=true` only says what would
/// happen. Nothing is stored when any value is refused (422, each named by its place in
/// the list and field).
#[utoipa::path(patch, path = "/api/v1/cities/{slug}/indicators/{code}/observations", tag = "monitoring",
    params(
        ("slug" = String, Path, description = "City slug"),
        ("code" = String, Path, description = "Indicator code, such as 4.3.1"),
        ("dry_run" = Option<bool>, Query, description = "Only say what the values would do"),
    ),
    request_body(content = ObservationsBody, description = "The values, and the series' version as read (or send If-Match with its ETag)."),
    responses((status = 200, body = WrittenValues)),
    security(("bearer" = [])))]
pub async fn write_observations(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((slug, code)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<Json<WrittenValues>, ApiError> {
    let dry_run = super::monitoring::dry_run(&query)?;
    let body: ObservationsBody = super::editing::typed_body(body)?;
    if body.observations.is_empty() {
        return Err(ApiError(Failure::Invalid(vec![FieldError::new(
            "observations",
            "field-required",
            "",
        )])));
    }
    let current = write::version(&state.store, &slug, &code).await?;
    let based = based_on(&headers, body.version)?;
    let if_match = matches!(based, Based::Match(_));
    let expect = match based {
        Based::Any => None,
        other => Some(other.against(current)?),
    };
    let values: Vec<Value> = body
        .observations
        .into_iter()
        .map(|o| Value {
            period: o.period,
            breakdown: o.breakdown,
            value: o.value,
            status: o.status,
            note: o.note,
            sample: o.sample,
            delete: o.delete,
        })
        .collect();
    let s = write::write_values(
        &state.store,
        &user.0,
        &slug,
        &code,
        &values,
        expect,
        &state.media.work_dir,
        !dry_run,
    )
    .await
    .map_err(|e| strict(e.into(), if_match))?;
    if s.rejected > 0 {
        let tr = crate::i18n::Tr::new(forja_core::Locale::En);
        return Err(ApiError(Failure::Invalid(
            s.rejects
                .iter()
                .map(|r| {
                    FieldError::new(
                        field(r.line.saturating_sub(2), &r.column),
                        "import-row-refused",
                        crate::data_text::reason(&tr, r),
                    )
                })
                .collect(),
        )));
    }
    let version = if s.import_id.is_some() {
        write::version(&state.store, &slug, &code).await?
    } else {
        current
    };
    Ok(Json(WrittenValues {
        dry_run,
        version,
        created: s.counts.created,
        updated: s.counts.updated,
        unchanged: s.counts.unchanged,
        deleted: s.counts.deleted,
        import: s.import_id,
    }))
}
