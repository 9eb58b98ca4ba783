//! A city's data history: every import (and its undoing) and every save of the table
//! or of an indicator's reporters, newest first, with who and when. Imports are one
//! change each, however many values they hold.

use forja_core::policy::{Action, Actor, allowed};
use forja_store::monitoring::Counts;
use serde::Serialize;
use serde_json::Value as Json;

use crate::{Result, ServiceError, Store};

/// What one change did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum DataChange {
    /// Values typed into an indicator's table: how many cells.
    Typed { indicator: String, cells: usize },
    /// The organisations reporting an indicator were chosen.
    Reporters { indicator: String },
    /// A file imported (or its import undone).
    Import {
        id: i32,
        file_name: String,
        counts: Counts,
        undone: bool,
    },
}

/// A change with who made it and when.
#[derive(Debug, Clone, Serialize)]
pub struct DataRevision {
    pub at: i64,
    pub by: Option<String>,
    pub change: DataChange,
}

/// The latest changes to the city's data, for those who may see its history.
pub async fn history(store: &Store, actor: &Actor, city_slug: &str) -> Result<Vec<DataRevision>> {
    let city = crate::city(store, city_slug).await?;
    if !allowed(
        actor,
        &Action::ViewHistory {
            city: crate::city_id(&city),
        },
    ) {
        return Err(ServiceError::Forbidden);
    }
    let rows = store
        .revisions_of_kinds(city.id, &["series", "import"], 500)
        .await?;
    let codes: std::collections::HashMap<i32, String> = store
        .indicators(Some(city.id))
        .await?
        .into_iter()
        .map(|i| (i.row.id, i.row.code))
        .collect();
    let names = store
        .user_names(rows.iter().filter_map(|r| r.user_id))
        .await?;
    let code = |snap: &Json| {
        snap.get("indicator_id")
            .and_then(Json::as_i64)
            .and_then(|id| codes.get(&(id as i32)))
            .cloned()
            .unwrap_or_default()
    };
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let change = match (r.entity.as_str(), r.op.as_str()) {
                ("series", "entry") => DataChange::Typed {
                    indicator: code(&r.snapshot),
                    cells: r
                        .snapshot
                        .get("cells")
                        .and_then(Json::as_array)
                        .map_or(0, Vec::len),
                },
                ("series", "reporters") => DataChange::Reporters {
                    indicator: code(&r.snapshot),
                },
                ("import", op) => DataChange::Import {
                    id: r.entity_id,
                    file_name: r
                        .snapshot
                        .get("file_name")
                        .and_then(Json::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    counts: serde_json::from_value(
                        r.snapshot.get("counts").cloned().unwrap_or_default(),
                    )
                    .unwrap_or_default(),
                    undone: op == "undo",
                },
                _ => return None,
            };
            Some(DataRevision {
                at: r.at,
                by: r.user_id.and_then(|id| names.get(&id).cloned()),
                change,
            })
        })
        .collect())
}
