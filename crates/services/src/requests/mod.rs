//! Partner requests: a city says what partners it seeks (theme, kind, countries,
//! languages, the call it is for), until a deadline and up to a number of replies it
//! chooses; other cities answer in Forja. Requests are public; replies carry contact
//! details, so only the requesting city, the replying city and network staff read them.

use chrono::NaiveDate;
use forja_core::LocalizedText;
use forja_core::edit::{
    FieldProblem, MAX_REPLY, Problem, RawInput, RequestChoices, RequestFields, Writing,
};
use forja_core::ids::CityId;
use forja_core::policy::{Action, Actor, allowed};
use forja_store::edit_request::{NewReply, Replied, request_document};
use forja_store::entity::{city, partner_request};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{Result, ServiceError, Store};

mod suggest;
pub use suggest::{OrganisationSuggestion, SUGGESTED, Suggestion, Suggestions, suggestions};

/// A city as a request or reply names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CityRef {
    pub slug: String,
    pub name: LocalizedText,
    pub country: String,
}

/// Whether a request takes replies now, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RequestState {
    Open,
    /// Every place its city asked for is taken.
    Full,
    /// Past its deadline.
    Expired,
    /// Closed by its city.
    Closed,
}

impl RequestState {
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Full => "full",
            Self::Expired => "expired",
            Self::Closed => "closed",
        }
    }
}

/// A reply, for those who may read it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReplyView {
    pub city: CityRef,
    pub message: String,
    /// Unix seconds.
    pub at: i64,
}

/// A request as its page, the list and the API show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestView {
    pub slug: String,
    pub city: CityRef,
    pub version: i32,
    pub fields: RequestFields,
    pub state: RequestState,
    /// Places taken under the cap.
    pub replies_taken: i32,
    /// The replies, when the reader may read them (else empty).
    pub replies: Vec<ReplyView>,
}

/// What the reader may do with a request.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestRights {
    /// Its city's editors: close it, read every reply.
    pub manage: bool,
    /// Another city's editors, while it is open: answer it.
    pub reply: bool,
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn state(r: &partner_request::Model, f: &RequestFields) -> RequestState {
    if r.closed_at.is_some() {
        RequestState::Closed
    } else if f.deadline.is_some_and(|d| d < today()) {
        RequestState::Expired
    } else if i64::from(r.reply_count) >= f.reply_cap {
        RequestState::Full
    } else {
        RequestState::Open
    }
}

fn city_ref(c: &city::Model) -> CityRef {
    CityRef {
        slug: c.slug.clone(),
        name: serde_json::from_value(c.name.clone()).unwrap_or_default(),
        country: c.country.clone(),
    }
}

fn authorize(actor: &Actor, action: &Action) -> Result<()> {
    if allowed(actor, action) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

fn user_id(actor: &Actor) -> Option<i32> {
    i32::try_from(actor.user.0).ok()
}

fn refused(field: &str, problem: Problem) -> ServiceError {
    ServiceError::Invalid(vec![FieldProblem {
        field: field.into(),
        problem,
    }])
}

/// What a request's form may pick from.
pub async fn request_choices(store: &Store) -> Result<RequestChoices> {
    let nodes = |framework: &'static str| async move {
        let Some(fw) = store.framework_by_code(framework).await? else {
            return Ok::<_, ServiceError>(Vec::new());
        };
        Ok(store
            .nodes_of(fw.id)
            .await?
            .into_iter()
            .map(|n| {
                let title = serde_json::from_value(n.title).unwrap_or_default();
                forja_core::edit::Choice::new(n.code, title)
            })
            .collect())
    };
    Ok(RequestChoices {
        kflc: nodes("kflc").await?,
        sdg: nodes("sdg").await?,
        countries: crate::places::countries().to_vec(),
        today: Some(today()),
    })
}

/// Whether the actor may publish requests for the city (the button on the list).
pub async fn may_request(store: &Store, actor: &Actor, city_slug: &str) -> Result<bool> {
    let city = crate::city(store, city_slug).await?;
    Ok(allowed(
        actor,
        &Action::RequestPartners {
            city: crate::city_id(&city),
        },
    ))
}

/// The actor's own city, when they may publish requests for it (the list's button).
pub async fn city_to_request_for(store: &Store, actor: &Actor) -> Result<Option<String>> {
    let Some(id) = actor.city.and_then(|c| i32::try_from(c.0).ok()) else {
        return Ok(None);
    };
    let Some(city) = store.cities_by_ids([id]).await?.pop() else {
        return Ok(None);
    };
    let may = allowed(
        actor,
        &Action::RequestPartners {
            city: crate::city_id(&city),
        },
    );
    Ok(may.then_some(city.slug))
}

/// Every live request, open ones first, newest first within each.
pub async fn request_list(store: &Store) -> Result<Vec<RequestView>> {
    let rows = store.requests().await?;
    let cities = store.cities_by_ids(rows.iter().map(|r| r.city_id)).await?;
    let mut out: Vec<RequestView> = rows
        .iter()
        .filter_map(|r| {
            let fields = request_document(r)?;
            let city = cities.iter().find(|c| c.id == r.city_id)?;
            Some(RequestView {
                slug: r.slug.clone(),
                city: city_ref(city),
                version: r.version,
                state: state(r, &fields),
                replies_taken: r.reply_count,
                fields,
                replies: Vec::new(),
            })
        })
        .collect();
    out.sort_by_key(|v| v.state != RequestState::Open);
    Ok(out)
}

/// One request, with the replies the actor may read and what they may do.
pub async fn request_view(
    store: &Store,
    actor: Option<&Actor>,
    slug: &str,
) -> Result<(RequestView, RequestRights)> {
    let r = store
        .request_row(slug, false)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let fields = request_document(&r).ok_or(ServiceError::NotFound)?;
    let city = store
        .cities_by_ids([r.city_id])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    let state = state(&r, &fields);
    let rights = match actor {
        Some(a) => RequestRights {
            manage: allowed(
                a,
                &Action::RequestPartners {
                    city: crate::city_id(&city),
                },
            ),
            reply: state == RequestState::Open
                && a.city.is_some_and(|c| {
                    c != crate::city_id(&city) && allowed(a, &Action::ReplyToRequest { city: c })
                }),
        },
        None => RequestRights::default(),
    };
    let staff = actor.is_some_and(|a| allowed(a, &Action::ManageNetwork));
    let all = store.replies(r.id).await?;
    let repliers = store.cities_by_ids(all.iter().map(|x| x.city_id)).await?;
    let replies = all
        .iter()
        .filter(|x| {
            rights.manage
                || staff
                || actor.is_some_and(|a| a.city.is_some_and(|c| c.0 == i64::from(x.city_id)))
        })
        .filter_map(|x| {
            let c = repliers.iter().find(|c| c.id == x.city_id)?;
            Some(ReplyView {
                city: city_ref(c),
                message: x.message.clone(),
                at: x.created_at,
            })
        })
        .collect();
    Ok((
        RequestView {
            slug: r.slug.clone(),
            city: city_ref(&city),
            version: r.version,
            state,
            replies_taken: r.reply_count,
            fields,
            replies,
        },
        rights,
    ))
}

/// Publishes a request of the city; its address comes from the city and the title.
pub async fn create_request(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    input: &RawInput,
    writing: Writing,
) -> Result<String> {
    let city = crate::city(store, city_slug).await?;
    authorize(
        actor,
        &Action::RequestPartners {
            city: crate::city_id(&city),
        },
    )?;
    let choices = request_choices(store).await?;
    let fields = RequestFields::parse(input, &choices, writing).map_err(ServiceError::Invalid)?;
    let title = fields
        .title
        .get_exact("en")
        .or(fields.title.get_exact("ro"))
        .unwrap_or("");
    let base = crate::editing::slug_base(
        &format!("{} {title}", city.slug),
        70,
        &format!("{}-partners", city.slug),
    );
    let (user, now) = (user_id(actor), crate::auth::now());
    let made = crate::editing::at_free_slug(&base, |slug| {
        let fields = &fields;
        async move {
            Ok(store
                .create_request(city.id, &slug, fields, user, now)
                .await?
                .is_some())
        }
    })
    .await?;
    if let Some(slug) = made {
        return Ok(slug);
    }
    Err(refused("title_en", Problem::Taken))
}

/// A request opened for its form (its city's editors), with what it may pick.
pub async fn request_for_edit(
    store: &Store,
    actor: &Actor,
    slug: &str,
) -> Result<crate::editing::ForEdit<RequestFields, RequestChoices>> {
    use forja_store::versioned::Versioned;
    let r = load_as_requester(store, actor, slug).await?;
    let now = forja_store::edit_request::PartnerRequest::read(store, r.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(crate::editing::ForEdit {
        fields: now.fields,
        version: now.version,
        choices: request_choices(store).await?,
    })
}

/// Saves the form from `version`, merged with a save made meanwhile where the two do
/// not touch the same fields. A deadline already passed must move to reopen it.
pub async fn edit_request(
    store: &Store,
    actor: &Actor,
    slug: &str,
    input: &RawInput,
    writing: Writing,
    version: i32,
) -> Result<i32> {
    let r = load_as_requester(store, actor, slug).await?;
    let choices = request_choices(store).await?;
    let fields = RequestFields::parse(input, &choices, writing).map_err(ServiceError::Invalid)?;
    let merging = crate::editing::Merging {
        to_input: &RequestFields::to_input,
        parse: &|i, _| RequestFields::parse(i, &choices, Writing::Machine),
        groups: &[],
        comparable: &crate::editing::always_comparable,
    };
    crate::editing::update::<forja_store::edit_request::PartnerRequest>(
        store, actor, r.id, version, fields, merging,
    )
    .await
}

/// A live request, once the actor may manage it for its city.
async fn load_as_requester(
    store: &Store,
    actor: &Actor,
    slug: &str,
) -> Result<partner_request::Model> {
    let r = store
        .request_row(slug, false)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let city = store
        .cities_by_ids([r.city_id])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    authorize(
        actor,
        &Action::RequestPartners {
            city: crate::city_id(&city),
        },
    )?;
    Ok(r)
}

/// Its city closes a request: it takes no more replies.
pub async fn close_request(store: &Store, actor: &Actor, slug: &str) -> Result<()> {
    let r = load_as_requester(store, actor, slug).await?;
    store.close_request(r.id, crate::auth::now()).await?;
    Ok(())
}

/// Another city answers; sent again, its answer is updated (it keeps its place).
/// Refused by name when the request is the city's own, closed, past its deadline or
/// full.
pub async fn reply(store: &Store, actor: &Actor, slug: &str, message: &str) -> Result<()> {
    let Some(own_city) = actor.city else {
        return Err(ServiceError::Forbidden);
    };
    authorize(actor, &Action::ReplyToRequest { city: own_city })?;
    let r = store
        .request_row(slug, false)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let fields = request_document(&r).ok_or(ServiceError::NotFound)?;
    if own_city.0 == i64::from(r.city_id) {
        return Err(refused(
            "message",
            Problem::NotTakingReplies { why: "own".into() },
        ));
    }
    let why = match state(&r, &fields) {
        RequestState::Open | RequestState::Full => None,
        other => Some(other.code()),
    };
    if let Some(why) = why {
        return Err(refused(
            "message",
            Problem::NotTakingReplies { why: why.into() },
        ));
    }
    let message = forja_core::edit::plain_text("message", message, MAX_REPLY)
        .map_err(|p| ServiceError::Invalid(vec![p]))?;
    let message = message.as_str();
    let city_id = i32::try_from(own_city.0).map_err(|_| ServiceError::Forbidden)?;
    let cap = i32::try_from(fields.reply_cap).unwrap_or(i32::MAX);
    let replying = store
        .cities_by_ids([city_id])
        .await?
        .pop()
        .ok_or(ServiceError::Forbidden)?;
    let tell = crate::notices::people_who_may(
        store,
        r.city_id,
        &Action::RequestPartners {
            city: CityId(i64::from(r.city_id)),
        },
        actor,
    )
    .await?;
    let notice = crate::notices::What::RequestReply {
        request: fields.title.clone(),
        city: city_ref(&replying).name,
    }
    .notice(format!("/requests/{}", r.slug));
    let reply = NewReply {
        request_id: r.id,
        city_id,
        user_id: user_id(actor),
        message,
        cap,
        tell: &tell,
        notice: &notice,
    };
    match store.add_reply(&reply, crate::auth::now()).await? {
        Replied::Added | Replied::Updated => Ok(()),
        Replied::Full => Err(refused(
            "message",
            Problem::NotTakingReplies { why: "full".into() },
        )),
    }
}
