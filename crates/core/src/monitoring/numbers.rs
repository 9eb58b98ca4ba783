//! Numbers in data files. A spreadsheet from a Romanian office writes `40,5` and
//! `1.234,5`; an English one `40.5` and `1,234.5`. An importer that reads `40,5` as 405
//! corrupts a whole series without a word. So the decimal mark is decided for a whole
//! file from the cells that can only be read one way; cells that read both ways
//! (`12,345`) follow that decision; a file whose cells disagree, or that says nothing
//! either way, or contradicts the language the person said it is in, is not guessed:
//! the person is asked, with the row that raises the question.

use serde::Serialize;

/// The character between the whole part and the fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecimalMark {
    Point,
    Comma,
}

impl DecimalMark {
    fn chars(self) -> (char, char) {
        match self {
            DecimalMark::Point => ('.', ','),
            DecimalMark::Comma => (',', '.'),
        }
    }
}

/// What one cell says about the file's decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// It reads one way only with this mark.
    Only(DecimalMark),
    /// `12,345`, `1.500`: a fraction of three digits or grouped thousands.
    Either,
    /// No separator at all (`42`), or not a number.
    Nothing,
}

/// Spaces people and spreadsheets put between thousands.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')
}

fn evidence(cell: &str) -> Evidence {
    let trimmed = cell.trim().trim_start_matches(['-', '+']);
    // Most cells of a large file are plain digits: they say nothing, and need no copy.
    if !trimmed.bytes().any(|b| b == b'.' || b == b',') {
        return Evidence::Nothing;
    }
    let body: String = trimmed.chars().filter(|c| !is_space(*c)).collect();
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Evidence::Nothing;
    }
    let points = body.matches('.').count();
    let commas = body.matches(',').count();
    let last = |sep: char| body.rfind(sep).map_or(0, |i| body.len() - i - 1);
    match (points, commas) {
        (0, 0) => Evidence::Nothing,
        // Both: the last one is the decimal mark (1.234,5 and 1,234.5).
        (p, c) if p > 0 && c > 0 => {
            if body.rfind(',') > body.rfind('.') {
                Evidence::Only(DecimalMark::Comma)
            } else {
                Evidence::Only(DecimalMark::Point)
            }
        }
        // Repeated: thousands (1.234.567 is grouped; its mark is the other one).
        (p, 0) if p > 1 => Evidence::Only(DecimalMark::Comma),
        (0, c) if c > 1 => Evidence::Only(DecimalMark::Point),
        // One separator: three digits after it reads both ways; any other count only
        // as a fraction.
        (1, 0) if last('.') == 3 && !body.starts_with('.') && !body.starts_with("0.") => {
            Evidence::Either
        }
        (1, 0) => Evidence::Only(DecimalMark::Point),
        (0, 1) if last(',') == 3 && !body.starts_with(',') && !body.starts_with("0,") => {
            Evidence::Either
        }
        _ => Evidence::Only(DecimalMark::Comma),
    }
}

/// Why a file's decimal mark is not decided: a question for the person importing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "problem")]
pub enum MarkQuestion {
    /// One row writes decimals with a point, another with a comma.
    Mixed { point_row: usize, comma_row: usize },
    /// The file's numbers read both ways (`12,345` only): which does it use?
    Unsure { row: usize },
    /// The person said the file uses one mark; this row can only be read with the other
    /// (`40,5` in a file said to be English).
    Contradicts { declared: DecimalMark, row: usize },
}

/// The decimal mark of a file from its number cells `(row, text)`, and the one the
/// person said it uses, if they did.
pub fn decide<'a>(
    cells: impl IntoIterator<Item = (usize, &'a str)>,
    declared: Option<DecimalMark>,
) -> Result<Option<DecimalMark>, MarkQuestion> {
    let mut judge = MarkJudge::new(declared);
    for (row, cell) in cells {
        judge.see(row, cell);
    }
    judge.finish()
}

/// How to read one cell while a file is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadWith {
    Mark(Option<DecimalMark>),
    /// It reads both ways (`12,345`) and nothing so far says which: wait for a cell
    /// that does.
    Wait,
}

/// The decimal mark decided while a file is read once, cell by cell: at the end it
/// gives the answer `decide` gives for all the cells (`decide` is built on it), and on
/// the way it says how to read each cell. A cell read with a mark the end contradicts
/// does no harm: the file is then refused with the question.
#[derive(Debug, Clone, Default)]
pub struct MarkJudge {
    declared: Option<DecimalMark>,
    point: Option<usize>,
    comma: Option<usize>,
    either: Option<usize>,
}

impl MarkJudge {
    pub fn new(declared: Option<DecimalMark>) -> Self {
        Self {
            declared,
            ..Self::default()
        }
    }

    /// The mark as far as the cells seen so far (or the person) say.
    pub fn known(&self) -> Option<DecimalMark> {
        match (self.point, self.comma) {
            (Some(_), _) => Some(DecimalMark::Point),
            (None, Some(_)) => Some(DecimalMark::Comma),
            (None, None) => self.declared,
        }
    }

    /// Notes the cell on `row` and says how to read it.
    pub fn see(&mut self, row: usize, cell: &str) -> ReadWith {
        match evidence(cell) {
            Evidence::Only(mark) => {
                match mark {
                    DecimalMark::Point => self.point.get_or_insert(row),
                    DecimalMark::Comma => self.comma.get_or_insert(row),
                };
                ReadWith::Mark(Some(mark))
            }
            Evidence::Either => {
                self.either.get_or_insert(row);
                match self.known() {
                    Some(mark) => ReadWith::Mark(Some(mark)),
                    None => ReadWith::Wait,
                }
            }
            Evidence::Nothing => ReadWith::Mark(self.known()),
        }
    }

    /// The file's mark, once every cell is seen.
    pub fn finish(&self) -> Result<Option<DecimalMark>, MarkQuestion> {
        match (self.point, self.comma, self.declared) {
            (Some(point_row), Some(comma_row), _) => Err(MarkQuestion::Mixed {
                point_row,
                comma_row,
            }),
            (Some(row), None, Some(DecimalMark::Comma)) => Err(MarkQuestion::Contradicts {
                declared: DecimalMark::Comma,
                row,
            }),
            (None, Some(row), Some(DecimalMark::Point)) => Err(MarkQuestion::Contradicts {
                declared: DecimalMark::Point,
                row,
            }),
            (Some(_), None, _) => Ok(Some(DecimalMark::Point)),
            (None, Some(_), _) => Ok(Some(DecimalMark::Comma)),
            (None, None, Some(mark)) => Ok(Some(mark)),
            (None, None, None) => match self.either {
                Some(row) => Err(MarkQuestion::Unsure { row }),
                // Whole numbers only: no mark is needed.
                None => Ok(None),
            },
        }
    }
}

/// A cell read with the file's decimal mark (`None`: whole numbers only); `None` when
/// it is not a number written that way.
pub fn read(cell: &str, mark: Option<DecimalMark>) -> Option<f64> {
    let t = cell.trim();
    // Plain digits, the most cells of a large file, read the same with any mark.
    let digits = t.strip_prefix('-').unwrap_or(t);
    if !digits.is_empty() && digits.len() < 16 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<f64>().ok();
    }
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let body: String = body.chars().filter(|c| !is_space(*c)).collect();
    let (decimal, group) = mark.map_or((None, None), |m| {
        let (d, g) = m.chars();
        (Some(d), Some(g))
    });
    let (whole, fraction) = match decimal.and_then(|d| body.split_once(d)) {
        Some((w, f)) => (w.to_owned(), Some(f.to_owned())),
        None => (body.clone(), None),
    };
    let runs: Vec<&str> = match group {
        Some(g) => whole.split(g).collect(),
        None => vec![whole.as_str()],
    };
    // Thousands as written: a first group of one to three digits, then threes.
    let grouped_well = runs.len() == 1
        || ((1..=3).contains(&runs[0].len()) && runs[1..].iter().all(|r| r.len() == 3));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !grouped_well || !runs.iter().all(|r| digits(r)) {
        return None;
    }
    if fraction.as_deref().is_some_and(|f| !digits(f)) {
        return None;
    }
    let text = match fraction {
        Some(f) => format!("{}.{f}", runs.concat()),
        None => runs.concat(),
    };
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows<'a>(cells: &'a [&'a str]) -> impl Iterator<Item = (usize, &'a str)> {
        cells.iter().enumerate().map(|(i, c)| (i + 2, *c))
    }

    /// Read once, cell by cell (waiting cells read when the mark is known), a file gives
    /// the values it gives read with the mark decided from all its cells.
    #[test]
    fn reading_once_gives_what_deciding_first_gives() {
        let files: [&[&str]; 6] = [
            &["12,345", "7", "1.500", "40,5", "1.234,5"],
            &["1,500", "2,000", "40.5", "3"],
            &["81 228", "12", "-3"],
            &["0,25", "12.345"],
            &["12,345", "1,000"],
            &["40.5", "12,345", "1,2"],
        ];
        for (i, cells) in files.iter().enumerate() {
            for declared in [None, Some(DecimalMark::Point), Some(DecimalMark::Comma)] {
                let mut judge = MarkJudge::new(declared);
                let mut read_once = Vec::new();
                let mut waiting = Vec::new();
                for (row, cell) in rows(cells) {
                    match judge.see(row, cell) {
                        ReadWith::Mark(m) => read_once.push((row, read(cell, m))),
                        ReadWith::Wait => waiting.push((row, cell)),
                    }
                    if let Some(m) = judge.known() {
                        read_once.extend(waiting.drain(..).map(|(r, c)| (r, read(c, Some(m)))));
                    }
                }
                let whole = decide(rows(cells), declared);
                assert_eq!(judge.finish(), whole, "file {i}, {declared:?}");
                let Ok(mark) = whole else { continue };
                read_once.extend(waiting.drain(..).map(|(r, c)| (r, read(c, mark))));
                read_once.sort_by_key(|(r, _)| *r);
                let values: Vec<_> = read_once.into_iter().map(|(_, v)| v).collect();
                let expected: Vec<_> = cells.iter().map(|c| read(c, mark)).collect();
                assert_eq!(values, expected, "file {i}, {declared:?}");
            }
        }
    }

    #[test]
    fn a_romanian_file_is_read_with_its_comma() {
        let cells = ["40,5", "1.234,5", "12", "12.345", "0,25"];
        let mark = decide(rows(&cells), None).unwrap();
        assert_eq!(mark, Some(DecimalMark::Comma));
        let values: Vec<f64> = cells.iter().map(|c| read(c, mark).unwrap()).collect();
        assert_eq!(values, [40.5, 1234.5, 12.0, 12345.0, 0.25], "never 405");
    }

    #[test]
    fn an_english_file_is_read_with_its_point() {
        let cells = ["40.5", "1,234.5", "12,345", "-3.25", "81 228"];
        let mark = decide(rows(&cells), None).unwrap();
        assert_eq!(mark, Some(DecimalMark::Point));
        let values: Vec<f64> = cells.iter().map(|c| read(c, mark).unwrap()).collect();
        assert_eq!(values, [40.5, 1234.5, 12345.0, -3.25, 81228.0]);
    }

    #[test]
    fn what_could_be_read_two_ways_is_asked_about() {
        // Mixed within the file: the first row of each kind is named.
        assert_eq!(
            decide(rows(&["40,5", "12", "40.5"]), None),
            Err(MarkQuestion::Mixed {
                point_row: 4,
                comma_row: 2
            })
        );
        // `40,5` in a file said to be English: ask, don't guess.
        assert_eq!(
            decide(rows(&["12", "40,5"]), Some(DecimalMark::Point)),
            Err(MarkQuestion::Contradicts {
                declared: DecimalMark::Point,
                row: 3
            })
        );
        // Only `12,345`-like cells and nothing said: which is it?
        assert_eq!(
            decide(rows(&["12,345", "7"]), None),
            Err(MarkQuestion::Unsure { row: 2 })
        );
        // Said: then they follow what was said.
        let mark = decide(rows(&["12,345"]), Some(DecimalMark::Comma)).unwrap();
        assert_eq!(read("12,345", mark), Some(12.345));
        // Whole numbers need no decision.
        assert_eq!(decide(rows(&["12", "7"]), None), Ok(None));
    }

    #[test]
    fn text_and_badly_grouped_numbers_are_not_numbers() {
        let comma = Some(DecimalMark::Comma);
        for bad in [
            "", "abc", "12,5,3", "1.23,4", "12.34.5", "1,2e3", "--4", "4-",
        ] {
            assert_eq!(read(bad, comma), None, "{bad:?}");
        }
        assert_eq!(read("1.234.567,89", comma), Some(1_234_567.89));
        assert_eq!(read("42", None), Some(42.0));
        assert_eq!(read("4,2", None), None, "a fraction needs a decided mark");
    }
}
