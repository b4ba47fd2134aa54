"""Finds temporal expressions in a Doc and resolves them against the publication date.

Resolution follows CODING.md section 5: a weekday is the latest such day on or before
publication, "last week" and "this month" are only known to the month, durations ("18 days",
"for three months") are not dates at all and resolve to None.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
import logging
import re
from dataclasses import dataclass
from typing import Callable

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from eventwire.nlp.annotations import column, doc_text, entities, span_text

logger = logging.getLogger(__name__)

Date = dt.date


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar date known to a precision: "YYYY-MM-DD" (day), "YYYY-MM" (month), "YYYY" (year)."""

    value: str
    precision: str  # "day" | "month" | "year"


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
# Relative days, as an offset from the publication date.
DAY_OFFSETS = {
    "today": 0, "tonight": 0, "overnight": 0, "this morning": 0, "this afternoon": 0,
    "this evening": 0, "earlier in the day": 0, "hours earlier": 0, "hours ago": 0,
    "hours later": 0, "just hours earlier": 0, "a few hours earlier": 0, "several hours earlier": 0,
    "a few hours ago": 0, "several hours ago": 0, "yesterday": -1, "last night": -1,
    # told from the scene just before ("X shelled the island. Troops returned fire within minutes"):
    # the day of that scene, which the coder looks up (nlp/attach.py); publication day here
    "within minutes": 0, "within hours": 0, "minutes later": 0, "moments later": 0,
    "the day before yesterday": -2, "day before yesterday": -2, "tomorrow": 1,
    "the day after tomorrow": 2, "day after tomorrow": 2,
}
_SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_COUNT = r"(?P<count>\d+|" + "|".join(_SMALL_NUMBERS) + r")"

# Leading words that place a date without changing it ("on Thursday", "since 2011").
_PREFIX_RE = re.compile(
    r"^(?:on|in|since|from|by|during|over|as of|at|the|of|between|as early as|"
    r"earlier|later|early|late|mid|the end of|the beginning of|the start of|the middle of|"
    r"end of|beginning of|start of|middle of)\s+"
)
_SUFFIX_RE = re.compile(
    r"\s+(?:morning|afternoon|evening|night|midday|noon|local time|at dawn|at dusk|"
    r"at noon|at midnight|at \d{1,2}(?::\d\d)?(?: ?[ap] ?m)?|\d{1,2}(?::\d\d)? ?[ap] ?m|"
    r"\(\d{3,4} gmt\)|gmt)$"
)
_CLOCK_PREFIX_RE = re.compile(r"^(?:at )?\d{1,2}(?::\d\d)? ?[ap] ?m(?: local time)?(?: on)? ")
_RANGE_RE = re.compile(r"\s*(?:-|\u2013|\u2014|\bto\b|\band\b|\bthrough\b|\buntil\b)\s*")


@lru_cache(maxsize=8192)  # pure: the same phrases ("on Tuesday") recur within and across articles
def resolve_date(text: str, published: Date, future: bool = False) -> ResolvedDate | None:
    """Resolve a temporal expression against the publication date; None for durations and unknowns.

    ``future`` is for expressions in future tense ("will meet on Monday"): plain weekdays and
    dates without a year then point forward from publication instead of back.
    """
    phrase = _normalise(text)
    if not phrase:
        return None
    resolved = _resolve_phrase(phrase, published, future)
    if resolved is None:
        # A range or a list ("Nov. 13-14", "Monday and Tuesday") takes its stated start.
        parts = _RANGE_RE.split(phrase, maxsplit=1)
        if len(parts) == 2 and parts[0] and parts[1]:
            resolved = _resolve_phrase(parts[0], published, future)
    if resolved is None:
        logger.debug("no date for %r", text)
    return resolved


_ABBREVIATION_DOT = re.compile(r"(?<=[a-z])\.")  # "nov." -> "nov", "p.m." -> "pm"
_INNER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")  # "mid-november"
_POSSESSIVE_END = re.compile(r"['\u2019]s$")  # "thursday's"
_SPACES = re.compile(r"\s+")


def _normalise(text: str) -> str:
    phrase = text.lower().strip()
    phrase = _ABBREVIATION_DOT.sub("", phrase)
    phrase = _INNER_HYPHEN.sub(" ", phrase)
    phrase = _POSSESSIVE_END.sub("", phrase)
    phrase = _SPACES.sub(" ", phrase).strip(" ,;:")
    previous = None
    while previous != phrase and phrase not in DAY_OFFSETS:
        previous = phrase
        phrase = _PREFIX_RE.sub("", phrase)
        phrase = _SUFFIX_RE.sub("", phrase)
        phrase = _CLOCK_PREFIX_RE.sub("", phrase)
        phrase = phrase.strip(" ,;:")
    return phrase


def _resolve_phrase(phrase: str, published: Date, future: bool) -> ResolvedDate | None:
    for pattern, handler in _PATTERNS:
        match = pattern.fullmatch(phrase)
        if match:
            return handler(match.groupdict(), published, future)
    return None


# --- handlers: each gets the named groups, the publication date and the tense --------------


def _day(date: Date | None) -> ResolvedDate | None:
    return ResolvedDate(date.isoformat(), "day") if date else None


def _month(year: int, month: int) -> ResolvedDate:
    return ResolvedDate(f"{year:04d}-{month:02d}", "month")


def _year(year: int) -> ResolvedDate:
    return ResolvedDate(f"{year:04d}", "year")


def _safe_date(year: int, month: int, day: int) -> Date | None:
    try:
        return Date(year, month, day)
    except ValueError:
        return None


def _full_date(g: dict, published: Date, future: bool) -> ResolvedDate | None:
    return _day(_safe_date(int(g["year"]), MONTHS[g["month"]], int(g["day"])))


def _iso_date(g: dict, published: Date, future: bool) -> ResolvedDate | None:
    return _day(_safe_date(int(g["year"]), int(g["m"]), int(g["day"])))


def _us_date(g: dict, published: Date, future: bool) -> ResolvedDate | None:
    year = int(g["y"])
    if year < 100:
        year += 2000
    return _day(_safe_date(year, int(g["m"]), int(g["day"])))


def _month_day(g: dict, published: Date, future: bool) -> ResolvedDate | None:
    """A day without a year: the year that puts it on or before (or, future, on or after) publication."""
    month, day = MONTHS[g["month"]], int(g["day"])
    years = (published.year, published.year + 1) if future else (published.year, published.year - 1)
    for year in years:
        candidate = _safe_date(year, month, day)
        if candidate is not None and (candidate >= published if future else candidate <= published):
            return _day(candidate)
    return None


def _month_year(g: dict, published: Date, future: bool) -> ResolvedDate:
    return _month(int(g["year"]), MONTHS[g["month"]])


def _month_only(g: dict, published: Date, future: bool) -> ResolvedDate:
    """A month name alone: the latest such month on or before publication (future: on or after)."""
    month = MONTHS[g["month"]]
    which = g.get("which")
    if which == "last year":
        return _month(published.year - 1, month)
    if which == "next year":
        return _month(published.year + 1, month)
    if which == "this year":
        return _month(published.year, month)
    if which == "last":
        return _month(published.year if month < published.month else published.year - 1, month)
    if which == "next":
        return _month(published.year if month > published.month else published.year + 1, month)
    if future:
        return _month(published.year if month >= published.month else published.year + 1, month)
    return _month(published.year if month <= published.month else published.year - 1, month)


def _weekday(g: dict, published: Date, future: bool) -> ResolvedDate | None:
    """A weekday: latest on or before publication; "last" is strictly before, "next" after."""
    wanted = WEEKDAYS[g["weekday"]]
    which = g.get("which") or ""
    back = (published.weekday() - wanted) % 7
    ahead = (wanted - published.weekday()) % 7
    if which == "last":
        return _day(published - dt.timedelta(days=back or 7))
    if which == "next" or (future and which != "this"):
        return _day(published + dt.timedelta(days=ahead or 7))
    if future:  # "this Friday" in future tense: on or after publication
        return _day(published + dt.timedelta(days=ahead))
    return _day(published - dt.timedelta(days=back))


def _weekday_then_date(g: dict, published: Date, future: bool) -> ResolvedDate | None:
    """ "Thursday, Nov. 26": the date after the weekday decides."""
    return _resolve_phrase(g["rest"], published, future) or _weekday(g, published, future)


def _weekend(g: dict, published: Date, future: bool) -> ResolvedDate | None:
    return _weekday({"weekday": "saturday", "which": g.get("which")}, published, future)


def _relative_day(g: dict, published: Date, future: bool) -> ResolvedDate | None:
    return _day(published + dt.timedelta(days=DAY_OFFSETS[g["word"]]))


def _week(g: dict, published: Date, future: bool) -> ResolvedDate:
    """A week is only known to the month its start falls in (CODING.md section 5)."""
    which = g["which"]
    monday = published - dt.timedelta(days=published.weekday())
    if which == "last":
        start = monday - dt.timedelta(days=7)
    elif which == "next":
        start = monday + dt.timedelta(days=7)
    elif which in ("past", "the past"):
        start = published - dt.timedelta(days=7)
    else:
        start = monday
    return _month(start.year, start.month)


def _relative_month(g: dict, published: Date, future: bool) -> ResolvedDate:
    shift = {"last": -1, "next": 1}.get(g["which"], 0)
    index = published.year * 12 + published.month - 1 + shift
    return _month(index // 12, index % 12 + 1)


def _relative_year(g: dict, published: Date, future: bool) -> ResolvedDate:
    return _year(published.year + {"last": -1, "next": 1}.get(g["which"], 0))


def _explicit_year(g: dict, published: Date, future: bool) -> ResolvedDate:
    return _year(int(g["year"]))


def _ago(g: dict, published: Date, future: bool) -> ResolvedDate | None:
    """ "three days ago" is a day; weeks and months ago a month; years ago a year."""
    raw = g["count"]
    count = int(raw) if raw.isdigit() else _SMALL_NUMBERS[raw]
    unit = g["unit"]
    if unit == "day":
        return _day(published - dt.timedelta(days=count))
    if unit == "week":
        start = published - dt.timedelta(days=7 * count)
        return _month(start.year, start.month)
    if unit == "month":
        index = published.year * 12 + published.month - 1 - count
        return _month(index // 12, index % 12 + 1)
    return _year(published.year - count)


Handler = Callable[[dict, Date, bool], "ResolvedDate | None"]

_PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(r"(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})"), _iso_date),
    (re.compile(r"(?P<m>\d{1,2})/(?P<day>\d{1,2})/(?P<y>\d{4}|\d{2})"), _us_date),
    (re.compile(_MONTH + r" " + _DAY + r",? " + _YEAR), _full_date),
    (re.compile(r"(?:the )?" + _DAY + r" (?:of )?" + _MONTH + r",? " + _YEAR), _full_date),
    (re.compile(_MONTH + r" " + _DAY), _month_day),
    (re.compile(r"(?:the )?" + _DAY + r" (?:of )?" + _MONTH), _month_day),
    (re.compile(_MONTH + r",? " + _YEAR), _month_year),
    (re.compile(r"(?:(?P<which>last|next) )?" + _MONTH), _month_only),
    (re.compile(_MONTH + r" (?P<which>last year|next year|this year)"), _month_only),
    (re.compile(_WEEKDAY + r",? (?P<rest>.+)"), _weekday_then_date),
    (re.compile(r"(?:(?P<which>last|next|this|past) )?" + _WEEKDAY), _weekday),
    (re.compile(r"(?:(?P<which>last|next|this|past) )?weekend"), _weekend),
    (re.compile(r"(?P<word>" + "|".join(re.escape(w) for w in DAY_OFFSETS) + r")"), _relative_day),
    (re.compile(r"(?P<which>last|next|this|past|the past) week"), _week),
    (re.compile(r"(?P<which>last|next|this|past|the past) month"), _relative_month),
    (re.compile(r"(?P<which>last|next|this) year"), _relative_year),
    (re.compile(_COUNT + r" (?P<unit>day|week|month|year)s? ago"), _ago),
    (re.compile(_YEAR), _explicit_year),
]


# --- finding date spans in a Doc -------------------------------------------------------------

_MONTH_CAP = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_FIND_PATTERNS = [
    re.compile(r"\b(?:(?:last|next|this|early|late)\s+)?"
               r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
               r"(?:\s+(?:morning|afternoon|evening|night))?\b"),
    re.compile(r"\b" + _MONTH_CAP + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d\b)?"),
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_CAP + r"(?:,?\s+(?:19|20)\d\d)?\b"),
    re.compile(r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})\b"),
    re.compile(r"\b(?:since|in)\s+(?:19|20)\d\d\b", re.IGNORECASE),
    re.compile(r"\b(?:the day before yesterday|yesterday|today|tonight|tomorrow|overnight|"
               r"last night|(?:a few |several )?hours (?:earlier|ago)|earlier today|"
               r"within (?:minutes|hours)|(?:minutes|moments) later|"
               r"this (?:morning|afternoon|evening)|"
               r"(?:earlier |later )?(?:this|last|next) (?:week|month|year)|"
               r"(?:over |in )?the past week)\b", re.IGNORECASE),
]
_DATE_LABELS = ("DATE", "TIME")

# --- the same matches as ``pattern.finditer(text)`` for each of _FIND_PATTERNS, found faster ----
# A leading ``\b`` makes the regex engine try every position of the text, which cost more than
# everything else in this module. Each pattern below is only tried where a cheap literal scan
# (an "anchor" every match contains) says it could match: at the positions where a match can
# start, worked out from the anchor, or (relative phrases) within a few words of it. ``\b`` at a
# ``pos`` given to match() looks at the real previous character, so the matches are identical.

_MONTH_NAMES = _MONTH_CAP[:-len(r"\.?")]  # the alternation of month names
_WEEKDAY_ANCHOR = re.compile("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
_MONTH_ANCHOR = re.compile(_MONTH_NAMES)
_YEAR_ANCHOR = re.compile(r"(?:19|20)\d\d")
_NUMERIC_ANCHOR = re.compile(r"\d[-/]\d")
_RELATIVE_ANCHORS = ("day", "night", "hours", "minutes", "moments", "morning", "afternoon", "evening", "week", "month", "year",
                     "tomorrow")
# What may stand before the anchor in a match, read backwards (on the reversed text) from it.
_WEEKDAY_BEFORE = re.compile(r"\s+(?:tsal|txen|siht|ylrae|etal)")  # "last Monday"
_DAY_BEFORE = re.compile(r"\s+(?:fo\s+)?(?:ts|dn|dr|ht)?\d{1,2}")  # "21st of March"
_YEAR_BEFORE = re.compile(r"\s+(?:ecnis|ni)", re.IGNORECASE)  # "since 2011"
# A relative phrase has at most four words, joined by single spaces: it starts at most three
# words before the anchor's word (on the lower-cased text; read backwards, one more for safety).
_WORDS_BEFORE = re.compile(r"[a-z]*(?: [a-z]+){0,4}")
# Characters that IGNORECASE matches with an ASCII letter although str.lower() does not give it
# (or changes the length): with one of these the lower-cased text is no guide to the pattern.
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")


def _pattern_matches(text: str) -> list[re.Match]:
    """The matches of every pattern of _FIND_PATTERNS in TEXT, pattern by pattern, each in the
    order ``finditer`` gives them."""
    weekday, month_day, day_month, numeric, year, relative = _FIND_PATTERNS
    backwards = text[::-1]
    size = len(text)

    def starts_before(anchor: re.Pattern, before: re.Pattern, own: bool) -> list[int]:
        starts = []
        for found in anchor.finditer(text):
            a = found.start()
            context = before.match(backwards, size - a)
            if context is not None:
                starts.append(a - (context.end() - (size - a)))
            if own:
                starts.append(a)
        return sorted(set(starts))

    matches = list(_matches_at(weekday, text, starts_before(_WEEKDAY_ANCHOR, _WEEKDAY_BEFORE, True)))
    months = [found.start() for found in _MONTH_ANCHOR.finditer(text)]
    matches += _matches_at(month_day, text, months)
    matches += _matches_at(day_month, text, starts_before(_MONTH_ANCHOR, _DAY_BEFORE, False))
    if _NUMERIC_ANCHOR.search(text):
        matches += numeric.finditer(text)
    matches += _matches_at(year, text, starts_before(_YEAR_ANCHOR, _YEAR_BEFORE, False))
    matches += _relative_matches(relative, text)
    return matches


def _matches_at(pattern: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """``pattern.finditer(text)`` given every position a match can start at (ascending)."""
    found, end = [], 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match is not None:
                found.append(match)
                end = match.end()
    return found


def _relative_matches(pattern: re.Pattern, text: str) -> list[re.Match]:
    """``pattern.finditer(text)`` for the relative-phrase pattern (case-insensitive letters and
    single spaces): tried only at the starts of the few words before each anchor word."""
    lower = text.lower()
    if not text.isascii() and (len(lower) != len(text) or _CASE_TRAPS.search(text)):
        return list(pattern.finditer(text))
    backwards = lower[::-1]
    size = len(text)
    starts = set()
    for word in _RELATIVE_ANCHORS:  # str.find beats a regex alternation here
        a = lower.find(word)
        while a >= 0:
            lo = a - (_WORDS_BEFORE.match(backwards, size - a).end() - (size - a))
            starts.add(lo)
            space = lower.find(" ", lo, a)
            while space >= 0:  # the other word starts in between
                starts.add(space + 1)
                space = lower.find(" ", space + 1, a)
            a = lower.find(word, a + 1)
    return _matches_at(pattern, text, sorted(starts))


def find_date_spans(doc: Doc) -> list[Span]:
    """Temporal expressions in a Doc that resolve to a date, in text order and not overlapping.

    Combines the model's DATE/TIME entities (leading "the" trimmed) with patterns for what a
    small model misses; durations and other unresolvable spans are left out.
    """
    published = Date(2000, 6, 15)  # any anchor works: only whether a span resolves matters here
    candidates: list[Span] = []
    for ent in entities(doc):
        if ent.label_ in _DATE_LABELS:
            candidates.append(_trim(ent))
    for match in _pattern_matches(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is not None and len(span):
            candidates.append(span)
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(candidates, key=lambda s: (-len(s), s.start)):
        if not len(span) or taken.intersection(range(span.start, span.end)):
            continue
        if resolve_date(span_text(span), published) is None:
            continue
        chosen.append(span)
        taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def _trim(span: Span) -> Span:
    """Drop a leading "the" and trailing punctuation or possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    lower, punct = column(doc, "LOWER"), column(doc, "IS_PUNCT")  # hashes and flags: no Tokens
    while start < end and lower[start] == _THE:
        start += 1
    while end > start and (punct[end - 1] or lower[end - 1] in _POSSESSIVES):
        end -= 1
    return doc[start:end]


_THE = get_string_id("the")
_POSSESSIVES = frozenset({get_string_id("'s"), get_string_id("\u2019s")})
