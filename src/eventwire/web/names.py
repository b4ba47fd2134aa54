"""Codes in words for the pages and API: CAMEO and PLOVER names, QuadClass labels."""

from __future__ import annotations

from typing import Any

from eventwire.codebooks.cameo import ROOTS, load_cameo

QUAD_CLASS_NAMES = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
}

# One line per PLOVER type, in our own words, so an analyst need not know the codebook.
PLOVER_NAMES = {
    "AGREE": "Agree, promise or express intent",
    "CONSULT": "Meet, visit, talk or negotiate",
    "SUPPORT": "Praise, endorse or recognise",
    "CONCEDE": "Give in, ease restrictions or release",
    "COOPERATE": "Cooperate in practice (trade, security, diplomacy)",
    "AID": "Give economic, military or humanitarian aid",
    "RETREAT": "Withdraw, demobilise or disarm",
    "REQUEST": "Ask, appeal or demand",
    "ACCUSE": "Accuse, criticise or investigate",
    "REJECT": "Reject, refuse or veto",
    "THREATEN": "Threaten or give an ultimatum",
    "PROTEST": "Demonstrate, strike or boycott",
    "SANCTION": "Sanction, expel or break relations",
    "MOBILIZE": "Raise alert or mobilise forces",
    "COERCE": "Arrest, seize, block or repress",
    "ASSAULT": "Attack, fight or kill",
}


def cameo_name(code: str | None) -> str | None:
    """The codebook's name of a CAMEO event code (or root), None if it is not in the codebook."""
    entry = load_cameo().get(code or "")
    return entry.name if entry else None


def root_options() -> list[tuple[str, str]]:
    """(root, name) for every CAMEO root, for filter menus."""
    return [(root, cameo_name(root) or root) for root in ROOTS]


def plover_options() -> list[tuple[str, str]]:
    """(type, description) for every PLOVER type, for filter menus."""
    return sorted(PLOVER_NAMES.items())


def describe(event: dict[str, Any]) -> dict[str, Any]:
    """The event with its codes in words added: cameo_name, root_name, plover_name, quad_class_name."""
    return {
        **event,
        "cameo_name": cameo_name(event.get("cameo")),
        "root_name": cameo_name(event.get("cameo_root")),
        "plover_name": PLOVER_NAMES.get(event.get("plover") or ""),
        "quad_class_name": QUAD_CLASS_NAMES.get(event.get("quad_class") or 0),
    }
