"""Rules 11–12 of format-hd36.md §8: body paragraphs, and Roman-numbered headings."""

from __future__ import annotations

import re

from chibo_docs.i18n import message
from chibo_docs.layout.conformance.context import Checker, in_capitals
from chibo_docs.layout.profiles import twips_to_mm
from chibo_docs.ooxml.formatting import Para
from chibo_docs.ooxml.tags import literal

__all__ = ["check_body", "check_headings"]


def check_body(c: Checker) -> None:
    """Rule 11: body text 14–15 pt, justified, indented, spaced (one finding per problem)."""
    pr, s = c.profile, c.profile.spacing
    problems: dict[str, list[Para]] = {}
    for p in c.doc.body:
        if p.cell is not None or not p.text.strip() or p.is_tag_only:
            continue
        runs = [f for _, f in p.text_runs]
        if any(f.size is None or not pr.body.allows_size(f.size) for f in runs):
            problems.setdefault("size", []).append(p)
        if in_capitals(p.text) or (all(f.bold for f in runs) and p.ppr.get("jc") == "center"):
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
        "size": (
            message("body text must be {sizes} ({count} paragraph(s), first shown)",
                    sizes=pr.body.allowed_text, count=len(problems.get("size", ()))),
            pr.body.allowed_text,
        ),
        "alignment": (
            message("body paragraphs must be justified ({count} paragraph(s), first shown)",
                    count=len(problems.get("alignment", ()))),
            message("justified"),
        ),
        "indent": (
            message("body paragraphs need a first-line indent ({count} paragraph(s), first "
                    "shown)", count=len(problems.get("indent", ()))),
            message("{size} mm", size=twips_to_mm(s.first_line_indent)),
        ),
        "spacing": (
            message("body paragraphs need space after them ({count} paragraph(s), first shown)",
                    count=len(problems.get("spacing", ()))),
            message("≥ {size} pt", size=s.space_after / 20),
        ),
        "line": (
            message("body line spacing is too tight ({count} paragraph(s), first shown)",
                    count=len(problems.get("line", ()))),
            message("≥ {size} pt exact or single", size=s.line / 20),
        ),
    }
    for key, paras in problems.items():
        said, expected = messages[key]
        c.report(
            "HD36-11",
            said,
            paras[0].location,
            aspect="size" if key == "size" else "main",
            expected=expected,
        )


def check_headings(c: Checker) -> None:
    """Rule 12: a top-level heading reads ``I- TITLE``, in bold capitals."""
    for p in c.doc.body:
        text = literal(p.text).strip()
        if re.match(r"[IVX]+[.)]\s", text):
            c.report(
                "HD36-12",
                message("a top-level heading is written 'I- TITLE', not 'I.' (state style)"),
                p.location,
                found=text[:12],
                expected="'I- '",
            )
        elif re.match(r"[IVX]+-\s", text):
            if not in_capitals(text):
                c.report(
                    "HD36-12",
                    message("a Roman heading must be in capitals"),
                    p.location,
                    found=text[:30],
                )
            if any(not f.bold for _, f in p.text_runs):
                c.report(
                    "HD36-12",
                    message("a Roman heading must be bold"),
                    p.location,
                    found=message("not bold"),
                    expected=message("bold"),
                )
