"""docs/data-model.md: its generated tables match the models and the rule data."""

from __future__ import annotations

from tests.support.paths import REPO
from tools.data_model_doc import BEGIN, END, generated_tables


def test_the_generated_tables_are_up_to_date() -> None:
    text = (REPO / "docs" / "data-model.md").read_text(encoding="utf-8")
    block = text.split(BEGIN + "\n", 1)[1].split(END, 1)[0]
    assert block == generated_tables(), "run: python -m tools.data_model_doc docs/data-model.md"


def test_every_field_has_a_vietnamese_description() -> None:
    from pydantic import BaseModel

    from chibo_docs import models

    for name in models.__all__:
        model = getattr(models, name)
        if isinstance(model, type) and issubclass(model, BaseModel) and model is not models.Model:
            assert " — " in (model.__doc__ or ""), name
            for field, info in model.model_fields.items():
                assert " — " in (info.description or ""), f"{name}.{field}"
