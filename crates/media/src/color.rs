//! Colour: the ICC profile a picture carries, and a lookup table that takes its colours
//! to sRGB. Browsers read an untagged WebP or JPEG as sRGB, and ffmpeg 5.1 neither
//! converts nor keeps a profile: without this, a phone's Display P3 photo would be shown
//! with its numbers read as sRGB, every colour duller than it was taken.

use std::io::Read;

/// Grid points per axis of the lookup table: 255 = 51 × 5, so every point is an exact
/// 8-bit value (the colour engine works in 8 bits) and neighbours are 5 levels apart.
const GRID: usize = 52;

/// A profile larger than this is not a display profile (those are a few kilobytes).
const MAX_PROFILE: u64 = 4 << 20;

/// The ICC profile embedded in a JPEG (APP2 segments), PNG (iCCP) or WebP (ICCP), if any.
pub(crate) fn embedded_profile(file: &[u8]) -> Option<Vec<u8>> {
    if file.starts_with(&[0xff, 0xd8]) {
        jpeg_profile(file)
    } else if file.starts_with(b"\x89PNG\r\n\x1a\n") {
        png_profile(file)
    } else if file.starts_with(b"RIFF") && file.get(8..12) == Some(b"WEBP") {
        webp_profile(file)
    } else {
        None
    }
}

/// A JPEG splits its profile over APP2 segments numbered from 1.
fn jpeg_profile(file: &[u8]) -> Option<Vec<u8>> {
    let mut parts: Vec<(u8, &[u8])> = Vec::new();
    let mut at = 2;
    while at + 4 <= file.len() && file[at] == 0xff {
        let marker = file[at + 1];
        if marker == 0xd8 || marker == 0x01 || (0xd0..=0xd7).contains(&marker) {
            at += 2;
            continue;
        }
        // The image data starts at SOS: no more metadata after it.
        if marker == 0xda || marker == 0xd9 {
            break;
        }
        let len = usize::from(u16::from_be_bytes([file[at + 2], file[at + 3]]));
        let segment = file.get(at + 4..at + 2 + len)?;
        if marker == 0xe2
            && let Some(rest) = segment.strip_prefix(b"ICC_PROFILE\0")
            && rest.len() > 2
        {
            parts.push((rest[0], &rest[2..]));
        }
        at += 2 + len;
    }
    if parts.is_empty() {
        return None;
    }
    parts.sort_by_key(|(n, _)| *n);
    Some(
        parts
            .into_iter()
            .flat_map(|(_, p)| p.iter().copied())
            .collect(),
    )
}

/// A PNG keeps its profile zlib-compressed in iCCP, before the image data.
fn png_profile(file: &[u8]) -> Option<Vec<u8>> {
    let mut at = 8;
    while at + 8 <= file.len() {
        let len = u32::from_be_bytes(file[at..at + 4].try_into().ok()?) as usize;
        let kind = &file[at + 4..at + 8];
        let data = file.get(at + 8..at + 8 + len)?;
        match kind {
            b"iCCP" => {
                let name_end = data.iter().position(|b| *b == 0)?;
                let compressed = data.get(name_end + 2..)?;
                let mut out = Vec::new();
                flate2::read::ZlibDecoder::new(compressed)
                    .take(MAX_PROFILE)
                    .read_to_end(&mut out)
                    .ok()?;
                return Some(out);
            }
            b"IDAT" | b"IEND" => return None,
            _ => at += 12 + len,
        }
    }
    None
}

/// A WebP keeps it in an ICCP chunk (extended format), chunks padded to even sizes.
fn webp_profile(file: &[u8]) -> Option<Vec<u8>> {
    let mut at = 12;
    while at + 8 <= file.len() {
        let len = u32::from_le_bytes(file[at + 4..at + 8].try_into().ok()?) as usize;
        if &file[at..at + 4] == b"ICCP" {
            return file.get(at + 8..at + 8 + len).map(<[u8]>::to_vec);
        }
        at += 8 + len + (len & 1);
    }
    None
}

/// A `.cube` table taking colours in `profile` to sRGB, or `None` when there is nothing
/// to convert: the profile is sRGB already (no point moves by more than one level), or
/// not an RGB profile the colour engine reads (the picture is then taken as sRGB).
pub(crate) fn to_srgb_table(profile: &[u8]) -> Option<String> {
    let input = qcms::Profile::new_from_slice(profile, false)?;
    let mut output = qcms::Profile::new_sRGB();
    output.precache_output_transform();
    let transform = qcms::Transform::new(
        &input,
        &output,
        qcms::DataType::RGB8,
        qcms::Intent::Perceptual,
    )?;
    let step = 255 / (GRID - 1);
    // .cube order: red changes fastest, then green, then blue.
    let mut grid = Vec::with_capacity(GRID * GRID * GRID * 3);
    for b in 0..GRID {
        for g in 0..GRID {
            for r in 0..GRID {
                grid.extend([r, g, b].map(|v| (v * step) as u8));
            }
        }
    }
    let before = grid.clone();
    transform.apply(&mut grid);
    if grid.iter().zip(&before).all(|(a, b)| a.abs_diff(*b) <= 1) {
        return None;
    }
    let mut cube = format!("LUT_3D_SIZE {GRID}\n");
    for px in grid.chunks_exact(3) {
        use std::fmt::Write;
        let [r, g, b] = [px[0], px[1], px[2]].map(|v| f32::from(v) / 255.0);
        let _ = writeln!(cube, "{r:.4} {g:.4} {b:.4}");
    }
    Some(cube)
}

/// `path` as a value inside an ffmpeg filter graph: escaped once for the filter's
/// option parser and once for the graph's.
pub(crate) fn filter_path(path: &std::path::Path) -> String {
    let escape = |s: &str, special: &[char]| {
        s.chars().fold(String::new(), |mut out, c| {
            if special.contains(&c) {
                out.push('\\');
            }
            out.push(c);
            out
        })
    };
    let option = escape(&path.to_string_lossy(), &['\\', '\'', ':']);
    escape(&option, &['\\', '\'', '[', ']', ',', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_srgb_profile_needs_no_table_and_garbage_is_ignored() {
        let srgb = std::fs::read("/usr/share/color/icc/sRGB.icc");
        if let Ok(srgb) = srgb {
            assert_eq!(to_srgb_table(&srgb), None);
        }
        assert_eq!(to_srgb_table(b"not a profile"), None);
        assert_eq!(embedded_profile(b"\xff\xd8\xff\xda"), None);
        assert_eq!(embedded_profile(b"GIF89a"), None);
    }

    #[test]
    fn a_jpeg_profile_is_joined_from_its_numbered_segments() {
        let mut jpeg = vec![0xff, 0xd8];
        for (n, part) in [(2u8, &b"world"[..]), (1, &b"hello "[..])] {
            let mut seg = b"ICC_PROFILE\0".to_vec();
            seg.extend([n, 2]);
            seg.extend(part);
            jpeg.extend([0xff, 0xe2]);
            jpeg.extend(((seg.len() + 2) as u16).to_be_bytes());
            jpeg.extend(seg);
        }
        jpeg.extend([0xff, 0xda, 0, 2]);
        assert_eq!(
            embedded_profile(&jpeg).as_deref(),
            Some(&b"hello world"[..])
        );
    }

    #[test]
    fn paths_are_escaped_for_filter_graphs() {
        let p = std::path::Path::new("/tmp/a:b,c/it's.cube");
        assert_eq!(filter_path(p), r"/tmp/a\\:b\,c/it\\\'s.cube");
    }
}
