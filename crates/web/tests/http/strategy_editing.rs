//! A city's strategy and objectives edited in the form and over the API: framework
//! pickers, local targets, unknown codes refused, delete and restore.

use axum::http::StatusCode;
use forja_core::policy::Role;

use crate::accounts::{api, encode_form, form, objective_state, person, strategy_state};
use crate::each_backend;

#[tokio::test]
async fn the_strategy_and_an_objective_are_edited_and_restored() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let (mut strategy, v) = strategy_state(&app).await;
        strategy.insert(
            "vision_en".into(),
            "A city where *everyone* keeps learning.".into(),
        );
        strategy.insert("period_end".into(), "2032".into());
        let r = app
            .request(form(
                "/cities/resita/strategy/edit",
                Some(&editor),
                &format!("{}version={v}", encode_form(&strategy)),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app.get("/cities/resita/strategy").await.body;
        assert!(
            page.contains("<em>everyone</em>") && page.contains("2032"),
            "Markdown rendered, period shown"
        );

        let (mut o1, ov) = objective_state(&app, "O1").await;
        o1.insert("kflc".into(), "2.5.3,3.1".into());
        o1.insert("sdg".into(), "4.4".into());
        o1.insert("local_targets.5.code".into(), "4.4.RES.1".into());
        o1.insert("local_targets.5.sdg_target".into(), "4.4".into());
        o1.insert(
            "local_targets.5.title_en".into(),
            "Sample target: 500 adults gain digital skills".into(),
        );
        let r = app
            .request(form(
                "/cities/resita/strategy/objectives/O1/edit",
                Some(&editor),
                &format!("{}version={ov}", encode_form(&o1)),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app.get("/cities/resita/strategy").await.body;
        assert!(
            page.contains("/framework/kflc/3.1"),
            "the picked feature is linked"
        );
        assert!(page.contains("4.4.RES.1"), "the local target is shown");
        assert!(
            !page.contains("/framework/kflc/2.5\""),
            "the unticked feature is gone"
        );
        let history = app
            .request(api(
                "GET",
                "/api/v1/cities/resita/strategy/objectives/O1/history",
                Some(&editor),
                "",
            ))
            .await
            .json();
        assert_eq!(history["revisions"].as_array().unwrap().len(), 2);
        let r = app
            .request(crate::accounts::any_version(api(
                "POST",
                &format!("/api/v1/cities/resita/strategy/objectives/O1/history/{ov}/restore"),
                Some(&editor),
                "",
            )))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let page = app.get("/cities/resita/strategy").await.body;
        assert!(
            page.contains("/framework/kflc/2.5\"") && !page.contains("4.4.RES.1"),
            "back as imported"
        );
        let r = app
            .request(crate::accounts::any_version(api(
                "POST",
                &format!("/api/v1/cities/resita/strategy/history/{v}/restore"),
                Some(&editor),
                "",
            )))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            !app.get("/cities/resita/strategy")
                .await
                .body
                .contains("2032")
        );
    })
    .await;
}

#[tokio::test]
async fn objectives_are_created_deleted_and_undeleted_and_bad_codes_refused() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let create = |body: serde_json::Value| {
            api("POST", "/api/v1/cities/resita/strategy/objectives", Some(&editor), &body.to_string())
        };
        let r = app
            .request(create(serde_json::json!({
                "code": "O9", "title": {"en": "Learning by the river", "ro": "Învățare lângă râu"},
                "kflc": ["1.1.1"], "sdg": ["11.7"],
                "local_targets": [{"code": "11.7.RES.1", "sdg_target": "11.7", "title": {"en": "A riverside path for outdoor classes"}}]
            })))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert!(app.get("/cities/resita/strategy").await.body.contains("Learning by the river"));
        let r = app
            .request(create(serde_json::json!({
                "code": "o9", "title": {"en": "Again"}, "kflc": ["9.9.9"], "sdg": ["18"],
                "local_targets": [{"code": "X", "sdg_target": "4", "title": {"en": "A goal is no target"}}]
            })))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = r.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        for f in ["code", "kflc", "sdg", "local_targets.0.sdg_target"] {
            assert!(fields.contains(&f.to_owned()), "{f} in {fields:?}");
        }
        let (_, v) = objective_state(&app, "O9").await;
        let r = app
            .request(form("/cities/resita/strategy/objectives/O9/delete", Some(&editor), &format!("version={v}&confirm=yes")))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(!app.get("/cities/resita/strategy").await.body.contains("Learning by the river"));
        let edit = app
            .get_with("/cities/resita/strategy/edit", "cookie", &format!("forja_session={}", editor.session))
            .await;
        assert!(edit.body.contains("/cities/resita/strategy/objectives/O9/history"), "the deleted one is listed with its history");
        let r = app
            .request(form(
                &format!("/cities/resita/strategy/objectives/O9/history/{v}/restore"),
                Some(&editor),
                "",
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(app.get("/cities/resita/strategy").await.body.contains("Learning by the river"));
        // The form shows the same refusals beside the fields, in the user's language.
        let r = app
            .request({
                let mut r = form(
                    "/cities/resita/strategy/objectives/new",
                    Some(&editor),
                    "code=O2&title_en=Dup&kflc=9.9",
                );
                r.headers_mut().insert("accept-language", "ro".parse().unwrap());
                r
            })
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("deja folosită") && r.body.contains("Alegeți una dintre variantele"));
    })
    .await;
}

#[tokio::test]
async fn administrators_edit_framework_texts_and_a_newer_file_stays_in_history() {
    each_backend(|app| async move {
        let admin = person(&app, "admin", Role::NetworkAdmin, None, None).await;
        let coordinator = person(
            &app,
            "coordinator",
            Role::CityCoordinator,
            Some("resita"),
            None,
        )
        .await;
        let uri = "/api/v1/frameworks/kflc/nodes/2.5.3";
        let n = app
            .store
            .framework_node_row("kflc", "2.5.3")
            .await
            .unwrap()
            .unwrap();
        let body = format!(
            r#"{{"version": {}, "summary": {{"en": "Edited by the network"}}}}"#,
            n.version
        );
        let refused = app
            .request(api("PATCH", uri, Some(&coordinator), &body))
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let r = app.request(api("PATCH", uri, Some(&admin), &body)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(
            app.get("/framework/kflc/2.5.3")
                .await
                .body
                .contains("Edited by the network")
        );
        // A newer version of the framework file replaces the text, and says so in history.
        let (_, text) = forja_services::builtin::FRAMEWORKS[0];
        let newer = text.replacen("version = \"", "version = \"9", 1);
        let doc: forja_core::docs::FrameworkDoc = toml::from_str(&newer).unwrap();
        app.store.import_framework(&doc).await.unwrap();
        let history = app
            .request(api("GET", &format!("{uri}/history"), Some(&admin), ""))
            .await
            .json();
        let ops: Vec<&str> = history["revisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["op"].as_str().unwrap())
            .collect();
        assert_eq!(ops, ["import", "update", "import"]);
        // Frameworks load on start, outside any request: read past the render cache.
        let page = app
            .get_with(
                "/framework/kflc/2.5.3",
                "cookie",
                &format!("forja_session={}", admin.session),
            )
            .await;
        assert!(!page.body.contains("Edited by the network"));
    })
    .await;
}
