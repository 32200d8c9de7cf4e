"""Reading and writing the XML of a .docx package (Office Open XML, WordprocessingML).

The one door through which lxml enters (apart from the form builder, which uses python-docx):
a package read with size caps and parsed strictly (:mod:`~chibo_docs.ooxml.reading`), the
namespaces (:mod:`~chibo_docs.ooxml.namespaces`), the one tag pattern
(:mod:`~chibo_docs.ooxml.tags`), the one paragraph walker that gives each paragraph its
:class:`Location` (:mod:`~chibo_docs.ooxml.paragraphs`), effective formatting for the layout
check, the fonts a document asks for, its visible text, and the checked writing of rendered
parts.
"""

from __future__ import annotations

from chibo_docs.location import Location, TableCell
from chibo_docs.ooxml.paragraphs import SourceParagraph, iter_paragraphs
from chibo_docs.ooxml.reading import Part, read_package, text_parts
from chibo_docs.ooxml.tags import TAG_PATTERN, find_tags
from chibo_docs.ooxml.text import visible_text

__all__ = [
    "TAG_PATTERN",
    "Location",
    "Part",
    "SourceParagraph",
    "TableCell",
    "find_tags",
    "iter_paragraphs",
    "read_package",
    "text_parts",
    "visible_text",
]
