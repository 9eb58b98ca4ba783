//! Pictures ffmpeg 5.1 cannot decode, made into ones it can before anything else looks
//! at them: an iPhone's HEIC through libheif's `heif-convert` (a PNG, turned upright
//! as the file says, its colour profile kept), an animated WebP's first frame through
//! `webpmux`. AVIF needs nothing: ffmpeg reads it (it is classified in `probe`).

use std::path::{Path, PathBuf};

use crate::{Limits, MediaError, Probe, Tools};

/// What a file's first bytes say it is, among the formats that need converting.
#[derive(Debug, PartialEq)]
enum Needs {
    Heif,
    AnimatedWebp,
    Nothing,
}

/// Reads the ISO-BMFF `ftyp` brands (HEIF and AVIF share the container) and the WebP
/// `VP8X` flags.
fn needs(head: &[u8]) -> Needs {
    if head.len() >= 16 && &head[4..8] == b"ftyp" {
        let size = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let end = size.min(head.len());
        // The major brand, then (after the minor version) the compatible ones.
        let brands: Vec<&[u8]> = std::iter::once(&head[8..12])
            .chain(head.get(16..end).unwrap_or(&[]).chunks_exact(4))
            .collect();
        let any = |names: &[&[u8]]| brands.iter().any(|b| names.contains(b));
        if any(&[b"avif", b"avis"]) {
            return Needs::Nothing;
        }
        if any(&[
            b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
        ]) {
            return Needs::Heif;
        }
    }
    let animated = head.len() >= 21
        && head.starts_with(b"RIFF")
        && &head[8..16] == b"WEBPVP8X"
        && head[20] & 0x02 != 0;
    if animated {
        Needs::AnimatedWebp
    } else {
        Needs::Nothing
    }
}

/// The file to decode in place of `src`: `src` itself, or a still made from it in
/// `scratch`.
pub async fn decodable(tools: &Tools, src: &Path, scratch: &Path) -> Result<PathBuf, MediaError> {
    use tokio::io::AsyncReadExt;
    let mut head = Vec::with_capacity(64);
    if let Ok(file) = tokio::fs::File::open(src).await {
        let _ = file.take(64).read_to_end(&mut head).await;
    }
    let (tool, out, args): (&'static str, PathBuf, Vec<&std::ffi::OsStr>);
    match needs(&head) {
        Needs::Nothing => return Ok(src.to_owned()),
        Needs::Heif => {
            tool = "heif-convert";
            out = scratch.join("still.png");
            args = vec![src.as_os_str(), out.as_os_str()];
        }
        Needs::AnimatedWebp => {
            tool = "webpmux";
            out = scratch.join("still.webp");
            args = vec![
                "-get".as_ref(),
                "frame".as_ref(),
                "1".as_ref(),
                src.as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
            ];
        }
    }
    let run = match tools.run(tool, &args).await {
        // Not installed: say which format, and what to send instead.
        Err(MediaError::Tool { detail, .. })
            if tool == "heif-convert" && detail.starts_with("could not start") =>
        {
            return Err(MediaError::Unsupported("HEIC"));
        }
        other => other?,
    };
    // heif-convert numbers its files when there are several pictures (a burst): the
    // first is the main one.
    let numbered = scratch.join("still-1.png");
    let made = if tokio::fs::metadata(&out).await.is_ok() {
        out
    } else if tokio::fs::metadata(&numbered).await.is_ok() {
        numbered
    } else {
        return Err(MediaError::Corrupt(run.stderr));
    };
    if !run.success {
        return Err(MediaError::Corrupt(run.stderr));
    }
    Ok(made)
}

/// `decodable`, then `probe` on what it gives: what an import checks before storing.
pub async fn readable(
    tools: &Tools,
    src: &Path,
    scratch: &Path,
    limits: Limits,
) -> Result<(PathBuf, Probe), MediaError> {
    let file = decodable(tools, src, scratch).await?;
    let probe = crate::probe(tools, &file, limits).await?;
    Ok((file, probe))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let mut b = ((16 + 4 * compatible.len()) as u32).to_be_bytes().to_vec();
        b.extend(b"ftyp");
        b.extend(major);
        b.extend([0; 4]);
        for c in compatible {
            b.extend(*c);
        }
        b
    }

    #[test]
    fn brands_tell_heic_from_avif() {
        assert_eq!(needs(&ftyp(b"heic", &[b"mif1", b"heic"])), Needs::Heif);
        assert_eq!(needs(&ftyp(b"mif1", &[b"heic"])), Needs::Heif);
        assert_eq!(needs(&ftyp(b"mif1", &[b"avif", b"miaf"])), Needs::Nothing);
        assert_eq!(needs(&ftyp(b"avif", &[b"mif1"])), Needs::Nothing);
        assert_eq!(needs(&ftyp(b"isom", &[b"mp41"])), Needs::Nothing);
        assert_eq!(needs(b"GIF89a"), Needs::Nothing);
    }
}
