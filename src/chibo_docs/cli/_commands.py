"""The sub-command modules, in the order ``chibo-docs --help`` lists them.

Each module exposes ``register(subparsers)``; add a new module to ``_MODULES``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chibo_docs.cli import (
    check_commands,
    data_commands,
    demo,
    doctor_commands,
    form_commands,
    framework_commands,
    lint_commands,
    pdf_commands,
    register_commands,
    render_commands,
    skeleton_commands,
)

Registrar = Callable[[Any], None]

_MODULES = (
    data_commands,
    form_commands,
    framework_commands,
    render_commands,
    pdf_commands,
    register_commands,
    skeleton_commands,
    lint_commands,
    check_commands,
    demo,
    doctor_commands,
)

REGISTRARS: list[Registrar] = [module.register for module in _MODULES]
