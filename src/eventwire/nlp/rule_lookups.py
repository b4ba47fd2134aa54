"""The English model's rule-based components, computed by lookup: the same annotations as spaCy's
AttributeRuler and Lemmatizer, in a fraction of the time.

Both rule components cost more than they need to (benchmarks/throughput.py, 200 wire articles,
bare parse 4.1 s): the AttributeRuler runs a Matcher with all of its ~180 patterns over every token
(0.37 s), the Lemmatizer makes a Token object per token (0.10 s). But the rules a token matches
depend only on a few of its attribute values (TAG, LOWER, DEP, ...), and its lemma only on its
text, POS and morphology, so both are worked out once per distinct combination and remembered.
Applying matches is left to the ruler itself, computing a lemma to the lemmatizer. A ruler with a
pattern the lookup does not understand (an operator, an unknown predicate) keeps its Matcher.
"""

import logging
import re
from dataclasses import dataclass
from typing import Any, Callable

from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

log = logging.getLogger(__name__)

Match = tuple[int, int, int, int]  # (rule number, match id, start, end), as AttributeRuler.match
# The token attributes patterns may test, most selective first (a test is indexed by its first).
ATTRIBUTES = ("ORTH", "LOWER", "LEMMA", "TAG", "DEP", "POS", "IS_SPACE", "IS_PUNCT", "IS_DIGIT")
BOOLEAN_ATTRIBUTES = {"IS_SPACE", "IS_PUNCT", "IS_DIGIT"}
MEMO_LIMIT = 500_000  # distinct tokens remembered; past it a memo starts again (bounded memory)


class UnsupportedPattern(ValueError):
    """A ruler pattern outside the plain-attribute subset this lookup reproduces."""


@dataclass(frozen=True)
class _Rule:
    number: int  # the ruler's rule index: later rules take precedence
    match_id: int  # the string hash spaCy's Matcher reports for it
    token_tests: tuple[int, ...]  # one test id per token of the pattern


@dataclass(frozen=True)
class _TokenMatches:
    passed: frozenset[int]  # ids of the token tests passed
    single: tuple[_Rule, ...]  # one-token rules matched
    starting: tuple[_Rule, ...]  # longer rules whose first token test passed


class AttributeLookup:
    """Computes ``AttributeRuler.match(doc)`` for a ruler whose patterns are plain token tests."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attributes: list[str] = []  # the token attributes any test reads, in column order
        self.tests: list[Callable[[tuple], bool]] = []
        # A test is tried only on tokens with one of the values it needs in its most selective
        # attribute (its anchor): column -> value -> test ids; tests without a literal anchor always.
        self.anchored: dict[int, dict[Any, list[int]]] = {}
        self.unanchored: list[int] = []
        self.single: list[_Rule] = []  # one-token patterns
        self.multi: list[_Rule] = []  # longer patterns
        for number, entry in enumerate(ruler.patterns):
            match_id = ruler.vocab.strings[str(number)]
            for pattern in entry["patterns"]:
                rule = _Rule(number, match_id, tuple(self._test(spec) for spec in pattern))
                (self.single if len(pattern) == 1 else self.multi).append(rule)
        self._columns = [IDS[name] for name in self.attributes]
        self._memo: dict[tuple, _TokenMatches] = {}

    def match(self, doc: Doc) -> list[Match]:
        """The ruler's matches for ``doc``, sorted as ``AttributeRuler.match`` sorts them."""
        if not len(doc):
            return []
        strings = doc.vocab.strings
        rows = doc.to_array(self._columns).tolist()
        matches: list[Match] = []
        per_token: list[_TokenMatches] = []
        for i, row in enumerate(rows):
            key = tuple(row)
            known = self._memo.get(key)
            if known is None:
                if len(self._memo) > MEMO_LIMIT:
                    self._memo.clear()
                known = self._memo[key] = self._evaluate(key, strings)
            per_token.append(known)
            for rule in known.single:
                matches.append((rule.number, rule.match_id, i, i + 1))
        for start, known in enumerate(per_token):
            for rule in known.starting:
                end = start + len(rule.token_tests)
                if end <= len(per_token) and all(
                        test in per_token[start + k].passed for k, test in enumerate(rule.token_tests)):
                    matches.append((rule.number, rule.match_id, start, end))
        return sorted(set(matches))

    def _evaluate(self, key: tuple, strings: Any) -> _TokenMatches:
        """What a token with these attribute values passes: tests, one-token rules, longer rules' starts."""
        values = tuple(bool(value) if name in BOOLEAN_ATTRIBUTES else strings[value]
                       for name, value in zip(self.attributes, key))
        candidates = set(self.unanchored)
        for column, by_value in self.anchored.items():
            candidates.update(by_value.get(values[column], ()))
        passed = frozenset(number for number in candidates if self.tests[number](values))
        return _TokenMatches(passed, tuple(rule for rule in self.single if rule.token_tests[0] in passed),
                             tuple(rule for rule in self.multi if rule.token_tests[0] in passed))

    def _test(self, spec: dict) -> int:
        """Compile one token's pattern dict into a test over the attribute values; returns its id."""
        checks = []
        anchor: tuple[int, list] | None = None
        if set(spec) - set(ATTRIBUTES):
            raise UnsupportedPattern(f"token attributes {sorted(set(spec) - set(ATTRIBUTES))}")
        for name in sorted(spec, key=ATTRIBUTES.index):
            if name not in self.attributes:
                self.attributes.append(name)
            column, wanted = self.attributes.index(name), spec[name]
            checks.append((column, _predicate(wanted)))
            if anchor is None and _literals(wanted) is not None:
                anchor = (column, _literals(wanted))

        def test(values: tuple, checks: list = checks) -> bool:
            return all(check(values[column]) for column, check in checks)

        self.tests.append(test)
        number = len(self.tests) - 1
        if anchor is None:
            self.unanchored.append(number)
        else:
            column, literals = anchor
            for literal in literals:
                self.anchored.setdefault(column, {}).setdefault(literal, []).append(number)
        return number


def _literals(wanted: Any) -> list | None:
    """The values a literal or IN check accepts (None for other checks)."""
    if isinstance(wanted, (str, bool)):
        return [wanted]
    if isinstance(wanted, dict) and list(wanted) == ["IN"]:
        return list(wanted["IN"])
    return None


def _predicate(wanted: Any) -> Callable[[Any], bool]:
    """The Matcher semantics of one attribute's value: a literal, or IN / NOT_IN / REGEX."""
    if isinstance(wanted, (str, bool)):
        return lambda value: value == wanted
    if isinstance(wanted, dict) and len(wanted) == 1:
        (kind, argument), = wanted.items()
        if kind == "IN":
            members = set(argument)
            return lambda value: value in members
        if kind == "NOT_IN":
            others = set(argument)
            return lambda value: value not in others
        if kind == "REGEX":
            pattern = re.compile(argument)
            return lambda value: bool(pattern.search(value))
    raise UnsupportedPattern(f"value {wanted!r}")


class LookupAttributeRuler:
    """Stands in for the model's AttributeRuler: its rules and annotation, matched by lookup."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        try:
            self.match: Callable[[Doc], list[Match]] = AttributeLookup(ruler).match
        except UnsupportedPattern as reason:
            log.debug("attribute rules keep spaCy's Matcher: %s", reason)
            self.match = ruler.match

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc))
        return doc


@Language.factory("eventwire_attribute_lookup", assigns=["token.pos", "token.tag", "token.lemma", "token.morph"])
def make_lookup_ruler(nlp: Language, name: str) -> LookupAttributeRuler:
    """Registered factory: added before the model's ``attribute_ruler``, which it then replaces."""
    return LookupAttributeRuler(nlp.get_pipe("attribute_ruler"))


class LemmaMemo:
    """Stands in for the model's Lemmatizer: its lemmas, remembered per (text, POS, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings = doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.lemmatizer.overwrite:
                continue
            key = (orth, pos, morph)
            known = self.memo.get(key)
            if known is None:
                if len(self.memo) > MEMO_LIMIT:
                    self.memo.clear()
                known = self.memo[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            rows[i, 3], changed = known, True
        if changed:
            doc.from_array([LEMMA], rows[:, 3:4])
        return doc


@Language.factory("eventwire_lemma_memo", assigns=["token.lemma"])
def make_lemma_memo(nlp: Language, name: str) -> LemmaMemo:
    """Registered factory: added before the model's ``lemmatizer``, which it then replaces."""
    return LemmaMemo(nlp.get_pipe("lemmatizer"))


def use_rule_lookups(nlp: Language) -> None:
    """Replace the model's attribute ruler and lemmatizer (when present) by their lookups."""
    if "attribute_ruler" in nlp.pipe_names:
        nlp.add_pipe("eventwire_attribute_lookup", before="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    # a lemma depends on the token alone only in these modes (rule: text, POS, morphology)
    if "lemmatizer" in nlp.pipe_names and getattr(nlp.get_pipe("lemmatizer"), "mode", None) in ("rule", "lookup"):
        nlp.add_pipe("eventwire_lemma_memo", before="lemmatizer")
        nlp.remove_pipe("lemmatizer")
