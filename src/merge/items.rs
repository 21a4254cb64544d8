//! The merge of each kind of item, field by field in file order (docs/format.md), with
//! its lists matched by id: measures by id, history points by period, breakdowns by what
//! they are by and their groups by label.

use crate::model::{Action, Breakdown, Checklist, Component, Link, Measure, Organisation, Pathway};

use super::fields::Merger;

/// Merges a field of structs `b`, `o`, `t` (base optional).
macro_rules! field {
    ($m:expr, $b:expr, $o:expr, $t:expr, $name:ident) => {
        $m.field(
            stringify!($name),
            $b.map(|b| &b.$name),
            &$o.$name,
            &$t.$name,
        )
    };
}

pub fn organisation(
    m: &mut Merger,
    b: Option<&Organisation>,
    o: &Organisation,
    t: &Organisation,
) -> Organisation {
    Organisation {
        id: o.id.clone(),
        name: field!(m, b, o, t, name),
        sector: field!(m, b, o, t, sector),
        level: field!(m, b, o, t, level),
        notes: field!(m, b, o, t, notes),
    }
}

pub fn action(m: &mut Merger, b: Option<&Action>, o: &Action, t: &Action) -> Action {
    Action {
        id: o.id.clone(),
        component: field!(m, b, o, t, component),
        text: field!(m, b, o, t, text),
        owner: field!(m, b, o, t, owner),
        due: field!(m, b, o, t, due),
        status: field!(m, b, o, t, status),
    }
}

pub fn pathway(m: &mut Merger, b: Option<&Pathway>, o: &Pathway, t: &Pathway) -> Pathway {
    let mut p = Pathway::new(
        &o.id,
        &field!(m, b, o, t, name),
        field!(m, b, o, t, condition),
    );
    p.children = field!(m, b, o, t, children);
    p.notes = field!(m, b, o, t, notes);
    let components = m.top(|m| {
        m.list(
            b.map_or(&[], |b| b.components()),
            o.components(),
            t.components(),
            |c| c.id.clone(),
            |c| format!("component {}", c.id),
            component,
        )
    });
    let links = m.top(|m| {
        m.list(
            b.map_or(&[], |b| b.links()),
            o.links(),
            t.links(),
            |l| (l.from.clone(), l.to.clone()),
            |l| format!("link {} → {}", l.from, l.to),
            link,
        )
    });
    p.with_lists(components, links)
}

pub fn component(m: &mut Merger, b: Option<&Component>, o: &Component, t: &Component) -> Component {
    let mut checklist = o.checklist;
    for q in &Checklist::QUESTIONS {
        let base = b.map(|b| (q.answer)(&b.checklist));
        *(q.answer_mut)(&mut checklist) = m.field(
            q.field,
            base.as_ref(),
            &(q.answer)(&o.checklist),
            &(q.answer)(&t.checklist),
        );
    }
    Component {
        id: o.id.clone(),
        name: field!(m, b, o, t, name),
        phase: field!(m, b, o, t, phase),
        provider: field!(m, b, o, t, provider),
        children: field!(m, b, o, t, children),
        notes: field!(m, b, o, t, notes),
        measures: measures(m, b.map(|b| &b.measures[..]), &o.measures, &t.measures),
        checklist,
    }
}

pub fn link(m: &mut Merger, b: Option<&Link>, o: &Link, t: &Link) -> Link {
    Link {
        from: o.from.clone(),
        to: o.to.clone(),
        kind: field!(m, b, o, t, kind),
        integration: field!(m, b, o, t, integration),
        children: field!(m, b, o, t, children),
        measures: measures(m, b.map(|b| &b.measures[..]), &o.measures, &t.measures),
        notes: field!(m, b, o, t, notes),
    }
}

fn measures(m: &mut Merger, b: Option<&[Measure]>, o: &[Measure], t: &[Measure]) -> Vec<Measure> {
    m.list(
        b.unwrap_or(&[]),
        o,
        t,
        |x| x.id.clone(),
        |x| format!("measure {}", x.id),
        measure,
    )
}

/// A measure whose merged fields together break a rule (theirs moved the target past
/// ours' new amber edge, say) is a conflict: ours is kept whole.
pub fn measure(m: &mut Merger, b: Option<&Measure>, o: &Measure, t: &Measure) -> Measure {
    let before = m.conflicts.len();
    let merged = Measure {
        id: o.id.clone(),
        name: field!(m, b, o, t, name),
        domain: field!(m, b, o, t, domain),
        unit: field!(m, b, o, t, unit),
        direction: field!(m, b, o, t, direction),
        target: field!(m, b, o, t, target),
        amber: field!(m, b, o, t, amber),
        value: field!(m, b, o, t, value),
        period: field!(m, b, o, t, period),
        source: field!(m, b, o, t, source),
        benchmark: field!(m, b, o, t, benchmark),
        history: m.list(
            b.map_or(&[], |b| &b.history[..]),
            &o.history,
            &t.history,
            |(period, _)| period.clone(),
            |(period, _)| format!("history {period:?}"),
            point,
        ),
        breakdowns: m.list(
            b.map_or(&[], |b| &b.breakdowns[..]),
            &o.breakdowns,
            &t.breakdowns,
            |x| x.by.clone(),
            |x| format!("breakdown {:?}", x.by),
            breakdown,
        ),
        notes: field!(m, b, o, t, notes),
    };
    match merged.check() {
        Ok(()) => merged,
        Err(e) => {
            m.conflicts.truncate(before);
            m.conflict(format!(
                "the two sides' changes together break a rule ({e}); ours kept"
            ));
            o.clone()
        }
    }
}

/// A history point or a breakdown group: (period or label, value).
fn point(
    m: &mut Merger,
    b: Option<&(String, f64)>,
    o: &(String, f64),
    t: &(String, f64),
) -> (String, f64) {
    (o.0.clone(), m.field("value", b.map(|b| &b.1), &o.1, &t.1))
}

fn breakdown(m: &mut Merger, b: Option<&Breakdown>, o: &Breakdown, t: &Breakdown) -> Breakdown {
    Breakdown {
        by: o.by.clone(),
        groups: m.list(
            b.map_or(&[], |b| &b.groups[..]),
            &o.groups,
            &t.groups,
            |(label, _)| label.clone(),
            |(label, _)| format!("group {label:?}"),
            point,
        ),
    }
}
