//! What a file is, from ffprobe's reading of its header, checked against limits before
//! anything decodes it.

use std::path::Path;

use serde::Deserialize;

use crate::{MediaError, Tools};

/// What kind of media a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Image,
    Video,
    Audio,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Image => "image",
            Kind::Video => "video",
            Kind::Audio => "audio",
        }
    }
}

/// How a video's colours are coded. Most clips are SDR BT.709; phones record HDR as
/// 10-bit BT.2020 with the PQ or HLG curve, which a browser shows washed out unless
/// the renditions are tone-mapped to SDR BT.709.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Colour {
    #[default]
    Standard,
    /// BT.2020 primaries with an SDR curve.
    Wide,
    /// HDR10 and Dolby Vision's base layer (SMPTE ST 2084).
    Pq,
    /// Hybrid log-gamma (ARIB STD-B67), as many phones record.
    Hlg,
}

impl Colour {
    fn of(primaries: Option<&str>, transfer: Option<&str>) -> Self {
        match (primaries, transfer) {
            (_, Some("smpte2084")) => Colour::Pq,
            (_, Some("arib-std-b67")) => Colour::Hlg,
            (Some("bt2020"), _) => Colour::Wide,
            _ => Colour::Standard,
        }
    }
}

/// What ffprobe found.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    pub kind: Kind,
    /// The size as shown, after the rotation the file asks for: a phone's portrait
    /// video stored 1920 × 1080 with a quarter turn is 1080 wide and 1920 high here.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The quarter turns clockwise the file asks players to apply (0, 90, 180, 270):
    /// a video's display matrix or a photo's EXIF orientation. ffmpeg applies it when
    /// it decodes, so renditions come out upright and need no rotation of their own.
    pub rotation: u32,
    pub duration_ms: Option<u64>,
    pub has_audio: bool,
    /// Whether the picture's pixels can be see-through (a logo's PNG, a WebP with alpha).
    pub alpha: bool,
    /// A video's colour coding (pictures are taken to sRGB from their ICC profile).
    pub colour: Colour,
    /// ffprobe's container name (`mov,mp4,m4a,3gp,3g2,mj2`, `png_pipe`).
    pub format: String,
}

/// What is accepted.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Pixels of one image or frame, in millions.
    pub max_megapixels: u32,
    pub max_seconds: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_megapixels: 50,
            max_seconds: 15 * 60,
        }
    }
}

#[derive(Deserialize)]
struct FfprobeOutput {
    #[serde(default)]
    streams: Vec<Stream>,
    format: Option<Format>,
}

#[derive(Deserialize)]
struct Stream {
    codec_type: Option<String>,
    codec_name: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    pix_fmt: Option<String>,
    color_primaries: Option<String>,
    color_transfer: Option<String>,
    /// Cover art inside audio files is a "video" stream with this disposition.
    #[serde(default)]
    disposition: Disposition,
    /// A video's display matrix (phones record portrait as landscape plus a turn).
    #[serde(default)]
    side_data_list: Vec<SideData>,
}

#[derive(Deserialize, Default)]
struct SideData {
    /// Degrees counter-clockwise, as ffprobe reports a display matrix (-90: a quarter
    /// turn clockwise).
    rotation: Option<f64>,
}

#[derive(Deserialize)]
struct FramesOutput {
    #[serde(default)]
    frames: Vec<Frame>,
}

#[derive(Deserialize)]
struct Frame {
    #[serde(default)]
    side_data_list: Vec<SideData>,
}

/// Quarter turns clockwise from ffprobe's counter-clockwise degrees.
fn quarter_turns(side_data: &[SideData]) -> u32 {
    side_data
        .iter()
        .find_map(|d| d.rotation)
        .map(|degrees| ((-degrees / 90.0).round() as i64).rem_euclid(4) as u32 * 90)
        .unwrap_or(0)
}

/// ffprobe's JSON answer about `path`, asked with `what`.
async fn ffprobe_json(
    tools: &Tools,
    path: &Path,
    what: &[&str],
) -> Result<crate::tools::Output, MediaError> {
    let mut args: Vec<&std::ffi::OsStr> = ["-v", "error", "-print_format", "json"]
        .iter()
        .chain(what)
        .map(|a| std::ffi::OsStr::new(*a))
        .collect();
    args.push(path.as_os_str());
    tools.run("ffprobe", &args).await
}

/// A still picture's orientation, which ffmpeg reads from EXIF only when it decodes
/// (the stream header does not carry it): ffprobe's first decoded frame says.
async fn picture_rotation(tools: &Tools, path: &Path) -> u32 {
    let what = [
        "-read_intervals",
        "%+#1",
        "-show_frames",
        "-show_entries",
        "frame=side_data_list",
    ];
    let Ok(out) = ffprobe_json(tools, path, &what).await else {
        return 0;
    };
    serde_json::from_slice::<FramesOutput>(&out.stdout)
        .ok()
        .and_then(|f| f.frames.into_iter().next())
        .map_or(0, |f| quarter_turns(&f.side_data_list))
}

#[derive(Deserialize, Default)]
struct Disposition {
    #[serde(default)]
    attached_pic: u8,
}

#[derive(Deserialize)]
struct Format {
    format_name: Option<String>,
    duration: Option<String>,
    #[serde(default)]
    tags: FormatTags,
}

#[derive(Deserialize, Default)]
struct FormatTags {
    major_brand: Option<String>,
    compatible_brands: Option<String>,
}

impl Format {
    /// An AVIF picture: ffmpeg reads it as a one-frame AV1 video in an MP4-like box.
    fn avif(&self) -> bool {
        let brands = [&self.tags.major_brand, &self.tags.compatible_brands];
        brands.iter().any(|b| {
            b.as_deref()
                .is_some_and(|b| b.contains("avif") || b.contains("avis"))
        })
    }
}

/// Whether ffmpeg's pixel format `name` carries transparency (a palette may).
fn has_alpha(name: &str) -> bool {
    ["yuva", "gbrap", "ya", "rgba", "bgra", "argb", "abgr"]
        .iter()
        .any(|p| name.starts_with(p))
        || name == "pal8"
}

/// Single-picture formats: ffprobe calls their one frame a video stream.
const IMAGE_CODECS: &[&str] = &["png", "mjpeg", "webp", "gif", "bmp", "tiff"];

/// Whether the file starts like a picture format ffmpeg reads (PNG, JPEG, GIF, WebP,
/// BMP, TIFF, AVIF).
async fn picture_signature(path: &Path) -> bool {
    use tokio::io::AsyncReadExt;
    let mut head = [0u8; 12];
    let Ok(mut file) = tokio::fs::File::open(path).await else {
        return false;
    };
    if file.read_exact(&mut head).await.is_err() {
        return false;
    }
    head.starts_with(b"\x89PNG")
        || head.starts_with(&[0xff, 0xd8, 0xff])
        || head.starts_with(b"GIF8")
        || (head.starts_with(b"RIFF") && &head[8..12] == b"WEBP")
        || head.starts_with(b"BM")
        || head.starts_with(b"II*\0")
        || head.starts_with(b"MM\0*")
        || (&head[4..8] == b"ftyp" && (&head[8..12] == b"avif" || &head[8..12] == b"mif1"))
}

/// Width and height from a PNG's IHDR chunk (bytes 16 to 24), if the file is a PNG.
async fn png_size(path: &Path) -> Option<(u32, u32)> {
    use tokio::io::AsyncReadExt;
    let mut head = [0u8; 24];
    let mut file = tokio::fs::File::open(path).await.ok()?;
    file.read_exact(&mut head).await.ok()?;
    if &head[..8] != b"\x89PNG\r\n\x1a\n" || &head[12..16] != b"IHDR" {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Some((be(&head[16..20]), be(&head[20..24])))
}

/// Reads a file's header with ffprobe and classifies it; refuses what is not media or
/// is over the limits, before anything decodes it.
pub async fn probe(tools: &Tools, path: &Path, limits: Limits) -> Result<Probe, MediaError> {
    let out = ffprobe_json(tools, path, &["-show_streams", "-show_format"]).await?;
    if !out.success {
        // ffprobe says why in its last line: "Invalid data found when processing input"
        // for what is not media at all, other messages for damaged media.
        return Err(if out.stderr.contains("Invalid data found") {
            MediaError::NotMedia
        } else {
            MediaError::Corrupt(out.stderr)
        });
    }
    let parsed: FfprobeOutput = serde_json::from_slice(&out.stdout)
        .map_err(|e| MediaError::Corrupt(format!("unreadable ffprobe answer: {e}")))?;
    let format = parsed
        .format
        .as_ref()
        .and_then(|f| f.format_name.clone())
        .unwrap_or_default();
    // Text and subtitles: ffprobe reads some plain text as a "tty" or subtitle format.
    if format == "tty" || parsed.streams.is_empty() {
        return Err(MediaError::NotMedia);
    }
    let pictures: Vec<&Stream> = parsed
        .streams
        .iter()
        .filter(|s| s.codec_type.as_deref() == Some("video") && s.disposition.attached_pic == 0)
        .collect();
    let has_audio = parsed
        .streams
        .iter()
        .any(|s| s.codec_type.as_deref() == Some("audio"));
    let duration_ms = parsed
        .format
        .as_ref()
        .and_then(|f| f.duration.as_deref())
        .and_then(|d| d.parse::<f64>().ok())
        .filter(|d| d.is_finite() && *d > 0.0)
        .map(|d| (d * 1000.0).round() as u64);
    let avif = parsed.format.as_ref().is_some_and(Format::avif) && pictures.len() == 1;
    let still = avif
        || pictures.len() == 1
            && pictures[0]
                .codec_name
                .as_deref()
                .is_some_and(|c| IMAGE_CODECS.contains(&c))
            && !has_audio
            && (format.ends_with("_pipe")
                || format == "image2"
                || duration_ms.is_none_or(|d| d < 100));
    let kind = match (pictures.first(), has_audio) {
        (Some(_), _) if still => Kind::Image,
        (Some(_), _) => Kind::Video,
        (None, true) => Kind::Audio,
        (None, false) => return Err(MediaError::NotMedia),
    };
    // ffprobe guesses image formats from the file name; the first bytes say what the
    // file really is (a text file named .jpg is no picture).
    if kind == Kind::Image && !picture_signature(path).await {
        return Err(MediaError::NotMedia);
    }
    let (mut width, mut height) = pictures
        .first()
        .map_or((None, None), |s| (s.width, s.height));
    // ffprobe reports 0 × 0 for a picture its decoder will not open, such as a PNG whose
    // header claims billions of pixels: read the size from the header instead.
    if kind == Kind::Image && (width.unwrap_or(0) == 0 || height.unwrap_or(0) == 0) {
        let (w, h) = png_size(path)
            .await
            .ok_or_else(|| MediaError::Corrupt("the picture's size cannot be read".into()))?;
        (width, height) = (Some(w), Some(h));
    }
    if let (Some(w), Some(h)) = (width, height)
        && u64::from(w) * u64::from(h) > u64::from(limits.max_megapixels) * 1_000_000
    {
        return Err(MediaError::TooManyPixels {
            width: w,
            height: h,
            max_megapixels: limits.max_megapixels,
        });
    }
    if kind != Kind::Image
        && let Some(ms) = duration_ms.filter(|ms| *ms > limits.max_seconds * 1000)
    {
        return Err(MediaError::TooLong {
            seconds: ms / 1000,
            max_seconds: limits.max_seconds,
        });
    }
    // Within the limits, the orientation may be read (for a photo, by decoding one frame).
    let rotation = match kind {
        Kind::Image => picture_rotation(tools, path).await,
        Kind::Video => pictures
            .first()
            .map_or(0, |s| quarter_turns(&s.side_data_list)),
        Kind::Audio => 0,
    };
    if rotation % 180 == 90 {
        (width, height) = (height, width);
    }
    let alpha = pictures
        .first()
        .and_then(|s| s.pix_fmt.as_deref())
        .is_some_and(has_alpha);
    let colour = pictures.first().map_or(Colour::Standard, |s| {
        Colour::of(s.color_primaries.as_deref(), s.color_transfer.as_deref())
    });
    Ok(Probe {
        kind,
        alpha,
        colour,
        width,
        height,
        rotation,
        duration_ms: if kind == Kind::Image {
            None
        } else {
            duration_ms
        },
        has_audio,
        format,
    })
}
