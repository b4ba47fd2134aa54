"""The Ray Data path against the local one: same events, failures as data, load, a cluster by address.

These tests start real Ray runtimes. Ray probes cloud metadata addresses at start, so they must
run in a network namespace with loopback only; they fail loudly anywhere else:

    unshare -n sh -c 'ip link set lo up && .venv/bin/pytest -m ray'
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'eventwire[ray]'")

from eventwire.errors import EventwireError  # noqa: E402
from eventwire.distributed import TABLES, ingest_ray, load_output  # noqa: E402
from eventwire.export import export_events  # noqa: E402
from eventwire.export.columns import TABLE_COLUMNS  # noqa: E402
from eventwire.store import EventFilter, open_store  # noqa: E402
from eventwire.store.ingest import ingest_paths  # noqa: E402
from eventwire.store.query import list_failures  # noqa: E402

pytestmark = [pytest.mark.ray, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NAMESPACE_COMMAND = "unshare -n sh -c 'ip link set lo up && .venv/bin/pytest -m ray'"
EVERYTHING = EventFilter(include_negated=True, limit=None)
# Columns that depend on the database rather than on the coding: the record id is assigned by
# SQLite (null in the Ray output, which is not merged yet).
UNCOMPARED = {"id"}


@pytest.fixture(scope="module", autouse=True)
def loopback_only():
    """Refuse to start Ray where it could reach the network."""
    lines = Path("/proc/net/dev").read_text().splitlines()[2:]  # this process's network namespace
    interfaces = sorted(line.split(":")[0].strip() for line in lines)
    if interfaces != ["lo"]:
        pytest.fail(f"Ray tests need a loopback-only network namespace (found {', '.join(interfaces)}); "
                    f"run: {NAMESPACE_COMMAND}", pytrace=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Distinct articles in several formats, a binary file and a broken JSONL record."""
    folder = tmp_path_factory.mktemp("corpus")
    for file in sorted((ROOT / "samples").glob("*.txt")):
        shutil.copy(file, folder / file.name)
    # feed-003 tells two captures by one group a day apart: the local store merges them into one
    # record (an article's mentions count, as in GDELT) while the Ray output is one row per
    # mention, so it is left out for the rows to compare one to one.
    feed = [line for line in (ROOT / "samples" / "feed.jsonl").read_text().splitlines()
            if line.strip() and json.loads(line)["id"] != "feed-003"]
    (folder / "feed.jsonl").write_text("\n".join(feed) + "\n")
    gold = [json.loads(line) for line in (ROOT / "tests" / "gold" / "gold_b.jsonl").open() if line.strip()][:4]
    with (folder / "extra.jsonl").open("w") as handle:
        for record in gold:
            handle.write(json.dumps({"id": record["id"], "title": record["title"], "source": record["source"],
                                     "published": record["published"], "text": record["raw"]}) + "\n")
        handle.write('{"id": "broken", "text": \n')
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 40)
    return folder


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory):
    """The local ingest of the corpus and its Parquet export (negated events included)."""
    folder = tmp_path_factory.mktemp("local")
    db = str(folder / "local.db")
    ingest_paths([str(corpus)], db, workers=1, progress=False)
    with open_store(db, readonly=True) as store:
        export_events(store, "parquet", str(folder / "events.parquet"), EVERYTHING)
    return db, pq.read_table(folder / "events.parquet")


@pytest.fixture(scope="module")
def ray_out(corpus, tmp_path_factory):
    """The Ray ingest of the same corpus on two workers (a local runtime)."""
    out = tmp_path_factory.mktemp("ray") / "out"
    summary = ingest_ray([str(corpus)], str(out), workers=2)
    return out, summary


def rows(table, drop=frozenset(UNCOMPARED)) -> list[tuple]:
    """A table's rows without the ``drop`` columns, sorted; booleans as SQLite's 0/1."""
    names = [n for n in table.column_names if n not in drop]
    plain = (tuple(int(r[n]) if isinstance(r[n], bool) else r[n] for n in names) for r in table.to_pylist())
    return sorted(plain, key=repr)


def test_ray_events_equal_local_export(local, ray_out):
    _, exported = local
    out, summary = ray_out
    events = pq.read_table(out / "events")
    assert events.column_names == [c.name for c in TABLE_COLUMNS]
    assert events.schema.equals(exported.schema)
    # a corpus of distinct articles: the local merge must have nothing to merge for the rows to match
    assert set(exported.column("num_mentions").to_pylist()) == {1}, "corpus has repeated reports"
    assert exported.num_rows > 20 and summary.events == exported.num_rows
    assert rows(events) == rows(exported)
    assert events.column("id").null_count == events.num_rows


@pytest.mark.parametrize("table, sql", [
    ("entities", "SELECT a.id, e.text, e.kind, e.actor, e.mentions FROM entities e JOIN articles a ON a.pk = e.article_pk"),
    ("quotes", "SELECT a.id, q.speaker, q.speaker_actor, q.text, q.direct = 1 AS direct FROM quotes q JOIN articles a ON a.pk = q.article_pk"),
    ("counts", "SELECT a.id, c.kind, c.number, c.evidence FROM counts c JOIN articles a ON a.pk = c.article_pk"),
])
def test_ray_side_tables_equal_local_store(local, ray_out, table, sql):
    db, _ = local
    out, _ = ray_out
    written = pq.read_table(out / table)
    assert written.schema.equals(TABLES[table])
    stored = sorted((tuple(r) for r in sqlite3.connect(db).execute(sql)), key=repr)
    assert stored and rows(written, drop=frozenset()) == stored


def test_bad_inputs_land_in_failures(local, ray_out, corpus):
    db, _ = local
    out, summary = ray_out
    failures = pq.read_table(out / "failures").to_pylist()
    found = {(Path(f["input"]).name, f["line"], f["stage"]) for f in failures}
    assert (("scan.txt", None, "read") in found) and any(name == "extra.jsonl" and line == 5 for name, line, _ in found)
    with open_store(db, readonly=True) as store:
        local_failures = {(f["input"], f["line"], f["stage"], f["reason"]) for f in list_failures(store)}
    assert {(f["input"], f["line"], f["stage"], f["reason"]) for f in failures} == local_failures
    stored = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert summary.failed == len(failures) == 2
    assert summary.articles == pq.read_table(out / "articles").num_rows == stored == 12


def test_load_matches_local_ingest(local, ray_out, tmp_path):
    _, exported = local
    out, _ = ray_out
    db = str(tmp_path / "loaded.db")
    summary = load_output(str(out), db)
    assert (summary.articles, summary.failed, summary.skipped) == (12, 2, 0)
    with open_store(db, readonly=True) as store:
        export_events(store, "parquet", str(tmp_path / "loaded.parquet"), EVERYTHING)
    assert rows(pq.read_table(tmp_path / "loaded.parquet")) == rows(exported)
    again = load_output(str(out), db)
    assert (again.articles, again.skipped) == (0, 12)


def test_refuses_to_mix_runs(ray_out, corpus):
    out, _ = ray_out
    with pytest.raises(EventwireError, match="already holds eventwire output"):
        ingest_ray([str(corpus)], str(out), workers=1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _doc_command(prefix: str) -> list[str]:
    """The command line of docs/cluster.md that starts with ``prefix`` (the docs are what we run)."""
    text = (ROOT / "docs" / "cluster.md").read_text()
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith(prefix)]
    assert lines, f"docs/cluster.md has no `{prefix} ...` line"
    return lines[0].split()


def test_cluster_started_by_ray_start_is_used_by_address(tmp_path):
    port = _free_port()
    temp = tempfile.mkdtemp(prefix="ewray", dir="/tmp")  # short: Ray's socket paths have a length limit
    head = [a.replace("6379", str(port)) for a in _doc_command("ray start --head")]
    assert {"--node-ip-address=127.0.0.1", "--include-dashboard=false"} <= set(head)
    head[0] = str(BIN / "ray")
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "token"}  # as docs/cluster.md says
    process = subprocess.Popen(head + ["--block", f"--temp-dir={temp}", "--num-cpus=2"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        ingest = [a.replace("6379", str(port)) for a in _doc_command("eventwire ingest --engine ray --address")]
        assert "--address" in ingest and f"127.0.0.1:{port}" in ingest
        out = tmp_path / "out"
        args = [str(BIN / "eventwire")] + ingest[1:ingest.index("--out")] + [
            "--out", str(out), "--workers", "1", str(ROOT / "samples" / "03_china_egypt_talks.txt")]
        deadline = time.monotonic() + 120
        while True:  # the head needs a few seconds before it accepts drivers
            result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
            if result.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(3)
        assert result.returncode == 0, result.stderr[-2000:]
        assert re.match(r"1 articles, \d+ events, 0 failed", result.stdout)
        assert pq.read_table(out / "events").num_rows > 0
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(temp, ignore_errors=True)


def test_without_ray_the_command_explains_how_to_install(tmp_path):
    code = ("import sys; sys.modules['ray'] = None\n"
            "from eventwire.cli import main\n"
            f"main(['ingest', '--engine', 'ray', '--out', {str(tmp_path / 'o')!r}, {str(ROOT / 'samples')!r}])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["eventwire: the ray engine needs Ray: pip install 'eventwire[ray]'"]
