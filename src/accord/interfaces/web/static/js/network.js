// The actor network drawn by cytoscape.js (vendored): zoom, pan, the cose force layout; labels
// only where they do not overlap at the current zoom; a click opens the actor's page.
import cytoscape from "../vendor/cytoscape.esm.min.js";
import { $, api, countedNote, dataTable, el, filterBar, formValues, goldsteinColor, goldsteinLegend, pushParams, round, setStatus, urlParams } from "./common.js";

const form = $("#filters");
const view = $("#view");
let net = null;
let cy = null;
let initialKind = urlParams().get("kind") || "";

const SECTORS = { GOV: "government", MIL: "military", REB: "rebels", OPP: "opposition", BUS: "business",
  MED: "media", CVL: "civilians", COP: "police", JUD: "judiciary", LEG: "legislature", IGO: "international organisation",
  NGO: "NGO", EDU: "education", REL: "religious", SPY: "intelligence" };

export function actorKind(id) {
  // what kind of actor a network node is, from its key: a knowledge-base id (a named person or
  // body), a bare country code, or a CAMEO code whose sector is its last three letters
  if (!/^[A-Z]+$/.test(id)) return "named actor";
  if (id.length === 3) return SECTORS[id] || "country";
  return SECTORS[id.slice(3, 6)] || SECTORS[id.slice(-3)] || "other code";
}

function cytoscapeNeedsNoInlineStyle() {
  // cytoscape inserts a <style> (blocked by the CSP) unless one with its id exists: app.css
  // carries the rule instead, and this empty marker tells cytoscape it is there.
  if (!document.getElementById("__________cytoscape_stylesheet")) {
    document.head.append(el("meta", { id: "__________cytoscape_stylesheet", name: "cytoscape-stylesheet", content: "app.css" }));
  }
}

function visible() {
  const v = formValues(view);
  const minWeight = Number(v.min_weight) || 1;
  const edges = net.edges.filter((e) => e.weight >= minWeight);
  const ends = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = net.nodes.filter((n) => ends.has(n.id) && (!v.kind || actorKind(n.id) === v.kind));
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

function placeLabels() {
  // greedy: the busiest actors first; a label is shown only if its box (as cytoscape measures
  // it, at a constant on-screen size) overlaps no label already shown
  if (!cy) return;
  const zoom = cy.zoom(), pad = 2 / zoom;
  cy.style().selector("node").style({ "font-size": 12 / zoom, "text-margin-y": -2 / zoom }).update();
  const nodes = cy.nodes().sort((a, b) => b.data("degree") - a.data("degree"));
  nodes.addClass("labelled");
  const kept = [];
  const hide = [];
  for (const n of nodes) {
    const b = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    const box = { x1: b.x1 - pad, x2: b.x2 + pad, y1: b.y1 - pad, y2: b.y2 + pad };
    const free = kept.every((k) => box.x2 < k.x1 || box.x1 > k.x2 || box.y2 < k.y1 || box.y1 > k.y2);
    if (free) kept.push(box);
    else hide.push(n);
  }
  cy.collection(hide).removeClass("labelled");
}

function draw() {
  const { nodes, edges } = visible();
  const maxDegree = Math.max(1, ...nodes.map((n) => n.degree));
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
  const elements = [
    ...nodes.map((n) => ({ data: { id: n.id, label: n.name || n.id, degree: n.degree,
      size: 12 + 34 * Math.sqrt(n.degree / maxDegree), colour: goldsteinColor(n.goldstein_mean) } })),
    ...edges.map((e) => ({ data: { id: `${e.source}→${e.target}`, source: e.source, target: e.target, weight: e.weight,
      width: 1 + 5 * (e.weight / maxWeight), colour: goldsteinColor(e.goldstein_mean) } })),
  ];
  if (cy) cy.destroy();
  cy = cytoscape({
    container: $("#graph"),
    elements,
    minZoom: 0.1, maxZoom: 6,
    style: [
      { selector: "node", style: { width: "data(size)", height: "data(size)", "background-color": "data(colour)",
        "border-width": 1, "border-color": "#333", label: "", "font-size": 12, color: "#111",
        "text-valign": "top", "text-halign": "center", "text-background-color": "#fff", "text-background-opacity": 0.8,
        "text-background-padding": 1 } },
      { selector: "node.labelled", style: { label: "data(label)" } },
      { selector: "node.found", style: { "border-width": 4, "border-color": "#000", label: "data(label)" } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.8, "arrow-scale": 0.9 } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 90000, idealEdgeLength: () => 90,
      numIter: 1500, padding: 30, nodeDimensionsIncludeLabels: false },
  });
  cy.on("tap", "node", (ev) => { window.location.href = `/actors?id=${encodeURIComponent(ev.target.id())}`; });
  cy.on("zoom", () => { window.clearTimeout(cy.labelTimer); cy.labelTimer = window.setTimeout(placeLabels, 60); });
  placeLabels();
  window.accordNetwork = cy;  // for the browser tests
  $("#graph").dataset.nodes = String(nodes.length);
  $("#graph").dataset.edges = String(edges.length);
  find();
  $("#nodes").replaceChildren(nodeTable(nodes));
  setStatus(nodes.length ? `${nodes.length} actors, ${edges.length} links (${net.count}) drawn of ${net.nodes.length} and ${net.edges.length}`
    : "No links in this window and these filters.");
}

function find() {
  const q = (view.elements.find.value || "").trim().toLowerCase();
  cy.nodes().removeClass("found");
  if (!q) return;
  const hit = cy.nodes().filter((n) => n.id().toLowerCase() === q || n.data("label").toLowerCase().includes(q));
  if (hit.length) {
    hit.addClass("found");
    cy.animate({ fit: { eles: hit.closedNeighborhood(), padding: 60 } }, { duration: 0 });
  }
}

function nodeTable(nodes) {
  const sorted = [...nodes].sort((a, b) => b.degree - a.degree || a.id.localeCompare(b.id));
  return dataTable("node-table", ["actor", "id", "type", "activity", "out", "in", "mean Goldstein", "betweenness"],
    sorted.map((n) => [el("a", { href: `/actors?id=${encodeURIComponent(n.id)}` }, n.name || n.id), n.id, actorKind(n.id),
      n.degree, n.out_degree, n.in_degree, round(n.goldstein_mean, 2), round(n.betweenness, 3)]),
    { numeric: [3, 4, 5, 6, 7] });
}

async function load() {
  const values = formValues(form);
  pushParams({ ...values, ...formValues(view) });
  setStatus("Loading…");
  try {
    // /v1/network-of is /v1/network with the event type and QuadClass filters
    net = await api(values.type || values.quad_class ? "/v1/network-of" : "/v1/network", values);
    $("#counted").textContent = countedNote(net.counted);
    const kinds = [...new Set(net.nodes.map((n) => actorKind(n.id)))].sort();
    const current = view.elements.kind.value || initialKind;
    initialKind = "";
    view.elements.kind.replaceChildren(el("option", { value: "" }, "any"), ...kinds.map((k) => el("option", { value: k }, k)));
    view.elements.kind.value = kinds.includes(current) ? current : "";
    $("#node-names").replaceChildren(...net.nodes.map((n) => el("option", { value: n.name || n.id })));
    draw();
  } catch (err) {
    setStatus(String(err.message || err), true);
  }
}

async function main() {
  cytoscapeNeedsNoInlineStyle();
  await filterBar(form, ["since", "until", "type", "quad_class", "modality", "min_confidence"]);
  const params = urlParams();
  for (const name of ["find", "min_weight"]) if (params.has(name)) view.elements[name].value = params.get(name);
  $("#legend").replaceChildren(el("span", {}, "node size: activity (stories or reports in the window)"), goldsteinLegend(),
    el("span", {}, "arrows point from source to target; labels show where they fit: zoom in for more"));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  view.addEventListener("submit", (ev) => ev.preventDefault());
  view.addEventListener("change", () => { pushParams({ ...formValues(form), ...formValues(view) }); draw(); });
  view.elements.find.addEventListener("input", () => { pushParams({ ...formValues(form), ...formValues(view) }); find(); });
  await load();
}

main();
