//! The word diff used by history views.

use serde::Serialize;

/// One piece of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DiffPart {
    Same(String),
    Removed(String),
    Added(String),
}

/// A word-level diff (longest common subsequence), good for prose of a few pages; longer
/// texts fall back to "all removed, all added" rather than using quadratic memory.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let a: Vec<&str> = old.split_inclusive(char::is_whitespace).collect();
    let b: Vec<&str> = new.split_inclusive(char::is_whitespace).collect();
    if a.len() * b.len() > 4_000_000 {
        return vec![
            DiffPart::Removed(old.to_owned()),
            DiffPart::Added(new.to_owned()),
        ];
    }
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut parts: Vec<DiffPart> = Vec::new();
    let push = |parts: &mut Vec<DiffPart>, part: DiffPart| match (parts.last_mut(), part) {
        (Some(DiffPart::Same(s)), DiffPart::Same(t))
        | (Some(DiffPart::Removed(s)), DiffPart::Removed(t))
        | (Some(DiffPart::Added(s)), DiffPart::Added(t)) => s.push_str(&t),
        (_, part) => parts.push(part),
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            push(&mut parts, DiffPart::Same(a[i].to_owned()));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            push(&mut parts, DiffPart::Removed(a[i].to_owned()));
            i += 1;
        } else {
            push(&mut parts, DiffPart::Added(b[j].to_owned()));
            j += 1;
        }
    }
    for w in &a[i..] {
        push(&mut parts, DiffPart::Removed((*w).to_owned()));
    }
    for w in &b[j..] {
        push(&mut parts, DiffPart::Added((*w).to_owned()));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_changes() {
        let d = word_diff("the old riverside plan", "the new riverside plan today");
        assert_eq!(
            d,
            vec![
                DiffPart::Same("the ".into()),
                DiffPart::Removed("old ".into()),
                DiffPart::Added("new ".into()),
                DiffPart::Same("riverside ".into()),
                DiffPart::Removed("plan".into()),
                DiffPart::Added("plan today".into()),
            ]
        );
    }
}
