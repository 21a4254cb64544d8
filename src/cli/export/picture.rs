//! `--format png|pdf`: the SVG map on a landscape page (A3 by default), drawn with the
//! embedded font only, so the output is the same whatever fonts are installed.

use clap::ValueEnum;

use resvg::usvg;

use super::font;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Page {
    A4,
    #[default]
    A3,
}

impl Page {
    /// Landscape width and height in millimetres.
    pub fn mm(self) -> (f64, f64) {
        match self {
            Page::A4 => (297.0, 210.0),
            Page::A3 => (420.0, 297.0),
        }
    }
}

/// Pixels per inch of the PNG: print quality without huge files.
pub const PNG_DPI: f64 = 150.0;
/// The page's blank border, in millimetres.
const BORDER_MM: f64 = 8.0;

fn options() -> usvg::Options<'static> {
    let mut opt = usvg::Options {
        font_family: font::FAMILY.to_string(),
        ..usvg::Options::default()
    };
    let db = opt.fontdb_mut();
    db.load_font_data(font::REGULAR.to_vec());
    db.load_font_data(font::BOLD.to_vec());
    db.set_sans_serif_family(font::FAMILY);
    opt
}

/// `map` (an SVG document) scaled to fit `page`, `w` × `h` units, on a white ground.
fn on_page(map: &str, page: Page, w: f64, h: f64) -> Result<usvg::Tree, String> {
    let opt = options();
    let inner = usvg::Tree::from_str(map, &opt).map_err(|e| e.to_string())?;
    let size = inner.size();
    let border = BORDER_MM / page.mm().0 * w;
    let scale = ((w - 2.0 * border) / f64::from(size.width()))
        .min((h - 2.0 * border) / f64::from(size.height()));
    let x = (w - f64::from(size.width()) * scale) / 2.0;
    let y = (h - f64::from(size.height()) * scale) / 2.0;
    let body = map
        .trim_start()
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .unwrap_or(map);
    let page = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.2}\" height=\"{h:.2}\" \
         viewBox=\"0 0 {w:.2} {h:.2}\"><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\
         <g transform=\"translate({x:.3},{y:.3}) scale({scale:.6})\">{body}</g></svg>"
    );
    usvg::Tree::from_str(&page, &opt).map_err(|e| e.to_string())
}

/// A PNG of the map on the page at `PNG_DPI`.
pub fn png(map: &str, page: Page) -> Result<Vec<u8>, String> {
    let (mw, mh) = page.mm();
    let (w, h) = ((mw / 25.4 * PNG_DPI).round(), (mh / 25.4 * PNG_DPI).round());
    let tree = on_page(map, page, w, h)?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(w as u32, h as u32).ok_or("the page has no pixels")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// A one-page PDF of the map: vector shapes, text as text in the embedded font.
pub fn pdf(map: &str, page: Page) -> Result<Vec<u8>, String> {
    let (mw, mh) = page.mm();
    let (w, h) = (mw / 25.4 * 72.0, mh / 25.4 * 72.0);
    let tree = on_page(map, page, w, h)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| e.to_string())
}
