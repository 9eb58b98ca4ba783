//! Helpers for the media tests: files made with ffmpeg, and the bits phones and cameras
//! write that ffmpeg 5.1 cannot (a display matrix, an EXIF orientation, an ICC profile).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("forja-media-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs ffmpeg to make a test file (the test fails if ffmpeg is missing).
pub fn make(args: &[&str], out: &Path) {
    let status = Command::new("ffmpeg")
        .args(["-v", "error", "-y"])
        .args(args)
        .arg(out)
        .status()
        .expect("ffmpeg must be installed (./scripts/test.sh installs it)");
    assert!(status.success(), "ffmpeg could not make {}", out.display());
}

/// What ffprobe says of a file's first video stream: `entries` (`width,height`) as one
/// comma-separated line.
pub fn video_stream(file: &Path, entries: &str) -> String {
    let o = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-show_entries"])
        .arg(format!("stream={entries}"))
        .args(["-of", "csv=p=0"])
        .arg(file)
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

/// Width and height of a file's first video stream, as ffprobe reads them.
pub fn size_of(file: &Path) -> (u32, u32) {
    let text = video_stream(file, "width,height");
    let mut parts = text.split(',').map(|n| n.parse::<u32>().unwrap());
    (parts.next().unwrap(), parts.next().unwrap())
}

/// The H.264 level of a file's first video stream.
pub fn level_of(file: &Path) -> u32 {
    video_stream(file, "level").parse().unwrap()
}

/// Sets the display matrix of an MP4's first track to a quarter turn clockwise, as a
/// phone records portrait video (ffmpeg 5.1 cannot write one itself).
pub fn turn_quarter(mp4: &Path) {
    set_matrix(mp4, [0, 1, -1, 0]);
}

/// Sets the display matrix of an MP4's first track to `[a b; c d]` (each -1, 0 or 1):
/// turns, and the mirrored ones a front camera can write.
pub fn set_matrix(mp4: &Path, [a, b, c, d]: [i32; 4]) {
    let mut bytes = std::fs::read(mp4).unwrap();
    let at = bytes
        .windows(4)
        .position(|w| w == b"tkhd")
        .expect("a track header");
    let version = bytes[at + 4];
    // After the version, flags, times, track id, reserved, duration, reserved, layer,
    // alternate group, volume and reserved: the 3 × 3 matrix.
    let times = if version == 1 {
        8 + 8 + 4 + 4 + 8
    } else {
        4 + 4 + 4 + 4 + 4
    };
    let matrix = at + 4 + 4 + times + 8 + 2 + 2 + 2 + 2;
    let one = 0x10000;
    let values: [i32; 9] = [a * one, b * one, 0, c * one, d * one, 0, 0, 0, 0x4000_0000];
    for (i, v) in values.iter().enumerate() {
        bytes[matrix + i * 4..matrix + i * 4 + 4].copy_from_slice(&v.to_be_bytes());
    }
    std::fs::write(mp4, bytes).unwrap();
}

/// Inserts an EXIF block with `orientation` right after a JPEG's start marker.
pub fn with_exif_orientation(jpeg: &Path, orientation: u16) {
    let data = std::fs::read(jpeg).unwrap();
    let mut tiff = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(0x0112u16.to_le_bytes());
    tiff.extend(3u16.to_le_bytes());
    tiff.extend(1u32.to_le_bytes());
    tiff.extend(u32::from(orientation).to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiff);
    let mut out = data[..2].to_vec();
    out.extend([0xff, 0xe1]);
    out.extend(((exif.len() + 2) as u16).to_be_bytes());
    out.extend(exif);
    out.extend(&data[2..]);
    std::fs::write(jpeg, out).unwrap();
}

/// The RGB pixels of a picture's (or a video's first) frame, as shown: (width, height,
/// rgb24 bytes).
pub fn pixels(file: &Path) -> (u32, u32, Vec<u8>) {
    let (w, h) = size_of(file);
    let o = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(file)
        .args(["-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "ffmpeg could not decode {}",
        file.display()
    );
    // A turned picture decodes turned: its size as shown is the other way round.
    let (w, h) = if o.stdout.len() == (w * h * 3) as usize && shown_turned(file) {
        (h, w)
    } else {
        (w, h)
    };
    (w, h, o.stdout)
}

fn shown_turned(file: &Path) -> bool {
    let o = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "stream_side_data=rotation",
            "-of",
            "csv=p=0",
        ])
        .arg(file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    text.trim()
        .parse::<i32>()
        .is_ok_and(|r| r.rem_euclid(180) == 90)
}

/// The pixel at (x, y) of a decoded frame.
pub fn pixel(frame: &(u32, u32, Vec<u8>), x: u32, y: u32) -> [u8; 3] {
    let at = ((y * frame.0 + x) * 3) as usize;
    [frame.2[at], frame.2[at + 1], frame.2[at + 2]]
}

/// The colour nearest a pixel, as a letter: Red, Green, Blue, White, blacK.
pub fn colour_name([r, g, b]: [u8; 3]) -> char {
    let named = [
        ('R', [255, 0, 0]),
        ('G', [0, 128, 0]),
        ('B', [0, 0, 255]),
        ('W', [255, 255, 255]),
        ('K', [0, 0, 0]),
    ];
    let distance = |c: [i32; 3]| {
        (i32::from(r) - c[0]).pow(2) + (i32::from(g) - c[1]).pow(2) + (i32::from(b) - c[2]).pow(2)
    };
    named.iter().min_by_key(|(_, c)| distance(*c)).unwrap().0
}

/// The colours of a picture's four corners as shown: top left, top right, bottom left,
/// bottom right.
pub fn corners(file: &Path) -> String {
    let frame = pixels(file);
    let (w, h) = (frame.0, frame.1);
    [(2, 2), (w - 3, 2), (2, h - 3), (w - 3, h - 3)]
        .iter()
        .map(|(x, y)| colour_name(pixel(&frame, *x, *y)))
        .collect()
}

/// A picture in four quarters, red and green above, blue and white below: any turn or
/// mirror shows in its corners.
pub fn make_quarters(out: &Path, size: (u32, u32), extra: &[&str]) {
    let (w, h) = (size.0 / 2, size.1 / 2);
    let graph = format!(
        "color=red:s={w}x{h}:d=1[a];color=green:s={w}x{h}:d=1[b];\
         color=blue:s={w}x{h}:d=1[c];color=white:s={w}x{h}:d=1[d];\
         [a][b]hstack[t];[c][d]hstack[u];[t][u]vstack"
    );
    let mut args = vec!["-f", "lavfi", "-i", &graph];
    args.extend(extra);
    make(&args, out);
}

/// Adds an ICC profile to a JPEG, in one APP2 segment after its start marker.
pub fn with_icc_profile(jpeg: &Path, profile: &[u8]) {
    let data = std::fs::read(jpeg).unwrap();
    let mut segment = b"ICC_PROFILE\0".to_vec();
    segment.extend([1, 1]);
    segment.extend(profile);
    let mut out = data[..2].to_vec();
    out.extend([0xff, 0xe2]);
    out.extend(((segment.len() + 2) as u16).to_be_bytes());
    out.extend(segment);
    out.extend(&data[2..]);
    std::fs::write(jpeg, out).unwrap();
}

/// A Display P3 profile as phones embed it: P3 primaries adapted to D50, and the sRGB
/// tone curve as a parametric curve.
pub fn display_p3_profile() -> Vec<u8> {
    fn s15(v: f64) -> [u8; 4] {
        ((v * 65536.0).round() as i32).to_be_bytes()
    }
    fn xyz(v: [f64; 3]) -> Vec<u8> {
        let mut t = b"XYZ \0\0\0\0".to_vec();
        for c in v {
            t.extend(s15(c));
        }
        t
    }
    let mut curve = b"para\0\0\0\0".to_vec();
    curve.extend([0, 3, 0, 0]);
    for v in [2.4, 1.0 / 1.055, 0.055 / 1.055, 1.0 / 12.92, 0.04045] {
        curve.extend(s15(v));
    }
    let mut desc = b"desc\0\0\0\0".to_vec();
    desc.extend(11u32.to_be_bytes());
    desc.extend(b"Display P3\0");
    desc.extend([0u8; 4 + 4 + 2 + 1 + 67]);
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", desc),
        (b"wtpt", xyz([0.9642, 1.0, 0.8249])),
        (b"rXYZ", xyz([0.515_1, 0.241_2, -0.001_1])),
        (b"gXYZ", xyz([0.292_0, 0.692_2, 0.041_9])),
        (b"bXYZ", xyz([0.157_1, 0.066_6, 0.784_1])),
        (b"rTRC", curve.clone()),
        (b"gTRC", curve.clone()),
        (b"bTRC", curve),
    ];
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut data = Vec::new();
    let mut offset = 128 + 4 + 12 * tags.len();
    for (sig, body) in &tags {
        table.extend(*sig);
        table.extend((offset as u32).to_be_bytes());
        table.extend((body.len() as u32).to_be_bytes());
        let mut body = body.clone();
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset += body.len();
        data.extend(body);
    }
    let mut header = vec![0u8; 128];
    header[0..4].copy_from_slice(&(offset as u32).to_be_bytes());
    header[8..12].copy_from_slice(&[2, 0x10, 0, 0]);
    header[12..16].copy_from_slice(b"mntr");
    header[16..20].copy_from_slice(b"RGB ");
    header[20..24].copy_from_slice(b"XYZ ");
    header[36..40].copy_from_slice(b"acsp");
    header[68..72].copy_from_slice(&s15(0.9642));
    header[72..76].copy_from_slice(&s15(1.0));
    header[76..80].copy_from_slice(&s15(0.8249));
    [header, table, data].concat()
}

/// A PNG with transparency written byte by byte (ffmpeg's own drawing does not set
/// alpha): a blue box on a clear background.
pub fn make_transparent_png(out: &Path, (w, h): (u32, u32)) {
    use std::io::Write;
    let mut rows = Vec::new();
    for y in 0..h {
        rows.push(0u8);
        for x in 0..w {
            let inside = x >= w / 4 && x < 3 * w / 4 && y >= h / 4 && y < 3 * h / 4;
            rows.extend(if inside {
                [0, 0, 255, 255]
            } else {
                [255, 0, 0, 0]
            });
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&rows).unwrap();
    let idat = z.finish().unwrap();
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend(kind);
        c.extend(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        c.extend(crc.sum().to_be_bytes());
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    let png = [
        b"\x89PNG\r\n\x1a\n".to_vec(),
        chunk(b"IHDR", &ihdr),
        chunk(b"IDAT", &idat),
        chunk(b"IEND", &[]),
    ]
    .concat();
    std::fs::write(out, png).unwrap();
}
