"""Fill a .docx template with data, safely: the only module that uses docxtpl.

docxtpl's own ``render()`` deletes text silently when data holds ``&`` or ``<``, prints a
missing variable as a blank and names a template error by an internal XML line number. This
engine keeps docxtpl's tag syntax (``{{ }}``, ``{%p %}``, ``{%tr %}``, ``{%tc %}``, ``{%r %}``,
``colspan``, ``cellbg``, ``vm``, ``hm``) but renders with:

* autoescape on, :class:`jinja2.StrictUndefined`, and a sandboxed, immutable Jinja
  environment (a tag reaching for ``__class__`` raises :class:`TemplateSecurityError`);
* the safety limits of :mod:`chibo_docs.limits` on the template file (zip members checked
  before they are unpacked), on what tags build (texts, lists, numbers), on the work and
  call depth of a render and on the size of each rendered part and of the whole document
  (:class:`TemplateLimitError`, naming the part, paragraph and tag);
* ``{% include %}``, ``{% extends %}``, ``{% import %}`` and ``{% from %}`` refused when the
  template is compiled (a .docx template is one file);
* a ``None`` value refused instead of printed as ``None``;
* line breaks in data turned into real paragraphs (or line breaks) in the template paragraph's
  style, tabs into tabs, and characters a .docx cannot hold refused with the tag that got them;
* every rendered part re-parsed by a strict XML parser (:class:`OutputXMLError`, never a
  silently repaired document);
* errors that name the template, the part, the paragraph or table cell (with a snippet of its
  text), the tag and the data field;
* compiled templates cached per file (path, mtime, size), thread-safe;
* byte-for-byte reproducible output: fixed zip timestamps, archive order kept, drawing ids
  renumbered, core properties taken from the template.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from docxtpl import DocxTemplate
from markupsafe import Markup, escape
from pydantic import BaseModel

from chibo_docs.errors import TemplateError, TemplateLimitError
from chibo_docs.formatting.filters import FILTERS
from chibo_docs.limits import LIMITS
from chibo_docs.ooxml.paragraphs import SourceParagraph, walk_part
from chibo_docs.ooxml.reading import Part, parse_part, read_package, text_parts
from chibo_docs.ooxml.tags import TAG_PATTERN, deepest_block, tag_nesting
from chibo_docs.ooxml.writing import (
    NEWLINE_XML,
    TAB_XML,
    LineBreaks,
    check_xml,
    first_free_drawing_id,
    part_bytes,
    part_text,
    renumber_drawings,
    split_paragraphs,
    write_atomically,
    zip_package,
)
from chibo_docs.templating.error_location import (
    IllegalTextError,
    LineTags,
    NoValueError,
    TagNotAllowed,
    explain,
    line_of,
)
from chibo_docs.templating.sandbox import LimitedSandbox, budget, check_printed, compile_template

__all__ = [
    "DOC_VARIABLE",
    "CacheInfo",
    "LineBreaks",
    "cache_info",
    "clear_cache",
    "render_template",
    "render_template_bytes",
    "template_context",
]

DOC_VARIABLE = "doc"
"""The template variable that holds the whole document model."""

StrPath = str | os.PathLike[str]
Filters = Mapping[str, Callable[..., Any]]

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_OUTSIDE_TAGS = re.compile(f"({TAG_PATTERN.pattern})|<", re.DOTALL)  # a tag, or a "<" outside one
_MARK = "chibo-p"  # numbers each template paragraph so that a Jinja line maps back to it
_MARKS = re.compile(r' chibo-p="\d+"')
_LAST_MARK = re.compile(r'.*chibo-p="(\d+)"', re.DOTALL)
_FORBIDDEN = {
    jinja2.nodes.Include: "include",
    jinja2.nodes.Extends: "extends",
    jinja2.nodes.Import: "import",
    jinja2.nodes.FromImport: "from … import",
}


class _DocxtplHelpers(DocxTemplate):  # type: ignore[misc]
    """docxtpl's stateless XML helpers (``patch_xml``, ``fix_tables``) without a document."""

    docx = None

    def __init__(self) -> None:
        """Skip loading a document: only the XML helpers are used."""


_DOCXTPL = _DocxtplHelpers()


class CacheInfo(NamedTuple):
    """How the template cache has been used since the last :func:`clear_cache`."""

    hits: int
    compiles: int
    templates: int


def _finalize(value: Any) -> Any:
    """Turn a printed value into escaped WordprocessingML text (Jinja's ``finalize`` hook)."""
    if value is None:
        raise NoValueError
    check_printed(value)
    if hasattr(value, "__html__") and not isinstance(value, str):
        return value  # an object that renders its own markup
    text = value if isinstance(value, str) else str(value)
    bad = _ILLEGAL.search(text)
    if bad:
        raise IllegalTextError(
            f"the text holds {bad.group()!r} at position {bad.start()}, a character a .docx "
            f"cannot hold; remove it from the data"
        )
    # Markup (from join, ~, replace… in autoescape mode) is escaped already, but its line
    # breaks and tabs still need to become WordprocessingML.
    # A captured block or macro call also carries the template's own "\n<" line marks.
    xml = str(text).replace("\n<", "<") if isinstance(text, Markup) else str(escape(text))
    if "{" in xml or "}" in xml:  # keep docxtpl's {_{ ... }_} un-escaping away from data
        xml = xml.replace("{", "&#123;").replace("}", "&#125;")
    if "\r" in xml:
        xml = xml.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in xml:
        xml = xml.replace("\n", NEWLINE_XML)
    if "\t" in xml:
        xml = xml.replace("\t", TAB_XML)
    return Markup(xml)


def _make_environment(filters: Filters) -> LimitedSandbox:
    env = LimitedSandbox(
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    env.guard_filters()
    return env


@dataclass(frozen=True)
class _CompiledPart:
    part: Part
    template: jinja2.Template
    filename: str
    lines: LineTags
    paragraphs: tuple[SourceParagraph, ...]
    fix_tables: bool
    unescape_braces: bool
    has_drawings: bool


@dataclass(frozen=True)
class _CompiledTemplate:
    name: str
    package: dict[str, bytes]
    parts: tuple[_CompiledPart, ...]
    first_drawing_id: int


_lock = threading.Lock()
_cache: OrderedDict[tuple[Any, ...], _CompiledTemplate] = OrderedDict()
_environments: dict[tuple[Any, ...], LimitedSandbox] = {}
_stats = {"hits": 0, "compiles": 0}
_CACHE_SIZE = 64


def cache_info() -> CacheInfo:
    """Report cache hits, compilations and cached templates.

    >>> clear_cache(); cache_info()
    CacheInfo(hits=0, compiles=0, templates=0)
    """
    with _lock:
        return CacheInfo(_stats["hits"], _stats["compiles"], len(_cache))


def clear_cache() -> None:
    """Forget every compiled template and reset the counters of :func:`cache_info`."""
    with _lock:
        _cache.clear()
        _environments.clear()
        _stats.update(hits=0, compiles=0)


def _compile_part(
    env: LimitedSandbox, name: str, package: dict[str, bytes], part: Part
) -> _CompiledPart | None:
    root = parse_part(package[part.name], source=name, part=part.name)
    if b"{" not in package[part.name]:
        return None
    paragraphs = []
    for number, walked in enumerate(walk_part(root, part)):
        walked.element.set(_MARK, str(number))
        paragraphs.append(walked.paragraph)
    _check_nesting(name, part, paragraphs)
    source = part_text(root).replace("\n", "&#10;")
    source = _DOCXTPL.patch_xml(source)
    source = _OUTSIDE_TAGS.sub(lambda m: m.group(1) or "\n<", source)
    filename = f"chibo-docs:{name}:{part.name}"
    lines = LineTags.build(source, paragraphs)

    def fail(exc: BaseException, line: int | None) -> TemplateError:
        return explain(exc, template=name, part=part.label, lines=lines, line=line)

    try:
        tree = _parse(env, source, part, filename, paragraphs)
        for node in tree.find_all(tuple(_FORBIDDEN)):
            word = _FORBIDDEN[type(node)]
            raise fail(
                TagNotAllowed(
                    f"{{% {word} %}} cannot be used in a .docx template: a template is one "
                    "file and cannot take in other templates; copy what it should bring in "
                    "(a macro, a block of text) into this template"
                ),
                node.lineno,
            )
        template = compile_template(env, tree, part.name, filename)
    except jinja2.TemplateSyntaxError as exc:
        raise fail(exc, exc.lineno) from exc
    except (RecursionError, SyntaxError, MemoryError) as exc:  # too deep for Python after all
        raise TemplateLimitError(
            "block_nesting", None, LIMITS.block_nesting, template=name, part=part.label
        ) from exc
    return _CompiledPart(
        part=part,
        template=template,
        filename=filename,
        lines=lines,
        paragraphs=tuple(paragraphs),
        fix_tables="{%tc" in source or "{% tc" in source or "hm %}" in source,
        unescape_braces=any(s in source for s in ("{_{", "}_}", "{_%", "%_}")),
        has_drawings="docPr" in source,
    )


def _check_nesting(name: str, part: Part, paragraphs: list[SourceParagraph]) -> None:
    """Refuse too many tags, and tags nesting brackets or blocks deeper than Jinja and Python
    can read, before Jinja compiles anything."""
    tags = [(p, tag) for p in paragraphs for tag in p.tags if not tag.startswith("{#")]
    if len(tags) > LIMITS.tags:
        paragraph, tag = tags[LIMITS.tags]
        raise TemplateLimitError(
            "tags",
            len(tags),
            LIMITS.tags,
            template=name,
            location=paragraph.location,
            tag=tag,
        )
    for paragraph, tag in tags:
        if tag_nesting(tag) > LIMITS.nesting:
            raise TemplateLimitError(
                "nesting",
                tag_nesting(tag),
                LIMITS.nesting,
                template=name,
                location=paragraph.location,
                tag=tag,
            )
    depth, where = deepest_block([tag for _, tag in tags])
    if depth > LIMITS.block_nesting:
        paragraph, tag = tags[where]
        raise TemplateLimitError(
            "block_nesting",
            depth,
            LIMITS.block_nesting,
            template=name,
            location=paragraph.location,
            tag=tag,
        )


def _parse(
    env: LimitedSandbox,
    source: str,
    part: Part,
    filename: str,
    paragraphs: list[SourceParagraph],
) -> jinja2.nodes.Template:
    """Parse a part's Jinja source; a tag Jinja's lexer chokes on becomes a syntax error."""
    try:
        return env.parse(source, name=part.name, filename=filename)
    except (ValueError, OverflowError) as exc:  # e.g. a number literal of 5,000 digits
        for number, paragraph in enumerate(paragraphs):
            for tag in paragraph.tags:
                try:
                    env.parse(tag)
                except (ValueError, OverflowError):
                    line = source.count("\n", 0, source.find(f'{_MARK}="{number}"')) + 1
                    raise jinja2.TemplateSyntaxError(str(exc), line, part.name, filename) from exc
                except jinja2.TemplateSyntaxError:
                    pass
        raise jinja2.TemplateSyntaxError(str(exc), 1, part.name, filename) from exc


def _load(path: Path, filters: Filters | None) -> _CompiledTemplate:
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(
            f"cannot read the template file {str(path)!r} ({exc.strerror}); check the path",
            template=path.name,
        ) from exc
    chosen = FILTERS if filters is None else filters
    env_key = tuple(sorted(chosen.items(), key=lambda item: item[0]))
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, env_key)
    with _lock:
        if key in _cache:
            _stats["hits"] += 1
            _cache.move_to_end(key)
            return _cache[key]
        env = _environments.get(env_key)
        if env is None:
            env = _environments[env_key] = _make_environment(chosen)
        compiled = _compile(path, env)
        _stats["compiles"] += 1
        _cache[key] = compiled
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
        return compiled


def _compile(path: Path, env: LimitedSandbox) -> _CompiledTemplate:
    name = path.name
    package = read_package(path, name=name)
    parts = []
    for part in text_parts(package):
        if part.name not in package:
            raise TemplateError(f"the template has no {part.name!r} part", template=name)
        compiled = _compile_part(env, name, package, part)
        if compiled is not None:
            parts.append(compiled)
    templated = {p.part.name for p in parts}
    first_id = first_free_drawing_id(package, templated, source=name)
    return _CompiledTemplate(name, package, tuple(parts), first_id)


def template_context(data: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    """Return the variables a template sees for ``data``.

    For a model: each top-level field by its name (nested models stay objects, so authors
    write ``{{ meeting.chair.full_name }}``), plus ``doc``, the whole model, for its derived
    values (``{{ doc.number_line }}``). A mapping is used as it is.
    """
    if isinstance(data, BaseModel):
        return {DOC_VARIABLE: data, **dict(data)}
    if isinstance(data, Mapping):
        return dict(data)
    raise TypeError(
        f"render needs a pydantic model or a mapping of names to values, got {type(data).__name__}"
    )


def _render_part(
    compiled: _CompiledTemplate,
    part: _CompiledPart,
    context: dict[str, Any],
    line_breaks: LineBreaks,
    next_id: int,
) -> tuple[bytes, int]:
    pieces: list[str] = []
    size = 0
    marked = ""  # the last piece that started a paragraph, to name it if the part grows too big
    try:
        for piece in part.template.generate(context):
            size += len(piece)
            if size > LIMITS.part_output:
                raise _too_long(compiled, part, marked)
            if _MARK in piece:
                marked = piece
            pieces.append(piece)
    except TemplateLimitError:
        raise
    except Exception as exc:
        line = line_of(exc, part.filename)
        raise explain(
            exc, template=compiled.name, part=part.part.label, lines=part.lines, line=line
        ) from exc
    xml = _MARKS.sub("", "".join(pieces).replace("\n<", "<"))
    if part.unescape_braces:
        xml = (
            xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
    root = check_xml(xml, template=compiled.name, part=part.part.label)
    split_paragraphs(root, line_breaks)
    if part.fix_tables:
        root = _DOCXTPL.fix_tables(part_text(root))
    if part.has_drawings:
        next_id = renumber_drawings(root, next_id)
    data = part_bytes(root)
    return data, next_id


def _too_long(compiled: _CompiledTemplate, part: _CompiledPart, marked: str) -> TemplateLimitError:
    """Name the paragraph whose rendering made the part too long (the last one started)."""
    mark = _LAST_MARK.match(marked)
    number = int(mark.group(1)) if mark else len(part.paragraphs)
    paragraph = part.paragraphs[number] if number < len(part.paragraphs) else None
    return TemplateLimitError(
        "part_output",
        None,
        LIMITS.part_output,
        template=compiled.name,
        part=part.part.label,
        location=paragraph.location if paragraph else None,
    )


def render_template_bytes(
    template: StrPath,
    data: BaseModel | Mapping[str, Any],
    *,
    filters: Filters | None = None,
    line_breaks: LineBreaks = "paragraph",
) -> bytes:
    """Fill the .docx ``template`` with ``data`` and return the new document's bytes.

    Args:
        template: path of a .docx template with docxtpl/Jinja tags.
        data: a pydantic model, whose top-level fields become the template's variables
            (nested models stay objects: ``{{ meeting.chair.full_name }}``), or a mapping.
        filters: Jinja filters for the tags; by default chibo_docs' Vietnamese formatters.
        line_breaks: what a line break in a text value becomes: ``"paragraph"`` (a new
            paragraph in the same style, so justified text stays justified) or ``"break"``
            (a line break inside the paragraph).

    Raises:
        TemplateSyntaxError: a tag is not valid Jinja/docxtpl syntax.
        TemplateDataError: a tag uses a field the data lacks, prints ``None``, or a filter
            refuses its value.
        TemplateSecurityError: a tag reaches for Python internals.
        TemplateLimitError: the template file, a tag, the work of the render or the output
            goes over a limit of :mod:`chibo_docs.limits`.
        OutputXMLError: the rendered document would not be well-formed XML.
        DocxFileError: the template is not a readable .docx (a part named, with its line).
        TemplateError: the template file is missing.
    """
    compiled = _load(Path(template), filters)
    context = template_context(data)
    package = dict(compiled.package)
    next_id = compiled.first_drawing_id
    with budget(LIMITS):
        for part in compiled.parts:
            package[part.part.name], next_id = _render_part(
                compiled, part, context, line_breaks, next_id
            )
    total = sum(len(content) for content in package.values())
    if total > LIMITS.output_bytes:
        raise TemplateLimitError(
            "output_bytes", total, LIMITS.output_bytes, template=compiled.name
        )
    return zip_package(package)


def render_template(
    template: StrPath,
    data: BaseModel | Mapping[str, Any],
    dest: StrPath,
    *,
    filters: Filters | None = None,
    line_breaks: LineBreaks = "paragraph",
) -> Path:
    """Fill the .docx ``template`` with ``data`` and save it as ``dest``; return ``dest``.

    The file appears whole or not at all: it is written to a temporary file in the same
    folder and moved into place. See :func:`render_template_bytes` for the arguments and errors.
    """
    content = render_template_bytes(template, data, filters=filters, line_breaks=line_breaks)
    return write_atomically(dest, content)
