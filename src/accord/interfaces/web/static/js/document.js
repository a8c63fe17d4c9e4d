import { $, api, el, safeUrl, setStatus, urlParams } from "./common.js";
import { annotate } from "./annotate.js";

async function main() {
  const id = urlParams().get("id");
  if (!id) { setStatus("No document id given.", true); return; }
  setStatus("Loading…");
  try {
    const doc = await api(`/v1/documents/${encodeURIComponent(id)}`);
    setStatus("");
    $("#title").textContent = doc.title || doc.id;
    document.title = `${doc.title || doc.id} · accord`;
    const url = /^https?:/i.test(doc.url) && safeUrl(doc.url)
      ? el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, doc.url)
      : el("span", { class: "muted" }, doc.url || "–");
    const facts = [["id", doc.id], ["source", doc.source || "–"], ["published", doc.published || "–"], ["url", url],
      ["events", String(doc.events.length)]];
    $("#facts").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
    $("#document").hidden = false;
    const select = annotate(doc.text, doc.events, doc);
    const wanted = urlParams().get("event");
    const index = doc.events.findIndex((e) => e.id === wanted);
    if (index >= 0) select(index);
  } catch (err) {
    setStatus(String(err.message || err), true);
  }
}

main();
