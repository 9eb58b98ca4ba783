//! Read queries. Each fetches one kind of row for a set of ids (`IN (...)`), so a page
//! needs a handful of queries whatever its size, never one per row.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::entity::*;
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

impl Store {
    pub async fn network(&self) -> R<Option<network::Model>> {
        Ok(network::Entity::find()
            .order_by_asc(network::Column::Id)
            .one(self.connection())
            .await?)
    }

    pub async fn cities(&self) -> R<Vec<city::Model>> {
        Ok(city::Entity::find()
            .order_by_asc(city::Column::Slug)
            .all(self.connection())
            .await?)
    }

    /// Members the roster names whose place is not known, by name.
    pub async fn unplaced_members(&self) -> R<Vec<unplaced_member::Model>> {
        Ok(unplaced_member::Entity::find()
            .order_by_asc(unplaced_member::Column::Name)
            .all(self.connection())
            .await?)
    }

    pub async fn city_by_slug(&self, slug: &str) -> R<Option<city::Model>> {
        Ok(city::Entity::find()
            .filter(city::Column::Slug.eq(slug))
            .one(self.connection())
            .await?)
    }

    pub async fn city_clusters(&self, city_ids: &[i32]) -> R<Vec<city_cluster::Model>> {
        Ok(city_cluster::Entity::find()
            .filter(city_cluster::Column::CityId.is_in(city_ids.iter().copied()))
            .order_by_asc(city_cluster::Column::NodeId)
            .all(self.connection())
            .await?)
    }

    /// Every city's challenges, for peer matching.
    pub async fn all_challenges(&self) -> R<Vec<city_challenge::Model>> {
        Ok(city_challenge::Entity::find()
            .order_by_asc(city_challenge::Column::CityId)
            .order_by_asc(city_challenge::Column::Position)
            .all(self.connection())
            .await?)
    }

    /// Every city's clusters, for peer matching.
    pub async fn all_city_clusters(&self) -> R<Vec<city_cluster::Model>> {
        Ok(city_cluster::Entity::find()
            .order_by_asc(city_cluster::Column::CityId)
            .all(self.connection())
            .await?)
    }

    pub async fn challenges(&self, city_id: i32) -> R<Vec<city_challenge::Model>> {
        Ok(city_challenge::Entity::find()
            .filter(city_challenge::Column::CityId.eq(city_id))
            .order_by_asc(city_challenge::Column::Position)
            .all(self.connection())
            .await?)
    }

    pub async fn frameworks(&self) -> R<Vec<framework::Model>> {
        Ok(framework::Entity::find()
            .order_by_asc(framework::Column::Position)
            .all(self.connection())
            .await?)
    }

    pub async fn framework_by_code(&self, code: &str) -> R<Option<framework::Model>> {
        Ok(framework::Entity::find()
            .filter(framework::Column::Code.eq(code))
            .one(self.connection())
            .await?)
    }

    pub async fn nodes_of(&self, framework_id: i32) -> R<Vec<framework_node::Model>> {
        Ok(framework_node::Entity::find()
            .filter(framework_node::Column::FrameworkId.eq(framework_id))
            .order_by_asc(framework_node::Column::Position)
            .all(self.connection())
            .await?)
    }

    pub async fn nodes_by_ids(
        &self,
        ids: impl IntoIterator<Item = i32>,
    ) -> R<Vec<framework_node::Model>> {
        Ok(framework_node::Entity::find()
            .filter(framework_node::Column::Id.is_in(ids))
            .order_by_asc(framework_node::Column::FrameworkId)
            .order_by_asc(framework_node::Column::Position)
            .all(self.connection())
            .await?)
    }

    /// Node counts per framework id, for the framework index.
    pub async fn node_count(&self, framework_id: i32) -> R<u64> {
        Ok(framework_node::Entity::find()
            .filter(framework_node::Column::FrameworkId.eq(framework_id))
            .count(self.connection())
            .await?)
    }

    /// The strategy of the latest plan period.
    pub async fn current_strategy(&self, city_id: i32) -> R<Option<strategy::Model>> {
        Ok(strategy::Entity::find()
            .filter(strategy::Column::CityId.eq(city_id))
            .order_by_desc(strategy::Column::PeriodStart)
            .one(self.connection())
            .await?)
    }

    pub async fn strategies_by_ids(
        &self,
        ids: impl IntoIterator<Item = i32>,
    ) -> R<Vec<strategy::Model>> {
        Ok(strategy::Entity::find()
            .filter(strategy::Column::Id.is_in(ids))
            .order_by_asc(strategy::Column::Id)
            .all(self.connection())
            .await?)
    }

    pub async fn objectives_of(&self, strategy_id: i32) -> R<Vec<objective::Model>> {
        Ok(objective::Entity::find()
            .filter(objective::Column::DeletedAt.is_null())
            .filter(objective::Column::StrategyId.eq(strategy_id))
            .order_by_asc(objective::Column::Position)
            .all(self.connection())
            .await?)
    }

    pub async fn objectives_by_ids(
        &self,
        ids: impl IntoIterator<Item = i32>,
    ) -> R<Vec<objective::Model>> {
        Ok(objective::Entity::find()
            .filter(objective::Column::DeletedAt.is_null())
            .filter(objective::Column::Id.is_in(ids))
            .order_by_asc(objective::Column::Position)
            .all(self.connection())
            .await?)
    }

    pub async fn objective_links(&self, objective_ids: &[i32]) -> R<Vec<objective_node::Model>> {
        Ok(objective_node::Entity::find()
            .filter(objective_node::Column::ObjectiveId.is_in(objective_ids.iter().copied()))
            .order_by_asc(objective_node::Column::NodeId)
            .all(self.connection())
            .await?)
    }

    /// Links from any city's objectives to the given nodes (framework pages).
    pub async fn objective_links_to(&self, node_ids: &[i32]) -> R<Vec<objective_node::Model>> {
        Ok(objective_node::Entity::find()
            .filter(objective_node::Column::NodeId.is_in(node_ids.iter().copied()))
            .order_by_asc(objective_node::Column::ObjectiveId)
            .all(self.connection())
            .await?)
    }

    pub async fn local_targets(&self, objective_ids: &[i32]) -> R<Vec<local_target::Model>> {
        Ok(local_target::Entity::find()
            .filter(local_target::Column::ObjectiveId.is_in(objective_ids.iter().copied()))
            .order_by_asc(local_target::Column::Code)
            .all(self.connection())
            .await?)
    }

    pub async fn programmes_of(&self, city_id: i32) -> R<Vec<programme::Model>> {
        Ok(programme::Entity::find()
            .filter(programme::Column::DeletedAt.is_null())
            .filter(programme::Column::CityId.eq(city_id))
            .order_by_asc(programme::Column::Position)
            .all(self.connection())
            .await?)
    }

    pub async fn programmes_by_ids(
        &self,
        ids: impl IntoIterator<Item = i32>,
    ) -> R<Vec<programme::Model>> {
        Ok(programme::Entity::find()
            .filter(programme::Column::DeletedAt.is_null())
            .filter(programme::Column::Id.is_in(ids))
            .order_by_asc(programme::Column::Position)
            .all(self.connection())
            .await?)
    }

    pub async fn programme_count(&self) -> R<u64> {
        Ok(programme::Entity::find()
            .filter(programme::Column::DeletedAt.is_null())
            .count(self.connection())
            .await?)
    }

    pub async fn programme_objectives(
        &self,
        programme_ids: &[i32],
    ) -> R<Vec<programme_objective::Model>> {
        Ok(programme_objective::Entity::find()
            .filter(programme_objective::Column::ProgrammeId.is_in(programme_ids.iter().copied()))
            .order_by_asc(programme_objective::Column::ObjectiveId)
            .all(self.connection())
            .await?)
    }

    pub async fn programmes_serving(
        &self,
        objective_ids: &[i32],
    ) -> R<Vec<programme_objective::Model>> {
        Ok(programme_objective::Entity::find()
            .filter(programme_objective::Column::ObjectiveId.is_in(objective_ids.iter().copied()))
            .order_by_asc(programme_objective::Column::ProgrammeId)
            .all(self.connection())
            .await?)
    }

    pub async fn programme_target_groups(
        &self,
        programme_ids: &[i32],
    ) -> R<Vec<programme_target_group::Model>> {
        Ok(programme_target_group::Entity::find()
            .filter(
                programme_target_group::Column::ProgrammeId.is_in(programme_ids.iter().copied()),
            )
            .order_by_asc(programme_target_group::Column::NodeId)
            .all(self.connection())
            .await?)
    }

    pub async fn partners(&self, programme_id: i32) -> R<Vec<programme_partner::Model>> {
        Ok(programme_partner::Entity::find()
            .filter(programme_partner::Column::ProgrammeId.eq(programme_id))
            .order_by_asc(programme_partner::Column::Id)
            .all(self.connection())
            .await?)
    }

    pub async fn organisations_by_ids(
        &self,
        ids: impl IntoIterator<Item = i32>,
    ) -> R<Vec<organisation::Model>> {
        Ok(organisation::Entity::find()
            .filter(organisation::Column::DeletedAt.is_null())
            .filter(organisation::Column::Id.is_in(ids))
            .order_by_asc(organisation::Column::Id)
            .all(self.connection())
            .await?)
    }

    pub async fn organisations_of(&self, city_id: i32) -> R<Vec<organisation::Model>> {
        Ok(organisation::Entity::find()
            .filter(organisation::Column::DeletedAt.is_null())
            .filter(organisation::Column::CityId.eq(city_id))
            .order_by_asc(organisation::Column::Id)
            .all(self.connection())
            .await?)
    }

    pub async fn funding(&self, programme_id: i32) -> R<Vec<funding::Model>> {
        Ok(funding::Entity::find()
            .filter(funding::Column::ProgrammeId.eq(programme_id))
            .order_by_asc(funding::Column::Id)
            .all(self.connection())
            .await?)
    }

    pub async fn milestones(&self, programme_id: i32) -> R<Vec<milestone::Model>> {
        Ok(milestone::Entity::find()
            .filter(milestone::Column::ProgrammeId.eq(programme_id))
            .order_by_asc(milestone::Column::Position)
            .all(self.connection())
            .await?)
    }

    pub async fn outputs(&self, programme_id: i32) -> R<Vec<output::Model>> {
        Ok(output::Entity::find()
            .filter(output::Column::ProgrammeId.eq(programme_id))
            .order_by_asc(output::Column::Id)
            .all(self.connection())
            .await?)
    }

    pub async fn cities_by_ids(&self, ids: impl IntoIterator<Item = i32>) -> R<Vec<city::Model>> {
        Ok(city::Entity::find()
            .filter(city::Column::Id.is_in(ids))
            .order_by_asc(city::Column::Slug)
            .all(self.connection())
            .await?)
    }
}

impl Store {
    /// Programmes tagged with any of these target-group nodes.
    pub async fn programme_target_groups_for(
        &self,
        node_ids: &[i32],
    ) -> R<Vec<programme_target_group::Model>> {
        Ok(programme_target_group::Entity::find()
            .filter(programme_target_group::Column::NodeId.is_in(node_ids.iter().copied()))
            .order_by_asc(programme_target_group::Column::ProgrammeId)
            .all(self.connection())
            .await?)
    }
}

impl Store {
    /// Adds the statuses of `data/programme-statuses.toml` not stored yet; figures a
    /// network changed stay as they are.
    pub async fn load_programme_statuses(&self, statuses: &[(String, Option<f64>)]) -> R<()> {
        use sea_orm::{ActiveModelTrait, Set};
        let stored: Vec<String> = programme_status::Entity::find()
            .all(self.connection())
            .await?
            .into_iter()
            .map(|s| s.code)
            .collect();
        for (position, (code, progress)) in statuses.iter().enumerate() {
            if !stored.contains(code) {
                programme_status::ActiveModel {
                    code: Set(code.clone()),
                    default_progress: Set(*progress),
                    position: Set(position as i32),
                    ..Default::default()
                }
                .insert(self.connection())
                .await?;
            }
        }
        Ok(())
    }

    /// Each status's default progress, as the network set it.
    pub async fn status_defaults(&self) -> R<HashMap<String, Option<f64>>> {
        Ok(programme_status::Entity::find()
            .all(self.connection())
            .await?
            .into_iter()
            .map(|s| (s.code, s.default_progress))
            .collect())
    }

    /// The outputs of several programmes.
    pub async fn outputs_of(&self, programme_ids: &[i32]) -> R<Vec<output::Model>> {
        Ok(output::Entity::find()
            .filter(output::Column::ProgrammeId.is_in(programme_ids.to_vec()))
            .order_by_asc(output::Column::Id)
            .all(self.connection())
            .await?)
    }
}
