"""Person names with particles kept whole: the small model cuts "Mariam al-Sadiq al-Mahdi" to the
entity "Mariam al-", which leaves the speaker and actor without a name to resolve."""

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

# Lower-case name particles that join the parts of one name ("al-", "bin", "van der").
PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "bin", "bint", "ibn", "abu",
                       "abd", "ben", "van", "von", "der", "de", "da", "di", "du", "la", "le"})


@Language.component("eventwire_particle_names", assigns=["doc.ents"], requires=["doc.ents"])
def particle_names(doc: Doc) -> Doc:
    """Extend a PERSON entity cut at a particle or hyphen over the rest of the name."""
    spans = list(doc.ents)
    changed = False
    for n, ent in enumerate(spans):
        if ent.label_ == "PERSON" and _cut_inside_name(doc, ent.end):
            end = _name_end(doc, ent.end)
            if end > ent.end:
                spans[n], changed = Span(doc, ent.start, end, label=ent.label), True
    if changed:
        doc.ents = filter_spans(spans)
    return doc


def _joins(doc: Doc, i: int) -> bool:
    """Token i links a name to its next part: a particle, or a hyphen written without spaces."""
    token = doc[i]
    return token.lower_ in PARTICLES or (token.text == "-" and not token.whitespace_
                                         and i > 0 and not doc[i - 1].whitespace_)


def _cut_inside_name(doc: Doc, end: int) -> bool:
    """The entity ends on a particle or hyphen, or right before a hyphen joined to it."""
    return _joins(doc, end - 1) or (end < len(doc) and doc[end].text == "-" and _joins(doc, end))


def _name_end(doc: Doc, end: int) -> int:
    """The end of the name: joiners followed by capitalised parts, never ending on a joiner."""
    last_part = end if not _joins(doc, end - 1) else end - 1
    i = end
    while i < len(doc):
        if _joins(doc, i):
            i += 1
        elif doc[i].is_title and doc[i].is_alpha and _joins(doc, i - 1):
            i += 1
            last_part = i
        else:
            break
    return max(last_part, end)
