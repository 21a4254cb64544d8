//! Editor benchmarks (BENCHMARKS.md): one full frame of a 2,000-component pathway on a
//! 200×60 TestBackend; a keypress that edits (move a component in its column), with the
//! re-analysis and the next frame; layout with tidy of the 6,000-component network.
//!
//! `cargo bench --bench editor`; the crossing counts before and after tidy are printed.

mod common;

use std::hint::black_box;

use carepath::app::{Action, App};
use carepath::generate;
use carepath::layout::{Layout, LayoutOptions, tidy};
use carepath::ui::{self, Theme, UiState};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use common::SEED;

/// The component with the most neighbours in its column, so a move changes the picture.
fn app_on(n: usize) -> App {
    let mut app = App::new(generate::network(n, SEED), None, true);
    let pathway = app
        .current_pathway()
        .expect("a generated network has a pathway");
    assert_eq!(
        pathway.components().len(),
        n,
        "one pathway of {n} components"
    );
    // Start in the middle of the busiest column, so K and J always have somewhere to go.
    let busiest = carepath::model::Phase::ALL
        .into_iter()
        .max_by_key(|&p| pathway.column(p).count())
        .expect("six phases");
    let ids: Vec<String> = pathway.column(busiest).map(|c| c.id.clone()).collect();
    let middle = ids[ids.len() / 2].clone();
    app.update(Action::SelectComponent(middle));
    app
}

fn editor(c: &mut Criterion) {
    let theme = Theme::default();
    let mut group = c.benchmark_group("editor");
    group.sample_size(50);

    // A frame with the layout already cached (what every keypress that only moves pays).
    let app = app_on(2_000);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    let mut state = UiState::default();
    group.bench_function("frame_2000", |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    black_box(ui::render(f, &app, &theme, &mut state));
                })
                .expect("draw");
        })
    });

    // The first frame after a change: layout from scratch, then drawing.
    group.bench_function("frame_2000_with_layout", |b| {
        b.iter(|| {
            let mut fresh = UiState::default();
            terminal
                .draw(|f| {
                    black_box(ui::render(f, &app, &theme, &mut fresh));
                })
                .expect("draw");
        })
    });

    // A keypress that edits: the checked change, undo snapshot, re-analysis, next frame.
    let mut app = app_on(2_000);
    let mut down = true;
    group.bench_function("edit_analyse_frame_2000", |b| {
        b.iter(|| {
            let action = if down {
                Action::ShiftDown
            } else {
                Action::ShiftUp
            };
            down = !down;
            app.update(action);
            terminal
                .draw(|f| {
                    black_box(ui::render(f, &app, &theme, &mut state));
                })
                .expect("draw");
        })
    });

    // Layout with tidy of every pathway of the 6,000-component network.
    let network = generate::network(6_000, SEED);
    let (mut before, mut after) = (0, 0);
    for p in network.pathways() {
        let t = tidy(p, None);
        before += t.before;
        after += t.after;
    }
    println!("tidy, 6,000 components: {before} crossings before, {after} after");
    group.bench_function("layout_tidy_6000", |b| {
        b.iter(|| {
            for p in network.pathways() {
                let t = tidy(black_box(p), None);
                let options = LayoutOptions {
                    width: 200,
                    height: 60,
                    order: Some(&t.positions),
                    ..LayoutOptions::default()
                };
                black_box(Layout::new(p, &options));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, editor);
criterion_main!(benches);
