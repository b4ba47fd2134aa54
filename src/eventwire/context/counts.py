"""Finds explicit counts of people killed, wounded, arrested, kidnapped, displaced or missing.

Each number in the text is read once (parse_number) and attached to the word that says what it
counts by following the dependency parse: "killed 40 people" (object), "40 were killed" (passive
subject), "40 died" (subject), "40 dead" (noun), "the death toll rose to 57" (toll), "24 killed,
including nine children" (the kind of what includes them), "bringing the total to 600" (the kind
of the count before it). The words and their roles are data (data/count_words.tsv).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventwire.nlp.annotations import column, doc_text, entities, sentence_of, word_hashes

from eventwire.codebooks._tsv import data_path, read_tsv
from eventwire.context.numbers import NUMBER_WORDS, is_number_word, parse_number

logger = logging.getLogger(__name__)

KINDS = ("killed", "wounded", "arrested", "kidnapped", "displaced", "missing")
ROLES = ("object", "subject", "predicate", "noun", "of", "toll", "total", "person")
KINDLESS_ROLES = ("person", "total")  # words that say who is counted, or that a count goes on
COUNT_WORDS_FILE = "count_words.tsv"

# Entity labels whose numbers are never head counts (years, sums, percentages, ages, ranks);
# MONEY only when a currency is named, as the model also gives it to "10 million" people.
_NOT_COUNTS = frozenset({"DATE", "TIME", "PERCENT", "QUANTITY", "ORDINAL"})
_CURRENCY_WORDS = frozenset({
    "dollar", "euro", "pound", "yen", "yuan", "renminbi", "rupee", "rouble", "ruble", "franc", "peso",
    "dinar", "riyal", "rial", "lira", "naira", "shekel", "won", "baht", "ringgit", "rand", "krona",
    "krone", "real", "sterling", "cent", "penny", "usd", "eur", "gbp",
})
# Entity labels of proper nouns that a number cannot count as people ("three Boeings", "two Gazas").
_NOT_PEOPLE = frozenset({"GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
# Words before "one" that make it a pronoun ("no one was hurt"), not a count.
_PRONOUN_ONE = frozenset({"no", "any", "every", "each", "which", "this", "that", "someone"})
_LEFT_WINDOW = 4  # qualifier words that may precede a number: "as many as", "a total of"


@dataclass(frozen=True)
class CountMention:
    """One explicit count in a Doc: its kind, number, evidence span and the word carrying the kind."""

    kind: str
    number: int
    start: int  # token offsets in the doc of the evidence span
    end: int
    anchor: int  # token index of the word that carries the kind (killed, lives, dead, toll...)
    evidence: str


@dataclass(frozen=True)
class CountWord:
    """A lexicon entry: a trigger word, the words that must stand next to it, its role and kind."""

    word: str
    needs: tuple[str, ...]
    role: str
    kind: str


@dataclass(frozen=True)
class CountWords:
    """The count lexicon, indexed by role and then by trigger word."""

    by_role: dict[str, dict[str, tuple[CountWord, ...]]]

    def match(self, token: Token, role: str) -> CountWord | None:
        """The entry of this role that the token triggers, with its required neighbours present."""
        table = self.by_role.get(role, {})
        for form in (token.lemma_.lower(), token.lower_):
            for entry in table.get(form, ()):
                if not entry.needs or _has_neighbours(token, entry.needs):
                    return entry
        return None


def load_count_words(path: str | Path | None = None) -> CountWords:
    """Read and validate the count lexicon (default: the packaged count_words.tsv)."""
    source = Path(path) if path else data_path(COUNT_WORDS_FILE)
    table: dict[str, dict[str, list[CountWord]]] = {role: {} for role in ROLES}
    seen: set[tuple[str, str]] = set()
    for row in read_tsv(source, ("word", "role")):
        words = row["word"].lower().split()
        role, kind = row["role"], row.get("kind")
        if role not in ROLES:
            raise row.error(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
        if role in KINDLESS_ROLES and kind:
            raise row.error(f"a {role} word takes no kind")
        if role not in KINDLESS_ROLES and kind not in KINDS:
            raise row.error(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        key = (" ".join(words), role)
        if key in seen:
            raise row.error(f"duplicate entry {key[0]!r} for role {role!r}")
        seen.add(key)
        entry = CountWord(words[0], tuple(words[1:]), role, kind)
        table[role].setdefault(entry.word, []).append(entry)
    return CountWords({role: {w: tuple(e) for w, e in words.items()} for role, words in table.items()})


@lru_cache(maxsize=1)
def default_count_words() -> CountWords:
    """The packaged count lexicon, loaded once per process."""
    return load_count_words()


def find_counts(span: Span | Doc, words: CountWords | None = None) -> list[CountMention]:
    """Explicit counts of people in a span or Doc, one mention per number, in text order.

    "40 soldiers and 10 civilians were killed" gives two mentions with the same anchor, so a
    caller can sum them into one event's fatalities.
    """
    words = words or default_count_words()
    region = span[:] if isinstance(span, Doc) else span
    mentions: list[CountMention] = []
    used: set[int] = set()
    for token in _numeric_tokens(region):
        if token.i in used or not _is_number_token(token):
            continue
        phrase = _number_phrase(token, region)
        if phrase is None:
            continue
        start, end, number = phrase
        used.update(range(start, end))
        mention = _attach(region.doc, start, end, number, words)
        if mention is not None and not mention.kind:
            mention = _running_total(region.doc, mention, mentions)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _numeric_tokens(region: Span) -> list[Token]:
    """The tokens of REGION that may be numbers (digits, NUM, number words), picked from arrays so
    the others never become Python objects."""
    doc = region.doc
    num = doc.vocab.strings.add("NUM")
    like, pos, lower = column(doc, "LIKE_NUM"), column(doc, "POS"), column(doc, "LOWER")
    words = _NUMBER_WORD_HASHES
    return [doc[i] for i in range(region.start, region.end) if like[i] or pos[i] == num or lower[i] in words]


_NUMBER_WORD_HASHES = word_hashes(NUMBER_WORDS)


def _running_total(doc: Doc, mention: CountMention, before: list[CountMention]) -> CountMention | None:
    """A total ("bringing the total to 600") counts what the count before it in its sentence counts."""
    sentence = sentence_of(doc, mention.anchor)
    previous = [m for m in before if sentence.start <= m.start < sentence.end]
    if not previous:
        return None
    return CountMention(previous[-1].kind, mention.number, mention.start, mention.end, mention.anchor,
                        mention.evidence)


# --- numbers in the parse ----------------------------------------------------------------------


def _is_number_token(token: Token) -> bool:
    """Whether TOKEN is (part of) a number that may count people; remembered per Doc, as the
    phrase search asks about the same tokens again and again."""
    known = token.doc.user_data.get("ew_number_tokens")
    if known is None:
        known = token.doc.user_data["ew_number_tokens"] = {}
    value = known.get(token.i)
    if value is None:
        value = known[token.i] = _number_token(token)
    return value


def _number_token(token: Token) -> bool:
    if token.ent_type_ in _NOT_COUNTS or (token.ent_type_ == "MONEY" and _names_currency(token)):
        return False
    if not (token.like_num or token.pos_ == "NUM" or is_number_word(token.text)):
        return False
    if token.lower_ == "one" and token.i > 0 and token.doc[token.i - 1].lower_ in _PRONOUN_ONE:
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ in ("%", "percent", "per"):
        return False
    return True


def _names_currency(token: Token) -> bool:
    """True when the MONEY entity around TOKEN has a currency sign or word ("$5 million", "5 million euros")."""
    doc = token.doc
    ent = next((e for e in entities(doc) if e.start <= token.i < e.end), None)
    start, end = (ent.start, ent.end) if ent is not None else (token.i, token.i + 1)
    nearby = doc[max(start - 1, 0):min(end + 1, len(doc))]
    return any(t.is_currency or t.lemma_.lower() in _CURRENCY_WORDS or t.lower_ in _CURRENCY_WORDS for t in nearby)


def _number_phrase(token: Token, region: Span) -> tuple[int, int, int] | None:
    """The longest (start, end, value) number phrase starting around ``token``."""
    doc = token.doc
    end = token.i + 1
    while end < region.end and (
        _is_number_token(doc[end])
        or (doc[end].lower_ in ("and", "-") and end + 1 < region.end and _is_number_token(doc[end + 1]))
    ):
        end += 1
    # doc[left:right].text, cut from the Doc text by token offsets (no Span per try)
    text, idx, length = doc_text(doc), column(doc, "IDX"), column(doc, "LENGTH")
    for right in range(end, token.i, -1):
        stop = idx[right - 1] + length[right - 1]
        for left in range(max(region.start, token.i - _LEFT_WINDOW), token.i + 1):
            value = parse_number(text[idx[left]:stop])
            if value is not None:
                return left, right, value
    return None


def _phrase_head(doc: Doc, start: int, end: int) -> Token:
    """The number token of the phrase whose syntactic head lies outside it."""
    numbers = [t for t in doc[start:end] if _is_number_token(t)]
    for candidate in reversed(numbers):
        if not start <= candidate.head.i < end or candidate.head.i == candidate.i:
            return candidate
    return numbers[-1]


def _counted(head: Token) -> Token:
    """The noun a number phrase counts: "40 people" -> people, "200 Boko Haram fighters" ->
    fighters; a bare "40" counts itself."""
    if head.dep_ in ("nummod", "quantmod", "compound", "amod") and head.head.i != head.i \
            and head.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and head.head.i > head.i:
        noun = head.head
        while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        return noun
    return head


def _refers_back(head: Token, counted: Token) -> bool:
    """A bare number with a definite article names a group already mentioned ("The two were detained")."""
    return counted.i == head.i and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


# --- attaching a number to what it counts ------------------------------------------------------


def _attach(doc: Doc, start: int, end: int, number: int, words: CountWords) -> CountMention | None:
    head = _phrase_head(doc, start, end)
    counted = _counted(head)
    if _refers_back(head, counted) or _breakdown(doc, start) or _capacity(doc, start, counted):
        return None
    is_people = counted.i == head.i or any(_is_people(noun, words) for noun in {counted, _first_conjunct(counted)})
    found = (_from_governor(counted, words, is_people)
             or _from_dependents(counted, words, is_people)
             or _from_noun(counted, words))
    if found is None:
        return None
    kind, anchor = found
    tokens = [start, end - 1, counted.i, anchor.i] + [c.i for c in anchor.children if c.dep_ == "compound"]
    first, last = min(tokens), max(tokens) + 1
    evidence = doc_text(doc)[doc[first].idx:doc[last - 1].idx + len(doc[last - 1])]  # doc[first:last].text
    return CountMention(kind, number, first, last, anchor.i, evidence)


def _breakdown(doc: Doc, start: int) -> bool:
    """True for a part listed after a count with "among them/whom" ("killed 45 people, among them
    three women"): a breakdown of the count before it, not a count of its own."""
    return start >= 2 and doc[start - 2].lower_ == "among" and doc[start - 1].lower_ in ("them", "whom")


def _capacity(doc: Doc, start: int, counted: Token) -> bool:
    """True for what something is meant to hold ("a camp for up to 5,000 displaced people"): a
    capacity, not a count of people."""
    return (doc[start].lower_ == "up" and start + 1 < len(doc) and doc[start + 1].lower_ == "to"
            and counted.dep_ == "pobj" and counted.head.lower_ == "for")


def _first_conjunct(noun: Token, heads: tuple[str, ...] = ("NOUN", "PROPN")) -> Token:
    """The first of coordinated nouns, climbing only through heads of these parts of speech:
    "nine policemen and two passers-by" -> policemen (conjuncts count the same kind of thing)."""
    while noun.dep_ == "conj" and noun.head.i != noun.i and noun.head.pos_ in heads:
        noun = noun.head
    return noun


def _is_people(noun: Token, words: CountWords) -> bool:
    """A noun for people: a person word, a people's name ("Palestinians", "Rohingya") or a group name."""
    return (words.match(noun, "person") is not None or noun.ent_type_ == "NORP"
            or words.match(noun, "noun") is not None
            or (noun.pos_ == "PROPN" and noun.ent_type_ not in _NOT_PEOPLE))


def _from_governor(counted: Token, words: CountWords, is_people: bool) -> tuple[str, Token] | None:
    """The kind from the word that governs the counted noun (or its first conjunct)."""
    root = _first_conjunct(counted, ("NOUN", "PROPN", "NUM", "ADJ"))
    governor, dep = root.head, root.dep_
    if governor.i == root.i:
        return None
    if governor.dep_ in ("aux", "auxpass") and governor.head.i != governor.i:
        governor = governor.head  # "40 are missing" parsed with "40" under the auxiliary

    def verb(role: str) -> tuple[str, Token] | None:
        entry = words.match(governor, role)
        if entry is None or not (is_people or counted.lemma_.lower() in entry.needs):
            return None
        return entry.kind, governor

    if dep in ("dobj", "nsubjpass", "oprd") or (dep == "conj" and governor.pos_ == "VERB"):
        # A conjunct hung on the verb is a second object the parser misplaced: "killed 500 in
        # the north and about 40 in the south", "held the mayor and 12 councillors".
        found = verb("object")
        if found:
            return found
    if dep in ("nsubj", "npadvmod"):
        found = (verb("subject") if dep == "nsubj" else None) or (
            verb("object") if _reads_passive(governor) else None)
        if found:
            return found
    if dep in ("nsubj", "nsubjpass", "dobj") and is_people:
        entry = words.match(governor, "predicate")
        if entry is not None and _is_predicate(governor):
            return entry.kind, governor
        for child in governor.children:
            if child.dep_ in ("acomp", "oprd", "xcomp", "attr", "ccomp") and child.i != root.i:
                entry = words.match(child, "predicate")
                if entry is not None:
                    return entry.kind, child
    if dep == "pobj" and governor.lower_ == "including" and governor.head.i != governor.i:
        return _included_in(governor.head, words)
    if dep == "pobj":
        return _from_preposition(governor, words, is_people)
    if dep in ("attr", "dobj"):
        toll = _subject_toll(governor, words)
        if toll is not None:
            return toll
    return None


def _included_in(whole: Token, words: CountWords) -> tuple[str, Token] | None:
    """ "killed 24 Palestinians, including nine children": the part has the kind of the whole."""
    if whole.pos_ in ("VERB", "AUX"):
        entry = words.match(whole, "object")
        return (entry.kind, whole) if entry is not None else None
    return _from_governor(whole, words, True) or _from_dependents(whole, words, True)


def _from_preposition(prep: Token, words: CountWords, is_people: bool) -> tuple[str, Token] | None:
    """ "the deaths of 40 people", "the toll rose to 57", "a death toll of 57"."""
    owner = prep.head
    if owner.i == prep.i:
        return None
    if prep.lower_ == "of" and is_people:
        entry = words.match(owner, "of")
        if entry is not None:
            return entry.kind, owner
    if prep.lower_ in ("to", "at", "of", "above", "past"):
        entry = words.match(owner, "toll")
        if entry is not None:
            return entry.kind, owner
        return _subject_toll(owner, words) or _total(owner, words)
    return None


def _total(verb: Token, words: CountWords) -> tuple[str, Token] | None:
    """ "bringing the total (since June) to 600": a total word near the verb the number hangs
    from; its kind (empty here) is taken from the count before it."""
    token = verb
    for _ in range(3):
        for child in token.children:
            if child.dep_ in ("dobj", "nsubj", "nsubjpass") and words.match(child, "total") is not None:
                return "", child
        if token.head.i == token.i:
            break
        token = token.head
    return None


def _subject_toll(verb: Token, words: CountWords) -> tuple[str, Token] | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            entry = words.match(child, "toll")
            if entry is not None:
                return entry.kind, child
    return None


def _is_predicate(token: Token) -> bool:
    """An adjective or an object-less participle: "40 are missing", "12 unaccounted for"."""
    if token.pos_ == "ADJ":
        return True
    return token.tag_ in ("VBN", "VBG") and not any(c.dep_ == "dobj" for c in token.children)


def _reads_passive(verb: Token) -> bool:
    """A bare participle with a subject and no object reads as passive: "(left 12 dead and) 30 wounded"."""
    if verb.tag_ != "VBN":
        return False
    return not any(c.dep_ in ("dobj", "aux") or c.lower_ in ("has", "have", "had") for c in verb.children)


def _from_dependents(counted: Token, words: CountWords, is_people: bool) -> tuple[str, Token] | None:
    """ "40 people dead", "40 people killed in the attack", "40 people who died"."""
    if not is_people:
        return None
    for child in counted.children:
        if child.dep_ in ("amod", "acomp", "appos"):
            entry = words.match(child, "predicate")
            if entry is not None:
                return entry.kind, child
        if child.dep_ == "acl":
            entry = words.match(child, "object") or words.match(child, "predicate")
            if entry is not None:
                return entry.kind, child
        if child.dep_ == "relcl":
            # "who were killed" (passive) and "it captured" (its own subject) count the object.
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in child.children)
            object_gap = not passive and not any(c.dep_ == "dobj" for c in child.children) and any(
                c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT") and c.lower_ != "that" for c in child.children)
            entry = words.match(child, "object") if passive or object_gap else None
            if entry is None and not object_gap:
                entry = words.match(child, "subject")
            if entry is None:
                entry = next((words.match(c, "predicate") for c in child.children
                              if c.dep_ in ("acomp", "oprd") and words.match(c, "predicate")), None)
            if entry is not None:
                return entry.kind, child
    return None


def _from_noun(counted: Token, words: CountWords) -> tuple[str, Token] | None:
    """ "40 deaths", "12 dead", "20 hostages": the counted noun itself says the kind."""
    entry = words.match(counted, "noun")
    return (entry.kind, counted) if entry is not None else None


def _has_neighbours(token: Token, needed: tuple[str, ...]) -> bool:
    near = {token.head} | set(token.children) | {g for c in token.children for g in c.children}
    forms = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
    return all(word in forms for word in needed)
