//! Search on SQLite and PostgreSQL: the index is built from what the database holds and
//! follows it, in every process, as people edit; a reindex makes every process rebuild.

mod common;
use common::stores;

use forja_core::edit::Writing;
use forja_core::ids::{CityId, UserId};
use forja_core::policy::{Actor, Role};
use forja_services::search::{Request, Search};
use forja_services::{Store, editing};

fn ask(text: &str) -> Request {
    Request {
        text: text.into(),
        lang: "ro".into(),
        limit: 20,
        ..Default::default()
    }
}

async fn urls(search: &Search, store: &Store, text: &str) -> Vec<String> {
    search
        .search(store, ask(text))
        .await
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.url)
        .collect()
}

async fn coordinator(store: &Store) -> Actor {
    let city = store.city_by_slug("resita").await.unwrap().unwrap().id;
    let user = store
        .create_user(
            forja_store::accounts::NewUser {
                email: "coordinator@resita.test".into(),
                display_name: "Coordinator".into(),
                locale: "ro".into(),
                password_hash: String::new(),
                role: "city-coordinator".into(),
                city_id: Some(city),
                organisation_id: None,
            },
            0,
        )
        .await
        .unwrap()
        .unwrap()
        .id;
    Actor {
        user: UserId(i64::from(user)),
        role: Role::CityCoordinator,
        city: Some(CityId(i64::from(city))),
        organisation: None,
        read_only: false,
    }
}

/// Past the one-second pause between looks at the database.
async fn a_second_later() {
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
}

#[tokio::test]
async fn search_follows_edits_in_every_process_and_rebuilds_on_reindex() {
    for store in stores().await {
        let backend = store.backend_name();
        // Two processes over one database: each keeps its own index.
        let (one, two) = (Search::new().unwrap(), Search::new().unwrap());
        let found = urls(&one, &store, "Reşiţa învăţare").await;
        assert!(
            found.contains(&"/cities/resita/strategy".to_owned()),
            "{backend}: cedilla spelling finds the comma-below text: {found:?}"
        );
        assert!(urls(&two, &store, "zmeuraria").await.is_empty());

        // A coordinator renames a programme: both processes find the new words.
        let actor = coordinator(&store).await;
        let slug = "riverside-rehabilitation";
        let open = editing::programme_for_edit(&store, &actor, "resita", slug)
            .await
            .unwrap();
        let mut input = open.fields.to_input();
        input.insert("title_ro".into(), "Zmeurăria de pe malul Bârzavei".into());
        input.insert(
            "title_en".into(),
            "The raspberry garden on the Bârzava".into(),
        );
        editing::edit_programme(
            &store,
            &actor,
            "resita",
            slug,
            &input,
            Writing::Machine,
            open.version,
        )
        .await
        .unwrap();
        a_second_later().await;
        let address = format!("/cities/resita/programmes/{slug}");
        for (process, search) in [("one", &one), ("two", &two)] {
            assert_eq!(
                urls(search, &store, "zmeuraria").await,
                std::slice::from_ref(&address),
                "{backend}: process {process} follows the edit"
            );
        }
        assert_eq!(
            urls(&one, &store, "raspberries").await,
            std::slice::from_ref(&address),
            "English stems"
        );

        // Deleted: gone from both.
        let version = editing::programme_for_edit(&store, &actor, "resita", slug)
            .await
            .unwrap()
            .version;
        editing::delete_programme(&store, &actor, "resita", slug, version)
            .await
            .unwrap();
        a_second_later().await;
        assert!(
            urls(&one, &store, "zmeuraria").await.is_empty(),
            "{backend}"
        );
        assert!(
            urls(&two, &store, "zmeuraria").await.is_empty(),
            "{backend}"
        );

        // A reindex reads every document again and moves the epoch: both rebuild.
        let count = forja_services::search::reindex(&store).await.unwrap();
        assert!(count > 200, "{backend}: {count} documents");
        a_second_later().await;
        urls(&two, &store, "resita").await;
        assert_eq!(
            two.len() as usize,
            count,
            "{backend}: the process rebuilt whole"
        );
    }
}
