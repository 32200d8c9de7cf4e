"""Fill a .docx template with data, safely: the only module that uses docxtpl.

docxtpl's own ``render()`` deletes text silently when data holds ``&`` or ``<``, prints a
missing variable as a blank and names a template error by an internal XML line number. This
engine keeps docxtpl's tag syntax (``{{ }}``, ``{%p %}``, ``{%tr %}``, ``{%tc %}``, ``{%r %}``,
``colspan``, ``cellbg``, ``vm``, ``hm``) but renders with:

* autoescape on, :class:`jinja2.StrictUndefined`, and a sandboxed, immutable Jinja
  environment (a tag reaching for ``__class__`` raises :class:`TemplateSecurityError`);
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

import io
import os
import re
import tempfile
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape
from pydantic import BaseModel

from chibo_docs.error_mapping import IllegalTextError, LineTags, NoValueError, explain, line_of
from chibo_docs.errors import OutputXMLError, TemplateError
from chibo_docs.filters import FILTERS
from chibo_docs.template_source import (
    Part,
    W,
    iter_part_paragraphs,
    read_package,
    text_parts,
)

__all__ = [
    "CacheInfo",
    "LineBreaks",
    "cache_info",
    "check_xml",
    "clear_cache",
    "render_bytes",
    "render_docx",
]

StrPath = str | os.PathLike[str]
Filters = Mapping[str, Callable[..., Any]]
LineBreaks = Literal["paragraph", "break"]

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NEWLINE_XML = '</w:t><w:br chibo-nl="1"/><w:t xml:space="preserve">'
_TAB_XML = '</w:t><w:tab/><w:t xml:space="preserve">'
_OUTSIDE_TAGS = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})|<", re.DOTALL)
_MARK = "chibo-p"  # numbers each template paragraph so that a Jinja line maps back to it
_MARKS = re.compile(r' chibo-p="\d+"')
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


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
    if hasattr(value, "__html__"):
        return value
    text = value if isinstance(value, str) else str(value)
    bad = _ILLEGAL.search(text)
    if bad:
        raise IllegalTextError(
            f"the text holds {bad.group()!r} at position {bad.start()}, a character a .docx "
            f"cannot hold; remove it from the data"
        )
    xml = str(escape(text))
    if "{" in xml or "}" in xml:  # keep docxtpl's {_{ ... }_} un-escaping away from data
        xml = xml.replace("{", "&#123;").replace("}", "&#125;")
    if "\r" in xml:
        xml = xml.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in xml:
        xml = xml.replace("\n", _NEWLINE_XML)
    if "\t" in xml:
        xml = xml.replace("\t", _TAB_XML)
    return Markup(xml)


def _make_environment(filters: Filters) -> jinja2.Environment:
    env = ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    return env


@dataclass(frozen=True)
class _CompiledPart:
    part: Part
    template: jinja2.Template
    filename: str
    lines: LineTags
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
_environments: dict[tuple[Any, ...], jinja2.Environment] = {}
_stats = {"hits": 0, "compiles": 0}
_CACHE_SIZE = 64
_local = threading.local()


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


def _strict_parser() -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            recover=False, resolve_entities=False, no_network=True, huge_tree=True
        )
        _local.parser = parser
    return parser


def check_xml(data: bytes | str, *, template: str, part: str) -> etree._Element:
    """Parse a rendered part with a strict XML parser and return its root element.

    Raises:
        OutputXMLError: when the XML is not well formed, naming the template and the part,
            with the text around the fault. Nothing is repaired.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        return etree.fromstring(raw, _strict_parser())
    except etree.XMLSyntaxError as exc:
        line = raw.splitlines()[exc.lineno - 1] if exc.lineno and raw else b""
        column = max((exc.offset or 1) - 1, 0)
        around = line[max(column - 60, 0) : column + 40].decode("utf-8", "replace")
        raise OutputXMLError(
            f"the rendered XML is not well formed ({exc.msg}); a filter or value produced "
            f"markup that breaks the document, so nothing was written",
            template=template,
            part=part,
            snippet=around,
        ) from exc


def _compile_part(
    env: jinja2.Environment, name: str, package: dict[str, bytes], part: Part
) -> _CompiledPart | None:
    root = check_xml(package[part.name], template=name, part=part.label)
    if b"{" not in package[part.name]:
        return None
    paragraphs = []
    for number, (element, paragraph) in enumerate(iter_part_paragraphs(root, part)):
        element.set(_MARK, str(number))
        paragraphs.append(paragraph)
    source = etree.tostring(root, encoding="unicode").replace("\n", "&#10;")
    source = _DOCXTPL.patch_xml(source)
    source = _OUTSIDE_TAGS.sub(lambda m: m.group(1) or "\n<", source)
    filename = f"chibo-docs:{name}:{part.name}"
    lines = LineTags.build(source, paragraphs)
    try:
        code = env.compile(source, name=part.name, filename=filename)
    except jinja2.TemplateSyntaxError as exc:
        raise explain(exc, template=name, part=part.label, lines=lines, line=exc.lineno) from exc
    template = env.template_class.from_code(env, code, env.make_globals(None), None)
    return _CompiledPart(
        part=part,
        template=template,
        filename=filename,
        lines=lines,
        fix_tables="{%tc" in source or "{% tc" in source or "hm %}" in source,
        unescape_braces=any(s in source for s in ("{_{", "}_}", "{_%", "%_}")),
        has_drawings="docPr" in source,
    )


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


def _compile(path: Path, env: jinja2.Environment) -> _CompiledTemplate:
    name = path.name
    try:
        package = read_package(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise TemplateError(
            f"{str(path)!r} is not a .docx file ({exc}); save the template from Word or "
            "LibreOffice as .docx",
            template=name,
        ) from exc
    parts = []
    for part in text_parts(package):
        if part.name not in package:
            raise TemplateError(f"the template has no {part.name!r} part", template=name)
        compiled = _compile_part(env, name, package, part)
        if compiled is not None:
            parts.append(compiled)
    templated = {p.part.name for p in parts}
    first_id = 1
    for member, data in package.items():
        if member not in templated and b"docPr" in data and member.endswith(".xml"):
            ids = [
                int(e.get("id", "0"))
                for e in etree.fromstring(data).iter(_WP_DOCPR)
                if e.get("id", "").isdigit()
            ]
            first_id = max([first_id, *(i + 1 for i in ids)])
    return _CompiledTemplate(name, package, tuple(parts), first_id)


def _context(data: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(data, BaseModel):
        return dict(data)
    if isinstance(data, Mapping):
        return dict(data)
    raise TypeError(
        f"render needs a pydantic model or a mapping of names to values, got {type(data).__name__}"
    )


def _split_paragraphs(root: etree._Element, line_breaks: LineBreaks) -> None:
    """Turn the line breaks that came from data into paragraphs (or plain line breaks)."""
    for br in list(root.iter(W + "br")):
        if br.get("chibo-nl") is None:
            continue
        del br.attrib["chibo-nl"]
        run = br.getparent()
        paragraph = run.getparent() if run is not None else None
        if line_breaks == "break" or run is None or paragraph is None:
            continue
        if run.tag != W + "r" or paragraph.tag != W + "p":
            continue
        new_run = etree.Element(W + "r")
        properties = run.find(W + "rPr")
        if properties is not None:
            new_run.append(_copy(properties))
        for sibling in list(br.itersiblings()):
            new_run.append(sibling)
        run.remove(br)
        new_paragraph = etree.Element(W + "p")
        paragraph_properties = paragraph.find(W + "pPr")
        if paragraph_properties is not None:
            copied = _copy(paragraph_properties)
            section = paragraph_properties.find(W + "sectPr")
            if section is not None:  # the section break belongs after the last piece
                paragraph_properties.remove(section)
            new_paragraph.append(copied)
        new_paragraph.append(new_run)
        for sibling in list(run.itersiblings()):
            new_paragraph.append(sibling)
        paragraph.addnext(new_paragraph)


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def _render_part(
    compiled: _CompiledTemplate,
    part: _CompiledPart,
    context: dict[str, Any],
    line_breaks: LineBreaks,
    next_id: int,
) -> tuple[bytes, int]:
    try:
        xml = part.template.render(context)
    except Exception as exc:
        line = line_of(exc, part.filename)
        raise explain(
            exc, template=compiled.name, part=part.part.label, lines=part.lines, line=line
        ) from exc
    xml = _MARKS.sub("", xml.replace("\n<", "<"))
    if part.unescape_braces:
        xml = (
            xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
    root = check_xml(xml, template=compiled.name, part=part.part.label)
    _split_paragraphs(root, line_breaks)
    if part.fix_tables:
        root = _DOCXTPL.fix_tables(etree.tostring(root, encoding="unicode"))
    if part.has_drawings:
        for drawing in root.iter(_WP_DOCPR):
            drawing.set("id", str(next_id))
            next_id += 1
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data, next_id


def _zip(package: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in package.items():
            info = zipfile.ZipInfo(member, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            archive.writestr(info, data)
    return buffer.getvalue()


def render_bytes(
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
        OutputXMLError: the rendered document would not be well-formed XML.
        TemplateError: the template file is missing or is not a .docx.
    """
    compiled = _load(Path(template), filters)
    context = _context(data)
    package = dict(compiled.package)
    next_id = compiled.first_drawing_id
    for part in compiled.parts:
        package[part.part.name], next_id = _render_part(
            compiled, part, context, line_breaks, next_id
        )
    return _zip(package)


def render_docx(
    template: StrPath,
    data: BaseModel | Mapping[str, Any],
    dest: StrPath,
    *,
    filters: Filters | None = None,
    line_breaks: LineBreaks = "paragraph",
) -> Path:
    """Fill the .docx ``template`` with ``data`` and save it as ``dest``; return ``dest``.

    The file appears whole or not at all: it is written to a temporary file in the same
    folder and moved into place. See :func:`render_bytes` for the arguments and errors.
    """
    content = render_bytes(template, data, filters=filters, line_breaks=line_breaks)
    target = Path(dest)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
