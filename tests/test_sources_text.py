"""Wire-text parsing (title, source/date line, dateline, noise) and the input checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.model import Article
from eventwire.sources.checks import article_problem, check_published, decode_bytes
from eventwire.sources.text import (
    clean_body, clean_line, parse_date, parse_source_line, parse_wire_text, split_dateline,
)

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_73f91dd4694867d8.txt"
BODY = "Russian forces shelled the port city on Monday, officials said.\nTwo people were killed."


@pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not beside the repository")
def test_seed_article():
    article = parse_wire_text(SEED.read_text(encoding="utf-8"), origin="seed.txt")
    assert article.title == "Russia ready to work with France in fight against terrorism: Putin"
    assert article.source == "Xinhua"
    assert article.published == "2015-11-27"
    assert article.text.startswith("Russian President Vladimir Putin said")
    assert "Adjust font size" not in article.text
    assert not article.text.rstrip().endswith("Endit")
    assert "Islamic State (IS)" in article.text
    assert article.id == Article.content_id(article.text)
    assert article.origin == "seed.txt"


@pytest.mark.parametrize("raw, title, source, published", [
    (f"Port city shelled\nReuters, 3 March 2022\n{BODY}", "Port city shelled", "Reuters", "2022-03-03"),
    (f"Port city shelled\nAP | Jan. 5, 2019\n{BODY}", "Port city shelled", "AP", "2019-01-05"),
    (f"Port city shelled\nPublished: 2019-01-05\n{BODY}", "Port city shelled", None, "2019-01-05"),
    (f"Port city shelled\nBy Jane Doe and John Roe\nXinhua, November 27, 2015 Adjust font size:\n{BODY}",
     "Port city shelled", "Xinhua", "2015-11-27"),
    # a first line ending in a period is a body sentence unless a source/date line follows it
    (f"Troops withdrew from the town.\n{BODY}", None, None, None),
    (f"Troops withdrew from the town.\nReuters, 3 March 2022\n{BODY}",
     "Troops withdrew from the town.", "Reuters", "2022-03-03"),
    # a long first line is not a title
    (" ".join(["word"] * 30) + f"\n{BODY}", None, None, None),
])
def test_title_and_source_line(raw, title, source, published):
    article = parse_wire_text(raw)
    assert (article.title, article.source, article.published) == (title, source, published)
    assert article.text.endswith("Two people were killed.")
    if title:
        assert title not in article.text


@pytest.mark.parametrize("first, place, source, published", [
    ("KYIV, March 3 (Reuters) - Russian forces", "Kyiv", "Reuters", "2022-03-03"),
    ("GAZA CITY, Dec 30 (AFP) -- Russian forces", "Gaza City", "AFP", "2022-12-30"),
    ("Beijing, Nov. 27 (Xinhua) -- Russian forces", "Beijing", "Xinhua", "2022-11-27"),
    ("KYIV, Ukraine (AP) — Russian forces", "Kyiv, Ukraine", "AP", None),  # the country is kept
    ("PALO ALTO, Calif., March 3 (Reuters) - Russian forces", "Palo Alto, Calif.", "Reuters", "2022-03-03"),
    ("UNITED NATIONS, 3 March 2021 (Reuters) - Russian forces", "United Nations", "Reuters", "2021-03-03"),
    ("MOSCOW — Russian forces", "Moscow", None, None),
])
def test_dateline(first, place, source, published):
    raw = f"{first} shelled the port city on Monday.\nTwo people were killed.\n© 2022 Wire Service"
    article = parse_wire_text(raw)
    assert (article.dateline, article.source, article.published) == (place, source, published)
    assert article.text.startswith("Russian forces shelled")


def test_dateline_year_from_source_line_and_override():
    raw = "Strikes hit Kyiv\nReuters, 4 March 2022\nKYIV, March 3 (Reuters) - Russian forces shelled Kyiv."
    article = parse_wire_text(raw)
    assert (article.source, article.published, article.dateline) == ("Reuters", "2022-03-04", "Kyiv")
    no_year = "KYIV, March 3 (Reuters) - Russian forces shelled Kyiv on Monday."
    assert parse_wire_text(no_year).published is None
    assert parse_wire_text(no_year, published_override="2020-01-02").published == "2020-01-02"
    assert parse_wire_text(raw, published_override="2020-01-02").published == "2020-01-02"


@pytest.mark.parametrize("text", [
    "Putin - who spoke first - said the talks would go on.",
    "NATO said on Monday it would send more troops.",
    "Russian President Vladimir Putin, Nov. 27, said nothing.",
])
def test_no_dateline(text):
    assert split_dateline(text) == (None, text)


@pytest.mark.parametrize("noise", [
    "Adjust font size:", "Share this:", "Share on Facebook", "Click here to subscribe",
    "Follow us on Twitter", "Endit", "Endit(em)", "(Reporting by Tom Balmforth; Editing by Jane Doe)",
    "(Editing by Jane Doe)", "(Writing by John Roe)", "Copyright 2019 Reuters. All rights reserved.",
    "© 2019 Agence France-Presse", "Related: Earlier strikes on the city", "Advertisement",
    "Read more: What we know about the strikes",
])
def test_noise_line_and_tail(noise):
    body = "Russian forces shelled the port city on Monday."
    assert clean_body(f"{body}\n{noise}\nTwo people were killed.") == f"{body}\nTwo people were killed."
    assert clean_line(f"{body} {noise}") == body


@pytest.mark.parametrize("line", [
    "The copyright dispute with the firm went on for years.",
    "Officials said they would read more reports before deciding.",
    "The agency said the advertisement was misleading.",
])
def test_body_text_is_not_noise(line):
    assert clean_body(line) == line


@pytest.mark.parametrize("raw, expected", [
    ("\ufeffThe Islamic State(IS) group\u200b claimed it.", "The Islamic State (IS) group claimed it."),
    ("Troops  moved\t\u00a0north.\r\n\r\nThey  stopped.", "Troops moved north.\nThey stopped."),
    ("The minister said the talks\nwould resume next week.\n\nNo date was set.",
     "The minister said the talks would resume next week.\nNo date was set."),
])
def test_normalisation(raw, expected):
    assert clean_body(raw) == expected


@pytest.mark.parametrize("line, expected", [
    ("Xinhua, November 27, 2015", ("Xinhua", "2015-11-27")),
    ("Updated: Thursday, November 26, 2015 10:32 GMT", (None, "2015-11-26")),
    ("Posted on 2019-01-05T10:00:00Z", (None, "2019-01-05")),
    ("The talks were held on March 3, 2022", None),
    ("Reuters, 31 February 2022", None),
])
def test_parse_source_line(line, expected):
    assert parse_source_line(line) == expected


@pytest.mark.parametrize("value, expected", [
    ("2019-01-05T10:00:00+02:00", "2019-01-05"), ("Jan. 5, 2019", "2019-01-05"),
    ("5th of January 2019", "2019-01-05"), ("yesterday", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("data, expected", [
    ("Troops moved.".encode(), "Troops moved."),
    (b"\xef\xbb\xbfTroops moved.", "Troops moved."),
    ("Troops moved.".encode("utf-16"), "Troops moved."),
])
def test_decode_bytes(data, expected):
    assert decode_bytes(data) == expected


@pytest.mark.parametrize("data, message", [
    (b"Troops moved \xff north.", "not UTF-8 text (invalid byte at offset 13)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
])
def test_decode_bytes_errors(data, message):
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert str(info.value) == message


@pytest.mark.parametrize("text, problem", [
    ("", "empty"),
    ("  \n\t ", "empty"),
    ("abc\x01\x02\x03\x04def\x05\x06", "binary content"),
    ("Troops moved north.", "too short to be an article"),
    ("Le président français a rencontré les dirigeants européens à Bruxelles pour discuter "
     "de la guerre et des sanctions contre la Russie.", "not English (looks like French)"),
    ("Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen, "
     "teilte das Auswärtige Amt in Berlin mit.", "not English (looks like German)"),
    ("El gobierno de España anunció el lunes nuevas sanciones contra Rusia por la guerra "
     "en Ucrania, según el ministro.", "not English (looks like Spanish)"),
    ("Президент России Владимир Путин заявил в четверг, что Россия готова работать с Францией.",
     "not English (looks like Russian)"),
    ("俄罗斯总统普京周四表示，俄罗斯准备与法国合作打击恐怖主义。", "not English (looks like Chinese)"),
])
def test_article_problem(text, problem):
    assert article_problem(text) == problem


@pytest.mark.parametrize("text", [
    "Russia strikes Kyiv\nRussian missiles hit Kyiv overnight, killing 12.",
    "Putin meets Macron\nPutin met Macron in Moscow on Thursday.",
    "Hamas fires rockets\nHamas fired rockets at Israel; Israel struck Gaza.",
    "President Emmanuel Macron of France met Chancellor Olaf Scholz and Prime Minister Pedro "
    "Sanchez de la Vega in Madrid, where the leaders discussed sanctions on Russia and aid to Ukraine.",
])
def test_short_english_passes(text):
    assert article_problem(text) is None


@pytest.mark.parametrize("value", ["2019-13-01", "05/01/2019", "2019-1-5", "tomorrow"])
def test_check_published_rejects(value):
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        check_published(value)
