"""Hostile templates and documents are refused before they cost memory or time (issue 8).

Zip bombs and lying zip headers, malformed or entity-laden XML parts, tags that build huge
texts, lists or numbers, loops and recursion without end, and oversized output: each is
refused with a :class:`TemplateError` subclass that names the file, the part and, in a
template, the paragraph and the tag. Memory is measured with tracemalloc; timings live in
benchmarks/limits.py.
"""

from __future__ import annotations

import dataclasses
import io
import re
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from pydantic import BaseModel

from chibo_docs import load_data
from chibo_docs.cli import main
from chibo_docs.errors import (
    DataError,
    DocxFileError,
    TemplateError,
    TemplateLimitError,
    TemplateSecurityError,
    TemplateSyntaxError,
)
from chibo_docs.layout.conformance.checker import check_document
from chibo_docs.limits import LIMITS, Limits
from chibo_docs.ooxml.fonts import document_fonts
from chibo_docs.ooxml.reading import read_package
from chibo_docs.ooxml.text import visible_text
from chibo_docs.pipeline.render import list_forms
from chibo_docs.resources import examples_dir
from chibo_docs.templating import engine as rendering
from chibo_docs.templating.engine import render_template, render_template_bytes
from chibo_docs.templating.lint import lint_template
from samples.docx_builder import make_docx
from samples.zip_bombs import (
    GiB,
    Member,
    MiB,
    deflated,
    deflated_zeros,
    members_of,
    named,
    save,
    with_member,
    write_zip,
)

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

MEMORY_CAP = 200 * MiB
BOMB = "word/media/image1.png"

Reader = Callable[[Path], object]
READERS: dict[str, Reader] = {
    "render": lambda path: render_template_bytes(path, {"name": "An"}),
    "lint": lambda path: lint_template(path),
    "check": lambda path: check_document(path),
    "visible_text": lambda path: visible_text(path),
    "read_package": lambda path: read_package(path),
}
CAPPED_READERS: dict[str, Reader] = {**READERS, "fonts": lambda path: document_fonts(path)}
"""Every reader, the font check's too (it unpacks only the parts that name fonts)."""


def _peak(action: Callable[[], object]) -> int:
    """Run ``action`` and return the peak of memory it allocated (bytes)."""
    tracemalloc.start()
    try:
        action()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A small valid template: one paragraph with a tag, python-docx's usual parts."""
    path = make_docx(tmp_path_factory.mktemp("plain") / "plain.docx", ["Xin chào {{ name }}"])
    return path.read_bytes()


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory, plain: bytes) -> Path:
    """The plain template carrying a real 1 GiB member (1 MB on disk)."""
    folder = tmp_path_factory.mktemp("bomb")
    return save(folder / "bomb.docx", with_member(plain, named(deflated_zeros(GiB), BOMB)))


def test_the_bomb_fixture_really_unpacks_to_one_gib(bomb: Path) -> None:
    """This test ensures that the bomb the tests refuse is a real one (streamed, not held)."""
    size = 0
    with zipfile.ZipFile(bomb) as archive, archive.open(BOMB) as member:
        while chunk := member.read(64 * MiB):
            size += len(chunk)
    assert size == GiB
    assert bomb.stat().st_size < 2 * MiB


# -- zip archives --------------------------------------------------------------------------------
@pytest.mark.parametrize("reader", sorted(CAPPED_READERS))
def test_a_1_gib_zip_bomb_is_refused_from_the_directory_in_bounded_memory(
    bomb: Path, reader: str
) -> None:
    """This test ensures that render, lint, check, visible_text and the font check refuse the
    bomb unread."""
    caught: list[TemplateLimitError] = []

    def attempt() -> None:
        with pytest.raises(TemplateLimitError) as info:
            CAPPED_READERS[reader](bomb)
        caught.append(info.value)

    assert _peak(attempt) < MEMORY_CAP
    error = caught[0]
    assert (error.limit, error.value, error.maximum) == ("member_bytes", GiB, LIMITS.member_bytes)
    assert error.part == BOMB
    assert error.template is not None
    assert error.template.endswith("bomb.docx")
    assert "1 GiB" in str(error)
    assert "zip bomb" in str(error)


def _unreadable(member: Member) -> Member:
    """The same directory entry with packed data that cannot be unpacked."""
    return Member(member.name, b"\xff" * len(member.data), member.size, member.crc)


@pytest.mark.parametrize(
    ("limits", "limit"),
    [
        (Limits(zip_members=5), "zip_members"),
        (Limits(member_bytes=2000), "member_bytes"),
        (Limits(xml_part_bytes=2000), "xml_part_bytes"),
        (Limits(package_bytes=20_000), "package_bytes"),
        (Limits(compression_ratio=2, ratio_floor_bytes=1000), "compression_ratio"),
    ],
)
def test_each_directory_limit_is_checked_before_anything_is_unpacked(
    plain: bytes, limits: Limits, limit: str
) -> None:
    """This test ensures that limits come from the directory: the data could not even unpack."""
    broken = write_zip([_unreadable(m) for m in members_of(plain)])
    with pytest.raises(TemplateLimitError) as info:
        read_package(broken, limits=limits)
    assert info.value.limit == limit
    assert info.value.maximum == getattr(limits, limit)
    with pytest.raises(DocxFileError, match="cannot unpack this part"):
        read_package(broken)  # with the default limits it gets to unpacking, and fails there


def test_a_highly_packed_member_under_the_size_limit_is_refused_by_its_ratio(plain: bytes) -> None:
    data = with_member(plain, named(deflated_zeros(4 * MiB), BOMB))
    with pytest.raises(TemplateLimitError) as info:
        read_package(data)
    assert info.value.limit == "compression_ratio"
    assert info.value.value is not None
    assert info.value.value > 1000
    assert info.value.part == BOMB


def test_a_zip_directory_too_large_to_read_is_refused_before_zipfile_reads_it(
    plain: bytes,
) -> None:
    long_names = [named(deflated(b"x"), f"word/media/{'n' * 60_000}{k}.bin") for k in range(40)]
    data = write_zip([*members_of(plain), *long_names])
    with pytest.raises(TemplateLimitError) as info:
        read_package(data)
    assert info.value.limit == "directory_bytes"
    assert info.value.value is not None
    assert info.value.value > LIMITS.directory_bytes


def test_a_member_that_unpacks_beyond_its_declared_size_is_stopped(plain: bytes) -> None:
    """This test ensures that a lying header (10 KB declared, 64 MiB inside) costs nothing."""
    real = deflated_zeros(64 * MiB)
    liar = Member(BOMB, real.data, 10_000, real.crc)
    data = with_member(plain, liar)
    caught: list[DocxFileError] = []

    def attempt() -> None:
        with pytest.raises(DocxFileError) as info:
            read_package(data)
        caught.append(info.value)

    assert _peak(attempt) < 16 * MiB
    assert caught[0].part == BOMB


def test_a_member_stored_twice_is_refused(plain: bytes) -> None:
    members = members_of(plain)
    document = next(m for m in members if m.name == "word/document.xml")
    with pytest.raises(DocxFileError, match="twice") as info:
        read_package(write_zip([*members, document]))
    assert info.value.part == "word/document.xml"


def test_a_package_without_its_main_part_is_refused(plain: bytes) -> None:
    members = [m for m in members_of(plain) if m.name != "word/document.xml"]
    with pytest.raises(DocxFileError, match="no main document part"):
        read_package(write_zip(members))


# -- XML parts -----------------------------------------------------------------------------------
PARTS = [
    "word/document.xml",
    "word/header1.xml",
    "word/styles.xml",
    "[Content_Types].xml",
    "word/_rels/document.xml.rels",
    "_rels/.rels",
]


@pytest.fixture(scope="module")
def with_header(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("header")
    path = make_docx(folder / "h.docx", ["Thân {{ name }}"], header="Đầu {{ name }}")
    return path.read_bytes()


def _replace(docx_bytes: bytes, part: str, content: bytes) -> bytes:
    return with_member(docx_bytes, named(deflated(content), part))


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("part", PARTS)
def test_a_malformed_part_is_named_with_its_line_and_column_by_every_reader(
    tmp_path: Path, with_header: bytes, part: str, reader: str
) -> None:
    """This test ensures that no reader lets an lxml, zipfile or KeyError escape."""
    with zipfile.ZipFile(io.BytesIO(with_header)) as archive:
        xml = archive.read(part)
    path = save(tmp_path / "broken.docx", _replace(with_header, part, xml[:-7]))
    with pytest.raises(DocxFileError) as info:
        READERS[reader](path)
    error = info.value
    assert isinstance(error, TemplateError)
    assert isinstance(error, DataError)
    assert error.part == part
    assert error.line is not None
    assert error.column is not None
    assert f"{part}, line {error.line}, column {error.column}: " in str(error)
    assert error.template is not None
    assert error.template.endswith("broken.docx")
    assert str(error).startswith("cannot read ")
    assert "not well-formed XML" in str(error)


DOCTYPES = {
    "entity": '<!DOCTYPE w:document [<!ENTITY x "Chi bộ">]>',
    "billion laughs": "<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">"
    + "".join(f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">' for k in range(9))
    + "]>",
    "external": '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
}


@pytest.mark.parametrize("kind", sorted(DOCTYPES))
@pytest.mark.parametrize("reader", sorted(CAPPED_READERS))
def test_a_part_with_a_dtd_is_refused_without_expanding_anything(
    tmp_path: Path, plain: bytes, kind: str, reader: str
) -> None:
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    body = xml.split("?>", 1)[1]
    entity = "&j;" if kind == "billion laughs" else "&x;"
    body = body.replace("Xin chào", f"Xin chào {entity}", 1)
    hostile = f'<?xml version="1.0" encoding="UTF-8"?>{DOCTYPES[kind]}{body}'.encode()
    path = save(tmp_path / "dtd.docx", _replace(plain, "word/document.xml", hostile))
    caught: list[DocxFileError] = []

    def attempt() -> None:
        with pytest.raises(DocxFileError) as info:
            CAPPED_READERS[reader](path)
        caught.append(info.value)

    assert _peak(attempt) < 16 * MiB
    message = str(caught[0])
    assert caught[0].part == "word/document.xml"
    # libxml2 stops the billion laughs itself, before the declaration is looked at
    assert "document type declaration" in message or "amplification" in message
    assert "root:" not in message


def test_libxml2_depth_limit_is_kept(tmp_path: Path, plain: bytes) -> None:
    """This test ensures that huge_tree is off: 5,000 nested elements are refused, not parsed."""
    deep = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/' \
        b'wordprocessingml/2006/main"><w:body>' + b"<w:p>" * 5000 + b"</w:p>" * 5000 + \
        b"</w:body></w:document>"
    with pytest.raises(DocxFileError, match="depth") as info:
        read_package(_replace(plain, "word/document.xml", deep))
    assert info.value.part == "word/document.xml"


# -- what a tag may build ------------------------------------------------------------------------
def _template(tmp_path: Path, *paragraphs: str) -> Path:
    return make_docx(tmp_path / "mau.docx", ["Mở đầu", *paragraphs])


def _refusal(tmp_path: Path, tag: str, data: Any = None) -> TemplateLimitError:
    path = _template(tmp_path, tag)
    with pytest.raises(TemplateLimitError) as info:
        render_template_bytes(path, data if data is not None else {})
    error = info.value
    assert error.template == "mau.docx"
    assert error.part == "body"
    return error


def test_a_tag_building_a_text_of_1_5_billion_characters_is_refused_in_bounded_memory(
    tmp_path: Path,
) -> None:
    caught: list[TemplateLimitError] = []
    peak = _peak(lambda: caught.append(_refusal(tmp_path, "{{ 'A' * 1500000000 }}")))
    assert peak < MEMORY_CAP
    error = caught[0]
    assert (error.limit, error.value, error.maximum) == (
        "string_length", 1_500_000_000, LIMITS.string_length
    )
    assert (str(error.location), error.tag) == ("body, paragraph 2", "{{ 'A' * 1500000000 }}")
    assert "1,500,000,000 characters" in str(error)


OVERSIZED: dict[str, tuple[str, str]] = {
    # name: (tag, the limit it goes over)
    "text * n": ("{{ 'ab' * 600000 }}", "string_length"),
    "n * text": ("{{ 600000 * 'ab' }}", "string_length"),
    "text + text": ("{% set s = 'x' * 600000 %}{{ s + s }}", "string_length"),
    "text ~ text": ("{% set s = 'x' * 600000 %}{{ s ~ s }}", "string_length"),
    "doubling in a namespace": (
        "{% set ns = namespace(s='ab') %}{% for i in range(30) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        "string_length",
    ),
    "printf width": ("{{ '%1000000000s' % 'x' }}", "string_length"),
    "printf star width": ("{{ '%*s' % (1000000000, 'x') }}", "string_length"),
    "list * n": ("{{ ([1] * 1000000000)|length }}", "list_length"),
    "list + list": ("{% set l = [1] * 60000 %}{{ (l + l)|length }}", "list_length"),
    "int ** int": ("{{ 10 ** (10 ** 10) }}", "int_digits"),
    "int * int": (
        "{% set ns = namespace(x=7) %}{% for i in range(30) %}"
        "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x }}",
        "int_digits",
    ),
    "str.center": ("{{ 'x'.center(1000000000) }}", "string_length"),
    "str.ljust": ("{{ 'x'.ljust(1000000000) }}", "string_length"),
    "str.rjust": ("{{ 'x'.rjust(1000000000) }}", "string_length"),
    "str.zfill": ("{{ '1'.zfill(1000000000) }}", "string_length"),
    "str.expandtabs": ("{{ ('\\t' * 1000).expandtabs(1000000) }}", "string_length"),
    "str.replace": ("{{ ('x' * 1000).replace('', 'y' * 10000) }}", "string_length"),
    "str.join": ("{{ ('x' * 1000).join(['a'] * 10000) }}", "string_length"),
    "str.format": ("{{ '{:>1000000000}'.format('x') }}", "string_length"),
    "str.format nested": ("{{ '{:>{}}'.format('x', 1000000000) }}", "string_length"),
    "str.translate": ("{{ ('x' * 1000).translate({120: 'y' * 10000}) }}", "string_length"),
    "int.to_bytes": ("{{ (1).to_bytes(1000000000, 'big')|length }}", "string_length"),
    "|attr('center')": ("{{ ('x'|attr('center'))(1000000000) }}", "string_length"),
    "center": ("{{ 'x'|center(1000000000) }}", "string_length"),
    "indent": ("{{ ('a\\n' * 1000)|indent(100000) }}", "string_length"),
    "wordwrap": ("{{ ('a ' * 10000)|wordwrap(1, wrapstring='x' * 10000) }}", "string_length"),
    "replace": ("{{ ('x' * 1000)|replace('', 'y' * 10000) }}", "string_length"),
    "join": ("{{ (['x' * 100] * 20000)|join }}", "string_length"),
    "join attribute": (
        "{% set ns = namespace(t='x' * 1000) %}{{ ([ns] * 2000)|join(attribute='t') }}",
        "string_length",
    ),
    "format": ("{{ '%1000000000s'|format('x') }}", "string_length"),
    "batch": ("{{ [1]|batch(1000000000, 0)|list|length }}", "list_length"),
    "slice": ("{{ [1]|slice(1000000000)|list|length }}", "list_length"),
    "sum of lists": ("{% set l = [1] * 60000 %}{{ [l, l]|sum(start=[])|length }}", "list_length"),
    "tojson indent": ("{{ [1]|tojson(indent=1000000000) }}", "string_length"),
    "list of references printed": (
        "{% set a = ['x' * 1000] * 1000 %}{% set b = [a] * 1000 %}{{ b }}",
        "string_length",
    ),
    "list of references |string": (
        "{% set a = ['x' * 1000] * 1000 %}{% set b = [a] * 1000 %}{{ b|string|length }}",
        "string_length",
    ),
    "list of references |join": (
        "{% set a = ['x' * 1000] * 1000 %}{% set b = [a] * 1000 %}{{ b|join|length }}",
        "string_length",
    ),
    "lipsum": ("{{ lipsum(n=100000000) }}", "string_length"),
    "captured block": (
        "{% set x %}{% for i in range(10000) %}{{ 'y' * 1000 }}{% endfor %}{% endset %}"
        "{{ x|length }}",
        "string_length",
    ),
}


@pytest.mark.parametrize("name", sorted(OVERSIZED))
def test_a_tag_building_something_huge_is_refused_before_building_it(
    tmp_path: Path, name: str
) -> None:
    tag, limit = OVERSIZED[name]
    caught: list[TemplateLimitError] = []
    assert _peak(lambda: caught.append(_refusal(tmp_path, tag))) < 64 * MiB
    error = caught[0]
    assert error.limit == limit
    assert str(error.location) == "body, paragraph 2"
    assert error.tag is not None
    assert error.tag in tag


FINE: dict[str, tuple[str, str]] = {
    "text * n": ("{{ 'ab' * 3 }}", "ababab"),
    "printf": ("{{ '%05d|%-4s|' % (42, 'x') }}", "00042|x   |"),
    "str.format": ("{{ '{:>5}|{:,}'.format('x', 1500000000) }}", "    x|1,500,000,000"),
    "center": ("{{ 'x'|center(5) }}", "  x  "),
    "join": ("{{ ['a', 'b']|join(', ') }}", "a, b"),
    "replace": ("{{ 'Chi bộ A'|replace('A', 'B') }}", "Chi bộ B"),
    "power": ("{{ 2 ** 10 }} {{ 10 ** 10 ** 10 }}", "1024 1" + "0" * 100),
    "list + list": ("{{ ([1, 2] + [3])|join }}", "123"),
    "sum of lists": ("{{ [[1], [2, 3]]|sum(start=[])|join }}", "123"),
    "batch": ("{{ [1, 2, 3]|batch(2, 0)|list|length }}", "2"),
    "tojson": ("{{ {'a': 1}|tojson }}", '{"a": 1}'),
    "loop": ("{% for i in range(3) %}{{ loop.index }}{% endfor %}", "123"),
    "macro": ("{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(1) }}{{ m(2) }}", "<1><2>"),
    "call block": (
        "{% macro m() %}[{{ caller() }}]{% endmacro %}{% call m() %}x{% endcall %}",
        "[x]",
    ),
    "recursive loop": (
        "{% for n in [[1, [2]], [3]] recursive %}{% if n is iterable %}{{ loop(n) }}"
        "{% else %}{{ n }}{% endif %}{% endfor %}",
        "123",
    ),
}


@pytest.mark.parametrize("name", sorted(FINE))
def test_ordinary_uses_of_the_same_operators_and_filters_still_render(
    tmp_path: Path, name: str
) -> None:
    tag, shown = FINE[name]
    out = render_template_bytes(_template(tmp_path, tag), {})
    assert visible_text(out) == f"Mở đầu\n{shown}"


@pytest.mark.parametrize(
    "tag",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{% set l = range(100000)|list %}{% for i in l %}{% for j in l %}{% endfor %}{% endfor %}",
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(40) }}",
        "{% for x in [1] recursive %}{% if loop.depth < 3 %}{{ loop(range(100000)) }}"
        "{% endif %}{% endfor %}",
        "{% set s = 'x' * 1000000 %}{% for i in range(100000) %}{% if 'y' not in s %}"
        "{% endif %}{% endfor %}",
        "{% set s = 'x' * 1000000 %}{% for i in range(100000) %}{{ s.count('y') }}{% endfor %}",
    ],
    ids=["nested ranges", "a list built once", "macro called twice over", "recursive loop",
         "searching a long text", "counting in a long text"],
)
def test_work_without_end_runs_out_of_steps(tmp_path: Path, tag: str) -> None:
    error = _refusal(tmp_path, tag)
    assert (error.limit, error.value, error.maximum) == ("steps", None, LIMITS.steps)
    assert str(error.location) == "body, paragraph 2"
    assert "more than 200,000 steps" in str(error)


def test_a_macro_calling_itself_without_end_is_a_clear_error_not_a_recursion_error(
    tmp_path: Path,
) -> None:
    tag = "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"
    error = _refusal(tmp_path, tag)
    assert (error.limit, error.maximum) == ("call_depth", LIMITS.call_depth)
    assert error.tag is not None
    assert error.tag in tag
    assert "calls itself without end" in str(error)
    assert not isinstance(error.__cause__, RecursionError)


def test_a_part_rendering_too_much_is_stopped_while_rendering_and_its_paragraph_named(
    tmp_path: Path,
) -> None:
    path = make_docx(
        tmp_path / "mau.docx",
        ["Mở đầu", "{% for i in range(20000) %}{{ 'y' * 1000 }}{% endfor %}"],
    )
    caught: list[TemplateLimitError] = []

    def attempt() -> None:
        with pytest.raises(TemplateLimitError) as info:
            render_template_bytes(path, {})
        caught.append(info.value)

    assert _peak(attempt) < 100 * MiB
    error = caught[0]
    assert (error.limit, error.maximum) == ("part_output", LIMITS.part_output)
    assert (error.part, str(error.location)) == ("body", "body, paragraph 2")


def test_the_whole_output_is_capped_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_docx(tmp_path / "mau.docx", ["Chi bộ {{ name }}"])
    monkeypatch.setattr(rendering, "LIMITS", dataclasses.replace(LIMITS, output_bytes=20_000))
    dest = tmp_path / "out.docx"
    with pytest.raises(TemplateLimitError) as info:
        render_template(path, {"name": "An"}, dest)
    assert info.value.limit == "output_bytes"
    assert info.value.value is not None
    assert info.value.value > 20_000
    assert not dest.exists()
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize(
    "tag",
    ["{% include 'chung.docx' %}", "{% extends 'goc.docx' %}", "{% import 'm.docx' as m %}",
     "{% from 'm.docx' import chu_ky %}"],
)
def test_tags_taking_in_other_templates_are_refused_when_compiled(tmp_path: Path, tag: str) -> None:
    path = _template(tmp_path, tag)
    with pytest.raises(TemplateSyntaxError) as info:
        render_template_bytes(path, {})
    assert (str(info.value.location), info.value.tag) == ("body, paragraph 2", tag)
    assert "cannot take in other templates" in str(info.value)
    assert "loader" not in str(info.value)


class _Doc(BaseModel):
    name: str = "Chi bộ"


@pytest.mark.parametrize(
    "tag",
    ["{{ doc.model_dump_json(indent=1000000000) }}", "{{ doc.json() }}", "{{ doc.model_copy() }}"],
)
def test_pydantic_methods_are_out_of_reach(tmp_path: Path, tag: str) -> None:
    with pytest.raises(TemplateSecurityError) as info:
        render_template_bytes(_template(tmp_path, tag), {"doc": _Doc()})
    assert info.value.tag == tag


def test_a_part_with_too_many_tags_is_refused_before_jinja_compiles_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rendering, "LIMITS", dataclasses.replace(LIMITS, tags=3))
    path = make_docx(tmp_path / "mau.docx", ["{{ a }} {{ b }}", "{{ c }}", "{{ d }} {{ e }}"])
    with pytest.raises(TemplateLimitError) as info:
        render_template_bytes(path, {})
    assert (info.value.limit, info.value.value, info.value.maximum) == ("tags", 5, 3)
    assert (str(info.value.location), info.value.tag) == ("body, paragraph 3", "{{ d }}")


def test_brackets_nested_too_deeply_are_refused_with_the_tag(tmp_path: Path) -> None:
    tag = "{{ " + "(" * 45 + "1" + ")" * 45 + " }}"
    error = _refusal(tmp_path, tag)
    assert (error.limit, error.value, error.maximum) == ("nesting", 45, LIMITS.nesting)
    assert error.tag == tag


def test_blocks_nested_deeper_than_python_can_compile_are_refused(tmp_path: Path) -> None:
    opening = [f"{{% for i{k} in [1] %}}" for k in range(21)]
    path = make_docx(tmp_path / "mau.docx", [*opening, "x", *["{% endfor %}"] * 21])
    with pytest.raises(TemplateLimitError) as info:
        render_template_bytes(path, {})
    assert (info.value.limit, info.value.value) == ("block_nesting", 21)
    assert (str(info.value.location), info.value.tag) == ("body, paragraph 21", opening[-1])


def test_a_number_too_long_to_read_is_a_syntax_error_naming_its_paragraph(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "mau.docx", ["Mở đầu", "{{ " + "9" * 5000 + " }}"])
    with pytest.raises(TemplateSyntaxError, match="4300 digits") as info:
        render_template_bytes(path, {})
    assert str(info.value.location) == "body, paragraph 2"


def test_the_built_in_forms_render_far_below_every_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """This test ensures that the limits leave room: every form renders with 1/20 of them."""
    tight = {
        name: getattr(LIMITS, name) // 20
        for name in ("string_length", "list_length", "steps", "part_output", "tags",
                     "output_bytes")
    }
    monkeypatch.setattr(rendering, "LIMITS", dataclasses.replace(LIMITS, **tight))
    examples = {type(load_data(p)): p for p in sorted(examples_dir().glob("*.yaml"))}
    rendered = 0
    for form in list_forms():
        if form.model in examples:
            rendering.clear_cache()
            render_template_bytes(form.template, load_data(examples[form.model]))
            rendered += 1
    assert rendered >= 3
    for form in list_forms():
        package = read_package(form.template, limits=dataclasses.replace(
            LIMITS, xml_part_bytes=LIMITS.xml_part_bytes // 20, zip_members=100))
        assert package


# -- the command line: one line, no traceback ----------------------------------------------------
@pytest.fixture
def forms_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "mau.toml").write_text(
        'id = "mau"\ntitle = "Mẫu thử"\ndocument_type = "NQ"\nmodel = "Resolution"\n',
        encoding="utf-8",
    )
    return folder


def _one_line_error(capsys: pytest.CaptureFixture[str], code: int) -> str:
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.err + captured.out
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize("command", ["lint", "check"])
def test_lint_and_check_print_one_line_for_a_bomb_and_a_broken_part(
    tmp_path: Path, bomb: Path, plain: bytes, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _one_line_error(capsys, main([command, str(bomb)]))
    assert "word/media/image1.png" in line
    assert "zip bomb" in line
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        xml = archive.read("word/styles.xml")
    broken = save(tmp_path / "broken.docx", _replace(plain, "word/styles.xml", xml[:-9]))
    line = _one_line_error(capsys, main([command, str(broken)]))
    assert re.search(r"word/styles\.xml, line \d+, column \d+: the part is not well-formed", line)


def _resolution_data() -> Path:
    return next(p for p in sorted(examples_dir().glob("nghi-quyet*.yaml")))


@pytest.mark.parametrize(
    "template",
    ["bomb", "broken part", "huge text", "include"],
)
def test_render_prints_one_line_for_each_hostile_template(
    tmp_path: Path,
    forms_folder: Path,
    bomb: Path,
    plain: bytes,
    template: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = forms_folder / "mau.docx"
    if template == "bomb":
        target.write_bytes(bomb.read_bytes())
    elif template == "broken part":
        with zipfile.ZipFile(io.BytesIO(plain)) as archive:
            xml = archive.read("word/document.xml")
        target.write_bytes(_replace(plain, "word/document.xml", xml[:-9]))
    else:
        document = docx.Document()
        tag = "{{ 'A' * 1500000000 }}" if template == "huge text" else "{% include 'x' %}"
        document.add_paragraph(tag)
        document.save(str(target))
    code = main(["render", "mau", str(_resolution_data()), "-o", str(tmp_path / "out.docx"),
                 "--forms", str(forms_folder)])
    line = _one_line_error(capsys, code)
    assert "mau.docx" in line
    assert not (tmp_path / "out.docx").exists()
