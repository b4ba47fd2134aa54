"""Which date, place and casualty count belongs to which event.

A mention belongs to an event when the parse attaches it to the event's trigger: walking up from
the mention, relative clauses and prepositions are passed through ("the downing of a plane on
Oct. 31 that killed all 224 people aboard over Egypt's Sinai Peninsula") until the trigger is
reached; another clause or another event's trigger stops the walk. A date inside a relative
clause that is no event tells that clause's time ("Lukashenko, who has ruled since 1994"), and a
date naming a thing names it ("the June 17 ceasefire"). Failing that, an act told inside an
earlier scene ("During the call ...") takes that scene's date, the statement that embeds the
event lends its date ("Putin said on Thursday that ..."), then the nearest mention in the
sentence, then the article's dateline and publication date.

The tests on the parse read plain int columns (heads, string hashes of DEP/POS/LOWER/LEMMA)
rather than Token objects: every ``doc[i]`` and ``Span.root`` makes Python objects, and these
run for every event and mention of every article.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Sequence

import numpy
import spacy.symbols
from spacy.attrs import DEP, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from eventwire.nlp.annotations import (ActorMention, DateMention, EventMention, PlaceMention, column, heads,
                                       sentence_of, sentences, span_root, word_hashes)

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
# "in the country", "on the island": a definite place noun with no name of its own means the
# country or the island named before (CODING.md section 6: the most specific place given).
COUNTRY_NOUNS = {"country", "kingdom", "republic"}
ANAPHOR_HASHES = word_hashes(SETTLEMENT_NOUNS | COUNTRY_NOUNS | {"island"})
SPEECH_LEMMAS = {"say", "tell", "speak", "address", "announce"}  # "Speaking in La Paz, Morales accused"
UNIT_DAYS = {"day": 1, "week": 7, "hour": 0, "minute": 0}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "few": 0}  # "said in Istanbul"; "called on Israel" names a target, not a place
# The string hashes of the labels and words above, for testing the columns.
LOCATIVE_HASHES, STATEMENT_HASHES = word_hashes(LOCATIVE_PREPS), word_hashes(STATEMENT_PREPS)
POBJ, DOBJ, NPADVMOD, OF = (get_string_id(s) for s in ("pobj", "dobj", "npadvmod", "of"))
NOUN = spacy.symbols.NOUN
LOCATIVE_LINK_IDS = word_hashes({"appos", "compound", "poss", "nmod", "amod"})  # _is_locative walks up these
SAID_THERE_DEP_IDS = word_hashes({"pobj", "prep", "compound", "appos", "advcl", "pcomp", "acl"})
SUBJECTLESS_DEPS = {"advcl", "xcomp", "pcomp", "prep", "conj"}  # a participle's subject is up these
AUDIENCE_DEP_IDS = word_hashes({"dobj", "dative"})  # whom a speaker told or addressed
AUDIENCE_LEMMA_HASHES = word_hashes({"tell", "address", "brief"})
AT_DURING_HASHES = word_hashes({"at", "during"})
ACTOR_DEP_IDS = word_hashes({"nsubj", "nsubjpass", "dobj", "poss", "dative", "appos", "conj"})
ACTOR_PREP_HASHES = word_hashes({"with", "by", "against", "from", "between", "of"})
QUALIFIER_DEP_IDS = word_hashes({"nmod", "compound", "amod", "poss"})
NOT_SITE_DEP_IDS = word_hashes({"nsubj", "nsubjpass", "dobj", "dative", "poss"})
DAYS_APART_DEP_IDS = word_hashes({"advcl", "conj"})
RELCL = get_string_id("relcl")
# A date that modifies a noun names that thing ("the June 17 ceasefire"), not when an act happened.
NAMING_DEP_IDS = word_hashes({"compound", "nmod", "amod"})
# "During the call", "in the same call", "at the meeting": an act told inside an earlier scene.
SCENE_PREP_IDS, SCENE_DET_IDS = word_hashes({"during", "in", "at"}), word_hashes({"the", "that", "this"})
HERE, DET_ID, PREP_ID, ADVMOD_ID = (get_string_id(s) for s in ("here", "det", "prep", "advmod"))
NEXT = get_string_id("next")
HOURS, LATER, EARLIER = (get_string_id(s) for s in ("hours", "later", "earlier"))
# "hours later", "within minutes", "moments later": counted from the scene told just before
SCENE_UNIT_HASHES = word_hashes({"hours", "minutes", "moments"})
SCENE_STEP_HASHES = word_hashes({"later", "earlier", "within"})
CONJ, XCOMP, NSUBJ, ACL = (get_string_id(s) for s in ("conj", "xcomp", "nsubj", "acl"))
# Appeals, intents, demands and threats are about a wanted act: a date inside their infinitival
# complement ("offered to host talks on Friday") is that act's time, not theirs (CODING.md section 5).
WANTING_ROOTS = {"02", "03", "10", "13"}


def has_place(cameo: str) -> bool:
    """True when an event of this code takes a place from its sentence or the dateline."""
    if cameo[:3] in PLACED_CODES:
        return True
    return cameo[:2] not in PLACELESS_ROOTS and cameo[:3] not in PLACELESS_CODES


def parse_columns(doc: Doc) -> tuple[list[int], list[int], list[int], list[int], list[int]]:
    """(heads, DEP, POS, LOWER, LEMMA) of the Doc as int lists, gathered once per Doc."""
    cols = doc.user_data.get("ew_attach_columns")
    if cols is None:
        cols = doc.user_data["ew_attach_columns"] = (heads(doc), column(doc, "DEP"), column(doc, "POS"),
                                                      column(doc, "LOWER"), column(doc, "LEMMA"))
    return cols


def _walks(doc: Doc) -> dict[tuple[int, int], tuple[int, tuple[int, ...]]]:
    """The per-Doc memo of ``_walk``."""
    walks = doc.user_data.get("ew_walks")
    if walks is None:
        walks = doc.user_data["ew_walks"] = {}
    return walks


def _walk(doc: Doc, start: int, end: int) -> tuple[int, tuple[int, ...]]:
    """The root of a mention span and the heads its walk up the parse passes (at most 8) before
    the sentence root or another clause stops it. Both depend on the parse only, so they are
    found once per span and Doc; ``governor`` then looks for the first trigger on the path."""
    walks = _walks(doc)
    found = walks.get((start, end))
    if found is None:
        head_of, dep, pos = parse_columns(doc)[:3]
        token = root = span_root(doc, start, end)
        path = []
        for _ in range(8):
            head = head_of[token]
            if head == token:
                break
            path.append(head)  # a trigger here governs the span, even one that heads a clause
            if pos[head] in VERB_POS and dep[head] in CLAUSE_DEP_IDS and dep[token] not in PASS_THROUGH_DEP_IDS:
                break
            token = head
        found = walks[(start, end)] = (root, tuple(path))
    return found


def root_of(doc: Doc, start: int, end: int) -> int:
    """Index of ``doc[start:end].root`` (memoised with the span's walk)."""
    return _walk(doc, start, end)[0]


def governor(doc: Doc, start: int, end: int, triggers: set[int]) -> int | None:
    """Token index of the event trigger a mention span is attached to, if any: the first trigger
    on the span's walk up the parse (see ``_walk``)."""
    for head in _walk(doc, start, end)[1]:
        if head in triggers:
            return head
    return None


def clause_chain(trigger: Token) -> list[int]:
    """The trigger and the heads of the clauses that embed it, innermost first."""
    return _clause_chain(trigger.doc, trigger.i)


def _clause_chain(doc: Doc, trigger: int) -> list[int]:
    head_of, _, pos = parse_columns(doc)[:3]
    chain = [trigger]
    token = trigger
    for _ in range(6):
        if head_of[token] == token:
            break
        token = head_of[token]
        if pos[token] in VERB_POS:
            chain.append(token)
    return chain


def attached(doc: Doc, spans: Sequence, event: EventMention, triggers: set[int]) -> list:
    """The mentions whose governor is the event's trigger."""
    return list(_by_governor(doc, spans, triggers).get(event.trigger, ()))


def _by_governor(doc: Doc, spans: Sequence, triggers: set[int]) -> dict[int | None, list]:
    """The mentions grouped by their governor (None: attached to no trigger). Every event of a
    Doc asks about the same list of mentions and triggers, so a list is grouped once (and again
    only for other triggers)."""
    grouped = doc.user_data.setdefault("ew_by_governor", {})
    entry = grouped.get(id(spans))
    if entry is None or entry[0] is not spans or entry[1] != triggers:
        by_governor: dict[int | None, list] = {}
        named = _named_acts(doc, triggers)
        for span in spans:
            by_governor.setdefault(_governor_or_named(doc, span, triggers, named), []).append(span)
        entry = grouped[id(spans)] = (spans, frozenset(triggers), by_governor)  # holds the list: its id stays its own
    return entry[2]


def _named_acts(doc: Doc, triggers: set[int]) -> dict[int, int]:
    """The nouns whose infinitive complement is an event trigger ("Britain's decision to expel",
    "its plan to withdraw"), mapped to that trigger."""
    head_of, dep, pos = parse_columns(doc)[:3]
    return {head_of[t]: t for t in triggers if dep[t] == ACL and pos[head_of[t]] == NOUN}


def _governor_or_named(doc: Doc, span, triggers: set[int], named: dict[int, int]) -> int | None:
    """``governor``, except that a mention on a noun naming an act tells that act's date or place
    ("retaliating for Britain's decision on Wednesday to expel envoys": the expulsion's day, not
    the retaliation's) when it reaches the noun before any trigger."""
    if named:
        for head in _walk(doc, span.start, span.end)[1]:
            if head in triggers:
                return head
            if head in named:
                return named[head]
    return governor(doc, span.start, span.end, triggers)


def _first_under(doc: Doc, spans: Sequence, head: int, triggers: set[int]):
    """The first mention attached to ``head`` when it counts as a trigger too, i.e. with
    ``governor(doc, span.start, span.end, triggers | {head}) == head`` (no new set per test)."""
    walks = _walks(doc)
    for span in spans:
        walk = walks.get((span.start, span.end)) or _walk(doc, span.start, span.end)
        for governing in walk[1]:
            if governing == head:
                return span
            if governing in triggers:
                break
    return None


_UNREAD = object()


def event_date(doc: Doc, event: EventMention, dates: Sequence[DateMention], triggers: set[int],
               published: str | None | object = _UNREAD) -> str | None:
    """The date of an event: its own, else its embedding statement's, else the sentence's, else
    the publication date. Dates after publication (what an intent or threat is about) are not
    the event's date: intents and threats take the statement's date (CODING.md section 5).
    ``published`` is the Doc's ``ew_published``, read here unless the caller has it at hand."""
    if published is _UNREAD:
        published = doc._.ew_published
    known = _not_after(doc, dates, published)
    dates = _of_events(doc, known, triggers, event.trigger)
    own = attached(doc, dates, event, triggers)
    if event.cameo[:2] in WANTING_ROOTS:
        own = [d for d in own if not _through_complement(doc, d, event.trigger)]
    if own:
        return _value(doc, own[0], event.trigger, dates)
    if has_place(event.cameo) and not event.nominal:
        for head in _clause_chain(doc, event.trigger)[:2]:
            crowd = _object_clause_date(doc, head, known) if head == event.trigger or head in triggers else None
            if crowd is not None:
                return crowd
    scene = _scene_date(doc, event.trigger, dates)
    if scene is not None:
        return scene
    apart = _days_apart(doc, event.trigger)
    if apart is not None:
        # "raised its alert on Wednesday, a day after the North fired": a day before Wednesday
        shift, head = apart
        anchor = _first_under(doc, dates, head, triggers)
        head_of, dep = parse_columns(doc)[:2]
        for _ in range(3):  # "broke off ties on Monday and ordered ..., two days after X struck"
            if anchor is not None or dep[head] != CONJ or head_of[head] == head:
                break
            head = head_of[head]
            anchor = _first_under(doc, dates, head, triggers)
        # "The attack came a day after ...": an undated clause tells of the scene told just before
        value = anchor.value if anchor is not None else _earlier_date(doc, event.trigger, dates)
        if value is not None and len(value) == 10:
            return (dt.date.fromisoformat(value) + dt.timedelta(days=shift)).isoformat()
    for head in _clause_chain(doc, event.trigger)[1:]:
        date = _first_under(doc, dates, head, triggers)
        if date is not None and _through_complement(doc, date, head):
            date = None  # "offered to host talks on Friday, while Brazil urged": the talks' time
        if date is not None:
            return _value(doc, date, event.trigger, dates)
    sentence = sentence_of(doc, event.trigger)
    inside = [d for d in _by_governor(doc, dates, triggers).get(None, ()) if sentence.start <= d.start < sentence.end]
    if inside and not event.nominal:
        return _value(doc, min(inside, key=lambda d: abs(d.start - event.trigger)), event.trigger, dates)
    return published


def _object_clause_date(doc: Doc, trigger: int, dates: Sequence[DateMention]) -> str | None:
    """The day a relative clause on the object of a material act tells: "dispersed protesters who
    had rallied in the capital on Sunday" were dispersed that day (the act met them there); "a
    ceasefire which began on Dec. 15" names no day of an act on it being a month or year."""
    head_of, dep, pos = parse_columns(doc)[:3]
    for date in dates:
        if len(date.value) != 10:
            continue
        path = _walk(doc, date.start, date.end)[1]
        clause = next((n for n, h in enumerate(path) if dep[h] == RELCL and pos[h] in VERB_POS), None)
        if clause is None:
            continue
        for head in path[clause + 1:]:
            if head == trigger:
                return date.value
            if dep[head] not in PASS_THROUGH_DEP_IDS and dep[head] != DOBJ:
                break
    return None


def _through_complement(doc: Doc, date: DateMention, head: int) -> bool:
    """True when a date's walk up to ``head`` passes an infinitival complement ("offered to host
    talks in Santo Domingo on Friday"): it tells when the wanted act is to happen."""
    dep = parse_columns(doc)[1]
    for token in _walk(doc, date.start, date.end)[1]:
        if token == head:
            return False
        if dep[token] == XCOMP:
            return True
    return False


def _not_after(doc: Doc, dates: Sequence[DateMention], published: str | None) -> list[DateMention]:
    """The dates not after publication, kept per Doc for the list of dates last asked about
    (the same for every event of the Doc)."""
    cached = doc.user_data.get("ew_dates_not_after")
    if cached is None or cached[0] is not dates or cached[1] != published:
        lowers = parse_columns(doc)[3]
        # "will travel to Colombo next week": "next ..." is after publication even when its month is not
        kept = [d for d in dates if not (published and d.value[: len(published)] > published[: len(d.value)])
                and lowers[d.start] != NEXT]
        cached = doc.user_data["ew_dates_not_after"] = (dates, published, kept)
    return cached[2]


def _of_events(doc: Doc, dates: list[DateMention], triggers: set[int], trigger: int) -> list[DateMention]:
    """The dates that may tell when the act of ``trigger`` happened: not those that name a thing
    or tell the time of a relative clause the act is not in (see ``_other_time``)."""
    cached = doc.user_data.get("ew_dates_of_events")
    if cached is None or cached[0] is not dates or cached[1] != triggers:
        times = [(d, _other_time(doc, d, triggers)) for d in dates]
        cached = doc.user_data["ew_dates_of_events"] = (dates, frozenset(triggers), times)
    times = cached[2]
    if all(other is None for _, other in times):
        return dates  # the usual Doc: every date may be an event's
    chain = _clause_chain(doc, trigger)
    return [d for d, other in times if other is None or (other >= 0 and other in chain)]


def _other_time(doc: Doc, date: DateMention, triggers: set[int]) -> int | None:
    """What else a date may tell the time of: -1 for a noun it names ("respect the June 17
    ceasefire"), the verb of a relative clause that is no event and describes no event ("a
    ceasefire which began on Dec. 15", "Lukashenko, who has ruled since 1994"), else None."""
    head_of, dep, pos = parse_columns(doc)[:3]
    root, path = _walk(doc, date.start, date.end)
    if dep[root] in NAMING_DEP_IDS and pos[head_of[root]] == NOUN and head_of[root] not in triggers:
        return -1
    for n, head in enumerate(path):
        if head in triggers:
            return None
        if dep[head] == RELCL and pos[head] in VERB_POS:
            return None if _on_trigger(path[n + 1:], dep, triggers) else head
    return None


def _on_trigger(path: Sequence[int], dep: list[int], triggers: set[int]) -> bool:
    """True when a walk reaches a trigger through nouns and prepositions only: a relative clause
    on the event ("the talks on the dam, which opened in Kinshasa on Sunday") tells its time."""
    for head in path:
        if head in triggers:
            return True
        if dep[head] not in PASS_THROUGH_DEP_IDS:
            return False
    return False


def _scene_date(doc: Doc, trigger: int, dates: Sequence[DateMention]) -> str | None:
    """The date of the scene an act is told inside: "During the call Merkel accused Putin", "In the
    same call, Rajapaksa rejected": a definite event noun with no date of its own refers back to
    the last dated sentence before (up to two sentences back)."""
    if _anchors(doc)[0].isdisjoint(_clause_chain(doc, trigger)[:3]):
        return None
    return _earlier_date(doc, trigger, dates)


def _value(doc: Doc, date: DateMention, trigger: int, dates: Sequence[DateMention]) -> str:
    """The value of an event's DATE; "hours later/earlier" takes the scene told just before."""
    if _story_relative(doc, date):
        return _earlier_date(doc, trigger, dates) or date.value
    return date.value


def _story_relative(doc: Doc, date: DateMention) -> bool:
    """True for "hours later" / "hours earlier" / "within minutes": time from the scene told just
    before (a dated sentence before it), not from publication ("X struck on Friday. Y followed
    hours later", "troops returned fire within minutes")."""
    words = parse_columns(doc)[3][date.start:date.end]
    return not SCENE_UNIT_HASHES.isdisjoint(words) and not SCENE_STEP_HASHES.isdisjoint(words)


def _earlier_date(doc: Doc, trigger: int, dates: Sequence[DateMention]) -> str | None:
    """The first day-precise date of the last dated sentence of the two before the trigger's."""
    number = sentences(doc)[1]
    here = number[trigger]
    before = [d for d in dates if here - 2 <= number[d.start] < here and len(d.value) == 10]
    if not before:
        return None
    last = number[before[-1].start]
    return next(d for d in before if number[d.start] == last).value


def _anchors(doc: Doc) -> tuple[frozenset[int], frozenset[int]]:
    """(the clause heads told inside a definite event noun, "during the visit"; the heads "here"
    hangs on), found once per Doc with array tests rather than a walk over the tokens."""
    cached = doc.user_data.get("ew_scene_anchors")
    if cached is None:
        head_of, dep, pos, lower, lemma = parse_columns(doc)
        array = doc.to_array([DEP, LOWER])
        dets = numpy.flatnonzero(array[:, 0] == DET_ID).tolist()  # a det's head is a noun: few qualify
        nouns = [head_of[i] for i in dets if lower[i] in SCENE_DET_IDS]
        scene = frozenset(head_of[head_of[n]] for n in nouns
                          if dep[n] == POBJ and pos[n] == NOUN and dep[head_of[n]] == PREP_ID
                          and lower[head_of[n]] in SCENE_PREP_IDS and _is_event_noun(doc, lemma[n]))
        here = frozenset(head_of[i] for i in numpy.flatnonzero(array[:, 1] == HERE).tolist() if dep[i] == ADVMOD_ID)
        cached = doc.user_data["ew_scene_anchors"] = (scene, here)
    return cached


def said_here(doc: Doc, trigger: int) -> bool:
    """True when the text says an act happened "here": the dateline's place ("signed a
    declaration here on Sunday")."""
    return trigger in _anchors(doc)[1]


def _with_country(doc: Doc, places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The places that have a country, kept per Doc for the list of places last asked about."""
    cached = doc.user_data.get("ew_places_with_country")
    if cached is None or cached[0] is not places:
        cached = doc.user_data["ew_places_with_country"] = (places, [p for p in places if p.country])
    return cached[1]


def _days_apart(doc: Doc, i: int) -> tuple[int, int] | None:
    """(days, head) from the governing clause's date to this clause's, for "a day after X did"
    (-1), "two days before" (+2), "hours after" (0), with the governing clause's head; None when
    the clause says no such thing. A conjunct shares its first conjunct's "a day after" ("came a
    day after the Islamists crossed the lake and raided a village")."""
    if parse_columns(doc)[1][i] not in DAYS_APART_DEP_IDS:  # only an adverbial clause or a conjunct
        return None
    clause = doc[i]
    if clause.dep_ == "conj" and clause.head.dep_ == "advcl" and not any(c.dep_ == "mark" for c in clause.children):
        clause = clause.head
    head = clause.head
    mark = next((c.lower_ for c in clause.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    # "came hours after protesters stormed": the unit may hang on the governing verb
    units = [c for c in clause.children if c.dep_ == "npadvmod"] + [
        c for c in head.children if c.dep_ == "npadvmod" and c.i < clause.i and clause.dep_ == "advcl"]
    unit = next((c for c in units if c.lemma_.lower() in UNIT_DAYS), None)
    if mark is None or unit is None:
        return None
    count = next((NUMBER_WORDS.get(c.lower_) for c in unit.children if c.dep_ in ("det", "nummod")), 1)
    days = UNIT_DAYS[unit.lemma_.lower()] * (count or 1)
    return (-days if mark == "after" else days), head.i


def event_place(doc: Doc, event: EventMention, places: Sequence[PlaceMention], triggers: set[int]) -> PlaceMention | None:
    """The place of an event: attached to it (for statements, where they were made), else for
    material acts a settlement placed by its demonym, else none at an unnamed site ("along the
    border"), else a place named in its sentence but not as one of its actors, else None (the
    caller may fall back on the dateline)."""
    if event.cameo[:2] in UNPLACED_ROOTS or event.cameo[:3] in PLACELESS_CODES:
        return None
    preps = LOCATIVE_PREPS if has_place(event.cameo) else STATEMENT_PREPS
    places = _with_country(doc, places)  # seas and other places of no country say too little
    own = [p for p in attached(doc, places, event, triggers) if _is_locative(doc, p, preps)]
    if not has_place(event.cameo):
        # "denied any role in the bombing in Mosul", "called on them to return to talks in
        # Geneva": a place inside what is said is not where it was said
        own = [p for p in own if _said_there(doc, p, event.trigger)]
    if own:
        return own[-1]  # "over Egypt's Sinai Peninsula": the most specific, last-named place
    if not has_place(event.cameo):
        return _conjunct_place(doc, places, event.trigger, triggers, preps)
    described = described_place(doc, event, triggers) or anaphoric_place(doc, event, places, triggers)
    if described is not None:
        return described
    if at_unnamed_site(doc, event, triggers, places):
        return None
    shared = _conjunct_place(doc, places, event.trigger, triggers, preps)
    if shared is not None:
        return shared
    sentence = sentence_of(doc, event.trigger)
    actors = [m for m in (event.source, event.target) if m is not None]
    inside = [p for p in _by_governor(doc, places, triggers).get(None, ())  # attached to no other event
              if sentence.start <= p.start < sentence.end
              and not any(m.start <= p.start < m.end for m in actors)  # "Somalia-based gunmen"
              and not _is_actor_span(doc, p)]
    if inside:
        return min(inside, key=lambda p: abs(p.start - event.trigger))
    return None


def _conjunct_place(doc: Doc, places: Sequence[PlaceMention], trigger: int, triggers: set[int],
                    preps: set[str]) -> PlaceMention | None:
    """The place of the first conjunct a subjectless verb is conjoined to: "NATO envoys met in
    Brussels on Sunday and warned Belgrade" warned in Brussels (the same scene and subject); a
    statement takes only where the first conjunct was said or done ("in", "at")."""
    head_of, dep, pos = parse_columns(doc)[:3]
    token = trigger
    for _ in range(3):
        if dep[token] != CONJ or head_of[token] == token or any(c.dep == NSUBJ for c in doc[token].children):
            return None
        token = head_of[token]
        if pos[token] not in VERB_POS:
            return None
        under = triggers | {token}
        found = [p for p in places if governor(doc, p.start, p.end, under) == token and _is_locative(doc, p, preps)
                 and (preps is not STATEMENT_PREPS or _said_there(doc, p, token))]
        if found:
            return found[-1]
    return None


def at_unnamed_site(doc: Doc, event: EventMention, triggers: set[int], places: Sequence[PlaceMention] = ()) -> bool:
    """True when the text puts the event at a site it does not name ("patrols along their shared
    frontier", "shelled Eritrean positions", not "positions east of Kassala"): it then has no
    place, not the dateline's."""
    sentence = sentence_of(doc, event.trigger)
    head_of, dep, pos, lowers = parse_columns(doc)[:4]
    if SITE_HASHES.isdisjoint(lowers[sentence.start:sentence.end]):
        return False  # the usual sentence: no site noun at all
    named = [p for p in places if p.country and sentence.start <= p.start < sentence.end]
    anchors = {event.trigger}
    if pos[event.trigger] == NOUN and dep[event.trigger] == DOBJ:
        anchors.add(head_of[event.trigger])  # "began patrols along the frontier": the light verb's phrase
    triggers = triggers | anchors
    if any(governor(doc, p.start, p.end, triggers) in anchors
           and dep[root_of(doc, p.start, p.end)] not in NOT_SITE_DEP_IDS for p in named):
        return False  # "bombed rebel positions east of Kassala"
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

    sentence = sentence_of(doc, event.trigger)
    lowers = column(doc, "LOWER")
    if SETTLEMENT_HASHES.isdisjoint(lowers[sentence.start:sentence.end]):
        return None  # the usual sentence: no settlement noun at all
    actors = load_actors()
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


def anaphoric_place(doc: Doc, event: EventMention, places: Sequence[PlaceMention],
                    triggers: set[int]) -> PlaceMention | None:
    """The place a bare definite place noun at the event refers back to: "banned all foreigners in
    the country" (the source's country, else the country last named), "troops stationed on the island returned
    fire" (where "the ... island of X" told before is: a place named in it, else its demonym)."""
    sentence = sentence_of(doc, event.trigger)
    lowers = column(doc, "LOWER")
    if ANAPHOR_HASHES.isdisjoint(lowers[sentence.start:sentence.end]):
        return None  # the usual sentence: no such noun at all
    for token in (doc[i] for i in range(sentence.start, sentence.end) if lowers[i] in ANAPHOR_HASHES):
        if (token.pos_ != "NOUN" or token.dep_ != "pobj" or token.head.lower_ not in LOCATIVE_PREPS
                or [c.lower_ for c in token.lefts] != ["the"] or any(c.dep_ == "prep" for c in token.rights)
                or governor(doc, token.i, token.i + 1, triggers) != event.trigger):
            continue
        if token.lower_ in COUNTRY_NOUNS:  # the actor's own country, else the country last named
            own = _country_mention(token, (event.source.participant_code or "")[:3] if event.source else None)
            before = [p for p in places if p.end <= token.i and p.country and _names_country(p)]
            return own or (_country_mention(token, before[-1].country) if before else None)
        return _told_before(doc, token, places)
    return None


def _names_country(place: PlaceMention) -> bool:
    """True when a place mention is a country's own name ("North Korea"), not a city in it."""
    from eventwire.codebooks.actors import load_actors

    country = load_actors().countries.get(place.country)
    return country is not None and place.name == country.name


def _country_mention(token: Token, iso3: str | None) -> PlaceMention | None:
    """A place mention at ``token`` for a country's centre."""
    from eventwire.codebooks.actors import load_actors

    country = load_actors().countries.get(iso3) if iso3 else None
    if country is None:
        return None
    return PlaceMention(token.i, token.i + 1, country.name, country.iso3, country.lat, country.lon)


def _told_before(doc: Doc, token: Token, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place of the last earlier mention of the same noun in an earlier sentence ("the South
    Korean island of Yeonpyeong"): a place named inside its phrase, else its demonym's country."""
    from eventwire.codebooks.actors import load_actors

    start = sentence_of(doc, token.i).start
    lowers = column(doc, "LOWER")
    earlier = [i for i in range(start) if lowers[i] == lowers[token.i] and doc[i].pos_ == "NOUN"]
    if not earlier:
        return None
    noun = doc[earlier[-1]]
    inside = [p for p in places if p.country and noun.left_edge.i <= p.start <= noun.right_edge.i]
    if inside:
        return inside[-1]
    demonyms = load_actors().demonyms
    for word in noun.lefts:
        if word.dep_ == "amod":
            iso3 = demonyms.get(doc[word.left_edge.i:word.i + 1].text.lower()) or demonyms.get(word.lower_)
            if iso3:
                return _country_mention(token, iso3)
    return None


def speaking_places(doc: Doc, places: Sequence[PlaceMention], index: Sequence) -> list[tuple[set[str], int, PlaceMention]]:
    """(speakers, sentence start, place) for each verb of speaking the text places: "Wang told
    reporters in Beijing", "Speaking to supporters in La Paz, Morales accused".
    The speaker is the subject's actor mention, keyed by its referent (or its code)."""
    found = []
    head_of, _, pos, _, lemma = parse_columns(doc)
    for place in places:
        if not place.country or not _is_locative(doc, place, STATEMENT_PREPS):
            continue
        verb = root_of(doc, place.start, place.end)
        for _ in range(8):
            if head_of[verb] == verb or (pos[verb] in VERB_POS and _is_speech(doc, lemma[verb])):
                break
            verb = head_of[verb]
        if not _is_speech(doc, lemma[verb]) or not _said_there(doc, place, verb):
            continue
        verb = doc[verb]
        clause = _subject_clause(verb)
        # "Boutros-Ghali, speaking in Geneva, condemned": the speaker is the noun the phrase qualifies
        subject = verb.head if verb.dep_ == "acl" else next((c for c in clause.children if c.dep_ == "nsubj"), None)
        speaker = index[subject.i] if subject is not None else None
        if speaker is None and subject is not None and subject.pos_ == "PROPN":
            # "Wang told ...": the bare surname of a person named in full before
            speaker = next((m for m in doc._.ew_actors or [] if m.kind == "PERSON" and m.start < subject.i
                            and subject.text in m.text.split()), None)
        keys = speaker_keys(speaker)
        if keys:
            found.append((keys, sentence_of(doc, verb.i).start, place))
    return found


def _subject_clause(verb: Token) -> Token:
    """The clause whose subject a verb shares: itself when it has one, else up through the
    clauses a subjectless participle hangs on ("accused Egypt of trying to monopolise the waters,
    speaking to reporters in Addis Ababa")."""
    clause = verb
    for _ in range(6):
        if (any(c.dep_ == "nsubj" for c in clause.children) or clause.dep_ not in SUBJECTLESS_DEPS
                or clause.head is clause):
            break
        clause = clause.head
    return clause if any(c.dep_ == "nsubj" for c in clause.children) else verb


def speaker_keys(mention: ActorMention | None) -> set[str]:
    """The referent and the actor code of a mention, for matching what one speaker (or one
    government's voice) says across sentences."""
    if mention is None:
        return set()
    return {k for k in (mention.entity, mention.participant_code) if k}


def _said_there(doc: Doc, place: PlaceMention, trigger: int) -> bool:
    """True when a place says where a statement was made: its phrase hangs on the statement verb,
    maybe through other places or a verb of speaking ("Speaking outside parliament in La Paz")."""
    head_of, dep, pos, lowers, lemma = parse_columns(doc)
    token = root_of(doc, place.start, place.end)
    for _ in range(8):
        head = head_of[token]
        # "told reporters in Beijing", "told a rally in Lusaka": the audience is where it was said
        audience = dep[token] in AUDIENCE_DEP_IDS and lemma[head] in AUDIENCE_LEMMA_HASHES
        if head == token or (dep[token] not in SAID_THERE_DEP_IDS and not audience):
            return False  # not through the statement's object ("denied any role in the attack in ...")
        if pos[token] in VERB_POS and dep[token] in CLAUSE_DEP_IDS and not _is_speech(doc, lemma[token]):
            return False  # not through what is asked for ("urged them to return to talks in Geneva")
        if (not audience and pos[token] == NOUN and _is_event_noun(doc, lemma[token])
                and lowers[head] not in AT_DURING_HASHES):
            return False  # another event's place ("denied any role in the bombing in ..."), not "at a rally in"
        if head == trigger:
            return True
        token = head
    return False


_SPEECH: dict[int, bool] = {}
_EVENT_NOUN: dict[int, bool] = {}


def _is_speech(doc: Doc, lemma: int) -> bool:
    """True when a lemma (hash) is a verb of speaking, case aside; memoised per hash."""
    found = _SPEECH.get(lemma)
    if found is None:
        found = _SPEECH[lemma] = doc.vocab.strings[lemma].lower() in SPEECH_LEMMAS
    return found


def _is_event_noun(doc: Doc, lemma: int) -> bool:
    """True when a lemma (hash) is a head noun of the event lexicon, case aside; memoised per hash."""
    found = _EVENT_NOUN.get(lemma)
    if found is None:
        found = _EVENT_NOUN[lemma] = doc.vocab.strings[lemma].lower() in _event_nouns()
    return found


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


def _prep_hashes(preps: frozenset[str] | set[str]) -> frozenset[int]:
    """The hashes of a set of prepositions (the module's own sets hashed once)."""
    if not preps or preps is LOCATIVE_PREPS:
        return LOCATIVE_HASHES
    if preps is STATEMENT_PREPS:
        return STATEMENT_HASHES
    return word_hashes(preps)


def _is_locative(doc: Doc, place: PlaceMention, preps: frozenset[str] | set[str] = frozenset()) -> bool:
    """True when a place name says where something happened ("in Cairo's Tahrir Square", "the
    capital Sanaa"), not who acted or which country an actor belongs to ("U.S. President")."""
    head_of, dep, pos, lowers = parse_columns(doc)[:4]
    token = root_of(doc, place.start, place.end)
    for _ in range(6):
        head = head_of[token]
        if dep[token] == POBJ and lowers[head] == OF and pos[head_of[head]] == NOUN:
            token = head_of[head]  # "in the eastern city of Goma": where the city is
            continue
        if dep[token] == POBJ:
            return lowers[head] in _prep_hashes(preps)
        if dep[token] not in LOCATIVE_LINK_IDS or head == token:
            return dep[token] == NPADVMOD and doc[head].tag_ != "VBN"  # not "Iran-backed", "Somalia-based"
        token = head
    return False


def _is_actor_span(doc: Doc, place: PlaceMention) -> bool:
    """True when a country name stands as an actor (subject or object), not as a place."""
    head_of, dep, _, lowers = parse_columns(doc)[:4]
    root = root_of(doc, place.start, place.end)
    if dep[root] in QUALIFIER_DEP_IDS and dep[head_of[root]] in ACTOR_DEP_IDS:
        return True  # "U.S. military aircraft carried out", "Syria's army shelled": the actor's country
    return dep[root] in ACTOR_DEP_IDS or (dep[root] == POBJ and lowers[head_of[root]] in ACTOR_PREP_HASHES)
