"""docs/template-authors.md: its generated parts are current and its worked example is the tested one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from chibo_docs.formatting.filters import FILTERS
from chibo_docs.templating.lint import RULES
from tests.support.paths import REPO
from tests.support.worked_example import BODY, NEW_FORM_ARGS
from tools import authors_guide as guide

PAGE = REPO / "docs" / "template-authors.md"


def test_the_generated_parts_are_up_to_date(tmp_path: Path) -> None:
    copy = tmp_path / "guide.md"
    shutil.copy(PAGE, copy)
    assert not guide.refresh(copy), "run: python -m tools.authors_guide docs/template-authors.md"


def test_every_lint_rule_is_explained_in_both_languages() -> None:
    assert set(guide.EXPLANATIONS) == set(RULES)
    text = PAGE.read_text(encoding="utf-8")
    for rule in RULES:
        assert re.search(rf"^\| {rule} \| (error|warning|info) \| \S", text, re.MULTILINE), rule


def test_every_filter_is_listed_with_an_example() -> None:
    text = PAGE.read_text(encoding="utf-8").split("GENERATED filters", 1)[1]
    for name in FILTERS:
        row = next(line for line in text.splitlines() if line.startswith(f"| `{name}` |"))
        assert " → " in row, name


def test_the_worked_example_in_the_guide_is_the_one_the_tests_run() -> None:
    text = PAGE.read_text(encoding="utf-8")
    block = text.split("```text\n", 1)[1].split("```", 1)[0]
    assert tuple(line.strip() for line in block.strip().splitlines()) == BODY
    for value in NEW_FORM_ARGS:
        assert value in text, value


def test_a_missing_marker_is_named(tmp_path: Path) -> None:
    page = tmp_path / "guide.md"
    page.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="BEGIN GENERATED fields"):
        guide.refresh(page)
