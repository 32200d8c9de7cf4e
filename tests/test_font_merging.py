"""A dossier stores each font once: LibreOffice's subsets merged, every page drawn the same.

Three documents with different text make three different subsets of each Liberation Serif
style. Merged, the dossier has one font per style, its text extracts as the documents' did,
and poppler draws every page pixel for pixel as it draws the page of its own document.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from chibo_docs import convert_many, merge_pdfs
from chibo_docs.pdf import pdf_info
from chibo_docs.pdf.font_fallback import pdf_family
from samples.documents import write_minutes

pytestmark = pytest.mark.libreoffice

TITLES = ("Biên bản tháng 1", "Nghị quyết về công tác Đảng viên mới", "Giấy mời họp chi bộ Ỹ")


@pytest.fixture(scope="module")
def three_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("fonts")
    sources = [
        write_minutes(folder / f"van-ban-{k}.docx", title=title, paragraphs=2 + k)
        for k, title in enumerate(TITLES)
    ]
    return convert_many(sources, folder)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\f", " ")).strip()


def _pixels(pdf: Path, page: int, folder: Path, name: str) -> bytes:
    prefix = folder / name
    subprocess.run(
        ["pdftoppm", "-r", "50", "-gray", "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(prefix)],
        check=True, capture_output=True,
    )
    return (folder / f"{name}.pgm").read_bytes()


def test_each_style_is_stored_once_and_every_page_looks_the_same(
    three_pdfs: list[Path], tmp_path: Path
) -> None:
    own_fonts = [pdf_info(p, text=False).fonts for p in three_pdfs]
    assert len({f.name for fonts in own_fonts for f in fonts}) >= 3
    merged = merge_pdfs(three_pdfs, tmp_path / "ho-so.pdf")
    info = pdf_info(merged)
    styles = sorted(re.sub(r"^[A-Z]{6}\+", "", f.name) for f in info.fonts)
    assert styles == ["LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"]
    assert {pdf_family(f.name) for f in info.fonts} == {"LiberationSerif"}
    assert info.fonts_embedded
    reader = PdfReader(merged)
    resources: list[Any] = [page["/Resources"] for page in reader.pages]
    programs = {
        font["/DescendantFonts"][0]["/FontDescriptor"].raw_get("/FontFile2").idnum
        for fonts in resources
        for font in (ref.get_object() for ref in fonts["/Font"].values())
    }
    assert len(programs) == 3  # one font program per style for the whole dossier
    assert _words(info.text or "") == _words(" ".join(pdf_info(p).text or "" for p in three_pdfs))
    page = 0
    for k, pdf in enumerate(three_pdfs):
        for own in range(1, pdf_info(pdf, text=False).pages + 1):
            page += 1
            before = _pixels(pdf, own, tmp_path, f"own-{k}-{own}")
            after = _pixels(merged, page, tmp_path, f"merged-{page}")
            assert before == after, f"page {own} of {pdf.name} is drawn differently"
    size = merged.stat().st_size
    assert size < sum(p.stat().st_size for p in three_pdfs)


def test_without_merging_fonts_each_document_keeps_its_subsets(
    three_pdfs: list[Path], tmp_path: Path
) -> None:
    buffer = io.BytesIO()
    merge_pdfs(three_pdfs, buffer, merge_fonts=False)
    reader = PdfReader(buffer)
    resources: list[Any] = [page["/Resources"] for page in reader.pages]
    subsets = {ref.idnum for fonts in resources for ref in fonts["/Font"].values()}
    assert len(subsets) > 3  # LibreOffice's subsets as they were: the reason for merging
