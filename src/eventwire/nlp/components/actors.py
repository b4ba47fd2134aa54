"""The actors component: every actor mention in the Doc with its CAMEO actor code.

Sources of a code, in order: the project's named-actor lists (countries, capitals, organisations,
armed groups, office holders on the publication date), then the words around a name or a sector
noun ("Russian President", "his French counterpart", "Israeli troops"), then in-document
coreference (surname after a full name; pronouns in ``pronouns.py``). NER labels are used to find
spans, never trusted alone for the code. The parse is read through ``actor_parse.py``'s int lists.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventwire.codebooks.actors import ActorVocabulary, join_code, load_actors
from eventwire.context.gazetteer import Gazetteer, fold_name, load_gazetteer
from eventwire.model import Place
from eventwire.nlp.annotations import ActorMention, entities, span_text
from eventwire.nlp.components import register_component
from eventwire.nlp.components.actor_parse import ActorParse, actor_parse, index_mentions, sentence_start
from eventwire.nlp.components.pronouns import GROUP_ANAPHORS, PERSON_PRONOUNS, object_subject, resolve_pronouns

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
# Plural nouns that, with "both" or "the two", stand for the last two actors named; the sector they give.
GROUP_NOUNS = {"side": None, "country": None, "nation": None, "neighbour": None, "neighbor": None, "party": None,
               "leader": "GOV", "government": "GOV", "president": "GOV", "minister": "GOV", "delegation": "GOV",
               "army": "MIL", "military": "MIL", "navy": "MIL"}


PERSON_GROUP_NOUNS = {"leader", "president"}
INSURGENT_SECTORS = {"REB", "OPP"}  # a country's side against its own state in "both sides"
# Verbs whose object force or envoy belongs to their subject ("Japan will send a deputy minister").
DISPATCH_LEMMAS = {"send", "dispatch", "deploy", "order", "mobilize", "mobilise", "rush", "move", "station"}
# Nouns that "X-led" makes a country's armed coalition ("the Saudi-led coalition" = SAUMIL).
LED_GROUPS = {"coalition", "alliance", "force"}
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "KOR", "PRK", "VNM", "MNG"}
# Sectors that make an ethnic community's own forces or leadership that country's rebels.
COMMUNITY_ARMED_SECTORS = {"MIL", "GOV", "REB"}
DISPLACED_LEMMAS = {"displace", "uproot"}  # civilians so qualified are refugees (REF)
FORMER_WORDS = {"former", "ex"}  # "Former Tanzanian President": the "former <title>" row of agents.tsv
NATION_NOUNS = {"people"}  # "the Haitian people": the nation itself
_UNKNOWN = object()
MEMO_SIZE = 50_000  # entries kept by the per-resolver memos of name lookups before they start over


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
        self._communities: dict[str, str] = {}  # "serb" -> BIH in a story about Bosnian Serbs
        self._agent_places: dict[str, str] = {}  # lowercase lemma of a sector noun -> country of its last place
        self._story_names: dict[str, tuple[str, str]] = {}  # organisation text -> (code, kind) in this story
        self.max_agent_words = max((len(p.split()) for p in vocab.agents), default=1)
        self.agent_ends = {p.split()[-1] for p in vocab.agents}  # the last words of agent phrases
        self.agent_firsts = {p.split()[0] for p in vocab.agents if " " in p}  # first words of longer ones
        self._gazetteer_places: dict[str, Place | None] = {}
        self._person_codes: dict[tuple[str, str | None], str | None] = {}
        self._armed: tuple[list | None, list[int]] = (None, [])  # index of mentions -> armed groups in it
        self._named: dict[str, tuple[str, str] | None] = {}  # named_actor of texts no shared name matches
        self._word_sectors: dict[tuple[int, int], tuple[str | None, int]] = {}  # (LOWER, LEMMA) -> sector
        self._lookups: dict[str, tuple[str, str] | None] = {}
        self._no_context: set[str] = set()  # forms no name shared by several countries matches
        self._descriptions: tuple[Doc | None, dict[int, tuple[str | None, str | None]]] = (None, {})
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
        known = self._named.get(text, _UNKNOWN)
        if known is not _UNKNOWN:
            return known
        shared = False  # whether the answer depends on the countries of this story
        found = None
        for form in dict.fromkeys((text, _without_brackets(text))):
            found = self._lookup(form)
            if found is None and form not in self._no_context:
                shared = True
                found = self.vocab.lookup_in_context(form, self._tally)
            if found:
                break
        if not shared:
            if len(self._named) >= MEMO_SIZE:
                self._named.clear()
            self._named[text] = found
        return found

    def _place(self, name: str) -> Place | None:
        """``gazetteer.lookup(name)``, memoised (a pure function of the name)."""
        try:
            return self._gazetteer_places[name]
        except KeyError:
            if len(self._gazetteer_places) >= MEMO_SIZE:
                self._gazetteer_places.clear()
            place = self._gazetteer_places[name] = self.gazetteer.lookup(name)
            return place

    def _lookup(self, form: str) -> tuple[str, str] | None:
        """``vocab.lookup``, memoised (a pure function of the text; names recur within and across
        stories). Also notes the forms no shared name can match, whatever the story."""
        try:
            return self._lookups[form]
        except KeyError:
            if len(self._lookups) >= MEMO_SIZE:
                self._lookups.clear()
                self._no_context.clear()
            found = self._lookups[form] = self.vocab.lookup(form)
            if not found and not self.vocab.is_shared_name(form):
                self._no_context.add(form)
            return found

    def agent_candidates(self, doc: Doc) -> list[Token]:
        """Tokens whose form or lemma ends an agent phrase ("troops", "minister"), found by
        string hash so that other tokens never become Python objects."""
        return [doc[i] for i in self._agent_candidates(doc)]

    def _agent_candidates(self, doc: Doc) -> list[int]:
        if self.agent_heads is None:
            strings = doc.vocab.strings
            self.agent_heads = {strings.add(phrase.split()[-1]) for phrase in self.vocab.agents}
        heads = self.agent_heads
        parse = actor_parse(doc)
        return [i for i, (lemma, lower) in enumerate(zip(parse.lemma, parse.lower)) if lower in heads or lemma in heads]

    def agent_sector(self, words: list[Token]) -> tuple[str | None, int]:
        """Sector of the longest agent phrase ending at the last of ``words``, and its length."""
        if not words:
            return None, 0
        return self._sector(actor_parse(words[0].doc), [t.i for t in words])

    def _sector(self, parse: ActorParse, words: list[int]) -> tuple[str | None, int]:
        """:meth:`agent_sector` on token indices. A phrase ends with one of a few words and one of
        two or more words starts with one of a few: the joins are made only when they may match."""
        if not words:
            return None, 0
        last = words[-1]
        if len(words) == 1:
            # one word: a pure function of its forms, asked for again and again
            key = (parse.lower[last], parse.lemma[last])
            found = self._word_sectors.get(key)
            if found is None:
                if len(self._word_sectors) >= MEMO_SIZE:
                    self._word_sectors.clear()
                found = self._word_sectors[key] = self._phrase_sector(parse, words)
            return found
        return self._phrase_sector(parse, words)

    def _phrase_sector(self, parse: ActorParse, words: list[int]) -> tuple[str | None, int]:
        last = words[-1]
        lower, lemma = parse.lower_(last), parse.lemma_lower(last)
        ends = self.agent_ends
        if lower.rsplit(" ", 1)[-1] not in ends and lemma.rsplit(" ", 1)[-1] not in ends:
            return None, 0
        agents, firsts = self.vocab.agents, self.agent_firsts
        for size in range(min(self.max_agent_words, len(words)), 1, -1):
            tail = words[-size:]
            if parse.lower_(tail[0]).split(" ", 1)[0] in firsts:
                agent = agents.get(" ".join(parse.lower_(t) for t in tail))
                if agent:
                    return agent.sector, size
            if parse.lemma_lower(tail[0]).split(" ", 1)[0] in firsts:
                agent = agents.get(" ".join(parse.lemma_lower(t) for t in tail))
                if agent:
                    return agent.sector, size
        for form in (lower, lemma):
            agent = agents.get(form)
            if agent:
                return agent.sector, 1
        return None, 0

    def _user_sector(self, parse: ActorParse, chain: list[int], size: int) -> str | None:
        """The sector of the force a piece of equipment or a site belongs to, when a qualifier
        names it ("rebel positions" REB, "police helicopters" COP); None for other phrases."""
        tail = chain[-size:]
        agents = self.vocab.agents
        agent = (agents.get(" ".join(parse.lower_(t) for t in tail))
                 or agents.get(" ".join(parse.lemma_lower(t) for t in tail)))
        if agent is None or not agent.thing:
            return None
        for token in reversed(chain[:-size]):
            found, _ = self._sector(parse, [token])
            if found is not None and not self._is_thing(parse, token):
                return found
        return None

    def _former_sector(self, parse: ActorParse, chain: list[int], size: int) -> str | None:
        """The sector of "former <title>" when "former" qualifies a title with other words between
        ("Former Tanzanian President X" = ELI, as "former president" in agents.tsv), else None."""
        before = chain[:-size]
        if not any(parse.lower_(t) in FORMER_WORDS for t in before):
            return None
        title = " ".join(parse.lower_(t) for t in chain[-size:])
        lemma = " ".join(parse.lemma_lower(t) for t in chain[-size:])
        agents = self.vocab.agents
        agent = agents.get(f"former {title}") or agents.get(f"former {lemma}")
        return agent.sector if agent is not None else None

    def _qualified_thing(self, parse: ActorParse, head: int) -> bool:
        """Whether words before an equipment or site noun name the force it belongs to, as a
        phrase ("military base") or a qualifier with a sector ("rebel positions")."""
        chain = sorted(set(_modifiers_at(parse, head) + [head]))
        sector, size = self._sector(parse, chain)
        return sector is not None and (size > 1 or self._user_sector(parse, chain, size) is not None)

    def _is_thing(self, parse: ActorParse, token: int) -> bool:
        """Whether a word is itself an equipment or site noun ("helicopter gunships")."""
        agent = self.vocab.agents.get(parse.lower_(token)) or self.vocab.agents.get(parse.lemma_lower(token))
        return agent is not None and agent.thing

    def is_person_title(self, parse: ActorParse, mention: ActorMention) -> bool:
        """Whether a sector-noun mention is a singular title one person holds ("the Kenyan
        president", "a government spokesman"): he/she may stand for it (agents.tsv ``person``)."""
        if mention.kind != "AGENT" or mention.members or parse.tag[mention.end - 1] in parse.ids.plural:
            return False
        words = list(range(mention.start, mention.end))
        agents = self.vocab.agents
        for size in range(min(self.max_agent_words, len(words)), 0, -1):
            tail = words[-size:]
            agent = (agents.get(" ".join(parse.lower_(t) for t in tail))
                     or agents.get(" ".join(parse.lemma_lower(t) for t in tail)))
            if agent is not None:
                return agent.person
        return False

    def describe(self, head: Token) -> tuple[str | None, str | None]:
        """(country, sector) from a noun and the words that qualify it."""
        return self._describe(head.doc, head.i)

    def _describe(self, doc: Doc, head: int) -> tuple[str | None, str | None]:
        """:meth:`describe` of token ``head``, once per token and Doc (it depends only on the
        Doc and the per-Doc state set before any mention is made)."""
        memo = self._descriptions
        if memo[0] is not doc:
            memo = self._descriptions = (doc, {})
        found = memo[1].get(head)
        if found is None:
            found = memo[1][head] = self._describe_anew(doc, head)
        return found

    def _describe_anew(self, doc: Doc, head: int) -> tuple[str | None, str | None]:
        parse = actor_parse(doc)
        ids, dep, pos, children = parse.ids, parse.dep, parse.pos, parse.children
        country = sector = None
        modifiers = list(_modifiers_at(parse, head))
        # A title in apposition ("his French counterpart Francois Hollande") describes the name.
        if dep[head] == ids.appos and pos[parse.heads[head]] in ids.nouns:
            modifiers += [parse.heads[head]] + _modifiers_at(parse, parse.heads[head])
        for child in children(head):
            if dep[child] == ids.appos and pos[child] == ids.NOUN:
                modifiers += [child] + [t for t in parse.lefts(child) if dep[t] in ids.modifier_deps]
        chain = sorted(set(modifiers + [head]))
        if self._led:
            led = next((self._led[parse.lemma_lower(t)] for t in chain if parse.lemma_lower(t) in self._led
                        and not any(parse.lower[c] == ids.led for c in children(t))), None)
            if led is not None:
                return led[:3], "MIL"  # "coalition warplanes", "Coalition spokesman X"
        sector, size = self._sector(parse, chain)
        if sector is not None:
            sector = self._user_sector(parse, chain, size) or self._former_sector(parse, chain, size) or sector
        if sector is None:
            for token in chain:
                found, _ = self._sector(parse, [token])
                if found is None and token != head:
                    found = self._of_title_sector(parse, token)  # "Secretary of State X"
                if found:
                    sector = self._former_sector(parse, [t for t in chain if t <= token], 1) or found
                    break
        if self._communities:
            community = next((self._communities[parse.lower_(t)] for t in chain
                              if parse.lower_(t) in self._communities), None)
            if community is not None:
                # "Bosnian Serb forces", "Serb troops": an ethnic community's armed forces and
                # leaders are its country's rebels, not the state's (CAMEO 10.x: BIHSER; REB)
                return community, "REB" if sector in COMMUNITY_ARMED_SECTORS else sector
        for token in chain:
            if token == head:
                continue
            if parse.ent_type[token] == ids.ORG and not _name_tail(doc, token):
                name = _entity_text_at(doc, token)
                named = self._story_names.get(name) or self.named_actor(name)
                if named and len(named[0]) > 3:
                    return named[0], sector  # "NATO envoy", "UN chief": the organisation's code
            found = self.country_of_word(parse.text(token))
            if found is None and parse.ent_type[token] in ids.place_labels:
                found = self.country_of_word(_entity_text_at(doc, token))
            if found:
                country = found
                break
        if country is None:
            # "the head of Russia", "a spokesman for the Sudanese Professionals Association",
            # "an aide to Azerbaijan's president"
            titles = [head] + [c for c in children(head) if dep[c] == ids.appos and pos[c] == ids.NOUN]
            for prep in (p for t in titles for p in children(t)):
                if dep[prep] != ids.prep or parse.lower[prep] not in ids.by_prep:
                    continue
                for obj in (o for o in children(prep) if dep[o] == ids.pobj):
                    text = _entity_text_at(doc, obj)
                    if parse.ent_type[obj] == ids.ORG and parse.lower[prep] != ids.to:
                        if _name_tail(doc, obj):  # "secretary of Iran's Supreme National Security Council"
                            national = self._describe(doc, obj)[0]
                            return (national, "GOV") if national else (country, sector)
                        named = self.named_actor(text)
                        if named and len(named[0]) > 3:
                            return named[0], sector
                    country = self.country_of_word(text)
                    if country is None and parse.lower[prep] != ids.of and pos[obj] == ids.NOUN:
                        country = self._describe(doc, obj)[0] if self._sector(parse, [obj])[0] else None
                    if country:
                        return country, sector
        return country, sector

    def _of_title_sector(self, parse: ActorParse, token: int) -> str | None:
        """Sector of a title written "X of Y" before a name ("Secretary of State", "Minister of
        Defence"), whose last word the model may have tagged as a name of its own."""
        if parse.lower_(token) not in self.agent_firsts:
            return None
        for prep in parse.children(token):
            if parse.dep[prep] == parse.ids.prep and parse.lower[prep] == parse.ids.of:
                for obj in parse.children(prep):
                    if parse.dep[obj] == parse.ids.pobj:
                        return self._phrase_sector(parse, [token, prep, obj])[0]
        return None

    # -- the pass over a Doc ------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.ew_published
        parse = actor_parse(doc)
        ids = parse.ids
        self._descriptions = (doc, {})
        dateline = self._place(doc._.ew_dateline) if doc._.ew_dateline else None
        home = self.main_country(doc, dateline.country if dateline is not None else None)
        doc._.ew_home = home
        self._places = self.sentence_places(doc)
        self._led = self.led_groups(doc)
        self._communities = self.communities(doc)
        self._agent_places = {}
        self._story_names = {}
        mentions: list[ActorMention] = []
        taken = [False] * len(doc)
        surnames: dict[str, ActorMention] = {}
        acronyms: dict[str, ActorMention] = {}  # "GNA" -> the named actor it was given for in brackets

        def add(mention: ActorMention) -> None:
            mentions.append(mention)
            for i in range(mention.start, mention.end):
                taken[i] = True

        for ent, label, text in _entity_rows(doc):
            if label not in ENTITY_LABELS:
                continue
            bounds = _trimmed_bounds(parse, ent.start, ent.end)
            if bounds is None:
                continue
            if bounds != (ent.start, ent.end):
                span = Span(doc, bounds[0], bounds[1], label=label)
                text = span_text(span)
            else:
                span = ent
            mention = self._entity_mention(span, text, label, published, surnames, home)
            if mention is not None and mention.code is None and _is_acronym(text):
                mention = _acronym_of(parse, mention, mentions, acronyms)
            elif mention is not None and mention.kind == "ORG" and mention.code and len(mention.code) > 3:
                mention = _shortened_group(mention, mentions)
            if mention is not None and mention.code and mention.code.startswith("IGO") and mentions:
                national = self._national_body(doc, mentions[-1], mention, home)
                if national is not None:
                    mentions.pop()
                    mention = national
            if mention is not None and mention.kind == "ORG" and mention.code:
                self._story_names[text] = (mention.code, "ORG")  # "LNA spokesman", "Taliban commander"
            if mention is not None:
                add(mention)
                if mention.kind == "PERSON" and span.end - span.start >= 2:
                    surnames.setdefault(parse.text(span.end - 1), mention)

        if self._short_heads is None:
            self._short_heads = {doc.vocab.strings.add(f.split()[-1]) for f in self.short_forms}
        for i in _tokens_with(doc, "LOWER", self._short_heads, as_index=True):
            short = None if taken[i] else self._short_form_country(doc, i)
            if short is not None:
                add(ActorMention(i, i + 1, parse.text(i), short, "GPE", f"gpe:{short}"))

        # Surnames of persons named in full, wherever the model put them (Hollande as ORG).
        by_start = {m.start: m for m in mentions}
        name_pos = (ids.PROPN, ids.NOUN, ids.X)
        wanted = {doc.vocab.strings.add(name) for name in surnames}
        for i in [i for i, orth in enumerate(parse.orth) if orth in wanted]:
            text = parse.text(i)
            person = surnames.get(text)
            if person is None or parse.pos[i] not in name_pos or i < person.start:
                continue
            existing = by_start.get(i)
            if (existing is not None and existing.kind == "PERSON") or (existing is None and taken[i]):
                continue
            if existing is not None and existing.end - existing.start > 1:
                continue
            if existing is not None:
                mentions.remove(existing)
            surname = ActorMention(i, i + 1, text, person.code, "PERSON", person.entity)
            mentions.append(surname)
            by_start[i] = surname
            taken[i] = True

        for i in _tokens_with(doc, "LEMMA", {doc.vocab.strings.add(w) for w in self._led}, as_index=True):
            if not taken[i] and parse.pos[i] in ids.nouns and parse.dep[i] != ids.compound:
                code = self._led[parse.lemma_lower(i)]
                lemma = parse.strings[parse.lemma[i]]
                add(ActorMention(i, i + 1, parse.text(i), code, "AGENT", f"agent:{code}:{lemma}"))

        named = index_mentions(doc, mentions)
        for i in self._agent_candidates(doc):
            if taken[i] or parse.pos[i] not in ids.nouns or parse.dep[i] == ids.compound:
                continue
            mention = self._agent_mention(doc, i, home, named)
            if mention is not None:
                add(mention)

        mentions.sort(key=lambda m: m.start)
        if self._communities:
            mentions = self.armed_communities(mentions)
        mentions = self.add_groups(doc, mentions, taken)
        mentions = self.link_titles(doc, mentions)
        mentions = resolve_pronouns(self, doc, mentions)
        mentions = self.dispatched_agents(doc, mentions)
        doc._.ew_actors = mentions
        return doc

    def _national_body(self, doc: Doc, before: ActorMention, body: ActorMention,
                       home: str | None) -> ActorMention | None:
        """"Iran's Supreme National | Security Council": an IGO body's name ending a longer proper
        name (the model split it) names a state's own body: the state's GOV, not the IGO."""
        if before.end != body.start or before.code is not None or before.kind != "ORG":
            return None
        country, _ = self._describe(doc, body.end - 1)
        country = country or self._describe(doc, before.end - 1)[0] or home
        text = doc[before.start:body.end].text
        code = join_code(country, "GOV") if country else None
        return ActorMention(before.start, body.end, text, code, "ORG", f"org:{text.lower()}")

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

    def communities(self, doc: Doc) -> dict[str, str]:
        """"Bosnian Serb(s)" -> {"serb": "BIH", "serbs": "BIH"}: a place's demonym before another
        country's names the ethnic community living there (CAMEO manual 10.x, Bosnian Serb = BIHSER);
        in that story the bare "Serb(s)" is the community. Only when the story names the first
        country at least as often as the second (a "Pakistani American" in a U.S. story is not)."""
        found: dict[str, str] = {}
        demonyms = self.vocab.demonyms
        for _, label, text in _entity_rows(doc):
            if label != "NORP" or text.count(" ") != 1:
                continue
            first, second = text.lower().split()
            place, kin = demonyms.get(first), demonyms.get(second)
            if place and kin and place != kin and self._tally.get(place, 0) >= self._tally.get(kin, 0):
                stem = second[:-1] if second.endswith("s") else second
                for form in (text.lower(), stem, stem + "s"):
                    if demonyms.get(form.split()[-1]) == kin:
                        found[form] = place
        return found

    def armed_communities(self, mentions: list[ActorMention]) -> list[ActorMention]:
        """In a story naming a community's forces or leaders ("Bosnian Serb forces" = BIHREB), the
        community acting as such ("the Serbs threatened") is that armed side too."""
        armed = {m.code for m in mentions if m.code and m.code[3:] == "REB" and m.code[:3] in self._communities.values()}
        return [replace(m, code=m.code + "REB") if m.kind == "NORP" and m.code and m.code + "REB" in armed
                and m.text.lower() in self._communities else m for m in mentions]

    def sentence_places(self, doc: Doc) -> dict[int, list[tuple[int, str]]]:
        """Sentence start -> (token, country) of the cities and regions named in it."""
        places: dict[int, list[tuple[int, str]]] = {}
        countries: dict[int, list[tuple[int, str]]] = {}
        self._described = {}
        parse = actor_parse(doc)
        for ent, label, text in _entity_rows(doc):
            if label not in ("GPE", "LOC", "FAC") and not self._mislabelled(label, text):
                continue
            sentence = sentence_start(doc, ent.start)
            key = text.lower()
            if key in self.country_names:
                root = _root(parse, ent)
                if parse.dep[root] == parse.ids.pobj and parse.lower[parse.heads[root]] in parse.ids.located:
                    countries.setdefault(sentence, []).append((ent.start, self.country_names[key]))
                continue
            place = self._place(text)
            country = place.country if place is not None and place.country else self.described_place(ent)
            if country:
                places.setdefault(sentence, []).append((ent.start, country))
        self._countries_in = countries
        return places

    def clause_country(self, head: Token) -> str | None:
        """The country of the city, region or country named where the clause of ``head`` happens
        (the nearest one to it in the subtree of its verb, outside the clauses nested in it: not
        the Jeddah of "called on the army to return to talks in Jeddah"), or None."""
        return self._clause_country(head.doc, head.i)

    def _clause_country(self, doc: Doc, i: int) -> str | None:
        parse = actor_parse(doc)
        verbs, pos, heads = parse.ids.verbs, parse.pos, parse.heads
        verb = i
        while pos[verb] not in verbs and heads[verb] != verb:
            verb = heads[verb]
        if pos[verb] not in verbs:
            return None
        sentence = sentence_start(doc, i)
        found = [p for p in self._places.get(sentence, []) + self._countries_in.get(sentence, [])
                 if parse.in_clause(p[0], verb)]
        return min(found, key=lambda p: abs(p[0] - i))[1] if found else None

    def mislabelled_place(self, ent: Span) -> bool:
        """True for a place the model took for an organisation or a person ("Ngouboua", "Rakhine")."""
        return self._mislabelled(ent.label_, span_text(ent))

    def _mislabelled(self, label: str, text: str) -> bool:
        if label not in ("ORG", "PERSON") or (label == "ORG" and _is_acronym(text)):
            return False  # an organisation's acronym is no place ("GNA" is not the town Guna)
        if self._lookup(text) or text.lower() in self.vocab.people:
            return False
        if label == "PERSON":
            return fold_name(text) in self.gazetteer.area_names()
        return True

    def described_place(self, ent: Span) -> str | None:
        """The country of a place the gazetteer does not know, from the demonym of the noun it names
        ("the Chadian fishing village of Ngouboua" = TCD), else from an earlier such mention."""
        key = span_text(ent).lower()
        known = self._described.get(key)
        if known:
            return known
        parse = actor_parse(ent.doc)
        ids = parse.ids
        root = _root(parse, ent)
        prep = parse.heads[root]
        if parse.dep[root] != ids.pobj or parse.lower[prep] != ids.of or parse.pos[parse.heads[prep]] != ids.NOUN:
            return None
        for token in parse.lefts(parse.heads[prep]):
            country = self.vocab.demonyms.get(parse.lower_(token)) if parse.dep[token] in ids.modifier_deps else None
            if country:
                self._described[key] = country
                return country
        return None

    def local_country(self, token: Token, home: str | None) -> str | None:
        """For an actor whose country the text leaves out: the country of the nearest city or region
        named in its sentence ("talks in Beirut with Prime Minister Fouad Siniora"), else ``home``."""
        nearby = self._places.get(sentence_start(token.doc, token.i), [])
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

        parse = actor_parse(doc)
        ids = parse.ids
        for ent, label, text in _entity_rows(doc):
            if label not in ("GPE", "NORP", "LOC", "PERSON"):
                continue
            if label == "PERSON":
                key = text.lower()
                full = key if key in self.vocab.people else (
                    self.known_surname(key, published) if len(ent) == 1 else None)
                if full is not None:
                    code = self._person_code(full, published)
                    count(code[:3] if code else None, 1)
                continue
            root = _root(parse, ent)
            located = parse.dep[root] == ids.pobj and parse.lower[parse.heads[root]] in ids.located
            iso3 = self.country_of_word(text) or self.capitals.get(text.lower())
            if iso3:
                # a country's name says where the story is more than an adjective does
                # ("in northeastern Mali" against "a French soldier")
                weight = 2 if label == "GPE" and parse.dep_(root) not in ("compound", "nmod", "amod") else 1
                count(iso3, weight + located)
            elif label != "NORP" and not self.gazetteer.is_demonym(text):
                place = self._place(text)
                if place is not None:
                    count(place.country, 1 + located)
        self._tally = tally
        return max(tally, key=lambda c: tally[c]) if tally else None

    def short_form_country(self, token: Token) -> str | None:
        """The country "the North" / "the South" stands for in a story that names it (PRK in a
        Korea story, SDN in a Sudan one), or None."""
        return self._short_form_country(token.doc, token.i)

    def _short_form_country(self, doc: Doc, i: int) -> str | None:
        parse = actor_parse(doc)
        if i == 0 or parse.lower[i - 1] != parse.ids.the or not parse.text(i)[:1].isupper():
            return None
        if i + 1 < len(parse.pos) and parse.pos[i + 1] == parse.ids.PROPN:
            return None  # "the North Korean army", "the South China Sea"
        named = [c for c in self.short_forms.get("the " + parse.lower_(i), ()) if self._tally.get(c)]
        return max(named, key=lambda c: self._tally[c]) if named else None

    def entity_mention(
        self, span: Span, published: str | None, surnames: dict[str, ActorMention], home: str | None = None
    ) -> ActorMention | None:
        """A mention for a named entity span, or None when it is no actor and no place."""
        return self._entity_mention(span, span_text(span), span.label_, published, surnames, home)

    def _entity_mention(self, span: Span, text: str, label: str, published: str | None,
                        surnames: dict[str, ActorMention], home: str | None) -> ActorMention | None:
        """:meth:`entity_mention` given the span's text and label."""
        key = text.lower()
        parse = actor_parse(span.doc)
        short = None
        if span.end - span.start == 1 and span.start > 0 and parse.lower[span.start - 1] == parse.ids.the:
            short = self._short_form_country(span.doc, span.start)
        if short is not None:
            return ActorMention(span.start, span.end, text, short, "GPE", f"gpe:{short}")
        offices = self.vocab.people.get(key)
        if offices:
            code = self._person_code(offices[0].name, published)
            country, sector = self._describe(span.doc, _root(parse, span))
            if (code is None or len(code) == 3 or code.endswith("ELI")) and (country or sector):
                # "U.N.-Arab League envoy Kofi Annan" in 2012, "rebel leader X" after his office
                # ended (the bare country): the title says what he is now.
                code = join_code(country or (code[:3] if code else home), sector) or code
            return ActorMention(span.start, span.end, text, code, "PERSON", f"person:{offices[0].name}")
        if text in surnames and span.end - span.start == 1:
            person = surnames[text]
            return ActorMention(span.start, span.end, text, person.code, "PERSON", person.entity)
        if label == "PERSON" and span.end - span.start == 1:
            full = self.known_surname(key, published)
            if full is not None:
                code = self._person_code(full, published)
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
            # peoples the model labels otherwise ("Yazidi"); a story's community ("Serbs" = BIH)
            iso3 = self._communities.get(key) or self.vocab.demonyms.get(key)
            if iso3:
                return ActorMention(span.start, span.end, text, iso3, "NORP", f"gpe:{iso3}")
            label = "GPE"  # the small model tags some cities NORP ("Aleppo")
        if label == "PERSON" and fold_name(text) in self.gazetteer.area_names():
            label = "GPE"  # a region the model took for a person ("Rakhine")
        if label == "PERSON":
            country, sector = self._describe(span.doc, _root(parse, span))
            if country is None and sector is not None:
                # "Prime Minister Ljubco Georgievski" in an article about Macedonia
                country = self.local_country(span.root, home)
            code = join_code(country, sector) if country else None
            return ActorMention(span.start, span.end, text, code, "PERSON", f"person:{key}")
        if label in ("GPE", "LOC", "FAC"):
            place = self._place(text)
            country = place.country if place is not None and place.country else self._described.get(key)
            if country:
                return ActorMention(span.start, span.end, text, None, label, f"place:{key}", place_country=country)
            return None
        if label == "ORG":
            own, _ = self._sector(parse, list(range(span.start, _root(parse, span) + 1)))
            if own is not None:
                country, sector = self._describe(span.doc, _root(parse, span))
                country = country or home
                if country:
                    code = join_code(country, sector)
                    return ActorMention(span.start, span.end, text, code, "ORG", f"agent:{code}:{key}")
        place = self._place(text) if label == "ORG" and not _is_acronym(text) else None
        country = place.country if place is not None and place.country else self._described.get(key)
        if label == "ORG" and country:
            return ActorMention(span.start, span.end, text, None, "LOC", f"place:{key}", place_country=country)
        return ActorMention(span.start, span.end, text, None, label, f"org:{key}")

    def agent_mention(self, head: Token, fallback_country: str | None,
                      named: list[ActorMention | None]) -> ActorMention | None:
        """A sector noun phrase such as "Israeli troops", "Hezbollah fighters" or "the foreign ministry"."""
        return self._agent_mention(head.doc, head.i, fallback_country, named)

    def _agent_mention(self, doc: Doc, i: int, fallback_country: str | None,
                       named: list[ActorMention | None]) -> ActorMention | None:
        parse = actor_parse(doc)
        ids = parse.ids
        own, _ = self._sector(parse, [i])
        if own is None:
            # a phrase only as a whole is a sector ("a diplomatic convoy", "the upper house")
            phrase = sorted(t for t in parse.lefts(i) if parse.dep[t] in ids.modifier_deps) + [i]
            own, _ = self._sector(parse, phrase)
        if own is None and parse.dep[i] != ids.appos:
            # The sector word only modifies another noun ("military plane"): not an actor.
            return None
        country, sector = self._describe(doc, i)
        if sector is None:
            return None
        lefts = parse.lefts(i)
        if sector == "CVL" and any(parse.lemma_lower(t) in DISPLACED_LEMMAS for t in parse.children(i)
                                   if parse.dep[t] in ids.displaced_deps):
            sector = "REF"  # "people displaced by the fighting", "displaced families" (CODING.md 4: REF)
        if self._is_thing(parse, i) and (
                any(parse.dep[t] == ids.poss and parse.lower_(t) in PERSON_PRONOUNS for t in lefts)
                or (country is None and not self._qualified_thing(parse, i))):
            # "his helicopters" are a person's property; "two bases in Iraq" say where, not whose
            return None
        group = self._owner_group(parse, lefts, named) or _group_of(parse, i, named)
        left = min([i] + [t for t in lefts if parse.dep[t] in ids.modifier_or_det])
        while left < i and (parse.lower[left] in ids.drop_words or named[left] is not None):
            left += 1
        text = parse.span_text(left, i + 1)
        lemma = parse.strings[parse.lemma[i]]
        if sector == "CVL" and country is not None and group is None and _names_nation(parse, i):
            # "condolences to the Haitian people": the nation, the bare code (CODING.md 4, target)
            return ActorMention(left, i + 1, text, country, "AGENT", f"agent:{country}:nation")
        if group is not None and sector == "CVL" and group.code[:3] not in ("IGO", "NGO", "IMG"):
            # "Houthi supporters", "Hamas families": civilians of the group's country
            code = join_code(group.code[:3], sector)
            return ActorMention(left, i + 1, text, code, "AGENT", f"agent:{code}:{lemma}")
        if group is not None and group.code[3:] == "GOV" and sector != "GOV":
            # a named government's forces or police are its country's ("GNA forces" = LBYMIL)
            code = join_code(group.code[:3], sector)
            return ActorMention(left, i + 1, text, code, "AGENT", f"agent:{code}:{lemma}")
        if group is not None:
            # Members of a named organisation or armed group carry its code ("Boko Haram gunmen").
            return ActorMention(left, i + 1, text, group.code, "AGENT", group.entity)
        if country is None and sector == "REB":
            armed = self._story_armed_group(i, named)
            if armed is not None:
                # "the attackers", "the militants": the armed group the story is about
                return ActorMention(left, i + 1, text, armed.code, "AGENT", armed.entity)
        if country is None and any(parse.dep[t] == ids.poss and parse.lemma_lower(t) in ("country", "nation")
                                   for t in lefts):
            if any(parse.lower[c] in ids.both_two for t in lefts for c in parse.lefts(t)):
                # "the two countries' foreign ministers": a group of two sides (see add_groups)
                return ActorMention(left, i + 1, parse.span_text(left, i + 1), None, "AGENT", None)
            country = fallback_country  # "the country's leaders": the story's country
        if country is None and _of_two_sides(parse, i) is not None:
            # "the navies of the two countries": a group of two sides, as "the two countries' navies"
            return ActorMention(left, i + 1, text, None, "AGENT", None)
        if country is None and not _has_determiner_of_other(parse, i):
            # "refugees in Bangladesh say soldiers torched their villages in northern Rakhine state":
            # the place of the agent's own clause, else the country the sentence is in
            nearby = self._countries_in.get(sentence_start(doc, i))
            placed = self._clause_country(doc, i) or (nearby[0][1] if nearby else None)
            if placed is not None:
                self._agent_places[parse.lemma_lower(i)] = placed
            # "police in Lahore ... Police fired tear gas": the same noun placed earlier in the story
            country = placed or self._agent_places.get(parse.lemma_lower(i)) or fallback_country
        code = join_code(country, sector) if country else None
        return ActorMention(left, i + 1, text, code, "AGENT", f"agent:{code}:{lemma}")

    @staticmethod
    def story_armed_group(i: int, named: list[ActorMention | None]) -> ActorMention | None:
        """The named armed group unnamed "attackers" or "militants" at token ``i`` belong to: the
        last one named before them, else the first one the story names after them."""
        def armed(m: ActorMention | None) -> bool:
            return m is not None and bool(m.code) and m.kind == "ORG" and m.code[3:] in ("REB", "ISI", "MUSISI")

        found = next((m for m in reversed(named[:i]) if armed(m)), None)
        return found or next((m for m in named[i:] if armed(m)), None)

    def _story_armed_group(self, i: int, named: list[ActorMention | None]) -> ActorMention | None:
        """:meth:`story_armed_group` through the positions of the armed groups in ``named``, found
        once per list (the index does not change during the pass over agent nouns)."""
        if self._armed[0] is not named:
            self._armed = (named, [k for k, m in enumerate(named) if m is not None and m.code and m.kind == "ORG"
                                   and m.code[3:] in ("REB", "ISI", "MUSISI")])
        positions = self._armed[1]
        n = bisect_left(positions, i)  # the armed groups named before token i
        if n > 0:
            return named[positions[n - 1]]
        return named[positions[n]] if n < len(positions) else None

    @staticmethod
    def owner_group(head: Token, named: list[ActorMention | None]) -> ActorMention | None:
        """A named organisation that qualifies a sector noun ("Hezbollah fighters", "the group's
        leader"), if any."""
        parse = actor_parse(head.doc)
        return ActorResolver._owner_group(parse, parse.lefts(head.i), named)

    @staticmethod
    def _owner_group(parse: ActorParse, lefts: list[int], named: list[ActorMention | None]) -> ActorMention | None:
        for token in lefts:
            if parse.dep[token] in parse.ids.modifier_deps:
                mention = named[token]
                if mention is not None and mention.code and len(mention.code) > 3 and mention.kind == "ORG":
                    return mention
        return None

    def _person_code(self, name: str, published: str | None) -> str | None:
        """``vocab.person_code``, memoised (a pure function of the name and the date)."""
        key = (name, published)
        try:
            return self._person_codes[key]
        except KeyError:
            if len(self._person_codes) >= MEMO_SIZE:
                self._person_codes.clear()
            code = self._person_codes[key] = self.vocab.person_code(name, published)
            return code

    def known_surname(self, surname: str, published: str | None) -> str | None:
        """The one known office holder with this surname in office on the date (or the only one);
        the spellings of one person ("Bashar al-Assad", "Bashar Assad") count as one."""
        names = self.surnames.get(surname)
        if not names:
            return None
        people = {self.vocab.people[n][0].name: n for n in sorted(names)}  # canonical name -> a key of it
        if len(people) == 1:
            return next(iter(people.values()))
        if published:
            current = [n for n in people.values() if any(o.start <= published and (o.end is None or published < o.end)
                                                         for o in self.vocab.people[n])]
            if len(current) == 1:
                return current[0]
        return None

    def add_groups(self, doc: Doc, mentions: list[ActorMention], taken: list[bool]) -> list[ActorMention]:
        """Mentions that stand for two actors: "both sides", "the two countries' leaders"
        (the last two distinct actors named before), "Chadian and Cameroonian troops"."""
        parse = actor_parse(doc)
        ids = parse.ids
        result = []
        by_token = index_mentions(doc, mentions)
        for mention in mentions:
            if mention.kind == "AGENT":
                countries = [self._communities.get(parse.lower_(t)) or self.country_of_word(parse.text(t))
                             for t in _modifiers_at(parse, mention.end - 1)]  # "Bosnian Serb": one
                countries = [c for c in dict.fromkeys(countries) if c]
                if len(countries) < 2 and parse.tag[mention.end - 1] in ids.plural:
                    countries = _countries_of(parse, mention.end - 1, by_token) or countries
                if len(countries) >= 2:
                    sector = mention.code[3:6] if mention.code and len(mention.code) >= 6 else None
                    members = tuple(replace(mention, code=join_code(c, sector), entity=f"agent:{c}", members=())
                                    for c in countries)
                    mention = replace(mention, members=members)
            result.append(mention)
        by_token = index_mentions(doc, result)
        for i in self.group_words(parse, doc):
            if parse.lemma_lower(i) not in GROUP_NOUNS or parse.tag[i] not in ids.plural:
                continue
            token = doc[i]
            owner = by_token[token.i] or _of_owner(parse, i, by_token)
            lefts = parse.lefts(i)
            counted = any(parse.lower[c] in ids.both_two for c in lefts) or any(
                parse.lower[c] == ids.two for t in lefts for c in parse.lefts(t))
            if owner is not None and owner.kind == "AGENT" and owner.code and owner.start == token.i - 1 \
                    and counted and self._describe(doc, i)[0] is None:
                owner = replace(owner, code=None)  # "both leaders": the country was only a guess
                result[result.index(by_token[token.i])] = owner
            if taken[token.i] and not (owner is not None and owner.code is None and owner.kind == "AGENT"):
                continue  # "the two countries' foreign ministers" is a group; other taken words are not
            if not counted:
                continue
            subject = _subject_tokens(token)
            # "Brazil's president urged both countries": the speaker's side is not one of the two
            # (the subject's first actor: "China's foreign ministry spokesman" is China's)
            speaking = next(({m.participant_code[:3]} for m in result if m.participant_code and m.end - 1 in subject
                             and token.i not in subject), set())
            earlier = [m for m in result if m.start < token.i and m.participant_code and not (
                m.start >= sentence_start(doc, token.i)
                and (doc[m.end - 1].dep_.startswith("nsubj") or m.end - 1 in subject))
                and m.participant_code[:3] not in speaking and (m.code or not m.place_country)]  # a town is no side
            sector = GROUP_NOUNS[token.lemma_.lower()]
            persons = token.lemma_.lower() in PERSON_GROUP_NOUNS
            nations = token.lemma_.lower() in ("country", "nation")  # "both countries": the bare codes
            if persons:
                # "both leaders": the last two persons named, who may lead two sides of one country
                earlier = [m for m in earlier if m.kind == "PERSON"]
            codes: list[ActorMention] = list(_named_together(doc, earlier, persons))
            paired = bool(codes)  # a pair named together keeps its own codes
            for m in reversed(earlier if not codes else ()):
                if all((m.entity != c.entity and m.participant_code != c.participant_code) if persons
                       else _other_side(m.participant_code, c.participant_code) for c in codes):
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
            if sector is None and not persons and not nations and not paired and _internal_sides(codes, earlier):
                # "both sides" of a civil war told of apart, whose government the story names as a
                # party: the government and the rebels, not the government's forces
                sector = "GOV"
            members = tuple(ActorMention(token.i, token.i + 1, token.text, _member_code(m.participant_code, sector, nations),
                                         "AGENT", m.entity) for m in reversed(codes))
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

    def group_words(self, parse: ActorParse, doc: Doc) -> list[int]:
        """Indices of the group nouns and anaphors, found once per Doc (two passes read them)."""
        if parse.group_words is None:
            parse.group_words = _positions(doc, "LEMMA", self.group_hashes(doc))
        return parse.group_words

    def link_titles(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """Give a title in apposition and its person the same code and referent."""
        parse = actor_parse(doc)
        ids = parse.ids
        by_token = index_mentions(doc, mentions)
        linked = list(mentions)
        for n, mention in enumerate(mentions):
            if mention.kind != "PERSON":
                continue
            root = mention.end - 1
            title = by_token[parse.heads[root]] if parse.dep[root] == ids.appos else None
            if title is not None and title.kind == "AGENT" and title.code and not mention.code:
                linked[n] = replace(mention, code=title.code)
        # "the French president" after "Francois Hollande" (FRAGOV): the same referent.
        persons: dict[str, ActorMention] = {}
        for n, mention in enumerate(linked):
            if mention.kind == "PERSON" and mention.code:
                persons[mention.code] = mention
            elif (mention.kind == "AGENT" and mention.code in persons
                  and mention.start > 0 and parse.lower[mention.start - 1] == ids.the and parse.tag[mention.end - 1] == ids.NN):
                linked[n] = replace(mention, entity=persons[mention.code].entity)
        return linked

    def dispatched_agents(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """An unqualified force or envoy a country sends, deploys or orders somewhere is its own:
        "Ecuador ordered thousands of soldiers to the border" = ECUMIL, not the border's country."""
        parse = actor_parse(doc)
        ids = parse.ids
        by_token: list[ActorMention | None] | None = None
        result = mentions
        for n, mention in enumerate(mentions):
            if mention.kind != "AGENT" or not mention.code or mention.members or len(mention.code) != 6 \
                    or not mention.entity or not mention.entity.startswith("agent:"):
                continue
            head = doc[mention.end - 1]
            obj = _dispatched_object(head)
            if obj is None or self._describe(doc, head.i)[0] is not None \
                    or any(parse.dep[t] == ids.poss for t in parse.lefts(head.i)):
                continue
            if by_token is None:
                by_token = index_mentions(doc, mentions)
            sender = object_subject(obj, by_token, {})
            code = sender.participant_code if sender is not None else None
            if not code or code[:3] in ("IGO", "NGO", "IMG") or code[:3] == mention.code[:3]:
                continue
            new = join_code(code[:3], mention.code[3:6])
            if result is mentions:
                result = list(mentions)
            result[n] = replace(mention, code=new, entity=f"agent:{new}:{head.lemma_}")
        return result


def _tokens_with(doc: Doc, attr: str, values: set[int], as_index: bool = False) -> list:
    """Tokens (or their indices, ascending) whose attribute's string hash is in ``values``; the
    others never become Python objects, which is most of the cost of a pass over a Doc."""
    found = _positions(doc, attr, values)
    return found if as_index else [doc[i] for i in found]


def _positions(doc: Doc, attr: str, values: set[int]) -> list[int]:
    """Ascending indices of the tokens whose ``attr`` is one of ``values``; a per-Doc set of the
    column's values skips the scan when none occurs (the usual case)."""
    values_column, present = actor_parse(doc).column(attr)
    hits = present.intersection(values)
    if not hits:
        return []
    return [i for i, value in enumerate(values_column) if value in hits]


def mention_index(doc: Doc) -> list[ActorMention | None]:
    """For each token of the Doc, the actor mention covering it (or None); built once per Doc."""
    actors = doc._.ew_actors or []
    cached = doc.user_data.get("ew_actor_index")
    if cached is not None and cached[0] is actors:
        return cached[1]
    index = index_mentions(doc, actors)
    doc.user_data["ew_actor_index"] = (actors, index)
    return index


def _root(parse: ActorParse, span: Span) -> int:
    """``span.root.i``, once per span bounds and Doc (several passes ask for the same spans)."""
    key = (span.start, span.end)
    root = parse.roots.get(key)
    if root is None:
        root = parse.roots[key] = span.root.i
    return root


def _entity_rows(doc: Doc) -> list[tuple[Span, str, str]]:
    """(entity, label, text) of the Doc's entities, built once per Doc (three passes read them);
    the text is "" for the labels none of them reads (dates, numbers, ...)."""
    parse = actor_parse(doc)
    if parse.entity_rows is None:
        rows = parse.entity_rows = []
        for ent in entities(doc):
            label = ent.label_
            rows.append((ent, label, span_text(ent) if label in ENTITY_LABELS else ""))
    return parse.entity_rows


def _name_tail(doc: Doc, i: int) -> bool:
    """True when the entity of token ``i`` directly follows another organisation's proper noun:
    the model split one long name ("Supreme National | Security Council")."""
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return start > 0 and doc[start - 1].ent_type_ == "ORG" and doc[start - 1].pos_ == "PROPN"


def _trim(ent: Span) -> Span | None:
    """Drop a leading article and a trailing possessive from an entity span."""
    doc = ent.doc
    bounds = _trimmed_bounds(actor_parse(doc), ent.start, ent.end)
    if bounds is None:
        return None
    if bounds == (ent.start, ent.end):
        return ent  # a new Span costs several Token objects (spaCy looks up its characters)
    return Span(doc, bounds[0], bounds[1], label=ent.label_)


def _trimmed_bounds(parse: ActorParse, start: int, end: int) -> tuple[int, int] | None:
    """:func:`_trim` on token bounds."""
    drop, possessive = parse.ids.drop_words, parse.ids.POS
    while start < end and parse.lower[start] in drop:
        start += 1
    while end > start and parse.tag[end - 1] == possessive:
        end -= 1
    return (start, end) if start < end else None


def _entity_text(token: Token) -> str:
    """The whole entity a token belongs to, or the token's text."""
    return _entity_text_at(token.doc, token.i)


def _entity_text_at(doc: Doc, i: int) -> str:
    """The text of the (trimmed) entity token ``i`` belongs to, or the token's text."""
    parse = actor_parse(doc)
    if not parse.ent_type[i]:
        return parse.text(i)
    if parse.entity_starts is None:
        parse.entity_starts = [ent.start for ent in entities(doc)]
        parse.entity_texts = {}
    # the entity that starts last at or before i, if i is inside it (entities do not overlap)
    n = bisect_right(parse.entity_starts, i) - 1
    ent = entities(doc)[n] if n >= 0 else None
    if ent is None or i >= ent.end:
        return parse.text(i)
    if n not in parse.entity_texts:
        bounds = _trimmed_bounds(parse, ent.start, ent.end)
        parse.entity_texts[n] = parse.span_text(*bounds) if bounds is not None else None
    text = parse.entity_texts[n]
    return text if text is not None else parse.text(i)


def _modifiers(head: Token) -> list[Token]:
    """The words qualifying a noun, and theirs ("Chinese" in "Chinese Foreign Ministry spokesman")."""
    doc = head.doc
    return [doc[i] for i in _modifiers_at(actor_parse(doc), head.i)]


def _modifiers_at(parse: ActorParse, head: int) -> list[int]:
    """:func:`_modifiers` on token indices, computed once per token and Doc (do not modify)."""
    found = parse.modifiers.get(head)
    if found is None:
        found = parse.modifiers[head] = _find_modifiers(parse, head)
    return found


def _find_modifiers(parse: ActorParse, head: int) -> list[int]:
    mods, conj, dep, children = parse.ids.modifier_deps, parse.ids.conj, parse.dep, parse.children
    found: list[int] = []
    stack = [t for t in children(head) if t < head and dep[t] in mods]
    while stack:
        token = stack.pop()
        if _is_pro_or_anti(parse, token):
            continue  # "pro-Russian protesters" are not Russian
        found.append(token)
        stack += [t for t in children(token) if dep[t] in mods and t < head or dep[t] == conj]
    return found


def _group_of(parse: ActorParse, head: int, named: list[ActorMention | None]) -> ActorMention | None:
    """The named organisation in an of-phrase after a sector noun ("rebels of the National
    Liberation Army", "fighters of the group"): its members carry its code."""
    ids = parse.ids
    for prep in parse.children(head):
        if prep > head and parse.dep[prep] == ids.prep and parse.lower[prep] == ids.of:
            for obj in parse.children(prep):
                mention = named[obj] if parse.dep[obj] == ids.pobj else None
                if mention is not None and mention.code and len(mention.code) > 3 and mention.kind == "ORG":
                    return mention
    return None


_PRO_ANTI: dict[int, bool] = {}  # lowercase hash -> is it "pro-...", "anti-...", "pro" or "anti"


def _is_pro_or_anti(parse: ActorParse, i: int) -> bool:
    """True for the "Russian" of "pro-Russian" / "Pro - Russian" / "anti-American" and those words."""
    lower = parse.lower
    own = _PRO_ANTI.get(lower[i])
    if own is None:
        text = parse.lower_(i)
        own = _PRO_ANTI[lower[i]] = text.startswith(("pro-", "anti-")) or text in ("pro", "anti")
    if own:
        return True
    pro_anti = parse.ids.pro_anti
    if i > 0 and lower[i - 1] in pro_anti:
        return True
    return i > 1 and parse.orth[i - 1] == parse.ids.dash and lower[i - 2] in pro_anti


def _countries_of(parse: ActorParse, head: int, by_token: list) -> list[str]:
    """"the foreign ministers of Britain, France and Germany": the countries a plural group's
    of-phrase lists (two or more), each the base of one member; [] otherwise."""
    ids = parse.ids
    inner = next((c for p in parse.children(head) if parse.lower[p] == ids.of
                  for c in parse.children(p) if parse.dep[c] == ids.pobj), None)
    if inner is None:
        return []
    listed, stack = [inner], [inner]
    while stack:  # "Britain, France and Germany": France and Germany are conjuncts
        members = [c for c in parse.children(stack.pop()) if parse.dep[c] == ids.conj]
        listed += members
        stack += members
    codes = []
    for token in listed:
        mention = by_token[token]
        if mention is None or mention.kind != "GPE" or len(mention.participant_code or "") != 3:
            return []  # "leaders of Kenya and the rebels": not a list of countries
        codes.append(mention.participant_code)
    codes = list(dict.fromkeys(codes))
    return codes if len(codes) >= 2 else []


def _internal_sides(sides: list[ActorMention], earlier: list[ActorMention]) -> bool:
    """Whether two sides are a country's state and its own rebels or opposition (LBYMIL, LBYREB)
    and the story names that state's government (LBYGOV) as an actor: its side is the government."""
    codes = [m.participant_code or "" for m in sides]
    if len(codes) != 2 or codes[0][:3] != codes[1][:3] or not _other_side(codes[0], codes[1]):
        return False
    government = codes[0][:3] + "GOV"
    return any(m.participant_code == government for m in earlier)


def _member_code(code: str, sector: str | None, nations: bool) -> str:
    """The code of one side of "both sides' leaders", "the two countries' navies": its country
    with the group's sector; a side that is its country's rebels or opposition stays so ("the
    leaders of both sides" after a government and its rebels: GOV and REB)."""
    if len(code) == 3 or nations or (sector and code[3:6] not in INSURGENT_SECTORS):
        return join_code(code[:3], sector) or code
    return code


def _of_two_sides(parse: ActorParse, head: int) -> int | None:
    """The plural group noun counted by "both"/"two" in an of-phrase after a sector noun ("the
    navies of the two countries", "leaders of both sides"), or None."""
    ids = parse.ids
    for prep in parse.children(head):
        if prep < head or parse.dep[prep] != ids.prep or parse.lower[prep] != ids.of:
            continue
        for obj in parse.children(prep):
            if parse.dep[obj] == ids.pobj and parse.lemma_lower(obj) in GROUP_NOUNS and parse.tag[obj] in ids.plural \
                    and any(parse.lower[c] in ids.both_two for c in parse.lefts(obj)):
                return obj
    return None


def _of_owner(parse: ActorParse, group: int, by_token: list[ActorMention | None]) -> ActorMention | None:
    """The uncoded sector-noun mention a counted group noun is the of-phrase of ("the navies of
    the two countries": the navies), or None."""
    ids = parse.ids
    prep = parse.heads[group]
    if parse.dep[group] != ids.pobj or parse.lower[prep] != ids.of or parse.dep[prep] != ids.prep:
        return None
    owner = by_token[parse.heads[prep]]
    return owner if owner is not None and owner.kind == "AGENT" and owner.code is None \
        and _of_two_sides(parse, parse.heads[prep]) == group else None


def _named_together(doc: Doc, earlier: list[ActorMention], persons: bool) -> tuple[ActorMention, ...]:
    """The last two sides named together ("Tanzania and Kenya ... the two governments"), latest
    first: a pair introduced as such is what "the two"/"both" refer back to; () when none is."""
    by_end = {m.end - 1: m for m in earlier}
    for m in reversed(earlier):
        token = doc[m.end - 1]
        first = by_end.get(token.head.i) if token.dep_ == "conj" else None
        if first is not None and first.start < m.start and (
                first.entity != m.entity if persons else _other_side(first.participant_code, m.participant_code)):
            return m, first
    return ()


def _other_side(a: str, b: str) -> bool:
    """Whether two actor codes are two sides ("both sides"): two countries, or a country's armed
    or political opposition (REB, OPP) and its state (LBYREB and LBYGOV)."""
    if a[:3] != b[:3]:
        return True
    rebel = {a[3:6] in INSURGENT_SECTORS, b[3:6] in INSURGENT_SECTORS}
    return rebel == {True, False} and len(a) >= 6 and len(b) >= 6


def _dispatched_object(head: Token) -> Token | None:
    """The object of a sending verb a noun heads or counts ("sent troops", "ordered thousands of
    soldiers"), or None."""
    token = head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "dobj":
        token = token.head.head  # "thousands of soldiers", "two battalions of troops"
    if token.dep_ != "dobj" or token.head.lemma_.lower() not in DISPATCH_LEMMAS:
        return None
    return token


def _subject_tokens(token: Token) -> set[int]:
    """Indices of the words of the subject of the clause a word is in ("Chinese Foreign Ministry
    spokesman Hong Lei" in "... urged both sides"): a group it names never includes them."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    while verb.dep_ == "conj" and verb.head.i != verb.i and not any(c.dep_.startswith("nsubj") for c in verb.children):
        verb = verb.head  # "X condemned the attack and urged both sides": X's subject
    return {t.i for child in verb.children if child.dep_.startswith("nsubj") for t in child.subtree}


def _is_acronym(text: str) -> bool:
    """True for an all-capitals abbreviation such as "GNA" or "LURD"."""
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def _acronym_of(parse: ActorParse, mention: ActorMention, earlier: list[ActorMention],
                acronyms: dict[str, ActorMention]) -> ActorMention:
    """An uncoded acronym as the named actor it abbreviates in the story: the one it follows in
    brackets ("the Government of National Accord (GNA)"), and later the same acronym alone."""
    found = acronyms.get(mention.text)
    start = mention.start
    if found is None and start >= 1 and parse.text(start - 1) == "(" and earlier:
        before = earlier[-1]
        if before.end == start - 1 and before.code and before.kind in ("ORG", "AGENT"):
            found = acronyms[mention.text] = before
    if found is None:
        return mention
    return replace(mention, code=found.code, kind="ORG", entity=found.entity)


def _shortened_group(mention: ActorMention, earlier: list[ActorMention]) -> ActorMention:
    """A named group whose name is a shortening of one named before in the story stands for that
    one ("Tehrik-i-Taliban Pakistan claimed ... Taliban spokesman": the Pakistani group)."""
    short = f" {mention.text.lower().replace('-', ' ')} "
    for other in reversed(earlier):
        if other.kind == "ORG" and other.code and len(other.code) > 3 and other.code != mention.code \
                and short in f" {other.text.lower().replace('-', ' ')} ":
            return replace(mention, code=other.code, entity=other.entity)
    return mention


def _without_brackets(text: str) -> str:
    """ "Islamic State (IS)" -> "Islamic State"."""
    return text.split("(")[0].strip()


def _names_nation(parse: ActorParse, head: int) -> bool:
    """Whether a people noun stands for a whole nation: "the" and a demonym, no number, no
    relative or participle clause ("the Syrian people", not "the people who fled")."""
    if parse.lemma_lower(head) not in NATION_NOUNS and parse.lower_(head) not in NATION_NOUNS:
        return False
    kids = parse.children(head)
    return (any(parse.lower[t] == parse.ids.the for t in kids if t < head)
            and not any(parse.dep[t] in parse.ids.nation_blockers for t in kids))


def _has_determiner_of_other(parse: ActorParse, head: int) -> bool:
    """True for "major countries' leaders"-like phrases whose owner is some other noun."""
    return any(parse.dep[t] == parse.ids.poss and parse.pos[t] == parse.ids.NOUN for t in parse.lefts(head))


register_component(
    "eventwire_actors",
    lambda: ActorResolver(load_actors(), load_gazetteer()),
    assigns=["doc._.ew_actors"],
    requires=["doc.ents", "token.dep", "token.lemma"],
)
