"""Registries built from folders of TOML files, kept until a file of their folders changes.

Forms (:class:`~chibo_docs.forms.registry.FormRegistry`) and quality frameworks
(:class:`~chibo_docs.quality.registry.FrameworkRegistry`) are read from folders of ``.toml``
files; reading and checking them on every call would cost more than the call itself. A
:class:`FolderCache` keeps what was built for a list of folders and builds it again when a
TOML file of one of them is added, removed, renamed or edited.

>>> import tempfile
>>> built = []
>>> cache: FolderCache[int] = FolderCache(max_entries=4)
>>> with tempfile.TemporaryDirectory() as folder:
...     first = cache.get([folder], lambda: built.append(1) or len(built))
...     again = cache.get([folder], lambda: built.append(1) or len(built))
>>> first, again, len(built)
(1, 1, 1)
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

__all__ = ["FolderCache", "folder_stamp"]

T = TypeVar("T")

Stamp = tuple[int, int, tuple[tuple[str, bytes], ...]]
"""The folder's inode and time, and the bytes of each of its TOML files."""


def folder_stamp(folder: str) -> Stamp | None:
    """What changes when a TOML file of ``folder`` is added, removed, renamed or edited.

    The files' bytes (a few hundred each), not their times: an edit within the same clock tick
    as the last read is seen too. The folder's time catches another file added or removed
    (a .docx beside a manifest). ``None``: the folder cannot be read (building says why).
    """
    try:
        info = os.stat(folder)
        with os.scandir(folder) as entries:
            paths = sorted(e.path for e in entries if e.name.endswith(".toml"))
        files = []
        for path in paths:  # plain os calls: pathlib would double the time
            with open(path, "rb") as stream:
                files.append((path, stream.read()))
    except OSError:  # a missing folder or a file gone meanwhile
        return None
    return info.st_ino, info.st_mtime_ns, tuple(files)


class FolderCache(Generic[T]):
    """What was built from lists of folders, each kept while its folders do not change."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries  # distinct folder lists kept; a service uses a few
        self._lock = threading.Lock()
        self._kept: dict[tuple[tuple[str, str], ...], tuple[tuple[Stamp | None, ...], T]] = {}

    def get(self, sources: Sequence[str | os.PathLike[str]], build: Callable[[], T]) -> T:
        """Return what was built for ``sources`` if their folders did not change, else build it.

        The folders are kept as given (a relative one names its files so) and as absolute
        paths (a relative one means another folder after a change of directory). A folder
        that cannot be read is never kept: ``build`` runs again, and says what is wrong.
        """
        key = tuple((os.fspath(f), os.path.abspath(f)) for f in sources)
        stamps = tuple(folder_stamp(absolute) for _, absolute in key)
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and kept[0] == stamps and None not in stamps:
            return kept[1]
        built = build()  # stamps taken before reading: a change meanwhile builds again
        with self._lock:
            self._kept.pop(key, None)
            self._kept[key] = (stamps, built)
            while len(self._kept) > self.max_entries:
                del self._kept[next(iter(self._kept))]
        return built

    def clear(self) -> None:
        """Forget everything kept."""
        with self._lock:
            self._kept.clear()
