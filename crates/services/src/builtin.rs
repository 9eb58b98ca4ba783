//! Data compiled into the binary, so `forja serve` works from any directory with no
//! files beside it: the framework catalogue, the demo network and the world shapes.

/// Framework files, loaded on every start (a newer version updates the stored one).
pub const FRAMEWORKS: &[(&str, &str)] = &[
    (
        "data/frameworks/kflc.toml",
        include_str!("../../../data/frameworks/kflc.toml"),
    ),
    (
        "data/frameworks/guidelines.toml",
        include_str!("../../../data/frameworks/guidelines.toml"),
    ),
    (
        "data/frameworks/sdg.toml",
        include_str!("../../../data/frameworks/sdg.toml"),
    ),
    (
        "data/frameworks/clusters.toml",
        include_str!("../../../data/frameworks/clusters.toml"),
    ),
    (
        "data/frameworks/target-groups.toml",
        include_str!("../../../data/frameworks/target-groups.toml"),
    ),
    (
        "data/frameworks/challenges.toml",
        include_str!("../../../data/frameworks/challenges.toml"),
    ),
];

/// How much each part of a profile counts in peer matching.
pub const PEER_WEIGHTS: (&str, &str) =
    ("data/peers.toml", include_str!("../../../data/peers.toml"));

/// The demo network and its city files, by city slug.
pub const DEMO_NETWORK: (&str, &str) = (
    "data/demo/network.toml",
    include_str!("../../../data/demo/network.toml"),
);
pub const DEMO_CITIES: &[(&str, &str)] = &[
    (
        "data/demo/cities/resita.toml",
        include_str!("../../../data/demo/cities/resita.toml"),
    ),
    (
        "data/demo/cities/galati.toml",
        include_str!("../../../data/demo/cities/galati.toml"),
    ),
    (
        "data/demo/cities/cugir.toml",
        include_str!("../../../data/demo/cities/cugir.toml"),
    ),
];

/// The member roster public announcements give (`data/demo/members/`), and where a
/// person decided some of its cities are in GeoNames.
pub const DEMO_MEMBERS: (&str, &str) = (
    "data/demo/members/gnlc-members.csv",
    include_str!("../../../data/demo/members/gnlc-members.csv"),
);
pub const DEMO_MEMBER_PLACES: (&str, &str) = (
    "data/demo/members/places.toml",
    include_str!("../../../data/demo/members/places.toml"),
);

/// Natural Earth 1:110m countries as TopoJSON (world-atlas, public domain data).
pub const WORLD_TOPOJSON: &str = include_str!("../../../data/world/countries-110m.json");
/// ISO 3166-1 codes with English and Romanian names (i18n-iso-countries, MIT).
pub const COUNTRIES_JSON: &str = include_str!("../../../data/world/countries.json");
/// ISO 4217 currencies with their names (`scripts/regen-currencies.sh`).
pub const CURRENCIES_JSON: &str = include_str!("../../../data/currencies.json");

/// Places of 15,000 people or more (GeoNames, CC BY 4.0), to fill in new member cities.
pub const GEONAMES_TSV: &str = include_str!("../../../data/geonames/cities15000.tsv");

/// The demo stories, by the slug of their city.
pub const DEMO_STORIES: &[(&str, &str, &str)] = &[
    (
        "resita",
        "data/demo/stories/resita-learns.en.toml",
        include_str!("../../../data/demo/stories/resita-learns.en.toml"),
    ),
    (
        "resita",
        "data/demo/stories/resita-invata.ro.toml",
        include_str!("../../../data/demo/stories/resita-invata.ro.toml"),
    ),
];

/// The demo good practices (their city is named inside).
pub const DEMO_PRACTICES: &[(&str, &str)] = &[
    (
        "data/demo/practices/resita-hala-minda.toml",
        include_str!("../../../data/demo/practices/resita-hala-minda.toml"),
    ),
    (
        "data/demo/practices/resita-roma-work-and-learning.toml",
        include_str!("../../../data/demo/practices/resita-roma-work-and-learning.toml"),
    ),
];

/// The demo network's library of capacity-development resources.
pub const DEMO_RESOURCES: (&str, &str) = (
    "data/demo/resources.toml",
    include_str!("../../../data/demo/resources.toml"),
);

/// The demo network's partner requests (sample data).
pub const DEMO_REQUESTS: (&str, &str) = (
    "data/demo/requests.toml",
    include_str!("../../../data/demo/requests.toml"),
);

/// The indicator catalogue and its dimensions (`data/indicators/`).
pub const DIMENSIONS: (&str, &str) = (
    "data/indicators/dimensions.toml",
    include_str!("../../../data/indicators/dimensions.toml"),
);
pub const INDICATORS: (&str, &str) = (
    "data/indicators/catalogue.toml",
    include_str!("../../../data/indicators/catalogue.toml"),
);

/// The demo cities' monitoring (links, targets) by city slug, and their data files.
pub const DEMO_MONITORING: &[(&str, &str, &str)] = &[
    (
        "resita",
        "data/demo/monitoring/resita.toml",
        include_str!("../../../data/demo/monitoring/resita.toml"),
    ),
    (
        "galati",
        "data/demo/monitoring/galati.toml",
        include_str!("../../../data/demo/monitoring/galati.toml"),
    ),
    (
        "cugir",
        "data/demo/monitoring/cugir.toml",
        include_str!("../../../data/demo/monitoring/cugir.toml"),
    ),
];
pub const DEMO_DATA: &[(&str, &str)] = &[
    (
        "resita.csv",
        include_str!("../../../data/demo/monitoring/resita.csv"),
    ),
    (
        "resita-vulnerable.csv",
        include_str!("../../../data/demo/monitoring/resita-vulnerable.csv"),
    ),
    (
        "galati.csv",
        include_str!("../../../data/demo/monitoring/galati.csv"),
    ),
    (
        "cugir.csv",
        include_str!("../../../data/demo/monitoring/cugir.csv"),
    ),
];

/// What each programme status says about progress (loaded on first start).
pub const PROGRAMME_STATUSES: (&str, &str) = (
    "data/programme-statuses.toml",
    include_str!("../../../data/programme-statuses.toml"),
);
