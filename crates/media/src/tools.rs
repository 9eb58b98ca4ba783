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
    /// libheif's converter, for the HEIC photos iPhones take (ffmpeg 5.1 reads none).
    pub heif_convert: PathBuf,
    /// libwebp's container tool, to take an animated WebP's first frame.
    pub webpmux: PathBuf,
    pub timeout: Duration,
}

impl Default for Tools {
    fn default() -> Self {
        Self {
            ffmpeg: "ffmpeg".into(),
            ffprobe: "ffprobe".into(),
            heif_convert: "heif-convert".into(),
            webpmux: "webpmux".into(),
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
    /// Runs ffmpeg with `-progress pipe:1` added, calling `on_progress` with 0 to 1 as
    /// it works through `duration_ms` of media.
    pub(crate) async fn run_with_progress(
        &self,
        args: &[&std::ffi::OsStr],
        duration_ms: u64,
        mut on_progress: impl FnMut(f64) + Send,
    ) -> Result<Output, MediaError> {
        use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
        let tool = "ffmpeg";
        let mut command = Command::new(&self.ffmpeg);
        command
            .args(["-progress", "pipe:1", "-nostats"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = spawn(&mut command).await.map_err(|e| MediaError::Tool {
            tool,
            detail: format!("could not start {}: {e}", self.ffmpeg.display()),
        })?;
        let stdout = child.stdout.take();
        let mut stderr_pipe = child.stderr.take();
        let work = async {
            // stderr is read alongside, or a chatty ffmpeg would block on a full pipe.
            let err_task = tokio::spawn(async move {
                let mut text = String::new();
                if let Some(e) = stderr_pipe.as_mut() {
                    let _ = e.read_to_string(&mut text).await;
                }
                text
            });
            if let Some(out) = stdout {
                let mut lines = BufReader::new(out).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(us) = line.strip_prefix("out_time_us=")
                        && let Ok(us) = us.trim().parse::<u64>()
                    {
                        let done = us as f64 / 1000.0 / duration_ms.max(1) as f64;
                        on_progress(done.clamp(0.0, 1.0));
                    }
                }
            }
            let status = child.wait().await;
            (status, err_task.await.unwrap_or_default())
        };
        let (status, stderr) = match tokio::time::timeout(self.timeout, work).await {
            Err(_) => {
                return Err(MediaError::Timeout {
                    tool,
                    seconds: self.timeout.as_secs(),
                });
            }
            Ok(done) => done,
        };
        let status = status.map_err(|e| MediaError::Tool {
            tool,
            detail: e.to_string(),
        })?;
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        let stderr = tail.into_iter().rev().collect::<Vec<_>>().join("\n");
        if status.code().is_none() {
            return Err(MediaError::Tool {
                tool,
                detail: format!("stopped by a signal ({status})"),
            });
        }
        Ok(Output {
            stdout: Vec::new(),
            stderr,
            success: status.success(),
        })
    }

    /// Runs `tool` with `args`; stdin is closed, so nothing can wait for a keypress.
    pub(crate) async fn run(
        &self,
        tool: &'static str,
        args: &[&std::ffi::OsStr],
    ) -> Result<Output, MediaError> {
        let program = match tool {
            "ffprobe" => &self.ffprobe,
            "heif-convert" => &self.heif_convert,
            "webpmux" => &self.webpmux,
            _ => &self.ffmpeg,
        };
        let mut command = Command::new(program);
        command
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let child = spawn(&mut command).await.map_err(|e| MediaError::Tool {
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
/// Starts a tool. "Text file busy" (a freshly written program still open for writing
/// in a process another thread is forking) passes within moments: it is tried again a
/// few times before it counts as a failure.
async fn spawn(command: &mut Command) -> std::io::Result<tokio::process::Child> {
    let mut tries = 0;
    loop {
        match command.spawn() {
            Err(e) if e.raw_os_error() == Some(26) && tries < 20 => {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(25)).await;
            }
            other => return other,
        }
    }
}
