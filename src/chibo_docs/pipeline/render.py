"""The library's main calls: render a document from its data with the right form."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from chibo_docs.forms.registry import Form, FormRegistry
from chibo_docs.numbering.numbered import numbered_by_policy
from chibo_docs.numbering.register import NumberRegister
from chibo_docs.templating.engine import render_template, render_template_bytes

__all__ = ["get_form", "list_forms", "render_bytes", "render_docx"]

StrPath = str | os.PathLike[str]


def list_forms(folders: Sequence[StrPath] = ()) -> list[Form]:
    """Return every registered form (built-in, ``folders``, environment, packages), by id.

    >>> [(f.id, f.document_type) for f in list_forms() if f.origin == "built-in"]
    [('bien-ban', 'BB'), ('ke-hoach', 'KH'), ('nghi-quyet', 'NQ')]
    """
    return list(FormRegistry.default(folders))


def get_form(form_id: str, folders: Sequence[StrPath] = ()) -> Form:
    """Return the form with ``form_id`` (:class:`~chibo_docs.UnknownFormError` if none).

    >>> get_form("nghi-quyet").title
    'Nghị quyết chi bộ'
    """
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
        raise TypeError(
            f"form {chosen.id!r} is filled from {chosen.model.__name__}, got {type(data).__name__}"
        )
    return chosen


def render_docx(
    data: BaseModel,
    dest: StrPath,
    *,
    form: Form | str | None = None,
    folders: Sequence[StrPath] = (),
    register: NumberRegister | None = None,
) -> Path:
    """Render ``data`` with its form (by default the one form that takes its model) to ``dest``.

    The file is written atomically: on any error nothing is left at ``dest``. Missing folders
    are created; a new file gets the mode ``open()`` gives (``0o666`` less the umask), a
    replaced one keeps its mode. Returns ``dest``.

    With a ``register``, a document without a number of a type in
    :data:`~chibo_docs.numbering.NUMBERED_TYPES` (not minutes) takes the next number of its
    issuer, type and year; it is marked used once the file is written, voided if not.

    Raises:
        OutputError: ``dest`` cannot be written (a read-only folder, a full disk, a folder in
            its place…), naming it and what to do.
    """
    chosen = _choose(data, form, folders)
    with numbered_by_policy(data, register) as document:
        return render_template(chosen.template, document, dest)


def render_bytes(
    data: BaseModel, *, form: Form | str | None = None, folders: Sequence[StrPath] = ()
) -> bytes:
    """Render ``data`` with its form and return the .docx as bytes."""
    return render_template_bytes(_choose(data, form, folders).template, data)
