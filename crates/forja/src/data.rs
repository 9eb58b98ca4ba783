//! `forja data ...`: import a data file into a city's monitoring (a dry run first if
//! asked), list a city's imports and undo one. Messages come from the same Fluent files
//! as the pages, in the language asked for.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use forja_core::Locale;
use forja_core::monitoring::numbers::DecimalMark;
use forja_services::monitoring::import::{self, ReadOptions, Summary};
use forja_services::monitoring::{Counts, UndoOutcome};
use forja_services::{ServiceError, Store};
use forja_store::monitoring::ImportRecord;
use forja_web::i18n::Tr;

#[derive(Subcommand)]
pub enum DataCommand {
    /// Import a CSV file of observations into a city (Open SDG tidy CSV, SDMX-CSV 1.0 or
    /// 2.0, or Forja's export); nothing is stored when any row is refused.
    Import(DataImport),
    /// List a city's imports, newest first.
    Imports {
        #[arg(long, value_name = "SLUG")]
        city: String,
    },
    /// Undo one of a city's imports as a whole.
    Undo {
        /// The import's number, as `forja data imports` shows it.
        import: i32,
        #[arg(long, value_name = "SLUG")]
        city: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Mark {
    Comma,
    Point,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Lang {
    En,
    Ro,
}

#[derive(Args)]
pub struct DataImport {
    /// The CSV file.
    file: PathBuf,
    /// The city (slug) the values are for.
    #[arg(long, value_name = "SLUG")]
    city: String,
    /// Only say what the file would do; store nothing.
    #[arg(long)]
    dry_run: bool,
    /// The file's decimal mark, when it cannot be told from the file.
    #[arg(long, value_enum)]
    decimal_mark: Option<Mark>,
    /// The indicator of a file without an Indicator column.
    #[arg(long, value_name = "CODE")]
    indicator: Option<String>,
    /// The language of the messages.
    #[arg(long, value_enum, default_value = "en")]
    lang: Lang,
}

/// Lines in the file, for the progress bar (one quick pass); 0 when unknown (a
/// workbook's rows are inside its zip).
fn count_lines(path: &std::path::Path) -> u64 {
    let Ok(mut f) = std::fs::File::open(path) else {
        return 0;
    };
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u64;
    let mut first = true;
    while let Ok(k) = f.read(&mut buf) {
        if k == 0 {
            break;
        }
        if first && forja_services::monitoring::sheet::is_workbook(&buf[..k]) {
            return 0;
        }
        first = false;
        n += buf[..k].iter().filter(|b| **b == b'\n').count() as u64;
    }
    n.saturating_sub(1).max(1)
}

fn print_counts(tr: &Tr, c: &Counts, rejected: u64) {
    say!("  {:>10}  {}", c.created, tr.t("import-created"));
    say!("  {:>10}  {}", c.updated, tr.t("import-updated"));
    say!("  {:>10}  {}", c.unchanged, tr.t("import-unchanged"));
    if c.deleted > 0 {
        say!("  {:>10}  {}", c.deleted, tr.t("import-deleted"));
    }
    say!("  {:>10}  {}", rejected, tr.t("import-rejected"));
}

fn report(tr: &Tr, s: &Summary) {
    say!("{}", s.format);
    for r in &s.rejects {
        let column = if r.column.is_empty() {
            String::new()
        } else {
            format!(", {}", r.column)
        };
        say!(
            "  {} {}{column}: {}",
            tr.t("import-line"),
            r.line,
            forja_web::data_text::reason(tr, r)
        );
    }
    let more = s.rejected.saturating_sub(s.rejects.len() as u64);
    if more > 0 {
        say!("{}", tr.t1("import-rejects-more", "count", more));
    }
    print_counts(tr, &s.counts, s.rejected);
}

pub async fn run(store: &Store, command: DataCommand) -> anyhow::Result<()> {
    match command {
        DataCommand::Import(a) => {
            let tr = Tr::new(match a.lang {
                Lang::En => Locale::En,
                Lang::Ro => Locale::Ro,
            });
            let city = store
                .city_by_slug(&a.city)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no city {:?}", a.city))?;
            let options = ReadOptions {
                mark: a.decimal_mark.map(|m| match m {
                    Mark::Comma => DecimalMark::Comma,
                    Mark::Point => DecimalMark::Point,
                }),
                indicator: a.indicator.clone(),
                only: None,
                expect: None,
            };
            let sha256 = {
                use sha2::Digest;
                let mut h = sha2::Sha256::new();
                let mut f = std::fs::File::open(&a.file)?;
                std::io::copy(&mut f, &mut h)?;
                hex::encode(h.finalize())
            };
            let record = (!a.dry_run).then(|| ImportRecord {
                file_name: a
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                sha256,
                format: String::new(),
                user_id: None,
                at: forja_services::auth::now(),
            });
            let total = count_lines(&a.file);
            let tty = std::io::stderr().is_terminal();
            let progress = move |rows: u64| {
                if tty && total == 0 {
                    let _ = write!(std::io::stderr(), "\r{rows}");
                } else if tty {
                    let p = (rows as f64 / total as f64).min(1.0);
                    let filled = (p * 30.0).round() as usize;
                    let _ = write!(
                        std::io::stderr(),
                        "\r[{}{}] {:>3.0}% {rows}",
                        "#".repeat(filled),
                        "-".repeat(30 - filled),
                        p * 100.0
                    );
                }
            };
            let result =
                import::run(store, city.id, a.file.clone(), options, record, progress).await;
            if tty {
                let _ = writeln!(std::io::stderr());
            }
            match result {
                Ok(s) => {
                    let done = !a.dry_run && s.rejected == 0;
                    say!(
                        "{}",
                        tr.t(if done {
                            "import-summary-done"
                        } else {
                            "import-summary"
                        })
                    );
                    report(&tr, &s);
                    if s.rejected > 0 {
                        anyhow::bail!("{}", tr.t("import-rejects-fix"));
                    }
                    match s.import_id {
                        Some(id) => say!("#{id}"),
                        None if !a.dry_run => say!("{}", tr.t("import-nothing")),
                        None => {}
                    }
                    Ok(())
                }
                Err(ServiceError::DataFile(p)) => {
                    anyhow::bail!(
                        "{}: {}",
                        a.file.display(),
                        forja_web::data_text::file_problem(&tr, &p)
                    )
                }
                Err(e) => Err(e.into()),
            }
        }
        DataCommand::Imports { city } => {
            let tr = Tr::new(Locale::En);
            let c = store
                .city_by_slug(&city)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no city {city:?}"))?;
            let imports = store.imports(c.id).await?;
            if imports.is_empty() {
                say!("{}", tr.t("import-history-none"));
            }
            for i in imports {
                let when = chrono::DateTime::from_timestamp(i.at, 0)
                    .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default();
                say!(
                    "#{:<5} {when}  {:<32} +{} ~{} -{}{}",
                    i.id,
                    i.file_name,
                    i.created,
                    i.updated,
                    i.deleted,
                    if i.undone_at.is_some() {
                        "  (undone)"
                    } else {
                        ""
                    }
                );
            }
            Ok(())
        }
        DataCommand::Undo { import, city } => {
            let tr = Tr::new(Locale::En);
            let c = store
                .city_by_slug(&city)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no city {city:?}"))?;
            match store
                .undo_import(c.id, import, None, forja_services::auth::now())
                .await?
            {
                UndoOutcome::Done(_) => {
                    say!("{}", tr.t("import-undone-done"));
                    Ok(())
                }
                UndoOutcome::Missing => anyhow::bail!("no import #{import} in {city}"),
                UndoOutcome::AlreadyUndone => anyhow::bail!("import #{import} is already undone"),
                UndoOutcome::ChangedSince(n) => {
                    anyhow::bail!("{}", tr.t1("import-changed-since", "count", n))
                }
            }
        }
    }
}
