// Time series drawn by uPlot (vendored): a real time axis, events stacked by QuadClass as bars,
// mean Goldstein as a line on its own −10…+10 axis, a tooltip under the cursor, drag to zoom
// (double-click resets), and the period switch (day, week, month, year).
import uPlot from "../vendor/uPlot.esm.js";
import { OKABE, QUAD_COLORS, QUAD_NAMES, el, quadLegend, round, swatch } from "./common.js";

const DAY = 86400;

function seconds(period) {
  return Date.parse(`${period}T00:00:00Z`) / 1000;
}

function label(ts, by) {
  const iso = new Date(ts * 1000).toISOString();
  return by === "year" ? iso.slice(0, 4) : by === "month" ? iso.slice(0, 7) : iso.slice(0, 10);
}

function tooltipPlugin(rows, by) {
  let tip;
  return {
    hooks: {
      init: (u) => {
        tip = el("div", { class: "chart-tip", role: "status" });
        tip.hidden = true;
        u.over.append(tip);
      },
      setCursor: (u) => {
        const i = u.cursor.idx;
        if (i === null || i === undefined || u.cursor.left < 0) { tip.hidden = true; return; }
        const r = rows[i];
        tip.replaceChildren(el("strong", {}, `${label(u.data[0][i], by)} (${by})`),
          el("br"), `${r.total} events`,
          [1, 2, 3, 4].filter((q) => r[`quad${q}`]).map((q) => [el("br"), swatch(QUAD_COLORS[q]), ` ${QUAD_NAMES[q]}: ${r[`quad${q}`]}`]),
          el("br"), `mean Goldstein ${r.goldstein_mean === null ? "–" : round(r.goldstein_mean, 2)}`);
        tip.hidden = false;
        const left = Math.min(u.cursor.left + 12, u.over.clientWidth - 190);
        tip.style.left = `${Math.max(0, left)}px`;
        tip.style.top = `${Math.max(0, u.cursor.top - 10)}px`;
      },
    },
  };
}

export function quadChart(rows, { by = "month", width = null, height = 300, title = "Events over time" } = {}) {
  // rows: [{period, quad1..quad4, total, goldstein_mean}] with empty periods as zeros
  const box = el("figure", { class: "timeseries", role: "group", "aria-label": `${title}, per ${by}, stacked by QuadClass with mean Goldstein`,
    "data-by": by, "data-periods": rows.length, "data-total": rows.reduce((n, r) => n + r.total, 0) });
  if (!rows.length) {
    box.append(el("p", { class: "muted" }, "No dated events."));
    return box;
  }
  const xs = rows.map((r) => seconds(r.period));
  const cum = (q) => rows.map((r) => [1, 2, 3, 4].filter((k) => k <= q).reduce((n, k) => n + r[`quad${k}`], 0));
  const data = [xs, cum(4), cum(3), cum(2), cum(1), rows.map((r) => r.goldstein_mean)];
  const span = { day: DAY, week: 7 * DAY, month: 30 * DAY, year: 365 * DAY }[by] || DAY;
  const bars = uPlot.paths.bars({ size: [0.8, 64], align: 0 });
  const raw = (q) => (u, v, si, i) => (i === null || i === undefined ? "–" : String(rows[i][`quad${q}`]));
  const series = [
    { label: by, value: (u, ts) => (ts === null ? "–" : label(ts, by)) },
    ...[4, 3, 2, 1].map((q) => ({ label: `${q} ${QUAD_NAMES[q]}`, fill: QUAD_COLORS[q], stroke: QUAD_COLORS[q], width: 0,
      paths: bars, points: { show: false }, value: raw(q) })),
    { label: "mean Goldstein", scale: "g", stroke: OKABE.black, width: 2, spanGaps: false,
      points: { show: true, size: 6, fill: OKABE.black }, value: (u, v) => (v === null || v === undefined ? "–" : round(v, 2)) },
  ];
  const opts = {
    width: width || Math.max(320, Math.min(1300, (document.querySelector("main")?.clientWidth || 960) - 24)),
    height,
    series,
    legend: { show: false },
    cursor: { drag: { x: true, y: false }, points: { show: false } },
    scales: {
      x: { time: true, range: (u, min, max) => [min - span / 2, max + span / 2] },
      y: { range: (u, min, max) => [0, Math.max(1, max) * 1.05] },
      g: { range: [-10, 10] },
    },
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    axes: [
      {},
      { label: "events", size: 56, values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : "")) },
      { scale: "g", side: 1, label: "mean Goldstein", size: 56, grid: { show: false }, values: (u, ticks) => ticks.map((t) => (t > 0 ? `+${t}` : String(t))) },
    ],
    plugins: [tooltipPlugin(rows, by)],
  };
  const plot = el("div", { class: "uplot-host" });
  box.append(plot, quadLegend([el("span", {}, swatch(OKABE.black), "mean Goldstein (right axis, −10 conflict … +10 cooperation)"),
    el("span", { class: "muted" }, "drag across the chart to zoom, double-click to reset")]));
  // Open on the periods that hold nearly all events: a few background dates decades back
  // would otherwise squeeze the rest into a sliver (double-click shows everything).
  const total = rows.reduce((n, r) => n + r.total, 0);
  let first = 0;
  for (let seen = 0; first < rows.length && seen + rows[first].total <= 0.02 * total; first++) seen += rows[first].total;
  while (first < rows.length && !rows[first].total) first++;
  const last = xs.length - 1;
  const zoomed = first > 0 && first < last && xs[first] - xs[0] > 0.25 * (xs[last] - xs[0]);
  if (zoomed) {
    const before = rows.slice(0, first).reduce((n, r) => n + r.total, 0);
    box.append(el("p", { class: "muted" }, `Showing ${label(xs[first], by)} onwards: ${before} earlier events (from ${label(xs[0], by)}) are off to the left; double-click the chart to show everything.`));
  }
  const chart = new uPlot(opts, data, plot);
  if (zoomed) chart.setScale("x", { min: xs[first], max: xs[last] });
  box.chart = chart;
  return box;
}

export function periodSelect(value = "month") {
  return el("label", {}, "Period ", el("select", { name: "by" },
    ["day", "week", "month", "year"].map((p) => el("option", { value: p, selected: p === value }, p))));
}

export function seriesTable(rows, id = "series-table") {
  // the chart's numbers as a table (screen readers, copying)
  const head = ["period", "q1", "q2", "q3", "q4", "total", "mean Goldstein"];
  return el("table", { class: "data", id },
    el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map((r) => el("tr", {},
      [r.period, r.quad1, r.quad2, r.quad3, r.quad4, r.total, round(r.goldstein_mean, 2)]
        .map((v, i) => el("td", { class: i ? "num" : "" }, String(v)))))));
}
