"""The actors component: every actor mention in the Doc with its CAMEO actor code.

Sources of a code, in order: the project's named-actor lists (countries, capitals, organisations,
armed groups, office holders on the publication date), then the words around a name or a sector
noun ("Russian President", "his French counterpart", "Israeli troops"), then in-document
coreference (surname after a full name, he/she to the last person, "we" inside a quotation to
its speaker). NER labels are used to find spans, never trusted alone for the code.
"""


from dataclasses import replace
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from eventwire.codebooks.actors import ActorVocabulary, load_actors
from eventwire.context.gazetteer import Gazetteer, fold_name, load_gazetteer
from eventwire.nlp.annotations import ActorMention, entities, sentence_of
from eventwire.nlp.components import register_component

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "himself", "herself"}
GROUP_PRONOUNS = {"we", "us", "our", "ours", "ourselves"}
THING_PRONOUNS = {"it", "its"}
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}
DROP_WORDS = {"the", "a", "an"}
# Plural nouns that, with "both" or "the two", stand for the last two actors named; the sector they give.
GROUP_NOUNS = {"side": None, "country": None, "nation": None, "neighbour": None, "neighbor": None, "party": None,
               "leader": "GOV", "government": "GOV", "president": "GOV", "minister": "GOV", "delegation": "GOV",
               "army": "MIL", "military": "MIL", "navy": "MIL"}
PERSON_GROUP_NOUNS = {"leader", "president"}
GROUP_ANAPHORS = {"group", "movement", "militia", "organisation", "organization", "faction", "alliance", "network"}
# Nouns that "X-led" makes a country's armed coalition ("the Saudi-led coalition" = SAUMIL).
LED_GROUPS = {"coalition", "alliance", "force"}
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "KOR", "PRK", "VNM", "MNG"}


class ActorResolver:
    """Finds actor mentions and gives each a CAMEO code (see module docstring)."""

    def __init__(self, vocab: ActorVocabulary, gazetteer: Gazetteer):
        self.vocab = vocab
        self.gazetteer = gazetteer
        self.country_names = {
            form.lower(): iso3
            for iso3, country in vocab.countries.items()
            for form in (country.name, *country.aliases)
        }
        self.capitals = {
            form.lower(): iso3 for iso3, country in vocab.countries.items() for form in country.capitals
        }
        # "the north" -> the countries a story naming both halves of a pair calls so (PRK, SDN).
        self.short_forms: dict[str, list[str]] = {}
        for iso3, country in vocab.countries.items():
            for form in country.short_forms:
                self.short_forms.setdefault(form, []).append(iso3)
        self._tally: dict[str, int] = {}
        self._led: dict[str, str] = {}
        self._described: dict[str, str] = {}  # lowercase place name -> country its story gives it
        self.max_agent_words = max((len(p.split()) for p in vocab.agents), default=1)
        self.agent_heads: set[int] | None = None
        self._short_heads: set[int] | None = None  # lexeme hashes of the last words of short forms
        self._group_hashes: set[int] | None = None
        # Surname -> full names of known office holders ("Assad" -> "bashar al-assad", ...).
        self.surnames: dict[str, set[str]] = {}
        for full in vocab.people:
            words = full.split()
            forms = {words[-1], words[-1].split("-", 1)[-1] if words[-1][:3] in ("al-", "el-") else words[-1]}
            if len(words) == 2 and vocab.people[full][0].code[:3] in FAMILY_NAME_FIRST:
                forms.add(words[0])  # "Wen Jiabao" is Wen
            for form in forms:
                self.surnames.setdefault(form, set()).add(full)

    # -- codes from words -------------------------------------------------------------------

    def country_of_word(self, text: str) -> str | None:
        """ISO-3 code of a country name, alias or demonym ("U.S.", "Britain", "Russian")."""
        key = text.lower().strip()
        return self.country_names.get(key) or self.vocab.demonyms.get(key)

    def named_actor(self, text: str) -> tuple[str, str] | None:
        """(code, kind) of a named actor; a name several countries' actors share goes to the one
        of the country the story names most ("National Liberation Army" in a Macedonia story)."""
        for form in dict.fromkeys((text, _without_brackets(text))):
            found = self.vocab.lookup(form) or self.vocab.lookup_in_context(form, self._tally)
            if found:
                return found
        return None

    def agent_candidates(self, doc: Doc) -> list[Token]:
        """Tokens whose form or lemma ends an agent phrase ("troops", "minister"), found by
        string hash so that other tokens never become Python objects."""
        if self.agent_heads is None:
            strings = doc.vocab.strings
            self.agent_heads = {strings.add(phrase.split()[-1]) for phrase in self.vocab.agents}
        heads = self.agent_heads
        rows = doc.to_array(["LEMMA", "LOWER"]).tolist()
        return [doc[i] for i, (lemma, lower) in enumerate(rows) if lower in heads or lemma in heads]

    def agent_sector(self, words: list[Token]) -> tuple[str | None, int]:
        """Sector of the longest agent phrase ending at the last of ``words``, and its length."""
        for size in range(min(self.max_agent_words, len(words)), 0, -1):
            tail = words[-size:]
            for form in (" ".join(t.lower_ for t in tail), " ".join(t.lemma_.lower() for t in tail)):
                agent = self.vocab.agents.get(form)
                if agent:
                    return agent.sector, size
        return None, 0

    def describe(self, head: Token) -> tuple[str | None, str | None]:
        """(country, sector) from a noun and the words that qualify it."""
        country = sector = None
        modifiers = _modifiers(head)
        # A title in apposition ("his French counterpart Francois Hollande") describes the name.
        if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN"):
            modifiers += [head.head] + _modifiers(head.head)
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                modifiers += [child] + [t for t in child.lefts if t.dep_ in MODIFIER_DEPS]
        chain = sorted(set(modifiers + [head]), key=lambda t: t.i)
        led = next((self._led[t.lemma_.lower()] for t in chain if t.lemma_.lower() in self._led
                    and not any(c.lower_ == "led" for c in t.children)), None)
        if led is not None:
            return led[:3], "MIL"  # "coalition warplanes", "Coalition spokesman X"
        sector, _ = self.agent_sector(chain)
        if sector is None:
            for token in chain:
                found, _ = self.agent_sector([token])
                if found:
                    sector = found
                    break
        for token in chain:
            if token.i == head.i:
                continue
            if token.ent_type_ == "ORG":
                named = self.named_actor(_entity_text(token))
                if named and len(named[0]) > 3:
                    return named[0], sector  # "NATO envoy", "UN chief": the organisation's code
            found = self.country_of_word(token.text)
            if found is None and token.ent_type_ in ("GPE", "NORP"):
                found = self.country_of_word(_entity_text(token))
            if found:
                country = found
                break
        if country is None:
            # "the head of Russia", "a spokesman for the Sudanese Professionals Association",
            # "an aide to Azerbaijan's president"
            titles = [head] + [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            for prep in (p for t in titles for p in t.children):
                if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "to"):
                    continue
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    text = _entity_text(obj)
                    if obj.ent_type_ == "ORG" and prep.lower_ != "to":
                        named = self.named_actor(text)
                        if named and len(named[0]) > 3:
                            return named[0], sector
                    country = self.country_of_word(text)
                    if country is None and prep.lower_ != "of" and obj.pos_ == "NOUN":
                        country = self.describe(obj)[0] if self.agent_sector([obj])[0] else None
                    if country:
                        return country, sector
        return country, sector

    # -- the pass over a Doc ------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.ew_published
        dateline = self.gazetteer.lookup(doc._.ew_dateline) if doc._.ew_dateline else None
        home = self.main_country(doc, dateline.country if dateline is not None else None)
        doc._.ew_home = home
        self._places = self.sentence_places(doc)
        self._led = self.led_groups(doc)
        mentions: list[ActorMention] = []
        taken = [False] * len(doc)
        surnames: dict[str, ActorMention] = {}

        def add(mention: ActorMention) -> None:
            mentions.append(mention)
            for i in range(mention.start, mention.end):
                taken[i] = True

        for ent in entities(doc):
            if ent.label_ not in ENTITY_LABELS:
                continue
            span = _trim(ent)
            if span is None:
                continue
            mention = self.entity_mention(span, published, surnames, home)
            if mention is not None:
                add(mention)
                if mention.kind == "PERSON" and span.end - span.start >= 2:
                    surnames.setdefault(doc[span.end - 1].text, mention)

        if self._short_heads is None:
            self._short_heads = {doc.vocab.strings.add(f.split()[-1]) for f in self.short_forms}
        for token in _tokens_with(doc, "LOWER", self._short_heads):
            short = None if taken[token.i] else self.short_form_country(token)
            if short is not None:
                add(ActorMention(token.i, token.i + 1, token.text, short, "GPE", f"gpe:{short}"))

        # Surnames of persons named in full, wherever the model put them (Hollande as ORG).
        by_start = {m.start: m for m in mentions}
        for token in _tokens_with(doc, "ORTH", {doc.vocab.strings.add(name) for name in surnames}):
            person = surnames.get(token.text)
            if person is None or token.pos_ not in ("PROPN", "NOUN", "X") or token.i < person.start:
                continue
            existing = by_start.get(token.i)
            if (existing is not None and existing.kind == "PERSON") or (existing is None and taken[token.i]):
                continue
            if existing is not None and existing.end - existing.start > 1:
                continue
            if existing is not None:
                mentions.remove(existing)
            surname = ActorMention(token.i, token.i + 1, token.text, person.code, "PERSON", person.entity)
            mentions.append(surname)
            by_start[token.i] = surname
            taken[token.i] = True

        for token in _tokens_with(doc, "LEMMA", {doc.vocab.strings.add(w) for w in self._led}):
            if not taken[token.i] and token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
                code = self._led[token.lemma_.lower()]
                add(ActorMention(token.i, token.i + 1, token.text, code, "AGENT", f"agent:{code}:{token.lemma_}"))

        named = _index(doc, mentions)
        for token in self.agent_candidates(doc):
            if taken[token.i] or token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
                continue
            mention = self.agent_mention(token, home, named)
            if mention is not None:
                add(mention)

        mentions.sort(key=lambda m: m.start)
        mentions = self.add_groups(doc, mentions, taken)
        mentions = self.link_titles(doc, mentions)
        mentions = self.resolve_pronouns(doc, mentions)
        doc._.ew_actors = mentions
        return doc

    def led_groups(self, doc: Doc) -> dict[str, str]:
        """"the Saudi-led coalition" -> {"coalition": "SAUMIL"}: the code a later bare "the
        coalition", "coalition warplanes" or "coalition spokesman" takes in the story."""
        led: dict[str, str] = {}
        for token in _tokens_with(doc, "LOWER", {doc.vocab.strings.add("led")}):
            group = token.head
            if group.lemma_.lower() not in LED_GROUPS or group.i <= token.i:
                continue
            for child in token.children:
                country = self.country_of_word(child.text) or self.country_of_word(_entity_text(child))
                if child.i < token.i and country:
                    led.setdefault(group.lemma_.lower(), country + "MIL")
                    break
        return led

    def sentence_places(self, doc: Doc) -> dict[int, list[tuple[int, str]]]:
        """Sentence start -> (token, country) of the cities and regions named in it."""
        places: dict[int, list[tuple[int, str]]] = {}
        countries: dict[int, list[tuple[int, str]]] = {}
        self._described = {}
        for ent in entities(doc):
            if ent.label_ not in ("GPE", "LOC", "FAC") and not self.mislabelled_place(ent):
                continue
            sentence = sentence_of(doc, ent.start).start
            if ent.text.lower() in self.country_names:
                if ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("in", "inside", "across", "throughout"):
                    countries.setdefault(sentence, []).append((ent.start, self.country_names[ent.text.lower()]))
                continue
            place = self.gazetteer.lookup(ent.text)
            country = place.country if place is not None and place.country else self.described_place(ent)
            if country:
                places.setdefault(sentence, []).append((ent.start, country))
        self._countries_in = countries
        return places

    def clause_country(self, head: Token) -> str | None:
        """The country of the city, region or country named where the clause of ``head`` happens
        (the nearest one to it in the subtree of its verb), or None."""
        verb = head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        sentence = sentence_of(head.doc, head.i).start
        inside = {t.i for t in verb.subtree}
        found = [p for p in self._places.get(sentence, []) + self._countries_in.get(sentence, []) if p[0] in inside]
        return min(found, key=lambda p: abs(p[0] - head.i))[1] if found else None

    def mislabelled_place(self, ent: Span) -> bool:
        """True for a place the model took for an organisation or a person ("Ngouboua", "Rakhine")."""
        if ent.label_ not in ("ORG", "PERSON") or self.vocab.lookup(ent.text) or ent.text.lower() in self.vocab.people:
            return False
        if ent.label_ == "PERSON":
            return fold_name(ent.text) in self.gazetteer.area_names()
        return True

    def described_place(self, ent: Span) -> str | None:
        """The country of a place the gazetteer does not know, from the demonym of the noun it names
        ("the Chadian fishing village of Ngouboua" = TCD), else from an earlier such mention."""
        known = self._described.get(ent.text.lower())
        if known:
            return known
        root = ent.root
        if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.pos_ != "NOUN":
            return None
        for token in root.head.head.lefts:
            country = self.vocab.demonyms.get(token.lower_) if token.dep_ in MODIFIER_DEPS else None
            if country:
                self._described[ent.text.lower()] = country
                return country
        return None

    def local_country(self, token: Token, home: str | None) -> str | None:
        """For an actor whose country the text leaves out: the country of the nearest city or region
        named in its sentence ("talks in Beirut with Prime Minister Fouad Siniora"), else ``home``."""
        nearby = self._places.get(sentence_of(token.doc, token.i).start, [])
        if not nearby:
            return home
        return min(nearby, key=lambda p: abs(p[0] - token.i))[1]

    def main_country(self, doc: Doc, dateline_country: str | None = None) -> str | None:
        """The country an article is about: the one its entities name most often (first on ties).

        A country's name counts 2 (1 when it only qualifies a noun, "US diplomats"), a demonym 1, a
        city or region of it 1, a known office holder of it 1, and a place that is where something
        happens ("in Caracas") 1 more; the dateline counts 2. Unqualified actors ("police", "the
        rebels", "Prime Minister X") are taken to belong to it.
        """
        tally: dict[str, int] = {dateline_country: 2} if dateline_country else {}
        published = doc._.ew_published

        def count(iso3: str | None, weight: int) -> None:
            if iso3 and len(iso3) == 3 and iso3 not in ("IGO", "NGO", "IMG"):
                tally[iso3] = tally.get(iso3, 0) + weight

        for ent in entities(doc):
            root = ent.root
            located = root.dep_ == "pobj" and root.head.lower_ in ("in", "inside", "across", "throughout")
            if ent.label_ in ("GPE", "NORP", "LOC"):
                iso3 = self.country_of_word(ent.text) or self.capitals.get(ent.text.lower())
                if iso3:
                    # a country's name says where the story is more than an adjective does
                    # ("in northeastern Mali" against "a French soldier")
                    weight = 2 if ent.label_ == "GPE" and root.dep_ not in ("compound", "nmod", "amod") else 1
                    count(iso3, weight + located)
                elif ent.label_ != "NORP" and not self.gazetteer.is_demonym(ent.text):
                    place = self.gazetteer.lookup(ent.text)
                    if place is not None:
                        count(place.country, 1 + located)
            elif ent.label_ == "PERSON":
                key = ent.text.lower()
                full = key if key in self.vocab.people else (
                    self.known_surname(key, published) if len(ent) == 1 else None)
                if full is not None:
                    code = self.vocab.person_code(full, published)
                    count(code[:3] if code else None, 1)
        self._tally = tally
        return max(tally, key=lambda c: tally[c]) if tally else None

    def short_form_country(self, token: Token) -> str | None:
        """The country "the North" / "the South" stands for in a story that names it (PRK in a
        Korea story, SDN in a Sudan one), or None."""
        if token.i == 0 or not token.text[:1].isupper() or token.doc[token.i - 1].lower_ != "the":
            return None
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if following is not None and following.pos_ == "PROPN":
            return None  # "the North Korean army", "the South China Sea"
        named = [c for c in self.short_forms.get("the " + token.lower_, ()) if self._tally.get(c)]
        return max(named, key=lambda c: self._tally[c]) if named else None

    def entity_mention(
        self, span: Span, published: str | None, surnames: dict[str, ActorMention], home: str | None = None
    ) -> ActorMention | None:
        """A mention for a named entity span, or None when it is no actor and no place."""
        text, key, label = span.text, span.text.lower(), span.label_
        short = self.short_form_country(span.root) if len(span) == 1 else None
        if short is not None:
            return ActorMention(span.start, span.end, text, short, "GPE", f"gpe:{short}")
        offices = self.vocab.people.get(key)
        if offices:
            code = self.vocab.person_code(offices[0].name, published)
            country, sector = self.describe(span.root)
            if (code is None or code.endswith("ELI")) and (country or sector):
                # "U.N.-Arab League envoy Kofi Annan" in 2012: the title says what he is now.
                code = _join(country or (code[:3] if code else home), sector) or code
            return ActorMention(span.start, span.end, text, code, "PERSON", f"person:{offices[0].name}")
        if text in surnames and span.end - span.start == 1:
            person = surnames[text]
            return ActorMention(span.start, span.end, text, person.code, "PERSON", person.entity)
        if label == "PERSON" and span.end - span.start == 1:
            full = self.known_surname(key, published)
            if full is not None:
                code = self.vocab.person_code(full, published)
                return ActorMention(span.start, span.end, text, code, "PERSON", f"person:{self.vocab.people[full][0].name}")
        if key in self.country_names:
            iso3 = self.country_names[key]
            return ActorMention(span.start, span.end, text, iso3, "GPE", f"gpe:{iso3}")
        if key in self.capitals and label != "PERSON":
            iso3 = self.capitals[key]
            return ActorMention(span.start, span.end, text, None, "GPE", f"place:{key}", place_country=iso3)
        named = self.named_actor(text)
        if named:
            code, kind = named
            return ActorMention(span.start, span.end, text, code, kind, f"actor:{code}")
        if label == "NORP" or (label in ("ORG", "PERSON", "GPE") and key in self.vocab.demonyms):
            iso3 = self.vocab.demonyms.get(key)  # peoples the model labels otherwise ("Yazidi")
            if iso3:
                return ActorMention(span.start, span.end, text, iso3, "NORP", f"gpe:{iso3}")
            label = "GPE"  # the small model tags some cities NORP ("Aleppo")
        if label == "PERSON" and fold_name(text) in self.gazetteer.area_names():
            label = "GPE"  # a region the model took for a person ("Rakhine")
        if label == "PERSON":
            country, sector = self.describe(span.root)
            if country is None and sector is not None:
                # "Prime Minister Ljubco Georgievski" in an article about Macedonia
                country = self.local_country(span.root, home)
            code = _join(country, sector) if country else None
            return ActorMention(span.start, span.end, text, code, "PERSON", f"person:{key}")
        if label in ("GPE", "LOC", "FAC"):
            place = self.gazetteer.lookup(text)
            country = place.country if place is not None and place.country else self._described.get(key)
            if country:
                return ActorMention(span.start, span.end, text, None, label, f"place:{key}", place_country=country)
            return None
        if label == "ORG":
            own, _ = self.agent_sector(list(span[: span.root.i - span.start + 1]))
            if own is not None:
                country, sector = self.describe(span.root)
                country = country or home
                if country:
                    code = _join(country, sector)
                    return ActorMention(span.start, span.end, text, code, "ORG", f"agent:{code}:{key}")
        place = self.gazetteer.lookup(text) if label == "ORG" else None
        country = place.country if place is not None and place.country else self._described.get(key)
        if label == "ORG" and country:
            return ActorMention(span.start, span.end, text, None, "LOC", f"place:{key}", place_country=country)
        return ActorMention(span.start, span.end, text, None, label, f"org:{key}")

    def agent_mention(self, head: Token, fallback_country: str | None,
                      named: list[ActorMention | None]) -> ActorMention | None:
        """A sector noun phrase such as "Israeli troops", "Hezbollah fighters" or "the foreign ministry"."""
        own, _ = self.agent_sector([head])
        if own is None and head.dep_ != "appos":
            # The sector word only modifies another noun ("military plane"): not an actor.
            return None
        country, sector = self.describe(head)
        if sector is None:
            return None
        group = self.owner_group(head, named)
        left = min([head.i] + [t.i for t in head.lefts if t.dep_ in MODIFIER_DEPS | {"det"}])
        while left < head.i and (head.doc[left].lower_ in DROP_WORDS or named[left] is not None):
            left += 1
        text = head.doc[left : head.i + 1].text
        if group is not None and sector == "CVL" and group.code[:3] not in ("IGO", "NGO", "IMG"):
            # "Houthi supporters", "Hamas families": civilians of the group's country
            code = _join(group.code[:3], sector)
            return ActorMention(left, head.i + 1, text, code, "AGENT", f"agent:{code}:{head.lemma_}")
        if group is not None:
            # Members of a named organisation or armed group carry its code ("Boko Haram gunmen").
            return ActorMention(left, head.i + 1, text, group.code, "AGENT", group.entity)
        if country is None and sector == "REB":
            armed = self.story_armed_group(head.i, named)
            if armed is not None:
                # "the attackers", "the militants": the armed group the story is about
                return ActorMention(left, head.i + 1, text, armed.code, "AGENT", armed.entity)
        if country is None and any(t.dep_ == "poss" and t.lemma_.lower() in ("country", "nation") for t in head.lefts):
            country = fallback_country  # "the country's leaders": the story's country
        if country is None and not _has_determiner_of_other(head):
            # "refugees in Bangladesh say soldiers torched their villages in northern Rakhine state":
            # the place of the agent's own clause, else the country the sentence is in
            nearby = self._countries_in.get(sentence_of(head.doc, head.i).start)
            country = self.clause_country(head) or (nearby[0][1] if nearby else fallback_country)
        code = _join(country, sector) if country else None
        return ActorMention(left, head.i + 1, text, code, "AGENT", f"agent:{code}:{head.lemma_}")

    @staticmethod
    def story_armed_group(i: int, named: list[ActorMention | None]) -> ActorMention | None:
        """The named armed group unnamed "attackers" or "militants" at token ``i`` belong to: the
        last one named before them, else the first one the story names after them."""
        def armed(m: ActorMention | None) -> bool:
            return m is not None and bool(m.code) and m.kind == "ORG" and m.code[3:] in ("REB", "ISI", "MUSISI")

        found = next((m for m in reversed(named[:i]) if armed(m)), None)
        return found or next((m for m in named[i:] if armed(m)), None)

    @staticmethod
    def owner_group(head: Token, named: list[ActorMention | None]) -> ActorMention | None:
        """A named organisation that qualifies a sector noun ("Hezbollah fighters", "the group's
        leader"), if any."""
        for token in head.lefts:
            if token.dep_ in MODIFIER_DEPS:
                mention = named[token.i]
                if mention is not None and mention.code and len(mention.code) > 3 and mention.kind == "ORG":
                    return mention
        return None

    def known_surname(self, surname: str, published: str | None) -> str | None:
        """The one known office holder with this surname in office on the date (or the only one)."""
        names = self.surnames.get(surname)
        if not names:
            return None
        if len(names) == 1:
            return next(iter(names))
        if published:
            current = [n for n in names if any(o.start <= published and (o.end is None or published < o.end)
                                                for o in self.vocab.people[n])]
            if len(current) == 1:
                return current[0]
        return None

    def add_groups(self, doc: Doc, mentions: list[ActorMention], taken: list[bool]) -> list[ActorMention]:
        """Mentions that stand for two actors: "both sides", "the two countries' leaders"
        (the last two distinct actors named before), "Chadian and Cameroonian troops"."""
        result = []
        for mention in mentions:
            head = doc[mention.end - 1]
            if mention.kind == "AGENT":
                countries = [self.country_of_word(t.text) for t in _modifiers(head)]
                countries = [c for c in dict.fromkeys(countries) if c]
                if len(countries) >= 2:
                    sector = mention.code[3:6] if mention.code and len(mention.code) >= 6 else None
                    members = tuple(replace(mention, code=_join(c, sector), entity=f"agent:{c}", members=())
                                    for c in countries)
                    mention = replace(mention, members=members)
            result.append(mention)
        by_token = _index(doc, result)
        for token in _tokens_with(doc, "LEMMA", self.group_hashes(doc)):
            if token.lemma_.lower() not in GROUP_NOUNS or token.tag_ not in ("NNS", "NNPS"):
                continue
            owner = by_token[token.i]
            counted = any(c.lower_ in ("both", "two") for c in token.lefts) or any(
                c.lower_ == "two" for t in token.lefts for c in t.lefts)
            if owner is not None and owner.kind == "AGENT" and owner.code and owner.start == token.i - 1 \
                    and counted and self.describe(token)[0] is None:
                owner = replace(owner, code=None)  # "both leaders": the country was only a guess
                result[result.index(by_token[token.i])] = owner
            if taken[token.i] and not (owner is not None and owner.code is None and owner.kind == "AGENT"):
                continue  # "the two countries' foreign ministers" is a group; other taken words are not
            if not counted:
                continue
            subject = _subject_tokens(token)
            earlier = [m for m in result if m.start < token.i and m.participant_code and not (
                m.start >= sentence_of(doc, token.i).start
                and (doc[m.end - 1].dep_.startswith("nsubj") or m.end - 1 in subject))]
            sector = GROUP_NOUNS[token.lemma_.lower()]
            persons = token.lemma_.lower() in PERSON_GROUP_NOUNS
            nations = token.lemma_.lower() in ("country", "nation")  # "both countries": the bare codes
            if persons:
                # "both leaders": the last two persons named, who may lead two sides of one country
                earlier = [m for m in earlier if m.kind == "PERSON"]
            codes: list[ActorMention] = []
            for m in reversed(earlier):
                if all((m.entity != c.entity and m.participant_code != c.participant_code) if persons
                       else m.participant_code[:3] != c.participant_code[:3] for c in codes):
                    codes.append(m)
                if len(codes) == 2:
                    break
            if len(codes) < 2:
                continue
            if owner is not None and owner.code is None:
                head_sector, _ = self.agent_sector([doc[owner.end - 1]])
                sector = head_sector or sector
            if persons and all(len(c.participant_code) > 3 for c in codes):
                sector = None  # each keeps the code of what they lead
                if owner in result:
                    result.remove(owner)
            members = tuple(ActorMention(token.i, token.i + 1, token.text,
                                         _join(m.participant_code[:3], sector) if len(m.participant_code) == 3 or sector or nations
                                         else m.participant_code, "AGENT", m.entity) for m in reversed(codes))
            start, end = (owner.start, owner.end) if owner is not None and owner.code is None else (token.i, token.i + 1)
            members = tuple(replace(m, start=start, end=end) for m in members)
            result.append(ActorMention(start, end, doc[start:end].text, members[0].code, "AGENT", None, members=members))
        result.sort(key=lambda m: m.start)
        return result

    def group_hashes(self, doc: Doc) -> set[int]:
        """String hashes of the group nouns and anaphors ("sides", "the group")."""
        if self._group_hashes is None:
            self._group_hashes = {doc.vocab.strings.add(w) for w in [*GROUP_NOUNS, *GROUP_ANAPHORS]}
        return self._group_hashes

    def link_titles(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """Give a title in apposition and its person the same code and referent."""
        by_token = _index(doc, mentions)
        linked = list(mentions)
        for n, mention in enumerate(mentions):
            if mention.kind != "PERSON":
                continue
            root = doc[mention.end - 1]
            title = by_token[root.head.i] if root.dep_ == "appos" else None
            if title is not None and title.kind == "AGENT" and title.code and not mention.code:
                linked[n] = replace(mention, code=title.code)
        # "the French president" after "Francois Hollande" (FRAGOV): the same referent.
        persons: dict[str, ActorMention] = {}
        for n, mention in enumerate(linked):
            if mention.kind == "PERSON" and mention.code:
                persons[mention.code] = mention
            elif (mention.kind == "AGENT" and mention.code in persons
                  and mention.start > 0 and doc[mention.start - 1].lower_ == "the" and doc[mention.end - 1].tag_ == "NN"):
                linked[n] = replace(mention, entity=persons[mention.code].entity)
        return linked

    def resolve_pronouns(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """Add mentions for he/she (last person, the last subject first), him/her (last person
        other than the clause's subject), it (last singular subject organisation, country or
        body), we (the speaker of the quotation it stands in); "its troops" and "his
        government" take the country of the pronoun's referent."""
        quotes = doc._.ew_quotes or []
        by_token = _index(doc, mentions)
        resolved = list(mentions)
        persons: list[ActorMention] = []
        last_person: ActorMention | None = None
        last_thing: ActorMention | None = None
        last_group: ActorMention | None = None
        last_org: ActorMention | None = None
        pos = 0
        ordered = sorted(mentions, key=lambda m: m.start)
        pronouns = set(_tokens_with(doc, "POS", {doc.vocab.strings.add("PRON")}, as_index=True))
        pronouns.update(_tokens_with(doc, "LEMMA", self.group_hashes(doc), as_index=True))
        for token in (doc[i] for i in sorted(pronouns)):
            while pos < len(ordered) and ordered[pos].start <= token.i:
                m = ordered[pos]
                is_subject = _stands_for_subject(doc[m.end - 1], by_token)
                if m.kind == "PERSON" and m.code:
                    persons.append(m)
                    if is_subject or last_person is None or sentence_of(doc, last_person.start).start != sentence_of(doc, m.start).start:
                        last_person = m
                elif m.kind in ("GPE", "ORG", "AGENT") and m.code and is_subject \
                        and doc[m.end - 1].tag_ not in ("NNS", "NNPS"):
                    last_thing = m
                elif m.kind == "AGENT" and m.participant_code and doc[m.end - 1].tag_ in ("NNS", "NNPS"):
                    last_group = m
                if m.kind == "ORG" and m.code and len(m.code) > 3:
                    last_org = m
                pos += 1
            if token.pos_ == "NOUN" and token.lemma_.lower() in GROUP_ANAPHORS and by_token[token.i] is None \
                    and any(c.lower_ == "the" for c in token.lefts) and last_org is not None:
                # "the group", "the militia": the organisation named last
                resolved.append(ActorMention(token.i, token.i + 1, token.text, last_org.code, "PRON", last_org.entity))
                continue
            if token.pos_ != "PRON":
                continue
            lower = token.lower_
            antecedent = None
            if lower in PERSON_PRONOUNS:
                antecedent = last_person
                if token.dep_ in ("dobj", "pobj", "dative") and antecedent is not None:
                    verb = token.head.head if token.dep_ == "pobj" else token.head
                    subject = next((c for c in verb.children if c.dep_.startswith("nsubj")), None)
                    while subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
                        verb = verb.head  # "spoke to Mubarak and urged him": the subject of "spoke"
                        subject = next((c for c in verb.children if c.dep_.startswith("nsubj")), None)
                    subject_mention = by_token[subject.i] if subject is not None else None
                    if subject_mention is not None and subject_mention.entity == antecedent.entity:
                        others = [p for p in persons if p.entity != antecedent.entity]
                        antecedent = others[-1] if others else None
            elif lower in THING_PRONOUNS and token.dep_ in ("nsubj", "poss", "nsubjpass"):
                antecedent = last_thing
            elif lower in ("they", "them", "their"):
                antecedent = last_group
            elif lower in GROUP_PRONOUNS:
                antecedent = self.quote_speaker(token, quotes, by_token)
            if antecedent is None or not antecedent.participant_code:
                continue
            owner = by_token[token.i]
            if owner is None:
                resolved.append(ActorMention(token.i, token.i + 1, token.text,
                                             antecedent.participant_code, "PRON", antecedent.entity))
            elif owner.kind == "AGENT" and token.dep_ == "poss" and token.i == owner.start \
                    and self.describe(doc[owner.end - 1])[0] is None:
                # "its troops", "his government": the owner's country, the noun's sector
                sector = owner.code[3:6] if owner.code and len(owner.code) >= 6 else None
                country = antecedent.participant_code[:3]
                code = antecedent.participant_code if len(antecedent.participant_code) > 3 and \
                    antecedent.participant_code[:3] in ("IGO", "NGO", "IMG") else _join(country, sector)
                resolved[resolved.index(owner)] = replace(owner, code=code, entity=f"agent:{code}:{owner.text}")
                by_token = _index(doc, resolved)
        resolved.sort(key=lambda m: m.start)
        return resolved

    @staticmethod
    def quote_speaker(token: Token, quotes: Iterable, by_token: list) -> ActorMention | None:
        """The actor of the speaker of the direct quotation that contains ``token``."""
        for quote in quotes:
            if quote.direct and quote.speaker is not None and quote.start_char <= token.idx < quote.end_char:
                for t in quote.speaker:
                    if by_token[t.i] is not None:
                        return by_token[t.i]
        return None


def _tokens_with(doc: Doc, attr: str, values: set[int], as_index: bool = False) -> list:
    """Tokens (or their indices) whose attribute's string hash is in ``values``; the others never
    become Python objects, which is most of the cost of a pass over a Doc."""
    column = doc.to_array(attr)
    found = [i for i, value in enumerate(column.tolist()) if value in values]
    return found if as_index else [doc[i] for i in found]


def mention_index(doc: Doc) -> list[ActorMention | None]:
    """For each token of the Doc, the actor mention covering it (or None); built once per Doc."""
    actors = doc._.ew_actors or []
    cached = doc.user_data.get("ew_actor_index")
    if cached is not None and cached[0] is actors:
        return cached[1]
    index = _index(doc, actors)
    doc.user_data["ew_actor_index"] = (actors, index)
    return index


def _index(doc: Doc, mentions: Iterable[ActorMention]) -> list[ActorMention | None]:
    index: list[ActorMention | None] = [None] * len(doc)
    for mention in mentions:
        for i in range(mention.start, mention.end):
            index[i] = mention
    return index


def _trim(ent: Span) -> Span | None:
    """Drop a leading article and a trailing possessive from an entity span."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in DROP_WORDS:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=ent.label_)


def _entity_text(token: Token) -> str:
    """The whole entity a token belongs to, or the token's text."""
    if not token.ent_type_:
        return token.text
    doc = token.doc
    ents = doc.user_data.get("ew_ent_of")
    if ents is None:
        ents = doc.user_data["ew_ent_of"] = {i: ent for ent in entities(doc) for i in range(ent.start, ent.end)}
    ent = ents.get(token.i)
    if ent is None:
        return token.text
    trimmed = _trim(ent)
    return trimmed.text if trimmed is not None else token.text


def _modifiers(head: Token) -> list[Token]:
    """The words qualifying a noun, and theirs ("Chinese" in "Chinese Foreign Ministry spokesman")."""
    found: list[Token] = []
    stack = [t for t in head.lefts if t.dep_ in MODIFIER_DEPS]
    while stack:
        token = stack.pop()
        if _is_pro_or_anti(token):
            continue  # "pro-Russian protesters" are not Russian
        found.append(token)
        stack += [t for t in token.children if t.dep_ in MODIFIER_DEPS and t.i < head.i or t.dep_ == "conj"]
    return found


def _stands_for_subject(token: Token, by_token: list[ActorMention | None]) -> bool:
    """True for the head of a subject, and for the owner or qualifier of a subject noun that is no
    actor itself ("Azerbaijan's prosecutor-general's office", "A U.N. fact-finding mission",
    "The UN peacekeeping mission, MONUSCO")."""
    for _ in range(3):
        if token.dep_.startswith("nsubj"):
            return True
        if token.dep_ not in ("poss", "compound", "nmod", "appos") or token.head.i == token.i:
            return False
        token = token.head
        if by_token[token.i] is not None:
            return False
    return False


def _is_pro_or_anti(token: Token) -> bool:
    """True for the "Russian" of "pro-Russian" / "Pro - Russian" / "anti-American" and those words."""
    doc, i = token.doc, token.i
    if token.lower_.startswith(("pro-", "anti-")) or token.lower_ in ("pro", "anti"):
        return True
    if i > 0 and doc[i - 1].lower_ in ("pro", "anti"):
        return True
    return i > 1 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("pro", "anti")


def _subject_tokens(token: Token) -> set[int]:
    """Indices of the words of the subject of the clause a word is in ("Chinese Foreign Ministry
    spokesman Hong Lei" in "... urged both sides"): a group it names never includes them."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return {t.i for child in verb.children if child.dep_.startswith("nsubj") for t in child.subtree}


def _without_brackets(text: str) -> str:
    """ "Islamic State (IS)" -> "Islamic State"."""
    return text.split("(")[0].strip()


def _has_determiner_of_other(head: Token) -> bool:
    """True for "major countries' leaders"-like phrases whose owner is some other noun."""
    return any(t.dep_ == "poss" and t.pos_ == "NOUN" for t in head.lefts)


def _join(country: str | None, sector: str | None) -> str | None:
    if country is None:
        return None
    if len(country) > 3:
        return country  # an organisation's own code already says what it is
    if sector and country[:3] not in ("IGO", "NGO", "IMG"):
        return country + sector
    return country


register_component(
    "eventwire_actors",
    lambda: ActorResolver(load_actors(), load_gazetteer()),
    assigns=["doc._.ew_actors"],
    requires=["doc.ents", "token.dep", "token.lemma"],
)
