//! The vocabulary of generated networks: areas, organisations, services and measures.

use crate::model::{Direction, Domain, Level, Sector};

pub(super) const AREAS: [&str; 12] = [
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Riverside",
    "Hillside",
    "Coastal",
    "Valley",
    "Market Town",
    "City",
    "Borough",
];

/// Pathway titles, in turn.
pub(super) const CONDITIONS: [&str; 10] = [
    "Type 1 diabetes",
    "Epilepsy",
    "Asthma",
    "Emotional wellbeing and mental health",
    "Special educational needs",
    "Child protection",
    "Neonatal care",
    "Childhood cancer",
    "Cerebral palsy",
    "Healthy weight",
];

/// Kinds of organisation, each repeated across areas to make the pool.
pub(super) const ORG_KINDS: [(Sector, &str, Level); 19] = [
    (Sector::Health, "General practices", Level::Primary),
    (Sector::Health, "Paediatric outpatients", Level::Secondary),
    (
        Sector::Health,
        "Children's community nursing",
        Level::Community,
    ),
    (
        Sector::Health,
        "Child and adolescent mental health service",
        Level::Community,
    ),
    (Sector::Health, "Children's hospital", Level::Tertiary),
    (Sector::Health, "Emergency department", Level::Secondary),
    (Sector::PublicHealth, "Health visiting", Level::Community),
    (Sector::PublicHealth, "School nursing", Level::Community),
    (
        Sector::PublicHealth,
        "Newborn screening programme",
        Level::Primary,
    ),
    (
        Sector::SocialCare,
        "Children's social care",
        Level::Community,
    ),
    (Sector::SocialCare, "Early help", Level::Primary),
    (Sector::SocialCare, "Short breaks service", Level::Community),
    (Sector::Education, "Primary schools", Level::Primary),
    (Sector::Education, "Secondary schools", Level::Primary),
    (Sector::Education, "SEND service", Level::Community),
    (
        Sector::Education,
        "Educational psychology",
        Level::Secondary,
    ),
    (
        Sector::Voluntary,
        "Parent support charity",
        Level::Community,
    ),
    (Sector::Voluntary, "Young carers project", Level::Community),
    (Sector::Voluntary, "Children's hospice", Level::Tertiary),
];

pub(super) const SECTORS: [Sector; 5] = [
    Sector::Health,
    Sector::PublicHealth,
    Sector::SocialCare,
    Sector::Education,
    Sector::Voluntary,
];

/// The sectors (indices into `SECTORS`) that usually deliver each phase.
pub(super) const PHASE_SECTORS: [&[usize]; 6] = [
    &[1, 3, 4],
    &[0, 1, 3],
    &[0, 2],
    &[0, 2, 4],
    &[0, 3],
    &[0, 2, 4],
];

/// Share of a pathway's components in each phase, in percent.
pub(super) const PHASE_WEIGHTS: [usize; 6] = [8, 14, 26, 30, 12, 10];

pub(super) const PHASE_SLUGS: [&str; 6] = ["prev", "recog", "assess", "manage", "review", "trans"];

pub(super) const SERVICES: [&[&str]; 6] = [
    &[
        "Health visiting contact",
        "School health education",
        "Immunisation session",
        "Family hub drop-in",
        "Healthy lifestyle programme",
    ],
    &[
        "GP consultation",
        "School nurse screen",
        "Emergency department triage",
        "Early help referral",
        "Newborn screening",
    ],
    &[
        "Multidisciplinary assessment",
        "Paediatric outpatient assessment",
        "Developmental assessment",
        "Social care assessment",
        "Educational psychology assessment",
    ],
    &[
        "Clinic follow-up",
        "Community nursing care",
        "Structured education",
        "Family therapy",
        "Inpatient stay",
        "Short break care",
    ],
    &[
        "Annual review",
        "Care plan review",
        "EHCP review",
        "Case conference",
    ],
    &[
        "Transition clinic",
        "Handover to adult services",
        "Discharge to GP",
        "Young adult clinic",
    ],
];

pub(super) type Template = (
    &'static str,
    &'static str,
    Domain,
    &'static str,
    Direction,
    f64,
);

pub(super) const MEASURES: [Template; 12] = [
    (
        "seen-in-18-weeks",
        "Seen within 18 weeks",
        Domain::Efficiency,
        "%",
        Direction::HigherIsBetter,
        92.0,
    ),
    (
        "dka-at-diagnosis",
        "New cases in DKA at diagnosis",
        Domain::Safety,
        "%",
        Direction::LowerIsBetter,
        15.0,
    ),
    (
        "hba1c-under-58",
        "HbA1c under 58 mmol/mol",
        Domain::Effectiveness,
        "%",
        Direction::HigherIsBetter,
        40.0,
    ),
    (
        "did-not-attend",
        "Did not attend",
        Domain::Efficiency,
        "%",
        Direction::LowerIsBetter,
        10.0,
    ),
    (
        "family-experience",
        "Families rating care good or better",
        Domain::Experience,
        "%",
        Direction::HigherIsBetter,
        85.0,
    ),
    (
        "most-deprived-access",
        "Children seen from the most deprived quintile",
        Domain::Equity,
        "%",
        Direction::HigherIsBetter,
        20.0,
    ),
    (
        "median-wait",
        "Median wait",
        Domain::Efficiency,
        "days",
        Direction::LowerIsBetter,
        28.0,
    ),
    (
        "readmitted-30-days",
        "Readmitted within 30 days",
        Domain::Safety,
        "%",
        Direction::LowerIsBetter,
        5.0,
    ),
    (
        "care-plan-agreed",
        "Care plan agreed with family",
        Domain::Effectiveness,
        "%",
        Direction::HigherIsBetter,
        95.0,
    ),
    (
        "transition-plan-by-14",
        "Transition plan by age 14",
        Domain::Effectiveness,
        "%",
        Direction::HigherIsBetter,
        80.0,
    ),
    (
        "annual-checks",
        "All annual care processes",
        Domain::Effectiveness,
        "%",
        Direction::HigherIsBetter,
        60.0,
    ),
    (
        "emergency-admissions",
        "Emergency admissions per 100 children",
        Domain::Safety,
        "",
        Direction::LowerIsBetter,
        12.0,
    ),
];

pub(super) const LINK_MEASURES: [Template; 4] = [
    (
        "referral-accepted",
        "Referrals accepted",
        Domain::Effectiveness,
        "%",
        Direction::HigherIsBetter,
        90.0,
    ),
    (
        "seen-in-2-weeks",
        "Seen within 2 weeks of referral",
        Domain::Efficiency,
        "%",
        Direction::HigherIsBetter,
        85.0,
    ),
    (
        "plan-shared",
        "Care plan shared at hand-off",
        Domain::Safety,
        "%",
        Direction::HigherIsBetter,
        95.0,
    ),
    (
        "lost-to-follow-up",
        "Lost to follow-up",
        Domain::Safety,
        "%",
        Direction::LowerIsBetter,
        5.0,
    ),
];

pub(super) const SOURCES: [&str; 4] = ["NPDA", "Local audit", "SUS", "Family survey"];

pub(super) const ACTIONS: [&str; 5] = [
    "Agree a shared referral form",
    "Audit waiting times",
    "Add a clinic session",
    "Train staff in transition planning",
    "Set up a shared care record",
];
