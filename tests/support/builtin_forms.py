"""The built-in forms, the example each one is rendered from, and the template build script."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tests.support.paths import REPO

FORM_EXAMPLES = {
    "bien-ban": "bien-ban-2021-04.yaml",
    "nghi-quyet": "nghi-quyet-05-2021.yaml",
    "ke-hoach": "ke-hoach-10-2021.yaml",
    "phieu-cham-diem": "phieu-cham-diem-2021-04.yaml",
    "bao-cao": "bao-cao-04-2021.yaml",
    "bao-cao-danh-gia": "bao-cao-danh-gia-2021-04.yaml",
    "thong-bao-rut-kinh-nghiem": "thong-bao-rut-kinh-nghiem-2021-04.yaml",
}
"""Form id → its example in ``examples/``."""

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def build_script() -> ModuleType:
    """Import ``tools/build_templates.py`` (a script, not a package module)."""
    path = REPO / "tools" / "build_templates.py"
    spec = importlib.util.spec_from_file_location("build_templates", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
