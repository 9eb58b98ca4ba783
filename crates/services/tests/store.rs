//! Store and loader behaviour on SQLite and PostgreSQL: imports are all or nothing,
//! frameworks are versioned, and reads see exactly what was written.

mod common;
use common::empty_stores as stores;

use forja_core::docs::{CityDoc, NetworkDoc};
use forja_services::builtin;
use forja_services::catalogue;
use forja_store::import::DemoImport;

fn demo_docs() -> (NetworkDoc, Vec<CityDoc>) {
    let network: NetworkDoc = toml::from_str(builtin::DEMO_NETWORK.1).unwrap();
    let cities = builtin::DEMO_CITIES
        .iter()
        .map(|(_, text)| toml::from_str(text).unwrap())
        .collect();
    (network, cities)
}

#[tokio::test]
async fn a_broken_reference_rolls_back_the_whole_import() {
    for store in stores().await {
        catalogue::load_builtin_frameworks(&store).await.unwrap();
        let (network, mut cities) = demo_docs();
        // The last city refers to a KFLC feature that does not exist.
        let strategy = cities[0].strategy.clone();
        let last = cities.last_mut().unwrap();
        last.strategy = strategy;
        last.strategy.as_mut().unwrap().objectives[0]
            .kflc
            .push("9.9.9".into());
        let err = store
            .import_network(&network, &cities, &[])
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("9.9.9"),
            "the error names the broken reference: {err}"
        );
        assert!(
            store.is_empty().await.unwrap(),
            "{}: nothing from the failed import remains",
            store.backend_name()
        );
        assert_eq!(store.programme_count().await.unwrap(), 0);
        assert!(store.cities().await.unwrap().is_empty());
        // The same data without the broken reference loads.
        let (network, cities) = demo_docs();
        let loaded = store.import_network(&network, &cities, &[]).await.unwrap();
        assert_eq!(
            loaded,
            DemoImport::Loaded {
                cities: 3,
                unplaced: 0,
                programmes: 13
            }
        );
    }
}

#[tokio::test]
async fn frameworks_update_in_place_when_their_version_changes() {
    for store in stores().await {
        assert_eq!(
            catalogue::load_builtin_frameworks(&store).await.unwrap(),
            builtin::FRAMEWORKS.len(),
            "every built-in framework is new to an empty store"
        );
        let generation = store.generation().await.unwrap();
        let mut doc: forja_core::docs::FrameworkDoc =
            toml::from_str(builtin::FRAMEWORKS[1].1).unwrap();
        doc.framework.version = "test-2".into();
        doc.nodes[0].title = doc.nodes[0].title.clone().with("en", "Plan together");
        store.import_framework(&doc).await.unwrap();
        let f = store
            .framework_by_code("guidelines")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(f.version, "test-2");
        let nodes = store.nodes_of(f.id).await.unwrap();
        assert_eq!(nodes.len(), 6, "updated in place, nothing duplicated");
        assert_eq!(nodes[0].title["en"], "Plan together");
        assert!(
            store.generation().await.unwrap() > generation,
            "caches learn of the change"
        );
    }
}

#[tokio::test]
async fn texts_round_trip_in_both_languages_with_romanian_letters() {
    for store in stores().await {
        catalogue::load_builtin_frameworks(&store).await.unwrap();
        catalogue::load_demo(&store).await.unwrap();
        let city = store.city_by_slug("resita").await.unwrap().unwrap();
        assert_eq!(city.name["ro"], "Reșița", "{}", store.backend_name());
        assert_eq!(
            city.joined_on.map(|d| d.to_string()).as_deref(),
            Some("2022-09-02")
        );
        let profile = forja_services::city_profile(&store, "resita")
            .await
            .unwrap();
        assert_eq!(profile.summary.population, Some(81228));
        assert!(profile.languages.contains(&"ro".to_owned()));
    }
}

#[tokio::test]
async fn publishing_counts_as_a_change_of_the_city_for_followers() {
    for store in common::stores().await {
        let city = store.city_by_slug("cugir").await.unwrap().unwrap();
        let fields = forja_core::edit::PracticeFields {
            title: forja_core::LocalizedText::new().with("en", "Followed"),
            summary: forja_core::LocalizedText::new().with("en", "Found once published."),
            ..Default::default()
        };
        // Written long ago, published now: no revision is recent, the publication is.
        let id = store
            .create_practice(city.id, "cugir-followed", &fields, None, 10)
            .await
            .unwrap()
            .unwrap();
        let since = forja_services::auth::now() + 1_000;
        assert!(
            !store
                .cities_revised_since(since)
                .await
                .unwrap()
                .contains(&city.id),
            "nothing of Cugir changed since"
        );
        assert!(store.publish_practice(id, 1, since + 5).await.unwrap());
        assert!(
            store
                .cities_revised_since(since)
                .await
                .unwrap()
                .contains(&city.id)
        );
    }
}

#[tokio::test]
async fn replies_at_the_same_moment_never_pass_the_cap() {
    use forja_store::edit_request::{NewReply, Replied};
    for store in common::stores().await {
        let resita = store.city_by_slug("resita").await.unwrap().unwrap();
        let fields = forja_core::edit::RequestFields {
            title: forja_core::LocalizedText::new().with("en", "One place"),
            summary: forja_core::LocalizedText::new().with("en", "First come."),
            partner_kinds: vec!["city".into()],
            reply_cap: 1,
            ..Default::default()
        };
        let id = store
            .create_request(resita.id, "resita-one-place", &fields, None, 0)
            .await
            .unwrap()
            .unwrap();
        let editor = user_of(&store, "one-place@test.forja", Some(resita.id)).await;
        let notice = forja_store::notify::Notice {
            kind: "request-reply".into(),
            document: serde_json::json!({}),
            link: "/requests/resita-one-place".into(),
        };
        let reply = |city: i32, message: &'static str, cap: i32| NewReply {
            request_id: id,
            city_id: city,
            user_id: None,
            message,
            cap,
            tell: std::slice::from_ref(&editor),
            notice: &notice,
        };
        let mut others = Vec::new();
        for slug in ["galati", "cugir", "larissa", "limerick"] {
            if let Some(c) = store.city_by_slug(slug).await.unwrap() {
                others.push(c.id);
            }
        }
        assert!(others.len() >= 3, "the demo network has these members");
        // All at once: one takes the place, the others find it full.
        let outcomes = futures_util::future::join_all(others.iter().map(|city| {
            let store = store.clone();
            let reply = reply(*city, "Count us in.", 1);
            async move { store.add_reply(&reply, 1).await.unwrap() }
        }))
        .await;
        let added = outcomes.iter().filter(|o| **o == Replied::Added).count();
        assert_eq!(added, 1, "{outcomes:?}");
        assert_eq!(store.replies(id).await.unwrap().len(), 1);
        // The city that got the place may still change its words.
        let winner = store.replies(id).await.unwrap()[0].city_id;
        assert_eq!(
            store
                .add_reply(&reply(winner, "Two schools.", 1), 2)
                .await
                .unwrap(),
            Replied::Updated
        );
        // Closed, it takes no new reply even under the cap.
        assert!(store.close_request(id, 3).await.unwrap());
        let loser = others.iter().find(|c| **c != winner).unwrap();
        assert_eq!(
            store
                .add_reply(&reply(*loser, "Late.", 5), 4)
                .await
                .unwrap(),
            Replied::Full
        );
        // The requesting city heard of the reply once (not of its change, nor of a
        // refusal).
        assert_eq!(store.inbox(editor, 10).await.unwrap().len(), 1);
    }
}

async fn user_of(store: &forja_store::Store, email: &str, city: Option<i32>) -> i32 {
    store
        .create_user(
            forja_store::accounts::NewUser {
                email: email.into(),
                display_name: "Test".into(),
                locale: "ro".into(),
                password_hash: "x".into(),
                role: "city-editor".into(),
                city_id: city,
                organisation_id: None,
            },
            0,
        )
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn a_mail_is_taken_by_one_worker_retried_and_stopped_by_unsubscribing() {
    use forja_store::notify::{MAIL_ATTEMPTS, MAIL_LEASE_SECONDS, Notice};
    for store in stores().await {
        let a = user_of(&store, "a@test.forja", None).await;
        let b = user_of(&store, "b@test.forja", None).await;
        let notice = Notice {
            kind: "request-reply".into(),
            document: serde_json::json!({"kind": "request-reply"}),
            link: "/requests/x".into(),
        };
        let now = 1_000_000;
        store.notify(&[a], &notice, now).await.unwrap();
        // Two workers at once: one gets the mail, the other nothing.
        let (one, two) = tokio::join!(store.claim_mail(now, 0), store.claim_mail(now, 0));
        let taken: Vec<_> = [one.unwrap(), two.unwrap()].into_iter().flatten().collect();
        assert_eq!(taken.len(), 1, "{taken:?}");
        let mail = &taken[0];
        assert_eq!(mail.mail_attempts, 1);
        // Held while the lease runs, free again after (its worker died).
        assert!(store.claim_mail(now + 1, 0).await.unwrap().is_none());
        let again = store
            .claim_mail(now + MAIL_LEASE_SECONDS + 1, 0)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.mail_attempts, 2);
        // A failure waits before the next try; the last failure gives up.
        store.mail_done(&again, false, now).await.unwrap();
        assert!(store.claim_mail(now + 60, 0).await.unwrap().is_none());
        let mut n = store.claim_mail(now + 10_000, 0).await.unwrap().unwrap();
        while n.mail_attempts < MAIL_ATTEMPTS {
            store.mail_done(&n, false, now).await.unwrap();
            n = store.claim_mail(now + 100_000, 0).await.unwrap().unwrap();
        }
        store.mail_done(&n, false, now).await.unwrap();
        assert!(
            store
                .claim_mail(now + 1_000_000, 0)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(store.inbox(a, 10).await.unwrap()[0].mail_state, "failed");
        // Old news is not mailed.
        store.notify(&[a], &notice, now).await.unwrap();
        assert!(store.claim_mail(now, now + 1).await.unwrap().is_none());
        assert_eq!(store.inbox(a, 10).await.unwrap()[0].mail_state, "expired");
        // Saying no stops what waits and what comes; the inbox still gets it.
        store.notify(&[b], &notice, now).await.unwrap();
        let token = store.mail_setting(b, &"f".repeat(64)).await.unwrap().token;
        assert_eq!(token, "f".repeat(64));
        let found = store.mail_setting_by_token(&token).await.unwrap().unwrap();
        store.set_mail(found.user_id, false, "", now).await.unwrap();
        store.notify(&[b], &notice, now).await.unwrap();
        assert!(store.claim_mail(now, 0).await.unwrap().is_none());
        let inbox = store.inbox(b, 10).await.unwrap();
        assert_eq!(inbox.len(), 2);
        assert!(inbox.iter().all(|n| n.mail_state == "off"));
        assert_eq!(store.unread_count(b).await.unwrap(), 2);
        assert_eq!(store.mark_read(b, now).await.unwrap(), 2);
        assert_eq!(store.unread_count(b).await.unwrap(), 0);
    }
}
