"""Words that make a governed event intended, denied or reported (``data/modality_words.tsv``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from eventwire.codebooks._tsv import data_path, read_tsv

ROLES = ("intent", "negate", "report")


@lru_cache(maxsize=4)
def load_modality_words(path: str | None = None) -> dict[str, str]:
    """Lowercase lemma -> role (intent, negate or report); validated at load."""
    source = Path(path) if path else data_path("modality_words.tsv")
    words: dict[str, str] = {}
    for row in read_tsv(source, ("word", "role")):
        word, role = row["word"].lower(), row["role"]
        if role not in ROLES:
            raise row.error(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
        if word in words:
            raise row.error(f"duplicate word {word!r}")
        words[word] = role
    return words
