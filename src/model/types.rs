//! The enumerations of docs/format.md. Variant names are the file format's names.

use serde::{Deserialize, Serialize};

/// The six pathway phases, in pathway order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    Prevention,
    Recognition,
    Assessment,
    Management,
    Review,
    Transition,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Prevention,
        Phase::Recognition,
        Phase::Assessment,
        Phase::Management,
        Phase::Review,
        Phase::Transition,
    ];

    /// Position in pathway order, 0 for Prevention.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        match self {
            Phase::Prevention => "Prevention",
            Phase::Recognition => "Recognition",
            Phase::Assessment => "Assessment",
            Phase::Management => "Management",
            Phase::Review => "Review",
            Phase::Transition => "Transition",
        }
    }

    pub fn previous(self) -> Option<Phase> {
        self.index().checked_sub(1).map(|i| Phase::ALL[i])
    }

    pub fn next(self) -> Option<Phase> {
        Phase::ALL.get(self.index() + 1).copied()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Condition {
    /// Phases Prevention..Management are required.
    ShortTerm,
    /// All six phases are required.
    #[default]
    LongTerm,
}

impl Condition {
    /// The phases a pathway of this condition must have.
    pub fn required_phases(self) -> &'static [Phase] {
        match self {
            Condition::ShortTerm => &Phase::ALL[..4],
            Condition::LongTerm => &Phase::ALL,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Condition::ShortTerm => "ShortTerm",
            Condition::LongTerm => "LongTerm",
        }
    }

    /// The name shown to people ("Long-term condition").
    pub fn label(self) -> &'static str {
        match self {
            Condition::ShortTerm => "Short-term condition",
            Condition::LongTerm => "Long-term condition",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sector {
    Health,
    PublicHealth,
    SocialCare,
    Education,
    CriminalJustice,
    Voluntary,
    Other,
}

impl Sector {
    pub const ALL: [Sector; 7] = [
        Sector::Health,
        Sector::PublicHealth,
        Sector::SocialCare,
        Sector::Education,
        Sector::CriminalJustice,
        Sector::Voluntary,
        Sector::Other,
    ];

    /// The name shown to people ("Social care", not "SocialCare").
    pub fn label(self) -> &'static str {
        match self {
            Sector::Health => "Health",
            Sector::PublicHealth => "Public health",
            Sector::SocialCare => "Social care",
            Sector::Education => "Education",
            Sector::CriminalJustice => "Criminal justice",
            Sector::Voluntary => "Voluntary",
            Sector::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    Primary,
    Community,
    Secondary,
    Tertiary,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Primary,
        Level::Community,
        Level::Secondary,
        Level::Tertiary,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum LinkKind {
    #[default]
    Referral,
    Handoff,
    SharedCare,
    Escalation,
    Discharge,
    Transition,
}

impl LinkKind {
    pub const ALL: [LinkKind; 6] = [
        LinkKind::Referral,
        LinkKind::Handoff,
        LinkKind::SharedCare,
        LinkKind::Escalation,
        LinkKind::Discharge,
        LinkKind::Transition,
    ];

    /// The name shown to people ("Shared care", not "SharedCare").
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Referral => "Referral",
            LinkKind::Handoff => "Hand-off",
            LinkKind::SharedCare => "Shared care",
            LinkKind::Escalation => "Escalation",
            LinkKind::Discharge => "Discharge",
            LinkKind::Transition => "Transition",
        }
    }
}

/// Degree of integration between the two ends of a link (seed 000), weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Integration {
    Linkage,
    Coordination,
    ManagedIntegration,
    FullIntegration,
}

impl Integration {
    pub const ALL: [Integration; 4] = [
        Integration::Linkage,
        Integration::Coordination,
        Integration::ManagedIntegration,
        Integration::FullIntegration,
    ];

    /// The name shown to people ("Managed integration").
    pub fn label(self) -> &'static str {
        match self {
            Integration::Linkage => "Linkage",
            Integration::Coordination => "Coordination",
            Integration::ManagedIntegration => "Managed integration",
            Integration::FullIntegration => "Full integration",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Domain {
    Effectiveness,
    Efficiency,
    Equity,
    Safety,
    Experience,
}

impl Domain {
    pub const ALL: [Domain; 5] = [
        Domain::Effectiveness,
        Domain::Efficiency,
        Domain::Equity,
        Domain::Safety,
        Domain::Experience,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// An answer to one checklist question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Answer {
    #[default]
    Unknown,
    No,
    Partly,
    Yes,
}

impl Answer {
    pub fn is_unknown(&self) -> bool {
        *self == Answer::Unknown
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
}

/// The name shown to people for a value written in the file in CamelCase:
/// `ManagedIntegration` is "Managed integration", `HigherIsBetter` "Higher is better",
/// `LongTerm` "Long-term".
pub fn display_name(file_name: &str) -> String {
    match file_name {
        "LongTerm" => return "Long-term".to_string(),
        "ShortTerm" => return "Short-term".to_string(),
        _ => {}
    }
    let mut out = String::with_capacity(file_name.len() + 4);
    for (i, c) in file_name.chars().enumerate() {
        if i > 0 && c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod display_tests {
    use super::display_name;

    #[test]
    fn file_names_read_as_words() {
        assert_eq!(display_name("ManagedIntegration"), "Managed integration");
        assert_eq!(display_name("HigherIsBetter"), "Higher is better");
        assert_eq!(display_name("InProgress"), "In progress");
        assert_eq!(display_name("LongTerm"), "Long-term");
        assert_eq!(display_name("Referral"), "Referral");
    }
}
