//! An indicator of the catalogue as network administrators keep it: its texts, unit,
//! which way is better, how often it is measured, what breaks it down and how small
//! counts are protected. Its code and computed parts are the catalogue's, not the
//! form's: figures already filed under a code must keep meaning the same thing.

use super::*;
use crate::monitoring::indicator::{Better, Periodicity, Unit};

/// The editable fields of an indicator; also its revision snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorFields {
    pub name: LocalizedText,
    #[serde(default)]
    pub definition: LocalizedText,
    #[serde(default)]
    pub period_note: LocalizedText,
    #[serde(default)]
    pub source: LocalizedText,
    #[serde(default)]
    pub methodology: LocalizedText,
    /// `percent`, `count`, `per-1000`, `currency`, `index` or `yes-no`.
    pub unit: String,
    pub currency: Option<String>,
    pub decimals: u8,
    /// `higher`, `lower` or `neither`: required, never defaulted.
    pub better: String,
    pub periodicity: String,
    /// Dimension codes, in the order tables show them.
    #[serde(default)]
    pub dimensions: Vec<String>,
    /// Counts below this are shown as "fewer than N" in public; none: no rule.
    pub disclosure_threshold: Option<u32>,
    pub disclosure_round: Option<u32>,
}

/// What an indicator's form may pick from.
#[derive(Debug, Clone, Default)]
pub struct IndicatorChoices {
    pub dimensions: Vec<Choice>,
    pub currencies: Vec<Choice>,
}

const UNITS: [Unit; 6] = [
    Unit::Percent,
    Unit::Count,
    Unit::Per1000,
    Unit::Currency,
    Unit::Index,
    Unit::YesNo,
];
const BETTER: [Better; 3] = [Better::Higher, Better::Lower, Better::Neither];
const PERIODICITIES: [Periodicity; 6] = [
    Periodicity::Yearly,
    Periodicity::SchoolYear,
    Periodicity::HalfYearly,
    Periodicity::Quarterly,
    Periodicity::Monthly,
    Periodicity::Irregular,
];

fn coded(codes: impl IntoIterator<Item = &'static str>) -> Vec<Choice> {
    codes
        .into_iter()
        .map(|c| Choice::new(c, LocalizedText::default()))
        .collect()
}

impl IndicatorFields {
    pub const FIELDS: &'static [&'static str] = &[
        "name_en",
        "name_ro",
        "definition_en",
        "definition_ro",
        "period_note_en",
        "period_note_ro",
        "source_en",
        "source_ro",
        "methodology_en",
        "methodology_ro",
        "unit",
        "currency",
        "decimals",
        "better",
        "periodicity",
        "dimensions",
        "disclosure_threshold",
        "disclosure_round",
    ];

    /// The codes each pick-one field takes, for forms.
    pub fn codes(field: &str) -> Vec<&'static str> {
        match field {
            "unit" => UNITS.iter().map(|u| u.code()).collect(),
            "better" => BETTER.iter().map(|b| b.code()).collect(),
            "periodicity" => PERIODICITIES.iter().map(|p| p.code()).collect(),
            _ => Vec::new(),
        }
    }

    pub fn parse(
        input: &RawInput,
        writing: Writing,
        choices: &IndicatorChoices,
    ) -> Result<Self, Vec<FieldProblem>> {
        let mut c = Checker::new(input, Self::FIELDS, &[]).written(writing);
        let name = c.text("name", MAX_TITLE, true);
        let definition = c.text("definition", MAX_SUMMARY, false);
        let period_note = c.text("period_note", MAX_SUMMARY, false);
        let source = c.text("source", MAX_SUMMARY, false);
        let methodology = c.text("methodology", MAX_SUMMARY, false);
        let required = |c: &mut Checker, field: &str| {
            let picked = c.choice(field, &coded(Self::codes(field)));
            if picked.is_none() && c.raw(field).is_empty() {
                c.fail(field, Problem::Required);
            }
            picked.unwrap_or_default()
        };
        let unit = required(&mut c, "unit");
        let better = required(&mut c, "better");
        let periodicity = required(&mut c, "periodicity");
        let currency = c.choice("currency", &choices.currencies);
        if unit == Unit::Currency.code() && currency.is_none() && c.raw("currency").is_empty() {
            c.fail("currency", Problem::Required);
        }
        // A currency only means something for an amount of money.
        let currency = currency.filter(|_| unit == Unit::Currency.code());
        let decimals = c.whole("decimals", 0.0, 6.0).unwrap_or(0) as u8;
        let dimensions = c.codes("dimensions", &choices.dimensions);
        let disclosure_threshold = c
            .whole("disclosure_threshold", 0.0, 100.0)
            .map(|v| v as u32)
            .filter(|v| *v > 0);
        let disclosure_round = c
            .whole("disclosure_round", 0.0, 100.0)
            .map(|v| v as u32)
            .filter(|v| *v > 0);
        c.done(Self {
            name,
            definition,
            period_note,
            source,
            methodology,
            unit,
            currency,
            decimals,
            better,
            periodicity,
            dimensions,
            disclosure_threshold,
            disclosure_round,
        })
    }

    pub fn to_input(&self) -> RawInput {
        let mut out = RawInput::new();
        put_text(&mut out, "name", &self.name);
        put_text(&mut out, "definition", &self.definition);
        put_text(&mut out, "period_note", &self.period_note);
        put_text(&mut out, "source", &self.source);
        put_text(&mut out, "methodology", &self.methodology);
        out.insert("unit".into(), self.unit.clone());
        out.insert("currency".into(), self.currency.clone().unwrap_or_default());
        out.insert("decimals".into(), self.decimals.to_string());
        out.insert("better".into(), self.better.clone());
        out.insert("periodicity".into(), self.periodicity.clone());
        out.insert("dimensions".into(), self.dimensions.join(","));
        let number = |n: Option<u32>| n.map(|v| v.to_string()).unwrap_or_default();
        out.insert(
            "disclosure_threshold".into(),
            number(self.disclosure_threshold),
        );
        out.insert("disclosure_round".into(), number(self.disclosure_round));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> RawInput {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn choices() -> IndicatorChoices {
        let c = |code: &str| Choice::new(code, LocalizedText::default());
        IndicatorChoices {
            dimensions: vec![c("sex"), c("age")],
            currencies: vec![c("RON"), c("EUR")],
        }
    }

    #[test]
    fn an_indicator_reads_back_what_it_writes() {
        let fields = IndicatorFields::parse(
            &input(&[
                ("name_en", "Adults in learning"),
                ("name_ro", "Adulți care învață"),
                ("unit", "percent"),
                ("decimals", "1"),
                ("better", "higher"),
                ("periodicity", "yearly"),
                ("dimensions", "sex,age"),
                ("disclosure_threshold", ""),
                ("currency", "RON"),
            ]),
            Writing::Machine,
            &choices(),
        )
        .unwrap();
        assert_eq!(fields.dimensions, ["sex", "age"]);
        assert_eq!(fields.currency, None, "only money has a currency");
        assert_eq!(fields.disclosure_threshold, None);
        let again =
            IndicatorFields::parse(&fields.to_input(), Writing::Machine, &choices()).unwrap();
        assert_eq!(again, fields);
    }

    #[test]
    fn direction_unit_and_money_are_asked_for_and_codes_checked() {
        let problems = IndicatorFields::parse(
            &input(&[
                ("name_en", "Spending"),
                ("unit", "currency"),
                ("periodicity", "weekly"),
                ("dimensions", "sex,colour"),
                ("decimals", "7"),
            ]),
            Writing::Machine,
            &choices(),
        )
        .unwrap_err();
        let has =
            |field: &str, p: Problem| problems.iter().any(|x| x.field == field && x.problem == p);
        assert!(has("better", Problem::Required), "{problems:?}");
        assert!(has("currency", Problem::Required));
        assert!(has("periodicity", Problem::NotAChoice));
        assert!(has("dimensions", Problem::NotAChoice));
        assert!(problems.iter().any(|x| x.field == "decimals"));
    }
}
