//! Monitoring use-cases: the catalogue and the demo's series (`load.rs`), data files
//! brought in and undone (`import.rs`), and what pages and the API show (`views.rs`):
//! ratings by Statistics Canada's method and small counts protected in public.

pub mod data;
pub mod entry;
pub mod export;
pub mod import;
pub mod load;
pub mod views;

pub use forja_store::monitoring::{Counts, UndoOutcome};
