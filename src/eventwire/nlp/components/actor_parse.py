"""The actor stage's view of a Doc: tags, labels and the tree as int lists built once per Doc, so
walking the parse makes no spaCy Token objects; plus the per-token index of actor mentions."""

from __future__ import annotations

from typing import Iterable

import numpy
from spacy.tokens import Doc, Span

from eventwire.nlp.annotations import ActorMention, doc_text, sentences

MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}
DROP_WORDS = {"the", "a", "an"}


class ParseIds:
    """The ids spaCy's columns hold for the labels and words this module tests (``strings.add``
    gives symbol ids for POS and dependency labels, string hashes for words)."""

    def __init__(self, doc: Doc):
        add = doc.vocab.strings.add
        for name in ("appos", "prep", "pobj", "poss", "compound", "conj", "det", "NOUN", "PROPN", "PRON",
                     "VERB", "AUX", "X", "ORG", "GPE", "NORP", "NN", "NNS", "NNPS", "POS",
                     "of", "to", "led", "the"):
            setattr(self, name, add(name))
        self.dash = add("-")
        self.subject_links = {add(d) for d in ("poss", "compound", "nmod", "appos")}
        self.subjects = {add(d) for d in ("nsubj", "nsubjpass")}  # the labels that start with "nsubj"
        self.modifier_deps = {add(d) for d in MODIFIER_DEPS}
        self.modifier_or_det = self.modifier_deps | {self.det}
        self.drop_words = {add(w) for w in DROP_WORDS}
        self.pro_anti = {add("pro"), add("anti")}
        self.located = {add(w) for w in ("in", "inside", "across", "throughout")}
        self.by_prep = {self.of, add("for"), self.to}
        self.verbs = {self.VERB, self.AUX}
        self.nouns = {self.NOUN, self.PROPN}
        self.plural = {self.NNS, self.NNPS}
        self.both_two = {add("both"), add("two")}
        self.two = add("two")
        self.place_labels = {add("GPE"), add("NORP")}
        self.relcl = add("relcl")
        self.displaced_deps = {add(d) for d in ("amod", "acl", "relcl")}
        self.nation_blockers = {add(d) for d in ("nummod", "acl", "relcl", "prep", "quantmod")}
        self.nested_clauses = {add(d) for d in ("ccomp", "xcomp", "advcl", "relcl")}


_IDS: ParseIds | None = None


def _ids(doc: Doc) -> ParseIds:
    global _IDS
    if _IDS is None:
        _IDS = ParseIds(doc)
    return _IDS


class ActorParse:
    """A Doc's tags, labels and tree as lists of ints, built once per Doc: walking the parse
    through them makes no Token objects (``doc[i]``, ``.children`` and ``.lefts`` each do)."""

    def __init__(self, doc: Doc):
        rows = doc.to_array(["HEAD", "DEP", "POS", "TAG", "LOWER", "LEMMA", "ORTH", "ENT_TYPE", "IDX"])
        n = len(doc)
        heads = rows[:, 0].astype(numpy.int64) + numpy.arange(n)
        self.heads = heads.tolist()
        self.dep, self.pos, self.tag, self.lower, self.lemma, self.orth, self.ent_type = (
            rows[:, k].tolist() for k in range(1, 8))
        self.idx = rows[:, 8].tolist()
        self._columns = {"LOWER": self.lower, "LEMMA": self.lemma, "ORTH": self.orth, "POS": self.pos}
        self._present: dict[str, frozenset[int]] = {}
        self.modifiers: dict[int, list[int]] = {}  # head -> _modifiers_at(head)
        self.entity_rows: list[tuple[Span, str, str]] | None = None
        self.group_words: list[int] | None = None
        self.sentence_starts: tuple[list[int], list[int]] | None = None  # (first tokens, sentence of each token)
        self.roots: dict[tuple[int, int], int] = {}  # span bounds -> index of the span's root
        self.entity_starts: list[int] | None = None
        self.entity_texts: dict[int, str | None] = {}  # entity number -> text of the trimmed entity
        self.doc_text = doc_text(doc)
        # Children as one flat list grouped by head (ascending within a head, as Token.children):
        # a list per token would be thousands of objects for the garbage collector to walk.
        dependents = numpy.flatnonzero(heads != numpy.arange(n))
        order = numpy.argsort(heads[dependents], kind="stable")
        self._kids = dependents[order].tolist()
        self._kid_start = numpy.concatenate(
            ([0], numpy.cumsum(numpy.bincount(heads[dependents], minlength=n)))).tolist()
        self.strings = doc.vocab.strings
        self.ids = _ids(doc)

    def lower_(self, i: int) -> str:
        return self.strings[self.lower[i]]

    def text(self, i: int) -> str:
        return self.strings[self.orth[i]]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``start`` to ``end`` (exclusive), as ``doc[start:end].text``."""
        return self.doc_text[self.idx[start]:self.idx[end - 1] + len(self.text(end - 1))]

    def lemma_lower(self, i: int) -> str:
        return self.strings[self.lemma[i]].lower()

    def dep_(self, i: int) -> str:
        return self.strings[self.dep[i]]

    def column(self, attr: str) -> tuple[list[int], frozenset[int]]:
        """The column of ``attr`` (LOWER, LEMMA, ORTH or POS) and the set of its values."""
        values = self._columns[attr]
        present = self._present.get(attr)
        if present is None:
            present = self._present[attr] = frozenset(values)
        return values, present

    def children(self, i: int) -> list[int]:
        return self._kids[self._kid_start[i]:self._kid_start[i + 1]]

    def lefts(self, i: int) -> list[int]:
        return [c for c in self.children(i) if c < i]

    def in_clause(self, i: int, root: int) -> bool:
        """True when ``i`` is in ``root``'s subtree outside the clauses nested in it."""
        heads, dep, nested = self.heads, self.dep, self.ids.nested_clauses
        while i != root:
            if heads[i] == i or dep[i] in nested:
                return False
            i = heads[i]
        return True


def actor_parse(doc: Doc) -> ActorParse:
    parse = doc.user_data.get("ew_actor_parse")
    if parse is None:
        parse = doc.user_data["ew_actor_parse"] = ActorParse(doc)
    return parse


def index_mentions(doc: Doc, mentions: Iterable[ActorMention]) -> list[ActorMention | None]:
    index: list[ActorMention | None] = [None] * len(doc)
    for mention in mentions:
        for i in range(mention.start, mention.end):
            index[i] = mention
    return index


def sentence_start(doc: Doc, i: int) -> int:
    """``sentence_of(doc, i).start``, from per-Doc lists (asked for thousands of times)."""
    parse = actor_parse(doc)
    if parse.sentence_starts is None:
        spans, number = sentences(doc)
        parse.sentence_starts = ([span.start for span in spans], number)
    starts, number = parse.sentence_starts
    return starts[number[i]]
