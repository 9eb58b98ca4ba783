//! Programme progress, never invented: where a programme's outputs have expected and
//! reported values, its progress is reported ÷ expected; else a figure someone entered;
//! else what its status says, if the network's status list gives that status a figure
//! (`data/programme-statuses.toml`: planned 0 %, completed 100 %, an active programme
//! "no figure yet"). A parent's progress is the weighted average of its children's, so
//! a coordinator updates leaves only.

use std::fmt;
use std::str::FromStr;

use crate::values::ValueError;

/// Progress in percent, 0–100.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, serde::Serialize, utoipa::ToSchema)]
#[serde(transparent)]
#[schema(value_type = f64, minimum = 0, maximum = 100)]
pub struct Percent(f64);

impl Percent {
    pub fn new(value: f64) -> Result<Self, ValueError> {
        if value.is_finite() && (0.0..=100.0).contains(&value) {
            Ok(Self(value))
        } else {
            Err(ValueError::NotInVocabulary {
                value: value.to_string(),
                allowed: "0 to 100".into(),
            })
        }
    }
    pub fn get(self) -> f64 {
        self.0
    }
    /// Whole percent for display and for `<progress>`/`aria-valuenow`.
    pub fn rounded(self) -> u8 {
        self.0.round().clamp(0.0, 100.0) as u8
    }
}

/// Where a programme stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProgrammeStatus {
    Planned,
    Active,
    Completed,
    Suspended,
    Cancelled,
}

impl ProgrammeStatus {
    pub const ALL: [ProgrammeStatus; 5] = [
        ProgrammeStatus::Planned,
        ProgrammeStatus::Active,
        ProgrammeStatus::Completed,
        ProgrammeStatus::Suspended,
        ProgrammeStatus::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProgrammeStatus::Planned => "planned",
            ProgrammeStatus::Active => "active",
            ProgrammeStatus::Completed => "completed",
            ProgrammeStatus::Suspended => "suspended",
            ProgrammeStatus::Cancelled => "cancelled",
        }
    }
}

impl FromStr for ProgrammeStatus {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|st| st.code() == s.trim())
            .ok_or_else(|| ValueError::NotInVocabulary {
                value: s.chars().take(40).collect(),
                allowed: Self::ALL.map(Self::code).join(", "),
            })
    }
}

impl fmt::Display for ProgrammeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How a programme's progress figure came about, so pages can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProgressSource {
    /// Someone entered the figure.
    Reported,
    /// Implied by the status.
    Status,
    /// Weighted average of the children.
    Children,
    /// Reported ÷ expected of the programme's outputs.
    Outputs,
}

impl ProgressSource {
    pub fn code(self) -> &'static str {
        match self {
            ProgressSource::Reported => "reported",
            ProgressSource::Status => "status",
            ProgressSource::Children => "children",
            ProgressSource::Outputs => "outputs",
        }
    }
}

/// One node of a programme tree as the roll-up sees it.
#[derive(Debug, Clone)]
pub struct ProgressInput {
    pub status: ProgrammeStatus,
    /// What the network's status list says this status means, if anything.
    pub status_default: Option<Percent>,
    /// Reported ÷ expected of the outputs, and whether a sample went into it.
    pub outputs: Option<(Percent, bool)>,
    pub explicit: Option<Percent>,
    /// The explicit figure is illustrative (demo data), not reported.
    pub explicit_sample: bool,
    pub weight: f64,
    pub children: Vec<ProgressInput>,
}

/// A computed progress: the figure, how it came about, and whether any illustrative
/// figure went into it (so a parent averaged from sample data is labelled too).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RolledUp {
    pub percent: Percent,
    pub source: ProgressSource,
    pub sample: bool,
}

/// Computes a node's progress. A node with children takes the weighted average of the
/// children that have a progress (cancelled or suspended ones without a figure drop out,
/// rather than dragging the average to zero); a leaf takes its explicit figure, else its
/// status default. Non-positive or non-finite weights count as zero.
pub fn roll_up(node: &ProgressInput) -> Option<RolledUp> {
    if !node.children.is_empty() {
        let mut weighted = 0.0;
        let mut total = 0.0;
        let mut sample = false;
        for child in &node.children {
            let weight = if child.weight.is_finite() && child.weight > 0.0 {
                child.weight
            } else {
                0.0
            };
            if let Some(r) = roll_up(child) {
                weighted += r.percent.get() * weight;
                total += weight;
                sample |= r.sample && weight > 0.0;
            }
        }
        if total > 0.0 {
            let percent = Percent((weighted / total).clamp(0.0, 100.0));
            return Some(RolledUp {
                percent,
                source: ProgressSource::Children,
                sample,
            });
        }
    }
    if let Some((percent, sample)) = node.outputs {
        return Some(RolledUp {
            percent,
            source: ProgressSource::Outputs,
            sample,
        });
    }
    match node.explicit {
        Some(percent) => Some(RolledUp {
            percent,
            source: ProgressSource::Reported,
            sample: node.explicit_sample,
        }),
        None => node.status_default.map(|percent| RolledUp {
            percent,
            source: ProgressSource::Status,
            sample: false,
        }),
    }
}

/// An output as progress sees it.
#[derive(Debug, Clone, Copy)]
pub struct OutputFigures {
    pub expected: Option<f64>,
    pub reported: Option<f64>,
    pub sample: bool,
}

/// Reported ÷ expected over the outputs that have both (each capped at 100 %, so one
/// output far beyond its goal does not hide another behind), averaged; none when no
/// output has both figures.
pub fn output_progress(outputs: &[OutputFigures]) -> Option<(Percent, bool)> {
    let measured: Vec<(f64, bool)> = outputs
        .iter()
        .filter_map(|o| match (o.expected, o.reported) {
            (Some(e), Some(r)) if e > 0.0 && r.is_finite() && r >= 0.0 => {
                Some(((r / e).min(1.0), o.sample))
            }
            _ => None,
        })
        .collect();
    if measured.is_empty() {
        return None;
    }
    let mean = measured.iter().map(|(f, _)| f).sum::<f64>() / measured.len() as f64;
    Some((Percent(mean * 100.0), measured.iter().any(|(_, s)| *s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped status list: planned 0 %, completed 100 %, the rest no figure.
    fn default_of(status: ProgrammeStatus) -> Option<Percent> {
        match status {
            ProgrammeStatus::Planned => Some(Percent(0.0)),
            ProgrammeStatus::Completed => Some(Percent(100.0)),
            _ => None,
        }
    }

    fn leaf(status: ProgrammeStatus, explicit: Option<f64>, weight: f64) -> ProgressInput {
        ProgressInput {
            status,
            status_default: default_of(status),
            outputs: None,
            explicit: explicit.map(|p| Percent::new(p).unwrap()),
            explicit_sample: false,
            weight,
            children: vec![],
        }
    }

    #[test]
    fn leaf_uses_explicit_then_status_default() {
        assert_eq!(
            roll_up(&leaf(ProgrammeStatus::Active, Some(30.0), 1.0)).map(|r| r.percent.get()),
            Some(30.0)
        );
        assert_eq!(
            roll_up(&leaf(ProgrammeStatus::Completed, None, 1.0)).map(|r| r.percent.get()),
            Some(100.0)
        );
        assert_eq!(roll_up(&leaf(ProgrammeStatus::Cancelled, None, 1.0)), None);
    }

    #[test]
    fn parent_is_weighted_average_of_children() {
        let parent = ProgressInput {
            status: ProgrammeStatus::Active,
            status_default: default_of(ProgrammeStatus::Active),
            outputs: None,
            explicit: Some(Percent::new(5.0).unwrap()),
            explicit_sample: false,
            weight: 1.0,
            children: vec![
                leaf(ProgrammeStatus::Completed, None, 3.0),  // 100 × 3
                leaf(ProgrammeStatus::Planned, None, 1.0),    //   0 × 1
                leaf(ProgrammeStatus::Cancelled, None, 10.0), // drops out
            ],
        };
        let r = roll_up(&parent).unwrap();
        assert_eq!(r.percent.get(), 75.0);
        assert_eq!(r.source, ProgressSource::Children);
        assert!(!r.sample);
    }

    #[test]
    fn nested_parents_roll_up_recursively() {
        let inner = ProgressInput {
            status: ProgrammeStatus::Active,
            status_default: default_of(ProgrammeStatus::Active),
            outputs: None,
            explicit: None,
            explicit_sample: false,
            weight: 1.0,
            children: vec![
                leaf(ProgrammeStatus::Active, Some(20.0), 1.0),
                leaf(ProgrammeStatus::Active, Some(40.0), 1.0),
            ],
        };
        let outer = ProgressInput {
            status: ProgrammeStatus::Active,
            status_default: default_of(ProgrammeStatus::Active),
            outputs: None,
            explicit: None,
            explicit_sample: false,
            weight: 1.0,
            children: vec![inner, leaf(ProgrammeStatus::Completed, None, 1.0)],
        };
        assert_eq!(roll_up(&outer).unwrap().percent.get(), 65.0);
    }

    #[test]
    fn zero_weights_fall_back_to_own_progress() {
        let parent = ProgressInput {
            status: ProgrammeStatus::Planned,
            status_default: default_of(ProgrammeStatus::Planned),
            outputs: None,
            explicit: None,
            explicit_sample: false,
            weight: 1.0,
            children: vec![leaf(ProgrammeStatus::Completed, None, 0.0)],
        };
        let r = roll_up(&parent).unwrap();
        assert_eq!((r.percent.get(), r.source), (0.0, ProgressSource::Status));
    }

    #[test]
    fn sample_figures_mark_the_parent_as_sample() {
        let mut child = leaf(ProgrammeStatus::Active, Some(40.0), 1.0);
        child.explicit_sample = true;
        let parent = ProgressInput {
            status: ProgrammeStatus::Active,
            status_default: default_of(ProgrammeStatus::Active),
            outputs: None,
            explicit: None,
            explicit_sample: false,
            weight: 1.0,
            children: vec![child, leaf(ProgrammeStatus::Completed, None, 1.0)],
        };
        let r = roll_up(&parent).unwrap();
        assert_eq!((r.percent.get(), r.sample), (70.0, true));
    }

    #[test]
    fn an_active_programme_without_figures_has_no_progress_yet() {
        assert_eq!(roll_up(&leaf(ProgrammeStatus::Active, None, 1.0)), None);
    }

    #[test]
    fn outputs_give_reported_over_expected_before_any_typed_figure() {
        let o = |expected, reported, sample| OutputFigures {
            expected,
            reported,
            sample,
        };
        // 15 of 20 and 30 of 20 (capped): (75 + 100) / 2; the one without a goal drops out.
        let (p, sample) = output_progress(&[
            o(Some(20.0), Some(15.0), false),
            o(Some(20.0), Some(30.0), false),
            o(None, Some(15.0), true),
        ])
        .unwrap();
        assert_eq!((p.get(), sample), (87.5, false));
        assert_eq!(
            output_progress(&[o(None, Some(15.0), false), o(Some(0.0), Some(1.0), false)]),
            None
        );
        let mut node = leaf(ProgrammeStatus::Active, Some(30.0), 1.0);
        node.outputs = Some((p, false));
        let r = roll_up(&node).unwrap();
        assert_eq!((r.percent.get(), r.source), (87.5, ProgressSource::Outputs));
    }

    #[test]
    fn percent_range_is_enforced() {
        assert!(Percent::new(100.1).is_err());
        assert!(Percent::new(-1.0).is_err());
        assert!(Percent::new(f64::NAN).is_err());
    }
}
