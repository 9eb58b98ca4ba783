//! Who may do what: the one place where rights are decided. Handlers, API endpoints and
//! the CLI ask [`allowed`]; nothing else compares roles. A route that changes state and
//! does not ask fails the authorization matrix test.

use std::fmt;
use std::str::FromStr;

use crate::ids::{CityId, OrganisationId, UserId};
use crate::values::ValueError;

/// A user's role. Rights grow down the list from reader to network admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Everything, in every city, including frameworks and membership.
    NetworkAdmin,
    /// Everything in their own city, including its users.
    CityCoordinator,
    /// The content of their own city.
    CityEditor,
    /// Programmes in which their own organisation is a partner.
    PartnerEditor,
    /// Can sign in; edits nothing.
    Reader,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::NetworkAdmin,
        Role::CityCoordinator,
        Role::CityEditor,
        Role::PartnerEditor,
        Role::Reader,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::NetworkAdmin => "network-admin",
            Role::CityCoordinator => "city-coordinator",
            Role::CityEditor => "city-editor",
            Role::PartnerEditor => "partner-editor",
            Role::Reader => "reader",
        }
    }

    /// Whether the role only makes sense tied to a city (and, for partners, an organisation).
    pub fn needs_city(self) -> bool {
        matches!(
            self,
            Role::CityCoordinator | Role::CityEditor | Role::PartnerEditor
        )
    }
}

impl FromStr for Role {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.code() == s.trim())
            .ok_or_else(|| ValueError::NotInVocabulary {
                value: s.chars().take(40).collect(),
                allowed: Role::ALL.map(Role::code).join(", "),
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The signed-in person (or token) asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user: UserId,
    pub role: Role,
    pub city: Option<CityId>,
    pub organisation: Option<OrganisationId>,
    /// A read-only API token can never write, whatever the role.
    pub read_only: bool,
}

/// What is being attempted, with the facts the decision needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Create or remove member cities; edit frameworks.
    ManageNetwork,
    /// Read the audit log of security events.
    ViewAudit,
    /// Edit a city's profile.
    EditCityProfile { city: CityId },
    /// Add users to a city or change their roles (never to network admin).
    ManageCityUsers { city: CityId, new_role: Role },
    /// Create, change or delete the strategy and objectives of a city.
    EditStrategy { city: CityId },
    /// Create or delete a programme of a city.
    CreateOrDeleteProgramme { city: CityId },
    /// Change a programme; `partners` are the organisations partnering in it.
    EditProgramme {
        city: CityId,
        partners: Vec<OrganisationId>,
    },
    /// Create, change or delete an organisation listed by a city.
    EditOrganisation { city: Option<CityId> },
    /// Publish or restore: same rights as editing the thing itself.
    ViewHistory { city: CityId },
    /// Write a city's stories (drafts, history, restore) and add to its media library.
    EditStory { city: CityId },
    /// Make a version of a city's story what readers see: the coordinator's call.
    PublishStory { city: CityId },
    /// Enter, import or undo a city's monitoring data; `reporters` are the
    /// organisations that report the indicator for the city.
    EnterData {
        city: CityId,
        reporters: Vec<OrganisationId>,
    },
    /// See a city's small counts as they are (the public sees them protected).
    SeeTrueValues { city: CityId },
    /// Write up, change or withdraw a city's good practices while they are the city's.
    EditPractice { city: CityId },
    /// Send a city's practice to the network for review: the coordinator's call.
    SubmitPractice { city: CityId },
    /// Review, return or publish any city's practice: network staff only.
    ReviewPractice,
    /// Record that a city took up another city's practice.
    AdoptPractice { city: CityId },
    /// Publish, change or close a city's partner requests.
    RequestPartners { city: CityId },
    /// Answer another city's partner request on behalf of one's own city.
    ReplyToRequest { city: CityId },
    /// Open a discussion or post in one: the people who run learning cities (their
    /// coordinators, editors and partners) and network staff.
    Discuss,
    /// Report a post to the moderators: anyone signed in.
    ReportPost,
    /// Decide on reported posts and close discussions with a summary: network staff.
    Moderate,
}

/// The decision. Pure and total: every action of every role is answered here.
pub fn allowed(actor: &Actor, action: &Action) -> bool {
    use Role::*;
    let own = |city: &CityId| actor.city == Some(*city);
    if actor.read_only && !matches!(action, Action::ViewHistory { .. }) {
        return false;
    }
    match (actor.role, action) {
        (NetworkAdmin, _) => true,
        (
            _,
            Action::ManageNetwork | Action::ViewAudit | Action::ReviewPractice | Action::Moderate,
        ) => false,
        (_, Action::ReportPost) => true,
        (CityCoordinator | CityEditor | PartnerEditor, Action::Discuss) => actor.city.is_some(),
        (CityCoordinator, Action::ManageCityUsers { city, new_role }) => {
            own(city) && *new_role != NetworkAdmin
        }
        (_, Action::ManageCityUsers { .. }) => false,
        (CityCoordinator | CityEditor, Action::EditCityProfile { city })
        | (CityCoordinator | CityEditor, Action::EditStrategy { city })
        | (CityCoordinator | CityEditor, Action::CreateOrDeleteProgramme { city })
        | (CityCoordinator | CityEditor, Action::EditProgramme { city, .. })
        | (CityCoordinator | CityEditor, Action::EditStory { city })
        | (CityCoordinator, Action::PublishStory { city })
        | (CityCoordinator | CityEditor, Action::EnterData { city, .. })
        | (CityCoordinator | CityEditor, Action::SeeTrueValues { city })
        | (CityCoordinator | CityEditor, Action::EditPractice { city })
        | (CityCoordinator, Action::SubmitPractice { city })
        | (CityCoordinator | CityEditor, Action::AdoptPractice { city })
        | (CityCoordinator | CityEditor, Action::RequestPartners { city })
        | (CityCoordinator | CityEditor, Action::ReplyToRequest { city })
        | (CityCoordinator | CityEditor | PartnerEditor, Action::ViewHistory { city }) => own(city),
        (CityCoordinator | CityEditor, Action::EditOrganisation { city }) => {
            city.as_ref().is_some_and(own)
        }
        (PartnerEditor, Action::EditProgramme { city, partners })
        | (
            PartnerEditor,
            Action::EnterData {
                city,
                reporters: partners,
            },
        ) => {
            own(city)
                && actor
                    .organisation
                    .is_some_and(|org| partners.contains(&org))
        }
        (CityEditor, Action::PublishStory { .. } | Action::SubmitPractice { .. }) => false,
        (Reader, Action::Discuss) => false,
        (PartnerEditor | Reader, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESITA: CityId = CityId(1);
    const GALATI: CityId = CityId(2);
    const SCHOOL: OrganisationId = OrganisationId(7);

    fn actor(role: Role) -> Actor {
        Actor {
            user: UserId(1),
            role,
            city: Some(RESITA),
            organisation: Some(SCHOOL),
            read_only: false,
        }
    }

    #[test]
    fn editors_edit_their_own_city_only() {
        for role in [Role::CityCoordinator, Role::CityEditor] {
            assert!(
                allowed(&actor(role), &Action::EditCityProfile { city: RESITA }),
                "{role}"
            );
            assert!(
                !allowed(&actor(role), &Action::EditCityProfile { city: GALATI }),
                "{role}"
            );
            assert!(
                allowed(
                    &actor(role),
                    &Action::CreateOrDeleteProgramme { city: RESITA }
                ),
                "{role}"
            );
            assert!(
                !allowed(&actor(role), &Action::EditStrategy { city: GALATI }),
                "{role}"
            );
        }
    }

    #[test]
    fn a_city_writes_up_its_practices_its_coordinator_submits_and_network_staff_review() {
        let may = |role, action: Action| allowed(&actor(role), &action);
        for role in [Role::CityCoordinator, Role::CityEditor] {
            assert!(may(role, Action::EditPractice { city: RESITA }), "{role}");
            assert!(!may(role, Action::EditPractice { city: GALATI }), "{role}");
            assert!(may(role, Action::AdoptPractice { city: RESITA }), "{role}");
            assert!(!may(role, Action::AdoptPractice { city: GALATI }), "{role}");
            assert!(
                !may(role, Action::ReviewPractice),
                "{role}: not their own review"
            );
        }
        assert!(may(
            Role::CityCoordinator,
            Action::SubmitPractice { city: RESITA }
        ));
        assert!(!may(
            Role::CityCoordinator,
            Action::SubmitPractice { city: GALATI }
        ));
        assert!(!may(
            Role::CityEditor,
            Action::SubmitPractice { city: RESITA }
        ));
        assert!(may(Role::NetworkAdmin, Action::ReviewPractice));
        for role in [Role::PartnerEditor, Role::Reader] {
            assert!(!may(role, Action::EditPractice { city: RESITA }), "{role}");
            assert!(!may(role, Action::ReviewPractice), "{role}");
        }
    }

    #[test]
    fn a_citys_editors_request_partners_and_answer_others_for_their_city_only() {
        let may = |role, action: Action| allowed(&actor(role), &action);
        for role in [Role::CityCoordinator, Role::CityEditor] {
            assert!(
                may(role, Action::RequestPartners { city: RESITA }),
                "{role}"
            );
            assert!(
                !may(role, Action::RequestPartners { city: GALATI }),
                "{role}"
            );
            assert!(may(role, Action::ReplyToRequest { city: RESITA }), "{role}");
            assert!(
                !may(role, Action::ReplyToRequest { city: GALATI }),
                "{role}"
            );
        }
        for role in [Role::PartnerEditor, Role::Reader] {
            assert!(
                !may(role, Action::RequestPartners { city: RESITA }),
                "{role}"
            );
            assert!(
                !may(role, Action::ReplyToRequest { city: RESITA }),
                "{role}"
            );
        }
    }

    #[test]
    fn city_editors_enter_data_and_see_true_values_of_their_city_only() {
        for role in [Role::CityCoordinator, Role::CityEditor] {
            let enter = |city| Action::EnterData {
                city,
                reporters: vec![],
            };
            assert!(allowed(&actor(role), &enter(RESITA)), "{role}");
            assert!(!allowed(&actor(role), &enter(GALATI)), "{role}");
            assert!(allowed(
                &actor(role),
                &Action::SeeTrueValues { city: RESITA }
            ));
            assert!(!allowed(
                &actor(role),
                &Action::SeeTrueValues { city: GALATI }
            ));
        }
        let p = actor(Role::PartnerEditor);
        assert!(allowed(
            &p,
            &Action::EnterData {
                city: RESITA,
                reporters: vec![SCHOOL]
            }
        ));
        assert!(!allowed(
            &p,
            &Action::EnterData {
                city: RESITA,
                reporters: vec![]
            }
        ));
        assert!(!allowed(&p, &Action::SeeTrueValues { city: RESITA }));
        assert!(!allowed(
            &actor(Role::Reader),
            &Action::SeeTrueValues { city: RESITA }
        ));
    }

    #[test]
    fn partners_edit_only_programmes_they_partner_in() {
        let p = actor(Role::PartnerEditor);
        assert!(allowed(
            &p,
            &Action::EditProgramme {
                city: RESITA,
                partners: vec![SCHOOL]
            }
        ));
        assert!(!allowed(
            &p,
            &Action::EditProgramme {
                city: RESITA,
                partners: vec![OrganisationId(8)]
            }
        ));
        assert!(!allowed(
            &p,
            &Action::EditProgramme {
                city: GALATI,
                partners: vec![SCHOOL]
            }
        ));
        assert!(!allowed(
            &p,
            &Action::CreateOrDeleteProgramme { city: RESITA }
        ));
        assert!(!allowed(&p, &Action::EditCityProfile { city: RESITA }));
    }

    #[test]
    fn only_coordinators_manage_users_and_never_make_admins() {
        let c = actor(Role::CityCoordinator);
        assert!(allowed(
            &c,
            &Action::ManageCityUsers {
                city: RESITA,
                new_role: Role::CityEditor
            }
        ));
        assert!(!allowed(
            &c,
            &Action::ManageCityUsers {
                city: RESITA,
                new_role: Role::NetworkAdmin
            }
        ));
        assert!(!allowed(
            &c,
            &Action::ManageCityUsers {
                city: GALATI,
                new_role: Role::Reader
            }
        ));
        assert!(!allowed(
            &actor(Role::CityEditor),
            &Action::ManageCityUsers {
                city: RESITA,
                new_role: Role::Reader
            }
        ));
    }

    #[test]
    fn editors_write_stories_and_only_coordinators_publish_them() {
        for role in [Role::CityCoordinator, Role::CityEditor] {
            assert!(
                allowed(&actor(role), &Action::EditStory { city: RESITA }),
                "{role}"
            );
            assert!(
                !allowed(&actor(role), &Action::EditStory { city: GALATI }),
                "{role}"
            );
        }
        assert!(!allowed(
            &actor(Role::PartnerEditor),
            &Action::EditStory { city: RESITA }
        ));
        let publish = Action::PublishStory { city: RESITA };
        assert!(allowed(&actor(Role::CityCoordinator), &publish));
        assert!(!allowed(&actor(Role::CityEditor), &publish));
        assert!(!allowed(
            &actor(Role::CityCoordinator),
            &Action::PublishStory { city: GALATI }
        ));
    }

    #[test]
    fn readers_and_read_only_tokens_write_nothing() {
        let r = actor(Role::Reader);
        let mut admin_token = actor(Role::NetworkAdmin);
        admin_token.read_only = true;
        for action in [
            Action::EditCityProfile { city: RESITA },
            Action::ManageNetwork,
            Action::EditOrganisation { city: Some(RESITA) },
            Action::EditProgramme {
                city: RESITA,
                partners: vec![SCHOOL],
            },
        ] {
            assert!(!allowed(&r, &action), "{action:?}");
            assert!(!allowed(&admin_token, &action), "{action:?}");
        }
    }

    #[test]
    fn network_admins_may_do_everything() {
        let a = Actor {
            city: None,
            organisation: None,
            ..actor(Role::NetworkAdmin)
        };
        assert!(allowed(&a, &Action::ManageNetwork));
        assert!(allowed(&a, &Action::EditCityProfile { city: GALATI }));
        assert!(allowed(&a, &Action::ViewAudit));
    }

    #[test]
    fn people_of_cities_discuss_anyone_reports_and_staff_moderate() {
        let may = |role, action: Action| allowed(&actor(role), &action);
        for role in [Role::CityCoordinator, Role::CityEditor, Role::PartnerEditor] {
            assert!(may(role, Action::Discuss), "{role}");
            assert!(!may(role, Action::Moderate), "{role}");
        }
        assert!(!may(Role::Reader, Action::Discuss));
        assert!(Role::ALL.into_iter().all(|r| may(r, Action::ReportPost)));
        assert!(may(Role::NetworkAdmin, Action::Moderate));
        // A read-only token does neither.
        let token = Actor {
            read_only: true,
            ..actor(Role::CityEditor)
        };
        assert!(!allowed(&token, &Action::Discuss));
        assert!(!allowed(&token, &Action::ReportPost));
    }
}
