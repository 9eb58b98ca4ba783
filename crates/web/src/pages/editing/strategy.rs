//! Editing a city's strategy and its objectives (with pickers for the Key Features of
//! Learning Cities, the Guidelines and the SDGs).

use forja_core::edit::{Choice, ObjectiveFields, StrategyFields};
use forja_core::values::StrategyStatus;

use super::forms::{FormKind, NewKind, Opened};
use super::*;

pub struct StrategyForm;

impl FormKind for StrategyForm {
    type Key = String;
    const FIELDS: &'static [&'static str] = StrategyFields::FIELDS;
    const GROUPS: &'static [Group] = &[];

    fn base(city: &String) -> String {
        format!("/cities/{city}/strategy")
    }

    fn title(tr: Tr, values: &RawInput) -> String {
        tr.t1("edit-strategy-title", "title", first_text(values, "title"))
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        city: &String,
    ) -> Result<Opened, ServiceError> {
        let s = editing::strategy_for_edit(&state.store, user.actor(), city).await?;
        let links = editing::objective_list(&state.store, user.actor(), city)
            .await?
            .into_iter()
            .map(|(code, title, deleted)| {
                let name = format!("{code} · {}", tr.txt(&title));
                let base = format!("/cities/{city}/strategy/objectives/{code}");
                if deleted {
                    (
                        format!("{base}/history"),
                        tr.t1("objective-deleted", "title", name),
                    )
                } else {
                    (format!("{base}/edit"), name)
                }
            })
            .collect();
        let statuses = StrategyStatus::ALL
            .iter()
            .map(|s| (s.code().to_owned(), tr.code("strategy-status", s.code())))
            .collect();
        Ok(Opened {
            values: s.fields.to_input(),
            version: s.version,
            picks: Picks::from([("status", statuses)]),
            delete: None,
            related: Some(Related {
                heading: tr.t("objectives-heading"),
                links,
                add: Some((
                    format!("/cities/{city}/strategy/objectives/new"),
                    tr.t("add-objective"),
                )),
            }),
        })
    }

    async fn save(
        state: &AppState,
        user: &SignedInUser,
        city: &String,
        input: &RawInput,
        writing: Writing,
        version: i32,
    ) -> Result<String, ServiceError> {
        editing::edit_strategy(&state.store, user.actor(), city, input, writing, version).await?;
        Ok(format!("/cities/{city}/strategy"))
    }
}

/// The first non-empty text of a per-language field, for page titles.
pub(super) fn first_text(values: &RawInput, prefix: &str) -> String {
    EDIT_LANGUAGES
        .iter()
        .filter_map(|l| values.get(&format!("{prefix}_{l}")))
        .find(|t| !t.trim().is_empty())
        .cloned()
        .unwrap_or_default()
}

/// The pickers of an objective, in the reader's language.
fn objective_picks(tr: Tr, choices: &forja_core::edit::ObjectiveChoices) -> Picks {
    let list = |items: &[Choice]| {
        items
            .iter()
            .map(|c| (c.code.clone(), tr.txt(&c.label)))
            .collect::<Vec<_>>()
    };
    let targets = std::iter::once((String::new(), tr.t("pick-one")))
        .chain(list(&choices.sdg_targets))
        .collect();
    Picks::from([
        ("kflc", list(&choices.kflc)),
        ("guidelines", list(&choices.guidelines)),
        ("sdg", list(&choices.sdg)),
        ("sdg_target", targets),
    ])
}

pub struct ObjectiveForm;

impl FormKind for ObjectiveForm {
    type Key = (String, String);
    const FIELDS: &'static [&'static str] = ObjectiveFields::FIELDS;
    const GROUPS: &'static [Group] = ObjectiveFields::GROUPS;

    fn base((city, code): &(String, String)) -> String {
        format!("/cities/{city}/strategy/objectives/{code}")
    }

    fn title(tr: Tr, values: &RawInput) -> String {
        tr.t1(
            "edit-objective-title",
            "title",
            format!(
                "{} · {}",
                values.get("code").cloned().unwrap_or_default(),
                first_text(values, "title")
            ),
        )
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        (city, code): &(String, String),
    ) -> Result<Opened, ServiceError> {
        let o = editing::objective_for_edit(&state.store, user.actor(), city, code).await?;
        Ok(Opened {
            values: o.fields.to_input(),
            version: o.version,
            picks: objective_picks(tr, &o.choices),
            delete: Some(format!("/cities/{city}/strategy/objectives/{code}/delete")),
            related: None,
        })
    }

    async fn save(
        state: &AppState,
        user: &SignedInUser,
        (city, code): &(String, String),
        input: &RawInput,
        _writing: Writing,
        version: i32,
    ) -> Result<String, ServiceError> {
        editing::edit_objective(&state.store, user.actor(), city, code, input, version).await?;
        Ok(format!("/cities/{city}/strategy"))
    }
}

pub struct NewObjective;

impl NewKind for NewObjective {
    const FIELDS: &'static [&'static str] = ObjectiveFields::FIELDS;
    const GROUPS: &'static [Group] = ObjectiveFields::GROUPS;

    fn base(city: &str) -> String {
        format!("/cities/{city}/strategy/objectives")
    }

    fn title(tr: Tr) -> String {
        tr.t("new-objective-title")
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        city: &str,
    ) -> Result<(RawInput, Picks), ServiceError> {
        let choices = editing::new_objective_choices(&state.store, user.actor(), city).await?;
        Ok((RawInput::new(), objective_picks(tr, &choices)))
    }

    async fn create(
        state: &AppState,
        user: &SignedInUser,
        city: &str,
        input: &RawInput,
        _writing: Writing,
    ) -> Result<String, ServiceError> {
        editing::create_objective(&state.store, user.actor(), city, input).await?;
        Ok(format!("/cities/{city}/strategy"))
    }
}

pub async fn delete_objective(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, code)): Path<(String, String)>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    if !confirmed(&sent) {
        if !editing::may_edit_strategy(&state.store, user.actor(), &city).await? {
            return Err(Failure::Forbidden.into());
        }
        let ask = DeleteAsk::new(&code, format!("/cities/{city}/strategy/objectives/{code}"));
        return confirm_delete(&ctx, ask, &sent);
    }
    let (_, version) = form_input(&sent)?;
    editing::delete_objective(&state.store, user.actor(), &city, &code, version).await?;
    Ok(Redirect::to(&format!("/cities/{city}/strategy/edit")).into_response())
}

/// The texts of a framework node (network administrators).
pub struct FrameworkNodeForm;

impl FormKind for FrameworkNodeForm {
    type Key = (String, String);
    const FIELDS: &'static [&'static str] = forja_core::edit::FrameworkNodeFields::FIELDS;
    const GROUPS: &'static [Group] = &[];

    /// A framework's node names a whole area of action: longer than a title elsewhere.
    fn max_chars(field: &str) -> Option<usize> {
        match field.split_once('_').map_or(field, |(base, _)| base) {
            "title" => Some(forja_core::edit::MAX_SUMMARY),
            "summary" => Some(forja_core::edit::MAX_TEXT),
            _ => forja_core::edit::max_chars(field),
        }
    }

    fn base((framework, code): &(String, String)) -> String {
        format!("/framework/{framework}/{code}")
    }

    fn title(tr: Tr, values: &RawInput) -> String {
        tr.t1("edit-node-title", "title", first_text(values, "title"))
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        _: Tr,
        (framework, code): &(String, String),
    ) -> Result<Opened, ServiceError> {
        let n =
            editing::framework_node_for_edit(&state.store, user.actor(), framework, code).await?;
        Ok(Opened {
            values: n.fields.to_input(),
            version: n.version,
            picks: Picks::new(),
            delete: None,
            related: None,
        })
    }

    async fn save(
        state: &AppState,
        user: &SignedInUser,
        (framework, code): &(String, String),
        input: &RawInput,
        _writing: Writing,
        version: i32,
    ) -> Result<String, ServiceError> {
        editing::edit_framework_node(&state.store, user.actor(), framework, code, input, version)
            .await?;
        Ok(format!("/framework/{framework}/{code}"))
    }
}
