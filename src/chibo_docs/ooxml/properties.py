"""The document properties of a .docx (title, subject, author… and custom properties) as texts.

Word's File → Info → Properties are stored in ``docProps/core.xml`` (title, subject, author,
keywords, comments, category…) and ``docProps/custom.xml`` (properties a user added). A
template may hold tags there (a title of ``Nghị quyết {{ number }}``); the renderer reads the
texts that hold one, renders them and writes the results back as text (escaped by lxml). The
PDF made from the document takes its title from here.

>>> core = (b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
...         b'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
...         b'<dc:title>NQ {{ n }}</dc:title><dc:creator>Chi b\\xe1\\xbb\\x99</dc:creator></cp:coreProperties>')
>>> templated_texts(core, "docProps/core.xml")
[PropertyText(index=1, label='title', text='NQ {{ n }}')]
>>> b"<dc:title>NQ 05 &amp; 06</dc:title>" in replace_texts(core, {1: "NQ 05 & 06"})
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from chibo_docs.ooxml.reading import parse_part
from chibo_docs.ooxml.writing import part_bytes

__all__ = ["PROPERTY_PARTS", "PropertyText", "replace_texts", "templated_texts"]

_OPENER = re.compile(r"\{[{%#]")  # a tag opens (closed or not: a broken one is an error)

PROPERTY_PARTS = ("docProps/core.xml", "docProps/custom.xml")
"""The parts that hold a document's properties."""


@dataclass(frozen=True)
class PropertyText:
    """One property text that holds a tag: its element's number in the part, its name, its text."""

    index: int
    label: str
    text: str


def _label(element: etree._Element) -> str:
    parent = element.getparent()
    if parent is not None and parent.get("name"):  # a custom property: <property name="…"><vt:lpwstr>
        return parent.get("name", "")
    return etree.QName(element).localname


def templated_texts(data: bytes, part: str) -> list[PropertyText]:
    """Return the texts of a properties part that hold a tag, in document order."""
    root = parse_part(data, part=part)
    found = []
    for index, element in enumerate(root.iter()):
        if isinstance(element.tag, str) and element.text and _OPENER.search(element.text):
            found.append(PropertyText(index, _label(element), element.text))
    return found


def replace_texts(data: bytes, values: Mapping[int, str]) -> bytes:
    """Return the part with the texts of the elements numbered in ``values`` replaced."""
    root = parse_part(data)
    for index, element in enumerate(root.iter()):
        if index in values:
            element.text = values[index]
    return part_bytes(root)
