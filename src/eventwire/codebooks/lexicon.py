"""The event lexicon: verb and noun patterns that trigger CAMEO events, and intent/threat codes.

The coder looks verbs up by lemma (plus particle and direct-object lemma) and nominal events by
their head noun. The three files (``event_verbs.tsv``, ``event_nouns.tsv``, ``intent_codes.tsv``)
are data; this module reads them once and rejects anything malformed with the file and line.

Target specs name where the event's target sits relative to the trigger: ``dobj`` (direct
object), ``dative`` (spaCy's label for an indirect object, and for some "to" phrases), or
``prep:WORD`` (a preposition WORD attached to the trigger or, for object patterns, to the object
noun; spaCy may label "to" as ``dative`` rather than ``prep``). The object ``$actor`` matches an
object that is itself an actor ("welcomed the Togolese president": a reception, not approval).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from eventwire.codebooks._tsv import LexiconError, Row, data_path, read_tsv
from eventwire.codebooks.cameo import CameoCode, load_cameo

log = logging.getLogger(__name__)

FLAGS = frozenset({
    "speech",            # a speech act: the source is the speaker
    "joint",             # meet/sign/negotiate: code both directions
    "no_target",         # coded even when no target is found (protest, mobilise)
    "claims_object",     # claim responsibility: the claimed event takes this verb's source
    "intent_governor",   # the xcomp/ccomp complement is an intended or future act
    "passive_ok",        # commonly passive: the by-agent is the source
    "target_is_victim",  # violent act on people: unnamed people become CVL
    "blames_subject",    # "X said the rebels bore responsibility": X acts on the clause's subject
    "answers",           # "returned fire": the target is whoever last attacked the source's side
    "obliges",           # an act only when its complement says someone "must" act ("said the rebels
                         # must surrender": a demand of the complement's subject)
    "moves_object",      # the act is moving the object somewhere ("ordered troops to the border"):
                         # not coded when the object is told to do something ("ordered troops to leave")
})

ACTOR_OBJECT = "$actor"  # object column value matching an object that is itself an actor

_WORD = r"[a-z][a-z'.]*(?:-[a-z'.]+)*"
_WORD_RE = re.compile(rf"^{_WORD}$")
_PHRASE_RE = re.compile(rf"^{_WORD}(?: {_WORD})*$")
_PARTICLE_RE = re.compile(r"^[a-z]+$")
_OBJECT_RE = re.compile(r"^(?:[a-z$][a-z'.]*(?:-[a-z'.]+)*)$")

VERB_COLUMNS = ("lemma", "particle", "object", "target", "cameo", "flags", "example")
NOUN_COLUMNS = ("lemma", "target", "cameo", "flags", "example")
INTENT_COLUMNS = ("root", "cooperative_intent", "threat")


@dataclass(frozen=True)
class VerbPattern:
    """One verb row: lemma (+ particle, + direct-object lemmas) -> CAMEO code and target spec."""

    lemma: str
    particle: str | None
    objects: frozenset[str]
    target: tuple[str, ...]
    cameo: str
    flags: frozenset[str]
    line: int

    @property
    def specificity(self) -> int:
        """Rank for choosing among matches: object+particle 3, object 2, particle 1, plain 0."""
        return (2 if self.objects else 0) + (1 if self.particle else 0)

    def matches(self, particle: str | None, object_lemma: str | None) -> bool:
        """True when the particle is the same (both may be absent) and any required object heads."""
        if self.particle != particle:
            return False
        return not self.objects or object_lemma in self.objects


@dataclass(frozen=True)
class NounPattern:
    """One nominal-event row; ``lemma`` may be a phrase ("air strike"), keyed by its last word."""

    lemma: str
    target: tuple[str, ...]
    cameo: str
    flags: frozenset[str]
    line: int

    @property
    def words(self) -> tuple[str, ...]:
        """The phrase as spaCy tokenises it: spaces split words, hyphens are tokens of their own."""
        return _noun_words(self.lemma)

    @property
    def head(self) -> str:
        """The lemma of the phrase's last word: the noun the coder looks up."""
        return self.words[-1]

    def matches(self, modifiers: Iterable[str]) -> bool:
        """True when every word before the head is among the head's modifier lemmas."""
        present = modifiers if isinstance(modifiers, frozenset) else set(modifiers)
        return all(word in present for word in self.words[:-1] if word != "-")


@dataclass(frozen=True)
class Lexicon:
    """All event patterns, indexed for the coder's lookups."""

    verbs: dict[str, list[VerbPattern]]
    nouns: dict[str, list[NounPattern]]
    intent: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    @property
    def particles(self) -> frozenset[str]:
        """Every particle the verb patterns use (spaCy may label them prt, advmod or prep)."""
        return frozenset(p.particle for ps in self.verbs.values() for p in ps if p.particle)

    def match_verb(self, lemma: str, particle: str | None = None,
                   object_lemma: str | None = None) -> VerbPattern | None:
        """The most specific verb pattern for this lemma, particle and direct-object lemma."""
        for pattern in self.verbs.get(lemma, ()):
            if pattern.matches(particle, object_lemma):
                return pattern
        return None

    def match_noun(self, lemma: str, modifiers: Iterable[str] = ()) -> NounPattern | None:
        """The longest noun pattern headed by LEMMA whose other words are among its modifiers."""
        mods = frozenset(modifiers)  # one set for every pattern of the head
        for pattern in self.nouns.get(lemma, ()):
            if pattern.matches(mods):
                return pattern
        return None

    def intent_code(self, cameo: str, threat: bool = False) -> str | None:
        """The 03x (cooperative) or 13x (threat) code for an act that is only intended."""
        for length in range(len(cameo), 1, -1):
            codes = self.intent.get(cameo[:length])
            if codes is not None:
                return codes[1] if threat else codes[0]
        return None


def load_lexicon(verbs_path: str | Path | None = None, nouns_path: str | Path | None = None,
                 intent_path: str | Path | None = None) -> Lexicon:
    """Read and validate the lexicon; the packaged files are read once and cached."""
    if verbs_path is None and nouns_path is None and intent_path is None:
        return _load_default()
    return _load(Path(verbs_path) if verbs_path else data_path("event_verbs.tsv"),
                 Path(nouns_path) if nouns_path else data_path("event_nouns.tsv"),
                 Path(intent_path) if intent_path else data_path("intent_codes.tsv"))


@lru_cache(maxsize=1)
def _load_default() -> Lexicon:
    return _load(data_path("event_verbs.tsv"), data_path("event_nouns.tsv"),
                 data_path("intent_codes.tsv"))


def _load(verbs_path: Path, nouns_path: Path, intent_path: Path) -> Lexicon:
    codes = load_cameo()
    lexicon = Lexicon(verbs=read_verbs(verbs_path, codes), nouns=read_nouns(nouns_path, codes),
                      intent=read_intent(intent_path, codes))
    log.debug("loaded %d verb lemmas, %d noun heads", len(lexicon.verbs), len(lexicon.nouns))
    return lexicon


def read_verbs(path: Path, codes: Mapping[str, CameoCode]) -> dict[str, list[VerbPattern]]:
    """Verb patterns by lemma, most specific first; overlapping rows are errors."""
    verbs: dict[str, list[VerbPattern]] = {}
    for row in read_tsv(path, VERB_COLUMNS):
        lemma = row["lemma"]
        if not _WORD_RE.match(lemma):
            raise row.error(f"verb lemma {lemma!r} must be one lowercase word")
        particle = _none_if_dash(row["particle"])
        if particle is not None and not _PARTICLE_RE.match(particle):
            raise row.error(f"particle {particle!r} must be one lowercase word or '-'")
        objects = frozenset(row.split("object"))
        for obj in objects:
            if not _OBJECT_RE.match(obj):
                raise row.error(f"object {obj!r} must be a lowercase noun lemma")
        pattern = VerbPattern(lemma=lemma, particle=particle, objects=objects,
                              target=_parse_target(row), cameo=_check_cameo(row, codes),
                              flags=_parse_flags(row), line=row.line)
        for other in verbs.get(lemma, ()):
            if other.particle == particle and (other.objects & objects or other.objects == objects):
                raise row.error(f"duplicate pattern {lemma!r} particle={row['particle']!r} "
                                f"object={row['object']!r} (first at line {other.line})")
        verbs.setdefault(lemma, []).append(pattern)
    for patterns in verbs.values():
        patterns.sort(key=lambda p: (-p.specificity, p.line))
    return verbs


def read_nouns(path: Path, codes: Mapping[str, CameoCode]) -> dict[str, list[NounPattern]]:
    """Noun patterns keyed by the lemma of their last word, longest phrase first."""
    nouns: dict[str, list[NounPattern]] = {}
    seen: dict[str, int] = {}
    for row in read_tsv(path, NOUN_COLUMNS):
        lemma = " ".join(row["lemma"].split())
        if not _PHRASE_RE.match(lemma):
            raise row.error(f"noun lemma {lemma!r} must be lowercase words")
        if lemma in seen:
            raise row.error(f"duplicate noun {lemma!r} (first at line {seen[lemma]})")
        seen[lemma] = row.line
        pattern = NounPattern(lemma=lemma, target=_parse_target(row),
                              cameo=_check_cameo(row, codes), flags=_parse_flags(row),
                              line=row.line)
        nouns.setdefault(pattern.head, []).append(pattern)
    for patterns in nouns.values():
        patterns.sort(key=lambda p: (-len(p.words), p.line))
    return nouns


def read_intent(path: Path, codes: Mapping[str, CameoCode]) -> dict[str, tuple[str | None, str | None]]:
    """Intent and threat codes by CAMEO root (or longer prefix); every root must be listed."""
    intent: dict[str, tuple[str | None, str | None]] = {}
    for row in read_tsv(path, INTENT_COLUMNS):
        root = row["root"]
        if root not in codes:
            raise row.error(f"root {root!r} is not a CAMEO code")
        if root in intent:
            raise row.error(f"duplicate root {root!r}")
        coop = _intent_cell(row, "cooperative_intent", "03", codes)
        threat = _intent_cell(row, "threat", "13", codes)
        intent[root] = (coop, threat)
    missing = [f"{n:02d}" for n in range(1, 21) if f"{n:02d}" not in intent]
    if missing:
        raise LexiconError(path, None, f"missing root(s) {', '.join(missing)}")
    return intent


def _intent_cell(row: Row, column: str, root: str,
                 codes: Mapping[str, CameoCode]) -> str | None:
    value = _none_if_dash(row[column])
    if value is None:
        return None
    if value not in codes:
        raise row.error(f"{column} {value!r} is not a CAMEO code")
    if not value.startswith(root):
        raise row.error(f"{column} {value!r} must be a {root}x code")
    return value


def _check_cameo(row: Row, codes: Mapping[str, CameoCode]) -> str:
    code = row["cameo"]
    if code not in codes:
        raise row.error(f"unknown CAMEO code {code!r}")
    return code


def _parse_flags(row: Row) -> frozenset[str]:
    flags = frozenset(row.split("flags", ","))
    unknown = sorted(flags - FLAGS)
    if unknown:
        raise row.error(f"unknown flag(s) {', '.join(unknown)} "
                        f"(expected some of {', '.join(sorted(FLAGS))})")
    return flags


def _parse_target(row: Row) -> tuple[str, ...]:
    """'dobj|prep:on|against' -> ('dobj', 'prep:on', 'prep:against'); '-' -> ()."""
    raw = row["target"].strip()
    if raw == "-":
        return ()
    specs: list[str] = []
    in_prep = False
    for part in raw.split("|"):
        part = part.strip()
        if part in ("dobj", "dative"):
            specs.append(part)
            in_prep = False
        elif part.startswith("prep:") and _PARTICLE_RE.match(part[5:]):
            specs.append(part)
            in_prep = True
        elif in_prep and _PARTICLE_RE.match(part):
            specs.append(f"prep:{part}")
        else:
            raise row.error(f"malformed target {raw!r}: expected '-', dobj, dative or "
                            f"prep:WORD, joined by '|'")
    if len(set(specs)) != len(specs):
        raise row.error(f"target {raw!r} repeats a place")
    return tuple(specs)


@lru_cache(maxsize=None)  # asked for on every noun-pattern match; a pure function of the row
def _noun_words(lemma: str) -> tuple[str, ...]:
    words: list[str] = []
    for word in lemma.split():
        pieces = word.split("-")
        for i, piece in enumerate(pieces):
            if i:
                words.append("-")
            words.append(piece)
    return tuple(words)


def _none_if_dash(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value
