(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var tabs = Array.prototype.slice.call(document.querySelectorAll("[role=tab]"));
  var panels = Array.prototype.slice.call(document.querySelectorAll("section.pathway"));
  var main = document.querySelector("main");
  var details = document.getElementById("details");
  var body = document.getElementById("details-body");
  var search = document.getElementById("search");
  var result = document.getElementById("search-result");
  var selected = null;
  var SVGNS = "http://www.w3.org/2000/svg";

  // An element with attributes and children; text is always set as text, never as markup.
  function el(tag, attrs) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    for (var i = 2; i < arguments.length; i++) {
      var kid = arguments[i];
      if (kid === null || kid === undefined) continue;
      e.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
    }
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  function statusText(key) {
    var s = data.statuses[key];
    return el("span", { "class": "st st-" + key }, s[0] + " " + s[1]);
  }
  // Fields the page leaves out when empty.
  function list(v) { return v || []; }

  function show(p, focusTab) {
    tabs.forEach(function (t, k) {
      t.setAttribute("aria-selected", String(k === p));
      t.tabIndex = k === p ? 0 : -1;
    });
    panels.forEach(function (s, k) { s.hidden = k !== p; });
    if (focusTab && tabs[p]) tabs[p].focus();
  }
  tabs.forEach(function (t, k) {
    t.addEventListener("click", function () { show(k, false); });
    t.addEventListener("keydown", function (e) {
      var n = tabs.length;
      if (e.key === "ArrowRight") { show((k + 1) % n, true); e.preventDefault(); }
      if (e.key === "ArrowLeft") { show((k + n - 1) % n, true); e.preventDefault(); }
    });
  });

  // Every box and link can be reached with Tab and opened with Enter.
  Array.prototype.forEach.call(document.querySelectorAll("g.component, g.link"), function (g) {
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    var t = g.querySelector("title");
    if (t) g.setAttribute("aria-label", t.textContent);
  });

  function item(id) {
    var m = /^([cl])(\d+)-(\d+)$/.exec(id);
    if (!m) return null;
    var pw = data.pathways[+m[2]];
    if (!pw) return null;
    return { link: m[1] === "l", p: +m[2], x: (m[1] === "l" ? pw.links : pw.components)[+m[3]] };
  }

  // The measure over time: earlier values, then the current one, with the target. From
  // 12 points on it is an XmR chart: mean (solid), process limits (dashed), and special-
  // cause points as diamonds, green on the better side of the mean and red on the worse.
  function chart(m) {
    var pts = list(m.history).map(function (h) { return { label: h[0], v: h[1] }; });
    if (m.value !== undefined) pts.push({ label: m.period || "latest", v: m.value });
    if (pts.length < 2) return el("p", {}, pts.length ? "No earlier values to chart." : "");
    var spc = m.chart;
    var W = 360, H = 150, L = 44, R = 64, T = 10, B = 28;
    var vs = pts.map(function (p) { return p.v; }).concat([m.target_value]);
    if (spc) vs = vs.concat([spc.upl, spc.lpl]);
    var lo = Math.min.apply(null, vs), hi = Math.max.apply(null, vs);
    if (hi === lo) { hi += 1; lo -= 1; }
    var x = function (k) { return L + (W - L - R) * k / (pts.length - 1); };
    var y = function (v) { return T + (H - T - B) * (hi - v) / (hi - lo); };
    var s = svg("svg", { "class": "chart", width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-label": m.name + " over time: " + pts.map(function (p) { return p.label + " " + p.v; }).join(", ") });
    s.appendChild(svg("rect", { x: L, y: T, width: W - L - R, height: H - T - B, fill: "#fbfbfb", stroke: "#ddd" }));
    var labels = [];
    var level = function (v, colour, dash, text) {
      var ly = y(v);
      s.appendChild(svg("line", { x1: L, x2: W - R, y1: ly, y2: ly, stroke: colour, "stroke-dasharray": dash }));
      labels.push({ y: ly + 3, colour: colour, text: text });
    };
    level(m.target_value, "#1b6e1b", "5 3", "target");
    if (spc) {
      level(spc.mean, "#555", "", "mean");
      level(spc.upl, "#777", "2 3", "upper limit");
      level(spc.lpl, "#777", "2 3", "lower limit");
    }
    // Labels of lines close together are moved apart, top to bottom, so none overlaps.
    labels.sort(function (a, b) { return a.y - b.y; });
    labels.forEach(function (l, k) {
      if (k > 0 && l.y < labels[k - 1].y + 11) l.y = labels[k - 1].y + 11;
      var t = svg("text", { x: W - R + 3, y: l.y, "font-size": 10, fill: l.colour });
      t.textContent = l.text;
      s.appendChild(t);
    });
    s.appendChild(svg("polyline", { fill: "none", stroke: "#333", "stroke-width": 1.6,
      points: pts.map(function (p, k) { return x(k) + "," + y(p.v); }).join(" ") }));
    var special = spc ? list(spc.special) : [];
    pts.forEach(function (p, k) {
      var cx = x(k), cy = y(p.v), c, why = "";
      if (special.indexOf(k) >= 0) {
        var better = m.better === "higher" ? p.v > spc.mean : p.v < spc.mean;
        why = better ? " (special cause, better side)" : " (special cause, worse side)";
        c = svg("path", { d: "M" + cx + " " + (cy - 5.5) + "l5.5 5.5l-5.5 5.5l-5.5 -5.5z",
          fill: better ? "#1b6e1b" : "#b00020", stroke: "#fff", "stroke-width": 0.8 });
      } else {
        c = svg("circle", { cx: cx, cy: cy, r: 3.2, fill: "#333" });
      }
      var t = svg("title", {}); t.textContent = p.label + ": " + p.v + (m.unit ? " " + m.unit : "") + why;
      c.appendChild(t);
      s.appendChild(c);
    });
    [[0, "start"], [pts.length - 1, "end"]].forEach(function (a) {
      var t = svg("text", { x: x(a[0]), y: H - 10, "text-anchor": a[1], "font-size": 10, fill: "#555" });
      t.textContent = pts[a[0]].label;
      s.appendChild(t);
    });
    [hi, lo].forEach(function (v) {
      var t = svg("text", { x: L - 4, y: y(v) + 4, "text-anchor": "end", "font-size": 10, fill: "#555" });
      t.textContent = String(Math.round(v * 100) / 100);
      s.appendChild(t);
    });
    var box = el("div", { "class": "over-time" });
    if (spc) {
      box.appendChild(el("p", { "class": "verdict" }, "Variation: " + spc.variation + " · Assurance: " + spc.assurance));
    } else if (pts.length < 12) {
      box.appendChild(el("p", { "class": "verdict" }, pts.length + " points over time: a chart with limits needs 12"));
    }
    box.appendChild(s);
    return box;
  }

  function row(k, v) { return v === null || v === undefined || v === "" ? null : el("tr", {}, el("th", {}, k), el("td", {}, v)); }

  function measure(m) {
    var box = el("div", { "class": "measure" }, el("h4", {}, m.name));
    box.appendChild(el("table", {},
      row("Value", m.shown === undefined ? "no data" : m.shown),
      row("Target", m.target + " (" + m.better + " is better)"),
      row("Amber from", m.amber),
      el("tr", {}, el("th", {}, "Status"), el("td", {}, statusText(m.status))),
      row("Period", m.period ? m.period + (m.currency ? " (" + m.currency + ")" : "") : null),
      row("Source", m.source),
      row("Domain", m.domain),
      m.benchmark ? row("Benchmark", m.benchmark.label + ": " + m.benchmark.shown +
        (m.benchmark.worse ? " (the value is worse)" : "")) : null));
    box.appendChild(chart(m));
    list(m.breakdowns).forEach(function (b) {
      var caption = "By " + b.by + " · gap " + b.gap + " of target" + (b.is_gap ? " ⚠ (0.10 or more)" : "");
      var t = el("table", { "class": "breakdown" }, el("caption", {}, caption));
      b.groups.forEach(function (g) {
        t.appendChild(el("tr", {}, el("td", {}, g[0]), el("td", {}, g[1]), el("td", {}, statusText(g[2]))));
      });
      box.appendChild(t);
    });
    if (m.notes) box.appendChild(el("p", { "class": "notes" }, m.notes));
    return box;
  }

  function open(id) {
    var it = item(id);
    if (!it || !it.x) return;
    var x = it.x;
    if (selected) selected.classList.remove("selected");
    selected = document.getElementById(id);
    if (selected) selected.classList.add("selected");
    body.textContent = "";
    var comps = data.pathways[it.p].components;
    if (it.link) {
      body.appendChild(el("h2", {}, comps[x.from].name + " → " + comps[x.to].name));
      body.appendChild(el("p", {}, x.kind + (x.integration ? " · " + x.integration : "") +
        (x.weak_handoff ? " · weak hand-off" : "")));
    } else {
      body.appendChild(el("h2", {}, x.name));
      body.appendChild(el("p", {}, x.phase + (x.provider ? " · " + x.provider + " (" + x.sector + ")" : "")));
    }
    body.appendChild(el("p", {}, statusText(x.status), x.strength ? " · strength " + x.strength : "",
      x.rank ? " · weakest link #" + x.rank + " of this pathway" : "",
      x.children !== undefined ? " · " + x.children + " children" : ""));
    body.appendChild(el("h3", {}, "Measures"));
    if (!list(x.measures).length) body.appendChild(el("p", {}, "No measures."));
    list(x.measures).forEach(function (m) { body.appendChild(measure(m)); });
    if (!it.link) {
      body.appendChild(el("h3", {}, "Checklist"));
      var t = el("table", {});
      data.questions.forEach(function (q, k) {
        t.appendChild(el("tr", {}, el("td", {}, q), el("td", {}, x.checklist ? x.checklist[k] : "Not answered")));
      });
      body.appendChild(t);
    }
    if (x.notes) { body.appendChild(el("h3", {}, "Notes")); body.appendChild(el("p", { "class": "notes" }, x.notes)); }
    if (!it.link) {
      body.appendChild(el("h3", {}, "Actions"));
      if (!list(x.actions).length) body.appendChild(el("p", {}, "None."));
      var ul = el("ul", {});
      list(x.actions).forEach(function (a) {
        ul.appendChild(el("li", {}, a.text + " — " + a.status,
          a.owner ? " · " + a.owner : "",
          a.due ? " · due " + a.due : "",
          a.overdue ? el("span", { "class": "overdue" }, " (overdue)") : null));
      });
      body.appendChild(ul);
    }
    details.hidden = false;
    document.body.classList.add("open");
  }
  function close() {
    details.hidden = true;
    document.body.classList.remove("open");
    if (selected) { selected.classList.remove("selected"); selected.focus(); }
  }
  document.getElementById("close").addEventListener("click", close);

  function go(id) {
    var it = item(id);
    if (!it) return;
    show(it.p, false);
    var g = document.getElementById(id);
    if (g) {
      g.scrollIntoView({ block: "nearest", inline: "nearest" });
      g.focus();
    }
    open(id);
  }

  main.addEventListener("click", function (e) {
    var a = e.target.closest("a[data-target]");
    if (a) { e.preventDefault(); go(a.getAttribute("data-target")); return; }
    var g = e.target.closest("g.component, g.link");
    if (g) open(g.id);
  });
  main.addEventListener("keydown", function (e) {
    var g = e.target.closest && e.target.closest("g.component, g.link");
    if (g && (e.key === "Enter" || e.key === " ")) { open(g.id); e.preventDefault(); }
  });
  document.addEventListener("keydown", function (e) {
    var typing = e.target === search;
    if (e.key === "Escape") { if (typing) { search.value = ""; find(""); } else close(); }
    if (e.key === "/" && !typing) { search.focus(); e.preventDefault(); }
  });

  var matches = [];
  function find(q) {
    q = q.trim().toLowerCase();
    matches = [];
    Array.prototype.forEach.call(document.querySelectorAll("g.component.match"), function (g) { g.classList.remove("match"); });
    main.classList.toggle("searching", q !== "");
    if (!q) { result.textContent = ""; return; }
    data.pathways.forEach(function (pw, p) {
      pw.components.forEach(function (c, i) {
        var text = (c.name + " " + (c.provider || "") + " " + c.id).toLowerCase();
        if (text.indexOf(q) >= 0) {
          matches.push("c" + p + "-" + i);
          var g = document.getElementById("c" + p + "-" + i);
          if (g) g.classList.add("match");
        }
      });
    });
    result.textContent = matches.length ? matches.length + " found; Enter goes to the first" : "nothing found";
  }
  search.addEventListener("input", function () { find(search.value); });
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && matches.length) { go(matches[0]); e.preventDefault(); }
  });

  if (location.hash.length > 1) go(location.hash.slice(1));
})();
