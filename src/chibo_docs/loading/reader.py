"""Read a data file (JSON or YAML, UTF-8) into a document model, safely.

The file says which document it holds in its top-level ``document`` key: ``minutes``,
``resolution``, ``plan`` or ``invitation``, or the id of a form whose own model the data fills
(a form of a forms folder or package whose manifest names a model of its author's:
:func:`chibo_docs.pipeline.validate_file` and ``chibo-docs render``/``validate`` look the form up;
here, pass its model: ``load_data(path, model=get_form("nghi-quyet-tinh").model)``). A value written ``{include: other.yaml#meeting}``
is replaced by the ``meeting`` value of ``other.yaml`` (a path relative to the including file,
then a dotted key path), so a resolution can share its meeting with the minutes.

Any file is safe to read:

* sizes, nesting depth, YAML aliases and the expanded amount of data are bounded by
  :class:`~chibo_docs.loading.limits.DataLimits`, checked before the data's Python objects are
  built (:class:`~chibo_docs.errors.DataLimitError`);
* includes read only files inside the data file's folder (symbolic links resolved) or inside
  the extra folders the caller allows (``include_roots``); an absolute path, a ``..`` that
  leaves the folder, or a loop of includes is refused (:class:`~chibo_docs.errors.IncludeError`);
* YAML dates stay text, so pydantic checks them and names the field of a bad one;
* every value keeps the line it was written on (:meth:`DataFile.locate`), so validation errors
  can name it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, TypeVar, cast, overload

from pydantic import BaseModel

from chibo_docs.errors import DataError, DataLimitError, IncludeError
from chibo_docs.i18n import N_, message
from chibo_docs.loading.json_reading import parse_json
from chibo_docs.loading.limits import DataLimits
from chibo_docs.loading.parser_messages import os_reason
from chibo_docs.loading.yaml_reading import KeyPath, dotted, parse_yaml
from chibo_docs.models import DOCUMENT_MODELS, DocumentModel
from chibo_docs.problems import Problem
from chibo_docs.rules.validation import Validation, validate_data

__all__ = ["SUFFIXES", "DataFile", "Location", "load_data", "read_data", "read_data_file"]

M = TypeVar("M", bound=BaseModel)

SUFFIXES = (".json", ".yaml", ".yml")
"""File name endings load_data understands."""


@dataclass(frozen=True)
class Location:
    """Where a value was written: a file (resolved) and a line, from 1."""

    file: Path
    line: int


@dataclass(frozen=True)
class DataFile:
    """A data file read with its includes expanded, and the line of each of its values.

    ``locations`` maps key paths (``('meeting', 'attendance', 3)``) to where each value was
    written; an included value points into the included file, the include itself into the
    including one.

    >>> from chibo_docs.resources import examples_dir
    >>> source = read_data_file(examples_dir() / "nghi-quyet-05-2021.yaml")
    >>> source.data["assignments"][0]["deadline"], source.locate("assignments.0.deadline").line
    ('2021-04-28', 40)
    >>> source.locate(("meeting", "start")).file.name, source.locate("meeting.start").line
    ('bien-ban-2021-04.yaml', 32)
    """

    path: Path
    data: dict[str, Any]
    locations: Mapping[KeyPath, Location] = field(repr=False)
    values: int = 0
    """Values in the data, includes expanded, counted as :attr:`DataLimits.max_nodes` counts."""
    bytes_read: int = 0
    """Bytes of the data file and of every file it includes (each counted once)."""

    @property
    def depth(self) -> int:
        """The deepest nesting, as :attr:`DataLimits.max_depth` counts it (``a.b.0`` is 3)."""
        return max(map(len, self.locations), default=0)

    def locate(self, key_path: str | Sequence[Any]) -> Location | None:
        """Return where the value at ``key_path`` was written, or its closest enclosing value.

        ``key_path`` is a tuple of keys and indexes or its dotted text (``'a.0.b'``); parts
        that are not in the data (such as a missing field) are skipped from the end. ``None``
        when only the top level encloses it (its line says nothing), or for ``()``.
        """
        parts: list[Any] = (
            [int(p) if p.isdigit() else p for p in key_path.split(".") if p]
            if isinstance(key_path, str) else list(key_path)
        )
        while parts:
            found = self.locations.get(tuple(parts))
            if found is not None:
                return found
            parts.pop()
        return None

    @property
    def kind(self) -> str:
        """What the data's ``document`` key says it holds: a kind of document or a form id.

        Raises:
            DataError: the data has no ``document`` key, or its value is not text.
        """
        kind = self.data.get("document")
        if not isinstance(kind, str) or not kind:
            raise self._unknown_kind(kind)
        return kind

    def located(self, problem: Problem) -> Problem:
        """Return ``problem`` with the line (and the included file) of its path, when known."""
        if not problem.path or problem.line is not None:
            return problem
        found = self.locate(problem.path)
        if found is None:
            return problem
        home = self.path.resolve().parent
        if found.file == self.path.resolve():
            return replace(problem, line=found.line)
        shown = found.file.relative_to(home) if found.file.is_relative_to(home) else found.file
        return replace(problem, line=found.line, file=str(shown))

    def _model_for(self, model: type[BaseModel] | None) -> type[BaseModel]:
        if model is not None:
            return model
        kind = self.data.get("document")
        if not isinstance(kind, str) or kind not in DOCUMENT_MODELS:
            raise self._unknown_kind(kind)
        return DOCUMENT_MODELS[kind]

    def _data_for(self, model: type[BaseModel]) -> dict[str, Any]:
        """The data ``model`` validates: a ``document`` key naming a form is left out."""
        kind = self.data.get("document")
        if kind in DOCUMENT_MODELS or "document" not in self.data:
            return self.data
        return {k: v for k, v in self.data.items() if k != "document"}

    @overload
    def validate(self, model: None = None, *, lang: str | None = None) -> Validation[BaseModel]: ...

    @overload
    def validate(self, model: type[M], *, lang: str | None = None) -> Validation[M]: ...

    def validate(self, model: type[BaseModel] | None = None, *, lang: str | None = None) -> Validation[Any]:
        """Validate the data: every problem at once, each with the line it was written on.

        Without ``model``, the ``document`` key must name a kind of document (``minutes``,
        ``resolution``, ``plan``, ``invitation``), whose model validates the data. With it,
        ``model`` validates the data; a ``document`` key naming a form (anything but a kind)
        is left out, as it says which form the data is for, not a value of the model.
        ``lang`` is the language of the messages (default: ``CHIBO_DOCS_LANG``, else
        Vietnamese).

        Raises:
            DataError: the data does not say which document it holds (without ``model``).
        """
        chosen = self._model_for(model)
        result = validate_data(chosen, self._data_for(chosen), lang=lang)
        result.problems = [self.located(p) for p in result.problems]
        return result

    @overload
    def document(self) -> DocumentModel: ...

    @overload
    def document(self, model: type[M]) -> M: ...

    def document(self, model: type[BaseModel] | None = None) -> BaseModel:
        """Return the document the data holds, validated by its model (see :meth:`validate`).

        Raises:
            DataError: the data does not say which document it holds (without ``model``), or
                breaks the model or a Party rule of level E: ``problems`` holds every problem
                (code ``invalid_data``).
        """
        result = self.validate(model)
        if result.document is None:
            errors = sum(p.severity == "error" for p in result.problems)
            raise DataError(message(N_("the data is not valid: {errors} error(s)"), errors=errors),
                            file=str(self.path), code="invalid_data", problems=result.problems)
        return result.document

    def _unknown_kind(self, kind: Any) -> DataError:
        kinds = ", ".join(DOCUMENT_MODELS)
        where = self.locate(("document",)) if kind is not None else None
        if kind is None:
            text = message(N_("has no 'document' key; say which document it holds with 'document:' "
                              "and one of {kinds}, or the id of the form it fills"), kinds=kinds)
        else:
            text = message(N_("has document: '{kind}', which is not a kind of document; write one of "
                              "{kinds}, or the id of the form it fills"), kind=str(kind), kinds=kinds)
        return DataError(text, file=str(self.path), line=where.line if where else None,
                         code="unknown_document")


@dataclass
class _Parsed:
    """One file read and parsed: its values and the line of each key path in it."""

    path: Path
    shown: str
    value: Any
    lines: dict[KeyPath, int]

    def line(self, inner: KeyPath) -> int | None:
        while True:
            if inner in self.lines or not inner:
                return self.lines.get(inner)
            inner = inner[:-1]


def _is_absolute(name: str) -> bool:
    return PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or bool(
        PureWindowsPath(name).drive
    )


class _Reader:
    """Reads one data file and its includes within the limits."""

    def __init__(self, limits: DataLimits, folders: tuple[Path, ...]) -> None:
        self.limits = limits
        self.folders = folders
        self.total_bytes = 0
        self.nodes = 0
        self.cache: dict[Path, _Parsed] = {}
        self.locations: dict[KeyPath, Location] = {}

    def parse(self, path: Path, shown: str) -> _Parsed:
        """Read and parse a file once; later includes of it reuse the result."""
        if path in self.cache:
            return self.cache[path]
        suffix = Path(shown).suffix.lower()  # the name as given, even if a link to another name
        if suffix not in SUFFIXES:
            raise DataError(message(N_("is not a data file: its name must end in .json, .yaml or .yml")),
                            file=shown, code="not_data_file")
        text = self._read(path, shown)
        parse = parse_json if suffix == ".json" else parse_yaml
        value, lines = parse(text, self.limits, shown)
        self.cache[path] = _Parsed(path, shown, value, lines)
        return self.cache[path]

    def _read(self, path: Path, shown: str) -> str:
        limit = self.limits.max_file_bytes
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise DataError(message(N_("is not a regular file; give a .json or .yaml file")),
                                file=shown, code="not_a_file")
            if info.st_size > limit:
                raise DataLimitError("max_file_bytes", limit, info.st_size, file=shown)
            with path.open("rb") as stream:
                raw = stream.read(limit + 1)
        except FileNotFoundError:
            raise DataError(message(N_("does not exist; check the file name and its folder")),
                            file=shown, code="not_found") from None
        except OSError as exc:
            raise DataError(message(N_("cannot be read ({reason}); check that it is a file you may read"),
                                    reason=os_reason(exc)), file=shown, code="unreadable") from None
        if len(raw) > limit:  # it grew since stat()
            raise DataLimitError("max_file_bytes", limit, None, file=shown)
        self.total_bytes += len(raw)
        if self.total_bytes > self.limits.max_total_bytes:
            raise DataLimitError("max_total_bytes", self.limits.max_total_bytes, self.total_bytes,
                                 file=shown)
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise DataError(
                message(N_("is not UTF-8 (byte {position}: {byte}); save it as UTF-8"),
                        position=exc.start, byte=repr(exc.object[exc.start:exc.start + 1])),
                file=shown, line=line, code="not_utf8",
            ) from None

    def expand(self, value: Any, src: _Parsed, inner: KeyPath, outer: KeyPath,
               stack: tuple[Path, ...]) -> Any:
        """Copy ``value`` (at ``inner`` in ``src``, ``outer`` in the result), includes replaced."""
        self.nodes += 1
        limits = self.limits
        if self.nodes > limits.max_nodes:
            raise DataLimitError("max_nodes", limits.max_nodes, None, file=src.shown,
                                 line=src.line(inner), key_path=dotted(outer) or None)
        if len(outer) > limits.max_depth:
            raise DataLimitError("max_depth", limits.max_depth, len(outer), file=src.shown,
                                 line=src.line(inner), key_path=dotted(outer))
        line = src.lines.get(inner)
        if line is not None:
            self.locations[outer] = Location(src.path, line)
        if isinstance(value, dict):
            if set(value) == {"include"} and isinstance(value["include"], str):
                included = self.include(value["include"], src, inner, outer, stack)
                if line is not None:  # the value as a whole: where the include is written
                    self.locations[outer] = Location(src.path, line)
                return included
            self.nodes += len(value)  # the keys
            return {k: self.expand(v, src, (*inner, k), (*outer, k), stack) for k, v in value.items()}
        if isinstance(value, list):
            return [self.expand(v, src, (*inner, i), (*outer, i), stack) for i, v in enumerate(value)]
        return value

    def include(self, text: str, src: _Parsed, inner: KeyPath, outer: KeyPath,
                stack: tuple[Path, ...]) -> Any:
        """Return the value an ``{include: name#key.path}`` stands for, expanded."""
        name, _, key_path = text.partition("#")
        site: dict[str, Any] = {
            "file": src.shown, "line": src.line(inner), "key_path": dotted(outer) or None,
        }
        if not name.strip():
            raise IncludeError("no_file", text, **site)
        try:
            target = (src.path.parent / name).resolve()
        except (OSError, RuntimeError) as exc:  # a symbolic link loop, a name too long
            raise IncludeError("unreadable", text, detail=os_reason(exc), **site) from None
        if not any(target.is_relative_to(folder) for folder in self.folders):
            reason = "absolute" if _is_absolute(name) else "outside"
            raise IncludeError(reason, text, target=target, folders=self.folders, **site)
        if target in stack:
            raise IncludeError("loop", text, target=target, **site)
        try:
            parsed = self.parse(target, str(target))
        except DataLimitError:
            raise
        except DataError as exc:
            raise IncludeError("unreadable", text, target=target, detail=exc.located_message(), **site) from None
        value, sub = parsed.value, cast(KeyPath, ())
        for key in filter(None, key_path.split(".")):
            if not isinstance(value, dict) or key not in value:
                raise IncludeError("no_key", text, target=target, detail=f"'{name}'", **site)
            value, sub = value[key], (*sub, key)
        return self.expand(value, parsed, sub, outer, (*stack, target))


def read_data_file(
    path: str | os.PathLike[str],
    *,
    limits: DataLimits | None = None,
    include_roots: Iterable[str | os.PathLike[str]] = (),
) -> DataFile:
    """Read a data file, includes expanded, within ``limits``; keep the line of each value.

    Includes may read files inside the data file's folder and inside ``include_roots``.

    Raises:
        DataLimitError: the data breaks one of ``limits`` (default :class:`DataLimits()`).
        IncludeError: an include is refused: outside the allowed folders, a loop, a missing key.
        DataError: the file is missing, unreadable, not UTF-8, not valid JSON/YAML, or not a
            mapping.
    """
    file = Path(path)
    limits = limits if limits is not None else DataLimits()
    try:
        resolved = file.resolve()
        folders = tuple(dict.fromkeys([resolved.parent, *(Path(r).resolve() for r in include_roots)]))
    except (OSError, RuntimeError) as exc:
        raise DataError(message(N_("cannot be read ({reason}); check the path"), reason=os_reason(exc)),
                        file=str(file), code="unreadable") from None
    reader = _Reader(limits, folders)
    try:
        top = reader.parse(resolved, str(file))
        data = reader.expand(top.value, top, (), (), (resolved,))
    except RecursionError:  # a last resort: the limits keep the nesting far below Python's
        raise DataLimitError("max_depth", limits.max_depth, None, file=str(file)) from None
    if not isinstance(data, dict):
        raise DataError(message(N_("must hold a mapping (key: value pairs) at the top level")),
                        file=str(file), code="not_a_mapping")
    return DataFile(file, data, reader.locations, reader.nodes, reader.total_bytes)


def read_data(
    path: str | os.PathLike[str],
    *,
    limits: DataLimits | None = None,
    include_roots: Iterable[str | os.PathLike[str]] = (),
) -> dict[str, Any]:
    """Return the data of a file as plain Python values, includes expanded.

    Dates and times stay text (``'2021-04-26'``): the models parse them. See
    :func:`read_data_file` for ``limits`` and ``include_roots``.

    Raises:
        DataError: the file is missing, unreadable, not UTF-8, not valid JSON/YAML, not a
            mapping, breaks a limit (:class:`DataLimitError`) or has a refused include
            (:class:`IncludeError`).
    """
    return read_data_file(path, limits=limits, include_roots=include_roots).data


@overload
def load_data(
    path: str | os.PathLike[str],
    *,
    limits: DataLimits | None = None,
    include_roots: Iterable[str | os.PathLike[str]] = (),
) -> DocumentModel: ...


@overload
def load_data(
    path: str | os.PathLike[str],
    *,
    limits: DataLimits | None = None,
    include_roots: Iterable[str | os.PathLike[str]] = (),
    model: type[M],
) -> M: ...


def load_data(
    path: str | os.PathLike[str],
    *,
    limits: DataLimits | None = None,
    include_roots: Iterable[str | os.PathLike[str]] = (),
    model: type[BaseModel] | None = None,
) -> BaseModel:
    """Return the document held in a JSON or YAML data file.

    ``limits`` bounds what the file may hold (default :class:`DataLimits()`); includes may
    read files inside the data file's folder and inside the folders of ``include_roots``.
    ``model`` validates the data instead of the model its ``document`` key names: the model
    of a form, for data whose ``document:`` is that form's id (see :meth:`DataFile.document`).

    >>> from chibo_docs.resources import examples_dir
    >>> load_data(examples_dir() / "nghi-quyet-05-2021.yaml").code
    '05-NQ/CB'

    Raises:
        DataError: the file cannot be read or parsed, breaks a limit (:class:`DataLimitError`),
            has a refused include (:class:`IncludeError`), or does not say which document it
            holds.
        pydantic.ValidationError: the data breaks the model or a Party rule of level E.
    """
    source = read_data_file(path, limits=limits, include_roots=include_roots)
    return source.document() if model is None else source.document(model)
