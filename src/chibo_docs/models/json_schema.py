"""The JSON Schema of a model, ready for a web form: titles in the reader's language, labelled choices.

Pydantic's JSON Schema titles a field with its English identifier ("Member Id") and describes a
model with its whole docstring. :func:`form_schema` rewrites it for people who fill forms:

- every model and field is titled with its glossary term (:mod:`chibo_docs.models.glossary`):
  the Vietnamese term, with the English meaning as its description (``lang="vi"``, the
  default); or an English title, with the meaning and the Vietnamese term as its description
  (``lang="en"``);
- every choice (an enumeration or a literal) lists its values with a label each
  (``oneOf`` of ``const`` and ``title``), in place of a bare ``enum``;
- ``required`` lists what the data must hold, ``document`` included (the data file names its
  kind of document).

>>> from chibo_docs.models import Minutes
>>> schema = form_schema(Minutes)
>>> schema["$defs"]["Attendance"]["properties"]["member_id"]["title"]
'Mã đảng viên'
>>> schema["$defs"]["MeetingKind"]["oneOf"][1]
{'const': 'chuyen_de', 'title': 'Chuyên đề'}
>>> schema["required"][:2]
['document', 'meeting']
>>> form_schema(Minutes, "en")["$defs"]["Attendance"]["properties"]["member_id"]["title"]
'Member id'
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Any, get_args

from pydantic import BaseModel, TypeAdapter

from chibo_docs.i18n import Language, resolve_language
from chibo_docs.models.glossary import (
    Term,
    label,
    literal_values,
    model_term,
    split_description,
)

__all__ = ["form_schema"]


def _humanised(name: str) -> str:
    """``adoption_vote`` → ``Adoption vote``; ``MeetingKind`` → ``Meeting kind``."""
    if "_" in name or name.islower():
        words = name.replace("_", " ")
    else:
        words = "".join(f" {c.lower()}" if c.isupper() and i else c for i, c in enumerate(name))
    return words[:1].upper() + words[1:]


def _classes(target: Any) -> Iterator[type[BaseModel] | type[Enum]]:
    """Every model and enumeration ``target`` may hold, itself included."""
    seen: set[Any] = set()
    todo: list[Any] = [target]
    while todo:
        item = todo.pop()
        if item in seen:
            continue
        seen.add(item)
        if isinstance(item, type) and issubclass(item, Enum):
            yield item
        elif isinstance(item, type) and issubclass(item, BaseModel):
            yield item
            todo += item.__subclasses__()
            todo += [info.annotation for info in item.model_fields.values()]
        else:
            todo += list(get_args(item))


def _term_texts(term: Term | None, fallback: str, lang: Language) -> tuple[str, str | None]:
    """A title and a description for ``term``, in ``lang``."""
    if term is None:
        return _humanised(fallback), None
    if lang == "vi":
        return term.vi, term.en
    return _humanised(fallback), f"{term.en} (tiếng Việt: {term.vi})"


def _set_text(schema: dict[str, Any], title: str, description: str | None) -> None:
    schema["title"] = title
    if description:
        schema["description"] = description
    else:
        schema.pop("description", None)


def _choices(values: tuple[Any, ...], lang: Language, kind: type[Enum] | None = None) -> list[dict[str, Any]]:
    return [{"const": v, "title": label(v, lang, kind)} for v in values]


def _describe_enum(schema: dict[str, Any], enum: type[Enum], lang: Language) -> None:
    found = split_description((enum.__doc__ or "").strip().splitlines()[0] if enum.__doc__ else None)
    term = Term(found[0], found[1].rstrip("."), enum.__name__) if found else None
    _set_text(schema, *_term_texts(term, enum.__name__, lang))
    values = schema.pop("enum", [m.value for m in enum])
    schema["oneOf"] = _choices(tuple(values), lang, enum)


def _describe_model(schema: dict[str, Any], model: type[BaseModel], lang: Language) -> None:
    _set_text(schema, *_term_texts(model_term(model), model.__name__, lang))
    properties: dict[str, Any] = schema.get("properties", {})
    for name, prop in properties.items():
        info = model.model_fields.get(name)
        if info is None:
            continue
        found = split_description(info.description)
        term = Term(found[0], found[1], name) if found else None
        _set_text(prop, *_term_texts(term, name, lang))
        values = literal_values(info.annotation)
        if values and "enum" in prop:
            prop.pop("enum")
            prop["oneOf"] = _choices(values, lang)
    required: list[str] = list(schema.get("required", []))
    if "document" in properties and "document" not in required:
        required.insert(0, "document")
    if required:
        schema["required"] = [name for name in properties if name in required]


def form_schema(target: Any, lang: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of ``target`` (a model, or a union such as ``Document``) for forms.

    ``lang`` is the language of titles and labels: ``vi`` (default: ``CHIBO_DOCS_LANG``, else
    Vietnamese) or ``en``.
    """
    chosen = resolve_language(lang)
    schema = TypeAdapter(target).json_schema()
    by_name = {cls.__name__: cls for cls in _classes(target)}
    for name, definition in schema.get("$defs", {}).items():
        cls = by_name.get(name)
        if isinstance(cls, type) and issubclass(cls, Enum):
            _describe_enum(definition, cls, chosen)
        elif isinstance(cls, type) and issubclass(cls, BaseModel):
            _describe_model(definition, cls, chosen)
    if isinstance(target, type) and issubclass(target, BaseModel):
        _describe_model(schema, target, chosen)
    _name_the_kinds(schema)
    return schema


def _name_the_kinds(schema: dict[str, Any]) -> None:
    """For a union of documents, say that ``document`` tells which (a discriminator)."""
    arms = schema.get("oneOf") or schema.get("anyOf") or []
    mapping: dict[str, str] = {}
    for arm in arms:
        ref = arm.get("$ref", "") if isinstance(arm, dict) else ""
        definition = schema.get("$defs", {}).get(ref.rsplit("/", 1)[-1], {})
        const = definition.get("properties", {}).get("document", {}).get("const")
        if not ref or const is None:
            return
        mapping[const] = ref
    if mapping:
        schema["discriminator"] = {"propertyName": "document", "mapping": mapping}
