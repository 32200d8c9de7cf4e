"""The template linter: every problem of a .docx template at once, each where the author sees it.

It reads the body, headers, footers and notes, collects every tag in reading order, and checks
them against Jinja's grammar, docxtpl's paragraph/row tags, the way Word stored them, and the
model the form is filled from; then it runs the layout checker on the template's fixed text::

    >>> import chibo_docs.templating.lint as lint
    >>> sorted(lint.RULES)[:3]
    ['L001', 'L002', 'L003']

Each problem is a :class:`~chibo_docs.problems.Problem`: ``location`` is the paragraph (its
part, the table cells around it, its number), printed in ``where`` the one way render errors
and the layout check print it (``body, table 1, row 2, cell 3, paragraph 1``); ``found`` quotes
the start of the paragraph's text, ``tag`` the tag as written, ``hint`` what to do, ``rule``
the rule id (``L…`` here, ``HD36-…`` for the layout rules of
:mod:`chibo_docs.layout.conformance.checker`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel

from chibo_docs.errors import DataError, TemplateError
from chibo_docs.formatting.filters import FILTERS
from chibo_docs.i18n import N_, Message, _, current_language, message, using
from chibo_docs.layout.conformance.checker import check_document
from chibo_docs.layout.profiles import HD36, LayoutProfile
from chibo_docs.limits import LIMITS
from chibo_docs.ooxml.formatting import DocxPackage
from chibo_docs.ooxml.paragraphs import SourceParagraph, walk_package
from chibo_docs.ooxml.reading import read_package
from chibo_docs.ooxml.tags import (
    DOCXTPL_PREFIX,
    DOCXTPL_STATEMENTS,
    deepest_block,
    straight_quotes,
    tag_nesting,
)
from chibo_docs.problems import Problem, Severity
from chibo_docs.templating.engine import DOC_VARIABLE
from chibo_docs.templating.lint_layout import hazards, structure
from chibo_docs.templating.lint_names import NameWalker, TagRef
from chibo_docs.templating.model_shape import Shape, field_paths

__all__ = ["RULES", "lint_paragraphs", "lint_template"]

RULES: Mapping[str, tuple[Severity, str]] = {
    "L001": ("error", N_("Jinja syntax error")),
    "L002": ("error", N_("unknown variable")),
    "L003": ("error", N_("unknown attribute of a model")),
    "L004": ("error", N_("loop over something that is not a list")),
    "L005": ("error", N_("unknown filter")),
    "L006": ("error", N_("reach for Python internals (refused by the sandbox)")),
    "L007": ("error", N_("a {%p %} tag shares its paragraph with other text")),
    "L008": ("error", N_("two row tags ({%tr %}) in one table row")),
    "L009": ("error", N_("a table tag ({%tr %}, {%tc %}, colspan, cellbg, vm, hm) outside a table")),
    "L010": ("error", N_("a tag left open in its paragraph (broken across paragraphs)")),
    "L011": ("info", N_("a field of the model the template never uses")),
    "L012": ("error", N_("a tag split by a hyperlink, tracked change, content control or field")),
    "L013": ("error", N_("a tag inside text deleted with Track Changes (still run)")),
    "L014": ("error", N_("a {%p %}, {%tr %}, {%tc %} or {%r %} tag holding a brace or '%'")),
    "L015": ("error", N_("a tag that takes in another template ({% include %}, {% extends %}…)")),
    "L016": ("error", N_("a template too large, or nested too deeply, to be rendered")),
    "L017": ("warning", N_("a value that may be empty (None) printed without a guard")),
}
"""Lint rules: id → (severity, what it means, in English: translated when shown). The guide
explains each one."""

_BLOCKS = frozenset({"for", "if", "with", "macro", "call", "filter", "block", "raw"})
_STATEMENT = re.compile(r"^\{%[-+]?\s*(\w+)")
_LOOP_TARGET = re.compile(r"^\{%[-+]?\s*for\s+([\w\s,]+?)\s+in\b")
_DROPPED = re.compile(r"[\t\n\u2011]")  # tabs and breaks inside a tag: docxtpl drops them
_OTHER_TEMPLATES = {
    nodes.Include: "include",
    nodes.Extends: "extends",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
}


def _values(text: Message) -> dict[str, Any]:
    return {k: v for k, v in text.values.items() if not isinstance(v, Message)}


def _finding(
    rule: str,
    paragraph: SourceParagraph | None,
    text: Message,
    hint: Message,
    tag: str | None = None,
) -> Problem:
    english = current_language() == "en"
    return Problem(
        rule,
        RULES[rule][0],
        text.text(),
        found=(paragraph.snippet or None) if paragraph else None,
        source=_(RULES[rule][1]),
        tag=tag,
        hint=hint.text(),
        location=paragraph.location if paragraph else None,
        values=_values(text),
        message_en=None if english else text.text("en"),
        hint_en=None if english else hint.text("en"),
    )


def _clean(tag: str) -> str:
    return _DROPPED.sub("", tag)


# -- Jinja syntax, with recovery so that one run reports every problem -------------------------
_DOCXTPL_WORD = re.compile(r"^\{%[-+]?\s*(\w+)\s*(.*?)\s*[-+]?%\}$", re.DOTALL)


def _jinja_line(tag: str) -> str:
    """Return a tag as the renderer hands it to Jinja: docxtpl's letter gone, Word's curly
    quotes read as delimiters, docxtpl's table statements as the expression they evaluate."""
    line = straight_quotes(DOCXTPL_PREFIX.sub(r"\1", _clean(tag))).replace("\n", " ")
    statement = _DOCXTPL_WORD.match(line)
    if statement and statement.group(1) in DOCXTPL_STATEMENTS:
        argument = statement.group(2)
        if DOCXTPL_STATEMENTS[statement.group(1)] == "expression" and argument:
            return f"{{{{ {argument} }}}}"
        return ""
    return line


def _open_blocks(lines: Sequence[str]) -> list[int]:
    """Return the indices of the block tags never closed, outermost first."""
    stack: list[int] = []
    for i, line in enumerate(lines):
        match = _STATEMENT.match(line)
        if not match:
            continue
        word = match.group(1)
        if word in _BLOCKS:
            stack.append(i)
        elif word.startswith("end") and stack:
            stack.pop()
    return stack


def _matching_end(lines: Sequence[str], start: int) -> int | None:
    depth = 0
    for i in range(start, len(lines)):
        match = _STATEMENT.match(lines[i])
        if not match:
            continue
        word = match.group(1)
        if word in _BLOCKS:
            depth += 1
        elif word.startswith("end"):
            depth -= 1
            if depth == 0:
                return i
    return None


def _parse(
    env: jinja2.Environment, tags: Sequence[TagRef], findings: list[Problem]
) -> tuple[jinja2.nodes.Template | None, set[str]]:
    """Parse the tags, one a line; on a syntax error report it, drop the tag and try again."""
    lines = [_jinja_line(t.text) for t in tags]
    loose: set[str] = set()
    for _attempt in range(len(lines) + 5):
        try:
            return env.parse("\n".join(lines)), loose
        except (ValueError, OverflowError):  # Jinja's lexer chokes on a tag (a huge number)
            for index, line in enumerate(lines):
                try:
                    env.parse(line)
                except (ValueError, OverflowError) as exc:
                    findings.append(
                        _finding("L001", tags[index].paragraph, message("the tag is not valid template syntax: {detail}", detail=str(exc)),
                                 message("write the number with fewer digits"),
                                 tag=tags[index].text)
                    )
                    lines[index] = ""
                except jinja2.TemplateSyntaxError:
                    pass
            continue
        except jinja2.TemplateSyntaxError as exc:
            detail = exc.message or "syntax error"
            if "Unexpected end of template" in detail:
                opener = _open_blocks(lines)[-1:] or [len(tags) - 1]
                tag = tags[min(opener[0], len(tags) - 1)]
                opened = _STATEMENT.match(lines[opener[0]])
                word = opened.group(1) if opened else "block"
                findings.append(
                    _finding(
                        "L001",
                        tag.paragraph,
                        message("this block is never closed"),
                        message("add its end tag ({{% end{word} %}}, or {{%p end{word} %}} on a "
                                "paragraph of its own) where the block should stop", word=word),
                        tag=tag.text,
                    )
                )
                lines.append(f"{{% end{word} %}}")
                continue
            index = min(max(exc.lineno, 1), len(tags)) - 1
            tag = tags[index]
            findings.append(
                _finding("L001", tag.paragraph,
                         message("the tag is not valid template syntax: {detail}", detail=detail),
                         _syntax_hint(detail), tag=tag.text)
            )
            if not lines[index]:
                return None, loose
            target = _LOOP_TARGET.match(lines[index])
            if target:
                loose.update(n.strip() for n in target.group(1).split(","))
            word = _STATEMENT.match(lines[index])
            if word and word.group(1) in _BLOCKS:
                end = _matching_end(lines, index)
                if end is not None:
                    lines[end] = ""
            lines[index] = ""
    return None, loose


def _readable_tags(paragraphs: list[SourceParagraph], findings: list[Problem]) -> list[TagRef]:
    """Return the tags Jinja can read; report those nesting too deeply (L016), and drop them."""
    tags = []
    for p in paragraphs:
        for t in p.tags:
            if t.startswith("{#"):
                continue
            if tag_nesting(t) > LIMITS.nesting:
                findings.append(
                    _finding(
                        "L016",
                        p,
                        message("brackets nest {depth} levels deep in this tag, more than the "
                                "{limit} a template may use", depth=tag_nesting(t),
                                limit=LIMITS.nesting),
                        message("write the expression in simpler steps, with {% set %} tags"),
                        tag=t,
                    )
                )
                continue
            tags.append(TagRef(p, t))
    if len(tags) > LIMITS.tags:
        findings.append(
            _finding(
                "L016",
                tags[LIMITS.tags].paragraph,
                message("the template holds {count} tags, more than the {limit} one part may "
                        "hold", count=len(tags), limit=LIMITS.tags),
                message("split it into several forms"),
                tag=tags[LIMITS.tags].text,
            )
        )
    depth, where = deepest_block([t.text for t in tags])
    if depth > LIMITS.block_nesting:
        tag = tags[where]
        findings.append(
            _finding(
                "L016",
                tag.paragraph,
                message("blocks ({{% for %}}, {{% if %}}…) are open {depth} levels deep here, "
                        "more than the {limit} a template may use", depth=depth,
                        limit=LIMITS.block_nesting),
                message("close some blocks before opening others, or move the inner part into "
                        "a macro"),
                tag=tag.text,
            )
        )
    return tags


def _other_templates(tree: nodes.Template, walker: NameWalker) -> None:
    """Report the tags that would take in another template: a .docx template is one file."""
    for node in tree.find_all(tuple(_OTHER_TEMPLATES)):
        word = _OTHER_TEMPLATES[type(node)]
        walker.report(
            "L015",
            node.lineno,
            message("{{% {word} %}} cannot be used in a .docx template: a template is one file "
                    "and cannot take in other templates, so this tag can never render", word=word),
            message("copy what it should bring in (a macro, a block of text) into this template"),
        )


def _syntax_hint(detail: str) -> Message:
    if "unknown tag" in detail and "end" in detail:
        return message("an end tag has no matching opening tag, or blocks are nested wrongly; "
                       "check that each {% for %}/{% if %} is closed in the reverse order it "
                       "was opened")
    if "unexpected '}'" in detail or "unexpected '%'" in detail:
        return message("the tag is not closed as it was opened: write {{ … }} or {% … %}")
    if "unexpected char" in detail:
        return message("a character Jinja does not know is in the tag (a typographic dash, or a "
                       "quote pasted from elsewhere); retype it")
    return message("correct the tag; a tag is {{ name }}, {{ name | filter }} or "
                   "{% for … %}…{% endfor %}")


def lint_paragraphs(
    paragraphs: Iterable[SourceParagraph],
    model: type[BaseModel] | None = None,
    *,
    filters: Mapping[str, Any] | None = None,
) -> list[Problem]:
    """Lint already-read template paragraphs against ``model`` (``None``: names unchecked)."""
    paragraphs = list(paragraphs)
    findings = structure(paragraphs, _finding)
    tags = _readable_tags(paragraphs, findings)
    env = SandboxedEnvironment(autoescape=True)
    known_filters = {**env.filters, **(filters if filters is not None else FILTERS)}
    shape = Shape.of(model) if model is not None else None

    def report(rule: str, tag: TagRef, text: Message, hint: Message) -> None:
        findings.append(_finding(rule, tag.paragraph, text, hint, tag=tag.text))

    walker = NameWalker(shape, tags, known_filters, report)
    if tags:
        tree, walker.loose_names = _parse(env, tags, findings)
        if tree is not None:
            _other_templates(tree, walker)
            walker.statements(tree.body, {})
    if model is not None:
        findings.extend(_unused(model, walker.used))
    return findings


def _unused(model: type[BaseModel], used: set[str]) -> list[Problem]:
    prefix = DOC_VARIABLE + "."
    seen = {(u[len(prefix) :] if u.startswith(prefix) else u).replace("[]", "") for u in used}
    out: list[Problem] = []
    reported: list[str] = []
    for path in field_paths(model, depth=2):
        bare = path.replace("[]", "")
        if not _declared(Shape.of(model), bare.split(".")):
            continue  # derived values (properties) are offered, not expected
        if any(bare.startswith((r + ".", r + "[")) for r in reported):
            continue  # its parent is reported already
        if not any(u == bare or u.startswith((bare + ".", bare + "[")) for u in seen):
            reported.append(bare)
            out.append(
                _finding(
                    "L011",
                    None,
                    message("the field {path} is not used by this template", path=repr(path)),
                    message("nothing to do if the form does not need it"),
                )
            )
    return out


def _declared(shape: Shape, names: Sequence[str]) -> bool:
    """Whether each name of a dotted path is a declared field (not a property)."""
    for name in names:
        members = shape.type if shape.kind == "union" else (shape,)
        if not any(m.kind == "model" and name in m.type.model_fields for m in members):
            return False
        found = shape.attribute(name)
        if found is None:
            return False
        shape = found.item if found.kind == "list" else found
    return True


def lint_template(
    template: str | os.PathLike[str] | bytes,
    model: type[BaseModel] | None = None,
    *,
    filters: Mapping[str, Any] | None = None,
    layout: LayoutProfile | None = HD36,
    kind: str | None = None,
    lang: str | None = None,
) -> list[Problem]:
    """Lint a .docx template: every problem at once, errors first, each in reading order.

    The findings come errors first, then warnings, then notes; within each, in the order a
    reader meets their paragraphs (headers, body, notes, footers), and those about no one
    paragraph (a page setting, a missing block, a field the template never uses) last.
    The file is read once, by the capped reader, and walked by the one paragraph walker for
    the lint rules and the layout check alike.

    Args:
        template: the .docx (path or bytes).
        model: the model the form is filled from; ``None`` leaves names unchecked.
        filters: the filters tags may use (default: chibo_docs' filters).
        layout: check the template's fixed text against this layout profile too (rules
            ``HD36-…``); ``None`` skips the layout check.
        kind: the document type code for the layout check (``"NQ"``, ``"GM"``…); by default
            read from the template.
        lang: the language of the problems' messages (``"vi"`` or ``"en"``; default: the
            language in force); ``message_en`` holds the English either way.

    Raises:
        DocxFileError: the file is not a readable .docx (naming the part and line when one is
            not well-formed XML).
        TemplateLimitError: the file goes over a size limit of :mod:`chibo_docs.limits` (a
            zip bomb), checked before anything is unpacked.
    """
    with using(lang):
        return _lint_template(template, model, filters=filters, layout=layout, kind=kind)


def _lint_template(
    template: str | os.PathLike[str] | bytes,
    model: type[BaseModel] | None,
    *,
    filters: Mapping[str, Any] | None,
    layout: LayoutProfile | None,
    kind: str | None,
) -> list[Problem]:
    name = "<bytes>" if isinstance(template, bytes) else os.fspath(template)
    package = read_package(template, name=name)
    walked = list(walk_package(package))
    paragraphs = [w.paragraph for w in walked]
    split_tags = hazards(walked, _finding)
    split = {(f.location, _clean(f.tag or "")) for f in split_tags}
    findings = [
        f  # a tag split by a field reads wrong; report the split, not what it reads as
        for f in lint_paragraphs(paragraphs, model, filters=filters)
        if (f.location, _clean(f.tag or "")) not in split
    ]
    findings += split_tags
    if layout is not None:
        try:
            findings += check_document(DocxPackage(package, name=name), profile=layout, kind=kind)
        except TemplateError:
            raise
        except DataError as exc:
            raise TemplateError(str(exc), template=name) from exc
    return _in_reading_order(findings, paragraphs)


def _in_reading_order(findings: list[Problem], paragraphs: list[SourceParagraph]) -> list[Problem]:
    """Sort by severity, then by where the paragraph is read (unlocated findings last)."""
    severity = {"error": 0, "warning": 1, "info": 2}
    position = {p.location: n for n, p in enumerate(paragraphs)}
    last = len(position)

    def key(finding: Problem) -> tuple[int, int]:
        at = position.get(finding.location, last) if finding.location is not None else last
        return severity[finding.severity], at

    return sorted(findings, key=key)
