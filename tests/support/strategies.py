"""Hypothesis strategies and model walking for the property tests of the forms.

:func:`text_fields` lists every text field (``Line`` or ``Text``) set in a model instance, by
path; :func:`replace_texts` returns a copy of the model with some of them replaced (and
validated again); :func:`xml_text` generates text an XML 1.0 document can hold but that is
hostile to templates: markup characters, Jinja delimiters, emoji, very long and multi-line text.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.functional_validators import AfterValidator

from chibo_docs.models import base

__all__ = [
    "Kind",
    "Path",
    "TextField",
    "fit_constraints",
    "replace_texts",
    "text_fields",
    "value_at",
    "xml_text",
]

Kind = Literal["line", "text"]
Path = tuple[str | int, ...]
TextField = tuple[Path, Kind]

_VALIDATORS: Mapping[object, Kind] = {base._one_line: "line", base._multi_line: "text"}


def _kind(annotation: object, metadata: typing.Sequence[object] = ()) -> Kind | None:
    """Return ``"line"``/``"text"`` when the annotation (or its metadata) is Line or Text."""
    for item in metadata:
        if isinstance(item, AfterValidator) and item.func in _VALIDATORS:
            return _VALIDATORS[item.func]
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        return _kind(args[0], args[1:])
    for arg in typing.get_args(annotation):
        found = _kind(arg)
        if found:
            return found
    return None


def text_fields(model: BaseModel, prefix: Path = ()) -> Iterator[TextField]:
    """Yield ``(path, kind)`` for every Line/Text value set in ``model`` (lists included)."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        kind = _kind(info.annotation, info.metadata)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            path = (*prefix, name) if index is None else (*prefix, name, index)
            if isinstance(item, BaseModel):
                yield from text_fields(item, path)
            elif isinstance(item, str) and kind is not None:
                yield path, kind


def _set(data: Any, path: Path, value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def fit_constraints(path: Path, value: str, model: BaseModel) -> str:
    """Bend ``value`` to the few field rules that are not about text safety.

    Header lines are capitals; a recipient has no list punctuation and the last one is the
    file copy ('Lưu …').
    """
    name = path[-1] if isinstance(path[-1], str) else path[-2]
    if name in ("header_line", "upper_header_line"):
        return value.upper()
    if name == "recipients":
        previous = None
        while value != previous:
            previous, value = value, value.strip().lstrip("-–+•").rstrip(",;.")
        value = value or "x"
        last = len(getattr(model, "recipients")) - 1  # noqa: B009 - the field is dynamic
        return "Lưu " + value if path[-1] == last else value
    return value


def replace_texts(model: BaseModel, values: Mapping[Path, str], *, fit: bool = True) -> BaseModel:
    """Return ``model`` validated again with the text at each path replaced.

    With ``fit`` the values are first bent to the field rules (:func:`fit_constraints`).
    """
    data = model.model_dump()
    for path, value in values.items():
        _set(data, path, fit_constraints(path, value, model) if fit else value)
    return type(model).model_validate(data)


def value_at(model: BaseModel, path: Path) -> str:
    """Return the text at ``path`` in ``model`` (after its validation: stripped, NFC)."""
    value: Any = model
    for key in path:
        value = value[key] if isinstance(key, int) else getattr(value, key)
    assert isinstance(value, str)
    return value


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
_HOSTILE = (
    "&",
    "<",
    ">",
    '"',
    "'",
    "&amp;",
    "<w:t>",
    "]]>",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ doc.number_line }}",
    "{%p if x %}",
    "{_{",
    "\t",
    "\u00a0",
    "😀",
    "👨‍👩‍👧",
    "𝕏",
    "Đảng ủy",
    "Chi bộ",
    "Nghị quyết số 05-NQ/CB",
)


def _characters(multi_line: bool) -> st.SearchStrategy[str]:
    excluded = "" if multi_line else _LINE_BREAKS
    return st.characters(codec="utf-8", exclude_characters=excluded).filter(
        lambda c: not _XML_ILLEGAL.match(c)
    )


def xml_text(kind: Kind) -> st.SearchStrategy[str]:
    """Text a .docx can hold, full of markup and template syntax; multi-line for ``"text"``."""
    multi = kind == "text"
    piece = st.one_of(
        _characters(multi),
        st.sampled_from(_HOSTILE),
        *([st.sampled_from(("\n", "\r\n", "\n\n"))] if multi else []),
    )
    short = st.lists(piece, min_size=1, max_size=30).map("".join)
    long = st.builds(lambda s, n: s * n, short, st.integers(min_value=50, max_value=120))
    return st.one_of(short, short, short, long).filter(lambda s: bool(s.strip()))
