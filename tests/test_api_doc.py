"""docs/api.md lists every public name: it is generated, and this test fails when it is stale."""

from __future__ import annotations

import chibo_docs
from tools.api_doc import PAGE, render


def test_the_api_page_is_up_to_date() -> None:
    assert PAGE.read_text(encoding="utf-8") == render(), "run: python tools/api_doc.py"


def test_every_public_name_is_on_the_page() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for name in chibo_docs.__all__:
        if name != "__version__":
            assert f"`{name}`" in text, name
