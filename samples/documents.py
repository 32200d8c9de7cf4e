"""Realistic Vietnamese .docx documents for conversion tests and benchmarks (python-docx)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

__all__ = ["BODY", "write_minutes"]

BODY = (
    "Đồng chí Nguyễn Tiến Duyệt, Bí thư Chi bộ, tuyên bố lý do, giới thiệu đại biểu, thông tin "
    "tình hình đảng viên, thông qua nội dung, chương trình sinh hoạt; thông tin thời sự; phổ biến, "
    "quán triệt các văn bản và đánh giá tình hình tư tưởng của đảng viên. Chi bộ tiến hành đánh giá "
    "kết quả công tác lãnh đạo, thực hiện nhiệm vụ chính trị của chi bộ và việc thực hiện nhiệm vụ "
    "của đảng viên tháng 4; đánh giá việc thực hiện Nghị quyết Trung ương 4 (khóa XI, XII) về xây "
    "dựng Đảng, gắn với việc thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về tiếp tục đẩy mạnh "
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."
)


def _run_font(run: object, size: int, *, bold: bool = False, italic: bool = False) -> None:
    font = run.font  # type: ignore[attr-defined]
    font.name, font.size, font.bold, font.italic = "Times New Roman", Pt(size), bold, italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")  # type: ignore[attr-defined]


def write_minutes(path: Path, title: str = "Biên bản sinh hoạt chi bộ tháng 4/2021", paragraphs: int = 7) -> Path:
    """Write a two-page (with the default ``paragraphs``) A4 minutes in Times New Roman 14 pt."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    lines = [
        ("ĐẢNG CỘNG SẢN VIỆT NAM", 15, True, False, WD_ALIGN_PARAGRAPH.RIGHT),
        ("ĐẢNG BỘ SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", 14, False, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN", 14, True, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Hà Nội, ngày 26 tháng 4 năm 2021", 14, False, True, WD_ALIGN_PARAGRAPH.RIGHT),
        (title.upper(), 16, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    ]
    for text, size, bold, italic, align in lines:
        para = doc.add_paragraph()
        para.alignment = align
        _run_font(para.add_run(unicodedata.normalize("NFC", text)), size, bold=bold, italic=italic)
    for k in range(paragraphs):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _run_font(para.add_run(f"{k + 1}. {BODY}"), 14)
    doc.core_properties.title = title
    doc.save(str(path))
    return path
