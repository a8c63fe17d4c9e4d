// Shared helpers of the accord dashboard. Every piece of data reaches the page through
// textContent or setAttribute (never innerHTML), so article text always shows as text.

const SVG_NS = "http://www.w3.org/2000/svg";

export async function api(path, params = {}, init = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
  }
  const response = await fetch(url, { headers: { Accept: "application/json" }, ...init });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || body);
    throw new Error(`${response.status}: ${detail}`);
  }
  return body;
}

export function safeUrl(url) {
  // Only http(s) links and same-site paths become hrefs; javascript:, data: etc. never do.
  if (typeof url !== "string") return null;
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  return null;
}

function fill(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "href") {
      const href = safeUrl(String(v));
      if (href) node.setAttribute("href", href);
    } else if (k.startsWith("on") && typeof v === "function") {
      node.addEventListener(k.slice(2), v);
    } else {
      node.setAttribute(k, v === true ? "" : String(v));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function el(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function setStatus(text, isError = false) {
  const node = $("#status");
  if (!node) return;
  node.textContent = text;
  node.classList.toggle("error", isError);
}

export function round(x, digits = 2) {
  return x === null || x === undefined ? "" : Number(x).toFixed(digits).replace(/\.?0+$/, "");
}

// ----------------------------------------------------------------------------- forms and URLs
export function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) {
    if (String(v).trim() !== "") out[k] = String(v).trim();
  }
  return out;
}

export function fillForm(form, params) {
  for (const field of form.elements) {
    if (field.name && params.has(field.name)) field.value = params.get(field.name);
  }
}

export function urlParams() {
  return new URLSearchParams(window.location.search);
}

export function pushParams(values) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== "" && v !== null && v !== undefined) params.set(k, v);
  const query = params.toString();
  window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
}

export function addOptions(select, values, labels = {}) {
  for (const v of values) select.append(el("option", { value: v }, labels[v] ? `${v} ${labels[v]}` : v));
}

let vocabCache = null;
export async function loadVocab(form) {
  vocabCache = vocabCache || api("/v1/vocab");
  const vocab = await vocabCache;
  if (form.elements.type) addOptions(form.elements.type, vocab.types);
  if (form.elements.modality) addOptions(form.elements.modality, vocab.modalities);
  if (form.elements.quad_class) addOptions(form.elements.quad_class, Object.keys(vocab.quad_classes), vocab.quad_classes);
  return vocab;
}

// ----------------------------------------------------------------------------- colours
// Okabe-Ito: distinguishable with every common colour-vision deficiency. Cooperation is blue,
// conflict vermillion/orange; never red against green.
export const OKABE = { orange: "#E69F00", sky: "#56B4E9", green: "#009E73", yellow: "#F0E442", blue: "#0072B2",
  vermillion: "#D55E00", purple: "#CC79A7", black: "#000000", grey: "#999999" };
export const QUAD_COLORS = { 1: OKABE.sky, 2: OKABE.blue, 3: OKABE.orange, 4: OKABE.vermillion };
export const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

function mix(a, b, t) {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16)), pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `rgb(${pa.map((c, i) => Math.round(c + (pb[i] - c) * t)).join(",")})`;
}

export function goldsteinColor(g) {
  // -10 (conflict, vermillion) .. 0 (grey) .. +10 (cooperation, blue)
  const t = Math.max(-1, Math.min(1, (Number(g) || 0) / 10));
  return mix("#bbbbbb", t < 0 ? OKABE.vermillion : OKABE.blue, Math.sqrt(Math.abs(t)));
}

export function goldsteinLegend() {
  const stops = [-10, -5, 0, 5, 10];
  return el("span", { class: "scale" }, "mean Goldstein ",
    stops.map((g) => el("span", { class: "scale-stop" }, swatch(goldsteinColor(g)), `${g > 0 ? "+" : ""}${g}`)));
}

export function swatch(colour) {
  const s = el("span", { class: "swatch", "aria-hidden": "true" });
  s.style.background = colour;
  return s;
}

export function quadLegend(extra = []) {
  return el("p", { class: "legend" }, [1, 2, 3, 4].map((q) => el("span", {}, swatch(QUAD_COLORS[q]), `${q} ${QUAD_NAMES[q]}`)), extra);
}

// ----------------------------------------------------------------------------- shared filter bar
const SHARED = {
  since: () => el("label", {}, "Since ", el("input", { type: "date", name: "since" })),
  until: () => el("label", {}, "Until ", el("input", { type: "date", name: "until" })),
  actor: () => el("label", {}, "Actor ", el("input", { name: "actor", placeholder: "USAGOV, mark_rutte" })),
  country: () => el("label", {}, "Country ", el("input", { name: "country", placeholder: "UKR", maxlength: 3, size: 4, pattern: "[A-Za-z]{3}" })),
  type: () => el("label", {}, "Type ", el("select", { name: "type" }, el("option", { value: "" }, "any"))),
  quad_class: () => el("label", {}, "QuadClass ", el("select", { name: "quad_class" }, el("option", { value: "" }, "any"))),
  modality: () => el("label", {}, "Modality ", el("select", { name: "modality" }, el("option", { value: "" }, "default"))),
  min_confidence: () => el("label", {}, "Min confidence ", el("input", { type: "number", name: "min_confidence", min: 0, max: 1, step: 0.05, placeholder: "0.3" })),
};

export async function filterBar(form, fields = Object.keys(SHARED)) {
  // The filter bar every view shares: its fields go first in `form`, the page's own after.
  form.prepend(...fields.map((f) => SHARED[f]()));
  await loadVocab(form);
  fillForm(form, urlParams());
  return form;
}

export function countedNote(counted) {
  // what an aggregate counted (modality and confidence rules), as the API says
  return counted ? `Counting ${counted.note}.` : "";
}

// ----------------------------------------------------------------------------- sortable tables
export function dataTable(id, head, rows, { numeric = [], caption = null, sortable = true } = {}) {
  // rows: arrays of cells (text or nodes); a click on a header sorts by that column
  const body = el("tbody", {}, rows.map((r) => (r instanceof Node ? r : el("tr", {},
    r.map((v, i) => el("td", { class: numeric.includes(i) ? "num" : null }, v instanceof Node ? v : String(v ?? "")))))));
  const table = el("table", { class: "data", id }, caption ? el("caption", {}, caption) : null,
    el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))), body);
  if (sortable) makeSortable(table);
  return table;
}

export function makeSortable(table) {
  const ths = [...table.querySelectorAll("thead th")];
  ths.forEach((th, col) => {
    const label = th.textContent;
    const button = el("button", { type: "button", class: "sort" }, label);
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      const down = th.getAttribute("aria-sort") === "ascending";
      for (const o of ths) o.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      const body = table.tBodies[0];
      const key = (tr) => tr.cells[col]?.textContent.trim() ?? "";
      const rows = [...body.rows];
      const numeric = rows.every((r) => key(r) === "" || !Number.isNaN(Number(key(r))));
      rows.sort((a, b) => {
        const x = key(a), y = key(b);
        const c = numeric ? (Number(x) || 0) - (Number(y) || 0) : x.localeCompare(y);
        return down ? -c : c;
      });
      body.append(...rows);
    });
  });
  return table;
}

// ----------------------------------------------------------------------------- events
export function actorLabel(ref) {
  const who = ref.name || ref.text;
  return ref.code ? `${who} (${ref.code})` : who;
}

export function actorLinks(refs) {
  if (!refs.length) return el("span", { class: "muted" }, "–");
  const parts = [];
  refs.forEach((ref, i) => {
    if (i) parts.push("; ");
    const key = ref.actor_id || ref.code;
    parts.push(key ? el("a", { href: `/actors?id=${encodeURIComponent(key)}` }, actorLabel(ref)) : actorLabel(ref));
  });
  return el("span", {}, parts);
}

export function highlighted(text, spans, onClick = null) {
  // text with non-overlapping spans [{start, end, kind, event?}] as <mark> elements
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at || s.end > text.length || s.end <= s.start) continue;
    frag.append(text.slice(at, s.start));
    const mark = el("mark", { class: `hl hl-${s.kind}`, title: s.label || s.kind, "data-event": s.event ?? null },
      text.slice(s.start, s.end));
    if (onClick && s.event !== undefined) mark.addEventListener("click", () => onClick(s.event));
    frag.append(mark);
    at = s.end;
  }
  frag.append(text.slice(at));
  return frag;
}

export function eventSpans(event, index = undefined) {
  // an event's trigger, sources, targets and attribution as document spans
  const spans = [{ kind: "trigger", start: event.trigger.start, end: event.trigger.end, event: index,
    label: `${event.type} (${event.cameo}) ${event.modality}` }];
  for (const r of event.sources) spans.push({ kind: "source", start: r.start, end: r.end, event: index, label: `source: ${actorLabel(r)}` });
  for (const r of event.targets) spans.push({ kind: "target", start: r.start, end: r.end, event: index, label: `target: ${actorLabel(r)}` });
  if (event.attributed_to) {
    const r = event.attributed_to;
    spans.push({ kind: "attributed", start: r.start, end: r.end, event: index, label: `said by: ${actorLabel(r)}` });
  }
  return spans.filter((s) => s.start >= 0 && s.end > s.start);
}

export function withoutOverlaps(spans) {
  const kept = [];
  for (const s of spans) {
    if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function sentenceHighlights(event, text) {
  // the highlights of an event inside its sentence, from document offsets
  const start = text.lastIndexOf(event.sentence, Math.max(event.trigger.start, 0));
  if (start < 0) return [];
  const shifted = eventSpans(event).map((s) => ({ ...s, start: s.start - start, end: s.end - start }));
  return withoutOverlaps(shifted.filter((s) => s.start >= 0 && s.end <= event.sentence.length));
}

export function legend() {
  const item = (kind, label) => el("span", {}, el("mark", { class: `hl hl-${kind}` }, label));
  return el("p", { class: "legend" }, item("source", "source"), item("target", "target"),
    item("trigger", "trigger"), item("attributed", "said by"));
}

function confidence(value) {
  const bar = el("span");
  bar.style.width = `${Math.round(Number(value) * 100)}%`;
  return el("span", {}, el("span", { class: "meter", "aria-hidden": "true" }, bar), round(value, 2));
}

export function eventCard(event, highlights, documentInfo = null) {
  const place = event.location
    ? `${event.location.name}${event.location.country ? ` (${event.location.country})` : ""}` : "–";
  const range = event.date_end ? `${event.date}..${event.date_end}` : event.date;
  const date = event.date ? `${range} (${event.date_granularity}${event.background ? ", background" : ""})` : "unresolved";
  const facts = [
    ["Sources", actorLinks(event.sources)], ["Targets", actorLinks(event.targets)],
    ["Modality", el("span", { class: `badge ${event.modality}` }, event.modality)],
    ["Confidence", confidence(event.confidence)],
    ["QuadClass", String(event.quad_class)], ["Goldstein", round(event.goldstein, 1)],
    ["Date", date], ["Location", place],
    ["Said by", event.attributed_to ? actorLabel(event.attributed_to) : "–"],
    ["Rule trace", el("ol", { class: "trace" }, (event.trace && event.trace.length ? event.trace : [event.rule]).map((r) => el("li", {}, el("code", {}, r))))],
  ];
  if (documentInfo) {
    facts.push(["Document", el("a", { href: `/document?id=${encodeURIComponent(documentInfo.id)}&event=${encodeURIComponent(event.id)}` },
      documentInfo.title || documentInfo.id)]);
    const link = safeUrl(documentInfo.url) && /^https?:/i.test(documentInfo.url);
    if (link) facts.push(["Original", el("a", { href: documentInfo.url, rel: "noopener noreferrer", target: "_blank" }, documentInfo.url)]);
    else if (documentInfo.url) facts.push(["Original", el("span", { class: "muted" }, documentInfo.url)]);
  }
  return el("div", { class: "event-card", "data-event-id": event.id },
    el("h2", {}, `${event.type} · CAMEO ${event.cameo}`),
    el("p", { class: "sentence-text" }, highlighted(event.sentence, highlights)),
    legend(),
    el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])));
}

export function eventsTable(events, onSelect, columns = ["date", "type", "source", "target", "modality", "confidence", "trigger", "sentence"]) {
  const cells = {
    date: (e) => e.date || "",
    type: (e) => `${e.type} ${e.cameo}`,
    source: (e) => e.sources.map(actorLabel).join("; "),
    target: (e) => e.targets.map(actorLabel).join("; "),
    modality: (e) => el("span", { class: `badge ${e.modality}` }, e.modality),
    confidence: (e) => round(e.confidence, 2),
    trigger: (e) => e.trigger.text,
    sentence: (e) => e.sentence,
  };
  const body = el("tbody");
  events.forEach((e, i) => {
    const row = el("tr", { class: "clickable", tabindex: 0, "data-id": e.id },
      columns.map((c) => el("td", { class: c === "confidence" ? "num" : c }, cells[c](e))));
    const select = () => {
      for (const r of body.querySelectorAll("tr.selected")) r.classList.remove("selected");
      row.classList.add("selected");
      onSelect(e, i);
    };
    row.addEventListener("click", select);
    row.addEventListener("keydown", (ev) => { if (ev.key === "Enter") select(); });
    body.append(row);
  });
  return makeSortable(el("table", { class: "data events" }, el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col" }, c)))), body));
}

export async function showStoredEvent(id, target) {
  target.hidden = false;
  target.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  try {
    const detail = await api(`/v1/events/${encodeURIComponent(id)}`);
    target.replaceChildren(eventCard(detail, detail.highlights, detail.document));
  } catch (err) {
    target.replaceChildren(el("p", { class: "error" }, String(err.message || err)));
  }
}
