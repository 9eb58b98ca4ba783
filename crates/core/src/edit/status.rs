//! What a programme status says about progress, as a network sets it: a figure from
//! 0 to 100 %, or nothing (its programmes then show "no figure yet", never an invented
//! half-way mark).

use super::*;

/// The editable part of a programme status; also its revision snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusFields {
    pub default_progress: Option<f64>,
}

impl StatusFields {
    pub const FIELDS: &'static [&'static str] = &["default_progress"];

    pub fn parse(input: &RawInput, writing: Writing) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, &[]).written(writing);
        let default_progress = c.number("default_progress", 0.0, 100.0);
        c.done(Self { default_progress })
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        out.insert(
            "default_progress".into(),
            self.default_progress
                .map(|v| write_number(v, Writing::Machine, false))
                .unwrap_or_default(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_says_a_percentage_or_nothing() {
        let read = |v: &str, w| {
            StatusFields::parse(&RawInput::from([("default_progress".into(), v.into())]), w)
        };
        assert_eq!(read("", Writing::Machine).unwrap().default_progress, None);
        let ro = Writing::Person(crate::Locale::Ro);
        assert_eq!(read("12,5", ro).unwrap().default_progress, Some(12.5));
        assert!(read("140", Writing::Machine).is_err());
        let f = read("40", Writing::Machine).unwrap();
        assert_eq!(
            StatusFields::parse(&f.to_input(), Writing::Machine).unwrap(),
            f
        );
    }
}
