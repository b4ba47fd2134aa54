"""Checks an input must pass before it is coded: decodable text, not binary, long enough, English.

The language check is a stopword-ratio heuristic plus a script check: no extra dependency, and
good enough to turn away whole articles in another language, which the English model would
otherwise code as nonsense.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from collections import Counter

from eventwire.errors import InputError
from eventwire.model import Article, Failure

MIN_WORDS = 5
_SAMPLE_CHARS = 20_000  # the checks look at the start of the text only: enough, and fast
_BINARY_RATIO = 0.01

ENGLISH_WORDS = frozenset("""
a about after against all also an and are as at be been before between but by can could did do
does during for from had has have he her his how i if in into is it its more most no not of on
one only or other our out over said says she should since so than that the their them then there
these they this those through to under up was we were what when where which while who will with
would you
""".split())

# Common function words of other languages, without any that are also English words.
_OTHER_WORDS = {
    "French": "le la les des du et est dans une un pour que qui sur avec pas au aux ce cette sont "
              "par il elle ont été mais plus selon leur ses ne se été lors également",
    "German": "der die das und ist nicht mit von den dem des ein eine einen zu auf für sich auch "
              "es wird wurde sind bei nach aus dass sie er im zum zur wie oder noch",
    "Spanish": "el la los las de del y en que por con para una es se su al lo como más pero fue "
               "ha sus dijo este esta según sobre entre también",
    "Italian": "il di che è la per non una sono della del le gli dei nel alla ha anche come più "
               "questo ma stato",
    "Portuguese": "o os de da do das dos que em um uma para com não por se mais foi são ao pelo "
                  "pela também disse",
    "Dutch": "de het een van en niet dat op te met voor zijn ook aan er maar bij wordt werd naar "
             "deze uit heeft",
}
OTHER_WORDS = {lang: frozenset(words.split()) - ENGLISH_WORDS for lang, words in _OTHER_WORDS.items()}

# Unicode script (first word of a character's name) -> the language a whole text in it most likely is.
_SCRIPTS = {
    "CYRILLIC": "Russian", "CJK": "Chinese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese",
    "HANGUL": "Korean", "ARABIC": "Arabic", "HEBREW": "Hebrew", "GREEK": "Greek",
    "DEVANAGARI": "Hindi", "THAI": "Thai", "BENGALI": "Bengali", "GEORGIAN": "Georgian",
    "ARMENIAN": "Armenian", "ETHIOPIC": "Amharic",
}
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def decode_bytes(data: bytes) -> str:
    """Bytes of a text input as str: UTF-8 (with or without BOM), or UTF-16 with a BOM.

    Raises InputError naming the problem, so the reader can turn it into one Failure.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-16 text (invalid byte at offset {exc.start})") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data[:8192]:
        raise InputError("binary content")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (invalid byte at offset {exc.start})") from None


def article_problem(text: str) -> str | None:
    """Why this text cannot be coded as an English news article, or None when it can."""
    sample = text[:_SAMPLE_CHARS]
    if not sample.strip():
        return "empty"
    odd = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc"
                                                      and ch not in "\n\r\t\f"))
    if "\x00" in sample or odd / len(sample) > _BINARY_RATIO:
        return "binary content"
    script = _foreign_script(sample)
    if script:
        return f"not English (looks like {script})"
    words = [w.lower() for w in _WORDS.findall(sample)]
    if len(words) < MIN_WORDS:
        return "too short to be an article"
    guess = _foreign_language(words)
    if guess:
        return f"not English (looks like {guess})"
    return None


def check_article(article: Article, input: str, line: int | None = None) -> Article | Failure:
    """The article itself when it passes ``article_problem``, else a read Failure with the reason."""
    problem = article_problem(article.text)
    if problem is None:
        return article
    return Failure(input=input, reason=problem, stage="read", line=line)


def check_published(value: str | None) -> str | None:
    """A publication-date override as given, after checking it is a real YYYY-MM-DD date."""
    if value is None:
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"published date must be YYYY-MM-DD, not {value!r}") from None
    return value


def _foreign_script(sample: str) -> str | None:
    """The language a text mostly written in a non-Latin script looks like, if it is."""
    scripts: Counter[str] = Counter()
    letters = 0
    for ch in sample:
        if ch.isalpha():
            letters += 1
            if ord(ch) > 0x24F:
                scripts[unicodedata.name(ch, "?").split()[0]] += 1
    if not letters or not scripts:
        return None
    name, count = scripts.most_common(1)[0]
    if count / letters < 0.5:
        return None
    if name == "CYRILLIC" and any(ch in _UKRAINIAN_LETTERS for ch in sample):
        return "Ukrainian"
    return _SCRIPTS.get(name, "another language")


def _foreign_language(words: list[str]) -> str | None:
    """The language whose function words outnumber English ones, or 'another language' when a
    long text has almost no English function words; None when it reads as English."""
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in OTHER_WORDS.items()}
    lang, best = max(counts.items(), key=lambda item: item[1])
    if best >= 2 and best > english:
        return lang
    if len(words) >= 40 and english / len(words) < 0.08:
        return "another language"
    return None
