"""The actor vocabulary: lookups the coder relies on, data completeness, and load-time validation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventwire.codebooks._tsv import LexiconError, data_path
from eventwire.codebooks.actors import SECTORS, load_actors

# Territories with no people of their own or no capital, and countries whose demonym or capital
# would clash with another country's (Dominican -> DOM, Kingston -> JAM, Congolese -> COD).
NO_DEMONYM = {"ATA", "BVT", "HMD", "UMI", "ATF", "SGS", "SJM", "VAT", "GGY", "JEY", "DMA", "COG"}
NO_CAPITAL = {"ATA", "BVT", "HMD", "UMI", "IOT", "TKL", "NFK", "SYC"}
FILES = ("countries.tsv", "actors.tsv", "agents.tsv", "people.tsv")


@pytest.fixture(scope="module")
def vocab():
    return load_actors()


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("U.S.", "USA", "GPE"),
        ("the United States", "USA", "GPE"),
        ("Britain", "GBR", "GPE"),
        ("Kremlin", "RUSGOV", "ORG"),
        ("Kyiv", "UKR", "GPE"),
        ("Kiev", "UKR", "GPE"),
        ("Moscow", "RUS", "GPE"),
        ("Islamic State", "IMGMUSISI", "ORG"),
        ("Islamic State(IS)", "IMGMUSISI", "ORG"),
        ("IS", "IMGMUSISI", "ORG"),
        ("Hamas", "PSEREB", "ORG"),
        ("Boko Haram", "NGAREB", "ORG"),
        ("Shebab", "SOMREB", "ORG"),
        ("United Nations", "IGOUNO", "ORG"),
        ("IAEA", "IGOUNO", "ORG"),
        ("NATO", "IGONAT", "ORG"),
        ("European Union", "IGOEEC", "ORG"),
        ("Human Rights Watch", "NGOHRI", "ORG"),
        ("Doctors Without Borders", "NGOHLH", "ORG"),
        ("Ivory Coast", "CIV", "GPE"),
        ("Burma", "MMR", "GPE"),
        ("DPRK", "PRK", "GPE"),
        ("kremlin", "RUSGOV", "ORG"),
    ],
)
def test_lookup_gives_code_and_kind(vocab, text, code, kind):
    assert vocab.lookup(text) == (code, kind)


@pytest.mark.parametrize("text", ["us", "is", "who", "Tuesday"])
def test_everyday_words_are_not_actors(vocab, text):
    assert vocab.lookup(text) is None


@pytest.mark.parametrize(
    ("demonym", "iso3"),
    [("Russian", "RUS"), ("British", "GBR"), ("Britons", "GBR"), ("American", "USA"),
     ("Israelis", "ISR"), ("Palestinian", "PSE"), ("French", "FRA"), ("Congolese", "COD")],
)
def test_demonyms(vocab, demonym, iso3):
    assert vocab.demonyms[demonym.lower()] == iso3


@pytest.mark.parametrize(
    ("phrase", "sector", "plural"),
    [("foreign minister", "GOV", False), ("troops", "MIL", True), ("police", "COP", True),
     ("prosecutors", "JUD", True), ("militants", "REB", True), ("protesters", "CVL", True),
     ("former president", "ELI", False), ("journalists", "MED", True)],
)
def test_agents(vocab, phrase, sector, plural):
    agent = vocab.agents[phrase]
    assert (agent.sector, agent.plural) == (sector, plural)


@pytest.mark.parametrize(
    ("phrase", "sector", "thing"),
    [("artillery", "MIL", True), ("positions", "MIL", True), ("hideouts", "REB", True),
     ("diplomatic convoy", "GOV", True), ("upper house", "GOV", False), ("troops", "MIL", False)],
)
def test_agent_things(vocab, phrase, sector, thing):
    """Equipment and sites are marked: a qualifier's own sector names the force they belong to."""
    agent = vocab.agents[phrase]
    assert (agent.sector, agent.thing) == (sector, thing)


@pytest.mark.parametrize(
    ("phrase", "person"),
    [("president", True), ("foreign minister", True), ("spokesman", True), ("former president", True),
     ("presidents", False), ("government", False), ("troops", False), ("army", False)],
)
def test_agent_person_titles(vocab, phrase, person):
    """Titles one person holds are marked: he/she may stand for "the Kenyan president"."""
    assert vocab.agents[phrase].person is person


@pytest.mark.parametrize(
    ("text", "code"),
    [("Libyan National Army", "LBYREB"), ("GNA", "LBYGOV"), ("UNITA", "AGOREB"), ("SPLM-IO", "SSDREB")],
)
def test_split_country_sides(vocab, text, code):
    """A split country's forces against the recognised government are its rebels (CAMEO AGOREBUNI)."""
    assert vocab.lookup(text)[0] == code


@pytest.mark.parametrize(
    ("name", "on_date", "code"),
    [
        ("Barack Obama", "2015-11-27", "USAGOV"),
        ("Barack Obama", "2019-01-01", "USAELI"),  # a former head of state
        ("Barack Obama", "2005-06-01", "USA"),  # before any office: a private person
        ("barack obama", "2015-11", "USAGOV"),
        ("Francois Hollande", "2015-11-27", "FRAGOV"),
        ("François Hollande", "2015-11-27", "FRAGOV"),
        ("Vladimir Putin", "2010-03-01", "RUSGOV"),  # prime minister between presidencies
        ("Donald Trump", "2022-06-01", "USAELI"),  # between two terms
        ("Donald Trump", "2025-06-01", "USAGOV"),
        ("Ban Ki-moon", "2010-01-01", "IGOUNO"),
        ("Ban Ki-moon", "2020-01-01", "KOR"),  # after an IGO office: his own country
        ("Haibatullah Akhundzada", "2019-01-01", "AFGREB"),
        ("Haibatullah Akhundzada", "2022-01-01", "AFGGOV"),
        ("Abu Bakr al-Baghdadi", "2015-11-27", "IMGMUSISI"),
        ("Benjamin Netanyahu", "2022-01-01", "ISROPP"),
        ("Nobody Atall", "2015-01-01", None),
    ],
)
def test_person_code_by_date(vocab, name, on_date, code):
    assert vocab.person_code(name, on_date) == code


def test_person_code_without_date_is_latest_office(vocab):
    assert vocab.person_code("Ursula von der Leyen") == "IGOEEC"
    assert vocab.person_code("Barack Obama") == "USAGOV"


def test_surface_forms_keep_written_case_and_drop_the(vocab):
    forms = {(text, label, code) for text, label, code in vocab.surface_forms()}
    assert {("Kremlin", "ORG", "RUSGOV"), ("IS", "ORG", "IMGMUSISI"), ("U.S.", "GPE", "USA"),
            ("United States", "GPE", "USA")} <= forms
    assert not any(text.startswith("the ") for text, _, _ in forms)


def test_every_country_has_a_demonym_and_a_capital(vocab):
    assert len(vocab.countries) >= 249
    assert {"XKX", "PSE"} <= vocab.countries.keys()
    no_demonym = {c.iso3 for c in vocab.countries.values() if not c.demonyms}
    no_capital = {c.iso3 for c in vocab.countries.values() if not c.capitals}
    assert no_demonym <= NO_DEMONYM
    assert no_capital <= NO_CAPITAL


def test_every_code_in_the_data_is_valid(vocab):
    codes = {a.code for a in vocab.named} | {p.code for offices in vocab.people.values() for p in offices}
    assert all(vocab.is_valid_code(code) for code in codes)
    assert {agent.sector for agent in vocab.agents.values()} <= SECTORS


@pytest.mark.parametrize("code", ["FRA", "RUSGOV", "IGOUNO", "NGOHRI", "IMGMUSISI", "USAGOVELI"])
def test_valid_codes(vocab, code):
    assert vocab.is_valid_code(code)


@pytest.mark.parametrize("code", ["XXXGOV", "RUSFOO", "RUSGO", "rusgov", "IGOFOO", ""])
def test_invalid_codes(vocab, code):
    assert not vocab.is_valid_code(code)


def _copy_data(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(data_path(name), tmp_path / name)
    return tmp_path


def _append(path: Path, line: str) -> int:
    """Append one row and return its line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize(
    ("file", "row", "message"),
    [
        ("countries.tsv", "FR\tFrancia\t-\t-\t-\t1\t1", "bad ISO-3"),
        ("countries.tsv", "FRA\tFrance again\t-\t-\t-\t1\t1", "duplicate iso3"),
        ("countries.tsv", "QQQ\tNowhere\t-\t-\t-\t95.0\t1", "lat 95.0 out of range"),
        ("countries.tsv", "QQQ\tNowhere\t-\t-\t-\t1\teast", "not a number"),
        ("countries.tsv", "QQQ\tNowhere\t-\tRussian\t-\t1\t1", "demonym 'Russian'"),
        ("actors.tsv", "Ministry of Magic\t-\tXXXGOV\tORG", "unknown country 'XXX'"),
        ("actors.tsv", "Ministry of Magic\t-\tGBRWIZ\tORG", "unknown sector 'WIZ'"),
        ("actors.tsv", "Ministry of Magic\t-\tGBRGOV\tPLACE", "unknown kind"),
        ("actors.tsv", "Kremlin\t-\tUSAGOV\tORG", "already RUSGOV"),
        ("agents.tsv", "wizards\tWIZ\tyes", "unknown sector 'WIZ'"),
        ("agents.tsv", "troops\tMIL\tyes", "duplicate agent phrase"),
        ("agents.tsv", "Wizards\tCVL\tyes", "lowercase"),
        ("agents.tsv", "wizards\tCVL\tmaybe", "plural must be"),
        ("agents.tsv", "wands\tMIL\tyes\tsometimes", "thing must be"),
        ("agents.tsv", "wizard\tGOV\tno\t\tperhaps", "person must be"),
        ("agents.tsv", "wizards\tGOV\tyes\t\tyes", "neither plural nor a thing"),
        ("people.tsv", "Jane Doe\t-\tGBRGOV\t2015-13-01\t-", "bad date '2015-13-01'"),
        ("people.tsv", "Jane Doe\t-\tGBRGOV\t2016-01-01\t2015-01-01", "after end"),
        ("people.tsv", "Jane Doe\t-\tQQQGOV\t2016-01-01\t-", "unknown country 'QQQ'"),
        ("people.tsv", "Jane Doe\tBarack Obama\tGBRGOV\t2016-01-01\t-", "already names Barack Obama"),
    ],
)
def test_malformed_rows_name_file_and_line(tmp_path, file, row, message):
    directory = _copy_data(tmp_path)
    line = _append(directory / file, row)
    with pytest.raises(LexiconError) as caught:
        load_actors(directory)
    assert f"{file}:{line}:" in str(caught.value)
    assert message in str(caught.value)


def test_missing_column_is_reported(tmp_path):
    directory = _copy_data(tmp_path)
    (directory / "agents.tsv").write_text("phrase\tsector\ntroops\tMIL\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"agents.tsv:1: header lacks column\(s\) plural"):
        load_actors(directory)


def test_default_load_is_cached():
    assert load_actors() is load_actors()
