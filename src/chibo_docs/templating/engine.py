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
  renumbered, core properties taken from the template;
* text inside a tag read as its author typed it: Word's ``&amp;`` is ``&`` again and its
  curly quotes delimit strings (``{{ “R&D” }}`` prints ``R&D``);
* tags in the document properties (title, subject… and custom properties) rendered like the
  body, as text;
* rich values of :mod:`chibo_docs.models.rich` (formatted text, paragraphs, pictures,
  listings, sub-documents) printed as a marker and resolved into XML built by
  :mod:`chibo_docs.ooxml.rich_xml` once the part is parsed: nothing a value holds becomes
  markup, and markup in the data (``Markup``, docxtpl's objects) is refused.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from docxtpl import DocxTemplate
from markupsafe import Markup, escape
from pydantic import BaseModel

from chibo_docs.errors import TemplateDataError, TemplateError, TemplateLimitError
from chibo_docs.formatting.filters import FILTERS
from chibo_docs.i18n import Message, message, using
from chibo_docs.layout.docx_writing import keep_core_properties_readable
from chibo_docs.limits import LIMITS
from chibo_docs.models.rich import (
    Image,
    Listing,
    RichParagraph,
    RichParagraphs,
    RichText,
    Run,
    Subdoc,
)
from chibo_docs.ooxml.package_edits import PackageEdits
from chibo_docs.ooxml.paragraphs import SourceParagraph, walk_part
from chibo_docs.ooxml.properties import PROPERTY_PARTS, replace_texts, templated_texts
from chibo_docs.ooxml.reading import Part, parse_part, read_package, text_parts
from chibo_docs.ooxml.rich_xml import (
    MARKER_NS,
    PlacementError,
    RichItem,
    marker_xml,
    resolve_markers,
)
from chibo_docs.ooxml.subdocument import SubdocumentPlan, subdocument_blocks
from chibo_docs.ooxml.tags import (
    TAG_PATTERN,
    deepest_block,
    straight_quotes,
    tag_nesting,
    unescape_tag,
)
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
    LimitExceeded,
    LineTags,
    NotPlaced,
    NoValueError,
    TagNotAllowed,
    TextOnly,
    explain,
    line_of,
)
from chibo_docs.templating.sandbox import (
    LimitedSandbox,
    budget,
    charge,
    check_printed,
    compile_template,
)

keep_core_properties_readable()  # docxtpl may have imported docxcompose, which unbinds it

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
RICH_TYPES = (RichText, Run, RichParagraph, RichParagraphs, Listing, Image, Subdoc)
"""The rich values a template can print (:mod:`chibo_docs.models.rich`)."""

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


_BREAKS_ALLOWED = re.compile("[\x00-\x06\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PAGE_BREAK_XML = '</w:t><w:br w:type="page"/><w:t xml:space="preserve">'
_PARAGRAPH_XML = '</w:t><w:br chibo-nl="p"/><w:t xml:space="preserve">'


def _illegal(text: str, *, breaks: bool = False) -> None:
    """Refuse a character XML cannot hold (``breaks``: docxtpl's ``\\a`` and ``\\f`` are fine)."""
    bad = (_BREAKS_ALLOWED if breaks else _ILLEGAL).search(text)
    if bad:
        raise IllegalTextError(message(
            "the text holds the character U+{code} at position {position}, which a .docx "
            "cannot hold; remove it from the data", code=f"{ord(bad.group()):04X}",
            position=bad.start()))


def _finalize(value: Any) -> Any:
    """Turn a printed value into escaped WordprocessingML text (Jinja's ``finalize`` hook)."""
    if value is None:
        raise NoValueError
    if isinstance(value, RICH_TYPES):
        return _rich_marker(value)
    check_printed(value)
    if hasattr(value, "__html__") and not isinstance(value, str):
        raise _foreign(value)
    text = value if isinstance(value, str) else str(value)
    _illegal(text, breaks=True)
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
    if "\f" in xml:  # docxtpl's page break
        xml = xml.replace("\f", _PAGE_BREAK_XML)
    if "\a" in xml:  # docxtpl's new paragraph
        xml = xml.replace("\a", _PARAGRAPH_XML)
    return Markup(xml)


def _finalize_text(value: Any) -> Any:
    """Turn a value printed in a document property into plain text (escaped when written)."""
    if value is None:
        raise NoValueError
    if isinstance(value, Image | Subdoc):
        raise TextOnly(message(
            "a document property holds only text, not {what}; print a text there",
            what=message("a picture") if isinstance(value, Image) else message("a sub-document")))
    if isinstance(value, RichText | Run | RichParagraph | RichParagraphs | Listing):
        value = value.text
    check_printed(value)
    text = value if isinstance(value, str) else str(value)
    _illegal(text)
    return text


def _default(value: Any, default_value: Any = "", boolean: bool = False) -> Any:
    """Jinja's ``default``, for which ``None`` is missing too: ``{{ x | default("") }}``."""
    if value is None or isinstance(value, jinja2.Undefined) or (boolean and not value):
        return default_value
    return value


def _make_environment(filters: Filters, *, text: bool = False) -> LimitedSandbox:
    env = LimitedSandbox(
        undefined=jinja2.StrictUndefined,
        autoescape=not text,
        finalize=_finalize_text if text else _finalize,
        keep_trailing_newline=True,
    )
    env.filters.update({"default": _default, "d": _default})
    env.filters.update(filters)
    env.guard_filters()
    return env


# -- rich values ------------------------------------------------------------------------------
@dataclass
class _RichValues:
    """The rich values printed by one render, by marker number, and where each was printed."""

    items: list[RichItem] = field(default_factory=list)
    lines: list[tuple[str, int] | None] = field(default_factory=list)
    plans: dict[int, SubdocumentPlan] = field(default_factory=dict)
    blocks: int = 0


_RICH: ContextVar[_RichValues | None] = ContextVar("chibo_docs_rich_values", default=None)


def _template_line() -> tuple[str, int] | None:
    """Return the compiled part and line of the template code running now (for errors)."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.startswith("chibo-docs:"):
            return frame.f_code.co_filename, frame.f_lineno
        frame = frame.f_back  # type: ignore[assignment]
    return None


def _item(value: Any, values: _RichValues) -> tuple[RichItem, int]:
    """Return the rich item of a value and its size, for the work budget."""
    if isinstance(value, RichText):
        return RichItem("runs", value.runs), len(value.text)
    if isinstance(value, Run):
        return RichItem("runs", (value,)), len(value.text)
    if isinstance(value, RichParagraph):
        return RichItem("paragraphs", (value,)), len(value.text)
    if isinstance(value, RichParagraphs):
        return RichItem("paragraphs", value.paragraphs), len(value.text)
    if isinstance(value, Listing):
        return RichItem("listing", value), len(value.text)
    if isinstance(value, Image):
        return RichItem("image", value), len(value.data)
    plan = values.plans.get(id(value))
    if plan is None:
        plan = values.plans[id(value)] = SubdocumentPlan(value.package, value.name)

    def blocks(edits: PackageEdits, part: str) -> list[Any]:
        made = subdocument_blocks(plan, edits, part)
        values.blocks += len(made)
        if values.blocks > LIMITS.subdocument_blocks:
            raise LimitExceeded("subdocument_blocks", values.blocks, LIMITS.subdocument_blocks)
        return made

    return RichItem("blocks", value, blocks), len(value.data)


def _rich_marker(value: Any) -> Markup:
    values = _RICH.get()
    if values is None:  # printed outside a render (a template compiled elsewhere)
        raise TextOnly(message("this value can only be printed in a document's text"))
    if len(values.items) >= LIMITS.rich_items:
        raise LimitExceeded("rich_items", None, LIMITS.rich_items)
    item, size = _item(value, values)
    charge(1 + size // 1000)
    values.items.append(item)
    values.lines.append(_template_line())
    return Markup(marker_xml(len(values.items) - 1))


_EQUIVALENTS = {
    "RichText": "RichText",
    "RichTextParagraph": "RichParagraphs",
    "InlineImage": "Image",
    "Listing": "Listing",
    "Subdoc": "Subdoc",
    "Document": "Subdoc",
}


def _foreign(value: Any, path: str | None = None) -> TemplateDataError:
    """The error for markup or another library's document object found in the data."""
    kind = type(value).__name__
    module = type(value).__module__.split(".")[0]
    if module in ("docxtpl", "docx"):
        return TemplateDataError(message(
            "the data holds a {library} {kind} object, which chibo_docs does not print (it "
            "would put its raw XML into the document); give a chibo_docs.models.{equivalent} "
            "instead", library=module, kind=kind, equivalent=_EQUIVALENTS.get(kind, "RichText")),
            field=path)
    return TemplateDataError(message(
        "the data holds markup ({kind}); chibo_docs escapes every value and takes no markup "
        "from data: give the plain text, or a chibo_docs.models.RichText for formatted text",
        kind=kind), field=path)


def _check_data(value: Any, path: str = "", depth: int = 0, seen: list[int] | None = None) -> None:
    """Refuse markup and other libraries' document objects anywhere in the data."""
    seen = seen if seen is not None else [0]
    seen[0] += 1
    if depth > LIMITS.nesting or seen[0] > LIMITS.list_length:
        return  # deeper or larger data is refused where it is printed, if ever
    if isinstance(value, str):
        if isinstance(value, Markup):
            raise _foreign(value, path or None)
        return
    if isinstance(value, (*RICH_TYPES, int, float)) or value is None:
        return
    module = type(value).__module__.split(".")[0]
    if module in ("docxtpl", "docx") or hasattr(value, "__html__"):
        raise _foreign(value, path or None)
    children: Iterator[tuple[str, Any]]
    if isinstance(value, BaseModel):
        children = ((name, getattr(value, name)) for name in type(value).model_fields)
    elif isinstance(value, Mapping):
        children = ((str(key), item) for key, item in value.items())
    elif isinstance(value, list | tuple | set | frozenset):
        children = ((str(i), item) for i, item in enumerate(value))
    else:
        return
    for name, child in children:
        _check_data(child, f"{path}.{name}" if path else name, depth + 1, seen)


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
class _CompiledProperty:
    part: str
    index: int
    label: str
    template: jinja2.Template
    filename: str
    lines: LineTags


@dataclass(frozen=True)
class _CompiledTemplate:
    name: str
    package: dict[str, bytes]
    parts: tuple[_CompiledPart, ...]
    first_drawing_id: int
    properties: tuple[_CompiledProperty, ...] = ()


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
    source, back = _protect_quotes(part_text(root).replace("\n", "&#10;"))
    source = _clean_tags(_DOCXTPL.patch_xml(source), back)
    source = _OUTSIDE_TAGS.sub(lambda m: m.group(1) or "\n<", source)
    filename = f"chibo-docs:{name}:{part.name}"
    lines = LineTags.build(source, paragraphs)

    def fail(exc: BaseException, line: int | None) -> TemplateError:
        return explain(exc, template=name, part=part.label, lines=lines, line=line)

    try:
        tree = _parse(env, source, part, filename, paragraphs)
        for node in tree.find_all(tuple(_FORBIDDEN)):
            word = _FORBIDDEN[type(node)]
            raise fail(TagNotAllowed(_not_allowed(word)), node.lineno)
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


def _not_allowed(word: str) -> Message:
    return message(
        "{{% {word} %}} cannot be used in a .docx template: a template is one file and cannot "
        "take in other templates; copy what it should bring in (a macro, a block of text) into "
        "this template", word=word)


_CURLY = "\u201c\u201d\u2018\u2019"


def _protect_quotes(xml: str) -> tuple[str, dict[str, str]]:
    """Swap Word's curly quotes for private characters, so that docxtpl leaves them alone.

    docxtpl turns every curly quote inside a tag into a straight one, also those typed inside a
    string (``{{ “Anh ‘Ba’” }}``); :func:`_clean_tags` reads them as
    :func:`~chibo_docs.ooxml.tags.straight_quotes` says and puts the others back.
    """
    if not any(quote in xml for quote in _CURLY):
        return xml, {}
    free = [chr(c) for c in range(0xF8E0, 0xF900) if chr(c) not in xml][:4]
    table: dict[str, str | int | None] = dict(zip(_CURLY, free, strict=True))
    return xml.translate(str.maketrans(table)), {str(v): k for k, v in table.items()}


def _clean_tags(source: str, back: dict[str, str]) -> str:
    """Read each tag as typed: one level of XML entities off, curly quotes as delimiters."""
    undo = str.maketrans(dict[str, str | int | None](back)) if back else None

    def one(match: re.Match[str]) -> str:
        tag = match.group()
        if undo is not None:
            tag = tag.translate(undo)
        return straight_quotes(unescape_tag(tag))

    source = TAG_PATTERN.sub(one, source)
    return source.translate(undo) if undo is not None else source


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


Template = StrPath | bytes
"""A .docx template: its path, or its bytes."""


def _template_key(template: Template) -> tuple[Any, ...]:
    """Return what identifies a template's content for the cache, and its name for messages."""
    if isinstance(template, bytes | bytearray):
        return ("bytes", hashlib.sha256(template).hexdigest())
    path = Path(template)
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(
            message("cannot read the template file {path} ({reason}); check the path",
                    path=repr(str(path)), reason=exc.strerror or type(exc).__name__),
            template=path.name,
        ) from exc
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def _environment(chosen: Filters, env_key: tuple[Any, ...], *, text: bool) -> LimitedSandbox:
    key = (text, env_key)
    env = _environments.get(key)
    if env is None:
        env = _environments[key] = _make_environment(chosen, text=text)
    return env


def _load(template: Template, filters: Filters | None) -> _CompiledTemplate:
    key_of_file = _template_key(template)
    chosen = FILTERS if filters is None else filters
    env_key = tuple(sorted(chosen.items(), key=lambda item: item[0]))
    key = (*key_of_file, env_key)
    with _lock:
        if key in _cache:
            _stats["hits"] += 1
            _cache.move_to_end(key)
            return _cache[key]
        env = _environment(chosen, env_key, text=False)
        text_env = _environment(chosen, env_key, text=True)
        compiled = _compile(template, env, text_env)
        _stats["compiles"] += 1
        _cache[key] = compiled
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
        return compiled


def _compile(template: Template, env: LimitedSandbox, text_env: LimitedSandbox) -> _CompiledTemplate:
    name = "<bytes>" if isinstance(template, bytes | bytearray) else Path(template).name
    package = read_package(bytes(template) if isinstance(template, bytearray) else template,
                           name=name)
    parts = []
    for part in text_parts(package):
        if part.name not in package:
            raise TemplateError(
                message("the template has no {part} part; save it again from Word or "
                        "LibreOffice", part=repr(part.name)),
                template=name,
            )
        compiled = _compile_part(env, name, package, part)
        if compiled is not None:
            parts.append(compiled)
    templated = {p.part.name for p in parts}
    first_id = first_free_drawing_id(package, templated, source=name)
    properties = _compile_properties(text_env, name, package)
    return _CompiledTemplate(name, package, tuple(parts), first_id, properties)


def _compile_properties(
    env: LimitedSandbox, name: str, package: Mapping[str, bytes]
) -> tuple[_CompiledProperty, ...]:
    """Compile the document properties (title, subject…) that hold a tag, as text templates."""
    compiled = []
    for part in PROPERTY_PARTS:
        if part not in package or b"{" not in package[part]:
            continue
        for found in templated_texts(package[part], part):
            label = f"{part} ({found.label})"
            filename = f"chibo-docs:{name}:{part}:{found.index}"
            source = TAG_PATTERN.sub(lambda m: straight_quotes(m.group()), found.text)
            lines = LineTags.build(source, [])
            try:
                tree = env.parse(source, name=part, filename=filename)
                for node in tree.find_all(tuple(_FORBIDDEN)):
                    raise explain(TagNotAllowed(_not_allowed(_FORBIDDEN[type(node)])),
                                  template=name, part=label, lines=lines, line=node.lineno)
                template = compile_template(env, tree, part, filename)
            except jinja2.TemplateSyntaxError as exc:
                raise explain(exc, template=name, part=label, lines=lines, line=exc.lineno) from exc
            except (ValueError, OverflowError, RecursionError) as exc:
                raise explain(jinja2.TemplateSyntaxError(str(exc), 1), template=name, part=label,
                              lines=lines, line=1) from exc
            compiled.append(_CompiledProperty(part, found.index, found.label, template,
                                              filename, lines))
    return tuple(compiled)


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
    edits: PackageEdits,
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
    drawings = part.has_drawings
    if MARKER_NS in xml:
        drawings = _resolve(compiled, part, root, edits, next_id) > 0 or drawings
    split_paragraphs(root, line_breaks)
    if part.fix_tables:
        root = _DOCXTPL.fix_tables(part_text(root))
    if drawings:
        next_id = renumber_drawings(root, next_id)
    data = part_bytes(root)
    return data, next_id


def _resolve(
    compiled: _CompiledTemplate, part: _CompiledPart, root: Any, edits: PackageEdits, next_id: int
) -> int:
    """Put the XML of the rich values printed in a part in place of their markers."""
    values = _RICH.get()
    assert values is not None
    try:
        return resolve_markers(root, values.items, edits, part.part.name, next_id)
    except (PlacementError, LimitExceeded) as exc:
        index = exc.index if isinstance(exc, PlacementError) else len(values.items) - 1
        where = values.lines[index] if 0 <= index < len(values.lines) else None
        line = (part.template.get_corresponding_lineno(where[1])
                if where is not None and where[0] == part.filename else None)
        problem: BaseException = NotPlaced(exc.reason) if isinstance(exc, PlacementError) else exc
        raise explain(
            problem, template=compiled.name, part=part.part.label, lines=part.lines, line=line
        ) from exc


def _render_properties(
    compiled: _CompiledTemplate, context: dict[str, Any], package: dict[str, bytes]
) -> None:
    """Render the document properties that hold tags, as text, into ``package``."""
    values: dict[str, dict[int, str]] = {}
    for prop in compiled.properties:
        try:
            text = prop.template.render(context)
        except TemplateLimitError:
            raise
        except Exception as exc:
            raise explain(exc, template=compiled.name, part=f"{prop.part} ({prop.label})",
                          lines=prop.lines, line=line_of(exc, prop.filename)) from exc
        values.setdefault(prop.part, {})[prop.index] = text
    for part, texts in values.items():
        package[part] = replace_texts(package[part], texts)


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


def _render(
    template: Template,
    data: BaseModel | Mapping[str, Any],
    filters: Filters | None,
    line_breaks: LineBreaks,
) -> bytes:
    compiled = _load(template, filters)
    context = template_context(data)
    try:
        _check_data(context if not isinstance(data, BaseModel) else data)
    except TemplateDataError as exc:
        exc.template = compiled.name
        raise
    package = dict(compiled.package)
    edits = PackageEdits(package, compiled.name)
    next_id = compiled.first_drawing_id
    token = _RICH.set(_RichValues())
    try:
        with budget(LIMITS):
            for part in compiled.parts:
                package[part.part.name], next_id = _render_part(
                    compiled, part, context, line_breaks, next_id, edits
                )
            _render_properties(compiled, context, package)
    finally:
        _RICH.reset(token)
    edits.finish()
    total = sum(len(content) for content in package.values())
    if total > LIMITS.output_bytes:
        raise TemplateLimitError(
            "output_bytes", total, LIMITS.output_bytes, template=compiled.name
        )
    return zip_package(package)


def render_template_bytes(
    template: Template,
    data: BaseModel | Mapping[str, Any],
    *,
    filters: Filters | None = None,
    line_breaks: LineBreaks = "paragraph",
    lang: str | None = None,
) -> bytes:
    """Fill the .docx ``template`` with ``data`` and return the new document's bytes.

    Args:
        template: a .docx template with docxtpl/Jinja tags: its path, or its bytes.
        data: a pydantic model, whose top-level fields become the template's variables
            (nested models stay objects: ``{{ meeting.chair.full_name }}``), or a mapping.
            Values may be rich (:mod:`chibo_docs.models.rich`: formatted text, pictures,
            listings, sub-documents); markup in the data is refused.
        filters: Jinja filters for the tags; by default chibo_docs' Vietnamese formatters.
        line_breaks: what a line break in a text value becomes: ``"paragraph"`` (a new
            paragraph in the same style, so justified text stays justified) or ``"break"``
            (a line break inside the paragraph).
        lang: the language of the error messages (``"vi"`` or ``"en"``; default: the
            language in force, see :mod:`chibo_docs.i18n`).

    Raises:
        TemplateSyntaxError: a tag is not valid Jinja/docxtpl syntax.
        TemplateDataError: a tag uses a field the data lacks, prints ``None``, a filter
            refuses its value, a rich value cannot stand where it is printed, or the data
            holds markup.
        TemplateSecurityError: a tag reaches for Python internals.
        TemplateLimitError: the template file, a tag, the work of the render or the output
            goes over a limit of :mod:`chibo_docs.limits`.
        OutputXMLError: the rendered document would not be well-formed XML.
        DocxFileError: the template is not a readable .docx (a part named, with its line).
        TemplateError: the template file is missing.
    """
    with using(lang) as chosen:
        try:
            return _render(template, data, filters, line_breaks)
        except TemplateError as exc:
            if lang is not None:
                exc.lang = chosen
            raise


def render_template(
    template: Template,
    data: BaseModel | Mapping[str, Any],
    dest: StrPath,
    *,
    filters: Filters | None = None,
    line_breaks: LineBreaks = "paragraph",
    lang: str | None = None,
) -> Path:
    """Fill the .docx ``template`` with ``data`` and save it as ``dest``; return ``dest``.

    Any template, with a pydantic model or a plain mapping, sandboxed, escaped and strict as
    the forms are (a missing field or ``None`` is an error naming the paragraph and the tag):

    >>> import docx, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> document = docx.Document()
    >>> _ = document.add_paragraph("Kính gửi: {{ to }} ({{ org | default('') }})")
    >>> document.save(folder / "thu.docx")
    >>> from chibo_docs.ooxml.text import visible_text
    >>> out = render_template(folder / "thu.docx", {"to": "Chi bộ A & B", "org": None},
    ...                       folder / "out.docx")
    >>> visible_text(out)
    'Kính gửi: Chi bộ A & B ()'

    The file appears whole or not at all: it is written to a temporary file in the same
    folder and moved into place. See :func:`render_template_bytes` for the arguments and errors.
    """
    content = render_template_bytes(
        template, data, filters=filters, line_breaks=line_breaks, lang=lang
    )
    return write_atomically(dest, content)
