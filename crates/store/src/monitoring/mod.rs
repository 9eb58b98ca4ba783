//! Monitoring data: the indicator catalogue and its dimensions (`catalogue.rs`), data
//! files brought in as one transaction each and undone as a whole (`imports.rs`),
//! values typed into a table (`entry.rs`), objectives, programme outputs and targets
//! tied to indicators (`links.rs`), and the reads pages and the API are built from
//! (`read.rs`).

mod catalogue;
mod entry;
mod imports;
mod links;
mod read;

pub use catalogue::CatalogueLoad;
pub use entry::{Cell, Entered};
pub use imports::{Counts, ImportPlan, ImportRecord, Planned, UndoOutcome};
pub use links::NewTarget;
pub use read::{IndicatorRow, ObservationRow, SeriesData, TargetRow};

/// A period as stored: its first day as text (`2023-01-01`) and its length in months.
pub(crate) fn period_cols(p: forja_core::monitoring::period::Period) -> (String, i32) {
    use chrono::Datelike;
    // Written by hand: chrono's formatter is the slowest step of a million-row import.
    let d = p.start;
    (
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        i32::from(p.months),
    )
}

/// A stored period read back.
pub(crate) fn period_of(
    start: &str,
    months: i32,
) -> Option<forja_core::monitoring::period::Period> {
    // Read by hand, like `period_cols` writes it: a page reads thousands.
    let mut parts = start.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Some(forja_core::monitoring::period::Period {
        start: chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?,
        months: u8::try_from(months).ok()?,
    })
}
