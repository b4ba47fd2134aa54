"""Median latency of the dashboard's events page and time-series endpoint on ~1,000,000 events.

Usage: python benchmarks/web_latency.py [--events 1000000] [--repeat 9] [--keep PATH]
Builds the database with query_latency.build (synthetic events through the normal Store path)
unless --keep names an existing file, serves it with uvicorn on 127.0.0.1 and a free port, and
times real HTTP requests. Target: events page and time series < 300 ms median. Not a test.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from query_latency import build  # noqa: E402

from eventwire.web import create_app  # noqa: E402

TARGETS = {  # name: (url, counts toward the 300 ms target)
    "events page, no filter": ("/events", True),
    "events page, actor USA": ("/events?actor=USA", True),
    "events page, plover ASSAULT + 2016": ("/events?plover=ASSAULT&date_from=2016&date_to=2016", True),
    "events page, text 'ceasefire'": ("/events?text=ceasefire", True),
    "events page, offset 5000": ("/events?offset=5000", True),
    "timeseries day by quad_class": ("/api/timeseries?interval=day", True),
    "timeseries week by quad_class": ("/api/timeseries?interval=week", True),
    "timeseries month by plover": ("/api/timeseries?interval=month&by=plover", True),
    "timeseries week, country SYR": ("/api/timeseries?interval=week&country=SYR", True),
    "timeseries week, root 19": ("/api/timeseries?interval=week&root=19", True),
    "api events, no filter": ("/api/events", False),
    "facets, no filter": ("/api/facets", False),
    "facets, country SYR": ("/api/facets?country=SYR", False),
    "network, no filter": ("/api/network", False),
    "map, no filter": ("/api/map", False),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db_path: str) -> tuple[uvicorn.Server, str]:
    """Start the dashboard on a free loopback port in a thread; return the server and its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--keep", help="database file to reuse or create")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = args.keep or os.path.join(directory, "web.db")
        if not os.path.exists(path):
            build(path, args.events)
        server, base = serve(path)
        worst = 0.0
        print(f"median of {args.repeat} requests after one warm-up, {base}:")
        with httpx.Client(base_url=base, timeout=120) as client:
            for name, (url, counted) in TARGETS.items():
                client.get(url).raise_for_status()
                times = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    client.get(url).raise_for_status()
                    times.append((time.perf_counter() - start) * 1000)
                median = statistics.median(times)
                if counted:
                    worst = max(worst, median)
                print(f"  {name:<38} {median:8.1f} ms{'' if counted else '  (no target)'}", flush=True)
        server.should_exit = True
    print(f"slowest targeted median {worst:.1f} ms (target < 300 ms): {'PASS' if worst < 300 else 'FAIL'}")


if __name__ == "__main__":
    main()
