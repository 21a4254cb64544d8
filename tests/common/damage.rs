//! A check run on many damaged copies of a file (tests/loader_fast.rs, loader_fuzz.rs):
//! each copy has one to three pieces of damage; a failure is shrunk to the least damage
//! that still fails.

use std::fmt::Debug;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

/// `check` of `cases` damaged copies of `original` (`apply` makes each piece of
/// `damage`); panics, naming `name`, with the least damage that fails. Returns how many
/// copies `check` said loaded.
pub fn on_damaged_copies<D: Debug + Clone>(
    name: &str,
    original: &[u8],
    cases: u32,
    damage: impl Strategy<Value = D>,
    apply: impl Fn(&mut Vec<u8>, &D),
    check: impl Fn(Vec<u8>) -> Result<bool, TestCaseError>,
) -> u32 {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let loaded = std::cell::Cell::new(0u32);
    let result = runner.run(&prop::collection::vec(damage, 1..4), |damages| {
        let mut bytes = original.to_vec();
        for d in &damages {
            apply(&mut bytes, d);
        }
        if check(bytes)? {
            loaded.set(loaded.get() + 1);
        }
        Ok(())
    });
    match result {
        Ok(()) => loaded.get(),
        Err(TestError::Fail(why, damages)) => {
            panic!("{name}: {why}\nminimal damage: {damages:?}")
        }
        Err(TestError::Abort(why)) => panic!("{name}: aborted: {why}"),
    }
}

/// `PROPTEST_CASES`, or `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}
