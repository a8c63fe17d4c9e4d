import { $, api, eventsTable, fillForm, formValues, loadVocab, pushParams, setStatus, showStoredEvent, urlParams } from "./common.js";

const PAGE = 50;
const form = $("#filters");
let offset = 0;

async function load() {
  const filters = formValues(form);
  pushParams({ ...filters, offset: offset || "" });
  setStatus("Loading…");
  try {
    const page = await api("/v1/events", { ...filters, limit: PAGE, offset });
    const table = eventsTable(page.events, (e) => showEvent(e.id));
    $("#table").replaceChildren(table);
    const shown = page.events.length;
    setStatus(shown ? `${shown} events (from ${offset + 1})` : "No events match these filters.");
    $("#page-info").textContent = shown ? `${offset + 1}–${offset + shown}` : "";
    $("#prev").disabled = offset === 0;
    $("#next").disabled = page.next_offset === null;
  } catch (err) {
    setStatus(String(err.message || err), true);
  }
}

function showEvent(id) {
  const params = urlParams();
  params.set("event", id);
  window.history.replaceState(null, "", `?${params}`);
  showStoredEvent(id, $("#detail"));
}

async function main() {
  await loadVocab(form);
  const params = urlParams();
  fillForm(form, params);
  offset = Number(params.get("offset")) || 0;
  form.addEventListener("submit", (ev) => { ev.preventDefault(); offset = 0; load(); });
  $("#clear").addEventListener("click", () => { form.reset(); offset = 0; load(); });
  $("#prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); load(); });
  $("#next").addEventListener("click", () => { offset += PAGE; load(); });
  await load();
  if (params.get("event")) showEvent(params.get("event"));
}

main();
