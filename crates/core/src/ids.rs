//! Typed ids, so a programme id can never be passed where a city id belongs.

macro_rules! typed_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);
    )*};
}

typed_id!(
    /// A member city.
    CityId,
    /// A network of cities.
    NetworkId,
    /// A framework or taxonomy (KFLC, SDG, target groups, ...).
    FrameworkId,
    /// A node in a framework tree.
    NodeId,
    /// A city's strategy for one plan period.
    StrategyId,
    /// An objective of a strategy.
    ObjectiveId,
    /// A programme (or project) of a city.
    ProgrammeId,
    /// An organisation that partners in programmes.
    OrganisationId,
    /// A person with an account.
    UserId,
);
