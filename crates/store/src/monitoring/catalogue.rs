//! The network's indicator catalogue and its dimensions, from `data/indicators/`. Loaded
//! on every start, adding what is new: an indicator or code already stored is left as
//! network administrators may have changed it, and nothing is ever removed here (data
//! may point at it).

use std::collections::HashMap;

use forja_core::monitoring::indicator::Unit;
use forja_core::monitoring::indicator::{CatalogueDoc, DimensionsDoc, IndicatorDoc};
use forja_core::monitoring::rows::{DimensionTerms, IndicatorTerms, Vocabulary};
use sea_orm::sea_query::ExprTrait as _;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use crate::entity::{
    dimension, dimension_code, framework, framework_node, indicator, indicator_dimension,
    indicator_node,
};
use crate::import::json;
use crate::{Store, StoreError};

/// What loading the catalogue did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CatalogueLoad {
    pub dimensions: usize,
    pub codes: usize,
    pub indicators: usize,
}

type R<T> = Result<T, StoreError>;

/// `framework:code` → node id.
async fn node_id(tx: &impl ConnectionTrait, link: &str) -> R<Option<i32>> {
    let Some((fw, code)) = link.split_once(':') else {
        return Ok(None);
    };
    let Some(f) = framework::Entity::find()
        .filter(framework::Column::Code.eq(fw))
        .one(tx)
        .await?
    else {
        return Ok(None);
    };
    Ok(framework_node::Entity::find()
        .filter(framework_node::Column::FrameworkId.eq(f.id))
        .filter(framework_node::Column::Code.eq(code))
        .one(tx)
        .await?
        .map(|n| n.id))
}

/// Adds one indicator (the network's when `city_id` is none) with its dimensions and
/// framework links, inside `tx`; a link or dimension that does not exist is named.
pub(crate) async fn insert_indicator(
    tx: &DatabaseTransaction,
    doc: &IndicatorDoc,
    city_id: Option<i32>,
    ids: &HashMap<String, i32>,
) -> R<i32> {
    let mut broken = Vec::new();
    let disclosure = doc.disclosure();
    let id = indicator::ActiveModel {
        code: Set(doc.code.clone()),
        city_id: Set(city_id),
        name: Set(json(&doc.name)),
        definition: Set(json(&doc.definition)),
        period_note: Set(json(&doc.period_note)),
        source: Set(json(&doc.source)),
        methodology: Set(json(&doc.methodology)),
        unit: Set(doc.unit.code().to_owned()),
        currency: Set(doc.currency.clone()),
        decimals: Set(i32::from(doc.decimals)),
        direction: Set(doc.better.code().to_owned()),
        periodicity: Set(doc.periodicity.code().to_owned()),
        numerator_id: Set(doc.numerator.as_ref().and_then(|c| ids.get(c).copied())),
        denominator_id: Set(doc.denominator.as_ref().and_then(|c| ids.get(c).copied())),
        factor: Set(doc.factor),
        disclosure_threshold: Set(disclosure.map(|d| d.0 as i32)),
        disclosure_round: Set(disclosure.and_then(|d| d.1).map(|r| r as i32)),
        version: Set(1),
        deleted_at: Set(None),
        ..Default::default()
    }
    .insert(tx)
    .await?
    .id;
    for (position, code) in doc.dimensions.iter().enumerate() {
        match dimension::Entity::find()
            .filter(dimension::Column::Code.eq(code))
            .one(tx)
            .await?
        {
            Some(d) => {
                indicator_dimension::ActiveModel {
                    indicator_id: Set(id),
                    dimension_id: Set(d.id),
                    position: Set(position as i32),
                    ..Default::default()
                }
                .insert(tx)
                .await?;
            }
            None => broken.push(format!("indicator {}: dimension {code}", doc.code)),
        }
    }
    for link in &doc.links {
        match node_id(tx, link).await? {
            Some(node) => {
                indicator_node::ActiveModel {
                    indicator_id: Set(id),
                    node_id: Set(node),
                    ..Default::default()
                }
                .insert(tx)
                .await?;
            }
            None => broken.push(format!("indicator {}: link {link}", doc.code)),
        }
    }
    if broken.is_empty() {
        Ok(id)
    } else {
        Err(StoreError::BrokenReferences(broken))
    }
}

impl Store {
    /// Adds the dimensions, codes and indicators of the catalogue that are not stored
    /// yet, in one transaction.
    pub async fn load_indicator_catalogue(
        &self,
        dimensions: &DimensionsDoc,
        catalogue: &CatalogueDoc,
    ) -> R<CatalogueLoad> {
        let tx = self.connection().begin().await?;
        let mut done = CatalogueLoad::default();
        for (position, d) in dimensions.dimensions.iter().enumerate() {
            let id = match dimension::Entity::find()
                .filter(dimension::Column::Code.eq(&d.code))
                .one(&tx)
                .await?
            {
                Some(row) => row.id,
                None => {
                    done.dimensions += 1;
                    dimension::ActiveModel {
                        code: Set(d.code.clone()),
                        sdmx: Set(d.sdmx.clone()),
                        name: Set(json(&d.name)),
                        position: Set(position as i32),
                        ..Default::default()
                    }
                    .insert(&tx)
                    .await?
                    .id
                }
            };
            let mut codes: Vec<(String, serde_json::Value)> = d
                .codes
                .iter()
                .map(|c| (c.code.clone(), json(&c.name)))
                .collect();
            if let Some(taxonomy) = &d.taxonomy {
                let Some(f) = framework::Entity::find()
                    .filter(framework::Column::Code.eq(taxonomy))
                    .one(&tx)
                    .await?
                else {
                    return Err(StoreError::BrokenReferences(vec![format!(
                        "dimension {}: taxonomy {taxonomy}",
                        d.code
                    )]));
                };
                for node in framework_node::Entity::find()
                    .filter(framework_node::Column::FrameworkId.eq(f.id))
                    .order_by_asc(framework_node::Column::Position)
                    .all(&tx)
                    .await?
                {
                    codes.push((node.code, node.title));
                }
            }
            let stored: Vec<String> = dimension_code::Entity::find()
                .filter(dimension_code::Column::DimensionId.eq(id))
                .all(&tx)
                .await?
                .into_iter()
                .map(|c| c.code)
                .collect();
            for (position, (code, name)) in codes.into_iter().enumerate() {
                if stored.contains(&code) {
                    continue;
                }
                done.codes += 1;
                dimension_code::ActiveModel {
                    dimension_id: Set(id),
                    code: Set(code),
                    name: Set(name),
                    position: Set(position as i32),
                    ..Default::default()
                }
                .insert(&tx)
                .await?;
            }
        }
        let mut ids: HashMap<String, i32> = indicator::Entity::find()
            .all(&tx)
            .await?
            .into_iter()
            .map(|i| (i.code, i.id))
            .collect();
        // Parts of a computed indicator first, so it can point at them.
        let mut order: Vec<&IndicatorDoc> = catalogue.indicators.iter().collect();
        order.sort_by_key(|i| i.numerator.is_some());
        for doc in order {
            if ids.contains_key(&doc.code) {
                continue;
            }
            let id = insert_indicator(&tx, doc, None, &ids).await?;
            ids.insert(doc.code.clone(), id);
            done.indicators += 1;
        }
        if done != CatalogueLoad::default() {
            Store::bump_generation(&tx).await?;
        }
        tx.commit().await?;
        Ok(done)
    }

    /// Every word a data file may use for the indicators a city can report on (the
    /// network's and its own) and for the dimensions and their codes.
    pub async fn vocabulary(&self, city_id: i32) -> R<Vocabulary> {
        let db = self.connection();
        let dims = dimension::Entity::find()
            .order_by_asc(dimension::Column::Position)
            .all(db)
            .await?;
        let codes = dimension_code::Entity::find()
            .order_by_asc(dimension_code::Column::Position)
            .all(db)
            .await?;
        let names = |v: &serde_json::Value| -> Vec<String> {
            v.as_object()
                .map(|m| {
                    m.values()
                        .filter_map(|s| s.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let dimension_terms: Vec<DimensionTerms> = dims
            .iter()
            .map(|d| DimensionTerms {
                code: d.code.clone(),
                sdmx: d.sdmx.clone(),
                names: names(&d.name),
                codes: codes
                    .iter()
                    .filter(|c| c.dimension_id == d.id)
                    .map(|c| (c.code.clone(), names(&c.name)))
                    .collect(),
            })
            .collect();
        let links = indicator_dimension::Entity::find()
            .order_by_asc(indicator_dimension::Column::Position)
            .all(db)
            .await?;
        let rows = indicator::Entity::find()
            .filter(indicator::Column::DeletedAt.is_null())
            .filter(
                indicator::Column::CityId
                    .is_null()
                    .or(indicator::Column::CityId.eq(city_id)),
            )
            .all(db)
            .await?;
        let code_of = |id: Option<i32>| {
            rows.iter()
                .find(|r| Some(r.id) == id)
                .map(|r| r.code.clone())
        };
        let indicators = rows
            .iter()
            .map(|i| IndicatorTerms {
                id: i.id,
                unit: Unit::parse(&i.unit).unwrap_or(Unit::Index),
                dimensions: links
                    .iter()
                    .filter(|l| l.indicator_id == i.id)
                    .filter_map(|l| dims.iter().find(|d| d.id == l.dimension_id))
                    .map(|d| d.code.clone())
                    .collect(),
                code: i.code.clone(),
                parts: code_of(i.numerator_id).zip(code_of(i.denominator_id)),
                closed: false,
            })
            .collect();
        Ok(Vocabulary::new(indicators, dimension_terms))
    }
}
