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

use super::sheet::{self, Sheet, SheetProblem};
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
    Sheet(SheetProblem),
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
    /// The only indicators (by id) the file may write: a partner editor's, those their
    /// organisation reports. None: every one. Set by `data::import_file` from the
    /// importer's rights.
    pub only: Option<Vec<i32>>,
    /// The version the city's series of `indicator` must be at, read and committed (a
    /// write that names the version it is based on); otherwise nothing is stored.
    pub expect: Option<i32>,
}

/// What an import did, or would do.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub format: &'static str,
    pub encoding: &'static str,
    pub separator: char,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
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
    let (columns, format) = header_columns(&header, words, file_indicator)?;
    Ok(Shape {
        encoding,
        separator,
        columns,
        format,
    })
}

/// The columns of a header row, and the layout's name.
fn header_columns(
    header: &[String],
    words: &Vocabulary,
    file_indicator: bool,
) -> Result<(Columns, &'static str), FileProblem> {
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let layout = layout::layout(&header).map_err(FileProblem::Layout)?;
    let format = match layout {
        Layout::OpenSdg { .. } => "tidy-csv",
        Layout::Sdmx { version: 1, .. } => "sdmx-csv-1",
        Layout::Sdmx { .. } => "sdmx-csv-2",
    };
    let columns =
        Columns::read(&header, &layout, words, file_indicator).map_err(FileProblem::Columns)?;
    Ok((columns, format))
}

/// Rows whose value waits for the decimal mark (`12,345` before any cell says which
/// mark the file uses): beyond this many the person is asked, rather than holding an
/// unbounded part of the file.
const WAITING: usize = 100_000;

/// What the reader found, for the summary.
struct Found {
    format: &'static str,
    encoding: &'static str,
    separator: char,
    sheet: Option<String>,
    mark: Option<DecimalMark>,
    ignored: Vec<String>,
}

/// Where the rows of a file go: each is read with the decimal mark known so far (or
/// waits for it), and the rows read go out in batches.
struct Rows<'a, S: Fn(Batch) -> bool> {
    columns: &'a Columns,
    words: &'a Vocabulary,
    file_indicator: Option<&'a IndicatorTerms>,
    judge: MarkJudge,
    waiting: Vec<(usize, Vec<String>)>,
    /// The first row that could not wait (too many waiting): the file is then asked
    /// about at its end, whatever its later cells say, as that row was never read.
    dropped: Option<usize>,
    breakdowns: Breakdowns,
    good: Vec<Row>,
    bad: Vec<Reject>,
    send: S,
}

impl<'a, S: Fn(Batch) -> bool> Rows<'a, S> {
    fn new(
        columns: &'a Columns,
        words: &'a Vocabulary,
        file_indicator: Option<&'a IndicatorTerms>,
        declared: Option<DecimalMark>,
        send: S,
    ) -> Self {
        Self {
            columns,
            words,
            file_indicator,
            judge: MarkJudge::new(declared),
            waiting: Vec::new(),
            dropped: None,
            breakdowns: Breakdowns::default(),
            good: Vec::with_capacity(BATCH),
            bad: Vec::new(),
            send,
        }
    }

    fn read(&mut self, line: usize, cells: &[&str], mark: Option<DecimalMark>) {
        match rows::read_row(
            line,
            cells,
            self.columns,
            self.words,
            self.file_indicator,
            mark,
            &mut self.breakdowns,
        ) {
            Ok(row) => self.good.push(row),
            Err(r) => self.bad.extend(r),
        }
    }

    /// Takes the row on `line`; false when nobody listens any more. A value typed as a
    /// number in a workbook (`typed`) needs no decimal mark and says nothing about one.
    fn take(&mut self, line: usize, cells: &[&str], typed: bool) -> bool {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return true;
        }
        let value = cells.get(self.columns.value).copied().unwrap_or("");
        let how = if typed {
            ReadWith::Mark(Some(DecimalMark::Point))
        } else {
            self.judge.see(line, value)
        };
        match how {
            ReadWith::Mark(mark) => self.read(line, cells, mark),
            ReadWith::Wait if self.waiting.len() < WAITING => {
                self.waiting
                    .push((line, cells.iter().map(|c| (*c).to_owned()).collect()));
            }
            // Too many to hold: from here the file is only judged (and then refused).
            ReadWith::Wait => {
                self.dropped.get_or_insert(line);
            }
        }
        if let (Some(mark), false) = (self.judge.known(), self.waiting.is_empty()) {
            self.read_waiting(Some(mark));
        }
        self.good.len() < BATCH
            || (self.send)(Batch::Rows(
                std::mem::take(&mut self.good),
                std::mem::take(&mut self.bad),
            ))
    }

    fn read_waiting(&mut self, mark: Option<DecimalMark>) {
        for (line, cells) in std::mem::take(&mut self.waiting) {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            self.read(line, &cells, mark);
        }
    }

    /// Ends the file of `lines` rows: its decimal mark, or the question about it.
    fn end(mut self, lines: usize) -> Result<Option<DecimalMark>, FileProblem> {
        let mark = self.judge.finish().map_err(FileProblem::DecimalMark)?;
        if let Some(row) = self.dropped {
            return Err(FileProblem::DecimalMark(MarkQuestion::Unsure { row }));
        }
        self.read_waiting(mark);
        (self.send)(Batch::Rows(self.good, self.bad));
        (self.send)(Batch::Done(lines as u64));
        Ok(mark)
    }
}

/// Reads the file once (a workbook or a delimited text): its shape, then each row;
/// rows go out in batches through `send` (false: nobody listens).
fn read_file(
    path: &Path,
    words: &Vocabulary,
    file_indicator: Option<&IndicatorTerms>,
    declared: Option<DecimalMark>,
    send: impl Fn(Batch) -> bool,
) -> Option<Found> {
    let mut start = [0u8; 4];
    let workbook = File::open(path)
        .and_then(|mut f| f.read(&mut start))
        .is_ok_and(|n| sheet::is_workbook(&start[..n]));
    let result = if workbook {
        read_sheet(path, words, file_indicator, declared, &send)
    } else {
        read_text(path, words, file_indicator, declared, &send)
    };
    match result {
        Ok(found) => found,
        Err(p) => {
            send(Batch::Failed(p));
            None
        }
    }
}

fn read_text(
    path: &Path,
    words: &Vocabulary,
    file_indicator: Option<&IndicatorTerms>,
    declared: Option<DecimalMark>,
    send: &impl Fn(Batch) -> bool,
) -> Result<Option<Found>, FileProblem> {
    let shape = shape(path, words, file_indicator.is_some())?;
    let mut reader = csv_reader(path, shape.separator, shape.encoding).map_err(unreadable)?;
    let mut rows = Rows::new(&shape.columns, words, file_indicator, declared, send);
    let mut record = csv::StringRecord::new();
    let mut line = 1;
    while reader.read_record(&mut record).map_err(unreadable)? {
        line += 1;
        let cells: Vec<&str> = record.iter().collect();
        if !rows.take(line, &cells, false) {
            return Ok(None);
        }
    }
    let mark = rows.end(line - 1)?;
    Ok(Some(Found {
        format: shape.format,
        encoding: shape.encoding.name(),
        separator: shape.separator,
        sheet: None,
        mark,
        ignored: shape.columns.ignored,
    }))
}

fn read_sheet(
    path: &Path,
    words: &Vocabulary,
    file_indicator: Option<&IndicatorTerms>,
    declared: Option<DecimalMark>,
    send: &impl Fn(Batch) -> bool,
) -> Result<Option<Found>, FileProblem> {
    let mut book = Sheet::open(path).map_err(FileProblem::Sheet)?;
    let name = book.name.clone();
    let mut first = None;
    book.each_row(|row| {
        first = Some(row);
        false
    })
    .map_err(FileProblem::Sheet)?;
    let header = first.ok_or_else(|| {
        FileProblem::Sheet(SheetProblem::Empty {
            sheet: name.clone(),
        })
    })?;
    let (columns, format) = header_columns(&header.cells, words, file_indicator.is_some())?;
    let width = columns.names.len();
    let mut rows = Rows::new(&columns, words, file_indicator, declared, send);
    let mut lines = 0;
    let mut listened = true;
    book.each_row(|mut row| {
        if row.line <= header.line {
            return true;
        }
        lines += 1;
        // A sheet leaves out the empty cells at a row's end.
        if row.cells.len() < width {
            row.cells.resize(width, String::new());
            row.numbers.resize(width, false);
        }
        let typed = row.numbers.get(columns.value).copied().unwrap_or(false);
        let cells: Vec<&str> = row.cells.iter().map(String::as_str).collect();
        listened = rows.take(row.line, &cells, typed);
        listened
    })
    .map_err(FileProblem::Sheet)?;
    if !listened {
        return Ok(None);
    }
    let mark = rows.end(lines)?;
    Ok(Some(Found {
        format: match format {
            "tidy-csv" => "xlsx-tidy",
            _ => "xlsx-sdmx",
        },
        encoding: "xlsx",
        separator: ' ',
        sheet: Some(name),
        mark,
        ignored: columns.ignored,
    }))
}

/// Reads `path` for `city_id` and plans it (dry run, `record` none) or commits it.
/// A write based on a version that is no longer the stored one is a conflict.
fn moved(e: forja_store::StoreError) -> ServiceError {
    match e {
        forja_store::StoreError::VersionMoved { current } => ServiceError::Conflict {
            current_version: current,
        },
        other => other.into(),
    }
}

pub async fn run(
    store: &Store,
    city_id: i32,
    path: PathBuf,
    options: ReadOptions,
    record: Option<ImportRecord>,
    progress: impl Fn(u64) + Send,
) -> Result<Summary> {
    let mut words = store.vocabulary(city_id).await?;
    if let Some(ids) = &options.only {
        words.only(ids);
    }
    let file_indicator = match &options.indicator {
        Some(code) => Some(
            words
                .indicator(code)
                .cloned()
                .ok_or(FileProblem::Columns(ColumnProblem::NoIndicator))?,
        ),
        None => None,
    };
    let expect = options.expect.zip(file_indicator.as_ref().map(|i| i.id));
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
    if let Some((version, indicator)) = expect {
        plan.expect_version(indicator, version);
    }
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
                let dups = plan.add(good).await.map_err(moved)?;
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
        plan.finish(true).await.map_err(moved)?;
        return Err(p.into());
    }
    let Some(found) = found else {
        plan.finish(true).await.map_err(moved)?;
        return Err(ServiceError::Internal("the file reader stopped".into()));
    };
    rejects.sort_by_key(|r| r.line);
    plan.set_format(found.format);
    let (counts, import_id) = plan.finish(rejected > 0).await.map_err(moved)?;
    Ok(Summary {
        format: found.format,
        encoding: found.encoding,
        separator: found.separator,
        sheet: found.sheet,
        mark: found.mark,
        rows,
        counts,
        rejected,
        rejects,
        ignored_columns: found.ignored,
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
