//! A city's organisations: created, edited, deleted (refused while a programme names
//! them) and restored, in forms and over the API; another city's are out of reach.

use axum::http::StatusCode;
use forja_core::policy::Role;

use crate::accounts::{api, encode_form, form, organisation_state, person};
use crate::each_backend;

#[tokio::test]
async fn organisations_are_created_edited_deleted_and_restored() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let r = app
            .request(form(
                "/cities/resita/organisations/new",
                Some(&editor),
                "name_en=Orienteering+club+(sample)&name_ro=Clubul+de+orientare+(exemplu)&kind=ngo&website=https%3A%2F%2Fexample.org",
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(app.get("/cities/resita").await.body.contains("Orienteering club (sample)"));
        let slug = "resita-orienteering-club-sample";
        let (mut fields, v) = organisation_state(&app, slug).await;
        fields.insert("kind".into(), "cultural".into());
        let r = app
            .request(form(
                &format!("/cities/resita/organisations/{slug}/edit"),
                Some(&editor),
                &format!("{}version={v}", encode_form(&fields)),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .request(api(
                "DELETE",
                &format!("/api/v1/cities/resita/organisations/{slug}?version={}", v + 1),
                Some(&editor),
                "",
            ))
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert!(!app.get("/cities/resita").await.body.contains("Orienteering club (sample)"));
        let r = app
            .request(crate::accounts::any_version(api("POST", &format!("/api/v1/cities/resita/organisations/{slug}/history/{v}/restore"), Some(&editor), "")))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let page = app.get("/cities/resita").await.body;
        assert!(page.contains("Orienteering club (sample)"), "back, as first created");
        let (restored, _) = organisation_state(&app, slug).await;
        assert_eq!(restored["kind"], "ngo");
        let history = app
            .get_with(
                &format!("/cities/resita/organisations/{slug}/history?from=1&to=2"),
                "cookie",
                &format!("forja_session={}", editor.session),
            )
            .await;
        assert!(
            history.body.contains("<del>ngo</del>") && history.body.contains("<ins>cultural</ins>"),
            "the diff shows the change of kind"
        );
    })
    .await;
}

#[tokio::test]
async fn an_organisation_in_use_or_of_another_city_cannot_be_deleted_or_edited() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let (_, v) = organisation_state(&app, "resita-city-hall").await;
        let r = app
            .request(form(
                "/cities/resita/organisations/resita-city-hall/delete",
                Some(&editor),
                &format!("version={v}&confirm=yes"),
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("remove it there first"), "says what to do");
        let r = app
            .request(api(
                "DELETE",
                &format!("/api/v1/cities/resita/organisations/resita-city-hall?version={v}"),
                Some(&editor),
                "",
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "in use: what is stored is in the way"
        );
        assert_eq!(r.json()["type"], "/api/v1/problems/taken");
        assert_eq!(
            organisation_state(&app, "resita-city-hall").await.1,
            v,
            "nothing stored"
        );
        // Bad values, each beside its field.
        let r = app
            .request(form(
                "/cities/resita/organisations/new",
                Some(&editor),
                "name_en=&kind=club&website=javascript%3Aalert(1)",
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        for id in ["e-name_en", "e-kind", "e-website"] {
            assert!(r.body.contains(&format!("id=\"{id}\"")), "{id}");
        }
        // A Galați editor reaches none of Reșița's organisations, even by Galați's address.
        let galati = person(&app, "galati", Role::CityEditor, Some("galati"), None).await;
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita/organisations/resita-city-hall",
                Some(&galati),
                &format!(r#"{{"version": {v}, "kind": "other"}}"#),
            ))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/galati/organisations/resita-city-hall",
                Some(&galati),
                &format!(r#"{{"version": {v}, "kind": "other"}}"#),
            ))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    })
    .await;
}
