//! Opening a file in the editor (`tui::open_file`): what is said after the first frame
//! about a file's comments or byte-order mark, which saving drops.

use std::path::{Path, PathBuf};

use carepath::app::App;

fn example() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("pathways/type1-diabetes.ron");
    std::fs::read_to_string(path).unwrap()
}

/// The editor's message once the file is open and its text has been looked through.
fn opened(text: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    std::fs::write(&path, text).unwrap();
    let (mut app, pending): (App, _) = carepath::tui::open_file(Path::new(&path)).unwrap();
    pending.finish(&mut app);
    assert!(app.disk_hash.is_some(), "the content hash is known");
    app.message.map(|m| m.text)
}

#[test]
fn a_canonical_file_opens_without_a_word() {
    assert_eq!(opened(&example()), None);
}

#[test]
fn a_comment_is_found_and_named_by_line() {
    let text = example().replacen("Network(", "Network(\n    // kept by hand\n", 1);
    let message = opened(&text).expect("a message");
    assert!(
        message.starts_with("Line 3: this file has comments"),
        "{message}"
    );
}

#[test]
fn a_comment_in_a_large_file_is_found_too() {
    // Above the size from which pathways are read on several threads.
    let network = carepath::generate::network(9_500, 5);
    let text = carepath::storage::to_canonical_string(&network);
    let last = text.rfind("        Pathway(").unwrap();
    let text = [
        &text[..last],
        "        /* the last pathway */\n",
        &text[last..],
    ]
    .concat();
    let line = text[..last].lines().count() + 1;
    let message = opened(&text).expect("a message");
    assert!(
        message.starts_with(&format!("Line {line}: this file has comments")),
        "{message}"
    );
}

#[test]
fn a_byte_order_mark_is_mentioned() {
    let message = opened(&format!("\u{feff}{}", example())).expect("a message");
    assert!(message.contains("byte-order mark"), "{message}");
}

#[test]
fn a_comment_mark_inside_a_string_is_not_a_comment() {
    let text = example().replacen("name: \"", "name: \"see https://example.org // ", 1);
    assert_eq!(opened(&text), None);
}
