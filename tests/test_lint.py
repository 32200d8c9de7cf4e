"""The template linter: deliberately broken templates, every problem found in one run, located.

Each case is a few paragraphs of WordprocessingML that break one rule. The same case is placed
in the body, a header, a footer and a table cell, and the finding must name that place.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import docx
import pytest
from lxml import etree

from chibo_docs.cli import main
from chibo_docs.errors import ChiboDocsError, DocxFileError
from chibo_docs.i18n import using
from chibo_docs.layout.builder import build_docx
from chibo_docs.loading.reader import load_data
from chibo_docs.models import Minutes
from chibo_docs.ooxml.text import visible_text
from chibo_docs.problems import Problem
from chibo_docs.resources import examples_dir
from chibo_docs.templating.engine import render_template_bytes
from chibo_docs.templating.lint import RULES, lint_template
from tests.support.form_specs import resolution

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TRACK = 'w:id="9" w:author="A" w:date="2021-04-26T00:00:00Z"'


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These tests read the English messages (the default language is Vietnamese)."""
    with using("en"):
        yield


def run(text: str, *, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def p(*inner: str) -> str:
    """A paragraph of runs; plain strings become one run each."""
    return "".join(x if x.startswith("<") else run(x) for x in inner)


# rule → (paragraphs, the tag reported, words of the message, words of the hint)
CASES: dict[str, tuple[list[str], str, str, str]] = {
    "L001": ([p("Địa điểm: {{ meeting.place }")], "{{ meeting.place }", "does not close with '}}'", "end the tag with '}}'"),
    "L002": ([p("Chi bộ {{ meting.cell.name }}")], "{{ meting.cell.name }}", "no variable 'meting'", "did you mean 'meeting'"),
    "L003": ([p("{{ meeting.chiar.full_name }}")], "{{ meeting.chiar.full_name }}", "'meeting' has no attribute 'chiar'", "did you mean 'chair'"),
    "L004": (
        [p("{%p for x in meeting.place %}"), p("{{ x }}"), p("{%p endfor %}")],
        "{%p for x in meeting.place %}",
        "'meeting.place' is a text, not a list",
        "loop over a field that holds a list",
    ),
    "L005": ([p("{{ meeting.date | fomat_date }}")], "{{ meeting.date | fomat_date }}", "no filter 'fomat_date'", "did you mean 'format_date'"),
    "L006": ([p("{{ meeting.__class__ }}")], "{{ meeting.__class__ }}", "Python internals", "fields listed in the guide"),
    "L007": ([p("Chủ trì: {%p if meeting.chair %}"), p("{%p endif %}")], "{%p if meeting.chair %}", "would be lost", "paragraph of its own"),
    "L010": ([p("Họp tại {{ meeting."), p("place }}")], "{{ meeting.", "does not end in this paragraph", "inside one paragraph"),
    "L012": (
        [p("Tại {{ meeting.", f'<w:hyperlink w:anchor="a">{run("place }}")}</w:hyperlink>')],
        "{{ meeting.place }}",
        "inside a hyperlink",
        "type it again as plain text",
    ),
    "L013": (
        [p("Tại ", f"<w:del {_TRACK}><w:r><w:delText>{{{{ meeting.plase }}}}</w:delText></w:r></w:del>", "hội trường")],
        "{{ meeting.plase }}",
        "deleted with Track Changes",
        "Accept All Changes",
    ),
}
CASES["L014"] = (
    [p("{%p set names = {'a': 1} %}"), p("{{ names.a }}")],
    "{%p set names = {'a': 1} %}",
    "holds '}' or '%'",
    "a {% set %} tag of its own",
)
CASES["L015"] = (
    [p("{% include 'chu-ky.docx' %}")],
    "{% include 'chu-ky.docx' %}",
    "{% include %} cannot be used in a .docx template",
    "copy what it should bring in",
)
CASES["L017"] = (
    [p("Chuyên đề: {{ meeting.topic }}")],
    "{{ meeting.topic }}",
    "'meeting.topic' may be empty (None)",
    'write {{ meeting.topic | default("") }}',
)
_DEEP = "{{ " + "(" * 41 + "meeting.place" + ")" * 41 + " }}"
CASES["L016"] = ([p(_DEEP)], _DEEP, "brackets nest 41 levels deep", "simpler steps")
ROW_CASES: dict[str, tuple[list[str], str, str, str]] = {
    "L009": ([p("{%tr for item in meeting.agenda %}"), p("{%tr endfor %}")], "{%tr for item in meeting.agenda %}", "only inside a table row", "use {%p %}"),
}
PLACES = ("body", "header", "footer", "cell")


def _paragraphs(xml: Sequence[str]) -> list[etree._Element]:
    return [etree.fromstring(f'<w:p xmlns:w="{W}">{inner}</w:p>') for inner in xml]


def make_template(
    *,
    body: Sequence[str] = (),
    header: Sequence[str] = (),
    footer: Sequence[str] = (),
    cell: Sequence[str] = (),
    rows: Sequence[Sequence[Sequence[str]]] = (),
) -> bytes:
    """A .docx with the given paragraphs (inner XML) in its body, header, footer and table."""
    document = docx.Document()
    section = document.sections[0]
    for part, xml in ((section.header, header), (section.footer, footer)):
        if xml:
            root = part._element
            for child in list(root):
                root.remove(child)
            root.extend(_paragraphs(xml))
    sect_pr = document.element.body.sectPr
    for element in _paragraphs(list(body) or [p("Nội dung")]):
        sect_pr.addprevious(element)
    grid = [[cell]] if cell else rows
    if grid:
        table = document.add_table(rows=len(grid), cols=max(len(r) for r in grid))
        for r, row in enumerate(grid):
            for c, paragraphs in enumerate(row):
                tc = table.cell(r, c)._tc
                for old in tc.findall(f"{{{W}}}p"):
                    tc.remove(old)
                tc.extend(_paragraphs(list(paragraphs) or [""]))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def placed(place: str, paragraphs: Sequence[str]) -> bytes:
    """A template holding ``paragraphs`` in the body, header, footer or a table cell."""
    return make_template(
        body=paragraphs if place == "body" else (),
        header=paragraphs if place == "header" else (),
        footer=paragraphs if place == "footer" else (),
        cell=paragraphs if place == "cell" else (),
    )


def _where(place: str) -> str:
    return {
        "body": "body, paragraph 1",
        "header": "header (header1.xml), paragraph 1",
        "footer": "footer (footer1.xml), paragraph 1",
        "cell": "body, table 1, row 1, cell 1, paragraph 1",
    }[place]


def lint(data: bytes, model: type = Minutes) -> list[Problem]:
    return lint_template(data, model, layout=None)


def errors(findings: list[Problem]) -> list[Problem]:
    return [f for f in findings if f.severity != "info"]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_is_reported_where_the_tag_is(rule: str, place: str) -> None:
    paragraphs, tag, message, hint = CASES[rule]
    found = errors(lint(placed(place, paragraphs)))
    assert [f.code for f in found] == [rule], found
    (finding,) = found
    assert finding.where == _where(place)
    assert finding.tag == tag
    assert message in finding.message
    assert finding.hint is not None
    assert hint in finding.hint
    assert finding.found  # the snippet that finds the paragraph in Word
    assert finding.source == RULES[rule][1]


@pytest.mark.parametrize("place", ["body", "header", "footer"])
def test_a_row_tag_outside_a_table_is_reported(place: str) -> None:
    paragraphs, tag, message, hint = ROW_CASES["L009"]
    found = errors(lint(placed(place, paragraphs)))
    assert {(f.code, f.where, f.tag) for f in found} >= {("L009", _where(place), tag)}
    assert all(f.code == "L009" for f in found)


def test_two_row_tags_in_one_row_are_reported_at_the_second() -> None:
    rows = [
        [[p("{%tr for item in meeting.agenda %}")], [p("{%tr endfor %}")]],
        [[p("{{ meeting.place }}")], [p("")]],
    ]
    found = errors(lint(make_template(rows=rows)))
    assert [(f.code, f.where, f.tag) for f in found] == [
        ("L008", "body, table 1, row 1, cell 2, paragraph 1", "{%tr endfor %}")
    ]


def test_a_union_attribute_is_valid_when_one_member_has_it() -> None:
    """An opinion's speaker is a Member or a Guest: both have full_name, only Guest has role text."""
    rows = [
        [[p("{%tr for o in meeting.speeches %}")], [p("")]],
        [[p("{{ o.speaker.full_name }}")], [p("{{ o.speaker.position }} {{ o.speaker.rank }}")]],
        [[p("{%tr endfor %}")], [p("")]],
    ]
    found = [f for f in lint(make_template(rows=rows)) if f.severity == "error"]
    assert [(f.code, f.where, f.tag) for f in found] == [
        ("L003", "body, table 1, row 2, cell 2, paragraph 1", "{{ o.speaker.rank }}")
    ]


def test_every_problem_is_reported_in_one_run_in_every_part() -> None:
    """docxtpl stops at the first error; the linter reports all of them, wherever they are."""
    data = make_template(
        header=CASES["L003"][0] + CASES["L005"][0],
        footer=CASES["L002"][0] + CASES["L013"][0],
        body=CASES["L001"][0] + CASES["L004"][0] + CASES["L007"][0] + CASES["L010"][0]
        + CASES["L006"][0] + ROW_CASES["L009"][0],
        rows=[
            [[p("{%tr for item in meeting.agenda %}")], [p("{%tr endfor %}")]],
            [[p("{{ meeting.plase }}")], CASES["L012"][0]],
        ],
    )
    found = errors(lint(data))
    got = [(f.code, f.where) for f in found]
    assert got == [  # in reading order: headers, body, footers
        ("L003", "header (header1.xml), paragraph 1"),
        ("L005", "header (header1.xml), paragraph 2"),
        ("L001", "body, paragraph 1"),
        ("L004", "body, paragraph 2"),
        ("L007", "body, paragraph 5"),
        ("L010", "body, paragraph 7"),
        ("L006", "body, paragraph 9"),
        ("L009", "body, paragraph 10"),
        ("L009", "body, paragraph 11"),
        ("L008", "body, table 1, row 1, cell 2, paragraph 1"),
        ("L003", "body, table 1, row 2, cell 1, paragraph 1"),
        ("L012", "body, table 1, row 2, cell 2, paragraph 1"),
        ("L002", "footer (footer1.xml), paragraph 1"),
        ("L013", "footer (footer1.xml), paragraph 2"),
    ], got


def test_findings_come_errors_first_then_in_reading_order_with_the_layout_check() -> None:
    """This test ensures that lint and layout findings are merged by where their paragraph is
    read, within each severity (those about no one paragraph last), one Location for both."""
    data = make_template(
        header=[p("{{ meeting.plase }}")],
        body=[p("NGHỊ QUYẾT"), p("về việc"), p("-----"), p("I. MỞ ĐẦU"), p("Chi bộ {{ meeting.chiar }}")],
    )
    found = lint_template(data, Minutes)
    rank = {"error": 0, "warning": 1, "info": 2}
    assert [rank[f.severity] for f in found] == sorted(rank[f.severity] for f in found)
    errors_found = [f for f in found if f.severity == "error"]
    in_paragraphs = [
        (f.code, f.where) for f in errors_found if f.location and f.location.paragraph
    ]
    assert in_paragraphs == [
        ("L003", "header (header1.xml), paragraph 1"),
        *[("HD36-9", "body, paragraph 1")] * 4,
        ("HD36-11", "body, paragraph 2"),
        ("HD36-12", "body, paragraph 4"),
        ("L003", "body, paragraph 5"),
    ]
    first_elsewhere = next(n for n, f in enumerate(errors_found) if not f.location or not f.location.paragraph)
    assert len(in_paragraphs) == first_elsewhere  # the page, the fonts, missing blocks: after
    heading = next(f for f in found if f.code == "HD36-12")
    assert heading.location is not None
    assert (heading.location.part, heading.location.paragraph) == ("body", 4)


def test_checks_go_on_after_a_syntax_error_with_loop_variables_still_known() -> None:
    data = make_template(
        body=[
            p("{{ meeting.place }"),
            p("{%p for a in meeting.agenda %}"),
            p("{{ a.title }} {{ a.titel }}"),
            p("{%p endfor %}"),
            p("{% if meeting.chair %}{{ meeting.chair.ful_name }}"),
        ]
    )
    found = [(f.code, f.where, f.tag) for f in errors(lint(data))]
    assert ("L001", "body, paragraph 1", "{{ meeting.place }") in found
    assert ("L003", "body, paragraph 3", "{{ a.titel }}") in found
    assert ("L001", "body, paragraph 5", "{% if meeting.chair %}") in found  # never closed
    assert ("L003", "body, paragraph 5", "{{ meeting.chair.ful_name }}") in found
    assert len(found) == 4, found


def test_a_broken_loop_tag_leaves_its_variable_unchecked_not_unknown() -> None:
    data = make_template(body=[p("{%p for a in meeting.agenda %%}"), p("{{ a.title }}"), p("{%p endfor %}")])
    found = [(f.code, f.where) for f in errors(lint(data))]
    # the '%' inside the {%p %} tag also stops docxtpl from reading it (L014)
    assert sorted(found) == [("L001", "body, paragraph 1"), ("L014", "body, paragraph 1")]


@pytest.mark.parametrize(
    ("inner", "renders"),
    [
        (p("{{ meeting.", run("place }}", bold=True)), True),  # runs of one paragraph: fine
        (p("{{ meeting.", '<w:proofErr w:type="spellStart"/>', "place }}"), True),
        (p("{{ meeting.", '<w:bookmarkStart w:id="0" w:name="b"/>', "place }}"), True),
        (p("{{ meet", "<w:r><w:tab/></w:r>", "ing.place }}"), True),  # docxtpl drops the tab
        (p("{{ meeting.", f'<w:hyperlink w:anchor="a">{run("place }}")}</w:hyperlink>'), False),
        (p("{{ meeting.", f"<w:ins {_TRACK}>{run('place }}')}</w:ins>"), False),
        (p("{{ meeting.", f"<w:sdt><w:sdtContent>{run('place }}')}</w:sdtContent></w:sdt>"), False),
        (p("{{ meeting.", f'<w:fldSimple w:instr="PAGE">{run("3")}</w:fldSimple>', "place }}"), False),
        (
            p(
                "{{ meeting.",
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
                "3",
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
                "place }}",
            ),
            False,
        ),
    ],
)
def test_split_tags_are_reported_exactly_when_docxtpl_cannot_render_them(
    inner: str, renders: bool, tmp_path: Path
) -> None:
    """The linter's verdict agrees with a real render of the same template."""
    minutes = load_data(examples_dir() / "bien-ban-2021-04.yaml")
    assert isinstance(minutes, Minutes)
    path = tmp_path / "t.docx"
    path.write_bytes(make_template(body=[inner]))
    try:
        text = visible_text(render_template_bytes(path, minutes))
    except ChiboDocsError:
        text = ""
    assert (minutes.meeting.place in text) == renders
    found = errors(lint(path.read_bytes()))
    assert (not found) == renders, found
    if not renders:
        assert [f.code for f in found] == ["L012"], found


def test_unused_fields_are_listed_once_per_branch_as_information() -> None:
    found = lint(make_template(body=[p("{{ meeting.place }} {{ doc.number_line }}")]))
    unused = [f.message for f in found if f.code == "L011"]
    assert all(f.severity == "info" for f in found)
    assert "the field 'closing_statement' is not used by this template" in unused
    assert not any("'meeting.place'" in m for m in unused)
    # a branch never used is listed once, not field by field
    assert sum("'meeting.cell" in m for m in unused) == 1


def test_a_template_built_by_the_builder_has_layout_findings_merged_in() -> None:
    data = build_docx(resolution(recipients=("Đảng ủy Sở,",)))  # no 'Lưu …' line
    found = lint_template(data, None)
    assert [f.code for f in found if f.severity == "error"] == []
    assert any(f.code == "HD36-14" for f in found)


def test_a_conformant_template_without_tags_lints_clean() -> None:
    assert [f for f in lint_template(build_docx(resolution()), None) if f.severity != "info"] == []


def test_an_unreadable_file_is_a_template_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DocxFileError, match="cannot read .*bad.docx'?: it is not a .docx"):
        lint_template(bad)


def test_cli_prints_every_finding_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.docx"
    path.write_bytes(make_template(body=CASES["L002"][0], header=CASES["L005"][0]))
    assert main(["lint", str(path), "--model", "Minutes", "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "error L002 at body, paragraph 1, tag {{ meting.cell.name }}" in out
    assert "did you mean 'meeting'" in out
    assert "error L005 at header (header1.xml), paragraph 1" in out
    assert "L011" not in out


def test_cli_json_lists_rule_where_tag_and_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.docx"
    path.write_bytes(make_template(cell=CASES["L003"][0]))
    assert main(["lint", str(path), "--model", "Minutes", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["file"] == str(path)
    items = report["problems"]
    assert items[0]["severity"] == "error"
    first = next(i for i in items if i["code"] == "L003")
    assert (first["code"], first["where"], first["tag"]) == (
        "L003",
        "body, table 1, row 1, cell 1, paragraph 1",
        "{{ meeting.chiar.full_name }}",
    )
    assert first["location"] == {
        "part": "body",
        "cells": [{"table": 1, "row": 1, "cell": 1}],
        "paragraph": 1,
        "snippet": "{{ meeting.chiar.full_name }}",
    }
    assert "chair" in first["hint"]
    assert any(i["code"].startswith("HD36-") for i in items)  # the layout check ran too


def test_cli_exits_0_on_a_clean_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.docx"
    path.write_bytes(build_docx(resolution()))
    with using("vi"):  # the default language
        assert main(["lint", str(path), "--model", "Resolution", "--quiet"]) == 0
    assert "0 lỗi" in capsys.readouterr().out


def test_every_rule_has_a_test_case() -> None:
    tested = set(CASES) | set(ROW_CASES) | {"L008", "L011"}
    assert tested == set(RULES)


@pytest.mark.parametrize(
    "tag",
    ["{% extends 'goc.docx' %}", "{% import 'm.docx' as m %}", "{% from 'm.docx' import ky %}"],
)
def test_every_tag_taking_in_another_template_is_an_error(tag: str, tmp_path: Path) -> None:
    """This test ensures that lint no longer says "0 errors" for tags that can never render,
    and that the renderer refuses them too (a syntax error, not a loader error)."""
    from chibo_docs.errors import TemplateSyntaxError

    data = placed("body", [p(tag)])
    found = errors(lint(data))
    assert [(f.code, f.tag) for f in found] == [("L015", tag)]
    path = tmp_path / "mau.docx"
    path.write_bytes(data)
    with pytest.raises(TemplateSyntaxError, match="cannot take in other templates"):
        render_template_bytes(path, {})


def test_blocks_nested_too_deeply_are_reported_at_the_deepest_block() -> None:
    opening = [p(f"{{% for x{k} in meeting.agenda %}}") for k in range(21)]
    closing = [p("{% endfor %}")] * 21
    found = errors(lint(placed("body", [*opening, p("x"), *closing])))
    assert [(f.code, f.tag) for f in found] == [("L016", "{% for x20 in meeting.agenda %}")]
    assert "21 levels deep" in found[0].message
    assert found[0].where == "body, paragraph 21"


def test_a_number_too_long_to_read_is_a_syntax_error_and_the_rest_is_still_checked() -> None:
    huge = "{{ " + "9" * 5000 + " }}"
    found = errors(lint(placed("body", [p(huge), p("{{ meting.place }}")])))
    assert [(f.code, f.tag) for f in found] == [("L001", huge), ("L002", "{{ meting.place }}")]
    assert "4300 digits" in found[0].message


def test_a_zip_bomb_is_refused_before_lint_unpacks_it(tmp_path: Path) -> None:
    from chibo_docs.errors import TemplateLimitError
    from samples.zip_bombs import GiB, deflated_zeros, named, with_member

    data = with_member(make_template(body=[p("{{ meeting.place }}")]),
                       named(deflated_zeros(GiB), "word/media/image1.png"))
    with pytest.raises(TemplateLimitError, match="zip bomb") as info:
        lint_template(data, Minutes)
    assert info.value.part == "word/media/image1.png"


def test_a_template_with_more_tags_than_a_part_may_hold_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses

    from chibo_docs.limits import LIMITS
    from chibo_docs.templating import lint as lint_module

    monkeypatch.setattr(lint_module, "LIMITS", dataclasses.replace(LIMITS, tags=2))
    found = errors(lint(placed("body", [p("{{ meeting.place }}")] * 3)))
    assert [(f.code, f.where) for f in found] == [("L016", "body, paragraph 3")]
    assert "3 tags, more than the 2" in found[0].message
