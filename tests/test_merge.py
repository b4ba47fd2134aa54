"""Cross-article merging: which mentions become one event record, and the mention counts."""

from __future__ import annotations

import pytest

from eventwire.model import ActorRef, Article, ArticleResult, Event, Place
from eventwire.store import open_store
from eventwire.store.merge import merge_all


def ev(src="RUSGOV", tgt="FRA", cameo="030", date="2015-11-26", country="RUS", negated=False, fatalities=None):
    return Event(
        sentence=0, evidence=f"{src} did {cameo} to {tgt}", source=ActorRef.from_code(src or "someone", src),
        target=ActorRef.from_code(tgt, tgt) if tgt else None, cameo=cameo, cameo_root=cameo[:2],
        plover="AGREE", quad_class=1, goldstein=4.0, date=date,
        location=Place(f"somewhere in {country}", country) if country else None,
        negated=negated, fatalities=fatalities,
    )


def article(n: int, events, source="Xinhua") -> ArticleResult:
    text = f"Article {n} from {source}."
    return ArticleResult(Article(id=Article.content_id(text), text=text, source=source), tuple(events))


def records(store):
    return store.conn.execute(
        "SELECT num_mentions, num_sources, num_articles FROM events ORDER BY pk").fetchall()


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "merge.db")) as s:
        yield s


@pytest.mark.parametrize("first, second, merged", [
    (ev(), ev(), True),
    (ev(cameo="030"), ev(cameo="036"), True),               # same root, other code
    (ev(cameo="030"), ev(cameo="043"), False),              # other root
    (ev(tgt="FRA"), ev(tgt="FRAGOV"), False),               # other target code
    (ev(src="RUSGOV"), ev(src="RUS"), False),               # other source code
    (ev(tgt=None), ev(tgt=None), True),                     # both without target
    (ev(date="2015-11-26"), ev(date="2015-11-27"), True),   # one day apart
    (ev(date="2015-11-26"), ev(date="2015-11-28"), False),  # two days apart
    (ev(date="2015-11-30"), ev(date="2015-12-01"), True),   # across a month end
    (ev(country="RUS"), ev(country="FRA"), False),          # incompatible places
    (ev(country="RUS"), ev(country=None), True),            # one place unknown
    (ev(date="2015-11"), ev(date="2015-11"), True),         # same month-only date
    (ev(date="2015-11"), ev(date="2015-11-01"), False),     # month-only vs exact day
    (ev(date=None), ev(date=None), False),                  # undated: nothing to match on
    (ev(src=None), ev(src=None), False),                    # unknown source: nothing to match on
    (ev(negated=True), ev(), False),                        # a denial is not the act
    (ev(negated=True), ev(negated=True), True),
])
def test_pairs_merge_or_not(store, first, second, merged):
    store.add_results([article(1, [first]), article(2, [second], source="AFP")])
    assert len(records(store)) == (1 if merged else 2)


def test_counts_mentions_sources_and_articles(store):
    store.add_results([
        article(1, [ev(), ev(date="2015-11-27")], source="Xinhua"),  # two mentions in one article
        article(2, [ev()], source="Xinhua"),
        article(3, [ev(country=None)], source="AFP"),
    ])
    assert records(store) == [(4, 2, 3)]


def test_window_is_anchored_at_the_first_date(store):
    store.add_results([article(i, [ev(date=f"2015-11-{day}")]) for i, day in enumerate((26, 27, 28))])
    assert records(store) == [(2, 1, 2), (1, 1, 1)]


def test_record_takes_first_mention_known_place_and_largest_toll(store):
    store.add_results([
        article(1, [ev(country=None, fatalities=3)]),
        article(2, [ev(country="SYR", fatalities=12)]),
    ])
    row = store.conn.execute("SELECT pk, location_country, fatalities FROM events").fetchone()
    first_mention = store.conn.execute("SELECT min(pk) FROM mentions").fetchone()[0]
    assert row == (first_mention, "SYR", 12)


def test_later_batches_join_existing_records_with_stable_ids(store):
    store.add_results([article(i, [ev(cameo="043", tgt=f"X{i:02d}")]) for i in range(10)])  # other blocks
    store.add_results([article(100, [ev()])])
    first_id = store.conn.execute("SELECT pk FROM events WHERE target_code = 'FRA'").fetchone()[0]
    store.add_results([article(101, [ev(date="2015-11-27")], source="AFP")])  # incremental merge
    rows = store.conn.execute("SELECT pk, num_mentions, num_sources FROM events WHERE target_code = 'FRA'").fetchall()
    assert rows == [(first_id, 2, 2)]
    assert store.conn.execute("SELECT count(*) FROM mentions WHERE event_pk IS NULL").fetchone()[0] == 0


def test_incremental_merge_equals_full_rebuild(store):
    events = [ev(tgt=t, date=f"2015-11-{d:02d}", country=c)
              for t in ("FRA", "DEU") for d in (1, 2, 3, 5, 6) for c in ("RUS", None, "FRA")]
    for i, event in enumerate(events):
        store.add_results([article(i, [event], source=("AFP", "DPA")[i % 2])])
    incremental = store.conn.execute("SELECT * FROM events ORDER BY pk").fetchall()
    merge_all(store.conn)
    assert store.conn.execute("SELECT * FROM events ORDER BY pk").fetchall() == incremental
