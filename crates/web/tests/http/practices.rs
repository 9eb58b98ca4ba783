//! Good practices as their users meet them: readers and researchers, the city that
//! writes one from its programme, network staff who review it, another city that
//! takes it up.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use forja_core::policy::Role;

use crate::accounts::{Person, encode_form, form, person};
use crate::{TestApp, TestResponse, each_backend};

async fn get_as(app: &TestApp, uri: &str, who: &Person) -> TestResponse {
    let r = Request::get(uri)
        .header("cookie", format!("forja_session={}", who.session))
        .body(Body::empty())
        .unwrap();
    app.request(r).await
}

/// The hidden `version` of the first form posting to `action` on a page.
fn version_in(body: &str, action: &str) -> String {
    let at = body
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("no form to {action}"));
    let rest = &body[at..];
    let mark = "name=\"version\" value=\"";
    let v = rest.find(mark).expect("a version") + mark.len();
    rest[v..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn readers_see_published_practices_and_where_they_travelled() {
    each_backend(|app| async move {
        let list = app.get("/practices").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("href=\"/practices/resita-hala-minda\""));
        assert!(list.body.contains("taken up by one other city"));
        let page = app
            .get_with("/practices/resita-hala-minda", "accept-language", "ro")
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Unde a ajuns"));
        assert!(
            page.body.contains("href=\"/cities/galati\""),
            "Galați took it up"
        );
        assert!(
            page.body.contains("date demonstrative"),
            "figures labelled sample"
        );
        assert!(page.body.contains("rel=\"license\""));
        // The challenge it answers asks who else faces it.
        assert!(
            page.body
                .contains("href=\"/framework/challenges/industrial-decline/cities\"")
        );
        // Nobody signed in: no buttons of the review or of adoption.
        assert!(!page.body.contains("/adoptions\""));
        assert!(!page.body.contains("/submit\""));
        assert_eq!(
            app.get("/practices/no-such-case").await.status,
            StatusCode::NOT_FOUND
        );
        // Found by search in Romanian whatever the spelling of its letters, with its kind.
        for q in [
            "mediatori+%C3%AEncredere",
            "mediatoi+incredere",
            "Re%C5%9Fi%C5%A3a+mediatori",
        ] {
            let hits = app
                .get_with(
                    &format!("/search?q={q}&kind=practice"),
                    "accept-language",
                    "ro",
                )
                .await;
            assert_eq!(hits.status, StatusCode::OK);
            assert!(
                hits.body
                    .contains("href=\"/practices/resita-roma-work-and-learning\""),
                "{q}"
            );
        }
        let facet = app.get("/api/v1/search?q=hala+minda").await.json();
        assert!(
            facet["hits"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["kind"] == "practice")
        );
        // The city that wrote it, the city that took it up and the programme it
        // comes from all lead to it.
        let resita = app.get("/cities/resita").await;
        assert!(resita.body.contains("id=\"practices-heading\""));
        assert!(
            resita
                .body
                .contains("href=\"/practices/resita-hala-minda\"")
        );
        let galati = app.get("/cities/galati").await;
        assert!(galati.body.contains("Taken up from other cities"));
        assert!(
            galati
                .body
                .contains("href=\"/practices/resita-hala-minda\"")
        );
        let programme = app.get("/cities/resita/programmes/hala-minda").await;
        assert!(programme.body.contains("Written up as a good practice:"));
        assert!(
            programme
                .body
                .contains("href=\"/practices/resita-hala-minda\"")
        );
    })
    .await;
}

#[tokio::test]
async fn a_practice_goes_from_programme_to_published_through_review() {
    each_backend(|app| async move {
        let coordinator = person(&app, "coord", Role::CityCoordinator, Some("resita"), None).await;
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let admin = person(&app, "admin", Role::NetworkAdmin, None, None).await;

        // Two clicks: the button on the programme's page, then the form it opens.
        let programme = get_as(
            &app,
            "/cities/resita/programmes/vulnerable-groups-support",
            &editor,
        )
        .await;
        assert!(programme.body.contains("Write up as a good practice"));
        let made = app
            .request(form(
                "/cities/resita/programmes/vulnerable-groups-support/practice",
                Some(&editor),
                "",
            ))
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER);
        let edit = made.header("location").to_owned();
        assert_eq!(edit, "/practices/resita-vulnerable-groups-support/edit");
        let again = app
            .request(form(
                "/cities/resita/programmes/vulnerable-groups-support/practice",
                Some(&editor),
                "",
            ))
            .await;
        assert_eq!(
            again.header("location"),
            edit,
            "a second press opens the same draft"
        );
        let opened = get_as(&app, &edit, &editor).await;
        assert_eq!(opened.status, StatusCode::OK);
        // Filled in from the programme: its partners with their parts, its funding in
        // the reader's way of writing numbers, its target groups, its KFLC features.
        assert!(
            opened.body.contains("Municipal social-assistance budget"),
            "funding"
        );
        assert!(opened.body.contains("350000 RON"), "the amount");
        assert!(
            opened.body.contains("Deliver vocational courses"),
            "a partner's part"
        );
        assert!(
            opened.body.contains("value=\"roma\" checked"),
            "target groups"
        );

        // Unpublished: readers do not see it; its writers do, as a draft.
        let slug = "/practices/resita-vulnerable-groups-support";
        assert_eq!(app.get(slug).await.status, StatusCode::NOT_FOUND);
        assert!(
            !app.get("/practices")
                .await
                .body
                .contains("resita-vulnerable-groups-support")
        );
        let draft = get_as(&app, slug, &editor).await;
        assert!(draft.body.contains("Draft"));
        assert!(!draft.body.contains("/submit\""), "an editor cannot submit");

        // Saving the form: another city's programme is refused beside its field.
        let mut values = forja_core::edit::RawInput::new();
        for (k, v) in [
            ("title_en", "One door for training, legal aid and health"),
            (
                "summary_en",
                "Vulnerable residents get the three kinds of help side by side.",
            ),
            (
                "problem_en",
                "<script>alert(1)</script>People were sent from office to office.",
            ),
            ("programme", "port-skills"),
            ("licence", "CC-BY-4.0"),
            ("evidence", "self-reported"),
        ] {
            values.insert(k.into(), v.into());
        }
        let version = version_in(&opened.body, &edit);
        let refused = app
            .request(form(
                &edit,
                Some(&editor),
                &format!("{}version={version}", encode_form(&values)),
            ))
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            &refused.body[refused.body.find("<main").unwrap_or(0)..]
        );
        assert!(
            refused.body.contains("One door for training"),
            "what was typed is kept"
        );
        values.insert("programme".into(), "vulnerable-groups-support".into());
        let saved = app
            .request(form(
                &edit,
                Some(&editor),
                &format!("{}version={version}", encode_form(&values)),
            ))
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

        // The coordinator submits; staff return it (a note is required), the city edits,
        // submits again, staff pass and publish.
        let page = get_as(&app, slug, &coordinator).await;
        assert!(
            !page.body.contains("<script>alert(1)"),
            "script is never markup"
        );
        let v = version_in(&page.body, &format!("{slug}/submit"));
        let submitted = app
            .request(form(
                &format!("{slug}/submit"),
                Some(&coordinator),
                &format!("version={v}"),
            ))
            .await;
        assert_eq!(submitted.status, StatusCode::SEE_OTHER);
        let staff = get_as(&app, slug, &admin).await;
        assert!(staff.body.contains("Submitted for review"));
        let v = version_in(&staff.body, &format!("{slug}/review"));
        let mute = app
            .request(form(
                &format!("{slug}/review"),
                Some(&admin),
                &format!("version={v}&step=return&note="),
            ))
            .await;
        assert_eq!(
            mute.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "returned without a word"
        );
        let returned = app
            .request(form(
                &format!("{slug}/review"),
                Some(&admin),
                &format!("version={v}&step=return&note=Add+the+figures+of+2025."),
            ))
            .await;
        assert_eq!(returned.status, StatusCode::SEE_OTHER);
        let back = get_as(&app, slug, &coordinator).await;
        assert!(
            back.body.contains("Add the figures of 2025."),
            "the note reaches the city"
        );
        // Publishing what was never passed is refused by name, nothing changes.
        let v = version_in(&back.body, &format!("{slug}/submit"));
        let early = app
            .request(form(
                &format!("{slug}/review"),
                Some(&admin),
                &format!("version={v}&step=publish"),
            ))
            .await;
        assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.get(slug).await.status, StatusCode::NOT_FOUND);
        app.request(form(
            &format!("{slug}/submit"),
            Some(&coordinator),
            &format!("version={v}"),
        ))
        .await;
        let staff = get_as(&app, slug, &admin).await;
        let v = version_in(&staff.body, &format!("{slug}/review"));
        let passed = app
            .request(form(
                &format!("{slug}/review"),
                Some(&admin),
                &format!("version={v}&step=pass&note="),
            ))
            .await;
        assert_eq!(passed.status, StatusCode::SEE_OTHER);
        // Search has not seen it yet (and builds its index now).
        let before = app.get("/search?q=one+door+training&kind=practice").await;
        assert!(!before.body.contains("resita-vulnerable-groups-support"));
        let staff = get_as(&app, slug, &admin).await;
        let v = version_in(&staff.body, &format!("{slug}/review"));
        let published = app
            .request(form(
                &format!("{slug}/review"),
                Some(&admin),
                &format!("version={v}&step=publish"),
            ))
            .await;
        assert_eq!(published.status, StatusCode::SEE_OTHER);
        let public = app.get(slug).await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(public.body.contains("One door for training"));
        // Publishing writes no revision, yet search follows it (it looks again at most
        // once a second).
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let after = app.get("/search?q=one+door+training&kind=practice").await;
        assert!(
            after
                .body
                .contains("href=\"/practices/resita-vulnerable-groups-support\""),
            "published practices are found"
        );

        // The next edit is a draft again; readers keep the published version.
        let opened = get_as(&app, &edit, &editor).await;
        let version = version_in(&opened.body, &edit);
        values.insert("title_en".into(), "Renamed while in draft".into());
        app.request(form(
            &edit,
            Some(&editor),
            &format!("{}version={version}", encode_form(&values)),
        ))
        .await;
        let public = app.get(slug).await;
        assert!(public.body.contains("One door for training"));
        assert!(!public.body.contains("Renamed while in draft"));
        assert!(
            get_as(&app, slug, &editor)
                .await
                .body
                .contains("Renamed while in draft")
        );
    })
    .await;
}

#[tokio::test]
async fn another_city_records_taking_a_practice_up_and_bad_input_is_named() {
    each_backend(|app| async move {
        let galati = person(&app, "galati", Role::CityCoordinator, Some("galati"), None).await;
        let resita = person(&app, "resita", Role::CityCoordinator, Some("resita"), None).await;
        let slug = "/practices/resita-roma-work-and-learning";
        let page = get_as(&app, slug, &galati).await;
        assert!(page.body.contains(&format!("action=\"{slug}/adoptions\"")));
        // Reșița's own practice offers no adoption to Reșița, and refuses one by name.
        assert!(
            !get_as(&app, slug, &resita)
                .await
                .body
                .contains("/adoptions\"")
        );
        let own = app
            .request(form(
                &format!("{slug}/adoptions"),
                Some(&resita),
                "year=2025&note_en=Ours",
            ))
            .await;
        assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
        for (year, message) in [
            ("", "fill this in"),
            ("2O25", "a whole number"),
            ("1800", "1990"),
        ] {
            let r = app
                .request(form(
                    &format!("{slug}/adoptions"),
                    Some(&galati),
                    &format!("year={year}&note_ro=Am+%C3%AEnceput+cu+un+cartier."),
                ))
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{year:?}");
            assert!(
                r.body.to_lowercase().contains(message),
                "{year:?}: {message}"
            );
            assert!(
                r.body.contains("Am început cu un cartier."),
                "the note is kept"
            );
        }
        let done = app
            .request(form(
                &format!("{slug}/adoptions"),
                Some(&galati),
                "year=2025&note_ro=Am+%C3%AEnceput+cu+un+cartier.",
            ))
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        let page = app.get_with(slug, "accept-language", "ro").await;
        assert!(page.body.contains("href=\"/cities/galati\""));
        assert!(page.body.contains("Am început cu un cartier."));
        // Sent again, it updates Galați's record rather than adding a second one.
        app.request(form(
            &format!("{slug}/adoptions"),
            Some(&galati),
            "year=2025&note_ro=Acum+%C3%AEn+trei+cartiere.",
        ))
        .await;
        let page = app.get(slug).await;
        assert_eq!(page.body.matches("href=\"/cities/galati\"").count(), 1);
        assert!(page.body.contains("Acum în trei cartiere."));

        // Researchers download what readers see.
        let csv = app.get("/practices/export/practices.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.header("content-type").starts_with("text/csv"));
        let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
        let head = reader.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        let col = |name: &str| head.iter().position(|h| h == name).unwrap();
        let roma = rows
            .iter()
            .find(|r| &r[0] == "resita-roma-work-and-learning")
            .unwrap();
        assert_eq!(&roma[col("licence")], "CC-BY-4.0");
        assert_eq!(&roma[col("sample")], "true");
        assert!(roma[col("adopted_by")].split(';').any(|c| c == "galati"));
        assert!(roma[col("title_ro")].starts_with("Mediatori de încredere"));
        let json = app.get("/practices/export/practices.json").await.json();
        assert_eq!(json.as_array().unwrap().len(), 2);
        assert_eq!(json[0]["licence"], "CC-BY-4.0");
        assert_eq!(
            app.get("/practices/export/practices.xml").await.status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}

#[tokio::test]
async fn the_api_reads_published_practices_and_writes_with_the_version() {
    each_backend(|app| async move {
        let editor = person(&app, "api-editor", Role::CityEditor, Some("resita"), None).await;
        let list = app.get("/api/v1/practices").await;
        assert_eq!(list.status, StatusCode::OK);
        assert_eq!(list.json()["total"], 2);
        let one = app.get("/api/v1/practices/resita-hala-minda").await;
        assert_eq!(one.status, StatusCode::OK);
        let etag = one.header("etag").to_owned();
        assert!(etag.starts_with("\"1-"), "{etag}");
        let json = one.json();
        assert_eq!(json["fields"]["licence"], "CC-BY-4.0");
        assert_eq!(json["adoptions"][0]["city"]["slug"], "galati");
        // A change names the version read; an older one is a conflict.
        let change = |tag: &str, body: &str| {
            let mut r = crate::accounts::api(
                "PATCH",
                "/api/v1/practices/resita-hala-minda",
                Some(&editor),
                body,
            );
            r.headers_mut().insert("if-match", tag.parse().unwrap());
            r
        };
        let done = app
            .request(change(
                &etag,
                r#"{"results": {"en": "Figures of 2026 to come."}}"#,
            ))
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert_eq!(done.json()["version"], 2);
        let stale = app
            .request(change(&etag, r#"{"results": {"en": "Again."}}"#))
            .await;
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
        // Another city's programme or an unknown field: 422, nothing stored.
        let fresh = app.get("/api/v1/practices/resita-hala-minda").await;
        let tag = fresh.header("etag").to_owned();
        for body in [
            r#"{"programme": "port-skills"}"#,
            r#"{"licence": "all-rights-reserved"}"#,
            r#"{"colour": "red"}"#,
        ] {
            let r = app.request(change(&tag, body)).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        }
        // Readers keep the published words until staff publish the new version.
        let public = app.get("/api/v1/practices/resita-hala-minda").await.json();
        assert_eq!(public["shown_version"], 1);
        assert_eq!(public["version"], 2);
        assert!(
            !public["fields"]["results"]["en"]
                .as_str()
                .unwrap()
                .contains("Figures of 2026")
        );
        let export = app.get("/api/v1/practices/export").await.json();
        assert_eq!(export.as_array().unwrap().len(), 2);
    })
    .await;
}
