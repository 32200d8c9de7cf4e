"""``chibo-docs pdf`` and ``chibo-docs merge`` on real files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from chibo_docs.cli import main
from samples.documents import write_minutes

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages


def _pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as out:
        writer.write(out)
    return path


def _titles(path: Path) -> list[str | None]:
    return [item.title for item in PdfReader(path).outline if not isinstance(item, list)]


def test_merge_writes_a_dossier_with_the_given_bookmarks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = _pdf(tmp_path / "a.pdf", 2), _pdf(tmp_path / "b.pdf", 1)
    out = tmp_path / "ho-so.pdf"
    code = main(
        ["merge", str(a), str(b), "-o", str(out), "--title", "Hồ sơ", "--author", "Chi bộ A"]
        + ["--bookmark", "Biên bản tháng 4/2021", "--bookmark", "Nghị quyết số 05-NQ/CB"]
        + ["--page-labels"]
    )
    assert code == 0
    assert capsys.readouterr().out.strip() == str(out)
    reader = PdfReader(out)
    assert _titles(out) == ["Biên bản tháng 4/2021", "Nghị quyết số 05-NQ/CB"]
    assert reader.page_labels == ["1-1", "1-2", "2-1"]
    assert reader.metadata is not None
    assert reader.metadata.author == "Chi bộ A"


def test_merge_names_bookmarks_after_files_by_default(tmp_path: Path) -> None:
    a, b = _pdf(tmp_path / "bien-ban.pdf", 1), _pdf(tmp_path / "nghi-quyet.pdf", 1)
    assert main(["merge", str(a), str(b), "-o", str(tmp_path / "x.pdf")]) == 0
    assert _titles(tmp_path / "x.pdf") == ["bien-ban", "nghi-quyet"]


def test_merge_with_a_wrong_number_of_bookmarks_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = _pdf(tmp_path / "a.pdf", 1), _pdf(tmp_path / "b.pdf", 1)
    assert main(["merge", str(a), str(b), "-o", str(tmp_path / "x.pdf"), "--bookmark", "A"]) == 2
    assert "1 --bookmark titles for 2 files" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_merge_of_a_broken_pdf_reports_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"")
    assert main(["merge", str(broken), "-o", str(tmp_path / "x.pdf")]) == 1
    assert "hong.pdf" in capsys.readouterr().err


@pytest.mark.libreoffice
def test_pdf_converts_the_good_files_and_reports_the_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = [write_minutes(tmp_path / f"tot-{k}.docx", paragraphs=1) for k in range(4)]
    bad = tmp_path / "sai.docx"  # a Word package in form whose document LibreOffice cannot load
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document><w:body>")
    out = tmp_path / "pdf"
    code = main(["pdf", *map(str, good), str(bad), "-o", str(out), "--workers", "2", "--quiet"])
    captured = capsys.readouterr()
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == [f"tot-{k}.pdf" for k in range(4)]
    assert sorted(captured.out.split()) == sorted(str(out / f"tot-{k}.pdf") for k in range(4))
    assert "error:" in captured.err
    assert "sai.docx" in captured.err
    assert "\r" not in captured.err  # --quiet: no progress bar
