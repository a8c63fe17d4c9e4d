import { $, api, el, fillForm, formValues, goldsteinColor, loadVocab, pushParams, round, setStatus, svg, urlParams } from "./common.js";

const form = $("#filters");
const W = 1000, H = 500;
const x = (lon) => ((lon + 180) / 360) * W;
const y = (lat) => ((90 - lat) / 180) * H;
let land = null;

function base() {
  const root = svg("svg", { class: "chart", id: "map-svg", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Event locations on a world map" });
  for (let lon = -180; lon <= 180; lon += 30) root.append(svg("line", { class: "graticule", x1: x(lon), x2: x(lon), y1: 0, y2: H }));
  for (let lat = -90; lat <= 90; lat += 30) root.append(svg("line", { class: "graticule", x1: 0, x2: W, y1: y(lat), y2: y(lat) }));
  const dots = svg("g", { class: "land" });
  for (const [lat, lon] of land) dots.append(svg("rect", { x: x(lon) - 1.1, y: y(lat) - 1.1, width: 2.2, height: 2.2 }));
  root.append(dots);
  for (const lat of [-60, -30, 0, 30, 60]) root.append(svg("text", { x: 4, y: y(lat) - 3 }, `${lat}°`));
  return root;
}

function draw(places) {
  const root = base();
  const max = Math.max(1, ...places.map((p) => p.events));
  for (const p of [...places].sort((a, b) => b.events - a.events)) {
    root.append(svg("circle", { class: "place", cx: x(p.lon), cy: y(p.lat), r: 3 + 12 * Math.sqrt(p.events / max),
      fill: goldsteinColor(p.goldstein_mean), "data-name": p.name },
      svg("title", {}, `${p.name}${p.country ? ` (${p.country})` : ""}: ${p.events} events, mean Goldstein ${round(p.goldstein_mean, 2)}`)));
  }
  for (const p of places.slice(0, 12)) {
    root.append(svg("text", { class: "label", x: x(p.lon) + 6, y: y(p.lat) - 6 }, p.name));
  }
  return root;
}

function table(places) {
  return el("table", { class: "data", id: "place-table" },
    el("thead", {}, el("tr", {}, ["place", "country", "lat", "lon", "events", "cooperative", "mean Goldstein"].map((h) => el("th", {}, h)))),
    el("tbody", {}, places.map((p) => el("tr", {},
      el("td", {}, p.name), el("td", {}, p.country || ""),
      [round(p.lat, 2), round(p.lon, 2), p.events, p.cooperation, round(p.goldstein_mean, 2)].map((v) => el("td", { class: "num" }, String(v)))))));
}

async function load() {
  const values = formValues(form);
  pushParams(values);
  setStatus("Loading…");
  try {
    land = land || (await api("/land.json"));
    const { locations } = await api("/v1/locations", values);
    setStatus(locations.length ? `${locations.length} places` : "No located events match these filters.");
    $("#map").replaceChildren(draw(locations));
    $("#places").replaceChildren(table(locations));
  } catch (err) {
    setStatus(String(err.message || err), true);
  }
}

async function main() {
  await loadVocab(form);
  fillForm(form, urlParams());
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  await load();
}

main();
