"""docxtpl's own test suite gives the same visible text and table shapes with chibo_docs.

Each of the 36 scripts (see :mod:`tests.support.docxtpl_suite`) is rendered by docxtpl and by
chibo_docs from the same template and context; what a reader sees must be the same, or the
difference listed in ``DELIBERATE`` with its reason. A template that renders has no lint error.
"""

from __future__ import annotations

import pytest

from tests.support.docxtpl_suite import DELIBERATE, SCRIPTS, Script, run_script


def test_the_suite_has_the_36_scripts_that_render_a_template() -> None:
    names = [s.name for s in SCRIPTS]
    assert len(names) == len(set(names)) == 36


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.name)
def test_docxtpl_script_reads_the_same_or_differs_on_purpose(script: Script) -> None:
    outcome = run_script(script)
    assert outcome.verdict in ("same", "deliberate"), "\n".join(outcome.differences)
    if script.name in DELIBERATE:
        assert outcome.verdict == "deliberate", f"{script.name} is listed but renders the same"
    if outcome.chibo_docs == "rendered":
        assert outcome.lint_errors == (), outcome.lint_errors


def test_a_template_both_refuse_is_an_error_for_the_linter_too() -> None:
    (script,) = [s for s in SCRIPTS if s.name == "template_error"]
    outcome = run_script(script)
    assert (outcome.docxtpl, outcome.chibo_docs) == (
        "refused (TemplateSyntaxError)", "refused (TemplateSyntaxError)"
    )
    assert [e.split()[0] for e in outcome.lint_errors] == ["L001"]
