"""Write conformant .docx forms from a declarative description.

A form is a :class:`FormSpec`: the header (issuer, số, date line), the title (type name and
trích yếu), body blocks, and the signature block. :func:`build_docx` lays it out as the
:class:`~chibo_docs.layout.profiles.LayoutProfile` says (HD 36 by default) and returns the bytes of the
.docx; the same spec always gives the same bytes.

Any text may hold Jinja/docxtpl tags (``{{ meeting.date | date_line }}``, ``{%p if … %}``);
each piece of text is written as ONE run, so a tag is never split and docxtpl can render it.
Paragraph tags (``{%p for … %}``) go in a :class:`TemplateTag` block of their own, table row
loops in :attr:`Table.loop`.

>>> spec = FormSpec(
...     header=Header(issuer="CHI BỘ XÓM ĐỊNH THÀNH", upper_line="ĐẢNG BỘ XÃ TIÊN PHONG",
...                   number_line="Số 05-NQ/CB", date_line="Tiên Phong, ngày 05 tháng 02 năm 2026"),
...     title=Title("NGHỊ QUYẾT", "về lãnh đạo thực hiện nhiệm vụ tháng 02 năm 2026"),
...     body=(Heading("I- KẾT QUẢ"), Paragraph("Chi bộ đã hoàn thành nhiệm vụ.")),
...     signature=Signature(name="Nguyễn Văn A"),
...     recipients=("Đảng ủy xã Tiên Phong,", "Lưu Chi bộ."),
... )
>>> build_docx(spec) == build_docx(spec)
True
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import docx
from docx.shared import Twips

from chibo_docs.errors import FormError
from chibo_docs.i18n import message
from chibo_docs.layout import docx_writing as xml
from chibo_docs.layout.docx_writing import Align, ParagraphFormat
from chibo_docs.layout.profiles import HD36, LayoutProfile, TextFormat
from chibo_docs.output_files import write_atomically

__all__ = [
    "Block",
    "Bullet",
    "FormSpec",
    "Header",
    "Heading",
    "MinutesSignatures",
    "Paragraph",
    "Run",
    "Signature",
    "SubHeading",
    "Table",
    "TemplateTag",
    "Title",
    "build_docx",
    "write_docx",
]

_CREATED = "2000-01-01T00:00:00Z"
_CELL_MARGINS = 216  # left + right default cell margins of the Normal Table style
_RULE_SLACK = 1.04  # the rule under the party title is 4 % wider than the text, so it never wraps


@dataclass(frozen=True, slots=True)
class Header:
    """The header block: issuer on the left, ĐẢNG CỘNG SẢN VIỆT NAM and the date on the right."""

    issuer: str
    """Tên cơ quan ban hành, e.g. ``"CHI BỘ XÓM ĐỊNH THÀNH"`` (bold)."""
    number_line: str
    """Số và ký hiệu, e.g. ``"Số 05-NQ/CB"`` or ``"Số {{ document.number }}-NQ/CB"``."""
    date_line: str
    """Địa danh, ngày tháng năm, e.g. ``"Tiên Phong, ngày 05 tháng 02 năm 2026"`` (italic)."""
    upper_line: str | None = None
    """Tên cơ quan cấp trên trực tiếp, e.g. ``"ĐẢNG BỘ XÃ TIÊN PHONG"`` (not bold)."""


@dataclass(frozen=True, slots=True)
class Title:
    """Tên loại (``"NGHỊ QUYẾT"``) and the trích yếu lines under it, then a ``-----`` line."""

    type_name: str
    excerpt: str | tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a paragraph with its own emphasis; its text stays in one run."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph: justified with a first-line indent unless told otherwise.

    ``keep_next`` keeps it on the page of what follows (e.g. the last sentence before the
    signature block).
    """

    content: str | tuple[Run, ...]
    align: Align = "both"
    indent: bool = True
    bold: bool = False
    italic: bool = False
    keep_next: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    """A top-level heading ``I- TITLE`` (bold); write the numeral yourself."""

    text: str


@dataclass(frozen=True, slots=True)
class SubHeading:
    """A numbered sub-heading such as ``1. Công tác chính trị, tư tưởng`` (bold)."""

    text: str


@dataclass(frozen=True, slots=True)
class Bullet:
    """A ``- `` paragraph; the dash is added."""

    text: str


@dataclass(frozen=True, slots=True)
class TemplateTag:
    """A docxtpl paragraph tag on a paragraph of its own, e.g. ``{%p for x in items %}``."""

    tag: str


@dataclass(frozen=True, slots=True)
class Table:
    """A bordered table with a bold header row (repeated on each page).

    ``rows`` are written as they are; with ``loop`` (``"task in plan.tasks"``) they are wrapped
    in docxtpl ``{%tr for … %}`` / ``{%tr endfor %}`` rows, so they repeat once per item.
    ``widths`` are relative column widths (equal by default); ``align`` the alignment of each
    column's body cells (left by default; header cells are always centred).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()
    loop: str | None = None
    widths: tuple[float, ...] | None = None
    align: tuple[Align, ...] | None = None


Block: TypeAlias = Paragraph | Heading | SubHeading | Bullet | TemplateTag | Table


@dataclass(frozen=True, slots=True)
class Signature:
    """Thể thức đề ký of a collective body: ``T/M CHI BỘ`` / ``BÍ THƯ`` / space / name."""

    name: str
    authority: str = "T/M CHI BỘ"
    position: str = "BÍ THƯ"
    left_title: str | None = None
    """A signature on the left instead of 'Nơi nhận:' (e.g. the upper-level committee member
    who confirms a scorecard): its title in bold, ``left_position`` under it, then room to
    sign and ``left_name``, on the lines of the right column's."""
    left_position: str = ""
    left_name: str = ""


@dataclass(frozen=True, slots=True)
class MinutesSignatures:
    """The two signature columns of a biên bản: secretary on the left, chair on the right."""

    left_name: str
    right_name: str
    left_title: str = "THƯ KÝ"
    right_title: str = "CHỦ TRÌ"


@dataclass(frozen=True, slots=True)
class FormSpec:
    """Everything on a form, top to bottom."""

    header: Header
    title: Title
    body: tuple[Block, ...]
    signature: Signature | MinutesSignatures
    recipients: tuple[str | TemplateTag, ...] = ()
    """Nơi nhận lines without the leading ``- ``; the last one should be ``Lưu …``."""


_TAG_PAIRS = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"))


def _text(value: str) -> str:
    text = unicodedata.normalize("NFC", value)
    if re.search(r"[\x00-\x08\x0a-\x1f]", text):
        raise FormError(
            message("text {text!r} holds a line break or control character; put each line in "
                    "its own block", text=value)
        )
    for opening, closing in _TAG_PAIRS:
        if text.count(opening) != text.count(closing):
            raise FormError(
                message("text {text!r} has an unclosed {opening!r} tag; a tag must open and "
                        "close in the same piece of text", text=value, opening=opening)
            )
    return text


class _Writer:
    """Turn a spec into block elements for one profile."""

    def __init__(self, profile: LayoutProfile) -> None:
        self.profile = profile
        self.font = profile.font
        s = profile.spacing
        self.body_format = ParagraphFormat(
            align="both", first_line=s.first_line_indent, after=s.space_after, line=s.line
        )

    def p(self, text: str, fmt: TextFormat, pfmt: ParagraphFormat | None = None) -> Any:
        runs = [xml.run(_text(text), fmt, self.font)] if text else []
        return xml.paragraph(runs, pfmt or ParagraphFormat(align="center"), fmt, self.font)

    def runs_p(self, runs: Sequence[Run], fmt: TextFormat, pfmt: ParagraphFormat) -> Any:
        made = [
            xml.run(
                _text(r.text),
                TextFormat(fmt.size, bold=r.bold, italic=r.italic, underline=r.underline),
                self.font,
            )
            for r in runs
        ]
        return xml.paragraph(made, pfmt, fmt, self.font)

    def header(self, header: Header) -> Any:
        pr = self.profile
        left_width, right_width = pr.header_columns
        target = round(pr.party_title_width * _RULE_SLACK)
        side = max(0, (right_width - _CELL_MARGINS - target) // 2)
        left = [self.p(header.upper_line, pr.upper_line)] if header.upper_line else []
        left += [self.p(header.issuer, pr.issuer_line), self.p(pr.star_text, pr.star)]
        title_fmt = ParagraphFormat(align="center", left=side, right=side, bottom_rule=True)
        right = [self.p(pr.party_title_text, pr.party_title, title_fmt)]
        second = ParagraphFormat(align="center", before=120)
        row2 = [
            [self.p(header.number_line, pr.number_line, second)],
            [self.p(header.date_line, pr.date_line, second)],
        ]
        return xml.table(pr.header_columns, [[left, right], row2])

    def title(self, title: Title) -> list[Any]:
        pr = self.profile
        lines = (title.excerpt,) if isinstance(title.excerpt, str) else title.excerpt
        out = [
            self.p(
                title.type_name,
                pr.type_name,
                ParagraphFormat(align="center", before=480, keep_next=True),
            )
        ]
        out += [
            self.p(line, pr.excerpt, ParagraphFormat(align="center", keep_next=True))
            for line in lines
        ]
        out.append(
            self.p(pr.separator_text, pr.separator, ParagraphFormat(align="center", after=240))
        )
        return out

    def block(self, block: Block) -> Any:
        pr, body = self.profile, self.body_format
        if isinstance(block, Paragraph):
            pfmt = ParagraphFormat(
                align=block.align,
                first_line=body.first_line if block.indent else 0,
                after=body.after,
                line=body.line,
                keep_next=block.keep_next,
            )
            fmt = TextFormat(pr.body.size, bold=block.bold, italic=block.italic)
            if isinstance(block.content, str):
                return self.p(block.content, fmt, pfmt)
            return self.runs_p(block.content, fmt, pfmt)
        if isinstance(block, Heading | SubHeading):
            pfmt = ParagraphFormat(
                align="both",
                first_line=body.first_line,
                before=120,
                after=body.after,
                line=body.line,
                keep_next=True,
            )
            return self.p(block.text, pr.heading, pfmt)
        if isinstance(block, Bullet):
            return self.p("- " + block.text, pr.body, body)
        if isinstance(block, TemplateTag):
            return self.p(block.tag, pr.body, ParagraphFormat())
        return self.table(block)

    def spacer(self) -> Any:
        """Return the empty paragraph that follows a body table (one space-after high)."""
        gap = TextFormat(self.profile.spacing.space_after / 20)
        return xml.paragraph([], ParagraphFormat(), gap, self.font)

    def table(self, table: Table) -> Any:
        pr = self.profile
        count = len(table.header)
        weights = table.widths or (1.0,) * count
        left: Align = "left"
        aligns = table.align or (left,) * count
        if (
            len(weights) != count
            or len(aligns) != count
            or any(len(row) != count for row in table.rows)
        ):
            raise FormError(
                message("table with header {header} has rows, widths or alignments of another "
                        "length; give {count} per row", header=repr(table.header), count=count)
            )
        widths = [round(pr.text_width * w / sum(weights)) for w in weights]
        cell = ParagraphFormat(align="left")
        head_fmt = TextFormat(pr.table_cell.size, bold=True)
        rows = [
            [[self.p(text, head_fmt, ParagraphFormat(align="center"))] for text in table.header]
        ]
        body_rows = [
            [
                [self.p(text, pr.table_cell, ParagraphFormat(align=align))]
                for text, align in zip(row, aligns, strict=True)
            ]
            for row in table.rows
        ]
        if table.loop is not None:
            empty = [[self.p("", pr.table_cell, cell)] for _ in range(count - 1)]
            body_rows.insert(
                0, [[self.p(f"{{%tr for {table.loop} %}}", pr.table_cell, cell)], *empty]
            )
            body_rows.append([[self.p("{%tr endfor %}", pr.table_cell, cell)], *empty])
        return xml.table(widths, rows + body_rows, borders=True, header_rows=1)

    def signature(self, spec: FormSpec) -> Any:
        pr = self.profile
        first = ParagraphFormat(align="center", before=240)

        def blanks() -> list[Any]:  # fresh elements for each column: an element has one parent
            return [self.p("", pr.position) for _ in range(pr.signature_blank_lines)]

        sig = spec.signature
        if isinstance(sig, MinutesSignatures):
            if spec.recipients:
                raise FormError(
                    message("a biên bản has no 'Nơi nhận:' block here; leave recipients empty "
                            "for MinutesSignatures")
                )
            columns = [
                [
                    self.p(title, pr.signing_authority, first),
                    *blanks(),
                    self.p(name, pr.signer_name),
                ]
                for title, name in (
                    (sig.left_title, sig.left_name),
                    (sig.right_title, sig.right_name),
                )
            ]
            return xml.table(pr.signature_columns, [columns])
        right = [
            self.p(sig.authority, pr.signing_authority, first),
            self.p(sig.position, pr.position),
            *blanks(),
            self.p(sig.name, pr.signer_name),
        ]
        if sig.left_title is not None:
            if spec.recipients:
                raise FormError(message(
                    "a signature on the left takes the place of 'Nơi nhận:'; give one of the two"
                ))
            left = [
                self.p(sig.left_title, pr.signing_authority, first),
                self.p(sig.left_position, pr.position),
                *blanks(),
                self.p(sig.left_name, pr.signer_name),
            ]
            return xml.table(pr.signature_columns, [[left, right]])
        left = (
            [
                self.p(
                    pr.recipients_label_text,
                    pr.recipients_label,
                    ParagraphFormat(align="left", before=240),
                )
            ]
            if spec.recipients
            else [self.p("", pr.recipient)]
        )
        for item in spec.recipients:
            text = item.tag if isinstance(item, TemplateTag) else "- " + item
            left.append(self.p(text, pr.recipient, ParagraphFormat(align="left")))
        return xml.table(pr.signature_columns, [[left, right]])


def build_docx(spec: FormSpec, *, profile: LayoutProfile = HD36) -> bytes:
    """Return the .docx bytes of ``spec`` laid out per ``profile``; equal specs give equal bytes.

    Raises:
        FormError: a text holds a line break or a tag that does not close in the same text,
            or a table's rows do not match its header.
    """
    document = docx.Document(io.BytesIO(xml.blank_package(profile, created=_CREATED)))
    _page_setup(document, profile)
    writer = _Writer(profile)
    blocks = [writer.header(spec.header), *writer.title(spec.title)]
    for block in spec.body:
        blocks.append(writer.block(block))
        if isinstance(block, Table):
            blocks.append(writer.spacer())
    blocks.append(writer.signature(spec))
    sect_pr = document.element.body.sectPr
    for block in blocks:
        sect_pr.addprevious(block)
    buffer = io.BytesIO()
    document.save(buffer)
    return xml.reproducible_zip(buffer.getvalue())


def write_docx(spec: FormSpec, dest: str | Path, *, profile: LayoutProfile = HD36) -> Path:
    """Write :func:`build_docx` of ``spec`` to ``dest`` and return its path.

    Written whole or not at all, missing folders created; :class:`OutputError` when it
    cannot be written.
    """
    return write_atomically(dest, build_docx(spec, profile=profile))


def _page_setup(document: Any, profile: LayoutProfile) -> None:
    section = document.sections[0]
    page, margins = profile.page, profile.margins
    section.page_width, section.page_height = Twips(page.width), Twips(page.height)
    section.top_margin, section.bottom_margin = Twips(margins.top), Twips(margins.bottom)
    section.left_margin, section.right_margin = Twips(margins.left), Twips(margins.right)
    section.header_distance = section.footer_distance = Twips(margins.header)
    section.gutter = Twips(0)
    section.different_first_page_header_footer = True
    for header, content in (
        (section.header, xml.page_number_paragraph(profile.page_number, profile.font)),
        (
            section.first_page_header,
            xml.paragraph([], ParagraphFormat(), profile.page_number, profile.font),
        ),
    ):
        header.is_linked_to_previous = False
        root = header._element
        for child in list(root):
            root.remove(child)
        root.append(content)
