//! The editor's forms: how each is filled from the document, and the change it makes.

use crate::model::{
    Component, Condition, Direction, Domain, Integration, Level, Link, LinkKind, Measure,
    MeasureOwner, Organisation, Pathway, Phase, Sector,
};

use super::form::{Field, Form, ListKind};
use super::measure_fields::{breakdown_rows, history_rows};
use super::rows::RowList;
use super::{App, Selection};

/// What a form is for: which item it creates or changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    NewComponent {
        pathway: String,
        phase: Phase,
    },
    EditComponent {
        id: String,
    },
    NewMeasure {
        owner: MeasureOwner,
    },
    EditMeasure {
        owner: MeasureOwner,
        id: String,
    },
    EditLink {
        from: String,
        to: String,
    },
    /// Connect: the link from `from` to `to`, made with the kind and integration chosen.
    NewLink {
        from: String,
        to: String,
    },
    NewOrganisation,
    /// A new organisation asked for from a component form's provider field; that form,
    /// as typed, comes back with the new organisation as its provider.
    NewProvider {
        component_form: Box<Form<Purpose>>,
    },
    EditOrganisation {
        id: String,
    },
    NewPathway,
    EditPathway {
        id: String,
    },
    SaveAs,
    /// The network itself: name, population, as-of date.
    EditNetwork,
    Note {
        to: Selection,
    },
    NewAction {
        component: String,
    },
    EditAction {
        id: String,
    },
    /// A row of a measure's history or breakdowns list: a new one (`index` None) or the
    /// row at `index`; the list, and the measure form under it, come back after.
    Row {
        list: Box<RowList>,
        index: Option<usize>,
    },
}

/// The provider choice that opens a form for a new organisation.
pub(super) const NEW_PROVIDER: &str = "+ new organisation…";

/// One line about each integration option, "(none)" first (docs/format.md, links).
pub const INTEGRATION_HINTS: [&str; 5] = [
    "None recorded: across sectors this counts as a weak hand-off",
    "Linkage: referral by letter or form, no shared work; weak across sectors",
    "Coordination: named contacts and agreed steps between the two teams",
    "Managed integration: shared plan and case management across the teams",
    "Full integration: one team, one record, one budget for this step",
];

/// The options' names as people read them ("Managed integration"), in order.
fn names<T: std::fmt::Debug>(items: &[T]) -> Vec<String> {
    items
        .iter()
        .map(|i| crate::model::display_name(&format!("{i:?}")))
        .collect()
}

fn position<T: PartialEq>(items: &[T], item: &T) -> usize {
    items.iter().position(|i| i == item).unwrap_or(0)
}

impl App {
    /// "(none)", the organisations, then the choice that adds one.
    pub(super) fn provider_options(&self) -> Vec<String> {
        std::iter::once("(none)".to_string())
            .chain(
                self.document()
                    .organisations()
                    .iter()
                    .map(|o| format!("{} ({})", o.name, o.sector.label())),
            )
            .chain(std::iter::once(NEW_PROVIDER.to_string()))
            .collect()
    }

    pub fn component_form(&self, purpose: Purpose, existing: Option<&Component>) -> Form<Purpose> {
        let phase = existing.map_or(self.column, |c| c.phase);
        let provider = existing
            .and_then(|c| c.provider.as_deref())
            .and_then(|p| {
                self.document()
                    .organisations()
                    .iter()
                    .position(|o| o.id == p)
            })
            .map_or(0, |i| i + 1);
        let title = if existing.is_some() {
            "Edit component"
        } else {
            "New component"
        };
        Form::new(
            title,
            purpose,
            vec![
                Field::required("Name", existing.map_or("", |c| &c.name)),
                Field::choice("Phase", names(&Phase::ALL), phase.index()),
                Field::choice("Provider", self.provider_options(), provider),
                Field::number("Children a year", existing.and_then(|c| c.children), true),
                Field::text("Notes", existing.map_or("", |c| &c.notes)),
            ],
        )
    }

    pub fn measure_form(&self, purpose: Purpose, existing: Option<&Measure>) -> Form<Purpose> {
        let m = existing;
        let title = if m.is_some() {
            "Edit measure"
        } else {
            "New measure"
        };
        Form::new(
            title,
            purpose,
            vec![
                // The fields filled in most come first: value, then target.
                Field::required("Name", m.map_or("", |m| &m.name)),
                Field::number("Value", m.and_then(|m| m.value), true),
                Field::number("Target", m.map(|m| m.target), false),
                Field::number("Amber", m.and_then(|m| m.amber), true),
                Field::text("Period", m.and_then(|m| m.period.as_deref()).unwrap_or("")),
                Field::text("Unit", m.map_or("", |m| &m.unit)),
                Field::choice(
                    "Domain",
                    names(&Domain::ALL),
                    m.map_or(0, |m| position(&Domain::ALL, &m.domain)),
                ),
                Field::choice(
                    "Direction",
                    names(&[Direction::HigherIsBetter, Direction::LowerIsBetter]),
                    m.map_or(0, |m| (m.direction == Direction::LowerIsBetter) as usize),
                ),
                Field::text("Source", m.and_then(|m| m.source.as_deref()).unwrap_or("")),
                Field::text(
                    "Benchmark",
                    m.and_then(|m| m.benchmark.as_ref())
                        .map_or("", |(label, _)| label),
                ),
                Field::number(
                    "Benchmark value",
                    m.and_then(|m| m.benchmark.as_ref()).map(|(_, v)| *v),
                    true,
                ),
                Field::list(
                    "History",
                    ListKind::History,
                    m.map(|m| history_rows(&m.history)).unwrap_or_default(),
                ),
                Field::list(
                    "Breakdowns",
                    ListKind::Breakdowns,
                    m.map(|m| breakdown_rows(&m.breakdowns)).unwrap_or_default(),
                ),
                Field::text("Notes", m.map_or("", |m| &m.notes)),
            ],
        )
        .with_note(format!("Numbers {}", crate::model::NUMBER_RULE))
    }

    /// The last step of connect: kind and integration of the new link, then Enter.
    pub fn new_link_form(&self, from: &str, to: &str) -> Form<Purpose> {
        let name = |id: &str| {
            self.current_pathway()
                .and_then(|p| p.component(id))
                .map_or(id.to_string(), |c| c.name.clone())
        };
        let mut form = self.link_form(&Link::new(from, to));
        form.title = format!("Connect {} → {}", name(from), name(to));
        form.purpose = Purpose::NewLink {
            from: from.to_string(),
            to: to.to_string(),
        };
        form
    }

    pub fn link_form(&self, link: &Link) -> Form<Purpose> {
        let integration = std::iter::once("(none)".to_string())
            .chain(names(&Integration::ALL))
            .collect();
        let chosen = link
            .integration
            .map_or(0, |i| position(&Integration::ALL, &i) + 1);
        Form::new(
            "Edit link",
            Purpose::EditLink {
                from: link.from.clone(),
                to: link.to.clone(),
            },
            vec![
                Field::choice(
                    "Kind",
                    names(&LinkKind::ALL),
                    position(&LinkKind::ALL, &link.kind),
                ),
                Field::choice("Integration", integration, chosen)
                    .with_hints(INTEGRATION_HINTS.to_vec()),
                Field::number("Children a year", link.children, true),
                Field::text("Notes", &link.notes),
            ],
        )
    }

    pub fn organisation_form(&self, existing: Option<&Organisation>) -> Form<Purpose> {
        let (title, purpose) = match existing {
            Some(o) => (
                "Edit organisation",
                Purpose::EditOrganisation { id: o.id.clone() },
            ),
            None => ("New organisation", Purpose::NewOrganisation),
        };
        let sectors: Vec<String> = Sector::ALL.iter().map(|s| s.label().to_string()).collect();
        Form::new(
            title,
            purpose,
            vec![
                Field::required("Name", existing.map_or("", |o| &o.name)),
                Field::choice(
                    "Sector",
                    sectors,
                    existing.map_or(0, |o| position(&Sector::ALL, &o.sector)),
                ),
                Field::choice(
                    "Level",
                    names(&Level::ALL),
                    existing.map_or(0, |o| position(&Level::ALL, &o.level)),
                ),
                Field::text("Notes", existing.map_or("", |o| &o.notes)),
            ],
        )
    }

    pub fn network_form(&self) -> Form<Purpose> {
        let n = self.document();
        Form::new(
            "Edit network",
            Purpose::EditNetwork,
            vec![
                Field::required("Name", &n.name),
                Field::text("Population", &n.population),
                Field::text("As of", n.as_of.as_deref().unwrap_or("")),
            ],
        )
        .with_note("As of: the date figures are judged at, YYYY-MM-DD, or empty")
    }

    pub fn pathway_form(&self, existing: Option<&Pathway>) -> Form<Purpose> {
        let (title, purpose) = match existing {
            Some(p) => ("Edit pathway", Purpose::EditPathway { id: p.id.clone() }),
            None => ("New pathway", Purpose::NewPathway),
        };
        let conditions = [Condition::ShortTerm, Condition::LongTerm];
        Form::new(
            title,
            purpose,
            vec![
                Field::required("Name", existing.map_or("", |p| &p.name)),
                Field::choice(
                    "Condition",
                    names(&conditions),
                    position(
                        &conditions,
                        &existing.map_or(Condition::LongTerm, |p| p.condition),
                    ),
                ),
                Field::number("Children a year", existing.and_then(|p| p.children), true),
                Field::text("Notes", existing.map_or("", |p| &p.notes)),
            ],
        )
    }

    pub fn save_as_form(&self) -> Form<Purpose> {
        Form::new(
            "Save as",
            Purpose::SaveAs,
            vec![Field::required("File", "pathway.ron")],
        )
    }
}
