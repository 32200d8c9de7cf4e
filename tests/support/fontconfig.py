"""A fontconfig that sees only chosen font folders: the test session's, and the tests' own.

The test session pins fontconfig (``FONTCONFIG_FILE``) to the folders of the font packages
``tools/system-deps.sh`` installs (``tools/font-packages.txt``): no font a developer added
to the machine or to ~/.fonts can change what LibreOffice draws. A missing package fails
the session loudly.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = [
    "FONT_PACKAGES",
    "FontSetupError",
    "font_folders",
    "pin_fontconfig",
    "write_fonts_conf",
]

REPO = Path(__file__).resolve().parents[2]
FONT_PACKAGES = REPO / "tools" / "font-packages.txt"

RULES = (
    "/usr/share/fontconfig/conf.avail/30-metric-aliases.conf",
    "/usr/share/fontconfig/conf.avail/45-latin.conf",
    "/usr/share/fontconfig/conf.avail/60-latin.conf",
)
"""fontconfig's own rules kept (Times New Roman → its metric aliases, generic families);
not /etc/fonts/conf.d, which adds ~/.fonts and the machine's local folders."""

_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".pfb")


class FontSetupError(RuntimeError):
    """A font package the tests need is missing."""


def font_folders() -> dict[str, Path]:
    """Return each font package of ``tools/font-packages.txt`` with the folder of its fonts."""
    folders: dict[str, Path] = {}
    for line in FONT_PACKAGES.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            package, folder = fields
            folders[package] = Path(folder)
    return folders


def write_fonts_conf(path: Path, folders: Iterable[Path], cache: Path) -> Path:
    """Write a fontconfig file listing only ``folders``, with its cache in ``cache``."""
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<fontconfig>",
        *(f"  <dir>{escape(str(folder))}</dir>" for folder in folders),
        f"  <cachedir>{escape(str(cache))}</cachedir>",
        *(f'  <include ignore_missing="yes">{escape(rule)}</include>' for rule in RULES),
        "</fontconfig>",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _has_fonts(folder: Path) -> bool:
    return folder.is_dir() and any(p.suffix.lower() in _FONT_SUFFIXES for p in folder.iterdir())


def pin_fontconfig(workdir: Path) -> Path:
    """Write ``workdir/fonts.conf`` for the test session and build its cache; return it.

    Raises:
        FontSetupError: a package of ``tools/font-packages.txt`` is not installed.
    """
    folders = font_folders()
    missing = {package: folder for package, folder in folders.items() if not _has_fonts(folder)}
    if missing:
        packages = " ".join(missing)
        where = ", ".join(str(folder) for folder in missing.values())
        raise FontSetupError(
            f"the tests need the Debian font packages {packages} (no fonts in {where}); "
            f"run `make system-deps` as root, or: sudo apt-get install {packages}"
        )
    conf = write_fonts_conf(workdir / "fonts.conf", folders.values(), workdir / "cache")
    try:
        subprocess.run(
            ["fc-cache"],
            env=dict(os.environ, FONTCONFIG_FILE=str(conf)),
            check=True,
            capture_output=True,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise FontSetupError(
            f"fc-cache could not index the test fonts ({exc}); sudo apt-get install fontconfig"
        ) from exc
    return conf
