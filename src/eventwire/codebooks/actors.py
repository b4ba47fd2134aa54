"""The actor vocabulary: countries, named actors, sector nouns and office holders, with their CAMEO codes.

Loaded once from the package's TSV files (countries, actors, agents, people) and validated at load, so a
bad code or date fails with the file and line instead of mis-coding events later. Codes follow CODING.md 4.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from eventwire.codebooks._tsv import LexiconError, Row, data_path, read_tsv
from eventwire.model import NON_COUNTRY_BASES

log = logging.getLogger(__name__)

SECTORS = frozenset("GOV MIL COP JUD OPP REB INS IGO NGO BUS MED EDU CVL REF LAB ELI SPY".split())
# CAMEO organisation and speciality codes that may follow an IGO/NGO/IMG base (CAMEO manual, Table 3.4).
ORGANISATION_CODES = frozenset(
    "UNO EEC NAT AFU ARL WAS OPC ASN SCE ICC IMF WTO GCC OIC OAS COE CIS SAD IAD GOS GOE "
    "HRI HLH MUS ISI".split()
)


KINDS = frozenset({"ORG", "GPE", "FAC", "LOC"})
# Acronyms whose lowercase is an everyday word ("US", "IS", "WHO") keep only their written case as keys.
_COMMON_WORDS = frozenset("us is who it am an as at be by do go he if in me my no of on or so to up we".split())
_ISO3 = re.compile(r"[A-Z]{3}")


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ACRONYM = re.compile(r"[A-Z]{2,}")

COUNTRY_COLUMNS = ("iso3", "name", "aliases", "demonyms", "capital", "lat", "lon")
ACTOR_COLUMNS = ("name", "aliases", "code", "kind")  # optional: context
AGENT_COLUMNS = ("phrase", "sector", "plural")  # optional: thing, person
PEOPLE_COLUMNS = ("name", "aliases", "code", "start", "end")


@dataclass(frozen=True)
class Country:
    """A country or territory: ISO 3166-1 alpha-3 code, the names news uses for it and a rough centroid."""

    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    lat: float
    lon: float
    # Words that stand for it in a story that also names its other half ("the North" = PRK).
    short_forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class NamedActor:
    """A named organisation, seat of government or armed group and its actor code."""

    name: str
    aliases: tuple[str, ...]
    code: str
    kind: str


@dataclass(frozen=True)
class Agent:
    """A sector noun or phrase ("troops", "foreign ministry") and the CAMEO sector it gives an actor."""

    phrase: str
    sector: str
    plural: bool
    thing: bool = False  # equipment or a site ("artillery", "positions"): a qualifier's own sector wins
    person: bool = False  # a title one person holds ("president", "spokesman"): he/she may stand for it


@dataclass(frozen=True)
class Person:
    """One office held by a person: the actor code it gives and its dates (end None while in office)."""

    name: str
    aliases: tuple[str, ...]
    code: str
    start: str
    end: str | None


class ActorVocabulary:
    """Lookup tables over the actor data files; build it with :func:`load_actors`."""

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.by_name: dict[str, tuple[str, str]] = {}
        self.demonyms: dict[str, str] = {}
        self.agents: dict[str, Agent] = {}
        self.people: dict[str, list[Person]] = {}
        self.named: list[NamedActor] = []
        self._written: dict[str, tuple[str, str]] = {}  # surface form as written -> (code, kind)
        # Names that several countries' actors share ("National Liberation Army": COL's ELN, MKD's
        # NLA): lowercase form -> (country the story must name, code, kind), in file order.
        self.contextual: dict[str, list[tuple[str, str, str]]] = {}
        self._contextual_written: dict[str, str] = {}  # form as written -> kind (for the entity ruler)
        self._person_keys: dict[str, str] = {}  # lowercase form -> canonical name

    # ---- lookups -------------------------------------------------------------------------------

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(code, kind) for an entity's text: the written form first, then case-insensitively."""
        text = " ".join(text.split())
        found = self._written.get(text) or self.by_name.get(text)
        if found:
            return found
        key = _strip_article(text).lower()
        return self.by_name.get(key) if key not in _COMMON_WORDS else None

    def lookup_in_context(self, text: str, countries: dict[str, int]) -> tuple[str, str] | None:
        """(code, kind) of a name several countries' actors share, for a story naming COUNTRIES
        (ISO-3 -> weight): the row of the most named country, or None when it names none of them."""
        key = _strip_article(" ".join(text.split())).lower()
        rows = [r for r in self.contextual.get(key, ()) if countries.get(r[0])]
        if not rows:
            return None
        _, code, kind = max(rows, key=lambda r: countries[r[0]])
        return code, kind

    def is_shared_name(self, text: str) -> bool:
        """True when :meth:`lookup_in_context` may find TEXT in some story (several countries'
        actors share the name)."""
        return bool(self.contextual.get(_strip_article(" ".join(text.split())).lower()))

    def person_code(self, name: str, on_date: str | None = None) -> str | None:
        """Actor code of a known person on a date: the office then held, <ISO>ELI after a GOV office
        ended, else the bare country; with no date, the code of the latest office."""
        offices = self.people.get(" ".join(name.split()).lower())
        if not offices:
            return None
        if on_date is None:
            return max(offices, key=lambda o: o.start).code
        day = _normalise_date(on_date)
        current = [o for o in offices if o.start <= day and (o.end is None or day < o.end)]
        if current:
            return max(current, key=lambda o: o.start).code
        ended = [o for o in offices if o.end is not None and o.end <= day]
        if not ended:
            return _home_country(offices)  # before any office: a private person of that country
        last = max(ended, key=lambda o: (o.end, o.start))
        base = last.code[:3]
        if base in NON_COUNTRY_BASES:
            return _home_country(offices)
        return base + "ELI" if last.code[3:6] == "GOV" else base

    def surface_forms(self) -> list[tuple[str, str, str]]:
        """(text, label, code) for an entity ruler: country names, aliases and capitals (GPE) and named
        actors, as written and without a leading lowercase "the". Person codes depend on dates and
        are left to :meth:`person_code`."""
        forms: dict[str, tuple[str, str, str]] = {}
        for text, (code, kind) in self._written.items():
            bare = _strip_article(text)
            forms.setdefault(bare, (bare, kind, code))
        for text, kind in self._contextual_written.items():
            bare = _strip_article(text)
            forms.setdefault(bare, (bare, kind, ""))
        return list(forms.values())

    def is_valid_code(self, code: str) -> bool:
        """True when a CAMEO actor code has a known base and known 3-letter parts."""
        return _code_problem(code, self.countries) is None

    # ---- building ------------------------------------------------------------------------------

    def _register(self, form: str, code: str, kind: str, row: Row) -> None:
        form = " ".join(form.split())
        seen = self._written.get(form)
        if seen and seen[0] != code:
            raise row.error(f"{form!r} is already {seen[0]}; one surface form, one code")
        self._written[form] = (code, kind)
        keys = set()
        for variant in (form, _strip_article(form)):
            common = _ACRONYM.fullmatch(variant) and variant.lower() in _COMMON_WORDS
            keys.add(variant if common else variant.lower())
        for key in keys:
            other = self.by_name.get(key)
            if other and other[0] != code:
                raise row.error(f"{form!r} is already {other[0]} (as {key!r}); one surface form, one code")
            self.by_name[key] = (code, kind)


def load_actors(dir: str | Path | None = None) -> ActorVocabulary:
    """Load and validate the actor vocabulary from DIR, or the package data (cached) when None."""
    if dir is None:
        return _load_default()
    return _load(Path(dir))


@lru_cache(maxsize=1)
def _load_default() -> ActorVocabulary:
    return _load(None)


def _load(directory: Path | None) -> ActorVocabulary:
    def path(name: str) -> Path:
        return directory / name if directory is not None else data_path(name)

    vocab = ActorVocabulary()
    _read_countries(vocab, path("countries.tsv"))
    _read_named(vocab, path("actors.tsv"))
    _read_agents(vocab, path("agents.tsv"))
    _read_people(vocab, path("people.tsv"))
    log.debug(
        "actor vocabulary: %d countries, %d named actors, %d agent phrases, %d people",
        len(vocab.countries), len(vocab.named), len(vocab.agents),
        len({p.name for offices in vocab.people.values() for p in offices}),
    )
    return vocab


def _read_countries(vocab: ActorVocabulary, path: Path) -> None:
    for row in read_tsv(path, COUNTRY_COLUMNS):
        iso3 = row["iso3"]
        if not _ISO3.fullmatch(iso3):
            raise row.error(f"bad ISO-3 code {iso3!r}: three capital letters expected")
        if iso3 in vocab.countries:
            raise row.error(f"duplicate iso3 {iso3}")
        lat, lon = _coordinate(row, "lat", 90.0), _coordinate(row, "lon", 180.0)
        country = Country(
            iso3=iso3, name=row["name"], aliases=tuple(row.split("aliases")),
            demonyms=tuple(row.split("demonyms")), capitals=tuple(row.split("capital")), lat=lat, lon=lon,
            short_forms=tuple(row.split("short")),
        )
        for form in country.short_forms:
            if form != form.lower():
                raise row.error(f"short form {form!r} must be lowercase")
        vocab.countries[iso3] = country
        for form in (country.name, *country.aliases, *country.capitals):
            vocab._register(form, iso3, "GPE", row)
        for demonym in country.demonyms:
            key = demonym.lower()
            if vocab.demonyms.get(key, iso3) != iso3:
                raise row.error(f"demonym {demonym!r} already belongs to {vocab.demonyms[key]}")
            vocab.demonyms[key] = iso3


def _read_named(vocab: ActorVocabulary, path: Path) -> None:
    for row in read_tsv(path, ACTOR_COLUMNS):
        code, kind = row["code"], row["kind"]
        _check_code(row, code, vocab.countries)
        if kind not in KINDS:
            raise row.error(f"unknown kind {kind!r}; expected one of {', '.join(sorted(KINDS))}")
        actor = NamedActor(name=row["name"], aliases=tuple(row.split("aliases")), code=code, kind=kind)
        vocab.named.append(actor)
        context = row.get("context", "-")
        for form in (actor.name, *actor.aliases):
            if context == "-":
                vocab._register(form, code, kind, row)
            else:
                _register_contextual(vocab, form, context, code, kind, row)
    for form in vocab._contextual_written:
        if _strip_article(form).lower() in vocab.by_name:
            raise LexiconError(path, None, f"{form!r} has a context row and a row without context")


def _register_contextual(vocab: ActorVocabulary, form: str, context: str, code: str, kind: str, row: Row) -> None:
    """Index a name that is this actor's only in stories naming the country CONTEXT."""
    if context not in vocab.countries:
        raise row.error(f"context {context!r} is not a known ISO-3 country code")
    form = " ".join(form.split())
    rows = vocab.contextual.setdefault(_strip_article(form).lower(), [])
    if any(c == context and other != code for c, other, _ in rows):
        raise row.error(f"{form!r} is already {[o for c, o, _ in rows if c == context][0]} in {context} stories")
    rows.append((context, code, kind))
    vocab._contextual_written.setdefault(form, kind)


def _read_agents(vocab: ActorVocabulary, path: Path) -> None:
    for row in read_tsv(path, AGENT_COLUMNS):
        phrase = " ".join(row["phrase"].split())
        if phrase != phrase.lower():
            raise row.error(f"agent phrase {phrase!r} must be lowercase")
        if phrase in vocab.agents:
            raise row.error(f"duplicate agent phrase {phrase!r}")
        sector = row["sector"]
        if sector not in SECTORS:
            raise row.error(f"unknown sector {sector!r}; expected one of {', '.join(sorted(SECTORS))}")
        plural = row["plural"].lower()
        if plural not in ("yes", "no"):
            raise row.error(f"plural must be yes or no, not {row['plural']!r}")
        thing = row.get("thing", "no").lower()
        if thing not in ("yes", "no"):
            raise row.error(f"thing must be yes, no or empty, not {row['thing']!r}")
        person = row.get("person", "no").lower()
        if person not in ("yes", "no"):
            raise row.error(f"person must be yes, no or empty, not {row['person']!r}")
        if person == "yes" and (plural == "yes" or thing == "yes"):
            raise row.error(f"{phrase!r}: a person title is neither plural nor a thing")
        vocab.agents[phrase] = Agent(phrase=phrase, sector=sector, plural=plural == "yes", thing=thing == "yes",
                                     person=person == "yes")


def _read_people(vocab: ActorVocabulary, path: Path) -> None:
    offices_of: dict[str, list[Person]] = {}  # canonical name -> all its offices, shared by every alias
    for row in read_tsv(path, PEOPLE_COLUMNS):
        name, code = " ".join(row["name"].split()), row["code"]
        _check_code(row, code, vocab.countries)
        start = _check_date(row, row["start"])
        end = None if row["end"] == "-" else _check_date(row, row["end"])
        if end is not None and start > end:
            raise row.error(f"start {start} is after end {end}")
        person = Person(name=name, aliases=tuple(row.split("aliases")), code=code, start=start, end=end)
        offices = offices_of.setdefault(name, [])
        offices.append(person)
        offices.sort(key=lambda o: o.start)
        for form in (name, *person.aliases):
            key = " ".join(form.split()).lower()
            owner = vocab._person_keys.setdefault(key, name)
            if owner != name:
                raise row.error(f"{form!r} already names {owner}")
            vocab.people[key] = offices


def _code_problem(code: str, countries: dict[str, Country]) -> str | None:
    if len(code) < 3 or len(code) % 3 or not code.isalpha() or not code.isupper():
        return f"bad actor code {code!r}: groups of three capital letters expected"
    base, parts = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
    if base in NON_COUNTRY_BASES:
        allowed = SECTORS | ORGANISATION_CODES
    elif base in countries:
        allowed = SECTORS
    else:
        return f"actor code {code!r} starts with unknown country {base!r}"
    unknown = [p for p in parts if p not in allowed]
    if unknown:
        return f"actor code {code!r} has unknown sector {unknown[0]!r}"
    return None


def _check_code(row: Row, code: str, countries: dict[str, Country]) -> None:
    problem = _code_problem(code, countries)
    if problem:
        raise row.error(problem)


def _check_date(row: Row, value: str) -> str:
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        raise row.error(f"bad date {value!r}: YYYY-MM-DD expected") from None
    return value


def _coordinate(row: Row, column: str, limit: float) -> float:
    try:
        value = float(row[column])
    except ValueError:
        raise row.error(f"{column} {row[column]!r} is not a number") from None
    if not -limit <= value <= limit:
        raise row.error(f"{column} {value} out of range [-{limit:g}, {limit:g}]")
    return value


def _normalise_date(value: str) -> str:
    """A YYYY-MM-DD, YYYY-MM or YYYY date as YYYY-MM-DD (first day of a month or year)."""
    value = value.strip()
    padded = {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)
    if not _DATE.fullmatch(padded):
        raise ValueError(f"bad date {value!r}: YYYY-MM-DD, YYYY-MM or YYYY expected")
    date.fromisoformat(padded)
    return padded


def _home_country(offices: list[Person]) -> str | None:
    for office in offices:
        if office.code[:3] not in NON_COUNTRY_BASES:
            return office.code[:3]
    return None


def _strip_article(text: str) -> str:
    return text[4:] if text.startswith("the ") else text


def join_code(country: str | None, sector: str | None) -> str | None:
    """A country code and a sector code joined ("RUS" + "GOV"); an organisation's own code stays whole."""
    if country is None:
        return None
    if len(country) > 3:
        return country  # an organisation's own code already says what it is
    if sector and country[:3] not in ("IGO", "NGO", "IMG"):
        return country + sector
    return country
