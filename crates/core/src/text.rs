//! Text that people write, stored once per locale. A page asks for its visitor's
//! language and falls back to the city's own language, then to any text there is, so a
//! missing translation degrades to the original rather than to nothing.

use std::collections::BTreeMap;

use crate::Locale;

/// Text per locale code ("en", "ro", ...). Keys are BCP 47 primary tags.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct LocalizedText {
    texts: BTreeMap<String, String>,
    /// The language to fall back to when the reader's is missing: the owning city's own
    /// language. Not stored; set by whoever reads the text in a city's context.
    #[serde(skip)]
    fallback: Option<String>,
}

/// In the API a localized text is an object of language code to text.
impl utoipa::PartialSchema for LocalizedText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .additional_properties(Some(ObjectBuilder::new().schema_type(Type::String)))
            .description(Some(
                "Text per language code (BCP 47), e.g. {\"en\": \"Plan\", \"ro\": \"Planificare\"}",
            ))
            .into()
    }
}

impl utoipa::ToSchema for LocalizedText {}

/// The text chosen for a reader, and the language it is actually in (so the page can
/// mark a fallback with the right `lang` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved<'a> {
    pub text: &'a str,
    pub lang: &'a str,
}

impl LocalizedText {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, lang: &str, text: impl Into<String>) -> Self {
        self.insert(lang, text);
        self
    }

    pub fn insert(&mut self, lang: &str, text: impl Into<String>) {
        let text = text.into();
        if text.trim().is_empty() {
            self.texts.remove(lang);
        } else {
            self.texts.insert(lang.to_owned(), text);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    pub fn get_exact(&self, lang: &str) -> Option<&str> {
        self.texts.get(lang).map(String::as_str)
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.texts.keys().map(String::as_str)
    }

    /// Marks the language to fall back to (the owning city's own language).
    pub fn with_fallback(mut self, lang: &str) -> Self {
        self.fallback = Some(lang.to_owned());
        self
    }

    /// The reader's language, else the text's own fallback (its city's language), else
    /// `fallback`, else the first one stored.
    pub fn resolve<'a>(&'a self, reader: Locale, fallback: &'a str) -> Option<Resolved<'a>> {
        let pick = |lang: &str| self.texts.get_key_value(lang);
        pick(reader.code())
            .or_else(|| self.fallback.as_deref().and_then(pick))
            .or_else(|| pick(fallback))
            .or_else(|| self.texts.iter().next())
            .map(|(lang, text)| Resolved { text, lang })
    }

    /// Like [`Self::resolve`] but just the text, empty when nothing is stored.
    pub fn pick(&self, reader: Locale, fallback: &str) -> String {
        self.resolve(reader, fallback)
            .map(|r| r.text.to_owned())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_city_language_then_any() {
        let t = LocalizedText::new().with("ro", "Planificare");
        assert_eq!(
            t.resolve(Locale::En, "ro").map(|r| (r.text, r.lang)),
            Some(("Planificare", "ro"))
        );
        let only_de = LocalizedText::new().with("de", "Planung");
        assert_eq!(only_de.pick(Locale::En, "ro"), "Planung");
        assert_eq!(LocalizedText::new().pick(Locale::En, "ro"), "");
    }

    #[test]
    fn reader_language_wins() {
        let t = LocalizedText::new()
            .with("ro", "Planificare")
            .with("en", "Plan");
        assert_eq!(t.pick(Locale::En, "ro"), "Plan");
        assert_eq!(t.pick(Locale::Ro, "en"), "Planificare");
    }

    #[test]
    fn the_city_language_comes_before_the_generic_fallback() {
        let t = LocalizedText::new()
            .with("en", "Plan")
            .with("ro", "Planificare")
            .with("hu", "Terv");
        assert_eq!(t.pick(Locale::Ro, "en"), "Planificare");
        let only_city_and_english = LocalizedText::new()
            .with("en", "Plan")
            .with("hu", "Terv")
            .with_fallback("hu");
        assert_eq!(only_city_and_english.pick(Locale::Ro, "en"), "Terv");
        assert_eq!(
            serde_json::to_string(&only_city_and_english).unwrap(),
            r#"{"en":"Plan","hu":"Terv"}"#,
            "fallback is not serialised"
        );
    }

    #[test]
    fn blank_text_is_not_stored() {
        let t = LocalizedText::new().with("en", "  ");
        assert!(t.is_empty());
    }
}
