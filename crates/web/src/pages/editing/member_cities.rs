//! Adding a member city (network administrators): find it among GeoNames places of
//! 15,000 people or more, which fills in country, coordinates and population.

use forja_core::edit::NewCityFields;

use super::*;

#[derive(Template)]
#[template(path = "city_new.html")]
struct NewCityPage {
    l: Layout,
    q: String,
    /// (geonames id, name, "country · population")
    results: Vec<(i64, String, String)>,
    inputs: Vec<Input>,
    errors: Vec<String>,
    script: &'static str,
}

fn page(
    ctx: &PageCtx,
    q: String,
    results: Vec<(i64, String, String)>,
    values: &RawInput,
    errors: &[FieldError],
) -> NewCityPage {
    let tr = ctx.tr;
    let countries = std::iter::once((String::new(), tr.t("pick-one")))
        .chain(
            forja_services::places::countries()
                .iter()
                .map(|c| (c.code.clone(), format!("{} ({})", tr.txt(&c.label), c.code))),
        )
        .collect();
    let picks = Picks::from([("country", countries)]);
    NewCityPage {
        l: Layout::for_ctx(ctx, tr.t("new-city-title"), "/admin/cities/new"),
        q,
        results,
        inputs: inputs(tr, NewCityFields::FIELDS, values, errors, &picks),
        errors: error_summary(tr, errors),
        script: crate::assets::places_script_path(),
    }
}

fn refuse_unless_admin(user: &SignedInUser) -> Result<(), PageError> {
    if editing::may_add_cities(user.actor()) {
        Ok(())
    } else {
        Err(PageError(Failure::Forbidden))
    }
}

/// The form; `?q=` lists matching places, `?geonames=` fills the form from one.
pub async fn form(
    user: SignedInUser,
    ctx: PageCtx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    refuse_unless_admin(&user)?;
    let tr = ctx.tr;
    let query = q.get("q").map(|s| s.trim().to_owned()).unwrap_or_default();
    if query.chars().count() > 100 {
        return Err(PageError(Failure::BadParameter {
            name: "q",
            allowed: Allowed::Message("allowed-short-text", 100),
        }));
    }
    let mut values = RawInput::from([(
        "joined_year".to_owned(),
        chrono::Datelike::year(&chrono::Utc::now().date_naive()).to_string(),
    )]);
    if let Some(raw) = q.get("geonames").filter(|v| !v.trim().is_empty()) {
        let place = raw
            .trim()
            .parse()
            .ok()
            .and_then(forja_services::places::place)
            .ok_or(PageError(Failure::BadParameter {
                name: "geonames",
                allowed: Allowed::Message("allowed-geonames-id", 0),
            }))?;
        values.extend([
            ("name_en".to_owned(), place.name.clone()),
            ("country".to_owned(), place.country.clone()),
            ("latitude".to_owned(), place.latitude.to_string()),
            ("longitude".to_owned(), place.longitude.to_string()),
            ("population".to_owned(), place.population.to_string()),
            ("geonames_id".to_owned(), place.geonames_id.to_string()),
            (
                "slug".to_owned(),
                forja_core::slug::fold_to_string(&place.name),
            ),
        ]);
        if matches!(place.country.as_str(), "RO" | "MD") {
            values.insert("name_ro".into(), place.name.clone());
            values.insert("default_locale".into(), "ro".into());
            values.insert("languages".into(), "ro".into());
        }
    }
    let found = {
        let query = query.clone();
        tokio::task::spawn_blocking(move || forja_services::places::search_places(&query, 12))
            .await
            .unwrap_or_default()
    };
    let results = found
        .into_iter()
        .map(|p| {
            let meta = format!(
                "{} · {}",
                crate::world::country_name(&p.country, tr.locale),
                tr.num(p.population)
            );
            (p.geonames_id, p.name, meta)
        })
        .collect();
    // The gazetteer's figures are machine-written; the form shows them as the reader
    // writes them (a Romanian form reads `45.296` as forty-five thousand).
    let values = for_form(tr, &values);
    no_store(render(&page(&ctx, query, results, &values, &[]))?)
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let input = form_fields(&sent);
    match editing::create_city(&state.store, user.actor(), &input, writing(ctx.tr)).await {
        Ok(slug) => Ok(Redirect::to(&format!("/cities/{slug}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            let mut response = render(&page(&ctx, String::new(), vec![], &input, &errors))?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            no_store(response)
        }
        Err(other) => Err(other.into()),
    }
}
