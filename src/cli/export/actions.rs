//! `export --format actions`: the workshop's minutes. The improvement actions agreed,
//! grouped by pathway and component, with owners and due dates, and the notes taken and
//! checklist answers given for each component, ready to send round.

use std::fmt::Write;

use super::md::escape;
use super::{View, record};
use crate::model::{Action, ActionStatus};

pub fn status_word(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => "Open",
        ActionStatus::InProgress => "In progress",
        ActionStatus::Done => "Done",
    }
}

/// The due date, marked when it has passed and the action is not done.
pub fn due(action: &Action, today: &str) -> String {
    match &action.due {
        Some(d) if action.status != ActionStatus::Done && d.as_str() < today => {
            format!("{} **(overdue)**", escape(d))
        }
        Some(d) => escape(d),
        None => "–".to_string(),
    }
}

pub fn render(view: &View, today: &str) -> String {
    let network = view.network;
    let actions = network.actions();
    let mut out = String::new();
    let _ = writeln!(out, "# Actions agreed: {}\n", escape(&network.name));
    let count = |s: ActionStatus| actions.iter().filter(|a| a.status == s).count();
    let _ = writeln!(
        out,
        "{} actions on {today}: {} open, {} in progress, {} done.",
        actions.len(),
        count(ActionStatus::Open),
        count(ActionStatus::InProgress),
        count(ActionStatus::Done)
    );
    if actions.is_empty() {
        let _ = writeln!(out, "\nNo actions have been recorded yet.");
    }
    for (_, pathway) in view.pathways() {
        let here: Vec<&Action> = actions
            .iter()
            .filter(|a| pathway.component(&a.component).is_some())
            .collect();
        if here.is_empty() && !pathway.components().iter().any(record::has_record) {
            continue;
        }
        let _ = writeln!(out, "\n## {}", escape(&pathway.name));
        for c in pathway.components() {
            let mut mine: Vec<&&Action> = here.iter().filter(|a| a.component == c.id).collect();
            if mine.is_empty() && !record::has_record(c) {
                continue;
            }
            // Soonest due first; undated last.
            mine.sort_by(|a, b| (a.due.is_none(), &a.due).cmp(&(b.due.is_none(), &b.due)));
            let provider = view
                .provider_name(c.provider.as_deref())
                .map(|p| format!(" ({})", escape(p)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "\n### {}{provider}: {}\n",
                escape(&c.name),
                c.phase.name()
            );
            if mine.is_empty() {
                let _ = writeln!(out, "No actions agreed.");
            } else {
                let _ = writeln!(out, "| action | owner | due | status |\n|---|---|---|---|");
            }
            for a in mine {
                let owner = if a.owner.trim().is_empty() {
                    "–".to_string()
                } else {
                    escape(&a.owner)
                };
                let _ = writeln!(
                    out,
                    "| {} | {owner} | {} | {} |",
                    escape(&a.text),
                    due(a, today),
                    status_word(a.status)
                );
            }
            record::minutes(&mut out, c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Condition, Network, Pathway, Phase};

    #[test]
    fn minutes_group_by_pathway_and_component() {
        let mut n = Network::new("North | network");
        n.add_pathway(Pathway::new("p", "Diabetes", Condition::LongTerm))
            .unwrap();
        n.add_component(
            "p",
            Component::new("gp", "GP recognition", Phase::Recognition),
            None,
        )
        .unwrap();
        let action = |id: &str, text: &str, due: Option<&str>, status| Action {
            id: id.into(),
            component: "gp".into(),
            text: text.into(),
            owner: "Dr A | lead".into(),
            due: due.map(Into::into),
            status,
        };
        n.add_action(action(
            "a1",
            "Run 4Ts training",
            Some("2025-01-31"),
            ActionStatus::Open,
        ))
        .unwrap();
        n.add_action(action(
            "a2",
            "Audit DKA",
            Some("2024-06-30"),
            ActionStatus::Done,
        ))
        .unwrap();
        n.add_action(action("a3", "Poster", None, ActionStatus::InProgress))
            .unwrap();
        let md = render(&View::new(&n), "2025-03-01");
        assert!(
            md.starts_with("# Actions agreed: North \\| network\n"),
            "{md}"
        );
        assert!(md.contains("3 actions on 2025-03-01: 1 open, 1 in progress, 1 done."));
        assert!(md.contains("## Diabetes"));
        assert!(md.contains("### GP recognition: Recognition"));
        let a2 = md.find("Audit DKA").unwrap();
        let a1 = md.find("Run 4Ts training").unwrap();
        let a3 = md.find("Poster").unwrap();
        assert!(a2 < a1 && a1 < a3, "soonest first, undated last:\n{md}");
        assert!(
            md.contains("| Run 4Ts training | Dr A \\| lead | 2025-01-31 **(overdue)** | Open |")
        );
        assert!(
            md.contains("| Audit DKA | Dr A \\| lead | 2024-06-30 | Done |"),
            "done is never overdue"
        );
        assert!(md.contains("| Poster | Dr A \\| lead | – | In progress |"));
    }

    #[test]
    fn no_actions_says_so() {
        let n = Network::new("n");
        assert!(
            render(&View::new(&n), "2025-01-01").contains("No actions have been recorded yet.")
        );
    }
}
