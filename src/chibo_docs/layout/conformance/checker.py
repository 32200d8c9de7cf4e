"""Check a .docx against the official layout: rules HD36-1 … HD36-18 of format-hd36.md §8.

:func:`check_document` reads any .docx (a template with Jinja tags, or a rendered document)
and returns one :class:`~chibo_docs.findings.Finding` per problem. Rules and aspects tagged
primary in the profile are errors; secondary ones (unconfirmed against the HD 36 text) are
warnings. All numbers come from the :class:`~chibo_docs.layout.profiles.LayoutProfile`.

On templates, a line holding a tag (``Số {{ document.number }}-NQ/CB``) cannot be matched by
the number-line or date-line pattern until it is rendered; only its fixed text is checked
(no ``Số:``, no ``tháng 03``), and its formatting is checked as usual.

Limits: rule 16 is checked on the .docx side only (the field, its header part, ``titlePg``);
whether page 1 of the PDF shows no number is not checked here. Formatting that comes from a
table style or from numbering definitions is not resolved.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from chibo_docs.errors import DataError
from chibo_docs.findings import Finding
from chibo_docs.layout.conformance import rules as rules
from chibo_docs.layout.profiles import HD36, LayoutProfile
from chibo_docs.ooxml.formatting import DocxPackage, Para, iter_paragraphs, literal, w

__all__ = ["check_document"]

_SIGNATURE_STARTS = ("Nơi nhận", "T/M", "T/L", "TM.", "KT.", "K/T", "TL.")


def check_document(
    source: str | os.PathLike[str] | bytes,
    *,
    profile: LayoutProfile = HD36,
    kind: str | None = None,
) -> list[Finding]:
    """Check the .docx at ``source`` (a path or its bytes) and return the findings, in rule order.

    ``kind`` is a document type code of the profile (``"NQ"``, ``"BB"``, ``"KH"``, ``"CV"`` …);
    by default it is read from the type name or the number line. Biên bản (``"BB"``) get the
    two signature columns of rule 15 instead of rule 13's ``T/M`` block.

    Raises:
        DataError: ``kind`` is not a known type code.
        DocxFileError: ``source`` is not a readable .docx (also a :class:`DataError`), naming
            the part and line when one is not well-formed XML.
        TemplateLimitError: ``source`` goes over a size limit of :mod:`chibo_docs.limits`
            (a zip bomb), checked before anything is unpacked.
    """
    if kind is not None and kind not in profile.document_types:
        known = ", ".join(profile.document_types)
        raise DataError(f"unknown document kind {kind!r}; use one of {known}")
    package = DocxPackage(source)
    body = package.document.find(w("body"))
    if body is None:
        raise DataError("the .docx has no document body; give a Word document (.docx)")
    paras = list(iter_paragraphs(package, body, "word/document.xml"))
    structure = Structure(paras, profile, first_is_table=_first_block(body) == w("tbl"))
    structure.kind = kind or structure.infer_kind()
    check = rules.Checker(package, profile, structure)
    check.run()
    order = {rule: n for n, rule in enumerate(profile.rules)}
    return sorted(check.findings, key=lambda f: order.get(f.rule, len(order)))


def _first_block(body: object) -> str | None:
    for child in body:  # type: ignore[attr-defined]
        if child.tag in (w("p"), w("tbl")):
            return str(child.tag)
    return None


class Structure:
    """Where the components of a document are: header block, title block, body, signature."""

    def __init__(
        self, paras: Sequence[Para], profile: LayoutProfile, *, first_is_table: bool
    ) -> None:
        self.paras = list(paras)
        self.profile = profile
        self.kind: str | None = None
        titles = {t.title for t in profile.document_types.values() if t.title}
        if first_is_table:
            header = [i for i, p in enumerate(self.paras) if p.cell and p.cell.table == 1]
            start = header[-1] + 1 if header else 0
        else:
            header, start = [], 0
        self.type_name = next(
            (i for i in self._top(start) if _norm(self.paras[i].text) in titles), None
        )
        if self.type_name is None and first_is_table:
            self.type_name = next(
                (i for i in self._top(start) if not self.paras[i].is_tag_only), None
            )
        if not first_is_table:
            end = self.type_name if self.type_name is not None else min(len(self.paras), 8)
            header = list(range(end))
        self.header = [self.paras[i] for i in header]
        self.excerpt: list[Para] = []
        self.separator: Para | None = None
        after = self.type_name + 1 if self.type_name is not None else start
        for i in self._top(after):
            p = self.paras[i]
            after = i
            if re.fullmatch(r"-{3,}", p.text.strip()):
                self.separator = p
                after = i + 1
                break
            if p.ppr.get("jc") != "center" or len(self.excerpt) >= 3 or self.type_name is None:
                break
            self.excerpt.append(p)
            after = i + 1
        self.body_start = after
        self.signature_start = self._signature_start(after)

    def _top(self, start: int) -> list[int]:
        """Return the indices from ``start`` of non-empty paragraphs outside tables."""
        return [
            i
            for i in range(start, len(self.paras))
            if self.paras[i].cell is None and self.paras[i].text.strip()
        ]

    def _signature_start(self, start: int) -> int:
        for i in range(start, len(self.paras)):
            text = literal(self.paras[i].text).strip()
            minutes = self.profile.minutes_left_titles + self.profile.minutes_right_titles
            if text.startswith(_SIGNATURE_STARTS) or text in minutes:
                table = self._table(i)
                while table is not None and i > start and self._table(i - 1) == table:
                    i -= 1
                return i
        return len(self.paras)

    def _table(self, i: int) -> int | None:
        cell = self.paras[i].cell
        return cell.table if cell else None

    @property
    def body(self) -> list[Para]:
        """Return the body paragraphs between the title block and the signature block."""
        return self.paras[self.body_start : self.signature_start]

    @property
    def signature(self) -> list[Para]:
        """Return the paragraphs from the signature block to the end."""
        return self.paras[self.signature_start :]

    def infer_kind(self) -> str | None:
        """Return the document type code read from the type name or the number line."""
        if self.type_name is not None:
            doc_type = self.profile.type_for_title(_norm(self.paras[self.type_name].text))
            if doc_type:
                return doc_type.code
        for p in self.header:
            found = re.match(r"Số\s*:?\s*[^-]*-(\w+)/", literal(p.text).strip())
            if found and found.group(1) in self.profile.document_types:
                return found.group(1)
        return None


def _norm(text: str) -> str:
    return " ".join(text.split())
