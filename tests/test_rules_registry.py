"""The rule registry: one entry per rule, every check registered once, messages filled from values.

Errors and warnings go through the same registry: a refusal carries the same structured
violations (rule, path, message key, values) that ``check()`` turns into findings.
"""

from __future__ import annotations

import inspect
import json
import string
from types import ModuleType
from typing import Any, cast

import pytest
from pydantic import BaseModel, ValidationError

from chibo_docs.i18n import using
from chibo_docs.models import Minutes, Resolution
from chibo_docs.rules import cell, checks, documents, meeting, signature, votes
from chibo_docs.rules.check import check
from chibo_docs.rules.registry import PHRASES, RULES, Rule, Violation
from tests.support.data import MINUTES, RESOLUTION, example

CHECK_MODULES = (cell, meeting, votes, documents, signature)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda r: r.id)
def test_every_message_names_its_placeholders(rule: Rule) -> None:
    for key, message in rule.messages.items():
        names = _placeholders(message.text)
        assert "" not in names, f"{key}: positional placeholder"
        for extra in (message.found, message.expected):
            assert extra is None or _placeholders(extra) <= names, key


def test_phrases_name_their_placeholders() -> None:
    for key, template in PHRASES.items():
        assert "" not in _placeholders(template), key


def test_a_violation_of_an_unknown_message_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match="rule V8 has no message 'long'"):
        Violation("V8", "long", ("end",))


def _public_checks(module: ModuleType) -> set[object]:
    return {getattr(module, name) for name in module.__all__
            if inspect.isfunction(getattr(module, name))}


def test_every_check_is_registered_and_none_twice_for_one_model() -> None:
    registered: set[object] = set()
    for table in (checks.REFUSALS, checks.WARNINGS):
        for model_checks in table.values():
            functions = [c.run for c in model_checks]
            assert len(functions) == len(set(functions))
            registered |= set(functions)
    assert registered == set().union(*map(_public_checks, CHECK_MODULES))


@pytest.mark.parametrize("table", [checks.REFUSALS, checks.WARNINGS], ids=["refusals", "warnings"])
def test_every_check_names_fields_its_model_has(table: dict[type[BaseModel], Any]) -> None:
    from chibo_docs.models.glossary import term_of

    for model, model_checks in table.items():
        for check_ in model_checks:
            for need in check_.needs:
                parts = [0 if p == "*" else p for p in need.split(".")]
                first = model.model_fields.get(str(parts[0]))
                assert first is not None, (model.__name__, check_.name, need)
                assert term_of(model, parts) is not None, (model.__name__, check_.name, need)


def test_a_refusal_is_one_pydantic_error_per_rule_with_its_path_key_and_values() -> None:
    data = example(RESOLUTION)
    data["adoption_vote"]["approve"] = 5
    with pytest.raises(ValidationError) as exc:
        Resolution.model_validate(data)
    (error,) = exc.value.errors()
    assert (error["type"], error["loc"]) == ("V2", ("adoption_vote", "approve"))
    assert error.get("ctx") == {"rule": "V2", "key": "not_adopted", "approve": 5, "base": 12, "required": 7}
    assert error["msg"].startswith("the resolution is not adopted: 5 of 12 members approve")
    json.dumps(exc.value.errors())  # ready for JSON: no datetime, no exception object


def test_refusals_of_a_part_carry_the_full_path_and_json_ready_values() -> None:
    data = example(MINUTES)
    data["meeting"]["end"] = "2021-04-26 13:00"
    data["meeting"]["chair_id"] = "m09"
    with pytest.raises(ValidationError) as exc:
        Minutes.model_validate(data)
    found = {(e["type"], e["loc"]) for e in exc.value.errors()}
    assert found == {("V16", ("meeting", "end")), ("V6", ("meeting", "chair_id"))}
    v16 = next(e for e in exc.value.errors() if e["type"] == "V16")
    assert v16.get("ctx", {})["start"] == "2021-04-26T14:00:00"
    assert json.loads(json.dumps(exc.value.errors()))[0]["type"] in ("V16", "V6")


def test_a_warning_is_a_finding_made_from_the_same_registry() -> None:
    data = example(MINUTES)
    data["meeting"]["votes"][0]["approve"] = 6
    (finding,) = check(Minutes.model_validate(data))
    (violation,) = checks.warnings(Minutes.model_validate(data))
    assert (finding.code, finding.severity, finding.where) == ("V2", "info", "meeting.votes.0")
    assert finding.message == violation.text("vi")[:1].upper() + violation.text("vi")[1:]
    assert finding.message_en == violation.text("en")
    assert violation.path == ("meeting", "votes", 0)
    assert violation.values == {"subject": data["meeting"]["votes"][0]["subject"],
                                "approve": 6, "base": 12, "required": 7}


def test_found_and_expected_come_from_the_registry_too() -> None:
    data = example(MINUTES)
    data["meeting"]["end"] = "2021-04-26 15:00"
    (finding,) = check(Minutes.model_validate(data))
    assert (finding.code, finding.found, finding.expected) == ("V8", "60", "≥ 90")
    assert finding.source == "HD 12-HD/BTCTW, mục II.3.3; HD 42-HD/BTCTW"
    with using("en"):
        assert check(Minutes.model_validate(data))[0].source == "HD 12-HD/BTCTW II.3.3; HD 42-HD/BTCTW"


def test_the_refusal_runner_refuses_a_check_that_reports_a_warning_as_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def wrong(_: object) -> list[Violation]:
        return [Violation("V7", "chair_not_leader", ("chair_id",), {"name": "A"})]

    table = cast(dict[type[BaseModel], Any], checks.REFUSALS)
    key: type[BaseModel] = Minutes
    monkeypatch.setitem(table, key, (checks.Check(wrong, ("V7",), ()),))
    with pytest.raises(TypeError, match="V7/chair_not_leader, which is not an error"):
        Minutes.model_validate(example(MINUTES))


def test_levels_in_the_docs_follow_from_the_messages() -> None:
    levels = {r.id: r.level for r in RULES.values()}
    assert (levels["V1"], levels["V2"], levels["V8"], levels["V14"], levels["ID"]) == ("-", "E", "W", "W", "E")
    assert not RULES["ID"].party
    assert not RULES["ROLE"].party
    assert {r.id for r in RULES.values() if not r.party} == {"ID", "ROLE", "TASK", "CITE"}
