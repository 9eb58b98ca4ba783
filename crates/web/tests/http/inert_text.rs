//! Script in any text field of any kind comes back as text, and the longest texts allowed
//! fit through a form.

use axum::http::StatusCode;
use forja_core::policy::Role;

use crate::accounts::{api, encode_form, form, objective_state, person, programme_input};
use crate::each_backend;

const PAYLOAD: &str = "</textarea><script>alert(1)</script><img src=x onerror=alert(1)>";

fn texts() -> serde_json::Value {
    serde_json::json!({ "en": PAYLOAD, "ro": PAYLOAD })
}

#[tokio::test]
async fn script_in_the_parts_of_every_kind_comes_back_inert() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let cookie = format!("forja_session={}", editor.session);
        let (_, ov) = objective_state(&app, "O1").await;
        let writes = [
            (
                "PATCH",
                "/api/v1/cities/resita/strategy/objectives/O1".to_owned(),
                serde_json::json!({"version": ov, "title": texts(), "description": texts(),
                    "local_targets": [{"code": "4.c.RES.9", "sdg_target": "4.c", "title": texts()}]}),
            ),
            (
                "POST",
                "/api/v1/cities/resita/organisations".to_owned(),
                serde_json::json!({"name": texts(), "kind": "ngo"}),
            ),
        ];
        for (method, uri, body) in writes {
            let r = app.request(api(method, &uri, Some(&editor), &body.to_string())).await;
            assert!(r.status.is_success(), "{uri}: {}", r.body);
        }
        let v = app
            .request(api("GET", "/api/v1/cities/resita/strategy", None, ""))
            .await;
        assert_eq!(v.status, StatusCode::OK);
        let programme = programme_input(&app, "hala-minda").await;
        let version = app
            .store
            .programme_row(app.store.city_by_slug("resita").await.unwrap().unwrap().id, "hala-minda", false)
            .await
            .unwrap()
            .unwrap()
            .version;
        let body = serde_json::json!({
            "version": version,
            "partners": [{"organisation": "resita-city-hall", "role": "lead", "contribution": texts()}],
            "funding": [{"source": texts(), "amount": 10, "currency": "RON"}],
            "milestones": [{"title": texts()}],
            "outputs": [{"label": texts(), "unit": {"en": "<script>alert(1)</script>"}, "source": texts(), "expected": 5}],
        });
        let r = app
            .request(api("PATCH", "/api/v1/cities/resita/programmes/hala-minda", Some(&editor), &body.to_string()))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_ne!(programme_input(&app, "hala-minda").await, programme);
        for page in [
            "/cities/resita",
            "/cities/resita/strategy",
            "/cities/resita/programmes/hala-minda",
            "/cities/resita/organisations",
            "/cities/resita/strategy/objectives/O1/edit",
            "/cities/resita/programmes/hala-minda/edit",
            "/cities/resita/programmes/hala-minda/history",
        ] {
            let html = app.get_with(page, "cookie", &cookie).await;
            assert_eq!(html.status, StatusCode::OK, "{page}");
            for live in ["<script>alert", "<img src=x", "</textarea><script>"] {
                assert!(!html.body.contains(live), "{page}: came back live");
            }
        }
    })
    .await;
}

#[tokio::test]
async fn the_longest_texts_allowed_fit_through_the_form() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let mut input = programme_input(&app, "hala-minda").await;
        let long = "ș".repeat(forja_core::edit::MAX_TEXT);
        input.insert("description_en".into(), long.clone());
        input.insert("description_ro".into(), long.clone());
        let version = app
            .store
            .programme_row(
                app.store.city_by_slug("resita").await.unwrap().unwrap().id,
                "hala-minda",
                false,
            )
            .await
            .unwrap()
            .unwrap()
            .version;
        let body = format!("{}version={version}", encode_form(&input));
        assert!(body.len() > 200_000, "percent-encoded, the form is large");
        let r = app
            .request(form(
                "/cities/resita/programmes/hala-minda/edit",
                Some(&editor),
                &body,
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "{}",
            &r.body[..r.body.len().min(300)]
        );
        assert_eq!(
            programme_input(&app, "hala-minda").await["description_ro"],
            long
        );
    })
    .await;
}
