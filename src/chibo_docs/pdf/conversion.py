"""Convert Word documents to PDF with LibreOffice, fast and verified.

Many files go to few LibreOffice processes (start-up costs ~1 s, a document ~0.1-0.2 s),
several processes run in parallel, each with its own temporary profile. LibreOffice's exit
code is never trusted: every PDF is checked (exists, opens, has pages, uses only the
document's fonts: see :mod:`chibo_docs.pdf.font_fallback`), and a failure is reported for its
own input file with LibreOffice's own message. A document that takes longer
than ``timeout`` has its whole process group killed; no LibreOffice process and no temporary
folder outlives a call, whatever happens (success, failure, timeout, Ctrl-C).

For a service that converts one document at a time, see :class:`chibo_docs.pdf.warm.WarmConverter`.
"""

from __future__ import annotations

import contextvars
import math
import os
import re
import shutil
import threading
import time
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from chibo_docs.errors import (
    BatchConversionError,
    ChiboDocsError,
    ConversionError,
    ConversionOutputError,
    ConversionTimeoutError,
    FontFallbackWarning,
    LibreOfficeCrashedError,
    LibreOfficeNotFoundError,
    OutputError,
    os_reason,
)
from chibo_docs.i18n import N_, Message, message, using
from chibo_docs.output_files import (
    check_destination,
    install_file,
    prepare_folder,
    scratch_folder,
    write_atomically,
)
from chibo_docs.pdf.font_fallback import check_font_fallback, fallback_allowed
from chibo_docs.pdf.merging import PdfInfo, pdf_info
from chibo_docs.pdf.process_group import spawn
from chibo_docs.pdf.soffice import (
    INPUT_FILTERS,
    find_soffice,
    headless_args,
    install_hint,
    remove_ipc_pipes,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "ConversionRun",
    "check_input",
    "check_pdf",
    "convert",
    "convert_here",
    "convert_many",
    "install_pdf",
    "named_as",
    "verify_pdf",
]

DEFAULT_TIMEOUT = 120.0
"""Seconds one document may take (the first of a process counts LibreOffice's start-up)."""

_CHUNK = 200  # documents per LibreOffice process at most: a fresh one now and then, as
# WarmConverter's restart_after (LibreOffice grows slower and larger over a long run)
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
    """Return ``source`` as a path after checking it is a document LibreOffice can convert.

    Cheap checks only (the first bytes, a zip's table of contents), before LibreOffice starts:
    its name ends in a supported suffix (``.docx``, ``.docm``, ``.doc``, ``.odt``, ``.rtf``),
    it is a readable, non-empty file, and its content is of that kind (a Word package holds
    its main part, a ``.doc`` is an OLE file, …). LibreOffice would otherwise turn an empty
    file into a blank page without a word.

    Raises:
        ConversionError: it is missing, a folder, unreadable, empty, of another kind, or
            its suffix is not supported; naming it and saying what to do.
    """
    path = Path(source)
    shown = str(path)
    if not path.exists():
        raise ConversionError(
            message("input {file!r} does not exist; check the file name and its folder",
                    file=shown),
            source=shown,
        )
    if not path.is_file():
        raise ConversionError(message("input {file!r} is not a file", file=shown), source=shown)
    suffix = path.suffix.lower()
    if suffix not in INPUT_FILTERS:
        raise ConversionError(
            message(
                "input {file!r} cannot be converted: its name must end in {suffixes}",
                file=shown,
                suffixes=", ".join(INPUT_FILTERS),
            ),
            source=shown,
        )
    try:
        with open(path, "rb") as handle:
            problem = _content_problem(handle, suffix)
    except OSError as exc:
        raise ConversionError(
            message("input {file!r} cannot be read: {reason}", file=shown,
                    reason=os_reason(exc)),
            source=shown,
        ) from exc
    if problem is not None:
        raise ConversionError(
            message(
                "input {file!r} is not a {kind}: {problem}; open it in Word or LibreOffice "
                "and save it again as {suffix}",
                file=shown,
                kind=Message(_KINDS[suffix]),
                problem=problem,
                suffix=suffix,
            ),
            source=shown,
        )
    return path


_KINDS = {
    ".docx": N_("Word document (.docx)"),
    ".docm": N_("Word document (.docm)"),
    ".doc": N_("Word 97-2003 document (.doc)"),
    ".odt": N_("OpenDocument text (.odt)"),
    ".rtf": N_("Rich Text Format document (.rtf)"),
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary (MS-CFB 2.2)
_RTF_MAGIC = b"{\\rtf"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a member, or an empty archive's directory
_RELS_LIMIT = 1 << 20  # bytes of _rels/.rels read at most to find the main part
_MAIN_PART = re.compile(rb'Type="[^"]*/officeDocument"[^>]*?Target="/?([^"]+)"|'
                        rb'Target="/?([^"]+)"[^>]*?Type="[^"]*/officeDocument"')


def _content_problem(handle: BinaryIO, suffix: str) -> Message | None:
    """Return why the open file is not a document of ``suffix``'s kind, or ``None``.

    >>> import io
    >>> _content_problem(io.BytesIO(b""), ".docx").text("en")
    'it is empty (0 bytes)'
    >>> _content_problem(io.BytesIO(b"plain text"), ".docx").text("en")
    'it is not a zip package'
    >>> _content_problem(io.BytesIO(_OLE_MAGIC + bytes(504)), ".doc") is None
    True
    """
    head = handle.read(16)
    if not head:
        return message("it is empty (0 bytes)")
    if suffix == ".doc":
        return (
            None if head.startswith(_OLE_MAGIC)
            else message("it is not a Word 97-2003 (OLE) file")
        )
    if suffix == ".rtf":
        text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
        if text.startswith(_RTF_MAGIC):
            return None
        return message("it is not a Rich Text Format file (its first bytes are not an RTF header)")
    if head.startswith(_OLE_MAGIC):
        return message(
            "it is an OLE file, not a zip package: a document protected by a password (remove "
            "the password) or a .doc file renamed"
        )
    if not head.startswith(_ZIP_MAGIC):
        return message("it is not a zip package")
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as package:  # reads the table of contents only
            names = set(package.namelist())
            if suffix == ".odt":
                return None if "content.xml" in names else message("it has no content.xml")
            if "[Content_Types].xml" not in names:
                return message("it has no [Content_Types].xml")
            if "word/document.xml" in names or _main_part(package) in names:
                return None
            return message("it has no main document part (word/document.xml)")
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError, NotImplementedError, RuntimeError) as exc:
        return message("it is a damaged zip package ({reason})", reason=str(exc))


def _main_part(package: zipfile.ZipFile) -> str | None:
    """Return the main part named by ``_rels/.rels`` when it is small enough to read."""
    try:
        info = package.getinfo("_rels/.rels")
    except KeyError:
        return None
    if info.file_size > _RELS_LIMIT:
        return None
    match = _MAIN_PART.search(package.read(info))
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("utf-8", "replace")


def verify_pdf(pdf: Path, source: Path, log: str = "") -> PdfInfo:
    """Check that ``pdf``, made from ``source``, exists, opens and has pages; return its info.

    Raises:
        ConversionError: naming ``source``, with LibreOffice's messages from ``log``.
    """
    if not pdf.is_file() or pdf.stat().st_size == 0:
        detail = _lo_messages(log)
        if not detail:
            raise ConversionError(
                message(
                    "LibreOffice made no PDF from {file!r} and gave no message; is the file a "
                    "valid document of its type?",
                    file=str(source),
                ),
                source=str(source),
            )
        raise ConversionError(
            message("LibreOffice made no PDF from {file!r}", file=str(source)),
            source=str(source),
            detail=detail,
        )
    try:
        return pdf_info(pdf, text=False)
    except ChiboDocsError as exc:
        raise ConversionError(
            message("LibreOffice made an unreadable PDF from {file!r}: {problem}",
                    file=str(source), problem=exc),
            source=str(source),
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
    lang: str | None = None,
) -> Path:
    """Convert one document to PDF and return the PDF's path.

    ``dest`` is the PDF to write (default: beside ``source``, same name, ``.pdf``); its
    missing folders are created. Raises :class:`ConversionError` (or a subclass: timeout,
    crash) naming ``source``, or :class:`OutputError` when ``dest`` cannot be written,
    and :class:`~chibo_docs.errors.FontFallbackError` when LibreOffice drew characters in a
    fallback font; ``allow_font_fallback=True`` (default: the environment variable
    ``CHIBO_DOCS_ALLOW_FONT_FALLBACK``) makes that a warning and keeps the PDF. Errors and
    warnings read in ``lang`` (``"vi"`` or ``"en"``; default: the language in force).
    """
    with using(lang):
        src = check_input(source)
        target = check_destination(Path(dest) if dest is not None else src.with_suffix(".pdf"))
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
    lang: str | None = None,
    executor: Executor | None = None,
) -> list[Path]:
    """Convert many documents to PDF with a few parallel LibreOffice processes.

    Args:
        sources: the documents (.docx; .doc, .odt and .rtf work too).
        out_dir: where the PDFs go (default: beside each source), created if missing.
            Sources with the same name from different folders get ``name.pdf``,
            ``name-2.pdf``, …
        workers: LibreOffice processes run at once (default: the number of CPUs); with an
            ``executor``, the work is cut into a multiple of this many parts.
        timeout: seconds one document may take before its process group is killed.
        soffice: the LibreOffice program (default: :func:`find_soffice`; with an
            ``executor``, looked for on the machine that converts).
        progress: called as ``progress(done, total)`` after each document (with an
            ``executor``, after each part).
        allow_font_fallback: keep a PDF in which LibreOffice drew characters in a fallback
            font, with a :class:`~chibo_docs.errors.FontFallbackWarning` (default: the
            environment variable ``CHIBO_DOCS_ALLOW_FONT_FALLBACK``; otherwise that
            document fails with :class:`~chibo_docs.errors.FontFallbackError`).
        lang: the language of the errors and warnings (``"vi"`` or ``"en"``; default: the
            language in force, :mod:`chibo_docs.i18n`).
        executor: any :class:`concurrent.futures.Executor` to run the conversions on, e.g.
            a dask.distributed ``Client(...).get_executor()`` for many machines (default:
            our own local workers). Each part travels as the documents' bytes and comes
            back as the PDFs' bytes (:func:`convert_here`), so the workers need LibreOffice
            and the fonts (``chibo-docs doctor``), not this machine's files.

    Returns:
        The PDFs, in the order of ``sources``.

    Raises:
        ConversionError: before any work, when an input is missing, unreadable, empty or
            not a document of its kind (see :func:`check_input`), or LibreOffice is not
            installed.
        OutputError: before any work, when ``out_dir`` cannot be created.
        BatchConversionError: after the work, when some documents failed (the others
            were converted; see its ``outputs`` and ``failures``: a
            :class:`ConversionOutputError` when a PDF could not be written, a
            :class:`LibreOfficeCrashedError` when LibreOffice crashed twice).
    """
    with using(lang):
        return _convert_many(
            sources, out_dir, workers, timeout, soffice, progress, allow_font_fallback, executor
        )


def _convert_many(
    sources: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None,
    workers: int | None,
    timeout: float,
    soffice: str | os.PathLike[str] | None,
    progress: Progress | None,
    allow_font_fallback: bool | None,
    executor: Executor | None,
) -> list[Path]:
    paths = [check_input(s) for s in sources]
    if out_dir is not None:
        prepare_folder(out_dir)
    run = ConversionRun(
        workers=workers,
        timeout=timeout,
        soffice=soffice,
        progress=progress,
        allow_font_fallback=allow_font_fallback,
        executor=executor,
    )
    jobs = _plan(paths, Path(out_dir) if out_dir is not None else None)
    if not jobs:
        return []
    run.total = len(jobs)
    with run:
        for chunk in _chunks(jobs, run.workers):
            run.submit_jobs(chunk)
        outputs = run.finish()
    return [outputs[p] for p in paths]


class ConversionRun:
    """Convert documents in parts submitted one after another, while the earlier ones convert.

    :func:`convert_many` submits all its parts at once; a pipeline that makes its documents
    as it goes (:func:`chibo_docs.make_dossier` renders them) submits each part as soon as
    it is made, so that LibreOffice works while the next part is made::

        with ConversionRun(total=len(files)) as run:
            for part in parts:
                run.submit(part, out_dir)       # checked, then converting in the background
            pdfs = run.finish()                 # {source: pdf}; BatchConversionError if any failed

    The arguments are those of :func:`convert_many`. ``total`` is the number of documents
    announced to ``progress`` (default: those submitted so far). Leaving the ``with`` block
    by an exception stops every LibreOffice of the run.
    """

    def __init__(
        self,
        *,
        workers: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        soffice: str | os.PathLike[str] | None = None,
        progress: Progress | None = None,
        allow_font_fallback: bool | None = None,
        executor: Executor | None = None,
        total: int | None = None,
    ) -> None:
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.timeout = timeout
        self._program = find_soffice(soffice) if executor is None else None
        self._remote = None if soffice is None else os.fspath(soffice)
        self._allow = fallback_allowed(allow_font_fallback)
        self._executor = executor
        self._pool: ThreadPoolExecutor | None = None
        self._checker: ThreadPoolExecutor | None = None  # checks finished PDFs, at low priority
        self._cancel = threading.Event()
        self._futures: list[Future[Any]] = []
        self._jobs: list[_Job] = []
        self._progress = progress
        self.total = total
        self._reporter = _Reporter(total or 0, progress)

    def __enter__(self) -> ConversionRun:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc is not None:
            self._cancel.set()  # local workers kill their LibreOffice and clean up
            for future in self._futures:
                future.cancel()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        if self._checker is not None:
            self._checker.shutdown(wait=True)
            self._checker = None

    def submit(self, sources: Sequence[str | os.PathLike[str]], out_dir: Path) -> None:
        """Check ``sources`` (:func:`check_input`) and start converting them into ``out_dir``.

        Their PDFs are named after them, as :func:`convert_many` names them.
        """
        paths = [check_input(s) for s in sources]
        jobs = _plan(paths, out_dir)
        for chunk in _chunks(jobs, 1):
            self.submit_jobs(chunk)

    def submit_jobs(self, jobs: list[_Job]) -> None:
        """Start converting ``jobs`` (sources checked, targets chosen) as one part."""
        for job in jobs:
            job.allow_font_fallback = self._allow
        self._jobs += jobs
        self._reporter.total = max(self.total or 0, len(self._jobs))
        if self._program is not None:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.workers)
                self._checker = ThreadPoolExecutor(
                    max_workers=1, initializer=_lower_priority, thread_name_prefix="checks"
                )
            self._futures.append(
                # each part runs in a copy of this context: its errors read in the caller's
                # language
                self._pool.submit(
                    contextvars.copy_context().run, _run_chunk, self._program, jobs,
                    self.timeout, self._cancel, self._reporter, self._checker,
                )
            )
        else:
            assert self._executor is not None
            done, remote = _submit_elsewhere(
                self._executor, jobs, self._remote, self.timeout, self._reporter
            )
            self._futures += [done, remote]

    def finish(self) -> dict[Path, Path]:
        """Wait for every part; return each source's PDF, warnings emitted in this thread.

        Raises:
            BatchConversionError: some documents failed (the others' PDFs were written).
        """
        for future in self._futures:
            future.result()
        _warn(self._jobs)
        failures = [j.result for j in self._jobs if isinstance(j.result, ConversionError)]
        outputs = {j.source: j.result for j in self._jobs if isinstance(j.result, Path)}
        if failures:
            raise BatchConversionError(failures, outputs)
        return outputs


Portable = tuple[type[BaseException], tuple[Any, ...], dict[str, Any]]
"""An exception as plain data (class, args, attributes): it crosses to another process or
machine even when its ``__init__`` takes keyword-only arguments, which pickle cannot call."""

Outcome = tuple[bytes | None, Portable | None, Portable | None, str]
"""What :func:`convert_here` returns for one document: the PDF's bytes or the failure, the
warning to emit, and the path the document had on the machine that converted it."""


def _portable(exc: BaseException | None) -> Portable | None:
    return None if exc is None else (type(exc), exc.args, dict(vars(exc)))


def _restored(state: Portable, there: str, here: str) -> Any:
    """Rebuild an exception from :func:`_portable`, naming ``here`` where it said ``there``.

    >>> error = _restored(_portable(ConversionError("x '/w/1/a.docx'", source="/w/1/a.docx")),
    ...                   "/w/1/a.docx", "in/a.docx")
    >>> str(error), error.source
    ("x 'in/a.docx'", 'in/a.docx')
    """
    cls, args, attributes = state

    def swap(value: Any) -> Any:
        if isinstance(value, Message):  # the text a ChiboDocsError keeps, translated when shown
            return Message(swap(value.msgid), {k: swap(v) for k, v in value.values.items()})
        return value.replace(there, here) if isinstance(value, str) and there else value

    error = cls.__new__(cls)
    BaseException.__init__(error, *(swap(a) for a in args))
    error.__dict__.update({key: swap(value) for key, value in attributes.items()})
    return error


def named_as(error: ConversionError, names: Mapping[str, str]) -> ConversionError:
    """Return ``error`` naming each file of ``names`` as the user knows it.

    The pipeline converts documents it rendered into a temporary folder; a failure must name
    what the user gave (a document of the dossier, the PDF asked for), never a temporary file.
    ``names`` maps a converted file's path to that name. A batch's failures are renamed one by
    one; an error naming none of ``names`` is returned as it is.

    >>> error = ConversionError(message("converting {file!r} failed", file="/tmp/x/01-a.docx"),
    ...                         source="/tmp/x/01-a.docx")
    >>> renamed = named_as(error, {"/tmp/x/01-a.docx": "01. Giấy mời số 03-GM/CB"})
    >>> renamed.text("en"), renamed.source
    ("converting '01. Giấy mời số 03-GM/CB' failed", '01. Giấy mời số 03-GM/CB')
    """
    if isinstance(error, BatchConversionError):
        failures = [named_as(failure, names) for failure in error.failures]
        return BatchConversionError(failures, error.outputs)
    there = error.source
    if there is None or there not in names:
        return error
    state = _portable(error)
    assert state is not None
    renamed: ConversionError = _restored(state, there, names[there])
    return renamed


def convert_here(
    documents: Sequence[tuple[str, bytes]],
    soffice: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_font_fallback: bool = False,
) -> list[Outcome]:
    """Convert documents given as ``(file name, content)`` on this machine, in one LibreOffice.

    What an executor of :func:`convert_many` runs on its workers: nothing but bytes comes in
    or goes out. Each document gets the same checks as in :func:`convert_many`; the result
    is, for each, ``(pdf bytes or None, failure, warning, path it had here)``.

    Raises:
        LibreOfficeNotFoundError: this machine has no LibreOffice.
        TempFolderError: the temporary folder cannot hold the documents.
    """
    program = find_soffice(soffice)
    with scratch_folder("chibo-docs-remote-") as tmp:
        jobs = []
        for k, (name, content) in enumerate(documents):
            folder = tmp / str(k)
            folder.mkdir()
            source = folder / Path(name).name
            source.write_bytes(content)
            target = folder / f"{source.stem}.pdf"
            jobs.append(_Job(source, target, allow_font_fallback=allow_font_fallback))
        _run_chunk(program, jobs, timeout, threading.Event(), None)
        outcomes: list[Outcome] = []
        for job in jobs:
            made = job.result.read_bytes() if isinstance(job.result, Path) else None
            failure = None if isinstance(job.result, Path) else job.result
            outcomes.append((made, _portable(failure), _portable(job.warning), str(job.source)))
    return outcomes


def _submit_elsewhere(
    executor: Executor,
    jobs: list[_Job],
    soffice: str | None,
    timeout: float,
    reporter: _Reporter,
) -> tuple[Future[None], Future[list[Outcome]]]:
    """Send ``jobs`` to ``executor`` as bytes (:func:`convert_here`); install what comes back.

    Returns a future that is done once the PDFs are installed (or the part failed), and the
    executor's own future (to cancel it).
    """
    documents = []
    for job in jobs:
        try:
            documents.append((job.source.name, job.source.read_bytes()))
        except OSError as exc:
            raise ConversionError(
                message("input {file!r} cannot be read: {reason}", file=str(job.source),
                        reason=os_reason(exc)),
                source=str(job.source),
            ) from exc
    allow = jobs[0].allow_font_fallback
    remote = executor.submit(convert_here, documents, soffice, timeout, allow)
    done: Future[None] = Future()

    def receive(future: Future[list[Outcome]]) -> None:
        try:
            for job, outcome in zip(jobs, future.result(), strict=True):
                _receive(job, outcome)
            reporter.advance(len(jobs))
        except BaseException as exc:
            done.set_exception(exc)
        else:
            done.set_result(None)

    remote.add_done_callback(receive)
    return done, remote


def _receive(job: _Job, outcome: Outcome) -> None:
    """Install the PDF that came back for ``job``, or keep its failure."""
    made, failure, warning, there = outcome
    here = str(job.source)
    if warning is not None:
        job.warning = _restored(warning, there, here)
    if made is None:
        assert failure is not None
        job.result = _restored(failure, there, here)
        return
    try:
        write_atomically(job.target, made)
    except OutputError as exc:
        job.result = ConversionOutputError(exc, here)
        return
    job.result = job.target


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
    """Split ``jobs`` into runs sharing one input filter, in rounds of ``workers`` runs.

    Each group of one filter is cut into a multiple of ``workers`` runs of near-equal size (at
    most ``_CHUNK`` documents each), so that no worker is left with a run of its own at the
    end while the others idle: 105 documents on 2 workers are 2 runs of 53 and 52, not 3 of 35.

    >>> jobs = [_Job(Path(f"{k}.docx"), Path(f"{k}.pdf")) for k in range(105)]
    >>> [len(c) for c in _chunks(jobs, 2)]
    [53, 52]
    >>> [len(c) for c in _chunks(jobs[:3], 4)]
    [1, 1, 1]
    """
    groups: dict[str | None, list[_Job]] = {}
    for job in jobs:
        groups.setdefault(INPUT_FILTERS.get(job.source.suffix.lower()), []).append(job)
    chunks: list[list[_Job]] = []
    for group in groups.values():
        parts = min(len(group), workers * math.ceil(len(group) / (workers * _CHUNK)))
        size, extra = divmod(len(group), parts)
        start = 0
        for k in range(parts):
            end = start + size + (1 if k < extra else 0)
            chunks.append(group[start:end])
            start = end
    return chunks


class _Reporter:
    def __init__(self, total: int, callback: Progress | None) -> None:
        self.total, self.done, self.callback = total, 0, callback
        self.lock = threading.Lock()

    def advance(self, n: int) -> None:
        if n and self.callback is not None:
            with self.lock:
                self.done = min(self.total, self.done + n)  # a crash may redo counted ones
                self.callback(self.done, self.total)


class _Cancelled(Exception):
    pass


def _run_chunk(
    program: Path,
    jobs: list[_Job],
    timeout: float,
    cancel: threading.Event,
    reporter: _Reporter | None,
    checker: Executor | None = None,
) -> None:
    """Convert ``jobs`` in one LibreOffice process; set each job's ``result``.

    ``checker`` runs the checks of the PDFs finished while LibreOffice converts the next
    ones (default: this thread, between its polls).

    When a document times out, it fails and the documents after it go to a new process.
    When LibreOffice crashes (it exits with a non-zero status), the documents it had not
    converted go to a new process, once. When that one crashes too, the document it crashed
    on fails with :class:`LibreOfficeCrashedError`: if both crashes happened on it, it is
    blamed and the documents after it go on in a new process; otherwise every document not
    converted fails (LibreOffice dies whatever it converts).
    """
    pending = list(jobs)
    suspect: _Job | None = None  # the document LibreOffice was on when it crashed once
    while pending:
        pending, status = _run_once(program, pending, timeout, cancel, reporter, checker)
        if status is None or not pending:
            continue
        if suspect is None:
            suspect = pending[0]
            continue
        blamed = pending[0] is suspect
        failed = pending[:1] if blamed else pending
        for job in failed:
            job.result = LibreOfficeCrashedError(str(job.source), status=status, blamed=blamed)
        if reporter is not None:
            reporter.advance(len(failed))
        pending = pending[len(failed) :]
        suspect = None


def _run_once(
    program: Path,
    jobs: list[_Job],
    timeout: float,
    cancel: threading.Event,
    reporter: _Reporter | None,
    checker: Executor | None = None,
) -> tuple[list[_Job], int | None]:
    """Run one LibreOffice process over ``jobs``; return the jobs still to do.

    The second item is LibreOffice's exit status when it crashed (the jobs still to do are
    then those it had not converted), else ``None``.
    """
    infilter = INPUT_FILTERS.get(jobs[0].source.suffix.lower())
    with scratch_folder("chibo-docs-lo-") as tmp:
        indir, outdir = tmp / "in", tmp / "out"
        indir.mkdir()
        outdir.mkdir()
        staged: list[Path] = []
        ready: list[_Job] = []
        for job in jobs:
            copy = indir / f"{len(ready):04d}{job.source.suffix.lower()}"
            try:
                shutil.copyfile(job.source, copy)
            except OSError as exc:
                if os.fspath(exc.filename or "") != str(job.source) or exc.filename2:
                    raise  # writing the temporary folder: a TempFolderError for the batch
                job.result = ConversionError(
                    message("input {file!r} cannot be read: {reason}", file=str(job.source),
                            reason=os_reason(exc)),
                    source=str(job.source),
                )
                if reporter is not None:
                    reporter.advance(1)
                continue
            staged.append(copy)
            ready.append(job)
        jobs = ready
        if not jobs:
            return [], None
        args = headless_args(program, tmp / "profile")
        args += ["--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir)]
        if infilter is not None:
            args.append(f"--infilter={infilter}")
        args += [str(s) for s in staged]
        outputs = [outdir / f"{s.stem}.pdf" for s in staged]
        try:
            proc = spawn(args, log=tmp / "log.txt", env=_environment(tmp))
        except OSError as exc:
            if _inside_folder(exc.filename, tmp):
                raise  # the log file: a TempFolderError
            raise LibreOfficeNotFoundError(
                message("LibreOffice {program!r} cannot be started ({reason}); {hint}",
                        program=str(program), reason=os_reason(exc),
                        hint=install_hint())
            ) from exc
        timed_out = None
        early = _EarlyChecks(jobs, outputs, checker)
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
                if not early.check_finished():  # nothing new to check: wait a little
                    time.sleep(_POLL)
        except _Cancelled:
            return [], None
        finally:
            proc.kill()  # the whole group, even after a clean exit
            remove_ipc_pipes(tmp / "profile")
            early.wait()  # no check runs on a job once this thread reads its result
        log = proc.output()
        status = proc.poll()
        if timed_out is None and status:
            return _after_crash(jobs, outputs, log, reporter, done), status
        if reporter is not None and timed_out is None:
            reporter.advance(len(outputs) - done)
        last = len(jobs) if timed_out is None else timed_out
        for job, output in zip(jobs[:last], outputs[:last], strict=True):
            if job.result is None:
                job.result = _collect(job, output, log)
        if timed_out is None:
            return [], None
        job = jobs[timed_out]
        job.result = ConversionTimeoutError(
            message("converting {file!r} took more than {seconds} s; LibreOffice was killed",
                    file=str(job.source), seconds=timeout),
            source=str(job.source),
            detail=_lo_messages(log) or None,
        )
        if reporter is not None:
            reporter.advance(1)
        return [j for j in jobs[timed_out + 1 :] if j.result is None], None


class _EarlyChecks:
    """Check and install each PDF of a running LibreOffice as soon as it is finished.

    LibreOffice converts its files in the order given, so once the PDF of a later file
    exists, every earlier one is finished: checked now, its check runs while LibreOffice
    converts the next documents instead of after the last one. A PDF that fails its check
    here is left for the check after LibreOffice exits, which has LibreOffice's messages.
    """

    def __init__(
        self, jobs: list[_Job], outputs: list[Path], checker: Executor | None = None
    ) -> None:
        self.jobs, self.outputs, self.next = jobs, outputs, 0
        self.checker = checker
        self.pending: list[Future[None]] = []

    def wait(self) -> None:
        """Wait for the checks handed to the checker thread."""
        for future in self.pending:
            future.result()
        self.pending.clear()

    def check_finished(self) -> bool:
        """Check the PDFs now known to be finished; return whether there was any."""
        latest = next(
            (k for k in range(len(self.outputs) - 1, self.next, -1) if self.outputs[k].exists()),
            None,
        )
        if latest is None:
            return False
        finished = list(zip(self.jobs[self.next : latest], self.outputs[self.next : latest],
                            strict=True))
        self.next = latest
        if self.checker is None:
            _check_early(finished)
            return True
        # in the checker thread, at low priority; its errors read in this thread's language
        self.pending.append(
            self.checker.submit(contextvars.copy_context().run, _check_early, finished)
        )
        return False  # this thread only handed the checks over: it may sleep


def _check_early(finished: list[tuple[_Job, Path]]) -> None:
    """Check and install PDFs LibreOffice has finished; a failure is left for the last check."""
    for job, output in finished:
        if job.result is None and output.exists():
            result = _collect(job, output, "")
            if isinstance(result, Path):
                job.result = result


CHECK_NICENESS = 5
"""How much lower (``nice``) the thread that checks a batch's finished PDFs runs: LibreOffice's
processes get the cores first, and the checks (about 6 ms of CPU a PDF) fill the time they
leave instead of slowing them (docs/performance.md)."""


def _lower_priority() -> None:
    """Lower this thread's priority by :data:`CHECK_NICENESS` (Linux: a thread's own nice).

    Only the checker thread: a process started from a thread inherits its nice value, and
    LibreOffice must run at the caller's priority.
    """
    try:
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread,
                       os.getpriority(os.PRIO_PROCESS, thread) + CHECK_NICENESS)
    except (OSError, AttributeError):  # not Linux, or not allowed: checks run as they are
        pass


def _after_crash(
    jobs: list[_Job], outputs: list[Path], log: str, reporter: _Reporter | None, counted: int
) -> list[_Job]:
    """Keep what a crashed LibreOffice converted; return the jobs to run again, in order.

    A PDF that does not pass :func:`verify_pdf` (it may have been cut short by the crash) is
    made again rather than reported; one already checked and installed is kept.
    """
    again: list[_Job] = []
    kept = 0
    for job, output in zip(jobs, outputs, strict=True):
        if job.result is not None:
            kept += 1
            continue
        if not output.exists():
            again.append(job)
            continue
        try:
            verify_pdf(output, job.source, log)
        except ConversionError:
            again.append(job)
            continue
        job.result = _collect(job, output, log)  # the font check, then the PDF installed
        kept += 1
    if reporter is not None and kept > counted:
        reporter.advance(kept - counted)
    return again


def _collect(job: _Job, output: Path, log: str) -> Path | ConversionError:
    try:
        job.warning = check_pdf(
            output, job.source, log, allow_font_fallback=job.allow_font_fallback
        )
    except ConversionError as exc:
        return exc
    return _install(job, output)


def _install(job: _Job, output: Path) -> Path | ConversionError:
    try:
        install_pdf(output, job.target)
    except OutputError as exc:
        return ConversionOutputError(exc, str(job.source))
    return job.target


def install_pdf(made: Path, target: Path) -> None:
    """Write the PDF ``made`` (in a temporary folder) to ``target``, whole or not at all.

    Missing folders are created; a new PDF gets the mode ``open()`` gives (``0o666`` less
    the umask), a replaced one keeps its mode.

    Raises:
        OutputError: ``target`` cannot be written, naming it and what to do.
    """
    install_file(made, target)


def _inside_folder(path: object, folder: Path) -> bool:
    return isinstance(path, str | os.PathLike) and Path(path).is_relative_to(folder)


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
