//! `/dashboard`: where a person lands after signing in. Their role named with its city
//! ("editor for Reșița"), what they may open there, and the stories whose changes
//! readers do not see yet (to publish, for a coordinator; to finish, for an editor).

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{Layout, PageCtx, render};
use crate::auth::SignedInUser;
use crate::error::PageError;
use crate::i18n::Tr;
use crate::state::AppState;

/// A link to something the person may do, with a line saying what it is for.
pub struct Task {
    pub href: String,
    pub label: String,
    pub hint: String,
}

/// A story with changes readers do not see yet.
pub struct Waiting {
    pub href: String,
    pub title: String,
    pub state: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    l: Layout,
    role: String,
    city: Option<(String, String)>,
    tasks: Vec<Task>,
    waiting: Vec<Waiting>,
    waiting_heading: String,
}

/// The role as people say it, with its city: "editor for Reșița".
pub fn role_in_city(tr: Tr, role: forja_core::policy::Role, city: Option<&str>) -> String {
    match city {
        Some(city) => tr.t1(&format!("role-for-city-{}", role.code()), "city", city),
        None => tr.code("role", role.code()),
    }
}

fn task(tr: Tr, code: &str, city: &str) -> Task {
    let href = match code {
        "profile" => format!("/cities/{city}/edit"),
        "strategy" => format!("/cities/{city}/strategy"),
        "programmes" => format!("/cities/{city}/programmes"),
        "organisations" => format!("/cities/{city}/organisations"),
        "stories" => format!("/cities/{city}/stories"),
        "media" => format!("/cities/{city}/media"),
        "people" => format!("/cities/{city}/people"),
        "new-city" => "/admin/cities/new".to_owned(),
        "frameworks" => "/framework".to_owned(),
        _ => "/admin/audit".to_owned(),
    };
    Task {
        href,
        label: tr.code("task", code),
        hint: tr.code("task-hint", code),
    }
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let d = forja_services::dashboard::dashboard(&state.store, user.actor()).await?;
    let city = d
        .city
        .as_ref()
        .map(|(slug, name)| (slug.clone(), tr.txt(name)));
    let slug = city.as_ref().map(|(s, _)| s.as_str()).unwrap_or("");
    let title = match &city {
        Some((_, name)) => tr.t1("dashboard-title-city", "city", name),
        None => tr.t("dashboard-title"),
    };
    let waiting = d
        .waiting
        .iter()
        .map(|s| Waiting {
            href: format!("/cities/{slug}/stories/{}/edit", s.slug),
            title: s.title.clone(),
            state: match s.published_version {
                Some(_) => tr.t("dashboard-story-changed"),
                None => tr.t("dashboard-story-never"),
            },
        })
        .collect();
    let page = DashboardPage {
        l: Layout::for_ctx(&ctx, title, "/dashboard"),
        role: role_in_city(tr, d.role, city.as_ref().map(|(_, n)| n.as_str())),
        tasks: d.tasks.iter().map(|code| task(tr, code, slug)).collect(),
        waiting,
        waiting_heading: tr.t(if d.may_publish {
            "dashboard-to-publish"
        } else {
            "dashboard-unpublished"
        }),
        city,
    };
    super::editing::no_store_page(render(&page)?)
}
