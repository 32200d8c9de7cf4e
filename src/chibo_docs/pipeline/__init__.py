"""The library's main calls: data file → checked model → .docx, PDF or a dossier of PDFs."""

from __future__ import annotations

from chibo_docs.pipeline.dossier import make_dossier, render_pdf
from chibo_docs.pipeline.render import get_form, list_forms, render_bytes, render_docx
from chibo_docs.pipeline.validation import Report, validate, validate_file

__all__ = [
    "Report",
    "get_form",
    "list_forms",
    "make_dossier",
    "render_bytes",
    "render_docx",
    "render_pdf",
    "validate",
    "validate_file",
]
