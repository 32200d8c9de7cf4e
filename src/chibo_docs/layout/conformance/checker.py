"""Check a .docx against the official layout: rules HD36-1 … HD36-18 of format-hd36.md §8.

:func:`check_document` reads any .docx (a template with Jinja tags, or a rendered document)
and returns one :class:`~chibo_docs.problems.Problem` per problem. Rules and aspects tagged
primary in the profile are errors; secondary ones (unconfirmed against the HD 36 text) are
warnings. All numbers come from the :class:`~chibo_docs.layout.profiles.LayoutProfile`.

On templates, a line holding a tag (``Số {{ document.number }}-NQ/CB``) cannot be matched by
the number-line or date-line pattern until it is rendered; only its fixed text is checked
(no ``Số:``, no ``tháng 03``), and its formatting is checked as usual.

The rules are those of :data:`~chibo_docs.layout.conformance.registry.RULES`, run in order;
each reports at the paragraph's :class:`~chibo_docs.location.Location`, the same one lint
findings and render errors print.

Limits: rule 16 is checked on the .docx side only (the field, its header part, ``titlePg``);
whether page 1 of the PDF shows no number is not checked here. Formatting that comes from a
table style or from numbering definitions is not resolved.
"""

from __future__ import annotations

import os

from chibo_docs.errors import DataError
from chibo_docs.i18n import message, using
from chibo_docs.layout.conformance.context import Checker
from chibo_docs.layout.conformance.registry import RULES
from chibo_docs.layout.conformance.structure import Structure
from chibo_docs.layout.profiles import HD36, LayoutProfile
from chibo_docs.ooxml.formatting import DocxPackage, iter_paragraphs
from chibo_docs.ooxml.namespaces import w
from chibo_docs.problems import Problem

__all__ = ["check_document"]


def check_document(
    source: str | os.PathLike[str] | bytes | DocxPackage,
    *,
    profile: LayoutProfile = HD36,
    kind: str | None = None,
    lang: str | None = None,
) -> list[Problem]:
    """Check the .docx at ``source`` (a path or its bytes) and return the findings, in rule order.

    ``source`` may also be a :class:`~chibo_docs.ooxml.formatting.DocxPackage` already read
    (the template linter reads a template once). ``kind`` is a document type code of the
    profile (``"NQ"``, ``"BB"``, ``"KH"``, ``"CV"`` …); by default it is read from the type name
    or the number line. Biên bản (``"BB"``) get the two signature columns of rule 15 instead of
    rule 13's ``T/M`` block.

    Each finding's ``message`` and ``hint`` are in ``lang`` (``"vi"`` or ``"en"``; default: the
    language in force, :mod:`chibo_docs.i18n`), ``message_en`` and ``hint_en`` in English.

    Raises:
        DataError: ``kind`` is not a known type code.
        DocxFileError: ``source`` is not a readable .docx (also a :class:`DataError`), naming
            the part and line when one is not well-formed XML.
        TemplateLimitError: ``source`` goes over a size limit of :mod:`chibo_docs.limits`
            (a zip bomb), checked before anything is unpacked.
    """
    with using(lang):
        return _check(source, profile, kind)


def _check(
    source: str | os.PathLike[str] | bytes | DocxPackage, profile: LayoutProfile, kind: str | None
) -> list[Problem]:
    if kind is not None and kind not in profile.document_types:
        known = ", ".join(profile.document_types)
        raise DataError(
            message("unknown document kind {kind!r}; use one of {known}", kind=kind, known=known)
        )
    package = source if isinstance(source, DocxPackage) else DocxPackage(source)
    body = package.document.find(w("body"))
    if body is None:
        raise DataError(
            message("the .docx has no document body; give a Word document (.docx)")
        )
    paras = list(iter_paragraphs(package, package.document, package.main))
    structure = Structure(paras, profile, first_is_table=_first_block(body) == w("tbl"))
    structure.kind = kind or structure.infer_kind()
    checker = Checker(package, profile, structure)
    for rule in RULES.values():
        rule.check(checker)
    order = {rule: n for n, rule in enumerate(profile.rules)}
    return sorted(checker.findings, key=lambda f: order.get(f.code, len(order)))


def _first_block(body: object) -> str | None:
    for child in body:  # type: ignore[attr-defined]
        if child.tag in (w("p"), w("tbl")):
            return str(child.tag)
    return None
