"""Rules 1–3 of format-hd36.md §8: the page (A4 portrait), its margins, and the font."""

from __future__ import annotations

from collections import Counter

from chibo_docs.i18n import N_, _, message
from chibo_docs.layout.conformance.context import Checker
from chibo_docs.layout.profiles import twips_to_mm
from chibo_docs.location import Location
from chibo_docs.ooxml.namespaces import w
from chibo_docs.ooxml.reading import Part

__all__ = ["check_fonts", "check_margins", "check_page_size"]


def check_page_size(c: Checker) -> None:
    """Rule 1: every section is A4 portrait."""
    page, tol = c.profile.page, c.profile.margins.tolerance
    for n, sect in enumerate(c.sections(), start=1):
        size = sect.find(w("pgSz"))
        width = int(size.get(w("w"), 0)) if size is not None else 0
        height = int(size.get(w("h"), 0)) if size is not None else 0
        if abs(width - page.width) > tol or abs(height - page.height) > tol:
            found = (
                message("{width} × {height} mm", width=twips_to_mm(width),
                        height=twips_to_mm(height))
                if size is not None
                else message("no page size")
            )
            c.report(
                "HD36-1",
                message("page is not A4 portrait"),
                f"section {n}",
                found=found,
                expected=message("{width} × {height} mm", width=twips_to_mm(page.width),
                                 height=twips_to_mm(page.height)),
            )


def check_margins(c: Checker) -> None:
    """Rule 2: every section has the profile's margins (20/20/30/15 mm)."""
    m = c.profile.margins
    wanted = {"top": m.top, "bottom": m.bottom, "left": m.left, "right": m.right}
    for n, sect in enumerate(c.sections(), start=1):
        mar = sect.find(w("pgMar"))
        got = {k: int(mar.get(w(k), -9999)) if mar is not None else -9999 for k in wanted}
        wrong = [k for k in wanted if abs(got[k] - wanted[k]) > m.tolerance]
        if wrong:
            c.report(
                "HD36-2",
                message("page margins differ from 20/20/30/15 mm"),
                f"section {n}",
                found=_margins({k: got[k] for k in wrong}),
                expected=_margins({k: wanted[k] for k in wrong}),
            )


_SIDES: dict[str, str] = {
    "top": N_("top {length} mm"),
    "bottom": N_("bottom {length} mm"),
    "left": N_("left {length} mm"),
    "right": N_("right {length} mm"),
}


def _margins(twips: dict[str, int]) -> str:
    """Name margins in words: ``top 25 mm, left 20 mm`` (in the language in force)."""
    return ", ".join(_(_SIDES[side], length=twips_to_mm(value)) for side, value in twips.items())


def check_fonts(c: Checker) -> None:
    """Rule 3: every font named (document, styles, headers, footers) is the profile's font."""
    font = c.profile.font
    seen: Counter[tuple[str, str]] = Counter()
    parts: dict[str, Part] = {}
    for part, root in c.parts():
        parts[part.name] = part
        for el in root.iter(w("rFonts")):
            for attr, value in el.attrib.items():
                local = attr.split("}")[-1]
                if local == "hint":
                    continue
                shown = (
                    c.pkg.theme_fonts.get(value, f"theme font {value}")
                    if local.lower().endswith("theme")
                    else value
                )
                if shown != font:
                    seen[(part.name, shown)] += 1
    for (name, shown), count in sorted(seen.items()):
        c.report(
            "HD36-3",
            message("font {font!r} is named {count} time(s)", font=shown, count=count),
            Location(parts[name].label),
            found=shown,
            expected=font,
        )
    unset = [
        p
        for p in c.doc.paras
        if any(not f.fonts.get("ascii") or not f.fonts.get("hAnsi") for _, f in p.text_runs)
    ]
    if unset:
        c.report(
            "HD36-3",
            message(
                "{count} paragraph(s) have text with no font set; the application's default "
                "font applies",
                count=len(unset),
            ),
            unset[0].location,
            expected=font,
        )
