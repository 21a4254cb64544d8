//! Malformed inputs of every kind: none may panic, and each error has a place.
//!
//! Also through the command line: `carepath fmt --check BAD` exits 2 with one line
//! `file:line:col: message` on stderr.

mod common;

use std::path::Path;

use carepath::storage::{LoadError, MAX_FILE_BYTES, load, parse};
use common::{BASE, FILE, expect_problem, parse_err, place, replace_once, run_carepath};

// ----- malformed text -----

#[test]
fn unknown_phase_names_the_phases() {
    let text = replace_once(BASE, "phase: Review)", "phase: Asessment)");
    expect_problem(
        &text,
        r#"unknown phase "Asessment", expected one of Prevention, Recognition, Assessment, Management, Review, Transition"#,
        "Asessment",
        1,
    );
}

#[test]
fn unknown_variant_after_unicode_counts_characters() {
    let text = replace_once(
        BASE,
        r#"name: "Review", phase: Review)"#,
        r#"name: "Révisión ✓", phase: Reveiw)"#,
    );
    expect_problem(
        &text,
        r#"unknown phase "Reveiw", expected one of Prevention, Recognition, Assessment, Management, Review, Transition"#,
        "Reveiw",
        1,
    );
}

#[test]
fn unknown_sector_and_direction() {
    let text = replace_once(BASE, "sector: SocialCare", "sector: Social");
    let err = parse_err(&text);
    assert!(
        err.to_string().contains(
            r#"unknown sector "Social", expected one of Health, PublicHealth, SocialCare, Education, CriminalJustice, Voluntary, Other"#
        ),
        "{err}"
    );
    let text = replace_once(
        BASE,
        "direction: LowerIsBetter, target: 15.0",
        "direction: Lower, target: 15.0",
    );
    let err = parse_err(&text);
    assert!(
        err.to_string().contains(
            r#"unknown direction "Lower", expected one of HigherIsBetter, LowerIsBetter"#
        ),
        "{err}"
    );
}

#[test]
fn string_where_a_number_belongs() {
    let text = replace_once(BASE, "value: 25.6", r#"value: "25.6""#);
    expect_problem(&text, "Expected float", r#""25.6""#, 1);
    // The place is the value, even when it is on the next line after a comment.
    let text = replace_once(BASE, "value: 25.6", "value: // per cent\n  \"25.6\"");
    expect_problem(&text, "Expected float", r#""25.6""#, 1);
}

#[test]
fn string_where_the_format_belongs() {
    let text = replace_once(BASE, "format: 1,", r#"format: "1","#);
    let err = parse_err(&text);
    let p = &err.problems()[0];
    assert_eq!(
        p.position.map(|p| p.line),
        Some(place(&text, "format", 1).0)
    );
    assert!(p.message.contains("integer"), "{err}");
}

#[test]
fn format_out_of_range() {
    for format in ["-1", "99999999999999999999999", "1.5"] {
        let text = replace_once(BASE, "format: 1,", &format!("format: {format},"));
        let err = parse_err(&text);
        assert_eq!(err.problems().len(), 1, "{err}");
        assert_eq!(err.problems()[0].position.map(|p| p.line), Some(3), "{err}");
    }
}

#[test]
fn unknown_field() {
    let text = replace_once(BASE, "phase: Review)", "phase: Review, colour: Red)");
    expect_problem(
        &text,
        r#"unknown field "colour" in Component, expected one of id, name, phase, provider, children, notes, measures, checklist"#,
        "colour",
        1,
    );
}

#[test]
fn missing_field() {
    let text = replace_once(BASE, r#"name: "Review", "#, "");
    let err = parse_err(&text);
    assert!(
        err.to_string()
            .contains(r#"missing field "name" in Component"#),
        "{err}"
    );
    assert_eq!(
        err.problems()[0].position.map(|p| p.line),
        Some(place(&text, r#"id: "review""#, 1).0)
    );
}

#[test]
fn field_given_twice() {
    let text = replace_once(BASE, "phase: Review)", "phase: Review, phase: Review)");
    let err = parse_err(&text);
    assert!(
        err.to_string()
            .contains(r#"field "phase" given twice in Component"#),
        "{err}"
    );
}

#[test]
fn truncated_file() {
    // Cut inside an item: ron says the file ended.
    let cut = BASE.find(r#"Component(id: "manage""#).unwrap() + "Component(".len();
    let text = &BASE[..cut];
    let err = parse_err(text);
    assert!(err.to_string().contains("unexpected end of file"), "{err}");
    let (last_line, _) = common::end_place(text);
    assert_eq!(err.problems()[0].position.map(|p| p.line), Some(last_line));
    // Cut between the items of a list: ron says what the next token must be, on the last line.
    let cut = BASE.find(r#"Component(id: "manage""#).unwrap();
    let text = BASE[..cut].trim_end().trim_end_matches(',');
    let err = parse_err(text);
    assert_eq!(err.problems().len(), 1);
    assert!(err.problems()[0].message.contains("Expected"), "{err}");
    let (last_line, _) = common::end_place(text);
    assert_eq!(err.problems()[0].position.map(|p| p.line), Some(last_line));
}

#[test]
fn every_prefix_fails_cleanly() {
    // Cut anywhere, the file never loads (the closing `)` is the last thing in it) and
    // never panics; every error has a place.
    let body_end = BASE.trim_end().len();
    for (cut, _) in BASE.char_indices().filter(|&(i, _)| i < body_end) {
        let text = &BASE[..cut];
        let err = parse_err(text);
        let (last_line, _) = common::end_place(text);
        assert!(
            err.problems()
                .iter()
                .all(|p| p.position.is_some_and(|p| p.line <= last_line)),
            "cut at {cut}: {err}"
        );
    }
}

#[test]
fn empty_and_blank_files() {
    for text in [
        "",
        "\n",
        "   \n\t\n",
        "// only a comment\n",
        "#![enable(implicit_some)]\n",
    ] {
        let err = parse_err(text);
        assert_eq!(err.problems().len(), 1, "{text:?}: {err}");
        assert!(err.problems()[0].position.is_some(), "{text:?}: {err}");
    }
}

#[test]
fn wrong_top_level_item() {
    let err = parse_err(r#"Pathway(id: "p", name: "P")"#);
    assert!(err.to_string().starts_with(&format!("{FILE}:1:")), "{err}");
}

#[test]
fn garbage_and_control_characters() {
    let texts = [
        "\0\0\0".to_string(),
        "Network(format: 1, name: \"x\", pathways: [], \u{1b}[2J)".to_string(),
        "}}}}{{{{".to_string(),
        r#"Network(format: 1, name: "unterminated, pathways: [])"#.to_string(),
        r#"Network(format: 1, name: "bad \q escape", pathways: [])"#.to_string(),
        r#"Network(format: 1, name: "x\u{d800}", pathways: [])"#.to_string(),
        "Network(format: 1, name: r##\"raw\"#, pathways: [])".to_string(),
    ];
    for text in &texts {
        let err = parse_err(text);
        assert!(!err.problems().is_empty(), "{text:?}");
    }
}

#[test]
fn deeply_nested_brackets() {
    let deep = "[".repeat(100_000);
    let tail = format!("{}{}", "(".repeat(100_000), "]".repeat(100_000));
    let texts = [
        deep.clone(),
        format!("Network(format: 1, name: \"x\", pathways: {deep}"),
        format!(
            "Network(format: 1, name: \"x\", pathways: [Pathway(id: \"p\", name: \"p\", \
             components: [Component(id: \"c\", name: \"c\", phase: Review, measures: \
             [Measure(id: \"m\", name: \"m\", domain: Safety, direction: LowerIsBetter, \
             target: 1.0, history: {deep}"
        ),
        format!("Network(format: 1, name: \"x\", notes: {tail}"),
        format!("Network(format: 1, name: \"x\", pathways: [], nested: {deep}"),
    ];
    for text in &texts {
        let err = parse_err(text);
        assert_eq!(err.problems().len(), 1);
        assert_eq!(err.problems()[0].position.map(|p| p.line), Some(1));
    }
}

#[test]
fn huge_string_loads() {
    let name = "é".repeat(500_000);
    let text = replace_once(
        BASE,
        r#"name: "Test network""#,
        &format!(r#"name: "{name}""#),
    );
    assert!(text.len() > 1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    std::fs::write(&path, &text).unwrap();
    let network = load(&path).unwrap();
    assert_eq!(network.name, name);
}

#[test]
fn huge_line_of_garbage() {
    let mut text = String::from("Network(format: 1, name: \"x\", pathways: [], ");
    text.extend(std::iter::repeat_n("x@!", 350_000));
    let err = parse_err(&text);
    assert_eq!(err.problems()[0].position.map(|p| p.line), Some(1));
    let text = "\"".to_string() + &"a".repeat(1 << 20);
    parse_err(&text);
}

#[test]
fn not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binary.ron");
    let mut bytes = BASE.as_bytes()[..40].to_vec();
    bytes.extend([0xff, 0xfe, 0x00, 0x80, b'\n']);
    std::fs::write(&path, &bytes).unwrap();
    let err = load(&path).unwrap_err();
    let (line, col) = common::end_place(std::str::from_utf8(&bytes[..40]).unwrap());
    let shown = err.to_string();
    assert_eq!(
        shown,
        format!(
            "{}:{line}:{col}: file is not UTF-8 text (a pathway file must be UTF-8)",
            path.display()
        )
    );
}

#[test]
fn random_binary_never_panics() {
    // A fixed pseudo-random stream: the test is the same on every run.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noise.ron");
    for len in [1usize, 7, 64, 1000, 65_536] {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        std::fs::write(&path, &bytes).unwrap();
        assert!(load(&path).is_err());
    }
}

#[test]
fn random_tokens_never_panic() {
    const TOKENS: [&str; 24] = [
        "Network(",
        "Pathway(",
        "Component(",
        "Measure(",
        "Link(",
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "format",
        "id",
        "name",
        "pathways",
        "components",
        "1",
        "-0.5e9",
        "NaN",
        "\"x\"",
        "r#\"",
        "Some(",
        "#![enable(implicit_some)]",
        "\n",
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 60) as usize;
        let text: String = (0..len)
            .map(|_| TOKENS[(next() % TOKENS.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(" ");
        if let Err(e) = parse(&text, Path::new(FILE)) {
            assert!(!e.problems().is_empty(), "{text:?}");
        }
    }
}

#[test]
fn mutated_files_never_panic_and_never_leak_control_characters() {
    const TOKENS: [&str; 22] = [
        "\u{1b}[2J",
        "\u{7}",
        "\\u{1b}",
        "\"",
        "\\",
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "Review",
        "Reveiw",
        "NaN",
        "-inf",
        "1e400",
        "-0.0",
        "\"gp\"",
        "\"zz\"",
        "Some(",
        "r#\"",
        "\n",
    ];
    let mut state = 0x2f6b_1d9e_5c3a_8b47u64;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let mut loaded = 0;
    for _ in 0..1500 {
        let mut text = BASE.to_string();
        for _ in 0..1 + next(3) {
            let mut at = next(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match next(3) {
                0 => text.insert_str(at, TOKENS[next(TOKENS.len())]),
                1 => {
                    let mut end = (at + 1 + next(8)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(at..end, "");
                }
                _ => {
                    let mut end = (at + 1 + next(8)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(at..end, TOKENS[next(TOKENS.len())]);
                }
            }
        }
        match parse(&text, Path::new(FILE)) {
            Ok(network) => {
                loaded += 1;
                let canonical = carepath::storage::to_canonical_string(&network);
                let again = parse(&canonical, Path::new(FILE)).unwrap();
                assert_eq!(again, network);
            }
            Err(e) => {
                assert!(!e.problems().is_empty());
                for line in e.to_string().lines() {
                    assert!(line.starts_with(FILE), "{line:?}");
                    assert!(!line.chars().any(char::is_control), "{line:?}");
                }
            }
        }
    }
    assert!(loaded > 0, "some mutations (in names, say) still load");
}

#[test]
fn file_over_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    drop(file);
    let err = load(&path).unwrap_err();
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: file is {} bytes, larger than the {MAX_FILE_BYTES}-byte limit",
            path.display(),
            MAX_FILE_BYTES + 1
        )
    );
}

#[cfg(unix)]
#[test]
fn a_device_that_never_ends_is_too_large() {
    // /dev/zero says it is empty and never stops: reading stops one byte past the limit.
    let path = Path::new("/dev/zero");
    if path.exists() {
        let err = load(path).unwrap_err();
        assert!(matches!(err, LoadError::TooLarge { size, .. } if size == MAX_FILE_BYTES + 1));
    }
}

#[test]
fn missing_file_and_directory() {
    let dir = tempfile::tempdir().unwrap();
    let err = load(&dir.path().join("absent.ron")).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
    let err = load(dir.path()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&dir.path().display().to_string())
    );
}

// ----- the same through the command line -----

/// `carepath fmt --check FILE` on a file with one syntax error: exit 2, nothing on stdout,
/// and exactly one line `FILE:line:col: message` on stderr.
fn cli_one_line(text: &[u8], line: usize, message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, text).unwrap();
    let out = run_carepath(&["fmt".as_ref(), "--check".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(out.stdout, b"");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let prefix = format!("{}:{line}:", path.display());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.ends_with('\n'));
    let rest = stderr
        .trim_end()
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{stderr:?} does not start with {prefix:?}"));
    let (col, msg) = rest.split_once(": ").expect("line:col: message");
    assert!(col.parse::<usize>().unwrap() >= 1);
    assert!(msg.contains(message), "{stderr}");
    // The file is left as it was.
    assert_eq!(std::fs::read(&path).unwrap(), text);
}

#[test]
fn cli_reports_syntax_errors_on_one_line() {
    let phase = replace_once(BASE, "phase: Review)", "phase: Asessment)");
    cli_one_line(
        phase.as_bytes(),
        place(&phase, "Asessment", 1).0,
        r#"unknown phase "Asessment", expected one of Prevention, Recognition"#,
    );
    let number = replace_once(BASE, "value: 25.6", r#"value: "x""#);
    cli_one_line(
        number.as_bytes(),
        place(&number, r#"value: "x""#, 1).0,
        "Expected float",
    );
    let cut = &BASE[..BASE.find("    actions").unwrap()];
    cli_one_line(
        cut.as_bytes(),
        cut.lines().count(),
        "unexpected end of file",
    );
    cli_one_line(b"", 1, "Expected");
    cli_one_line(b"Network(\n\xff\xfe)", 2, "not UTF-8");
    let field = replace_once(BASE, "status: Open", "status: Open, done: true");
    cli_one_line(
        field.as_bytes(),
        place(&field, "done:", 1).0,
        r#"unknown field "done" in Action"#,
    );
}

#[test]
fn cli_reports_a_broken_rule_with_its_place() {
    let text = replace_once(BASE, "amber: 80.0", "amber: 95.0");
    let (line, col) = place(&text, "amber: 95.0", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rule.ron");
    std::fs::write(&path, &text).unwrap();
    let out = run_carepath(&["fmt".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "{}:{line}:{col}: amber 95 of measure \"m2\" is on the better side of target 90 \
             (HigherIsBetter): amber must lie on the worse side\n",
            path.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn ids_written_with_escapes_are_placed() {
    // `\u{61}ssess` is "assess": a duplicate, written differently.
    let text = replace_once(BASE, r#"id: "review""#, r#"id: "\u{61}ssess""#);
    expect_problem(
        &text,
        r#"duplicate component id "assess": component ids must be unique in the file"#,
        r#"id: "\u{61}ssess""#,
        1,
    );
    let text = replace_once(BASE, r#"id: "review""#, r#"id: "re\"view""#);
    expect_problem(
        &text,
        r#"invalid id "re\"view": ids must match [a-z0-9][a-z0-9-]*"#,
        r#"id: "re\"view""#,
        1,
    );
}

#[test]
fn control_characters_from_the_file_are_not_sent_raw() {
    // An id with an escape sequence in it, written raw and written escaped.
    for written in ["a\u{1b}[2Jb", r"a\u{1b}[2Jb"] {
        let text = replace_once(BASE, r#"id: "review""#, &format!(r#"id: "{written}""#));
        let err = parse_err(&text);
        let shown = err.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert!(shown.contains(r#"invalid id "a\u{1b}[2Jb""#), "{shown:?}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("esc.ron");
        std::fs::write(&path, &text).unwrap();
        let out = run_carepath(&["fmt".as_ref(), path.as_os_str()]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            !out.stderr.contains(&0x1b),
            "{:?}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
