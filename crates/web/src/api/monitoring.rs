//! `/api/v1/indicators`, a city's series (`/api/v1/cities/{slug}/indicators/{code}`),
//! its observations (filtered, paginated) and imports: a CSV body checked with
//! `dry_run=true` (nothing stored) or imported in one transaction, and undone. Reads
//! show what the public sees: small counts protected.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use forja_core::monitoring::disclosure::Shown;
use forja_core::monitoring::indicator::Dims;
use forja_core::monitoring::period::Period;
use forja_services::monitoring::data::{self, Upload};
use forja_services::monitoring::import::ReadOptions;
use forja_services::monitoring::views::{self, IndicatorMeta, IndicatorPage};
use forja_services::monitoring::{UndoOutcome, export};
use futures_util::StreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;
use utoipa::ToSchema;

use super::Paging;
use crate::auth::ApiUser;
use crate::error::{Allowed, ApiError, Failure, FieldError, Problem};
use crate::state::AppState;

/// An indicator as the API describes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorDoc {
    pub code: String,
    /// Texts by language.
    #[schema(value_type = HashMap<String, String>)]
    pub name: forja_core::LocalizedText,
    #[schema(value_type = HashMap<String, String>)]
    pub definition: forja_core::LocalizedText,
    /// What period a value covers ("last 12 months"): figures with different ones do
    /// not compare.
    #[schema(value_type = HashMap<String, String>)]
    pub period_note: forja_core::LocalizedText,
    /// percent, count, per-1000, currency, index or yes-no.
    pub unit: String,
    pub decimals: u8,
    /// higher, lower or neither.
    pub better: String,
    pub periodicity: String,
    /// Dimension codes it is broken down by.
    pub dimensions: Vec<String>,
    /// Framework nodes, as `framework:code`.
    pub links: Vec<String>,
    /// Counts under this are protected in public; none: no rule.
    pub disclosure_threshold: Option<u32>,
    /// Set when the indicator is worked out when read (its values cannot be written).
    pub computed: Option<ComputedDoc>,
}

/// numerator ÷ denominator × factor, by indicator code.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComputedDoc {
    pub numerator: String,
    pub denominator: String,
    pub factor: f64,
}

fn indicator_doc(m: &IndicatorMeta) -> IndicatorDoc {
    IndicatorDoc {
        code: m.code.clone(),
        name: m.name.clone(),
        definition: m.definition.clone(),
        period_note: m.period_note.clone(),
        unit: m.unit.code().to_owned(),
        decimals: m.decimals,
        better: m.better.code().to_owned(),
        periodicity: m.periodicity.clone(),
        dimensions: m.dimensions.iter().map(|d| d.code.clone()).collect(),
        links: m.links.iter().map(|(f, c, _)| format!("{f}:{c}")).collect(),
        disclosure_threshold: m.disclosure.map(|r| r.threshold),
        computed: m.computed.as_ref().map(|c| ComputedDoc {
            numerator: c.numerator.0.clone(),
            denominator: c.denominator.0.clone(),
            factor: c.factor,
        }),
    }
}

/// One value.
#[derive(Debug, Serialize, ToSchema)]
pub struct ObservationDoc {
    pub indicator: String,
    /// `2023`, `2023-S1`, `2023-Q1`, `2023-M01` or a school year `2023/2024`.
    pub period: String,
    /// Dimension → code; `{}` is the total.
    pub breakdown: HashMap<String, String>,
    /// None when protected (see `confidentiality`).
    pub value: Option<f64>,
    /// normal, provisional, estimated or break.
    pub status: String,
    pub note: Option<String>,
    /// Illustrative, not reported data.
    pub sample: bool,
    /// SDMX CONF_STATUS of a protected value: A (a small count) or D (hidden so a small
    /// count cannot be worked out).
    pub confidentiality: Option<String>,
}

/// A city's series of one indicator, with its target and rating.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesDoc {
    pub city: String,
    pub indicator: IndicatorDoc,
    /// The series' version: it changes with every import or entry.
    pub version: i32,
    /// The values of the total (the chart of the indicator's page).
    pub observations: Vec<ObservationDoc>,
    pub target: Option<views::TargetView>,
    pub rating: Option<RatingDoc>,
}

/// A progress rating by Statistics Canada's method, as Open SDG computes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingDoc {
    /// target-achieved, substantial-progress, moderate-progress, limited-progress,
    /// deterioration or not-available.
    pub status: String,
    /// −5 to +5.
    pub score: Option<f64>,
    /// Why not available.
    pub reason: Option<String>,
    pub base_year: Option<i32>,
    pub latest_year: Option<i32>,
    /// Observed ÷ required growth with a target; the growth rate without.
    pub progress: Option<f64>,
}

fn observation(
    code: &str,
    dims: &Dims,
    period: &str,
    shown: Shown,
    status: &str,
    note: Option<String>,
    sample: bool,
) -> ObservationDoc {
    let (value, confidentiality) = match shown {
        Shown::Value(v) => (Some(v), None),
        Shown::FewerThan(_) => (None, Some("A".to_owned())),
        Shown::Withheld => (None, Some("D".to_owned())),
    };
    ObservationDoc {
        indicator: code.to_owned(),
        period: period.to_owned(),
        breakdown: dims
            .pairs()
            .map(|(d, c)| (d.to_owned(), c.to_owned()))
            .collect(),
        value,
        status: status.to_owned(),
        note,
        sample,
        confidentiality,
    }
}

fn series_doc(p: &IndicatorPage) -> SeriesDoc {
    SeriesDoc {
        city: p.city_slug.clone(),
        indicator: indicator_doc(&p.meta),
        version: p.version,
        observations: p
            .points
            .iter()
            .map(|x| {
                observation(
                    &p.meta.code,
                    &p.breakdown,
                    &x.label,
                    x.shown,
                    &x.status,
                    x.note.clone(),
                    x.sample,
                )
            })
            .collect(),
        target: p.target.clone(),
        rating: p.rating.as_ref().map(|r| RatingDoc {
            status: r.rating.status.code().to_owned(),
            // The score is a function of the progress: hidden with it.
            score: if r.numbers_shown {
                r.rating.score
            } else {
                None
            },
            reason: r.rating.reason.map(|x| x.code().to_owned()),
            base_year: r.rating.base_year,
            latest_year: r.rating.latest_year,
            progress: if r.numbers_shown {
                r.rating.progress
            } else {
                None
            },
        }),
    }
}

/// The network's indicator catalogue, paginated.
#[utoipa::path(get, path = "/api/v1/indicators", tag = "monitoring",
    params(
        ("page" = Option<usize>, Query, minimum = 1, maximum = 1000000, description = "1-based page number"),
        ("per_page" = Option<usize>, Query, minimum = 1, maximum = 100, description = "Items per page, 1–100 (default 50)"),
    ),
    responses((status = 200, body = super::Page<IndicatorDoc>)))]
pub async fn indicators(
    State(state): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let paging = Paging::parse(&query)?;
    let all: Vec<IndicatorDoc> = views::catalogue(&state.store)
        .await?
        .iter()
        .map(|e| indicator_doc(&e.meta))
        .collect();
    Ok(paging.apply(all, "/api/v1/indicators"))
}

/// A city's series of one indicator (its total), with its target and rating. Its ETag
/// changes with the data.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/indicators/{code}", tag = "monitoring",
    params(("slug" = String, Path, description = "City slug"), ("code" = String, Path, description = "Indicator code, such as 4.3.1")),
    responses((status = 200, body = SeriesDoc)))]
pub async fn series(
    State(state): State<Arc<AppState>>,
    Path((slug, code)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let page = views::indicator_page(&state.store, &slug, &code, &[], false).await?;
    let version = page.version;
    Ok(super::versions::versioned(&series_doc(&page), version))
}

/// `dry_run=true` or `false` (the default).
pub(super) fn dry_run(query: &HashMap<String, String>) -> Result<bool, ApiError> {
    match query.get("dry_run").map(|s| s.trim()) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(bad("dry_run")),
    }
}

fn bad(name: &'static str) -> ApiError {
    ApiError(Failure::BadParameter {
        name,
        allowed: Allowed::Message("allowed-well-formed", 0),
    })
}

/// A city's observations, filtered by indicator, period range and breakdown, paginated.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/observations", tag = "monitoring",
    params(
        ("slug" = String, Path, description = "City slug"),
        ("indicator" = Option<String>, Query, description = "Only this indicator's values"),
        ("from" = Option<String>, Query, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-(S[12]|Q[1-4]|M(0[1-9]|1[0-2])))?$", description = "Only periods starting at or after this one's start: a year, half, quarter or month (2019, 2019-S1, 2019-Q1, 2019-M01)"),
        ("to" = Option<String>, Query, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-(S[12]|Q[1-4]|M(0[1-9]|1[0-2])))?$", description = "Only periods starting before this one's end"),
        ("breakdown" = Option<String>, Query, pattern = r"^(_T|[a-z][a-z-]*=[A-Za-z0-9_-]+(\|[a-z][a-z-]*=[A-Za-z0-9_-]+)*)$", description = "Only this breakdown: `sex=F|urbanisation=R`; `_T` for totals"),
        ("page" = Option<usize>, Query, minimum = 1, maximum = 1000000, description = "1-based page number"),
        ("per_page" = Option<usize>, Query, minimum = 1, maximum = 100, description = "Items per page, 1–100 (default 50)"),
    ),
    responses((status = 200, body = super::Page<ObservationDoc>)))]
pub async fn observations(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let paging = Paging::parse(&query)?;
    let period = |name: &'static str| -> Result<Option<Period>, ApiError> {
        query
            .get(name)
            .map(|raw| raw.parse::<Period>().map_err(|_| bad(name)))
            .transpose()
    };
    let (from, to) = (period("from")?, period("to")?);
    let breakdown = match query.get("breakdown").map(|b| b.trim()) {
        None => None,
        Some("_T") => Some(Dims::total()),
        Some(raw) => {
            // As the parameter's pattern says: `dimension=code` pairs, a dimension in
            // lower case letters and hyphens, a code in letters, digits, `_` and `-`.
            let dimension = |d: &str| {
                d.starts_with(|c: char| c.is_ascii_lowercase())
                    && d.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            };
            let code = |c: &str| {
                !c.is_empty()
                    && c.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            };
            if raw.split('|').any(|p| {
                p.split_once('=')
                    .is_none_or(|(d, c)| !dimension(d) || !code(c))
            }) {
                return Err(bad("breakdown"));
            }
            Some(Dims::from_key(raw))
        }
    };
    let e = export::rows(
        &state.store,
        &slug,
        query.get("indicator").map(String::as_str),
        false,
    )
    .await?;
    let all: Vec<ObservationDoc> = e
        .rows
        .iter()
        .filter(|r| {
            let p = r.period.parse::<Period>().ok();
            let after = from.is_none_or(|f| p.is_some_and(|p| p.start >= f.start));
            let before = to.is_none_or(|t| p.is_some_and(|p| p.start < t.end()));
            after && before && breakdown.as_ref().is_none_or(|b| &r.dims == b)
        })
        .map(|r| {
            let shown = match (r.value, r.confidentiality) {
                (Some(v), _) => Shown::Value(v),
                (None, Some("A")) => Shown::FewerThan(0),
                _ => Shown::Withheld,
            };
            observation(
                &r.indicator,
                &r.dims,
                &r.period,
                shown,
                r.status.code(),
                r.note.clone(),
                r.sample,
            )
        })
        .collect();
    Ok(paging.apply(all, &format!("/api/v1/cities/{slug}/observations")))
}

/// What an import did or would do.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportDoc {
    /// True: nothing was stored.
    pub dry_run: bool,
    /// tidy-csv, sdmx-csv-1 or sdmx-csv-2.
    pub format: String,
    pub encoding: String,
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub deleted: u64,
    pub rejected: u64,
    /// The first refused rows, each with its line, column and what to fix.
    pub rejects: Vec<RejectDoc>,
    /// The kept import (to undo it), when something changed.
    pub import: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RejectDoc {
    pub line: usize,
    pub column: String,
    pub message: String,
}

/// The media type of an Excel workbook.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Imports a file of observations into a city (Open SDG tidy CSV, SDMX-CSV 1.0 or 2.0,
/// this API's export, or the same in an Excel workbook's first sheet). With `dry_run=true` nothing is stored and the summary
/// says what would happen; otherwise everything is stored in one transaction, or
/// nothing when any row is refused (422).
#[utoipa::path(post, path = "/api/v1/cities/{slug}/imports", tag = "monitoring",
    params(
        ("slug" = String, Path, description = "City slug"),
        ("dry_run" = Option<bool>, Query, description = "Only say what the file would do"),
        ("decimal_mark" = Option<String>, Query, pattern = "^(comma|point)$", description = "comma or point, when the file leaves it open"),
        ("indicator" = Option<String>, Query, description = "The indicator of a file without an Indicator column"),
    ),
    request_body(description = "The file: CSV in UTF-8 (or Windows-1250, ISO-8859-2), or an Excel workbook (its first sheet)",
        content(
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
    responses(
        (status = 200, body = ImportDoc, description = "Checked (dry run) or nothing to change"),
        (status = 201, body = ImportDoc, description = "Imported"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn import(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let dry_run = dry_run(&query)?;
    let mark = match query.get("decimal_mark").map(|s| s.trim()) {
        None => None,
        Some("comma") => Some(forja_core::monitoring::numbers::DecimalMark::Comma),
        Some("point") => Some(forja_core::monitoring::numbers::DecimalMark::Point),
        Some(_) => return Err(bad("decimal_mark")),
    };
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !kind.starts_with("text/csv")
        && !kind.starts_with("application/vnd.sdmx.data+csv")
        && !kind.starts_with(XLSX)
    {
        return Err(ApiError(Failure::UnsupportedMediaType));
    }
    // Refused before the body is read when the caller may not import here.
    if !data::may_enter_data(&state.store, Some(&user.0), &slug).await? {
        return Err(ApiError(Failure::Forbidden));
    }
    tokio::fs::create_dir_all(&state.media.work_dir)
        .await
        .map_err(|_| Failure::Internal)?;
    let token = forja_services::auth::random_token().map_err(Failure::from)?;
    let path = state
        .media
        .work_dir
        .join(format!("api-data-{}", &token[..32]));
    let mut hash = Sha256::new();
    let mut file = tokio::fs::File::create(&path)
        .await
        .map_err(|_| Failure::Internal)?;
    let mut stream = body.into_data_stream();
    let mut received = Ok(());
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(bytes) => {
                hash.update(&bytes);
                if file.write_all(&bytes).await.is_err() {
                    received = Err(ApiError(Failure::Internal));
                    break;
                }
            }
            Err(_) => {
                received = Err(ApiError(Failure::PayloadTooLarge));
                break;
            }
        }
    }
    let _ = file.flush().await;
    if let Err(e) = received {
        let _ = tokio::fs::remove_file(&path).await;
        return Err(e);
    }
    let upload = Upload {
        path: path.clone(),
        file_name: "api.csv".into(),
        sha256: hex::encode(hash.finalize()),
    };
    let options = ReadOptions {
        mark,
        indicator: query
            .get("indicator")
            .cloned()
            .filter(|s| !s.trim().is_empty()),
        only: None,
        expect: None,
    };
    let result = data::import_file(&state.store, &user.0, &slug, &upload, options, !dry_run).await;
    let _ = tokio::fs::remove_file(&path).await;
    let s = result?;
    let tr = crate::i18n::Tr::new(forja_core::Locale::En);
    if !dry_run && s.rejected > 0 {
        let errors = s
            .rejects
            .iter()
            .map(|r| {
                FieldError::new(
                    format!(
                        "line {}{}",
                        r.line,
                        if r.column.is_empty() {
                            String::new()
                        } else {
                            format!(", {}", r.column)
                        }
                    ),
                    "import-row-refused",
                    crate::data_text::reason(&tr, r),
                )
            })
            .collect();
        return Err(ApiError(Failure::Invalid(errors)));
    }
    let doc = ImportDoc {
        dry_run,
        format: s.format.to_owned(),
        encoding: s.encoding.to_owned(),
        rows: s.rows,
        created: s.counts.created,
        updated: s.counts.updated,
        unchanged: s.counts.unchanged,
        deleted: s.counts.deleted,
        rejected: s.rejected,
        rejects: s
            .rejects
            .iter()
            .map(|r| RejectDoc {
                line: r.line,
                column: r.column.clone(),
                message: crate::data_text::reason(&tr, r),
            })
            .collect(),
        import: s.import_id,
    };
    let status = if s.import_id.is_some() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(doc)).into_response())
}

/// The result of undoing an import.
#[derive(Debug, Serialize, ToSchema)]
pub struct Undone {
    pub import: i32,
}

/// Undoes one of a city's imports as a whole; 409 when values it wrote changed since.
#[utoipa::path(post, path = "/api/v1/cities/{slug}/imports/{id}/undo", tag = "monitoring",
    params(("slug" = String, Path, description = "City slug"), ("id" = i32, Path, description = "The import's number")),
    responses(
        (status = 200, body = Undone),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn undo(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<Undone>, ApiError> {
    let id = id.parse::<i32>().map_err(|_| bad("id"))?;
    match data::undo(&state.store, &user.0, &slug, id).await? {
        UndoOutcome::ChangedSince(_) => Err(ApiError(Failure::Conflict {
            current_version: 0,
            fields: vec!["values changed since the import".into()],
        })),
        UndoOutcome::AlreadyUndone => Err(ApiError(Failure::Conflict {
            current_version: 0,
            fields: vec!["the import is already undone".into()],
        })),
        _ => Ok(Json(Undone { import: id })),
    }
}
