//! Notifications by e-mail, when the operator configures SMTP (`smtp_url`). A worker
//! takes each pending mail from the notifications table (see `forja_store::notify`),
//! writes it in the person's language and sends it. Every mail carries an unsubscribe
//! link, also as `List-Unsubscribe` with one-click (RFC 8058), so a mail program's own
//! button works.

use std::time::Duration;

use forja_services::Store;
use forja_services::notices::{self, Outgoing};
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::i18n::Tr;

/// How long one mail may take to hand over before it is tried again later.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// An SMTP relay and the sender's address, ready to send.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
}

impl Mailer {
    /// `smtp_url` as lettre reads it: `smtp://host:port` (plain, for a relay on the
    /// same machine), `smtp://user:password@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:password@host:465`. The error says which part is wrong.
    pub fn new(smtp_url: &str, from: &str, public_url: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| e.to_string())?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| format!("mail_from: {e}"))?;
        Ok(Self {
            transport,
            from,
            public_url: public_url.trim_end_matches('/').to_owned(),
        })
    }

    /// The message for one notification, in the reader's language.
    pub fn compose(&self, mail: &Outgoing) -> Result<Message, String> {
        let tr = Tr::new(mail.locale.unwrap_or_default());
        let site = &self.public_url;
        let link = format!("{site}{}", mail.notice.link);
        let unsubscribe = format!("{site}/unsubscribe/{}", mail.unsubscribe_token);
        let subject = crate::pages::inbox::sentence(tr, &mail.notice.what);
        let body = [
            tr.t1("mail-greeting", "name", &mail.to_name),
            String::new(),
            subject.clone(),
            tr.t1("mail-open", "link", &link),
            String::new(),
            tr.t1("mail-inbox", "link", format!("{site}/inbox")),
            String::new(),
            "-- ".to_owned(),
            tr.t1("mail-why", "site", site),
            tr.t1("mail-unsubscribe", "link", &unsubscribe),
        ]
        .join("\n");
        let to = Mailbox::new(
            Some(mail.to_name.clone()),
            mail.to_email.parse().map_err(|e| format!("to: {e}"))?,
        );
        let header = |name: &'static str, value: String| {
            HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
        };
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            // A Message-ID from this host's name, and no auto-replies (RFC 3834).
            .message_id(None)
            .raw_header(header("Auto-Submitted", "auto-generated".into()))
            .raw_header(header("List-Unsubscribe", format!("<{unsubscribe}>")))
            .raw_header(header(
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click".into(),
            ))
            .singlepart(
                // Quoted-printable keeps the links readable in the raw message.
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    .header(ContentTransferEncoding::QuotedPrintable)
                    .body(body),
            )
            .map_err(|e| e.to_string())
    }

    /// Sends the next pending mail; false when there was none.
    pub async fn send_next(&self, store: &Store) -> Result<bool, forja_services::ServiceError> {
        let Some(mail) = notices::next_mail(store).await? else {
            return Ok(false);
        };
        let sent = match self.compose(&mail) {
            Ok(message) => match self.transport.send(message).await {
                Ok(_) => true,
                Err(e) => {
                    tracing::warn!(error = %e, notification = mail.row.id, "mail not sent; will try again");
                    false
                }
            },
            Err(e) => {
                tracing::warn!(error = %e, notification = mail.row.id, "mail not written");
                false
            }
        };
        notices::mail_done(store, &mail, sent).await?;
        Ok(true)
    }
}

/// Sends mail until `stop` fires: one at a time, a short sleep when nothing waits.
pub async fn worker(store: Store, mailer: Mailer, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        let idle = match mailer.send_next(&store).await {
            Ok(sent) => !sent,
            Err(e) => {
                tracing::error!(error = %e, "mail worker");
                true
            }
        };
        if idle {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(2)) => {}
                _ = stop.changed() => {}
            }
        }
    }
}
