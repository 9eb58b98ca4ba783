//! The texts of a framework node, which network administrators may improve (a clearer
//! title, a better translation) with history like any other edit.

use super::*;

/// The editable texts of a framework node; also its revision snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameworkNodeFields {
    pub title: LocalizedText,
    #[serde(default)]
    pub summary: LocalizedText,
}

impl FrameworkNodeFields {
    pub const FIELDS: &'static [&'static str] =
        &["title_en", "title_ro", "summary_en", "summary_ro"];

    pub fn parse(input: &RawInput) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, &[]);
        let title = c.text("title", MAX_SUMMARY, true);
        let summary = c.text("summary", MAX_TEXT, false);
        c.done(Self { title, summary })
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        put_text(&mut out, "title", &self.title);
        put_text(&mut out, "summary", &self.summary);
        out
    }
}
