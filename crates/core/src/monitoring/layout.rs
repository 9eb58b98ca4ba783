//! What a data file's header says it is. Cities get figures as Open SDG's tidy CSV
//! (`Year`, disaggregation columns, `Value`; a blank disaggregation cell is the total),
//! as SDMX-CSV 1.0 (`DATAFLOW`, dimensions, `TIME_PERIOD`, `OBS_VALUE`) or 2.0
//! (`STRUCTURE`, `STRUCTURE_ID`, `ACTION`, …), or as Forja's own export. The separator
//! is whatever the spreadsheet wrote: comma, semicolon (a Romanian Excel) or tab.

use serde::Serialize;

/// The separators a data file may use.
const SEPARATORS: [char; 3] = [',', ';', '\t'];

/// The separator of a file from its first lines: the one that splits the header into
/// more than one field and most lines into as many (quoted fields are not split). A
/// hand-edited row with a cell too few does not hide the file's separator: that row is
/// refused on its own, with its line.
pub fn separator(lines: &[&str]) -> Option<char> {
    let fields = |line: &str, sep: char| {
        let mut n = 1;
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                c if c == sep && !quoted => n += 1,
                _ => {}
            }
        }
        n
    };
    let first = lines.first()?;
    // SDMX-CSV 2.0 says it: the character after `STRUCTURE`.
    if let Some(rest) = first
        .trim_start_matches('\u{feff}')
        .strip_prefix("STRUCTURE")
        && let Some(c) = rest.chars().next().filter(|c| SEPARATORS.contains(c))
    {
        return Some(c);
    }
    let rows: Vec<&str> = lines
        .iter()
        .skip(1)
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    SEPARATORS
        .iter()
        .copied()
        .filter_map(|sep| {
            let n = fields(first, sep);
            let agree = rows.iter().filter(|l| fields(l, sep) == n).count();
            // Most rows agree with the header (all of them when there are only two).
            (n > 1 && agree * 4 >= rows.len() * 3).then_some((sep, agree, n))
        })
        .max_by_key(|(_, agree, n)| (*agree, *n))
        .map(|(sep, _, _)| sep)
}

/// The kinds of data file read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "format")]
pub enum Layout {
    /// Open SDG's tidy CSV, for one indicator (named when importing).
    OpenSdg {
        year: usize,
        value: usize,
        /// Disaggregation columns: a blank cell is the total.
        dimensions: Vec<usize>,
        /// `Units`, `Series`, `GeoCode`, observation attributes: carried, not dimensions.
        other: Vec<usize>,
    },
    /// SDMX-CSV 1.0 or 2.0.
    Sdmx {
        version: u8,
        time: usize,
        value: usize,
        /// `ACTION` (2.0): I, A, R or D per row; I when absent.
        action: Option<usize>,
        dimensions: Vec<usize>,
        attributes: Vec<usize>,
    },
}

/// Why a header is not one of the layouts read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "problem")]
pub enum LayoutProblem {
    /// No value column: `Value` (tidy CSV) or `OBS_VALUE` (SDMX).
    NoValueColumn,
    /// No time column: `Year` (tidy CSV) or `TIME_PERIOD` (SDMX).
    NoTimeColumn,
    /// The same column name twice.
    DuplicateColumn { name: String },
}

/// Open SDG's columns that are not disaggregations.
const OPEN_SDG_OTHER: [&str; 8] = [
    "Units",
    "Series",
    "GeoCode",
    "Observation status",
    "Unit multiplier",
    "Unit measure",
    "COMMENT_OBS",
    "Progress",
];

/// SDMX attributes of the SDG structure (what is not a dimension).
const SDMX_ATTRIBUTES: [&str; 17] = [
    "OBS_STATUS",
    "UNIT_MULT",
    "UNIT_MEASURE",
    "BASE_PER",
    "NATURE",
    "TIME_DETAIL",
    "COMMENT_OBS",
    "TIME_COVERAGE",
    "UPPER_BOUND",
    "LOWER_BOUND",
    "SOURCE_DETAIL",
    "COMMENT_TS",
    "GEO_INFO_URL",
    "GEO_INFO_TYPE",
    "CUST_BREAKDOWN_LB",
    "DATA_LAST_UPDATE",
    "CONF_STATUS",
];

/// What a header row is.
pub fn layout(header: &[&str]) -> Result<Layout, LayoutProblem> {
    let names: Vec<&str> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').trim_matches('"'))
        .collect();
    for (i, n) in names.iter().enumerate() {
        if names[..i].contains(n) {
            return Err(LayoutProblem::DuplicateColumn {
                name: (*n).to_owned(),
            });
        }
    }
    let at = |name: &str| names.iter().position(|n| *n == name);
    let structure = names.first().is_some_and(|n| n.starts_with("STRUCTURE"));
    if structure || at("DATAFLOW") == Some(0) {
        let value = at("OBS_VALUE").ok_or(LayoutProblem::NoValueColumn)?;
        let time = at("TIME_PERIOD").ok_or(LayoutProblem::NoTimeColumn)?;
        let action = at("ACTION");
        let fixed = [
            "STRUCTURE",
            "STRUCTURE_ID",
            "STRUCTURE_NAME",
            "DATAFLOW",
            "ACTION",
            "SERIES_KEY",
            "OBS_KEY",
            "TIME_PERIOD",
            "OBS_VALUE",
        ];
        let mut dimensions = Vec::new();
        let mut attributes = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let bare = n.split('[').next().unwrap_or(n);
            if fixed.contains(&bare) || i == 0 {
                continue;
            }
            if SDMX_ATTRIBUTES.contains(&bare) {
                attributes.push(i);
            } else {
                dimensions.push(i);
            }
        }
        return Ok(Layout::Sdmx {
            version: if structure { 2 } else { 1 },
            time,
            value,
            action,
            dimensions,
            attributes,
        });
    }
    let value = at("Value").ok_or(LayoutProblem::NoValueColumn)?;
    let year = at("Year").ok_or(LayoutProblem::NoTimeColumn)?;
    let (other, dimensions): (Vec<usize>, Vec<usize>) = (0..names.len())
        .filter(|i| *i != value && *i != year)
        .partition(|i| OPEN_SDG_OTHER.contains(&names[*i]));
    Ok(Layout::OpenSdg {
        year,
        value,
        dimensions,
        other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str, sep: char) -> Vec<&str> {
        line.split(sep).collect()
    }

    #[test]
    fn the_separator_is_the_one_every_line_agrees_on() {
        assert_eq!(
            separator(&["Year,Sex,Value", "2022,,9.1", "2022,F,9.8"]),
            Some(',')
        );
        // A Romanian Excel: semicolons, and decimal commas inside the fields.
        assert_eq!(
            separator(&["Year;Sex;Value", "2022;;9,1", "2022;F;9,8"]),
            Some(';')
        );
        assert_eq!(separator(&["Year\tValue", "2022\t9.1"]), Some('\t'));
        // Quoted fields keep their commas.
        assert_eq!(
            separator(&["Year,Note,Value", "2022,\"a, b\",9"]),
            Some(',')
        );
        // SDMX-CSV 2.0 says it after STRUCTURE, whatever the data hold.
        assert_eq!(
            separator(&["STRUCTURE;STRUCTURE_ID;OBS_VALUE", "dataflow;X:Y(1.0);1,5"]),
            Some(';')
        );
        // One hand-edited row a cell short does not hide it.
        assert_eq!(
            separator(&[
                "Year;Sex;Area;Value",
                "2022;F;R;9,1",
                "2022;;9",
                "2023;M;U;9,8",
                "2024;;;9,9"
            ]),
            Some(';')
        );
        assert_eq!(separator(&["just one column", "no separators"]), None);
        assert_eq!(separator(&[]), None);
    }

    #[test]
    fn open_sdg_tidy_csv_is_recognised_with_its_dimensions() {
        let header = split("Year,Sex,Age,Units,GeoCode,Value", ',');
        assert_eq!(
            layout(&header),
            Ok(Layout::OpenSdg {
                year: 0,
                value: 5,
                dimensions: vec![1, 2],
                other: vec![3, 4]
            })
        );
        // A byte-order mark before the first name changes nothing.
        let bom = split("\u{feff}Year,Value", ',');
        assert!(matches!(
            layout(&bom),
            Ok(Layout::OpenSdg {
                year: 0,
                value: 1,
                ..
            })
        ));
    }

    #[test]
    fn sdmx_csv_1_and_2_are_recognised() {
        let v1 = split(
            "DATAFLOW,FREQ,REF_AREA,SEX,AGE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS",
            ',',
        );
        assert_eq!(
            layout(&v1),
            Ok(Layout::Sdmx {
                version: 1,
                time: 5,
                value: 6,
                action: None,
                dimensions: vec![1, 2, 3, 4],
                attributes: vec![7, 8]
            })
        );
        let v2 = split(
            "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,SERIES,SEX,AGE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS",
            ',',
        );
        assert_eq!(
            layout(&v2),
            Ok(Layout::Sdmx {
                version: 2,
                time: 8,
                value: 9,
                action: Some(2),
                dimensions: vec![3, 4, 5, 6, 7],
                attributes: vec![10, 11]
            })
        );
    }

    #[test]
    fn a_header_without_what_is_needed_says_what_is_missing() {
        assert_eq!(
            layout(&split("Year,Sex,Amount", ',')),
            Err(LayoutProblem::NoValueColumn)
        );
        assert_eq!(
            layout(&split("Sex,Value", ',')),
            Err(LayoutProblem::NoTimeColumn)
        );
        assert_eq!(
            layout(&split("DATAFLOW,TIME_PERIOD,VALUE", ',')),
            Err(LayoutProblem::NoValueColumn)
        );
        assert_eq!(
            layout(&split("Year,Sex,Sex,Value", ',')),
            Err(LayoutProblem::DuplicateColumn { name: "Sex".into() })
        );
    }
}
