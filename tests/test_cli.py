"""The ``eventwire code`` and ``eventwire eval`` commands, through click's test runner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import SEED
from eventwire.cli import main

pytestmark = pytest.mark.slow
ARTICLE = ("Peace talks resume\nReuters, March 3, 2022\n"
           "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi on Monday.\n")


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_code_json_from_stdin():
    result = run("code", "-", "--json", input=ARTICLE)
    assert result.exit_code == 0, result.stderr
    obj = json.loads(result.stdout)
    assert obj["article"]["published"] == "2022-03-03"
    assert any(e["source"]["code"] == "RUSGOV" and e["cameo"].startswith("04") for e in obj["events"])


def test_code_table_is_readable(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = run("code", str(path))
    assert result.exit_code == 0
    assert "RUSGOV" in result.stdout and "Peace talks resume" in result.stdout


def test_published_override_and_bad_value(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    assert json.loads(run("code", str(path), "--json", "--published", "2022-03-10").stdout)["article"]["published"] == "2022-03-10"
    bad = run("code", str(path), "--published", "10 March")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("latin1.txt", "Le président a visité Paris.".encode("latin-1"), "UTF-8"),
    ("french.txt", "Le président français a rencontré son homologue allemand à Paris lundi pour discuter "
                   "de la guerre et de la paix en Europe.".encode(), "English"),
])
def test_bad_input_is_one_clear_line(tmp_path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    alone = run("code", str(bad))
    assert alone.exit_code != 0
    lines = alone.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and reason.lower() in lines[0].lower(), alone.stderr
    with_good = run("code", str(bad), str(good), "--json")
    assert with_good.exit_code == 0 and len(with_good.stdout.strip().splitlines()) == 1
    assert "Traceback" not in alone.stderr + with_good.stderr


def test_eval_prints_figures_and_gates(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g1", "published": "2022-03-03", "raw": ARTICLE,
                                "events": [{"quote": "met", "source": "RUSGOV", "target": "TURGOV", "cameo": "040",
                                            "cameo_root": "04", "plover": "CONSULT", "negated": False}]}) + "\n")
    shown = run("eval", str(gold), "--json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["event_root_f1"] == 1.0
    floors = tmp_path / "floors.json"
    floors.write_text('{"quote_f1": 0.5, "event_root_f1": 1.01}')
    gated = run("eval", str(gold), "--floors", str(floors))
    assert gated.exit_code == 1 and "event_root_f1" in gated.stderr


def test_lexicon_error_names_file_and_line(tmp_path, monkeypatch):
    from eventwire.codebooks._tsv import LexiconError
    from eventwire.codebooks.lexicon import load_lexicon

    verbs = tmp_path / "verbs.tsv"
    verbs.write_text("lemma\tparticle\tobject\ttarget\tcameo\tflags\texample\nmeet\t-\t-\tdobj\t999\t-\tx\n")
    with pytest.raises(LexiconError, match=r"verbs.tsv:2"):
        load_lexicon(verbs_path=verbs)
