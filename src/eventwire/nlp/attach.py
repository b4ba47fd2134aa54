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
from functools import lru_cache
from typing import Sequence

import spacy.symbols
from spacy.tokens import Doc, Token

from eventwire.nlp.annotations import (ActorMention, DateMention, EventMention, PlaceMention, column, heads,
                                       sentence_of, span_root, word_hashes)

CLAUSE_DEPS = {"ccomp", "advcl", "ROOT", "parataxis", "conj", "xcomp"}
CLAUSE_DEP_IDS = word_hashes(CLAUSE_DEPS)
PASS_THROUGH_DEP_IDS = word_hashes({"prep", "pobj", "npadvmod", "nmod", "compound"})  # the walk goes on through these
VERB_POS = {spacy.symbols.VERB, spacy.symbols.AUX}
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
# Unnamed sites: an act "along the frontier" or on "Eritrean positions" happened there, not in the
# dateline city; with no named place it has none (CODING.md section 6).
SITE_NOUNS = {"border", "borders", "frontier", "boundary", "positions", "position", "frontline", "front", "trenches"}
# Nouns for settlements and areas that a demonym places ("the Malian farming village of Ntakoro").
SETTLEMENT_NOUNS = {"village", "villages", "town", "towns", "city", "area", "areas", "region", "district",
                    "province", "territory", "territories", "camp", "port", "capital"}
SITE_HASHES, SETTLEMENT_HASHES = word_hashes(SITE_NOUNS), word_hashes(SETTLEMENT_NOUNS)
SPEECH_LEMMAS = {"say", "tell", "speak", "address", "announce"}  # "Speaking in La Paz, Morales accused"
UNIT_DAYS = {"day": 1, "week": 7, "hour": 0, "minute": 0}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "few": 0}  # "said in Istanbul"; "called on Israel" names a target, not a place


def has_place(cameo: str) -> bool:
    """True when an event of this code takes a place from its sentence or the dateline."""
    if cameo[:3] in PLACED_CODES:
        return True
    return cameo[:2] not in PLACELESS_ROOTS and cameo[:3] not in PLACELESS_CODES


def governor(doc: Doc, start: int, end: int, triggers: set[int]) -> int | None:
    """Token index of the event trigger a mention span is attached to, if any (walked on the
    head, dependency and part-of-speech columns: no Token objects)."""
    head_of, dep, pos = heads(doc), column(doc, "DEP"), column(doc, "POS")
    token = span_root(doc, start, end)
    for _ in range(8):
        head = head_of[token]
        if head == token:
            return None
        if head in triggers:
            return head
        if pos[head] in VERB_POS and dep[head] in CLAUSE_DEP_IDS and dep[token] not in PASS_THROUGH_DEP_IDS:
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
    """The place of an event: attached to it (for statements, where they were made), else for
    material acts a settlement placed by its demonym, else none at an unnamed site ("along the
    border"), else a place named in its sentence but not as one of its actors, else None (the
    caller may fall back on the dateline)."""
    if event.cameo[:2] in UNPLACED_ROOTS or event.cameo[:3] in PLACELESS_CODES:
        return None
    preps = LOCATIVE_PREPS if has_place(event.cameo) else STATEMENT_PREPS
    places = [p for p in places if p.country]  # seas and other places of no country say too little
    own = [p for p in attached(doc, places, event, triggers) if _is_locative(doc, p, preps)]
    if not has_place(event.cameo):
        # "denied any role in the bombing in Mosul", "called on them to return to talks in
        # Geneva": a place inside what is said is not where it was said
        own = [p for p in own if _said_there(doc, p, event.trigger)]
    if own:
        return own[-1]  # "over Egypt's Sinai Peninsula": the most specific, last-named place
    if not has_place(event.cameo):
        return None
    described = described_place(doc, event, triggers)
    if described is not None:
        return described
    if at_unnamed_site(doc, event, triggers, places):
        return None
    sentence = sentence_of(doc, event.trigger)
    actors = [m for m in (event.source, event.target) if m is not None]
    inside = [p for p in places if sentence.start <= p.start < sentence.end
              and not any(m.start <= p.start < m.end for m in actors)  # "Somalia-based gunmen"
              and not _is_actor_span(doc, p) and governor(doc, p.start, p.end, triggers) is None]
    if inside:
        return min(inside, key=lambda p: abs(p.start - event.trigger))
    return None


def at_unnamed_site(doc: Doc, event: EventMention, triggers: set[int], places: Sequence[PlaceMention] = ()) -> bool:
    """True when the text puts the event at a site it does not name ("patrols along their shared
    frontier", "shelled Eritrean positions", not "positions east of Kassala"): it then has no
    place, not the dateline's."""
    sentence = sentence_of(doc, event.trigger)
    named = [p for p in places if p.country and sentence.start <= p.start < sentence.end]
    trigger = doc[event.trigger]
    anchors = {event.trigger}
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        anchors.add(trigger.head.i)  # "began patrols along the frontier": the light verb's phrase
    triggers = triggers | anchors
    if any(governor(doc, p.start, p.end, triggers) in anchors
           and doc[p.start:p.end].root.dep_ not in ("nsubj", "nsubjpass", "dobj", "dative", "poss") for p in named):
        return False  # "bombed rebel positions east of Kassala"
    lowers = column(doc, "LOWER")
    for token in (doc[i] for i in range(sentence.start, sentence.end) if lowers[i] in SITE_HASHES):
        if token.pos_ != "NOUN":
            continue
        if any(token.left_edge.i <= p.start <= token.right_edge.i for p in places if p.country):
            continue
        if token.dep_ == "dobj" and token.head.i == event.trigger:
            return True
        if (token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS
                and governor(doc, token.i, token.i + 1, triggers) in anchors):
            return True
    return False


def described_place(doc: Doc, event: EventMention, triggers: set[int]) -> PlaceMention | None:
    """A settlement the gazetteer does not know, placed by its demonym: "raided the Malian farming
    village of Ntakoro" (MLI), "in Palestinian cities" (PSE); its country's centre."""
    from eventwire.codebooks.actors import load_actors

    actors = load_actors()
    sentence = sentence_of(doc, event.trigger)
    lowers = column(doc, "LOWER")
    for token in (doc[i] for i in range(sentence.start, sentence.end) if lowers[i] in SETTLEMENT_HASHES):
        if token.pos_ != "NOUN":
            continue
        direct = token.dep_ == "dobj" and token.head.i == event.trigger
        located = token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS
        if not (direct or (located and governor(doc, token.i, token.i + 1, triggers) == event.trigger)):
            continue
        iso3 = next((actors.demonyms.get(w.lower_) for w in token.lefts
                     if w.dep_ == "amod" and actors.demonyms.get(w.lower_)), None)
        country = actors.countries.get(iso3) if iso3 else None
        if country is None:
            continue
        name = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        named = next((c for c in name.children if c.dep_ == "pobj"), None) if name is not None else None
        start, end = (named.i, named.i + 1) if named is not None else (token.left_edge.i, token.i + 1)
        text = doc[start:end].text if named is not None else doc[start:end].text.removeprefix("the ")
        return PlaceMention(start, end, text, country.iso3, country.lat, country.lon)
    return None


def speaking_places(doc: Doc, places: Sequence[PlaceMention], index: Sequence) -> list[tuple[set[str], int, PlaceMention]]:
    """(speakers, sentence start, place) for each verb of speaking the text places: "Wang told
    reporters in Beijing", "Speaking to supporters in La Paz, Morales accused".
    The speaker is the subject's actor mention, keyed by its referent (or its code)."""
    found = []
    for place in places:
        if not place.country or not _is_locative(doc, place, STATEMENT_PREPS):
            continue
        verb = doc[place.start:place.end].root
        for _ in range(8):
            if verb.head.i == verb.i or (verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in SPEECH_LEMMAS):
                break
            verb = verb.head
        if verb.lemma_.lower() not in SPEECH_LEMMAS or not _said_there(doc, place, verb.i):
            continue
        clause = verb.head if verb.dep_ == "advcl" and not any(c.dep_ == "nsubj" for c in verb.children) else verb
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        speaker = index[subject.i] if subject is not None else None
        if speaker is None and subject is not None and subject.pos_ == "PROPN":
            # "Wang told ...": the bare surname of a person named in full before
            speaker = next((m for m in doc._.ew_actors or [] if m.kind == "PERSON" and m.start < subject.i
                            and subject.text in m.text.split()), None)
        keys = speaker_keys(speaker)
        if keys:
            found.append((keys, sentence_of(doc, verb.i).start, place))
    return found


def speaker_keys(mention: ActorMention | None) -> set[str]:
    """The referent and the actor code of a mention, for matching what one speaker (or one
    government's voice) says across sentences."""
    if mention is None:
        return set()
    return {k for k in (mention.entity, mention.participant_code) if k}


def _said_there(doc: Doc, place: PlaceMention, trigger: int) -> bool:
    """True when a place says where a statement was made: its phrase hangs on the statement verb,
    maybe through other places or a verb of speaking ("Speaking outside parliament in La Paz")."""
    token = doc[place.start:place.end].root
    for _ in range(8):
        head = token.head
        if head.i == token.i or token.dep_ not in ("pobj", "prep", "compound", "appos", "advcl", "pcomp", "acl"):
            return False  # not through the statement's object ("denied any role in the attack in ...")
        if token.pos_ in ("VERB", "AUX") and token.dep_ in CLAUSE_DEPS and token.lemma_.lower() not in SPEECH_LEMMAS:
            return False  # not through what is asked for ("urged them to return to talks in Geneva")
        if token.pos_ == "NOUN" and token.lemma_.lower() in _event_nouns() and head.lower_ not in ("at", "during"):
            return False  # another event's place ("denied any role in the bombing in ..."), not "at a rally in"
        if head.i == trigger:
            return True
        token = head
    return False


@lru_cache(maxsize=1)
def _event_nouns() -> frozenset[str]:
    """Head nouns of the event lexicon (data/event_nouns.tsv): "attack", "talk", "bombing"."""
    from eventwire.codebooks.lexicon import load_lexicon

    return frozenset(load_lexicon().nouns)


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
