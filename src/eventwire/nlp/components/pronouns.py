"""Pronouns and group words resolved to the actors they stand for: he/she to the last person
(named, or a title one person holds: "the Kenyan president"),
him/her to the last person other than the clause's subject, it to the last singular organisation,
country or body told as a subject, they/them to the last plural group, we to the speaker of the
quotation it stands in, "the group" to the organisation named last; "its troops" and "his
government" take the country of the pronoun's referent."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from spacy.tokens import Doc, Token

from eventwire.codebooks.actors import join_code
from eventwire.nlp.annotations import ActorMention
from eventwire.nlp.components.actor_parse import ActorParse, actor_parse, index_mentions, sentence_start

if TYPE_CHECKING:
    from eventwire.nlp.components.actors import ActorResolver

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "himself", "herself"}
GROUP_PRONOUNS = {"we", "us", "our", "ours", "ourselves"}
THING_PRONOUNS = {"it", "its"}
GROUP_ANAPHORS = {"group", "movement", "militia", "organisation", "organization", "faction", "alliance", "network"}


def resolve_pronouns(resolver: ActorResolver, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """Add mentions for he/she (last person, the last subject first), him/her (last person
    other than the clause's subject), it (last singular subject organisation, country or
    body), we (the speaker of the quotation it stands in); "its troops" and "his
    government" take the country of the pronoun's referent."""
    quotes = doc._.ew_quotes or []
    by_token = index_mentions(doc, mentions)
    resolved = list(mentions)
    persons: list[ActorMention] = []
    last_person: ActorMention | None = None
    last_thing: ActorMention | None = None
    last_group: ActorMention | None = None
    previous_group: ActorMention | None = None
    said_by: dict[int, ActorMention] = {}  # pronoun token -> the mention resolved for it
    last_org: ActorMention | None = None
    pos = 0
    ordered = sorted(mentions, key=lambda m: m.start)
    parse = actor_parse(doc)
    ids = parse.ids
    pronouns = {i for i, tag in enumerate(parse.pos) if tag == ids.PRON}
    pronouns.update(resolver.group_words(parse, doc))
    for i in sorted(pronouns):
        while pos < len(ordered) and ordered[pos].start <= i:
            m = ordered[pos]
            is_subject = _stands_for_subject(parse, m.end - 1, by_token)
            if m.code and (m.kind == "PERSON" or resolver.is_person_title(parse, m)):
                # a named person, or a title one person holds ("The Kenyan president arrived ... He")
                persons.append(m)
                if is_subject or last_person is None or sentence_start(doc, last_person.start) != sentence_start(doc, m.start):
                    last_person = m
            if m.kind == "PERSON" and m.code:
                pass
            elif m.kind in ("GPE", "ORG", "AGENT") and m.code and is_subject \
                    and parse.tag[m.end - 1] not in ids.plural:
                last_thing = m
            elif m.kind == "AGENT" and m.participant_code and parse.tag[m.end - 1] in ids.plural:
                previous_group, last_group = last_group, m
            if m.kind == "ORG" and m.code and len(m.code) > 3:
                last_org = m
            pos += 1
        if parse.pos[i] == ids.NOUN and parse.lemma_lower(i) in GROUP_ANAPHORS and by_token[i] is None \
                and any(parse.lower[c] == ids.the for c in parse.lefts(i)) and last_org is not None:
            # "the group", "the militia": the organisation named last
            resolved.append(ActorMention(i, i + 1, parse.text(i), last_org.code, "PRON", last_org.entity))
            continue
        if parse.pos[i] != ids.PRON:
            continue
        token = doc[i]
        lower = token.lower_
        antecedent = None
        if lower in PERSON_PRONOUNS:
            antecedent = last_person
            if token.dep_ in ("dobj", "pobj", "dative") and antecedent is not None:
                # the subject may be a pronoun resolved just before ("said he had spoken to
                # Mubarak and urged him": "him" is not who "he" is)
                subject_mention = object_subject(token, by_token, said_by)
                if subject_mention is not None and subject_mention.entity == antecedent.entity:
                    others = [p for p in persons if p.entity != antecedent.entity]
                    antecedent = others[-1] if others else None
        elif lower in THING_PRONOUNS and token.dep_ in ("nsubj", "poss", "nsubjpass"):
            antecedent = last_thing
        elif lower in ("they", "them", "their"):
            antecedent = last_group
            if antecedent is not None and _modified_by_own_clause(parse, i, antecedent):
                antecedent = previous_group  # "the villages they seized": not the villages
            elif antecedent is not None and token.dep_ in ("dobj", "pobj", "dative"):
                # "police charged them": an object pronoun never means its own clause's subject
                subject_mention = object_subject(token, by_token, said_by)
                if subject_mention is not None and subject_mention.entity == antecedent.entity:
                    antecedent = previous_group
        elif lower in GROUP_PRONOUNS:
            antecedent = quote_speaker(token, quotes, by_token)
        if antecedent is None or not antecedent.participant_code:
            continue
        owner = by_token[token.i]
        if owner is None:
            said_by[token.i] = ActorMention(token.i, token.i + 1, token.text,
                                            antecedent.participant_code, "PRON", antecedent.entity)
            resolved.append(said_by[token.i])
        elif owner.kind == "AGENT" and token.dep_ == "poss" and token.i == owner.start \
                and resolver.describe(doc[owner.end - 1])[0] is None:
            # "its troops", "his government": the owner's country, the noun's sector
            sector = owner.code[3:6] if owner.code and len(owner.code) >= 6 else None
            country = antecedent.participant_code[:3]
            code = antecedent.participant_code if len(antecedent.participant_code) > 3 and \
                antecedent.participant_code[:3] in ("IGO", "NGO", "IMG") else join_code(country, sector)
            resolved[resolved.index(owner)] = replace(owner, code=code, entity=f"agent:{code}:{owner.text}")
            by_token = index_mentions(doc, resolved)
    resolved.sort(key=lambda m: m.start)
    return resolved


def quote_speaker(token: Token, quotes: Iterable, by_token: list) -> ActorMention | None:
    """The actor of the speaker of the direct quotation that contains ``token``."""
    for quote in quotes:
        if quote.direct and quote.speaker is not None and quote.start_char <= token.idx < quote.end_char:
            for t in quote.speaker:
                if by_token[t.i] is not None:
                    return by_token[t.i]
    return None


def _stands_for_subject(parse: ActorParse, token: int, by_token: list[ActorMention | None]) -> bool:
    """True for the head of a subject, and for the owner or qualifier of a subject noun that is no
    actor itself ("Azerbaijan's prosecutor-general's office", "A U.N. fact-finding mission",
    "The UN peacekeeping mission, MONUSCO")."""
    links, subjects = parse.ids.subject_links, parse.ids.subjects
    for _ in range(3):
        dep = parse.dep[token]
        if dep in subjects or (dep not in links and parse.dep_(token).startswith("nsubj")):
            return True
        if parse.dep[token] not in links or parse.heads[token] == token:
            return False
        token = parse.heads[token]
        if by_token[token] is not None:
            return False
    return False


def _modified_by_own_clause(parse: ActorParse, pronoun: int, mention: ActorMention) -> bool:
    """True when the pronoun stands in a relative clause on the mention's noun ("the villages they
    seized"): a pronoun never means the noun its own clause describes."""
    clause = parse.heads[pronoun]
    return parse.dep[clause] == parse.ids.relcl and parse.heads[clause] == mention.end - 1


def object_subject(token: Token, by_token: list[ActorMention | None],
                    said_by: dict[int, ActorMention]) -> ActorMention | None:
    """The actor subject of the clause an object word is in ("urged him", "detained 200 of them"),
    through conjoined and adverbial verbs ("spoke to X and urged him": the subject of "spoke")."""
    verb = token.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head  # "to him", "200 of them"
    subject = next((c for c in verb.children if c.dep_.startswith("nsubj")), None)
    while subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_.startswith("nsubj")), None)
    return (by_token[subject.i] or said_by.get(subject.i)) if subject is not None else None
