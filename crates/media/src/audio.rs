//! Audio: AAC in an MP4 container (every browser) and Opus (smaller, where supported).

use std::path::{Path, PathBuf};

use crate::{MediaError, Tools};

/// A file made from audio or captions.
#[derive(Debug, Clone, PartialEq)]
pub struct AudioFile {
    /// `audio.m4a`, `audio.opus` (or `captions.vtt`, made in `captions`).
    pub role: &'static str,
    pub content_type: &'static str,
    pub path: PathBuf,
}

fn arg(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

pub async fn audio_renditions(
    tools: &Tools,
    src: &Path,
    out_dir: &Path,
) -> Result<Vec<AudioFile>, MediaError> {
    let mut out = Vec::new();
    for (role, content_type, codec) in [
        (
            "audio.m4a",
            "audio/mp4",
            &["-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart"][..],
        ),
        (
            "audio.opus",
            "audio/ogg; codecs=opus",
            &["-c:a", "libopus", "-b:a", "96k"][..],
        ),
    ] {
        let path = out_dir.join(role);
        let mut args = vec![
            arg("-v"),
            arg("error"),
            arg("-y"),
            arg("-i"),
            src.as_os_str(),
            arg("-vn"),
            arg("-map_metadata"),
            arg("-1"),
        ];
        args.extend(codec.iter().map(|a| arg(a)));
        args.push(path.as_os_str());
        let run = tools.run("ffmpeg", &args).await?;
        if !run.success {
            return Err(MediaError::Corrupt(run.stderr));
        }
        out.push(AudioFile {
            role,
            content_type,
            path,
        });
    }
    Ok(out)
}
