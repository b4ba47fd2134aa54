"""Newlines are sentence boundaries: titles, datelines and paragraphs never run together."""


from spacy.language import Language
from spacy.tokens import Doc


@Language.component("eventwire_newline_boundaries", assigns=["token.is_sent_start"])
def newline_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every token that contains a newline (runs before the parser,
    which keeps boundaries set earlier)."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc
