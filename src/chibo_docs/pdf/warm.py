"""Keep LibreOffice running between conversions: for services converting one file at a time.

A cold ``soffice --convert-to`` spends about a second starting up for each call; a
:class:`WarmConverter` starts LibreOffice once and converts a two-page document in about
0.2 s. It restarts LibreOffice after a crash, after a timeout and every ``restart_after``
documents, and shuts it down (the whole process group) on :meth:`~WarmConverter.close`::

    with WarmConverter() as converter:
        converter.convert("bien-ban.docx")            # -> bien-ban.pdf

The server side (``uno_worker.py``) runs under a Python that has LibreOffice's ``uno``
module and uses unoserver's ``UnoConverter``; this side only speaks XML-RPC.
"""

from __future__ import annotations

import functools
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import warnings
import weakref
import xmlrpc.client
from pathlib import Path
from types import TracebackType

from chibo_docs.errors import ConversionError, ConversionTimeoutError, LibreOfficeCrashedError
from chibo_docs.i18n import Message, message, using
from chibo_docs.output_files import check_destination
from chibo_docs.pdf.conversion import DEFAULT_TIMEOUT, check_input, check_pdf, install_pdf
from chibo_docs.pdf.font_fallback import fallback_allowed
from chibo_docs.pdf.process_group import GroupProcess, spawn
from chibo_docs.pdf.soffice import INPUT_FILTERS, find_soffice, headless_args, remove_ipc_pipes

__all__ = ["PYTHON_ENV_VAR", "WarmConverter", "find_uno_python"]

PYTHON_ENV_VAR = "CHIBO_DOCS_UNO_PYTHON"
"""Environment variable naming the Python that has LibreOffice's ``uno`` module."""

_WORKER = Path(__file__).with_name("uno_worker.py")
_SAFE_PATH = {"PYTHONSAFEPATH": "1"}
"""Python 3.11+ then leaves the worker's folder (this package) off its ``sys.path``; older
Pythons ignore it. Either way nothing there can shadow a module the worker imports: no module
of chibo_docs is named like one of the standard library (tests/test_architecture.py). Not the
``-P`` option, which a Python before 3.11 (LibreOffice bundles such) refuses, nor ``-I``, which
drops the PYTHONPATH/PYTHONHOME by which a bundled Python finds ``uno``."""


def _uno_hint() -> Message:
    return message(
        "install LibreOffice's Python bridge (on Debian/Ubuntu: sudo apt-get install "
        "python3-uno) or set {variable} to a Python that can 'import uno'",
        variable=PYTHON_ENV_VAR,
    )


@functools.lru_cache(maxsize=8)
def _has_uno(python: str) -> bool:
    try:
        done = subprocess.run(  # noqa: S603 - a Python interpreter we were pointed at
            [python, "-c", "import uno"], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def find_uno_python(soffice: Path, python: str | os.PathLike[str] | None = None) -> Path:
    """Return a Python that can ``import uno`` (LibreOffice's Python bridge).

    Looks at ``python``, the ``CHIBO_DOCS_UNO_PYTHON`` variable, this Python, the Python
    bundled beside ``soffice`` (Windows, macOS and libreoffice.org builds), then
    ``/usr/bin/python3`` (Debian's ``python3-uno``).

    Raises:
        ConversionError: none of them has ``uno``; the message says what to install.
    """
    explicit = python if python is not None else os.environ.get(PYTHON_ENV_VAR) or None
    if explicit is not None:
        candidates = [os.fspath(explicit)]
    else:
        program = soffice.resolve().parent
        candidates = [
            sys.executable,
            str(program / "python"),
            str(program / "python.exe"),
            "/usr/bin/python3",
            shutil.which("python3") or "python3",
        ]
    for candidate in candidates:
        if os.path.isfile(candidate) and _has_uno(candidate):
            return Path(candidate)
    raise ConversionError(
        message("no Python with the 'uno' module (tried {candidates}); {hint}",
                candidates=", ".join(candidates), hint=_uno_hint())
    )


def _unoserver_dir() -> Path:
    try:
        import unoserver
    except ImportError as exc:  # pragma: no cover - a dependency of chibo_docs
        raise ConversionError(
            message("warm conversion needs unoserver: pip install unoserver")
        ) from exc
    return Path(unoserver.__file__).resolve().parent


class _Server:
    """One running LibreOffice plus its XML-RPC worker, in its own temporary folder."""

    def __init__(self, soffice: Path, python: Path, start_timeout: float) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="chibo-docs-warm-"))
        try:
            ready = self.tmp / "ready.json"
            self.pipe = f"chibo-docs-{uuid.uuid4().hex}"
            # The worker runs in place and is told where unoserver is: it imports that one
            # package from there; nothing else of our environment goes on the uno Python's path.
            args = [str(python), str(_WORKER), "--unoserver", str(_unoserver_dir())]
            args += ["--pipe", self.pipe, "--ready", str(ready)]
            args += ["--start-timeout", str(start_timeout)]
            args += headless_args(soffice, self.tmp / "profile")
            env = dict(os.environ, TMPDIR=str(self.tmp), **_SAFE_PATH)
            self.process: GroupProcess = spawn(args, log=self.tmp / "log.txt", env=env)
            # also at interpreter exit, when a converter was never closed
            self._finalizer = weakref.finalize(self, _shut_down, self.process, self.tmp, self.pipe)
            self.port = self._wait_ready(ready, start_timeout + 5)
        except BaseException:
            self.close()
            raise

    def _wait_ready(self, ready: Path, limit: float) -> int:
        deadline = time.monotonic() + limit
        while not ready.exists():
            if self.process.poll() is not None:
                raise ConversionError(
                    message("LibreOffice could not be started for warm conversion"),
                    detail=self.process.output().strip()[-2000:] or None,
                )
            if time.monotonic() > deadline:
                raise ConversionTimeoutError(
                    message("LibreOffice did not start within {seconds} s for warm conversion",
                            seconds=limit)
                )
            time.sleep(0.02)
        port: int = json.loads(ready.read_text(encoding="utf-8"))["port"]
        return port

    def alive(self) -> bool:
        return self.process.poll() is None

    def office_alive(self) -> bool:
        """Return whether LibreOffice itself still answers (the worker may outlive it)."""
        if not self.alive():
            return False
        proxy = xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{self.port}/", transport=_TimeoutTransport(10.0)
        )
        try:
            with proxy:
                return bool(proxy.office_alive())
        except (OSError, http.client.HTTPException, xmlrpc.client.Error):
            return False

    def convert(self, inpath: Path, outpath: Path, infilter: str | None, timeout: float) -> None:
        transport = _TimeoutTransport(timeout)
        proxy = xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{self.port}/", transport=transport, allow_none=True
        )
        with proxy:
            proxy.convert(str(inpath), str(outpath), infilter)

    def close(self) -> None:
        finalizer = getattr(self, "_finalizer", None)
        if finalizer is not None:
            finalizer()
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _shut_down(process: GroupProcess, tmp: Path, pipe: str) -> None:
    """Kill the worker's process group and remove everything it left."""
    process.kill()
    remove_ipc_pipes(tmp / "profile", (pipe,))
    shutil.rmtree(tmp, ignore_errors=True)


class _TimeoutTransport(xmlrpc.client.Transport):
    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host: object) -> http.client.HTTPConnection:
        connection = super().make_connection(host)  # type: ignore[arg-type]
        connection.timeout = self.timeout
        return connection


class WarmConverter:
    """Convert documents to PDF with a LibreOffice kept running between calls.

    Thread-safe: calls from several threads are queued and served one at a time by the
    single LibreOffice (which converts one document at a time anyway). LibreOffice starts
    on the first call (or on ``with``), is restarted after a crash or a timeout and every
    ``restart_after`` documents, and is shut down by :meth:`close`.

    Args:
        soffice: the LibreOffice program (default: :func:`~chibo_docs.pdf.soffice.find_soffice`).
        python: a Python with ``uno`` (default: :func:`find_uno_python`).
        timeout: seconds one document may take; then LibreOffice is killed and restarted.
        restart_after: documents converted before a fresh LibreOffice is started (it grows
            slower and larger over time); ``None`` never restarts on count.
        start_timeout: seconds LibreOffice may take to start.
    """

    def __init__(
        self,
        *,
        soffice: str | os.PathLike[str] | None = None,
        python: str | os.PathLike[str] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        restart_after: int | None = 200,
        start_timeout: float = 60.0,
    ) -> None:
        self._soffice = find_soffice(soffice)
        self._python_arg = python
        self._python: Path | None = None
        self.timeout = timeout
        self.restart_after = restart_after
        self.start_timeout = start_timeout
        self.starts = 0
        """How many times LibreOffice was started (restarts included)."""
        self._server: _Server | None = None
        self._served = 0
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> WarmConverter:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def process_group(self) -> int | None:
        """Return the process group id of the running LibreOffice, or ``None``."""
        server = self._server
        return server.process.pid if server is not None and server.alive() else None

    @property
    def temp_dir(self) -> Path | None:
        """Return the temporary folder of the running LibreOffice (profile, scratch files)."""
        return self._server.tmp if self._server is not None else None

    def start(self) -> None:
        """Start LibreOffice now rather than on the first conversion."""
        with self._lock:
            self._ensure_server()

    def close(self) -> None:
        """Shut LibreOffice down (its whole process group) and remove its temporary folder."""
        with self._lock:
            self._closed = True
            self._stop()

    def convert(
        self,
        source: str | os.PathLike[str],
        dest: str | os.PathLike[str] | None = None,
        *,
        allow_font_fallback: bool | None = None,
        lang: str | None = None,
    ) -> Path:
        """Convert ``source`` to the PDF ``dest`` (default: beside it) and return its path.

        ``source`` is checked as :func:`~chibo_docs.pdf.conversion.check_input` does (an empty
        file or a .docx that is not a Word package is refused before LibreOffice sees it).
        Missing folders of ``dest`` are created; a new PDF gets the mode ``open()`` gives.
        ``allow_font_fallback=True`` (default: the environment variable
        ``CHIBO_DOCS_ALLOW_FONT_FALLBACK``) keeps a PDF in which LibreOffice drew characters
        in a fallback font, with a :class:`~chibo_docs.errors.FontFallbackWarning`. Errors and
        warnings read in ``lang`` (``"vi"`` or ``"en"``; default: the language in force).

        Raises:
            ConversionError: naming ``source``, with LibreOffice's message.
            ConversionTimeoutError: it took longer than ``timeout`` (LibreOffice restarts).
            LibreOfficeCrashedError: LibreOffice crashed on it twice.
            OutputError: ``dest`` cannot be written, naming it.
            FontFallbackError: the PDF draws characters in a fallback font (no PDF written).
        """
        with using(lang):
            return self._convert(source, dest, allow_font_fallback)

    def _convert(
        self,
        source: str | os.PathLike[str],
        dest: str | os.PathLike[str] | None,
        allow_font_fallback: bool | None,
    ) -> Path:
        allow = fallback_allowed(allow_font_fallback)
        src = check_input(source).resolve()
        target = check_destination(Path(dest) if dest is not None else src.with_suffix(".pdf"))
        infilter = INPUT_FILTERS.get(src.suffix.lower())
        with self._lock:
            for attempt in (1, 2):
                server = self._ensure_server()
                made = server.tmp / f"{uuid.uuid4().hex}.pdf"
                try:
                    server.convert(src, made, infilter, self.timeout)
                except xmlrpc.client.Fault as exc:
                    made.unlink(missing_ok=True)
                    if server.office_alive():
                        raise ConversionError(
                            message("LibreOffice could not convert {file!r}", file=str(source)),
                            source=str(source),
                            detail=_fault_message(exc),
                        ) from None
                    self._stop()  # it crashed on this document: one retry on a fresh one
                    if attempt == 2:
                        raise LibreOfficeCrashedError(
                            str(source), status=None, blamed=True, detail=_fault_message(exc)
                        ) from None
                    continue
                except TimeoutError:
                    self._stop()
                    raise ConversionTimeoutError(
                        message(
                            "converting {file!r} took more than {seconds} s; LibreOffice was "
                            "killed and will be restarted",
                            file=str(source), seconds=self.timeout,
                        ),
                        source=str(source),
                    ) from None
                except (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError) as exc:
                    self._stop()  # the server went away (a crash): retry once
                    if attempt == 2:
                        raise LibreOfficeCrashedError(
                            str(source), status=None, blamed=True, detail=str(exc)
                        ) from None
                    continue
                self._served += 1
                try:
                    warning = check_pdf(made, Path(source), allow_font_fallback=allow)
                    install_pdf(made, target)
                finally:
                    made.unlink(missing_ok=True)
                if warning is not None:
                    warnings.warn(warning, stacklevel=3)
                return target
        raise AssertionError("unreachable")  # pragma: no cover

    def _ensure_server(self) -> _Server:
        if self._closed:
            raise ConversionError(message("this WarmConverter is closed; create a new one"))
        server = self._server
        if server is not None and (
            not server.alive()
            or (self.restart_after is not None and self._served >= self.restart_after)
        ):
            self._stop()
            server = None
        if server is None:
            if self._python is None:
                self._python = find_uno_python(self._soffice, self._python_arg)
            server = _Server(self._soffice, self._python, self.start_timeout)
            self._server, self._served = server, 0
            self.starts += 1
        return server

    def _stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()


def _fault_message(fault: xmlrpc.client.Fault) -> str:
    """Return the useful part of a server-side exception, e.g. ``Could not load document …``."""
    text = str(fault.faultString)
    return text.split(":", 1)[1].strip() if ":" in text else text
