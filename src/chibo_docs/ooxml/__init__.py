"""Reading and writing the XML of a .docx package (Office Open XML, WordprocessingML).

The one door through which lxml enters (apart from the form builder, which uses python-docx):
a package read with size caps, its text parts in reading order, paragraphs with their location,
effective formatting for the layout check, the fonts a document asks for, its visible text, and
the checked writing of rendered parts.
"""

from __future__ import annotations

from chibo_docs.ooxml.reading import Part, read_package, text_parts
from chibo_docs.ooxml.text import visible_text

__all__ = ["Part", "read_package", "text_parts", "visible_text"]
