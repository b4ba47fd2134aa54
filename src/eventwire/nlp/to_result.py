"""The only place that reads an annotated Doc and builds the data model (ArticleResult)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

import spacy.symbols
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from eventwire import __version__
from eventwire.codebooks.cameo import load_cameo
from eventwire.context.gazetteer import load_gazetteer
from eventwire.model import ActorRef, Article, ArticleResult, Count, Entity, Event, Place, Quote
from eventwire.nlp.annotations import ActorMention, EventMention, PlaceMention, sentences, span_text, word_hashes
from eventwire.nlp.attach import (PLACELESS_CODES, UNPLACED_ROOTS, at_unnamed_site, event_date, event_fatalities,
                                   event_place, has_place, parse_columns, root_of, said_here, speaker_keys,
                                   speaking_places)
from eventwire.nlp.components.actors import mention_index

TAKEN_PLACE_ROOTS = {"17", "18", "19", "20"}  # acts on a place happen at that place
HOME_CODES = {"114", "161", "166"}  # summoning, cutting ties with, expelling envoys: done at home
NON_STATE = {"IGO", "NGO", "IMG", ""}  # parties of no country say nothing against the dateline
LISTED_KINDS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
ACTOR_PREPS = {"with", "by", "against", "between", "from"}  # "mend ties with Moscow"
# The same labels and words as string hashes, for the parse columns.
ACTOR_PREP_HASHES = word_hashes(ACTOR_PREPS)
CONJ, POSS, POBJ = (get_string_id(label) for label in ("conj", "poss", "pobj"))
ADJ = spacy.symbols.ADJ
SUBJECT_IDS, OBJECT_IDS = word_hashes({"nsubj", "nsubjpass"}), word_hashes({"dobj", "dative"})


class _Annotations(NamedTuple):
    """The Doc's eventwire annotations, read once: every ``doc._`` access builds an accessor."""

    actors: list[ActorMention]
    events: list[EventMention]
    dates: list
    places: list[PlaceMention]
    counts: list
    quotes: list
    published: str | None


def to_result(doc: Doc, article: Article) -> ArticleResult:
    """Turn a Doc annotated by eventwire's components into an ArticleResult."""
    ext = doc._
    notes = _Annotations(ext.ew_actors or [], ext.ew_events or [], ext.ew_dates or [], ext.ew_places or [],
                         ext.ew_counts or [], ext.ew_quotes or [], ext.ew_published)
    index = mention_index(doc)
    return ArticleResult(
        article=article,
        events=tuple(_events(doc, article, notes, index)),
        entities=tuple(_entities(doc, notes)),
        quotes=tuple(_quotes(doc, notes, index)),
        counts=tuple(_counts(notes.counts)),
        pipeline_version=__version__,
    )


def _actor(mention: ActorMention | None) -> ActorRef | None:
    if mention is None:
        return None
    return _actor_ref(mention.text, mention.participant_code)


@lru_cache(maxsize=4096)
def _actor_ref(text: str, code: str | None) -> ActorRef:
    """``ActorRef.from_code``, made once per name and code: the same actors take part in many
    events, and the refs are frozen."""
    return ActorRef.from_code(text, code)


def _events(doc: Doc, article: Article, notes: _Annotations, index: list[ActorMention | None]) -> list[Event]:
    cameo = load_cameo()
    mentions = notes.events
    triggers = {m.trigger for m in mentions}
    dates, places, counts = notes.dates, notes.places, notes.counts
    dateline = _dateline_place(article)
    events = []
    scenes: dict[str, tuple[str | None, Place]] = {}  # visitor's country -> (date, place) of the visit
    spoken = speaking_places(doc, places, index)
    spans, numbers = sentences(doc)
    starts = [s.start for s in spans]
    for mention in mentions:
        code = cameo[mention.cameo]
        sentence = spans[numbers[mention.trigger]]
        placed = has_place(mention.cameo)
        place = event_place(doc, mention, places, triggers)
        location = Place(place.name, place.country, place.lat, place.lon) if place else None
        if dateline is not None and said_here(doc, mention.trigger):
            location = dateline  # "signed a declaration here on Sunday": the dateline's place
        unnamed_site = location is None and placed and at_unnamed_site(doc, mention, triggers, places)
        if location is None and placed and not unnamed_site:
            location = _dateline_for(dateline, mention)
        elif location is None and mention.cameo[:3] in HOME_CODES:
            # "Russia expelled 10 Estonian diplomats" datelined Moscow, "summoned the Saudi charge
            # d'affaires in Tehran": done at home, in a place of the source's country
            location = _home_place(mention, places, sentence, dateline)
        target = mention.target
        if (target is not None and target.code is None and target.place_country and mention.cameo[:2] in TAKEN_PLACE_ROOTS
                and (location is None or location.country != target.place_country)):
            # "seized Sanaa", "shelled Kharkiv": the place acted upon is where it happened
            location = load_gazetteer().lookup(target.text) or location
        if (location is None or location.country is None) and mention.cameo[:2] in ("18", "19", "20") and not unnamed_site:
            # a strike "in the Red Sea" on Houthi targets: the attacked country is the best place known
            location = _country_place(mention.target) or location
        date = event_date(doc, mention, dates, triggers, published=notes.published)
        parties = {(m.participant_code or "")[:3] for m in (mention.source, mention.target) if m is not None}
        if mention.cameo in ("042", "043") and place is not None:
            for country in parties - {""}:  # the visitor's and the hosts'
                scenes[country] = (date, location)
        elif location is None and mention.cameo[:3] not in PLACELESS_CODES:
            # "Rice made a visit to Beirut ... Siniora urged Washington ...": what a visitor and
            # the hosts say and do on the day of a visit happens where the visit is (not what
            # others do to them: "IS claimed the attacks on France" stays unplaced)
            speaker = (mention.source.participant_code or "")[:3] if mention.source else ""
            scene = scenes.get(speaker) if speaker in scenes and scenes[speaker][0] == date else None
            if scene is not None:
                location = scene[1]
        if location is None and not placed and mention.cameo[:2] not in UNPLACED_ROOTS:
            location = _where_said(spoken, mention, sentence.start, starts) or location
        events.append(Event(  # positional, in field order: a third of the cost of 15 keywords
            numbers[mention.trigger],  # sentence
            span_text(sentence).strip(),  # evidence
            _actor(mention.source),  # source
            _actor(mention.target),  # target
            code.code,  # cameo
            code.root,  # cameo_root
            code.plover,  # plover
            code.quad_class,  # quad_class
            code.goldstein,  # goldstein
            date,  # date
            location,  # location
            event_fatalities(doc, mention, counts, triggers),  # fatalities
            mention.negated,  # negated
            mention.modality,  # modality
            doc[mention.trigger].text,  # trigger
        ))
    return events


def _country_place(target: ActorMention | None) -> Place | None:
    """The centre of the target's country, for an attack whose place the text leaves vague."""
    code = target.participant_code if target is not None else None
    if not code or code[:3] in ("IGO", "NGO", "IMG"):
        return None
    from eventwire.codebooks.actors import load_actors

    country = load_actors().countries.get(code[:3])
    return Place(country.name, country.iso3, country.lat, country.lon) if country else None


def _home_place(mention: EventMention, places: list[PlaceMention], sentence: Span,
                dateline: Place | None) -> Place | None:
    """Where a summons or an expulsion was done: a place of the source's country named in its
    sentence (not an actor's own name), else the dateline when it is in that country."""
    source = (mention.source.participant_code or "")[:3] if mention.source else ""
    actors = [m for m in (mention.source, mention.target) if m is not None]
    for place in places:
        if (sentence.start <= place.start < sentence.end and place.country == source
                and not any(m.start <= place.start < m.end for m in actors)):
            return Place(place.name, place.country, place.lat, place.lon)
    return dateline if dateline is not None and source == dateline.country else None


def _where_said(spoken: list[tuple[set[str], int, PlaceMention]], mention: EventMention, start: int, starts: list[int]) -> Place | None:
    """Where the speaker of a statement spoke, when the same or the next or previous sentence says
    so ("Wang Yi on Monday urged restraint. ... Wang told reporters in Beijing")."""
    keys = speaker_keys(mention.source)
    here = starts.index(start) if start in starts else None
    for speaker, sentence, place in spoken:
        if speaker & keys and here is not None and sentence in starts and abs(starts.index(sentence) - here) <= 1:
            return Place(place.name, place.country, place.lat, place.lon)
    return None


def _dateline_for(dateline: Place | None, mention: EventMention) -> Place | None:
    """The dateline city for an event that plainly happened there: one of its parties belongs to
    the dateline's country. Otherwise the parties' own country when they share one ("Palestinian
    police arrested 40 Hamas militants" datelined Jerusalem), else no place (CODING.md section 6)."""
    if dateline is None or dateline.country is None:
        return dateline
    countries = {(m.participant_code or "")[:3] for m in (mention.source, mention.target) if m is not None}
    if dateline.country in countries or any(c[:3] in NON_STATE for c in countries):
        return dateline
    if len(countries) == 1:
        return _country_place(mention.source)
    return None


def _dateline_place(article: Article) -> Place | None:
    if not article.dateline:
        return None
    return load_gazetteer().lookup(article.dateline)


def _entities(doc: Doc, notes: _Annotations) -> list[Entity]:
    """One entry per referent, named by its first mention that is not a pronoun or a title."""
    groups: dict[str, list[ActorMention]] = {}
    actors = notes.actors
    # who takes part in a verbal or diplomatic event ("urged Seoul"), not a place seized or shelled
    participants = {(m.start, m.end) for e in notes.events if e.cameo[:2] not in TAKEN_PLACE_ROOTS
                    for m in (e.source, e.target) if m is not None}
    for mention in actors:
        if mention.entity is None:
            continue
        groups.setdefault(mention.entity, []).append(mention)
    entities = []
    pos = parse_columns(doc)[2]
    for key, group in groups.items():
        # Demonym adjectives ("Russian") are not listed; a person is named in full.
        named = [m for m in group if m.kind in LISTED_KINDS and not (m.kind == "NORP" and pos[m.end - 1] == ADJ)]
        if not named:
            continue
        # the first mention, or the first person's if longer (what max() over the two would keep)
        first = named[0]
        person = next((m for m in named if m.kind == "PERSON"), None)
        if person is not None and person.end - person.start > first.end - first.start:
            first = person
        actor = first.code if first.kind != "GPE" or first.place_country is None else None
        if (actor is None and first.kind == "GPE" and first.place_country
                and _stands_for_country(doc, first, group, participants, actors)):
            actor = first.place_country  # "Kiev accused Moscow": a capital as actor is its country
        entities.append(Entity(first.text, first.kind, actor, len(group)))
    seen = {e.text for e in entities}
    for place in notes.places:
        text = _text(doc, place.start, place.end)
        if text not in seen:
            seen.add(text)
            entry = load_gazetteer().best(text)
            actor = place.country if entry is not None and entry.kind == "country" else None  # "United States"
            # seas, continents and other places of no country are LOC, as are names the gazetteer renamed
            kind = "GPE" if place.country and text == place.name else "LOC"
            entities.append(Entity(text, kind, actor, 1))
    return entities


def _text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` (a one-token span is its token's text; a longer one is cut from the
    Doc text rather than joined token by token)."""
    return doc[start].text if end - start == 1 else span_text(doc[start:end])


def _stands_for_country(doc: Doc, first: ActorMention, group: list[ActorMention],
                        participants: set[tuple[int, int]], actors: list[ActorMention]) -> bool:
    """True when a GPE referent names a country ("Lebanon") or a capital that acts for its state
    somewhere in the text ("Kiev accused Moscow", "urged Seoul"): CODING.md section 7."""
    entry = load_gazetteer().best(first.text)
    if entry is None or entry.country != first.place_country:
        return False
    if entry.kind == "country":
        return True
    if entry.kind != "capital":
        return False
    coded = _coded_tokens(doc, actors)
    return any(_actor_role(doc, root_of(doc, m.start, m.end), coded, (m.start, m.end) in participants) for m in group)


def _coded_tokens(doc: Doc, actors: list[ActorMention]) -> set[int]:
    """The tokens of the mentions that carry an actor code, gathered once per Doc (and list)."""
    cached = doc.user_data.get("ew_coded_tokens")
    if cached is None or cached[0] is not actors:
        cached = doc.user_data["ew_coded_tokens"] = (actors, {i for m in actors if m.code for i in range(m.start, m.end)})
    return cached[1]


def _actor_role(doc: Doc, token: int, coded: set[int], participant: bool) -> bool:
    """True when a name (its root token) is a subject, the object of an event that is no attack
    on a place, an agent after a preposition, or the owner of an actor ("Moscow's troops"); a
    conjunct shares its head's role."""
    head_of, dep, _, lowers = parse_columns(doc)[:4]
    while dep[token] == CONJ and head_of[token] != token:
        token = head_of[token]
    if dep[token] in SUBJECT_IDS or (participant and dep[token] in OBJECT_IDS):
        return True
    if dep[token] == POSS:
        return head_of[token] in coded
    return dep[token] == POBJ and lowers[head_of[token]] in ACTOR_PREP_HASHES


def _quotes(doc: Doc, notes: _Annotations, index: list[ActorMention | None]) -> list[Quote]:
    canonical = _canonical_mentions(notes.actors)
    by_name = {e.entity: e for e in canonical}
    quotes = []
    for quote in notes.quotes:
        speaker = None
        if quote.speaker is not None:
            # The mention at the head of the speaker phrase ("Putin" in "Russian President Vladimir Putin").
            speaker = index[quote.speaker.root.i] or next(
                (index[t.i] for t in quote.speaker if index[t.i] is not None), None)
            if speaker is None or _bare_name(by_name.get(speaker.entity, speaker)):
                speaker = _named_in_full(quote.speaker, canonical) or speaker
        name = actor = None
        if speaker is not None:
            named = by_name.get(speaker.entity, speaker)
            name, actor = named.text, speaker.participant_code
        elif quote.speaker is not None:
            name = quote.speaker.text
        quotes.append(Quote(name, actor, quote.text, quote.direct))
    return quotes


def _named_in_full(span: Span, canonical: list[ActorMention]) -> ActorMention | None:
    """The one person named in full whose name holds the speaker's bare name ("Hong" for "Hong Lei")."""
    names = {t.text for t in span if t.pos_ == "PROPN"}
    found = {m.entity: m for m in canonical
             if m.kind == "PERSON" and not _bare_name(m) and names & set(m.text.split())}
    return next(iter(found.values())) if len(found) == 1 else None


def _bare_name(mention: ActorMention) -> bool:
    """True for a person named by one word only ("Geng" after "Geng Shuang" was left unlinked)."""
    return mention.kind == "PERSON" and " " not in mention.text.strip()


def _canonical_mentions(mentions: list[ActorMention]) -> list[ActorMention]:
    """The longest named mention of each referent ("Vladimir Putin" for "Putin" and "he"); a title
    the model took for a name hands its referent to the name right after it ("Yazidi MP Vian Dakhil")."""
    best: dict[str, ActorMention] = {}
    for mention in mentions:
        if mention.entity is None or mention.kind not in LISTED_KINDS:
            continue
        current = best.get(mention.entity)
        if current is None or (mention.end - mention.start) > (current.end - current.start):
            best[mention.entity] = mention
    persons = {m.start: m for m in mentions if m.kind == "PERSON" and m.entity is not None}
    for mention in persons.values():
        name = persons.get(mention.end)
        if name is not None and name.entity != mention.entity and name.entity in best:
            best[mention.entity] = replace(best[name.entity], entity=mention.entity)
    return list(best.values())


def _counts(found: list) -> list[Count]:
    seen: set[tuple[str, int]] = set()
    counts = []
    for count in found:
        if (count.kind, count.number) in seen:
            continue
        seen.add((count.kind, count.number))
        counts.append(Count(count.kind, count.number, count.evidence))
    return counts
