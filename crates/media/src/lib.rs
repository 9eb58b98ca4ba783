//! The media pipeline: what a file really is (ffprobe), and the renditions readers get
//! (ffmpeg), both run as subprocesses with a time limit so a hung or crashing tool ends
//! in a clear error instead of a stuck job. Nothing here knows about the database: the
//! services record what this crate answers.

mod audio;
mod captions;
mod color;
mod image;
mod probe;
mod still;
mod tools;
mod video;

pub use audio::{AudioFile, audio_renditions};
pub use captions::{Captions, captions_to_vtt, read_captions};
pub use image::{
    ImageRendition, Placeholder, SAMPLE_COLUMNS, SAMPLE_ROWS, colour_samples, image_renditions,
    placeholder,
};
pub use probe::{Colour, Kind, Limits, Probe, probe};
pub use still::{decodable, readable};
pub use tools::Tools;
pub use video::{
    Clip, KEYFRAME_SECONDS, LADDER, Rung, VideoFile, rung_args, rungs_for, video_renditions,
};

/// Why a media file was refused or could not be processed. Each names what to do.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum MediaError {
    /// Not an image, video or audio file, whatever its name says.
    #[error("not an image, video or audio file")]
    NotMedia,
    /// A picture format the installed tools cannot read (HEIC without libheif).
    #[error("{0} is not supported yet: export a JPEG")]
    Unsupported(&'static str),
    /// Subtitles in a text encoding that cannot be told (or a binary file named .srt).
    #[error("the subtitles' text encoding cannot be recognised: save the file as UTF-8")]
    NotUtf8,
    /// A media file that cannot be read to the end (truncated, damaged).
    #[error("the file is damaged or incomplete: {0}")]
    Corrupt(String),
    /// More pixels than any screen needs (and than decoding can safely hold).
    #[error(
        "the image is {width}×{height} pixels; at most {max_megapixels} megapixels are accepted"
    )]
    TooManyPixels {
        width: u32,
        height: u32,
        max_megapixels: u32,
    },
    /// Longer than a story page can use.
    #[error("it lasts {seconds} s; at most {max_seconds} s are accepted")]
    TooLong { seconds: u64, max_seconds: u64 },
    /// The tool ran past its time limit and was stopped.
    #[error("{tool} took longer than {seconds} s and was stopped")]
    Timeout { tool: &'static str, seconds: u64 },
    /// The tool failed (crashed, or is missing).
    #[error("{tool} failed: {detail}")]
    Tool { tool: &'static str, detail: String },
}

impl MediaError {
    /// The failure's class, stored with a failed item: what the editor is told in
    /// their language, and whether trying again can help.
    pub fn class(&self) -> &'static str {
        match self {
            MediaError::NotMedia => "not-media",
            MediaError::Corrupt(_) => "damaged",
            MediaError::TooManyPixels { .. } => "too-many-pixels",
            MediaError::TooLong { .. } => "too-long",
            MediaError::Unsupported(_) => "unsupported",
            MediaError::NotUtf8 => "not-utf8",
            MediaError::Timeout { .. } => "timeout",
            MediaError::Tool { .. } => "tool",
        }
    }
}

/// Whether trying again can help with a failure of `class`: a tool that timed out or
/// crashed, or storage that was away, may do better next time; the same file stays
/// damaged, too long or unreadable however often it is tried.
pub fn retry_helps(class: &str) -> bool {
    matches!(class, "timeout" | "tool" | "storage")
}
