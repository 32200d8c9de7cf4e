"""The package shows its layers: imports point down, no cycles, one door per outside library.

The contracts live in pyproject.toml (``[tool.importlinter]``) and are checked by
import-linter, which reads every import of the source (those inside functions included);
``make test`` runs the same check as ``lint-imports``. docs/design.md draws the layers.
"""

from __future__ import annotations

import ast
import pkgutil
import sys
import tomllib

import pytest
from importlinter.cli import lint_imports

import chibo_docs
from tests.support.paths import REPO


def test_every_import_contract_is_kept(capsys: pytest.CaptureFixture[str]) -> None:
    code = lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 broken" in out


def test_every_subpackage_is_in_a_layer() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c["layers"] for c in contracts if c["type"] == "layers")
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    modules = {f"chibo_docs.{m.name}" for m in pkgutil.iter_modules(chibo_docs.__path__)}
    assert modules - {"chibo_docs.__main__"} == placed


def test_exactly_one_import_runs_up_a_layer() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")
    assert layers["ignore_imports"] == ["chibo_docs.models.base -> chibo_docs.rules.checks"]


def test_no_module_name_shadows_the_standard_library_or_a_dependency() -> None:
    """A script run from inside the package (the UNO worker) must not shadow what it imports."""
    dependencies = {"docx", "docxtpl", "jinja2", "lxml", "pypdf", "yaml", "babel", "pydantic", "uno"}
    shadowing = []
    for module in pkgutil.walk_packages(chibo_docs.__path__, "chibo_docs."):
        leaf = module.name.rsplit(".", 1)[1]
        if leaf in sys.stdlib_module_names or leaf in dependencies:
            shadowing.append(module.name)
    assert shadowing == []


def test_no_test_imports_conftest_and_no_benchmark_imports_a_test() -> None:
    """Helpers live in tests/support/; benchmarks share only samples/ with the tests."""
    offenders = []
    for folder, forbidden in (("tests", ("tests.conftest", "conftest")), ("benchmarks", ("tests",))):
        for path in sorted((REPO / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = (
                    [node.module or ""] if isinstance(node, ast.ImportFrom)
                    else [a.name for a in node.names] if isinstance(node, ast.Import) else []
                )
                for name in names:
                    if any(name == f or name.startswith(f + ".") for f in forbidden):
                        offenders.append(f"{path.relative_to(REPO)}: {name}")
    assert offenders == []
