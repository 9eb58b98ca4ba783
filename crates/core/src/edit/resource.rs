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

/// The largest file a resource may keep: a long guide as PDF with its pictures.
pub const MAX_RESOURCE_FILE: u64 = 50 * 1024 * 1024;

/// A file kept with a resource (a guide as PDF, a template as DOCX), stored under its
/// content hash; not a form field, set by uploading and carried over edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ResourceFile {
    /// The storage key (`documents/<sha256>.<ext>`).
    pub key: String,
    /// The name it was uploaded with, for the download.
    pub name: String,
    /// What it really is (`pdf`, `docx`, ...), read from its bytes.
    pub format: String,
    pub bytes: u64,
}

/// The kinds of document a resource may keep: (format, media type). Each is known by
/// its bytes, never by the name it came with.
pub const DOCUMENT_FORMATS: [(&str, &str); 7] = [
    ("pdf", "application/pdf"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ("odp", "application/vnd.oasis.opendocument.presentation"),
];

/// What a document is, from its first bytes and (for a ZIP container) the names in it
/// and the `mimetype` entry of an OpenDocument file. `None`: not a kind kept here.
pub fn document_format(
    head: &[u8],
    zip_names: &[String],
    odf_mimetype: &str,
) -> Option<&'static str> {
    if head.starts_with(b"%PDF-") {
        return Some("pdf");
    }
    if !head.starts_with(b"PK\x03\x04") {
        return None;
    }
    let has = |prefix: &str| zip_names.iter().any(|n| n.starts_with(prefix));
    if has("[Content_Types].xml") {
        return if has("word/") {
            Some("docx")
        } else if has("xl/") {
            Some("xlsx")
        } else if has("ppt/") {
            Some("pptx")
        } else {
            None
        };
    }
    DOCUMENT_FORMATS
        .iter()
        .find(|(f, media)| f.starts_with('o') && odf_mimetype.trim() == *media)
        .map(|(f, _)| *f)
}

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
    /// Where it is read, watched or downloaded; may be empty when a file is kept.
    pub link: String,
    /// The file kept with it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<ResourceFile>,
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
        // Optional: a resource may instead keep a file, uploaded on its page.
        let link = c.website("link").unwrap_or_default();
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
            file: None,
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
        // No link is no error: the resource may keep a file instead.
        assert_eq!(fields, ["year"]);
    }

    #[test]
    fn a_document_is_known_by_its_bytes_not_its_name() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(document_format(b"%PDF-1.7\n", &[], ""), Some("pdf"));
        let ooxml = names(&["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
        assert_eq!(document_format(b"PK\x03\x04rest", &ooxml, ""), Some("docx"));
        let sheet = names(&["[Content_Types].xml", "xl/workbook.xml"]);
        assert_eq!(document_format(b"PK\x03\x04", &sheet, ""), Some("xlsx"));
        let odt = names(&["mimetype", "content.xml"]);
        assert_eq!(
            document_format(
                b"PK\x03\x04",
                &odt,
                "application/vnd.oasis.opendocument.text"
            ),
            Some("odt")
        );
        // A ZIP of anything else, an executable, a picture, HTML: not kept.
        assert_eq!(document_format(b"PK\x03\x04", &names(&["a.exe"]), ""), None);
        assert_eq!(document_format(b"MZ\x90\x00", &[], ""), None);
        assert_eq!(document_format(b"\x89PNG\r\n", &[], ""), None);
        assert_eq!(document_format(b"<html><script>", &[], ""), None);
    }
}
