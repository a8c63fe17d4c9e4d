import { $, api, el, eventsTable, filterBar, formValues, pushParams, setStatus, showStoredEvent, urlParams, countedNote } from "./common.js";
import { periodSelect, quadChart } from "./timeseries.js";

const PAGE = 100;
const form = $("#filters");
let offset = 0;
let by = "month";

function query(values) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== "" && v !== undefined && v !== null) params.set(k, v);
  return params.toString();
}

async function loadTable(filters) {
  const page = await api("/v1/events", { ...filters, limit: PAGE, offset });
  $("#table").replaceChildren(eventsTable(page.events, (e) => showEvent(e.id)));
  const shown = page.events.length;
  const total = page.total ?? shown;
  const fmt = (n) => Number(n).toLocaleString("en");
  $("#total").textContent = shown ? `showing ${fmt(shown)} of ${fmt(total)} (${fmt(offset + 1)}–${fmt(offset + shown)})` : "showing 0 of 0";
  setStatus(shown ? "" : "No events match these filters.");
  $("#page-info").textContent = shown ? `${fmt(offset + 1)}–${fmt(offset + shown)} of ${fmt(total)}` : "";
  $("#prev").disabled = offset === 0;
  $("#next").disabled = page.next_offset === null || page.next_offset === undefined;
  const q = query(filters);
  $("#download-csv").setAttribute("href", `/v1/export?format=csv${q ? `&${q}` : ""}`);
  $("#download-parquet").setAttribute("href", `/v1/export?format=parquet${q ? `&${q}` : ""}`);
}

async function loadChart(filters) {
  const result = await api("/v1/series", { ...filters, by });
  $("#counted").textContent = countedNote(result.counted);
  $("#chart").replaceChildren(quadChart(result.series, { by }));
}

async function load() {
  const filters = formValues(form);
  pushParams({ ...filters, by: by === "month" ? "" : by, offset: offset || "" });
  setStatus("Loading…");
  const results = await Promise.allSettled([loadTable(filters), loadChart(filters)]);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) setStatus(String(failed.reason.message || failed.reason), true);
}

function showEvent(id) {
  const params = urlParams();
  params.set("event", id);
  window.history.replaceState(null, "", `?${params}`);
  showStoredEvent(id, $("#detail"));
}

async function main() {
  await filterBar(form);
  const params = urlParams();
  offset = Number(params.get("offset")) || 0;
  by = params.get("by") || "month";
  const controls = $("#chart-controls");
  controls.append(periodSelect(by));
  controls.elements.by.addEventListener("change", async () => {
    by = controls.elements.by.value;
    pushParams({ ...formValues(form), by: by === "month" ? "" : by, offset: offset || "" });
    await loadChart(formValues(form)).catch((err) => setStatus(String(err.message || err), true));
  });
  form.addEventListener("submit", (ev) => { ev.preventDefault(); offset = 0; load(); });
  $("#clear").addEventListener("click", () => { form.reset(); offset = 0; load(); });
  $("#prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); load(); });
  $("#next").addEventListener("click", () => { offset += PAGE; load(); });
  await load();
  if (params.get("event")) showEvent(params.get("event"));
}

main();
