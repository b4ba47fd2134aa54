// Entry point of the dashboard's script: draws whatever chart or panel the page contains.
import { drawFacets } from "./facets.js";
import { drawTimeline } from "./timeline.js";
import { drawNetwork } from "./network.js";

document.addEventListener("DOMContentLoaded", () => {
  const facets = document.getElementById("facets");
  if (facets) drawFacets(facets);
  const chart = document.getElementById("chart");
  if (!chart) return;
  if (chart.dataset.chart === "timeline") drawTimeline(chart);
  if (chart.dataset.chart === "network") drawNetwork(chart);
});
