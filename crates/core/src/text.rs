//! Text that people write, stored once per locale. A page asks for its visitor's
//! language and falls back to the city's own language, then to any text there is, so a
//! missing translation degrades to the original rather than to nothing.

use std::collections::BTreeMap;

use crate::Locale;

/// Text per locale code ("en", "ro", ...). Keys are BCP 47 primary tags.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(transparent)]
#[schema(value_type = std::collections::HashMap<String, String>, example = json!({"en": "Plan", "ro": "Planificare"}))]
pub struct LocalizedText(BTreeMap<String, String>);

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
            self.0.remove(lang);
        } else {
            self.0.insert(lang.to_owned(), text);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get_exact(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(String::as_str)
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// The reader's language, else the fallback language, else the first one stored.
    pub fn resolve<'a>(&'a self, reader: Locale, fallback: &'a str) -> Option<Resolved<'a>> {
        let pick = |lang: &str| self.0.get_key_value(lang);
        pick(reader.code())
            .or_else(|| pick(fallback))
            .or_else(|| self.0.iter().next())
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
    fn blank_text_is_not_stored() {
        let t = LocalizedText::new().with("en", "  ");
        assert!(t.is_empty());
    }
}
