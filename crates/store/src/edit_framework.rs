//! Framework node texts as a versioned kind (see [`crate::versioned`]). Frameworks belong
//! to the whole network: their revisions carry city 0.

use forja_core::LocalizedText;
use forja_core::edit::FrameworkNodeFields;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::Value as Json;

use crate::entity::{framework, framework_node};
use crate::versioned::{Current, Versioned};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

pub const FRAMEWORK_NODE: &str = "framework_node";

pub struct FrameworkNode;

fn text(value: &Json) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// A node's texts as the fields and snapshots hold them.
pub(crate) fn node_fields(n: &framework_node::Model) -> FrameworkNodeFields {
    FrameworkNodeFields {
        title: text(&n.title),
        summary: n.summary.as_ref().map(text).unwrap_or_default(),
    }
}

impl Versioned for FrameworkNode {
    const ENTITY: &'static str = FRAMEWORK_NODE;
    const TABLE: &'static str = "framework_nodes";
    const DELETABLE: bool = false;
    type Fields = FrameworkNodeFields;

    async fn read(store: &Store, id: i32) -> R<Option<Current<FrameworkNodeFields>>> {
        Ok(framework_node::Entity::find_by_id(id)
            .one(store.connection())
            .await?
            .map(|n| Current {
                fields: node_fields(&n),
                version: n.version,
                city_id: 0,
                deleted: false,
            }))
    }

    async fn write(tx: &DatabaseTransaction, id: i32, _: i32, f: &FrameworkNodeFields) -> R<()> {
        let json = |t: &LocalizedText| serde_json::to_value(t).unwrap_or(Json::Null);
        framework_node::Entity::update_many()
            .col_expr(framework_node::Column::Title, Expr::value(json(&f.title)))
            .col_expr(
                framework_node::Column::Summary,
                Expr::value((!f.summary.is_empty()).then(|| json(&f.summary))),
            )
            .filter(framework_node::Column::Id.eq(id))
            .exec(tx)
            .await?;
        Ok(())
    }
}

impl Store {
    /// A node by framework code and node code.
    pub async fn framework_node_row(
        &self,
        framework: &str,
        code: &str,
    ) -> R<Option<framework_node::Model>> {
        let Some(fw) = framework::Entity::find()
            .filter(framework::Column::Code.eq(framework))
            .one(self.connection())
            .await?
        else {
            return Ok(None);
        };
        Ok(framework_node::Entity::find()
            .filter(framework_node::Column::FrameworkId.eq(fw.id))
            .filter(framework_node::Column::Code.eq(code))
            .one(self.connection())
            .await?)
    }
}
