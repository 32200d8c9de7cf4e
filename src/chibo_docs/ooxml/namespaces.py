"""The XML namespaces of a .docx, once: WordprocessingML and the few others chibo_docs reads.

Names are written in Clark notation (``{namespace}local``), the form lxml uses:

>>> w("p") == W + "p"
True
>>> W
'{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
"""

from __future__ import annotations

__all__ = ["REL", "R_NS", "WP", "WP_DOCPR", "W_NS", "A", "R", "W", "w"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""The WordprocessingML namespace (``w:``)."""

W = "{" + W_NS + "}"
"""The Clark prefix of WordprocessingML names: ``W + "p"`` is ``w:p``."""

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
"""The namespace of relationship references (``r:id``) and of relationship types."""

R = "{" + R_NS + "}"
"""The Clark prefix of relationship references (``r:id``) inside a part."""

REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
"""The Clark prefix of a ``.rels`` part (``Relationship`` elements)."""

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
"""The Clark prefix of DrawingML (theme fonts: ``a:majorFont``, ``a:latin``)."""

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
"""The Clark prefix of drawings placed in a document (``wp:docPr``)."""

WP_DOCPR = WP + "docPr"
"""A drawing's properties, whose ``id`` must be unique in the document."""


def w(name: str) -> str:
    """Return the Clark name of ``w:name``."""
    return W + name
