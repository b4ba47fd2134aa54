// Timeline: event records per day, week or month, stacked by QuadClass, as plain SVG.
import { svg, html, tooltip, getJSON, showError, eventsLink, legend, QUAD_COLOURS, QUAD_NAMES } from "./dom.js";

const DAY = 86400000;

function nextPeriod(period, interval) {
  if (interval === "month") {
    const [y, m] = period.split("-").map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  }
  const step = interval === "week" ? 7 : 1;
  return new Date(Date.parse(period + "T00:00:00Z") + step * DAY).toISOString().slice(0, 10);
}

function periodRange(period, interval) {
  if (interval === "month") return [period, period];
  if (interval === "week") return [period, new Date(Date.parse(period + "T00:00:00Z") + 6 * DAY).toISOString().slice(0, 10)];
  return [period, period];
}

// Every period from the first to the last, so that gaps show as gaps.
function allPeriods(present, interval) {
  const sorted = [...present].sort();
  if (!sorted.length) return [];
  const out = [sorted[0]];
  while (out[out.length - 1] < sorted[sorted.length - 1] && out.length < 3000) {
    out.push(nextPeriod(out[out.length - 1], interval));
  }
  return out.length >= 3000 ? sorted : out;
}

export async function drawTimeline(box) {
  const interval = box.dataset.interval || "week";
  try {
    const params = new URLSearchParams(box.dataset.query || "");
    params.set("interval", interval);
    params.set("by", "quad_class");
    const data = await getJSON("/api/timeseries?" + params.toString());
    box.replaceChildren();
    if (!data.series.length) {
      html("p", { class: "empty" }, "No dated events match this filter.", box);
      return;
    }
    const counts = new Map();
    for (const row of data.series) {
      if (!counts.has(row.period)) counts.set(row.period, { 1: 0, 2: 0, 3: 0, 4: 0 });
      counts.get(row.period)[row.quad_class] += row.events;
    }
    const periods = allPeriods(counts.keys(), interval);
    const totals = periods.map((p) => Object.values(counts.get(p) || {}).reduce((a, b) => a + b, 0));
    const step = Math.max(1, Math.ceil(Math.max(...totals, 1) / 4));
    const max = step * 4;
    const W = 1000, H = 360, left = 50, right = 190, top = 10, bottom = 40;
    const plotW = W - left - right, plotH = H - top - bottom;
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline", role: "img", "aria-label": "events over time by QuadClass" }, box);
    const band = plotW / periods.length;
    const y = (v) => top + plotH - (v / max) * plotH;
    for (let i = 0; i <= 4; i++) {
      const v = step * i;
      svg("line", { x1: left, x2: left + plotW, y1: y(v), y2: y(v), class: "grid" }, chart);
      svg("text", { x: left - 6, y: y(v) + 4, class: "axis", "text-anchor": "end" }, chart).textContent = v.toLocaleString("en");
    }
    const labelEvery = Math.max(1, Math.ceil(periods.length / 10));
    periods.forEach((period, i) => {
      const stack = counts.get(period) || {};
      let base = 0;
      const [from, to] = periodRange(period, interval);
      const link = svg("a", { href: eventsLink({ date_from: from, date_to: to }) }, chart);
      for (const q of [1, 2, 3, 4]) {
        const n = stack[q] || 0;
        if (!n) continue;
        const rect = svg("rect", {
          x: left + i * band + band * 0.1, width: Math.max(band * 0.8, 1),
          y: y(base + n), height: y(base) - y(base + n), fill: QUAD_COLOURS[q], class: "bar", "data-quad": q,
        }, link);
        tooltip(rect, `${period}: ${n.toLocaleString("en")} ${QUAD_NAMES[q].toLowerCase()}`);
        base += n;
      }
      if (i % labelEvery === 0) {
        svg("text", { x: left + i * band + band / 2, y: H - bottom + 16, class: "axis", "text-anchor": "middle" }, chart).textContent = period;
      }
    });
    legend(chart, [1, 2, 3, 4].map((q) => [QUAD_COLOURS[q], `${q} ${QUAD_NAMES[q]}`]), W - right + 20, top + 10);
  } catch (error) {
    showError(box, error);
  }
}
