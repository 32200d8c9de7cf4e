"""Whatever text the data holds, the forms render it whole: no corruption, no character lost.

Each example is filled out (optional text fields set too), then its text fields are replaced,
one or several at a time, by generated text full of ``& < > " '``, Jinja delimiters, emoji,
very long runs and, where the field allows it, line breaks. The rendered .docx must reopen,
and every line of every replaced text that the form prints must appear in its visible text.

What a form prints is spelled out below (:func:`shown`); the rest of the data is context
(e.g. a resolution does not repeat the debate of the minutes). Characters that XML cannot hold
never reach a form: the models refuse them naming the field, for one field in
``tests/test_models_text.py`` and for every field of every example here.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import chibo_docs
from chibo_docs import load_data
from chibo_docs.models import (
    LessonsNotice,
    Minutes,
    MonthlyReport,
    Plan,
    QualityReport,
    Resolution,
    Scorecard,
)
from chibo_docs.ooxml import visible_text
from chibo_docs.ooxml.text import NBSP_MARK
from chibo_docs.resources import examples_dir
from tests.support.builtin_forms import FORM_EXAMPLES
from tests.support.strategies import Path, TextField, replace_texts, text_fields, value_at, xml_text

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _filled(form_id: str, *, preamble: bool = False) -> BaseModel:
    """Return the form's example with its optional text fields set as well."""
    document = load_data(examples_dir() / FORM_EXAMPLES[form_id])
    data = document.model_dump()
    if isinstance(document, Minutes):
        meeting = data["meeting"]
        meeting.update(kind="thuong_ky_ket_hop_chuyen_de", topic="Học tập và làm theo Bác")
        meeting["votes"][0].update(approve=9, disapprove=1, dissent="Đề nghị bổ sung chỉ tiêu.")
        meeting["assignments"][0]["deadline_note"] = "trước kỳ họp tháng 5"
        meeting["agenda"][2]["documents"][0]["kind"] = "Kế hoạch"
        meeting["attendance"][9].update(status="vang_khong_ly_do", reason="không báo trước")
    elif isinstance(document, Resolution):
        if preamble:
            data["preamble"] = "Chi bộ họp ngày 26/4/2021.\nSau khi thảo luận, chi bộ thống nhất"
        data["tasks"][0]["subsections"] = [
            {
                "heading": "Nhiệm vụ con",
                "paragraphs": ["Đoạn văn."],
                "subsections": [{"heading": "Cấp ba", "subsections": [{"heading": "Cấp bốn"}]}],
            }
        ]
    elif isinstance(document, Plan):
        data["bases"][0]["kind"] = "Hướng dẫn"
    elif isinstance(document, QualityReport):
        data["cells"][1]["note"] = "sinh hoạt mẫu"
    return type(document).model_validate(data)


FILLED = {form_id: _filled(form_id) for form_id in FORM_EXAMPLES}
FILLED["nghi-quyet+preamble"] = _filled("nghi-quyet", preamble=True)
CASES = sorted(FILLED)


def _member_ids_named_in_minutes(doc: Minutes) -> set[str]:
    meeting = doc.meeting
    cell = meeting.cell
    named = {meeting.chair_id, meeting.secretary_id}
    named |= {a.member_id for a in meeting.absent}
    named |= {m.id for m in (*cell.exempt_members, *cell.sent_away_members, *cell.hosted_members)}
    named |= {o.speaker_id for o in meeting.opinions}
    named |= {i.presenter_id for i in meeting.agenda if i.presenter_id}
    named |= {p for a in meeting.assignments for p in a.assignee_ids}
    return named


def _member_id(doc: BaseModel, path: Path) -> str | None:
    """Return the id of the member whose field ``path`` is, if it is one."""
    if path[:3] != ("meeting", "cell", "members"):
        return None
    meeting = doc.meeting  # type: ignore[attr-defined]
    index = path[3]
    assert isinstance(index, int)
    return str(meeting.cell.members[index].id)


def shown(doc: BaseModel, path: Path) -> bool:
    """Say whether the form of ``doc`` prints the text at ``path``."""
    name = path[-1] if isinstance(path[-1], str) else path[-2]
    if isinstance(doc, Plan):
        return True  # a plan prints all its data
    if name == "position" and path[:3] == ("meeting", "cell", "members"):
        return False  # members' job titles are not part of these forms
    if isinstance(doc, Scorecard | MonthlyReport | QualityReport | LessonsNotice):
        return _shown_in_the_quality_cycle(doc, path, str(name))
    member = _member_id(doc, path)
    if isinstance(doc, Minutes):
        return member is None or member in _member_ids_named_in_minutes(doc)
    assert isinstance(doc, Resolution)
    if member is not None:
        return (
            member == doc.meeting.chair_id
            and doc.preamble is None
            or any(member in a.assignee_ids for a in doc.assignments)
        )
    if path[0] == "meeting":
        header = ("upper_header_line", "header_line", "place_name")
        in_lead = path in (("meeting", "place"), ("meeting", "cell", "name"))
        return (
            path[:2] == ("meeting", "cell") and name in header or (in_lead and doc.preamble is None)
        )
    return path[0] != "adoption_vote"  # the adoption sentence prints the counts only


_HEADER = ("upper_header_line", "header_line", "place_name")


def _shown_in_the_quality_cycle(
    doc: Scorecard | MonthlyReport | QualityReport | LessonsNotice, path: Path, name: str
) -> bool:
    """What the forms of the quality cycle print of their data (see docs/forms/)."""
    if isinstance(doc, Scorecard | MonthlyReport):
        if path[:2] == ("meeting", "cell"):
            return len(path) == 3 and name in _HEADER
        if path[:2] == ("meeting", "guests"):
            confirmer = doc.confirmer if isinstance(doc, Scorecard) else None
            everyone = isinstance(doc, MonthlyReport)
            guest = doc.meeting.guests[int(path[2])]
            return name in ("full_name", "position") and (everyone or guest == confirmer)
        if isinstance(doc, Scorecard):
            return path == ("meeting", "place") or path[0] == "signature"
        return path[0] not in ("meeting", "quality")
    lead = doc.preamble is None
    if path[0] in ("bases", "meetings") or path == ("issued_by", "name"):
        return lead
    if path[0] == "cells":
        return len(path) == 3 and name in ("cell", "unit", "note")
    return True


def _fields(form_id: str, *, printed: bool) -> list[TextField]:
    doc = FILLED[form_id]
    return [(p, k) for p, k in text_fields(doc) if not printed or shown(doc, p)]


def _render_and_check(form_id: str, values: dict[Path, str]) -> None:
    doc = replace_texts(FILLED[form_id], values)
    data = chibo_docs.render_bytes(doc)
    docx.Document(io.BytesIO(data))  # the package and its XML reopen
    text = visible_text(data)
    for path in values:
        expected = value_at(doc, path).replace("\u00a0", NBSP_MARK)
        if shown(doc, path):
            missing = [line for line in expected.split("\n") if line not in text]
            assert missing == [], f"{'.'.join(map(str, path))}: lost {missing!r}"


def _one(form_id: str) -> st.SearchStrategy[dict[Path, str]]:
    fields = _fields(form_id, printed=True)
    return st.sampled_from(fields).flatmap(
        lambda field: xml_text(field[1]).map(lambda text: {field[0]: text})
    )


def _several(form_id: str) -> st.SearchStrategy[dict[Path, str]]:
    fields = _fields(form_id, printed=False)
    chosen = st.lists(st.sampled_from(fields), min_size=2, max_size=8, unique=True)
    return chosen.flatmap(
        lambda picked: st.tuples(*(xml_text(kind) for _, kind in picked)).map(
            lambda texts: {path: text for (path, _), text in zip(picked, texts, strict=True)}
        )
    )


def _property(form_id: str, values: Callable[[str], st.SearchStrategy[dict[Path, str]]]) -> None:
    @SETTINGS
    @given(values(form_id))
    def check(replacement: dict[Path, str]) -> None:
        _render_and_check(form_id, replacement)

    check()


@pytest.mark.parametrize("form_id", CASES)
def test_any_one_printed_text_field_appears_whole(form_id: str) -> None:
    _property(form_id, _one)


@pytest.mark.parametrize("form_id", CASES)
def test_several_text_fields_at_once_never_corrupt_the_document(form_id: str) -> None:
    _property(form_id, _several)


@pytest.mark.parametrize("form_id", CASES)
def test_the_filled_example_prints_every_field_the_form_shows(form_id: str) -> None:
    doc = FILLED[form_id]
    text = visible_text(chibo_docs.render_bytes(doc))
    for path, _ in _fields(form_id, printed=True):
        lines = value_at(doc, path).split("\n")
        assert [line for line in lines if line not in text] == [], path


_ILLEGAL = ("\x00", "\x08", "\x0b", "\x1f", "\ufffe", "\uffff")


@pytest.mark.parametrize("form_id", CASES)
def test_characters_xml_cannot_hold_are_refused_naming_the_field(form_id: str) -> None:
    fields = _fields(form_id, printed=False)

    @settings(max_examples=30, deadline=None)
    @given(st.sampled_from(fields), st.sampled_from(_ILLEGAL), st.integers(0, 5))
    def check(field: TextField, bad: str, at: int) -> None:
        path, _ = field
        text = value_at(FILLED[form_id], path)
        with pytest.raises(ValidationError) as caught:
            replace_texts(FILLED[form_id], {path: text[:at] + bad + text[at:]}, fit=False)
        assert [e["loc"] for e in caught.value.errors()] == [path]
        assert f"U+{ord(bad):04X}" in str(caught.value)

    check()
