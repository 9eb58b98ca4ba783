//! Stories: the seed's format of full-screen pages in chapters. A story is one document
//! (versioned like everything else; publishing points at one of its versions), its pages
//! refer to media items by id and to programme outputs by code.

mod contrast;
mod theme;

pub use contrast::Backdrop;
pub use theme::*;

use serde::{Deserialize, Serialize};

/// Where text sits over a background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    Left,
    #[default]
    Centre,
    Right,
}

/// One page of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Page {
    /// The opening: title, a line under it, a background.
    Cover {
        title: String,
        #[serde(default)]
        subtitle: String,
        background: Option<i32>,
        /// How much the background is darkened under the words, 0 to 90 (%): every
        /// page with a background has it, so bright pictures stay readable.
        #[serde(default = "default_overlay")]
        overlay: u8,
    },
    /// Text (Markdown) over an image or a looping video.
    Text {
        text: String,
        background: Option<i32>,
        #[serde(default)]
        position: Position,
        /// How much the background is darkened under the text, 0 to 90 (%).
        #[serde(default = "default_overlay")]
        overlay: u8,
    },
    /// Someone's words, optionally with the audio or video clip they were said in.
    Quote {
        words: String,
        speaker: String,
        #[serde(default)]
        role: String,
        clip: Option<i32>,
        /// WebVTT captions of the clip.
        #[serde(default)]
        captions: Option<i32>,
        background: Option<i32>,
        #[serde(default = "default_overlay")]
        overlay: u8,
    },
    /// A big figure taken live from a programme's output.
    Fact {
        programme: String,
        output: String,
        background: Option<i32>,
        #[serde(default = "default_overlay")]
        overlay: u8,
    },
    /// The city's place on the map.
    Map,
    /// Every media item used, with its credit and licence (built, not written).
    Credits,
    /// Back to the first page, share, embed.
    End {
        #[serde(default)]
        text: String,
    },
}

pub(crate) fn default_overlay() -> u8 {
    40
}

impl Page {
    /// The page kind's code (`cover`, `text`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Page::Cover { .. } => "cover",
            Page::Text { .. } => "text",
            Page::Quote { .. } => "quote",
            Page::Fact { .. } => "fact",
            Page::Map => "map",
            Page::Credits => "credits",
            Page::End { .. } => "end",
        }
    }

    /// The picture or looping video behind the page, if it has one.
    pub fn background(&self) -> Option<i32> {
        match self {
            Page::Cover { background, .. }
            | Page::Text { background, .. }
            | Page::Quote { background, .. }
            | Page::Fact { background, .. } => *background,
            Page::Map | Page::Credits | Page::End { .. } => None,
        }
    }

    /// Media items this page shows.
    pub fn media(&self) -> Vec<i32> {
        let spoken = match self {
            Page::Quote { clip, captions, .. } => vec![*clip, *captions],
            _ => Vec::new(),
        };
        spoken
            .into_iter()
            .chain([self.background()])
            .flatten()
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chapter {
    pub title: String,
    pub pages: Vec<Page>,
}

/// A story's document; also its revision snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryFields {
    pub title: String,
    /// The language the story is told in (`ro`, `en`).
    pub language: String,
    /// One sentence for link previews and search.
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub theme: Theme,
    /// The slug of the same story told in another language (readers are offered it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub translation_of: String,
    pub chapters: Vec<Chapter>,
}

impl StoryFields {
    /// Whether two stories (this one at `slug`, the other at `other_slug`) are the same
    /// story in two languages: one names the other, or both name the same third one.
    pub fn translates(&self, slug: &str, other: &StoryFields, other_slug: &str) -> bool {
        self.language != other.language
            && (self.translation_of == other_slug
                || other.translation_of == slug
                || (!self.translation_of.is_empty() && self.translation_of == other.translation_of))
    }
}

/// The most pages a story holds.
pub const MAX_PAGES: usize = 200;

impl StoryFields {
    /// Every page in reading order, numbered from 1 and with its chapter's index.
    pub fn pages(&self) -> impl Iterator<Item = (usize, usize, &Page)> {
        self.chapters
            .iter()
            .enumerate()
            .flat_map(|(c, ch)| ch.pages.iter().map(move |p| (c, p)))
            .enumerate()
            .map(|(n, (c, p))| (n + 1, c, p))
    }

    pub fn page_count(&self) -> usize {
        self.chapters.iter().map(|c| c.pages.len()).sum()
    }

    /// For each page of this story (from 1), the page of `other` (a translation) a
    /// reader switching language should land on: the closing pages (map, credits, end)
    /// on their like; any other the same place in the same chapter (or that chapter's
    /// last page when it is shorter there; the last page when the chapter is missing).
    pub fn aligned_pages(&self, other: &StoryFields) -> Vec<usize> {
        let count = other.page_count().max(1);
        let first_of: Vec<usize> = other
            .chapters
            .iter()
            .scan(1, |next, ch| {
                let first = *next;
                *next += ch.pages.len();
                Some(first)
            })
            .collect();
        let closing = |kind: &str| {
            other
                .pages()
                .find(|(_, _, p)| p.kind() == kind)
                .map(|(n, _, _)| n)
        };
        self.chapters
            .iter()
            .enumerate()
            .flat_map(|(c, ch)| ch.pages.iter().enumerate().map(move |(i, p)| (c, i, p)))
            .map(|(c, i, page)| {
                let like = matches!(page.kind(), "map" | "credits" | "end")
                    .then(|| closing(page.kind()))
                    .flatten();
                like.or_else(|| {
                    let len = other.chapters.get(c)?.pages.len();
                    (len > 0).then(|| first_of[c] + i.min(len - 1))
                })
                .unwrap_or(count)
                .min(count)
            })
            .collect()
    }

    /// Every media item the story shows, each once, in order of first use.
    pub fn media(&self) -> Vec<i32> {
        let mut out: Vec<i32> = Vec::new();
        for (_, _, page) in self.pages() {
            for id in page.media() {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_numbered_across_chapters_and_media_listed_once() {
        let story: StoryFields = serde_json::from_value(serde_json::json!({
            "title": "Reșița învață",
            "language": "ro",
            "chapters": [
                {"title": "Start", "pages": [
                    {"kind": "cover", "title": "Reșița", "background": 3},
                    {"kind": "text", "text": "Oțel din 1771.", "background": 3}
                ]},
                {"title": "Oameni", "pages": [
                    {"kind": "quote", "words": "Învățăm în fiecare zi.", "speaker": "Primarul", "clip": 5},
                    {"kind": "credits"}, {"kind": "end"}
                ]}
            ]
        }))
        .unwrap();
        let numbers: Vec<(usize, usize, &str)> =
            story.pages().map(|(n, c, p)| (n, c, p.kind())).collect();
        assert_eq!(numbers[2], (3, 1, "quote"));
        assert_eq!(story.page_count(), 5);
        assert_eq!(story.media(), [3, 5]);
        assert_eq!(story.theme, Theme::default());
        let Page::Text {
            overlay, position, ..
        } = &story.chapters[0].pages[1]
        else {
            panic!("a text page");
        };
        assert_eq!((*overlay, *position), (40, Position::Centre));
    }

    #[test]
    fn a_translation_opens_at_the_same_place_of_the_same_chapter() {
        let story = |chapters: serde_json::Value| -> StoryFields {
            serde_json::from_value(serde_json::json!({
                "title": "t", "language": "en", "chapters": chapters
            }))
            .unwrap()
        };
        let text = |t: &str| serde_json::json!({"kind": "text", "text": t, "background": null});
        let en = story(serde_json::json!([
            {"title": "A", "pages": [{"kind": "cover", "title": "x", "background": null}, text("1"), text("2")]},
            {"title": "B", "pages": [text("3"), text("4"), text("5")]},
            {"title": "C", "pages": [{"kind": "map"}, {"kind": "credits"}, {"kind": "end"}]}
        ]));
        // The Romanian one has a shorter first chapter, a longer second, no map.
        let ro = story(serde_json::json!([
            {"title": "A", "pages": [{"kind": "cover", "title": "x", "background": null}, text("1")]},
            {"title": "B", "pages": [text("3"), text("4"), text("5"), text("6")]},
            {"title": "C", "pages": [{"kind": "credits"}, {"kind": "end"}]}
        ]));
        assert_eq!(en.aligned_pages(&ro), [1, 2, 2, 3, 4, 5, 7, 7, 8]);
        assert_eq!(ro.aligned_pages(&en), [1, 2, 4, 5, 6, 6, 8, 9]);
    }
}
