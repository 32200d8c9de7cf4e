"""Shared fixtures; no test depends on the developer's environment or the current date."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

import chibo_docs.loading.yaml_reading as yaml_reading
from chibo_docs.errors import LibreOfficeNotFoundError
from chibo_docs.i18n import using
from chibo_docs.pdf import find_soffice
from tests.support.fontconfig import FontSetupError, font_folders, pin_fontconfig, write_fonts_conf

_FONTS = pytest.StashKey[Path]()

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


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Speak English in the test: for tests whose assertions read English messages.

    Tests run in Vietnamese, the default; a module that checks English texts says so with
    ``pytestmark = pytest.mark.usefixtures("english")``, a test with ``--lang en`` or
    ``using("en")``. Programs the test starts speak English too (``CHIBO_DOCS_LANG=en``).
    """
    monkeypatch.setenv("CHIBO_DOCS_LANG", "en")
    with using("en"):
        yield


def pytest_configure(config: pytest.Config) -> None:
    """Pin fontconfig to the fonts tools/system-deps.sh installs, before any LibreOffice starts.

    Every LibreOffice the tests start inherits ``FONTCONFIG_FILE``: the PDFs depend on those
    packages alone, never on other fonts of the machine. A missing package stops the session.
    """
    folder = Path(tempfile.mkdtemp(prefix="chibo-tests-fontconfig-"))
    try:
        conf = pin_fontconfig(folder)
    except FontSetupError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise pytest.UsageError(str(exc)) from exc
    os.environ["FONTCONFIG_FILE"] = str(conf)
    config.stash[_FONTS] = folder


_SOFFICE = pytest.StashKey[str | None]()


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Fail (never skip) a test marked ``libreoffice`` when LibreOffice is not installed.

    CI installs LibreOffice (``make test`` runs tools/system-deps.sh first), so a missing
    ``soffice`` is a broken set-up, not a reason to pass silently. Whoever wants the suite
    without LibreOffice deselects those tests explicitly: ``pytest -m "not libreoffice"``.
    """
    if item.get_closest_marker("libreoffice") is None:
        return
    stash = item.config.stash
    if _SOFFICE not in stash:
        try:
            find_soffice()
        except LibreOfficeNotFoundError as exc:
            stash[_SOFFICE] = str(exc)
        else:
            stash[_SOFFICE] = None
    problem = stash[_SOFFICE]
    if problem is not None:
        pytest.fail(
            f"this test needs LibreOffice: {problem}; run `make test` (it installs it) or "
            'deselect these tests with -m "not libreoffice"',
            pytrace=False,
        )


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the pinned fontconfig and its cache."""
    folder = config.stash.get(_FONTS, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def only_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Return ``use(*packages)``: for this test, fontconfig sees only those font packages.

    Packages are named as in tools/font-packages.txt; LibreOffice started afterwards
    inherits the setting.
    """

    def use(*packages: str) -> Path:
        folders = font_folders()
        conf = write_fonts_conf(
            tmp_path / "fonts.conf", [folders[p] for p in packages], tmp_path / "fontconfig-cache"
        )
        monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
        return conf

    return use


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
