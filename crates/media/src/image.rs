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
/// and writes every rendition into `out_dir` in one ffmpeg run. Colours are taken to
/// sRGB from the picture's own profile; transparency stays in the WebP and is
/// flattened on white in the JPEG, which has none (white: the page's own background).
pub async fn image_renditions(
    tools: &Tools,
    src: &Path,
    width: u32,
    alpha: bool,
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
    let to_srgb = srgb_filter(src, out_dir).await;
    let widths = widths_for(width);
    let mut graph = format!("[0:v]{to_srgb}split={}", widths.len() * 2);
    for i in 0..widths.len() * 2 {
        graph.push_str(&format!("[s{i}]"));
    }
    let mut planned = Vec::new();
    for (n, w) in widths.iter().enumerate() {
        let scale = format!("scale={w}:-2:flags=lanczos");
        let webp = if alpha { "yuva420p" } else { "yuv420p" };
        graph.push_str(&format!(";[s{}]{scale},format={webp}[o{}]", 2 * n, 2 * n));
        let j = 2 * n + 1;
        if alpha {
            graph.push_str(&format!(
                ";[s{j}]{scale},format=rgba[f{j}];color=c=white,format=rgba[c{j}];\
                 [c{j}][f{j}]scale2ref[b{j}][g{j}];\
                 [b{j}][g{j}]overlay=format=auto:shortest=1,format=yuvj420p[o{j}]"
            ));
        } else {
            graph.push_str(&format!(";[s{j}]{scale},format=yuvj420p[o{j}]"));
        }
        planned.push((
            format!("w{w}.webp"),
            "image/webp",
            *w,
            &["-c:v", "libwebp", "-quality", "80"][..],
        ));
        planned.push((
            format!("w{w}.jpg"),
            "image/jpeg",
            *w,
            &["-c:v", "mjpeg", "-q:v", "4"][..],
        ));
    }
    let mut args: Vec<std::ffi::OsString> =
        ["-v", "error", "-y", "-i"].iter().map(Into::into).collect();
    args.push(src.into());
    args.extend(["-filter_complex".into(), graph.into()]);
    for (i, (role, _, _, codec)) in planned.iter().enumerate() {
        args.extend(["-map".into(), format!("[o{i}]").into()]);
        // No metadata: EXIF can carry the place a photo was taken.
        args.extend(["-frames:v", "1", "-map_metadata", "-1"].map(Into::into));
        args.extend(codec.iter().map(Into::into));
        args.push(out_dir.join(role).into());
    }
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let run = tools.run("ffmpeg", &args).await?;
    if !run.success {
        return Err(MediaError::Tool {
            tool: "ffmpeg",
            detail: run.stderr,
        });
    }
    let mut out = Vec::new();
    for (role, content_type, width, _) in planned {
        let path = out_dir.join(&role);
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
            width,
            path,
            bytes,
        });
    }
    Ok(out)
}

/// The filter (with its trailing comma) that takes `src`'s colours to sRGB, or nothing
/// when it has no profile or an sRGB one. The table is written next to the renditions.
async fn srgb_filter(src: &Path, out_dir: &Path) -> String {
    let Ok(file) = tokio::fs::read(src).await else {
        return String::new();
    };
    let table = tokio::task::spawn_blocking(move || {
        crate::color::embedded_profile(&file).and_then(|p| crate::color::to_srgb_table(&p))
    })
    .await
    .ok()
    .flatten();
    let Some(table) = table else {
        return String::new();
    };
    let path = out_dir.join("to-srgb.cube");
    if let Err(e) = tokio::fs::write(&path, table).await {
        tracing::warn!(error = %e, "colour table not written: colours are kept as they are");
        return String::new();
    }
    format!(
        "lut3d=file={}:interp=tetrahedral,",
        crate::color::filter_path(&path)
    )
}

/// The picture squeezed to a grid of `SAMPLE_COLUMNS` × `SAMPLE_ROWS` colours (RGB,
/// row by row): what the editor reads to warn when words over it would be hard to
/// read. Taken from a rendition readers get, so it is upright, flattened and in sRGB.
pub async fn colour_samples(tools: &Tools, picture: &Path) -> Result<Vec<u8>, MediaError> {
    let scale = format!("scale={SAMPLE_COLUMNS}:{SAMPLE_ROWS}:flags=area,format=rgb24");
    let run = tools
        .run(
            "ffmpeg",
            &[
                "-v".as_ref(),
                "error".as_ref(),
                "-i".as_ref(),
                picture.as_os_str(),
                "-frames:v".as_ref(),
                "1".as_ref(),
                "-vf".as_ref(),
                scale.as_ref(),
                "-f".as_ref(),
                "rawvideo".as_ref(),
                "-".as_ref(),
            ],
        )
        .await?;
    if !run.success || run.stdout.len() != (SAMPLE_COLUMNS * SAMPLE_ROWS * 3) as usize {
        return Err(MediaError::Corrupt(run.stderr));
    }
    Ok(run.stdout)
}

/// The sample grid's size (see `forja_core::story::contrast`).
pub const SAMPLE_COLUMNS: u32 = 32;
pub const SAMPLE_ROWS: u32 = 18;

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
