//! Monitoring: what a city measures, when, and how it is doing against its targets.
//! Pure rules here (periods, progress ratings); storage and pages elsewhere.

pub mod disclosure;
pub mod indicator;
pub mod layout;
pub mod numbers;
pub mod period;
pub mod rating;
pub mod rows;
pub mod text;
