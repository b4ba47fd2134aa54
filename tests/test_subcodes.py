"""Content sub-codes: the words of an act's clause pick the CAMEO sub-code (nlp/subcodes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import dyads
from eventwire.codebooks._tsv import LexiconError
from eventwire.nlp.subcodes import load_subcodes

HEADER = "family\twords\tcode\talso\texample\n"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        # appeals (02)
        ("The French foreign minister urged Israel to show restraint in Lebanon.", "0256"),
        ("The European Union called on Kenya to free the jailed journalists.", "0253"),
        ("The Arab League urged Damascus to let aid workers reach the besieged towns.", "0255"),
        ("Opposition leaders in Togo called on President Faure Gnassingbe to step down.", "0241"),
        ("Germany urged Iran to respect freedom of expression.", "0243"),
        ("Norway urged Colombia and the ELN to resume talks.", "026"),
        ("Mali asked France to send peacekeepers to the north.", "0234"),
        # demands (10)
        ("The Ethiopian government demanded that Eritrea withdraw its troops from the border.", "1056"),
        ("The Nepalese opposition demanded that King Gyanendra step down.", "1041"),
        ("The Nigerian government demanded that Britain release the seized tanker.", "1053"),
        # accusations (112)
        ("The Ukrainian president accused Russia of war crimes in Bucha.", "1124"),
        ("Amnesty International accused Venezuela of torture and abuses against detainees.", "1122"),
        ("Georgia accused Russia of an invasion of its territory.", "1123"),
        ("The Kenyan government accused Somalia of corruption.", "1121"),
        ("China accused Canada of espionage.", "1125"),
        # intents (033, 035)
        ("Japan said it would send humanitarian aid to Haiti.", "0333"),
        ("The Arab League urged Norway to broker a ceasefire between the two sides.", "028"),
        ("The African Union urged Kenya and Somalia to resolve their border dispute through dialogue.", "027"),
        ("The State Department urged the Thai junta to take steps toward political reform.", "024"),
        # investigations (09): by the content, and police or prosecutors investigate crimes
        ("A UN commission said it was investigating reports of ethnic killings by the Sudanese army.", "092"),
        ("The UN opened an investigation into reports that Ethiopian soldiers executed villagers in Tigray.", "092"),
        ("The ICC opened an investigation into Russian forces over alleged war crimes in Ukraine.", "094"),
        ("French prosecutors opened an investigation into the Russian hackers.", "091"),
        # unconventional violence (18): how the bomb was delivered
        ("A Taliban suicide bomber rammed a car into an Afghan army checkpoint in Kandahar.", "1831"),
        ("A Taliban attacker rammed a truck packed with explosives into an Afghan police station in Kandahar.", "1832"),
        ("Two Hamas bombers blew themselves up at a market in Jerusalem, killing ten Israelis.", "1831"),
        # meetings (04)
        ("Indian Prime Minister Narendra Modi met Russian President Vladimir Putin for a fresh round of negotiations.", "046"),
        # rejections (12) and protests (14)
        ("The Sudanese president rejected calls from the opposition to step down.", "1231"),
        # an infinitive the parser hangs on the noun as a relative clause still says what is asked
        ("Thousands of protesters marched through Lusaka on Friday. The Zambian president rejected calls "
         "to resign on Saturday.", "1231"),
        ("Hong Kong protesters rallied to demand democracy.", "1414"),
        # threats (13)
        ("The European Union threatened Belarus with sanctions.", "1312"),
        ("Turkey threatened to attack Kurdish militants in Syria.", "138"),
        # force (19): the weapon
        ("Russian warplanes pounded the Syrian town of Idlib.", "195"),
        ("Nigerian soldiers attacked Boko Haram camps with helicopter gunships.", "195"),
        ("Russian troops attacked the Ukrainian city of Kharkiv with artillery.", "194"),
        ("Syrian troops fired on the town of Daraa with tanks.", "194"),
        ("Israeli soldiers stormed the Palestinian village with rifles.", "193"),
        # "in" names the means of a violent act too ("killed ... in a gunbattle")
        ("Colombian soldiers killed three FARC rebels in a gunbattle near the Venezuelan border.", "193"),
    ],
)
def test_sentence_takes_the_sub_code(code, text, expected):
    codes = {c for _s, c, _t in dyads(code(text, published="2019-06-01"))}
    assert expected in codes, codes


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        # no content words: the generic code stays
        ("The French foreign minister urged Israel to reconsider.", "020"),
        ("The Kenyan government accused Somalia of lying.", "112"),
        # the object of "shot down" is what was hit, not the weapon
        ("Turkey shot down a Russian warplane near the Syrian border.", "190"),
        # a blocker row: failing to stop attacks is not aggression
        ("Amnesty International accused the Nigerian army of failing to stop the attacks.", "112"),
    ],
)
def test_generic_code_kept(code, text, expected):
    codes = {c for _s, c, _t in dyads(code(text, published="2019-06-01"))}
    assert expected in codes, codes


def test_packaged_table_loads_and_is_cached():
    table = load_subcodes()
    assert table is load_subcodes()
    assert [rule.code for rule in table.rules_for("020")][:1]  # appeals have rows
    assert "195" in {rule.code for rule in table.rules_for("193")}  # weapon words re-code small arms
    assert not table.rules_for("192")  # occupying territory is never re-coded


def _write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "subcodes.tsv"
    path.write_text("# test table\n" + HEADER + rows, encoding="utf-8")
    return path


def test_custom_table_loads(tmp_path):
    table = load_subcodes(_write(tmp_path, "02\trestraint|cease fire\t0256\t\turged restraint\n"))
    rule = table.rules_for("020")[0]
    assert rule.code == "0256" and ("cease", "fire") in rule.cues


@pytest.mark.parametrize(
    "row, message",
    [
        ("02\trestraint\t0299\t\tx\n", "not a CAMEO code"),           # unknown code
        ("02\trestraint\t1056\t\tx\n", "does not descend"),           # a demand code under appeals
        ("19\twarplane\t195\t175\tx\n", "does not descend"),           # also-code outside the family
        ("99\twarplane\t195\t\tx\n", "not a CAMEO code"),             # unknown family
        ("02\t\t0256\t\tx\n", "empty required column"),              # no cue words
    ],
)
def test_bad_row_names_file_and_line(tmp_path, row, message):
    good = "02\trestraint\t0256\t\tx\n"
    path = _write(tmp_path, good + row)
    with pytest.raises(LexiconError) as info:
        load_subcodes(path)
    assert info.value.line == 4  # comment, header, good row, bad row
    assert f"{path.name}:4" in str(info.value) and message in str(info.value)
