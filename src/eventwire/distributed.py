"""The same pipeline on Ray Data, for corpora beyond one machine; its Parquet output and ``load``.

``ingest_ray`` lists the inputs on the driver, reads them in Ray tasks with the local readers
(``eventwire.sources.read_file``), codes them with ``map_batches`` on a pool of actors that each
load the spaCy pipeline once (``eventwire.pipeline._code_chunk``: one bad article becomes a
Failure, never a dead job), and streams the results back to the driver, which writes one folder
of Parquet part files per table under ``out``:

- ``events/``: one row per coded event with the columns of the Parquet export
  (``export.columns.TABLE_COLUMNS``). Nothing is merged yet, so ``id`` is null, ``num_mentions``,
  ``num_sources`` and ``num_articles`` are 1 and ``article_ids`` is the one article's id.
  Merging repeated reports happens in ``eventwire load`` (or in the user's query engine).
- ``entities/``, ``quotes/``, ``counts/``: the model's fields plus ``article_id``.
- ``failures/``: input, line, stage, reason (the database's failures table).
- ``articles/``: one row per coded article, with its text and its whole result as JSON (the
  output contract of OUTPUT.md), from which ``load_output`` rebuilds ArticleResults exactly.

Ray is an optional extra, imported only here and only when the Ray path runs.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from eventwire.errors import EventwireError
from eventwire.export.columns import TABLE_COLUMNS
from eventwire.export.parquet import SCHEMA as EVENTS_SCHEMA
from eventwire.model import Article, ArticleResult, Failure

log = logging.getLogger(__name__)

INSTALL_HINT = "the ray engine needs Ray: pip install 'eventwire[ray]'"
CHUNK = 32  # articles per batch handed to a coding actor
BLOCK_BYTES = 256 * 1024  # Ray Data block size: a big JSONL file still spreads over every actor
ROWS_PER_FILE = 100_000  # rows per Parquet part file
_FLUSH = 5_000  # rows buffered per table before a row group is written

_S = pa.string()
ITEM_SCHEMA = pa.schema([(n, _S) for n in ("id", "text", "title", "source", "published", "dateline",
                                           "url", "origin", "input")]
                        + [("line", pa.int64()), ("stage", _S), ("reason", _S)])
CODED_SCHEMA = pa.schema(list(ITEM_SCHEMA) + [("pipeline_version", _S), ("result", _S)])
TABLES: dict[str, pa.Schema] = {
    "events": EVENTS_SCHEMA,
    "entities": pa.schema([("article_id", _S), ("text", _S), ("kind", _S), ("actor", _S), ("mentions", pa.int64())]),
    "quotes": pa.schema([("article_id", _S), ("speaker", _S), ("speaker_actor", _S), ("text", _S), ("direct", pa.bool_())]),
    "counts": pa.schema([("article_id", _S), ("kind", _S), ("number", pa.int64()), ("evidence", _S)]),
    "failures": pa.schema([("input", _S), ("line", pa.int64()), ("stage", _S), ("reason", _S)]),
    "articles": pa.schema([(n, _S) for n in ("id", "title", "source", "published", "dateline", "url",
                                             "origin", "pipeline_version", "text", "result")]),
}


class RayUnavailable(EventwireError):
    """Ray is not installed, or the cluster at the given address cannot be reached."""


@dataclass
class RaySummary:
    """What one Ray ingest did: articles and events written, failures, where, on how many workers."""

    out: str
    workers: int = 0
    articles: int = 0
    events: int = 0
    failed: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        """The one-line summary printed at the end of ``eventwire ingest --engine ray``."""
        text = (f"{self.articles:,} articles, {self.events:,} events, {self.failed:,} failed; "
                f"Parquet in {self.out} ({self.workers} workers, {self.seconds:.0f} s)")
        return text + (": see its failures/ table" if self.failed else "")


# ---------------------------------------------------------------------------- the Ray job

def ingest_ray(
    paths: Iterable[str], out: str, workers: int | None = None, address: str | None = None,
    published: str | None = None,
) -> RaySummary:
    """Read and code every article under ``paths`` on Ray Data; write the Parquet tables under ``out``.

    ``paths`` are local files or folders, or filesystem URIs pyarrow understands (s3://, gs://,
    hdfs://). ``address`` connects to a running cluster; without it a local runtime starts.
    ``workers`` is the size of the actor pool (default: every CPU of the cluster).
    """
    from eventwire.pipeline import check_data
    from eventwire.sources.checks import check_published

    override = check_published(published)
    check_data()  # a broken lexicon is one clear error here, not a failure on every worker
    files, missing = _list_inputs(list(paths))
    writers = _Writers(out)
    ray, owned = _start_ray(address)
    started = time.perf_counter()
    try:
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        size = workers or cpus
        if size > cpus:  # actors beyond the CPUs would wait for ever on a fixed-size runtime
            log.warning("%d workers asked, the Ray cluster has %d CPUs%s", size, cpus,
                        "" if address else ": using %d" % cpus)
            size = size if address else cpus
        summary = RaySummary(out=out, workers=size)
        for failure in missing:
            writers.add_failure(failure, summary)
        if files:
            for batch in _dataset(ray, files, override, size).iter_batches(batch_format="pyarrow", batch_size=None):
                for row in batch.to_pylist():
                    writers.add(row, summary)
    finally:
        writers.close()
        if owned:
            ray.shutdown()
    summary.seconds = time.perf_counter() - started
    log.info("ray ingest done: %s", summary.line())
    return summary


def _start_ray(address: str | None) -> tuple[Any, bool]:
    """Import Ray (telemetry off); connect to ``address`` or start a local runtime on loopback.

    Returns the module and whether this call started the connection (and so should end it).
    """
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    try:
        import ray
        import ray.data  # noqa: F401 - the Data library is part of the extra
    except ImportError:
        raise RayUnavailable(INSTALL_HINT) from None
    quiet = {"logging_level": logging.WARNING, "log_to_driver": False}
    if not log.isEnabledFor(logging.INFO):  # Ray Data's execution notes only with -v
        logging.getLogger("ray.data").setLevel(logging.ERROR)
    if ray.is_initialized():  # the caller's own Ray session: use it, leave it running
        return ray, False
    try:
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False,
                     _node_ip_address="127.0.0.1", **quiet)
    except (ConnectionError, RuntimeError) as exc:
        raise RayUnavailable(f"cannot start or reach Ray at {address or 'a local runtime'}: {exc}") from exc
    return ray, True


def _dataset(ray: Any, files: list[dict[str, str]], published: str | None, size: int) -> Any:
    """Files -> items (read in zero-CPU tasks) -> coded rows (an actor pool of ``size`` coders)."""
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = sys.stderr.isatty()
    context.target_max_block_size = BLOCK_BYTES
    local_reads: dict[str, Any] = {}
    if any(not f["uri"] for f in files):  # local paths exist on the driver's node only
        local_reads["label_selector"] = {"ray.io/node-id": ray.get_runtime_context().get_node_id()}
    items = ray.data.from_items(files, override_num_blocks=min(len(files), 1_000)).map_batches(
        read_files, batch_size=1, batch_format="pyarrow", fn_kwargs={"published": published},
        num_cpus=0, **local_reads,  # reading is I/O: the actors hold the CPUs
    )
    return items.map_batches(
        Coder, batch_size=CHUNK, batch_format="pyarrow", num_cpus=1,
        compute=ray.data.ActorPoolStrategy(size=size),
    )


def read_files(batch: pa.Table, published: str | None = None) -> Iterator[pa.Table]:
    """Ray task: read listed files with the local readers; yield items (Articles or Failures) as rows."""
    from eventwire.sources import read_file

    for file in batch.to_pylist():
        name, uri = file["name"], file["uri"]
        if not uri:
            items: Iterable[Article | Failure] = read_file(Path(name), published)
        else:
            items = _read_remote(name, uri, file["path"], published)
        iterator = iter(items)
        while chunk := list(islice(iterator, CHUNK)):
            yield pa.Table.from_pylist([_item_row(item) for item in chunk], schema=ITEM_SCHEMA)


def _read_remote(name: str, uri: str, path: str, published: str | None) -> Iterator[Article | Failure]:
    """A file on a pyarrow filesystem: copied to a local temporary file, then read as a local one."""
    from eventwire.sources import read_file

    filesystem, _ = pafs.FileSystem.from_uri(uri)
    suffix = "".join(Path(path).suffixes[-2:])  # keeps ".jsonl.gz"
    with tempfile.TemporaryDirectory(prefix="eventwire-") as folder:
        local = Path(folder, "input" + suffix)
        try:
            with filesystem.open_input_stream(path) as source, local.open("wb") as target:
                while data := source.read(1 << 20):
                    target.write(data)
        except OSError as exc:
            yield Failure(name, f"cannot read file ({exc})")
            return
        for item in read_file(local, published):
            if isinstance(item, Failure):
                yield replace(item, input=item.input.replace(str(local), name))
            else:
                yield replace(item, origin=(item.origin or "").replace(str(local), name))


def _item_row(item: Article | Failure) -> dict[str, Any]:
    if isinstance(item, Failure):
        return {"input": item.input, "line": item.line, "stage": item.stage, "reason": item.reason}
    return {k: getattr(item, k) for k in ("id", "text", "title", "source", "published", "dateline", "url", "origin")}


def _item(row: dict[str, Any]) -> Article | Failure:
    if row["reason"] is not None:
        return Failure(row["input"], row["reason"], stage=row["stage"], line=row["line"])
    return Article(**{k: row[k] for k in ("id", "text", "title", "source", "published", "dateline", "url", "origin")})


class Coder:
    """Ray actor: loads the spaCy pipeline once, then codes batches of items into result rows."""

    def __init__(self) -> None:
        from eventwire.nlp import load_pipeline
        from eventwire.store.writer import default_pipeline_version

        load_pipeline()
        self.fallback = default_pipeline_version()

    def __call__(self, batch: pa.Table) -> pa.Table:
        from eventwire.pipeline import _code_chunk

        rows = []
        for done in _code_chunk([_item(row) for row in batch.to_pylist()]):
            if isinstance(done, Failure):
                rows.append(_item_row(done))
                continue
            row = _item_row(done.article)
            row["pipeline_version"] = done.pipeline_version or self.fallback
            body = done.to_dict()
            del body["article"]
            row["result"] = json.dumps(body, ensure_ascii=False)
            rows.append(row)
        return pa.Table.from_pylist(rows, schema=CODED_SCHEMA)


def _list_inputs(paths: list[str]) -> tuple[list[dict[str, str]], list[Failure]]:
    """The files to read (local walk order, hidden names skipped) and a Failure per missing input."""
    from eventwire.sources.files import STDIN, walk

    files: list[dict[str, str]] = []
    missing: list[Failure] = []
    for name in paths:
        if name == STDIN:
            raise EventwireError("the ray engine reads files, folders and URIs, not standard input")
        if "://" in name and not name.startswith("file://"):
            _list_uri(name, files, missing)
            continue
        path = Path(name.removeprefix("file://"))
        if path.is_dir():
            files.extend({"name": str(p), "uri": "", "path": ""} for p in walk(path))
        elif path.exists():
            files.append({"name": str(path), "uri": "", "path": ""})
        else:
            missing.append(Failure(name, "no such file or folder"))
    return files, missing


def _list_uri(uri: str, files: list[dict[str, str]], missing: list[Failure]) -> None:
    try:
        filesystem, root = pafs.FileSystem.from_uri(uri)
        info = filesystem.get_file_info(root)
        if info.type == pafs.FileType.NotFound:
            missing.append(Failure(uri, "no such file or folder"))
        elif info.type == pafs.FileType.Directory:
            found = filesystem.get_file_info(pafs.FileSelector(root, recursive=True))
            for entry in sorted(found, key=lambda e: e.path):
                relative = entry.path[len(root):].strip("/")
                if entry.type == pafs.FileType.File and not any(p.startswith(".") for p in relative.split("/")):
                    files.append({"name": uri.rstrip("/") + "/" + relative, "uri": uri, "path": entry.path})
        else:
            files.append({"name": uri, "uri": uri, "path": root})
    except (OSError, pa.ArrowException) as exc:
        missing.append(Failure(uri, f"cannot list input ({exc})"))


# ---------------------------------------------------------------------------- Parquet output

def _filesystem(out: str) -> tuple[pafs.FileSystem, str]:
    if "://" in out:
        return pafs.FileSystem.from_uri(out)
    return pafs.LocalFileSystem(), str(Path(out).resolve())


class _Writers:
    """One rolling Parquet writer per table under ``out``; refuses a folder that holds output already."""

    def __init__(self, out: str):
        self.fs, self.root = _filesystem(out)
        for table in TABLES:
            info = self.fs.get_file_info(f"{self.root}/{table}")
            if info.type != pafs.FileType.NotFound:
                raise EventwireError(f"{out} already holds eventwire output ({table}/): choose a new --out folder")
        self.buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.files: dict[str, int] = {t: 0 for t in TABLES}
        self.rows_in_file: dict[str, int] = {t: 0 for t in TABLES}
        self.open: dict[str, pq.ParquetWriter] = {}

    def add(self, row: dict[str, Any], summary: RaySummary) -> None:
        """File one coded row (article or failure) into the tables."""
        if row["reason"] is not None:
            self.add_failure(_item(row), summary)  # type: ignore[arg-type]
            return
        article_id, body = row["id"], json.loads(row["result"])
        self._put("articles", {k: row[k] for k in TABLES["articles"].names})
        for event in body["events"]:
            record = {**event, "id": None, "cameo_root": event["cameo_root"] or event["cameo"][:2],
                      "num_mentions": 1, "num_sources": 1, "num_articles": 1,
                      "article_ids": [article_id], "pipeline_version": row["pipeline_version"]}
            self._put("events", {c.name: c.get(record) for c in TABLE_COLUMNS})
        for table in ("entities", "quotes", "counts"):
            for value in body[table]:
                self._put(table, {"article_id": article_id, **value})
        summary.articles += 1
        summary.events += len(body["events"])

    def add_failure(self, failure: Failure, summary: RaySummary) -> None:
        """File one Failure into the failures table."""
        self._put("failures", {"input": failure.input, "line": failure.line, "stage": failure.stage,
                               "reason": failure.reason})
        summary.failed += 1

    def _put(self, table: str, row: dict[str, Any]) -> None:
        self.buffers[table].append(row)
        if len(self.buffers[table]) >= _FLUSH:
            self._flush(table)

    def _flush(self, table: str) -> None:
        rows, self.buffers[table] = self.buffers[table], []
        schema = TABLES[table]
        data = pa.Table.from_pylist([{n: r.get(n) for n in schema.names} for r in rows], schema=schema)
        if table not in self.open:
            self.fs.create_dir(f"{self.root}/{table}", recursive=True)
            path = f"{self.root}/{table}/part-{self.files[table]:05d}.parquet"
            self.open[table] = pq.ParquetWriter(path, schema, filesystem=self.fs)
            self.files[table] += 1
        self.open[table].write_table(data)
        self.rows_in_file[table] += len(rows)
        if self.rows_in_file[table] >= ROWS_PER_FILE:
            self.open.pop(table).close()
            self.rows_in_file[table] = 0

    def close(self) -> None:
        """Write what is buffered and close every file; an empty table still gets one (empty) file."""
        for table in TABLES:
            if self.buffers[table] or self.files[table] == 0:
                self._flush(table)
        for writer in self.open.values():
            writer.close()
        self.open.clear()


# ---------------------------------------------------------------------------- load into SQLite

def load_output(out: str, db_path: str, batch_size: int = 200) -> Any:
    """Store the Ray output under ``out`` in the database and merge repeated reports; return an IngestSummary.

    Articles already in the database are skipped (counted as already stored), as in ``ingest``.
    """
    from eventwire.store import open_store
    from eventwire.store.ingest import IngestSummary

    articles, failures = _dataset_of(out, "articles"), _dataset_of(out, "failures")
    summary = IngestSummary()
    with open_store(db_path) as store:
        counts = store.add_results(chain(_failures(failures), _results(articles)),
                                   batch_size=batch_size, merge=False)
        summary.records = store.merge()
    summary.articles, summary.events, summary.failed = counts.articles, counts.events, counts.failures
    summary.skipped = counts.duplicates
    log.info("load done: %s", summary.line())
    return summary


def _dataset_of(out: str, table: str) -> Any:
    import pyarrow.dataset as pads

    fs, root = _filesystem(out)
    if fs.get_file_info(f"{root}/{table}").type != pafs.FileType.Directory:
        raise EventwireError(f"{out}: no {table}/ folder; expected the output of `eventwire ingest --engine ray --out`")
    return pads.dataset(f"{root}/{table}", format="parquet", filesystem=fs, schema=TABLES[table])


def _results(dataset: Any) -> Iterator[ArticleResult]:
    for batch in dataset.to_batches(batch_size=1_000):
        for row in batch.to_pylist():
            body = json.loads(row["result"])
            body["article"] = {k: row[k] for k in ("id", "title", "source", "published", "dateline", "url")}
            result = ArticleResult.from_dict(body, text=row["text"])
            yield replace(result, article=replace(result.article, origin=row["origin"]),
                          pipeline_version=row["pipeline_version"] or "")


def _failures(dataset: Any) -> Iterator[Failure]:
    for batch in dataset.to_batches(batch_size=10_000):
        for row in batch.to_pylist():
            yield Failure(row["input"], row["reason"], stage=row["stage"], line=row["line"])
