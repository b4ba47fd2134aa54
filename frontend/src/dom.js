// Small DOM and SVG helpers. Text from the database only ever goes in through textContent.
export const SVG_NS = "http://www.w3.org/2000/svg";

export function svg(tag, attrs = {}, parent = null) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (parent) parent.appendChild(el);
  return el;
}

export function html(tag, attrs = {}, text = null, parent = null) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== null) el.textContent = String(text);
  if (parent) parent.appendChild(el);
  return el;
}

export function tooltip(el, text) {
  svg("title", {}, el).textContent = text;
}

export async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

export function showError(box, error) {
  box.replaceChildren();
  html("p", { class: "error-message" }, String(error.message || error), box);
}

// A link to the events page: the current filter with some fields changed.
export function eventsLink(changes, base = window.location.search) {
  const params = new URLSearchParams(base);
  params.delete("offset");
  params.delete("interval");
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined) params.delete(k);
    else params.set(k, String(v));
  }
  const query = params.toString();
  return "/events" + (query ? "?" + query : "");
}

export const QUAD_COLOURS = { 1: "#74c69d", 2: "#2d6a4f", 3: "#f4a261", 4: "#c1121f" };
export const QUAD_NAMES = {
  1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict",
};

// Goldstein -10 (red) .. 0 (grey) .. +10 (blue).
export function goldsteinColour(value) {
  if (value === null || value === undefined) return "#999999";
  const t = Math.max(-1, Math.min(1, value / 10));
  const grey = [150, 150, 150];
  const end = t < 0 ? [193, 18, 31] : [29, 78, 216];
  const mix = grey.map((g, i) => Math.round(g + (end[i] - g) * Math.abs(t)));
  return `rgb(${mix[0]},${mix[1]},${mix[2]})`;
}

export function legend(parent, items, x, y) {
  items.forEach(([colour, label], i) => {
    const g = svg("g", { transform: `translate(${x},${y + i * 18})` }, parent);
    svg("rect", { width: 12, height: 12, fill: colour }, g);
    svg("text", { x: 18, y: 10, class: "legend" }, g).textContent = label;
  });
}
