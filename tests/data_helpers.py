"""Helpers for the data tests: the bundled examples as plain dicts, and error text."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from chibo_docs.loading import read_data
from chibo_docs.reporting import error_lines
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


def alias_bomb(limit: int = 1024) -> str:
    """Return a YAML "billion laughs" of at most ``limit`` bytes, as many levels as fit.

    Level 0 lists ten strings; each further level lists the one before ten times, so ``n``
    levels stand for 10**n strings.
    """
    lines = ["document: minutes", "l0: &l0 [" + ",".join(["lol"] * 10) + "]"]
    while True:
        k = len(lines) - 1
        line = f"l{k}: &l{k} [" + ",".join([f"*l{k - 1}"] * 10) + "]"
        if len("\n".join([*lines, line])) + 1 > limit:
            return "\n".join(lines) + "\n"
        lines.append(line)
