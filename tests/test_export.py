"""Exports round-trip through their readers (csv, json, pyarrow) with the documented column sets."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.errors import EventwireError
from eventwire.export import export_events
from eventwire.export.columns import GDELT_COLUMNS, PLOVER_FIELDS, TABLE_COLUMNS
from eventwire.model import ActorRef, Article, ArticleResult, Event, Place
from eventwire.store import EventFilter, open_store


def ev(src, tgt, cameo, plover, quad, date, place=None, fatalities=None, negated=False):
    return Event(
        sentence=3, evidence=f"{src}\tacted\n({cameo})", source=ActorRef.from_code(f"name of {src}", src),
        target=ActorRef.from_code(f"name of {tgt}", tgt) if tgt else None, cameo=cameo, cameo_root=cameo[:2],
        plover=plover, quad_class=quad, goldstein=-9.5 if quad == 4 else 4.0, date=date, location=place,
        fatalities=fatalities, negated=negated,
    )


ALEPPO = Place("Aleppo", "SYR", 36.2, 37.16)


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "export.db")) as s:
        texts = ["Jets struck Aleppo.", "Jets hit Aleppo again, a second report.", "Leaders met."]
        s.add_results([
            ArticleResult(Article(Article.content_id(texts[0]), texts[0], source="AFP", url="http://a.example/1"),
                          (ev("RUSMIL", "SYRCVL", "195", "ASSAULT", 4, "2016-02-29", ALEPPO, 12),)),
            ArticleResult(Article(Article.content_id(texts[1]), texts[1], source="AP"),
                          (ev("RUSMIL", "SYRCVL", "195", "ASSAULT", 4, "2016-03-01", None, 14),
                           ev("RUSMIL", "SYRCVL", "195", "ASSAULT", 4, "2016-03-02", None, None, True))),
            ArticleResult(Article(Article.content_id(texts[2]), texts[2], source="AP"),
                          (ev("IGOUNO", None, "010", None, 1, "2016-03"),
                           ev("FRAGOV", "DEUGOV", "043", "CONSULT", 1, "2016-03-05"))),
        ])
        yield s


def test_csv_round_trip(store, tmp_path):
    out = tmp_path / "events.csv"
    assert export_events(store, "csv", str(out)) == 3  # the negated event is left out
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [c.name for c in TABLE_COLUMNS]
    strike = rows[0]
    assert (strike["source_code"], strike["target_sector"], strike["num_mentions"], strike["num_sources"]) == ("RUSMIL", "CVL", "2", "2")
    assert (strike["fatalities"], strike["location_name"], strike["negated"], strike["lat"]) == ("14", "Aleppo", "false", "36.2")
    assert strike["evidence"] == "RUSMIL\tacted\n(195)"
    assert len(strike["article_ids"].split("|")) == 2
    assert rows[1]["target_code"] == "" and rows[1]["plover"] == ""


def test_parquet_round_trip_is_typed(store, tmp_path):
    out = tmp_path / "events.parquet"
    assert export_events(store, "parquet", str(out)) == 3
    table = pq.read_table(out)
    assert table.column_names == [c.name for c in TABLE_COLUMNS]
    assert str(table.schema.field("quad_class").type) == "int64"
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("negated").type) == "bool"
    rows = table.to_pylist()
    assert rows[0]["fatalities"] == 14 and rows[0]["lon"] == 37.16 and rows[1]["target_code"] is None


def test_plover_round_trip(store, tmp_path):
    out = tmp_path / "events.jsonl"
    assert export_events(store, "plover", str(out)) == 2  # 010 has no PLOVER type
    objects = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(list(o) == list(PLOVER_FIELDS) for o in objects)
    strike = objects[0]
    assert (strike["event_type"], strike["source_actor"], strike["target_sector"], strike["country"]) == ("ASSAULT", "RUSMIL", "CVL", "SYR")
    assert strike["location"] == {"name": "Aleppo", "lat": 36.2, "lon": 37.16}
    assert strike["fatalities"] == 14 and strike["num_articles"] == 2


def test_gdelt_round_trip(store, tmp_path):
    out = tmp_path / "events.tsv"
    assert export_events(store, "gdelt", str(out)) == 3
    with out.open(newline="", encoding="utf-8") as handle:
        rows = [dict(zip(GDELT_COLUMNS, r)) for r in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    assert len(GDELT_COLUMNS) == 61 and all(len(r) == 61 for r in rows)
    strike, generic, meeting = rows
    assert (strike["SQLDATE"], strike["MonthYear"], strike["Year"], strike["FractionDate"]) == ("20160229", "201602", "2016", "2016.1612")
    assert (strike["Actor1Code"], strike["Actor1CountryCode"], strike["Actor1Type1Code"]) == ("RUSMIL", "RUS", "MIL")
    assert (strike["EventCode"], strike["EventBaseCode"], strike["EventRootCode"], strike["QuadClass"]) == ("195", "195", "19", "4")
    assert (strike["NumMentions"], strike["NumSources"], strike["NumArticles"]) == ("2", "2", "2")
    assert (strike["ActionGeo_FullName"], strike["ActionGeo_Lat"], strike["SOURCEURL"]) == ("Aleppo", "36.2", "http://a.example/1")
    assert len(strike["DATEADDED"]) == 14 and strike["AvgTone"] == "" and strike["Actor1Geo_Type"] == ""
    assert (generic["SQLDATE"], generic["MonthYear"], generic["Actor1KnownGroupCode"], generic["Actor2Code"]) == ("", "201603", "UNO", "")
    assert meeting["EventBaseCode"] == "043"


def test_export_follows_the_filter(store, tmp_path):
    out = tmp_path / "filtered.csv"
    assert export_events(store, "csv", str(out), EventFilter(actor="FRA", limit=None)) == 1
    assert export_events(store, "csv", str(out), EventFilter(include_negated=True, limit=None)) == 4


def test_unknown_format_is_a_clear_error(store, tmp_path):
    with pytest.raises(EventwireError, match="unknown export format"):
        export_events(store, "xlsx", str(tmp_path / "x"))


@pytest.mark.parametrize("fmt", ["gdelt", "plover", "csv", "parquet"])
def test_export_cli(store, tmp_path, fmt):
    from eventwire.cli import main

    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["export", "--db", store.path, "--format", fmt, "--output", str(out), "--root", "19"])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0 and "1 events written" in result.output
