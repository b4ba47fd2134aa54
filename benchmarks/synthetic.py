"""Synthetic coded articles for the store benchmarks: realistic shapes, no NLP.

Actors follow a skewed (Zipf-like) distribution over countries and sectors, dates span three
years, and a share of events is reported again by other articles from other sources within a day,
so merging has real work to do. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from eventwire.model import ActorRef, Article, ArticleResult, Event, Place

COUNTRIES = (
    "USA RUS CHN FRA GBR DEU UKR ISR PSE IRN IRQ SYR TUR IND PAK AFG EGY SAU JPN KOR PRK NGA "
    "KEN ZAF BRA MEX VEN COL ARG CAN AUS IDN PHL MMR THA VNM LBY YEM SDN SOM ETH MLI POL ITA ESP"
).split()
SECTORS = ("", "", "GOV", "GOV", "MIL", "COP", "OPP", "REB", "CVL", "BUS", "MED", "JUD")
SOURCES = ("Xinhua", "AFP", "Reuters", "AP", "BBC", "Al Jazeera", "TASS", "DPA", "Kyodo", "UPI")
# (CAMEO code, PLOVER type, QuadClass, Goldstein): a spread over all twenty roots
CODES = (
    ("010", None, 1, 0.0), ("015", "AGREE", 1, 0.0), ("020", "REQUEST", 1, 3.0),
    ("030", "AGREE", 1, 4.0), ("036", "AGREE", 1, 4.0), ("040", "CONSULT", 1, 1.0),
    ("042", "CONSULT", 1, 1.9), ("043", "CONSULT", 1, 2.8), ("051", "SUPPORT", 1, 3.4),
    ("057", "SUPPORT", 1, 8.0), ("061", "COOPERATE", 2, 6.4), ("070", "AID", 2, 7.0),
    ("080", "CONCEDE", 2, 5.0), ("090", "ACCUSE", 2, -2.0), ("100", "REQUEST", 3, -5.0),
    ("111", "ACCUSE", 3, -2.0), ("112", "ACCUSE", 3, -2.0), ("120", "REJECT", 3, -4.0),
    ("130", "THREATEN", 3, -4.4), ("138", "THREATEN", 3, -7.0), ("140", "PROTEST", 3, -6.5),
    ("150", "MOBILIZE", 4, -7.2), ("160", "SANCTION", 4, -4.0), ("163", "SANCTION", 4, -8.0),
    ("173", "COERCE", 4, -5.0), ("180", "ASSAULT", 4, -9.0), ("190", "ASSAULT", 4, -10.0),
    ("193", "ASSAULT", 4, -10.0), ("195", "ASSAULT", 4, -10.0), ("200", "ASSAULT", 4, -10.0),
)
WORDS = (
    "minister talks border ceasefire troops capital summit sanctions protest election aid "
    "agreement envoy statement attack refugees negotiations council parliament security "
    "president government rebels police court trade oil embassy convoy village"
).split()
START = dt.date(2015, 1, 1).toordinal()
DAYS = 3 * 365


def _zipf_weights(n: int) -> list[float]:
    return [1.0 / (rank + 1) for rank in range(n)]


class Generator:
    """Makes synthetic events and articles from one random seed."""

    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        self.weights = _zipf_weights(len(COUNTRIES))

    def actor(self) -> ActorRef:
        country = self.rng.choices(COUNTRIES, self.weights)[0]
        code = country + self.rng.choice(SECTORS)
        return ActorRef.from_code(code.lower(), code)

    def event(self, sentence: int) -> Event:
        rng = self.rng
        code, plover, quad, goldstein = rng.choice(CODES)
        source, target = self.actor(), (self.actor() if rng.random() < 0.9 else None)
        day = dt.date.fromordinal(START + rng.randrange(DAYS))
        date = day.isoformat() if rng.random() < 0.92 else (day.isoformat()[:7] if rng.random() < 0.7 else None)
        place = None
        if rng.random() < 0.6:
            where = rng.choice([source.country, target.country if target else None]) or "USA"
            place = Place(name=f"{where} city", country=where, lat=rng.uniform(-60, 60), lon=rng.uniform(-180, 180))
        return Event(
            sentence=sentence, evidence=" ".join(rng.choices(WORDS, k=8)), source=source, target=target,
            cameo=code, cameo_root=code[:2], plover=plover, quad_class=quad, goldstein=goldstein,
            date=date, location=place, fatalities=rng.randrange(1, 40) if quad == 4 and rng.random() < 0.3 else None,
            negated=rng.random() < 0.03,
        )

    def report_again(self, event: Event) -> Event:
        """The same event as another article tells it: the date may be a day later."""
        if event.date and len(event.date) == 10 and self.rng.random() < 0.3:
            day = dt.date.fromisoformat(event.date) + dt.timedelta(days=1)
            return Event(**{**event.__dict__, "date": day.isoformat(), "sentence": self.rng.randrange(8)})
        return Event(**{**event.__dict__, "sentence": self.rng.randrange(8)})

    def results(self, n_events: int, per_article: int = 3, repeat_share: float = 0.3) -> Iterator[ArticleResult]:
        """Articles carrying about ``n_events`` events in all; a share repeats earlier events."""
        rng, made, number = self.rng, 0, 0
        recent: list[Event] = []
        while made < n_events:
            k = min(n_events - made, rng.randint(1, 2 * per_article - 1))
            events = []
            for i in range(k):
                if recent and rng.random() < repeat_share:
                    events.append(self.report_again(rng.choice(recent)))
                else:
                    event = self.event(i)
                    events.append(event)
                    recent.append(event)
            if len(recent) > 5000:
                del recent[:2500]
            number += 1
            text = f"Synthetic article {number}. " + " ".join(e.evidence + "." for e in events)
            article = Article(
                id=Article.content_id(text), text=text, title=f"Synthetic report {number}",
                source=rng.choice(SOURCES), published=events[0].date if events[0].date and len(events[0].date) == 10 else None,
            )
            made += k
            yield ArticleResult(article=article, events=tuple(events), pipeline_version="synthetic-1")
