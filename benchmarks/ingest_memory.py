"""Peak memory of `eventwire ingest` for a small and a ten-times-larger corpus (target: <= 1.2x).

    .venv/bin/python benchmarks/ingest_memory.py [--small 500] [--large 5000] [--workers 2]

Each ingest runs as its own process into a new database; the resident set size (RSS) of the whole
process tree (the ingest process, its forkserver and its workers) is summed every 0.1 s from
/proc (Linux), and the highest sum is the peak. Shared pages are counted once per process, the
same way for both corpus sizes, so the ratio is fair even though the totals overstate use.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

from ingest_scaling import TreeSampler, ingest_command, load_average, write_corpus  # noqa: E402

TARGET = 1.2


def measure(n: int, workers: int, directory: Path) -> tuple[int, int, float, str]:
    """Ingest ``n`` generated articles; return peak tree RSS, largest process RSS, seconds, summary."""
    corpus, db = directory / f"corpus_{n}.jsonl", directory / f"memory_{n}.db"
    write_corpus(corpus, n)
    start = time.perf_counter()
    proc = subprocess.Popen(ingest_command(corpus, db, workers), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    sampler.done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{err}")
    return sampler.peak, sampler.largest, time.perf_counter() - start, out.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"workers: {args.workers}, load average {load_average()}", flush=True)
    peaks = []
    with tempfile.TemporaryDirectory() as scratch:
        for n in (args.small, args.large):
            peak, largest, seconds, summary = measure(n, args.workers, Path(scratch))
            peaks.append(peak)
            print(f"{n:>7,} articles: peak tree RSS {peak / 2**20:7.1f} MiB (largest process "
                  f"{largest / 2**20:6.1f} MiB), {seconds:6.1f} s  [{summary}]", flush=True)
    ratio = peaks[1] / peaks[0]
    print(f"peak {args.large:,} / peak {args.small:,} = {ratio:.3f} (target <= {TARGET})"
          f"{'' if ratio <= TARGET else '  MISSED'}")
    print(f"load average at end: {load_average()}")


if __name__ == "__main__":
    main()
