//! The README's rules (status and weakest links): every kind of finding, with a network that produces it and one that nearly
//! does but must not. The order of findings is in `analysis_order.rs`.

mod common;

use carepath::analysis::{FindingKind, Severity, analyse};
use carepath::model::{Condition, Integration, Network, Phase, Sector};
use common::{Builder, Seen as Finding, findings_of, named_m, strength};

use FindingKind::*;
use Phase::{Assessment, Management, Prevention, Recognition, Review, Transition};
use Severity::{High, Low, Medium};

/// A ShortTerm pathway "Test pathway" with no findings at all: pre → rec → ass → man, one
/// journey, providers all in Health, every component Green (add measures with
/// `measured`).
fn clean() -> Builder {
    Builder::named("Test network")
        .org("gp", "General practices", Sector::Health)
        .org("pdu", "Paediatric diabetes unit", Sector::Health)
        .org("sc", "Children's social care", Sector::SocialCare)
        .pathway("p", "Test pathway", Condition::ShortTerm)
        .named_c("pre", "Health visiting", Prevention, Some("gp"))
        .named_c(
            "rec",
            "Recognition in general practice",
            Recognition,
            Some("gp"),
        )
        .named_c("ass", "Assessment at the unit", Assessment, Some("pdu"))
        .named_c("man", "Management clinic", Management, Some("pdu"))
        .chain(&["pre", "rec", "ass", "man"])
}

/// Every component of `clean` Green.
fn measured(b: Builder) -> Builder {
    ["pre", "rec", "ass", "man"]
        .iter()
        .fold(b, |b, id| b.measure(id, strength(1.0)))
}

/// The one finding of `kind`; fails if there is not exactly one.
#[track_caller]
fn one(network: &Network, kind: FindingKind) -> Finding {
    let mut found = findings_of(network, kind);
    assert_eq!(found.len(), 1, "one {kind:?}: {found:#?}");
    found.remove(0)
}

#[track_caller]
fn none(network: &Network, kind: FindingKind) {
    let found = findings_of(network, kind);
    assert!(found.is_empty(), "no {kind:?} expected: {found:#?}");
}

/// A message for people: names every one of `names`, and has no Rust in it.
#[track_caller]
fn assert_plain(message: &str, names: &[&str]) {
    for name in names {
        assert!(message.contains(name), "{message:?} does not name {name:?}");
    }
    for rust in ["Some(", "None", "::", "{", "}", "\"\"", "NaN", "inf"] {
        assert!(!message.contains(rust), "{message:?} has {rust:?}");
    }
    assert!(
        message
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase),
        "{message:?}"
    );
}

#[track_caller]
fn on_component(f: &Finding, kind: FindingKind, severity: Severity, id: &str) {
    assert_eq!((f.kind, f.severity, f.pathway), (kind, severity, 0));
    assert_eq!(f.component.as_deref(), Some(id));
    assert_eq!(f.link, None);
}

#[track_caller]
fn on_link(f: &Finding, kind: FindingKind, severity: Severity, from: &str, to: &str) {
    assert_eq!((f.kind, f.severity, f.pathway), (kind, severity, 0));
    assert_eq!(f.component, None);
    assert_eq!(f.link, Some((from.to_string(), to.to_string())));
}

#[test]
fn the_clean_pathway_has_no_findings() {
    let network = measured(clean()).build();
    assert_eq!(analyse(&network).findings, []);
}

#[test]
fn weak_component() {
    // HbA1c: 20% against 40% is attainment 0.5: Red, High.
    let network = measured(clean())
        .measure(
            "ass",
            named_m(
                "hba1c",
                "Children with HbA1c under 58",
                "%",
                40.0,
                Some(20.0),
            ),
        )
        .build();
    let f = one(&network, WeakComponent);
    on_component(&f, WeakComponent, High, "ass");
    assert_plain(
        &f.message,
        &[
            "Assessment at the unit",
            "Paediatric diabetes unit",
            "Red",
            "Children with HbA1c under 58",
            "20%",
            "40%",
        ],
    );
    // 38% against 40% is 0.95: Amber, Medium.
    let network = measured(clean())
        .measure(
            "ass",
            named_m(
                "hba1c",
                "Children with HbA1c under 58",
                "%",
                40.0,
                Some(38.0),
            ),
        )
        .build();
    let f = one(&network, WeakComponent);
    on_component(&f, WeakComponent, Medium, "ass");
    assert_plain(
        &f.message,
        &["Assessment at the unit", "Amber", "38%", "40%"],
    );
    // At target: Green, no finding; a measure without data adds nothing.
    let network = measured(clean())
        .measure("ass", named_m("hba1c", "HbA1c", "%", 40.0, Some(40.0)))
        .measure("man", named_m("dka", "DKA", "%", 40.0, None))
        .build();
    none(&network, WeakComponent);
}

#[test]
fn weak_link() {
    let network = measured(clean())
        .link_measure(
            "ass",
            "man",
            named_m("wait", "Seen within two weeks", "%", 90.0, Some(45.0)),
        )
        .build();
    let f = one(&network, WeakLink);
    on_link(&f, WeakLink, High, "ass", "man");
    assert_plain(
        &f.message,
        &[
            "Assessment at the unit",
            "Management clinic",
            "Red",
            "Seen within two weeks",
            "45%",
            "90%",
        ],
    );
    // 85 of 90 is 0.94: Amber.
    let network = measured(clean())
        .link_measure(
            "ass",
            "man",
            named_m("wait", "Seen within two weeks", "%", 90.0, Some(85.0)),
        )
        .build();
    let f = one(&network, WeakLink);
    on_link(&f, WeakLink, Medium, "ass", "man");
    assert_plain(
        &f.message,
        &["Assessment at the unit", "Management clinic", "Amber"],
    );
    // Above target: no finding.
    let network = measured(clean())
        .link_measure(
            "ass",
            "man",
            named_m("wait", "Seen within two weeks", "%", 90.0, Some(95.0)),
        )
        .build();
    none(&network, WeakLink);
}

/// rec (provided by an organisation in `from`) → ass (in `to`), integration as given.
fn handoff(from: Sector, to: Sector, integration: Option<Integration>, providers: bool) -> Network {
    let mut b = Builder::named("Hand-offs")
        .org("a", "Alder surgery", from)
        .org("b", "Birch team", to)
        .pathway("p", "Test pathway", Condition::ShortTerm);
    let (pa, pb) = if providers {
        (Some("a"), Some("b"))
    } else {
        (Some("a"), None)
    };
    b = b.named_c("rec", "Recognition", Recognition, pa).named_c(
        "ass",
        "Assessment",
        Assessment,
        pb,
    );
    match integration {
        Some(i) => b.link_at("rec", "ass", i),
        None => b.link("rec", "ass"),
    }
    .build()
}

#[test]
fn weak_handoff() {
    use Integration::*;
    use Sector::*;
    let f = one(&handoff(Health, SocialCare, None, true), WeakHandoff);
    on_link(&f, WeakHandoff, Medium, "rec", "ass");
    assert_plain(
        &f.message,
        &[
            "Alder surgery",
            "Health",
            "Birch team",
            "Social care",
            "no recorded integration",
        ],
    );
    let f = one(
        &handoff(Education, Voluntary, Some(Linkage), true),
        WeakHandoff,
    );
    on_link(&f, WeakHandoff, Medium, "rec", "ass");
    assert_plain(
        &f.message,
        &[
            "Alder surgery",
            "Education",
            "Birch team",
            "Voluntary",
            "Linkage",
        ],
    );
    // Same sector, even with no integration: no finding.
    none(&handoff(Health, Health, None, true), WeakHandoff);
    none(
        &handoff(SocialCare, SocialCare, Some(Linkage), true),
        WeakHandoff,
    );
    // Across sectors at Coordination or better: no finding.
    for i in [Coordination, ManagedIntegration, FullIntegration] {
        none(&handoff(Health, SocialCare, Some(i), true), WeakHandoff);
    }
    // An end with no provider has no sector: no finding.
    none(&handoff(Health, SocialCare, None, false), WeakHandoff);
}

#[test]
fn missing_phase() {
    // A LongTerm pathway with no Transition component.
    let network = Builder::new(Condition::LongTerm)
        .c("pre", Prevention)
        .c("rec", Recognition)
        .c("ass", Assessment)
        .c("man", Management)
        .c("rev", Review)
        .chain(&["pre", "rec", "ass", "man", "rev"])
        .build();
    let f = one(&network, MissingPhase);
    assert_eq!((f.severity, f.pathway, f.phase), (Medium, 0, Transition));
    assert_eq!((f.component, f.link), (None, None));
    assert_plain(&f.message, &["Test pathway", "Transition"]);
    // A ShortTerm pathway needs only Prevention..Management.
    none(&measured(clean()).build(), MissingPhase);
    // ... and does need Assessment.
    let network = Builder::new(Condition::ShortTerm)
        .c("pre", Prevention)
        .c("rec", Recognition)
        .c("man", Management)
        .chain(&["pre", "rec", "man"])
        .build();
    let f = one(&network, MissingPhase);
    assert_eq!(f.phase, Assessment);
    assert_plain(&f.message, &["Test pathway", "Assessment"]);
    // An empty LongTerm pathway misses all six, in phase order.
    let found = findings_of(&Builder::new(Condition::LongTerm).build(), MissingPhase);
    assert_eq!(
        found.iter().map(|f| f.phase).collect::<Vec<_>>(),
        Phase::ALL
    );
}

#[test]
fn dead_end() {
    // rec → "Advice only" in Assessment, which leads nowhere: before Management.
    let network = measured(clean())
        .named_c("advice", "Advice only", Assessment, Some("pdu"))
        .link("rec", "advice")
        .build();
    let f = one(&network, DeadEnd);
    on_component(&f, DeadEnd, Medium, "advice");
    assert_plain(
        &f.message,
        &[
            "Advice only",
            "Paediatric diabetes unit",
            "Assessment",
            "Management",
        ],
    );
    // An exit in the last required phase (Management, ShortTerm) is not a dead end.
    none(&measured(clean()).build(), DeadEnd);
    // Nor one after it.
    let network = clean().c("rev", Review).link("man", "rev").build();
    none(&network, DeadEnd);
    // LongTerm: an exit in Review is a dead end; in Transition it is not.
    let long = |last: Phase| {
        Builder::new(Condition::LongTerm)
            .c("rec", Recognition)
            .named_c("end", "Last stop", last, None)
            .link("rec", "end")
            .build()
    };
    on_component(&one(&long(Review), DeadEnd), DeadEnd, Medium, "end");
    none(&long(Transition), DeadEnd);
}

#[test]
fn a_pathway_ending_in_a_loop_has_one_dead_end_at_its_latest_member() {
    // rec → ass → man ⇄ rev, LongTerm: journeys end in the loop {man, rev}, whose latest
    // member is rev, in Review, before Transition.
    let network = Builder::new(Condition::LongTerm)
        .c("rec", Recognition)
        .c("ass", Assessment)
        .named_c("man", "Clinic", Management, None)
        .named_c("rev", "Annual review", Review, None)
        .chain(&["rec", "ass", "man", "rev", "man"])
        .build();
    let f = one(&network, DeadEnd);
    on_component(&f, DeadEnd, Medium, "rev");
    assert_plain(&f.message, &["Annual review", "Review", "Transition"]);
    one(&network, Loop);
}

#[test]
fn no_entry_route() {
    // A self-referral clinic in Assessment, with no route in.
    let network = measured(clean())
        .named_c("self", "Self-referral clinic", Assessment, Some("pdu"))
        .link("self", "man")
        .build();
    let f = one(&network, NoEntryRoute);
    on_component(&f, NoEntryRoute, Medium, "self");
    assert_plain(
        &f.message,
        &[
            "Self-referral clinic",
            "Paediatric diabetes unit",
            "Assessment",
        ],
    );
    // An entry in Recognition, or in Prevention, is fine.
    let network = measured(clean())
        .named_c("school", "School nurse", Recognition, None)
        .link("school", "ass")
        .build();
    none(&network, NoEntryRoute);
    none(&measured(clean()).build(), NoEntryRoute);
}

#[test]
fn orphan() {
    // An orphan in Assessment would be both a dead end and an entry after Recognition,
    // were it not an orphan: it is only an orphan.
    let network = measured(clean())
        .named_c("lost", "Lost clinic", Assessment, Some("pdu"))
        .build();
    let f = one(&network, Orphan);
    on_component(&f, Orphan, Medium, "lost");
    assert_plain(&f.message, &["Lost clinic", "Paediatric diabetes unit"]);
    let all = common::seen(&network);
    assert!(
        all.iter()
            .filter(|f| f.component.as_deref() == Some("lost"))
            .all(|f| ![DeadEnd, NoEntryRoute].contains(&f.kind)),
        "{all:#?}"
    );
    // A pathway of one component has no orphan.
    let single = Builder::new(Condition::ShortTerm)
        .c("only", Management)
        .build();
    none(&single, Orphan);
    // A component with only a link to itself is not an orphan.
    let network = measured(clean())
        .c("again", Management)
        .link("again", "again")
        .build();
    none(&network, Orphan);
}

#[test]
fn unmeasured() {
    // man's only measure has no value.
    let network = clean()
        .measure("pre", strength(1.0))
        .measure("rec", strength(1.0))
        .measure("ass", strength(1.0))
        .measure("man", named_m("dka", "DKA", "%", 5.0, None))
        .build();
    let f = one(&network, Unmeasured);
    on_component(&f, Unmeasured, Low, "man");
    assert_plain(
        &f.message,
        &["Management clinic", "Paediatric diabetes unit"],
    );
    // With no measures at all, all four are unmeasured, in phase order.
    let found = findings_of(&clean().build(), Unmeasured);
    let ids: Vec<_> = found
        .iter()
        .map(|f| f.component.as_deref().unwrap())
        .collect();
    assert_eq!(ids, ["pre", "rec", "ass", "man"]);
    // A Red measure is still data: not unmeasured.
    let network = measured(clean()).measure("man", strength(0.0)).build();
    none(&network, Unmeasured);
    // A measured link does not measure its ends.
    let network = clean()
        .measure("pre", strength(1.0))
        .measure("rec", strength(1.0))
        .measure("ass", strength(1.0))
        .link_measure("ass", "man", strength(1.0))
        .build();
    on_component(&one(&network, Unmeasured), Unmeasured, Low, "man");
}

#[test]
fn duplicate() {
    // Same phase, same provider, same name once trimmed and in any case.
    let network = measured(clean())
        .named_c(
            "ass-2",
            "  ASSESSMENT at the Unit ",
            Assessment,
            Some("pdu"),
        )
        .link("rec", "ass-2")
        .link("ass-2", "man")
        .build();
    let f = one(&network, Duplicate);
    on_component(&f, Duplicate, Low, "ass-2");
    assert_plain(&f.message, &["ASSESSMENT at the Unit", "Assessment", "ass"]);
    // A different provider, or a different phase, or one without a provider: no finding.
    for (phase, provider) in [
        (Assessment, Some("gp")),
        (Management, Some("pdu")),
        (Assessment, None),
    ] {
        let network = measured(clean())
            .named_c("ass-2", "Assessment at the unit", phase, provider)
            .link("rec", "ass-2")
            .link("ass-2", "man")
            .build();
        none(&network, Duplicate);
    }
}

#[test]
fn bottleneck() {
    // rec → ass and rec → "Second opinion" → man: 2 journeys. pre, rec and man are on
    // both; ass and the second opinion on one each.
    let network = measured(clean())
        .named_c("second", "Second opinion", Assessment, Some("pdu"))
        .link("rec", "second")
        .link("second", "man")
        .build();
    let found = findings_of(&network, Bottleneck);
    let ids: Vec<_> = found
        .iter()
        .map(|f| f.component.as_deref().unwrap())
        .collect();
    assert_eq!(ids, ["pre", "rec", "man"]);
    on_component(&found[1], Bottleneck, Low, "rec");
    assert_plain(
        &found[1].message,
        &["Recognition in general practice", "General practices"],
    );
    // One journey: every component has reach 1.0, but none is a bottleneck.
    none(&measured(clean()).build(), Bottleneck);
    none(
        &Builder::new(Condition::ShortTerm)
            .c("only", Management)
            .build(),
        Bottleneck,
    );
}

#[test]
fn loops() {
    // The review loop: rev → ass goes back furthest in phase order, so the finding
    // points at it.
    let network = Builder::new(Condition::LongTerm)
        .named_c("pre", "Prevention", Prevention, None)
        .named_c("rec", "Recognition", Recognition, None)
        .named_c("ass", "Assessment clinic", Assessment, None)
        .named_c("man", "Insulin management", Management, None)
        .named_c("rev", "Annual review", Review, None)
        .named_c("tra", "Transition to adult care", Transition, None)
        .chain(&["pre", "rec", "ass", "man", "rev", "tra"])
        .link("rev", "ass")
        .build();
    let f = one(&network, Loop);
    on_link(&f, Loop, Low, "rev", "ass");
    assert_plain(
        &f.message,
        &["Assessment clinic", "Insulin management", "Annual review"],
    );
    assert!(!f.message.contains("Transition to adult care"));
    // A link to itself is a loop too.
    let network = Builder::new(Condition::ShortTerm)
        .named_c("man", "Clinic", Management, None)
        .link("man", "man")
        .build();
    on_link(&one(&network, Loop), Loop, Low, "man", "man");
    // A pathway without a cycle has none.
    none(&measured(clean()).build(), Loop);
}
