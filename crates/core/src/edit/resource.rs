//! A capacity-development resource's editable fields: something a coordinator learns
//! from (a guide, a course, a recording, a template), described the same way for all so
//! that the library filters by kind, language, level and KFLC feature.

use super::*;

/// What a resource is.
pub const RESOURCE_KINDS: [&str; 5] = ["guide", "course", "recording", "template", "case-study"];

/// How much a reader should know already, easiest first.
pub const RESOURCE_LEVELS: [&str; 3] = ["introductory", "intermediate", "advanced"];

/// The languages a resource may be in: the network's working languages and those of
/// its members in the demo. A resource in two languages is two resources.
pub const RESOURCE_LANGUAGES: [&str; 10] =
    ["en", "fr", "es", "ar", "zh", "ru", "ro", "de", "hu", "pt"];

/// The network's own collections, in the order the library shows them.
pub const RESOURCE_COLLECTIONS: [&str; 3] = ["start-here", "monitoring", "peer-learning"];

/// The licences a resource may carry: the open ones of practices, and the rights the
/// publisher keeps (most published guides).
pub const RESOURCE_LICENCES: [&str; 4] = [
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "CC0-1.0",
    "all-rights-reserved",
];

/// The editable fields of a resource; also its revision snapshot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ResourceFields {
    pub title: LocalizedText,
    /// What it teaches and for whom, at most 600 characters.
    pub summary: LocalizedText,
    pub kind: String,
    /// The language the resource itself is in (its description may be in more).
    pub language: String,
    pub level: String,
    /// Key Features of Learning Cities it helps with.
    pub kflc: Vec<String>,
    /// The network's collections it is in.
    pub collections: Vec<String>,
    pub licence: String,
    /// Where it is read, watched or downloaded.
    pub link: String,
    /// Who published it.
    pub publisher: Option<String>,
    pub year: Option<i32>,
    /// Written for the demo, not a published work: not a form field, carried over edits.
    #[serde(default)]
    pub sample: bool,
}

impl ResourceFields {
    pub const FIELDS: &'static [&'static str] = &[
        "title_en",
        "title_ro",
        "summary_en",
        "summary_ro",
        "kind",
        "language",
        "level",
        "kflc",
        "collections",
        "licence",
        "link",
        "publisher",
        "year",
    ];

    /// `kflc` offers the features of the network's framework; `this_year` bounds `year`.
    pub fn parse(
        input: &RawInput,
        kflc: &[Choice],
        this_year: i32,
    ) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, &[]);
        let title = c.text("title", MAX_TITLE, true);
        let summary = c.text("summary", MAX_SUMMARY, true);
        let list = |items: &[&str]| {
            items
                .iter()
                .map(|i| Choice::new(*i, LocalizedText::new().with("en", *i)))
                .collect::<Vec<_>>()
        };
        let required = |c: &mut Checker, field: &str, items: &[&str]| {
            let picked = c.choice(field, &list(items));
            if picked.is_none() && c.raw(field).is_empty() {
                c.fail(field, Problem::Required);
            }
            picked.unwrap_or_default()
        };
        let kind = required(&mut c, "kind", &RESOURCE_KINDS);
        let language = required(&mut c, "language", &RESOURCE_LANGUAGES);
        let level = required(&mut c, "level", &RESOURCE_LEVELS);
        let kflc = c.codes("kflc", kflc);
        let collections = c.codes("collections", &list(&RESOURCE_COLLECTIONS));
        let licence = c
            .choice("licence", &list(&RESOURCE_LICENCES))
            .unwrap_or_else(|| DEFAULT_LICENCE.to_owned());
        let link = c.website("link").unwrap_or_default();
        if link.is_empty() && c.raw("link").is_empty() {
            c.fail("link", Problem::Required);
        }
        let publisher = Some(c.raw("publisher").to_owned()).filter(|s| !s.is_empty());
        if publisher
            .as_ref()
            .is_some_and(|s| s.chars().count() > MAX_TITLE)
        {
            c.fail("publisher", Problem::TooLong { max: MAX_TITLE });
        }
        let year = c
            .whole("year", 1900.0, f64::from(this_year))
            .and_then(|y| i32::try_from(y).ok());
        c.done(Self {
            title,
            summary,
            kind,
            language,
            level,
            kflc,
            collections,
            licence,
            link,
            publisher,
            year,
            sample: false,
        })
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        put_text(&mut out, "title", &self.title);
        put_text(&mut out, "summary", &self.summary);
        for (name, value) in [
            ("kind", &self.kind),
            ("language", &self.language),
            ("level", &self.level),
            ("licence", &self.licence),
            ("link", &self.link),
        ] {
            out.insert(name.into(), value.clone());
        }
        out.insert("kflc".into(), self.kflc.join(","));
        out.insert("collections".into(), self.collections.join(","));
        out.insert(
            "publisher".into(),
            self.publisher.clone().unwrap_or_default(),
        );
        out.insert(
            "year".into(),
            self.year.map(|y| y.to_string()).unwrap_or_default(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kflc() -> Vec<Choice> {
        vec![Choice::new("3.1", LocalizedText::new().with("en", "3.1"))]
    }

    fn input(pairs: &[(&str, &str)]) -> RawInput {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_resource_reads_back_what_it_writes() {
        let r = ResourceFields::parse(
            &input(&[
                ("title_ro", "Ghid de monitorizare"),
                ("summary_ro", "Cum se măsoară progresul."),
                ("kind", "guide"),
                ("language", "ro"),
                ("level", "introductory"),
                ("kflc", "3.1"),
                ("collections", "monitoring,start-here"),
                ("link", "https://example.org/ghid"),
                ("year", "2024"),
            ]),
            &kflc(),
            2026,
        )
        .unwrap();
        assert_eq!(r.licence, "CC-BY-4.0");
        assert_eq!(r.collections, ["monitoring", "start-here"]);
        assert_eq!(r.year, Some(2024));
        assert_eq!(
            ResourceFields::parse(&r.to_input(), &kflc(), 2026).unwrap(),
            r
        );
    }

    #[test]
    fn every_missing_or_unknown_value_is_named_by_field() {
        let problems = ResourceFields::parse(
            &input(&[
                ("title_en", "<script>alert(1)</script>"),
                ("kind", "podcast"),
                ("language", "xx"),
                ("collections", "everything"),
                ("link", "javascript:alert(1)"),
                ("year", "2031"),
            ]),
            &kflc(),
            2026,
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "summary_en",
                "kind",
                "language",
                "level",
                "collections",
                "link",
                "year"
            ]
        );
        let problems = ResourceFields::parse(
            &input(&[
                ("title_en", "A"),
                ("summary_en", "B"),
                ("kind", "guide"),
                ("language", "en"),
                ("level", "advanced"),
                ("year", "2020.5"),
            ]),
            &kflc(),
            2026,
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["link", "year"]);
    }
}
