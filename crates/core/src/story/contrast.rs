//! Words over a picture: how readable a page's words are over its background, from a
//! small grid of the picture's colours, on the screens readers use. The picture fills
//! the screen (`object-fit: cover` around its focal point), the page's overlay darkens
//! it, and the words sit in the middle band of the screen, left, centre or right. The
//! worst spot under the words decides, as a reader's eye would stop there.

use super::{AA_TEXT, Colour, Position};
use crate::edit::OVERLAYS;

/// A picture as the editor knows it: its colour grid (RGB, row by row), its shape, and
/// the point crops keep in view.
#[derive(Debug, Clone, Copy)]
pub struct Backdrop<'a> {
    pub samples: &'a [u8],
    pub columns: usize,
    pub rows: usize,
    /// Width over height of the picture as shown.
    pub aspect: f64,
    /// The focal point, 0 to 1 across and down.
    pub focal: (f64, f64),
}

/// The screens checked, each with the room its page has (bars taken off): a phone
/// held upright and a laptop.
const SCREENS: [(f64, f64); 2] = [(390.0, 754.0), (1280.0, 710.0)];

/// The overlay's colour (the story viewer's `rgba(10, 11, 14, a)`).
const SHADE: [f64; 3] = [10.0, 11.0, 14.0];

impl Backdrop<'_> {
    /// The lowest contrast between `text` and the picture under the words, darkened by
    /// `overlay` %, on any checked screen (21 when the grid is unusable).
    pub fn words_contrast(&self, overlay: u8, position: Position, text: Colour) -> f64 {
        if self.columns == 0 || self.rows == 0 || self.samples.len() < self.columns * self.rows * 3
        {
            return 21.0;
        }
        let shade = f64::from(overlay.min(100)) / 100.0;
        let mut worst = 21.0_f64;
        for (width, height) in SCREENS {
            let screen = width / height;
            // The part of the picture the screen shows, as fractions of the picture.
            let (seen_w, seen_h) = if self.aspect > screen {
                (screen / self.aspect, 1.0)
            } else {
                (1.0, self.aspect / screen)
            };
            let (x0, y0) = (
                (1.0 - seen_w) * self.focal.0.clamp(0.0, 1.0),
                (1.0 - seen_h) * self.focal.1.clamp(0.0, 1.0),
            );
            // Where the words are, as fractions of the screen: a phone's column is the
            // whole width; a laptop's is a third to a half of it.
            let (left, right) = if width < 600.0 {
                (0.05, 0.95)
            } else {
                match position {
                    Position::Left => (0.03, 0.6),
                    Position::Centre => (0.2, 0.8),
                    Position::Right => (0.4, 0.97),
                }
            };
            for row in 0..self.rows {
                for column in 0..self.columns {
                    let u = (column as f64 + 0.5) / self.columns as f64;
                    let v = (row as f64 + 0.5) / self.rows as f64;
                    let (sx, sy) = ((u - x0) / seen_w, (v - y0) / seen_h);
                    if !(left..=right).contains(&sx) || !(0.25..=0.75).contains(&sy) {
                        continue;
                    }
                    let at = (row * self.columns + column) * 3;
                    let under = std::array::from_fn::<u8, 3, _>(|i| {
                        let c = f64::from(self.samples[at + i]);
                        (c * (1.0 - shade) + SHADE[i] * shade).round() as u8
                    });
                    let [r, g, b] = under;
                    worst = worst.min(text.contrast(Colour::rgb(r, g, b)));
                }
            }
        }
        worst
    }

    /// The least overlay offered that makes the words readable (AA), if any does.
    pub fn overlay_needed(&self, position: Position, text: Colour) -> Option<u8> {
        OVERLAYS
            .iter()
            .copied()
            .find(|o| self.words_contrast(*o, position, text) >= AA_TEXT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 16 × 9 grid: the left half white, the right half black.
    fn halves() -> Vec<u8> {
        (0..9 * 16)
            .flat_map(|i| if i % 16 < 8 { [255; 3] } else { [0; 3] })
            .collect()
    }

    fn backdrop(samples: &[u8]) -> Backdrop<'_> {
        Backdrop {
            samples,
            columns: 16,
            rows: 9,
            aspect: 16.0 / 9.0,
            focal: (0.5, 0.5),
        }
    }

    #[test]
    fn light_words_over_a_bright_picture_need_a_darker_overlay() {
        let white = Colour::rgb(0xf4, 0xf1, 0xec);
        let bright = [240u8; 16 * 9 * 3];
        let b = backdrop(&bright);
        assert!(b.words_contrast(0, Position::Centre, white) < 1.2);
        let needed = b.overlay_needed(Position::Centre, white).unwrap();
        assert!(b.words_contrast(needed, Position::Centre, white) >= AA_TEXT);
        assert!(needed >= 60, "{needed}");
        let dark = [20u8; 16 * 9 * 3];
        assert!(backdrop(&dark).words_contrast(0, Position::Centre, white) > 12.0);
    }

    #[test]
    fn the_crop_and_the_words_place_decide_what_is_under_them() {
        let white = Colour::rgb(0xf4, 0xf1, 0xec);
        let grid = halves();
        let b = backdrop(&grid);
        // On a laptop, words on the right sit over the black half, but the phone's crop
        // around the middle shows both halves under its full-width column.
        let laptop_right = b.words_contrast(0, Position::Right, white);
        assert!(
            laptop_right < 1.2,
            "the phone sees the white half: {laptop_right}"
        );
        // A panorama focused on its black end: a phone shows only black, a laptop the
        // black end and some white, under its left column only.
        let right = Backdrop {
            focal: (1.0, 0.5),
            aspect: 3.0,
            ..b
        };
        assert!(right.words_contrast(0, Position::Right, white) > 12.0);
        assert!(right.words_contrast(0, Position::Left, white) < 1.2);
    }
}
