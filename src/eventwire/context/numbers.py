"""Reads the explicit numbers news text uses for people: digits, words and their qualifiers.

Counts are taken as written (CODING.md section 7): "more than 130" is 130, "two dozen" is 24,
and vague amounts ("dozens", "hundreds", "a handful") give None rather than a guess.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

logger = logging.getLogger(__name__)

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# Words that multiply what precedes them; "dozen" and "score" count as multipliers too.
SCALES = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
          "billion": 1_000_000_000}
SCALE_ABBREVIATIONS = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}

# Leading words that qualify a number without changing it when taken as written.
QUALIFIERS = (
    "at least", "at most", "more than", "less than", "fewer than", "as many as", "as few as",
    "up to", "upwards of", "in excess of", "well over", "just over", "just under", "over",
    "under", "about", "around", "roughly", "approximately", "nearly", "almost", "some",
    "all", "an estimated", "estimated", "another", "a further", "further", "a total of",
    "a reported", "close to", "at",
)
_QUALIFIER_RE = re.compile(
    r"^(?:" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+"
)
_DIGITS_RE = re.compile(
    r"^(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<scale>[a-z]+)?$"
)
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES)


@lru_cache(maxsize=16384)  # pure: the count finder tries the same short phrases over and over
def parse_number(text: str) -> int | None:
    """The integer a casualty number phrase states, or None when it is vague or not a number.

    "at least 40" -> 40, "1.5 million" -> 1500000, "two dozen" -> 24, "dozens" -> None.
    A bare "a"/"an" is not a count; "a dozen" and "a hundred" are.
    """
    phrase = _normalise(text)
    while True:
        stripped = _QUALIFIER_RE.sub("", phrase, count=1)
        if stripped == phrase:
            break
        phrase = stripped
    if not phrase:
        return None
    match = _DIGITS_RE.match(phrase)
    if match:
        return _digits_value(match.group("num"), match.group("scale"))
    return _words_value(phrase)


def is_number_word(word: str) -> bool:
    """True for a word that can be part of a spelled-out number ("twenty", "dozen", "million")."""
    return word.lower() in NUMBER_WORDS


_DASHES = re.compile(r"[\u2010-\u2015-]")
_SPACES = re.compile(r"\s+")


def _normalise(text: str) -> str:
    phrase = text.lower().strip().strip(".,;:")
    phrase = _DASHES.sub(" ", phrase)  # "twenty-five" -> "twenty five"
    return _SPACES.sub(" ", phrase)


def _digits_value(number: str, scale: str | None) -> int | None:
    value = float(number.replace(",", ""))
    if scale:
        factor = SCALES.get(scale) or SCALE_ABBREVIATIONS.get(scale)
        if factor is None:
            return None
        value *= factor
    elif "." in number:
        return None  # "1.5 people" is not a count
    return int(round(value))


def _words_value(phrase: str) -> int | None:
    """Value of a spelled-out number ("one hundred and twenty", "a dozen"); None if not one."""
    words = phrase.split()
    if words[0] in ("a", "an"):
        if len(words) == 1 or words[1] not in SCALES:
            return None  # "a", "an soldier": not an explicit number
        words = ["one"] + words[1:]
    total, current, seen = 0, 0, False
    for position, word in enumerate(words):
        if word == "and" and 0 < position < len(words) - 1:
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            if not seen:
                return None  # a scale word with nothing before it, e.g. "hundred"
            factor = SCALES[word]
            current = (current or 1) * factor  # "two thousand five hundred": current may be 0
            if factor >= 1_000:
                total, current = total + current, 0
        else:
            return None  # plurals like "dozens" or "hundreds" end up here: vague amounts
        seen = True
    return total + current if seen else None
