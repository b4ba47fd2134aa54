"""eventwire's spaCy components: each adds one ``doc._.ew_*`` annotation and nothing else."""

from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp.annotations import register_extensions


def register_component(name: str, build: Callable[[], Callable[[Doc], Doc]], assigns: list[str],
                       requires: list[str]) -> None:
    """Register a factory ``name`` (``nlp.add_pipe(name)``) whose component ``build()`` makes
    from the data files shipped with the package; assigns/requires feed ``analyze_pipes``."""

    def make(nlp: Language, name: str) -> Callable[[Doc], Doc]:
        register_extensions()
        return build()

    make.__doc__ = f"Registered factory: ``nlp.add_pipe({name!r})``."
    Language.factory(name, assigns=assigns, requires=requires, func=make)
