"""chibo_docs: the official documents of a Vietnamese Party cell (chi bộ).

Typed meeting data in (pydantic models), official .docx and PDF out.
"""

from __future__ import annotations

__version__ = "0.1.0"

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

__all__ = [
    "ChiboDocsError",
    "ConversionError",
    "ConversionTimeoutError",
    "DataError",
    "Finding",
    "FormError",
    "LibreOfficeNotFoundError",
    "OutputXMLError",
    "PdfError",
    "TemplateDataError",
    "TemplateError",
    "TemplateSecurityError",
    "TemplateSyntaxError",
    "UnknownFormError",
    "__version__",
]
