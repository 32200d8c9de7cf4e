"""Forms: a template (.docx) plus a manifest saying what it is and which data it takes.

A manifest is a small TOML file beside its template, ``<name>.toml`` for ``<name>.docx``::

    id = "nghi-quyet"                      # unique; what `chibo-docs render ID` takes
    title = "Nghị quyết chi bộ"            # Vietnamese title shown to people
    document_type = "NQ"                   # NQ, BB, KH, TB, BC, GM, …
    model = "Resolution"                   # a chibo_docs model, or "package.module:Class"
    template = "nghi-quyet.docx"           # optional; default: the manifest's name + .docx
    profile = "HD36"                       # optional format profile (default HD36)

Forms come from three places, in this order: the built-in ``templates/`` folder, folders named
by the caller or by the ``CHIBO_DOCS_FORMS_PATH`` environment variable (``os.pathsep``-separated),
and installed packages that declare an entry point in the group ``chibo_docs.forms`` whose
object is a folder path, or a function returning one (read once per process). Two forms with
one id are an error.
"""

from __future__ import annotations

import functools
import importlib
import os
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from chibo_docs.errors import FormError, UnknownFormError
from chibo_docs.resources import templates_dir

__all__ = ["ENTRY_POINT_GROUP", "ENV_FORMS_PATH", "Form", "FormRegistry", "load_folder"]

ENTRY_POINT_GROUP = "chibo_docs.forms"
ENV_FORMS_PATH = "CHIBO_DOCS_FORMS_PATH"

_REQUIRED = ("id", "title", "document_type", "model")
_OPTIONAL = ("template", "profile")


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
    _model: list[type[BaseModel]] = field(default_factory=list, repr=False, compare=False)

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
                f"manifest {str(manifest)!r}: model {name!r} cannot be imported ({exc})"
            ) from exc
    else:
        models = importlib.import_module("chibo_docs.models")
        value = getattr(models, name, None)
        if value is None:
            known = ", ".join(sorted(n for n in models.__all__ if n[:1].isupper()))
            raise FormError(
                f"manifest {str(manifest)!r}: unknown model {name!r}; "
                f"use one of {known} or 'package.module:Class'"
            )
    if not (isinstance(value, type) and issubclass(value, BaseModel)):
        raise FormError(f"manifest {str(manifest)!r}: model {name!r} is not a pydantic model")
    return value


def _read_manifest(path: Path, origin: str) -> Form:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FormError(f"manifest {str(path)!r} cannot be read: {exc}") from exc
    missing = [key for key in _REQUIRED if not data.get(key)]
    if missing:
        raise FormError(f"manifest {str(path)!r} lacks {', '.join(missing)}")
    unknown = sorted(set(data) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise FormError(
            f"manifest {str(path)!r} has unknown keys {', '.join(unknown)}; "
            f"allowed: {', '.join(_REQUIRED + _OPTIONAL)}"
        )
    bad = [key for key, value in data.items() if not isinstance(value, str)]
    if bad:
        raise FormError(f"manifest {str(path)!r}: {', '.join(bad)} must be text")
    template = path.with_name(data.get("template") or path.with_suffix(".docx").name)
    if not template.is_file():
        raise FormError(f"manifest {str(path)!r}: template {template.name!r} is missing")
    return Form(
        id=data["id"],
        title=data["title"],
        document_type=data["document_type"],
        model_name=data["model"],
        template=template,
        manifest=path,
        profile=data.get("profile", "HD36"),
        origin=origin,
    )


def load_folder(folder: str | os.PathLike[str], *, origin: str | None = None) -> list[Form]:
    """Read every ``*.toml`` manifest in ``folder`` (not recursive), sorted by file name."""
    path = Path(folder)
    if not path.is_dir():
        raise FormError(f"forms folder {str(path)!r} does not exist")
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
            raise FormError(f"entry point {ep.name!r} of package {package!r}: {exc}") from exc
        if callable(value):
            value = value()
        if not isinstance(value, str | os.PathLike):
            raise FormError(
                f"entry point {ep.name!r} of package {package!r} must give a folder path, "
                f"got {type(value).__name__}"
            )
        yield from load_folder(value, origin=f"package {package}")


class FormRegistry:
    """The forms known to this process, by id.

    ``FormRegistry.default()`` holds the built-in forms, the folders of
    ``CHIBO_DOCS_FORMS_PATH`` and those of installed packages; pass ``folders`` to add more.
    """

    def __init__(self, forms: Iterable[Form] = ()) -> None:
        self._forms: dict[str, Form] = {}
        for form in forms:
            self.add(form)

    @classmethod
    def default(cls, folders: Sequence[str | os.PathLike[str]] = ()) -> FormRegistry:
        """Build the registry from every source (built-in, folders, environment, packages)."""
        registry = cls(load_folder(templates_dir(), origin="built-in"))
        env = [p for p in os.environ.get(ENV_FORMS_PATH, "").split(os.pathsep) if p]
        for folder in [*folders, *env]:
            for form in load_folder(folder):
                registry.add(form)
        for form in _entry_point_forms():
            registry.add(form)
        return registry

    def add(self, form: Form) -> None:
        """Register ``form``; an id already taken is a :class:`FormError`."""
        if form.id in self._forms:
            other = self._forms[form.id]
            raise FormError(
                f"form id {form.id!r} is defined twice: {str(other.manifest)!r} ({other.origin}) "
                f"and {str(form.manifest)!r} ({form.origin}); rename one of them"
            )
        self._forms[form.id] = form

    def __iter__(self) -> Iterator[Form]:
        return iter(sorted(self._forms.values(), key=lambda f: f.id))

    def __len__(self) -> int:
        return len(self._forms)

    def get(self, form_id: str) -> Form:
        """Return the form with ``form_id``, or raise :class:`UnknownFormError`."""
        try:
            return self._forms[form_id]
        except KeyError:
            known = ", ".join(repr(f) for f in sorted(self._forms))
            raise UnknownFormError(f"unknown form {form_id!r}; known forms: {known}") from None

    def for_model(self, model: type[BaseModel]) -> Form:
        """Return the one form filled from ``model`` (UnknownFormError if none or several)."""
        matches = [f for f in self if f.model is model]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UnknownFormError(f"no form takes {model.__name__}; pass a form id")
        ids = ", ".join(repr(f.id) for f in matches)
        raise UnknownFormError(f"several forms take {model.__name__} ({ids}); pass a form id")
