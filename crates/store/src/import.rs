//! Writes validated data documents (frameworks, the demo network) into the database.
//! Each import is one transaction: a broken reference anywhere rolls back everything,
//! so a half-loaded network can never be served.

use std::collections::HashMap;

use forja_core::LocalizedText;
use forja_core::docs::{CityDoc, FrameworkDoc, NetworkDoc};
use forja_core::roster::Member;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::Value as Json;

use crate::edit_framework::{FrameworkNode, node_fields};
use crate::entity::*;
use crate::{Store, StoreError};

/// What a framework import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameworkImport {
    /// The stored version equals the file's; nothing was written.
    Unchanged,
    /// New or newer: rows were inserted or updated.
    Loaded { nodes: usize },
}

/// What a demo import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoImport {
    /// The database already holds a network; it was left untouched.
    SkippedNotEmpty,
    Loaded {
        cities: usize,
        /// Members kept without a place (no single GeoNames match).
        unplaced: usize,
        programmes: usize,
    },
}

pub(crate) fn json(text: &LocalizedText) -> Json {
    serde_json::to_value(text).unwrap_or(Json::Null)
}

fn opt_json(text: &Option<LocalizedText>) -> Option<Json> {
    text.as_ref().map(json)
}

impl Store {
    /// Inserts or updates a framework by code. Nodes are matched by code and never
    /// deleted, because objectives and programmes may point at them.
    pub async fn import_framework(
        &self,
        doc: &FrameworkDoc,
    ) -> Result<FrameworkImport, StoreError> {
        let head = &doc.framework;
        let tx = self.connection().begin().await?;
        let existing = framework::Entity::find()
            .filter(framework::Column::Code.eq(&head.code))
            .one(&tx)
            .await?;
        if existing.as_ref().is_some_and(|f| f.version == head.version) {
            return Ok(FrameworkImport::Unchanged);
        }
        let mut row = framework::ActiveModel {
            code: Set(head.code.clone()),
            kind: Set(head.kind.clone()),
            version: Set(head.version.clone()),
            draft: Set(head.draft),
            position: Set(head.position),
            title: Set(json(&head.title)),
            summary: Set(json(&head.summary)),
            source: Set(json(&head.source)),
            draft_note: Set(opt_json(&head.draft_note)),
            ..Default::default()
        };
        let framework_id = match existing {
            Some(f) => {
                row.id = Set(f.id);
                row.update(&tx).await?.id
            }
            None => row.insert(&tx).await?.id,
        };
        let mut ids: HashMap<String, i32> = framework_node::Entity::find()
            .filter(framework_node::Column::FrameworkId.eq(framework_id))
            .all(&tx)
            .await?
            .into_iter()
            .map(|n| (n.code, n.id))
            .collect();
        for (position, node) in doc.nodes.iter().enumerate() {
            let parent_id = node.parent.as_ref().and_then(|p| ids.get(p).copied());
            let mut row = framework_node::ActiveModel {
                framework_id: Set(framework_id),
                code: Set(node.code.clone()),
                parent_id: Set(parent_id),
                kind: Set(node.kind.clone()),
                draft: Set(node.draft),
                position: Set(position as i32),
                title: Set(json(&node.title)),
                summary: Set(opt_json(&node.summary)),
                ..Default::default()
            };
            let id = match ids.get(&node.code) {
                Some(&id) => {
                    row.id = Set(id);
                    let updated = row.update(&tx).await?;
                    // An administrator may have edited this node: keep the new text in
                    // its history too.
                    crate::versioned::record_outside_change::<FrameworkNode>(
                        &tx,
                        id,
                        0,
                        &node_fields(&updated),
                        chrono::Utc::now().timestamp(),
                    )
                    .await?;
                    id
                }
                None => row.insert(&tx).await?.id,
            };
            ids.insert(node.code.clone(), id);
        }
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(FrameworkImport::Loaded {
            nodes: doc.nodes.len(),
        })
    }

    /// True when no network exists yet (`--demo` loads only then).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(network::Entity::find().count(self.connection()).await? == 0)
    }

    /// Loads a network with its cities into an empty database, all or nothing.
    pub async fn import_network(
        &self,
        net: &NetworkDoc,
        cities: &[CityDoc],
        unplaced: &[(Member, usize)],
    ) -> Result<DemoImport, StoreError> {
        let tx = self.connection().begin().await?;
        if network::Entity::find().count(&tx).await? > 0 {
            return Ok(DemoImport::SkippedNotEmpty);
        }
        let nodes = NodeIndex::load(&tx).await?;
        let network_id = network::ActiveModel {
            slug: Set(net.network.slug.clone()),
            name: Set(json(&net.network.name)),
            summary: Set(json(&net.network.summary)),
            announced_cities: Set(net.network.announced.as_ref().map(|a| a.cities)),
            announced_countries: Set(net.network.announced.as_ref().map(|a| a.countries)),
            announced_as_of: Set(net.network.announced.as_ref().map(|a| a.as_of.clone())),
            ..Default::default()
        }
        .insert(&tx)
        .await?
        .id;
        let mut broken = Vec::new();
        let mut programmes = 0;
        for doc in cities {
            programmes += insert_city(&tx, network_id, doc, &nodes, &mut broken).await?;
        }
        for (m, candidates) in unplaced {
            unplaced_member::ActiveModel {
                network_id: Set(network_id),
                name: Set(m.city.clone()),
                country: Set(m.country.clone()),
                region: Set(m.region.code().to_owned()),
                joined_year: Set(m.joined_year),
                source: Set(m.source.clone()),
                candidates: Set(*candidates as i32),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
        }
        if !broken.is_empty() {
            tx.rollback().await?;
            return Err(StoreError::BrokenReferences(broken));
        }
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(DemoImport::Loaded {
            cities: cities.len(),
            unplaced: unplaced.len(),
            programmes,
        })
    }
}

/// Every framework node id by (framework code, node code).
struct NodeIndex(HashMap<(String, String), i32>);

impl NodeIndex {
    async fn load(conn: &impl ConnectionTrait) -> Result<Self, StoreError> {
        let frameworks: HashMap<i32, String> = framework::Entity::find()
            .all(conn)
            .await?
            .into_iter()
            .map(|f| (f.id, f.code))
            .collect();
        let mut map = HashMap::new();
        for n in framework_node::Entity::find().all(conn).await? {
            if let Some(code) = frameworks.get(&n.framework_id) {
                map.insert((code.clone(), n.code), n.id);
            }
        }
        Ok(Self(map))
    }

    fn get(&self, framework: &str, code: &str, at: &str, broken: &mut Vec<String>) -> Option<i32> {
        let id = self
            .0
            .get(&(framework.to_owned(), code.to_owned()))
            .copied();
        if id.is_none() {
            broken.push(format!("{at}: no {framework} node with code {code:?}"));
        }
        id
    }
}

async fn insert_city(
    tx: &DatabaseTransaction,
    network_id: i32,
    doc: &CityDoc,
    nodes: &NodeIndex,
    broken: &mut Vec<String>,
) -> Result<usize, StoreError> {
    let c = &doc.city;
    let at = format!("city {}", c.slug);
    let city_id = city::ActiveModel {
        network_id: Set(network_id),
        slug: Set(c.slug.clone()),
        name: Set(json(&c.name)),
        country: Set(c.country.to_ascii_uppercase()),
        latitude: Set(c.latitude),
        longitude: Set(c.longitude),
        population: Set(c.population),
        population_year: Set(c.population_year),
        population_source: Set(c.population_source.clone()),
        geonames_id: Set(c.geonames_id),
        area_km2: Set(c.area_km2),
        languages: Set(serde_json::to_value(&c.languages).unwrap_or(Json::Null)),
        default_locale: Set(c.default_locale.clone()),
        joined_year: Set(c.joined_year),
        joined_on: Set(c.joined_on),
        clusters_sample: Set(c.clusters_sample),
        website: Set(c.website.clone()),
        history: Set(opt_json(&c.history)),
        context: Set(opt_json(&c.context)),
        region: Set(c.region.clone()),
        membership_source: Set(c.membership_source.clone()),
        ..Default::default()
    }
    .insert(tx)
    .await?
    .id;
    for code in &c.clusters {
        if let Some(node_id) = nodes.get("clusters", code, &at, broken) {
            city_cluster::ActiveModel {
                city_id: Set(city_id),
                node_id: Set(node_id),
            }
            .insert(tx)
            .await?;
        }
    }
    for (position, ch) in doc.challenges.iter().enumerate() {
        city_challenge::ActiveModel {
            city_id: Set(city_id),
            position: Set(position as i32),
            topic: Set(json(&ch.topic)),
            rating: Set(ch.rating as i16),
            sample: Set(ch.sample),
            theme_node_id: Set(ch
                .theme
                .as_deref()
                .and_then(|code| nodes.get("challenges", code, &at, broken))),
            ..Default::default()
        }
        .insert(tx)
        .await?;
    }

    let mut objective_ids = HashMap::new();
    if let Some(s) = &doc.strategy {
        let strategy_id = strategy::ActiveModel {
            city_id: Set(city_id),
            title: Set(json(&s.title)),
            period_start: Set(s.period_start),
            period_end: Set(s.period_end),
            period_sample: Set(s.period_sample),
            status: Set(s.status.clone()),
            vision: Set(json(&s.vision)),
            ..Default::default()
        }
        .insert(tx)
        .await?
        .id;
        for (position, o) in s.objectives.iter().enumerate() {
            let at = format!("{at} objective {}", o.code);
            let objective_id = objective::ActiveModel {
                strategy_id: Set(strategy_id),
                code: Set(o.code.clone()),
                position: Set(position as i32),
                title: Set(json(&o.title)),
                description: Set(opt_json(&o.description)),
                ..Default::default()
            }
            .insert(tx)
            .await?
            .id;
            objective_ids.insert(o.code.clone(), objective_id);
            let links = o
                .kflc
                .iter()
                .map(|c| ("kflc", c))
                .chain(o.guidelines.iter().map(|c| ("guidelines", c)))
                .chain(o.sdg.iter().map(|c| ("sdg", c)));
            let mut seen = std::collections::HashSet::new();
            for (framework, code) in links {
                if let Some(node_id) = nodes.get(framework, code, &at, broken)
                    && seen.insert(node_id)
                {
                    objective_node::ActiveModel {
                        objective_id: Set(objective_id),
                        node_id: Set(node_id),
                    }
                    .insert(tx)
                    .await?;
                }
            }
            for t in &o.local_targets {
                if let Some(sdg_node_id) = nodes.get("sdg", &t.sdg_target, &at, broken) {
                    local_target::ActiveModel {
                        objective_id: Set(objective_id),
                        code: Set(t.code.clone()),
                        sdg_node_id: Set(sdg_node_id),
                        title: Set(json(&t.title)),
                        ..Default::default()
                    }
                    .insert(tx)
                    .await?;
                }
            }
        }
    }

    let mut organisation_ids = HashMap::new();
    for o in &doc.organisations {
        let id = organisation::ActiveModel {
            city_id: Set(Some(city_id)),
            slug: Set(o.slug.clone()),
            name: Set(json(&o.name.to_text(&c.default_locale))),
            kind: Set(o.kind.clone()),
            website: Set(o.website.clone()),
            collective: Set(o.collective),
            ..Default::default()
        }
        .insert(tx)
        .await?
        .id;
        organisation_ids.insert(o.slug.clone(), id);
    }

    let mut programme_ids: HashMap<String, i32> = HashMap::new();
    for (position, p) in doc.programmes.iter().enumerate() {
        let at = format!("{at} programme {}", p.slug);
        let programme_id = programme::ActiveModel {
            city_id: Set(city_id),
            slug: Set(p.slug.clone()),
            parent_id: Set(p
                .parent
                .as_ref()
                .and_then(|s| programme_ids.get(s).copied())),
            weight: Set(p.weight.unwrap_or(1.0)),
            status: Set(p.status.clone()),
            start_on: Set(p.start),
            end_on: Set(p.end),
            dates_sample: Set(p.dates_sample),
            progress: Set(p.progress),
            progress_sample: Set(p.progress_sample),
            position: Set(position as i32),
            title: Set(json(&p.title)),
            summary: Set(json(&p.summary)),
            description: Set(json(&p.description)),
            place_name: Set(p.place.as_ref().map(|pl| json(&pl.name))),
            latitude: Set(p.place.as_ref().map(|pl| pl.latitude)),
            longitude: Set(p.place.as_ref().map(|pl| pl.longitude)),
            place_sample: Set(p.place.as_ref().is_some_and(|pl| pl.sample)),
            sample: Set(p.sample),
            ..Default::default()
        }
        .insert(tx)
        .await?
        .id;
        programme_ids.insert(p.slug.clone(), programme_id);
        for code in &p.objectives {
            match objective_ids.get(code) {
                Some(&objective_id) => {
                    programme_objective::ActiveModel {
                        programme_id: Set(programme_id),
                        objective_id: Set(objective_id),
                    }
                    .insert(tx)
                    .await?;
                }
                None => broken.push(format!("{at}: no objective {code:?}")),
            }
        }
        for code in &p.target_groups {
            if let Some(node_id) = nodes.get("target-groups", code, &at, broken) {
                programme_target_group::ActiveModel {
                    programme_id: Set(programme_id),
                    node_id: Set(node_id),
                }
                .insert(tx)
                .await?;
            }
        }
        for partner in &p.partners {
            match organisation_ids.get(&partner.organisation) {
                Some(&organisation_id) => {
                    programme_partner::ActiveModel {
                        programme_id: Set(programme_id),
                        organisation_id: Set(organisation_id),
                        role: Set(partner.role.clone()),
                        contribution: Set(opt_json(&partner.contribution)),
                        ..Default::default()
                    }
                    .insert(tx)
                    .await?;
                }
                None => broken.push(format!("{at}: no organisation {:?}", partner.organisation)),
            }
        }
        for f in &p.funding {
            funding::ActiveModel {
                programme_id: Set(programme_id),
                source: Set(json(&f.source)),
                organisation_id: Set(f
                    .organisation
                    .as_ref()
                    .and_then(|o| organisation_ids.get(o).copied())),
                amount_minor: Set(f.amount.map(|a| (a * 100.0).round() as i64)),
                currency: Set(f.currency.to_ascii_uppercase()),
                sample: Set(f.sample),
                ..Default::default()
            }
            .insert(tx)
            .await?;
        }
        for (position, m) in p.milestones.iter().enumerate() {
            milestone::ActiveModel {
                programme_id: Set(programme_id),
                position: Set(position as i32),
                title: Set(json(&m.title)),
                due_on: Set(m.due),
                done: Set(m.done),
                sample: Set(m.sample),
                ..Default::default()
            }
            .insert(tx)
            .await?;
        }
        for o in &p.outputs {
            output::ActiveModel {
                programme_id: Set(programme_id),
                code: Set(o.code.clone()),
                label: Set(json(&o.label)),
                unit: Set(opt_json(&o.unit)),
                period: Set(o.period.clone()),
                expected: Set(o.expected),
                reported: Set(o.reported),
                sample: Set(o.sample),
                source: Set(opt_json(&o.source)),
                ..Default::default()
            }
            .insert(tx)
            .await?;
        }
    }
    Ok(doc.programmes.len())
}
