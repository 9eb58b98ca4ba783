//! A city's strategy and its objectives: editable fields and their validation.

use super::*;
use crate::values::StrategyStatus;

/// The editable fields of a strategy; also its revision snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrategyFields {
    pub title: LocalizedText,
    pub vision: LocalizedText,
    pub period_start: i32,
    pub period_end: Option<i32>,
    pub status: String,
    /// The period is illustrative (demo data).
    #[serde(default)]
    pub period_sample: bool,
}

impl StrategyFields {
    pub const FIELDS: &'static [&'static str] = &[
        "title_en",
        "title_ro",
        "vision_en",
        "vision_ro",
        "period_start",
        "period_end",
        "status",
    ];

    /// Validates the fields, years written as `writing` says.
    pub fn parse(input: &RawInput, writing: Writing) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, &[]).written(writing);
        let title = c.text("title", MAX_TITLE, true);
        let vision = c.text("vision", MAX_TEXT, false);
        let period_start = c.year("period_start");
        if period_start.is_none() && c.raw("period_start").is_empty() {
            c.fail("period_start", Problem::Required);
        }
        let period_end = c.year("period_end");
        if let (Some(s), Some(e)) = (period_start, period_end)
            && e < s
        {
            c.fail("period_end", Problem::EndBeforeStart);
        }
        let status = c.raw("status").to_owned();
        if status.parse::<StrategyStatus>().is_err() {
            let allowed = StrategyStatus::ALL
                .iter()
                .map(|s| s.code())
                .collect::<Vec<_>>();
            c.fail(
                "status",
                Problem::NotAllowed {
                    allowed: allowed.join(", "),
                },
            );
        }
        match (c.problems.is_empty(), period_start) {
            (true, Some(period_start)) => Ok(Self {
                title,
                vision,
                period_start,
                period_end,
                status,
                period_sample: false,
            }),
            _ => Err(c.problems),
        }
    }

    /// The period stays marked illustrative while it is unchanged.
    pub fn keep_samples(&mut self, before: &StrategyFields) {
        self.period_sample = before.period_sample
            && (self.period_start, self.period_end) == (before.period_start, before.period_end);
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        put_text(&mut out, "title", &self.title);
        put_text(&mut out, "vision", &self.vision);
        out.insert("period_start".into(), self.period_start.to_string());
        out.insert(
            "period_end".into(),
            self.period_end.map(|y| y.to_string()).unwrap_or_default(),
        );
        out.insert("status".into(), self.status.clone());
        out
    }
}

/// The editable fields of an objective; also its revision snapshot. Framework nodes are
/// named by their codes within each framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveFields {
    pub code: String,
    pub title: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
    /// Key Features of Learning Cities.
    #[serde(default)]
    pub kflc: Vec<String>,
    /// Guidelines for Building Learning Cities (action areas).
    #[serde(default)]
    pub guidelines: Vec<String>,
    /// SDG goals and targets.
    #[serde(default)]
    pub sdg: Vec<String>,
    #[serde(default)]
    pub local_targets: Vec<LocalTarget>,
}

/// A city's own target under an SDG target (`4.c.RES.1` under `4.c`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalTarget {
    pub code: String,
    pub sdg_target: String,
    pub title: LocalizedText,
}

/// What an objective may refer to.
#[derive(Debug, Clone, Default)]
pub struct ObjectiveChoices {
    pub kflc: Vec<Choice>,
    pub guidelines: Vec<Choice>,
    /// SDG goals, targets and indicators (any may be linked).
    pub sdg: Vec<Choice>,
    /// SDG targets only (local targets sit under one).
    pub sdg_targets: Vec<Choice>,
    /// Codes the strategy's other objectives use.
    pub taken: Vec<String>,
}

impl ObjectiveFields {
    pub const FIELDS: &'static [&'static str] = &[
        "code",
        "title_en",
        "title_ro",
        "description_en",
        "description_ro",
        "kflc",
        "guidelines",
        "sdg",
    ];

    pub const GROUPS: &'static [Group] = &[Group {
        name: "local_targets",
        fields: &["code", "sdg_target", "title_en", "title_ro"],
    }];

    pub fn parse(input: &RawInput, choices: &ObjectiveChoices) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, Self::GROUPS);
        let code = c.raw("code").to_owned();
        if code.is_empty() {
            c.fail("code", Problem::Required);
        } else if !short_code(&code) {
            c.fail("code", letters_digits_dots());
        } else if choices.taken.iter().any(|t| t.eq_ignore_ascii_case(&code)) {
            c.fail("code", Problem::Taken);
        }
        let title = c.text("title", MAX_TITLE, true);
        let description = c.text("description", MAX_TEXT, false);
        let kflc = c.codes("kflc", &choices.kflc);
        let guidelines = c.codes("guidelines", &choices.guidelines);
        let sdg = c.codes("sdg", &choices.sdg);
        let mut local_targets: Vec<LocalTarget> = Vec::new();
        for row in c.rows("local_targets") {
            let at = |f: &str| format!("local_targets.{row}.{f}");
            let sdg_target = c.choice(&at("sdg_target"), &choices.sdg_targets);
            if sdg_target.is_none() && c.raw(&at("sdg_target")).is_empty() {
                c.fail(&at("sdg_target"), Problem::Required);
            }
            let own = c.raw(&at("code")).to_owned();
            if own.is_empty() {
                c.fail(&at("code"), Problem::Required);
            } else if !short_code(&own) {
                c.fail(&at("code"), letters_digits_dots());
            } else if local_targets.iter().any(|t| t.code == own) {
                c.fail(&at("code"), Problem::Taken);
            }
            let title = c.text(&at("title"), MAX_SUMMARY, true);
            local_targets.push(LocalTarget {
                code: own,
                sdg_target: sdg_target.unwrap_or_default(),
                title,
            });
        }
        c.done(Self {
            code,
            title,
            description,
            kflc,
            guidelines,
            sdg,
            local_targets,
        })
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        out.insert("code".into(), self.code.clone());
        put_text(&mut out, "title", &self.title);
        put_text(&mut out, "description", &self.description);
        out.insert("kflc".into(), self.kflc.join(","));
        out.insert("guidelines".into(), self.guidelines.join(","));
        out.insert("sdg".into(), self.sdg.join(","));
        for (i, t) in self.local_targets.iter().enumerate() {
            out.insert(format!("local_targets.{i}.code"), t.code.clone());
            out.insert(
                format!("local_targets.{i}.sdg_target"),
                t.sdg_target.clone(),
            );
            put_text(&mut out, &format!("local_targets.{i}.title"), &t.title);
        }
        out
    }
}

/// Codes people give objectives and local targets: `O1`, `4.c.RES.1`.
fn short_code(code: &str) -> bool {
    // Starting with a letter or digit keeps `.` and `..` out of addresses.
    code.len() <= 20
        && code.starts_with(|c: char| c.is_ascii_alphanumeric())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

fn letters_digits_dots() -> Problem {
    Problem::NotAllowed {
        allowed: "letters, digits, dots and hyphens (at most 20, starting with a letter or digit), such as O1 or 4.c.RES.1".into(),
    }
}

impl Checker<'_> {
    /// A year between 1900 and 2200, or none when empty.
    fn year(&mut self, field: &str) -> Option<i32> {
        self.whole(field, 1900.0, 2200.0).map(|v| v as i32)
    }
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

    fn choices() -> ObjectiveChoices {
        let c = |code: &str| Choice::new(code, LocalizedText::new().with("en", code));
        ObjectiveChoices {
            kflc: vec![c("2.5"), c("2.5.3")],
            guidelines: vec![c("plan")],
            sdg: vec![c("4"), c("4.c")],
            sdg_targets: vec![c("4.c")],
            taken: vec!["O2".into()],
        }
    }

    #[test]
    fn strategies_parse_and_refuse() {
        let ok = StrategyFields::parse(
            &input(&[
                ("title_en", "Learning Reșița"),
                ("period_start", "2023"),
                ("period_end", "2030"),
                ("status", "adopted"),
            ]),
            Writing::Machine,
        )
        .unwrap();
        assert_eq!(
            StrategyFields::parse(&ok.to_input(), Writing::Machine).unwrap(),
            ok
        );
        let bad = StrategyFields::parse(
            &input(&[
                ("title_en", "X"),
                ("period_start", "2030"),
                ("period_end", "2023"),
                ("status", "forgotten"),
            ]),
            Writing::Machine,
        )
        .unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["period_end", "status"]);
        let missing = StrategyFields::parse(
            &input(&[("title_en", "X"), ("status", "draft")]),
            Writing::Machine,
        );
        assert_eq!(missing.unwrap_err()[0].problem, Problem::Required);
    }

    #[test]
    fn objectives_parse_with_framework_codes_and_local_targets() {
        let ok = ObjectiveFields::parse(
            &input(&[
                ("code", "O1"),
                ("title_en", "Empower educators"),
                ("kflc", "2.5,2.5.3"),
                ("sdg", "4.c"),
                ("local_targets.0.code", "4.c.RES.1"),
                ("local_targets.0.sdg_target", "4.c"),
                (
                    "local_targets.0.title_ro",
                    "Formare pentru fiecare profesor",
                ),
            ]),
            &choices(),
        )
        .unwrap();
        assert_eq!(ok.kflc, ["2.5", "2.5.3"]);
        assert_eq!(ok.local_targets[0].sdg_target, "4.c");
        assert_eq!(
            ObjectiveFields::parse(&ok.to_input(), &choices()).unwrap(),
            ok
        );
    }

    #[test]
    fn unknown_framework_codes_and_taken_codes_are_refused() {
        let bad = ObjectiveFields::parse(
            &input(&[
                ("code", "o2"),
                ("title_en", "X"),
                ("kflc", "2.5,9.9.9"),
                ("sdg", "18"),
                ("local_targets.0.code", "4.c.RES.1"),
                ("local_targets.0.sdg_target", "4"),
                ("local_targets.0.title_en", "A goal is not a target"),
            ]),
            &choices(),
        )
        .unwrap_err();
        let has = |f: &str, p: Problem| {
            bad.contains(&FieldProblem {
                field: f.into(),
                problem: p,
            })
        };
        assert!(has("code", Problem::Taken), "{bad:?}");
        assert!(has("kflc", Problem::NotAChoice));
        assert!(has("sdg", Problem::NotAChoice));
        assert!(has("local_targets.0.sdg_target", Problem::NotAChoice));
    }
}
