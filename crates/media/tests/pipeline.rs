//! The pipeline on small files made here with ffmpeg, and on every kind of bad input:
//! not media (even named .mp4), truncated, a decompression bomb, too long, a tool that
//! hangs and one that crashes.

mod common;

use std::process::Command;

use common::*;
use std::time::Duration;

use forja_media::{Kind, Limits, MediaError, Tools, image_renditions, placeholder, probe};

#[tokio::test]
async fn an_image_is_probed_and_rendered_at_each_width_it_reaches() {
    let d = dir("image");
    let src = d.join("photo.png");
    make(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=1200x800",
            "-frames:v",
            "1",
        ],
        &src,
    );
    let tools = Tools::default();
    let p = probe(&tools, &src, Limits::default()).await.unwrap();
    assert_eq!(
        (p.kind, p.width, p.height),
        (Kind::Image, Some(1200), Some(800))
    );
    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let r = image_renditions(&tools, &src, 1200, false, &out)
        .await
        .unwrap();
    let roles: Vec<&str> = r.iter().map(|x| x.role.as_str()).collect();
    assert_eq!(roles, ["w480.webp", "w480.jpg", "w960.webp", "w960.jpg"]);
    assert!(r.iter().all(|x| x.bytes > 0 && x.path.exists()));
    let small = probe(&tools, &out.join("w480.webp"), Limits::default())
        .await
        .unwrap();
    assert_eq!(small.width, Some(480));
    let ph = placeholder(&tools, &src).await.unwrap();
    assert!(ph.0.starts_with("data:image/jpeg;base64,") && ph.0.len() < 2000);
}

#[tokio::test]
async fn video_and_audio_are_told_apart() {
    let d = dir("av");
    let video = d.join("clip.mp4");
    make(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x240:rate=25:duration=2",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=2",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
        ],
        &video,
    );
    let audio = d.join("voice.wav");
    make(
        &["-f", "lavfi", "-i", "sine=frequency=220:duration=1"],
        &audio,
    );
    let tools = Tools::default();
    let v = probe(&tools, &video, Limits::default()).await.unwrap();
    assert_eq!(
        (v.kind, v.width, v.has_audio),
        (Kind::Video, Some(320), true)
    );
    assert!((1900..=2100).contains(&v.duration_ms.unwrap()));
    let a = probe(&tools, &audio, Limits::default()).await.unwrap();
    assert_eq!((a.kind, a.width), (Kind::Audio, None));
    let short = Limits {
        max_seconds: 1,
        ..Limits::default()
    };
    assert_eq!(
        probe(&tools, &video, short).await,
        Err(MediaError::TooLong {
            seconds: 2,
            max_seconds: 1
        })
    );
}

#[tokio::test]
async fn what_is_not_media_or_is_damaged_is_refused_with_its_reason() {
    let d = dir("bad");
    let tools = Tools::default();
    let text = d.join("minutes.mp4");
    std::fs::write(
        &text,
        "Minutes of the council meeting, renamed to look like a video.\n".repeat(50),
    )
    .unwrap();
    assert_eq!(
        probe(&tools, &text, Limits::default()).await,
        Err(MediaError::NotMedia)
    );
    let empty = d.join("empty.jpg");
    std::fs::write(&empty, b"").unwrap();
    assert!(probe(&tools, &empty, Limits::default()).await.is_err());

    // A JPEG cut in half: its header reads fine, decoding it does not.
    let whole = d.join("whole.jpg");
    make(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=800x600",
            "-frames:v",
            "1",
            "-q:v",
            "2",
        ],
        &whole,
    );
    let bytes = std::fs::read(&whole).unwrap();
    let cut = d.join("cut.jpg");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let p = probe(&tools, &cut, Limits::default()).await.unwrap();
    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    assert!(matches!(
        image_renditions(&tools, &cut, p.width.unwrap(), false, &out).await,
        Err(MediaError::Corrupt(_))
    ));

    // A truncated MP4 has no index to read.
    let clip = d.join("clip.mp4");
    make(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x240:duration=2",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
        ],
        &clip,
    );
    let bytes = std::fs::read(&clip).unwrap();
    let cut = d.join("cut.mp4");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    assert!(matches!(
        probe(&tools, &cut, Limits::default()).await,
        Err(MediaError::Corrupt(_) | MediaError::NotMedia)
    ));
}

/// A PNG whose header claims 60,000 × 60,000 pixels in a file of a few dozen bytes.
fn bomb_png() -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        c.extend_from_slice(&body);
        c.extend_from_slice(&crc32(&body).to_be_bytes());
        c
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&60_000u32.to_be_bytes());
    ihdr.extend_from_slice(&60_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(chunk(b"IEND", &[]));
    png
}

#[tokio::test]
async fn a_decompression_bomb_is_refused_before_decoding() {
    let d = dir("bomb");
    let bomb = d.join("bomb.png");
    std::fs::write(&bomb, bomb_png()).unwrap();
    assert_eq!(
        probe(&Tools::default(), &bomb, Limits::default()).await,
        Err(MediaError::TooManyPixels {
            width: 60_000,
            height: 60_000,
            max_megapixels: 50
        })
    );
}

#[tokio::test]
async fn a_hanging_or_crashing_tool_ends_in_a_clear_error() {
    let d = dir("tools");
    let script = |name: &str, body: &str| {
        let p = d.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p
    };
    let some_file = d.join("x.png");
    std::fs::write(&some_file, b"x").unwrap();
    let hangs = Tools {
        ffprobe: script("hangs", "sleep 30"),
        timeout: Duration::from_millis(500),
        ..Tools::default()
    };
    let started = std::time::Instant::now();
    assert_eq!(
        probe(&hangs, &some_file, Limits::default()).await,
        Err(MediaError::Timeout {
            tool: "ffprobe",
            seconds: 0
        })
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "stopped, not waited for"
    );
    let crashes = Tools {
        ffprobe: script("crashes", "kill -SEGV $$"),
        ..Tools::default()
    };
    assert!(matches!(
        probe(&crashes, &some_file, Limits::default()).await,
        Err(MediaError::Tool {
            tool: "ffprobe",
            ..
        })
    ));
    let missing = Tools {
        ffprobe: d.join("no-such-tool"),
        ..Tools::default()
    };
    assert!(matches!(
        probe(&missing, &some_file, Limits::default()).await,
        Err(MediaError::Tool {
            tool: "ffprobe",
            ..
        })
    ));
}

#[tokio::test]
async fn a_video_gets_its_ladder_hls_with_aligned_keyframes_and_a_poster() {
    let d = dir("ladder");
    let src = d.join("source.mp4");
    make(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=1280x720:rate=25:duration=5",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=330:duration=5",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
        ],
        &src,
    );
    let tools = Tools::default();
    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut seen = Vec::new();
    let files = forja_media::video_renditions(
        &tools,
        &src,
        &forja_media::Clip {
            has_audio: true,
            ..forja_media::Clip::silent((1280, 720), 5000)
        },
        &out,
        |p| seen.push(p),
    )
    .await
    .unwrap();
    let roles: Vec<&str> = files.iter().map(|f| f.role.as_str()).collect();
    assert_eq!(
        roles,
        [
            "360p.mp4",
            "hls/360p.m3u8",
            "720p.mp4",
            "hls/720p.m3u8",
            "hls/master.m3u8",
            "poster.jpg"
        ]
    );
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "progress only grows");
    assert_eq!(seen.last(), Some(&1.0));
    let master = std::fs::read_to_string(out.join("hls/master.m3u8")).unwrap();
    assert!(master.contains("RESOLUTION=640x360") && master.contains("720p.m3u8"));
    // Each rung's line says what the rung is, read back from its file.
    for (rung, line) in [("360p", 0), ("720p", 1)] {
        let stream = master
            .lines()
            .filter(|l| l.starts_with("#EXT-X-STREAM-INF"))
            .nth(line)
            .unwrap();
        let (w, h) = size_of(&out.join(format!("{rung}.mp4")));
        assert!(stream.contains(&format!("RESOLUTION={w}x{h}")), "{stream}");
        assert!(stream.contains("AVERAGE-BANDWIDTH="), "{stream}");
        let level = level_of(&out.join(format!("{rung}.mp4")));
        assert!(
            stream.contains(&format!("avc1.4d40{level:02x}")),
            "{level}: {stream}"
        );
    }
    assert_ne!(
        master.lines().nth(3),
        master.lines().nth(5),
        "not one level for every rung"
    );
    // Keyframes at the same instants in both rungs (every 2 s).
    let keyframes = |file: &str| {
        let o = Command::new("ffprobe")
            .args([
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-skip_frame",
                "nokey",
                "-show_entries",
                "frame=pts_time",
                "-of",
                "csv=p=0",
            ])
            .arg(out.join(file))
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| l.trim().trim_end_matches(','))
            .filter(|l| !l.is_empty())
            .map(|l| (l.parse::<f64>().unwrap() * 10.0).round() as i64)
            .collect::<Vec<_>>()
    };
    let k360 = keyframes("360p.mp4");
    assert_eq!(k360, keyframes("720p.mp4"));
    assert_eq!(k360, [0, 20, 40]);
    let playlist = std::fs::read_to_string(out.join("hls/720p.m3u8")).unwrap();
    assert!(
        playlist.contains("#EXT-X-MAP:URI=\"720p-init.mp4\"")
            && playlist.contains("#EXT-X-ENDLIST")
    );
    let poster = probe(&tools, &out.join("poster.jpg"), Limits::default())
        .await
        .unwrap();
    assert_eq!((poster.kind, poster.height), (Kind::Image, Some(720)));
}

#[tokio::test]
async fn audio_gets_aac_and_opus_and_srt_captions_become_webvtt() {
    let d = dir("audio");
    let src = d.join("voice.wav");
    make(
        &["-f", "lavfi", "-i", "sine=frequency=220:duration=2"],
        &src,
    );
    let tools = Tools::default();
    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let files = forja_media::audio_renditions(&tools, &src, &out)
        .await
        .unwrap();
    for f in &files {
        let p = probe(&tools, &f.path, Limits::default()).await.unwrap();
        assert_eq!(p.kind, Kind::Audio, "{}", f.role);
    }
    let srt = d.join("words.srt");
    std::fs::write(
        &srt,
        "1\n00:00:00,500 --> 00:00:02,000\nReșița învață în fiecare zi.\n",
    )
    .unwrap();
    let vtt = forja_media::captions_to_vtt(&tools, &srt, &out)
        .await
        .unwrap();
    let text = std::fs::read_to_string(&vtt.path).unwrap();
    assert!(
        text.starts_with("WEBVTT")
            && text.contains("00:00.500 --> 00:02.000")
            && text.contains("Reșița")
    );
    let not_captions = d.join("notes.vtt");
    std::fs::write(&not_captions, "just some notes").unwrap();
    assert_eq!(
        forja_media::captions_to_vtt(&tools, &not_captions, &out).await,
        Err(MediaError::NotMedia)
    );
}

#[tokio::test]
async fn a_text_file_named_like_a_picture_is_not_media() {
    let d = dir("named");
    let fake = d.join("photo.jpg");
    std::fs::write(&fake, "this is a text file, not a photo").unwrap();
    assert_eq!(
        probe(&Tools::default(), &fake, Limits::default()).await,
        Err(MediaError::NotMedia)
    );
}

#[tokio::test]
async fn a_portrait_phone_video_is_laddered_and_recorded_as_it_is_shown() {
    let d = dir("portrait");
    let src = d.join("phone.mp4");
    // Stored 1280 × 720 with a quarter turn: shown 720 wide, 1280 high.
    make(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=1280x720:rate=25:duration=3",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
        ],
        &src,
    );
    turn_quarter(&src);
    let tools = Tools::default();
    let p = probe(&tools, &src, Limits::default()).await.unwrap();
    assert_eq!(
        (p.kind, p.width, p.height, p.rotation),
        (Kind::Video, Some(720), Some(1280), 90)
    );
    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let files = forja_media::video_renditions(
        &tools,
        &src,
        &forja_media::Clip::silent((720, 1280), 3000),
        &out,
        |_| {},
    )
    .await
    .unwrap();
    let rungs: Vec<&str> = files
        .iter()
        .filter(|f| f.role.ends_with("p.mp4"))
        .map(|f| f.role.as_str())
        .collect();
    assert_eq!(
        rungs,
        ["360p.mp4", "720p.mp4"],
        "rungs by the short side: 720"
    );
    assert_eq!(
        size_of(&out.join("360p.mp4")),
        (360, 640),
        "upright, short side 360"
    );
    assert_eq!(
        size_of(&out.join("720p.mp4")),
        (720, 1280),
        "never above the source"
    );
    let recorded = files
        .iter()
        .find(|f| f.role == "720p.mp4")
        .and_then(|f| f.height);
    assert_eq!(
        recorded,
        Some(1280),
        "the rendition records the height it shows"
    );
    let master = std::fs::read_to_string(out.join("hls/master.m3u8")).unwrap();
    assert!(master.contains("RESOLUTION=720x1280"), "{master}");
    let poster = probe(&tools, &out.join("poster.jpg"), Limits::default())
        .await
        .unwrap();
    assert_eq!(
        (poster.width, poster.height),
        (Some(720), Some(1280)),
        "the poster upright"
    );
}

#[tokio::test]
async fn a_photo_turned_by_exif_is_sized_as_shown_and_never_enlarged() {
    let d = dir("exif");
    let src = d.join("portrait.jpg");
    // Stored 1066 × 800, EXIF orientation 6 (turn a quarter clockwise): 800 wide shown.
    make(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=1066x800",
            "-frames:v",
            "1",
        ],
        &src,
    );
    with_exif_orientation(&src, 6);
    let tools = Tools::default();
    let p = probe(&tools, &src, Limits::default()).await.unwrap();
    assert_eq!(
        (p.kind, p.width, p.height, p.rotation),
        (Kind::Image, Some(800), Some(1066), 90)
    );
    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let made = image_renditions(&tools, &src, p.width.unwrap(), p.alpha, &out)
        .await
        .unwrap();
    let widths: Vec<u32> = made.iter().map(|r| r.width).collect();
    assert_eq!(
        widths,
        [480, 480],
        "480 only (WebP and JPEG): 960 would enlarge an 800-wide photo"
    );
    let (w, h) = size_of(&out.join("w480.jpg"));
    assert!(h > w, "upright: {w} × {h}");
}

#[tokio::test]
async fn a_small_clip_keeps_its_own_size() {
    let d = dir("small");
    let src = d.join("small.mp4");
    make(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=200x150:rate=10:duration=2",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
        ],
        &src,
    );
    let tools = Tools::default();
    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let files = forja_media::video_renditions(
        &tools,
        &src,
        &forja_media::Clip::silent((200, 150), 2000),
        &out,
        |_| {},
    )
    .await
    .unwrap();
    let rungs: Vec<&str> = files
        .iter()
        .filter(|f| f.role.ends_with("p.mp4"))
        .map(|f| f.role.as_str())
        .collect();
    assert_eq!(rungs, ["150p.mp4"]);
    assert_eq!(size_of(&out.join("150p.mp4")), (200, 150), "not 480 × 360");
    let poster = probe(&tools, &out.join("poster.jpg"), Limits::default())
        .await
        .unwrap();
    assert_eq!((poster.width, poster.height), (Some(200), Some(150)));
}
