//! Editable fields and their validation, shared by HTML forms and the JSON API: both
//! hand over raw strings per field, and get back either valid fields or every problem,
//! each naming its field. Also the word diff used by history views.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::LocalizedText;
use crate::progress::{Percent, ProgrammeStatus};

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
    OutOfRange {
        min: String,
        max: String,
    },
    NotADate,
    EndBeforeStart,
    NotAllowed {
        allowed: String,
    },
    Unknown,
    /// Another thing already uses this value (a slug).
    Taken,
}

/// A problem with the field it belongs to (the form's field name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

/// The editable fields of a programme; also its revision snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeFields {
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub description: LocalizedText,
    pub status: String,
    pub start_on: Option<NaiveDate>,
    pub end_on: Option<NaiveDate>,
    pub progress: Option<f64>,
    pub weight: f64,
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

struct Checker<'a> {
    input: &'a RawInput,
    problems: Vec<FieldProblem>,
}

impl<'a> Checker<'a> {
    /// Every field the input has but the kind does not is a problem.
    fn reject_unknown(&mut self, known: &[&str]) {
        for key in self.input.keys() {
            if !known.contains(&key.as_str()) {
                self.problems.push(FieldProblem {
                    field: key.clone(),
                    problem: Problem::Unknown,
                });
            }
        }
    }

    fn raw(&self, field: &str) -> &'a str {
        self.input.get(field).map(|s| s.trim()).unwrap_or("")
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
        match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(d) if (1900..=2200).contains(&chrono::Datelike::year(&d)) => Some(d),
            Ok(_) => {
                self.fail(
                    field,
                    Problem::OutOfRange {
                        min: "1900-01-01".into(),
                        max: "2200-12-31".into(),
                    },
                );
                None
            }
            Err(_) => {
                self.fail(field, Problem::NotADate);
                None
            }
        }
    }

    fn number(&mut self, field: &str, min: f64, max: f64) -> Option<f64> {
        let raw = self.raw(field);
        if raw.is_empty() {
            return None;
        }
        // Accept the Romanian decimal comma as well as the point.
        match raw.replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() && (min..=max).contains(&v) => Some(v),
            Ok(_) => {
                self.fail(
                    field,
                    Problem::OutOfRange {
                        min: min.to_string(),
                        max: max.to_string(),
                    },
                );
                None
            }
            Err(_) => {
                self.fail(field, Problem::NotANumber);
                None
            }
        }
    }
}

impl ProgrammeFields {
    /// Every field the programme form and API accept.
    pub const FIELDS: &'static [&'static str] = &[
        "title_en",
        "title_ro",
        "summary_en",
        "summary_ro",
        "description_en",
        "description_ro",
        "status",
        "start_on",
        "end_on",
        "progress",
        "weight",
    ];

    /// Validates raw input; every problem is returned, not only the first.
    pub fn parse(input: &RawInput) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker {
            input,
            problems: Vec::new(),
        };
        c.reject_unknown(Self::FIELDS);
        let title = c.text("title", MAX_TITLE, true);
        let summary = c.text("summary", MAX_SUMMARY, false);
        let description = c.text("description", MAX_TEXT, false);
        let status = c.raw("status").to_owned();
        if status.parse::<ProgrammeStatus>().is_err() {
            let allowed = ProgrammeStatus::ALL.map(ProgrammeStatus::code).join(", ");
            c.fail("status", Problem::NotAllowed { allowed });
        }
        let start_on = c.date("start_on");
        let end_on = c.date("end_on");
        if let (Some(s), Some(e)) = (start_on, end_on) {
            if e < s {
                c.fail("end_on", Problem::EndBeforeStart);
            }
        }
        let progress = c.number("progress", 0.0, 100.0);
        let weight = if c.raw("weight").is_empty() {
            Some(1.0)
        } else {
            c.number("weight", 0.0, 1000.0)
        };
        if c.problems.is_empty() {
            if let Some(p) = progress {
                debug_assert!(Percent::new(p).is_ok());
            }
            Ok(Self {
                title,
                summary,
                description,
                status,
                start_on,
                end_on,
                progress,
                weight: weight.unwrap_or(1.0),
            })
        } else {
            Err(c.problems)
        }
    }

    /// The fields as form values, to fill an edit form.
    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        put_text(&mut out, "title", &self.title);
        put_text(&mut out, "summary", &self.summary);
        put_text(&mut out, "description", &self.description);
        out.insert("status".into(), self.status.clone());
        out.insert(
            "start_on".into(),
            self.start_on.map(|d| d.to_string()).unwrap_or_default(),
        );
        out.insert(
            "end_on".into(),
            self.end_on.map(|d| d.to_string()).unwrap_or_default(),
        );
        out.insert(
            "progress".into(),
            self.progress.map(|p| p.to_string()).unwrap_or_default(),
        );
        out.insert("weight".into(), self.weight.to_string());
        out
    }
}

/// The editable fields of a city's profile; also its revision snapshot. Membership
/// (country, year joined, clusters) is the network's to change, not the city's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CityFields {
    pub name: LocalizedText,
    pub history: LocalizedText,
    pub context: LocalizedText,
    pub website: Option<String>,
    pub population: Option<i64>,
    pub population_year: Option<i32>,
    pub area_km2: Option<f64>,
    pub languages: Vec<String>,
}

impl CityFields {
    /// Every field the city form and API accept.
    pub const FIELDS: &'static [&'static str] = &[
        "name_en",
        "name_ro",
        "history_en",
        "history_ro",
        "context_en",
        "context_ro",
        "website",
        "population",
        "population_year",
        "area_km2",
        "languages",
    ];

    pub fn parse(input: &RawInput) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker {
            input,
            problems: Vec::new(),
        };
        c.reject_unknown(Self::FIELDS);
        let name = c.text("name", MAX_TITLE, true);
        let history = c.text("history", MAX_TEXT, false);
        let context = c.text("context", MAX_TEXT, false);
        let website = match c.raw("website") {
            "" => None,
            w if (w.starts_with("https://") || w.starts_with("http://"))
                && w.len() <= 300
                && !w.chars().any(|ch| ch.is_whitespace() || ch.is_control()) =>
            {
                Some(w.to_owned())
            }
            _ => {
                c.fail(
                    "website",
                    Problem::NotAllowed {
                        allowed: "an address starting with https://".into(),
                    },
                );
                None
            }
        };
        let whole = |c: &mut Checker, field: &str, min: f64, max: f64| {
            let value = c.number(field, min, max)?;
            if value.fract() != 0.0 {
                c.fail(field, Problem::NotANumber);
                return None;
            }
            Some(value)
        };
        let population = whole(&mut c, "population", 0.0, 100_000_000.0).map(|v| v as i64);
        let population_year = whole(&mut c, "population_year", 1800.0, 2100.0).map(|v| v as i32);
        let area_km2 = c.number("area_km2", 0.01, 100_000.0);
        let mut languages = Vec::new();
        for code in c
            .raw("languages")
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let code = code.to_ascii_lowercase();
            if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) {
                if !languages.contains(&code) {
                    languages.push(code);
                }
            } else {
                c.fail(
                    "languages",
                    Problem::NotAllowed {
                        allowed: "language codes such as ro, de, hu, separated by commas".into(),
                    },
                );
                break;
            }
        }
        if c.problems.is_empty() {
            Ok(Self {
                name,
                history,
                context,
                website,
                population,
                population_year,
                area_km2,
                languages,
            })
        } else {
            Err(c.problems)
        }
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        put_text(&mut out, "name", &self.name);
        put_text(&mut out, "history", &self.history);
        put_text(&mut out, "context", &self.context);
        out.insert("website".into(), self.website.clone().unwrap_or_default());
        out.insert(
            "population".into(),
            self.population.map(|v| v.to_string()).unwrap_or_default(),
        );
        out.insert(
            "population_year".into(),
            self.population_year
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
        out.insert(
            "area_km2".into(),
            self.area_km2.map(|v| v.to_string()).unwrap_or_default(),
        );
        out.insert("languages".into(), self.languages.join(", "));
        out
    }
}

/// Field names and their form values for a revision snapshot of any editable kind,
/// for diffs between versions.
pub fn snapshot_input(
    entity: &str,
    snapshot: &serde_json::Value,
) -> (&'static [&'static str], RawInput) {
    match entity {
        "city" => (
            CityFields::FIELDS,
            serde_json::from_value::<CityFields>(snapshot.clone())
                .map(|f| f.to_input())
                .unwrap_or_default(),
        ),
        _ => (
            ProgrammeFields::FIELDS,
            serde_json::from_value::<ProgrammeFields>(snapshot.clone())
                .map(|f| f.to_input())
                .unwrap_or_default(),
        ),
    }
}

/// One piece of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DiffPart {
    Same(String),
    Removed(String),
    Added(String),
}

/// A word-level diff (longest common subsequence), good for prose of a few pages; longer
/// texts fall back to "all removed, all added" rather than using quadratic memory.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let a: Vec<&str> = old.split_inclusive(char::is_whitespace).collect();
    let b: Vec<&str> = new.split_inclusive(char::is_whitespace).collect();
    if a.len() * b.len() > 4_000_000 {
        return vec![
            DiffPart::Removed(old.to_owned()),
            DiffPart::Added(new.to_owned()),
        ];
    }
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut parts: Vec<DiffPart> = Vec::new();
    let push = |parts: &mut Vec<DiffPart>, part: DiffPart| match (parts.last_mut(), part) {
        (Some(DiffPart::Same(s)), DiffPart::Same(t))
        | (Some(DiffPart::Removed(s)), DiffPart::Removed(t))
        | (Some(DiffPart::Added(s)), DiffPart::Added(t)) => s.push_str(&t),
        (_, part) => parts.push(part),
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            push(&mut parts, DiffPart::Same(a[i].to_owned()));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            push(&mut parts, DiffPart::Removed(a[i].to_owned()));
            i += 1;
        } else {
            push(&mut parts, DiffPart::Added(b[j].to_owned()));
            j += 1;
        }
    }
    for w in &a[i..] {
        push(&mut parts, DiffPart::Removed((*w).to_owned()));
    }
    for w in &b[j..] {
        push(&mut parts, DiffPart::Added((*w).to_owned()));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> RawInput {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn valid_input_parses() {
        let f = ProgrammeFields::parse(&input(&[
            ("title_en", "Hala Minda"),
            ("title_ro", "Hala Minda"),
            ("status", "active"),
            ("start_on", "2023-01-01"),
            ("end_on", "2024-12-31"),
            ("progress", "45,5"),
            ("weight", "2"),
        ]))
        .unwrap();
        assert_eq!((f.progress, f.weight), (Some(45.5), 2.0));
        assert_eq!(f.title.get_exact("ro"), Some("Hala Minda"));
        assert_eq!(
            ProgrammeFields::parse(&f.to_input()).unwrap(),
            f,
            "round trip through the form"
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let problems = ProgrammeFields::parse(&input(&[
            ("title_en", ""),
            ("status", "finished"),
            ("start_on", "2024-05-01"),
            ("end_on", "2024-01-01"),
            ("progress", "140"),
            ("weight", "-1"),
            ("colour", "red"),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        for f in [
            "title_en", "status", "end_on", "progress", "weight", "colour",
        ] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
        assert!(problems.contains(&FieldProblem {
            field: "end_on".into(),
            problem: Problem::EndBeforeStart
        }));
    }

    #[test]
    fn bad_numbers_dates_and_lengths() {
        let problems = ProgrammeFields::parse(&input(&[
            ("title_en", &"x".repeat(MAX_TITLE + 1)),
            ("status", "active"),
            ("start_on", "31.12.2024"),
            ("progress", "lots"),
        ]))
        .unwrap_err();
        assert!(problems.contains(&FieldProblem {
            field: "title_en".into(),
            problem: Problem::TooLong { max: MAX_TITLE }
        }));
        assert!(problems.contains(&FieldProblem {
            field: "start_on".into(),
            problem: Problem::NotADate
        }));
        assert!(problems.contains(&FieldProblem {
            field: "progress".into(),
            problem: Problem::NotANumber
        }));
    }

    #[test]
    fn city_fields_parse_and_refuse() {
        let ok = CityFields::parse(&input(&[
            ("name_ro", "Reșița"),
            ("population", "81228"),
            ("population_year", "2024"),
            ("languages", "ro, de,HU"),
            ("website", "https://www.primaria-resita.ro"),
        ]))
        .unwrap();
        assert_eq!(ok.languages, ["ro", "de", "hu"]);
        assert_eq!(CityFields::parse(&ok.to_input()).unwrap(), ok);
        let bad = CityFields::parse(&input(&[
            ("name_en", ""),
            ("population", "-5"),
            ("area_km2", "0"),
            ("website", "javascript:alert(1)"),
            ("languages", "Romanian!"),
            ("population_year", "2024.5"),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|p| p.field.as_str()).collect();
        for f in [
            "name_en",
            "population",
            "area_km2",
            "website",
            "languages",
            "population_year",
        ] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
    }

    #[test]
    fn word_diff_marks_changes() {
        let d = word_diff("the old riverside plan", "the new riverside plan today");
        assert_eq!(
            d,
            vec![
                DiffPart::Same("the ".into()),
                DiffPart::Removed("old ".into()),
                DiffPart::Added("new ".into()),
                DiffPart::Same("riverside ".into()),
                DiffPart::Removed("plan".into()),
                DiffPart::Added("plan today".into()),
            ]
        );
    }
}
