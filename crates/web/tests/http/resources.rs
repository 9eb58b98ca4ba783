//! The resource library as coordinators use it (the collections, the filter, one
//! resource's page, search) and as network staff keep it (add, change, take out).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use forja_core::policy::Role;

use crate::accounts::{Person, form, person};
use crate::{TestApp, TestResponse, each_backend};

async fn get_as(app: &TestApp, uri: &str, who: &Person) -> TestResponse {
    let r = Request::get(uri)
        .header("cookie", format!("forja_session={}", who.session))
        .body(Body::empty())
        .unwrap();
    app.request(r).await
}

/// The slugs a library page lists, in order.
fn listed(body: &str) -> Vec<String> {
    body.split("<h3><a href=\"/resources/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn coordinators_find_resources_by_collection_filter_and_search() {
    each_backend(|app| async move {
        let all = app.get_with("/resources", "accept-language", "ro").await;
        assert_eq!(all.status, StatusCode::OK);
        assert_eq!(listed(&all.body).len(), 4);
        assert!(
            all.body
                .contains("href=\"/resources?collection=start-here\"")
        );
        assert!(all.body.contains("Începeți de aici"));
        // Nobody signed in: no button to add one.
        assert!(!all.body.contains("href=\"/resources/new\""));

        let start = app.get("/resources?collection=start-here").await;
        assert_eq!(listed(&start.body).len(), 3);
        assert!(
            start
                .body
                .contains("<option value=\"start-here\" selected>")
        );
        // A KFLC area finds the resources naming any of its features.
        let area = app.get("/resources?kflc=3.1&level=").await;
        assert_eq!(
            listed(&area.body),
            [
                "uil-toolkit-learning-city-model",
                "oecd-jrc-composite-indicators-handbook"
            ]
        );
        let none = app.get("/resources?kind=template").await;
        assert!(listed(&none.body).is_empty());
        assert!(none.body.contains("No resource matches"));

        // Unknown values are named by their field, never a 500 nor a silent empty list.
        let bad = app
            .get("/resources?kind=podcast&language=%22%3Cscript%3E&kflc=1.*")
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        for field in ["Kind:", "Language:", "Key Features area:"] {
            assert!(bad.body.contains(field), "{field}");
        }
        assert!(!bad.body.contains("<script>"));

        let page = app
            .get_with(
                "/resources/oecd-jrc-composite-indicators-handbook",
                "accept-language",
                "ro",
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Deschideți resursa"));
        assert!(page.body.contains("rel=\"noopener noreferrer external\""));
        assert!(page.body.contains("href=\"/framework/kflc/3.1.3\""));
        assert!(page.body.contains("Toate drepturile rezervate editorului"));
        assert_eq!(
            app.get("/resources/no-such-guide").await.status,
            StatusCode::NOT_FOUND
        );

        let hits = app
            .get_with("/search?q=ponderarea+agregare", "accept-language", "ro")
            .await;
        assert!(
            hits.body
                .contains("href=\"/resources/oecd-jrc-composite-indicators-handbook\"")
        );
    })
    .await;
}

#[tokio::test]
async fn network_staff_keep_the_library_and_others_may_not() {
    each_backend(|app| async move {
        let admin = person(&app, "staff", Role::NetworkAdmin, None, None).await;
        let coordinator = person(&app, "coord", Role::CityCoordinator, Some("resita"), None).await;
        assert!(
            get_as(&app, "/resources", &admin)
                .await
                .body
                .contains("href=\"/resources/new\"")
        );
        assert_eq!(
            get_as(&app, "/resources/new", &coordinator).await.status,
            StatusCode::FORBIDDEN
        );
        let new = get_as(&app, "/resources/new", &admin).await;
        assert_eq!(new.status, StatusCode::OK);
        assert!(new.body.contains("name=\"collections\""));

        // Everything wrong at once is named by field, and what was typed stays.
        let refused = app
            .request(form(
                "/resources/new",
                Some(&admin),
                "title_ro=Ghid+de+monitorizare+%C3%AEn+ora%C8%99&kind=podcast\
                 &language=en&level=introductory&link=javascript%3Aalert(1)&year=2999",
            ))
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Ghid de monitorizare în oraș"));
        for field in ["summary_en", "kind", "link", "year"] {
            assert!(
                refused.body.contains(&format!("id=\"e-{field}\"")),
                "{field}"
            );
        }

        let made = app
            .request(form(
                "/resources/new",
                Some(&admin),
                "title_ro=Ghid+de+monitorizare+%C3%AEn+ora%C8%99\
                 &summary_ro=Cum+alege%C8%9Bi+indicatorii.&kind=template&language=ro\
                 &level=introductory&collections=monitoring&kflc=3.1.3\
                 &link=https%3A%2F%2Fexample.org%2Fghid&year=2024",
            ))
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER);
        let at = made.header("location");
        assert_eq!(at, "/resources/ghid-de-monitorizare-in-oras");
        let monitoring = app
            .get("/resources?collection=monitoring&language=ro")
            .await;
        assert_eq!(listed(&monitoring.body), ["ghid-de-monitorizare-in-oras"]);

        // The coordinator may not change or take it out.
        let edit = format!("{at}/edit");
        assert_eq!(
            app.request(form(&edit, Some(&coordinator), "version=1"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // Staff change it from version 1; a second change from the same version whose
        // fields clash is a conflict, not a silent overwrite.
        let body = |title: &str| {
            format!(
                "title_ro={title}&summary_ro=Cum+alege%C8%9Bi+indicatorii.&kind=template\
                 &language=ro&level=introductory&link=https%3A%2F%2Fexample.org%2Fghid\
                 &version=1"
            )
        };
        let first = app
            .request(form(&edit, Some(&admin), &body("Ghid+nou")))
            .await;
        assert_eq!(first.status, StatusCode::SEE_OTHER);
        let second = app
            .request(form(&edit, Some(&admin), &body("Alt+titlu")))
            .await;
        assert_eq!(second.status, StatusCode::CONFLICT);
        assert!(app.get(at).await.body.contains("Ghid nou"));

        let gone = app
            .request(form(
                &format!("{at}/delete"),
                Some(&admin),
                "version=2&confirm=yes",
            ))
            .await;
        assert_eq!(gone.status, StatusCode::SEE_OTHER);
        assert_eq!(app.get(at).await.status, StatusCode::NOT_FOUND);
        // Staff find it among those taken out, see its versions and bring it back.
        let library = get_as(&app, "/resources", &admin).await;
        assert!(library.body.contains(&format!("href=\"{at}/history\"")));
        let history = get_as(&app, &format!("{at}/history"), &admin).await;
        assert_eq!(history.status, StatusCode::OK);
        assert!(
            history
                .body
                .contains(&format!("action=\"{at}/history/2/restore\""))
        );
        assert_eq!(
            get_as(&app, &format!("{at}/history"), &coordinator)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let back = app
            .request(form(&format!("{at}/history/2/restore"), Some(&admin), ""))
            .await;
        assert_eq!(back.status, StatusCode::SEE_OTHER);
        let page = app.get(at).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Ghid nou"));
    })
    .await;
}

#[tokio::test]
async fn the_api_lists_filters_and_changes_resources_with_the_version() {
    each_backend(|app| async move {
        let list = app.get("/api/v1/resources?collection=monitoring").await;
        assert_eq!(list.status, StatusCode::OK);
        let json = list.json();
        let items = json["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["slug"], "oecd-jrc-composite-indicators-handbook");
        let bad = app.get("/api/v1/resources?level=expert").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("introductory, intermediate, advanced"));

        let uri = "/api/v1/resources/resita-learning-city-story";
        let one = app.get(uri).await;
        assert_eq!(one.status, StatusCode::OK);
        let etag = one.header("etag").to_owned();
        assert!(etag.starts_with("\"1-"), "{etag}");
        let admin = person(&app, "staff", Role::NetworkAdmin, None, None).await;
        let editor = person(&app, "ed", Role::CityEditor, Some("resita"), None).await;
        let patch = |who: &Person, if_match: &str, body: &str| {
            Request::patch(uri)
                .header("authorization", format!("Bearer {}", who.token))
                .header("content-type", "application/json")
                .header("if-match", if_match)
                .body(Body::from(body.to_owned()))
                .unwrap()
        };
        let refused = app
            .request(patch(&editor, &etag, r#"{"level": "advanced"}"#))
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let wrong = app
            .request(patch(&admin, &etag, r#"{"link": "ftp://example.org/x"}"#))
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        let done = app
            .request(patch(&admin, &etag, r#"{"level": "intermediate"}"#))
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert_eq!(done.json()["version"], 2);
        let stale = app
            .request(patch(&admin, &etag, r#"{"level": "advanced"}"#))
            .await;
        // A stale If-Match is a failed precondition.
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
        let now = app.get(uri).await.json();
        assert_eq!(now["fields"]["level"], "intermediate");
        assert_eq!(
            now["fields"]["collections"][0], "start-here",
            "the rest kept"
        );
    })
    .await;
}

#[tokio::test]
async fn a_resource_keeps_a_document_known_by_its_bytes() {
    each_backend(|app| async move {
        use crate::accounts::upload;
        let staff = person(&app, "staff", Role::NetworkAdmin, None, None).await;
        let coordinator = person(&app, "coord", Role::CityCoordinator, Some("resita"), None).await;
        let slug = "oecd-jrc-composite-indicators-handbook";
        let version = || async {
            app.store
                .resource_row(slug, false)
                .await
                .unwrap()
                .unwrap()
                .version
        };
        let send = |who: &Person, v: i32, name: &str, bytes: &[u8]| {
            upload(
                &format!("/resources/{slug}/file"),
                Some(who),
                &[("version", &v.to_string())],
                (name, "application/pdf"),
                bytes,
            )
        };
        let v = version().await;
        // A program named like a PDF, and an empty file: refused by name, nothing kept.
        let exe = app
            .request(send(&staff, v, "guide.pdf", b"MZ\x90\x00\x03\x00\x00\x00"))
            .await;
        assert_eq!(exe.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(exe.body.contains("id=\"e-file\""));
        assert!(exe.body.contains("PDF, DOCX"), "says what is kept");
        let empty = app.request(send(&staff, v, "guide.pdf", b"")).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(version().await, v, "nothing was saved");
        assert_eq!(
            app.request(send(&coordinator, v, "guide.pdf", b"%PDF-1.4\n"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // A real PDF head, with a Romanian name.
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".repeat(3000);
        let kept = app
            .request(send(&staff, v, "Ghid de monitorizare – oraș.pdf", &pdf))
            .await;
        assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.body);
        let page = app
            .get_with(&format!("/resources/{slug}"), "accept-language", "ro")
            .await;
        assert!(
            page.body.contains("Descărcați (PDF, 0,1 MB)"),
            "{}",
            page.body
        );
        assert!(
            page.body.contains("Păstrat aici, în engleză."),
            "kept here, not on the publisher's site"
        );
        // Anyone downloads it, under its name, never shown inline.
        let file = app.get(&format!("/resources/{slug}/file")).await;
        assert_eq!(file.status, StatusCode::OK);
        assert_eq!(file.header("content-type"), "application/pdf");
        assert!(
            file.header("content-disposition")
                .starts_with("attachment;")
                && file.header("content-disposition").contains(
                    "filename*=UTF-8''Ghid%20de%20monitorizare%20%E2%80%93%20ora%C8%99.pdf"
                ),
            "{}",
            file.header("content-disposition")
        );
        assert_eq!(file.bytes, pdf);
        // A stale version is a conflict, not a silent overwrite.
        assert_eq!(
            app.request(send(&staff, v, "other.pdf", b"%PDF-1.7\n"))
                .await
                .status,
            StatusCode::CONFLICT
        );
        // Editing the description through the form keeps the file.
        let (mut values, v) = {
            let r = app.store.resource_row(slug, false).await.unwrap().unwrap();
            let doc = forja_store::edit_resource::resource_document(&r).unwrap();
            (doc.to_input(), r.version)
        };
        values.insert("publisher".into(), "OECD and the JRC".into());
        let saved = app
            .request(form(
                &format!("/resources/{slug}/edit"),
                Some(&staff),
                &format!("{}version={v}", crate::accounts::encode_form(&values)),
            ))
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert_eq!(app.get(&format!("/resources/{slug}/file")).await.bytes, pdf);
        // A resource without a file has no download.
        assert_eq!(
            app.get("/resources/uil-toolkit-learning-city-model/file")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}
