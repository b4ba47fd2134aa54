"""The CAMEO codebook: complete, consistent with CODING.md, and strict about malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.codebooks._tsv import LexiconError, data_path
from eventwire.codebooks.cameo import PLOVER_TYPES, ROOTS, cameo_code, load_cameo


def test_every_root_and_code_count():
    book = load_cameo()
    assert all(root in book for root in ROOTS)
    assert len(book) == 316  # every 2-, 3- and 4-digit code of CAMEO 1.1b3


def test_default_load_is_cached():
    assert load_cameo() is load_cameo()


@pytest.mark.parametrize("code, plover, quad", [
    ("010", None, 1), ("013", None, 1), ("015", "AGREE", 1), ("016", "REJECT", 1),
    ("018", "SUPPORT", 1), ("019", "AGREE", 1), ("0253", "REQUEST", 1), ("036", "AGREE", 1),
    ("043", "CONSULT", 1), ("057", "SUPPORT", 1), ("064", "COOPERATE", 2), ("073", "AID", 2),
    ("081", "CONCEDE", 2), ("0813", "RETREAT", 2), ("0814", "RETREAT", 2), ("0841", "RETREAT", 2),
    ("0871", "RETREAT", 2), ("091", "ACCUSE", 2), ("1053", "REQUEST", 3), ("1122", "ACCUSE", 3),
    ("125", "REJECT", 3), ("1384", "THREATEN", 3), ("141", "PROTEST", 3), ("154", "MOBILIZE", 4),
    ("163", "SANCTION", 4), ("166", "SANCTION", 4), ("173", "COERCE", 4), ("1712", "ASSAULT", 4),
    ("1711", "COERCE", 4), ("175", "ASSAULT", 4), ("183", "ASSAULT", 4), ("190", "ASSAULT", 4),
    ("191", "COERCE", 4), ("192", "COERCE", 4), ("195", "ASSAULT", 4), ("2041", "ASSAULT", 4),
])
def test_plover_and_quad_class(code, plover, quad):
    entry = cameo_code(code)
    assert (entry.plover, entry.quad_class, entry.root) == (plover, quad, code[:2])


@pytest.mark.parametrize("code, goldstein", [
    ("01", 0.0), ("02", 3.0), ("13", -4.4), ("016", 3.4), ("018", 3.4), ("030", 4.0),
    ("036", 4.0), ("040", 1.0), ("042", 1.9), ("043", 2.8), ("046", 7.0), ("057", 8.0),
    ("0874", 10.0), ("111", -2.0), ("130", -4.4), ("138", -7.0), ("163", -8.0), ("173", -5.0),
    ("180", -9.0), ("1823", -10.0), ("190", -10.0), ("201", -9.5),
])
def test_goldstein(code, goldstein):
    assert cameo_code(code).goldstein == goldstein


def test_every_plover_type_is_reached():
    assert {c.plover for c in load_cameo().values()} - {None} == PLOVER_TYPES


def test_unknown_code_raises_clear_keyerror():
    with pytest.raises(KeyError, match="unknown CAMEO event code '999'"):
        cameo_code("999")


def _codes_file(tmp_path: Path, extra: str) -> Path:
    """The packaged codes file with EXTRA inserted as line 4 (right after the first rows)."""
    lines = data_path("cameo_codes.tsv").read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("code\t"))
    kept = [lines[header], lines[header + 1], "010\tstatement\t0.0", extra]
    rest = [line for line in lines[header + 1:] if not line.startswith(("01\t", "010\t"))]
    path = tmp_path / "bad_codes.tsv"
    path.write_text("\n".join(kept + rest) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("extra, message", [
    ("01x\tbad code\t0.0", "not 2 to 4 digits"),
    ("21\tno such root\t0.0", "not one of 01-20"),
    ("010\tagain\t0.0", "duplicate code"),
    ("011\tno comment\tlots", "not a number"),
    ("011\tno comment\t-12", "outside [-10, 10]"),
    ("0299\torphan\t1.0", "parent '029'"),
    ("011\ttoo\tmany\tcells", "4 cells"),
])
def test_malformed_codes_file(tmp_path, extra, message):
    path = _codes_file(tmp_path, extra)
    with pytest.raises(LexiconError) as error:
        load_cameo(path)
    assert "bad_codes.tsv:4" in str(error.value) and message in str(error.value)


def test_missing_root(tmp_path):
    text = data_path("cameo_codes.tsv").read_text(encoding="utf-8")
    path = tmp_path / "no_root.tsv"
    path.write_text("".join(line for line in text.splitlines(keepends=True)
                            if not line.startswith("20")), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"no_root.tsv: missing root code\(s\) 20"):
        load_cameo(path)


@pytest.mark.parametrize("row, message", [
    ("18\tATTACK", "unknown PLOVER type 'ATTACK'"),
    ("199\tASSAULT", "not a CAMEO code"),
    ("02\tREQUEST", "duplicate prefix"),
])
def test_malformed_plover_file(tmp_path, row, message):
    path = tmp_path / "bad_plover.tsv"
    path.write_text(f"cameo_prefix\tplover\n02\tREQUEST\n{row}\n", encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        load_cameo(plover_path=path)
    assert "bad_plover.tsv:3" in str(error.value) and message in str(error.value)


def test_malformed_quad_file(tmp_path):
    path = tmp_path / "bad_quad.tsv"
    path.write_text("root\tquad_class\n01\t1\n02\t5\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad_quad.tsv:3: quad class '5'"):
        load_cameo(quad_path=path)
