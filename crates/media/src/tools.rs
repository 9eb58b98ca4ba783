//! Running ffmpeg and ffprobe: a time limit, a killed child on timeout or drop, and the
//! tail of stderr kept for the error message.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;

use crate::MediaError;

/// Where the tools are and how long each run may take.
#[derive(Debug, Clone)]
pub struct Tools {
    pub ffmpeg: PathBuf,
    pub ffprobe: PathBuf,
    pub timeout: Duration,
}

impl Default for Tools {
    fn default() -> Self {
        Self {
            ffmpeg: "ffmpeg".into(),
            ffprobe: "ffprobe".into(),
            timeout: Duration::from_secs(600),
        }
    }
}

/// What a finished run printed.
pub(crate) struct Output {
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub success: bool,
}

impl Tools {
    /// Runs `tool` with `args`; stdin is closed, so nothing can wait for a keypress.
    pub(crate) async fn run(
        &self,
        tool: &'static str,
        args: &[&std::ffi::OsStr],
    ) -> Result<Output, MediaError> {
        let program = if tool == "ffprobe" {
            &self.ffprobe
        } else {
            &self.ffmpeg
        };
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| MediaError::Tool {
                tool,
                detail: format!("could not start {}: {e}", program.display()),
            })?;
        let finished = tokio::time::timeout(self.timeout, child.wait_with_output()).await;
        let output = match finished {
            // Dropping the future dropped the child, which kills it (kill_on_drop).
            Err(_) => {
                return Err(MediaError::Timeout {
                    tool,
                    seconds: self.timeout.as_secs(),
                });
            }
            Ok(Err(e)) => {
                return Err(MediaError::Tool {
                    tool,
                    detail: e.to_string(),
                });
            }
            Ok(Ok(output)) => output,
        };
        let stderr = String::from_utf8_lossy(&output.stderr);
        // The last lines say what went wrong; the rest is the banner and progress.
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        let stderr = tail.into_iter().rev().collect::<Vec<_>>().join("\n");
        if output.status.code().is_none() {
            return Err(MediaError::Tool {
                tool,
                detail: format!("stopped by a signal ({})", output.status),
            });
        }
        Ok(Output {
            stdout: output.stdout,
            stderr,
            success: output.status.success(),
        })
    }
}
