"""Finds the place mentions of a parsed article: NER places the gazetteer knows, plus region names
the statistical model misses or mislabels ("Bab el-Mandeb", "Crimea" tagged ORG)."""

from __future__ import annotations

from functools import lru_cache

import logging

import numpy

from spacy.attrs import IDX, IS_ALPHA, IS_ASCII, IS_DIGIT, IS_LOWER, IS_PUNCT, IS_SPACE, LENGTH, LOWER, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from eventwire.nlp.annotations import column, doc_text, entities, span_text
from spacy.util import filter_spans

from eventwire.context.gazetteer import Gazetteer, GazetteerEntry, fold_name, load_gazetteer

logger = logging.getLogger(__name__)

PLACE_LABELS = ("GPE", "LOC", "FAC")
# Labels the small model gives place names by mistake ("Aleppo" NORP, "Crimea" ORG).
MISLABELS = ("NORP", "ORG", "PERSON")
# A mislabelled entity counts as a place only when it names something this prominent.
PROMINENT_CITY = 100_000
_AREA_KINDS_GPE = frozenset({"country", "province", "state", "territory", "region", "district"})
_MAX_SCAN_TOKENS = 10


def find_place_spans(doc: Doc, gazetteer: Gazetteer | None = None) -> list[Span]:
    """Place mentions in DOC, in text order, without overlaps and without demonyms.

    "over Egypt's Sinai Peninsula" yields both "Egypt" and "Sinai Peninsula".
    """
    gaz = gazetteer or load_gazetteer()
    found: list[Span] = []
    columns = None
    for ent in entities(doc):
        if ent.label_ in PLACE_LABELS:
            if columns is None:
                columns = _Columns(doc)
            found.extend(_resolvable_parts(ent, gaz, columns))
        elif ent.label_ in MISLABELS:
            name = span_text(ent)
            entry = gaz.best(name)
            if entry is not None and _prominent(entry) and not gaz.is_demonym(name):
                found.append(Span(doc, ent.start, ent.end, label=_label(entry)))
    found.extend(_scan_area_names(doc, gaz))
    return sorted(filter_spans(found), key=lambda span: span.start)


def _prominent(entry: GazetteerEntry) -> bool:
    if entry.kind == "city":
        return (entry.population or 0) >= PROMINENT_CITY
    return True


def _label(entry: GazetteerEntry) -> str:
    return "GPE" if entry.kind in _AREA_KINDS_GPE or entry.kind in ("city", "capital") else "LOC"


class _Columns:
    """The token attributes _resolvable_parts reads, fetched once per Doc (see column())."""

    def __init__(self, doc: Doc):
        self.tag, self.lower, self.punct = column(doc, "TAG"), column(doc, "LOWER"), column(doc, "IS_PUNCT")
        self.idx, self.length, self.text = column(doc, "IDX"), column(doc, "LENGTH"), doc_text(doc)


def _resolvable_parts(ent: Span, gaz: Gazetteer, columns: _Columns | None = None) -> list[Span]:
    """The pieces of a GPE/LOC/FAC entity the gazetteer resolves, split at possessives."""
    doc = ent.doc
    # token attributes and texts from the per-Doc columns and text: no Token or Span per try
    c = columns or _Columns(doc)
    tag, lower, punct, idx, length, text = c.tag, c.lower, c.punct, c.idx, c.length, c.text
    parts: list[tuple[int, int]] = []
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or tag[i] == _POS or lower[i] in _POSSESSIVES:
            while start < i and lower[start] == _THE:
                start += 1
            if i > start:
                parts.append((start, i))
            start = i + 1
    spans = []
    for part_start, part_end in parts:
        # Drop leading words ("the", "northern") until what is left is a known name.
        stop = idx[part_end - 1] + length[part_end - 1]
        for offset in range(part_start, part_end):
            if offset > part_start and punct[offset - 1]:
                continue
            piece = text[idx[offset]:stop]
            if gaz.is_demonym(piece):
                continue
            entry = gaz.best(piece)
            if entry is None or (offset > part_start and _only_old_name(entry, piece, text, idx[part_start:offset])):
                continue
            spans.append(Span(doc, offset, part_end, label=ent.label_))
            break
    return spans


def _only_old_name(entry: GazetteerEntry, piece: str, text: str, dropped: list[int]) -> bool:
    """True when the tail of a longer proper name is a city's other name only: "Stockton Creek"
    is a creek, not the Texan city GeoNames also calls "Creek". Dropping lower-case words
    ("central Kiev") is fine."""
    proper = any(text[i:i + 1].isupper() for i in dropped)
    return proper and entry.kind in ("city", "capital") and fold_name(entry.name) != fold_name(piece)


_POS = get_string_id("POS")
_POSSESSIVES = frozenset({get_string_id("'s"), get_string_id("\u2019s")})
_THE = get_string_id("the")


def _scan_area_names(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """Capitalised country and region names anywhere in DOC that no place entity covers."""
    areas = gaz.area_names()
    first_words = _first_words(areas)
    ent_of = _LazyEntityIndex(doc)
    spans = []
    text = doc_text(doc)
    # token offsets and the "cannot end a name" flags as plain lists: the window scan below
    # then slices the text instead of making a Token and a Span per window
    rows = None
    possessive = _POS
    for start in _candidate_starts(doc, areas):
        if rows is None:
            rows = doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE, TAG]).tolist()
        begin, length = rows[start][0], rows[start][1]
        word = text[begin:begin + length]  # token.text, without making the Token
        if not word[:1].isupper() or word.lower() == "the":
            continue
        longest = first_words.get(fold_name(word).split(" ")[0])
        if longest is None:
            continue  # no area name starts with this word: skip the window scan
        for end in range(min(len(doc), start + longest), start, -1):
            idx, length, punct, space, tag = rows[end - 1]
            if punct or space or tag == possessive:
                continue
            window_text = text[begin:idx + length]
            if "\n" in window_text or fold_name(window_text) not in areas:
                continue
            window = doc[start:end]
            if _clashes(window, ent_of, gaz):
                break
            entry = gaz.best(window_text)
            if entry is not None:
                spans.append(Span(doc, start, end, label=_label(entry)))
            break
    return spans


class _LazyEntityIndex:
    """Token index -> its entity, built on the first lookup (most Docs never need it)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.index: dict[int, Span] | None = None

    def get(self, i: int, default: Span | None = None) -> Span | None:
        if self.index is None:
            self.index = {t: ent for ent in entities(self.doc) for t in range(ent.start, ent.end)}
        return self.index.get(i, default)


def _candidate_starts(doc: Doc, areas: frozenset[str]) -> list[int]:
    """Token indices that may start an area name: a plain word that is some name's first word, or
    any word that folding could change (accents, dots, hyphens); the rest are never looked at."""
    wanted = _first_word_hashes(areas)
    rows = doc.to_array([IS_LOWER, LOWER, IS_ALPHA, IS_ASCII, IS_PUNCT, IS_DIGIT, IS_SPACE])
    # lower-case words (most of the text) are dropped in numpy before any row becomes a list
    maybe = numpy.flatnonzero(rows[:, 0] == 0)
    return [i for i, (_, lower, alpha, ascii_, punct, digit, space) in zip(maybe.tolist(), rows[maybe].tolist())
            if lower in wanted or not (alpha and ascii_ or punct or digit or space)]


@lru_cache(maxsize=4)
def _first_word_hashes(areas: frozenset[str]) -> frozenset[int]:
    """Lexeme hashes of the area names' first words (spaCy's LOWER attribute holds such hashes)."""
    return frozenset(get_string_id(word) for word in _first_words(areas))


@lru_cache(maxsize=4)
def _first_words(areas: frozenset[str]) -> dict[str, int]:
    """First word of the area names -> the most tokens a name starting with it can span (the scan
    starts only at these words and looks no further)."""
    longest: dict[str, int] = {}
    for name in areas:
        if name:
            first = name.split(" ")[0]
            # folding drops dots and hyphens: allow for the tokens they make, within the old bound
            longest[first] = min(_MAX_SCAN_TOKENS, max(longest.get(first, 0), 2 * len(name.split(" ")) + 1))
    return longest


def _clashes(window: Span, ent_of: _LazyEntityIndex, gaz: Gazetteer) -> bool:
    """True when the window is part of a longer non-place entity ("Hong Kong Stock Exchange"),
    or is a person's name that happens to be a country's ("Chad")."""
    for i in range(window.start, window.end):
        ent = ent_of.get(i)
        if ent is None or ent.label_ in PLACE_LABELS:
            continue
        if (ent.start, ent.end) != (window.start, window.end):
            return True
        entry = gaz.best(window.text)
        if entry is not None and entry.kind == "country" and ent.label_ == "PERSON":
            return True
    return False
