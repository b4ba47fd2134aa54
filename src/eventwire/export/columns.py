"""The documented column sets of every export format, in output order.

CSV and Parquet share one flat column set (``TABLE_COLUMNS``). The GDELT export follows the
GDELT 2.0 event table (``GDELT_COLUMNS``, 61 columns, no header line, as GDELT ships it); columns
eventwire has no value for are left empty. Differences from GDELT worth knowing: country codes are
ISO 3166 alpha-3 everywhere (GDELT's geo columns use FIPS 10-4), GLOBALEVENTID is the event
record's id in this database, and a month-only date leaves SQLDATE and FractionDate empty.
The PLOVER export writes one JSON object per event with the keys in ``PLOVER_FIELDS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Column:
    """One flat export column: its name, its type (int, float, str, bool) and how to read it."""

    name: str
    type: str
    description: str
    get: Callable[[dict[str, Any]], Any]


def _side(side: str, key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda e: (e[side] or {}).get(key)


def _place(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda e: (e["location"] or {}).get(key)


def _field(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda e: e[key]


TABLE_COLUMNS: tuple[Column, ...] = (
    Column("id", "int", "event record id in the database", _field("id")),
    Column("date", "str", "when the event happened: YYYY-MM-DD, YYYY-MM or YYYY", _field("date")),
    Column("source_text", "str", "the words that named the source actor", _side("source", "text")),
    Column("source_code", "str", "CAMEO actor code of the source", _side("source", "code")),
    Column("source_country", "str", "ISO-3 country of the source", _side("source", "country")),
    Column("source_sector", "str", "first sector code of the source", _side("source", "sector")),
    Column("target_text", "str", "the words that named the target actor", _side("target", "text")),
    Column("target_code", "str", "CAMEO actor code of the target", _side("target", "code")),
    Column("target_country", "str", "ISO-3 country of the target", _side("target", "country")),
    Column("target_sector", "str", "first sector code of the target", _side("target", "sector")),
    Column("cameo", "str", "CAMEO event code (2 to 4 digits)", _field("cameo")),
    Column("cameo_root", "str", "CAMEO root (first two digits)", _field("cameo_root")),
    Column("plover", "str", "PLOVER event type", _field("plover")),
    Column("quad_class", "int", "1-4: verbal/material cooperation, verbal/material conflict", _field("quad_class")),
    Column("goldstein", "float", "Goldstein scale value of the code", _field("goldstein")),
    Column("location_name", "str", "where the event happened", _place("name")),
    Column("location_country", "str", "ISO-3 country of the location", _place("country")),
    Column("lat", "float", "latitude of the location", _place("lat")),
    Column("lon", "float", "longitude of the location", _place("lon")),
    Column("fatalities", "int", "deaths the text attributes to the event", _field("fatalities")),
    Column("negated", "bool", "the text says the act did not happen", _field("negated")),
    Column("modality", "str", "asserted, intended or reported", _field("modality")),
    Column("num_mentions", "int", "mentions merged into this record", _field("num_mentions")),
    Column("num_sources", "int", "distinct news sources reporting it", _field("num_sources")),
    Column("num_articles", "int", "distinct articles reporting it", _field("num_articles")),
    Column("article_ids", "str", "ids of those articles, separated by |", lambda e: "|".join(e["article_ids"])),
    Column("sentence", "int", "sentence index of the first mention's evidence", _field("sentence")),
    Column("evidence", "str", "the first mention's evidence text", _field("evidence")),
    Column("pipeline_version", "str", "version of the pipeline that coded it", _field("pipeline_version")),
)

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

PLOVER_FIELDS: tuple[str, ...] = (
    "id", "date", "event_type", "mode", "context",
    "source", "source_actor", "source_country", "source_sector",
    "target", "target_actor", "target_country", "target_sector",
    "country", "location", "fatalities", "evidence",
    "cameo", "quad_class", "goldstein", "negated", "modality",
    "num_mentions", "num_sources", "num_articles", "article_ids",
)
