"""Checks of the signature block: the T/M line fits the issuer (V22), a cell signs 'T/M CHI ỦY'
only with a chi ủy (V12), the signer holds the title signed under (V23)."""

from __future__ import annotations

from collections.abc import Iterator

from chibo_docs.models.documents import Plan, Resolution
from chibo_docs.models.organisation import IssuerKind
from chibo_docs.models.references import OnBehalf, SignerTitle
from chibo_docs.rules.registry import Violation

__all__ = ["committee_signs_for_a_cell", "on_behalf_fits_the_issuer", "signer_holds_the_title"]

_MAY_SIGN: dict[IssuerKind, tuple[OnBehalf, OnBehalf]] = {
    IssuerKind.CELL: (OnBehalf.CELL, OnBehalf.CELL_COMMITTEE),
    IssuerKind.COMMITTEE: (OnBehalf.STANDING_COMMITTEE, OnBehalf.PARTY_COMMITTEE),
}
"""V22: the T/M lines each kind of issuer signs (HD 36-HD/VPTW, thể thức đề ký)."""


def on_behalf_fits_the_issuer(document: Resolution | Plan) -> Iterator[Violation]:
    """V22: a chi bộ signs for the chi bộ or its chi ủy; a đảng ủy for its standing committee or itself."""
    kind, on_behalf = document.issuer.kind, document.signature.on_behalf
    allowed = _MAY_SIGN[kind]
    if on_behalf not in allowed:
        key = "cell_signs" if kind is IssuerKind.CELL else "committee_signs"
        yield Violation("V22", key, ("signature", "on_behalf"), {
            "allowed": allowed[0].value, "allowed_too": allowed[1].value, "on_behalf": on_behalf.value})


def committee_signs_for_a_cell(resolution: Resolution) -> Iterator[Violation]:
    """V12: 'T/M CHI ỦY' only from a cell that has a chi ủy."""
    cell = resolution.meeting.cell
    if resolution.signature.on_behalf is OnBehalf.CELL_COMMITTEE and not cell.has_committee:
        yield Violation("V12", "no_committee", ("signature", "on_behalf"),
                        {"official": cell.official_count, "minimum": cell.rules.committee_min_official})


def signer_holds_the_title(resolution: Resolution) -> Iterator[Violation]:
    """V23: the signer is the cell's bí thư (signing 'BÍ THƯ') or a phó bí thư ('PHÓ BÍ THƯ')."""
    cell, signature = resolution.meeting.cell, resolution.signature
    secretary = signature.title is SignerTitle.SECRETARY
    holders = [cell.secretary] if secretary else cell.deputy_secretaries
    if not any(m is not None and m.full_name == signature.full_name for m in holders):
        key = "not_the_secretary" if secretary else "not_a_deputy"
        yield Violation("V23", key, ("signature", "full_name"), {"name": signature.full_name})
