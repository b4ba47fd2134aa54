"""The data model every stage, the store, the exporters and the front ends speak.

Field names are the JSON keys of ``design/OUTPUT.md``, the SQLite column names and the API names.
All classes are frozen dataclasses; sequences are tuples so results are hashable and safe to share.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

NON_COUNTRY_BASES = ("IGO", "NGO", "IMG")


@dataclass(frozen=True)
class Article:
    """One news article as read from an input, before any NLP."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD, the anchor for relative dates
    dateline: str | None = None  # place named in a "CITY, date (Agency) -" prefix
    url: str | None = None
    origin: str | None = None  # where it was read from: "path" or "path:line"

    @staticmethod
    def content_id(text: str) -> str:
        """The default article id: sha1 of the cleaned text."""
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """The ``article`` object of the output contract (text and origin left out)."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published,
            "dateline": self.dateline,
            "url": self.url,
        }


@dataclass(frozen=True)
class ActorRef:
    """An actor as it takes part in an event: the text that named it and its CAMEO actor code."""

    text: str
    code: str | None
    country: str | None = None
    sector: str | None = None

    @classmethod
    def from_code(cls, text: str, code: str | None) -> "ActorRef":
        """Split a CAMEO actor code into its country (first 3 letters) and first sector."""
        if not code:
            return cls(text=text, code=None)
        if code[:3] in NON_COUNTRY_BASES:
            # IGOs, NGOs and IMGMUSISI: the whole code names the actor; it has no country.
            return cls(text=text, code=code, country=None, sector=None)
        country, sector = code[:3], code[3:6] or None
        return cls(text=text, code=code, country=country, sector=sector)


@dataclass(frozen=True)
class Place:
    """A geocoded place."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Event:
    """One coded dyadic event."""

    sentence: int
    evidence: str
    source: ActorRef
    target: ActorRef | None
    cameo: str
    cameo_root: str
    plover: str | None
    quad_class: int
    goldstein: float
    date: str | None = None
    location: Place | None = None
    fatalities: int | None = None
    negated: bool = False
    modality: str = "asserted"
    trigger: str | None = None  # the word(s) that carried the event, for checking against evidence


@dataclass(frozen=True)
class Entity:
    """One referent named in the article, with the actor code it would carry."""

    text: str
    kind: str
    actor: str | None
    mentions: int = 1


@dataclass(frozen=True)
class Quote:
    """A quotation (direct) or reported speech (indirect) with its speaker."""

    speaker: str | None
    speaker_actor: str | None
    text: str
    direct: bool


@dataclass(frozen=True)
class Count:
    """An explicit number of people killed, wounded, arrested, ... and its evidence."""

    kind: str
    number: int
    evidence: str


@dataclass(frozen=True)
class Failure:
    """An input or article that could not be coded: failures are data, not exceptions."""

    input: str
    reason: str
    stage: str = "read"
    line: int | None = None


@dataclass(frozen=True)
class ArticleResult:
    """Everything eventwire extracted from one article: the unit the store and exporters take."""

    article: Article
    events: tuple[Event, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    counts: tuple[Count, ...] = ()
    pipeline_version: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``design/OUTPUT.md``."""
        return {
            "article": self.article.to_dict(),
            "events": [_plain(e) for e in self.events],
            "entities": [_plain(e) for e in self.entities],
            "quotes": [_plain(q) for q in self.quotes],
            "counts": [_plain(c) for c in self.counts],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str = "") -> "ArticleResult":
        """Rebuild a result from its JSON form (the article text is not part of the contract)."""
        art = data["article"]
        article = Article(
            id=art["id"], text=text, title=art.get("title"), source=art.get("source"),
            published=art.get("published"), dateline=art.get("dateline"), url=art.get("url"),
        )
        return cls(
            article=article,
            events=tuple(event_from_dict(e) for e in data.get("events", [])),
            entities=tuple(_build(Entity, e) for e in data.get("entities", [])),
            quotes=tuple(_build(Quote, q) for q in data.get("quotes", [])),
            counts=tuple(_build(Count, c) for c in data.get("counts", [])),
        )


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an Event from its JSON form."""
    values = {f.name: data.get(f.name) for f in fields(Event) if f.name in data}
    values["source"] = _build(ActorRef, data["source"])
    values["target"] = _build(ActorRef, data["target"]) if data.get("target") else None
    values["location"] = _build(Place, data["location"]) if data.get("location") else None
    return Event(**values)


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)  # exact types: a set lookup, cheaper than isinstance


def _plain(obj: Any) -> Any:
    """JSON-ready form of a dataclass (like ``dataclasses.asdict``, without its deep copies).
    Scalar field values (most of them) are copied without a recursive call."""
    if type(obj) in _SCALAR_TYPES or isinstance(obj, _SCALARS):  # most values: checked first
        return obj
    names = getattr(type(obj), "__dataclass_fields__", None)
    if names is not None:
        plain = {}
        for name in names:
            value = getattr(obj, name)
            plain[name] = value if type(value) in _SCALAR_TYPES else _plain(value)
        return plain
    if isinstance(obj, (list, tuple)):
        return [_plain(item) for item in obj]
    return obj
