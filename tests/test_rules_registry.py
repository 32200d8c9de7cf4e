"""The rule registry: one entry per rule, every check registered once, messages filled from values.

Errors and warnings go through the same registry: a refusal carries the same structured
violations (rule, path, message key, values) that ``check()`` turns into findings.
"""

from __future__ import annotations

import inspect
import string
from types import ModuleType
from typing import Any, cast

import pytest
from pydantic import BaseModel, ValidationError

from chibo_docs.models import Minutes, Resolution
from chibo_docs.rules import cell, checks, documents, meeting, signature, votes
from chibo_docs.rules.check import check
from chibo_docs.rules.registry import PHRASES, RULES, Rule, RuleViolation, Violation
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
    for stages in checks.REFUSALS.values():
        refusing = [c for stage in stages for c in stage]
        assert len(refusing) == len(set(refusing))
        registered |= set(refusing)
    for warning in checks.WARNINGS.values():
        assert len(warning) == len(set(warning))
        registered |= {c for c in warning if c.__module__ != checks.__name__}
    assert registered == set().union(*map(_public_checks, CHECK_MODULES))


def test_a_refusal_carries_the_rule_path_message_key_and_values() -> None:
    data = example(RESOLUTION)
    data["adoption_vote"]["approve"] = 5
    with pytest.raises(ValidationError) as exc:
        Resolution.model_validate(data)
    (error,) = exc.value.errors()
    cause = error["ctx"]["error"]
    assert isinstance(cause, RuleViolation)
    (violation,) = cause.violations
    assert (violation.rule, violation.key, violation.path) == ("V2", "not_adopted", ("adoption_vote", "approve"))
    assert violation.values == {"approve": 5, "base": 12, "required": 7}
    assert violation.severity == "error"
    assert violation.source == RULES["V2"].source


def test_a_warning_is_a_finding_made_from_the_same_registry() -> None:
    data = example(MINUTES)
    data["meeting"]["votes"][0]["approve"] = 6
    (finding,) = check(Minutes.model_validate(data))
    (violation,) = checks.warnings(Minutes.model_validate(data))
    assert (finding.code, finding.severity, finding.where) == ("V2", "info", "meeting.votes.0")
    assert finding.message == violation.message
    assert violation.path == ("meeting", "votes", 0)
    assert violation.values == {"subject": data["meeting"]["votes"][0]["subject"],
                                "approve": 6, "base": 12, "required": 7}


def test_found_and_expected_come_from_the_registry_too() -> None:
    data = example(MINUTES)
    data["meeting"]["end"] = "2021-04-26 15:00"
    (finding,) = check(Minutes.model_validate(data))
    assert (finding.code, finding.found, finding.expected) == ("V8", "60", "≥ 90")


def test_the_refusal_runner_refuses_a_check_that_reports_a_warning_as_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def wrong(_: object) -> list[Violation]:
        return [Violation("V7", "chair_not_leader", ("chair_id",), {"name": "A"})]

    table = cast(dict[type[BaseModel], Any], checks.REFUSALS)
    key: type[BaseModel] = Minutes
    monkeypatch.setitem(table, key, ((wrong,),))
    with pytest.raises(TypeError, match="V7/chair_not_leader, which is not an error"):
        Minutes.model_validate(example(MINUTES))


def test_levels_in_the_docs_follow_from_the_messages() -> None:
    levels = {r.id: r.level for r in RULES.values()}
    assert (levels["V1"], levels["V2"], levels["V8"], levels["V14"], levels["ID"]) == ("-", "E", "W", "W", "E")
    assert not RULES["ID"].party
    assert not RULES["ROLE"].party
