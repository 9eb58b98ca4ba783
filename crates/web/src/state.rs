//! What every handler can reach: the store, the render cache, the world map.

use forja_services::Store;

use crate::cache::RenderCache;

pub struct AppState {
    pub store: Store,
    pub cache: RenderCache,
}

impl AppState {
    pub fn new(store: Store) -> Self {
        Self {
            store,
            cache: RenderCache::default(),
        }
    }
}
