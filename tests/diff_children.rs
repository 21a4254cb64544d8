//! `diff` reports changed yearly volumes (docs/format.md, "Counted reach") in pathway
//! terms: on the pathway, its components and its links.

mod common;

use carepath::diff::{describe, diff};
use carepath::model::{Condition, Phase};
use common::Builder;

fn base() -> Builder {
    Builder::new(Condition::ShortTerm)
        .c("rec", Phase::Recognition)
        .c("ass", Phase::Assessment)
        .link("rec", "ass")
}

#[test]
fn changed_children_are_reported_on_pathway_component_and_link() {
    let old = base().cohort(400.0).children("rec", 380.0).build();
    let new = base()
        .cohort(420.0)
        .link_children("rec", "ass", 120.0)
        .build();
    let text = describe(&old, &new);
    assert!(
        text.contains("~ p \"Test pathway\": children 400 → 420"),
        "{text}"
    );
    assert!(
        text.contains("~ p/rec \"rec\": children 380 → none"),
        "{text}"
    );
    assert!(
        text.contains("~ p/rec -> ass: children none → 120"),
        "{text}"
    );
    let json = serde_json::to_value(diff(&old, &new)).unwrap();
    let link = &json["links"][0]["fields"][0];
    assert_eq!(link["field"], "children");
    assert_eq!(
        (link["old"].is_null(), link["new"].as_f64()),
        (true, Some(120.0))
    );
}

#[test]
fn unchanged_children_are_not_a_change() {
    let n = base().cohort(400.0).children("rec", 380.0).build();
    assert!(diff(&n, &n).is_empty());
}
