//! Loading frameworks and the demo network from their TOML documents. Every document is
//! parsed and validated before anything is written, and each import is one transaction.

use forja_core::docs::{CityDoc, FrameworkDoc, NetworkDoc};
use forja_store::import::{DemoImport, FrameworkImport};

use crate::{Result, ServiceError, Store, builtin};

pub(crate) fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| ServiceError::InvalidData {
        file: file.to_owned(),
        problems: vec![e.to_string()],
    })
}

pub(crate) fn invalid(file: &str) -> impl FnOnce(Vec<String>) -> ServiceError + '_ {
    move |problems| ServiceError::InvalidData {
        file: file.to_owned(),
        problems,
    }
}

/// Loads every built-in framework; returns how many were new or updated.
pub async fn load_builtin_frameworks(store: &Store) -> Result<usize> {
    let mut loaded = 0;
    for (file, text) in builtin::FRAMEWORKS {
        let doc: FrameworkDoc = parse(file, text)?;
        doc.validate().map_err(invalid(file))?;
        if let FrameworkImport::Loaded { nodes } = store.import_framework(&doc).await? {
            tracing::info!(framework = %doc.framework.code, version = %doc.framework.version, nodes, "framework loaded");
            loaded += 1;
        }
    }
    // Indicators link to framework nodes: the catalogue comes after the frameworks.
    crate::monitoring::load::load_catalogue(store).await?;
    load_programme_statuses(store).await?;
    Ok(loaded)
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusesDoc {
    statuses: Vec<StatusDoc>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusDoc {
    code: String,
    default_progress: Option<f64>,
}

/// Adds the programme statuses not stored yet, with the progress each implies.
async fn load_programme_statuses(store: &Store) -> Result<()> {
    let (file, text) = builtin::PROGRAMME_STATUSES;
    let doc: StatusesDoc = parse(file, text)?;
    let mut problems = Vec::new();
    for s in &doc.statuses {
        if s.code
            .parse::<forja_core::progress::ProgrammeStatus>()
            .is_err()
        {
            problems.push(format!("{}: not a programme status", s.code));
        }
        if s.default_progress
            .is_some_and(|p| forja_core::progress::Percent::new(p).is_err())
        {
            problems.push(format!("{}: default_progress is 0 to 100", s.code));
        }
    }
    if !problems.is_empty() {
        return Err(invalid(file)(problems));
    }
    let statuses: Vec<(String, Option<f64>)> = doc
        .statuses
        .into_iter()
        .map(|s| (s.code, s.default_progress))
        .collect();
    store.load_programme_statuses(&statuses).await?;
    Ok(())
}

/// Loads the demo network into an empty database; leaves any other database alone.
pub async fn load_demo(store: &Store) -> Result<DemoImport> {
    let (file, text) = builtin::DEMO_NETWORK;
    let network: NetworkDoc = parse(file, text)?;
    let mut cities = Vec::new();
    for slug in &network.network.cities {
        let (file, text) = builtin::DEMO_CITIES
            .iter()
            .find(|(f, _)| f.ends_with(&format!("/{slug}.toml")))
            .ok_or_else(|| {
                invalid("data/demo/network.toml")(vec![format!("no city file for {slug:?}")])
            })?;
        let doc: CityDoc = parse(file, text)?;
        doc.validate().map_err(invalid(file))?;
        cities.push(doc);
    }
    let roster = crate::roster::read(&mut cities)?;
    for m in &roster.repeated {
        tracing::info!(city = %m.city, country = %m.country, year = m.joined_year, line = m.line,
            "roster: listed again, loaded once with its first year");
    }
    for (m, candidates) in &roster.unplaced {
        tracing::warn!(city = %m.city, country = %m.country, line = m.line, candidates,
            "roster: no single GeoNames place of this name; kept as a member off the map");
    }
    cities.extend(roster.cities);
    let imported = store
        .import_network(&network, &cities, &roster.unplaced)
        .await?;
    if matches!(imported, DemoImport::Loaded { .. }) {
        load_demo_stories(store).await?;
        crate::monitoring::load::load_demo(store).await?;
        load_demo_practices(store).await?;
        load_demo_resources(store).await?;
        load_demo_requests(store).await?;
    }
    Ok(imported)
}

/// A demo story file: its address and its document.
#[derive(serde::Deserialize)]
struct StoryDoc {
    slug: String,
    story: forja_core::story::StoryFields,
}

/// Adds the demo stories, published, to a freshly loaded demo network.
async fn load_demo_stories(store: &Store) -> Result<()> {
    for (city, file, text) in builtin::DEMO_STORIES {
        let doc: StoryDoc = parse(file, text)?;
        let city = crate::city(store, city).await?;
        let now = crate::auth::now();
        if let Some(id) = store
            .create_story(city.id, &doc.slug, &doc.story, None, now)
            .await?
        {
            store.publish_story(id, 1, now).await?;
        }
    }
    Ok(())
}

/// The demo library file: its resources, each with its address.
#[derive(serde::Deserialize)]
struct ResourcesDoc {
    resource: Vec<ResourceDoc>,
}

#[derive(serde::Deserialize)]
struct ResourceDoc {
    slug: String,
    fields: forja_core::edit::ResourceFields,
}

/// Adds the demo library, its codes checked as the form checks them.
async fn load_demo_resources(store: &Store) -> Result<()> {
    let (file, text) = builtin::DEMO_RESOURCES;
    let doc: ResourcesDoc = parse(file, text)?;
    let entries: Vec<(String, forja_core::edit::ResourceFields)> = doc
        .resource
        .into_iter()
        .map(|r| (r.slug, r.fields))
        .collect();
    crate::resources::load_demo(store, &entries).await
}

/// The demo requests file.
#[derive(serde::Deserialize)]
struct RequestsDoc {
    request: Vec<RequestDoc>,
}

#[derive(serde::Deserialize)]
struct RequestDoc {
    slug: String,
    city: String,
    deadline_in_days: u64,
    fields: forja_core::edit::RequestFields,
}

/// Adds the demo requests, their deadlines counted from today, their codes checked
/// as the form checks them.
async fn load_demo_requests(store: &Store) -> Result<()> {
    let (file, text) = builtin::DEMO_REQUESTS;
    let doc: RequestsDoc = parse(file, text)?;
    let choices = crate::requests::request_choices(store).await?;
    for r in doc.request {
        let city = crate::city(store, &r.city).await?;
        let mut fields = r.fields;
        fields.deadline = chrono::Utc::now()
            .date_naive()
            .checked_add_days(chrono::Days::new(r.deadline_in_days));
        let sample = fields.sample;
        let checked = forja_core::edit::RequestFields::parse(
            &fields.to_input(),
            &choices,
            forja_core::edit::Writing::Machine,
        )
        .map_err(|p| {
            invalid(file)(
                p.iter()
                    .map(|p| format!("{}: {:?}", p.field, p.problem))
                    .collect(),
            )
        })?;
        let fields = forja_core::edit::RequestFields { sample, ..checked };
        store
            .create_request(city.id, &r.slug, &fields, None, crate::auth::now())
            .await?;
    }
    Ok(())
}

/// A demo practice file: its address, city, document and the cities that took it up.
#[derive(serde::Deserialize)]
struct PracticeDoc {
    slug: String,
    city: String,
    practice: forja_core::edit::PracticeFields,
    #[serde(default)]
    adoptions: Vec<AdoptionDoc>,
}

#[derive(serde::Deserialize)]
struct AdoptionDoc {
    city: String,
    year: i32,
    note: forja_core::LocalizedText,
    #[serde(default)]
    sample: bool,
}

/// Loads the demo practices as published, with their adoptions. Their codes are
/// checked as a city's own form would check them (a file naming another city's
/// programme or an unknown indicator fails the load, listing what is wrong).
async fn load_demo_practices(store: &Store) -> Result<()> {
    for (file, text) in builtin::DEMO_PRACTICES {
        let doc: PracticeDoc = parse(file, text)?;
        let city = crate::city(store, &doc.city).await?;
        crate::practices::check_practice(store, &city, &doc.practice)
            .await
            .map_err(|e| match e {
                ServiceError::Invalid(problems) => invalid(file)(
                    problems
                        .iter()
                        .map(|p| format!("{}: {:?}", p.field, p.problem))
                        .collect(),
                ),
                other => other,
            })?;
        let now = crate::auth::now();
        let Some(id) = store
            .create_practice(city.id, &doc.slug, &doc.practice, None, now)
            .await?
        else {
            continue;
        };
        store.publish_practice(id, 1, now).await?;
        for a in doc.adoptions {
            let adopter = crate::city(store, &a.city).await?;
            let adoption = forja_store::edit_practice::NewAdoption {
                practice_id: id,
                city_id: adopter.id,
                year: a.year,
                note: a.note,
                sample: a.sample,
            };
            store.add_adoption(&adoption, None, now).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in document parses and validates: a broken data file fails here, at
    /// build time, instead of at a user's first start.
    #[test]
    fn builtin_documents_are_valid() {
        for (file, text) in builtin::FRAMEWORKS {
            let doc: FrameworkDoc = parse(file, text).unwrap();
            doc.validate().unwrap_or_else(|p| panic!("{file}: {p:#?}"));
        }
        for (file, text) in builtin::DEMO_CITIES {
            let doc: CityDoc = parse(file, text).unwrap();
            doc.validate().unwrap_or_else(|p| panic!("{file}: {p:#?}"));
        }
        for (_, file, text) in builtin::DEMO_STORIES {
            let doc: StoryDoc = parse(file, text).unwrap();
            assert!(doc.story.page_count() > 10, "{file}");
            assert!(doc.story.theme.check().is_empty(), "{file}");
        }
    }

    #[test]
    fn kflc_has_three_sections_twelve_areas_forty_two_features() {
        let doc: FrameworkDoc = parse("kflc", builtin::FRAMEWORKS[0].1).unwrap();
        let count = |kind: &str| doc.nodes.iter().filter(|n| n.kind == kind).count();
        assert_eq!(
            (count("section"), count("area"), count("feature")),
            (3, 12, 42)
        );
        assert!(
            doc.framework.draft
                && doc
                    .nodes
                    .iter()
                    .filter(|n| n.kind == "feature")
                    .all(|n| n.draft)
        );
    }
}
