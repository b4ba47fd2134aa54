"""The annotations eventwire's spaCy components add to a Doc, as plain dataclasses.

Each component writes one Doc extension (``doc._.ew_*``); ``to_result`` reads them all. Token
positions are Doc token indices, so annotations stay valid for the Doc's lifetime only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

# name -> default; registered once, whatever order the components are added in.
DOC_EXTENSIONS = {
    "ew_published": None,  # "YYYY-MM-DD" anchor for relative dates, set before the pipeline runs
    "ew_dateline": None,  # dateline place name of the article, if any
    "ew_home": None,  # ISO-3 code of the country the article is about (set by the actors component)
    "ew_actors": None,  # list[ActorMention]
    "ew_events": None,  # list[EventMention]
    "ew_dates": None,  # list[DateMention]
    "ew_places": None,  # list[PlaceMention]
    "ew_counts": None,  # list[CountMention] (eventwire.context.counts)
    "ew_quotes": None,  # list[QuoteMention] (eventwire.context.quotes)
}


def register_extensions() -> None:
    """Register the ``doc._.ew_*`` extensions (idempotent)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


@dataclass(frozen=True)
class ActorMention:
    """A span of the Doc that names, describes or refers back to an actor.

    ``code`` is the CAMEO actor code it carries as an event participant; ``entity`` groups
    mentions of the same referent (a person named once and then by surname or pronoun).
    ``place_country`` is set for places (cities, regions) that are not actors themselves but
    stand for their country when they take part in an event ("attacks in Paris").
    """

    start: int
    end: int
    text: str
    code: str | None
    kind: str  # PERSON ORG GPE LOC NORP AGENT PRON
    entity: str | None = None
    place_country: str | None = None
    members: tuple["ActorMention", ...] = ()  # "both sides", "Chadian and Cameroonian troops"

    @property
    def participant_code(self) -> str | None:
        """The code used when this mention is an event's source or target."""
        return self.code or self.place_country


@dataclass(frozen=True)
class EventMention:
    """An event found in the parse, before dates, places and counts are attached."""

    trigger: int  # token index of the verb or noun that carries the event
    source: ActorMention
    target: ActorMention | None
    cameo: str
    negated: bool
    modality: str
    nominal: bool


@dataclass(frozen=True)
class DateMention:
    """A resolved temporal expression."""

    start: int
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str


@dataclass(frozen=True)
class PlaceMention:
    """A geocoded place name."""

    start: int
    end: int
    name: str
    country: str | None
    lat: float | None
    lon: float | None


def sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    """The Doc's sentences and, for each token, its sentence number; computed once per Doc
    (``Token.sent`` walks the whole Doc on every call)."""
    cached = doc.user_data.get("ew_sentences")
    if cached is None:
        spans = list(doc.sents)
        number = [0] * len(doc)
        for n, span in enumerate(spans):
            for i in range(span.start, span.end):
                number[i] = n
        cached = doc.user_data["ew_sentences"] = (spans, number)
    return cached


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence that contains token ``i``."""
    spans, number = sentences(doc)
    return spans[number[i]]


def remember_text(doc: Doc, text: str) -> None:
    """Record the text a Doc was made from (spaCy's tokenizer keeps it as is), so ``doc_text``
    never has to rebuild it from the tokens."""
    doc.user_data["ew_text"] = text


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy rebuilds the string from every token on each call)."""
    text = doc.user_data.get("ew_text")
    if text is None:
        text = doc.user_data["ew_text"] = doc.text
    return text


def column(doc: Doc, attr: str) -> list[int]:
    """One token attribute for the whole Doc as plain ints (string hashes for text attributes),
    built once per Doc: scanning it makes no Token objects."""
    key = "ew_column_" + attr
    values = doc.user_data.get(key)
    if values is None:
        values = doc.user_data[key] = doc.to_array(attr).tolist()
    return values


def heads(doc: Doc) -> list[int]:
    """Each token's head as an absolute token index (a root is its own head), built once per Doc."""
    values = doc.user_data.get("ew_heads")
    if values is None:
        relative = doc.to_array("HEAD").astype("int64")  # signed offsets, stored as uint64
        values = doc.user_data["ew_heads"] = (numpy.arange(len(doc), dtype="int64") + relative).tolist()
    return values


def span_root(doc: Doc, start: int, end: int) -> int:
    """Index of ``doc[start:end].root`` computed from the head column (no Span or Token made):
    a sentence root inside the span, else the token with a head outside it that is closest to
    the root, else the first token."""
    if end - start == 1:
        return start
    head = heads(doc)
    for i in range(start, end):
        if head[i] == i:
            return i
    outside = [i for i in range(start, end) if not start <= head[i] < end]
    if len(outside) == 1:
        return outside[0]  # the usual case: one token links the span to the rest of the tree
    best, root = len(doc), -1
    punct, space = column(doc, "IS_PUNCT"), column(doc, "IS_SPACE")
    parents = _parents(doc)
    for i in range(start, end):
        if start <= head[i] < end:
            continue
        if (punct[i] or space[i]) and i not in parents:
            steps = len(doc) - 1  # as spaCy does: a bare mark is root only when nothing else is
        else:
            steps, j = 0, i
            while head[j] != j and steps < len(doc):
                j, steps = head[j], steps + 1
        if steps < best:
            best, root = steps, i
    return start if root == -1 else root


def _parents(doc: Doc) -> set[int]:
    """Tokens that have children."""
    found = doc.user_data.get("ew_parents")
    if found is None:
        found = doc.user_data["ew_parents"] = {h for i, h in enumerate(heads(doc)) if h != i}
    return found


def word_hashes(words: Iterable[str]) -> frozenset[int]:
    """The string hashes spaCy's LOWER/LEMMA columns hold for these words."""
    return frozenset(get_string_id(word) for word in words)


def span_text(span: Span) -> str:
    """``span.text`` cut from the cached Doc text (spaCy's own joins every token of the span)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per Doc (spaCy rebuilds the spans on every access); only valid
    once the entity recogniser has run, which every eventwire component requires."""
    ents = doc.user_data.get("ew_ents")
    if ents is None:
        ents = doc.user_data["ew_ents"] = tuple(doc.ents)
    return ents
