//! A good practice's editable fields: a case another city can learn from, written in
//! the same parts for every city so that cases compare (the field list of the network's
//! case studies and of Interreg Europe's good practices, `reference/knowledge.md` §2).

use super::*;

/// The licences a practice may carry; CC BY 4.0 unless the city says otherwise.
pub const LICENCES: [&str; 3] = ["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0"];
pub const DEFAULT_LICENCE: &str = "CC-BY-4.0";

/// How strong the evidence of its results is, weakest first.
pub const EVIDENCE_LEVELS: [&str; 3] =
    ["self-reported", "peer-reviewed", "independently-evaluated"];

/// The editable fields of a practice; also its revision snapshot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PracticeFields {
    pub title: LocalizedText,
    /// At most 600 characters: what lists and search show.
    pub summary: LocalizedText,
    /// The problem it answers, and the city's situation.
    pub problem: LocalizedText,
    /// What was done, how and by whom.
    pub approach: LocalizedText,
    /// Partners and the part each played.
    pub partners: LocalizedText,
    /// People, money and other means it took, and who paid.
    pub resources: LocalizedText,
    /// What changed, with the figures that show it.
    pub results: LocalizedText,
    pub difficulties: LocalizedText,
    /// What another city needs to do the same.
    pub transfer: LocalizedText,
    /// The programme of the city it comes from, by slug.
    pub programme: Option<String>,
    /// The city's own indicators whose figures show its results, by code.
    pub indicators: Vec<String>,
    pub target_groups: Vec<String>,
    pub kflc: Vec<String>,
    pub sdg: Vec<String>,
    /// Common challenges it answers (`challenges` taxonomy).
    pub challenges: Vec<String>,
    pub evidence: String,
    pub licence: String,
    /// Who to ask: a name, a role, an address.
    pub contact: Option<String>,
    /// Figures in it are illustrative demo data: not a form field, carried over edits.
    #[serde(default)]
    pub sample: bool,
    /// Where this version is in review (not a form field: the review's steps set it).
    #[serde(default)]
    pub status: PracticeStatus,
    /// What the reviewer said on returning or passing it.
    #[serde(default)]
    pub review_note: Option<String>,
}

/// Where a practice's current version is in review. Publishing is separate: readers
/// see the version network staff published, while the next one is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PracticeStatus {
    /// Being written by the city; what any change makes it again.
    #[default]
    Draft,
    /// Sent by the city's coordinator to network staff.
    Submitted,
    /// Read and passed by network staff: ready to publish.
    Reviewed,
}

impl PracticeStatus {
    pub const ALL: [PracticeStatus; 3] = [Self::Draft, Self::Submitted, Self::Reviewed];

    pub fn code(self) -> &'static str {
        match self {
            PracticeStatus::Draft => "draft",
            PracticeStatus::Submitted => "submitted",
            PracticeStatus::Reviewed => "reviewed",
        }
    }
}

/// The longest review note.
pub const MAX_REVIEW_NOTE: usize = MAX_SUMMARY * 2;

/// What a practice's fields may pick from: the writing city's own programmes and
/// indicators (another city's are not offered, nor accepted), and the frameworks.
#[derive(Debug, Clone, Default)]
pub struct PracticeChoices {
    pub programmes: Vec<Choice>,
    pub indicators: Vec<Choice>,
    pub target_groups: Vec<Choice>,
    pub kflc: Vec<Choice>,
    pub sdg: Vec<Choice>,
    pub challenges: Vec<Choice>,
}

/// The long texts of a practice, in the order a case reads.
pub const PRACTICE_TEXTS: [&str; 8] = [
    "problem",
    "approach",
    "partners",
    "resources",
    "results",
    "difficulties",
    "transfer",
    "summary",
];

impl PracticeFields {
    pub const FIELDS: &'static [&'static str] = &[
        "title_en",
        "title_ro",
        "summary_en",
        "summary_ro",
        "problem_en",
        "problem_ro",
        "approach_en",
        "approach_ro",
        "partners_en",
        "partners_ro",
        "resources_en",
        "resources_ro",
        "results_en",
        "results_ro",
        "difficulties_en",
        "difficulties_ro",
        "transfer_en",
        "transfer_ro",
        "programme",
        "indicators",
        "target_groups",
        "kflc",
        "sdg",
        "challenges",
        "evidence",
        "licence",
        "contact",
    ];

    pub fn parse(input: &RawInput, choices: &PracticeChoices) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, &[]);
        let title = c.text("title", MAX_TITLE, true);
        let summary = c.text("summary", MAX_SUMMARY, true);
        let long = |c: &mut Checker, name: &str| c.text(name, MAX_TEXT, false);
        let problem = long(&mut c, "problem");
        let approach = long(&mut c, "approach");
        let partners = long(&mut c, "partners");
        let resources = long(&mut c, "resources");
        let results = long(&mut c, "results");
        let difficulties = long(&mut c, "difficulties");
        let transfer = long(&mut c, "transfer");
        let programme = c.choice("programme", &choices.programmes);
        let indicators = c.codes("indicators", &choices.indicators);
        let target_groups = c.codes("target_groups", &choices.target_groups);
        let kflc = c.codes("kflc", &choices.kflc);
        let sdg = c.codes("sdg", &choices.sdg);
        let challenges = c.codes("challenges", &choices.challenges);
        let list = |items: &[&str]| {
            items
                .iter()
                .map(|i| Choice::new(*i, LocalizedText::new().with("en", *i)))
                .collect::<Vec<_>>()
        };
        let evidence = c
            .choice("evidence", &list(&EVIDENCE_LEVELS))
            .unwrap_or_else(|| EVIDENCE_LEVELS[0].to_owned());
        let licence = c
            .choice("licence", &list(&LICENCES))
            .unwrap_or_else(|| DEFAULT_LICENCE.to_owned());
        let contact = Some(c.raw("contact").to_owned()).filter(|s| !s.is_empty());
        if contact
            .as_ref()
            .is_some_and(|s| s.chars().count() > MAX_TITLE)
        {
            c.fail("contact", Problem::TooLong { max: MAX_TITLE });
        }
        c.done(Self {
            title,
            summary,
            problem,
            approach,
            partners,
            resources,
            results,
            difficulties,
            transfer,
            programme,
            indicators,
            target_groups,
            kflc,
            sdg,
            challenges,
            evidence,
            licence,
            contact,
            sample: false,
            status: PracticeStatus::Draft,
            review_note: None,
        })
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        put_text(&mut out, "title", &self.title);
        for (name, text) in self.texts() {
            put_text(&mut out, name, text);
        }
        out.insert(
            "programme".into(),
            self.programme.clone().unwrap_or_default(),
        );
        for (name, codes) in [
            ("indicators", &self.indicators),
            ("target_groups", &self.target_groups),
            ("kflc", &self.kflc),
            ("sdg", &self.sdg),
            ("challenges", &self.challenges),
        ] {
            out.insert(name.into(), codes.join(","));
        }
        out.insert("evidence".into(), self.evidence.clone());
        out.insert("licence".into(), self.licence.clone());
        out.insert("contact".into(), self.contact.clone().unwrap_or_default());
        out
    }

    /// The long texts by name, in [`PRACTICE_TEXTS`] order.
    pub fn texts(&self) -> [(&'static str, &LocalizedText); 8] {
        [
            ("problem", &self.problem),
            ("approach", &self.approach),
            ("partners", &self.partners),
            ("resources", &self.resources),
            ("results", &self.results),
            ("difficulties", &self.difficulties),
            ("transfer", &self.transfer),
            ("summary", &self.summary),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices() -> PracticeChoices {
        let one = |code: &str| vec![Choice::new(code, LocalizedText::new().with("en", code))];
        PracticeChoices {
            programmes: one("hala-minda"),
            indicators: one("adult-participation"),
            target_groups: one("roma"),
            kflc: one("2.5"),
            sdg: one("4.3"),
            challenges: one("industrial-decline"),
        }
    }

    fn input(pairs: &[(&str, &str)]) -> RawInput {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_practice_reads_back_what_it_writes_with_a_licence_by_default() {
        let p = PracticeFields::parse(
            &input(&[
                ("title_ro", "Hala Minda"),
                ("summary_ro", "Un loc de învățare într-o hală industrială."),
                ("programme", "hala-minda"),
                ("kflc", "2.5"),
                ("challenges", "industrial-decline"),
            ]),
            &choices(),
        )
        .unwrap();
        assert_eq!(p.licence, "CC-BY-4.0");
        assert_eq!(p.evidence, "self-reported");
        assert_eq!(PracticeFields::parse(&p.to_input(), &choices()).unwrap(), p);
    }

    #[test]
    fn another_citys_programme_or_an_unknown_code_is_refused_by_field() {
        let problems = PracticeFields::parse(
            &input(&[
                ("title_en", "Borrowed"),
                ("programme", "galati-port-skills"),
                ("indicators", "someone-elses"),
                ("licence", "all-rights-reserved"),
                ("contact", &"x".repeat(201)),
            ]),
            &choices(),
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "summary_en",
                "programme",
                "indicators",
                "licence",
                "contact"
            ]
        );
    }
}
