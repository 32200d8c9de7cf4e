"""Rules 4–10 of format-hd36.md §8: the header block and the title block."""

from __future__ import annotations

import re

from chibo_docs.i18n import message
from chibo_docs.layout.conformance.context import Checker, in_capitals
from chibo_docs.layout.profiles import twips_to_mm
from chibo_docs.ooxml.formatting import Para
from chibo_docs.ooxml.tags import literal

__all__ = [
    "by_committee",
    "check_date_line",
    "check_issuer",
    "check_number_line",
    "check_party_rule",
    "check_party_title",
    "check_separator",
    "check_title_block",
    "issuer_line",
    "party_title",
]


# -- header block, rules 4-8 ----------------------------------------------------------------------
def party_title(c: Checker) -> Para | None:
    """Return the ĐẢNG CỘNG SẢN VIỆT NAM paragraph of the header block."""
    title = c.profile.party_title_text
    return c.find(c.doc.header, lambda t: t == title) or c.find(
        c.doc.paras[:12], lambda t: t == title
    )


def check_party_title(c: Checker) -> None:
    """Rule 4: ĐẢNG CỘNG SẢN VIỆT NAM in the right half of the header, 15 pt bold."""
    title = c.profile.party_title_text
    para = party_title(c)
    if para is None:
        near = c.find(c.doc.paras[:12], lambda t: t.casefold() == title.casefold())
        found = near.text.strip() if near else None
        c.report(
            "HD36-4",
            message("the header has no {title!r} line", title=title),
            near.location if near else "header",
            found=found,
            expected=title,
        )
        return
    c.formatting("HD36-4", para, c.profile.party_title, title)
    cell = para.cell
    right = (
        cell.x + cell.width / 2 > cell.table_width / 2
        if cell
        else para.ppr.get("jc") == "right"
        or (para.twips("ind.left") or 0) > c.profile.text_width / 3
    )
    if not right:
        c.report(
            "HD36-4",
            message("{title} must be in the right half of the header", title=title),
            para.location,
            found=message("left half"),
            expected=message("right half"),
        )


def check_party_rule(c: Checker) -> None:
    """Rule 5: a solid rule under ĐẢNG CỘNG SẢN VIỆT NAM, as long as the text."""
    para = party_title(c)
    if para is None:
        return
    style, width = para.ppr.get("bdr.bottom"), _width(c, para)
    if style in (None, "nil", "none"):
        after = _next(c, para)
        if (
            after is not None
            and not after.text.strip()
            and after.ppr.get("bdr.bottom") not in (None, "nil", "none")
        ):
            style, width = after.ppr.get("bdr.bottom"), _width(c, after)
        elif after is not None and after.ppr.get("bdr.top") not in (None, "nil", "none"):
            style, width = after.ppr.get("bdr.top"), _width(c, after)
        else:
            line = _drawn_line(c, para) or (_drawn_line(c, after) if after is not None else None)
            if line is None:
                c.report(
                    "HD36-5",
                    message("no solid rule under ĐẢNG CỘNG SẢN VIỆT NAM"),
                    para.location,
                    found=message("no border or line"),
                    expected=message("a bottom border or line as long as the text"),
                )
                return
            style, width = "single", line
    if style not in ("single", "thick"):
        c.report(
            "HD36-5",
            message("the rule under ĐẢNG CỘNG SẢN VIỆT NAM is not a solid line"),
            para.location,
            found=style,
            expected="single",
        )
    sizes = {f.size for _, f in para.text_runs if f.size}
    text_width = c.profile.party_title_width * (
        max(sizes) / c.profile.party_title.size if sizes else 1
    )
    tol = c.profile.rule_width_tolerance
    if width is not None and not (1 - tol) * text_width <= width <= (1 + tol) * text_width:
        c.report(
            "HD36-5",
            message("the rule is not as long as ĐẢNG CỘNG SẢN VIỆT NAM"),
            para.location,
            found=message("{length} mm", length=twips_to_mm(round(width))),
            expected=message("{length} mm ±{tolerance}%", length=twips_to_mm(round(text_width)),
                             tolerance=round(tol * 100)),
        )


def _next(c: Checker, para: Para) -> Para | None:
    i = c.doc.paras.index(para)
    nxt = c.doc.paras[i + 1] if i + 1 < len(c.doc.paras) else None
    return nxt if nxt is not None and nxt.cell == para.cell else None


def _width(c: Checker, para: Para) -> int | None:
    """Return the width of ``para`` in twips (its cell or the text area, less indents)."""
    room = para.cell.width - para.cell.margins if para.cell else c.profile.text_width
    left = para.twips("ind.left") or para.twips("ind.start") or 0
    right = para.twips("ind.right") or para.twips("ind.end") or 0
    return room - left - right


def _drawn_line(c: Checker, para: Para) -> int | None:
    for el in para.element.iter():
        local = str(el.tag).split("}")[-1]
        if local == "extent" and el.get("cx"):
            return int(el.get("cx")) // 635
        if local == "line" and el.get("from") and el.get("to"):
            x = [float(v.split(",")[0].rstrip("pt")) for v in (el.get("from"), el.get("to"))]
            return round(abs(x[1] - x[0]) * 20)
    return None


def check_issuer(c: Checker) -> None:
    """Rule 6: the upper-level and issuer lines in capitals above ``*``."""
    pr = c.profile
    star = c.find(c.doc.header, lambda t: t == pr.star_text)
    if star is None:
        c.report(
            "HD36-6",
            message("the header has no '*' line under the issuer"),
            "header",
            expected=message("a paragraph holding only '*'"),
        )
        return
    c.centred("HD36-6", star, message("'*'"))
    header = c.doc.header
    above = [p for p in header[: header.index(star)] if p.cell == star.cell and p.text.strip()]
    if not above:
        c.report(
            "HD36-6",
            message("no issuer line above '*'"),
            star.location,
            expected=message("e.g. 'CHI BỘ …' in bold capitals"),
        )
        return
    upper, issuer = message("the upper-level line"), message("the issuer line")
    lines = [(upper, above[0], pr.upper_line)] if len(above) > 1 else []
    lines += [(issuer, p, pr.issuer_line) for p in above[1:] or above]
    for what, para, spec in lines:
        if not in_capitals(para.text):
            c.report(
                "HD36-6",
                message("{what} must be in capitals", what=what),
                para.location,
                found=para.text.strip(),
                expected=para.text.strip().upper(),
            )
        c.formatting("HD36-6", para, spec, what)


def issuer_line(c: Checker) -> str | None:
    """Return the literal text of the issuer line (the line just above ``*``), if any."""
    star = c.find(c.doc.header, lambda t: t == c.profile.star_text)
    if star is None:
        return None
    header = c.doc.header
    above = [p for p in header[: header.index(star)] if p.cell == star.cell and p.text.strip()]
    return " ".join(literal(above[-1].text).split()) if above else None


def by_committee(c: Checker) -> bool:
    """Return whether the document is issued by a đảng ủy (its issuer line says so)."""
    line = issuer_line(c)
    return line is not None and line.startswith(c.profile.committee_issuer_prefixes)


def check_number_line(c: Checker) -> None:
    """Rule 7: the số line ``Số 05-NQ/CB``, 14 pt upright, no colon."""
    pr = c.profile
    para = c.find(c.doc.header, lambda t: t.startswith("Số"))
    if para is None and c.doc.kind == "BB" and pr.minutes_may_be_unnumbered:
        return
    doc_type = pr.document_types.get(c.doc.kind or "")
    if para is None and doc_type is not None and not doc_type.numbered:
        return
    if para is None:
        c.report(
            "HD36-7",
            message("the header has no số line"),
            "header",
            expected=message("e.g. {example!r}", example="Số 05-NQ/CB"),
        )
        return
    text = " ".join(para.text.split())
    if re.match(r"Số\s*:", text):
        c.report(
            "HD36-7",
            message("no colon after 'Số' in a Party document"),
            para.location,
            found=text,
            expected="'Số 05-NQ/CB'",
        )
    elif not para.templated:
        match = pr.number_line_pattern.match(text)
        if match is None:
            c.report(
                "HD36-7",
                message("the số line does not match 'Số <nn>-<TYPE>/<ISSUER>'"),
                para.location,
                found=text,
                expected=message("e.g. {example!r}", example="Số 05-NQ/CB"),
            )
        elif _title_code(c) not in (None, match.group(1)):
            c.report(
                "HD36-7",
                message("the type abbreviation in the số line does not match the type name"),
                para.location,
                found=match.group(1),
                expected=_title_code(c),
            )
        elif match.group(2) != pr.issuer_abbreviation and not by_committee(c):
            c.report(
                "HD36-7",
                message("the issuer abbreviation of a chi bộ is usually 'CB'"),
                para.location,
                aspect="issuer",
                found=match.group(2),
                expected=pr.issuer_abbreviation,
            )
    c.formatting("HD36-7", para, pr.number_line, message("the số line"))


def _title_code(c: Checker) -> str | None:
    if c.doc.type_name is None:
        return None
    found = c.profile.type_for_title(" ".join(c.doc.paras[c.doc.type_name].text.split()))
    return found.code if found else None


def check_date_line(c: Checker) -> None:
    """Rule 8: the date line ``<place>, ngày DD tháng M năm YYYY``, 14 pt italic."""
    pr = c.profile
    para = c.find(c.doc.header, lambda t: "ngày" in t and "tháng" in t) or _templated_date(c)
    if para is None:
        c.report(
            "HD36-8",
            message("the header has no date line"),
            "header",
            expected=message("'<place>, ngày DD tháng M năm YYYY'"),
        )
        return
    text = " ".join(para.text.split())
    fixed = literal(text)
    bad = re.search(r"ngày [1-9]\b|tháng (0[3-9]|1\b|2\b)", fixed)
    if bad or (not para.templated and not pr.date_line_pattern.match(text)):
        c.report(
            "HD36-8",
            message(
                "the date line must read '<place>, ngày DD tháng M năm YYYY' (day padded, month "
                "padded only for 01 and 02)"
            ),
            para.location,
            found=bad.group(0) if bad else text,
            expected=message("e.g. {example!r}", example="Hà Nội, ngày 03 tháng 4 năm 2018"),
        )
    c.formatting("HD36-8", para, pr.date_line, message("the date line"))


def _templated_date(c: Checker) -> Para | None:
    """Return the templated line after ĐẢNG CỘNG SẢN VIỆT NAM that is not the số line."""
    header, title = c.doc.header, party_title(c)
    start = header.index(title) + 1 if title in header else 0
    column = title.cell.column if title is not None and title.cell is not None else None
    for para in header[start:]:
        if column is not None and para.cell is not None and para.cell.column != column:
            continue  # the date line sits in the column of ĐẢNG CỘNG SẢN VIỆT NAM
        text = para.text.strip()
        if text and not text.startswith("Số") and text != c.profile.star_text:
            return para if para.templated else None
    return None


# -- title block, rules 9-10 -----------------------------------------------------------------------
def check_title_block(c: Checker) -> None:
    """Rule 9: the type name and the trích yếu, centred and bold."""
    pr, doc = c.profile, c.doc
    if doc.kind == "CV":
        number = c.find(doc.header, lambda t: t.startswith("Số"))
        after = _next(c, number) if number else None
        if after is not None:
            c.formatting(
                "HD36-9", after, pr.letter_excerpt, message("the trích yếu of a công văn")
            )
        return
    if doc.type_name is None:
        c.report(
            "HD36-9",
            message("no type name (e.g. 'NGHỊ QUYẾT') under the header"),
            "body",
            expected=message("the type name in bold capitals, centred"),
        )
        return
    title = doc.paras[doc.type_name]
    if not in_capitals(title.text):
        c.report(
            "HD36-9",
            message("the type name must be in capitals"),
            title.location,
            found=title.text.strip(),
        )
    type_name = message("the type name")
    c.formatting("HD36-9", title, pr.type_name, type_name)
    c.centred("HD36-9", title, type_name)
    if not doc.excerpt:
        c.report(
            "HD36-9",
            message("no trích yếu under the type name"),
            title.location,
            expected=message("e.g. {example!r}, bold, centred",
                             example="về lãnh đạo thực hiện nhiệm vụ …"),
        )
    for para in doc.excerpt:
        c.formatting("HD36-9", para, pr.excerpt, message("the trích yếu"))
    first = literal(doc.excerpt[0].text).strip() if doc.excerpt else ""
    if first[:1].isupper() and doc.kind != "BB":
        c.report(
            "HD36-9",
            message("the trích yếu starts with a lower-case letter"),
            doc.excerpt[0].location,
            found=first[:12],
            expected=message("e.g. {example!r}", example="về …"),
        )


def check_separator(c: Checker) -> None:
    """Rule 10: a centred ``-----`` separator under the trích yếu."""
    doc = c.doc
    if doc.kind == "CV" or doc.type_name is None:
        return
    if doc.separator is None:
        where = (doc.excerpt[-1] if doc.excerpt else doc.paras[doc.type_name]).location
        c.report(
            "HD36-10",
            message("no '-----' separator under the trích yếu"),
            where,
            expected=c.profile.separator_text,
        )
    else:
        c.centred("HD36-10", doc.separator, message("the separator"))
