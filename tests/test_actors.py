"""The actors component on small hand-written sentences: codes from context, groups and data."""

from __future__ import annotations

import pytest

from eventwire.codebooks.actors import load_actors


@pytest.fixture(scope="module")
def actors():
    """actors(text, published) -> {mention text: participant code} (the last mention of a text wins)."""
    from eventwire.nlp import load_pipeline

    nlp = load_pipeline()

    def run(text: str, published: str = "2019-01-24") -> dict[str, str | None]:
        doc = nlp.make_doc(text)
        doc._.ew_published = published
        doc = nlp(doc)
        return {m.text: m.participant_code for m in doc._.ew_actors}

    return run


@pytest.fixture(scope="module")
def members():
    """members(text) -> {group mention text: sorted member codes}."""
    from eventwire.nlp import load_pipeline

    nlp = load_pipeline()

    def run(text: str, published: str = "2019-01-24") -> dict[str, list[str | None]]:
        doc = nlp.make_doc(text)
        doc._.ew_published = published
        doc = nlp(doc)
        return {m.text: sorted(x.code or "-" for x in m.members) for m in doc._.ew_actors if m.members}

    return run


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # "the North" / "the South" in a story naming both halves of a divided country pair
        ("North Korea and South Korea traded fire. Officials in Seoul said the North fired first.", "North", "PRK"),
        ("North Korea and South Korea traded fire. Pyongyang said the South had provoked it.", "South", "KOR"),
        ("Sudan and South Sudan met in Addis Ababa. The South accused Khartoum of bombing its oil fields.",
         "South", "SSD"),
        # the story's country: its people, its places, its dateline weigh more than a neighbour named as
        # a modifier ("US diplomats")
        ("Venezuela's President Nicolas Maduro expelled US diplomats. US officials condemned the move. "
         "Police in Caracas arrested opposition activists.", "Police", "VENCOP"),
        # a name several countries' armed groups share goes to the one of the story's country
        ("Macedonian troops shelled positions of the National Liberation Army near Tetovo in Macedonia.",
         "National Liberation Army", "MKDREB"),
        ("Colombia's army said the National Liberation Army attacked a pipeline in Colombia.",
         "National Liberation Army", "COLREB"),
        # titles and prepositional owners
        ("Jane Doe, a spokesman for the Umma Party, said protests would go on in Sudan.", "Jane Doe", "SDNOPP"),
        ("Azerbaijan's prosecutor-general's office opened an investigation.", "'s prosecutor-general", "AZEJUD"),
        ("Police detained student leaders in Kathmandu.", "student leaders", "NPLEDU"),
        ("Afghan intelligence agents arrested three men in Kabul.", "intelligence agents", "AFGSPY"),
        ("Troops burned their villages in northern Rakhine state, refugees in Myanmar said.", "Rakhine", "MMR"),
    ],
)
def test_codes_from_context(actors, text, mention, code):
    assert actors(text).get(mention) == code


def test_both_sides_leaves_out_the_speaker(members):
    text = ("North Korea shelled a South Korean island. China's foreign ministry spokesman "
            "urged both sides to show restraint.")
    assert members(text)["sides"] == ["KOR", "PRK"]


def test_both_leaders_keep_what_they_lead(members):
    text = ("Army chief Abdel Fattah al-Burhan met Mohamed Hamdan Dagalo in Khartoum. "
            "The UN urged both leaders to stop fighting.")
    assert members(text, "2023-05-01")["both leaders"] == ["SDNMIL", "SDNREB"]


@pytest.mark.parametrize(
    ("text", "countries", "code"),
    [
        ("National Liberation Army", {"MKD": 4, "COL": 1}, "MKDREB"),
        ("National Liberation Army", {"COL": 2}, "COLREB"),
        ("the Tigers", {"LKA": 2}, "LKAREB"),
        ("Tigers", {"GBR": 2}, None),
    ],
)
def test_names_shared_by_countries(text, countries, code):
    found = load_actors().lookup_in_context(text, countries)
    assert (found[0] if found else None) == code


def test_short_forms_are_read():
    countries = load_actors().countries
    assert countries["PRK"].short_forms == ("the north",)
    assert countries["KOR"].short_forms == ("the south",)
