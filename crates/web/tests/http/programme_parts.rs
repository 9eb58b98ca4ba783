//! A programme's parts — parent, objectives, target groups, partners, funding,
//! milestones, outputs — edited in the form and over the API, kept in history, and
//! refused field by field when wrong.

use axum::http::StatusCode;
use forja_core::policy::Role;
use sea_orm::{ActiveModelTrait, Set};

use crate::accounts::{PROGRAMME, api, city_id, encode_form, form, person, programme_input};
use crate::{TestApp, each_backend};

async fn version(app: &TestApp, slug: &str) -> i32 {
    let resita = city_id(app, "resita").await;
    app.store
        .programme_row(resita, slug, true)
        .await
        .unwrap()
        .unwrap()
        .version
}

/// An organisation of Galați, which Reșița's programmes may not name.
async fn galati_organisation(app: &TestApp) {
    forja_store::entity::organisation::ActiveModel {
        city_id: Set(Some(city_id(app, "galati").await)),
        slug: Set("galati-university".into()),
        name: Set(serde_json::json!({"ro": "Universitatea din Galați (test)"})),
        kind: Set("university".into()),
        website: Set(None),
        collective: Set(false),
        version: Set(1),
        deleted_at: Set(None),
        ..Default::default()
    }
    .insert(app.store.connection())
    .await
    .unwrap();
}

#[tokio::test]
async fn the_form_edits_every_part_and_history_restores_them() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let before = programme_input(&app, "hala-minda").await;
        let v = version(&app, "hala-minda").await;
        let mut input = before.clone();
        input.retain(|k, _| !k.starts_with("milestones.") && !k.starts_with("funding."));
        for (k, v) in [
            ("parent", "inclusive-resita"),
            ("target_groups", "young-people,older-adults"),
            ("partners.9.organisation", "resita-sports-clubs"),
            ("partners.9.role", "host"),
            ("partners.9.contribution_en", "Lends the sports hall"),
            ("partners.0.remove", "on"),
            ("funding.0.source_en", "City budget"),
            ("funding.0.amount", "12500,50"),
            ("funding.0.currency", "ron"),
            ("milestones.0.title_en", "Site opens to visitors"),
            ("milestones.0.due_on", "2026-05-01"),
            ("milestones.0.done", "true"),
            ("outputs.7.label_en", "Visitors at open days"),
            ("outputs.7.expected", "500"),
            ("outputs.7.reported", "320"),
        ] {
            input.insert(k.into(), v.into());
        }
        let r = app
            .request(form(
                &format!("{PROGRAMME}/edit"),
                Some(&editor),
                &format!("{}version={v}", encode_form(&input)),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app.get(PROGRAMME).await.body;
        for seen in [
            "Lends the sports hall",
            "Site opens to visitors",
            "Visitors at open days",
            "12,500.50",
        ] {
            assert!(page.contains(seen), "{seen} on the programme page");
        }
        let saved = programme_input(&app, "hala-minda").await;
        assert_eq!(saved["parent"], "inclusive-resita");
        assert_eq!(saved["target_groups"], "young-people,older-adults");
        assert_eq!(saved["funding.0.amount"], "12500.5");
        assert!(
            saved
                .iter()
                .any(|(k, v)| k.ends_with(".code") && v == "visitors-at-open-days"),
            "an output code is made from its label"
        );
        assert_ne!(
            saved.get("partners.0.organisation"),
            before.get("partners.0.organisation"),
            "the removed partner is gone"
        );
        let history = app
            .request(api(
                "GET",
                "/api/v1/cities/resita/programmes/hala-minda/history",
                Some(&editor),
                "",
            ))
            .await
            .json();
        let revisions = history["revisions"].as_array().unwrap();
        assert_eq!(revisions.len(), 2, "the imported state and the edit");
        assert_eq!(
            revisions[1]["snapshot"]["partners"]
                .as_array()
                .unwrap()
                .len(),
            before
                .keys()
                .filter(|k| k.ends_with(".organisation") && k.starts_with("partners."))
                .count()
        );
        let diff = app
            .get_with(
                &format!("{PROGRAMME}/history?from={v}&to={}", v + 1),
                "cookie",
                &format!("forja_session={}", editor.session),
            )
            .await;
        assert_eq!(diff.status, StatusCode::OK);
        assert!(
            diff.body.contains("Lends") && diff.body.contains("Partner 4"),
            "the diff shows row changes, labelled by row"
        );
        // Restore the imported version: every part comes back as it was.
        let r = app
            .request(crate::accounts::any_version(api(
                "POST",
                &format!("/api/v1/cities/resita/programmes/hala-minda/history/{v}/restore"),
                Some(&editor),
                "",
            )))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(programme_input(&app, "hala-minda").await, before);
    })
    .await;
}

#[tokio::test]
async fn bad_parts_are_refused_field_by_field_and_nothing_is_stored() {
    each_backend(|app| async move {
        galati_organisation(&app).await;
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let before = programme_input(&app, "inclusive-resita").await;
        let v = version(&app, "inclusive-resita").await;
        let mut input = before.clone();
        for (k, v) in [
            // A child of this programme cannot become its parent.
            ("parent", "roma-work-and-learning"),
            ("target_groups", "young-people,martians"),
            ("partners.20.organisation", "galati-university"),
            ("partners.20.role", "lead"),
            ("partners.21.organisation", "resita-city-hall"),
            ("partners.21.role", "boss"),
            ("funding.20.source_en", "Grant"),
            ("funding.20.amount", "-5"),
            ("funding.20.currency", "EUR"),
            ("milestones.20.title_en", "Opening"),
            ("milestones.20.due_on", "next spring"),
        ] {
            input.insert(k.into(), v.into());
        }
        let r = app
            .request(form(
                "/cities/resita/programmes/inclusive-resita/edit",
                Some(&editor),
                &format!("{}version={v}", encode_form(&input)),
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        for message in [
            "cannot be part of itself",
            "Pick one of the choices",
            "Not allowed here; allowed: lead",
            "Out of range",
            "Write a date",
        ] {
            assert!(r.body.contains(message), "{message}");
        }
        assert!(
            r.body.contains("value=\"next spring\""),
            "what was typed is kept"
        );
        assert!(
            !r.body.contains("Universitatea din Galați"),
            "another city's organisations are never offered"
        );
        // The API gives the same answers, each with its field.
        let body = serde_json::json!({
            "version": v,
            "partners": [{"organisation": "galati-university", "role": "lead"}],
            "funding": [{"source": {"en": "Grant"}, "amount": -5, "currency": "EUR"}],
            "parent": "inclusive-resita",
            "outputs": "many",
        });
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita/programmes/inclusive-resita",
                Some(&editor),
                &body.to_string(),
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = r.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        for f in [
            "partners.0.organisation",
            "funding.0.amount",
            "parent",
            "outputs",
        ] {
            assert!(fields.contains(&f.to_owned()), "{f} in {fields:?}");
        }
        assert_eq!(version(&app, "inclusive-resita").await, v, "nothing stored");
        assert_eq!(programme_input(&app, "inclusive-resita").await, before);
    })
    .await;
}

#[tokio::test]
async fn the_api_replaces_lists_and_keeps_sample_marks_on_untouched_figures() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let v = version(&app, "hala-minda").await;
        let body = serde_json::json!({
            "version": v,
            "title": {"en": "Hala Minda, renamed"},
            "milestones": [
                {"title": {"en": "Consultation", "ro": "Consultare"}, "due_on": "2026-02-01", "done": true}
            ],
            "target_groups": ["all-citizens"],
        });
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita/programmes/hala-minda",
                Some(&editor),
                &body.to_string(),
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let saved = programme_input(&app, "hala-minda").await;
        assert_eq!(saved["milestones.0.title_ro"], "Consultare");
        assert!(!saved.contains_key("milestones.1.title_en"), "the list was replaced");
        assert_eq!(saved["target_groups"], "all-citizens");
        let json = app
            .get("/api/v1/cities/resita/programmes/hala-minda")
            .await
            .json();
        assert_eq!(
            json["progress"]["sample"], true,
            "the illustrative progress figure was not touched, so it stays marked"
        );
        // Asking for a blank row adds one and saves nothing.
        let mut input = saved.clone();
        // The form always sends its one blank row.
        input.insert("milestones.1.title_en".into(), String::new());
        input.insert("add".into(), "milestones".into());
        input.insert("milestones.0.remove".into(), "on".into());
        let r = app
            .request(form(
                &format!("{PROGRAMME}/edit"),
                Some(&editor),
                &format!("{}version={}", encode_form(&input), v + 1),
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("name=\"milestones.2.title_en\""), "two blank rows now");
        assert!(
            r.body.contains("name=\"milestones.0.remove\" value=\"on\" checked"),
            "a row marked for removal stays marked"
        );
        assert_eq!(version(&app, "hala-minda").await, v + 1);
    })
    .await;
}
