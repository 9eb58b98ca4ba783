//! `forja media ...`: import a file into a city's library and watch the jobs that make
//! its renditions, with progress bars.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use forja_core::LocalizedText;
use forja_services::Store;
use forja_services::media::{self, Library};

#[derive(Subcommand)]
pub enum MediaCommand {
    /// Add a file to a city's library and make its renditions (shows progress).
    Import(MediaImport),
    /// List the media jobs with their progress.
    Jobs,
    /// Queue a failed job again.
    Retry {
        /// The job's number, as `forja media jobs` shows it.
        job: i32,
    },
}

#[derive(Args)]
pub struct MediaImport {
    /// The image, video, audio or captions file.
    file: PathBuf,
    /// The city (slug) whose library it joins.
    #[arg(long, value_name = "SLUG")]
    city: String,
    /// What the picture shows, for people who cannot see it (required for images).
    #[arg(long)]
    alt: String,
    /// The language of the alt text.
    #[arg(long, default_value = "en", value_name = "CODE")]
    alt_language: String,
    /// Who made it, as the credits will show it.
    #[arg(long)]
    credit: String,
    /// Its licence (such as CC BY 4.0, or "all rights reserved").
    #[arg(long, default_value = "all rights reserved")]
    licence: String,
    /// It is illustrative demo material, shown with a "sample" label.
    #[arg(long)]
    sample: bool,
    /// Only queue it: the running server's worker makes the renditions.
    #[arg(long)]
    queue_only: bool,
}

fn bar(progress: f64) -> String {
    let filled = (progress.clamp(0.0, 1.0) * 24.0).round() as usize;
    format!(
        "[{}{}] {:>3.0}%",
        "#".repeat(filled),
        "-".repeat(24 - filled),
        progress * 100.0
    )
}

pub async fn run(store: &Store, library: &Library, command: MediaCommand) -> anyhow::Result<()> {
    match command {
        MediaCommand::Import(a) => {
            if a.alt.trim().is_empty() {
                anyhow::bail!("--alt must say what the picture shows");
            }
            let alt = LocalizedText::new().with(&a.alt_language, a.alt.trim());
            let id = media::import_for_city(
                store, library, &a.city, &a.file, alt, &a.credit, &a.licence, a.sample,
            )
            .await
            .map_err(|e| refused(&a.file, e))?;
            say!(
                "Added {} to the library of {} as item {id}.",
                a.file.display(),
                a.city
            );
            if a.queue_only {
                say!(
                    "Queued: the server's worker will make its renditions (see `forja media jobs`)."
                );
                return Ok(());
            }
            process(store, library, id).await
        }
        MediaCommand::Jobs => {
            let jobs = store.jobs(50).await?;
            if jobs.is_empty() {
                say!("No media jobs.");
            }
            for j in jobs {
                let item = store.media_item(j.item_id).await?;
                let name = item.map(|i| i.original_name).unwrap_or_default();
                say!(
                    "#{:<5} {:<8} {} {:<36} {}",
                    j.id,
                    j.state,
                    bar(j.progress),
                    name.chars().take(36).collect::<String>(),
                    j.message.unwrap_or_default()
                );
            }
            Ok(())
        }
        MediaCommand::Retry { job } => {
            if store.retry_job(job, forja_services::auth::now()).await? {
                say!("Job {job} is queued again.");
                Ok(())
            } else {
                anyhow::bail!("job {job} is not a failed job (see `forja media jobs`)")
            }
        }
    }
}

/// A file refused before anything was stored, said as the command line says things.
fn refused(file: &std::path::Path, e: forja_services::ServiceError) -> anyhow::Error {
    use forja_core::edit::Problem;
    use forja_services::ServiceError;
    let why = match &e {
        ServiceError::Invalid(problems) => problems.iter().find_map(|p| match &p.problem {
            Problem::EmptyFile => Some("the file is empty (0 bytes)".to_owned()),
            Problem::NotMedia => {
                Some("not an image, video or audio file that ffmpeg reads".to_owned())
            }
            Problem::NotUtf8 => Some(
                "the subtitles' text encoding cannot be recognised: save the file as UTF-8"
                    .to_owned(),
            ),
            Problem::Unsupported { format } => {
                Some(format!("{format} is not supported yet: export a JPEG"))
            }
            _ => None,
        }),
        _ => None,
    };
    match why {
        Some(why) => anyhow::anyhow!("{}: {why}; nothing was stored", file.display()),
        None => anyhow::anyhow!(e),
    }
}

/// Works through the queue here, drawing this item's progress, until its job ends.
async fn process(store: &Store, library: &Library, item_id: i32) -> anyhow::Result<()> {
    let worker = {
        let (store, library) = (store.clone(), library.clone());
        tokio::spawn(async move {
            while media::run_next_job(&store, &library).await? {
                let done = store
                    .media_item(item_id)
                    .await?
                    .is_some_and(|i| i.status == "ready" || i.status == "failed");
                if done {
                    break;
                }
            }
            anyhow::Ok(())
        })
    };
    let mut out = std::io::stdout();
    while !worker.is_finished() {
        if let Some(j) = store
            .jobs(200)
            .await?
            .into_iter()
            .find(|j| j.item_id == item_id)
        {
            let _ = write!(out, "\r{} {}", bar(j.progress), j.state);
            let _ = out.flush();
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    worker.await??;
    let item = store
        .media_item(item_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("item {item_id} disappeared"))?;
    // Clear the progress line; the outcome follows.
    let _ = write!(out, "\r{}\r", " ".repeat(40));
    match item.status.as_str() {
        "ready" => {
            let renditions = store.renditions(item_id).await?;
            say!("Ready: {} ({} renditions).", item.kind, renditions.len());
            Ok(())
        }
        _ => anyhow::bail!(
            "{}: {} (the original is kept; fix the file and import it again, or `forja media retry`)",
            item.original_name,
            item.error.unwrap_or_else(|| "not processed".into())
        ),
    }
}
