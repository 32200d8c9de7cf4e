"""Shared fixtures; no test depends on the developer's environment or the current date."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

import chibo_docs._yaml_reading as yaml_reading

REPO = Path(__file__).resolve().parent.parent

# Timing goals live in benchmarks/, not in tests: no Hypothesis deadline, so a loaded CI
# machine cannot fail a property test by being slow.
settings.register_profile("chibo_docs", deadline=None)
settings.load_profile("chibo_docs")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drop CHIBO_DOCS_* variables so that settings come from the test alone."""
    for name in list(os.environ):
        if name.startswith("CHIBO_DOCS_"):
            monkeypatch.delenv(name)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--update-golden``: rewrite the golden files instead of comparing with them."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.txt from the current output (review the diff!)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether the run was asked to rewrite the golden files (``--update-golden``)."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(params=["libyaml", "python"])
def each_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with LibYAML's parser (used when PyYAML has it) and with PyYAML's own."""
    if request.param == "python":
        monkeypatch.setattr(yaml_reading, "LOADER", yaml_reading._Loader)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML without LibYAML")
    return str(request.param)
