//! What a person says of a media item they add: what it shows (alt text, per language),
//! whose it is (credit) and on what terms (licence).

use super::*;

/// The fields of the upload form besides the file.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaFields {
    pub alt: LocalizedText,
    pub credit: String,
    pub licence: String,
}

impl MediaFields {
    pub const FIELDS: &'static [&'static str] = &["alt_en", "alt_ro", "credit", "licence"];

    pub fn parse(input: &RawInput) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, &[]);
        let alt = c.text("alt", MAX_SUMMARY, true);
        let mut line = |field: &str| {
            let v = c.raw(field).trim().to_owned();
            if v.is_empty() {
                c.fail(field, Problem::Required);
            } else if v.chars().count() > MAX_TITLE {
                c.fail(field, Problem::TooLong { max: MAX_TITLE });
            }
            v
        };
        let (credit, licence) = (line("credit"), line("licence"));
        c.done(Self {
            alt,
            credit,
            licence,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_need_a_description_a_credit_and_a_licence() {
        let input: RawInput = [
            ("alt_ro", "Furnal la apus"),
            ("credit", ""),
            ("licence", "CC BY 4.0"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let problems = MediaFields::parse(&input).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].field.as_str(), &problems[0].problem),
            ("credit", &Problem::Required)
        );
        let mut input = input;
        input.insert("credit".into(), "Primăria Reșița".into());
        let ok = MediaFields::parse(&input).unwrap();
        assert_eq!(ok.alt.get_exact("ro"), Some("Furnal la apus"));
    }
}
