"""Conversions on other processes and machines: executor= takes any concurrent.futures.Executor.

The parts travel as bytes (``convert_here`` runs on the worker), so the workers need
LibreOffice and the fonts but none of the caller's files. A real dask.distributed LocalCluster
with two worker processes stands for a cluster of machines.
"""

from __future__ import annotations

import multiprocessing
import zipfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import distributed  # the dask extra; the dev extra installs it, so the suite never skips this
import pytest
from pypdf import PdfReader

from chibo_docs import convert_many, load_data, make_dossier
from chibo_docs.errors import BatchConversionError
from chibo_docs.pdf import pdf_info
from chibo_docs.pdf.font_fallback import pdf_family
from chibo_docs.pipeline.dossier import bookmark_title
from chibo_docs.resources import examples_dir
from samples.documents import write_minutes

pytestmark = pytest.mark.libreoffice


def _minutes(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [
        write_minutes(folder / f"bien-ban-{k}.docx", title=f"Biên bản số {k}", paragraphs=2)
        for k in range(count)
    ]


def _check(pdf: Path, title: str) -> None:
    info = pdf_info(pdf)
    assert info.pages >= 1
    assert info.fonts_embedded
    assert {pdf_family(f.name) for f in info.fonts} == {"LiberationSerif"}
    assert title.upper() in (info.text or "")


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as connected:
        yield connected


@pytest.mark.cluster
def test_a_dask_cluster_of_two_workers_converts_and_every_pdf_is_checked(
    tmp_path: Path, client: distributed.Client
) -> None:
    sources = _minutes(tmp_path / "in", 6)
    done: list[tuple[int, int]] = []
    with distributed.get_task_stream(client) as stream:
        pdfs = convert_many(
            sources, tmp_path / "out", executor=client.get_executor(), workers=2,
            progress=lambda n, total: done.append((n, total)),
        )
    assert [p.name for p in pdfs] == [f"bien-ban-{k}.pdf" for k in range(6)]
    for k, pdf in enumerate(pdfs):
        _check(pdf, f"Biên bản số {k}")
    assert len({task["worker"] for task in stream.data}) == 2  # both workers converted
    assert done[-1] == (6, 6)


@pytest.mark.cluster
def test_a_dossier_made_on_a_dask_cluster(tmp_path: Path, client: distributed.Client) -> None:
    documents = [
        load_data(examples_dir() / name)
        for name in ("bien-ban-2021-04.yaml", "nghi-quyet-05-2021.yaml", "ke-hoach-10-2021.yaml")
    ]
    out = make_dossier(documents, tmp_path / "ho-so.pdf", executor=client.get_executor())
    reader = PdfReader(out)
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == [bookmark_title(d) for d in documents]
    assert "Số 05-NQ/CB" in (pdf_info(out).text or "")


def test_a_process_pool_converts_and_failures_name_the_callers_files(tmp_path: Path) -> None:
    sources = _minutes(tmp_path / "in", 3)
    bad = tmp_path / "in" / "hỏng.docx"
    with zipfile.ZipFile(bad, "w") as package:  # passes the input check; LibreOffice cannot load it
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "not xml")
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=spawn) as pool, pytest.raises(
        BatchConversionError
    ) as caught:
        convert_many([*sources, bad], tmp_path / "out", executor=pool, workers=2)
    (failure,) = caught.value.failures
    assert failure.source == str(bad)
    assert repr(str(bad)) in str(failure)
    assert "source file could not be loaded" in str(failure)
    assert sorted(caught.value.outputs) == sorted(sources)
    for k, source in enumerate(sources):
        _check(caught.value.outputs[source], f"Biên bản số {k}")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "bien-ban-0.pdf", "bien-ban-1.pdf", "bien-ban-2.pdf"
    ]
