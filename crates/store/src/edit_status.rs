//! A programme status's default progress as a versioned kind (see
//! [`crate::versioned`]): the network's, so its revisions carry city 0.

use forja_core::edit::StatusFields;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::programme_status;
use crate::versioned::{Current, Versioned};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

pub struct ProgrammeStatusKind;

impl Versioned for ProgrammeStatusKind {
    const ENTITY: &'static str = "programme_status";
    const TABLE: &'static str = "programme_statuses";
    const DELETABLE: bool = false;
    type Fields = StatusFields;

    async fn read(store: &Store, id: i32) -> R<Option<Current<StatusFields>>> {
        Ok(programme_status::Entity::find_by_id(id)
            .one(store.connection())
            .await?
            .map(|s| Current {
                fields: StatusFields {
                    default_progress: s.default_progress,
                },
                version: s.version,
                city_id: 0,
                deleted: false,
            }))
    }

    async fn write(tx: &DatabaseTransaction, id: i32, _: i32, f: &StatusFields) -> R<()> {
        programme_status::Entity::update_many()
            .col_expr(
                programme_status::Column::DefaultProgress,
                Expr::value(f.default_progress),
            )
            .filter(programme_status::Column::Id.eq(id))
            .exec(tx)
            .await?;
        Ok(())
    }
}

impl Store {
    /// The programme statuses in their order.
    pub async fn programme_statuses(&self) -> R<Vec<programme_status::Model>> {
        Ok(programme_status::Entity::find()
            .order_by_asc(programme_status::Column::Position)
            .all(self.connection())
            .await?)
    }
}
