//! Text files as people have them: a byte-order mark first (UTF-8, UTF-16), then UTF-8,
//! then the legacy encoding `chardetng` guesses as a browser would for a page from
//! Romania (Windows-1250, ISO-8859-2, ISO-8859-16 …). Subtitles and data files both come
//! through here; each decides which encodings it accepts.

pub use encoding_rs::Encoding;

/// The text of `bytes` and the encoding it was read from; `None` when the bytes are
/// not valid in that encoding. NULs and C1 controls are left for the caller to judge.
pub fn decode(bytes: &[u8]) -> Option<(String, &'static Encoding)> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, &bytes[bom..]),
        None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
        None => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            (detector.guess(Some(b"ro"), false), bytes)
        }
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(body)?;
    Some((text.into_owned(), encoding))
}

/// The legacy encodings Central European (Romanian) offices save text in.
pub const CENTRAL_EUROPEAN: [&Encoding; 3] = [
    encoding_rs::WINDOWS_1250,
    encoding_rs::ISO_8859_2,
    encoding_rs::ISO_8859_16,
];
