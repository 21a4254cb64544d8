//! Three-way merge of networks in pathway terms, for `carepath merge` and git's merge
//! driver (docs/merge.md). Items are matched by id at every level; a change on one side
//! is taken; a true conflict keeps ours and is listed. The result always keeps every
//! rule of the format: a merge that would break one is a conflict, never an invalid file.
//! Nothing here knows of files or the terminal.

mod fields;
mod items;
mod refs;

pub use fields::Conflict;

use crate::model::Network;

use fields::Merger;

/// The merged network, and the conflicts met (empty: a clean merge).
#[derive(Debug, Clone)]
pub struct Merged {
    pub network: Network,
    pub conflicts: Vec<Conflict>,
}

/// Merges `ours` and `theirs`, two versions of `base`.
pub fn merge(base: &Network, ours: &Network, theirs: &Network) -> Merged {
    let mut m = Merger::default();
    let b = Some(base);
    let (o, t) = (ours, theirs);
    let head = m.within("network".to_string(), |m| {
        let mut head = Network::new(&m.field("name", b.map(|b| &b.name), &o.name, &t.name));
        head.id = m.field("id", b.map(|b| &b.id), &o.id, &t.id);
        head.population = m.field(
            "population",
            b.map(|b| &b.population),
            &o.population,
            &t.population,
        );
        head.as_of = m.field("as_of", b.map(|b| &b.as_of), &o.as_of, &t.as_of);
        head.notes = m.field("notes", b.map(|b| &b.notes), &o.notes, &t.notes);
        head
    });
    let organisations = m.list(
        base.organisations(),
        ours.organisations(),
        theirs.organisations(),
        |x| x.id.clone(),
        |x| format!("organisation {}", x.id),
        items::organisation,
    );
    let pathways = m.list(
        base.pathways(),
        ours.pathways(),
        theirs.pathways(),
        |x| x.id.clone(),
        |x| format!("pathway {}", x.id),
        items::pathway,
    );
    let actions = m.list(
        base.actions(),
        ours.actions(),
        theirs.actions(),
        |x| x.id.clone(),
        |x| format!("action {}", x.id),
        items::action,
    );
    let mut draft = refs::Draft {
        organisations,
        pathways,
        actions,
    };
    draft.repair(ours, &mut m);
    let network = head.with_lists(draft.organisations, draft.pathways, draft.actions);
    let violations = network.validate();
    if violations.is_empty() {
        return Merged {
            network,
            conflicts: m.conflicts,
        };
    }
    // The repairs above keep every rule the merge can break; should one still be broken,
    // ours stands whole rather than an invalid file.
    let mut conflicts = m.conflicts;
    for v in violations.iter().take(5) {
        conflicts.push(Conflict {
            place: "network".into(),
            detail: format!(
                "the merge would break a rule ({}); ours kept whole",
                v.error
            ),
        });
    }
    Merged {
        network: ours.clone(),
        conflicts,
    }
}

#[cfg(test)]
mod tests;
