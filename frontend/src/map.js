// Map: geolocated events as dots over an offline world outline (world-atlas, bundled at build time).
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { svg, html, tooltip, getJSON, showError, eventsLink, legend, QUAD_COLOURS, QUAD_NAMES } from "./dom.js";

const W = 1000, H = 500;
const project = ([lon, lat]) => [((lon + 180) / 360) * W, ((90 - lat) / 180) * H];

// Rings cut at the antimeridian jump from +180 to -180: start a new subpath there, not a line across.
function ringPath(ring) {
  let previous = null;
  const parts = ring.map((point) => {
    const move = previous === null || Math.abs(point[0] - previous) > 180;
    previous = point[0];
    return (move ? "M" : "L") + project(point).map((v) => v.toFixed(1)).join(",");
  });
  return parts.join("") + "Z";
}

function geometryPath(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map(ringPath).join("")).join("");
}

async function drawMap(box) {
  try {
    const data = await getJSON("/api/map" + (box.dataset.query || ""));
    box.replaceChildren();
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "map", role: "img", "aria-label": "map of events" }, box);
    svg("rect", { width: W, height: H, class: "sea" }, chart);
    for (const country of feature(world, world.objects.countries).features) {
      const path = svg("path", { d: geometryPath(country.geometry), class: "land" }, chart);
      tooltip(path, country.properties.name);
    }
    const max = Math.max(1, ...data.points.map((p) => p.events));
    for (const p of [...data.points].reverse()) {
      const [x, y] = project([p.lon, p.lat]);
      const link = svg("a", { href: p.country ? eventsLink({ location_country: p.country }) : `/events/${p.latest}` }, chart);
      const dot = svg("circle", { cx: x, cy: y, r: 3 + 12 * Math.sqrt(p.events / max), fill: QUAD_COLOURS[p.quad_class], class: "dot" }, link);
      tooltip(dot, `${p.name}: ${p.events} events, ${p.fatalities} killed, mean Goldstein ${p.mean_goldstein}`);
    }
    legend(chart, [1, 2, 3, 4].map((q) => [QUAD_COLOURS[q], `mostly ${QUAD_NAMES[q].toLowerCase()}`]), 12, H - 84);
    html("p", { class: "muted" }, `${data.points.length} places among the ${data.scanned.toLocaleString("en")} most recent matching events.`, box);
  } catch (error) {
    showError(box, error);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector('#chart[data-chart="map"]');
  if (box) drawMap(box);
});
