"""Counts and numbers are whole numbers written as numbers: true, "5" and 5.0 are refused."""

from __future__ import annotations

import typing
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import chibo_docs.models as models
from chibo_docs import Invitation, Minutes, Plan, Resolution
from chibo_docs.models import AnnualQuality, LessonsNotice, MonthlyReport, QualityReport, Scorecard
from chibo_docs.models.base import View
from tests.support.data import MINUTES, PLAN, RESOLUTION, example

INVITATION = "giay-moi-2021-04.yaml"
SCORECARD = "phieu-cham-diem-2021-04.yaml"
MONTHLY_REPORT = "bao-cao-04-2021.yaml"
QUALITY_REPORT = "bao-cao-danh-gia-2021-04.yaml"
NOTICE = "thong-bao-rut-kinh-nghiem-2021-04.yaml"
YEARLY_REPORT = "(the quality report, for a year)"
YEAR = "(a year of monthly results)"

# Every whole-number field of the models, and where the examples hold one.
INTEGER_FIELDS: dict[tuple[str, str], tuple[str, tuple[Any, ...]]] = {
    ("Vote", "approve"): (RESOLUTION, ("adoption_vote", "approve")),
    ("Vote", "disapprove"): (RESOLUTION, ("adoption_vote", "disapprove")),
    ("Vote", "abstain"): (RESOLUTION, ("adoption_vote", "abstain")),
    ("Vote", "eligible"): (RESOLUTION, ("adoption_vote", "eligible")),
    ("Vote", "agenda_item"): (RESOLUTION, ("adoption_vote", "agenda_item")),
    ("Minutes", "number"): (MINUTES, ("number",)),
    ("Resolution", "number"): (RESOLUTION, ("number",)),
    ("Plan", "number"): (PLAN, ("number",)),
    ("Invitation", "number"): (INVITATION, ("number",)),
    ("Invitee", "count"): (INVITATION, ("invitees", 0, "count")),
    ("Meeting", "period_month"): (MINUTES, ("meeting", "period_month")),
    ("Meeting", "period_year"): (MINUTES, ("meeting", "period_year")),
    ("Meeting", "quarter"): (MINUTES, ("meeting", "quarter")),
    ("Opinion", "agenda_item"): (MINUTES, ("meeting", "opinions", 0, "agenda_item")),
    ("Scorecard", "number"): (SCORECARD, ("number",)),
    ("MonthlyReport", "number"): (MONTHLY_REPORT, ("number",)),
    ("QualityReport", "number"): (QUALITY_REPORT, ("number",)),
    ("QualityReport", "period_month"): (QUALITY_REPORT, ("period_month",)),
    ("QualityReport", "period_year"): (QUALITY_REPORT, ("period_year",)),
    ("LessonsNotice", "number"): (NOTICE, ("number",)),
    ("MonthResult", "month"): (YEARLY_REPORT, ("cells", 0, "months", 0, "month")),
    ("AnnualQuality", "year"): (YEAR, ("year",)),
}


def _data(name: str) -> dict[str, Any]:
    """The data of ``name``: an example's, or made from one (a yearly report, a year)."""
    if name == YEARLY_REPORT:
        report = example(QUALITY_REPORT)
        report.pop("target_percent")
        return {**report, "period_month": None,
                "cells": [{"cell": "Chi bộ A", "months": [{"month": 1, "points": 90}]}]}
    if name == YEAR:
        return {"framework": "phu-tho-dukcq", "year": 2021, "months": [{"month": 1, "points": 90}]}
    return example(name)


# Document bases: their fields are checked on each concrete document above.
ABSTRACT_BASES = (models.DocumentBase, models.IssuedDocument, models.MeetingDocument)


def _integer_fields() -> set[tuple[str, str]]:
    def holds_int(annotation: Any) -> bool:
        return annotation is int or any(holds_int(a) for a in typing.get_args(annotation))

    found = set()
    for name in models.__all__:
        model = getattr(models, name)
        if (
            isinstance(model, type)
            and issubclass(model, BaseModel)
            and not issubclass(model, View)  # computed for templates, never data
            and model not in ABSTRACT_BASES
        ):
            found |= {(name, f) for f, info in model.model_fields.items() if holds_int(info.annotation)}
    return found


def test_the_table_covers_every_integer_field_of_the_models() -> None:
    assert _integer_fields() == set(INTEGER_FIELDS)


MODELS: dict[str, type[BaseModel]] = {
    MINUTES: Minutes, RESOLUTION: Resolution, PLAN: Plan, INVITATION: Invitation,
    SCORECARD: Scorecard, MONTHLY_REPORT: MonthlyReport, QUALITY_REPORT: QualityReport,
    NOTICE: LessonsNotice, YEARLY_REPORT: QualityReport, YEAR: AnnualQuality,
}


@pytest.mark.parametrize("field", sorted(INTEGER_FIELDS))
@pytest.mark.parametrize("value", [True, False, "5", 5.0])
def test_integer_fields_refuse_booleans_text_and_fractions(field: tuple[str, str], value: Any) -> None:
    name, path = INTEGER_FIELDS[field]
    data = _data(name)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError) as exc:
        MODELS[name].model_validate(data)
    errors = [e for e in exc.value.errors() if tuple(e["loc"]) == path]
    assert errors, exc.value.errors()
    assert errors[0]["type"] == "int_type"


def test_the_json_schema_keeps_the_bounds() -> None:
    approve = models.Vote.model_json_schema()["properties"]["approve"]
    assert (approve["type"], approve["minimum"]) == ("integer", 0)
    month = models.Meeting.model_json_schema()["properties"]["period_month"]["anyOf"][0]
    assert (month["minimum"], month["maximum"]) == (1, 12)


def test_whole_numbers_are_still_accepted() -> None:
    data = example(RESOLUTION)
    data["adoption_vote"].update(approve=10, disapprove=1, abstain=0)
    assert Resolution.model_validate(data).adoption_vote.approve == 10
