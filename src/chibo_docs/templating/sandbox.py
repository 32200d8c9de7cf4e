"""The Jinja sandbox templates run in: Jinja's immutable sandbox, plus limits on what tags build.

Jinja's sandbox keeps a template away from Python internals, but ``{{ 'A' * 1500000000 }}``
still takes gigabytes and two nested loops over ``range(100000)`` still run for hours. Here
each way a tag can build something large is checked *before* it runs, against
:data:`chibo_docs.limits.LIMITS`:

* the operators ``*``, ``**``, ``+``, ``%`` (intercepted by the sandbox) and ``~``;
* string methods that pad, repeat or join (``center``, ``ljust``, ``zfill``, ``replace``,
  ``join``, ``format``…), and Jinja's filters that do (``center``, ``indent``, ``wordwrap``,
  ``replace``, ``join``, ``format``, ``batch``, ``tojson``…);
* printing a value, and the text of captured blocks and macros;
* the work of a render: a budget of steps, charged by every loop iteration (the Python code
  Jinja generates is rewritten so that each ``for`` counts), every call, filter, operator and
  ``in``, and by the length of the texts and lists they handle;
* the depth of calls (a macro calling itself).

A refusal raises :class:`~chibo_docs.templating.error_location.LimitExceeded` inside the template, which
the renderer turns into a :class:`~chibo_docs.errors.TemplateLimitError` naming the part,
paragraph and tag.

>>> env = LimitedSandbox()
>>> env.from_string("{{ 'ab' * 3 }}").render()
'ababab'
>>> env.from_string("{{ 'A' * 1500000000 }}").render()
Traceback (most recent call last):
...
chibo_docs.templating.error_location.LimitExceeded: string_length: 1500000000 > 1000000
"""

from __future__ import annotations

import ast
import contextlib
import functools
import inspect
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import filters as jinja_filters
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from markupsafe import Markup
from pydantic import BaseModel

from chibo_docs.limits import LIMITS, Limits
from chibo_docs.templating.error_location import LimitExceeded

__all__ = ["LimitedSandbox", "budget", "charge", "check_printed", "compile_template", "text_size"]

_TEXT = (str, bytes, bytearray)
_LISTS = (list, tuple, set, frozenset, dict)
_CALL_STEPS = 20  # a macro call costs Jinja about as much as 20 loop iterations (measured)
_PYDANTIC_ATTRIBUTES = frozenset(dir(BaseModel))


@dataclass
class _Budget:
    """The work done so far in one render."""

    limits: Limits
    steps: int = 0
    depth: int = 0

    def charge(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > self.limits.steps:
            raise LimitExceeded("steps", None, self.limits.steps)


_BUDGET: ContextVar[_Budget | None] = ContextVar("chibo_docs_render_budget", default=None)


@contextlib.contextmanager
def budget(limits: Limits = LIMITS) -> Iterator[None]:
    """Give the renders inside the ``with`` block one budget of work, against ``limits``."""
    token = _BUDGET.set(_Budget(limits))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _current() -> _Budget:
    found = _BUDGET.get()
    return found if found is not None else _Budget(LIMITS)  # outside a render: compile time


def charge(steps: int) -> None:
    """Charge ``steps`` of work to the render running now (a rich value being printed)."""
    _current().charge(steps)


# -- sizes, estimated without building anything ------------------------------------------------
def _digits(number: int) -> int:
    return number.bit_length() * 30103 // 100000 + 1


def _children(value: object) -> Iterable[object] | None:
    if isinstance(value, Mapping):
        return (x for pair in value.items() for x in pair)
    if isinstance(value, Namespace):
        attrs: dict[str, object] = object.__getattribute__(value, "_Namespace__attrs")
        return (x for pair in attrs.items() for x in pair)
    if isinstance(value, (list, tuple, set, frozenset)):
        return value
    return None


def text_size(value: object, limit: int | None = None, _depth: int = 0) -> int:
    """Estimate ``len(str(value))`` without building the text; stop counting past ``limit``.

    Lists, tuples, sets, dicts and namespaces are walked (a list of a thousand references to
    a long text is long once printed); other objects (data models, dates) count as empty:
    their text comes from the data, not from the template.

    >>> text_size(["abc", ("de", 12)]), len(str(["abc", ("de", 12)]))
    (20, 19)
    """
    limits = _current().limits
    limit = limits.string_length if limit is None else limit
    if isinstance(value, _TEXT):
        return len(value)
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return _digits(value) + 1
    if isinstance(value, float | complex):
        return 24
    children = _children(value)
    if children is None:
        return 0
    if _depth >= limits.nesting:
        raise LimitExceeded("nesting", None, limits.nesting)
    total = 2
    for child in children:
        total += 2 + text_size(child, limit - total, _depth + 1)
        if total > limit:
            break
    return total


def _length(value: object) -> int | None:
    return len(value) if isinstance(value, (*_TEXT, *_LISTS, range)) else None


def _text(size: int, limit: int | None = None) -> None:
    maximum = _current().limits.string_length if limit is None else limit
    if size > maximum:
        raise LimitExceeded("string_length", size, maximum)


def _items(count: int) -> None:
    maximum = _current().limits.list_length
    if count > maximum:
        raise LimitExceeded("list_length", count, maximum)


def _number(digits: int) -> None:
    maximum = _current().limits.int_digits
    if digits > maximum:
        raise LimitExceeded("int_digits", digits, maximum)


def _check_result(value: object) -> object:
    """Refuse a result over a limit and charge its size to the budget; return it."""
    if isinstance(value, _TEXT):
        _text(len(value), _current().limits.part_output if isinstance(value, Markup) else None)
        _current().charge(len(value) // 1000)
    elif isinstance(value, _LISTS):
        _items(len(value))
        _current().charge(len(value) // 1000)
    elif isinstance(value, int) and not isinstance(value, bool):
        _number(_digits(value))
    return value


def _materialize(values: Iterable[Any]) -> list[Any]:
    """Turn an iterable into a list, refusing it past the list limit before it is all read."""
    if isinstance(values, list):
        _items(len(values))
        return values
    maximum = _current().limits.list_length
    out: list[Any] = []
    for item in values:
        out.append(item)
        if len(out) > maximum:
            raise LimitExceeded("list_length", None, maximum)
    return out


# -- formatting: '%s' % x, '{}'.format(x), the format filter -------------------------------------
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_SPEC = re.compile(r"\{[^{}]*?:([^{}]*)\}")
_NESTED = re.compile(r"\{[^{}]*\{")


def _numbers(text: str) -> int:
    return sum(int(d) if len(d) < 12 else 10**12 for d in re.findall(r"\d+", text))


def _ints(values: Iterable[object]) -> int:
    return sum(abs(v) for v in values if isinstance(v, int) and not isinstance(v, bool))


def _format_size(
    template: object, args: tuple[Any, ...], kwargs: Mapping[str, Any], brace: bool
) -> int:
    """Bound the length of ``template % args`` (``brace``: ``template.format(*args, **kwargs)``)."""
    fmt = template.decode("latin-1") if isinstance(template, (bytes, bytearray)) else str(template)
    values = [*args, *kwargs.values()]
    if len(values) == 1 and isinstance(values[0], Mapping | tuple) and not brace:
        values = list(values[0].values() if isinstance(values[0], Mapping) else values[0])
    size = len(fmt) + _sizes(values)
    if brace:
        size += sum(_numbers(spec) for spec in _SPEC.findall(fmt))
        if _NESTED.search(fmt):
            size += _ints(values)
    else:
        for width, precision in _PRINTF.findall(fmt):
            size += sum(_numbers(n) for n in (width, precision))
            if "*" in (width, precision):
                size += _ints(values)
    return size


# -- operators ---------------------------------------------------------------------------------
def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (*_TEXT, list, tuple)) and isinstance(times, int):
                size = len(seq) * max(times, 0)
                _text(size) if isinstance(seq, _TEXT) else _items(size)
                return
        if _is_int(left) and _is_int(right):
            _number(_digits(left) + _digits(right))
    elif operator == "**":
        if _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
            _number(math.ceil(right * math.log10(abs(left))))
    elif operator == "+":
        if isinstance(left, _TEXT) and isinstance(right, _TEXT):
            _text(len(left) + len(right))
        elif isinstance(left, list | tuple) and isinstance(right, list | tuple):
            _items(len(left) + len(right))
    elif operator == "%" and isinstance(left, _TEXT):
        args = right if isinstance(right, tuple) else (right,)
        _text(_format_size(left, args, {}, brace=False))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- methods of texts (and int.to_bytes) -------------------------------------------------------
_TEXT_METHODS = frozenset(
    {"center", "ljust", "rjust", "zfill", "expandtabs", "replace", "join", "format",
     "format_map", "translate", "split", "rsplit"}
)


def _replace_size(text: Any, old: Any, new: Any, count: Any) -> int:
    if not (isinstance(old, _TEXT) and isinstance(new, _TEXT)):
        return len(text)
    found = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


def _sizes(values: Iterable[Any], limit: int | None = None) -> int:
    """Add up the text sizes of ``values``, stopping once past ``limit``."""
    limit = _current().limits.string_length if limit is None else limit
    total = 0
    for value in values:
        total += text_size(value, limit - total)
        if total > limit:
            break
    return total


def _join_size(separator: Any, items: list[Any]) -> int:
    return _sizes(items) + len(separator) * max(len(items) - 1, 0)


def _guard_method(
    owner: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Check a call of ``owner.name(*args, **kwargs)`` before it runs; return the arguments."""
    if isinstance(owner, int) and name == "to_bytes":
        length = args[0] if args else kwargs.get("length", 1)
        if isinstance(length, int):
            _text(length)
        return args
    if not isinstance(owner, _TEXT) or name not in _TEXT_METHODS:
        return args
    first = args[0] if args else None
    if name in ("center", "ljust", "rjust", "zfill"):
        width = first if first is not None else kwargs.get("width", 0)
        if isinstance(width, int):
            _text(max(len(owner), width))
    elif name == "expandtabs":
        size = first if first is not None else kwargs.get("tabsize", 8)
        tab = "\t" if isinstance(owner, str) else b"\t"
        if isinstance(size, int):
            _text(len(owner) + owner.count(tab) * max(size, 0))  # type: ignore[arg-type]
    elif name == "replace" and len(args) >= 2:
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        _text(_replace_size(owner, args[0], args[1], count))
    elif name == "join" and first is not None:
        items = _materialize(first)
        _text(_join_size(owner, items))
        return (items,)
    elif name in ("format", "format_map"):
        values = kwargs if name == "format" else (first if isinstance(first, Mapping) else {})
        _text(_format_size(owner, args if name == "format" else (), values, brace=True))
    elif name == "translate" and isinstance(first, Mapping):
        longest = max((len(v) for v in first.values() if isinstance(v, _TEXT)), default=1)
        _text(len(owner) * max(longest, 1))
    elif name in ("split", "rsplit"):
        separator = first if first is not None else kwargs.get("sep")
        if isinstance(separator, type(owner)) and separator:
            _items(owner.count(separator) + 1)  # type: ignore[arg-type]
    return args


# -- Jinja's filters ---------------------------------------------------------------------------
Arguments = dict[str, Any]


def _center(a: Arguments, env: jinja2.Environment) -> None:
    if isinstance(a["width"], int):
        _text(max(text_size(a["value"]), a["width"]))


def _indent(a: Arguments, env: jinja2.Environment) -> None:
    text, width = a["s"], a["width"]
    step = width if isinstance(width, int) else len(str(width))
    lines = text.count("\n") + 2 if isinstance(text, str) else 2
    _text(text_size(text) + lines * max(step, 0))


def _wordwrap(a: Arguments, env: jinja2.Environment) -> None:
    width = a["width"] if isinstance(a["width"], int) else 79
    wrap = len(a["wrapstring"]) if isinstance(a["wrapstring"], str) else 1
    size = text_size(a["s"])
    _text(size + (2 * size // max(width, 1) + 2) * wrap)


def _replace(a: Arguments, env: jinja2.Environment) -> None:
    if isinstance(a["s"], str):
        _text(_replace_size(a["s"], a["old"], a["new"], a["count"]))


def _attributes(items: list[Any], a: Arguments, env: jinja2.Environment) -> list[Any]:
    """Apply a filter's ``attribute=`` to the items up front, so that sizes can be checked."""
    if a["attribute"] is None:
        return items
    getter = jinja_filters.make_attrgetter(env, a["attribute"])
    a["attribute"] = None
    return [getter(item) for item in items]


def _join(a: Arguments, env: jinja2.Environment) -> None:
    a["value"] = _attributes(_materialize(a["value"]), a, env)
    _text(_join_size(str(a["d"]), a["value"]))


def _format(a: Arguments, env: jinja2.Environment) -> None:
    _text(_format_size(a["value"], tuple(a["args"]), a["kwargs"], brace=False))


def _sum(a: Arguments, env: jinja2.Environment) -> None:
    if isinstance(a["start"], list | tuple):
        a["iterable"] = _attributes(_materialize(a["iterable"]), a, env)
        _items(len(a["start"]) + sum(_length(i) or 0 for i in a["iterable"]))


def _batch(a: Arguments, env: jinja2.Environment) -> None:
    if isinstance(a["linecount"], int):
        _items(a["linecount"])


def _slice(a: Arguments, env: jinja2.Environment) -> None:
    if isinstance(a["slices"], int):
        _items(a["slices"])


def _tojson(a: Arguments, env: jinja2.Environment) -> None:
    size = text_size(a["value"])
    indent = a["indent"] if isinstance(a["indent"], int) else 0
    _text(size * 6 + (size // 2 + 1) * max(indent, 0))


def _urlize(a: Arguments, env: jinja2.Environment) -> None:
    size = text_size(a["value"])
    extra = sum(len(str(a[k])) for k in ("target", "rel") if a[k]) + 40
    _text(size * 3 + (size // 4 + 1) * extra)


_FILTER_CHECKS: dict[str, Callable[[Arguments, jinja2.Environment], None]] = {
    "center": _center,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "replace": _replace,
    "join": _join,
    "format": _format,
    "sum": _sum,
    "batch": _batch,
    "slice": _slice,
    "tojson": _tojson,
    "urlize": _urlize,
}
"""Jinja filters whose output can be much longer than their input: checked argument by argument."""

_STRINGIFYING = {
    "string": 1, "safe": 1, "escape": 1, "e": 1, "forceescape": 1, "upper": 1, "lower": 1,
    "title": 1, "capitalize": 1, "trim": 1, "striptags": 1, "wordcount": 1, "urlencode": 1,
    "reverse": 1, "truncate": 1, "int": 1, "float": 1, "list": 1, "xmlattr": 6, "pprint": 2,
}
"""Jinja filters that turn their value into text first: value's text size × this factor."""


def guard_filter(
    name: str, function: Callable[..., Any], env: jinja2.Environment
) -> Callable[..., Any]:
    """Wrap a filter so that it is checked before it runs and its result after.

    Jinja's own filters get a check of their arguments (the width of ``center``, what
    ``join`` joins…); every filter is charged to the budget and its result held to the size
    limits.
    """
    builtin = jinja_filters.FILTERS.get(name) is function
    check = _FILTER_CHECKS.get(name) if builtin else None
    factor = _STRINGIFYING.get(name) if builtin else None
    signature = inspect.signature(function) if check is not None else None
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0
    # Jinja's async-aware filters take an eval context their sync version does not declare
    extra = skip if getattr(inspect.unwrap(function), "jinja_pass_arg", None) is None else 0

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        spent = _current()
        value = args[skip] if len(args) > skip else None
        size = _length(value)
        spent.charge(1 + (size or 0) // 1000)
        if signature is not None and check is not None:
            bound = signature.bind(*args[extra:], **kwargs)
            bound.apply_defaults()
            check(bound.arguments, env)
            args, kwargs = (*args[:extra], *bound.args), bound.kwargs
        elif factor is not None:
            _text(text_size(value) * factor)
        return _check_result(function(*args, **kwargs))

    return guarded


def _lipsum(function: Callable[..., str]) -> Callable[..., str]:
    signature = inspect.signature(function)

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> str:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        count, longest = bound.arguments["n"], bound.arguments["max"]
        if isinstance(count, int) and isinstance(longest, int):
            _text(max(count, 0) * max(longest, 0) * 12)  # a word and its space: under 12
        return function(*args, **kwargs)

    return guarded


# -- rewriting the Python code Jinja generates ----------------------------------------------------
class _Buffer(list[str]):
    """The output collected by a captured block or a macro; refused past ``maximum``."""

    def __init__(self, maximum: int) -> None:
        super().__init__()
        self.size = 0
        self.maximum = maximum

    def append(self, piece: str) -> None:
        self._grow(len(piece))
        super().append(piece)

    def extend(self, pieces: Iterable[str]) -> None:
        pieces = tuple(pieces)
        self._grow(sum(map(len, pieces)))
        super().extend(pieces)

    def _grow(self, size: int) -> None:
        self.size += size
        if self.size > self.maximum:
            raise LimitExceeded("string_length", None, self.maximum)


def _at(node: ast.AST, like: ast.AST) -> Any:
    """Give ``node`` (and the new nodes inside it) the source position of ``like``."""
    for new in ast.walk(node):
        if "lineno" in new._attributes and not hasattr(new, "lineno"):
            ast.copy_location(new, like)
    return node


def _env_call(name: str, args: list[ast.expr], like: ast.AST) -> Any:
    """``environment.<name>(*args)`` positioned where ``like`` is."""
    function = ast.Attribute(ast.Name("environment", ast.Load()), name, ast.Load())
    return _at(ast.Call(function, args, []), like)


_JOINS = {"markup_join": "chibo_markup_join", "str_join": "chibo_str_join"}


def _instrument(module: ast.Module) -> None:
    """Rewrite the code Jinja generated, in place.

    Every ``for`` (and comprehension) iterates through ``environment.chibo_iterate``, which
    charges each item to the budget; the right side of ``in`` goes through
    ``environment.chibo_measure``, which charges its length; the lists captured blocks and
    macros collect their output in (``t_1 = []``) become size-checked buffers; ``~``
    (``markup_join``/``str_join``) is checked before it joins.
    """
    for node in ast.walk(module):
        if isinstance(node, ast.For | ast.comprehension):
            node.iter = _env_call("chibo_iterate", [node.iter], node.iter)
        elif isinstance(node, ast.Compare):
            node.comparators = [
                _env_call("chibo_measure", [right], right)
                if isinstance(op, ast.In | ast.NotIn) else right
                for op, right in zip(node.ops, node.comparators, strict=True)
            ]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in _JOINS:
                node.func = _at(ast.Attribute(ast.Name("environment", ast.Load()),
                                              _JOINS[node.func.id], ast.Load()), node.func)
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id.startswith("t_")  # Jinja's temporaries, not template names
            and isinstance(node.value, ast.List)
            and not node.value.elts
        ):
            node.value = _env_call("chibo_buffer", [], node.value)


def compile_template(
    env: jinja2.Environment, tree: jinja2.nodes.Template, name: str, filename: str
) -> jinja2.Template:
    """Compile a parsed template with every loop counted against the render's budget.

    Raises:
        jinja2.TemplateSyntaxError: Jinja cannot compile the template.
        RecursionError, SyntaxError: the template nests too deeply for Python.
    """
    module = ast.parse(env.compile(tree, name=name, filename=filename, raw=True), filename)
    _instrument(module)
    code = compile(module, filename, "exec")
    return env.template_class.from_code(env, code, env.make_globals(None), None)


# -- the environment ---------------------------------------------------------------------------
class LimitedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the size, work and depth limits of this module.

    Templates must be compiled with :func:`compile_template` for their loops to count;
    :meth:`guard_filters` must be called after filters are added.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Create the environment (same arguments as Jinja's); Jinja's filters are guarded."""
        super().__init__(*args, **kwargs)
        self.globals["lipsum"] = _lipsum(self.globals["lipsum"])  # type: ignore[arg-type]
        self.guard_filters()

    def guard_filters(self) -> None:
        """Wrap every filter not wrapped yet (see :func:`guard_filter`)."""
        for name, function in list(self.filters.items()):
            if not getattr(function, "chibo_guarded", False):
                guarded = guard_filter(name, function, self)
                guarded.chibo_guarded = True  # type: ignore[attr-defined]
                self.filters[name] = guarded

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Refuse pydantic's own methods too (``model_dump_json(indent=…)``, ``copy``…)."""
        if attr in _PYDANTIC_ATTRIBUTES and isinstance(obj, BaseModel):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Apply an intercepted operator after checking the size of what it would build."""
        _current().charge(1)
        _check_binop(operator, left, right)
        return _check_result(self.binop_table[operator](left, right))

    def call(
        self, context: Context, obj: Any, /, *args: Any, **kwargs: Any
    ) -> Any:
        """Call ``obj`` from a template: counted, depth-limited, size-checked."""
        spent = _current()
        spent.charge(_CALL_STEPS)
        target = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
        owner = getattr(target, "__self__", None)
        if owner is not None:
            args = _guard_method(owner, getattr(target, "__name__", ""), args, kwargs)
            spent.charge((_length(owner) or 0) // 1000)  # s.count(…), s.find(…) read all of s
        spent.depth += 1
        try:
            if spent.depth > spent.limits.call_depth:
                raise LimitExceeded("call_depth", spent.depth, spent.limits.call_depth)
            result = super().call(context, obj, *args, **kwargs)
        finally:
            spent.depth -= 1
        return _check_result(result)

    def concat(self, pieces: Iterable[str]) -> str:
        """Join the pieces of a captured block or macro, refusing them past a part's size."""
        maximum = _current().limits.part_output
        if isinstance(pieces, list):
            _text(sum(map(len, pieces)), maximum)
            return "".join(pieces)
        out: list[str] = []
        size = 0
        for piece in pieces:
            size += len(piece)
            if size > maximum:
                raise LimitExceeded("string_length", None, maximum)
            out.append(piece)
        return "".join(out)

    def chibo_buffer(self) -> _Buffer:
        """Return the list a captured block or macro collects its output in, size-checked."""
        return _Buffer(_current().limits.part_output)

    def chibo_iterate(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """Yield the items of a template loop, charging one step each."""
        spent = _current()
        for item in iterable:
            spent.charge(1)
            yield item

    def chibo_measure(self, container: Any) -> Any:
        """Charge what ``in`` searches for its length; return it."""
        _current().charge(1 + (_length(container) or 0) // 1000)
        return container

    def chibo_markup_join(self, values: Iterable[Any]) -> str:
        """Jinja's ``~`` in autoescape mode, after checking the length of the result."""
        values = tuple(values)
        markup = any(hasattr(v, "__html__") for v in values)
        maximum = _current().limits.part_output if markup else None
        _text(_sizes(values, maximum), maximum)
        return markup_join(values)

    def chibo_str_join(self, values: Iterable[Any]) -> str:
        """Jinja's ``~`` without autoescape, after checking the length of the result."""
        values = tuple(values)
        _text(_sizes(values))
        return str_join(values)


def check_printed(value: Any) -> None:
    """Refuse to print a value whose text would pass the size limit (before it is built)."""
    spent = _current()
    if isinstance(value, Markup):
        _text(len(value), spent.limits.part_output)
        spent.charge(1 + len(value) // 1000)
    else:
        size = text_size(value)
        _text(size)
        spent.charge(1 + size // 1000)
