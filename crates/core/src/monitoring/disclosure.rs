//! Small counts in public tables: a count of one to four people (Roma residents, persons
//! with disabilities in a small city) would point at individuals. Public outputs show
//! such a count as "fewer than 5" (primary suppression, the threshold rule); then, so a
//! total minus the cells shown cannot give it back, another cell of every line that
//! holds a hidden one is hidden too (secondary suppression: the smallest cell not yet
//! hidden, repeated until no line has a single hidden cell). A true zero shows as 0.
//! Counts shown may also be rounded to a base (5). Editors of the city see true values.

use serde::Serialize;

/// A disclosure rule of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Counts from 1 to `threshold − 1` are not shown (5: "fewer than 5").
    pub threshold: u32,
    /// Counts shown are rounded to a multiple of this, if set (5).
    pub round_to: Option<u32>,
}

impl Default for Rule {
    fn default() -> Self {
        Self {
            threshold: 5,
            round_to: None,
        }
    }
}

/// A line of a table: a total and the cells that add up to it (a row or a column with
/// its margin, or a dimension's codes with their total).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub total: usize,
    pub parts: Vec<usize>,
}

/// What a public table shows in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "shown", content = "value")]
pub enum Shown {
    Value(f64),
    /// A small count: "fewer than N".
    FewerThan(u32),
    /// Hidden so a small count elsewhere cannot be worked out.
    Withheld,
}

/// What the public may see of `counts`, whose totals are described by `lines`.
pub fn protect(counts: &[f64], lines: &[Line], rule: Rule) -> Vec<Shown> {
    let small = |c: f64| c > 0.0 && c < f64::from(rule.threshold);
    let mut hidden: Vec<bool> = counts.iter().map(|c| small(*c)).collect();
    // Secondary suppression, to a fixed point: every line with exactly one hidden cell
    // hides its smallest other non-zero cell (or its total, when only zeros are left).
    loop {
        let mut changed = false;
        for line in lines {
            let cells: Vec<usize> = std::iter::once(line.total)
                .chain(line.parts.iter().copied())
                .filter(|i| *i < counts.len())
                .collect();
            if cells.iter().filter(|i| hidden[**i]).count() != 1 {
                continue;
            }
            let pick = line
                .parts
                .iter()
                .copied()
                .filter(|i| *i < counts.len() && !hidden[*i] && counts[*i] > 0.0)
                .min_by(|a, b| counts[*a].total_cmp(&counts[*b]))
                .or((!hidden[line.total]).then_some(line.total));
            if let Some(i) = pick {
                hidden[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    counts
        .iter()
        .zip(&hidden)
        .map(|(c, h)| match (*h, small(*c)) {
            (true, true) => Shown::FewerThan(rule.threshold),
            (true, false) => Shown::Withheld,
            (false, _) => Shown::Value(match rule.round_to {
                Some(base) if base > 1 => {
                    let b = f64::from(base);
                    (c / b).round() * b
                }
                _ => *c,
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many hidden cells each line keeps.
    fn hidden_per_line(shown: &[Shown], lines: &[Line]) -> Vec<usize> {
        lines
            .iter()
            .map(|l| {
                std::iter::once(l.total)
                    .chain(l.parts.iter().copied())
                    .filter(|i| !matches!(shown[*i], Shown::Value(_)))
                    .count()
            })
            .collect()
    }

    #[test]
    fn a_small_count_is_hidden_and_so_is_what_would_give_it_away() {
        // Total 40 = Roma 3 + others 37: 3 is "fewer than 5", and 37 must go too, or
        // 40 − 37 tells.
        let lines = [Line {
            total: 0,
            parts: vec![1, 2],
        }];
        let shown = protect(&[40.0, 3.0, 37.0], &lines, Rule::default());
        assert_eq!(
            shown,
            [Shown::Value(40.0), Shown::FewerThan(5), Shown::Withheld]
        );
    }

    #[test]
    fn zeros_show_and_nothing_small_hides_nothing() {
        let lines = [Line {
            total: 0,
            parts: vec![1, 2, 3],
        }];
        let shown = protect(&[30.0, 0.0, 12.0, 18.0], &lines, Rule::default());
        assert!(shown.iter().all(|s| matches!(s, Shown::Value(_))));
        // Only zeros beside the small one: the total goes.
        let shown = protect(
            &[2.0, 2.0, 0.0],
            &[Line {
                total: 0,
                parts: vec![1, 2],
            }],
            Rule::default(),
        );
        assert_eq!(
            shown,
            [Shown::FewerThan(5), Shown::FewerThan(5), Shown::Value(0.0)]
        );
        let shown = protect(
            &[7.0, 2.0, 0.0, 5.0],
            &[Line {
                total: 0,
                parts: vec![1, 2, 3],
            }],
            Rule::default(),
        );
        assert_eq!(
            shown,
            [
                Shown::Value(7.0),
                Shown::FewerThan(5),
                Shown::Value(0.0),
                Shown::Withheld
            ]
        );
    }

    #[test]
    fn in_a_two_way_table_every_row_and_column_keeps_two_hidden_cells_or_none() {
        // Sex × urbanisation with margins:
        //            urban rural | total
        //   women      20     3  |   23
        //   men        25    12  |   37
        //   total      45    15  |   60
        // cells:   0 1 2 / 3 4 5 / 6 7 8
        let counts = [20.0, 3.0, 23.0, 25.0, 12.0, 37.0, 45.0, 15.0, 60.0];
        let lines = [
            Line {
                total: 2,
                parts: vec![0, 1],
            },
            Line {
                total: 5,
                parts: vec![3, 4],
            },
            Line {
                total: 8,
                parts: vec![6, 7],
            },
            Line {
                total: 6,
                parts: vec![0, 3],
            },
            Line {
                total: 7,
                parts: vec![1, 4],
            },
            Line {
                total: 8,
                parts: vec![2, 5],
            },
        ];
        let shown = protect(&counts, &lines, Rule::default());
        assert_eq!(shown[1], Shown::FewerThan(5));
        for (line, n) in lines.iter().zip(hidden_per_line(&shown, &lines)) {
            assert!(
                n == 0 || n >= 2,
                "{line:?} keeps {n} hidden cell: it can be worked out"
            );
        }
        // Nothing hidden beyond need: the grand total stays.
        assert_eq!(shown[8], Shown::Value(60.0));
    }

    #[test]
    fn shown_counts_may_be_rounded_to_fives() {
        let rule = Rule {
            threshold: 5,
            round_to: Some(5),
        };
        let shown = protect(
            &[47.0, 22.0, 25.0],
            &[Line {
                total: 0,
                parts: vec![1, 2],
            }],
            rule,
        );
        assert_eq!(
            shown,
            [Shown::Value(45.0), Shown::Value(20.0), Shown::Value(25.0)]
        );
    }
}
