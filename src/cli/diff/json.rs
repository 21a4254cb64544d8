//! `diff --format json`: the two sides, then every section of `NetworkDiff` as it is.

use serde::Serialize;

use crate::diff::NetworkDiff;
use crate::diff::text::Names;
use crate::model::Network;

#[derive(Serialize)]
struct Side<'a> {
    file: &'a str,
    /// The network's name; null for a side that does not exist (`/dev/null`).
    network: Option<&'a str>,
}

#[derive(Serialize)]
struct Report<'a> {
    old: Side<'a>,
    new: Side<'a>,
    /// False when nothing changed in pathway terms.
    changed: bool,
    #[serde(flatten)]
    diff: &'a NetworkDiff,
}

/// The report as carepath's pretty JSON (`text::write_json`: hidden characters escaped).
pub fn report(names: &Names, old: &Network, new: &Network, diff: &NetworkDiff) -> String {
    let report = Report {
        old: Side {
            file: names.old,
            network: (!names.old_absent).then_some(old.name.as_str()),
        },
        new: Side {
            file: names.new,
            network: (!names.new_absent).then_some(new.name.as_str()),
        },
        changed: !diff.is_empty(),
        diff,
    };
    let mut json = Vec::new();
    crate::text::write_json(&mut json, &report).expect("a diff holds only finite numbers");
    String::from_utf8(json).expect("serde_json writes UTF-8")
}
