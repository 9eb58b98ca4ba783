//! Three-way merge of two edits made from the same version, so that a colleague's
//! save is never reverted by someone who did not touch what they changed.
//!
//! The three inputs are form values in the machine writing, each made by the kind's
//! `to_input` from parsed fields (so numbering of rows, number formats and the order
//! of codes are the same in all three). A plain field is one unit; a group of rows (a
//! programme's partners) is one unit, because rows renumber when one is removed and a
//! row is only meaningful whole.

use std::collections::BTreeMap;

use super::{Group, RawInput, row_key};

/// The outcome of a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// Every unit only one side changed, taken from that side; where both changed it
    /// differently, *mine* (the person still has to choose, see `conflicts`).
    pub input: RawInput,
    /// Fields and row groups both sides changed, differently, by name.
    pub conflicts: Vec<String>,
}

/// The unit a field belongs to: its row group, or itself.
pub fn unit_of<'a>(field: &'a str, groups: &[Group]) -> &'a str {
    match row_key(field) {
        Some((group, _, _)) if groups.iter().any(|g| g.name == group) => &field[..group.len()],
        _ => field,
    }
}

/// The values of one unit, trimmed, without empty ones (a missing field and an empty
/// one say the same).
fn unit<'a>(input: &'a RawInput, name: &str, groups: &[Group]) -> BTreeMap<&'a str, &'a str> {
    input
        .iter()
        .filter(|(k, _)| unit_of(k, groups) == name)
        .map(|(k, v)| (k.as_str(), v.trim()))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// Merges `mine` (made from `base`) with `saved` (what others stored since `base`).
pub fn merge3(base: &RawInput, saved: &RawInput, mine: &RawInput, groups: &[Group]) -> Merged {
    let mut units: Vec<&str> = Vec::new();
    for key in base.keys().chain(saved.keys()).chain(mine.keys()) {
        let u = unit_of(key, groups);
        if !units.contains(&u) {
            units.push(u);
        }
    }
    let mut input = RawInput::new();
    let mut conflicts = Vec::new();
    for name in units {
        let (b, s, m) = (
            unit(base, name, groups),
            unit(saved, name, groups),
            unit(mine, name, groups),
        );
        let take = if m == b || s == m {
            &s
        } else if s == b {
            &m
        } else {
            conflicts.push(name.to_owned());
            &m
        };
        // Plain fields keep their key even when empty, so the form shows them.
        if take.is_empty() && row_key(name).is_none() && !groups.iter().any(|g| g.name == name) {
            input.insert(name.to_owned(), String::new());
        }
        input.extend(take.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    }
    Merged { input, conflicts }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUPS: &[Group] = &[Group {
        name: "outputs",
        fields: &["label_en", "reported"],
    }];

    fn input(pairs: &[(&str, &str)]) -> RawInput {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn base() -> RawInput {
        input(&[
            ("title_en", "Hala Minda"),
            ("description_en", "Old words"),
            ("summary_en", "Short"),
            ("outputs.0.label_en", "Entrepreneurs"),
            ("outputs.0.reported", "12"),
        ])
    }

    #[test]
    fn disjoint_edits_merge_without_asking() {
        // A changed the reported figure, B the description: both stay.
        let mut saved = base();
        saved.insert("outputs.0.reported".into(), "15".into());
        let mut mine = base();
        mine.insert("description_en".into(), "New words".into());
        let m = merge3(&base(), &saved, &mine, GROUPS);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert_eq!(
            m.input["outputs.0.reported"], "15",
            "the colleague's figure stays"
        );
        assert_eq!(m.input["description_en"], "New words");
        assert_eq!(m.input["summary_en"], "Short");
    }

    #[test]
    fn overlapping_edits_ask_about_those_fields_only() {
        let mut saved = base();
        saved.insert("title_en".into(), "Hala Minda 2".into());
        saved.insert("summary_en".into(), "Saved summary".into());
        let mut mine = base();
        mine.insert("title_en".into(), "Minda Hall".into());
        mine.insert("description_en".into(), "New words".into());
        let m = merge3(&base(), &saved, &mine, GROUPS);
        assert_eq!(m.conflicts, ["title_en"]);
        assert_eq!(m.input["summary_en"], "Saved summary");
        assert_eq!(m.input["description_en"], "New words");
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let mut saved = base();
        saved.insert("title_en".into(), "Same".into());
        let mut mine = base();
        mine.insert("title_en".into(), " Same ".into());
        assert!(merge3(&base(), &saved, &mine, GROUPS).conflicts.is_empty());
    }

    #[test]
    fn row_groups_merge_as_wholes() {
        let mut saved = base();
        saved.remove("outputs.0.reported");
        let mut mine = base();
        mine.insert("outputs.1.label_en".into(), "Courses".into());
        let m = merge3(&base(), &saved, &mine, GROUPS);
        assert_eq!(m.conflicts, ["outputs"]);
        // Only one side touched the rows: they merge whole, emptied fields and all.
        let m = merge3(&base(), &saved, &base(), GROUPS);
        assert!(m.conflicts.is_empty());
        assert!(!m.input.contains_key("outputs.0.reported"));
        assert_eq!(m.input["outputs.0.label_en"], "Entrepreneurs");
    }

    #[test]
    fn cleared_fields_count_as_changes() {
        let mut saved = base();
        saved.insert("summary_en".into(), String::new());
        let m = merge3(&base(), &saved, &base(), GROUPS);
        assert_eq!(m.input["summary_en"], "", "the colleague's clearing stays");
    }
}
