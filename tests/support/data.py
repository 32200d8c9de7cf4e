"""Helpers for the data tests: the bundled examples as plain dicts, and error text."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from chibo_docs.loading.reader import read_data
from chibo_docs.pipeline.validation import error_lines
from chibo_docs.resources import examples_dir

MINUTES = "bien-ban-2021-04.yaml"
RESOLUTION = "nghi-quyet-05-2021.yaml"
PLAN = "ke-hoach-10-2021.yaml"


def example(name: str) -> dict[str, Any]:
    """Return a fresh, mutable copy of an example's data."""
    return copy.deepcopy(read_data(examples_dir() / name))


def refusal(model: type[BaseModel], data: dict[str, Any]) -> str:
    """Validate ``data`` expecting failure; return the errors as report lines."""
    with pytest.raises(ValidationError) as exc:
        model.model_validate(data)
    return "\n".join(error_lines(exc.value))


def attendance_index(data: dict[str, Any], member_id: str) -> int:
    """Return the index of a member's attendance entry in minutes-shaped data."""
    entries = data["meeting"]["attendance"]
    return next(i for i, e in enumerate(entries) if e["member_id"] == member_id)
