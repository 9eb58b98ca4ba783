//! Captions: WebVTT, with SRT converted. Subtitles from local archives are often not
//! UTF-8 (a Romanian SRT saved by an old Windows editor is Windows-1250, with ş and ţ):
//! the encoding is detected and the text converted before ffmpeg, which reads UTF-8
//! only, sees it.

use std::path::Path;

use crate::{AudioFile, MediaError, Tools};

/// Subtitles bigger than this are no subtitles (a feature film's SRT is ~100 KB).
const MAX_CAPTIONS: usize = 8 << 20;

/// Captions read from a file: their UTF-8 text, and which format it is in.
#[derive(Debug, PartialEq)]
pub struct Captions {
    pub text: String,
    pub srt: bool,
}

/// Reads a captions file, whatever its encoding, and tells WebVTT from SRT; anything
/// else is refused (`NotMedia`), as is a text no encoding reads (`NotUtf8`).
pub fn read_captions(bytes: &[u8]) -> Result<Captions, MediaError> {
    let text = captions_text(bytes)?;
    let start = text.trim_start_matches('\u{feff}').trim_start();
    // WebVTT starts with its name; SRT with a cue number then a time line.
    let srt = start
        .lines()
        .nth(1)
        .is_some_and(|l| l.contains("-->") && l.contains(','));
    if !start.starts_with("WEBVTT") && !srt {
        return Err(MediaError::NotMedia);
    }
    Ok(Captions {
        text: start.to_owned(),
        srt,
    })
}

/// The text of a captions file, whatever its encoding (`forja_core::encoding`). Romanian written with the cedilla letters
/// that old encodings had (ş ţ) gets the comma-below letters (ș ț) Romanian uses.
fn captions_text(bytes: &[u8]) -> Result<String, MediaError> {
    if bytes.len() > MAX_CAPTIONS {
        return Err(MediaError::NotMedia);
    }
    let (text, encoding) = forja_core::encoding::decode(bytes).ok_or(MediaError::NotUtf8)?;
    // Text has no NULs or C1 controls: these are a binary file, or UTF-16 without a mark.
    if text
        .chars()
        .any(|c| c == '\0' || ('\u{80}'..='\u{9f}').contains(&c))
    {
        return Err(MediaError::NotUtf8);
    }
    Ok(if romanian(&text, encoding) {
        text.chars().map(comma_below).collect()
    } else {
        text
    })
}

/// Whether a text is Romanian: ă and ţ are letters no other language written with
/// cedillas has (Turkish ş must stay as it is). A legacy Central European encoding
/// chosen for a text from Romania says so too.
fn romanian(text: &str, encoding: &forja_core::encoding::Encoding) -> bool {
    forja_core::encoding::CENTRAL_EUROPEAN.contains(&encoding)
        || text.contains(['ă', 'Ă', 'ţ', 'Ţ', 'ș', 'ț', 'Ș', 'Ț'])
}

fn comma_below(c: char) -> char {
    match c {
        'ş' => 'ș',
        'Ş' => 'Ș',
        'ţ' => 'ț',
        'Ţ' => 'Ț',
        other => other,
    }
}

/// Reads captions (WebVTT or SRT, in any encoding `captions_text` reads) and writes
/// them as UTF-8 WebVTT; anything else is refused.
pub async fn captions_to_vtt(
    tools: &Tools,
    src: &Path,
    out_dir: &Path,
) -> Result<AudioFile, MediaError> {
    let bytes = tokio::fs::read(src).await.map_err(|e| MediaError::Tool {
        tool: "ffmpeg",
        detail: e.to_string(),
    })?;
    let captions = read_captions(&bytes)?;
    let ext = if captions.srt { "srt" } else { "vtt" };
    let utf8 = out_dir.join(format!("captions-utf8.{ext}"));
    tokio::fs::write(&utf8, captions.text)
        .await
        .map_err(|e| MediaError::Tool {
            tool: "ffmpeg",
            detail: e.to_string(),
        })?;
    let path = out_dir.join("captions.vtt");
    let arg = std::ffi::OsStr::new;
    let run = tools
        .run(
            "ffmpeg",
            &[
                arg("-v"),
                arg("error"),
                arg("-y"),
                arg("-i"),
                utf8.as_os_str(),
                arg("-f"),
                arg("webvtt"),
                path.as_os_str(),
            ],
        )
        .await?;
    if !run.success {
        return Err(MediaError::Corrupt(run.stderr));
    }
    Ok(AudioFile {
        role: "captions.vtt",
        content_type: "text/vtt; charset=utf-8",
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRT: &str = "1\r\n00:00:01,000 --> 00:00:03,000\r\nŞtiinţa şi tehnica la Reşiţa, în oraşul învăţării\r\n";

    #[test]
    fn windows_1250_romanian_is_read_and_gets_comma_letters() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(SRT);
        let text = read_captions(&bytes).unwrap().text;
        assert!(
            text.contains("Știința și tehnica la Reșița, în orașul învățării"),
            "{text}"
        );
    }

    #[test]
    fn utf8_utf16_and_iso_8859_16_are_read_too() {
        assert!(
            read_captions(SRT.as_bytes())
                .unwrap()
                .text
                .contains("Reșița")
        );
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(SRT.encode_utf16().flat_map(u16::to_le_bytes));
        assert!(read_captions(&utf16).unwrap().text.contains("Reșița"));
        let (latin10, _, _) = encoding_rs::ISO_8859_16
            .encode("1\n00:00:01,000 --> 00:00:02,000\nȘtiință și tehnică\n");
        assert!(
            read_captions(&latin10)
                .unwrap()
                .text
                .contains("Știință și tehnică")
        );
    }

    #[test]
    fn turkish_keeps_its_cedillas_and_binary_is_refused() {
        let turkish = "1\n00:00:01,000 --> 00:00:02,000\nBaşka bir şey\n";
        assert_eq!(read_captions(turkish.as_bytes()).unwrap().text, turkish);
        let utf16_without_mark: Vec<u8> = "1\n00:00"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(read_captions(&utf16_without_mark), Err(MediaError::NotUtf8));
        assert_eq!(
            read_captions(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0x80, 0x81]),
            Err(MediaError::NotUtf8)
        );
    }
}
