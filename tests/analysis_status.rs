//! The README's rules (status and weakest links): attainment, status, component strength and status, and the pathway's
//! strength and status over the components that journeys reach.

mod common;

use carepath::analysis::{Score, Status, analyse, attainment, measure_status};
use carepath::model::{Condition, Direction, Phase};
use common::{Builder, assert_close, hi, lo, m, strength};

use Direction::{HigherIsBetter as Hi, LowerIsBetter as Lo};
use Status::{Amber, Green, NoData, Red};

/// (direction, target, amber, value, status, attainment)
type Row = (
    Direction,
    f64,
    Option<f64>,
    Option<f64>,
    Status,
    Option<f64>,
);

#[track_caller]
fn check_rows(rows: &[Row]) {
    for &(dir, t, amber, v, status, att) in rows {
        let measure = m(dir, t, amber, v);
        let what = format!("{dir:?} target {t} amber {amber:?} value {v:?}");
        assert_eq!(measure_status(&measure), status, "status of {what}");
        match (attainment(&measure), att) {
            (Some(a), Some(b)) => {
                assert!(
                    (a - b).abs() < 1e-12,
                    "attainment of {what}: {a}, expected {b}"
                );
                assert!(
                    (0.0..=1.0).contains(&a),
                    "attainment of {what} out of [0, 1]"
                );
            }
            (a, b) => assert_eq!(a, b, "attainment of {what}"),
        }
    }
}

#[test]
fn higher_is_better_without_amber() {
    check_rows(&[
        // The target met exactly is Green; above it attainment stays at 1.
        (Hi, 100.0, None, Some(100.0), Green, Some(1.0)),
        (Hi, 100.0, None, Some(100.000_001), Green, Some(1.0)),
        (Hi, 100.0, None, Some(1e9), Green, Some(1.0)),
        // Just short of the target: attainment just under 1, Amber (>= 0.9).
        (Hi, 100.0, None, Some(99.999_999), Amber, Some(0.999_999_99)),
        // Attainment exactly 0.9 is Amber; just below is Red.
        (Hi, 100.0, None, Some(90.0), Amber, Some(0.9)),
        (Hi, 10.0, None, Some(9.0), Amber, Some(0.9)),
        (Hi, 100.0, None, Some(89.999_999), Red, Some(0.899_999_99)),
        (Hi, 10.0, None, Some(8.999_999), Red, Some(0.899_999_9)),
        (Hi, 100.0, None, Some(50.0), Red, Some(0.5)),
        // Zero and below clamp to attainment 0.
        (Hi, 100.0, None, Some(0.0), Red, Some(0.0)),
        (Hi, 100.0, None, Some(-5.0), Red, Some(0.0)),
        // No value: no data, no attainment.
        (Hi, 100.0, None, None, NoData, None),
    ]);
}

#[test]
fn higher_is_better_with_amber() {
    check_rows(&[
        (Hi, 100.0, Some(80.0), Some(100.0), Green, Some(1.0)),
        (Hi, 100.0, Some(80.0), Some(120.0), Green, Some(1.0)),
        (Hi, 100.0, Some(80.0), Some(99.999), Amber, Some(0.999_99)),
        (Hi, 100.0, Some(80.0), Some(80.001), Amber, Some(0.800_01)),
        // Equal to amber is Amber; just worse is Red.
        (Hi, 100.0, Some(80.0), Some(80.0), Amber, Some(0.8)),
        (Hi, 100.0, Some(80.0), Some(79.999), Red, Some(0.799_99)),
        // With amber given, the 0.9 rule does not apply: 92 of 100 is Red when amber is 95.
        (Hi, 100.0, Some(95.0), Some(92.0), Red, Some(0.92)),
        (Hi, 100.0, Some(95.0), Some(95.0), Amber, Some(0.95)),
        // An amber below 0.9 of the target makes Amber wider than the 0.9 rule would.
        (Hi, 100.0, Some(50.0), Some(60.0), Amber, Some(0.6)),
        // amber == target: nothing is Amber.
        (Hi, 100.0, Some(100.0), Some(100.0), Green, Some(1.0)),
        (Hi, 100.0, Some(100.0), Some(99.99), Red, Some(0.9999)),
        (Hi, 100.0, Some(80.0), None, NoData, None),
    ]);
}

#[test]
fn lower_is_better_without_amber() {
    check_rows(&[
        (Lo, 15.0, None, Some(15.0), Green, Some(1.0)),
        (Lo, 15.0, None, Some(14.999), Green, Some(1.0)),
        (Lo, 15.0, None, Some(0.0), Green, Some(1.0)),
        (Lo, 15.0, None, Some(-3.0), Green, Some(1.0)),
        (Lo, 15.0, None, Some(15.001), Amber, Some(15.0 / 15.001)),
        // 18 / 20 = 0.9 exactly: Amber; a hair more is Red.
        (Lo, 18.0, None, Some(20.0), Amber, Some(0.9)),
        (Lo, 90.0, None, Some(100.0), Amber, Some(0.9)),
        (Lo, 18.0, None, Some(20.000_01), Red, Some(18.0 / 20.000_01)),
        (Lo, 90.0, None, Some(100.000_1), Red, Some(90.0 / 100.000_1)),
        (Lo, 15.0, None, Some(30.0), Red, Some(0.5)),
        (Lo, 15.0, None, None, NoData, None),
    ]);
}

#[test]
fn lower_is_better_with_amber() {
    check_rows(&[
        (Lo, 15.0, Some(20.0), Some(15.0), Green, Some(1.0)),
        (Lo, 15.0, Some(20.0), Some(10.0), Green, Some(1.0)),
        (
            Lo,
            15.0,
            Some(20.0),
            Some(15.001),
            Amber,
            Some(15.0 / 15.001),
        ),
        // Equal to amber is Amber (attainment 0.75); just worse is Red.
        (Lo, 15.0, Some(20.0), Some(20.0), Amber, Some(0.75)),
        (Lo, 15.0, Some(20.0), Some(20.001), Red, Some(15.0 / 20.001)),
        (Lo, 15.0, Some(20.0), Some(25.6), Red, Some(15.0 / 25.6)),
        // amber beats the 0.9 rule: 16 against 15 is attainment 0.9375 but past amber 15.5.
        (Lo, 15.0, Some(15.5), Some(16.0), Red, Some(15.0 / 16.0)),
        (Lo, 15.0, Some(15.0), Some(15.0), Green, Some(1.0)),
        (Lo, 15.0, Some(15.0), Some(15.01), Red, Some(15.0 / 15.01)),
        (Lo, 15.0, Some(20.0), None, NoData, None),
    ]);
}

#[test]
fn lower_is_better_with_target_zero() {
    check_rows(&[
        // "Zero never events": 0 meets the target, anything above has attainment 0.
        (Lo, 0.0, None, Some(0.0), Green, Some(1.0)),
        (Lo, 0.0, None, Some(-1.0), Green, Some(1.0)),
        (Lo, 0.0, None, Some(0.001), Red, Some(0.0)),
        (Lo, 0.0, None, Some(3.0), Red, Some(0.0)),
        // With an amber edge, values up to it are Amber though attainment is 0.
        (Lo, 0.0, Some(1.0), Some(0.0), Green, Some(1.0)),
        (Lo, 0.0, Some(1.0), Some(0.5), Amber, Some(0.0)),
        (Lo, 0.0, Some(1.0), Some(1.0), Amber, Some(0.0)),
        (Lo, 0.0, Some(1.0), Some(1.001), Red, Some(0.0)),
        (Lo, 0.0, None, None, NoData, None),
        // A negative target and a positive value: attainment 0 as well.
        (Lo, -2.0, None, Some(1.0), Red, Some(0.0)),
        (Lo, -2.0, None, Some(-2.0), Green, Some(1.0)),
    ]);
}

#[test]
fn component_strength_is_the_smallest_attainment_with_data() {
    // 0.95 (Amber by the 0.9 rule), 10/15 (Amber: at or inside amber 20), no data.
    let measures = [
        hi(100.0, 95.0),
        m(Lo, 10.0, Some(20.0), Some(15.0)),
        m(Hi, 100.0, None, None),
    ];
    let s = Score::of(&measures);
    assert_close(s.strength.expect("data"), 10.0 / 15.0);
    assert_eq!(s.status, Amber);

    // One Red among Greens: the worst status wins; the strength is the Red one's.
    let s = Score::of(&[hi(10.0, 12.0), lo(5.0, 10.0), hi(1.0, 1.0)]);
    assert_eq!(s.status, Red);
    assert_close(s.strength.unwrap(), 0.5);

    // The status is the worst status, not the status of the weakest measure: here the
    // weakest attainment (0.6) is Amber thanks to its wide amber, but another measure
    // with higher attainment (0.85) is Red.
    let s = Score::of(&[m(Hi, 100.0, Some(50.0), Some(60.0)), hi(100.0, 85.0)]);
    assert_close(s.strength.unwrap(), 0.6);
    assert_eq!(s.status, Red);

    // All Green.
    let s = Score::of(&[hi(10.0, 10.0), lo(3.0, 1.0)]);
    assert_eq!((s.strength, s.status), (Some(1.0), Green));

    // Measures without data leave no trace; none with data is NoData with no strength.
    let s = Score::of(&[m(Hi, 1.0, None, None), m(Lo, 1.0, Some(2.0), None)]);
    assert_eq!((s.strength, s.status), (None, NoData));
    let s = Score::of(&[]);
    assert_eq!((s.strength, s.status), (None, NoData));
}

#[test]
fn status_worst_order_is_red_amber_green_and_no_data_gives_way() {
    for (a, b, worst) in [
        (Red, Amber, Red),
        (Amber, Red, Red),
        (Red, Green, Red),
        (Amber, Green, Amber),
        (Green, Amber, Amber),
        (Green, Green, Green),
        (NoData, Green, Green),
        (Red, NoData, Red),
        (NoData, Amber, Amber),
        (NoData, NoData, NoData),
    ] {
        assert_eq!(a.worst(b), worst, "{a:?} with {b:?}");
    }
    // Every status has its own symbol and word.
    let all = [Red, Amber, Green, NoData];
    for (i, s) in all.iter().enumerate() {
        assert!(!s.word().is_empty());
        for t in &all[i + 1..] {
            assert_ne!(s.symbol(), t.symbol());
            assert_ne!(s.word(), t.word());
        }
    }
}

#[test]
fn component_and_link_scores_in_the_analysis() {
    let network = Builder::new(Condition::ShortTerm)
        .c("a", Phase::Recognition)
        .c("b", Phase::Assessment)
        .c("c", Phase::Management)
        .chain(&["a", "b", "c"])
        .measure("a", hi(100.0, 95.0))
        .measure("a", lo(10.0, 40.0))
        .measure("b", m(Hi, 100.0, None, None))
        .link_measure("a", "b", hi(100.0, 90.0))
        .build();
    let analysis = analyse(&network);
    let p = &analysis.pathways[0];
    // a: min(0.95, 0.25) = 0.25, Red; b: a measure without data is no data.
    assert_close(p.components[0].score.strength.unwrap(), 0.25);
    assert_eq!(p.components[0].score.status, Red);
    assert_eq!(
        p.components[1].score,
        Score {
            strength: None,
            status: NoData
        }
    );
    assert_eq!(p.components[2].score.status, NoData);
    // Impact: (1 - 0.25) × reach 1; none without data.
    assert_close(p.components[0].impact.unwrap(), 0.75);
    assert_eq!(p.components[1].impact, None);
    // The link a → b: attainment 0.9, Amber; b → c unmeasured.
    assert_close(p.links[0].score.strength.unwrap(), 0.9);
    assert_eq!(p.links[0].score.status, Amber);
    assert_close(p.links[0].impact.unwrap(), 0.1);
    assert_eq!(p.links[1].score.status, NoData);
    assert_eq!(p.links[1].impact, None);
    // The pathway: the weakest reached component.
    assert_close(p.strength.unwrap(), 0.25);
    assert_eq!(p.status, Red);
}

#[test]
fn pathway_strength_and_status_count_only_reached_components() {
    // a → b, and an orphan o (reach 0) that is Red with strength 0.1.
    let network = Builder::new(Condition::ShortTerm)
        .c("a", Phase::Recognition)
        .c("b", Phase::Assessment)
        .c("o", Phase::Management)
        .link("a", "b")
        .measure("a", strength(0.95))
        .measure("b", strength(1.0))
        .measure("o", strength(0.1))
        .build();
    let analysis = analyse(&network);
    let p = &analysis.pathways[0];
    assert_eq!(p.components[2].reach, 0.0);
    assert_eq!(p.components[2].score.status, Red);
    // The orphan's impact is (1 - 0.1) × 0 = 0.
    assert_eq!(p.components[2].impact, Some(0.0));
    assert_close(p.strength.unwrap(), 0.95);
    assert_eq!(p.status, Amber);
}

#[test]
fn pathway_without_data_on_reached_components_is_no_data() {
    // The only data is on the orphan: the pathway has no strength and no status.
    let network = Builder::new(Condition::ShortTerm)
        .c("a", Phase::Recognition)
        .c("b", Phase::Assessment)
        .c("o", Phase::Management)
        .link("a", "b")
        .measure("b", m(Hi, 10.0, None, None))
        .measure("o", strength(0.5))
        .build();
    let p = &analyse(&network).pathways[0];
    assert_eq!((p.strength, p.status), (None, NoData));

    // An empty pathway, and a pathway of one unmeasured component, have no data either.
    let empty = Builder::new(Condition::LongTerm).build();
    let p = &analyse(&empty).pathways[0];
    assert_eq!((p.strength, p.status), (None, NoData));
    let one = Builder::new(Condition::LongTerm)
        .c("a", Phase::Recognition)
        .build();
    let p = &analyse(&one).pathways[0];
    assert_eq!((p.strength, p.status), (None, NoData));
}

#[test]
fn pathway_status_is_the_worst_and_strength_the_smallest_over_reached_components() {
    // A diamond: every component is reached. Green 1.0, Amber 0.95, Red with a wide
    // amber... The pathway takes the smallest strength and, separately, the worst status.
    let network = Builder::new(Condition::ShortTerm)
        .c("a", Phase::Recognition)
        .c("b", Phase::Assessment)
        .c("c", Phase::Assessment)
        .c("d", Phase::Management)
        .link("a", "b")
        .link("a", "c")
        .link("b", "d")
        .link("c", "d")
        .measure("a", strength(1.0))
        // Amber with the lowest strength (amber edge at 0.5).
        .measure("b", m(Hi, 1.0, Some(0.5), Some(0.6)))
        // Red with a higher strength.
        .measure("c", strength(0.85))
        .build();
    let p = &analyse(&network).pathways[0];
    assert_close(p.strength.unwrap(), 0.6);
    assert_eq!(p.status, Red);
}
