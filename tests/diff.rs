//! `carepath diff`: hand-made before/after pairs for every kind of change, through the
//! built binary's JSON, and the text report. Git's side is in diff_git.rs.

mod exchange_support;

use carepath::model::{
    Action, ActionStatus, Answer, Condition, Integration, Level, LinkKind, Network, Organisation,
    PathwayDetails, Phase, Sector,
};
use exchange_support::{base, component, measure, owner, run_in, save, set_measure, update};
use serde_json::{Value, json};

/// Runs `carepath diff old new --format json` on two networks.
fn diff_json(old: &Network, new: &Network) -> Value {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "old.ron", old);
    save(dir.path(), "new.ron", new);
    let run = run_in(
        dir.path(),
        &["diff", "old.ron", "new.ron", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("diff prints JSON")
}

fn diff_text(old: &Network, new: &Network) -> String {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "old.ron", old);
    save(dir.path(), "new.ron", new);
    let run = run_in(dir.path(), &["diff", "old.ron", "new.ron"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// The sections that must be empty when only `except` changed.
fn assert_only(d: &Value, except: &[&str]) {
    for section in [
        "network",
        "organisations",
        "pathways",
        "components",
        "links",
        "measures",
        "checklists",
        "actions",
    ] {
        if !except.contains(&section) {
            assert_eq!(d[section], json!([]), "{section} should be empty: {d:#}");
        }
    }
}

#[test]
fn identical_files_have_no_changes() {
    let d = diff_json(&base(), &base());
    assert_eq!(d["changed"], json!(false));
    assert_only(&d, &[]);
    assert_eq!(d["findings"], json!({"appeared": [], "disappeared": []}));
    assert_eq!(d["old"]["network"], json!(base().name));
    let text = diff_text(&base(), &base());
    assert!(text.contains("No changes in pathway terms."), "{text}");
}

#[test]
fn component_added() {
    let mut new = base();
    let mut c = component("eye-screening", "Eye screening", Phase::Review, "pdu");
    c.measures.push(measure(
        "screened",
        "Screened",
        carepath::model::Direction::HigherIsBetter,
        90.0,
        None,
        Some(70.0),
    ));
    new.add_component("t1d", c, None).unwrap();
    let d = diff_json(&base(), &new);
    assert_only(&d, &["components", "measures"]);
    assert_eq!(
        d["components"],
        json!([{
            "change": "added", "pathway": "t1d", "id": "eye-screening", "name": "Eye screening",
            "fields": [
                {"field": "name", "old": null, "new": "Eye screening"},
                {"field": "phase", "old": null, "new": "Review"},
                {"field": "provider", "old": null, "new": "pdu"},
            ]
        }])
    );
    let m = &d["measures"][0];
    assert_eq!(m["change"], "added");
    assert_eq!(m["component"], "eye-screening");
    assert_eq!(m["status"], json!({"old": null, "new": "Red"}));
    // A new Red component is a new High finding; an orphan in a pathway of two or more.
    let appeared: Vec<&str> = d["findings"]["appeared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(appeared.contains(&"WeakComponent"), "{appeared:?}");
    assert!(appeared.contains(&"Orphan"), "{appeared:?}");
}

#[test]
fn component_removed_takes_its_links() {
    let mut new = base();
    new.remove_component("school-plan").unwrap();
    let d = diff_json(&base(), &new);
    assert_only(&d, &["components", "links"]);
    assert_eq!(d["components"][0]["change"], "removed");
    assert_eq!(d["components"][0]["id"], "school-plan");
    assert_eq!(
        d["components"][0]["fields"][0],
        json!({"field": "name", "old": "Healthcare plan in school", "new": null})
    );
    assert_eq!(
        d["links"],
        json!([{
            "change": "removed", "pathway": "t1d", "from": "pdu-management", "to": "school-plan",
            "fields": [{"field": "kind", "old": "SharedCare", "new": null}]
        }])
    );
    // The weak hand-off went with it.
    assert_eq!(d["findings"]["disappeared"][0]["kind"], "WeakHandoff");
}

#[test]
fn renamed_component_keeps_its_id() {
    let mut new = base();
    update(&mut new, "gp-recognition", |c| {
        c.name = "Same-day glucose test in GP".to_string()
    });
    let d = diff_json(&base(), &new);
    assert_only(&d, &["components"]);
    assert_eq!(
        d["components"],
        json!([{
            "change": "changed", "pathway": "t1d", "id": "gp-recognition",
            "name": "Same-day glucose test in GP",
            "fields": [{"field": "name", "old": "Recognition in general practice",
                        "new": "Same-day glucose test in GP"}]
        }])
    );
    let text = diff_text(&base(), &new);
    assert!(
        text.contains(
            "~ t1d/gp-recognition \"Same-day glucose test in GP\": renamed \
             \"Recognition in general practice\" → \"Same-day glucose test in GP\""
        ),
        "{text}"
    );
}

#[test]
fn component_moved_phase_and_provider() {
    let mut new = base();
    update(&mut new, "annual-review", |c| {
        c.phase = Phase::Transition;
        c.provider = Some("gp".to_string());
    });
    let d = diff_json(&base(), &new);
    assert_only(&d, &["components"]);
    assert_eq!(
        d["components"][0]["fields"],
        json!([
            {"field": "phase", "old": "Review", "new": "Transition"},
            {"field": "provider", "old": "pdu", "new": "gp"},
        ])
    );
    let text = diff_text(&base(), &new);
    assert!(
        text.contains("moved Review → Transition; provider \"pdu\" → \"gp\""),
        "{text}"
    );
}

#[test]
fn link_added_and_removed() {
    let mut new = base();
    new.remove_link("pdu-management", "annual-review").unwrap();
    let mut l = carepath::model::Link::new("school-plan", "annual-review");
    l.integration = Some(Integration::Linkage);
    new.add_link("t1d", l).unwrap();
    let d = diff_json(&base(), &new);
    assert_only(&d, &["links"]);
    assert_eq!(
        d["links"],
        json!([
            {"change": "added", "pathway": "t1d", "from": "school-plan", "to": "annual-review",
             "fields": [{"field": "kind", "old": null, "new": "Referral"},
                        {"field": "integration", "old": null, "new": "Linkage"}]},
            {"change": "removed", "pathway": "t1d", "from": "pdu-management", "to": "annual-review",
             "fields": [{"field": "kind", "old": "Referral", "new": null}]},
        ])
    );
}

#[test]
fn link_kind_and_integration_changed() {
    let mut new = base();
    let mut l = new
        .pathway("t1d")
        .unwrap()
        .link("pdu-management", "school-plan")
        .unwrap()
        .clone();
    l.kind = LinkKind::Handoff;
    l.integration = Some(Integration::ManagedIntegration);
    new.update_link("pdu-management", "school-plan", l).unwrap();
    let d = diff_json(&base(), &new);
    assert_only(&d, &["links"]);
    assert_eq!(
        d["links"][0]["fields"],
        json!([
            {"field": "kind", "old": "SharedCare", "new": "Handoff"},
            {"field": "integration", "old": null, "new": "ManagedIntegration"},
        ])
    );
    // Integrating the hand-off clears the WeakHandoff finding.
    let gone = &d["findings"]["disappeared"];
    assert_eq!(gone.as_array().unwrap().len(), 1, "{gone:#}");
    assert_eq!(gone[0]["kind"], "WeakHandoff");
    assert_eq!(
        gone[0]["link"],
        json!({"from": "pdu-management", "to": "school-plan"})
    );
}

#[test]
fn measure_amber_to_red_is_called_out_first() {
    let mut new = base();
    set_measure(&mut new, "gp-recognition", "dka", |m| {
        m.value = Some(25.6);
        m.period = Some("2021/22".to_string());
        m.history.push(("2020/21".to_string(), 18.0));
    });
    let d = diff_json(&base(), &new);
    assert_only(&d, &["measures"]);
    assert_eq!(
        d["measures"],
        json!([{
            "change": "changed", "pathway": "t1d", "component": "gp-recognition",
            "id": "dka", "name": "New cases in DKA at diagnosis",
            "status": {"old": "Amber", "new": "Red"},
            "fields": [
                {"field": "value", "old": 18.0, "new": 25.6},
                {"field": "period", "old": "2020/21", "new": "2021/22"},
                {"field": "history", "old": null, "new": "2020/21: 18"},
            ]
        }])
    );
    // The Medium finding became a High one.
    assert_eq!(d["findings"]["appeared"][0]["kind"], "WeakComponent");
    assert_eq!(d["findings"]["appeared"][0]["severity"], "High");
    assert_eq!(d["findings"]["disappeared"][0]["severity"], "Medium");
    // The pathway's strength moved from 15/18 to 15/25.6.
    let s = &d["strength"][0];
    assert_eq!(s["pathway"], "t1d");
    assert_eq!(s["old"]["status"], "Amber");
    assert_eq!(s["new"]["status"], "Red");
    let change = s["change"].as_f64().unwrap();
    assert!(
        (change - (15.0 / 25.6 - 15.0 / 18.0)).abs() < 1e-12,
        "{change}"
    );

    let text = diff_text(&base(), &new);
    let status_at = text.find("Status changes").expect("a status section");
    let pathways_at = text.find("Pathway strength").unwrap();
    assert!(status_at < pathways_at);
    assert!(
        text.contains(
            "value 18 → 25.6; period \"2020/21\" → \"2021/22\"  [! Amber → ✗ Red, worse]"
        ),
        "{text}"
    );
    assert!(
        text.contains("~ t1d \"Type 1 diabetes\": ! Amber 83% → ✗ Red 59% (-24 points)"),
        "{text}"
    );
}

#[test]
fn measure_target_and_amber_changed() {
    let mut new = base();
    set_measure(&mut new, "pdu-assessment", "hba1c-checked", |m| {
        m.target = 99.0;
        m.amber = Some(95.0);
    });
    let d = diff_json(&base(), &new);
    assert_only(&d, &["measures"]);
    let m = &d["measures"][0];
    assert_eq!(m["status"], json!({"old": "Green", "new": "Amber"}));
    assert_eq!(
        m["fields"],
        json!([
            {"field": "target", "old": 95.0, "new": 99.0},
            {"field": "amber", "old": 90.0, "new": 95.0},
        ])
    );
}

#[test]
fn measures_added_and_removed_and_on_links() {
    let mut new = base();
    new.remove_measure(&owner("pdu-assessment"), "hba1c-checked")
        .unwrap();
    let link = carepath::model::MeasureOwner::Link {
        from: "gp-recognition".to_string(),
        to: "pdu-assessment".to_string(),
    };
    let mut m = new.measures(&link).unwrap()[0].clone();
    m.value = Some(3.0);
    new.update_measure(&link, "referral-days", m).unwrap();
    let d = diff_json(&base(), &new);
    assert_only(&d, &["measures"]);
    let ms = d["measures"].as_array().unwrap();
    assert_eq!(ms.len(), 2);
    // The link measure went Green -> Red: a status change, so first.
    assert_eq!(
        ms[0]["link"],
        json!({"from": "gp-recognition", "to": "pdu-assessment"})
    );
    assert_eq!(ms[0]["status"], json!({"old": "Green", "new": "Red"}));
    assert_eq!(ms[1]["change"], "removed");
    assert_eq!(ms[1]["id"], "hba1c-checked");
    assert_eq!(ms[1]["status"], json!({"old": "Green", "new": null}));
}

#[test]
fn status_changes_order_worse_then_better_then_the_rest() {
    let mut new = base();
    set_measure(&mut new, "pdu-assessment", "hba1c-checked", |m| {
        m.source = Some("NPDA 2022".to_string())
    });
    set_measure(&mut new, "gp-recognition", "dka", |m| m.value = Some(10.0));
    let link = carepath::model::MeasureOwner::Link {
        from: "gp-recognition".to_string(),
        to: "pdu-assessment".to_string(),
    };
    let mut m = new.measures(&link).unwrap()[0].clone();
    m.value = Some(5.0);
    new.update_measure(&link, "referral-days", m).unwrap();
    let d = diff_json(&base(), &new);
    let ids: Vec<&str> = d["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["referral-days", "dka", "hba1c-checked"]);
}

#[test]
fn checklist_answers() {
    let mut new = base();
    update(&mut new, "pdu-management", |c| {
        c.checklist.evidence_based = Answer::Partly;
        c.checklist.admin_and_it = Answer::No;
    });
    let d = diff_json(&base(), &new);
    assert_only(&d, &["checklists"]);
    assert_eq!(
        d["checklists"],
        json!([{
            "pathway": "t1d", "component": "pdu-management",
            "fields": [
                {"field": "evidence_based", "old": "Yes", "new": "Partly"},
                {"field": "admin_and_it", "old": "Unknown", "new": "No"},
            ]
        }])
    );
}

#[test]
fn actions_added_changed_removed() {
    let old = base();
    let mut new = base();
    let mut a1 = new.actions()[0].clone();
    a1.status = ActionStatus::Done;
    new.update_action("a1", a1).unwrap();
    new.add_action(Action {
        id: "a2".to_string(),
        component: "school-plan".to_string(),
        text: "Train school staff".to_string(),
        owner: String::new(),
        due: None,
        status: ActionStatus::Open,
    })
    .unwrap();
    let d = diff_json(&old, &new);
    assert_only(&d, &["actions"]);
    assert_eq!(
        d["actions"],
        json!([
            {"change": "changed", "id": "a1", "name": "Run 4Ts training for practice staff",
             "fields": [{"field": "status", "old": "Open", "new": "Done"}]},
            {"change": "added", "id": "a2", "name": "Train school staff",
             "fields": [{"field": "component", "old": null, "new": "school-plan"},
                        {"field": "text", "old": null, "new": "Train school staff"},
                        {"field": "status", "old": null, "new": "Open"}]},
        ])
    );
    let back = diff_json(&new, &old);
    assert_eq!(back["actions"][1]["change"], "removed");
}

#[test]
fn pathways_added_renamed_and_organisations() {
    let mut new = base();
    new.update_pathway_details(
        "t1d",
        PathwayDetails {
            id: "t1d".to_string(),
            name: "Type 1 diabetes in children".to_string(),
            condition: Condition::ShortTerm,
            children: None,
            notes: String::new(),
        },
    )
    .unwrap();
    new.add_pathway(carepath::model::Pathway::new(
        "asthma",
        "Asthma",
        Condition::LongTerm,
    ))
    .unwrap();
    let mut gp = new.organisation("gp").unwrap().clone();
    gp.level = Level::Community;
    new.update_organisation("gp", gp).unwrap();
    new.add_organisation(Organisation::new(
        "charity",
        "Family charity",
        Sector::Voluntary,
        Level::Community,
    ))
    .unwrap();
    new.name = "North network".to_string();
    let d = diff_json(&base(), &new);
    assert_only(&d, &["network", "pathways", "organisations"]);
    assert_eq!(
        d["network"],
        json!([{"field": "name", "old": "North region children's diabetes network",
                "new": "North network"}])
    );
    assert_eq!(
        d["pathways"],
        json!([
            {"change": "changed", "id": "t1d", "name": "Type 1 diabetes in children",
             "fields": [{"field": "name", "old": "Type 1 diabetes", "new": "Type 1 diabetes in children"},
                        {"field": "condition", "old": "LongTerm", "new": "ShortTerm"}]},
            {"change": "added", "id": "asthma", "name": "Asthma",
             "fields": [{"field": "name", "old": null, "new": "Asthma"},
                        {"field": "condition", "old": null, "new": "LongTerm"}]},
        ])
    );
    assert_eq!(
        d["organisations"][0],
        json!({"change": "changed", "id": "gp", "name": "General practices",
               "fields": [{"field": "level", "old": "Primary", "new": "Community"}]})
    );
    assert_eq!(d["organisations"][1]["change"], "added");
    // A ShortTerm pathway no longer needs Review and Transition; asthma has no data.
    let strength = d["strength"].as_array().unwrap();
    assert_eq!(strength.len(), 2);
    assert_eq!(strength[1]["old"], Value::Null);
    assert_eq!(
        strength[1]["new"],
        json!({"strength": null, "status": "NoData"})
    );
    let missing: Vec<&Value> = d["findings"]["appeared"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "MissingPhase")
        .collect();
    assert_eq!(missing.len(), 6, "every phase of the empty asthma pathway");
}

#[test]
fn a_component_moved_to_another_pathway_keeps_its_id() {
    let old = base();
    let mut new = base();
    new.add_pathway(carepath::model::Pathway::new(
        "t2d",
        "Type 2",
        Condition::LongTerm,
    ))
    .unwrap();
    let c = new.remove_component("annual-review").unwrap();
    new.add_component("t2d", c, None).unwrap();
    let d = diff_json(&old, &new);
    let moved = d["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "annual-review")
        .unwrap();
    assert_eq!(moved["change"], "changed");
    assert_eq!(
        moved["fields"],
        json!([{"field": "pathway", "old": "t1d", "new": "t2d"}])
    );
}
