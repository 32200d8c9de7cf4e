"""Convert Word documents to PDF with LibreOffice, fast and verified.

Many files go to few LibreOffice processes (start-up costs ~1 s, a document ~0.1-0.2 s),
several processes run in parallel, each with its own temporary profile. LibreOffice's exit
code is never trusted: every PDF is checked (exists, opens, has pages, uses only the
document's fonts: see :mod:`chibo_docs.font_fallback`), and a failure is reported for its
own input file with LibreOffice's own message. A document that takes longer
than ``timeout`` has its whole process group killed; no LibreOffice process and no temporary
folder outlives a call, whatever happens (success, failure, timeout, Ctrl-C).

For a service that converts one document at a time, see :class:`chibo_docs.warm.WarmConverter`.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from chibo_docs._process_group import spawn
from chibo_docs.errors import (
    BatchConversionError,
    ChiboDocsError,
    ConversionError,
    ConversionTimeoutError,
    FontFallbackWarning,
)
from chibo_docs.font_fallback import check_font_fallback, fallback_allowed
from chibo_docs.merging import PdfInfo, pdf_info
from chibo_docs.soffice import INPUT_FILTERS, find_soffice, headless_args, remove_ipc_pipes

__all__ = [
    "DEFAULT_TIMEOUT",
    "check_input",
    "check_pdf",
    "convert",
    "convert_many",
    "install_pdf",
    "verify_pdf",
]

DEFAULT_TIMEOUT = 120.0
"""Seconds one document may take (the first of a process counts LibreOffice's start-up)."""

_CHUNK = 40  # documents per LibreOffice process at most (a fresh process now and then)
_POLL = 0.05

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each document (from worker threads)."""


@dataclass
class _Job:
    source: Path
    target: Path
    result: Path | ConversionError | None = None
    allow_font_fallback: bool = False
    warning: FontFallbackWarning | None = None  # emitted by the caller's thread, not a worker's


def check_input(source: str | os.PathLike[str]) -> Path:
    """Return ``source`` as a path after checking it is a readable file.

    Raises:
        ConversionError: it is missing, a folder, or cannot be read.
    """
    path = Path(source)
    if not path.exists():
        raise ConversionError(f"input {str(path)!r} does not exist", source=str(path))
    if not path.is_file():
        raise ConversionError(f"input {str(path)!r} is not a file", source=str(path))
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise ConversionError(
            f"input {str(path)!r} cannot be read: {exc.strerror or exc}", source=str(path)
        ) from exc
    return path


def verify_pdf(pdf: Path, source: Path, log: str = "") -> PdfInfo:
    """Check that ``pdf``, made from ``source``, exists, opens and has pages; return its info.

    Raises:
        ConversionError: naming ``source``, with LibreOffice's messages from ``log``.
    """
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise ConversionError(
            f"LibreOffice made no PDF from {str(source)!r}",
            source=str(source),
            detail=_lo_messages(log) or "no message; is the file a valid document of its type?",
        )
    try:
        return pdf_info(pdf, text=False)
    except ChiboDocsError as exc:
        raise ConversionError(
            f"LibreOffice made an unreadable PDF from {str(source)!r}",
            source=str(source),
            detail=str(exc),
        ) from exc


def check_pdf(
    pdf: Path, source: Path, log: str = "", *, allow_font_fallback: bool = False
) -> FontFallbackWarning | None:
    """Run every check of a PDF made from ``source``: :func:`verify_pdf`, then font fallback.

    Returns the :class:`~chibo_docs.errors.FontFallbackWarning` to emit when fallback was
    found and allowed, else ``None``.

    Raises:
        ConversionError: :func:`verify_pdf` failed, or
            :class:`~chibo_docs.errors.FontFallbackError` when fallback is not allowed.
    """
    info = verify_pdf(pdf, source, log)
    return check_font_fallback(pdf, source, fonts=info.fonts, allow=allow_font_fallback)


def convert(
    source: str | os.PathLike[str],
    dest: str | os.PathLike[str] | None = None,
    *,
    soffice: str | os.PathLike[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_font_fallback: bool | None = None,
) -> Path:
    """Convert one document to PDF and return the PDF's path.

    ``dest`` is the PDF to write (default: beside ``source``, same name, ``.pdf``).
    Raises :class:`ConversionError` (or :class:`ConversionTimeoutError`) naming ``source``,
    and :class:`~chibo_docs.errors.FontFallbackError` when LibreOffice drew characters in a
    fallback font; ``allow_font_fallback=True`` (default: the environment variable
    ``CHIBO_DOCS_ALLOW_FONT_FALLBACK``) makes that a warning and keeps the PDF.
    """
    src = check_input(source)
    target = Path(dest) if dest is not None else src.with_suffix(".pdf")
    program = find_soffice(soffice)
    job = _Job(src, target, allow_font_fallback=fallback_allowed(allow_font_fallback))
    _run_chunk(program, [job], timeout, threading.Event(), None)
    assert job.result is not None
    _warn([job])
    if isinstance(job.result, ConversionError):
        raise job.result
    return job.result


def convert_many(
    sources: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None = None,
    *,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    soffice: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    allow_font_fallback: bool | None = None,
) -> list[Path]:
    """Convert many documents to PDF with a few parallel LibreOffice processes.

    Args:
        sources: the documents (.docx; .doc, .odt and .rtf work too).
        out_dir: where the PDFs go (default: beside each source). Sources with the same
            name from different folders get ``name.pdf``, ``name-2.pdf``, …
        workers: LibreOffice processes run at once (default: the number of CPUs).
        timeout: seconds one document may take before its process group is killed.
        soffice: the LibreOffice program (default: :func:`find_soffice`).
        progress: called as ``progress(done, total)`` after each document.
        allow_font_fallback: keep a PDF in which LibreOffice drew characters in a fallback
            font, with a :class:`~chibo_docs.errors.FontFallbackWarning` (default: the
            environment variable ``CHIBO_DOCS_ALLOW_FONT_FALLBACK``; otherwise that
            document fails with :class:`~chibo_docs.errors.FontFallbackError`).

    Returns:
        The PDFs, in the order of ``sources``.

    Raises:
        ConversionError: before any work, when an input is missing or unreadable or
            LibreOffice is not installed.
        BatchConversionError: after the work, when some documents failed (the others
            were converted; see its ``outputs`` and ``failures``).
    """
    paths = [check_input(s) for s in sources]
    program = find_soffice(soffice)
    jobs = _plan(paths, Path(out_dir) if out_dir is not None else None)
    if not jobs:
        return []
    allow = fallback_allowed(allow_font_fallback)
    for job in jobs:
        job.allow_font_fallback = allow
    count = max(1, workers if workers is not None else (os.cpu_count() or 1))
    chunks = _chunks(jobs, count)
    cancel = threading.Event()
    reporter = _Reporter(len(jobs), progress)
    with ThreadPoolExecutor(max_workers=min(count, len(chunks))) as pool:
        futures = [pool.submit(_run_chunk, program, c, timeout, cancel, reporter) for c in chunks]
        try:
            for future in futures:
                future.result()
        except BaseException:
            cancel.set()  # other workers kill their LibreOffice and clean up
            raise
    _warn(jobs)
    failures = [j.result for j in jobs if isinstance(j.result, ConversionError)]
    outputs = {j.source: j.result for j in jobs if isinstance(j.result, Path)}
    if failures:
        raise BatchConversionError(failures, outputs)
    return [outputs[p] for p in paths]


def _warn(jobs: Sequence[_Job]) -> None:
    """Emit the jobs' warnings (font fallback accepted) in the caller's thread."""
    for job in jobs:
        if job.warning is not None:
            warnings.warn(job.warning, stacklevel=3)


def _plan(paths: Sequence[Path], out_dir: Path | None) -> list[_Job]:
    """Pair each distinct source with its PDF, giving clashing names distinct PDFs."""
    jobs: list[_Job] = []
    seen: set[Path] = set()
    taken: set[str] = set()
    for path in paths:
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        folder = out_dir if out_dir is not None else path.parent
        name, n = f"{path.stem}.pdf", 1
        while str((folder / name).resolve()).casefold() in taken:
            n += 1
            name = f"{path.stem}-{n}.pdf"
        taken.add(str((folder / name).resolve()).casefold())
        jobs.append(_Job(path, folder / name))
    return jobs


def _chunks(jobs: list[_Job], workers: int) -> list[list[_Job]]:
    """Split ``jobs`` into runs sharing one input filter, at least ``workers`` when possible."""
    groups: dict[str | None, list[_Job]] = {}
    for job in jobs:
        groups.setdefault(INPUT_FILTERS.get(job.source.suffix.lower()), []).append(job)
    chunks: list[list[_Job]] = []
    for group in groups.values():
        parts = min(len(group), max(workers, math.ceil(len(group) / _CHUNK)))
        size = math.ceil(len(group) / parts)
        chunks += [group[i : i + size] for i in range(0, len(group), size)]
    return chunks


class _Reporter:
    def __init__(self, total: int, callback: Progress | None) -> None:
        self.total, self.done, self.callback = total, 0, callback
        self.lock = threading.Lock()

    def advance(self, n: int) -> None:
        if n and self.callback is not None:
            with self.lock:
                self.done += n
                self.callback(self.done, self.total)


class _Cancelled(Exception):
    pass


def _run_chunk(
    program: Path,
    jobs: list[_Job],
    timeout: float,
    cancel: threading.Event,
    reporter: _Reporter | None,
) -> None:
    """Convert ``jobs`` in one LibreOffice process; set each job's ``result``.

    When a document times out, it fails and the documents after it go to a new process.
    """
    pending = list(jobs)
    while pending:
        pending = _run_once(program, pending, timeout, cancel, reporter)


def _run_once(
    program: Path,
    jobs: list[_Job],
    timeout: float,
    cancel: threading.Event,
    reporter: _Reporter | None,
) -> list[_Job]:
    """Run one LibreOffice process over ``jobs``; return the jobs still to do."""
    infilter = INPUT_FILTERS.get(jobs[0].source.suffix.lower())
    with tempfile.TemporaryDirectory(prefix="chibo-docs-lo-") as tmp_name:
        tmp = Path(tmp_name)
        indir, outdir = tmp / "in", tmp / "out"
        indir.mkdir()
        outdir.mkdir()
        staged = []
        for k, job in enumerate(jobs):
            copy = indir / f"{k:04d}{job.source.suffix.lower()}"
            shutil.copyfile(job.source, copy)
            staged.append(copy)
        args = headless_args(program, tmp / "profile")
        args += ["--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir)]
        if infilter is not None:
            args.append(f"--infilter={infilter}")
        args += [str(s) for s in staged]
        outputs = [outdir / f"{s.stem}.pdf" for s in staged]
        proc = spawn(args, log=tmp / "log.txt", env=_environment(tmp))
        timed_out = None
        try:
            done = 0
            deadline = time.monotonic() + timeout
            while proc.poll() is None:
                if cancel.is_set():
                    raise _Cancelled
                now_done = sum(1 for o in outputs if o.exists())
                if now_done > done:
                    if reporter is not None:
                        reporter.advance(now_done - done)
                    done, deadline = now_done, time.monotonic() + timeout
                if time.monotonic() > deadline:
                    timed_out = next((k for k, o in enumerate(outputs) if not o.exists()), None)
                    break
                time.sleep(_POLL)
            else:
                if reporter is not None:
                    reporter.advance(len(outputs) - done)
        except _Cancelled:
            return []
        finally:
            proc.kill()  # the whole group, even after a clean exit
            remove_ipc_pipes(tmp / "profile")
        log = proc.output()
        last = len(jobs) if timed_out is None else timed_out
        for job, output in zip(jobs[:last], outputs[:last], strict=True):
            job.result = _collect(job, output, log)
        if timed_out is None:
            return []
        job = jobs[timed_out]
        job.result = ConversionTimeoutError(
            f"converting {str(job.source)!r} took more than {timeout:g} s; LibreOffice was killed",
            source=str(job.source),
            detail=_lo_messages(log) or None,
        )
        if reporter is not None:
            reporter.advance(1)
        return jobs[timed_out + 1 :]


def _collect(job: _Job, output: Path, log: str) -> Path | ConversionError:
    try:
        job.warning = check_pdf(
            output, job.source, log, allow_font_fallback=job.allow_font_fallback
        )
        job.target.parent.mkdir(parents=True, exist_ok=True)
        install_pdf(output, job.target)
    except ConversionError as exc:
        return exc
    except OSError as exc:
        return ConversionError(
            f"cannot write {str(job.target)!r} (from {str(job.source)!r}): {exc.strerror or exc}",
            source=str(job.source),
        )
    return job.target


def install_pdf(made: Path, target: Path) -> None:
    """Move ``made`` to ``target`` atomically, also across file systems."""
    try:
        os.replace(made, target)
    except OSError:
        tmp = target.with_name(f".{target.name}.tmp")
        try:
            shutil.copyfile(made, tmp)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)


def _environment(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # LibreOffice's own Python must not see ours
    env["TMPDIR"] = str(tmp)  # its scratch files go where we delete them
    return env


def _lo_messages(log: str) -> str:
    """Return LibreOffice's error lines, without its harmless start-up chatter.

    >>> _lo_messages("convert a -> b\\nError: source file could not be loaded\\n")
    'source file could not be loaded'
    """
    lines = []
    for line in log.splitlines():
        text = line.strip()
        if text.startswith("Error:") or text.startswith("Error "):
            message = text.removeprefix("Error:").strip()
            if message not in lines:
                lines.append(message)
    return "; ".join(lines)
