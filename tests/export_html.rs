//! `--format html` opened in real headless Chromium through chromedriver (plain WebDriver
//! over HTTP on the loopback): every component's name is on the page after its script
//! runs, clicking a box shows its measures, a weakest-links entry leads to its box, search
//! finds a box, and the console has no errors. Nothing is fetched: the page loads offline.

mod exchange_support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use exchange_support::{examples, run_in, save};

/// A chromedriver on a free loopback port, ended when dropped.
struct Driver {
    child: Child,
    port: u16,
    session: String,
}

fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Value {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("chromedriver listens");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    // chromedriver keeps the connection open: read the head, then Content-Length bytes.
    let mut response = Vec::new();
    let mut chunk = [0u8; 65536];
    let head_end = loop {
        let n = stream.read(&mut chunk).unwrap();
        assert!(n > 0, "chromedriver closed the connection early");
        response.extend_from_slice(&chunk[..n]);
        if let Some(at) = response.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&response[..head_end]).to_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map(|v| v.trim().parse().unwrap())
        .expect("a Content-Length");
    while response.len() < head_end + length {
        let n = stream.read(&mut chunk).unwrap();
        assert!(n > 0, "chromedriver closed the connection early");
        response.extend_from_slice(&chunk[..n]);
    }
    let payload = String::from_utf8_lossy(&response[head_end..head_end + length]);
    serde_json::from_str(&payload).unwrap_or_else(|e| panic!("{e}: {payload}"))
}

impl Driver {
    fn start(profile: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian's chromium-driver) is installed");
        let mut driver = Driver {
            child,
            port,
            session: String::new(),
        };
        // Wait for it to listen: a bounded number of tries, not a time limit on the test.
        for _ in 0..200 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless", "--no-sandbox", "--disable-gpu",
                         "--disable-background-networking", "--disable-component-update",
                         "--no-first-run", "--disable-dev-shm-usage",
                         "--window-size=1400,1000",
                         format!("--user-data-dir={}", profile.display())]
            }
        }}});
        let started = http(port, "POST", "/session", Some(&caps));
        driver.session = started["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("a session: {started}"))
            .to_string();
        driver
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let v = http(self.port, method, &path, body.as_ref());
        assert!(
            v["value"].get("error").is_none(),
            "{method} {path}: {}",
            v["value"]
        );
        v["value"].clone()
    }

    fn open(&self, file: &Path) {
        self.call(
            "POST",
            "/url",
            Some(json!({"url": format!("file://{}", file.display())})),
        );
    }

    fn script(&self, js: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": js, "args": []})),
        )
    }

    fn click(&self, css: &str) {
        let found = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("an element id")
            .to_string();
        self.call("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    fn send_keys(&self, css: &str, keys: &str) {
        let found = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = found.as_object().unwrap().values().next().unwrap();
        let id = id.as_str().unwrap().to_string();
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({"text": keys})),
        );
    }

    /// The browser console's entries at level SEVERE (errors), since the last call.
    fn console_errors(&self) -> Vec<String> {
        let log = self.call("POST", "/se/log", Some(json!({"type": "browser"})));
        log.as_array()
            .unwrap()
            .iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].to_string())
            .collect()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = std::panic::catch_unwind(|| http(self.port, "DELETE", &path, None));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn text_of(driver: &Driver, css: &str) -> String {
    driver
        .script(&format!(
            "var e = document.querySelector({css:?}); return e ? e.textContent : null;"
        ))
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_page_works_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start(&dir.path().join("profile"));
    let mut clicked = 0;
    for file in examples() {
        let network = carepath::storage::load(&file).unwrap();
        let out = dir.path().join("page.html");
        let run = run_in(
            dir.path(),
            &[
                "export",
                file.to_str().unwrap(),
                "--format",
                "html",
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(!html.contains("http://") || !html.contains("src=\"http"));
        assert!(!html.contains(" src="), "nothing is loaded from elsewhere");
        driver.open(&out);

        // Every component's whole name, after the script has run.
        let names = driver.script(
            "return Array.from(document.querySelectorAll('g.component')).map(function (g) {\
               return Array.from(g.querySelectorAll('text.name')).map(function (t) {\
                 return t.textContent; }).join(' '); });",
        );
        let names: Vec<&str> = names
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let expected: Vec<String> = network
            .pathways()
            .iter()
            .flat_map(|p| p.components())
            .map(|c| c.name.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(names, expected, "{}", file.display());
        let focusable = driver
            .script("return document.querySelectorAll('g.component[tabindex=\"0\"]').length;");
        assert_eq!(focusable.as_u64().unwrap() as usize, expected.len());
        let footer = text_of(&driver, "footer");
        assert!(footer.contains(&network.name), "{footer}");
        assert!(footer.contains(file.to_str().unwrap()), "{footer}");
        assert!(footer.contains(&carepath::model::today()), "{footer}");

        // Clicking a measured box shows its measures with values, targets and status.
        let Some((p, i, c)) = network
            .pathways()
            .iter()
            .enumerate()
            .flat_map(|(p, pw)| {
                pw.components()
                    .iter()
                    .enumerate()
                    .map(move |(i, c)| (p, i, c))
            })
            .find(|(_, _, c)| c.measures.iter().any(|m| m.value.is_some()))
        else {
            // The template has no figures yet: its page loads without errors all the same.
            let errors = driver.console_errors();
            assert!(errors.is_empty(), "{}: {errors:?}", file.display());
            continue;
        };
        clicked += 1;
        if p > 0 {
            driver.click(&format!("#tab-{p}"));
        }
        driver.click(&format!("#c{p}-{i}"));
        let shown = driver.script("return !document.getElementById('details').hidden;");
        assert_eq!(shown, json!(true));
        let details = text_of(&driver, "#details-body");
        assert!(details.contains(&c.name), "{details}");
        for m in &c.measures {
            assert!(details.contains(&m.name), "{} in {details}", m.name);
        }
        assert!(details.contains("Target"), "{details}");
        assert!(
            ["✗ Red", "! Amber", "✓ Green"]
                .iter()
                .any(|s| details.contains(s)),
            "status in words and symbols: {details}"
        );
        assert!(details.contains("Checklist"), "{details}");

        // A weakest-links entry opens its own box's details.
        driver.click("#tab-0");
        driver.click("#pw-0 ol.weakest a");
        let target = driver.script(
            "return document.querySelector('#pw-0 ol.weakest a').getAttribute('data-target');",
        );
        let selected =
            driver.script("var s = document.querySelector('g.selected'); return s ? s.id : null;");
        assert_eq!(selected, target);

        // Search marks the boxes that match.
        let first = &network.pathways()[0].components()[0];
        let word = first.name.split_whitespace().next().unwrap().to_string();
        driver.send_keys("#search", &word);
        let found = driver.script("return document.querySelectorAll('g.component.match').length;");
        assert!(found.as_u64().unwrap() >= 1, "{word}");
        let result = text_of(&driver, "#search-result");
        assert!(result.contains("found"), "{result}");

        let errors = driver.console_errors();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
    assert!(
        clicked >= 2,
        "both examples with figures were clicked through"
    );
}

/// The measures of tests/ui_measures.rs: a 12-point series, a benchmark it falls short
/// of, a breakdown by deprivation, judged at 31 March 2025.
const MEASURES: &str = include_str!("fixtures/measures.ron");

#[test]
fn measures_over_time_show_their_chart_benchmark_and_breakdowns() {
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start(&dir.path().join("profile"));
    let file = dir.path().join("measures.ron");
    std::fs::write(&file, MEASURES).unwrap();
    let out = dir.path().join("page.html");
    let run = run_in(
        dir.path(),
        &[
            "export",
            "measures.ron",
            "--format",
            "html",
            "-o",
            "page.html",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    driver.open(&out);
    driver.click("#c0-0");
    let details = text_of(&driver, "#details-body");
    // Twelve points: an XmR chart, its verdict in words and symbols, mean and limits.
    for expected in [
        "Variation: ▼ concern · Assurance: F consistently fail",
        "mean",
        "upper limit",
        "lower limit",
        "the value is worse",
        "stale",
        "By Deprivation quintile · gap 0.24 of target ⚠",
        "1 most deprived",
        "29%",
    ] {
        assert!(details.contains(expected), "{expected:?} in {details}");
    }
    // The last point (30 weeks against a mean near 21) is special cause on the worse
    // side: a red diamond; the eleven before it sit below the mean (a run), on the better
    // side: green diamonds.
    let diamonds = driver.script(
        "return Array.from(document.querySelectorAll('#details-body svg.chart path')).map(\
           function (p) { return p.getAttribute('fill'); });",
    );
    let fills: Vec<&str> = diamonds
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(fills.last(), Some(&"#b00020"), "{fills:?}");
    assert!(
        fills.iter().filter(|f| **f == "#1b6e1b").count() >= 7,
        "{fills:?}"
    );
    let errors = driver.console_errors();
    assert!(errors.is_empty(), "{errors:?}");
}

/// The page of a generated 6,000-component network: how long Chromium takes to load it
/// (navigation start to the end of the load event). A measurement, not a test: run with
/// `cargo nextest run --release --test export_html --run-ignored only --no-capture`.
#[test]
#[ignore]
fn benchmark_open_6000_components() {
    let dir = tempfile::tempdir().unwrap();
    let network = carepath::generate::network(6000, 1);
    let file = save(dir.path(), "big.ron", &network);
    let out = dir.path().join("big.html");
    let run = run_in(
        dir.path(),
        &[
            "export",
            file.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let size = std::fs::metadata(&out).unwrap().len();
    let driver = Driver::start(&dir.path().join("profile"));
    for round in 0..3 {
        driver.open(&out);
        let ms = driver.script(
            "var n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;",
        );
        let parts = driver.script(
            "var n = performance.getEntriesByType('navigation')[0]; return [n.responseEnd, \
             n.domInteractive, n.domContentLoadedEventEnd, n.loadEventEnd].map(Math.round);",
        );
        println!("response end, DOM interactive, DOMContentLoaded end, load end (ms): {parts}");
        let boxes = driver.script("return document.querySelectorAll('g.component').length;");
        assert_eq!(boxes.as_u64().unwrap(), 6000);
        println!(
            "round {round}: {size} bytes, 6000 components, opened in {:.0} ms",
            ms.as_f64().unwrap()
        );
    }
    assert!(driver.console_errors().is_empty());
}

#[test]
fn text_that_would_end_the_script_stays_inside_the_page_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut network = exchange_support::awkward();
    let name = "Ends </script><script>alert(1)</script> and </SCRIPT";
    exchange_support::update(&mut network, "x1", |c| {
        c.name = name.to_string();
        c.notes = "a </b> note".to_string();
    });
    let file = save(dir.path(), "awkward.ron", &network);
    let run = run_in(
        dir.path(),
        &["export", file.to_str().unwrap(), "--format", "html"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let open = "<script type=\"application/json\" id=\"data\">";
    let data = &run.stdout[run.stdout.find(open).unwrap() + open.len()..];
    let data = &data[..data.find("</script>").unwrap()];
    assert!(!data.contains("</"), "{data}");
    let value: Value = serde_json::from_str(data).unwrap();
    let component = &value["pathways"][0]["components"][0];
    assert_eq!(component["name"], name);
    assert_eq!(component["notes"], "a </b> note");
}
