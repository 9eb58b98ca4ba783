//! Monitoring data: the indicator catalogue and its dimensions (`catalogue.rs`), data
//! files brought in as one transaction each (`imports.rs`, on the driver's own
//! transaction and bulk paths in `bulk.rs`) and undone as a whole (`undo.rs`), values
//! typed into a table (`entry.rs`), objectives, programme outputs and targets tied to
//! indicators (`links.rs`), the organisations that report a series (`reporters.rs`),
//! and the reads pages and the API are built from (`read.rs`).
//! Observations are keyed by period as a month number and breakdown as an id (see
//! migration m0007); the helpers below convert.

mod bulk;
mod catalogue;
mod entry;
mod imports;
mod links;
mod read;
mod reporters;
mod undo;

pub use catalogue::CatalogueLoad;
pub use entry::{Cell, Entered};
pub use imports::{Counts, ImportPlan, ImportRecord, Planned};
pub use links::NewTarget;
pub use read::{IndicatorRow, ObservationRow, Parts, SeriesData, TargetRow};
pub use undo::UndoOutcome;

/// A period as stored: its first month as a month number (`year × 12 + month − 1`, so
/// periods sort as numbers) and its length in months.
pub(crate) fn period_cols(p: forja_core::monitoring::period::Period) -> (i32, i32) {
    use chrono::Datelike;
    (
        p.start.year() * 12 + p.start.month0() as i32,
        i32::from(p.months),
    )
}

/// A stored period read back.
pub(crate) fn period_of(month: i32, months: i32) -> Option<forja_core::monitoring::period::Period> {
    Some(forja_core::monitoring::period::Period {
        start: chrono::NaiveDate::from_ymd_opt(
            month.div_euclid(12),
            u32::try_from(month.rem_euclid(12)).ok()? + 1,
            1,
        )?,
        months: u8::try_from(months).ok()?,
    })
}

/// The id of a breakdown's canonical text, added when new. Two writers adding the same
/// one at once both end with the one row (the second's insert does nothing).
pub(crate) async fn breakdown_id(
    db: &impl sea_orm::ConnectionTrait,
    key: &str,
) -> Result<i32, crate::StoreError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

    use crate::entity::breakdown;
    let find = || {
        breakdown::Entity::find()
            .filter(breakdown::Column::Key.eq(key))
            .one(db)
    };
    if let Some(b) = find().await? {
        return Ok(b.id);
    }
    breakdown::Entity::insert(breakdown::ActiveModel {
        key: Set(key.to_owned()),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([breakdown::Column::Key])
    .exec(db)
    .await?;
    find().await?.map(|b| b.id).ok_or_else(|| {
        crate::StoreError::Database(sea_orm::DbErr::RecordNotFound(format!("breakdown {key}")))
    })
}

/// A city's series of an indicator, created (at version 0) when it has none yet. Two
/// writers creating it at once both end with the one row.
pub(crate) async fn series_of(
    db: &impl sea_orm::ConnectionTrait,
    indicator_id: i32,
    city_id: i32,
    at: i64,
) -> Result<crate::entity::series::Model, crate::StoreError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

    use crate::entity::series;
    let find = || {
        series::Entity::find()
            .filter(series::Column::IndicatorId.eq(indicator_id))
            .filter(series::Column::CityId.eq(city_id))
            .one(db)
    };
    if let Some(s) = find().await? {
        return Ok(s);
    }
    series::Entity::insert(series::ActiveModel {
        indicator_id: Set(indicator_id),
        city_id: Set(city_id),
        version: Set(0),
        updated_at: Set(at),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([series::Column::IndicatorId, series::Column::CityId])
    .exec(db)
    .await?;
    find().await?.ok_or_else(|| {
        crate::StoreError::Database(sea_orm::DbErr::RecordNotFound(format!(
            "series of indicator {indicator_id} in city {city_id}"
        )))
    })
}

/// The canonical texts of breakdown ids.
pub(crate) async fn breakdown_keys(
    db: &impl sea_orm::ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, String>, crate::StoreError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    use crate::entity::breakdown;
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        for b in breakdown::Entity::find()
            .filter(breakdown::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.insert(b.id, b.key);
        }
    }
    Ok(out)
}
