//! Peer cities and "who has done this?", as readers, editors and programs use them.

use axum::http::StatusCode;
use forja_core::policy::Role;

use crate::accounts::{api, person};
use crate::each_backend;

/// The city links of a list of peers, in order (the part of the page after `from`).
fn linked_cities(body: &str, from: &str) -> Vec<String> {
    let start = body
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} on the page"));
    let list = &body[start..];
    let end = list.find("</ol>").unwrap_or(list.len());
    list[..end]
        .split("<li><a href=\"/cities/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_city_sees_the_cities_like_it_with_reasons_in_its_language() {
    each_backend(|app| async move {
        let page = app.get("/cities/resita").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Cities like this one"));
        let shown = linked_cities(&page.body, "id=\"peers-heading\"");
        assert_eq!(shown.len(), 5, "five on the city's page: {shown:?}");
        let mut first_two = shown[..2].to_vec();
        first_two.sort();
        assert_eq!(
            first_two,
            ["cugir", "galati"],
            "the two cities sharing its rated challenges come first"
        );
        assert!(
            page.body
                .contains("both rate “Loss of industrial jobs” 5 and 5 of 5"),
            "the reason in words"
        );
        let ro = app
            .get_with("/cities/resita/peers", "accept-language", "ro")
            .await;
        assert_eq!(ro.status, StatusCode::OK);
        assert!(ro.body.contains("Orașe asemănătoare cu Reșița"));
        assert!(ro.body.contains(
            "amândouă evaluează „Pierderea locurilor de muncă din industrie” cu 5 și 5 din 5"
        ));
        assert_eq!(linked_cities(&ro.body, "<ol class=\"peers\"").len(), 10);
        // The challenges table names the common challenge and asks who else faces it.
        assert!(
            page.body
                .contains("href=\"/framework/challenges/industrial-decline/cities\"")
        );
        // Over the API: the same list, with the share compared.
        let json = app.get("/api/v1/cities/resita/peers").await.json();
        let peers = json["peers"].as_array().expect("peers");
        assert_eq!(peers.len(), 10);
        let galati = peers
            .iter()
            .find(|p| p["city"]["slug"] == "galati")
            .expect("Galați");
        assert!(galati["compared"].as_f64().unwrap() > 0.9);
        assert!(
            galati["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["kind"] == "both-rate-severe"
                    && r["challenge"]["code"] == "industrial-decline"
                    && r["sample"] == true),
            "the demo's ratings are illustrative, and the reason says so"
        );
        // A member known only from the roster is compared on what it has.
        let unknown = app.get("/cities/eskisehir/peers").await;
        assert_eq!(unknown.status, StatusCode::OK);
        assert!(unknown.body.contains("Compared on"));
        assert_eq!(
            app.get("/cities/atlantis/peers").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get("/api/v1/cities/atlantis/peers").await.status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}

#[tokio::test]
async fn a_city_that_hides_is_suggested_to_no_one_but_still_sees_its_own() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("galati"), None).await;
        let v = app
            .store
            .city_by_slug("galati")
            .await
            .unwrap()
            .unwrap()
            .version;
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/galati",
                Some(&editor),
                &format!(r#"{{"version": {v}, "hidden_from_peers": true}}"#),
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(
            app.get("/api/v1/cities/galati").await.json()["hidden_from_peers"],
            true
        );
        let resita = app.get("/cities/resita/peers").await;
        assert!(
            !linked_cities(&resita.body, "<ol class=\"peers\"").contains(&"galati".to_owned()),
            "Galați is in no one's list"
        );
        let own = app.get("/cities/galati/peers").await;
        assert!(own.body.contains("asked not to be suggested"));
        assert!(linked_cities(&own.body, "<ol class=\"peers\"").contains(&"resita".to_owned()));
        // The form's checkbox, unticked, brings it back.
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/galati",
                Some(&editor),
                &format!(r#"{{"version": {}, "hidden_from_peers": "yes"}}"#, v + 1),
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a flag is true or false"
        );
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/galati",
                Some(&editor),
                &format!(r#"{{"version": {}, "hidden_from_peers": false}}"#, v + 1),
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let resita = app.get("/cities/resita/peers").await;
        assert!(linked_cities(&resita.body, "<ol class=\"peers\"").contains(&"galati".to_owned()));
    })
    .await;
}

#[tokio::test]
async fn who_has_done_this_ranks_cities_by_what_they_have_to_show() {
    each_backend(|app| async move {
        let challenge = app
            .get("/framework/challenges/industrial-decline/cities")
            .await;
        assert_eq!(challenge.status, StatusCode::OK);
        let cities = linked_cities(&challenge.body, "<ol class=\"peers\"");
        assert_eq!(
            cities[0], "resita",
            "the city with programmes first: {cities:?}"
        );
        assert!(cities.contains(&"galati".to_owned()) && cities.contains(&"cugir".to_owned()));
        assert!(
            challenge
                .body
                .contains("rates “Jobs lost as the steelworks and the shipyard shrink” 5 of 5")
        );
        // Reșița's written-up practice on it is named under the city.
        assert!(
            challenge
                .body
                .contains("Good practice: <a href=\"/practices/resita-hala-minda\">")
        );
        // A KFLC area gathers its features; the programmes serving them are named.
        let area = app.get("/framework/kflc/2.5/cities").await;
        assert_eq!(area.status, StatusCode::OK);
        assert!(area.body.contains("href=\"/cities/resita\""));
        assert!(area.body.contains("/cities/resita/programmes/"));
        let json = app
            .get("/api/v1/frameworks/kflc/nodes/2.5/cities")
            .await
            .json();
        assert_eq!(json["cities"][0]["city"]["slug"], "resita");
        // 2.2.1 (learning spaces in every community) is cited by the Hala Minda case.
        let feature = app
            .get("/api/v1/frameworks/kflc/nodes/2.2/cities")
            .await
            .json();
        assert_eq!(
            feature["cities"][0]["practices"][0]["slug"],
            "resita-hala-minda"
        );
        assert_eq!(feature["cities"][0]["practices"][0]["adopted_by"], 1);
        assert!(
            !json["cities"][0]["programmes"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        let node = app.get("/framework/kflc/2.5").await;
        assert!(node.body.contains("href=\"/framework/kflc/2.5/cities\""));
        for missing in [
            "/framework/kflc/9.9/cities",
            "/framework/nothing/2.5/cities",
            "/api/v1/frameworks/kflc/nodes/%3Cscript%3E/cities",
        ] {
            assert_eq!(
                app.get(missing).await.status,
                StatusCode::NOT_FOUND,
                "{missing}"
            );
        }
        let none = app
            .get("/framework/challenges/migrant-integration/cities")
            .await;
        assert!(none.body.contains("No member city has linked"));
    })
    .await;
}
