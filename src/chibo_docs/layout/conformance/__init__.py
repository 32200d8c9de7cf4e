"""Check a .docx against the official layout: the rules of format-hd36.md §8, one finding each.

:data:`RULES` registers each rule once (id → its check); :func:`check_document` runs them.
"""

from __future__ import annotations

from chibo_docs.layout.conformance.checker import check_document
from chibo_docs.layout.conformance.registry import RULES

__all__ = ["RULES", "check_document"]
