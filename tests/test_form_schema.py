"""A JSON Schema a web form can use (issue 10, item 5).

Vietnamese titles from the glossary (English in the description), a label for every choice
(``oneOf`` of ``const`` and ``title``), ``required`` right, in Vietnamese or English.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import TypeAdapter

from chibo_docs.cli import main
from chibo_docs.models import DOCUMENT_MODELS, Document, Minutes, Resolution
from chibo_docs.models.json_schema import form_schema


def _walk(schema: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(schema, dict):
        found.append(schema)
        for value in schema.values():
            found += _walk(value)
    elif isinstance(schema, list):
        for value in schema:
            found += _walk(value)
    return found


def test_every_field_has_a_vietnamese_title_and_an_english_description() -> None:
    schema = form_schema(Resolution)
    vote = schema["$defs"]["Vote"]
    assert (vote["title"], vote["description"]) == ("Biểu quyết", "a vote: subject, method, threshold and counts")
    approve = vote["properties"]["approve"]
    assert (approve["title"], approve["description"]) == ("Số đồng chí tán thành", "members approving")
    reason = schema["$defs"]["Attendance"]["properties"]["reason"]
    assert reason["title"] == "Lý do vắng"
    for definition in [schema, *schema["$defs"].values()]:
        for name, prop in definition.get("properties", {}).items():
            assert prop["title"] != name.replace("_", " ").title(), (definition["title"], name)
            assert "—" not in prop.get("description", ""), (definition["title"], name)
    assert ">>>" not in json.dumps(schema)  # no docstring (with its examples) in a form


def test_every_choice_has_a_label() -> None:
    schema = form_schema(Minutes)
    kinds = schema["$defs"]["MeetingKind"]
    assert "enum" not in kinds
    assert kinds["oneOf"] == [
        {"const": "thuong_ky", "title": "Thường kỳ"},
        {"const": "chuyen_de", "title": "Chuyên đề"},
        {"const": "thuong_ky_ket_hop_chuyen_de", "title": "Thường kỳ kết hợp chuyên đề"},
    ]
    rule_set = schema["$defs"]["Cell"]["properties"]["rule_set"]
    assert [c["const"] for c in rule_set["oneOf"]] == ["HD12-2018", "HD42-2025"]
    assert rule_set["oneOf"][0]["title"].startswith("Hướng dẫn 12-HD/BTCTW")
    assert not [s for s in _walk(schema) if "enum" in s]
    english = form_schema(Minutes, "en")["$defs"]["AttendanceStatus"]["oneOf"]
    assert english[1] == {"const": "vang_co_ly_do", "title": "absent with a reason"}


def test_required_lists_what_the_data_must_hold() -> None:
    for model in DOCUMENT_MODELS.values():
        schema = form_schema(model)
        assert schema["required"][0] == "document", model.__name__
        assert set(schema["required"]) == {"document"} | {
            n for n, f in model.model_fields.items() if f.is_required()}
    resolution = form_schema(Resolution)
    assert resolution["required"] == ["document", "meeting", "number", "issued_on", "title", "assessment", "tasks",
                                      "adoption_vote", "recipients", "signature"]
    assert form_schema(Resolution)["$defs"]["Vote"]["required"] == ["subject", "approve"]


def test_english_titles_on_request() -> None:
    schema = form_schema(Resolution, "en")
    approve = schema["$defs"]["Vote"]["properties"]["approve"]
    assert (approve["title"], approve["description"]) == ("Approve", "members approving (tiếng Việt: Số đồng chí tán thành)")
    assert schema["title"] == "Resolution"


def test_the_schema_still_validates_like_the_models() -> None:
    """Only titles, descriptions and choices change: the types and bounds stay pydantic's."""
    plain = TypeAdapter(Document).json_schema()
    ours = form_schema(Document)
    approve_plain = plain["$defs"]["Vote"]["properties"]["approve"]
    approve_ours = ours["$defs"]["Vote"]["properties"]["approve"]
    assert {k: v for k, v in approve_plain.items() if k not in ("title", "description")} == {
        k: v for k, v in approve_ours.items() if k not in ("title", "description")}
    assert ours["discriminator"]["propertyName"] == "document"


@pytest.mark.parametrize(("lang", "title"), [("vi", "Số đồng chí tán thành"), ("en", "Approve")])
def test_schema_command_takes_lang(lang: str, title: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "Resolution", "--lang", lang]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$defs"]["Vote"]["properties"]["approve"]["title"] == title
