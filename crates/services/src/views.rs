//! Read models: what a page or an API response shows, with texts still in every
//! language (HTML picks the reader's; JSON returns them all). Figures that are
//! illustrative carry a `sample` flag that every page must show.

use chrono::NaiveDate;
use forja_core::LocalizedText;
use forja_core::progress::{Percent, ProgrammeStatus, ProgressSource};
use serde::Serialize;
use utoipa::ToSchema;

/// The network home page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkOverview {
    pub slug: String,
    pub name: LocalizedText,
    pub summary: LocalizedText,
    pub cities: Vec<CitySummary>,
    pub figures: KeyFigures,
    /// What the network itself announced, when the roster held here is partial.
    pub announced: Option<Announced>,
    /// Members the roster names whose place could not be found.
    pub unplaced: Vec<UnplacedMember>,
}

/// The network's own count of its members.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Announced {
    pub cities: i32,
    pub countries: i32,
    /// `YYYY-MM`.
    pub as_of: String,
}

/// A member named by a source whose place is not known: listed, not mapped.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnplacedMember {
    /// As the source spells it.
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// UNESCO region code.
    pub region: String,
    pub joined_year: i32,
    /// The announcement naming it.
    pub source: String,
    /// Places GeoNames has of that name in that country: 0, or several.
    pub candidates: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KeyFigures {
    /// Members listed here, placed or not.
    pub cities: usize,
    pub countries: usize,
    pub programmes: u64,
    pub first_joined: Option<i32>,
}

/// A reference to a framework node, e.g. KFLC 2.5.3 or SDG 4.c.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct NodeRef {
    pub framework: String,
    pub code: String,
    pub kind: String,
    pub title: LocalizedText,
    /// The node's wording is not yet verified against its source.
    pub draft: bool,
}

/// A city as listed on the map and in the directory.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CitySummary {
    pub slug: String,
    pub name: LocalizedText,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub latitude: f64,
    pub longitude: f64,
    pub population: Option<i64>,
    pub joined_year: i32,
    pub default_locale: String,
    pub clusters: Vec<NodeRef>,
    /// Cluster membership is illustrative demo data.
    pub clusters_sample: bool,
    /// UNESCO region code, when known.
    pub region: Option<String>,
    /// The announcement naming the city a member.
    pub membership_source: Option<String>,
    /// Whether the city has written about itself (history or context): a member known
    /// only from the roster says "not yet described".
    pub described: bool,
}

/// A city's full profile.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CityProfile {
    #[serde(flatten)]
    pub summary: CitySummary,
    /// The version stored now: send it back (or this representation's ETag in
    /// `If-Match`) with a change.
    pub version: i32,

    pub population_year: Option<i32>,
    pub population_source: Option<String>,
    pub geonames_id: Option<i64>,
    pub area_km2: Option<f64>,
    pub languages: Vec<String>,
    pub joined_on: Option<NaiveDate>,
    pub website: Option<String>,
    pub history: LocalizedText,
    pub context: LocalizedText,
    pub challenges: Vec<Challenge>,
    /// The city asked never to be suggested as another city's peer.
    pub hidden_from_peers: bool,
    pub strategy: Option<StrategyHead>,
    pub programme_count: usize,
    pub organisations: Vec<Organisation>,
    /// The city's published stories.
    pub stories: Vec<StoryLink>,
}

/// A published story, as a city's page lists it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StoryLink {
    pub slug: String,
    pub title: String,
    /// The language it is told in.
    pub language: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Challenge {
    pub topic: LocalizedText,
    /// 1 (minor) to 5 (severe).
    pub rating: i16,
    pub sample: bool,
    /// The common challenge it is (`challenges` taxonomy), when the city said.
    pub theme: Option<NodeRef>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StrategyHead {
    /// The version stored now: send it back (or this representation's ETag in
    /// `If-Match`) with a change.
    pub version: i32,
    pub title: LocalizedText,
    pub period_start: i32,
    pub period_end: Option<i32>,
    pub period_sample: bool,
    pub status: String,
    pub vision: LocalizedText,
    pub objective_count: usize,
}

/// A strategy with its objectives, their framework links, local targets and the
/// programmes that serve each.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StrategyView {
    pub city: CitySummary,
    #[serde(flatten)]
    pub head: StrategyHead,
    pub objectives: Vec<ObjectiveView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ObjectiveView {
    pub code: String,
    /// The version stored now: send it back (or this representation's ETag in
    /// `If-Match`) with a change.
    pub version: i32,

    pub title: LocalizedText,
    pub description: LocalizedText,
    pub links: Vec<NodeRef>,
    pub local_targets: Vec<LocalTarget>,
    pub programmes: Vec<ProgrammeRef>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LocalTarget {
    pub code: String,
    pub sdg_target: String,
    pub title: LocalizedText,
}

#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct ProgrammeRef {
    pub city: String,
    pub slug: String,
    pub title: LocalizedText,
}

#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct ObjectiveRef {
    pub city: String,
    pub code: String,
    pub title: LocalizedText,
}

/// Progress as shown: the figure, where it came from, and whether it is illustrative.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct Progress {
    pub percent: Percent,
    pub source: ProgressSource,
    pub sample: bool,
}

/// A programme in a list, already placed in its tree.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgrammeSummary {
    pub slug: String,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub status: ProgrammeStatus,
    pub progress: Option<Progress>,
    pub parent: Option<String>,
    /// 0 for a top-level programme, 1 for its children, ...
    pub depth: usize,
    pub weight: f64,
    pub start_on: Option<NaiveDate>,
    pub end_on: Option<NaiveDate>,
    pub dates_sample: bool,
    pub target_groups: Vec<NodeRef>,
    /// The programme is an illustrative grouping made for the demo.
    pub sample: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgrammeList {
    pub city: CitySummary,
    pub programmes: Vec<ProgrammeSummary>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgrammeDetail {
    pub city: CitySummary,
    /// The version stored now: send it back (or this representation's ETag in
    /// `If-Match`) with a change.
    pub version: i32,

    #[serde(flatten)]
    pub summary: ProgrammeSummary,
    pub description: LocalizedText,
    pub place: Option<Place>,
    /// The parent programme with its title (`parent` above is its slug, as in lists).
    #[serde(rename = "parent_programme")]
    pub parent: Option<ProgrammeRef>,
    pub children: Vec<ProgrammeSummary>,
    pub objectives: Vec<ObjectiveRef>,
    pub partners: Vec<Partner>,
    pub funding: Vec<Funding>,
    pub milestones: Vec<Milestone>,
    pub outputs: Vec<Output>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Place {
    pub name: LocalizedText,
    pub latitude: f64,
    pub longitude: f64,
    /// The point is approximate or illustrative.
    pub sample: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Organisation {
    pub slug: String,
    /// The version stored now: send it back (or this representation's ETag in
    /// `If-Match`) with a change.
    pub version: i32,

    pub name: LocalizedText,
    pub kind: String,
    pub website: Option<String>,
    /// A named group of organisations rather than one body.
    pub collective: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Partner {
    pub organisation: Organisation,
    pub role: String,
    pub contribution: LocalizedText,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Funding {
    pub source: LocalizedText,
    pub organisation: Option<LocalizedText>,
    /// In major units (lei, euros); `None` when unknown.
    pub amount: Option<f64>,
    pub currency: String,
    pub sample: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Milestone {
    pub title: LocalizedText,
    pub due_on: Option<NaiveDate>,
    pub done: bool,
    pub sample: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Output {
    pub code: String,
    pub label: LocalizedText,
    pub unit: LocalizedText,
    pub period: Option<String>,
    pub expected: Option<f64>,
    pub reported: Option<f64>,
    pub sample: bool,
    pub source: LocalizedText,
}

/// A framework in the index.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FrameworkSummary {
    pub code: String,
    pub kind: String,
    pub version: String,
    pub draft: bool,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub source: LocalizedText,
    pub draft_note: LocalizedText,
    pub node_count: u64,
}

/// A framework with its whole tree; each node lists who addresses it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FrameworkTree {
    #[serde(flatten)]
    pub framework: FrameworkSummary,
    pub nodes: Vec<NodeView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NodeView {
    pub code: String,
    /// The version stored now: send it back (or this representation's ETag in
    /// `If-Match`) with a change.
    pub version: i32,

    pub parent: Option<String>,
    pub kind: String,
    pub draft: bool,
    pub depth: usize,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    /// Objectives of any city linked to this node.
    pub objectives: Vec<ObjectiveRef>,
    /// Programmes serving those objectives (or tagged with this target group).
    pub programmes: Vec<ProgrammeRef>,
}

/// A figure a story's fact page shows, read live from a programme's output.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StoryFact {
    pub programme_slug: String,
    pub programme: LocalizedText,
    pub label: LocalizedText,
    pub unit: LocalizedText,
    /// The reported figure, else the expected one.
    pub value: f64,
    pub reported: bool,
    pub source: LocalizedText,
    pub sample: bool,
}

/// A published story as readers get it.
#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    pub city: CitySummary,
    pub slug: String,
    pub story: forja_core::story::StoryFields,
    /// Facts by `programme/output`.
    pub facts: std::collections::HashMap<String, StoryFact>,
    /// The story in other languages, for "read in".
    pub translations: Vec<Translation>,
    /// The ready media items the story shows, by id, in order of first use.
    pub media: Vec<StoryMedia>,
}

/// A published translation of a story.
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    pub language: String,
    pub slug: String,
    pub title: String,
    /// For each page of the story being read (from 1), the translation's page with the
    /// same place: "read in Romanian" from page 4 opens its page 4, chapters aligned.
    pub pages: Vec<usize>,
}

/// A media item as a story shows and credits it.
#[derive(Debug, Clone, Serialize)]
pub struct StoryMedia {
    pub id: i32,
    /// image, video or audio.
    pub kind: String,
    pub alt: LocalizedText,
    pub credit: String,
    pub licence: String,
    pub sample: bool,
    /// A tiny preview as a `data:` URI.
    pub placeholder: Option<String>,
    /// Widths of the image renditions (each as WebP and JPEG).
    pub widths: Vec<i32>,
    /// Heights of the MP4 rungs of a video.
    pub heights: Vec<i32>,
    pub has_poster: bool,
    /// A video with sound (a background clip then offers a sound toggle).
    pub has_audio: bool,
    /// The point crops keep in view, in % across and down (a picture's focal point).
    pub focal: Option<(u8, u8)>,
}

/// What a search found: a page of hits, how many in all, and the facets to narrow by.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchView {
    pub total: usize,
    pub hits: Vec<SearchHit>,
    pub facets: Vec<SearchFacet>,
    /// The words searched, as the index reads them (lower case, accents folded).
    pub words: Vec<String>,
    /// Words of the query past the twelfth, which were not searched.
    pub left_out: usize,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchHit {
    /// `city`, `strategy`, `objective`, `programme`, `story`.
    pub kind: String,
    /// Where it is read, on this site.
    pub url: String,
    /// In the reader's language when the thing has it.
    pub title: String,
    /// The language of `title` and `snippet`.
    pub lang: String,
    /// HTML: the text escaped, the words found in `<mark>`.
    pub snippet: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchFacet {
    /// `kind`, `country`, `cluster`, `kflc`, `sdg`, `group`, `lang`.
    pub name: String,
    pub values: Vec<SearchFacetValue>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchFacetValue {
    pub value: String,
    /// The framework node's name, for clusters, KFLC areas, SDG goals and target groups.
    pub label: Option<LocalizedText>,
    /// Documents with this value among those found.
    pub count: u64,
    pub selected: bool,
}
