"""Person names with particles stay whole entities (the small model cuts some at "al-")."""

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from eventwire.nlp import load_pipeline

    return load_pipeline()


@pytest.mark.parametrize("text, name", [
    ("Foreign Minister Mariam al-Sadiq al-Mahdi told reporters.", "Mariam al-Sadiq al-Mahdi"),
    ("Sudanese envoy Mariam al-Sadiq al-Mahdi arrived in Cairo.", "Mariam al-Sadiq al-Mahdi"),
    ("President Bashar al-Assad spoke on Monday.", "Bashar al-Assad"),
])
def test_particle_names_are_whole(nlp, text, name):
    assert name in [e.text for e in nlp(text).ents if e.label_ == "PERSON"]


def test_a_name_is_not_extended_over_ordinary_words(nlp):
    doc = nlp("Mohammed al-Halbousi and the delegation left.")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Mohammed al-Halbousi"]
