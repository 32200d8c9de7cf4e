"""The library's main calls: render a document from its data with the right form."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from chibo_docs.errors import FormModelMismatchError
from chibo_docs.forms.registry import Form, FormRegistry, model_label
from chibo_docs.i18n import using
from chibo_docs.numbering.numbered import numbered_by_policy
from chibo_docs.numbering.register import NumberRegister
from chibo_docs.templating.engine import render_template, render_template_bytes

__all__ = ["get_form", "list_forms", "render_bytes", "render_docx"]

StrPath = str | os.PathLike[str]


def list_forms(folders: Sequence[StrPath] = (), *, lang: str | None = None) -> list[Form]:
    """Return every registered form (built-in, ``folders``, environment, packages), by id.

    A bad manifest raises :class:`~chibo_docs.errors.FormError`, worded in ``lang`` (``"vi"``
    or ``"en"``; default: the language in force).

    >>> [(f.id, f.document_type) for f in list_forms() if f.origin == "built-in"][:4]
    [('bao-cao', 'BC'), ('bao-cao-danh-gia', 'BC'), ('bien-ban', 'BB'), ('ke-hoach', 'KH')]
    """
    with using(lang):
        return list(FormRegistry.default(folders))


def get_form(form_id: str, folders: Sequence[StrPath] = (), *, lang: str | None = None) -> Form:
    """Return the form with ``form_id`` (:class:`~chibo_docs.UnknownFormError` if none).

    The error is worded in ``lang`` (``"vi"`` or ``"en"``; default: the language in force).

    >>> get_form("nghi-quyet").title
    'Nghị quyết chi bộ'
    >>> get_form("nghi-quyet-x", lang="en")
    Traceback (most recent call last):
    ...
    chibo_docs.errors.UnknownFormError: unknown form 'nghi-quyet-x'; known forms: 'bao-cao', 'bao-cao-danh-gia', 'bien-ban', 'ke-hoach', 'nghi-quyet', 'phieu-cham-diem', 'thong-bao-rut-kinh-nghiem' (see `chibo-docs forms`)
    """
    with using(lang):
        return FormRegistry.default(folders).get(form_id)


def _choose(data: BaseModel, form: Form | str | None, folders: Sequence[StrPath]) -> Form:
    if not isinstance(data, BaseModel):
        raise TypeError(f"render needs a chibo_docs model such as Minutes, got {type(data).__name__}")
    if isinstance(form, Form):
        chosen = form
    else:
        registry = FormRegistry.default(folders)
        chosen = registry.get(form) if form is not None else registry.for_model(type(data))
    if not isinstance(data, chosen.model):
        raise FormModelMismatchError(chosen.id, chosen.model_name, model_label(type(data)))
    return chosen


def render_docx(
    data: BaseModel,
    dest: StrPath,
    *,
    form: Form | str | None = None,
    folders: Sequence[StrPath] = (),
    register: NumberRegister | None = None,
    lang: str | None = None,
) -> Path:
    """Render ``data`` with its form (by default the one form that takes its model) to ``dest``.

    The file is written atomically: on any error nothing is left at ``dest``. Missing folders
    are created; a new file gets the mode ``open()`` gives (``0o666`` less the umask), a
    replaced one keeps its mode. Returns ``dest``. The forms are those of
    :meth:`~chibo_docs.forms.registry.FormRegistry.default` (read once, again after a change).
    Errors read in ``lang`` (``"vi"`` or ``"en"``; default: the language in force).

    With a ``register``, a document without a number of a type in
    :data:`~chibo_docs.numbering.NUMBERED_TYPES` (not minutes) takes the next number of its
    issuer, type and year; it is marked used once the file is written, voided if not.

    Raises:
        UnknownFormError: ``form`` is an id no form has, or no form (or several) takes the
            data's model.
        FormModelMismatchError: ``form`` is filled from another model than the data's.
        OutputError: ``dest`` cannot be written (a read-only folder, a full disk, a folder in
            its place…), naming it and what to do.
    """
    with using(lang):
        chosen = _choose(data, form, folders)
        with numbered_by_policy(data, register) as document:
            return render_template(chosen.template, document, dest)


def render_bytes(
    data: BaseModel,
    *,
    form: Form | str | None = None,
    folders: Sequence[StrPath] = (),
    lang: str | None = None,
) -> bytes:
    """Render ``data`` with its form and return the .docx as bytes (errors in ``lang``)."""
    with using(lang):
        return render_template_bytes(_choose(data, form, folders).template, data)
