//! Importing originals and making their renditions: the job queue's worker.

use super::*;

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
    // What can never become media is refused here, with nothing stored: an empty file,
    // or one whose header no tool reads as media. Anything else goes to the job, which
    // explains what it finds (a damaged frame, a clip too long).
    let refuse = |problem| {
        ServiceError::Invalid(vec![forja_core::edit::FieldProblem {
            field: "file".into(),
            problem,
        }])
    };
    if size == 0 {
        return Err(refuse(forja_core::edit::Problem::EmptyFile));
    }
    if kind_from_name(name) == "captions" {
        // Subtitles are small text: read now, so an unreadable encoding is said at once.
        let bytes = match size {
            0..=MAX_CAPTIONS => tokio::fs::read(file).await.map_err(unreadable)?,
            _ => Vec::new(),
        };
        match forja_media::read_captions(&bytes) {
            Err(forja_media::MediaError::NotUtf8) => {
                return Err(refuse(forja_core::edit::Problem::NotUtf8));
            }
            Err(_) => return Err(refuse(forja_core::edit::Problem::NotMedia)),
            Ok(_) => {}
        }
    } else {
        // A HEIC photo is converted to be read: the copy goes in a scratch folder.
        let scratch = library.work_dir.join(format!("check-{}", scratch_name()));
        tokio::fs::create_dir_all(&scratch)
            .await
            .map_err(|e| ServiceError::Internal(format!("scratch space: {e}")))?;
        let verdict = forja_media::readable(&library.tools, file, &scratch, library.limits).await;
        let _ = tokio::fs::remove_dir_all(&scratch).await;
        match verdict {
            Err(forja_media::MediaError::NotMedia) => {
                return Err(refuse(forja_core::edit::Problem::NotMedia));
            }
            Err(forja_media::MediaError::Unsupported(format)) => {
                return Err(refuse(forja_core::edit::Problem::Unsupported {
                    format: format.into(),
                }));
            }
            _ => {}
        }
    }
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

/// Subtitles larger than this are refused at import (a feature film's are ~100 KB).
const MAX_CAPTIONS: u64 = 8 << 20;

/// A name no other check running now uses.
fn scratch_name() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
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
        Err((class, reason)) => {
            tracing::warn!(item = item.id, class, %reason, "media processing failed");
            store.fail_job(&job, class, &reason, now).await?;
        }
    }
    Ok(true)
}

/// A file made from an original: role, content type, width, height, where it is.
type Made = (String, String, Option<u32>, Option<u32>, PathBuf);

/// Why processing failed: the class (`MediaError::class`, or `storage`) and the
/// pipeline's sentence.
type Failed = (&'static str, String);

/// Makes and stores every rendition; an error is the reason shown on the item.
async fn process(
    store: &Store,
    library: &Library,
    job: &forja_store::entity::job::Model,
    item: &forja_store::entity::media_item::Model,
    scratch: &Path,
) -> std::result::Result<(Facts, Vec<NewRendition>), Failed> {
    let io = |e: std::io::Error| ("storage", format!("scratch space: {e}"));
    tokio::fs::create_dir_all(scratch.join("out"))
        .await
        .map_err(io)?;
    let original = library
        .original_file(&item.original_key, scratch)
        .await
        .map_err(|e| ("storage", e))?;
    let out = scratch.join("out");
    let tools = &library.tools;
    let reason = |e: MediaError| (e.class(), e.to_string());
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
        let original = forja_media::decodable(tools, &original, scratch)
            .await
            .map_err(reason)?;
        let probe = forja_media::probe(tools, &original, library.limits)
            .await
            .map_err(reason)?;
        facts.kind = probe.kind.code().into();
        facts.width = probe.width.map(|w| w as i32);
        facts.height = probe.height.map(|h| h as i32);
        facts.duration_ms = probe.duration_ms.map(|d| d as i64);
        facts.has_audio = probe.has_audio;
        match probe.kind {
            Kind::Image => {
                let width = probe.width.unwrap_or(0);
                let files =
                    forja_media::image_renditions(tools, &original, width, probe.alpha, &out)
                        .await
                        .map_err(reason)?;
                // The preview is made from the smallest JPEG: upright, in sRGB, and
                // flattened like the picture readers get.
                if let Some(jpeg) = files.iter().find(|r| r.content_type == "image/jpeg") {
                    facts.placeholder = Some(
                        forja_media::placeholder(tools, &jpeg.path)
                            .await
                            .map_err(reason)?
                            .0,
                    );
                    facts.samples = forja_media::colour_samples(tools, &jpeg.path).await.ok();
                }
                for r in files {
                    made.push((r.role, r.content_type.into(), Some(r.width), None, r.path));
                }
            }
            Kind::Video => {
                let clip = forja_media::Clip::from(&probe);
                let (tx, mut rx) = tokio::sync::watch::channel(0.0f64);
                let work = forja_media::video_renditions(tools, &original, &clip, &out, move |p| {
                    let _ = tx.send(p);
                });
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
                facts.samples = forja_media::colour_samples(tools, &out.join("poster.jpg"))
                    .await
                    .ok();
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
            .map_err(|e| ("storage", format!("cannot store {role}: {e}")))?;
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
