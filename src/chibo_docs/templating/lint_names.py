"""The name checks of :mod:`chibo_docs.templating.lint`: every variable, attribute, loop and filter of a
template walked against the shape of the model (rules L002–L006), and the values that may be
``None`` printed without a guard (L017).

Guards are understood as the renderer runs them: ``{{ x | default("…") }}`` prints nothing
(or the default) when ``x`` is missing or ``None``; inside ``{% if x is defined %}`` a name the
model lacks is not an error; inside ``{% if x %}`` or ``{% if x is not none %}`` (and in the
``else`` of ``{% if not x %}``) ``x`` is not ``None``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes

from chibo_docs.i18n import Message, message
from chibo_docs.ooxml.paragraphs import SourceParagraph
from chibo_docs.templating.engine import DOC_VARIABLE
from chibo_docs.templating.model_shape import Shape

__all__ = ["GLOBALS", "NameWalker", "TagRef", "dotted"]

GLOBALS = frozenset({"range", "loop", "dict", "lipsum", "cycler", "joiner", "namespace"})
"""Jinja globals a template may use; the sandbox allows them."""

_SAME_LIST_FILTERS = frozenset(
    {"sort", "reverse", "unique", "select", "reject", "selectattr", "rejectattr", "list", "batch"}
)
_ITEM_FILTERS = frozenset({"first", "last", "random", "min", "max"})
_DEFAULT_FILTERS = frozenset({"default", "d"})

Scope = dict[str, tuple[Shape, str]]


@dataclass(frozen=True)
class TagRef:
    """One tag of the template, with the paragraph it is written in."""

    paragraph: SourceParagraph
    text: str


Report = Callable[[str, TagRef, Message, Message], None]
"""``report(rule, tag, message, hint)``."""


def dotted(node: nodes.Node) -> str | None:
    """Return the dotted path an expression is written as (``meeting.chair``), if it is one."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = dotted(node.node)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = dotted(node.node)
        return f"{base}.{node.arg.value}" if base else None
    return None


def _covered(path: str, guards: Iterable[str]) -> bool:
    return any(path == g or path.startswith(g + ".") for g in guards)


@dataclass
class _Guards:
    """What the enclosing ``{% if %}`` tests say: names that may be missing, values not ``None``."""

    defined: frozenset[str] = frozenset()
    present: frozenset[str] = frozenset()

    def __or__(self, other: _Guards) -> _Guards:
        return _Guards(self.defined | other.defined, self.present | other.present)


def _test_guards(test: nodes.Node) -> tuple[_Guards, _Guards]:
    """Return what a test guarantees in its ``if`` branch and in its ``else`` branch."""
    if isinstance(test, nodes.Not):
        positive, negative = _test_guards(test.node)
        return negative, positive
    if isinstance(test, nodes.And):
        left, _l = _test_guards(test.left)
        right, _r = _test_guards(test.right)
        return left | right, _Guards()
    if isinstance(test, nodes.Or):
        _l, left = _test_guards(test.left)
        _r, right = _test_guards(test.right)
        return _Guards(), left | right
    if isinstance(test, nodes.Test):
        path = dotted(test.node)
        if path is None:
            return _Guards(), _Guards()
        if test.name == "defined":
            return _Guards(defined=frozenset({path})), _Guards()
        if test.name == "undefined":
            return _Guards(), _Guards(defined=frozenset({path}))
        if test.name == "none":
            return _Guards(defined=frozenset({path})), _Guards(frozenset({path}), frozenset({path}))
    if isinstance(test, nodes.Compare) and len(test.ops) == 1:
        path = dotted(test.expr)
        other = test.ops[0].expr
        if path and isinstance(other, nodes.Const) and other.value is None:
            if test.ops[0].op in ("ne", "isnot"):
                return _Guards(present=frozenset({path})), _Guards()
            if test.ops[0].op in ("eq", "is"):
                return _Guards(), _Guards(present=frozenset({path}))
    path = dotted(test)
    if path is not None:  # {% if x %}: x is there and not None (nor empty)
        return _Guards(present=frozenset({path})), _Guards()
    return _Guards(), _Guards()


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
    guards: _Guards = field(default_factory=_Guards)
    quiet: int = 0
    lenient: int = 0

    def report(self, rule: str, lineno: int, text: Message, hint: Message) -> None:
        if self.quiet:
            return
        tag = self.tags[min(max(lineno, 1), len(self.tags)) - 1]
        self.report_to(rule, tag, text, hint)

    @contextmanager
    def _guarded(self, guards: _Guards) -> Iterator[None]:
        saved = self.guards
        self.guards = saved | guards
        try:
            yield
        finally:
            self.guards = saved

    # -- statements -------------------------------------------------------------------
    def statements(self, body: Iterable[nodes.Node], scope: Scope) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: Scope) -> None:
        if isinstance(node, nodes.For):
            shape, path = self.expr(node.iter, scope)
            if shape.kind not in ("list", "any", "mapping"):
                self.report(
                    "L004",
                    node.lineno,
                    message("{what} is {kind}, not a list, so it cannot be looped over",
                            what=repr(path) if path else message("this value"),
                            kind=_kind_words(shape)),
                    message("loop over a field that holds a list (the guide lists them with []); "
                            "to show a single value use {{ … }} without a loop"),
                )
            inner = dict(scope)
            self.bind(node.target, (shape.item, f"{path}[]" if path else ""), inner)
            inner["loop"] = (Shape("any"), "")
            if node.test is not None:
                self.expr(node.test, inner)
            self.statements(node.body, inner)
            self.statements(node.else_, scope)
        elif isinstance(node, nodes.If):
            self.test(node.test, scope)
            positive, negative = _test_guards(node.test)
            with self._guarded(positive):
                self.statements(node.body, scope)
            with self._guarded(negative):
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
                    self.none_risk(child, scope)
        elif isinstance(node, nodes.Macro | nodes.CallBlock | nodes.FilterBlock):
            pass  # rare in forms; not analysed
        else:
            for sub in node.iter_child_nodes():
                if isinstance(sub, nodes.Expr):
                    self.expr(sub, scope)
                else:
                    self.statement(sub, scope)

    def test(self, node: nodes.Node, scope: Scope) -> None:
        """Walk an ``if`` test: what ``is defined`` tests may be missing."""
        if isinstance(node, nodes.Test) and node.name in ("defined", "undefined"):
            self.lenient += 1
            try:
                self.expr(node.node, scope)
            finally:
                self.lenient -= 1
        elif isinstance(node, nodes.And | nodes.Or):
            self.test(node.left, scope)
            positive, _negative = _test_guards(node.left)
            with self._guarded(positive if isinstance(node, nodes.And) else _Guards()):
                self.test(node.right, scope)
        elif isinstance(node, nodes.Not):
            self.test(node.node, scope)
        else:
            self.expr(node, scope)

    def bind(self, target: nodes.Node, value: tuple[Shape, str], scope: Scope) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, (Shape("any"), ""), scope)

    # -- values that may be None --------------------------------------------------------
    def none_risk(self, node: nodes.Node, scope: Scope) -> None:
        """Warn (L017) when a printed value may be ``None`` and nothing guards it."""
        risky = self._risky(node, scope)
        if risky is not None:
            self.report(
                "L017",
                node.lineno,
                message("{path} may be empty (None) in the data, and printing it then stops the "
                        "render", path=repr(risky)),
                message("write {{{{ {path} | default(\"\") }}}} to print nothing when it is empty, "
                        "or put the text in {{% if {path} %}}…{{% endif %}}", path=risky),
            )

    def _risky(self, node: nodes.Node, scope: Scope) -> str | None:
        if isinstance(node, nodes.Filter):
            if node.name in _DEFAULT_FILTERS or node.node is None:
                return None
            return self._risky(node.node, scope)
        if isinstance(node, nodes.CondExpr):
            positive, negative = _test_guards(node.test)
            with self._guarded(positive):
                first = self._risky(node.expr1, scope)
            if first is not None or node.expr2 is None:
                return first
            with self._guarded(negative):
                return self._risky(node.expr2, scope)
        if isinstance(node, nodes.Or):
            return self._risky(node.right, scope)
        if isinstance(node, nodes.Concat):
            for part in node.nodes:
                found = self._risky(part, scope)
                if found is not None:
                    return found
            return None
        path = dotted(node)
        if path is None:
            return None
        chain: list[nodes.Node] = []
        current: nodes.Node = node
        while isinstance(current, nodes.Getattr | nodes.Getitem):
            chain.append(current)
            current = current.node
        chain.append(current)
        for step in reversed(chain):  # from the root out: a None on the way stops the render
            written = dotted(step)
            if written is None or _covered(written, self.guards.present):
                continue
            self.quiet += 1
            try:
                shape, _path = self.expr(step, scope)
            finally:
                self.quiet -= 1
            if shape.optional:
                return written
        return None

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
        if isinstance(node, nodes.CondExpr):
            self.test(node.test, scope)
            positive, negative = _test_guards(node.test)
            with self._guarded(positive):
                self.expr(node.expr1, scope)
            if node.expr2 is not None:
                with self._guarded(negative):
                    self.expr(node.expr2, scope)
            return Shape("any"), ""
        if isinstance(node, nodes.Test) and node.name in ("defined", "undefined"):
            self.test(node, scope)
            return Shape("any"), ""
        for child in node.iter_child_nodes():
            self.expr(child, scope)
        return Shape("any"), ""

    def _may_be_missing(self, node: nodes.Node) -> bool:
        path = dotted(node)
        return self.lenient > 0 or (path is not None and _covered(path, self.guards.defined))

    def name(self, node: nodes.Name, scope: Scope) -> tuple[Shape, str]:
        if node.name in scope:
            return scope[node.name]
        if node.name.startswith("_"):
            self.report(
                "L006",
                node.lineno,
                message("the name {name} starts with '_': templates may not reach Python "
                        "internals", name=repr(node.name)),
                message("use only the fields listed in the guide"),
            )
            return Shape("any"), ""
        if node.name in GLOBALS or node.name in self.loose_names or self.model is None:
            return Shape("any"), ""
        if node.name == DOC_VARIABLE:
            return self.model, DOC_VARIABLE
        found = self.model.attribute(node.name)
        if found is None:
            if not self._may_be_missing(node):
                self.report(
                    "L002",
                    node.lineno,
                    message("the data has no variable {name}", name=repr(node.name)),
                    _did_you_mean(self.model, node.name, variables=True),
                )
            return Shape("any"), ""
        self.used.add(node.name)
        return found, node.name

    def filter(self, node: nodes.Filter, scope: Scope) -> tuple[Shape, str]:
        lenient = node.name in _DEFAULT_FILTERS
        self.lenient += lenient
        try:
            piped = self.expr(node.node, scope) if node.node is not None else (Shape("any"), "")
        finally:
            self.lenient -= lenient
        self.arguments(node, scope)
        if node.name not in self.filters:
            close = _close(node.name, list(self.filters))
            self.report(
                "L005",
                node.lineno,
                message("there is no filter {name}", name=repr(node.name)),
                message("did you mean {close}? see the guide's list of filters", close=repr(close))
                if close else message("see the guide's list of filters"),
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
                message("the attribute {name} starts with '_': templates may not reach Python "
                        "internals", name=repr(name)),
                message("use only the fields listed in the guide"),
            )
            return Shape("any"), ""
        found = base.attribute(name)
        full = f"{path}.{name}" if path else ""
        if found is None:
            if not self._may_be_missing(node):
                self.report(
                    "L003",
                    node.lineno,
                    message("{what} has no attribute {name}",
                            what=repr(path) if path else message("this value"), name=repr(name)),
                    _did_you_mean(base, name, variables=False),
                )
            return Shape("any"), ""
        if full:
            self.used.add(full)
        return found, full


def _close(name: str, names: Sequence[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return close[0] if close else None


def _did_you_mean(shape: Shape, name: str, *, variables: bool) -> Message:
    hint = shape.suggest(name)
    if hint:
        return message("did you mean {name}? check the spelling against the guide's field list",
                       name=repr(hint))
    names = shape.names()
    if not names:
        return message("it is {kind}, which has no attributes; check the guide's field list",
                       kind=_kind_words(shape))
    shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
    if variables:
        return message("the variables are {doc} and {names}", doc=repr(DOC_VARIABLE), names=shown)
    return message("its attributes are {names}", names=shown)


def _kind_words(shape: Shape) -> Message:
    if shape.kind in ("model", "union"):
        return message("one record")
    if shape.kind == "scalar" and shape.type is str:
        return message("a text")
    if shape.kind == "scalar":
        return message("a single value ({type})", type=getattr(shape.type, "__name__", "value"))
    return message("a single value")
