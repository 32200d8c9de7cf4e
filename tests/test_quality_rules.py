"""The rules on a meeting's quality score: its adoption vote counts right (V4) and the member
of the upper-level committee who confirmed it is a guest of the meeting (V15)."""

from __future__ import annotations

from typing import Any

from chibo_docs.models import Minutes, Scorecard
from chibo_docs.rules.validation import validate_data
from tests.support.data import MINUTES, example

SCORECARD = "phieu-cham-diem-2021-04.yaml"


def _minutes_with_quality() -> dict[str, Any]:
    data = example(MINUTES)
    data["meeting"]["quality"] = example(SCORECARD)["quality"]
    return data


def _codes(model: type[Any], data: dict[str, Any]) -> list[tuple[str, str]]:
    result = validate_data(model, data)
    return [(p.code, p.dotted) for p in result.problems if p.severity == "error"]


def test_the_examples_quality_scores_are_valid() -> None:
    assert _codes(Minutes, _minutes_with_quality()) == []
    assert _codes(Scorecard, example(SCORECARD)) == []


def test_an_adoption_vote_of_the_score_larger_than_the_voters_is_refused() -> None:
    data = _minutes_with_quality()
    data["meeting"]["quality"]["adoption_vote"]["approve"] = 14
    assert _codes(Minutes, data) == [("V4", "meeting.quality.adoption_vote.approve")]
    result = validate_data(Minutes, data)
    (problem,) = [p for p in result.problems if p.code == "V4"]
    assert problem.values["voters"] == 11
    assert "chỉ có 11 đồng chí có mặt có quyền biểu quyết" in problem.message  # Vietnamese

    card = example(SCORECARD)
    card["quality"]["adoption_vote"]["approve"] = 14
    assert _codes(Scorecard, card) == [("V4", "quality.adoption_vote.approve")]


def test_a_confirmer_who_is_not_a_guest_of_the_meeting_is_refused() -> None:
    data = _minutes_with_quality()
    data["meeting"]["quality"]["confirmed_by"] = "g9"
    assert _codes(Minutes, data) == [("V15", "meeting.quality.confirmed_by")]
    result = validate_data(Minutes, data, lang="en")
    (problem,) = [p for p in result.problems if p.code == "V15"]
    assert problem.message.startswith("'g9' is not a guest of the meeting")

    card = example(SCORECARD)
    card["quality"]["confirmed_by"] = "g9"
    assert _codes(Scorecard, card) == [("V15", "quality.confirmed_by")]
