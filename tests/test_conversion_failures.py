"""Conversion when things go wrong: inputs that are no documents, LibreOffice crashing, outputs
that cannot be written, and the modes of the PDFs made.

The crashes are real: the test kills the ``soffice.bin`` of the batch it started (found by
the batch's private profile folder), never any other LibreOffice.
"""

from __future__ import annotations

import io
import os
import signal
import stat
import tempfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chibo_docs import WarmConverter, convert, convert_many
from chibo_docs.errors import (
    BatchConversionError,
    ConversionError,
    ConversionOutputError,
    LibreOfficeCrashedError,
    OutputError,
)
from chibo_docs.pdf import conversion, pdf_info
from chibo_docs.pdf.conversion import check_input
from chibo_docs.pdf.process_group import processes_mentioning
from samples.documents import write_minutes

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the library's temporary folders (and LibreOffice's profiles) go to this test's."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def kill_libreoffice(folder: Path) -> list[int]:
    """SIGKILL every ``soffice.bin`` whose command line names ``folder``; return their ids."""
    killed = []
    for pid in processes_mentioning(str(folder)):
        try:
            program = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue
        if program.endswith(b"soffice.bin"):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
            killed.append(pid)
    return killed


# --- inputs refused before LibreOffice starts ----------------------------------------------


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


BAD_INPUTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (lambda d: _write(d / "rong.docx", b""), "it is empty (0 bytes)"),
    "text": (lambda d: _write(d / "ghi-chu.docx", "văn bản thuần".encode()),
             "it is not a zip package"),
    "protected": (lambda d: _write(d / "mat-khau.docx", OLE_MAGIC + bytes(504)),
                  "a document protected by a password"),
    "zip": (lambda d: _zip(d / "nen.docx", {"a.txt": "a"}), "it has no [Content_Types].xml"),
    "no-body": (lambda d: _zip(d / "thieu.docx", {"[Content_Types].xml": "<Types/>"}),
                "it has no main document part (word/document.xml)"),
    "doc": (lambda d: _write(d / "cu.doc", b"PK\x03\x04 not ole"),
            "is not a Word 97-2003 document (.doc): it is not a Word 97-2003 (OLE) file"),
    "rtf": (lambda d: _write(d / "thu.rtf", b"hello"), "it is not a Rich Text Format file (its first bytes are not an RTF header)"),
    "odt": (lambda d: _zip(d / "van-ban.odt", {"mimetype": "x"}), "it has no content.xml"),
    "suffix": (lambda d: _write(d / "bien-ban.pdf", b"%PDF-1.4"),
               "its name must end in .docx, .docm, .doc, .odt, .rtf"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_an_input_that_is_no_document_is_refused_naming_it(tmp_path: Path, case: str) -> None:
    make, reason = BAD_INPUTS[case]
    bad = make(tmp_path)
    good = write_minutes(tmp_path / "tot.docx", paragraphs=1)
    with pytest.raises(ConversionError) as caught:
        check_input(bad)
    assert caught.value.source == str(bad)
    assert str(caught.value).startswith(f"input {str(bad)!r} ")
    assert reason in str(caught.value)
    # before LibreOffice is even looked for: a program that does not exist is not reached
    for call in (
        lambda: convert_many([good, bad], soffice="/nowhere/soffice"),
        lambda: convert(bad, soffice="/nowhere/soffice"),
    ):
        with pytest.raises(ConversionError) as again:
            call()
        assert type(again.value) is ConversionError
        assert again.value.source == str(bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([bad.name, "tot.docx"])


def test_real_documents_of_each_kind_pass_the_input_check(tmp_path: Path) -> None:
    docx = write_minutes(tmp_path / "a.docx", paragraphs=1)
    assert check_input(docx) == docx
    # a Word package whose main part has another name, found through _rels/.rels
    renamed = tmp_path / "b.docx"
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(renamed, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            name = item.filename
            if name == "word/document.xml":
                name = "word/main.xml"
            elif name == "_rels/.rels":
                data = data.replace(b"word/document.xml", b"word/main.xml")
            target.writestr(name, data)
    assert check_input(renamed) == renamed
    rtf = _write(tmp_path / "c.rtf", b"\xef\xbb\xbf{\\rtf1\\ansi hello}")
    assert check_input(rtf) == rtf
    doc = _write(tmp_path / "d.doc", OLE_MAGIC + bytes(504))
    assert check_input(doc) == doc
    odt = _zip(tmp_path / "e.odt", {"mimetype": "application/vnd.oasis.opendocument.text",
                                     "content.xml": "<office:document-content/>"})
    assert check_input(odt) == odt


def test_the_check_reads_only_the_table_of_contents_of_a_large_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package with an 8 MB (stored, incompressible) member is checked reading little."""
    big = tmp_path / "lon.docx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/media/image1.bin", os.urandom(8 << 20))
        archive.writestr("word/document.xml", "<w:document/>")
    read: list[int] = []

    class Counting(io.FileIO):
        def readinto(self, buffer: Any) -> int:
            count = super().readinto(buffer) or 0
            read.append(count)
            return count

    def counting_open(file: Path, mode: str) -> io.BufferedReader:
        assert mode == "rb"
        return io.BufferedReader(Counting(file, "r"))

    monkeypatch.setattr(conversion, "open", counting_open, raising=False)
    assert check_input(big) == big
    assert 0 < sum(read) < 1 << 16, sum(read)


@pytest.mark.libreoffice
def test_the_warm_converter_refuses_the_same_inputs_without_starting(tmp_path: Path) -> None:
    converter = WarmConverter()
    try:
        for case in ("empty", "text", "suffix"):
            make, reason = BAD_INPUTS[case]
            bad = make(tmp_path)
            with pytest.raises(ConversionError, match="input .* ") as caught:
                converter.convert(bad)
            assert caught.value.source == str(bad)
            assert reason in str(caught.value)
        assert converter.starts == 0
    finally:
        converter.close()


# --- LibreOffice crashing in the middle of a batch -----------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize("workers", [1, 2])
def test_a_batch_whose_libreoffice_is_killed_is_retried_and_completes(
    tmp_path: Path, private_tmp: Path, workers: int
) -> None:
    sources = [write_minutes(tmp_path / f"vb-{k:02d}.docx", paragraphs=1) for k in range(10)]
    killed: list[int] = []
    seen: list[tuple[int, int]] = []

    def kill_once(done: int, total: int) -> None:
        seen.append((done, total))
        if not killed:  # the first document is made: kill every LibreOffice of the batch
            killed.extend(kill_libreoffice(private_tmp))

    pdfs = convert_many(sources, tmp_path / "out", workers=workers, progress=kill_once)
    assert killed, "a LibreOffice of the batch was running and was killed"
    assert pdfs == [tmp_path / "out" / f"vb-{k:02d}.pdf" for k in range(10)]
    for pdf in pdfs:
        assert pdf_info(pdf, text=False).pages == 1
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (10, 10)
    assert processes_mentioning(str(private_tmp)) == []
    assert list(private_tmp.iterdir()) == []


@pytest.mark.libreoffice
def test_a_batch_whose_libreoffice_keeps_crashing_fails_saying_so(
    tmp_path: Path, private_tmp: Path
) -> None:
    sources = [write_minutes(tmp_path / f"vb-{k:02d}.docx", paragraphs=1) for k in range(10)]

    def kill_every_time(done: int, total: int) -> None:
        kill_libreoffice(private_tmp)  # each LibreOffice dies after its first document

    with pytest.raises(BatchConversionError) as caught:
        convert_many(sources, tmp_path / "out", workers=1, progress=kill_every_time)
    error = caught.value
    # the first process made a PDF or a few before dying (how many depends on how fast the
    # kill lands on a loaded machine), the retry a few more; the rest failed as crashed
    assert 2 <= len(error.outputs) < 10
    assert len(error.outputs) + len(error.failures) == 10
    converted = sorted(error.outputs)
    assert converted == sources[: len(converted)]
    for failure, source in zip(error.failures, sources[len(converted) :], strict=True):
        assert isinstance(failure, LibreOfficeCrashedError)
        assert failure.source == str(source)
        assert failure.status == 128 + signal.SIGKILL
        assert not failure.blamed
        assert str(failure) == (
            f"{str(source)!r} was not converted: LibreOffice crashed twice in this batch "
            "(exit status 137: killed by signal 9 (SIGKILL)); check the free memory and the "
            "LibreOffice installation, then convert it again"
        )
        assert "valid document" not in str(failure)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        p.with_suffix(".pdf").name for p in converted
    ]
    assert processes_mentioning(str(private_tmp)) == []


@pytest.mark.libreoffice
def test_a_document_libreoffice_crashes_on_twice_is_blamed_and_the_rest_converted(
    tmp_path: Path, private_tmp: Path
) -> None:
    sources = [write_minutes(tmp_path / f"vb-{k}.docx", paragraphs=1) for k in range(3)]
    stop = threading.Event()
    killed: list[int] = []

    def kill_two_at_start() -> None:
        """Kill the first two LibreOffices as soon as they exist: both die on document 0."""
        while not stop.is_set() and len(killed) < 2:
            killed.extend(kill_libreoffice(private_tmp))
            stop.wait(0.01)

    killer = threading.Thread(target=kill_two_at_start)
    killer.start()
    try:
        with pytest.raises(BatchConversionError) as caught:
            convert_many(sources, tmp_path / "out", workers=1)
    finally:
        stop.set()
        killer.join()
    assert len(killed) == 2
    error = caught.value
    (failure,) = error.failures
    assert isinstance(failure, LibreOfficeCrashedError)
    assert failure.blamed
    assert failure.source == str(sources[0])
    assert f"LibreOffice crashed twice while converting {str(sources[0])!r}" in str(failure)
    assert "killed by signal 9 (SIGKILL)" in str(failure)
    assert error.outputs == {s: tmp_path / "out" / s.with_suffix(".pdf").name for s in sources[1:]}


# --- PDFs that cannot be written; modes of the PDFs -----------------------------------------


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("sources")
    return [write_minutes(folder / f"{name}.docx", paragraphs=1) for name in ("a", "b")]


@pytest.mark.libreoffice
def test_a_pdf_that_cannot_be_written_fails_alone_naming_both_files(
    tmp_path: Path, two_sources: list[Path]
) -> None:
    out = tmp_path / "out"
    (out / "a.pdf").mkdir(parents=True)  # a folder where a.pdf should go
    with pytest.raises(BatchConversionError) as caught:
        convert_many(two_sources, out)
    (failure,) = caught.value.failures
    assert isinstance(failure, ConversionOutputError)
    assert isinstance(failure, OutputError)
    assert isinstance(failure, OSError)
    assert failure.source == str(two_sources[0])
    assert failure.path == str(out / "a.pdf")
    assert str(failure) == (
        f"cannot write {str(out / 'a.pdf')!r} (the PDF of {str(two_sources[0])!r}): it is a "
        "folder; give the path of a file (a new name inside that folder)"
    )
    assert caught.value.outputs == {two_sources[1]: out / "b.pdf"}
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "b.pdf"]


def test_an_output_folder_under_a_file_is_refused_before_any_work(
    tmp_path: Path, two_sources: list[Path]
) -> None:
    blocker = tmp_path / "ra"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        convert_many(two_sources, blocker / "pdf", soffice="/nowhere/soffice")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        convert(two_sources[0], blocker / "a.pdf", soffice="/nowhere/soffice")


@pytest.mark.libreoffice
def test_new_pdfs_get_the_umask_mode_and_replaced_ones_keep_theirs(
    tmp_path: Path, two_sources: list[Path]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.pdf").write_bytes(b"old")
    (out / "b.pdf").chmod(0o640)
    old = os.umask(0o002)
    try:
        pdfs = convert_many(two_sources, out)
    finally:
        os.umask(old)
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in pdfs} == {"a.pdf": 0o664, "b.pdf": 0o640}
    assert all(pdf_info(p, text=False).pages == 1 for p in pdfs)
