"""Refines a generic CAMEO code to the sub-code its content words name.

An appeal, demand, accusation, intent or attack is found by its trigger word ("urged", "accused",
"fired"); which sub-code it takes depends on what it is about ("urged ... to exercise restraint"
is 0256, "accused ... of war crimes" 1124, "warplanes pounded" 195). The words and the codes they
select are data (``data/content_subcodes.tsv``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from eventwire.codebooks._tsv import data_path, read_tsv
from eventwire.nlp.annotations import ActorMention, column, heads

TABLE = "content_subcodes.tsv"
MAX_GAP = 2  # other words allowed between the words of a multiword cue ("exercise maximum restraint")
MAX_TOKENS = 80  # the clause looked at is cut to this many tokens (keeps the lookup cheap)

# Force (19) looks at the weapon, not at what was hit: the trigger, its modifiers, its subject or
# by-agent and its instrument phrases. The object is the weapon only after verbs of launching.
# Unconventional violence (18) is read the same way: "a suicide bomber rammed ..." (1831).
FORCE_ROOT = "19"
WEAPON_ROOTS = frozenset({FORCE_ROOT, "18"})
PROTEST_ROOT = "14"
# Police, prosecutors and courts investigate crimes: their investigation is 091 unless its words
# name war crimes or military action (CAMEO manual 091: "criminal (theft, killing, etc) cases").
CRIMINAL_INVESTIGATORS = frozenset({"COP", "JUD"})
INVESTIGATION_CODES = frozenset({"090", "092"})  # a protest's demand is often an adverbial clause ("rallied, demanding ...")
LAUNCH_VERBS = frozenset({"fire", "launch", "drop", "use", "deploy", "unleash", "employ", "lob", "send", "ram"})
INSTRUMENT_PREPS = frozenset({"with", "by", "from", "using", "in"})  # "killed in a gunbattle"
WEAPON_DEPS = frozenset({"compound", "amod", "nmod", "nsubj", "nsubjpass", "agent", "poss"})
# Children of a clause that start another act and so do not say what this one is about.
OTHER_CLAUSE_DEPS = frozenset({"conj", "cc", "parataxis", "advcl", "punct", "nsubj", "nsubjpass",
                               "csubj", "mark", "relcl"})


# -- cached parse access (also used by the events component) -------------------------------------
# spaCy makes a new Token object for every child on each ``Token.children`` walk, and the event
# coder walks the children of the same tokens many times: it reads them from a per-Doc cache. The
# lists returned are shared; callers must not change them. The cache is dropped when the events
# component is done (``release_tree``): Token objects kept for the Doc's lifetime would make
# Python's cyclic garbage collector run more (and slower) collections.

_TREE = "ew_tree"  # doc.user_data key of the ParseTree
_LEMMA_LOWER: dict[int, str] = {}  # lemma hash -> lowercase lemma (string hashes are global)
_NO_CHILDREN: tuple = ()


class ParseTree:
    """The Doc's tokens and each token's children (in text order, as ``Token.children``) by
    token index, and the set of lowercase lemmas."""

    __slots__ = ("tokens", "kids", "lemma_set")

    def __init__(self, doc: Doc):
        self.tokens = tokens = list(doc)
        kids: list = [_NO_CHILDREN] * len(tokens)  # leaves share one empty tuple: fewer objects
        for i, head in enumerate(heads(doc)):
            if head != i:
                below = kids[head]
                if below is _NO_CHILDREN:
                    kids[head] = [tokens[i]]
                else:
                    below.append(tokens[i])
        self.kids: list[list[Token] | tuple] = kids
        self.lemma_set: frozenset[str] | None = None


def parse_tree(doc: Doc) -> ParseTree:
    """The Doc's ParseTree, built once (until ``release_tree``)."""
    tree = doc.user_data.get(_TREE)
    if tree is None:
        tree = doc.user_data[_TREE] = ParseTree(doc)
    return tree


def release_tree(doc: Doc) -> None:
    """Drop the cache ``parse_tree`` built."""
    doc.user_data.pop(_TREE, None)


def children(token: Token) -> list[Token] | tuple:
    """``token.children``, from the per-Doc cache."""
    tree = token.doc.user_data.get(_TREE) or parse_tree(token.doc)  # inlined: called very often
    return tree.kids[token.i]


def subtree(token: Token) -> list[Token]:
    """``list(token.subtree)`` (spaCy's order: left subtrees, the token, right subtrees), from the
    per-Doc cache."""
    kids = parse_tree(token.doc).kids
    result: list[Token] = []

    def walk(current: Token, i: int) -> None:  # recursive like spaCy's own Token.subtree
        below = kids[i]
        for child in below:
            if child.i < i:
                walk(child, child.i)
        result.append(current)
        for child in below:
            if child.i > i:
                walk(child, child.i)

    walk(token, token.i)
    return result


def lemma_lower(token: Token) -> str:
    """``token.lemma_.lower()``, memoised by lemma hash."""
    lemma = token.lemma
    lower = _LEMMA_LOWER.get(lemma)
    if lower is None:
        lower = _LEMMA_LOWER[lemma] = token.lemma_.lower()
    return lower


def lemma_set(doc: Doc) -> frozenset[str]:
    """Every lowercase lemma of the Doc (for a quick test before walking a clause), built once."""
    tree = parse_tree(doc)
    if tree.lemma_set is None:
        strings = doc.vocab.strings
        lowers = set()
        for lemma in set(column(doc, "LEMMA")):
            lower = _LEMMA_LOWER.get(lemma)
            if lower is None:
                lower = _LEMMA_LOWER[lemma] = strings[lemma].lower()
            lowers.add(lower)
        tree.lemma_set = frozenset(lowers)
    return tree.lemma_set


@dataclass(frozen=True)
class _Rule:
    """One table row, compiled: the cues (lemma tuples) and the code they select."""

    family: str
    applies: frozenset[str]
    cues: tuple[tuple[str, ...], ...]
    code: str
    line: int


@dataclass(frozen=True)
class SubcodeTable:
    """The content sub-code table, indexed by the event code each row applies to."""

    rules: dict[str, tuple[_Rule, ...]]
    first_words: dict[str, frozenset[str]]

    def rules_for(self, cameo: str) -> tuple[_Rule, ...]:
        """Rows that may refine an event coded CAMEO, in priority (file) order."""
        return self.rules.get(cameo, ())


def load_subcodes(path: str | Path | None = None) -> SubcodeTable:
    """Read and validate the sub-code table (the packaged one is read once and cached).

    Raises LexiconError naming file and line for an unknown code or a code outside its family.
    """
    if path is None:
        return _load_default()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _load_default() -> SubcodeTable:
    return _load(data_path(TABLE))


def _load(path: Path) -> SubcodeTable:
    from eventwire.codebooks.cameo import load_cameo

    book = load_cameo()
    by_code: dict[str, list[_Rule]] = {}
    for row in read_tsv(path, ("family", "words", "code")):
        family, code = row["family"], row["code"]
        for name, value in (("family", family), ("code", code)):
            if value not in book:
                raise row.error(f"{name} {value!r} is not a CAMEO code")
        if not code.startswith(family):
            raise row.error(f"code {code!r} does not descend from its family {family!r}")
        also = row.split("also")
        for extra in also:
            if extra not in book:
                raise row.error(f"also-code {extra!r} is not a CAMEO code")
            if not extra.startswith(family) or extra == family:
                raise row.error(f"also-code {extra!r} does not descend from the family {family!r}")
        cues = tuple(_cue_words(cue) for cue in row.split("words"))
        if not cues:
            raise row.error("no cue words")
        applies = {family, *also}
        if len(family) == 2:
            applies.add(family + "0")
        rule = _Rule(family, frozenset(applies), cues, code, row.line)
        for target in applies:
            by_code.setdefault(target, []).append(rule)
    rules = {code: tuple(sorted(found, key=lambda r: r.line)) for code, found in by_code.items()}
    first = {code: frozenset(cue[0] for rule in found for cue in rule.cues) for code, found in rules.items()}
    return SubcodeTable(rules, first)


def _cue_words(cue: str) -> tuple[str, ...]:
    """A cue as the tokens spaCy makes of it: "no-fly zone" -> ("no", "-", "fly", "zone")."""
    words: list[str] = []
    for word in cue.lower().split():
        parts = word.split("-")
        for n, part in enumerate(parts):
            if n:
                words.append("-")
            if part:
                words.append(part)
    return tuple(words)


def refine_code(cameo: str, trigger: Token, source: ActorMention | None, target: ActorMention | None) -> str:
    """The most specific code the trigger's clause supports (``cameo`` itself when none does)."""
    table = _load_default()
    rules = table.rules_for(cameo)
    if not rules:
        return cameo
    memo = trigger.doc.user_data.setdefault("ew_subcodes", {})  # one trigger, many actor pairs
    key = (trigger.i, cameo)
    if key not in memo:
        memo[key] = _refine(cameo, trigger, table, rules)
    return _by_investigator(memo[key], source)


def _by_investigator(code: str, source: ActorMention | None) -> str:
    """An investigation by police, prosecutors or a court is a criminal one (091)."""
    if code in INVESTIGATION_CODES and source is not None:
        sector = (source.participant_code or "")[3:6]
        if sector in CRIMINAL_INVESTIGATORS:
            return "091"
    return code


def _refine(cameo: str, trigger: Token, table: SubcodeTable, rules: tuple[_Rule, ...]) -> str:
    words, at = _context(trigger, cameo[:2])
    present = {w for pair in words for w in pair}
    if present.isdisjoint(table.first_words[cameo]):
        return cameo
    for rule in rules:
        if any(cue[0] in present and _occurs(cue, words, at) for cue in rule.cues):
            return rule.code
    return cameo


def _occurs(cue: tuple[str, ...], words: list[tuple[str, str]], trigger_at: int = -1) -> bool:
    """Whether the cue's words occur in order in WORDS, at most MAX_GAP words apart. A cue of
    several words does not start at the trigger (TRIGGER_AT): "called for democracy" is about
    democracy, while "urged Paris to call for a truce" asks Paris to appeal (022)."""
    for start, (lemma, lower) in enumerate(words):
        if cue[0] not in (lemma, lower) or (start == trigger_at and len(cue) > 1):
            continue
        position, ok = start, True
        for part in cue[1:]:
            window = words[position + 1: position + 2 + MAX_GAP]
            for step, (lem, low) in enumerate(window):  # a plain loop: this runs very often
                if part == lem or part == low:
                    break
            else:
                ok = False
                break
            position += step + 1
        if ok:
            return True
    return False


def _context(trigger: Token, root: str) -> tuple[list[tuple[str, str]], int]:
    """(lemma, lowercase form) of the words saying what the act is about, in text order, and
    the trigger's position among them (-1 when cut off, or for an attack's weapon words)."""
    picked: set[int] = set()
    if root in WEAPON_ROOTS:
        _force_words(trigger, picked)
    else:
        _clause_words(trigger, picked, root == PROTEST_ROOT)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj" and trigger.head.lower_ == "of":
        # "a second round of talks", "a wave of air strikes": the governing noun qualifies the act
        governor = trigger.head.head
        picked.add(governor.i)
        picked.update(c.i for c in children(governor) if c.dep_ in ("compound", "amod"))
    tokens = parse_tree(trigger.doc).tokens
    ordered = sorted(picked)[:MAX_TOKENS]
    # weapon cues may start at the trigger ("shot down"); content cues may not ("called for")
    at = ordered.index(trigger.i) if trigger.i in ordered and root not in WEAPON_ROOTS else -1
    return [(lemma_lower(tokens[i]), tokens[i].lower_) for i in ordered], at


def _clause_words(trigger: Token, picked: set[int], purpose: bool) -> None:
    """A speech act's content: the trigger with its objects and complements (not its subject or
    coordinated clauses); a nominal trigger also brings its compounds and of-phrase. An adverbial
    clause counts when it is infinitival ("urged both on Sunday to cease ...", often parsed so) or,
    with PURPOSE, always (a protest "demanding that the president step down")."""
    picked.add(trigger.i)
    for child in children(trigger):
        if child.dep_ == "advcl" and (purpose or any(
                c.dep_ == "aux" and c.lower_ == "to" for c in children(child))):
            _add_subtree(child, picked)
        elif child.dep_ not in OTHER_CLAUSE_DEPS:
            _add_subtree(child, picked)


def _force_words(trigger: Token, picked: set[int]) -> None:
    """An attack's weapon words: the trigger, its modifiers, subject or agent and instruments."""
    picked.add(trigger.i)
    launch = lemma_lower(trigger) in LAUNCH_VERBS
    for child in children(trigger):
        dep = child.dep_
        if dep in WEAPON_DEPS or dep == "prt":
            _add_subtree(child, picked)
        elif dep == "dobj" and launch:
            _add_subtree(child, picked)
        elif dep == "dobj":  # "attacked the camps with helicopter gunships": an instrument on the object
            for prep in children(child):
                if prep.dep_ == "prep" and prep.lower_ in INSTRUMENT_PREPS:
                    _add_subtree(prep, picked)
        elif dep == "prep" and child.lower_ in INSTRUMENT_PREPS:
            _add_subtree(child, picked)
    # "jets carried out air strikes", "warplanes were used to bomb": the governing verb's subject
    # and instruments speak for a nominal or infinitival trigger.
    governor = trigger.head
    if trigger.dep_ in ("dobj", "pobj", "xcomp", "conj") and governor.i != trigger.i:
        head = governor if trigger.dep_ != "pobj" else governor.head
        for child in children(head):
            if child.dep_ in ("nsubj", "nsubjpass", "agent") or (
                    child.dep_ == "prep" and child.lower_ in INSTRUMENT_PREPS and child.i != governor.i):
                _add_subtree(child, picked)


def _add_subtree(token: Token, picked: set[int]) -> None:
    """Add TOKEN's subtree, stopping at relative clauses (they describe, they do not qualify),
    but not at an infinitive parsed as one: "calls to step down" says what is called for."""
    kids = parse_tree(token.doc).kids
    stack = [token]
    while stack and len(picked) < MAX_TOKENS:
        current = stack.pop()
        picked.add(current.i)
        stack.extend(c for c in kids[current.i] if c.dep_ != "relcl" or _infinitive(c, kids))


def _infinitive(clause: Token, kids) -> bool:
    """True for a to-infinitive clause ("calls to step down", "an order to leave")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in kids[clause.i])
