//! How text becomes searchable words. Three analyzers share one tokenizer (so a query
//! word is the same word in each): Romanian and English stem, and a folded one with
//! no stemming for exact words in any language and for typos.
//!
//! Romanian needs care: the Snowball stemmer only knows the legacy cedilla letters
//! (ş ţ), while correct text uses comma-below ones (ș ț), so comma-below is mapped to
//! cedilla before stemming and everything is folded to ASCII after it (folding first
//! would hide the suffixes the stemmer reads). Text is NFC-normalised first: a
//! decomposed `s` + U+0326 would otherwise split a word at the mark.

use std::mem;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, WhitespaceTokenizer,
};
use unicode_normalization::UnicodeNormalization;

pub const ROMANIAN: &str = "forja_ro";
pub const ENGLISH: &str = "forja_en";
pub const FOLDED: &str = "forja_folded";
/// The words of [`indexed_words`], split where it put spaces.
pub const WORDS: &str = "forja_words";

/// Words longer than this are not words (a pasted address, a hash).
const LONGEST_WORD: usize = 40;

/// NFC: one code point per letter, as the analyzers expect.
pub fn normalize(text: &str) -> String {
    text.nfc().collect()
}

pub fn romanian() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(Cedilla)
        .filter(Stemmer::new(Language::Romanian))
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn english() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Marks a stem among folded words: no tokenizer makes it part of a word, so a stem is
/// never taken for a word, and a typo is one edit further from any stem ("locomo" is
/// one letter from the stem "locomot", but two from "~locomot": not a match).
pub const STEM: char = '~';

/// The terms a text gives the field searches match: each word folded, and its stem
/// (marked [`STEM`]) when the text's language has a stemmer. Separated by spaces (no
/// term has one), for the [`WORDS`] analyzer to split again.
pub fn indexed_words(text: &str, lang: &str) -> String {
    let folded = words(&mut folded(), text);
    let stems = match lang {
        "ro" => words(&mut romanian(), text),
        "en" => words(&mut english(), text),
        _ => Vec::new(),
    };
    let mut out = String::with_capacity(text.len() * 2);
    for (i, (word, _, _)) in folded.iter().enumerate() {
        out.push_str(word);
        out.push(' ');
        // One tokenizer and the same length filter first: the i-th stem is this word's.
        if let Some((stem, _, _)) = stems.get(i) {
            out.push(STEM);
            out.push_str(stem);
            out.push(' ');
        }
    }
    out
}

/// Splits what [`indexed_words`] joined.
pub fn words_field() -> TextAnalyzer {
    TextAnalyzer::from(WhitespaceTokenizer::default())
}

/// The words of a text as an analyzer makes them, with their byte ranges in it.
pub fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push((t.text.clone(), t.offset_from, t.offset_to));
    }
    out
}

/// Typos forgiven in a word of this many letters: none under 5, one from 5, two from 9
/// (Meilisearch's defaults; a short word with a typo is another word).
pub fn typo_distance(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Maps comma-below ș ț to the cedilla ş ţ the Snowball stemmer knows.
#[derive(Clone)]
struct Cedilla;

impl TokenFilter for Cedilla {
    type Tokenizer<T: Tokenizer> = CedillaFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CedillaFilter<T> {
        CedillaFilter {
            tokenizer,
            buffer: String::new(),
        }
    }
}

#[derive(Clone)]
pub struct CedillaFilter<T> {
    tokenizer: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for CedillaFilter<T> {
    type TokenStream<'a> = CedillaStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CedillaStream {
            tail: self.tokenizer.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

pub struct CedillaStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
}

impl<T: TokenStream> TokenStream for CedillaStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &self.tail.token().text;
        if text.contains(['ș', 'ț']) {
            self.buffer.clear();
            self.buffer.extend(text.chars().map(|c| match c {
                'ș' => 'ş',
                'ț' => 'ţ',
                c => c,
            }));
            mem::swap(&mut self.tail.token_mut().text, self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        words(analyzer, &normalize(text))
            .into_iter()
            .map(|(w, _, _)| w)
            .collect()
    }

    #[test]
    fn romanian_spellings_stem_alike() {
        let mut ro = romanian();
        // Comma-below, cedilla and decomposed marks are one word.
        let comma = stems(&mut ro, "educație învățare școală");
        let cedilla = stems(&mut ro, "educaţie învăţare şcoală");
        let decomposed = stems(
            &mut ro,
            "educat\u{0326}ie i\u{0302}nva\u{0306}t\u{0326}are s\u{0326}coala\u{0306}",
        );
        assert_eq!(comma, cedilla);
        assert_eq!(comma, decomposed);
        // Inflections meet at the stem, and the stem is folded.
        assert_eq!(stems(&mut ro, "educației"), stems(&mut ro, "educație"));
        assert_eq!(stems(&mut ro, "orașele"), stems(&mut ro, "orașul"));
        assert!(comma.iter().all(|w| w.is_ascii()), "{comma:?}");
    }

    #[test]
    fn folded_words_lose_only_their_accents() {
        let mut f = folded();
        assert_eq!(stems(&mut f, "Reșița Reşiţa RESITA"), ["resita"; 3]);
        assert_eq!(stems(&mut f, "\"learning\":(city)*"), ["learning", "city"]);
        assert!(stems(&mut f, &"x".repeat(41)).is_empty(), "not a word");
    }

    #[test]
    fn a_word_is_indexed_folded_and_by_its_stem() {
        assert_eq!(
            indexed_words(&normalize("Educația părinților"), "ro"),
            "educatia ~educ parintilor ~parint "
        );
        assert_eq!(
            indexed_words("learning cities", "en"),
            "learning ~learn cities ~citi "
        );
        assert_eq!(
            indexed_words("Eskişehir öğrenme", "tr"),
            "eskisehir ogrenme "
        );
    }

    #[test]
    fn typos_forgiven_grow_with_the_word() {
        assert_eq!(
            ["cuib", "orase", "invatare", "educatiei"].map(typo_distance),
            [0, 1, 1, 2]
        );
    }
}
