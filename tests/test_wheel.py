"""The built wheel installs in a fresh virtual environment and carries its package data."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.support.paths import REPO


@pytest.mark.slow
def test_wheel_installs_and_imports_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("chibo_docs-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    probe = (
        "import chibo_docs, chibo_docs.resources as r, pathlib;"
        "print(chibo_docs.__file__);"
        "print(r.templates_dir());"
        "print(r.examples_dir());"
        "print(r.frameworks_dir());"
        "print(','.join(f.id for f in chibo_docs.list_frameworks()))"
    )
    done = subprocess.run(
        [str(python), "-c", probe], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    module_file, templates, examples, frameworks, ids = done.stdout.split()
    assert str(env_dir) in module_file  # not the checkout
    for folder in (templates, examples, frameworks):
        assert Path(folder).parent == Path(module_file).parent
    shipped = {p.name for f in (templates, examples, frameworks) for p in Path(f).iterdir()}
    in_repo = {p.name for f in ("templates", "examples", "frameworks") for p in (REPO / f).iterdir()}
    assert shipped == in_repo
    assert ids == "hd42-khung-a,hd42-khung-b,phu-tho-dukcq"
    cli = subprocess.run(
        [str(env_dir / "bin" / "chibo-docs"), "--version"], capture_output=True, text=True
    )
    assert cli.returncode == 0, cli.stderr
