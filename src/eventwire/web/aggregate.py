"""Chart data built from the store's query calls: facets, actor network, map points.

Only ``eventwire.store.query`` functions are called here; no SQL is written in the web package.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any

from eventwire.store import EventFilter, find_events
from eventwire.store.query import MAX_LIMIT, actor_counts, dyad_counts, time_series

SAMPLE = MAX_LIMIT  # the most recent matching records used where the store has no aggregate


def _sample(store: Any, flt: EventFilter, size: int = SAMPLE) -> list[dict[str, Any]]:
    return find_events(store, replace(flt, limit=size, offset=0))


def facets(store: Any, flt: EventFilter, top: int = 12) -> dict[str, Any]:
    """Counts of the records matching ``flt`` by PLOVER type, QuadClass, actor and actor country."""
    plover: Counter[str] = Counter()
    for row in time_series(store, flt, interval="month", by="plover"):
        plover[row["plover"] or "none"] += row["events"]
    quad: Counter[int] = Counter()
    for row in time_series(store, flt, interval="month", by="quad_class"):
        quad[row["quad_class"]] += row["events"]
    actors = actor_counts(store, flt, limit=200)
    countries: Counter[str] = Counter()
    for row in actors:
        countries[row["actor"][:3]] += row["events"]
    return {
        "plover": [{"plover": k, "events": n} for k, n in plover.most_common()],
        "quad_class": [{"quad_class": k, "events": n} for k, n in sorted(quad.items())],
        "actors": actors[:top],
        "countries": [{"country": k, "events": n} for k, n in countries.most_common(top)],
    }


def network(store: Any, flt: EventFilter, top: int = 40) -> dict[str, Any]:
    """Actors as nodes and the ``top`` dyads as edges: event counts, and mean Goldstein.

    Counts are exact (``dyad_counts``); the mean Goldstein score is taken over the most recent
    ``SAMPLE`` matching records, since the store has no per-dyad average.
    """
    dyads = [d for d in dyad_counts(store, flt, limit=top) if d["source"] and d["target"]]
    scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    for event in _sample(store, flt):
        target = event["target"] or {}
        if event["source"]["code"] and target.get("code") and event["goldstein"] is not None:
            scores[(event["source"]["code"], target["code"])].append(event["goldstein"])
    degree: Counter[str] = Counter()
    edges = []
    for d in dyads:
        values = scores.get((d["source"], d["target"]), [])
        mean = round(sum(values) / len(values), 2) if values else None
        edges.append({**d, "mean_goldstein": mean})
        degree[d["source"]] += d["events"]
        degree[d["target"]] += d["events"]
    nodes = [{"id": code, "events": n} for code, n in degree.most_common()]
    return {"nodes": nodes, "edges": edges, "goldstein_sample": SAMPLE}


def map_points(store: Any, flt: EventFilter, size: int = 5000) -> dict[str, Any]:
    """Geolocated records among the ``size`` most recent matches, grouped by place."""
    places: dict[tuple[float, float, str], dict[str, Any]] = {}
    scanned = 0
    for event in _sample(store, flt, size):
        scanned += 1
        loc = event["location"]
        if not loc or loc.get("lat") is None or loc.get("lon") is None:
            continue
        key = (loc["lat"], loc["lon"], loc["name"])
        point = places.setdefault(key, {
            "name": loc["name"], "country": loc["country"], "lat": loc["lat"], "lon": loc["lon"],
            "events": 0, "fatalities": 0, "goldstein_sum": 0.0, "latest": event["id"],
            "quad_class": Counter(),
        })
        point["events"] += 1
        point["fatalities"] += event["fatalities"] or 0
        point["goldstein_sum"] += event["goldstein"] or 0.0
        point["quad_class"][event["quad_class"]] += 1
    points = []
    for point in places.values():
        total = point.pop("goldstein_sum")
        quads = point.pop("quad_class")
        point["mean_goldstein"] = round(total / point["events"], 2)
        point["quad_class"] = quads.most_common(1)[0][0]
        points.append(point)
    points.sort(key=lambda p: -p["events"])
    return {"points": points, "scanned": scanned}
