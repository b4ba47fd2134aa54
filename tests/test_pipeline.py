"""The pipeline stage: order, failures passing through, worker processes, the Python API."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.errors import InputError
from eventwire.model import Article, ArticleResult, Failure
from eventwire.pipeline import code_stream

pytestmark = pytest.mark.slow
TEXTS = [
    "Israeli troops shelled the Gaza Strip on Monday.",
    "Kenyan police arrested five protesters in Nairobi on Tuesday.",
    "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Friday.",
]


def articles() -> list[Article | Failure]:
    items: list[Article | Failure] = [Article(id=f"a{n}", text=t, published="2019-06-07") for n, t in enumerate(TEXTS)]
    items.insert(1, Failure(input="bad.txt", reason="empty"))
    return items


def test_order_kept_and_failures_pass_through():
    out = list(code_stream(articles()))
    assert [type(x).__name__ for x in out] == ["ArticleResult", "Failure", "ArticleResult", "ArticleResult"]
    assert [x.article.id for x in out if isinstance(x, ArticleResult)] == ["a0", "a1", "a2"]


def test_two_workers_give_the_same_results():
    one = [x.to_dict() for x in code_stream(articles(), workers=1) if isinstance(x, ArticleResult)]
    two = [x.to_dict() for x in code_stream(articles(), workers=2) if isinstance(x, ArticleResult)]
    assert one == two and any(r["events"] for r in one)


def test_python_api_codes_text_and_rejects_non_articles():
    result = eventwire.code_text(TEXTS[0], published="2019-06-07")
    assert result.events and result.events[0].source.code == "ISRMIL"
    with pytest.raises(InputError):
        eventwire.code_text("")


def test_components_declare_what_they_need():
    from eventwire.nlp import load_pipeline

    problems = load_pipeline().analyze_pipes(pretty=False)["problems"]
    assert all(not found for found in problems.values()), problems
