"""The imports of chibo_docs.models and chibo_docs.rules form no cycle.

Read from the source with ``ast``: an import at module level (``if TYPE_CHECKING:`` blocks
included) is an edge; importing a submodule from outside its package also runs the package's
``__init__``, so that is an edge too. The rule checks import the models; the models reach the
checks through one import inside a function (models/base.py, ``Checked``), and otherwise read
only the rule sets, which are plain data importing nothing of chibo_docs. ``models._glossary``,
the generator of docs/data-model.md, reads both packages and is imported by neither.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import chibo_docs

SRC = Path(chibo_docs.__file__).resolve().parent
PACKAGES = ("chibo_docs.models", "chibo_docs.rules")
GENERATOR = "chibo_docs.models._glossary"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    _module_name(p): p for package in ("models", "rules") for p in sorted((SRC / package).glob("*.py"))
}


def _targets(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    assert node.level == 0, "relative imports are not used in chibo_docs"
    base = node.module or ""
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        yield sub if sub in MODULES else base


def _imports(path: Path) -> Iterator[tuple[str, bool]]:
    """Yield (imported module, whether the import is inside a function) for a source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            in_function |= {id(n) for n in ast.walk(node) if n is not node}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for target in _targets(node):
                yield target, id(node) in in_function


def _in_scope(name: str) -> bool:
    return name.startswith(PACKAGES)


def _edges(*, lazy: bool) -> dict[str, set[str]]:
    """Imports between the two packages: module-level ones, or (``lazy``) those in functions."""
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target, inside in _imports(path):
            if inside != lazy or not _in_scope(target):
                continue
            graph[name].add(target)
            for package in PACKAGES:
                if target.startswith(package + ".") and not name.startswith(package):
                    graph[name].add(package)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_source_of_both_packages_is_read() -> None:
    assert {"chibo_docs.models.meeting", "chibo_docs.rules.checks", "chibo_docs.rules"} <= set(MODULES)
    assert "chibo_docs.models.organisation" in _edges(lazy=False)["chibo_docs.rules.cell"]


def test_module_level_imports_have_no_cycle() -> None:
    cycle = _cycle(_edges(lazy=False))
    assert cycle is None, " → ".join(cycle or [])


def test_imports_in_functions_add_no_cycle_but_the_one_into_the_checks() -> None:
    graph = _edges(lazy=False)
    for name, targets in _edges(lazy=True).items():
        graph[name] |= targets
    graph["chibo_docs.models.base"] -= {"chibo_docs.rules.checks", "chibo_docs.rules"}
    cycle = _cycle(graph)
    assert cycle is None, " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_models_read_only_the_rule_sets_at_module_level() -> None:
    graph = _edges(lazy=False)
    assert not any(GENERATOR in targets for targets in graph.values())
    upward = {
        (name, target)
        for name, targets in graph.items()
        if name.startswith("chibo_docs.models") and name != GENERATOR
        for target in targets if target.startswith("chibo_docs.rules")
    }
    assert {target for _, target in upward} <= {"chibo_docs.rules", "chibo_docs.rules.rulesets"}
    assert not any(t.startswith("chibo_docs") for t, _ in _imports(MODULES["chibo_docs.rules.rulesets"]))
    assert not any(t.startswith("chibo_docs") for t, _ in _imports(MODULES["chibo_docs.rules"]))


def test_the_models_reach_the_checks_in_one_place() -> None:
    lazy = {
        (name, target)
        for name, targets in _edges(lazy=True).items() if name.startswith("chibo_docs.models")
        for target in targets if target.startswith("chibo_docs.rules")
    }
    assert lazy == {("chibo_docs.models.base", "chibo_docs.rules.checks"),
                    ("chibo_docs.models.base", "chibo_docs.rules")}
