//! Restores are checked like edits, deletes wait while something uses the thing, and the
//! first strategy cannot be created twice: the rules an independent review asked for.

use axum::http::StatusCode;
use forja_core::policy::Role;

use crate::accounts::{api, encode_form, form, objective_state, person, programme_input};
use crate::{TestApp, each_backend};

async fn programme_version(app: &TestApp, slug: &str) -> i32 {
    let resita = app.store.city_by_slug("resita").await.unwrap().unwrap().id;
    app.store
        .programme_row(resita, slug, true)
        .await
        .unwrap()
        .unwrap()
        .version
}

#[tokio::test]
async fn a_restore_that_would_make_a_cycle_or_name_a_deleted_organisation_is_refused() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let patch = |slug: &str, body: String| {
            api(
                "PATCH",
                &format!("/api/v1/cities/resita/programmes/{slug}"),
                Some(&editor),
                &body,
            )
        };
        // vulnerable-groups-support sits under inclusive-resita; move it out, put its old
        // parent under it, then try to bring back the version where it sat under that one.
        let v = programme_version(&app, "vulnerable-groups-support").await;
        let r = app
            .request(patch(
                "vulnerable-groups-support",
                format!(r#"{{"version": {v}, "parent": null}}"#),
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let w = programme_version(&app, "inclusive-resita").await;
        let r = app
            .request(patch(
                "inclusive-resita",
                format!(r#"{{"version": {w}, "parent": "vulnerable-groups-support"}}"#),
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let r = app
            .request(crate::accounts::any_version(api(
                "POST",
                &format!(
                    "/api/v1/cities/resita/programmes/vulnerable-groups-support/history/{v}/restore"
                ),
                Some(&editor),
                "",
            )))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.json()["errors"][0]["field"], "parent");
        assert_eq!(
            app.get("/cities/resita/programmes/inclusive-resita")
                .await
                .status,
            StatusCode::OK
        );

        // A partner organisation dropped, deleted, then an old version restored.
        let before = programme_input(&app, "hala-minda").await;
        // The partner schools of Hala Minda take part in nothing else.
        let org = "resita-hala-minda-partner-schools".to_owned();
        let row = before
            .iter()
            .find(|(k, v)| k.ends_with(".organisation") && **v == org)
            .map(|(k, _)| k.split('.').nth(1).unwrap().to_owned())
            .unwrap();
        let v = programme_version(&app, "hala-minda").await;
        let mut input = before.clone();
        input.insert(format!("partners.{row}.remove"), "on".into());
        let r = app
            .request(form(
                "/cities/resita/programmes/hala-minda/edit",
                Some(&editor),
                &format!("{}version={v}", encode_form(&input)),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let org_version = app
            .store
            .organisation_row(&org, false)
            .await
            .unwrap()
            .unwrap()
            .version;
        let r = app
            .request(api(
                "DELETE",
                &format!("/api/v1/cities/resita/organisations/{org}?version={org_version}"),
                Some(&editor),
                "",
            ))
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        let r = app
            .request(crate::accounts::any_version(api(
                "POST",
                &format!("/api/v1/cities/resita/programmes/hala-minda/history/{v}/restore"),
                Some(&editor),
                "",
            )))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(
            r.json()["errors"][0]["field"],
            format!("partners.{row}.organisation")
        );
    })
    .await;
}

#[tokio::test]
async fn objectives_in_use_stay_and_codes_never_clash() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let (_, v) = objective_state(&app, "O7").await;
        let r = app
            .request(api(
                "DELETE",
                &format!("/api/v1/cities/resita/strategy/objectives/O7?version={v}"),
                Some(&editor),
                "",
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "in use: what is stored is in the way"
        );
        let message = r.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            message.contains("remove it there first") && message.contains("iverside"),
            "{message}"
        );
        // Rename O8 to O9, create a new O8, then restore O9's old version (code O8).
        let (mut o8, v8) = objective_state(&app, "O8").await;
        o8.insert("code".into(), "O9".into());
        let r = app
            .request(form(
                "/cities/resita/strategy/objectives/O8/edit",
                Some(&editor),
                &format!("{}version={v8}", encode_form(&o8)),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let create = || {
            api(
                "POST",
                "/api/v1/cities/resita/strategy/objectives",
                Some(&editor),
                r#"{"code": "O8", "title": {"en": "New eight"}}"#,
            )
        };
        assert_eq!(app.request(create()).await.status, StatusCode::CREATED);
        let again = app.request(create()).await;
        assert_eq!(
            again.status,
            StatusCode::CONFLICT,
            "a second O8 is refused as taken, not a 500"
        );
        let r = app
            .request(crate::accounts::any_version(api(
                "POST",
                &format!("/api/v1/cities/resita/strategy/objectives/O9/history/{v8}/restore"),
                Some(&editor),
                "",
            )))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(r.json()["errors"][0]["field"], "code");
        // Codes that are not names of anything.
        let dots = app
            .request(api(
                "POST",
                "/api/v1/cities/resita/strategy/objectives",
                Some(&editor),
                r#"{"code": "..", "title": {"en": "Dots"}}"#,
            ))
            .await;
        assert_eq!(dots.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            app.get("/cities/resita/strategy/objectives/a%0Ab")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}

#[tokio::test]
async fn a_first_strategy_saved_twice_at_once_is_created_once() {
    each_backend(|app| async move {
        let admin = person(&app, "admin", Role::NetworkAdmin, None, None).await;
        let r = app
            .request(api(
                "POST",
                "/api/v1/cities",
                Some(&admin),
                r#"{"name": {"ro": "Lugoj"}, "country": "RO", "latitude": 45.69, "longitude": 21.90, "joined_year": 2026, "default_locale": "ro"}"#,
            ))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let body = r#"{"version": 0, "title": {"ro": "Lugoj învață"}, "period_start": 2026, "status": "draft"}"#;
        let saves = (0..4).map(|_| app.request(api("PATCH", "/api/v1/cities/lugoj/strategy", Some(&admin), body)));
        let results = futures_join(saves).await;
        let ok = results.iter().filter(|r| r.status == StatusCode::OK).count();
        let conflicts = results.iter().filter(|r| r.status == StatusCode::CONFLICT).count();
        assert_eq!((ok, conflicts), (1, 3), "{:?}", results.iter().map(|r| r.status).collect::<Vec<_>>());
    })
    .await;
}

/// Runs the requests concurrently on this task.
async fn futures_join<F: std::future::Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in futures {
        set.push(Box::pin(f));
    }
    let mut out = Vec::new();
    // Poll them together: a simple join without an extra dependency.
    let mut pending: Vec<_> = set.into_iter().map(Some).collect();
    let mut results: Vec<Option<F::Output>> = (0..pending.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all = true;
        for (i, slot) in pending.iter_mut().enumerate() {
            if let Some(f) = slot {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => {
                        results[i] = Some(v);
                        *slot = None;
                    }
                    std::task::Poll::Pending => all = false,
                }
            }
        }
        if all {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    out.extend(
        results
            .into_iter()
            .map(|r| r.expect("every future finished")),
    );
    out
}
