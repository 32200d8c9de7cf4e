"""The XML namespaces of a .docx, once: WordprocessingML and the few others chibo_docs reads.

Names are written in Clark notation (``{namespace}local``), the form lxml uses:

>>> w("p") == W + "p"
True
>>> W
'{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
"""

from __future__ import annotations

__all__ = [
    "A_NS",
    "CT",
    "PIC",
    "PIC_NS",
    "REL",
    "REL_NS",
    "REL_TYPES",
    "R_NS",
    "WP",
    "WP_DOCPR",
    "WP_NS",
    "W_NS",
    "A",
    "R",
    "W",
    "w",
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""The WordprocessingML namespace (``w:``)."""

W = "{" + W_NS + "}"
"""The Clark prefix of WordprocessingML names: ``W + "p"`` is ``w:p``."""

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
"""The namespace of relationship references (``r:id``) and of relationship types."""

R = "{" + R_NS + "}"
"""The Clark prefix of relationship references (``r:id``) inside a part."""

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
"""The namespace of a ``.rels`` part."""

REL = "{" + REL_NS + "}"
"""The Clark prefix of a ``.rels`` part (``Relationship`` elements)."""

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
"""The DrawingML namespace (``a:``)."""

A = "{" + A_NS + "}"
"""The Clark prefix of DrawingML (theme fonts: ``a:majorFont``, ``a:latin``)."""

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
"""The namespace of drawings placed in a document (``wp:``)."""

WP = "{" + WP_NS + "}"
"""The Clark prefix of drawings placed in a document (``wp:docPr``)."""

WP_DOCPR = WP + "docPr"
"""A drawing's properties, whose ``id`` must be unique in the document."""

PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
"""The namespace of a picture inside a drawing (``pic:``)."""

PIC = "{" + PIC_NS + "}"
"""The Clark prefix of pictures (``pic:pic``)."""

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
"""The Clark prefix of ``[Content_Types].xml``."""

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_TYPES = {
    "image": _RT + "image",
    "hyperlink": _RT + "hyperlink",
    "numbering": _RT + "numbering",
    "styles": _RT + "styles",
}
"""Relationship types chibo_docs writes, by the last word of the type."""


def w(name: str) -> str:
    """Return the Clark name of ``w:name``."""
    return W + name
