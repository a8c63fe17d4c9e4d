// The brief page: GET /v1/brief, drawn with textContent only (el/svg never parse HTML), so
// article text from the store always shows as text.
import { $, api, el, pushParams, setStatus, svg, urlParams } from "./common.js";

const form = $("#brief-form");

function dayRange(days) {
  return days.length === 0 ? "undated" : days.length === 1 ? days[0] : `${days[0]} to ${days[days.length - 1]}`;
}

function quote(report) {
  if (!report) return null;
  return el("blockquote", {}, report.evidence,
    el("footer", {}, `${report.outlet}, ${report.day || "undated"}, ${report.modality}, event ${report.event_id}`));
}

function chart(trend) {
  const cur = trend.current.by_quad_class, prev = trend.previous.by_quad_class;
  const top = Math.max(1, ...Object.values(cur), ...Object.values(prev));
  const bars = [];
  ["1", "2", "3", "4"].forEach((q, i) => {
    const x = 10 + i * 60;
    [[cur[q], "current"], [prev[q], "previous"]].forEach(([n, cls], j) => {
      const h = Math.round((n / top) * 80);
      bars.push(svg("rect", { x: x + j * 22, y: 90 - h, width: 20, height: h, class: cls },
        svg("title", {}, `QuadClass ${q}, ${cls} period: ${n}`)));
    });
    bars.push(svg("text", { x: x + 10, y: 104, "font-size": 10 }, `Q${q}`));
  });
  return svg("svg", { class: "chart", role: "img", "aria-label": "reports by QuadClass, this period and the previous one",
    width: 260, height: 110, viewBox: "0 0 260 110" }, bars);
}

function list(node, items, empty) {
  node.replaceChildren(...(items.length ? items : [el("li", { class: "muted" }, empty)]));
}

function draw(b) {
  const scope = Array.isArray(b.scope.value) ? b.scope.value.join(", ") : b.scope.value;
  $("#title").textContent = `Brief: ${b.scope.kind} ${scope}`;
  $("#brief-meta").textContent = `${b.period.since} to ${b.period.until}; previous period ${b.previous_period.since} to ` +
    `${b.previous_period.until}; counted: ${(b.counting.modality || ["any"]).join("+")}, confidence >= ${b.counting.min_confidence}`;
  list($("#key-events"), b.key_events.items.map((k) => el("li", {}, el("p", {}, k.text), quote(k.best))),
    "No counted reports in scope in this period.");
  $("#trend-text").textContent = b.trend.text;
  $("#trend-chart").replaceChildren(chart(b.trend));
  $("#trend-types").textContent = `New event types: ${b.trend.new_types.join(", ") || "none"}. ` +
    `Vanished event types: ${b.trend.vanished_types.join(", ") || "none"}.`;
  list($("#said"), b.who_said_what.speakers.map((sp) => el("li", {}, el("strong", {}, sp.speaker), ` (${sp.statements})`,
    el("ul", {}, sp.items.map((st) => el("li", {}, `${st.day || "undated"}, ${st.outlet}, ${st.type} (${st.modality}): `,
      el("q", {}, st.evidence)))))), "No attributed reports in scope in this period.");
  list($("#claims"), b.open_claims.items.map((c) => el("li", {}, c.text, " ", el("q", {}, c.evidence))),
    "No future, hypothetical, conditional or hedged reports in scope in this period.");
  list($("#contradictions"), b.contradictions.items.map((c) => el("li", {}, c.text,
    el("ul", {}, [...c.asserted, ...c.negated].map((r) => el("li", {}, `${r.modality}, ${r.outlet}: `, el("q", {}, r.evidence)))))),
    "No report negates another in scope in this period.");
  $("#brief-queries").textContent = `Every figure comes from one of ${Object.keys(b.queries).length} queries; ` +
    "GET /v1/brief with the same parameters returns them with their SQL.";
  $("#brief").hidden = false;
}

async function load(values) {
  if (!values.value) return;
  setStatus("Building the brief...");
  try {
    const params = { [values.kind]: values.value, since: values.since, until: values.until };
    draw(await api("/v1/brief", params));
    setStatus("");
  } catch (e) {
    setStatus(String(e.message || e), true);
  }
}

function values() {
  const data = new FormData(form);
  return { kind: data.get("kind"), value: (data.get("value") || "").trim(), since: data.get("since"), until: data.get("until") };
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const v = values();
  pushParams(v);
  load(v);
});
$("#print").addEventListener("click", () => window.print());

const start = urlParams();
for (const name of ["kind", "value", "since", "until"]) {
  if (start.get(name)) form.elements[name].value = start.get(name);
}
if (start.get("value")) load(values());
