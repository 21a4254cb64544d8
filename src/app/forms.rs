//! The editor's forms: how each is filled from the document, and the change it makes.

use crate::model::{
    Component, Condition, Direction, Domain, Integration, Level, Link, LinkKind, Measure,
    MeasureOwner, Organisation, Pathway, PathwayDetails, Phase, Sector, id_from_name, unique_id,
};

use super::form::{Field, Form, format_history, parse_history};
use super::measure_fields::{
    format_benchmark, format_breakdowns, parse_benchmark, parse_breakdowns,
};
use super::{App, Edit, Effect, Mode, Selection};

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
}

/// The provider choice that opens a form for a new organisation.
const NEW_PROVIDER: &str = "+ new organisation…";

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
    fn provider_options(&self) -> Vec<String> {
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
                    &m.map(|m| format_benchmark(&m.benchmark))
                        .unwrap_or_default(),
                ),
                Field::text(
                    "History",
                    &m.map(|m| format_history(&m.history)).unwrap_or_default(),
                ),
                Field::text(
                    "Breakdowns",
                    &m.map(|m| format_breakdowns(&m.breakdowns))
                        .unwrap_or_default(),
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

    /// Turns a filled form into its change and applies it. An error leaves the document
    /// unchanged and is shown in the form.
    pub(super) fn submit(&mut self, form: &Form<Purpose>) -> Result<Effect, String> {
        // A component whose provider is to be a new organisation: that form first.
        if matches!(
            form.purpose,
            Purpose::NewComponent { .. } | Purpose::EditComponent { .. }
        ) && form
            .field("Provider")
            .is_some_and(|f| f.display() == NEW_PROVIDER)
        {
            let mut org = self.organisation_form(None);
            org.title = "New organisation (the provider)".to_string();
            org.purpose = Purpose::NewProvider {
                component_form: Box::new(form.clone()),
            };
            self.mode = Mode::Form(org);
            return Ok(Effect::None);
        }
        form.check()?;
        let name = form.text("Name");
        match &form.purpose {
            Purpose::NewComponent { pathway, .. } => {
                let mut c = Component::new(
                    &self.document().new_component_id(&name),
                    &name,
                    Phase::ALL[form.choice("Phase")],
                );
                self.fill_component(&mut c, form);
                let at = self.insert_position(c.phase);
                let id = c.id.clone();
                self.apply(Edit::AddComponent {
                    pathway: pathway.clone(),
                    component: c,
                    at,
                })?;
                self.select_component(&id);
            }
            Purpose::EditComponent { id } => {
                let mut c = self
                    .document()
                    .find_component(id)
                    .map(|(_, c)| c.clone())
                    .ok_or("the component is gone")?;
                c.name = name;
                c.phase = Phase::ALL[form.choice("Phase")];
                self.fill_component(&mut c, form);
                self.apply(Edit::UpdateComponent {
                    id: id.clone(),
                    component: c,
                })?;
                self.select_component(&id.clone());
            }
            Purpose::NewMeasure { owner } => {
                let taken = self.document().measures(owner).unwrap_or_default();
                let id = unique_id(&id_from_name(&name, "measure"), |c| {
                    taken.iter().any(|m| m.id == c)
                });
                let mut m =
                    Measure::new(&id, &name, Domain::Safety, Direction::HigherIsBetter, 1.0);
                fill_measure(&mut m, form)?;
                self.apply(Edit::AddMeasure {
                    owner: owner.clone(),
                    measure: m,
                })?;
            }
            Purpose::EditMeasure { owner, id } => {
                let mut m = self
                    .document()
                    .measures(owner)
                    .and_then(|ms| ms.iter().find(|m| &m.id == id))
                    .cloned()
                    .ok_or("the measure is gone")?;
                m.name = name;
                let old = (m.value, m.period.clone());
                fill_measure(&mut m, form)?;
                // A new value for a new period: the old pair moves to history, as
                // `carepath import` does.
                let moved = match old {
                    (Some(value), Some(period))
                        if m.value.is_some_and(|v| v != value)
                            && m.period.as_deref().is_some_and(|p| p != period)
                            && !m.history.iter().any(|(p, _)| *p == period) =>
                    {
                        m.history.push((period.clone(), value));
                        Some(format!(
                            "Changed measure; {period} value {value} moved to history"
                        ))
                    }
                    _ => None,
                };
                self.apply(Edit::UpdateMeasure {
                    owner: owner.clone(),
                    id: id.clone(),
                    measure: m,
                })?;
                if let Some(said) = moved {
                    self.info(said);
                }
            }
            Purpose::EditLink { from, to } => {
                let mut link = self
                    .current_pathway()
                    .and_then(|p| p.link(from, to))
                    .cloned()
                    .ok_or("the link is gone")?;
                link.kind = LinkKind::ALL[form.choice("Kind")];
                link.integration = form
                    .choice("Integration")
                    .checked_sub(1)
                    .map(|i| Integration::ALL[i]);
                link.children = form.number("Children a year");
                link.notes = form.text("Notes");
                self.apply(Edit::UpdateLink {
                    from: from.clone(),
                    to: to.clone(),
                    link,
                })?;
            }
            Purpose::NewLink { from, to } => {
                let pathway = self
                    .current_pathway()
                    .map(|p| p.id.clone())
                    .ok_or("the pathway is gone")?;
                let mut link = Link::new(from, to);
                link.kind = LinkKind::ALL[form.choice("Kind")];
                link.integration = form
                    .choice("Integration")
                    .checked_sub(1)
                    .map(|i| Integration::ALL[i]);
                link.notes = form.text("Notes");
                self.apply(Edit::AddLink { pathway, link })?;
                self.selection = Some(Selection::Link {
                    from: from.clone(),
                    to: to.clone(),
                });
            }
            Purpose::EditNetwork => {
                let as_of = Some(form.text("As of")).filter(|t| !t.is_empty());
                if let Some(date) = &as_of
                    && crate::model::parse_date(date).is_none()
                {
                    return Err(format!("As of \"{date}\" is not a date like 2026-03-31"));
                }
                self.apply(Edit::UpdateNetwork {
                    name,
                    population: form.text("Population"),
                    as_of,
                })?;
            }
            Purpose::NewOrganisation => {
                let id = self.document().new_organisation_id(&name);
                let mut o = Organisation::new(
                    &id,
                    &name,
                    Sector::ALL[form.choice("Sector")],
                    Level::ALL[form.choice("Level")],
                );
                o.notes = form.text("Notes");
                self.apply(Edit::AddOrganisation(o))?;
            }
            Purpose::NewProvider { component_form } => {
                let id = self.document().new_organisation_id(&name);
                let mut o = Organisation::new(
                    &id,
                    &name,
                    Sector::ALL[form.choice("Sector")],
                    Level::ALL[form.choice("Level")],
                );
                o.notes = form.text("Notes");
                self.apply(Edit::AddOrganisation(o))?;
                // Back to the component as it was typed, the new organisation chosen.
                let mut back = (**component_form).clone();
                let options = self.provider_options();
                let at = self
                    .document()
                    .organisations()
                    .iter()
                    .position(|o| o.id == id)
                    .map_or(0, |i| i + 1);
                if let Some(field) = back.fields.iter_mut().find(|f| f.label == "Provider") {
                    *field = Field::choice("Provider", options, at);
                }
                self.info(format!("Added organisation {name}: now save the component"));
                self.mode = Mode::Form(back);
            }
            Purpose::EditOrganisation { id } => {
                let mut o = Organisation::new(
                    id,
                    &name,
                    Sector::ALL[form.choice("Sector")],
                    Level::ALL[form.choice("Level")],
                );
                o.notes = form.text("Notes");
                self.apply(Edit::UpdateOrganisation {
                    id: id.clone(),
                    organisation: o,
                })?;
            }
            Purpose::NewPathway => {
                let id = self.document().new_pathway_id(&name);
                let condition =
                    [Condition::ShortTerm, Condition::LongTerm][form.choice("Condition")];
                let mut p = Pathway::new(&id, &name, condition);
                p.children = form.number("Children a year");
                p.notes = form.text("Notes");
                self.apply(Edit::AddPathway(p))?;
                let index = self.document().pathways().len() - 1;
                self.set_pathway(index);
            }
            Purpose::EditPathway { id } => {
                let details = PathwayDetails {
                    id: id.clone(),
                    name,
                    condition: [Condition::ShortTerm, Condition::LongTerm]
                        [form.choice("Condition")],
                    children: form.number("Children a year"),
                    notes: form.text("Notes"),
                };
                self.apply(Edit::UpdatePathway {
                    id: id.clone(),
                    details,
                })?;
            }
            Purpose::Note { to } => {
                self.add_note(to, &form.text("Note"))?;
            }
            Purpose::NewAction { component } => {
                let action = self.action_from_form(
                    form,
                    self.document().new_action_id(),
                    component.clone(),
                )?;
                self.apply(Edit::AddAction(action))?;
            }
            Purpose::EditAction { id } => {
                let component = self
                    .document()
                    .actions()
                    .iter()
                    .find(|a| &a.id == id)
                    .map(|a| a.component.clone())
                    .ok_or("the action is gone")?;
                let action = self.action_from_form(form, id.clone(), component)?;
                self.apply(Edit::UpdateAction {
                    id: id.clone(),
                    action,
                })?;
                self.mode = Mode::Actions { cursor: 0 };
            }
            Purpose::SaveAs => {
                let path = std::path::PathBuf::from(form.text("File"));
                if path.exists() {
                    return Err(format!(
                        "{} already exists: choose another name",
                        path.display()
                    ));
                }
                return Ok(Effect::Save(path));
            }
        }
        Ok(Effect::None)
    }

    fn fill_component(&self, c: &mut Component, form: &Form<Purpose>) {
        c.provider = form
            .choice("Provider")
            .checked_sub(1)
            .and_then(|i| self.document().organisations().get(i))
            .map(|o| o.id.clone());
        c.children = form.number("Children a year");
        c.notes = form.text("Notes");
    }

    /// A new component goes just below the selected one when it is in the same column,
    /// else at the end of the author order.
    fn insert_position(&self, phase: Phase) -> Option<usize> {
        let pathway = self.current_pathway()?;
        match &self.selection {
            Some(Selection::Component(id))
                if pathway.component(id).is_some_and(|c| c.phase == phase) =>
            {
                pathway.position(id).map(|i| i + 1)
            }
            _ => None,
        }
    }
}

fn fill_measure(m: &mut Measure, form: &Form<Purpose>) -> Result<(), String> {
    m.domain = Domain::ALL[form.choice("Domain")];
    m.direction = [Direction::HigherIsBetter, Direction::LowerIsBetter][form.choice("Direction")];
    m.unit = form.text("Unit");
    m.target = form.number("Target").ok_or("Target must be a number")?;
    m.amber = form.number("Amber");
    m.value = form.number("Value");
    let optional = |label| Some(form.text(label)).filter(|t| !t.is_empty());
    m.period = optional("Period");
    if let Some(p) = &m.period
        && p.contains(['=', ',', ';'])
    {
        return Err(format!("Period \"{p}\" must not hold = , or ;"));
    }
    m.source = optional("Source");
    m.benchmark = parse_benchmark(&form.text("Benchmark"))?;
    m.history = parse_history(&form.text("History"))?;
    m.breakdowns = parse_breakdowns(&form.text("Breakdowns"))?;
    m.notes = form.text("Notes");
    Ok(())
}
