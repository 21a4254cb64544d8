//! Random keystrokes and clicks on the editor (README, "Your work is safe": nothing in a keystroke panics
//! the program, and no edit is lost). Each case runs up to 60 steps on the example: every
//! action variant, forms filled with random text, clicks where the last frame drew
//! something, recovery and changed-on-disk questions with random answers, and the event
//! loop's side of saves and reloads. After every step the document is valid and the
//! screen draws; at the end, undoing everything gives back the document exactly, and
//! redoing everything gives back the last one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use carepath::app::{Action, App, Effect, Mode, Selection};
use carepath::model::Network;
use carepath::storage;
use carepath::ui::{self, HitMap, Theme, UiState};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Longer than any case, so undo reaches the start (the history keeps 256 changes).
const MAX_STEPS: usize = 60;
const _: () = assert!(MAX_STEPS < carepath::app::UNDO_LIMIT);

/// An example network, read once.
fn example(name: &str) -> Network {
    static EXAMPLES: OnceLock<Vec<(&str, Network)>> = OnceLock::new();
    let examples = EXAMPLES.get_or_init(|| {
        ["type1-diabetes.ron", "mental-health.ron"]
            .into_iter()
            .map(|name| {
                let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("pathways")
                    .join(name);
                (name, storage::load(&path).expect("the example loads"))
            })
            .collect()
    });
    examples.iter().find(|(n, _)| *n == name).unwrap().1.clone()
}

/// One thing the user (or the event loop) does.
#[derive(Debug, Clone)]
enum Step {
    /// Keys, one action each.
    Keys(Vec<Action>),
    /// Each character as `Input`: a name, a number, junk.
    Type(String),
    /// Opens a form, then for each field: move on `hops` fields, change its choice so
    /// many times, clear it and type; then Enter (or Esc).
    Form {
        open: Vec<Action>,
        fields: Vec<(usize, usize, String)>,
        confirm: bool,
    },
    /// Selects the n-th component of the current pathway (an id that exists).
    SelectExisting(usize),
    /// The current pathway's ids: all reversed (a true reordering), or picked at random
    /// (some twice, some left out), and maybe one made up.
    Order(Option<Vec<prop::sample::Index>>, bool),
    /// A click where the last frame drew something.
    Click(u16, u16),
    /// The event loop found a recovery copy: the current document, an older one, or
    /// another network altogether.
    OfferRecovery(u8),
    /// The event loop found the file changed on disk at save.
    Conflict,
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9 '-]{0,12}",
        "-?[0-9]{1,3}([.,][0-9]{1,2})?",
        "[0-9]{4}/[0-9]{2}=[0-9]{1,2}(; ?[0-9]{4}/[0-9]{2}=-?[0-9]{1,3})?",
        "\\PC{0,6}",
        // Odd text: blank, not finite, half a history entry, controls, bidi, wide.
        prop::sample::select(
            "|   |NaN|inf|-inf|1e400|-0|0|x=|=1|;;|gp|\u{1b}[2J|\u{7}|\u{202e}evil|é✓中|\t|\n"
                .split('|')
                .collect::<Vec<_>>()
        )
        .prop_map(str::to_string),
    ]
}

fn simple_action() -> impl Strategy<Value = Action> {
    use Action::*;
    prop_oneof![
        8 => prop::sample::select(vec![
            PrevColumn, NextColumn, PrevItem, NextItem, PrevPathway, NextPathway,
            NextPanel, NextLinkOut, NextLinkIn, Edit, AddComponent, AddOrganisation, Connect, AddMeasure, Delete,
            PhaseBack, PhaseForward, ShiftUp, ShiftDown, Undo, Redo, Save, Find, ToggleWeakest,
            NextTheme, Help, Quit, Organisations, AddPathway, EditPathway, DeletePathway,
            Backspace, ClearField, NextField, PrevField, ChoicePrev, ChoiceNext, Confirm, Cancel,
            Tidy, Present, WholePathway, Reveal, Examine, Note, AddImprovement, ActionsView,
            Overview, Zoom, FoldPanels, EditNetwork, AddRow, NextStatus, SaveAndQuit,
            QuitWithoutSaving, Answer(carepath::model::Answer::Partly),
        ]),
        // Answers to questions, and keys typed where they mean nothing.
        3 => prop::sample::select(vec!['y', 'n', 'p', 'u', 'r', 'd', 's', 'o', 'c', 'x', 'R', ' ', '\u{1b}'])
            .prop_map(Input),
        1 => any::<char>().prop_map(Input),
        1 => prop::sample::select(vec!["", "nope", "gp", "Gp", "a b", "../x", "\u{1b}"])
            .prop_map(|id| SelectComponent(id.to_string())),
        1 => prop_oneof![0usize..4, Just(usize::MAX)].prop_map(SelectPathway),
        1 => prop_oneof![0usize..12, Just(usize::MAX)].prop_map(SelectWeakest),
        1 => prop::collection::vec("[a-z-]{0,8}", 0..4).prop_map(ApplyOrder),
    ]
}

/// Keys in an open history or breakdowns list: a row added, edited, deleted, and back.
#[rustfmt::skip]
const LIST_KEYS: [Action; 10] = {
    use Action::*;
    [AddRow, Input('2'), NextField, Input('3'), Confirm, Edit, Confirm, Delete, Cancel, Confirm]
};

/// A name as people type them, now and then blank or odd.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![8 => "[A-Z][a-z]{1,8}( [a-z]{1,6}){0,2}", 1 => text()]
}

/// A number, now and then not one.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![8 => "[0-9]{1,3}([.,][0-9])?", 1 => "-[0-9]{1,2}", 1 => text()]
}

fn optional_number() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), number()]
}

/// A form for what is open, filled field by field: (fields to move on, times to change
/// the choice, text to type).
fn form(
    open: Vec<Action>,
    fields: Vec<BoxedStrategy<(usize, usize, String)>>,
) -> impl Strategy<Value = Step> {
    (fields, prop::bool::weighted(0.9)).prop_map(move |(fields, confirm)| Step::Form {
        open: open.clone(),
        fields,
        confirm,
    })
}

/// The first field, typed into; a later one, typed into; a choice, changed.
fn first(text: impl Strategy<Value = String> + 'static) -> BoxedStrategy<(usize, usize, String)> {
    text.prop_map(|t| (0, 0, t)).boxed()
}

fn then(text: impl Strategy<Value = String> + 'static) -> BoxedStrategy<(usize, usize, String)> {
    text.prop_map(|t| (1, 0, t)).boxed()
}

fn choose(options: usize) -> BoxedStrategy<(usize, usize, String)> {
    (0..options).prop_map(|n| (1, n, String::new())).boxed()
}

fn step() -> impl Strategy<Value = Step> {
    use Action::*;
    let component =
        prop::sample::select(vec![vec![AddComponent], vec![Edit]]).prop_flat_map(|open| {
            form(
                open,
                vec![first(name()), choose(6), choose(4), then(text())],
            )
        });
    let measure = prop::sample::select(vec![
        vec![AddMeasure],
        vec![NextPanel, Edit],
        vec![NextLinkOut, AddMeasure],
    ])
    .prop_flat_map(|open| {
        let fields = vec![
            first(name()),
            choose(6),
            choose(2),
            then("[%a-z/]{0,5}"),
            then(number()),
            then(optional_number()),
            then(optional_number()),
            then("[0-9/-]{0,7}"),
            then(prop_oneof![Just(String::new()), text()]),
            then(prop_oneof![
                Just(String::new()),
                "[0-9]{4}/[0-9]{2}=[0-9]{1,2}(; [0-9]{4}/[0-9]{2}=[0-9]{1,2})?",
                text(),
            ]),
            then(text()),
        ];
        form(open, fields)
    });
    let pathway = prop::sample::select(vec![vec![AddPathway], vec![EditPathway]])
        .prop_flat_map(|open| form(open, vec![first(name()), choose(2), then(text())]));
    let organisation = prop::sample::select(vec![
        vec![Organisations, AddOrganisation],
        vec![Organisations, NextItem, Edit],
    ])
    .prop_flat_map(|open| {
        form(
            open,
            vec![first(name()), choose(7), choose(4), then(text())],
        )
    });
    let link = form(
        vec![NextLinkOut, Edit],
        vec![choose(6).boxed(), choose(5).boxed(), then(text())],
    );
    let save_as = form(vec![Save], vec![first("[a-z]{1,8}\\.ron")]);
    // Anything, anywhere: hops and choices at random, any text.
    let random = (
        prop::sample::select(vec![AddComponent, AddMeasure, Edit, AddPathway, Confirm]),
        prop::collection::vec((0usize..5, 0usize..3, text()), 1..5),
    )
        .prop_flat_map(|(open, fields)| {
            form(
                vec![open],
                fields.into_iter().map(|f| Just(f).boxed()).collect(),
            )
        });
    // Short runs of keys that do something together.
    let together = prop::sample::select(vec![
        vec![Delete, Confirm],
        vec![Delete, Input('y'), Confirm],
        vec![Delete, Cancel],
        vec![NextPanel, Delete, Confirm],
        vec![NextLinkOut, Delete, Confirm],
        vec![NextLinkIn, Delete, Confirm],
        vec![Connect, NextColumn, Confirm],
        vec![Connect, NextItem, Confirm],
        vec![Connect, PrevColumn, PrevItem, Input('c')],
        vec![Connect, Confirm],
        vec![Organisations, Delete, Confirm],
        vec![Organisations, NextItem, NextItem, Delete, Confirm],
        vec![DeletePathway, Confirm],
        vec![Find, Input('a'), Confirm, Confirm, Cancel],
        vec![NextPanel, NextPanel, NextItem, Edit],
        vec![Quit, Cancel],
        vec![Undo, Undo, Redo],
        // A measure's history and breakdowns lists, from its form.
        [
            &[NextPanel, Edit, PrevField, PrevField, Confirm][..],
            &LIST_KEYS,
        ]
        .concat(),
        [&[AddMeasure, PrevField, PrevField, Confirm][..], &LIST_KEYS].concat(),
    ]);
    prop_oneof![
        12 => simple_action().prop_map(|a| Step::Keys(vec![a])),
        4 => together.prop_map(Step::Keys),
        3 => prop::sample::select(vec![Undo, Undo, Redo]).prop_map(|a| Step::Keys(vec![a])),
        2 => text().prop_map(Step::Type),
        2 => component,
        2 => measure,
        1 => pathway,
        1 => organisation,
        1 => link,
        1 => save_as,
        2 => random,
        2 => (0usize..20).prop_map(Step::SelectExisting),
        1 => (prop::option::of(prop::collection::vec(any::<prop::sample::Index>(), 0..20)), any::<bool>())
            .prop_map(|(picks, bogus)| Step::Order(picks, bogus)),
        3 => (0u16..80, 0u16..24).prop_map(|(x, y)| Step::Click(x, y)),
        1 => (0u8..4).prop_map(Step::OfferRecovery),
        1 => Just(Step::Conflict),
    ]
}

/// The event loop's side, for a test: what the disk says, without touching it.
struct Harness {
    app: App,
    /// The document that undoing everything must give back: the example, or what was
    /// last reloaded from "disk".
    baseline: Network,
    /// A save succeeded since the baseline: undoing to it leaves the editor unsaved.
    saved: bool,
    terminal: Terminal<TestBackend>,
    state: UiState,
    hits: HitMap,
    theme: Theme,
    rng: u64,
    /// The documents seen, for recovery copies "from an older session".
    seen: Vec<Network>,
}

impl Harness {
    fn new(path: Option<PathBuf>, seed: u64) -> Harness {
        let doc = example("type1-diabetes.ron");
        Harness {
            app: App::new(doc.clone(), path, true),
            baseline: doc.clone(),
            saved: false,
            terminal: Terminal::new(TestBackend::new(80, 24)).unwrap(),
            state: UiState::new(),
            hits: HitMap::default(),
            theme: Theme::default(),
            rng: seed | 1,
            seen: vec![doc],
        }
    }

    fn coin(&mut self) -> bool {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng & 1 == 1
    }

    fn act(&mut self, action: Action) -> Result<(), TestCaseError> {
        ACTIONS[variant(&action)].fetch_add(1, Ordering::Relaxed);
        let (generation, prompt) = (self.app.generation(), self.app.mode.clone());
        let confirm = action == Action::Confirm;
        let effect = self.app.update(action);
        if self.app.generation() != generation {
            tally("document changed");
            if let Some(m) = &self.app.message {
                tally(&m.text);
            }
        }
        if matches!(prompt, Mode::Prompt(_)) && !matches!(self.app.mode, Mode::Prompt(_)) {
            tally("question answered");
        }
        if confirm && matches!(&self.app.mode, Mode::Form(f) if f.error.is_some()) {
            tally("form refused");
        }
        match effect {
            Effect::None | Effect::Quit => {}
            Effect::Save(path) | Effect::Overwrite(path) => {
                tally("save");
                if self.coin() {
                    self.app.saved(path, Ok(()));
                    self.saved = true;
                } else {
                    self.app.saved(path, Err("No space left on device".into()));
                }
            }
            Effect::Reload(_) => {
                tally("reload");
                let disk = if self.coin() {
                    example("type1-diabetes.ron")
                } else {
                    example("mental-health.ron")
                };
                self.app.reload(disk.clone());
                prop_assert!(!self.app.is_dirty());
                prop_assert!(!self.app.history().can_undo());
                self.baseline = disk;
                self.saved = false;
            }
        }
        self.check()
    }

    fn run(&mut self, step: &Step) -> Result<(), TestCaseError> {
        match step {
            Step::Keys(actions) => {
                for action in actions {
                    self.act(action.clone())?;
                }
            }
            Step::Type(text) => {
                for c in text.chars() {
                    self.act(Action::Input(c))?;
                }
            }
            Step::Form {
                open,
                fields,
                confirm,
            } => {
                for action in open {
                    self.act(action.clone())?;
                }
                for (hops, cycles, text) in fields {
                    for _ in 0..*hops {
                        self.act(Action::NextField)?;
                    }
                    for _ in 0..*cycles {
                        self.act(Action::ChoiceNext)?;
                    }
                    self.act(Action::ClearField)?;
                    self.run(&Step::Type(text.clone()))?;
                }
                self.act(if *confirm {
                    Action::Confirm
                } else {
                    Action::Cancel
                })?;
            }
            Step::SelectExisting(n) => {
                let id = self.app.current_pathway().and_then(|p| {
                    let cs = p.components();
                    (!cs.is_empty()).then(|| cs[n % cs.len()].id.clone())
                });
                if let Some(id) = id {
                    self.act(Action::SelectComponent(id))?;
                }
            }
            Step::Order(picks, bogus) => {
                let ids: Vec<String> = self
                    .app
                    .current_pathway()
                    .map(|p| p.components().iter().map(|c| c.id.clone()).collect())
                    .unwrap_or_default();
                let mut order: Vec<String> = match picks {
                    None => ids.iter().rev().cloned().collect(),
                    Some(_) if ids.is_empty() => vec![],
                    Some(picks) => picks
                        .iter()
                        .map(|i| ids[i.index(ids.len())].clone())
                        .collect(),
                };
                if *bogus {
                    order.push("no-such-component".into());
                }
                self.act(Action::ApplyOrder(order))?;
            }
            Step::Click(x, y) => {
                if let Some(action) = self.hits.action_at(*x, *y) {
                    self.act(action)?;
                }
            }
            Step::OfferRecovery(kind) => {
                let network = match kind {
                    0 => self.app.document().clone(),
                    1 => self.seen[self.seen.len() / 2].clone(),
                    2 => example("mental-health.ron"),
                    _ => self.baseline.clone(),
                };
                self.app.offer_recovery(
                    PathBuf::from("/state/carepath/recovery/t1d-0123456789abcdef.ron"),
                    "12:00 UTC, moments ago".into(),
                    network,
                    (kind % 2 == 1).then_some(7),
                );
                self.check()?;
            }
            Step::Conflict => {
                let path = self
                    .app
                    .path
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("t1d.ron"));
                self.app.save_conflict(path);
                self.check()?;
            }
        }
        Ok(())
    }

    /// After every action: a valid document, and a selection that exists.
    fn check(&mut self) -> Result<(), TestCaseError> {
        let app = &self.app;
        let problems = app.document().validate();
        prop_assert!(problems.is_empty(), "invalid document: {problems:?}");
        let pathways = app.document().pathways().len();
        prop_assert!(app.pathway < pathways.max(1));
        match &app.selection {
            Some(Selection::Component(_)) => prop_assert!(app.selected_component().is_some()),
            Some(Selection::Link { .. }) => prop_assert!(app.selected_link().is_some()),
            None => {}
        }
        if let Mode::Connect { from, .. } = &app.mode {
            prop_assert!(app.document().find_component(from).is_some());
        }
        if self.seen.last() != Some(app.document()) {
            self.seen.push(app.document().clone());
        }
        Ok(())
    }

    /// Draws the screen (after each step: drawing after every keystroke would make the
    /// run ten times as long), keeping what was drawn where for the next click.
    fn draw(&mut self) -> Result<(), TestCaseError> {
        let (app, state, theme) = (&self.app, &mut self.state, &self.theme);
        let mut hits = HitMap::default();
        self.terminal
            .draw(|f| hits = ui::render(f, app, theme, state))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        self.hits = hits;
        Ok(())
    }

    /// Undo to the start: the baseline exactly; redo as many: the last document.
    fn unwind(&mut self) -> Result<(), TestCaseError> {
        let last = self.app.document().clone();
        let mut undone = 0;
        while self.app.history().can_undo() {
            self.app.undo();
            undone += 1;
        }
        same(self.app.document(), &self.baseline, "undoing everything")?;
        if !self.saved {
            prop_assert!(!self.app.is_dirty(), "back at the baseline but unsaved");
        }
        for _ in 0..undone {
            self.app.redo();
        }
        same(self.app.document(), &last, "redoing what was undone")?;
        self.check()?;
        self.draw()
    }
}

/// Equal documents, or a failure that says what differs (not two whole documents).
fn same(got: &Network, want: &Network, when: &str) -> Result<(), TestCaseError> {
    if got == want {
        return Ok(());
    }
    Err(TestCaseError::fail(format!(
        "{when} does not give the document back; from the expected to what it gave:\n{}",
        carepath::diff::describe(want, got)
    )))
}

/// What the run did, over all cases ("Added measure", "form refused", "save"...), so the
/// summary shows that it did something.
static TALLY: Mutex<BTreeMap<String, usize>> = Mutex::new(BTreeMap::new());

fn tally(what: &str) {
    *TALLY.lock().unwrap().entry(what.to_string()).or_default() += 1;
}

/// How often each action variant was applied, over the whole run.
static ACTIONS: [AtomicUsize; VARIANTS.len()] = [const { AtomicUsize::new(0) }; VARIANTS.len()];

macro_rules! names {
    ($($variant:ident),* $(,)?) => { [$(stringify!($variant)),*] };
}

/// Every variant of `Action`; the run fails if one is never applied.
const VARIANTS: [&str; 61] = names! {
    PrevColumn, NextColumn, PrevItem, NextItem, PrevPathway, NextPathway, NextPanel,
    NextLinkOut, NextLinkIn, Edit, AddComponent, Connect, AddMeasure, Delete, PhaseBack,
    PhaseForward, ShiftUp, ShiftDown, Undo, Redo, Save, Find, ToggleWeakest, NextTheme, Help,
    Quit, Organisations, AddPathway, EditPathway, DeletePathway, Input, Backspace, ClearField,
    NextField, PrevField, ChoicePrev, ChoiceNext, Confirm, Cancel, SelectComponent,
    SelectPathway, SelectWeakest, ApplyOrder, Tidy, Present, WholePathway, Reveal, Examine,
    Note, AddImprovement, ActionsView, Overview, AddOrganisation, Zoom, FoldPanels, EditNetwork,
    AddRow, NextStatus, Answer, SaveAndQuit, QuitWithoutSaving,
};

/// The variant's index in `VARIANTS`, from its name.
fn variant(action: &Action) -> usize {
    let debug = format!("{action:?}");
    let name = debug.split('(').next().unwrap_or_default();
    VARIANTS
        .iter()
        .position(|v| *v == name)
        .unwrap_or_else(|| panic!("{name} is missing from VARIANTS"))
}

#[test]
fn random_actions_never_panic_or_lose_an_edit() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(256);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = (
        prop::collection::vec(step(), 1..=MAX_STEPS),
        any::<bool>(),
        any::<u64>(),
    );
    let steps = AtomicUsize::new(0);
    let result = runner.run(&strategy, |(case, with_path, seed)| {
        // With no path, Ctrl-s opens "Save as" (it only asks whether the name exists).
        let path = with_path.then(|| Path::new("/nonexistent/t1d.ron").to_path_buf());
        let mut h = Harness::new(path, seed);
        h.check()?;
        h.draw()?;
        for step in &case {
            h.run(step)?;
            h.draw()?;
        }
        steps.fetch_add(case.len(), Ordering::Relaxed);
        h.unwind()
    });
    if let Err(e) = result {
        match e {
            TestError::Fail(why, (case, with_path, seed)) => {
                panic!("{why}\nminimal case (path: {with_path}, seed: {seed}):\n{case:#?}")
            }
            TestError::Abort(why) => panic!("aborted: {why}"),
        }
    }
    let counts: Vec<String> = VARIANTS
        .iter()
        .zip(&ACTIONS)
        .map(|(name, n)| format!("{name} {}", n.load(Ordering::Relaxed)))
        .collect();
    let tally: Vec<String> = TALLY
        .lock()
        .unwrap()
        .iter()
        .map(|(what, n)| format!("{what} {n}"))
        .collect();
    eprintln!(
        "app_fuzz: {cases} cases passed, {} steps; {}; actions applied: {}",
        steps.load(Ordering::Relaxed),
        tally.join(", "),
        counts.join(", ")
    );
    // Every variant was tried (shrinking may have run some more, never fewer).
    for (name, n) in VARIANTS.iter().zip(&ACTIONS) {
        assert!(n.load(Ordering::Relaxed) > 0, "{name} was never applied");
    }
}
