"""Helpers for the data tests: the bundled examples as plain dicts, and error text."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from chibo_docs.i18n import using
from chibo_docs.loading.reader import read_data
from chibo_docs.problems import describe
from chibo_docs.resources import examples_dir
from chibo_docs.rules.validation import validate_data

MINUTES = "bien-ban-2021-04.yaml"
RESOLUTION = "nghi-quyet-05-2021.yaml"
PLAN = "ke-hoach-10-2021.yaml"


def example(name: str) -> dict[str, Any]:
    """Return a fresh, mutable copy of an example's data."""
    return copy.deepcopy(read_data(examples_dir() / name))


def refusal(model: type[BaseModel], data: dict[str, Any]) -> str:
    """Validate ``data`` expecting failure; return every problem as report lines, in English.

    The Python constructor refuses the data too (pydantic's ``ValidationError``).
    """
    with pytest.raises(ValidationError):
        model.model_validate(data)
    result = validate_data(model, data, lang="en")
    assert not result.ok
    with using("en"):
        return "\n".join(describe(p) for p in result.problems)


def attendance_index(data: dict[str, Any], member_id: str) -> int:
    """Return the index of a member's attendance entry in minutes-shaped data."""
    entries = data["meeting"]["attendance"]
    return next(i for i, e in enumerate(entries) if e["member_id"] == member_id)
