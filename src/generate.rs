//! Deterministic generated networks of realistic shape, for benchmarks and tests (BENCHMARKS.md).
//!
//! `network(n, seed)` gives the same network for the same `n` and `seed`, on every machine:
//! the randomness is a small splitmix64 generator, not a crate.
//!
//! Shape:
//! - one pathway per ~1,500 components (at least one), every fourth `ShortTerm`;
//! - a shared pool of organisations across Health, PublicHealth, SocialCare, Education and
//!   Voluntary, at all four levels; each phase prefers the sectors that deliver it;
//! - components spread over the six phases in order, most in Assessment and Management
//!   (every phase present in a pathway of six or more);
//! - links mostly forward to the next phase or to a near neighbour in the same phase, some
//!   skipping a phase, and a few Review → Assessment links that close local loops; targets
//!   sit near the source's relative position in the column, as real services do; most
//!   components from Assessment on are reached from the column before, a few are not
//!   (NoEntryRoute); about 1.5% of components are orphans and about 2% dead ends; mean
//!   out-degree about 1.7;
//! - 0-3 measures per component (about 85% with a value), HigherIsBetter and LowerIsBetter,
//!   most with an amber edge, values spread around the target so that Green, Amber and Red
//!   all occur; about one link in ten has a measure;
//! - link integration varied, unrecorded on about one link in seven;
//! - one improvement action per ~50 components;
//! - children a year on about a third of components and links, and a cohort on two
//!   pathways in three (`volumes.rs`).
//!
//! Everything is built through the checked operations of `Network`, so the result is valid.

mod data;
mod rng;
mod volumes;

use crate::model::{
    Action, ActionStatus, Answer, Breakdown, Checklist, Component, Condition, Direction,
    Integration, Link, LinkKind, Measure, Network, Organisation, Pathway, Phase, id_from_name,
};
use data::*;
use rng::Rng;

/// Components per pathway, roughly.
pub const COMPONENTS_PER_PATHWAY: usize = 1_500;

/// How many pathways `network(components, _)` has.
pub fn pathway_count(components: usize) -> usize {
    ((components + COMPONENTS_PER_PATHWAY / 2) / COMPONENTS_PER_PATHWAY).max(1)
}

/// A generated network with exactly `components` components, the same for the same seed.
pub fn network(components: usize, seed: u64) -> Network {
    let mut rng = Rng::new(seed);
    let mut network = Network::new(&format!(
        "Generated children's services network ({components} components, seed {seed})"
    ));
    network.id = format!("generated-{components}");
    network.population = "Children and young people 0-19".to_string();

    let orgs = add_organisations(&mut network, components);
    let pathways = pathway_count(components);
    let mut action_count = 0;
    for p in 0..pathways {
        let size = components / pathways + usize::from(p < components % pathways);
        let title = CONDITIONS[p % CONDITIONS.len()];
        let id = format!("{}-{}", id_from_name(title, "pathway"), p + 1);
        let condition = if p % 4 == 3 {
            Condition::ShortTerm
        } else {
            Condition::LongTerm
        };
        let name = format!("{title} ({})", AREAS[p % AREAS.len()]);
        network
            .add_pathway(Pathway::new(&id, &name, condition))
            .expect("generated pathway ids are unique");
        let columns = add_components(&mut network, &mut rng, &orgs, &id, p, size);
        add_links(&mut network, &mut rng, &id, &columns);
        action_count += add_actions(&mut network, &mut rng, &columns, action_count);
    }
    volumes::add_children(&mut network, seed);
    network
}

/// Organisation ids, grouped by sector (in the order of `SECTORS`) and all together.
struct Orgs {
    by_sector: Vec<Vec<String>>,
    all: Vec<String>,
}

fn add_organisations(network: &mut Network, components: usize) -> Orgs {
    let count = (components / 100).clamp(ORG_KINDS.len(), 300);
    let mut orgs = Orgs {
        by_sector: vec![Vec::new(); SECTORS.len()],
        all: Vec::with_capacity(count),
    };
    for i in 0..count {
        let (sector, kind, level) = ORG_KINDS[i % ORG_KINDS.len()];
        let round = i / ORG_KINDS.len();
        let area = AREAS[round % AREAS.len()];
        let mut id = format!(
            "{}-{}",
            id_from_name(area, "area"),
            id_from_name(&kind.replace('\'', ""), "org")
        );
        let mut name = format!("{area} {kind}");
        if round >= AREAS.len() {
            let n = round / AREAS.len() + 1;
            id = format!("{id}-{n}");
            name = format!("{name} {n}");
        }
        network
            .add_organisation(Organisation::new(&id, &name, sector, level))
            .expect("generated organisation ids are unique");
        let s = SECTORS.iter().position(|&x| x == sector).expect("listed");
        orgs.by_sector[s].push(id.clone());
        orgs.all.push(id);
    }
    orgs
}

/// How many of `m` components fall in each phase: at least one each when `m >= 6`.
fn phase_counts(m: usize) -> [usize; 6] {
    const BY_SIZE: [usize; 6] = [3, 2, 1, 4, 5, 0];
    let mut counts = [0; 6];
    if m < 6 {
        for &k in &BY_SIZE[..m] {
            counts[k] = 1;
        }
        return counts;
    }
    let rest = m - 6;
    for k in 0..6 {
        counts[k] = 1 + rest * PHASE_WEIGHTS[k] / 100;
    }
    let mut left = m - counts.iter().sum::<usize>();
    for &k in BY_SIZE.iter().cycle() {
        if left == 0 {
            break;
        }
        counts[k] += 1;
        left -= 1;
    }
    counts
}

/// A component as placed in its phase column.
struct Slot {
    id: String,
    orphan: bool,
}

fn add_components(
    network: &mut Network,
    rng: &mut Rng,
    orgs: &Orgs,
    pathway: &str,
    p: usize,
    size: usize,
) -> Vec<Vec<Slot>> {
    let counts = phase_counts(size);
    let mut columns = Vec::with_capacity(6);
    for (k, &count) in counts.iter().enumerate() {
        let phase = Phase::ALL[k];
        let mut column = Vec::with_capacity(count);
        for j in 0..count {
            let id = format!("p{}-{}-{}", p + 1, PHASE_SLUGS[k], j + 1);
            let name = format!("{} ({})", rng.pick(SERVICES[k]), rng.pick(&AREAS));
            let mut c = Component::new(&id, &name, phase);
            c.provider = provider(rng, orgs, k);
            let count = rng.weighted(&[15, 40, 30, 15]);
            c.measures = measures(rng, &MEASURES, count);
            if rng.chance(0.3) {
                c.checklist = checklist(rng);
            }
            network
                .add_component(pathway, c, None)
                .expect("generated components are valid");
            let orphan = size >= 2 && rng.chance(0.01);
            column.push(Slot { id, orphan });
        }
        columns.push(column);
    }
    columns
}

fn provider(rng: &mut Rng, orgs: &Orgs, phase: usize) -> Option<String> {
    if rng.chance(0.05) {
        return None;
    }
    if rng.chance(0.65) {
        let sector = *rng.pick(PHASE_SECTORS[phase]);
        if !orgs.by_sector[sector].is_empty() {
            return Some(rng.pick(&orgs.by_sector[sector]).clone());
        }
    }
    Some(rng.pick(&orgs.all).clone())
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// `count` measures from distinct templates.
fn measures(rng: &mut Rng, templates: &[Template], count: usize) -> Vec<Measure> {
    let mut chosen: Vec<usize> = Vec::with_capacity(count);
    while chosen.len() < count.min(templates.len()) {
        let t = rng.below(templates.len());
        if !chosen.contains(&t) {
            chosen.push(t);
        }
    }
    chosen
        .into_iter()
        .map(|t| measure(rng, templates[t]))
        .collect()
}

fn measure(rng: &mut Rng, template: Template) -> Measure {
    let (id, name, domain, unit, direction, target) = template;
    let higher = direction == Direction::HigherIsBetter;
    let mut m = Measure::new(id, name, domain, direction, target);
    m.unit = unit.to_string();
    if rng.chance(0.8) {
        m.amber = Some(if higher {
            round1(target * rng.between(0.8, 0.95))
        } else {
            round1(target * rng.between(1.1, 1.4))
        });
    }
    if rng.chance(0.85) {
        let mut v = if higher {
            target * rng.between(0.7, 1.15)
        } else {
            target * rng.between(0.7, 1.6)
        };
        if unit == "%" {
            v = v.min(100.0);
        }
        let v = round1(v);
        m.value = Some(v);
        m.period = Some("2024/25".to_string());
        if rng.chance(0.5) {
            m.source = Some(rng.pick(&SOURCES).to_string());
        }
        if rng.chance(0.1) {
            monthly_series(rng, &mut m, v);
        } else if rng.chance(0.3) {
            m.history = vec![("2023/24".to_string(), round1(v * rng.between(0.9, 1.1)))];
        }
        if rng.chance(0.08) {
            m.period = Some(
                rng.pick(&["2019/20", "2020/21", "2021-22", "Q4 2020/21"])
                    .to_string(),
            );
        }
        if rng.chance(0.3) {
            let b = round1(target * rng.between(0.8, 1.15));
            m.benchmark = Some(("England 2023/24".to_string(), b));
        }
        if rng.chance(0.15) {
            m.breakdowns = breakdowns(rng, v);
        }
    }
    m
}

/// 12 to 24 monthly points ending March 2025, some drifting: charts with and without
/// special causes.
fn monthly_series(rng: &mut Rng, m: &mut Measure, last: f64) {
    let n = 12 + rng.below(13);
    let drift = if rng.chance(0.3) {
        rng.between(-0.02, 0.02)
    } else {
        0.0
    };
    m.history = (0..n - 1)
        .map(|i| {
            let months_back = (n - 1 - i) as i32;
            let (year, month) = month_before(2025, 3, months_back);
            let level = last * (1.0 - drift * months_back as f64);
            (
                format!("{year}-{month:02}"),
                round1(level * rng.between(0.9, 1.1)),
            )
        })
        .collect();
    m.period = Some("Mar 2025".to_string());
}

fn month_before(year: i32, month: i32, back: i32) -> (i32, i32) {
    let index = year * 12 + (month - 1) - back;
    (index.div_euclid(12), index.rem_euclid(12) + 1)
}

/// One or two breakdowns around `v`: deprivation quintiles, sometimes ethnicity.
fn breakdowns(rng: &mut Rng, v: f64) -> Vec<Breakdown> {
    let quintiles = ["1 most deprived", "2", "3", "4", "5 least deprived"];
    let spread = rng.between(0.0, 0.3);
    let mut out = vec![Breakdown {
        by: "Deprivation quintile".to_string(),
        groups: quintiles
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let step = (i as f64 - 2.0) / 2.0 * spread;
                (q.to_string(), round1(v * (1.0 + step)))
            })
            .collect(),
    }];
    if rng.chance(0.5) {
        let groups = ["Asian", "Black", "Mixed", "White", "Other"];
        out.push(Breakdown {
            by: "Ethnicity".to_string(),
            groups: groups
                .iter()
                .map(|g| (g.to_string(), round1(v * rng.between(0.8, 1.1))))
                .collect(),
        });
    }
    out
}

fn checklist(rng: &mut Rng) -> Checklist {
    const ANSWERS: [Answer; 4] = [Answer::Unknown, Answer::No, Answer::Partly, Answer::Yes];
    let mut c = Checklist::default();
    for q in &Checklist::QUESTIONS {
        *(q.answer_mut)(&mut c) = *rng.pick(&ANSWERS);
    }
    c
}

/// The first non-empty column after phase `k`, skipping `skip` more of them.
fn later_column(columns: &[Vec<Slot>], k: usize, skip: usize) -> Option<usize> {
    (k + 1..6).filter(|&t| !columns[t].is_empty()).nth(skip)
}

/// A component of column `t` near the relative position of `j` in column `k` for which
/// `ok` holds, or none when the neighbourhood has no such component.
fn near(
    rng: &mut Rng,
    columns: &[Vec<Slot>],
    (k, j): (usize, usize),
    t: usize,
    ok: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let (n_k, n_t) = (columns[k].len(), columns[t].len());
    let centre = (2 * j + 1) * n_t / (2 * n_k);
    let start = (centre + rng.below(7)).saturating_sub(3).min(n_t - 1);
    (0..4)
        .map(|d| (start + d) % n_t)
        .find(|&i| ok(i))
        .map(|i| (t, i))
}

/// Where the links of one source go: next phase, same phase, skip a phase, back to
/// Assessment (from Review only).
fn targets(rng: &mut Rng, columns: &[Vec<Slot>], (k, j): (usize, usize)) -> Vec<(usize, usize)> {
    let degree = if k == 5 {
        usize::from(rng.chance(0.1))
    } else {
        1 + rng.weighted(&[30, 45, 25])
    };
    let weights: &[u32] = match k {
        5 => &[0, 1, 0, 0],
        4 => &[74, 16, 0, 10],
        _ => &[72, 16, 12, 0],
    };
    let column = &columns[k];
    let assessment = Phase::Assessment.index();
    let mut targets = Vec::with_capacity(degree);
    for _ in 0..degree {
        let linkable = |t: usize| move |i: usize| !columns[t][i].orphan;
        let to = match rng.weighted(weights) {
            0 => {
                later_column(columns, k, 0).and_then(|t| near(rng, columns, (k, j), t, linkable(t)))
            }
            1 => {
                let i = j + 1 + rng.below(3);
                (i < column.len() && !column[i].orphan).then_some((k, i))
            }
            2 => later_column(columns, k, 1)
                .or_else(|| later_column(columns, k, 0))
                .and_then(|t| near(rng, columns, (k, j), t, linkable(t))),
            _ => (k == Phase::Review.index() && !columns[assessment].is_empty())
                .then(|| near(rng, columns, (k, j), assessment, linkable(assessment)))
                .flatten(),
        };
        if let Some(to) = to
            && to != (k, j)
            && !targets.contains(&to)
        {
            targets.push(to);
        }
    }
    targets
}

fn add_links(network: &mut Network, rng: &mut Rng, pathway: &str, columns: &[Vec<Slot>]) {
    const INTEGRATION: [Option<Integration>; 5] = [
        None,
        Some(Integration::Linkage),
        Some(Integration::Coordination),
        Some(Integration::ManagedIntegration),
        Some(Integration::FullIntegration),
    ];
    let mut planned = Vec::new();
    let mut dead: Vec<Vec<bool>> = columns.iter().map(|c| vec![false; c.len()]).collect();
    let mut incoming = dead.clone();
    for (k, column) in columns.iter().enumerate() {
        for (j, slot) in column.iter().enumerate() {
            if slot.orphan {
                continue;
            }
            if k < 5 && rng.chance(0.03) {
                dead[k][j] = true;
                continue;
            }
            for (t, i) in targets(rng, columns, (k, j)) {
                incoming[t][i] = true;
                planned.push(((k, j), (t, i)));
            }
        }
    }
    // Most components from Assessment on are reached from the column before theirs; a few
    // are left as entries after Recognition (NoEntryRoute).
    for k in Phase::Assessment.index()..6 {
        let Some(s) = (0..k).rev().find(|&s| !columns[s].is_empty()) else {
            continue;
        };
        for j in 0..columns[k].len() {
            if columns[k][j].orphan || incoming[k][j] || !rng.chance(0.95) {
                continue;
            }
            let source_ok = |i: usize| !columns[s][i].orphan && !dead[s][i];
            if let Some(from) = near(rng, columns, (k, j), s, source_ok) {
                incoming[k][j] = true;
                planned.push((from, (k, j)));
            }
        }
    }
    planned.sort_by_key(|&(from, _)| from);
    for ((k, j), (t, i)) in planned {
        let mut link = Link::new(&columns[k][j].id, &columns[t][i].id);
        link.kind = link_kind(rng, k, t);
        link.integration = INTEGRATION[rng.weighted(&[15, 20, 30, 22, 13])];
        if rng.chance(0.1) {
            link.measures = measures(rng, &LINK_MEASURES, 1);
        }
        network
            .add_link(pathway, link)
            .expect("generated links are valid and distinct");
    }
}

fn link_kind(rng: &mut Rng, from: usize, to: usize) -> LinkKind {
    let management = Phase::Management.index();
    match (from, to) {
        (f, t) if t < f => LinkKind::Escalation,
        (5, 5) => LinkKind::Discharge,
        (_, 5) => LinkKind::Transition,
        (f, t) if f == t && f == management => LinkKind::SharedCare,
        (f, t) if f == t => LinkKind::Handoff,
        (_, t) if t == management && rng.chance(0.3) => LinkKind::SharedCare,
        (_, t) if t == management || t == Phase::Review.index() => LinkKind::Handoff,
        _ => LinkKind::Referral,
    }
}

/// One action per ~50 components of the pathway; returns how many were added.
fn add_actions(
    network: &mut Network,
    rng: &mut Rng,
    columns: &[Vec<Slot>],
    before: usize,
) -> usize {
    const STATUS: [ActionStatus; 3] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ];
    let slots: Vec<&Slot> = columns.iter().flatten().collect();
    let count = slots.len() / 50;
    for n in 0..count {
        let action = Action {
            id: format!("action-{}", before + n + 1),
            component: rng.pick(&slots).id.clone(),
            text: rng.pick(&ACTIONS).to_string(),
            owner: format!("{} lead", rng.pick(&AREAS)),
            due: Some(format!("2025-{:02}-28", 1 + rng.below(12))),
            status: *rng.pick(&STATUS),
        };
        network
            .add_action(action)
            .expect("generated actions are valid");
    }
    count
}

#[cfg(test)]
mod tests;
