//! Editing a story, in three kinds of form, each checked like any other: its settings
//! (title, language, summary, theme colours refused below WCAG AA), one page at a time,
//! and its outline (chapters, and the order of pages, changed one step per button so
//! every step works without JavaScript).

use super::*;
use crate::story::{Chapter, Colour, MAX_PAGES, Page, Position, StoryFields, Theme};

/// The most chapters a story holds.
pub const MAX_CHAPTERS: usize = 50;

/// The languages a story may be told in.
pub const STORY_LANGUAGES: [&str; 2] = ["en", "ro"];

/// Page kinds an editor may add (credits are built, yet placed by the editor too).
pub const PAGE_KINDS: [&str; 7] = ["cover", "text", "quote", "fact", "map", "credits", "end"];

/// The overlay strengths offered, in % (each has its own class: no inline styles).
pub const OVERLAYS: [u8; 10] = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90];

/// A media item that a page may show, as pickers list it.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaChoice {
    pub id: i32,
    /// image, video, audio or captions.
    pub kind: String,
    pub alt: LocalizedText,
    /// The original file's name.
    pub name: String,
    /// Renditions made; a page may pick it before, and shows it once they are.
    pub ready: bool,
    /// A picture's (or a video poster's) colour grid, 32 × 18 RGB, once made.
    pub samples: Option<Vec<u8>>,
    /// Width over height as shown, once known.
    pub aspect: Option<f64>,
    /// The focal point, 0 to 1 across and down.
    pub focal: (f64, f64),
}

impl MediaChoice {
    /// The picture as the contrast check reads it, when its colours are known.
    pub fn backdrop(&self) -> Option<crate::story::Backdrop<'_>> {
        let samples = self.samples.as_deref()?;
        Some(crate::story::Backdrop {
            samples,
            columns: 32,
            rows: 18,
            aspect: self.aspect.filter(|a| a.is_finite() && *a > 0.0)?,
            focal: self.focal,
        })
    }
}

/// What a page's references may point at: the city's media, and its programme outputs
/// as `programme/output` codes.
#[derive(Debug, Clone, Default)]
pub struct PageChoices {
    pub media: Vec<MediaChoice>,
    pub facts: Vec<Choice>,
}

impl PageChoices {
    /// The media a field may pick: backgrounds are pictures or videos, clips sound or
    /// video, captions WebVTT.
    pub fn media_for(&self, field: &str) -> Vec<&MediaChoice> {
        let kinds: &[&str] = match field {
            "background" => &["image", "video"],
            "clip" => &["audio", "video"],
            "captions" => &["captions"],
            _ => &[],
        };
        self.media
            .iter()
            .filter(|m| kinds.contains(&m.kind.as_str()))
            .collect()
    }
}

/// Plain single-language text (a story speaks one language).
fn plain(c: &mut Checker, field: &str, max: usize, required: bool) -> String {
    let v = c.raw(field).trim().to_owned();
    if required && v.is_empty() {
        c.fail(field, Problem::Required);
    } else if v.chars().count() > max {
        c.fail(field, Problem::TooLong { max });
    }
    v
}

fn media(c: &mut Checker, field: &str, choices: &PageChoices) -> Option<i32> {
    let raw = c.raw(field).trim();
    if raw.is_empty() {
        return None;
    }
    let id = raw.parse::<i32>().ok();
    match id.filter(|id| choices.media_for(field).iter().any(|m| m.id == *id)) {
        Some(id) => Some(id),
        None => {
            c.fail(field, Problem::NotAChoice);
            None
        }
    }
}

impl StoryFields {
    pub const SETTINGS: &'static [&'static str] = &[
        "title",
        "language",
        "summary",
        "theme_background",
        "theme_text",
        "theme_accent",
        "translation_of",
    ];

    /// A new story: a cover with its title, the credits and the end, in one chapter.
    pub fn new_story(title: &str, language: &str) -> Self {
        Self {
            title: title.to_owned(),
            language: language.to_owned(),
            summary: String::new(),
            theme: Theme::default(),
            translation_of: String::new(),
            chapters: vec![Chapter {
                title: title.to_owned(),
                pages: vec![
                    Page::Cover {
                        title: title.to_owned(),
                        subtitle: String::new(),
                        background: None,
                        overlay: crate::story::default_overlay(),
                    },
                    Page::Credits,
                    Page::End {
                        text: String::new(),
                    },
                ],
            }],
        }
    }

    pub fn settings_input(&self) -> RawInput {
        let mut out = RawInput::new();
        out.insert("title".into(), self.title.clone());
        out.insert("language".into(), self.language.clone());
        out.insert("summary".into(), self.summary.clone());
        out.insert("theme_background".into(), self.theme.background.to_string());
        out.insert("theme_text".into(), self.theme.text.to_string());
        out.insert("theme_accent".into(), self.theme.accent.to_string());
        out.insert("translation_of".into(), self.translation_of.clone());
        out
    }

    /// The story with new settings; a theme below AA names the colour to change.
    pub fn with_settings(&self, input: &RawInput) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::SETTINGS, &[]);
        let title = plain(&mut c, "title", MAX_TITLE, true);
        let language = c.raw("language").trim().to_owned();
        if !STORY_LANGUAGES.contains(&language.as_str()) {
            c.fail(
                "language",
                Problem::NotAllowed {
                    allowed: STORY_LANGUAGES.join(", "),
                },
            );
        }
        let summary = plain(&mut c, "summary", MAX_SUMMARY, false);
        let mut colour = |field: &str| match c.raw(field).parse::<Colour>() {
            Ok(colour) => Some(colour),
            Err(_) => {
                c.fail(field, Problem::NotAColour);
                None
            }
        };
        let (background, text, accent) = (
            colour("theme_background"),
            colour("theme_text"),
            colour("theme_accent"),
        );
        let theme = match (background, text, accent) {
            (Some(background), Some(text), Some(accent)) => {
                let theme = Theme {
                    background,
                    text,
                    accent,
                };
                for low in theme.check() {
                    c.fail(
                        &format!("theme_{}", low.field),
                        Problem::LowContrast {
                            ratio: format!("{:.2}", low.ratio),
                        },
                    );
                }
                theme
            }
            _ => self.theme,
        };
        // Checked against the city's stories by the services, which know them.
        let translation_of = c.raw("translation_of").trim().to_owned();
        c.done(Self {
            title,
            language,
            summary,
            theme,
            translation_of,
            chapters: self.chapters.clone(),
        })
    }

    /// Every field of the story as form values, pages as `page.{row}.{field}` rows and
    /// chapter titles as `chapter.{i}.title`: what history compares between versions.
    pub fn snapshot_input(&self) -> RawInput {
        let mut out = self.settings_input();
        for (i, ch) in self.chapters.iter().enumerate() {
            out.insert(format!("chapter.{i}.title"), ch.title.clone());
        }
        // Rows count from 0, so page n is row n - 1 (history labels it "Page n").
        for (n, _, page) in self.pages() {
            let row = n - 1;
            out.insert(format!("page.{row}.kind"), page.kind().into());
            for (k, v) in page.to_input() {
                out.insert(format!("page.{row}.{k}"), v);
            }
        }
        out
    }

    /// Page `n` (from 1), if there is one.
    pub fn page(&self, n: usize) -> Option<&Page> {
        self.pages().find(|(m, _, _)| *m == n).map(|(_, _, p)| p)
    }

    fn page_mut(&mut self, n: usize) -> Option<&mut Page> {
        let (c, i) = self.locate(n)?;
        self.chapters.get_mut(c)?.pages.get_mut(i)
    }

    /// (chapter index, index within it) of page `n`.
    fn locate(&self, n: usize) -> Option<(usize, usize)> {
        let mut seen = 0;
        for (c, ch) in self.chapters.iter().enumerate() {
            if n > seen && n <= seen + ch.pages.len() {
                return Some((c, n - seen - 1));
            }
            seen += ch.pages.len();
        }
        None
    }

    /// The story with page `n` replaced by what the page form holds.
    pub fn with_page(
        &self,
        n: usize,
        input: &RawInput,
        choices: &PageChoices,
    ) -> Result<Self, Vec<FieldProblem>> {
        let Some(old) = self.page(n) else {
            return Err(vec![FieldProblem {
                field: "page".into(),
                problem: Problem::Unknown,
            }]);
        };
        let page = Page::parse(old.kind(), input, choices)?;
        let mut out = self.clone();
        if let Some(slot) = out.page_mut(n) {
            *slot = page;
        }
        Ok(out)
    }

    /// What holds publishing back: no pages at all, or pages whose required words are
    /// still missing (by number).
    pub fn publish_problems(&self) -> Vec<FieldProblem> {
        if self.page_count() == 0 {
            return vec![FieldProblem {
                field: "publish".into(),
                problem: Problem::NoPages,
            }];
        }
        let unfinished = self.unfinished();
        if unfinished.is_empty() {
            return Vec::new();
        }
        vec![FieldProblem {
            field: "publish".into(),
            problem: Problem::Unfinished {
                pages: unfinished.iter().map(|n| n.to_string()).collect(),
            },
        }]
    }

    /// Pages whose required words are still missing, by number: publishing waits for them.
    pub fn unfinished(&self) -> Vec<usize> {
        self.pages()
            .filter(|(_, _, p)| {
                let input = p.to_input();
                Page::parse(p.kind(), &input, &PageChoices::default())
                    .err()
                    .is_some_and(|problems| problems.iter().any(|x| x.problem == Problem::Required))
            })
            .map(|(n, _, _)| n)
            .collect()
    }

    /// The story after one outline step (`op` as a form's button sends it).
    pub fn with_outline_step(&self, input: &RawInput) -> Result<Self, Vec<FieldProblem>> {
        let fail = |field: &str, problem: Problem| {
            Err(vec![FieldProblem {
                field: field.into(),
                problem,
            }])
        };
        let raw = input.get("op").map(String::as_str).unwrap_or("");
        let (op, arg) = raw.split_once(':').unwrap_or((raw, ""));
        let arg: Option<usize> = arg.parse().ok();
        let mut out = self.clone();
        let chapters = out.chapters.len();
        let pages = out.page_count();
        match (op, arg) {
            ("rename-chapters", _) => {
                let mut c = Checker::loose(input);
                for (i, ch) in out.chapters.iter_mut().enumerate() {
                    ch.title = plain(&mut c, &format!("chapter_{i}"), MAX_TITLE, true);
                }
                return c.done(out);
            }
            ("add-chapter", _) => {
                let mut c = Checker::loose(input);
                let title = plain(&mut c, "new_chapter", MAX_TITLE, true);
                if chapters >= MAX_CHAPTERS {
                    c.fail("new_chapter", Problem::TooMany { max: MAX_CHAPTERS });
                }
                out.chapters.push(Chapter {
                    title,
                    pages: Vec::new(),
                });
                return c.done(out);
            }
            ("remove-chapter", Some(i)) if i < chapters => {
                if !out.chapters[i].pages.is_empty() {
                    return fail(&format!("chapter_{i}"), Problem::NotEmpty);
                }
                if chapters == 1 {
                    return fail(&format!("chapter_{i}"), Problem::Required);
                }
                out.chapters.remove(i);
            }
            ("chapter-up", Some(i)) if i > 0 && i < chapters => out.chapters.swap(i - 1, i),
            ("chapter-down", Some(i)) if i + 1 < chapters => out.chapters.swap(i, i + 1),
            ("add-page", Some(i)) if i < chapters => {
                let kind = input
                    .get(&format!("kind_{i}"))
                    .map(String::as_str)
                    .unwrap_or("");
                let Some(page) = Page::blank(kind) else {
                    return fail(
                        &format!("kind_{i}"),
                        Problem::NotAllowed {
                            allowed: PAGE_KINDS.join(", "),
                        },
                    );
                };
                if pages >= MAX_PAGES {
                    return fail(&format!("kind_{i}"), Problem::TooMany { max: MAX_PAGES });
                }
                // A new page goes before the closing pages (credits, end), where the
                // story's words go; a closing page itself goes last.
                let closing = |p: &Page| matches!(p.kind(), "credits" | "end");
                let list = &mut out.chapters[i].pages;
                let at = if closing(&page) {
                    list.len()
                } else {
                    list.iter().rposition(|p| !closing(p)).map_or(0, |k| k + 1)
                };
                list.insert(at, page);
            }
            ("remove-page", Some(n)) if (1..=pages).contains(&n) => {
                if let Some((c, i)) = out.locate(n) {
                    out.chapters[c].pages.remove(i);
                }
            }
            // One step up or down in reading order: past a chapter's edge the page joins
            // the neighbouring chapter, so buttons alone can move a page anywhere.
            ("page-up", Some(n)) if out.can_move(n, true) => out.step(n, true),
            ("page-down", Some(n)) if out.can_move(n, false) => out.step(n, false),
            // Drag and drop: page `n` to position `index` of chapter `chapter`.
            ("move-page", Some(n)) if (1..=pages).contains(&n) => {
                let number = |k: &str| input.get(k).and_then(|v| v.trim().parse::<usize>().ok());
                let (Some(c), Some(index)) = (number("chapter"), number("index")) else {
                    return fail("index", Problem::NotANumber);
                };
                if c >= chapters {
                    return fail("chapter", Problem::Unknown);
                }
                let Some((from_c, from_i)) = out.locate(n) else {
                    return fail("op", Problem::Unknown);
                };
                let page = out.chapters[from_c].pages.remove(from_i);
                let index = index.min(out.chapters[c].pages.len());
                out.chapters[c].pages.insert(index, page);
            }
            _ => return fail("op", Problem::Unknown),
        }
        Ok(out)
    }

    /// Where page `n` is after one step up (`up`) or down: one place along, or the
    /// same number when it crosses into the neighbouring chapter.
    pub fn moved_to(&self, n: usize, up: bool) -> usize {
        match (up, self.before_edge(n), self.after_edge(n)) {
            (true, true, _) | (false, _, true) => n,
            (true, false, _) => n.saturating_sub(1).max(1),
            (false, _, false) => n + 1,
        }
    }

    /// Whether page `n` can go one step up (`up`) or down: within its chapter, or across
    /// its chapter's edge into the next chapter, even an empty one.
    pub fn can_move(&self, n: usize, up: bool) -> bool {
        let pages = self.page_count();
        if up {
            (2..=pages).contains(&n) || self.before_edge(n)
        } else {
            (1..pages).contains(&n) || self.after_edge(n)
        }
    }

    /// Whether page `n` opens a chapter after another one: it can go up into that one
    /// (even as page 1, when the chapters before are empty).
    fn before_edge(&self, n: usize) -> bool {
        self.locate(n).is_some_and(|(c, i)| i == 0 && c > 0)
    }

    /// Whether page `n` closes a chapter before another one (even an empty one).
    fn after_edge(&self, n: usize) -> bool {
        self.locate(n).is_some_and(|(c, i)| {
            i + 1 == self.chapters[c].pages.len() && c + 1 < self.chapters.len()
        })
    }

    /// Moves page `n` one step: within its chapter, or across the chapter's edge.
    fn step(&mut self, n: usize, up: bool) {
        let Some((c, i)) = self.locate(n) else {
            return;
        };
        let len = self.chapters[c].pages.len();
        match (up, i) {
            (true, 0) if c > 0 => {
                let page = self.chapters[c].pages.remove(0);
                self.chapters[c - 1].pages.push(page);
            }
            (true, i) if i > 0 => self.chapters[c].pages.swap(i - 1, i),
            (false, i) if i + 1 == len && c + 1 < self.chapters.len() => {
                let page = self.chapters[c].pages.remove(i);
                self.chapters[c + 1].pages.insert(0, page);
            }
            (false, i) if i + 1 < len => self.chapters[c].pages.swap(i, i + 1),
            _ => {}
        }
    }
}

impl Page {
    /// The fields a page form of this kind holds.
    pub fn fields(kind: &str) -> &'static [&'static str] {
        match kind {
            "cover" => &["title", "subtitle", "background", "overlay"],
            "text" => &["text", "background", "position", "overlay"],
            "quote" => &[
                "words",
                "speaker",
                "role",
                "clip",
                "captions",
                "background",
                "overlay",
            ],
            "fact" => &["fact", "background", "overlay"],
            "end" => &["text"],
            _ => &[],
        }
    }

    /// A new page of a kind, its words still to write.
    pub fn blank(kind: &str) -> Option<Self> {
        Some(match kind {
            "cover" => Page::Cover {
                title: String::new(),
                subtitle: String::new(),
                background: None,
                overlay: 40,
            },
            "text" => Page::Text {
                text: String::new(),
                background: None,
                position: Position::default(),
                overlay: 40,
            },
            "quote" => Page::Quote {
                words: String::new(),
                speaker: String::new(),
                role: String::new(),
                clip: None,
                captions: None,
                background: None,
                overlay: 40,
            },
            "fact" => Page::Fact {
                programme: String::new(),
                output: String::new(),
                background: None,
                overlay: 40,
            },
            "map" => Page::Map,
            "credits" => Page::Credits,
            "end" => Page::End {
                text: String::new(),
            },
            _ => return None,
        })
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        let mut put = |k: &str, v: String| {
            out.insert(k.into(), v);
        };
        let id = |v: &Option<i32>| v.map(|id| id.to_string()).unwrap_or_default();
        match self {
            Page::Cover {
                title,
                subtitle,
                background,
                overlay,
            } => {
                put("title", title.clone());
                put("subtitle", subtitle.clone());
                put("background", id(background));
                put("overlay", overlay.to_string());
            }
            Page::Text {
                text,
                background,
                position,
                overlay,
            } => {
                put("text", text.clone());
                put("background", id(background));
                put("position", position.code().into());
                put("overlay", overlay.to_string());
            }
            Page::Quote {
                words,
                speaker,
                role,
                clip,
                captions,
                background,
                overlay,
            } => {
                put("words", words.clone());
                put("speaker", speaker.clone());
                put("role", role.clone());
                put("clip", id(clip));
                put("captions", id(captions));
                put("background", id(background));
                put("overlay", overlay.to_string());
            }
            Page::Fact {
                programme,
                output,
                background,
                overlay,
            } => {
                put("overlay", overlay.to_string());
                let fact = if programme.is_empty() {
                    String::new()
                } else {
                    format!("{programme}/{output}")
                };
                put("fact", fact);
                put("background", id(background));
            }
            Page::End { text } => put("text", text.clone()),
            Page::Map | Page::Credits => {}
        }
        out
    }

    /// A page of `kind` from its form; references are checked against `choices`.
    pub fn parse(
        kind: &str,
        input: &RawInput,
        choices: &PageChoices,
    ) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::fields(kind), &[]);
        let page = match kind {
            "cover" => Page::Cover {
                title: plain(&mut c, "title", MAX_TITLE, true),
                subtitle: plain(&mut c, "subtitle", MAX_SUMMARY, false),
                background: media(&mut c, "background", choices),
                overlay: overlay(&mut c),
            },
            "text" => {
                let position = match c.raw("position").trim() {
                    "" => Position::default(),
                    code => Position::from_code(code).unwrap_or_else(|| {
                        c.fail(
                            "position",
                            Problem::NotAllowed {
                                allowed: "left, centre, right".into(),
                            },
                        );
                        Position::default()
                    }),
                };
                let overlay = overlay(&mut c);
                Page::Text {
                    text: plain(&mut c, "text", MAX_TEXT, true),
                    background: media(&mut c, "background", choices),
                    position,
                    overlay,
                }
            }
            "quote" => Page::Quote {
                words: plain(&mut c, "words", MAX_SUMMARY * 2, true),
                speaker: plain(&mut c, "speaker", MAX_TITLE, true),
                role: plain(&mut c, "role", MAX_TITLE, false),
                clip: media(&mut c, "clip", choices),
                captions: media(&mut c, "captions", choices),
                background: media(&mut c, "background", choices),
                overlay: overlay(&mut c),
            },
            "fact" => {
                let fact = c.raw("fact").trim().to_owned();
                if fact.is_empty() {
                    c.fail("fact", Problem::Required);
                } else if !choices.facts.iter().any(|f| f.code == fact) {
                    c.fail("fact", Problem::NotAChoice);
                }
                let (programme, output) = fact.split_once('/').unwrap_or((&fact, ""));
                Page::Fact {
                    programme: programme.to_owned(),
                    output: output.to_owned(),
                    background: media(&mut c, "background", choices),
                    overlay: overlay(&mut c),
                }
            }
            "end" => Page::End {
                text: plain(&mut c, "text", MAX_TITLE, false),
            },
            other => match Page::blank(other) {
                Some(page) => page,
                None => {
                    c.fail(
                        "kind",
                        Problem::NotAllowed {
                            allowed: PAGE_KINDS.join(", "),
                        },
                    );
                    Page::Map
                }
            },
        };
        c.done(page)
    }
}

/// How much a page's background is darkened: one of `OVERLAYS`, 40 when left out.
fn overlay(c: &mut Checker<'_>) -> u8 {
    match c.raw("overlay").trim().parse::<u8>() {
        Ok(v) if OVERLAYS.contains(&v) => v,
        _ if c.raw("overlay").trim().is_empty() => crate::story::default_overlay(),
        _ => {
            c.fail(
                "overlay",
                Problem::NotAllowed {
                    allowed: OVERLAYS.map(|o| o.to_string()).join(", "),
                },
            );
            crate::story::default_overlay()
        }
    }
}

impl Position {
    pub fn code(self) -> &'static str {
        match self {
            Position::Left => "left",
            Position::Centre => "centre",
            Position::Right => "right",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Position::Left, Position::Centre, Position::Right]
            .into_iter()
            .find(|p| p.code() == code)
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

    fn kinds(s: &StoryFields) -> Vec<Vec<&'static str>> {
        s.chapters
            .iter()
            .map(|c| c.pages.iter().map(Page::kind).collect())
            .collect()
    }

    #[test]
    fn outline_steps_move_pages_across_chapters_one_button_at_a_time() {
        let s = StoryFields::new_story("Reșița", "ro");
        let s = s
            .with_outline_step(&input(&[("op", "add-chapter"), ("new_chapter", "Oameni")]))
            .unwrap();
        let s = s
            .with_outline_step(&input(&[("op", "add-page:1"), ("kind_1", "quote")]))
            .unwrap();
        assert_eq!(kinds(&s), [vec!["cover", "credits", "end"], vec!["quote"]]);
        // The quote (page 4) goes up: into the first chapter, then past the end page.
        let s = s.with_outline_step(&input(&[("op", "page-up:4")])).unwrap();
        assert_eq!(
            kinds(&s),
            [vec!["cover", "credits", "end", "quote"], vec![]]
        );
        let s = s.with_outline_step(&input(&[("op", "page-up:4")])).unwrap();
        assert_eq!(kinds(&s)[0], ["cover", "credits", "quote", "end"]);
        // The end page goes down into the second chapter; drag and drop puts it back.
        let s = s
            .with_outline_step(&input(&[("op", "page-down:4")]))
            .unwrap();
        assert_eq!(kinds(&s), [vec!["cover", "credits", "quote"], vec!["end"]]);
        let s = s
            .with_outline_step(&input(&[
                ("op", "move-page:4"),
                ("chapter", "0"),
                ("index", "1"),
            ]))
            .unwrap();
        assert_eq!(
            kinds(&s),
            [vec!["cover", "end", "credits", "quote"], vec![]]
        );
        // The first page cannot go up, nor the last down; a chapter with pages stays.
        assert!(s.with_outline_step(&input(&[("op", "page-up:1")])).is_err());
        assert!(
            s.with_outline_step(&input(&[("op", "page-down:4")]))
                .is_ok(),
            "into chapter 2"
        );
        let refused = s
            .with_outline_step(&input(&[("op", "remove-chapter:0")]))
            .unwrap_err();
        assert_eq!(refused[0].problem, Problem::NotEmpty);
        assert!(
            s.can_move(4, false),
            "the last page can go down into the empty chapter"
        );
        assert!(!s.can_move(1, true));
        let s = s
            .with_outline_step(&input(&[("op", "remove-chapter:1")]))
            .unwrap();
        assert_eq!(s.chapters.len(), 1);
        assert!(!s.can_move(4, false), "and no further");
        let mut empty = s.clone();
        empty.chapters[0].pages.clear();
        assert_eq!(empty.publish_problems()[0].problem, Problem::NoPages);
        assert!(
            s.with_outline_step(&input(&[("op", "add-page:0"), ("kind_0", "video")]))
                .is_err()
        );
        assert!(
            s.with_outline_step(&input(&[("op", "remove-page:9")]))
                .is_err()
        );
        assert!(s.with_outline_step(&input(&[("op", "explode")])).is_err());
    }

    #[test]
    fn pages_check_their_words_and_references() {
        let choices = PageChoices {
            media: vec![
                MediaChoice {
                    id: 3,
                    kind: "image".into(),
                    alt: LocalizedText::default(),
                    name: "furnace.jpg".into(),
                    ready: true,
                    samples: None,
                    aspect: None,
                    focal: (0.5, 0.5),
                },
                MediaChoice {
                    id: 4,
                    kind: "audio".into(),
                    alt: LocalizedText::default(),
                    name: "voice.wav".into(),
                    ready: true,
                    samples: None,
                    aspect: None,
                    focal: (0.5, 0.5),
                },
            ],
            facts: vec![Choice::new("startups/founders", LocalizedText::default())],
        };
        let s = StoryFields::new_story("Reșița", "ro")
            .with_outline_step(&input(&[("op", "add-page:0"), ("kind_0", "quote")]))
            .unwrap();
        // A new page goes before the credits and the end.
        let kinds: Vec<&str> = s.pages().map(|(_, _, p)| p.kind()).collect();
        assert_eq!(kinds, ["cover", "quote", "credits", "end"]);
        assert_eq!(s.unfinished(), vec![2], "an empty quote is unfinished");
        // A sound cannot be a background; a picture cannot be a clip.
        let bad = s
            .with_page(
                2,
                &input(&[
                    ("words", "Învățăm."),
                    ("speaker", ""),
                    ("background", "4"),
                    ("clip", "3"),
                ]),
                &choices,
            )
            .unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["speaker", "clip", "background"]);
        let s = s
            .with_page(
                2,
                &input(&[
                    ("words", "Învățăm."),
                    ("speaker", "O profesoară"),
                    ("clip", "4"),
                ]),
                &choices,
            )
            .unwrap();
        assert!(s.unfinished().is_empty());
        assert_eq!(s.media(), [4]);
        let fact = Page::parse("fact", &input(&[("fact", "startups/other")]), &choices);
        assert_eq!(fact.unwrap_err()[0].problem, Problem::NotAChoice);
        let text = Page::parse(
            "text",
            &input(&[("text", "Oțel"), ("overlay", "45")]),
            &choices,
        );
        assert_eq!(text.unwrap_err()[0].field, "overlay");
    }

    #[test]
    fn settings_refuse_low_contrast_and_unknown_languages() {
        let s = StoryFields::new_story("Reșița", "ro");
        let mut form = s.settings_input();
        form.insert("theme_text".into(), "#777777".into());
        form.insert("theme_background".into(), "#ffffff".into());
        form.insert("theme_accent".into(), "#000000".into());
        form.insert("language".into(), "xx".into());
        let problems = s.with_settings(&form).unwrap_err();
        assert_eq!(problems[0].field, "language");
        assert_eq!(
            problems[1],
            FieldProblem {
                field: "theme_text".into(),
                problem: Problem::LowContrast {
                    ratio: "4.47".into()
                }
            }
        );
        form.insert("theme_text".into(), "#595959".into());
        form.insert("language".into(), "en".into());
        form.insert("theme_background".into(), "white".into());
        assert_eq!(
            s.with_settings(&form).unwrap_err()[0].problem,
            Problem::NotAColour
        );
        form.insert("theme_background".into(), "#ffffff".into());
        let ok = s.with_settings(&form).unwrap();
        assert_eq!(ok.theme.text.to_string(), "#595959");
        assert_eq!(ok.chapters, s.chapters, "settings leave the pages alone");
    }
}
