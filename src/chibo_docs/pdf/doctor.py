"""Is this machine ready to make PDFs? What ``chibo-docs doctor`` checks, as data.

:func:`diagnose` looks at what PDF output needs: LibreOffice (path and version), the face
LibreOffice will use for Times New Roman and whether it has every Vietnamese letter, a
writable temporary folder, and (for :class:`~chibo_docs.pdf.warm.WarmConverter` only)
LibreOffice's Python bridge. Each check says what it found, or the exact command to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from chibo_docs.errors import ConversionError
from chibo_docs.pdf.fonts import VIETNAMESE_LETTERS, check_fonts
from chibo_docs.pdf.soffice import ENV_VAR, find_soffice, install_hint
from chibo_docs.pdf.warm import PYTHON_ENV_VAR, find_uno_python

__all__ = ["DoctorCheck", "all_ok", "diagnose"]

_VERSION_TIMEOUT = 60  # seconds for `soffice --version` (a cold start on a slow disk)
_DEBIAN_LIBREOFFICE = "libreoffice-writer-nogui"
_DEBIAN_UNO = "python3-uno"
_DEBIAN_FONTCONFIG = "fontconfig"
_SHOWN = 12  # missing letters listed at most


@dataclass(frozen=True)
class DoctorCheck:
    """One line of :func:`diagnose`.

    ``name`` what was checked, ``ok`` whether it is fine, ``detail`` what was found,
    ``fix`` the command to run when not ok, ``required`` whether PDF output needs it (the
    warm converter's Python bridge is optional).
    """

    name: str
    ok: bool
    detail: str
    fix: str | None = None
    required: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Return the check as plain data (for JSON).

        >>> DoctorCheck("temp folder", True, "/tmp is writable").to_dict()["ok"]
        True
        """
        return asdict(self)


def _apt(package: str, otherwise: str) -> str:
    """Return the install command for a Debian package here, or ``otherwise`` elsewhere."""
    if sys.platform.startswith("linux") and shutil.which("apt-get"):
        return f"sudo apt-get install {package}"
    return otherwise


def _libreoffice(soffice: str | os.PathLike[str] | None) -> tuple[DoctorCheck, Path | None]:
    try:
        program = find_soffice(soffice)
    except ConversionError as exc:
        fix = _apt(_DEBIAN_LIBREOFFICE, install_hint())
        if soffice is None and os.environ.get(ENV_VAR):
            fix = f"point {ENV_VAR} at the soffice program or unset it; or: {fix}"
        return DoctorCheck("LibreOffice", False, str(exc), fix), None
    try:
        done = subprocess.run(  # noqa: S603 - the LibreOffice program found above
            [str(program), "--version"],
            capture_output=True,
            text=True,
            timeout=_VERSION_TIMEOUT,
            check=False,
        )
        version = (done.stdout.strip().splitlines() or [""])[0].strip()
    except (OSError, subprocess.TimeoutExpired) as exc:
        detail = f"{program} does not run: {exc}"
        return DoctorCheck("LibreOffice", False, detail, _apt(_DEBIAN_LIBREOFFICE, install_hint())), None
    if not version.startswith("LibreOffice"):
        return DoctorCheck(
            "LibreOffice",
            False,
            f"{program} --version printed {version or 'nothing'!r}, not a LibreOffice version",
            _apt(_DEBIAN_LIBREOFFICE, install_hint()),
        ), None
    return DoctorCheck("LibreOffice", True, f"{program} ({version})"), program


def _uno(program: Path | None) -> DoctorCheck:
    name = "python3-uno (WarmConverter only)"
    try:
        python = find_uno_python(program or Path("/usr/bin/soffice"))
    except ConversionError:
        fix = _apt(_DEBIAN_UNO, f"set {PYTHON_ENV_VAR} to a Python that can 'import uno'")
        return DoctorCheck(name, False, "no Python with LibreOffice's 'uno' module", fix, False)
    return DoctorCheck(name, True, f"{python} can import uno", required=False)


def _font() -> DoctorCheck:
    name = "font for Times New Roman"
    check = check_fonts()
    if check.face is None or check.file is None:
        missing = _apt(check.package or _DEBIAN_FONTCONFIG, check.hint or "install fontconfig")
        return DoctorCheck(name, False, check.hint or "no font found", missing)
    face = f"{check.face} {check.version}" if check.version else check.face
    where = f"{face} ({check.file})"
    fix = _apt(check.package, check.hint or "") if check.package else check.hint
    if not check.metric_compatible:
        detail = f"{where}: not metric-compatible, line breaks and page counts change"
        return DoctorCheck(name, False, detail, fix)
    if check.missing:
        shown = " ".join(check.missing[:_SHOWN]) + (" …" if len(check.missing) > _SHOWN else "")
        detail = (
            f"{where}: no glyph for {len(check.missing)} of the {len(VIETNAMESE_LETTERS)} "
            f"Vietnamese letters ({shown}); LibreOffice would take them from another font"
        )
        return DoctorCheck(name, False, detail, fix)
    detail = (
        f"{where}, metric-compatible, every Vietnamese letter ({len(VIETNAMESE_LETTERS)}) "
        "in regular, bold, italic and bold italic"
    )
    return DoctorCheck(name, True, detail)


def _temp_folder() -> DoctorCheck:
    name = "temporary folder"
    folder = tempfile.gettempdir()
    try:
        with tempfile.TemporaryDirectory(prefix="chibo-docs-doctor-") as tmp:
            (Path(tmp) / "probe").write_bytes(b"ok")
    except OSError as exc:
        return DoctorCheck(
            name,
            False,
            f"{folder} is not writable: {exc.strerror or exc}",
            "export TMPDIR=/a/writable/folder (LibreOffice's profile and scratch files go there)",
        )
    return DoctorCheck(name, True, f"{folder} is writable")


def diagnose(*, soffice: str | os.PathLike[str] | None = None) -> list[DoctorCheck]:
    """Check what PDF output needs on this machine; return one :class:`DoctorCheck` each.

    In order: LibreOffice (``soffice``, else as :func:`~chibo_docs.pdf.soffice.find_soffice`
    finds it) with its version; LibreOffice's Python bridge for the warm converter
    (optional); the face "Times New Roman" resolves to (:func:`~chibo_docs.pdf.fonts.check_fonts`)
    with its Vietnamese coverage; a writable temporary folder.
    """
    libreoffice, program = _libreoffice(soffice)
    return [libreoffice, _uno(program), _font(), _temp_folder()]


def all_ok(checks: Sequence[DoctorCheck]) -> bool:
    """Return whether every required check passed.

    >>> all_ok([DoctorCheck("a", True, ""), DoctorCheck("b", False, "", required=False)])
    True
    """
    return all(c.ok for c in checks if c.required)
