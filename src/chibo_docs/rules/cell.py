"""Checks of a cell's member list: ids of their own, at most one bí thư (data consistency)."""

from __future__ import annotations

from collections.abc import Iterator

from chibo_docs.models.organisation import Cell, CellRole
from chibo_docs.rules.registry import Violation, member

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
    """ROLE: a cell has at most one bí thư; each further one is refused at its role."""
    first = None
    for i, m in enumerate(cell.members):
        if m.role is not CellRole.SECRETARY:
            continue
        if first is None:
            first = m
            continue
        yield Violation("ROLE", "second_secretary", ("members", i, "role"), {
            "member": member(m.id, m.full_name), "first": member(first.id, first.full_name),
            "member_id": m.id, "first_id": first.id})
