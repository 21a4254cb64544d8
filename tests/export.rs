//! `carepath export`: Graphviz renders the DOT without a warning, the Mermaid is a
//! well-formed `flowchart LR`, the SVG is XML with one box per component, the CSV reads
//! back, and the Markdown report is a reviewed snapshot.

mod exchange_support;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use carepath::analysis::{FindingKind, analyse};
use carepath::model::Network;
use exchange_support::{awkward, base, examples, run_in, save};

/// Every network the format tests run on: the examples in `pathways/` (when there are
/// any), the hand-built one, and the one with awkward names.
fn networks(dir: &Path) -> Vec<(PathBuf, Network)> {
    let mut all: Vec<(PathBuf, Network)> = examples()
        .into_iter()
        .map(|p| {
            let n = carepath::storage::load(&p).expect("examples load");
            (p, n)
        })
        .collect();
    all.push((save(dir, "base.ron", &base()), base()));
    all.push((save(dir, "awkward.ron", &awkward()), awkward()));
    all
}

fn export(dir: &Path, file: &Path, format: &str) -> String {
    let run = run_in(dir, &["export", file.to_str().unwrap(), "--format", format]);
    assert_eq!(run.code, 0, "{}: {}", file.display(), run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

fn component_count(n: &Network) -> usize {
    n.pathways().iter().map(|p| p.components().len()).sum()
}

#[test]
fn graphviz_renders_the_dot_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    for (file, network) in networks(dir.path()) {
        let dot = export(dir.path(), &file, "dot");
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("Graphviz `dot` is installed (apt-get install graphviz; .ci/run does it)");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{}: {stderr}", file.display());
        assert!(stderr.is_empty(), "{}: dot said: {stderr}", file.display());
        assert!(!out.stdout.is_empty());

        // One node per component, and each pathway's phase clusters in phase order.
        let nodes = dot
            .lines()
            .filter(|l| {
                l.trim_start().starts_with('c') && l.contains("[label=") && !l.contains(" -> ")
            })
            .count();
        assert_eq!(nodes, component_count(&network), "{}", file.display());
        for p in 0..network.pathways().len() {
            let prefix = format!("subgraph cluster_p{p}_");
            let phases: Vec<usize> = dot
                .lines()
                .filter_map(|l| l.trim().strip_prefix(&prefix))
                .map(|rest| rest.trim_end_matches(" {").parse().unwrap())
                .collect();
            assert!(phases.windows(2).all(|w| w[0] < w[1]), "{phases:?}");
        }
    }
}

#[test]
fn dot_escapes_names_and_styles_weak_handoffs() {
    let dir = tempfile::tempdir().unwrap();
    let file = save(dir.path(), "awkward.ron", &awkward());
    let dot = export(dir.path(), &file, "dot");
    assert!(dot.contains(r#"Awkward \"quoted\" <b>network</b> &amp; co | pipe \\ back line"#));
    assert!(dot.contains(r#"\\N \\n \\l"#), "backslashes doubled");
    assert!(!dot.contains('\u{7}') && !dot.contains('\u{1b}'));
    let base_file = save(dir.path(), "base.ron", &base());
    let dot = export(dir.path(), &base_file, "dot");
    let weak: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains(" -> ") && l.contains("weak hand-off"))
        .collect();
    assert_eq!(weak.len(), 1, "{dot}");
    assert!(weak[0].contains("style=dashed"), "{}", weak[0]);
    assert!(
        dot.contains("! Amber · 83%"),
        "status symbol and word on the node"
    );
}

/// Checks a Mermaid flowchart line by line against the forms carepath writes, and that
/// every id is safe, every label quoted with no quote inside, and subgraphs balance.
fn check_mermaid(text: &str) {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    let reserved = [
        "end",
        "subgraph",
        "graph",
        "flowchart",
        "style",
        "class",
        "classDef",
        "linkStyle",
        "click",
        "direction",
        "default",
    ];
    let id_ok = |id: &str| {
        !id.is_empty()
            && id.chars().next().unwrap().is_ascii_lowercase()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !reserved.contains(&id)
    };
    let label_ok = |label: &str| {
        !label.contains('"') && !label.contains('\n') && !label.chars().any(char::is_control)
    };
    let quoted = |s: &str| -> Option<String> {
        let inner = s.strip_prefix("[\"")?.strip_suffix("\"]")?;
        Some(inner.to_string())
    };
    let mut depth = 0i32;
    let mut defined = HashSet::new();
    let mut links = 0usize;
    let mut styled = Vec::new();
    for line in lines {
        let l = line.trim();
        if l.starts_with("%%") || l == "direction LR" || l == "direction TB" {
            continue;
        }
        if l == "end" {
            depth -= 1;
            assert!(depth >= 0, "unbalanced end");
            continue;
        }
        if let Some(rest) = l.strip_prefix("subgraph ") {
            let at = rest.find('[').expect("subgraph with a label");
            assert!(id_ok(&rest[..at]), "{l}");
            assert!(label_ok(&quoted(&rest[at..]).expect("quoted label")), "{l}");
            defined.insert(rest[..at].to_string());
            depth += 1;
            continue;
        }
        if let Some(rest) = l.strip_prefix("classDef ") {
            assert!(rest.split_once(' ').is_some_and(|(n, _)| id_ok(n)), "{l}");
            continue;
        }
        if let Some(rest) = l.strip_prefix("class ") {
            let (ids, class) = rest.split_once(' ').unwrap();
            assert!(ids.split(',').all(|i| defined.contains(i)), "{l}");
            assert!(id_ok(class), "{l}");
            continue;
        }
        if let Some(rest) = l.strip_prefix("linkStyle ") {
            styled.push(rest.split_once(' ').unwrap().0.parse::<usize>().unwrap());
            continue;
        }
        let parts: Vec<&str> = l.split(' ').collect();
        if parts.len() == 3 && parts[1] == "~~~" {
            assert!(
                defined.contains(parts[0]) && defined.contains(parts[2]),
                "{l}"
            );
            links += 1;
            continue;
        }
        if let Some((from, rest)) = l.split_once(" -->|\"").or_else(|| l.split_once(" -.->|\"")) {
            let (label, to) = rest.rsplit_once("\"| ").expect("a quoted link label");
            assert!(label_ok(label), "{l}");
            assert!(defined.contains(from) && defined.contains(to), "{l}");
            links += 1;
            continue;
        }
        let at = l
            .find('[')
            .unwrap_or_else(|| panic!("unexpected line: {l}"));
        assert!(id_ok(&l[..at]), "{l}");
        assert!(label_ok(&quoted(&l[at..]).expect("quoted label")), "{l}");
        assert!(defined.insert(l[..at].to_string()), "id defined twice: {l}");
    }
    assert_eq!(depth, 0, "every subgraph ends");
    assert!(
        styled.iter().all(|&i| i < links),
        "linkStyle index out of range"
    );
}

#[test]
fn mermaid_is_a_valid_flowchart() {
    let dir = tempfile::tempdir().unwrap();
    for (file, network) in networks(dir.path()) {
        let text = export(dir.path(), &file, "mermaid");
        check_mermaid(&text);
        let nodes = text
            .lines()
            .filter(|l| l.trim_start().starts_with('c') && l.contains("[\""))
            .count();
        assert_eq!(nodes, component_count(&network), "{}", file.display());
    }
    let file = save(dir.path(), "awkward.ron", &awkward());
    let text = export(dir.path(), &file, "mermaid");
    assert!(text.contains("#34;q#34;"), "quotes as entity codes: {text}");
    assert!(
        text.contains("#60;script#62;"),
        "angle brackets as entity codes"
    );
    assert!(text.contains("日本語 🚀"), "unicode kept");
    assert!(
        text.contains("-.->|\"✗ Red · Hand-off · weak hand-off\"|"),
        "{text}"
    );
}

#[test]
fn svg_is_xml_with_one_box_per_component() {
    let dir = tempfile::tempdir().unwrap();
    for (file, network) in networks(dir.path()) {
        let text = export(dir.path(), &file, "svg");
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{}: not XML: {e}", file.display()));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(root.attribute("version"), Some("1.1"));
        let has_class = |n: &roxmltree::Node, class: &str| {
            n.attribute("class")
                .is_some_and(|c| c.split_whitespace().any(|w| w == class))
        };
        let boxes: Vec<roxmltree::Node> = root
            .descendants()
            .filter(|n| n.has_tag_name("g") && has_class(n, "component"))
            .collect();
        assert_eq!(boxes.len(), component_count(&network), "{}", file.display());
        // Status by symbol and word as well as colour.
        let analysis = analyse(&network);
        let statuses = analysis
            .pathways
            .iter()
            .flat_map(|p| p.components.iter().map(|c| c.score.status));
        for (b, status) in boxes.iter().zip(statuses) {
            let words: String = b
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text())
                .collect();
            let head = format!("{} {}", status.symbol(), status.word());
            assert!(words.starts_with(&head), "{words} should start {head}");
            assert!(b.children().any(|n| n.has_tag_name("title")));
        }
        let weak = root
            .descendants()
            .filter(|n| n.has_tag_name("g") && has_class(n, "weak-handoff"))
            .collect::<Vec<_>>();
        let expected = analysis
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::WeakHandoff)
            .count();
        assert_eq!(weak.len(), expected, "{}", file.display());
        for g in weak {
            let path = g.children().find(|n| n.has_tag_name("path")).unwrap();
            assert!(path.attribute("stroke-dasharray").is_some());
            assert!(path.attribute("marker-end").is_some(), "an arrowhead");
        }
        assert!(root.descendants().any(|n| has_class(&n, "legend")));
        let title = root.children().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(
            title.text().unwrap(),
            network.name.replace(|c: char| c.is_control(), " ")
        );
    }
}

#[test]
fn csv_reads_back_with_one_row_per_measure() {
    let dir = tempfile::tempdir().unwrap();
    for (file, network) in networks(dir.path()) {
        let text = export(dir.path(), &file, "csv");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(
            header,
            [
                "pathway",
                "kind",
                "component",
                "phase",
                "measure",
                "name",
                "domain",
                "unit",
                "direction",
                "value",
                "target",
                "amber",
                "status",
                "attainment",
                "period",
                "source",
                "variation",
                "assurance",
                "benchmark",
                "benchmark_label",
                "currency"
            ]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let measures: usize = network
            .pathways()
            .iter()
            .map(|p| {
                p.components()
                    .iter()
                    .map(|c| c.measures.len())
                    .sum::<usize>()
                    + p.links().iter().map(|l| l.measures.len()).sum::<usize>()
            })
            .sum();
        assert_eq!(rows.len(), measures, "{}", file.display());
        assert!(rows.iter().all(|r| r.len() == header.len()));
    }
    let file = save(dir.path(), "awkward.ron", &awkward());
    let text = export(dir.path(), &file, "csv");
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let m1: Vec<&str> = rows[0].iter().take(16).collect();
    // variation, assurance (under 12 points), benchmark and its label (none), currency.
    let trust: Vec<&str> = rows[0].iter().skip(16).collect();
    assert_eq!(trust, ["", "", "", "", "period not understood"]);
    assert_eq!(
        m1,
        [
            "end",
            "component",
            "x1",
            "Recognition",
            "m1",
            "Rate | of \"things\" <%> & more",
            "Safety",
            "%",
            "Lower is better",
            "25.6",
            "15",
            "20",
            "Red",
            "0.5859",
            // Text a spreadsheet would run as a formula starts with a quote.
            "'=2021/22",
            "'@src, \"quoted\"\nnext line"
        ]
    );
    let link: Vec<&str> = rows[2].iter().collect();
    assert_eq!(&link[..5], ["end", "link", "x1->x2", "Recognition", "wait"]);
    assert_eq!(&link[9..14], ["30", "14", "", "Red", "0.4667"]);
    let no_amber: Vec<&str> = rows[1].iter().collect();
    assert_eq!(&no_amber[9..14], ["85", "90", "", "Amber", "0.9444"]);
}

#[test]
fn markdown_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = save(dir.path(), "base.ron", &base());
    let md = export(dir.path(), &file, "md");
    insta::assert_snapshot!("markdown_report", md);
}

#[test]
fn actions_minutes_of_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("pathways/type1-diabetes.ron");
    let md = export(dir.path(), &file, "actions");
    assert!(
        md.starts_with("# Actions agreed: Children's type 1 diabetes network (example)\n"),
        "{md}"
    );
    assert!(md.contains(": 1 open, 1 in progress, 1 done."), "{md}");
    let pathway = md
        .find("\n## Type 1 diabetes\n")
        .expect("a pathway heading");
    // Each action under its component's heading, in the pathway's order.
    let mut last = pathway;
    for (heading, row) in [
        (
            "### Same-day finger-prick glucose test in general practice (General practices): Recognition",
            "| Send the 4Ts pack to every practice and audit same-day referral of children with a raised finger-prick glucose. | Primary care clinical lead | 2026-09-30 | Done |",
        ),
        (
            "### Annual review of key care processes (Paediatric diabetes unit): Review",
            "| Add all seven care processes to the clinic template, with a nurse-led catch-up list for missed checks. | PDU lead nurse | 2027-03-31",
        ),
        (
            "### Joint young people's transition clinic (Paediatric diabetes unit): Transition",
            "| Agree a joint transition protocol with the young adult service, with a named worker from age 14. | PDU consultant and adult diabetes lead | 2027-06-30",
        ),
    ] {
        let h = md
            .find(heading)
            .unwrap_or_else(|| panic!("{heading}\n{md}"));
        let r = md.find(row).unwrap_or_else(|| panic!("{row}\n{md}"));
        assert!(last < h && h < r, "{heading} in order, its action under it");
        last = r;
    }
    assert_eq!(md.matches("| action | owner | due | status |").count(), 3);
}

#[test]
fn markdown_tables_survive_awkward_names() {
    let dir = tempfile::tempdir().unwrap();
    let file = save(dir.path(), "awkward.ron", &awkward());
    let md = export(dir.path(), &file, "md");
    // Unescaped bars per table line: the same on every line of a table.
    let bars = |line: &str| {
        let mut count = 0;
        let mut escaped = false;
        for c in line.chars() {
            if c == '|' && !escaped {
                count += 1;
            }
            escaped = c == '\\' && !escaped;
        }
        count
    };
    let mut expected = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = bars(line);
            assert_eq!(*expected.get_or_insert(n), n, "{line}");
        } else {
            expected = None;
        }
    }
    assert!(md.contains(r"Rate \| of"), "{md}");
    assert!(md.contains(r"\<script\>"), "markup escaped");
    assert!(!md.contains('\u{1b}'));
}

#[test]
fn output_file_is_written_atomically_and_bad_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = save(dir.path(), "base.ron", &base());
    let stdout = export(dir.path(), &file, "svg");
    let out = dir.path().join("map.svg");
    std::fs::write(&out, "old contents").unwrap();
    let run = run_in(
        dir.path(),
        &["export", "base.ron", "--format", "svg", "-o", "map.svg"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), stdout);
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0, "no temporary file left behind");

    std::fs::write(dir.path().join("bad.ron"), "Network(").unwrap();
    let run = run_in(
        dir.path(),
        &["export", "bad.ron", "--format", "md", "-o", "bad.md"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("bad.ron:"), "{}", run.stderr);
    assert!(!dir.path().join("bad.md").exists());
    let run = run_in(dir.path(), &["export", "base.ron", "--format", "jpeg"]);
    assert_eq!(run.code, 2, "usage error");
}
