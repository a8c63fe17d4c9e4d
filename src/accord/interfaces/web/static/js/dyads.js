import { $, api, countedNote, el, filterBar, formValues, pushParams, round, setStatus, urlParams } from "./common.js";
import { quadChart, seriesTable } from "./timeseries.js";

const form = $("#filters");

async function show() {
  const values = formValues(form);
  if (!values.a || !values.b) return;
  pushParams(values);
  setStatus("Loading…");
  try {
    const { a, b, ...rest } = values;
    const result = await api(`/v1/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`, rest);
    const total = result.series.reduce((n, r) => n + r.total, 0);
    setStatus(total ? `${total} ${result.count} between ${a} and ${b}` : `Nothing between ${a} and ${b}.`);
    $("#counted").textContent = countedNote(result.counted);
    $("#chart").replaceChildren(quadChart(result.series, { by: result.by, title: `${a} and ${b}` }));
    $("#series").replaceChildren(seriesTable(result.series));
  } catch (err) {
    setStatus(String(err.message || err), true);
  }
}

async function topDyads() {
  const { dyads } = await api("/v1/dyads", { limit: 15 });
  const keys = new Set();
  const list = el("ul", { class: "plain", id: "top-dyads" });
  for (const d of dyads) {
    keys.add(d.source); keys.add(d.target);
    const link = el("a", { href: `/dyads?a=${encodeURIComponent(d.source)}&b=${encodeURIComponent(d.target)}` },
      `${d.source_name || d.source} → ${d.target_name || d.target}`);
    link.addEventListener("click", (ev) => {
      ev.preventDefault();
      form.elements.a.value = d.source; form.elements.b.value = d.target;
      show();
    });
    list.append(el("li", {}, link, el("span", { class: "muted" }, ` ${d.count} · Goldstein ${round(d.goldstein_mean, 1)}`)));
  }
  $("#top").replaceChildren(dyads.length ? list : el("p", { class: "muted" }, "No dyads stored yet."));
  $("#actor-keys").replaceChildren(...[...keys].sort().map((k) => el("option", { value: k })));
  return dyads;
}

async function main() {
  await filterBar(form, ["since", "until", "modality", "min_confidence"]);
  const params = urlParams();
  form.addEventListener("submit", (ev) => { ev.preventDefault(); show(); });
  const dyads = await topDyads().catch((err) => { setStatus(String(err.message || err), true); return []; });
  if (!params.get("a") && dyads.length) {
    form.elements.a.value = dyads[0].source;
    form.elements.b.value = dyads[0].target;
  }
  await show();
}

main();
