"""Conversion of real .docx files with a real LibreOffice: batches, errors, timeouts, clean-up."""

from __future__ import annotations

import socket
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pytest

from chibo_docs import convert, convert_many, merge_pdfs
from chibo_docs.errors import (
    BatchConversionError,
    ConversionError,
    ConversionTimeoutError,
    LibreOfficeNotFoundError,
)
from chibo_docs.pdf import find_soffice, pdf_info
from chibo_docs.pdf import soffice as soffice_module
from chibo_docs.pdf.process_group import processes_mentioning
from samples.documents import write_minutes

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

TITLES = (
    "Biên bản sinh hoạt chi bộ tháng 4/2021",
    "Nghị quyết số 05-NQ/CB",
    "Kế hoạch thực hiện nhiệm vụ năm 2021",
)


@pytest.fixture(scope="session")
def minutes_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("minutes")
    for k, title in enumerate(TITLES):
        write_minutes(folder / f"van-ban-{k + 1}.docx", title)
    return folder


@pytest.fixture(scope="session")
def converted(minutes_dir: Path) -> list[Path]:
    """The three sample documents converted once for the whole session (beside their .docx)."""
    return convert_many(sorted(minutes_dir.glob("*.docx")), workers=2)


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the library's temporary folders go to a folder of this test alone."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def stale_lo_sockets() -> set[str]:
    """Return LibreOffice sockets in /tmp that nothing listens on (left by a killed office)."""
    stale = set()
    for path in Path("/tmp").glob("OSL_PIPE_*"):  # noqa: S108 - where LibreOffice puts them
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(str(path))
            except ConnectionRefusedError:
                stale.add(path.name)
            except OSError:
                pass
    return stale


def _not_a_zip(folder: Path) -> Path:
    path = folder / "ghi-chu.docx"
    path.write_text("Đây không phải tệp Word mà là văn bản thuần.", encoding="utf-8")
    return path


def _garbled_docx(folder: Path) -> Path:
    """A Word package in form (it passes check_input) whose main part is not XML."""
    path = folder / "rac.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", bytes(range(256)) * 4)
    return path


def _corrupt_docx(folder: Path) -> Path:
    path = folder / "hong.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document><w:body>")
    return path


@pytest.mark.libreoffice
def test_batch_puts_each_pdf_beside_its_docx(minutes_dir: Path, converted: list[Path]) -> None:
    expected = [minutes_dir / f"van-ban-{k + 1}.pdf" for k in range(len(TITLES))]
    assert converted == expected
    for pdf in converted:
        assert pdf_info(pdf, text=False).pages == 2


@pytest.mark.libreoffice
def test_pdf_embeds_its_fonts_and_keeps_vietnamese_text(converted: list[Path]) -> None:
    for pdf, title in zip(converted, TITLES, strict=True):
        info = pdf_info(pdf)
        assert info.fonts, pdf
        assert info.fonts_embedded, info.fonts
        assert all(
            any(face in font.name for face in ("TimesNewRoman", "LiberationSerif", "Tinos"))
            for font in info.fonts
        ), info.fonts
        assert info.text is not None
        text = unicodedata.normalize("NFC", info.text)
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
        assert title.upper() in text
        assert "Hà Nội, ngày 26 tháng 4 năm 2021" in text
        assert "phong cách Hồ Chí Minh" in " ".join(text.split())


@pytest.mark.libreoffice
def test_broken_docx_files_fail_by_name_and_the_good_one_converts(
    minutes_dir: Path, tmp_path: Path
) -> None:
    good = write_minutes(tmp_path / "tot.docx")
    bad = [_garbled_docx(tmp_path), _corrupt_docx(tmp_path)]
    with pytest.raises(BatchConversionError) as caught:
        convert_many([bad[0], good, bad[1]], tmp_path / "out", workers=1)
    error = caught.value
    assert [f.source for f in error.failures] == [str(p) for p in bad]
    for failure, path in zip(error.failures, bad, strict=True):
        assert repr(str(path)) in str(failure)
        assert failure.detail is not None
        assert "could not be loaded" in failure.detail
    assert error.outputs == {good: tmp_path / "out" / "tot.pdf"}
    assert pdf_info(tmp_path / "out" / "tot.pdf", text=False).pages == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["tot.pdf"]


@pytest.mark.libreoffice
def test_single_conversion_of_a_renamed_text_file_raises_naming_it(tmp_path: Path) -> None:
    source = _not_a_zip(tmp_path)
    with pytest.raises(ConversionError) as caught:
        convert(source)
    assert caught.value.source == str(source)
    assert "ghi-chu.docx" in str(caught.value)
    assert not source.with_suffix(".pdf").exists()


@pytest.mark.libreoffice
def test_same_named_inputs_from_different_folders_get_distinct_pdfs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_minutes(tmp_path / "a" / "bien-ban.docx", "Biên bản tháng 3/2021", paragraphs=1)
    second = write_minutes(tmp_path / "b" / "bien-ban.docx", "Biên bản tháng 4/2021", paragraphs=1)
    pdfs = convert_many([first, second], tmp_path / "out")
    assert pdfs == [tmp_path / "out" / "bien-ban.pdf", tmp_path / "out" / "bien-ban-2.pdf"]
    texts = [pdf_info(p).text or "" for p in pdfs]
    assert "THÁNG 3/2021" in texts[0]
    assert "THÁNG 4/2021" in texts[1]


def test_missing_input_is_refused_before_any_work(tmp_path: Path) -> None:
    good = write_minutes(tmp_path / "tot.docx", paragraphs=1)
    missing = tmp_path / "khong-co.docx"
    with pytest.raises(ConversionError, match="does not exist") as caught:
        convert_many([good, missing])
    assert caught.value.source == str(missing)
    assert not good.with_suffix(".pdf").exists()


@pytest.mark.libreoffice
def test_timeout_kills_libreoffice_and_leaves_no_process_or_folder(
    tmp_path: Path, private_tmp: Path
) -> None:
    source = write_minutes(tmp_path / "cham.docx")
    before = stale_lo_sockets()
    with pytest.raises(ConversionTimeoutError) as caught:
        convert(source, timeout=0.3)
    assert caught.value.source == str(source)
    assert stale_lo_sockets() <= before
    assert processes_mentioning(str(private_tmp)) == []
    assert list(private_tmp.iterdir()) == []
    assert not source.with_suffix(".pdf").exists()


@pytest.mark.libreoffice
def test_interrupted_batch_leaves_no_process_or_folder(tmp_path: Path, private_tmp: Path) -> None:
    sources = [write_minutes(tmp_path / f"{k}.docx", paragraphs=1) for k in range(4)]

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        convert_many(sources, workers=2, progress=interrupt)
    assert processes_mentioning(str(private_tmp)) == []
    assert list(private_tmp.iterdir()) == []


@pytest.mark.libreoffice
def test_successful_conversion_leaves_no_process_or_folder(
    tmp_path: Path, private_tmp: Path
) -> None:
    source = write_minutes(tmp_path / "nhanh.docx", paragraphs=1)
    assert convert(source, tmp_path / "ra.pdf") == tmp_path / "ra.pdf"
    assert processes_mentioning(str(private_tmp)) == []
    assert list(private_tmp.iterdir()) == []


def test_missing_soffice_gives_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(soffice_module, "_candidates", list)
    with pytest.raises(LibreOfficeNotFoundError, match="apt-get install libreoffice-writer-nogui"):
        find_soffice()
    source = write_minutes(tmp_path / "x.docx", paragraphs=1)
    with pytest.raises(LibreOfficeNotFoundError, match="CHIBO_DOCS_SOFFICE"):
        convert(source)
    assert not source.with_suffix(".pdf").exists()


def test_a_wrong_explicit_soffice_is_an_error_not_a_fallback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(LibreOfficeNotFoundError, match="/nowhere/soffice"):
        find_soffice("/nowhere/soffice")
    monkeypatch.setenv("CHIBO_DOCS_SOFFICE", "/nowhere/soffice")
    with pytest.raises(LibreOfficeNotFoundError, match="CHIBO_DOCS_SOFFICE"):
        find_soffice()


@pytest.mark.libreoffice
def test_the_environment_variable_names_the_program(monkeypatch: pytest.MonkeyPatch) -> None:
    real = find_soffice()
    monkeypatch.setenv("CHIBO_DOCS_SOFFICE", str(real))
    assert find_soffice() == real


@pytest.mark.libreoffice
def test_converted_documents_merge_into_a_dossier(converted: list[Path], tmp_path: Path) -> None:
    dossier = merge_pdfs(
        list(zip(converted, TITLES, strict=True)),
        tmp_path / "ho-so.pdf",
        title="Hồ sơ sinh hoạt chi bộ tháng 4/2021",
        author="Chi bộ Trung tâm Kỹ thuật Tài nguyên",
    )
    info = pdf_info(dossier)
    assert info.pages == 6
    assert info.fonts_embedded
    text = info.text or ""
    positions = [text.index(title.upper()) for title in TITLES]
    assert positions == sorted(positions)
    # the three documents share their body text, so LibreOffice embeds byte-identical font
    # subsets for it, which the merge stores once (docs/pdf.md: only identical subsets are)
    assert dossier.stat().st_size < 0.8 * sum(p.stat().st_size for p in converted)


def test_the_checks_of_a_batch_run_below_the_callers_priority_and_libreoffice_does_not() -> None:
    """The checker thread lowers its own nice value; the caller's (and so LibreOffice's, which
    the part threads start) stays as it was."""
    import os
    import threading

    from chibo_docs.pdf.conversion import CHECK_NICENESS, _lower_priority

    caller = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen: list[int] = []

    def checker() -> None:
        _lower_priority()
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    thread = threading.Thread(target=checker)
    thread.start()
    thread.join()
    assert seen == [min(caller + CHECK_NICENESS, 19)]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == caller
