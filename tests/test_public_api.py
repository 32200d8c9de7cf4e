"""The public API is small and explicit: ``__all__`` is sorted and complete."""

from __future__ import annotations

import chibo_docs


def test_all_has_no_duplicates() -> None:
    # Its order is ruff's RUF022 (constants, classes, functions), checked by `make test`.
    assert len(set(chibo_docs.__all__)) == len(chibo_docs.__all__)


def test_all_names_exist() -> None:
    for name in chibo_docs.__all__:
        assert hasattr(chibo_docs, name), name


def test_every_public_attribute_is_in_all() -> None:
    public = {
        name
        for name, value in vars(chibo_docs).items()
        if not name.startswith("_") and not getattr(value, "__file__", None)
    }
    public -= {"annotations"}
    assert public <= set(chibo_docs.__all__) | {"__version__"}


def test_errors_share_one_base() -> None:
    for name in chibo_docs.__all__:
        value = getattr(chibo_docs, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, chibo_docs.ChiboDocsError), name
