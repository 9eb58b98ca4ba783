//! Small validated values met at every boundary: country codes, coordinates, ratings,
//! currencies and the closed vocabularies that code branches on (statuses, roles, kinds).
//! Open vocabularies (frameworks, target groups) are data, not enums: see the store.

use std::fmt;
use std::str::FromStr;

/// Why a value was refused; the message names what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("a country is a two-letter ISO 3166-1 code such as RO")]
    Country,
    #[error("latitude is between -90 and 90, longitude between -180 and 180")]
    Coordinates,
    #[error("a challenge rating is a whole number from 1 to 5")]
    Rating,
    #[error("a currency is a three-letter ISO 4217 code such as RON or EUR")]
    Currency,
    #[error("unknown value {value:?}; allowed: {allowed}")]
    NotInVocabulary { value: String, allowed: String },
}

/// ISO 3166-1 alpha-2 country code, stored upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII upper-case letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl FromStr for CountryCode {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.trim().as_bytes();
        if b.len() == 2 && b.iter().all(u8::is_ascii_alphabetic) {
            Ok(Self([b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()]))
        } else {
            Err(ValueError::Country)
        }
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A point on Earth in decimal degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Coordinates {
    pub latitude: f64,
    pub longitude: f64,
}

impl Coordinates {
    pub fn new(latitude: f64, longitude: f64) -> Result<Self, ValueError> {
        if (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude) {
            Ok(Self {
                latitude,
                longitude,
            })
        } else {
            Err(ValueError::Coordinates)
        }
    }
}

/// A city's self-rating of a challenge, 1 (minor) to 5 (severe), as in the GNLC
/// application form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct ChallengeRating(u8);

impl ChallengeRating {
    pub fn new(value: i64) -> Result<Self, ValueError> {
        if (1..=5).contains(&value) {
            Ok(Self(value as u8))
        } else {
            Err(ValueError::Rating)
        }
    }
    pub fn get(self) -> u8 {
        self.0
    }
}

/// ISO 4217 currency code, stored upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl FromStr for Currency {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.trim().as_bytes();
        if b.len() == 3 && b.iter().all(u8::is_ascii_alphabetic) {
            Ok(Self([
                b[0].to_ascii_uppercase(),
                b[1].to_ascii_uppercase(),
                b[2].to_ascii_uppercase(),
            ]))
        } else {
            Err(ValueError::Currency)
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Declares a closed vocabulary: an enum with its stable codes (stored and used as
/// Fluent message suffixes), parsing with a message that lists what is allowed.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim() {
                    $($code => Ok($name::$variant),)+
                    other => Err(ValueError::NotInVocabulary {
                        value: other.chars().take(40).collect(),
                        allowed: [$($code),+].join(", "),
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

/// A web address a page may link to: http or https, at most 300 characters, no spaces
/// or control characters (never `javascript:` or `data:`).
pub fn is_web_address(w: &str) -> bool {
    (w.starts_with("https://") || w.starts_with("http://"))
        && w.chars().count() <= 300
        && !w.chars().any(|ch| ch.is_whitespace() || ch.is_control())
}

vocabulary!(
    /// Where a strategy stands in its life.
    StrategyStatus { Draft => "draft", Adopted => "adopted", UnderRevision => "under-revision", Archived => "archived" }
);

vocabulary!(
    /// What sort of body an organisation is.
    OrganisationKind {
        School => "school", Company => "company", Ngo => "ngo", University => "university",
        PublicBody => "public-body", Cultural => "cultural", Other => "other",
    }
);

vocabulary!(
    /// What a partner does in a programme.
    PartnerRole { Lead => "lead", Partner => "partner", Funder => "funder", Implementer => "implementer", Host => "host" }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_normalise_case() {
        assert_eq!(
            "ro".parse::<CountryCode>().map(|c| c.to_string()),
            Ok("RO".into())
        );
        assert!("ROU".parse::<CountryCode>().is_err());
        assert!("R1".parse::<CountryCode>().is_err());
    }

    #[test]
    fn coordinates_and_ratings_have_ranges() {
        assert!(Coordinates::new(45.3, 21.9).is_ok());
        assert!(Coordinates::new(91.0, 0.0).is_err());
        assert!(Coordinates::new(0.0, -180.5).is_err());
        assert!(ChallengeRating::new(0).is_err());
        assert_eq!(ChallengeRating::new(5).map(ChallengeRating::get), Ok(5));
    }

    #[test]
    fn vocabulary_errors_list_allowed_values() {
        let err = "boss".parse::<PartnerRole>().unwrap_err().to_string();
        assert!(err.contains("lead, partner, funder"), "{err}");
        assert_eq!("funder".parse::<PartnerRole>(), Ok(PartnerRole::Funder));
    }
}
