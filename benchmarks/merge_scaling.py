"""Merge time for 100,000 and 1,000,000 synthetic events, and their ratio (target: <= 15x).

Usage: python benchmarks/merge_scaling.py [--small 100000] [--large 1000000]
Each database is written through the normal Store path in a temp dir; only the merge is timed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))

from synthetic import Generator  # noqa: E402

from eventwire.store import open_store  # noqa: E402
from eventwire.store.merge import merge_all  # noqa: E402


def time_merge(n_events: int, directory: str) -> tuple[float, int]:
    """Write ``n_events`` synthetic events unmerged, then time one full merge."""
    store = open_store(os.path.join(directory, f"merge_{n_events}.db"))
    start = time.perf_counter()
    store.add_results(Generator(seed=n_events).results(n_events), batch_size=2000, merge=False)
    print(f"  wrote {n_events:,} events in {time.perf_counter() - start:.1f} s", flush=True)
    start = time.perf_counter()
    records = merge_all(store.conn)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        small, small_records = time_merge(args.small, directory)
        print(f"merge {args.small:>9,} events -> {small_records:,} records: {small:.2f} s", flush=True)
        large, large_records = time_merge(args.large, directory)
        print(f"merge {args.large:>9,} events -> {large_records:,} records: {large:.2f} s", flush=True)
    ratio = large / small
    print(f"ratio {ratio:.1f}x for {args.large / args.small:.0f}x the events (target <= 15x): "
          f"{'PASS' if ratio <= 15 else 'FAIL'}")


if __name__ == "__main__":
    main()
