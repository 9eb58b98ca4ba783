//! Writing practices and their review: a city's editors write (any change makes the
//! version a draft again), its coordinator submits, network staff pass or return it
//! with a note and publish what they passed. Each step is a revision, so the history
//! shows who moved it and when. Other cities record that they took it up.

use forja_core::LocalizedText;
use forja_core::edit::{
    FieldProblem, MAX_REVIEW_NOTE, MAX_TEXT, PracticeChoices, PracticeFields, PracticeStatus,
    Problem, RawInput,
};
use forja_core::policy::{Action, Actor, allowed};
use forja_store::edit_practice::{NewAdoption, Practice};
use forja_store::entity::{city, practice};
use forja_store::versioned::{Change, Versioned};

use super::draft::{from_programme, practice_choices};
use crate::editing::{self, ForEdit};
use crate::{Result, ServiceError, Store};

fn problem(field: &str, problem: Problem) -> ServiceError {
    ServiceError::Invalid(vec![FieldProblem {
        field: field.into(),
        problem,
    }])
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

/// A live practice and its city.
async fn load(store: &Store, slug: &str) -> Result<(city::Model, practice::Model)> {
    let p = store
        .practice_row(slug, false)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let city = store
        .cities_by_ids([p.city_id])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    Ok((city, p))
}

fn edit(city: &city::Model) -> Action {
    Action::EditPractice {
        city: crate::city_id(city),
    }
}

/// Writes a practice from one of the city's programmes and answers its address; when
/// the programme is already written up, answers that practice's (a second press of the
/// button opens it rather than making a copy).
pub async fn practice_from_programme(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    programme_slug: &str,
) -> Result<String> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &edit(&city))?;
    let p = store
        .programme_row(city.id, programme_slug, false)
        .await?
        .ok_or(ServiceError::NotFound)?;
    for existing in store.practices().await? {
        let doc = forja_store::edit_practice::practice_document(&existing);
        if existing.city_id == city.id
            && doc.is_some_and(|d| d.programme.as_deref() == Some(programme_slug))
        {
            return Ok(existing.slug);
        }
    }
    let choices = practice_choices(store, &city).await?;
    let fields = from_programme(store, &city, &p, &choices).await?;
    let base = format!("{}-{}", city.slug, p.slug);
    let (user, now) = (user_id(actor), crate::auth::now());
    let made = editing::at_free_slug(&base, |slug| {
        let fields = &fields;
        async move {
            Ok(store
                .create_practice(city.id, &slug, fields, user, now)
                .await?
                .is_some())
        }
    })
    .await?;
    if let Some(slug) = made {
        return Ok(slug);
    }
    Err(problem("slug", Problem::Taken))
}

/// A practice opened for its form, with its city's slug.
pub async fn practice_for_edit(
    store: &Store,
    actor: &Actor,
    slug: &str,
) -> Result<(String, ForEdit<PracticeFields, PracticeChoices>)> {
    let (city, p) = load(store, slug).await?;
    authorize(actor, &edit(&city))?;
    let now = Practice::read(store, p.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((
        city.slug.clone(),
        ForEdit {
            fields: now.fields,
            version: now.version,
            choices: practice_choices(store, &city).await?,
        },
    ))
}

/// Saves the form; the version becomes a draft again (what was reviewed is not what
/// is written now), keeping the reviewer's note to work from.
pub async fn edit_practice(
    store: &Store,
    actor: &Actor,
    slug: &str,
    input: &RawInput,
    version: i32,
) -> Result<i32> {
    let (city, p) = load(store, slug).await?;
    authorize(actor, &edit(&city))?;
    let choices = practice_choices(store, &city).await?;
    let now = Practice::read(store, p.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let as_draft = |mut f: PracticeFields, before: &PracticeFields| {
        f.status = PracticeStatus::Draft;
        f.review_note = before.review_note.clone();
        f
    };
    let fields = PracticeFields::parse(input, &choices).map_err(ServiceError::Invalid)?;
    let fields = as_draft(fields, &now.fields);
    let merging = editing::Merging {
        to_input: &PracticeFields::to_input,
        parse: &|i, before| PracticeFields::parse(i, &choices).map(|f| as_draft(f, before)),
        groups: &[],
        comparable: &editing::always_comparable,
    };
    editing::update::<Practice>(store, actor, p.id, version, fields, merging).await
}

/// A step of the review, as the buttons name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStep {
    /// The coordinator sends the draft to network staff.
    Submit,
    /// Staff pass it: it may be published.
    Pass,
    /// Staff send it back to the city with a note.
    Return,
    /// Staff make the passed version what readers see.
    Publish,
}

impl ReviewStep {
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "submit" => Self::Submit,
            "pass" => Self::Pass,
            "return" => Self::Return,
            "publish" => Self::Publish,
            _ => return None,
        })
    }
}

/// Takes a review step from `version`; returns the version after it. A step that does
/// not follow from the status now is refused by name; a version others moved on from
/// is a conflict.
pub async fn review_practice(
    store: &Store,
    actor: &Actor,
    slug: &str,
    step: ReviewStep,
    version: i32,
    note: Option<&str>,
) -> Result<i32> {
    let (city, p) = load(store, slug).await?;
    authorize(
        actor,
        &match step {
            ReviewStep::Submit => Action::SubmitPractice {
                city: crate::city_id(&city),
            },
            _ => Action::ReviewPractice,
        },
    )?;
    let now = Practice::read(store, p.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if now.version != version {
        return Err(ServiceError::Conflict {
            current_version: now.version,
        });
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > MAX_REVIEW_NOTE) {
        return Err(problem(
            "note",
            Problem::TooLong {
                max: MAX_REVIEW_NOTE,
            },
        ));
    }
    let (from, to) = match step {
        ReviewStep::Submit => (PracticeStatus::Draft, PracticeStatus::Submitted),
        ReviewStep::Pass => (PracticeStatus::Submitted, PracticeStatus::Reviewed),
        ReviewStep::Return => (PracticeStatus::Submitted, PracticeStatus::Draft),
        ReviewStep::Publish => (PracticeStatus::Reviewed, PracticeStatus::Reviewed),
    };
    if now.fields.status != from {
        return Err(problem(
            "status",
            Problem::WrongStep {
                now: now.fields.status.code().to_owned(),
            },
        ));
    }
    if step == ReviewStep::Return && note.is_none() {
        // A draft sent back without a word leaves the city guessing.
        return Err(problem("note", Problem::Required));
    }
    if step == ReviewStep::Publish {
        return if store
            .publish_practice(p.id, version, crate::auth::now())
            .await?
        {
            Ok(version)
        } else {
            Err(ServiceError::Conflict {
                current_version: p.version,
            })
        };
    }
    let mut fields = now.fields;
    fields.status = to;
    if step != ReviewStep::Submit {
        fields.review_note = note.map(str::to_owned);
    }
    let saved = store
        .change::<Practice>(
            p.id,
            version,
            Change::Update(fields),
            user_id(actor),
            crate::auth::now(),
        )
        .await?;
    editing::outcome(saved)
}

/// The person's city records that it took the practice up (`year`, and in its own words
/// what it changed and what came of it); again, it updates the city's record. Only a
/// published practice of another city.
pub async fn adopt_practice(
    store: &Store,
    actor: &Actor,
    slug: &str,
    year: &str,
    note: &LocalizedText,
) -> Result<()> {
    let (city, p) = load(store, slug).await?;
    let own = actor.city.ok_or(ServiceError::Forbidden)?;
    authorize(actor, &Action::AdoptPractice { city: own })?;
    if p.published_version.is_none() {
        return Err(ServiceError::NotFound);
    }
    if own == crate::city_id(&city) {
        return Err(problem(
            "city",
            Problem::NotAllowed {
                allowed: "another city's practice".into(),
            },
        ));
    }
    use chrono::Datelike;
    let this_year = chrono::Utc::now().year();
    let year: i32 = match year.trim().parse::<i32>() {
        Ok(y) if (1990..=this_year).contains(&y) => y,
        Ok(_) => {
            return Err(problem(
                "year",
                Problem::OutOfRange {
                    min: "1990".into(),
                    max: this_year.to_string(),
                },
            ));
        }
        Err(_) if year.trim().is_empty() => return Err(problem("year", Problem::Required)),
        Err(_) => return Err(problem("year", Problem::NotWhole)),
    };
    for lang in note.languages() {
        if note
            .get_exact(lang)
            .is_some_and(|t| t.chars().count() > MAX_TEXT)
        {
            return Err(problem(
                &format!("note_{lang}"),
                Problem::TooLong { max: MAX_TEXT },
            ));
        }
    }
    let adoption = NewAdoption {
        practice_id: p.id,
        city_id: i32::try_from(own.0).map_err(|_| ServiceError::Forbidden)?,
        year,
        note: note.clone(),
        sample: false,
    };
    Ok(store
        .add_adoption(&adoption, user_id(actor), crate::auth::now())
        .await?)
}

/// Checks a practice's fields as the city's form would (for files loaded without one).
pub(crate) async fn check_practice(
    store: &Store,
    city: &city::Model,
    fields: &PracticeFields,
) -> Result<()> {
    let choices = practice_choices(store, city).await?;
    PracticeFields::parse(&fields.to_input(), &choices)
        .map(|_| ())
        .map_err(ServiceError::Invalid)
}

/// Whether the actor may write up practices in this city (the programme page's button).
pub async fn may_write_practice(store: &Store, actor: &Actor, city_slug: &str) -> Result<bool> {
    let city = crate::city(store, city_slug).await?;
    Ok(allowed(actor, &edit(&city)))
}
