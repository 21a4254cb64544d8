//! Themes: the built-ins, user themes that override or inherit, and bad files.

use carepath::ui::{self, Theme, Themes};
use ratatui::style::{Color, Modifier};

#[test]
fn built_in_themes_load() {
    let (themes, warnings) = Themes::load(None);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        themes.names(),
        ["dark", "light", "high-contrast", "colour-blind"]
    );
    assert_eq!(themes.index_of("dark"), Some(0));
    assert_eq!(themes.get(4).name, "dark", "get wraps round");
    assert_eq!(Theme::default().name, ui::DEFAULT_THEME);
}

#[test]
fn a_bad_user_theme_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.ron"),
        "Theme(\n    text: (fg: \"not a colour\"),\n)\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("typo.ron"), "Theme(\n  txet: (),\n)\n").unwrap();
    std::fs::write(
        dir.path().join("orphan.ron"),
        "Theme(inherits: \"nowhere\")",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a theme").unwrap();
    let (themes, warnings) = Themes::load(Some(dir.path()));
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings.iter().any(|w| w.contains("broken.ron:2:")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("typo.ron:2:")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("nowhere")),
        "{warnings:?}"
    );
    assert_eq!(themes.len(), 4);
    assert_eq!(themes.get(0).name, "dark");
    assert_eq!(themes.get(0), &Theme::default());
}

#[test]
fn a_user_theme_changes_only_what_it_lists() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("workshop.ron"),
        r##"Theme(inherits: "dark", status_red: (fg: "#ff0000", modifiers: [Bold, Underlined]), link: (fg: "blue"))"##,
    )
    .unwrap();
    // A user file named like a built-in replaces it, starting from the built-in.
    std::fs::write(
        dir.path().join("light.ron"),
        r#"Theme(inherits: "light", dim: (fg: "black"))"#,
    )
    .unwrap();
    let (themes, warnings) = Themes::load(Some(dir.path()));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(themes.names().last(), Some(&"workshop"));
    let dark = Theme::default();
    let workshop = themes.get(themes.index_of("workshop").unwrap());
    assert_eq!(ui::differing_roles(&dark, workshop), ["status_red", "link"]);
    assert_eq!(workshop.status_red.fg, Some(Color::Rgb(255, 0, 0)));
    assert!(
        workshop
            .status_red
            .add_modifier
            .contains(Modifier::UNDERLINED)
    );
    let light = themes.get(themes.index_of("light").unwrap());
    let built_in = Theme::built_in("light").unwrap();
    assert_eq!(ui::differing_roles(&built_in, light), ["dim"]);
}

#[test]
fn user_theme_dir_is_under_the_config_dir() {
    if let Some(dir) = ui::user_theme_dir() {
        assert!(dir.ends_with("themes"));
    }
}
