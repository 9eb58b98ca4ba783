//! Forja's domain core: validated types, policies and pure math. No IO lives here, so
//! everything in this crate is cheap to test and safe to call from any layer.

pub mod docs;
pub mod edit;
pub mod encoding;
pub mod format;
pub mod geo;
pub mod geonames;
pub mod ids;
pub mod locale;
pub mod monitoring;
pub mod peers;
pub mod policy;
pub mod progress;
pub mod roster;
pub mod schedule;
pub mod slug;
pub mod story;
pub mod text;
pub mod typed;
pub mod values;

pub use locale::Locale;
pub use slug::Slug;
pub use text::LocalizedText;
