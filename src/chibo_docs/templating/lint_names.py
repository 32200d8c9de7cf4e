"""The name checks of :mod:`chibo_docs.templating.lint`: every variable, attribute, loop and filter of a
template walked against the shape of the model (rules L002–L006)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes

from chibo_docs.ooxml.paragraphs import SourceParagraph
from chibo_docs.templating.engine import DOC_VARIABLE
from chibo_docs.templating.model_shape import Shape

__all__ = ["GLOBALS", "NameWalker", "TagRef"]

GLOBALS = frozenset({"range", "loop", "dict", "lipsum", "cycler", "joiner", "namespace"})
"""Jinja globals a template may use; the sandbox allows them."""

_SAME_LIST_FILTERS = frozenset(
    {"sort", "reverse", "unique", "select", "reject", "selectattr", "rejectattr", "list", "batch"}
)
_ITEM_FILTERS = frozenset({"first", "last", "random", "min", "max"})

Scope = dict[str, tuple[Shape, str]]


@dataclass(frozen=True)
class TagRef:
    """One tag of the template, with the paragraph it is written in."""

    paragraph: SourceParagraph
    text: str


Report = Callable[[str, TagRef, str, str], None]
"""``report(rule, tag, message, hint)``."""


@dataclass
class NameWalker:
    """Walk the Jinja syntax tree of the tags (one tag a line), tracking what each name is."""

    model: Shape | None
    tags: Sequence[TagRef]
    filters: Mapping[str, Any]
    report_to: Report
    used: set[str] = field(default_factory=set)
    loose_names: set[str] = field(default_factory=set)
    """Names accepted without a shape (loop variables of a tag dropped for a syntax error)."""

    def report(self, rule: str, lineno: int, message: str, hint: str) -> None:
        tag = self.tags[min(max(lineno, 1), len(self.tags)) - 1]
        self.report_to(rule, tag, message, hint)

    # -- statements -------------------------------------------------------------------
    def statements(self, body: Iterable[nodes.Node], scope: Scope) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: Scope) -> None:
        if isinstance(node, nodes.For):
            shape, path = self.expr(node.iter, scope)
            if shape.kind not in ("list", "any", "mapping"):
                what = f"{path!r}" if path else "this value"
                self.report(
                    "L004",
                    node.lineno,
                    f"{what} is {_kind_words(shape)}, not a list, so it cannot be looped over",
                    "loop over a field that holds a list (the guide lists them with []); "
                    "to show a single value use {{ … }} without a loop",
                )
            inner = dict(scope)
            self.bind(node.target, (shape.item, f"{path}[]" if path else ""), inner)
            inner["loop"] = (Shape("any"), "")
            if node.test is not None:
                self.expr(node.test, inner)
            self.statements(node.body, inner)
            self.statements(node.else_, scope)
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            self.statements(node.body, scope)
            for elif_ in node.elif_:
                self.statement(elif_, scope)
            self.statements(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node, scope), scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value_node in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(value_node, scope), inner)
            self.statements(node.body, inner)
        elif isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child, scope)
        elif isinstance(node, nodes.Macro | nodes.CallBlock | nodes.FilterBlock):
            pass  # rare in forms; not analysed
        else:
            for sub in node.iter_child_nodes():
                if isinstance(sub, nodes.Expr):
                    self.expr(sub, scope)
                else:
                    self.statement(sub, scope)

    def bind(self, target: nodes.Node, value: tuple[Shape, str], scope: Scope) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, (Shape("any"), ""), scope)

    # -- expressions ------------------------------------------------------------------
    def expr(self, node: nodes.Node, scope: Scope) -> tuple[Shape, str]:
        if isinstance(node, nodes.Name):
            return self.name(node, scope)
        if isinstance(node, nodes.Getattr):
            return self.attribute(node, node.node, node.attr, scope)
        if isinstance(node, nodes.Getitem):
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.attribute(node, node.node, node.arg.value, scope)
            base, path = self.expr(node.node, scope)
            self.expr(node.arg, scope)
            if isinstance(node.arg, nodes.Slice):
                return base, path
            if base.kind == "list":
                return base.item, f"{path}[]" if path else ""
            return Shape("any"), ""
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Call):
            self.expr(node.node, scope)
            self.arguments(node, scope)
            return Shape("any"), ""
        for child in node.iter_child_nodes():
            self.expr(child, scope)
        return Shape("any"), ""

    def name(self, node: nodes.Name, scope: Scope) -> tuple[Shape, str]:
        if node.name in scope:
            return scope[node.name]
        if node.name.startswith("_"):
            self.report(
                "L006",
                node.lineno,
                f"the name {node.name!r} starts with '_': templates may not reach Python internals",
                "use only the fields listed in the guide",
            )
            return Shape("any"), ""
        if node.name in GLOBALS or node.name in self.loose_names or self.model is None:
            return Shape("any"), ""
        if node.name == DOC_VARIABLE:
            return self.model, DOC_VARIABLE
        found = self.model.attribute(node.name)
        if found is None:
            self.report(
                "L002",
                node.lineno,
                f"the data has no variable {node.name!r}",
                _did_you_mean(self.model, node.name, f"the variables are {DOC_VARIABLE!r} and "),
            )
            return Shape("any"), ""
        self.used.add(node.name)
        return found, node.name

    def filter(self, node: nodes.Filter, scope: Scope) -> tuple[Shape, str]:
        piped = self.expr(node.node, scope) if node.node is not None else (Shape("any"), "")
        self.arguments(node, scope)
        if node.name not in self.filters:
            close = _close(node.name, list(self.filters))
            self.report(
                "L005",
                node.lineno,
                f"there is no filter {node.name!r}",
                (f"did you mean {close!r}? " if close else "")
                + "see the guide's list of filters",
            )
            return Shape("any"), ""
        if node.name in _SAME_LIST_FILTERS:
            return piped
        if node.name in _ITEM_FILTERS and piped[0].kind == "list":
            return piped[0].item, piped[1] + "[]" if piped[1] else ""
        return Shape("any"), ""

    def arguments(self, node: nodes.Filter | nodes.Call, scope: Scope) -> None:
        for arg in node.args:
            self.expr(arg, scope)
        for kwarg in node.kwargs:
            self.expr(kwarg.value, scope)

    def attribute(
        self, node: nodes.Node, base_node: nodes.Node, name: str, scope: Scope
    ) -> tuple[Shape, str]:
        base, path = self.expr(base_node, scope)
        if name.startswith("_"):
            self.report(
                "L006",
                node.lineno,
                f"the attribute {name!r} starts with '_': templates may not reach Python internals",
                "use only the fields listed in the guide",
            )
            return Shape("any"), ""
        found = base.attribute(name)
        full = f"{path}.{name}" if path else ""
        if found is None:
            what = f"{path!r}" if path else "this value"
            self.report(
                "L003",
                node.lineno,
                f"{what} has no attribute {name!r}",
                _did_you_mean(base, name, "its attributes are "),
            )
            return Shape("any"), ""
        if full:
            self.used.add(full)
        return found, full


def _close(name: str, names: Sequence[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return close[0] if close else None


def _did_you_mean(shape: Shape, name: str, lead: str) -> str:
    hint = shape.suggest(name)
    if hint:
        return f"did you mean {hint!r}? check the spelling against the guide's field list"
    names = shape.names()
    if not names:
        return f"it is {_kind_words(shape)}, which has no attributes; check the guide's field list"
    shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
    return f"{lead}{shown}"


def _kind_words(shape: Shape) -> str:
    if shape.kind in ("model", "union"):
        return "one record"
    if shape.kind == "scalar" and shape.type is str:
        return "a text"
    if shape.kind == "scalar":
        name = getattr(shape.type, "__name__", "value")
        return f"a single value ({name})"
    return "a single value"
