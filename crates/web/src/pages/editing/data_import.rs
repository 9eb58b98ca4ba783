//! Importing a city's data in the browser: choose a file, see what it would do (every
//! refused row with its line, column and what to fix), confirm, and undo any import
//! later. The checked file waits under the media work directory, named by a random
//! token the confirm form carries, so confirming does not upload it again.

use axum::extract::Multipart;
use forja_core::monitoring::numbers::DecimalMark;
use forja_services::monitoring::UndoOutcome;
use forja_services::monitoring::data::{self, ImportView, Upload};
use forja_services::monitoring::import::{ReadOptions, Summary};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::*;

/// How long a checked file waits for its confirmation.
const STAGED_FOR: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// A refused row as the page lists it.
pub struct RejectRow {
    pub line: usize,
    pub column: String,
    pub what: String,
}

/// The choices the confirm form carries back.
#[derive(Default, Clone, serde::Deserialize)]
pub struct Choices {
    #[serde(default)]
    pub mark: String,
    #[serde(default)]
    pub indicator: String,
}

#[derive(Template)]
#[template(path = "data_import.html")]
struct ImportPage {
    l: Layout,
    city: String,
    limit_mb: usize,
    indicators: Vec<(String, String)>,
    choices: Choices,
    file_error: String,
    summary: Option<Summary>,
    rejects: Vec<RejectRow>,
    more: u64,
    read_as: String,
    /// The checked file waiting for confirmation: (token, file name, hash).
    staged: Option<(String, String, String)>,
    message: String,
    error: String,
    imports: Vec<ImportRow>,
}

/// An import as the page lists it.
pub struct ImportRow {
    pub id: i32,
    pub when: String,
    pub file_name: String,
    pub sha_short: String,
    pub format: String,
    pub counts: forja_services::monitoring::Counts,
    pub by: String,
    pub undone: bool,
}

fn row(tr: Tr, i: ImportView) -> ImportRow {
    ImportRow {
        id: i.id,
        when: super::history::when(tr, i.at),
        sha_short: i.sha256.chars().take(12).collect(),
        file_name: i.file_name,
        format: i.format,
        counts: i.counts,
        by: i.by.unwrap_or_default(),
        undone: i.undone_at.is_some(),
    }
}

fn options(c: &Choices) -> ReadOptions {
    ReadOptions {
        mark: match c.mark.as_str() {
            "comma" => Some(DecimalMark::Comma),
            "point" => Some(DecimalMark::Point),
            _ => None,
        },
        indicator: Some(c.indicator.trim().to_owned()).filter(|s| !s.is_empty()),
        only: None,
        expect: None,
    }
}

#[derive(Default)]
struct PageParts {
    choices: Choices,
    file_error: String,
    summary: Option<Summary>,
    staged: Option<(String, String, String)>,
    message: String,
    error: String,
}

async fn page(
    state: &AppState,
    user: &SignedInUser,
    ctx: &PageCtx,
    city: &str,
    parts: PageParts,
) -> Result<ImportPage, PageError> {
    let tr = ctx.tr;
    let imports = data::imports(&state.store, user.actor(), city)
        .await?
        .into_iter()
        .map(|i| row(tr, i))
        .collect();
    let indicators = forja_services::monitoring::views::catalogue(&state.store)
        .await?
        .into_iter()
        .map(|e| {
            (
                e.meta.code.clone(),
                format!("{} {}", e.meta.code, tr.txt(&e.meta.name)),
            )
        })
        .collect();
    let (rejects, more, read_as) = match &parts.summary {
        Some(s) => (
            s.rejects
                .iter()
                .map(|r| RejectRow {
                    line: r.line,
                    column: r.column.clone(),
                    what: crate::data_text::reason(&tr, r),
                })
                .collect(),
            s.rejected.saturating_sub(s.rejects.len() as u64),
            read_as(&tr, s),
        ),
        None => (Vec::new(), 0, String::new()),
    };
    Ok(ImportPage {
        l: Layout::for_ctx(
            ctx,
            tr.t("import-title"),
            format!("/cities/{city}/monitoring/import"),
        ),
        city: city.to_owned(),
        limit_mb: state.upload_limit >> 20,
        indicators,
        choices: parts.choices,
        file_error: parts.file_error,
        summary: parts.summary,
        rejects,
        more,
        read_as,
        staged: parts.staged,
        message: parts.message,
        error: parts.error,
        imports,
    })
}

/// How the file was read, in one or two sentences.
fn read_as(tr: &Tr, s: &Summary) -> String {
    let sep = match s.separator {
        '\t' => "Tab".to_owned(),
        c => c.to_string(),
    };
    let mut out = match &s.sheet {
        Some(sheet) => tr.t1("import-read-as-sheet", "sheet", sheet),
        None => tr.t3(
            "import-read-as",
            ("format", &s.format),
            ("encoding", &s.encoding),
            ("separator", &sep),
        ),
    };
    if let Some(m) = s.mark {
        let mark = tr.t(match m {
            DecimalMark::Comma => "import-mark-comma",
            DecimalMark::Point => "import-mark-point",
        });
        out = format!("{out} {}", tr.t1("import-read-mark", "mark", mark));
    }
    if !s.ignored_columns.is_empty() {
        out = format!(
            "{out} {}",
            tr.t1("import-ignored", "columns", s.ignored_columns.join(", "))
        );
    }
    out
}

/// The page with `parts`, answered with `status`, never stored by a cache.
async fn answer(
    state: &AppState,
    user: &SignedInUser,
    ctx: &PageCtx,
    city: &str,
    parts: PageParts,
    status: StatusCode,
) -> Result<Response, PageError> {
    let mut response = render(&page(state, user, ctx, city, parts).await?)?;
    *response.status_mut() = status;
    no_store(response)
}

/// What a redirect back to the page says.
#[derive(serde::Deserialize, Default)]
pub struct Said {
    imported: Option<i32>,
    undone: Option<i32>,
}

/// `GET /cities/{slug}/monitoring/import`.
pub async fn form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    Query(said): Query<Said>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let message = match (said.imported, said.undone) {
        (Some(_), _) => tr.t("import-summary-done"),
        (_, Some(_)) => tr.t("import-undone-done"),
        _ => String::new(),
    };
    let parts = PageParts {
        message,
        ..Default::default()
    };
    no_store(render(&page(&state, &user, &ctx, &city, parts).await?)?)
}

/// Where the name and hash of a checked file wait beside it.
fn meta_path(staged: &std::path::Path) -> std::path::PathBuf {
    staged.with_extension("meta")
}

fn staged_path(state: &AppState, token: &str) -> Option<std::path::PathBuf> {
    (token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| state.media.work_dir.join(format!("data-{token}")))
}

/// Removes checked files nobody confirmed within a day.
async fn sweep(dir: &std::path::Path) {
    let Ok(mut entries) = tokio::fs::read_dir(dir).await else {
        return;
    };
    while let Ok(Some(e)) = entries.next_entry().await {
        let old = e
            .metadata()
            .await
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STAGED_FOR);
        if old && e.file_name().to_string_lossy().starts_with("data-") {
            let _ = tokio::fs::remove_file(e.path()).await;
        }
    }
}

/// `POST /cities/{slug}/monitoring/import`: receives the file and shows what it would do.
pub async fn check(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    // Refused before a byte is read when the person may not import here.
    if !data::may_enter_data(&state.store, Some(user.actor()), &city).await? {
        return Err(PageError(Failure::Forbidden));
    }
    tokio::fs::create_dir_all(&state.media.work_dir)
        .await
        .map_err(|_| Failure::Internal)?;
    sweep(&state.media.work_dir).await;
    let token = forja_services::auth::random_token().map_err(Failure::from)?[..32].to_owned();
    let path = staged_path(&state, &token).ok_or(Failure::Internal)?;
    let mut choices = Choices::default();
    let mut name = String::new();
    let mut hash = Sha256::new();
    let mut failed: Option<&'static str> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                failed = Some(if super::media_library::over_limit(&e) {
                    "media-too-large"
                } else {
                    "import-file-unreadable"
                });
                break;
            }
        };
        let mut field = field;
        match field.name().unwrap_or("") {
            "file" => {
                name = field.file_name().unwrap_or("").to_owned();
                let mut file = tokio::fs::File::create(&path)
                    .await
                    .map_err(|_| Failure::Internal)?;
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            hash.update(&chunk);
                            file.write_all(&chunk)
                                .await
                                .map_err(|_| Failure::Internal)?;
                        }
                        Ok(None) => break,
                        Err(e) => {
                            failed = Some(if super::media_library::over_limit(&e) {
                                "media-too-large"
                            } else {
                                "import-file-unreadable"
                            });
                            break;
                        }
                    }
                }
                file.flush().await.map_err(|_| Failure::Internal)?;
            }
            "mark" => choices.mark = field.text().await.unwrap_or_default(),
            "indicator" => choices.indicator = field.text().await.unwrap_or_default(),
            _ => {}
        }
        if failed.is_some() {
            break;
        }
    }
    let sha256 = hex::encode(hash.finalize());
    let upload = Upload {
        path: path.clone(),
        file_name: name.clone(),
        sha256: sha256.clone(),
    };
    let (summary, file_error, status) = match failed {
        Some(id) => (
            None,
            tr.t1(id, "mb", state.upload_limit >> 20),
            if id == "media-too-large" {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            },
        ),
        None if name.is_empty() => (
            None,
            tr.t("import-file-empty"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        None => match data::import_file(
            &state.store,
            user.actor(),
            &city,
            &upload,
            options(&choices),
            false,
        )
        .await
        {
            Ok(s) => (Some(s), String::new(), StatusCode::OK),
            Err(ServiceError::DataFile(p)) => (
                None,
                crate::data_text::file_problem(&tr, &p),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(e) => {
                let _ = tokio::fs::remove_file(&path).await;
                return Err(e.into());
            }
        },
    };
    let ready = summary
        .as_ref()
        .is_some_and(|s| s.rejected == 0 && s.counts.changes() > 0);
    // The name and hash of the checked file wait beside it: the import record takes
    // them from here, not from the confirming form.
    let ready = ready
        && tokio::fs::write(meta_path(&path), format!("{name}\n{sha256}"))
            .await
            .is_ok();
    if !ready {
        let _ = tokio::fs::remove_file(&path).await;
    }
    let parts = PageParts {
        choices,
        file_error,
        summary,
        staged: ready.then_some((token, name, sha256)),
        ..Default::default()
    };
    answer(&state, &user, &ctx, &city, parts, status).await
}

/// The confirm form.
#[derive(serde::Deserialize)]
pub struct Confirm {
    staged: String,
    #[serde(default)]
    mark: String,
    #[serde(default)]
    indicator: String,
}

/// `POST /cities/{slug}/monitoring/import/commit`: imports the checked file.
pub async fn commit(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    Form(form): Form<Confirm>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    if !data::may_enter_data(&state.store, Some(user.actor()), &city).await? {
        return Err(PageError(Failure::Forbidden));
    }
    let choices = Choices {
        mark: form.mark,
        indicator: form.indicator,
    };
    let path = staged_path(&state, &form.staged);
    let meta = match &path {
        Some(p) => tokio::fs::read_to_string(meta_path(p)).await.ok(),
        None => None,
    };
    let (Some(path), Some(meta)) = (path, meta) else {
        let parts = PageParts {
            choices,
            file_error: tr.t("import-staged-missing"),
            ..Default::default()
        };
        return answer(&state, &user, &ctx, &city, parts, StatusCode::GONE).await;
    };
    let (name, sha256) = meta.split_once('\n').unwrap_or((&meta, ""));
    let upload = Upload {
        path: path.clone(),
        file_name: name.to_owned(),
        sha256: sha256.to_owned(),
    };
    let result = data::import_file(
        &state.store,
        user.actor(),
        &city,
        &upload,
        options(&choices),
        true,
    )
    .await;
    let _ = tokio::fs::remove_file(&path).await;
    let _ = tokio::fs::remove_file(meta_path(&path)).await;
    // Rows refused (the file changed since it was checked), or the file unreadable:
    // the page again, with what to fix.
    let parts = match result {
        Ok(s) if s.rejected == 0 => {
            return Ok(Redirect::to(&format!(
                "/cities/{city}/monitoring/import?imported={}",
                s.import_id.unwrap_or(0)
            ))
            .into_response());
        }
        Ok(s) => PageParts {
            choices,
            summary: Some(s),
            ..Default::default()
        },
        Err(ServiceError::DataFile(p)) => PageParts {
            choices,
            file_error: crate::data_text::file_problem(&tr, &p),
            ..Default::default()
        },
        Err(e) => return Err(e.into()),
    };
    answer(
        &state,
        &user,
        &ctx,
        &city,
        parts,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// `POST /cities/{slug}/monitoring/imports/{id}/undo`.
pub async fn undo(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let id = id.parse::<i32>().map_err(|_| Failure::NotFound)?;
    match data::undo(&state.store, user.actor(), &city, id).await? {
        UndoOutcome::AlreadyUndone => {
            let parts = PageParts {
                error: tr.t("import-already-undone"),
                ..Default::default()
            };
            answer(&state, &user, &ctx, &city, parts, StatusCode::CONFLICT).await
        }
        UndoOutcome::ChangedSince(n) => {
            let parts = PageParts {
                error: tr.t1("import-changed-since", "count", n),
                ..Default::default()
            };
            answer(&state, &user, &ctx, &city, parts, StatusCode::CONFLICT).await
        }
        _ => Ok(
            Redirect::to(&format!("/cities/{city}/monitoring/import?undone={id}")).into_response(),
        ),
    }
}
