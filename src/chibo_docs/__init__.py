"""chibo_docs: the official documents of a Vietnamese Party cell (chi bộ).

Typed meeting data in (pydantic models), official .docx and PDF out.
"""

from __future__ import annotations

__version__ = "0.1.0"

from chibo_docs.builder import FormSpec, build_docx, write_docx
from chibo_docs.conformance import check_document
from chibo_docs.errors import (
    ChiboDocsError,
    ConversionError,
    ConversionTimeoutError,
    DataError,
    FormError,
    LibreOfficeNotFoundError,
    OutputXMLError,
    PdfError,
    TemplateDataError,
    TemplateError,
    TemplateSecurityError,
    TemplateSyntaxError,
    UnknownFormError,
)
from chibo_docs.findings import Finding
from chibo_docs.layout import HD36, LayoutProfile

__all__ = [  # noqa: RUF022 (plain sorted(), as tests/test_public_api.py checks)
    "ChiboDocsError",
    "ConversionError",
    "ConversionTimeoutError",
    "DataError",
    "Finding",
    "FormError",
    "FormSpec",
    "HD36",
    "LayoutProfile",
    "LibreOfficeNotFoundError",
    "OutputXMLError",
    "PdfError",
    "TemplateDataError",
    "TemplateError",
    "TemplateSecurityError",
    "TemplateSyntaxError",
    "UnknownFormError",
    "__version__",
    "build_docx",
    "check_document",
    "write_docx",
]
