import { $, api, el, fillForm, formValues, goldsteinColor, pushParams, round, setStatus, svg, urlParams } from "./common.js";
import { forceLayout } from "./layout.js";

const form = $("#filters");
const W = 960, H = 620;

function draw(net) {
  const pos = forceLayout(net.nodes, net.edges, W, H);
  const at = new Map(net.nodes.map((n, i) => [n.id, pos[i]]));
  const maxDegree = Math.max(1, ...net.nodes.map((n) => n.degree));
  const radius = (n) => 5 + 20 * Math.sqrt(n.degree / maxDegree);
  const rOf = new Map(net.nodes.map((n) => [n.id, radius(n)]));
  const root = svg("svg", { class: "chart", id: "network-svg", viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": "Actor network: nodes sized by activity, coloured by cooperation or conflict" });
  const defs = svg("defs");
  for (const [name, colour] of [["coop", "#2e8b57"], ["conf", "#c0392b"], ["neutral", "#969ca6"]]) {
    defs.append(svg("marker", { id: `arrow-${name}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9,
      markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour })));
  }
  root.append(defs);
  const maxWeight = Math.max(1, ...net.edges.map((e) => e.weight));
  for (const e of net.edges) {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) continue;
    const d = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y)), r = rOf.get(e.target) + 3;
    const tone = e.goldstein_mean > 0.5 ? "coop" : e.goldstein_mean < -0.5 ? "conf" : "neutral";
    root.append(svg("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x - ((b.x - a.x) / d) * r, y2: b.y - ((b.y - a.y) / d) * r,
      stroke: goldsteinColor(e.goldstein_mean), "stroke-width": 1 + 4 * (e.weight / maxWeight), "marker-end": `url(#arrow-${tone})` },
      svg("title", {}, `${e.source} → ${e.target}: ${e.weight}, mean Goldstein ${round(e.goldstein_mean, 2)}`)));
  }
  for (const n of net.nodes) {
    const p = at.get(n.id);
    const link = svg("a", { href: `/actors?id=${encodeURIComponent(n.id)}` },
      svg("circle", { class: "node", cx: p.x, cy: p.y, r: rOf.get(n.id), fill: goldsteinColor(n.goldstein_mean), "data-id": n.id },
        svg("title", {}, `${n.name || n.id}: ${n.degree} (${n.out_degree} out, ${n.in_degree} in), mean Goldstein ${round(n.goldstein_mean, 2)}`)),
      svg("text", { class: "label", x: p.x + rOf.get(n.id) + 3, y: p.y + 4 }, n.name || n.id));
    root.append(link);
  }
  return root;
}

function nodeTable(nodes) {
  const sorted = [...nodes].sort((a, b) => b.degree - a.degree || a.id.localeCompare(b.id));
  return el("table", { class: "data", id: "node-table" },
    el("thead", {}, el("tr", {}, ["actor", "id", "activity", "out", "in", "mean Goldstein", "betweenness"].map((h) => el("th", {}, h)))),
    el("tbody", {}, sorted.map((n) => el("tr", {},
      el("td", {}, el("a", { href: `/actors?id=${encodeURIComponent(n.id)}` }, n.name || n.id)), el("td", {}, n.id),
      [n.degree, n.out_degree, n.in_degree, round(n.goldstein_mean, 2), round(n.betweenness, 3)]
        .map((v) => el("td", { class: "num" }, String(v)))))));
}

async function load() {
  const values = formValues(form);
  pushParams(values);
  setStatus("Loading…");
  try {
    const net = await api("/v1/network", values);
    setStatus(net.nodes.length ? `${net.nodes.length} actors, ${net.edges.length} links (${net.count})` : "No links in this window.");
    $("#graph").replaceChildren(draw(net));
    $("#nodes").replaceChildren(nodeTable(net.nodes));
  } catch (err) {
    setStatus(String(err.message || err), true);
  }
}

fillForm(form, urlParams());
form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
load();
