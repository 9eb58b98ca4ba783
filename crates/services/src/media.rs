//! The media library: originals go to object storage as they arrive, a job makes their
//! renditions in the background (resumed after a crash), and a failure leaves a clear
//! reason on the item with the original kept and the job retryable.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use forja_core::LocalizedText;
use forja_media::{Kind, Limits, MediaError, Tools};
use forja_store::media::{Facts, NewItem, NewRendition};
use object_store::ObjectStore;
use object_store::path::Path as Key;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::{Result, ServiceError, Store};

/// Where media are kept and how they are made.
#[derive(Clone)]
pub struct Library {
    pub objects: Arc<dyn ObjectStore>,
    /// The same store when it is local disk: files then move in and out by rename and
    /// ffmpeg reads originals where they lie, with no copy.
    local: Option<Arc<object_store::local::LocalFileSystem>>,
    pub tools: Tools,
    pub limits: Limits,
    /// Scratch space for ffmpeg (renditions are made on disk, then stored).
    pub work_dir: PathBuf,
}

/// The largest original accepted, in bytes.
pub const MAX_ORIGINAL: u64 = 2 * 1024 * 1024 * 1024;

impl Library {
    /// Media in memory: for tests, and for a server that keeps no media.
    pub fn in_memory() -> Self {
        Self {
            objects: Arc::new(object_store::memory::InMemory::new()),
            local: None,
            tools: Tools::default(),
            limits: Limits::default(),
            work_dir: std::env::temp_dir().join("forja-media-work"),
        }
    }

    /// Media in S3-compatible storage at `s3://bucket[/prefix]`; the endpoint, region and
    /// keys come from the usual `AWS_*` variables (`AWS_ENDPOINT_URL`, `AWS_REGION`,
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, and `AWS_ALLOW_HTTP=true` for a
    /// plain-HTTP endpoint). ffmpeg still works in `work_dir` on local disk.
    pub fn s3(url: &str, work_dir: &Path) -> std::result::Result<Self, String> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| format!("{url} does not start with s3://"))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let store = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()
            .map_err(|e| e.to_string())?;
        std::fs::create_dir_all(work_dir).map_err(|e| e.to_string())?;
        let prefix = prefix.trim_matches('/');
        let objects: Arc<dyn ObjectStore> = if prefix.is_empty() {
            Arc::new(store)
        } else {
            Arc::new(object_store::prefix::PrefixStore::new(store, prefix))
        };
        Ok(Self {
            objects,
            local: None,
            tools: Tools::default(),
            limits: Limits::default(),
            work_dir: work_dir.to_owned(),
        })
    }

    /// Media on local disk under `dir` (the default: `<data dir>/media`).
    pub fn on_disk(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir.join("objects"))?;
        std::fs::create_dir_all(dir.join("work"))?;
        let objects = Arc::new(
            object_store::local::LocalFileSystem::new_with_prefix(dir.join("objects"))
                .map_err(std::io::Error::other)?,
        );
        Ok(Self {
            local: Some(objects.clone()),
            objects,
            tools: Tools::default(),
            limits: Limits::default(),
            work_dir: dir.join("work"),
        })
    }
}

fn storage(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(format!("media storage: {e}"))
}

impl Library {
    /// Where a stored file lies on local disk, when the store is local disk.
    fn local_path(&self, key: &str) -> Option<PathBuf> {
        self.local
            .as_ref()
            .and_then(|l| l.path_to_filesystem(&Key::from(key)).ok())
    }

    /// Stores the file at `from` under `key`, streamed (never whole in memory). On local
    /// disk a file that may be consumed is moved by rename; anything else is copied.
    async fn store_file(&self, from: &Path, key: &str, consume: bool) -> std::io::Result<()> {
        if let Some(dest) = self.local_path(key) {
            if let Some(dir) = dest.parent() {
                tokio::fs::create_dir_all(dir).await?;
            }
            if consume && tokio::fs::rename(from, &dest).await.is_ok() {
                return Ok(());
            }
            // Originals are named by their hash: the same size there is the same file,
            // perhaps being read by a job right now; it is never written over.
            let size = tokio::fs::metadata(from).await?.len();
            if tokio::fs::metadata(&dest)
                .await
                .is_ok_and(|m| m.len() == size)
            {
                return Ok(());
            }
            // Another file system, or a file that is not ours to move: copied beside it
            // first, so no reader ever sees half a file.
            let part = dest.with_extension(format!("part-{}", std::process::id()));
            tokio::fs::copy(from, &part).await?;
            tokio::fs::rename(&part, &dest).await
        } else {
            let mut file = tokio::fs::File::open(from).await?;
            let mut upload =
                object_store::buffered::BufWriter::new(self.objects.clone(), Key::from(key));
            tokio::io::copy(&mut file, &mut upload).await?;
            upload.shutdown().await
        }
    }

    /// The original of an item as a file ffmpeg can read: where it lies on local disk, or
    /// downloaded (streamed) into `scratch`.
    async fn original_file(
        &self,
        key: &str,
        scratch: &Path,
    ) -> std::result::Result<PathBuf, String> {
        if let Some(path) = self.local_path(key)
            && tokio::fs::metadata(&path).await.is_ok_and(|m| m.is_file())
        {
            return Ok(path);
        }
        let target = scratch.join(format!(
            "original.{}",
            key.rsplit('.').next().unwrap_or("bin")
        ));
        let got = self
            .objects
            .get(&Key::from(key))
            .await
            .map_err(|e| format!("the original is missing: {e}"))?;
        let mut stream = got.into_stream();
        let mut f = tokio::fs::File::create(&target)
            .await
            .map_err(|e| format!("scratch space: {e}"))?;
        use futures_util::StreamExt;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| format!("the original cannot be read: {e}"))?;
            f.write_all(&chunk)
                .await
                .map_err(|e| format!("scratch space: {e}"))?;
        }
        f.flush().await.map_err(|e| format!("scratch space: {e}"))?;
        Ok(target)
    }
}

/// The SHA-256 (hex) and size of a file, read in blocks.
async fn digest(file: &Path) -> std::io::Result<(String, u64)> {
    use tokio::io::AsyncReadExt;
    let mut f = tokio::fs::File::open(file).await?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = f.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((hex::encode(hasher.finalize()), total))
}

/// The kind a file's name suggests; the job finds out what it really is.
fn kind_from_name(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "vtt" | "srt" => "captions",
        "mp3" | "wav" | "m4a" | "aac" | "ogg" | "opus" | "flac" => "audio",
        "mp4" | "mov" | "webm" | "mkv" | "avi" | "m4v" => "video",
        _ => "image",
    }
}

/// Stores an original and queues its processing; returns the item id.
#[allow(clippy::too_many_arguments)]
pub async fn import(
    store: &Store,
    library: &Library,
    city_id: i32,
    file: &Path,
    name: &str,
    alt: LocalizedText,
    credit: &str,
    licence: &str,
    sample: bool,
    user_id: Option<i32>,
) -> Result<i32> {
    let unreadable =
        |e: std::io::Error| ServiceError::Internal(format!("cannot read {}: {e}", file.display()));
    let size = tokio::fs::metadata(file).await.map_err(unreadable)?.len();
    if size > MAX_ORIGINAL {
        return Err(ServiceError::Internal(format!(
            "{} is larger than {} GiB",
            file.display(),
            MAX_ORIGINAL >> 30
        )));
    }
    let (sha, size) = digest(file).await.map_err(unreadable)?;
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| e.len() <= 5 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".into());
    let key = format!("originals/{sha}.{ext}");
    // The caller keeps its file (the command line's, the upload's scratch copy).
    library
        .store_file(file, &key, false)
        .await
        .map_err(storage)?;
    let item = NewItem {
        city_id,
        kind: kind_from_name(name).into(),
        original_name: name.chars().take(200).collect(),
        original_key: key,
        original_bytes: size as i64,
        sha256: sha,
        alt,
        credit: credit.to_owned(),
        licence: licence.to_owned(),
        sample,
        created_by: user_id,
    };
    Ok(store.add_media(&item, crate::auth::now()).await?)
}

/// Runs the next job, if any; `Ok(false)` when there was none.
pub async fn run_next_job(store: &Store, library: &Library) -> Result<bool> {
    let Some(job) = store.claim_job(crate::auth::now()).await? else {
        return Ok(false);
    };
    let item = store
        .media_item(job.item_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scratch = library
        .work_dir
        .join(format!("job-{}-{}", job.id, job.attempts));
    let outcome = process(store, library, &job, &item, &scratch).await;
    let _ = tokio::fs::remove_dir_all(&scratch).await;
    let now = crate::auth::now();
    match outcome {
        Ok((facts, renditions)) => store.finish_job(&job, &facts, &renditions, now).await?,
        Err(reason) => {
            tracing::warn!(item = item.id, %reason, "media processing failed");
            store.fail_job(&job, &reason, now).await?;
        }
    }
    Ok(true)
}

/// A file made from an original: role, content type, width, height, where it is.
type Made = (String, String, Option<u32>, Option<u32>, PathBuf);

/// Makes and stores every rendition; an error is the reason shown on the item.
async fn process(
    store: &Store,
    library: &Library,
    job: &forja_store::entity::job::Model,
    item: &forja_store::entity::media_item::Model,
    scratch: &Path,
) -> std::result::Result<(Facts, Vec<NewRendition>), String> {
    let io = |e: std::io::Error| format!("scratch space: {e}");
    tokio::fs::create_dir_all(scratch.join("out"))
        .await
        .map_err(io)?;
    let original = library.original_file(&item.original_key, scratch).await?;
    let out = scratch.join("out");
    let tools = &library.tools;
    let reason = |e: MediaError| e.to_string();
    let mut facts = Facts::default();
    let mut made: Vec<Made> = Vec::new();
    if item.kind == "captions" {
        let vtt = forja_media::captions_to_vtt(tools, &original, &out)
            .await
            .map_err(reason)?;
        facts.kind = "captions".into();
        made.push((
            vtt.role.into(),
            vtt.content_type.into(),
            None,
            None,
            vtt.path,
        ));
    } else {
        let probe = forja_media::probe(tools, &original, library.limits)
            .await
            .map_err(reason)?;
        facts.kind = probe.kind.code().into();
        facts.width = probe.width.map(|w| w as i32);
        facts.height = probe.height.map(|h| h as i32);
        facts.duration_ms = probe.duration_ms.map(|d| d as i64);
        match probe.kind {
            Kind::Image => {
                let width = probe.width.unwrap_or(0);
                for r in forja_media::image_renditions(tools, &original, width, &out)
                    .await
                    .map_err(reason)?
                {
                    made.push((r.role, r.content_type.into(), Some(r.width), None, r.path));
                }
                facts.placeholder = Some(
                    forja_media::placeholder(tools, &original)
                        .await
                        .map_err(reason)?
                        .0,
                );
            }
            Kind::Video => {
                let height = probe.height.unwrap_or(360);
                let duration = probe.duration_ms.unwrap_or(1);
                let (tx, mut rx) = tokio::sync::watch::channel(0.0f64);
                let work = forja_media::video_renditions(
                    tools,
                    &original,
                    height,
                    duration,
                    probe.has_audio,
                    &out,
                    move |p| {
                        let _ = tx.send(p);
                    },
                );
                tokio::pin!(work);
                let files = loop {
                    tokio::select! {
                        done = &mut work => break done.map_err(reason)?,
                        changed = rx.changed() => {
                            if changed.is_ok() {
                                let p = *rx.borrow();
                                let _ = store.job_progress(job.id, p, crate::auth::now()).await;
                            }
                        }
                    }
                };
                for f in files {
                    made.push((f.role, f.content_type.into(), None, f.height, f.path));
                }
                // HLS segments and init files are listed by the playlists; store them too.
                let mut dir = tokio::fs::read_dir(out.join("hls")).await.map_err(io)?;
                while let Some(entry) = dir.next_entry().await.map_err(io)? {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.ends_with(".m4s") || name.ends_with("-init.mp4") {
                        made.push((
                            format!("hls/{name}"),
                            "video/mp4".into(),
                            None,
                            None,
                            entry.path(),
                        ));
                    }
                }
                facts.placeholder = forja_media::placeholder(tools, &out.join("poster.jpg"))
                    .await
                    .ok()
                    .map(|p| p.0);
            }
            Kind::Audio => {
                for f in forja_media::audio_renditions(tools, &original, &out)
                    .await
                    .map_err(reason)?
                {
                    made.push((f.role.into(), f.content_type.into(), None, None, f.path));
                }
            }
        }
    }
    // Store every file first (moved, on local disk); the item is marked ready only after
    // (in finish_job).
    let mut renditions = Vec::new();
    for (role, content_type, width, height, path) in made {
        let bytes = tokio::fs::metadata(&path).await.map_err(io)?.len();
        let key = format!("items/{}/{}", item.id, role);
        library
            .store_file(&path, &key, true)
            .await
            .map_err(|e| format!("cannot store {role}: {e}"))?;
        renditions.push(NewRendition {
            role,
            content_type,
            width: width.map(|w| w as i32),
            height: height.map(|h| h as i32),
            bytes: bytes as i64,
            key,
        });
    }
    Ok((facts, renditions))
}

/// Works through the queue until `stop` fires: a job at a time, a short sleep when idle.
pub async fn worker(store: Store, library: Library, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        let idle = match run_next_job(&store, &library).await {
            Ok(ran) => !ran,
            Err(e) => {
                tracing::error!(error = %e, "media worker");
                true
            }
        };
        if idle {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

/// Imports a file into a city's library (for the command line, which acts for the
/// operator of the server and needs no account).
#[allow(clippy::too_many_arguments)]
pub async fn import_for_city(
    store: &Store,
    library: &Library,
    city_slug: &str,
    file: &Path,
    alt: LocalizedText,
    credit: &str,
    licence: &str,
    sample: bool,
) -> Result<i32> {
    let city = crate::city(store, city_slug).await?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "upload".into());
    import(
        store, library, city.id, file, &name, alt, credit, licence, sample, None,
    )
    .await
}

/// One stored file of a ready, live item, as readers may get it.
#[derive(Debug, Clone)]
pub struct Served {
    pub key: String,
    pub content_type: String,
    pub bytes: u64,
}

/// Who may get a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// A published story of its city shows it: anyone, and caches may keep it.
    Public,
    /// Only in drafts or the library so far: the city's story editors alone.
    Editors,
}

/// The file `role` of item `item_id` and who may have it: a ready, live item shown by a
/// published story of its city is public; any other only for those who may edit that
/// city's stories (`actor`); for everyone else it is not found.
pub async fn served(
    store: &Store,
    item_id: i32,
    role: &str,
    actor: Option<&forja_core::policy::Actor>,
) -> Result<Option<(Served, Audience)>> {
    let Some(item) = store.media_item(item_id).await? else {
        return Ok(None);
    };
    if item.status != "ready" || item.deleted_at.is_some() {
        return Ok(None);
    }
    let mut published = false;
    for story in store.published_stories(item.city_id).await? {
        if let Some(doc) = store.published_document(&story).await?
            && doc.media().contains(&item_id)
        {
            published = true;
            break;
        }
    }
    let audience = if published {
        Audience::Public
    } else {
        let editors = forja_core::policy::Action::EditStory {
            city: forja_core::ids::CityId(i64::from(item.city_id)),
        };
        match actor {
            Some(a) if forja_core::policy::allowed(a, &editors) => Audience::Editors,
            _ => return Ok(None),
        }
    };
    Ok(store
        .renditions(item_id)
        .await?
        .into_iter()
        .find(|r| r.role == role)
        .map(|r| {
            (
                Served {
                    key: r.key,
                    content_type: r.content_type,
                    bytes: r.bytes.max(0) as u64,
                },
                audience,
            )
        }))
}

/// Every file of a ready, live item but its original: (role, file).
pub async fn files_of(store: &Store, item_id: i32) -> Result<Vec<(String, Served)>> {
    let Some(item) = store.media_item(item_id).await? else {
        return Ok(Vec::new());
    };
    if item.status != "ready" || item.deleted_at.is_some() {
        return Ok(Vec::new());
    }
    Ok(store
        .renditions(item_id)
        .await?
        .into_iter()
        .map(|r| {
            (
                r.role,
                Served {
                    key: r.key,
                    content_type: r.content_type,
                    bytes: r.bytes.max(0) as u64,
                },
            )
        })
        .collect())
}

/// The file, or the asked-for range of it, ready to be streamed (`into_stream`): a long
/// video is sent as it is read, never held in memory.
pub async fn open(
    library: &Library,
    file: &Served,
    range: Option<std::ops::Range<u64>>,
) -> Result<object_store::GetResult> {
    let options = object_store::GetOptions {
        range: range.map(object_store::GetRange::Bounded),
        ..Default::default()
    };
    library
        .objects
        .get_opts(&Key::from(file.key.as_str()), options)
        .await
        .map_err(storage)
}

/// The file's bytes, or the asked-for range of them.
pub async fn read(
    library: &Library,
    file: &Served,
    range: Option<std::ops::Range<u64>>,
) -> Result<Vec<u8>> {
    let key = Key::from(file.key.as_str());
    Ok(match range {
        Some(range) => library
            .objects
            .get_range(&key, range)
            .await
            .map_err(storage)?
            .to_vec(),
        None => library
            .objects
            .get(&key)
            .await
            .map_err(storage)?
            .bytes()
            .await
            .map_err(storage)?
            .to_vec(),
    })
}

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
            LibraryItem {
                id: m.id,
                kind: m.kind,
                status: m.status,
                error: m.error,
                name: m.original_name,
                alt: serde_json::from_value(m.alt).unwrap_or_default(),
                credit: m.credit,
                licence: m.licence,
                sample: m.sample,
                bytes: m.original_bytes,
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
    let empty = tokio::fs::metadata(file)
        .await
        .map(|m| m.len() == 0)
        .unwrap_or(true);
    if name.trim().is_empty() || empty {
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
