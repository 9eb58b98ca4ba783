//! An organisation's editable fields and their validation.

use super::*;
use crate::values::OrganisationKind;

/// The editable fields of an organisation; also its revision snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationFields {
    pub name: LocalizedText,
    pub kind: String,
    pub website: Option<String>,
    /// A named group of organisations (the city's schools) rather than one body.
    #[serde(default)]
    pub collective: bool,
}

impl OrganisationFields {
    pub const FIELDS: &'static [&'static str] =
        &["name_en", "name_ro", "kind", "website", "collective"];

    pub fn parse(input: &RawInput) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, &[]);
        let name = c.text("name", MAX_TITLE, true);
        let kind = c.raw("kind").to_owned();
        if kind.parse::<OrganisationKind>().is_err() {
            let allowed = OrganisationKind::ALL
                .iter()
                .map(|k| k.code())
                .collect::<Vec<_>>();
            c.fail(
                "kind",
                Problem::NotAllowed {
                    allowed: allowed.join(", "),
                },
            );
        }
        let website = c.website("website");
        let collective = c.flag("collective");
        c.done(Self {
            name,
            kind,
            website,
            collective,
        })
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        put_text(&mut out, "name", &self.name);
        out.insert("kind".into(), self.kind.clone());
        out.insert("website".into(), self.website.clone().unwrap_or_default());
        out.insert(
            "collective".into(),
            if self.collective { "true" } else { "" }.into(),
        );
        out
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

    #[test]
    fn organisations_parse_and_refuse() {
        let ok = OrganisationFields::parse(&input(&[
            ("name_ro", "Clubul de orientare (test)"),
            ("kind", "ngo"),
            ("website", "https://example.org/club"),
            ("collective", "true"),
        ]))
        .unwrap();
        assert!(ok.collective);
        assert_eq!(OrganisationFields::parse(&ok.to_input()).unwrap(), ok);
        let bad = OrganisationFields::parse(&input(&[
            ("name_en", ""),
            ("kind", "club"),
            ("website", "ftp://x"),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["name_en", "kind", "website"]);
    }
}
