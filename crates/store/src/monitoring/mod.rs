//! Monitoring data: the indicator catalogue and its dimensions (`catalogue.rs`), data
//! files brought in as one transaction each and undone as a whole (`imports.rs`), and
//! the reads pages and the API are built from (`read.rs`).

mod catalogue;
mod entry;
mod imports;
mod links;
mod read;

pub use catalogue::CatalogueLoad;
pub use entry::Cell;
pub use imports::{Counts, ImportPlan, ImportRecord, Planned, UndoOutcome};
pub use links::NewTarget;
pub use read::{IndicatorRow, ObservationRow, SeriesData, TargetRow};

/// A period as stored: its first day as text (`2023-01-01`) and its length in months.
pub(crate) fn period_cols(p: forja_core::monitoring::period::Period) -> (String, i32) {
    (p.start.format("%Y-%m-%d").to_string(), i32::from(p.months))
}

/// A stored period read back.
pub(crate) fn period_of(
    start: &str,
    months: i32,
) -> Option<forja_core::monitoring::period::Period> {
    Some(forja_core::monitoring::period::Period {
        start: chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").ok()?,
        months: u8::try_from(months).ok()?,
    })
}
