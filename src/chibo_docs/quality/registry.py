"""The quality frameworks known to this process: built in, from folders, from packages.

As forms are (:mod:`chibo_docs.forms.registry`), frameworks come from three places, in this
order: the built-in ``frameworks/`` folder (``chibo_docs/frameworks`` in the wheel), folders
named by the caller or by the ``CHIBO_DOCS_FRAMEWORKS_PATH`` environment variable
(``os.pathsep``-separated), and installed packages that declare an entry point in the group
``chibo_docs.frameworks`` whose object is a folder path, or a function returning one. Each
``*.toml`` file of a folder is one framework; two frameworks with one id are an error.

The registry of a list of folders is kept and read again when a framework file of one of them
is added, removed or changed (its name, size or time), or when the environment names other
folders.

>>> [f.id for f in list_frameworks()]
['hd42-khung-a', 'hd42-khung-b', 'phu-tho-dukcq']
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Iterator, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from chibo_docs.errors import FrameworkError, UnknownFrameworkError
from chibo_docs.folder_cache import FolderCache
from chibo_docs.i18n import Message, message
from chibo_docs.quality.framework import Framework
from chibo_docs.resources import frameworks_dir

__all__ = [
    "ENTRY_POINT_GROUP",
    "ENV_FRAMEWORKS_PATH",
    "FrameworkRegistry",
    "get_framework",
    "list_frameworks",
    "load_framework",
    "load_framework_folder",
]

ENTRY_POINT_GROUP = "chibo_docs.frameworks"
ENV_FRAMEWORKS_PATH = "CHIBO_DOCS_FRAMEWORKS_PATH"
_MAX_BYTES = 256 * 1024  # a framework file is a few KB (the largest built-in one: 5 KB)


def load_framework(path: str | os.PathLike[str], *, origin: str = "built-in") -> Framework:
    """Read one framework file (TOML) and validate it.

    Raises:
        FrameworkError: the file cannot be read, is not TOML, or breaks the framework's rules
            (each problem named by its key path).
    """
    file = Path(path)
    try:
        if file.stat().st_size > _MAX_BYTES:
            raise FrameworkError(message("the file is larger than {limit} bytes; a framework "
                                         "file holds a few KB", limit=_MAX_BYTES), file=str(file))
        data: dict[str, Any] = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError(message("cannot be read ({reason})", reason=str(exc)), file=str(file)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(message("is not valid TOML: {reason}", reason=str(exc)), file=str(file)) from exc
    try:
        return Framework.model_validate({**data, "origin": origin})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top)"
        raise FrameworkError(
            message("{count} problem(s); the first at {where}: {problem}",
                    count=exc.error_count(), where=where, problem=first["msg"]),
            file=str(file),
        ) from exc


def load_framework_folder(folder: str | os.PathLike[str], *, origin: str | None = None) -> list[Framework]:
    """Read every ``*.toml`` framework file of ``folder`` (not recursive), sorted by name."""
    path = Path(folder)
    if not path.is_dir():
        raise FrameworkError(message("the frameworks folder {folder} does not exist",
                                     folder=str(path)))
    label = origin or f"folder {path}"
    return [load_framework(p, origin=label) for p in sorted(path.glob("*.toml"))]


def origin_said(origin: str) -> Message | str:
    """Where a framework comes from, as a message: ``built-in``, ``folder …``, ``package …``.

    >>> origin_said("built-in").text("vi"), origin_said("folder /srv/khung").text("vi")
    ('có sẵn', 'thư mục /srv/khung')
    """
    kind, _, where = origin.partition(" ")
    if kind == "folder" and where:
        return message("folder {path}", path=where)
    if kind == "package" and where:
        return message("package {name}", name=where)
    if origin == "built-in":
        return message("built-in")
    return origin


@functools.cache
def _entry_point_frameworks() -> tuple[Framework, ...]:
    """The frameworks of installed packages, read once per process."""
    found: list[Framework] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        package = ep.dist.name if ep.dist else ep.value
        try:
            value: Any = ep.load()
        except Exception as exc:  # a broken plug-in must say which one it is
            raise FrameworkError(message("entry point {name} of package {package}: {reason}",
                                         name=ep.name, package=package, reason=str(exc))) from exc
        if callable(value):
            value = value()
        if not isinstance(value, str | os.PathLike):
            raise FrameworkError(message(
                "entry point {name} of package {package} must give a folder path, got {kind}",
                name=ep.name, package=package, kind=type(value).__name__))
        found += load_framework_folder(value, origin=f"package {package}")
    return tuple(found)


class FrameworkRegistry:
    """The frameworks known to this process, by id (built-in, folders, environment, packages)."""

    def __init__(self, frameworks: Sequence[Framework] = ()) -> None:
        self._frameworks: dict[str, Framework] = {}
        for framework in frameworks:
            self.add(framework)

    @classmethod
    def default(cls, folders: Sequence[str | os.PathLike[str]] = ()) -> FrameworkRegistry:
        """Return the registry of the built-in frameworks, ``folders``, the environment's and packages'."""
        env = [p for p in os.environ.get(ENV_FRAMEWORKS_PATH, "").split(os.pathsep) if p]
        sources = [frameworks_dir(), *(Path(f) for f in folders), *(Path(p) for p in env)]
        return _CACHE.get(sources, lambda: _build(sources))

    def add(self, framework: Framework) -> None:
        """Register ``framework``; FrameworkError when its id is taken."""
        taken = self._frameworks.get(framework.id)
        if taken is not None:
            raise FrameworkError(message(
                "the framework id {framework} is defined twice ({first} and {second}); rename one",
                framework=framework.id, first=origin_said(taken.origin),
                second=origin_said(framework.origin)))
        self._frameworks[framework.id] = framework

    def get(self, framework_id: str) -> Framework:
        """Return the framework with ``framework_id``; UnknownFrameworkError when none has it."""
        found = self._frameworks.get(framework_id)
        if found is None:
            raise UnknownFrameworkError(framework_id, sorted(self._frameworks))
        return found

    def __iter__(self) -> Iterator[Framework]:
        return iter(sorted(self._frameworks.values(), key=lambda f: f.id))

    def __len__(self) -> int:
        return len(self._frameworks)

    def __contains__(self, framework_id: object) -> bool:
        return framework_id in self._frameworks


def _build(sources: Sequence[Path]) -> FrameworkRegistry:
    builtin, *folders = sources
    frameworks = load_framework_folder(builtin, origin="built-in")
    for folder in folders:
        frameworks += load_framework_folder(folder)
    return FrameworkRegistry([*frameworks, *_entry_point_frameworks()])


_CACHE: FolderCache[FrameworkRegistry] = FolderCache(max_entries=16)


def list_frameworks(folders: Sequence[str | os.PathLike[str]] = ()) -> list[Framework]:
    """Return every quality framework (khung tiêu chí), by id: built in, ``folders``, others.

    Each has an ``id``, a ``name``, its ``source`` and ``confidence``, and its ``leaves``
    (the criteria that are scored, each with its ``id`` and ``max_points``).
    """
    return list(FrameworkRegistry.default(folders))


def get_framework(framework_id: str, folders: Sequence[str | os.PathLike[str]] = ()) -> Framework:
    """Return the quality framework with ``framework_id``.

    >>> get_framework("hd42-khung-a").total
    Decimal('100')

    Raises:
        UnknownFrameworkError: no framework has that id (the message lists those known).
    """
    return FrameworkRegistry.default(folders).get(framework_id)
