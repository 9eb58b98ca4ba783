//! The text of a data file. Spreadsheets save CSV as UTF-8 (with or without a byte order
//! mark) or, on an older Windows set up for Romania, as Windows-1250; ISO-8859-2 turns
//! up too. Those are read; any other encoding is refused in plain words, because reading
//! it as something else would turn every ș into rubbish in the stored names.

use serde::Serialize;

/// Why a data file's text was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "problem")]
pub enum TextProblem {
    /// Nothing in it.
    Empty,
    /// Bytes no text has (a spreadsheet's own format saved with a `.csv` name).
    Binary,
    /// Text in an encoding other than those read; `looks_like` names the best guess.
    Encoding { looks_like: String },
}

/// The file's text and the encoding it was read from.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), TextProblem> {
    if bytes.is_empty() {
        return Err(TextProblem::Empty);
    }
    let (text, encoding) = crate::encoding::decode(bytes).ok_or(TextProblem::Binary)?;
    // Other legacy encodings would turn every ș into rubbish: refused, named.
    let read = [
        encoding_rs::UTF_8,
        encoding_rs::UTF_16LE,
        encoding_rs::UTF_16BE,
    ]
    .contains(&encoding)
        || [encoding_rs::WINDOWS_1250, encoding_rs::ISO_8859_2].contains(&encoding);
    if !read {
        return Err(TextProblem::Encoding {
            looks_like: encoding.name().to_owned(),
        });
    }
    if text.contains('\0') {
        return Err(TextProblem::Binary);
    }
    Ok((text, encoding.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: &str = "Year;Sex;Value\n2023;;40,5\n2023;F;41,2\nReșița;Timiș;Galați\n";

    #[test]
    fn utf8_with_or_without_a_mark_and_windows_1250_are_read() {
        assert_eq!(decode(ROWS.as_bytes()), Ok((ROWS.to_owned(), "UTF-8")));
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend(ROWS.as_bytes());
        assert_eq!(decode(&bom), Ok((ROWS.to_owned(), "UTF-8")));
        // Windows-1250 has no ș with a comma: old files write ş, which stays ş here.
        let legacy = ROWS.replace('ș', "ş").replace('ț', "ţ");
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(&legacy);
        let (text, name) = decode(&bytes).unwrap();
        assert_eq!(text, legacy);
        assert!(name == "windows-1250" || name == "ISO-8859-2", "{name}");
    }

    #[test]
    fn other_encodings_empty_and_binary_files_are_refused() {
        assert_eq!(decode(b""), Err(TextProblem::Empty));
        let (cyrillic, _, _) = encoding_rs::WINDOWS_1251
            .encode("Год;Значение\n2023;Москва Санкт-Петербург Новосибирск\n");
        assert!(matches!(
            decode(&cyrillic),
            Err(TextProblem::Encoding { .. })
        ));
        assert_eq!(decode(b"PK\x03\x04\0\0\x08\0"), Err(TextProblem::Binary));
    }
}
