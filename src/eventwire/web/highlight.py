"""Escapes untrusted article text and marks evidence sentences in it, server-side.

Article text is never trusted: every character is escaped, and only the <mark> tags added here
are markup. Evidence is found with whitespace-insensitive matching, since readers may have
normalised line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape


def _pattern(evidence: str) -> re.Pattern[str] | None:
    words = evidence.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def find_spans(text: str, evidences: Sequence[str]) -> list[tuple[int, int, int]]:
    """(start, end, index into evidences) of each evidence found, in reading order, never overlapping."""
    spans: list[tuple[int, int, int]] = []
    cursor = 0
    for index, evidence in enumerate(evidences):
        pattern = _pattern(evidence)
        if pattern is None:
            continue
        match = pattern.search(text, cursor) or pattern.search(text)
        if match is None:
            continue
        start, end = match.span()
        if any(start < e and s < end for s, e, _ in spans):
            continue  # the same sentence carries several events: mark it once
        spans.append((start, end, index))
        cursor = end
    return sorted(spans)


def highlight(text: str, evidences: Sequence[str], ids: Sequence[str] | None = None) -> Markup:
    """The escaped text with each evidence wrapped in <mark class="evidence"> (id from ``ids``)."""
    out: list[str] = []
    position = 0
    for start, end, index in find_spans(text, evidences):
        anchor = f' id="{escape(ids[index])}"' if ids else ""
        out.append(str(escape(text[position:start])))
        out.append(f'<mark class="evidence"{anchor}>{escape(text[start:end])}</mark>')
        position = end
    out.append(str(escape(text[position:])))
    return Markup("".join(out))
