"""Find the LibreOffice program (``soffice``) and describe how to run it headless.

Used by :mod:`chibo_docs.pdf.conversion` and :mod:`chibo_docs.pdf.warm`; nothing else starts
LibreOffice.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import shutil
import sys
from pathlib import Path

from chibo_docs.errors import LibreOfficeNotFoundError
from chibo_docs.i18n import Message, message, using

__all__ = [
    "ENV_VAR",
    "INPUT_FILTERS",
    "find_soffice",
    "headless_args",
    "install_hint",
    "ipc_pipe_names",
    "remove_ipc_pipes",
]

ENV_VAR = "CHIBO_DOCS_SOFFICE"
"""Environment variable naming the soffice program to use."""

INPUT_FILTERS = {
    ".docx": "MS Word 2007 XML",
    ".docm": "MS Word 2007 XML",
    ".doc": "MS Word 97",
    ".odt": "writer8",
    ".rtf": "Rich Text Format",
}
"""LibreOffice import filter forced for each input suffix.

Without it LibreOffice silently turns a corrupt .docx into a PDF of its raw bytes.

>>> INPUT_FILTERS[".docx"]
'MS Word 2007 XML'
"""


def _candidates() -> list[str]:
    names = ["soffice", "libreoffice"]
    found = [p for p in (shutil.which(n) for n in names) if p]
    if sys.platform == "darwin":
        found.append("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    elif sys.platform == "win32":
        for var in ("PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432"):
            base = os.environ.get(var)
            if base:
                found.append(str(Path(base) / "LibreOffice" / "program" / "soffice.exe"))
    else:
        found += [
            "/usr/bin/soffice",
            "/usr/bin/libreoffice",
            "/usr/lib/libreoffice/program/soffice",
            "/usr/lib64/libreoffice/program/soffice",
            "/usr/local/bin/soffice",
            *sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True),
            "/snap/bin/libreoffice",
        ]
    return found


def install_hint() -> Message:
    """Return how to install LibreOffice on this system, in one sentence.

    >>> "CHIBO_DOCS_SOFFICE" in install_hint().text("en")
    True
    """
    if sys.platform == "darwin":
        how = message("brew install --cask libreoffice (or the installer from libreoffice.org)")
    elif sys.platform == "win32":
        how = message("the installer from https://www.libreoffice.org/download/")
    else:
        how = message(
            "on Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; "
            "on Fedora: sudo dnf install libreoffice-writer"
        )
    return message("install LibreOffice ({how}) or set {variable} to the path of soffice",
                   how=how, variable=ENV_VAR)


def _usable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_soffice(
    soffice: str | os.PathLike[str] | None = None, *, lang: str | None = None
) -> Path:
    """Return the LibreOffice program to run (errors in ``lang``, default the one in force).

    Looks at, in order: ``soffice`` (a path or a command name), the ``CHIBO_DOCS_SOFFICE``
    environment variable, ``soffice``/``libreoffice`` on PATH, then the usual install
    folders of Linux, macOS and Windows.

    Raises:
        LibreOfficeNotFoundError: nothing usable was found; the message says how to
            install LibreOffice. An explicit ``soffice`` or variable that does not name an
            executable is an error too (it is not silently replaced by another program).
    """
    with using(lang):
        return _find(soffice)


def _find(soffice: str | os.PathLike[str] | None) -> Path:
    given_soffice = message("the given soffice program")
    for given, origin in ((soffice, given_soffice), (os.environ.get(ENV_VAR), ENV_VAR)):
        if given is None or str(given) == "":
            continue
        text = os.fspath(given)
        resolved = text if _usable(text) else shutil.which(text)
        if resolved and _usable(resolved):
            return Path(resolved)
        raise LibreOfficeNotFoundError(
            message("{origin} {program!r} is not an executable LibreOffice program; {hint}",
                    origin=origin, program=text, hint=install_hint())
        )
    for candidate in _candidates():
        if _usable(candidate):
            return Path(candidate)
    raise LibreOfficeNotFoundError(
        message("LibreOffice (soffice) was not found; {hint}", hint=install_hint())
    )


def headless_args(soffice: Path, profile: Path) -> list[str]:
    """Return the command that starts ``soffice`` headless with its own ``profile`` folder.

    >>> headless_args(Path("/usr/bin/soffice"), Path("/tmp/p"))[:2]
    ['/usr/bin/soffice', '-env:UserInstallation=file:///tmp/p']
    """
    return [
        str(soffice),
        f"-env:UserInstallation={profile.absolute().as_uri()}",
        "--headless",
        "--invisible",
        "--nocrashreport",
        "--nodefault",
        "--nologo",
        "--nofirststartwizard",
        "--norestore",
        "--nolockcheck",
    ]


def ipc_pipe_names(profile: Path, pipes: tuple[str, ...] = ()) -> list[str]:
    """Return the names of the sockets LibreOffice creates for ``profile`` (and ``pipes``).

    LibreOffice names its single-instance socket after the MD5 of the profile URL in UTF-16
    (each byte in hex without zero padding) and removes it on a clean exit only; after a
    kill it stays in ``/tmp``.

    >>> ipc_pipe_names(Path("/tmp/lo/prof2"))[0].split("_", 3)[3]
    'SingleOfficeIPC_27d6979510993f8936a8d9db5ef9ef74'
    """
    md5 = hashlib.md5(profile.absolute().as_uri().encode("utf-16-le"))  # noqa: S324
    digest = "".join(f"{byte:x}" for byte in md5.digest())  # LibreOffice does not zero-pad
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return [f"OSL_PIPE_{uid}_{name}" for name in (f"SingleOfficeIPC_{digest}", *pipes)]


def remove_ipc_pipes(profile: Path, pipes: tuple[str, ...] = ()) -> None:
    """Remove the sockets a killed LibreOffice left behind for ``profile`` (POSIX only)."""
    if os.name != "posix":
        return
    for folder in ("/tmp", "/var/tmp"):  # noqa: S108 - where LibreOffice puts them
        for name in ipc_pipe_names(profile, pipes):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, name))
