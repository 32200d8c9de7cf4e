"""The linter knows everything the renderer knows (issue 13, item 3).

docxtpl's table statements come from one shared list; Word's curly quotes are read as the
renderer reads them; ``default(...)`` and ``is defined`` guards are understood; a value that may
be ``None`` printed without a guard is a warning (L017); messages are Vietnamese by default.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from chibo_docs.cli import main
from chibo_docs.i18n import using
from chibo_docs.models import Minutes
from chibo_docs.ooxml.tags import DOCXTPL_STATEMENTS
from chibo_docs.ooxml.text import visible_text
from chibo_docs.problems import Problem
from chibo_docs.templating.engine import render_template_bytes
from chibo_docs.templating.lint import lint_template
from samples.docx_builder import make_docx

_TABLE_USES: dict[str, list[str]] = {
    "colspan": ["{% colspan 2 %}gộp", ""],
    "cellbg": ['{% cellbg "FFF2CC" %}nền', "x"],
    "vm": ["{% vm %}gộp dọc", "{{ i }}"],
    "hm": ["{% hm %}gộp ngang", ""],
}


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These tests read the English messages (the default language is Vietnamese)."""
    with using("en"):
        yield


def _errors(problems: list[Problem]) -> list[tuple[str, str | None]]:
    return [(p.code, p.tag) for p in problems if p.severity == "error"]


def test_every_table_statement_of_the_shared_list_renders_and_lints_clean(tmp_path: Path) -> None:
    assert set(_TABLE_USES) == set(DOCXTPL_STATEMENTS)  # a new statement needs a case here
    rows: list[list[str]] = []
    for name, cells in _TABLE_USES.items():
        if name == "vm":
            rows += [["{%tr for i in [1, 2] %}", ""], cells, ["{%tr endfor %}", ""]]
        elif name == "hm":
            rows += [["{%tc for i in [1, 2] %}", "{% hm %}gộp ngang"], ["{%tc endfor %}", ""]]
        else:
            rows.append(cells)
    path = make_docx(tmp_path / "t.docx", ["Bảng"], table=rows)
    assert "gộp dọc" in visible_text(render_template_bytes(path, {}))
    assert _errors(lint_template(path, layout=None)) == []


@pytest.mark.parametrize("statement", sorted(DOCXTPL_STATEMENTS))
def test_a_table_statement_outside_a_table_is_l009(tmp_path: Path, statement: str) -> None:
    tag = f"{{% {statement} 2 %}}" if DOCXTPL_STATEMENTS[statement] == "expression" \
        else f"{{% {statement} %}}"
    path = make_docx(tmp_path / "t.docx", [f"{tag}x"])
    assert _errors(lint_template(path, layout=None)) == [("L009", tag)]


def test_an_unknown_statement_is_still_a_syntax_error(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["{% colspn 2 %}"])
    assert _errors(lint_template(path, layout=None)) == [("L001", "{% colspn 2 %}")]


def test_words_curly_quotes_are_read_as_the_renderer_reads_them(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", [
        "{% if ten == ‘An’ %}Chào {{ “đồng chí ” ~ ten }}{% endif %}",
        "{{ “Anh ‘Ba’” }}",
    ])
    assert _errors(lint_template(path, layout=None)) == []
    assert visible_text(render_template_bytes(path, {"ten": "An"})) == "Chào đồng chí An\nAnh ‘Ba’"


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ghi_chu | default('') }}",
        "{{ ghi_chu | d('—') }}",
        "{{ meeting.chiar.full_name | default('') }}",
        "{% if ghi_chu is defined %}{{ ghi_chu }}{% endif %}",
        "{% if meeting.x is defined and meeting.x %}{{ meeting.x }}{% endif %}",
        "{{ ghi_chu if ghi_chu is defined else '' }}",
    ],
)
def test_default_and_is_defined_guards_are_understood(tmp_path: Path, tag: str) -> None:
    path = make_docx(tmp_path / "t.docx", [tag])
    assert _errors(lint_template(path, Minutes, layout=None)) == []


def test_an_unguarded_name_is_still_l002(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["{% if ghi_chu is defined %}x{% endif %}{{ ghi_chu }}"])
    assert _errors(lint_template(path, Minutes, layout=None)) == [("L002", "{{ ghi_chu }}")]


@pytest.mark.parametrize(
    ("tag", "warned"),
    [
        ("{{ meeting.topic }}", True),
        ("{{ meeting.topic | upper }}", True),
        ("{{ 'Chuyên đề: ' ~ meeting.topic }}", True),
        ("{{ meeting.topic | default('') }}", False),
        ("{{ meeting.topic or '—' }}", False),
        ("{{ meeting.topic if meeting.topic else '—' }}", False),
        ("{% if meeting.topic %}{{ meeting.topic }}{% endif %}", False),
        ("{% if meeting.topic is not none %}{{ meeting.topic }}{% endif %}", False),
        ("{% if meeting.topic != None %}{{ meeting.topic }}{% endif %}", False),
        ("{% if not meeting.topic %}—{% else %}{{ meeting.topic }}{% endif %}", False),
        ("{% if meeting.topic is none %}—{% else %}{{ meeting.topic }}{% endif %}", False),
        ("{% if meeting.topic and meeting.chair %}{{ meeting.topic }}{% endif %}", False),
        ("{% if meeting.topic or meeting.chair %}{{ meeting.topic }}{% endif %}", True),
        ("{{ meeting.place }} {{ doc.number_line }} {{ doc.code }}", False),  # required or derived
    ],
)
def test_a_none_able_field_printed_without_a_guard_is_a_warning(
    tmp_path: Path, tag: str, warned: bool
) -> None:
    path = make_docx(tmp_path / "t.docx", [tag])
    found = [p for p in lint_template(path, Minutes, layout=None) if p.code == "L017"]
    assert bool(found) == warned, found
    if warned:
        assert found[0].severity == "warning"
        assert found[0].values == {"path": "'meeting.topic'"}
        assert found[0].hint == ('write {{ meeting.topic | default("") }} to print nothing when '
                                 "it is empty, or put the text in {% if meeting.topic %}…"
                                 "{% endif %}")


def test_the_linter_and_the_renderer_agree_on_every_docxtpl_tag(tmp_path: Path) -> None:
    """Every tag form docxtpl offers: the linter finds no error, and the template renders."""
    path = make_docx(
        tmp_path / "t.docx",
        [
            "{%p if show %}", "Hiện", "{%p endif %}", "{#p ghi chú của người soạn #}",
            "A {# chú thích #}B", "Đoạn", "{%- if show -%}", "nối", "{%- endif -%}", "liền",
            "Viết {_{ x }_} để in", "{{r ghi_chu }}", "{%r if show %}có{%r endif %}",
        ],
        table=[["{%tr for r in rows %}", ""], ["{{ r }}", "{% cellbg 'E2EFDA' %}x"],
               ["{%tr endfor %}", ""]],
    )
    assert _errors(lint_template(path, layout=None)) == []
    text = visible_text(render_template_bytes(path, {"show": True, "ghi_chu": "g", "rows": [1]}))
    assert "Viết {{ x }} để in" in text
    assert "Đoạnnốiliền" in text  # {%- -%} joins the paragraphs, as docxtpl does


def test_lint_speaks_vietnamese_by_default_and_english_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_docx(tmp_path / "t.docx", ["{{ meting.place }}"])
    with using("vi"):
        (problem,) = [p for p in lint_template(path, Minutes, layout=None) if p.code == "L002"]
        assert main(["lint", str(path), "--model", "Minutes", "--no-layout", "--quiet"]) == 1
    assert problem.message == "dữ liệu không có biến 'meting'"
    assert problem.message_en == "the data has no variable 'meting'"
    assert problem.hint_en == "did you mean 'meeting'? check the spelling against the guide's field list"
    assert problem.source == "biến không có trong dữ liệu"
    out = capsys.readouterr().out
    assert "dữ liệu không có biến 'meting'" in out
    assert "1 lỗi, 0 cảnh báo" in out
    with using("vi"):
        assert main(["lint", str(path), "--model", "Minutes", "--no-layout", "--lang", "en",
                     "--json"]) == 1
    shown = json.loads(capsys.readouterr().out)
    assert shown["problems"][0]["message"] == "the data has no variable 'meting'"
    (english,) = [p for p in lint_template(path, Minutes, layout=None, lang="en")
                  if p.code == "L002"]
    assert english.message == "the data has no variable 'meting'"
