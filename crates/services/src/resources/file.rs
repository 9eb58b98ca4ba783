//! A file kept with a resource: uploaded by network staff, known by its bytes (PDF and
//! office documents only, never by the name it came with), at most
//! [`MAX_RESOURCE_FILE`], stored under its content hash in the media storage, and
//! handed to readers as a download.

use std::io::Read;
use std::path::Path;

use forja_core::edit::{
    DOCUMENT_FORMATS, FieldProblem, MAX_RESOURCE_FILE, Problem, ResourceFile, document_format,
};
use forja_core::policy::Actor;
use forja_store::edit_resource::Resource;
use forja_store::versioned::{Change, Versioned};
use sha2::{Digest, Sha256};

use super::{authorize, load, user_id};
use crate::media::Library;
use crate::media::Served;
use crate::{Result, ServiceError, Store, editing};

fn refused(problem: Problem) -> ServiceError {
    ServiceError::Invalid(vec![FieldProblem {
        field: "file".into(),
        problem,
    }])
}

/// What the file at `path` is, and its hash: read on a blocking thread.
fn inspect(path: &Path) -> std::io::Result<(Option<&'static str>, String)> {
    let mut file = std::fs::File::open(path)?;
    let mut head = [0u8; 8];
    let read = file.read(&mut head)?;
    let (mut names, mut odf) = (Vec::new(), String::new());
    if head[..read].starts_with(b"PK\x03\x04")
        && let Ok(mut zip) = zip::ZipArchive::new(std::fs::File::open(path)?)
    {
        names = zip.file_names().map(str::to_owned).collect();
        if let Ok(entry) = zip.by_name("mimetype") {
            // The OpenDocument `mimetype` entry is a few dozen bytes.
            let _ = entry.take(200).read_to_string(&mut odf);
        }
    }
    let mut hash = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path)?, &mut hash)?;
    Ok((
        document_format(&head[..read], &names, &odf),
        hex::encode(hash.finalize()),
    ))
}

/// Keeps the uploaded file at `scratch` (named `name` by its sender) with the resource
/// as a new version from `version`; returns that version. Empty, too large, or not a
/// PDF or office document: refused by name, and nothing is stored.
pub async fn attach_file(
    store: &Store,
    library: &Library,
    actor: &Actor,
    slug: &str,
    version: i32,
    scratch: &Path,
    name: &str,
) -> Result<i32> {
    authorize(actor)?;
    let r = load(store, slug).await?;
    let bytes = tokio::fs::metadata(scratch)
        .await
        .map(|m| m.len())
        .unwrap_or(0);
    if bytes == 0 {
        return Err(refused(Problem::EmptyFile));
    }
    if bytes > MAX_RESOURCE_FILE {
        return Err(refused(Problem::FileTooLarge {
            max_mb: MAX_RESOURCE_FILE >> 20,
        }));
    }
    let path = scratch.to_owned();
    let (format, sha) = tokio::task::spawn_blocking(move || inspect(&path))
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?
        .map_err(|e| ServiceError::Internal(format!("reading an upload: {e}")))?;
    let Some(format) = format else {
        return Err(refused(Problem::NotAllowed {
            allowed: DOCUMENT_FORMATS
                .iter()
                .map(|(f, _)| f.to_uppercase())
                .collect::<Vec<_>>()
                .join(", "),
        }));
    };
    let key = format!("documents/{sha}.{format}");
    library
        .store_file(scratch, &key, false)
        .await
        .map_err(|e| ServiceError::Internal(format!("storing a document: {e}")))?;
    let current = Resource::read(store, r.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut fields = current.fields;
    // The name as sent, without any folder a browser put before it, for the download.
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let shown: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    fields.file = Some(ResourceFile {
        key,
        name: if shown.is_empty() {
            format!("{slug}.{format}")
        } else {
            shown
        },
        format: format.into(),
        bytes,
    });
    editing::outcome(
        store
            .change::<Resource>(
                r.id,
                version,
                Change::Update(fields),
                user_id(actor),
                crate::auth::now(),
            )
            .await?,
    )
}

/// The file a resource keeps, for anyone (the library is public), with the name to
/// download it as; `NotFound` when it keeps none.
pub async fn resource_file(store: &Store, slug: &str) -> Result<(Served, String)> {
    let r = load(store, slug).await?;
    let fields = Resource::read(store, r.id)
        .await?
        .ok_or(ServiceError::NotFound)?
        .fields;
    let file = fields.file.ok_or(ServiceError::NotFound)?;
    let content_type = DOCUMENT_FORMATS
        .iter()
        .find(|(f, _)| *f == file.format)
        .map_or("application/octet-stream", |(_, t)| t);
    Ok((
        Served {
            key: file.key,
            content_type: content_type.into(),
            bytes: file.bytes,
        },
        file.name,
    ))
}
