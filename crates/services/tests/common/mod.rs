//! What the services tests share: the databases they run on, each with the demo.

use forja_services::{Store, catalogue};
use forja_store::backend::{DatabaseUrl, scratch};

/// A fresh SQLite database, and a PostgreSQL one when `FORJA_TEST_POSTGRES_URL` names a
/// server (required under `CI=true`), both empty.
#[allow(dead_code)] // each test file uses one of the two
pub async fn empty_stores() -> Vec<Store> {
    let mut out = Vec::new();
    for url in scratch_urls().await {
        out.push(Store::open(&url).await.expect("a store"));
    }
    out
}

/// New, empty databases: SQLite, and PostgreSQL as for `empty_stores`.
#[allow(dead_code)]
pub async fn scratch_urls() -> Vec<DatabaseUrl> {
    let mut out = vec![scratch::sqlite()];
    match std::env::var("FORJA_TEST_POSTGRES_URL") {
        Ok(admin) if !admin.is_empty() => {
            let url = scratch::postgres(&admin)
                .await
                .expect("scratch PostgreSQL database");
            out.push(url);
        }
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but FORJA_TEST_POSTGRES_URL is not set")
        }
        _ => eprintln!("FORJA_TEST_POSTGRES_URL not set: PostgreSQL skipped"),
    }
    out
}

/// The same, each with the frameworks and the demo network.
#[allow(dead_code)]
pub async fn stores() -> Vec<Store> {
    let out = empty_stores().await;
    for store in &out {
        catalogue::load_builtin_frameworks(store).await.unwrap();
        catalogue::load_demo(store).await.unwrap();
    }
    out
}
