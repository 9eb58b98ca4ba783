//! Editable fields and their validation, shared by HTML forms and the JSON API: both
//! hand over raw strings per field, and get back either valid fields or every problem,
//! each naming its field. Repeated parts (a programme's partners, milestones, ...) are
//! rows whose fields are named `{group}.{row}.{field}`; lists of codes picked from a
//! closed set (target groups, framework nodes) are comma-separated.

mod city;
mod diff;
mod framework;
mod indicator;
mod media;
mod merge;
mod organisation;
mod practice;
mod programme;
mod request;
mod resource;
mod status;
mod story;
mod strategy;

pub use city::*;
pub use diff::*;
pub use framework::*;
pub use indicator::*;
pub use media::*;
pub use merge::*;
pub use organisation::*;
pub use practice::*;
pub use programme::*;
pub use request::*;
pub use resource::*;
pub use status::*;
pub use story::*;
pub use strategy::*;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::LocalizedText;
pub use crate::typed::Writing;
use crate::typed::{DateError, NumberError, read_date, read_number, write_number};

/// Longest single-line text (titles).
pub const MAX_TITLE: usize = 200;
/// Longest summary.
pub const MAX_SUMMARY: usize = 600;
/// Longest long text (descriptions), in characters.
pub const MAX_TEXT: usize = 20_000;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    NotANumber,
    /// Reads two ways (`1.500` in Romanian): both readings, as the person writes them.
    Ambiguous {
        grouped: String,
        decimal: String,
    },
    /// A whole number was asked for (a population, a year).
    NotWhole,
    /// More decimals than the field keeps (money has two).
    TooManyDecimals {
        max: usize,
    },
    OutOfRange {
        min: String,
        max: String,
    },
    NotADate,
    /// Written like a date, but the day does not exist (31.02.2025).
    NoSuchDay,
    EndBeforeStart,
    NotAllowed {
        allowed: String,
    },
    Unknown,
    /// Another thing already uses this value (a slug).
    Taken,
    /// Not one of the choices offered (another city's organisation, an unknown code).
    NotAChoice,
    /// Would make a programme its own ancestor.
    Cycle,
    /// More rows than a group holds.
    TooMany {
        max: usize,
    },
    /// Still used by these (their names); they must let go first.
    InUse {
        by: Vec<String>,
    },
    /// Stored values depend on the old value (where and how many): changing it would
    /// make them mean something else.
    HasData {
        by: Vec<String>,
    },
    /// Not a colour written `#rrggbb`.
    NotAColour,
    /// Text in this colour is too faint on the background: the WCAG ratio it reaches.
    LowContrast {
        ratio: String,
    },
    /// Still holds parts (a chapter its pages): move or remove them first.
    NotEmpty,
    /// These pages (their numbers) still miss words they need.
    Unfinished {
        pages: Vec<String>,
    },
    /// A story without a single page.
    NoPages,
    /// A review step that does not follow from where the thing is now (a practice
    /// passed that was never submitted): its status code now.
    WrongStep {
        now: String,
    },
    /// The story's pages moved while this page was edited: its number now names
    /// another page.
    PagesMoved,
    /// An uploaded file with nothing in it.
    EmptyFile,
    /// An uploaded file larger than this kind of file may be (in MiB).
    FileTooLarge {
        max_mb: u64,
    },
    /// An uploaded file that is no picture, video, sound or subtitles the tools read.
    NotMedia,
    /// Subtitles in a text encoding that cannot be recognised.
    NotUtf8,
    /// Processing failed because of the file itself: trying again cannot help.
    RetryWontHelp,
    /// A picture in a format this installation cannot read yet (HEIC without libheif).
    Unsupported {
        format: String,
    },
    /// A partner request that takes no reply: `closed`, `expired`, `full`, or `own`
    /// (the city's own request).
    NotTakingReplies {
        why: String,
    },
    /// Nothing picked where one of the options must be (a position in a discussion
    /// that asks for one).
    ChooseOne,
    /// A discussion a moderator closed: it takes no more posts.
    DiscussionClosed,
    /// A new account wrote as much as it may for now: it may again in `minutes`.
    SlowDown {
        minutes: i64,
    },
}

/// One thing that may be picked (an organisation, a target group, a framework node).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub code: String,
    pub label: LocalizedText,
}

impl Choice {
    pub fn new(code: impl Into<String>, label: LocalizedText) -> Self {
        Self {
            code: code.into(),
            label,
        }
    }
}

/// A group of repeated rows in a form: its name and the fields of each row.
#[derive(Debug, Clone, Copy)]
pub struct Group {
    pub name: &'static str,
    pub fields: &'static [&'static str],
}

/// The most rows a group holds (and the highest row number accepted).
pub const MAX_ROWS: usize = 50;

/// The most characters a form field takes: declared as its input's `maxlength`, so
/// nothing longer is typed or pasted only to be refused. The same limits the checkers
/// hold each field to; a framework node's longer title and summary and an end page's
/// shorter text are set by their own forms. `None` for fields that are no typed text.
/// One text as a person typed it in one language (a reply, a post): required, at most
/// `max` characters, no control characters but line breaks and tabs; line ends made
/// `\n` and the ends trimmed.
pub fn plain_text(field: &str, raw: &str, max: usize) -> Result<String, FieldProblem> {
    let fail = |problem| FieldProblem {
        field: field.to_owned(),
        problem,
    };
    let text = raw.replace("\r\n", "\n");
    let text = text.trim();
    if text.is_empty() {
        return Err(fail(Problem::Required));
    }
    if text.chars().count() > max {
        return Err(fail(Problem::TooLong { max }));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(fail(Problem::NotAllowed {
            allowed: "text without control characters".into(),
        }));
    }
    Ok(text.to_owned())
}

pub fn max_chars(field: &str) -> Option<usize> {
    let (group, own) = match row_key(field) {
        Some((group, _, own)) => (Some(group), own),
        None => (None, field),
    };
    let base = match own.rsplit_once('_') {
        Some((base, lang)) if EDIT_LANGUAGES.contains(&lang) => base,
        _ => own,
    };
    Some(match (group, base) {
        (Some("local_targets"), "title") => MAX_SUMMARY,
        (Some("outputs"), "source") => MAX_SUMMARY,
        (Some("outputs"), "unit") => 60,
        (Some("outputs"), "period") => 40,
        (_, "code") => crate::slug::MAX_SLUG_LEN,
        (_, "slug") => crate::slug::MAX_SLUG_LEN,
        (
            _,
            "title" | "name" | "speaker" | "role" | "new_chapter" | "credit" | "licence" | "label"
            | "source",
        ) => MAX_TITLE,
        (_, "summary" | "alt" | "subtitle" | "contribution") => MAX_SUMMARY,
        (_, "words") => MAX_SUMMARY * 2,
        (
            _,
            "description" | "history" | "context" | "vision" | "text" | "problem" | "approach"
            | "partners" | "resources" | "results" | "difficulties" | "transfer",
        ) => MAX_TEXT,
        (_, "contact") => MAX_TITLE,
        (_, "website" | "languages") => 300,
        (_, "default_locale") => 35,
        _ => match format_of(base) {
            Some(Format::Date) => 10,
            Some(Format::Number | Format::Ungrouped) => 32,
            None => return None,
        },
    })
}

/// Splits `{group}.{row}.{field}` into its parts.
pub fn row_key(key: &str) -> Option<(&str, usize, &str)> {
    let mut parts = key.splitn(3, '.');
    let group = parts.next()?;
    let row = parts.next()?.parse().ok()?;
    let field = parts.next()?;
    Some((group, row, field))
}

/// A problem with the field it belongs to (the form's field name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

/// The languages whose texts an editor writes.
pub const EDIT_LANGUAGES: [&str; 2] = ["en", "ro"];

/// Raw input: field name → text as typed.
pub type RawInput = BTreeMap<String, String>;

/// Writes a text as its per-language form fields (`{prefix}_en`, `{prefix}_ro`).
fn put_text(out: &mut RawInput, prefix: &str, text: &LocalizedText) {
    for lang in EDIT_LANGUAGES {
        out.insert(
            format!("{prefix}_{lang}"),
            text.get_exact(lang).unwrap_or("").to_owned(),
        );
    }
}

/// How a field that is not plain text is written in a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A figure, grouped by thousands where the language groups it.
    Number,
    /// A number never grouped: a year, an identifier.
    Ungrouped,
    /// A calendar date.
    Date,
}

/// The format of a field of any kind (a row field by its own name), or `None` for text
/// and codes. One list, so a form, its parser and its conflict page agree.
pub fn format_of(field: &str) -> Option<Format> {
    let own = row_key(field).map_or(field, |(_, _, f)| f);
    match own {
        "population" | "area_km2" | "progress" | "weight" | "amount" | "expected" | "reported"
        | "latitude" | "longitude" | "default_progress" => Some(Format::Number),
        "population_year"
        | "period_start"
        | "period_end"
        | "joined_year"
        | "geonames_id"
        | "decimals"
        | "disclosure_threshold"
        | "disclosure_round"
        | "reply_cap" => Some(Format::Ungrouped),
        "start_on" | "end_on" | "due_on" | "deadline" => Some(Format::Date),
        _ => None,
    }
}

/// The input with every number and date rewritten from `from` to `to` (stored values
/// into a person's writing for a form, and back); a value that does not read is kept
/// as it is, for the parser to name its problem.
pub fn rewrite(input: &RawInput, from: Writing, to: Writing) -> RawInput {
    input
        .iter()
        .map(|(key, value)| {
            let rewritten = match format_of(key) {
                Some(Format::Date) => crate::typed::read_date(value, from)
                    .ok()
                    .map(|d| crate::typed::write_date(d, to)),
                Some(format) => read_number(value, from)
                    .ok()
                    .map(|v| write_number(v, to, format == Format::Number)),
                None => None,
            };
            (key.clone(), rewritten.unwrap_or_else(|| value.clone()))
        })
        .collect()
}

struct Checker<'a> {
    input: &'a RawInput,
    problems: Vec<FieldProblem>,
    /// How numbers and dates are written in this input: as a person types them in a
    /// form, or as the API and snapshots write them.
    writing: Writing,
}

impl<'a> Checker<'a> {
    /// A checker for one kind's fields; unknown fields are problems from the start.
    fn new(input: &'a RawInput, known: &[&str], groups: &[Group]) -> Self {
        let mut c = Self {
            input,
            problems: Vec::new(),
            writing: Writing::Machine,
        };
        c.reject_unknown(known, groups);
        c
    }

    /// Reads numbers and dates as `writing` writes them.
    fn written(mut self, writing: Writing) -> Self {
        self.writing = writing;
        self
    }

    /// A checker for a form with fields named after its parts (an outline), which
    /// reads only the fields it asks for.
    fn loose(input: &'a RawInput) -> Self {
        Self {
            input,
            problems: Vec::new(),
            writing: Writing::Machine,
        }
    }

    /// The parsed value, or every problem found.
    fn done<T>(self, value: T) -> Result<T, Vec<FieldProblem>> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(self.problems)
        }
    }

    /// Every field the input has but the kind does not is a problem.
    fn reject_unknown(&mut self, known: &[&str], groups: &[Group]) {
        let in_group = |key: &str| {
            row_key(key).is_some_and(|(g, row, f)| {
                row < MAX_ROWS * 2
                    && groups.iter().any(|group| {
                        group.name == g && (f == "remove" || group.fields.contains(&f))
                    })
            })
        };
        for key in self.input.keys() {
            if !known.contains(&key.as_str()) && !in_group(key) {
                self.problems.push(FieldProblem {
                    field: key.clone(),
                    problem: Problem::Unknown,
                });
            }
        }
    }

    /// The row numbers of a group that hold anything and are not marked `remove`, in
    /// order; at most [`MAX_ROWS`].
    fn rows(&mut self, group: &str) -> Vec<usize> {
        let mut rows: Vec<usize> = self
            .input
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .filter_map(|(k, _)| row_key(k).filter(|(g, _, f)| *g == group && *f != "remove"))
            .map(|(_, r, _)| r)
            .filter(|r| !self.flag(&format!("{group}.{r}.remove")))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        if rows.len() > MAX_ROWS {
            self.fail(group, Problem::TooMany { max: MAX_ROWS });
            rows.truncate(MAX_ROWS);
        }
        rows
    }

    /// A web address (http or https), or none when empty.
    fn website(&mut self, field: &str) -> Option<String> {
        match self.raw(field) {
            "" => None,
            w if crate::values::is_web_address(w) => Some(w.to_owned()),
            _ => {
                self.fail(
                    field,
                    Problem::NotAllowed {
                        allowed: "an address starting with https://".into(),
                    },
                );
                None
            }
        }
    }

    /// A checkbox: anything but empty, `false`, `0` or `off` is ticked.
    fn flag(&self, field: &str) -> bool {
        !matches!(self.raw(field), "" | "false" | "0" | "off")
    }

    /// One code out of `choices`, or none when empty.
    fn choice(&mut self, field: &str, choices: &[Choice]) -> Option<String> {
        let raw = self.raw(field);
        if raw.is_empty() {
            return None;
        }
        if choices.iter().any(|c| c.code == raw) {
            Some(raw.to_owned())
        } else {
            self.fail(field, Problem::NotAChoice);
            None
        }
    }

    /// Comma-separated codes, each out of `choices`; duplicates dropped.
    fn codes(&mut self, field: &str, choices: &[Choice]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for code in self
            .raw(field)
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            if !choices.iter().any(|c| c.code == code) {
                self.fail(field, Problem::NotAChoice);
                return Vec::new();
            }
            if !out.iter().any(|c| c == code) {
                out.push(code.to_owned());
            }
        }
        out
    }

    fn raw(&self, field: &str) -> &'a str {
        self.input.get(field).map(|s| s.trim()).unwrap_or("")
    }

    /// Whether a problem was already found with this field.
    fn failed(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field == field)
    }

    fn fail(&mut self, field: &str, problem: Problem) {
        self.problems.push(FieldProblem {
            field: field.to_owned(),
            problem,
        });
    }

    /// `{prefix}_en`, `{prefix}_ro`: at least one language required when `required`.
    fn text(&mut self, prefix: &str, max: usize, required: bool) -> LocalizedText {
        let mut text = LocalizedText::new();
        for lang in EDIT_LANGUAGES {
            let field = format!("{prefix}_{lang}");
            // Normalise line endings; keep inner spacing (paragraphs).
            let value = self
                .input
                .get(&field)
                .map(|s| s.replace("\r\n", "\n"))
                .unwrap_or_default();
            let value = value.trim();
            if value.chars().count() > max {
                self.fail(&field, Problem::TooLong { max });
            } else if value
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
            {
                self.fail(
                    &field,
                    Problem::NotAllowed {
                        allowed: "text without control characters".into(),
                    },
                );
            } else {
                text.insert(lang, value);
            }
        }
        if required && text.is_empty() && !self.problems.iter().any(|p| p.field.starts_with(prefix))
        {
            self.fail(&format!("{prefix}_en"), Problem::Required);
        }
        text
    }

    fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let raw = self.raw(field);
        if raw.is_empty() {
            return None;
        }
        match read_date(raw, self.writing) {
            Ok(d) if (1900..=2200).contains(&chrono::Datelike::year(&d)) => Some(d),
            Ok(_) => {
                let edge = |y, m, d| {
                    NaiveDate::from_ymd_opt(y, m, d)
                        .map(|d| crate::typed::write_date(d, self.writing))
                        .unwrap_or_default()
                };
                let (min, max) = (edge(1900, 1, 1), edge(2200, 12, 31));
                self.fail(field, Problem::OutOfRange { min, max });
                None
            }
            Err(DateError::NoSuchDay) => {
                self.fail(field, Problem::NoSuchDay);
                None
            }
            Err(DateError::NotADate) => {
                self.fail(field, Problem::NotADate);
                None
            }
        }
    }

    /// A number between `min` and `max`, or none when empty; read by the one reader
    /// of `typed`, which refuses what could mean two things.
    fn number(&mut self, field: &str, min: f64, max: f64) -> Option<f64> {
        let raw = self.raw(field);
        if raw.is_empty() {
            return None;
        }
        match read_number(raw, self.writing) {
            Ok(v) if (min..=max).contains(&v) => Some(v),
            Ok(_) => {
                let (min, max) = (
                    write_number(min, self.writing, true),
                    write_number(max, self.writing, true),
                );
                self.fail(field, Problem::OutOfRange { min, max });
                None
            }
            Err(NumberError::Ambiguous { grouped, decimal }) => {
                let problem = Problem::Ambiguous {
                    grouped: write_number(grouped, self.writing, false),
                    decimal: write_number(decimal, self.writing, false),
                };
                self.fail(field, problem);
                None
            }
            Err(NumberError::NotANumber) => {
                self.fail(field, Problem::NotANumber);
                None
            }
        }
    }

    /// A whole number (a population, a year, an identifier): decimals are refused, never
    /// cut off.
    fn whole(&mut self, field: &str, min: f64, max: f64) -> Option<i64> {
        let value = self.number(field, min, max)?;
        if value.fract() != 0.0 {
            self.fail(field, Problem::NotWhole);
            return None;
        }
        Some(value as i64)
    }

    /// An amount of money in major units, as minor units (two decimals at most).
    fn money(&mut self, field: &str, max: f64) -> Option<i64> {
        let value = self.number(field, 0.0, max)?;
        // Count decimals on the shortest digits that give the value back, not on a
        // product with 100 that float rounding blurs for large amounts.
        let digits = write_number(value, Writing::Machine, false);
        if digits.split_once('.').is_some_and(|(_, d)| d.len() > 2) {
            self.fail(field, Problem::TooManyDecimals { max: 2 });
            return None;
        }
        Some((value * 100.0).round() as i64)
    }
}

/// The form values of a revision snapshot of any editable kind, with its fields in
/// display order (rows after the plain fields), for diffs between versions.
pub fn snapshot_input(entity: &str, snapshot: &serde_json::Value) -> (Vec<String>, RawInput) {
    fn read<T: serde::de::DeserializeOwned>(
        snapshot: &serde_json::Value,
        to_input: impl Fn(&T) -> RawInput,
    ) -> RawInput {
        serde_json::from_value::<T>(snapshot.clone())
            .map(|f| to_input(&f))
            .unwrap_or_default()
    }
    let (plain, input) = match entity {
        "city" => (CityFields::FIELDS, read(snapshot, CityFields::to_input)),
        "strategy" => (
            StrategyFields::FIELDS,
            read(snapshot, StrategyFields::to_input),
        ),
        "objective" => (
            ObjectiveFields::FIELDS,
            read(snapshot, ObjectiveFields::to_input),
        ),
        "organisation" => (
            OrganisationFields::FIELDS,
            read(snapshot, OrganisationFields::to_input),
        ),
        "framework_node" => (
            FrameworkNodeFields::FIELDS,
            read(snapshot, FrameworkNodeFields::to_input),
        ),
        "programme_status" => (StatusFields::FIELDS, read(snapshot, StatusFields::to_input)),
        "indicator" => (
            IndicatorFields::FIELDS,
            read(snapshot, IndicatorFields::to_input),
        ),
        "programme" => (
            ProgrammeFields::FIELDS,
            read(snapshot, ProgrammeFields::to_input),
        ),
        "resource" => (
            ResourceFields::FIELDS,
            read(snapshot, ResourceFields::to_input),
        ),
        "story" => (
            crate::story::StoryFields::SETTINGS,
            read(snapshot, crate::story::StoryFields::snapshot_input),
        ),
        _ => (&[][..], RawInput::new()),
    };
    (field_order(plain, &input), input)
}

/// The plain fields in their order, then the row fields present in `input`, by group,
/// row number and field.
pub fn field_order(plain: &[&str], input: &RawInput) -> Vec<String> {
    let mut rows: Vec<(&str, usize, &str, &String)> = input
        .keys()
        .filter_map(|k| row_key(k).map(|(g, r, f)| (g, r, f, k)))
        .collect();
    rows.sort();
    plain
        .iter()
        .map(|f| (*f).to_owned())
        .chain(rows.into_iter().map(|(_, _, _, k)| k.clone()))
        .collect()
}
