//! Media for the demo stories, made on this machine: abstract pictures and a looping
//! video (with a soft generated hum, so its page shows the sound toggle) drawn by ffmpeg,
//! narration of the quote pages spoken by espeak-ng with captions timed to it; every
//! other quote's clip is a video (the loop under the narration), so both kinds show. Every item is credited as generated demo media and marked as a sample;
//! none pretends to show the real city or a real voice.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use forja_core::LocalizedText;
use forja_core::story::{Page, StoryFields};
use forja_store::edit_story::Story;
use forja_store::versioned::{Change, Saved, Versioned};
use tokio::process::Command;

use crate::media::{Library, import, run_next_job};
use crate::{Result, ServiceError, Store};

const CREDIT_PICTURE: &str = "Generated for the Forja demo with ffmpeg (not a photograph)";
const CREDIT_VOICE: &str = "Synthesised for the Forja demo with espeak-ng (not a real voice)";
const LICENCE: &str = "CC0 1.0";

async fn run(program: &str, args: &[&str]) -> Result<()> {
    let status = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .status()
        .await
        .map_err(|e| ServiceError::Internal(format!("cannot run {program}: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(ServiceError::Internal(format!(
            "{program} failed ({status})"
        )))
    }
}

/// A still picture: a soft two-colour gradient (the story's mood, no fake photo).
async fn picture(out: &Path, from: &str, to: &str) -> Result<()> {
    let source = format!("gradients=s=1920x1080:c0={from}:c1={to}:n=2:seed=7");
    let o = out.to_string_lossy();
    run(
        "ffmpeg",
        &[
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            &source,
            "-frames:v",
            "1",
            &o,
        ],
    )
    .await
}

/// A slowly moving gradient, eight seconds, for a looping background, with a quiet
/// brown-noise hum as its sound.
async fn moving(out: &Path) -> Result<()> {
    let source = "gradients=s=1280x720:c0=0x1d2d3a:c1=0x7a3b1e:c2=0x2f5d50:n=3:speed=0.015:duration=8:rate=25";
    let hum = "anoisesrc=color=brown:amplitude=0.08:duration=8,lowpass=f=300";
    let o = out.to_string_lossy();
    run(
        "ffmpeg",
        &[
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            source,
            "-f",
            "lavfi",
            "-i",
            hum,
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-preset",
            "veryfast",
            "-c:a",
            "aac",
            "-shortest",
            &o,
        ],
    )
    .await
}

/// The looping video under a narration, as long as the narration: a quote's video clip.
async fn narrated(out: &Path, video: &Path, voice: &Path) -> Result<()> {
    let (o, v, a) = (
        out.to_string_lossy(),
        video.to_string_lossy(),
        voice.to_string_lossy(),
    );
    run(
        "ffmpeg",
        &[
            "-v",
            "error",
            "-y",
            "-stream_loop",
            "-1",
            "-i",
            &v,
            "-i",
            &a,
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-preset",
            "veryfast",
            "-c:a",
            "aac",
            "-shortest",
            &o,
        ],
    )
    .await
}

/// Seconds of audio in a file (ffprobe).
async fn seconds(file: &Path) -> Result<f64> {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(file)
        .output()
        .await
        .map_err(|e| ServiceError::Internal(format!("cannot run ffprobe: {e}")))?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|_| ServiceError::Internal("no duration for the narration".into()))
}

/// Captions for spoken words: one cue per sentence, timed in proportion to its length
/// over the whole narration.
pub fn captions(words: &str, total: f64) -> String {
    let sentences: Vec<&str> = words
        .split_inclusive(['.', '!', '?'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let letters: usize = sentences
        .iter()
        .map(|s| s.chars().count())
        .sum::<usize>()
        .max(1);
    let stamp = |t: f64| {
        let ms = (t * 1000.0).round() as u64;
        format!(
            "{:02}:{:02}.{:03}",
            ms / 60_000,
            (ms / 1000) % 60,
            ms % 1000
        )
    };
    let mut vtt = String::from("WEBVTT\n\n");
    let mut at = 0.0;
    for s in sentences {
        let length = total * s.chars().count() as f64 / letters as f64;
        vtt.push_str(&format!(
            "{} --> {}\n{s}\n\n",
            stamp(at),
            stamp(at + length)
        ));
        at += length;
    }
    vtt
}

async fn add(
    store: &Store,
    library: &Library,
    city_id: i32,
    file: &Path,
    alt: &str,
    lang: &str,
    credit: &str,
) -> Result<i32> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    import(
        store,
        library,
        city_id,
        file,
        &name,
        LocalizedText::new().with(lang, alt),
        credit,
        LICENCE,
        true,
        None,
    )
    .await
}

/// Makes the media of one demo story, attaches them and publishes that version.
async fn furnish(
    store: &Store,
    library: &Library,
    city_id: i32,
    slug: &str,
    dir: &Path,
) -> Result<()> {
    let Some(row) = store.story_row(city_id, slug, false).await? else {
        return Ok(());
    };
    let Some(now) = Story::read(store, row.id).await? else {
        return Ok(());
    };
    let mut doc: StoryFields = now.fields;
    let lang = doc.language.clone();
    let (alt_picture, alt_video) = if lang == "ro" {
        (
            "Imagine abstractă generată: un gradient de culori calde și reci",
            "Animație abstractă generată: culori care se amestecă încet",
        )
    } else {
        (
            "A generated abstract picture: a gradient of warm and cool colours",
            "A generated abstract animation: colours slowly blending",
        )
    };
    let palette = [
        ("0x16181d", "0xb4532a"),
        ("0x1d2d3a", "0x4f7a8c"),
        ("0x2f2a24", "0xc98b4a"),
    ];
    let mut pictures = Vec::new();
    for (i, (from, to)) in palette.iter().enumerate() {
        let file = dir.join(format!("{slug}-picture-{i}.png"));
        picture(&file, from, to).await?;
        pictures.push(
            add(
                store,
                library,
                city_id,
                &file,
                alt_picture,
                &lang,
                CREDIT_PICTURE,
            )
            .await?,
        );
    }
    let video_file = dir.join(format!("{slug}-loop.mp4"));
    moving(&video_file).await?;
    let video = add(
        store,
        library,
        city_id,
        &video_file,
        alt_video,
        &lang,
        CREDIT_PICTURE,
    )
    .await?;
    let voice = if lang == "ro" { "ro" } else { "en" };
    let mut text_pages = 0;
    let mut quotes = 0;
    for (c, chapter) in doc.chapters.iter_mut().enumerate() {
        for (p, page) in chapter.pages.iter_mut().enumerate() {
            match page {
                Page::Cover { background, .. } => *background = Some(pictures[0]),
                Page::Text { background, .. } => {
                    // Every other text page gets a picture; one gets the moving loop.
                    *background = match text_pages % 3 {
                        0 if text_pages == 3 => Some(video),
                        0 => Some(pictures[1 + (text_pages / 3) % 2]),
                        _ => None,
                    };
                    text_pages += 1;
                }
                Page::Quote {
                    words,
                    clip,
                    captions: cc,
                    ..
                } => {
                    let wav = dir.join(format!("{slug}-quote-{c}-{p}.wav"));
                    let w = wav.to_string_lossy();
                    run("espeak-ng", &["-v", voice, "-s", "150", "-w", &w, words]).await?;
                    let vtt = dir.join(format!("{slug}-quote-{c}-{p}.vtt"));
                    tokio::fs::write(&vtt, captions(words, seconds(&wav).await?))
                        .await
                        .map_err(|e| ServiceError::Internal(e.to_string()))?;
                    let alt = if lang == "ro" {
                        "Lectura citatului, voce sintetizată"
                    } else {
                        "The quote read aloud by a synthesised voice"
                    };
                    let (spoken, clip_alt) = if quotes % 2 == 1 {
                        let mp4 = dir.join(format!("{slug}-quote-{c}-{p}.mp4"));
                        narrated(&mp4, &video_file, &wav).await?;
                        let over = if lang == "ro" {
                            "Lectura citatului, voce sintetizată, peste o animație generată"
                        } else {
                            "The quote read aloud by a synthesised voice over a generated animation"
                        };
                        (mp4, over)
                    } else {
                        (wav, alt)
                    };
                    quotes += 1;
                    *clip = Some(
                        add(
                            store,
                            library,
                            city_id,
                            &spoken,
                            clip_alt,
                            &lang,
                            CREDIT_VOICE,
                        )
                        .await?,
                    );
                    *cc = Some(add(store, library, city_id, &vtt, alt, &lang, CREDIT_VOICE).await?);
                }
                _ => {}
            }
        }
    }
    while run_next_job(store, library).await? {}
    match store
        .change::<Story>(
            row.id,
            now.version,
            Change::Update(doc),
            None,
            crate::auth::now(),
        )
        .await?
    {
        Saved::Ok { version } => {
            store
                .publish_story(row.id, version, crate::auth::now())
                .await?;
            Ok(())
        }
        other => Err(ServiceError::Internal(format!(
            "demo story {slug}: {other:?}"
        ))),
    }
}

/// Furnishes every demo story of a freshly loaded demo network (run in the background by
/// `serve --demo`: it takes a little while and the stories read well without it).
pub async fn furnish_demo_stories(store: &Store, library: &Library) -> Result<()> {
    let dir: PathBuf = library.work_dir.join("demo-media");
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    for (city, file, _) in crate::builtin::DEMO_STORIES {
        let city = crate::city(store, city).await?;
        let slug = file
            .rsplit('/')
            .next()
            .and_then(|f| f.split('.').next())
            .unwrap_or_default();
        furnish(store, library, city.id, slug, &dir).await?;
    }
    let _ = tokio::fs::remove_dir_all(&dir).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_share_the_time_by_sentence_length() {
        let vtt = captions("One two. Three four five six!", 3.0);
        assert!(
            vtt.starts_with("WEBVTT\n\n00:00.000 --> 00:00.857\nOne two.\n"),
            "{vtt}"
        );
        assert!(
            vtt.contains("00:00.857 --> 00:03.000\nThree four five six!"),
            "{vtt}"
        );
    }
}
