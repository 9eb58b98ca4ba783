//! The request bodies of every API write, as the Rust types that parse them: the
//! OpenAPI schemas are generated from these types (properties, types, formats, limits,
//! the codes of the closed vocabularies), and a body that does not fit its type is
//! refused with the path of what is wrong before anything else looks at it. The
//! values then go through the same validation as the forms (`core::edit`), which also
//! checks what a schema cannot: references to the city's own things, dates in order.
//!
//! A change (PATCH) names its `version` (or sends `If-Match`) and every other field is
//! optional: what is left out keeps its value, `null` clears a field that may be empty
//! and is refused for one that may not. A creation has its own type, with its required
//! fields and no version. The types accept exactly what their schemas say, so that a
//! client validating against the document is never refused for its shape.

use chrono::NaiveDate;
use forja_core::edit::{EDIT_LANGUAGES, MAX_SUMMARY, MAX_TEXT, MAX_TITLE};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

/// Reads a field that is present (possibly `null`) as `Some`, so that an absent field
/// (`None`, left alone) and a cleared one (`Some(None)`) differ.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Whole numbers as JSON Schema counts them: `1999` and `1999.0` alike (both are
/// integers to a schema, and clients that hold every number as a double send the
/// second); `1999.5` is refused, never cut off.
mod whole {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer};

    fn read<E: Error, T: TryFrom<i64>>(n: serde_json::Number) -> Result<T, E> {
        n.as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                    .map(|f| f as i64)
            })
            .and_then(|v| T::try_from(v).ok())
            .ok_or_else(|| E::custom(format!("{n} is not a whole number in range")))
    }

    pub fn one<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<T, D::Error> {
        read(serde_json::Number::deserialize(d)?)
    }

    pub fn opt<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<T>, D::Error> {
        one(d).map(Some)
    }

    pub fn present<'de, D: Deserializer<'de>, T: TryFrom<i64>>(
        d: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<serde_json::Number>::deserialize(d)?
            .map(read)
            .transpose()
            .map(Some)
    }
}

/// A closed vocabulary's code as a string whose schema lists the codes.
macro_rules! code {
    ($(#[$doc:meta])* $name:ident, $codes:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                let codes: Vec<String> = $codes;
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some(codes))
                    .into()
            }
        }

        impl ToSchema for $name {}
    };
}

/// A code of a vocabulary the network keeps as data (a framework's nodes): the schema
/// names the vocabulary in `x-vocabulary`, and the served document lists its codes
/// as they are stored now (`openapi::document`).
macro_rules! stored_code {
    ($(#[$doc:meta])* $name:ident, $vocabulary:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .extensions(Some(
                        [(VOCABULARY, serde_json::json!($vocabulary))].into_iter().collect(),
                    ))
                    .into()
            }
        }

        impl ToSchema for $name {}
    };
}

/// The schema extension that names a stored vocabulary.
pub const VOCABULARY: &str = "x-vocabulary";

code!(
    /// A programme's status.
    ProgrammeStatusCode,
    forja_core::progress::ProgrammeStatus::ALL.iter().map(|s| s.code().to_owned()).collect()
);
code!(
    /// A strategy's status.
    StrategyStatusCode,
    forja_core::values::StrategyStatus::ALL.iter().map(|s| s.code().to_owned()).collect()
);
code!(
    /// What a partner does.
    PartnerRoleCode,
    forja_core::values::PartnerRole::ALL.iter().map(|s| s.code().to_owned()).collect()
);
code!(
    /// What sort of body an organisation is.
    OrganisationKindCode,
    forja_core::values::OrganisationKind::ALL.iter().map(|s| s.code().to_owned()).collect()
);
code!(
    /// An ISO 4217 currency code, such as RON or EUR.
    CurrencyCode,
    forja_services::places::currencies().iter().map(|c| c.code.clone()).collect()
);
code!(
    /// An ISO 3166-1 alpha-2 country code, such as RO.
    CountryCode,
    forja_services::places::countries().iter().map(|c| c.code.clone()).collect()
);
code!(
    /// A UNESCO region as the network groups its members, such as europe-north-america.
    RegionCode,
    forja_core::roster::Region::ALL.iter().map(|r| r.code().to_owned()).collect()
);
stored_code!(
    /// A target group, such as seniors.
    TargetGroupCode,
    "target-groups"
);
stored_code!(
    /// A Key Feature of Learning Cities, such as 2.5.3.
    KflcCode,
    "kflc"
);
stored_code!(
    /// An action area of the Guidelines for Building Learning Cities, such as plan.
    GuidelineCode,
    "guidelines"
);
stored_code!(
    /// An SDG goal, target or indicator, such as 4, 4.c or 4.c.1.
    SdgCode,
    "sdg"
);
stored_code!(
    /// A thematic cluster of the network, such as literacy.
    ClusterCode,
    "clusters"
);
stored_code!(
    /// An SDG target, such as 4.c.
    SdgTargetCode,
    "sdg-targets"
);
stored_code!(
    /// A challenge shared across the network, such as industrial-decline.
    ChallengeCode,
    "challenges"
);
code!(
    /// How strong the evidence of a practice's results is.
    EvidenceCode,
    forja_core::edit::EVIDENCE_LEVELS.iter().map(|c| (*c).to_owned()).collect()
);
code!(
    /// The licence a practice carries (SPDX identifier).
    LicenceCode,
    forja_core::edit::LICENCES.iter().map(|c| (*c).to_owned()).collect()
);

code!(
    /// What a resource of the library is.
    ResourceKindCode,
    forja_core::edit::RESOURCE_KINDS.iter().map(|c| (*c).to_owned()).collect()
);
code!(
    /// The language a resource is in (ISO 639-1).
    ResourceLanguageCode,
    forja_core::edit::RESOURCE_LANGUAGES.iter().map(|c| (*c).to_owned()).collect()
);
code!(
    /// How much a reader of a resource should know already.
    ResourceLevelCode,
    forja_core::edit::RESOURCE_LEVELS.iter().map(|c| (*c).to_owned()).collect()
);
code!(
    /// One of the network's collections of resources.
    CollectionCode,
    forja_core::edit::RESOURCE_COLLECTIONS.iter().map(|c| (*c).to_owned()).collect()
);
code!(
    /// The licence a resource carries (SPDX identifier, or the publisher's rights).
    ResourceLicenceCode,
    forja_core::edit::RESOURCE_LICENCES.iter().map(|c| (*c).to_owned()).collect()
);

/// Text as stored: no control characters but tab and line feed.
const CLEAN: &str = r"^[^\u0000-\u0008\u000B-\u001F\u007F-\u009F]*$";

/// The schema of a text in the editors' languages: at most `max` characters each; when
/// `required`, at least one language with more than spaces.
fn texts_schema(
    max: usize,
    required: bool,
) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::schema::{
        AdditionalProperties, AllOfBuilder, AnyOfBuilder, ObjectBuilder, SchemaType, Type,
    };
    let mut object = ObjectBuilder::new()
        .schema_type(Type::Object)
        .additional_properties(Some(AdditionalProperties::FreeForm(false)));
    for lang in EDIT_LANGUAGES {
        object = object.property(
            lang,
            ObjectBuilder::new()
                .schema_type(SchemaType::Array(vec![Type::String, Type::Null]))
                .max_length(Some(max))
                .pattern(Some(CLEAN)),
        );
    }
    if !required {
        return object
            .description(Some(
                "An object of language code to text; `null` clears one language.",
            ))
            .into();
    }
    let mut given = AnyOfBuilder::new();
    for lang in EDIT_LANGUAGES {
        given = given.item(
            ObjectBuilder::new()
                .property(
                    lang,
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .pattern(Some(r"\S")),
                )
                .required(lang),
        );
    }
    AllOfBuilder::new()
        .item(object)
        .item(given)
        .description(Some(
            "An object of language code to text, with text in at least one language; `null` clears one language.",
        ))
        .into()
}

/// A text in the editors' languages, as sent: `null` clears one language.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub en: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub ro: Option<Option<String>>,
}

impl Texts {
    /// Reads an object only: serde would also take `[null, null]` for a struct, and
    /// clear both languages with it.
    fn from_object<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        serde_json::from_value(serde_json::Value::Object(map)).map_err(serde::de::Error::custom)
    }

    /// Whether some language has more than spaces: what a required text must send,
    /// in a change too (the schema says so; clearing one language means sending the
    /// other).
    fn has_words(&self) -> bool {
        [&self.en, &self.ro].into_iter().any(|t| {
            t.as_ref()
                .and_then(Option::as_ref)
                .is_some_and(|t| !t.trim().is_empty())
        })
    }
}

/// A text in the editors' languages: at most `$max` characters each, and when
/// `required`, never left without words in every language.
macro_rules! texts {
    ($(#[$doc:meta])* $name:ident, max = $max:expr, required = $required:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub Texts);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let texts = Texts::from_object(d)?;
                if $required && !texts.has_words() {
                    return Err(serde::de::Error::custom(
                        "give the text in at least one language (en, ro)",
                    ));
                }
                Ok(Self(texts))
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                texts_schema($max, $required)
            }
        }

        impl ToSchema for $name {}
    };
}

/// An optional field that, when sent, has a value: `null` is refused rather than read
/// as "left out" (fields that may be cleared take `null` through `present`).
fn given<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A list of rows, each an object (serde would also take an array for a row).
fn rows<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned>(
    d: D,
) -> Result<Option<Vec<T>>, D::Error> {
    Vec::<serde_json::Map<String, serde_json::Value>>::deserialize(d)?
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            serde_path_to_error::deserialize(serde_json::Value::Object(row)).map_err(|e| {
                let at = match e.path().to_string() {
                    p if p == "." => String::new(),
                    p => format!(".{p}"),
                };
                serde::de::Error::custom(format!("[{i}]{at}: {}", e.inner()))
            })
        })
        .collect::<Result<Vec<T>, D::Error>>()
        .map(Some)
}

texts!(
    /// A name or title: required, at most 200 characters.
    Title, max = MAX_TITLE, required = true
);
texts!(
    /// A longer title (a framework node's, a local target's): required, at most 600.
    LongTitle, max = MAX_SUMMARY, required = true
);
texts!(
    /// A summary or note: at most 600 characters.
    Summary, max = MAX_SUMMARY, required = false
);
texts!(
    /// A text of paragraphs: at most 20,000 characters.
    Prose, max = MAX_TEXT, required = false
);
texts!(
    /// A unit such as "people": at most 60 characters.
    Unit, max = 60, required = false
);

/// The `version` a restore is based on (or send `If-Match`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionBody {
    /// The version stored now, as read (or send `If-Match` instead).
    #[serde(default, deserialize_with = "whole::opt")]
    #[schema(required = true, nullable = false, minimum = 1, maximum = 2147483647)]
    pub version: Option<i32>,
}

/// A partner of a programme.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerBody {
    /// The slug of one of the city's organisations.
    pub organisation: String,
    #[schema(inline)]
    pub role: PartnerRoleCode,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub contribution: Option<Summary>,
}

/// A source of a programme's funding.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingBody {
    pub source: Title,
    /// The slug of one of the city's organisations, when it funds.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub organisation: Option<String>,
    /// In major units (lei, euros), at most two decimals.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(
        nullable = false,
        minimum = 0,
        maximum = 1_000_000_000_000_i64,
        multiple_of = 0.01
    )]
    pub amount: Option<f64>,
    #[schema(inline)]
    pub currency: CurrencyCode,
}

/// A milestone of a programme.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneBody {
    pub title: Title,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, pattern = r"^(19\d\d|2[01]\d\d|2200)-")]
    pub due_on: Option<NaiveDate>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub done: Option<bool>,
}

/// An output of a programme: what it expects to achieve and what it reports.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputBody {
    /// Stable code, unique within the programme; made from the label when left out or
    /// empty.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(
        nullable = false,
        pattern = "^([a-z0-9]+(-[a-z0-9]+)*)?$",
        max_length = 80
    )]
    pub code: Option<String>,
    pub label: Title,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub unit: Option<Unit>,
    /// Such as 2025 or 2024/2025.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(
        nullable = false,
        max_length = 40,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$"
    )]
    pub period: Option<String>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, minimum = 0, maximum = 1_000_000_000_000_i64)]
    pub expected: Option<f64>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, minimum = 0, maximum = 1_000_000_000_000_i64)]
    pub reported: Option<f64>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub source: Option<Summary>,
}

/// The fields of a programme, shared by its create and change bodies (declared once,
/// in both, so each body is one flat type that refuses unknown fields).
macro_rules! programme_body {
    ($(#[$doc:meta])* $name:ident { $($head:tt)* }
     title: [$(#[$title_attr:meta])*] $title:ty, status: [$(#[$status_attr:meta])*] $status:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($head)*
            $(#[$title_attr])*
            pub title: $title,
            #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false)]
            pub summary: Option<Summary>,
            #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false)]
            pub description: Option<Prose>,
            $(#[$status_attr])*
            pub status: $status,
            #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
            #[schema(value_type = Option<NaiveDate>, pattern = r"^(19\d\d|2[01]\d\d|2200)-")]
            pub start_on: Option<Option<NaiveDate>>,
            /// Not before `start_on`.
            #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
            #[schema(value_type = Option<NaiveDate>, pattern = r"^(19\d\d|2[01]\d\d|2200)-")]
            pub end_on: Option<Option<NaiveDate>>,
            /// 0 to 100; `null` uses the status's default.
            #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
            #[schema(value_type = Option<f64>, minimum = 0, maximum = 100)]
            pub progress: Option<Option<f64>>,
            /// How much it counts in its parent's progress.
            #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false, minimum = 0, maximum = 1000)]
            pub weight: Option<f64>,
            /// The slug of another programme of the city, not one below this one; `null`
            /// for none.
            #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
            #[schema(value_type = Option<String>)]
            pub parent: Option<Option<String>>,
            /// Codes of the strategy's objectives.
            #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false)]
            pub objectives: Option<Vec<String>>,
            #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false, inline)]
            pub target_groups: Option<Vec<TargetGroupCode>>,
            /// Each organisation at most once in each role.
            #[serde(default, deserialize_with = "rows", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false, max_items = 50)]
            pub partners: Option<Vec<PartnerBody>>,
            #[serde(default, deserialize_with = "rows", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false, max_items = 50)]
            pub funding: Option<Vec<FundingBody>>,
            #[serde(default, deserialize_with = "rows", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false, max_items = 50)]
            pub milestones: Option<Vec<MilestoneBody>>,
            /// Each code at most once.
            #[serde(default, deserialize_with = "rows", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false, max_items = 50)]
            pub outputs: Option<Vec<OutputBody>>,
        }
    };
}

programme_body!(
    /// A change to a programme: the fields sent are changed, the others kept. Lists
    /// (partners, funding, milestones, outputs) replace the stored ones as a whole.
    ProgrammeBody {
        /// The version this change is based on (or send `If-Match` instead).
        #[serde(default, deserialize_with = "whole::opt", skip_serializing_if = "Option::is_none")]
        #[schema(required = true, nullable = false, minimum = 1, maximum = 2147483647)]
        pub version: Option<i32>,
    }
    title: [
        #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
        #[schema(nullable = false)]
    ] Option<Title>,
    status: [
        #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
        #[schema(nullable = false, inline)]
    ] Option<ProgrammeStatusCode>
);

programme_body!(
    /// A new programme.
    NewProgrammeBody {
        /// The address; made from the title when left out or empty.
        #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
        #[schema(nullable = false, pattern = "^([a-z0-9]+(-[a-z0-9]+)*)?$", max_length = 80)]
        pub slug: Option<String>,
    }
    // Read when missing too, so that the answer lists every missing or wrong field at
    // once, in the forms' words ("fill this in").
    title: [#[serde(default)] #[schema(required = true)]] Title,
    status: [#[serde(default)] #[schema(inline, required = true)]] ProgrammeStatusCode
);

/// A change to a city's profile.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CityBody {
    /// The version this change is based on (or send `If-Match` instead).
    #[serde(
        default,
        deserialize_with = "whole::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(required = true, nullable = false, minimum = 1, maximum = 2147483647)]
    pub version: Option<i32>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub name: Option<Title>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub history: Option<Prose>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub context: Option<Prose>,
    /// https://…; `null` or empty for none.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>, pattern = r"^(https?://[^\s\u0000-\u001F\u007F-\u009F]+)?$", max_length = 300)]
    pub website: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "whole::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<i64>, minimum = 0, maximum = 100_000_000)]
    pub population: Option<Option<i64>>,
    #[serde(
        default,
        deserialize_with = "whole::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<i32>, minimum = 1800, maximum = 2100)]
    pub population_year: Option<Option<i32>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<f64>, minimum = 0.01, maximum = 100000)]
    pub area_km2: Option<Option<f64>>,
    /// Language codes such as ro, de, hu.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub languages: Option<Vec<LanguageCode>>,
    /// Never suggest this city as another city's peer.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub hidden_from_peers: Option<bool>,
}

/// A language code such as ro, de or hu (ISO 639-1, or 639-3 where there is none).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(transparent)]
#[schema(pattern = "^[a-z]{2,3}$")]
pub struct LanguageCode(String);

impl<'de> Deserialize<'de> for LanguageCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        if forja_core::edit::is_language_code(&code) {
            Ok(Self(code))
        } else {
            Err(serde::de::Error::custom(format!(
                "{code:?} is not a language code such as ro, de, hu"
            )))
        }
    }
}

/// A change to a city's strategy.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StrategyBody {
    /// The version this change is based on (or send `If-Match` instead).
    #[serde(
        default,
        deserialize_with = "whole::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(required = true, nullable = false, minimum = 1, maximum = 2147483647)]
    pub version: Option<i32>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub title: Option<Title>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub vision: Option<Prose>,
    #[serde(
        default,
        deserialize_with = "whole::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, minimum = 1900, maximum = 2200)]
    pub period_start: Option<i32>,
    /// Not before `period_start`; `null` for an open end.
    #[serde(
        default,
        deserialize_with = "whole::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<i32>, minimum = 1900, maximum = 2200)]
    pub period_end: Option<Option<i32>>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub status: Option<StrategyStatusCode>,
}

/// A local target under an SDG target.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalTargetBody {
    /// Such as 4.c.RES.1; each code at most once in an objective.
    #[schema(pattern = "^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$")]
    pub code: String,
    #[schema(inline)]
    pub sdg_target: SdgTargetCode,
    pub title: LongTitle,
}

/// The fields of an objective, shared by its create and change bodies.
macro_rules! objective_body {
    ($(#[$doc:meta])* $name:ident { $($head:tt)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($head)*
            #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false)]
            pub description: Option<Prose>,
            #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false, inline)]
            pub kflc: Option<Vec<KflcCode>>,
            #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false, inline)]
            pub guidelines: Option<Vec<GuidelineCode>>,
            #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false, inline)]
            pub sdg: Option<Vec<SdgCode>>,
            #[serde(default, deserialize_with = "rows", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false, max_items = 50)]
            pub local_targets: Option<Vec<LocalTargetBody>>,
        }
    };
}

objective_body!(
    /// A change to an objective of a city's strategy.
    ObjectiveBody {
        /// The version this change is based on (or send `If-Match` instead).
        #[serde(default, deserialize_with = "whole::opt", skip_serializing_if = "Option::is_none")]
        #[schema(required = true, nullable = false, minimum = 1, maximum = 2147483647)]
        pub version: Option<i32>,
        /// Such as O9: letters, digits, dots and hyphens; another objective's code is 409.
        #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
        #[schema(nullable = false, pattern = "^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$")]
        pub code: Option<String>,
        #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
        #[schema(nullable = false)]
        pub title: Option<Title>,
    }
);

objective_body!(
    /// A new objective of a city's strategy.
    NewObjectiveBody {
        /// Such as O9: letters, digits, dots and hyphens; another objective's code is 409.
        #[serde(default)]
        #[schema(required = true, pattern = "^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$")]
        pub code: String,
        #[serde(default)]
        #[schema(required = true)]
        pub title: Title,
    }
);

/// The fields of an organisation, shared by its create and change bodies.
macro_rules! organisation_body {
    ($(#[$doc:meta])* $name:ident { $($head:tt)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($head)*
            /// https://…; `null` or empty for none.
            #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
            #[schema(value_type = Option<String>, pattern = r"^(https?://[^\s\u0000-\u001F\u007F-\u009F]+)?$", max_length = 300)]
            pub website: Option<Option<String>>,
            /// A named group of organisations rather than one body.
            #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
            #[schema(nullable = false)]
            pub collective: Option<bool>,
        }
    };
}

organisation_body!(
    /// A change to an organisation of a city.
    OrganisationBody {
        /// The version this change is based on (or send `If-Match` instead).
        #[serde(default, deserialize_with = "whole::opt", skip_serializing_if = "Option::is_none")]
        #[schema(required = true, nullable = false, minimum = 1, maximum = 2147483647)]
        pub version: Option<i32>,
        #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
        #[schema(nullable = false)]
        pub name: Option<Title>,
        #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
        #[schema(nullable = false, inline)]
        pub kind: Option<OrganisationKindCode>,
    }
);

organisation_body!(
    /// A new organisation of a city; its slug is made from the city and the name.
    NewOrganisationBody {
        #[serde(default)]
        #[schema(required = true)]
        pub name: Title,
        #[serde(default)]
        #[schema(inline, required = true)]
        pub kind: OrganisationKindCode,
    }
);

/// A change to a good practice; any change makes the version a draft again.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PracticeBody {
    /// The version this change is based on (or send `If-Match` instead).
    #[serde(
        default,
        deserialize_with = "whole::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(required = true, nullable = false, minimum = 1, maximum = 2147483647)]
    pub version: Option<i32>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub title: Option<Title>,
    /// Required: the practice's summary in at least one language.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub summary: Option<Summary>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub problem: Option<Prose>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub approach: Option<Prose>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub partners: Option<Prose>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub resources: Option<Prose>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub results: Option<Prose>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub difficulties: Option<Prose>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub transfer: Option<Prose>,
    /// The slug of one of the practice's own city's programmes; `null` for none.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>, pattern = "^[a-z0-9-]{1,120}$")]
    pub programme: Option<Option<String>>,
    /// Codes of indicators the city reports figures for.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, max_items = 100)]
    pub indicators: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub target_groups: Option<Vec<TargetGroupCode>>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub kflc: Option<Vec<KflcCode>>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub sdg: Option<Vec<SdgCode>>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub challenges: Option<Vec<ChallengeCode>>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub evidence: Option<EvidenceCode>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub licence: Option<LicenceCode>,
    /// Who to ask; `null` or empty for no one named.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub contact: Option<Option<String>>,
}

/// The texts of a framework node.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkNodeBody {
    /// The version this change is based on (or send `If-Match` instead).
    #[serde(
        default,
        deserialize_with = "whole::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(required = true, nullable = false, minimum = 1, maximum = 2147483647)]
    pub version: Option<i32>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub title: Option<LongTitle>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub summary: Option<Prose>,
}

/// A new member city.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCityBody {
    pub name: Title,
    /// The address; made from the name when left out or empty; another city's is 409.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(
        nullable = false,
        pattern = "^([a-z0-9]+(-[a-z0-9]+)*)?$",
        max_length = 80
    )]
    pub slug: Option<String>,
    #[schema(inline)]
    pub country: CountryCode,
    #[schema(minimum = -90, maximum = 90)]
    pub latitude: f64,
    #[schema(minimum = -180, maximum = 180)]
    pub longitude: f64,
    #[serde(
        default,
        deserialize_with = "whole::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, minimum = 0, maximum = 100_000_000)]
    pub population: Option<i64>,
    #[serde(
        default,
        deserialize_with = "whole::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, minimum = 1800, maximum = 2100)]
    pub population_year: Option<i32>,
    #[serde(
        default,
        deserialize_with = "whole::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, minimum = 1, maximum = 10_000_000_000_i64)]
    pub geonames_id: Option<i64>,
    #[serde(deserialize_with = "whole::one")]
    #[schema(minimum = 1990, maximum = 2100)]
    pub joined_year: i32,
    /// The language the city writes in first, such as ro.
    #[schema(pattern = "^[a-z]{2,3}$")]
    pub default_locale: String,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub languages: Option<Vec<LanguageCode>>,
}

/// A typed body as the JSON object the field validation reads.
pub fn as_object<T: Serialize>(body: &T) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(body) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

/// Values of one indicator of a city to write at once (`PATCH .../observations`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObservationsBody {
    /// The series' version as read (or send `If-Match` with its ETag instead).
    #[serde(default, deserialize_with = "whole::opt")]
    #[schema(required = true, nullable = false, minimum = 0, maximum = 2147483647)]
    pub version: Option<i32>,
    /// The values to store or remove; those not listed are left as they are.
    #[schema(min_items = 1, max_items = 10000)]
    pub observations: Vec<ObservationBody>,
}

/// One value to store (or, with `delete`, to remove).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObservationBody {
    /// `2023`, `2023-S1`, `2023-Q1`, `2023-M01` or a school year `2023/2024`.
    #[schema(
        max_length = 20,
        example = "2024",
        pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)((-(S[12]|Q[1-4]|M(0[1-9]|1[0-2])))|/(19[0-9]{2}|20[0-9]{2}|2100))?$"
    )]
    pub period: String,
    /// Dimension → code (`{"sex": "F"}`); left out or `{}`: the total.
    #[serde(default)]
    pub breakdown: std::collections::BTreeMap<String, String>,
    /// The value in the indicator's unit; required unless `delete`.
    #[serde(default)]
    pub value: Option<f64>,
    /// normal, provisional, estimated or break (or the SDMX letter A, P, E, B).
    #[serde(default)]
    #[schema(pattern = "^(normal|provisional|estimated|break|A|P|E|B)$")]
    pub status: Option<String>,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
    /// Illustrative, not reported data.
    #[serde(default)]
    pub sample: bool,
    /// Remove the stored value of this period and breakdown.
    #[serde(default)]
    pub delete: bool,
}

/// A change to a resource of the library (network staff).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceBody {
    /// The version this change is based on (or send `If-Match` instead).
    #[serde(
        default,
        deserialize_with = "whole::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(required = true, nullable = false, minimum = 1, maximum = 2147483647)]
    pub version: Option<i32>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub title: Option<Title>,
    /// Required: what it teaches and for whom, in at least one language.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false)]
    pub summary: Option<Summary>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub kind: Option<ResourceKindCode>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub language: Option<ResourceLanguageCode>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub level: Option<ResourceLevelCode>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub kflc: Option<Vec<KflcCode>>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub collections: Option<Vec<CollectionCode>>,
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(nullable = false, inline)]
    pub licence: Option<ResourceLicenceCode>,
    /// Where it is read, watched or downloaded: an http or https address.
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(
        nullable = false,
        max_length = 300,
        pattern = r"^https?://[^\s\u0000-\u001F\u007F-\u009F]+$"
    )]
    pub link: Option<String>,
    /// Who published it; `null` or empty for none named.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub publisher: Option<Option<String>>,
    /// The year it was published, from 1900 to this year; `null` for unknown.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub year: Option<Option<i32>>,
}
