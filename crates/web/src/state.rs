//! What every handler can reach: the store, the media library, the render cache, the
//! search index, peer matching.

use forja_services::Store;
use forja_services::media::Library;
use forja_services::peers::Peers;
use forja_services::search::Search;

use crate::cache::RenderCache;

pub struct AppState {
    pub store: Store,
    pub media: Library,
    pub cache: RenderCache,
    /// The largest media upload accepted, in bytes.
    pub upload_limit: usize,
    /// The address readers reach this site at (`https://forja.example.org`), for link
    /// previews, embed codes and the sitemap: configured, never taken from a request's
    /// Host header, which anyone can set and the render cache would then serve to all.
    pub public_url: String,
    /// This process's search index, following the database.
    pub search: Search,
    /// This process's peer matching, read again when the content moves.
    pub peers: Peers,
}

/// The default upload limit: a few minutes of 1080p video from a phone.
pub const UPLOAD_LIMIT: usize = 512 * 1024 * 1024;

impl AppState {
    /// With media kept in memory (tests, and a server that stores none).
    pub fn new(store: Store) -> Self {
        Self::with_media(store, Library::in_memory())
    }

    pub fn with_media(store: Store, media: Library) -> Self {
        Self {
            store,
            media,
            cache: RenderCache::default(),
            upload_limit: UPLOAD_LIMIT,
            public_url: "http://localhost".into(),
            // An index in memory with nothing in it cannot fail to be made.
            search: Search::new().expect("an empty search index in memory"),
            // The weights are compiled in and checked by a test.
            peers: Peers::new().expect("the weights in data/peers.toml"),
        }
    }
}
