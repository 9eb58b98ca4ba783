//! Video: an H.264 ladder (360p, 720p, 1080p; never above the source) with keyframes at
//! the same times in every rung, so players can switch between them; an HLS (fMP4)
//! playlist per rung made by remuxing, not encoding again; a master playlist; a poster.

use std::path::{Path, PathBuf};

use crate::{MediaError, Tools};

/// One rung of the ladder: height and video bit rate (kbit/s).
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

/// The rungs to make for a video `height` pixels high: every one it reaches, or the
/// smallest when it is lower than that.
pub fn rungs_for(height: u32) -> Vec<Rung> {
    let out: Vec<Rung> = LADDER
        .iter()
        .copied()
        .filter(|r| r.height <= height)
        .collect();
    if out.is_empty() { vec![LADDER[0]] } else { out }
}

/// A file made from a video.
#[derive(Debug, Clone, PartialEq)]
pub struct VideoFile {
    /// `360p.mp4`, `hls/360p.m3u8`, `hls/master.m3u8`, `poster.jpg`, ...
    pub role: String,
    pub content_type: &'static str,
    pub height: Option<u32>,
    pub path: PathBuf,
}

fn arg(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// The ffmpeg arguments that encode one rung; public so the benchmark can run exactly
/// the same command by hand.
pub fn rung_args(src: &Path, rung: Rung, has_audio: bool, out: &Path) -> Vec<String> {
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
    a.push(format!("scale=-2:{}", rung.height));
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
    if has_audio {
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
pub async fn video_renditions(
    tools: &Tools,
    src: &Path,
    height: u32,
    duration_ms: u64,
    has_audio: bool,
    out_dir: &Path,
    mut on_progress: impl FnMut(f64) + Send,
) -> Result<Vec<VideoFile>, MediaError> {
    let rungs = rungs_for(height);
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
        let args = rung_args(src, *rung, has_audio, &mp4);
        let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
        let run = tools
            .run_with_progress(&args, duration_ms, |p| {
                on_progress((i as f64 + p) * share * 0.95)
            })
            .await?;
        if !run.success {
            return Err(MediaError::Corrupt(run.stderr));
        }
        files.push(VideoFile {
            role: format!("{}p.mp4", rung.height),
            content_type: "video/mp4",
            height: Some(rung.height),
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
        let width = rung.height * 16 / 9;
        let bandwidth = (rung.kbps + if has_audio { 128 } else { 0 }) * 1000 * 11 / 10;
        let codecs = if has_audio {
            "avc1.4d401f,mp4a.40.2"
        } else {
            "avc1.4d401f"
        };
        master.push_str(&format!(
            "#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},RESOLUTION={width}x{},CODECS=\"{codecs}\"\n{}p.m3u8\n",
            rung.height, rung.height
        ));
        files.push(VideoFile {
            role: format!("hls/{}p.m3u8", rung.height),
            content_type: "application/vnd.apple.mpegurl",
            height: Some(rung.height),
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
    // The poster: a frame one second in (or the first, for shorter clips).
    let at = if duration_ms > 1500 { "1" } else { "0" };
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
                arg("scale=-2:'min(1080,ih)'"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_never_upscales() {
        let heights = |h| rungs_for(h).iter().map(|r| r.height).collect::<Vec<_>>();
        assert_eq!(heights(2160), [360, 720, 1080]);
        assert_eq!(heights(720), [360, 720]);
        assert_eq!(heights(240), [360]);
    }
}
