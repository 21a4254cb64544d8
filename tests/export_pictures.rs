//! `--format png|pdf`: decoded back, the PNG is a page of the right size with the map on
//! it; the PDF is one landscape page whose text is the map's.

mod exchange_support;

use std::process::Command;

use exchange_support::{examples, run_in};

fn example(stem: &str) -> std::path::PathBuf {
    examples()
        .into_iter()
        .find(|p| p.file_stem().is_some_and(|s| s == stem))
        .expect("the example is in pathways/")
}

#[test]
fn png_is_a_landscape_page_with_the_map_drawn_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = example("type1-diabetes");
    for (page, size) in [("a3", (2480, 1754)), ("a4", (1754, 1240))] {
        let out = dir.path().join(format!("map-{page}.png"));
        let run = run_in(
            dir.path(),
            &[
                "export",
                file.to_str().unwrap(),
                "--format",
                "png",
                "--page",
                page,
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let bytes = std::fs::read(&out).unwrap();
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("a PNG");
        assert_eq!((pixmap.width(), pixmap.height()), size, "{page}");
        let pixels = pixmap.pixels();
        let ink = pixels
            .iter()
            .filter(|p| p.red() < 200 || p.green() < 200 || p.blue() < 200)
            .count();
        assert!(ink * 20 > pixels.len(), "at least 5% of the page is drawn");
        // The Red boxes' fill (#f8cfcf) is there: colour, not only outlines.
        let red_fill = pixels
            .iter()
            .filter(|p| (p.red(), p.green(), p.blue()) == (0xf8, 0xcf, 0xcf))
            .count();
        assert!(red_fill > 1000, "{red_fill} red-fill pixels");
        // A white border all round.
        let corner = pixmap.pixel(3, 3).unwrap();
        assert_eq!(
            (corner.red(), corner.green(), corner.blue()),
            (255, 255, 255)
        );
    }
}

#[test]
fn pdf_is_one_landscape_page_with_the_map_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = example("mental-health");
    let network = carepath::storage::load(&file).unwrap();
    let pathway = &network.pathways()[0];
    let out = dir.path().join("map.pdf");
    let run = run_in(
        dir.path(),
        &[
            "export",
            file.to_str().unwrap(),
            "--format",
            "pdf",
            "--pathway",
            &pathway.id,
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let info = Command::new("pdfinfo").arg(&out).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(
        info.contains("1190.55 x 841.89 pts"),
        "A3 landscape: {info}"
    );
    let text = Command::new("pdftotext")
        .arg(&out)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    let words: std::collections::HashSet<&str> = text.split_whitespace().collect();
    assert!(text.contains(&network.name), "{text}");
    for c in pathway.components() {
        for word in c.name.split_whitespace() {
            assert!(words.contains(word), "{word:?} of {:?} in the PDF", c.name);
        }
    }
    assert!(text.contains("Legend"));
}
