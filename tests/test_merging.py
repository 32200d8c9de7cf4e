"""Merging PDFs into a dossier: bookmarks, pages, metadata, labels, bad inputs, atomic output."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from chibo_docs import merge_pdfs
from chibo_docs.errors import PdfError
from chibo_docs.pdf import pdf_info
from chibo_docs.pdf.dossier_writer import DossierWriter

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages


def _blank_pdf(path: Path, pages: int, *, password: str | None = None) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)  # A4 in points
    if password is not None:
        writer.encrypt(user_password=password, owner_password="chu-so-huu")
    with open(path, "wb") as out:
        writer.write(out)
    return path


@pytest.fixture
def three(tmp_path: Path) -> list[Path]:
    return [
        _blank_pdf(tmp_path / "bien-ban.pdf", 2),
        _blank_pdf(tmp_path / "nghi-quyet.pdf", 3),
        _blank_pdf(tmp_path / "ke-hoach.pdf", 1),
    ]


def _bookmarks(path: Path) -> list[tuple[str | None, int | None]]:
    reader = PdfReader(path)
    return [
        (item.title, reader.get_destination_page_number(item))
        for item in reader.outline
        if not isinstance(item, list)
    ]


def test_one_bookmark_per_document_in_order_at_its_first_page(
    three: list[Path], tmp_path: Path
) -> None:
    dest = merge_pdfs(
        [
            (three[0], "Biên bản sinh hoạt chi bộ tháng 4/2021"),
            (three[1], "Nghị quyết số 05-NQ/CB"),
            three[2],
        ],
        tmp_path / "ho-so.pdf",
    )
    assert _bookmarks(dest) == [
        ("Biên bản sinh hoạt chi bộ tháng 4/2021", 0),
        ("Nghị quyết số 05-NQ/CB", 2),
        ("ke-hoach", 5),
    ]
    assert pdf_info(dest).pages == 6


def test_metadata_names_the_title_and_the_issuing_body(three: list[Path], tmp_path: Path) -> None:
    dest = merge_pdfs(three, tmp_path / "ho-so.pdf", title="Hồ sơ tháng 4/2021", author="Chi bộ Trung tâm Kỹ thuật Tài nguyên")
    meta = PdfReader(dest).metadata
    assert meta is not None
    assert meta.title == "Hồ sơ tháng 4/2021"
    assert meta.author == "Chi bộ Trung tâm Kỹ thuật Tài nguyên"


def test_page_labels_restart_for_each_document(three: list[Path], tmp_path: Path) -> None:
    dest = merge_pdfs(three, tmp_path / "a.pdf", page_labels=True)
    assert PdfReader(dest).page_labels == ["1-1", "1-2", "2-1", "2-2", "2-3", "3-1"]
    dest = merge_pdfs(three, tmp_path / "b.pdf", page_labels="VB{n}-")
    assert PdfReader(dest).page_labels[:3] == ["VB1-1", "VB1-2", "VB2-1"]


def test_without_page_labels_pages_are_numbered_plainly(three: list[Path], tmp_path: Path) -> None:
    dest = merge_pdfs(three, tmp_path / "a.pdf")
    assert PdfReader(dest).page_labels == ["1", "2", "3", "4", "5", "6"]


def test_pdf_protected_by_a_password_is_refused_by_name(three: list[Path], tmp_path: Path) -> None:
    locked = _blank_pdf(tmp_path / "mat.pdf", 1, password="mat-khau")
    with pytest.raises(PdfError, match=r"mat\.pdf.*encrypted"):
        merge_pdfs([three[0], locked], tmp_path / "ho-so.pdf")


def test_pdf_with_only_an_owner_password_is_merged(three: list[Path], tmp_path: Path) -> None:
    restricted = _blank_pdf(tmp_path / "han-che.pdf", 2, password="")
    assert PdfReader(restricted).is_encrypted
    dest = merge_pdfs([three[0], restricted], tmp_path / "ho-so.pdf")
    assert pdf_info(dest).pages == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.4\nthis is not really a pdf\n%%EOF", "corrupt"),
        (b"PK\x03\x04 a docx renamed .pdf", "corrupt"),
    ],
)
def test_broken_input_is_refused_by_name(
    three: list[Path], tmp_path: Path, content: bytes, message: str
) -> None:
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(content)
    with pytest.raises(PdfError, match=rf"hong\.pdf.*{message}"):
        merge_pdfs([three[0], broken], tmp_path / "ho-so.pdf")


def test_pdf_without_pages_is_refused(tmp_path: Path) -> None:
    empty = _blank_pdf(tmp_path / "rong.pdf", 0)
    with pytest.raises(PdfError, match=r"rong\.pdf.*no pages"):
        merge_pdfs([empty], tmp_path / "ho-so.pdf")
    with pytest.raises(PdfError, match="no pages"):
        pdf_info(empty)


def test_missing_input_is_refused_by_name(three: list[Path], tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="khong-co.pdf"):
        merge_pdfs([three[0], tmp_path / "khong-co.pdf"], tmp_path / "ho-so.pdf")


def test_nothing_to_merge_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="nothing to merge"):
        merge_pdfs([], tmp_path / "ho-so.pdf")


def test_failed_merge_leaves_no_file_and_keeps_the_old_dossier(
    three: list[Path], tmp_path: Path
) -> None:
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    fresh = tmp_path / "out" / "moi.pdf"
    fresh.parent.mkdir()
    with pytest.raises(PdfError):
        merge_pdfs([three[0], broken], fresh)
    assert list(fresh.parent.iterdir()) == []

    old = merge_pdfs(three[:1], tmp_path / "out" / "cu.pdf")
    before = old.read_bytes()
    with pytest.raises(PdfError):
        merge_pdfs([three[1], broken], old)
    assert old.read_bytes() == before
    assert sorted(p.name for p in old.parent.iterdir()) == ["cu.pdf"]


def test_a_write_failure_leaves_no_temporary_file(
    three: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: DossierWriter, **options: object) -> None:
        raise OSError("disk full")  # the disk fills up while the file is being finished

    monkeypatch.setattr(DossierWriter, "close", fail)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OSError, match="disk full"):
        merge_pdfs(three, out / "ho-so.pdf")
    assert list(out.iterdir()) == []


def test_the_same_file_may_appear_several_times(three: list[Path], tmp_path: Path) -> None:
    dest = merge_pdfs(three * 3, tmp_path / "ho-so.pdf")
    assert pdf_info(dest).pages == 18
    assert [title for title, _ in _bookmarks(dest)] == ["bien-ban", "nghi-quyet", "ke-hoach"] * 3
