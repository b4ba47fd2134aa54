"""The CAMEO event codebook: code names, Goldstein weights, quad classes and PLOVER types.

Three data files make it up (``cameo_codes.tsv``, ``quad_class.tsv``, ``cameo_plover.tsv``); they
are read once, checked at load and joined into one ``CameoCode`` per code.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventwire.codebooks._tsv import LexiconError, Row, data_path, read_tsv

log = logging.getLogger(__name__)

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
QUAD_CLASSES = (1, 2, 3, 4)

_CODE_RE = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with everything the coder and exporters attach to an event."""

    code: str
    name: str
    goldstein: float
    root: str
    quad_class: int
    plover: str | None


def load_cameo(
    path: str | Path | None = None,
    *,
    quad_path: str | Path | None = None,
    plover_path: str | Path | None = None,
) -> dict[str, CameoCode]:
    """Read and validate the codebook; the packaged files are read once and cached.

    Raises LexiconError naming file and line for any malformed or inconsistent row.
    """
    if path is None and quad_path is None and plover_path is None:
        return _load_default()
    return _load(
        Path(path) if path else data_path("cameo_codes.tsv"),
        Path(quad_path) if quad_path else data_path("quad_class.tsv"),
        Path(plover_path) if plover_path else data_path("cameo_plover.tsv"),
    )


def cameo_code(code: str) -> CameoCode:
    """The packaged codebook's entry for CODE; KeyError with a clear message if it is unknown."""
    codes = load_cameo()
    try:
        return codes[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO event code {code!r} (expected one of the 2-4 digit codes "
                       f"in cameo_codes.tsv, e.g. '043' or '1823')") from None


@lru_cache(maxsize=1)
def _load_default() -> dict[str, CameoCode]:
    return _load(data_path("cameo_codes.tsv"), data_path("quad_class.tsv"),
                 data_path("cameo_plover.tsv"))


def _load(codes_path: Path, quad_path: Path, plover_path: Path) -> dict[str, CameoCode]:
    names, weights = _read_codes(codes_path)
    quad = _read_quad(quad_path)
    plover = _read_plover(plover_path, names)
    book: dict[str, CameoCode] = {}
    for code, name in names.items():
        root = code[:2]
        if root not in quad:
            raise LexiconError(quad_path, None, f"no quad class for root {root!r}")
        book[code] = CameoCode(code=code, name=name, goldstein=weights[code], root=root,
                               quad_class=quad[root], plover=_longest_prefix(code, plover))
    log.debug("loaded %d CAMEO codes from %s", len(book), codes_path)
    return book


def _read_codes(path: Path) -> tuple[dict[str, str], dict[str, float]]:
    names: dict[str, str] = {}
    weights: dict[str, float] = {}
    for row in read_tsv(path, ("code", "name", "goldstein")):
        code = _check_code(row, row["code"])
        if code in names:
            raise row.error(f"duplicate code {code!r}")
        parent = code[:-1] if len(code) == 4 else code[:2]
        if len(code) > 2 and parent not in names:
            raise row.error(f"code {code!r} comes before (or without) its parent {parent!r}")
        names[code] = row["name"]
        weights[code] = _check_goldstein(row)
    missing = [root for root in ROOTS if root not in names]
    if missing:
        raise LexiconError(path, None, f"missing root code(s) {', '.join(missing)}")
    return names, weights


def _check_code(row: Row, code: str) -> str:
    if not _CODE_RE.match(code):
        raise row.error(f"code {code!r} is not 2 to 4 digits")
    if code[:2] not in ROOTS:
        raise row.error(f"code {code!r} has root {code[:2]!r}, not one of 01-20")
    return code


def _check_goldstein(row: Row) -> float:
    raw = row["goldstein"]
    try:
        value = float(raw)
    except ValueError:
        raise row.error(f"goldstein {raw!r} is not a number") from None
    if not -10.0 <= value <= 10.0:
        raise row.error(f"goldstein {value} is outside [-10, 10]")
    return value


def _read_quad(path: Path) -> dict[str, int]:
    quad: dict[str, int] = {}
    for row in read_tsv(path, ("root", "quad_class")):
        root = row["root"]
        if root not in ROOTS:
            raise row.error(f"root {root!r} is not one of 01-20")
        if root in quad:
            raise row.error(f"duplicate root {root!r}")
        if row["quad_class"] not in {str(q) for q in QUAD_CLASSES}:
            raise row.error(f"quad class {row['quad_class']!r} is not 1, 2, 3 or 4")
        quad[root] = int(row["quad_class"])
    return quad


def _read_plover(path: Path, codes: dict[str, str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for row in read_tsv(path, ("cameo_prefix", "plover")):
        prefix, kind = row["cameo_prefix"], row["plover"]
        _check_code(row, prefix)
        if prefix not in codes:
            raise row.error(f"prefix {prefix!r} is not a CAMEO code")
        if prefix in mapping:
            raise row.error(f"duplicate prefix {prefix!r}")
        if kind not in PLOVER_TYPES:
            raise row.error(f"unknown PLOVER type {kind!r} (expected one of "
                            f"{', '.join(sorted(PLOVER_TYPES))})")
        mapping[prefix] = kind
    return mapping


def _longest_prefix(code: str, mapping: dict[str, str]) -> str | None:
    for length in range(len(code), 1, -1):
        if code[:length] in mapping:
            return mapping[code[:length]]
    return None
