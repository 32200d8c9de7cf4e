"""What every conformance rule works with: the document, the profile, and how to report.

A rule of :mod:`chibo_docs.layout.conformance.registry` is a function of one
:class:`Checker`; it reads the document's parts and :class:`~.structure.Structure`, and reports
each problem with :meth:`Checker.report`, at a paragraph's
:class:`~chibo_docs.location.Location` or at a place named in words (``section 1``,
``end of document``).

A rule reports a :class:`~chibo_docs.i18n.Message` (written in English, with its values): the
finding's ``message`` is in the language in force, ``message_en`` in English, and its
``values`` keep the numbers. ``found`` and ``expected`` are the document's own text where they
quote it; a description or a measure (``"not bold"``, ``"20 mm"``) is a Message too, written in
the reader's language. Each finding's ``hint`` says what to do, from the rule's
:attr:`~chibo_docs.layout.profiles.Rule.hint` unless the report gives its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chibo_docs.i18n import Message, message, translate
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


def _pts(values: set[float | None]) -> Message:
    sizes = [v for v in sorted(values, key=lambda v: v or 0) if v is not None]
    shown = ", ".join(f"{v:g}" for v in sizes)
    if None in values:
        return (
            message("unset, {sizes} pt", sizes=shown) if sizes else message("unset")
        )
    return message("{sizes} pt", sizes=shown)


def _text(value: str | Message | None) -> tuple[str | None, str | None]:
    """Return ``value`` in the language in force and in English (``None`` stays ``None``)."""
    if value is None:
        return None, None
    if isinstance(value, Message):
        return value.text(), value.text("en")
    return value, value


_STATES: dict[str, tuple[Message, Message]] = {
    "bold": (message("bold"), message("not bold")),
    "italic": (message("italic"), message("not italic")),
    "underlined": (message("underlined"), message("not underlined")),
}
"""Each character format as (wanted, its absence), for messages and found/expected."""

_ALIGNMENTS: dict[str, str | Message] = {
    "left": message("left"),
    "start": message("left"),
    "center": message("centred"),
    "right": message("right"),
    "end": message("right"),
    "both": message("justified"),
    "distribute": message("distributed"),
}
"""Word's paragraph alignments (``w:jc``) in words."""


class Checker:
    """One document being checked: its parts, its structure, the profile, the findings so far."""

    def __init__(self, package: DocxPackage, profile: LayoutProfile, structure: Structure) -> None:
        self.pkg, self.profile, self.doc = package, profile, structure
        self.findings: list[Problem] = []

    def report(
        self,
        rule: str,
        said: Message,
        where: Location | str = "",
        *,
        aspect: str = "main",
        found: str | Message | None = None,
        expected: str | Message | None = None,
        hint: Message | None = None,
    ) -> None:
        """Add a finding at ``where``; its severity comes from the rule's tag for ``aspect``.

        ``said`` is the message; ``found`` and ``expected`` are the document's text (``str``)
        or words and measures to translate (``Message``); ``hint`` what to do (default: the
        rule's hint).
        """
        spec = self.profile.rules[rule]
        # a string names a block of the page ("header", "page setup") as a location
        location = (Location(where) if where else None) if isinstance(where, str) else where
        advice = hint if hint is not None else (message(spec.hint) if spec.hint else None)
        hint_text, hint_en = _text(advice)
        found_text, _found_en = _text(found)
        expected_text, _expected_en = _text(expected)
        values = dict(said.values)
        for value in (found, expected):
            if isinstance(value, Message):
                values.update({k: v for k, v in value.values.items() if k not in values})
        self.findings.append(
            Problem(
                rule,
                spec.severity(aspect),
                said.text(),
                location=location,
                values=values,
                found=found_text,
                expected=expected_text,
                source=translate(spec.source, {}),
                hint=hint_text,
                message_en=said.text("en"),
                hint_en=hint_en,
            )
        )

    def formatting(
        self,
        rule: str,
        para: Para,
        spec: TextFormat,
        what: str | Message,
        *,
        aspect: str = "main",
        underline: bool = False,
    ) -> None:
        """Report the size, bold, italic (and underline) of ``para``'s text that differ from ``spec``.

        ``what`` names the component (``the số line``), to fill in the messages.
        """
        runs = [f for _, f in para.text_runs] or [para.mark]
        sizes = {f.size for f in runs}
        if any(s is None or not spec.allows_size(s) for s in sizes):
            self.report(
                rule,
                message("{what} has the wrong size", what=what),
                para.location,
                aspect=aspect,
                found=_pts(sizes),
                expected=spec.allowed_text,
            )
        checks = [("bold", spec.bold), ("italic", spec.italic)] + (
            [("underlined", spec.underline)] if underline else []
        )
        for name, wanted in checks:
            attr = "underline" if name == "underlined" else name
            if any(getattr(f, attr) != wanted for f in runs):
                state, other = _STATES[name] if wanted else _STATES[name][::-1]
                said = (
                    message("{what} must be {state}", what=what, state=state) if wanted
                    else message("{what} must not be {state}", what=what, state=other)
                )
                self.report(
                    rule,
                    said,
                    para.location,
                    aspect=aspect,
                    found=other,
                    expected=state,
                )

    def centred(
        self, rule: str, para: Para, what: str | Message, *, aspect: str = "main"
    ) -> None:
        """Report ``para`` unless it is centred."""
        if para.ppr.get("jc") != "center":
            self.report(
                rule,
                message("{what} must be centred", what=what),
                para.location,
                aspect=aspect,
                found=_ALIGNMENTS.get(para.ppr.get("jc", "left"), para.ppr.get("jc", "left")),
                expected=_ALIGNMENTS["center"],
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
