// Actor network: actors as nodes, dyads as arrows weighted by event count, coloured by mean Goldstein.
import { svg, html, tooltip, getJSON, showError, eventsLink, goldsteinColour, legend } from "./dom.js";

// A small deterministic force layout: repulsion between all nodes, springs along edges.
function layout(nodes, edges, W, H) {
  const n = nodes.length;
  nodes.forEach((node, i) => {
    const a = (2 * Math.PI * i) / n;
    node.x = W / 2 + (W / 3) * Math.cos(a);
    node.y = H / 2 + (H / 3) * Math.sin(a);
  });
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.4;
  for (let step = 0; step < 300; step++) {
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        const d2 = Math.max(x * x + y * y, 1), f = (k * k) / d2;
        dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
      }
    }
    for (const e of edges) {
      const i = index.get(e.source), j = index.get(e.target);
      if (i === undefined || j === undefined || i === j) continue;
      const x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
      const d = Math.max(Math.sqrt(x * x + y * y), 1), f = d / k;
      dx[i] -= x * f; dy[i] -= y * f; dx[j] += x * f; dy[j] += y * f;
    }
    const temperature = 20 * (1 - step / 300) + 1;
    nodes.forEach((node, i) => {
      dx[i] += (W / 2 - node.x) * 0.25; dy[i] += (H / 2 - node.y) * 0.25;
      const d = Math.max(Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 1e-9);
      node.x = Math.min(W - 40, Math.max(40, node.x + (dx[i] / d) * Math.min(d, temperature)));
      node.y = Math.min(H - 45, Math.max(30, node.y + (dy[i] / d) * Math.min(d, temperature)));
    });
  }
}

export async function drawNetwork(box) {
  try {
    const data = await getJSON("/api/network" + (box.dataset.query || ""));
    box.replaceChildren();
    if (!data.edges.length) {
      html("p", { class: "empty" }, "No dyads match this filter.", box);
      return;
    }
    const W = 1000, H = 600;
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", role: "img", "aria-label": "actor network" }, box);
    const defs = svg("defs", {}, chart);
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 12, markerHeight: 12, markerUnits: "userSpaceOnUse", orient: "auto" }, defs);
    svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#555" }, marker);
    layout(data.nodes, data.edges, W - 180, H);
    const byId = new Map(data.nodes.map((n) => [n.id, n]));
    const maxEdge = Math.max(...data.edges.map((e) => e.events));
    const maxNode = Math.max(...data.nodes.map((n) => n.events));
    const radius = (n) => 6 + 18 * Math.sqrt(n.events / maxNode);
    for (const e of data.edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      if (!a || !b || a === b) continue;
      const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      const ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
      // Offset each direction sideways so A->B and B->A do not overlap.
      const ox = -uy * 4, oy = ux * 4;
      const link = svg("a", { href: eventsLink({ source: e.source, target: e.target, actor: null, country: null }) }, chart);
      const line = svg("line", {
        x1: a.x + ux * radius(a) + ox, y1: a.y + uy * radius(a) + oy,
        x2: b.x - ux * (radius(b) + 2) + ox, y2: b.y - uy * (radius(b) + 2) + oy,
        stroke: goldsteinColour(e.mean_goldstein), "stroke-width": 1.5 + 8 * Math.sqrt(e.events / maxEdge),
        "marker-end": "url(#arrow)", class: "edge",
      }, link);
      const mean = e.mean_goldstein === null ? "n/a" : e.mean_goldstein.toFixed(1);
      tooltip(line, `${e.source} → ${e.target}: ${e.events.toLocaleString("en")} events, mean Goldstein ${mean}`);
    }
    for (const n of data.nodes) {
      const link = svg("a", { href: eventsLink({ actor: n.id }) }, chart);
      const circle = svg("circle", { cx: n.x, cy: n.y, r: radius(n), class: "node" }, link);
      tooltip(circle, `${n.id}: ${n.events.toLocaleString("en")} events`);
      svg("text", { x: n.x, y: n.y + radius(n) + 12, "text-anchor": "middle", class: "node-label" }, link).textContent = n.id;
    }
    legend(chart, [[goldsteinColour(-10), "Goldstein −10 (conflict)"], [goldsteinColour(-5), "−5"],
      [goldsteinColour(0), "0"], [goldsteinColour(5), "+5"], [goldsteinColour(10), "+10 (cooperation)"]], W - 170, 20);
    svg("text", { x: W - 170, y: 130, class: "legend muted" }, chart).textContent = "width: number of events";
  } catch (error) {
    showError(box, error);
  }
}
