import { $, api, setStatus } from "./common.js";
import { annotate } from "./annotate.js";

const form = $("#code-form");

async function run(ev) {
  ev.preventDefault();
  const data = new FormData(form);
  const body = { text: String(data.get("text") || "") };
  if (data.get("published")) body.published = String(data.get("published"));
  if (data.get("min_confidence")) body.min_confidence = Number(data.get("min_confidence"));
  setStatus("Coding…");
  form.querySelector("button").disabled = true;
  try {
    const result = await api("/v1/code", {}, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body),
    });
    const n = result.events.length;
    setStatus(`${n} event${n === 1 ? "" : "s"} coded (nothing stored).`);
    $("#result").hidden = false;
    $("#detail").hidden = true;
    annotate(result.document.text, result.events);
  } catch (err) {
    setStatus(String(err.message || err), true);
  } finally {
    form.querySelector("button").disabled = false;
  }
}

form.addEventListener("submit", run);
if (!form.elements.published.value) form.elements.published.value = new Date().toISOString().slice(0, 10);
