import { $, api, el, eventsTable, fillForm, formValues, pushParams, setStatus, showStoredEvent, svg, urlParams } from "./common.js";
import { periodSelect, quadChart } from "./timeseries.js";

const form = $("#search");

function results(actors) {
  return el("table", { class: "data", id: "actor-results" },
    el("thead", {}, el("tr", {}, ["actor", "id", "kind", "country", "code", "events", "in knowledge base"].map((h) => el("th", {}, h)))),
    el("tbody", {}, actors.map((a) => el("tr", {},
      el("td", {}, el("a", { href: `/actors?id=${encodeURIComponent(a.id)}` }, a.name)),
      el("td", {}, a.id), el("td", {}, a.kind || ""), el("td", {}, a.country || ""), el("td", {}, a.code || ""),
      el("td", { class: "num" }, String(a.events)), el("td", {}, a.in_kb ? "yes" : "no")))));
}

async function search() {
  const values = formValues(form);
  pushParams(values);
  $("#actor").hidden = true;
  $("#title").textContent = "Actors";
  setStatus("Searching…");
  try {
    const page = await api("/v1/actors", { ...values, limit: 50 });
    setStatus(page.actors.length ? `${page.actors.length} actors; events counted: ${page.counted}` : "No actor matches.");
    $("#results").replaceChildren(results(page.actors));
  } catch (err) {
    setStatus(String(err.message || err), true);
  }
}

function rolesChart(roles) {
  if (!roles.length) return el("p", { class: "muted" }, "No roles in the knowledge base.");
  const today = new Date().toISOString().slice(0, 10);
  const years = (d) => Number(d.slice(0, 4)) + (Number(d.slice(5, 7)) - 1) / 12 + (Number(d.slice(8, 10)) - 1) / 365;
  const starts = roles.map((r) => years(r.start || r.end || today));
  const ends = roles.map((r) => years(r.end || today));
  const y0 = Math.floor(Math.min(...starts)), y1 = Math.ceil(Math.max(...ends)) + 0.01;
  const W = 560, row = 32, m = { left: 10, right: 10, top: 8, bottom: 24 };
  const H = m.top + row * roles.length + m.bottom;
  const x = (t) => m.left + ((t - y0) / (y1 - y0)) * (W - m.left - m.right);
  const root = svg("svg", { class: "chart", id: "roles-svg", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Roles over time" });
  const step = Math.max(1, Math.ceil((y1 - y0) / 8));
  for (let t = y0; t <= y1; t += step) {
    root.append(svg("line", { class: "grid", x1: x(t), x2: x(t), y1: m.top, y2: H - m.bottom }),
      svg("text", { x: x(t), y: H - 8, "text-anchor": "middle" }, String(t)));
  }
  roles.forEach((r, i) => {
    const top = m.top + i * row, a = x(starts[i]), b = Math.max(x(ends[i]), a + 3);
    const label = `${r.title}, ${r.organisation} (${r.start || "?"} – ${r.end || "now"})`;
    root.append(svg("text", { class: "label", x: Math.max(2, Math.min(a, W - label.length * 6.4 - 4)), y: top + 12 }, label),
      svg("rect", { x: a, y: top + 16, width: b - a, height: 9, rx: 3, fill: r.end ? "#8da9c4" : "#1f3a5f" },
        svg("title", {}, label)));
  });
  return root;
}

function codesTable(codes) {
  if (!codes.length) return el("p", { class: "muted" }, "No stored events.");
  return el("table", { class: "data", id: "codes-table" },
    el("thead", {}, el("tr", {}, ["code", "role", "first", "last", "events"].map((h) => el("th", {}, h)))),
    el("tbody", {}, codes.map((c) => el("tr", {},
      [c.code || "", c.role || "", c.first || "", c.last || ""].map((v) => el("td", {}, v)),
      el("td", { class: "num" }, String(c.events))))));
}

async function showActor(id, by = urlParams().get("by") || "month") {
  pushParams({ id, by: by === "month" ? "" : by });
  setStatus("Loading…");
  try {
    const a = await api(`/v1/actors/${encodeURIComponent(id)}`, { by });
    setStatus("");
    $("#results").replaceChildren();
    $("#title").textContent = a.name;
    const facts = [["id", a.id], ["kind", a.kind || "–"], ["country", a.country || "–"], ["code", a.code || "–"],
      ["aliases", a.aliases.join(", ") || "–"],
      ["events", `${a.totals.total} (${a.totals.as_source} as source, ${a.totals.as_target} as target)`],
      ["counted", `${a.counted}; ${a.totals.stored} stored in all`]];
    $("#facts").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
    $("#roles").replaceChildren(rolesChart(a.roles));
    $("#codes").replaceChildren(codesTable(a.codes));
    const period = el("form", { class: "filters compact", "aria-label": "Period" }, periodSelect(a.by));
    period.elements.by.addEventListener("change", () => showActor(a.id, period.elements.by.value));
    $("#series").replaceChildren(period, quadChart(a.series, { by: a.by, title: `Events of ${a.name}` }));
    $("#types").replaceChildren(el("ul", { class: "plain" }, a.types.map((t) => el("li", {}, `${t.type}: ${t.count}`))));
    $("#all-events").setAttribute("href", `/events?actor=${encodeURIComponent(a.id)}`);
    $("#recent").replaceChildren(eventsTable(a.recent, (e) => showStoredEvent(e.id, $("#detail")),
      ["date", "type", "source", "target", "modality", "confidence", "trigger"]));
    $("#actor").hidden = false;
  } catch (err) {
    setStatus(String(err.message || err), true);
  }
}

const params = urlParams();
fillForm(form, params);
form.addEventListener("submit", (ev) => { ev.preventDefault(); search(); });
if (params.get("id")) showActor(params.get("id"));
else search();
