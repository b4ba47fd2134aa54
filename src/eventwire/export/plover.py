"""PLOVER export: JSON Lines in the style of the POLECAT data set, one event per line.

Records whose CAMEO code has no PLOVER type (generic statements) are left out. ``mode`` and
``context`` are null: the codebooks do not assign PLOVER modes or contexts yet.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from eventwire.export.columns import PLOVER_FIELDS


def plover_object(event: dict[str, Any]) -> dict[str, Any]:
    """One event record as a POLECAT-style object with the keys of ``PLOVER_FIELDS``."""
    source, target, place = event["source"], event["target"] or {}, event["location"]
    obj = {
        "id": event["id"], "date": event["date"], "event_type": event["plover"],
        "mode": None, "context": None,
        "source": source.get("text"), "source_actor": source.get("code"),
        "source_country": source.get("country"), "source_sector": source.get("sector"),
        "target": target.get("text"), "target_actor": target.get("code"),
        "target_country": target.get("country"), "target_sector": target.get("sector"),
        "country": place["country"] if place else None,
        "location": {"name": place["name"], "lat": place["lat"], "lon": place["lon"]} if place else None,
        "fatalities": event["fatalities"], "evidence": event["evidence"],
        "cameo": event["cameo"], "quad_class": event["quad_class"], "goldstein": event["goldstein"],
        "negated": event["negated"], "modality": event["modality"],
        "num_mentions": event["num_mentions"], "num_sources": event["num_sources"],
        "num_articles": event["num_articles"], "article_ids": event["article_ids"],
    }
    return {key: obj[key] for key in PLOVER_FIELDS}


def write_plover(events: Iterable[dict[str, Any]], output: str) -> int:
    """Write events with a PLOVER type as JSON Lines; return lines written."""
    written = 0
    with open(output, "w", encoding="utf-8") as handle:
        for event in events:
            if not event["plover"]:
                continue
            handle.write(json.dumps(plover_object(event), ensure_ascii=False) + "\n")
            written += 1
    return written
