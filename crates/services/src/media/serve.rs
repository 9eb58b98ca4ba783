//! Stored files for readers and for the static export: who may have each, whole or in
//! part, streamed.

use super::*;

/// One stored file of a ready, live item, as readers may get it.
#[derive(Debug, Clone)]
pub struct Served {
    pub key: String,
    pub content_type: String,
    pub bytes: u64,
}

/// Who may get a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// A published story of its city shows it: anyone, and caches may keep it.
    Public,
    /// Only in drafts or the library so far: the city's story editors alone.
    Editors,
}

/// The file `role` of item `item_id` and who may have it: a ready, live item shown by a
/// published story of its city is public; any other only for those who may edit that
/// city's stories (`actor`); for everyone else it is not found.
pub async fn served(
    store: &Store,
    library: &Library,
    item_id: i32,
    role: &str,
    actor: Option<&forja_core::policy::Actor>,
) -> Result<Option<(Served, Audience)>> {
    let Some(item) = store.media_item(item_id).await? else {
        return Ok(None);
    };
    if item.status != "ready" || item.deleted_at.is_some() {
        return Ok(None);
    }
    let audience = if public_media(store, library, item.city_id)
        .await?
        .contains(&item_id)
    {
        Audience::Public
    } else {
        let editors = forja_core::policy::Action::EditStory {
            city: forja_core::ids::CityId(i64::from(item.city_id)),
        };
        match actor {
            Some(a) if forja_core::policy::allowed(a, &editors) => Audience::Editors,
            _ => return Ok(None),
        }
    };
    Ok(store
        .renditions(item_id)
        .await?
        .into_iter()
        .find(|r| r.role == role)
        .map(|r| {
            (
                Served {
                    key: r.key,
                    content_type: r.content_type,
                    bytes: r.bytes.max(0) as u64,
                },
                audience,
            )
        }))
}

/// The media a city's published stories show: from the library's memory while the
/// content generation stands, otherwise read from the published documents again.
async fn public_media(
    store: &Store,
    library: &Library,
    city_id: i32,
) -> Result<Arc<std::collections::HashSet<i32>>> {
    let generation = store.generation().await?;
    let known = library.public.lock().ok().and_then(|m| {
        m.get(&city_id)
            .filter(|(g, _)| *g == generation)
            .map(|(_, s)| s.clone())
    });
    if let Some(set) = known {
        return Ok(set);
    }
    let mut set = std::collections::HashSet::new();
    for story in store.published_stories(city_id).await? {
        if let Some(doc) = store.published_document(&story).await? {
            set.extend(doc.media());
        }
    }
    let set = Arc::new(set);
    if let Ok(mut m) = library.public.lock() {
        m.insert(city_id, (generation, set.clone()));
    }
    Ok(set)
}

/// Every file of a ready, live item but its original: (role, file).
pub async fn files_of(store: &Store, item_id: i32) -> Result<Vec<(String, Served)>> {
    let Some(item) = store.media_item(item_id).await? else {
        return Ok(Vec::new());
    };
    if item.status != "ready" || item.deleted_at.is_some() {
        return Ok(Vec::new());
    }
    Ok(store
        .renditions(item_id)
        .await?
        .into_iter()
        .map(|r| {
            (
                r.role,
                Served {
                    key: r.key,
                    content_type: r.content_type,
                    bytes: r.bytes.max(0) as u64,
                },
            )
        })
        .collect())
}

/// The file, or the asked-for range of it, ready to be streamed (`into_stream`): a long
/// video is sent as it is read, never held in memory.
pub async fn open(
    library: &Library,
    file: &Served,
    range: Option<std::ops::Range<u64>>,
) -> Result<object_store::GetResult> {
    let options = object_store::GetOptions {
        range: range.map(object_store::GetRange::Bounded),
        ..Default::default()
    };
    library
        .objects
        .get_opts(&Key::from(file.key.as_str()), options)
        .await
        .map_err(storage)
}

/// The file's bytes, or the asked-for range of them.
pub async fn read(
    library: &Library,
    file: &Served,
    range: Option<std::ops::Range<u64>>,
) -> Result<Vec<u8>> {
    let key = Key::from(file.key.as_str());
    Ok(match range {
        Some(range) => library
            .objects
            .get_range(&key, range)
            .await
            .map_err(storage)?
            .to_vec(),
        None => library
            .objects
            .get(&key)
            .await
            .map_err(storage)?
            .bytes()
            .await
            .map_err(storage)?
            .to_vec(),
    })
}
