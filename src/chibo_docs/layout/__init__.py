"""The official layout of Party documents (Hướng dẫn 36-HD/VPTW): as data, built, and checked.

:mod:`~chibo_docs.layout.profiles` holds every number of the layout with its source;
:mod:`~chibo_docs.layout.builder` writes conformant .docx forms from a declarative spec;
:mod:`~chibo_docs.layout.conformance` checks any .docx against the profile.
"""

from __future__ import annotations

from chibo_docs.layout.builder import FormSpec, build_docx, write_docx
from chibo_docs.layout.conformance import check_document
from chibo_docs.layout.profiles import HD36, LayoutProfile

__all__ = ["HD36", "FormSpec", "LayoutProfile", "build_docx", "check_document", "write_docx"]
