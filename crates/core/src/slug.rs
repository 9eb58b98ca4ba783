//! URL slugs. Romanian is written with comma-below letters (ș ț) but much text, GeoNames
//! included, still carries the legacy cedilla letters (ş ţ); both must lead to the same
//! slug, so folding strips every combining mark after canonical decomposition.

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest slug we accept; long enough for any city or programme title.
pub const MAX_SLUG_LEN: usize = 80;

/// A validated slug: 1–80 characters of `a-z`, `0-9` and single inner hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

/// Why a string is not a slug.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a slug cannot be empty")]
    Empty,
    #[error("a slug has at most {MAX_SLUG_LEN} characters")]
    TooLong,
    #[error("a slug holds only lowercase letters a-z, digits and single hyphens")]
    Invalid,
}

impl Slug {
    /// Accepts only an already-canonical slug (what we store and put in URLs).
    pub fn parse(raw: &str) -> Result<Self, SlugError> {
        if raw.is_empty() {
            return Err(SlugError::Empty);
        }
        if raw.len() > MAX_SLUG_LEN {
            return Err(SlugError::TooLong);
        }
        let well_formed = raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !raw.starts_with('-')
            && !raw.ends_with('-')
            && !raw.contains("--");
        if well_formed {
            Ok(Self(raw.to_owned()))
        } else {
            Err(SlugError::Invalid)
        }
    }

    /// A slug someone gave, read as their writing gives it: a person's text is folded
    /// (`Hala Minda` → `hala-minda`), while a program sends the slug itself, so
    /// anything else is its mistake to hear about, not to have guessed.
    pub fn read(raw: &str, writing: crate::typed::Writing) -> Result<Self, SlugError> {
        match writing {
            crate::typed::Writing::Machine => Self::parse(raw),
            crate::typed::Writing::Person(_) => Self::fold(raw),
        }
    }

    /// Folds any human text into a slug: `Reşiţa` and `Reșița` both give `resita`.
    pub fn fold(text: &str) -> Result<Self, SlugError> {
        Self::parse(&fold_to_string(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Folds text for matching: decomposes, drops combining marks, lowercases and joins
/// words with single hyphens. Letters that do not decompose (ß, ø, đ, ł) get their
/// usual ASCII spelling.
pub fn fold_to_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        let replacement: &str = match c {
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'ø' | 'Ø' => "o",
            'đ' | 'Đ' => "d",
            'ł' | 'Ł' => "l",
            'ı' => "i",
            _ => "",
        };
        if !replacement.is_empty() || c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            if replacement.is_empty() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.push_str(replacement);
            }
        } else {
            pending_hyphen = true;
        }
    }
    out.truncate(MAX_SLUG_LEN);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_below_and_cedilla_fold_alike() {
        assert_eq!(fold_to_string("Reșița"), "resita");
        assert_eq!(fold_to_string("Reşiţa"), "resita");
        assert_eq!(fold_to_string("RESIȚA"), "resita");
        assert_eq!(fold_to_string("Galați"), "galati");
    }

    #[test]
    fn words_join_with_single_hyphens() {
        assert_eq!(
            fold_to_string("  Hala   Minda — Project! "),
            "hala-minda-project"
        );
        assert_eq!(fold_to_string("Straße Łódź"), "strasse-lodz");
    }

    #[test]
    fn parse_rejects_non_canonical() {
        assert_eq!(
            Slug::parse("resita").map(|s| s.to_string()),
            Ok("resita".into())
        );
        assert_eq!(Slug::parse(""), Err(SlugError::Empty));
        assert_eq!(Slug::parse("Resita"), Err(SlugError::Invalid));
        assert_eq!(Slug::parse("a--b"), Err(SlugError::Invalid));
        assert_eq!(Slug::parse("-a"), Err(SlugError::Invalid));
        assert_eq!(Slug::parse(&"a".repeat(81)), Err(SlugError::TooLong));
    }

    #[test]
    fn people_are_folded_and_programs_taken_at_their_word() {
        use crate::typed::Writing;
        let person = Writing::Person(crate::Locale::Ro);
        assert_eq!(
            Slug::read("Hala Minda", person).map(|s| s.to_string()),
            Ok("hala-minda".into())
        );
        assert_eq!(
            Slug::read("Hala Minda", Writing::Machine),
            Err(SlugError::Invalid)
        );
        assert_eq!(
            Slug::read("hala-minda", Writing::Machine).map(|s| s.to_string()),
            Ok("hala-minda".into())
        );
    }

    #[test]
    fn fold_of_nothing_useful_is_an_error() {
        assert_eq!(Slug::fold("!!!"), Err(SlugError::Empty));
    }
}
