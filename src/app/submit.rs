//! What a submitted form changes: each purpose turned into its named edit.

use crate::model::{
    Component, Condition, Direction, Domain, Integration, Level, Link, LinkKind, Measure,
    Organisation, Pathway, PathwayDetails, Phase, Sector, id_from_name, unique_id,
};

use super::form::{Field, Form};
use super::forms::{NEW_PROVIDER, Purpose};
use super::measure_fields::{breakdowns_from_rows, history_from_rows};
use super::{App, Edit, Effect, Mode, Selection};

impl App {
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
                self.apply(Edit::AddOrganisation(organisation_from(form, &id, &name)))?;
            }
            Purpose::NewProvider { component_form } => {
                let id = self.document().new_organisation_id(&name);
                self.apply(Edit::AddOrganisation(organisation_from(form, &id, &name)))?;
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
                self.apply(Edit::UpdateOrganisation {
                    id: id.clone(),
                    organisation: organisation_from(form, id, &name),
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
            Purpose::Row { list, index } => self.submit_row(form, (**list).clone(), *index)?,
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

/// The organisation an organisation form describes, under `id`.
fn organisation_from(form: &Form<Purpose>, id: &str, name: &str) -> Organisation {
    let mut o = Organisation::new(
        id,
        name,
        Sector::ALL[form.choice("Sector")],
        Level::ALL[form.choice("Level")],
    );
    o.notes = form.text("Notes");
    o
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
    m.benchmark = match (optional("Benchmark"), form.number("Benchmark value")) {
        (Some(label), Some(value)) => Some((label, value)),
        (None, None) => None,
        (Some(label), None) => {
            return Err(format!(
                "Benchmark value: give the value for {label}, or clear the benchmark"
            ));
        }
        (None, Some(_)) => {
            return Err(
                "Benchmark: name it (e.g. England 2022/23), or clear its value".to_string(),
            );
        }
    };
    m.history = history_from_rows(form.rows("History"));
    m.breakdowns = breakdowns_from_rows(form.rows("Breakdowns"));
    m.notes = form.text("Notes");
    Ok(())
}
