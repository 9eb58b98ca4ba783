//! Partner requests as cities use them: one city publishes what it seeks (bad input
//! named, what was typed kept), others answer within the cap and the deadline, the
//! requester reads the replies and closes the request.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{Days, Utc};
use forja_core::policy::Role;

use crate::accounts::{Person, form, person};
use crate::{TestApp, TestResponse, each_backend};

async fn get_as(app: &TestApp, uri: &str, who: &Person) -> TestResponse {
    let r = Request::get(uri)
        .header("cookie", format!("forja_session={}; lang=ro", who.session))
        .body(Body::empty())
        .unwrap();
    app.request(r).await
}

/// A date `days` from today as a Romanian writes it.
fn in_days(days: u64) -> String {
    (Utc::now().date_naive() + Days::new(days))
        .format("%d.%m.%Y")
        .to_string()
}

fn ro(mut r: Request<Body>) -> Request<Body> {
    r.headers_mut().append("cookie", "lang=ro".parse().unwrap());
    r
}

#[tokio::test]
async fn a_city_asks_for_partners_and_others_answer_within_its_limits() {
    each_backend(|app| async move {
        let resita = person(&app, "resita", Role::CityCoordinator, Some("resita"), None).await;
        let galati = person(&app, "galati", Role::CityEditor, Some("galati"), None).await;
        let cugir = person(&app, "cugir", Role::CityEditor, Some("cugir"), None).await;
        let list = get_as(&app, "/requests", &resita).await;
        assert!(list.body.contains("href=\"/cities/resita/requests/new\""));
        // The demo's request is labelled as sample data.
        let sample = app
            .get_with(
                "/requests/cugir-sample-family-learning-partners",
                "accept-language",
                "ro",
            )
            .await;
        assert_eq!(sample.status, StatusCode::OK);
        assert!(sample.body.contains("date demonstrative"));
        assert_eq!(
            get_as(&app, "/cities/galati/requests/new", &resita)
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Everything wrong at once, named by field; what was typed stays.
        let bad = app
            .request(ro(form(
                "/cities/resita/requests/new",
                Some(&resita),
                "title_ro=Parteneri+pentru+ateliere&summary_ro=Doi+ani.&countries=RO%2C+XX\
                 &deadline=01.01.2020&reply_cap=500",
            )))
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for field in ["partner_kinds", "countries", "deadline", "reply_cap"] {
            assert!(bad.body.contains(&format!("id=\"e-{field}\"")), "{field}");
        }
        assert!(bad.body.contains("Parteneri pentru ateliere"));

        let made = app
            .request(ro(form(
                "/cities/resita/requests/new",
                Some(&resita),
                &format!(
                    "title_ro=Parteneri+pentru+ateliere+de+meserii\
                     &summary_ro=Doi+ani+cu+%C8%99coli+profesionale.&partner_kinds=city\
                     &partner_kinds=school-university&countries=ro%2C+hu&languages=ro%2C+en\
                     &call=Erasmus%2B+KA220-ADU+2027&deadline={}&reply_cap=2",
                    in_days(40)
                ),
            )))
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let at = made.header("location").to_owned();
        assert_eq!(at, "/requests/resita-parteneri-pentru-ateliere-de-meserii");
        let public = app.get_with(&at, "accept-language", "ro").await;
        assert!(public.body.contains("Ungaria"));
        assert!(public.body.contains("Erasmus+ KA220-ADU 2027"));
        assert!(public.body.contains("0 din cele 2"));
        assert!(
            !public.body.contains("name=\"message\""),
            "no reply box for readers"
        );

        // The requester cannot answer itself.
        let own = app
            .request(ro(form(
                &format!("{at}/replies"),
                Some(&resita),
                "message=Noi",
            )))
            .await;
        assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(own.body.contains("cererea propriului oraș"));

        // Galați answers; script in the words stays words.
        let reply = app
            .request(ro(form(
                &format!("{at}/replies"),
                Some(&galati),
                "message=Avem+dou%C4%83+%C8%99coli.+%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            )))
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        let seen = get_as(&app, &at, &resita).await;
        assert!(seen.body.contains("Avem două școli."));
        // Reșița is offered the cities with evidence on the theme, in the countries
        // it named, itself left out.
        let suggested = seen.body.split("id=\"suggested\"").nth(1).unwrap_or("");
        let suggested = suggested.split("id=\"replies\"").next().unwrap();
        assert!(!suggested.contains("href=\"/cities/resita\""));
        assert!(seen.body.contains("alert(1)"));
        assert!(!seen.body.contains("<script>alert"));
        assert!(seen.body.contains("1 din cele 2"));
        // Readers and other cities do not read Galați's words.
        assert!(!app.get(&at).await.body.contains("Avem două școli."));
        assert!(
            !get_as(&app, &at, &cugir)
                .await
                .body
                .contains("Avem două școli.")
        );
        // Sent again, Galați's reply is updated and keeps its one place.
        app.request(ro(form(
            &format!("{at}/replies"),
            Some(&galati),
            "message=Avem+trei+%C8%99coli.",
        )))
        .await;
        let seen = get_as(&app, &at, &resita).await;
        assert!(seen.body.contains("Avem trei școli."));
        assert!(seen.body.contains("1 din cele 2"));

        // Cugir takes the last place; the request is then full for anyone else.
        let empty = app
            .request(ro(form(
                &format!("{at}/replies"),
                Some(&cugir),
                "message=+",
            )))
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        let last = app
            .request(ro(form(
                &format!("{at}/replies"),
                Some(&cugir),
                "message=Cugir+vine.",
            )))
            .await;
        assert_eq!(last.status, StatusCode::SEE_OTHER);
        let larissa = person(&app, "larissa", Role::CityEditor, Some("larissa"), None).await;
        let full = app
            .request(ro(form(
                &format!("{at}/replies"),
                Some(&larissa),
                "message=%C8%98i+noi.",
            )))
            .await;
        assert_eq!(full.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(full.body.contains("toate răspunsurile"));
        assert!(full.body.contains("Și noi."), "the words typed are kept");

        // Reșița closes it: Galați can no longer change its reply.
        let closed = app
            .request(form(&format!("{at}/close"), Some(&resita), ""))
            .await;
        assert_eq!(closed.status, StatusCode::SEE_OTHER);
        let late = app
            .request(ro(form(
                &format!("{at}/replies"),
                Some(&galati),
                "message=Mai+t%C3%A2rziu.",
            )))
            .await;
        assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(late.body.contains("a închis această cerere"));
        let list = app.get_with("/requests", "accept-language", "ro").await;
        assert!(list.body.contains("Închisă"));
        // The API shows the request, never the replies.
        let api = app
            .get("/api/v1/requests/resita-parteneri-pentru-ateliere-de-meserii")
            .await;
        assert_eq!(api.status, StatusCode::OK);
        assert!(api.header("etag").starts_with("\"1-"));
        let json = api.json();
        assert_eq!(json["state"], "closed");
        assert_eq!(json["replies_taken"], 2);
        assert_eq!(json["replies"].as_array().unwrap().len(), 0);
        assert_eq!(json["fields"]["countries"][1], "HU");
        let all = app.get("/api/v1/requests").await.json();
        // Reșița's and the demo's sample request of Cugir.
        assert_eq!(all["items"].as_array().unwrap().len(), 2);

        // Galați asks about workplace learning: Reșița, with programmes (and a
        // practice) on it, is suggested; limited to Hungary, nobody is.
        for (countries, expect_resita) in [("", true), ("HU", false)] {
            let made = app
                .request(form(
                    "/cities/galati/requests/new",
                    Some(&galati),
                    &format!(
                        "title_en=Workplace+learning+{countries}&summary_en=Firms+and+schools.\
                         &partner_kinds=city&kflc=2.3&countries={countries}&deadline={}",
                        Utc::now().date_naive() + Days::new(20)
                    ),
                ))
                .await;
            assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
            let page = get_as(&app, made.header("location"), &galati).await;
            assert_eq!(
                page.body.contains("id=\"suggested\"")
                    && page.body.contains("href=\"/cities/resita\""),
                expect_resita,
                "{countries:?}"
            );
        }
        // Looking for firms instead, Galați is shown the companies that work in
        // Reșița's programmes on the theme, with their role, and no city.
        let made = app
            .request(form(
                "/cities/galati/requests/new",
                Some(&galati),
                &format!(
                    "title_en=Firms+that+train&summary_en=Apprenticeships.&partner_kinds=business&kflc=2.3&deadline={}",
                    Utc::now().date_naive() + Days::new(20)
                ),
            ))
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let page = get_as(&app, made.header("location"), &galati).await;
        let suggested = page.body.split("id=\"suggested\"").nth(1).unwrap();
        let cities = suggested.split("id=\"suggested-organisations\"").next().unwrap();
        assert!(!cities.contains("href=\"/cities/resita\""), "no city when none is sought");
        let orgs = page
            .body
            .split("id=\"suggested-organisations\"")
            .nth(1)
            .expect("organisations are suggested");
        let orgs = orgs.split("id=\"replies\"").next().unwrap();
        assert!(orgs.contains("Companiile din industria metalurgică a Reșiței"), "{orgs}");
        assert!(orgs.contains("href=\"/cities/resita/programmes/hala-minda\""));
        assert!(!orgs.contains("Primăria"), "only the kinds asked for");
    })
    .await;
}

#[tokio::test]
async fn a_request_past_its_deadline_takes_no_reply() {
    each_backend(|app| async move {
        let galati = person(&app, "galati", Role::CityEditor, Some("galati"), None).await;
        let fields = forja_core::edit::RequestFields {
            title: forja_core::LocalizedText::new().with("en", "Old request"),
            summary: forja_core::LocalizedText::new().with("en", "Long ago."),
            partner_kinds: vec!["ngo".into()],
            deadline: Utc::now().date_naive().checked_sub_days(Days::new(1)),
            reply_cap: 10,
            ..Default::default()
        };
        let resita = app.store.city_by_slug("resita").await.unwrap().unwrap().id;
        app.store
            .create_request(resita, "resita-old-request", &fields, None, 0)
            .await
            .unwrap()
            .unwrap();
        let page = app.get("/requests/resita-old-request").await;
        assert!(page.body.contains("Past its deadline"));
        let r = app
            .request(form(
                "/requests/resita-old-request/replies",
                Some(&galati),
                "message=Too+late%3F",
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("deadline of this request has passed"));
        // Its city moves the deadline through the form: the request opens again.
        let editor = person(&app, "resita", Role::CityEditor, Some("resita"), None).await;
        let edit = "/requests/resita-old-request/edit";
        let form_page = get_as(&app, edit, &editor).await;
        assert_eq!(form_page.status, StatusCode::OK);
        assert_eq!(
            get_as(&app, edit, &galati).await.status,
            StatusCode::FORBIDDEN
        );
        let moved = app
            .request(ro(form(
                edit,
                Some(&editor),
                &format!(
                    "title_en=Old+request&summary_en=Long+ago.&partner_kinds=ngo\
                     &partner_kinds=city&deadline={}&reply_cap=10&version=1",
                    in_days(10)
                ),
            )))
            .await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
        let r = app
            .request(form(
                "/requests/resita-old-request/replies",
                Some(&galati),
                "message=Now+in+time.",
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(
            app.get("/requests/no-such-request").await.status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}
