//! `forja`: the one binary. `serve` runs the web application, `migrate` brings a
//! database schema up to date. Configuration is described in [`config`].

mod config;
mod users;

/// Prints a line for the operator. Write errors are ignored: a closed terminal or pipe
/// must never turn a clean shutdown into a crash.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod data;
mod media;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use forja_services::Store;
use forja_services::catalogue;
use forja_store::import::DemoImport;

use crate::config::{Layers, LogFormat, Settings};

/// Forja: the open platform for learning cities.
#[derive(Parser)]
#[command(name = "forja", version, about, long_about = None)]
struct Cli {
    /// Read settings from this TOML file (before FORJA_* variables and flags).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Log what happens (migrations, jobs) on stderr; commands other than `serve` log
    /// only warnings and errors unless told otherwise (`log` in the settings).
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(flatten)]
    database: DatabaseArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web application.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: users::UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: users::TokenCommand,
    },
    /// Manage the media library: import files, watch and retry their jobs.
    Media {
        #[command(subcommand)]
        command: media::MediaCommand,
    },
    /// Monitoring data: import a file of observations, list and undo imports.
    Data {
        #[command(subcommand)]
        command: data::DataCommand,
    },
    /// Work with stories.
    Story {
        #[command(subcommand)]
        command: StoryCommand,
    },
    /// The search index each running process keeps in memory.
    Search {
        #[command(subcommand)]
        command: SearchCommand,
    },
}

#[derive(Subcommand)]
enum SearchCommand {
    /// Rebuild: reads every public document from the database once (a broken one shows
    /// here) and tells every running process to rebuild its index within a second.
    Reindex,
}

#[derive(Subcommand)]
enum StoryCommand {
    /// Write a published story as a self-contained folder (HTML, CSS, JS and the media it
    /// shows, by relative address) that works from any static server and from disk.
    Export {
        /// The city (slug).
        #[arg(long, value_name = "SLUG")]
        city: String,
        /// The story (slug).
        #[arg(long, value_name = "SLUG")]
        story: String,
        /// The folder to write (created when missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The Forja site's address, for links to the city's pages (left out without it).
        #[arg(long, value_name = "URL")]
        site: Option<String>,
        /// The language of the reader's controls (the story keeps its own).
        #[arg(long, default_value = "en", value_name = "CODE")]
        language: String,
    },
}

#[derive(Args)]
struct DatabaseArgs {
    /// Directory for the SQLite database and media [default: ./forja-data].
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<String>,
    /// sqlite://PATH or postgres://USER@HOST:PORT/DB [default: an SQLite file in the data directory].
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
}

#[derive(Args)]
struct ServeArgs {
    /// Address and port to listen on [default: 127.0.0.1:8080].
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
    /// Load the demo network when the database is empty (never touches existing data).
    #[arg(long)]
    demo: bool,
}

fn settings(cli: &Cli) -> Result<Settings, config::ConfigError> {
    let mut layers = Layers::default();
    // A command's result is what it prints (scripts read it: `TOKEN=$(forja token
    // create ...)`); the server's log is its story. Settings and flags may say otherwise.
    if !matches!(cli.command, Command::Serve(_)) {
        layers.set("log", "warn");
    }
    if let Some(file) = &cli.config {
        layers.add_file(file)?;
    }
    layers.add_env(std::env::vars());
    if let Command::Serve(s) = &cli.command {
        if let Some(listen) = &s.listen {
            layers.set("listen", listen.clone());
        }
        if s.demo {
            layers.set("demo", "true");
        }
    }
    if cli.verbose {
        layers.set("log", "info");
    }
    let db = &cli.database;
    if let Some(dir) = &db.data_dir {
        layers.set("data_dir", dir.clone());
    }
    if let Some(url) = &db.database_url {
        layers.set("database_url", url.clone());
    }
    layers.resolve()
}

fn init_logging(settings: &Settings) {
    let filter = tracing_subscriber::EnvFilter::new(&settings.log);
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match settings.log_format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match settings(&cli) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    init_logging(&settings);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(_) => serve(settings).await,
            Command::Migrate => migrate(settings).await,
            Command::User { command, .. } => match open(&settings).await {
                Ok(store) => users::run_user(&store, command).await,
                Err(e) => Err(e),
            },
            Command::Token { command, .. } => match open(&settings).await {
                Ok(store) => users::run_token(&store, command).await,
                Err(e) => Err(e),
            },
            Command::Media { command } => match (open(&settings).await, library(&settings)) {
                (Ok(store), Ok(library)) => media::run(&store, &library, command).await,
                (Err(e), _) | (_, Err(e)) => Err(e),
            },
            Command::Data { command } => match open(&settings).await {
                Ok(store) => data::run(&store, command).await,
                Err(e) => Err(e),
            },
            Command::Search {
                command: SearchCommand::Reindex,
            } => match open(&settings).await {
                Ok(store) => {
                    let started = std::time::Instant::now();
                    forja_services::search::reindex(&store)
                        .await
                        .map(|docs| {
                            say!(
                                "Indexed {docs} public documents in {:.2} s; running processes rebuild their indexes within a second.",
                                started.elapsed().as_secs_f64()
                            );
                        })
                        .map_err(anyhow::Error::from)
                }
                Err(e) => Err(e),
            },
            Command::Story {
                command:
                    StoryCommand::Export {
                        city,
                        story,
                        out,
                        site,
                        language,
                    },
            } => match (open(&settings).await, library(&settings)) {
                (Ok(store), Ok(library)) => {
                    let locale = language.parse().unwrap_or(forja_core::Locale::En);
                    forja_web::export::export_story(
                        &store,
                        &library,
                        &city,
                        &story,
                        &out,
                        site.as_deref(),
                        locale,
                    )
                    .await
                    .map(|done| {
                        println!(
                            "wrote {} files ({} KB) to {}; open {}",
                            done.files,
                            done.bytes / 1024,
                            out.display(),
                            out.join("index.html").display()
                        );
                    })
                    .map_err(|e| match e {
                        forja_services::ServiceError::NotFound => {
                            anyhow::anyhow!("no published story {story:?} in city {city:?}")
                        }
                        other => anyhow::anyhow!(other),
                    })
                }
                (Err(e), _) | (_, Err(e)) => Err(e),
            },
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the database (migrating it) for the account commands.
async fn open(settings: &Settings) -> anyhow::Result<Store> {
    std::fs::create_dir_all(&settings.data_dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot create the data directory {}: {e}",
            settings.data_dir.display()
        )
    })?;
    Ok(Store::open(&settings.database).await?)
}

/// The media library: under the data directory, or in S3-compatible storage when
/// `media_url` says so (scratch space for ffmpeg stays under the data directory).
fn library(settings: &Settings) -> anyhow::Result<forja_services::media::Library> {
    let dir = settings.data_dir.join("media");
    match &settings.media_url {
        None => forja_services::media::Library::on_disk(&dir)
            .map_err(|e| anyhow::anyhow!("cannot use {} for media: {e}", dir.display())),
        Some(url) => forja_services::media::Library::s3(url, &dir.join("work"))
            .map_err(|e| anyhow::anyhow!("cannot use {url} for media: {e}")),
    }
}

async fn migrate(settings: Settings) -> anyhow::Result<()> {
    let applied = Store::migrate(&settings.database).await?;
    if applied.is_empty() {
        say!(
            "The database at {} is up to date.",
            settings.database.redacted()
        );
    } else {
        say!(
            "Applied {} migration(s) to {}: {}",
            applied.len(),
            settings.database.redacted(),
            applied.join(", ")
        );
    }
    Ok(())
}

/// An address without its password, for the log.
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    // Media and the SQLite file live here; create it up front for a clear error.
    std::fs::create_dir_all(&settings.data_dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot create the data directory {}: {e}",
            settings.data_dir.display()
        )
    })?;
    tracing::info!(database = %settings.database.redacted(), "opening the database");
    let store = Store::open(&settings.database).await?;
    catalogue::load_builtin_frameworks(&store).await?;
    if settings.demo {
        match catalogue::load_demo(&store).await? {
            DemoImport::Loaded {
                cities,
                unplaced,
                programmes,
            } => {
                say!(
                    "Loaded the demo network: {cities} cities, {unplaced} more members without a place (listed under \"Members not on the map\"), {programmes} programmes."
                );
                // The demo stories read well without media; make them in the background.
                let (store, media) = (store.clone(), library(&settings)?);
                tokio::spawn(async move {
                    match forja_services::demo_media::furnish_demo_stories(&store, &media).await {
                        Ok(()) => tracing::info!("demo story media made and published"),
                        Err(e) => tracing::warn!(error = %e, "demo story media not made"),
                    }
                });
            }
            DemoImport::SkippedNotEmpty => {
                say!(
                    "The database already holds a network; the demo was not loaded and nothing was changed."
                );
            }
        }
    }
    let shutdown = forja_web::shutdown_signal()?;
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.listen))?;
    let address = listener.local_addr()?;
    let shown = if address.ip().is_unspecified() {
        format!("localhost:{}", address.port())
    } else {
        address.to_string()
    };
    // Media renditions are made in the background, one job at a time; a job left
    // running by a crash is taken up again when its lease runs out.
    let (stop_worker, stopped) = tokio::sync::watch::channel(false);
    let media = library(&settings)?;
    let worker = tokio::spawn(forja_services::media::worker(
        store.clone(),
        media.clone(),
        stopped,
    ));
    // Notification mail, when a relay is configured; a bad address stops start-up.
    let mail = match (&settings.smtp_url, &settings.mail_from) {
        (Some(url), Some(from)) => {
            let mailer = forja_web::mail::Mailer::new(url, from, &settings.public_url)
                .map_err(|e| anyhow::anyhow!("cannot send mail with smtp_url/mail_from: {e}"))?;
            say!("Notifications are mailed through {}.", redact_url(url));
            Some(tokio::spawn(forja_web::mail::worker(
                store.clone(),
                mailer,
                stop_worker.subscribe(),
            )))
        }
        _ => None,
    };
    say!("Forja is running at http://{shown}/ (press Ctrl-C to stop)");
    let mut state = forja_web::AppState::with_media(store, media);
    state.upload_limit = settings.upload_limit;
    state.public_url = settings.public_url.clone();
    let state = Arc::new(state);
    // The search index is built before anyone asks, not by the first search.
    let warm = state.clone();
    tokio::spawn(async move {
        if let Err(e) = warm.search.catch_up(&warm.store).await {
            tracing::error!(error = %e, "the search index could not be built; searches will try again");
        }
    });
    forja_web::serve(listener, state, shutdown).await?;
    let _ = stop_worker.send(true);
    let _ = worker.await;
    if let Some(mail) = mail {
        let _ = mail.await;
    }
    say!("Forja stopped.");
    Ok(())
}
