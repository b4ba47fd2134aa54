"""Which date, place and casualty count belongs to which event.

A mention belongs to an event when the parse attaches it to the event's trigger: walking up from
the mention, relative clauses and prepositions are passed through ("the downing of a plane on
Oct. 31 that killed all 224 people aboard over Egypt's Sinai Peninsula") until the trigger is
reached; another clause or another event's trigger stops the walk. Failing that, the statement
that embeds the event lends its date ("Putin said on Thursday that ..."), then the nearest
mention in the sentence, then the article's dateline and publication date.
"""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from spacy.tokens import Doc, Token

from eventwire.nlp.annotations import DateMention, EventMention, PlaceMention, sentence_of

CLAUSE_DEPS = {"ccomp", "advcl", "ROOT", "parataxis", "conj", "xcomp"}
VIOLENT_ROOTS = {"18", "19", "20"}
# Statements, appeals, intents, accusations, threats, sanctions and phone calls have a place
# only when the text attaches one to them ("said in Istanbul"): CODING.md section 6.
PLACELESS_ROOTS = {"01", "02", "03", "05", "10", "11", "12", "13", "16"}
PLACELESS_CODES = {"041"}
PLACED_CODES = {"057"}  # agreements are signed somewhere: these take the usual fallbacks
UNPLACED_ROOTS = {"03"}  # intents are about the future: no place even when one is named
LOCATIVE_PREPS = {"in", "at", "near", "on", "over", "outside", "inside", "into", "across", "around", "off",
                  "along", "throughout", "within", "to", "toward", "towards", "outside", "near"}
STATEMENT_PREPS = {"in", "at"}
UNIT_DAYS = {"day": 1, "week": 7, "hour": 0, "minute": 0}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "few": 0}  # "said in Istanbul"; "called on Israel" names a target, not a place


def has_place(cameo: str) -> bool:
    """True when an event of this code takes a place from its sentence or the dateline."""
    if cameo[:3] in PLACED_CODES:
        return True
    return cameo[:2] not in PLACELESS_ROOTS and cameo[:3] not in PLACELESS_CODES


def governor(doc: Doc, start: int, end: int, triggers: set[int]) -> int | None:
    """Token index of the event trigger a mention span is attached to, if any."""
    token: Token = doc[start:end].root
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            return None
        if head.i in triggers:
            return head.i
        if head.pos_ in ("VERB", "AUX") and head.dep_ in CLAUSE_DEPS and token.dep_ not in ("prep", "pobj", "npadvmod", "nmod", "compound"):
            return None
        token = head
    return None


def clause_chain(trigger: Token) -> list[int]:
    """The trigger and the heads of the clauses that embed it, innermost first."""
    chain = [trigger.i]
    token = trigger
    for _ in range(6):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            chain.append(token.i)
    return chain


def attached(doc: Doc, spans: Sequence, event: EventMention, triggers: set[int]) -> list:
    """The mentions whose governor is the event's trigger (each governor found once per Doc)."""
    memo = doc.user_data.setdefault("ew_governors", {})
    found = []
    for span in spans:
        key = (span.start, span.end, id(triggers))
        if key not in memo:
            memo[key] = governor(doc, span.start, span.end, triggers)
        if memo[key] == event.trigger:
            found.append(span)
    return found


def event_date(doc: Doc, event: EventMention, dates: Sequence[DateMention], triggers: set[int]) -> str | None:
    """The date of an event: its own, else its embedding statement's, else the sentence's, else
    the publication date. Dates after publication (what an intent or threat is about) are not
    the event's date: intents and threats take the statement's date (CODING.md section 5)."""
    published = doc._.ew_published
    dates = [d for d in dates if not (published and d.value[: len(published)] > published[: len(d.value)])]
    own = attached(doc, dates, event, triggers)
    if own:
        return own[0].value
    shift = _days_apart(doc[event.trigger])
    if shift is not None:
        # "raised its alert on Wednesday, a day after the North fired": a day before Wednesday
        head = doc[event.trigger].head
        anchor = next((d.value for d in dates if governor(doc, d.start, d.end, triggers | {head.i}) == head.i), None)
        if anchor is not None and len(anchor) == 10:
            return (dt.date.fromisoformat(anchor) + dt.timedelta(days=shift)).isoformat()
    for head in clause_chain(doc[event.trigger])[1:]:
        for date in dates:
            if governor(doc, date.start, date.end, triggers | {head}) == head:
                return date.value
    sentence = sentence_of(doc, event.trigger)
    inside = [d for d in dates if sentence.start <= d.start < sentence.end
              and governor(doc, d.start, d.end, triggers) is None]
    if inside and not event.nominal:
        return min(inside, key=lambda d: abs(d.start - event.trigger)).value
    return doc._.ew_published


def _days_apart(trigger: Token) -> int | None:
    """Days from the governing clause's date to this clause's, for "a day after X did" (-1),
    "two days before" (+2), "hours after" (0); None when the clause says no such thing."""
    mark = next((c.lower_ for c in trigger.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    unit = next((c for c in trigger.children if c.dep_ == "npadvmod" and c.lemma_.lower() in UNIT_DAYS), None)
    if mark is None or unit is None or trigger.dep_ not in ("advcl", "conj"):
        return None
    count = next((NUMBER_WORDS.get(c.lower_) for c in unit.children if c.dep_ in ("det", "nummod")), 1)
    days = UNIT_DAYS[unit.lemma_.lower()] * (count or 1)
    return -days if mark == "after" else days


def event_place(doc: Doc, event: EventMention, places: Sequence[PlaceMention], triggers: set[int]) -> PlaceMention | None:
    """The place of an event: attached to it, else (for material acts) named in its sentence but
    not as one of its actors, else None (the caller may fall back on the dateline)."""
    if event.cameo[:2] in UNPLACED_ROOTS or event.cameo[:3] in PLACELESS_CODES:
        return None
    preps = LOCATIVE_PREPS if has_place(event.cameo) else STATEMENT_PREPS
    places = [p for p in places if p.country]  # seas and other places of no country say too little
    own = [p for p in attached(doc, places, event, triggers) if _is_locative(doc, p, preps)]
    if own:
        return own[-1]  # "over Egypt's Sinai Peninsula": the most specific, last-named place
    if not has_place(event.cameo):
        return None
    sentence = sentence_of(doc, event.trigger)
    actors = [m for m in (event.source, event.target) if m is not None]
    inside = [p for p in places if sentence.start <= p.start < sentence.end
              and not any(m.start <= p.start < m.end for m in actors)  # "Somalia-based gunmen"
              and not _is_actor_span(doc, p) and governor(doc, p.start, p.end, triggers) is None]
    if inside:
        return min(inside, key=lambda p: abs(p.start - event.trigger))
    return None


def event_fatalities(doc: Doc, event: EventMention, counts: Sequence, triggers: set[int]) -> int | None:
    """Deaths the text attributes to a violent event, summing parts ("40 soldiers and 10 civilians")."""
    if event.cameo[:2] not in VIOLENT_ROOTS:
        return None
    killed = [c for c in counts if c.kind == "killed"]
    mine = [c for c in killed if c.anchor == event.trigger or governor(doc, c.anchor, c.anchor + 1, triggers) == event.trigger]
    if not mine:
        return None
    return sum(c.number for c in mine)


def _is_locative(doc: Doc, place: PlaceMention, preps: frozenset[str] | set[str] = frozenset()) -> bool:
    """True when a place name says where something happened ("in Cairo's Tahrir Square", "the
    capital Sanaa"), not who acted or which country an actor belongs to ("U.S. President")."""
    token = doc[place.start:place.end].root
    for _ in range(6):
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
            token = token.head.head  # "in the eastern city of Goma": where the city is
            continue
        if token.dep_ == "pobj":
            return token.head.lower_ in (preps or LOCATIVE_PREPS)
        if token.dep_ not in ("appos", "compound", "poss", "nmod", "amod") or token.head.i == token.i:
            return token.dep_ == "npadvmod" and token.head.tag_ != "VBN"  # not "Iran-backed", "Somalia-based"
        token = token.head
    return False


def _is_actor_span(doc: Doc, place: PlaceMention) -> bool:
    """True when a country name stands as an actor (subject or object), not as a place."""
    root = doc[place.start:place.end].root
    return root.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "dative", "appos", "conj") or (
        root.dep_ == "pobj" and root.head.lower_ in ("with", "by", "against", "from", "between", "of"))
