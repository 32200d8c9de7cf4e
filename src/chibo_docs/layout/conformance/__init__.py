"""Check a .docx against the official layout: the rules of format-hd36.md §8, one finding each."""

from __future__ import annotations

from chibo_docs.layout.conformance.checker import check_document

__all__ = ["check_document"]
