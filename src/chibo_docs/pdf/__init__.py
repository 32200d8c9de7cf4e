"""PDF output: LibreOffice conversion (batch and warm), checks of the result, and merging.

The one door through which LibreOffice (a headless ``soffice`` process, its ``uno`` bridge)
and pypdf enter. :func:`diagnose` tells whether this machine is ready to make PDFs.
"""

from __future__ import annotations

from chibo_docs.pdf.conversion import convert, convert_many
from chibo_docs.pdf.doctor import DoctorCheck, diagnose
from chibo_docs.pdf.fonts import FontCheck, check_fonts
from chibo_docs.pdf.merging import PdfInfo, merge_pdfs, pdf_info
from chibo_docs.pdf.soffice import find_soffice
from chibo_docs.pdf.warm import WarmConverter

__all__ = [
    "DoctorCheck",
    "FontCheck",
    "PdfInfo",
    "WarmConverter",
    "check_fonts",
    "convert",
    "convert_many",
    "diagnose",
    "find_soffice",
    "merge_pdfs",
    "pdf_info",
]
