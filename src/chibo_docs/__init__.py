"""chibo_docs: the official documents of a Vietnamese Party cell (chi bộ).

Typed meeting data in (pydantic models), official .docx and PDF out::

    from chibo_docs import load_data, render_docx, render_pdf, make_dossier

    problems = validate("bien-ban-2021-04.yaml")       # every problem at once, in Vietnamese
    minutes = load_data("bien-ban-2021-04.yaml")       # bad data is refused (DataError.problems)
    render_docx(minutes, "out/bien-ban.docx")           # the form is chosen by the model
    render_pdf(minutes, "out/bien-ban.pdf")             # through LibreOffice
    make_dossier([minutes, resolution], "out/ho-so.pdf")
    render_template("thu.docx", {"to": "Chi bộ A"}, "out/thu.docx")  # any template, any data

This namespace holds what most callers need; everything else lives in the subpackage of its
layer: :mod:`chibo_docs.models` (every model), :mod:`chibo_docs.errors` (every error),
:mod:`chibo_docs.formatting` (Vietnamese dates and numbers), :mod:`chibo_docs.forms`,
:mod:`chibo_docs.templating`, :mod:`chibo_docs.layout`, :mod:`chibo_docs.pdf`,
:mod:`chibo_docs.loading`, :mod:`chibo_docs.numbering`, :mod:`chibo_docs.rules`,
:mod:`chibo_docs.pipeline` and :mod:`chibo_docs.quality` (the frameworks a meeting's quality is
scored by).
"""

from __future__ import annotations

__version__ = "0.1.0"

from chibo_docs.errors import ChiboDocsError, DataError
from chibo_docs.forms import Form
from chibo_docs.layout import check_document
from chibo_docs.loading import load_data
from chibo_docs.models import (
    Cell,
    Invitation,
    Meeting,
    Member,
    Minutes,
    Organisation,
    Plan,
    QualityAssessment,
    Resolution,
    Vote,
)
from chibo_docs.numbering import NumberRegister
from chibo_docs.pdf import WarmConverter, check_fonts, convert, convert_many, merge_pdfs
from chibo_docs.pipeline import (
    get_form,
    list_forms,
    make_dossier,
    render_bytes,
    render_docx,
    render_pdf,
    validate,
)
from chibo_docs.problems import Problem
from chibo_docs.quality import get_framework, list_frameworks
from chibo_docs.rules import check
from chibo_docs.templating import lint_template, render_template

__all__ = [
    "Cell",
    "ChiboDocsError",
    "DataError",
    "Form",
    "Invitation",
    "Meeting",
    "Member",
    "Minutes",
    "NumberRegister",
    "Organisation",
    "Plan",
    "Problem",
    "QualityAssessment",
    "Resolution",
    "Vote",
    "WarmConverter",
    "__version__",
    "check",
    "check_document",
    "check_fonts",
    "convert",
    "convert_many",
    "get_form",
    "get_framework",
    "lint_template",
    "list_forms",
    "list_frameworks",
    "load_data",
    "make_dossier",
    "merge_pdfs",
    "render_bytes",
    "render_docx",
    "render_pdf",
    "render_template",
    "validate",
]
