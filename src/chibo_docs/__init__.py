"""chibo_docs: the official documents of a Vietnamese Party cell (chi bộ).

Typed meeting data in (pydantic models), official .docx and PDF out.
"""

from __future__ import annotations

__version__ = "0.1.0"

from chibo_docs.dates import (
    date_line,
    format_date,
    format_time,
    month_year,
    month_year_long,
    short_date,
    weekday_name,
)
from chibo_docs.docx_text import visible_text
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
from chibo_docs.numbers import (
    format_money,
    format_number,
    format_percent,
    money_in_words,
    number_to_words,
    to_roman,
    vote_phrase,
)
from chibo_docs.rendering import render_bytes, render_docx

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
    "date_line",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_time",
    "money_in_words",
    "month_year",
    "month_year_long",
    "number_to_words",
    "render_bytes",
    "render_docx",
    "short_date",
    "to_roman",
    "visible_text",
    "vote_phrase",
    "weekday_name",
]
