//! `analyse` spreads large networks over threads; the answer must not depend on how many.

use carepath::analysis::{analyse, analyse_on};
use carepath::generate;

#[test]
fn one_thread_or_many_give_the_same_analysis() {
    // 6,000 components make four pathways, above the size where threads start.
    for (components, seed) in [(60, 1), (6_000, 1), (6_000, 7), (9_000, 3)] {
        let network = generate::network(components, seed);
        let one = analyse_on(&network, 1);
        assert!(!one.findings.is_empty() && !one.weakest.is_empty());
        for threads in [2, 3, 8] {
            assert!(
                analyse_on(&network, threads) == one,
                "{components} components, seed {seed}: {threads} threads differ from one"
            );
        }
        assert!(analyse(&network) == one);
    }
}

#[test]
fn the_reference_date_is_the_same_on_any_number_of_threads() {
    use carepath::analysis::currency::reference_date;
    let mut network = generate::network(6_000, 2);
    let latest = reference_date(&network);
    assert!(latest.is_some(), "generated measures have periods");
    for threads in [1, 2, 5] {
        assert_eq!(analyse_on(&network, threads).reference, latest);
    }
    // A date the network is judged at comes first, before or after its latest period.
    for as_of in ["2001-02-03", "2099-12-31"] {
        network.as_of = Some(as_of.to_string());
        let date = reference_date(&network);
        assert_eq!(date, carepath::model::parse_date(as_of));
        assert_eq!(analyse_on(&network, 2).reference, date);
    }
}
