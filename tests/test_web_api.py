"""The JSON API and server-rendered pages, in-process, over a database built from hand-made results."""

from __future__ import annotations

import csv
import io

import pytest

from eventwire.model import ActorRef, Article, ArticleResult, Event, Failure, Place

fastapi_testclient = pytest.importorskip("fastapi.testclient")

SCRIPT = "<script>window.pwned = 1</script>"
PARIS = Place("Paris", "FRA", 48.86, 2.35)
KHARKIV = Place("Kharkiv", "UKR", 49.99, 36.23)
LAGOS = Place("Lagos", "NGA", 6.45, 3.39)


def event(sentence: int, evidence: str, source: str, target: str | None, cameo: str, plover: str,
          quad: int, goldstein: float, date: str, **extra) -> Event:
    """One hand-coded event; source/target texts are their codes for brevity."""
    return Event(
        sentence=sentence, evidence=evidence, source=ActorRef.from_code(source, source),
        target=ActorRef.from_code(target, target) if target else None, cameo=cameo,
        cameo_root=cameo[:2], plover=plover, quad_class=quad, goldstein=goldstein, date=date, **extra,
    )


def sample_results() -> list[ArticleResult | Failure]:
    """Five small articles written for these tests, one of them carrying a script tag, and one failure."""
    meet = ("PARIS - The French foreign minister met his German counterpart in Paris on Monday.\n"
            "France also pledged new economic aid to Ukraine, officials said.")
    shelling = ("KHARKIV - Russian forces shelled Kharkiv on Tuesday, killing four people.\n"
                "Ukraine accused Russia of targeting civilians.")
    shelling_again = ("Four people died when Russian forces shelled Kharkiv on Tuesday, the regional "
                      "governor said.")
    arrests = (f"LAGOS - Police in Lagos arrested dozens of protesters {SCRIPT} on Friday.\n"
               "Nigeria's government defended the arrests.")
    denial = "Israel denied that its jets struck the hospital in Gaza on Sunday."
    return [
        ArticleResult(
            Article(id="a-meet", text=meet, title="Ministers meet in Paris", source="Wire A",
                    published="2024-03-04"),
            events=(
                event(0, "The French foreign minister met his German counterpart in Paris on Monday.",
                      "FRAGOV", "DEUGOV", "040", "CONSULT", 1, 1.0, "2024-03-04", location=PARIS),
                event(1, "France also pledged new economic aid to Ukraine, officials said.",
                      "FRA", "UKR", "0331", "AGREE", 1, 5.2, "2024-03-04"),
            ),
        ),
        ArticleResult(
            Article(id="a-shell", text=shelling, title="Shelling in Kharkiv", source="Wire B",
                    published="2024-03-05"),
            events=(
                event(0, "Russian forces shelled Kharkiv on Tuesday, killing four people.",
                      "RUSMIL", "UKR", "190", "ASSAULT", 4, -10.0, "2024-03-05", location=KHARKIV,
                      fatalities=4),
                event(1, "Ukraine accused Russia of targeting civilians.",
                      "UKRGOV", "RUS", "112", "ACCUSE", 3, -2.0, "2024-03-05"),
            ),
        ),
        ArticleResult(
            Article(id="a-shell-2", text=shelling_again, title="Governor: four dead", source="Wire C",
                    published="2024-03-05"),
            events=(event(0, shelling_again, "RUSMIL", "UKR", "190", "ASSAULT", 4, -10.0, "2024-03-05",
                          location=KHARKIV, fatalities=4),),
        ),
        ArticleResult(
            Article(id="a-script", text=arrests, title=f"Arrests {SCRIPT} in Lagos", source="Wire A",
                    published="2024-02-09"),
            events=(event(0, f"Police in Lagos arrested dozens of protesters {SCRIPT} on Friday.",
                          "NGACOP", "NGACVL", "173", "COERCE", 4, -5.0, "2024-02-09", location=LAGOS),),
        ),
        ArticleResult(
            Article(id="a-denial", text=denial, title="Israel denies strike", source="Wire B",
                    published="2024-01-14"),
            events=(event(0, denial, "ISRMIL", "PSE", "195", "ASSAULT", 4, -10.0, "2024-01-14",
                          negated=True),),
        ),
        Failure(input="broken.jsonl", reason="line is not JSON", stage="read", line=3),
    ]


def build_db(path: str) -> str:
    """Write the sample results through the store's normal write path."""
    from eventwire.store import open_store

    with open_store(path) as store:
        store.add_results(sample_results())
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build_db(str(tmp_path_factory.mktemp("web") / "events.db"))


@pytest.fixture(scope="module")
def client(db):
    from eventwire.web import create_app

    with fastapi_testclient.TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def event_id(client, **query) -> int:
    events = client.get("/api/events", params=query).json()["events"]
    assert len(events) == 1, events
    return events[0]["id"]


# ---------------------------------------------------------------- events and filters

@pytest.mark.parametrize("query, expected", [
    ({}, {"040", "0331", "190", "112", "173"}),
    ({"actor": "RUS"}, {"190", "112"}),
    ({"source": "FRA"}, {"040", "0331"}),
    ({"target": "UKR"}, {"0331", "190"}),
    ({"country": "NGA"}, {"173"}),
    ({"cameo": "03"}, {"0331"}),
    ({"root": "19"}, {"190"}),
    ({"plover": "ASSAULT"}, {"190"}),
    ({"plover": "assault", "include_negated": "true"}, {"190", "195"}),
    ({"quad_class": "3"}, {"112"}),
    ({"date_from": "2024-03-05"}, {"190", "112"}),
    ({"date_to": "2024-02"}, {"173"}),
    ({"location_country": "FRA"}, {"040"}),
    ({"text": "governor"}, {"190"}),
    ({"text": "pledged"}, {"040", "0331"}),
])
def test_events_filters(client, query, expected):
    response = client.get("/api/events", params=query)
    assert response.status_code == 200, response.text
    assert {e["cameo"] for e in response.json()["events"]} == expected


def test_events_paging(client):
    first = client.get("/api/events", params={"limit": 2}).json()
    assert len(first["events"]) == 2 and first["next_offset"] == 2
    rest = client.get("/api/events", params={"limit": 10, "offset": first["next_offset"]}).json()
    assert rest["next_offset"] is None
    ids = [e["id"] for e in first["events"] + rest["events"]]
    assert len(ids) == len(set(ids)) == 5


def test_merged_event_has_mentions_evidence_and_names(client):
    record = client.get(f"/api/events/{event_id(client, root='19')}").json()
    assert record["num_mentions"] == 2 and record["num_sources"] == 2
    assert {m["article_id"] for m in record["mentions"]} == {"a-shell", "a-shell-2"}
    assert any("shelled Kharkiv" in m["evidence"] for m in record["mentions"])
    assert record["cameo_name"] == "Use conventional military force, other"
    assert record["plover_name"] and record["quad_class_name"] == "Material conflict"
    assert record["fatalities"] == 4 and record["location"]["name"] == "Kharkiv"


def test_events_csv_follows_filter(client):
    from eventwire.export.columns import TABLE_COLUMNS

    response = client.get("/api/events.csv", params={"actor": "RUS", "limit": 1})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == [c.name for c in TABLE_COLUMNS]
    assert sorted(r["cameo"] for r in rows) == ["112", "190"]  # limit ignored: the whole filter


# ---------------------------------------------------------------- articles

@pytest.mark.parametrize("q, expected", [
    ("Kharkiv", {"a-shell", "a-shell-2"}),
    ("pledged", {"a-meet"}),
    ("hospital", {"a-denial"}),
    ("", {"a-meet", "a-shell", "a-shell-2", "a-script", "a-denial"}),
])
def test_article_search(client, q, expected):
    body = client.get("/api/articles", params={"q": q}).json()
    assert {a["id"] for a in body["articles"]} == expected


def test_article_has_text_and_events_in_reading_order(client):
    article = client.get("/api/articles/a-shell").json()
    assert "killing four people" in article["text"]
    assert [e["sentence"] for e in article["events"]] == [0, 1]
    assert [e["cameo_name"] for e in article["events"]] == ["Use conventional military force, other", "Accuse"]


# ---------------------------------------------------------------- aggregates

def test_actors_and_dyads(client):
    actors = {a["actor"]: a["events"] for a in client.get("/api/actors").json()["actors"]}
    assert actors["UKR"] == 2 and actors["RUSMIL"] == 1 and "ISRMIL" not in actors
    dyads = client.get("/api/dyads", params={"country": "UKR"}).json()["dyads"]
    assert {(d["source"], d["target"]) for d in dyads} == {("RUSMIL", "UKR"), ("UKRGOV", "RUS"), ("FRA", "UKR")}


@pytest.mark.parametrize("interval, by, expected", [
    ("day", "quad_class", {("2024-03-04", 1): 2, ("2024-03-05", 3): 1, ("2024-03-05", 4): 1, ("2024-02-09", 4): 1}),
    ("week", "quad_class", {("2024-03-04", 1): 2, ("2024-03-04", 3): 1, ("2024-03-04", 4): 1, ("2024-02-05", 4): 1}),
    ("month", "plover", {("2024-03", "CONSULT"): 1, ("2024-03", "AGREE"): 1, ("2024-03", "ASSAULT"): 1,
                         ("2024-03", "ACCUSE"): 1, ("2024-02", "COERCE"): 1}),
])
def test_timeseries(client, interval, by, expected):
    body = client.get("/api/timeseries", params={"interval": interval, "by": by}).json()
    assert {(r["period"], r[by]): r["events"] for r in body["series"]} == expected


def test_facets_count_current_filter(client):
    body = client.get("/api/facets", params={"quad_class": "4"}).json()
    assert {r["plover"]: r["events"] for r in body["plover"]} == {"ASSAULT": 1, "COERCE": 1}
    assert {r["country"] for r in body["countries"]} == {"RUS", "UKR", "NGA"}


def test_network_edges_carry_counts_and_mean_goldstein(client):
    body = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("RUSMIL", "UKR")]["events"] == 1
    assert edges[("RUSMIL", "UKR")]["mean_goldstein"] == -10.0
    assert edges[("FRAGOV", "DEUGOV")]["mean_goldstein"] == 1.0
    assert {"RUSMIL", "UKR", "FRAGOV", "DEUGOV"} <= {n["id"] for n in body["nodes"]}


def test_map_points_are_geolocated_events(client):
    points = {p["name"]: p for p in client.get("/api/map").json()["points"]}
    assert set(points) == {"Paris", "Kharkiv", "Lagos"}
    assert points["Kharkiv"]["fatalities"] == 4 and points["Kharkiv"]["quad_class"] == 4


def test_stats_and_failures(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 5 and stats["events"] == 5 and stats["negated"] == 1
    failures = client.get("/api/failures").json()["failures"]
    assert [(f["input"], f["line"], f["reason"]) for f in failures] == [("broken.jsonl", 3, "line is not JSON")]


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events.csv", "/api/events/{event_id}", "/api/articles",
                 "/api/articles/{article_id}", "/api/actors", "/api/dyads", "/api/timeseries",
                 "/api/facets", "/api/network", "/api/map", "/api/stats", "/api/failures"):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"actor", "root", "plover", "country", "date_from", "date_to", "text", "limit", "offset"} <= params
    assert not any(path.startswith("/events") for path in paths)  # pages stay out of the API spec


# ---------------------------------------------------------------- errors: one shape everywhere

@pytest.mark.parametrize("method, url, status, words", [
    ("get", "/api/events?root=99", 400, "root"),
    ("get", "/api/events?quad_class=7", 400, "quad_class"),
    ("get", "/api/events?date_from=2024-13-01", 400, "date"),
    ("get", "/api/events?date_from=2024-03&date_to=2024-01", 400, "after"),
    ("get", "/api/events?limit=0", 400, "limit"),
    ("get", "/api/events?offset=-1", 400, "offset"),
    ("get", "/api/events?country=France", 400, "country"),
    ("get", "/api/events?text=%22unclosed", 400, "full-text"),
    ("get", "/api/events/abc", 400, "event_id"),
    ("get", "/api/events/999999", 404, "999999"),
    ("get", "/api/articles/nope", 404, "nope"),
    ("get", "/api/articles?limit=5000", 400, "limit"),
    ("get", "/api/articles?q=%22unclosed", 400, "full-text"),
    ("get", "/api/timeseries?interval=year", 400, "interval"),
    ("get", "/api/timeseries?by=root", 400, "by"),
    ("get", "/api/actors?top=0", 400, "top"),
    ("get", "/api/nothing-here", 404, "Not Found"),
    ("post", "/api/events", 405, "Method Not Allowed"),
    ("delete", "/api/events/1", 405, "Method Not Allowed"),
])
def test_every_error_has_one_shape(client, method, url, status, words):
    response = client.request(method.upper(), url)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == status
    assert words.lower() in body["error"]["message"].lower()


# ---------------------------------------------------------------- pages and safety

@pytest.mark.parametrize("url, words", [
    ("/events", ["Events", "Download CSV", "Use conventional military force, other"]),
    ("/events?plover=ASSAULT", ["RUSMIL"]),
    ("/timeline?interval=month", ["Timeline", 'data-chart="timeline"']),
    ("/network?country=UKR", ['data-chart="network"', 'data-query="?country=UKR"']),
    ("/map", ['data-chart="map"', "/static/map.js"]),
    ("/articles?q=Kharkiv", ["Shelling in Kharkiv", "Governor: four dead"]),
    ("/articles/a-meet", ["Coded events, in reading order", "Consult, other"]),
])
def test_pages_render(client, url, words):
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    for word in words:
        assert word in response.text, word


def test_event_page_highlights_evidence_in_article_text(client):
    page = client.get(f"/events/{event_id(client, root='04')}").text
    assert ('<mark class="evidence" id="evidence-0">The French foreign minister met his German '
            "counterpart in Paris on Monday.</mark>") in page
    assert "Consult, other" in page and "CONSULT" in page and "Paris" in page


@pytest.mark.parametrize("url", ["/articles/a-script", "/articles?q=Lagos", "/events?country=NGA", "event"])
def test_article_text_is_escaped(client, url):
    if url == "event":
        url = f"/events/{event_id(client, country='NGA')}"
    page = client.get(url).text
    assert SCRIPT not in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page


@pytest.mark.parametrize("url", ["/events", "/api/events", "/static/app.js", "/events/999999", "/api/events?root=99"])
def test_security_headers(client, url):
    headers = client.get(url).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url, status", [("/events/999999", 404), ("/events?root=99", 400), ("/articles/nope", 404)])
def test_page_errors_are_pages(client, url, status):
    response = client.get(url)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    assert f"Error {status}" in response.text


def test_database_is_opened_read_only(client, db):
    store = client.app.state.stores.get()
    import sqlite3

    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.conn.execute("DELETE FROM articles")


def test_missing_database_fails_at_start(tmp_path):
    from eventwire.store import StoreError
    from eventwire.web import create_app

    with pytest.raises(StoreError, match="no database"):
        create_app(str(tmp_path / "absent.db"))


@pytest.mark.parametrize("text, evidences, expected", [
    ("A b.\nC  d.", ["C d."], 'A b.\n<mark class="evidence">C  d.</mark>'),
    ("x <b>y</b> z", ["<b>y</b>"], 'x <mark class="evidence">&lt;b&gt;y&lt;/b&gt;</mark> z'),
    ("Same. Same.", ["Same.", "Same."], '<mark class="evidence">Same.</mark> <mark class="evidence">Same.</mark>'),
    ("Nothing here.", ["absent"], "Nothing here."),
])
def test_highlight(text, evidences, expected):
    from eventwire.web.highlight import highlight

    assert str(highlight(text, evidences)) == expected


def test_plover_names_cover_every_type():
    from eventwire.codebooks.cameo import PLOVER_TYPES
    from eventwire.web.names import PLOVER_NAMES

    assert set(PLOVER_NAMES) == set(PLOVER_TYPES)


# ---------------------------------------------------------------- eventwire serve

@pytest.mark.parametrize("args, warned, host", [
    ([], False, "127.0.0.1"),
    (["--host", "::1"], False, "::1"),
    (["--host", "0.0.0.0"], True, "0.0.0.0"),
    (["--host", "192.168.1.20", "--port", "9000"], True, "192.168.1.20"),
])
def test_serve_binds_loopback_unless_told(db, monkeypatch, args, warned, host):
    from click.testing import CliRunner

    import uvicorn
    from eventwire.cli import main

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    result = CliRunner().invoke(main, ["serve", "--db", db, *args])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == host
    assert ("warning: listening on" in result.output) is warned


def test_serve_missing_database_is_one_line(tmp_path):
    from click.testing import CliRunner

    from eventwire.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no database" in result.output and "Traceback" not in result.output
