"""The set-up of `make demo` and `make test` on a fresh Debian machine with Python and make.

Debian's python3 cannot make a virtual environment until python3.X-venv is installed (it has
no ``ensurepip``): ``tools/system-deps.sh venv PYTHON`` installs it as root, or prints the
``apt-get`` line. The Makefile makes ``.venv`` whole or not at all, so a failed first run
does not leave a ``.venv`` without pip that breaks every later run. A Python without
``ensurepip`` is imitated by a folder on ``PYTHONPATH`` whose ``ensurepip`` cannot be
imported; nothing is installed by these tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from tests.support.paths import REPO

SYSTEM_DEPS = REPO / "tools" / "system-deps.sh"
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def no_ensurepip() -> Iterator[Path]:
    """Return a folder (readable by everyone) whose ``ensurepip`` package fails to import."""
    with tempfile.TemporaryDirectory(prefix="chibo-no-ensurepip-") as folder:
        package = Path(folder) / "shadow" / "ensurepip"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(
            'raise ImportError("no ensurepip, as on Debian without python3-venv")\n',
            encoding="utf-8",
        )
        for path in (Path(folder), package.parent, package):
            path.chmod(0o755)
        (package / "__init__.py").chmod(0o644)
        yield Path(folder)


def _wrapper(folder: Path, shadow: Path) -> Path:
    """Write ``folder/python3``: this Python, without ``ensurepip``, not from a Debian package."""
    wrapper = folder / "python3"
    wrapper.write_text(
        f"#!/bin/sh\nPYTHONPATH='{shadow}' exec '{sys.executable}' \"$@\"\n", encoding="utf-8"
    )
    wrapper.chmod(0o755)
    return wrapper


def _make(
    target: str, env: Mapping[str, str] | None = None, **variables: str
) -> subprocess.CompletedProcess[str]:
    """Run ``make target`` in the checkout, without the outer make's flags."""
    clean = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(REPO),
            target,
            *(f"{name}={value}" for name, value in variables.items()),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**clean, **(env or {})},
    )


def test_a_python_with_ensurepip_needs_nothing() -> None:
    done = subprocess.run(
        ["bash", str(SYSTEM_DEPS), "venv", sys.executable],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_a_missing_python_is_named_with_what_to_do() -> None:
    done = subprocess.run(
        ["bash", str(SYSTEM_DEPS), "venv", "/nonexistent/python3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "no Python interpreter `/nonexistent/python3`" in done.stderr
    assert "apt-get install python3" in done.stderr


def test_a_python_without_ensurepip_outside_debian_packages_is_refused(
    no_ensurepip: Path,
) -> None:
    wrapper = _wrapper(no_ensurepip, no_ensurepip / "shadow")
    done = subprocess.run(
        ["bash", str(SYSTEM_DEPS), "venv", str(wrapper)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""  # nothing installed
    assert f"{wrapper} ({wrapper}) cannot make a virtual environment" in done.stderr
    assert "no ensurepip module" in done.stderr


def test_debian_s_python_without_ensurepip_gets_the_apt_get_line_when_not_root(
    no_ensurepip: Path,
) -> None:
    interpreter = Path(os.path.realpath(sys.executable))
    owned = subprocess.run(["dpkg-query", "-S", str(interpreter)], capture_output=True, check=False)
    if owned.returncode != 0:
        pytest.skip(f"{interpreter} is not from a Debian package")
    script = no_ensurepip / "system-deps.sh"
    script.write_bytes(SYSTEM_DEPS.read_bytes())
    script.chmod(0o755)
    as_user = NOBODY if os.geteuid() == 0 else []
    done = subprocess.run(
        [*as_user, "bash", str(script), "venv", str(interpreter)],
        capture_output=True,
        text=True,
        check=False,
        cwd=no_ensurepip,
        env={**os.environ, "PYTHONPATH": str(no_ensurepip / "shadow")},
    )
    package = f"python3.{sys.version_info.minor}-venv"
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    assert done.stderr == (
        f"missing Debian packages: {package} ({interpreter} cannot make a virtual environment"
        f" (no ensurepip)); run: sudo apt-get install {package}\n"
    )


def test_make_stops_before_making_a_venv_with_a_python_without_ensurepip(
    no_ensurepip: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    wrapper = _wrapper(no_ensurepip, no_ensurepip / "shadow")
    done = _make(f"{venv}/bin/pip", VENV=str(venv), PYTHON=str(wrapper))
    assert done.returncode != 0
    assert "cannot make a virtual environment" in done.stderr
    assert not venv.exists()


@pytest.mark.slow
def test_a_venv_whose_set_up_failed_is_made_again_from_scratch(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    pip = venv / "bin" / "pip"
    failing = {"PIP_CONSTRAINT": str(tmp_path / "missing-constraints.txt")}
    first = _make(str(pip), failing, VENV=str(venv), PYTHON=sys.executable)
    assert first.returncode != 0
    assert "missing-constraints.txt" in first.stderr
    # the state a failed first run used to leave: a python without a usable set-up
    assert (venv / "bin" / "python").exists()
    assert not pip.exists()
    (venv / "leftover").write_text("from the failed run", encoding="utf-8")

    offline = {"PIP_NO_INDEX": "1"}  # pip from ensurepip is enough: "already satisfied"
    second = _make(str(pip), offline, VENV=str(venv), PYTHON=sys.executable)
    assert second.returncode == 0, second.stderr
    assert pip.exists()
    assert not (venv / "leftover").exists()
    version = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(venv) in version.stdout
    assert _make(str(pip), failing, VENV=str(venv), PYTHON=sys.executable).returncode == 0
