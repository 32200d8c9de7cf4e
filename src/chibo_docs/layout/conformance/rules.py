"""The rules of :mod:`chibo_docs.layout.conformance.checker`, one method per rule of format-hd36.md §8."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any

from chibo_docs.findings import Finding, Severity
from chibo_docs.layout.conformance import header as header
from chibo_docs.layout.conformance import signature as signature
from chibo_docs.layout.profiles import LayoutProfile, TextFormat, twips_to_mm
from chibo_docs.ooxml.formatting import DocxPackage, Para, iter_paragraphs, literal, w

if TYPE_CHECKING:
    from chibo_docs.layout.conformance.checker import Structure

__all__ = ["Checker"]

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_LEGACY_FONT = re.compile(r"^(\.Vn|VNI[- ]|VN[A-Z])", re.IGNORECASE)


def _legacy_glyphs(text: str) -> str | None:
    """Return the first word that looks like TCVN3 (ABC) or VNI text read as Unicode."""
    for word in text.split():
        has_ascii = any("a" <= c.lower() <= "z" for c in word)
        odd = any(
            0xA1 <= ord(c) <= 0xFF and c not in _VIETNAMESE_LATIN1 and c not in "«»°·×÷"
            for c in word
        )
        if has_ascii and odd:
            return word
    return None


def _upper(text: str) -> bool:
    fixed = literal(text)
    return fixed == fixed.upper()


def _pts(values: set[float | None]) -> str:
    return ", ".join(
        "unset" if v is None else f"{v:g} pt" for v in sorted(values, key=lambda v: v or 0)
    )


class Checker:
    """Run every rule over one document and collect the findings."""

    def __init__(self, package: DocxPackage, profile: LayoutProfile, structure: Structure) -> None:
        self.pkg, self.profile, self.doc = package, profile, structure
        self.findings: list[Finding] = []

    def run(self) -> None:
        """Check every rule, in order; rules 4–10 live in ``_conformance_header``."""
        for number in range(1, 19):
            name = f"rule_{number}"
            if hasattr(self, name):
                getattr(self, name)()
            else:
                getattr(header, name)(self)

    def report(
        self,
        rule: str,
        message: str,
        where: str = "",
        *,
        aspect: str = "main",
        found: str | None = None,
        expected: str | None = None,
    ) -> None:
        """Add a finding; its severity comes from the rule's tag for ``aspect``."""
        spec = self.profile.rules[rule]
        severity: Severity = "warning" if spec.tag(aspect) == "S" else "error"
        self.findings.append(Finding(rule, severity, message, where, found, expected, spec.source))

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
                para.where,
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
                    para.where,
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
                para.where,
                aspect=aspect,
                found=para.ppr.get("jc", "left"),
                expected="center",
            )

    def find(self, paras: list[Para], test: Any) -> Para | None:
        """Return the first paragraph of ``paras`` whose stripped text passes ``test``."""
        return next((p for p in paras if test(" ".join(p.text.split()))), None)

    # -- page ------------------------------------------------------------------------------
    def sections(self) -> list[Any]:
        """Return every ``w:sectPr`` of the document."""
        return list(self.pkg.document.iter(w("sectPr")))

    def rule_1(self) -> None:
        page, tol = self.profile.page, self.profile.margins.tolerance
        for n, sect in enumerate(self.sections(), start=1):
            size = sect.find(w("pgSz"))
            width = int(size.get(w("w"), 0)) if size is not None else 0
            height = int(size.get(w("h"), 0)) if size is not None else 0
            if abs(width - page.width) > tol or abs(height - page.height) > tol:
                found = (
                    f"{twips_to_mm(width)} × {twips_to_mm(height)} mm"
                    if size is not None
                    else "no page size"
                )
                self.report(
                    "HD36-1",
                    "page is not A4 portrait",
                    f"section {n}",
                    found=found,
                    expected="210.0 × 297.0 mm",
                )

    def rule_2(self) -> None:
        m = self.profile.margins
        wanted = {"top": m.top, "bottom": m.bottom, "left": m.left, "right": m.right}
        for n, sect in enumerate(self.sections(), start=1):
            mar = sect.find(w("pgMar"))
            got = {k: int(mar.get(w(k), -9999)) if mar is not None else -9999 for k in wanted}
            wrong = [k for k in wanted if abs(got[k] - wanted[k]) > m.tolerance]
            if wrong:
                found = ", ".join(f"{k} {twips_to_mm(got[k])} mm" for k in wrong)
                expected = ", ".join(f"{k} {twips_to_mm(wanted[k])} mm" for k in wrong)
                self.report(
                    "HD36-2",
                    "page margins differ from 20/20/30/15 mm",
                    f"section {n}",
                    found=found,
                    expected=expected,
                )

    def parts(self) -> list[tuple[str, Any]]:
        """Return (name, root) of the document, styles, header and footer parts."""
        out = [("word/document.xml", self.pkg.document)]
        if self.pkg.styles is not None:
            out.append(("word/styles.xml", self.pkg.styles))
        for kind in ("header", "footer"):
            out += [(name, self.pkg.xml(name)) for name in self.pkg.parts_of_type(kind)]
        return out

    def rule_3(self) -> None:
        font = self.profile.font
        seen: Counter[tuple[str, str]] = Counter()
        for name, root in self.parts():
            for el in root.iter(w("rFonts")):
                for attr, value in el.attrib.items():
                    local = attr.split("}")[-1]
                    if local == "hint":
                        continue
                    shown = (
                        self.pkg.theme_fonts.get(value, f"theme font {value}")
                        if local.lower().endswith("theme")
                        else value
                    )
                    if shown != font:
                        seen[(name, shown)] += 1
        for (name, shown), count in sorted(seen.items()):
            self.report(
                "HD36-3",
                f"font {shown!r} is named {count} time(s)",
                name,
                found=shown,
                expected=font,
            )
        unset = [
            p
            for p in self.doc.paras
            if any(not f.fonts.get("ascii") or not f.fonts.get("hAnsi") for _, f in p.text_runs)
        ]
        if unset:
            self.report(
                "HD36-3",
                f"{len(unset)} paragraph(s) have text with no font set; the application's default font applies",
                unset[0].where,
                expected=font,
            )

    # -- body ------------------------------------------------------------------------------
    def rule_11(self) -> None:
        pr, s = self.profile, self.profile.spacing
        problems: dict[str, list[Para]] = {}
        for p in self.doc.body:
            if p.cell is not None or not p.text.strip() or p.is_tag_only:
                continue
            runs = [f for _, f in p.text_runs]
            if any(f.size is None or not pr.body.allows_size(f.size) for f in runs):
                problems.setdefault("size", []).append(p)
            if _upper(p.text) or (all(f.bold for f in runs) and p.ppr.get("jc") == "center"):
                continue  # a heading or a label, not running text
            if p.ppr.get("jc") != "both":
                problems.setdefault("alignment", []).append(p)
            if abs((p.twips("ind.firstLine") or 0) - s.first_line_indent) > s.indent_tolerance:
                problems.setdefault("indent", []).append(p)
            if (p.twips("spacing.after") or 0) < s.space_after:
                problems.setdefault("spacing", []).append(p)
            rule, line = p.ppr.get("spacing.lineRule", "auto"), p.twips("spacing.line") or 240
            if (line < s.line) if rule in ("exact", "atLeast") else line < 240:
                problems.setdefault("line", []).append(p)
        messages = {
            "size": (f"body text must be {pr.body.allowed}", pr.body.allowed),
            "alignment": ("body paragraphs must be justified", "justified"),
            "indent": (
                "body paragraphs need a first-line indent",
                f"{twips_to_mm(s.first_line_indent)} mm",
            ),
            "spacing": ("body paragraphs need space after them", f"≥ {s.space_after / 20:g} pt"),
            "line": ("body line spacing is too tight", f"≥ {s.line / 20:g} pt exact or single"),
        }
        for key, paras in problems.items():
            message, expected = messages[key]
            self.report(
                "HD36-11",
                f"{message} ({len(paras)} paragraph(s), first shown)",
                paras[0].where,
                aspect="size" if key == "size" else "main",
                expected=expected,
            )

    def rule_12(self) -> None:
        for p in self.doc.body:
            text = literal(p.text).strip()
            if re.match(r"[IVX]+[.)]\s", text):
                self.report(
                    "HD36-12",
                    "a top-level heading is written 'I- TITLE', not 'I.' (state style)",
                    p.where,
                    found=text[:12],
                    expected="'I- '",
                )
            elif re.match(r"[IVX]+-\s", text):
                if not _upper(text):
                    self.report(
                        "HD36-12", "a Roman heading must be in capitals", p.where, found=text[:30]
                    )
                if any(not f.bold for _, f in p.text_runs):
                    self.report(
                        "HD36-12",
                        "a Roman heading must be bold",
                        p.where,
                        found="not bold",
                        expected="bold",
                    )

    # -- signature -------------------------------------------------------------------------
    def rule_13(self) -> None:
        signature.check_signature(self)

    def rule_14(self) -> None:
        signature.check_recipients(self)

    def rule_15(self) -> None:
        signature.check_minutes(self)

    def rule_16(self) -> None:
        signature.check_page_numbers(self)

    # -- text ------------------------------------------------------------------------------
    def all_paragraphs(self) -> list[Para]:
        """Return the paragraphs of the document, its headers and its footers."""
        out = list(self.doc.paras)
        for kind in ("header", "footer"):
            for name in self.pkg.parts_of_type(kind):
                out += iter_paragraphs(self.pkg, self.pkg.xml(name), name)
        return out

    def rule_17(self) -> None:
        phrases = [
            (p, re.sub(r"\s*[-–—]\s*", " - ", p).casefold()) for p in self.profile.forbidden_phrases
        ]
        for para in self.all_paragraphs():
            text = re.sub(
                r"\s*[-–—]\s*", " - ", " ".join(unicodedata.normalize("NFC", para.text).split())
            ).casefold()
            for phrase, norm in phrases:
                if norm in text:
                    self.report(
                        "HD36-17",
                        f"{phrase!r} belongs to the state format, not to a Party document",
                        para.where,
                        found=phrase,
                    )

    def rule_18(self) -> None:
        for para in self.all_paragraphs():
            if unicodedata.normalize("NFC", para.text) != para.text:
                self.report(
                    "HD36-18",
                    "text is not Unicode NFC (decomposed accents)",
                    para.where,
                    expected="NFC (precomposed) text",
                )
            word = _legacy_glyphs(para.text)
            if word:
                self.report(
                    "HD36-18",
                    "text looks like a legacy TCVN3/VNI encoding",
                    para.where,
                    found=word,
                    expected="Unicode text",
                )
        for name, root in self.parts():
            legacy = {
                v
                for el in root.iter(w("rFonts"))
                for v in el.attrib.values()
                if _LEGACY_FONT.match(v)
            }
            for font in sorted(legacy):
                self.report(
                    "HD36-18",
                    f"legacy Vietnamese font {font!r} (TCVN3/VNI)",
                    name,
                    found=font,
                    expected="a Unicode font",
                )
