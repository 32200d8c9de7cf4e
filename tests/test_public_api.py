"""The public API is small, explicit and pinned: it grows only by a decision made here.

As httpx does (``tests/test_exported_members.py``), the exact set of top-level names is written
down; adding or removing one fails this test until the set below, the README and docs/api.md
agree. Everything else is reached from the subpackage of its layer.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import chibo_docs
from chibo_docs import errors

PUBLIC = {
    # the pipeline: data → .docx / PDF / dossier
    "render_docx",
    "render_bytes",
    "render_pdf",
    "make_dossier",
    # any template, from a model or a plain mapping
    "render_template",
    # data
    "load_data",
    "validate",
    "check",
    # templates and documents: conformance and lint
    "check_document",
    "lint_template",
    # forms
    "list_forms",
    "get_form",
    "Form",
    # PDF
    "convert",
    "convert_many",
    "merge_pdfs",
    "WarmConverter",
    "check_fonts",
    # quality of meetings: the frameworks (khung tiêu chí) and a meeting's assessment
    "list_frameworks",
    "get_framework",
    "QualityAssessment",
    # document numbers
    "NumberRegister",
    # the main models
    "Minutes",
    "Resolution",
    "Plan",
    "Invitation",
    "Meeting",
    "Cell",
    "Member",
    "Organisation",
    "Vote",
    # problems
    "ChiboDocsError",
    "DataError",
    "Problem",
    "__version__",
}

SUBPACKAGES = (
    "errors",
    "formatting",
    "forms",
    "i18n",
    "layout",
    "loading",
    "models",
    "numbering",
    "ooxml",
    "pdf",
    "pipeline",
    "quality",
    "rules",
    "templating",
)


def test_the_top_level_api_is_exactly_the_pinned_set() -> None:
    assert set(chibo_docs.__all__) == PUBLIC
    assert len(chibo_docs.__all__) == len(PUBLIC)


def test_no_other_public_name_at_the_top_level() -> None:
    public = {
        name
        for name, value in vars(chibo_docs).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    public -= {"annotations"}
    assert public | {"__version__"} == PUBLIC


def test_every_subpackage_declares_its_public_names() -> None:
    found = {m.name for m in pkgutil.iter_modules(chibo_docs.__path__) if m.ispkg}
    assert found - {"cli"} <= set(SUBPACKAGES)
    for name in SUBPACKAGES:
        module = importlib.import_module(f"chibo_docs.{name}")
        names = module.__all__
        assert names, name
        assert len(set(names)) == len(names), name
        for attribute in names:
            assert hasattr(module, attribute), f"chibo_docs.{name}.{attribute}"


def test_every_top_level_name_is_also_in_its_subpackage() -> None:
    homes = [importlib.import_module(f"chibo_docs.{name}") for name in SUBPACKAGES]
    for name in PUBLIC - {"__version__", "Problem"}:
        value = getattr(chibo_docs, name)
        assert any(getattr(home, name, None) is value for home in homes), name


def test_errors_share_one_base() -> None:
    for name in errors.__all__:
        value = getattr(errors, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, chibo_docs.ChiboDocsError), name
