//! A story's colours, checked for WCAG 2.x AA contrast (4.5:1 for body text) before they
//! are accepted, so no theme can make a story hard to read.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An sRGB colour written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Colour([u8; 3]);

impl Colour {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b])
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// WCAG contrast ratio between two colours, 1 to 21.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

impl FromStr for Colour {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let hex = s.trim().strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("{s:?} is not a colour written #rrggbb"));
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
        Ok(Self([byte(0), byte(2), byte(4)]))
    }
}

impl TryFrom<String> for Colour {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Colour> for String {
    fn from(c: Colour) -> Self {
        c.to_string()
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// The least contrast WCAG AA asks of body text.
pub const AA_TEXT: f64 = 4.5;

/// A story's colours: text on background, and the accent used for links and buttons
/// (as text on the background, and as background under the background colour's text).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub background: Colour,
    pub text: Colour,
    pub accent: Colour,
}

impl Default for Theme {
    /// Forja's own: near-black steel, warm white, forge orange.
    fn default() -> Self {
        Self {
            background: Colour::rgb(0x16, 0x18, 0x1d),
            text: Colour::rgb(0xf4, 0xf1, 0xec),
            accent: Colour::rgb(0xf0, 0xa2, 0x5a),
        }
    }
}

/// A pair of theme colours that are too close, with their ratio.
#[derive(Debug, Clone, PartialEq)]
pub struct LowContrast {
    /// `text` or `accent`: the colour to change.
    pub field: &'static str,
    pub ratio: f64,
}

impl Theme {
    /// The dimmest colour words take in the story (the viewer's muted grey for
    /// subtitles and names under Forja's own colours; a theme's own text colour else).
    pub fn dimmest_text(&self) -> Colour {
        if *self == Theme::default() {
            Colour::rgb(0xc9, 0xc4, 0xbb)
        } else {
            self.text
        }
    }

    /// Every pair below AA, or nothing.
    pub fn check(&self) -> Vec<LowContrast> {
        [
            ("text", self.text.contrast(self.background)),
            ("accent", self.accent.contrast(self.background)),
        ]
        .into_iter()
        .filter(|(_, ratio)| *ratio < AA_TEXT)
        .map(|(field, ratio)| LowContrast {
            field,
            // Shown to people: two decimals, rounded down so 4.499 never reads 4.50.
            ratio: (ratio * 100.0).floor() / 100.0,
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Colour {
        s.parse().unwrap()
    }

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        assert!((c("#000000").contrast(c("#ffffff")) - 21.0).abs() < 1e-9);
        assert!((c("#777777").contrast(c("#ffffff")) - 4.48).abs() < 0.01);
        assert!((c("#767676").contrast(c("#ffffff")) - 4.54).abs() < 0.01);
        assert_eq!(c("#ABCDEF").to_string(), "#abcdef");
        assert!("abcdef".parse::<Colour>().is_err());
        assert!("#abcdeg".parse::<Colour>().is_err());
    }

    #[test]
    fn themes_below_aa_are_named_by_the_colour_to_change() {
        assert!(Theme::default().check().is_empty(), "our own theme passes");
        let grey = Theme {
            background: c("#ffffff"),
            text: c("#777777"),
            accent: c("#000000"),
        };
        assert_eq!(
            grey.check(),
            vec![LowContrast {
                field: "text",
                ratio: 4.47
            }]
        );
    }
}
