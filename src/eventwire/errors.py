"""Exceptions for expected errors: each carries one clear message the CLI can print as is."""

from __future__ import annotations


class EventwireError(Exception):
    """Base of eventwire's expected errors: the message names the problem and, if it can, the fix."""


class InputError(EventwireError):
    """An input could not be read as text (bad encoding, binary data, a bad option value)."""
