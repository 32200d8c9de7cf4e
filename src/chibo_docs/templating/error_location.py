"""Turn a Jinja error inside a docx template into a :class:`TemplateError` a person can act on.

Jinja only knows line numbers of the XML it compiled. The renderer puts every XML element on
its own line, and :class:`LineTags` matches the tags it compiled, in order, with the tags the
template author wrote (found by :mod:`chibo_docs.ooxml.paragraphs`), so a line number becomes
a :class:`~chibo_docs.location.Location` ("body, table 1, row 2, cell 3, paragraph 1"), the
tag and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import TracebackType

import jinja2
from jinja2.exceptions import SecurityError

from chibo_docs.errors import (
    TemplateDataError,
    TemplateError,
    TemplateLimitError,
    TemplateSecurityError,
    TemplateSyntaxError,
)
from chibo_docs.i18n import Message, message
from chibo_docs.limits import LIMITS
from chibo_docs.ooxml.paragraphs import SourceParagraph
from chibo_docs.ooxml.tags import TAG_PATTERN, straight_quotes

__all__ = [
    "IllegalTextError",
    "LimitExceeded",
    "LineTags",
    "LocatedTag",
    "NoValueError",
    "NotPlaced",
    "TagNotAllowed",
    "TextOnly",
    "explain",
    "line_of",
]

_PREFIX = re.compile(r"^(?:p|tr|tc|r)\s+")
_BLOCKS = frozenset({"for", "if", "macro", "call", "filter", "with", "autoescape", "block", "raw"})
_CONTINUATIONS = frozenset({"else", "elif"})
_LOOKAHEAD = 12
_KEYWORDS = re.compile(r"^(?:for\s+.+?\s+in|if|elif|with|set\s+\w+\s*=)\s+")
_PARSER_ENV = jinja2.Environment()


class NoValueError(Exception):
    """A tag printed ``None``."""


class IllegalTextError(Exception):
    """A tag printed a character that XML (and so a .docx) cannot hold."""


class LimitExceeded(Exception):
    """A tag went over one of the safety limits of :mod:`chibo_docs.limits`.

    >>> str(LimitExceeded("steps", None, 10))
    'steps: more than 10'
    """

    def __init__(self, limit: str, value: int | None, maximum: int) -> None:
        self.limit = limit
        self.value = value
        self.maximum = maximum
        found = f"{value} >" if value is not None else "more than"
        super().__init__(f"{limit}: {found} {maximum}")


class TagNotAllowed(Exception):
    """A tag that can never render in a .docx template (``{% include %}``…)."""


class NotPlaced(Exception):
    """A rich value that cannot stand where its tag is (or names a style the template lacks)."""


class TextOnly(Exception):
    """A value that cannot be printed where only text can go (a picture in a property)."""


def _reason(exc: BaseException) -> str | Message:
    """The message an exception of this module carries (a :class:`Message` when it has one)."""
    first = exc.args[0] if exc.args else ""
    return first if isinstance(first, Message) else str(first)


def _expression(tag: str) -> str:
    """Return a tag's inside without delimiters, whitespace control or docxtpl prefix."""
    inner = _PREFIX.sub("", straight_quotes(tag)[2:-2])
    return inner.strip("-").strip()


def _normal(tag: str) -> str:
    return tag[:2] + "".join(_expression(tag).split())


@dataclass(frozen=True)
class LocatedTag:
    """A tag of the compiled template, with the paragraph the author wrote it in."""

    tag: str
    paragraph: SourceParagraph | None


class LineTags:
    """The tags on each line of a compiled part, located in the template."""

    def __init__(
        self, located: list[tuple[int, LocatedTag]], paragraphs: list[tuple[int, SourceParagraph]]
    ) -> None:
        self._located = located
        self._paragraphs = paragraphs

    @classmethod
    def build(cls, source: str, paragraphs: list[SourceParagraph]) -> LineTags:
        """Match the tags of compiled ``source`` with those of the template's paragraphs."""
        written = [(_normal(tag), tag, p) for p in paragraphs for tag in p.tags]
        located: list[tuple[int, LocatedTag]] = []
        line, position, cursor = 1, 0, 0
        for match in TAG_PATTERN.finditer(source):
            line += source.count("\n", position, match.start())
            position = match.start()
            wanted = _normal(match.group())
            paragraph = written[cursor - 1][2] if cursor else None
            tag = match.group()
            for index in range(cursor, min(cursor + _LOOKAHEAD, len(written))):
                if written[index][0] == wanted:
                    _, tag, paragraph = written[index]
                    cursor = index + 1
                    break
            located.append((line, LocatedTag(tag, paragraph)))
        starts: list[tuple[int, SourceParagraph]] = []
        line, position = 1, 0
        for match in re.finditer(r'<w:p [^>]*?chibo-p="(\d+)"', source):
            line += source.count("\n", position, match.start())  # counted once: linear
            position = match.start()
            starts.append((line, paragraphs[int(match.group(1))]))
        return cls(located, starts)

    def paragraph_at(self, line: int | None) -> SourceParagraph | None:
        """Return the template paragraph whose XML holds ``line``."""
        found = None
        for number, paragraph in self._paragraphs:
            if line is None or number > line:
                break
            found = paragraph
        return found

    def on_line(self, line: int | None) -> list[LocatedTag]:
        """Return the tags on ``line``."""
        if line is None:
            return []
        return [tag for number, tag in self._located if number == line]

    def unclosed_block(self) -> LocatedTag | None:
        """Return the innermost block tag (``{% if %}``, ``{% for %}``…) never closed."""
        stack: list[LocatedTag] = []
        for _, located in self._located:
            if not located.tag.startswith("{%"):
                continue
            words = _expression(located.tag).split()
            word = words[0] if words else ""
            if word in _BLOCKS or (word == "set" and "=" not in located.tag):
                stack.append(located)
            elif word.startswith("end") and stack:
                stack.pop()
        return stack[-1] if stack else (self._located[-1][1] if self._located else None)


def line_of(exc: BaseException, filename: str) -> int | None:
    """Return the template line of the innermost frame of compiled ``filename`` in a traceback."""
    line = None
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _fails_alone(tag: str) -> bool:
    words = _expression(tag).split()
    if tag.startswith("{%") and (
        not words or words[0] in _CONTINUATIONS or words[0].startswith("end")
    ):
        return False
    try:
        _PARSER_ENV.parse(tag[:2] + " " + _expression(tag) + " " + tag[-2:])
    except jinja2.TemplateSyntaxError as exc:
        return "end of template" not in exc.message.lower() if exc.message else True
    return False


def _pick(candidates: list[LocatedTag], names: list[str]) -> LocatedTag | None:
    for name in names:
        pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?!\w)")
        for located in candidates:
            if pattern.search(_expression(located.tag)):
                return located
    return candidates[0] if candidates else None


def _field(located: LocatedTag | None, name: str | None, attribute: bool) -> str | None:
    if located is None:
        return name
    expression = _KEYWORDS.sub("", _expression(located.tag)).split("|")[0]
    if name is None:
        match = re.search(r"[A-Za-z_][\w.]*", expression)
        return match.group() if match else None
    if attribute:
        match = re.search(rf"[A-Za-z_][\w.]*\.{re.escape(name)}(?!\w)", expression)
    else:
        match = re.search(rf"(?<![\w.]){re.escape(name)}(?:\.\w+)*", expression)
    return match.group() if match else name


def explain(
    exc: BaseException, *, template: str, part: str, lines: LineTags, line: int | None
) -> TemplateError:
    """Build the :class:`TemplateError` that says where ``exc`` happened and what to do."""
    detail = str(exc)
    candidates = lines.on_line(line)
    if isinstance(exc, RecursionError):
        exc = LimitExceeded("call_depth", None, LIMITS.call_depth)
    if isinstance(exc, LimitExceeded):
        located = _pick(candidates, [])
        paragraph = located.paragraph if located else lines.paragraph_at(line)
        return TemplateLimitError(
            exc.limit,
            exc.value,
            exc.maximum,
            template=template,
            part=paragraph.part.label if paragraph else part,
            location=paragraph.location if paragraph else None,
            tag=located.tag if located else None,
        )
    error: type[TemplateError] = TemplateDataError
    field: str | None = None
    text: str | Message
    if isinstance(exc, jinja2.TemplateSyntaxError):
        error = TemplateSyntaxError
        detail = exc.message or detail
        if "end of template" in detail.lower():
            located = lines.unclosed_block()
            text = message("a block is never closed ({detail}); add the matching end tag",
                           detail=detail)
        else:
            names = [n for n in re.findall(r"'([^']+)'", detail) if re.fullmatch(r"\w+", n)]
            failing = [c for c in candidates if _fails_alone(c.tag)]
            located = _pick(failing or candidates, names)
            text = message("the tag is not valid template syntax ({detail}); correct the tag",
                           detail=detail)
    elif isinstance(exc, TagNotAllowed):
        error, located, text = TemplateSyntaxError, _pick(candidates, []), _reason(exc)
    elif isinstance(exc, SecurityError):
        error, located = TemplateSecurityError, _pick(candidates, [])
        text = message("the tag reaches for Python internals ({detail}); templates may only "
                       "use data", detail=detail)
    elif isinstance(exc, jinja2.UndefinedError):
        undefined = re.fullmatch(r"'(\w+)' is undefined", detail)
        attribute = re.search(r"has no attribute '(\w+)'", detail)
        name = undefined.group(1) if undefined else attribute.group(1) if attribute else None
        located = _pick(candidates, [name] if name else [])
        field = _field(located, name, attribute is not None and undefined is None)
        text = message("the data has no {field} ({detail}); check the spelling or supply the "
                       "field; a field that may be missing is written {{{{ {name} | default(\"\") }}}}",
                       field=repr(field), detail=detail, name=field or "name")
    elif isinstance(exc, NoValueError):
        located = _pick(candidates, [])
        field = _field(located, None, False)
        text = message(
            "{field} has no value (None); give it a value, or write {{{{ {name} | default(\"\") }}}} "
            "to print nothing, or wrap the tag in {{% if {name} %}}…{{% endif %}}",
            field=repr(field), name=field or "name")
    elif isinstance(exc, IllegalTextError | NotPlaced | TextOnly):
        located = _pick(candidates, [])
        field = _field(located, None, False)
        text = _reason(exc)
    else:
        located = _pick(candidates, [])
        field = _field(located, None, False)
        text = message("the tag failed with {error}: {detail}", error=type(exc).__name__,
                       detail=detail)
    paragraph = located.paragraph if located else lines.paragraph_at(line)
    if located is None and paragraph is not None:
        opener = re.search(r"\{[{%#].*", paragraph.text)
        tag = opener.group()[:40] if opener else None
    else:
        tag = located.tag if located else None
    return error(
        text,
        template=template,
        part=paragraph.part.label if paragraph else part,
        location=paragraph.location if paragraph else None,
        tag=tag,
        field=field,
    )
