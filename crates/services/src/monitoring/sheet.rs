//! Data from an Excel workbook (`.xlsx`): its first visible sheet, read cell by cell as
//! it is unzipped (calamine's cell reader), so a large sheet is never held whole. A
//! sheet with a formula or merged cells is refused, naming the cell: a formula's value
//! is whatever the spreadsheet last computed (stale when it was not recalculated), and
//! a merged cell holds its value in its first row only, so either would import
//! something other than what the person sees.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{DataRef, Reader, SheetVisible, Xlsx};
use serde::Serialize;

/// Why a workbook cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "problem")]
pub enum SheetProblem {
    /// Not a workbook this reads (an old `.xls`, an `.ods`, a damaged file).
    Unreadable,
    /// The first visible sheet has no cells.
    Empty {
        sheet: String,
    },
    Formula {
        sheet: String,
        cell: String,
    },
    Merged {
        sheet: String,
        cells: String,
    },
}

/// Whether a file's first bytes are a zip archive, as every `.xlsx` is.
pub fn is_workbook(start: &[u8]) -> bool {
    start.starts_with(b"PK\x03\x04")
}

/// A cell's name as the spreadsheet shows it (`C7`), from its zero-based position.
pub fn cell_name((row, col): (u32, u32)) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// One row of the sheet: its number as the sheet shows it, its cells as text, and
/// which cells hold a number (typed as one: it needs no decimal mark).
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub line: usize,
    pub cells: Vec<String>,
    pub numbers: Vec<bool>,
}

/// An open workbook's data sheet, checked for formulas and merged cells.
pub struct Sheet {
    book: Xlsx<BufReader<File>>,
    pub name: String,
}

impl Sheet {
    pub fn open(path: &Path) -> Result<Self, SheetProblem> {
        let mut book: Xlsx<_> =
            calamine::open_workbook(path).map_err(|_| SheetProblem::Unreadable)?;
        let name = book
            .sheets_metadata()
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .ok_or(SheetProblem::Unreadable)?;
        if let Some(merged) = book.worksheet_merge_cells(&name) {
            let merged = merged.map_err(|_| SheetProblem::Unreadable)?;
            if let Some(d) = merged.first() {
                return Err(SheetProblem::Merged {
                    sheet: name,
                    cells: format!("{}:{}", cell_name(d.start), cell_name(d.end)),
                });
            }
        }
        {
            let mut cells = book
                .worksheet_cells_reader(&name)
                .map_err(|_| SheetProblem::Unreadable)?;
            while let Some(c) = cells.next_formula().map_err(|_| SheetProblem::Unreadable)? {
                if !c.get_value().is_empty() {
                    return Err(SheetProblem::Formula {
                        sheet: name.clone(),
                        cell: cell_name(c.get_position()),
                    });
                }
            }
        }
        Ok(Self { book, name })
    }

    /// Hands the sheet's rows to `each` in order (rows without cells left out) until
    /// it returns false.
    pub fn each_row(&mut self, mut each: impl FnMut(SheetRow) -> bool) -> Result<(), SheetProblem> {
        let mut cells = self
            .book
            .worksheet_cells_reader(&self.name)
            .map_err(|_| SheetProblem::Unreadable)?;
        let mut row: Option<SheetRow> = None;
        while let Some(c) = cells.next_cell().map_err(|_| SheetProblem::Unreadable)? {
            let (r, col) = c.get_position();
            let line = r as usize + 1;
            if row.as_ref().is_some_and(|current| current.line != line)
                && !each(row.take().expect("checked"))
            {
                return Ok(());
            }
            let current = row.get_or_insert_with(|| SheetRow {
                line,
                cells: Vec::new(),
                numbers: Vec::new(),
            });
            let col = col as usize;
            if current.cells.len() <= col {
                current.cells.resize(col + 1, String::new());
                current.numbers.resize(col + 1, false);
            }
            let (value, number) = text(c.get_value());
            current.cells[col] = value;
            current.numbers[col] = number;
        }
        if let Some(last) = row {
            each(last);
        }
        Ok(())
    }
}

/// A cell's value as text, and whether it is a number.
fn text(value: &DataRef<'_>) -> (String, bool) {
    match value {
        DataRef::Int(n) => (n.to_string(), true),
        // Rust writes a float in full (never `1e21`) and with a point: read as such.
        DataRef::Float(f) => (f.to_string(), true),
        DataRef::String(s) => (s.clone(), false),
        DataRef::SharedString(s) => ((*s).to_owned(), false),
        DataRef::Bool(b) => (b.to_string(), false),
        DataRef::DateTime(d) => (
            d.as_datetime()
                .map_or_else(|| d.as_f64().to_string(), |t| t.date().to_string()),
            false,
        ),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => (s.clone(), false),
        DataRef::Error(e) => (format!("#{e:?}"), false),
        DataRef::Empty => (String::new(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name((0, 0)), "A1");
        assert_eq!(cell_name((6, 2)), "C7");
        assert_eq!(cell_name((0, 25)), "Z1");
        assert_eq!(cell_name((9, 26)), "AA10");
        assert_eq!(cell_name((0, 702)), "AAA1");
    }
}
