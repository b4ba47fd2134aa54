"""Casualty numbers in digits and words, taken as written; vague amounts give None."""

import pytest

from eventwire.context.numbers import is_number_word, parse_number


@pytest.mark.parametrize(
    "text, expected",
    [
        ("130", 130),
        ("1,500", 1500),
        ("1.5 million", 1_500_000),
        ("2m", 2_000_000),
        ("two dozen", 24),
        ("a dozen", 12),
        ("at least 40", 40),
        ("At least 40", 40),
        ("more than 130", 130),
        ("as many as 50", 50),
        ("about 300", 300),
        ("nearly 200", 200),
        ("some 60", 60),
        ("Some 1.5 million", 1_500_000),
        ("all 224", 224),
        ("one hundred and twenty", 120),
        ("two thousand five hundred", 2500),
        ("a hundred", 100),
        ("twenty-five", 25),
        ("three", 3),
        ("one", 1),
    ],
)
def test_explicit_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["dozens", "hundreds", "a handful", "a", "an", "some", "all", "hundred", "3.5", "the 40",
     "40 people", "several", "many", ""],
)
def test_vague_or_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "word, expected", [("twenty", True), ("Dozen", True), ("dozens", False), ("people", False)]
)
def test_number_words(word, expected):
    assert is_number_word(word) is expected
