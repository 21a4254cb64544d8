//! `--color auto|always|never`, and the conventions of other tools under `auto`:
//! `NO_COLOR` (https://no-color.org) turns colour off, `CLICOLOR_FORCE` turns it on
//! when the output is not a terminal, and otherwise only a terminal gets colour.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour for a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it.
    #[default]
    Auto,
    /// Always colour, whatever the output and the environment.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour an output that is (or is not) a terminal.
    pub fn enabled(self, terminal: bool) -> bool {
        self.decide(terminal, |name| std::env::var_os(name))
    }

    fn decide(self, terminal: bool, env: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
        let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("NO_COLOR") => false,
            ColorChoice::Auto
                if set("CLICOLOR_FORCE") && env("CLICOLOR_FORCE").is_some_and(|v| v != "0") =>
            {
                true
            }
            ColorChoice::Auto => terminal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ColorChoice::{self, Always, Auto, Never};

    fn decide(choice: ColorChoice, terminal: bool, vars: &[(&str, &str)]) -> bool {
        choice.decide(terminal, |name| {
            vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.into())
        })
    }

    #[test]
    fn auto_follows_the_terminal() {
        assert!(decide(Auto, true, &[]));
        assert!(!decide(Auto, false, &[]));
    }

    #[test]
    fn no_color_turns_auto_off_but_not_always() {
        assert!(!decide(Auto, true, &[("NO_COLOR", "1")]));
        assert!(decide(Auto, true, &[("NO_COLOR", "")]), "empty means unset");
        assert!(decide(Always, false, &[("NO_COLOR", "1")]));
        assert!(!decide(
            Auto,
            false,
            &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]
        ));
    }

    #[test]
    fn clicolor_force_colours_a_pipe_unless_zero() {
        assert!(decide(Auto, false, &[("CLICOLOR_FORCE", "1")]));
        assert!(!decide(Auto, false, &[("CLICOLOR_FORCE", "0")]));
        assert!(!decide(Never, true, &[("CLICOLOR_FORCE", "1")]));
    }
}
