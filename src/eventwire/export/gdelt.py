"""GDELT 2.0-style event export: tab-separated, no header, GDELT's 61 columns in GDELT's order.

A column eventwire has no value for is empty; see ``columns`` for the documented differences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from eventwire.export.columns import GDELT_COLUMNS


def _dates(date: str | None) -> dict[str, Any]:
    if not date:
        return {}
    values: dict[str, Any] = {"Year": date[:4]}
    if len(date) >= 7:
        values["MonthYear"] = date[:4] + date[5:7]
    if len(date) == 10:
        day = dt.date.fromisoformat(date)
        values["SQLDATE"] = day.strftime("%Y%m%d")
        length = 366 if (day.year % 4 == 0 and day.year % 100 != 0) or day.year % 400 == 0 else 365
        values["FractionDate"] = f"{day.year + (day.timetuple().tm_yday - 1) / length:.4f}"
    return values


def _actor(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    if not actor:
        return {}
    code = actor.get("code") or ""
    values = {f"{prefix}Code": code, f"{prefix}Name": (actor.get("text") or "").upper(),
              f"{prefix}CountryCode": actor.get("country")}
    if code[:3] == "IGO":
        values[f"{prefix}KnownGroupCode"] = code[3:6]
    elif code[:3] == "IMG":
        values[f"{prefix}KnownGroupCode"] = code[6:9] or None
    else:
        # sector codes after the country code: the Type1/2/3 columns
        for i, start in enumerate(range(3, min(len(code), 12), 3), start=1):
            values[f"{prefix}Type{i}Code"] = code[start:start + 3]
    return values


def gdelt_row(event: dict[str, Any], article: tuple[str | None, str | None] = (None, None)) -> list[str]:
    """One event record as the 61 GDELT cells; ``article`` is the first article's (url, added_at)."""
    cameo, place = event["cameo"], event["location"]
    values: dict[str, Any] = {
        "GLOBALEVENTID": event["id"],
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": event["cameo_root"],
        "QuadClass": event["quad_class"], "GoldsteinScale": event["goldstein"],
        "NumMentions": event["num_mentions"], "NumSources": event["num_sources"],
        "NumArticles": event["num_articles"],
        "SOURCEURL": article[0],
    }
    if article[1]:
        values["DATEADDED"] = "".join(ch for ch in article[1] if ch.isdigit())[:14]
    values.update(_dates(event["date"]))
    values.update(_actor("Actor1", event["source"]))
    values.update(_actor("Actor2", event["target"]))
    if place:
        values.update({"ActionGeo_FullName": place["name"], "ActionGeo_CountryCode": place["country"],
                       "ActionGeo_Lat": place["lat"], "ActionGeo_Long": place["lon"]})
    return ["" if values.get(c) is None else str(values[c]).replace("\t", " ") for c in GDELT_COLUMNS]


def _with_articles(store: Any, events: Iterable[dict[str, Any]]) -> Iterator[tuple[dict, tuple]]:
    conn = store if not hasattr(store, "conn") else store.conn
    iterator = iter(events)
    while chunk := list(islice(iterator, 1000)):
        ids = list({e["article_ids"][0] for e in chunk if e["article_ids"]})
        found = {
            row[0]: (row[1], row[2])
            for row in conn.execute(
                f"SELECT id, url, added_at FROM articles WHERE id IN ({', '.join('?' * len(ids))})", ids)
        } if ids else {}
        for event in chunk:
            yield event, found.get(event["article_ids"][0] if event["article_ids"] else "", (None, None))


def write_gdelt(store: Any, events: Iterable[dict[str, Any]], output: str) -> int:
    """Write events as GDELT 2.0 event-table lines; return lines written."""
    written = 0
    with open(output, "w", encoding="utf-8", newline="") as handle:
        for event, article in _with_articles(store, events):
            handle.write("\t".join(cell.replace("\n", " ") for cell in gdelt_row(event, article)) + "\n")
            written += 1
    return written
