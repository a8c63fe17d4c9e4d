// A country's page: every actor of the country, its dyads with other countries, its time series.
import { $, api, countedNote, dataTable, el, filterBar, formValues, pushParams, round, setStatus, urlParams } from "./common.js";
import { ISO3_NAME } from "./iso.js";
import { periodSelect, quadChart } from "./timeseries.js";

const form = $("#filters");
let by = "month";

async function load() {
  const { code: raw = "", ...filters } = formValues(form);
  const code = raw.toUpperCase();
  pushParams({ code, ...filters, by: by === "month" ? "" : by });
  if (!/^[A-Z]{3}$/.test(code)) { setStatus("Give a country as an ISO alpha-3 code (UKR, USA, FRA)."); return; }
  const name = ISO3_NAME[code] || code;
  $("#title").textContent = `${name} (${code})`;
  document.title = `${name} · accord`;
  $("#all-events").setAttribute("href", `/events?country=${encodeURIComponent(code)}`);
  setStatus("Loading…");
  try {
    const [series, actors, dyads] = await Promise.all([
      api("/v1/series", { ...filters, country: code, by }),
      api(`/v1/country-actors/${encodeURIComponent(code)}`, filters),
      api("/v1/dyads", { since: filters.since, until: filters.until, modality: filters.modality,
        min_confidence: filters.min_confidence, group: "country", limit: 500 }),
    ]);
    setStatus("");
    $("#counted").textContent = countedNote(series.counted);
    $("#chart").replaceChildren(quadChart(series.series, { by, title: `Events of ${name}` }));
    $("#actors").replaceChildren(actors.actors.length ? dataTable("country-actors", ["actor", "code", "events"],
      actors.actors.map((a) => [el("a", { href: `/actors?id=${encodeURIComponent(a.key)}` }, a.name || a.key), a.code || "", a.events]),
      { numeric: [2] }) : el("p", { class: "muted" }, "No actor of this country in the counted events."));
    const mine = dyads.dyads.filter((d) => d.source === code || d.target === code);
    $("#dyads").replaceChildren(mine.length ? dataTable("country-dyads", ["source", "target", "count", "mean Goldstein"],
      mine.map((d) => [d.source_name || d.source, d.target_name || d.target,
        el("a", { href: `/dyads?a=${encodeURIComponent(d.source)}&b=${encodeURIComponent(d.target)}&direction=a_to_b` }, String(d.count)),
        round(d.goldstein_mean, 2)]), { numeric: [2, 3] }) : el("p", { class: "muted" }, "No dyads."));
  } catch (err) {
    setStatus(String(err.message || err), true);
  }
}

async function main() {
  await filterBar(form, ["since", "until", "type", "quad_class", "modality", "min_confidence"]);
  by = urlParams().get("by") || "month";
  const controls = $("#chart-controls");
  controls.append(periodSelect(by));
  controls.elements.by.addEventListener("change", () => { by = controls.elements.by.value; load(); });
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  await load();
}

main();
