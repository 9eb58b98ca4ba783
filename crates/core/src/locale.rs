//! The interface languages Forja ships Fluent files for, and how a visitor's language is
//! chosen: an explicit cookie first, then the best Accept-Language match, then English.

use std::fmt;
use std::str::FromStr;

/// An interface language. Adding one means adding `locales/<code>/` and a variant here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Locale {
    #[default]
    En,
    Ro,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Ro];

    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ro => "ro",
        }
    }

    /// The language's own name, shown in the switcher in that language.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ro => "Română",
        }
    }

    /// Picks the best supported language from an Accept-Language header. Anything
    /// malformed is skipped rather than rejected: a bad header must never cost the
    /// visitor the page.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut best: Option<(f32, usize, Locale)> = None;
        for (index, part) in accept_language.split(',').enumerate().take(32) {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let primary = tag.split(['-', '_']).next().unwrap_or("");
            let Ok(locale) = primary.parse::<Locale>() else {
                continue;
            };
            let mut quality = 1.0_f32;
            for param in pieces {
                if let Some(q) = param.trim().strip_prefix("q=") {
                    quality = match q.trim().parse::<f32>() {
                        Ok(q) if (0.0..=1.0).contains(&q) => q,
                        _ => 0.0,
                    };
                }
            }
            if quality <= 0.0 {
                continue;
            }
            // Higher quality wins; on a tie the earlier entry wins.
            let better = match best {
                None => true,
                Some((q, i, _)) => quality > q || (quality == q && index < i),
            };
            if better {
                best = Some((quality, index, locale));
            }
        }
        best.map(|(_, _, locale)| locale)
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A string that names no supported language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language")]
pub struct UnknownLocale;

impl FromStr for Locale {
    type Err = UnknownLocale;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Locale::En),
            "ro" => Ok(Locale::Ro),
            _ => Err(UnknownLocale),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_quality_then_order() {
        assert_eq!(
            Locale::negotiate("ro-RO,ro;q=0.9,en;q=0.8"),
            Some(Locale::Ro)
        );
        assert_eq!(
            Locale::negotiate("de-DE,en;q=0.5,ro;q=0.7"),
            Some(Locale::Ro)
        );
        assert_eq!(Locale::negotiate("en-US,ro"), Some(Locale::En));
        assert_eq!(Locale::negotiate("fr, de"), None);
    }

    #[test]
    fn garbage_never_fails() {
        assert_eq!(Locale::negotiate("!!!;q=abc"), None);
        assert_eq!(Locale::negotiate(";;;,,,"), None);
        assert_eq!(Locale::negotiate("ro;q=abc, en;q=0.1"), Some(Locale::En));
        assert_eq!(Locale::negotiate("ro;q=0"), None);
    }
}
