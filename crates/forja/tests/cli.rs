//! The `forja` binary as an operator meets it: help, configuration errors, migrate, and
//! `serve --demo` against an empty and a non-empty database.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn forja() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_forja"));
    // The caller's environment must not leak FORJA_* settings into these tests.
    for (k, _) in std::env::vars() {
        if k.starts_with("FORJA_") {
            c.env_remove(k);
        }
    }
    c
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("forja-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["media", "import", "--help"],
        vec!["media", "jobs", "--help"],
        vec!["data", "import", "--help"],
        vec!["data", "undo", "--help"],
    ] {
        let out = forja().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Usage"), "{args:?}: {text}");
    }
    let serve =
        String::from_utf8_lossy(&forja().args(["serve", "--help"]).output().unwrap().stdout)
            .into_owned();
    for flag in [
        "--listen",
        "--data-dir",
        "--database-url",
        "--demo",
        "--config",
    ] {
        assert!(serve.contains(flag), "serve --help lists {flag}");
    }
}

#[test]
fn a_bad_setting_stops_start_up_with_one_line_and_exit_code_2() {
    let out = forja()
        .args(["serve", "--listen", "nowhere"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("listen") && err.contains("nowhere") && err.contains("127.0.0.1:8080"),
        "{err}"
    );
    let env = forja()
        .args(["serve"])
        .env("FORJA_DATABASE_URL", "mysql://x")
        .output()
        .unwrap();
    assert_eq!(env.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&env.stderr).contains("database_url"));
    let dir = temp_dir("badfile");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("forja.toml"), "demo = \"maybe\"\n").unwrap();
    let file = forja()
        .args(["--config"])
        .arg(dir.join("forja.toml"))
        .arg("serve")
        .output()
        .unwrap();
    assert_eq!(file.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&file.stderr).contains("demo = \"maybe\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn migrate_creates_the_schema_then_finds_nothing_to_do() {
    let dir = temp_dir("migrate");
    let first = forja()
        .args(["migrate", "--data-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("m0001_learning_city_model"));
    let second = forja()
        .args(["migrate", "--data-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&second.stdout).contains("up to date"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn commands_print_their_result_alone_and_log_only_warnings() {
    let dir = temp_dir("quiet");
    let add = forja()
        .args([
            "user",
            "add",
            "--email",
            "ana@network.test",
            "--role",
            "network-admin",
            "--password-stdin",
            "--data-dir",
        ])
        .arg(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"a long enough password\n")?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let err = String::from_utf8_lossy(&add.stderr);
    assert!(
        !err.contains("INFO") && !err.contains("Applying"),
        "no migration log by default: {err}"
    );
    let token = forja()
        .args([
            "token",
            "create",
            "--email",
            "ana@network.test",
            "--data-dir",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&token.stdout);
    assert_eq!(out.lines().count(), 1, "the token alone: {out:?}");
    assert!(out.trim().starts_with("forja_"), "{out:?}");
    assert!(
        String::from_utf8_lossy(&token.stderr).contains("shown once"),
        "the note goes to stderr"
    );
    // Asked for, the log is there.
    let verbose = forja()
        .args(["migrate", "--verbose", "--data-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&verbose.stderr).contains("INFO"),
        "--verbose logs"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Starts `serve` on a free port, waits for the URL line, returns the child and output.
fn start(dir: &std::path::Path, demo: bool) -> (std::process::Child, Vec<String>) {
    let mut cmd = forja();
    cmd.args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir);
    if demo {
        cmd.arg("--demo");
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        let done = line.contains("is running at http://127.0.0.1:");
        lines.push(line);
        if done || Instant::now() > deadline {
            break;
        }
    }
    (child, lines)
}

fn stop(mut child: std::process::Child) -> std::process::ExitStatus {
    // SIGTERM: the server must shut down gracefully and exit cleanly.
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "no exit within 10 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn demo_loads_once_prints_the_address_and_sigterm_stops_cleanly() {
    let dir = temp_dir("demo");
    let (child, lines) = start(&dir, true);
    assert!(
        lines.iter().any(|l| l
            .contains("Loaded the demo network: 188 cities, 33 more members without a place")
            && l.contains(", 13 programmes.")),
        "{lines:?}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .contains("is running at http://127.0.0.1:"),
        "{lines:?}"
    );
    assert!(stop(child).success(), "graceful exit on SIGTERM");
    let (child, lines) = start(&dir, true);
    assert!(
        lines.iter().any(|l| l.contains("already holds a network")),
        "{lines:?}"
    );
    assert!(stop(child).success());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn media_import_makes_renditions_and_names_what_is_wrong_with_a_bad_file() {
    let dir = temp_dir("media");
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("data");
    // A database with the demo network: start and stop the server once.
    let (child, _) = start(&data, true);
    stop(child);
    let picture = dir.join("works.png");
    assert!(
        Command::new("ffmpeg")
            .args([
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=800x500",
                "-frames:v",
                "1"
            ])
            .arg(&picture)
            .status()
            .expect("ffmpeg must be installed")
            .success()
    );
    let import = |file: &std::path::Path| {
        forja()
            .args(["media", "import"])
            .arg(file)
            .args([
                "--city",
                "resita",
                "--alt",
                "A test pattern",
                "--credit",
                "Generated",
            ])
            .arg("--data-dir")
            .arg(&data)
            .output()
            .unwrap()
    };
    let ok = import(&picture);
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(text.contains("Ready: image (2 renditions)"), "{text}");
    let fake = dir.join("clip.mp4");
    std::fs::write(&fake, "not a video at all").unwrap();
    let bad = import(&fake);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("clip.mp4: not an image, video or audio file")
            && err.contains("nothing was stored"),
        "{err}"
    );
    let empty = dir.join("empty.jpg");
    std::fs::write(&empty, "").unwrap();
    let refused = import(&empty);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("empty.jpg: the file is empty"));
    let jobs = forja()
        .args(["media", "jobs", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&jobs.stdout);
    assert!(listed.contains("done"), "{listed}");
    assert!(
        !listed.contains("clip.mp4") && !listed.contains("empty.jpg"),
        "refused files leave no item and no job to retry: {listed}"
    );
}

#[test]
fn data_import_checks_first_names_each_wrong_row_and_can_be_undone() {
    let dir = temp_dir("data");
    let (child, _) = start(&dir, true);
    assert!(stop(child).success());
    let file = dir.join("cugir.csv");
    let import = |args: &[&str]| {
        let mut c = forja();
        c.args(["data", "import"])
            .arg(&file)
            .args(["--city", "cugir", "--data-dir"])
            .arg(&dir)
            .args(args);
        c.output().unwrap()
    };
    // A Romanian file with a mistake: nothing stored, the row named, exit non-zero.
    std::fs::write(
        &file,
        "Indicator;Year;Value\n4.3.1;2026;9,5\n4.3.1;2026-T1;9\n",
    )
    .unwrap();
    let bad = import(&["--lang", "ro"]);
    assert!(!bad.status.success());
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains("Rândul 3, Year") && out.contains("nu este o perioadă"),
        "{out}"
    );
    // Corrected: a dry run stores nothing, then the import keeps one.
    std::fs::write(&file, "Indicator;Year;Value\n4.3.1;2026;9,5\n").unwrap();
    let dry = import(&["--dry-run"]);
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(String::from_utf8_lossy(&dry.stdout).contains("1  new values"));
    let done = import(&[]);
    let out = String::from_utf8_lossy(&done.stdout).into_owned();
    assert!(done.status.success() && out.contains("Imported"), "{out}");
    let id = out
        .lines()
        .find_map(|l| l.strip_prefix('#'))
        .expect("the import's number")
        .trim()
        .to_owned();
    let again = import(&[]);
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .contains("already stored: there is nothing to import")
    );
    let undo = forja()
        .args(["data", "undo", &id, "--city", "cugir", "--data-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        undo.status.success(),
        "{}",
        String::from_utf8_lossy(&undo.stderr)
    );
    let twice = forja()
        .args(["data", "undo", &id, "--city", "cugir", "--data-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        !twice.status.success()
            && String::from_utf8_lossy(&twice.stderr).contains("already undone")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
