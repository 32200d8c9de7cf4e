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

from chibo_docs.errors import ConversionError, os_reason
from chibo_docs.i18n import _, using
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
    warm converter's Python bridge is optional). ``name``, ``detail`` and ``fix`` are in the
    language of the diagnosis (:mod:`chibo_docs.i18n`); ``code`` names the check for programs
    (``libreoffice``, ``uno``, ``font``, ``temp_folder``).
    """

    name: str
    ok: bool
    detail: str
    fix: str | None = None
    required: bool = True
    code: str = ""

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
    name = "LibreOffice"
    try:
        program = find_soffice(soffice)
    except ConversionError as exc:
        fix = _apt(_DEBIAN_LIBREOFFICE, install_hint().text())
        if soffice is None and os.environ.get(ENV_VAR):
            fix = _("point {variable} at the soffice program or unset it; or: {fix}",
                    variable=ENV_VAR, fix=fix)
        return DoctorCheck(name, False, str(exc), fix, code="libreoffice"), None
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
        detail = _("{program} does not run: {reason}", program=str(program), reason=str(exc))
        fix = _apt(_DEBIAN_LIBREOFFICE, install_hint().text())
        return DoctorCheck(name, False, detail, fix, code="libreoffice"), None
    if not version.startswith("LibreOffice"):
        detail = (
            _("{program} --version printed {output!r}, not a LibreOffice version",
              program=str(program), output=version)
            if version
            else _("{program} --version printed nothing, not a LibreOffice version",
                   program=str(program))
        )
        fix = _apt(_DEBIAN_LIBREOFFICE, install_hint().text())
        return DoctorCheck(name, False, detail, fix, code="libreoffice"), None
    return DoctorCheck(name, True, f"{program} ({version})", code="libreoffice"), program


def _uno(program: Path | None) -> DoctorCheck:
    name = _("python3-uno (WarmConverter only)")
    try:
        python = find_uno_python(program or Path("/usr/bin/soffice"))
    except ConversionError:
        fix = _apt(
            _DEBIAN_UNO,
            _("set {variable} to a Python that can 'import uno'", variable=PYTHON_ENV_VAR),
        )
        detail = _("no Python with LibreOffice's 'uno' module")
        return DoctorCheck(name, False, detail, fix, False, code="uno")
    detail = _("{python} can import uno", python=str(python))
    return DoctorCheck(name, True, detail, required=False, code="uno")


def _font() -> DoctorCheck:
    name = _("font for Times New Roman")
    check = check_fonts()
    if check.face is None or check.file is None:
        missing = _apt(check.package or _DEBIAN_FONTCONFIG,
                       check.hint or _("install fontconfig"))
        return DoctorCheck(name, False, check.hint or _("no font found"), missing, code="font")
    face = f"{check.face} {check.version}" if check.version else check.face
    where = f"{face} ({check.file})"
    fix = _apt(check.package, check.hint or "") if check.package else check.hint
    if not check.metric_compatible:
        detail = _("{face}: not metric-compatible, line breaks and page counts change",
                   face=where)
        return DoctorCheck(name, False, detail, fix, code="font")
    if check.missing:
        shown = " ".join(check.missing[:_SHOWN]) + (" …" if len(check.missing) > _SHOWN else "")
        detail = _(
            "{face}: no glyph for {count} of the {letters} Vietnamese letters ({characters}); "
            "LibreOffice would take them from another font",
            face=where, count=len(check.missing), letters=len(VIETNAMESE_LETTERS),
            characters=shown,
        )
        return DoctorCheck(name, False, detail, fix, code="font")
    detail = _(
        "{face}, metric-compatible, every Vietnamese letter ({letters}) in regular, bold, "
        "italic and bold italic",
        face=where, letters=len(VIETNAMESE_LETTERS),
    )
    return DoctorCheck(name, True, detail, code="font")


def _temp_folder() -> DoctorCheck:
    name = _("temporary folder")
    folder = tempfile.gettempdir()
    try:
        with tempfile.TemporaryDirectory(prefix="chibo-docs-doctor-") as tmp:
            (Path(tmp) / "probe").write_bytes(b"ok")
    except OSError as exc:
        return DoctorCheck(
            name,
            False,
            _("{folder} is not writable: {reason}", folder=folder,
              reason=os_reason(exc)),
            _("export TMPDIR=/a/writable/folder (LibreOffice's profile and scratch files go "
              "there)"),
            code="temp_folder",
        )
    return DoctorCheck(name, True, _("{folder} is writable", folder=folder), code="temp_folder")


def diagnose(
    *, soffice: str | os.PathLike[str] | None = None, lang: str | None = None
) -> list[DoctorCheck]:
    """Check what PDF output needs on this machine; return one :class:`DoctorCheck` each.

    In order: LibreOffice (``soffice``, else as :func:`~chibo_docs.pdf.soffice.find_soffice`
    finds it) with its version; LibreOffice's Python bridge for the warm converter
    (optional); the face "Times New Roman" resolves to (:func:`~chibo_docs.pdf.fonts.check_fonts`)
    with its Vietnamese coverage; a writable temporary folder. The checks are worded in
    ``lang`` (``"vi"`` or ``"en"``; default: the language in force).
    """
    with using(lang):
        libreoffice, program = _libreoffice(soffice)
        return [libreoffice, _uno(program), _font(), _temp_folder()]


def all_ok(checks: Sequence[DoctorCheck]) -> bool:
    """Return whether every required check passed.

    >>> all_ok([DoctorCheck("a", True, ""), DoctorCheck("b", False, "", required=False)])
    True
    """
    return all(c.ok for c in checks if c.required)
