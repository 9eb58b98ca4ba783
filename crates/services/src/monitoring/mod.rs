//! Monitoring use-cases: the catalogue and the demo's series (`load.rs`), a data file
//! read and streamed to the store (`import.rs`), who may enter, import and undo, and
//! see true values (`data.rs`), which organisations report an indicator
//! (`reporters.rs`), values typed into a table (`entry.rs`), downloads (`export.rs`),
//! the city's data history (`history.rs`), a city's series of an indicator as every
//! reader gets it, computed indicators worked out and small counts protected in public
//! (`series.rs`), what pages and the API show (`views.rs`): ratings by Statistics
//! Canada's method, and values written as a list through the importer (`write.rs`).

pub mod data;
pub mod entry;
pub mod export;
pub mod history;
pub mod import;
pub mod load;
pub mod reporters;
pub mod series;
pub mod sheet;
pub mod views;
pub mod write;

pub use forja_store::monitoring::{Counts, UndoOutcome};
