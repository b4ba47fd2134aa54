"""Plain-text articles as they come off wires and scrapers: title, source/date line, dateline, noise.

Also the text clean-up every reader shares (``clean_body``, ``article_from_fields``), so a JSONL or
CSV article is cleaned exactly like a ``.txt`` one.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from eventwire.model import Article

log = logging.getLogger(__name__)

TITLE_MAX_WORDS = 25
_HEADER_MAX_LINES = 4  # source/date lines and bylines are looked for this far below the title

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?")
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:[a-z]*day)?\.?,?\s*"
_ORD = r"(?:st|nd|rd|th)?"

# Full dates as they appear on source lines and in metadata; each has groups y, m, d (m may be a name).
_DATES = tuple(re.compile(p, re.I) for p in (
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?",
    rf"(?:{_WEEKDAY})?(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})",
    rf"(?:{_WEEKDAY})?(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}})",
))
# What may follow the date on a source/date line: a time and a zone ("10:32 AM GMT", "(GMT+8)").
_TIME_TAIL = re.compile(
    r"(?:[|,\-–—·•]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*"
    r"(?:\(?(?:[A-Z]{2,5}(?:[+-]\d{1,2})?)\)?)?)?\s*$", re.I)
_DATE_LABEL = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:published|posted|updated|modified)(?:\s+on)?|date|source)\s*:?\s*",
    re.I)
_SOURCE_NAME = re.compile(r"^[A-Z0-9][\w.&'’ ()/-]{0,48}$")
_SEPARATORS = " ,|-–—·•:/"

# Noise: whole lines (matched in full, case-insensitive) that are page furniture or credits.
NOISE_LINES = tuple(re.compile(p, re.I) for p in (
    r"adjust font size:?",
    r"share (?:this|this article|this story)?:?",
    r"share (?:on|via) (?:facebook|twitter|x|whatsapp|linkedin|telegram|e-?mail|reddit)\b.*",
    r"(?:click|tap) here\b.*",
    r"follow us on\b.*",
    r"endit(?:\s*\(\w+\))?\.?",
    r"\((?:additional\s+)?(?:reporting|editing|writing|compiled|translated)\b[^)]*\)"
    r"(?:\s*;?\s*\([^)]*\))*\.?",
    r"copyright\b.*",
    r"(?:©|\(c\)\s*\d{4}).*",
    r"all rights reserved\.?",
    r"related(?: articles| stories| coverage| news)?:.*",
    r"advertisements?",
    r"read (?:more|also|next)\b:?.*",
))
# Noise glued to the end of a paragraph; each starts at a sentence boundary so body text is safe.
_BOUNDARY = r"(?:^|(?<=[.!?\"”’)\]:]))\s*"
NOISE_TAILS = tuple(re.compile(p + r"\s*$", re.I) for p in (
    r"\s*\bendit(?:\s*\(\w+\))?\.?",
    r"\s*\badjust font size:?",
    r"\s*\bshare this:?",
    r"\s*\bshare on (?:facebook|twitter)\b.*",
    r"\s*\((?:additional\s+)?(?:reporting|editing|writing|compiled|translated) by\b[^)]*\)"
    r"(?:\s*;?\s*\([^)]*\))*\.?",
    _BOUNDARY + r"(?:copyright\b|©).*?all rights reserved\.?",
    _BOUNDARY + r"(?:©|copyright\s+©?\s*)\s*\d{4}\b.*",
    _BOUNDARY + r"(?:read more|related):.*",
    _BOUNDARY + r"(?:click|tap) here\b.*",
    _BOUNDARY + r"follow us on\b.*",
    _BOUNDARY + r"advertisements?",
))
_BYLINE = re.compile(r"By\s+[A-Z][\w.'’-]*(?:(?:\s+|\s*,\s*)(?:[A-Z][\w.'’-]*|and|&))*"
                     r"(?:\s*[|,]\s*[A-Z][\w ]*)?")
_COPYRIGHT_YEAR = re.compile(r"(?:©|\bcopyright\b)\s*(?:©\s*)?(\d{4})\b", re.I)

# A dateline prefix: "KYIV, March 3 (Reuters) -", "GAZA CITY, Dec 30 (AFP) --", "KYIV, Ukraine (AP) —";
# a joint dateline ("SANAA/WASHINGTON, Jan 12 (Reuters) -") is placed at its first city.
_WORD = r"[A-Z][A-Za-z'’.\-]*"
_DATELINE = re.compile(
    rf"^(?P<place>{_WORD}(?:\s+{_WORD}){{0,3}})(?:\s*/\s*{_WORD}(?:\s+{_WORD}){{0,3}})?"  # "SANAA/WASHINGTON"
    rf"(?:,\s*(?!{_MONTH}\s*\d)(?P<region>{_WORD}(?:\s+{_WORD}){{0,2}}))?"
    rf"(?:,?\s+(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH}))"
    rf"(?:,?\s+(?P<year>\d{{4}}))?)?"
    r"(?:\s*\((?P<agency>[A-Za-z][\w.&'’ /-]{0,30})\))?"
    r"\s*(?:--?|–|—)\s+")

_ZERO_WIDTH = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_GLUED_BRACKET = re.compile(r"(?<=[A-Za-z])\((?=\w)")
_SENTENCE_END = tuple(".!?:;\"”’)]")


@dataclass(frozen=True)
class Dateline:
    """What a dateline prefix says: the place, the agency, and the month/day (year if given)."""

    place: str
    agency: str | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None

    def date(self, year_hint: int | None) -> str | None:
        """The dateline's date as YYYY-MM-DD, its year given or taken from the hint; else None."""
        year = self.year or year_hint
        if self.month is None or self.day is None or year is None:
            return None
        return _iso(year, self.month, self.day)


def parse_date(value: str) -> str | None:
    """A date written in one of the usual news forms, as YYYY-MM-DD; None when there is none."""
    for pattern in _DATES:
        match = pattern.search(value)
        if match:
            return _iso(match["y"], match["m"], match["d"])
    return None


def normalise(raw: str) -> list[str]:
    """Lines of the raw text with newlines, spaces and invisible characters made plain.

    Hard-wrapped paragraphs are re-joined (a line without final punctuation followed by one that
    starts in lower case); blank lines are dropped, so each returned line is a paragraph.
    """
    text = raw.translate(_ZERO_WIDTH).replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str] = []
    joinable = False
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if not line:
            joinable = False
            continue
        if joinable and line[0].islower():
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        joinable = not lines[-1].endswith(_SENTENCE_END)
    return lines


def clean_line(line: str) -> str:
    """One paragraph without the noise glued to its end, and with "State(IS)" spaced as "State (IS)"."""
    if any(p.fullmatch(line) for p in NOISE_LINES):
        return ""
    previous = None
    while previous != line:
        previous = line
        for pattern in NOISE_TAILS:
            line = pattern.sub("", line).rstrip()
    if any(p.fullmatch(line) for p in NOISE_LINES):
        return ""
    return _GLUED_BRACKET.sub(" (", line)


def clean_lines(raw: str) -> list[str]:
    """The non-noise paragraphs of a raw text, cleaned."""
    return [c for c in (clean_line(line) for line in normalise(raw)) if c]


def clean_body(raw: str) -> str:
    """The shared clean-up of an article body: paragraphs without noise, one per line."""
    return "\n".join(clean_lines(raw))


def split_dateline(text: str) -> tuple[Dateline | None, str]:
    """Split a "CITY, Month D (Agency) -" prefix off the start of the text."""
    match = _DATELINE.match(text)
    if not match:
        return None, text
    place = match["place"].strip()
    month_name = match["month"] or match["month2"]
    has_date = month_name is not None
    if not (match["agency"] or (has_date and place.isupper()) or _is_caps_place(place)):
        return None, text
    rest = text[match.end():]
    if not rest.strip():
        return None, text
    if place.isupper():
        place = " ".join("-".join(p.capitalize() for p in w.split("-")) for w in place.split())
    if match["region"]:  # "ROSZKE, Hungary": the country or region places a town the gazetteer may not know
        place = f"{place}, {match['region'].strip()}"
    return Dateline(
        place=place,
        agency=match["agency"].strip() if match["agency"] else None,
        month=_MONTHS[month_name.rstrip(".").lower()] if has_date else None,
        day=int(match["day"] or match["day2"]) if has_date else None,
        year=int(match["year"]) if match["year"] else None,
    ), rest


def parse_source_line(line: str) -> tuple[str | None, str] | None:
    """(source or None, YYYY-MM-DD) for a line such as "Xinhua, November 27, 2015"; else None."""
    if len(line.split()) > 15:
        return None
    for pattern in _DATES:
        match = pattern.search(line)
        if not match or not _TIME_TAIL.fullmatch(line[match.end():]):
            continue
        date = _iso(match["y"], match["m"], match["d"])
        if date is None:
            return None
        head = line[:match.start()]
        labelled = _DATE_LABEL.match(head.strip())
        head = head.strip()[labelled.end():] if labelled else head
        head = head.strip(_SEPARATORS).strip()
        if not head:
            return None, date
        if _SOURCE_NAME.match(head) and len(head.split()) <= 6 and not _is_sentence(head):
            return head, date
        return None
    return None


def article_from_fields(
    text: str, *, id: str | None = None, title: str | None = None, source: str | None = None,
    published: str | None = None, url: str | None = None, origin: str | None = None,
    published_override: str | None = None,
) -> Article:
    """An Article from separately given fields (JSONL, CSV, HTML), its body cleaned like a .txt one."""
    year_hint = _copyright_year(text)
    dateline, body = split_dateline(clean_body(text))
    pub = parse_date(published) if published else None
    if published and pub is None:
        log.warning("%s: published value %r is not a date; ignored", origin, published)
    if dateline is not None:
        source = source or dateline.agency
        pub = pub or dateline.date(year_hint)
    return Article(
        id=id or Article.content_id(body), text=body, title=_clean_title(title),
        source=source.strip() if source and source.strip() else None,
        published=published_override or pub, dateline=dateline.place if dateline else None,
        url=url or None, origin=origin,
    )


def parse_wire_text(raw: str, origin: str = "-", *, published_override: str | None = None) -> Article:
    """An Article from a wire or scraped .txt article: title, source/date line, dateline, clean body."""
    year_hint = _copyright_year(raw)
    lines = clean_lines(raw)
    title = source = published = None
    start = 0
    if len(lines) > 1 and _looks_like_title(lines[0]):
        if not lines[0].endswith(".") or parse_source_line(lines[1]) is not None:
            title, start = lines[0], 1
    while start < len(lines) - 1 and start <= _HEADER_MAX_LINES:
        found = parse_source_line(lines[start])
        if found is not None:
            source, published = source or found[0], published or found[1]
        elif not _BYLINE.fullmatch(lines[start]):
            break
        start += 1
    dateline, body = split_dateline("\n".join(lines[start:]))
    if dateline is not None:
        source = source or dateline.agency
        published = published or dateline.date(year_hint)
    return Article(
        id=Article.content_id(body), text=body, title=title, source=source,
        published=published_override or published,
        dateline=dateline.place if dateline else None, origin=origin,
    )


def _looks_like_title(line: str) -> bool:
    return (len(line.split()) < TITLE_MAX_WORDS and parse_source_line(line) is None
            and split_dateline(line + " x")[0] is None)


def _is_sentence(text: str) -> bool:
    """True for text that reads like a clause (several lower-case words), not a name."""
    return sum(1 for w in text.split() if w[:1].islower()) > 1


def _is_caps_place(place: str) -> bool:
    letters = [c for c in place if c.isalpha()]
    return len(letters) >= 3 and place.isupper()


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    lines = normalise(title)
    return " ".join(lines) or None


def _copyright_year(raw: str) -> int | None:
    match = _COPYRIGHT_YEAR.search(raw)
    return int(match.group(1)) if match else None


def _iso(year: int | str, month: int | str, day: int | str) -> str | None:
    if isinstance(month, str) and not month.isdigit():
        month = _MONTHS[month.rstrip(".").lower()]
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
