"""Filling .docx templates with data, safely, and checking templates before they are used.

The one door through which docxtpl and Jinja enter: the rendering engine (sandboxed, escaped,
strict, bounded), the mapping of a Jinja error back to where the author wrote the tag, what a
template can reach from a model, and the template linter.
"""

from __future__ import annotations

from chibo_docs.templating.engine import render_template, render_template_bytes, template_context
from chibo_docs.templating.lint import lint_template

__all__ = ["lint_template", "render_template", "render_template_bytes", "template_context"]
