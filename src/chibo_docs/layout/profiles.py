"""The official layout of a Party document (thể thức văn bản của Đảng), as data.

Every number the form builder writes and the conformance checker checks lives here, in one
frozen :class:`LayoutProfile`. :data:`HD36` is the profile of Hướng dẫn 36-HD/VPTW (2018) for
documents issued by a chi bộ. Each value carries its source and a confidence tag:

- ``P`` primary: HD 36 text quoted on a legal portal, or the header of an official document;
- ``S`` secondary: compilations of HD 36 in public tools (UNCONFIRMED against the primary text);
- ``X`` practice: seen in real Party documents, not a written rule.

The section numbers in the sources refer to ``shared/reference/format-hd36.md``. To change an
unconfirmed value (e.g. when Hướng dẫn 05-HD/VPTW is confirmed), derive a new profile with
:func:`dataclasses.replace` and pass it to the builder and the checker:

>>> import dataclasses
>>> HD36.margins.left, HD36.margins.tag
(1701, 'S')
>>> wider = dataclasses.replace(HD36, margins=dataclasses.replace(HD36.margins, left=1984))
>>> wider.margins.left, HD36.margins.left
(1984, 1701)
>>> mm_to_twips(20), mm_to_twips(15), twips_to_mm(567)
(1134, 850, 10.0)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from chibo_docs.i18n import N_, Message, message
from chibo_docs.problems import Severity

__all__ = [
    "HD36",
    "DocumentType",
    "LayoutProfile",
    "Margins",
    "PageSetup",
    "Rule",
    "Spacing",
    "Tag",
    "TextFormat",
    "mm_to_twips",
    "twips_to_mm",
]

Tag = Literal["P", "S", "X"]
"""Confidence of a value: primary, secondary (unconfirmed), practice."""

# Sources are printed with each finding, in the reader's language (N_: in the catalog).
_PL3 = N_("HD 36 Phụ lục 3 (thuvienphapluat 40E84), format-hd36 §2.1")
_PL3_TITLE = N_("HD 36 Phụ lục 3 (thuvienphapluat 40E51, 40E84), format-hd36 §2.1")
_WP37 = N_("wp37/vbdang quy_tac_the_thuc_dang.md (HD 36 compilation), format-hd36 §1–§2")
_SIGN = N_("wp37/vbdang and 2 more tools agree, format-hd36 §2.7")
_RECIPIENTS = N_("wp37/vbdang and 2 more tools agree, format-hd36 §2.9")
_PAGE_SOURCE = N_("HD 36 Mục II (vinhuni summary): A4 210 × 297 mm, format-hd36 §1")
_MARGINS_SOURCE = N_(
    "wp37/vbdang quy_tac_the_thuc_dang.md (HD 36 compilation), format-hd36 §1–§2; "
    "3 more 2026 tools agree; UNCONFIRMED vs primary"
)


def mm_to_twips(mm: float) -> int:
    """Return ``mm`` millimetres in twips (1/1440 inch), rounded."""
    return round(mm * 1440 / 25.4)


def twips_to_mm(twips: int) -> float:
    """Return ``twips`` in millimetres, rounded to 0.1 mm."""
    return round(twips * 25.4 / 1440, 1)


@dataclass(frozen=True, slots=True)
class TextFormat:
    """The character format of one component: what the builder writes, what the checker accepts.

    >>> TextFormat(16, bold=True, sizes=(15, 16)).allows_size(15)
    True
    """

    size: float
    """Size in points that the builder writes."""
    bold: bool = False
    italic: bool = False
    underline: bool = False
    sizes: tuple[float, ...] = ()
    """Sizes the checker accepts; empty means only :attr:`size`."""
    tag: Tag = "P"
    source: str = _PL3

    def allows_size(self, size: float) -> bool:
        """Return whether the checker accepts ``size`` points for this component."""
        return size in (self.sizes or (self.size,))

    @property
    def allowed(self) -> str:
        """Describe the accepted sizes, e.g. ``"15–16 pt"``."""
        return self.allowed_text.text("en")

    @property
    def allowed_text(self) -> Message:
        """Describe the accepted sizes in the reader's language (``10,5 pt`` in Vietnamese).

        >>> TextFormat(16, sizes=(15, 16)).allowed_text.text("en")
        '15–16 pt'
        """
        sizes = self.sizes or (self.size,)
        low, high = min(sizes), max(sizes)
        if low == high:
            return message("{size} pt", size=float(low))
        return message("{low}–{high} pt", low=float(low), high=float(high))


@dataclass(frozen=True, slots=True)
class PageSetup:
    """Paper size in twips (portrait)."""

    width: int = 11906
    height: int = 16838
    tag: Tag = "P"
    source: str = _PAGE_SOURCE


@dataclass(frozen=True, slots=True)
class Margins:
    """Front-page margins and header distance in twips; duplex pages mirror left and right."""

    top: int = 1134  # 20 mm
    bottom: int = 1134  # 20 mm
    left: int = 1701  # 30 mm
    right: int = 850  # 15 mm
    header: int = 567  # 10 mm from the top edge to the page number
    tolerance: int = 28  # ±0.5 mm (format-hd36 §8)
    tag: Tag = "S"
    source: str = _MARGINS_SOURCE


@dataclass(frozen=True, slots=True)
class Spacing:
    """Body paragraph layout, in twips (line spacing in twips of an exact rule)."""

    first_line_indent: int = 567  # 10 mm
    indent_tolerance: int = 113  # ±2 mm (format-hd36 §8 rule 11)
    space_after: int = 120  # 6 pt, the minimum
    line: int = 360  # 18 pt exact, the minimum
    tag: Tag = "S"
    source: str = (
        "wp37/vbdang quy_tac_the_thuc_dang.md (HD 36 compilation), format-hd36 §1–§2 "
        "(18 pt, 6 pt, 10 mm); UNCONFIRMED"
    )


@dataclass(frozen=True, slots=True)
class DocumentType:
    """A document type (thể loại): its abbreviation in the number line and its type name."""

    code: str
    """Abbreviation in the số line, e.g. ``"NQ"`` in ``Số 05-NQ/CB``."""
    title: str
    """Type name in capitals as printed under the header, e.g. ``"NGHỊ QUYẾT"``."""
    chi_bo_may_issue: bool = True
    tag: Tag = "S"
    note: str = ""
    """Where the abbreviation comes from, when it is not in the HD 36 list."""
    numbered: bool = True
    """Whether the document has a số line (a form of a meeting, such as a scorecard, has none)."""
    recipients: bool = True
    """Whether the document has a 'Nơi nhận:' block."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A checkable rule of format-hd36.md §8; ``tags`` gives each aspect's confidence.

    ``title`` (what the rule says), ``source`` and ``hint`` (what to do about a breach, in
    Word) are written in English and shown in the reader's language
    (:func:`chibo_docs.i18n.translate`; they are in the catalog).
    """

    id: str
    title: str
    tags: Mapping[str, Tag]
    source: str
    hint: str = ""

    def tag(self, aspect: str = "main") -> Tag:
        """Return the confidence of ``aspect`` (``"main"`` when the rule has one)."""
        return self.tags.get(aspect, self.tags["main"])

    def severity(self, aspect: str = "main") -> Severity:
        """Return how a breach of ``aspect`` is reported: a secondary (``S``) one is a warning.

        Primary (``P``) and practice (``X``) aspects are errors.

        >>> rule = HD36.rules["HD36-7"]
        >>> rule.severity(), rule.severity("issuer")
        ('error', 'warning')
        """
        return "warning" if self.tag(aspect) == "S" else "error"


def _types(*types: DocumentType) -> Mapping[str, DocumentType]:
    return MappingProxyType({t.code: t for t in types})


_DOCUMENT_TYPES = _types(
    DocumentType("NQ", "NGHỊ QUYẾT", tag="X"),
    DocumentType("QĐ", "QUYẾT ĐỊNH", tag="P"),
    DocumentType("QĐi", "QUY ĐỊNH", chi_bo_may_issue=False),
    DocumentType("CT", "CHỈ THỊ", chi_bo_may_issue=False, tag="X"),
    DocumentType("KL", "KẾT LUẬN", tag="X"),
    DocumentType("QC", "QUY CHẾ"),
    DocumentType("TT", "THÔNG TRI", chi_bo_may_issue=False),
    DocumentType("HD", "HƯỚNG DẪN", chi_bo_may_issue=False, tag="P"),
    DocumentType("TB", "THÔNG BÁO"),
    DocumentType("BC", "BÁO CÁO"),
    DocumentType("KH", "KẾ HOẠCH", tag="X"),
    DocumentType("CTr", "CHƯƠNG TRÌNH"),
    DocumentType("ĐA", "ĐỀ ÁN"),
    DocumentType("PA", "PHƯƠNG ÁN"),
    DocumentType("TTr", "TỜ TRÌNH"),
    DocumentType("CV", "", tag="X"),  # công văn has no type name; its trích yếu sits under the số
    DocumentType("BB", "BIÊN BẢN", tag="P"),
    DocumentType(
        "GM",
        "GIẤY MỜI",
        note="UNCONFIRMED: no HD 36 abbreviation seen for giấy mời; GM by analogy with the "
        "other types (format-hd36 §3). A chi bộ may issue giấy tờ hành chính such as giấy mời "
        "(QĐ 399 Điều 11, 13 per public code files, UNCONFIRMED).",
    ),
    DocumentType(
        "PCĐ",
        "PHIẾU CHẤM ĐIỂM",
        numbered=False,
        recipients=False,
        note="UNCONFIRMED: a scorecard (phiếu chấm điểm chất lượng sinh hoạt chi bộ) is a form "
        "of the meeting, kept with its minutes: no số line and no 'Nơi nhận:' (as the score "
        "sheets of provincial frameworks, e.g. Nghệ An's Biểu 1, meeting-content.md §4); PCĐ by "
        "analogy with the other abbreviations, for a scorecard that is numbered.",
    ),
)


def _number_line_pattern(types: Mapping[str, DocumentType]) -> re.Pattern[str]:
    """The số line pattern: ``Số <nn>-<a type code>/<issuer>`` (format-hd36 §8 rule 7).

    The number may be left blank, as room for one written by hand (``Số     -GM/CB``, what an
    unnumbered giấy mời or skeleton prints; HD 16's blank form has ``Số …-BB/…``, format-hd36
    §4): the type code and the issuer are still checked.
    """
    codes = "|".join(re.escape(code) for code in sorted(types, key=len, reverse=True))
    return re.compile(
        rf"^Số (?:\d{{2,}}| *)-({codes})/([A-ZĐ][A-Za-zĐ]*(?:-[A-ZĐ][A-Za-zĐ]*)*)$"
    )

_RULES = (
    Rule(
        "HD36-1",
        N_("page is A4 portrait"),
        {"main": "P"},
        _PAGE_SOURCE,
        N_("set the page to A4, portrait (in Word: Layout > Size > A4; Orientation > Portrait)"),
    ),
    Rule(
        "HD36-2",
        N_("margins 20/20/30/15 mm"),
        {"main": "S"},
        _MARGINS_SOURCE,
        N_(
            "set the margins to top 20 mm, bottom 20 mm, left 30 mm, right 15 mm (in Word: "
            "Layout > Margins > Custom Margins)"
        ),
    ),
    Rule(
        "HD36-3",
        N_("Times New Roman everywhere"),
        {"main": "P"},
        N_("HD 36 Mục II (TCVN 6909:2001, Phụ lục 3 in Times New Roman), format-hd36 §1"),
        N_(
            "set every text, style, header and footer in Times New Roman (select all and "
            "choose the font, and change the styles that name another font)"
        ),
    ),
    Rule(
        "HD36-4",
        N_("ĐẢNG CỘNG SẢN VIỆT NAM top right, 15 pt bold"),
        {"main": "P"},
        _PL3_TITLE,
        N_(
            "write 'ĐẢNG CỘNG SẢN VIỆT NAM' in the right column of the header table, 15 pt, "
            "bold, centred"
        ),
    ),
    Rule(
        "HD36-5",
        N_("solid rule under ĐẢNG CỘNG SẢN VIỆT NAM, as long as the text"),
        {"main": "P"},
        _PL3_TITLE,
        N_(
            "give the line 'ĐẢNG CỘNG SẢN VIỆT NAM' a solid bottom border as long as the text "
            "(in Word: Home > Borders > Bottom Border, with left and right indents)"
        ),
    ),
    Rule(
        "HD36-6",
        N_("left header: upper line, issuer line bold, '*'"),
        {"main": "P"},
        N_("HD 36 Phụ lục 3 (40E57, 40E84), format-hd36 §2.2"),
        N_(
            "write the upper-level line and the issuer line in capitals in the left column of "
            "the header table, the issuer line bold, and a centred '*' under them"
        ),
    ),
    Rule(
        "HD36-7",
        N_("số line 'Số 05-NQ/CB' (or 'Số     -NQ/CB', numbered by hand), 14 pt upright"),
        {"main": "P", "issuer": "S"},
        N_("HD 36 Phụ lục 3 examples (Số 127-QĐ/TW), format-hd36 §2.3"),
        N_(
            "write the số line as 'Số 05-NQ/CB': the number, the type abbreviation and the "
            "issuer's abbreviation, without a colon, 14 pt, not bold, not italic"
        ),
    ),
    Rule(
        "HD36-8",
        N_("date line '<place>, ngày DD tháng M năm YYYY', 14 pt italic"),
        {"main": "P"},
        N_("HD 36 Phụ lục 3 and document headers, format-hd36 §2.4"),
        N_(
            "write the date line as 'Lai Châu, ngày 26 tháng 4 năm 2021' (a day below 10 and "
            "the months 01 and 02 with a leading zero), 14 pt, italic"
        ),
    ),
    Rule(
        "HD36-9",
        N_("type name and trích yếu centred bold"),
        {"main": "P"},
        _PL3,
        N_(
            "write the type name (e.g. 'NGHỊ QUYẾT') in bold capitals, centred, and the trích "
            "yếu under it, bold and centred"
        ),
    ),
    Rule(
        "HD36-10",
        N_("'-----' separator under the trích yếu"),
        {"main": "S"},
        _WP37,
        N_("put a centred line '-----' under the trích yếu"),
    ),
    Rule(
        "HD36-11",
        N_("body 14–15 pt, justified, indented, spaced"),
        {"main": "S", "size": "P"},
        N_(
            "HD 36 Phụ lục 3 (thuvienphapluat 40E84), format-hd36 §2.1; indent and spacing "
            "wp37/vbdang quy_tac_the_thuc_dang.md (HD 36 compilation), format-hd36 §1–§2"
        ),
        N_(
            "format the body paragraphs 14 pt, justified, with a 10 mm first-line indent, "
            "6 pt after and a line spacing of at least 18 pt (in Word: Home > Paragraph)"
        ),
    ),
    Rule(
        "HD36-12",
        N_("Roman headings 'I- TITLE' bold"),
        {"main": "P"},
        N_("HD 36, QĐ 66, KL 127 headings 'I- …', format-hd36 §6"),
        N_("write each top-level heading as 'I- TITLE', in bold capitals"),
    ),
    Rule(
        "HD36-13",
        N_("signature 'T/M CHI BỘ' / 'BÍ THƯ' / name"),
        {"main": "P", "style": "S"},
        N_("HD 36 (40E6A) T/M rule; styles wp37/vbdang and 2 more tools agree, format-hd36 §2.7"),
        N_(
            "sign in the right column of the signature table: 'T/M CHI BỘ' in bold, then "
            "'BÍ THƯ' or 'PHÓ BÍ THƯ', then the signer's name in bold"
        ),
    ),
    Rule(
        "HD36-14",
        N_("'Nơi nhận:' 14 pt underlined, recipients 12 pt"),
        {"main": "S"},
        _RECIPIENTS,
        N_(
            "write 'Nơi nhận:' (14 pt, underlined) in the left column of the signature table, "
            "then one line '- …' per recipient (12 pt), the last one '- Lưu …'"
        ),
    ),
    Rule(
        "HD36-15",
        N_("biên bản: two signature columns, number '-BB/'"),
        {"main": "P", "columns": "S"},
        N_("HD 16-HD/VPTW template; columns wp37/vbdang, format-hd36 §4"),
        N_(
            "number a biên bản '…-BB/…' and give it two signature columns: the secretary on "
            "the left, the chair on the right"
        ),
    ),
    Rule(
        "HD36-16",
        N_("page number from page 2, top centre, 14 pt"),
        {"main": "S"},
        N_(
            "wp37/vbdang quy_tac_the_thuc_dang.md (HD 36 compilation), format-hd36 §1–§2; "
            "HD 11 wording (Bình Thuận sổ tay)"
        ),
        N_(
            "turn on 'Different First Page' and put a centred PAGE field, 14 pt, in the page "
            "header, 10 mm from the top edge (in Word: Insert > Page Number > Top of Page)"
        ),
    ),
    Rule(
        "HD36-17",
        N_("no state quốc hiệu or 'Lưu: VT'"),
        {"main": "P"},
        N_("Party format has no quốc hiệu, format-hd36 §7"),
        N_(
            "remove the words of the state format: a Party document has no quốc hiệu and "
            "files its copy as '- Lưu …' under 'Nơi nhận:'"
        ),
    ),
    Rule(
        "HD36-18",
        N_("Unicode NFC text, no TCVN3/VNI glyphs"),
        {"main": "P"},
        N_("HD 36 Mục II: TCVN 6909:2001 Unicode, format-hd36 §1"),
        N_(
            "convert the text to Unicode (e.g. with the converter of Unikey or EVKey) and "
            "set it in a Unicode font such as Times New Roman"
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class LayoutProfile:
    """Every layout value of one official format; see :data:`HD36`."""

    name: str
    page: PageSetup = PageSetup()
    margins: Margins = Margins()
    font: str = "Times New Roman"
    # header, left column (format-hd36 §2.1 rows 2a–3)
    upper_line: TextFormat = TextFormat(14)
    issuer_line: TextFormat = TextFormat(14, bold=True)
    star: TextFormat = TextFormat(14, tag="S")
    number_line: TextFormat = TextFormat(14)
    # header, right column (rows 1 and 4)
    party_title: TextFormat = TextFormat(15, bold=True, source=_PL3_TITLE)
    date_line: TextFormat = TextFormat(14, italic=True)
    # title block (rows 5a, 5a', 5b)
    type_name: TextFormat = TextFormat(16, bold=True, sizes=(15, 16))
    excerpt: TextFormat = TextFormat(14, bold=True, sizes=(14, 15))
    letter_excerpt: TextFormat = TextFormat(12, italic=True)
    separator: TextFormat = TextFormat(14, tag="S", source=_WP37)
    # body (rows 6–6.5; spacing in `spacing`)
    body: TextFormat = TextFormat(14, sizes=(14, 15))
    heading: TextFormat = TextFormat(
        14, bold=True, sizes=(14, 15), tag="X", source="format-hd36 §6"
    )
    spacing: Spacing = Spacing()
    table_cell: TextFormat = TextFormat(
        13, sizes=(12, 13, 14), tag="X", source="practice: task tables in plans"
    )
    # signature and recipients (rows 7a–7c, 9a, 9a')
    signing_authority: TextFormat = TextFormat(14, bold=True, tag="S", source=_SIGN)
    position: TextFormat = TextFormat(14, tag="S", source=_SIGN)
    signer_name: TextFormat = TextFormat(14, bold=True, tag="S", source=_SIGN)
    signature_blank_lines: int = 4  # [S] wp37: "≈4 blank lines" for the handwritten signature
    recipients_label: TextFormat = TextFormat(14, underline=True, tag="S", source=_RECIPIENTS)
    recipient: TextFormat = TextFormat(12, tag="S", source=_RECIPIENTS)
    page_number: TextFormat = TextFormat(14, tag="S", source=_WP37)
    # fixed texts
    party_title_text: str = "ĐẢNG CỘNG SẢN VIỆT NAM"
    party_title_width: int = 4133
    """Width in twips of ``party_title_text`` in 15 pt Times New Roman bold, measured from the
    advance widths of Liberation Serif Bold (metric-compatible with Times New Roman): 206.7 pt."""
    rule_width_tolerance: float = 0.20  # the rule is as long as the title ±20 % (rule 5)
    star_text: str = "*"
    separator_text: str = "-----"
    recipients_label_text: str = "Nơi nhận:"
    last_recipient_prefix: str = "- Lưu"
    signing_authorities: tuple[str, ...] = ("T/M CHI BỘ", "T/M CHI ỦY", "T/M CHI UỶ")
    committee_issuer_prefixes: tuple[str, ...] = ("ĐẢNG ỦY", "ĐẢNG UỶ")
    """Issuer lines of a đảng ủy (a chi bộ's superior), whose documents sign for the committee."""
    committee_signing_authorities: tuple[str, ...] = (
        "T/M BAN THƯỜNG VỤ",
        "T/M ĐẢNG ỦY",
        "T/M ĐẢNG UỶ",
    )
    """T/M lines of a đảng ủy or its Ban Thường vụ (HD 36 40E6A: a cấp ủy signs T/M)."""
    positions: tuple[str, ...] = ("BÍ THƯ", "PHÓ BÍ THƯ")
    forbidden_signature_prefixes: tuple[str, ...] = ("TM.", "KT.", "TL.", "K/T")
    minutes_left_titles: tuple[str, ...] = ("NGƯỜI GHI BIÊN BẢN", "THƯ KÝ")
    minutes_right_titles: tuple[str, ...] = ("CHỦ TRÌ HỘI NGHỊ", "CHỦ TRÌ")
    confirmation_titles: tuple[str, ...] = ("XÁC NHẬN",)
    """Titles of a signature on the left that confirms a form (a scorecard's upper-level
    committee member), in place of 'Nơi nhận:'; they start the signature block."""
    forbidden_phrases: tuple[str, ...] = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lưu: VT",
    )
    # header and signature table columns, in twips (text width 9355 = 165 mm)
    header_columns: tuple[int, int] = (4253, 5102)
    signature_columns: tuple[int, int] = (4678, 4677)
    # regular expressions (format-hd36 §8 rules 7 and 8)
    number_line_pattern: re.Pattern[str] = field(
        default_factory=lambda: _number_line_pattern(_DOCUMENT_TYPES)
    )
    """Built from :attr:`document_types`; a profile with other types passes its own."""
    date_line_pattern: re.Pattern[str] = re.compile(
        r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$"
    )
    issuer_abbreviation: str = "CB"  # [S] universal in practice, not in a primary excerpt
    minutes_may_be_unnumbered: bool = True
    """Whether a biên bản may go without a số line (format-hd36 §9 open point 4: HD 16 numbers
    it, many chi bộ tools leave sinh hoạt minutes unnumbered)."""
    document_types: Mapping[str, DocumentType] = field(default_factory=lambda: _DOCUMENT_TYPES)
    rules: Mapping[str, Rule] = field(
        default_factory=lambda: MappingProxyType({r.id: r for r in _RULES})
    )

    @property
    def text_width(self) -> int:
        """Return the width of the text area in twips (page width minus side margins)."""
        return self.page.width - self.margins.left - self.margins.right

    def type_for_title(self, title: str) -> DocumentType | None:
        """Return the document type whose type name is ``title``, or ``None``.

        >>> HD36.type_for_title("BIÊN BẢN").code
        'BB'
        """
        for doc_type in self.document_types.values():
            if doc_type.title and doc_type.title == title:
                return doc_type
        return None


HD36 = LayoutProfile(name="HD36")
"""Hướng dẫn 36-HD/VPTW (03/4/2018), for documents issued by a chi bộ (or the đảng ủy above it)."""
