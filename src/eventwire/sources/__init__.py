"""Input readers: files, folders, gzip, stdin, wire text, JSON Lines, CSV and HTML -> Articles.

Every reader yields ``Article`` objects, or a ``Failure`` for an input that cannot be read, so one
bad input never stops a batch and nothing is dropped silently.
"""

from eventwire.sources.checks import article_problem, decode_bytes
from eventwire.sources.files import read_file, read_inputs, read_text
from eventwire.sources.text import clean_body, parse_date, parse_wire_text

__all__ = [
    "article_problem", "clean_body", "decode_bytes", "parse_date", "parse_wire_text",
    "read_file", "read_inputs", "read_text",
]
