// The facet panel of the events page: counts for the current filter, each a link that narrows it.
import { getJSON, html, eventsLink, showError, QUAD_NAMES } from "./dom.js";

function group(box, title, rows, key, label, param) {
  if (!rows.length) return;
  html("h3", {}, title, box);
  const list = html("ul", {}, null, box);
  for (const row of rows) {
    const item = html("li", {}, null, list);
    const link = html("a", { href: eventsLink({ [param]: row[key] }) }, label(row), item);
    link.dataset.facet = param;
    html("span", { class: "count" }, row.events.toLocaleString("en"), item);
  }
}

export async function drawFacets(box) {
  try {
    const data = await getJSON("/api/facets" + box.dataset.query);
    box.replaceChildren();
    group(box, "QuadClass", data.quad_class, "quad_class", (r) => `${r.quad_class} ${QUAD_NAMES[r.quad_class] || ""}`, "quad_class");
    group(box, "PLOVER type", data.plover.filter((r) => r.plover !== "none"), "plover", (r) => r.plover, "plover");
    group(box, "Country (either side)", data.countries, "country", (r) => r.country, "country");
    group(box, "Actor (either side)", data.actors, "actor", (r) => r.actor, "actor");
    if (!box.children.length) html("p", { class: "muted" }, "Nothing to count.", box);
  } catch (error) {
    showError(box, error);
  }
}
