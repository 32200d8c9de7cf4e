"""What every conformance rule works with: the document, the profile, and how to report.

A rule of :mod:`chibo_docs.layout.conformance.registry` is a function of one
:class:`Checker`; it reads the document's parts and :class:`~.structure.Structure`, and reports
each problem with :meth:`Checker.report`, at a paragraph's
:class:`~chibo_docs.location.Location` or at a place named in words (``section 1``,
``end of document``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chibo_docs.layout.conformance.structure import Structure
from chibo_docs.layout.profiles import LayoutProfile, TextFormat
from chibo_docs.location import Location
from chibo_docs.ooxml.formatting import DocxPackage, Para, iter_paragraphs
from chibo_docs.ooxml.namespaces import w
from chibo_docs.ooxml.reading import Part
from chibo_docs.ooxml.tags import literal
from chibo_docs.problems import Problem

__all__ = ["Checker", "in_capitals"]


def in_capitals(text: str) -> bool:
    """Return whether the fixed text of ``text`` (its tags left out) is in capitals.

    >>> in_capitals("CHI BỘ {{ cell.name }}"), in_capitals("Chi bộ")
    (True, False)
    """
    fixed = literal(text)
    return fixed == fixed.upper()


def _pts(values: set[float | None]) -> str:
    return ", ".join(
        "unset" if v is None else f"{v:g} pt" for v in sorted(values, key=lambda v: v or 0)
    )


class Checker:
    """One document being checked: its parts, its structure, the profile, the findings so far."""

    def __init__(self, package: DocxPackage, profile: LayoutProfile, structure: Structure) -> None:
        self.pkg, self.profile, self.doc = package, profile, structure
        self.findings: list[Problem] = []

    def report(
        self,
        rule: str,
        message: str,
        where: Location | str = "",
        *,
        aspect: str = "main",
        found: str | None = None,
        expected: str | None = None,
    ) -> None:
        """Add a finding at ``where``; its severity comes from the rule's tag for ``aspect``."""
        spec = self.profile.rules[rule]
        # a string names a block of the page ("header", "page setup") as a location
        location = (Location(where) if where else None) if isinstance(where, str) else where
        self.findings.append(
            Problem(
                rule,
                spec.severity(aspect),
                message,
                location=location,
                found=found,
                expected=expected,
                source=spec.source,
            )
        )

    def formatting(
        self,
        rule: str,
        para: Para,
        spec: TextFormat,
        what: str,
        *,
        aspect: str = "main",
        underline: bool = False,
    ) -> None:
        """Report the size, bold, italic (and underline) of ``para``'s text that differ from ``spec``."""
        runs = [f for _, f in para.text_runs] or [para.mark]
        sizes = {f.size for f in runs}
        if any(s is None or not spec.allows_size(s) for s in sizes):
            self.report(
                rule,
                f"{what} has the wrong size",
                para.location,
                aspect=aspect,
                found=_pts(sizes),
                expected=spec.allowed,
            )
        checks = [("bold", spec.bold), ("italic", spec.italic)] + (
            [("underlined", spec.underline)] if underline else []
        )
        for name, wanted in checks:
            attr = "underline" if name == "underlined" else name
            if any(getattr(f, attr) != wanted for f in runs):
                state = name if wanted else f"not {name}"
                self.report(
                    rule,
                    f"{what} must be {state}",
                    para.location,
                    aspect=aspect,
                    found=f"not {name}" if wanted else name,
                    expected=state,
                )

    def centred(self, rule: str, para: Para, what: str, *, aspect: str = "main") -> None:
        """Report ``para`` unless it is centred."""
        if para.ppr.get("jc") != "center":
            self.report(
                rule,
                f"{what} must be centred",
                para.location,
                aspect=aspect,
                found=para.ppr.get("jc", "left"),
                expected="center",
            )

    def find(self, paras: list[Para], test: Callable[[str], bool]) -> Para | None:
        """Return the first paragraph of ``paras`` whose stripped text passes ``test``."""
        return next((p for p in paras if test(" ".join(p.text.split()))), None)

    def sections(self) -> list[Any]:
        """Return every ``w:sectPr`` of the document."""
        return list(self.pkg.document.iter(w("sectPr")))

    def parts(self) -> list[tuple[Part, Any]]:
        """Return (part, root) of the document, styles, header and footer parts."""
        out = [(self.pkg.main, self.pkg.document)]
        if self.pkg.styles is not None:
            out.append((self.pkg.styles_part, self.pkg.styles))
        for kind in ("header", "footer"):
            out += [(Part(name, kind), self.pkg.xml(name)) for name in self.pkg.parts_of_type(kind)]
        return out

    def all_paragraphs(self) -> list[Para]:
        """Return the paragraphs of the document, its headers and its footers."""
        out = list(self.doc.paras)
        for kind in ("header", "footer"):
            for name in self.pkg.parts_of_type(kind):
                out += iter_paragraphs(self.pkg, self.pkg.xml(name), Part(name, kind))
        return out
