"""Reads the project's tab-separated data files, with errors that name the file and line."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterator

from eventwire.errors import EventwireError

class LexiconError(EventwireError, ValueError):
    """A data file (lexicon or codebook) is malformed: the message names the file and line."""

    def __init__(self, path: str | Path, line: int | None, message: str):
        self.path, self.line = str(path), line
        where = f"{Path(path).name}:{line}" if line else Path(path).name
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Row:
    """One data row: its values by column name, and where it came from (for error messages)."""

    values: dict[str, str]
    path: str
    line: int

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column) or default

    def error(self, message: str) -> LexiconError:
        return LexiconError(self.path, self.line, message)

    def split(self, column: str, sep: str = "|") -> list[str]:
        """A multi-valued cell as a list ('' and '-' give [])."""
        raw = self.get(column).strip()
        if raw in ("", "-"):
            return []
        return [part.strip() for part in raw.split(sep) if part.strip()]


def data_path(name: str) -> Path:
    """Path of a data file shipped inside the package (``eventwire/data/NAME``)."""
    return Path(str(resources.files("eventwire") / "data" / name))


def read_tsv(path: str | Path, required: tuple[str, ...]) -> Iterator[Row]:
    """Yield the rows of a TSV file with a header line; '#' lines and blank lines are skipped.

    Raises LexiconError when a required column is missing or a row has the wrong number of cells.
    """
    path = Path(path)
    header: list[str] | None = None
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in required if c not in header]
                if missing:
                    raise LexiconError(path, number, f"header lacks column(s) {', '.join(missing)}")
                continue
            if len(cells) > len(header):
                raise LexiconError(path, number, f"{len(cells)} cells, header has {len(header)}")
            cells += [""] * (len(header) - len(cells))
            values = {name: cell.strip() for name, cell in zip(header, cells)}
            for column in required:
                if not values[column]:
                    raise LexiconError(path, number, f"empty required column {column!r}")
            yield Row(values, str(path), number)
    if header is None:
        raise LexiconError(path, None, "file is empty")
