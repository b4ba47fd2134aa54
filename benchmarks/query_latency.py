"""Median latency of find_events per filter on a database of ~1,000,000 synthetic events.

Usage: python benchmarks/query_latency.py [--events 1000000] [--repeat 7] [--keep PATH]
The database is written through the normal Store path (then merged) in a temp dir, unless
--keep names a file, which is reused when it exists. Target: every median < 200 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))

from synthetic import Generator  # noqa: E402

from eventwire.store import EventFilter, find_events, open_store  # noqa: E402

FILTERS: dict[str, dict[str, str]] = {
    "no filter": {},
    "actor USA (either side)": {"actor": "USA"},
    "actor rare prefix MLIREB": {"actor": "MLIREB"},
    "source RUSGOV": {"source": "RUSGOV"},
    "target UKR": {"target": "UKR"},
    "country SYR (either side)": {"country": "SYR"},
    "cameo 19": {"cameo": "19"},
    "cameo 1731 (absent)": {"cameo": "1731"},
    "root 04": {"root": "04"},
    "plover ASSAULT": {"plover": "ASSAULT"},
    "quad_class 4": {"quad_class": "4"},
    "date range one month": {"date_from": "2016-03", "date_to": "2016-03"},
    "date range two years": {"date_from": "2015-06-01", "date_to": "2017-06-01"},
    "location_country IRQ": {"location_country": "IRQ"},
    "text 'ceasefire'": {"text": "ceasefire"},
    "text 'convoy AND embassy'": {"text": "convoy AND embassy"},
    "actor USA + root 19 + 2016": {"actor": "USA", "root": "19", "date_from": "2016", "date_to": "2016"},
    "country IRN + plover THREATEN": {"country": "IRN", "plover": "THREATEN"},
    "source CHN + target USA + quad 1": {"source": "CHN", "target": "USA", "quad_class": "1"},
    "negated included, actor PAK": {"actor": "PAK", "include_negated": "true"},
    "offset 5000, root 04": {"root": "04", "offset": "5000"},
}


def build(path: str, n_events: int) -> None:
    """Write and merge ``n_events`` synthetic events into a new database at ``path``."""
    store = open_store(path)
    start = time.perf_counter()
    store.add_results(Generator(seed=11).results(n_events), batch_size=2000)
    print(f"built {n_events:,} events in {time.perf_counter() - start:.0f} s", flush=True)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", help="database file to reuse or create")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = args.keep or os.path.join(directory, "query.db")
        if not os.path.exists(path):
            build(path, args.events)
        store = open_store(path, readonly=True)
        records = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        print(f"{records:,} event records; median of {args.repeat} runs per filter (limit 100):")
        worst = 0.0
        for name, mapping in FILTERS.items():
            flt = EventFilter.from_mapping(mapping)
            times, found = [], 0
            for _ in range(args.repeat):
                start = time.perf_counter()
                found = len(find_events(store, flt))
                times.append((time.perf_counter() - start) * 1000)
            median = statistics.median(times)
            worst = max(worst, median)
            print(f"  {name:<36} {median:8.1f} ms  ({found} rows)", flush=True)
        store.close()
    print(f"slowest median {worst:.1f} ms (target < 200 ms): {'PASS' if worst < 200 else 'FAIL'}")


if __name__ == "__main__":
    main()
