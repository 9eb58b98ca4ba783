//! One typed configuration: defaults, then an optional TOML file, then `FORJA_*`
//! environment variables, then command-line flags. Every value is checked before
//! anything starts; a bad one stops start-up with one line naming the key, the value and
//! what is allowed (exit code 2).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use forja_store::DatabaseUrl;

/// Settings after validation.
#[derive(Debug, Clone)]
pub struct Settings {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database: DatabaseUrl,
    pub demo: bool,
    pub log: String,
    pub log_format: LogFormat,
    /// Where media live: `None` for `<data dir>/media`, or an `s3://bucket[/prefix]`.
    pub media_url: Option<String>,
    /// The largest media upload accepted, in bytes.
    pub upload_limit: usize,
    /// The address readers reach the site at, without a trailing slash.
    pub public_url: String,
    /// The SMTP relay for notification mail; `None` sends no mail (the inbox still
    /// shows everything).
    pub smtp_url: Option<String>,
    /// The sender of notification mail, such as `Forja <forja@example.org>`.
    pub mail_from: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// A value that cannot be used; `Display` is the one line shown to the operator.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("configuration error: {key} = {value:?} is not valid; allowed: {allowed}")]
pub struct ConfigError {
    pub key: String,
    pub value: String,
    pub allowed: String,
}

fn bad(key: &str, value: &str, allowed: &str) -> ConfigError {
    ConfigError {
        key: key.to_owned(),
        value: value.chars().take(200).collect(),
        allowed: allowed.to_owned(),
    }
}

/// Keys and what each allows, in one table so messages and parsing agree.
const KEYS: &[(&str, &str)] = &[
    ("listen", "an address and port such as 127.0.0.1:8080"),
    ("data_dir", "a directory path"),
    (
        "database_url",
        "sqlite://PATH or postgres://USER@HOST:PORT/DB",
    ),
    ("demo", "true or false"),
    ("log", "a tracing filter such as info or forja=debug"),
    ("log_format", "text or json"),
    (
        "media_url",
        "empty (files under the data directory) or s3://BUCKET[/PREFIX], with AWS_* variables for the endpoint and keys",
    ),
    (
        "upload_limit_mb",
        "a whole number of megabytes from 1 to 100000",
    ),
    (
        "smtp_url",
        "empty (no mail) or smtp://HOST:PORT, smtp://USER:PASSWORD@HOST:587?tls=required or smtps://USER:PASSWORD@HOST:465",
    ),
    (
        "mail_from",
        "the sender of notification mail, such as Forja <forja@example.org> (needed with smtp_url)",
    ),
    (
        "public_url",
        "the address readers use, such as https://forja.example.org (default: http:// and the listen address)",
    ),
];

fn allowed(key: &str) -> &'static str {
    KEYS.iter().find(|(k, _)| *k == key).map_or("", |(_, a)| a)
}

/// Raw values as strings, layered; later layers win.
#[derive(Debug, Default, Clone)]
pub struct Layers(BTreeMap<String, String>);

impl Layers {
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        self.0.insert(key.to_owned(), value.into());
    }

    /// Reads a TOML file of `key = value` pairs; unknown keys are errors, not ignored,
    /// so a typo cannot silently fall back to a default.
    pub fn add_file(&mut self, path: &Path) -> Result<(), ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            bad(
                "config",
                &path.display().to_string(),
                &format!("a readable TOML file ({e})"),
            )
        })?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            bad(
                "config",
                &path.display().to_string(),
                &format!("valid TOML ({})", e.message()),
            )
        })?;
        for (key, value) in table {
            if !KEYS.iter().any(|(k, _)| *k == key) {
                let known = KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ");
                return Err(bad(
                    &key,
                    &value.to_string(),
                    &format!("one of the keys {known}"),
                ));
            }
            let value = match value {
                toml::Value::String(s) => s,
                other => other.to_string(),
            };
            self.set(&key, value);
        }
        Ok(())
    }

    /// `FORJA_LISTEN`, `FORJA_DATA_DIR`, ... from the given environment.
    pub fn add_env(&mut self, env: impl Iterator<Item = (String, String)>) {
        for (name, value) in env {
            if let Some(key) = name.strip_prefix("FORJA_") {
                let key = key.to_ascii_lowercase();
                if KEYS.iter().any(|(k, _)| *k == key) {
                    self.set(&key, value);
                }
            }
        }
    }

    pub fn resolve(&self) -> Result<Settings, ConfigError> {
        let get = |key: &str| self.0.get(key).map(|s| s.trim().to_owned());
        let listen_raw = get("listen").unwrap_or_else(|| "127.0.0.1:8080".into());
        // "localhost:8080" is what people type: resolve names, preferring IPv4.
        let listen = listen_raw
            .parse::<SocketAddr>()
            .ok()
            .or_else(|| {
                use std::net::ToSocketAddrs;
                let addrs: Vec<SocketAddr> = listen_raw.to_socket_addrs().ok()?.collect();
                addrs
                    .iter()
                    .find(|a| a.is_ipv4())
                    .or(addrs.first())
                    .copied()
            })
            .ok_or_else(|| bad("listen", &listen_raw, allowed("listen")))?;
        let data_dir = PathBuf::from(get("data_dir").unwrap_or_else(|| "./forja-data".into()));
        if data_dir.as_os_str().is_empty() {
            return Err(bad("data_dir", "", allowed("data_dir")));
        }
        let database = match get("database_url").filter(|s| !s.is_empty()) {
            Some(raw) => DatabaseUrl::parse(&raw)
                .map_err(|why| bad("database_url", &forja_store::backend::redact(&raw), why))?,
            None => DatabaseUrl::default_in(&data_dir),
        };
        let demo = match get("demo").as_deref() {
            None | Some("") | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(other) => return Err(bad("demo", other, allowed("demo"))),
        };
        let log = get("log").unwrap_or_else(|| "info".into());
        if tracing_subscriber::EnvFilter::try_new(&log).is_err() {
            return Err(bad("log", &log, allowed("log")));
        }
        let log_format = match get("log_format").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => return Err(bad("log_format", other, allowed("log_format"))),
        };
        let media_url = match get("media_url").filter(|s| !s.is_empty()) {
            None => None,
            Some(url) => {
                let bucket = url
                    .strip_prefix("s3://")
                    .map(|rest| rest.split('/').next().unwrap_or(""));
                if bucket.is_none_or(|b| b.is_empty()) {
                    return Err(bad("media_url", &url, allowed("media_url")));
                }
                Some(url)
            }
        };
        let upload_limit = match get("upload_limit_mb") {
            None => 512 << 20,
            Some(raw) => match raw.parse::<usize>() {
                Ok(mb) if (1..=100_000).contains(&mb) => mb << 20,
                _ => return Err(bad("upload_limit_mb", &raw, allowed("upload_limit_mb"))),
            },
        };
        let public_url = match get("public_url").filter(|s| !s.is_empty()) {
            None => format!("http://{listen}"),
            Some(url) => {
                let rest = url
                    .strip_prefix("https://")
                    .or_else(|| url.strip_prefix("http://"))
                    .unwrap_or("");
                let host_ok = !rest.is_empty()
                    && rest.trim_end_matches('/').bytes().all(|b| {
                        b.is_ascii_alphanumeric()
                            || matches!(b, b'.' | b'-' | b':' | b'/' | b'[' | b']')
                    });
                if !host_ok {
                    return Err(bad("public_url", &url, allowed("public_url")));
                }
                url.trim_end_matches('/').to_owned()
            }
        };
        let smtp_url = get("smtp_url").filter(|s| !s.is_empty());
        if let Some(url) = &smtp_url
            && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
        {
            return Err(bad("smtp_url", url, allowed("smtp_url")));
        }
        let mail_from = get("mail_from").filter(|s| !s.is_empty());
        // Every mail links back here: the listen address (0.0.0.0:8080) is no address
        // for a reader's mail program.
        if smtp_url.is_some() && get("public_url").is_none_or(|s| s.is_empty()) {
            return Err(bad(
                "public_url",
                "",
                "the address readers use, such as https://forja.example.org (needed with smtp_url: every mail links to it)",
            ));
        }
        match (&smtp_url, &mail_from) {
            (Some(_), None) => return Err(bad("mail_from", "", allowed("mail_from"))),
            (_, Some(from)) if !from.contains('@') => {
                return Err(bad("mail_from", from, allowed("mail_from")));
            }
            _ => {}
        }
        Ok(Settings {
            smtp_url,
            mail_from,
            public_url,
            listen,
            data_dir,
            database,
            demo,
            log,
            log_format,
            media_url,
            upload_limit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_embedded_sqlite_on_localhost() {
        let s = Layers::default().resolve().unwrap();
        assert_eq!(s.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(
            s.database,
            DatabaseUrl::Sqlite(PathBuf::from("./forja-data/forja.db"))
        );
        assert!(!s.demo);
    }

    #[test]
    fn mail_needs_a_relay_and_a_sender() {
        let with = |pairs: &[(&str, &str)]| {
            let mut layers = Layers::default();
            for (k, v) in pairs {
                layers.set(k, *v);
            }
            layers.resolve()
        };
        let none = with(&[]).unwrap();
        assert_eq!((none.smtp_url, none.mail_from), (None, None));
        let ok = with(&[
            ("smtp_url", "smtp://127.0.0.1:2525"),
            ("mail_from", "Forja <forja@example.org>"),
            ("public_url", "https://forja.example.org"),
        ])
        .unwrap();
        assert_eq!(
            with(&[
                ("smtp_url", "smtp://127.0.0.1:2525"),
                ("mail_from", "Forja <forja@example.org>"),
            ])
            .unwrap_err()
            .key,
            "public_url",
            "mail links need the readers' address"
        );
        assert_eq!(ok.smtp_url.as_deref(), Some("smtp://127.0.0.1:2525"));
        assert_eq!(
            with(&[
                ("smtp_url", "smtp://127.0.0.1:2525"),
                ("public_url", "https://x.org")
            ])
            .unwrap_err()
            .key,
            "mail_from"
        );
        assert_eq!(
            with(&[("smtp_url", "mail.example.org"), ("mail_from", "a@b.org")])
                .unwrap_err()
                .key,
            "smtp_url"
        );
        assert_eq!(
            with(&[
                ("smtp_url", "smtp://h:25"),
                ("mail_from", "nobody"),
                ("public_url", "https://x.org")
            ])
            .unwrap_err()
            .key,
            "mail_from"
        );
    }

    #[test]
    fn media_go_to_s3_by_configuration_and_uploads_have_a_limit() {
        let mut layers = Layers::default();
        assert_eq!(layers.resolve().unwrap().media_url, None);
        assert_eq!(layers.resolve().unwrap().upload_limit, 512 << 20);
        layers.add_env(
            [
                (
                    "FORJA_MEDIA_URL".to_owned(),
                    "s3://forja-media/resita".to_owned(),
                ),
                ("FORJA_UPLOAD_LIMIT_MB".to_owned(), "64".to_owned()),
            ]
            .into_iter(),
        );
        let s = layers.resolve().unwrap();
        assert_eq!(s.media_url.as_deref(), Some("s3://forja-media/resita"));
        assert_eq!(s.upload_limit, 64 << 20);
        layers.set("media_url", "ftp://nowhere");
        assert_eq!(layers.resolve().unwrap_err().key, "media_url");
        layers.set("media_url", "s3://");
        assert_eq!(layers.resolve().unwrap_err().key, "media_url");
        layers.set("media_url", "");
        layers.set("upload_limit_mb", "0");
        assert_eq!(layers.resolve().unwrap_err().key, "upload_limit_mb");
        layers.set("upload_limit_mb", "64");
        assert_eq!(
            layers.resolve().unwrap().public_url,
            "http://127.0.0.1:8080"
        );
        layers.set("public_url", "https://forja.example.org/");
        assert_eq!(
            layers.resolve().unwrap().public_url,
            "https://forja.example.org"
        );
        layers.set("public_url", "javascript:alert(1)");
        assert_eq!(layers.resolve().unwrap_err().key, "public_url");
    }

    #[test]
    fn environment_overrides_file_and_flags_override_environment() {
        let dir = std::env::temp_dir().join(format!("forja-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("forja.toml");
        std::fs::write(&file, "listen = \"127.0.0.1:9000\"\ndemo = true\n").unwrap();
        let mut layers = Layers::default();
        layers.add_file(&file).unwrap();
        layers.add_env([("FORJA_LISTEN".to_owned(), "127.0.0.1:9001".to_owned())].into_iter());
        assert_eq!(layers.resolve().unwrap().listen.port(), 9001);
        layers.set("listen", "127.0.0.1:9002");
        let s = layers.resolve().unwrap();
        assert_eq!((s.listen.port(), s.demo), (9002, true));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_bad_value_names_key_value_and_what_is_allowed() {
        let mut layers = Layers::default();
        layers.set("listen", "localhost");
        let line = layers.resolve().unwrap_err().to_string();
        assert_eq!(
            line,
            "configuration error: listen = \"localhost\" is not valid; allowed: an address and port such as 127.0.0.1:8080"
        );
        let mut layers = Layers::default();
        layers.set("database_url", "mysql://x");
        assert_eq!(layers.resolve().unwrap_err().key, "database_url");
        let mut layers = Layers::default();
        layers.set("database_url", "postgres://u:secret@[bad");
        let line = layers.resolve().unwrap_err().to_string();
        assert!(
            line.contains("database_url") && !line.contains("secret"),
            "{line}"
        );
        let mut layers = Layers::default();
        layers.set("listen", "localhost:8080");
        assert_eq!(layers.resolve().unwrap().listen.port(), 8080);
    }

    #[test]
    fn unknown_file_keys_are_refused() {
        let dir = std::env::temp_dir().join(format!("forja-config-unknown-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("forja.toml");
        std::fs::write(&file, "lisen = \"127.0.0.1:9000\"\n").unwrap();
        let err = Layers::default().add_file(&file).unwrap_err();
        assert_eq!(err.key, "lisen");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
