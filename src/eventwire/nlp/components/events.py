"""The events component: event triggers from the lexicon, with source and target from the parse.

Verbs: subject (or passive by-agent) is the source; the lexicon row says where the target is.
Subjects missing from a clause are taken from the governing clause (control: "Russia is ready to
join France"; "before meeting with ..."). Nouns ("attacks", "talks", "visit") take their agent
from a possessive, a by-phrase, a national modifier, or a claim of responsibility. Negation,
intent and reported speech come from the governing words of ``data/modality_words.tsv``.
"""


from dataclasses import dataclass, replace
from functools import lru_cache

import spacy.symbols
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from eventwire.codebooks.cameo import CameoCode, load_cameo
from eventwire.codebooks.lexicon import ACTOR_OBJECT, Lexicon, VerbPattern, load_lexicon
from eventwire.codebooks.modality import load_modality_words
from eventwire.nlp.annotations import ActorMention, EventMention, column, sentence_of, word_hashes
from eventwire.nlp.components import register_component
from eventwire.nlp.components.actors import mention_index
from eventwire.nlp.subcodes import children, lemma_lower, lemma_set, parse_tree, refine_code, release_tree, subtree

SUBJECT_DEPS = {"nsubj", "csubj"}
CLIMB_DEPS = {"xcomp", "advcl", "pcomp", "prep", "acomp", "conj", "acl", "ccomp", "dep"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
COOPERATIVE_ROOTS = {"03", "04", "05", "06", "07", "08"}
VERBAL_ROOTS = {"01", "02", "03", "10", "11", "12", "13"}
NATIONAL_DEPS = {"amod", "compound", "nmod", "poss"}
VIOLENT_ROOTS = {"18", "19", "20"}
# Codes kept without a target (force displays, weapons tests, WMD use): elsewhere a missing target
# means the coder did not find who was acted upon, and the event is left out.
NO_TARGET_CODES = ("150", "204")  # code prefixes
# codes (prefixes) whose unstated target is the country the story is about (see _story_targets);
# measured on the gold sets: meetings, recalls, generic intents (030) and de-escalation add only errors
STORY_TARGET_CODES = ("016", "02", "033", "045", "07", "10")
INTENT_AS_AID = {"15"}  # "would send troops to help X": an intended deployment is offered aid (033x)
# Objects that make a violent verb figurative ("fight terrorism", "combat the common evil")
ABSTRACT_TARGETS = {"terrorism", "evil", "extremism", "crime", "corruption", "violence", "insurgency", "poverty",
                    "war", "threat", "disease", "virus", "pandemic", "drug", "trafficking", "impunity", "hunger",
                    "fire", "battle", "fight", "campaign"}
HELP_VERBS = {"help", "assist", "support", "aid", "protect", "defend", "bolster", "reinforce"}
AMOUNT_WORDS = {"dollar", "euro", "pound", "yuan", "million", "billion", "tonne", "ton", "worth", "package", "batch"}
# Counted heads whose of-phrase names the thing ("ordered thousands of troops to the border").
QUANTITY_WORDS = {"hundred", "thousand", "dozen", "score", "number", "contingent"}
CONTENT_ROOTS = {"02", "10", "11", "12"}  # the content of appeals, demands, accusations, rejections
CONDITIONS = {"if", "unless", "until"}
TIME_PREPS = {"after", "following", "since", "during", "amid"}  # a nominal event they govern has its own time
BACKGROUND_PREPS = {"since"}  # "since the invasion": the event only dates a lasting state
TIME_MARKS = {"after", "before", "when", "since", "as", "because", "while"}
TRIGGER_POS = {spacy.symbols.VERB, spacy.symbols.AUX, spacy.symbols.NOUN, spacy.symbols.PROPN}  # as POS ids
MEETING_CODES = {"040", "042", "043", "044", "046"}
FACILITY_WORDS = {"hotel", "complex", "mall", "market", "hospital", "school", "mosque", "church", "temple", "building",
                  "compound", "base", "station", "airport", "camp", "office", "centre", "center", "palace", "university"}
# Texts that speak for whoever adopts, issues or sends them ("adopted a resolution demanding ...")
DOCUMENT_WORDS = {"resolution", "statement", "declaration", "communique", "letter", "decree", "motion", "note"}
# Nouns whose that-clause tells an act only as alleged ("reports that troops had killed civilians")
REPORT_WORDS = {"report", "allegation", "claim", "accusation", "charge", "account", "rumour", "rumor"}
VISIT_WORDS = {"visit", "arrive", "travel", "fly", "tour", "trip"}  # one meeting, told as a visit, a hosting or talks
TRAVEL_VERBS = {"arrive", "travel", "fly", "come", "cross"}  # "flew into Monrovia for talks with ..."
CHEMICAL_WORDS = {"chlorine", "sarin", "mustard", "vx", "phosgene", "novichok"}
CHEMICAL_PAIRS = {"chemical", "nerve", "toxic", "poison"}, {"weapon", "agent", "gas", "munition", "arm"}
CHEMICAL_CUES = CHEMICAL_WORDS | CHEMICAL_PAIRS[0]  # one of these must be in the clause
MEDIATING_VERBS = {"mediate", "host", "broker", "facilitate", "chair", "sponsor"}
PROTESTED_VERBS = {"denounce", "condemn", "protest", "oppose", "demand", "reject", "decry"}
VISITING, VISITING_NOT = get_string_id("visiting"), word_hashes({"while", "during"})  # as LOWER hashes


@dataclass
class _Found:
    """An event while it is being assembled (mutable; frozen into EventMention at the end)."""

    trigger: Token
    sources: list[ActorMention]
    targets: list[ActorMention | None]
    cameo: str
    flags: frozenset[str]
    nominal: bool
    negated: bool = False
    modality: str = "asserted"
    target_tokens: tuple = ()
    source_tokens: tuple = ()  # for verbs: the subject (or by-agent) the sources were read from
    anaphoric: bool = False  # a restatement ("the attack") of an earlier event: used, not coded
    referents: tuple = ()  # for a claimed "both attacks": the earlier, unattributed attacks meant
    objects: frozenset = frozenset()  # for verbs: the object lemmas the matched lexicon row names


class EventExtractor:
    """Finds events over the dependency parse of a Doc whose actors are already resolved."""

    def __init__(self, lexicon: Lexicon, cameo: dict[str, CameoCode], modality: dict[str, str]):
        self.lexicon = lexicon
        self.particles = lexicon.particles
        self.head_words: set[int] | None = None
        self.plain_words: set[int] = set()  # head_words without the verbs that need a "must"
        self.must = 0  # string hash of "must"
        self.cameo = cameo
        self.modality = modality
        # verbs that are events only when their complement says someone must act ("said ... must")
        self.obliging = {lemma for lemma, patterns in lexicon.verbs.items()
                         if all("obliges" in p.flags for p in patterns)}
        # the intent code of each root (for _dedupe)
        self.intents = {codes[0]: root for root, codes in lexicon.intent.items() if codes[0] and len(root) == 2}

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.ew_events = self.extract(doc)
        finally:
            release_tree(doc)  # the per-Doc Token cache is only for this component's walks
        return doc

    def extract(self, doc: Doc) -> list[EventMention]:
        actors = mention_index(doc)
        found: list[_Found] = []
        for token in self.candidates(doc):
            pos = token.pos_
            event = self.verb_event(token, actors) if pos in ("VERB", "AUX") else None
            if event is None and pos in ("NOUN", "PROPN"):
                event = self.noun_event(token, actors)
            if event is not None:
                found.append(event)
        _fill_outcome_targets(found)
        _acts_told_by_outcome(found)
        _fill_place_targets(found)
        self.resolve_anaphora(found)
        self.apply_claims(found, actors)
        self.inherit_nominal_sources(found, actors)
        found = self.drop_embedded(found)
        _story_targets(found)
        return self.finish(found)

    # -- triggers -----------------------------------------------------------------------------

    def candidates(self, doc: Doc) -> list[Token]:
        """Tokens whose lemma or lower-case form is a lexicon head word (looked up by string hash,
        so the other tokens never become Python objects)."""
        if self.head_words is None:
            strings = doc.vocab.strings
            self.head_words = {strings.add(w) for w in [*self.lexicon.verbs, *self.lexicon.nouns]}
            self.plain_words = self.head_words - {strings.add(w) for w in self.obliging}
            self.must = strings.add("must")
        lemmas, lowers = column(doc, "LEMMA"), column(doc, "LOWER")
        # "said", "told" are events only with a "must" in their complement: most stories have none
        words = self.head_words if self.must in lowers else self.plain_words
        tokens = parse_tree(doc).tokens  # the Token objects are made once per Doc and shared
        return [tokens[i] for i, pos in enumerate(column(doc, "POS"))
                if pos in TRIGGER_POS and (lemmas[i] in words or lowers[i] in words)]

    def verb_event(self, verb: Token, actors: list) -> _Found | None:
        """An event carried by a verb, when the lexicon knows it and the parse gives roles."""
        lemma = lemma_lower(verb)
        if lemma not in self.lexicon.verbs:
            lemma = verb.lower_
            if lemma not in self.lexicon.verbs:
                return None
        if lemma in self.obliging and not _obliges(verb):
            return None  # "said", "told": an event only when saying someone must act
        kids = children(verb)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids) or _passive_participle(verb)
        # spaCy labels particles prt, advmod or an object-less prep ("pulled out", "stepped down").
        particle = next((c.lower_ for c in kids if c.dep_ == "prt" or (
            c.dep_ in ("advmod", "prep") and c.lower_ in self.particles and _child(c, "pobj") is None)), None)
        obj = direct_object(verb, passive)
        pattern = self.lexicon.match_verb(lemma, particle, lemma_lower(obj) if obj else None)
        if obj is not None and (pattern is None or not pattern.objects) and _names_actor(obj, actors):
            # "welcomed the Kenyan president" (043) vs "welcomed the decision" (051)
            pattern = self.lexicon.match_verb(lemma, particle, ACTOR_OBJECT) or pattern
        if pattern is None and particle is not None:
            pattern = self.lexicon.match_verb(lemma, None, lemma_lower(obj) if obj else None)
        if (pattern is None or not pattern.objects) and obj is not None:
            # "send 30 million dollars in aid", "suspended $3 million in military aid": the thing
            # is inside the amount phrase, and a row for it beats the verb's object-less row.
            inner = next((_child(c, "pobj") for c in [*children(obj), *kids]
                          if c.dep_ == "prep" and c.lower_ in ("in", "of")), None)
            if inner is not None and (obj.pos_ == "NUM" or lemma_lower(obj) in AMOUNT_WORDS
                                      or lemma_lower(obj) in QUANTITY_WORDS):
                pattern = self.lexicon.match_verb(lemma, particle, lemma_lower(inner)) or pattern
                obj = inner if pattern is not None and pattern.objects else obj
        if pattern is None and obj is not None and (lemma_lower(obj) in AMOUNT_WORDS or obj.ent_type_ == "MONEY"):
            pattern = self.lexicon.match_verb(lemma, particle, "money")  # "provide 10 million dollars"
        recipient = None
        if obj is not None and (pattern is None or not pattern.objects):
            recipient, obj, pattern = self.object_predicate(verb, lemma, particle, obj, pattern)
        if pattern is None and obj is not None and not passive:
            # "provide Pakistan with loans": the thing is in the with-phrase, the object receives it.
            for prep in kids:
                thing = _child(prep, "pobj") if prep.dep_ == "prep" and prep.lower_ == "with" else None
                if thing is not None:
                    inner = next((_child(c, "pobj") for c in [*children(thing), *kids]
                                  if c.dep_ == "prep" and c.lower_ in ("in", "of")), None)
                    if inner is not None and lemma_lower(thing) in AMOUNT_WORDS:
                        thing = inner
                    pattern = self.lexicon.match_verb(lemma, particle, lemma_lower(thing))
                    if pattern is not None:
                        recipient, obj = obj, thing
                        break
        via_prep = False
        if pattern is None:
            # "placed the leader under house arrest", "took suspects into custody": the act is
            # named by the prepositional noun, and the verb's object is its target.
            for thing in act_nouns(verb):
                match = self.lexicon.match_verb(lemma, particle, lemma_lower(thing))
                if match is not None and match.target == ("dobj",):
                    pattern, via_prep = match, True
                    break
        if pattern is None or ("obliges" in pattern.flags and not _obliges(verb)):
            return None
        if "moves_object" in pattern.flags and any(c.dep_ == "xcomp" for c in kids):
            return None  # "ordered the troops to withdraw": the ordered act is the complement's
        if passive:
            by = next((c for c in kids if c.dep_ == "agent"), None)
            source_tokens = [_child(by, "pobj")] if by is not None else []
        else:
            source_tokens = [self.subject_of(verb)]
        sources = self.resolve_all(source_tokens, actors)
        if not sources and passive and _agentless_threat(verb, pattern.cameo):
            # "vowed that Georgia would be punished": an agentless coercion announced for the
            # future is the speaker's threat (CAMEO 13: "threaten ... to punish").
            source_tokens = [self.subject_of(verb.head)]
            sources = self.resolve_all(source_tokens, actors)
        if not sources and "speech" in pattern.flags and verb.dep_ == "advcl" and verb.tag_ == "VBG" \
                and verb.head.dep_ == "ccomp":
            # "announced that the truce was over, accusing the rebels of ...": a participle of
            # speech hung on a reported clause with no actor for subject is the reporter's
            source_tokens = [self.subject_of(verb.head.head)]
            sources = self.resolve_all(source_tokens, actors)
        target_tokens = self.target_tokens(verb, pattern.target, obj if pattern.objects and not via_prep else None,
                                           passive, pattern.flags)
        if recipient is not None:
            target_tokens = [recipient]
        if not target_tokens and "intent_governor" in pattern.flags:
            # "expressed determination "to fight together" with Merkel": the with-phrase sits
            # in the complement clause.
            for clause in kids:
                if clause.dep_ in ("xcomp", "advcl", "ccomp", "acl"):
                    target_tokens += self.target_tokens(clause, pattern.target, None, False)
        elif not target_tokens and pattern.cameo[:2] in ("02", "10", "11", "12", "13"):
            # "demanded that Russia withdraw": the one the demand is about is the clause's subject.
            for clause in kids:
                if clause.dep_ == "ccomp":
                    target_tokens += [c for c in children(clause) if c.dep_ in ("nsubj", "nsubjpass")]
        elif int(pattern.cameo[:2]) >= 14 and _has_ally(verb):
            # "fight together against terrorism with Merkel": with-phrases name allies.
            target_tokens = [t for t in target_tokens if t.head.lower_ != "with"]
        targets = self.resolve_all(target_tokens, actors, national=True)
        if not targets and pattern.cameo[:2] in ("13", "15", "16", "17", "18", "19", "20"):
            # "would resume operations if the guerrillas did not pull back", "vowed retaliation
            # should the North strike again": a threat is aimed at the one its condition names.
            for clause in kids:
                if clause.dep_ in ("advcl", "ccomp") and _is_condition(clause):
                    targets = self.resolve_all(_clause_subjects(clause), actors, national=True)
        if _reciprocal(target_tokens) and len(sources) >= 2:
            # "Armenia and Azerbaijan accused each other": every side acts on every other side
            return _Found(verb, sources, [None], pattern.cameo, pattern.flags, nominal=False,
                          target_tokens=tuple(target_tokens))
        if not targets and pattern.cameo[:2] in ("07", "15"):
            # "send military equipment to help Iraq's Kurdish forces": the helped party is the target
            for clause in kids:
                if clause.dep_ in ("xcomp", "advcl") and lemma_lower(clause) in HELP_VERBS:
                    targets = self.resolve_all(_helped(clause), actors, national=True)
        return _Found(verb, sources, targets or [None], pattern.cameo, pattern.flags, nominal=False,
                      target_tokens=tuple(t for t in target_tokens if t is not None),
                      source_tokens=tuple(t for t in source_tokens if t is not None), objects=pattern.objects)

    def object_predicate(self, verb: Token, lemma: str, particle: str | None, obj: Token,
                         pattern: VerbPattern | None) -> tuple:
        """"took 15 people hostage", "called the crackdown unacceptable": a lexicon row whose
        object is the object predicate names the act, and the object (passive subject) is acted
        on. Returns (recipient, obj, pattern); without such a row, (None, obj, PATTERN)."""
        predicate = _child(verb, "oprd")
        if predicate is None:
            predicate = _quoted_epithet(obj)  # "called Maduro's move "a direct threat""
        if predicate is None:
            return None, obj, pattern
        # the predicate noun, else its adjectives ("an abhorrent act")
        for word in [predicate, *(c for c in children(predicate) if c.dep_ == "amod")]:
            found = self.lexicon.match_verb(lemma, particle, lemma_lower(word))
            if found is not None and found.objects:
                return obj, predicate, found
        return None, obj, pattern

    def noun_event(self, noun: Token, actors: list) -> _Found | None:
        """A nominal event ("the attacks in Paris", "talks with Cameron", "his visit to Russia")."""
        if actors[noun.i] is not None:
            return None
        lefts = [t for t in children(noun) if t.i < noun.i]
        modifiers = [lemma_lower(t) for t in lefts if t.dep_ in ("compound", "amod", "nmod", "punct")]
        modifiers += [t.lower_ for t in lefts]
        if noun.i > 0:
            before = noun.doc[noun.i - 1]
            modifiers += [before.lower_, lemma_lower(before)]
        pattern = (self.lexicon.match_noun(lemma_lower(noun), modifiers)
                   or self.lexicon.match_noun(noun.lower_, modifiers))
        if pattern is None:
            return None
        source_tokens = []
        for child in children(noun):
            if child.dep_ == "poss" or (child.dep_ in NATIONAL_DEPS and child.i < noun.i):
                source_tokens.append(child)
            elif child.dep_ == "prep" and child.lower_ == "by":
                source_tokens.append(_child(child, "pobj"))
        # "the Dogon Kuka attack": a place naming the event says where, not who
        sources = [s for s in self.resolve_all(source_tokens, actors) if s.participant_code]
        target_tokens = self.target_tokens(noun, pattern.target, None, False)
        targets = self.resolve_all(target_tokens, actors, national=True)
        if "joint" in pattern.flags and not sources and len(targets) >= 2 and any(
                t.head.lower_ in ("between", "among") for t in target_tokens):
            # "talks between A and B": each side is source and target of the other.
            sources, targets = targets[:1], targets[1:]
        return _Found(noun, sources, targets or [None], pattern.cameo, pattern.flags, nominal=True,
                      target_tokens=tuple(target_tokens))

    # -- roles ----------------------------------------------------------------------------------

    def subject_of(self, verb: Token) -> Token | None:
        """The subject of a verb, climbing to the governing clause when the clause has none."""
        current = _coordinate(verb)
        for _ in range(5):
            subject = next((c for c in children(current) if c.dep_ in SUBJECT_DEPS), None)
            if subject is not None:
                if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return current.head
                return subject
            if current.dep_ == "relcl":
                return current.head
            if current.dep_ == "acl" and current.tag_ in ("VBD", "VBN"):
                # "Sadiq al-Mahdi, whose party has backed the protests, called on": a misparsed main
                # verb; its subject is the noun the sentence is built on (a past participle only
                # after a comma, in a sentence built on a name: no other verb can be its main one)
                root = current
                while root.head.i != root.i:
                    root = root.head
                if current.tag_ == "VBD":
                    return root if root.pos_ in ("PROPN", "NOUN") else current.head
                if root.pos_ == "PROPN" and current.i > 0 and current.doc[current.i - 1].lower_ == ",":
                    return root
            if current.dep_ == "acl" and current.head.pos_ == "NOUN":
                owner = _child(current.head, "poss")  # "Britain's decision to expel"
                if owner is not None:
                    return owner
                if lemma_lower(current.head) in DOCUMENT_WORDS and current.head.dep_ == "dobj":
                    # "the Council adopted a resolution demanding ...": a document speaks for
                    # whoever adopts, issues or sends it
                    return self.subject_of(current.head.head)
            if current.dep_ == "xcomp":
                controller = next((c for c in children(current.head) if c.dep_ == "dobj"), None)
                if controller is not None:
                    return controller
            if current.dep_ not in CLIMB_DEPS or current.head.i == current.i:
                return None
            if current.dep_ == "ccomp" and lemma_lower(current.head) in self.modality:
                return None  # a reported clause with no subject of its own is not the speaker's act
            current = current.head
        return None

    def target_tokens(self, trigger: Token, spec: tuple[str, ...], obj: Token | None, passive: bool,
                      flags: frozenset[str] = frozenset()) -> list[Token]:
        """Tokens heading the target, as the lexicon row's target spec says."""
        tokens: list[Token] = []
        anchors = [trigger] + ([obj] if obj is not None else [])
        if obj is None and "joint" in flags and trigger.pos_ in ("VERB", "AUX"):
            # "discussed the crisis with Ankara": the partner's with-phrase may hang on the object
            anchors += [c for c in children(trigger) if c.dep_ == "dobj"]
        for part in spec:
            if part == "dobj" and obj is None:
                found = direct_object(trigger, passive) if trigger.pos_ in ("VERB", "AUX") else _child(trigger, "dobj")
                if found is not None and found.lower_ in RELATIVE_PRONOUNS and trigger.dep_ == "relcl":
                    found = trigger.head  # "ElBaradei, who was placed under house arrest"
                if found is not None:
                    tokens.append(found)
            elif part == "dobj":
                tokens.append(obj)  # "ordered two French diplomats to leave": the object is acted on
            elif part == "dative":
                tokens += [c for c in children(trigger) if c.dep_ == "dative" and c.pos_ != "ADP"]
            elif part.startswith("prep:"):
                words = _prep_words(part)
                for anchor in anchors:
                    for child in children(anchor):
                        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in words:
                            pobj = _child(child, "pobj") or _child(_visiting_verb(child), "dobj")
                            if pobj is not None:
                                tokens.append(pobj)
        return tokens

    def resolve_all(self, tokens: list[Token | None], actors: list, national: bool = False) -> list[ActorMention]:
        """Actor mentions for role tokens and their conjuncts ("France and Russia")."""
        mentions: list[ActorMention] = []
        for token in tokens:
            if token is None:
                continue
            listed = _listed_members(token, actors)
            for member in listed or [token, *_conjuncts(token)]:
                if member.ent_type_ == "MONEY":
                    continue  # "300 million U.S. dollars" names no actor
                mention = resolve_token(member, actors, national)
                for one in (mention.members or (mention,)) if mention is not None else ():
                    if one not in mentions:
                        mentions.append(one)
        return mentions

    # -- cross-event rules ------------------------------------------------------------------------

    def resolve_anaphora(self, found: list[_Found]) -> None:
        """Fill roles the text leaves to other events, in passes: definite nominal events ("the
        attack", "both attacks" claimed) refer back to earlier ones; then denials answer
        accusations, rejections answer appeals (or protests), readiness and returned fire face the
        attacker, a refusal to negotiate faces the opponent;
        last, an act aimed at an event ("condemned the shelling") is aimed at its source."""
        by_trigger = {f.trigger.i: f for f in found}
        for n, event in enumerate(found):
            if event.nominal:
                self._refer_back(event, found[:n], by_trigger)
        for n, event in enumerate(found):
            _answer_accusation(event, found[:n])
        for n, event in enumerate(found):
            _answer_appeal(event, found[:n])
            _face_the_hostile(event, found)
            _return_fire(event, found[:n])
            _refuse_the_adversary(event, found)
        for event in found:
            _aim_at_event_owners(event, by_trigger)

    def _refer_back(self, event: _Found, before: list[_Found], by_trigger: dict) -> None:
        """A definite nominal event takes its roles from the earlier event it names: the attacks a
        claim of responsibility is about, else the first earlier event of its kind told with the
        same word ("attacked" ... "the attack"), else the story's lead event of that kind."""
        determiners = {c.lower_ for c in children(event.trigger)}
        if event.trigger.dep_ == "compound" and event.trigger.head.pos_ == "NOUN":
            determiners |= {c.lower_ for c in children(event.trigger.head)}  # "the truce offer"
        here = sentence_of(event.trigger.doc, event.trigger.i).start
        if not event.sources and self.is_claimed(event, by_trigger):
            # "Hamas claimed responsibility for both attacks": the attacks told earlier without
            # an agent are the ones claimed
            unattributed = [f for f in before if _same_kind(f.cameo, event.cameo) and not f.sources
                            and not f.anaphoric and f.targets != [None]
                            and sentence_of(f.trigger.doc, f.trigger.i).start < here]
            if unattributed:
                plural = bool(determiners & {"both", "these", "those", "two"}) or event.trigger.tag_ == "NNS"
                event.referents = tuple(unattributed if plural else unattributed[-1:])
                event.anaphoric = True
                if event.targets == [None]:
                    event.targets = [t for r in event.referents for t in r.targets]
                return
        if not determiners & {"the", "this", "that", "these", "those", "both"}:
            return
        earlier_kind = [f for f in before if _same_kind(f.cameo, event.cameo) and f.sources
                        and sentence_of(f.trigger.doc, f.trigger.i).start < here
                        and not _alleged(f, by_trigger)]
        same_word = [f for f in earlier_kind if lemma_lower(f.trigger) == lemma_lower(event.trigger)]
        there = _named_place(event.trigger)
        if there is not None:
            # "the Ganja strike": the earlier event aimed at that place's country
            earlier_kind = [f for f in earlier_kind if any(
                t is not None and (t.participant_code or "")[:3] == there for t in f.targets)] or earlier_kind
            same_word = [f for f in same_word if f in earlier_kind] or same_word
        earlier = (same_word or earlier_kind or [None])[0]
        if earlier is not None:
            event.anaphoric = True
            event.sources = event.sources or list(earlier.sources)
            if event.targets == [None]:
                event.targets = list(earlier.targets)

    @staticmethod
    def is_claimed(event: _Found, by_trigger: dict) -> bool:
        """True when a nominal event is what a claim of responsibility is about."""
        token = event.trigger
        for _ in range(4):
            if token.head.i == token.i:
                return False
            token = token.head
            claim = by_trigger.get(token.i)
            if claim is not None:
                return "claims_object" in claim.flags
        return False

    def drop_embedded(self, found: list[_Found]) -> list[_Found]:
        """Leave out what is only the content of an appeal, demand, accusation, denial or
        condition ("urged X to keep talking", "accused Y of shelling", "if the rebels attack"):
        CODING.md codes the speech act, not its content. A denial that names its act is coded
        as that act, negated, instead of as a general denial (016)."""
        triggers = {f.trigger.i: f for f in found}
        kept = []
        for event in found:
            governor = _governing_trigger(event.trigger, triggers)
            if (governor is not None and governor.cameo[:2] in CONTENT_ROOTS and governor is not event
                    and not _own_time_clause(event.trigger) and not self.adds_statement(event.trigger)):
                continue
            if _is_condition(event.trigger) or _background(event) or _investigated(event, triggers):
                continue
            if _mediated(event):
                continue  # "Qatar facilitated talks between A and B": the act is the mediation (045)
            if event.anaphoric or _aggregate(event.trigger):
                continue
            if (event.nominal and event.trigger.dep_ == "dobj" and triggers.get(event.trigger.head.i) is not None
                    and triggers[event.trigger.head.i].cameo[:2] == "12"
                    and event.cameo[:2] in VERBAL_ROOTS | COOPERATIVE_ROOTS | {"04"}):
                continue  # "did not rule out talks", "rejected the proposal", "rejected a ceasefire":
                # the object is not an act of its own
            if (event.trigger.dep_ in ("advcl", "xcomp") and lemma_lower(event.trigger) in PROTESTED_VERBS
                    and triggers.get(event.trigger.head.i) is not None and triggers[event.trigger.head.i].cameo[:2] == "14"):
                continue  # "rallied to denounce X": the protest is the act, aimed at X
            main = triggers.get(event.trigger.head.i)
            if (main is not None and main is not event and event.trigger.dep_ in ("advcl", "conj")
                    and event.trigger.tag_ == "VBG" and _outcome_of(main.cameo, event.cameo)
                    and main.cameo[:2] in VIOLENT_ROOTS):
                # "pounded the town, killing 12 people": the killing is the attack's outcome
                if main.targets == [None]:
                    main.targets = event.targets
                continue
            if event.cameo == "016" and any(_governing_trigger(f.trigger, {event.trigger.i: event}) is event
                                            and not (_next_act(f.trigger) and _child(event.trigger, "dobj") is not None)
                                            for f in found if f is not event):
                continue
            kept.append(event)
        return kept

    def adds_statement(self, verb: Token) -> bool:
        """True for "rejected the appeal, telling Singh that ...": a participle of saying that
        adds the speaker's next statement, not the content of the act it follows."""
        return verb.dep_ == "advcl" and verb.tag_ == "VBG" and self.modality.get(lemma_lower(verb)) == "report"

    def apply_claims(self, found: list[_Found], actors: list) -> None:
        """A claim of responsibility lends its source to the claimed attacks and takes their target."""
        for claim in [f for f in found if "claims_object" in f.flags and f.sources]:
            within = {t.i for t in subtree(claim.trigger)}
            claimed = [f for f in found if f.nominal and f.trigger.i in within and f is not claim]
            if not claimed:
                # "Iran admitted that its military had shot down a Ukrainian jet": the admitted act
                claimed = [f for f in found if not f.nominal and f is not claim and f.trigger.dep_ == "ccomp"
                           and f.trigger.head.i == claim.trigger.i and f.targets != [None]]
            if not claimed:
                continue
            for event in claimed:
                if not event.sources:
                    event.sources = list(claim.sources)
                for referent in event.referents:
                    referent.sources = referent.sources or list(claim.sources)
            targets = [t for event in claimed for t in event.targets if t is not None]
            if targets:
                claim.targets = []
                for event in claimed:
                    for t in event.targets:
                        if t is not None:
                            found.append(_Found(claim.trigger, claim.sources, [t], claim.cameo,
                                                claim.flags, nominal=False))
                claim.sources = []  # replaced by one claim per claimed target

    def inherit_nominal_sources(self, found: list[_Found], actors: list) -> None:
        """A cooperative nominal event without its own agent takes the subject of its verb
        ("Hollande kicked off ... with talks with Cameron")."""
        # objects that a verb row of another root names: "suspended $3 million in aid" is no aid
        verb_rows = {f.trigger.i: (f.objects, f.cameo[:2]) for f in found if not f.nominal}
        for event in found:
            if not event.nominal or event.sources or event.cameo[:2] not in COOPERATIVE_ROOTS | {"04"}:
                continue
            if event.trigger.dep_ not in ("dobj", "pobj"):
                continue
            head = event.trigger.head
            for _ in range(5):  # "kicked off a week of diplomacy with talks with ..."
                if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                    break
                if head.dep_ not in ("pobj", "prep", "npadvmod", "dobj", "conj"):
                    break
                head = head.head
            if head.pos_ in ("VERB", "AUX") and lemma_lower(head) in MEDIATING_VERBS:
                continue  # "Qatar mediated talks between the two sides": Qatar is not a side
            objects, root = verb_rows.get(head.i, ((), ""))
            if lemma_lower(event.trigger) in objects and root != event.cameo[:2]:
                continue  # "suspended $3 million in aid": the verb's act is on the aid, not an aid act
            if head.pos_ in ("VERB", "AUX"):
                event.sources = self.resolve_all([self.subject_of(head)], actors)
                if event.targets == [None]:
                    # "Putin told Merkel in a telephone call": the verb's object is the other side.
                    objects = [c for c in children(head) if c.dep_ in ("dobj", "dative")]
                    objects += [_child(c, "pobj") for c in children(head) if c.dep_ == "prep" and c.lower_ in ("to", "with")]
                    event.targets = self.resolve_all(objects, actors) or [None]

    # -- negation, modality, final codes ---------------------------------------------------------

    def finish(self, found: list[_Found]) -> list[EventMention]:
        """Apply negation and modality, expand compound actors, drop incomplete events."""
        events: list[EventMention] = []
        doc = found[0].trigger.doc if found else None
        for event in found:
            if "blames_subject" not in event.flags and not any(s.participant_code for s in event.sources):
                continue  # no coded source: nothing below could be emitted (a shortcut, not a rule)
            negated, modality, speaker = self.reading(event.trigger)
            cameo = self.modal_code(event.cameo, modality)
            sources = event.sources
            targets = event.targets
            if "blames_subject" in event.flags:
                # "Lavrov said both sides bore responsibility": the speaker blames the subject
                if speaker is None or not speaker.code or targets != [None]:
                    continue
                sources, targets = [speaker], sources or [None]
            if speaker is not None and cameo[:2] in VERBAL_ROOTS and sources and speaker.code:
                # Intents, threats and appeals belong to the speaker who voices them.
                if all(s.participant_code and s.participant_code[:3] == speaker.code[:3] for s in sources):
                    sources = [speaker]
            # "stormed the Intercontinental Hotel": a named building is no actor; the attack is on the place
            targets = [t for t in targets if t is None or t.participant_code
                       or lemma_lower(doc[t.end - 1]) not in FACILITY_WORDS] or [None]
            if targets == [None] and cameo[:3] == "172" and sources and sources[0].participant_code:
                # curfews, emergencies, cut communications: measures addressed to the nation (bare code)
                targets = [_own_country(sources[0])]
            if cameo[:2] == "14":
                # "rallied to denounce the United States", "chanting slogans against the leaders"
                targets = self.resolve_all(_protested(event.trigger), mention_index(event.trigger.doc), national=True) or targets
            if targets == [None] and cameo[:2] == "14" and sources and sources[0].participant_code:
                # protests with no stated target are against the government of the protesters' country
                targets = [_own_country(sources[0], "GOV")]
            elif targets == [None] and cameo[:2] in ("15", "18", "19", "20") and not event.nominal:
                place = _place_in_clause(event.trigger)
                if place is not None:
                    targets = [place]  # "bombed military bases in Sanaa": attacks on a city -> its country
                elif event.trigger.doc._.ew_home and sources and event.target_tokens and not any(
                        lemma_lower(t) in ABSTRACT_TARGETS for t in event.target_tokens):
                    # "gunmen attacked the DusitD2 complex": an attack on an unnamed place is an
                    # attack in the country the story is about
                    home = event.trigger.doc._.ew_home
                    targets = [ActorMention(event.trigger.i, event.trigger.i + 1, home, home, "GPE", f"gpe:{home}")]
            chemical = cameo[:2] in ("18", "19") and _chemical(event.trigger)
            for source in sources:
                for target in targets:
                    code = cameo
                    if code.startswith("171") and target is not None and target.code is None and target.place_country:
                        code = "192"  # "seized Sanaa": taking a place is occupying territory
                    if not source.participant_code:
                        continue
                    code, target = _by_kind_of_actor(code, chemical, source, target)
                    code = refine_code(code, event.trigger, source, target)
                    if target is None and ("no_target" not in event.flags or not code.startswith(NO_TARGET_CODES)):
                        continue
                    if target is not None and (not target.participant_code or target.entity == source.entity
                                               or target.participant_code == source.participant_code):
                        continue
                    if code[:2] == "04" and target is not None and target.participant_code.endswith("MED"):
                        continue  # "speaking to reporters" is no meeting
                    events.append(EventMention(event.trigger.i, source, target, code, negated,
                                               modality, event.nominal))
            if ("joint" in event.flags and len(sources) >= 2 and event.targets == [None]
                    and (event.nominal or any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in children(event.trigger)))
                    and not event.target_tokens
                    or _reciprocal(event.target_tokens) and len(sources) >= 2):
                # "A and B met", "A and B accused each other": each acts on the other
                for a in sources:
                    for b in sources:
                        if a is not b and a.participant_code and b.participant_code:
                            events.append(EventMention(event.trigger.i, a, b, cameo, negated, modality, False))
        if doc is not None:
            events = _visits_and_hosts(events, doc)
        return _dedupe(events, self.intents, doc)

    def reading(self, trigger: Token) -> tuple[bool, str, ActorMention | None]:
        """(negated, modality, speaker) from the words governing the trigger."""
        kids = children(trigger)
        negated = any(c.dep_ == "neg" for c in kids)
        modality = "asserted"
        speaker = None
        if any(c.dep_ in ("aux",) and self.modality.get(lemma_lower(c)) == "intent" for c in kids):
            modality = "intended"
        current = _coordinate(trigger)
        nominal = trigger.pos_ in ("NOUN", "PROPN")
        climb = CLIMB_DEPS | {"pobj", "dobj"} if nominal else CLIMB_DEPS
        for _ in range(7 if nominal else 4):
            dep = current.dep_
            head = current.head
            if dep not in climb or head.i == current.i:
                break
            if nominal and dep == "prep" and current.lower_ in TIME_PREPS:
                break  # "agreed, after a day of talks, to ...": the talks are past, not the agreed act
            kids = children(head)
            # a coordinated verb is no governor ("vowed retaliation and ordered reinforcements")
            role = self.modality.get(lemma_lower(head)) if dep != "conj" else None
            if role is None and dep in ("advcl", "xcomp", "conj") and any(
                    c.dep_ == "aux" and self.modality.get(lemma_lower(c)) == "intent" for c in kids):
                role = "intent"  # "will travel to Skopje to meet ..."
            if role == "intent" and modality == "asserted":
                modality = "intended"
                negated = negated or any(c.dep_ == "neg" for c in kids)
            elif role == "negate" and dep != "conj":
                negated = True  # "dismissed reports that ..."; not "dismissed the cabinet and declared ..."
            elif role == "report" and dep == "ccomp":
                speaker_token = next((c for c in kids if c.dep_ in SUBJECT_DEPS), None)
                if speaker_token is not None:
                    speaker = resolve_token(speaker_token, mention_index(trigger.doc), False)
                if modality == "asserted":
                    modality = "reported"
                break
            current = head
        return negated, modality, speaker

    def modal_code(self, cameo: str, modality: str) -> str:
        """The code of an intended act: cooperative acts become 03x intents, hostile ones 13x threats."""
        root = cameo[:2]
        if modality != "intended" or root in VERBAL_ROOTS:
            return cameo
        threat = root not in COOPERATIVE_ROOTS and root not in INTENT_AS_AID
        return self.lexicon.intent_code(cameo, threat=threat) or cameo


def direct_object(verb: Token, passive: bool = False) -> Token | None:
    """The object a verb pattern's ``object`` column is matched against: the direct object (the
    passive subject), or a bare noun phrase after it ("gave the diplomats 72 hours to leave")."""
    obj = _child(verb, "nsubjpass" if passive else "dobj")
    if obj is None and passive and _passive_participle(verb):
        obj = verb.head  # "a missile fired by the rebels": the noun the participle describes
    if obj is None and passive and verb.dep_ == "conj":
        # "the attackers blew themselves up or were shot by commandos": the shared subject
        obj = next((c for c in children(verb.head) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if obj is None and not passive:
        obj = _child(verb, "npadvmod")
    if (obj is None and not passive and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN"
            and any(c.dep_ == "nsubj" for c in children(verb))):
        obj = verb.head  # "the two soldiers it captured": the noun the clause describes
    return obj


def _reported_acts(noun: Token) -> list[Token]:
    """The verbs of the clauses saying what a report or allegation tells ("reports that troops
    had killed civilians")."""
    if lemma_lower(noun) not in REPORT_WORDS:
        return []
    return [c for c in children(noun) if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")]


def _investigated(event: _Found, triggers: dict) -> bool:
    """True for an act only told as what an investigation looks into ("opened an investigation
    into reports that M23 fighters executed 21 civilians"): an allegation, not coded (CODING.md 2)."""
    trigger = event.trigger
    if trigger.dep_ not in ("acl", "ccomp") or lemma_lower(trigger.head) not in REPORT_WORDS:
        return False
    current = trigger.head
    for _ in range(4):
        if current.dep_ not in ("pobj", "prep", "dobj") or current.head.i == current.i:
            return False
        current = current.head
        governor = triggers.get(current.i)
        if governor is not None:
            return governor.cameo[:2] == "09"
    return False


def _next_act(verb: Token) -> bool:
    """True for "rejected the criticism, accusing Serbia of ...": a participle after the main
    clause tells the speaker's next act, not the content of the first."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > verb.head.i


def _quoted_epithet(obj: Token) -> Token | None:
    """A quoted apposition of an object, which the parser gives for an object predicate in
    quotes ("called the move "an abhorrent act""), or None."""
    appos = _child(obj, "appos")
    if appos is None or appos.left_edge.i == 0:
        return None
    first = appos.doc[appos.left_edge.i]
    before = appos.doc[appos.left_edge.i - 1]
    return appos if first.is_quote or before.is_quote else None


@lru_cache(maxsize=None)
def _prep_words(part: str) -> frozenset[str]:
    """The prepositions of a "prep:to|with" target spec (parsed once per spec)."""
    return frozenset(part[5:].split("|"))


def act_nouns(verb: Token) -> list[Token]:
    """Nouns that name the act a light verb performs on its object ("placed X under house arrest",
    "took X into custody")."""
    return [p for prep in children(verb) if prep.dep_ == "prep" and prep.lower_ in ("under", "into")
            for p in children(prep) if p.dep_ == "pobj"]


def resolve_token(token: Token, actors: list, national: bool) -> ActorMention | None:
    """The actor a role token stands for; with ``national``, a noun qualified by a country
    ("a Russian passenger plane") stands for that country."""
    mention = actors[token.i]
    if mention is not None:
        return mention
    if token.tag_ == "WP$":
        return _relative_antecedent(token, actors)
    if national or token.pos_ in ("NOUN", "PROPN"):
        kids = children(token)
        for child in kids:
            if child.dep_ in NATIONAL_DEPS and child.i < token.i:
                sub = actors[child.i]
                if sub is not None and sub.participant_code and (
                        child.dep_ == "poss" or sub.kind in ("NORP", "GPE") or (sub.kind == "ORG" and len(sub.participant_code) > 3)):
                    return sub
        for child in kids:
            # "a convoy of African Union peacekeepers", "the town of Daraa": the people or place meant.
            if child.dep_ == "prep" and child.lower_ == "of" and token.pos_ in ("NOUN", "ADJ", "NUM", "PRON"):
                inner = _child(child, "pobj")
                if inner is not None and actors[inner.i] is not None and actors[inner.i].participant_code:
                    return actors[inner.i]
        for child in kids:
            # "rejected the proposal by Poland", "a ceasefire offered by the rebels": the owner of
            # the rejected thing is the target.
            if child.dep_ == "acl" and child.tag_ == "VBN":
                child = _child(child, "agent") or child
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
                owner = _child(child, "pobj")
                if owner is not None and actors[owner.i] is not None and actors[owner.i].participant_code:
                    return actors[owner.i]
    return None


def _alleged(event: _Found, by_trigger: dict) -> bool:
    """True for an act told only as the content of an accusation, appeal or demand ("accused each
    other of violating the truce"): no later "the attack" refers to it."""
    governor = _governing_trigger(event.trigger, by_trigger)
    return governor is not None and governor is not event and governor.cameo[:2] in CONTENT_ROOTS


def _named_place(noun: Token) -> str | None:
    """The country of a place qualifying an event noun ("the Ganja strike"), or None."""
    actors = mention_index(noun.doc)
    for child in children(noun):
        mention = actors[child.i] if child.dep_ in ("compound", "nmod") and child.i < noun.i else None
        if mention is not None and not mention.code and mention.place_country:
            return mention.place_country
    return None


def _relative_antecedent(token: Token, actors: list) -> ActorMention | None:
    """The actor a relative "whose" stands for: the noun its clause describes ("ARSA, whose
    attacks ... killed 12")."""
    current = token
    for _ in range(4):
        if current.head.i == current.i:
            return None
        if current.dep_ == "relcl":
            return actors[current.head.i]
        current = current.head
    return None


def _place_in_clause(trigger: Token) -> ActorMention | None:
    """The first city or region named in the trigger's clause (not inside a nested clause)."""
    actors = mention_index(trigger.doc)
    for token in subtree(trigger):
        mention = actors[token.i]
        if mention is not None and mention.place_country and mention.code is None:
            head = token
            while head.i != trigger.i and head.dep_ not in ("ccomp", "advcl", "relcl", "xcomp") and head.head.i != head.i:
                head = head.head
            if head.i == trigger.i:
                return replace(mention, code=mention.place_country)
    return None


def _story_targets(found: list[_Found]) -> None:
    """A foreign actor's appeal, demand, aid pledge, mediation or denial whose clause names no
    target ("Japan called for a return to democracy", "Brazil pledged $15 million") is aimed at the
    country the story is about (``ew_home``), when other events of the story target it: the partner
    a coordinated verb names ("met the Chadian president and offered help"), else the bare code (no
    sector is stated, CODING.md 4). Left alone: joint and nominal acts; acts on another actor's act
    ("demanded an EU summit"); the purpose of a visit ("travel to Sudan to press for a ceasefire");
    a "call" whose complement names something ("called the move abhorrent"); and a third party's
    act while the home country fights another state (the call is aimed at both)."""
    home = found[0].trigger.doc._.ew_home if found else None
    if not home or not any(t is not None and (t.participant_code or "")[:3] == home for f in found for t in f.targets):
        return
    acts = {f.trigger.i for f in found if f.sources}
    rivals = _foreign_rivals(found, home)
    for event in found:
        named = [t for t in event.target_tokens if t.ent_type_ not in ("DATE", "TIME")]  # "called on Monday"
        if (event.targets != [None] or event.nominal or named or "joint" in event.flags
                or not event.cameo.startswith(STORY_TARGET_CODES)):
            continue
        codes = [s.participant_code for s in event.sources if s.participant_code]
        if not codes or any(c[:3] == home for c in codes) or rivals and not rivals & {c[:3] for c in codes}:
            continue  # a third party's call in a fight between the home country and another is aimed at both
        trigger = event.trigger
        complements = [c for c in children(trigger) if c.dep_ in ("dobj", "ccomp", "oprd")]
        if any(c.i in acts for c in complements):
            continue
        if trigger.dep_ in ("advcl", "xcomp") and lemma_lower(trigger.head) in VISIT_WORDS:
            continue
        if event.cameo[:2] == "02" and complements and not event.objects:
            continue
        # "congratulated the Angolan government and offered help": the partner the coordinated verb names
        partner = [t for f in found if f.trigger.i in _coordinated(trigger) for t in f.targets
                   if t is not None and (t.participant_code or "")[:3] == home]
        event.targets = partner[:1] or [ActorMention(trigger.i, trigger.i + 1, home, home, "GPE", f"gpe:{home}")]


def _coordinated(verb: Token) -> set[int]:
    """Indices of the verbs coordinated with this one ("held talks ... and offered help")."""
    first = verb.head if verb.dep_ == "conj" else verb
    return {first.i, *(c.i for c in children(first) if c.dep_ == "conj")} - {verb.i}


def _foreign_rivals(found: list[_Found], home: str) -> set[str]:
    """Countries (ISO-3) that fight or coerce the home country, or are fought by it (roots 17-20)."""
    rivals = set()
    for event in found:
        if event.cameo[:2] not in ("17", "18", "19", "20"):
            continue
        sides = [{(m.participant_code or "")[:3] for m in ms if m is not None} for ms in (event.sources, event.targets)]
        for one, other in (sides, sides[::-1]):
            if home in one:
                rivals |= other - {home, ""}
    return rivals


def _fill_outcome_targets(found: list[_Found]) -> None:
    """"stormed the hotel, killing 20 people": an attack with no actor as target takes its
    outcome's victims (before claims of responsibility copy its target)."""
    by_trigger = {f.trigger.i: f for f in found}
    for event in found:
        main = by_trigger.get(event.trigger.head.i)
        if (main is not None and main is not event and event.targets != [None]
                and all(t is None or not t.participant_code for t in main.targets)
                and event.trigger.dep_ in ("advcl", "conj") and event.trigger.tag_ == "VBG"
                and _outcome_of(main.cameo, event.cameo) and main.cameo[:2] in VIOLENT_ROOTS):
            main.targets = list(event.targets)


def _fill_place_targets(found: list[_Found]) -> None:
    """"another bomber detonated explosives aboard a bus in Haifa": an attack told without its
    agent or victims is aimed at the place of its clause, so that a later claim of responsibility
    ("Hamas claimed both attacks") finds it and its target."""
    for event in found:
        if not event.nominal and not event.sources and event.targets == [None] and event.cameo[:2] in VIOLENT_ROOTS:
            place = _place_in_clause(event.trigger)
            if place is not None:
                event.targets = [place]


def _acts_told_by_outcome(found: list[_Found]) -> None:
    """"army shelling killed dozens", "whose attacks on police posts killed 12": a violent act named
    as the subject of its outcome is coded once, with the act's agent and code and the outcome's
    victims."""
    by_trigger = {f.trigger.i: f for f in found}
    for event in found:
        if event.nominal or event.sources or event.cameo[:2] not in VIOLENT_ROOTS:
            continue
        act = next((by_trigger[t.i] for t in event.source_tokens if t.i in by_trigger), None)
        if act is None or not act.nominal or not act.sources or not _same_kind(act.cameo, event.cameo):
            continue
        event.sources, event.cameo = list(act.sources), act.cameo
        if event.targets == [None]:
            event.targets = list(act.targets)
        act.anaphoric = True  # told once, as the outcome's event


def _visits_and_hosts(events: list[EventMention], doc: Doc) -> list[EventMention]:
    """A meeting in the other side's country is a visit (042) and its host hosts it (043): "met
    Assad in Damascus", or talks held during a visit told in the article."""
    visited: dict[str, str] = {}
    result: list[EventMention] = []
    for event in events:
        result.append(event)
        if event.target is None or not event.target.participant_code:
            continue
        source, target = event.source.participant_code[:3], event.target.participant_code[:3]
        if event.cameo == "042" and lemma_lower(doc[event.trigger]) in VISIT_WORDS:
            visited[source] = target
        if _is_visiting(doc, event.target) and event.cameo in MEETING_CODES:
            result[-1] = replace(event, cameo="043")  # "met his visiting counterpart": a host's meeting
            continue
        if event.cameo != "040" or source == target:
            continue
        place = _place_in_clause(doc[event.trigger])
        host = place.code[:3] if place is not None and place.code else visited.get(source)
        if host is None:
            host = _host_of_journey(doc[event.trigger], target)
        if host == target:
            result[-1] = replace(event, cameo="042")
            if not any(e.cameo in ("040", "043") and e.source.participant_code[:3] == target
                       and e.target is not None and (e.target.participant_code or "")[:3] == source for e in events):
                result.append(replace(event, source=event.target, target=event.source, cameo="043"))
        elif host == source:
            result[-1] = replace(event, cameo="043")
    return result + _guests_visits(events, result, doc)


def _host_of_journey(meeting: Token, target: str) -> str | None:
    """Where a meeting told with its source's journey is held: "flew into Monrovia for talks with
    Taylor", "arrived in X to meet Y", "flew into the capital and met the president" (a journey to
    an unnamed place to meet someone is a visit to that someone: TARGET)."""
    head = meeting.head
    if meeting.dep_ == "pobj" and head.lower_ == "for":  # "flew into Monrovia for talks"
        head = head.head
    elif meeting.dep_ == "conj":  # "flew into the capital, toured the ruins and met ..."
        while lemma_lower(head) not in TRAVEL_VERBS and head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
    elif meeting.dep_ not in ("advcl", "xcomp"):  # "arrived in Kabul to meet ..."
        return None
    if head.i == meeting.i or lemma_lower(head) not in TRAVEL_VERBS:
        return None
    place = _place_in_clause(head)
    return place.code[:3] if place is not None and place.code else target


def _guests_visits(found: list[EventMention], coded: list[EventMention], doc: Doc) -> list[EventMention]:
    """A host's reception told as such (a 043 verb: "was received by Sharif", "greeted X") is also
    the guest's visit (042), unless the guest's side of the meeting is coded already. Meetings with
    "his visiting counterpart" stay the host's alone (the visit is told elsewhere, if at all)."""
    met = {(e.source.participant_code[:3], e.target.participant_code[:3]) for e in coded
           if e.target is not None and e.target.participant_code and e.cameo in MEETING_CODES}
    return [replace(e, source=e.target, target=e.source, cameo="042") for e in found
            if e.cameo == "043" and e.target is not None and e.target.participant_code
            and (e.target.participant_code[:3], e.source.participant_code[:3]) not in met
            and not _is_visiting(doc, e.target)]


def _helped(verb: Token) -> list[Token]:
    """Who a help verb helps: its object, else the subject of its complement ("to help Iraq's
    Kurdish forces defend themselves")."""
    kids = children(verb)
    objects = [c for c in kids if c.dep_ == "dobj"]
    return objects or [s for c in kids if c.dep_ in ("ccomp", "xcomp") for s in children(c) if s.dep_ == "nsubj"]


def _protested(trigger: Token) -> list[Token]:
    """Who a protest is against, from its purpose clause or an against-phrase in its clause."""
    found = []
    for clause in children(trigger):
        if clause.dep_ in ("advcl", "xcomp") and lemma_lower(clause) in PROTESTED_VERBS:
            found += [c for c in children(clause) if c.dep_ == "dobj"]
        if clause.dep_ == "advcl" and clause.tag_ == "VBG":  # "chanting slogans against X"
            found += [_child(p, "pobj") for p in subtree(clause) if p.dep_ == "prep" and p.lower_ == "against"]
    return [t for t in found if t is not None]


def _by_kind_of_actor(code: str, chemical: bool, source: ActorMention,
                      target: ActorMention | None) -> tuple[str, ActorMention | None]:
    """Who acts on whom decides what a forceful act is: an armed group's assault on civilians or a
    town is unconventional violence (180); police firing on crowds is repression (175); protesters
    storming or occupying a building protest violently (145) or block (144) against their
    government; any force with chemical agents (``chemical``) is 2041."""
    root = code[:2]
    if root in ("18", "19") and chemical:
        return "2041", target
    if code in ("170", "190") and _armed_group(source) and not _armed(target):
        return "180", target
    source_code = source.participant_code or ""
    if root in ("18", "19") and source_code.endswith("COP") and target is not None and _civilian(target):
        return "175", target
    if _civilian(source) and (root in ("18", "19") or code in ("171", "192")):
        # "stormed the Saudi embassy": an act against a foreign mission is against its government
        foreign = (target is not None and (target.participant_code or "").endswith("GOV")
                   and target.participant_code[:3] != source_code[:3])
        return ("144" if code in ("171", "192") else "145"), target if foreign else _own_country(source, "GOV")
    return code, target


def _own_country(actor: ActorMention, sector: str = "") -> ActorMention:
    """The actor's own country (its government with ``sector="GOV"``), told where the actor is:
    the nation a curfew is imposed on, the government protesters protest against."""
    code = actor.participant_code[:3] + sector
    entity = f"agent:{code}" if sector else f"gpe:{code}"
    return replace(actor, code=code, place_country=None, members=(), entity=entity)


def _aggregate(trigger: Token) -> bool:
    """An ongoing or aggregate state, not a discrete act: "have seized large parts of Iraq since
    June", "has conducted six nuclear tests" (present perfect with "since" or a counted plural)."""
    kids = children(trigger)
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in kids)
    if not perfect:
        return False
    since = any(c.lower_ == "since" for c in kids)
    counted = any(c.dep_ == "dobj" and c.tag_ == "NNS" and any(n.dep_ == "nummod" for n in children(c))
                  for c in kids)
    return since or counted


def _chemical(trigger: Token) -> bool:
    """True when the act's clause names a chemical agent ("barrels packed with chlorine")."""
    if CHEMICAL_CUES.isdisjoint(lemma_set(trigger.doc)):
        return False  # most stories name no chemical at all: no need to walk the clause
    tokens = subtree(trigger)
    return any(lemma_lower(t) in CHEMICAL_WORDS or (lemma_lower(t) in CHEMICAL_PAIRS[0] and n + 1 < len(tokens)
               and lemma_lower(tokens[n + 1]) in CHEMICAL_PAIRS[1]) for n, t in enumerate(tokens))


def _civilian(actor: ActorMention) -> bool:
    """Unarmed people: crowds, protesters, students, workers, activists."""
    return (actor.participant_code or "").endswith(("CVL", "OPP", "EDU", "LAB"))


# --- roles filled from other events (EventExtractor.resolve_anaphora) ----------------------------


def _side(event: _Found) -> set[str]:
    """The countries (or organisations) of an event's sources."""
    return {(s.participant_code or "")[:3] for s in event.sources}


def _aims_at(event: _Found, side: set[str]) -> bool:
    """True when one of the event's targets belongs to ``side``."""
    return any(t is not None and (t.participant_code or "")[:3] in side for t in event.targets)


def _answer_accusation(event: _Found, before: list[_Found]) -> None:
    """"Eritrea denied the charge": a targetless denial answers the last accusation against it."""
    if event.cameo[:3] != "016" or event.targets != [None] or not event.sources:
        return
    accused = {s.participant_code[:3] for s in event.sources if s.participant_code}
    accusation = next((f for f in reversed(before) if f.cameo[:2] == "11" and _aims_at(f, accused)), None)
    if accusation is not None:
        event.targets = list(accusation.sources)


def _answer_appeal(event: _Found, before: list[_Found]) -> None:
    """"rejected the call", "ruled out a no-fly zone": a targetless rejection answers whoever last
    appealed to, offered to or demanded of the rejecting side."""
    if event.cameo[:2] != "12" or event.targets != [None] or not event.sources:
        return
    side = _side(event)
    # a protest with no stated target is against its own government (as in finish), so also asks of it
    asked = next((f for f in reversed(before) if f.cameo[:2] in ("02", "03", "10", "14") and f.sources
                  and (_aims_at(f, side) or f.cameo[:2] == "14" and f.targets == [None] and _side(f) & side)), None)
    if asked is not None:
        own = {s.participant_code for s in event.sources}
        event.targets = [s for s in asked.sources if s.participant_code not in own] or [None]


def _face_the_hostile(event: _Found, found: list[_Found]) -> None:
    """"put the armed forces on full combat alert": targetless readiness (15) is against the
    nearest event, before or after, in which another side threatens or attacks this one."""
    if event.cameo[:2] != "15" or event.targets != [None] or not event.sources:
        return
    side = _side(event)
    hostile = [f for f in found if f.cameo[:2] in ("13", "17", "18", "19", "20") and f.sources
               and _aims_at(f, side) and not any((s.participant_code or "")[:3] in side for s in f.sources)]
    if hostile:
        nearest = min(hostile, key=lambda f: abs(f.trigger.i - event.trigger.i))
        event.targets = [_state_behind(s) for s in nearest.sources]


def _refuse_the_adversary(event: _Found, found: list[_Found]) -> None:
    """"ruled out negotiations": a refusal to negotiate (CAMEO 125) naming no partner, and not
    answering an offer, is aimed at the side's opponent in the nearest fighting it is party to."""
    if event.cameo[:3] != "125" or event.targets != [None] or not event.sources:
        return
    side = {_camp(s) for s in event.sources}
    opponents = []
    for f in found:
        if f.cameo[:2] not in VIOLENT_ROOTS or not f.sources or f.targets == [None]:
            continue
        if any(_camp(s) in side for s in f.sources):
            other = [t for t in f.targets if t is not None and t.participant_code and _camp(t) not in side]
        elif any(t is not None and _camp(t) in side for t in f.targets):
            other = [s for s in f.sources if s.participant_code and _camp(s) not in side]
        else:
            continue
        if other:
            opponents.append((abs(f.trigger.i - event.trigger.i), other))
    if opponents:
        event.targets = min(opponents, key=lambda pair: pair[0])[1]


def _camp(actor: ActorMention) -> str:
    """The camp an actor fights in: a country's state (government, forces, police, the bare
    country) as one, each of its non-state sectors (rebels, opposition, civilians) apart."""
    code = actor.participant_code or ""
    sector = code[3:6]
    return code[:3] if sector in ("", "GOV", "MIL", "COP", "SPY", "JUD") else code


def _return_fire(event: _Found, before: list[_Found]) -> None:
    """"troops returned fire": an answering act is aimed at whoever last attacked its side."""
    if "answers" not in event.flags or event.targets != [None] or not event.sources:
        return
    side = _side(event)
    attack = next((f for f in reversed(before) if f.cameo[:2] in VIOLENT_ROOTS and f.sources
                   and _aims_at(f, side)), None)
    if attack is not None:
        event.targets = list(attack.sources)


def _aim_at_event_owners(event: _Found, by_trigger: dict) -> None:
    """An act aimed at an event ("condemned the shelling", "welcomed the offer", "rejected the
    truce offer", "reports of killings by the RSF") is aimed at that event's sources, and at every
    party of a joint one ("welcomed the summit"); a mediation of talks is between the talks' parties."""
    if event.targets != [None] or event.nominal:
        return
    if event.cameo[:3] == "055":
        _apologised_to(event, by_trigger)
        return
    aimed_tokens = list(event.target_tokens)
    for token in event.target_tokens:  # "reports of killings by the RSF", "the truce offer"
        aimed_tokens += [_child(c, "pobj") for c in children(token) if c.dep_ == "prep" and c.lower_ in ("of", "into")]
        aimed_tokens += [c for c in children(token) if c.dep_ == "compound" and c.i < token.i]
        aimed_tokens += _reported_acts(token)  # "an inquiry into reports that troops killed civilians"
    aimed = [by_trigger[t.i] for t in aimed_tokens if t is not None and t.i in by_trigger]
    owners = [s for a in aimed for s in a.sources if s is not None]
    if owners and event.cameo[:2] == "05":
        if event.trigger.dep_ == "relcl":
            return  # "X, whose party has backed the protests, ...": a stance describing X, not an act told
        # approval of a summit or an agreement approves all its parties (CAMEO 051 "praise or endorse")
        owners += [t for a in aimed if "joint" in a.flags for t in a.targets if t is not None]
    if owners and event.cameo[:2] in ("01", "05", "09", "11", "12", "17", "16"):
        event.targets = owners
    elif aimed and event.cameo[:3] == "045":
        # "Qatar mediated talks between the two sides": the sides are mediated between
        parties = [m for a in aimed for m in [*a.sources, *a.targets] if m is not None]
        event.targets = parties or [None]
        for a in aimed:
            a.anaphoric = True  # the mediated talks are coded as the mediation


def _apologised_to(event: _Found, by_trigger: dict) -> None:
    """"apologised for entering Ecuador", "apologised for the raid on Ecuador": an apology naming
    no addressee is made to whoever the act apologised for was done to (CAMEO 055)."""
    actors = mention_index(event.trigger.doc)
    for prep in children(event.trigger):
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        act = _child(prep, "pobj") or _child(prep, "pcomp")
        if act is None:
            continue
        if act.i in by_trigger:
            wronged = [t for t in by_trigger[act.i].targets if t is not None]
        else:  # an act the lexicon does not know: its object, or the object of its preposition
            objects = [c for c in children(act) if c.dep_ == "dobj"]
            objects += [_child(c, "pobj") for c in children(act) if c.dep_ == "prep" and c.lower_ in ("on", "against", "into")]
            wronged = [m for m in (resolve_token(o, actors, True) for o in objects if o is not None) if m is not None]
        if wronged:
            event.targets = wronged
            return


def _state_behind(actor: ActorMention) -> ActorMention:
    """Readiness is against the hostile state, not the unit that fired: a state force stands for
    its country; armed groups and international actors stand for themselves."""
    code = actor.participant_code or ""
    return actor if _armed_group(actor) or code[:3] in ("IGO", "NGO", "IMG") else _own_country(actor)


def _armed_group(actor: ActorMention) -> bool:
    """Non-state armed groups: a country's rebels and militants, and Islamic State."""
    code = actor.participant_code or ""
    return code.endswith("REB") or code.startswith("IMG")


def _armed(actor: ActorMention | None) -> bool:
    """True for forces that fight back: armies, armed groups and international forces."""
    code = actor.participant_code or "" if actor is not None else ""
    return code.endswith(("MIL", "REB")) or code.startswith("IGO")  # peacekeepers are armed too


def _is_visiting(doc: Doc, actor: ActorMention) -> bool:
    """True for "his visiting French counterpart", "visiting British Prime Minister David Cameron"."""
    before = column(doc, "LOWER")[max(actor.start - 4, 0):actor.end]  # string hashes: no Token objects
    return VISITING in before and VISITING_NOT.isdisjoint(before)


def _visiting_verb(prep: Token) -> Token | None:
    """The "visiting" of "talks with visiting President X" (parsed as a verb under the preposition)."""
    return next((c for c in children(prep) if c.dep_ == "pcomp" and c.lower_ == "visiting"), None)


def _coordinate(verb: Token) -> Token:
    """The verb a clause is coordinated with. A verb without a subject of its own that the parser
    hangs on a copular complement ("denied that the troops were behind it and blamed the gangs")
    goes with the verb governing that complement ("denied"): its subject and modality are that one's."""
    head = verb.head
    if (verb.dep_ == "conj" and verb.pos_ == "VERB" and head.dep_ == "ccomp" and lemma_lower(head) == "be"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in children(verb))):
        return head.head
    return verb


def _obliges(verb: Token) -> bool:
    """True when a complement clause of the verb says its subject must act ("told Singh that the
    rebels must lay down their arms")."""
    return any(c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "must" for a in children(c))
               for c in children(verb))


def _names_actor(obj: Token, actors: list) -> bool:
    """True when a verb's object is itself an actor (a person, government or country), for rows
    whose object column is ACTOR_OBJECT."""
    mention = actors[obj.i]
    return mention is not None and bool(mention.participant_code)


def _background(event: _Found) -> bool:
    """"Since Russia's invasion of Ukraine, prices have soared": a nominal event that only dates
    a state of affairs (the object of a BACKGROUND_PREPS word) was told before; it is no new act."""
    trigger = event.trigger
    return event.nominal and trigger.dep_ == "pobj" and trigger.head.lower_ in BACKGROUND_PREPS


def _mediated(event: _Found) -> bool:
    """True for joint talks that are the object of a mediating verb ("brokered talks between A and
    B"): CAMEO codes the mediator's 045 on both sides, not the sides' meeting as well."""
    trigger = event.trigger
    return (event.nominal and "joint" in event.flags and trigger.dep_ in ("dobj", "nsubjpass")
            and trigger.head.pos_ in ("VERB", "AUX") and lemma_lower(trigger.head) in MEDIATING_VERBS)


def _own_time_clause(verb: Token) -> bool:
    """True for an adverbial clause with its own subject and a time or cause marker ("accused the
    US ... after a U.S. diplomat met student leaders"): an act of its own, not the content of the
    speech act it qualifies."""
    kids = children(verb)
    return (verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in kids)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in kids))


FUTURE_AUX = frozenset({"will", "would", "shall"})


def _agentless_threat(verb: Token, cameo: str) -> bool:
    """Whether VERB is a future passive coercive act ("would be punished") reported by its head."""
    return (verb.dep_ == "ccomp" and int(cameo[:2]) >= 15 and verb.head.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in children(verb)))


def _passive_participle(verb: Token) -> bool:
    """True for a past participle describing a noun with a by-agent ("a missile fired by the rebels")."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and _child(verb, "agent") is not None


def _is_condition(clause: Token) -> bool:
    """True for "if/unless/until X ..." and the inverted "should X ..." clauses ("should" before
    the clause's subject; "X should leave" is no condition)."""
    should = None
    for c in children(clause):  # a plain loop: asked of every event
        if c.i > clause.i:
            break  # markers and auxiliaries come before the verb
        lower = c.lower_
        if lower in CONDITIONS and c.dep_ == "mark":
            return True
        if lower == "should" and c.dep_ == "aux":
            should = c
    return should is not None and any(s.i > should.i for s in _clause_subjects(clause))


def _clause_subjects(clause: Token) -> list[Token]:
    """The subjects of a clause; for a clause the parser read as a noun phrase ("should the DPRK
    strike again": strike as a noun), the names qualifying its head."""
    kids = children(clause)
    subjects = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and clause.pos_ in ("NOUN", "PROPN"):
        subjects = [c for c in kids if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
    return subjects


def _same_kind(a: str, b: str) -> bool:
    """Two codes describe the same kind of act (same root, or both violent)."""
    violent = ("18", "19", "20")
    return a[:2] == b[:2] or (a[:2] in violent and b[:2] in violent)


def _outcome_of(main: str, participle: str) -> bool:
    """Whether a participle's act can be the outcome of the violent act it follows ("pounded the
    town, killing 12"): generic force (x0) or the same root; an abduction ("taking 15 people
    hostage", 181) or other specific act of another root is an act of its own."""
    return _same_kind(main, participle) and (main[:2] == participle[:2] or participle[2:3] == "0")


def _governing_trigger(trigger: Token, triggers: dict) -> "_Found | None":
    """The event whose trigger governs this one's clause (through complements), if any."""
    current = trigger
    for _ in range(3):
        if current.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "advcl") or current.head.i == current.i:
            return None
        current = current.head
        if current.i in triggers:
            return triggers[current.i]
    return None


def _reciprocal(tokens) -> bool:
    """True for "each other" / "one another" as the object."""
    return any(t.lower_ == "other" and any(c.lower_ in ("each", "one") for c in children(t)) or t.lower_ == "another"
               for t in tokens)


def _has_ally(verb: Token) -> bool:
    """True when a clause names an opponent ("against") or togetherness, so "with" is an ally."""
    return any(c.lower_ in ("together", "against", "alongside", "jointly") for c in children(verb))


def _conjuncts(token: Token) -> list[Token]:
    """The members of a list that ``token`` heads: conjuncts, and appositions that continue a
    list of names ("Canada, Brazil, Colombia and Argentina" parses Brazil as an apposition)."""
    members: list[Token] = []
    stack = [token]
    while stack:
        current = stack.pop()
        for child in children(current):
            if child.dep_ == "conj" or (child.dep_ == "appos" and child.pos_ == "PROPN" and current.pos_ == "PROPN"
                                         and child.ent_type_ == current.ent_type_ == "GPE"):
                members.append(child)
                stack.append(child)
    if len(members) > 1:  # most role tokens head no list
        members.sort(key=lambda t: t.i)
    return members


def _listed_members(token: Token, actors: list) -> list[Token]:
    """"The three ministers, A, B and C, ...": a plural noun whose apposition lists actors stands
    for those members, each its own actor (CODING.md 1, compound actors)."""
    if token.tag_ not in ("NNS", "NNPS"):
        return []
    appos = _child(token, "appos")
    if appos is None:
        return []
    members = [appos, *_conjuncts(appos)]
    if len(members) < 2 or any(actors[m.i] is None or not actors[m.i].participant_code for m in members):
        return []  # "clashed, burning tyres and stoning cars" misparsed as an apposition lists no actors
    return members


def _child(token: Token | None, dep: str) -> Token | None:
    if token is None:
        return None
    for c in children(token):  # a plain loop: called very often, and cheaper than next(generator)
        if c.dep_ == dep:
            return c
    return None


def _dedupe(events: list[EventMention], intents: dict[str, str] | None = None, doc: Doc | None = None) -> list[EventMention]:
    """Restatements are coded once: an event whose root and actors repeat an earlier one's (the
    same codes, or one more specific: RUS and RUSGOV) is merged into it, keeping the first
    mention and the most specific codes."""
    kept: list[EventMention] = []
    own_dates: dict[int, set[str]] = {}  # by trigger: one trigger is compared many times

    def dates_of(trigger: int) -> set[str]:
        if trigger not in own_dates:
            own_dates[trigger] = _own_dates(doc, trigger)
        return own_dates[trigger]

    for event in events:
        for n, first in enumerate(kept):
            if first.negated != event.negated or not _same_act(first.cameo, event.cameo, intents or {}):
                continue
            if not _compatible(first.source, event.source) or not _compatible(first.target, event.target):
                continue
            dates = (dates_of(first.trigger), dates_of(event.trigger)) if doc is not None else ((), ())
            if dates[0] and dates[1] and not dates[0] & dates[1]:
                continue  # "detained two suspects on Dec. 30 ... two more on Thursday": two acts
            if len(event.source.participant_code) > len(first.source.participant_code):
                first = replace(first, source=event.source)
            if event.target and len(event.target.participant_code or "") > len(first.target.participant_code or ""):
                first = replace(first, target=event.target)
            kept[n] = first
            break
        else:
            kept.append(event)
    return kept


def _own_dates(doc: Doc, trigger: int) -> set[str]:
    """The date words attached to a trigger ("on Thursday", "on Dec. 30"), outside nested clauses;
    a participle of outcome ("blew themselves up late Saturday, killing 11") has its act's."""
    words: set[str] = set()
    token = doc[trigger]
    if token.tag_ == "VBG" and token.dep_ in ("advcl", "conj") and token.head.i != token.i:
        words = _own_dates(doc, token.head.i)
    for child in children(token):
        if child.dep_ in ("prep", "npadvmod"):
            words |= {t.lower_ for t in subtree(child) if t.ent_type_ == "DATE" and t.dep_ not in ("relcl", "advcl")}
    return words


def _same_act(a: str, b: str, intents: dict[str, str]) -> bool:
    """The same act told twice: same root with the same base code or a generic one ("fired" 190
    and "shelled" 194), or one is the intent to do the other ("would discuss" 036 and "met" 04x).
    Distinct acts of one root stay apart ("broke off relations and expelled diplomats": 161, 166)."""
    if a[:2] == b[:2]:
        return (a.startswith(b) or b.startswith(a) or a[2] == "0" or b[2] == "0"
                or a[:3] in MEETING_CODES and b[:3] in MEETING_CODES)
    return (intents.get(a) == b[:2] or intents.get(b) == a[:2]
            or intents.get(a[:3]) == b[:2] or intents.get(b[:3]) == a[:2])  # 0333 is an 033 intent


def _compatible(a: ActorMention | None, b: ActorMention | None) -> bool:
    """Same actor, or one code refines the other (RUS and RUSGOV)."""
    if a is None or b is None:
        return a is b
    x, y = a.participant_code or "", b.participant_code or ""
    return x.startswith(y) or y.startswith(x)


register_component(
    "eventwire_events",
    lambda: EventExtractor(load_lexicon(), load_cameo(), load_modality_words()),
    assigns=["doc._.ew_events"],
    requires=["doc._.ew_actors", "token.dep", "token.lemma"],
)
