"""A month of a đảng ủy khối: minutes, resolution and invitation for each of its cells.

The three bundled examples are the templates; each cell gets its own name, header line and
numbers, so every document differs (in its text, so in its font subsets too) as real ones do.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from chibo_docs.loading.reader import read_data
from chibo_docs.models import DOCUMENT_MODELS
from chibo_docs.resources import examples_dir

__all__ = ["FORMS_FOLDER", "month_data", "month_documents"]

FORMS_FOLDER = examples_dir() / "forms" / "giay-moi"
"""The invitation's form (an example form folder, not a built-in one)."""

_EXAMPLES = ("bien-ban-2021-04.yaml", "nghi-quyet-05-2021.yaml", "giay-moi-2021-04.yaml")
_STREETS = ("Khu phố", "Tổ dân phố", "Thôn", "Bản", "Ấp")


def _rename(organisation: dict[str, Any], cell: int) -> None:
    place = f"{_STREETS[cell % len(_STREETS)]} {cell + 1}"
    organisation["name"] = f"Chi bộ {place}"
    organisation["header_line"] = f"CHI BỘ {place.upper()}"
    organisation["upper_header_line"] = "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH LAI CHÂU"


def month_data(cells: int = 35) -> Iterator[dict[str, Any]]:
    """Yield the raw data (as read from YAML) of ``cells`` × 3 documents, cell by cell."""
    templates = [read_data(examples_dir() / name) for name in _EXAMPLES]
    for cell in range(cells):
        minutes, resolution, invitation = (copy.deepcopy(t) for t in templates)
        _rename(minutes["meeting"]["cell"], cell)
        _rename(resolution["meeting"]["cell"], cell)
        _rename(invitation["issued_by"], cell)
        resolution["number"] = cell % 40 + 1
        invitation["number"] = cell % 40 + 1
        invitation["title"] = f"dự sinh hoạt chi bộ tháng 4 năm 2021 của chi bộ số {cell + 1}"
        yield from (minutes, resolution, invitation)


def month_documents(cells: int = 35) -> Iterator[Any]:
    """Yield the checked models of :func:`month_data`, one at a time."""
    for data in month_data(cells):
        yield DOCUMENT_MODELS[data["document"]].model_validate(data)
