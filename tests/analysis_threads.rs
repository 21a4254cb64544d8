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
