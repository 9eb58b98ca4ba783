//! Versioned schema migrations, written once with sea-query's builder so the same code
//! emits the right DDL for SQLite and PostgreSQL. A migration, once released, is never
//! edited: change the schema with a new one.

use sea_orm_migration::prelude::*;

mod m0001_learning_city_model;
mod m0002_accounts_and_history;
mod m0003_framework_node_versions;
mod m0004_stories_and_media;
mod m0005_media_failure;
mod m0006_monitoring;
mod m0007_compact_observations;
mod m0008_series_reporters;
mod m0009_status_versions;
mod m0010_member_roster;
mod m0011_search_epoch;
mod m0012_peer_matching;
mod m0013_practices;
mod m0014_resources;
mod m0015_partner_requests;
mod m0016_notifications;
mod m0017_discussions;

/// All migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_learning_city_model::Migration),
            Box::new(m0002_accounts_and_history::Migration),
            Box::new(m0003_framework_node_versions::Migration),
            Box::new(m0004_stories_and_media::Migration),
            Box::new(m0005_media_failure::Migration),
            Box::new(m0006_monitoring::Migration),
            Box::new(m0007_compact_observations::Migration),
            Box::new(m0008_series_reporters::Migration),
            Box::new(m0009_status_versions::Migration),
            Box::new(m0010_member_roster::Migration),
            Box::new(m0011_search_epoch::Migration),
            Box::new(m0012_peer_matching::Migration),
            Box::new(m0013_practices::Migration),
            Box::new(m0014_resources::Migration),
            Box::new(m0015_partner_requests::Migration),
            Box::new(m0016_notifications::Migration),
            Box::new(m0017_discussions::Migration),
        ]
    }
}
