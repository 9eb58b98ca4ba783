//! No page shows a bare message id: every page a person can open, every edit form with
//! each field's label and hint, and forms sent back with errors, in English and in
//! Romanian, find every interface string they ask for.

use axum::http::StatusCode;
use forja_core::policy::Role;

use crate::accounts::{PROGRAMME, form, person};
use crate::{TestApp, each_backend};

/// The story editor's pages: its settings, then each page's form.
async fn story_pages(app: &TestApp) -> Vec<String> {
    let base = "/cities/resita/stories/resita-learns";
    let count = app
        .get(base)
        .await
        .body
        .matches("<section class=\"page ")
        .count();
    let mut out = vec![format!("{base}/edit"), format!("{base}/history")];
    out.extend((1..=count).map(|n| format!("{base}/edit/{n}")));
    out
}

#[tokio::test]
async fn every_page_and_form_finds_every_interface_string_in_both_languages() {
    each_backend(|app| async move {
        let admin = person(&app, "ada", Role::NetworkAdmin, None, None).await;
        let org = "resita-tourism-entrepreneurs";
        let mut pages: Vec<String> = [
            "/",
            "/cities",
            "/cities?region=africa",
            "/cities/larissa",
            "/search",
            "/search?q=invatare&kind=programme",
            "/search?q=nimic-de-gasit-aici",
            "/cities/resita",
            "/cities/resita/strategy",
            "/cities/resita/programmes",
            PROGRAMME,
            "/framework",
            "/framework/kflc",
            "/login",
            "/account",
            "/admin/audit",
            "/admin/cities/new",
            "/cities/resita/edit",
            "/cities/resita/history",
            "/cities/resita/people",
            "/cities/resita/media",
            "/cities/resita/stories",
            "/cities/resita/strategy/edit",
            "/cities/resita/strategy/history",
            "/cities/resita/strategy/objectives/new",
            "/cities/resita/strategy/objectives/O1/edit",
            "/cities/resita/programmes/new",
            "/cities/resita/programmes/deleted",
            "/cities/resita/organisations",
            "/cities/resita/organisations/new",
            "/framework/kflc/1/edit",
            "/cities/resita/monitoring",
            "/cities/resita/monitoring/4.3.1",
            "/cities/resita/monitoring/LC.VULNERABLE-LEARNERS?target-group=roma&sex=M",
            "/cities/resita/monitoring/LC.NEW-BUSINESSES",
            "/cities/resita/monitoring/4.3.1/edit",
            "/cities/resita/monitoring/import",
            "/indicators",
            "/indicators/4.3.1",
            "/practices",
            "/practices/resita-hala-minda",
            "/practices/resita-hala-minda/edit",
            "/resources",
            "/requests",
            "/cities/resita/requests/new",
            "/resources/new",
            "/resources/resita-learning-city-story",
            "/resources/resita-learning-city-story/edit",
            "/resources/resita-learning-city-story/history",
            "/nowhere-at-all",
        ]
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
        pages.push(format!("{PROGRAMME}/edit"));
        pages.push(format!("{PROGRAMME}/history"));
        pages.push(format!("/cities/resita/organisations/{org}/edit"));
        pages.extend(story_pages(&app).await);
        // A partner request, with a reply its city reads.
        let request = forja_core::edit::RequestFields {
            title: forja_core::LocalizedText::new().with("en", "Strings request"),
            summary: forja_core::LocalizedText::new().with("en", "Every label."),
            partner_kinds: vec!["city".into(), "ngo".into()],
            countries: vec!["HU".into()],
            languages: vec!["ro".into()],
            kflc: vec!["2.3".into()],
            call: Some("Erasmus+".into()),
            deadline: chrono::Utc::now()
                .date_naive()
                .checked_add_days(chrono::Days::new(9)),
            reply_cap: 5,
            ..Default::default()
        };
        let resita = app.store.city_by_slug("resita").await.unwrap().unwrap().id;
        let galati = app.store.city_by_slug("galati").await.unwrap().unwrap().id;
        let id = app
            .store
            .create_request(resita, "resita-strings-request", &request, None, 0)
            .await
            .unwrap()
            .unwrap();
        let what = forja_services::notices::What::RequestReply {
            request: request.title.clone(),
            city: forja_core::LocalizedText::new().with("ro", "Galați"),
        };
        let notice = what.notice("/requests/resita-strings-request".into());
        let reply = forja_store::edit_request::NewReply {
            request_id: id,
            city_id: galati,
            user_id: None,
            message: "We are in.",
            cap: 5,
            tell: &[admin.user_id],
            notice: &notice,
        };
        app.store.add_reply(&reply, 0).await.unwrap();
        pages.push("/requests/resita-strings-request".into());
        pages.push("/requests/resita-strings-request/edit".into());
        // A discussion with positions, a hidden post and a closed one, as staff see them.
        let opened = forja_store::discussions::NewDiscussion {
            slug: "strings-discussion".into(),
            subject_kind: "practice".into(),
            subject: "resita-hala-minda".into(),
            title: "Strings".into(),
            body: "Does it *travel*?".into(),
            asks_position: true,
            user_id: Some(admin.user_id),
            city_id: None,
        };
        let d = app.store.create_discussion(&opened, 0).await.unwrap().unwrap();
        let quiet = forja_services::notices::What::DiscussionReply {
            discussion: "Strings".into(),
            author: "Ada".into(),
        }
        .notice("/discussions/strings-discussion".into());
        for (depth, position) in [(0, Some("for")), (0, Some("against"))] {
            let post = forja_store::discussions::NewPost {
                discussion_id: d,
                parent_id: None,
                depth,
                user_id: None,
                body: "Yes.",
                position,
                tell: &[admin.user_id],
                notice: &quiet,
            };
            app.store.add_post(&post, 0).await.unwrap();
        }
        let hidden = app.store.posts(d).await.unwrap()[0].id;
        for reporter in ["r1", "r2", "r3"] {
            let r = person(&app, reporter, Role::Reader, None, None).await;
            app.store.report_post(hidden, r.user_id, 0).await.unwrap();
        }
        pages.push("/discussions".into());
        pages.push("/discussions?practice=resita-hala-minda".into());
        pages.push("/discussions/new?theme=kflc:2.3".into());
        pages.push("/discussions/strings-discussion".into());
        // Ada, a new account, has written her share for now.
        for _ in 0..3 {
            let post = forja_store::discussions::NewPost {
                discussion_id: d,
                parent_id: None,
                depth: 0,
                user_id: Some(admin.user_id),
                body: "Mine.",
                position: Some("neutral"),
                tell: &[],
                notice: &quiet,
            };
            app.store
                .add_post(&post, chrono::Utc::now().timestamp())
                .await
                .unwrap();
        }
        let closing = forja_store::discussions::NewDiscussion {
            slug: "strings-closed".into(),
            asks_position: false,
            ..opened.clone()
        };
        let closed = app.store.create_discussion(&closing, 0).await.unwrap().unwrap();
        let audit = forja_store::accounts::AuditEntry {
            event: "discussion-closed",
            user_id: None,
            subject: None,
            client: None,
            detail: None,
        };
        app.store.close_discussion(closed, "Landed.", audit, 0).await.unwrap();
        pages.push("/discussions/strings-closed".into());
        // The inbox with a notification in it, and the unsubscribe link's page.
        pages.push("/inbox".into());
        let token = app
            .store
            .mail_setting(admin.user_id, &"b".repeat(64))
            .await
            .unwrap()
            .token;
        pages.push(format!("/unsubscribe/{token}"));
        // The mail of that notification, in each language (composed, not sent).
        let mailer =
            forja_web::mail::Mailer::new("smtp://127.0.0.1:9", "Forja <f@test.forja>", "https://x")
                .unwrap();
        let row = app.store.inbox(admin.user_id, 1).await.unwrap().remove(0);
        for locale in forja_core::Locale::ALL {
            let mail = forja_services::notices::Outgoing {
                row: row.clone(),
                to_email: "ada@test.forja".into(),
                to_name: "Ada".into(),
                locale: Some(locale),
                notice: forja_services::notices::NoticeView {
                    what: what.clone(),
                    link: row.link.clone(),
                    at: 0,
                    unread: true,
                },
                unsubscribe_token: token.clone(),
            };
            assert!(mailer.compose(&mail).is_ok());
        }
        for lang in ["en", "ro"] {
            let cookie = format!("forja_session={}; lang={lang}", admin.session);
            for page in &pages {
                let r = app.get_with(page, "cookie", &cookie).await;
                assert!(
                    r.status == StatusCode::OK || page == "/nowhere-at-all",
                    "{page} ({lang}): {}",
                    r.status
                );
            }
            // Forms sent back with an error in every field they check.
            let long = "x".repeat(5000);
            for uri in [
                "/cities/resita/programmes/new",
                "/cities/resita/strategy/objectives/new",
                "/cities/resita/organisations/new",
                "/resources/new",
                "/cities/resita/requests/new",
            ] {
                let mut request = form(
                    uri,
                    Some(&admin),
                    &format!("title={long}&name={long}&code="),
                );
                request
                    .headers_mut()
                    .append("cookie", format!("lang={lang}").parse().unwrap());
                let r = app.request(request).await;
                assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
            }
            // A discussion refused by field, and posts refused each way there is.
            for (uri, body) in [
                (
                    "/discussions/new",
                    format!("subject_kind=practice&subject=resita-hala-minda&title={long}&body="),
                ),
                ("/discussions/strings-discussion/posts", "body=Hm.".into()),
                ("/discussions/strings-discussion/posts", "body=Hm.&position=for".into()),
                ("/discussions/strings-closed/posts", "body=Hm.".into()),
                ("/discussions/strings-closed/close", "summary=".into()),
            ] {
                let mut request = form(uri, Some(&admin), &body);
                request
                    .headers_mut()
                    .append("cookie", format!("lang={lang}").parse().unwrap());
                let r = app.request(request).await;
                assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{uri} {body}");
            }
            // A table with wrong cells, a data file with wrong rows, one unreadable.
            let mut request = form(
                "/cities/resita/monitoring/4.3.1/edit",
                Some(&admin),
                "p%3A0=2019&c%3A0%3A0=abc&w%3A0%3A0=9&p%3A0=2019&c%3A0%3A1=140&w%3A0%3A1=9.6&p%3A7=20X&c%3A7%3A0=5&w%3A7%3A0=",
            );
            request.headers_mut().append("cookie", format!("lang={lang}").parse().unwrap());
            assert_eq!(app.request(request).await.status, StatusCode::UNPROCESSABLE_ENTITY);
            for (csv, status) in [
                (&b"Indicator,Year,Sex,Value,Observation status,Sample,ACTION\n4.3.1,2019-X,Other,abc,Z,maybe,Q\n9.9.9,2020,,,,,\n4.3.1,2021,,140,,,\n4.3.1,2021,,40,,,\nLC.OPPORTUNITIES,2022,F,1,,,\n"[..], StatusCode::OK),
                (&b"Indicator,Year,Amount\n4.3.1,2020,1\n"[..], StatusCode::UNPROCESSABLE_ENTITY),
            ] {
                let mut request = crate::accounts::data_file("/cities/resita/monitoring/import", Some(&admin), csv);
                request.headers_mut().append("cookie", format!("lang={lang}").parse().unwrap());
                assert_eq!(app.request(request).await.status, status);
            }
        }
        let missing = forja_web::i18n::missing_strings();
        assert!(
            missing.is_empty(),
            "interface strings missing: {missing:#?}"
        );
    })
    .await;
}

/// The tags of `html` named `name` (`<input ...>`), as written.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    html.match_indices(&format!("<{name} "))
        .filter_map(|(at, _)| html[at..].find('>').map(|end| &html[at..=at + end]))
        .collect()
}

#[tokio::test]
async fn every_text_field_declares_its_limit_and_a_refused_title_stays_in_its_field() {
    each_backend(|app| async move {
        let admin = person(&app, "ada", Role::NetworkAdmin, None, None).await;
        let cookie = format!("forja_session={}", admin.session);
        let mut forms: Vec<String> = [
            "/login",
            "/account",
            "/admin/cities/new",
            "/cities/resita/edit",
            "/cities/resita/people",
            "/cities/resita/media",
            "/cities/resita/stories",
            "/cities/resita/strategy/edit",
            "/cities/resita/strategy/objectives/new",
            "/cities/resita/strategy/objectives/O1/edit",
            "/cities/resita/programmes/new",
            "/cities/resita/organisations/new",
            "/framework/kflc/1/edit",
        ]
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
        forms.push(format!("{PROGRAMME}/edit"));
        forms.extend(story_pages(&app).await);
        let mut undeclared = Vec::new();
        for uri in &forms {
            let body = app.get_with(uri, "cookie", &cookie).await.body;
            let typed = tags(&body, "input").into_iter().filter(|t| {
                !["hidden", "checkbox", "radio", "color", "file", "submit"]
                    .iter()
                    .any(|k| t.contains(&format!("type=\"{k}\"")))
            });
            for tag in typed.chain(tags(&body, "textarea")) {
                if !tag.contains("maxlength=\"") {
                    let name = tag
                        .split("name=\"")
                        .nth(1)
                        .and_then(|n| n.split('"').next());
                    undeclared.push(format!("{uri}: {}", name.unwrap_or(tag)));
                }
            }
        }
        assert!(
            undeclared.is_empty(),
            "text fields with no maxlength: {undeclared:#?}"
        );
        // A title far too long is refused beside its field, which keeps what was typed;
        // the page's heading keeps the saved title instead of printing it.
        let long = "Ș".repeat(5000);
        let saved = app
            .get_with(&format!("{PROGRAMME}/edit"), "cookie", &cookie)
            .await
            .body;
        let version = saved
            .split("name=\"version\" value=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap()
            .to_owned();
        let mut input = crate::accounts::programme_input(&app, "hala-minda").await;
        input.insert("title_en".into(), long.clone());
        input.insert("version".into(), version);
        let r = app
            .request(form(
                &format!("{PROGRAMME}/edit"),
                Some(&admin),
                &crate::accounts::encode_form(&input),
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let h1 = r
            .body
            .split("<h1>")
            .nth(1)
            .and_then(|h| h.split("</h1>").next())
            .unwrap();
        assert!(
            !h1.contains(&long[..20]),
            "the heading keeps the saved title: {}",
            &h1[..h1.len().min(120)]
        );
        assert!(h1.chars().count() < 300, "{}", h1.chars().count());
        let field = tags(&r.body, "input")
            .into_iter()
            .find(|t| t.contains("name=\"title_en\""))
            .unwrap();
        assert!(field.contains(&long), "the field shows what was typed");
        assert!(field.contains("aria-invalid=\"true\""));
        assert!(
            r.body.contains("id=\"e-title_en\""),
            "the error sits beside the field"
        );
    })
    .await;
}
