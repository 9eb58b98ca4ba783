//! Bringing a data file in: its text encoding and separator are found from its start,
//! its layout and columns from its header, then its rows are read once and handed to
//! the store in batches, so a file of a million rows is never held whole. The decimal
//! mark is decided on the way from the value cells (`MarkJudge`); a row that reads both
//! ways waits until a later one says which, and a file whose cells disagree is refused
//! at its end (the store's transaction is then rolled back). A reading thread does the
//! file work; the store's side runs here, joined by a small bounded channel.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use forja_core::monitoring::layout::{self, Layout, LayoutProblem};
use forja_core::monitoring::numbers::{DecimalMark, MarkJudge, MarkQuestion, ReadWith};
use forja_core::monitoring::rows::{
    self, Breakdowns, ColumnProblem, Columns, IndicatorTerms, Reject, Row, Vocabulary,
};
use forja_core::monitoring::text::{self, TextProblem};
use forja_store::monitoring::{Counts, ImportRecord};
use serde::Serialize;

use crate::{Result, ServiceError, Store};

/// Rows handed to the store at once.
const BATCH: usize = 2000;
/// Refusals listed in a summary; the rest are counted.
pub const LISTED: usize = 200;
/// What is read to find the encoding and separator.
const PREFIX: usize = 64 * 1024;

/// Why a file cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum FileProblem {
    Text(TextProblem),
    /// No separator found: not a table.
    NoSeparator,
    Layout(LayoutProblem),
    Columns(ColumnProblem),
    DecimalMark(MarkQuestion),
    /// The file could not be read (a broken upload): the reader's words.
    Unreadable(String),
}

impl From<FileProblem> for ServiceError {
    fn from(p: FileProblem) -> Self {
        ServiceError::DataFile(Box::new(p))
    }
}

/// How a file is to be read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The decimal mark the person says the file uses, if they said.
    pub mark: Option<DecimalMark>,
    /// The indicator of a file without an indicator column (an Open SDG file).
    pub indicator: Option<String>,
}

/// What an import did, or would do.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub format: &'static str,
    pub encoding: &'static str,
    pub separator: char,
    pub mark: Option<DecimalMark>,
    pub rows: u64,
    pub counts: Counts,
    pub rejected: u64,
    /// The first refusals, in file order.
    pub rejects: Vec<Reject>,
    pub ignored_columns: Vec<String>,
    /// The kept import, when committed and something changed.
    pub import_id: Option<i32>,
    pub dry_run: bool,
}

/// What the reading thread sends.
enum Batch {
    Rows(Vec<Row>, Vec<Reject>),
    Done(u64),
    Failed(FileProblem),
}

/// A file's shape, found from its start and header.
struct Shape {
    encoding: &'static Encoding,
    separator: char,
    columns: Columns,
    format: &'static str,
}

fn open(path: &Path, encoding: &'static Encoding) -> std::io::Result<Box<dyn Read + Send>> {
    let file = BufReader::with_capacity(256 * 1024, File::open(path)?);
    Ok(if encoding == encoding_rs::UTF_8 {
        Box::new(file)
    } else {
        Box::new(Decoding::new(file, encoding))
    })
}

fn csv_reader(
    path: &Path,
    shape_sep: char,
    encoding: &'static Encoding,
) -> std::io::Result<csv::Reader<Box<dyn Read + Send>>> {
    Ok(csv::ReaderBuilder::new()
        .delimiter(shape_sep as u8)
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(open(path, encoding)?))
}

fn unreadable(e: impl std::fmt::Display) -> FileProblem {
    FileProblem::Unreadable(e.to_string())
}

/// Finds a file's encoding, separator, layout and columns.
fn shape(path: &Path, words: &Vocabulary, file_indicator: bool) -> Result<Shape, FileProblem> {
    let mut prefix = Vec::with_capacity(PREFIX);
    File::open(path)
        .and_then(|f| f.take(PREFIX as u64).read_to_end(&mut prefix))
        .map_err(unreadable)?;
    // A prefix may end inside a character: judge only what is whole.
    let judged = match std::str::from_utf8(&prefix) {
        Err(e) if e.error_len().is_none() => &prefix[..e.valid_up_to()],
        _ => &prefix[..],
    };
    let (text, name) = text::decode(judged).map_err(FileProblem::Text)?;
    let encoding = Encoding::for_label(name.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    let lines: Vec<&str> = text.lines().take(50).collect();
    let separator = layout::separator(&lines).ok_or(FileProblem::NoSeparator)?;
    let mut reader = csv_reader(path, separator, encoding).map_err(unreadable)?;
    let header: Vec<String> = reader
        .headers()
        .map_err(unreadable)?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let layout = layout::layout(&header).map_err(FileProblem::Layout)?;
    let format = match layout {
        Layout::OpenSdg { .. } => "tidy-csv",
        Layout::Sdmx { version: 1, .. } => "sdmx-csv-1",
        Layout::Sdmx { .. } => "sdmx-csv-2",
    };
    let columns =
        Columns::read(&header, &layout, words, file_indicator).map_err(FileProblem::Columns)?;
    Ok(Shape {
        encoding,
        separator,
        columns,
        format,
    })
}

/// Rows whose value waits for the decimal mark (`12,345` before any cell says which
/// mark the file uses): beyond this many the person is asked, rather than holding an
/// unbounded part of the file.
const WAITING: usize = 100_000;

/// What the reader found, for the summary.
type Found = (
    &'static str,
    &'static str,
    char,
    Option<DecimalMark>,
    Vec<String>,
);

/// Reads the file once: its shape, then each row, its decimal mark decided on the way
/// (`MarkJudge`); rows go out in batches through `send` (false: nobody listens).
fn read_file(
    path: &Path,
    words: &Vocabulary,
    file_indicator: Option<&IndicatorTerms>,
    declared: Option<DecimalMark>,
    send: impl Fn(Batch) -> bool,
) -> Option<Found> {
    let fail = |p: FileProblem| {
        send(Batch::Failed(p));
        None
    };
    let shape = match shape(path, words, file_indicator.is_some()) {
        Ok(s) => s,
        Err(p) => return fail(p),
    };
    let mut reader = match csv_reader(path, shape.separator, shape.encoding) {
        Ok(r) => r,
        Err(e) => return fail(unreadable(e)),
    };
    let columns = &shape.columns;
    let mut judge = MarkJudge::new(declared);
    let mut waiting: Vec<(usize, Vec<String>)> = Vec::new();
    let mut record = csv::StringRecord::new();
    let (mut good, mut bad) = (Vec::with_capacity(BATCH), Vec::new());
    let mut breakdowns = Breakdowns::default();
    let mut read = |line: usize, cells: &[&str], mark: Option<DecimalMark>, good: &mut Vec<Row>, bad: &mut Vec<Reject>| {
        match rows::read_row(line, cells, columns, words, file_indicator, mark, &mut breakdowns) {
            Ok(row) => good.push(row),
            Err(r) => bad.extend(r),
        }
    };
    let mut line = 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                line += 1;
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cells: Vec<&str> = record.iter().collect();
                let value = cells.get(columns.value).copied().unwrap_or("");
                match judge.see(line, value) {
                    ReadWith::Mark(mark) => read(line, &cells, mark, &mut good, &mut bad),
                    ReadWith::Wait if waiting.len() < WAITING => {
                        waiting.push((line, cells.iter().map(|c| (*c).to_owned()).collect()));
                    }
                    // Too many to hold: from here the file is only judged.
                    ReadWith::Wait => {}
                }
                if let (Some(mark), false) = (judge.known(), waiting.is_empty()) {
                    for (l, cells) in waiting.drain(..) {
                        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                        read(l, &cells, Some(mark), &mut good, &mut bad);
                    }
                }
                if good.len() >= BATCH
                    && !send(Batch::Rows(std::mem::take(&mut good), std::mem::take(&mut bad)))
                {
                    return None;
                }
            }
            Err(e) => return fail(unreadable(e)),
        }
    }
    let mark = match judge.finish() {
        Ok(mark) => mark,
        Err(q) => return fail(FileProblem::DecimalMark(q)),
    };
    if waiting.len() >= WAITING {
        let row = waiting.first().map_or(0, |(l, _)| *l);
        return fail(FileProblem::DecimalMark(MarkQuestion::Unsure { row }));
    }
    for (l, cells) in waiting.drain(..) {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        read(l, &cells, mark, &mut good, &mut bad);
    }
    send(Batch::Rows(good, bad));
    send(Batch::Done(line as u64 - 1));
    Some((
        shape.format,
        shape.encoding.name(),
        shape.separator,
        mark,
        shape.columns.ignored.clone(),
    ))
}

/// Reads `path` for `city_id` and plans it (dry run, `record` none) or commits it.
pub async fn run(
    store: &Store,
    city_id: i32,
    path: PathBuf,
    options: ReadOptions,
    record: Option<ImportRecord>,
    progress: impl Fn(u64) + Send,
) -> Result<Summary> {
    let words = store.vocabulary(city_id).await?;
    let file_indicator = match &options.indicator {
        Some(code) => Some(
            words
                .indicator(code)
                .cloned()
                .ok_or(FileProblem::Columns(ColumnProblem::NoIndicator))?,
        ),
        None => None,
    };
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Batch>(4);
    let reading = {
        let words = words.clone();
        let declared = options.mark;
        tokio::task::spawn_blocking(move || {
            read_file(&path, &words, file_indicator.as_ref(), declared, |b| {
                tx.blocking_send(b).is_ok()
            })
        })
    };
    let dry_run = record.is_none();
    let mut plan = store.begin_import(city_id, record).await?;
    let mut rejects: Vec<Reject> = Vec::new();
    let mut rejected = 0u64;
    let mut rows = 0u64;
    let mut read = 0u64;
    let mut failed = None;
    let mut keep = |mut r: Vec<Reject>, rejects: &mut Vec<Reject>| {
        rejected += r.len() as u64;
        let room = LISTED.saturating_sub(rejects.len());
        r.truncate(room);
        rejects.extend(r);
    };
    while let Some(batch) = rx.recv().await {
        match batch {
            Batch::Rows(good, bad) => {
                read += (good.len() + bad.len()) as u64;
                keep(bad, &mut rejects);
                let dups = plan.add(good).await?;
                keep(dups, &mut rejects);
                progress(read);
            }
            Batch::Done(n) => rows = n,
            Batch::Failed(p) => failed = Some(p),
        }
    }
    let found = reading
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    if let Some(p) = failed {
        plan.finish(true).await?;
        return Err(p.into());
    }
    let Some((format, encoding, separator, mark, ignored_columns)) = found else {
        plan.finish(true).await?;
        return Err(ServiceError::Internal("the file reader stopped".into()));
    };
    rejects.sort_by_key(|r| r.line);
    plan.set_format(format);
    let (counts, import_id) = plan.finish(rejected > 0).await?;
    Ok(Summary {
        format,
        encoding,
        separator,
        mark,
        rows,
        counts,
        rejected,
        rejects,
        ignored_columns,
        import_id,
        dry_run,
    })
}

/// A reader that turns a legacy encoding into UTF-8 as it goes.
struct Decoding<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    output: Vec<u8>,
    at: usize,
    done: bool,
}

impl<R: Read> Decoding<R> {
    fn new(inner: R, encoding: &'static Encoding) -> Self {
        Self {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; 32 * 1024],
            output: Vec::new(),
            at: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.output.len() && !self.done {
            let n = self.inner.read(&mut self.input)?;
            let last = n == 0;
            self.output.clear();
            self.output.resize(
                self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 3 + 16),
                0,
            );
            let (_, _, written, _) =
                self.decoder
                    .decode_to_utf8(&self.input[..n], &mut self.output, last);
            self.output.truncate(written);
            self.at = 0;
            self.done = last;
        }
        let n = buf.len().min(self.output.len() - self.at);
        buf[..n].copy_from_slice(&self.output[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}
