//! Codes and ids: snapshots name framework nodes by code, rows store their ids.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::StoreError;
use crate::entity::{framework, framework_node};

/// The nodes of a framework, as (id, code), in order.
pub(crate) async fn node_codes(
    db: &impl ConnectionTrait,
    framework: &str,
) -> Result<Vec<(i32, String)>, StoreError> {
    let Some(fw) = framework::Entity::find()
        .filter(framework::Column::Code.eq(framework))
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    Ok(framework_node::Entity::find()
        .filter(framework_node::Column::FrameworkId.eq(fw.id))
        .order_by_asc(framework_node::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|n| (n.id, n.code))
        .collect())
}

pub(crate) fn code_of(pairs: &[(i32, String)], id: i32) -> Option<String> {
    pairs.iter().find(|(i, _)| *i == id).map(|(_, c)| c.clone())
}

pub(crate) fn id_of(pairs: &[(i32, String)], code: &str) -> Option<i32> {
    pairs.iter().find(|(_, c)| c == code).map(|(i, _)| *i)
}
