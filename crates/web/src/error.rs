//! The one place where failures become HTTP responses. Handlers return [`Failure`]
//! (through [`PageError`] for HTML or [`ApiError`] for JSON); the status, the message key
//! and the logging are decided here. HTML error pages are rendered later by
//! [`crate::pages::error_page`] in the visitor's language, because only the middleware
//! sees the request's language.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use forja_services::ServiceError;
use serde::Serialize;

/// What went wrong, in terms a visitor can act on.
#[derive(Debug, Clone)]
pub enum Failure {
    NotFound,
    /// A query or path parameter is malformed; names it and says what is allowed.
    BadParameter {
        name: &'static str,
        allowed: Allowed,
    },
    PayloadTooLarge,
    /// The address exists but not for this method (e.g. POST to a page).
    MethodNotAllowed,
    /// Signed in, but the policy does not allow this.
    Forbidden,
    /// The API needs a valid `Authorization: Bearer` token.
    Unauthenticated,
    /// A form arrived without the token of a page from this site.
    CsrfRejected,
    /// The thing changed since the editor loaded it.
    Conflict {
        current_version: i32,
        /// The fields both changed, when the edits were merged (empty: not merged).
        fields: Vec<String>,
    },
    /// `If-Match` names a version that is no longer the stored one.
    PreconditionFailed {
        current_version: i32,
    },
    /// A write that names neither `If-Match` nor a `version`.
    PreconditionRequired,
    /// A body that is not `application/json` where JSON is expected.
    UnsupportedMediaType,
    /// The input has errors; each names its field and what to fix.
    Invalid(Vec<FieldError>),
    /// A slug or code that another stored thing already has, or a thing others still
    /// use (API: 409, not 422: the request is sound, what is stored stands in its way).
    Taken(Vec<FieldError>),
    /// Something broke on our side; the cause is logged, never shown.
    Internal,
}

/// What a parameter allows, said in the visitor's language.
#[derive(Debug, Clone)]
pub enum Allowed {
    /// Codes that read the same in every language, e.g. "en, ro".
    Codes(String),
    /// A Fluent message, with a number argument `$max`.
    Message(&'static str, i64),
}

impl Allowed {
    pub fn text(&self, tr: crate::i18n::Tr) -> String {
        match self {
            Allowed::Codes(codes) => codes.clone(),
            Allowed::Message(id, max) => tr.t1(id, "max", max),
        }
    }
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::NotFound => StatusCode::NOT_FOUND,
            Failure::BadParameter { .. } => StatusCode::BAD_REQUEST,
            Failure::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Failure::Forbidden | Failure::CsrfRejected => StatusCode::FORBIDDEN,
            Failure::Unauthenticated => StatusCode::UNAUTHORIZED,
            Failure::Conflict { .. } => StatusCode::CONFLICT,
            Failure::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Failure::Taken(_) => StatusCode::CONFLICT,
            Failure::PreconditionFailed { .. } => StatusCode::PRECONDITION_FAILED,
            Failure::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            Failure::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Failure::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Fluent id of the title shown to people.
    pub fn title_id(&self) -> &'static str {
        match self {
            Failure::NotFound => "error-not-found-title",
            Failure::BadParameter { .. } => "error-bad-request-title",
            Failure::PayloadTooLarge => "error-too-large-title",
            Failure::MethodNotAllowed => "error-method-title",
            Failure::Forbidden => "error-forbidden-title",
            Failure::Unauthenticated => "error-unauthenticated-title",
            Failure::CsrfRejected => "error-csrf-title",
            Failure::Conflict { .. } => "error-conflict-title",
            Failure::Invalid(_) => "error-invalid-title",
            Failure::Taken(_) => "error-taken-title",
            Failure::PreconditionFailed { .. } => "error-precondition-failed-title",
            Failure::PreconditionRequired => "error-precondition-required-title",
            Failure::UnsupportedMediaType => "error-media-type-title",
            Failure::Internal => "error-internal-title",
        }
    }

    /// Stable problem type for API clients.
    fn problem_type(&self) -> &'static str {
        match self {
            Failure::NotFound => "/api/v1/problems/not-found",
            Failure::BadParameter { .. } => "/api/v1/problems/bad-parameter",
            Failure::PayloadTooLarge => "/api/v1/problems/payload-too-large",
            Failure::MethodNotAllowed => "/api/v1/problems/method-not-allowed",
            Failure::Forbidden => "/api/v1/problems/forbidden",
            Failure::Unauthenticated => "/api/v1/problems/unauthenticated",
            Failure::CsrfRejected => "/api/v1/problems/csrf",
            Failure::Conflict { .. } => "/api/v1/problems/conflict",
            Failure::Invalid(_) => "/api/v1/problems/invalid",
            Failure::Taken(_) => "/api/v1/problems/taken",
            Failure::PreconditionFailed { .. } => "/api/v1/problems/precondition-failed",
            Failure::PreconditionRequired => "/api/v1/problems/precondition-required",
            Failure::UnsupportedMediaType => "/api/v1/problems/unsupported-media-type",
            Failure::Internal => "/api/v1/problems/internal",
        }
    }
}

impl From<ServiceError> for Failure {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::NotFound => Failure::NotFound,
            ServiceError::Forbidden => Failure::Forbidden,
            ServiceError::Conflict { current_version } => Failure::Conflict {
                current_version,
                fields: Vec::new(),
            },
            ServiceError::EditConflict(c) => Failure::Conflict {
                current_version: c.current_version,
                fields: c.fields,
            },
            ServiceError::Invalid(problems) => {
                Failure::Invalid(problems.iter().map(FieldError::from_problem).collect())
            }
            // Pages say it in the reader's language beside the file field; elsewhere
            // (the API) the problem names the field and says it in English.
            ServiceError::DataFile(p) => Failure::Invalid(vec![FieldError::new(
                "file",
                "import-file-invalid",
                crate::data_text::file_problem(&crate::i18n::Tr::new(forja_core::Locale::En), &p),
            )]),
            other => {
                tracing::error!(error = ?other, "service failure");
                Failure::Internal
            }
        }
    }
}

/// One input error: the field and a message id (with its argument) saying what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    /// Fluent message id; pages show it in the visitor's language, the API in English.
    #[serde(skip)]
    pub message_id: &'static str,
    /// Extra detail for the message (e.g. what is allowed), shown as `$detail`.
    #[serde(skip)]
    pub detail: String,
    /// The English message (API only).
    pub message: String,
}

impl FieldError {
    /// The message for a validation problem of `forja_core::edit`.
    pub fn from_problem(p: &forja_core::edit::FieldProblem) -> Self {
        use forja_core::edit::Problem;
        let (id, detail) = match &p.problem {
            Problem::Required => ("field-required", String::new()),
            Problem::TooLong { max } => ("field-too-long", max.to_string()),
            Problem::NotANumber => ("field-not-number", String::new()),
            Problem::OutOfRange { min, max } => ("field-out-of-range", format!("{min} – {max}")),
            Problem::NotADate => ("field-not-date", String::new()),
            Problem::NoSuchDay => ("field-no-such-day", String::new()),
            Problem::NotWhole => ("field-not-whole", String::new()),
            Problem::TooManyDecimals { max } => ("field-too-many-decimals", max.to_string()),
            Problem::Ambiguous { grouped, decimal } => {
                return Self::with_readings(p.field.clone(), grouped, decimal);
            }
            Problem::EndBeforeStart => ("field-end-before-start", String::new()),
            Problem::NotAllowed { allowed } => ("field-not-allowed", allowed.clone()),
            Problem::Unknown => ("field-unknown", String::new()),
            Problem::Taken => ("field-taken", String::new()),
            Problem::NotAChoice => ("field-not-a-choice", String::new()),
            Problem::Cycle => ("field-cycle", String::new()),
            Problem::TooMany { max } => ("field-too-many", max.to_string()),
            Problem::InUse { by } => ("field-in-use", by.join(", ")),
            Problem::HasData { by } => ("field-has-data", by.join("; ")),
            Problem::NotAColour => ("field-not-colour", String::new()),
            Problem::LowContrast { ratio } => ("field-low-contrast", ratio.clone()),
            Problem::NotEmpty => ("field-not-empty", String::new()),
            Problem::Unfinished { pages } => ("field-unfinished", pages.join(", ")),
            Problem::NoPages => ("field-no-pages", String::new()),
            Problem::WrongStep { now } => ("field-wrong-step", now.clone()),
            Problem::PagesMoved => ("field-pages-moved", String::new()),
            Problem::EmptyFile => ("field-empty-file", String::new()),
            Problem::NotMedia => ("field-not-media", String::new()),
            Problem::NotUtf8 => ("field-not-utf8", String::new()),
            Problem::RetryWontHelp => ("field-retry-wont-help", String::new()),
            Problem::Unsupported { format } => ("field-unsupported-picture", format.clone()),
            Problem::NotTakingReplies { why } => ("field-not-taking-replies", why.clone()),
            Problem::DiscussionClosed => ("field-discussion-closed", String::new()),
            Problem::ChooseOne => ("field-choose-one", String::new()),
            Problem::FileTooLarge { max_mb } => ("field-file-too-large", max_mb.to_string()),
            Problem::SlowDown { minutes } => ("field-slow-down", minutes.to_string()),
        };
        Self::new(p.field.clone(), id, detail)
    }

    /// A number that reads two ways: the message shows both readings.
    fn with_readings(field: String, grouped: &str, decimal: &str) -> Self {
        let message = crate::i18n::Tr::new(forja_core::Locale::En).t2(
            "field-ambiguous",
            ("grouped", &grouped),
            ("decimal", &decimal),
        );
        Self {
            field,
            message_id: "field-ambiguous",
            detail: format!("{grouped}\u{1f}{decimal}"),
            message,
        }
    }

    /// The message in the reader's language.
    pub fn text(&self, tr: crate::i18n::Tr) -> String {
        match self.detail.split_once('\u{1f}') {
            Some((grouped, decimal)) => tr.t2(
                self.message_id,
                ("grouped", &grouped),
                ("decimal", &decimal),
            ),
            None => tr.t1(self.message_id, "detail", &self.detail),
        }
    }

    pub fn new(
        field: impl Into<String>,
        message_id: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        let detail = detail.into();
        let message =
            crate::i18n::Tr::new(forja_core::Locale::En).t1(message_id, "detail", &detail);
        Self {
            field: field.into(),
            message_id,
            detail,
            message,
        }
    }
}

/// A failure on an HTML route; rendered into a page by the error-page middleware.
#[derive(Debug)]
pub struct PageError(pub Failure);

impl<E: Into<Failure>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut response = self.0.status().into_response();
        response.extensions_mut().insert(self.0);
        response
    }
}

/// A failure on a JSON route, as `application/problem+json` (RFC 9457).
#[derive(Debug)]
pub struct ApiError(pub Failure);

impl<E: Into<Failure>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

/// RFC 9457 problem details.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: &'static str,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The offending parameter, for 400 responses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<&'static str>,
    /// Every input error, for 422 responses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The version now stored, for 409 and 412 responses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i32>,
    /// For 409 responses after a merge: the fields someone else changed too, since
    /// the version sent. Nothing was saved: send the whole change again over
    /// `current_version`, with these fields as you decide them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

impl Problem {
    pub fn from_failure(failure: &Failure) -> Self {
        let tr = crate::i18n::Tr::new(forja_core::Locale::En);
        let (detail, parameter) = match failure {
            Failure::BadParameter { name, allowed } => (
                Some(tr.t2(
                    "error-bad-parameter",
                    ("name", name),
                    ("allowed", &allowed.text(tr)),
                )),
                Some(*name),
            ),
            Failure::PreconditionFailed { .. } => {
                (Some(tr.t("error-precondition-failed-text")), None)
            }
            Failure::PreconditionRequired => (Some(tr.t("error-precondition-required-text")), None),
            Failure::UnsupportedMediaType => (Some(tr.t("error-media-type-text")), None),
            _ => (None, None),
        };
        let errors = match failure {
            Failure::Invalid(errors) | Failure::Taken(errors) => errors.clone(),
            _ => Vec::new(),
        };
        let (current_version, conflicts) = match failure {
            Failure::Conflict {
                current_version,
                fields,
            } => (Some(*current_version), fields.clone()),
            Failure::PreconditionFailed { current_version } => (Some(*current_version), Vec::new()),
            _ => (None, Vec::new()),
        };
        Problem {
            problem_type: failure.problem_type(),
            title: tr.t(failure.title_id()),
            status: failure.status().as_u16(),
            detail,
            parameter,
            errors,
            current_version,
            conflicts,
        }
    }
}

impl ApiError {
    /// A slug or code that another thing already has, or a delete of something others
    /// still use, is a conflict with what is stored, not a mistake in the body (a
    /// duplicate within the body's own rows, such as two outputs with one code, is):
    /// 409 rather than 422.
    fn taken_as_conflict(self) -> Self {
        let stored_in_the_way = |e: &FieldError| {
            (e.message_id == "field-taken" && !e.field.contains('.'))
                || e.message_id == "field-in-use"
        };
        match self.0 {
            Failure::Invalid(errors)
                if !errors.is_empty() && errors.iter().all(stored_in_the_way) =>
            {
                ApiError(Failure::Taken(errors))
            }
            other => ApiError(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let failure = self.taken_as_conflict().0;
        let problem = Problem::from_failure(&failure);
        let mut response = (failure.status(), Json(problem)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/problem+json"),
        );
        if matches!(failure, Failure::Unauthenticated) {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
