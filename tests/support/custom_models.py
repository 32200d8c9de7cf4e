"""A package of custom models, written to disk as a form author's own package would be; and the
commands of the authors' guide that use it.

``write_models(root)`` writes ``root/chibo_custom_models/__init__.py``; put ``root`` on
``sys.path`` (``monkeypatch.syspath_prepend``) or on ``PYTHONPATH`` for a subprocess, and name
the models in a manifest as ``chibo_custom_models:BaoCao``.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

from tests.support.paths import REPO

__all__ = ["PACKAGE", "bao_cao_data", "guide_commands", "guide_section", "write_models"]

PACKAGE = "chibo_custom_models"

_SOURCE = '''
"""Models of a form author's package: a report, and a resolution with one field more."""

from typing import ClassVar, Literal

from pydantic import Field

from chibo_docs.models import DocType, IssuedDocument, Line, Recipients, Resolution, Signature


class BaoCao(IssuedDocument):
    """Báo cáo — a report of the cell; its number is optional."""

    doc_type: ClassVar[DocType] = DocType.REPORT
    document: Literal["report"] = "report"
    title: Line = Field(description="Trích yếu")
    recipients: Recipients
    signature: Signature


class NghiQuyetTinh(Resolution):
    """A resolution that also names who leads its implementation."""

    nguoi_de_dan: str = Field(description="Người dẫn dắt thực hiện")
'''


def write_models(root: Path) -> Path:
    """Write the package under ``root`` and return its folder."""
    package = root / PACKAGE
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text(_SOURCE, encoding="utf-8")
    return package


def bao_cao_data(number: int | None) -> dict[str, Any]:
    """The data of a report, numbered or not."""
    return {
        "issued_by": {
            "kind": "chi_bo",
            "name": "Chi bộ Trung tâm Kỹ thuật Tài nguyên",
            "upper_header_line": "ĐẢNG BỘ SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
            "header_line": "CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN",
            "symbol": "CB",
            "place_name": "Lai Châu",
            "rule_set": "HD12-2018",
        },
        "number": number,
        "issued_on": "2021-04-28",
        "title": "kết quả sinh hoạt chi bộ mẫu tháng 4 năm 2021",
        "recipients": ["Đảng ủy Sở Tài nguyên và Môi trường", "Lưu Chi bộ"],
        "signature": {"on_behalf": "T/M CHI BỘ", "title": "BÍ THƯ", "full_name": "Nguyễn Tiến Duyệt"},
    }


def guide_section(number: int) -> str:
    """The text of part ``number`` of docs/template-authors.md."""
    text = (REPO / "docs" / "template-authors.md").read_text(encoding="utf-8")
    return text.split(f"\n## {number}. ", 1)[1].split("\n## ", 1)[0]


def guide_commands(number: int) -> list[list[str]]:
    """The ``chibo-docs`` commands of the ``sh`` blocks of part ``number``, split into words."""
    blocks = re.findall(r"```sh\n(.*?)```", guide_section(number), flags=re.S)
    lines = [line for block in blocks for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("chibo-docs ")]
