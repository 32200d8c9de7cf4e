"""Checks of a cell's member list: ids of their own, at most one bí thư (data consistency)."""

from __future__ import annotations

from collections.abc import Iterator

from chibo_docs.models.organisation import Cell, CellRole
from chibo_docs.rules.registry import Violation

__all__ = ["member_ids_of_their_own", "one_secretary"]


def member_ids_of_their_own(cell: Cell) -> Iterator[Violation]:
    """ID: no two members share an id."""
    seen: dict[str, int] = {}
    for i, m in enumerate(cell.members):
        if m.id in seen:
            yield Violation("ID", "member_id_twice", ("members", i, "id"),
                            {"member_id": m.id, "first": seen[m.id]})
        seen.setdefault(m.id, i)


def one_secretary(cell: Cell) -> Iterator[Violation]:
    """ROLE: a cell has at most one bí thư."""
    secretaries = [m.id for m in cell.members if m.role is CellRole.SECRETARY]
    if len(secretaries) > 1:
        yield Violation("ROLE", "secretaries", ("members",),
                        {"count": len(secretaries), "ids": secretaries})
