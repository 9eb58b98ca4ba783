//! A programme's editable fields and their validation.

use super::*;
use crate::progress::{Percent, ProgrammeStatus};
use crate::values::{Currency, PartnerRole};

/// The editable fields of a programme; also its revision snapshot. Other things are
/// named by code or slug (never by row id), so a snapshot reads the same in any
/// database and restores after renumbering.
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
    /// The parent programme's slug.
    #[serde(default)]
    pub parent: Option<String>,
    /// Codes of the strategy's objectives this programme serves.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Codes of target groups.
    #[serde(default)]
    pub target_groups: Vec<String>,
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub funding: Vec<Funding>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub outputs: Vec<Output>,
    /// The progress figure is illustrative (demo data).
    #[serde(default)]
    pub progress_sample: bool,
    /// The dates are illustrative.
    #[serde(default)]
    pub dates_sample: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Partner {
    /// The organisation's slug.
    pub organisation: String,
    pub role: String,
    #[serde(default)]
    pub contribution: LocalizedText,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Funding {
    pub source: LocalizedText,
    /// The funding organisation's slug, when it is one of the city's.
    #[serde(default)]
    pub organisation: Option<String>,
    /// In minor units (bani, cents), so sums never meet float rounding.
    pub amount_minor: Option<i64>,
    pub currency: String,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub title: LocalizedText,
    pub due_on: Option<NaiveDate>,
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Output {
    /// Stable code (facts in stories refer to it); made from the label when left empty.
    pub code: String,
    pub label: LocalizedText,
    #[serde(default)]
    pub unit: LocalizedText,
    #[serde(default)]
    pub period: Option<String>,
    pub expected: Option<f64>,
    pub reported: Option<f64>,
    #[serde(default)]
    pub source: LocalizedText,
    #[serde(default)]
    pub sample: bool,
}

/// What a programme's references may point at: the city's other programmes (as
/// parents), its organisations, objectives and the target groups.
#[derive(Debug, Clone, Default)]
pub struct ProgrammeChoices {
    /// Programmes that may be the parent.
    pub parents: Vec<Choice>,
    /// This programme and its descendants: picking one as parent makes a cycle.
    pub own_subtree: Vec<String>,
    pub organisations: Vec<Choice>,
    pub objectives: Vec<Choice>,
    pub target_groups: Vec<Choice>,
    /// ISO 4217 currencies (from data, not a list in code).
    pub currencies: Vec<Choice>,
}

/// The largest amount of money a funding row holds, in major units.
pub const MAX_AMOUNT: f64 = 1e12;

impl ProgrammeFields {
    /// Every plain field the programme form and API accept.
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
        "parent",
        "objectives",
        "target_groups",
    ];

    /// The repeated parts, each a group of rows.
    pub const GROUPS: &'static [Group] = &[
        Group {
            name: "partners",
            fields: &["organisation", "role", "contribution_en", "contribution_ro"],
        },
        Group {
            name: "funding",
            fields: &[
                "source_en",
                "source_ro",
                "organisation",
                "amount",
                "currency",
            ],
        },
        Group {
            name: "milestones",
            fields: &["title_en", "title_ro", "due_on", "done"],
        },
        Group {
            name: "outputs",
            fields: &[
                "code",
                "label_en",
                "label_ro",
                "unit_en",
                "unit_ro",
                "period",
                "expected",
                "reported",
                "source_en",
                "source_ro",
            ],
        },
    ];

    /// Validates raw input against what may be picked; problem is returned, not only the first. Numbers and dates are read as
    /// `writing` writes them.
    pub fn parse(
        input: &RawInput,
        choices: &ProgrammeChoices,
        writing: Writing,
    ) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, Self::GROUPS).written(writing);
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
        if let (Some(s), Some(e)) = (start_on, end_on)
            && e < s
        {
            c.fail("end_on", Problem::EndBeforeStart);
        }
        let progress = c.number("progress", 0.0, 100.0);
        let weight = if c.raw("weight").is_empty() {
            Some(1.0)
        } else {
            c.number("weight", 0.0, 1000.0)
        };
        let parent = match c.raw("parent") {
            "" => None,
            p if choices.own_subtree.iter().any(|s| s == p) => {
                c.fail("parent", Problem::Cycle);
                None
            }
            _ => c.choice("parent", &choices.parents),
        };
        let objectives = c.codes("objectives", &choices.objectives);
        let target_groups = c.codes("target_groups", &choices.target_groups);
        let partners = partners(&mut c, &choices.organisations);
        let funding = funding(&mut c, &choices.organisations, &choices.currencies);
        let milestones = milestones(&mut c);
        let outputs = outputs(&mut c);
        if !c.problems.is_empty() {
            return Err(c.problems);
        }
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
            parent,
            objectives,
            target_groups,
            partners,
            funding,
            milestones,
            outputs,
            progress_sample: false,
            dates_sample: false,
        })
    }

    /// A person who saves vouches for what they changed, not for what they left alone:
    /// sample marks stay on every figure that is still exactly as it was `before`.
    pub fn keep_samples(&mut self, before: &ProgrammeFields) {
        self.progress_sample = before.progress_sample && self.progress == before.progress;
        self.dates_sample =
            before.dates_sample && (self.start_on, self.end_on) == (before.start_on, before.end_on);
        for row in &mut self.funding {
            row.sample = before.funding.iter().any(|b| {
                b.sample
                    && Funding {
                        sample: true,
                        ..row.clone()
                    } == *b
            });
        }
        for row in &mut self.milestones {
            row.sample = before.milestones.iter().any(|b| {
                b.sample
                    && Milestone {
                        sample: true,
                        ..row.clone()
                    } == *b
            });
        }
        for row in &mut self.outputs {
            row.sample = before.outputs.iter().any(|b| {
                b.sample
                    && Output {
                        sample: true,
                        ..row.clone()
                    } == *b
            });
        }
    }

    /// The fields as form values, to fill an edit form.
    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        put_text(&mut out, "title", &self.title);
        put_text(&mut out, "summary", &self.summary);
        put_text(&mut out, "description", &self.description);
        out.insert("status".into(), self.status.clone());
        let opt = |v: Option<String>| v.unwrap_or_default();
        out.insert("start_on".into(), opt(self.start_on.map(|d| d.to_string())));
        out.insert("end_on".into(), opt(self.end_on.map(|d| d.to_string())));
        out.insert("progress".into(), opt(self.progress.map(|p| p.to_string())));
        out.insert("weight".into(), self.weight.to_string());
        out.insert("parent".into(), opt(self.parent.clone()));
        out.insert("objectives".into(), self.objectives.join(","));
        out.insert("target_groups".into(), self.target_groups.join(","));
        for (i, p) in self.partners.iter().enumerate() {
            out.insert(format!("partners.{i}.organisation"), p.organisation.clone());
            out.insert(format!("partners.{i}.role"), p.role.clone());
            put_text(
                &mut out,
                &format!("partners.{i}.contribution"),
                &p.contribution,
            );
        }
        for (i, f) in self.funding.iter().enumerate() {
            put_text(&mut out, &format!("funding.{i}.source"), &f.source);
            out.insert(
                format!("funding.{i}.organisation"),
                opt(f.organisation.clone()),
            );
            out.insert(
                format!("funding.{i}.amount"),
                opt(f.amount_minor.map(minor_to_text)),
            );
            out.insert(format!("funding.{i}.currency"), f.currency.clone());
        }
        for (i, m) in self.milestones.iter().enumerate() {
            put_text(&mut out, &format!("milestones.{i}.title"), &m.title);
            out.insert(
                format!("milestones.{i}.due_on"),
                opt(m.due_on.map(|d| d.to_string())),
            );
            out.insert(
                format!("milestones.{i}.done"),
                if m.done { "true" } else { "" }.into(),
            );
        }
        for (i, o) in self.outputs.iter().enumerate() {
            out.insert(format!("outputs.{i}.code"), o.code.clone());
            put_text(&mut out, &format!("outputs.{i}.label"), &o.label);
            put_text(&mut out, &format!("outputs.{i}.unit"), &o.unit);
            out.insert(format!("outputs.{i}.period"), opt(o.period.clone()));
            out.insert(
                format!("outputs.{i}.expected"),
                opt(o.expected.map(|v| v.to_string())),
            );
            out.insert(
                format!("outputs.{i}.reported"),
                opt(o.reported.map(|v| v.to_string())),
            );
            put_text(&mut out, &format!("outputs.{i}.source"), &o.source);
        }
        out
    }
}

/// Minor units as a decimal amount in the machine writing: `1250050` → `12500.5`.
fn minor_to_text(minor: i64) -> String {
    crate::typed::write_number(minor as f64 / 100.0, Writing::Machine, false)
}

fn partners(c: &mut Checker, organisations: &[Choice]) -> Vec<Partner> {
    let mut out: Vec<Partner> = Vec::new();
    for row in c.rows("partners") {
        let at = |f: &str| format!("partners.{row}.{f}");
        let organisation = c.choice(&at("organisation"), organisations);
        if organisation.is_none() && c.raw(&at("organisation")).is_empty() {
            c.fail(&at("organisation"), Problem::Required);
        }
        let role = c.raw(&at("role")).to_owned();
        if role.parse::<PartnerRole>().is_err() {
            let allowed = PartnerRole::ALL
                .iter()
                .map(|r| r.code())
                .collect::<Vec<_>>();
            c.fail(
                &at("role"),
                Problem::NotAllowed {
                    allowed: allowed.join(", "),
                },
            );
        }
        let contribution = c.text(&at("contribution"), MAX_SUMMARY, false);
        if let Some(organisation) = organisation {
            if out
                .iter()
                .any(|p| p.organisation == organisation && p.role == role)
            {
                c.fail(&at("organisation"), Problem::Taken);
            }
            out.push(Partner {
                organisation,
                role,
                contribution,
            });
        }
    }
    out
}

fn funding(c: &mut Checker, organisations: &[Choice], currencies: &[Choice]) -> Vec<Funding> {
    let mut out = Vec::new();
    for row in c.rows("funding") {
        let at = |f: &str| format!("funding.{row}.{f}");
        let source = c.text(&at("source"), MAX_TITLE, true);
        let organisation = c.choice(&at("organisation"), organisations);
        let amount_minor = c.money(&at("amount"), MAX_AMOUNT);
        let typed = c.raw(&at("currency")).to_owned();
        let currency = match typed.parse::<Currency>() {
            Ok(code) if currencies.iter().any(|k| k.code == code.as_str()) => code.to_string(),
            _ if typed.is_empty() => {
                c.fail(&at("currency"), Problem::Required);
                typed
            }
            _ => {
                c.fail(&at("currency"), Problem::NotAChoice);
                typed
            }
        };
        out.push(Funding {
            source,
            organisation,
            amount_minor,
            currency,
            sample: false,
        });
    }
    out
}

fn milestones(c: &mut Checker) -> Vec<Milestone> {
    let mut out = Vec::new();
    for row in c.rows("milestones") {
        let at = |f: &str| format!("milestones.{row}.{f}");
        // A ticked box alone is not a milestone worth keeping.
        if c.raw(&at("title_en")).is_empty()
            && c.raw(&at("title_ro")).is_empty()
            && c.raw(&at("due_on")).is_empty()
        {
            continue;
        }
        out.push(Milestone {
            title: c.text(&at("title"), MAX_TITLE, true),
            due_on: c.date(&at("due_on")),
            done: c.flag(&at("done")),
            sample: false,
        });
    }
    out
}

fn outputs(c: &mut Checker) -> Vec<Output> {
    let mut out: Vec<Output> = Vec::new();
    for row in c.rows("outputs") {
        let at = |f: &str| format!("outputs.{row}.{f}");
        let label = c.text(&at("label"), MAX_TITLE, true);
        let unit = c.text(&at("unit"), 60, false);
        let source = c.text(&at("source"), MAX_SUMMARY, false);
        let period = match c.raw(&at("period")) {
            "" => None,
            p if p.chars().count() <= 40 && !p.chars().any(char::is_control) => Some(p.to_owned()),
            _ => {
                c.fail(&at("period"), Problem::TooLong { max: 40 });
                None
            }
        };
        let expected = c.number(&at("expected"), 0.0, 1e12);
        let reported = c.number(&at("reported"), 0.0, 1e12);
        let code = match c.raw(&at("code")) {
            // Made from the label; a label with no letters a-z (Кий, 北京) gets a
            // numbered code rather than an error about a field nobody filled in.
            "" => {
                let label = label
                    .get_exact("en")
                    .or(label.get_exact("ro"))
                    .unwrap_or("");
                crate::Slug::fold(label)
                    .map(|s| s.to_string())
                    .unwrap_or_else(|_| format!("output-{}", row + 1))
            }
            given => match crate::Slug::read(given, c.writing) {
                Ok(slug) => slug.to_string(),
                Err(_) => {
                    c.fail(
                        &at("code"),
                        Problem::NotAllowed {
                            allowed: "letters a-z, digits and hyphens".into(),
                        },
                    );
                    String::new()
                }
            },
        };
        if !code.is_empty() && out.iter().any(|o| o.code == code) {
            c.fail(&at("code"), Problem::Taken);
        }
        out.push(Output {
            code,
            label,
            unit,
            period,
            expected,
            reported,
            source,
            sample: false,
        });
    }
    out
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

    fn choices() -> ProgrammeChoices {
        let c = |code: &str| Choice::new(code, LocalizedText::new().with("en", code));
        ProgrammeChoices {
            parents: vec![c("umbrella"), c("other")],
            own_subtree: vec!["this".into(), "child".into()],
            organisations: vec![c("town-hall"), c("schools")],
            objectives: vec![c("o1"), c("o2")],
            target_groups: vec![c("young-people"), c("seniors")],
            currencies: vec![c("RON"), c("EUR")],
        }
    }

    #[test]
    fn rows_parse_and_round_trip() {
        let f = ProgrammeFields::parse(
            &input(&[
                ("title_en", "Hala Minda"),
                ("status", "active"),
                ("parent", "umbrella"),
                ("objectives", "o2, o1,o2"),
                ("target_groups", "seniors"),
                ("partners.0.organisation", "town-hall"),
                ("partners.0.role", "lead"),
                ("partners.3.organisation", "schools"),
                ("partners.3.role", "host"),
                ("partners.3.contribution_ro", "Săli de curs"),
                ("partners.5.organisation", "schools"),
                ("partners.5.role", "funder"),
                ("partners.5.remove", "on"),
                ("partners.7.role", ""),
                ("funding.0.source_en", "City budget"),
                ("funding.0.amount", "12\u{a0}500,50"),
                ("funding.0.currency", "ron"),
                ("milestones.0.title_en", "Opening"),
                ("milestones.0.due_on", "2025-03-01"),
                ("milestones.0.done", "on"),
                ("milestones.1.done", "on"),
                ("outputs.0.label_en", "Young entrepreneurs trained"),
                ("outputs.0.expected", "20"),
                ("outputs.0.reported", "15"),
            ]),
            &choices(),
            Writing::Person(crate::Locale::Ro),
        )
        .unwrap();
        assert_eq!(f.objectives, ["o2", "o1"]);
        assert_eq!(
            f.partners.len(),
            2,
            "the removed and the blank rows are gone"
        );
        assert_eq!(
            f.partners[1].contribution.get_exact("ro"),
            Some("Săli de curs")
        );
        assert_eq!(f.funding[0].amount_minor, Some(1_250_050));
        assert_eq!(f.funding[0].currency, "RON");
        assert_eq!(f.milestones.len(), 1, "a ticked box alone is no milestone");
        assert!(f.milestones[0].done);
        assert_eq!(f.outputs[0].code, "young-entrepreneurs-trained");
        assert_eq!(f.to_input()["funding.0.amount"], "12500.5");
        assert_eq!(
            ProgrammeFields::parse(&f.to_input(), &choices(), Writing::Machine).unwrap(),
            f
        );
    }

    #[test]
    fn rows_refuse_bad_references_and_values() {
        let problems = ProgrammeFields::parse(
            &input(&[
                ("title_en", "X"),
                ("status", "active"),
                ("parent", "child"),
                ("target_groups", "seniors,aliens"),
                ("partners.0.organisation", "galati-university"),
                ("partners.0.role", "lead"),
                ("partners.1.organisation", "schools"),
                ("partners.1.role", "boss"),
                ("funding.0.source_en", "Grant"),
                ("funding.0.amount", "-100"),
                ("funding.0.currency", "EURO"),
                ("milestones.0.title_en", "Opening"),
                ("milestones.0.due_on", "soon"),
                ("outputs.0.label_en", "People"),
                ("outputs.1.label_en", "People"),
                ("outputs.0.colour", "red"),
            ]),
            &choices(),
            Writing::Machine,
        )
        .unwrap_err();
        let has = |field: &str, problem: Problem| {
            problems.contains(&FieldProblem {
                field: field.into(),
                problem,
            })
        };
        assert!(has("parent", Problem::Cycle), "{problems:?}");
        assert!(has("target_groups", Problem::NotAChoice));
        assert!(has("partners.0.organisation", Problem::NotAChoice));
        assert!(has("milestones.0.due_on", Problem::NotADate));
        assert!(has("outputs.1.code", Problem::Taken));
        assert!(has("outputs.0.colour", Problem::Unknown));
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        for f in ["partners.1.role", "funding.0.amount", "funding.0.currency"] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
    }

    #[test]
    fn too_many_rows_are_refused() {
        let mut raw = input(&[("title_en", "X"), ("status", "active")]);
        for i in 0..=MAX_ROWS {
            raw.insert(format!("milestones.{i}.title_en"), format!("Step {i}"));
        }
        let problems = ProgrammeFields::parse(&raw, &choices(), Writing::Machine).unwrap_err();
        assert_eq!(problems[0].field, "milestones");
    }

    #[test]
    fn samples_stay_only_on_what_is_unchanged() {
        let mut before = ProgrammeFields::parse(
            &input(&[
                ("title_en", "X"),
                ("status", "active"),
                ("progress", "40"),
                ("start_on", "2024-01-01"),
                ("funding.0.source_en", "Grant"),
                ("funding.0.amount", "100"),
                ("funding.0.currency", "EUR"),
                ("milestones.0.title_en", "Opening"),
            ]),
            &choices(),
            Writing::Machine,
        )
        .unwrap();
        before.progress_sample = true;
        before.dates_sample = true;
        before.funding[0].sample = true;
        before.milestones[0].sample = true;
        let mut after = before.clone();
        after.progress = Some(50.0);
        after.title = LocalizedText::new().with("en", "Y");
        after.milestones[0].done = true;
        for flag in [&mut after.progress_sample, &mut after.dates_sample] {
            *flag = false;
        }
        after.funding[0].sample = false;
        after.milestones[0].sample = false;
        after.keep_samples(&before);
        assert!(!after.progress_sample, "the changed figure is vouched for");
        assert!(after.dates_sample, "untouched dates stay illustrative");
        assert!(after.funding[0].sample);
        assert!(!after.milestones[0].sample);
    }

    #[test]
    fn valid_input_parses() {
        let f = ProgrammeFields::parse(
            &input(&[
                ("title_en", "Hala Minda"),
                ("title_ro", "Hala Minda"),
                ("status", "active"),
                ("start_on", "2023-01-01"),
                ("end_on", "2024-12-31"),
                ("progress", "45,5"),
                ("weight", "2"),
            ]),
            &choices(),
            Writing::Person(crate::Locale::Ro),
        )
        .unwrap();
        assert_eq!((f.progress, f.weight), (Some(45.5), 2.0));
        assert_eq!(f.title.get_exact("ro"), Some("Hala Minda"));
        assert_eq!(
            ProgrammeFields::parse(&f.to_input(), &choices(), Writing::Machine).unwrap(),
            f,
            "round trip through the form"
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let problems = ProgrammeFields::parse(
            &input(&[
                ("title_en", ""),
                ("status", "finished"),
                ("start_on", "2024-05-01"),
                ("end_on", "2024-01-01"),
                ("progress", "140"),
                ("weight", "-1"),
                ("colour", "red"),
            ]),
            &choices(),
            Writing::Machine,
        )
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
        let problems = ProgrammeFields::parse(
            &input(&[
                ("title_en", &"x".repeat(MAX_TITLE + 1)),
                ("status", "active"),
                ("start_on", "31.12.2024"),
                ("progress", "lots"),
            ]),
            &choices(),
            Writing::Machine,
        )
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
}
