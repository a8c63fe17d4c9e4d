// The map drawn with d3-geo (vendored d3) over Natural Earth's 1:110m countries (world-atlas):
// countries shaded by event count or mean Goldstein, points for geolocated events, zoom and
// pan; a click on a country or a point lists its events.
import "../vendor/d3.min.js";
import "../vendor/topojson-client.min.js";
import { $, api, countedNote, dataTable, el, eventsTable, filterBar, formValues, goldsteinColor, goldsteinLegend, pushParams, round, setStatus, showStoredEvent, svg, swatch } from "./common.js";
import { ISO3_NAME, ISO_NUMERIC } from "./iso.js";

const d3 = globalThis.d3;
const topojson = globalThis.topojson;
const form = $("#filters");
const W = 960, H = 500;
let world = null;

// counts in ColorBrewer purples: apart from the blue/vermillion of cooperation and conflict
const countScale = (max) => d3.scaleSequentialSqrt([0, Math.max(1, max)], (t) => d3.interpolatePurples(0.08 + 0.85 * t));

function draw(countries, places, shade) {
  const byCode = new Map(countries.map((c) => [c.country, c]));
  const max = Math.max(1, ...countries.map((c) => c.events));
  const scale = countScale(max);
  const fill = (c) => (!c ? "#f4f4f4" : shade === "goldstein" ? goldsteinColor(c.goldstein_mean) : scale(c.events));
  const features = topojson.feature(world, world.objects.countries).features;
  const projection = d3.geoEqualEarth().fitExtent([[8, 8], [W - 8, H - 8]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const root = svg("svg", { class: "chart", id: "map-svg", viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": `World map: countries shaded by ${shade === "goldstein" ? "mean Goldstein score" : "event count"}, circles for event places` });
  const g = svg("g");
  g.append(svg("path", { class: "sphere", d: path({ type: "Sphere" }) }),
    svg("path", { class: "graticule", d: path(d3.geoGraticule10()) }));
  for (const f of features) {
    const [code, name] = ISO_NUMERIC[f.id] || [null, f.properties.name];
    const c = code ? byCode.get(code) : null;
    const shape = svg("path", { class: c ? "country has-events" : "country", d: path(f), fill: fill(c), "data-code": code || "" },
      svg("title", {}, `${name}${c ? `: ${c.events} events, mean Goldstein ${round(c.goldstein_mean, 2)}` : ": no events"}`));
    if (c) shape.addEventListener("click", () => listCountry(code, name));
    g.append(shape);
  }
  const pmax = Math.max(1, ...places.map((p) => p.events));
  for (const p of [...places].sort((a, b) => b.events - a.events)) {
    const at = projection([p.lon, p.lat]);
    if (!at) continue;
    const dot = svg("circle", { class: "place", cx: at[0], cy: at[1], r: 3 + 9 * Math.sqrt(p.events / pmax),
      fill: goldsteinColor(p.goldstein_mean), "data-name": p.name },
      svg("title", {}, `${p.name}${p.country ? ` (${p.country})` : ""}: ${p.events} events, mean Goldstein ${round(p.goldstein_mean, 2)}`));
    dot.addEventListener("click", () => listPlace(p));
    g.append(dot);
  }
  root.append(g);
  const zoom = d3.zoom().scaleExtent([1, 12]).translateExtent([[0, 0], [W, H]])
    .on("zoom", (ev) => { g.setAttribute("transform", ev.transform.toString()); g.style.setProperty("--k", ev.transform.k); });
  d3.select(root).call(zoom);
  $("#legend").replaceChildren(shade === "goldstein" ? goldsteinLegend()
    : el("span", { class: "scale" }, "events per country ", [...new Set([0, ...d3.ticks(1, max, 4).filter(Number.isInteger), max])].map((n) =>
      el("span", { class: "scale-stop" }, swatch(d3.color(scale(n)).formatHex()), String(n)))),
  el("span", {}, "circles: event places, sized by events, coloured by mean Goldstein"),
  el("span", { class: "muted" }, "scroll to zoom, drag to pan; click a country or circle for its events"));
  return root;
}

let rules = null;  // the counting rules of the shading, so that a country lists what it counts

async function listCountry(code, name) {
  const detail = $("#detail");
  detail.hidden = false;
  const values = formValues(form);
  const counting = { modality: values.modality || (rules?.modality || []).join(","),
    min_confidence: values.min_confidence || rules?.min_confidence };
  const page = await api("/v1/events", { ...values, ...counting, shade: "", country: code, limit: 25 });
  detail.replaceChildren(el("h2", {}, name),
    el("p", {}, `${page.total ?? page.events.length} counted events with an actor of ${name}. `,
      el("a", { href: `/country?code=${encodeURIComponent(code)}` }, `Country page of ${name}`), " · ",
      el("a", { href: `/events?country=${encodeURIComponent(code)}` }, "all of them")),
    eventsTable(page.events, (e) => showStoredEvent(e.id, detail), ["date", "type", "source", "target"]));
}

async function listPlace(p) {
  const detail = $("#detail");
  detail.hidden = false;
  const { events } = await api("/v1/place-events", { ...formValues(form), shade: "", name: p.name, lat: p.lat, lon: p.lon });
  detail.replaceChildren(el("h2", {}, p.name), el("p", {}, `${events.length} events located here.`),
    eventsTable(events, (e) => showStoredEvent(e.id, detail), ["date", "type", "source", "target"]));
}

async function load() {
  const values = formValues(form);
  pushParams(values);
  const { shade = "events", ...filters } = values;
  setStatus("Loading…");
  try {
    world = world || (await api("/static/vendor/countries-110m.json"));
    const [{ countries, counted }, { locations }] = await Promise.all([api("/v1/countries", filters), api("/v1/locations", filters)]);
    setStatus(locations.length || countries.length ? `${countries.length} countries, ${locations.length} places`
      : "No events match these filters.");
    $("#counted").textContent = countedNote(counted);
    rules = counted;
    $("#map").replaceChildren(draw(countries, locations, shade));
    $("#countries").replaceChildren(dataTable("country-table", ["country", "code", "events", "mean Goldstein"],
      countries.map((c) => [el("a", { href: `/country?code=${encodeURIComponent(c.country)}` }, ISO3_NAME[c.country] || c.country),
        c.country, c.events, round(c.goldstein_mean, 2)]), { numeric: [2, 3] }));
    $("#places").replaceChildren(dataTable("place-table", ["place", "country", "lat", "lon", "events", "cooperative", "mean Goldstein"],
      locations.map((p) => [p.name, p.country || "", round(p.lat, 2), round(p.lon, 2), p.events, p.cooperation, round(p.goldstein_mean, 2)]),
      { numeric: [2, 3, 4, 5, 6] }));
  } catch (err) {
    setStatus(String(err.message || err), true);
  }
}

async function main() {
  await filterBar(form);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  form.elements.shade.addEventListener("change", load);
  await load();
}

main();
