//! Adding member cities: GeoNames search fills in the form, only network administrators
//! add, and a new city can then write its first strategy.

use axum::http::StatusCode;
use forja_core::policy::Role;

use crate::accounts::{api, form, person};
use crate::each_backend;

#[tokio::test]
async fn an_admin_finds_a_place_adds_the_city_and_it_gets_a_strategy() {
    each_backend(|app| async move {
        let admin = person(&app, "admin", Role::NetworkAdmin, None, None).await;
        let cookie = format!("forja_session={}", admin.session);
        let search = app.get_with("/admin/cities/new?q=baia+mare", "cookie", &cookie).await;
        assert_eq!(search.status, StatusCode::OK);
        assert!(search.body.contains("/admin/cities/new?geonames=685826"), "Baia Mare is offered");
        let filled = app.get_with("/admin/cities/new?geonames=685826", "cookie", &cookie).await;
        for value in ["value=\"Baia Mare\"", "value=\"47.65729\"", "value=\"685826\"", "value=\"RO\" selected"] {
            assert!(filled.body.contains(value), "{value} filled in");
        }
        let r = app
            .request(form(
                "/admin/cities/new",
                Some(&admin),
                "name_ro=Baia+Mare&country=RO&latitude=47.65729&longitude=23.56808&population=108759&geonames_id=685826&joined_year=2025&default_locale=ro&languages=ro%2C+hu",
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.header("location"), "/cities/baia-mare");
        let page = app.get("/cities/baia-mare").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(app.get("/cities").await.body.contains("Baia Mare"));
        // The same address again is refused beside the field.
        let again = app
            .request(api(
                "POST",
                "/api/v1/cities",
                Some(&admin),
                r#"{"name": {"ro": "Baia Mare"}, "country": "RO", "latitude": 47.6, "longitude": 23.5, "joined_year": 2025, "default_locale": "ro"}"#,
            ))
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "taken, not malformed");
        assert_eq!(again.json()["errors"][0]["field"], "slug");
        // Its first strategy: the form starts blank (version 0) and saving creates it.
        let blank = app.get_with("/cities/baia-mare/strategy/edit", "cookie", &cookie).await;
        assert_eq!(blank.status, StatusCode::OK);
        assert!(blank.body.contains("name=\"version\" value=\"0\""));
        let r = app
            .request(form(
                "/cities/baia-mare/strategy/edit",
                Some(&admin),
                "version=0&title_en=Learning+Baia+Mare&period_start=2025&status=draft",
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(app.get("/cities/baia-mare/strategy").await.body.contains("Learning Baia Mare"));
    })
    .await;
}

#[tokio::test]
async fn only_admins_add_cities_and_bad_input_is_named() {
    each_backend(|app| async move {
        let coordinator = person(&app, "coordinator", Role::CityCoordinator, Some("resita"), None).await;
        let r = app
            .get_with(
                "/admin/cities/new",
                "cookie",
                &format!("forja_session={}", coordinator.session),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let places = app.get("/api/v1/places?q=resita").await;
        assert_eq!(places.status, StatusCode::OK);
        assert_eq!(places.json()["places"][0]["name"], "Reșița");
        assert_eq!(places.json()["places"][0]["country_name"]["ro"], "România");
        assert_eq!(app.get("/api/v1/places?q=").await.status, StatusCode::BAD_REQUEST);
        let admin = person(&app, "admin", Role::NetworkAdmin, None, None).await;
        let cookie = format!("forja_session={}", admin.session);
        let r = app.get_with("/admin/cities/new?geonames=abc", "cookie", &cookie).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let r = app
            .request(form(
                "/admin/cities/new",
                Some(&admin),
                "name_en=Atlantis&country=XX&latitude=95&longitude=10&joined_year=2025&default_locale=atlantean",
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        for id in ["e-country", "e-latitude", "e-default_locale"] {
            assert!(r.body.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(r.body.contains("value=\"Atlantis\""), "what was typed is kept");
        assert_eq!(app.get("/cities/atlantis").await.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn a_place_picked_in_romanian_is_written_the_romanian_way_and_saves_as_found() {
    each_backend(|app| async move {
        let admin = person(&app, "admin", Role::NetworkAdmin, None, None).await;
        let cookie = format!("forja_session={}; lang=ro", admin.session);
        let filled = app.get_with("/admin/cities/new?geonames=685826", "cookie", &cookie).await;
        assert_eq!(filled.status, StatusCode::OK);
        // Coordinates with a decimal comma, the population grouped as Romanian shows it.
        for value in ["value=\"47,65729\"", "value=\"23,56808\"", "value=\"685826\""] {
            assert!(filled.body.contains(value), "{value} filled in");
        }
        let population = filled.body.split("id=\"f-population\"").nth(1).unwrap();
        let population = population.split("value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
        assert!(population.contains('.'), "grouped: {population}");
        let mut r = form(
            "/admin/cities/new",
            Some(&admin),
            &format!(
                "name_ro=Baia+Mare&country=RO&latitude=47%2C65729&longitude=23%2C56808&population={}&geonames_id=685826&joined_year=2025&default_locale=ro&languages=ro",
                population.replace('.', "%2E")
            ),
        );
        r.headers_mut().insert("accept-language", "ro".parse().unwrap());
        let r = app.request(r).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let city = app.store.city_by_slug("baia-mare").await.unwrap().unwrap();
        assert_eq!((city.latitude, city.longitude), (47.65729, 23.56808));
        assert_eq!(city.population.map(|p| p.to_string()), Some(population.replace('.', "")));
    })
    .await;
}
