//! Image renditions: a few widths (never wider than the original) as WebP with a JPEG
//! fallback for `srcset`, and a tiny preview to show while they load.

use std::path::{Path, PathBuf};

use base64::Engine;

use crate::{MediaError, Tools};

/// The widths readers' screens ask for, phone to large monitor.
pub const WIDTHS: [u32; 4] = [480, 960, 1440, 2400];

/// One file made from an image.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageRendition {
    /// `w480.webp`, `w480.jpg`, ...
    pub role: String,
    pub content_type: &'static str,
    pub width: u32,
    pub path: PathBuf,
    pub bytes: u64,
}

/// The widths to make for an image `width` pixels wide: every standard one it reaches,
/// and its own width when it is narrower than the smallest.
pub fn widths_for(width: u32) -> Vec<u32> {
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w <= width).collect();
    if out.is_empty() {
        out.push(width.max(1));
    }
    out
}

/// Decodes the whole image once (a truncated file fails here, before anything is made)
/// and writes every rendition into `out_dir`.
pub async fn image_renditions(
    tools: &Tools,
    src: &Path,
    width: u32,
    out_dir: &Path,
) -> Result<Vec<ImageRendition>, MediaError> {
    let check = tools
        .run(
            "ffmpeg",
            &[
                "-v".as_ref(),
                "error".as_ref(),
                "-xerror".as_ref(),
                "-i".as_ref(),
                src.as_os_str(),
                "-f".as_ref(),
                "null".as_ref(),
                "-".as_ref(),
            ],
        )
        .await?;
    if !check.success || !check.stderr.trim().is_empty() {
        return Err(MediaError::Corrupt(check.stderr));
    }
    let mut out = Vec::new();
    for w in widths_for(width) {
        for (ext, content_type, codec_args) in [
            (
                "webp",
                "image/webp",
                &["-c:v", "libwebp", "-quality", "80"][..],
            ),
            ("jpg", "image/jpeg", &["-c:v", "mjpeg", "-q:v", "4"][..]),
        ] {
            let role = format!("w{w}.{ext}");
            let path = out_dir.join(&role);
            let scale = format!("scale={w}:-2:flags=lanczos,format=yuv420p");
            let mut args: Vec<&std::ffi::OsStr> = vec![
                "-v".as_ref(),
                "error".as_ref(),
                "-y".as_ref(),
                "-i".as_ref(),
                src.as_os_str(),
                "-frames:v".as_ref(),
                "1".as_ref(),
                "-vf".as_ref(),
                scale.as_ref(),
                // No metadata: EXIF can carry the place a photo was taken.
                "-map_metadata".as_ref(),
                "-1".as_ref(),
            ];
            args.extend(codec_args.iter().map(|a| std::ffi::OsStr::new(*a)));
            args.push(path.as_os_str());
            let run = tools.run("ffmpeg", &args).await?;
            if !run.success {
                return Err(MediaError::Tool {
                    tool: "ffmpeg",
                    detail: run.stderr,
                });
            }
            let bytes = tokio::fs::metadata(&path)
                .await
                .map(|m| m.len())
                .map_err(|e| MediaError::Tool {
                    tool: "ffmpeg",
                    detail: format!("no output written: {e}"),
                })?;
            out.push(ImageRendition {
                role,
                content_type,
                width: w,
                path,
                bytes,
            });
        }
    }
    Ok(out)
}

/// A preview of a few hundred bytes, inlined in the page as a `data:` URI.
#[derive(Debug, Clone, PartialEq)]
pub struct Placeholder(pub String);

/// A 24-pixel-wide JPEG of the image (or of a video's first frame).
pub async fn placeholder(tools: &Tools, src: &Path) -> Result<Placeholder, MediaError> {
    let run = tools
        .run(
            "ffmpeg",
            &[
                "-v".as_ref(),
                "error".as_ref(),
                "-i".as_ref(),
                src.as_os_str(),
                "-frames:v".as_ref(),
                "1".as_ref(),
                "-vf".as_ref(),
                "scale=24:-2,format=yuvj420p".as_ref(),
                "-map_metadata".as_ref(),
                "-1".as_ref(),
                "-q:v".as_ref(),
                "10".as_ref(),
                "-f".as_ref(),
                "mjpeg".as_ref(),
                "-".as_ref(),
            ],
        )
        .await?;
    if !run.success || run.stdout.is_empty() {
        return Err(MediaError::Corrupt(run.stderr));
    }
    let data = base64::engine::general_purpose::STANDARD.encode(&run.stdout);
    Ok(Placeholder(format!("data:image/jpeg;base64,{data}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_original() {
        assert_eq!(widths_for(3000), [480, 960, 1440, 2400]);
        assert_eq!(widths_for(1000), [480, 960]);
        assert_eq!(widths_for(300), [300]);
    }
}
