"""PDF output end to end: one document as a PDF, a dossier, and the demo command."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from chibo_docs import load_data
from chibo_docs.cli import main
from chibo_docs.errors import DataError
from chibo_docs.pdf import pdf_info
from chibo_docs.pdf.font_fallback import pdf_family
from chibo_docs.pipeline.dossier import bookmark_title, make_dossier, render_pdf
from chibo_docs.resources import examples_dir

pytestmark = [pytest.mark.libreoffice, pytest.mark.usefixtures("english")]  # English messages

EXAMPLES = ["bien-ban-2021-04.yaml", "nghi-quyet-05-2021.yaml", "ke-hoach-10-2021.yaml"]


def _temp_leftovers() -> set[str]:
    return {n for n in os.listdir(tempfile.gettempdir()) if n.startswith("chibo-docs-")}


def test_bookmark_titles_name_each_document() -> None:
    titles = [bookmark_title(load_data(examples_dir() / name)) for name in EXAMPLES]
    assert titles == [
        "Biên bản sinh hoạt chi bộ tháng 4/2021",
        "Nghị quyết số 05-NQ/CB",
        "Kế hoạch số 10-KH/ĐUK",
    ]


def test_a_dossier_has_every_document_with_its_bookmark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A temporary folder of this test alone: other processes' conversions cannot be counted.
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    before = _temp_leftovers()
    documents = [load_data(examples_dir() / name) for name in EXAMPLES]
    work = tmp_path / "work"
    out = make_dossier(documents, tmp_path / "ho-so.pdf", workdir=work)
    reader = PdfReader(out)
    singles = sorted(work.glob("*.pdf"))
    assert len(singles) == 3
    assert len(reader.pages) == sum(pdf_info(p, text=False).pages for p in singles)
    outline = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in outline] == [bookmark_title(d) for d in documents]
    starts = [reader.get_destination_page_number(item) for item in outline]
    assert None not in starts
    assert starts[0] == 0
    assert starts == sorted(s for s in starts if s is not None)
    assert reader.metadata is not None
    assert reader.metadata.author == "Chi bộ Trung tâm Kỹ thuật Tài nguyên"
    text = pdf_info(out).text or ""
    for expected in ("BIÊN BẢN", "Số 05-NQ/CB", "Số 10-KH/ĐUK", "ĐẢNG CỘNG SẢN VIỆT NAM"):
        assert expected in text
    assert _temp_leftovers() <= before


def test_an_empty_dossier_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="at least one document"):
        make_dossier([], tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_render_pdf_writes_one_document(tmp_path: Path) -> None:
    document = load_data(examples_dir() / "nghi-quyet-05-2021.yaml")
    out = render_pdf(document, tmp_path / "nq.pdf")
    info = pdf_info(out)
    assert info.pages >= 1
    assert info.fonts_embedded
    assert "Lai Châu, ngày 26 tháng 4 năm 2021" in (info.text or "")
    assert [p.name for p in tmp_path.iterdir()] == ["nq.pdf"]


def test_demo_writes_docx_pdf_and_the_dossier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", str(tmp_path)]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    for path in examples_dir().glob("*.yaml"):
        assert {f"{path.stem}.docx", f"{path.stem}.pdf"} <= names
    reader = PdfReader(tmp_path / "ho-so.pdf")
    outline = [item for item in reader.outline if not isinstance(item, list)]
    # the whole cycle of the model meetings of April 2021, in its order (issue 11)
    assert [item.title for item in outline] == [
        "Kế hoạch số 10-KH/ĐUK",
        "Giấy mời số 03-GM/CB",
        "Biên bản sinh hoạt chi bộ tháng 4/2021",
        "Nghị quyết số 05-NQ/CB",
        "Phiếu chấm điểm sinh hoạt chi bộ tháng 4/2021",
        "Báo cáo số 04-BC/CB",
        "Báo cáo số 45-BC/ĐUK",
        "Thông báo số 12-TB/ĐUK",
    ]
    starts = [reader.get_destination_page_number(item) or 0 for item in outline]
    assert starts[0] == 0
    assert starts == sorted(starts)
    assert len(set(starts)) == len(starts)
    text = pdf_info(tmp_path / "ho-so.pdf").text or ""
    for expected in ("PHIẾU CHẤM ĐIỂM", "Tổng số điểm: 93/100 điểm; xếp loại: Tốt.",
                     "Tỷ lệ chi bộ xếp loại Tốt: 50%", "YÊU CẦU CÁC CHI BỘ"):
        assert expected in text
    assert f"wrote {tmp_path / 'ho-so.pdf'}" in capsys.readouterr().out
    # one font family (regular, bold, italic), whatever else the machine has installed
    dossier = pdf_info(tmp_path / "ho-so.pdf", text=False)
    assert {pdf_family(f.name) for f in dossier.fonts} == {"LiberationSerif"}
    assert dossier.fonts_embedded
    # each document keeps its own font subsets in the dossier (docs/pdf.md): no bigger
    # than its parts, but not much smaller either
    parts = [p for p in tmp_path.glob("*.pdf") if p.name != "ho-so.pdf"]
    assert len(parts) == len(list(examples_dir().glob("*.yaml")))
    assert (tmp_path / "ho-so.pdf").stat().st_size <= sum(p.stat().st_size for p in parts)


def test_render_with_pdf_writes_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = examples_dir() / "bien-ban-2021-04.yaml"
    out = tmp_path / "bb.docx"
    assert main(["render", "bien-ban", str(data), "-o", str(out), "--pdf"]) == 0
    assert (tmp_path / "bb.pdf").is_file()
    assert pdf_info(tmp_path / "bb.pdf").pages >= 2


def test_documents_from_a_generator_are_cut_into_balanced_parts_like_a_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generator's documents do not all go to one LibreOffice after the last render: they
    are rendered ahead and cut into one part per worker, as a list's are."""
    from chibo_docs.pdf.conversion import ConversionRun

    parts: list[int] = []
    real_submit = ConversionRun.submit

    def submit(run: ConversionRun, sources: list[Path], out_dir: Path) -> None:
        parts.append(len(sources))
        real_submit(run, sources, out_dir)

    monkeypatch.setattr(ConversionRun, "submit", submit)
    minutes = load_data(examples_dir() / "bien-ban-2021-04.yaml")
    resolution = load_data(examples_dir() / "nghi-quyet-05-2021.yaml")
    documents = (doc for doc in [minutes, resolution, minutes, resolution, minutes])
    out = make_dossier(documents, tmp_path / "ho-so.pdf", workers=2)
    assert parts == [3, 2]
    assert len(PdfReader(out).outline) == 5
