"""The warm converter: LibreOffice kept running, shared by threads, restarted, shut down."""

from __future__ import annotations

import os
import signal
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import unoserver

import chibo_docs.pdf.warm
from chibo_docs import WarmConverter
from chibo_docs.errors import ConversionError, ConversionTimeoutError
from chibo_docs.pdf import pdf_info
from chibo_docs.pdf.process_group import processes_mentioning
from samples.documents import write_minutes
from tests.test_conversion import stale_lo_sockets

pytestmark = [pytest.mark.libreoffice, pytest.mark.usefixtures("english")]  # English messages


@pytest.fixture(scope="module")
def warm() -> Iterator[WarmConverter]:
    with WarmConverter() as converter:
        yield converter


def test_eight_threads_convert_at_once(warm: WarmConverter, tmp_path: Path) -> None:
    sources = [
        write_minutes(tmp_path / f"bien-ban-{k}.docx", f"Biên bản sinh hoạt chi bộ tháng {k + 1}/2021")
        for k in range(8)
    ]
    with ThreadPoolExecutor(max_workers=8) as pool:
        pdfs = list(pool.map(warm.convert, sources))
    assert pdfs == [s.with_suffix(".pdf") for s in sources]
    for k, pdf in enumerate(pdfs):
        info = pdf_info(pdf)
        assert info.pages == 2
        assert info.fonts_embedded
        assert f"THÁNG {k + 1}/2021" in (info.text or "")


def test_the_worker_runs_in_place_and_is_told_where_unoserver_is(
    warm: WarmConverter, tmp_path: Path
) -> None:
    warm.convert(write_minutes(tmp_path / "a.docx", paragraphs=1))
    folder = warm.temp_dir
    assert folder is not None
    assert [p.name for p in folder.iterdir() if p.suffix == ".py" or p.name == "pylib"] == []
    worker = Path(chibo_docs.pdf.warm.__file__).with_name("uno_worker.py")
    unoserver_dir = Path(unoserver.__file__).resolve().parent
    commands = []
    for pid in processes_mentioning(str(folder)):
        with open(f"/proc/{pid}/cmdline", "rb") as cmd:
            commands.append(cmd.read().decode().split("\0"))
    assert [c[1:4] for c in commands if str(worker) in c] == [
        [str(worker), "--unoserver", str(unoserver_dir)]
    ]


def test_a_broken_docx_fails_naming_it_and_the_converter_goes_on(
    warm: WarmConverter, tmp_path: Path
) -> None:
    bad = tmp_path / "sai.docx"  # a Word package in form whose document LibreOffice cannot load
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document><w:body>")
    with pytest.raises(ConversionError) as caught:
        warm.convert(bad)
    assert caught.value.source == str(bad)
    assert "could not load document" in str(caught.value).lower()
    assert not bad.with_suffix(".pdf").exists()
    good = write_minutes(tmp_path / "tot.docx", paragraphs=1)
    assert warm.convert(good, tmp_path / "ra.pdf") == tmp_path / "ra.pdf"


def test_restarts_after_n_documents_a_crash_and_a_timeout_then_shuts_down(
    tmp_path: Path,
) -> None:
    source = write_minutes(tmp_path / "a.docx", paragraphs=1)
    before = stale_lo_sockets()
    converter = WarmConverter(restart_after=2)
    try:
        for k in range(3):
            converter.convert(source, tmp_path / f"{k}.pdf")
        assert converter.starts == 2  # the third document went to a fresh LibreOffice

        folder = converter.temp_dir
        assert folder is not None
        assert folder.is_dir()
        running = processes_mentioning(str(folder))
        assert running, "LibreOffice and its worker run while the converter is open"
        for pid in running:  # crash LibreOffice behind the converter's back
            with open(f"/proc/{pid}/cmdline", "rb") as cmd:
                if b"soffice.bin" in cmd.read():
                    os.kill(pid, signal.SIGKILL)
        converter.convert(source, tmp_path / "after-crash.pdf")
        assert pdf_info(tmp_path / "after-crash.pdf", text=False).pages == 1
        assert converter.starts == 3
        assert processes_mentioning(str(folder)) == []
        assert not folder.exists()

        converter.timeout = 0.001
        with pytest.raises(ConversionTimeoutError):
            converter.convert(source, tmp_path / "slow.pdf")
        converter.timeout = 60
        converter.convert(source, tmp_path / "after-timeout.pdf")
        assert converter.starts == 4
        last = converter.temp_dir
        assert last is not None
    finally:
        converter.close()
    assert processes_mentioning(str(last)) == []
    assert not last.exists()
    assert stale_lo_sockets() <= before
    with pytest.raises(ConversionError, match="closed"):
        converter.convert(source)
