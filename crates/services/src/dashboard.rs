//! Where a person lands after signing in: their city, what their role lets them do
//! there, and what waits for them (drafts to publish, for a coordinator).

use forja_core::LocalizedText;
use forja_core::ids::CityId;
use forja_core::policy::{Action, Actor, Role, allowed};

use crate::editing::{StoryListing, stories_for_editors};
use crate::{Result, Store};

/// What a person sees on their dashboard.
#[derive(Debug, Clone)]
pub struct Dashboard {
    pub role: Role,
    /// Their city's slug and name, if their role belongs to one.
    pub city: Option<(String, LocalizedText)>,
    /// Their organisation's name, for a partner editor.
    pub organisation: Option<LocalizedText>,
    /// What they may open, as codes the page turns into links: `profile`, `strategy`,
    /// `programmes`, `organisations`, `stories`, `media`, `people`, `new-city`,
    /// `frameworks`, `audit`.
    pub tasks: Vec<&'static str>,
    /// Stories with changes readers do not see yet: for whoever may publish them, to
    /// publish; for an editor, to finish.
    pub waiting: Vec<StoryListing>,
    /// Whether the person may publish what waits.
    pub may_publish: bool,
}

/// The dashboard of the person `actor` is.
pub async fn dashboard(store: &Store, actor: &Actor) -> Result<Dashboard> {
    let city = match actor.city {
        Some(CityId(id)) => store.cities_by_ids([id as i32]).await?.into_iter().next(),
        None => None,
    };
    let organisation = match actor.organisation {
        Some(id) => {
            use forja_store::versioned::Versioned;
            forja_store::edit_organisation::Organisation::read(store, id.0 as i32)
                .await?
                .map(|o| o.fields.name)
        }
        None => None,
    };
    let mut tasks = Vec::new();
    if allowed(actor, &Action::ManageNetwork) {
        tasks.extend(["new-city", "frameworks"]);
    }
    if allowed(actor, &Action::ViewAudit) {
        tasks.push("audit");
    }
    let mut waiting = Vec::new();
    let mut may_publish = false;
    if let Some(c) = &city {
        let id = CityId(i64::from(c.id));
        let can = |action: Action| allowed(actor, &action);
        if can(Action::EditCityProfile { city: id }) {
            tasks.push("profile");
        }
        if can(Action::EditStrategy { city: id }) {
            tasks.push("strategy");
        }
        if can(Action::CreateOrDeleteProgramme { city: id }) || actor.role == Role::PartnerEditor {
            tasks.push("programmes");
        }
        if can(Action::EditOrganisation { city: Some(id) }) {
            tasks.push("organisations");
        }
        if can(Action::EditStory { city: id }) {
            tasks.extend(["stories", "media"]);
            may_publish = can(Action::PublishStory { city: id });
            waiting = stories_for_editors(store, Some(actor), &c.slug)
                .await?
                .unwrap_or_default()
                .into_iter()
                .filter(|s| !s.deleted && s.published_version != Some(s.version))
                .collect();
        }
        if can(Action::ManageCityUsers {
            city: id,
            new_role: Role::CityEditor,
        }) {
            tasks.push("people");
        }
    }
    Ok(Dashboard {
        role: actor.role,
        city: city.map(|c| {
            let name = serde_json::from_value(c.name).unwrap_or_default();
            (c.slug, name)
        }),
        organisation,
        tasks,
        waiting,
        may_publish,
    })
}
