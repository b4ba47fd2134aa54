"""Queries over the store (EventFilter, find_events, articles, stats, series) and their CLI commands."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.errors import EventwireError
from eventwire.model import ActorRef, Article, ArticleResult, Count, Entity, Event, Failure, Place
from eventwire.store import EventFilter, find_events, get_event, open_store
from eventwire.store import query


def ev(src, tgt, cameo, plover, quad, date, country=None, negated=False, sentence=0):
    return Event(
        sentence=sentence, evidence=f"{src} {cameo} {tgt}", source=ActorRef.from_code(src.lower(), src),
        target=ActorRef.from_code(tgt.lower(), tgt) if tgt else None, cameo=cameo, cameo_root=cameo[:2],
        plover=plover, quad_class=quad, goldstein=-10.0 if quad == 4 else 3.0, date=date,
        location=Place(f"{country} town", country) if country else None, negated=negated,
    )


ARTICLES = [
    ("Russian jets struck targets near Aleppo, activists said.", "AFP", [
        ev("RUSMIL", "SYRREB", "195", "ASSAULT", 4, "2015-11-20", "SYR"),
        ev("SYRGOV", "RUS", "051", "SUPPORT", 1, "2015-11-20", "SYR", sentence=2)]),
    ("Moscow denied that its aircraft hit a hospital.", "TASS", [
        ev("RUSMIL", "SYRCVL", "195", "ASSAULT", 4, "2015-11-21", "SYR", negated=True)]),
    ("Putin met Hollande to discuss the fight against terrorism.", "Xinhua", [
        ev("RUSGOV", "FRAGOV", "043", "CONSULT", 1, "2015-11-26", "RUS")]),
    ("The United Nations urged a ceasefire in Yemen.", "Reuters", [
        ev("IGOUNO", "YEM", "020", "REQUEST", 1, "2015-12-03", None)]),
    ("Saudi-led jets bombed Sanaa again in December.", "AFP", [
        ev("SAUMIL", "YEM", "190", "ASSAULT", 4, "2015-12", "YEM")]),
    ("Washington accused Tehran of violating the deal.", "AP", [
        ev("USAGOV", "IRNGOV", "112", "ACCUSE", 3, "2016-01-10", None)]),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("query") / "q.db")
    with open_store(path) as store:
        results = [ArticleResult(Article(Article.content_id(t), t, title=t[:30], source=s, published="2016-01-12"),
                                 tuple(events)) for t, s, events in ARTICLES]
        results[2] = ArticleResult(results[2].article, results[2].events,
                                   entities=(Entity("Vladimir Putin", "PERSON", "RUSGOV"),),
                                   counts=(Count("killed", 130, "claimed 130 lives"),))
        store.add_results(results + [Failure("in/bad.jsonl", "line is not JSON", "read", 4),
                                     Failure("in/empty.txt", "empty file", "read")])
    return path


@pytest.fixture
def store(db):
    with open_store(db, readonly=True) as s:
        yield s


def cameos(store, **mapping) -> list[str]:
    return sorted(e["cameo"] for e in find_events(store, EventFilter.from_mapping(mapping)))


@pytest.mark.parametrize("mapping, expected", [
    ({}, ["020", "043", "051", "112", "190", "195"]),
    ({"actor": "RUS"}, ["043", "051", "195"]),           # either side, country prefix
    ({"actor": "rusgov"}, ["043"]),                      # lower case accepted
    ({"actor": "IGO"}, ["020"]),
    ({"source": "RUSMIL"}, ["195"]),
    ({"target": "YEM"}, ["020", "190"]),
    ({"country": "SYR"}, ["051", "195"]),
    ({"cameo": "19"}, ["190", "195"]),
    ({"root": "4"}, ["043"]),
    ({"plover": "assault"}, ["190", "195"]),
    ({"quad_class": "1"}, ["020", "043", "051"]),
    ({"date_from": "2015-12", "date_to": "2015-12"}, ["020", "190"]),
    ({"since": "2016"}, ["112"]),
    ({"until": "2015-11-20"}, ["051", "195"]),
    ({"location": "SYR"}, ["051", "195"]),
    ({"query": "ceasefire"}, ["020"]),
    ({"text": "jets"}, ["051", "190", "195"]),
    ({"negated": "true", "source": "RUSMIL"}, ["195", "195"]),
    ({"actor": "RUS", "quad_class": 4}, ["195"]),
])
def test_filters(store, mapping, expected):
    assert cameos(store, **mapping) == expected


def test_event_object_follows_output_contract(store):
    (event,) = find_events(store, EventFilter(source="RUSGOV"))
    assert event["source"] == {"text": "rusgov", "code": "RUSGOV", "country": "RUS", "sector": "GOV"}
    assert event["target"]["code"] == "FRAGOV" and event["location"]["country"] == "RUS"
    assert (event["num_mentions"], event["num_sources"], event["num_articles"]) == (1, 1, 1)
    assert event["article_ids"] == [Article.content_id(ARTICLES[2][0])]
    assert event["negated"] is False and isinstance(event["id"], int)


def test_most_recent_first_with_limit_and_offset(store):
    dates = [e["date"] for e in find_events(store, EventFilter(limit=2, offset=1))]
    assert dates == ["2015-12-03", "2015-12"]


@pytest.mark.parametrize("mapping, message", [
    ({"quad_class": "5"}, "quad_class"),
    ({"quad_class": "two"}, "quad_class"),
    ({"date_from": "2015-13-01"}, "calendar date"),
    ({"date_from": "last week"}, "YYYY"),
    ({"date_from": "2016", "date_to": "2015"}, "after"),
    ({"country": "France"}, "ISO"),
    ({"cameo": "19a"}, "cameo"),
    ({"root": "21"}, "root"),
    ({"limit": "0"}, "limit"),
    ({"offset": "-1"}, "offset"),
    ({"colour": "red"}, "unknown filter"),
    ({"negated": "maybe"}, "true or false"),
])
def test_bad_filter_values_raise_one_clear_error(mapping, message):
    with pytest.raises(EventwireError, match=message) as info:
        EventFilter.from_mapping(mapping)
    assert isinstance(info.value, ValueError)


def test_bad_full_text_syntax_is_a_filter_error(store):
    with pytest.raises(EventwireError, match="full-text"):
        find_events(store, EventFilter(text='"unbalanced'))


def test_get_event_lists_its_mentions(store):
    (event,) = find_events(store, EventFilter(source="USAGOV"))
    detail = get_event(store, event["id"])
    assert [(m["source"], m["evidence"], m["sentence"]) for m in detail["mentions"]] == [("AP", "USAGOV 112 IRNGOV", 0)]
    assert get_event(store, 10**9) is None


def test_articles_and_article_detail(store):
    found = query.find_articles(store, text="Putin")
    assert [a["source"] for a in found] == ["Xinhua"] and found[0]["num_events"] == 1
    assert len(query.find_articles(store)) == len(ARTICLES)
    detail = query.get_article(store, found[0]["id"])
    assert detail["text"] == ARTICLES[2][0]
    assert [e["cameo"] for e in detail["events"]] == ["043"]
    assert detail["entities"][0]["actor"] == "RUSGOV" and detail["counts"][0]["number"] == 130
    first = query.get_article(store, Article.content_id(ARTICLES[0][0]))
    assert [e["sentence"] for e in first["events"]] == [0, 2]  # reading order


def test_stats_failures_and_counts(store):
    result = query.stats(store)
    assert (result["articles"], result["events"], result["negated"], result["failures"]) == (6, 6, 1, 2)
    assert result["by_month"] == [{"month": "2015-11", "events": 3}, {"month": "2015-12", "events": 2},
                                  {"month": "2016-01", "events": 1}]
    assert {"root": "19", "events": 2} in result["by_root"]
    assert [(f["input"], f["line"]) for f in query.list_failures(store)] == [("in/bad.jsonl", 4), ("in/empty.txt", None)]
    assert query.actor_counts(store, limit=1) == [{"actor": "YEM", "events": 2}]
    assert query.dyad_counts(store, EventFilter(plover="ASSAULT")) == [
        {"source": "RUSMIL", "target": "SYRREB", "events": 1}, {"source": "SAUMIL", "target": "YEM", "events": 1}]


@pytest.mark.parametrize("interval, by, expected", [
    ("month", "quad_class", [("2015-11", 1, 2), ("2015-11", 4, 1), ("2015-12", 1, 1), ("2015-12", 4, 1), ("2016-01", 3, 1)]),
    ("week", "plover", [("2015-11-16", "ASSAULT", 1), ("2015-11-16", "SUPPORT", 1), ("2015-11-23", "CONSULT", 1),
                        ("2015-11-30", "ASSAULT", 1), ("2015-11-30", "REQUEST", 1), ("2016-01-04", "ACCUSE", 1)]),
])
def test_time_series(store, interval, by, expected):
    series = query.time_series(store, EventFilter(), interval=interval, by=by)
    assert [(p["period"], p[by], p["events"]) for p in series] == expected


# ------------------------------------------------------------------ CLI

def run(*args):
    from eventwire.cli import main

    return CliRunner().invoke(main, list(args))


def test_cli_events_json_lines(db):
    result = run("events", "--db", db, "--plover", "ASSAULT", "--json")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [e["cameo"] for e in lines] == ["190", "195"] and all("num_sources" in e for e in lines)


def test_cli_events_csv_and_table(db):
    result = run("events", "--db", db, "--country", "IRN", "--csv")
    assert result.exit_code == 0 and result.output.splitlines()[0].startswith("id,date,source_text")
    assert "USAGOV" in result.output.splitlines()[1]
    table = run("events", "--db", db, "--root", "19")
    assert table.exit_code == 0 and "RUSMIL" in table.output and "SAUMIL" in table.output


@pytest.mark.parametrize("args, message", [
    (("events", "--db", "{missing}"), "no database"),
    (("events", "--db", "{db}", "--quad-class", "9"), "quad_class"),
    (("events", "--db", "{db}", "--since", "yesterday"), "YYYY"),
    (("failures", "--db", "{missing}"), "no database"),
    (("stats", "--db", "{missing}"), "no database"),
])
def test_cli_errors_are_one_line_and_exit_2(db, tmp_path, args, message):
    result = run(*(a.format(db=db, missing=tmp_path / "nope.db") for a in args))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_cli_failures_articles_stats(db):
    failures = run("failures", "--db", db)
    assert failures.output.splitlines() == ["in/bad.jsonl\t4\tread\tline is not JSON", "in/empty.txt\t\tread\tempty file"]
    articles = run("articles", "--db", db, "--query", "Hollande", "--json")
    assert [json.loads(line)["source"] for line in articles.output.splitlines()] == ["Xinhua"]
    stats = run("stats", "--db", db, "--json")
    assert json.loads(stats.output)["events"] == 6
    assert "2015-11" in run("stats", "--db", db).output
