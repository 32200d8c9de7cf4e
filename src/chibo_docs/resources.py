"""Locate the data shipped with chibo_docs: the official templates, the quality frameworks
and the example data.

In a wheel they sit inside the package (``chibo_docs/templates``, ``chibo_docs/frameworks``,
``chibo_docs/examples``);
in a source checkout they sit at the repository root, where template authors edit them.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["examples_dir", "frameworks_dir", "templates_dir"]

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the {name!r} folder is missing from this installation of chibo_docs "
        f"(looked in {_PACKAGE / name} and {_PACKAGE.parent.parent / name})"
    )


def templates_dir() -> Path:
    """Return the folder of the built-in templates (.docx and their manifests)."""
    return _find("templates")


def examples_dir() -> Path:
    """Return the folder of the bundled example data files."""
    return _find("examples")


def frameworks_dir() -> Path:
    """Return the folder of the built-in quality frameworks (one TOML file each)."""
    return _find("frameworks")
