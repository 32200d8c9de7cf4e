"""Check that PDFs will be set in Times New Roman or a face with the same metrics.

Official Party documents (HD 36-HD/VPTW) use Times New Roman. LibreOffice silently substitutes
a missing font, which changes line breaks and page counts; Liberation Serif and Tinos have
the same metrics as Times New Roman and keep the layout.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

__all__ = ["METRIC_COMPATIBLE", "FontCheck", "check_fonts"]

METRIC_COMPATIBLE: dict[str, tuple[tuple[str, ...], str]] = {
    "Times New Roman": (("Liberation Serif", "Tinos"), "fonts-liberation"),
    "Arial": (("Liberation Sans", "Arimo"), "fonts-liberation"),
    "Courier New": (("Liberation Mono", "Cousine"), "fonts-liberation"),
    "Calibri": (("Carlito",), "fonts-crosextra-carlito"),
    "Cambria": (("Caladea",), "fonts-crosextra-caladea"),
}
"""For each Microsoft font: the free faces with the same metrics, and their Debian package."""


@dataclass(frozen=True)
class FontCheck:
    """The result of :func:`check_fonts`.

    ``face`` is the font LibreOffice will use for Times New Roman (``None`` when unknown),
    ``ok`` whether it is Times New Roman or metric-compatible, ``hint`` what to do when not.
    """

    requested: str
    face: str | None
    ok: bool
    hint: str | None


def check_fonts(family: str = "Times New Roman") -> FontCheck:
    """Return which installed face will stand in for ``family``, via fontconfig's ``fc-match``.

    The check passes when the face is ``family`` itself or one of its
    :data:`METRIC_COMPATIBLE` faces. Otherwise ``hint`` names the Debian package to install.
    Without ``fc-match`` (Windows, macOS without fontconfig) ``face`` is ``None`` and the
    check fails with a hint.
    """
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return FontCheck(
            family,
            None,
            False,
            "fc-match (fontconfig) is not installed, so the font cannot be checked; "
            f"make sure {family!r} or Liberation Serif is installed",
        )
    done = subprocess.run(  # noqa: S603 - fixed program, argument is a font name
        [fc_match, "--format=%{family}", family],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    face = done.stdout.split(",")[0].strip() or None
    faces, package = METRIC_COMPATIBLE.get(family, ((), None))
    accepted = {a.casefold() for a in (family, *faces)}
    ok = face is not None and face.casefold() in accepted
    hint = None
    if not ok:
        how = (
            f"install a metric-compatible font (on Debian/Ubuntu: sudo apt-get install {package})"
            if package
            else f"install the font {family!r}"
        )
        hint = f"{family!r} is rendered with {face!r}, which changes line breaks and page counts; {how}"
    return FontCheck(family, face, ok, hint)
