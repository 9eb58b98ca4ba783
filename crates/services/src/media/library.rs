//! A city's library as its editors see it: the items with their jobs' progress,
//! uploads, focal points and retries, each asked of the policy first.

use super::*;

/// An item of a city's library as its editors see it, with its job's progress.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct LibraryItem {
    pub id: i32,
    /// image, video, audio or captions (a guess from the name until processed).
    pub kind: String,
    /// queued, processing, ready or failed.
    pub status: String,
    /// Why processing failed, in the words of the pipeline.
    pub error: Option<String>,
    /// The failure's class: `damaged`, `not-media`, `too-long`, `too-many-pixels`,
    /// `unsupported`, `not-utf8` (the file's own) or `timeout`, `tool`, `storage`.
    pub failure: Option<String>,
    /// Whether trying again can help (a failure not of the file's own making).
    pub retryable: bool,
    pub name: String,
    #[schema(value_type = Object)]
    pub alt: LocalizedText,
    pub credit: String,
    pub licence: String,
    /// Demo media made here, not real documents.
    pub sample: bool,
    pub bytes: i64,
    /// 0 to 1, while a job is queued or running.
    pub progress: Option<f64>,
    /// A picture's focal point, in % across and down.
    pub focal: Option<(u8, u8)>,
    /// The size as shown, once known.
    pub width: Option<i32>,
    pub height: Option<i32>,
}

fn edit_library(city: &forja_store::entity::city::Model) -> forja_core::policy::Action {
    forja_core::policy::Action::EditStory {
        city: crate::city_id(city),
    }
}

fn authorize(actor: &forja_core::policy::Actor, action: &forja_core::policy::Action) -> Result<()> {
    if forja_core::policy::allowed(actor, action) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// A city's library, newest first, for those who may edit its stories.
pub async fn library_items(
    store: &Store,
    actor: &forja_core::policy::Actor,
    city_slug: &str,
) -> Result<Vec<LibraryItem>> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &edit_library(&city))?;
    let items = store.media_of(city.id).await?;
    let ids: Vec<i32> = items.iter().map(|m| m.id).collect();
    let jobs = store.latest_jobs(&ids).await?;
    Ok(items
        .into_iter()
        .map(|m| {
            let progress = jobs
                .iter()
                .find(|j| j.item_id == m.id && matches!(j.state.as_str(), "queued" | "running"))
                .map(|j| j.progress.clamp(0.0, 1.0));
            let retryable =
                m.status == "failed" && m.failure.as_deref().is_none_or(forja_media::retry_helps);
            LibraryItem {
                id: m.id,
                kind: m.kind,
                status: m.status,
                retryable,
                error: m.error,
                failure: m.failure,
                name: m.original_name,
                alt: serde_json::from_value(m.alt).unwrap_or_default(),
                credit: m.credit,
                licence: m.licence,
                sample: m.sample,
                bytes: m.original_bytes,
                width: m.width,
                height: m.height,
                progress,
                focal: m
                    .focal_x
                    .zip(m.focal_y)
                    .map(|(x, y)| (x.clamp(0.0, 100.0) as u8, y.clamp(0.0, 100.0) as u8)),
            }
        })
        .collect())
}

/// Whether the actor may add to this city's library: asked before an upload is read.
pub async fn may_add_media(
    store: &Store,
    actor: &forja_core::policy::Actor,
    city_slug: &str,
) -> Result<()> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &edit_library(&city))
}

/// Adds an uploaded file (already on disk, within the upload limit) to a city's
/// library and queues its processing; what the file really is, the job finds out.
pub async fn upload(
    store: &Store,
    library: &Library,
    actor: &forja_core::policy::Actor,
    city_slug: &str,
    file: &Path,
    name: &str,
    input: &forja_core::edit::RawInput,
) -> Result<i32> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &edit_library(&city))?;
    let fields = forja_core::edit::MediaFields::parse(input).map_err(ServiceError::Invalid)?;
    // No file chosen (an empty one is refused by `import`, saying so).
    let missing = tokio::fs::metadata(file).await.is_err();
    if name.trim().is_empty() || missing {
        return Err(ServiceError::Invalid(vec![
            forja_core::edit::FieldProblem {
                field: "file".into(),
                problem: forja_core::edit::Problem::Required,
            },
        ]));
    }
    import(
        store,
        library,
        city.id,
        file,
        name,
        fields.alt,
        &fields.credit,
        &fields.licence,
        false,
        i32::try_from(actor.user.0).ok(),
    )
    .await
}

/// A live item of the city's library, once the actor may edit it.
async fn library_item(
    store: &Store,
    actor: &forja_core::policy::Actor,
    city_slug: &str,
    item_id: i32,
) -> Result<forja_store::entity::media_item::Model> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &edit_library(&city))?;
    store
        .media_item(item_id)
        .await?
        .filter(|m| m.city_id == city.id && m.deleted_at.is_none())
        .ok_or(ServiceError::NotFound)
}

/// The steps a focal point is set in (% across and down): a class per step on the page.
pub const FOCAL_STEPS: [u8; 11] = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/// Sets a picture's focal point from the library's form (`x` and `y`, in %), which crops
/// of it keep in view on every screen.
pub async fn set_focal_point(
    store: &Store,
    actor: &forja_core::policy::Actor,
    city_slug: &str,
    item_id: i32,
    input: &forja_core::edit::RawInput,
) -> Result<()> {
    use forja_core::edit::{FieldProblem, Problem};
    let item = library_item(store, actor, city_slug, item_id).await?;
    let mut problems = Vec::new();
    let mut step = |field: &str| {
        let v = input
            .get(field)
            .and_then(|v| v.trim().parse::<u8>().ok())
            .filter(|v| FOCAL_STEPS.contains(v));
        if v.is_none() {
            problems.push(FieldProblem {
                field: field.into(),
                problem: Problem::NotAllowed {
                    allowed: FOCAL_STEPS.map(|s| s.to_string()).join(", "),
                },
            });
        }
        v
    };
    let (x, y) = (step("x"), step("y"));
    if item.kind != "image" {
        problems.push(FieldProblem {
            field: "x".into(),
            problem: Problem::NotAChoice,
        });
    }
    match (x, y, problems.is_empty()) {
        (Some(x), Some(y), true) => {
            store
                .set_focal_point(item.id, Some((f64::from(x), f64::from(y))))
                .await?;
            Ok(())
        }
        _ => Err(ServiceError::Invalid(problems)),
    }
}

/// Queues a failed item's processing again.
pub async fn retry_item(
    store: &Store,
    actor: &forja_core::policy::Actor,
    city_slug: &str,
    item_id: i32,
) -> Result<()> {
    let item = library_item(store, actor, city_slug, item_id).await?;
    // The same damaged file fails the same way: only a new upload helps.
    if item
        .failure
        .as_deref()
        .is_some_and(|f| !forja_media::retry_helps(f))
    {
        return Err(ServiceError::Invalid(vec![
            forja_core::edit::FieldProblem {
                field: "file".into(),
                problem: forja_core::edit::Problem::RetryWontHelp,
            },
        ]));
    }
    let job = store
        .latest_jobs(&[item.id])
        .await?
        .into_iter()
        .next()
        .ok_or(ServiceError::NotFound)?;
    if store.retry_job(job.id, crate::auth::now()).await? {
        Ok(())
    } else {
        Err(ServiceError::Conflict {
            current_version: item.version,
        })
    }
}
