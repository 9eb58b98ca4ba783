//! sea-orm entities, one per table. Relations are followed by id in the repositories,
//! which keeps each query visible where it is made.

pub mod api_token;
pub mod audit_event;
pub mod city;
pub mod city_challenge;
pub mod city_cluster;
pub mod content_generation;
pub mod framework;
pub mod framework_node;
pub mod funding;
pub mod job;
pub mod local_target;
pub mod login_throttle;
pub mod media_item;
pub mod media_rendition;
pub mod milestone;
pub mod network;
pub mod objective;
pub mod objective_node;
pub mod organisation;
pub mod output;
pub mod programme;
pub mod programme_objective;
pub mod programme_partner;
pub mod programme_target_group;
pub mod revision;
pub mod session;
pub mod story;
pub mod strategy;
pub mod user;
