//! Themes: named roles with built-in defaults, read from RON files.
//!
//! A theme file lists roles as styles, e.g. `status_red: (fg: "#D55E00", modifiers: [Bold])`,
//! and may `inherits: "dark"` to list only what it changes. A file without `inherits`
//! starts from `dark` (and `dark` itself from the no-colour theme), so a missing role is
//! never unstyled by accident.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Deserializer};

use crate::analysis::Status;

/// The themes built into the binary, in the order `t` cycles through them.
const BUILT_IN: [(&str, &str); 4] = [
    ("dark", include_str!("../../themes/dark.ron")),
    ("light", include_str!("../../themes/light.ron")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.ron"),
    ),
    (
        "colour-blind",
        include_str!("../../themes/colour-blind.ron"),
    ),
];

/// The theme every other starts from unless it says otherwise.
pub const DEFAULT_THEME: &str = "dark";

macro_rules! roles {
    ($($role:ident: $doc:literal,)*) => {
        /// Every role the screen draws with, as ratatui styles.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Theme {
            pub name: String,
            $(#[doc = $doc] pub $role: Style,)*
        }

        /// A theme file: any of the roles, and the theme it starts from.
        #[derive(Debug, Default, Deserialize)]
        #[serde(rename = "Theme", deny_unknown_fields)]
        struct ThemeFile {
            #[serde(default)]
            inherits: Option<String>,
            $(#[serde(default)] $role: Option<StyleSpec>,)*
        }

        impl ThemeFile {
            /// Sets the roles this file lists; the others stay as in `theme`.
            fn apply_to(&self, theme: &mut Theme) {
                $(if let Some(spec) = &self.$role {
                    theme.$role = spec.style();
                })*
            }
        }

        impl Theme {
            /// No colour at all (NO_COLOR): selection, focus and status are carried by
            /// modifiers and by the symbols and words drawn beside them.
            pub fn no_colour() -> Theme {
                let plain = Style::new();
                let mut theme = Theme {
                    name: "no-colour".to_string(),
                    $($role: plain,)*
                };
                theme.no_colour_modifiers();
                theme
            }
        }

        impl Theme {
            /// Every role with its style, in `ROLES` order.
            pub fn roles(&self) -> Vec<(&'static str, Style)> {
                vec![$((stringify!($role), self.$role),)*]
            }
        }

        /// The names of the roles, as a theme file spells them.
        pub const ROLES: &[&str] = &[$(stringify!($role),)*];
    };
}

roles! {
    text: "Ordinary text, and the background of the whole screen.",
    dim: "Secondary text: hints, units, empty phase columns.",
    border: "Panel and box borders.",
    border_focused: "The border of the panel with the keyboard.",
    title: "Panel titles.",
    heading: "Phase column headings and section headings in panels.",
    tab: "Pathway tabs.",
    tab_active: "The current pathway's tab.",
    selection: "The selected box or row.",
    target: "The box a new link would go to, in connect mode.",
    status_red: "Red status symbol and word.",
    status_amber: "Amber status symbol and word.",
    status_green: "Green status symbol and word.",
    status_nodata: "No-data status symbol and word.",
    link: "Links between components.",
    weak_handoff: "Weak hand-offs between organisations.",
    highlight: "The weakest-links highlight and its rank numbers.",
    message_info: "Status-line messages.",
    message_error: "Status-line errors and form errors.",
    key: "Key names in hints and help.",
    form_field: "Form field values.",
    form_focus: "The focused form field.",
}

impl Theme {
    fn no_colour_modifiers(&mut self) {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        self.border_focused = bold;
        self.title = bold;
        self.heading = bold;
        self.tab_active = reversed.add_modifier(Modifier::BOLD);
        self.selection = reversed.add_modifier(Modifier::BOLD);
        self.target = reversed;
        self.status_red = bold;
        self.highlight = bold.add_modifier(Modifier::UNDERLINED);
        self.message_error = bold;
        self.key = bold;
        self.form_field = Style::new().add_modifier(Modifier::UNDERLINED);
        self.form_focus = reversed;
    }

    /// The style of a status symbol and word.
    pub fn status(&self, status: Status) -> Style {
        match status {
            Status::Red => self.status_red,
            Status::Amber => self.status_amber,
            Status::Green => self.status_green,
            Status::NoData => self.status_nodata,
        }
    }

    /// A panel border, highlighted when the panel has the keyboard.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
        }
    }

    /// A built-in theme by name (the built-in files are checked by the tests).
    pub fn built_in(name: &str) -> Option<Theme> {
        let (themes, _) = Themes::load(None);
        themes.index_of(name).map(|i| themes.get(i).clone())
    }
}

impl Default for Theme {
    /// The default built-in theme.
    fn default() -> Theme {
        Theme::built_in(DEFAULT_THEME).unwrap_or_else(Theme::no_colour)
    }
}

/// One role in a file: colours by name ("red", "dark gray"), index ("208") or hex
/// ("#D55E00"), and modifiers.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    #[serde(default)]
    fg: Option<Colour>,
    #[serde(default)]
    bg: Option<Colour>,
    #[serde(default)]
    modifiers: Vec<ModifierName>,
}

impl StyleSpec {
    fn style(&self) -> Style {
        let mut style = Style::new();
        if let Some(Colour(c)) = self.fg {
            style = style.fg(c);
        }
        if let Some(Colour(c)) = self.bg {
            style = style.bg(c);
        }
        self.modifiers
            .iter()
            .fold(style, |s, m| s.add_modifier(m.modifier()))
    }
}

#[derive(Debug, Clone, Copy)]
struct Colour(Color);

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Color::from_str(&text).map(Colour).map_err(|_| {
            serde::de::Error::custom(format!(
                "\"{text}\" is not a colour: use a name such as \"red\" or \"dark gray\", \
                 an index 0-255, or \"#rrggbb\""
            ))
        })
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
enum ModifierName {
    Bold,
    Dim,
    Italic,
    Underlined,
    Reversed,
    CrossedOut,
}

impl ModifierName {
    fn modifier(self) -> Modifier {
        match self {
            ModifierName::Bold => Modifier::BOLD,
            ModifierName::Dim => Modifier::DIM,
            ModifierName::Italic => Modifier::ITALIC,
            ModifierName::Underlined => Modifier::UNDERLINED,
            ModifierName::Reversed => Modifier::REVERSED,
            ModifierName::CrossedOut => Modifier::CROSSED_OUT,
        }
    }
}

fn parse(text: &str, origin: &str) -> Result<ThemeFile, String> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| {
            format!(
                "{origin}:{}:{}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })
}

/// The themes to choose from: the built-ins, overridden or added to by the user's.
#[derive(Debug, Clone)]
pub struct Themes {
    themes: Vec<Theme>,
}

impl Themes {
    /// Loads the built-in themes and every `*.ron` in `user_dir`. A user file named like
    /// a built-in replaces it; a file that does not parse, or inherits from a theme that
    /// does not exist, is skipped and reported in the returned warnings.
    pub fn load(user_dir: Option<&Path>) -> (Themes, Vec<String>) {
        let mut warnings = Vec::new();
        let built_in: BTreeMap<&str, ThemeFile> = BUILT_IN
            .iter()
            .filter_map(
                |(name, text)| match parse(text, &format!("themes/{name}.ron")) {
                    Ok(file) => Some((*name, file)),
                    Err(e) => {
                        warnings.push(e);
                        None
                    }
                },
            )
            .collect();
        let user = user_dir.map_or_else(BTreeMap::new, |dir| read_dir(dir, &mut warnings));

        let mut order: Vec<String> = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
        let added: Vec<String> = user
            .keys()
            .filter(|n| !order.contains(n))
            .cloned()
            .collect();
        order.extend(added);
        let files = Files {
            built_in: &built_in,
            user: &user,
        };
        let mut themes = Vec::new();
        for name in order {
            match files.resolve(&name) {
                Ok(theme) => themes.push(theme),
                Err(e) => warnings.push(e),
            }
        }
        if themes.is_empty() {
            themes.push(Theme::no_colour());
        }
        (Themes { themes }, warnings)
    }

    pub fn names(&self) -> Vec<&str> {
        self.themes.iter().map(|t| t.name.as_str()).collect()
    }

    pub fn len(&self) -> usize {
        self.themes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.themes.is_empty()
    }

    /// The theme at `index`, wrapping round, so `App::theme` always names one.
    pub fn get(&self, index: usize) -> &Theme {
        &self.themes[index % self.themes.len()]
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.name == name)
    }
}

/// The user's theme folder: `themes` in carepath's config directory.
pub fn user_theme_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "carepath").map(|d| d.config_dir().join("themes"))
}

/// The `*.ron` files of a folder by theme name (the file stem). A missing folder is
/// normal; an unreadable or unparsable file is a warning.
fn read_dir(dir: &Path, warnings: &mut Vec<String>) -> BTreeMap<String, (ThemeFile, String)> {
    let mut found = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    for path in paths {
        let origin = path.display().to_string();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            warnings.push(format!("{origin}: the theme name is not valid UTF-8"));
            continue;
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => match parse(&text, &origin) {
                Ok(file) => {
                    found.insert(name.to_string(), (file, origin));
                }
                Err(e) => warnings.push(format!("{e}; theme \"{name}\" skipped")),
            },
            Err(e) => warnings.push(format!("{origin}: {e}; theme \"{name}\" skipped")),
        }
    }
    found
}

struct Files<'a> {
    built_in: &'a BTreeMap<&'a str, ThemeFile>,
    user: &'a BTreeMap<String, (ThemeFile, String)>,
}

/// Where a theme file came from; a user file may stand over a built-in of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    User,
    BuiltIn,
}

impl Files<'_> {
    /// The file for `name`: the user's unless `built_in_only`.
    fn lookup(&self, name: &str, built_in_only: bool) -> Option<(&ThemeFile, String, Layer)> {
        match self.user.get(name) {
            Some((file, origin)) if !built_in_only => Some((file, origin.clone(), Layer::User)),
            _ => self
                .built_in
                .get(name)
                .map(|f| (f, format!("themes/{name}.ron"), Layer::BuiltIn)),
        }
    }

    /// A theme with its parents applied. A theme without `inherits` starts from
    /// `dark`; a user theme that inherits its own name starts from the built-in it
    /// replaces; the built-in `dark` starts from no colour.
    fn resolve(&self, name: &str) -> Result<Theme, String> {
        let mut chain: Vec<(&ThemeFile, String)> = Vec::new();
        let mut next = self.lookup(name, false);
        loop {
            let Some((file, origin, layer)) = next else {
                return Err(format!("theme \"{name}\" does not exist"));
            };
            if chain.iter().any(|(_, o)| *o == origin) {
                return Err(format!(
                    "{origin}: themes inherit in a loop; theme \"{name}\" skipped"
                ));
            }
            chain.push((file, origin.clone()));
            let own = theme_name(&origin);
            let parent = file
                .inherits
                .clone()
                .unwrap_or_else(|| DEFAULT_THEME.to_string());
            let itself = parent == own;
            if itself && layer == Layer::BuiltIn {
                if own == DEFAULT_THEME {
                    break;
                }
                return Err(format!("{origin}: a theme cannot inherit itself"));
            }
            next = self.lookup(&parent, itself);
            if next.is_none() {
                return Err(format!(
                    "{origin}: inherits \"{parent}\", which does not exist; theme \"{name}\" skipped"
                ));
            }
        }
        let mut theme = Theme::no_colour();
        for (file, _) in chain.iter().rev() {
            file.apply_to(&mut theme);
        }
        theme.name = name.to_string();
        Ok(theme)
    }
}

/// The theme name of a file: its stem.
fn theme_name(origin: &str) -> String {
    Path::new(origin)
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// Which roles two themes set differently.
pub fn differing_roles(a: &Theme, b: &Theme) -> Vec<&'static str> {
    a.roles()
        .into_iter()
        .zip(b.roles())
        .filter(|((_, x), (_, y))| x != y)
        .map(|((name, _), _)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_lists_every_role_so_nothing_falls_back_by_accident() {
        // Mark every role, apply dark.ron, and see that none is left marked.
        let all: Vec<String> = ROLES
            .iter()
            .map(|r| format!("{r}: (fg: \"123\")"))
            .collect();
        let marks = parse(&format!("Theme({})", all.join(", ")), "marks").unwrap();
        let mut theme = Theme::no_colour();
        marks.apply_to(&mut theme);
        parse(BUILT_IN[0].1, "themes/dark.ron")
            .unwrap()
            .apply_to(&mut theme);
        let left: Vec<_> = theme
            .roles()
            .into_iter()
            .filter(|(_, s)| s.fg == Some(Color::Indexed(123)))
            .map(|(n, _)| n)
            .collect();
        assert!(left.is_empty(), "dark.ron does not list {left:?}");
        assert_eq!(ROLES.len(), theme.roles().len());
    }

    #[test]
    fn no_colour_sets_no_colour() {
        for (role, style) in Theme::no_colour().roles() {
            assert_eq!((style.fg, style.bg), (None, None), "{role}");
        }
        let nc = Theme::no_colour();
        assert!(nc.selection.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let e = parse("Theme(\n  text: (fg: 12.5),\n)", "x.ron").unwrap_err();
        assert!(e.starts_with("x.ron:2:"), "{e}");
        let e = parse("Theme(text: (fg: \"mauve-ish\"))", "y.ron").unwrap_err();
        assert!(e.contains("is not a colour"), "{e}");
        let e = parse("Theme(text: (modifiers: [Blink]))", "z.ron").unwrap_err();
        assert!(e.starts_with("z.ron:1:"), "{e}");
    }

    #[test]
    fn themes_inheriting_in_a_loop_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), "Theme(inherits: \"b\")").unwrap();
        std::fs::write(dir.path().join("b.ron"), "Theme(inherits: \"a\")").unwrap();
        std::fs::write(dir.path().join("c.ron"), "Theme(inherits: \"light\")").unwrap();
        let (themes, warnings) = Themes::load(Some(dir.path()));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings.iter().all(|w| w.contains("loop")), "{warnings:?}");
        let c = themes.get(themes.index_of("c").unwrap());
        assert_eq!(
            differing_roles(c, &Theme::built_in("light").unwrap()),
            Vec::<&str>::new()
        );
    }
}
