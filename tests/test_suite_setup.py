"""The test suite itself: a missing LibreOffice fails the tests that need it, never skips them."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.paths import REPO

MARKED = "tests/test_dossier.py::test_bookmark_titles_name_each_document"  # module marked libreoffice


def _run(*args: str, soffice: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CHIBO_DOCS_SOFFICE=soffice)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=REPO, env=env, capture_output=True, text=True, check=False, timeout=600,
    )


def test_a_libreoffice_test_fails_when_libreoffice_is_missing() -> None:
    done = _run(MARKED, soffice="/nowhere/soffice")
    assert done.returncode == 1, done.stdout
    assert "this test needs LibreOffice" in done.stdout
    assert "skipped" not in done.stdout


def test_it_can_be_deselected_on_purpose() -> None:
    done = _run(MARKED, "-m", "not libreoffice", soffice="/nowhere/soffice")
    assert done.returncode == 5, done.stdout  # pytest's "no tests collected"
    assert "deselected" in done.stdout
