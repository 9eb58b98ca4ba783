//! A partner request's editable fields: what a city seeks, structured so that others
//! can see at a glance whether they fit (theme, kind of partner, countries, languages,
//! the call it is for), with the limits that keep answers manageable (EPALE's partner
//! search taught that an open-ended post can drown its author): a deadline, and a cap
//! on replies the requester chooses.

use chrono::NaiveDate;

use super::*;

/// Who a city may look for: another learning city, or an organisation of a kind.
pub const PARTNER_KINDS: [&str; 6] = [
    "city",
    "public-authority",
    "school-university",
    "ngo",
    "business",
    "library-culture",
];

/// The kinds of organisation (`OrganisationKind` codes) that are a partner of a kind a
/// request seeks; none for "city" (cities are suggested as members).
pub fn organisation_kinds_for(partner_kind: &str) -> &'static [&'static str] {
    match partner_kind {
        "public-authority" => &["public-body"],
        "school-university" => &["school", "university"],
        "ngo" => &["ngo"],
        "business" => &["company"],
        "library-culture" => &["cultural"],
        _ => &[],
    }
}

/// The most replies a requester may ask for, and what a request takes unless told.
pub const MAX_REPLY_CAP: i64 = 50;
pub const DEFAULT_REPLY_CAP: i64 = 10;

/// The longest reply.
pub const MAX_REPLY: usize = 2_000;

/// The editable fields of a partner request; also its revision snapshot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RequestFields {
    /// What the city seeks, in a line.
    pub title: LocalizedText,
    /// The idea, and what a partner would do.
    pub summary: LocalizedText,
    pub kflc: Vec<String>,
    pub sdg: Vec<String>,
    /// Kinds of partner sought ([`PARTNER_KINDS`]); at least one.
    pub partner_kinds: Vec<String>,
    /// Countries partners should be in (ISO 3166-1 alpha-2); none for anywhere.
    pub countries: Vec<String>,
    /// Languages the work would be done in; none for any.
    pub languages: Vec<String>,
    /// The programme or funding call it is for, if any (`Erasmus+ KA220-ADU 2027`).
    pub call: Option<String>,
    /// Replies are taken until this day, included.
    pub deadline: Option<NaiveDate>,
    /// Replies are taken until there are this many.
    pub reply_cap: i64,
    /// Written for the demo, not a real call for partners: not a form field, carried
    /// over edits.
    #[serde(default)]
    pub sample: bool,
}

/// What a request's fields may pick from.
#[derive(Debug, Clone, Default)]
pub struct RequestChoices {
    pub kflc: Vec<Choice>,
    pub sdg: Vec<Choice>,
    pub countries: Vec<Choice>,
    /// Today, in the network's calendar: the deadline may not be before it.
    pub today: Option<NaiveDate>,
}

impl RequestFields {
    pub const FIELDS: &'static [&'static str] = &[
        "title_en",
        "title_ro",
        "summary_en",
        "summary_ro",
        "kflc",
        "sdg",
        "partner_kinds",
        "countries",
        "languages",
        "call",
        "deadline",
        "reply_cap",
    ];

    pub fn parse(
        input: &RawInput,
        choices: &RequestChoices,
        writing: Writing,
    ) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, &[]).written(writing);
        let title = c.text("title", MAX_TITLE, true);
        let summary = c.text("summary", MAX_SUMMARY * 2, true);
        let kflc = c.codes("kflc", &choices.kflc);
        let sdg = c.codes("sdg", &choices.sdg);
        let kinds: Vec<Choice> = PARTNER_KINDS
            .iter()
            .map(|k| Choice::new(*k, LocalizedText::new().with("en", *k)))
            .collect();
        let partner_kinds = c.codes("partner_kinds", &kinds);
        if partner_kinds.is_empty() && !c.failed("partner_kinds") {
            c.fail("partner_kinds", Problem::Required);
        }
        // Typed as a person writes them: `ro, HU md` reads as RO, HU, MD.
        let mut countries: Vec<String> = Vec::new();
        for code in c
            .raw("countries")
            .split([',', ' ', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let code = code.to_ascii_uppercase();
            if !choices.countries.iter().any(|c| c.code == code) {
                c.fail(
                    "countries",
                    Problem::NotAllowed {
                        allowed: "two-letter country codes such as RO, HU, separated by commas"
                            .into(),
                    },
                );
                countries.clear();
                break;
            }
            if !countries.contains(&code) {
                countries.push(code);
            }
        }
        let languages = c.language_list("languages");
        let call = Some(c.raw("call").to_owned()).filter(|s| !s.is_empty());
        if call.as_ref().is_some_and(|s| s.chars().count() > MAX_TITLE) {
            c.fail("call", Problem::TooLong { max: MAX_TITLE });
        }
        let deadline = c.date("deadline");
        match (deadline, choices.today) {
            (None, _) if !c.failed("deadline") => c.fail("deadline", Problem::Required),
            (Some(d), Some(today)) if d < today => c.fail(
                "deadline",
                Problem::OutOfRange {
                    min: crate::typed::write_date(today, writing),
                    max: crate::typed::write_date(today + chrono::Duration::days(3 * 365), writing),
                },
            ),
            _ => {}
        }
        let reply_cap = match c.raw("reply_cap") {
            "" => Some(DEFAULT_REPLY_CAP),
            _ => c.whole("reply_cap", 1.0, MAX_REPLY_CAP as f64),
        }
        .unwrap_or(DEFAULT_REPLY_CAP);
        c.done(Self {
            title,
            summary,
            kflc,
            sdg,
            partner_kinds,
            countries,
            languages,
            call,
            deadline,
            reply_cap,
            sample: false,
        })
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        put_text(&mut out, "title", &self.title);
        put_text(&mut out, "summary", &self.summary);
        for (name, codes) in [
            ("kflc", &self.kflc),
            ("sdg", &self.sdg),
            ("partner_kinds", &self.partner_kinds),
            ("countries", &self.countries),
            ("languages", &self.languages),
        ] {
            out.insert(name.into(), codes.join(","));
        }
        out.insert("call".into(), self.call.clone().unwrap_or_default());
        out.insert(
            "deadline".into(),
            self.deadline.map(|d| d.to_string()).unwrap_or_default(),
        );
        out.insert("reply_cap".into(), self.reply_cap.to_string());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;

    fn choices() -> RequestChoices {
        let one = |code: &str| vec![Choice::new(code, LocalizedText::new().with("en", code))];
        RequestChoices {
            kflc: one("2.3"),
            sdg: one("4.3"),
            countries: [one("RO"), one("HU")].concat(),
            today: NaiveDate::from_ymd_opt(2026, 12, 2),
        }
    }

    fn input(pairs: &[(&str, &str)]) -> RawInput {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_request_reads_back_what_it_writes_as_a_person_types_it() {
        let r = RequestFields::parse(
            &input(&[
                (
                    "title_ro",
                    "Căutăm un oraș partener pentru ateliere de meserii",
                ),
                ("summary_ro", "Un proiect de doi ani cu școli profesionale."),
                ("kflc", "2.3"),
                ("partner_kinds", "city,school-university"),
                ("countries", "ro; hu"),
                ("languages", "ro, en"),
                ("deadline", "31.01.2027"),
            ]),
            &choices(),
            Writing::Person(Locale::Ro),
        )
        .unwrap();
        assert_eq!(r.countries, ["RO", "HU"]);
        assert_eq!(r.deadline, NaiveDate::from_ymd_opt(2027, 1, 31));
        assert_eq!(r.reply_cap, DEFAULT_REPLY_CAP);
        let again = RequestFields::parse(&r.to_input(), &choices(), Writing::Machine).unwrap();
        assert_eq!(again, r);
    }

    #[test]
    fn a_past_deadline_an_unknown_country_and_a_huge_cap_are_named() {
        let problems = RequestFields::parse(
            &input(&[
                ("title_en", "Partners"),
                ("summary_en", "Anything"),
                ("partner_kinds", "city"),
                ("countries", "RO, XX"),
                ("deadline", "2026-12-01"),
                ("reply_cap", "500"),
            ]),
            &choices(),
            Writing::Machine,
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["countries", "deadline", "reply_cap"]);
        let problems =
            RequestFields::parse(&input(&[("title_en", "x")]), &choices(), Writing::Machine)
                .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["summary_en", "partner_kinds", "deadline"]);
    }
}
