"""Finds quotations in a parsed article: direct quotes between quote marks, and reported speech
("X said (that) ...", "according to X, ..."), each with the span of its speaker and speech verb.

Each pair of quote marks is one quotation, kept as written (a closing comma included): the two
halves of '"A," he said, "B."' are two quotations of one speaker, and an unattributed quotation
that follows an attributed one in the same paragraph ('"A," he said. "B."') is the same speaker's.

Speakers are left as the mention that names them ("he", "the minister"); turning them into
entities and actor codes is the job of the actor stage.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from eventwire.nlp.annotations import column, doc_text, word_hashes

logger = logging.getLogger(__name__)

OPENING = frozenset('"\u201c')
CLOSING = frozenset('"\u201d')
# Verbs that introduce a quotation or reported speech (lemmas).
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "declare", "announce", "insist", "warn", "explain", "write",
    "reply", "respond", "note", "stress", "argue", "claim", "urge", "vow", "pledge", "promise",
    "conclude", "recall", "tweet", "acknowledge", "admit", "assert", "affirm", "reiterate",
    "emphasize", "emphasise", "express", "deny", "confirm", "report", "allege", "maintain",
    "suggest", "predict", "complain", "ask", "demand", "threaten", "accuse",
})
# Of those, the ones whose clause complement is reported speech ("X said that ...").
REPORTING_VERBS = SPEECH_VERBS - {"express", "ask", "demand", "urge"}
REPORTING_HASHES = word_hashes(REPORTING_VERBS | {"according"})  # as LEMMA/LOWER column values
# Verbs that put words into their subject's mouth when a quotation hangs from them
# ('A denounced the move as "..."', 'B called it "..."').
CHARACTERISING_VERBS = frozenset({"denounce", "condemn", "describe", "brand", "label", "call", "hail", "dismiss"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
SHARED_SUBJECT_DEPS = ("conj", "advcl", "xcomp")  # verbs that take the subject of their head
SENTENCE_END = frozenset({".", "!", "?"})
ATTRIBUTION_WINDOW = 20  # tokens searched on each side of a quote for "he said"
SHORT_ATTRIBUTION = 6  # tokens of a bare attribution such as "the foreign minister said."
MIN_FRAGMENT_WORDS = 5  # shorter quoted phrases inside a sentence are scare quotes, not quotes


@dataclass(frozen=True)
class QuoteMention:
    """A quotation found in the Doc; SPEAKER is the mention naming who spoke, VERB a token index."""

    text: str
    start_char: int
    end_char: int
    direct: bool
    speaker: Span | None
    verb: int | None


@dataclass
class _Segment:
    """One direct quotation: the content ranges (several when split) and its mark positions."""

    pieces: list[tuple[int, int]]
    open_mark: int
    close_mark: int | None
    inner_closes: tuple[int, ...] = ()  # closing marks of the earlier parts of a split quote
    splits: tuple[int, ...] = ()  # indices into PIECES where a later part of a split quote starts


def find_quotes(doc: Doc, min_fragment_words: int = MIN_FRAGMENT_WORDS) -> list[QuoteMention]:
    """Direct and indirect quotations in DOC, in text order."""
    token_at = _TokenAt(column(doc, "IDX"))
    chunk_of = _NounChunks(doc)
    direct: list[QuoteMention] = []
    used_verbs: set[int] = set()
    segments = _merge_split_quotes(doc, _segments(doc_text(doc)), token_at)
    for segment in segments:
        for mention in _attribute(doc, segment, token_at, chunk_of, min_fragment_words):
            direct.append(_continued(doc_text(doc), mention, direct[-1] if direct else None))
            if mention.verb is not None:
                used_verbs.add(mention.verb)
    quoted = [(q.start_char, q.end_char) for q in direct]
    indirect = _reported_speech(doc, chunk_of, used_verbs, quoted)
    return sorted(direct + indirect, key=lambda q: q.start_char)


class _TokenAt:
    """Character offset -> index of the token starting there, by bisection of the IDX column
    (a dict of every token would cost more than the few marks looked up)."""

    def __init__(self, offsets: list[int]):
        self.offsets = offsets

    def get(self, char: int, default: int | None = None) -> int | None:
        i = bisect_right(self.offsets, char) - 1
        return i if i >= 0 and self.offsets[i] == char else default

    def __contains__(self, char: int) -> bool:
        return self.get(char) is not None

    def __getitem__(self, char: int) -> int:
        i = self.get(char)
        if i is None:
            raise KeyError(char)
        return i


# --- direct quotes: the marks -----------------------------------------------------------------

_MARKS = re.compile("[" + re.escape("".join(sorted(set(OPENING) | set(CLOSING)))) + "]")


def _segments(text: str) -> list[_Segment]:
    """Quote-mark pairs in TEXT; a paragraph left open continues when the next opens with a mark."""
    segments: list[_Segment] = []
    current: _Segment | None = None
    piece_start = 0
    offset = 0
    for paragraph in text.split("\n"):
        end = offset + len(paragraph)
        position = offset
        if current is not None:
            stripped = len(paragraph) - len(paragraph.lstrip())
            if paragraph.strip() and paragraph.lstrip()[0] in OPENING:
                piece_start = position = offset + stripped + 1
            else:
                segments.append(current)  # never closed: it ends with its paragraph
                current = None
        for mark in _MARKS.finditer(text, position, end):  # only the quote marks matter here
            i, ch = mark.start(), mark.group()
            if current is None and ch in OPENING:
                current = _Segment([], i, None)
                piece_start = i + 1
            elif current is not None and ch in CLOSING and i >= piece_start:
                current.pieces.append((piece_start, i))
                current.close_mark = i
                segments.append(current)
                current = None
        if current is not None and end > piece_start:
            current.pieces.append((piece_start, end))
        offset = end + 1
    if current is not None:
        segments.append(current)
    return [_trimmed(text, s) for s in segments if any(text[a:b].strip() for a, b in s.pieces)]


def _trimmed(text: str, segment: _Segment) -> _Segment:
    pieces = []
    for start, end in segment.pieces:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            pieces.append((start, end))
    return _Segment(pieces, segment.open_mark, segment.close_mark, segment.inner_closes, segment.splits)


def _merge_split_quotes(doc: Doc, segments: list[_Segment], token_at: "_TokenAt") -> list[_Segment]:
    """Join '"We will fight," he said, "and we will win."' into one quotation."""
    merged: list[_Segment] = []
    for segment in segments:
        previous = merged[-1] if merged else None
        if previous is not None and previous.close_mark is not None:
            gap = doc_text(doc)[previous.close_mark + 1:segment.open_mark]
            first = doc_text(doc)[previous.pieces[-1][0]:previous.pieces[-1][1]]
            if ("\n" not in gap and gap.strip().endswith(",") and first.rstrip().endswith(",")
                    and _speech_verb(_tokens_between(doc, token_at, previous.close_mark,
                                                     segment.open_mark)) is not None):
                previous.splits += (len(previous.pieces),)
                previous.pieces.extend(segment.pieces)
                previous.inner_closes += (previous.close_mark,)
                previous.close_mark = segment.close_mark
                continue
        merged.append(segment)
    return merged


# --- direct quotes: who said it ---------------------------------------------------------------

def _attribute(doc: Doc, segment: _Segment, token_at: "_TokenAt",
               chunk_of: "_NounChunks", min_fragment_words: int) -> list[QuoteMention]:
    """One mention per part of SEGMENT (two for a split quote), all with the same speaker."""
    bounds = (0, *segment.splits, len(segment.pieces))
    parts = [segment.pieces[a:b] for a, b in zip(bounds, bounds[1:])]
    text = " ".join(doc_text(doc)[a:b] for a, b in segment.pieces).strip()
    speaker, verb = _attribution(doc, segment, text, token_at, chunk_of, min_fragment_words)
    if speaker is _SCARE_QUOTE:
        return []
    return [QuoteMention(" ".join(doc_text(doc)[a:b] for a, b in part), part[0][0], part[-1][1], True, speaker, verb)
            for part in parts]


_SCARE_QUOTE = object()  # marks a short quoted phrase inside a sentence: not a quotation


def _attribution(doc: Doc, segment: _Segment, text: str, token_at: "_TokenAt",
                 chunk_of: "_NounChunks", min_fragment_words: int) -> tuple:
    """(speaker span or None, speech verb index or None) of a quotation; _SCARE_QUOTE for a
    short quoted phrase inside a sentence."""
    open_i = token_at.get(segment.open_mark)
    close_i = token_at.get(segment.close_mark) if segment.close_mark is not None else None

    verb = None
    for mark in (*segment.inner_closes, segment.close_mark):
        if verb is None and mark is not None and mark in token_at:
            after = _after(doc, token_at[mark])
            # After a quote closed with a full stop, only a bare '"..." Putin said.' attributes it.
            if not doc_text(doc)[:mark].rstrip().endswith(".") or len(after) <= SHORT_ATTRIBUTION:
                verb = _speech_verb(after)
            if verb is not None and open_i is not None and _continues_before(verb, open_i):
                verb = None  # 'called it "a crime" and declared mourning': not an attribution
    if verb is not None and open_i is not None and _inside_sentence(doc, open_i):
        verb = _inner_speech_verb(doc, open_i, close_i, verb) or verb
    if verb is None and open_i is not None:
        verb = _speech_verb(_before(doc, open_i), introduces=True)
    if verb is not None:
        return _speaker(verb, chunk_of), verb.i

    if open_i is not None and _inside_sentence(doc, open_i):
        if len(text.split()) < min_fragment_words:
            return _SCARE_QUOTE, None
        governor = _governing_verb(doc, open_i, close_i)
        if governor is not None:
            return _speaker(governor, chunk_of), governor.i
    return None, None


def _inner_speech_verb(doc: Doc, open_i: int, close_i: int | None, outer: Token) -> Token | None:
    """The speech verb with its own subject that a quotation inside a sentence hangs from, below a
    trailing attribution OUTER: 'A denounced it as "...", radio said' quotes A, not the radio."""
    inside = range(open_i, (close_i if close_i is not None else len(doc)) + 1)
    token, found = doc[open_i + 1] if open_i + 1 < len(doc) else None, None
    for _ in range(50):
        if token is None or token.i == outer.i:
            return found
        if (found is None and token.i < open_i and token.i not in inside and token.pos_ == "VERB"
                and token.lemma_.lower() in SPEECH_VERBS | CHARACTERISING_VERBS
                and any(child.dep_ in SUBJECT_DEPS for child in token.children)):
            found = token
        if token.head.i == token.i:
            return None  # OUTER is not above the quotation: it attributes something else
        token = token.head
    return None


def _continued(text: str, mention: QuoteMention, previous: QuoteMention | None) -> QuoteMention:
    """An unattributed quotation right after an attributed one in the same paragraph is its
    speaker's: '"We are ready," he said. "We will act."'."""
    if (mention.speaker is not None or previous is None or previous.speaker is None
            or "\n" in text[previous.end_char:mention.start_char]):
        return mention
    return QuoteMention(mention.text, mention.start_char, mention.end_char, True, previous.speaker, previous.verb)


def _continues_before(verb: Token, open_i: int) -> bool:
    """True for a verb conjoined to one before the quotation: the sentence goes on after it."""
    return verb.dep_ == "conj" and verb.head.i < open_i


def _tokens_between(doc: Doc, token_at: "_TokenAt", left: int, right: int) -> list[Token]:
    first, last = token_at.get(left), token_at.get(right)
    if first is None or last is None:
        return []
    return list(doc[first + 1:last])


def _after(doc: Doc, close_i: int) -> list[Token]:
    """The attribution candidates after a closing mark: up to the sentence end or next quote."""
    tokens = []
    for token in doc[close_i + 1:close_i + 1 + ATTRIBUTION_WINDOW]:
        if "\n" in token.text or token.text in OPENING or token.text == "\u201c":
            break
        tokens.append(token)
        if token.text in SENTENCE_END:
            break
    return tokens


def _before(doc: Doc, open_i: int) -> list[Token]:
    """The clause before an opening mark, back to the previous sentence end (or paragraph end,
    when the quote opens a paragraph that the previous one introduced with a colon)."""
    tokens: list[Token] = []
    i = open_i - 1
    if i >= 0 and "\n" in doc[i].text:
        i -= 1  # the paragraph break itself
        if i < 0 or doc[i].text != ":":
            return []
    while i >= 0 and len(tokens) < ATTRIBUTION_WINDOW:
        token = doc[i]
        if "\n" in token.text or (token.text in SENTENCE_END and tokens) or token.text in CLOSING:
            break
        tokens.insert(0, token)
        i -= 1
    if not tokens or not (tokens[-1].text in (":", ",") or tokens[-1].lower_ == "that"):
        return []
    return tokens


def _speech_verb(tokens: list[Token], introduces: bool = False) -> Token | None:
    """The speech verb among TOKENS (the one nearest the quote when it comes before it)."""
    ordered = reversed(tokens) if introduces else tokens
    for token in ordered:
        if token.lemma_.lower() in SPEECH_VERBS and token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _speaker(verb: Token, chunk_of: "_NounChunks") -> Span | None:
    """The subject of VERB as its noun chunk ("the French president", "he", "Putin")."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return _mention(_named_apposition(child), chunk_of)
    # A verb sharing its subject ("X called ... and said", "X called ..., saying"): the subject above.
    if verb.dep_ in SHARED_SUBJECT_DEPS and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        found = _speaker(verb.head, chunk_of)
        if found is not None:
            return found
    # Inverted or misparsed attribution ("said Putin" parsed without a subject): nearest name.
    doc = verb.doc
    for i in (verb.i + 1, verb.i - 1):
        if 0 <= i < len(doc) and doc[i].pos_ in ("PROPN", "PRON", "NOUN"):
            return _mention(doc[i], chunk_of)
    return None


def _named_apposition(subject: Token) -> Token:
    """The name set beside a common-noun subject ("Lakhani's barrister, Edward Fane, said")."""
    if subject.pos_ == "NOUN":
        for child in subject.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return child
    return subject


def _mention(token: Token, chunk_of: "_NounChunks") -> Span:
    chunk = chunk_of.get(token.i)
    if chunk is not None:
        return chunk
    return token.doc[token.i:token.i + 1]


def _inside_sentence(doc: Doc, open_i: int) -> bool:
    """True when the quote opens after a word of the same sentence ('expressed determination "to')."""
    i = open_i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or "\n" in doc[i].text_with_ws:
        return False
    return doc[i].is_alpha


def _governing_verb(doc: Doc, open_i: int, close_i: int | None) -> Token | None:
    """The verb outside the quote that the quoted phrase hangs from, if it has a subject: the
    nearest speech or characterising verb above it ('Sharon said Arafat was "responsible ..."'
    is Sharon's, 'A denounced it as "..." ..., radio said' is A's), else the nearest verb."""
    inside = range(open_i, (close_i if close_i is not None else len(doc)) + 1)
    token = doc[open_i + 1] if open_i + 1 < len(doc) else None
    nearest = None
    seen = 0
    while token is not None and seen < 50:
        if token.i not in inside and token.pos_ in ("VERB", "AUX"):
            has_subject = any(child.dep_ in SUBJECT_DEPS for child in token.children)
            lemma = token.lemma_.lower()
            # a characterising verb counts with its own subject only: a shared one may be misparsed
            if ((lemma in SPEECH_VERBS and (has_subject or token.dep_ in SHARED_SUBJECT_DEPS))
                    or (lemma in CHARACTERISING_VERBS and has_subject)):
                return token
            if has_subject:
                nearest = nearest or token
        if token.head.i == token.i:
            break
        token, seen = token.head, seen + 1
    return nearest


# --- indirect speech ----------------------------------------------------------------------------

class _NounChunks:
    """Token index -> its noun chunk, computed on the first lookup (most of a Doc never needs it).

    The chunks are spaCy's English ``doc.noun_chunks``, worked out from the POS and DEP columns:
    only nouns and pronouns become Token objects (spaCy's iterator makes one per token).
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        self.by_token: dict[int, tuple[int, int]] | None = None
        self.spans: dict[tuple[int, int], Span] = {}

    def get(self, i: int, default: Span | None = None) -> Span | None:
        if self.by_token is None:
            self.by_token = _noun_chunk_bounds(self.doc)
        bounds = self.by_token.get(i)
        if bounds is None:
            return default
        span = self.spans.get(bounds)
        if span is None:
            span = self.spans[bounds] = Span(self.doc, bounds[0], bounds[1], label="NP")
        return span


_NOMINAL_POS = frozenset(get_string_id(pos) for pos in ("NOUN", "PROPN", "PRON"))
_NP_DEPS = frozenset(get_string_id(dep) for dep in (
    "oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"))
_CONJ = get_string_id("conj")


def _noun_chunk_bounds(doc: Doc) -> dict[int, tuple[int, int]]:
    """Token index -> (start, end) of its noun chunk; the same chunks, in the same way, as
    spacy.lang.en.syntax_iterators.noun_chunks."""
    pos, dep = column(doc, "POS"), column(doc, "DEP")
    found: dict[int, tuple[int, int]] = {}
    prev_end = -1
    for i, tag in enumerate(pos):
        if tag not in _NOMINAL_POS:
            continue
        word = doc[i]
        left = word.left_edge.i
        if left <= prev_end:  # no nested chunks
            continue
        if dep[i] not in _NP_DEPS:
            if dep[i] != _CONJ:
                continue
            head = word.head
            while head.dep == _CONJ and head.head.i < head.i:
                head = head.head
            if head.dep not in _NP_DEPS:  # coordinated to an NP: an NP
                continue
        prev_end = i
        for j in range(left, i + 1):
            found[j] = (left, i + 1)
    return found


def _reported_speech(doc: Doc, chunk_of: _NounChunks, used_verbs: set[int],
                     quoted: list[tuple[int, int]]) -> list[QuoteMention]:
    found = []
    wanted = REPORTING_HASHES
    lemmas, lowers = column(doc, "LEMMA"), column(doc, "LOWER")
    candidates = [doc[i] for i in range(len(doc)) if lemmas[i] in wanted or lowers[i] in wanted]
    for token in candidates:
        if token.i in used_verbs:
            continue
        if token.lemma_.lower() in REPORTING_VERBS and token.pos_ in ("VERB", "AUX"):
            mention = _said_that(token, chunk_of, quoted)
        elif token.lower_ == "according":
            mention = _according_to(token, chunk_of, quoted)
        else:
            continue
        if mention is not None:
            found.append(mention)
    return found


def _said_that(verb: Token, chunk_of: "_NounChunks", quoted: list[tuple[int, int]]) -> QuoteMention | None:
    """'X said (that) CLAUSE' / 'X told reporters CLAUSE' / 'CLAUSE, X said'."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if subject is None or clause is None:
        return None
    # The clause's subtree trimmed as _indirect trims it, reading only its two ends: the first
    # token that is no punctuation, space or "that", and the last that is no punctuation or space.
    first = next((t for t in clause.subtree if not (t.is_punct or t.is_space or t.dep_ == "mark")), None)
    if first is None:
        return None
    last = next(t for t in _reversed_subtree(clause) if not (t.is_punct or t.is_space))
    if last.i == first.i:
        return None  # a single word
    return _indirect_text(verb.doc, first.idx, last.idx + len(last.text), _mention(subject, chunk_of),
                          verb.i, quoted)


def _reversed_subtree(token: Token):
    """``token.subtree`` backwards, lazily."""
    for word in reversed(list(token.rights)):
        yield from _reversed_subtree(word)
    yield token
    for word in reversed(list(token.lefts)):
        yield from _reversed_subtree(word)


def _according_to(according: Token, chunk_of: "_NounChunks", quoted: list[tuple[int, int]]) -> QuoteMention | None:
    """'according to X, CLAUSE' and 'CLAUSE, according to X'."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    head = according.head
    if source is None or head is according:
        return None
    phrase = {t.i for t in according.subtree}
    tokens = [t for t in head.subtree if t.i not in phrase]
    if according.i > head.i:
        tokens = [t for t in tokens if t.i < according.left_edge.i]
    else:
        tokens = [t for t in tokens if t.i > according.right_edge.i]
    return _indirect(according.doc, tokens, _mention(source, chunk_of), according.i, quoted)


def _indirect(doc: Doc, tokens: list[Token], speaker: Span, verb: int,
              quoted: list[tuple[int, int]]) -> QuoteMention | None:
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "mark"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    return _indirect_text(doc, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), speaker, verb, quoted)


def _indirect_text(doc: Doc, start: int, end: int, speaker: Span, verb: int,
                   quoted: list[tuple[int, int]]) -> QuoteMention | None:
    if any(start < q_end and q_start < end for q_start, q_end in quoted):
        return None  # a direct quotation already covers it
    return QuoteMention(doc_text(doc)[start:end], start, end, False, speaker, verb)
