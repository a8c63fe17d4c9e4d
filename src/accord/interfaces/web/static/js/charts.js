// Small SVG charts drawn by hand: stacked QuadClass bars with a Goldstein line.
import { QUAD_COLORS, round, svg } from "./common.js";

export function quadChart(rows, { width = 960, height = 320, label = "period" } = {}) {
  const m = { top: 16, right: 48, bottom: 42, left: 44 };
  const w = width - m.left - m.right, h = height - m.top - m.bottom;
  const root = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": `Events per ${label} by QuadClass with mean Goldstein score` });
  const max = Math.max(1, ...rows.map((r) => r.total));
  const band = w / Math.max(1, rows.length);
  const y = (v) => m.top + h - (v / max) * h;
  const gy = (g) => m.top + h / 2 - (g / 10) * (h / 2);
  for (const t of ticks(max)) {
    root.append(svg("line", { class: "grid", x1: m.left, x2: m.left + w, y1: y(t), y2: y(t) }),
      svg("text", { x: m.left - 6, y: y(t) + 4, "text-anchor": "end" }, String(t)));
  }
  for (const g of [-10, -5, 0, 5, 10]) {
    root.append(svg("text", { x: m.left + w + 6, y: gy(g) + 4 }, (g > 0 ? "+" : "") + g));
  }
  root.append(svg("line", { class: "axis", x1: m.left, x2: m.left + w, y1: m.top + h, y2: m.top + h }),
    svg("line", { class: "axis", x1: m.left + w, x2: m.left + w, y1: m.top, y2: m.top + h, "stroke-dasharray": "3 3" }),
    svg("line", { class: "grid", x1: m.left, x2: m.left + w, y1: gy(0), y2: gy(0), "stroke-dasharray": "4 4" }));
  const every = Math.max(1, Math.ceil(rows.length / 12));
  const points = [];
  rows.forEach((r, i) => {
    const x = m.left + i * band, bw = Math.max(1, Math.min(56, band * 0.72)), bx = x + (band - bw) / 2;
    let base = 0;
    for (const q of [1, 2, 3, 4]) {
      const v = r[`quad${q}`];
      if (!v) continue;
      root.append(svg("rect", { x: bx, width: bw, y: y(base + v), height: y(base) - y(base + v), fill: QUAD_COLORS[q] },
        svg("title", {}, `${r.period}: QuadClass ${q}: ${v}`)));
      base += v;
    }
    if (i % every === 0) {
      root.append(svg("text", { x: x + band / 2, y: m.top + h + 16, "text-anchor": "middle" }, r.period.slice(0, label === "year" ? 4 : 7)));
    }
    if (r.goldstein_mean !== null && r.goldstein_mean !== undefined) points.push([x + band / 2, gy(r.goldstein_mean), r, i]);
  });
  for (let i = 1; i < points.length; i++) {
    const [ax, ay, , ai] = points[i - 1], [bx, by, , bi] = points[i];
    if (bi === ai + 1) root.append(svg("line", { class: "gline", x1: ax, y1: ay, x2: bx, y2: by }));
  }
  if (points.length) {
    for (const [px, py, r] of points) {
      root.append(svg("circle", { cx: px, cy: py, r: 3.5, fill: "#1f3a5f" },
        svg("title", {}, `${r.period}: mean Goldstein ${round(r.goldstein_mean, 2)}`)));
    }
  }
  root.append(svg("text", { x: m.left, y: height - 6 }, "events"),
    svg("text", { x: m.left + w, y: height - 6, "text-anchor": "end" }, "mean Goldstein"));
  return root;
}

function ticks(max) {
  const step = Math.max(1, Math.ceil(max / 5));
  const out = [];
  for (let t = 0; t <= max; t += step) out.push(t);
  return out;
}
