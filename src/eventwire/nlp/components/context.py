"""Context components: dates, places, casualty counts and quotations found in the Doc.

Each wraps a finder of ``eventwire.context`` and stores its mentions on the Doc; which event a
date, place or count belongs to is decided later by ``eventwire.nlp.attach``.
"""


import datetime as dt

from spacy.tokens import Doc, Span

from eventwire.context.counts import find_counts
from eventwire.context.dates import find_date_spans, resolve_date
from eventwire.context.gazetteer import load_gazetteer
from eventwire.context.places import find_place_spans
from eventwire.context.quotes import find_quotes
from eventwire.nlp.annotations import DateMention, PlaceMention, entities, span_text
from eventwire.nlp.components import register_component

FUTURE_AUX = {"will", "shall", "'ll"}


def is_future(span: Span) -> bool:
    """True when the clause governing a date span is in the future tense ("will meet on Monday")."""
    token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX"):
            return any(c.lower_ in FUTURE_AUX for c in token.children) or any(
                c.lower_ == "going" for c in token.children)
        if token.head.i == token.i:
            return False
        token = token.head
    return False


class DateComponent:
    """Finds temporal expressions and resolves them against ``doc._.ew_published``."""

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.ew_published
        anchor = dt.date.fromisoformat(published) if published else None
        dates = []
        if anchor is not None:
            for span in find_date_spans(doc):
                resolved = resolve_date(span_text(span), anchor, future=is_future(span))
                if resolved is not None:
                    dates.append(DateMention(span.start, span.end, resolved.value, resolved.precision))
        doc._.ew_dates = dates
        return doc


class PlaceComponent:
    """Finds place names and geocodes them with the offline gazetteer, using the countries the
    article mentions to settle ambiguous names."""

    def __init__(self) -> None:
        from eventwire.codebooks.actors import load_actors

        self.gazetteer = load_gazetteer()
        self.demonyms = load_actors().demonyms

    def __call__(self, doc: Doc) -> Doc:
        context = _article_countries(doc)
        places = []
        # Names the actors component knows as organisations or people are not places
        # ("Hamas", "European Union"), whatever a city elsewhere is called.
        actor_tokens = {i for m in doc._.ew_actors or [] if m.code and m.kind in ("ORG", "PERSON", "AGENT")
                        for i in range(m.start, m.end)}
        for span in find_place_spans(doc):
            if actor_tokens.intersection(range(span.start, span.end)):
                continue
            name = span_text(span)
            place = self.gazetteer.lookup(name, context)
            described = self.described_country(span)
            if place is not None and described and place.country != described:
                # "the English city of Salisbury" is not Harare, once called Salisbury
                same = [e for e in self.gazetteer.candidates(name) if e.country == described]
                place = max(same, key=lambda e: e.population or 0).to_place() if same else place
            if place is not None:
                places.append(PlaceMention(span.start, span.end, place.name, place.country, place.lat, place.lon))
        covered = {i for p in places for i in range(p.start, p.end)}
        for ent in entities(doc):
            if ent.label_ in ("GPE", "LOC", "FAC") and ent.start not in covered:
                country = self.described_country(ent)
                if country is not None:
                    centre = self.gazetteer.lookup(country)
                    lat, lon = (centre.lat, centre.lon) if centre else (None, None)
                    places.append(PlaceMention(ent.start, ent.end, span_text(ent), country, lat, lon))
        doc._.ew_places = sorted(places, key=lambda p: p.start)
        return doc

    def described_country(self, ent: Span) -> str | None:
        """The country of a place the gazetteer does not know, from the words around it: "the
        southern Lebanese town of Bint Jbeil", "the Nigerian border town of Gamboru"."""
        root = ent.root
        if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.pos_ != "NOUN":
            return None
        for word in root.head.head.lefts:
            if word.ent_type_ in ("NORP", "GPE"):
                place = self.gazetteer.lookup(word.text)
                iso3 = place.country if place else None
                iso3 = iso3 or self.demonyms.get(word.lower_)
                if iso3:
                    return iso3
        return None


def _article_countries(doc: Doc) -> list[str]:
    """ISO-3 codes of the countries the actors of the article belong to, most frequent first."""
    tally: dict[str, int] = {}
    for mention in doc._.ew_actors or []:
        code = mention.code or mention.place_country  # participant_code, without the property call
        if code and code[:3] not in ("IGO", "NGO", "IMG"):
            tally[code[:3]] = tally.get(code[:3], 0) + 1
    return sorted(tally, key=lambda c: -tally[c])


class CountComponent:
    """Finds casualty and similar counts (killed, wounded, arrested, ...)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.ew_counts = find_counts(doc)
        return doc


class QuoteComponent:
    """Finds direct quotations and reported speech with their speaker spans."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.ew_quotes = find_quotes(doc)
        return doc


register_component("eventwire_dates", DateComponent, ["doc._.ew_dates"], ["doc.ents", "token.dep"])
register_component("eventwire_places", PlaceComponent, ["doc._.ew_places"], ["doc.ents", "doc._.ew_actors"])
register_component("eventwire_counts", CountComponent, ["doc._.ew_counts"], ["token.dep", "token.lemma"])
register_component("eventwire_quotes", QuoteComponent, ["doc._.ew_quotes"], ["token.dep", "doc.sents"])
