//! A city's media library for its editors: every item with its state and the progress
//! of its job, the upload form (multipart, with its own size limit), and retry after a
//! failure. `story-editor.js` refreshes the progress while jobs run.

use axum::extract::Multipart;
use tokio::io::AsyncWriteExt;

use super::*;

/// An item as the library lists it.
pub struct ItemRow {
    pub id: i32,
    pub kind: String,
    pub name: String,
    pub alt: String,
    pub credit: String,
    pub status: String,
    pub status_code: String,
    /// What went wrong and what to do, in the reader's language (empty unless failed).
    pub failure: String,
    /// The pipeline's own words, for whoever looks closer.
    pub error: String,
    /// Whether "try again" is offered: only where retrying can help.
    pub retryable: bool,
    /// 0 to 100 while its job is queued or running.
    pub percent: Option<u32>,
    pub sample: bool,
    pub preview: String,
    /// A ready picture's focal point (% across, % down), 50/50 until set.
    pub focal: Option<(u8, u8)>,
    /// The preview's height at 240 px wide, so the picker keeps its room while loading.
    pub preview_height: u32,
}

#[derive(Template)]
#[template(path = "media_library.html")]
struct LibraryPage {
    l: Layout,
    city: String,
    items: Vec<ItemRow>,
    inputs: Vec<Input>,
    file_error: String,
    errors: Vec<String>,
    limit_mb: usize,
    /// The same in bytes, for the script to refuse a file before sending it.
    limit_bytes: usize,
    script: &'static str,
    /// The focal point's steps, for its pickers.
    steps: Vec<u8>,
}

fn rows(tr: Tr, items: Vec<forja_services::media::LibraryItem>) -> Vec<ItemRow> {
    items
        .into_iter()
        .map(|m| ItemRow {
            focal: (m.status == "ready" && m.kind == "image").then(|| m.focal.unwrap_or((50, 50))),
            preview: if m.status == "ready" && m.kind == "image" {
                format!("/media/{}/w480.jpg", m.id)
            } else {
                String::new()
            },
            preview_height: match (m.width, m.height) {
                (Some(w), Some(h)) if w > 0 && h > 0 => (240 * h / w).max(1) as u32,
                _ => 135,
            },
            id: m.id,
            kind: tr.code("media-kind", &m.kind),
            name: m.name,
            alt: tr.txt(&m.alt),
            credit: m.credit,
            status: tr.t(&format!("media-status-{}", m.status)),
            failure: match (m.status.as_str(), m.failure.as_deref()) {
                ("failed", Some(class)) => tr.code("media-failure", class),
                ("failed", None) => tr.t("media-failure-tool"),
                _ => String::new(),
            },
            status_code: m.status,
            retryable: m.retryable,
            error: m.error.unwrap_or_default(),
            percent: m.progress.map(|p| (p * 100.0).round() as u32),
            sample: m.sample,
        })
        .collect()
}

async fn page(
    state: &AppState,
    user: &SignedInUser,
    ctx: &PageCtx,
    city: &str,
    values: &RawInput,
    errors: &[FieldError],
) -> Result<LibraryPage, PageError> {
    let tr = ctx.tr;
    let items = forja_services::media::library_items(&state.store, user.actor(), city).await?;
    Ok(LibraryPage {
        l: Layout::for_ctx(
            ctx,
            tr.t("media-library-title"),
            format!("/cities/{city}/media"),
        ),
        city: city.to_owned(),
        items: rows(tr, items),
        inputs: inputs(
            tr,
            forja_core::edit::MediaFields::FIELDS,
            values,
            errors,
            &Picks::new(),
        ),
        file_error: errors
            .iter()
            .filter(|e| e.field == "file")
            .map(|e| e.text(tr))
            .collect::<Vec<_>>()
            .join(" "),
        errors: error_summary(tr, errors),
        limit_mb: state.upload_limit >> 20,
        limit_bytes: state.upload_limit,
        script: crate::assets::editor_script_path(),
        steps: forja_services::media::FOCAL_STEPS.to_vec(),
    })
}

/// `/cities/{slug}/media`.
pub async fn library(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    let values = RawInput::from([("licence".to_owned(), "CC BY 4.0".to_owned())]);
    no_store(render(
        &page(&state, &user, &ctx, &city, &values, &[]).await?,
    )?)
}

/// Whether reading stopped at the body limit: somewhere down the error's sources (how
/// deep depends on how the body was wrapped) is the limit's own error.
pub(super) fn over_limit(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut at = Some(e);
    while let Some(e) = at {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        at = e.source();
    }
    false
}

/// The upload's fields and the file, streamed to scratch space as it arrives (never
/// held in memory); the body limit stops it at the upload limit.
pub(crate) async fn receive(
    multipart: &mut Multipart,
    scratch: &std::path::Path,
) -> Result<(RawInput, String), FieldError> {
    let too_large = |e: axum::extract::multipart::MultipartError| {
        if over_limit(&e) {
            FieldError::new("file", "media-too-large", "")
        } else {
            FieldError::new("file", "media-upload-broken", "")
        }
    };
    let written = |_: std::io::Error| FieldError::new("file", "media-upload-broken", "");
    let mut input = RawInput::new();
    let mut name = String::new();
    while let Some(mut field) = multipart.next_field().await.map_err(too_large)? {
        let key = field.name().unwrap_or("").to_owned();
        if key == "file" {
            name = field.file_name().unwrap_or("").to_owned();
            let mut file = tokio::fs::File::create(scratch).await.map_err(written)?;
            while let Some(chunk) = field.chunk().await.map_err(too_large)? {
                file.write_all(&chunk).await.map_err(written)?;
            }
            file.flush().await.map_err(written)?;
        } else {
            let value = field.text().await.map_err(too_large)?;
            // A text field longer than any form field is not an honest form.
            if value.len() > 64 * 1024 {
                return Err(FieldError::new(key, "field-too-long", "65536"));
            }
            input.insert(key, value);
        }
    }
    Ok((input, name))
}

/// `POST /cities/{slug}/media`: adds a file to the library and queues its processing.
pub async fn upload(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    tokio::fs::create_dir_all(&state.media.work_dir)
        .await
        .map_err(|_| Failure::Internal)?;
    let token = forja_services::auth::random_token().map_err(Failure::from)?;
    let scratch = state
        .media
        .work_dir
        .join(format!("upload-{}", &token[..16]));
    let received = receive(&mut multipart, &scratch).await;
    let result = match &received {
        Ok((input, name)) => {
            forja_services::media::upload(
                &state.store,
                &state.media,
                user.actor(),
                &city,
                &scratch,
                name,
                input,
            )
            .await
        }
        Err(_) => Ok(0),
    };
    let _ = tokio::fs::remove_file(&scratch).await;
    let (values, errors, status) = match (received, result) {
        (Ok(_), Ok(_)) => {
            return Ok(Redirect::to(&format!("/cities/{city}/media")).into_response());
        }
        (Ok((input, _)), Err(ServiceError::Invalid(problems))) => (
            input,
            problems.iter().map(FieldError::from_problem).collect(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (Ok(_), Err(other)) => return Err(other.into()),
        (Err(e), _) => {
            let status = if e.message_id == "media-too-large" {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            (RawInput::new(), vec![e], status)
        }
    };
    let mut response = render(&page(&state, &user, &ctx, &city, &values, &errors).await?)?;
    *response.status_mut() = status;
    no_store(response)
}

/// `POST /cities/{slug}/media/{item}/retry`: queues a failed item's processing again.
pub async fn retry(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, item)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let item = item.parse::<i32>().map_err(|_| Failure::NotFound)?;
    forja_services::media::retry_item(&state.store, user.actor(), &city, item).await?;
    Ok(Redirect::to(&format!("/cities/{city}/media")).into_response())
}

/// `POST /cities/{slug}/media/{item}/focus`: sets a picture's focal point.
pub async fn focus(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, item)): Path<(String, String)>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let item = item.parse::<i32>().map_err(|_| Failure::NotFound)?;
    let input = form_fields(&sent);
    match forja_services::media::set_focal_point(&state.store, user.actor(), &city, item, &input)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/cities/{city}/media#item-{item}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            let values = RawInput::new();
            let mut response = render(&page(&state, &user, &ctx, &city, &values, &errors).await?)?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            no_store(response)
        }
        Err(other) => Err(other.into()),
    }
}
