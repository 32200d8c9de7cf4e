"""The template linter: every problem of a .docx template at once, each where the author sees it.

It reads the body, headers and footers, collects every tag in reading order, and checks them
against Jinja's grammar, docxtpl's paragraph/row tags and the model the form is filled from::

    >>> import chibo_docs.lint as lint
    >>> sorted(lint.RULES)[:3]
    ['L001', 'L002', 'L003']

Each problem is a :class:`~chibo_docs.findings.Finding` whose ``where`` names the part and the
paragraph (or table, row and cell), and whose message quotes the tag and a hint in plain words.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from pydantic import BaseModel

from chibo_docs.errors import TemplateError
from chibo_docs.filters import FILTERS
from chibo_docs.findings import Finding, Severity
from chibo_docs.model_shape import Shape, field_paths
from chibo_docs.rendering import DOC_VARIABLE
from chibo_docs.template_source import SourceParagraph, iter_paragraphs, read_package, snippet

__all__ = ["RULES", "lint_paragraphs", "lint_template"]

RULES: Mapping[str, tuple[Severity, str]] = {
    "L001": ("error", "Jinja syntax error"),
    "L002": ("error", "unknown variable"),
    "L003": ("error", "unknown attribute of a model"),
    "L004": ("error", "loop over something that is not a list"),
    "L005": ("error", "unknown filter"),
    "L006": ("error", "reach for Python internals (refused by the sandbox)"),
    "L007": ("error", "a {%p %} tag shares its paragraph with other text"),
    "L008": ("error", "two row tags ({%tr %}) in one table row"),
    "L009": ("error", "a {%tr %} or {%tc %} tag outside a table"),
    "L010": ("error", "a tag left open in its paragraph (broken across paragraphs)"),
    "L011": ("info", "a field of the model the template never uses"),
}
"""Lint rules: id → (severity, what it means). The guide explains each one."""

_OPEN = re.compile(r"\{\{|\{%|\{#")
_PREFIX = re.compile(r"^(\{[{%])(p|tr|tc|r|ch)(?=\s)")
_ROW = re.compile(r"table (\d+), row (\d+)")
# Jinja globals a template may use; the sandbox allows them.
_GLOBALS = frozenset({"range", "loop", "dict", "lipsum", "cycler", "joiner", "namespace"})
_SAME_LIST_FILTERS = frozenset(
    {"sort", "reverse", "unique", "select", "reject", "selectattr", "rejectattr", "list", "batch"}
)
_ITEM_FILTERS = frozenset({"first", "last", "random", "min", "max"})


@dataclass(frozen=True)
class _Tag:
    paragraph: SourceParagraph
    text: str


@dataclass
class _Walker:
    """Walks the Jinja syntax tree of the tags, tracking what each name is."""

    model: Shape | None
    lines: Sequence[_Tag]
    filters: Mapping[str, Any]
    findings: list[Finding] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    offset: int = 0
    """Index of the first tag of the source being walked (tag-by-tag after a syntax error)."""
    loose_names: set[str] = field(default_factory=set)
    """Loop variables accepted without a shape when the tags could not be parsed as a whole."""

    def report(self, rule: str, lineno: int, message: str) -> None:
        tag = self.lines[self.offset + max(lineno, 1) - 1]
        severity = RULES[rule][0]
        self.findings.append(_finding(rule, severity, tag.paragraph, f"{tag.text}: {message}"))

    # -- statements -------------------------------------------------------------------
    def statements(self, body: Iterable[nodes.Node], scope: dict[str, tuple[Shape, str]]) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: dict[str, tuple[Shape, str]]) -> None:
        if isinstance(node, nodes.For):
            shape, path = self.expr(node.iter, scope)
            if shape.kind not in ("list", "any", "mapping"):
                self.report(
                    "L004",
                    node.lineno,
                    f"{path or 'this value'} is not a list, so it cannot be looped over",
                )
            inner = dict(scope)
            item = (shape.item, f"{path}[]" if path else "")
            self.bind(node.target, item, inner)
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

    def bind(
        self, target: nodes.Node, value: tuple[Shape, str], scope: dict[str, tuple[Shape, str]]
    ) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, (Shape("any"), ""), scope)

    # -- expressions ------------------------------------------------------------------
    def expr(self, node: nodes.Node, scope: dict[str, tuple[Shape, str]]) -> tuple[Shape, str]:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in _GLOBALS or node.name in self.loose_names:
                return Shape("any"), ""
            if self.model is None:
                return Shape("any"), ""
            if node.name == DOC_VARIABLE:
                return self.model, DOC_VARIABLE
            found = self.model.attribute(node.name)
            if found is None:
                hint = self.model.suggest(node.name)
                extra = f"; did you mean {hint!r}?" if hint else ""
                self.report(
                    "L002", node.lineno, f"the data has no variable {node.name!r}{extra}"
                )
                return Shape("any"), ""
            self.used.add(node.name)
            return found, node.name
        if isinstance(node, nodes.Getattr):
            return self.attribute(node, node.node, node.attr, scope)
        if isinstance(node, nodes.Getitem):
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.attribute(node, node.node, node.arg.value, scope)
            base, path = self.expr(node.node, scope)
            self.expr(node.arg, scope)
            if base.kind == "list":
                return base.item, f"{path}[]" if path else ""
            return Shape("any"), ""
        if isinstance(node, nodes.Filter):
            piped = self.expr(node.node, scope) if node.node is not None else (Shape("any"), "")
            self.arguments(node, scope)
            if node.name not in self.filters:
                self.report(
                    "L005",
                    node.lineno,
                    f"there is no filter {node.name!r}; see the guide's list of filters",
                )
                return Shape("any"), ""
            if node.name in _SAME_LIST_FILTERS:
                return piped
            if node.name in _ITEM_FILTERS and piped[0].kind == "list":
                return piped[0].item, piped[1] + "[]" if piped[1] else ""
            return Shape("any"), ""
        if isinstance(node, nodes.Call):
            self.expr(node.node, scope)
            self.arguments(node, scope)
            return Shape("any"), ""
        for child in node.iter_child_nodes():
            self.expr(child, scope)
        return Shape("any"), ""

    def arguments(self, node: nodes.Filter | nodes.Call, scope: dict[str, tuple[Shape, str]]) -> None:
        for arg in node.args:
            self.expr(arg, scope)
        for kwarg in node.kwargs:
            self.expr(kwarg.value, scope)

    def attribute(
        self, node: nodes.Node, base_node: nodes.Node, name: str, scope: dict[str, tuple[Shape, str]]
    ) -> tuple[Shape, str]:
        base, path = self.expr(base_node, scope)
        if name.startswith("_"):
            self.report(
                "L006",
                node.lineno,
                f"attribute {name!r} is private; templates may not reach Python internals",
            )
            return Shape("any"), ""
        found = base.attribute(name)
        full = f"{path}.{name}" if path else ""
        if found is None:
            hint = base.suggest(name)
            extra = f"; did you mean {hint!r}?" if hint else ""
            what = f"{path!r}" if path else "this value"
            self.report("L003", node.lineno, f"{what} has no attribute {name!r}{extra}")
            return Shape("any"), ""
        if full:
            self.used.add(full)
        return found, full


def _finding(rule: str, severity: Severity, paragraph: SourceParagraph, message: str) -> Finding:
    return Finding(
        rule,
        severity,
        message,
        where=f"{paragraph.part.label}, {paragraph.location}",
        found=paragraph.snippet or None,
        source=RULES[rule][1],
    )


def _structure(paragraphs: Sequence[SourceParagraph]) -> list[Finding]:
    """Check docxtpl's paragraph and row tags and tags left open."""
    findings: list[Finding] = []
    rows: dict[tuple[str, str], int] = {}
    for p in paragraphs:
        leftover = p.text
        for tag in p.tags:
            leftover = leftover.replace(tag, "", 1)
        if _OPEN.search(leftover):
            findings.append(
                _finding(
                    "L010",
                    "error",
                    p,
                    "a tag starts here but does not end in this paragraph; keep each tag, "
                    "from '{' to '}', inside one paragraph",
                )
            )
        for tag in p.tags:
            kind = _PREFIX.match(tag)
            letter = kind.group(2) if kind else ""
            if letter == "p" and tag.startswith("{%") and leftover.strip():
                findings.append(
                    _finding(
                        "L007",
                        "error",
                        p,
                        f"{tag}: a {{%p %}} tag replaces its whole paragraph, so the other text "
                        f"here ({snippet(leftover.strip(), 30)!r}) would be lost; put the tag "
                        "in a paragraph of its own",
                    )
                )
            if letter in ("tr", "tc"):
                rows_in = _ROW.findall(p.location)
                if not rows_in:
                    findings.append(
                        _finding(
                            "L009",
                            "error",
                            p,
                            f"{tag}: {{%{letter} %}} tags work only inside a table "
                            f"{'row' if letter == 'tr' else 'cell'}; use {{%p %}} outside tables",
                        )
                    )
                elif letter == "tr":
                    key = (p.part.name, "/".join(rows_in[-1]))
                    rows[key] = rows.get(key, 0) + 1
                    if rows[key] == 2:
                        findings.append(
                            _finding(
                                "L008",
                                "error",
                                p,
                                f"{tag}: this table row already holds a {{%tr %}} tag; a row "
                                "tag replaces its whole row, so put each in a row of its own",
                            )
                        )
    return findings


_BLOCKS = frozenset({"for", "if", "with", "macro", "call", "filter", "block", "raw", "set"})
_LOOP_TARGET = re.compile(r"\{%\w*\s+for\s+(\w+)")
_STATEMENT = re.compile(r"^\{%[-+]?\s*(?:p|tr|tc|r)?\s*(\w+)")


def _innermost_open_block(tags: Sequence[_Tag]) -> _Tag | None:
    """Return the tag that opens the innermost block never closed, if any."""
    stack: list[_Tag] = []
    for tag in tags:
        match = _STATEMENT.match(tag.text)
        if not match:
            continue
        word = match.group(1)
        if word in _BLOCKS and not (word == "set" and "=" in tag.text):
            stack.append(tag)
        elif word.startswith("end") and stack:
            stack.pop()
    return stack[-1] if stack else None


def _syntax_finding(exc: jinja2.TemplateSyntaxError, tags: Sequence[_Tag]) -> Finding:
    if not tags:
        return Finding("L001", "error", str(exc.message), source=RULES["L001"][1])
    tag = tags[min(max(exc.lineno, 1), len(tags)) - 1]
    message = exc.message or "syntax error"
    if "Unexpected end of template" in message:
        opener = _innermost_open_block(tags)
        if opener is not None:
            return _finding(
                "L001",
                "error",
                opener.paragraph,
                f"{opener.text}: this block is never closed; add its end tag "
                f"(e.g. {{% end{_STATEMENT.match(opener.text).group(1)} %}})",  # type: ignore[union-attr]
            )
    return _finding("L001", "error", tag.paragraph, f"{tag.text}: {message}")


def _jinja_source(tags: Sequence[_Tag]) -> str:
    """One tag a line, docxtpl's prefixes removed, so a line number names its tag."""
    lines = []
    for tag in tags:
        text = _PREFIX.sub(r"\1", tag.text)
        lines.append(text.replace("\n", " "))
    return "\n".join(lines)


def lint_paragraphs(
    paragraphs: Iterable[SourceParagraph],
    model: type[BaseModel] | None = None,
    *,
    filters: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """Lint already-read template paragraphs against ``model`` (``None``: names unchecked)."""
    paragraphs = list(paragraphs)
    findings = _structure(paragraphs)
    tags = [_Tag(p, t) for p in paragraphs for t in p.tags if not t.startswith("{#")]
    env = SandboxedEnvironment(autoescape=True)
    known_filters = {**env.filters, **(filters if filters is not None else FILTERS)}
    shape = Shape.of(model) if model is not None else None
    walker = _Walker(shape, tags, known_filters)
    try:
        trees = [env.parse(_jinja_source(tags))]
        offsets = [0]
    except jinja2.TemplateSyntaxError as exc:
        findings.append(_syntax_finding(exc, tags))
        # Go on tag by tag so that the other problems are still reported in this run.
        trees, offsets = [], []
        loop_names = {m for t in tags for m in _LOOP_TARGET.findall(t.text)}
        for index, tag in enumerate(tags):
            if not tag.text.startswith("{{"):
                continue
            try:
                trees.append(env.parse(_jinja_source([tag])))
                offsets.append(index)
            except jinja2.TemplateSyntaxError as tag_exc:
                findings.append(_syntax_finding(tag_exc, [tag]))
        walker.loose_names = loop_names
    for tree, offset in zip(trees, offsets, strict=True):
        walker.offset = offset
        walker.statements(tree.body, {})
    findings.extend(walker.findings)
    if model is not None and not walker.loose_names:
        for path in field_paths(model, depth=2):
            bare = path.replace("[]", "")
            if not any(u == bare or u.startswith(bare + ".") or u.startswith(bare + "[")
                       for u in (_strip_doc(x).replace("[]", "") for x in walker.used)):
                findings.append(
                    Finding("L011", "info", f"field {path!r} is not used by this template",
                            source=RULES["L011"][1])
                )
    return findings


def _strip_doc(path: str) -> str:
    prefix = DOC_VARIABLE + "."
    return path[len(prefix):] if path.startswith(prefix) else path


def lint_template(
    template: str | os.PathLike[str] | bytes,
    model: type[BaseModel] | None = None,
    *,
    filters: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """Lint a .docx template: every problem at once, errors first in reading order."""
    name = "<bytes>" if isinstance(template, bytes) else os.fspath(template)
    try:
        package = read_package(template)
        paragraphs = list(iter_paragraphs(package))
    except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise TemplateError(
            f"cannot read the template as a .docx file ({exc})", template=name
        ) from exc
    findings = lint_paragraphs(paragraphs, model, filters=filters)
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: order[f.severity])
