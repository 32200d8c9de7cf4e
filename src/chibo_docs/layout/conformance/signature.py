"""Rules 13–16 of format-hd36.md §8: signature, recipients, minutes' columns, page numbers."""

from __future__ import annotations

import re
from typing import Any

from chibo_docs.i18n import Message, message
from chibo_docs.layout.conformance.context import Checker
from chibo_docs.layout.conformance.header import by_committee
from chibo_docs.layout.profiles import twips_to_mm
from chibo_docs.location import Location
from chibo_docs.ooxml.formatting import Para, iter_paragraphs
from chibo_docs.ooxml.namespaces import R, w
from chibo_docs.ooxml.reading import Part
from chibo_docs.ooxml.tags import literal

__all__ = ["check_minutes", "check_page_numbers", "check_recipients", "check_signature"]

_R_ID = R + "id"


def _following(c: Checker, para: Para) -> list[Para]:
    """Return the non-empty, non-tag paragraphs after ``para`` in the same cell (or body)."""
    paras = c.doc.paras
    out = []
    for p in paras[paras.index(para) + 1 :]:
        if p.cell != para.cell:
            break
        if p.text.strip() and not p.is_tag_only:
            out.append(p)
    return out


def _either(texts: tuple[str, ...]) -> str | Message:
    """Quote ``texts`` as alternatives: ``'BÍ THƯ' or 'PHÓ BÍ THƯ'`` in the reader's language."""
    quoted = [repr(t) for t in texts]
    if len(quoted) == 1:
        return quoted[0]
    return message("{first} or {last}", first=", ".join(quoted[:-1]), last=quoted[-1])


def _text(para: Para) -> str:
    return " ".join(para.text.split())


def check_signature(c: Checker) -> None:
    """Rule 13: ``T/M CHI BỘ`` (bold), ``BÍ THƯ`` (not bold), then the name in bold."""
    pr = c.profile
    for p in c.doc.signature + c.doc.body:
        text = _text(p)
        if text.startswith(pr.forbidden_signature_prefixes):
            c.report(
                "HD36-13",
                message(
                    "a chi bộ signs 'T/M CHI BỘ' (state 'TM.', 'KT.', 'TL.' and 'K/T' do not "
                    "apply)"
                ),
                p.location,
                found=text,
                expected="'T/M CHI BỘ'",
            )
    if c.doc.kind == "BB":
        return
    authority = c.find(c.doc.signature, lambda t: t.startswith("T/M")) or _templated_authority(c)
    if authority is None:
        c.report(
            "HD36-13",
            message("no signature block 'T/M CHI BỘ'"),
            "end of document",
            expected=message("'T/M CHI BỘ' / 'BÍ THƯ' / name"),
        )
        return
    committee = by_committee(c)
    allowed = pr.committee_signing_authorities if committee else pr.signing_authorities
    if not authority.templated and _text(authority) not in allowed:
        c.report(
            "HD36-13",
            message(
                "the signing authority of a {body} is {authority!r}",
                body="đảng ủy" if committee else "chi bộ",
                authority=allowed[0],
            ),
            authority.location,
            found=_text(authority),
            expected=_either(allowed),
        )
    c.formatting(
        "HD36-13", authority, pr.signing_authority, message("the signing authority"),
        aspect="style",
    )
    after = _following(c, authority)
    if not after:
        c.report(
            "HD36-13",
            message("no chức vụ ('BÍ THƯ') under the signing authority"),
            authority.location,
            aspect="style",
            expected=_either(pr.positions),
        )
        return
    position = after[0]
    if not position.templated and _text(position) not in pr.positions:
        c.report(
            "HD36-13",
            message("the chức vụ is 'BÍ THƯ' or 'PHÓ BÍ THƯ', without the body's name"),
            position.location,
            aspect="style",
            found=_text(position),
            expected=_either(pr.positions),
        )
    c.formatting("HD36-13", position, pr.position, message("the chức vụ"), aspect="style")
    if len(after) < 2:
        c.report(
            "HD36-13",
            message("no signer's name under the chức vụ"),
            position.location,
            aspect="style",
            expected=message("the name in bold"),
        )
    else:
        c.formatting(
            "HD36-13", after[1], pr.signer_name, message("the signer's name"), aspect="style"
        )


def _templated_authority(c: Checker) -> Para | None:
    """Return the first line of the right signature column when a tag writes it, else None."""
    right = [
        p
        for p in c.doc.signature
        if p.cell is not None and p.cell.column > 1 and p.text.strip() and not p.is_tag_only
    ]
    return right[0] if right and right[0].templated else None


def check_recipients(c: Checker) -> None:
    """Rule 14: ``Nơi nhận:`` underlined 14 pt bottom left, items ``- …`` 12 pt, last ``- Lưu``."""
    pr = c.profile
    label = c.find(c.doc.signature, lambda t: t.startswith("Nơi nhận"))
    if label is None:
        doc_type = pr.document_types.get(c.doc.kind or "")
        if c.doc.kind != "BB" and (doc_type is None or doc_type.recipients):
            c.report(
                "HD36-14",
                message("no 'Nơi nhận:' block"),
                "end of document",
                expected=message("'Nơi nhận:' and the recipients, bottom left"),
            )
        return
    if _text(label) != pr.recipients_label_text:
        c.report(
            "HD36-14",
            message("the label reads 'Nơi nhận:'"),
            label.location,
            found=_text(label),
            expected=pr.recipients_label_text,
        )
    c.formatting("HD36-14", label, pr.recipients_label, "'Nơi nhận:'", underline=True)
    if label.cell is None or label.cell.column != 1:
        c.report(
            "HD36-14",
            message("'Nơi nhận:' belongs in the bottom-left cell of the signature table"),
            label.location,
            expected=message("left column"),
        )
    items = _following(c, label)
    if not items:
        c.report(
            "HD36-14",
            message("no recipients under 'Nơi nhận:'"),
            label.location,
            expected=message("'- …' lines ending with '- Lưu …'"),
        )
        return
    for item in items:
        if not literal(item.text).lstrip().startswith("- ") and not item.text.lstrip().startswith(
            "{{"
        ):
            c.report(
                "HD36-14",
                message("each recipient line starts with '- '"),
                item.location,
                found=_text(item)[:20],
                expected="'- …'",
            )
        c.formatting("HD36-14", item, pr.recipient, message("a recipient line"))
    last = _text(items[-1])
    filled_by_a_tag = items[-1].templated and not literal(last).strip(" -.,;")
    if not filled_by_a_tag and not last.startswith(pr.last_recipient_prefix):
        c.report(
            "HD36-14",
            message("the last recipient line is the file copy"),
            items[-1].location,
            found=_text(items[-1])[:20],
            expected="'- Lưu …'",
        )


def check_minutes(c: Checker) -> None:
    """Rule 15: a biên bản has two signature columns and a number with ``-BB/``."""
    pr = c.profile
    if c.doc.kind != "BB":
        return
    number = c.find(c.doc.header, lambda t: t.startswith("Số"))
    found = re.search(r"-(\w+)/", literal(number.text)) if number else None
    if number is not None and found and found.group(1) != "BB":
        c.report(
            "HD36-15",
            message("a biên bản is numbered '-BB/'"),
            number.location,
            found=found.group(0),
            expected="-BB/",
        )
    rows: dict[tuple[int, int], dict[int, set[str]]] = {}
    for p in c.doc.paras:
        if p.cell is not None:
            rows.setdefault((p.cell.table, p.cell.row), {}).setdefault(p.cell.column, set()).add(
                _text(p)
            )
    for cells in rows.values():
        if (
            len(cells) >= 2
            and cells[min(cells)] & set(pr.minutes_left_titles)
            and cells[max(cells)] & set(pr.minutes_right_titles)
        ):
            return
    c.report(
        "HD36-15",
        message("a biên bản needs two signature columns: secretary left, chair right"),
        "end of document",
        aspect="columns",
        expected=f"{pr.minutes_left_titles[0]!r} | {pr.minutes_right_titles[0]!r}",
    )


def _has_page_field(root: Any) -> Any:
    """Return the ``w:p`` holding a PAGE field in ``root``, or None."""
    for el in root.iter(w("fldSimple"), w("instrText")):
        instr = el.get(w("instr")) if el.tag == w("fldSimple") else el.text
        if instr and re.match(r"\s*PAGE\b", instr):
            p = el.getparent()
            while p is not None and p.tag != w("p"):
                p = p.getparent()
            return p
    return None


def check_page_numbers(c: Checker) -> None:
    """Rule 16 (.docx side): titlePg, a centred 14 pt PAGE field in the header, header at 10 mm."""
    pr = c.profile
    sections = c.sections()
    if not sections:
        c.report(
            "HD36-16",
            message("the document has no section properties"),
            Location(c.pkg.main.label),
            expected=message("w:sectPr with titlePg and a header"),
        )
        return
    sect = sections[-1]
    title_pg = sect.find(w("titlePg"))
    if title_pg is None or title_pg.get(w("val")) in ("0", "false", "off"):
        c.report(
            "HD36-16",
            message("page 1 must not show a number: 'different first page' (w:titlePg) is off"),
            "section properties",
            expected="w:titlePg",
        )
    mar = sect.find(w("pgMar"))
    distance = int(mar.get(w("header"), -9999)) if mar is not None else -9999
    if abs(distance - pr.margins.header) > pr.margins.tolerance:
        c.report(
            "HD36-16",
            message("the page number sits 10 mm from the top edge"),
            "section properties",
            found=message("{length} mm", length=twips_to_mm(distance)),
            expected=message("{length} mm", length=twips_to_mm(pr.margins.header)),
        )
    refs = {
        ref.get(w("type")): rel.target if (rel := c.pkg.rels.get(ref.get(_R_ID, ""))) else ""
        for ref in sect.iterfind(w("headerReference"))
    }
    default = refs.get("default")
    root = c.pkg.xml(default) if default else None
    field = _has_page_field(root) if root is not None else None
    if field is None:
        c.report(
            "HD36-16",
            message("no PAGE field in the page header"),
            Location(Part(default, "header").label) if default else "section properties",
            expected=message("a centred PAGE field, 14 pt"),
        )
    else:
        para = next(
            (p for p in iter_paragraphs(c.pkg, root, Part(str(default), "header")) if p.element is field),
            None,
        )
        if para is not None:
            c.centred("HD36-16", para, message("the page number"))
            c.formatting("HD36-16", para, pr.page_number, message("the page number"))
    first = refs.get("first")
    if first:
        root = c.pkg.xml(first)
        if _has_page_field(root) is not None or "".join(root.itertext()).strip():
            c.report(
                "HD36-16",
                message("the first-page header must be empty"),
                Location(Part(first, "header").label),
                expected=message("no text, no PAGE field"),
            )
