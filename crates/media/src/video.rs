//! Video: an H.264 ladder (360p, 720p, 1080p; never above the source) with keyframes at
//! the same times in every rung, so players can switch between them; an HLS (fMP4)
//! playlist per rung made by remuxing, not encoding again; a master playlist that says
//! what each rung really is (size, peak and average bit rate, codec level, read back
//! from the files); a poster.
//!
//! Sizes are the displayed ones (`Probe` has applied the file's rotation, and ffmpeg
//! turns the frames upright as it decodes). A rung names the **short side**: 720p is
//! 1280 × 720 for a landscape video and 720 × 1280 for a phone's portrait one, so a
//! portrait clip gets the same sharpness on a phone held upright as a landscape clip on
//! a phone held sideways. A video smaller than the smallest rung gets one rung at its
//! own size; nothing is ever enlarged.

use std::path::{Path, PathBuf};

use crate::{Colour, MediaError, Probe, Tools};

/// What the renditions are made from: a video's size as shown, length, sound, colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clip {
    pub size: (u32, u32),
    pub duration_ms: u64,
    pub has_audio: bool,
    pub colour: Colour,
}

impl Clip {
    /// A silent SDR clip, as the tests make them.
    pub fn silent(size: (u32, u32), duration_ms: u64) -> Self {
        Self {
            size,
            duration_ms,
            has_audio: false,
            colour: Colour::Standard,
        }
    }
}

impl From<&Probe> for Clip {
    fn from(p: &Probe) -> Self {
        Self {
            size: (p.width.unwrap_or(640), p.height.unwrap_or(360)),
            duration_ms: p.duration_ms.unwrap_or(1),
            has_audio: p.has_audio,
            colour: p.colour,
        }
    }
}

/// The filters (after scaling, so the float work is done at the rung's size) that take
/// an HDR or wide-gamut clip to SDR BT.709: to linear light, BT.709 primaries, Hable's
/// tone curve for highlights, then the BT.709 curve and matrix. `None` for SDR BT.709.
fn to_sdr(colour: Colour) -> Option<String> {
    let input = match colour {
        Colour::Standard => return None,
        Colour::Wide => {
            return Some(
                "zscale=pin=bt2020:min=bt2020nc:tin=bt2020-10:p=bt709:m=bt709:t=bt709:r=tv,\
                 format=yuv420p"
                    .into(),
            );
        }
        Colour::Pq => "smpte2084",
        Colour::Hlg => "arib-std-b67",
    };
    Some(format!(
        "zscale=pin=bt2020:min=bt2020nc:tin={input}:t=linear:npl=100,format=gbrpf32le,\
         zscale=p=bt709,tonemap=tonemap=hable:desat=0,\
         zscale=t=bt709:m=bt709:r=tv,format=yuv420p"
    ))
}

/// The tags a converted rendition carries, so players read it as the BT.709 it now is.
const BT709_TAGS: [&str; 6] = [
    "-color_primaries",
    "bt709",
    "-color_trc",
    "bt709",
    "-colorspace",
    "bt709",
];

/// One rung of the ladder: its short side (the height of a landscape video, the width
/// of a portrait one) and video bit rate (kbit/s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rung {
    pub height: u32,
    pub kbps: u32,
}

/// The ladder: small enough for a cheap phone, sharp enough for a projector.
pub const LADDER: [Rung; 3] = [
    Rung {
        height: 360,
        kbps: 800,
    },
    Rung {
        height: 720,
        kbps: 2800,
    },
    Rung {
        height: 1080,
        kbps: 5000,
    },
];

/// Seconds between keyframes (and HLS segment length), the same in every rung.
pub const KEYFRAME_SECONDS: u32 = 2;

/// The rungs to make for a video whose short side is `short` pixels: every one it
/// reaches, or one at its own size (even, as H.264 wants) when it is smaller than all.
pub fn rungs_for(short: u32) -> Vec<Rung> {
    let out: Vec<Rung> = LADDER
        .iter()
        .copied()
        .filter(|r| r.height <= short)
        .collect();
    if !out.is_empty() {
        return out;
    }
    let own = (short & !1).max(2);
    let smallest = LADDER[0];
    vec![Rung {
        height: own,
        // The smallest rung's bits per pixel row, with a floor for tiny clips.
        kbps: (smallest.kbps * own / smallest.height).max(150),
    }]
}

/// Whether a video shows taller than wide (its rungs are then widths).
fn portrait(size: (u32, u32)) -> bool {
    size.1 > size.0
}

/// A file made from a video.
#[derive(Debug, Clone, PartialEq)]
pub struct VideoFile {
    /// `360p.mp4`, `hls/360p.m3u8`, `hls/master.m3u8`, `poster.jpg`, ...
    pub role: String,
    pub content_type: &'static str,
    /// A rung's height as shown (1280 for a portrait 720p), read back from the file.
    pub height: Option<u32>,
    pub path: PathBuf,
}

fn arg(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// The ffmpeg arguments that encode one rung; public so the benchmark can run exactly
/// the same command by hand.
pub fn rung_args(src: &Path, rung: Rung, clip: &Clip, out: &Path) -> Vec<String> {
    let portrait = portrait(clip.size);
    let mut a: Vec<String> = ["-v", "error", "-y", "-i"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    a.push(src.display().to_string());
    a.extend(
        [
            "-map",
            "0:v:0",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-profile:v",
            "main",
            "-pix_fmt",
            "yuv420p",
            "-vf",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    // The short side to the rung, the long side in proportion (even).
    let scale = if portrait {
        format!("scale={}:-2", rung.height)
    } else {
        format!("scale=-2:{}", rung.height)
    };
    match to_sdr(clip.colour) {
        Some(sdr) => {
            a.push(format!("{scale},{sdr}"));
            a.extend(BT709_TAGS.map(str::to_owned));
        }
        None => a.push(scale),
    }
    a.extend(["-b:v".to_owned(), format!("{}k", rung.kbps)]);
    a.extend(["-maxrate".to_owned(), format!("{}k", rung.kbps * 3 / 2)]);
    a.extend(["-bufsize".to_owned(), format!("{}k", rung.kbps * 2)]);
    // Keyframes on the clock, not on scene cuts: the same instants in every rung.
    a.extend([
        "-force_key_frames".to_owned(),
        format!("expr:gte(t,n_forced*{KEYFRAME_SECONDS})"),
        "-sc_threshold".to_owned(),
        "0".to_owned(),
    ]);
    if clip.has_audio {
        a.extend(
            ["-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2"]
                .iter()
                .map(|s| (*s).to_owned()),
        );
    }
    a.extend(
        ["-map_metadata", "-1", "-movflags", "+faststart"]
            .iter()
            .map(|s| (*s).to_owned()),
    );
    a.push(out.display().to_string());
    a
}

/// Encodes every rung, remuxes each to HLS, writes the master playlist and the poster.
/// `on_progress` gets 0 to 1 over the whole job.
/// `size` is the displayed width and height.
pub async fn video_renditions(
    tools: &Tools,
    src: &Path,
    clip: &Clip,
    out_dir: &Path,
    mut on_progress: impl FnMut(f64) + Send,
) -> Result<Vec<VideoFile>, MediaError> {
    let Clip {
        size,
        duration_ms,
        has_audio,
        colour,
    } = *clip;
    let portrait = portrait(size);
    let rungs = rungs_for(size.0.min(size.1));
    let hls = out_dir.join("hls");
    tokio::fs::create_dir_all(&hls)
        .await
        .map_err(|e| MediaError::Tool {
            tool: "ffmpeg",
            detail: e.to_string(),
        })?;
    let mut files = Vec::new();
    let mut master = String::from("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    let share = 1.0 / rungs.len() as f64;
    for (i, rung) in rungs.iter().enumerate() {
        let mp4 = out_dir.join(format!("{}p.mp4", rung.height));
        let args = rung_args(src, *rung, clip, &mp4);
        let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
        let run = tools
            .run_with_progress(&args, duration_ms, |p| {
                on_progress((i as f64 + p) * share * 0.95)
            })
            .await?;
        if !run.success {
            return Err(MediaError::Corrupt(run.stderr));
        }
        // What the rung really is, read back from what was written: its rows record
        // the height shown (1280 for a portrait 720p) and the master playlist says it.
        let made = made_rung(tools, &mp4).await?;
        files.push(VideoFile {
            role: format!("{}p.mp4", rung.height),
            content_type: "video/mp4",
            height: Some(made.height),
            path: mp4.clone(),
        });
        let playlist = hls.join(format!("{}p.m3u8", rung.height));
        let init = format!("{}p-init.mp4", rung.height);
        let segments = hls.join(format!("{}p-%03d.m4s", rung.height));
        let remux = tools
            .run(
                "ffmpeg",
                &[
                    arg("-v"),
                    arg("error"),
                    arg("-y"),
                    arg("-i"),
                    mp4.as_os_str(),
                    arg("-c"),
                    arg("copy"),
                    arg("-f"),
                    arg("hls"),
                    arg("-hls_time"),
                    arg(&KEYFRAME_SECONDS.to_string()),
                    arg("-hls_playlist_type"),
                    arg("vod"),
                    arg("-hls_segment_type"),
                    arg("fmp4"),
                    arg("-hls_fmp4_init_filename"),
                    arg(&init),
                    arg("-hls_segment_filename"),
                    segments.as_os_str(),
                    playlist.as_os_str(),
                ],
            )
            .await?;
        if !remux.success {
            return Err(MediaError::Tool {
                tool: "ffmpeg",
                detail: remux.stderr,
            });
        }
        let (peak, average) = bit_rates(&hls, rung.height, duration_ms).await;
        let codecs = if has_audio {
            format!("{},mp4a.40.2", made.codec)
        } else {
            made.codec.clone()
        };
        master.push_str(&format!(
            "#EXT-X-STREAM-INF:BANDWIDTH={peak},AVERAGE-BANDWIDTH={average},RESOLUTION={}x{},CODECS=\"{codecs}\"\n{}p.m3u8\n",
            made.width, made.height, rung.height
        ));
        files.push(VideoFile {
            role: format!("hls/{}p.m3u8", rung.height),
            content_type: "application/vnd.apple.mpegurl",
            height: Some(made.height),
            path: playlist,
        });
    }
    let master_path = hls.join("master.m3u8");
    tokio::fs::write(&master_path, master)
        .await
        .map_err(|e| MediaError::Tool {
            tool: "ffmpeg",
            detail: e.to_string(),
        })?;
    files.push(VideoFile {
        role: "hls/master.m3u8".into(),
        content_type: "application/vnd.apple.mpegurl",
        height: None,
        path: master_path,
    });
    // The poster: a frame one second in (or the first, for shorter clips), upright, at
    // most 1080 on its short side, and otherwise at its own size: an odd size stays odd
    // rather than stretched by a pixel (a JPEG needs no even sides).
    let at = if duration_ms > 1500 { "1" } else { "0" };
    let mut poster_scale = match (portrait, size.0.min(size.1) > 1080) {
        (_, false) => "null".to_owned(),
        (true, true) => "scale=1080:-1".to_owned(),
        (false, true) => "scale=-1:1080".to_owned(),
    };
    if let Some(sdr) = to_sdr(colour) {
        poster_scale = format!("{poster_scale},{sdr}");
    }
    let poster = out_dir.join("poster.jpg");
    let run = tools
        .run(
            "ffmpeg",
            &[
                arg("-v"),
                arg("error"),
                arg("-y"),
                arg("-ss"),
                arg(at),
                arg("-i"),
                src.as_os_str(),
                arg("-frames:v"),
                arg("1"),
                arg("-vf"),
                arg(&poster_scale),
                arg("-q:v"),
                arg("3"),
                poster.as_os_str(),
            ],
        )
        .await?;
    if !run.success {
        return Err(MediaError::Corrupt(run.stderr));
    }
    files.push(VideoFile {
        role: "poster.jpg".into(),
        content_type: "image/jpeg",
        height: None,
        path: poster,
    });
    on_progress(1.0);
    Ok(files)
}

/// A rung as written: displayed size and the codec string players check.
struct MadeRung {
    width: u32,
    height: u32,
    /// `avc1.PPCCLL`: profile, constraint flags and level, as RFC 6381 spells them.
    codec: String,
}

#[derive(serde::Deserialize)]
struct RungProbe {
    #[serde(default)]
    streams: Vec<RungStream>,
}

#[derive(serde::Deserialize)]
struct RungStream {
    width: Option<u32>,
    height: Option<u32>,
    profile: Option<String>,
    level: Option<u32>,
}

async fn made_rung(tools: &Tools, mp4: &Path) -> Result<MadeRung, MediaError> {
    let out = tools
        .run(
            "ffprobe",
            &[
                arg("-v"),
                arg("error"),
                arg("-select_streams"),
                arg("v:0"),
                arg("-show_entries"),
                arg("stream=width,height,profile,level"),
                arg("-print_format"),
                arg("json"),
                mp4.as_os_str(),
            ],
        )
        .await?;
    let stream = serde_json::from_slice::<RungProbe>(&out.stdout)
        .ok()
        .and_then(|p| p.streams.into_iter().next())
        .ok_or_else(|| MediaError::Tool {
            tool: "ffprobe",
            detail: format!("cannot read back {}", mp4.display()),
        })?;
    Ok(MadeRung {
        width: stream.width.unwrap_or(0),
        height: stream.height.unwrap_or(0),
        codec: avc1(
            stream.profile.as_deref().unwrap_or("Main"),
            stream.level.unwrap_or(31),
        ),
    })
}

/// The RFC 6381 codec string of an H.264 stream from ffprobe's profile name and level.
fn avc1(profile: &str, level: u32) -> String {
    let (idc, constraints) = match profile {
        "Constrained Baseline" => (0x42, 0xe0),
        "Baseline" => (0x42, 0x00),
        "High" => (0x64, 0x00),
        "High 10" => (0x6e, 0x00),
        // libx264's main profile sets constraint_set1 (compatible with main decoders).
        _ => (0x4d, 0x40),
    };
    format!("avc1.{idc:02x}{constraints:02x}{level:02x}")
}

/// Peak and average bit rates (bit/s) of a rung's HLS segments: the peak of any
/// segment over its length, which is what HLS `BANDWIDTH` means, and the whole over
/// the clip's duration.
async fn bit_rates(hls: &Path, rung: u32, duration_ms: u64) -> (u64, u64) {
    let prefix = format!("{rung}p-");
    let mut sizes = Vec::new();
    if let Ok(mut dir) = tokio::fs::read_dir(hls).await {
        while let Ok(Some(entry)) = dir.next_entry().await {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix)
                && name.ends_with(".m4s")
                && let Ok(meta) = entry.metadata().await
            {
                sizes.push(meta.len());
            }
        }
    }
    let total: u64 = sizes.iter().sum();
    let seconds = (duration_ms as f64 / 1000.0).max(0.001);
    let segment = f64::from(KEYFRAME_SECONDS).min(seconds);
    let peak = sizes
        .iter()
        .map(|b| (*b as f64 * 8.0 / segment) as u64)
        .max()
        .unwrap_or(0);
    let average = (total as f64 * 8.0 / seconds) as u64;
    (peak.max(average).max(1), average.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_never_upscales() {
        let heights = |h| rungs_for(h).iter().map(|r| r.height).collect::<Vec<_>>();
        assert_eq!(heights(2160), [360, 720, 1080]);
        assert_eq!(heights(720), [360, 720]);
        assert_eq!(heights(241), [240], "its own size, even, never 360");
        assert!(rungs_for(240)[0].kbps < LADDER[0].kbps);
    }

    #[test]
    fn codec_strings_follow_rfc_6381() {
        assert_eq!(avc1("Main", 31), "avc1.4d401f");
        assert_eq!(avc1("High", 40), "avc1.640028");
        assert_eq!(avc1("Constrained Baseline", 30), "avc1.42e01e");
    }
}
