"""What a template can reach from a model: its attributes, which are lists, which are models.

The template linter walks a template's tags against these shapes, so that a typo such as
``{{ meeting.chiar.full_name }}`` is reported before anything is rendered, with a suggestion.

>>> from pydantic import BaseModel
>>> class Person(BaseModel):
...     full_name: str
>>> class Meeting(BaseModel):
...     chair: Person
...     members: list[Person]
>>> shape = Shape.of(Meeting)
>>> shape.attribute("members").kind, shape.attribute("members").item.attribute("full_name").kind
('list', 'scalar')
>>> shape.attribute("chiar") is None, shape.suggest("chiar")
(True, 'chair')
"""

# No `from __future__ import annotations` here: doctests inherit it, and pydantic then cannot
# resolve the annotations of the example models defined inside the doctest.
import dataclasses
import difflib
import enum
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from chibo_docs.models.base import View

__all__ = ["Shape", "field_paths"]

Kind = Literal["model", "union", "list", "mapping", "scalar", "any"]

_LISTS = (list, tuple, set, frozenset, Sequence)


@dataclass(frozen=True)
class Shape:
    """The shape of a value a template may use: a model, a list of shapes, or a scalar."""

    kind: Kind
    type: Any = None
    """The model class (``model``), the Python type (``scalar``), the member shapes
    (``union``: a value that is one of several models), or ``None``."""
    item_type: Any = None
    optional: bool = False
    """Whether the value may be ``None`` (``X | None``): printed without a guard, it stops
    the render."""

    @classmethod
    def of(cls, annotation: Any) -> "Shape":
        """Return the shape of a type annotation (``Optional`` is looked through)."""
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            return cls.of(args[0])
        if origin in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not type(None)]
            combined = cls.combine([cls.of(a) for a in rest])
            if len(rest) < len(args) and combined.kind != "any":
                return dataclasses.replace(combined, optional=True)
            return combined
        if origin is Literal:
            return cls("scalar", str if all(isinstance(a, str) for a in args) else None)
        if origin is not None:
            if isinstance(origin, type) and issubclass(origin, Mapping):
                return cls("mapping")
            if isinstance(origin, type) and issubclass(origin, _LISTS):
                item = args[0] if args else Any
                return cls("list", item_type=item)
            return cls("any")
        if isinstance(annotation, type):
            if issubclass(annotation, BaseModel):
                return cls("model", annotation)
            if issubclass(annotation, str | bytes | enum.Enum):
                return cls("scalar", annotation)
            if issubclass(annotation, Mapping):
                return cls("mapping")
            if issubclass(annotation, _LISTS):
                return cls("list", item_type=Any)
            return cls("scalar", annotation)
        return cls("any")

    @classmethod
    def combine(cls, shapes: Sequence["Shape"]) -> "Shape":
        """Return the shape of a value that may have any of ``shapes``.

        Models combine into a ``union`` (an attribute is valid when one of them has it);
        equal shapes into themselves; anything else is ``any``.

        >>> from pydantic import BaseModel
        >>> class Member(BaseModel):
        ...     full_name: str
        ...     role: str
        >>> class Guest(BaseModel):
        ...     full_name: str
        ...     position: str
        >>> speaker = Shape.combine([Shape.of(Member), Shape.of(Guest)])
        >>> speaker.kind, speaker.attribute("position").kind, speaker.attribute("rank")
        ('union', 'scalar', None)
        """
        flat: list[Shape] = []
        optional = any(shape.optional for shape in shapes)
        for shape in shapes:
            for member in shape.type if shape.kind == "union" else (shape,):
                member = dataclasses.replace(member, optional=False)
                if member not in flat:
                    flat.append(member)
        if optional and flat:
            combined = cls.combine(flat)
            return dataclasses.replace(combined, optional=True) if combined.kind != "any" \
                else combined
        if len(flat) == 1:
            return flat[0]
        if flat and all(s.kind == "model" for s in flat):
            return cls("union", tuple(flat))
        return cls("any")

    @property
    def item(self) -> "Shape":
        """The shape of one element of a list (``any`` for other shapes)."""
        return Shape.of(self.item_type) if self.kind == "list" else Shape("any")

    def names(self) -> list[str]:
        """Return the attribute names a template may use on a model shape."""
        if self.kind == "union":
            return sorted({name for member in self.type for name in member.names()})
        if self.kind != "model":
            return []
        model: type[BaseModel] = self.type
        props = [
            name
            for name in dir(model)
            if not name.startswith("_")
            and isinstance(getattr(model, name, None), property)
            and not name.startswith("model_")
        ]
        return sorted({*model.model_fields, *model.model_computed_fields, *props})

    def attribute(self, name: str) -> "Shape | None":
        """Return the shape of attribute ``name``, or ``None`` when the value has none."""
        if self.kind in ("any", "mapping"):
            return Shape("any")
        if self.kind == "union":
            found = [a for a in (m.attribute(name) for m in self.type) if a is not None]
            return Shape.combine(found) if found else None
        if self.kind == "list":
            return Shape("any") if hasattr(list, name) else None
        if self.kind == "scalar":
            if self.type is None or hasattr(self.type, name):
                return Shape("any")
            return None
        model: type[BaseModel] = self.type
        if name in model.model_fields:
            declared = Shape.of(model.model_fields[name].annotation)
            # only data may be None by surprise: a view's None follows from the data
            return _derived(declared) if issubclass(model, View) else declared
        if name in model.model_computed_fields:
            return _derived(Shape.of(model.model_computed_fields[name].return_type))
        member = getattr(model, name, None)
        if isinstance(member, property) and not name.startswith("_"):
            try:
                hints = typing.get_type_hints(member.fget)
            except Exception:  # unresolvable annotations: accept the name, shape unknown
                return Shape("any")
            return _derived(Shape.of(hints.get("return", Any)))
        if callable(member) and not name.startswith("_") and not name.startswith("model_"):
            return Shape("any")
        return None

    def suggest(self, name: str) -> str | None:
        """Return the closest attribute name to a misspelt ``name``, if one is close."""
        close = difflib.get_close_matches(name, self.names(), n=1, cutoff=0.6)
        return close[0] if close else None


def _derived(shape: "Shape") -> "Shape":
    """A derived value (a property) is ``None`` only when the data makes it so: not flagged."""
    return dataclasses.replace(shape, optional=False) if shape.optional else shape


def field_paths(model: type[BaseModel], *, depth: int = 4) -> list[str]:
    """List the dotted paths of a model's fields and properties, lists marked with ``[]``.

    >>> from pydantic import BaseModel
    >>> class Person(BaseModel):
    ...     full_name: str
    >>> class Meeting(BaseModel):
    ...     place: str
    ...     members: list[Person]
    >>> field_paths(Meeting)
    ['members[]', 'members[].full_name', 'place']
    """
    paths: list[str] = []

    def walk(shape: Shape, prefix: str, level: int) -> None:
        for name in shape.names():
            sub = shape.attribute(name)
            if sub is None:
                continue
            path = f"{prefix}{name}"
            if sub.kind == "list":
                paths.append(path + "[]")
                if level < depth and sub.item.kind in ("model", "union"):
                    walk(sub.item, path + "[].", level + 1)
            else:
                paths.append(path)
                if level < depth and sub.kind in ("model", "union"):
                    walk(sub, path + ".", level + 1)

    walk(Shape.of(model), "", 1)
    return sorted(paths)
