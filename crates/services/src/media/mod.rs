//! The media library: originals go to object storage as they arrive, a job makes their
//! renditions in the background (resumed after a crash), and a failure leaves a clear
//! reason on the item with the original kept and the job retryable. Here: where files
//! live and how they move; `jobs.rs` imports and processes, `serve.rs` hands files to
//! readers, `library.rs` is the editors' view (list, upload, focal point, retry).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use forja_core::LocalizedText;
use forja_media::{Kind, Limits, MediaError, Tools};
use forja_store::media::{Facts, NewItem, NewRendition};
use object_store::ObjectStore;
use object_store::path::Path as Key;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::{Result, ServiceError, Store};

/// Where media are kept and how they are made.
#[derive(Clone)]
pub struct Library {
    pub objects: Arc<dyn ObjectStore>,
    /// The same store when it is local disk: files then move in and out by rename and
    /// ffmpeg reads originals where they lie, with no copy.
    local: Option<Arc<object_store::local::LocalFileSystem>>,
    pub tools: Tools,
    pub limits: Limits,
    /// Scratch space for ffmpeg (renditions are made on disk, then stored).
    pub work_dir: PathBuf,
    /// Per city, the items its published stories show, as of a content generation:
    /// worked out once per change rather than on every file a reader asks for.
    public: Arc<std::sync::Mutex<PublicMedia>>,
}

/// City id → (content generation, ids of the media its published stories show).
type PublicMedia = std::collections::HashMap<i32, (i64, Arc<std::collections::HashSet<i32>>)>;

/// The largest original accepted, in bytes.
pub const MAX_ORIGINAL: u64 = 2 * 1024 * 1024 * 1024;

impl Library {
    /// Media in memory: for tests, and for a server that keeps no media.
    pub fn in_memory() -> Self {
        Self {
            objects: Arc::new(object_store::memory::InMemory::new()),
            local: None,
            public: Default::default(),
            tools: Tools::default(),
            limits: Limits::default(),
            work_dir: std::env::temp_dir().join("forja-media-work"),
        }
    }

    /// Media in S3-compatible storage at `s3://bucket[/prefix]`; the endpoint, region and
    /// keys come from the usual `AWS_*` variables (`AWS_ENDPOINT_URL`, `AWS_REGION`,
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, and `AWS_ALLOW_HTTP=true` for a
    /// plain-HTTP endpoint). ffmpeg still works in `work_dir` on local disk.
    pub fn s3(url: &str, work_dir: &Path) -> std::result::Result<Self, String> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| format!("{url} does not start with s3://"))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let store = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()
            .map_err(|e| e.to_string())?;
        std::fs::create_dir_all(work_dir).map_err(|e| e.to_string())?;
        let prefix = prefix.trim_matches('/');
        let objects: Arc<dyn ObjectStore> = if prefix.is_empty() {
            Arc::new(store)
        } else {
            Arc::new(object_store::prefix::PrefixStore::new(store, prefix))
        };
        Ok(Self {
            objects,
            local: None,
            public: Default::default(),
            tools: Tools::default(),
            limits: Limits::default(),
            work_dir: work_dir.to_owned(),
        })
    }

    /// Media on local disk under `dir` (the default: `<data dir>/media`).
    pub fn on_disk(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir.join("objects"))?;
        std::fs::create_dir_all(dir.join("work"))?;
        let objects = Arc::new(
            object_store::local::LocalFileSystem::new_with_prefix(dir.join("objects"))
                .map_err(std::io::Error::other)?,
        );
        Ok(Self {
            local: Some(objects.clone()),
            public: Default::default(),
            objects,
            tools: Tools::default(),
            limits: Limits::default(),
            work_dir: dir.join("work"),
        })
    }
}

fn storage(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(format!("media storage: {e}"))
}

impl Library {
    /// Where a stored file lies on local disk, when the store is local disk.
    fn local_path(&self, key: &str) -> Option<PathBuf> {
        self.local
            .as_ref()
            .and_then(|l| l.path_to_filesystem(&Key::from(key)).ok())
    }

    /// Stores the file at `from` under `key`, streamed (never whole in memory). On local
    /// disk a file that may be consumed is moved by rename; anything else is copied.
    pub(crate) async fn store_file(
        &self,
        from: &Path,
        key: &str,
        consume: bool,
    ) -> std::io::Result<()> {
        if let Some(dest) = self.local_path(key) {
            if let Some(dir) = dest.parent() {
                tokio::fs::create_dir_all(dir).await?;
            }
            if consume && tokio::fs::rename(from, &dest).await.is_ok() {
                return Ok(());
            }
            // Originals are named by their hash: the same size there is the same file,
            // perhaps being read by a job right now; it is never written over.
            let size = tokio::fs::metadata(from).await?.len();
            if tokio::fs::metadata(&dest)
                .await
                .is_ok_and(|m| m.len() == size)
            {
                return Ok(());
            }
            // Another file system, or a file that is not ours to move: copied beside it
            // first, so no reader ever sees half a file.
            let part = dest.with_extension(format!("part-{}", std::process::id()));
            tokio::fs::copy(from, &part).await?;
            tokio::fs::rename(&part, &dest).await
        } else {
            let mut file = tokio::fs::File::open(from).await?;
            let mut upload =
                object_store::buffered::BufWriter::new(self.objects.clone(), Key::from(key));
            tokio::io::copy(&mut file, &mut upload).await?;
            upload.shutdown().await
        }
    }

    /// The original of an item as a file ffmpeg can read: where it lies on local disk, or
    /// downloaded (streamed) into `scratch`.
    async fn original_file(
        &self,
        key: &str,
        scratch: &Path,
    ) -> std::result::Result<PathBuf, String> {
        if let Some(path) = self.local_path(key)
            && tokio::fs::metadata(&path).await.is_ok_and(|m| m.is_file())
        {
            return Ok(path);
        }
        let target = scratch.join(format!(
            "original.{}",
            key.rsplit('.').next().unwrap_or("bin")
        ));
        let got = self
            .objects
            .get(&Key::from(key))
            .await
            .map_err(|e| format!("the original is missing: {e}"))?;
        let mut stream = got.into_stream();
        let mut f = tokio::fs::File::create(&target)
            .await
            .map_err(|e| format!("scratch space: {e}"))?;
        use futures_util::StreamExt;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| format!("the original cannot be read: {e}"))?;
            f.write_all(&chunk)
                .await
                .map_err(|e| format!("scratch space: {e}"))?;
        }
        f.flush().await.map_err(|e| format!("scratch space: {e}"))?;
        Ok(target)
    }
}

/// The SHA-256 (hex) and size of a file, read in blocks.
async fn digest(file: &Path) -> std::io::Result<(String, u64)> {
    use tokio::io::AsyncReadExt;
    let mut f = tokio::fs::File::open(file).await?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = f.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((hex::encode(hasher.finalize()), total))
}

mod jobs;
mod library;
mod serve;

pub use jobs::*;
pub use library::*;
pub use serve::*;
