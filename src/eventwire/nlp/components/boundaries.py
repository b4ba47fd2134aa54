"""Newlines are sentence boundaries: titles, datelines and paragraphs never run together."""


from spacy.language import Language
from spacy.tokens import Doc


@Language.component("eventwire_newline_boundaries", assigns=["token.is_sent_start"])
def newline_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every token that contains a newline (runs before the parser,
    which keeps boundaries set earlier)."""
    spaces = doc.to_array("IS_SPACE").tolist()
    for i, is_space in enumerate(spaces[:-1]):
        if is_space and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc
