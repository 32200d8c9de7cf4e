"""Forms: a template (.docx) plus a manifest saying what it is and which data it takes.

A manifest is a small TOML file beside its template, ``<name>.toml`` for ``<name>.docx``::

    id = "nghi-quyet"                      # unique; what `chibo-docs render ID` takes
    title = "Nghị quyết chi bộ"            # Vietnamese title shown to people
    document_type = "NQ"                   # NQ, BB, KH, TB, BC, GM, …
    model = "Resolution"                   # a chibo_docs model, or "package.module:Class"
    template = "nghi-quyet.docx"           # optional; default: the manifest's name + .docx
    profile = "HD36"                       # optional format profile (default HD36)
    overrides = "nghi-quyet"               # optional: takes the place of that form
    generated = "tools/build_templates.py" # optional: the program that writes this form

Forms come from three places, in this order: the built-in ``templates/`` folder, folders named
by the caller or by the ``CHIBO_DOCS_FORMS_PATH`` environment variable (``os.pathsep``-separated),
and installed packages that declare an entry point in the group ``chibo_docs.forms`` whose
object is a folder path, or a function returning one (read once per process).

Two forms with one id are an error, unless one says ``overrides = "<that id>"``: a form with
``overrides`` takes the place of the form it names, wherever that one comes from. The replaced
form is no longer listed; its id finds the overriding form, and so does its model (the two
must take the same model). Overrides are explicit and never chained: one form per replaced
id, and a form that overrides another cannot itself be overridden.

The registry of a list of folders is built once and kept (:meth:`FormRegistry.default`); it is
built again when a manifest of one of its folders is added, removed, renamed or edited (its
bytes are compared), when a file is added to or removed from one of them (the folder's time),
or when ``CHIBO_DOCS_FORMS_PATH`` names other folders. Installed packages are read once per
process. Templates are read when a document is rendered, so an edited .docx is always used
as it is now.
"""

from __future__ import annotations

import functools
import importlib
import os
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from chibo_docs.errors import FormError, UnknownFormError
from chibo_docs.folder_cache import FolderCache
from chibo_docs.i18n import Message, current_language, format_value, message
from chibo_docs.resources import templates_dir

__all__ = [
    "ENTRY_POINT_GROUP",
    "ENV_FORMS_PATH",
    "Form",
    "FormRegistry",
    "load_folder",
    "manifest_line",
    "model_label",
]

ENTRY_POINT_GROUP = "chibo_docs.forms"
ENV_FORMS_PATH = "CHIBO_DOCS_FORMS_PATH"

_REQUIRED = ("id", "title", "document_type", "model")
_OPTIONAL = ("template", "profile", "overrides", "generated")


@dataclass(frozen=True)
class Form:
    """One registered form: its manifest's values and where it comes from."""

    id: str
    title: str
    document_type: str
    model_name: str
    template: Path
    manifest: Path
    profile: str = "HD36"
    origin: str = "built-in"
    """Where the form comes from: ``built-in``, ``folder <path>`` or ``package <name>``."""
    overrides: str | None = None
    """The id of the form this one takes the place of (manifest key ``overrides``), if any."""
    generated: str | None = None
    """The program that writes this form (manifest key ``generated``): edit that, not the file."""
    _model: list[type[BaseModel]] = field(default_factory=list, repr=False, compare=False)

    @property
    def origin_text(self) -> str:
        """Where the form comes from, in the language in force (``origin`` is for programs).

        >>> form = FormRegistry.default().get("nghi-quyet")
        >>> form.origin, form.origin_text
        ('built-in', 'có sẵn')
        """
        return format_value(self.origin_said, current_language())

    @property
    def origin_said(self) -> Message | str:
        """Where the form comes from, as a message: ``built-in``, ``folder …``, ``package …``."""
        kind, _, where = self.origin.partition(" ")
        if kind == "folder" and where:
            return message("folder {path}", path=where)
        if kind == "package" and where:
            return message("package {name}", name=where)
        if self.origin == "built-in":
            return message("built-in")
        return self.origin

    @property
    def model(self) -> type[BaseModel]:
        """The pydantic model this form is filled from (imported on first use)."""
        if not self._model:
            self._model.append(_resolve_model(self.model_name, self.manifest))
        return self._model[0]


def _resolve_model(name: str, manifest: Path) -> type[BaseModel]:
    if ":" in name:
        module_name, _, attr = name.partition(":")
        try:
            value: Any = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError) as exc:
            raise FormError(
                message("manifest {manifest!r}: model {model!r} cannot be imported ({reason})",
                        manifest=str(manifest), model=name, reason=str(exc))
            ) from exc
    else:
        models = importlib.import_module("chibo_docs.models")
        value = getattr(models, name, None)
        if value is None:
            known = ", ".join(sorted(n for n in models.__all__ if n[:1].isupper()))
            raise FormError(
                message(
                    "manifest {manifest!r}: unknown model {model!r}; use one of {known} or "
                    "'package.module:Class'",
                    manifest=str(manifest), model=name, known=known,
                )
            )
    if not (isinstance(value, type) and issubclass(value, BaseModel)):
        raise FormError(
            message("manifest {manifest!r}: model {model!r} is not a pydantic model",
                    manifest=str(manifest), model=name)
        )
    return value


def model_label(model: type[BaseModel]) -> str:
    """Name a model as a manifest does: ``Resolution``, or ``package.module:Class`` if not ours.

    >>> from chibo_docs.models import Resolution
    >>> model_label(Resolution)
    'Resolution'
    """
    if model.__module__.startswith("chibo_docs."):
        return model.__name__
    return f"{model.__module__}:{model.__qualname__}"


def manifest_line(key: str, value: str) -> str:
    """Return the manifest line ``key = "value"``, the value quoted as a TOML string (NFC).

    >>> print(manifest_line("title", 'Giấy mời "mẫu"'))
    title = "Giấy mời \\"mẫu\\""
    """
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{key} = "{unicodedata.normalize("NFC", escaped)}"'


def _read_manifest(path: Path, origin: str) -> Form:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FormError(
            message("manifest {manifest!r} cannot be read: {reason}", manifest=str(path),
                    reason=str(exc))
        ) from exc
    missing = [key for key in _REQUIRED if not data.get(key)]
    if missing:
        raise FormError(
            message("manifest {manifest!r} lacks {keys}", manifest=str(path),
                    keys=", ".join(missing))
        )
    unknown = sorted(set(data) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise FormError(
            message("manifest {manifest!r} has unknown keys {keys}; allowed: {allowed}",
                    manifest=str(path), keys=", ".join(unknown),
                    allowed=", ".join(_REQUIRED + _OPTIONAL))
        )
    bad = [key for key, value in data.items() if not isinstance(value, str)]
    if bad:
        raise FormError(
            message("manifest {manifest!r}: {keys} must be text", manifest=str(path),
                    keys=", ".join(bad))
        )
    template = path.with_name(data.get("template") or path.with_suffix(".docx").name)
    if not template.is_file():
        raise FormError(
            message("manifest {manifest!r}: template {template!r} is missing",
                    manifest=str(path), template=template.name)
        )
    return Form(
        id=data["id"],
        title=data["title"],
        document_type=data["document_type"],
        model_name=data["model"],
        template=template,
        manifest=path,
        profile=data.get("profile", "HD36"),
        origin=origin,
        overrides=data.get("overrides") or None,
        generated=data.get("generated") or None,
    )


def load_folder(folder: str | os.PathLike[str], *, origin: str | None = None) -> list[Form]:
    """Read every ``*.toml`` manifest in ``folder`` (not recursive), sorted by file name."""
    path = Path(folder)
    if not path.is_dir():
        raise FormError(message("forms folder {folder!r} does not exist", folder=str(path)))
    label = origin or f"folder {path}"
    return [_read_manifest(p, label) for p in sorted(path.glob("*.toml"))]


@functools.cache
def _entry_point_forms() -> tuple[Form, ...]:
    """The forms of installed packages, read once per process (scanning takes about 1 ms)."""
    return tuple(_read_entry_points())


def _read_entry_points() -> Iterator[Form]:
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        package = ep.dist.name if ep.dist else ep.value
        try:
            value: Any = ep.load()
        except Exception as exc:  # a broken plug-in must say which one it is
            raise FormError(
                message("entry point {name!r} of package {package!r}: {reason}", name=ep.name,
                        package=package, reason=str(exc))
            ) from exc
        if callable(value):
            value = value()
        if not isinstance(value, str | os.PathLike):
            raise FormError(
                message("entry point {name!r} of package {package!r} must give a folder path, "
                        "got {type}", name=ep.name, package=package, type=type(value).__name__)
            )
        yield from load_folder(value, origin=f"package {package}")


class FormRegistry:
    """The forms known to this process, by id.

    ``FormRegistry.default()`` holds the built-in forms, the folders of
    ``CHIBO_DOCS_FORMS_PATH`` and those of installed packages; pass ``folders`` to add more.
    Forms with ``overrides`` are added after the others, so that the form they replace is
    there whatever the order of the sources.
    """

    def __init__(self, forms: Iterable[Form] = ()) -> None:
        self._forms: dict[str, Form] = {}
        self._replaced: dict[str, Form] = {}
        """The id of each replaced form → the form that took its place."""
        overriding = []
        for form in forms:
            if form.overrides is None:
                self.add(form)
            else:
                overriding.append(form)
        for form in overriding:
            self.add(form)

    @classmethod
    def default(cls, folders: Sequence[str | os.PathLike[str]] = ()) -> FormRegistry:
        """Return the registry of every source (built-in, folders, environment, packages).

        The registry of the same folders is kept and given again (as a copy: adding to it
        changes nothing for the next caller) until a manifest of one of them changes.
        """
        env = [p for p in os.environ.get(ENV_FORMS_PATH, "").split(os.pathsep) if p]
        sources = [templates_dir(), *folders, *env]
        return _CACHE.get(sources, lambda: cls._build(sources)).copy(cls)

    @classmethod
    def _build(cls, sources: Sequence[str | os.PathLike[str]]) -> FormRegistry:
        """Read every folder of ``sources`` (the first is the built-in one) and the packages."""
        builtin, *folders = sources
        forms = load_folder(builtin, origin="built-in")
        for folder in folders:
            forms += load_folder(folder)
        return cls([*forms, *_entry_point_forms()])

    @staticmethod
    def clear_cache() -> None:
        """Forget the registries kept by :meth:`default` (the next call reads the folders)."""
        _CACHE.clear()

    def copy(self, cls: type[FormRegistry] | None = None) -> FormRegistry:
        """Return a registry with the same forms (of class ``cls``, default this one's)."""
        other = (cls or type(self))()
        other._forms = dict(self._forms)
        other._replaced = dict(self._replaced)
        return other

    def add(self, form: Form) -> None:
        """Register ``form``; with ``overrides``, in place of the form it names.

        Raises:
            FormError: the id is taken (and not overridden), or the override names no
                registered form, one already overridden or overriding, or one of another model.
        """
        target = self._target(form) if form.overrides is not None else None
        if target is None or form.id != target.id:
            taken = self._forms.get(form.id) or self._replaced.get(form.id)
            if taken is not None:
                raise FormError(
                    message(
                        "form id {form!r} is defined twice: {first!r} ({first_origin}) and "
                        "{second!r} ({second_origin}); rename one of them, or write overrides "
                        "= {form!r} in the manifest of the one to use",
                        form=form.id, first=str(taken.manifest), first_origin=taken.origin_said,
                        second=str(form.manifest), second_origin=form.origin_said,
                    )
                )
        if target is not None:
            del self._forms[target.id]
            self._replaced[target.id] = form
        self._forms[form.id] = form

    def _target(self, form: Form) -> Form:
        """Return the registered form that ``form`` overrides, checked."""
        name = form.overrides
        where = {"form": form.id, "manifest": str(form.manifest), "target": name}
        target = self._forms.get(name) if name is not None else None
        if target is None:
            earlier = self._replaced.get(name) if name is not None else None
            if earlier is not None:
                raise FormError(
                    message(
                        "form {form!r} ({manifest!r}) and form {other!r} ({other_manifest!r}) "
                        "both override {target!r}; keep one of them, or remove 'overrides' from "
                        "the other and choose it by its id",
                        other=earlier.id, other_manifest=str(earlier.manifest), **where,
                    )
                )
            known = ", ".join(repr(f) for f in sorted(self._forms))
            raise FormError(
                message(
                    "form {form!r} ({manifest!r}) overrides {target!r}, which is not a "
                    "registered form; known forms: {known}",
                    known=known, **where,
                )
            )
        if target.overrides is not None:
            raise FormError(
                message(
                    "form {form!r} ({manifest!r}) overrides {target!r}, which itself overrides "
                    "{original!r}; override {original!r} with one form only",
                    original=target.overrides, **where,
                )
            )
        if form.model is not target.model:
            raise FormError(
                message(
                    "form {form!r} ({manifest!r}) overrides {target!r}, but takes {model} data "
                    "and {target!r} takes {target_model}; an override takes the same model (or "
                    "remove 'overrides' and choose the form by its id)",
                    model=form.model_name, target_model=target.model_name, **where,
                )
            )
        return target

    def __iter__(self) -> Iterator[Form]:
        return iter(sorted(self._forms.values(), key=lambda f: f.id))

    def __len__(self) -> int:
        return len(self._forms)

    def __contains__(self, form_id: object) -> bool:
        return form_id in self._forms or form_id in self._replaced

    def get(self, form_id: str) -> Form:
        """Return the form with ``form_id`` (or the one that overrides it).

        Raises:
            UnknownFormError: no form has that id.
        """
        found = self._forms.get(form_id) or self._replaced.get(form_id)
        if found is None:
            known = ", ".join(repr(f) for f in sorted(self._forms))
            raise UnknownFormError(
                message("unknown form {form!r}; known forms: {known} (see `chibo-docs forms`)",
                        form=form_id, known=known)
            )
        return found

    def for_model(self, model: type[BaseModel]) -> Form:
        """Return the one form filled from ``model`` (UnknownFormError if none or several)."""
        matches = [f for f in self if f.model is model]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UnknownFormError(
                message("no form takes {model}; pass a form id", model=model.__name__)
            )
        ids = ", ".join(repr(f.id) for f in matches)
        raise UnknownFormError(
            message(
                "several forms take {model} ({ids}); pass a form id, or write overrides = "
                "'<id>' in the manifest of the one to use in place of the other",
                model=model.__name__, ids=ids,
            )
        )


_CACHE: FolderCache[FormRegistry] = FolderCache(max_entries=32)
