//! Values typed into a city's table for one indicator: each changed cell is set or
//! cleared in one transaction with the series' version bumped and one revision that
//! records every cell before and after. A typed value is nobody's import any more, so
//! an earlier import that wrote it can no longer be undone over it.

use forja_core::monitoring::indicator::Dims;
use forja_core::monitoring::period::Period;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;

use super::{breakdown_id, period_cols, series_of};
use crate::entity::{observation, revision, series};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// One cell of the table: a value to store, or none to clear it, and the value the
/// person saw when they typed (checked again inside the save's transaction).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub period: Period,
    pub dims: Dims,
    pub value: Option<f64>,
    pub was: Option<f64>,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq)]
pub enum Entered {
    /// Stored as this version of the series.
    Saved(i32),
    /// Nothing stored: these cells (by position) hold another value now.
    Changed(Vec<(usize, Option<f64>)>),
}

impl Store {
    /// Stores `cells` in the city's series of the indicator; returns the new version.
    pub async fn enter_values(
        &self,
        indicator_id: i32,
        city_id: i32,
        cells: &[Cell],
        user_id: Option<i32>,
        at: i64,
    ) -> R<Entered> {
        let tx = self.connection().begin().await?;
        let s = series_of(&tx, indicator_id, city_id, at).await?;
        let mut changes = Vec::new();
        let mut changed = Vec::new();
        for (index, cell) in cells.iter().enumerate() {
            let (period, months) = period_cols(cell.period);
            let dims = cell.dims.key();
            let breakdown = breakdown_id(&tx, &dims).await?;
            let key = (s.id, period, months, breakdown);
            let stored = observation::Entity::find_by_id(key).one(&tx).await?;
            let before = stored.as_ref().map(|o| o.value);
            if before == cell.value {
                continue;
            }
            // Someone else saved this cell since the person loaded it.
            if before != cell.was {
                changed.push((index, before));
                continue;
            }
            match (stored, cell.value) {
                (Some(_), Some(v)) => {
                    observation::Entity::update_many()
                        .col_expr(observation::Column::Value, Expr::value(v))
                        // A typed figure is the person's own: a file's status, note
                        // and source described the value it replaces.
                        .col_expr(observation::Column::Status, Expr::value("normal"))
                        .col_expr(
                            observation::Column::Note,
                            Expr::value(Option::<String>::None),
                        )
                        .col_expr(
                            observation::Column::Source,
                            Expr::value(Option::<String>::None),
                        )
                        .col_expr(
                            observation::Column::ImportId,
                            Expr::value(Option::<i32>::None),
                        )
                        // A person's figure is not a sample (one vouched for it).
                        .col_expr(observation::Column::Sample, Expr::value(false))
                        .filter(observation::Column::SeriesId.eq(key.0))
                        .filter(observation::Column::Period.eq(key.1))
                        .filter(observation::Column::Months.eq(key.2))
                        .filter(observation::Column::BreakdownId.eq(key.3))
                        .exec(&tx)
                        .await?;
                }
                (Some(_), None) => {
                    observation::Entity::delete_by_id(key).exec(&tx).await?;
                }
                (None, Some(v)) => {
                    observation::ActiveModel {
                        series_id: Set(s.id),
                        period: Set(period),
                        months: Set(months),
                        breakdown_id: Set(breakdown),
                        value: Set(v),
                        status: Set("normal".into()),
                        note: Set(None),
                        source: Set(None),
                        sample: Set(false),
                        import_id: Set(None),
                        created_import_id: Set(None),
                    }
                    .insert(&tx)
                    .await?;
                }
                (None, None) => {}
            }
            changes.push(json!({
                "period": cell.period.to_string(),
                "breakdown": dims,
                "before": before,
                "after": cell.value,
            }));
        }
        if !changed.is_empty() {
            tx.rollback().await?;
            return Ok(Entered::Changed(changed));
        }
        if changes.is_empty() {
            tx.rollback().await?;
            return Ok(Entered::Saved(s.version));
        }
        let version = s.version + 1;
        series::Entity::update_many()
            .col_expr(
                series::Column::Version,
                Expr::col(series::Column::Version).add(1),
            )
            .col_expr(series::Column::UpdatedAt, Expr::value(at))
            .filter(series::Column::Id.eq(s.id))
            .exec(&tx)
            .await?;
        revision::ActiveModel {
            entity: Set("series".into()),
            entity_id: Set(s.id),
            city_id: Set(Some(city_id)),
            version: Set(version),
            op: Set("entry".into()),
            user_id: Set(user_id),
            at: Set(at),
            snapshot: Set(json!({ "indicator_id": indicator_id, "cells": changes })),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(Entered::Saved(version))
    }
}
