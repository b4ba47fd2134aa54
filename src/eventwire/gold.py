"""Gold files (``design/CODING.md`` section 0): reading them and coding their raw texts."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Iterable

from eventwire.errors import EventwireError
from eventwire.model import Failure

log = logging.getLogger(__name__)


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold articles from a .jsonl file, or from every .jsonl file of a folder (sorted by name)."""
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    articles = []
    for file in files:
        with file.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    articles.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise EventwireError(f"{file}:{number}: not JSON ({error.msg})") from None
    if not articles:
        raise EventwireError(f"{path}: no gold articles found")
    return articles


def code_gold(gold: Iterable[dict[str, Any]], workers: int = 1) -> list[dict[str, Any]]:
    """Code each gold article's ``raw`` text with its ``published`` date; output objects in order.

    An article that cannot be coded scores as an empty prediction.
    """
    from eventwire.pipeline import code_stream
    from eventwire.sources import read_text

    items = [read_text(g["raw"], origin=str(g.get("id")), published=g.get("published")) for g in gold]
    predictions = []
    for result in code_stream(items, workers=workers):
        if isinstance(result, Failure):
            log.warning("gold article %s could not be coded (%s): scored as coding nothing", result.input, result.reason)
            predictions.append({"events": [], "entities": [], "quotes": [], "counts": []})
        else:
            predictions.append(result.to_dict())
    return predictions
