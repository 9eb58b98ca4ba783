//! Files as people have them: photos and clips turned or mirrored by their metadata,
//! transparent logos, wide-gamut photos. Each is made here, byte by byte where ffmpeg
//! cannot write what phones write, and judged from the renditions readers get.

mod common;

use common::*;
use forja_media::{Kind, Limits, Tools, image_renditions, placeholder, probe};

/// What each EXIF orientation shows of a picture stored red-green over blue-white.
const SHOWN: [(u16, &str); 8] = [
    (1, "RGBW"),
    (2, "GRWB"),
    (3, "WBGR"),
    (4, "BWRG"),
    (5, "RBGW"),
    (6, "BRWG"),
    (7, "WGBR"),
    (8, "GWRB"),
];

#[tokio::test]
async fn every_exif_orientation_turns_and_mirrors_the_renditions() {
    let d = dir("exif-all");
    let tools = Tools::default();
    let base = d.join("base.jpg");
    make_quarters(&base, (64, 32), &["-frames:v", "1", "-q:v", "2"]);
    for (orientation, shown) in SHOWN {
        let src = d.join(format!("o{orientation}.jpg"));
        std::fs::copy(&base, &src).unwrap();
        with_exif_orientation(&src, orientation);
        let p = probe(&tools, &src, Limits::default()).await.unwrap();
        let turned = orientation >= 5;
        let size = if turned { (32, 64) } else { (64, 32) };
        assert_eq!(
            (p.width, p.height),
            (Some(size.0), Some(size.1)),
            "orientation {orientation}"
        );
        let out = d.join(format!("out{orientation}"));
        std::fs::create_dir_all(&out).unwrap();
        let made = image_renditions(&tools, &src, size.0, false, &out)
            .await
            .unwrap();
        for r in &made {
            assert_eq!(
                corners(&r.path),
                shown,
                "{} for orientation {orientation}",
                r.role
            );
        }
    }
}

#[tokio::test]
async fn every_display_matrix_turns_and_mirrors_a_clip_and_its_poster() {
    let d = dir("matrix-all");
    let tools = Tools::default();
    let base = d.join("base.mp4");
    make_quarters(&base, (64, 32), &["-c:v", "libx264", "-pix_fmt", "yuv420p"]);
    let cases: [([i32; 4], &str); 8] = [
        ([1, 0, 0, 1], "RGBW"),
        ([-1, 0, 0, 1], "GRWB"),
        ([1, 0, 0, -1], "BWRG"),
        ([-1, 0, 0, -1], "WBGR"),
        ([0, 1, -1, 0], "BRWG"),
        ([0, -1, 1, 0], "GWRB"),
        ([0, 1, 1, 0], "RBGW"),
        ([0, -1, -1, 0], "WGBR"),
    ];
    for (n, (matrix, shown)) in cases.iter().enumerate() {
        let src = d.join(format!("m{n}.mp4"));
        std::fs::copy(&base, &src).unwrap();
        set_matrix(&src, *matrix);
        let p = probe(&tools, &src, Limits::default()).await.unwrap();
        let size = (p.width.unwrap(), p.height.unwrap());
        let turned = matrix[0] == 0;
        assert_eq!(size, if turned { (32, 64) } else { (64, 32) }, "{matrix:?}");
        let out = d.join(format!("out{n}"));
        std::fs::create_dir_all(&out).unwrap();
        let files = forja_media::video_renditions(
            &tools,
            &src,
            &forja_media::Clip::silent(size, 1000),
            &out,
            |_| {},
        )
        .await
        .unwrap();
        let rung = files.iter().find(|f| f.role.ends_with("p.mp4")).unwrap();
        assert_eq!(corners(&rung.path), *shown, "rendition for {matrix:?}");
        assert_eq!(
            corners(&out.join("poster.jpg")),
            *shown,
            "poster for {matrix:?}"
        );
    }
}

#[tokio::test]
async fn a_transparent_logo_keeps_alpha_in_webp_and_is_flattened_on_white_in_jpeg() {
    let d = dir("logo");
    let tools = Tools::default();
    let src = d.join("logo.png");
    make_transparent_png(&src, (64, 32));
    let p = probe(&tools, &src, Limits::default()).await.unwrap();
    assert_eq!((p.kind, p.alpha), (Kind::Image, true));
    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let made = image_renditions(&tools, &src, 64, p.alpha, &out)
        .await
        .unwrap();
    let webp = made.iter().find(|r| r.role == "w64.webp").unwrap();
    let webp_probe = probe(&tools, &webp.path, Limits::default()).await.unwrap();
    assert!(webp_probe.alpha, "the WebP keeps its transparency");
    let clear = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(&webp.path)
        .args(["-f", "rawvideo", "-pix_fmt", "rgba", "-"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(clear[3], 0, "a corner of the WebP is see-through");
    let jpeg = made.iter().find(|r| r.role == "w64.jpg").unwrap();
    assert_eq!(corners(&jpeg.path), "WWWW", "flattened on white, not black");
    let frame = pixels(&jpeg.path);
    assert_eq!(
        colour_name(pixel(&frame, 32, 16)),
        'B',
        "the logo itself stays"
    );
    // The preview is made from that JPEG: no black either.
    let preview = placeholder(&tools, &jpeg.path).await.unwrap();
    let data = preview.0.strip_prefix("data:image/jpeg;base64,").unwrap();
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    let file = d.join("preview.jpg");
    std::fs::write(&file, bytes).unwrap();
    assert_eq!(corners(&file), "WWWW");
}

#[tokio::test]
async fn a_display_p3_photo_is_converted_to_srgb_and_keeps_its_colour() {
    let d = dir("p3");
    let tools = Tools::default();
    // An orange the camera recorded in Display P3: (200, 100, 50). In sRGB the same
    // colour is about (216, 93, 31); read as sRGB without conversion it stays duller.
    let plain = d.join("plain.jpg");
    make(
        &[
            "-f",
            "lavfi",
            "-i",
            "color=c=0xC86432:s=64x64",
            "-frames:v",
            "1",
            "-q:v",
            "1",
        ],
        &plain,
    );
    let p3 = d.join("p3.jpg");
    std::fs::copy(&plain, &p3).unwrap();
    with_icc_profile(&p3, &display_p3_profile());
    for (src, wide) in [(&plain, false), (&p3, true)] {
        let out = d.join(if wide { "out-p3" } else { "out-plain" });
        std::fs::create_dir_all(&out).unwrap();
        let made = image_renditions(&tools, src, 64, false, &out)
            .await
            .unwrap();
        for r in &made {
            let [red, green, blue] = pixel(&pixels(&r.path), 32, 32);
            if wide {
                assert!(
                    red >= 209 && green <= 99 && blue <= 42,
                    "{}: ({red}, {green}, {blue}) should be about (216, 93, 31)",
                    r.role
                );
            } else {
                assert!(
                    red.abs_diff(200) <= 6 && blue.abs_diff(50) <= 8,
                    "{}: ({red}, {green}, {blue}) should stay about (200, 100, 50)",
                    r.role
                );
            }
        }
    }
}

#[tokio::test]
async fn an_hdr_phone_clip_is_tone_mapped_to_sdr_bt709_poster_too() {
    let d = dir("hdr");
    let tools = Tools::default();
    for (transfer, colour) in [
        ("smpte2084", forja_media::Colour::Pq),
        ("arib-std-b67", forja_media::Colour::Hlg),
    ] {
        // 10-bit HEVC in BT.2020, a green field, as a phone records HDR.
        let src = d.join(format!("{transfer}.mp4"));
        let params =
            format!("log-level=error:colorprim=bt2020:transfer={transfer}:colormatrix=bt2020nc");
        make(
            &[
                "-f",
                "lavfi",
                "-i",
                "color=c=0x40A040:s=640x360:d=2:r=25",
                "-vf",
                "format=yuv420p10le",
                "-c:v",
                "libx265",
                "-x265-params",
                &params,
                "-color_primaries",
                "bt2020",
                "-color_trc",
                transfer,
                "-colorspace",
                "bt2020nc",
            ],
            &src,
        );
        let p = probe(&tools, &src, Limits::default()).await.unwrap();
        assert_eq!(p.colour, colour);
        let out = d.join(format!("out-{transfer}"));
        std::fs::create_dir_all(&out).unwrap();
        let files =
            forja_media::video_renditions(&tools, &src, &forja_media::Clip::from(&p), &out, |_| {})
                .await
                .unwrap();
        let rung = files.iter().find(|f| f.role == "360p.mp4").unwrap();
        assert_eq!(
            video_stream(
                &rung.path,
                "pix_fmt,color_primaries,color_transfer,color_space"
            ),
            "yuv420p,bt709,bt709,bt709",
            "8-bit and tagged as the BT.709 it now is ({transfer})"
        );
        // Read without tone-mapping, the field comes out a greyish green; mapped, it is
        // the saturated green the phone showed.
        let naive = {
            let o = std::process::Command::new("ffmpeg")
                .args(["-v", "error", "-i"])
                .arg(&src)
                .args([
                    "-frames:v",
                    "1",
                    "-vf",
                    "format=yuv420p",
                    "-f",
                    "rawvideo",
                    "-pix_fmt",
                    "rgb24",
                    "-",
                ])
                .output()
                .unwrap()
                .stdout;
            [o[0], o[1], o[2]]
        };
        for file in [rung.path.clone(), out.join("poster.jpg")] {
            let [r, g, b] = pixel(&pixels(&file), 100, 100);
            let vivid = i32::from(g) - i32::from(r.max(b));
            let dull = i32::from(naive[1]) - i32::from(naive[0].max(naive[2]));
            assert!(
                vivid > dull + 30,
                "{}: ({r}, {g}, {b}) should be more saturated than the untreated {naive:?} ({transfer})",
                file.display()
            );
        }
    }
}

#[tokio::test]
async fn avif_animated_webp_and_heic_are_pictures() {
    let d = dir("stills");
    let tools = Tools::default();
    let base = d.join("base.png");
    make_quarters(&base, (128, 64), &["-frames:v", "1"]);
    // AVIF: ffmpeg reads it as a one-frame AV1 "video"; it is a picture.
    let avif = d.join("photo.avif");
    make(
        &[
            "-i",
            base.to_str().unwrap(),
            "-c:v",
            "libaom-av1",
            "-still-picture",
            "1",
            "-crf",
            "10",
        ],
        &avif,
    );
    // An animated WebP (ffmpeg 5.1 decodes none): its first frame stands for it.
    let frames: Vec<std::path::PathBuf> = (0..3)
        .map(|i| {
            let f = d.join(format!("f{i}.png"));
            std::fs::copy(&base, &f).unwrap();
            f
        })
        .collect();
    let webp = d.join("moving.webp");
    let status = std::process::Command::new("img2webp")
        .args(["-loop", "0", "-lossless"])
        .args(&frames)
        .arg("-o")
        .arg(&webp)
        .output()
        .expect("img2webp must be installed (./scripts/test.sh installs webp)");
    assert!(status.status.success());
    // HEIC, as an iPhone saves photos.
    let heic = d.join("IMG_0001.HEIC");
    let status = std::process::Command::new("heif-enc")
        .args(["-q", "90"])
        .arg(&base)
        .arg("-o")
        .arg(&heic)
        .output()
        .expect("heif-enc must be installed (./scripts/test.sh installs libheif-examples)");
    assert!(status.status.success());
    for src in [&avif, &webp, &heic] {
        let scratch = d.join(format!(
            "scratch-{}",
            src.file_name().unwrap().to_string_lossy()
        ));
        std::fs::create_dir_all(&scratch).unwrap();
        let (file, p) = forja_media::readable(&tools, src, &scratch, Limits::default())
            .await
            .unwrap();
        assert_eq!(
            (p.kind, p.width, p.height),
            (Kind::Image, Some(128), Some(64)),
            "{}",
            src.display()
        );
        let made = image_renditions(&tools, &file, 128, p.alpha, &scratch)
            .await
            .unwrap();
        let jpeg = made.iter().find(|r| r.role == "w128.jpg").unwrap();
        assert_eq!(corners(&jpeg.path), "RGBW", "{}", src.display());
    }
    // Without libheif, HEIC is refused saying what to do.
    let without = Tools {
        heif_convert: "/nonexistent/heif-convert".into(),
        ..Tools::default()
    };
    let refused = forja_media::readable(&without, &heic, &d, Limits::default()).await;
    assert_eq!(refused, Err(forja_media::MediaError::Unsupported("HEIC")));
    assert_eq!(
        forja_media::MediaError::Unsupported("HEIC").to_string(),
        "HEIC is not supported yet: export a JPEG"
    );
}

#[tokio::test]
async fn romanian_subtitles_in_windows_1250_become_utf8_webvtt_with_comma_letters() {
    let d = dir("srt-1250");
    let tools = Tools::default();
    // As an old Windows editor saved them: Windows-1250, CRLF, ş and ţ with cedillas.
    let srt = "1\r\n00:00:01,000 --> 00:00:03,500\r\nFabrica de locomotive din Reşiţa, 1872\r\n\r\n\
               2\r\n00:00:04,000 --> 00:00:06,000\r\nŞcoala de meserii\r\n";
    let bytes: Vec<u8> = srt
        .chars()
        .map(|c| match c {
            'ş' => 0xba,
            'ţ' => 0xfe,
            'Ş' => 0xaa,
            c => c as u8,
        })
        .collect();
    let src = d.join("subtitrare.srt");
    std::fs::write(&src, bytes).unwrap();
    let vtt = forja_media::captions_to_vtt(&tools, &src, &d)
        .await
        .unwrap();
    let text = std::fs::read_to_string(&vtt.path).unwrap();
    assert!(text.starts_with("WEBVTT"), "{text}");
    assert!(
        text.contains("Fabrica de locomotive din Reșița, 1872"),
        "{text}"
    );
    assert!(text.contains("Școala de meserii"), "{text}");
}
