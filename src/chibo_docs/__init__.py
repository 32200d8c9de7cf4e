"""chibo_docs: the official documents of a Vietnamese Party cell (chi bộ).

Typed meeting data in (pydantic models), official .docx and PDF out.
"""

from __future__ import annotations

__version__ = "0.1.0"

from chibo_docs.conversion import convert, convert_many
from chibo_docs.errors import (
    BatchConversionError,
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
from chibo_docs.fonts import FontCheck, check_fonts
from chibo_docs.merging import PdfInfo, merge_pdfs, pdf_info
from chibo_docs.soffice import find_soffice
from chibo_docs.warm import WarmConverter

__all__ = [
    "BatchConversionError",
    "ChiboDocsError",
    "ConversionError",
    "ConversionTimeoutError",
    "DataError",
    "Finding",
    "FontCheck",
    "FormError",
    "LibreOfficeNotFoundError",
    "OutputXMLError",
    "PdfError",
    "PdfInfo",
    "TemplateDataError",
    "TemplateError",
    "TemplateSecurityError",
    "TemplateSyntaxError",
    "UnknownFormError",
    "WarmConverter",
    "__version__",
    "check_fonts",
    "convert",
    "convert_many",
    "find_soffice",
    "merge_pdfs",
    "pdf_info",
]
