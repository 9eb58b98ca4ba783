//! Monitoring use-cases: the catalogue and the demo's series (`load.rs`), a data file
//! read and streamed to the store (`import.rs`), who may enter, import and undo, and
//! see true values (`data.rs`), values typed into a table (`entry.rs`), downloads
//! (`export.rs`), and what pages and the API show (`views.rs`): ratings by Statistics
//! Canada's method and small counts protected in public.

pub mod data;
pub mod entry;
pub mod export;
pub mod import;
pub mod load;
pub mod sheet;
pub mod views;

pub use forja_store::monitoring::{Counts, UndoOutcome};
